//! The layer's accept and reject paths against tower-http's deprecated
//! `ValidateRequestHeaderLayer::bearer` and a hand-written
//! `axum::middleware::from_fn` byte compare, in the same run, each as an
//! axum route (issue 18; target: accept no slower than tower-http).
//!
//! Build with `cargo bench -p auth-headers-tower --no-run`; the figures of
//! a run, as ratios against the peers, are in the crate's README
//! (Performance).
//!
//! Instructions per request, repeatable on a loaded machine: with
//! `LAYER_COUNT="PATH APP N"` the binary runs N requests of one path
//! through one app (named by its name or a prefix: `auth-headers-tower`,
//! `auth-headers-tower async`, `tower-http`, `from_fn`) and nothing else,
//! and callgrind counts only that loop:
//!
//! ```text
//! LAYER_COUNT="accept tower-http 1000" valgrind --tool=callgrind \
//!     --callgrind-out-file=/dev/null --collect-atstart=no \
//!     --toggle-collect='*layer*measure*' target/release/deps/layer-HASH
//! ```
//!
//! The count for 2000 requests less the count for 1000, divided by 1000,
//! is one request's (the runtime's set-up cancels out).

use std::hint::black_box;

use auth_headers_tower::{AuthConfig, AuthLayer, Credentials, Denial, Identity, SyncValidator};
use axum::body::{Body, Bytes};
use axum::http::header::{HeaderValue, AUTHORIZATION};
use axum::http::{Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use criterion::{criterion_group, Criterion};
use tower::ServiceExt;

const TOKEN: &str = "mF_9.B5f-4.1JqM-read-token";

async fn handler() -> &'static str {
    "ok"
}

/// What a user writes after tower-http's deprecation notice: a byte compare.
async fn byte_compare(req: Request<Body>, next: Next) -> Response {
    let ok = req
        .headers()
        .get(AUTHORIZATION)
        .is_some_and(|v| v.as_bytes() == b"Bearer mF_9.B5f-4.1JqM-read-token");
    match ok {
        true => next.run(req).await,
        false => StatusCode::UNAUTHORIZED.into_response(),
    }
}

/// The bench's check: the token compared in constant time, an identity
/// for it, nothing else.
fn check(c: Credentials) -> Result<Identity, Denial> {
    match c {
        Credentials::Bearer(t) if t.matches(TOKEN) => Ok(Identity::new("client")),
        _ => Err(Denial::invalid_silent()),
    }
}

fn apps() -> [(&'static str, Router); 4] {
    // No I/O: answered at once (`Verdict::Ready`), as tower-http's is.
    let config = AuthConfig::builder("api", SyncValidator(check))
        .bearer()
        .build()
        .unwrap();
    // The same check as an async closure: its future is boxed.
    let async_config = AuthConfig::builder("api", |c: Credentials| async move { check(c) })
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
            "auth-headers-tower async",
            Router::new().route("/", get(handler).layer(AuthLayer::new(async_config))),
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

/// A request as a server hands it on: its `Authorization` value is a slice
/// of the bytes the connection read (hyper's parser makes every header
/// value `HeaderValue::from_maybe_shared` of a slice of one shared buffer),
/// so that cloning the value counts a reference and copies nothing.
fn request(header: Option<&Bytes>) -> Request<Body> {
    let mut req = Request::get("/");
    if let Some(read) = header {
        let value = HeaderValue::from_maybe_shared(read.slice(..)).unwrap();
        req = req.header(AUTHORIZATION, value);
    }
    req.body(Body::empty()).unwrap()
}

fn paths() -> [(&'static str, Option<Bytes>); 2] {
    let read = Bytes::from(format!("Bearer {TOKEN}"));
    // Shared from here on, as a read buffer sliced into headers is.
    drop(read.slice(..));
    [("accept", Some(read)), ("reject", None)]
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    for (path, header) in paths() {
        let mut g = c.benchmark_group(path);
        for (name, app) in apps() {
            g.bench_function(name, |b| {
                b.iter(|| {
                    let req = request(header.as_ref());
                    let r = rt.block_on(app.clone().oneshot(req)).unwrap();
                    black_box(r.status())
                })
            });
        }
        g.finish();
    }
}

/// `n` requests of one path through one app, and nothing else: counted
/// alone under callgrind (`--toggle-collect='*layer*measure*'`), its
/// instructions divided by `n` are one request's, repeatably.
#[inline(never)]
fn measure(rt: &tokio::runtime::Runtime, app: &Router, header: Option<&Bytes>, n: u64) -> u64 {
    let mut ok = 0;
    for _ in 0..n {
        let r = rt.block_on(app.clone().oneshot(request(header))).unwrap();
        ok += u64::from(black_box(r.status()) == StatusCode::OK);
    }
    ok
}

criterion_group!(benches, bench);

/// `LAYER_COUNT="PATH APP N"` (say `accept tower-http 1000`, the app by a
/// prefix of its name) runs [`measure`] once for callgrind and exits;
/// otherwise criterion runs.
fn main() {
    if let Ok(spec) = std::env::var("LAYER_COUNT") {
        // PATH first, N last, the app's name (which may hold spaces) between.
        let words: Vec<&str> = spec.split_whitespace().collect();
        let (Some((path, rest)), Some(Ok(n))) =
            (words.split_first(), words.last().map(|n| n.parse::<u64>()))
        else {
            panic!("LAYER_COUNT is \"PATH APP N\"");
        };
        let app = rest[..rest.len().saturating_sub(1)].join(" ");
        let path = *path;
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let paths = paths();
        let header = match paths.iter().find(|(p, _)| *p == path) {
            Some((_, header)) => header.clone(),
            None => {
                let names: Vec<&str> = paths.iter().map(|(p, _)| *p).collect();
                panic!("PATH is one of {names:?}")
            }
        };
        let apps = apps();
        let (_, router) = (apps.iter().find(|(name, _)| *name == app.as_str()))
            .or_else(|| apps.iter().find(|(name, _)| name.starts_with(app.as_str())))
            .unwrap_or_else(|| {
                let names: Vec<&str> = apps.iter().map(|(name, _)| *name).collect();
                panic!("APP is one of {names:?}, or a prefix of one")
            });
        // One request first, so that lazy set-up is not counted.
        measure(&rt, router, header.as_ref(), 1);
        let ok = measure(&rt, router, header.as_ref(), n);
        eprintln!("{path} {app}: {ok} of {n} answered 200");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
