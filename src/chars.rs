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
    let body = s.len() - s.iter().rev().take_while(|&&b| b == b'=').count();
    body > 0 && s[..body].iter().all(|&b| is_token68_char(b))
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

    #[test]
    fn token68_padding() {
        assert!(is_token68(b"abc=="));
        assert!(is_token68(b"a/b+c"));
        assert!(!is_token68(b""));
        assert!(!is_token68(b"ab=c"));
        assert!(!is_token68(b"a b"));
    }
}
