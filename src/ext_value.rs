//! RFC 8187 ext-values: parameter values in a charset other than ASCII,
//! as in `title*=UTF-8''J%C3%A4s%C3%B8n`.
//!
//! ```text
//! ext-value     = charset  "'" [ language ] "'" value-chars   ; RFC 8187 §3.2.1
//! charset       = "UTF-8" / "ISO-8859-1" / mime-charset
//! value-chars   = *( pct-encoded / attr-char )
//! pct-encoded   = "%" HEXDIG HEXDIG
//! attr-char     = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "."
//!               / "^" / "_" / "`" / "|" / "~"
//! ```
//!
//! The builder writes ext-values with [`crate::write::Value::ext`]; they are
//! always UTF-8 and have no language tag.

use core::fmt;

/// Whether `b` is an `attr-char` of RFC 8187 §3.2.1, which an ext-value
/// carries without percent-encoding.
pub fn is_attr_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b)
}

/// Writes `UTF-8''` and the percent-encoded bytes of `text`, in chunks that
/// end only at ASCII bytes.
pub(crate) fn encode_utf8<E>(
    text: &str,
    mut put: impl FnMut(&[u8]) -> Result<(), E>,
) -> Result<(), E> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    put(b"UTF-8''")?;
    let b = text.as_bytes();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if !is_attr_char(c) {
            put(&b[start..i])?;
            put(&[b'%', HEX[usize::from(c >> 4)], HEX[usize::from(c & 15)]])?;
            start = i + 1;
        }
    }
    put(&b[start..])
}

/// `text` as an RFC 8187 ext-value (`UTF-8''…`); its `Display` writes the
/// encoded form.
///
/// ```
/// use auth_headers::ext_value::Encoded;
/// assert_eq!(Encoded("Jäsøn").to_string(), "UTF-8''J%C3%A4s%C3%B8n");
/// assert_eq!(Encoded("a b%").to_string(), "UTF-8''a%20b%25");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Encoded<'a>(pub &'a str);

impl fmt::Display for Encoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every chunk is ASCII.
        encode_utf8(self.0, |b| {
            f.write_str(core::str::from_utf8(b).map_err(|_| fmt::Error)?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 8187 §3.2.1: exactly the attr-char set passes unencoded.
    #[test]
    fn attr_char_is_exactly_the_rfc_set() {
        for b in 0..=255u8 {
            let expect = b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b);
            assert_eq!(is_attr_char(b), expect, "byte {b:#04x}");
        }
        assert!(!is_attr_char(b'%') && !is_attr_char(b'\'') && !is_attr_char(b'*'));
    }
}
