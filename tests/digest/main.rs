//! Digest (RFC 7616): the typed views, the worked examples of the RFCs,
//! the client against the server, interop quirks, the security findings of
//! issue 16, and real peers on loopback. One test binary, each file a
//! module. Only the views run without the `digest` feature (they need no
//! hash crate).

#[path = "../support/cases.rs"]
mod cases;

#[cfg(feature = "digest")]
mod client_server;
#[cfg(feature = "digest")]
mod interop;
#[cfg(feature = "digest")]
mod quirks;
#[cfg(feature = "digest")]
mod rfc;
#[cfg(feature = "digest")]
mod security;
mod views;
