//! The one timer of the two hostile-input files (`grammar/hostile.rs`,
//! `lenient/hostile.rs`): the linear-time check of issue 2, a step well
//! under a second in a debug build. Quadratic work on these inputs takes
//! many seconds, so the bound tells the two apart on a busy machine; the
//! performance figures themselves come from the benches.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The bound on one step.
pub const LIMIT: Duration = Duration::from_secs(1);

/// The timed steps of a test binary run one at a time, so they do not slow each
/// other down on a machine with few cores.
static SERIAL: Mutex<()> = Mutex::new(());

/// Runs `f`, failing the test if it takes [`LIMIT`] or more. A run that
/// overshoots is repeated, up to three runs, and the fastest counts: a
/// machine shared with other builds may preempt one run for long, while a
/// step that is not linear overshoots every time.
pub fn timed<R>(what: &str, mut f: impl FnMut() -> R) -> R {
    let _one_at_a_time = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut fastest = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let r = f();
        let took = start.elapsed();
        if took < LIMIT {
            return r;
        }
        fastest = fastest.min(took);
    }
    panic!("{what}: {fastest:?} at best, in three runs");
}
