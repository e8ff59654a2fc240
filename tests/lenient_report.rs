//! Issue 16, finding 8: what a lenient parse reports is true. Leading
//! whitespace in credentials is named as such, repeats are reported past the
//! 64th parameter (and `LastWins` never answers with an unreported value),
//! and a repeated name, which strict parsing accepts too, is not reported as
//! something forgiven.

use auth_headers::{parse_credentials, DeviationKind, ErrorKind, ParseOptions};

/// RFC 9110 §5.5: a field value has no leading whitespace; credentials are
/// one element (RFC 9110 §11.6.2), so no `OWS ","` may open them either.
/// HTAB is legal in a field value: the fault is the whitespace, not a
/// control byte.
#[test]
fn leading_htab_then_comma_in_credentials_is_leading_whitespace() {
    for v in [
        "\t,Basic",
        "\t, Basic QQ==",
        " ,Basic",
        "\tBasic QQ==",
        " \t,Basic",
    ] {
        let e = parse_credentials(v).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ErrorKind::LeadingWhitespace, 0),
            "{v:?}"
        );
        assert!(!e.to_string().contains("control"), "{v:?}: {e}");
    }
    // Leniently the whitespace is forgiven, and the comma is what is wrong.
    let l = ParseOptions::lenient();
    let e = l.parse_credentials("\t,Basic").unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::ExpectedScheme, 1));
    let p = l.parse_credentials("\tBasic QQ==").unwrap();
    assert_eq!(p.value.token68(), Some("QQ=="));
    assert_eq!(p.value.offset(), 1);
    let kinds: Vec<_> = p.deviations.iter().map(|d| (d.offset, d.kind)).collect();
    assert_eq!(kinds, [(0, DeviationKind::LeadingWhitespace)]);
}
