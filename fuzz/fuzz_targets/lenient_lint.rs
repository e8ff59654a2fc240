//! The lenient parser and the linter: never panic, borrow only from the
//! input, report deviations and findings inside it; and on a value that
//! parses strictly the lenient preset reads the same challenges with no
//! deviation but a repeated name (reported, not forgiven). The first byte picks the options, so each
//! switch is also fuzzed on its own.
#![no_main]

use auth_headers::lint::{lint_field_with, lint_offered_with};
use auth_headers::{
    parse_challenges, parse_credentials, Challenge, Credentials, Field, Param, ParseOptions,
};
use auth_headers_fuzz::{check_challenge, check_credentials, check_error, check_params, options};
use libfuzzer_sys::fuzz_target;

/// What a challenge or credentials reads as: scheme, token68, parameters.
/// (`==` on the values themselves also compares the options they carry.)
fn shape<'a>(
    scheme: &'a str,
    token68: Option<&'a str>,
    params: auth_headers::Params<'a>,
) -> (&'a str, Option<&'a str>, Vec<Param<'a>>) {
    (scheme, token68, params.iter().collect())
}

fn ch<'a>(c: &Challenge<'a>) -> impl PartialEq + 'a {
    shape(c.scheme(), c.token68(), c.params())
}

fn cr<'a>(c: &Credentials<'a>) -> impl PartialEq + 'a {
    shape(c.scheme(), c.token68(), c.params())
}

fuzz_target!(|input: &[u8]| {
    let Some((&sel, data)) = input.split_first() else {
        return;
    };
    let opts = options(sel);
    let mut devs = Vec::new();
    match opts.parse_challenges_with(data, &mut |d| devs.push(d)) {
        Ok(list) => {
            assert_eq!(list.iter().count(), list.len());
            for c in list.iter() {
                check_challenge(data, &c);
            }
            let lazy: Vec<_> = opts.challenges(data).collect();
            assert_eq!(lazy.len(), list.len());
            assert!(lazy
                .iter()
                .zip(list.iter())
                .all(|(a, b)| a.as_ref() == Ok(&b)));
        }
        Err(e) => check_error(data, &e),
    }
    assert!(devs.iter().all(|d| d.offset <= data.len()));
    // A strictly valid value reads the same under the preset.
    if let Ok(strict) = parse_challenges(data) {
        let p = ParseOptions::lenient().parse_challenges(data).unwrap();
        assert!(strict
            .iter()
            .map(|c| ch(&c))
            .eq(p.value.iter().map(|c| ch(&c))));
        assert!(p.deviations.iter().all(|d| !d.kind.is_forgiven()));
        assert_eq!(p.deviations.forgiven(), 0);
    }
    if let Ok(strict) = parse_credentials(data) {
        let p = ParseOptions::lenient().parse_credentials(data).unwrap();
        assert!(cr(&strict) == cr(&p.value));
    }
    match opts.parse_credentials(data) {
        Ok(c) => check_credentials(data, &c.value),
        Err(e) => check_error(data, &e),
    }
    match opts.parse_auth_info(data) {
        Ok(p) => check_params(data, p.value),
        Err(e) => check_error(data, &e),
    }
    for field in [
        Field::WwwAuthenticate,
        Field::Authorization,
        Field::AuthenticationInfo,
    ] {
        lint_field_with(field, data, &mut |f| {
            assert!(f.start <= f.end && f.end <= data.len(), "{f:?}");
            if let Some(e) = f.edit {
                assert!(e.start <= e.end && e.end <= data.len(), "{f:?}");
            }
            let _ = f.fix_text(data);
        });
    }
    // The redaction of a raw value (authdump's lines): pieces that cover
    // the value in order, each non-empty, and a written form made of them.
    let mut at = 0;
    let mut shown = 0;
    for p in auth_headers::lint::redacted_pieces(data) {
        assert!(
            p.start == at && p.end > p.start && p.end <= data.len(),
            "{p:?}"
        );
        shown += usize::from(p.shown);
        at = p.end;
    }
    assert_eq!(at, data.len());
    let mut text = String::new();
    auth_headers::lint::write_redacted(data, &mut text).unwrap();
    assert!(shown == 0 || !text.is_empty());
    // The same bytes as a challenge and as credentials, split at the first LF.
    if let Some(i) = data.iter().position(|&b| b == b'\n') {
        let (ch, cr) = (&data[..i], &data[i + 1..]);
        lint_offered_with(ch, cr, &mut |f| assert!(f.end <= cr.len()));
    }
});
