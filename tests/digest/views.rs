//! The typed Digest views (RFC 7616 §3.3, §3.4): every parameter, and the
//! refusals of `validate()` with the offset they point at. The views need
//! no hash crate: these run without the `digest` feature too.

use auth_headers::schemes::digest::{
    Algorithm, AlgorithmValue, DigestChallenge, DigestCredentials, Qop, QopValue,
};
use auth_headers::{parse_challenges, ErrorKind};

fn challenge(v: &str) -> DigestChallenge<'_> {
    let list = parse_challenges(v).unwrap();
    DigestChallenge::find(&list).unwrap()
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
    // A missing parameter at the scheme, a bad value at the value, as for
    // every scheme's view (issue 17).
    let cases: &[(&str, ErrorKind, usize)] = &[
        (r#"Digest nonce="n""#, ErrorKind::MissingParam("realm"), 0),
        (r#"Digest realm="r""#, ErrorKind::MissingParam("nonce"), 0),
        (
            r#"Digest realm="r", nonce="n", stale=maybe"#,
            ErrorKind::InvalidValue("`stale` must be `true` or `false` (RFC 7616 §3.3)"),
            35,
        ),
        (
            r#"Digest realm="r", nonce="n", charset=latin1"#,
            ErrorKind::InvalidValue("the only `charset` RFC 7616 §3.3 allows is `UTF-8`"),
            37,
        ),
        (
            r#"Digest realm="r", nonce="n", qop="""#,
            ErrorKind::InvalidValue("`qop` lists no quality of protection (RFC 7616 §3.3)"),
            34,
        ),
        (r#"Digest YWJj"#, ErrorKind::ExpectedParams, 7),
    ];
    for &(v, kind, at) in cases {
        let e = challenge(v).validate().unwrap_err();
        assert_eq!((e.kind(), e.offset()), (kind, at), "{v}");
    }
    // Another scheme is `None`, as for every typed view (issue 17).
    let list = parse_challenges("Basic realm=x").unwrap();
    assert_eq!(DigestChallenge::new(list.iter().next().unwrap()), None);
    assert_eq!(DigestChallenge::find(&list), None);
    let list = parse_challenges(r#"Basic realm=x, digest realm="d", nonce="n""#).unwrap();
    assert!(DigestChallenge::find(&list)
        .unwrap()
        .realm()
        .unwrap()
        .eq_str("d"));
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
    let cases: &[(String, ErrorKind)] = &[
        (
            OK.replace(r#"username="u""#, r#"username="u", username*=UTF-8''u"#),
            ErrorKind::InvalidValue(
                "send either `username` or `username*`, not both (RFC 7616 §3.4)",
            ),
        ),
        (
            OK.replace(r#"username="u", "#, ""),
            ErrorKind::MissingParam("username"),
        ),
        (
            OK.replace(r#"uri="/", "#, ""),
            ErrorKind::MissingParam("uri"),
        ),
        (
            OK.replace(", cnonce=\"c\"", ""),
            ErrorKind::MissingParam("cnonce"),
        ),
        (
            OK.replace("nc=0000002A, ", ""),
            ErrorKind::MissingParam("nc"),
        ),
        (
            OK.replace("nc=0000002A", "nc=2A"),
            ErrorKind::InvalidValue(
                "`nc` must be exactly 8 hex digits, as in `nc=00000001` (RFC 7616 §3.4)",
            ),
        ),
        (
            OK.replace("qop=auth", "qop=auth-conf"),
            ErrorKind::InvalidValue("`qop` must be `auth` or `auth-int` (RFC 7616 §3.4)"),
        ),
        (
            OK.replace(r#"response="0a""#, r#"response="xyz""#),
            ErrorKind::InvalidValue("`response` must be hex digits (RFC 7616 §3.4)"),
        ),
        (
            OK.replace(r#"username="u""#, r#"username*=UTF-8''u, userhash=true"#),
            ErrorKind::InvalidValue(
                "`username*` is not allowed with `userhash=true` (RFC 7616 §3.4.4)",
            ),
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
    assert_eq!(
        DigestCredentials::parse("Basic dTpw").unwrap_err().kind(),
        ErrorKind::WrongScheme
    );
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
