//! axum extractors (feature `axum`, through `axum-core`).

use axum_core::extract::{FromRef, FromRequestParts};
use axum_core::response::{IntoResponse, Response};
use http::request::Parts;

use crate::config::{AuthConfig, Identity};
use crate::exchange::Rejection;

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        Rejection::into_response(self)
    }
}

/// The identity the [`AuthLayer`](crate::AuthLayer) put in the request's
/// extensions. Without the layer, it authenticates with an [`AuthConfig`]
/// found in the extensions (an `Extension(config)` layer); with neither,
/// the route is misconfigured and the answer is 500 (never a bare 400).
impl<S: Send + Sync> FromRequestParts<S> for Identity {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejection> {
        if let Some(id) = parts.extensions.get::<Identity>() {
            return Ok(id.clone());
        }
        let Some(config) = parts.extensions.get::<AuthConfig>().cloned() else {
            return Err(Rejection::internal());
        };
        config
            .authenticate(&parts.method, &parts.uri, &parts.headers, None)
            .await
            .map(|a| a.identity)
    }
}

/// The request's identity, for routes with or without the layer: taken
/// from the extensions when the [`AuthLayer`](crate::AuthLayer) ran, and
/// otherwise authenticated here with the [`AuthConfig`] of the router's
/// state (`AuthConfig: FromRef<S>`). Its rejection is the layer's: 401 (or
/// 407) with one challenge per offered scheme, 400 `invalid_request` for a
/// malformed Bearer header, 403, or 500; never a bare 400.
///
/// Without the layer there is no `Authentication-Info` for Digest (an
/// extractor cannot touch the response); it is optional (RFC 7616 §3.5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Auth(pub Identity);

impl<S> FromRequestParts<S> for Auth
where
    AuthConfig: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        if let Some(id) = parts.extensions.get::<Identity>() {
            return Ok(Auth(id.clone()));
        }
        let config = AuthConfig::from_ref(state);
        config
            .authenticate(&parts.method, &parts.uri, &parts.headers, None)
            .await
            .map(|a| Auth(a.identity))
    }
}
