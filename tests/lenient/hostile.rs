//! Hostile inputs for the lenient parser and the linter: each step finishes
//! well under a second in a debug build (the linear-time check of issue 2,
//! extended to the lenient paths; the only timed tests besides
//! `tests/grammar/hostile.rs`).
//!
//! The inputs are 32 KiB, not 1 MiB: they make a deviation (and a lint
//! finding) every few bytes, which a debug build handles at about 1 µs
//! each, so 1 MiB would measure the debug build rather than the algorithm.
//! Quadratic work on 32 KiB (10^9 steps) would still take many seconds.

use crate::timed::timed;
use auth_headers::lint::lint_with;
use auth_headers::{ParseOptions, RepeatedParams};

const SIZE: usize = 32 << 10;

fn build(prefix: &str, unit: &str) -> Vec<u8> {
    let mut v = prefix.as_bytes().to_vec();
    while v.len() + unit.len() <= SIZE {
        v.extend_from_slice(unit.as_bytes());
    }
    v
}

#[test]
fn hostile_inputs_stay_linear() {
    let all = ParseOptions::lenient()
        .allow_single_quotes(true)
        .repeated_params(RepeatedParams::LastWins);
    for (what, v) in [
        ("params without commas", build("Digest ", "a=\"b\" ")),
        ("semicolons", build("Digest a=b", ";")),
        ("bare value with semicolons", build("X a=", "b;c;")),
        ("repeated names", build("X ", "a=b, ")),
        ("single quotes", build("X ", "a='b ")),
        ("open quote of backslashes", build("X a=\"", "\\")),
        ("spaces", build("Basic", " ")),
        ("colons after schemes", build("", "Basic:, ")),
        ("commas after schemes", build("", "Bearer, a=b, ")),
    ] {
        let mut parsed = None;
        timed(what, || parsed = all.parse_challenges(&v).ok());
        if let Some(p) = parsed {
            timed(what, || {
                let n: usize = p.value.iter().map(|c| c.params().iter().count()).sum();
                assert!(n <= v.len());
            });
            timed(what, || {
                let _ = p
                    .value
                    .iter()
                    .map(|c| c.param("a").map_or(0, |v| v.len()))
                    .sum::<usize>();
            });
        }
        timed(what, || {
            let _ = all.parse_credentials(&v);
        });
        timed(what, || {
            let _ = all.parse_auth_info(&v);
        });
        for h in ["WWW-Authenticate", "Authorization"] {
            timed(what, || {
                let mut n = 0usize;
                lint_with(h, &v, &mut |_| n += 1);
            });
        }
    }
}
