//! How a property test is configured: how many cases it runs (its own
//! default, or `PROPTEST_CASES` when that is set: a one-off deep run, such
//! as `PROPTEST_CASES=20000 cargo test --all-features`; an explicit
//! `ProptestConfig::with_cases` would otherwise ignore the variable), and
//! where its failures are saved.
#![allow(dead_code)]

use proptest::test_runner::{Config, FileFailurePersistence};

/// `default`, or the value of `PROPTEST_CASES` when it is a number.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The configuration of every `proptest!` block here: [`cases`]`(default)`
/// cases, and failing cases saved beside the test's source file
/// (`parse.rs` → `parse.proptest-regressions`), which proptest reads back
/// before the new cases.
///
/// proptest's default (`SourceParallel`) climbs from the source file to a
/// directory holding `main.rs` or `lib.rs` and saves in a sibling
/// `proptest-regressions/` directory under the file's name alone: for the
/// module `tests/lenient/parse.rs` of the test binary `tests/lenient/`,
/// `tests/proptest-regressions/parse.txt`, a name every binary's
/// `parse.rs` would share.
pub fn config(default: u32) -> Config {
    Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::with_cases(cases(default))
    }
}
