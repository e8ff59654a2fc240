//! Small owned texts for the client's state (no `alloc`), and the writing of
//! Digest parameters with RFC 7616's quoting.

use core::fmt;

use super::{DigestError, DigestErrorKind};
use crate::quoted::ParamValue;

/// At most `N` bytes of UTF-8 text, copied out of a header value (unescaped).
#[derive(Clone, Copy)]
pub(crate) struct Text<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Text<N> {
    pub(crate) fn from_value(v: ParamValue<'_>, name: &'static str) -> Result<Self, DigestError> {
        let mut t = Text {
            buf: [0; N],
            len: 0,
        };
        for b in v.bytes() {
            *t.buf
                .get_mut(t.len)
                .ok_or(DigestError::new(0, DigestErrorKind::TooLong(name)))? = b;
            t.len += 1;
        }
        if core::str::from_utf8(t.as_bytes()).is_err() {
            return Err(DigestError::new(
                0,
                DigestErrorKind::Invalid(name, "not UTF-8 text"),
            ));
        }
        Ok(t)
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    pub(crate) fn as_str(&self) -> &str {
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    pub(crate) fn value(&self) -> ParamValue<'_> {
        ParamValue::token(self.as_bytes())
    }
}

/// Writes the parameters of one challenge, credentials or auth-info list:
/// `, ` between them.
pub(crate) struct Params<'w, W: fmt::Write + ?Sized> {
    w: &'w mut W,
    first: bool,
}

impl<'w, W: fmt::Write + ?Sized> Params<'w, W> {
    /// Starts after `prefix` (`"Digest "`, or `""` for auth-info).
    pub(crate) fn new(w: &'w mut W, prefix: &str) -> Result<Self, DigestError> {
        w.write_str(prefix).map_err(failed)?;
        Ok(Params { w, first: true })
    }

    fn name(&mut self, name: &str) -> Result<(), DigestError> {
        if !self.first {
            self.w.write_str(", ").map_err(failed)?;
        }
        self.first = false;
        self.w.write_str(name).map_err(failed)?;
        self.w.write_char('=').map_err(failed)
    }

    /// `name=token`, for values that are tokens by construction (`nc`,
    /// `algorithm`, `qop` in credentials, `stale`, `userhash`, ext-values).
    pub(crate) fn token(&mut self, name: &str, value: &str) -> Result<(), DigestError> {
        debug_assert!(crate::chars::is_token(value.as_bytes()));
        self.name(name)?;
        self.w.write_str(value).map_err(failed)
    }

    /// `name="value"`, with `"` and `\` escaped; a control byte (other than
    /// HTAB) is refused.
    pub(crate) fn quoted(&mut self, name: &'static str, value: &str) -> Result<(), DigestError> {
        if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
            return Err(DigestError::new(0, DigestErrorKind::NotWritable(name)));
        }
        self.name(name)?;
        self.w.write_char('"').map_err(failed)?;
        let mut rest = value;
        while let Some(i) = rest.find(['"', '\\']) {
            self.w.write_str(&rest[..i]).map_err(failed)?;
            self.w.write_char('\\').map_err(failed)?;
            self.w.write_str(&rest[i..i + 1]).map_err(failed)?;
            rest = &rest[i + 1..];
        }
        self.w.write_str(rest).map_err(failed)?;
        self.w.write_char('"').map_err(failed)
    }

    /// `name=value` with `value` percent-encoded as an RFC 8187 ext-value
    /// (`UTF-8''...`).
    pub(crate) fn ext_value(&mut self, name: &str, value: &str) -> Result<(), DigestError> {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.name(name)?;
        self.w.write_str("UTF-8''").map_err(failed)?;
        for b in value.bytes() {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                self.w.write_char(b as char).map_err(failed)?;
            } else {
                let enc = [b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]];
                self.w
                    .write_str(core::str::from_utf8(&enc).unwrap_or_default())
                    .map_err(failed)?;
            }
        }
        Ok(())
    }
}

pub(crate) fn failed(_: fmt::Error) -> DigestError {
    DigestError::new(0, DigestErrorKind::WriteFailed)
}
