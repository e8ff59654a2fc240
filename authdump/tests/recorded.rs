//! `authdump check --json`, the binary, on transcripts recorded live
//! (issue 20, "Tests"): `curl -v` and `curl -si` against the workspace's
//! own `authserve` (every route, with no credentials, the right ones and
//! wrong ones, as an origin and with `--proxy`) and against lighttpd's
//! `mod_auth` (Basic, and Digest with lighttpd's own challenges). Each
//! recording asserts the exact codes of every exchange, and the exit
//! status (1 exactly when a finding is an error).
//!
//! Where the server is right the exchange is clean, infos aside: the one
//! info that does appear is `digest-md5-downgrade` (RFC 7616 §5), since
//! both servers offer MD5 after SHA-256 for old clients. The MCP
//! `mcp-resource-metadata` info must not fire: authserve sends
//! `resource_metadata` (RFC 9728 §5.1) on every Bearer challenge, as a
//! loopback `http` URL, which `resource-metadata-url` allows. The
//! exchanges that are not clean are the client's mistakes, made on
//! purpose (a scheme that was not offered, credentials twice, origin
//! credentials in plain text through a proxy).
//!
//! Skipped, with the reason printed, when curl or lighttpd is missing (a
//! failure under CI, which installs them).

use auth_headers_testkit::{peer, Authserve, Curl, Lighttpd, LighttpdUsers, Scratch};
use serde_json::Value;

/// What `authdump check --json` said: its exit status and one object per
/// exchange.
fn authdump_check(transcript: &[u8]) -> (i32, Vec<Value>) {
    let scratch = Scratch::new("recorded");
    let file = scratch.write("transcript", transcript);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_authdump"))
        .arg("check")
        .arg("--json")
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (out.status.code().unwrap_or(-1), lines)
}

/// (status, codes) of each exchange.
type Summary = Vec<(u16, Vec<String>)>;

/// What a test expects: (status, codes) of each exchange.
type Expected<'a> = &'a [(u16, &'a [&'a str])];

fn summary(reports: &[Value]) -> Summary {
    reports
        .iter()
        .map(|r| {
            let codes = r["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["code"].as_str().unwrap().to_owned())
                .collect();
            (r["status"].as_u64().unwrap() as u16, codes)
        })
        .collect()
}

fn want(x: Expected<'_>) -> Summary {
    x.iter()
        .map(|(s, c)| (*s, c.iter().map(|c| c.to_string()).collect()))
        .collect()
}

/// The text a finding's range covers: the value of the header line it
/// names (after a `curl -v` `< `/`> ` prefix, the name, the colon and the
/// optional whitespace).
fn covered(transcript: &[u8], f: &Value) -> String {
    let text = String::from_utf8_lossy(transcript);
    let line = text
        .lines()
        .nth(f["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    let line = line
        .strip_prefix("< ")
        .or(line.strip_prefix("> "))
        .unwrap_or(line);
    let value = line
        .split_once(':')
        .unwrap()
        .1
        .trim_start_matches([' ', '\t']);
    let (s, e) = (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
    value[s as usize..e as usize].to_owned()
}

/// Records `curl -v ARGS` and `curl -si ARGS` and checks both: `v` is the
/// expected summary of the `-v` transcript; the `-si` one has no request,
/// so the findings about the request's own headers are not in it (`si`,
/// when that differs). Returns the `-v` transcript and its reports.
fn record(
    curl: &Curl,
    args: &[&str],
    v: Expected<'_>,
    si: Option<Expected<'_>>,
) -> (Vec<u8>, Vec<Value>) {
    record_forms(curl, args, &[("-v", v), ("-si", si.unwrap_or(v))])
}

/// [`record`] for the forms given.
fn record_forms(
    curl: &Curl,
    args: &[&str],
    forms: &[(&str, Expected<'_>)],
) -> (Vec<u8>, Vec<Value>) {
    let mut kept = None;
    for &(form, expected) in forms {
        let t = curl.transcript(&[&["--silent", form], args].concat());
        let (code, reports) = authdump_check(&t);
        let shown = || format!("curl {form} {args:?}:\n{}", String::from_utf8_lossy(&t));
        assert_eq!(summary(&reports), want(expected), "{}", shown());
        let error = reports.iter().any(|r| {
            r["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["severity"] == "error")
        });
        assert_eq!(code, i32::from(error), "exit status; {}", shown());
        for r in &reports {
            if form == "-v" {
                assert_eq!(r["request"]["method"], "GET", "{}", shown());
            } else {
                assert!(r["request"].is_null(), "{}", shown());
            }
        }
        if form == "-v" {
            kept = Some((t, reports));
        }
    }
    kept.unwrap()
}

/// The info on a Digest offer of SHA-256 then MD5 (RFC 7616 §5).
const MD5_TOO: &str = "digest-md5-downgrade";

#[test]
fn authserve_origin_routes() {
    let Some(curl) = Curl::find() else { return };
    let s = Authserve::start(false);
    let u = |p: &str| s.url(p);
    let clean_401: Expected = &[(401, &[])];
    let clean_200: Expected = &[(200, &[])];

    // RFC 7617: Basic, charset="UTF-8" (§2.1).
    let basic = u("/basic");
    record(&curl, &[&basic], clean_401, None);
    record(&curl, &["-u", "alice:wonderland", &basic], clean_200, None);
    record(&curl, &["-u", "jürgen:pässwörd€", &basic], clean_200, None);
    record(&curl, &["-u", "alice:wrong", &basic], clean_401, None);

    // RFC 6750 §3 and RFC 9728 §5.1: no credentials gets no `error`
    // (§3.1) and a resource_metadata, so no MCP info.
    let bearer = u("/bearer");
    let (t, r) = record(&curl, &[&bearer], clean_401, None);
    assert!(
        String::from_utf8_lossy(&t).contains("resource_metadata="),
        "{r:?}"
    );
    record(
        &curl,
        &["--oauth2-bearer", "read-token", &bearer],
        clean_200,
        None,
    );
    // A rejected token: 401 invalid_token (§3.1), clean.
    record(
        &curl,
        &["--oauth2-bearer", "nope", &bearer],
        clean_401,
        None,
    );
    record(
        &curl,
        &["--oauth2-bearer", "expired-token", &bearer],
        clean_401,
        None,
    );
    // A malformed value: authserve's 400 invalid_request is right; the
    // request's own mistake is reported (RFC 9110 §11.4).
    record(
        &curl,
        &["-H", "Authorization: Bearer: x", &bearer],
        &[(400, &["separator-after-scheme"])],
        Some(&[(400, &[])]),
    );
    // Two Authorization lines (RFC 9110 §11.6.2): 400, and the request is
    // the one at fault.
    record(
        &curl,
        &[
            "-H",
            "Authorization: Bearer read-token",
            "-H",
            "Authorization: Bearer write-token",
            &bearer,
        ],
        &[(400, &["repeated-credentials"])],
        Some(&[(400, &[])]),
    );

    // The step-up: 403 insufficient_scope with scope (RFC 6750 §3.1), not
    // flagged for carrying a challenge.
    let write = u("/bearer/write");
    record(&curl, &[&write], clean_401, None);
    record(
        &curl,
        &["--oauth2-bearer", "read-token", &write],
        &[(403, &[])],
        None,
    );
    record(
        &curl,
        &["--oauth2-bearer", "write-token", &write],
        clean_200,
        None,
    );

    // RFC 7616: SHA-256 then MD5, one challenge per line.
    let digest = u("/digest");
    let challenged: Expected = &[(401, &[MD5_TOO])];
    record(&curl, &[&digest], challenged, None);
    for user in ["Mufasa:Circle of Life", "jürgen:pässwörd€"] {
        record(
            &curl,
            &["--digest", "-u", user, &digest],
            &[(401, &[MD5_TOO]), (200, &[])],
            None,
        );
    }
    record(
        &curl,
        &["--digest", "-u", "Mufasa:wrong", &digest],
        &[(401, &[MD5_TOO]), (401, &[MD5_TOO])],
        None,
    );

    // All three schemes on one route.
    let any = u("/any");
    record(&curl, &[&any], challenged, None);
    record(&curl, &["-u", "alice:wonderland", &any], clean_200, None);
    record(
        &curl,
        &["--oauth2-bearer", "read-token", &any],
        clean_200,
        None,
    );
    record(&curl, &["--oauth2-bearer", "nope", &any], challenged, None);
    record(
        &curl,
        &["--digest", "-u", "Mufasa:Circle of Life", &any],
        &[(401, &[MD5_TOO]), (200, &[])],
        None,
    );

    // Not clean: credentials of a scheme the challenges did not offer.
    record(
        &curl,
        &["--oauth2-bearer", "read-token", &basic],
        &[(401, &["scheme-not-offered"])],
        Some(clean_401),
    );
    record(
        &curl,
        &["-u", "alice:wonderland", &digest],
        &[(401, &["scheme-not-offered", MD5_TOO])],
        Some(challenged),
    );

    // The RFC 9728 document itself.
    record(
        &curl,
        &[&u("/.well-known/oauth-protected-resource")],
        clean_200,
        None,
    );
}

#[test]
fn authserve_proxy_routes() {
    let Some(curl) = Curl::find() else { return };
    let s = Authserve::start(true);
    // curl talks to the proxy on loopback; the origin is never resolved.
    let via = |path: &str| format!("http://origin.invalid{path}");
    let p = s.base();
    let clean_407: Expected = &[(407, &[])];
    let clean_200: Expected = &[(200, &[])];

    // RFC 9110 §11.7: 407 with Proxy-Authenticate, Proxy-Authorization.
    let basic = via("/basic");
    record(&curl, &["--proxy", p, &basic], clean_407, None);
    let ok = ["--proxy", p, "--proxy-user", "alice:wonderland", &basic];
    record(&curl, &ok, clean_200, None);
    let wrong = ["--proxy", p, "--proxy-user", "alice:wrong", &basic];
    record(&curl, &wrong, clean_407, None);
    // Credentials for the origin go over plain http to a host that is not
    // loopback (RFC 7617 §4): the request's error, not the proxy's.
    record(
        &curl,
        &["--proxy", p, "-u", "alice:wonderland", &basic],
        &[(407, &["credentials-over-http"])],
        Some(clean_407),
    );

    let digest = via("/digest");
    record(
        &curl,
        &[
            "--proxy",
            p,
            "--proxy-digest",
            "--proxy-user",
            "Mufasa:Circle of Life",
            &digest,
        ],
        &[(407, &[MD5_TOO]), (200, &[])],
        None,
    );

    let bearer = via("/bearer");
    record(&curl, &["--proxy", p, &bearer], clean_407, None);
    let read = "Proxy-Authorization: Bearer read-token";
    record(&curl, &["--proxy", p, "-H", read, &bearer], clean_200, None);
    let nope = "Proxy-Authorization: Bearer nope";
    record(&curl, &["--proxy", p, "-H", nope, &bearer], clean_407, None);
    record(
        &curl,
        &["--proxy", p, "-H", read, &via("/bearer/write")],
        &[(403, &[])],
        None,
    );

    record(
        &curl,
        &["--proxy", p, &via("/any")],
        &[(407, &[MD5_TOO])],
        None,
    );
}

#[test]
fn lighttpd_basic_and_digest() {
    let (Some(curl), Some(bin)) = (Curl::find(), peer("lighttpd")) else {
        return;
    };
    let users = || LighttpdUsers::Plain("Mufasa:Circle of Life\n".into());

    // RFC 7617: clean, whatever the credentials.
    let basic = Lighttpd::basic(&bin, "lighttpd", users())
        .page("index.html", "hello\n")
        .start();
    let url = basic.url("/index.html");
    record(&curl, &[&url], &[(401, &[])], None);
    let ok = ["-u", "Mufasa:Circle of Life", &url];
    record(&curl, &ok, &[(200, &[])], None);
    // lighttpd delays its answer to wrong credentials by a second: those
    // are recorded once, with `-v`.
    record_forms(&curl, &["-u", "Mufasa:x", &url], &[("-v", &[(401, &[])])]);
    drop(basic);

    // Digest. lighttpd 1.4 writes `charset="UTF-8"` quoted, which breaks no
    // rule (RFC 7616 §3.3 forbids quoting only `stale` and `algorithm`):
    // clean but for the MD5 info when it offers both.
    for (algorithm, offer) in [("MD5|SHA-256", &[MD5_TOO][..]), ("SHA-256", &[][..])] {
        let digest = Lighttpd::digest(&bin, "lighttpd", algorithm, users())
            .page("index.html", "hello\n")
            .start();
        let url = digest.url("/index.html");
        let (t, r) = record(&curl, &[&url], &[(401, offer)], None);
        // The MD5 info points at the scheme of the MD5 challenge.
        for f in r[0]["findings"].as_array().unwrap() {
            assert_eq!(covered(&t, f), "Digest", "{algorithm}");
        }
        let t = String::from_utf8_lossy(&t);
        assert!(t.contains(r#"charset="UTF-8""#), "{algorithm}: {t}");
        let ok = ["--digest", "-u", "Mufasa:Circle of Life", &url];
        record(&curl, &ok, &[(401, offer), (200, &[])], None);
        if algorithm == "SHA-256" {
            let wrong = ["--digest", "-u", "Mufasa:x", &url];
            record_forms(&curl, &wrong, &[("-v", &[(401, offer), (401, offer)])]);
        }
    }
}
