//! Zero-copy, `no_std` parsing of the HTTP authentication header values of
//! RFC 9110 §11:
//!
//! | Header | Holds | Parse with |
//! |---|---|---|
//! | `WWW-Authenticate`, `Proxy-Authenticate` | a list of challenges | [`parse_challenges`], [`Challenges`], [`ChallengesOfLines`] |
//! | `Authorization`, `Proxy-Authorization` | one credentials | [`parse_credentials`] |
//! | `Authentication-Info`, `Proxy-Authentication-Info` | a list of auth-params | [`parse_auth_info`] |
//!
//! Parsing never allocates: every scheme, name, token68 and value borrows
//! from the input, which may be `&str` or `&[u8]` (as HTTP libraries hold
//! header values). Quoted values keep their raw slice and unescape lazily
//! ([`ParamValue`]). Every malformed value yields an [`Error`] with the byte
//! offset and a message a person can act on; nothing panics, and time is
//! linear in the input.
//!
//! A server reading `Authorization`:
//!
//! ```
//! let creds = auth_headers::parse_credentials("Bearer mF_9.B5f-4.1JqM").unwrap();
//! assert!(creds.is_scheme("bearer"));
//! assert_eq!(creds.token68(), Some("mF_9.B5f-4.1JqM"));
//! ```
//!
//! A client reading the challenges of a 401:
//!
//! ```
//! let value = r#"Basic realm="simple", Bearer realm="api", error="invalid_token""#;
//! let list = auth_headers::parse_challenges(value).unwrap();
//! let bearer = list.find("Bearer").unwrap();
//! assert!(bearer.param("error").unwrap().eq_str("invalid_token"));
//! ```
//!
//! # Features
//! - `std` (default): `std::error::Error` for [`Error`]. Implies `alloc`.
//! - `alloc`: owned conveniences such as [`ParamValue::to_str`]. Parsing
//!   allocates nothing with or without it.
//! - `http`: read challenges and credentials from an `http::HeaderMap` and
//!   build `http::HeaderValue`s (module `http`). Implies `std`.
//!
//! Writing: the builders of [`write`](mod@write) ([`ChallengeBuilder`],
//! [`CredentialsBuilder`], [`AuthInfoBuilder`], [`ChallengeListBuilder`])
//! write into any `core::fmt::Write` or a `&mut [u8]` without allocating,
//! and refuse anything that could not be parsed back or could inject a
//! header. `Display` on the parsed types writes their canonical form. RFC
//! 8187 ext-values (`title*=UTF-8''…`) are in [`ext_value`].
//!
//! # `unsafe`
//! Only the module [`chars`] uses `unsafe`, for two things, each with its
//! invariant written beside it and a benchmark that pays for it
//! (`scripts/perf-guard.sh`, the `bearer_jwt` entry):
//! - one private function turns bytes just checked to be ASCII (a token or
//!   token68 matched against an ASCII-only byte class, or a noted parameter
//!   name or decoded Basic user-pass tested word-wise) into `&str` without
//!   a second UTF-8 pass
//!   (`from_utf8_unchecked`); the ASCII-only classes are asserted at compile
//!   time. It saves a fifth of the instructions of `Authorization: Bearer`.
//! - with `std` on x86-64, a token68 of 16 bytes or more is scanned with
//!   SSSE3 or AVX2 byte shuffles when the CPU is found at run time to have
//!   them: `#[target_feature]` functions, written once as one macro, that
//!   classify 16 or 32 bytes at a time with two byte shuffles (`pshufb`),
//!   their loads bounds-checked just before each one. They take the scan
//!   of a JWT from about 1.5 instructions per byte (SSE2 compares) to 0.91
//!   (SSSE3) and 0.39 (AVX2).
//!
//! Everything else is `#![deny(unsafe_code)]`.
#![no_std]
#![deny(missing_docs)]
#![deny(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod challenge;
pub mod chars;
mod credentials;
mod error;
pub mod ext_value;
mod field;
#[cfg(feature = "http")]
pub mod http;
mod lenient;
pub mod lint;
mod params;
mod quoted;
pub mod schemes;
mod syntax;
#[cfg(test)]
mod testing;
pub mod write;

pub use challenge::{
    parse_challenges, Challenge, ChallengeList, ChallengeListIter, Challenges, ChallengesOfLines,
};
pub use credentials::{parse_credentials, Credentials};
pub use error::{Error, ErrorKind};
pub use field::{Field, FieldKind};
pub use lenient::{
    Deviation, DeviationKind, Deviations, LenientParse, ParseOptions, RepeatedParams,
    MAX_DEVIATIONS,
};
pub use params::{parse_auth_info, Param, ParamIter, Params, MAX_UNIQUE_CHECK};
pub use quoted::{ParamValue, Unescaped};
pub use write::{
    AuthInfoBuilder, BuildError, ChallengeBuilder, ChallengeListBuilder, CredentialsBuilder, Quote,
    Value,
};

/// The README's examples, compiled and run as doctests (with the default
/// features, which the README's examples use).
#[doc = include_str!("../README.md")]
#[cfg(all(doctest, feature = "std", feature = "basic"))]
pub struct ReadmeDoctests;
