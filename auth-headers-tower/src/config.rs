//! What the layer is configured with, what the validator receives and
//! returns, and the identity handlers see.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use auth_headers::server::{secret_eq, BasicUsers, DpopRequest, Lines, Side};
use http::{HeaderValue, Method, Uri};
use zeroize::Zeroizing;

/// A boxed, `Send` future: what a [`Validator`] returns when it waits
/// ([`Verdict::Pending`]).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An authentication scheme the layer offers.
///
/// Challenges are written strongest first, whatever the order of
/// configuration: [`Dpop`](Scheme::Dpop) (a sender-constrained token
/// beats a bearer one), then [`Bearer`](Scheme::Bearer), then
/// [`Digest`](Scheme::Digest) (one challenge per algorithm, strongest
/// first), then [`Basic`](Scheme::Basic).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Scheme {
    /// OAuth 2.0 DPoP-bound access tokens (RFC 9449), origin servers only.
    Dpop,
    /// OAuth 2.0 Bearer tokens (RFC 6750).
    Bearer,
    /// Digest (RFC 7616), feature `digest`.
    Digest,
    /// Basic (RFC 7617).
    Basic,
}

impl Scheme {
    /// The scheme's name as written in challenges.
    pub const fn name(self) -> &'static str {
        match self {
            Scheme::Dpop => "DPoP",
            Scheme::Bearer => "Bearer",
            Scheme::Digest => "Digest",
            Scheme::Basic => "Basic",
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who the request authenticated as: what the validator returns, and what
/// handlers receive (request extensions, or the axum extractors).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    scheme: Scheme,
    subject: Cow<'static, str>,
    scopes: Vec<String>,
}

impl Identity {
    /// An identity for `subject` (a user name, a token's `sub` …) with no
    /// scope. The layer sets the scheme it came by. A `&'static str` (a
    /// client name, an account of a static list) is kept as it is, without
    /// a copy; a `String` is taken as it is.
    pub fn new(subject: impl Into<Cow<'static, str>>) -> Self {
        Identity {
            scheme: Scheme::Bearer,
            subject: subject.into(),
            scopes: Vec::new(),
        }
    }

    /// Adds the scopes of a space-separated list (RFC 6750 §3 `scope`).
    pub fn with_scopes(mut self, scopes: &str) -> Self {
        self.scopes.extend(
            scopes
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(String::from),
        );
        self
    }

    /// The scheme the credentials came by.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    pub(crate) fn came_by(mut self, scheme: Scheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// The subject.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The scopes granted.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// Whether every scope of the space-separated `required` is granted.
    pub fn has_scopes(&self, required: &str) -> bool {
        required
            .split(' ')
            .filter(|s| !s.is_empty())
            .all(|r| self.scopes.iter().any(|s| s == r))
    }
}

/// Why the validator refuses credentials.
#[derive(Debug)]
#[non_exhaustive]
pub enum Denial {
    /// Invalid, expired or revoked credentials: Bearer and DPoP answer 401
    /// `error="invalid_token"` with the description (RFC 6750 §3.1, RFC
    /// 9449 §7.1); Basic and Digest answer 401 with their challenges.
    InvalidCredentials {
        /// Text for the developer; written in its lossy form
        /// ([`lossy_description`](auth_headers::server::lossy_description)),
        /// so any text is safe.
        description: Option<String>,
    },
    /// Valid credentials that lack a scope: 403, with Bearer's
    /// `error="insufficient_scope"` and `scope` (RFC 6750 §3.1).
    InsufficientScope {
        /// The scope the request needs, space-separated.
        scope: String,
        /// Text for the developer (lossy form).
        description: Option<String>,
    },
    /// The DPoP proof fails the checks of RFC 9449 §4.3 (signature, `typ`,
    /// `alg`, `jti` replay, `htm`, `htu`, `iat`, `ath`, the key binding):
    /// 401 with `DPoP … error="invalid_dpop_proof"` (RFC 9449 §7.1). For
    /// other schemes it is [`Denial::InvalidCredentials`].
    InvalidDpopProof {
        /// Text for the developer (lossy form).
        description: Option<String>,
    },
    /// The DPoP proof must carry this server's nonce (RFC 9449 §9): 401
    /// with `DPoP … error="use_dpop_nonce"` and `DPoP-Nonce: <nonce>`. A
    /// nonce that is not `1*NQCHAR` (RFC 9449 §8.1) is the application's
    /// bug: 500. For other schemes it is [`Denial::InvalidCredentials`].
    UseDpopNonce {
        /// The nonce the client's next proof is to carry (unpredictable,
        /// RFC 9449 §8).
        nonce: String,
        /// Text for the developer (lossy form).
        description: Option<String>,
    },
    /// The validator could not decide (a database down, a key server
    /// unreachable): 500, never 401, so that clients do not drop good
    /// credentials (tower-http PR #118). The error is not sent.
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

impl Denial {
    /// [`Denial::InvalidCredentials`] with a description.
    pub fn invalid(description: impl Into<String>) -> Self {
        Denial::InvalidCredentials {
            description: Some(description.into()),
        }
    }

    /// [`Denial::InvalidCredentials`] without a description.
    pub fn invalid_silent() -> Self {
        Denial::InvalidCredentials { description: None }
    }

    /// [`Denial::InsufficientScope`] for `scope`.
    pub fn insufficient_scope(scope: impl Into<String>) -> Self {
        Denial::InsufficientScope {
            scope: scope.into(),
            description: None,
        }
    }

    /// [`Denial::InvalidDpopProof`] with a description.
    pub fn invalid_dpop_proof(description: impl Into<String>) -> Self {
        Denial::InvalidDpopProof {
            description: Some(description.into()),
        }
    }

    /// [`Denial::UseDpopNonce`] for `nonce`, described as RFC 9449 §9's
    /// example is ("Resource server requires nonce in DPoP proof").
    pub fn use_dpop_nonce(nonce: impl Into<String>) -> Self {
        Denial::UseDpopNonce {
            nonce: nonce.into(),
            description: Some("Resource server requires nonce in DPoP proof".into()),
        }
    }

    /// [`Denial::Internal`].
    pub fn internal(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Denial::Internal(e.into())
    }
}

/// A Bearer token as sent. `Debug` does not show it; compare it with
/// [`BearerToken::matches`] or [`BearerToken::find_in`], which take
/// constant time.
///
/// It is not a copy: it shares the request's header line, so there is no
/// second copy of the secret to allocate and wipe. A header value hyper
/// parsed is a slice of the bytes the connection read, and cloning it
/// counts a reference; one made with `HeaderValue::from_str` or
/// `from_bytes` allocates once, on its first clone. Those bytes are the
/// server's to wipe, as they were before the layer saw them, but they now
/// live as long as the token does, the rest of the request's head with
/// them (`Cookie` included): do not keep a `BearerToken` past the request.
/// To keep the token, copy it (`Zeroizing::new(t.as_str().to_owned())`).
#[derive(Clone)]
pub struct BearerToken {
    line: HeaderValue,
    start: usize,
    end: usize,
}

impl BearerToken {
    /// The token `token`, read from `line` at byte `start`.
    pub(crate) fn new(line: &HeaderValue, start: usize, token: &str) -> Self {
        BearerToken {
            line: line.clone(),
            start,
            end: start + token.len(),
        }
    }

    fn bytes(&self) -> &[u8] {
        (self.line.as_bytes().get(self.start..self.end)).unwrap_or_default()
    }

    /// The token (for a lookup by hash, or a JWT verification).
    pub fn as_str(&self) -> &str {
        // A token68 is ASCII: this never falls back.
        std::str::from_utf8(self.bytes()).unwrap_or_default()
    }

    /// Whether the token is `expected`, in constant time.
    pub fn matches(&self, expected: &str) -> bool {
        secret_eq(self.bytes(), expected.as_bytes())
    }

    /// The value of the entry of `table` whose token this is: every entry
    /// is compared, each in constant time, so the time does not say which
    /// entry matched (or whether one did).
    pub fn find_in<'t, T>(&self, table: &'t [(&str, T)]) -> Option<&'t T> {
        let mut found = None;
        for (token, value) in table {
            // No early exit: every entry costs the same.
            if self.matches(token) & found.is_none() {
                found = Some(value);
            }
        }
        found
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(<redacted>)")
    }
}

/// A DPoP request (RFC 9449 §7.1), well-formed: the access token of
/// `Authorization: DPoP <token68>`, the proof of the one `DPoP` header (a
/// JWS in compact serialization, not yet verified), and what the proof is
/// checked against, the request's method and target. `Debug` shows
/// neither the token nor the proof.
///
/// # Verifying it is the validator's job
/// The layer checks the shape only. RFC 9449 §4.3 and §7.1 leave the
/// rest to the resource server, that is to the validator, with a JOSE
/// library (`jsonwebtoken`, or `josekit`; `p256` / `ed25519-dalek` for the
/// raw keys; `sha2` and `base64` for `ath` and the thumbprint):
/// 1. decode the JOSE header: `typ` is `dpop+jwt`, `alg` one of the
///    offered `algs` (never `none` or a symmetric one), `jwk` a public key;
/// 2. verify the signature over [`DpopCredentials::proof`] with that `jwk`;
/// 3. `htm` is [`DpopCredentials::method`], `htu` is
///    [`DpopCredentials::htu`] with the server's public origin (after
///    RFC 3986 §6 normalization, RFC 9449 §4.3);
/// 4. `iat` within a short window, and `nonce` if the server gave one
///    (else [`Denial::use_dpop_nonce`]);
/// 5. `jti` not seen before within that window (a bounded store, as the
///    Digest replay store is);
/// 6. `ath` is the base64url SHA-256 of the access token;
/// 7. the token is valid, and bound to this key: its `cnf.jkt` (JWT or
///    introspection) is the RFC 7638 thumbprint of `jwk` (RFC 9449 §6).
///
/// A failure of 1 to 6 is [`Denial::invalid_dpop_proof`]; of 7,
/// [`Denial::invalid`] (`invalid_token`, RFC 9449 Figure 16).
#[derive(Clone)]
pub struct DpopCredentials {
    token: BearerToken,
    // Boxed: inline, the method and the target made every `Credentials`
    // (a Bearer token's too) 192 bytes, copied with `memcpy` on its way
    // to the validator.
    request: Box<DpopProofRequest>,
}

/// The proof, and the request it is checked against.
#[derive(Clone)]
struct DpopProofRequest {
    proof: String,
    /// Where the proof's two dots are, as the core's `DpopProof` found them.
    dots: (usize, usize),
    method: Method,
    target: Uri,
}

impl DpopCredentials {
    /// The request read from `line` (the `Authorization` value).
    pub(crate) fn new(
        request: &DpopRequest<'_>,
        line: &HeaderValue,
        method: &Method,
        target: &Uri,
    ) -> Self {
        let token = request.credentials();
        let proof = request.proof();
        let header = proof.header().len();
        DpopCredentials {
            token: BearerToken::new(line, token.offset(), token.token()),
            request: Box::new(DpopProofRequest {
                proof: proof.as_str().to_owned(),
                dots: (header, header + 1 + proof.payload().len()),
                method: method.clone(),
                target: target.clone(),
            }),
        }
    }

    /// The access token; compare it with [`BearerToken::matches`] or
    /// [`BearerToken::find_in`] (constant time).
    pub fn access_token(&self) -> &BearerToken {
        &self.token
    }

    /// The proof JWT as sent (JWS compact serialization).
    pub fn proof(&self) -> &str {
        &self.request.proof
    }

    /// The proof's three base64url segments: the JOSE header, the claims,
    /// the signature (as the core's
    /// [`DpopProof`](auth_headers::schemes::dpop::DpopProof) found them).
    pub fn proof_segments(&self) -> [&str; 3] {
        let (proof, (a, b)) = (&self.request.proof, self.request.dots);
        [
            proof.get(..a).unwrap_or_default(),
            proof.get(a + 1..b).unwrap_or_default(),
            proof.get(b + 1..).unwrap_or_default(),
        ]
    }

    /// What the proof's signature is over: the JOSE header and the claims
    /// with the dot between them (RFC 7515 §5.2, the JWS signing input).
    pub fn signing_input(&self) -> &str {
        (self.request.proof.get(..self.request.dots.1)).unwrap_or_default()
    }

    /// The request's method, for `htm`.
    pub fn method(&self) -> &Method {
        &self.request.method
    }

    /// The request-target as received: path and query in origin form, with
    /// scheme and authority too in absolute form or over HTTP/2 (`htu`
    /// reads the path only, [`DpopCredentials::htu`]).
    pub fn target(&self) -> &Uri {
        &self.request.target
    }

    /// The `htu` this request should carry (RFC 9449 §4.2: the target URI
    /// without query and fragment): `origin` (the server's public
    /// `scheme://host[:port]`, from configuration, not from the `Host`
    /// header a client chose) followed by the target's path.
    ///
    /// ```
    /// # fn f(c: &auth_headers_tower::DpopCredentials) {
    /// // For `GET /files?x=1`: "https://api.example/files".
    /// let htu = c.htu("https://api.example");
    /// # }
    /// ```
    pub fn htu(&self, origin: &str) -> String {
        format!(
            "{}{}",
            origin.trim_end_matches('/'),
            self.request.target.path()
        )
    }
}

impl fmt::Debug for DpopCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DpopCredentials")
            .field("token", &self.token)
            .field("proof", &format_args!("<redacted>"))
            .field("method", &self.request.method)
            .field("target", &self.request.target.path())
            .finish()
    }
}

/// Decoded Basic credentials (RFC 7617 §2). The bytes are wiped on drop;
/// `Debug` shows the user-id only. Check them with [`BasicLogin::find_in`]
/// (a static account list) or [`BasicLogin::password`] and a password
/// hash's own verification.
#[derive(Clone)]
pub struct BasicLogin {
    user_pass: Zeroizing<Vec<u8>>,
    colon: usize,
}

impl BasicLogin {
    /// The login decoded into `buf`: `user-id ":" password` at its start
    /// (as [`BasicServer::decode`](auth_headers::server::BasicServer::decode)
    /// leaves it), `len` bytes with the `:` at `colon`. The bytes past
    /// `len` are dropped; the whole capacity is wiped on drop.
    pub(crate) fn from_decoded(mut buf: Zeroizing<Vec<u8>>, colon: usize, len: usize) -> Self {
        debug_assert!(colon < len && buf.get(colon) == Some(&b':'));
        buf.truncate(len);
        BasicLogin {
            user_pass: buf,
            colon,
        }
    }

    /// The user-id, as bytes.
    pub fn user_id(&self) -> &[u8] {
        &self.user_pass[..self.colon]
    }

    /// The user-id as text, if it is UTF-8 (always, when the layer
    /// announced `charset="UTF-8"`: it refuses other bytes then).
    pub fn user(&self) -> Option<&str> {
        std::str::from_utf8(self.user_id()).ok()
    }

    /// The password, as bytes: hand it to the password hash's verification.
    pub fn password(&self) -> &[u8] {
        &self.user_pass[self.colon + 1..]
    }

    /// The account of `users` these credentials name, compared in constant
    /// time ([`BasicUsers::find`]).
    pub fn find_in<'u>(&self, users: &BasicUsers<'u>) -> Option<&'u str> {
        users.find(self.user_id(), self.password())
    }
}

impl fmt::Debug for BasicLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicLogin")
            .field("user_id", &String::from_utf8_lossy(self.user_id()))
            .field("password", &format_args!("<redacted>"))
            .finish()
    }
}

/// The typed credentials the validator receives.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Credentials {
    /// A DPoP-bound access token with its proof, well-formed (RFC 9449
    /// §7.1); neither checked yet: see [`DpopCredentials`] for what the
    /// validator verifies.
    Dpop(DpopCredentials),
    /// A Bearer token, well-formed (RFC 6750 §2.1); not yet checked. When
    /// the layer offers DPoP too, a DPoP-bound token (one with `cnf.jkt`)
    /// sent as a Bearer token must be refused (RFC 9449 §7.2: "MUST reject
    /// a DPoP-bound access token received as a bearer token"): the layer
    /// cannot tell, the validator can.
    Bearer(BearerToken),
    /// Basic credentials, decoded (and UTF-8 when `charset="UTF-8"` was
    /// announced); not yet checked.
    Basic(BasicLogin),
    /// A Digest user whose response the layer has already verified
    /// against the password the Digest configuration gave: map it to an
    /// identity (and its scopes).
    Digest {
        /// The username (from `username`, or `username*` decoded).
        user: String,
    },
}

/// What a [`Validator`] answers: the verdict at once, or a future of it.
///
/// A validator that needs no I/O (a constant-time compare against a table,
/// a JWT verified with a key in memory) answers [`Verdict::Ready`], and the
/// layer then costs no allocation for it and no future of its own: it
/// calls the inner service directly. One that awaits (a database, an
/// introspection endpoint) answers [`Verdict::Pending`].
pub enum Verdict {
    /// Decided without waiting.
    Ready(Result<Identity, Denial>),
    /// To be awaited.
    Pending(BoxFuture<'static, Result<Identity, Denial>>),
}

impl fmt::Debug for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Ready(r) => f.debug_tuple("Ready").field(r).finish(),
            Verdict::Pending(_) => f.write_str("Pending(..)"),
        }
    }
}

impl Verdict {
    /// The verdict, awaited if it is pending.
    pub async fn into_result(self) -> Result<Identity, Denial> {
        match self {
            Verdict::Ready(r) => r,
            Verdict::Pending(f) => f.await,
        }
    }
}

/// The application's check of credentials: an identity, or a [`Denial`],
/// now or later ([`Verdict`]).
///
/// Any `Fn(Credentials) -> impl Future<Output = Result<Identity, Denial>>`
/// (`Send + Sync + 'static`, the future `Send + 'static`) is a validator:
/// its future is boxed ([`Verdict::Pending`]). A check that never waits
/// is cheaper as a [`SyncValidator`], a plain function whose answer is
/// [`Verdict::Ready`]. A [`Verdict::Pending`] future is `'static`: it
/// cannot borrow the validator, so a validator written by hand moves what
/// it needs into it (an `Arc` of its state, cloned).
pub trait Validator: Send + Sync + 'static {
    /// Checks `credentials`.
    fn validate(&self, credentials: Credentials) -> Verdict;
}

impl<F, Fut> Validator for F
where
    F: Fn(Credentials) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Identity, Denial>> + Send + 'static,
{
    fn validate(&self, credentials: Credentials) -> Verdict {
        Verdict::Pending(Box::pin(self(credentials)))
    }
}

/// A validator that decides without waiting: any
/// `Fn(Credentials) -> Result<Identity, Denial>` (`Send + Sync +
/// 'static`), answered as [`Verdict::Ready`], so that a request costs
/// no boxed future.
///
/// ```
/// use auth_headers_tower::{AuthConfig, Credentials, Denial, Identity, SyncValidator};
///
/// let config = AuthConfig::builder(
///     "api",
///     SyncValidator(|c: Credentials| match c {
///         Credentials::Bearer(t) if t.matches("s3cret-token") => Ok(Identity::new("client")),
///         _ => Err(Denial::invalid_silent()),
///     }),
/// )
/// .bearer()
/// .build()
/// .unwrap();
/// # let _ = config;
/// ```
#[derive(Clone, Copy)]
pub struct SyncValidator<F>(pub F);

impl<F> fmt::Debug for SyncValidator<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SyncValidator(..)")
    }
}

impl<F> Validator for SyncValidator<F>
where
    F: Fn(Credentials) -> Result<Identity, Denial> + Send + Sync + 'static,
{
    fn validate(&self, credentials: Credentials) -> Verdict {
        Verdict::Ready((self.0)(credentials))
    }
}

/// The layer's configuration; cheap to clone (one `Arc`). Build it with
/// [`AuthConfig::builder`].
#[derive(Clone)]
pub struct AuthConfig {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) realm: String,
    pub(crate) schemes: Vec<Scheme>,
    pub(crate) resource_metadata: Option<String>,
    pub(crate) side: Side,
    pub(crate) lines: Lines,
    pub(crate) basic_utf8: bool,
    pub(crate) dpop_algs: String,
    pub(crate) validator: Box<dyn Validator>,
    #[cfg(feature = "digest")]
    pub(crate) digest: Option<crate::digest::DigestConfig>,
}

impl fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthConfig")
            .field("realm", &self.inner.realm)
            .field("schemes", &self.inner.schemes)
            .field("resource_metadata", &self.inner.resource_metadata)
            .field("side", &self.inner.side)
            .field("lines", &self.inner.lines)
            .finish_non_exhaustive()
    }
}

impl AuthConfig {
    /// Starts a configuration for `realm` with `validator`.
    pub fn builder(realm: impl Into<String>, validator: impl Validator) -> AuthConfigBuilder {
        AuthConfigBuilder {
            realm: realm.into(),
            schemes: Vec::new(),
            resource_metadata: None,
            side: Side::Origin,
            lines: Lines::OnePerChallenge,
            basic_utf8: true,
            dpop_algs: String::new(),
            validator: Box::new(validator),
            #[cfg(feature = "digest")]
            digest: None,
        }
    }

    /// The realm.
    pub fn realm(&self) -> &str {
        &self.inner.realm
    }

    /// The schemes offered, strongest first.
    pub fn schemes(&self) -> &[Scheme] {
        &self.inner.schemes
    }

    /// Whether this configuration answers as an origin server or a proxy.
    pub fn side(&self) -> Side {
        self.inner.side
    }

    pub(crate) fn offers(&self, s: Scheme) -> bool {
        self.inner.schemes.contains(&s)
    }
}

/// Builds an [`AuthConfig`].
pub struct AuthConfigBuilder {
    realm: String,
    schemes: Vec<Scheme>,
    resource_metadata: Option<String>,
    side: Side,
    lines: Lines,
    basic_utf8: bool,
    dpop_algs: String,
    validator: Box<dyn Validator>,
    #[cfg(feature = "digest")]
    digest: Option<crate::digest::DigestConfig>,
}

impl fmt::Debug for AuthConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthConfigBuilder")
            .field("realm", &self.realm)
            .field("schemes", &self.schemes)
            .finish_non_exhaustive()
    }
}

impl AuthConfigBuilder {
    fn offer(mut self, s: Scheme) -> Self {
        if !self.schemes.contains(&s) {
            self.schemes.push(s);
            self.schemes.sort();
        }
        self
    }

    /// Offers Bearer (RFC 6750).
    pub fn bearer(self) -> Self {
        self.offer(Scheme::Bearer)
    }

    /// Offers DPoP (RFC 9449) with proofs signed by one of `algs`, the JWS
    /// `alg` names the validator verifies (`["ES256", "PS256"]`), written
    /// as `algs` in the challenge (RFC 9449 §7.1; none when empty): 401
    /// `DPoP realm="…", algs="ES256 PS256"`, before Bearer's challenge when
    /// both are offered. The validator receives [`Credentials::Dpop`].
    ///
    /// DPoP is for origin servers only (RFC 9449 §7.1: it "MUST NOT be used
    /// with the `Proxy-Authenticate` or `Proxy-Authorization` header
    /// fields"): with [`AuthConfigBuilder::proxy`], `build` refuses it
    /// ([`ConfigError::DpopProxy`]).
    pub fn dpop(mut self, algs: &[&str]) -> Self {
        self.dpop_algs = algs.join(" ");
        self.offer(Scheme::Dpop)
    }

    /// Offers Basic (RFC 7617), announcing `charset="UTF-8"` (RFC 7617
    /// §2.1) and refusing user-ids and passwords that are not UTF-8.
    pub fn basic(self) -> Self {
        self.offer(Scheme::Basic)
    }

    /// Offers Basic without `charset="UTF-8"`: the bytes reach the
    /// validator as sent, in an encoding RFC 7617 leaves unspecified.
    pub fn basic_any_charset(mut self) -> Self {
        self.basic_utf8 = false;
        self.offer(Scheme::Basic)
    }

    /// Offers Digest (RFC 7616) as `digest` configures it.
    #[cfg(feature = "digest")]
    pub fn digest(mut self, digest: crate::digest::DigestConfig) -> Self {
        self.digest = Some(digest);
        self.offer(Scheme::Digest)
    }

    /// Adds `resource_metadata` (RFC 9728 §5.1) to every Bearer and DPoP challenge:
    /// the URL of this resource's metadata document (the MCP
    /// authorization spec requires it on 401).
    pub fn resource_metadata(mut self, url: impl Into<String>) -> Self {
        self.resource_metadata = Some(url.into());
        self
    }

    /// Answers as a proxy (RFC 9110 §11.7): reads `Proxy-Authorization`,
    /// answers 407 with `Proxy-Authenticate`, and sends
    /// `Proxy-Authentication-Info`.
    pub fn proxy(mut self) -> Self {
        self.side = Side::Proxy;
        self
    }

    /// Writes all challenges on one header line, joined with `, `, in
    /// place of one line per challenge (the default: Chromium reads only
    /// one challenge per line, and some browsers mishandle joined lists,
    /// werkzeug PR #1755).
    pub fn joined_challenges(mut self) -> Self {
        self.lines = Lines::Joined;
        self
    }

    /// The configuration. Fails when no scheme is offered, when DPoP is
    /// offered by a proxy, or when the realm, the `resource_metadata` URL
    /// or a DPoP `alg` cannot be written in a challenge (a control byte; a
    /// `"` or `\` in the URL or an `alg`).
    pub fn build(self) -> Result<AuthConfig, ConfigError> {
        if self.side == Side::Proxy && self.schemes.contains(&Scheme::Dpop) {
            return Err(ConfigError::DpopProxy);
        }
        let config = AuthConfig {
            inner: Arc::new(Inner {
                realm: self.realm,
                schemes: self.schemes,
                resource_metadata: self.resource_metadata,
                side: self.side,
                lines: self.lines,
                basic_utf8: self.basic_utf8,
                dpop_algs: self.dpop_algs,
                validator: self.validator,
                #[cfg(feature = "digest")]
                digest: self.digest,
            }),
        };
        // Every challenge this configuration can write, written once.
        crate::exchange::check(&config)?;
        Ok(config)
    }
}

/// Why a configuration cannot be built (or, at run time, a challenge
/// written: then the answer is 500).
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// No scheme is offered: a 401 needs a challenge (RFC 9110 §15.5.2).
    NoScheme,
    /// DPoP is offered by a proxy: RFC 9449 §7.1 forbids DPoP in
    /// `Proxy-Authenticate` and `Proxy-Authorization`.
    DpopProxy,
    /// A configured string cannot be written in a challenge.
    Unwritable(auth_headers::BuildError),
    /// The operating system's random source failed (Digest nonce salts).
    Random,
    /// The Digest configuration was refused by the core's `DigestServer`
    /// (a nonce key shorter than 32 bytes).
    #[cfg(feature = "digest")]
    Digest(auth_headers::schemes::digest::DigestError),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NoScheme => f.write_str("no authentication scheme is offered"),
            ConfigError::DpopProxy => {
                f.write_str("DPoP is for origin servers only (RFC 9449 7.1), not for a proxy")
            }
            ConfigError::Unwritable(e) => write!(f, "cannot write the challenge: {e}"),
            ConfigError::Random => f.write_str("the random source failed"),
            #[cfg(feature = "digest")]
            ConfigError::Digest(e) => write!(f, "Digest: {e}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<auth_headers::BuildError> for ConfigError {
    fn from(e: auth_headers::BuildError) -> Self {
        ConfigError::Unwritable(e)
    }
}
