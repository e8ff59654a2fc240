//! The decoding of `username*` (RFC 7616 §3.4.4), an RFC 8187 ext-value:
//!
//! ```text
//! ext-value   = charset "'" [ language ] "'" value-chars
//! charset     = "UTF-8" / "ISO-8859-1" / mime-charset
//! value-chars = *( pct-encoded / attr-char )
//! attr-char   = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "."
//!             / "^" / "_" / "`" / "|" / "~"
//! ```
//!
//! Only what `username*` needs: decoding into a caller's buffer, UTF-8 and
//! ISO-8859-1. Kept private so that it can give way to the crate-wide RFC
//! 8187 module without changing the Digest API.

/// Why an ext-value could not be decoded: the offset within the value and
/// a description.
pub(crate) type ExtFail = (usize, &'static str);

fn attr_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b)
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Decodes `raw` into `buf` and returns the text.
pub(crate) fn decode<'b>(raw: &[u8], buf: &'b mut [u8]) -> Result<&'b str, ExtFail> {
    let q1 = raw.iter().position(|&b| b == b'\'').ok_or((
        0,
        "expected `charset'language'value` (RFC 8187), found no `'`",
    ))?;
    let q2 = raw[q1 + 1..]
        .iter()
        .position(|&b| b == b'\'')
        .map(|p| q1 + 1 + p)
        .ok_or((q1, "expected a second `'` after the language (RFC 8187)"))?;
    let charset = &raw[..q1];
    let latin1 = if charset.eq_ignore_ascii_case(b"UTF-8") {
        false
    } else if charset.eq_ignore_ascii_case(b"ISO-8859-1") {
        true
    } else {
        return Err((
            0,
            "unsupported charset: only UTF-8 and ISO-8859-1 are decoded",
        ));
    };
    let mut n = 0;
    let mut i = q2 + 1;
    let too_long = "the decoded value does not fit the buffer";
    while i < raw.len() {
        let b = raw[i];
        let byte = if b == b'%' {
            let (Some(h), Some(l)) = (
                raw.get(i + 1).copied().and_then(hex),
                raw.get(i + 2).copied().and_then(hex),
            ) else {
                return Err((i, "`%` not followed by two hex digits"));
            };
            i += 3;
            (h << 4) | l
        } else if attr_char(b) {
            i += 1;
            b
        } else {
            return Err((i, "byte not allowed in an ext-value: percent-encode it"));
        };
        if latin1 && byte >= 0x80 {
            // U+0080..U+00FF in UTF-8.
            let d = buf.get_mut(n..n + 2).ok_or((i, too_long))?;
            d[0] = 0xC0 | (byte >> 6);
            d[1] = 0x80 | (byte & 0x3F);
            n += 2;
        } else {
            *buf.get_mut(n).ok_or((i, too_long))? = byte;
            n += 1;
        }
    }
    core::str::from_utf8(&buf[..n]).map_err(|_| (q2 + 1, "the decoded bytes are not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn rfc_8187_examples() {
        let mut buf = [0u8; 64];
        // RFC 7616 §3.4.4 / §3.9.2
        assert_eq!(
            decode(b"UTF-8''J%C3%A4s%C3%B8n%20Doe", &mut buf),
            Ok("J\u{e4}s\u{f8}n Doe")
        );
        // RFC 8187 §3.2.2: ISO-8859-1 `%A3` is the pound sign.
        assert_eq!(
            decode(b"iso-8859-1'en'%A3%20rates", &mut buf),
            Ok("\u{a3} rates")
        );
        assert!(decode(b"UTF-8''%C3", &mut buf).is_err());
        assert!(decode(b"UTF-8''a b", &mut buf).is_err());
        assert!(decode(b"KOI8-R''x", &mut buf).is_err());
        assert!(decode(b"UTF-8''%4", &mut buf).is_err());
        assert!(decode(b"UTF-8''abcd", &mut [0u8; 3]).is_err());
    }
}
