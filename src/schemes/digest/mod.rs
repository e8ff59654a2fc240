//! HTTP Digest access authentication (RFC 7616, and RFC 2617 peers): typed
//! views of the challenge and the credentials, the client's response, the
//! server's verification, and the `Authentication-Info` that proves the
//! server knew the password too.
//!
//! | Side | Start with | Then |
//! |---|---|---|
//! | read a challenge | [`DigestChallenge::find`] on a parsed list (or [`DigestChallenge::new`] on one [`Challenge`](crate::Challenge)) | `realm()`, `nonce()`, `algorithm()`, `qop()`, `validate()` |
//! | read credentials | [`DigestCredentials::parse`] | `username()`, `nc()`, `qop()`, `validate()` |
//! | be a client | [`DigestClient::new`] | `respond_to(challenges)`, `authorization(...)`, `verify_authentication_info(...)` |
//! | be a server | [`DigestServer::new`] | `write_challenges`, `check_nonce` → [`CheckedNonce`], `verify` → [`Verified`], `write_authentication_info` |
//!
//! The module is always there: the algorithm names ([`Algorithm`]), the
//! quoting rules ([`rules`]), the required parameters and the typed views
//! ([`DigestChallenge`], [`DigestCredentials`]) need no hash crate, so the
//! linter and the writer use them in every build. The hashing, the client
//! and the server (and their types) need the `digest` feature.
//!
//! Everything works without `std` or `alloc`: values are written into any
//! [`core::fmt::Write`], the client's `cnonce` and the server's nonce salt
//! come from the caller (who has a random source), time is the caller's
//! seconds, and the replay guard keeps its entries in the caller's slice.
//! Hashing goes through the RustCrypto crates `md-5` and `sha2`; nonces are
//! authenticated with `hmac`; secrets are compared with `subtle`.
//!
//! A client answering a challenge (RFC 7616 §3.9.1):
//!
//! ```
//! # #[cfg(feature = "digest")] {
//! use auth_headers::parse_challenges;
//! use auth_headers::schemes::digest::{ChallengeOutcome, DigestClient};
//!
//! let www = r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
//! let mut client = DigestClient::new("Mufasa", "Circle of Life");
//! let outcome = client.respond_to(parse_challenges(www).unwrap().iter()).unwrap();
//! assert_eq!(outcome, ChallengeOutcome::Authenticate);
//! let mut authorization = String::new();
//! let answer = client
//!     .authorization("GET", "/dir/index.html", None, "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", &mut authorization)
//!     .unwrap();
//! // The SHA-256 challenge is preferred over MD5.
//! assert_eq!(answer.response().as_str(), "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
//! assert!(authorization.starts_with(r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256"#));
//! # }
//! ```
//!
//! A server challenging and verifying, with stateless nonces:
//!
//! ```
//! # #[cfg(feature = "digest")] {
//! use auth_headers::schemes::digest::{DigestCredentials, DigestServer, Secret};
//!
//! let key = [7u8; 32]; // the caller's secret key for nonces
//! let server = DigestServer::new(&key, "api@example.org").unwrap();
//! let now = 1_700_000_000; // the caller's clock, in seconds
//! let mut www = String::new();
//! server.write_challenges(now, [1; 8], false, &mut www).unwrap();
//! assert!(www.starts_with(r#"Digest realm="api@example.org", qop="auth", algorithm=SHA-256, nonce=""#));
//!
//! // ... the client answers (here with this crate's client) ...
//! # use auth_headers::schemes::digest::DigestClient;
//! # let mut client = DigestClient::new("alice", "wonderland");
//! # client.respond_to(auth_headers::parse_challenges(&www).unwrap().iter()).unwrap();
//! # let mut authorization = String::new();
//! # client.authorization("GET", "/doe.json", None, "0a4f113b", &mut authorization).unwrap();
//! let creds = DigestCredentials::parse(&authorization).unwrap();
//! let checked = server.check_nonce(creds, now + 5).unwrap();
//! let verified = server
//!     .verify(checked, "GET", "/doe.json", None, |user, _alg| {
//!         (user.name() == Some("alice")).then_some(Secret::Password(b"wonderland"))
//!     })
//!     .unwrap();
//! let mut info = String::new();
//! verified.write_authentication_info(None, None, &mut info).unwrap();
//! assert!(info.starts_with("rspauth=\""));
//! # }
//! ```
//!
//! # Secrets
//! No type of this module shows a password, an H(A1) or a `response` in its
//! `Debug` ([`Secret`], [`Hex`], [`Answer`], [`Verified`],
//! [`DigestClient`], [`DigestServer`] (its key), [`DigestResponse`]). With
//! `zeroize` (on with `digest`), the H(A1)s the client and server derive,
//! and the server's copy of the username, are wiped when done; [`Answer`]
//! and [`Verified`] keep one and wipe it on drop, so they are not `Copy`.
//! These are `Copy` and therefore cannot wipe themselves: [`Hex`] (it
//! implements `Zeroize`; wipe an H(A1) you hold with it) and [`Secret`]
//! (it borrows the password, or carries a `Hex`). Passwords are borrowed
//! (`&str`, `&[u8]`): wiping them is their owner's job. The hash crates'
//! internal block buffers are not wiped (RustCrypto's 0.10 hashers have no
//! way to).
//!
//! # Replays
//! [`Verified::check_replay`] with a [`ReplayGuard`] over caller-provided
//! [`ReplaySlot`]s refuses a repeated count for the same realm, user (as
//! the lookup resolved it), nonce and cnonce, and fails closed when full
//! (see its sizing rule). The rule ([`ReplayCheck::decide`]) is apart from
//! the storage, for a store of one's own keyed by [`ReplayKey`].
//!
//! # Interop
//! Real peers deviate; the views read these without any option, since the
//! generic grammar already allows them: `realm=cam` and `nonce=abc`
//! unquoted, `qop=auth` unquoted in a challenge, `algorithm="MD5"` quoted,
//! `stale=TRUE`, the scheme as `DIGEST`. A nonce that is neither a token nor
//! quoted (`nonce=YWJj/ZA==`) and missing commas between parameters need
//! the lenient parse options before the value reaches these views.

use core::fmt;

/// The scheme name, `Digest`.
pub const SCHEME: &str = "Digest";

// Always compiled: the names, the rules and the typed views, which need no
// hash crate (the linter and the writer read them).
mod algorithm;
mod challenge;
mod credentials;

/// Which Digest parameters are quoted-strings and which are tokens (RFC
/// 7616 §3.3–§3.5), which are required and which a challenge defines, as
/// the writer, the views and the linter read them.
pub use super::rules::digest as rules;

// Feature `digest`: hashing, the client and the server.
#[cfg(feature = "digest")]
mod client;
#[cfg(feature = "digest")]
mod hash;
#[cfg(all(feature = "digest", feature = "alloc"))]
mod owned;
#[cfg(feature = "digest")]
mod replay;
#[cfg(feature = "digest")]
mod server;
#[cfg(feature = "digest")]
mod text;

pub use algorithm::{Algorithm, AlgorithmValue};
pub use challenge::{DigestChallenge, DomainIter, Qop, QopIter, QopValue};
#[cfg(feature = "digest")]
#[cfg_attr(docsrs, doc(cfg(feature = "digest")))]
pub use client::{Answer, ChallengeOutcome, DigestClient, UsernameForm};
pub use credentials::DigestCredentials;
pub use credentials::DigestResponse;
#[cfg(feature = "digest")]
#[cfg_attr(docsrs, doc(cfg(feature = "digest")))]
pub use hash::{ha1, userhash, Hex};
#[cfg(all(feature = "digest", feature = "alloc"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "digest", feature = "alloc"))))]
pub use owned::{OwnedAnswer, OwnedDigestClient};
#[cfg(feature = "digest")]
#[cfg_attr(docsrs, doc(cfg(feature = "digest")))]
pub use replay::{ReplayCheck, ReplayGuard, ReplayKey, ReplayRefusal, ReplaySlot};
#[cfg(feature = "digest")]
#[cfg_attr(docsrs, doc(cfg(feature = "digest")))]
pub use server::{
    CheckedNonce, DigestServer, NonceStatus, Rejection, Secret, User, Verified, MIN_KEY_LEN,
};

/// Why the Digest client or server could not do what was asked. Each
/// kind's `Display` says what to change.
///
/// Reading a value is not among them: the grammar and the typed views
/// ([`DigestChallenge`], [`DigestCredentials`]), as those of every other
/// scheme, report with the crate's [`Error`](crate::Error) (a missing
/// parameter is [`ErrorKind::MissingParam`](crate::ErrorKind::MissingParam),
/// a value against RFC 7616 [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue)),
/// which the client and server carry as [`DigestErrorKind::Syntax`].
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DigestErrorKind {
    /// The value does not parse, or breaks a rule of the typed views (see
    /// [`crate::ErrorKind`]): `Syntax(ErrorKind::MissingParam("rspauth"))`
    /// for an `Authentication-Info` without `rspauth`, say.
    Syntax(crate::ErrorKind),
    /// A value the view accepts but this exchange refuses (a `cnonce` that
    /// does not echo the request's, an `nc` in upper case …): the
    /// parameter's name and why.
    Invalid(&'static str, &'static str),
    /// Among the challenges there is no usable `Digest` one.
    NoDigestChallenge,
    /// The client has not read a challenge yet.
    NoChallengeYet,
    /// A value is too long for the client's fixed buffers; its name is carried.
    TooLong(&'static str),
    /// A value cannot be written into a header (a control byte); its name is carried.
    NotWritable(&'static str),
    /// The `fmt::Write` target refused the output.
    WriteFailed,
    /// The nonce count reached its maximum (`ffffffff`) for this nonce.
    NonceCountExhausted,
    /// `rspauth` in `Authentication-Info` does not prove that the server
    /// knows the password: the server is not who it claims.
    RspauthMismatch,
    /// The server's nonce key is shorter than the minimum it carries (in
    /// bytes): nonces could be forged offline.
    KeyTooShort(usize),
}

impl DigestErrorKind {
    /// The human message for this kind.
    pub fn as_str(&self) -> &'static str {
        use DigestErrorKind::*;
        match self {
            Syntax(k) => k.as_str(),
            Invalid(_, why) => why,
            NoDigestChallenge => {
                "no Digest challenge with a supported algorithm and qop among the challenges"
            }
            NoChallengeYet => "read a challenge with `respond_to` before answering it",
            TooLong(_) => "a value longer than the client keeps (255 bytes)",
            NotWritable(_) => "a value with a control character cannot go into a header",
            WriteFailed => "the output refused the write",
            NonceCountExhausted => "the nonce count is exhausted: get a new challenge",
            RspauthMismatch => {
                "`rspauth` does not match: the server did not prove it knows the password"
            }
            KeyTooShort(_) => "the nonce key is too short: use at least 32 random bytes",
        }
    }
}

impl fmt::Display for DigestErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DigestErrorKind::*;
        match self {
            Syntax(k) => fmt::Display::fmt(k, f),
            Invalid(name, why) => write!(f, "invalid `{name}`: {why}"),
            TooLong(name) => write!(f, "`{name}` is longer than the client keeps (255 bytes)"),
            KeyTooShort(n) => write!(
                f,
                "the nonce key is too short: use at least {n} bytes from a random source"
            ),
            NotWritable(name) => write!(
                f,
                "`{name}` holds a control character and cannot go into a header"
            ),
            _ => f.write_str(self.as_str()),
        }
    }
}

/// A Digest error: the byte offset in the value it concerns (0 when it
/// concerns no value) and its [`DigestErrorKind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DigestError {
    offset: usize,
    kind: DigestErrorKind,
}

impl DigestError {
    /// An error of `kind` at `offset`.
    pub const fn new(offset: usize, kind: DigestErrorKind) -> Self {
        DigestError { offset, kind }
    }

    /// Byte offset in the header value.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// What is wrong.
    pub const fn kind(&self) -> DigestErrorKind {
        self.kind
    }
}

impl From<crate::Error> for DigestError {
    fn from(e: crate::Error) -> Self {
        DigestError::new(e.offset(), DigestErrorKind::Syntax(e.kind()))
    }
}

impl fmt::Display for DigestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.kind)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for DigestError {}
