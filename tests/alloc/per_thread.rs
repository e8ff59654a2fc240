//! The isolation every test of this binary relies on: the allocator
//! (`support/allocator.rs`) counts allocations, and looks for an armed
//! secret in freed blocks, on the measuring thread only. Another thread
//! that allocates and frees the secret all through a measurement changes
//! neither its count nor what it sees, so the zero-allocation and zeroize
//! tests can share the binary and run side by side, and beside the harness
//! (issue 17, item 6: fewer test binaries). Both tests fail when the count
//! or the armed secret is made process-wide.

use std::hint::{black_box, spin_loop};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::thread;
use std::time::{Duration, Instant};

use crate::allocator::{counted, freed_with};

const SECRET: &[u8] = b"per-thread-needle";
const BOUND: Duration = Duration::from_secs(10);

/// Runs `measure` while a second thread allocates a copy of [`SECRET`] and
/// frees it, over and over; `measure` is given the count of its frees.
fn beside_a_busy_thread<R>(measure: impl FnOnce(&AtomicUsize) -> R) -> R {
    let stop = AtomicBool::new(false);
    let freed = AtomicUsize::new(0);
    thread::scope(|s| {
        s.spawn(|| {
            let start = Instant::now();
            // Until told to stop, and never longer than BOUND.
            while !stop.load(SeqCst) && start.elapsed() < BOUND {
                drop(black_box(SECRET.to_vec()));
                freed.fetch_add(1, SeqCst);
            }
        });
        let r = measure(&freed);
        stop.store(true, SeqCst);
        r
    })
}

/// Waits, without allocating, until the other thread has freed `n` more
/// blocks (or BOUND has passed); returns how many it freed meanwhile.
fn wait_for(freed: &AtomicUsize, n: usize) -> usize {
    let before = freed.load(SeqCst);
    let start = Instant::now();
    while freed.load(SeqCst) - before < n && start.elapsed() < BOUND {
        spin_loop();
    }
    freed.load(SeqCst) - before
}

#[test]
fn another_threads_allocations_are_not_counted() {
    let (n, other) = beside_a_busy_thread(|freed| counted(|| wait_for(freed, 1000)));
    assert!(other >= 1000, "the other thread allocated {other} times");
    assert_eq!(n, 0, "allocations counted on this thread");
    // This thread's own allocation, in the same conditions, is counted once.
    let (n, _) = beside_a_busy_thread(|freed| {
        counted(|| {
            let v = black_box(Vec::<u8>::with_capacity(16));
            wait_for(freed, 1000);
            v
        })
    });
    assert_eq!(n, 1);
}

#[test]
fn another_threads_frees_are_not_inspected() {
    let (seen, other) = beside_a_busy_thread(|freed| {
        let mut other = 0;
        let seen = freed_with(SECRET, || other = wait_for(freed, 1000));
        (seen, other)
    });
    assert!(other >= 1000, "the other thread freed {other} secrets");
    assert!(!seen, "a secret freed on another thread was seen here");
    // This thread's own free of the secret, in the same conditions, is seen.
    let seen = beside_a_busy_thread(|freed| {
        freed_with(SECRET, || {
            let v = black_box(SECRET.to_vec());
            wait_for(freed, 1000);
            drop(v);
        })
    });
    assert!(seen);
}
