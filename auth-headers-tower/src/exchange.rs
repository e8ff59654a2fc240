//! One request's authentication: read the credentials, ask the validator,
//! and write the refusal as the RFCs say. Every status and challenge comes
//! from the core's decisions (`auth_headers::server`).

use http::header::{HeaderMap, HeaderValue};
use http::{Method, Response, StatusCode, Uri};

use auth_headers::schemes::basic::BasicCredentials;
use auth_headers::schemes::Token68Credentials;
use auth_headers::server::{
    append_challenges, lossy_description_string, BasicServer, BearerServer, Outcome, Reply,
};
use auth_headers::write::ChallengeBuilder;

use crate::config::{
    AuthConfig, BasicLogin, BearerToken, ConfigError, Credentials, Denial, Identity, Scheme,
};

/// The response that refuses a request: its status and its headers (the
/// challenges), with an empty body. Turn it into a response with
/// [`Rejection::into_response`] (or axum's `IntoResponse`).
#[derive(Clone, Debug)]
pub struct Rejection {
    status: StatusCode,
    headers: HeaderMap,
}

impl Rejection {
    pub(crate) fn internal() -> Self {
        Rejection {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            headers: HeaderMap::new(),
        }
    }

    pub(crate) fn status_only(status: StatusCode) -> Self {
        Rejection {
            status,
            headers: HeaderMap::new(),
        }
    }

    fn from_reply(reply: &Reply<'_>) -> Result<Self, auth_headers::BuildError> {
        let mut headers = HeaderMap::new();
        reply.append_to(&mut headers)?;
        Ok(Rejection {
            status: reply.status_code(),
            headers,
        })
    }

    /// The status: 400, 401, 403, 407, or 500 / 503 for a failure of the
    /// server's own.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers: the challenges, in `WWW-Authenticate` or
    /// `Proxy-Authenticate`.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The response, with `B::default()` as its (empty) body.
    pub fn into_response<B: Default>(self) -> Response<B> {
        let mut r = Response::new(B::default());
        *r.status_mut() = self.status;
        *r.headers_mut() = self.headers;
        r
    }
}

/// A request that authenticated.
#[derive(Clone, Debug)]
pub struct Authenticated {
    /// Who it is.
    pub identity: Identity,
    /// `Authentication-Info` to send with the response (Digest, RFC 7616
    /// §3.5), in the side's field ([`auth_headers::server::Side::auth_info_header`]).
    pub auth_info: Option<HeaderValue>,
}

/// What the credentials field held, by the first offered scheme that
/// claims it.
enum Found<'m> {
    Nothing,
    Bearer(Token68Credentials<'m>),
    BearerMalformed(Outcome<'static>),
    Basic(BasicCredentials<'m>),
    BasicMalformed,
    #[cfg(feature = "digest")]
    Digest(auth_headers::schemes::digest::DigestCredentials<'m>),
    #[cfg(feature = "digest")]
    DigestMalformed,
}

impl AuthConfig {
    fn bearer_server(&self) -> BearerServer<'_> {
        let mut s = BearerServer::new(&self.inner.realm);
        if let Some(m) = &self.inner.resource_metadata {
            s = s.resource_metadata(m);
        }
        match self.inner.side {
            auth_headers::server::Side::Proxy => s.proxy(),
            _ => s,
        }
    }

    fn basic_server(&self) -> BasicServer<'_> {
        let mut s = BasicServer::new(&self.inner.realm);
        if self.inner.basic_utf8 {
            s = s.utf8();
        }
        match self.inner.side {
            auth_headers::server::Side::Proxy => s.proxy(),
            _ => s,
        }
    }

    /// Which offered scheme the value is for (scheme names compare
    /// case-insensitively, RFC 9110 §11.1), and whether it is well-formed.
    fn classify<'m>(&self, value: &'m HeaderValue) -> Found<'m> {
        for s in self.schemes() {
            match s {
                Scheme::Bearer => match self.bearer_server().read(Some(value)) {
                    Ok(t) => return Found::Bearer(t),
                    Err(Outcome::NoCredentials) => {}
                    Err(o) => return Found::BearerMalformed(o),
                },
                Scheme::Basic => match self.basic_server().read(Some(value)) {
                    Ok(c) => return Found::Basic(c),
                    Err(Outcome::NoCredentials) => {}
                    Err(_) => return Found::BasicMalformed,
                },
                Scheme::Digest => {
                    #[cfg(feature = "digest")]
                    {
                        use auth_headers::schemes::digest::DigestCredentials;
                        use auth_headers::schemes::parse_token68_credentials;
                        let other = parse_token68_credentials(value, "Digest")
                            .is_err_and(|e| e.kind() == auth_headers::ErrorKind::WrongScheme);
                        if !other {
                            return match DigestCredentials::parse(value) {
                                Ok(c) => Found::Digest(c),
                                Err(_) => Found::DigestMalformed,
                            };
                        }
                    }
                }
            }
        }
        Found::Nothing
    }

    /// Authenticates a request from its method, target and headers, and
    /// checks `required_scope` (space-separated; `None` for none): the
    /// identity, or the response that refuses the request.
    ///
    /// | Request | Response |
    /// |---|---|
    /// | no credentials, or of a scheme not offered | 401 (407 as a proxy), one challenge per offered scheme, strongest first, no error (RFC 6750 §3.1) |
    /// | malformed Bearer, or a second credentials line after a Bearer one | 400, `Bearer … error="invalid_request", error_description="<the parser's message>"` (RFC 6750 §3.1) |
    /// | malformed Basic, or a second line | 401 with every challenge (Basic has no error code) |
    /// | malformed Digest | 400, no challenge (RFC 7616 gives no challenge for it; fresh nonces would not help) |
    /// | expired Digest nonce | 401, Digest challenges with `stale=true` (RFC 7616 §3.3) |
    /// | [`Denial::InvalidCredentials`] | 401; the Bearer challenge with `error="invalid_token"` and the description |
    /// | [`Denial::InsufficientScope`], or `required_scope` not granted | 403; Bearer: `error="insufficient_scope", scope=…` and `resource_metadata` (RFC 6750 §3.1, RFC 9728 §5.1); Basic, Digest: no challenge |
    /// | [`Denial::Internal`] | 500, no challenge |
    /// | Digest replay store full or failing | 503, no challenge (fail closed) |
    pub async fn authenticate(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        required_scope: Option<&str>,
    ) -> Result<Authenticated, Rejection> {
        let side = self.inner.side;
        let mut lines = headers.get_all(side.credentials_header()).into_iter();
        let Some(value) = lines.next() else {
            return Err(self.unauthorized(None, false));
        };
        let found = self.classify(value);
        if lines.next().is_some() {
            // RFC 9110 §11.6.2: one credentials. Each scheme answers it as it
            // answers a malformed value.
            return Err(match found {
                Found::Bearer(_) | Found::BearerMalformed(_) => self.bearer_refusal(
                    self.bearer_server()
                        .read_headers(headers)
                        .err()
                        .unwrap_or(Outcome::Malformed { description: None }),
                ),
                #[cfg(feature = "digest")]
                Found::Digest(_) | Found::DigestMalformed => {
                    Rejection::status_only(StatusCode::BAD_REQUEST)
                }
                Found::Nothing if self.offers(Scheme::Bearer) => self.bearer_refusal(
                    self.bearer_server()
                        .read_headers(headers)
                        .err()
                        .unwrap_or(Outcome::Malformed { description: None }),
                ),
                _ => self.unauthorized(None, false),
            });
        }
        let (scheme, verdict, auth_info) = match found {
            Found::Nothing => return Err(self.unauthorized(None, false)),
            Found::BearerMalformed(o) => return Err(self.bearer_refusal(o)),
            Found::BasicMalformed => return Err(self.unauthorized(None, false)),
            #[cfg(feature = "digest")]
            Found::DigestMalformed => return Err(Rejection::status_only(StatusCode::BAD_REQUEST)),
            Found::Bearer(t) => {
                let creds = Credentials::Bearer(BearerToken::new(t.token()));
                (
                    Scheme::Bearer,
                    self.inner.validator.validate(creds).await,
                    None,
                )
            }
            Found::Basic(c) => {
                let login = {
                    let mut scratch = zeroize::Zeroizing::new(vec![0u8; c.max_decoded_len()]);
                    match self.basic_server().decode(&c, &mut scratch) {
                        Ok(up) => BasicLogin::new(up.user_id(), up.password()),
                        Err(_) => return Err(self.unauthorized(None, false)),
                    }
                };
                let creds = Credentials::Basic(login);
                (
                    Scheme::Basic,
                    self.inner.validator.validate(creds).await,
                    None,
                )
            }
            #[cfg(feature = "digest")]
            Found::Digest(c) => {
                let (user, info) = self.verify_digest(c, method, uri).await?;
                let creds = Credentials::Digest { user };
                (
                    Scheme::Digest,
                    self.inner.validator.validate(creds).await,
                    Some(info),
                )
            }
        };
        #[cfg(not(feature = "digest"))]
        let _ = (method, uri);
        let identity = match verdict {
            Ok(id) => id.came_by(scheme),
            Err(d) => return Err(self.denied(scheme, d)),
        };
        if let Some(required) = required_scope {
            if !identity.has_scopes(required) {
                return Err(self.forbidden(scheme, required, None));
            }
        }
        Ok(Authenticated {
            identity,
            auth_info,
        })
    }

    /// The refusal for a validator's denial.
    fn denied(&self, scheme: Scheme, d: Denial) -> Rejection {
        match d {
            Denial::InvalidCredentials { description } => {
                let text = description.as_deref().map(lossy_description_string);
                match scheme {
                    Scheme::Bearer => self.unauthorized(
                        Some(Outcome::InvalidCredentials {
                            description: text.as_deref(),
                        }),
                        false,
                    ),
                    _ => self.unauthorized(None, false),
                }
            }
            Denial::InsufficientScope { scope, description } => {
                let text = description.as_deref().map(lossy_description_string);
                self.forbidden(scheme, &scope, text.as_deref())
            }
            Denial::Internal(_) => Rejection::internal(),
        }
    }

    /// 403 for a missing scope: Bearer's challenge, or none.
    fn forbidden(&self, scheme: Scheme, scope: &str, description: Option<&str>) -> Rejection {
        let outcome = Outcome::InsufficientScope { scope, description };
        match scheme {
            Scheme::Bearer => self
                .bearer_server()
                .reply(outcome)
                .and_then(|r| Rejection::from_reply(&r))
                // A scope the application named with a character RFC 6750
                // §3 forbids: still 403, without a challenge.
                .unwrap_or_else(|_| Rejection::status_only(StatusCode::FORBIDDEN)),
            _ => Rejection::status_only(StatusCode::FORBIDDEN),
        }
    }

    /// A Bearer-only refusal (400 `invalid_request`).
    fn bearer_refusal(&self, outcome: Outcome<'_>) -> Rejection {
        self.bearer_server()
            .reply(outcome)
            .and_then(|r| Rejection::from_reply(&r))
            .unwrap_or_else(|_| Rejection::internal())
    }

    /// 401 (407) with one challenge per offered scheme, strongest first;
    /// the Bearer one carries `bearer` (an error), the Digest ones `stale`.
    pub(crate) fn unauthorized(&self, bearer: Option<Outcome<'_>>, stale: bool) -> Rejection {
        self.try_unauthorized(bearer, stale)
            .unwrap_or_else(|_| Rejection::internal())
    }

    fn try_unauthorized(
        &self,
        bearer: Option<Outcome<'_>>,
        stale: bool,
    ) -> Result<Rejection, ConfigError> {
        let side = self.inner.side;
        let bearer_reply = match self.offers(Scheme::Bearer) {
            true => Some(
                self.bearer_server()
                    .reply(bearer.unwrap_or(Outcome::NoCredentials))?,
            ),
            false => None,
        };
        let basic_reply = match self.offers(Scheme::Basic) {
            true => Some(self.basic_server().reply(Outcome::NoCredentials)?),
            false => None,
        };
        let mut list: Vec<ChallengeBuilder<'_>> = Vec::with_capacity(4);
        list.extend(bearer_reply.as_ref().and_then(|r| r.www_authenticate()));
        #[cfg(feature = "digest")]
        let digest = self.digest_offer()?;
        #[cfg(feature = "digest")]
        if let Some((server, nonce, algorithms)) = &digest {
            for alg in algorithms.iter() {
                list.push(
                    server
                        .challenge(*alg, nonce, stale)
                        .param("charset", "UTF-8"),
                );
            }
        }
        #[cfg(not(feature = "digest"))]
        let _ = stale;
        list.extend(basic_reply.as_ref().and_then(|r| r.www_authenticate()));
        let mut headers = HeaderMap::new();
        append_challenges(side, &list, self.inner.lines, &mut headers)?;
        Ok(Rejection {
            status: StatusCode::from_u16(side.unauthorized()).unwrap_or(StatusCode::UNAUTHORIZED),
            headers,
        })
    }
}

/// Builds every challenge the configuration can write, once: a realm or URL
/// that cannot be written is found when the configuration is built.
pub(crate) fn check(config: &AuthConfig) -> Result<(), ConfigError> {
    if config.schemes().is_empty() {
        return Err(ConfigError::NoScheme);
    }
    config.try_unauthorized(None, true)?;
    if config.offers(Scheme::Bearer) {
        config.bearer_server().reply(Outcome::InsufficientScope {
            scope: "s",
            description: Some("d"),
        })?;
    }
    Ok(())
}
