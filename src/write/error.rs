//! The builders' error: what was refused, in which part of the value, at
//! which byte.

use core::fmt;

use crate::error::ErrorKind;

/// The part of a value a [`BuildError`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The auth-scheme.
    Scheme,
    /// The token68.
    Token68,
    /// The name of the parameter at this index (counted from 0).
    Name(usize),
    /// The value of the parameter at this index (counted from 0).
    Value(usize),
    /// The challenge list as a whole (it is empty).
    List,
    /// The output: the buffer is too small, or the writer failed.
    Output,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Scheme => f.write_str("auth-scheme"),
            Part::Token68 => f.write_str("token68"),
            Part::Name(i) => write!(f, "name of parameter {i}"),
            Part::Value(i) => write!(f, "value of parameter {i}"),
            Part::List => f.write_str("challenge list"),
            Part::Output => f.write_str("output"),
        }
    }
}

/// Why a builder wrote nothing: the [`ErrorKind`] (which carries the
/// offending byte where there is one), the [`Part`] of the value, the index
/// of the challenge in a list, and the byte offset within that part (within
/// the unescaped value for a parameter value). For
/// [`ErrorKind::BufferTooSmall`] the offset is the number of bytes needed.
///
/// ```
/// # #[cfg(feature = "alloc")] {
/// use auth_headers::write::{ChallengeBuilder, Part};
/// use auth_headers::ErrorKind;
/// let err = ChallengeBuilder::new("Bearer")
///     .param("realm", "api\r\nSet-Cookie: x=1")
///     .to_string()
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::ControlChar(b'\r'));
/// assert_eq!((err.part(), err.offset()), (Part::Value(0), 3));
/// assert_eq!(err.byte(), Some(b'\r'));
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BuildError {
    kind: ErrorKind,
    part: Part,
    challenge: usize,
    offset: usize,
}

impl BuildError {
    pub(crate) const fn new(kind: ErrorKind, part: Part, offset: usize) -> Self {
        BuildError {
            kind,
            part,
            challenge: 0,
            offset,
        }
    }

    pub(crate) const fn in_challenge(self, challenge: usize) -> Self {
        BuildError { challenge, ..self }
    }

    /// What is wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Which part of the value.
    pub const fn part(&self) -> Part {
        self.part
    }

    /// The index of the challenge in a list (0 for a single value).
    pub const fn challenge(&self) -> usize {
        self.challenge
    }

    /// Byte offset within the part (bytes needed for
    /// [`ErrorKind::BufferTooSmall`]).
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The offending byte, when the error is about one.
    pub const fn byte(&self) -> Option<u8> {
        match self.kind {
            ErrorKind::ControlChar(b) | ErrorKind::UnexpectedByte(b) | ErrorKind::NotUtf8(b) => {
                Some(b)
            }
            _ => None,
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.challenge != 0 {
            write!(f, "challenge {}, ", self.challenge)?;
        }
        match self.kind {
            ErrorKind::BufferTooSmall => {
                write!(
                    f,
                    "{}: {} bytes needed: {}",
                    self.part, self.offset, self.kind
                )
            }
            _ => write!(f, "{}, at byte {}: {}", self.part, self.offset, self.kind),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for BuildError {}
