//! The typed Digest views (RFC 7616 §3.3, §3.4): every parameter, and the
//! refusals of `validate()` with the offset they point at.
#![cfg(feature = "digest")]

use auth_headers::parse_challenges;
use auth_headers::schemes::digest::{
    Algorithm, AlgorithmValue, DigestChallenge, DigestCredentials, DigestErrorKind, Qop, QopValue,
};

fn challenge(v: &str) -> DigestChallenge<'_> {
    let list = parse_challenges(v).unwrap();
    DigestChallenge::new(list.iter().next().unwrap()).unwrap()
}

/// RFC 7616 §3.3: `domain` is a space-separated list of URIs; unknown
/// algorithms and qop entries are kept as written.
#[test]
fn challenge_parameters() {
    let d = challenge(
        r#"Digest realm="r", nonce="n", domain="/a  http://h/b /c", algorithm=SHA-1, qop="auth,token, auth-int", stale=false"#,
    );
    d.validate().unwrap();
    let domain: Vec<_> = d.domain().collect();
    assert_eq!(domain, [&b"/a"[..], b"http://h/b", b"/c"]);
    assert!(matches!(d.algorithm(), AlgorithmValue::Unknown(v) if v.eq_str("SHA-1")));
    let qop: Vec<_> = d.qop().collect();
    assert_eq!(
        qop,
        [
            QopValue::Known(Qop::Auth),
            QopValue::Unknown(b"token"),
            QopValue::Known(Qop::AuthInt)
        ]
    );
    assert!(!d.stale().unwrap());
    // Absent algorithm means MD5 (RFC 7616 §3.3).
    let d = challenge(r#"Digest realm="r", nonce="n""#);
    assert_eq!(d.algorithm(), AlgorithmValue::Known(Algorithm::Md5));
    assert!(!d.has_qop() && d.domain().next().is_none());
}

#[test]
fn challenge_refusals() {
    let cases: &[(&str, DigestErrorKind, usize)] = &[
        (r#"Digest nonce="n""#, DigestErrorKind::Missing("realm"), 6),
        (r#"Digest realm="r""#, DigestErrorKind::Missing("nonce"), 6),
        (
            r#"Digest realm="r", nonce="n", stale=maybe"#,
            DigestErrorKind::Invalid("stale", "expected `true` or `false`"),
            29,
        ),
        (
            r#"Digest realm="r", nonce="n", charset=latin1"#,
            DigestErrorKind::Invalid("charset", "the only charset allowed is `UTF-8`"),
            29,
        ),
        (
            r#"Digest realm="r", nonce="n", qop="""#,
            DigestErrorKind::Invalid("qop", "lists no quality of protection"),
            29,
        ),
    ];
    for &(v, kind, at) in cases {
        let e = challenge(v).validate().unwrap_err();
        assert_eq!((e.kind(), e.offset()), (kind, at), "{v}");
    }
    let list = parse_challenges("Basic realm=x").unwrap();
    assert_eq!(
        DigestChallenge::new(list.iter().next().unwrap())
            .unwrap_err()
            .kind(),
        DigestErrorKind::NotDigest
    );
}

const OK: &str = r#"Digest username="u", realm="r", nonce="n", uri="/", response="0a", qop=auth, nc=0000002A, cnonce="c""#;

#[test]
fn credentials_parameters() {
    let c = DigestCredentials::parse(OK).unwrap();
    c.validate().unwrap();
    assert_eq!(c.nc().unwrap(), Some(42));
    assert_eq!(c.qop().unwrap(), Some(Qop::Auth));
    assert!(!c.userhash().unwrap());
    assert!(c.uri().unwrap().eq_str("/"));
    assert_eq!(c.algorithm().known(), Some(Algorithm::Md5));
}

/// RFC 7616 §3.4: the refusals of `validate()`.
#[test]
fn credentials_refusals() {
    let cases: &[(String, DigestErrorKind)] = &[
        (
            OK.replace(r#"username="u""#, r#"username="u", username*=UTF-8''u"#),
            DigestErrorKind::UsernameAndUsernameStar,
        ),
        (
            OK.replace(r#"username="u", "#, ""),
            DigestErrorKind::Missing("username"),
        ),
        (
            OK.replace(r#"uri="/", "#, ""),
            DigestErrorKind::Missing("uri"),
        ),
        (
            OK.replace(", cnonce=\"c\"", ""),
            DigestErrorKind::QopWithoutCnonceOrNc,
        ),
        (
            OK.replace("nc=0000002A", "nc=2A"),
            DigestErrorKind::Invalid("nc", "expected exactly 8 hex digits, as in `nc=00000001`"),
        ),
        (
            OK.replace("qop=auth", "qop=auth-conf"),
            DigestErrorKind::Invalid("qop", "expected `auth` or `auth-int`"),
        ),
        (
            OK.replace(r#"response="0a""#, r#"response="xyz""#),
            DigestErrorKind::Invalid("response", "expected hex digits"),
        ),
        (
            OK.replace(r#"username="u""#, r#"username*=UTF-8''u, userhash=true"#),
            DigestErrorKind::Invalid("username*", "not allowed with `userhash=true`"),
        ),
    ];
    for (v, kind) in cases {
        let e = DigestCredentials::parse(v.as_str())
            .unwrap()
            .validate()
            .unwrap_err();
        assert_eq!(e.kind(), *kind, "{v}");
    }
    let e = DigestCredentials::parse(r#"Digest username="u", Username="v""#)
        .unwrap()
        .validate()
        .unwrap_err();
    assert_eq!(e.offset(), 21);
    assert!(DigestCredentials::parse("Basic dTpw").is_err());
}

/// RFC 7616 §3.4.4: `username*` decodes as RFC 8187 ext-value; a bad one is
/// reported with the offset of the bad byte.
#[test]
fn username_star() {
    let c = DigestCredentials::parse("Digest username*=UTF-8''%E2%82%AC%20rates").unwrap();
    let mut buf = [0u8; 16];
    assert_eq!(
        c.decode_username_star(&mut buf).unwrap().unwrap(),
        "\u{20ac} rates"
    );
    let c = DigestCredentials::parse("Digest username*=UTF-8''%ZZ").unwrap();
    let e = c.decode_username_star(&mut buf).unwrap().unwrap_err();
    assert_eq!(e.offset(), 24);
}
