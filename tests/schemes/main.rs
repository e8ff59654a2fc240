//! The typed scheme views and builders other than Digest's (which has
//! `tests/digest/`): Basic (RFC 7617), Bearer (RFC 6750) and DPoP
//! (RFC 9449), the other registered schemes, and build → parse properties.
//! One test binary, each file a module.

#[path = "../support/cases.rs"]
mod cases;

#[cfg(feature = "basic")]
mod basic;
mod bearer;
mod other;
#[cfg(feature = "alloc")]
mod properties;
