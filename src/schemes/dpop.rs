//! The `DPoP` scheme (RFC 9449): sender-constrained access tokens.
//!
//! ```text
//! Authorization: DPoP <token68>                               ; RFC 9449 §7.1
//! WWW-Authenticate: DPoP algs="ES256 PS256", error="use_dpop_nonce", error_description="…"
//! ```
//!
//! Only the header values: checking the proof JWT sent in the `DPoP`
//! request header is out of scope. The challenge's `error`,
//! `error_description`, `scope` and `realm` follow RFC 6750 §3 (RFC 9449
//! §7.1 says so), so validation and status codes are those of
//! [`bearer`](super::bearer), plus `invalid_dpop_proof` and `use_dpop_nonce`.
//! On `use_dpop_nonce` (RFC 9449 §9) a client retries once with the nonce of
//! the `DPoP-Nonce` response header in a new proof.

use crate::error::Error;
use crate::schemes::bearer::{validate_oauth, ErrorCode};
use crate::schemes::{parse_token68_credentials, SpaceList, Token68Credentials};
use crate::{Challenge, ParamValue};

/// The scheme name, `DPoP`.
pub const SCHEME: &str = "DPoP";

/// Which parameters DPoP defines and which it writes quoted (its tables in
/// the scheme rules).
pub use super::rules::dpop as rules;

/// A `DPoP` challenge (RFC 9449 §7.1).
///
/// ```
/// use auth_headers::schemes::{bearer::ErrorCode, dpop::DpopChallenge};
/// // RFC 9449 §9
/// let v = r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#;
/// let list = auth_headers::parse_challenges(v).unwrap();
/// let d = DpopChallenge::find(&list).unwrap();
/// assert_eq!(d.error(), Some(ErrorCode::UseDpopNonce));
/// assert_eq!(d.status(), 401);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DpopChallenge<'a> {
    inner: Challenge<'a>,
}

challenge_view!(DpopChallenge, "`DPoP`", |c| c.is_scheme(SCHEME));

impl<'a> DpopChallenge<'a> {
    /// `algs`: the JWS algorithms the server accepts for proofs,
    /// space-separated (RFC 9449 §7.1).
    pub fn algs(&self) -> Option<SpaceList<'a>> {
        self.inner.param("algs").map(|v| SpaceList::new(v.raw()))
    }

    /// `realm`.
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.inner.param("realm")
    }

    /// `scope` tokens.
    pub fn scope(&self) -> Option<SpaceList<'a>> {
        self.inner.param("scope").map(|v| SpaceList::new(v.raw()))
    }

    /// `error`, known codes as variants.
    pub fn error(&self) -> Option<ErrorCode<'a>> {
        self.inner.param("error").map(ErrorCode::from_value)
    }

    /// `error_description`.
    pub fn error_description(&self) -> Option<ParamValue<'a>> {
        self.inner.param("error_description")
    }

    /// `resource_metadata` (RFC 9728 §5.1).
    pub fn resource_metadata(&self) -> Option<ParamValue<'a>> {
        self.inner.param("resource_metadata")
    }

    /// The status code of this challenge: that of its error, else 401.
    pub fn status(&self) -> u16 {
        self.error().and_then(|e| e.status()).unwrap_or(401)
    }

    /// The RFC 6750 §3 checks (see
    /// [`BearerChallenge::validate`](super::bearer::BearerChallenge::validate)),
    /// with `algs` as a single-space-separated list.
    pub fn validate(&self) -> Result<(), Error> {
        validate_oauth(&self.inner)
    }

    /// The checks of [`DpopChallenge::validate`], every error handed to
    /// `report` (see [`BearerChallenge::validate`](super::bearer::BearerChallenge::validate)).
    pub(crate) fn check_each(
        &self,
        report: &mut dyn FnMut(Error) -> Result<(), Error>,
    ) -> Result<(), Error> {
        crate::schemes::bearer::check_oauth(&self.inner, report)
    }
}

/// Parses `Authorization: DPoP <token68>` (RFC 9449 §7.1), naming the common
/// mistakes as [`parse_token68_credentials`] does.
///
/// ```
/// let t = auth_headers::schemes::dpop::parse_credentials("DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU").unwrap();
/// assert_eq!(t.token(), "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU");
/// ```
pub fn parse_credentials<V: AsRef<[u8]> + ?Sized>(
    value: &V,
) -> Result<Token68Credentials<'_>, Error> {
    parse_token68_credentials(value, SCHEME)
}
