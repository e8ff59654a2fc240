//! Property tests of the builder (issue 3): for arbitrary structured values,
//! build → parse gives the same structure; for arbitrary parsed values,
//! parse → write → parse is stable (the canonical form is a fixed point).
// Uses the `alloc` conveniences (owned strings, `Cow` unescaping).

use auth_headers::ext_value::ExtValue;
use auth_headers::write::{
    ChallengeBuilder, ChallengeListBuilder, CredentialsBuilder, Quote, Value,
};
use auth_headers::{parse_auth_info, parse_challenges, parse_credentials, ErrorKind, Params};
use proptest::prelude::*;

use crate::cases::config;

/// A challenge or credentials as plain data: scheme, token68, params
/// (name, unescaped value bytes).
type Shape = (String, Option<String>, Vec<(String, Vec<u8>)>);

fn shape_params(p: Params<'_>) -> Vec<(String, Vec<u8>)> {
    p.iter()
        .map(|p| (p.name().to_owned(), p.value().bytes().collect()))
        .collect()
}

fn token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,8}"
}

fn token68() -> impl Strategy<Value = String> {
    "[A-Za-z0-9._~+/-]{1,12}={0,2}"
}

/// Values with every interesting byte: separators, quotes, backslashes,
/// HTAB, non-ASCII text, and the empty value.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9!#$%&'*+.^_`|~-]{0,8}",
        "[ -~\t]{0,12}",
        "[a\"\\\\, =é€\t]{0,8}",
    ]
}

#[derive(Clone, Debug)]
enum Body {
    Empty,
    Token68(String),
    Params(Vec<(String, String, u8)>),
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        Just(Body::Empty),
        token68().prop_map(Body::Token68),
        prop::collection::vec((token(), value(), 0u8..5), 1..6).prop_map(|mut ps| {
            // Names are unique per challenge (RFC 9110 §11.2), ASCII case ignored.
            let mut seen: Vec<String> = Vec::new();
            ps.retain(|(n, _, _)| {
                // As the credentials test names them: `*` alone becomes `x`.
                let l = match n.to_ascii_lowercase().trim_end_matches('*') {
                    "" => "x".to_owned(),
                    base => base.to_owned(),
                };
                let fresh = !seen.contains(&l);
                seen.push(l);
                fresh
            });
            Body::Params(ps)
        }),
    ]
}

fn quote(q: u8) -> Quote {
    match q {
        0 | 1 => Quote::Auto,
        2 => Quote::Always,
        _ => Quote::Never,
    }
}

/// Fills `b` from the data; mode 4 makes an RFC 8187 ext-value.
fn fill<'a>(mut b: ChallengeBuilder<'a>, body: &'a Body) -> ChallengeBuilder<'a> {
    match body {
        Body::Empty => b,
        Body::Token68(t) => b.token68(t),
        Body::Params(ps) => {
            for (n, v, q) in ps {
                let n = n.trim_end_matches('*');
                let n = if n.is_empty() { "x" } else { n };
                let value = if *q == 4 {
                    Value::ext(v)
                } else {
                    Value::new(v.as_str()).with_quote(quote(*q))
                };
                b.push(n, value);
            }
            b
        }
    }
}

/// What the parser must give back for what was built.
fn expected(scheme: &str, body: &Body) -> Shape {
    match body {
        Body::Empty => (scheme.to_owned(), None, vec![]),
        Body::Token68(t) => (scheme.to_owned(), Some(t.clone()), vec![]),
        Body::Params(ps) => (
            scheme.to_owned(),
            None,
            ps.iter()
                .map(|(n, v, q)| {
                    let n = n.trim_end_matches('*');
                    let n = if n.is_empty() { "x" } else { n };
                    if *q == 4 {
                        (format!("{n}*"), v.as_bytes().to_vec())
                    } else {
                        (n.to_owned(), v.as_bytes().to_vec())
                    }
                })
                .collect(),
        ),
    }
}

/// Decodes ext-values so the comparison is on text.
fn decode_ext(mut s: Shape) -> Shape {
    for (n, v) in &mut s.2 {
        if n.ends_with('*') {
            let e = ExtValue::parse_bytes(v).expect("the builder wrote a valid ext-value");
            *v = e.to_string().into_bytes();
        }
    }
    s
}

/// Whether the builder may refuse this body: a value forced to be a token
/// that is not one.
fn refusable(body: &Body) -> bool {
    match body {
        Body::Params(ps) => ps
            .iter()
            .any(|(_, v, q)| *q == 3 && !auth_headers::chars::is_token(v.as_bytes())),
        _ => false,
    }
}

proptest! {
    #![proptest_config(config(512))]

    // Build → parse: the same schemes, token68s, names and unescaped values.
    #[test]
    fn build_then_parse_gives_the_same_challenges(
        list in prop::collection::vec((token(), body()), 1..4)
    ) {
        let builders: Vec<ChallengeBuilder<'_>> = list
            .iter()
            .map(|(s, b)| fill(ChallengeBuilder::new(s), b))
            .collect();
        let written = ChallengeListBuilder::new(&builders).to_string();
        let may_refuse = list.iter().any(|(_, b)| refusable(b));
        let written = match written {
            Ok(w) => w,
            Err(e) => {
                prop_assert!(may_refuse, "refused a valid value: {e}");
                prop_assert!(matches!(
                    e.kind(),
                    ErrorKind::UnexpectedByte(_) | ErrorKind::ControlChar(b'\t') | ErrorKind::EmptyToken
                ));
                return Ok(());
            }
        };
        prop_assert!(!may_refuse, "accepted a value forced to be a token that is not one: {written}");
        let parsed = parse_challenges(&written).map_err(|e| TestCaseError::fail(format!("{e}: {written}")))?;
        parsed.validate().map_err(|e| TestCaseError::fail(format!("{e}: {written}")))?;
        let got: Vec<Shape> = parsed
            .iter()
            .map(|c| decode_ext((c.scheme().to_owned(), c.token68().map(str::to_owned), shape_params(c.params()))))
            .collect();
        let want: Vec<Shape> = list.iter().map(|(s, b)| expected(s, b)).collect();
        prop_assert_eq!(got, want, "written: {}", written);

        // The byte writer gives the same bytes, and one line per challenge too.
        prop_assert_eq!(ChallengeListBuilder::new(&builders).to_vec().unwrap(), written.as_bytes());
        let lines: Vec<String> = ChallengeListBuilder::new(&builders).lines().unwrap().map(|l| l.to_string()).collect();
        prop_assert_eq!(lines.join(", "), written);
    }

    #[test]
    fn build_then_parse_gives_the_same_credentials(scheme in token(), body in body()) {
        let mut b = CredentialsBuilder::new(&scheme);
        match &body {
            Body::Empty => {}
            Body::Token68(t) => b = b.token68(t),
            Body::Params(ps) => {
                for (n, v, q) in ps {
                    let n = n.trim_end_matches('*');
                    b.push(if n.is_empty() { "x" } else { n }, Value::new(v.as_str()).with_quote(quote(*q % 4)));
                }
            }
        }
        let Ok(written) = b.to_string() else {
            prop_assert!(refusable(&body));
            return Ok(());
        };
        let c = parse_credentials(&written).map_err(|e| TestCaseError::fail(format!("{e}: {written}")))?;
        let mut want = expected(&scheme, &body);
        if let Body::Params(ps) = &body {
            for ((n, _), (pn, _, _)) in want.2.iter_mut().zip(ps) {
                let base = pn.trim_end_matches('*');
                *n = if base.is_empty() { "x".into() } else { base.into() };
            }
        }
        prop_assert_eq!((c.scheme().to_owned(), c.token68().map(str::to_owned), shape_params(c.params())), want);
    }

    // Parse → write → parse: whatever parses, its canonical form parses to
    // the same structure and writes itself again unchanged.
    #[test]
    fn canonical_form_is_a_fixed_point(v in "[A-Za-z =,\"\\\\\t!~é]{0,40}") {
        if let Ok(list) = parse_challenges(&v) {
            let canon = list.to_string();
            let again = parse_challenges(&canon).map_err(|e| TestCaseError::fail(format!("{e}: {v:?} -> {canon:?}")))?;
            let shape = |l: &auth_headers::ChallengeList<'_>| -> Vec<Shape> {
                l.iter().map(|c| (c.scheme().to_owned(), c.token68().map(str::to_owned), shape_params(c.params()))).collect()
            };
            prop_assert_eq!(shape(&list), shape(&again));
            prop_assert_eq!(again.to_string(), canon);
        }
        if let Ok(c) = parse_credentials(&v) {
            let canon = c.to_string();
            let again = parse_credentials(&canon).map_err(|e| TestCaseError::fail(format!("{e}: {v:?} -> {canon:?}")))?;
            prop_assert_eq!(shape_params(c.params()), shape_params(again.params()));
            prop_assert_eq!((c.scheme(), c.token68()), (again.scheme(), again.token68()));
            prop_assert_eq!(again.to_string(), canon);
        }
        if let Ok(p) = parse_auth_info(&v) {
            let canon = p.to_string();
            let again = parse_auth_info(&canon).map_err(|e| TestCaseError::fail(format!("{e}: {v:?} -> {canon:?}")))?;
            prop_assert_eq!(shape_params(p), shape_params(again));
            prop_assert_eq!(again.to_string(), canon);
        }
    }

    // The same from structured input, so that most cases parse.
    #[test]
    fn canonical_form_of_built_values_is_a_fixed_point(
        list in prop::collection::vec((token(), body()), 1..4),
        seps in prop::collection::vec("[ \t]{0,2},[ \t]{0,2}", 0..3)
    ) {
        let builders: Vec<ChallengeBuilder<'_>> = list.iter().map(|(s, b)| fill(ChallengeBuilder::new(s), b)).collect();
        let Ok(written) = ChallengeListBuilder::new(&builders).to_string() else { return Ok(()); };
        // Add empty list elements and OWS, which the canonical form drops.
        let noisy = format!("{}{written}", seps.concat());
        let canon = parse_challenges(&written).unwrap().to_string();
        prop_assert_eq!(&parse_challenges(&noisy).unwrap().to_string(), &canon);
        // Without quoting overrides the builder writes the canonical form itself.
        let overrides = list.iter().any(|(_, b)| matches!(b, Body::Params(ps) if ps.iter().any(|p| p.2 == 2 || p.2 == 3)));
        if !overrides {
            prop_assert_eq!(canon, written);
        }
    }
}
