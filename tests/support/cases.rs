//! How many cases a property test runs: its own default, or
//! `PROPTEST_CASES` when that is set (a one-off deep run, such as
//! `PROPTEST_CASES=20000 cargo test --all-features`). An explicit
//! `ProptestConfig::with_cases` would otherwise ignore the variable.

/// `default`, or the value of `PROPTEST_CASES` when it is a number.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
