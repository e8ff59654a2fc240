//! Byte classes of RFC 9110 §5.6 and §11.2, as one 256-entry table of bit
//! flags, and the fast scans that read long runs of one class.
//!
//! Every byte of a header value is classified by a table lookup; the
//! grammar (the private `syntax` module) only asks "is this byte in class
//! X". The table is built by a `const fn` from `matches!` patterns written
//! next to the ABNF they implement, so the source reads like the RFC. The
//! public items are its predicates: [`is_tchar`], [`is_token68_char`],
//! [`is_qdtext`], [`is_quoted_pair_char`], [`is_ows`] and [`is_ctl`] for a
//! byte, [`is_token`] and [`is_token68`] for a slice.
//!
//! ```
//! use auth_headers::chars::{is_tchar, is_token, is_token68};
//! assert!(is_tchar(b'~') && !is_tchar(b'/'));
//! assert!(is_token(b"Digest"));
//! assert!(is_token68(b"QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
//! ```
//!
//! # Advice for hackers: the fast paths
//!
//! Everything else here is private to the crate: the scans the grammar
//! runs where a byte-at-a-time table walk would cost the most. Each states
//! a class of the table in another form, and a test holds it to the table
//! for every byte value at every place in a chunk. `scripts/perf-guard.sh`
//! counts their instructions (`bearer_jwt` is the entry of the token68
//! scans).
//!
//! | File | Holds |
//! |---|---|
//! | `mod.rs` | the public predicates, and `token68_len`, which picks the token68 scan |
//! | `table.rs` | the class table `CLASSES` and its flags |
//! | `swar.rs` | word-at-a-time helpers (8 bytes as a `u64`), and `eq_ignore_case` |
//! | `portable.rs` | the scans for every target, no `unsafe` |
//! | `x86.rs` | the token68 scan with SSSE3 / AVX2 byte shuffles (`unsafe`), built only on x86-64 with `std` |
//! | `ascii.rs` | bytes a scan accepted, handed out as `&str` without a second UTF-8 pass (`unsafe`) |
//!
//! Which scan runs when, and which test keeps it equal to the table:
//!
//! - **The body of a token68** (`token68_len`): the credentials of Basic
//!   and Bearer, a token68 challenge; a JWT is the long run. One of three:
//!   - `portable.rs`, `token68_len_portable`: the alphabet as byte
//!     compares (`t68_cmp`), 32 and then 16 bytes a step, which LLVM turns
//!     into vector compares (SSE2 on x86-64, NEON on aarch64). Without
//!     `std`, on every other architecture, and on x86-64 when fewer than 16
//!     bytes are left or the CPU has no SSSE3. When AVX2 is on at compile
//!     time (`-C target-cpu=native` on an AVX2 machine) `x86.rs` is not
//!     built and this scan, compiled for AVX2, is the one.
//!   - `x86.rs`, `run_len_ssse3`: two `pshufb` classify 16 bytes by their
//!     nibbles. With `std` on x86-64, SSSE3 found at run time, from 16
//!     bytes left (from 32 too when the CPU has no AVX2).
//!   - `x86.rs`, `run_len_avx2`: the same 32 bytes at a time with
//!     `vpshufb`, from 32 bytes left, AVX2 found at run time.
//!
//!   Kept equal by `tests::long_token68_runs_agree_with_the_table` (the
//!   portable scan and the one picked), `x86::tests::shuffle_scans_agree_with_the_table`
//!   (each shuffle scan the CPU has, whichever the picker would choose),
//!   `portable::tests::fast_scans_agree_with_the_table` (short slices, and
//!   `t68_cmp` against the table), and a compile-time assertion that the
//!   nibble tables of `x86.rs` give `t68_cmp` for every byte.
//! - **The text of a quoted-string** (`qdtext_len`, `qdtext_len_at`;
//!   `quote_or_backslash_len` for text already checked): 8 bytes a step
//!   with `swar.rs`'s `quoted_stops` and `quote_stops`, the last word
//!   overlapping the previous one; every target. Kept equal by
//!   `portable::tests::fast_scans_agree_with_the_table` and
//!   `portable::tests::qdtext_len_agrees_with_a_byte_walk_on_mixed_input`.
//! - **`name=value` or token68?** (`has_equals_in_16`, `equals_in_16`):
//!   the `=` among the first 16 bytes after a scheme, two word tests. And
//!   **Basic's `user-pass` split** (`ctl_len`, feature `basic`): control
//!   bytes and the first `:`, word-wise. Both in
//!   `portable::tests::qdtext_len_agrees_with_a_byte_walk_on_mixed_input`.
//! - **Schemes and names compared case-insensitively** (`eq_ignore_case`):
//!   4 to 16 bytes as two overlapping words. Kept equal to
//!   `<[u8]>::eq_ignore_ascii_case` by
//!   `swar::tests::eq_ignore_case_agrees_with_core`.
//! - **Tokens as `&str`** (`split_token`, `split_token68`, `whole_token68`,
//!   `ascii`, `ascii_at`): `ascii::tests::split_token_and_token68_hand_out_str`,
//!   `ascii::tests::whole_token68_agrees_with_the_token68_rule`,
//!   `ascii::tests::ascii_refuses_every_high_byte_at_every_place`,
//!   `ascii::tests::ascii_at_refuses_every_high_byte`.
//!
//! # `unsafe`
//!
//! This module is the only one in the crate that uses `unsafe` (the crate
//! is `#![deny(unsafe_code)]`, and each use here is allowed by name), for
//! two things, each with its invariant written beside it (a `// SAFETY:`
//! comment on every `unsafe` block, which `clippy::undocumented_unsafe_blocks`
//! enforces in this module) and a benchmark that pays for it
//! (`scripts/perf-guard.sh`, the `bearer_jwt` entry):
//! - `ascii.rs`: one private function turns bytes just checked to be ASCII
//!   (a token or token68 matched against an ASCII-only byte class, or a
//!   noted parameter name, decoded Basic user-pass or DPoP proof tested
//!   word-wise) into
//!   `&str` without a second UTF-8 pass (`from_utf8_unchecked`); the
//!   ASCII-only classes are asserted at compile time. It saves a fifth of
//!   the instructions of `Authorization: Bearer`.
//! - `x86.rs`: with `std` on x86-64, a token68 of 16 bytes or more is
//!   scanned with SSSE3 or AVX2 byte shuffles when the CPU is found at run
//!   time to have them: `#[target_feature]` functions, written once as one
//!   macro, that classify 16 or 32 bytes at a time with two byte shuffles
//!   (`pshufb`), their loads bounds-checked just before each one. They take
//!   the scan of a JWT from about 1.5 instructions per byte (SSE2 compares)
//!   to 0.91 (SSSE3) and 0.39 (AVX2).
#![deny(clippy::undocumented_unsafe_blocks)]

mod ascii;
mod portable;
mod swar;
mod table;
// The one place the x86 condition is written (its use in `token68_len`
// aside): x86-64, `std` for the run-time CPU check, and AVX2 not already
// on at compile time.
#[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
mod x86;

// The crate's other modules import the scans from here.
pub(crate) use ascii::{ascii, ascii_at, split_token, split_token68, whole_token68};
#[cfg(feature = "basic")]
pub(crate) use portable::ctl_len;
pub(crate) use portable::{
    equals_in_16, has_equals_in_16, qdtext_len, qdtext_len_at, quote_or_backslash_len,
};
pub(crate) use swar::eq_ignore_case;
pub(crate) use table::{CLASSES, CTL};
use table::{OWS, QDTEXT, QPAIR, T68, TCHAR};

/// Whether `b` is a `tchar` (RFC 9110 §5.6.2).
#[inline(always)]
pub fn is_tchar(b: u8) -> bool {
    CLASSES[b as usize] & TCHAR != 0
}

/// Whether `b` may appear in a `token68` before its `=` padding (RFC 9110 §11.2).
#[inline(always)]
pub fn is_token68_char(b: u8) -> bool {
    CLASSES[b as usize] & T68 != 0
}

/// Whether `b` is `qdtext`, a byte allowed unescaped inside a quoted-string
/// (RFC 9110 §5.6.4).
#[inline(always)]
pub fn is_qdtext(b: u8) -> bool {
    CLASSES[b as usize] & QDTEXT != 0
}

/// Whether `b` may follow the backslash of a `quoted-pair` (RFC 9110 §5.6.4).
#[inline(always)]
pub fn is_quoted_pair_char(b: u8) -> bool {
    CLASSES[b as usize] & QPAIR != 0
}

/// Whether `b` is `OWS`/`BWS` whitespace: SP or HTAB (RFC 9110 §5.6.3).
#[inline(always)]
pub fn is_ows(b: u8) -> bool {
    CLASSES[b as usize] & OWS != 0
}

/// Whether `b` is a control byte (`%x00-1F / %x7F`, RFC 5234 B.1).
#[inline(always)]
pub fn is_ctl(b: u8) -> bool {
    CLASSES[b as usize] & CTL != 0
}

/// Whether `s` is a `token`: one or more `tchar` (RFC 9110 §5.6.2).
///
/// ```
/// assert!(auth_headers::chars::is_token(b"Digest"));
/// assert!(!auth_headers::chars::is_token(b"a b"));
/// assert!(!auth_headers::chars::is_token(b""));
/// ```
pub fn is_token(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(|&b| is_tchar(b))
}

/// Whether `s` is a `token68` (RFC 9110 §11.2):
/// `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
///
/// ```
/// assert!(auth_headers::chars::is_token68(b"QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
/// assert!(!auth_headers::chars::is_token68(b"=="));
/// assert!(!auth_headers::chars::is_token68(b"a=b"));
/// ```
pub fn is_token68(s: &[u8]) -> bool {
    whole_token68(s).is_some()
}

/// The number of leading bytes of `s` that are `token68` characters (before
/// any `=` padding), RFC 9110 §11.2. The whole alphabet, not merely
/// "visible ASCII". Picks the scan (see the module doc): with `std` on
/// x86-64, 16 or 32 bytes per step with two byte shuffles where the CPU is
/// found at run time to have SSSE3 or AVX2; otherwise 32 bytes per step
/// with vector compares.
pub(crate) fn token68_len(s: &[u8]) -> usize {
    #[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
    if let Some(n) = x86::token68_len(s) {
        return n;
    }
    portable::token68_len_portable(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 9110 §5.6.2: the 15 punctuation tchars plus DIGIT and ALPHA, nothing else.
    #[test]
    fn tchar_is_exactly_the_rfc_set() {
        let punct = b"!#$%&'*+-.^_`|~";
        for b in 0..=255u8 {
            let expect = b.is_ascii_alphanumeric() || punct.contains(&b);
            assert_eq!(is_tchar(b), expect, "byte {b:#04x}");
        }
    }

    // RFC 9110 §11.2 token68 alphabet.
    #[test]
    fn token68_alphabet_is_exactly_the_rfc_set() {
        for b in 0..=255u8 {
            let expect = b.is_ascii_alphanumeric() || b"-._~+/".contains(&b);
            assert_eq!(is_token68_char(b), expect, "byte {b:#04x}");
        }
    }

    // RFC 9110 §5.6.4: qdtext excludes DQUOTE, backslash and controls but HTAB.
    #[test]
    fn qdtext_and_quoted_pair() {
        for b in 0..=255u8 {
            let qd = b == b'\t'
                || b == b' '
                || (0x21..=0x7e).contains(&b) && b != b'"' && b != b'\\'
                || b >= 0x80;
            assert_eq!(is_qdtext(b), qd, "qdtext {b:#04x}");
            let qp = b == b'\t' || (0x20..=0x7e).contains(&b) || b >= 0x80;
            assert_eq!(is_quoted_pair_char(b), qp, "quoted-pair {b:#04x}");
            assert_eq!(is_ctl(b), b < 0x20 || b == 0x7f, "ctl {b:#04x}");
        }
    }

    /// Holds one token68 scan to the table: it must stop exactly where the
    /// table says, for every byte value and position, in whole blocks and
    /// in the overlapping last one. The vector scans are called from 16
    /// (SSSE3) or 32 (AVX2) bytes; below that they hand over to the
    /// portable scan. Also run on the x86 shuffle scans, from `x86.rs`.
    pub(super) fn assert_token68_scan_agrees_with_the_table(name: &str, scan: fn(&[u8]) -> usize) {
        for len in [
            16, 17, 24, 31, 32, 33, 40, 47, 48, 63, 64, 65, 96, 127, 128, 200,
        ] {
            for b in 0..=255u8 {
                for at in (0..len).step_by(5).chain([len - 1]) {
                    let mut s = [b'A'; 200];
                    s[at] = b;
                    let want = if is_token68_char(b) { len } else { at };
                    assert_eq!(scan(&s[..len]), want, "{name}: {b:#04x} at {at} of {len}");
                }
            }
            assert_eq!(scan(&[b'z'; 200][..len]), len, "{name}: {len}");
        }
    }

    #[test]
    fn long_token68_runs_agree_with_the_table() {
        // The portable compares, and the scan `token68_len` picks for this
        // CPU and length (the x86 scans one by one: `x86::tests`).
        assert_token68_scan_agrees_with_the_table("portable", portable::token68_len_portable);
        assert_token68_scan_agrees_with_the_table("picked", token68_len);
    }

    #[test]
    fn token68_padding() {
        assert!(is_token68(b"abc=="));
        assert!(is_token68(b"a/b+c"));
        assert!(!is_token68(b""));
        assert!(!is_token68(b"ab=c"));
        assert!(!is_token68(b"a b"));
    }
}
