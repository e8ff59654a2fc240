//! `authdump check` on transcripts recorded from a real server (issue 20):
//! lighttpd's `mod_auth` with Basic (RFC 7617) on loopback, asked by curl,
//! recorded with `curl -si` and `curl -v`, as the users would.
//!
//! The test prints why it skips when curl or lighttpd is missing; under CI
//! (`CI` set) a missing binary is a failure, since `.ci/run` installs them
//! (as for the library's tests/digest/interop.rs).

use auth_headers_testkit::{peer, Curl, Lighttpd, LighttpdUsers};
use authdump::check::{check, read, Format};

/// (status, codes) of each exchange.
fn summary(transcript: &[u8]) -> Vec<(Option<u16>, Vec<&'static str>)> {
    check(transcript)
        .unwrap_or_else(|e| panic!("{e:?}: {}", String::from_utf8_lossy(transcript)))
        .iter()
        .map(|r| (r.status, r.findings.iter().map(|f| f.code).collect()))
        .collect()
}

#[test]
fn curl_transcripts_from_lighttpd_basic() {
    let (Some(curl), Some(lighttpd)) = (Curl::find(), peer("lighttpd")) else {
        return;
    };
    // lighttpd protecting `/` with Basic, the user of RFC 7617 §2.
    let server = Lighttpd::basic(
        &lighttpd,
        "WallyWorld",
        LighttpdUsers::Plain("Aladdin:open sesame\n".into()),
    )
    .page("index.html", "hello\n")
    .start();
    let url = server.url("/index.html");
    // Standard output and standard error in one file, as `2>&1` does.
    let curl = |args: &[&str]| curl.transcript(&[&["--silent"], args].concat());
    let none = Vec::<&str>::new();

    // `curl -si`, no credentials: lighttpd's 401 with `Basic realm=…,
    // charset="UTF-8"` (RFC 7617 §2.1) and an HTML body; clean.
    let t = curl(&["-i", &url]);
    assert_eq!(read(&t).unwrap().0, Format::Raw);
    assert_eq!(summary(&t), [(Some(401), none.clone())]);

    // `curl -si` of two URLs with the RFC 7617 §2 user: two heads and
    // bodies in a row; clean.
    let u = ["-i", "-u", "Aladdin:open sesame", &url, &url];
    let t = curl(&u);
    assert_eq!(
        summary(&t),
        [(Some(200), none.clone()), (Some(200), none.clone())]
    );

    // `curl -v`, no credentials then the right ones: request and response
    // each time (the body and curl's `*` notes in between); clean.
    let t = curl(&["-v", &url]);
    assert_eq!(read(&t).unwrap().0, Format::CurlVerbose);
    let r = check(&t).unwrap();
    assert_eq!(r[0].request.as_ref().unwrap().0, "GET");
    assert_eq!(summary(&t), [(Some(401), none.clone())]);
    let t = curl(&["-v", "-u", "Aladdin:open sesame", &url]);
    assert_eq!(summary(&t), [(Some(200), none.clone())]);

    // A wrong password: 401 again, still a correct exchange.
    let t = curl(&["-v", "-u", "Aladdin:x", &url]);
    assert_eq!(summary(&t), [(Some(401), none.clone())]);

    // Not clean: a Bearer token to a server that offers Basic only.
    let t = curl(&["-v", "-H", "Authorization: Bearer mF_9.B5f-4.1JqM", &url]);
    assert_eq!(summary(&t), [(Some(401), vec!["scheme-not-offered"])]);
}
