//! Write-then-parse round trip (RFC 9110 §11): a structure made of valid
//! parts by construction (schemes, names, token68s, values with quotes,
//! backslashes, commas and obs-text), written out with the list rule's
//! optional whitespace and empty elements, parses back to the same structure.
//!
//! The writer below is deliberately minimal; it is to be replaced by the
//! crate's own builder once there is one.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use auth_headers::chars::{is_quoted_pair_char, is_tchar, is_token, is_token68_char};
use auth_headers::{parse_auth_info, parse_challenges, parse_credentials, Params};
use libfuzzer_sys::fuzz_target;

/// `token = 1*tchar`, from any bytes: each byte is mapped onto a tchar.
#[derive(Debug)]
struct Token(Vec<u8>);

impl<'a> Arbitrary<'a> for Token {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let tchars: Vec<u8> = (0..=255u8).filter(|&b| is_tchar(b)).collect();
        let raw = Vec::<u8>::arbitrary(u)?;
        let mut t: Vec<u8> = raw
            .iter()
            .map(|&b| tchars[b as usize % tchars.len()])
            .collect();
        if t.is_empty() {
            t.push(b'x');
        }
        Ok(Token(t))
    }
}

/// `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
#[derive(Debug)]
struct Token68(Vec<u8>);

impl<'a> Arbitrary<'a> for Token68 {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let alphabet: Vec<u8> = (0..=255u8).filter(|&b| is_token68_char(b)).collect();
        let raw = Vec::<u8>::arbitrary(u)?;
        let mut t: Vec<u8> = raw
            .iter()
            .map(|&b| alphabet[b as usize % alphabet.len()])
            .collect();
        if t.is_empty() {
            t.push(b'A');
        }
        let pad = u.int_in_range(0..=2)?;
        t.extend(std::iter::repeat_n(b'=', pad));
        Ok(Token68(t))
    }
}

/// A parameter value: any bytes a quoted-string can carry (HTAB, SP, VCHAR,
/// obs-text: `"` and `\` included, escaped when written), and whether to
/// write it as a token when it is one.
#[derive(Debug)]
struct Value {
    bytes: Vec<u8>,
    prefer_token: bool,
}

impl<'a> Arbitrary<'a> for Value {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut bytes = Vec::<u8>::arbitrary(u)?;
        bytes.retain(|&b| is_quoted_pair_char(b));
        Ok(Value {
            bytes,
            prefer_token: bool::arbitrary(u)?,
        })
    }
}

/// OWS / BWS = *( SP / HTAB ): up to two bytes.
#[derive(Debug)]
struct Ws(&'static str);

impl<'a> Arbitrary<'a> for Ws {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Ws(u.choose(&["", "", "", " ", "\t", "  ", " \t"])?))
    }
}

/// A list separator, `OWS "," OWS`, with up to two empty elements after it.
#[derive(Debug, Arbitrary)]
struct Sep {
    before: Ws,
    after: Ws,
    empty_elements: bool,
}

#[derive(Debug, Arbitrary)]
struct Param {
    name: Token,
    bws_before: Ws,
    bws_after: Ws,
    value: Value,
    sep: Sep,
}

#[derive(Debug, Arbitrary)]
enum Body {
    Empty,
    Token68(Token68),
    Params(Vec<Param>),
}

/// `challenge` and `credentials` have the same shape.
#[derive(Debug, Arbitrary)]
struct Challenge {
    scheme: Token,
    two_spaces: bool,
    body: Body,
    sep: Sep,
}

#[derive(Debug, Arbitrary)]
enum Input {
    Challenges(Vec<Challenge>),
    Credentials(Challenge),
    AuthInfo(Vec<Param>),
}

// ------------------------------------------------------------ the writer

fn write_sep(sep: &Sep, out: &mut Vec<u8>) {
    out.extend_from_slice(sep.before.0.as_bytes());
    out.push(b',');
    if sep.empty_elements {
        out.extend_from_slice(b" ,");
    }
    out.extend_from_slice(sep.after.0.as_bytes());
}

fn write_value(v: &Value, out: &mut Vec<u8>) {
    if v.prefer_token && is_token(&v.bytes) {
        out.extend_from_slice(&v.bytes);
        return;
    }
    out.push(b'"');
    for &b in &v.bytes {
        if b == b'"' || b == b'\\' {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
}

/// `#auth-param`: the separator of each parameter is written before the next.
fn write_params(params: &[Param], out: &mut Vec<u8>) {
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            write_sep(&params[i - 1].sep, out);
        }
        out.extend_from_slice(&p.name.0);
        out.extend_from_slice(p.bws_before.0.as_bytes());
        out.push(b'=');
        out.extend_from_slice(p.bws_after.0.as_bytes());
        write_value(&p.value, out);
    }
}

/// `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`.
fn write_challenge(c: &Challenge, out: &mut Vec<u8>) {
    out.extend_from_slice(&c.scheme.0);
    let space: &[u8] = if c.two_spaces { b"  " } else { b" " };
    match &c.body {
        Body::Empty => {}
        Body::Params(p) if p.is_empty() => {}
        Body::Token68(t) => {
            out.extend_from_slice(space);
            out.extend_from_slice(&t.0);
        }
        Body::Params(p) => {
            out.extend_from_slice(space);
            write_params(p, out);
        }
    }
}

/// `#challenge`.
fn write_challenges(list: &[Challenge], out: &mut Vec<u8>) {
    for (i, c) in list.iter().enumerate() {
        if i > 0 {
            write_sep(&list[i - 1].sep, out);
        }
        write_challenge(c, out);
    }
}

// ------------------------------------------------------------ comparing

fn same_params(want: &[Param], got: Params<'_>, text: &[u8]) {
    let got: Vec<_> = got.iter().collect();
    assert_eq!(
        got.len(),
        want.len(),
        "parameter count of {:?}",
        String::from_utf8_lossy(text)
    );
    for (w, g) in want.iter().zip(got) {
        assert_eq!(g.name().as_bytes(), &w.name.0[..]);
        let value: Vec<u8> = g.value().bytes().collect();
        assert_eq!(value, w.value.bytes, "value of {}", g.name());
    }
}

fn same_body(want: &Body, token68: Option<&str>, params: Params<'_>, text: &[u8]) {
    match want {
        Body::Token68(t) => {
            assert_eq!(token68.map(str::as_bytes), Some(&t.0[..]));
            assert!(params.is_empty());
        }
        Body::Empty => {
            assert_eq!(token68, None);
            assert!(params.is_empty());
        }
        Body::Params(p) => {
            assert_eq!(token68, None);
            same_params(p, params, text);
        }
    }
}

fuzz_target!(|input: Input| {
    let mut text = Vec::new();
    match &input {
        Input::Challenges(list) => {
            write_challenges(list, &mut text);
            let parsed = parse_challenges(&text)
                .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(&text)));
            assert_eq!(parsed.len(), list.len());
            for (w, g) in list.iter().zip(parsed.iter()) {
                assert_eq!(g.scheme().as_bytes(), &w.scheme.0[..]);
                same_body(&w.body, g.token68(), g.params(), &text);
            }
        }
        Input::Credentials(c) => {
            write_challenge(c, &mut text);
            let g = parse_credentials(&text)
                .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(&text)));
            assert_eq!(g.scheme().as_bytes(), &c.scheme.0[..]);
            same_body(&c.body, g.token68(), g.params(), &text);
        }
        Input::AuthInfo(params) => {
            write_params(params, &mut text);
            let g = parse_auth_info(&text)
                .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(&text)));
            same_params(params, g, &text);
        }
    }
});
