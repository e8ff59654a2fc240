//! Each lenient deviation has one message text (issue 17, item 1): the
//! linter's finding for a deviation says what the lenient report says
//! (`DeviationKind::as_str`), at the same offset. The one finding with a
//! text of its own is `separator-after-scheme`, which names the byte sent.

use auth_headers::lint::lint_with;
use auth_headers::{DeviationKind, ParseOptions};

/// One value per deviation kind the lenient preset reports, with the header
/// it is read as: (header, value, kind, lint code).
const CASES: &[(&str, &str, DeviationKind, &str)] = &[
    // RFC 9110 §11.2: auth-params are comma-separated.
    (
        "WWW-Authenticate",
        r#"Digest realm="a" nonce="b""#,
        DeviationKind::MissingComma,
        "missing-comma",
    ),
    // RFC 9110 §5.6.2: a token holds no '/'.
    (
        "WWW-Authenticate",
        "Basic realm=a/b",
        DeviationKind::BareValue,
        "unquoted-value",
    ),
    // RFC 9110 §5.6.1: the list separator is ','.
    (
        "WWW-Authenticate",
        r#"Basic realm="a"; charset="UTF-8""#,
        DeviationKind::Semicolon,
        "semicolon-separator",
    ),
    // RFC 9110 §5.6.4: a quoted-string ends with DQUOTE.
    (
        "WWW-Authenticate",
        r#"Basic realm="a"#,
        DeviationKind::UnterminatedQuote,
        "unterminated-quoted-string",
    ),
    // RFC 9110 §5.5: no whitespace around a field value.
    (
        "Authorization",
        " Bearer abc",
        DeviationKind::LeadingWhitespace,
        "leading-whitespace",
    ),
    (
        "Authorization",
        "Bearer abc ",
        DeviationKind::TrailingWhitespace,
        "trailing-whitespace",
    ),
    // RFC 9110 §11.1: `challenge = auth-scheme [ 1*SP ... ]`.
    (
        "WWW-Authenticate",
        r#"Basic, realm="a""#,
        DeviationKind::CommaAfterScheme,
        "comma-after-scheme",
    ),
    (
        "Authorization",
        "Bearer abc,",
        DeviationKind::StrayComma,
        "stray-comma",
    ),
    // RFC 9110 §11.2: each parameter name once.
    (
        "WWW-Authenticate",
        "Basic a=1, a=2",
        DeviationKind::RepeatedParam,
        "repeated-param",
    ),
];

#[test]
fn a_deviation_and_its_finding_say_the_same() {
    for &(header, value, kind, code) in CASES {
        let lenient = ParseOptions::lenient();
        let mut deviations = Vec::new();
        let ok = if header == "Authorization" {
            lenient
                .parse_credentials_with(value, &mut |d| deviations.push(d))
                .is_ok()
        } else {
            lenient
                .parse_challenges_with(value, &mut |d| deviations.push(d))
                .is_ok()
        };
        assert!(ok, "{value:?} parses leniently");
        let d = deviations
            .iter()
            .find(|d| d.kind == kind)
            .unwrap_or_else(|| panic!("{value:?}: no {kind:?} in {deviations:?}"));
        let mut findings = Vec::new();
        lint_with(header, value, &mut |f| findings.push(f));
        let f = findings
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("{value:?}: no {code} in {findings:?}"));
        assert_eq!(f.message, kind.as_str(), "{value:?}");
        assert_eq!(f.start, d.offset, "{value:?}");
    }
}

/// The exception: the finding names the separator that was sent, the kind
/// cannot.
#[test]
fn separator_after_scheme_names_the_byte() {
    let mut findings = Vec::new();
    lint_with("Authorization", "Bearer: abc", &mut |f| findings.push(f));
    let f = findings
        .iter()
        .find(|f| f.code == "separator-after-scheme")
        .unwrap();
    assert_eq!(f.message, "':' after the auth-scheme");
    assert_eq!(
        DeviationKind::SeparatorAfterScheme.as_str(),
        "separator after the auth-scheme where a space belongs"
    );
}
