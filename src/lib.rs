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
//! `Display` is the wire form (secrets included); `Debug` is for logs and
//! never shows a secret: see [`redact`] for what it hides, and
//! `SECURITY.md` for what the crate promises.
//!
//! # `unsafe`
//! Only the module [`chars`] uses `unsafe`: its [module page](chars#unsafe)
//! gives each use, its invariant and the benchmark that pays for it;
//! everything else is `#![deny(unsafe_code)]`.
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
pub mod client;
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
pub mod redact;
pub mod schemes;
pub mod server;
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
