//! Small owned texts for the client's state (no `alloc`).

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

/// Maps a builder error (a value that cannot go into a header).
pub(crate) fn build(e: crate::write::BuildError) -> DigestError {
    DigestError::new(e.offset(), DigestErrorKind::Syntax(e.kind()))
}
