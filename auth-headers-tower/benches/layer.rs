//! The layer's accept and reject paths against tower-http's deprecated
//! `ValidateRequestHeaderLayer::bearer` and a hand-written
//! `axum::middleware::from_fn` byte compare, in the same run, each as an
//! axum route (issue 18; target: accept no slower than tower-http).
//!
//! Build with `cargo bench -p auth-headers-tower --no-run`; the figures of
//! a run, as ratios against the peers, are in the crate's README
//! (Performance).

use std::hint::black_box;

use auth_headers_tower::{AuthConfig, AuthLayer, Credentials, Denial, Identity};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use criterion::{criterion_group, criterion_main, Criterion};
use tower::ServiceExt;

const TOKEN: &str = "mF_9.B5f-4.1JqM-read-token";

async fn handler() -> &'static str {
    "ok"
}

/// What a user writes after tower-http's deprecation notice: a byte compare.
async fn byte_compare(req: Request<Body>, next: Next) -> Response {
    let ok = req
        .headers()
        .get("authorization")
        .is_some_and(|v| v.as_bytes() == b"Bearer mF_9.B5f-4.1JqM-read-token");
    match ok {
        true => next.run(req).await,
        false => StatusCode::UNAUTHORIZED.into_response(),
    }
}

fn apps() -> [(&'static str, Router); 3] {
    let config = AuthConfig::builder("api", |c: Credentials| async move {
        match c {
            Credentials::Bearer(t) if t.matches(TOKEN) => Ok(Identity::new("client")),
            _ => Err(Denial::invalid_silent()),
        }
    })
    .bearer()
    .build()
    .unwrap();
    #[allow(deprecated)]
    let tower_http = tower_http::validate_request::ValidateRequestHeaderLayer::bearer(TOKEN);
    [
        (
            "auth-headers-tower",
            Router::new().route("/", get(handler).layer(AuthLayer::new(config))),
        ),
        (
            "tower-http bearer",
            Router::new().route("/", get(handler).layer(tower_http)),
        ),
        (
            "from_fn byte compare",
            Router::new().route("/", get(handler).layer(middleware::from_fn(byte_compare))),
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    for (path, header) in [
        ("accept", Some(format!("Bearer {TOKEN}"))),
        ("reject", None),
    ] {
        let mut g = c.benchmark_group(path);
        for (name, app) in apps() {
            g.bench_function(name, |b| {
                b.iter(|| {
                    let mut req = Request::get("/");
                    if let Some(h) = &header {
                        req = req.header("authorization", h.as_str());
                    }
                    let req = req.body(Body::empty()).unwrap();
                    let r = rt.block_on(app.clone().oneshot(req)).unwrap();
                    black_box(r.status())
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
