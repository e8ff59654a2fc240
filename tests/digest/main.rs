//! Digest (RFC 7616): one test binary, each file a module.

#[cfg(feature = "digest")]
mod interop;
