//! Word-at-a-time helpers (SWAR, "SIMD within a register"): 8 bytes read
//! as one little-endian `u64` and tested with integer arithmetic, on every
//! target and without `unsafe`. The scans of `portable.rs` and `ascii.rs`
//! are built from them, and [`eq_ignore_case`] compares with them.
//!
//! A stop mask sets the high bit of the lowest byte that matches exactly,
//! and possibly of bytes above it (a borrow only starts at a matching byte
//! and only moves up), so `trailing_zeros() / 8` is the index of the first
//! match, which is all the scans ask.

/// `0x01` in every byte: `ONES * b` is `b` in every byte.
pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub(super) const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte of `t` that is zero, exact for the lowest one
/// (before masking with [`HIGH`]).
#[inline(always)]
const fn zero_bytes(t: u64) -> u64 {
    t.wrapping_sub(ONES) & !t
}

/// The 8 bytes of `s` from `at`, little-endian, if there are 8.
#[inline(always)]
pub(super) fn word(s: &[u8], at: usize) -> Option<u64> {
    let w = s.get(at..at + 8)?;
    <[u8; 8]>::try_from(w).ok().map(u64::from_le_bytes)
}

/// The high bit of each `=` in `x` (exact for the first one).
#[inline(always)]
pub(super) fn equals(x: u64) -> u64 {
    zero_bytes(x ^ (ONES * b'=' as u64)) & HIGH
}

/// The bytes that a quoted-string's fast path stops at, over the 8 bytes
/// of `x`: `"`, `\`, a control byte (HTAB included, which the caller then
/// accepts as qdtext) or DEL; the word form of `quoted_stop_cmp` in
/// `portable.rs`. Bytes 0x80–0xFF (obs-text) never stop.
#[inline(always)]
pub(super) fn quoted_stops(x: u64) -> u64 {
    let below_space = x.wrapping_sub(ONES * 0x20) & !x;
    let quote = zero_bytes(x ^ (ONES * b'"' as u64));
    let backslash = zero_bytes(x ^ (ONES * b'\\' as u64));
    let del = zero_bytes(x ^ (ONES * 0x7f));
    (below_space | quote | backslash | del) & HIGH
}

/// [`quoted_stops`] for `"` and `\` alone.
#[inline(always)]
pub(super) fn quote_stops(x: u64) -> u64 {
    (zero_bytes(x ^ (ONES * b'"' as u64)) | zero_bytes(x ^ (ONES * b'\\' as u64))) & HIGH
}

/// Control bytes (`%x00-1F / %x7F`, RFC 5234 B.1) and, when `COLON`, `:`
/// in the 8 bytes of `x`: where a decoded Basic `user-pass` splits.
#[cfg(feature = "basic")]
#[inline(always)]
pub(super) fn ctl_stops<const COLON: bool>(x: u64) -> u64 {
    let below_space = x.wrapping_sub(ONES * 0x20) & !x;
    let colon = if COLON {
        zero_bytes(x ^ (ONES * u64::from(b':')))
    } else {
        0
    };
    (below_space | zero_bytes(x ^ (ONES * 0x7f)) | colon) & HIGH
}

/// The number of bytes of `s` from `start` before the first one that
/// `stops` flags (or up to the end), where `stops` takes 8 bytes as a
/// little-endian `u64` and sets the high bit of the first stop byte exactly
/// (bytes above it may be flagged too). The last bytes are read as one word
/// that ends at the end of `s` and may start before them (before `start`,
/// even: the bytes under them are shifted out), or, when `s` is under 8
/// bytes, gathered into a word: no byte is walked alone.
#[inline(always)]
pub(super) fn first_stop(s: &[u8], start: usize, stops: impl Fn(u64) -> u64) -> usize {
    let first = |m: u64| (m.trailing_zeros() / 8) as usize;
    let Some(rest) = s.get(start..) else {
        return 0;
    };
    let mut n = 0;
    while let Some(w) = word(rest, n) {
        let m = stops(w);
        if m != 0 {
            return n + first(m);
        }
        n += 8;
    }
    let left = rest.len() - n;
    if left == 0 {
        return n;
    }
    // The `left` unread bytes first, zero bytes above them; whatever
    // `stops` makes of those zeros, the answer is capped at `left`.
    let w = match s.last_chunk::<8>() {
        Some(w) => u64::from_le_bytes(*w) >> (8 * (8 - left)),
        None => rest[n..]
            .iter()
            .rev()
            .fold(0u64, |w, &b| (w << 8) | u64::from(b)),
    };
    n + first(stops(w)).min(left)
}

/// Whether `a` and `b` are equal with ASCII letters compared
/// case-insensitively, as auth-schemes and parameter names are (RFC 9110
/// §11.1, §11.2). The same answer as `<[u8]>::eq_ignore_ascii_case`, with
/// half its instructions when the cases agree, as they mostly do (a scheme
/// is compared on every request).
#[inline]
pub(crate) fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    // 4 to 16 bytes (nearly every scheme and name): as two words each,
    // which may overlap (a byte compared twice is still the same byte).
    if let (Some((a0, a1)), Some((b0, b1))) = (two_words(a), two_words(b)) {
        return words_eq_ignore_case(a0, b0) && words_eq_ignore_case(a1, b1);
    }
    // Equal bytes, or a letter and its other case (which differ in 0x20).
    a.iter()
        .zip(b)
        .all(|(&x, &y)| x == y || (x ^ y == 0x20 && (x | 0x20).wrapping_sub(b'a') < 26))
}

/// `s` of 4 to 16 bytes as two little-endian words that together hold
/// every byte: the first and last 4 bytes (up to 8 bytes), or the first
/// and last 8 (up to 16); `None` for other lengths.
#[inline(always)]
fn two_words(s: &[u8]) -> Option<(u64, u64)> {
    let word4 = |c: Option<&[u8; 4]>| c.map(|c| u64::from(u32::from_le_bytes(*c)));
    match s.len() {
        4..=8 => Some((word4(s.first_chunk())?, word4(s.last_chunk())?)),
        9..=16 => Some((
            u64::from_le_bytes(*s.first_chunk()?),
            u64::from_le_bytes(*s.last_chunk()?),
        )),
        _ => None,
    }
}

/// Whether the 8 bytes of `x` and `y` are equal ASCII case ignored: each
/// pair is equal, or differs only in 0x20 and is a letter. Exact per byte
/// (the letter test works on 7-bit values, which never carry into the next
/// byte).
#[inline(always)]
fn words_eq_ignore_case(x: u64, y: u64) -> bool {
    let diff = x ^ y;
    if diff & !(ONES * 0x20) != 0 {
        return false;
    }
    // The bytes that differ (in 0x20) must be letters: `x | 0x20` in
    // `a..=z`, and below 0x80.
    let lower = x | (ONES * 0x20);
    let v = lower & (ONES * 0x7f);
    let letter = (v + ONES * (0x80 - 0x61)) & !(v + ONES * (0x80 - 0x7b)) & !lower & HIGH;
    (diff << 2) & !letter == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eq_ignore_case_agrees_with_core() {
        // RFC 9110 §11.1: auth-schemes compare case-insensitively.
        assert!(eq_ignore_case(b"BEARER", b"bearer"));
        assert!(!eq_ignore_case(b"Bearer", b"Basic"));
        assert!(!eq_ignore_case(b"[", b"{"));
        let words: [&[u8]; 12] = [
            b"", b"a", b"A", b"@", b"`", b"[", b"{", b"Bearer", b"bEARER", b"Bearer ", b"\xc0",
            b"\xe0",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    eq_ignore_case(a, b),
                    a.eq_ignore_ascii_case(b),
                    "{a:?} {b:?}"
                );
            }
        }
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                assert_eq!(
                    eq_ignore_case(&[x], &[y]),
                    x.eq_ignore_ascii_case(&y),
                    "{x} {y}"
                );
            }
        }
        // The word path (4 to 16 bytes, two overlapping words) and the byte
        // walk beyond it: every pair of bytes at the first, a middle and
        // the last place, the rest one letter in different cases.
        for len in [4, 5, 8, 9, 16, 17] {
            for at in [0, len / 2, len - 1] {
                let (mut a, mut b) = ([b'k'; 17], [b'K'; 17]);
                for x in 0..=255u8 {
                    for y in 0..=255u8 {
                        (a[at], b[at]) = (x, y);
                        assert_eq!(
                            eq_ignore_case(&a[..len], &b[..len]),
                            a[..len].eq_ignore_ascii_case(&b[..len]),
                            "{x:#04x} {y:#04x} at {at} of {len}"
                        );
                    }
                }
            }
        }
    }
}
