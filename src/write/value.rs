//! Values to be written: plain bytes, a parsed [`ParamValue`] passed through,
//! or an RFC 8187 ext-value; with the token / quoted-string choice.
//!
//! ```text
//! auth-param    = token BWS "=" BWS ( token / quoted-string )   ; RFC 9110 §11.2
//! quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE       ; RFC 9110 §5.6.4
//! ```
//!
//! A quoted-string is written with `"` and `\` escaped as quoted-pairs and
//! every other byte as it is; HTAB is the only control byte it may carry.

use core::fmt;

use super::sink::{Sink, Stop};
use crate::chars::{is_ctl, is_tchar, is_token};
use crate::error::ErrorKind;
use crate::ext_value;
use crate::quoted::{write_lossy, ParamValue};

/// How a value is to be written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Quote {
    /// A token when every byte is a `tchar` and the scheme does not ask for a
    /// quoted-string (see the crate's scheme rules), a quoted-string otherwise.
    #[default]
    Auto,
    /// Always a quoted-string, even for a value that is a valid token.
    Always,
    /// Always a token: a value that is not one is refused, never quoted.
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Repr<'a> {
    Bytes(&'a [u8]),
    Parsed(ParamValue<'a>),
    Ext(&'a str),
}

/// A parameter value for the builders.
///
/// ```
/// use auth_headers::write::{Quote, Value};
/// let v = Value::new("a b");            // will be written "a b"
/// let t = Value::new("abc").quoted();   // forced to "abc"
/// assert_eq!(t.quote(), Quote::Always);
/// let e = Value::ext("Jäsøn");          // written as UTF-8''J%C3%A4s%C3%B8n
/// assert!(e.is_ext() && !v.is_ext());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Value<'a> {
    repr: Repr<'a>,
    quote: Quote,
}

impl<'a> Value<'a> {
    /// A value of raw bytes (as `&str`, `&[u8]` …), quoted when needed.
    pub fn new<V: AsRef<[u8]> + ?Sized>(value: &'a V) -> Self {
        Value {
            repr: Repr::Bytes(value.as_ref()),
            quote: Quote::Auto,
        }
    }

    /// A text value, quoted when needed (the `const` form of [`Value::new`]).
    pub const fn text(value: &'a str) -> Self {
        Value {
            repr: Repr::Bytes(value.as_bytes()),
            quote: Quote::Auto,
        }
    }

    /// A parsed value written again: its unescaped bytes, re-escaped
    /// canonically. Nothing is copied.
    pub const fn parsed(value: ParamValue<'a>) -> Self {
        Value {
            repr: Repr::Parsed(value),
            quote: Quote::Auto,
        }
    }

    /// An RFC 8187 ext-value for text that is not ASCII: written as
    /// `name*=UTF-8''` followed by the percent-encoded UTF-8 bytes
    /// (RFC 8187 §3.2.1). The builder appends the `*` to the parameter name
    /// when it is not already there. An ext-value is always written as a
    /// token (RFC 8187 §3.2: it has no quoted form), whatever its [`Quote`].
    pub const fn ext(text: &'a str) -> Self {
        Value {
            repr: Repr::Ext(text),
            quote: Quote::Never,
        }
    }

    /// The same value, always written as a quoted-string.
    pub const fn quoted(self) -> Self {
        self.with_quote(Quote::Always)
    }

    /// The same value, always written as a token (refused if it is not one).
    pub const fn unquoted(self) -> Self {
        self.with_quote(Quote::Never)
    }

    /// The same value with the quoting choice `quote`.
    pub const fn with_quote(self, quote: Quote) -> Self {
        Value { quote, ..self }
    }

    /// How the value is to be written.
    pub const fn quote(&self) -> Quote {
        self.quote
    }

    /// Whether this is an RFC 8187 ext-value (its name gets a `*`).
    pub const fn is_ext(&self) -> bool {
        matches!(self.repr, Repr::Ext(_))
    }

    /// Checks the value: no control byte but HTAB; a token when
    /// [`Quote::Never`]; UTF-8 when it goes to a text writer (`text`).
    /// The error carries the offset within the unescaped value.
    pub(crate) fn check(&self, text: bool) -> Result<(), (usize, ErrorKind)> {
        match self.repr {
            Repr::Ext(_) => Ok(()),
            Repr::Bytes(b) => {
                check_bytes(b.iter().copied(), self.quote)?;
                if text {
                    if let Err(e) = core::str::from_utf8(b) {
                        let at = e.valid_up_to();
                        return Err((at, ErrorKind::NotUtf8(b[at])));
                    }
                }
                Ok(())
            }
            // A parsed value that is not UTF-8 is written with U+FFFD to a
            // text writer: still a valid value, documented on `Display`.
            Repr::Parsed(v) => check_bytes(v.bytes(), self.quote),
        }
    }

    /// Checks the value of a `name*` parameter: an RFC 8187 ext-value
    /// (RFC 8187 §3.2.1), either made by [`Value::ext`] or given as bytes
    /// (or a parsed value) that already are one. An ext-value has no quoted
    /// form, so `title*="a b"` is never written (issue 16). The error
    /// carries the offset within the value.
    pub(crate) fn check_ext(&self) -> Result<(), (usize, ErrorKind)> {
        let checked = match self.repr {
            Repr::Ext(_) => return Ok(()),
            Repr::Bytes(b) => ext_value::ExtValue::parse_bytes(b),
            Repr::Parsed(v) => ext_value::ExtValue::parse(v),
        };
        checked.map(|_| ()).map_err(|e| (e.offset(), e.kind()))
    }

    /// Whether the value can be written as a token.
    pub(crate) fn is_token(&self) -> bool {
        match self.repr {
            Repr::Bytes(b) => is_token(b),
            Repr::Parsed(v) if !v.has_escapes() || !v.is_quoted() => is_token(v.raw()),
            Repr::Parsed(v) => !v.is_empty() && v.bytes().all(is_tchar),
            Repr::Ext(_) => true,
        }
    }

    /// Writes the value, as a quoted-string when `quoted`. The value must
    /// have passed [`Value::check`]. Output is split only at ASCII bytes.
    pub(crate) fn emit<S: Sink + ?Sized>(&self, s: &mut S, quoted: bool) -> Result<(), Stop> {
        match self.repr {
            Repr::Ext(text) => ext_value::encode_utf8(text, |b| s.put(b)),
            Repr::Bytes(b) if !quoted => s.put(b),
            // A value read as a token (or, by a lenient parse, as raw bytes)
            // has no escapes: its bytes are the value.
            Repr::Parsed(v) if !v.is_quoted() => Value::new(v.raw()).emit(s, quoted),
            Repr::Bytes(b) => {
                s.put(b"\"")?;
                let mut start = 0;
                for (i, &c) in b.iter().enumerate() {
                    if c == b'"' || c == b'\\' {
                        s.put(&b[start..i])?;
                        s.put(b"\\")?;
                        start = i;
                    }
                }
                s.put(&b[start..])?;
                s.put(b"\"")
            }
            Repr::Parsed(v) => {
                let raw = v.raw();
                if quoted {
                    s.put(b"\"")?;
                }
                if !v.has_escapes() {
                    // A token or a quoted-string without quoted-pairs: no `"`
                    // or `\` inside, so the raw bytes are the canonical ones.
                    s.put(raw)?;
                } else {
                    // Keep `\"` and `\\`; drop the backslash of any other
                    // quoted-pair. Chunks end only at a backslash.
                    let mut start = 0;
                    let mut i = 0;
                    // A lone backslash at the very end (which the parser
                    // never leaves: issue 16) is dropped, as `bytes()` does.
                    while i < raw.len() {
                        if raw[i] == b'\\' {
                            match raw.get(i + 1) {
                                Some(b'"' | b'\\') if quoted => {
                                    s.put(&raw[start..i + 2])?;
                                    start = i + 2;
                                }
                                _ => {
                                    s.put(&raw[start..i])?;
                                    start = i + 1;
                                }
                            }
                            i += 2;
                        } else {
                            i += 1;
                        }
                    }
                    s.put(&raw[start.min(raw.len())..])?;
                }
                if quoted {
                    s.put(b"\"")?;
                }
                Ok(())
            }
        }
    }
}

fn check_bytes(bytes: impl Iterator<Item = u8>, quote: Quote) -> Result<(), (usize, ErrorKind)> {
    let mut len = 0;
    let mut first_non_tchar = None;
    for (i, c) in bytes.enumerate() {
        if is_ctl(c) && c != b'\t' {
            return Err((i, ErrorKind::ControlChar(c)));
        }
        if first_non_tchar.is_none() && !is_tchar(c) {
            first_non_tchar = Some((i, c));
        }
        len = i + 1;
    }
    if quote == Quote::Never {
        if let Some((i, c)) = first_non_tchar {
            // HTAB is the only control byte that gets here.
            let kind = if c == b'\t' {
                ErrorKind::ControlChar(c)
            } else {
                ErrorKind::UnexpectedByte(c)
            };
            return Err((i, kind));
        }
        if len == 0 {
            return Err((0, ErrorKind::EmptyToken));
        }
    }
    Ok(())
}

impl<'a> Value<'a> {
    /// The length `Debug` reports: the bytes of the value before any
    /// quoting or encoding.
    fn debug_len(&self) -> usize {
        match self.repr {
            Repr::Bytes(b) => b.len(),
            Repr::Parsed(v) => v.len(),
            Repr::Ext(t) => t.len(),
        }
    }

    /// `Debug` with the value shown: for a parameter whose name is public
    /// ([`crate::redact`]).
    pub(crate) fn fmt_public(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.repr {
            Repr::Bytes(b) => {
                f.write_str("\"")?;
                write_lossy(b, f)?;
                f.write_str("\"")?;
            }
            Repr::Parsed(v) => v.fmt_public(f)?,
            Repr::Ext(t) => write!(f, "ext({t:?})")?,
        }
        self.fmt_quote(f)
    }

    fn fmt_quote(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.quote != Quote::Auto && !self.is_ext() {
            write!(f, " ({:?})", self.quote)?;
        }
        Ok(())
    }
}

/// Never the value (it has no name to be judged by, [`crate::redact`]):
/// `<redacted, N bytes>`, `ext(<redacted, N bytes>)` for an ext-value, and
/// the quoting choice when it is not [`Quote::Auto`].
impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = crate::redact::Redacted::len(self.debug_len());
        if self.is_ext() {
            write!(f, "ext({r:?})")?;
        } else {
            write!(f, "{r:?}")?;
        }
        self.fmt_quote(f)
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(v: &'a str) -> Self {
        Value::text(v)
    }
}

impl<'a> From<&'a [u8]> for Value<'a> {
    fn from(v: &'a [u8]) -> Self {
        Value::new(v)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Value<'a> {
    fn from(v: &'a [u8; N]) -> Self {
        Value::new(v)
    }
}

#[cfg(feature = "alloc")]
impl<'a> From<&'a alloc::string::String> for Value<'a> {
    fn from(v: &'a alloc::string::String) -> Self {
        Value::text(v)
    }
}

impl<'a> From<ParamValue<'a>> for Value<'a> {
    fn from(v: ParamValue<'a>) -> Self {
        Value::parsed(v)
    }
}
