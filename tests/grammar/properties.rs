//! Property tests.
//!
//! 1. Round trip: arbitrary challenge lists, credentials and
//!    Authentication-Info values are written out by a small test-local
//!    serializer and parsed back to the same structure (scheme, token68,
//!    names and unescaped values, in order).
//! 2. Robustness: for arbitrary bytes, and for strings made of the bytes the
//!    grammar treats specially (`, = " \ SP HTAB a`), parsing every header
//!    kind never panics, every error offset lies inside the input (or at its
//!    end), and every borrowed slice lies inside the input.
//!
//! The serializer here is deliberately minimal and belongs to the tests
//! only; the crate's own builder is separate work.
// Uses the `alloc` conveniences (owned strings, `Cow` unescaping).

use auth_headers::{
    parse_auth_info, parse_challenges, parse_credentials, Challenge, Challenges, ChallengesOfLines,
    Error, Params, ParseOptions, RepeatedParams,
};
use proptest::prelude::*;

use crate::cases::config;
use proptest::sample::select;

// ------------------------------------------------------------ the model

/// A parameter value as it is meant (unescaped), and how to write it.
#[derive(Clone, Debug)]
enum Value {
    /// Written as a token.
    Token(String),
    /// Written as a quoted-string; `escape_all` escapes every byte, not
    /// only `"` and `\`.
    Quoted { text: Vec<u8>, escape_all: bool },
}

impl Value {
    fn unescaped(&self) -> Vec<u8> {
        match self {
            Value::Token(t) => t.clone().into_bytes(),
            Value::Quoted { text, .. } => text.clone(),
        }
    }
}

#[derive(Clone, Debug)]
enum Body {
    Empty,
    Token68(String),
    Params(Vec<(String, Value)>),
}

/// A challenge or credentials: a scheme and its body.
#[derive(Clone, Debug)]
struct Item {
    scheme: String,
    body: Body,
}

/// How the writer lays the value out: the list separator (`OWS "," OWS`,
/// possibly with empty elements), the spaces after the scheme (`1*SP`) and
/// the BWS around `=`.
#[derive(Clone, Debug)]
struct Layout {
    comma: &'static str,
    spaces: usize,
    equals: &'static str,
}

/// The structure the parser reports: scheme, token68, (name, unescaped value).
type Shape = (String, Option<String>, Vec<(String, Vec<u8>)>);

impl Item {
    fn shape(&self) -> Shape {
        match &self.body {
            Body::Empty => (self.scheme.clone(), None, vec![]),
            Body::Token68(t) => (self.scheme.clone(), Some(t.clone()), vec![]),
            Body::Params(ps) => (
                self.scheme.clone(),
                None,
                ps.iter().map(|(n, v)| (n.clone(), v.unescaped())).collect(),
            ),
        }
    }
}

fn shape_of(c: &Challenge<'_>) -> Shape {
    (
        c.scheme().into(),
        c.token68().map(Into::into),
        params_shape(c.params()),
    )
}

fn params_shape(p: Params<'_>) -> Vec<(String, Vec<u8>)> {
    p.iter()
        .map(|p| (p.name().into(), p.value().bytes().collect()))
        .collect()
}

// ------------------------------------------------------------ the writer

fn write_value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Token(t) => out.extend_from_slice(t.as_bytes()),
        Value::Quoted { text, escape_all } => {
            out.push(b'"');
            for &b in text {
                if *escape_all || b == b'"' || b == b'\\' {
                    out.push(b'\\');
                }
                out.push(b);
            }
            out.push(b'"');
        }
    }
}

fn write_params(out: &mut Vec<u8>, ps: &[(String, Value)], l: &Layout) {
    for (k, (name, value)) in ps.iter().enumerate() {
        if k > 0 {
            out.extend_from_slice(l.comma.as_bytes());
        }
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(l.equals.as_bytes());
        write_value(out, value);
    }
}

fn write_item(out: &mut Vec<u8>, item: &Item, l: &Layout) {
    out.extend_from_slice(item.scheme.as_bytes());
    match &item.body {
        Body::Empty => {}
        Body::Token68(t) => {
            out.extend(std::iter::repeat(b' ').take(l.spaces));
            out.extend_from_slice(t.as_bytes());
        }
        Body::Params(ps) => {
            out.extend(std::iter::repeat(b' ').take(l.spaces));
            write_params(out, ps, l);
        }
    }
}

fn write_challenges(items: &[Item], l: &Layout) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            out.extend_from_slice(l.comma.as_bytes());
        }
        write_item(&mut out, item, l);
    }
    out
}

// ------------------------------------------------------------ strategies

const TCHARS: &[u8] =
    b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const T68CHARS: &[u8] = b"-._~+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn token() -> impl Strategy<Value = String> {
    prop::collection::vec(select(TCHARS), 1..8).prop_map(|v| String::from_utf8(v).unwrap())
}

fn token68() -> impl Strategy<Value = String> {
    (prop::collection::vec(select(T68CHARS), 1..16), 0..3usize).prop_map(|(v, pad)| {
        let mut s = String::from_utf8(v).unwrap();
        s.extend(std::iter::repeat('=').take(pad));
        s
    })
}

/// Bytes a quoted-string can carry (escaped where needed): HTAB, SP, VCHAR
/// and obs-text, with the grammar's special bytes often.
fn quoted_text() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        3 => select(b"\"\\, \t=a".as_slice()),
        2 => 0x21u8..=0x7e,
        1 => 0x80u8..=0xff,
    ];
    prop::collection::vec(byte, 0..12)
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        token().prop_map(Value::Token),
        (quoted_text(), any::<bool>())
            .prop_map(|(text, escape_all)| Value::Quoted { text, escape_all }),
    ]
}

fn params() -> impl Strategy<Value = Vec<(String, Value)>> {
    prop::collection::vec((token(), value()), 1..5)
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        Just(Body::Empty),
        token68().prop_map(Body::Token68),
        params().prop_map(Body::Params),
    ]
}

fn item() -> impl Strategy<Value = Item> {
    (token(), body()).prop_map(|(scheme, body)| Item { scheme, body })
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        select(vec![
            ", ", ",", " ,", " , ", ",\t", "\t,\t", ", ,", ",,", ", , ,\t",
        ]),
        1..3usize,
        select(vec!["=", " =", "= ", " \t= \t"]),
    )
        .prop_map(|(comma, spaces, equals)| Layout {
            comma,
            spaces,
            equals,
        })
}

// ------------------------------------------------------------ robustness checks

/// Whether the non-empty `part` lies inside `full`.
fn inside(full: &[u8], part: &[u8]) -> bool {
    let (s, p) = (full.as_ptr() as usize, part.as_ptr() as usize);
    part.is_empty() || (p >= s && p + part.len() <= s + full.len())
}

fn check_error(full: &[u8], e: &Error) {
    assert!(e.offset() <= full.len(), "{e:?} past the end of {full:?}");
    // Display never panics and says something.
    assert!(!e.to_string().is_empty());
}

fn check_params(full: &[u8], p: Params<'_>) {
    assert!(inside(full, p.raw()));
    for x in p {
        assert!(inside(full, x.name().as_bytes()), "name {:?}", x.name());
        assert!(x.name().as_bytes() == &full[x.offset()..x.offset() + x.name().len()]);
        let v = x.value();
        assert!(inside(full, v.raw()), "value {v:?}");
        assert_eq!(v.bytes().count(), v.len());
        assert!(v.eq_bytes(&v.bytes().collect::<Vec<_>>()));
        let mut s = String::new();
        v.write_to(&mut s).unwrap();
        assert_eq!(s, v.to_str());
        assert!(p.get(x.name()).is_some());
    }
    let _ = p.check_unique();
}

fn check_challenge(full: &[u8], c: &Challenge<'_>) {
    assert!(inside(full, c.scheme().as_bytes()));
    assert_eq!(
        &full[c.offset()..c.offset() + c.scheme().len()],
        c.scheme().as_bytes()
    );
    if let Some(t) = c.token68() {
        assert!(inside(full, t.as_bytes()) && !t.is_empty());
        assert!(c.params().is_empty());
    }
    check_params(full, c.params());
}

/// Parses `v` as every header kind, checking every slice and offset.
fn check_all(v: &[u8]) {
    // Challenges, whole and lazy: the same challenges, the same first error.
    let whole = parse_challenges(v);
    let lazy: Vec<_> = Challenges::new(v).collect();
    match &whole {
        Ok(list) => {
            let _ = list.validate();
            let items: Vec<_> = list.iter().collect();
            assert_eq!(items.len(), list.len());
            assert_eq!(
                lazy.iter().cloned().collect::<Result<Vec<_>, _>>().unwrap(),
                items
            );
            for c in &items {
                check_challenge(v, c);
            }
        }
        Err(e) => {
            check_error(v, e);
            assert_eq!(lazy.last().unwrap().as_ref().unwrap_err(), e);
            for c in lazy.iter().filter_map(|c| c.as_ref().ok()) {
                check_challenge(v, c);
            }
        }
    }
    // The same value as two header lines, split at its middle.
    let (a, b) = v.split_at(v.len() / 2);
    for r in ChallengesOfLines::new([a, b]) {
        match r {
            Ok(c) => {
                let full = if inside(a, c.scheme().as_bytes()) {
                    a
                } else {
                    b
                };
                check_challenge(full, &c);
            }
            Err(e) => {
                assert!(e.line() <= 1);
                check_error(if e.line() == 0 { a } else { b }, &e);
            }
        }
    }
    match parse_credentials(v) {
        Ok(c) => {
            assert!(inside(v, c.scheme().as_bytes()) && !c.scheme().is_empty());
            if let Some(t) = c.token68() {
                assert!(inside(v, t.as_bytes()));
            }
            check_params(v, c.params());
            let _ = format!("{c:?}");
        }
        Err(e) => check_error(v, &e),
    }
    match parse_auth_info(v) {
        Ok(p) => check_params(v, p),
        Err(e) => check_error(v, &e),
    }
}

/// The same checks for lenient parsing with every switch on: its extra
/// branches must not panic or point outside the input either, and each
/// deviation's offset lies within the value.
fn check_lenient(v: &[u8]) {
    for o in [
        ParseOptions::lenient().allow_single_quotes(true),
        ParseOptions::lenient().repeated_params(RepeatedParams::LastWins),
    ] {
        let dev_ok = |d: auth_headers::Deviation| assert!(d.offset <= v.len(), "{d:?} in {v:?}");
        match o.parse_challenges_with(v, &mut { dev_ok }) {
            Ok(list) => {
                let _ = list.validate();
                let items: Vec<_> = list.iter().collect();
                assert_eq!(items.len(), list.len());
                for c in &items {
                    check_challenge(v, c);
                }
            }
            Err(e) => check_error(v, &e),
        }
        for c in o.challenges(v) {
            match c {
                Ok(c) => check_challenge(v, &c),
                Err(e) => check_error(v, &e),
            }
        }
        match o.parse_credentials_with(v, &mut { dev_ok }) {
            Ok(c) => {
                assert!(inside(v, c.scheme().as_bytes()));
                if let Some(t) = c.token68() {
                    assert!(inside(v, t.as_bytes()));
                }
                check_params(v, c.params());
            }
            Err(e) => check_error(v, &e),
        }
        match o.parse_auth_info_with(v, &mut { dev_ok }) {
            Ok(p) => check_params(v, p),
            Err(e) => check_error(v, &e),
        }
    }
}

/// For a value that parsed: writing its challenges out again and parsing
/// that gives the same structure (parse → write → parse).
fn reparse_same(v: &[u8]) {
    let Ok(list) = parse_challenges(v) else {
        return;
    };
    let shapes: Vec<Shape> = list.iter().map(|c| shape_of(&c)).collect();
    let items: Vec<Item> = list
        .iter()
        .map(|c| Item {
            scheme: c.scheme().into(),
            body: match (c.token68(), c.params().is_empty()) {
                (Some(t), _) => Body::Token68(t.into()),
                (None, true) => Body::Empty,
                (None, false) => Body::Params(
                    c.params()
                        .iter()
                        .map(|p| {
                            let text = p.value().bytes().collect();
                            (
                                p.name().into(),
                                Value::Quoted {
                                    text,
                                    escape_all: false,
                                },
                            )
                        })
                        .collect(),
                ),
            },
        })
        .collect();
    let l = Layout {
        comma: ", ",
        spaces: 1,
        equals: "=",
    };
    let out = write_challenges(&items, &l);
    let again: Vec<Shape> = parse_challenges(&out)
        .unwrap()
        .iter()
        .map(|c| shape_of(&c))
        .collect();
    assert_eq!(again, shapes);
}

// ------------------------------------------------------------ properties

proptest! {
    #![proptest_config(config(512))]

    // RFC 9110 §11.6.1: `#challenge`, written and read back.
    #[test]
    fn challenges_round_trip(items in prop::collection::vec(item(), 1..5), l in layout()) {
        let v = write_challenges(&items, &l);
        let list = parse_challenges(&v).map_err(|e| {
            TestCaseError::fail(format!("{e} in {:?}", String::from_utf8_lossy(&v)))
        })?;
        let got: Vec<Shape> = list.iter().map(|c| shape_of(&c)).collect();
        let want: Vec<Shape> = items.iter().map(Item::shape).collect();
        prop_assert_eq!(got, want);
        let lazy: Vec<Shape> = Challenges::new(&v).map(|c| shape_of(&c.unwrap())).collect();
        prop_assert_eq!(lazy.len(), items.len());
        // One challenge per header line reads the same.
        let lines: Vec<Vec<u8>> = items.iter().map(|i| write_challenges(std::slice::from_ref(i), &l)).collect();
        let per_line: Vec<Shape> = ChallengesOfLines::new(lines.iter().map(Vec::as_slice))
            .map(|c| shape_of(&c.unwrap()))
            .collect();
        prop_assert_eq!(per_line, lazy);
    }

    // RFC 9110 §11.6.2: `credentials`, written and read back.
    #[test]
    fn credentials_round_trip(item in item(), l in layout()) {
        let mut v = Vec::new();
        write_item(&mut v, &item, &l);
        let c = parse_credentials(&v).map_err(|e| {
            TestCaseError::fail(format!("{e} in {:?}", String::from_utf8_lossy(&v)))
        })?;
        let got: Shape = (c.scheme().into(), c.token68().map(Into::into), params_shape(c.params()));
        prop_assert_eq!(got, item.shape());
    }

    // RFC 9110 §11.6.3: `Authentication-Info = #auth-param`, written and read back.
    #[test]
    fn auth_info_round_trip(ps in params(), l in layout()) {
        let mut v = Vec::new();
        write_params(&mut v, &ps, &l);
        let p = parse_auth_info(&v).map_err(|e| {
            TestCaseError::fail(format!("{e} in {:?}", String::from_utf8_lossy(&v)))
        })?;
        let want: Vec<(String, Vec<u8>)> = ps.iter().map(|(n, v)| (n.clone(), v.unescaped())).collect();
        prop_assert_eq!(params_shape(p), want);
    }

    #[test]
    fn arbitrary_bytes_never_panic(v in prop::collection::vec(any::<u8>(), 0..64)) {
        check_all(&v);
        check_lenient(&v);
        reparse_same(&v);
    }

    // A written value with one byte changed: near-valid input.
    #[test]
    fn mutated_values_never_panic(
        items in prop::collection::vec(item(), 1..4),
        l in layout(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut v = write_challenges(&items, &l);
        let k = at.index(v.len());
        v[k] = byte;
        check_all(&v);
        reparse_same(&v);
        v.truncate(k);
        check_all(&v);
    }
}

proptest! {
    #![proptest_config(config(4096))]

    // The bytes the grammar treats specially find far more edge cases than
    // random bytes do.
    #[test]
    fn special_bytes_never_panic(v in prop::collection::vec(select(b", =\"\\ \ta".as_slice()), 0..40)) {
        check_all(&v);
        check_lenient(&v);
        reparse_same(&v);
    }

    // Special bytes after a scheme, so the body grammar is reached often.
    #[test]
    fn special_bodies_never_panic(
        scheme in token(),
        v in prop::collection::vec(select(b", =\"\\ \taB/".as_slice()), 0..40),
    ) {
        let mut full = scheme.into_bytes();
        full.push(b' ');
        full.extend_from_slice(&v);
        check_all(&full);
        check_lenient(&full);
        reparse_same(&full);
    }

}

// Every string of up to six bytes over the special alphabet, bare and after
// a scheme: small enough to enumerate, and where the list rule's corner
// cases live.
#[test]
fn every_short_special_string() {
    const ALPHABET: &[u8] = b",=\"\\ \ta";
    let mut v = Vec::new();
    let mut n = 0;
    for len in 0..=6u32 {
        for mut code in 0..ALPHABET.len().pow(len) {
            v.clear();
            for _ in 0..len {
                v.push(ALPHABET[code % ALPHABET.len()]);
                code /= ALPHABET.len();
            }
            check_all(&v);
            reparse_same(&v);
            let mut body = b"X ".to_vec();
            body.extend_from_slice(&v);
            check_all(&body);
            reparse_same(&body);
            n += 1;
        }
    }
    assert_eq!(n, (0..=6).map(|l| ALPHABET.len().pow(l)).sum::<usize>());
}
