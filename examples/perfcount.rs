//! Runs one job of the performance corpus N times, for instruction counts
//! under callgrind (issue 7). Used by `scripts/perf-report.py` and
//! `scripts/perf-guard.sh`; the corpus and the jobs are those of
//! `benches/peers.rs`.
//!
//! ```text
//! cargo build --release --example perfcount
//! target/release/examples/perfcount --list            # entries and jobs
//! target/release/examples/perfcount --cpu             # which token68 scan this CPU gets
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*perfcount*measure*' \
//!     target/release/examples/perfcount auth-headers digest_challenge 1000
//! ```
//!
//! Only `measure` (the loop and what it calls) is counted, so the count
//! divided by N is the cost of one parse: deterministic for a given binary.

use std::hint::black_box;
use std::process::ExitCode;

#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "../benches/support/jobs.rs"]
#[allow(dead_code)]
mod jobs;

use jobs::{Imp, Job, Prepared, ALL};

#[inline(never)]
fn measure(job: Job, p: &Prepared, n: u64) -> usize {
    let mut sum = 0usize;
    for _ in 0..n {
        sum = sum.wrapping_add(job(black_box(p)));
    }
    sum
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = corpus::corpus();
    if args.first().map(String::as_str) == Some("--cpu") {
        // Which token68 scan this CPU gets for a long run (see
        // `chars::token68_len`): AVX2 or SSSE3 byte shuffles, found at run
        // time, or the portable compares.
        #[cfg(target_arch = "x86_64")]
        let tier = if std::is_x86_feature_detected!("avx2") {
            "token68-avx2"
        } else if std::is_x86_feature_detected!("ssse3") {
            "token68-ssse3"
        } else {
            "token68-baseline"
        };
        #[cfg(not(target_arch = "x86_64"))]
        let tier = "token68-baseline";
        println!("{tier}");
        return ExitCode::SUCCESS;
    }
    if args.first().map(String::as_str) == Some("--list") {
        for e in &corpus {
            let imps: Vec<&str> = ALL
                .into_iter()
                .filter(|i| i.job(e).is_some())
                .map(Imp::name)
                .collect();
            println!("{}\t{}\t{}", e.name, e.value.len(), imps.join(","));
        }
        return ExitCode::SUCCESS;
    }
    let [imp, name, n] = &args[..] else {
        eprintln!("usage: perfcount --list | perfcount IMPL ENTRY N");
        return ExitCode::from(2);
    };
    let Some(imp) = Imp::from_name(imp) else {
        eprintln!("unknown implementation {imp}");
        return ExitCode::from(2);
    };
    let Some(entry) = corpus.into_iter().find(|e| e.name == name) else {
        eprintln!("unknown corpus entry {name}");
        return ExitCode::from(2);
    };
    let Some(job) = imp.job(&entry) else {
        eprintln!("{} does not do {name}: {}", imp.name(), imp.limits());
        return ExitCode::from(2);
    };
    let n: u64 = n.parse().expect("N is a number");
    let p = Prepared::new(entry);
    let sum = measure(job, &p, n);
    if job(&p) == usize::MAX {
        eprintln!("{} fails on {name}", imp.name());
        return ExitCode::FAILURE;
    }
    println!("{sum}");
    ExitCode::SUCCESS
}
