//! The tower [`Layer`] and its [`Service`].

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::{Request, Response};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::config::{AuthConfig, BoxFuture, Denial, Identity, Scheme};
use crate::exchange::Step;

/// A tower layer that authenticates every request as its [`AuthConfig`]
/// says, and refuses the rest with the RFCs' status and challenges (see
/// [`AuthConfig::authenticate`] for the table). The [`Identity`](crate::Identity)
/// reaches the inner service in the request's extensions.
#[derive(Clone, Debug)]
pub struct AuthLayer {
    config: AuthConfig,
    scope: Option<Arc<str>>,
}

impl AuthLayer {
    /// A layer for `config`, with no scope requirement.
    pub fn new(config: AuthConfig) -> Self {
        AuthLayer {
            config,
            scope: None,
        }
    }

    /// The same layer, requiring `scope` (space-separated, all of them):
    /// an identity without it is answered 403 `insufficient_scope` with
    /// `scope` and `resource_metadata` (RFC 6750 §3.1, RFC 9728 §5.1), the
    /// MCP step-up answer.
    pub fn require_scope(&self, scope: &str) -> Self {
        AuthLayer {
            config: self.config.clone(),
            scope: Some(scope.into()),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &AuthConfig {
        &self.config
    }
}

impl<S> Layer<S> for AuthLayer {
    type Service = AuthService<S>;

    fn layer(&self, inner: S) -> AuthService<S> {
        AuthService {
            inner,
            config: self.config.clone(),
            scope: self.scope.clone(),
        }
    }
}

/// The service [`AuthLayer`] makes.
#[derive(Clone, Debug)]
pub struct AuthService<S> {
    inner: S,
    config: AuthConfig,
    scope: Option<Arc<str>>,
}

pin_project! {
    /// The future of [`AuthService`]: the inner service's own future when
    /// the request was decided without waiting (a refusal, or a
    /// [`Verdict::Ready`](crate::Verdict::Ready)), and a boxed one when the
    /// validator's verdict is pending or Digest waits on its replay store.
    pub struct AuthFuture<F: Future> {
        #[pin]
        state: State<F>,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F: Future> {
        Inner { #[pin] future: F },
        Refused { response: Option<F::Output> },
        Waiting { future: BoxFuture<'static, F::Output> },
    }
}

impl<F: Future> std::fmt::Debug for AuthFuture<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuthFuture")
    }
}

impl<F: Future> Future for AuthFuture<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        match self.project().state.project() {
            StateProj::Inner { future } => future.poll(cx),
            StateProj::Refused { response } => match response.take() {
                Some(r) => Poll::Ready(r),
                // Polled after it completed, a misuse: unlike `futures`'
                // `Ready`, which panics, this future stays pending.
                None => Poll::Pending,
            },
            StateProj::Waiting { future } => future.as_mut().poll(cx),
        }
    }
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for AuthService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    ReqBody: Send + 'static,
    ResBody: Default + Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = AuthFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqBody>) -> Self::Future {
        let scope = self.scope.as_deref();
        let step = self
            .config
            .start(req.method(), req.uri(), req.headers(), scope);
        let pending = match step {
            // Decided without waiting: the inner service is called now, by
            // the clone that was polled ready, and its future is ours.
            Step::Done(Ok(identity)) => {
                req.extensions_mut().insert(identity);
                return AuthFuture {
                    state: State::Inner {
                        future: self.inner.call(req),
                    },
                };
            }
            Step::Done(Err(rejection)) => return refused(rejection),
            Step::Validate(scheme, verdict) => Pending::Verdict(scheme, verdict),
            // Digest waits on its replay store: the credentials are parsed
            // and verified in the boxed future (which owns the request).
            #[cfg(feature = "digest")]
            Step::Digest(_) => Pending::Digest,
            #[cfg(not(feature = "digest"))]
            Step::Never(n, _) => match n {},
        };
        wait(self, req, pending)
    }
}

/// The future of a refusal.
#[inline(never)]
fn refused<F: Future<Output = Result<Response<B>, E>>, B: Default, E>(
    rejection: crate::exchange::Rejection,
) -> AuthFuture<F> {
    AuthFuture {
        state: State::Refused {
            response: Some(Ok(rejection.into_response())),
        },
    }
}

/// What a request that waits waits on.
enum Pending {
    /// The validator's verdict, for credentials of this scheme.
    Verdict(Scheme, BoxFuture<'static, Result<Identity, Denial>>),
    /// Digest's exchange, for the request's one credentials line
    /// ([`Step::Digest`]).
    #[cfg(feature = "digest")]
    Digest,
}

/// The boxed future of a request that waits: on the validator's verdict,
/// or on Digest's replay store. Out of `call`, so that the path that does
/// not wait stays small.
#[inline(never)]
fn wait<S, ReqBody, ResBody>(
    service: &mut AuthService<S>,
    mut req: Request<ReqBody>,
    pending: Pending,
) -> AuthFuture<S::Future>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    ReqBody: Send + 'static,
    ResBody: Default + Send + 'static,
{
    // The clone that was polled ready is the one that gets the call.
    let clone = service.inner.clone();
    let mut inner = std::mem::replace(&mut service.inner, clone);
    let config = service.config.clone();
    let scope = service.scope.clone();
    // Two futures, so that the verdict's wait does not carry the
    // Digest exchange's state.
    let future: BoxFuture<'static, _> = match pending {
        Pending::Verdict(scheme, verdict) => Box::pin(async move {
            let verdict = verdict.await;
            match config.finish(scheme, verdict, scope.as_deref()) {
                Ok(identity) => {
                    req.extensions_mut().insert(identity);
                    inner.call(req).await
                }
                Err(rejection) => Ok(rejection.into_response()),
            }
        }),
        #[cfg(feature = "digest")]
        Pending::Digest => Box::pin(async move {
            // The one line `start` found (looked up again: the request,
            // moved in here, owns it), parsed once, in
            // `authenticate_digest`; not classified again.
            let line = req.headers().get(config.side().credentials_header());
            let auth = match line {
                Some(value) => {
                    let (method, uri) = (req.method(), req.uri());
                    config
                        .authenticate_digest(value, method, uri, scope.as_deref())
                        .await
                }
                None => Err(crate::exchange::Rejection::internal()),
            };
            match auth {
                Ok(auth) => {
                    req.extensions_mut().insert(auth.identity);
                    let mut response = inner.call(req).await?;
                    if let Some(info) = auth.auth_info {
                        response
                            .headers_mut()
                            .append(config.side().auth_info_header(), info);
                    }
                    Ok(response)
                }
                Err(rejection) => Ok(rejection.into_response()),
            }
        }),
    };
    AuthFuture {
        state: State::Waiting { future },
    }
}
