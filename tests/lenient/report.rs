//! Issue 16, finding 8: what a lenient parse reports is true. Leading
//! whitespace in credentials is named as such, repeats are reported past the
//! 64th parameter (and `LastWins` never answers with an unreported value),
//! and a repeated name, which strict parsing accepts too, is not reported as
//! something forgiven.

use auth_headers::{parse_credentials, DeviationKind, ErrorKind, ParseOptions, RepeatedParams};

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

/// Strict parsing reads `Basic a=1, a=2` (a repeated name is refused only
/// by `validate`, RFC 9110 §11.2), so the lenient report of the repeat
/// must not say it was forgiven.
#[test]
fn a_repeat_in_a_strictly_valid_value_is_reported_not_forgiven() {
    let v = "Basic a=1, a=2";
    let strict = auth_headers::parse_challenges(v).unwrap();
    assert!(strict.validate().is_err());
    let p = ParseOptions::lenient().parse_challenges(v).unwrap();
    let d = p.deviations.as_slice();
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].offset, d[0].kind), (11, DeviationKind::RepeatedParam));
    assert!(!d[0].kind.is_forgiven());
    assert!(d[0].kind.as_str().contains("not forgiven"), "{}", d[0].kind);
    assert_eq!(p.deviations.forgiven(), 0);
    assert!(!p.deviations.is_empty());
    // What a strict parse refuses is forgiven, and counted.
    let p = ParseOptions::lenient()
        .parse_challenges("Basic a=1; a=2")
        .unwrap();
    assert_eq!(p.deviations.forgiven(), 1);
    assert_eq!(p.deviations.len(), 2);
}

/// `X p0=0, p1=1, …` with `n` filler parameters, then `tail`.
fn many(n: usize, tail: &str) -> String {
    let mut v = String::from("X ");
    for i in 0..n {
        v.push_str(&format!("p{i}={i}, "));
    }
    v.push_str(tail);
    v
}

/// Repeats were looked for among the first 64 parameters only, silently:
/// `a=1, a=2` after 64 others went unreported, and `LastWins` answered `2`.
#[test]
fn repeats_past_the_checked_parameters_are_not_silent() {
    let max = auth_headers::MAX_UNIQUE_CHECK;
    let v = many(max, "a=1, a=2");
    let at = v.find("a=1").unwrap();
    for r in [RepeatedParams::FirstWins, RepeatedParams::LastWins] {
        let o = ParseOptions::strict().repeated_params(r);
        let p = o.parse_challenges(&v).unwrap();
        let kinds: Vec<_> = p.deviations.iter().map(|d| (d.offset, d.kind)).collect();
        assert_eq!(kinds, [(at, DeviationKind::RepeatsUnchecked)], "{r:?}");
        assert!(!kinds[0].1.is_forgiven());
        // No lookup answers with a value whose repeat went unreported.
        let c = p.value.iter().next().unwrap();
        assert!(c.param("a").unwrap().eq_str("1"), "{r:?}");
        let p = o.parse_credentials(&v).unwrap();
        assert_eq!(p.deviations.len(), 1);
        assert!(p.value.param("a").unwrap().eq_str("1"), "{r:?}");
        let p = o.parse_auth_info(&v[2..]).unwrap();
        assert_eq!(p.deviations.len(), 1);
        assert!(p.value.get("a").unwrap().eq_str("1"), "{r:?}");
    }
    // Within the checked parameters, LastWins still answers with the last.
    let v = many(max - 2, "a=1, a=2");
    let p = ParseOptions::strict()
        .repeated_params(RepeatedParams::LastWins)
        .parse_challenges(&v)
        .unwrap();
    assert!(p
        .value
        .iter()
        .next()
        .unwrap()
        .param("a")
        .unwrap()
        .eq_str("2"));
    assert_eq!(
        p.deviations.as_slice()[0].kind,
        DeviationKind::RepeatedParam
    );
    // A repeat of a checked name after them is not taken either.
    let v = format!("X a=1, {}", &many(max, "a=2")[2..]);
    let p = ParseOptions::strict()
        .repeated_params(RepeatedParams::LastWins)
        .parse_challenges(&v)
        .unwrap();
    assert!(p
        .value
        .iter()
        .next()
        .unwrap()
        .param("a")
        .unwrap()
        .eq_str("1"));
    assert_eq!(
        p.deviations.as_slice()[0].kind,
        DeviationKind::RepeatsUnchecked
    );
}
