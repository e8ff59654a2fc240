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
    /// Appends `bytes`. A UTF-8 sequence may straddle two calls (see
    /// [`Text`]).
    fn put(&mut self, bytes: &[u8]) -> Result<(), Stop>;
}

/// A [`fmt::Write`] target. Bytes that are not UTF-8 (possible only in
/// re-emitted parsed values; builders refuse them up front) become U+FFFD,
/// as `String::from_utf8_lossy` would make them of the whole output.
///
/// A UTF-8 sequence may straddle two [`Sink::put`] calls when a parsed
/// value drops the backslash of a quoted-pair inside it (`\xdf\\\x83`
/// unescapes to the one character U+07C3): the open end of a call is held
/// back until the next call completes it, and [`Text::finish`] replaces
/// what is still open at the end.
pub(crate) struct Text<'w, W: ?Sized> {
    w: &'w mut W,
    pending: [u8; 3],
    n: usize,
}

impl<'w, W: fmt::Write + ?Sized> Text<'w, W> {
    /// A sink writing to `w`.
    pub(crate) fn new(w: &'w mut W) -> Self {
        Text {
            w,
            pending: [0; 3],
            n: 0,
        }
    }

    /// Ends the output: a sequence still open becomes U+FFFD.
    pub(crate) fn finish(self) -> Result<(), Stop> {
        if self.n > 0 {
            self.w
                .write_char(char::REPLACEMENT_CHARACTER)
                .map_err(|_| Stop)?;
        }
        Ok(())
    }
}

impl<W: fmt::Write + ?Sized> Sink for Text<'_, W> {
    fn put(&mut self, mut bytes: &[u8]) -> Result<(), Stop> {
        // First complete (or give up on) a sequence the last call left open.
        while self.n > 0 {
            let Some((&b, rest)) = bytes.split_first() else {
                return Ok(());
            };
            let mut tmp = [0u8; 4];
            tmp[..self.n].copy_from_slice(&self.pending[..self.n]);
            tmp[self.n] = b;
            match core::str::from_utf8(&tmp[..=self.n]) {
                Ok(c) => {
                    self.w.write_str(c).map_err(|_| Stop)?;
                    self.n = 0;
                    bytes = rest;
                }
                Err(e) if e.error_len().is_none() && self.n < 3 => {
                    self.pending[self.n] = b;
                    self.n += 1;
                    bytes = rest;
                }
                Err(_) => {
                    // The open sequence is broken: one U+FFFD for it, and
                    // `b` is read again below as the start of what follows.
                    self.w
                        .write_char(char::REPLACEMENT_CHARACTER)
                        .map_err(|_| Stop)?;
                    self.n = 0;
                }
            }
        }
        loop {
            match core::str::from_utf8(bytes) {
                Ok(text) => return self.w.write_str(text).map_err(|_| Stop),
                Err(e) => {
                    let (valid, rest) = bytes.split_at(e.valid_up_to());
                    // `valid` is UTF-8 up to `valid_up_to`, as checked.
                    write_lossy(valid, self.w).map_err(|_| Stop)?;
                    match e.error_len() {
                        None => {
                            // An open sequence at the end (at most 3 bytes).
                            self.pending[..rest.len()].copy_from_slice(rest);
                            self.n = rest.len();
                            return Ok(());
                        }
                        Some(k) => {
                            self.w
                                .write_char(char::REPLACEMENT_CHARACTER)
                                .map_err(|_| Stop)?;
                            bytes = &rest[k..];
                        }
                    }
                }
            }
        }
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
