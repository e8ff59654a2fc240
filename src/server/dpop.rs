//! DPoP (RFC 9449 §7) at a resource server: [`DpopServer`], re-exported by
//! [`server`](super).

use super::{read_value, OAuth, Outcome, Reply, Side};
use crate::schemes::bearer::ErrorCode;
use crate::schemes::dpop::{self, DpopNonce, DpopProof};
use crate::schemes::Token68Credentials;
use crate::write::BuildError;

/// The description of a DPoP request without a `DPoP` header.
const NO_PROOF: &str =
    "no DPoP header: a DPoP-bound access token comes with a DPoP proof (RFC 9449 7.1)";
/// The description of a request with two `DPoP` header lines.
const TWO_PROOFS: &str =
    "more than one DPoP header: a request carries one DPoP proof (RFC 9449 4.3)";
/// The description of a `DPoP` header that is not a JWS.
const NOT_JWS: &str =
    "the DPoP header is not a JWS in compact serialization: three base64url segments (RFC 9449 4.2)";

/// What a DPoP resource server concluded: one of Bearer's outcomes (RFC
/// 9449 §7.1 takes RFC 6750 §3.1's codes), or one of DPoP's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DpopOutcome<'a> {
    /// An outcome Bearer shares: no credentials, a malformed request
    /// (400), an invalid token (401), an insufficient scope (403).
    OAuth(Outcome<'a>),
    /// `invalid_dpop_proof` (RFC 9449 §7.1): the `DPoP` proof is missing,
    /// repeated or malformed, or the checks of §4.3 refuse it (401).
    InvalidProof {
        /// Text for the developer (RFC 6750 §3 characters only).
        description: Option<&'a str>,
    },
    /// `use_dpop_nonce` (RFC 9449 §9): the proof must carry this server's
    /// nonce, sent in the `DPoP-Nonce` header of the reply (401).
    UseNonce {
        /// The nonce for the client's next proof.
        nonce: DpopNonce<'a>,
        /// Text for the developer (RFC 6750 §3 characters only).
        description: Option<&'a str>,
    },
}

impl<'a> From<Outcome<'a>> for DpopOutcome<'a> {
    fn from(o: Outcome<'a>) -> Self {
        DpopOutcome::OAuth(o)
    }
}

impl DpopOutcome<'_> {
    /// The `error` code this outcome writes (`None` for no credentials).
    pub const fn error_code(&self) -> Option<ErrorCode<'static>> {
        match self {
            DpopOutcome::OAuth(o) => o.error_code(),
            DpopOutcome::InvalidProof { .. } => Some(ErrorCode::InvalidDpopProof),
            DpopOutcome::UseNonce { .. } => Some(ErrorCode::UseDpopNonce),
        }
    }
}

/// A well-formed DPoP request: the access token of `Authorization: DPoP
/// <token68>` and the proof of the one `DPoP` header, neither verified yet.
/// `Debug` shows neither.
#[derive(Clone, Copy)]
pub struct DpopRequest<'a> {
    token: Token68Credentials<'a>,
    proof: DpopProof<'a>,
}

impl<'a> DpopRequest<'a> {
    /// The access token.
    pub const fn token(&self) -> &'a str {
        self.token.token()
    }

    /// The credentials as parsed (scheme as written, offset of the token).
    pub const fn credentials(&self) -> Token68Credentials<'a> {
        self.token
    }

    /// The proof.
    pub const fn proof(&self) -> DpopProof<'a> {
        self.proof
    }
}

impl core::fmt::Debug for DpopRequest<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DpopRequest")
            .field("token", &crate::redact::Redacted::HIDDEN)
            .field("proof", &self.proof)
            .finish()
    }
}

/// A resource server that takes DPoP-bound access tokens (RFC 9449 §7.1).
///
/// DPoP shares Bearer's challenge parameters, error codes and status codes
/// (RFC 9449 §7.1 refers to RFC 6750 §3 and §3.1), so it writes its
/// challenge with the writer [`BearerServer`](super::BearerServer) uses
/// and takes each status from [`ErrorCode::status`]; it adds `algs` and
/// DPoP's two error codes, `invalid_dpop_proof` and `use_dpop_nonce`
/// ([`DpopOutcome`]).
///
/// | [`DpopOutcome`] | Status and challenge |
/// |---|---|
/// | [`OAuth`](DpopOutcome::OAuth)`(NoCredentials)` | 401 `DPoP realm="api", algs="ES256"` (RFC 9449 Figure 15) |
/// | `OAuth(Malformed)` | **400** `… error="invalid_request"` |
/// | `OAuth(InvalidCredentials)` | 401 `… error="invalid_token"` (Figure 16) |
/// | `OAuth(InsufficientScope)` | 403 `… error="insufficient_scope", scope="…"` |
/// | [`InvalidProof`](DpopOutcome::InvalidProof) | 401 `… error="invalid_dpop_proof"` (§7.1) |
/// | [`UseNonce`](DpopOutcome::UseNonce) | 401 `… error="use_dpop_nonce"` and `DPoP-Nonce: …` (§9, Figure 24) |
///
/// # Origin servers only
/// RFC 9449 §7.1: "this authentication scheme MUST NOT be used with the
/// `Proxy-Authenticate` or `Proxy-Authorization` header fields". So there
/// is no `DpopServer::proxy`: a DPoP server reads `Authorization` and
/// answers 401 with `WWW-Authenticate`, always.
///
/// # What is checked here, and what is the caller's
/// [`DpopServer::read`] checks the request's shape: `Authorization: DPoP
/// <token68>`, exactly one `DPoP` header (RFC 9449 §4.3, check 1: "not
/// more than one"), and that header a JWS in compact serialization
/// ([`DpopProof`], checks 2 and 3 as far as the shape goes). Everything
/// else of §4.3 and §7.1 (the signature with the header's `jwk`, `typ`,
/// `alg` among the offered `algs`, `jti` replay, `htm`, `htu`, `iat`,
/// `nonce`, `ath`, and the key's thumbprint against the token's
/// `cnf.jkt`) is the caller's, with a JOSE library: it then answers
/// [`DpopOutcome::InvalidProof`] or [`DpopOutcome::UseNonce`].
///
/// ```
/// use auth_headers::schemes::dpop::DpopNonce;
/// use auth_headers::server::{DpopOutcome, DpopServer};
/// let api = DpopServer::new("api").algs("ES256 PS256");
/// let nonce = DpopNonce::new("eyJ7S_zG.eyJH0-Z.HX4w-7v").unwrap();
/// let reply = api.reply(DpopOutcome::UseNonce { nonce, description: None }).unwrap();
/// assert_eq!(reply.status(), 401);
/// assert_eq!(reply.dpop_nonce().unwrap().as_str(), "eyJ7S_zG.eyJH0-Z.HX4w-7v");
/// let mut v = String::new();
/// reply.www_authenticate().unwrap().write_to(&mut v).unwrap();
/// assert_eq!(v, r#"DPoP realm="api", algs="ES256 PS256", error="use_dpop_nonce""#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DpopServer<'a> {
    oauth: OAuth<'a>,
    algs: Option<&'a str>,
}

impl<'a> DpopServer<'a> {
    /// A server for `realm` (RFC 9449 §7.1: `realm` MAY be included; this
    /// server always writes it, as Bearer's does).
    pub const fn new(realm: &'a str) -> Self {
        DpopServer {
            oauth: OAuth::new(realm),
            algs: None,
        }
    }

    /// The JWS algorithms accepted for proofs, space-separated (`"ES256
    /// PS256"`), written as `algs` in every challenge (RFC 9449 §7.1:
    /// SHOULD). Name only those the proof verification accepts. An empty
    /// string writes no `algs`.
    pub const fn algs(mut self, algs: &'a str) -> Self {
        self.algs = Some(algs);
        self
    }

    /// Adds `resource_metadata` (RFC 9728 §5.1) to every challenge.
    pub const fn resource_metadata(mut self, url: &'a str) -> Self {
        self.oauth.resource_metadata = Some(url);
        self
    }

    /// Adds `error_uri` (RFC 6750 §3) to challenges that carry an error.
    pub const fn error_uri(mut self, uri: &'a str) -> Self {
        self.oauth.error_uri = Some(uri);
        self
    }

    /// The realm.
    pub const fn realm(&self) -> &'a str {
        self.oauth.realm
    }

    /// Reads a DPoP request from the `Authorization` value (`None` when
    /// absent) and the `DPoP` header's lines, in order.
    ///
    /// - No `Authorization`, or credentials of another scheme:
    ///   [`Outcome::NoCredentials`].
    /// - Malformed `Authorization: DPoP …` credentials (`DPoP: x`, two
    ///   tokens …):
    ///   [`Outcome::Malformed`] with the parser's message, as for Bearer.
    /// - No `DPoP` line, more than one (RFC 9449 §4.3, check 1), or one
    ///   that is not a JWS in compact serialization:
    ///   [`DpopOutcome::InvalidProof`], described.
    ///
    /// ```
    /// use auth_headers::server::{DpopOutcome, DpopServer, Outcome};
    /// let api = DpopServer::new("api");
    /// let proof = "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ4In0.c2ln";
    /// let req = api.read(Some("DPoP abc"), [proof]).unwrap();
    /// assert_eq!((req.token(), req.proof().as_str()), ("abc", proof));
    /// assert_eq!(api.read(Some("Bearer abc"), [proof]).unwrap_err(), Outcome::NoCredentials.into());
    /// assert!(matches!(api.read(Some("DPoP abc"), [proof, proof]), Err(DpopOutcome::InvalidProof { .. })));
    /// assert!(matches!(api.read(Some("DPoP abc"), ["not-a-jws"]), Err(DpopOutcome::InvalidProof { .. })));
    /// assert!(matches!(api.read(Some("DPoP: abc"), [proof]), Err(DpopOutcome::OAuth(Outcome::Malformed { .. }))));
    /// ```
    pub fn read<'v, V, I>(
        &self,
        authorization: Option<&'v V>,
        proofs: I,
    ) -> Result<DpopRequest<'v>, DpopOutcome<'static>>
    where
        V: AsRef<[u8]> + ?Sized + 'v,
        I: IntoIterator<Item = &'v V>,
    {
        let token = read_value(authorization, dpop::parse_credentials)?;
        self.proof(token, proofs)
    }

    /// The request of `token` and the one proof of `proofs`.
    pub(super) fn proof<'v, V, I>(
        &self,
        token: Token68Credentials<'v>,
        proofs: I,
    ) -> Result<DpopRequest<'v>, DpopOutcome<'static>>
    where
        V: AsRef<[u8]> + ?Sized + 'v,
        I: IntoIterator<Item = &'v V>,
    {
        let refuse = |text| DpopOutcome::InvalidProof {
            description: Some(text),
        };
        let mut lines = proofs.into_iter();
        let first = lines.next().ok_or(refuse(NO_PROOF))?;
        if lines.next().is_some() {
            return Err(refuse(TWO_PROOFS));
        }
        let proof = DpopProof::parse(first).map_err(|_| refuse(NOT_JWS))?;
        Ok(DpopRequest { token, proof })
    }

    /// The reply for `outcome` (an [`Outcome`] converts): the status of its
    /// error code and the challenge `DPoP realm="…", algs="…"` with the
    /// error, and for [`DpopOutcome::UseNonce`] the nonce
    /// ([`Reply::dpop_nonce`]). Fails only when a description, scope, the
    /// `algs` or a configured string holds a character that RFC 6750 §3
    /// forbids.
    ///
    /// ```
    /// # #[cfg(feature = "alloc")] {
    /// use auth_headers::server::{DpopOutcome, DpopServer, Outcome};
    /// let api = DpopServer::new("api").algs("ES256");
    /// let r = api.reply(Outcome::NoCredentials).unwrap();
    /// assert_eq!((r.status(), r.www_authenticate().unwrap().to_string().unwrap().as_str()),
    ///            (401, r#"DPoP realm="api", algs="ES256""#));
    /// let r = api.reply(DpopOutcome::InvalidProof { description: Some("bad signature") }).unwrap();
    /// assert_eq!(r.www_authenticate().unwrap().to_string().unwrap(),
    ///            r#"DPoP realm="api", algs="ES256", error="invalid_dpop_proof", error_description="bad signature""#);
    /// assert_eq!(api.reply(Outcome::Malformed { description: None }).unwrap().status(), 400);
    /// # }
    /// ```
    pub fn reply(&self, outcome: impl Into<DpopOutcome<'a>>) -> Result<Reply<'a>, BuildError> {
        let outcome = outcome.into();
        let (description, scope, nonce) = match outcome {
            DpopOutcome::OAuth(o) => (o.description(), o.scope(), None),
            DpopOutcome::InvalidProof { description } => (description, None, None),
            DpopOutcome::UseNonce { nonce, description } => (description, None, Some(nonce)),
        };
        let mut reply = self.oauth.reply(
            dpop::SCHEME,
            self.algs,
            outcome.error_code(),
            description,
            scope,
            Side::Origin,
        )?;
        reply.nonce = nonce;
        Ok(reply)
    }
}
