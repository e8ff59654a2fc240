//! A tower [`Layer`] that answers 401 and 407 for an HTTP client service,
//! such as hyper-util's `Client`: Basic, Digest, and Bearer with refresh
//! and step-up callbacks. A thin shell over the sans-IO [`auth_headers::client::flow`].
//!
//! (This is the client side; the server's tower layer is another crate.)
//!
//! ```no_run
//! use auth_headers_tower_client::{AuthLayer, Flow};
//! use http_body_util::Empty;
//! use hyper_util::client::legacy::Client;
//! use hyper_util::rt::TokioExecutor;
//! use tower::{Layer, ServiceExt};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let hyper = Client::builder(TokioExecutor::new()).build_http::<Empty<bytes::Bytes>>();
//! let flow = Flow::for_url("http://127.0.0.1:8080/").unwrap().user("Mufasa", "Circle of Life");
//! let client = AuthLayer::new(flow).layer(hyper);
//! let req = http::Request::get("http://127.0.0.1:8080/dir/index.html").body(Empty::new())?;
//! let res = client.oneshot(req).await?;
//! assert!(res.status().is_success());
//! # Ok(()) }
//! ```
//!
//! The request body must be `Clone` (such as `Empty` or `Full`) to be
//! resent; it is not read, so Digest `auth-int` is not offered to the
//! flow. Retried requests carry the method, URI, version and headers of the
//! original, not its extensions. The last response carries the flow's
//! [`Decision`] in its extensions; a Digest `rspauth` that does not prove
//! the server makes the call fail with [`Refused`].

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

pub use auth_headers::client::flow::{
    Decision, Exchange, Flow, Next, Origin, Scheme, StepUp, Target, Why,
};

type BoxFut<T> = Pin<Box<dyn Future<Output = T> + Send>>;
type Refresh = Arc<dyn Fn() -> BoxFut<Option<String>> + Send + Sync>;
type StepUpFn = Arc<dyn Fn(StepUp) -> BoxFut<Option<String>> + Send + Sync>;

/// The layer: one [`Flow`] shared by every service it wraps.
#[derive(Clone)]
pub struct AuthLayer {
    flow: Arc<Mutex<Flow>>,
    refresh: Option<Refresh>,
    step_up: Option<StepUpFn>,
}

impl std::fmt::Debug for AuthLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthLayer")
            .field("flow", &self.flow)
            .finish_non_exhaustive()
    }
}

impl AuthLayer {
    /// A layer driving `flow`.
    pub fn new(flow: Flow) -> Self {
        AuthLayer {
            flow: Arc::new(Mutex::new(flow)),
            refresh: None,
            step_up: None,
        }
    }

    /// A refresh callback for Bearer `invalid_token`.
    pub fn refresh_with<F, Fut>(mut self, f: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Option<String>> + Send + 'static,
    {
        self.refresh = Some(Arc::new(move || Box::pin(f()) as BoxFut<_>));
        self
    }

    /// A step-up callback for Bearer `insufficient_scope` (the scopes to
    /// ask for) and RFC 9470 `insufficient_user_authentication`.
    pub fn step_up_with<F, Fut>(mut self, f: F) -> Self
    where
        F: Fn(StepUp) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Option<String>> + Send + 'static,
    {
        self.step_up = Some(Arc::new(move |s| Box::pin(f(s)) as BoxFut<_>));
        self
    }

    /// The shared flow.
    pub fn flow(&self) -> &Arc<Mutex<Flow>> {
        &self.flow
    }
}

impl<S> Layer<S> for AuthLayer {
    type Service = AuthService<S>;

    fn layer(&self, inner: S) -> AuthService<S> {
        AuthService {
            inner,
            flow: self.flow.clone(),
            refresh: self.refresh.clone(),
            step_up: self.step_up.clone(),
        }
    }
}

/// The service of [`AuthLayer`].
#[derive(Clone)]
pub struct AuthService<S> {
    inner: S,
    flow: Arc<Mutex<Flow>>,
    refresh: Option<Refresh>,
    step_up: Option<StepUpFn>,
}

impl<S> std::fmt::Debug for AuthService<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthService")
            .field("flow", &self.flow)
            .finish_non_exhaustive()
    }
}

/// The error of [`AuthService`]: the inner service's, or a response the
/// flow refused.
#[derive(Debug)]
pub enum AuthError<E> {
    /// The inner service failed.
    Inner(E),
    /// The flow refused the response or could not add credentials.
    Refused(Refused),
}

impl<E: std::fmt::Display> std::fmt::Display for AuthError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthError::Inner(e) => e.fmt(f),
            AuthError::Refused(r) => r.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for AuthError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AuthError::Inner(e) => Some(e),
            AuthError::Refused(r) => Some(r),
        }
    }
}

/// A response the flow refused (a wrong Digest `rspauth`), or credentials
/// it could not write.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "authentication: {}", self.0)
    }
}

impl std::error::Error for Refused {}

fn lock(flow: &Mutex<Flow>) -> std::sync::MutexGuard<'_, Flow> {
    flow.lock().unwrap_or_else(|e| e.into_inner())
}

impl<S, B, RB> Service<Request<B>> for AuthService<S>
where
    S: Service<Request<B>, Response = Response<RB>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: Send,
    B: Clone + Send + 'static,
    RB: Send + 'static,
{
    type Response = Response<RB>;
    type Error = AuthError<S::Error>;
    type Future = BoxFut<Result<Response<RB>, AuthError<S::Error>>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(AuthError::Inner)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        // The clone takes the place of the service that was made ready.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let flow = self.flow.clone();
        let refresh = self.refresh.clone();
        let step_up = self.step_up.clone();
        Box::pin(async move {
            let (parts, body) = req.into_parts();
            let mut ex = Exchange::new();
            let mut first = true;
            loop {
                let mut r = Request::new(body.clone());
                *r.method_mut() = parts.method.clone();
                *r.uri_mut() = parts.uri.clone();
                *r.version_mut() = parts.version;
                *r.headers_mut() = parts.headers.clone();
                lock(&flow)
                    .authorize(&mut ex, &mut r, None)
                    .map_err(|e| AuthError::Refused(Refused(e.to_string())))?;
                if !first {
                    std::future::poll_fn(|cx| inner.poll_ready(cx))
                        .await
                        .map_err(AuthError::Inner)?;
                }
                first = false;
                let mut res = inner.call(r).await.map_err(AuthError::Inner)?;
                let mut d = lock(&flow).on_response(&mut ex, res.status(), res.headers());
                if matches!(d.why(), Why::RspauthMismatch | Why::RspauthMissing) {
                    return Err(AuthError::Refused(Refused(d.why().to_string())));
                }
                if matches!(d.next(), Next::Refresh | Next::StepUp) {
                    let token = match (d.next(), &refresh, &step_up, d.step_up()) {
                        (Next::Refresh, Some(f), _, _) => f().await,
                        (Next::StepUp, _, Some(f), Some(s)) => f(s.clone()).await,
                        _ => None,
                    };
                    match token {
                        Some(t) => lock(&flow).set_token(t),
                        None => d = d.into_give_up(Why::NoNewToken),
                    }
                }
                if !matches!(d.next(), Next::Retry | Next::Refresh | Next::StepUp) {
                    res.extensions_mut().insert(d);
                    return Ok(res);
                }
            }
        })
    }
}
