//! `authget` against the scripted misbehaving server (issue 19, "Tests"):
//! each scenario asserts authget's lines, its exit status, and the exact
//! sequence of requests the server saw.

mod support;

use auth_headers_testkit::Scratch;
use support::{authget, column, steps, Scripted};

const USER: &str = "Mufasa:Circle of Life";

fn s(v: &[(u64, &str)]) -> Vec<(u64, String)> {
    v.iter().map(|(a, b)| (*a, b.to_string())).collect()
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn no_secret(out: &str) {
    for secret in ["Circle of Life", "tok-zero", "tok-one", "cDpx"] {
        assert!(!out.contains(secret), "a secret in the output: {out}");
    }
}

// diqwest: MD5 and SHA-256 on separate lines, in either order: SHA-256.
#[test]
fn strongest_digest_whatever_the_order() {
    for path in ["/order/md5-first", "/order/sha-first"] {
        let dir = Scratch::new(&path.replace('/', "-"));
        let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
        let (lines, code, out) = authget(&["--user", USER, &srv.url(path)]);
        assert_eq!(steps(&lines), s(&[(401, "retry"), (200, "done")]), "{out}");
        assert_eq!(
            lines[0]["challenges"],
            serde_json::json!(["Digest", "Digest"])
        );
        assert_eq!(column(&lines, "algorithm"), strs(&["-", "SHA-256"]));
        assert_eq!(code, 0);
        let reqs = srv.requests();
        assert_eq!(column(&reqs, "auth"), strs(&["-", "Digest"]));
        assert_eq!(column(&reqs, "algorithm"), strs(&["-", "SHA-256"]));
        assert_eq!(
            column(&reqs, "uri"),
            strs(&["-", path]),
            "the request-target"
        );
        no_secret(&out);
    }
}

// --min-digest: a server offering only MD5 (and SHA-256 refused on the
// first line is not enough) is refused when the minimum is SHA-512-256.
#[test]
fn minimum_digest_refuses_the_downgrade() {
    let dir = Scratch::new("min");
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
    let (lines, code, out) = authget(&[
        "--user",
        USER,
        "--min-digest",
        "SHA-512-256",
        &srv.url("/order/md5-first"),
    ]);
    assert_eq!(steps(&lines), s(&[(401, "give_up")]), "{out}");
    assert_eq!(code, 1);
    assert_eq!(srv.requests().len(), 1);
}

// RFC 7616 §3.3 stale=true: once is retried, twice gives up.
#[test]
fn stale_once_and_twice() {
    let dir = Scratch::new("stale");
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
    let (lines, code, out) = authget(&["--user", USER, &srv.url("/stale/once")]);
    assert_eq!(
        steps(&lines),
        s(&[(401, "retry"), (401, "retry"), (200, "done")]),
        "{out}"
    );
    assert_eq!(code, 0);
    let reqs = srv.requests();
    assert_eq!(column(&reqs, "auth"), strs(&["-", "Digest", "Digest"]));
    assert_ne!(
        reqs[1]["nonce"], reqs[2]["nonce"],
        "the retry uses the new nonce"
    );

    let dir = Scratch::new("stale2");
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
    let (lines, code, out) = authget(&["--user", USER, &srv.url("/stale/twice")]);
    assert_eq!(
        steps(&lines),
        s(&[(401, "retry"), (401, "retry"), (401, "give_up")]),
        "{out}"
    );
    assert_eq!(code, 1);
    assert_eq!(srv.requests().len(), 3);
}

// RFC 7616 §3.5: a wrong rspauth on a 200 is a failure (exit 1).
#[test]
fn wrong_rspauth_is_a_failure() {
    let dir = Scratch::new("rspauth");
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
    let (lines, code, out) = authget(&["--user", USER, &srv.url("/rspauth/wrong")]);
    assert_eq!(
        steps(&lines),
        s(&[(401, "retry"), (200, "give_up")]),
        "{out}"
    );
    assert!(lines[1]["why"].as_str().unwrap().contains("rspauth"));
    assert_eq!(code, 1);
    assert_eq!(srv.requests().len(), 2);
}

// RFC 7616 §3.5 nextnonce: the next URL is answered preemptively with it,
// from nc=1.
#[test]
fn nextnonce_is_adopted() {
    let dir = Scratch::new("nextnonce");
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
    let (a, b) = (srv.url("/nextnonce/a"), srv.url("/nextnonce/b"));
    let (lines, code, out) = authget(&["--user", USER, &a, &b]);
    assert_eq!(
        steps(&lines),
        s(&[(401, "retry"), (200, "done"), (200, "done")]),
        "{out}"
    );
    assert_eq!(code, 0);
    let reqs = srv.requests();
    assert_eq!(column(&reqs, "auth"), strs(&["-", "Digest", "Digest"]));
    assert_eq!(reqs[2]["nonce"], "next-a");
    assert_eq!(column(&reqs, "nc"), strs(&["-", "00000001", "00000001"]));
}

// OkHttp #2464, MCP #2349: a server that answers 401 forever ends after
// the credentials were refused once; --max-attempts bounds it further.
#[test]
fn a_401_forever_does_not_loop() {
    let dir = Scratch::new("forever");
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
    let (lines, code, out) = authget(&["--user", USER, &srv.url("/forever")]);
    assert_eq!(
        steps(&lines),
        s(&[(401, "retry"), (401, "give_up")]),
        "{out}"
    );
    assert_eq!(code, 1);
    assert_eq!(column(&srv.requests(), "auth"), strs(&["-", "Basic"]));

    let (lines, code, _) = authget(&["--user", USER, "--max-attempts", "1", &srv.url("/forever")]);
    assert_eq!(steps(&lines), s(&[(401, "give_up")]));
    assert_eq!(lines[0]["why"], "too many attempts");
    assert_eq!(code, 1);
}

// MCP SEP-2350: insufficient_scope twice with different scopes, stepping up
// with the union each time.
#[test]
fn insufficient_scope_twice() {
    let dir = Scratch::new("scope");
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
    let (lines, code, out) = authget(&[
        "--bearer",
        "tok-zero",
        "--step-up-to",
        "tok-one",
        &srv.url("/scope"),
    ]);
    assert_eq!(
        steps(&lines),
        s(&[(403, "step_up"), (403, "step_up"), (200, "done")]),
        "{out}"
    );
    assert_eq!(lines[0]["scopes"], serde_json::json!(["files:read"]));
    assert_eq!(
        lines[1]["scopes"],
        serde_json::json!(["files:read", "files:write"])
    );
    assert_eq!(lines[0]["resource_metadata"]["on_origin"], true);
    assert_eq!(code, 0);
    assert_eq!(
        column(&srv.requests(), "token"),
        strs(&["tok-zero", "tok-one", "tok-one"])
    );
    no_secret(&out);
}

// curl CVE-2018-1000007: after a redirect to another origin (another
// loopback address), no credentials.
#[test]
fn redirect_to_another_origin_carries_no_credentials() {
    let dir = Scratch::new("redirect");
    let other = Scripted::start("127.0.0.2", &dir.path("other"), None);
    let target = format!("http://127.0.0.2:{}/landing", other.port);
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), Some(&target));
    let (lines, code, out) = authget(&["--user", USER, &srv.url("/redirect")]);
    assert_eq!(
        steps(&lines),
        s(&[(401, "retry"), (302, "done"), (401, "give_up")]),
        "{out}"
    );
    assert_eq!(lines[2]["why"], "credentials are for another origin");
    assert_eq!(code, 1);
    assert_eq!(column(&srv.requests(), "auth"), strs(&["-", "Basic"]));
    assert_eq!(column(&other.requests(), "auth"), strs(&["-"]));
}

// RFC 9110 §11.7: a 407 proxy, answered with Proxy-Authorization.
#[test]
fn proxy_407() {
    let dir = Scratch::new("proxy");
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
    let proxy = format!("http://127.0.0.1:{}", srv.port);
    let (lines, code, out) = authget(&[
        "--proxy",
        &proxy,
        "--proxy-user",
        "p:q",
        "http://origin.invalid/proxied",
    ]);
    assert_eq!(steps(&lines), s(&[(407, "retry"), (200, "done")]), "{out}");
    assert_eq!(column(&lines, "proxy_sent"), strs(&["-", "Basic"]));
    assert_eq!(code, 0);
    let reqs = srv.requests();
    assert_eq!(column(&reqs, "proxy_auth"), strs(&["-", "Basic"]));
    assert_eq!(column(&reqs, "auth"), strs(&["-", "-"]));
    no_secret(&out);
}

// curl CVE-2014-0015 / CVE-2016-0755: NTLM/Negotiate only are not driven.
#[test]
fn ntlm_only_is_reported_not_driven() {
    let dir = Scratch::new("ntlm");
    let srv = Scripted::start("127.0.0.1", &dir.path("log"), None);
    let (lines, code, out) = authget(&["--user", USER, &srv.url("/ntlm")]);
    assert_eq!(steps(&lines), s(&[(401, "give_up")]), "{out}");
    assert_eq!(
        lines[0]["challenges"],
        serde_json::json!(["NTLM", "Negotiate"])
    );
    assert!(lines[0]["why"].as_str().unwrap().contains("connection"));
    assert_eq!(code, 1);
    assert_eq!(srv.requests().len(), 1);
}

// Issue 19: exit status 2 on a usage error.
#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["--user", "nocolon", "http://127.0.0.1:1/"][..],
        &["--max-attempts", "0", "http://127.0.0.1:1/"][..],
        &["--min-digest", "SHA-1", "http://127.0.0.1:1/"][..],
        &["--bogus", "x", "http://127.0.0.1:1/"][..],
        &["ftp://127.0.0.1/"][..],
    ] {
        let (lines, code, _) = authget(args);
        assert_eq!((lines.len(), code), (0, 2), "{args:?}");
    }
}
