//! This crate against each peer in paired, interleaved rounds (issue 7): the
//! ratio of two implementations measured side by side, close together in
//! time.
//!
//! ```text
//! cargo bench --bench paired                 # every (entry, peer) pair
//! cargo bench --bench paired -- basic        # entries whose name holds "basic"
//! ```
//!
//! `benches/peers.rs` (criterion) times each implementation in its own
//! window of about a second, one after the other; on a shared machine the
//! load of other tenants changes between those windows, and the ratio of two
//! medians carries that change with it (the same binary measured 38 and
//! 67 ns on `basic_realm` in two runs). Here each round times a batch of this
//! crate's job and a batch of the peer's job back to back (tens of
//! microseconds each, the order alternating from round to round), and the
//! round's ratio is the peer's time over this crate's. A disturbance longer
//! than a round slows both sides alike and leaves the ratio; one shorter
//! than a round moves a single round, which the median ignores.
//!
//! Output, one line per pair, tab-separated (read by
//! `scripts/perf-report.py`):
//! `entry  peer  rounds  median  p10  p90  ns`: the median and the 10th and
//! 90th percentiles of the rounds' ratios (above 1: this crate is faster),
//! and the median time of one call of this crate's job in nanoseconds.

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "support/jobs.rs"]
#[allow(dead_code)]
mod jobs;

use jobs::{Imp, Job, Prepared};

/// Rounds per pair.
const ROUNDS: usize = 601;
/// The least time of one batch of this crate's job.
const BATCH: Duration = Duration::from_micros(20);

/// Time of `n` calls of `job`.
fn batch(job: Job, p: &Prepared, n: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        black_box(job(black_box(p)));
    }
    start.elapsed()
}

/// The number of calls that makes one batch of `job` last at least [`BATCH`].
fn calibrate(job: Job, p: &Prepared) -> u32 {
    let mut n = 1;
    while batch(job, p, n) < BATCH && n < 1 << 24 {
        n *= 2;
    }
    n
}

/// The `q`-quantile of sorted `v`.
fn quantile(v: &[f64], q: f64) -> f64 {
    v[((v.len() - 1) as f64 * q).round() as usize]
}

fn main() {
    // `cargo bench` passes `--bench`; the first other argument filters.
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_default();
    for entry in corpus::corpus() {
        if !entry.name.contains(filter.as_str()) {
            continue;
        }
        let p = Prepared::new(entry);
        let Some(ours) = Imp::Ours.job(&p.entry) else {
            continue;
        };
        for peer in [Imp::HttpAuth, Imp::Headers] {
            let Some(theirs) = peer.job(&p.entry) else {
                continue;
            };
            for (imp, job) in [(Imp::Ours, ours), (peer, theirs)] {
                assert_ne!(
                    job(&p),
                    usize::MAX,
                    "{} fails on {}",
                    imp.name(),
                    p.entry.name
                );
            }
            let n = calibrate(ours, &p);
            // Warm up both (caches, branch predictors, the allocator).
            for _ in 0..20 {
                batch(ours, &p, n);
                batch(theirs, &p, n);
            }
            let (mut ratios, mut ours_ns) = (Vec::new(), Vec::new());
            for round in 0..ROUNDS {
                let (a, b) = if round % 2 == 0 {
                    let a = batch(ours, &p, n);
                    (a, batch(theirs, &p, n))
                } else {
                    let b = batch(theirs, &p, n);
                    (batch(ours, &p, n), b)
                };
                ratios.push(b.as_secs_f64() / a.as_secs_f64().max(1e-12));
                ours_ns.push(a.as_secs_f64() * 1e9 / f64::from(n));
            }
            ratios.sort_by(f64::total_cmp);
            ours_ns.sort_by(f64::total_cmp);
            println!(
                "{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.1}",
                p.entry.name,
                peer.name(),
                ROUNDS,
                quantile(&ratios, 0.5),
                quantile(&ratios, 0.1),
                quantile(&ratios, 0.9),
                quantile(&ours_ns, 0.5),
            );
        }
    }
}
