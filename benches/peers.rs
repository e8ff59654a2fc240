//! This crate against its peers and two floors, on one corpus, in one run
//! (issue 7). `scripts/perf-report.py` turns the results into the README table.
//!
//! ```text
//! cargo bench --bench peers                 # everything
//! cargo bench --bench peers -- digest       # one group
//! ```
//!
//! Peers (dev-dependencies): `http-auth` (challenges; it has no credentials
//! parser and refuses token68 challenges), `headers` (`Authorization<Bearer>`,
//! `Authorization<Basic>`), `www_authenticate_parser` (one challenge per
//! call, so only the single-challenge entries). Floors: a 256-entry table
//! lookup per byte, and a `memchr` scan for `"` and `,`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "support/jobs.rs"]
#[allow(dead_code)]
mod jobs;

use jobs::{Prepared, ALL};

fn peers(c: &mut Criterion) {
    for entry in corpus::corpus() {
        let p = Prepared::new(entry);
        let mut g = c.benchmark_group(p.entry.name);
        g.throughput(Throughput::Bytes(p.entry.value.len() as u64));
        if p.entry.value.len() > 8192 {
            g.sample_size(30);
        }
        for imp in ALL {
            let Some(job) = imp.job(&p.entry) else {
                continue;
            };
            let check = job(&p);
            assert_ne!(
                check,
                usize::MAX,
                "{} fails on {}",
                imp.name(),
                p.entry.name
            );
            g.bench_function(imp.name(), |b| b.iter(|| job(black_box(&p))));
        }
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(1));
    targets = peers
}
criterion_main!(benches);
