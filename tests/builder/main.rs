//! The builders (issue 3): the RFC examples written byte for byte, one test
//! per refusal, the output targets, and the properties that what is built
//! parses back and that the canonical form is a fixed point. One test
//! binary, each file a module; all of it needs `alloc`.

#[path = "../support/cases.rs"]
mod cases;

#[cfg(feature = "alloc")]
mod properties;
#[cfg(feature = "alloc")]
mod write;
