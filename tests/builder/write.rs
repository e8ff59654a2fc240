//! The builders: RFC examples written byte for byte, one test per refusal
//! (RFC 9110 §11 grammar; issue "never an invalid or injectable value"),
//! and the output targets.
// Uses the `alloc` conveniences (owned strings, `Cow` unescaping).

use auth_headers::write::{
    AuthInfoBuilder, BuildError, ChallengeBuilder, ChallengeListBuilder, CredentialsBuilder, Part,
    Quote, Value,
};
use auth_headers::{parse_auth_info, parse_challenges, parse_credentials, ErrorKind};

const NONCE: &str = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
const OPAQUE: &str = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
const CNONCE: &str = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

// RFC 6750 §3: `WWW-Authenticate: Bearer realm="example"`.
#[test]
fn rfc6750_3_realm_example() {
    let v = ChallengeBuilder::new("Bearer")
        .param("realm", "example")
        .to_string()
        .unwrap();
    assert_eq!(v, r#"Bearer realm="example""#);
}

// RFC 6750 §3: the expired-token example, unfolded from its three lines.
#[test]
fn rfc6750_3_invalid_token_example() {
    let v = ChallengeBuilder::new("Bearer")
        .param("realm", "example")
        .param("error", "invalid_token")
        .param("error_description", "The access token expired")
        .to_string()
        .unwrap();
    assert_eq!(
        v,
        r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#
    );
}

// RFC 7616 §3.9.1: both challenges, each on its own WWW-Authenticate line
// (the RFC prints each over six lines; unfolded here with ", ").
#[test]
fn rfc7616_3_9_1_challenges_on_two_lines() {
    let c = |alg| {
        ChallengeBuilder::new("Digest")
            .param("realm", "http-auth@example.org")
            .param("qop", "auth, auth-int")
            .param("algorithm", alg)
            .param("nonce", NONCE)
            .param("opaque", OPAQUE)
    };
    let list = [c("SHA-256"), c("MD5")];
    let lines: Vec<String> = ChallengeListBuilder::new(&list)
        .lines()
        .unwrap()
        .map(|l| l.to_string())
        .collect();
    let expect = |alg: &str| {
        format!(
            r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={alg}, nonce="{NONCE}", opaque="{OPAQUE}""#
        )
    };
    assert_eq!(lines, [expect("SHA-256"), expect("MD5")]);
}

// RFC 7616 §3.9.1: the MD5 Authorization, unfolded. `nc` and `qop` unquoted,
// `username`, `uri`, `cnonce`, `response` quoted (§3.4).
#[test]
fn rfc7616_3_9_1_md5_credentials() {
    let v = CredentialsBuilder::new("Digest")
        .param("username", "Mufasa")
        .param("realm", "http-auth@example.org")
        .param("uri", "/dir/index.html")
        .param("algorithm", "MD5")
        .param("nonce", NONCE)
        .param("nc", "00000001")
        .param("cnonce", CNONCE)
        .param("qop", "auth")
        .param("response", "8ca523f5e9506fed4657c9700eebdbec")
        .param("opaque", OPAQUE)
        .to_string()
        .unwrap();
    assert_eq!(
        v,
        format!(
            r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="{NONCE}", nc=00000001, cnonce="{CNONCE}", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="{OPAQUE}""#
        )
    );
}

// RFC 7617 §2: `Basic realm="foo", charset="UTF-8"` in the 401, and the
// credentials `Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==`.
#[test]
fn rfc7617_2_basic() {
    let v = ChallengeBuilder::new("Basic")
        .param("realm", "foo")
        .param("charset", "UTF-8")
        .to_string()
        .unwrap();
    assert_eq!(v, r#"Basic realm="foo", charset="UTF-8""#);
    let c = CredentialsBuilder::new("Basic")
        .token68("QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        .to_string()
        .unwrap();
    assert_eq!(c, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
}

// RFC 9110 §11.6.1: the Newauth example; the escaped quotes of the title.
#[test]
fn rfc9110_11_6_1_newauth() {
    let list = [
        ChallengeBuilder::new("Newauth")
            .param("realm", "apps")
            .param("type", "1")
            .param("title", r#"Login to "apps""#),
        ChallengeBuilder::new("Basic").param("realm", "simple"),
    ];
    let v = ChallengeListBuilder::new(&list).to_string().unwrap();
    assert_eq!(
        v,
        r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""#
    );
}

// RFC 7615 §3 with RFC 7616 §3.5 quoting.
#[test]
fn rfc7615_3_auth_info_digest_rules() {
    let v = AuthInfoBuilder::for_scheme("Digest")
        .param("nextnonce", NONCE)
        .param("qop", "auth")
        .param("rspauth", "8ca523f5e9506fed4657c9700eebdbec")
        .param("cnonce", CNONCE)
        .param("nc", "00000001")
        .to_string()
        .unwrap();
    assert_eq!(
        v,
        format!(
            r#"nextnonce="{NONCE}", qop=auth, rspauth="8ca523f5e9506fed4657c9700eebdbec", cnonce="{CNONCE}", nc=00000001"#
        )
    );
    assert_eq!(parse_auth_info(&v).unwrap().len(), 5);
}

#[test]
fn quote_overrides() {
    let v = ChallengeBuilder::new("X")
        .param("a", Value::new("tok").quoted())
        .param("realm", Value::new("r").with_quote(Quote::Never))
        .param("c", "needs space")
        .param("d", "")
        .to_string()
        .unwrap();
    assert_eq!(v, r#"X a="tok", realm=r, c="needs space", d="""#);
}

#[test]
fn escapes_backslash_and_quote_only() {
    let v = ChallengeBuilder::new("X")
        .param("a", "q\"b\\s\tt,é")
        .to_string()
        .unwrap();
    assert_eq!(v, "X a=\"q\\\"b\\\\s\tt,é\"");
    let list = parse_challenges(&v).unwrap();
    let c = list.iter().next().unwrap();
    assert!(c.param("a").unwrap().eq_str("q\"b\\s\tt,é"));
}

// RFC 8187 §3.2.1 ext-value (the example of issue 3).
#[test]
fn ext_value_param() {
    let v = ChallengeBuilder::new("Newauth")
        .param("title", "Jason")
        .param("title", Value::ext("Jäsøn"))
        .to_string()
        .unwrap();
    assert_eq!(v, r#"Newauth title=Jason, title*=UTF-8''J%C3%A4s%C3%B8n"#);
    // Given with its star, the name is not starred twice; a second one is a repeat.
    let err = ChallengeBuilder::new("Newauth")
        .param("title*", Value::ext("a"))
        .param("TITLE", Value::ext("b"))
        .check()
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.part()),
        (ErrorKind::DuplicateParam, Part::Name(1))
    );
}

// ---- refusals: each asserts the error and that nothing was written ----

/// What the two writers returned.
type Outcome = (Result<(), BuildError>, Result<usize, BuildError>);

/// Runs every output path of `b` and checks each one refuses with `expect`
/// and writes nothing.
fn refused<F>(build: F, expect: (ErrorKind, Part, usize))
where
    F: Fn(&mut String, &mut [u8]) -> Outcome,
{
    let mut s = String::new();
    let mut buf = [0xAAu8; 256];
    let (a, b) = build(&mut s, &mut buf);
    for e in [a.unwrap_err(), b.unwrap_err()] {
        assert_eq!((e.kind(), e.part(), e.offset()), expect, "{e}");
    }
    assert_eq!(s, "", "nothing may be written to the text writer");
    assert!(
        buf.iter().all(|&b| b == 0xAA),
        "the buffer must be untouched"
    );
}

fn challenge(c: ChallengeBuilder<'_>) -> impl Fn(&mut String, &mut [u8]) -> Outcome + '_ {
    move |s, buf| (c.write_to(s), c.write_to_slice(buf))
}

#[test]
fn refuses_scheme_that_is_not_a_token() {
    refused(
        challenge(ChallengeBuilder::new("Bear er").param("realm", "x")),
        (ErrorKind::UnexpectedByte(b' '), Part::Scheme, 4),
    );
    refused(
        challenge(ChallengeBuilder::new("Basic\r\nX-Evil: 1")),
        (ErrorKind::ControlChar(b'\r'), Part::Scheme, 5),
    );
    refused(
        challenge(ChallengeBuilder::new("")),
        (ErrorKind::EmptyToken, Part::Scheme, 0),
    );
}

#[test]
fn refuses_name_that_is_not_a_token() {
    refused(
        challenge(ChallengeBuilder::new("X").param("a", "1").param("b=c", "2")),
        (ErrorKind::UnexpectedByte(b'='), Part::Name(1), 1),
    );
    refused(
        challenge(ChallengeBuilder::new("X").param("", "1")),
        (ErrorKind::EmptyToken, Part::Name(0), 0),
    );
    refused(
        challenge(ChallengeBuilder::new("X").param("a\nb", "1")),
        (ErrorKind::ControlChar(b'\n'), Part::Name(0), 1),
    );
}

#[test]
fn refuses_token68_outside_its_alphabet() {
    let cred = |t| {
        move |s: &mut String, buf: &mut [u8]| {
            let c = CredentialsBuilder::new("Bearer").token68(t);
            (c.write_to(s), c.write_to_slice(buf))
        }
    };
    refused(
        cred("abc def"),
        (ErrorKind::UnexpectedByte(b' '), Part::Token68, 3),
    );
    refused(
        cred("ab=c"),
        (ErrorKind::UnexpectedByte(b'c'), Part::Token68, 3),
    );
    refused(
        cred("=="),
        (ErrorKind::UnexpectedByte(b'='), Part::Token68, 0),
    );
    refused(
        cred("tok\r\n"),
        (ErrorKind::ControlChar(b'\r'), Part::Token68, 3),
    );
    refused(cred(""), (ErrorKind::EmptyToken, Part::Token68, 0));
}

#[test]
fn refuses_control_bytes_in_values() {
    for b in (0u8..0x20).chain([0x7F]) {
        if b == b'\t' {
            continue;
        }
        let v = [b'a', b'b', b];
        let v = std::str::from_utf8(&v).unwrap().to_owned();
        refused(
            challenge(ChallengeBuilder::new("X").param("a", v.as_str())),
            (ErrorKind::ControlChar(b), Part::Value(0), 2),
        );
    }
    // The classic header injection.
    refused(
        challenge(ChallengeBuilder::new("Basic").param("realm", "x\r\nSet-Cookie: s=1")),
        (ErrorKind::ControlChar(b'\r'), Part::Value(0), 1),
    );
}

#[test]
fn htab_only_inside_a_quoted_string() {
    let v = ChallengeBuilder::new("X")
        .param("a", "x\ty")
        .to_string()
        .unwrap();
    assert_eq!(v, "X a=\"x\ty\"");
    refused(
        challenge(ChallengeBuilder::new("X").param("a", Value::new("x\ty").unquoted())),
        (ErrorKind::ControlChar(b'\t'), Part::Value(0), 1),
    );
}

#[test]
fn refuses_never_quoted_value_that_is_not_a_token() {
    refused(
        challenge(ChallengeBuilder::new("X").param("a", Value::new("a b").unquoted())),
        (ErrorKind::UnexpectedByte(b' '), Part::Value(0), 1),
    );
    refused(
        challenge(ChallengeBuilder::new("X").param("a", Value::new("").unquoted())),
        (ErrorKind::EmptyToken, Part::Value(0), 0),
    );
}

#[test]
fn refuses_repeated_name() {
    // RFC 9110 §11.2: each parameter name MUST only occur once; names are
    // case-insensitive.
    refused(
        challenge(
            ChallengeBuilder::new("Bearer")
                .param("realm", "a")
                .param("error", "x")
                .param("Realm", "b"),
        ),
        (ErrorKind::DuplicateParam, Part::Name(2), 0),
    );
}

#[test]
fn refuses_token68_with_params() {
    refused(
        challenge(
            ChallengeBuilder::new("Negotiate")
                .token68("abc")
                .param("a", "b"),
        ),
        (ErrorKind::Token68NotAlone, Part::Name(0), 0),
    );
}

#[test]
fn refuses_more_params_than_capacity() {
    let mut c = ChallengeBuilder::<'_, 2>::with_capacity("X");
    c.push("a", "1").push("b", "2").push("c", "3");
    assert_eq!(c.params().len(), 2);
    let err = c.to_string().unwrap_err();
    assert_eq!(
        (err.kind(), err.part()),
        (ErrorKind::TooManyParams, Part::Name(2))
    );
}

#[test]
fn refuses_empty_challenge_list() {
    // RFC 9110 §15.5.2: a 401 carries at least one challenge.
    let list: [ChallengeBuilder<'_>; 0] = [];
    let err = ChallengeListBuilder::new(&list).to_string().unwrap_err();
    assert_eq!(
        (err.kind(), err.part()),
        (ErrorKind::NoChallenge, Part::List)
    );
    assert!(ChallengeListBuilder::new(&list).lines().is_err());
}

#[test]
fn list_error_names_the_challenge_and_writes_nothing() {
    let list = [
        ChallengeBuilder::new("Basic").param("realm", "ok"),
        ChallengeBuilder::new("Bearer").param("error", "bad\0"),
    ];
    let l = ChallengeListBuilder::new(&list);
    let mut s = String::new();
    let err = l.write_to(&mut s).unwrap_err();
    assert_eq!(s, "");
    assert_eq!(
        (err.kind(), err.part(), err.challenge(), err.offset()),
        (ErrorKind::ControlChar(0), Part::Value(0), 1, 3)
    );
    assert_eq!(
        err.to_string(),
        "challenge 1, value of parameter 0, at byte 3: control character 0x00 in value: CR, LF, NUL and other controls are never allowed in a header value"
    );
    // No line is handed out when any challenge is invalid.
    assert!(l.lines().is_err());
}

#[test]
fn bytes_that_are_not_utf8() {
    // obs-text is allowed in a quoted-string (RFC 9110 §5.6.4): the byte
    // writers take it, the text writers refuse it.
    let c = ChallengeBuilder::new("X").param("a", b"caf\xE9");
    assert_eq!(c.to_vec().unwrap(), b"X a=\"caf\xE9\"");
    let err = c.to_string().unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::NotUtf8(0xE9), 3));
    let parsed = parse_challenges(b"X a=\"caf\xE9\"").unwrap();
    assert!(parsed
        .iter()
        .next()
        .unwrap()
        .param("a")
        .unwrap()
        .eq_bytes(b"caf\xE9"));
}

#[test]
fn buffer_too_small_leaves_it_untouched() {
    let c = ChallengeBuilder::new("Basic").param("realm", "simple");
    assert_eq!(c.encoded_len().unwrap(), 20);
    let mut buf = [0u8; 19];
    let err = c.write_to_slice(&mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::BufferTooSmall, 20));
    assert_eq!(buf, [0u8; 19]);
    let mut buf = [0u8; 20];
    assert_eq!(c.write_to_slice(&mut buf).unwrap(), 20);
    assert_eq!(&buf, br#"Basic realm="simple""#);
}

#[test]
fn failing_text_writer_is_reported() {
    struct Two(usize);
    impl std::fmt::Write for Two {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += 1;
            if self.0 > 2 {
                return Err(std::fmt::Error);
            }
            let _ = s;
            Ok(())
        }
    }
    let err = ChallengeBuilder::new("Basic")
        .param("realm", "simple")
        .write_to(&mut Two(0))
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.part()),
        (ErrorKind::WriteFailed, Part::Output)
    );
}

#[test]
fn credentials_debug_is_redacted() {
    let c = CredentialsBuilder::new("Digest")
        .param("username", "Mufasa")
        .param("response", "secret-digest");
    let d = format!("{c:?}");
    assert!(d.contains("username") && !d.contains("Mufasa") && !d.contains("secret"));
    let t = CredentialsBuilder::new("Bearer").token68("s3cr3t");
    assert!(!format!("{t:?}").contains("s3cr3t"));
}

// ---- parsed values written back ----

#[test]
fn parsed_values_display_canonically() {
    let v = r#"Newauth realm=apps, type="1", title="Login to \"apps\"", , Basic   realm="simple",Negotiate abc==, NTLM"#;
    let list = parse_challenges(v).unwrap();
    let canon = list.to_string();
    assert_eq!(
        canon,
        r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple", Negotiate abc==, NTLM"#
    );
    assert_eq!(parse_challenges(&canon).unwrap().to_string(), canon);

    let c = parse_credentials(r#"Digest username=Mufasa, nc="00000001", qop="auth""#).unwrap();
    assert_eq!(
        c.to_string(),
        r#"Digest username="Mufasa", nc=00000001, qop=auth"#
    );
}

#[test]
fn parsed_value_reused_in_a_builder() {
    // A proxy copies the realm of a parsed challenge into its own.
    let list = parse_challenges(r#"Basic realm="a \"b\" \c""#).unwrap();
    let realm = list.iter().next().unwrap().realm().unwrap();
    let v = ChallengeBuilder::new("Bearer")
        .param("realm", realm)
        .to_string()
        .unwrap();
    assert_eq!(v, r#"Bearer realm="a \"b\" c""#);
}

// RFC 9110 §5.6.4 obs-text: the byte writers keep it, `Display` (text)
// shows U+FFFD.
#[test]
fn canonical_bytes_keep_obs_text() {
    let list = parse_challenges(b"X  a=\"caf\xE9\", b=\"\\t\"").unwrap();
    assert_eq!(list.to_canonical_vec(), b"X a=\"caf\xE9\", b=t");
    assert_eq!(list.canonical_len(), 15);
    assert_eq!(list.to_string(), "X a=\"caf\u{FFFD}\", b=t");
    let mut small = [0u8; 14];
    let err = list.write_canonical(&mut small).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::BufferTooSmall, 15));
    assert_eq!(small, [0u8; 14]);
    let mut buf = [0u8; 15];
    assert_eq!(list.write_canonical(&mut buf).unwrap(), 15);
    let c = parse_credentials(b"Y \xE9=\"1\"");
    assert!(c.is_err(), "a name is a token: obs-text is refused there");
}

// Found by the round-trip fuzz target: `*` is a tchar, so `*` alone is a
// valid parameter name (RFC 9110 §5.6.2), not an ext-value marker.
#[test]
fn star_alone_is_a_name() {
    let v = ChallengeBuilder::new("X")
        .param("*", "1")
        .param("a*", "UTF-8''2")
        .to_string()
        .unwrap();
    assert_eq!(v, "X *=1, a*=UTF-8''2");
    let list = parse_challenges(&v).unwrap();
    let c = list.iter().next().unwrap();
    assert!(c.param("*").unwrap().eq_str("1") && c.param("a*").unwrap().eq_str("UTF-8''2"));
}

// Issue 16, finding 8: a `name*` value is an RFC 8187 ext-value (§3.2.1),
// which has no quoted form; the builder wrote `title*="a b"`. It now takes a
// value that already is an ext-value (written as a token, whatever its
// quoting) and refuses any other.
#[test]
fn star_name_takes_only_an_ext_value() {
    for (value, kind, at) in [
        ("a b", ErrorKind::ExpectedExtValue, 3),
        ("2", ErrorKind::ExpectedExtValue, 1),
        ("UTF-8''a b", ErrorKind::UnexpectedByte(b' '), 8),
        ("KOI8-R''a", ErrorKind::UnknownCharset, 0),
    ] {
        let b = ChallengeBuilder::new("X").param("title*", value);
        let e = b.to_string().unwrap_err();
        assert_eq!(
            (e.kind(), e.part(), e.offset()),
            (kind, Part::Value(0), at),
            "{value}"
        );
        let e = AuthInfoBuilder::new().param("a*", Value::new(value).quoted());
        assert!(e.to_string().is_err(), "{value}");
    }
    for q in [Quote::Auto, Quote::Always, Quote::Never] {
        let v = ChallengeBuilder::new("X")
            .param("title*", Value::new("UTF-8'en'a%20b").with_quote(q))
            .to_string()
            .unwrap();
        assert_eq!(v, "X title*=UTF-8'en'a%20b");
    }
    // A parsed ext-value passes through, even one that came quoted.
    let list = parse_challenges(r#"X title*="UTF-8''%C3%A4""#).unwrap();
    let t = list.iter().next().unwrap().param("title*").unwrap();
    let v = ChallengeBuilder::new("X").param("title*", Value::parsed(t));
    assert_eq!(v.to_string().unwrap(), "X title*=UTF-8''%C3%A4");
    // `Display` of a parsed `name*` that is not an ext-value still writes
    // what parses back.
    let list = parse_challenges(r#"X title*="a b""#).unwrap();
    assert_eq!(list.to_string(), r#"X title*="a b""#);
}

// RFC 7616 §3.9.1: the SHA-256 Authorization, unfolded (the RFC wraps the
// response value over two lines).
#[test]
fn rfc7616_3_9_1_sha256_credentials() {
    let response = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1";
    let v = CredentialsBuilder::new("Digest")
        .param("username", "Mufasa")
        .param("realm", "http-auth@example.org")
        .param("uri", "/dir/index.html")
        .param("algorithm", "SHA-256")
        .param("nonce", NONCE)
        .param("nc", "00000001")
        .param("cnonce", CNONCE)
        .param("qop", "auth")
        .param("response", response)
        .param("opaque", OPAQUE)
        .to_string()
        .unwrap();
    assert_eq!(
        v,
        format!(
            r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="{NONCE}", nc=00000001, cnonce="{CNONCE}", qop=auth, response="{response}", opaque="{OPAQUE}""#
        )
    );
}
