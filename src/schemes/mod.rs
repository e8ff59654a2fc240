//! Typed views of the authentication schemes people use, over the generic
//! [`Challenge`] and [`Credentials`](crate::Credentials).
//!
//! The generic parser knows the grammar of RFC 9110 §11; the modules here
//! know what each scheme's parameters mean. They add meaning, never a second
//! parser: every view borrows from a value the generic parser has checked,
//! and allocates nothing.
//!
//! | Scheme | Module | RFC |
//! |---|---|---|
//! | `Basic` | [`basic`] | RFC 7617 |
//! | `Bearer` | [`bearer`] | RFC 6750, RFC 9728 §5.1 (`resource_metadata`), RFC 9470 (`acr_values`, `max_age`) |
//! | `DPoP` | [`dpop`] | RFC 9449 |
//! | `Digest` | [`digest`] (hashing, client and server: feature `digest`) | RFC 7616 |
//! | `Negotiate`, `NTLM` | [`token68`] | RFC 4559, MS-NTHT |
//! | `HOBA` | [`hoba`] | RFC 7486 |
//! | `Mutual` | [`mutual`] | RFC 8120 |
//! | `SCRAM-SHA-1`, `SCRAM-SHA-256` | [`scram`] | RFC 7804 |
//! | `vapid` | [`vapid`] | RFC 8292 |
//! | `Hawk` | [`hawk`] | the Hawk specification (hueniverse/hawk) |
//! | `AWS4-HMAC-SHA256` | [`aws4`] | AWS Signature Version 4 |
//!
//! An unknown scheme is never an error: it keeps its generic view, and each
//! typed constructor simply returns `None` for a challenge of another scheme.
//!
//! The decisions built on these views live one layer up: [`crate::client`]
//! reads the challenges of a 401/403 and says what to do next, and
//! [`crate::server`] turns an authentication outcome into the status code
//! and the exact `WWW-Authenticate` value to send.
//!
//! # One shape
//!
//! - **Typed views.** Each challenge view has `new` (the view of a
//!   [`Challenge`], `None` for another scheme), `find` (the first challenge
//!   of a list it takes), `challenge()` (the generic challenge underneath),
//!   its accessors, and `validate()` for the scheme's own rules. Credentials
//!   views are parsed with the scheme module's `parse_credentials` (or
//!   `DigestCredentials::parse`) or taken from parsed credentials.
//! - **Errors.** Reading a value fails with the crate's [`Error`]: a byte
//!   offset and an [`ErrorKind`], for the grammar and for the views of
//!   every scheme, Digest included. A parameter the scheme requires and
//!   the value lacks is [`ErrorKind::MissingParam`] at the auth-scheme; a
//!   value that breaks the scheme's rule is [`ErrorKind::InvalidValue`]
//!   (the rule in words) or [`ErrorKind::ForbiddenByScheme`] (the byte),
//!   at the value. Only what a protocol computes beyond reading has its own
//!   error, `digest::DigestError` for the Digest client and server, which
//!   carries a reading error as `DigestErrorKind::Syntax`.
//! - **Decisions.** A server-side decision names what was found about the
//!   request, as a noun or participle ([`crate::server::Outcome`]:
//!   `Malformed`, `InvalidCredentials`; `digest::Rejection`: `Malformed`,
//!   `StaleNonce`), and the status code comes with it (`Rejection::status`,
//!   [`crate::server::Reply::status`]). A client-side decision names the
//!   next step as a verb ([`crate::client::Action`]: `RefreshToken`,
//!   `StepUp`; `digest::ChallengeOutcome`: `Authenticate`, `RetryStale`).
//!   All four are `Copy`, compare and hash.
//!
//! A scheme's wire rules (which parameters are quoted, which required) are
//! tables each scheme module re-exports as `rules`, read by the writer, the
//! views and the linter alike.

use crate::error::{Error, ErrorKind};
use crate::params::Param;
use crate::span::offset_of;
use crate::syntax;
use crate::{parse_credentials, Challenge};

/// Writes the part every challenge view shares, so that the views have one
/// shape: `new` (the view of a challenge, `None` for another scheme),
/// `find` (the first challenge of a list the view takes) and `challenge`
/// (the generic challenge underneath). The view is a struct with one field,
/// `inner: Challenge<'a>`; `$is` says which schemes it takes. Its own
/// accessors and `validate()` (the scheme's rules) are written beside it.
macro_rules! challenge_view {
    ($view:ident, $what:literal, |$c:ident| $is:expr) => {
        impl<'a> $view<'a> {
            #[doc = concat!("The view of `c`, if its scheme is ", $what, " (ASCII case ignored); `None` for another scheme.")]
            pub fn new($c: $crate::Challenge<'a>) -> Option<Self> {
                ($is).then_some($view { inner: $c })
            }

            #[doc = concat!("The first challenge of a list whose scheme is ", $what, ".")]
            pub fn find(list: &$crate::ChallengeList<'a>) -> Option<Self> {
                list.iter().find_map(Self::new)
            }

            /// The generic challenge underneath.
            pub const fn challenge(&self) -> $crate::Challenge<'a> {
                self.inner
            }
        }
    };
}

/// The same for the views of schemes whose challenges and credentials
/// carry the same parameters (`Hawk`, `Mutual`, SCRAM): `from_challenge`,
/// `from_credentials` (each `None` for another scheme) and `find`. `$is`
/// says which scheme names the view takes; `$make` builds it from the
/// parameters and the offset of the scheme.
macro_rules! params_view {
    ($view:ident, $what:literal, |$s:ident| $is:expr, |$p:ident, $at:ident| $make:expr) => {
        impl<'a> $view<'a> {
            #[doc = concat!("The view of a challenge whose scheme is ", $what, " (ASCII case ignored); `None` for another scheme.")]
            pub fn from_challenge(c: $crate::Challenge<'a>) -> Option<Self> {
                let $s = c.scheme();
                let ($p, $at) = (c.params(), c.offset());
                ($is).then_some($make)
            }

            #[doc = concat!("The view of credentials whose scheme is ", $what, " (ASCII case ignored); `None` for another scheme.")]
            pub fn from_credentials(c: &$crate::Credentials<'a>) -> Option<Self> {
                let $s = c.scheme();
                let ($p, $at) = (c.params(), 0);
                ($is).then_some($make)
            }

            #[doc = concat!("The first challenge of a list whose scheme is ", $what, ".")]
            pub fn find(list: &$crate::ChallengeList<'a>) -> Option<Self> {
                list.iter().find_map(Self::from_challenge)
            }
        }
    };
}

pub mod aws4;
pub mod basic;
pub mod bearer;
pub mod digest;

pub mod dpop;
pub mod hawk;
pub mod hoba;
pub mod mutual;
pub(crate) mod rules;
pub mod scram;

pub use rules::TOKEN68_CREDENTIALS;

pub mod token68;
pub mod vapid;

/// Byte offset, in the whole header value, of the first byte of `p`'s value
/// (after the opening quote of a quoted-string).
pub(crate) fn value_offset(p: &Param<'_>) -> usize {
    p.offset() + offset_of(p.name().as_bytes(), p.value().raw())
}

/// The first parameter named `name` of a challenge, with its offset.
pub(crate) fn find_param<'a>(c: &Challenge<'a>, name: &str) -> Option<Param<'a>> {
    c.params().iter().find(|p| p.is(name))
}

/// Iterator over the items of a space-separated parameter value, such as a
/// Bearer `scope` (RFC 6750 §3), DPoP `algs` (RFC 9449 §7.1) or
/// `acr_values` (RFC 9470 §3). Runs of spaces are skipped.
///
/// It reads the raw value: a quoted value with backslash escapes (which
/// these RFCs' character sets forbid, and the validating calls report)
/// yields its items with the backslashes still in place, and an item that
/// is not UTF-8 (equally forbidden) comes out as `"\u{FFFD}"`.
///
/// ```
/// use auth_headers::schemes::bearer::BearerChallenge;
/// let list = auth_headers::parse_challenges(r#"Bearer scope="read  write""#).unwrap();
/// let b = BearerChallenge::find(&list).unwrap();
/// assert_eq!(b.scope().unwrap().collect::<Vec<_>>(), ["read", "write"]);
/// ```
#[derive(Clone, Debug)]
pub struct SpaceList<'a> {
    rest: &'a [u8],
}

impl<'a> SpaceList<'a> {
    /// Items of `raw`, separated by spaces.
    pub const fn new(raw: &'a [u8]) -> Self {
        SpaceList { rest: raw }
    }

    /// Whether `item` is one of the items (exact, case-sensitive match, as
    /// RFC 6749 §3.3 compares scope tokens).
    pub fn contains(&self, item: &str) -> bool {
        self.clone().any(|i| i == item)
    }
}

impl<'a> Iterator for SpaceList<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.rest.iter().position(|&b| b != b' ')?;
        let rest = &self.rest[start..];
        let end = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
        self.rest = &rest[end..];
        Some(core::str::from_utf8(&rest[..end]).unwrap_or("\u{FFFD}"))
    }
}

impl core::iter::FusedIterator for SpaceList<'_> {}

/// Credentials that are one token68 after a known scheme:
/// `credentials = auth-scheme 1*SP token68` (RFC 9110 §11.4), the form of
/// `Bearer` (RFC 6750 §2.1, where it is called `b64token`), `DPoP`
/// (RFC 9449 §7.1), `Basic`, `Negotiate` and `NTLM`.
///
/// `Debug` never shows the token.
///
/// ```
/// use auth_headers::schemes::parse_token68_credentials;
/// let creds = parse_token68_credentials("Bearer  mF_9.B5f-4.1JqM", "Bearer").unwrap();
/// assert_eq!((creds.scheme(), creds.token()), ("Bearer", "mF_9.B5f-4.1JqM"));
/// // `1*SP`: two spaces parse (RFC 6750 §2.1).
/// assert_eq!((creds.offset(), creds.spaces_after_scheme()), (8, 2));
/// assert!(!format!("{creds:?}").contains("mF_9"));
/// ```
///
/// No `PartialEq` or `Hash`: these are credentials, and `==` would compare
/// them in variable time. A server compares [`token`](Self::token) with
/// `server::secret_eq` (feature `basic-verify`, constant time).
#[derive(Clone, Copy)]
pub struct Token68Credentials<'a> {
    scheme: &'a str,
    token: &'a str,
    offset: usize,
}

impl<'a> Token68Credentials<'a> {
    /// The auth-scheme as written (it matched the expected one, ASCII case ignored).
    pub const fn scheme(&self) -> &'a str {
        self.scheme
    }

    /// The token68, borrowed from the value.
    pub const fn token(&self) -> &'a str {
        self.token
    }

    /// Byte offset of the token within the value.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// How many spaces separate the scheme from the token. RFC 9110 §11.4
    /// and RFC 6750 §2.1 allow any number (`1*SP`), so two spaces parse;
    /// but servers that split on one space refuse them, which is why a
    /// linter may want to say so.
    pub const fn spaces_after_scheme(&self) -> usize {
        self.offset - self.scheme.len()
    }
}

impl core::fmt::Debug for Token68Credentials<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Token68Credentials")
            .field("scheme", &self.scheme)
            .field("token", &format_args!("<redacted>"))
            .finish()
    }
}

/// Parses `value` as `scheme 1*SP token68` and names the common mistakes
/// precisely (each with the byte offset where it happens):
///
/// | Input | [`ErrorKind`] |
/// |---|---|
/// | `Bearer: eyJ…`, `Bearer; eyJ…` | [`ColonAfterScheme`](ErrorKind::ColonAfterScheme) at the `:` |
/// | `BearereyJ…` | [`NoSpaceAfterScheme`](ErrorKind::NoSpaceAfterScheme) where the token starts |
/// | `Bearer`, `Bearer ` | [`MissingToken`](ErrorKind::MissingToken) after the scheme |
/// | `Bearer eyJ… ` | [`TrailingWhitespace`](ErrorKind::TrailingWhitespace) at the space |
/// | `Bearer a=b` | [`ExpectedToken68`](ErrorKind::ExpectedToken68) |
/// | `Basic eyJ…` | [`WrongScheme`](ErrorKind::WrongScheme) at 0 |
///
/// Two spaces (`Bearer  eyJ…`) are valid, as RFC 6750 §2.1 writes `1*SP`;
/// see [`Token68Credentials::spaces_after_scheme`]. The scheme compares
/// case-insensitively (`bearer x` is valid). Allocates nothing.
///
/// ```
/// use auth_headers::{schemes::parse_token68_credentials, ErrorKind};
/// let t = parse_token68_credentials("bearer mF_9.B5f-4.1JqM", "Bearer").unwrap();
/// assert_eq!((t.token(), t.offset()), ("mF_9.B5f-4.1JqM", 7));
/// let e = parse_token68_credentials("Bearer: mF_9", "Bearer").unwrap_err();
/// assert_eq!((e.kind(), e.offset()), (ErrorKind::ColonAfterScheme, 6));
/// ```
pub fn parse_token68_credentials<'a, V: AsRef<[u8]> + ?Sized>(
    value: &'a V,
    scheme: &str,
) -> Result<Token68Credentials<'a>, Error> {
    let full = value.as_ref();
    if full.is_empty() {
        return Err(Error::new(0, ErrorKind::Empty));
    }
    let Some((rest, scheme_str)) = syntax::token(full) else {
        return Err(generic_error(full));
    };
    let name = scheme_str.as_bytes();
    let expected = scheme.as_bytes();
    if !crate::chars::eq_ignore_case(name, expected) {
        let glued = name.len() > expected.len()
            && name[..expected.len()].eq_ignore_ascii_case(expected)
            && rest.first() != Some(&b'=');
        return Err(if glued {
            Error::new(expected.len(), ErrorKind::NoSpaceAfterScheme)
        } else {
            Error::new(0, ErrorKind::WrongScheme)
        });
    }
    let at = name.len();
    match rest.first() {
        None => return Err(Error::new(at, ErrorKind::MissingToken)),
        Some(b':') | Some(b';') => return Err(Error::new(at, ErrorKind::ColonAfterScheme)),
        Some(b' ') if rest.iter().all(|&b| b == b' ') => {
            return Err(Error::new(at, ErrorKind::MissingToken))
        }
        _ => {}
    }
    let spaces = rest.iter().take_while(|&&b| b == b' ').count();
    // The common case, `scheme 1*SP token68` to the end, read directly; the
    // generic parser below reads anything else and names its error.
    if let Some(token) = rest
        .get(spaces..)
        .filter(|_| spaces > 0)
        .and_then(crate::chars::whole_token68)
    {
        return Ok(Token68Credentials {
            scheme: scheme_str,
            token,
            offset: at + spaces,
        });
    }
    let creds = parse_credentials(full)?;
    match creds.token68() {
        Some(token) => Ok(Token68Credentials {
            scheme: creds.scheme(),
            token,
            offset: at + spaces,
        }),
        None if creds.params().is_empty() => Err(Error::new(at, ErrorKind::MissingToken)),
        None => Err(Error::new(at + spaces, ErrorKind::ExpectedToken68)),
    }
}

/// The generic parser's error for a value it refuses (or a plain "expected a
/// scheme" should it accept it).
fn generic_error(full: &[u8]) -> Error {
    match parse_credentials(full) {
        Err(e) => e,
        Ok(_) => Error::new(0, ErrorKind::ExpectedScheme),
    }
}

/// Checks that every unescaped byte of `p`'s value is in the class `ok`,
/// reporting the first one that is not at its offset in the whole value.
pub(crate) fn check_value_bytes(p: &Param<'_>, ok: impl Fn(u8) -> bool) -> Result<(), Error> {
    let v = p.value();
    let raw = v.raw();
    let base = value_offset(p);
    let mut k = 0;
    while k < raw.len() {
        let (b, at) = if v.has_escapes() && raw[k] == b'\\' && k + 1 < raw.len() {
            k += 1;
            (raw[k], k)
        } else {
            (raw[k], k)
        };
        if !ok(b) {
            return Err(Error::new(base + at, ErrorKind::ForbiddenByScheme(b)));
        }
        k += 1;
    }
    Ok(())
}

/// Checks that a space-separated value is items separated by single spaces,
/// with no leading or trailing space (`scope-token *( SP scope-token )`,
/// RFC 6750 §3), each byte of an item in `ok`.
pub(crate) fn check_space_list(p: &Param<'_>, ok: impl Fn(u8) -> bool) -> Result<(), Error> {
    check_value_bytes(p, |b| b == b' ' || ok(b))?;
    let raw = p.value().raw();
    let base = value_offset(p);
    const RULE: &str = "items must be separated by exactly one space, with none at the start or end (RFC 6750 §3: scope-token *( SP scope-token ))";
    if raw.is_empty() {
        return Err(Error::new(
            base,
            ErrorKind::InvalidValue("empty list: expected at least one item"),
        ));
    }
    if raw[0] == b' ' {
        return Err(Error::new(base, ErrorKind::InvalidValue(RULE)));
    }
    if let Some(i) = raw.windows(2).position(|w| w == b"  ") {
        return Err(Error::new(base + i + 1, ErrorKind::InvalidValue(RULE)));
    }
    if raw[raw.len() - 1] == b' ' {
        return Err(Error::new(
            base + raw.len() - 1,
            ErrorKind::InvalidValue(RULE),
        ));
    }
    Ok(())
}

/// Checks that the value is `1*DIGIT` and fits a `u64`.
pub(crate) fn check_number(p: &Param<'_>) -> Result<u64, Error> {
    parse_u64(p.value().raw()).ok_or(Error::new(
        value_offset(p),
        ErrorKind::InvalidValue("expected a non-negative integer (1*DIGIT)"),
    ))
}

/// `1*DIGIT` as a `u64`, or `None` (empty, another byte, or overflow).
pub(crate) fn parse_u64(raw: &[u8]) -> Option<u64> {
    if raw.is_empty() {
        return None;
    }
    raw.iter().try_fold(0u64, |n, &b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        } else {
            None
        }
    })
}

/// Refuses a token68 on a scheme that carries parameters.
pub(crate) fn refuse_token68(c: &Challenge<'_>) -> Result<(), Error> {
    match c.token68() {
        Some(t) => Err(Error::new(
            c.offset() + offset_of(c.scheme().as_bytes(), t.as_bytes()),
            ErrorKind::ExpectedParams,
        )),
        None => Ok(()),
    }
}

/// Reports a missing required parameter at the challenge's scheme.
pub(crate) fn require<'a>(c: &Challenge<'a>, name: &'static str) -> Result<Param<'a>, Error> {
    find_param(c, name).ok_or(Error::new(c.offset(), ErrorKind::MissingParam(name)))
}
