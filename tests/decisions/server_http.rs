//! The server decisions as `http` types (issue 18): responses with their
//! challenge lines, credentials read from a `HeaderMap` with a second line
//! refused (RFC 9110 §11.6.2), the proxy form (RFC 9110 §11.7), Basic
//! verification (RFC 7617 §2, §2.1) and the lossy `error_description`
//! (RFC 6750 §3).

use crate::cases::config;
use auth_headers::lint::{lint, Severity};
use auth_headers::schemes::basic::parse_credentials as basic_creds;
use auth_headers::server::{
    append_challenges, challenge_response, lossy_description, lossy_description_string,
    BasicServer, BasicUsers, BearerServer, Lines, Outcome, Side,
};
use auth_headers::write::ChallengeBuilder;
use auth_headers::ErrorKind;
use http::header::{
    HeaderMap, HeaderValue, AUTHORIZATION, PROXY_AUTHENTICATE, PROXY_AUTHORIZATION,
    WWW_AUTHENTICATE,
};
use http::{Response, StatusCode};
use proptest::prelude::*;

fn map(field: http::HeaderName, values: &[&str]) -> HeaderMap {
    let mut m = HeaderMap::new();
    for v in values {
        m.append(field.clone(), HeaderValue::from_str(v).unwrap());
    }
    m
}

/// Every challenge line of `r` in `field`, as text; each passes the
/// crate's linter with no warning and no error.
fn lines(r: &Response<()>, field: &http::HeaderName) -> Vec<String> {
    r.headers()
        .get_all(field)
        .iter()
        .map(|v| {
            let findings = lint(field.as_str(), v.as_bytes());
            assert!(
                findings.iter().all(|f| f.severity == Severity::Info),
                "{v:?}: {findings:?}"
            );
            v.to_str().unwrap().to_string()
        })
        .collect()
}

const META: &str = "https://api.example/.well-known/oauth-protected-resource";

// RFC 6750 §3, §3.1 and RFC 9728 §5.1, as `http::Response`s.
#[test]
fn bearer_replies_as_responses() {
    let api = BearerServer::new("api").resource_metadata(META);
    let cases = [
        (
            Outcome::NoCredentials,
            401,
            format!(r#"Bearer realm="api", resource_metadata="{META}""#),
        ),
        (
            Outcome::Malformed {
                description: Some("two tokens"),
            },
            400,
            format!(
                r#"Bearer realm="api", error="invalid_request", error_description="two tokens", resource_metadata="{META}""#
            ),
        ),
        (
            Outcome::InvalidCredentials {
                description: Some("The access token expired"),
            },
            401,
            format!(
                r#"Bearer realm="api", error="invalid_token", error_description="The access token expired", resource_metadata="{META}""#
            ),
        ),
        (
            Outcome::InsufficientScope {
                scope: "files:write",
                description: None,
            },
            403,
            format!(
                r#"Bearer realm="api", error="insufficient_scope", scope="files:write", resource_metadata="{META}""#
            ),
        ),
    ];
    for (outcome, status, line) in cases {
        let reply = api.reply(outcome).unwrap();
        assert_eq!(reply.status_code(), StatusCode::from_u16(status).unwrap());
        let r: Response<()> = reply.to_response().unwrap();
        assert_eq!(r.status().as_u16(), status);
        assert_eq!(lines(&r, &WWW_AUTHENTICATE), std::slice::from_ref(&line));
        assert!(r.headers().get(PROXY_AUTHENTICATE).is_none());

        // RFC 9110 §11.7.1, §15.5.8: a proxy sends 407 with Proxy-Authenticate;
        // 400 and 403 keep their status.
        let reply = api.proxy().reply(outcome).unwrap();
        let r: Response<()> = reply.to_response().unwrap();
        assert_eq!(
            r.status().as_u16(),
            if status == 401 { 407 } else { status }
        );
        assert_eq!(lines(&r, &PROXY_AUTHENTICATE), [line]);
        assert!(r.headers().get(WWW_AUTHENTICATE).is_none());
    }
}

// RFC 7617 §2, §2.1; RFC 9110 §15.5.4: Basic's 403 has no challenge.
#[test]
fn basic_replies_as_responses() {
    let s = BasicServer::new("authserve").utf8();
    for outcome in [
        Outcome::NoCredentials,
        Outcome::Malformed {
            description: Some("x"),
        },
        Outcome::InvalidCredentials { description: None },
    ] {
        let r: Response<()> = s.reply(outcome).unwrap().to_response().unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            lines(&r, &WWW_AUTHENTICATE),
            [r#"Basic realm="authserve", charset="UTF-8""#]
        );
        let r: Response<()> = s.proxy().reply(outcome).unwrap().to_response().unwrap();
        assert_eq!(r.status(), StatusCode::PROXY_AUTHENTICATION_REQUIRED);
        assert_eq!(
            lines(&r, &PROXY_AUTHENTICATE),
            [r#"Basic realm="authserve", charset="UTF-8""#]
        );
    }
    let r: Response<String> = s
        .reply(Outcome::InsufficientScope {
            scope: "x",
            description: None,
        })
        .unwrap()
        .to_response()
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.headers().is_empty());
    assert_eq!(r.body(), "");
}

// RFC 9110 §11.6.2: `Authorization = credentials`, one of them.
#[test]
fn bearer_reads_headers_and_refuses_a_second_line() {
    let api = BearerServer::new("api");
    assert_eq!(
        api.read_headers(&HeaderMap::new()).unwrap_err(),
        Outcome::NoCredentials
    );
    assert_eq!(
        api.read_headers(&map(AUTHORIZATION, &["Basic QWxh"]))
            .unwrap_err(),
        Outcome::NoCredentials
    );
    // RFC 9110 §11.1: the scheme is case-insensitive.
    assert_eq!(
        api.read_headers(&map(AUTHORIZATION, &["bearer x"]))
            .unwrap()
            .token(),
        "x"
    );
    // RFC 9110 §11.4: 1*SP.
    assert_eq!(
        api.read_headers(&map(AUTHORIZATION, &["Bearer  x"]))
            .unwrap()
            .token(),
        "x"
    );
    for bad in ["Bearer: x", "Bearer read token", "Bearer"] {
        let o = api.read_headers(&map(AUTHORIZATION, &[bad])).unwrap_err();
        assert!(
            matches!(
                o,
                Outcome::Malformed {
                    description: Some(_)
                }
            ),
            "{bad}: {o:?}"
        );
        assert_eq!(api.reply(o).unwrap().status(), 400, "{bad}");
    }
    let two = map(AUTHORIZATION, &["Bearer a", "Bearer b"]);
    let o = api.read_headers(&two).unwrap_err();
    let Outcome::Malformed {
        description: Some(d),
    } = o
    else {
        panic!("{o:?}")
    };
    assert!(d.contains("one credentials"), "{d}");
    let r: Response<()> = api.reply(o).unwrap().to_response().unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(lines(&r, &WWW_AUTHENTICATE)[0].contains(r#"error="invalid_request""#));
    // A second line of another scheme is refused as well.
    let mixed = map(
        AUTHORIZATION,
        &["Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Bearer b"],
    );
    assert!(matches!(
        api.read_headers(&mixed),
        Err(Outcome::Malformed { .. })
    ));
}

// RFC 9110 §11.7.2: a proxy reads Proxy-Authorization, never Authorization.
#[test]
fn proxy_reads_proxy_authorization_only() {
    let api = BearerServer::new("api").proxy();
    assert_eq!(api.side(), Side::Proxy);
    assert_eq!(
        api.read_headers(&map(AUTHORIZATION, &["Bearer x"]))
            .unwrap_err(),
        Outcome::NoCredentials
    );
    assert_eq!(
        api.read_headers(&map(PROXY_AUTHORIZATION, &["Bearer y"]))
            .unwrap()
            .token(),
        "y"
    );
    let two = map(PROXY_AUTHORIZATION, &["Bearer a", "Bearer b"]);
    assert!(matches!(
        api.read_headers(&two),
        Err(Outcome::Malformed { .. })
    ));
    let basic = BasicServer::new("r").proxy();
    let m = map(PROXY_AUTHORIZATION, &["Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="]);
    assert_eq!(
        basic.read_headers(&m).unwrap().token(),
        "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
    assert_eq!(
        basic
            .read_headers(&map(AUTHORIZATION, &["Basic QWxh"]))
            .unwrap_err(),
        Outcome::NoCredentials
    );
    assert_eq!(Side::Proxy.auth_info_header(), "proxy-authentication-info");
    assert_eq!(Side::Origin.auth_info_header(), "authentication-info");
}

// Basic answers a second line as any malformed value: 401 with the challenge.
#[test]
fn basic_second_line_is_401_with_the_challenge() {
    let s = BasicServer::new("authserve");
    let two = map(AUTHORIZATION, &["Basic YTpi", "Basic YTpi"]);
    let o = s.read_headers(&two).unwrap_err();
    assert!(matches!(o, Outcome::Malformed { .. }));
    let r: Response<()> = s.reply(o).unwrap().to_response().unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(lines(&r, &WWW_AUTHENTICATE), [r#"Basic realm="authserve""#]);
}

// One challenge per line by default, joined on request (RFC 9110 §11.6.1).
#[test]
fn several_challenges_one_line_each_or_joined() {
    let offer = [
        ChallengeBuilder::new("Bearer").param("realm", "api"),
        ChallengeBuilder::new("Basic")
            .param("realm", "api")
            .param("charset", "UTF-8"),
    ];
    let r: Response<()> = challenge_response(Side::Origin, 401, &offer, Lines::default()).unwrap();
    assert_eq!(
        lines(&r, &WWW_AUTHENTICATE),
        [
            r#"Bearer realm="api""#,
            r#"Basic realm="api", charset="UTF-8""#
        ]
    );
    let r: Response<()> = challenge_response(Side::Origin, 401, &offer, Lines::Joined).unwrap();
    assert_eq!(
        lines(&r, &WWW_AUTHENTICATE),
        [r#"Bearer realm="api", Basic realm="api", charset="UTF-8""#]
    );
    // RFC 9110 §15.5.2: a 401 carries at least one challenge.
    let none: [ChallengeBuilder<'_>; 0] = [];
    let e = challenge_response::<(), 16>(Side::Origin, 401, &none, Lines::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NoChallenge);
    let r: Response<()> = challenge_response(Side::Origin, 403, &none, Lines::default()).unwrap();
    assert!(r.headers().is_empty());
    // All or nothing: a bad challenge leaves the map untouched.
    let bad = [
        offer[0],
        ChallengeBuilder::new("Basic").param("realm", "a\r\nX: y"),
    ];
    let mut h = HeaderMap::new();
    assert!(append_challenges(Side::Proxy, &bad, Lines::OnePerChallenge, &mut h).is_err());
    assert!(h.is_empty());
    // In either form, and beside lines already there: they stay, alone.
    h.append(PROXY_AUTHENTICATE, "Negotiate".parse().unwrap());
    for form in [Lines::OnePerChallenge, Lines::Joined] {
        let e = append_challenges(Side::Proxy, &bad, form, &mut h).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ControlChar(b'\r'), "{form:?}");
        let kept: Vec<_> = h.get_all(PROXY_AUTHENTICATE).iter().collect();
        assert_eq!(kept, ["Negotiate"], "{form:?}");
        assert_eq!(h.len(), 1);
    }
    h.clear();
    // Many lines: all written, in order.
    let many = [offer[0]; 12];
    append_challenges(Side::Proxy, &many, Lines::OnePerChallenge, &mut h).unwrap();
    assert_eq!(h.get_all(PROXY_AUTHENTICATE).iter().count(), 12);
}

const USERS: BasicUsers<'static> =
    BasicUsers::new(&[("alice", "wonderland"), ("jürgen", "pässwörd€")]);

fn basic_value(user: &[u8], password: &[u8]) -> String {
    use base64::Engine as _;
    let mut up = user.to_vec();
    up.push(b':');
    up.extend_from_slice(password);
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(up)
    )
}

// RFC 7617 §2, §2.1.
#[test]
fn verify_static_accounts() {
    let utf8 = BasicServer::new("authserve").utf8();
    let mut scratch = [0u8; 128];
    let check = |s: &BasicServer<'_>, v: &str, scratch: &mut [u8]| {
        s.verify_static(&basic_creds(v).unwrap(), &USERS, scratch)
    };
    let v = basic_value(b"alice", b"wonderland");
    assert_eq!(check(&utf8, &v, &mut scratch), Ok("alice"));
    assert_eq!(scratch, [0u8; 128], "the decoded user-pass is wiped");
    let v = basic_value("jürgen".as_bytes(), "pässwörd€".as_bytes());
    assert_eq!(check(&utf8, &v, &mut scratch), Ok("jürgen"));
    let wrong = Err(Outcome::InvalidCredentials { description: None });
    for (u, p) in [
        (&b"alice"[..], &b"wonderlan"[..]),
        (b"alice", b"wonderlandx"),
        (b"alice", b""),
        (b"alic", b"wonderland"),
        (b"alicealice", b"wonderland"),
        (b"bob", b"wonderland"),
        (b"", b""),
        // User and password of two different accounts.
        (b"alice", "pässwörd€".as_bytes()),
        // User-id comparison is exact (RFC 7617 leaves case to the server).
        (b"Alice", b"wonderland"),
    ] {
        assert_eq!(
            check(&utf8, &basic_value(u, p), &mut scratch),
            wrong,
            "{u:?} {p:?}"
        );
    }
    // charset="UTF-8" announced: ISO-8859-1 bytes are refused as malformed.
    let latin1 = basic_value(b"j\xFCrgen", b"x");
    assert!(matches!(
        check(&utf8, &latin1, &mut scratch),
        Err(Outcome::Malformed { .. })
    ));
    // Not announced: the bytes are compared as they are (and do not match).
    let plain = BasicServer::new("authserve");
    assert_eq!(check(&plain, &latin1, &mut scratch), wrong);
    // Malformed: bad base64, no colon, too long for the scratch buffer.
    for v in [
        "Basic a-b_",
        "Basic YWxpY2U=",
        &basic_value(b"alice", &[b'x'; 200]),
    ] {
        let got = check(&utf8, v, &mut scratch);
        assert!(
            matches!(
                got,
                Err(Outcome::Malformed {
                    description: Some(_)
                })
            ),
            "{v}: {got:?}"
        );
        assert_eq!(utf8.reply(got.unwrap_err()).unwrap().status(), 401);
    }
    assert_eq!(format!("{USERS:?}"), r#"["alice", "jürgen"]"#);
}

#[test]
fn verify_with_hands_over_bytes_and_wipes() {
    let s = BasicServer::new("r").utf8();
    let mut scratch = [0u8; 64];
    let v = basic_value("jürgen".as_bytes(), b"p:w");
    let got = s.verify_with(&basic_creds(&v).unwrap(), &mut scratch, |u, p| {
        // RFC 7617 §2: the user-id ends at the first colon.
        assert_eq!((u, p), ("jürgen".as_bytes(), &b"p:w"[..]));
        Some(())
    });
    assert_eq!(got, Ok(()));
    assert_eq!(scratch, [0u8; 64]);
    let got: Result<(), _> = s.verify_with(&basic_creds(&v).unwrap(), &mut scratch, |_, _| None);
    assert_eq!(got, Err(Outcome::InvalidCredentials { description: None }));
}

// RFC 6750 §3: error_description = %x20-21 / %x23-5B / %x5D-7E.
#[test]
fn lossy_description_keeps_exactly_the_rfc_6750_set() {
    for b in 0u8..=0x7F {
        let text = (b as char).to_string();
        let got = lossy_description_string(&text);
        let want = match b {
            0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E => text.clone(),
            b'"' => "'".into(),
            b'\\' => "/".into(),
            b'\t' | b'\r' | b'\n' => " ".into(),
            _ => "?".into(),
        };
        assert_eq!(got, want, "byte {b:#x}");
    }
    // One `?` per non-ASCII character, whatever its UTF-8 length.
    assert_eq!(lossy_description_string("é€😀"), "???");
    let mut small = [0u8; 4];
    assert_eq!(lossy_description("abcdef", &mut small), "abcd");
    // The strict form refuses what the lossy form repairs.
    let api = BearerServer::new("api");
    let text = "db said: \"timeout\"\n";
    assert!(api
        .reply(Outcome::InvalidCredentials {
            description: Some(text)
        })
        .is_err());
    let d = lossy_description_string(text);
    assert_eq!(d, "db said: 'timeout' ");
    assert!(api
        .reply(Outcome::InvalidCredentials {
            description: Some(&d)
        })
        .is_ok());
}

proptest! {
    #![proptest_config(config(256))]

    // Any text at all, made lossy, gives a reply that builds and lints clean.
    #[test]
    fn lossy_description_never_fails_a_reply(text in any::<String>()) {
        let d = lossy_description_string(&text);
        prop_assert_eq!(d.chars().count(), text.chars().count());
        let api = BearerServer::new("api");
        let reply = api.reply(Outcome::InvalidCredentials { description: Some(&d) }).unwrap();
        let r: Response<()> = reply.to_response().unwrap();
        let v = r.headers()[WWW_AUTHENTICATE].as_bytes();
        prop_assert!(lint("WWW-Authenticate", v).iter().all(|f| f.severity == Severity::Info));
    }

    // Arbitrary Authorization bytes never panic, and every answer is one of
    // the RFC 6750 §3.1 statuses with a well-formed challenge.
    #[test]
    fn any_authorization_bytes_give_a_valid_reply(bytes in proptest::collection::vec(any::<u8>(), 0..64), two in any::<bool>()) {
        let Ok(v) = HeaderValue::from_bytes(&bytes) else { return Ok(()) };
        let mut m = HeaderMap::new();
        m.append(AUTHORIZATION, v.clone());
        if two { m.append(AUTHORIZATION, v); }
        let api = BearerServer::new("api");
        let outcome = match api.read_headers(&m) {
            Ok(_) => Outcome::InvalidCredentials { description: None },
            Err(o) => o,
        };
        let r: Response<()> = api.reply(outcome).unwrap().to_response().unwrap();
        prop_assert!([400, 401].contains(&r.status().as_u16()));
        lines(&r, &WWW_AUTHENTICATE);
        let basic = BasicServer::new("b").utf8();
        let outcome = match basic.read_headers(&m) {
            Ok(c) => basic.verify_static(&c, &USERS, &mut [0u8; 96]).err().unwrap_or(Outcome::NoCredentials),
            Err(o) => o,
        };
        let r: Response<()> = basic.reply(outcome).unwrap().to_response().unwrap();
        prop_assert_eq!(r.status().as_u16(), 401);
        lines(&r, &WWW_AUTHENTICATE);
    }
}

// RFC 9110 §11.6.2 for Digest: two lines are Malformed, a 400.
#[cfg(feature = "digest")]
#[test]
fn digest_second_line_is_400() {
    use auth_headers::server::digest_credentials;
    let v = r#"Digest username="Mufasa", realm="x", nonce="n", uri="/", response="r""#;
    let m = map(AUTHORIZATION, &[v, v]);
    let e = digest_credentials(&m, Side::Origin).unwrap().unwrap_err();
    assert_eq!(e.status(), 400);
    assert!(digest_credentials(&map(AUTHORIZATION, &["Bearer x"]), Side::Origin).is_none());
    assert!(
        digest_credentials(&map(PROXY_AUTHORIZATION, &[v]), Side::Proxy)
            .unwrap()
            .is_ok()
    );
}
