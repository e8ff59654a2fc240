//! `headers::Header` for owned challenge lists and credentials (issue 18):
//! decoding is the strict parser's (RFC 9110 §11.3, §11.4), one
//! credentials per request (§11.6.2), and encoding writes back the lines.
#![cfg(feature = "headers")]

use auth_headers::write::ChallengeBuilder;
use auth_headers_tower::typed::{
    Authorization, ProxyAuthenticate, ProxyAuthorization, WwwAuthenticate,
};
use headers::HeaderMapExt;
use http::HeaderMap;

fn map(name: &str, values: &[&str]) -> HeaderMap {
    let mut m = HeaderMap::new();
    for v in values {
        m.append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            v.parse().unwrap(),
        );
    }
    m
}

#[test]
fn challenges_decode_strictly_and_encode_back() {
    let lines = [
        r#"Basic realm="a""#,
        r#"Digest realm="b", nonce="n", algorithm=SHA-256"#,
    ];
    let w: WwwAuthenticate = map("www-authenticate", &lines).typed_get().unwrap();
    assert_eq!(w.challenges().count(), 2);
    let mut out = HeaderMap::new();
    out.typed_insert(w.clone());
    let back: Vec<_> = out.get_all("www-authenticate").iter().collect();
    assert_eq!(back, lines);
    // A line the strict parser refuses, and no line at all (RFC 9110 §15.5.2).
    assert!(map(
        "www-authenticate",
        &[r#"Basic realm="a""#, "Bearer, error=x"]
    )
    .typed_get::<WwwAuthenticate>()
    .is_none());
    assert!(HeaderMap::new().typed_get::<WwwAuthenticate>().is_none());
    // Proxy-Authenticate is its own field.
    assert!(map("www-authenticate", &lines)
        .typed_get::<ProxyAuthenticate>()
        .is_none());
    let p =
        ProxyAuthenticate::from_challenges(&[ChallengeBuilder::new("Basic").param("realm", "p")])
            .unwrap();
    assert_eq!(p.lines()[0], r#"Basic realm="p""#);
}

#[test]
fn credentials_one_line_strict_and_redacted() {
    let a: Authorization = map("authorization", &["Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="])
        .typed_get()
        .unwrap();
    assert!(a.credentials().unwrap().is_scheme("basic"));
    assert_eq!(format!("{a:?}"), "Authorization(<redacted>)");
    for bad in [
        &["Bearer: x"][..],
        &["Bearer a", "Bearer b"],
        &["Bearer read token"],
    ] {
        assert!(
            map("authorization", bad)
                .typed_get::<Authorization>()
                .is_none(),
            "{bad:?}"
        );
    }
    let p: ProxyAuthorization = map("proxy-authorization", &["Bearer x"])
        .typed_get()
        .unwrap();
    let mut out = HeaderMap::new();
    out.typed_insert(p);
    assert_eq!(out["proxy-authorization"], "Bearer x");
}
