//! Helpers shared by the unit tests.

/// One xorshift step: a cheap, repeatable stream of test inputs.
pub(crate) fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Fills a prefix of `out` with bytes drawn from `alphabet`, its length drawn
/// from `0..=out.len()`; returns that length.
pub(crate) fn fill(state: &mut u64, alphabet: &[u8], out: &mut [u8]) -> usize {
    let len = (next(state) % (out.len() as u64 + 1)) as usize;
    for b in &mut out[..len] {
        *b = alphabet[(next(state) >> 40) as usize % alphabet.len()];
    }
    len
}
