//! A tower [`Layer`](tower_layer::Layer) and axum extractors that answer
//! HTTP authentication as the RFCs say, on
//! [`auth-headers`](auth_headers): DPoP (RFC 9449), Bearer (RFC 6750, with
//! RFC 9728 `resource_metadata`), Basic (RFC 7617) and Digest (RFC 7616),
//! any mix, as an origin server or a proxy (RFC 9110 §11.6, §11.7; DPoP is
//! for origin servers only).
//!
//! In place of tower-http's deprecated `ValidateRequestHeaderLayer::bearer`
//! and `::basic` (a byte compare of the whole header, not constant-time,
//! no `WWW-Authenticate` for Bearer, no realm for Basic):
//! - scheme names compare case-insensitively (`bearer x` is Bearer);
//! - a missing credential is answered 401 with one challenge per offered
//!   scheme, strongest first, one header line each (joined on request);
//! - a malformed Bearer header is 400 `invalid_request` with the parser's
//!   message as `error_description`; a second `Authorization` line is
//!   refused (RFC 9110 §11.6.2);
//! - the application's [`Validator`] (an async function, or a
//!   [`SyncValidator`] when it needs no I/O, which then costs no boxed
//!   future) returns an [`Identity`] with its scopes, or a [`Denial`]: invalid credentials (401 `invalid_token`),
//!   insufficient scope (403 `insufficient_scope` with `scope` and
//!   `resource_metadata`), or an internal failure, which is a 500 and never
//!   a 401;
//! - a route can require a scope ([`AuthLayer::require_scope`]);
//! - every secret comparison the layer makes is constant-time (`subtle`),
//!   and the helpers it gives the validator are too
//!   ([`BearerToken::find_in`], [`BasicLogin::find_in`]);
//! - Digest: SHA-256 then MD5, stateless nonces under one key, a bounded
//!   replay store behind a trait, `Authentication-Info`, `stale=true`
//!   (module [`digest`]).
//! - DPoP ([`AuthConfigBuilder::dpop`]): `DPoP algs="…"` offered before
//!   Bearer, the proof's shape checked and handed to the validator
//!   ([`DpopCredentials`], which says what the validator verifies and with
//!   which crates), `invalid_dpop_proof` and `use_dpop_nonce` with
//!   `DPoP-Nonce` ([`Denial`]).
//!
//! # DPoP (RFC 9449)
//! `Authorization: DPoP <token>` with exactly one `DPoP` header holding a
//! JWS in compact serialization reaches the validator as
//! [`Credentials::Dpop`], with the request's method and target for `htm`
//! and `htu`. A missing, repeated or malformed proof is answered 401 with
//! `DPoP … error="invalid_dpop_proof"`. Bearer and DPoP together follow
//! RFC 9449 §7.2: no credentials, both challenges without error (DPoP
//! first); a refusal, the error in the challenge of the scheme the client
//! used; a second `Authorization` line, 400 `invalid_request` in both. A
//! DPoP request where only Bearer is offered (and the reverse) is one of a
//! scheme not offered: 401 with the plain challenges, no error (RFC 6750
//! §3.1), after which a client may present its token as the offered scheme
//! asks (RFC 9449 §7.2); a validator that takes both must refuse a
//! DPoP-bound token sent as a Bearer token (§7.2: "MUST reject").
//! Every status and challenge is the core's decision
//! (`auth_headers::server`), written by its builder, so each 401, 403 and
//! 407 passes the core's linter (`auth_headers::lint`) with no warning.
//!
//! # The crate's name and features
//! `auth-headers-tower`, as the ecosystem names a tower adapter of a crate
//! (`tower-http`, `tower-sessions`, `sentry-tower`): the layer is plain
//! tower and works with any tower-based server (axum, tonic, hyper with
//! `tower`). The axum extractors are behind the `axum` feature (on by
//! default, through the small `axum-core`), rather than a second
//! `auth-headers-axum` crate, since they are a few lines over the same
//! configuration. The `digest` feature (on by default) adds Digest;
//! `headers` adds `headers::Header` for owned challenge lists and
//! credentials (module `typed`), for axum-extra's `TypedHeader`.
//!
//! # Example: a Bearer API with a scope-protected route, and a Basic route
//!
//! ```
//! use auth_headers::server::BasicUsers;
//! use auth_headers_tower::{AuthConfig, AuthLayer, Credentials, Denial, Identity};
//! use axum::{routing::get, Router};
//!
//! const TOKENS: &[(&str, &str)] = &[("read-token", "files:read"), ("write-token", "files:read files:write")];
//! const USERS: BasicUsers<'static> = BasicUsers::new(&[("alice", "wonderland")]);
//!
//! async fn check(creds: Credentials) -> Result<Identity, Denial> {
//!     match creds {
//!         // Constant-time lookups.
//!         Credentials::Bearer(token) => match token.find_in(TOKENS) {
//!             Some(scopes) => Ok(Identity::new("api-client").with_scopes(scopes)),
//!             None => Err(Denial::invalid("The access token is invalid")),
//!         },
//!         Credentials::Basic(login) => match login.find_in(&USERS) {
//!             Some(user) => Ok(Identity::new(user)),
//!             None => Err(Denial::invalid_silent()),
//!         },
//!         _ => Err(Denial::invalid_silent()),
//!     }
//! }
//!
//! async fn files(id: Identity) -> String {
//!     format!("{} may {:?}", id.subject(), id.scopes())
//! }
//!
//! # fn main() -> Result<(), auth_headers_tower::ConfigError> {
//! let bearer = AuthLayer::new(
//!     AuthConfig::builder("api", check)
//!         .bearer()
//!         .resource_metadata("https://api.example/.well-known/oauth-protected-resource")
//!         .build()?,
//! );
//! let basic = AuthLayer::new(AuthConfig::builder("intranet", check).basic().build()?);
//! let app: Router = Router::new()
//!     .route("/files", get(files).layer(bearer.clone()))
//!     .route("/files/write", get(files).layer(bearer.require_scope("files:write")))
//!     .route("/intranet", get(files).layer(basic));
//! # let _ = app;
//! // Serve it: axum::serve(tokio::net::TcpListener::bind("127.0.0.1:8080").await?, app).await?;
//! # Ok(())
//! # }
//! ```
//!
//! A request to `/files/write` with `read-token` is answered `403` with
//! `WWW-Authenticate: Bearer realm="api", error="insufficient_scope",
//! scope="files:write", resource_metadata="https://api.example/..."`; with
//! no `Authorization`, `401` with `Bearer realm="api",
//! resource_metadata="…"`; with `Bearer: x`, `400` with `error="invalid_request",
//! error_description="':' after the auth-scheme: …"`.
//!
//! The example server `authserve` (`cargo run -p auth-headers-tower
//! --example authserve -- --listen 127.0.0.1:8080`) shows every scheme
//! together.
#![deny(missing_docs)]
#![deny(unsafe_code)]

mod config;
#[cfg(feature = "digest")]
pub mod digest;
mod exchange;
mod layer;

#[cfg(feature = "axum")]
mod axum;
#[cfg(feature = "headers")]
pub mod typed;

#[cfg(feature = "axum")]
pub use crate::axum::Auth;
pub use config::{
    AuthConfig, AuthConfigBuilder, BasicLogin, BearerToken, BoxFuture, ConfigError, Credentials,
    Denial, DpopCredentials, Identity, Scheme, SyncValidator, Validator, Verdict,
};
pub use exchange::{Authenticated, Rejection};
pub use layer::{AuthFuture, AuthLayer, AuthService};

/// The README's example, compiled as a doctest (`no_run`: it serves).
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
