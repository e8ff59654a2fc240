//! The sans-IO client flow (issue 19): each scenario drives the flow with
//! scripted response heads and asserts the requests it made.

use auth_headers::client::flow::{
    Decision, Exchange, Flow, Next, Origin, Scheme, StepUp, Target, TokenSource, Why,
};
use http::header::{HeaderMap, HeaderValue, AUTHORIZATION, PROXY_AUTHORIZATION};
use http::{Method, StatusCode, Uri};

fn head(lines: &[(&str, &str)]) -> HeaderMap {
    let mut m = HeaderMap::new();
    for (k, v) in lines {
        m.append(
            http::header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            HeaderValue::from_bytes(v.as_bytes()).unwrap(),
        );
    }
    m
}

/// Sends one request through the flow; returns the Authorization it carried.
fn send(flow: &mut Flow, ex: &mut Exchange, url: &str) -> (Option<String>, Option<String>) {
    let mut h = HeaderMap::new();
    flow.authorize_parts(
        ex,
        &Method::GET,
        &url.parse::<Uri>().unwrap(),
        &mut h,
        Some(b""),
    )
    .unwrap();
    let s = |n| {
        h.get(n)
            .map(|v: &HeaderValue| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    (s(AUTHORIZATION), s(PROXY_AUTHORIZATION))
}

fn answer(flow: &mut Flow, ex: &mut Exchange, status: u16, lines: &[(&str, &str)]) -> Decision {
    flow.on_response(ex, StatusCode::from_u16(status).unwrap(), &head(lines))
}

const URL: &str = "http://127.0.0.1:8080/dir/a";

// RFC 7617 §2 / §2.2: answer a Basic challenge once, reuse it below the
// directory, not above it.
#[test]
fn basic_once_then_preemptive_in_its_space() {
    let mut f = Flow::for_url(URL).unwrap().user("Aladdin", "open sesame");
    let mut ex = Exchange::new();
    assert_eq!(send(&mut f, &mut ex, URL).0, None);
    let d = answer(
        &mut f,
        &mut ex,
        401,
        &[("www-authenticate", "Basic realm=\"x\"")],
    );
    assert_eq!(
        (d.next(), d.why()),
        (Next::Retry, Why::Answering(Scheme::Basic))
    );
    assert_eq!(d.target(), Some(Target::Server));
    let (a, _) = send(&mut f, &mut ex, URL);
    assert_eq!(a.as_deref(), Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    assert_eq!(answer(&mut f, &mut ex, 200, &[]).next(), Next::Done);
    let pre = |f: &mut Flow, u: &str| send(f, &mut Exchange::new(), u).0.is_some();
    assert!(pre(&mut f, "http://127.0.0.1:8080/dir/b/c"));
    assert!(!pre(&mut f, "http://127.0.0.1:8080/other"));
    assert!(!pre(&mut f, "http://127.0.0.1:8081/dir/a"), "another port");
    assert!(
        !pre(&mut f, "https://127.0.0.1:8080/dir/a"),
        "another scheme"
    );
    assert!(!pre(&mut f, "http://127.0.0.2:8080/dir/a"), "another host");
}

// OkHttp #2464: a 401 to the credentials just sent ends the exchange.
#[test]
fn rejected_credentials_do_not_loop() {
    let mut f = Flow::for_url(URL).unwrap().user("u", "wrong");
    let mut ex = Exchange::new();
    let ch = [("www-authenticate", "Basic realm=\"x\"")];
    send(&mut f, &mut ex, URL);
    assert_eq!(answer(&mut f, &mut ex, 401, &ch).next(), Next::Retry);
    send(&mut f, &mut ex, URL);
    let d = answer(&mut f, &mut ex, 401, &ch);
    assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::Rejected));
    assert_eq!(ex.attempts(), 2);
}

// Issue 19: the bound on attempts holds whatever the server answers.
#[test]
fn attempts_are_bounded() {
    let mut f = Flow::for_url(URL).unwrap().user("u", "p").max_attempts(1);
    let mut ex = Exchange::new();
    send(&mut f, &mut ex, URL);
    let d = answer(
        &mut f,
        &mut ex,
        401,
        &[("www-authenticate", "Basic realm=\"x\"")],
    );
    assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::TooManyAttempts));
}

// curl CVE-2018-1000007: no credentials for another origin, and a 401 from
// it is not answered.
#[test]
fn other_origin_gets_nothing() {
    let mut f = Flow::for_url(URL).unwrap().user("u", "p").bearer("tok");
    let mut ex = Exchange::new();
    assert_eq!(
        send(&mut f, &mut ex, "http://127.0.0.2:8080/dir/a"),
        (None, None)
    );
    let d = answer(
        &mut f,
        &mut ex,
        401,
        &[("www-authenticate", "Basic realm=\"x\"")],
    );
    assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::OtherOrigin));
}

struct Source {
    refresh: Option<&'static str>,
    step_up: Option<&'static str>,
    asked: Vec<StepUp>,
}

impl TokenSource for Source {
    fn refresh(&mut self) -> Option<String> {
        self.refresh.take().map(String::from)
    }
    fn step_up(&mut self, step: &StepUp) -> Option<String> {
        self.asked.push(step.clone());
        self.step_up.map(String::from)
    }
}

// RFC 6750 §3.1 invalid_token: refresh once, a second one gives up.
#[test]
fn bearer_refresh_once() {
    let mut f = Flow::for_url(URL).unwrap().bearer("old");
    let mut src = Source {
        refresh: Some("new"),
        step_up: None,
        asked: vec![],
    };
    let mut ex = Exchange::new();
    let bad = [(
        "www-authenticate",
        "Bearer realm=\"api\", error=\"invalid_token\"",
    )];
    assert_eq!(send(&mut f, &mut ex, URL).0.as_deref(), Some("Bearer old"));
    let d = answer(&mut f, &mut ex, 401, &bad);
    assert_eq!((d.next(), d.why()), (Next::Refresh, Why::InvalidToken));
    assert_eq!(f.resolve(&d, &mut src), Next::Retry);
    assert_eq!(send(&mut f, &mut ex, URL).0.as_deref(), Some("Bearer new"));
    let d = answer(&mut f, &mut ex, 401, &bad);
    assert_eq!(
        (d.next(), d.why()),
        (Next::GiveUp, Why::RefreshedTokenRejected)
    );
}

// MCP SEP-2350: step up with the union of the scopes asked so far; the same
// scope again gives up (modelcontextprotocol #2349: no endless re-auth).
#[test]
fn step_up_with_the_union_of_scopes() {
    let mut f = Flow::for_url(URL)
        .unwrap()
        .bearer("t0")
        .scopes(["files:read"]);
    let mut src = Source {
        refresh: None,
        step_up: Some("t1"),
        asked: vec![],
    };
    let mut ex = Exchange::new();
    let scope = |s: &str| {
        format!(
            r#"Bearer error="insufficient_scope", scope="{s}", resource_metadata="http://127.0.0.1:8080/.well-known/oauth-protected-resource""#
        )
    };
    send(&mut f, &mut ex, URL);
    let d = answer(
        &mut f,
        &mut ex,
        403,
        &[("www-authenticate", &scope("files:write"))],
    );
    assert_eq!((d.next(), d.why()), (Next::StepUp, Why::InsufficientScope));
    assert_eq!(d.step_up().unwrap().scopes, ["files:read", "files:write"]);
    let rm = d.resource_metadata().unwrap();
    assert!(rm.on_origin && rm.url.ends_with("/oauth-protected-resource"));
    assert_eq!(f.resolve(&d, &mut src), Next::Retry);
    assert_eq!(send(&mut f, &mut ex, URL).0.as_deref(), Some("Bearer t1"));
    let d = answer(
        &mut f,
        &mut ex,
        403,
        &[("www-authenticate", &scope("admin"))],
    );
    assert_eq!(
        d.step_up().unwrap().scopes,
        ["files:read", "files:write", "admin"]
    );
    f.resolve(&d, &mut src);
    send(&mut f, &mut ex, URL);
    let d = answer(
        &mut f,
        &mut ex,
        403,
        &[("www-authenticate", &scope("admin files:read"))],
    );
    assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::ScopeNotWidened));
    // A bare 403 is final and not a challenge.
    let mut ex = Exchange::new();
    send(&mut f, &mut ex, URL);
    assert_eq!(answer(&mut f, &mut ex, 403, &[]).next(), Next::Done);
}

// rmcp's substring search: `scope=` inside error_description is not the
// scope; and the challenge may be on the second header line.
#[test]
fn scope_is_read_by_the_grammar_on_every_line() {
    let mut f = Flow::for_url(URL).unwrap().bearer("t");
    let mut ex = Exchange::new();
    send(&mut f, &mut ex, URL);
    let d = answer(
        &mut f,
        &mut ex,
        403,
        &[
            ("www-authenticate", "Basic realm=\"x\""),
            (
                "www-authenticate",
                r#"Bearer error_description="need scope=admin", error="insufficient_scope", scope="files:read", resource_metadata="https://as.example/m""#,
            ),
        ],
    );
    assert_eq!(d.step_up().unwrap().scopes, ["files:read"]);
    assert_eq!(d.challenges(), ["Basic", "Bearer"]);
    assert!(!d.resource_metadata().unwrap().on_origin);
}

// RFC 9470 §3: acr_values and max_age, once.
#[test]
fn step_up_authentication_level() {
    let mut f = Flow::for_url(URL).unwrap().bearer("t");
    let mut ex = Exchange::new();
    let ch = [(
        "www-authenticate",
        r#"Bearer error="insufficient_user_authentication", acr_values="myACR phr", max_age=5"#,
    )];
    send(&mut f, &mut ex, URL);
    let d = answer(&mut f, &mut ex, 401, &ch);
    let s = d.step_up().unwrap();
    assert_eq!(
        (s.acr_values.clone(), s.max_age),
        (vec!["myACR".into(), "phr".into()], Some(5))
    );
    f.set_token("t2");
    send(&mut f, &mut ex, URL);
    assert_eq!(answer(&mut f, &mut ex, 401, &ch).next(), Next::GiveUp);
}

// RFC 9449 §9: use_dpop_nonce retries once with the DPoP-Nonce.
#[test]
fn dpop_nonce_once() {
    let mut f = Flow::for_url(URL).unwrap();
    let mut ex = Exchange::new();
    let ch = [
        (
            "www-authenticate",
            r#"DPoP error="use_dpop_nonce", algs="ES256""#,
        ),
        ("dpop-nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v"),
    ];
    send(&mut f, &mut ex, URL);
    let d = answer(&mut f, &mut ex, 401, &ch);
    assert_eq!(
        (d.next(), d.dpop_nonce()),
        (Next::Retry, Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"))
    );
    assert_eq!(f.dpop_nonce(), Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
    send(&mut f, &mut ex, URL);
    assert_eq!(answer(&mut f, &mut ex, 401, &ch).why(), Why::DpopNonceAgain);
}

// curl CVE-2014-0015 / CVE-2016-0755: NTLM and Negotiate are not driven.
#[test]
fn connection_bound_schemes_are_reported() {
    let mut f = Flow::for_url(URL).unwrap().user("u", "p");
    let mut ex = Exchange::new();
    send(&mut f, &mut ex, URL);
    let d = answer(
        &mut f,
        &mut ex,
        401,
        &[
            ("www-authenticate", "Negotiate"),
            ("www-authenticate", "NTLM"),
        ],
    );
    assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::ConnectionBound));
    assert_eq!(d.challenges(), ["Negotiate", "NTLM"]);
    // With Basic beside them, Basic is answered.
    let mut ex = Exchange::new();
    send(&mut f, &mut ex, URL);
    let d = answer(
        &mut f,
        &mut ex,
        401,
        &[("www-authenticate", "NTLM, Basic realm=\"r\"")],
    );
    assert_eq!(d.next(), Next::Retry);
}

// RFC 9110 §11.7: 407 is answered with Proxy-Authorization, then reused.
#[test]
fn proxy_407() {
    let mut f = Flow::for_url(URL).unwrap().proxy_user("p", "q");
    let mut ex = Exchange::new();
    send(&mut f, &mut ex, URL);
    let d = answer(
        &mut f,
        &mut ex,
        407,
        &[("proxy-authenticate", "Basic realm=\"proxy\"")],
    );
    assert_eq!((d.next(), d.target()), (Next::Retry, Some(Target::Proxy)));
    let (a, p) = send(&mut f, &mut ex, URL);
    assert_eq!((a, p.as_deref()), (None, Some("Basic cDpx")));
    answer(&mut f, &mut ex, 200, &[]);
    assert_eq!(ex.proxy_sent(), Some(Scheme::Basic));
    let (_, p) = send(&mut f, &mut Exchange::new(), "http://elsewhere.example/");
    assert!(
        p.is_some(),
        "the proxy's credentials go to the proxy whatever the origin"
    );
}

// A 401 without a challenge, malformed lines, unknown schemes.
#[test]
fn odd_challenges() {
    let mut f = Flow::for_url(URL).unwrap().user("u", "p");
    for (lines, why) in [
        (&[][..], Why::NoChallenge),
        (&[("www-authenticate", "Foo bar=1")][..], Why::Unsupported),
        (
            &[("www-authenticate", "Bearer realm=\"x\"")][..],
            Why::NoCredentials,
        ),
    ] {
        let mut ex = Exchange::new();
        send(&mut f, &mut ex, URL);
        assert_eq!(answer(&mut f, &mut ex, 401, lines).why(), why);
    }
    // A malformed first line does not hide the second.
    let mut ex = Exchange::new();
    send(&mut f, &mut ex, URL);
    let d = answer(
        &mut f,
        &mut ex,
        401,
        &[
            ("www-authenticate", "Basic, =x"),
            ("www-authenticate", "Basic realm=\"y\""),
        ],
    );
    assert_eq!(d.next(), Next::Retry);
}

#[test]
fn debug_redacts_every_secret() {
    let f = Flow::for_url(URL)
        .unwrap()
        .user("alice", "hunter2")
        .bearer("tok-secret")
        .proxy_user("bob", "pxpass");
    let s = format!("{f:?}");
    assert!(s.contains("alice") && s.contains("bob"));
    for secret in ["hunter2", "tok-secret", "pxpass"] {
        assert!(!s.contains(secret), "{s}");
    }
    assert_eq!(
        Origin::parse("HTTP://Example.COM/x"),
        Origin::parse("http://example.com:80/")
    );
}

#[cfg(feature = "digest")]
mod digest {
    use super::*;
    use auth_headers::schemes::digest::{Algorithm, DigestCredentials, DigestServer, Qop, Secret};

    fn flow() -> Flow {
        let mut n = 0u8;
        Flow::for_url(URL)
            .unwrap()
            .user("Mufasa", "Circle of Life")
            .random(Box::new(move |b| {
                n += 1;
                b.fill(n);
                Ok(())
            }))
    }

    fn digest(alg: &str, nonce: &str, extra: &str) -> String {
        format!(r#"Digest realm="r", qop="auth", algorithm={alg}, nonce="{nonce}"{extra}"#)
    }

    fn sent_algorithm(a: &str) -> String {
        let c = DigestCredentials::parse(a).unwrap();
        c.algorithm().known().unwrap().name().to_string()
    }

    // Issue 19 (diqwest): the strongest challenge whatever the order and
    // the line, the request-target (not the absolute URL) as `uri`.
    #[test]
    fn strongest_across_lines_and_request_target() {
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let algs = ["MD5", "SHA-256", "SHA-512-256"];
            let lines: Vec<(&str, String)> = order
                .iter()
                .map(|&i| ("www-authenticate", digest(algs[i], "n", "")))
                .collect();
            let lines: Vec<(&str, &str)> = lines.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let mut f = flow();
            let mut ex = Exchange::new();
            send(&mut f, &mut ex, URL);
            answer(&mut f, &mut ex, 401, &lines);
            let (a, _) = send(&mut f, &mut ex, "http://127.0.0.1:8080/dir/a?q=1&r=2");
            let a = a.unwrap();
            assert_eq!(sent_algorithm(&a), "SHA-512-256");
            assert!(a.contains(r#"uri="/dir/a?q=1&r=2""#), "{a}");
            assert_eq!(ex.algorithm(), Some(Algorithm::Sha512_256));
        }
    }

    // Issue 19: a configurable minimum refuses a downgrade to MD5.
    #[test]
    fn minimum_refuses_md5() {
        let mut f = flow().min_digest(Algorithm::Sha256);
        let mut ex = Exchange::new();
        send(&mut f, &mut ex, URL);
        let md5 = digest("MD5", "n", "");
        let d = answer(
            &mut f,
            &mut ex,
            401,
            &[
                ("www-authenticate", &md5),
                ("www-authenticate", "Basic realm=\"r\""),
            ],
        );
        assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::DigestTooWeak));
    }

    // RFC 7616 §3.3 stale=true: retry once; a second stale gives up.
    #[test]
    fn stale_once_then_give_up() {
        let mut f = flow();
        let mut ex = Exchange::new();
        send(&mut f, &mut ex, URL);
        answer(
            &mut f,
            &mut ex,
            401,
            &[("www-authenticate", &digest("SHA-256", "n1", ""))],
        );
        assert!(send(&mut f, &mut ex, URL)
            .0
            .unwrap()
            .contains("nonce=\"n1\""));
        let d = answer(
            &mut f,
            &mut ex,
            401,
            &[("www-authenticate", &digest("SHA-256", "n2", ", stale=true"))],
        );
        assert_eq!((d.next(), d.why()), (Next::Retry, Why::StaleNonce));
        assert!(send(&mut f, &mut ex, URL)
            .0
            .unwrap()
            .contains("nonce=\"n2\""));
        let d = answer(
            &mut f,
            &mut ex,
            401,
            &[("www-authenticate", &digest("SHA-256", "n3", ", stale=true"))],
        );
        assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::StaleAgain));
        assert_eq!(ex.attempts(), 3);
    }

    // Against the crate's own Digest server: nc counts per nonce across
    // requests (preemptive reuse), rspauth verified, nextnonce adopted, a
    // wrong rspauth refused.
    #[test]
    fn against_the_server_rspauth_and_nextnonce() {
        let key = [9u8; 32];
        let algs = [Algorithm::Sha256];
        let server = DigestServer::new(&key, "r").unwrap().algorithms(&algs);
        let now = 1_700_000_000;
        let mut www = String::new();
        server
            .write_challenges(now, [1; 8], false, &mut www)
            .unwrap();
        let mut f = flow();
        let mut ex = Exchange::new();
        send(&mut f, &mut ex, URL);
        answer(&mut f, &mut ex, 401, &[("www-authenticate", &www)]);
        let mut infos = vec![];
        for i in 1..=3u32 {
            let (a, _) = send(&mut f, &mut ex, URL);
            let a = a.unwrap();
            let creds = DigestCredentials::parse(&a).unwrap();
            assert_eq!(creds.nc().unwrap(), Some(i), "nc counts per nonce");
            let checked = server.check_nonce(creds, now + 1).unwrap();
            let v = server
                .verify(checked, "GET", "/dir/a", None, |_, _| {
                    Some(Secret::Password(b"Circle of Life"))
                })
                .unwrap();
            assert_eq!(v.qop(), Qop::Auth);
            let mut info = String::new();
            v.write_authentication_info(None, None, &mut info).unwrap();
            if i == 3 {
                // A wrong rspauth on a 200 is an error, not a success.
                let at = info.find("rspauth=\"").unwrap() + 9;
                let flip = if &info[at..at + 1] == "0" { "1" } else { "0" };
                info.replace_range(at..at + 1, flip);
                let d = answer(&mut f, &mut ex, 200, &[("authentication-info", &info)]);
                assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::RspauthMismatch));
                break;
            }
            let d = answer(&mut f, &mut ex, 200, &[("authentication-info", &info)]);
            assert_eq!(d.next(), Next::Done);
            infos.push(info);
            ex = Exchange::new();
        }
        // nextnonce: the next request uses it, from nc=1.
        let mut ex = Exchange::new();
        send(&mut f, &mut ex, URL);
        answer(
            &mut f,
            &mut ex,
            200,
            &[("authentication-info", "nextnonce=\"fresh\"")],
        );
        let a = send(&mut f, &mut Exchange::new(), URL).0.unwrap();
        assert!(
            a.contains("nonce=\"fresh\"") && a.contains("nc=00000001"),
            "{a}"
        );
    }

    // Issue 19: a non-ASCII username goes quoted as UTF-8, `"` and `\`
    // escaped; Basic and Digest agree.
    #[test]
    fn utf8_username_quoted() {
        let mut f = Flow::for_url(URL)
            .unwrap()
            .user("J\"ä\\s", "p")
            .random(Box::new(|b| {
                b.fill(7);
                Ok(())
            }));
        let mut ex = Exchange::new();
        send(&mut f, &mut ex, URL);
        answer(
            &mut f,
            &mut ex,
            401,
            &[("www-authenticate", &digest("MD5", "n", ""))],
        );
        let a = send(&mut f, &mut ex, URL).0.unwrap();
        assert!(a.starts_with("Digest username=\"J\\\"ä\\\\s\""), "{a}");
    }

    // RFC 7616 §3.4.3: auth-int hashes the body the caller gives.
    #[test]
    fn auth_int_with_the_body() {
        let key = [3u8; 32];
        let qop = [Qop::AuthInt];
        let server = DigestServer::new(&key, "r").unwrap().qop(&qop);
        let mut www = String::new();
        server
            .write_challenges(5_000, [2; 8], false, &mut www)
            .unwrap();
        let mut f = flow();
        let mut ex = Exchange::new();
        send(&mut f, &mut ex, URL);
        answer(&mut f, &mut ex, 401, &[("www-authenticate", &www)]);
        let mut h = HeaderMap::new();
        let uri: Uri = URL.parse().unwrap();
        f.authorize_parts(&mut ex, &Method::POST, &uri, &mut h, Some(b"payload"))
            .unwrap();
        let a = h[AUTHORIZATION].to_str().unwrap();
        let checked = server
            .check_nonce(DigestCredentials::parse(a).unwrap(), 5_001)
            .unwrap();
        server
            .verify(checked, "POST", "/dir/a", Some(b"payload"), |_, _| {
                Some(Secret::Password(b"Circle of Life"))
            })
            .unwrap();
        // Without the body, auth-int cannot be answered.
        let mut h = HeaderMap::new();
        f.authorize_parts(&mut Exchange::new(), &Method::POST, &uri, &mut h, None)
            .unwrap_err();
    }
}
