//! Credentials: the value of `Authorization` and `Proxy-Authorization`.
//!
//! ```text
//! Authorization       = credentials                              ; RFC 9110 §11.6.2
//! Proxy-Authorization = credentials                              ; RFC 9110 §11.7.2
//! credentials         = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//! ```
//!
//! Unlike challenges, credentials are one element, not a list: a second
//! auth-scheme after a comma is an error.

use core::fmt;

use crate::challenge::split_body;
use crate::error::{Error, ErrorKind};
use crate::mode::{DeviationKind, Flags};
use crate::params::Params;
use crate::quoted::ParamValue;
use crate::span::{offset_of, trailing, trim};
use crate::syntax::{self, separators, Body, Mode, Strict};

/// The credentials of one `Authorization` or `Proxy-Authorization` value.
///
/// `Debug` shows the scheme and parameter names but never a token68, and a
/// parameter's value only when its name is public (`realm`, `algorithm`,
/// `qop` …; see [`crate::redact`]), so credentials do not end up in logs.
/// After a token68 scheme (Basic, Bearer …) a name that is not public is
/// hidden too, here and in [`Credentials::params`] printed on its own.
/// `Display` writes the canonical value, secrets included (the wire form).
///
/// `PartialEq` compares parse results (which bytes were read, and how): it
/// is a variable-time comparison, not a way to check a secret. The typed
/// views of [`schemes`](crate::schemes), which a server checks, have no
/// `PartialEq`; compare secrets with `server::secret_eq` or
/// `server::BasicUsers` (feature `basic-verify`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Credentials<'a> {
    scheme: &'a str,
    token68: Option<&'a str>,
    params: Params<'a>,
    offset: usize,
}

impl<'a> Credentials<'a> {
    /// Byte offset of the scheme within the parsed value: 0, except after
    /// leading whitespace that a lenient parse dropped
    /// ([`crate::ParseOptions::allow_surrounding_whitespace`]).
    ///
    /// ```
    /// let p = auth_headers::ParseOptions::lenient().parse_credentials("  Basic QQ==").unwrap();
    /// assert_eq!(p.value.offset(), 2);
    /// ```
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The auth-scheme as written (compare with [`Credentials::is_scheme`]).
    pub const fn scheme(&self) -> &'a str {
        self.scheme
    }

    /// Whether the auth-scheme is `scheme`, ASCII case ignored.
    ///
    /// ```
    /// let c = auth_headers::parse_credentials("bearer abc").unwrap();
    /// assert!(c.is_scheme("Bearer"));
    /// ```
    pub fn is_scheme(&self, scheme: &str) -> bool {
        crate::chars::eq_ignore_case(self.scheme.as_bytes(), scheme.as_bytes())
    }

    /// The token68 (`Basic`, `Bearer`, `Negotiate` …).
    pub const fn token68(&self) -> Option<&'a str> {
        self.token68
    }

    /// The parameters (`Digest` …); empty for token68 credentials.
    ///
    /// After a scheme whose credentials are a token68
    /// ([`TOKEN68_CREDENTIALS`](crate::schemes::TOKEN68_CREDENTIALS)), the
    /// list's `Debug` (and its iterator's and its parameters') hides a name
    /// that is not public: there it is a token68 cut at its `=` padding
    /// ([`crate::redact`]).
    ///
    /// ```
    /// let c = auth_headers::parse_credentials("Basic dXNlcjpwYXNzMQ= junk").unwrap();
    /// assert_eq!(format!("{:?}", c.params()), "[<redacted>=<redacted, 4 bytes>]");
    /// ```
    pub const fn params(&self) -> Params<'a> {
        self.params
    }

    /// The value of the parameter `name` (ASCII case ignored); the first one
    /// if the name is repeated (see [`Params::check_unique`]).
    pub fn param(&self, name: &str) -> Option<ParamValue<'a>> {
        self.params.get(name)
    }
}

impl fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Credentials");
        // `BearereyJ…`: the scheme's name, not the token glued to it.
        match self
            .scheme
            .get(..crate::redact::scheme_shown_len(self.scheme.as_bytes()))
        {
            Some(shown) if shown.len() < self.scheme.len() => d.field(
                "scheme",
                &format_args!("{shown:?}{:?}", crate::redact::Redacted::HIDDEN),
            ),
            _ => d.field("scheme", &self.scheme),
        };
        if self.token68.is_some() {
            d.field("token68", &crate::redact::Redacted::HIDDEN);
        }
        // After a token68 scheme the params hide their names that are not
        // public themselves (see `credentials_general`).
        d.field("params", &self.params).finish()
    }
}

/// Parses an `Authorization` or `Proxy-Authorization` value.
///
/// ```
/// // RFC 7617 §2
/// let c = auth_headers::parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
/// assert_eq!(c.token68(), Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
///
/// let err = auth_headers::parse_credentials("Bearer: abc").unwrap_err();
/// assert_eq!(err.offset(), 6);
/// ```
pub fn parse_credentials<V: AsRef<[u8]> + ?Sized>(value: &V) -> Result<Credentials<'_>, Error> {
    credentials_with(value.as_ref(), &mut Strict)
}

/// [`parse_credentials`] in mode `m`, which notes the relaxations it uses.
pub(crate) fn credentials_with<'a, M: Mode>(
    value: &'a [u8],
    m: &mut M,
) -> Result<Credentials<'a>, Error> {
    if m.flags() == Flags::EMPTY {
        if let Some(c) = token68_credentials(value) {
            return Ok(c);
        }
    }
    credentials_general(value, m)
}

/// The general reader of [`credentials_with`], for every mode and input.
fn credentials_general<'a, M: Mode>(value: &'a [u8], m: &mut M) -> Result<Credentials<'a>, Error> {
    let (full, mut first) = trim(value, m);
    if first.is_empty() {
        return Err(Error::new(full.len() - first.len(), ErrorKind::Empty));
    }
    // Credentials are one element, not a list: no `OWS ","` may open them,
    // so any leading whitespace is the fault (RFC 9110 §5.5), HTAB included
    // (issue 16: `\t,Basic` was reported as a forbidden control byte).
    // The lenient trim keeps whitespace before a comma for the list rule;
    // here it is dropped, and the comma is what is left to refuse.
    let after = syntax::ows(first);
    if after.len() < first.len() {
        if !m.allows(Flags::SURROUNDING_WHITESPACE) {
            return Err(Error::new(
                full.len() - first.len(),
                ErrorKind::LeadingWhitespace,
            ));
        }
        m.note(first, DeviationKind::LeadingWhitespace);
        first = after;
    }
    let (rest, (scheme, body)) =
        syntax::scheme_and_body(first, m).map_err(|f| f.into_error(full))?;
    let (after, comma) = separators(rest, m);
    if after.is_empty() {
        trailing(full, rest, after)?;
        // `Basic ,` is the scheme with an empty `#auth-param` list; `Basic,`
        // lacks the `1*SP` and `Basic abc,` puts a comma after a token68.
        let empty_list = matches!(body, Body::Empty) && first.get(scheme.len()) == Some(&b' ');
        if comma && !matches!(body, Body::Params(_)) && !empty_list && m.allows(Flags::STRAY_COMMAS)
        {
            let at = rest.iter().position(|&b| b == b',').unwrap_or(0);
            m.note(&rest[at..], DeviationKind::StrayComma);
        } else if comma && !matches!(body, Body::Params(_)) && !empty_list {
            // Only a parameter list may have commas.
            let at = rest.iter().position(|&b| b == b',').unwrap_or(0);
            return Err(Error::new(
                offset_of(full, rest) + at,
                ErrorKind::UnexpectedByte(b','),
            ));
        }
    } else {
        let at = full.len() - after.len();
        let kind = match body {
            Body::Token68(_) => ErrorKind::Token68NotAlone,
            // `Bearer, error="x"`: the comma ended the scheme's body.
            Body::Empty if syntax::param_start(after).is_some() => ErrorKind::ParamWithoutScheme,
            _ => match syntax::token(after) {
                Some((r, _)) if r.is_empty() || r[0] == b',' => {
                    return Err(syntax::missing_equals(after).into_error(full))
                }
                Some(_) => ErrorKind::MultipleCredentials,
                None => match syntax::byte_error(after[0]) {
                    ErrorKind::ControlChar(c) => ErrorKind::ControlChar(c),
                    _ => ErrorKind::ExpectedScheme,
                },
            },
        };
        return Err(Error::new(at, kind));
    }
    let flags = m.flags();
    let (token68, mut params) = split_body(body, full, flags);
    if flags.repeats() {
        params.note_repeats(full, m);
    }
    // `Basic dXNlcjpwYXNzMQ= junk` is the parameter `dXNlcjpwYXNzMQ`
    // (RFC 9110 §11.2): after a token68 scheme, `Debug` hides such a name
    // wherever the list goes ([`crate::redact`]).
    if !params.is_empty() && crate::redact::hides_names_after(scheme.as_bytes()) {
        params = params.hide_names();
    }
    Ok(Credentials {
        scheme,
        token68,
        params,
        offset: full.len() - first.len(),
    })
}

/// The strict fast path of [`credentials_with`] for the shape of every
/// request with `Basic` or `Bearer`: `auth-scheme 1*SP token68` and the end
/// of the value. The same answer as the general reader whenever it answers
/// (text that is all token68 characters and padding is never a parameter
/// list); `None` for anything else.
#[inline]
fn token68_credentials(value: &[u8]) -> Option<Credentials<'_>> {
    let (scheme, body) = syntax::scheme_spaces(value)?;
    // `name=value` (an `=` followed by something other than more padding)
    // is a parameter list: leave it to the general reader before scanning.
    let param = crate::chars::equals_in_16(body)
        .is_some_and(|at| body.get(at + 1).is_some_and(|&b| b != b'='));
    if param {
        return None;
    }
    Some(Credentials {
        scheme,
        token68: Some(crate::chars::whole_token68(body)?),
        params: Params::default(),
        offset: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of up to seven bytes over the bytes that matter, after a
    /// scheme and a space: whenever the `scheme SP token68` fast path
    /// answers, the general reader gives the same credentials.
    #[test]
    fn token68_fast_path_agrees_with_the_general_reader() {
        let mut answered = 0;
        crate::testing::each_short(b"a= ,\"/", 7, b"X ", |v| {
            if let Some(fast) = token68_credentials(v) {
                answered += 1;
                assert_eq!(Ok(fast), credentials_general(v, &mut Strict), "{v:?}");
            }
        });
        assert!(answered > 100, "{answered}");
    }
}
