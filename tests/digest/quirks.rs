//! Digest interop quirks sent by cameras and older servers (issue 5 item 6):
//! each is read either by the strict grammar already or through the
//! lenient parse options, and the client's answer is the same as for the
//! canonical challenge.

use auth_headers::schemes::digest::{Algorithm, DigestChallenge, DigestClient, Qop};
use auth_headers::{parse_challenges, Challenge, ParseOptions};

fn answer<'c>(challenges: impl IntoIterator<Item = Challenge<'c>>) -> String {
    let mut client = DigestClient::new("admin", "12345");
    client.respond_to(challenges).unwrap();
    let mut out = String::new();
    client
        .authorization("GET", "/cgi-bin/snapshot.cgi", None, "0a4f113b", &mut out)
        .unwrap();
    out
}

const CANONICAL: &str =
    r#"Digest realm="cam", qop="auth", nonce="abc123", algorithm=MD5, stale=true"#;

/// Unquoted `realm`/`nonce`, `qop=auth` unquoted, `algorithm="MD5"` quoted,
/// `stale=TRUE`, the scheme upper-case: all valid RFC 9110 syntax, read by
/// the view as the canonical form (RFC 7616 §3.3 asks for the quoting, but
/// a token and a quoted-string carry the same value, RFC 9110 §11.2).
#[test]
fn strict_grammar_quirks() {
    let quirky = r#"DIGEST realm=cam, qop=auth, nonce=abc123, algorithm="MD5", stale=TRUE"#;
    let list = parse_challenges(quirky).unwrap();
    let d = DigestChallenge::find(&list).unwrap();
    d.validate().unwrap();
    assert!(d.realm().unwrap().eq_str("cam"));
    assert!(d.offers(Qop::Auth));
    assert_eq!(d.algorithm().known(), Some(Algorithm::Md5));
    assert!(d.stale().unwrap());
    assert_eq!(
        answer(list.iter()),
        answer(parse_challenges(CANONICAL).unwrap().iter())
    );
}

/// Missing commas between parameters and a base64 nonce with `/` and `=`
/// unquoted: refused by the strict parse, read with the lenient preset,
/// which reports what it forgave.
#[test]
fn lenient_quirks() {
    let quirky = r#"Digest realm="cam" qop="auth" nonce=YWJj/ZA== algorithm=MD5"#;
    assert!(parse_challenges(quirky).is_err());
    let p = ParseOptions::lenient().parse_challenges(quirky).unwrap();
    assert!(!p.deviations.as_slice().is_empty());
    let c = p.value.iter().next().unwrap();
    let d = DigestChallenge::new(c).unwrap();
    d.validate().unwrap();
    assert!(d.nonce().unwrap().eq_str("YWJj/ZA=="));
    let canonical = r#"Digest realm="cam", qop="auth", nonce="YWJj/ZA==", algorithm=MD5"#;
    assert_eq!(
        answer(p.value.iter()),
        answer(parse_challenges(canonical).unwrap().iter())
    );
}
