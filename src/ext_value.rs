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
//! always UTF-8 and have no language tag. [`ExtValue::parse`] reads the value
//! of a parsed `name*` parameter; the text is decoded lazily, without
//! allocation, into a [`fmt::Write`] or a caller's buffer (a `String` under
//! `alloc`).
//!
//! ```
//! use auth_headers::ext_value::{Charset, ExtValue};
//! let list = auth_headers::parse_challenges("Newauth title*=UTF-8''J%C3%A4s%C3%B8n").unwrap();
//! let title = list.iter().next().unwrap().param("title*").unwrap();
//! let ext = ExtValue::parse(title).unwrap();
//! assert_eq!(ext.charset(), Charset::Utf8);
//! let mut buf = [0u8; 16];
//! assert_eq!(ext.decode_into(&mut buf).unwrap(), "Jäsøn");
//! assert_eq!(ext.to_string(), "Jäsøn");
//! ```

use core::fmt;

use crate::error::{Error, ErrorKind};
use crate::quoted::ParamValue;

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
///
/// `Debug` shows the length of the text, not the text ([`crate::redact`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Encoded<'a>(pub &'a str);

impl fmt::Debug for Encoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Encoded")
            .field(&crate::redact::Redacted::len(self.0.len()))
            .finish()
    }
}

impl fmt::Display for Encoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every chunk is ASCII.
        encode_utf8(self.0, |b| {
            f.write_str(core::str::from_utf8(b).map_err(|_| fmt::Error)?)
        })
    }
}

/// The charsets RFC 8187 §3.2.1 requires recipients to support.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Charset {
    /// `UTF-8`: the decoded bytes must be valid UTF-8.
    Utf8,
    /// `ISO-8859-1`: every byte is the code point of the same number.
    Iso8859_1,
}

/// A checked RFC 8187 ext-value, borrowed from the input.
///
/// `Debug` shows the charset, the language and the length of the encoded
/// text, never the text (`username*` is one; [`crate::redact`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExtValue<'a> {
    charset: Charset,
    language: &'a str,
    /// The `value-chars`, still percent-encoded.
    encoded: &'a [u8],
    /// Offset of `encoded` within the whole ext-value.
    base: usize,
}

impl<'a> ExtValue<'a> {
    /// Reads the value of a parsed `name*` parameter. It should be a token,
    /// as RFC 8187 §3.2 has it; a quoted-string without escapes is read the
    /// same way. Errors carry the offset within the value.
    pub fn parse(value: ParamValue<'a>) -> Result<Self, Error> {
        if value.has_escapes() {
            let at = value.raw().iter().position(|&b| b == b'\\').unwrap_or(0);
            return Err(Error::new(at, ErrorKind::ExpectedExtValue));
        }
        Self::parse_bytes(value.raw())
    }

    /// Reads `charset'[language]'value-chars` from raw bytes. The whole text
    /// is checked: percent-encoding, and UTF-8 for the `UTF-8` charset.
    ///
    /// ```
    /// use auth_headers::{ext_value::ExtValue, ErrorKind};
    /// let v = ExtValue::parse_bytes(b"iso-8859-1'en'%A3%20rates").unwrap();
    /// assert_eq!((v.language(), v.to_string().as_str()), ("en", "£ rates"));
    /// let e = ExtValue::parse_bytes(b"KOI8-R''%C1").unwrap_err();
    /// assert_eq!((e.offset(), e.kind()), (0, ErrorKind::UnknownCharset));
    /// let e = ExtValue::parse_bytes(b"UTF-8''%C3").unwrap_err();
    /// assert_eq!((e.offset(), e.kind()), (7, ErrorKind::NotUtf8(0xC3)));
    /// ```
    pub fn parse_bytes(raw: &'a [u8]) -> Result<Self, Error> {
        // Both quotes must be there; either missing is reported at the end.
        let (encoded, (charset, language)) =
            head(raw).map_err(|_| Error::new(raw.len(), ErrorKind::ExpectedExtValue))?;
        let charset = if charset.eq_ignore_ascii_case(b"UTF-8") {
            Charset::Utf8
        } else if charset.eq_ignore_ascii_case(b"ISO-8859-1") {
            Charset::Iso8859_1
        } else if charset.is_empty() {
            return Err(Error::new(0, ErrorKind::ExpectedExtValue));
        } else {
            return Err(Error::new(0, ErrorKind::UnknownCharset));
        };
        // Language-Tag (RFC 5646): letters, digits and '-'.
        let lang_at = crate::span::offset_of(raw, language);
        if let Some(i) = language
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
        {
            return Err(Error::new(
                lang_at + i,
                crate::syntax::byte_error(language[i]),
            ));
        }
        let base = raw.len() - encoded.len();
        let v = ExtValue {
            charset,
            language: core::str::from_utf8(language).unwrap_or_default(),
            encoded,
            base,
        };
        v.check()?;
        Ok(v)
    }

    fn check(&self) -> Result<(), Error> {
        let mut chars = self.chars();
        loop {
            match chars.next() {
                None => return Ok(()),
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e),
            }
        }
    }

    /// The charset.
    pub const fn charset(&self) -> Charset {
        self.charset
    }

    /// The language tag; empty when there is none.
    pub const fn language(&self) -> &'a str {
        self.language
    }

    /// The value-chars, still percent-encoded.
    pub const fn encoded(&self) -> &'a [u8] {
        self.encoded
    }

    /// The decoded bytes, in the value's charset.
    pub fn bytes(&self) -> PercentDecoded<'a> {
        PercentDecoded {
            rest: self.encoded,
            at: self.base,
        }
    }

    fn chars(&self) -> Chars<'a> {
        Chars {
            bytes: self.bytes(),
            charset: self.charset,
        }
    }

    /// The length of the decoded text in UTF-8 bytes.
    pub fn decoded_len(&self) -> usize {
        self.chars().flatten().map(char::len_utf8).sum()
    }

    /// Writes the decoded text into `buf` and returns it. A buffer that is
    /// too small is an [`ErrorKind::BufferTooSmall`] error whose offset is
    /// the length needed; `buf` is then untouched.
    pub fn decode_into<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, Error> {
        let need = self.decoded_len();
        if need > buf.len() {
            return Err(Error::new(need, ErrorKind::BufferTooSmall));
        }
        let mut n = 0;
        for c in self.chars().flatten() {
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        core::str::from_utf8(&buf[..n]).map_err(|_| Error::new(0, ErrorKind::ExpectedExtValue))
    }

    /// Writes the decoded text into `w`.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        self.chars().flatten().try_for_each(|c| w.write_char(c))
    }
}

/// The decoded text.
impl fmt::Display for ExtValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// The percent-decoded bytes of an [`ExtValue`]; an error stops it.
/// `Debug` shows the position and how many bytes are left, not the bytes.
#[derive(Clone)]
pub struct PercentDecoded<'a> {
    rest: &'a [u8],
    at: usize,
}

impl fmt::Debug for ExtValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtValue")
            .field("charset", &self.charset)
            .field("language", &self.language)
            .field("value", &crate::redact::Redacted::len(self.encoded.len()))
            .finish()
    }
}

impl fmt::Debug for PercentDecoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PercentDecoded")
            .field("at", &self.at)
            .field("rest", &crate::redact::Redacted::len(self.rest.len()))
            .finish()
    }
}

impl Iterator for PercentDecoded<'_> {
    type Item = Result<u8, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        let (&b, rest) = self.rest.split_first()?;
        let at = self.at;
        if b == b'%' {
            let hex = |i: usize| rest.get(i).and_then(|&h| (h as char).to_digit(16));
            match (hex(0), hex(1)) {
                (Some(h), Some(l)) => {
                    self.rest = &rest[2..];
                    self.at += 3;
                    Some(Ok((h * 16 + l) as u8))
                }
                _ => {
                    self.rest = &[];
                    Some(Err(Error::new(at, ErrorKind::BadPercentEncoding)))
                }
            }
        } else if is_attr_char(b) {
            self.rest = rest;
            self.at += 1;
            Some(Ok(b))
        } else {
            self.rest = &[];
            Some(Err(Error::new(at, crate::syntax::byte_error(b))))
        }
    }
}

/// The decoded characters; an error (offset of the offending `%` or byte)
/// stops it.
#[derive(Clone, Debug)]
struct Chars<'a> {
    bytes: PercentDecoded<'a>,
    charset: Charset,
}

impl Iterator for Chars<'_> {
    type Item = Result<char, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        let at = self.bytes.at;
        let first = match self.bytes.next()? {
            Ok(b) => b,
            Err(e) => return Some(Err(e)),
        };
        if self.charset == Charset::Iso8859_1 || first < 0x80 {
            return Some(Ok(char::from(first)));
        }
        let len = match first {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        let bad = Error::new(at, ErrorKind::NotUtf8(first));
        if len == 0 {
            self.bytes.rest = &[];
            return Some(Err(bad));
        }
        let mut buf = [first, 0, 0, 0];
        for slot in &mut buf[1..len] {
            match self.bytes.next() {
                Some(Ok(b)) => *slot = b,
                Some(Err(e)) => return Some(Err(e)),
                None => return Some(Err(bad)),
            }
        }
        match core::str::from_utf8(&buf[..len]) {
            Ok(s) => s.chars().next().map(Ok),
            Err(_) => {
                self.bytes.rest = &[];
                Some(Err(bad))
            }
        }
    }
}

/// `charset "'" [ language ] "'"`, the two fields before the value-chars of
/// an ext-value (RFC 8187 §3.2.1), as nom parsers: the rest is the
/// value-chars. The fields are checked by the caller, which knows which
/// error each deserves.
fn head(raw: &[u8]) -> nom::IResult<&[u8], (&[u8], &[u8]), ()> {
    use nom::bytes::complete::{tag, take_till};
    use nom::Parser;
    let quote = || tag(&b"'"[..]);
    let field = || take_till(|b| b == b'\'');
    let (rest, (charset, _, language, _)) = (field(), quote(), field(), quote()).parse(raw)?;
    Ok((rest, (charset, language)))
}

#[cfg(test)]
mod tests {
    extern crate std;
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

    fn decode(s: &str) -> Result<std::string::String, Error> {
        use std::string::ToString;
        ExtValue::parse_bytes(s.as_bytes()).map(|v| v.to_string())
    }

    // RFC 8187 §3.2.2 examples.
    #[test]
    fn rfc8187_3_2_2_examples() {
        assert_eq!(decode("iso-8859-1'en'%A3%20rates").unwrap(), "\u{a3} rates");
        assert_eq!(
            decode("UTF-8''%c2%a3%20and%20%e2%82%ac%20rates").unwrap(),
            "\u{a3} and \u{20ac} rates"
        );
    }

    #[test]
    fn errors_point_at_the_offending_byte() {
        let k = |s: &str| decode(s).map_err(|e| (e.offset(), e.kind()));
        assert_eq!(k("UTF-8"), Err((5, ErrorKind::ExpectedExtValue)));
        assert_eq!(k("UTF-8'en"), Err((8, ErrorKind::ExpectedExtValue)));
        assert_eq!(k("''abc"), Err((0, ErrorKind::ExpectedExtValue)));
        assert_eq!(k("Shift_JIS''a"), Err((0, ErrorKind::UnknownCharset)));
        assert_eq!(k("UTF-8''ab%4"), Err((9, ErrorKind::BadPercentEncoding)));
        assert_eq!(k("UTF-8''ab%zz"), Err((9, ErrorKind::BadPercentEncoding)));
        assert_eq!(k("UTF-8''a b"), Err((8, ErrorKind::UnexpectedByte(b' '))));
        assert_eq!(k("UTF-8''%FF"), Err((7, ErrorKind::NotUtf8(0xFF))));
        assert_eq!(k("UTF-8''%ED%A0%80"), Err((7, ErrorKind::NotUtf8(0xED))));
        assert_eq!(k("UTF-8'e n'a"), Err((7, ErrorKind::UnexpectedByte(b' '))));
    }

    #[test]
    fn encode_then_decode_is_identity() {
        extern crate std;
        use std::string::ToString;
        for s in ["", "plain", "Jäsøn", "a b%'*\"\u{1F600}", "\u{0}\r\n"] {
            let e = Encoded(s).to_string();
            assert_eq!(decode(&e).unwrap(), s);
        }
    }

    #[test]
    fn decode_into_a_small_buffer_is_refused() {
        let v = ExtValue::parse_bytes(b"UTF-8''J%C3%A4").unwrap();
        let mut buf = [0u8; 2];
        let e = v.decode_into(&mut buf).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, 3));
        assert_eq!(buf, [0, 0]);
    }
}
