//! Byte classes of RFC 9110 §5.6 and §11.2, as one 256-entry table of bit flags.
//!
//! Every byte of a header value is classified once by a table lookup; the
//! grammar (the private `syntax` module) only asks "is this byte in class X". The table
//! is built by a `const fn` from `matches!` patterns written next to the ABNF
//! they implement, so the source reads like the RFC.

/// `tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
///  "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA` (RFC 9110 §5.6.2)
pub(crate) const TCHAR: u8 = 1 << 0;
/// `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`
/// (RFC 9110 §11.2), without the trailing `=` padding.
pub(crate) const T68: u8 = 1 << 1;
/// `qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text` (RFC 9110 §5.6.4)
pub(crate) const QDTEXT: u8 = 1 << 2;
/// The byte after the backslash of
/// `quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )` (RFC 9110 §5.6.4)
pub(crate) const QPAIR: u8 = 1 << 3;
/// `OWS = *( SP / HTAB )`, `BWS = OWS` (RFC 9110 §5.6.3)
pub(crate) const OWS: u8 = 1 << 4;
/// `CTL = %x00-1F / %x7F` (RFC 5234 B.1): never allowed unescaped in a value,
/// HTAB excepted where the grammar says so.
pub(crate) const CTL: u8 = 1 << 5;

const fn class(b: u8) -> u8 {
    let mut c = 0;
    if matches!(b,
        b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.'
        | b'^' | b'_' | b'`' | b'|' | b'~' | b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z')
    {
        c |= TCHAR;
    }
    if matches!(b,
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
    {
        c |= T68;
    }
    if matches!(b, b'\t' | b' ' | 0x21 | 0x23..=0x5B | 0x5D..=0x7E | 0x80..=0xFF) {
        c |= QDTEXT;
    }
    if matches!(b, b'\t' | b' ' | 0x21..=0x7E | 0x80..=0xFF) {
        c |= QPAIR;
    }
    if matches!(b, b' ' | b'\t') {
        c |= OWS;
    }
    if matches!(b, 0x00..=0x1F | 0x7F) {
        c |= CTL;
    }
    c
}

const fn build() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = class(i as u8);
        i += 1;
    }
    t
}

/// The class table: `CLASSES[b]` holds the flags of byte `b`.
pub(crate) static CLASSES: [u8; 256] = build();

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

/// Whether `a` and `b` are equal with ASCII letters compared
/// case-insensitively, as auth-schemes and parameter names are (RFC 9110
/// §11.1, §11.2). The same answer as `<[u8]>::eq_ignore_ascii_case`, with
/// half its instructions when the cases agree, as they mostly do (a scheme
/// is compared on every request).
///
/// ```
/// use auth_headers::chars::eq_ignore_case;
/// assert!(eq_ignore_case(b"BEARER", b"bearer"));
/// assert!(!eq_ignore_case(b"Bearer", b"Basic"));
/// assert!(!eq_ignore_case(b"[", b"{"));
/// ```
#[inline]
pub fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
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
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
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

// Whole-slice scans for the long runs of the hot paths: the token68 of
// `Bearer <JWT>` and the text of quoted-strings. Each is the same class as the
// table above, written as byte comparisons that LLVM turns into SIMD compares
// (SSE2 on x86-64, NEON on aarch64) over fixed-size chunks: no table gather,
// no `unsafe`. On x86-64 with `std`, the token68 scan has two faster forms
// for CPUs found at run time to have byte shuffles (SSSE3, AVX2), the one
// `unsafe` of this module besides `ascii_str`. The tests below check every
// form against the table for every byte value and every position in a
// chunk.

/// `token68` body byte, as comparisons: `ALPHA / DIGIT / "-" / "." / "_" /
/// "~" / "+" / "/"`. `+ , - . / 0-9` is the range 0x2B–0x39 less `,`.
#[inline(always)]
const fn t68_cmp(b: u8) -> bool {
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

/// The number of leading bytes of `s` that are `token68` characters (before
/// any `=` padding), RFC 9110 §11.2. Checks 32 bytes per step with vector
/// compares; with `std` on x86-64, 16 or 32 bytes per step with two byte
/// shuffles where the CPU is found at run time to have SSSE3 or AVX2. The
/// whole alphabet, not merely "visible ASCII".
///
/// ```
/// assert_eq!(auth_headers::chars::token68_len(b"eyJhbGciOi.J9-_~+/==, x"), 18);
/// ```
pub fn token68_len(s: &[u8]) -> usize {
    #[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
    if s.len() >= 16 {
        if s.len() >= 32 && std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, just checked.
            #[allow(unsafe_code)]
            return unsafe { run_len_avx2(s) };
        }
        if std::is_x86_feature_detected!("ssse3") {
            // SAFETY: the CPU has SSSE3, just checked.
            #[allow(unsafe_code)]
            return unsafe { run_len_ssse3(s) };
        }
    }
    token68_len_portable(s)
}

/// [`token68_len`] without run-time CPU detection: the vector compares LLVM
/// derives from [`t68_cmp`] (SSE2 on x86-64, NEON on aarch64), about 1.5
/// instructions per byte with SSE2.
///
/// Whole 32-byte chunks are tested at once; a run that goes to the end of
/// `s` (a JWT at the end of the value) ends with one chunk that overlaps
/// the previous ones; otherwise 16 bytes more, and the chunk that holds a
/// stop, and the last bytes, are walked with the table.
#[inline(always)]
fn token68_len_portable(s: &[u8]) -> usize {
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

/// `token68` body byte by its two nibbles: `T68_LO[low] & T68_HI[high]` is
/// not zero exactly for the alphabet. Each high nibble that holds token68
/// bytes has a bit (`+ - . /` in 0x2_, digits in 0x3_, letters in 0x4_ to
/// 0x7_ with `_` and `~`; 0x4_ and 0x6_ share one, having the same low
/// nibbles); the low-nibble table sets the bits of the high nibbles with
/// which that low nibble makes a token68 byte. Built from [`t68_cmp`].
#[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
const T68_HI: [u8; 16] = [0, 0, 1, 2, 4, 8, 4, 16, 0, 0, 0, 0, 0, 0, 0, 0];
#[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
const T68_LO: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut lo = 0;
    while lo < 16 {
        let mut hi = 0;
        while hi < 16 {
            if t68_cmp((hi << 4 | lo) as u8) {
                t[lo] |= T68_HI[hi];
            }
            hi += 1;
        }
        lo += 1;
    }
    t
};

/// The nibble tables agree with `t68_cmp` on every byte.
#[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
const _: () = {
    let mut b = 0;
    while b < 256 {
        let nibbles = T68_LO[b & 15] & T68_HI[b >> 4] != 0;
        assert!(nibbles == t68_cmp(b as u8));
        b += 1;
    }
};

/// A 16-entry nibble table repeated in every 16-byte lane of a `W`-byte
/// vector (`pshufb` looks up within a lane).
#[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
const fn lanes<const W: usize>(t: [u8; 16]) -> [u8; W] {
    let mut v = [0u8; W];
    let mut i = 0;
    while i < W {
        v[i] = t[i % 16];
        i += 1;
    }
    v
}

/// One token68 scan per vector width, written once: the index of the first
/// byte of `s` that is not a token68 body byte, or `s.len()`. Each block of
/// `W` bytes is looked up in [`T68_LO`] and [`T68_HI`] by its low and high
/// nibbles (two byte shuffles), and the blocks' stop masks give the exact
/// index; the last block overlaps the previous one, so no byte is walked
/// alone. The intrinsics are named by the caller: `_mm_*` for SSSE3 (16
/// bytes), `_mm256_*` for AVX2 (32 bytes).
#[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
macro_rules! nibble_scan {
    (
        $(#[$doc:meta])*
        fn $name:ident, $feature:literal, $w:literal, $vec:ident,
        $load:ident, $and:ident, $min:ident, $srli:ident, $shuffle:ident,
        $cmpeq:ident, $movemask:ident, $set1:ident, $setzero:ident $(,)?
    ) => {
        $(#[$doc])*
        ///
        /// # Safety
        ///
        /// The CPU must have the target feature (the one caller,
        /// [`token68_len`], checks). Memory: every load reads `W` bytes at
        /// `s.as_ptr() + at` with `at + W <= s.len()`, checked just before
        /// it, so nothing outside `s` is read.
        #[target_feature(enable = $feature)]
        #[allow(unsafe_code)]
        unsafe fn $name(s: &[u8]) -> usize {
            use core::arch::x86_64::{
                $vec, $and, $cmpeq, $load, $min, $movemask, $set1, $setzero, $shuffle, $srli,
            };
            const W: usize = $w;
            const LO: [u8; W] = lanes(T68_LO);
            const HI: [u8; W] = lanes(T68_HI);
            // SAFETY: the tables are `W` bytes, the size of the loads.
            let (lo_table, hi_table) = unsafe {
                (
                    $load(LO.as_ptr().cast::<$vec>()),
                    $load(HI.as_ptr().cast::<$vec>()),
                )
            };
            let nibble = $set1(0x0f);
            let zero = $setzero();
            // Byte i is zero: byte i of the `W` at `at` is not a token68 body
            // byte.
            let classes = |at: usize| {
                debug_assert!(at + W <= s.len());
                // SAFETY: the callers below check `at + W <= s.len()`.
                let v = unsafe { $load(s.as_ptr().add(at).cast::<$vec>()) };
                let lo = $shuffle(lo_table, $and(v, nibble));
                let hi = $shuffle(hi_table, $and($srli::<4>(v), nibble));
                $and(lo, hi)
            };
            // Bit i set: byte i of the `W` at `at` is not a token68 body byte.
            let stops = |at: usize| $movemask($cmpeq(classes(at), zero)) as u32;
            let mut n = 0;
            // Two blocks a step, their classes merged by a byte minimum (zero
            // where either is); the block with the stop is read again below.
            while n + 2 * W <= s.len() {
                let both = $min(classes(n), classes(n + W));
                if $movemask($cmpeq(both, zero)) != 0 {
                    break;
                }
                n += 2 * W;
            }
            while n + W <= s.len() {
                match stops(n) {
                    0 => n += W,
                    m => return n + m.trailing_zeros() as usize,
                }
            }
            if n < s.len() && s.len() >= W {
                // The last bytes, in the block that ends at the end of `s`;
                // its first `W - left` bytes were read already.
                let start = s.len() - W;
                match stops(start) >> (n - start) {
                    0 => return s.len(),
                    m => return n + m.trailing_zeros() as usize,
                }
            }
            // Nothing left, or `s` under `W` bytes (the caller sends `W` or
            // more).
            n + token68_len_portable(&s[n..])
        }
    };
}

#[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
nibble_scan! {
    /// The token68 scan with AVX2, 32 bytes a block (two `vpshufb`): on a
    /// JWT (`bearer_jwt` in `perf/baseline.txt`) 0.39 instructions per
    /// byte, where the SSE2 compares take about 1.5 and the same compares
    /// built for AVX2 took 0.62. Used for runs of 32 bytes or more.
    fn run_len_avx2, "avx2", 32, __m256i,
    _mm256_loadu_si256, _mm256_and_si256, _mm256_min_epu8, _mm256_srli_epi16, _mm256_shuffle_epi8,
    _mm256_cmpeq_epi8, _mm256_movemask_epi8, _mm256_set1_epi8, _mm256_setzero_si256,
}

#[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
nibble_scan! {
    /// The token68 scan with SSSE3, 16 bytes a block (two `pshufb`): 0.91
    /// instructions per byte of a JWT. For a CPU without AVX2 (SSSE3 is in
    /// the x86-64-v2 level: Intel since 2006, AMD since 2011), and for runs
    /// of 16 to 31 bytes on any.
    fn run_len_ssse3, "ssse3", 16, __m128i,
    _mm_loadu_si128, _mm_and_si128, _mm_min_epu8, _mm_srli_epi16, _mm_shuffle_epi8,
    _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set1_epi8, _mm_setzero_si128,
}

/// The number of leading bytes of `s` that are `qdtext` other than HTAB
/// (RFC 9110 §5.6.4): where a quoted-string's text runs until a `"`, a `\`,
/// a control byte or DEL. Reads 8 bytes at a time as a `u64` (the text of a
/// parameter is a few dozen bytes: wider vector chunks cost more at their
/// ends than they save), and the last bytes as one word that overlaps the
/// previous one, so no byte is walked alone unless `s` is under 8 bytes.
///
/// ```
/// assert_eq!(auth_headers::chars::qdtext_len(br#"a, b\"c""#), 4);
/// ```
pub fn qdtext_len(s: &[u8]) -> usize {
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
    first_stop(s, 0, |x| {
        const ONES: u64 = 0x0101_0101_0101_0101;
        let zero = |t: u64| t.wrapping_sub(ONES) & !t;
        let below_space = x.wrapping_sub(ONES * 0x20) & !x;
        let colon = if COLON {
            zero(x ^ (ONES * u64::from(b':')))
        } else {
            0
        };
        (below_space | zero(x ^ (ONES * 0x7f)) | colon) & (ONES * 0x80)
    })
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

/// The high bit of each `=` in `x` (exact for the first one).
#[inline(always)]
fn equals(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let t = x ^ (ONES * b'=' as u64);
    t.wrapping_sub(ONES) & !t & (ONES * 0x80)
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

/// The number of bytes of `s` from `start` before the first one that
/// `stops` flags (or up to the end), where `stops` takes 8 bytes as a
/// little-endian `u64` and sets the high bit of the first stop byte exactly
/// (bytes above it may be flagged too). The last bytes are read as one word
/// that ends at the end of `s` and may start before them (before `start`,
/// even: the bytes under them are shifted out), or, when `s` is under 8
/// bytes, gathered into a word: no byte is walked alone.
#[inline(always)]
fn first_stop(s: &[u8], start: usize, stops: impl Fn(u64) -> u64) -> usize {
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

/// [`quoted_stops`] for `"` and `\` alone.
#[inline(always)]
fn quote_stops(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero = |t: u64| t.wrapping_sub(ONES) & !t;
    (zero(x ^ (ONES * b'"' as u64)) | zero(x ^ (ONES * b'\\' as u64))) & (ONES * 0x80)
}

/// The 8 bytes of `s` from `at`, little-endian, if there are 8.
#[inline(always)]
fn word(s: &[u8], at: usize) -> Option<u64> {
    let w = s.get(at..at + 8)?;
    <[u8; 8]>::try_from(w).ok().map(u64::from_le_bytes)
}

/// SWAR form of [`quoted_stop_cmp`] over the 8 bytes of `x` (little-endian):
/// the high bit is set in the lowest byte that is a stop, and possibly in
/// bytes above it (a borrow only starts at a stop and only moves up), so
/// `trailing_zeros` finds the first stop exactly. Bytes 0x80–0xFF
/// (obs-text) never stop.
#[inline(always)]
fn quoted_stops(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // High bit of each byte that is zero, exact for the lowest one.
    let zero = |t: u64| t.wrapping_sub(ONES) & !t;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x;
    let quote = zero(x ^ (ONES * b'"' as u64));
    let backslash = zero(x ^ (ONES * b'\\' as u64));
    let del = zero(x ^ (ONES * 0x7f));
    (below_space | quote | backslash | del) & HIGH
}

// ---------------------------------------------------------------------------
// Tokens as `&str` without a second pass.
//
// Schemes, parameter names and token68s are handed out as `&str`. Every byte
// of them has just been checked against an ASCII-only class, so running
// `core::str::from_utf8` over them again only costs time: callgrind counted
// about 78 instructions per short token and 0.64 per byte of a JWT, a fifth
// of the cost of parsing `Authorization: Bearer <JWT>` (issue 7). This module
// is the one place in the crate with `unsafe`: this function, private to the
// module, whose callers are the scanners below, and the SSSE3 and AVX2
// token68 scans (`run_len_ssse3`, `run_len_avx2`, one macro with its safety
// conditions written on it), called only after the CPU was checked.
//
// Invariant: `ascii_str` is only given bytes that a scanner of this module
// accepted, and the scanners accept only bytes below 0x80 (token and token68
// classes, `=` padding), or bytes that `ascii_at` or `ascii` has just found
// to be below 0x80. The second half is checked by the compiler (the `const`
// blocks evaluate the class table, `t68_cmp` and the vector scans' nibble
// tables for every byte), and the first half is checked again in debug
// builds (tests, fuzzing) by `debug_assert!`.

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

/// `s`, which a scanner of this module has just checked to be ASCII, as a
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
    const HIGH: u64 = 0x8080_8080_8080_8080;
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
    const HIGH: u64 = 0x8080_8080_8080_8080;
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
    }

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
                let want = s.iter().position(|&b| is_ctl(b)).unwrap_or(len);
                assert_eq!(ctl_len::<false>(s), want, "{s:02x?}");
                let want = s.iter().position(|&b| is_ctl(b) || b == b':');
                assert_eq!(ctl_len::<true>(s), want.unwrap_or(len), "{s:02x?}");
            }
        }
    }

    #[test]
    fn eq_ignore_case_agrees_with_core() {
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

    /// Every token68 scan this CPU can run: the portable compares, and on
    /// x86-64 the SSSE3 and AVX2 shuffles where the CPU has them (the
    /// public `token68_len` picks only one of them).
    #[allow(clippy::type_complexity)]
    fn token68_scans() -> [(&'static str, Option<fn(&[u8]) -> usize>); 4] {
        #[allow(unused_mut)]
        let mut scans: [(&'static str, Option<fn(&[u8]) -> usize>); 4] = [
            ("portable", Some(token68_len_portable)),
            ("picked", Some(token68_len)),
            ("ssse3", None),
            ("avx2", None),
        ];
        #[cfg(all(feature = "std", target_arch = "x86_64", not(target_feature = "avx2")))]
        {
            if std::is_x86_feature_detected!("ssse3") {
                // SAFETY: the CPU has SSSE3.
                #[allow(unsafe_code)]
                let ssse3: fn(&[u8]) -> usize = |s| unsafe { run_len_ssse3(s) };
                scans[2].1 = Some(ssse3);
            }
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2.
                #[allow(unsafe_code)]
                let avx2: fn(&[u8]) -> usize = |s| unsafe { run_len_avx2(s) };
                scans[3].1 = Some(avx2);
            }
        }
        scans
    }

    #[test]
    fn long_token68_runs_agree_with_the_table() {
        // Every scan must stop exactly where the table says, for every byte
        // value and position, in whole blocks and in the overlapping last
        // one. The vector scans are called from 16 (SSSE3) or 32 (AVX2)
        // bytes; below that they hand over to the portable scan.
        let scans = token68_scans();
        for len in [
            16, 17, 24, 31, 32, 33, 40, 47, 48, 63, 64, 65, 96, 127, 128, 200,
        ] {
            for b in 0..=255u8 {
                for at in (0..len).step_by(5).chain([len - 1]) {
                    let mut s = [b'A'; 200];
                    s[at] = b;
                    let want = if is_token68_char(b) { len } else { at };
                    for (name, scan) in scans.iter().filter_map(|(n, f)| Some((n, (*f)?))) {
                        assert_eq!(scan(&s[..len]), want, "{name}: {b:#04x} at {at} of {len}");
                    }
                }
            }
            for (name, scan) in scans.iter().filter_map(|(n, f)| Some((n, (*f)?))) {
                assert_eq!(scan(&[b'z'; 200][..len]), len, "{name}: {len}");
            }
        }
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
