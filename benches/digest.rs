//! Digest verification per algorithm (RFC 7616): parse the `Authorization`
//! value, check the stateless nonce (HMAC-SHA-256), hash (H(A1), H(A2),
//! KD) and compare in constant time. Run with
//! `cargo bench --features digest --bench digest`.

use auth_headers::parse_challenges;
use auth_headers::schemes::digest::{
    Algorithm, DigestClient, DigestCredentials, DigestServer, Secret,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const NOW: u64 = 1_763_900_000;

fn authorization(server: &DigestServer<'_>) -> String {
    let mut www = String::new();
    server
        .write_challenges(NOW, [1; 8], false, &mut www)
        .unwrap();
    let mut client = DigestClient::new("Mufasa", "Circle of Life");
    client
        .respond_to(parse_challenges(&www).unwrap().iter())
        .unwrap();
    let mut out = String::new();
    client
        .authorization(
            "GET",
            "/dir/index.html",
            None,
            "f2/wE4q74E6zIJEtWaHKaf5wv",
            &mut out,
        )
        .unwrap();
    out
}

fn verify(c: &mut Criterion) {
    let mut g = c.benchmark_group("digest_verify");
    for alg in Algorithm::STRONGEST_FIRST {
        let algs = [alg];
        let server =
            DigestServer::new(b"bench key: thirty-two bytes long", "http-auth@example.org")
                .unwrap()
                .algorithms(&algs);
        let value = authorization(&server);
        g.throughput(Throughput::Bytes(value.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(alg.name()), &value, |b, v| {
            b.iter(|| {
                let creds = DigestCredentials::parse(black_box(v.as_str())).unwrap();
                let checked = server.check_nonce(creds, NOW).unwrap();
                let ok = server
                    .verify(checked, "GET", "/dir/index.html", None, |_, _| {
                        Some(Secret::Password(b"Circle of Life"))
                    })
                    .is_ok();
                assert!(ok);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
