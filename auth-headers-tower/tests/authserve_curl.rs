//! `authserve` against curl on loopback (issue 18): each request's exact
//! status and challenge, and every 401, 403 and 407 passed through the
//! core's linter with no warning. The server runs on an ephemeral port;
//! every curl call is bounded (`--max-time`). Skipped, with a message, when
//! curl is not installed; under CI, which installs it, that is a failure.
//! The harness (starting authserve, running curl) is `auth-headers-testkit`.

use auth_headers::lint::{lint, Severity};
use auth_headers::parse_challenges;
use auth_headers_testkit::{Authserve, Curl, Reply, DPOP_PROOF as PROOF};

/// Runs curl with `args` and returns every response it received (Digest
/// takes two), each challenge field linted.
fn curl(args: &[&str]) -> Vec<Reply> {
    let curl = Curl::find().expect("need_curl! checked");
    let out = curl.run(&[&["-s", "-i"], args].concat());
    let replies = out.replies();
    for reply in &replies {
        check_challenges(reply);
    }
    assert!(
        !replies.is_empty(),
        "no response for {args:?}: {:?}",
        out.stdout_text()
    );
    replies
}

/// Each challenge line parses strictly and lints without error; the field
/// as a whole (its lines joined, RFC 9110 §5.3) lints without warning.
fn check_challenges(r: &Reply) {
    for field in ["www-authenticate", "proxy-authenticate"] {
        let lines = r.all(field);
        for l in &lines {
            parse_challenges(l).unwrap().validate().unwrap();
            let f = lint(field, l);
            assert!(
                f.iter().all(|f| f.severity != Severity::Error),
                "{l}: {f:?}"
            );
        }
        if !lines.is_empty() {
            let whole = lines.join(", ");
            let f = lint(field, &whole);
            assert!(
                f.iter().all(|f| f.severity == Severity::Info),
                "{whole}: {f:?}"
            );
        }
    }
    if [401, 407].contains(&r.status) {
        let field = if r.status == 401 {
            "www-authenticate"
        } else {
            "proxy-authenticate"
        };
        assert!(!r.all(field).is_empty(), "{r:?}");
    }
}

fn last(args: &[&str]) -> Reply {
    curl(args).pop().unwrap()
}

macro_rules! need_curl {
    () => {
        if Curl::find().is_none() {
            return;
        }
    };
}

// RFC 7617 §2, §2.1 with curl -u (ASCII and UTF-8) and raw values.
#[test]
fn basic_with_curl() {
    need_curl!();
    let s = Authserve::start(false);
    let url = format!("{}/basic", s.base());
    let challenge = [r#"Basic realm="authserve", charset="UTF-8""#];
    let r = last(&[&url]);
    assert_eq!(
        (r.status, r.all("www-authenticate")),
        (401, challenge.to_vec())
    );
    let r = last(&["-u", "alice:wonderland", &url]);
    assert_eq!(
        (r.status, r.body.as_str()),
        (200, "{\"scheme\":\"Basic\",\"user\":\"alice\"}\n")
    );
    let r = last(&["-u", "jürgen:pässwörd€", &url]);
    assert_eq!(
        (r.status, r.body.as_str()),
        (200, "{\"scheme\":\"Basic\",\"user\":\"jürgen\"}\n")
    );
    for args in [
        &["-u", "alice:wrong"][..],
        &["-u", "jürgen:passwörd€"],
        // Bad base64 (base64url characters), and no colon.
        &["-H", "Authorization: Basic a-b_"],
        &["-H", "Authorization: Basic YWxpY2U="],
        // ISO-8859-1 bytes after charset="UTF-8": "j\xfcrgen:p".
        &["-H", "Authorization: Basic avxyZ2VuOnA="],
    ] {
        let r = last(&[args, &[url.as_str()]].concat());
        assert_eq!(
            (r.status, r.all("www-authenticate")),
            (401, challenge.to_vec()),
            "{args:?}"
        );
    }
}

// RFC 6750 §2.1, §3, §3.1 and RFC 9728 §5.1 with --oauth2-bearer and raw values.
#[test]
fn bearer_with_curl() {
    need_curl!();
    let s = Authserve::start(false);
    let url = format!("{}/bearer", s.base());
    let meta = format!(
        "resource_metadata=\"{}/.well-known/oauth-protected-resource\"",
        s.base()
    );
    let r = last(&[&url]);
    assert_eq!(r.status, 401);
    assert_eq!(
        r.all("www-authenticate"),
        [format!(r#"Bearer realm="authserve", {meta}"#)]
    );
    let read = "{\"scheme\":\"Bearer\",\"scopes\":[\"files:read\"]}\n";
    let r = last(&["--oauth2-bearer", "read-token", &url]);
    assert_eq!((r.status, r.body.as_str()), (200, read));
    // RFC 9110 §11.1: case-insensitive; §11.4: 1*SP.
    for v in [
        "Authorization: bearer read-token",
        "Authorization: Bearer  read-token",
    ] {
        let r = last(&["-H", v, &url]);
        assert_eq!((r.status, r.body.as_str()), (200, read), "{v}");
    }
    let invalid = format!(r#"Bearer realm="authserve", error="invalid_token", {meta}"#);
    for v in ["Authorization: bearer x", "Authorization: Bearer  x"] {
        let r = last(&["-H", v, &url]);
        assert_eq!(
            (r.status, r.all("www-authenticate")),
            (401, vec![invalid.as_str()]),
            "{v}"
        );
    }
    let r = last(&["--oauth2-bearer", "expired-token", &url]);
    assert_eq!(r.status, 401);
    assert_eq!(
        r.all("www-authenticate"),
        [format!(
            r#"Bearer realm="authserve", error="invalid_token", error_description="The access token expired", {meta}"#
        )]
    );
    // Malformed: 400 invalid_request with the parser's message.
    for (v, message) in [
        ("Authorization: Bearer: x", "':' after the auth-scheme"),
        ("Authorization: Bearer read token", ""),
    ] {
        let r = last(&["-H", v, &url]);
        assert_eq!(r.status, 400, "{v}");
        let c = r.all("www-authenticate");
        assert_eq!(c.len(), 1);
        assert!(
            c[0].starts_with(
                r#"Bearer realm="authserve", error="invalid_request", error_description=""#
            ),
            "{c:?}"
        );
        assert!(c[0].contains(message) && c[0].ends_with(&meta), "{c:?}");
    }
    // RFC 9110 §11.6.2: two Authorization lines.
    let r = last(&[
        "-H",
        "Authorization: Bearer read-token",
        "-H",
        "Authorization: Bearer write-token",
        &url,
    ]);
    assert_eq!(r.status, 400);
    assert!(r.all("www-authenticate")[0].contains("one credentials"));

    // The step-up 403 (RFC 6750 §3.1).
    let write = format!("{url}/write");
    let r = last(&["--oauth2-bearer", "read-token", &write]);
    assert_eq!(r.status, 403);
    assert_eq!(
        r.all("www-authenticate"),
        [format!(
            r#"Bearer realm="authserve", error="insufficient_scope", scope="files:write", {meta}"#
        )]
    );
    let r = last(&["--oauth2-bearer", "write-token", &write]);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.body,
        "{\"scheme\":\"Bearer\",\"scopes\":[\"files:read\",\"files:write\"]}\n"
    );

    // RFC 9728 §3: the metadata document.
    let r = last(&[&format!(
        "{}/.well-known/oauth-protected-resource",
        s.base()
    )]);
    assert_eq!(r.status, 200);
    for key in [
        "\"resource\":",
        "\"authorization_servers\":",
        "\"scopes_supported\":",
        "\"bearer_methods_supported\":",
    ] {
        assert!(r.body.contains(key), "{key}: {}", r.body);
    }
}

// RFC 7616 with curl --digest: ASCII and UTF-8 users, Authentication-Info.
#[test]
fn digest_with_curl() {
    need_curl!();
    let s = Authserve::start(false);
    let url = format!("{}/digest", s.base());
    let r = last(&[&url]);
    assert_eq!(r.status, 401);
    let c = r.all("www-authenticate");
    assert_eq!(c.len(), 2);
    assert!(
        c[0].starts_with(r#"Digest realm="authserve", qop="auth", algorithm=SHA-256, nonce=""#)
            && c[0].ends_with("charset=UTF-8")
    );
    assert!(c[1].starts_with(r#"Digest realm="authserve", qop="auth", algorithm=MD5, nonce=""#));
    for (user, password) in [("Mufasa", "Circle of Life"), ("jürgen", "pässwörd€")] {
        let up = format!("{user}:{password}");
        let replies = curl(&["--digest", "-u", &up, &url]);
        assert_eq!(replies.len(), 2);
        assert_eq!(replies[0].status, 401);
        let r = &replies[1];
        assert_eq!(r.status, 200, "{user}");
        assert_eq!(
            r.body,
            format!("{{\"scheme\":\"Digest\",\"user\":\"{user}\"}}\n")
        );
        let info = r.all("authentication-info");
        assert!(
            info.len() == 1 && info[0].starts_with("rspauth=\""),
            "{info:?}"
        );
        let r = curl(&["--digest", "-u", &format!("{user}:wrong"), &url])
            .pop()
            .unwrap();
        assert_eq!(r.status, 401);
    }
    // What curl sends: SHA-256 (the first challenge), the username raw UTF-8.
    let out = Curl::find().unwrap().run(&[
        "-s",
        "-v",
        "-o",
        "/dev/null",
        "--digest",
        "-u",
        "jürgen:pässwörd€",
        &url,
    ]);
    let log = out.stderr_text();
    let sent = log
        .lines()
        .find(|l| l.starts_with("> Authorization: Digest"))
        .unwrap();
    assert!(
        sent.contains("username=\"jürgen\"") && sent.contains("algorithm=SHA-256"),
        "{sent}"
    );
}

// All three schemes on one route: one challenge per line, strongest first.
#[test]
fn any_with_curl() {
    need_curl!();
    let s = Authserve::start(false);
    let url = format!("{}/any", s.base());
    let r = last(&[&url]);
    assert_eq!(r.status, 401);
    let c = r.all("www-authenticate");
    let schemes: Vec<_> = c.iter().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(schemes, ["Bearer", "Digest", "Digest", "Basic"]);
    assert_eq!(last(&["-u", "alice:wonderland", &url]).status, 200);
    assert_eq!(last(&["--oauth2-bearer", "read-token", &url]).status, 200);
    let r = last(&["--digest", "-u", "Mufasa:Circle of Life", &url]);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, "{\"scheme\":\"Digest\",\"user\":\"Mufasa\"}\n");
    // Bearer's 400 wins for a malformed Bearer value.
    assert_eq!(last(&["-H", "Authorization: Bearer: x", &url]).status, 400);
}

// RFC 9449 §7.1 (the DPoP scheme and challenge), §4.3 check 1 (one DPoP
// header) and §7.2 (a Bearer request where only DPoP is offered), with
// curl's raw -H values.
#[test]
fn dpop_with_curl() {
    need_curl!();
    let s = Authserve::start(false);
    let url = format!("{}/dpop", s.base());
    let offer = r#"DPoP realm="authserve", algs="ES256 PS256""#;
    let proof = format!("DPoP: {PROOF}");
    let r = last(&[&url]);
    assert_eq!((r.status, r.all("www-authenticate")), (401, vec![offer]));
    let r = last(&["-H", "Authorization: DPoP dpop-token", "-H", &proof, &url]);
    assert_eq!(
        (r.status, r.body.as_str()),
        (200, "{\"scheme\":\"DPoP\",\"scopes\":[\"files:read\"]}\n")
    );
    let refused = |args: &[&str]| {
        let r = last(&[args, &[url.as_str()]].concat());
        (
            r.status,
            r.all("www-authenticate")
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>(),
        )
    };
    let proof_error = |d: &str| {
        vec![format!(
            r#"{offer}, error="invalid_dpop_proof", error_description="{d}""#
        )]
    };
    assert_eq!(
        refused(&["-H", "Authorization: DPoP dpop-token"]),
        (
            401,
            proof_error(
                "no DPoP header: a DPoP-bound access token comes with a DPoP proof (RFC 9449 7.1)"
            )
        )
    );
    assert_eq!(
        refused(&[
            "-H",
            "Authorization: DPoP dpop-token",
            "-H",
            &proof,
            "-H",
            &proof
        ]),
        (
            401,
            proof_error(
                "more than one DPoP header: a request carries one DPoP proof (RFC 9449 4.3)"
            )
        )
    );
    assert_eq!(
        refused(&["-H", "Authorization: DPoP dpop-token", "-H", "DPoP: eyJ0.eyJx"]),
        (401, proof_error("the DPoP header is not a JWS in compact serialization: three base64url segments (RFC 9449 4.2)"))
    );
    assert_eq!(
        refused(&["-H", "Authorization: DPoP other-token", "-H", &proof]),
        (401, vec![format!(r#"{offer}, error="invalid_token""#)])
    );
    // A Bearer token where only DPoP is offered: the plain offer.
    assert_eq!(
        refused(&["--oauth2-bearer", "dpop-token", "-H", &proof]),
        (401, vec![offer.to_owned()])
    );
    let (status, c) = refused(&["-H", "Authorization: DPoP: dpop-token", "-H", &proof]);
    assert_eq!(status, 400);
    assert!(
        c.len() == 1 && c[0].starts_with(&format!(r#"{offer}, error="invalid_request""#)),
        "{c:?}"
    );
}

// RFC 9110 §11.7: --proxy, driven by curl as a real proxy client.
#[test]
fn proxy_with_curl() {
    need_curl!();
    let s = Authserve::start(true);
    let target = "http://origin.invalid/basic";
    let r = last(&["--proxy", s.base(), target]);
    assert_eq!(r.status, 407);
    assert_eq!(
        r.all("proxy-authenticate"),
        [r#"Basic realm="authserve", charset="UTF-8""#]
    );
    assert!(r.all("www-authenticate").is_empty());
    // Authorization is for the origin, not the proxy.
    let r = last(&["--proxy", s.base(), "-u", "alice:wonderland", target]);
    assert_eq!(r.status, 407);
    let r = last(&[
        "--proxy",
        s.base(),
        "--proxy-user",
        "jürgen:pässwörd€",
        target,
    ]);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, "{\"scheme\":\"Basic\",\"user\":\"jürgen\"}\n");
    let replies = curl(&[
        "--proxy",
        s.base(),
        "--proxy-digest",
        "--proxy-user",
        "Mufasa:Circle of Life",
        "http://origin.invalid/digest",
    ]);
    let r = replies.last().unwrap();
    assert_eq!(r.status, 200, "{replies:?}");
    assert!(r.all("proxy-authentication-info")[0].starts_with("rspauth="));
    let bearer = "http://origin.invalid/bearer/write";
    let r = last(&[
        "--proxy",
        s.base(),
        "-H",
        "Proxy-Authorization: Bearer read-token",
        bearer,
    ]);
    assert_eq!(r.status, 403);
    assert!(r.all("proxy-authenticate")[0]
        .contains(r#"error="insufficient_scope", scope="files:write""#));
    let r = last(&[
        "--proxy",
        s.base(),
        "-H",
        "Proxy-Authorization: Bearer nope",
        bearer,
    ]);
    assert_eq!(r.status, 407);
    assert!(r.all("proxy-authenticate")[0].contains(r#"error="invalid_token""#));
    // DPoP is for origin servers only (RFC 9449 §7.1): /dpop answers as the
    // origin, never with Proxy-Authenticate.
    let r = last(&["--proxy", s.base(), "http://origin.invalid/dpop"]);
    assert_eq!(r.status, 401);
    assert_eq!(
        r.all("www-authenticate"),
        [r#"DPoP realm="authserve", algs="ES256 PS256""#]
    );
    assert!(r.all("proxy-authenticate").is_empty());
}
