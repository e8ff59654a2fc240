//! Lenient parsing (issue: lenient parsing and lint): real-world values that
//! strict parsing refuses, with the strict error, the lenient result and the
//! deviations of each; every switch on its own; and the property that a
//! strictly valid value parses the same way under the lenient preset, with
//! no deviation.
// Uses the `alloc` conveniences (owned strings, `Cow` unescaping).

use crate::cases::config;
use auth_headers::{
    parse_auth_info, parse_challenges, parse_credentials, Challenge, Credentials, Deviation,
    DeviationKind, ErrorKind, Params, ParseOptions, RepeatedParams,
};
use proptest::prelude::*;

/// A challenge or credentials as (scheme, token68, [(name, unescaped value)]).
type Shape = (String, Option<String>, Vec<(String, String)>);

fn params_shape(p: Params<'_>) -> Vec<(String, String)> {
    p.iter()
        .map(|p| (p.name().to_string(), p.value().to_str().into_owned()))
        .collect()
}

fn ch_shape(c: &Challenge<'_>) -> Shape {
    (
        c.scheme().to_string(),
        c.token68().map(str::to_string),
        params_shape(c.params()),
    )
}

fn cr_shape(c: &Credentials<'_>) -> Shape {
    (
        c.scheme().to_string(),
        c.token68().map(str::to_string),
        params_shape(c.params()),
    )
}

fn shape(scheme: &str, t68: Option<&str>, params: &[(&str, &str)]) -> Shape {
    (
        scheme.to_string(),
        t68.map(str::to_string),
        params
            .iter()
            .map(|&(n, v)| (n.to_string(), v.to_string()))
            .collect(),
    )
}

/// Offset of the `n`-th (from 0) occurrence of `needle` in `hay`.
fn at(hay: &str, needle: &str, n: usize) -> usize {
    hay.match_indices(needle).nth(n).unwrap().0
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Challenges,
    Credentials,
}

struct Case {
    /// Who sends it.
    what: &'static str,
    kind: Kind,
    value: String,
    strict: (usize, ErrorKind),
    lenient: Vec<Shape>,
    deviations: Vec<(usize, DeviationKind)>,
}

fn cases() -> Vec<Case> {
    use DeviationKind::*;
    let mut v = Vec::new();

    // IP cameras: parameters without commas.
    let s = r#"Digest realm="a" nonce="b" qop="auth""#;
    v.push(Case {
        what: "camera, no commas",
        kind: Kind::Challenges,
        value: s.into(),
        strict: (at(s, "nonce", 0), ErrorKind::ExpectedComma),
        lenient: vec![shape(
            "Digest",
            None,
            &[("realm", "a"), ("nonce", "b"), ("qop", "auth")],
        )],
        deviations: vec![
            (at(s, "nonce", 0), MissingComma),
            (at(s, "qop", 0), MissingComma),
        ],
    });

    // AWS Signature V4 (the example of the AWS S3 documentation).
    let s = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
             SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, \
             Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";
    v.push(Case {
        what: "AWS SigV4 Authorization",
        kind: Kind::Credentials,
        value: s.into(),
        strict: (at(s, "/", 0), ErrorKind::ExpectedComma),
        lenient: vec![shape(
            "AWS4-HMAC-SHA256",
            None,
            &[
                (
                    "Credential",
                    "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request",
                ),
                (
                    "SignedHeaders",
                    "host;range;x-amz-content-sha256;x-amz-date",
                ),
                (
                    "Signature",
                    "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024",
                ),
            ],
        )],
        deviations: vec![(at(s, "/", 0), BareValue), (at(s, ";", 0), BareValue)],
    });

    // A colon after the scheme (hand-written clients).
    let s = "Bearer: eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
    v.push(Case {
        what: "Bearer with ':'",
        kind: Kind::Credentials,
        value: s.into(),
        strict: (6, ErrorKind::ExpectedSpaceAfterScheme),
        lenient: vec![shape("Bearer", Some("eyJhbGciOiJIUzI1NiJ9.e30.c2ln"), &[])],
        deviations: vec![(6, SeparatorAfterScheme)],
    });

    let s = r#"Basic; realm="x""#;
    v.push(Case {
        what: "Basic with ';'",
        kind: Kind::Challenges,
        value: s.into(),
        strict: (5, ErrorKind::ExpectedSpaceAfterScheme),
        lenient: vec![shape("Basic", None, &[("realm", "x")])],
        deviations: vec![(5, SeparatorAfterScheme)],
    });

    // oauthlib#676, akka-http#1295, vouch#244: a comma after the scheme.
    let s = r#"Bearer, error="invalid_token""#;
    v.push(Case {
        what: "Bearer with a comma after the scheme",
        kind: Kind::Challenges,
        value: s.into(),
        strict: (8, ErrorKind::ParamWithoutScheme),
        lenient: vec![shape("Bearer", None, &[("error", "invalid_token")])],
        deviations: vec![(6, CommaAfterScheme)],
    });

    // Kong#14429: parameters joined with spaces.
    let s = r#"Bearer realm="x" error="y""#;
    v.push(Case {
        what: "Kong, space-separated params",
        kind: Kind::Challenges,
        value: s.into(),
        strict: (17, ErrorKind::ExpectedComma),
        lenient: vec![shape("Bearer", None, &[("realm", "x"), ("error", "y")])],
        deviations: vec![(17, MissingComma)],
    });

    let s = r#"Digest realm="a"; nonce="b""#;
    v.push(Case {
        what: "semicolon separators",
        kind: Kind::Challenges,
        value: s.into(),
        strict: (16, ErrorKind::ExpectedComma),
        lenient: vec![shape("Digest", None, &[("realm", "a"), ("nonce", "b")])],
        deviations: vec![(16, Semicolon)],
    });

    let s = r#"Basic realm="cut off"#;
    v.push(Case {
        what: "line cut by a proxy",
        kind: Kind::Challenges,
        value: s.into(),
        strict: (12, ErrorKind::UnterminatedQuotedString),
        lenient: vec![shape("Basic", None, &[("realm", "cut off")])],
        deviations: vec![(12, UnterminatedQuote)],
    });

    let s = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ== ";
    v.push(Case {
        what: "trailing space",
        kind: Kind::Credentials,
        value: s.into(),
        // Strictly, the space after the padded token68 is trailing
        // whitespace (RFC 9110 §5.5), reported where it starts.
        strict: (34, ErrorKind::TrailingWhitespace),
        lenient: vec![shape("Basic", Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), &[])],
        deviations: vec![(34, TrailingWhitespace)],
    });

    let s = r#"  Basic realm="x""#;
    v.push(Case {
        what: "leading spaces",
        kind: Kind::Challenges,
        value: s.into(),
        strict: (0, ErrorKind::LeadingWhitespace),
        lenient: vec![shape("Basic", None, &[("realm", "x")])],
        deviations: vec![(0, LeadingWhitespace)],
    });

    let s = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==,";
    v.push(Case {
        what: "comma after the token68",
        kind: Kind::Credentials,
        value: s.into(),
        strict: (34, ErrorKind::UnexpectedByte(b',')),
        lenient: vec![shape("Basic", Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), &[])],
        deviations: vec![(34, StrayComma)],
    });

    // A Digest client that sends the uri unquoted.
    let s = r#"Digest username="Mufasa", realm="x", nonce="n", uri=/dir/index.html, response="r""#;
    v.push(Case {
        what: "unquoted uri",
        kind: Kind::Credentials,
        value: s.into(),
        strict: (at(s, "/", 0), ErrorKind::ExpectedValue),
        lenient: vec![shape(
            "Digest",
            None,
            &[
                ("username", "Mufasa"),
                ("realm", "x"),
                ("nonce", "n"),
                ("uri", "/dir/index.html"),
                ("response", "r"),
            ],
        )],
        deviations: vec![(at(s, "/", 0), BareValue)],
    });

    // Several deviations in one value.
    let s = " Digest realm=\"cam\" nonce=\"n\"; qop=\"auth ";
    v.push(Case {
        what: "camera, everything at once",
        kind: Kind::Challenges,
        value: s.into(),
        strict: (0, ErrorKind::LeadingWhitespace),
        lenient: vec![shape(
            "Digest",
            None,
            &[("realm", "cam"), ("nonce", "n"), ("qop", "auth")],
        )],
        deviations: vec![
            (s.len() - 1, TrailingWhitespace),
            (0, LeadingWhitespace),
            (at(s, "nonce", 0), MissingComma),
            (at(s, ";", 0), Semicolon),
            (at(s, "\"auth", 0), UnterminatedQuote),
        ],
    });
    v
}

fn strict_error(kind: Kind, value: &str) -> (usize, ErrorKind) {
    let e = match kind {
        Kind::Challenges => parse_challenges(value).unwrap_err(),
        Kind::Credentials => parse_credentials(value).unwrap_err(),
    };
    (e.offset(), e.kind())
}

fn lenient(
    opts: ParseOptions,
    kind: Kind,
    value: &str,
) -> (Vec<Shape>, Vec<(usize, DeviationKind)>) {
    match kind {
        Kind::Challenges => {
            let p = opts
                .parse_challenges(value)
                .unwrap_or_else(|e| panic!("{value:?}: {e}"));
            (
                p.value.iter().map(|c| ch_shape(&c)).collect(),
                p.deviations.iter().map(|d| (d.offset, d.kind)).collect(),
            )
        }
        Kind::Credentials => {
            let p = opts
                .parse_credentials(value)
                .unwrap_or_else(|e| panic!("{value:?}: {e}"));
            (
                vec![cr_shape(&p.value)],
                p.deviations.iter().map(|d| (d.offset, d.kind)).collect(),
            )
        }
    }
}

#[test]
fn real_world_values() {
    for c in cases() {
        assert_eq!(
            strict_error(c.kind, &c.value),
            c.strict,
            "{}: strict",
            c.what
        );
        let (got, devs) = lenient(ParseOptions::lenient(), c.kind, &c.value);
        assert_eq!(got, c.lenient, "{}: lenient result", c.what);
        assert_eq!(devs, c.deviations, "{}: deviations", c.what);
    }
}

/// Each deviation kind's switch, alone, accepts the values whose
/// deviations are all of that switch, and the preset without that switch
/// refuses them: the switches are independent.
#[test]
fn each_switch_on_its_own() {
    fn only(k: DeviationKind) -> ParseOptions {
        let o = ParseOptions::strict();
        match k.switch() {
            "allow_missing_commas" => o.allow_missing_commas(true),
            "allow_unquoted_separators" => o.allow_unquoted_separators(true),
            "allow_separator_after_scheme" => o.allow_separator_after_scheme(true),
            "allow_semicolon_separators" => o.allow_semicolon_separators(true),
            "allow_unterminated_quote" => o.allow_unterminated_quote(true),
            "allow_surrounding_whitespace" => o.allow_surrounding_whitespace(true),
            "allow_stray_commas" => o.allow_stray_commas(true),
            s => panic!("no switch {s}"),
        }
    }
    fn all_but(k: DeviationKind) -> ParseOptions {
        let o = ParseOptions::lenient();
        match k.switch() {
            "allow_missing_commas" => o.allow_missing_commas(false),
            "allow_unquoted_separators" => o.allow_unquoted_separators(false),
            "allow_separator_after_scheme" => o.allow_separator_after_scheme(false),
            "allow_semicolon_separators" => o.allow_semicolon_separators(false),
            "allow_unterminated_quote" => o.allow_unterminated_quote(false),
            "allow_surrounding_whitespace" => o.allow_surrounding_whitespace(false),
            "allow_stray_commas" => o.allow_stray_commas(false),
            s => panic!("no switch {s}"),
        }
    }
    let mut tested = std::collections::BTreeSet::new();
    for c in cases() {
        let first = c.deviations[0].1;
        if c.deviations.iter().any(|d| d.1.switch() != first.switch()) {
            continue;
        }
        tested.insert(first.switch());
        let (got, devs) = lenient(only(first), c.kind, &c.value);
        assert_eq!(got, c.lenient, "{}: with only {}", c.what, first.switch());
        assert_eq!(devs, c.deviations, "{}", c.what);
        let refused = match c.kind {
            Kind::Challenges => all_but(first).parse_challenges(&c.value).is_err(),
            Kind::Credentials => all_but(first).parse_credentials(&c.value).is_err(),
        };
        assert!(refused, "{}: accepted without {}", c.what, first.switch());
    }
    assert_eq!(
        tested.len(),
        7,
        "every boolean switch of the preset: {tested:?}"
    );
}

#[test]
fn every_switch_is_off_by_default() {
    assert!(ParseOptions::default().is_strict());
    assert_eq!(ParseOptions::default(), ParseOptions::strict());
    assert!(!ParseOptions::lenient().is_strict());
    for c in cases() {
        let refused = match c.kind {
            Kind::Challenges => ParseOptions::default().parse_challenges(&c.value).is_err(),
            Kind::Credentials => ParseOptions::default().parse_credentials(&c.value).is_err(),
        };
        assert!(refused, "{}", c.what);
    }
}

// RFC 9110 §11.2: each name at most once. getsentry/sentry-mcp#939 sent
// `resource_metadata` twice.
#[test]
fn repeated_params_first_or_last_wins() {
    let v = r#"Bearer resource_metadata="https://a.example/1", realm="r", Resource_Metadata="https://a.example/2""#;
    let strict = parse_challenges(v).unwrap();
    assert!(strict.validate().is_err());
    let get = |o: ParseOptions| {
        let p = o.parse_challenges(v).unwrap();
        let value = p
            .value
            .find("bearer")
            .unwrap()
            .param("resource_metadata")
            .unwrap()
            .to_string();
        let devs: Vec<Deviation> = p.deviations.to_vec();
        (value, devs)
    };
    let second = at(v, "Resource_Metadata", 0);
    let (first, devs) = get(ParseOptions::strict().repeated_params(RepeatedParams::FirstWins));
    assert_eq!(first, "https://a.example/1");
    assert_eq!(
        devs,
        [Deviation {
            offset: second,
            kind: DeviationKind::RepeatedParam
        }]
    );
    let (last, _) = get(ParseOptions::strict().repeated_params(RepeatedParams::LastWins));
    assert_eq!(last, "https://a.example/2");
    // Unchecked: strict lookups, nothing reported.
    let (first, devs) = get(ParseOptions::strict());
    assert_eq!((first.as_str(), devs.len()), ("https://a.example/1", 0));
    // Credentials and Authentication-Info too.
    let p = ParseOptions::strict()
        .repeated_params(RepeatedParams::LastWins)
        .parse_credentials("X a=1, a=2")
        .unwrap();
    assert!(p.value.param("a").unwrap().eq_str("2"));
    assert_eq!(p.deviations.len(), 1);
    let p = ParseOptions::lenient()
        .parse_auth_info("nextnonce=a, nextnonce=b")
        .unwrap();
    assert!(p.value.get("nextnonce").unwrap().eq_str("a"));
    assert_eq!(p.deviations.as_slice()[0].offset, 13);
}

#[test]
fn single_quotes_are_unquoted_and_off_in_the_preset() {
    let v = "Basic realm='Acme Inc.'";
    assert!(parse_challenges(v).is_err());
    assert!(ParseOptions::lenient().parse_challenges(v).is_err());
    let p = ParseOptions::strict()
        .allow_single_quotes(true)
        .parse_challenges(v)
        .unwrap();
    assert!(p
        .value
        .find("basic")
        .unwrap()
        .realm()
        .unwrap()
        .eq_str("Acme Inc."));
    assert_eq!(
        p.deviations.as_slice(),
        [Deviation {
            offset: 12,
            kind: DeviationKind::SingleQuotes
        }]
    );
    // No closing quote: read as strict reads it (`'` is a tchar).
    let p = ParseOptions::strict()
        .allow_single_quotes(true)
        .parse_challenges("Basic realm='x")
        .unwrap();
    assert!(p.value.find("basic").unwrap().realm().unwrap().eq_str("'x"));
    assert!(p.deviations.is_empty());
}

// Iterating a leniently parsed list reads it the way the parse did: the
// options travel with the value.
#[test]
fn lazy_iterator_and_reiteration_agree() {
    let v = r#"Digest realm="a" nonce="b"; qop=auth, Basic; realm=x/y"#;
    let p = ParseOptions::lenient().parse_challenges(v).unwrap();
    let whole: Vec<Shape> = p.value.iter().map(|c| ch_shape(&c)).collect();
    let lazy: Vec<Shape> = ParseOptions::lenient()
        .challenges(v)
        .map(|c| ch_shape(&c.unwrap()))
        .collect();
    assert_eq!(whole, lazy);
    assert_eq!(
        whole,
        [
            shape(
                "Digest",
                None,
                &[("realm", "a"), ("nonce", "b"), ("qop", "auth")]
            ),
            shape("Basic", None, &[("realm", "x/y")]),
        ]
    );
    assert_eq!(p.value.len(), 2);
}

// More deviations than the fixed array holds are counted, and all reach a sink.
#[test]
fn deviations_beyond_capacity() {
    let v: String = std::iter::once("X a=1".to_string())
        .chain((0..20).map(|i| format!("; b{i}=1")))
        .collect();
    let p = ParseOptions::lenient().parse_credentials(&v).unwrap();
    assert_eq!(p.deviations.len(), auth_headers::MAX_DEVIATIONS);
    assert_eq!(p.deviations.dropped(), 20 - auth_headers::MAX_DEVIATIONS);
    let mut n = 0;
    ParseOptions::lenient()
        .parse_credentials_with(&v, &mut |_| n += 1)
        .unwrap();
    assert_eq!(n, 20);
}

// What no switch forgives stays an error, with the strict kind.
#[test]
fn what_stays_an_error() {
    let o = ParseOptions::lenient();
    for (v, kind) in [
        ("Bearer abc def", ErrorKind::Token68NotAlone),
        ("Basic realm=\"a\nb\"", ErrorKind::ControlChar(b'\n')),
        ("Basic realm=\"x\" Bearer", ErrorKind::ExpectedComma),
        ("Bearer abc, Basic", ErrorKind::Token68NotAlone),
        ("Digest a=1, Basic realm", ErrorKind::MultipleCredentials),
    ] {
        let e = o.parse_credentials(v).unwrap_err();
        assert_eq!(e.kind(), kind, "{v:?}");
    }
}

// --- property: strictly valid values read the same under the preset ------

fn token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,8}"
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        token(),
        // quoted-string with escapes, commas, semicolons and obs-text
        "([ -!#-\\[\\]-~]|\\\\[\"\\\\]|[,;]|é){0,10}".prop_map(|s| format!("\"{s}\"")),
    ]
}

fn challenge() -> impl Strategy<Value = String> {
    (
        token(),
        prop_oneof![
            Just(String::new()),
            "[A-Za-z0-9+/_.~-]{1,12}={0,2}".prop_map(|t| format!(" {t}")),
            prop::collection::vec((token(), value()), 1..5).prop_map(|ps| {
                let body: Vec<String> = ps.iter().map(|(n, v)| format!("{n}={v}")).collect();
                format!(" {}", body.join(", "))
            }),
        ],
    )
        .prop_map(|(s, b)| format!("{s}{b}"))
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn strictly_valid_reads_the_same(
        list in prop::collection::vec(challenge(), 0..4),
        sep in prop_oneof![Just(", "), Just(","), Just(" , "), Just(",, ")],
    ) {
        let v = list.join(sep);
        let Ok(strict) = parse_challenges(&v) else { return Ok(()) };
        let p = ParseOptions::lenient().parse_challenges(&v).unwrap();
        let a: Vec<Shape> = strict.iter().map(|c| ch_shape(&c)).collect();
        let b: Vec<Shape> = p.value.iter().map(|c| ch_shape(&c)).collect();
        prop_assert_eq!(a, b);
        // The only deviation a strictly valid value can show is a repeated
        // name, which strict validation refuses.
        let valid = strict.iter().all(|c| c.params().check_unique().is_ok());
        prop_assert!(p.deviations.iter().all(|d| !d.kind.is_forgiven()));
        prop_assert_eq!(valid, p.deviations.is_empty());
        // The linter: no error on a value that parses and validates.
        let findings = auth_headers::lint::lint("www-authenticate", &v);
        let errors = findings.iter().any(|f| f.severity == auth_headers::lint::Severity::Error);
        prop_assert_eq!(errors, !valid || strict.is_empty(), "{:?}", findings);

        // Each challenge, as credentials.
        for c in &list {
            if let Ok(strict) = parse_credentials(c) {
                let p = ParseOptions::lenient().parse_credentials(c).unwrap();
                prop_assert_eq!(cr_shape(&strict), cr_shape(&p.value));
                let valid = strict.params().check_unique().is_ok();
                prop_assert_eq!(valid, p.deviations.is_empty());
                let findings = auth_headers::lint::lint("authorization", c);
                let errors = findings.iter().any(|f| f.severity == auth_headers::lint::Severity::Error);
                prop_assert_eq!(errors, !valid, "{:?}", findings);
            }
        }
        // The parameters of the first challenge, as Authentication-Info.
        if let Some(body) = list.first().and_then(|c| c.split_once(' ')).map(|(_, b)| b) {
            if let Ok(strict) = parse_auth_info(body) {
                let p = ParseOptions::lenient().parse_auth_info(body).unwrap();
                prop_assert_eq!(params_shape(strict), params_shape(p.value));
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(v in prop::collection::vec(any::<u8>(), 0..64)) {
        for o in [ParseOptions::lenient(), ParseOptions::lenient().allow_single_quotes(true)
            .repeated_params(RepeatedParams::LastWins)] {
            let mut devs = Vec::new();
            if let Ok(list) = o.parse_challenges_with(&v, &mut |d| devs.push(d)) {
                for c in list.iter() {
                    for p in c.params().iter() {
                        prop_assert!(p.offset() < v.len());
                    }
                }
            }
            // Never a panic, and an error always points inside the value.
            if let Err(e) = o.parse_credentials(&v) {
                prop_assert!(e.offset() <= v.len());
            }
            if let Err(e) = o.parse_auth_info(&v) {
                prop_assert!(e.offset() <= v.len());
            }
            prop_assert!(devs.iter().all(|d| d.offset <= v.len()));
        }
    }
}
