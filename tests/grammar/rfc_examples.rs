//! The worked examples of the RFCs, parsed and checked field by field.
//!
//! Where an RFC prints a header value over several lines (folded for the
//! page), the test joins the lines into the one field value a recipient
//! sees: RFC 9110 §5.5 forbids line folding on the wire, so the line breaks
//! and their indentation become nothing (inside a token or quoted-string
//! that the RFC wrapped) or a single space after a comma.
// Uses the `alloc` conveniences (owned strings, `Cow` unescaping).

use auth_headers::{
    parse_auth_info, parse_challenges, parse_credentials, Challenge, Challenges, Params,
};

/// Asserts the parameters of `params` are exactly `expected`, in order, with
/// names as written and unescaped values.
fn assert_params(params: Params<'_>, expected: &[(&str, &str)]) {
    let got: Vec<(&str, String)> = params
        .iter()
        .map(|p| (p.name(), p.value().to_str().into_owned()))
        .collect();
    let want: Vec<(&str, String)> = expected.iter().map(|&(n, v)| (n, v.to_string())).collect();
    assert_eq!(got, want);
    // Lookup ignores case and gives the first parameter of that name.
    for &(n, _) in expected {
        let first = expected
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(n))
            .unwrap()
            .1;
        assert!(
            params.get(&n.to_ascii_uppercase()).unwrap().eq_str(first),
            "lookup {n}"
        );
    }
}

fn assert_challenge(
    c: &Challenge<'_>,
    scheme: &str,
    token68: Option<&str>,
    params: &[(&str, &str)],
) {
    assert_eq!(c.scheme(), scheme);
    assert_eq!(c.token68(), token68);
    assert_params(c.params(), params);
}

/// Parses `value` both lazily and whole and checks both agree.
fn challenges(value: &str) -> Vec<Challenge<'_>> {
    let lazy: Vec<_> = Challenges::new(value).map(|c| c.unwrap()).collect();
    let list = parse_challenges(value).unwrap();
    let whole: Vec<_> = list.iter().collect();
    assert_eq!(lazy, whole);
    assert_eq!(list.len(), whole.len());
    list.validate().unwrap();
    whole
}

// RFC 9110 §11.6.1: "WWW-Authenticate: Basic realm="simple", Newauth realm="apps",
// type=1, title="Login to \"apps\""" (two lines in the RFC).
#[test]
fn rfc9110_11_6_1_two_challenges() {
    let v = r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#;
    let list = challenges(v);
    assert_eq!(list.len(), 2);
    assert_challenge(&list[0], "Basic", None, &[("realm", "simple")]);
    assert_challenge(
        &list[1],
        "Newauth",
        None,
        &[
            ("realm", "apps"),
            ("type", "1"),
            ("title", r#"Login to "apps""#),
        ],
    );
    let title = list[1].param("title").unwrap();
    assert!(title.is_quoted() && title.has_escapes());
    assert_eq!(title.raw(), br#"Login to \"apps\""#);
    assert_eq!(list[0].offset(), 0);
    assert_eq!(list[1].offset(), 22);
}

// RFC 7235 §4.1 printed the same example in the other order (httpwg/http-core#136
// reports that no browser handled it): the Newauth parameters end where `Basic`
// is not followed by `=`.
#[test]
fn rfc7235_4_1_reverse_order() {
    let v = r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""#;
    let list = challenges(v);
    assert_eq!(list.len(), 2);
    assert_challenge(
        &list[0],
        "Newauth",
        None,
        &[
            ("realm", "apps"),
            ("type", "1"),
            ("title", r#"Login to "apps""#),
        ],
    );
    assert_challenge(&list[1], "Basic", None, &[("realm", "simple")]);
    let l = parse_challenges(v).unwrap();
    assert!(l.find("basic").unwrap().realm().unwrap().eq_str("simple"));
}

// RFC 7617 §2: "WWW-Authenticate: Basic realm="WallyWorld""
#[test]
fn rfc7617_2_basic_challenge() {
    let list = challenges(r#"Basic realm="WallyWorld""#);
    assert_eq!(list.len(), 1);
    assert_challenge(&list[0], "Basic", None, &[("realm", "WallyWorld")]);
    assert!(list[0].realm().unwrap().eq_str("WallyWorld"));
}

// RFC 7617 §2: "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
// (user-id "Aladdin", password "open sesame").
#[test]
fn rfc7617_2_basic_credentials() {
    let c = parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
    assert_eq!(c.scheme(), "Basic");
    assert!(c.is_scheme("basic"));
    assert_eq!(c.token68(), Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    assert!(c.params().is_empty());
}

// RFC 7617 §2.1: "WWW-Authenticate: Basic realm="foo", charset="UTF-8""
#[test]
fn rfc7617_2_1_charset() {
    let list = challenges(r#"Basic realm="foo", charset="UTF-8""#);
    assert_eq!(list.len(), 1);
    assert_challenge(
        &list[0],
        "Basic",
        None,
        &[("realm", "foo"), ("charset", "UTF-8")],
    );
    assert!(list[0]
        .param("CHARSET")
        .unwrap()
        .eq_ignore_ascii_case("utf-8"));
}

// RFC 7617 §2.1: "Authorization: Basic dGVzdDoxMjPCow==" (user "test",
// password "123£" in UTF-8).
#[test]
fn rfc7617_2_1_utf8_credentials() {
    let c = parse_credentials("Basic dGVzdDoxMjPCow==").unwrap();
    assert_eq!(c.scheme(), "Basic");
    assert_eq!(c.token68(), Some("dGVzdDoxMjPCow=="));
    assert!(c.params().is_empty());
}

// RFC 6750 §3: "WWW-Authenticate: Bearer realm="example""
#[test]
fn rfc6750_3_bearer_realm() {
    let list = challenges(r#"Bearer realm="example""#);
    assert_eq!(list.len(), 1);
    assert_challenge(&list[0], "Bearer", None, &[("realm", "example")]);
}

// RFC 6750 §3: the expired-token example, three lines in the RFC:
// "WWW-Authenticate: Bearer realm="example", error="invalid_token",
// error_description="The access token expired""
#[test]
fn rfc6750_3_bearer_error() {
    let v = r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#;
    let list = challenges(v);
    assert_eq!(list.len(), 1);
    assert_challenge(
        &list[0],
        "Bearer",
        None,
        &[
            ("realm", "example"),
            ("error", "invalid_token"),
            ("error_description", "The access token expired"),
        ],
    );
    // The same value with the RFC's line breaks replaced by OWS after the commas.
    let folded = "Bearer realm=\"example\",\t\terror=\"invalid_token\",   error_description=\"The access token expired\"";
    let f = challenges(folded);
    assert_challenge(
        &f[0],
        "Bearer",
        None,
        &[
            ("realm", "example"),
            ("error", "invalid_token"),
            ("error_description", "The access token expired"),
        ],
    );
}

// RFC 6750 §2.1: "Authorization: Bearer mF_9.B5f-4.1JqM"
#[test]
fn rfc6750_2_1_bearer_credentials() {
    let c = parse_credentials("Bearer mF_9.B5f-4.1JqM").unwrap();
    assert_eq!(c.scheme(), "Bearer");
    assert_eq!(c.token68(), Some("mF_9.B5f-4.1JqM"));
    assert!(c.params().is_empty());
}

const NONCE: &str = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
const OPAQUE: &str = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
const CNONCE: &str = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

// RFC 7616 §3.9.1: the server sends two Digest challenges (SHA-256 first,
// then MD5) on two WWW-Authenticate lines, each printed over six lines.
#[test]
fn rfc7616_3_9_1_challenges() {
    for alg in ["SHA-256", "MD5"] {
        let v = format!(
            r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={alg}, nonce="{NONCE}", opaque="{OPAQUE}""#
        );
        let list = challenges(&v);
        assert_eq!(list.len(), 1, "the comma inside qop splits nothing");
        assert_challenge(
            &list[0],
            "Digest",
            None,
            &[
                ("realm", "http-auth@example.org"),
                ("qop", "auth, auth-int"),
                ("algorithm", alg),
                ("nonce", NONCE),
                ("opaque", OPAQUE),
            ],
        );
        let algorithm = list[0].param("algorithm").unwrap();
        assert!(!algorithm.is_quoted());
    }
}

// RFC 7616 §3.9.1: both challenges sent on two header lines, read together.
#[test]
fn rfc7616_3_9_1_challenges_on_two_lines() {
    let sha = format!(
        r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="{NONCE}", opaque="{OPAQUE}""#
    );
    let md5 = sha.replace("SHA-256", "MD5");
    let lines = [sha.as_str(), md5.as_str()];
    let all: Vec<_> = auth_headers::ChallengesOfLines::new(lines)
        .map(|c| c.unwrap())
        .collect();
    assert_eq!(all.len(), 2);
    assert!(all[0].param("algorithm").unwrap().eq_str("SHA-256"));
    assert!(all[1].param("algorithm").unwrap().eq_str("MD5"));
    // And joined into one value, as a proxy may combine the lines (RFC 9110 §5.3).
    let joined = format!("{sha}, {md5}");
    let list = challenges(&joined);
    assert_eq!(list.len(), 2);
    assert_eq!(list[1].scheme(), "Digest");
    assert!(list[1].param("algorithm").unwrap().eq_str("MD5"));
}

// RFC 7616 §3.9.1: the Authorization the client sends when it chooses MD5.
#[test]
fn rfc7616_3_9_1_md5_credentials() {
    let v = format!(
        r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="{NONCE}", nc=00000001, cnonce="{CNONCE}", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="{OPAQUE}""#
    );
    let c = parse_credentials(&v).unwrap();
    assert_eq!(c.scheme(), "Digest");
    assert_eq!(c.token68(), None);
    assert_params(
        c.params(),
        &[
            ("username", "Mufasa"),
            ("realm", "http-auth@example.org"),
            ("uri", "/dir/index.html"),
            ("algorithm", "MD5"),
            ("nonce", NONCE),
            ("nc", "00000001"),
            ("cnonce", CNONCE),
            ("qop", "auth"),
            ("response", "8ca523f5e9506fed4657c9700eebdbec"),
            ("opaque", OPAQUE),
        ],
    );
    c.params().check_unique().unwrap();
}

// RFC 7616 §3.9.1: the Authorization for SHA-256; the RFC wraps the response
// value over two lines, which here is the one 64-digit hex string.
#[test]
fn rfc7616_3_9_1_sha256_credentials() {
    let response = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1";
    let v = format!(
        r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="{NONCE}", nc=00000001, cnonce="{CNONCE}", qop=auth, response="{response}", opaque="{OPAQUE}""#
    );
    let c = parse_credentials(&v).unwrap();
    assert_eq!(c.scheme(), "Digest");
    assert_eq!(c.token68(), None);
    assert_params(
        c.params(),
        &[
            ("username", "Mufasa"),
            ("realm", "http-auth@example.org"),
            ("uri", "/dir/index.html"),
            ("algorithm", "SHA-256"),
            ("nonce", NONCE),
            ("nc", "00000001"),
            ("cnonce", CNONCE),
            ("qop", "auth"),
            ("response", response),
            ("opaque", OPAQUE),
        ],
    );
    assert_eq!(c.param("RESPONSE").unwrap().len(), 64);
    // Kept folded as printed (a line break inside the quoted-string), the
    // value is refused at the control byte: folding is not allowed on the wire.
    let folded = v.replace("1802ca10daf449", "1802ca10daf449\r\n        ");
    let err = parse_credentials(&folded).unwrap_err();
    assert_eq!(err.kind(), auth_headers::ErrorKind::ControlChar(b'\r'));
    assert_eq!(err.offset(), folded.find('\r').unwrap());
}

// RFC 7615 §3 defines `Authentication-Info = #auth-param` and gives no worked
// value; its parameters for Digest are those of RFC 7616 §3.5 (nextnonce, qop,
// rspauth, cnonce, nc). The value below uses them with the nonces of §3.9.1.
#[test]
fn rfc7615_3_authentication_info() {
    let v = format!(
        r#"nextnonce="{NONCE}", qop=auth, rspauth="8ca523f5e9506fed4657c9700eebdbec", cnonce="{CNONCE}", nc=00000001"#
    );
    let p = parse_auth_info(&v).unwrap();
    assert_params(
        p,
        &[
            ("nextnonce", NONCE),
            ("qop", "auth"),
            ("rspauth", "8ca523f5e9506fed4657c9700eebdbec"),
            ("cnonce", CNONCE),
            ("nc", "00000001"),
        ],
    );
    p.check_unique().unwrap();
    assert_eq!(p.iter().next().unwrap().offset(), 0);
    // RFC 7615 §3: the list may be empty (`#auth-param`).
    assert!(parse_auth_info("").unwrap().is_empty());
}

// RFC 7615 §4: Proxy-Authentication-Info has the same syntax; RFC 9110 §11.7.2:
// Proxy-Authorization is one credentials as Authorization is.
#[test]
fn rfc7615_4_proxy_headers_share_the_grammar() {
    use auth_headers::{Field, FieldKind};
    assert_eq!(Field::ProxyAuthenticationInfo.kind(), FieldKind::AuthInfo);
    assert_eq!(Field::ProxyAuthorization.kind(), FieldKind::Credentials);
    assert_eq!(Field::ProxyAuthenticate.kind(), FieldKind::Challenges);
    let p = parse_auth_info(r#"nextnonce="abc""#).unwrap();
    assert_params(p, &[("nextnonce", "abc")]);
}
