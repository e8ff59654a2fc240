//! Tokens as `&str` without a second pass.
//!
//! Schemes, parameter names and token68s are handed out as `&str`. Every
//! byte of them has just been checked against an ASCII-only class, so
//! running `core::str::from_utf8` over them again only costs time:
//! callgrind counted about 78 instructions per short token and 0.64 per
//! byte of a JWT, a fifth of the cost of parsing `Authorization: Bearer
//! <JWT>` (issue 7). One private function, `ascii_str`, makes the `&str`
//! with `unsafe`; its callers are the scanners of this file.
//!
//! Invariant: `ascii_str` is only given bytes that a scanner of this file
//! accepted, and the scanners accept only bytes below 0x80 (token and
//! token68 classes, `=` padding), or bytes that `ascii_at` or `ascii` has
//! just found to be below 0x80. The second half is checked by the compiler
//! (the `const` blocks evaluate the class table, `t68_cmp` and the x86
//! scans' nibble tables for every byte), and the first half is checked
//! again in debug builds (tests, fuzzing) by `debug_assert!`.

use super::portable::t68_cmp;
use super::swar::{word, HIGH};
use super::table::{build, CTL, T68, TCHAR};
use super::{is_tchar, token68_len};

/// Every class that [`split_token`] and [`split_token68`] accept is ASCII.
const _: () = {
    let table = build();
    let mut b = 0x80;
    while b < 0x100 {
        assert!(table[b] & (TCHAR | T68) == 0);
        assert!(!t68_cmp(b as u8));
        b += 1;
    }
    assert!(table[b'=' as usize] & CTL == 0 && b'=' < 0x80);
};

/// `s`, which a scanner of this file has just checked to be ASCII, as a
/// `&str`.
#[allow(unsafe_code)]
#[inline(always)]
fn ascii_str(s: &[u8]) -> &str {
    debug_assert!(s.is_ascii());
    // SAFETY: every byte of `s` is below 0x80 (see the invariant above), and
    // a sequence of ASCII bytes is valid UTF-8.
    unsafe { core::str::from_utf8_unchecked(s) }
}

/// The `len` bytes of `s` from `at` as `&str`, if they are all ASCII. A name
/// of under 8 bytes is checked with one load of the word that starts it
/// (a parameter name is always followed by more of the list), so the names
/// of noted parameters are handed out without being read again byte by
/// byte. Sound whatever the offsets: the check is the invariant.
#[inline]
pub(crate) fn ascii_at(s: &[u8], at: usize, len: usize) -> Option<&str> {
    let bytes = s.get(at..at.checked_add(len)?)?;
    match word(s, at) {
        Some(w) if len < 8 => (w & ((1u64 << (8 * len)) - 1) & HIGH == 0).then(|| ascii_str(bytes)),
        _ => ascii(bytes),
    }
}

/// `s` as `&str` if it is all ASCII, checked 8 bytes at a time (the last
/// 8 overlapping the ones before); `None` otherwise, and the caller then
/// asks `core::str::from_utf8`, which also says where a bad sequence is.
#[inline]
pub(crate) fn ascii(s: &[u8]) -> Option<&str> {
    let high = match s.last_chunk::<8>() {
        Some(last) => s.chunks_exact(8).fold(u64::from_le_bytes(*last), |acc, w| {
            acc | u64::from_le_bytes(w.try_into().unwrap_or_default())
        }),
        None => u64::from(s.iter().fold(0u8, |acc, &b| acc | b)),
    };
    (high & HIGH == 0).then(|| ascii_str(s))
}

/// `token = 1*tchar` (RFC 9110 §5.6.2) at the start of `i`: the token as
/// `&str` and the rest, or `None` when `i` does not start with a `tchar`.
#[inline]
pub(crate) fn split_token(i: &[u8]) -> Option<(&str, &[u8])> {
    let n = i.iter().position(|&b| !is_tchar(b)).unwrap_or(i.len());
    if n == 0 {
        return None;
    }
    let (tok, rest) = i.split_at(n);
    Some((ascii_str(tok), rest))
}

/// `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`
/// (RFC 9110 §11.2) at the start of `i`, padding included: the token68 as
/// `&str` and the rest, or `None` when `i` does not start with a token68
/// character.
#[inline]
pub(crate) fn split_token68(i: &[u8]) -> Option<(&str, &[u8])> {
    let body = token68_len(i);
    if body == 0 {
        return None;
    }
    let pad = i[body..].iter().take_while(|&&b| b == b'=').count();
    let (t68, rest) = i.split_at(body + pad);
    Some((ascii_str(t68), rest))
}

/// `s` as `&str` if all of it is one `token68` (RFC 9110 §11.2), padding
/// included: the shape of Basic and Bearer credentials after the scheme.
/// The padding is counted from the end first, so that the scan of the body
/// runs to the end of its slice and ends on an overlapping chunk rather
/// than a byte walk.
#[inline]
pub(crate) fn whole_token68(s: &[u8]) -> Option<&str> {
    let body = s.len() - s.iter().rev().take_while(|&&b| b == b'=').count();
    (body > 0 && token68_len(&s[..body]) == body).then(|| ascii_str(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chars::{is_token68, is_token68_char};

    #[test]
    fn split_token_and_token68_hand_out_str() {
        assert_eq!(split_token(b"Basic realm"), Some(("Basic", &b" realm"[..])));
        assert_eq!(split_token(b"\xe9t\xe9"), None);
        assert_eq!(split_token(b"="), None);
        assert_eq!(split_token68(b"abc==, x"), Some(("abc==", &b", x"[..])));
        assert_eq!(split_token68(b"ab\xffc"), Some(("ab", &b"\xffc"[..])));
        assert_eq!(split_token68(b"=="), None);
        // Every byte at every position of a chunk: the `&str` holds exactly
        // the accepted prefix.
        for b in 0..=255u8 {
            for at in [0, 3, 16, 31, 32, 47, 63, 64, 69] {
                let mut s = [b'a'; 70];
                s[at] = b;
                let t = split_token68(&s).map_or(0, |(t, _)| t.len());
                let want = match b {
                    _ if is_token68_char(b) => 70,
                    b'=' if at > 0 => at + 1,
                    _ => at,
                };
                assert_eq!(t, want, "t68 {b:#04x} at {at}");
                let t = split_token(&s).map_or(0, |(t, _)| t.len());
                assert_eq!(
                    t,
                    if is_tchar(b) { 70 } else { at },
                    "token {b:#04x} at {at}"
                );
            }
        }
    }

    #[test]
    fn ascii_refuses_every_high_byte_at_every_place() {
        for len in 0..20 {
            let mut s = [b'a'; 20];
            assert_eq!(ascii(&s[..len]).map(str::len), Some(len));
            for at in 0..len {
                for b in [0x80, 0xc3, 0xff] {
                    s[at] = b;
                    assert_eq!(ascii(&s[..len]), None, "{b:#04x} at {at} of {len}");
                }
                s[at] = 0x7f;
                assert!(ascii(&s[..len]).is_some());
                s[at] = b'a';
            }
        }
    }

    #[test]
    fn whole_token68_agrees_with_the_token68_rule() {
        // Lengths around the 16- and 32-byte chunks, padding and stops at
        // every place: the whole value is a token68 exactly when the
        // token68 rule reads all of it.
        use crate::testing::{fill, next};
        let body = [b'a', b'Z', b'0', b'-', b'~', b'/'];
        let others = [b'=', b' ', b',', 0x80, b'"'];
        let mut seed = 0x1234_5678_9abc_def1u64;
        for _ in 0..30_000 {
            let mut s = [0u8; 70];
            let len = fill(&mut seed, &body, &mut s);
            // Up to two `=` of padding, then maybe one other byte anywhere.
            let pad = (next(&mut seed) % 3) as usize;
            for b in s[..len].iter_mut().rev().take(pad) {
                *b = b'=';
            }
            if len > 0 && next(&mut seed) % 2 == 0 {
                let at = (next(&mut seed) % len as u64) as usize;
                s[at] = others[(next(&mut seed) % others.len() as u64) as usize];
            }
            let s = &s[..len];
            let want = match split_token68(s) {
                Some((t, [])) => Some(t),
                _ => None,
            };
            assert_eq!(whole_token68(s), want, "{s:02x?}");
            assert_eq!(is_token68(s), want.is_some(), "{s:02x?}");
        }
    }

    #[test]
    fn ascii_at_refuses_every_high_byte() {
        let s = *b"realm=\"x\", algorithm=MD5";
        assert_eq!(ascii_at(&s, 0, 5), Some("realm"));
        assert_eq!(ascii_at(&s, 11, 9), Some("algorithm"));
        assert_eq!(ascii_at(&s, 21, 3), Some("MD5"));
        assert_eq!(ascii_at(&s, 0, 0), Some(""));
        assert_eq!(ascii_at(&s, 21, 4), None);
        assert_eq!(ascii_at(&s, usize::MAX, 2), None);
        for b in 0x80..=0xffu8 {
            for len in 1..12 {
                for at in 0..len {
                    let mut t = [b'a'; 16];
                    t[at] = b;
                    assert_eq!(ascii_at(&t, 0, len), None, "{b:#04x} at {at} of {len}");
                    assert_eq!(ascii_at(&t, 0, at).map(str::len), Some(at));
                }
            }
        }
    }
}
