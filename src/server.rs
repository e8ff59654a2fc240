//! The server's side: turn an authentication outcome into the status code
//! and the exact `WWW-Authenticate` value to send, for `Bearer` (RFC 6750
//! §3, §3.1), `DPoP` (RFC 9449 §7.1, [`DpopServer`]) and `Basic` (RFC
//! 7617). The values are written by the crate's builder
//! ([`ChallengeBuilder`]), so they are always well-formed.
//!
//! | [`Outcome`] | Bearer | Basic |
//! |---|---|---|
//! | [`NoCredentials`](Outcome::NoCredentials) | 401 `Bearer realm="api"` (no error code, RFC 6750 §3.1) | 401 `Basic realm="api"` |
//! | [`Malformed`](Outcome::Malformed) | **400** `… error="invalid_request"` | 401 with the challenge |
//! | [`InvalidCredentials`](Outcome::InvalidCredentials) | 401 `… error="invalid_token"` | 401 with the challenge |
//! | [`InsufficientScope`](Outcome::InsufficientScope) | 403 `… error="insufficient_scope", scope="…"` | 403, no challenge |
//!
//! DPoP answers each [`Outcome`] as Bearer does (RFC 9449 §7.1 takes RFC
//! 6750's parameters and codes; one writer serves both, and each status is
//! the code's [`ErrorCode::status`]), with `algs`, plus its own
//! `invalid_dpop_proof` and `use_dpop_nonce` ([`DpopOutcome`]).
//!
//! Why Bearer answers a malformed request with 400 and not 401 is told in
//! the [`bearer`] module. Basic has no error codes: a
//! malformed `Authorization: Basic` is answered like wrong credentials,
//! with 401 and the challenge, so that the client asks for credentials
//! again (as nginx's `auth_basic` does); a user who is known but not
//! allowed gets 403 without a challenge, since new credentials for the same
//! user would not help (RFC 9110 §15.5.4).
//!
//! # Proxies
//! [`BearerServer::proxy`] and [`BasicServer::proxy`] give the same
//! decisions as a proxy answers them ([`Side`], RFC 9110 §11.7): read from
//! `Proxy-Authorization`, 407 in place of 401, the challenge in
//! `Proxy-Authenticate`. DPoP has no proxy form: RFC 9449 §7.1 forbids it
//! in `Proxy-Authenticate` and `Proxy-Authorization`.
//!
//! # With the `http` crate (feature `http`)
//! [`Reply::to_response`] gives an `http::Response<B>` for any `B:
//! Default`, [`Reply::status_code`] the `http::StatusCode`;
//! [`challenge_response`] writes several challenges, one header line each
//! by default ([`Lines`]); `read_headers` reads the credentials from an
//! `http::HeaderMap`.
//!
//! # A second `Authorization` line
//! `Authorization` and `Proxy-Authorization` carry **one** credentials
//! (RFC 9110 §11.6.2, §11.7.2: `credentials`, not `#credentials`), so two
//! lines (which an intermediary may also have joined with a comma) are not
//! a valid request. Every reader here refuses them as malformed, and each
//! scheme answers as it answers any malformed value:
//!
//! | Scheme | Status | Why |
//! |---|---|---|
//! | Bearer (`BearerServer::read_headers`) | 400, `error="invalid_request"` | RFC 6750 §3.1: a malformed request is `invalid_request`, 400; another token would not help |
//! | DPoP (`DpopServer::read_headers`) | 400, `error="invalid_request"` | as Bearer (RFC 9449 §7.1); a second `DPoP` proof line is `invalid_dpop_proof`, 401 (§4.3, check 1) |
//! | Basic (`BasicServer::read_headers`) | 401 with the challenge (407 for a proxy) | Basic has no error codes; asking again lets the client send one line |
//! | Digest (`digest_credentials`) | 400 (`Rejection::Malformed`) | the value is not valid credentials; fresh challenges would not help |
//!
//! # Verifying Basic credentials (feature `basic-verify`)
//! [`BasicServer::verify_static`] (a static account list) and
//! `BasicServer::verify_with` (password hashes, the caller's check) decode,
//! check UTF-8 when `charset="UTF-8"` was announced, and compare user-id
//! and password together in constant time.
//!
//! # Text the server does not control
//! [`BearerServer::reply`] refuses an `error_description` with a character
//! RFC 6750 §3 does not allow (the strict form). For an exception message
//! or a backend's reason, pass it through [`lossy_description`] first: it
//! never fails, and says exactly what it keeps and replaces.
//!
//! ```
//! # #[cfg(feature = "alloc")] {
//! use auth_headers::server::{BearerServer, Outcome};
//! let api = BearerServer::new("api");
//! let reply = api.reply(Outcome::InsufficientScope { scope: "files:write", description: None }).unwrap();
//! assert_eq!(reply.status(), 403);
//! assert_eq!(
//!     reply.www_authenticate().unwrap().to_string().unwrap(),
//!     r#"Bearer realm="api", error="insufficient_scope", scope="files:write""#
//! );
//! # }
//! ```

use crate::error::{Error, ErrorKind};
use crate::schemes::basic::{self, BasicCredentials};
use crate::schemes::bearer::{self, is_description_char, is_scope_char, ErrorCode};
use crate::schemes::Token68Credentials;
use crate::write::{BuildError, ChallengeBuilder, Part};

mod dpop;
#[cfg(feature = "http")]
mod http;
#[cfg(feature = "basic-verify")]
mod verify;

#[cfg(all(feature = "http", feature = "digest"))]
pub use http::digest_credentials;
#[cfg(feature = "http")]
pub use http::{append_challenges, challenge_response, Lines};
#[cfg(feature = "basic-verify")]
pub use verify::{secret_eq, BasicUsers};

pub use dpop::{DpopOutcome, DpopRequest, DpopServer};

/// What the server concluded about a request's authentication.
///
/// ```
/// use auth_headers::server::{BearerServer, Outcome};
/// let api = BearerServer::new("api");
/// let expired = Outcome::InvalidCredentials { description: Some("The access token expired") };
/// let reply = api.reply(expired).unwrap();
/// assert_eq!(reply.status(), 401);
/// let mut v = String::new();
/// reply.www_authenticate().unwrap().write_to(&mut v).unwrap();
/// // RFC 6750 §3
/// assert_eq!(v, r#"Bearer realm="api", error="invalid_token", error_description="The access token expired""#);
/// assert_eq!(api.reply(Outcome::Malformed { description: None }).unwrap().status(), 400);
/// // A `"` is not an RFC 6750 §3 description character: refused.
/// assert!(api.reply(Outcome::Malformed { description: Some("a \"b\"") }).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome<'a> {
    /// No credentials for this scheme: no `Authorization` header, or one of
    /// another scheme. RFC 6750 §3.1: the response "SHOULD NOT include an
    /// error code or other error information".
    NoCredentials,
    /// The `Authorization` header or the request is malformed (RFC 6750
    /// `invalid_request`). `description` goes into `error_description`.
    Malformed {
        /// Text for the developer (RFC 6750 §3 characters only).
        description: Option<&'a str>,
    },
    /// The token is expired, revoked or otherwise invalid (RFC 6750
    /// `invalid_token`); for Basic, an unknown user or a wrong password.
    InvalidCredentials {
        /// Text for the developer (RFC 6750 §3 characters only).
        description: Option<&'a str>,
    },
    /// The credentials are valid but do not grant this request (RFC 6750
    /// `insufficient_scope`).
    InsufficientScope {
        /// The scope the request needs, space-separated (RFC 6750 §3).
        scope: &'a str,
        /// Text for the developer (RFC 6750 §3 characters only).
        description: Option<&'a str>,
    },
}

impl<'a> Outcome<'a> {
    /// The RFC 6750 §3.1 error code of this outcome, `None` for
    /// [`Outcome::NoCredentials`] (which carries none). Bearer and DPoP
    /// (RFC 9449 §7.1) write it as `error`, and answer with its
    /// [`ErrorCode::status`].
    ///
    /// ```
    /// use auth_headers::{schemes::bearer::ErrorCode, server::Outcome};
    /// let malformed = Outcome::Malformed { description: None };
    /// assert_eq!(malformed.error_code(), Some(ErrorCode::InvalidRequest));
    /// assert_eq!(malformed.error_code().unwrap().status(), Some(400));
    /// assert_eq!(Outcome::NoCredentials.error_code(), None);
    /// ```
    pub const fn error_code(&self) -> Option<ErrorCode<'static>> {
        match self {
            Outcome::NoCredentials => None,
            Outcome::Malformed { .. } => Some(ErrorCode::InvalidRequest),
            Outcome::InvalidCredentials { .. } => Some(ErrorCode::InvalidToken),
            Outcome::InsufficientScope { .. } => Some(ErrorCode::InsufficientScope),
        }
    }

    /// The `error_description` text, if any.
    const fn description(&self) -> Option<&'a str> {
        match self {
            Outcome::NoCredentials => None,
            Outcome::Malformed { description }
            | Outcome::InvalidCredentials { description }
            | Outcome::InsufficientScope { description, .. } => *description,
        }
    }

    /// The `scope` the request needs, for [`Outcome::InsufficientScope`].
    const fn scope(&self) -> Option<&'a str> {
        match self {
            Outcome::InsufficientScope { scope, .. } => Some(*scope),
            _ => None,
        }
    }
}

/// The response to send: a status code and, for most outcomes, a
/// `WWW-Authenticate` value.
///
/// ```
/// use auth_headers::server::{BearerServer, Outcome};
/// // A proxy answers 407 with `Proxy-Authenticate` (RFC 9110 §11.7.1).
/// let reply = BearerServer::new("corp").proxy().reply(Outcome::NoCredentials).unwrap();
/// assert_eq!((reply.status(), reply.challenge_field()), (407, "Proxy-Authenticate"));
/// let mut buf = [0u8; 32];
/// let n = reply.www_authenticate().unwrap().write_to_slice(&mut buf).unwrap();
/// assert_eq!(&buf[..n], br#"Bearer realm="corp""#);
/// ```
#[derive(Clone, Copy)]
pub struct Reply<'a> {
    status: u16,
    challenge: Option<ChallengeBuilder<'a>>,
    side: Side,
    nonce: Option<crate::schemes::dpop::DpopNonce<'a>>,
}

impl<'a> Reply<'a> {
    /// The status code: 400, 401 or 403; 407 in place of 401 for a proxy
    /// ([`Side::Proxy`], RFC 9110 §15.5.8).
    pub const fn status(&self) -> u16 {
        match self.status {
            401 => self.side.unauthorized(),
            s => s,
        }
    }

    /// Whether this is an origin server's reply or a proxy's.
    pub const fn side(&self) -> Side {
        self.side
    }

    /// The field the challenge goes in: `WWW-Authenticate`, or
    /// `Proxy-Authenticate` for a proxy.
    pub const fn challenge_field(&self) -> &'static str {
        self.side.challenge_field()
    }

    /// The `WWW-Authenticate` value to send, already checked: write it with
    /// [`ChallengeBuilder::write_to`], [`ChallengeBuilder::write_to_slice`]
    /// or (under `alloc`) `to_string`. `None` when the response carries no
    /// challenge (Basic's 403).
    pub const fn www_authenticate(&self) -> Option<&ChallengeBuilder<'a>> {
        self.challenge.as_ref()
    }

    /// The `DPoP-Nonce` value to send with the reply (RFC 9449 §9), for
    /// [`DpopOutcome::UseNonce`]; `None` otherwise.
    pub const fn dpop_nonce(&self) -> Option<crate::schemes::dpop::DpopNonce<'a>> {
        self.nonce
    }
}

impl core::fmt::Debug for Reply<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut d = f.debug_struct("Reply");
        d.field("status", &self.status());
        if let Some(c) = &self.challenge {
            match c.checked() {
                Ok(v) => d.field("www_authenticate", &format_args!("{v}")),
                Err(e) => d.field("www_authenticate", &e),
            };
        }
        if let Some(n) = &self.nonce {
            d.field("dpop_nonce", &n.as_str());
        }
        d.finish()
    }
}

/// What a Bearer and a DPoP challenge share (RFC 9449 §7.1 takes RFC 6750
/// §3's parameters and error codes): the configured parameters, and the
/// one writer of both challenges ([`OAuth::reply`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct OAuth<'a> {
    realm: &'a str,
    resource_metadata: Option<&'a str>,
    error_uri: Option<&'a str>,
}

impl<'a> OAuth<'a> {
    const fn new(realm: &'a str) -> Self {
        OAuth {
            realm,
            resource_metadata: None,
            error_uri: None,
        }
    }

    /// The challenge `scheme realm="…"[, algs="…"][, error="…",
    /// error_description="…", scope="…", error_uri="…"][,
    /// resource_metadata="…"]` and the status of its error
    /// ([`ErrorCode::status`]; 401 without one). Every text is checked
    /// against RFC 6750 §3.
    fn reply(
        &self,
        scheme: &'a str,
        algs: Option<&'a str>,
        error: Option<ErrorCode<'static>>,
        description: Option<&'a str>,
        scope: Option<&'a str>,
        side: Side,
    ) -> Result<Reply<'a>, BuildError> {
        let mut c = ChallengeBuilder::new(scheme).param("realm", self.realm);
        if let Some(a) = algs.filter(|a| !a.is_empty()) {
            check(a, c.params().len(), |b| b == b' ' || is_scope_char(b))?;
            c.push("algs", a);
        }
        if let Some(e) = error.and_then(|e| e.as_str()) {
            c.push("error", e);
        }
        if let Some(d) = description {
            check(d, c.params().len(), is_description_char)?;
            c.push("error_description", d);
        }
        if let Some(s) = scope {
            check(s, c.params().len(), |b| b == b' ' || is_scope_char(b))?;
            c.push("scope", s);
        }
        if let (Some(_), Some(u)) = (error, self.error_uri) {
            check(u, c.params().len(), is_scope_char)?;
            c.push("error_uri", u);
        }
        if let Some(m) = self.resource_metadata {
            c.push("resource_metadata", m);
        }
        c.check()?;
        Ok(Reply {
            status: error.and_then(|e| e.status()).unwrap_or(401),
            challenge: Some(c),
            side,
            nonce: None,
        })
    }
}

/// A resource server that takes Bearer tokens (RFC 6750).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BearerServer<'a> {
    oauth: OAuth<'a>,
    side: Side,
}

impl<'a> BearerServer<'a> {
    /// A server for `realm`.
    pub const fn new(realm: &'a str) -> Self {
        BearerServer {
            oauth: OAuth::new(realm),
            side: Side::Origin,
        }
    }

    /// Answers as a proxy (RFC 9110 §11.7): credentials come in
    /// `Proxy-Authorization`, and 407 with `Proxy-Authenticate` replaces 401
    /// with `WWW-Authenticate`. 400 and 403 stay as they are.
    pub const fn proxy(mut self) -> Self {
        self.side = Side::Proxy;
        self
    }

    /// Whether this server answers as an origin server or as a proxy.
    pub const fn side(&self) -> Side {
        self.side
    }

    /// The realm.
    pub const fn realm(&self) -> &'a str {
        self.oauth.realm
    }

    /// Adds `resource_metadata` (RFC 9728 §5.1) to every challenge: the URL
    /// of this resource's OAuth metadata, from which clients (MCP clients
    /// among them) discover the authorization server.
    pub const fn resource_metadata(mut self, url: &'a str) -> Self {
        self.oauth.resource_metadata = Some(url);
        self
    }

    /// Adds `error_uri` (RFC 6750 §3) to challenges that carry an error.
    pub const fn error_uri(mut self, uri: &'a str) -> Self {
        self.oauth.error_uri = Some(uri);
        self
    }

    /// Reads the `Authorization` value (`None` when the header is absent).
    /// Credentials of another scheme count as none; a malformed Bearer
    /// value is [`Outcome::Malformed`] with the parse error's message as
    /// description (or a generic one if that message has characters RFC
    /// 6750 §3 does not allow).
    ///
    /// ```
    /// use auth_headers::server::{BearerServer, Outcome};
    /// let api = BearerServer::new("api");
    /// assert_eq!(api.read(Some("Bearer abc")).unwrap().token(), "abc");
    /// assert_eq!(api.read::<str>(None).unwrap_err(), Outcome::NoCredentials);
    /// assert_eq!(api.read(Some("Basic QWxh")).unwrap_err(), Outcome::NoCredentials);
    /// assert!(matches!(api.read(Some("Bearer: abc")).unwrap_err(), Outcome::Malformed { .. }));
    /// ```
    pub fn read<'v, V: AsRef<[u8]> + ?Sized>(
        &self,
        authorization: Option<&'v V>,
    ) -> Result<Token68Credentials<'v>, Outcome<'static>> {
        read_value(authorization, bearer::parse_credentials)
    }

    /// The reply for `outcome`. Fails only when a description, scope or
    /// configured string holds a character that RFC 6750 §3 forbids (or a
    /// control byte), with the [`BuildError`] naming it.
    pub fn reply(&self, outcome: Outcome<'a>) -> Result<Reply<'a>, BuildError> {
        self.oauth.reply(
            bearer::SCHEME,
            None,
            outcome.error_code(),
            outcome.description(),
            outcome.scope(),
            self.side,
        )
    }
}

/// A server that takes Basic credentials (RFC 7617).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BasicServer<'a> {
    realm: &'a str,
    utf8: bool,
    side: Side,
}

impl<'a> BasicServer<'a> {
    /// A server for `realm`.
    pub const fn new(realm: &'a str) -> Self {
        BasicServer {
            realm,
            utf8: false,
            side: Side::Origin,
        }
    }

    /// Answers as a proxy (RFC 9110 §11.7): credentials come in
    /// `Proxy-Authorization`, and 407 with `Proxy-Authenticate` replaces 401
    /// with `WWW-Authenticate`.
    pub const fn proxy(mut self) -> Self {
        self.side = Side::Proxy;
        self
    }

    /// Whether this server answers as an origin server or as a proxy.
    pub const fn side(&self) -> Side {
        self.side
    }

    /// The realm.
    pub const fn realm(&self) -> &'a str {
        self.realm
    }

    /// Whether the challenge says `charset="UTF-8"` ([`BasicServer::utf8`]).
    pub const fn is_utf8(&self) -> bool {
        self.utf8
    }

    /// Announces `charset="UTF-8"` (RFC 7617 §2.1): the client is to send
    /// the user-id and password in UTF-8.
    pub const fn utf8(mut self) -> Self {
        self.utf8 = true;
        self
    }

    /// Reads the `Authorization` value (`None` when the header is absent);
    /// credentials of another scheme count as none. Decode the result with
    /// [`BasicCredentials::decode_into`].
    pub fn read<'v, V: AsRef<[u8]> + ?Sized>(
        &self,
        authorization: Option<&'v V>,
    ) -> Result<BasicCredentials<'v>, Outcome<'static>> {
        read_value(authorization, basic::parse_credentials)
    }

    /// The reply for `outcome`: 401 with the challenge, or 403 without one
    /// for [`Outcome::InsufficientScope`]. Descriptions are not sent: Basic
    /// has no parameter for them.
    ///
    /// ```
    /// # #[cfg(feature = "alloc")] {
    /// use auth_headers::server::{BasicServer, Outcome};
    /// let reply = BasicServer::new("intranet").utf8().reply(Outcome::NoCredentials).unwrap();
    /// assert_eq!(reply.status(), 401);
    /// assert_eq!(
    ///     reply.www_authenticate().unwrap().to_string().unwrap(),
    ///     r#"Basic realm="intranet", charset="UTF-8""#
    /// );
    /// # }
    /// ```
    pub fn reply(&self, outcome: Outcome<'a>) -> Result<Reply<'a>, BuildError> {
        if let Outcome::InsufficientScope { .. } = outcome {
            return Ok(Reply {
                status: 403,
                challenge: None,
                side: self.side,
                nonce: None,
            });
        }
        let c = ChallengeBuilder::new(basic::SCHEME)
            .param("realm", self.realm)
            .param_opt("charset", self.utf8.then_some("UTF-8"));
        c.check()?;
        Ok(Reply {
            status: 401,
            challenge: Some(c),
            side: self.side,
            nonce: None,
        })
    }
}

/// Reads one credentials value with its scheme's `parse`: an absent value,
/// or one of another scheme, is [`Outcome::NoCredentials`]; anything else
/// that does not parse is [`Outcome::Malformed`] ([`read_error`]). Every
/// server's `read` (and, through the side's field, `read_headers`) is this.
fn read_value<'v, V: AsRef<[u8]> + ?Sized, T>(
    authorization: Option<&'v V>,
    parse: impl FnOnce(&'v V) -> Result<T, Error>,
) -> Result<T, Outcome<'static>> {
    parse(authorization.ok_or(Outcome::NoCredentials)?).map_err(read_error)
}

/// The outcome of credentials that did not parse: another scheme counts as
/// none; anything else is malformed, described by the error.
pub(crate) fn read_error(e: crate::Error) -> Outcome<'static> {
    match e.kind() {
        ErrorKind::WrongScheme => Outcome::NoCredentials,
        kind => Outcome::Malformed {
            description: Some(describe(kind)),
        },
    }
}

/// A parse error's message as an `error_description`, if RFC 6750 §3
/// allows its characters.
fn describe(kind: ErrorKind) -> &'static str {
    let text = kind.as_str();
    if text.bytes().all(is_description_char) {
        text
    } else {
        "malformed Authorization header"
    }
}

/// Refuses a byte outside `ok` in the value of parameter `index`.
fn check(value: &str, index: usize, ok: impl Fn(u8) -> bool) -> Result<(), BuildError> {
    match value.bytes().position(|b| !ok(b)) {
        Some(i) => {
            let b = value.as_bytes()[i];
            Err(BuildError::new(
                ErrorKind::ForbiddenByScheme(b),
                Part::Value(index),
                i,
            ))
        }
        None => Ok(()),
    }
}

/// Who answers: an origin server or a proxy (RFC 9110 §11.6, §11.7). The
/// same decision is written to different fields with a different status.
///
/// | | [`Origin`](Side::Origin) | [`Proxy`](Side::Proxy) |
/// |---|---|---|
/// | credentials in | `Authorization` | `Proxy-Authorization` |
/// | "authenticate" status | 401 | 407 |
/// | challenges in | `WWW-Authenticate` | `Proxy-Authenticate` |
/// | `Authentication-Info` | `Authentication-Info` | `Proxy-Authentication-Info` |
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Side {
    /// An origin server (RFC 9110 §11.6).
    #[default]
    Origin,
    /// A proxy (RFC 9110 §11.7).
    Proxy,
}

impl Side {
    /// The status that asks for credentials: 401, or 407 for a proxy.
    pub const fn unauthorized(self) -> u16 {
        match self {
            Side::Origin => 401,
            Side::Proxy => 407,
        }
    }

    /// The field that carries the challenges.
    pub const fn challenge_field(self) -> &'static str {
        match self {
            Side::Origin => "WWW-Authenticate",
            Side::Proxy => "Proxy-Authenticate",
        }
    }

    /// The field that carries the credentials.
    pub const fn credentials_field(self) -> &'static str {
        match self {
            Side::Origin => "Authorization",
            Side::Proxy => "Proxy-Authorization",
        }
    }

    /// The field for the server's `Authentication-Info` (RFC 9110 §11.6.3,
    /// §11.7.3).
    pub const fn auth_info_field(self) -> &'static str {
        match self {
            Side::Origin => "Authentication-Info",
            Side::Proxy => "Proxy-Authentication-Info",
        }
    }
}

/// The character [`lossy_description`] writes for one it may not keep.
pub const LOSSY_REPLACEMENT: u8 = b'?';

/// Writes `text` into `buf` as an `error_description` RFC 6750 §3 accepts,
/// and returns it: the lossy form, for text the server does not control (an
/// exception message, a backend's reason) that must never make the reply
/// fail. [`BearerServer::reply`] is the strict form: it refuses such text
/// with a [`BuildError`].
///
/// What it keeps and what it replaces, exactly:
/// - kept as is: every byte of `%x20-21 / %x23-5B / %x5D-7E` (printable
///   ASCII and space, except `"` and `\`), the set RFC 6750 §3 allows;
/// - `"` becomes `'`, `\` becomes `/`;
/// - HTAB, CR and LF each become one space (a multi-line message stays
///   readable on one line);
/// - any other character (another control byte, DEL, or a non-ASCII
///   character: each whole UTF-8 sequence) becomes one `?`
///   ([`LOSSY_REPLACEMENT`]).
///
/// The result is never longer than `text` (each replacement is one byte for
/// at least one), so a `buf` of `text.len()` bytes always holds all of it;
/// a shorter `buf` keeps the beginning. Allocates nothing.
///
/// ```
/// use auth_headers::server::lossy_description;
/// let mut buf = [0u8; 64];
/// let d = lossy_description("bad \"token\"\nat C:\\x, caf\u{e9}", &mut buf);
/// assert_eq!(d, "bad 'token' at C:/x, caf?");
/// ```
pub fn lossy_description<'b>(text: &str, buf: &'b mut [u8]) -> &'b str {
    let mut n = 0;
    for (slot, ch) in buf.iter_mut().zip(text.chars()) {
        *slot = lossy_byte(ch);
        n += 1;
    }
    // Every byte written is ASCII.
    core::str::from_utf8(&buf[..n]).unwrap_or_default()
}

/// The one byte [`lossy_description`] writes for `ch`.
fn lossy_byte(ch: char) -> u8 {
    match ch {
        '"' => b'\'',
        '\\' => b'/',
        '\t' | '\r' | '\n' => b' ',
        c if c.is_ascii() && is_description_char(c as u8) => c as u8,
        _ => LOSSY_REPLACEMENT,
    }
}

/// [`lossy_description`] into a new `String` (under `alloc`).
///
/// ```
/// let d = auth_headers::server::lossy_description_string("timeout:\r\n\"db\" \u{2014} retry");
/// assert_eq!(d, "timeout:  'db' ? retry");
/// ```
#[cfg(feature = "alloc")]
pub fn lossy_description_string(text: &str) -> alloc::string::String {
    text.chars().map(|c| char::from(lossy_byte(c))).collect()
}
