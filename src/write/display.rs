//! `Display` of parsed values: the canonical form, which parses back to the
//! same value (scheme, token68, parameter names and unescaped values).
//!
//! Parsed values were checked by the parser, so writing them cannot be
//! refused. The one loss: `Display` writes text, so bytes of a quoted-string
//! that are not UTF-8 (obs-text, RFC 9110 §5.6.4) come out as U+FFFD.

use core::fmt;

use super::sink::{Count, Sink, Slice, Stop, Text};
use super::{emit_item, emit_params, BuildError, BuildParam, Context, Part, Value};
use crate::challenge::{Challenge, ChallengeList};
use crate::credentials::Credentials;
use crate::error::ErrorKind;
use crate::params::{Param, Params};
use crate::quoted::ParamValue;

fn as_build(p: Param<'_>) -> BuildParam<'_> {
    BuildParam::new(p.name(), Value::parsed(p.value()))
}

fn text<F>(f: &mut fmt::Formatter<'_>, emit: F) -> fmt::Result
where
    F: FnOnce(&mut dyn Sink) -> Result<(), Stop>,
{
    let mut t = Text::new(f);
    emit(&mut t).map_err(|Stop| fmt::Error)?;
    t.finish().map_err(|Stop| fmt::Error)
}

impl Challenge<'_> {
    fn emit_to(&self, s: &mut dyn Sink) -> Result<(), Stop> {
        emit_item(
            s,
            self.scheme(),
            self.token68(),
            self.params().iter().map(as_build).peekable(),
            Context::Challenge,
        )
    }
}

impl ChallengeList<'_> {
    fn emit_to(&self, s: &mut dyn Sink) -> Result<(), Stop> {
        for (i, c) in self.iter().enumerate() {
            if i > 0 {
                s.put(b", ")?;
            }
            c.emit_to(s)?;
        }
        Ok(())
    }
}

impl Credentials<'_> {
    fn emit_to(&self, s: &mut dyn Sink) -> Result<(), Stop> {
        emit_item(
            s,
            self.scheme(),
            self.token68(),
            self.params().iter().map(as_build).peekable(),
            Context::Credentials,
        )
    }
}

impl Params<'_> {
    fn emit_to(&self, s: &mut dyn Sink) -> Result<(), Stop> {
        emit_params(s, "", Context::AuthInfo, self.iter().map(as_build))
    }
}

/// Byte-exact canonical output for the parsed types: `Display` writes text,
/// these keep obs-text bytes as they are.
macro_rules! canonical_bytes {
    ($($t:ident),*) => {$(
        impl $t<'_> {
            /// The length of the canonical form in bytes.
            pub fn canonical_len(&self) -> usize {
                let mut n = Count(0);
                let _ = self.emit_to(&mut n);
                n.0
            }

            /// Writes the canonical form, byte for byte (obs-text kept, where
            /// `Display` writes U+FFFD), into `buf`; returns its length. A
            /// buffer too small is left untouched
            /// ([`ErrorKind::BufferTooSmall`](crate::ErrorKind::BufferTooSmall),
            /// offset = length needed).
            pub fn write_canonical(&self, buf: &mut [u8]) -> Result<usize, BuildError> {
                let need = self.canonical_len();
                if need > buf.len() {
                    return Err(BuildError::new(ErrorKind::BufferTooSmall, Part::Output, need));
                }
                let mut s = Slice { buf, pos: 0 };
                let _ = self.emit_to(&mut s);
                Ok(s.pos)
            }

            /// The canonical form as bytes (obs-text kept).
            #[cfg(feature = "alloc")]
            pub fn to_canonical_vec(&self) -> alloc::vec::Vec<u8> {
                let mut v = alloc::vec::Vec::with_capacity(self.canonical_len());
                let _ = self.emit_to(&mut v);
                v
            }
        }
    )*};
}

canonical_bytes!(Challenge, ChallengeList, Credentials, Params);

/// The canonical form: `Scheme token68` or `Scheme name=value, …`, values
/// quoted as the scheme's rules say ([`crate::write`]).
///
/// ```
/// let list = auth_headers::parse_challenges(r#"digest  realm=x,nonce="a\b", , Basic"#).unwrap();
/// assert_eq!(list.to_string(), r#"digest realm="x", nonce="ab", Basic"#);
/// ```
impl fmt::Display for Challenge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text(f, |s| self.emit_to(s))
    }
}

/// The challenges in canonical form, joined with `, `.
impl fmt::Display for ChallengeList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text(f, |s| self.emit_to(s))
    }
}

/// The canonical form, **with the real token68 and values**: this is what
/// is sent in `Authorization`. (`Debug` redacts them; log with `Debug`.)
///
/// ```
/// let c = auth_headers::parse_credentials("bearer  abc.def").unwrap();
/// assert_eq!(c.to_string(), "bearer abc.def");
/// assert!(!format!("{c:?}").contains("abc"));
/// ```
impl fmt::Display for Credentials<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text(f, |s| self.emit_to(s))
    }
}

/// `name=value, name=value` with the generic rules (as for
/// `Authentication-Info`): tokens where possible, quoted-strings otherwise.
///
/// ```
/// let p = auth_headers::parse_auth_info(r#"nextnonce="abc" ,, qop=auth"#).unwrap();
/// assert_eq!(p.to_string(), "nextnonce=abc, qop=auth");
/// ```
impl fmt::Display for Params<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text(f, |s| self.emit_to(s))
    }
}

/// `name=value` with the generic rules.
impl fmt::Display for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text(f, |s| {
            emit_params(s, "", Context::AuthInfo, core::iter::once(as_build(*self)))
        })
    }
}

impl<'a> ParamValue<'a> {
    /// The value in canonical form (a token, or a quoted-string with only
    /// `"` and `\` escaped), for writing it again; `Display` of the value
    /// itself gives the unescaped text.
    ///
    /// ```
    /// let c = auth_headers::parse_credentials(r#"X a="tok", b="q\"\x""#).unwrap();
    /// assert_eq!(c.param("a").unwrap().canonical().to_string(), "tok");
    /// assert_eq!(c.param("b").unwrap().canonical().to_string(), r#""q\"x""#);
    /// assert_eq!(c.param("b").unwrap().to_string(), r#"q"x"#);
    /// ```
    pub const fn canonical(self) -> CanonicalValue<'a> {
        CanonicalValue(self)
    }
}

/// A [`ParamValue`] written as a token or a canonical quoted-string
/// ([`ParamValue::canonical`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CanonicalValue<'a>(ParamValue<'a>);

impl fmt::Display for CanonicalValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = Value::parsed(self.0);
        text(f, |s| v.emit(s, !v.is_token()))
    }
}
