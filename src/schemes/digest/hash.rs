//! The computations of RFC 7616 §3.4.1–§3.4.4, through the RustCrypto hash
//! crates (no hash is written by hand):
//!
//! ```text
//! A1       = unq(username) ":" unq(realm) ":" passwd
//! A1-sess  = H( unq(username) ":" unq(realm) ":" passwd ) ":" unq(nonce) ":" unq(cnonce)
//! A2       = Method ":" request-uri                      ; qop=auth or none
//! A2       = Method ":" request-uri ":" H(entity-body)   ; qop=auth-int
//! response = KD( H(A1), unq(nonce) ":" nc ":" unq(cnonce) ":" unq(qop) ":" H(A2) )
//! KD(secret, data) = H( concat(secret, ":", data) )
//! userhash = H( unq(username) ":" unq(realm) )
//! ```
//!
//! `H` is MD5, SHA-256 or SHA-512/256 written as lower-case hex (RFC 7616
//! §3.4: "the 32-hex-digit / 64-hex-digit lower-case representation").

use core::fmt;

use md5::Md5;
use sha2::{Digest, Sha256, Sha512_256};

use super::algorithm::Algorithm;
use super::challenge::Qop;
use crate::quoted::ParamValue;

/// A hash, or random bytes, as lower-case hex digits (at most 64: a
/// SHA-256 or SHA-512/256 hash). `Debug` hides the digits, since an H(A1)
/// is as good as the password to an attacker.
///
/// `Hex` is `Copy` (it also carries `cnonce`s and responses, which are not
/// secret), so it cannot wipe itself on drop: every copy is its own bytes.
/// It implements [`zeroize::Zeroize`]; wipe an H(A1) you hold with
/// `zeroize()` or keep it in a [`zeroize::Zeroizing`]. The types of this
/// module that hold one ([`Verified`](super::Verified),
/// [`Answer`](super::Answer)) are not `Copy` and wipe theirs on drop.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Hex {
    buf: [u8; 64],
    len: u8,
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl Hex {
    /// Lower-case hex of `bytes`; at most 32 bytes are used. Turn 16 random
    /// bytes from the caller's random source into a `cnonce` with it.
    ///
    /// ```
    /// use auth_headers::schemes::digest::Hex;
    /// assert_eq!(Hex::encode(&[0x0a, 0x4f, 0x11, 0x3b]).as_str(), "0a4f113b");
    /// ```
    pub fn encode(bytes: &[u8]) -> Hex {
        let mut h = Hex {
            buf: [0; 64],
            len: 0,
        };
        for (i, b) in bytes.iter().take(32).enumerate() {
            h.buf[2 * i] = HEX[usize::from(b >> 4)];
            h.buf[2 * i + 1] = HEX[usize::from(b & 15)];
            h.len += 2;
        }
        h
    }

    /// Reads hex digits (either case; kept in lower case), as an H(A1) taken
    /// from storage. `None` unless `text` is 1 to 64 hex digits.
    pub fn parse(text: &[u8]) -> Option<Hex> {
        if text.is_empty() || text.len() > 64 || !text.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let mut h = Hex {
            buf: [0; 64],
            len: text.len() as u8,
        };
        for (d, s) in h.buf.iter_mut().zip(text) {
            *d = s.to_ascii_lowercase();
        }
        Some(h)
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII hex digits are ever stored.
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The digits as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }
}

impl zeroize::Zeroize for Hex {
    fn zeroize(&mut self) {
        self.buf.zeroize();
        self.len.zeroize();
    }
}

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hex(<{} digits>)", self.len)
    }
}

/// One running hash of the algorithm's family.
pub(crate) enum Hasher {
    Md5(Md5),
    Sha256(Sha256),
    Sha512_256(Sha512_256),
}

impl Hasher {
    pub(crate) fn new(alg: Algorithm) -> Hasher {
        match alg {
            Algorithm::Md5 | Algorithm::Md5Sess => Hasher::Md5(Md5::new()),
            Algorithm::Sha256 | Algorithm::Sha256Sess => Hasher::Sha256(Sha256::new()),
            Algorithm::Sha512_256 | Algorithm::Sha512_256Sess => {
                Hasher::Sha512_256(Sha512_256::new())
            }
        }
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(bytes),
            Hasher::Sha256(h) => h.update(bytes),
            Hasher::Sha512_256(h) => h.update(bytes),
        }
    }

    /// Feeds the unescaped bytes of a parameter value (`unq(...)`).
    pub(crate) fn value(&mut self, v: &ParamValue<'_>) {
        if !v.has_escapes() {
            return self.update(v.raw());
        }
        let mut buf = [0u8; 64];
        let mut n = 0;
        for b in v.bytes() {
            if n == buf.len() {
                self.update(&buf);
                n = 0;
            }
            buf[n] = b;
            n += 1;
        }
        self.update(&buf[..n]);
    }

    pub(crate) fn finish(self) -> Hex {
        match self {
            Hasher::Md5(h) => Hex::encode(&h.finalize()),
            Hasher::Sha256(h) => Hex::encode(&h.finalize()),
            Hasher::Sha512_256(h) => Hex::encode(&h.finalize()),
        }
    }
}

/// `H(a ":" b ":" ...)` over parameter values.
pub(crate) fn h_join(alg: Algorithm, parts: &[ParamValue<'_>]) -> Hex {
    let mut h = Hasher::new(alg);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update(b":");
        }
        h.value(p);
    }
    h.finish()
}

/// Wraps plain bytes as a value with nothing to unescape.
pub(crate) const fn plain(bytes: &[u8]) -> ParamValue<'_> {
    ParamValue::token(bytes)
}

/// `H(unq(username) ":" unq(realm) ":" passwd)`: the H(A1) of the plain
/// algorithms, which a server may store instead of the password (one per
/// hash family and realm). For a `-sess` algorithm this is the inner hash.
///
/// ```
/// use auth_headers::schemes::digest::{ha1, Algorithm};
/// // RFC 2617 §3.5 (its password is "Circle Of Life").
/// let h = ha1(Algorithm::Md5, b"Mufasa", b"testrealm@host.com", b"Circle Of Life");
/// assert_eq!(h.as_str(), "939e7578ed9e3c518a452acee763bce9");
/// ```
pub fn ha1(alg: Algorithm, username: &[u8], realm: &[u8], password: &[u8]) -> Hex {
    h_join(alg, &[plain(username), plain(realm), plain(password)])
}

/// `H(unq(username) ":" unq(realm))`, the `username` a client sends with
/// `userhash=true` (RFC 7616 §3.4.4). A server compares it against the same
/// hash of each of its users.
pub fn userhash(alg: Algorithm, username: &[u8], realm: &[u8]) -> Hex {
    h_join(alg, &[plain(username), plain(realm)])
}

/// The nonce count as the 8 lower-case hex digits of `nc-value`.
pub(crate) fn nc_hex(nc: u32) -> [u8; 8] {
    let mut out = [0u8; 8];
    for (i, d) in out.iter_mut().enumerate() {
        *d = HEX[((nc >> (28 - 4 * i)) & 15) as usize];
    }
    out
}

/// The per-request values that go into `response` and `rspauth`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Exchange<'a> {
    pub(crate) alg: Algorithm,
    pub(crate) nonce: ParamValue<'a>,
    pub(crate) cnonce: ParamValue<'a>,
    /// The 8 hex digits of `nc` as sent (hashed as they are).
    pub(crate) nc: [u8; 8],
    /// `None` is the RFC 2069 compatibility form (no `qop` in the challenge).
    pub(crate) qop: Option<Qop>,
    pub(crate) uri: ParamValue<'a>,
}

impl Exchange<'_> {
    /// The H(A1) the response is keyed with: `ha1` itself, or for `-sess`
    /// `H(ha1 ":" unq(nonce) ":" unq(cnonce))`.
    pub(crate) fn session_ha1(&self, ha1: &Hex) -> Hex {
        if self.alg.is_session() {
            h_join(self.alg, &[plain(ha1.as_bytes()), self.nonce, self.cnonce])
        } else {
            *ha1
        }
    }

    /// `KD(H(A1), ...)` with `A2 = method ":" uri [":" H(body)]`. The server's
    /// `rspauth` is the same with an empty method (RFC 7616 §3.5).
    pub(crate) fn response(&self, ha1: &Hex, method: &[u8], body: Option<&[u8]>) -> Hex {
        let ha2 = {
            let mut h = Hasher::new(self.alg);
            h.update(method);
            h.update(b":");
            h.value(&self.uri);
            if self.qop == Some(Qop::AuthInt) {
                let mut b = Hasher::new(self.alg);
                b.update(body.unwrap_or_default());
                h.update(b":");
                h.update(b.finish().as_bytes());
            }
            h.finish()
        };
        let mut h = Hasher::new(self.alg);
        h.update(ha1.as_bytes());
        h.update(b":");
        h.value(&self.nonce);
        h.update(b":");
        if let Some(qop) = self.qop {
            h.update(&self.nc);
            h.update(b":");
            h.value(&self.cnonce);
            h.update(b":");
            h.update(qop.name().as_bytes());
            h.update(b":");
        }
        h.update(ha2.as_bytes());
        h.finish()
    }
}
