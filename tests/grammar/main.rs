//! The grammar of RFC 9110 §11 (with §5.6), strict mode: one test per rule
//! and error kind, the worked examples of the RFCs, an ABNF oracle,
//! property tests (round trip, robustness), hostile 1 MiB inputs, and the
//! agreement of the readers that shadow a general one. One test binary,
//! each file a module.

#[path = "../support/cases.rs"]
mod cases;
#[path = "../support/timed.rs"]
mod timed;

mod abnf_oracle;
mod hostile;
#[cfg(feature = "alloc")]
mod properties;
mod readers_agree;
#[cfg(feature = "alloc")]
mod rfc_examples;
#[cfg(feature = "alloc")]
mod rules;
