//! Where in a value: the offset of a sub-slice, and the whitespace rules of
//! a whole field value (RFC 9110 §5.5: a field value has no leading or
//! trailing whitespace; the lenient switch
//! [`allow_surrounding_whitespace`](crate::ParseOptions::allow_surrounding_whitespace)
//! drops it). Shared by every reader of a whole value (challenges,
//! credentials, auth-info) and by the lenient edge; the error for a byte
//! that stands where the grammar refuses it is `syntax::byte_error`.

use crate::chars::is_ows;
use crate::error::{Error, ErrorKind};
use crate::mode::{DeviationKind, Flags, Mode};
use crate::syntax::ows;

/// Offset of `part` (a slice of `full`) within `full`.
#[inline]
pub(crate) fn offset_of(full: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize).wrapping_sub(full.as_ptr() as usize)
}

/// Lenient ([`Flags::SURROUNDING_WHITESPACE`]): drops the whitespace that
/// strict parsing would refuse at either end of the value. Returns the value
/// cut before its trailing whitespace (offsets within it are offsets within
/// the value) and the suffix of that after the leading whitespace. Strict:
/// `(value, value)`.
#[inline]
pub(crate) fn trim<'a, M: Mode>(value: &'a [u8], m: &mut M) -> (&'a [u8], &'a [u8]) {
    if !m.allows(Flags::SURROUNDING_WHITESPACE) {
        return (value, value);
    }
    let tail = value.iter().rev().take_while(|&&b| is_ows(b)).count();
    let mut end = value.len() - tail;
    if tail > 0 && value[..end].last() != Some(&b',') {
        m.note(&value[end..], DeviationKind::TrailingWhitespace);
    } else {
        end = value.len();
    }
    let full = &value[..end];
    let first = ows(full);
    if first.len() < full.len() && first.first() != Some(&b',') {
        m.note(full, DeviationKind::LeadingWhitespace);
        return (full, first);
    }
    (full, full)
}

/// Refuses leading whitespace that is not `OWS` before a comma of the list
/// rule (RFC 9110 §5.5: a field value has none).
pub(crate) fn check_leading(full: &[u8]) -> Result<(), Error> {
    let r = ows(full);
    if r.len() < full.len() && r.first() != Some(&b',') {
        return Err(Error::new(0, ErrorKind::LeadingWhitespace));
    }
    Ok(())
}

/// After the last element: `rest` is what followed it and `after` the end
/// reached by skipping separators. Whitespace not followed by a comma is
/// trailing whitespace.
pub(crate) fn trailing(full: &[u8], rest: &[u8], after: &[u8]) -> Result<(), Error> {
    debug_assert!(after.is_empty());
    let tail = &rest[..rest.len() - after.len()];
    if !tail.is_empty() && !tail.contains(&b',') {
        return Err(Error::new(
            full.len() - rest.len(),
            ErrorKind::TrailingWhitespace,
        ));
    }
    Ok(())
}
