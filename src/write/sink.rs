//! Where written bytes go: a text writer, a caller's byte buffer, a count,
//! or (under `alloc`) a `Vec<u8>`.
//!
//! Every builder first checks the whole value and only then emits it, so a
//! sink only ever receives a complete, valid value; the one way output can
//! stop half way is a [`core::fmt::Write`] that fails by itself.

use core::fmt;

use crate::quoted::write_lossy;

/// The target refused more output.
#[derive(Clone, Copy, Debug)]
pub struct Stop;

/// A destination for the bytes of a header value. Sealed: implemented only
/// inside this crate.
pub trait Sink {
    /// Appends `bytes`. Callers split their output only at ASCII bytes, so a
    /// UTF-8 sequence never straddles two calls.
    fn put(&mut self, bytes: &[u8]) -> Result<(), Stop>;
}

/// A [`fmt::Write`] target. Bytes that are not UTF-8 (possible only in
/// re-emitted parsed values; builders refuse them up front) become U+FFFD.
pub(crate) struct Text<'w, W: ?Sized>(pub(crate) &'w mut W);

impl<W: fmt::Write + ?Sized> Sink for Text<'_, W> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        write_lossy(bytes, self.0).map_err(|_| Stop)
    }
}

/// Counts the bytes without storing them.
pub(crate) struct Count(pub(crate) usize);

impl Sink for Count {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        self.0 += bytes.len();
        Ok(())
    }
}

/// A caller's byte buffer, known (by a [`Count`] pass) to be large enough.
pub(crate) struct Slice<'b> {
    pub(crate) buf: &'b mut [u8],
    pub(crate) pos: usize,
}

impl Sink for Slice<'_> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        let end = self.pos + bytes.len();
        let dst = self.buf.get_mut(self.pos..end).ok_or(Stop)?;
        dst.copy_from_slice(bytes);
        self.pos = end;
        Ok(())
    }
}

#[cfg(feature = "alloc")]
impl Sink for alloc::vec::Vec<u8> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        self.extend_from_slice(bytes);
        Ok(())
    }
}
