//! Whole-slice scans for the long runs of the hot paths, on every target
//! and without `unsafe`: the token68 of `Bearer <JWT>`, the text of
//! quoted-strings, the `=` that tells `name=value` from a token68, and
//! Basic's `user-pass` split.
//!
//! Each is the same class as the table, written as byte comparisons: the
//! token68 scan as compares that LLVM turns into SIMD compares (SSE2 on
//! x86-64, NEON on aarch64) over fixed-size chunks, no table gather; the
//! others as the word tests of `swar.rs`. The tests below check every scan
//! against the table for every byte value and every position in a chunk.

use super::is_token68_char;
#[cfg(feature = "basic")]
use super::swar::ctl_stops;
use super::swar::{equals, first_stop, quote_stops, quoted_stops, word};

/// `token68` body byte, as comparisons: `ALPHA / DIGIT / "-" / "." / "_" /
/// "~" / "+" / "/"`. `+ , - . / 0-9` is the range 0x2B–0x39 less `,`.
#[inline(always)]
pub(super) const fn t68_cmp(b: u8) -> bool {
    let alpha = (b | 0x20).wrapping_sub(b'a') < 26;
    let digit_or_sym = b.wrapping_sub(b'-') < 13;
    alpha | digit_or_sym | (b == b'+') | (b == b'_') | (b == b'~')
}

/// A byte that a quoted-string's fast path stops at: `"`, `\`, a control
/// byte (HTAB included, which the caller then accepts as qdtext) or DEL.
/// Every other byte, obs-text included, is `qdtext` (RFC 9110 §5.6.4). The
/// byte-wise reference that the tests hold [`quoted_stops`] to.
#[cfg(test)]
fn quoted_stop_cmp(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\') | (b == 0x7f)
}

/// Whether any byte of `chunk` is `stop`: an OR-reduction without early
/// exit, which LLVM compiles to vector compares and one move-mask test.
#[inline(always)]
fn any<const N: usize>(chunk: &[u8; N], stop: impl Fn(u8) -> bool) -> bool {
    chunk.iter().fold(0u8, |acc, &b| acc | u8::from(stop(b))) != 0
}

/// [`token68_len`](super::token68_len) without run-time CPU detection: the
/// vector compares LLVM derives from [`t68_cmp`] (SSE2 on x86-64, NEON on
/// aarch64), about 1.5 instructions per byte with SSE2.
///
/// Whole 32-byte chunks are tested at once; a run that goes to the end of
/// `s` (a JWT at the end of the value) ends with one chunk that overlaps
/// the previous ones; otherwise 16 bytes more, and the chunk that holds a
/// stop, and the last bytes, are walked with the table.
#[inline(always)]
pub(super) fn token68_len_portable(s: &[u8]) -> usize {
    const N: usize = 32;
    let stop = |b: u8| !t68_cmp(b);
    let mut n = 0;
    for c in s.chunks_exact(N) {
        match <&[u8; N]>::try_from(c) {
            Ok(c) if !any(c, stop) => n += N,
            _ => break,
        }
    }
    // A run to the end of `s`: one last chunk that overlaps the previous.
    if n + N > s.len() && s.len() >= N && n < s.len() {
        if let Ok(c) = <&[u8; N]>::try_from(&s[s.len() - N..]) {
            if !any(c, stop) {
                return s.len();
            }
        }
    }
    // Half a chunk more before the byte walk (short token68s: Basic, NTLM).
    if let Some(Ok(c)) = s.get(n..n + 16).map(<&[u8; 16]>::try_from) {
        if !any(c, stop) {
            n += 16;
        }
    }
    // A run to the end of `s` with under 16 bytes left: the last 16,
    // overlapping the ones read.
    if n < s.len() && s.len() - n < 16 && s.len() >= 16 {
        if let Ok(c) = <&[u8; 16]>::try_from(&s[s.len() - 16..]) {
            if !any(c, stop) {
                return s.len();
            }
        }
    }
    let rest = &s[n..];
    n + rest
        .iter()
        .position(|&b| !is_token68_char(b))
        .unwrap_or(rest.len())
}

/// The number of leading bytes of `s` that are `qdtext` other than HTAB
/// (RFC 9110 §5.6.4): where a quoted-string's text runs until a `"`, a `\`,
/// a control byte or DEL. Reads 8 bytes at a time as a `u64` (the text of a
/// parameter is a few dozen bytes: wider vector chunks cost more at their
/// ends than they save), and the last bytes as one word that overlaps the
/// previous one, so no byte is walked alone unless `s` is under 8 bytes.
pub(crate) fn qdtext_len(s: &[u8]) -> usize {
    first_stop(s, 0, quoted_stops)
}

/// [`qdtext_len`] of `s[start..]`, reading the last bytes as a word that
/// may begin before `start` (so a short text at the end of a longer value
/// is not gathered byte by byte); 0 when `start` is past the end.
#[inline]
pub(crate) fn qdtext_len_at(s: &[u8], start: usize) -> usize {
    first_stop(s, start, quoted_stops)
}

/// The number of leading bytes of `s` before the first `"` or `\`: the end
/// of the text of a quoted-string that has already been checked against
/// the grammar (so no other stop can occur), 8 bytes at a time as in
/// [`qdtext_len`].
#[inline]
pub(crate) fn quote_or_backslash_len(s: &[u8]) -> usize {
    first_stop(s, 0, quote_stops)
}

/// The number of leading bytes of `s` before the first control byte
/// (`%x00-1F / %x7F`, RFC 5234 B.1) or, when `colon`, the first `:`: where
/// a decoded Basic `user-pass` splits (RFC 7617 §2: `user-id ":"
/// password`, neither with control characters). 8 bytes at a time as in
/// [`qdtext_len`].
#[cfg(feature = "basic")]
#[inline]
pub(crate) fn ctl_len<const COLON: bool>(s: &[u8]) -> usize {
    first_stop(s, 0, ctl_stops::<COLON>)
}

/// Whether an `=` occurs among the first 16 bytes of `s`: two word tests,
/// which tell `name=value` from the start of a long token68 before either
/// is scanned.
#[inline]
pub(crate) fn has_equals_in_16(s: &[u8]) -> bool {
    // 8 bytes or more: bytes 0–7 and the 8 that end at byte 16 or at the
    // end, overlapping the first (places do not matter here).
    match (word(s, 0), s.get(..16).unwrap_or(s).last_chunk::<8>()) {
        (Some(w0), Some(w1)) => equals(w0) | equals(u64::from_le_bytes(*w1)) != 0,
        _ => s.contains(&b'='),
    }
}

/// The index of the first `=` among the first 16 bytes of `s`, if any
/// ([`has_equals_in_16`]).
#[inline]
pub(crate) fn equals_in_16(s: &[u8]) -> Option<usize> {
    match equals_masks(s) {
        (0, 0) => None,
        (0, m) => Some(8 + (m.trailing_zeros() / 8) as usize),
        (m, _) => Some((m.trailing_zeros() / 8) as usize),
    }
}

/// The high bit of each `=` among bytes 0–7 and 8–15 of `s` (exact for the
/// first one of each word). A value of 8 to 15 bytes is read as two words,
/// the second overlapping the first and shifted so that its bytes keep
/// their places; only one under 8 bytes is gathered byte by byte.
#[inline(always)]
fn equals_masks(s: &[u8]) -> (u64, u64) {
    let (w0, w1) = match (word(s, 0), word(s, 8)) {
        (Some(w0), Some(w1)) => (w0, w1),
        (Some(w0), None) if s.len() > 8 => {
            // 8 to 15 bytes: the last word starts at `len - 8`; shifting out
            // its first `16 - len` bytes leaves bytes 8.. in their places.
            let last = s.last_chunk::<8>().map(|w| u64::from_le_bytes(*w));
            (w0, last.map_or(0, |w| w >> (8 * (16 - s.len()))))
        }
        (Some(w0), None) => (w0, 0),
        _ => (
            s.iter().rev().fold(0u64, |w, &b| (w << 8) | u64::from(b)),
            0,
        ),
    };
    (equals(w0), equals(w1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chars::{is_qdtext, token68_len};

    // The comparison forms of the fast scans are the table's classes, for
    // every byte value at every position of a chunk and in the tail.
    #[test]
    fn fast_scans_agree_with_the_table() {
        for b in 0..=255u8 {
            assert_eq!(t68_cmp(b), is_token68_char(b), "t68 {b:#04x}");
            assert_eq!(
                !quoted_stop_cmp(b),
                is_qdtext(b) && b != b'\t',
                "qdtext {b:#04x}"
            );
            for len in [1, 5, 15, 16, 17, 31, 32, 40] {
                for at in 0..len {
                    let mut s = [b'a'; 40];
                    s[at] = b;
                    let s = &s[..len];
                    let t68 = if is_token68_char(b) { len } else { at };
                    assert_eq!(token68_len(s), t68, "t68 {b:#04x} at {at} of {len}");
                    let qd = if is_qdtext(b) && b != b'\t' { len } else { at };
                    assert_eq!(qdtext_len(s), qd, "qdtext {b:#04x} at {at} of {len}");
                }
            }
        }
        assert_eq!(token68_len(b""), 0);
        assert_eq!(qdtext_len(b""), 0);
        // RFC 9110 §11.2: the body stops before the padding; §5.6.4: the
        // text stops at the backslash of a quoted-pair.
        assert_eq!(token68_len(b"eyJhbGciOi.J9-_~+/==, x"), 18);
        assert_eq!(qdtext_len(br#"a, b\"c""#), 4);
    }

    #[test]
    fn qdtext_len_agrees_with_a_byte_walk_on_mixed_input() {
        // Several stops in one word, borrows across bytes, obs-text and the
        // overlapping last word: the first stop must still be found exactly.
        let alphabet = [
            b'a', b' ', b'"', b'\\', 0x00, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0xff, b'\t', b'=',
            b':',
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut s = [0u8; 40];
            let len = crate::testing::fill(&mut seed, &alphabet, &mut s);
            let s = &s[..len];
            let want = s.iter().position(|&b| quoted_stop_cmp(b)).unwrap_or(len);
            assert_eq!(qdtext_len(s), want, "{s:02x?}");
            for start in 0..=len + 1 {
                let want = s.get(start..).map_or(0, qdtext_len);
                assert_eq!(qdtext_len_at(s, start), want, "{s:02x?} from {start}");
            }
            assert_eq!(has_equals_in_16(s), s.iter().take(16).any(|&b| b == b'='));
            assert_eq!(equals_in_16(s), s.iter().take(16).position(|&b| b == b'='));
            let want = s.iter().position(|&b| b == b'"' || b == b'\\');
            assert_eq!(quote_or_backslash_len(s), want.unwrap_or(len), "{s:02x?}");
            #[cfg(feature = "basic")]
            {
                use crate::chars::is_ctl;
                let want = s.iter().position(|&b| is_ctl(b)).unwrap_or(len);
                assert_eq!(ctl_len::<false>(s), want, "{s:02x?}");
                let want = s.iter().position(|&b| is_ctl(b) || b == b':');
                assert_eq!(ctl_len::<true>(s), want.unwrap_or(len), "{s:02x?}");
            }
        }
    }
}
