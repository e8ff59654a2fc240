//! The class table: one byte of bit flags for each of the 256 byte values,
//! built at compile time from `matches!` patterns written next to the ABNF
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

/// The table, as a `const fn` so that compile-time assertions can read it
/// (a `static` cannot be read in a `const` on the declared rust-version).
pub(super) const fn build() -> [u8; 256] {
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
