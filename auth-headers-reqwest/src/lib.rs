//! A [`reqwest-middleware`](reqwest_middleware) middleware that answers
//! 401 and 407 for you: Basic, Digest, and Bearer with a refresh callback.
//! A thin shell over the sans-IO [`auth_headers::client::flow`]: the flow
//! decides, the middleware sends.
//!
//! ```no_run
//! use auth_headers_reqwest::{AuthMiddleware, Flow};
//! use reqwest_middleware::ClientBuilder;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // Digest (or Basic, whichever the server asks for) for one origin.
//! let flow = Flow::for_url("http://127.0.0.1:8080/").unwrap().user("Mufasa", "Circle of Life");
//! let client = ClientBuilder::new(reqwest::Client::new())
//!     .with(AuthMiddleware::new(flow))
//!     .build();
//! let res = client.get("http://127.0.0.1:8080/dir/index.html").send().await?;
//! assert!(res.status().is_success());
//!
//! // Bearer, refreshed on `invalid_token`.
//! let flow = Flow::for_url("https://api.example/").unwrap().bearer("expired-token");
//! let auth = AuthMiddleware::new(flow).refresh_with(|| async {
//!     Some(String::from("fresh-token")) // ask the authorization server here
//! });
//! let client = ClientBuilder::new(reqwest::Client::new()).with(auth).build();
//! let _ = client.get("https://api.example/files").send().await?;
//! # Ok(()) }
//! ```
//!
//! Every request goes through [`Flow::authorize`](auth_headers::client::flow::Flow::authorize_parts)
//! (credentials only for the flow's origin), every response through
//! [`Flow::on_response`](auth_headers::client::flow::Flow::on_response);
//! a [`Next::Retry`] resends a copy of the request (a request whose body
//! cannot be cloned, a stream, is not retried). The last response carries
//! the flow's [`Decision`] in its extensions. A Digest `rspauth` that does
//! not prove the server is an error, not a response.
//!
//! Redirects: reqwest follows them below the middleware (and drops
//! `Authorization` across origins). To have the flow see each hop, build
//! the client with `redirect::Policy::none()` and follow `Location`
//! yourself, as the `authget` example does.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use http::Extensions;
use reqwest::{Request, Response};
use reqwest_middleware::{Middleware, Next as MwNext, Result};

pub use auth_headers::client::flow::{
    Decision, Exchange, Flow, Next, Origin, Scheme, StepUp, Target, Why,
};
pub use auth_headers::schemes::digest::Algorithm;

/// What the middleware reports for each HTTP exchange (one request and its
/// response) to an observer ([`AuthMiddleware::observe`]). It holds no
/// secret.
#[derive(Clone, Debug)]
pub struct Report {
    /// The request's URL.
    pub url: String,
    /// The scheme of the `Authorization` the flow sent, if any.
    pub sent: Option<Scheme>,
    /// The scheme of the `Proxy-Authorization` the flow sent, if any.
    pub proxy_sent: Option<Scheme>,
    /// The Digest algorithm used, if any.
    pub algorithm: Option<Algorithm>,
    /// The response status.
    pub status: u16,
    /// The flow's decision on the response.
    pub decision: Decision,
}

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where new Bearer tokens come from, asynchronously.
pub trait AsyncTokenSource: Send + Sync + 'static {
    /// A new token after `invalid_token`, or `None` to give up.
    fn refresh(&self) -> BoxFut<'_, Option<String>>;
    /// A token meeting `step` (scopes, RFC 9470 level), or `None`.
    fn step_up<'a>(&'a self, step: &'a StepUp) -> BoxFut<'a, Option<String>> {
        let _ = step;
        Box::pin(async { None })
    }
}

struct RefreshFn<F>(F);

impl<F, Fut> AsyncTokenSource for RefreshFn<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Option<String>> + Send + 'static,
{
    fn refresh(&self) -> BoxFut<'_, Option<String>> {
        Box::pin((self.0)())
    }
}

type Observer = Arc<dyn Fn(&Report) + Send + Sync>;

/// The middleware: one [`Flow`] shared by every request of the client.
#[derive(Clone)]
pub struct AuthMiddleware {
    flow: Arc<Mutex<Flow>>,
    tokens: Option<Arc<dyn AsyncTokenSource>>,
    observer: Option<Observer>,
}

impl std::fmt::Debug for AuthMiddleware {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthMiddleware")
            .field("flow", &self.flow)
            .finish_non_exhaustive()
    }
}

impl AuthMiddleware {
    /// A middleware driving `flow`.
    pub fn new(flow: Flow) -> Self {
        AuthMiddleware {
            flow: Arc::new(Mutex::new(flow)),
            tokens: None,
            observer: None,
        }
    }

    /// Basic or Digest (whichever the origin of `url` asks for).
    pub fn user(url: &str, user: &str, password: &str) -> Option<Self> {
        Some(Self::new(Flow::for_url(url)?.user(user, password)))
    }

    /// Bearer `token` for the origin of `url`.
    pub fn bearer(url: &str, token: &str) -> Option<Self> {
        Some(Self::new(Flow::for_url(url)?.bearer(token)))
    }

    /// Where new tokens come from on `invalid_token` and for a step-up.
    pub fn token_source(mut self, source: impl AsyncTokenSource) -> Self {
        self.tokens = Some(Arc::new(source));
        self
    }

    /// A refresh callback for `invalid_token` (no step-up).
    pub fn refresh_with<F, Fut>(self, refresh: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Option<String>> + Send + 'static,
    {
        self.token_source(RefreshFn(refresh))
    }

    /// Calls `observer` after every HTTP exchange (for a log).
    pub fn observe(mut self, observer: impl Fn(&Report) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// The shared flow (to inspect it, or to change its token).
    pub fn flow(&self) -> &Arc<Mutex<Flow>> {
        &self.flow
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Flow> {
        // A panic while holding the lock leaves the flow usable.
        self.flow.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The error for a response the flow refuses (a wrong Digest `rspauth`).
#[derive(Debug)]
pub struct Refused(pub Why);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "authentication refused the response: {}", self.0)
    }
}

impl std::error::Error for Refused {}

#[async_trait::async_trait]
impl Middleware for AuthMiddleware {
    async fn handle(
        &self,
        req: Request,
        extensions: &mut Extensions,
        next: MwNext<'_>,
    ) -> Result<Response> {
        let body: Option<Vec<u8>> = match req.body() {
            None => Some(Vec::new()),
            Some(b) => b.as_bytes().map(<[u8]>::to_vec),
        };
        let mut ex = Exchange::new();
        let mut req = req;
        loop {
            let copy = req.try_clone();
            let uri: http::Uri = req
                .url()
                .as_str()
                .parse()
                .map_err(|e| reqwest_middleware::Error::Middleware(anyhow::Error::new(e)))?;
            let method = req.method().clone();
            self.lock()
                .authorize_parts(&mut ex, &method, &uri, req.headers_mut(), body.as_deref())
                .map_err(|e| reqwest_middleware::Error::Middleware(anyhow::Error::new(e)))?;
            let url = req.url().to_string();
            let mut res = next.clone().run(req, extensions).await?;
            let mut decision = self
                .lock()
                .on_response(&mut ex, res.status(), res.headers());
            match decision.next() {
                Next::Refresh | Next::StepUp => {
                    let token = match (&self.tokens, decision.next(), decision.step_up()) {
                        (Some(t), Next::Refresh, _) => t.refresh().await,
                        (Some(t), Next::StepUp, Some(s)) => t.step_up(s).await,
                        _ => None,
                    };
                    match token {
                        Some(t) => self.lock().set_token(t),
                        None => decision = decision.into_give_up(Why::NoNewToken),
                    }
                }
                _ => {}
            }
            if let Some(o) = &self.observer {
                o(&Report {
                    url,
                    sent: ex.sent(),
                    proxy_sent: ex.proxy_sent(),
                    algorithm: ex.algorithm(),
                    status: res.status().as_u16(),
                    decision: decision.clone(),
                });
            }
            if matches!(decision.why(), Why::RspauthMismatch | Why::RspauthMissing) {
                return Err(reqwest_middleware::Error::Middleware(anyhow::Error::new(
                    Refused(decision.why()),
                )));
            }
            match (decision.next(), copy) {
                (Next::Retry | Next::Refresh | Next::StepUp, Some(c)) => req = c,
                _ => {
                    res.extensions_mut().insert(decision);
                    return Ok(res);
                }
            }
        }
    }
}
