//! The `Bearer` scheme (RFC 6750), with RFC 9728 §5.1 `resource_metadata`
//! and RFC 9470 step-up (`acr_values`, `max_age`).
//!
//! ```text
//! credentials = "Bearer" 1*SP b64token                        ; RFC 6750 §2.1
//! b64token    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//! challenge   = "Bearer" [ 1*SP 1#param ]                     ; RFC 6750 §3
//! scope       = scope-token *( SP scope-token )
//! scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
//! error, error_description: %x20-21 / %x23-5B / %x5D-7E only
//! error_uri:   %x21 / %x23-5B / %x5D-7E only (a URI-reference)
//! ```
//!
//! # Status codes (RFC 6750 §3.1)
//!
//! | `error` | Status | Meaning |
//! |---|---|---|
//! | none | 401 | no credentials were sent: authenticate |
//! | `invalid_request` | **400** | the request is malformed |
//! | `invalid_token` | 401 | expired, revoked or malformed token: refresh it |
//! | `insufficient_scope` | 403 | the token lacks a scope: ask for one with `scope` |
//! | `insufficient_user_authentication` | 401 | RFC 9470: step up (`acr_values`, `max_age`) |
//!
//! Some guides answer 401 to every authentication problem, `invalid_request`
//! included. RFC 6750 §3.1 says 400 (Bad Request), because the fault is in
//! the request itself (a missing or repeated parameter, a token sent in two
//! places at once, an unsupported parameter): no other token would make the
//! same request succeed, so a 401 would only send the client round a loop
//! of re-authenticating and resending the same malformed request.
//! [`ErrorCode::status`] gives these numbers.

use crate::error::Error;
use crate::schemes::{
    check_number, check_space_list, check_value_bytes, parse_token68_credentials, refuse_token68,
    SpaceList, Token68Credentials,
};
use crate::{Challenge, ParamValue};

/// The scheme name, `Bearer`.
pub const SCHEME: &str = "Bearer";

/// Which parameters Bearer defines and which it writes quoted (its tables in
/// the scheme rules).
pub use super::rules::bearer as rules;

/// The `error` of a Bearer or DPoP challenge (RFC 6750 §3.1, RFC 9470 §3,
/// RFC 9449 §7.1 and §9). A code this crate does not know is kept as
/// [`ErrorCode::Other`] with its text; it is never an error. `Debug` shows
/// the text of [`ErrorCode::Other`]: `error` is a public parameter
/// ([`crate::redact`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode<'a> {
    /// `invalid_request`: the request is malformed (400).
    InvalidRequest,
    /// `invalid_token`: expired, revoked, malformed or otherwise invalid (401).
    InvalidToken,
    /// `insufficient_scope`: the token lacks the privileges the request needs (403).
    InsufficientScope,
    /// `insufficient_user_authentication` (RFC 9470 §3): the user must
    /// authenticate again, as `acr_values` / `max_age` say (401).
    InsufficientUserAuthentication,
    /// `invalid_dpop_proof` (RFC 9449 §7.1): the DPoP proof is invalid (401).
    InvalidDpopProof,
    /// `use_dpop_nonce` (RFC 9449 §9): retry with the nonce from the
    /// `DPoP-Nonce` response header (401).
    UseDpopNonce,
    /// Any other code, as written.
    Other(ParamValue<'a>),
}

impl<'a> ErrorCode<'a> {
    /// The code a value names (exact, case-sensitive match, as the codes are
    /// registered in lower case in the OAuth Extensions Error Registry).
    pub fn from_value(v: ParamValue<'a>) -> Self {
        use ErrorCode::*;
        [
            InvalidRequest,
            InvalidToken,
            InsufficientScope,
            InsufficientUserAuthentication,
            InvalidDpopProof,
            UseDpopNonce,
        ]
        .into_iter()
        .find(|c| c.as_str().is_some_and(|s| v.eq_str(s)))
        .unwrap_or(Other(v))
    }

    /// The code's name, for the known codes.
    pub fn as_str(&self) -> Option<&'static str> {
        use ErrorCode::*;
        Some(match self {
            InvalidRequest => "invalid_request",
            InvalidToken => "invalid_token",
            InsufficientScope => "insufficient_scope",
            InsufficientUserAuthentication => "insufficient_user_authentication",
            InvalidDpopProof => "invalid_dpop_proof",
            UseDpopNonce => "use_dpop_nonce",
            Other(_) => return None,
        })
    }

    /// The status code a resource server sends with this error: RFC 6750
    /// §3.1 (400 / 401 / 403; see the [module docs](self) for why
    /// `invalid_request` is 400 and not 401), RFC 9470 §3 and RFC 9449 §7.1
    /// and §9 (401). `None` for an unknown code.
    ///
    /// ```
    /// use auth_headers::schemes::bearer::ErrorCode;
    /// assert_eq!(ErrorCode::InvalidRequest.status(), Some(400));
    /// assert_eq!(ErrorCode::InvalidToken.status(), Some(401));
    /// assert_eq!(ErrorCode::InsufficientScope.status(), Some(403));
    /// ```
    pub fn status(&self) -> Option<u16> {
        use ErrorCode::*;
        match self {
            InvalidRequest => Some(400),
            InsufficientScope => Some(403),
            InvalidToken | InsufficientUserAuthentication | InvalidDpopProof | UseDpopNonce => {
                Some(401)
            }
            Other(_) => None,
        }
    }
}

impl core::fmt::Debug for ErrorCode<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use ErrorCode::*;
        let name = match self {
            InvalidRequest => "InvalidRequest",
            InvalidToken => "InvalidToken",
            InsufficientScope => "InsufficientScope",
            InsufficientUserAuthentication => "InsufficientUserAuthentication",
            InvalidDpopProof => "InvalidDpopProof",
            UseDpopNonce => "UseDpopNonce",
            Other(v) => {
                struct Public<'v>(ParamValue<'v>);
                impl core::fmt::Debug for Public<'_> {
                    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        self.0.fmt_public(f)
                    }
                }
                return f.debug_tuple("Other").field(&Public(*v)).finish();
            }
        };
        f.write_str(name)
    }
}

/// A `Bearer` challenge (RFC 6750 §3).
///
/// ```
/// use auth_headers::schemes::bearer::{BearerChallenge, ErrorCode};
/// // RFC 6750 §3
/// let v = r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#;
/// let list = auth_headers::parse_challenges(v).unwrap();
/// let b = BearerChallenge::find(&list).unwrap();
/// assert_eq!(b.error(), Some(ErrorCode::InvalidToken));
/// assert_eq!(b.status(), 401);
/// assert!(b.error_description().unwrap().eq_str("The access token expired"));
/// b.validate().unwrap();
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BearerChallenge<'a> {
    inner: Challenge<'a>,
}

challenge_view!(BearerChallenge, "`Bearer`", |c| c.is_scheme(SCHEME));

impl<'a> BearerChallenge<'a> {
    /// `realm` (RFC 6750 §3).
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.inner.param("realm")
    }

    /// The `scope` tokens (RFC 6750 §3), in order.
    pub fn scope(&self) -> Option<SpaceList<'a>> {
        self.inner.param("scope").map(|v| SpaceList::new(v.raw()))
    }

    /// `error` (RFC 6750 §3.1), known codes as variants.
    pub fn error(&self) -> Option<ErrorCode<'a>> {
        self.inner.param("error").map(ErrorCode::from_value)
    }

    /// `error_description`: text for the developer, not the end user.
    pub fn error_description(&self) -> Option<ParamValue<'a>> {
        self.inner.param("error_description")
    }

    /// `error_uri`: a page about the error, for the developer.
    pub fn error_uri(&self) -> Option<ParamValue<'a>> {
        self.inner.param("error_uri")
    }

    /// `resource_metadata` (RFC 9728 §5.1): the URL of the protected
    /// resource's metadata, from which a client discovers the authorization
    /// server (OAuth protected resources such as MCP servers send it).
    pub fn resource_metadata(&self) -> Option<ParamValue<'a>> {
        self.inner.param("resource_metadata")
    }

    /// `acr_values` (RFC 9470 §3): the authentication context classes the
    /// server wants, space-separated, in order of preference.
    pub fn acr_values(&self) -> Option<SpaceList<'a>> {
        self.inner
            .param("acr_values")
            .map(|v| SpaceList::new(v.raw()))
    }

    /// `max_age` (RFC 9470 §3): the largest acceptable time, in seconds,
    /// since the user last authenticated. `None` when absent or not a
    /// non-negative integer ([`BearerChallenge::validate`] reports that).
    pub fn max_age(&self) -> Option<u64> {
        self.inner
            .param("max_age")
            .and_then(|v| super::parse_u64(v.raw()))
    }

    /// The status code that goes with this challenge (RFC 6750 §3.1): that
    /// of its error, and 401 when it has none (or an unknown one).
    pub fn status(&self) -> u16 {
        self.error().and_then(|e| e.status()).unwrap_or(401)
    }

    /// Checks the challenge against RFC 6750 §3: parameters rather than a
    /// token68; each parameter once ("MUST NOT appear more than once");
    /// `error` and `error_description` within `%x20-21 / %x23-5B / %x5D-7E`;
    /// `error_uri` within `%x21 / %x23-5B / %x5D-7E`; `scope` as
    /// `scope-token *( SP scope-token )`; and `max_age` as `1*DIGIT`
    /// (RFC 9470 §3). An unknown `error` code is not an error.
    ///
    /// ```
    /// use auth_headers::{schemes::bearer::BearerChallenge, ErrorKind};
    /// let list = auth_headers::parse_challenges("Bearer error_description=\"caf\u{e9}\"").unwrap();
    /// let e = BearerChallenge::find(&list).unwrap().validate().unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::ForbiddenByScheme(0xC3));
    /// assert_eq!(e.offset(), 29);
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        validate_oauth(&self.inner)
    }

    /// The checks of [`BearerChallenge::validate`], every error handed to
    /// `report` (see [`check_oauth`]).
    pub(crate) fn check_each(
        &self,
        report: &mut dyn FnMut(Error) -> Result<(), Error>,
    ) -> Result<(), Error> {
        check_oauth(&self.inner, report)
    }
}

/// `%x20-21 / %x23-5B / %x5D-7E` (RFC 6750 §3: `error`, `error_description`).
pub(crate) fn is_description_char(b: u8) -> bool {
    matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

/// `%x21 / %x23-5B / %x5D-7E` (RFC 6750 §3: `scope-token`, `error_uri`).
pub(crate) fn is_scope_char(b: u8) -> bool {
    b != b' ' && is_description_char(b)
}

/// The RFC 6750 §3 checks, shared with DPoP (RFC 9449 §7.1 refers to them).
pub(crate) fn validate_oauth(c: &Challenge<'_>) -> Result<(), Error> {
    check_oauth(c, &mut Err)
}

/// The checks of [`validate_oauth`], each error handed to `report`, which
/// stops them by returning it (`validate` passes `Err`) or goes on (the
/// linter, which reports every parameter that breaks a rule).
pub(crate) fn check_oauth(
    c: &Challenge<'_>,
    report: &mut dyn FnMut(Error) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut keep = |r: Result<(), Error>| r.or_else(&mut *report);
    keep(refuse_token68(c))?;
    keep(c.params().check_unique())?;
    for p in c.params() {
        keep(check_oauth_param(&p))?;
    }
    Ok(())
}

/// RFC 6750 §3 and RFC 9470 §3 for one parameter: `error` and
/// `error_description` within `%x20-21 / %x23-5B / %x5D-7E`, `error_uri`
/// within `%x21 / %x23-5B / %x5D-7E`, `scope`, `acr_values` and `algs` as
/// `scope-token *( SP scope-token )`, `max_age` as `1*DIGIT`.
fn check_oauth_param(p: &crate::params::Param<'_>) -> Result<(), Error> {
    if p.is("error") || p.is("error_description") {
        check_value_bytes(p, is_description_char)
    } else if p.is("error_uri") {
        check_value_bytes(p, is_scope_char)
    } else if p.is("scope") || p.is("acr_values") || p.is("algs") {
        check_space_list(p, is_scope_char)
    } else if p.is("max_age") {
        check_number(p).map(drop)
    } else {
        Ok(())
    }
}

/// Parses `Authorization: Bearer <b64token>` (RFC 6750 §2.1), naming the
/// common mistakes (`Bearer: eyJ…`, `BearereyJ…`, an empty token, a trailing
/// space …) as [`parse_token68_credentials`] does. Allocates nothing.
///
/// ```
/// use auth_headers::{schemes::bearer, ErrorKind};
/// // RFC 6750 §2.1
/// let t = bearer::parse_credentials("Bearer mF_9.B5f-4.1JqM").unwrap();
/// assert_eq!(t.token(), "mF_9.B5f-4.1JqM");
/// let e = bearer::parse_credentials("BearermF_9.B5f-4.1JqM").unwrap_err();
/// assert_eq!((e.kind(), e.offset()), (ErrorKind::NoSpaceAfterScheme, 6));
/// ```
pub fn parse_credentials<V: AsRef<[u8]> + ?Sized>(
    value: &V,
) -> Result<Token68Credentials<'_>, Error> {
    parse_token68_credentials(value, SCHEME)
}
