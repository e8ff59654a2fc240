//! The tower [`Layer`] and its [`Service`].

use std::sync::Arc;
use std::task::{Context, Poll};

use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::config::{AuthConfig, BoxFuture};

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

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for AuthService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    ReqBody: Send + 'static,
    ResBody: Default + Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response<ResBody>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqBody>) -> Self::Future {
        // The clone that was polled ready is the one that gets the call.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let config = self.config.clone();
        let scope = self.scope.clone();
        Box::pin(async move {
            let result = config
                .authenticate(req.method(), req.uri(), req.headers(), scope.as_deref())
                .await;
            match result {
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
        })
    }
}
