//! The token68 scan with x86 byte shuffles, for CPUs found at run time to
//! have SSSE3 or AVX2. Built only on x86-64 with `std` (which detects the
//! CPU) and when AVX2 is not a compile-time target feature (then the
//! portable compares are compiled for AVX2 and are the scan): that one
//! condition is written on this module's `mod` line in `mod.rs`, and again
//! only on the one call into it, in `token68_len`.
//!
//! With `unsafe`, each block beside its invariant: the `#[target_feature]`
//! functions are called only after the CPU was checked, and every vector
//! load is bounds-checked just before it.

use super::portable::{t68_cmp, token68_len_portable};

/// The shuffle scan this CPU has, for `s` of 16 bytes or more: AVX2 from
/// 32 bytes, SSSE3 otherwise; `None` when neither applies, and the caller
/// then runs the portable scan.
#[inline(always)]
pub(super) fn token68_len(s: &[u8]) -> Option<usize> {
    if s.len() >= 16 {
        if s.len() >= 32 && std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, just checked.
            #[allow(unsafe_code)]
            return Some(unsafe { run_len_avx2(s) });
        }
        if std::is_x86_feature_detected!("ssse3") {
            // SAFETY: the CPU has SSSE3, just checked.
            #[allow(unsafe_code)]
            return Some(unsafe { run_len_ssse3(s) });
        }
    }
    None
}

/// `token68` body byte by its two nibbles: `T68_LO[low] & T68_HI[high]` is
/// not zero exactly for the alphabet. Each high nibble that holds token68
/// bytes has a bit (`+ - . /` in 0x2_, digits in 0x3_, letters in 0x4_ to
/// 0x7_ with `_` and `~`; 0x4_ and 0x6_ share one, having the same low
/// nibbles); the low-nibble table sets the bits of the high nibbles with
/// which that low nibble makes a token68 byte. Built from [`t68_cmp`].
const T68_HI: [u8; 16] = [0, 0, 1, 2, 4, 8, 4, 16, 0, 0, 0, 0, 0, 0, 0, 0];
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

nibble_scan! {
    /// The token68 scan with AVX2, 32 bytes a block (two `vpshufb`): on a
    /// JWT (`bearer_jwt` in `perf/baseline.txt`) 0.39 instructions per
    /// byte, where the SSE2 compares take about 1.5 and the same compares
    /// built for AVX2 took 0.62. Used for runs of 32 bytes or more.
    fn run_len_avx2, "avx2", 32, __m256i,
    _mm256_loadu_si256, _mm256_and_si256, _mm256_min_epu8, _mm256_srli_epi16, _mm256_shuffle_epi8,
    _mm256_cmpeq_epi8, _mm256_movemask_epi8, _mm256_set1_epi8, _mm256_setzero_si256,
}

nibble_scan! {
    /// The token68 scan with SSSE3, 16 bytes a block (two `pshufb`): 0.91
    /// instructions per byte of a JWT. For a CPU without AVX2 (SSSE3 is in
    /// the x86-64-v2 level: Intel since 2006, AMD since 2011), and for runs
    /// of 16 to 31 bytes on any.
    fn run_len_ssse3, "ssse3", 16, __m128i,
    _mm_loadu_si128, _mm_and_si128, _mm_min_epu8, _mm_srli_epi16, _mm_shuffle_epi8,
    _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set1_epi8, _mm_setzero_si128,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chars::tests::assert_token68_scan_agrees_with_the_table;

    /// Each shuffle scan this CPU has, held to the table like the portable
    /// scan (`chars::tests::long_token68_runs_agree_with_the_table`); the
    /// picker above chooses only one of them for a given length.
    #[test]
    fn shuffle_scans_agree_with_the_table() {
        if std::is_x86_feature_detected!("ssse3") {
            // SAFETY: the CPU has SSSE3, just checked.
            #[allow(unsafe_code)]
            let ssse3: fn(&[u8]) -> usize = |s| unsafe { run_len_ssse3(s) };
            assert_token68_scan_agrees_with_the_table("ssse3", ssse3);
        }
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, just checked.
            #[allow(unsafe_code)]
            let avx2: fn(&[u8]) -> usize = |s| unsafe { run_len_avx2(s) };
            assert_token68_scan_agrees_with_the_table("avx2", avx2);
        }
    }
}
