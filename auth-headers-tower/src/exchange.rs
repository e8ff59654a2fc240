//! One request's authentication: read the credentials, ask the validator,
//! and write the refusal as the RFCs say. Every status and challenge comes
//! from the core's decisions (`auth_headers::server`).

use http::header::{HeaderMap, HeaderValue};
use http::{Method, Response, StatusCode, Uri};

use auth_headers::schemes::basic::BasicCredentials;
use auth_headers::schemes::dpop::{self, DpopNonce};
use auth_headers::schemes::Token68Credentials;
use auth_headers::server::{
    append_challenges, lossy_description_string, BasicServer, BearerServer, DpopOutcome,
    DpopRequest, DpopServer, Outcome, Reply,
};
use auth_headers::write::ChallengeBuilder;

use crate::config::{
    AuthConfig, BasicLogin, BearerToken, BoxFuture, ConfigError, Credentials, Denial,
    DpopCredentials, Identity, Scheme, Verdict,
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
    /// `Proxy-Authenticate`, and the `DPoP-Nonce` of a DPoP nonce request.
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

/// Which error each OAuth challenge of a 401 carries (RFC 9449 §7.2: the
/// challenge of the scheme the client tried carries it, the others none),
/// and whether the Digest ones say `stale=true`.
#[derive(Clone, Copy)]
pub(crate) struct Errors<'e> {
    dpop: Option<DpopOutcome<'e>>,
    bearer: Option<Outcome<'e>>,
    stale: bool,
}

impl Errors<'_> {
    /// No error anywhere: the plain offer.
    pub(crate) const NONE: Errors<'static> = Errors {
        dpop: None,
        bearer: None,
        stale: false,
    };
    /// The offer with `stale=true` on the Digest challenges (RFC 7616 §3.3).
    pub(crate) const STALE: Errors<'static> = Errors {
        dpop: None,
        bearer: None,
        stale: true,
    };
}

/// What the credentials field held, by the first offered scheme that
/// claims it.
enum Found<'m> {
    Nothing,
    Dpop(DpopRequest<'m>),
    DpopRefused(DpopOutcome<'static>),
    Bearer(Token68Credentials<'m>),
    BearerMalformed(Outcome<'static>),
    Basic(BasicCredentials<'m>),
    BasicMalformed,
    /// `Digest` credentials, well-formed or not: they are parsed where
    /// they are verified, once.
    #[cfg(feature = "digest")]
    Digest(&'m HeaderValue),
}

/// How far [`AuthConfig::start`] got without waiting.
pub(crate) enum Step<'m> {
    /// Decided: the identity (the validator answered at once), or the
    /// refusal.
    Done(Result<Identity, Rejection>),
    /// The validator's verdict for credentials of this scheme, pending.
    Validate(Scheme, BoxFuture<'static, Result<Identity, Denial>>),
    /// The one credentials line, of the Digest scheme: to parse (400 if
    /// malformed) and verify ([`AuthConfig::authenticate_digest`], which
    /// awaits the replay store).
    #[cfg(feature = "digest")]
    Digest(&'m HeaderValue),
    /// Without Digest, nothing borrows the headers: this variant only
    /// holds the lifetime, and cannot be made.
    #[cfg(not(feature = "digest"))]
    #[allow(dead_code)]
    Never(std::convert::Infallible, std::marker::PhantomData<&'m ()>),
}

impl AuthConfig {
    fn dpop_server(&self) -> DpopServer<'_> {
        let s = DpopServer::new(&self.inner.realm).algs(&self.inner.dpop_algs);
        match &self.inner.resource_metadata {
            Some(m) => s.resource_metadata(m),
            None => s,
        }
    }

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
    /// case-insensitively, RFC 9110 §11.1), and whether it is well-formed
    /// (Digest's is only recognised: [`AuthConfig::authenticate_digest`]
    /// parses it).
    fn classify<'m>(&self, value: &'m HeaderValue, headers: &'m HeaderMap) -> Found<'m> {
        for s in self.schemes() {
            match s {
                // The token with its proof: one `DPoP` line (RFC 9449
                // §4.3), of JWS shape. The value is always `Authorization`'s:
                // a proxy cannot offer DPoP (`build` refuses it, §7.1).
                Scheme::Dpop => match self
                    .dpop_server()
                    .read(Some(value), headers.get_all(dpop::PROOF_HEADER))
                {
                    Ok(r) => return Found::Dpop(r),
                    Err(DpopOutcome::OAuth(Outcome::NoCredentials)) => {}
                    Err(o) => return Found::DpopRefused(o),
                },
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
                        use auth_headers::schemes::parse_token68_credentials;
                        let other = parse_token68_credentials(value, "Digest")
                            .is_err_and(|e| e.kind() == auth_headers::ErrorKind::WrongScheme);
                        if !other {
                            return Found::Digest(value);
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
    /// | no credentials, or of a scheme not offered (`DPoP …` where only Bearer is offered, and the reverse) | 401 (407 as a proxy), one challenge per offered scheme, strongest first, no error (RFC 6750 §3.1: "attempted using an unsupported authentication method"; RFC 9449 §7.2) |
    /// | malformed Bearer, or a second credentials line after a Bearer one | 400, `Bearer … error="invalid_request", error_description="<the parser's message>"` (RFC 6750 §3.1) |
    /// | malformed DPoP (`DPoP: x`) | 400, `DPoP … error="invalid_request"` (RFC 9449 §7.1) |
    /// | a second credentials line after a Bearer or DPoP one, both offered | 400, the DPoP and the Bearer challenge each with `error="invalid_request"` (RFC 9449 §7.2, Figure 19) |
    /// | `Authorization: DPoP` with no `DPoP` proof, two, or one not of JWS shape | 401, every challenge; DPoP's with `error="invalid_dpop_proof"` (RFC 9449 §4.3, §7.1) |
    /// | [`Denial::InvalidDpopProof`] / [`Denial::UseDpopNonce`] | 401, DPoP's challenge with `invalid_dpop_proof` / `use_dpop_nonce` and a `DPoP-Nonce` header (RFC 9449 §7.1, §9) |
    /// | malformed Basic, or a second line | 401 with every challenge (Basic has no error code) |
    /// | malformed Digest | 400, no challenge (RFC 7616 gives no challenge for it; fresh nonces would not help) |
    /// | expired Digest nonce | 401, Digest challenges with `stale=true` (RFC 7616 §3.3) |
    /// | [`Denial::InvalidCredentials`] | 401; the challenge of the scheme used (Bearer or DPoP) with `error="invalid_token"` and the description, the others without error (RFC 9449 §7.2, Figure 18) |
    /// | [`Denial::InsufficientScope`], or `required_scope` not granted | 403; Bearer, DPoP: `error="insufficient_scope", scope=…` and `resource_metadata` (RFC 6750 §3.1, RFC 9728 §5.1); Basic, Digest: no challenge |
    /// | [`Denial::Internal`] | 500, no challenge |
    /// | Digest replay store full or failing | 503, no challenge (fail closed; the `digest` module says why not a 401) |
    pub async fn authenticate(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        required_scope: Option<&str>,
    ) -> Result<Authenticated, Rejection> {
        let identity = match self.start(method, uri, headers, required_scope) {
            Step::Done(r) => r,
            Step::Validate(scheme, verdict) => self.finish(scheme, verdict.await, required_scope),
            #[cfg(feature = "digest")]
            Step::Digest(value) => {
                return self
                    .authenticate_digest(value, method, uri, required_scope)
                    .await
            }
            #[cfg(not(feature = "digest"))]
            Step::Never(n, _) => match n {},
        };
        identity.map(|identity| Authenticated {
            identity,
            auth_info: None,
        })
    }

    /// What can be decided without waiting: a refusal, or the identity
    /// from a validator that answered at once ([`Step::Done`]); otherwise
    /// the validator's pending verdict, or Digest credentials to verify
    /// (which waits on the replay store).
    pub(crate) fn start<'m>(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &'m HeaderMap,
        required_scope: Option<&str>,
    ) -> Step<'m> {
        let side = self.inner.side;
        let mut lines = headers.get_all(side.credentials_header()).into_iter();
        let Some(value) = lines.next() else {
            return Step::Done(Err(self.unauthorized(Errors::NONE)));
        };
        let found = self.classify(value, headers);
        if lines.next().is_some() {
            // RFC 9110 §11.6.2: one credentials. Each scheme answers it as it
            // answers a malformed value; Bearer and DPoP both carry the
            // error, the mechanism being ambiguous (RFC 9449 §7.2).
            let oauth = self.offers(Scheme::Bearer) || self.offers(Scheme::Dpop);
            return Step::Done(Err(match found {
                Found::Bearer(_)
                | Found::BearerMalformed(_)
                | Found::Dpop(_)
                | Found::DpopRefused(_) => self.two_lines(headers),
                Found::Nothing if oauth => self.two_lines(headers),
                // Malformed or not: the second line is the malformation.
                #[cfg(feature = "digest")]
                Found::Digest(_) => Rejection::status_only(StatusCode::BAD_REQUEST),
                _ => self.unauthorized(Errors::NONE),
            }));
        }
        let (scheme, creds) = match found {
            Found::Nothing => return Step::Done(Err(self.unauthorized(Errors::NONE))),
            Found::BearerMalformed(o) => return Step::Done(Err(self.oauth_refusal(None, Some(o)))),
            Found::DpopRefused(o @ DpopOutcome::OAuth(Outcome::Malformed { .. })) => {
                return Step::Done(Err(self.oauth_refusal(Some(o), None)))
            }
            Found::DpopRefused(o) => {
                return Step::Done(Err(self.unauthorized(Errors {
                    dpop: Some(o),
                    ..Errors::NONE
                })))
            }
            Found::BasicMalformed => return Step::Done(Err(self.unauthorized(Errors::NONE))),
            Found::Dpop(r) => (
                Scheme::Dpop,
                Credentials::Dpop(DpopCredentials::new(&r, value, method, uri)),
            ),
            Found::Bearer(t) => (
                Scheme::Bearer,
                Credentials::Bearer(BearerToken::new(value, t.offset(), t.token())),
            ),
            Found::Basic(c) => {
                // Decoded into the buffer the login keeps: one allocation,
                // and the secret is not copied.
                let mut buf = zeroize::Zeroizing::new(vec![0u8; c.max_decoded_len()]);
                let (colon, len) = match self.basic_server().decode(&c, &mut buf) {
                    Ok(up) => (
                        up.user_id().len(),
                        up.user_id().len() + 1 + up.password().len(),
                    ),
                    Err(_) => return Step::Done(Err(self.unauthorized(Errors::NONE))),
                };
                (
                    Scheme::Basic,
                    Credentials::Basic(BasicLogin::from_decoded(buf, colon, len)),
                )
            }
            #[cfg(feature = "digest")]
            Found::Digest(value) => return Step::Digest(value),
        };
        match self.inner.validator.validate(creds) {
            Verdict::Ready(v) => Step::Done(self.finish(scheme, v, required_scope)),
            Verdict::Pending(f) => Step::Validate(scheme, f),
        }
    }

    /// Authenticates the one credentials line `value` of the Digest scheme
    /// ([`Step::Digest`]): parsed here, once (malformed: 400, no
    /// challenge), verified, then the validator asked and `required_scope`
    /// checked. The `Authentication-Info` value comes with the identity.
    #[cfg(feature = "digest")]
    pub(crate) async fn authenticate_digest(
        &self,
        value: &HeaderValue,
        method: &Method,
        uri: &Uri,
        required_scope: Option<&str>,
    ) -> Result<Authenticated, Rejection> {
        use auth_headers::schemes::digest::DigestCredentials;
        let Ok(c) = DigestCredentials::parse(value) else {
            return Err(Rejection::status_only(StatusCode::BAD_REQUEST));
        };
        // Boxed: the Digest verification's state is large (about 1.3 kB),
        // and inline it made every request's future too big for the
        // allocator's fast path (callgrind, the bench).
        let (user, info) = Box::pin(self.verify_digest(c, method, uri)).await?;
        let creds = Credentials::Digest { user };
        let verdict = self.inner.validator.validate(creds).into_result().await;
        self.finish(Scheme::Digest, verdict, required_scope)
            .map(|identity| Authenticated {
                identity,
                auth_info: Some(info),
            })
    }

    /// The identity the validator's verdict gives, with the scheme it came
    /// by and `required_scope` checked, or the refusal.
    pub(crate) fn finish(
        &self,
        scheme: Scheme,
        verdict: Result<Identity, Denial>,
        required_scope: Option<&str>,
    ) -> Result<Identity, Rejection> {
        let identity = match verdict {
            Ok(id) => id.came_by(scheme),
            Err(d) => return Err(self.denied(scheme, d)),
        };
        if let Some(required) = required_scope {
            if !identity.has_scopes(required) {
                return Err(self.forbidden(scheme, required, None));
            }
        }
        Ok(identity)
    }

    /// The refusal for a validator's denial.
    fn denied(&self, scheme: Scheme, d: Denial) -> Rejection {
        let lossy = |d: &Option<String>| d.as_deref().map(lossy_description_string);
        match (d, scheme) {
            (Denial::InsufficientScope { scope, description }, _) => {
                self.forbidden(scheme, &scope, lossy(&description).as_deref())
            }
            (Denial::Internal(_), _) => Rejection::internal(),
            (Denial::InvalidDpopProof { description }, Scheme::Dpop) => {
                let text = lossy(&description);
                self.unauthorized(Errors {
                    dpop: Some(DpopOutcome::InvalidProof {
                        description: text.as_deref(),
                    }),
                    ..Errors::NONE
                })
            }
            (Denial::UseDpopNonce { nonce, description }, Scheme::Dpop) => {
                // A nonce outside 1*NQCHAR (RFC 9449 §8.1) is the
                // application's bug, not the client's.
                let Ok(nonce) = DpopNonce::new(&nonce) else {
                    return Rejection::internal();
                };
                let text = lossy(&description);
                self.unauthorized(Errors {
                    dpop: Some(DpopOutcome::UseNonce {
                        nonce,
                        description: text.as_deref(),
                    }),
                    ..Errors::NONE
                })
            }
            (
                Denial::InvalidCredentials { description }
                | Denial::InvalidDpopProof { description }
                | Denial::UseDpopNonce { description, .. },
                _,
            ) => {
                let text = lossy(&description);
                let invalid = Outcome::InvalidCredentials {
                    description: text.as_deref(),
                };
                self.unauthorized(match scheme {
                    Scheme::Dpop => Errors {
                        dpop: Some(invalid.into()),
                        ..Errors::NONE
                    },
                    Scheme::Bearer => Errors {
                        bearer: Some(invalid),
                        ..Errors::NONE
                    },
                    _ => Errors::NONE,
                })
            }
        }
    }

    /// 403 for a missing scope: Bearer's or DPoP's challenge, or none.
    fn forbidden(&self, scheme: Scheme, scope: &str, description: Option<&str>) -> Rejection {
        let outcome = Outcome::InsufficientScope { scope, description };
        let reply = match scheme {
            Scheme::Bearer => self.bearer_server().reply(outcome),
            Scheme::Dpop => self.dpop_server().reply(outcome),
            _ => return Rejection::status_only(StatusCode::FORBIDDEN),
        };
        reply
            .and_then(|r| Rejection::from_reply(&r))
            // A scope the application named with a character RFC 6750
            // §3 forbids: still 403, without a challenge.
            .unwrap_or_else(|_| Rejection::status_only(StatusCode::FORBIDDEN))
    }

    /// 400 `invalid_request` for a second credentials line, in the
    /// challenge of each offered OAuth scheme (RFC 9449 §7.2, Figure 19).
    fn two_lines(&self, headers: &HeaderMap) -> Rejection {
        // The core's reading of a second line: Malformed, described.
        let o = self
            .bearer_server()
            .read_headers(headers)
            .err()
            .unwrap_or(Outcome::Malformed { description: None });
        let bearer = self.offers(Scheme::Bearer).then_some(o);
        let dpop = self.offers(Scheme::Dpop).then_some(o.into());
        self.oauth_refusal(dpop, bearer)
    }

    /// A refusal in the OAuth challenges given (400 `invalid_request`),
    /// DPoP's first.
    fn oauth_refusal(
        &self,
        dpop: Option<DpopOutcome<'_>>,
        bearer: Option<Outcome<'_>>,
    ) -> Rejection {
        let write = || -> Result<Rejection, auth_headers::BuildError> {
            let mut replies = Vec::with_capacity(2);
            if let Some(o) = dpop {
                replies.push(self.dpop_server().reply(o)?);
            }
            if let Some(o) = bearer {
                replies.push(self.bearer_server().reply(o)?);
            }
            let mut headers = HeaderMap::new();
            let mut status = StatusCode::BAD_REQUEST;
            for r in &replies {
                r.append_to(&mut headers)?;
                status = r.status_code();
            }
            Ok(Rejection { status, headers })
        };
        write().unwrap_or_else(|_| Rejection::internal())
    }

    /// 401 (407) with one challenge per offered scheme, strongest first;
    /// the DPoP and Bearer ones carry `errors` (RFC 9449 §7.2), the Digest
    /// ones `stale`.
    pub(crate) fn unauthorized(&self, errors: Errors<'_>) -> Rejection {
        self.try_unauthorized(errors)
            .unwrap_or_else(|_| Rejection::internal())
    }

    fn try_unauthorized(&self, errors: Errors<'_>) -> Result<Rejection, ConfigError> {
        let side = self.inner.side;
        let dpop_reply = match self.offers(Scheme::Dpop) {
            true => Some(
                self.dpop_server()
                    .reply(errors.dpop.unwrap_or(Outcome::NoCredentials.into()))?,
            ),
            false => None,
        };
        let bearer_reply = match self.offers(Scheme::Bearer) {
            true => Some(
                self.bearer_server()
                    .reply(errors.bearer.unwrap_or(Outcome::NoCredentials))?,
            ),
            false => None,
        };
        let basic_reply = match self.offers(Scheme::Basic) {
            true => Some(self.basic_server().reply(Outcome::NoCredentials)?),
            false => None,
        };
        let mut list: Vec<ChallengeBuilder<'_>> = Vec::with_capacity(5);
        list.extend(dpop_reply.as_ref().and_then(|r| r.www_authenticate()));
        list.extend(bearer_reply.as_ref().and_then(|r| r.www_authenticate()));
        #[cfg(feature = "digest")]
        let digest = self.digest_offer()?;
        #[cfg(feature = "digest")]
        if let Some((server, nonce, algorithms)) = &digest {
            for alg in algorithms.iter() {
                list.push(
                    server
                        .challenge(*alg, nonce, errors.stale)
                        .param("charset", "UTF-8"),
                );
            }
        }
        #[cfg(not(feature = "digest"))]
        let _ = errors.stale;
        list.extend(basic_reply.as_ref().and_then(|r| r.www_authenticate()));
        let mut headers = HeaderMap::new();
        append_challenges(side, &list, self.inner.lines, &mut headers)?;
        // RFC 9449 §9: the nonce of `use_dpop_nonce`, in one header.
        if let Some(r) = &dpop_reply {
            r.insert_dpop_nonce(&mut headers);
        }
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
    config.try_unauthorized(Errors::STALE)?;
    let scope = Outcome::InsufficientScope {
        scope: "s",
        description: Some("d"),
    };
    if config.offers(Scheme::Bearer) {
        config.bearer_server().reply(scope)?;
    }
    if config.offers(Scheme::Dpop) {
        config.dpop_server().reply(scope)?;
    }
    Ok(())
}
