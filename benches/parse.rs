//! Parsing throughput on the hot paths of issue 2, in bytes per second.
//!
//! ```text
//! cargo bench --bench parse
//! ```
//!
//! Each benchmark reads a value the way a caller does: parse it, then walk
//! everything it holds (every challenge, every parameter name and its
//! *unescaped* value). `benches/peers.rs` measures the same corpus against
//! other crates and touches only the raw values; this file follows the
//! crate alone. The inputs come from `benches/support/corpus.rs`, so both
//! files measure the same bytes. The benchmark ids (`group/name`) are kept
//! stable so that runs can be compared over time.

use std::hint::black_box;

use auth_headers::{parse_credentials, Challenges, Params};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

/// A long Digest challenge in the style of RFC 7616 §3.9.1: the §3.9.1
/// SHA-256 challenge followed by the other parameters of §3.3.
fn digest_long() -> String {
    format!(
        "{}, {}",
        corpus::DIGEST_CHALLENGE,
        r#"domain="/dir/index.html /dir/other.html https://example.org/api", stale=false, charset=UTF-8, userhash=true"#
    )
}

/// Every parameter's name and unescaped value, as a caller reads them.
fn walk_params(params: Params<'_>) -> usize {
    let mut n = 0;
    for p in params.iter() {
        n += p.name().len();
        n += p.value().bytes().fold(0usize, |a, b| a + b as usize);
    }
    n
}

fn read_credentials(value: &str) -> usize {
    let c = parse_credentials(value).unwrap();
    black_box(c.scheme());
    black_box(c.token68());
    walk_params(c.params())
}

fn read_challenges(value: &str) -> usize {
    let mut n = 0;
    for c in Challenges::new(value) {
        let c = c.unwrap();
        black_box(c.scheme());
        black_box(c.token68());
        n += walk_params(c.params());
    }
    n
}

fn authorization(c: &mut Criterion) {
    let bearer = format!("Bearer {}", corpus::JWT);
    assert_eq!(corpus::JWT.len(), 800);
    // RFC 7617 §2.
    let basic = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    let mut g = c.benchmark_group("authorization");
    for (name, value) in [("bearer_jwt_800", bearer.as_str()), ("basic", basic)] {
        g.throughput(Throughput::Bytes(value.len() as u64));
        g.bench_function(name, |b| b.iter(|| read_credentials(black_box(value))));
    }
    g.finish();
}

fn www_authenticate(c: &mut Criterion) {
    let long = digest_long();
    let mut g = c.benchmark_group("www_authenticate");
    // Negotiate, Digest and Basic in one value.
    for (name, value) in [
        ("negotiate_digest_basic", corpus::THREE),
        ("digest_long", long.as_str()),
    ] {
        assert!(read_challenges(value) > 0);
        g.throughput(Throughput::Bytes(value.len() as u64));
        g.bench_function(name, |b| b.iter(|| read_challenges(black_box(value))));
    }
    g.finish();
}

criterion_group!(benches, authorization, www_authenticate);
criterion_main!(benches);
