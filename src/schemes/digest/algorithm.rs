//! The `algorithm` parameter of RFC 7616 §3.3 and the hash each one names.
//!
//! ```text
//! algorithm = "algorithm" "=" ( "MD5" / "MD5-sess" / "SHA-256" / "SHA-256-sess"
//!                               / "SHA-512-256" / "SHA-512-256-sess" / token )
//! ```

use core::fmt;

use crate::quoted::ParamValue;

/// A Digest algorithm of the IANA "HTTP Digest Hash Algorithms" registry
/// (RFC 7616 §6.1). The `-sess` variants hash the client and server nonces
/// into A1 (RFC 7616 §3.4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// `MD5`: the RFC 2617 default, assumed when a challenge names none.
    /// Weak; RFC 7616 §3.7 keeps it only for backward compatibility.
    Md5,
    /// `MD5-sess`.
    Md5Sess,
    /// `SHA-256` (RFC 7616): what a server should offer first.
    Sha256,
    /// `SHA-256-sess`.
    Sha256Sess,
    /// `SHA-512-256`: SHA-512/256 of FIPS 180-4.
    Sha512_256,
    /// `SHA-512-256-sess`.
    Sha512_256Sess,
}

impl Algorithm {
    /// Every algorithm, strongest first: the order in which a server offers
    /// them and a client prefers them (stronger hash first, then the plain
    /// variant before `-sess`).
    pub const STRONGEST_FIRST: [Algorithm; 6] = [
        Algorithm::Sha512_256,
        Algorithm::Sha512_256Sess,
        Algorithm::Sha256,
        Algorithm::Sha256Sess,
        Algorithm::Md5,
        Algorithm::Md5Sess,
    ];

    /// The name as RFC 7616 §6.1 registers it (`SHA-256`, `MD5-sess` …).
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Md5Sess => "MD5-sess",
            Algorithm::Sha256 => "SHA-256",
            Algorithm::Sha256Sess => "SHA-256-sess",
            Algorithm::Sha512_256 => "SHA-512-256",
            Algorithm::Sha512_256Sess => "SHA-512-256-sess",
        }
    }

    /// The algorithm named `name`, ASCII case ignored (RFC 7616 §3.3 gives
    /// the names as tokens; peers write `md5` and `SHA-256-SESS`).
    ///
    /// ```
    /// use auth_headers::schemes::digest::Algorithm;
    /// assert_eq!(Algorithm::from_name(b"sha-256"), Some(Algorithm::Sha256));
    /// assert_eq!(Algorithm::from_name(b"SHA-1"), None);
    /// ```
    pub fn from_name(name: &[u8]) -> Option<Algorithm> {
        Algorithm::STRONGEST_FIRST
            .into_iter()
            .find(|a| a.name().as_bytes().eq_ignore_ascii_case(name))
    }

    /// Whether this is a `-sess` variant.
    pub const fn is_session(self) -> bool {
        matches!(
            self,
            Algorithm::Md5Sess | Algorithm::Sha256Sess | Algorithm::Sha512_256Sess
        )
    }

    /// The number of hex digits of one hash (32 for MD5, 64 for the others).
    pub const fn hex_len(self) -> usize {
        match self {
            Algorithm::Md5 | Algorithm::Md5Sess => 32,
            _ => 64,
        }
    }

    /// Rank by strength: higher is stronger (the reverse of
    /// [`Algorithm::STRONGEST_FIRST`]).
    pub const fn strength(self) -> u8 {
        match self {
            Algorithm::Md5Sess => 0,
            Algorithm::Md5 => 1,
            Algorithm::Sha256Sess => 2,
            Algorithm::Sha256 => 3,
            Algorithm::Sha512_256Sess => 4,
            Algorithm::Sha512_256 => 5,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The value of an `algorithm` parameter: a registered algorithm, or an
/// unknown one kept as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AlgorithmValue<'a> {
    /// One of the six registered algorithms.
    Known(Algorithm),
    /// Any other value (`SHA-1`, `AKAv1-MD5` …), as written.
    Unknown(ParamValue<'a>),
}

impl<'a> AlgorithmValue<'a> {
    /// Reads a parameter value; a quoted `"MD5"` (sent by some older servers
    /// and cameras, though RFC 7616 writes it as a token) is read the same.
    pub fn from_value(v: ParamValue<'a>) -> Self {
        let known = if v.has_escapes() {
            None
        } else {
            Algorithm::from_name(v.raw())
        };
        match known {
            Some(a) => AlgorithmValue::Known(a),
            None => AlgorithmValue::Unknown(v),
        }
    }

    /// The algorithm, if it is a known one.
    pub fn known(self) -> Option<Algorithm> {
        match self {
            AlgorithmValue::Known(a) => Some(a),
            AlgorithmValue::Unknown(_) => None,
        }
    }
}
