//! The `DPoP` scheme (RFC 9449): sender-constrained access tokens.
//!
//! ```text
//! Authorization: DPoP <token68>                               ; RFC 9449 §7.1
//! WWW-Authenticate: DPoP algs="ES256 PS256", error="use_dpop_nonce", error_description="…"
//! ```
//!
//! The header values, and the shape of the proof: [`DpopProof`] reads the
//! `DPoP` request header as a JWS in compact serialization (three base64url
//! segments, RFC 7515 §7.1), and [`DpopNonce`] is a `DPoP-Nonce` value
//! (RFC 9449 §8.1). Verifying the proof JWT (its signature, `typ`, `alg`,
//! `jti`, `htm`, `htu`, `iat`, `ath`, `nonce`: RFC 9449 §4.3) is out of
//! scope: a JOSE library does it. The challenge's `error`,
//! `error_description`, `scope` and `realm` follow RFC 6750 §3 (RFC 9449
//! §7.1 says so), so validation and status codes are those of
//! [`bearer`](super::bearer), plus `invalid_dpop_proof` and `use_dpop_nonce`.
//! On `use_dpop_nonce` (RFC 9449 §9) a client retries once with the nonce of
//! the `DPoP-Nonce` response header in a new proof.

use crate::error::{Error, ErrorKind};
use crate::schemes::bearer::{is_scope_char, validate_oauth, ErrorCode};
use crate::schemes::{parse_token68_credentials, SpaceList, Token68Credentials};
use crate::{Challenge, ParamValue};

/// The scheme name, `DPoP`.
pub const SCHEME: &str = "DPoP";

/// The request header that carries the proof (RFC 9449 §4.1).
pub const PROOF_HEADER: &str = "DPoP";

/// The response header that carries a server-provided nonce (RFC 9449 §8,
/// §9).
pub const NONCE_HEADER: &str = "DPoP-Nonce";

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

/// The rule a [`DpopProof`] breaks, as the error's text.
const PROOF_RULE: &str =
    "a DPoP proof is a JWT in JWS compact serialization: three non-empty base64url segments joined by '.' (RFC 9449 4.2, RFC 7515 7.1)";

/// `ALPHA / DIGIT / "-" / "_"`: the base64url alphabet without padding
/// (RFC 7515 §2, RFC 4648 §5).
fn is_base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// A DPoP proof as the `DPoP` request header carries it (RFC 9449 §4.1,
/// §4.2): a JWT in JWS compact serialization (RFC 7515 §7.1), that is three
/// base64url segments (the JOSE header, the claims, the signature), each
/// non-empty (a DPoP proof is signed with an asymmetric algorithm, never
/// `none`), joined by two dots.
///
/// Only that shape is checked. Everything RFC 9449 §4.3 asks of the
/// receiver beyond it is the caller's, with a JOSE library (`jsonwebtoken`,
/// `josekit`, `biscuit`…): decode the header and claims, check `typ`
/// (`dpop+jwt`), `alg` (one of the server's `algs`), the signature with the
/// header's `jwk`, `jti` against replays, `htm` and `htu` against the
/// request, `iat` (and `nonce`) for freshness, and at a resource server
/// `ath` against the access token and the `jwk`'s thumbprint against the
/// token's `cnf.jkt` (RFC 9449 §6, §7.1).
///
/// `Debug` does not show the proof (it is a credential for one request).
///
/// ```
/// use auth_headers::schemes::dpop::DpopProof;
/// let p = DpopProof::parse("eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJqdGkiOiJ4In0.c2ln").unwrap();
/// assert_eq!(p.header(), "eyJ0eXAiOiJkcG9wK2p3dCJ9");
/// assert_eq!(p.payload(), "eyJqdGkiOiJ4In0");
/// assert_eq!(p.signature(), "c2ln");
/// assert_eq!(p.signing_input(), "eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJqdGkiOiJ4In0");
/// // Two segments, padding, an empty signature: not a JWS.
/// for bad in ["eyJ0.eyJq", "eyJ0.eyJq.c2ln==", "eyJ0.eyJq.", "eyJ0.eyJq.c2ln.x", ""] {
///     assert!(DpopProof::parse(bad).is_err(), "{bad}");
/// }
/// ```
///
/// No `PartialEq` or `Hash`: a proof is a credential, and `==` would
/// compare it in variable time, as for the other credential views.
///
/// ```compile_fail
/// fn same(a: auth_headers::schemes::dpop::DpopProof<'_>, b: auth_headers::schemes::dpop::DpopProof<'_>) -> bool {
///     a == b
/// }
/// ```
#[derive(Clone, Copy)]
pub struct DpopProof<'a> {
    jws: &'a str,
    dots: (usize, usize),
}

impl<'a> DpopProof<'a> {
    /// Reads a `DPoP` header value. The error is
    /// [`ErrorKind::Empty`] for an empty value and otherwise
    /// [`ErrorKind::InvalidValue`] at the first byte that breaks the shape
    /// (a byte outside base64url, a third dot, an empty segment), or at the
    /// end when a dot is missing.
    pub fn parse<V: AsRef<[u8]> + ?Sized>(value: &'a V) -> Result<Self, Error> {
        let v = value.as_ref();
        if v.is_empty() {
            return Err(Error::new(0, ErrorKind::Empty));
        }
        let bad = |at: usize| Error::new(at, ErrorKind::InvalidValue(PROOF_RULE));
        let mut dots = [0usize; 2];
        let mut n = 0;
        let mut start = 0;
        for (i, &b) in v.iter().enumerate() {
            if b == b'.' {
                if i == start || n == 2 {
                    return Err(bad(i));
                }
                dots[n] = i;
                n += 1;
                start = i + 1;
            } else if !is_base64url(b) {
                return Err(bad(i));
            }
        }
        if n < 2 || start == v.len() {
            return Err(bad(v.len()));
        }
        // Every byte is base64url or a dot, so ASCII: `chars::ascii` makes
        // the `&str` with one word-wise test, not a UTF-8 decode (the
        // `None` arm is never taken).
        let jws = crate::chars::ascii(v).ok_or(bad(0))?;
        Ok(DpopProof {
            jws,
            dots: (dots[0], dots[1]),
        })
    }

    /// The whole proof, as sent.
    pub const fn as_str(&self) -> &'a str {
        self.jws
    }

    /// The base64url JOSE header (`typ`, `alg`, `jwk`).
    pub fn header(&self) -> &'a str {
        &self.jws[..self.dots.0]
    }

    /// The base64url claims (`jti`, `htm`, `htu`, `iat`, `ath`, `nonce`).
    pub fn payload(&self) -> &'a str {
        &self.jws[self.dots.0 + 1..self.dots.1]
    }

    /// The base64url signature.
    pub fn signature(&self) -> &'a str {
        &self.jws[self.dots.1 + 1..]
    }

    /// `header.payload`: what the signature covers (RFC 7515 §5.2).
    pub fn signing_input(&self) -> &'a str {
        &self.jws[..self.dots.1]
    }
}

impl core::fmt::Debug for DpopProof<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("DpopProof")
            .field(&crate::redact::Redacted::HIDDEN)
            .finish()
    }
}

/// A `DPoP-Nonce` value (RFC 9449 §8.1): `nonce = 1*NQCHAR`, that is
/// `%x21 / %x23-5B / %x5D-7E` (RFC 6749 Appendix A), the bytes of a
/// `scope-token`. A server sends one `DPoP-Nonce` header, never more (RFC
/// 9449 §8).
///
/// ```
/// use auth_headers::schemes::dpop::DpopNonce;
/// assert_eq!(DpopNonce::new("eyJ7S_zG.eyJH0-Z.HX4w-7v").unwrap().as_str(), "eyJ7S_zG.eyJH0-Z.HX4w-7v");
/// assert!(DpopNonce::new("two words").is_err());
/// assert!(DpopNonce::new("").is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DpopNonce<'a>(&'a str);

impl<'a> DpopNonce<'a> {
    /// The nonce, if it is `1*NQCHAR`: [`ErrorKind::Empty`] or
    /// [`ErrorKind::ForbiddenByScheme`] at the first byte it refuses.
    pub fn new(nonce: &'a str) -> Result<Self, Error> {
        if nonce.is_empty() {
            return Err(Error::new(0, ErrorKind::Empty));
        }
        match nonce.bytes().position(|b| !is_scope_char(b)) {
            Some(i) => Err(Error::new(
                i,
                ErrorKind::ForbiddenByScheme(nonce.as_bytes()[i]),
            )),
            None => Ok(DpopNonce(nonce)),
        }
    }

    /// The nonce.
    pub const fn as_str(&self) -> &'a str {
        self.0
    }
}
