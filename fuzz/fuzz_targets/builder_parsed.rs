//! The builders given `Value::parsed` values (issue 16): values from a
//! parse with the options the first byte picks (strict, each switch alone,
//! the lenient preset), written again by `ChallengeListBuilder`,
//! `CredentialsBuilder` and `AuthInfoBuilder` (generic and Digest rules)
//! with the quoting the second byte picks. Whatever a builder writes parses
//! STRICTLY to the same structure, so nothing leaks across a parameter or
//! challenge boundary; whatever it refuses, it refuses for a reason the
//! parsed structure shows (a repeated name, too many parameters, a value
//! forced to be a token that is not one, a `name*` whose value is not an
//! RFC 8187 ext-value). `roundtrip` builds from made-up parts; this target
//! builds from what the parser hands out.
#![no_main]

use auth_headers::chars::is_token;
use auth_headers::ext_value::ExtValue;
use auth_headers::write::{
    AuthInfoBuilder, BuildError, ChallengeBuilder, ChallengeListBuilder, CredentialsBuilder, Part,
    Quote, Value,
};
use auth_headers::{parse_auth_info, parse_challenges, parse_credentials, ErrorKind, Param};
use auth_headers_fuzz::{challenge_shape, credentials_shape, options, params_shape, show};
use libfuzzer_sys::fuzz_target;

/// Room for every parameter the builder will take (it refuses more than 64).
const CAP: usize = 80;

fn quote(sel: u8, i: usize) -> Quote {
    match (sel.rotate_left(i as u32 * 2)) & 3 {
        0 | 1 => Quote::Auto,
        2 => Quote::Always,
        _ => Quote::Never,
    }
}

/// The name as the builder compares it: without a trailing `*` (not `*`
/// alone), and whether it had one.
fn written(name: &str) -> (String, bool) {
    match name.strip_suffix('*') {
        Some(base) if !base.is_empty() => (base.to_ascii_lowercase(), true),
        _ => (name.to_ascii_lowercase(), false),
    }
}

/// Whether the builder was right to refuse parameter `j` of `params`
/// (given with quoting from `sel`) with `e`.
fn justified(e: &BuildError, params: &[Param<'_>], sel: u8) -> bool {
    match (e.kind(), e.part()) {
        (ErrorKind::TooManyParams, _) => params.len() > 64,
        (ErrorKind::DuplicateParam, Part::Name(j)) => {
            let w = written(params[j].name());
            params[..j].iter().any(|p| written(p.name()) == w)
        }
        (_, Part::Value(j)) => {
            let v = params[j].value();
            let bytes: Vec<u8> = v.bytes().collect();
            let never = quote(sel, j) == Quote::Never && !is_token(&bytes);
            let star = written(params[j].name()).1 && ExtValue::parse(v).is_err();
            never || star
        }
        _ => false,
    }
}

fn push<'a>(params: &[Param<'a>], sel: u8, mut f: impl FnMut(&'a str, Value<'a>)) {
    for (j, p) in params.iter().enumerate() {
        f(p.name(), Value::parsed(p.value()).with_quote(quote(sel, j)));
    }
}

fuzz_target!(|input: &[u8]| {
    let [sel, q, data @ ..] = input else {
        return;
    };
    let (sel, q) = (*sel, *q);
    let opts = if sel == 0 {
        auth_headers::ParseOptions::strict()
    } else {
        options(sel)
    };

    if let Ok(p) = opts.parse_challenges(data) {
        let list: Vec<_> = p.value.iter().take(16).collect();
        if list.is_empty() {
            return;
        }
        let params: Vec<Vec<Param<'_>>> =
            list.iter().map(|c| c.params().iter().collect()).collect();
        let builders: Vec<ChallengeBuilder<'_, CAP>> = list
            .iter()
            .zip(&params)
            .map(|(c, ps)| {
                let mut b = ChallengeBuilder::<'_, CAP>::with_capacity(c.scheme());
                if let Some(t) = c.token68() {
                    b = b.token68(t);
                }
                push(ps, q, |n, v| {
                    b.push(n, v);
                });
                b
            })
            .collect();
        match ChallengeListBuilder::new(&builders).to_vec() {
            Ok(text) => {
                let back = parse_challenges(&text)
                    .unwrap_or_else(|e| panic!("{e} in {} built from {}", show(&text), show(data)));
                let got: Vec<_> = back.iter().map(|c| challenge_shape(&c)).collect();
                let want: Vec<_> = list.iter().map(challenge_shape).collect();
                assert_eq!(got, want, "{} built from {}", show(&text), show(data));
                // Each challenge alone is one challenge.
                for b in &builders {
                    let one = b.to_vec().unwrap();
                    assert_eq!(parse_challenges(&one).unwrap().len(), 1, "{}", show(&one));
                }
            }
            Err(e) => {
                let i = e.challenge();
                assert!(
                    params.get(i).is_some_and(|ps| justified(&e, ps, q)),
                    "refused {e} for {}",
                    show(data)
                );
            }
        }
        // The parameters of every challenge as one Authentication-Info.
        for ps in &params {
            for digest in [false, true] {
                let mut b = if digest {
                    AuthInfoBuilder::<'_, CAP>::with_capacity("Digest")
                } else {
                    AuthInfoBuilder::<'_, CAP>::with_capacity("")
                };
                push(ps, q, |n, v| {
                    b.push(n, v);
                });
                match b.to_vec() {
                    Ok(text) => {
                        let back = parse_auth_info(&text)
                            .unwrap_or_else(|e| panic!("{e} in {}", show(&text)));
                        let want: Vec<_> = ps
                            .iter()
                            .map(|p| (p.name().to_owned(), p.value().bytes().collect::<Vec<u8>>()))
                            .collect();
                        assert_eq!(params_shape(back), want, "{}", show(&text));
                    }
                    Err(e) => assert!(justified(&e, ps, q), "refused {e} for {}", show(data)),
                }
            }
        }
    }

    if let Ok(p) = opts.parse_credentials(data) {
        let c = p.value;
        let ps: Vec<Param<'_>> = c.params().iter().collect();
        let mut b = CredentialsBuilder::<'_, CAP>::with_capacity(c.scheme());
        if let Some(t) = c.token68() {
            b = b.token68(t);
        }
        push(&ps, q, |n, v| {
            b.push(n, v);
        });
        match b.to_vec() {
            Ok(text) => {
                let back = parse_credentials(&text)
                    .unwrap_or_else(|e| panic!("{e} in {} built from {}", show(&text), show(data)));
                assert_eq!(
                    credentials_shape(&back),
                    credentials_shape(&c),
                    "{}",
                    show(&text)
                );
            }
            Err(e) => assert!(justified(&e, &ps, q), "refused {e} for {}", show(data)),
        }
    }

    if let Ok(p) = opts.parse_auth_info(data) {
        let ps: Vec<Param<'_>> = p.value.iter().collect();
        let mut b = AuthInfoBuilder::<'_, CAP>::with_capacity("Digest");
        push(&ps, q, |n, v| {
            b.push(n, v);
        });
        match b.to_vec() {
            Ok(text) => {
                let back = parse_auth_info(&text)
                    .unwrap_or_else(|e| panic!("{e} in {} built from {}", show(&text), show(data)));
                assert_eq!(params_shape(back), params_shape(p.value), "{}", show(&text));
            }
            Err(e) => assert!(justified(&e, &ps, q), "refused {e} for {}", show(data)),
        }
    }
});
