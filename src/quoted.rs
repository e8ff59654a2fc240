//! Parameter values: a token or a quoted-string, kept as the raw input slice
//! with lazy unescaping.
//!
//! ```text
//! quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE   ; RFC 9110 §5.6.4
//! quoted-pair   = "\" ( HTAB / SP / VCHAR / obs-text )
//! ```
//!
//! Nothing is copied when a value is parsed: [`ParamValue::raw`] is the slice
//! between the quotes, escapes included. Unescaping happens only when asked
//! for, by iterating ([`ParamValue::bytes`]), comparing ([`ParamValue::eq_str`]),
//! writing into a [`core::fmt::Write`] ([`ParamValue::write_to`]), or under the
//! `alloc` feature into a `Cow` that borrows when there was nothing to unescape.

use core::fmt;

/// The value of an auth-parameter: `token / quoted-string` (RFC 9110 §11.2).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParamValue<'a> {
    raw: &'a [u8],
    quoted: bool,
    escaped: bool,
}

impl<'a> ParamValue<'a> {
    /// A value read as a token (or, under lenient options, as raw bytes).
    pub(crate) const fn token(raw: &'a [u8]) -> Self {
        ParamValue {
            raw,
            quoted: false,
            escaped: false,
        }
    }

    /// A value read as a quoted-string; `raw` excludes the quotes.
    pub(crate) const fn quoted(raw: &'a [u8], escaped: bool) -> Self {
        ParamValue {
            raw,
            quoted: true,
            escaped,
        }
    }

    /// The value as written in the input, without the surrounding quotes of a
    /// quoted-string and with its backslash escapes still in place. It never
    /// ends in a lone backslash: of a quoted-string left open at the end
    /// ([`crate::ParseOptions::allow_unterminated_quote`]) whose last byte is
    /// a backslash, that backslash is not part of the value.
    pub const fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Whether the value was written as a quoted-string.
    pub const fn is_quoted(&self) -> bool {
        self.quoted
    }

    /// Whether the quoted-string contains at least one quoted-pair (`\x`).
    pub const fn has_escapes(&self) -> bool {
        self.escaped
    }

    /// The value as a `&str` borrowed from the input, when that needs no
    /// unescaping and is valid UTF-8 (always so for a token).
    pub fn as_str(&self) -> Option<&'a str> {
        if self.escaped {
            None
        } else {
            core::str::from_utf8(self.raw).ok()
        }
    }

    /// The unescaped bytes, one by one.
    ///
    /// ```
    /// let c = auth_headers::parse_credentials(r#"X a="q\"uo\\te""#).unwrap();
    /// let v = c.param("a").unwrap();
    /// assert!(v.bytes().eq(br#"q"uo\te"#.iter().copied()));
    /// ```
    pub fn bytes(&self) -> Unescaped<'a> {
        Unescaped {
            rest: self.raw,
            escaped: self.escaped,
        }
    }

    /// The number of bytes of the unescaped value.
    pub fn len(&self) -> usize {
        if self.escaped {
            self.bytes().count()
        } else {
            self.raw.len()
        }
    }

    /// Whether the unescaped value is empty (`""`).
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Whether the unescaped value equals `other`, byte for byte.
    pub fn eq_bytes(&self, other: &[u8]) -> bool {
        if self.escaped {
            self.bytes().eq(other.iter().copied())
        } else {
            self.raw == other
        }
    }

    /// Whether the unescaped value equals `other`.
    ///
    /// ```
    /// let c = auth_headers::parse_credentials(r#"X realm="a\bc""#).unwrap();
    /// assert!(c.param("realm").unwrap().eq_str("abc"));
    /// ```
    pub fn eq_str(&self, other: &str) -> bool {
        self.eq_bytes(other.as_bytes())
    }

    /// Whether the unescaped value equals `other`, ASCII case ignored (as for
    /// `algorithm=SHA-256` or `stale=TRUE`).
    pub fn eq_ignore_ascii_case(&self, other: &str) -> bool {
        if self.escaped {
            let o = other.as_bytes();
            self.len() == o.len() && self.bytes().zip(o).all(|(a, b)| a.eq_ignore_ascii_case(b))
        } else {
            self.raw.eq_ignore_ascii_case(other.as_bytes())
        }
    }

    /// Writes the unescaped value as text; bytes that are not UTF-8 are
    /// written as U+FFFD.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        if !self.escaped {
            return write_lossy(self.raw, w);
        }
        // Unescape into a small stack buffer, flushing at chunk boundaries
        // that never split a UTF-8 sequence.
        let mut buf = [0u8; 128];
        let mut n = 0;
        for b in self.bytes() {
            if n >= buf.len() - 4 && (b & 0xC0) != 0x80 {
                write_lossy(&buf[..n], w)?;
                n = 0;
            }
            if n == buf.len() {
                write_lossy(&buf[..n], w)?;
                n = 0;
            }
            buf[n] = b;
            n += 1;
        }
        write_lossy(&buf[..n], w)
    }

    /// The unescaped bytes, borrowed from the input when nothing needed
    /// unescaping.
    #[cfg(feature = "alloc")]
    pub fn to_bytes(&self) -> alloc::borrow::Cow<'a, [u8]> {
        use alloc::borrow::Cow;
        if self.escaped {
            Cow::Owned(self.bytes().collect())
        } else {
            Cow::Borrowed(self.raw)
        }
    }

    /// The unescaped value as text (non-UTF-8 bytes become U+FFFD), borrowed
    /// from the input when nothing needed unescaping or replacing.
    ///
    /// ```
    /// let c = auth_headers::parse_credentials(r#"X a=tok, b="q\"d""#).unwrap();
    /// assert!(matches!(c.param("a").unwrap().to_str(), std::borrow::Cow::Borrowed("tok")));
    /// assert_eq!(c.param("b").unwrap().to_str(), "q\"d");
    /// ```
    #[cfg(feature = "alloc")]
    pub fn to_str(&self) -> alloc::borrow::Cow<'a, str> {
        use alloc::borrow::Cow;
        use alloc::string::String;
        match self.as_str() {
            Some(s) => Cow::Borrowed(s),
            None => {
                let mut s = String::with_capacity(self.raw.len());
                // Writing into a String cannot fail.
                let _ = self.write_to(&mut s);
                Cow::Owned(s)
            }
        }
    }
}

/// Writes `bytes` as text, with U+FFFD for every invalid UTF-8 sequence.
pub(crate) fn write_lossy<W: fmt::Write + ?Sized>(bytes: &[u8], w: &mut W) -> fmt::Result {
    for chunk in bytes.utf8_chunks() {
        w.write_str(chunk.valid())?;
        if !chunk.invalid().is_empty() {
            w.write_char(char::REPLACEMENT_CHARACTER)?;
        }
    }
    Ok(())
}

/// Shows the unescaped value as text.
impl fmt::Display for ParamValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl<'a> ParamValue<'a> {
    /// The value as `Debug` showed it before redaction: as written, in
    /// quotes when it was quoted. Only for values whose name is public
    /// ([`crate::redact`]).
    pub(crate) fn fmt_public(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.quoted {
            f.write_str("\"")?;
            write_lossy(self.raw, f)?;
            f.write_str("\"")
        } else {
            write_lossy(self.raw, f)
        }
    }
}

/// Never the value: a value without its name cannot be told public
/// ([`crate::redact`]); `<redacted, N bytes>` with the unescaped length.
/// `Display` shows the text.
impl fmt::Debug for ParamValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&crate::redact::Redacted::len(self.len()), f)
    }
}

impl PartialEq<str> for ParamValue<'_> {
    fn eq(&self, other: &str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<&str> for ParamValue<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.eq_str(other)
    }
}

/// Iterator over the unescaped bytes of a [`ParamValue`]. `Debug` shows
/// how many raw bytes are left, never the bytes.
#[derive(Clone)]
pub struct Unescaped<'a> {
    rest: &'a [u8],
    escaped: bool,
}

impl fmt::Debug for Unescaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Unescaped")
            .field(&crate::redact::Redacted::len(self.rest.len()))
            .finish()
    }
}

impl Iterator for Unescaped<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let (&b, rest) = self.rest.split_first()?;
        if self.escaped && b == b'\\' {
            // A parsed quoted-string never ends in a lone backslash.
            let (&e, rest) = rest.split_first()?;
            self.rest = rest;
            Some(e)
        } else {
            self.rest = rest;
            Some(b)
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.escaped {
            (self.rest.len().div_ceil(2), Some(self.rest.len()))
        } else {
            (self.rest.len(), Some(self.rest.len()))
        }
    }
}

impl core::iter::FusedIterator for Unescaped<'_> {}
