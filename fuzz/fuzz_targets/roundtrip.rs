//! Write-then-parse round trip (RFC 9110 §11): a structure made of valid
//! parts by construction (schemes, names, token68s, values with quotes,
//! backslashes, commas and obs-text), written out with the list rule's
//! optional whitespace and empty elements, parses back to the same structure.
//!
//! Each structure is written twice: by the small hand writer below, which
//! adds the optional whitespace and empty elements the canonical form never
//! has, and by the crate's builder (issue 3). Both must parse back to the
//! structure; the canonical form of what was parsed must parse back to it
//! too and write itself unchanged. A second input kind hands the builder
//! unfiltered bytes: whatever it accepts must parse back to itself, and
//! what it refuses must leave nothing written.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use auth_headers::chars::{is_quoted_pair_char, is_tchar, is_token, is_token68_char};
use auth_headers::write::{
    AuthInfoBuilder, ChallengeBuilder, ChallengeListBuilder, CredentialsBuilder, Quote,
    Value as BuildValue,
};
use auth_headers::{parse_auth_info, parse_challenges, parse_credentials, ErrorKind, Params};
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
    /// Unfiltered parts for the builder: any text, any bytes, any quoting.
    Raw(RawChallenge),
}

#[derive(Debug, Arbitrary)]
struct RawChallenge {
    scheme: String,
    token68: Option<String>,
    params: Vec<(String, Vec<u8>, u8)>,
    credentials: bool,
}

// ------------------------------------------------------------ the builder

/// Builders hold their parameters inline; room for everything a fuzz input
/// holds in practice.
const CAP: usize = 64;

fn quote_of(v: &Value) -> Quote {
    if v.prefer_token {
        Quote::Auto
    } else {
        Quote::Always
    }
}

fn build_params<'a>(params: &'a [Param], mut push: impl FnMut(&'a str, BuildValue<'a>)) {
    for p in params {
        let name = std::str::from_utf8(&p.name.0).expect("tchars are ASCII");
        push(
            name,
            BuildValue::new(&p.value.bytes).with_quote(quote_of(&p.value)),
        );
    }
}

fn build_challenge(c: &Challenge) -> ChallengeBuilder<'_, CAP> {
    let scheme = std::str::from_utf8(&c.scheme.0).expect("tchars are ASCII");
    let mut b = ChallengeBuilder::<'_, CAP>::with_capacity(scheme);
    match &c.body {
        Body::Empty => {}
        Body::Token68(t) => b = b.token68(std::str::from_utf8(&t.0).expect("ASCII")),
        Body::Params(p) => build_params(p, |n, v| {
            b.push(n, v);
        }),
    }
    b
}

fn build_credentials(c: &Challenge) -> CredentialsBuilder<'_, CAP> {
    let scheme = std::str::from_utf8(&c.scheme.0).expect("tchars are ASCII");
    let mut b = CredentialsBuilder::<'_, CAP>::with_capacity(scheme);
    match &c.body {
        Body::Empty => {}
        Body::Token68(t) => b = b.token68(std::str::from_utf8(&t.0).expect("ASCII")),
        Body::Params(p) => build_params(p, |n, v| {
            b.push(n, v);
        }),
    }
    b
}

/// The builder may refuse a valid structure only for what the structure
/// cannot rule out: a repeated name, more parameters than it holds, or a
/// value that is not an RFC 8187 ext-value for a name that ends in `*`
/// (issue 16: the builder writes only ext-values there).
fn refusal_allowed(input: &Input, e: &auth_headers::write::BuildError) -> bool {
    if matches!(
        e.kind(),
        ErrorKind::DuplicateParam | ErrorKind::TooManyParams
    ) {
        return true;
    }
    let auth_headers::write::Part::Value(i) = e.part() else {
        return false;
    };
    let params = match input {
        Input::Challenges(list) => match list.get(e.challenge()).map(|c| &c.body) {
            Some(Body::Params(p)) => &p[..],
            _ => return false,
        },
        Input::Credentials(c) => match &c.body {
            Body::Params(p) => &p[..],
            _ => return false,
        },
        Input::AuthInfo(p) => &p[..],
        Input::Raw(_) => return false,
    };
    params.get(i).is_some_and(|p| {
        p.name.0.len() > 1
            && p.name.0.ends_with(b"*")
            && auth_headers::ext_value::ExtValue::parse_bytes(&p.value.bytes).is_err()
    })
}

/// Parses `text` as the field, writes its canonical form, and checks that
/// the form parses and writes itself unchanged.
fn canonical_fixed_point(input: &Input, text: &[u8]) {
    let canon = match input {
        Input::Challenges(_) => parse_challenges(text).unwrap().to_canonical_vec(),
        Input::Credentials(_) => parse_credentials(text).unwrap().to_canonical_vec(),
        Input::AuthInfo(_) => parse_auth_info(text).unwrap().to_canonical_vec(),
        Input::Raw(_) => return,
    };
    let again = match input {
        Input::Challenges(_) => parse_challenges(&canon).map(|l| l.to_canonical_vec()),
        Input::Credentials(_) => parse_credentials(&canon).map(|c| c.to_canonical_vec()),
        _ => parse_auth_info(&canon).map(|p| p.to_canonical_vec()),
    };
    let again =
        again.unwrap_or_else(|e| panic!("{e} in canonical {:?}", String::from_utf8_lossy(&canon)));
    assert_eq!(again, canon, "the canonical form is not a fixed point");
}

fn raw_roundtrip(r: &RawChallenge) {
    let mut c = ChallengeBuilder::<'_, CAP>::with_capacity(&r.scheme);
    let mut k = CredentialsBuilder::<'_, CAP>::with_capacity(&r.scheme);
    if let Some(t) = &r.token68 {
        c = c.token68(t);
        k = k.token68(t);
    }
    for (n, v, q) in &r.params {
        let q = match q % 3 {
            0 => Quote::Auto,
            1 => Quote::Always,
            _ => Quote::Never,
        };
        let v = if q == Quote::Never && v.first() == Some(&b'*') {
            BuildValue::ext(std::str::from_utf8(v).unwrap_or("x"))
        } else {
            BuildValue::new(v).with_quote(q)
        };
        c.push(n, v);
        k.push(n, v);
    }
    let mut buf = [0xA5u8; 512];
    let (built, into_buf) = if r.credentials {
        (k.to_vec(), k.write_to_slice(&mut buf))
    } else {
        let one = [c];
        let l = ChallengeListBuilder::new(&one);
        (l.to_vec(), l.write_to_slice(&mut buf))
    };
    match built {
        Err(e) => {
            assert_eq!(into_buf.unwrap_err(), e);
            assert!(
                buf.iter().all(|&b| b == 0xA5),
                "a refused value wrote bytes"
            );
        }
        Ok(text) => {
            match into_buf {
                Ok(n) => assert_eq!(&buf[..n], &text[..]),
                Err(e) => assert_eq!(e.kind(), ErrorKind::BufferTooSmall),
            }
            // Accepted: it parses, and writing the parse gives the same bytes
            // unless a quoting override made the builder's form differ.
            let canon = if r.credentials {
                parse_credentials(&text).map(|c| c.to_canonical_vec())
            } else {
                parse_challenges(&text).map(|l| l.to_canonical_vec())
            };
            let canon = canon.unwrap_or_else(|e| {
                panic!(
                    "builder wrote {:?}, which fails: {e}",
                    String::from_utf8_lossy(&text)
                )
            });
            let again = if r.credentials {
                parse_credentials(&canon).map(|c| c.to_canonical_vec())
            } else {
                parse_challenges(&canon).map(|l| l.to_canonical_vec())
            };
            assert_eq!(again.unwrap(), canon);
        }
    }
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
    // The builder's form of the same structure.
    let built = match &input {
        Input::Challenges(list) => {
            let b: Vec<_> = list.iter().map(build_challenge).collect();
            if b.is_empty() {
                None
            } else {
                Some(ChallengeListBuilder::new(&b).to_vec())
            }
        }
        Input::Credentials(c) => Some(build_credentials(c).to_vec()),
        Input::AuthInfo(p) => {
            let mut b = AuthInfoBuilder::<'_, CAP>::with_capacity("");
            build_params(p, |n, v| {
                b.push(n, v);
            });
            Some(b.to_vec())
        }
        Input::Raw(r) => {
            raw_roundtrip(r);
            return;
        }
    };
    let built = match built {
        Some(Ok(b)) => Some(b),
        Some(Err(e)) => {
            assert!(
                refusal_allowed(&input, &e),
                "builder refused a valid structure: {e}"
            );
            None
        }
        None => None,
    };
    match &input {
        Input::Challenges(list) => write_challenges(list, &mut text),
        Input::Credentials(c) => write_challenge(c, &mut text),
        Input::AuthInfo(params) => {
            write_params(params, &mut text);
        }
        Input::Raw(_) => unreachable!(),
    }
    check(&input, &text);
    canonical_fixed_point(&input, &text);
    if let Some(b) = built {
        check(&input, &b);
    }
});

/// `text` parses back to the structure of `input`.
fn check(input: &Input, text: &[u8]) {
    match input {
        Input::Challenges(list) => {
            let parsed = parse_challenges(text)
                .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(text)));
            assert_eq!(parsed.len(), list.len());
            for (w, g) in list.iter().zip(parsed.iter()) {
                assert_eq!(g.scheme().as_bytes(), &w.scheme.0[..]);
                same_body(&w.body, g.token68(), g.params(), text);
            }
        }
        Input::Credentials(c) => {
            let g = parse_credentials(text)
                .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(text)));
            assert_eq!(g.scheme().as_bytes(), &c.scheme.0[..]);
            same_body(&c.body, g.token68(), g.params(), text);
        }
        Input::AuthInfo(params) => {
            let g = parse_auth_info(text)
                .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(text)));
            same_params(params, g, text);
        }
        Input::Raw(_) => {}
    }
}
