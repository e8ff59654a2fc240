//! Zero-copy, `no_std` parsing and writing of the HTTP authentication
//! headers of RFC 9110 §11, and the decisions built on them: what a server
//! answers to a request, and what a client does with a 401.
//!
//! | Header | Holds | Parse with | Write with |
//! |---|---|---|---|
//! | `WWW-Authenticate`, `Proxy-Authenticate` | a list of challenges | [`parse_challenges`], [`ChallengesOfLines`] (every line) | [`ChallengeBuilder`], [`ChallengeListBuilder`] |
//! | `Authorization`, `Proxy-Authorization` | one credentials | [`parse_credentials`] | [`CredentialsBuilder`] |
//! | `Authentication-Info`, `Proxy-Authentication-Info` | a list of auth-params | [`parse_auth_info`] | [`AuthInfoBuilder`] |
//!
//! # Start from your task
//!
//! | You are writing | Start with |
//! |---|---|
//! | a **server** that reads `Authorization` | [`parse_credentials`]; per scheme [`schemes::bearer::parse_credentials`], [`schemes::basic::parse_credentials`]; from an `http::HeaderMap`, `http::credentials` (feature `http`) |
//! | a **server** that answers 401 / 403 / 400 | [`server::BearerServer`] and [`server::BasicServer`] (status and challenge for each [`server::Outcome`]); Digest: `schemes::digest::DigestServer` (feature `digest`) |
//! | a **client** that meets a 401 or 403 | [`parse_challenges`] or `http::challenges` (every line); [`client::next_step`] says what to do next; Digest: `schemes::digest::DigestClient` (feature `digest`) |
//! | a **proxy** | the same with `Proxy-Authorization` / `Proxy-Authenticate` (RFC 9110 §11.7): `http::proxy_credentials`, `http::proxy_challenges`; [`FieldKind`] names the six fields |
//! | a **tool** that reads values from the wild | [`ParseOptions`] (opt-in leniency that reports what it forgave), [`lint`] (findings with byte ranges and fixes); the `authdump` tool of the repository prints both |
//! | for **`no_std`** | everything above but `http` works without `std` and without an allocator: parsing borrows, writing goes to a `core::fmt::Write` or a `&mut [u8]` |
//!
//! A server reading `Authorization`:
//!
//! ```
//! let creds = auth_headers::parse_credentials("Bearer mF_9.B5f-4.1JqM").unwrap();
//! assert!(creds.is_scheme("bearer"));
//! assert_eq!(creds.token68(), Some("mF_9.B5f-4.1JqM"));
//! ```
//!
//! and answering a request that lacks a scope (RFC 6750 §3.1):
//!
//! ```
//! # #[cfg(feature = "alloc")] {
//! use auth_headers::server::{BearerServer, Outcome};
//! let reply = BearerServer::new("api")
//!     .reply(Outcome::InsufficientScope { scope: "files:write", description: None })
//!     .unwrap();
//! assert_eq!(reply.status(), 403);
//! # }
//! ```
//!
//! A client reading the challenges of a 401 and deciding what to do:
//!
//! ```
//! use auth_headers::client::{next_step, Action};
//! let value = r#"Basic realm="simple", Bearer realm="api", error="invalid_token""#;
//! let list = auth_headers::parse_challenges(value).unwrap();
//! let bearer = list.find("Bearer").unwrap();
//! assert!(bearer.param("error").unwrap().eq_str("invalid_token"));
//! assert_eq!(next_step(list.iter(), &["Bearer"]).action(), Action::RefreshToken);
//! ```
//!
//! # What holds everywhere
//! Parsing never allocates: every scheme, name, token68 and value borrows
//! from the input, which may be `&str` or `&[u8]` (as HTTP libraries hold
//! header values). Quoted values keep their raw slice and unescape lazily
//! ([`ParamValue`]). Every malformed value yields an [`Error`] with the byte
//! offset and a message a person can act on; nothing panics, and time is
//! linear in the input. The builders refuse anything that could not be
//! parsed back or could inject a header; `Display` on the parsed types
//! writes their canonical form. RFC 8187 ext-values (`title*=UTF-8''…`)
//! are in [`ext_value`].
//!
//! `Display` is the wire form (secrets included); `Debug` is for logs and
//! never shows a secret: see [`redact`] for what it hides, and
//! `SECURITY.md` for what the crate promises.
//!
//! # Features
//! - `std` (default): `std::error::Error` for [`Error`]. Implies `alloc`.
//! - `alloc`: owned conveniences such as [`ParamValue::to_str`]. Parsing
//!   allocates nothing with or without it.
//! - `basic` (default): Basic's base64 user-pass ([`schemes::basic`]).
//! - `digest`: RFC 7616 Digest, client and server (`schemes::digest`).
//! - `http`: read challenges and credentials from an `http::HeaderMap` and
//!   build `http::HeaderValue`s (module `http`), the sans-IO client
//!   flow `client::flow` that answers 401 and 407, and the server
//!   decisions as `http::Response`s read from an `http::HeaderMap` (module
//!   [`server`]). Implies `std`.
//! - `getrandom`: the client flow's default source of Digest `cnonce`s.
//! - `zeroize` (with `basic` and `digest`): owned secrets are wiped on drop.
//! - `basic-verify`: verify Basic credentials in constant time (`subtle`,
//!   no_std), for a static account list or a password hash
//!   ([`server::BasicServer::verify_static`]).
//!
//! # For maintainers
//! `ARCHITECTURE.md` in the repository maps the layers (byte classes, foundation,
//! grammar, values, writing, schemes, decisions, edges) and which module
//! sits in which. Only the module [`chars`] uses `unsafe`: its
//! [module page](chars#unsafe) gives each use, its invariant and the
//! benchmark that pays for it; everything else is `#![deny(unsafe_code)]`.
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
mod marks;
mod mode;
mod params;
mod quoted;
pub mod redact;
pub mod schemes;
pub mod server;
mod span;
mod syntax;
#[cfg(test)]
mod testing;
pub mod write;

pub use challenge::ChallengeItem;
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
