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

/// Calls `f` with `prefix` followed by every string of up to `max_len`
/// bytes over `alphabet` (at most 16 bytes in all).
pub(crate) fn each_short(alphabet: &[u8], max_len: u32, prefix: &[u8], mut f: impl FnMut(&[u8])) {
    let mut buf = [0u8; 16];
    buf[..prefix.len()].copy_from_slice(prefix);
    for len in 0..=max_len as usize {
        for mut code in 0..alphabet.len().pow(len as u32) {
            for slot in &mut buf[prefix.len()..prefix.len() + len] {
                *slot = alphabet[code % alphabet.len()];
                code /= alphabet.len();
            }
            f(&buf[..prefix.len() + len]);
        }
    }
}
