//! One test per rule of the grammar of RFC 9110 §11 (with §5.6), one per
//! error kind, and the inputs of the recurring complaints collected in the
//! project's anchors, each with its strict outcome.
// Uses the `alloc` conveniences (owned strings, `Cow` unescaping).

use auth_headers::{
    parse_auth_info, parse_challenges, parse_credentials, Challenge, Challenges, ChallengesOfLines,
    ErrorKind, MAX_UNIQUE_CHECK,
};

/// A challenge as (scheme, token68, [(name, unescaped value)]).
type Shape = (String, Option<String>, Vec<(String, String)>);

/// The challenges of `v`, each as a [`Shape`].
fn ch(v: &(impl AsRef<[u8]> + ?Sized)) -> Vec<Shape> {
    parse_challenges(v)
        .unwrap_or_else(|e| panic!("{:?}: {e}", String::from_utf8_lossy(v.as_ref())))
        .iter()
        .map(|c| shape(&c))
        .collect()
}

fn shape(c: &Challenge<'_>) -> Shape {
    (
        c.scheme().to_string(),
        c.token68().map(str::to_string),
        c.params()
            .iter()
            .map(|p| (p.name().to_string(), p.value().to_str().into_owned()))
            .collect(),
    )
}

fn one(scheme: &str, t68: Option<&str>, params: &[(&str, &str)]) -> Shape {
    (
        scheme.to_string(),
        t68.map(str::to_string),
        params
            .iter()
            .map(|&(n, v)| (n.to_string(), v.to_string()))
            .collect(),
    )
}

fn ch_err(v: &(impl AsRef<[u8]> + ?Sized)) -> (usize, ErrorKind) {
    let e = parse_challenges(v).unwrap_err();
    // The lazy iterator reports the same error.
    let lazy = Challenges::new(v).find_map(Result::err).unwrap();
    assert_eq!(e, lazy);
    (e.offset(), e.kind())
}

fn cr_err(v: &(impl AsRef<[u8]> + ?Sized)) -> (usize, ErrorKind) {
    let e = parse_credentials(v).unwrap_err();
    (e.offset(), e.kind())
}

fn ai_err(v: &(impl AsRef<[u8]> + ?Sized)) -> (usize, ErrorKind) {
    let e = parse_auth_info(v).unwrap_err();
    (e.offset(), e.kind())
}

// ---------------------------------------------------------------- rules

// RFC 9110 §5.6.2: `token = 1*tchar`; every tchar may appear in a scheme and a name.
#[test]
fn token_takes_every_tchar() {
    let t = "!#$%&'*+-.^_`|~09AZaz";
    let v = format!("{t} {t}={t}");
    assert_eq!(ch(&v), [one(t, None, &[(t, t)])]);
    let c = parse_credentials(&v).unwrap();
    assert_eq!(c.scheme(), t);
    assert!(c.param(t).unwrap().eq_str(t));
}

// RFC 9110 §5.6.2: a byte outside tchar ends the token; a scheme cannot start with one.
#[test]
fn token_refuses_separators() {
    for (v, at) in [("Ba(sic", 2), ("Ba:sic", 2), ("Ba@sic x", 2), ("Ba/sic", 2)] {
        assert_eq!(ch_err(v), (at, ErrorKind::ExpectedSpaceAfterScheme), "{v}");
    }
    assert_eq!(ch_err("(Basic"), (0, ErrorKind::ExpectedScheme));
    assert_eq!(cr_err("{x}"), (0, ErrorKind::ExpectedScheme));
}

// RFC 9110 §11.2: `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
#[test]
fn token68_with_padding() {
    assert_eq!(
        ch("Negotiate abc=="),
        [one("Negotiate", Some("abc=="), &[])]
    );
    assert_eq!(ch("X a-._~+/9Z"), [one("X", Some("a-._~+/9Z"), &[])]);
    assert_eq!(ch("X abc="), [one("X", Some("abc="), &[])]);
    // `a=` is a token68 (a name needs a value after its `=`).
    assert_eq!(ch("Basic a="), [one("Basic", Some("a="), &[])]);
    // Padding only at the end.
    assert_eq!(ch_err("X a=b="), (5, ErrorKind::ExpectedComma));
    // `/` is token68 but not tchar: it cannot start a parameter.
    assert_eq!(ch("X a/b=="), [one("X", Some("a/b=="), &[])]);
    let c = parse_credentials("Negotiate abc==").unwrap();
    assert_eq!(c.token68(), Some("abc=="));
    assert!(c.params().is_empty());
}

// RFC 9110 §11.2: `token68` versus `#auth-param`, told apart by the `=` and
// what follows it: `Negotiate abc==` versus `Basic realm=x`.
#[test]
fn token68_versus_auth_param() {
    assert_eq!(ch("Basic realm=x"), [one("Basic", None, &[("realm", "x")])]);
    assert_eq!(
        ch("Basic realm==, Bearer"),
        [one("Basic", Some("realm=="), &[]), one("Bearer", None, &[])]
    );
    // A token68 ends its challenge: what follows the comma is a new challenge.
    assert_eq!(
        ch("Negotiate abc==, NTLM, Basic realm=r"),
        [
            one("Negotiate", Some("abc=="), &[]),
            one("NTLM", None, &[]),
            one("Basic", None, &[("realm", "r")])
        ]
    );
    // ... and cannot be followed by parameters of the same challenge.
    assert_eq!(
        ch_err("Negotiate abc==, a=b"),
        (17, ErrorKind::Token68NotAlone)
    );
    assert_eq!(
        cr_err("Negotiate abc==, a=b"),
        (17, ErrorKind::Token68NotAlone)
    );
}

// RFC 9110 §11.2: `auth-param = token BWS "=" BWS ( token / quoted-string )`,
// BWS being OWS (§5.6.3) on both sides of `=`.
#[test]
fn bws_around_equals() {
    let want = [one("Basic", None, &[("realm", "x"), ("a", "b c")])];
    for v in [
        r#"Basic realm=x, a="b c""#,
        r#"Basic realm =x, a= "b c""#,
        "Basic realm\t=\tx, a \t= \"b c\"",
        r#"Basic realm  =  x, a   =   "b c""#,
    ] {
        assert_eq!(ch(v), want, "{v:?}");
        let c = parse_credentials(v).unwrap();
        assert!(c.param("a").unwrap().eq_str("b c"));
    }
    let p = parse_auth_info("a = b ,c\t=\t\"d\"").unwrap();
    assert_eq!(p.len(), 2);
    assert!(p.get("c").unwrap().eq_str("d"));
}

// RFC 9110 §5.6.4: `quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )`;
// the recipient unescapes it.
#[test]
fn quoted_pair_escapes() {
    let v = r#"X a="q\"uo\\te", b="\a\b\ c", c="\,", d="\\""#;
    assert_eq!(
        ch(v),
        [one(
            "X",
            None,
            &[("a", r#"q"uo\te"#), ("b", "ab c"), ("c", ","), ("d", "\\")]
        )]
    );
    let c = parse_credentials(v).unwrap();
    let a = c.param("a").unwrap();
    assert!(a.is_quoted() && a.has_escapes());
    assert_eq!(a.raw(), br#"q\"uo\\te"#);
    assert_eq!(a.len(), 7);
    assert!(a.bytes().eq(br#"q"uo\te"#.iter().copied()));
    assert_eq!(a.as_str(), None);
    // A quoted value without escape borrows as it is.
    let p = parse_credentials(r#"X a="plain""#)
        .unwrap()
        .param("a")
        .unwrap();
    assert!(p.is_quoted() && !p.has_escapes());
    assert_eq!(p.as_str(), Some("plain"));
    // An escaped HTAB is allowed; an escaped control byte is not.
    assert_eq!(ch("X a=\"\\\t\"")[0].2[0].1, "\t");
    assert_eq!(ch_err("X a=\"\\\n\""), (6, ErrorKind::ControlChar(b'\n')));
    // A backslash at the very end leaves the string open.
    assert_eq!(
        ch_err(r#"X a="abc\"#),
        (4, ErrorKind::UnterminatedQuotedString)
    );
}

// RFC 9110 §5.6.4: `obs-text = %x80-FF` is qdtext and may follow a backslash;
// it is not a tchar, so an unquoted value cannot hold it.
#[test]
fn obs_text_in_quoted_strings() {
    let v: &[u8] = b"X realm=\"caf\xc3\xa9 \xff\x80\", b=\"\\\xfe\"";
    let list = parse_challenges(v).unwrap();
    let c = list.iter().next().unwrap();
    let realm = c.realm().unwrap();
    assert_eq!(realm.raw(), b"caf\xc3\xa9 \xff\x80");
    assert!(realm.eq_bytes(b"caf\xc3\xa9 \xff\x80"));
    assert_eq!(realm.as_str(), None, "not UTF-8");
    assert_eq!(realm.to_str(), "café \u{FFFD}\u{FFFD}");
    assert!(c.param("b").unwrap().eq_bytes(b"\xfe"));
    let cred = parse_credentials(v).unwrap();
    assert!(cred
        .param("realm")
        .unwrap()
        .eq_bytes(b"caf\xc3\xa9 \xff\x80"));
    let info = parse_auth_info(&v[2..]).unwrap();
    assert!(info.get("b").unwrap().eq_bytes(b"\xfe"));
    // Valid UTF-8 quoted text borrows as &str.
    let utf8 = parse_credentials("X realm=\"café\"").unwrap();
    assert_eq!(utf8.param("realm").unwrap().as_str(), Some("café"));
    // Unquoted obs-text is no token.
    assert_eq!(
        ch_err(b"X realm=caf\xc3\xa9"),
        (11, ErrorKind::ExpectedComma)
    );
    assert_eq!(ch_err(b"X realm=\xc3\xa9"), (8, ErrorKind::ExpectedValue));
}

// RFC 9110 §5.6.1: `#element = [ element ] *( OWS "," OWS [ element ] )`:
// empty elements and OWS around commas are accepted.
#[test]
fn list_empty_elements_and_ows() {
    let want = [
        one("Basic", None, &[("realm", "x"), ("a", "b")]),
        one("Bearer", None, &[]),
    ];
    for v in [
        "Basic realm=x, a=b, Bearer",
        "Basic realm=x,a=b,Bearer",
        "Basic realm=x ,, a=b,\t,Bearer",
        ", ,Basic realm=x, a=b, Bearer,",
        "Basic , realm=x, , a=b, , Bearer, ,",
        "Basic realm=x \t,\t a=b \t, \t Bearer",
    ] {
        assert_eq!(ch(v), want, "{v:?}");
    }
    let c = parse_credentials("Basic , realm=x,, a=b ,").unwrap();
    assert_eq!(c.params().len(), 2);
    let p = parse_auth_info(", a=b,, c=d ,").unwrap();
    assert_eq!(p.len(), 2);
    // An empty element list is an empty list.
    assert!(parse_challenges(", ,").unwrap().is_empty());
    assert!(parse_auth_info(",").unwrap().is_empty());
    // `Basic ,`: the scheme with an empty #auth-param list (1*SP then `,`).
    let empty = parse_credentials("Basic ,").unwrap();
    assert!(empty.params().is_empty() && empty.token68().is_none());
}

// RFC 9110 §5.6.4: a comma inside a quoted-string is text, not a separator.
#[test]
fn commas_inside_quoted_strings() {
    assert_eq!(
        ch(r#"Digest qop="auth, auth-int", realm=", Basic realm=x", Basic"#),
        [
            one(
                "Digest",
                None,
                &[("qop", "auth, auth-int"), ("realm", ", Basic realm=x")]
            ),
            one("Basic", None, &[])
        ]
    );
    let p = parse_auth_info(r#"a=",", b=",,""#).unwrap();
    assert!(p.get("a").unwrap().eq_str(","));
    assert!(p.get("b").unwrap().eq_str(",,"));
}

// RFC 9110 §11.1: `challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]`:
// the scheme alone is a challenge.
#[test]
fn challenge_without_params() {
    assert_eq!(ch("Negotiate"), [one("Negotiate", None, &[])]);
    assert_eq!(
        ch("Negotiate, NTLM"),
        [one("Negotiate", None, &[]), one("NTLM", None, &[])]
    );
    let c = parse_credentials("Negotiate").unwrap();
    assert_eq!(c.scheme(), "Negotiate");
    assert!(c.token68().is_none() && c.params().is_empty());
    // 1*SP: more than one space before the body is allowed.
    assert_eq!(ch("Bearer  x"), [one("Bearer", Some("x"), &[])]);
}

// RFC 9110 §11.6.1: `WWW-Authenticate = #challenge`: several challenges in one value.
#[test]
fn several_challenges() {
    let v = r#"Negotiate, NTLM abc=, Digest realm="r", qop="auth", Basic realm="r", Bearer"#;
    assert_eq!(
        ch(v),
        [
            one("Negotiate", None, &[]),
            one("NTLM", Some("abc="), &[]),
            one("Digest", None, &[("realm", "r"), ("qop", "auth")]),
            one("Basic", None, &[("realm", "r")]),
            one("Bearer", None, &[]),
        ]
    );
    let list = parse_challenges(v).unwrap();
    let offsets: Vec<_> = list.iter().map(|c| c.offset()).collect();
    assert_eq!(offsets, [0, 11, 22, 52, 69]);
}

// RFC 9110 §5.3: a field sent on several lines is the lines joined by commas;
// ChallengesOfLines reads them in order without joining.
#[test]
fn several_header_lines() {
    let lines: [&[u8]; 4] = [
        b"Negotiate",
        b"",
        br#"Basic realm="a", charset="UTF-8""#,
        b"Bearer realm=\"b\", Newauth",
    ];
    let got: Vec<_> = ChallengesOfLines::new(lines)
        .map(|c| shape(&c.unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            one("Negotiate", None, &[]),
            one("Basic", None, &[("realm", "a"), ("charset", "UTF-8")]),
            one("Bearer", None, &[("realm", "b")]),
            one("Newauth", None, &[]),
        ]
    );
    // An error carries its line; nothing follows it.
    let bad = ["Basic realm=a", "Bearer realm=\"b", "NTLM"];
    let mut it = ChallengesOfLines::new(bad);
    assert!(it.next().unwrap().is_ok());
    let e = it.next().unwrap().unwrap_err();
    assert_eq!(
        (e.line(), e.offset(), e.kind()),
        (1, 13, ErrorKind::UnterminatedQuotedString)
    );
    assert_eq!(
        e.to_string(),
        "line 1, at byte 13: unterminated quoted-string: no closing '\"'"
    );
    assert!(it.next().is_none());
    // Lines of String work as well as &str.
    let owned = vec![String::from("A"), String::from("B c")];
    assert_eq!(ChallengesOfLines::new(&owned).count(), 2);
}

// RFC 9110 §11.1: the scheme is a case-insensitive token; §11.2: parameter
// names are matched case-insensitively. Complaint: actix source,
// status-im/nim-http-utils#47 (`bearer x`, `BEARER x`).
#[test]
fn case_insensitive_scheme_and_names() {
    for v in ["bearer x", "BEARER x", "BeArEr x"] {
        let c = parse_credentials(v).unwrap();
        assert!(c.is_scheme("Bearer") && c.is_scheme("bearer"));
        assert_eq!(c.scheme(), &v[..6], "the scheme as written");
        assert_eq!(c.token68(), Some("x"));
    }
    let list = parse_challenges(r#"DIGEST REALM="r", Qop="auth""#).unwrap();
    let d = list.find("digest").unwrap();
    assert!(d.is_scheme("Digest"));
    assert!(d.realm().unwrap().eq_str("r"));
    assert!(d.param("QOP").unwrap().eq_str("auth"));
    assert!(d.params().iter().next().unwrap().is("realm"));
    // Values keep their case.
    assert!(!d.param("qop").unwrap().eq_str("AUTH"));
    assert!(d.param("qop").unwrap().eq_ignore_ascii_case("AUTH"));
}

// RFC 9110 §11.2: "each parameter name MUST only occur once per challenge".
// Iteration keeps every parameter in order; lookup gives the first; the
// validating calls refuse the repeat. Complaint: getsentry/sentry-mcp#939
// (`resource_metadata` sent twice).
#[test]
fn repeated_params() {
    let v = r#"Bearer resource_metadata="https://a/x", error="invalid_token", Resource_Metadata="https://b/y""#;
    let list = parse_challenges(v).unwrap();
    let b = list.iter().next().unwrap();
    let names: Vec<_> = b.params().iter().map(|p| p.name()).collect();
    assert_eq!(names, ["resource_metadata", "error", "Resource_Metadata"]);
    assert!(b.param("resource_metadata").unwrap().eq_str("https://a/x"));
    let e = b.params().check_unique().unwrap_err();
    assert_eq!((e.offset(), e.kind()), (63, ErrorKind::DuplicateParam));
    assert_eq!(list.validate().unwrap_err(), e);
    // The same names in two challenges are no repeat.
    parse_challenges("Basic realm=a, Bearer realm=b")
        .unwrap()
        .validate()
        .unwrap();
    // Credentials and Authentication-Info have the same check.
    let c = parse_credentials("Digest nc=1, NC=2").unwrap();
    assert_eq!(c.params().check_unique().unwrap_err().offset(), 13);
    let p = parse_auth_info("qop=auth, rspauth=x, qop=auth").unwrap();
    assert_eq!(p.check_unique().unwrap_err().offset(), 21);
}

// RFC 9110 §11.6.1 writes `#challenge` (an empty value parses as an empty
// list) while §15.5.2 says a 401 MUST carry at least one challenge: validate
// refuses the empty list.
#[test]
fn empty_value_is_empty_list_refused_by_validate() {
    for v in ["", ",", " , ,\t"] {
        let list = parse_challenges(v).unwrap();
        assert!(list.is_empty());
        assert_eq!(list.len(), 0);
        assert_eq!(list.iter().count(), 0);
        assert_eq!(Challenges::new(v).count(), 0);
        let e = list.validate().unwrap_err();
        assert_eq!((e.offset(), e.kind()), (0, ErrorKind::NoChallenge));
    }
    assert_eq!(cr_err(""), (0, ErrorKind::Empty));
}

// ---------------------------------------------------------------- error kinds

#[test]
fn error_empty() {
    assert_eq!(cr_err(""), (0, ErrorKind::Empty));
    assert_eq!(cr_err(b""), (0, ErrorKind::Empty));
}

#[test]
fn error_expected_scheme() {
    assert_eq!(ch_err("=x"), (0, ErrorKind::ExpectedScheme));
    assert_eq!(
        ch_err(r#"Basic realm=x, "y""#),
        (15, ErrorKind::ExpectedScheme)
    );
    assert_eq!(cr_err(","), (0, ErrorKind::ExpectedScheme));
    assert_eq!(
        cr_err(r#"Basic realm=x, "y""#),
        (15, ErrorKind::ExpectedScheme)
    );
}

#[test]
fn error_expected_space_after_scheme() {
    assert_eq!(
        ch_err("Basic\trealm=x"),
        (5, ErrorKind::ExpectedSpaceAfterScheme)
    );
    assert_eq!(
        ch_err("Bearer:abc"),
        (6, ErrorKind::ExpectedSpaceAfterScheme)
    );
    assert_eq!(
        cr_err("Bearer: abc"),
        (6, ErrorKind::ExpectedSpaceAfterScheme)
    );
    assert_eq!(
        cr_err("Basic \trealm=x"),
        (6, ErrorKind::ExpectedSpaceAfterScheme)
    );
}

#[test]
fn error_expected_token68_or_param() {
    assert_eq!(
        ch_err(r#"Basic "realm""#),
        (6, ErrorKind::ExpectedToken68OrParam)
    );
    assert_eq!(cr_err("Basic !x"), (6, ErrorKind::ExpectedToken68OrParam));
}

#[test]
fn error_expected_equals() {
    // Credentials: after a comma, a name without `=` (at the byte where `=` was due).
    assert_eq!(cr_err("Digest a=b, c"), (13, ErrorKind::ExpectedEquals));
    assert_eq!(
        cr_err("Digest a=b, c, d=e"),
        (13, ErrorKind::ExpectedEquals)
    );
    // `c , d=e` is a scheme with a parameter list: a second credentials.
    assert_eq!(
        cr_err("Digest a=b, c , d=e"),
        (12, ErrorKind::MultipleCredentials)
    );
    // Authentication-Info holds parameters only.
    assert_eq!(ai_err("nextnonce"), (9, ErrorKind::ExpectedEquals));
    assert_eq!(ai_err("a=b, c d"), (7, ErrorKind::ExpectedEquals));
    assert_eq!(ai_err("Digest nextnonce=x"), (7, ErrorKind::ExpectedEquals));
}

#[test]
fn error_expected_value() {
    // (`Basic realm=,` is the token68 `realm=`, then an empty element.)
    assert_eq!(ch("Basic realm=,"), [one("Basic", Some("realm="), &[])]);
    assert_eq!(
        ch_err("Basic realm=\"r\", a=,"),
        (19, ErrorKind::ExpectedValue)
    );
    assert_eq!(ch_err("Basic a=b, c= ,"), (14, ErrorKind::ExpectedValue));
    assert_eq!(cr_err("Digest a=(b)"), (9, ErrorKind::ExpectedValue));
    assert_eq!(ai_err("a="), (2, ErrorKind::ExpectedValue));
    assert_eq!(ai_err("a= "), (3, ErrorKind::ExpectedValue));
}

#[test]
fn error_expected_comma() {
    // Complaint: Kong#14429, actix source (params separated by spaces).
    assert_eq!(
        ch_err(r#"Bearer realm="x" error="y""#),
        (17, ErrorKind::ExpectedComma)
    );
    assert_eq!(
        ch_err(r#"Basic realm="x"y"#),
        (15, ErrorKind::ExpectedComma)
    );
    assert_eq!(cr_err("Digest a=b c=d"), (11, ErrorKind::ExpectedComma));
    assert_eq!(ai_err("a=b c=d"), (4, ErrorKind::ExpectedComma));
    // Between challenges a comma is required too.
    assert_eq!(
        ch_err("Basic realm=x Bearer"),
        (14, ErrorKind::ExpectedComma)
    );
}

#[test]
fn error_token68_not_alone() {
    assert_eq!(
        ch_err("Negotiate abc def"),
        (14, ErrorKind::Token68NotAlone)
    );
    assert_eq!(
        ch_err("Negotiate abc, def=1"),
        (15, ErrorKind::Token68NotAlone)
    );
    assert_eq!(
        cr_err("Basic abc, Bearer def"),
        (11, ErrorKind::Token68NotAlone)
    );
}

#[test]
fn error_param_without_scheme() {
    assert_eq!(ch_err("realm=x"), (0, ErrorKind::ParamWithoutScheme));
    assert_eq!(
        ch_err("Bearer, error=x"),
        (8, ErrorKind::ParamWithoutScheme)
    );
    assert_eq!(
        cr_err("Bearer, error=x"),
        (8, ErrorKind::ParamWithoutScheme)
    );
    assert_eq!(ch_err("Basic =x"), (0, ErrorKind::ParamWithoutScheme));
}

#[test]
fn error_unterminated_quoted_string() {
    // The offset is that of the opening quote.
    assert_eq!(
        ch_err(r#"Basic realm="x"#),
        (12, ErrorKind::UnterminatedQuotedString)
    );
    assert_eq!(
        cr_err(r#"Digest a="b\""#),
        (9, ErrorKind::UnterminatedQuotedString)
    );
    assert_eq!(
        ai_err(r#"a=b, c=""#),
        (7, ErrorKind::UnterminatedQuotedString)
    );
}

#[test]
fn error_control_char() {
    assert_eq!(
        ch_err("Basic realm=x\r\nSet-Cookie: a=b"),
        (13, ErrorKind::ControlChar(b'\r'))
    );
    assert_eq!(
        ch_err("Basic realm=\"a\nb\""),
        (14, ErrorKind::ControlChar(b'\n'))
    );
    assert_eq!(ch_err(b"Basic\x00"), (5, ErrorKind::ControlChar(0)));
    assert_eq!(cr_err("Bearer abc\x7f"), (10, ErrorKind::ControlChar(0x7f)));
    assert_eq!(cr_err("Bearer \x01"), (7, ErrorKind::ControlChar(1)));
    assert_eq!(ai_err("a=\u{1b}"), (2, ErrorKind::ControlChar(0x1b)));
    assert_eq!(ai_err("a\x00"), (1, ErrorKind::ControlChar(0)));
}

#[test]
fn error_unexpected_byte() {
    // A comma after a token68 or right after the scheme of a credentials.
    assert_eq!(cr_err("Basic abc=,"), (10, ErrorKind::UnexpectedByte(b',')));
    assert_eq!(cr_err("Basic,"), (5, ErrorKind::UnexpectedByte(b',')));
}

#[test]
fn error_leading_whitespace() {
    assert_eq!(ch_err(" Basic"), (0, ErrorKind::LeadingWhitespace));
    assert_eq!(cr_err("\tBearer x"), (0, ErrorKind::LeadingWhitespace));
    assert_eq!(ai_err(" a=b"), (0, ErrorKind::LeadingWhitespace));
}

#[test]
fn error_trailing_whitespace() {
    assert_eq!(ch_err("Basic "), (5, ErrorKind::TrailingWhitespace));
    // From the first whitespace byte on.
    assert_eq!(ch_err("Basic \t"), (5, ErrorKind::TrailingWhitespace));
    assert_eq!(cr_err("Basic  \t "), (5, ErrorKind::TrailingWhitespace));
    assert_eq!(
        ch_err("Basic realm=x\t"),
        (13, ErrorKind::TrailingWhitespace)
    );
    assert_eq!(cr_err("Bearer abc "), (10, ErrorKind::TrailingWhitespace));
    assert_eq!(ai_err("a=b "), (3, ErrorKind::TrailingWhitespace));
}

#[test]
fn error_multiple_credentials() {
    assert_eq!(
        cr_err("Basic realm=x, Bearer abc"),
        (15, ErrorKind::MultipleCredentials)
    );
    assert_eq!(
        cr_err("Negotiate, NTLM abc"),
        (11, ErrorKind::MultipleCredentials)
    );
}

#[test]
fn error_no_challenge() {
    let e = parse_challenges("").unwrap().validate().unwrap_err();
    assert_eq!((e.offset(), e.kind()), (0, ErrorKind::NoChallenge));
}

#[test]
fn error_duplicate_param() {
    let e = parse_challenges("Basic realm=a, REALM=b")
        .unwrap()
        .validate()
        .unwrap_err();
    assert_eq!((e.offset(), e.kind()), (15, ErrorKind::DuplicateParam));
}

#[test]
fn error_too_many_params() {
    let mut v = String::from("X ");
    for n in 0..=MAX_UNIQUE_CHECK {
        v.push_str(&format!("p{n}=1, "));
    }
    v.truncate(v.len() - 2);
    let c = parse_credentials(&v).unwrap();
    assert_eq!(c.params().len(), MAX_UNIQUE_CHECK + 1);
    let e = c.params().check_unique().unwrap_err();
    let at = v.find(&format!("p{MAX_UNIQUE_CHECK}=")).unwrap();
    assert_eq!((e.offset(), e.kind()), (at, ErrorKind::TooManyParams));
    // Exactly MAX_UNIQUE_CHECK distinct names pass.
    let ok = v[..at - 2].to_string();
    parse_credentials(&ok)
        .unwrap()
        .params()
        .check_unique()
        .unwrap();
}

// Display says what to do, with the offset and, for a byte, the byte.
#[test]
fn messages_read_as_advice() {
    let msg = |r: Result<(), auth_headers::Error>| r.unwrap_err().to_string();
    assert_eq!(
        msg(parse_credentials("Digest a=b, c").map(drop)),
        "at byte 13: expected '=' after parameter name"
    );
    assert_eq!(
        msg(parse_credentials("Negotiate abc def").map(drop)),
        "at byte 14: token68 must be the only thing after the scheme"
    );
    assert_eq!(
        msg(parse_challenges("Basic realm=\"x").map(drop)),
        "at byte 12: unterminated quoted-string: no closing '\"'"
    );
    assert!(msg(parse_challenges("Basic realm=x\n").map(drop))
        .starts_with("at byte 13: control character 0x0A in value"));
    assert!(msg(parse_credentials("Basic,").map(drop)).starts_with("at byte 5: unexpected ','"));
    assert!(
        msg(parse_challenges("Bearer, error=x").map(drop)).contains("no comma after the scheme")
    );
    assert!(
        msg(parse_challenges(r#"Bearer realm="x" error="y""#).map(drop))
            .contains("expected ',' or the end of the value")
    );
    // Every kind has a non-empty message that is not a bare code.
    let kinds = [
        ErrorKind::Empty,
        ErrorKind::ExpectedScheme,
        ErrorKind::ExpectedSpaceAfterScheme,
        ErrorKind::ExpectedToken68OrParam,
        ErrorKind::ExpectedEquals,
        ErrorKind::ExpectedValue,
        ErrorKind::ExpectedComma,
        ErrorKind::Token68NotAlone,
        ErrorKind::ParamWithoutScheme,
        ErrorKind::UnterminatedQuotedString,
        ErrorKind::ControlChar(0),
        ErrorKind::UnexpectedByte(b'@'),
        ErrorKind::LeadingWhitespace,
        ErrorKind::TrailingWhitespace,
        ErrorKind::MultipleCredentials,
        ErrorKind::NoChallenge,
        ErrorKind::DuplicateParam,
        ErrorKind::TooManyParams,
        // Kinds of the builder and the typed scheme views.
        ErrorKind::EmptyToken,
        ErrorKind::NotUtf8(0xff),
        ErrorKind::BufferTooSmall,
        ErrorKind::WriteFailed,
        ErrorKind::WrongScheme,
        ErrorKind::ColonAfterScheme,
        ErrorKind::NoSpaceAfterScheme,
        ErrorKind::MissingToken,
        ErrorKind::ExpectedToken68,
        ErrorKind::ExpectedParams,
        ErrorKind::InvalidBase64(b'*'),
        ErrorKind::MissingColon,
        ErrorKind::ColonInUserId,
        ErrorKind::NotUtf8Charset,
        ErrorKind::MissingParam("nonce"),
        ErrorKind::ForbiddenByScheme(b'"'),
        ErrorKind::InvalidValue("expected a non-negative integer (1*DIGIT)"),
    ];
    for k in kinds {
        let m = k.to_string();
        assert!(m.len() > 20 && m.contains(' '), "{k:?}: {m}");
        assert!(!m.contains(&format!("{k:?}")), "{k:?}: {m}");
        assert!(
            !m.starts_with(char::is_uppercase),
            "reads on after 'at byte N: ': {m}"
        );
    }
}

// ---------------------------------------------------------------- complaints

// jetty#2739, resty#789, bobziuchkovski/digest#1, LWP#361: a comma inside a
// quoted value must not split the challenge.
#[test]
fn complaint_comma_in_quoted_value() {
    assert_eq!(
        ch(r#"Digest param=",f ""#),
        [one("Digest", None, &[("param", ",f ")])]
    );
    assert_eq!(
        ch(r#"Digest realm="r", qop="auth, auth-int", nonce="n""#),
        [one(
            "Digest",
            None,
            &[("realm", "r"), ("qop", "auth, auth-int"), ("nonce", "n")]
        )]
    );
}

// transithq/tropel#525: an escaped quote does not end the string.
#[test]
fn complaint_escaped_quote() {
    assert_eq!(
        ch(r#"Digest realm="foo\"bar", nonce="n""#),
        [one(
            "Digest",
            None,
            &[("realm", r#"foo"bar"#), ("nonce", "n")]
        )]
    );
}

// AzureAD objc#1042, android#992, axios-ntlm#20, SprayingToolkit#26: the
// wanted scheme is not first.
#[test]
fn complaint_scheme_not_first() {
    let list = parse_challenges(r#"Negotiate, NTLM, Basic realm="corp""#).unwrap();
    assert!(list.find("basic").unwrap().realm().unwrap().eq_str("corp"));
    let list = parse_challenges(r#"Basic realm="r", Bearer realm="api", scope="a b""#).unwrap();
    let b = list.find("Bearer").unwrap();
    assert!(b.param("scope").unwrap().eq_str("a b"));
    assert_eq!(b.offset(), 17);
}

// httpwg/http-core#136: the RFC's own multi-challenge example.
#[test]
fn complaint_rfc_multi_challenge() {
    assert_eq!(
        ch(r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""#),
        [
            one(
                "Newauth",
                None,
                &[
                    ("realm", "apps"),
                    ("type", "1"),
                    ("title", r#"Login to "apps""#)
                ]
            ),
            one("Basic", None, &[("realm", "simple")]),
        ]
    );
}

// twisted#11206, http-auth#3, requests#2916: bare scheme, token68, empty values.
#[test]
fn complaint_bare_scheme_token68_empty_value() {
    assert_eq!(ch("Negotiate"), [one("Negotiate", None, &[])]);
    assert_eq!(
        ch("NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw=="),
        [one(
            "NTLM",
            Some("TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw=="),
            &[]
        )]
    );
    let v = ch(r#"Digest realm="r", qop="", nonce="n""#);
    assert_eq!(
        v,
        [one(
            "Digest",
            None,
            &[("realm", "r"), ("qop", ""), ("nonce", "n")]
        )]
    );
    let list = parse_challenges(r#"Digest qop="""#).unwrap();
    let q = list.iter().next().unwrap().param("qop").unwrap();
    assert!(q.is_empty() && q.is_quoted());
}

// okhttp#2780, okhttp#4249: params in any order, and unquoted.
#[test]
fn complaint_params_order_and_unquoted() {
    assert_eq!(
        ch(r#"Digest qop="auth", realm=example, nonce="n""#),
        [one(
            "Digest",
            None,
            &[("qop", "auth"), ("realm", "example"), ("nonce", "n")]
        )]
    );
    let r = parse_challenges("Basic realm=foo").unwrap();
    let v = r.iter().next().unwrap().realm().unwrap();
    assert!(!v.is_quoted() && v.eq_str("foo"));
}

// Kong#14429, actix source: params separated by spaces, not commas (strict: refused).
#[test]
fn complaint_space_separated_params() {
    assert_eq!(
        ch_err(r#"Bearer realm="x" error="y""#),
        (17, ErrorKind::ExpectedComma)
    );
}

// oauthlib#676, akka-http#1295, vouch#244 review: a comma right after the
// scheme (strict: the parameter has no scheme).
#[test]
fn complaint_comma_after_scheme() {
    assert_eq!(
        ch_err(r#"Bearer, error="invalid_token""#),
        (8, ErrorKind::ParamWithoutScheme)
    );
    assert_eq!(
        ch_err(r#"Bearer, resource_metadata="https://x/.well-known/oauth-protected-resource""#),
        (8, ErrorKind::ParamWithoutScheme)
    );
}

// getsentry/sentry-mcp#939: the same param twice (kept by parsing, refused by validate).
#[test]
fn complaint_same_param_twice() {
    let v = r#"Bearer resource_metadata="a", resource_metadata="a""#;
    let list = parse_challenges(v).unwrap();
    assert_eq!(list.iter().next().unwrap().params().len(), 2);
    let e = list.validate().unwrap_err();
    assert_eq!((e.offset(), e.kind()), (30, ErrorKind::DuplicateParam));
}

// tempoxyz/mpp-go#151: the same scheme twice after lines are folded: two
// challenges, each valid (no param repeats inside one challenge).
#[test]
fn complaint_same_scheme_repeated() {
    assert_eq!(
        ch("Payment a=1, Payment b=2"),
        [
            one("Payment", None, &[("a", "1")]),
            one("Payment", None, &[("b", "2")])
        ]
    );
    parse_challenges("Payment a=1, Payment a=2")
        .unwrap()
        .validate()
        .unwrap();
    // As credentials, it is two credentials.
    assert_eq!(
        cr_err("Payment a=1, Payment b=2"),
        (13, ErrorKind::MultipleCredentials)
    );
}

// actix source, status-im/nim-http-utils#47: case-sensitive scheme match.
#[test]
fn complaint_case_of_scheme() {
    for v in ["bearer x", "BEARER x"] {
        assert!(parse_credentials(v).unwrap().is_scheme("Bearer"));
        assert!(parse_challenges(v).unwrap().find("Bearer").is_some());
    }
}

// RFC 9110 §11.2: a token68 is the whole body. Its `=` padding must not make
// a trailing space or a second word read as a parameter with a missing value.
#[test]
fn token68_padding_then_junk_is_a_token68_error() {
    let e = parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ== ").unwrap_err();
    assert_eq!((e.offset(), e.kind()), (34, ErrorKind::TrailingWhitespace));
    let e = parse_credentials("Negotiate abc== x").unwrap_err();
    assert_eq!((e.offset(), e.kind()), (16, ErrorKind::Token68NotAlone));
    let e = parse_challenges("Negotiate abc== x").unwrap_err();
    assert_eq!((e.offset(), e.kind()), (16, ErrorKind::Token68NotAlone));
    // Without padding the value may still be a parameter.
    let c = parse_credentials("X a = b").unwrap();
    assert!(c.param("a").unwrap().eq_str("b"));
}

/// Every parameter as the caller sees it: name, offset, raw value, quoted,
/// escaped.
type ParamView = (String, usize, Vec<u8>, bool, bool);

fn views(p: auth_headers::Params<'_>) -> Vec<ParamView> {
    p.iter()
        .map(|p| {
            let v = p.value();
            (
                p.name().to_string(),
                p.offset(),
                v.raw().to_vec(),
                v.is_quoted(),
                v.has_escapes(),
            )
        })
        .collect()
}

// RFC 9110 §11.2 and §5.6.1: the strict parser notes where the first
// parameters of a list are while it checks them, and iterating uses those
// notes. Whatever the number of parameters (more than are noted), their
// kind of value, the separators, or offsets beyond what a note can hold,
// iterating must give exactly what the lenient parser (which notes nothing
// and reads the list again) gives.
#[test]
fn noted_parameters_read_like_a_second_pass() {
    use auth_headers::ParseOptions;
    let value = |k: usize| match k % 4 {
        0 => format!("t{k}"),
        1 => format!("\"q {k}\""),
        2 => format!("\"e\\\"{k}\\\\\""),
        _ => "\"\"".to_string(),
    };
    for n in [1, 2, 7, 8, 9, 20] {
        for sep in [", ", ",", " ,\t, ,", ",,"] {
            for pad in [0, 40_000] {
                let mut v = String::from("Digest ");
                for k in 0..n {
                    if k > 0 {
                        v.push_str(sep);
                    }
                    if k == n / 2 && pad > 0 {
                        // A long value in the middle: later offsets do not fit a note.
                        v.push_str(&format!("long=\"{}\"{sep}", "x".repeat(pad)));
                    }
                    v.push_str(&format!("n{k} = {}", value(k)));
                }
                let strict = parse_challenges(&v).unwrap();
                let lenient = ParseOptions::lenient().parse_challenges(&v).unwrap().value;
                let (s, l) = (
                    strict.iter().next().unwrap(),
                    lenient.iter().next().unwrap(),
                );
                let got = views(s.params());
                assert_eq!(got, views(l.params()), "{n} params, sep {sep:?}, pad {pad}");
                assert_eq!(got.len(), n + usize::from(pad > 0));
                // The same through the lazy iterator, credentials and
                // Authentication-Info.
                let lazy = Challenges::new(&v).next().unwrap().unwrap();
                assert_eq!(views(lazy.params()), got);
                assert_eq!(views(parse_credentials(&v).unwrap().params()), got);
                let info = parse_auth_info(&v["Digest ".len()..]).unwrap();
                let shifted: Vec<ParamView> = got
                    .iter()
                    .map(|(a, o, r, q, e)| (a.clone(), o - "Digest ".len(), r.clone(), *q, *e))
                    .collect();
                assert_eq!(views(info), shifted);
            }
        }
    }
}
