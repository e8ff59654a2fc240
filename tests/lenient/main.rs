//! The edges that forgive: lenient parsing (real-world values, every
//! switch, strict against lenient), what its report says, writing a
//! leniently parsed value back, the linter, the one message text of each
//! deviation, and hostile inputs for both. One test binary, each file a
//! module.

#[path = "../support/cases.rs"]
mod cases;
#[path = "../support/timed.rs"]
mod timed;

mod deviation_text;
mod hostile;
#[cfg(feature = "alloc")]
mod lint;
#[cfg(feature = "alloc")]
mod parse;
mod report;
#[cfg(feature = "alloc")]
mod writeback;
