//! A sans-IO authentication flow (feature `http`): it adds credentials to
//! an outgoing request and, given the response head, says what to do next.
//! It does no I/O and knows no client library; the adapters
//! (`auth-headers-reqwest`, `auth-headers-tower-client`) are thin shells
//! over it.
//!
//! In the spirit of httpx's `Auth.auth_flow` and OkHttp's `Authenticator`,
//! and of what their trackers complain about: it answers 401
//! (`WWW-Authenticate` → `Authorization`) and 407 (`Proxy-Authenticate` →
//! `Proxy-Authorization`), reading every header line; it never answers
//! twice with credentials that were just refused (no loops), and bounds the
//! attempts; it sees 403 too, for the Bearer step-up of RFC 6750 §3.1.
//!
//! | Response | [`Next`] |
//! |---|---|
//! | 401 `Basic` / `Digest` / `Bearer` (no error), credentials at hand | [`Retry`](Next::Retry), with them |
//! | 401 to credentials just sent | [`GiveUp`](Next::GiveUp) ([`Why::Rejected`]) |
//! | 401 `Digest … stale=true` to a Digest answer | [`Retry`](Next::Retry) once ([`Why::StaleNonce`]) |
//! | 401 `Bearer error="invalid_token"` | [`Refresh`](Next::Refresh) once: a new token from the [`TokenSource`] |
//! | 401/403 `Bearer error="insufficient_scope"` | [`StepUp`](Next::StepUp): a token for [`Decision::step_up`]'s scopes (the union of those asked so far, MCP SEP-2350) |
//! | 401 `Bearer error="insufficient_user_authentication"` | [`StepUp`](Next::StepUp) with RFC 9470 `acr_values` / `max_age` |
//! | 401 `DPoP error="use_dpop_nonce"` | [`Retry`](Next::Retry) once with [`Decision::dpop_nonce`] in the proof |
//! | 401 `NTLM` / `Negotiate` only | [`GiveUp`](Next::GiveUp) ([`Why::ConnectionBound`]): they authenticate a connection, not a request |
//! | 2xx with a wrong Digest `rspauth` | [`GiveUp`](Next::GiveUp) ([`Why::RspauthMismatch`]) |
//! | anything else | [`Done`](Next::Done) |
//!
//! Credentials are given for one origin ([`Origin`]: scheme, host, port)
//! and never sent to another, also after a redirect. They are reused
//! preemptively within their protection space: Bearer on the whole origin,
//! Basic below the directory of a URI it was accepted for (RFC 7617 §2.2),
//! Digest with the next nonce count or the `nextnonce`. `resource_metadata`
//! (RFC 9728 §5.1) is reported with a flag saying whether it is on the
//! request's origin; the flow never fetches it.
//!
//! ```
//! use auth_headers::client::flow::{Exchange, Flow, Next};
//! use http::{Request, Response, StatusCode};
//!
//! let mut flow = Flow::for_url("http://api.example/").unwrap().user("Aladdin", "open sesame");
//! let mut req = Request::get("http://api.example/files/a").body(()).unwrap();
//! let mut ex = Exchange::new();
//! flow.authorize(&mut ex, &mut req, Some(b"")).unwrap();
//! assert!(req.headers().get("authorization").is_none()); // nothing preemptive yet
//! let res = Response::builder().status(401).header("www-authenticate", r#"Basic realm="files""#).body(()).unwrap();
//! let d = flow.on_response(&mut ex, res.status(), res.headers());
//! assert_eq!(d.next(), Next::Retry);
//! flow.authorize(&mut ex, &mut req, Some(b"")).unwrap();
//! assert_eq!(req.headers()["authorization"], "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
//! let d = flow.on_response(&mut ex, StatusCode::OK, &http::HeaderMap::new());
//! assert_eq!(d.next(), Next::Done);
//! // RFC 7617 §2.2: reused below /files/, not elsewhere, never on another origin.
//! let mut other = Request::get("http://api.example/files/b").body(()).unwrap();
//! flow.authorize(&mut Exchange::new(), &mut other, None).unwrap();
//! assert!(other.headers().contains_key("authorization"));
//! let mut evil = Request::get("http://evil.example/files/b").body(()).unwrap();
//! flow.authorize(&mut Exchange::new(), &mut evil, None).unwrap();
//! assert!(!evil.headers().contains_key("authorization"));
//! ```

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use http::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, PROXY_AUTHENTICATE, PROXY_AUTHORIZATION,
    WWW_AUTHENTICATE,
};
use http::{Method, Request, StatusCode, Uri};

use crate::schemes::bearer::{BearerChallenge, ErrorCode};
use crate::schemes::dpop::DpopChallenge;
use crate::{Challenge, Challenges};

#[cfg(feature = "digest")]
use crate::schemes::digest::{
    Algorithm, ChallengeOutcome, Hex, OwnedAnswer, OwnedDigestClient, UsernameForm,
};

/// A web origin (RFC 6454): scheme, host and port, compared exactly
/// (scheme and host in lower case, the default port filled in).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// The origin of an absolute URI; `None` for a relative one or a scheme
    /// other than `http`/`https` without a port.
    pub fn of(uri: &Uri) -> Option<Origin> {
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let host = uri.host()?.to_ascii_lowercase();
        let port = match (uri.port_u16(), scheme.as_str()) {
            (Some(p), _) => p,
            (None, "http") => 80,
            (None, "https") => 443,
            (None, _) => return None,
        };
        Some(Origin { scheme, host, port })
    }

    /// The origin of a URL written as text.
    pub fn parse(url: &str) -> Option<Origin> {
        Origin::of(&url.parse::<Uri>().ok()?)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Origin({self})")
    }
}

/// Whether a 401 (server) or a 407 (proxy) is being answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The origin server: `WWW-Authenticate`, `Authorization`.
    Server,
    /// The proxy: `Proxy-Authenticate`, `Proxy-Authorization`.
    Proxy,
}

impl Target {
    fn challenge_field(self) -> HeaderName {
        match self {
            Target::Server => WWW_AUTHENTICATE,
            Target::Proxy => PROXY_AUTHENTICATE,
        }
    }

    fn credentials_field(self) -> HeaderName {
        match self {
            Target::Server => AUTHORIZATION,
            Target::Proxy => PROXY_AUTHORIZATION,
        }
    }

    #[cfg(feature = "digest")]
    fn info_field(self) -> HeaderName {
        match self {
            Target::Server => HeaderName::from_static("authentication-info"),
            Target::Proxy => HeaderName::from_static("proxy-authentication-info"),
        }
    }
}

/// A scheme the flow sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// `Basic` (RFC 7617).
    Basic,
    /// `Digest` (RFC 7616, feature `digest`).
    Digest,
    /// `Bearer` (RFC 6750).
    Bearer,
}

impl Scheme {
    /// The scheme's name as sent.
    pub const fn name(self) -> &'static str {
        match self {
            Scheme::Basic => "Basic",
            Scheme::Digest => "Digest",
            Scheme::Bearer => "Bearer",
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What to do after a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Next {
    /// Send the request again, through [`Flow::authorize`] first.
    Retry,
    /// Get a new access token ([`TokenSource::refresh`]), give it to
    /// [`Flow::set_token`], then retry.
    Refresh,
    /// Get a token for [`Decision::step_up`] ([`TokenSource::step_up`]),
    /// give it to [`Flow::set_token`], then retry.
    StepUp,
    /// The response is final and the flow accepts it.
    Done,
    /// The response is final and the flow did not get through; see
    /// [`Decision::why`].
    GiveUp,
}

impl Next {
    /// `"retry"`, `"refresh"`, `"step_up"`, `"done"` or `"give_up"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Next::Retry => "retry",
            Next::Refresh => "refresh",
            Next::StepUp => "step_up",
            Next::Done => "done",
            Next::GiveUp => "give_up",
        }
    }
}

/// Why the flow decided what it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Why {
    /// Not a challenge: the response stands.
    NotChallenged,
    /// Answering a challenge with the scheme.
    Answering(Scheme),
    /// Digest `stale=true`: the same password with the new nonce.
    StaleNonce,
    /// A second `stale=true` in a row.
    StaleAgain,
    /// A new challenge to the credentials just sent: they were refused.
    Rejected,
    /// `invalid_token`: the token expired or was revoked.
    InvalidToken,
    /// `invalid_token` again, to a token just refreshed.
    RefreshedTokenRejected,
    /// The token source had no new token.
    NoNewToken,
    /// `insufficient_scope` (RFC 6750 §3.1).
    InsufficientScope,
    /// `insufficient_scope` again, with no scope beyond those asked for.
    ScopeNotWidened,
    /// `insufficient_user_authentication` (RFC 9470).
    InsufficientUserAuthentication,
    /// DPoP `use_dpop_nonce` (RFC 9449 §9): a new proof with the nonce.
    UseDpopNonce,
    /// `use_dpop_nonce` again, or without a `DPoP-Nonce` header.
    DpopNonceAgain,
    /// An `error` that resending cannot fix (`invalid_request`,
    /// `invalid_dpop_proof`).
    RequestRefused,
    /// Only `NTLM` or `Negotiate` were offered: they authenticate a
    /// connection, not a request, and are not driven by this flow.
    ConnectionBound,
    /// A 401 or 407 without any challenge.
    NoChallenge,
    /// No offered scheme is one the flow supports.
    Unsupported,
    /// Schemes the flow supports, but no credentials for them.
    NoCredentials,
    /// The request's origin is not the one the credentials were given for.
    OtherOrigin,
    /// Only Digest challenges weaker than the configured minimum.
    DigestTooWeak,
    /// Digest `rspauth` did not prove the server knows the password.
    RspauthMismatch,
    /// Digest mutual authentication was required and `rspauth` was absent.
    RspauthMissing,
    /// The Digest challenge or `Authentication-Info` could not be used.
    DigestError,
    /// The bound on attempts ([`Flow::max_attempts`]) was reached.
    TooManyAttempts,
}

impl Why {
    /// A short text for a log.
    pub const fn as_str(self) -> &'static str {
        match self {
            Why::NotChallenged => "not challenged",
            Why::Answering(Scheme::Basic) => "answering Basic",
            Why::Answering(Scheme::Digest) => "answering Digest",
            Why::Answering(Scheme::Bearer) => "answering Bearer",
            Why::StaleNonce => "stale nonce: retrying with the new one",
            Why::StaleAgain => "stale nonce twice in a row",
            Why::Rejected => "credentials rejected",
            Why::InvalidToken => "invalid_token: refreshing the token",
            Why::RefreshedTokenRejected => "invalid_token after a refresh",
            Why::NoNewToken => "the token source had no new token",
            Why::InsufficientScope => "insufficient_scope: stepping up",
            Why::ScopeNotWidened => "insufficient_scope without a new scope",
            Why::InsufficientUserAuthentication => "insufficient_user_authentication: stepping up",
            Why::UseDpopNonce => "use_dpop_nonce: retrying with the DPoP-Nonce",
            Why::DpopNonceAgain => "use_dpop_nonce again or without DPoP-Nonce",
            Why::RequestRefused => "the server refused the request itself",
            Why::ConnectionBound => {
                "NTLM/Negotiate authenticate a connection, not a request: not driven"
            }
            Why::NoChallenge => "no challenge in the response",
            Why::Unsupported => "no supported scheme offered",
            Why::NoCredentials => "no credentials for the offered schemes",
            Why::OtherOrigin => "credentials are for another origin",
            Why::DigestTooWeak => "Digest weaker than the configured minimum",
            Why::RspauthMismatch => "Digest rspauth mismatch: the server is not proven",
            Why::RspauthMissing => "Digest rspauth missing",
            Why::DigestError => "unusable Digest challenge or Authentication-Info",
            Why::TooManyAttempts => "too many attempts",
        }
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a step-up asks for: a token with these scopes (the union of those
/// asked so far and the challenged ones, MCP SEP-2350), or the RFC 9470
/// authentication level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepUp {
    /// The scopes to ask the authorization server for.
    pub scopes: Vec<String>,
    /// RFC 9470 `acr_values`.
    pub acr_values: Vec<String>,
    /// RFC 9470 `max_age`, in seconds.
    pub max_age: Option<u64>,
}

/// RFC 9728 §5.1 `resource_metadata`, as the challenge gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceMetadata {
    /// The URL, unescaped.
    pub url: String,
    /// Whether it is on the origin of the request (a metadata URL on
    /// another origin deserves suspicion: RFC 9728 §7.3).
    pub on_origin: bool,
}

/// The flow's decision on one response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    next: Next,
    why: Why,
    target: Option<Target>,
    challenges: Vec<String>,
    step_up: Option<StepUp>,
    resource_metadata: Option<ResourceMetadata>,
    dpop_nonce: Option<String>,
}

impl Decision {
    fn new(next: Next, why: Why) -> Self {
        Decision {
            next,
            why,
            target: None,
            challenges: Vec::new(),
            step_up: None,
            resource_metadata: None,
            dpop_nonce: None,
        }
    }

    /// The same decision turned into [`Next::GiveUp`] for `why`: for a
    /// caller whose token source had no new token ([`Why::NoNewToken`]).
    pub fn into_give_up(mut self, why: Why) -> Self {
        self.next = Next::GiveUp;
        self.why = why;
        self
    }

    /// What to do.
    pub fn next(&self) -> Next {
        self.next
    }

    /// Why.
    pub fn why(&self) -> Why {
        self.why
    }

    /// Whether the server (401) or the proxy (407) challenged; `None` when
    /// nothing was challenged.
    pub fn target(&self) -> Option<Target> {
        self.target
    }

    /// The schemes of the challenges read, every line, in order.
    pub fn challenges(&self) -> &[String] {
        &self.challenges
    }

    /// For [`Next::StepUp`]: what to ask for.
    pub fn step_up(&self) -> Option<&StepUp> {
        self.step_up.as_ref()
    }

    /// The challenge's `resource_metadata`, never fetched by the flow.
    pub fn resource_metadata(&self) -> Option<&ResourceMetadata> {
        self.resource_metadata.as_ref()
    }

    /// For [`Why::UseDpopNonce`]: the `DPoP-Nonce` to put in the next proof.
    pub fn dpop_nonce(&self) -> Option<&str> {
        self.dpop_nonce.as_deref()
    }
}

/// Where new access tokens come from (an OAuth client, a refresh token, a
/// prompt). The adapters have asynchronous versions.
pub trait TokenSource {
    /// A new token after `invalid_token`, or `None` to give up.
    fn refresh(&mut self) -> Option<String>;
    /// A token meeting `step`, or `None` to give up.
    fn step_up(&mut self, step: &StepUp) -> Option<String>;
}

/// A secret string, wiped on drop with feature `zeroize`, never printed.
#[derive(Clone)]
struct Secret(String);

impl Drop for Secret {
    fn drop(&mut self) {
        #[cfg(feature = "zeroize")]
        {
            use zeroize::Zeroize;
            let mut bytes = core::mem::take(&mut self.0).into_bytes();
            let cap = bytes.capacity();
            bytes.resize(cap, 0);
            bytes.zeroize();
        }
    }
}

/// What one side (server or proxy) holds.
#[derive(Clone, Default)]
struct Side {
    user: Option<(String, Secret)>,
    token: Option<Secret>,
    /// Basic accepted: the path prefixes of its protection space.
    basic_space: Vec<String>,
    basic_anywhere: bool,
    #[cfg(feature = "digest")]
    digest: Option<OwnedDigestClient>,
    scopes: Vec<String>,
}

/// The per-request state of one side.
#[derive(Clone, Default)]
struct Attempt {
    pending: Option<Scheme>,
    sent: Option<Scheme>,
    #[cfg_attr(not(feature = "digest"), allow(dead_code))]
    preemptive: bool,
    #[cfg_attr(not(feature = "digest"), allow(dead_code))]
    stale_retried: bool,
    refreshed: bool,
    dpop_retried: bool,
    acr_stepped: bool,
    #[cfg(feature = "digest")]
    answer: Option<OwnedAnswer>,
}

impl fmt::Debug for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attempt")
            .field("sent", &self.sent)
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

/// The state of one logical request across its retries: make one per
/// request (redirects included: each hop is a new [`Exchange`]), pass it to
/// every [`Flow::authorize`] and [`Flow::on_response`] for that request. It
/// owns what it keeps (a Digest answer among it), so it can be held across
/// an `.await`.
#[derive(Clone, Debug, Default)]
pub struct Exchange {
    attempts: u8,
    origin: Option<Origin>,
    path: String,
    server: Attempt,
    proxy: Attempt,
}

impl Exchange {
    /// A new exchange, before its first request.
    pub fn new() -> Self {
        Exchange::default()
    }

    /// How many requests went through [`Flow::authorize`].
    pub fn attempts(&self) -> u8 {
        self.attempts
    }

    /// The scheme of the `Authorization` the flow put on the last request.
    pub fn sent(&self) -> Option<Scheme> {
        self.server.sent
    }

    /// The scheme of the `Proxy-Authorization` on the last request.
    pub fn proxy_sent(&self) -> Option<Scheme> {
        self.proxy.sent
    }

    /// The Digest algorithm of the last request's `Authorization` (or, if
    /// none, of its `Proxy-Authorization`).
    #[cfg(feature = "digest")]
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.server
            .answer
            .as_ref()
            .or(self.proxy.answer.as_ref())
            .map(|a| a.algorithm())
    }

    fn side(&mut self, t: Target) -> &mut Attempt {
        match t {
            Target::Server => &mut self.server,
            Target::Proxy => &mut self.proxy,
        }
    }
}

/// Why [`Flow::authorize`] could not add credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthorizeError {
    /// The credentials cannot be written (a `:` in a Basic user-id, a
    /// control character).
    Unwritable,
    /// The Digest answer could not be made (see the Digest error's kind).
    #[cfg(feature = "digest")]
    Digest(crate::schemes::digest::DigestErrorKind),
    /// No random bytes for the Digest `cnonce`.
    Random,
}

impl fmt::Display for AuthorizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthorizeError::Unwritable => f.write_str("the credentials cannot be written"),
            #[cfg(feature = "digest")]
            AuthorizeError::Digest(k) => write!(f, "Digest: {k}"),
            AuthorizeError::Random => f.write_str("no random bytes for the cnonce"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for AuthorizeError {}

/// The caller's random source: fills the slice, or fails.
pub type RandomSource = Box<dyn FnMut(&mut [u8]) -> Result<(), ()> + Send + Sync>;

/// The flow: the credentials for one origin (and for a proxy), what was
/// learnt about their protection spaces, and the options. One `Flow` serves
/// many requests; keep it behind a lock in a shared client and hold the
/// lock only for [`Flow::authorize`] and [`Flow::on_response`], never
/// across the I/O.
///
/// ```
/// use auth_headers::client::flow::{Exchange, Flow, Next, Why};
/// use http::{HeaderMap, Method, StatusCode, Uri};
///
/// let mut flow = Flow::for_url("https://api.example/").unwrap().bearer("old");
/// let uri: Uri = "https://api.example/files".parse().unwrap();
/// let (mut ex, mut headers) = (Exchange::new(), HeaderMap::new());
/// flow.authorize_parts(&mut ex, &Method::GET, &uri, &mut headers, None).unwrap();
/// assert_eq!(headers["authorization"], "Bearer old"); // Bearer goes preemptively
/// let mut res = HeaderMap::new();
/// res.insert("www-authenticate", r#"Bearer error="invalid_token""#.parse().unwrap());
/// let d = flow.on_response(&mut ex, StatusCode::UNAUTHORIZED, &res);
/// assert_eq!((d.next(), d.why()), (Next::Refresh, Why::InvalidToken)); // RFC 6750 §3.1
/// flow.set_token("new");
/// flow.authorize_parts(&mut ex, &Method::GET, &uri, &mut headers, None).unwrap();
/// assert_eq!(headers["authorization"], "Bearer new");
/// ```
pub struct Flow {
    origin: Origin,
    server: Side,
    proxy: Side,
    max_attempts: u8,
    #[cfg(feature = "digest")]
    min_digest: Algorithm,
    #[cfg(feature = "digest")]
    username_form: UsernameForm,
    #[cfg(feature = "digest")]
    require_rspauth: bool,
    #[cfg_attr(not(feature = "digest"), allow(dead_code))]
    random: Option<RandomSource>,
    dpop_nonce: Option<String>,
}

impl fmt::Debug for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let user = |s: &Side| s.user.as_ref().map(|(u, _)| u.clone());
        f.debug_struct("Flow")
            .field("origin", &self.origin)
            .field("user", &user(&self.server))
            .field("password", &self.server.user.as_ref().map(|_| "<redacted>"))
            .field("token", &self.server.token.as_ref().map(|_| "<redacted>"))
            .field("proxy_user", &user(&self.proxy))
            .field("max_attempts", &self.max_attempts)
            .finish_non_exhaustive()
    }
}

impl Flow {
    /// A flow whose credentials are for `origin` only.
    pub fn new(origin: Origin) -> Self {
        Flow {
            origin,
            server: Side::default(),
            proxy: Side::default(),
            max_attempts: 4,
            #[cfg(feature = "digest")]
            min_digest: Algorithm::Md5Sess,
            #[cfg(feature = "digest")]
            username_form: UsernameForm::Quoted,
            #[cfg(feature = "digest")]
            require_rspauth: false,
            random: None,
            dpop_nonce: None,
        }
    }

    /// A flow for the origin of `url`; `None` if it has none.
    pub fn for_url(url: &str) -> Option<Self> {
        Origin::parse(url).map(Flow::new)
    }

    /// The origin the credentials are for.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// A user-id and password, answering `Basic` or `Digest` from the origin.
    pub fn user(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.server.user = Some((user.into(), Secret(password.into())));
        self
    }

    /// A Bearer access token, sent to the origin preemptively.
    pub fn bearer(mut self, token: impl Into<String>) -> Self {
        self.server.token = Some(Secret(token.into()));
        self
    }

    /// The scopes the current token was asked for (the start of the union
    /// of a step-up).
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.server.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// A user-id and password for the proxy (407), `Basic` or `Digest`.
    pub fn proxy_user(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.proxy.user = Some((user.into(), Secret(password.into())));
        self
    }

    /// At most `n` requests per [`Exchange`] (default 4, at least 1).
    pub fn max_attempts(mut self, n: u8) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Refuses Digest challenges weaker than `min` (default: any).
    #[cfg(feature = "digest")]
    pub fn min_digest(mut self, min: Algorithm) -> Self {
        self.min_digest = min;
        self
    }

    /// How a non-ASCII Digest username is sent (default quoted UTF-8).
    #[cfg(feature = "digest")]
    pub fn username_form(mut self, form: UsernameForm) -> Self {
        self.username_form = form;
        self
    }

    /// Requires a Digest `rspauth` on every success (default: checked when
    /// present, a mismatch always refused).
    #[cfg(feature = "digest")]
    pub fn require_rspauth(mut self, yes: bool) -> Self {
        self.require_rspauth = yes;
        self
    }

    /// The random source of Digest `cnonce`s (default: the operating
    /// system's, with feature `getrandom`).
    pub fn random(mut self, source: RandomSource) -> Self {
        self.random = Some(source);
        self
    }

    /// Replaces the Bearer token (after [`Next::Refresh`] or
    /// [`Next::StepUp`]). For a step-up, the scopes asked for become the
    /// step-up's.
    pub fn set_token(&mut self, token: impl Into<String>) {
        self.server.token = Some(Secret(token.into()));
    }

    /// The last `DPoP-Nonce` the origin asked for (RFC 9449 §9).
    pub fn dpop_nonce(&self) -> Option<&str> {
        self.dpop_nonce.as_deref()
    }

    /// Turns [`Next::Refresh`] and [`Next::StepUp`] into [`Next::Retry`]
    /// through `source` (a new token set), or [`Next::GiveUp`] when it has
    /// none; other decisions pass unchanged.
    pub fn resolve(&mut self, d: &Decision, source: &mut dyn TokenSource) -> Next {
        let token = match (d.next, &d.step_up) {
            (Next::Refresh, _) => source.refresh(),
            (Next::StepUp, Some(s)) => source.step_up(s),
            (n, _) => return n,
        };
        match token {
            Some(t) => {
                self.set_token(t);
                Next::Retry
            }
            None => Next::GiveUp,
        }
    }

    /// Adds credentials to `req` (see [`Flow::authorize_parts`]).
    pub fn authorize<B>(
        &mut self,
        ex: &mut Exchange,
        req: &mut Request<B>,
        body: Option<&[u8]>,
    ) -> Result<(), AuthorizeError> {
        let method = req.method().clone();
        let uri = req.uri().clone();
        self.authorize_parts(ex, &method, &uri, req.headers_mut(), body)
    }

    /// Adds credentials to an outgoing request given by its parts: what a
    /// challenge of this exchange asked for, or what is reused preemptively
    /// in the protection space. Nothing is added for an origin other than
    /// the flow's. `body` is the request body when known (Digest
    /// `auth-int` needs it). Counts one attempt.
    pub fn authorize_parts(
        &mut self,
        ex: &mut Exchange,
        method: &Method,
        uri: &Uri,
        headers: &mut HeaderMap,
        body: Option<&[u8]>,
    ) -> Result<(), AuthorizeError> {
        ex.attempts = ex.attempts.saturating_add(1);
        ex.origin = Origin::of(uri);
        ex.path = String::from(uri.path());
        let _ = (method, body);
        for t in [Target::Server, Target::Proxy] {
            let on_origin = t == Target::Proxy || ex.origin.as_ref() == Some(&self.origin);
            let a = ex.side(t);
            let pending = a.pending.take();
            a.preemptive = pending.is_none();
            a.sent = None;
            #[cfg(feature = "digest")]
            {
                a.answer = None;
            }
            if !on_origin {
                continue;
            }
            let scheme = match pending {
                Some(s) => Some(s),
                None => self.preemptive(t, uri.path()),
            };
            let Some(scheme) = scheme else { continue };
            let value = self.credentials(t, ex, scheme, method, uri, body)?;
            headers.insert(t.credentials_field(), value);
            ex.side(t).sent = Some(scheme);
        }
        Ok(())
    }

    fn side(&mut self, t: Target) -> &mut Side {
        match t {
            Target::Server => &mut self.server,
            Target::Proxy => &mut self.proxy,
        }
    }

    /// The scheme to send without being asked, in the protection space.
    fn preemptive(&mut self, t: Target, path: &str) -> Option<Scheme> {
        let s = self.side(t);
        if s.token.is_some() && t == Target::Server {
            return Some(Scheme::Bearer);
        }
        #[cfg(feature = "digest")]
        if s.digest.as_ref().is_some_and(|d| d.is_ready()) {
            return Some(Scheme::Digest);
        }
        let basic = s.basic_anywhere || s.basic_space.iter().any(|p| path.starts_with(p.as_str()));
        (s.user.is_some() && basic).then_some(Scheme::Basic)
    }

    fn credentials(
        &mut self,
        t: Target,
        ex: &mut Exchange,
        scheme: Scheme,
        method: &Method,
        uri: &Uri,
        body: Option<&[u8]>,
    ) -> Result<HeaderValue, AuthorizeError> {
        let _ = (method, body, &ex, uri);
        match scheme {
            Scheme::Bearer => {
                let s = self.side(t);
                let tok = s.token.as_ref().ok_or(AuthorizeError::Unwritable)?;
                let mut v = String::from("Bearer ");
                v.push_str(&tok.0);
                let mut hv = HeaderValue::from_str(&v).map_err(|_| AuthorizeError::Unwritable)?;
                hv.set_sensitive(true);
                Ok(hv)
            }
            Scheme::Basic => basic_value(self.side(t)),
            #[cfg(feature = "digest")]
            Scheme::Digest => {
                let mut raw = [0u8; 16];
                match self.random.as_mut() {
                    Some(r) => r(&mut raw).map_err(|_| AuthorizeError::Random)?,
                    None => default_random(&mut raw)?,
                }
                let cnonce = Hex::encode(&raw);
                let target = match t {
                    // RFC 7616 §3.4: the request-target; for an origin
                    // server, the path and query.
                    Target::Server => uri
                        .path_and_query()
                        .map_or(String::from("/"), |p| String::from(p.as_str())),
                    // Through a proxy the request-target is absolute.
                    Target::Proxy => alloc::format!("{uri}"),
                };
                let d = self
                    .side(t)
                    .digest
                    .as_mut()
                    .ok_or(AuthorizeError::Unwritable)?;
                let (value, answer) = d
                    .authorization(method.as_str(), &target, body, cnonce.as_str())
                    .map_err(|e| AuthorizeError::Digest(e.kind()))?;
                ex.side(t).answer = Some(answer);
                let mut hv = HeaderValue::from_bytes(value.as_bytes())
                    .map_err(|_| AuthorizeError::Unwritable)?;
                hv.set_sensitive(true);
                Ok(hv)
            }
            #[cfg(not(feature = "digest"))]
            Scheme::Digest => Err(AuthorizeError::Unwritable),
        }
    }

    /// Reads the response head of the last request of `ex` and decides what
    /// to do next: 401 reads every `WWW-Authenticate` line, 407 every
    /// `Proxy-Authenticate` line, 403 looks for a Bearer step-up, and any
    /// other status settles the exchange (checking a Digest `rspauth`).
    pub fn on_response(
        &mut self,
        ex: &mut Exchange,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> Decision {
        match status.as_u16() {
            401 => self.challenged(ex, Target::Server, headers, false),
            407 => self.challenged(ex, Target::Proxy, headers, false),
            403 => self.challenged(ex, Target::Server, headers, true),
            _ => self.settled(ex, status, headers),
        }
    }

    fn settled(&mut self, ex: &mut Exchange, status: StatusCode, headers: &HeaderMap) -> Decision {
        let _ = headers;
        for t in [Target::Server, Target::Proxy] {
            let path = ex.path.clone();
            let sent = ex.side(t).sent;
            #[cfg(feature = "digest")]
            if sent == Some(Scheme::Digest) {
                if let Some(answer) = ex.side(t).answer.clone() {
                    let require = self.require_rspauth;
                    if let Some(d) = self.side(t).digest.as_mut() {
                        d.accepted();
                        let info = headers.get_all(t.info_field()).iter().next();
                        match info {
                            Some(v) => match d.verify_authentication_info(&answer, v, None) {
                                Ok(()) => {}
                                Err(e) => {
                                    use crate::schemes::digest::DigestErrorKind as K;
                                    let why = match e.kind() {
                                        K::RspauthMismatch => Why::RspauthMismatch,
                                        K::Syntax(crate::ErrorKind::MissingParam("rspauth"))
                                            if require =>
                                        {
                                            Why::RspauthMissing
                                        }
                                        K::Syntax(crate::ErrorKind::MissingParam("rspauth")) => {
                                            let _ = d.adopt_nextnonce(v);
                                            continue;
                                        }
                                        _ => Why::DigestError,
                                    };
                                    return Decision::new(Next::GiveUp, why);
                                }
                            },
                            None if require => {
                                return Decision::new(Next::GiveUp, Why::RspauthMissing)
                            }
                            None => {}
                        }
                    }
                }
            }
            if sent == Some(Scheme::Basic) && !status.is_server_error() {
                let side = self.side(t);
                if t == Target::Proxy {
                    side.basic_anywhere = true;
                } else {
                    // RFC 7617 §2.2: every path at or below the directory.
                    let dir = match path.rfind('/') {
                        Some(i) => &path[..=i],
                        None => "/",
                    };
                    if !side.basic_space.iter().any(|p| dir.starts_with(p.as_str())) {
                        side.basic_space.retain(|p| !p.starts_with(dir));
                        side.basic_space.push(String::from(dir));
                    }
                }
            }
        }
        Decision::new(Next::Done, Why::NotChallenged)
    }

    fn challenged(
        &mut self,
        ex: &mut Exchange,
        t: Target,
        headers: &HeaderMap,
        forbidden: bool,
    ) -> Decision {
        // Every line, each on its own: a malformed line ends only itself.
        let mut list: Vec<Challenge<'_>> = Vec::new();
        for line in headers.get_all(t.challenge_field()) {
            list.extend(Challenges::new(line).map_while(Result::ok));
        }
        let names: Vec<String> = list.iter().map(|c| String::from(c.scheme())).collect();
        let mut d = self.decide(ex, t, &list, headers, forbidden);
        if forbidden && d.why == Why::NotChallenged {
            d.next = Next::Done;
        } else {
            d.target = Some(t);
        }
        let again = matches!(d.next, Next::Retry | Next::Refresh | Next::StepUp);
        if again && ex.attempts >= self.max_attempts {
            d.next = Next::GiveUp;
            d.why = Why::TooManyAttempts;
        }
        d.challenges = names;
        if t == Target::Server {
            d.resource_metadata = list.iter().find_map(|c| {
                let v = BearerChallenge::new(*c)
                    .and_then(|b| b.resource_metadata())
                    .or_else(|| DpopChallenge::new(*c).and_then(|b| b.resource_metadata()))?;
                let url = v.to_str().into_owned();
                let on_origin = Origin::parse(&url).is_some() && Origin::parse(&url) == ex.origin;
                Some(ResourceMetadata { url, on_origin })
            });
        }
        d
    }

    fn decide(
        &mut self,
        ex: &mut Exchange,
        t: Target,
        list: &[Challenge<'_>],
        headers: &HeaderMap,
        forbidden: bool,
    ) -> Decision {
        let give_up = |why| Decision::new(Next::GiveUp, why);
        if list.is_empty() {
            return if forbidden {
                Decision::new(Next::Done, Why::NotChallenged)
            } else {
                give_up(Why::NoChallenge)
            };
        }
        if t == Target::Server && ex.origin.as_ref() != Some(&self.origin) {
            return if forbidden {
                Decision::new(Next::Done, Why::NotChallenged)
            } else {
                give_up(Why::OtherOrigin)
            };
        }
        // A Bearer or DPoP error says what went wrong with the token.
        for c in list {
            let code = BearerChallenge::new(*c)
                .and_then(|b| b.error())
                .or_else(|| DpopChallenge::new(*c).and_then(|b| b.error()));
            let Some(code) = code else { continue };
            return self.bearer_error(ex, t, *c, code, headers);
        }
        if forbidden {
            return Decision::new(Next::Done, Why::NotChallenged);
        }
        let has = |name: &str| list.iter().any(|c| c.is_scheme(name));
        let a = ex.side(t).clone();
        let side = self.side(t);
        if side.token.is_some() && has("Bearer") && t == Target::Server {
            if a.sent == Some(Scheme::Bearer) {
                return give_up(Why::Rejected);
            }
            ex.side(t).pending = Some(Scheme::Bearer);
            return Decision::new(Next::Retry, Why::Answering(Scheme::Bearer));
        }
        #[cfg(feature = "digest")]
        if side.user.is_some() && has("Digest") {
            return self.digest(ex, t, list);
        }
        // Without feature `basic` the flow cannot write Basic credentials.
        if cfg!(feature = "basic") && side.user.is_some() && has("Basic") {
            if a.sent == Some(Scheme::Basic) {
                return give_up(Why::Rejected);
            }
            ex.side(t).pending = Some(Scheme::Basic);
            return Decision::new(Next::Retry, Why::Answering(Scheme::Basic));
        }
        let supported = ["Basic", "Bearer", "DPoP"].iter().any(|s| has(s))
            || (cfg!(feature = "digest") && has("Digest"));
        if supported {
            give_up(Why::NoCredentials)
        } else if has("NTLM") || has("Negotiate") {
            give_up(Why::ConnectionBound)
        } else {
            give_up(Why::Unsupported)
        }
    }

    fn bearer_error(
        &mut self,
        ex: &mut Exchange,
        t: Target,
        c: Challenge<'_>,
        code: ErrorCode<'_>,
        headers: &HeaderMap,
    ) -> Decision {
        let give_up = |why| Decision::new(Next::GiveUp, why);
        match code {
            ErrorCode::InvalidToken => {
                let a = ex.side(t);
                if a.refreshed {
                    return give_up(Why::RefreshedTokenRejected);
                }
                a.refreshed = true;
                Decision::new(Next::Refresh, Why::InvalidToken)
            }
            ErrorCode::InsufficientScope => {
                let asked = &mut self.side(t).scopes;
                let mut widened = false;
                let challenged = c.param("scope").map(|v| v.to_str().into_owned());
                for s in challenged.iter().flat_map(|s| s.split(' ')) {
                    if !s.is_empty() && !asked.iter().any(|a| a == s) {
                        asked.push(String::from(s));
                        widened = true;
                    }
                }
                if !widened {
                    return give_up(Why::ScopeNotWidened);
                }
                let mut d = Decision::new(Next::StepUp, Why::InsufficientScope);
                d.step_up = Some(StepUp {
                    scopes: asked.clone(),
                    ..StepUp::default()
                });
                d
            }
            ErrorCode::InsufficientUserAuthentication => {
                let a = ex.side(t);
                if a.acr_stepped {
                    return give_up(Why::Rejected);
                }
                a.acr_stepped = true;
                let acr = c.param("acr_values").map(|v| v.to_str().into_owned());
                let mut d = Decision::new(Next::StepUp, Why::InsufficientUserAuthentication);
                d.step_up = Some(StepUp {
                    scopes: self.side(t).scopes.clone(),
                    acr_values: acr
                        .iter()
                        .flat_map(|s| s.split(' '))
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                    max_age: c
                        .param("max_age")
                        .and_then(|v| crate::schemes::parse_u64(v.raw())),
                });
                d
            }
            ErrorCode::UseDpopNonce => {
                let nonce = headers
                    .get("dpop-nonce")
                    .and_then(|v| v.to_str().ok())
                    .map(String::from);
                let a = ex.side(t);
                match nonce {
                    Some(n) if !a.dpop_retried => {
                        a.dpop_retried = true;
                        a.pending = a.sent;
                        self.dpop_nonce = Some(n.clone());
                        let mut d = Decision::new(Next::Retry, Why::UseDpopNonce);
                        d.dpop_nonce = Some(n);
                        d
                    }
                    _ => give_up(Why::DpopNonceAgain),
                }
            }
            _ => give_up(Why::RequestRefused),
        }
    }

    #[cfg(feature = "digest")]
    fn digest(&mut self, ex: &mut Exchange, t: Target, list: &[Challenge<'_>]) -> Decision {
        let give_up = |why| Decision::new(Next::GiveUp, why);
        let min = self.min_digest;
        let form = self.username_form;
        let a = ex.side(t).clone();
        let side = self.side(t);
        let Some((user, pass)) = side.user.as_ref() else {
            return give_up(Why::NoCredentials);
        };
        let client = side.digest.get_or_insert_with(|| {
            OwnedDigestClient::new(user.clone(), pass.0.clone())
                .min_algorithm(min)
                .username_form(form)
        });
        if a.sent != Some(Scheme::Digest) {
            // Not answered with Digest in this exchange: a first answer.
            client.accepted();
        }
        match client.respond_to(list) {
            Err(_) => {
                let offered = OwnedDigestClient::strongest_offered(list);
                return give_up(match offered {
                    Some(alg) if alg.strength() < min.strength() => Why::DigestTooWeak,
                    _ => Why::DigestError,
                });
            }
            Ok(ChallengeOutcome::Authenticate) => {}
            Ok(ChallengeOutcome::RetryStale) | Ok(ChallengeOutcome::Rejected)
                if a.preemptive && !a.stale_retried =>
            {
                // A preemptive answer with an old nonce: answer the new
                // challenge once.
                ex.side(t).stale_retried = true;
                ex.side(t).pending = Some(Scheme::Digest);
                return Decision::new(Next::Retry, Why::StaleNonce);
            }
            Ok(ChallengeOutcome::RetryStale) if !a.stale_retried => {
                ex.side(t).stale_retried = true;
                ex.side(t).pending = Some(Scheme::Digest);
                return Decision::new(Next::Retry, Why::StaleNonce);
            }
            Ok(ChallengeOutcome::RetryStale) => {
                self.side(t).digest = None;
                return give_up(Why::StaleAgain);
            }
            Ok(ChallengeOutcome::Rejected) => {
                self.side(t).digest = None;
                return give_up(Why::Rejected);
            }
        }
        ex.side(t).pending = Some(Scheme::Digest);
        Decision::new(Next::Retry, Why::Answering(Scheme::Digest))
    }
}

fn basic_value(s: &Side) -> Result<HeaderValue, AuthorizeError> {
    #[cfg(feature = "basic")]
    {
        let (u, p) = s.user.as_ref().ok_or(AuthorizeError::Unwritable)?;
        let v = crate::schemes::basic::credentials_string(u.as_str(), p.0.as_str())
            .map_err(|_| AuthorizeError::Unwritable)?;
        let secret = Secret(v);
        let mut hv = HeaderValue::from_str(&secret.0).map_err(|_| AuthorizeError::Unwritable)?;
        hv.set_sensitive(true);
        Ok(hv)
    }
    #[cfg(not(feature = "basic"))]
    {
        let _ = s;
        Err(AuthorizeError::Unwritable)
    }
}

#[cfg(all(feature = "digest", feature = "getrandom"))]
fn default_random(buf: &mut [u8]) -> Result<(), AuthorizeError> {
    getrandom::getrandom(buf).map_err(|_| AuthorizeError::Random)
}

#[cfg(all(feature = "digest", not(feature = "getrandom")))]
fn default_random(_: &mut [u8]) -> Result<(), AuthorizeError> {
    Err(AuthorizeError::Random)
}
