//! The Digest server: challenges with stateless nonces, verification of
//! the credentials, and the `Authentication-Info` reply (RFC 7616 §3.3–§3.5).
//!
//! A nonce is `hex(issue time) hex(salt) hex(HMAC-SHA-256(key, time, salt,
//! realm))[..32]`: 64 hex digits the server can authenticate later without
//! storage. An authentic nonce older than the lifetime is stale: the client
//! is told `stale=true` and retries without asking the user.
//!
//! Verification is reachable only through a [`CheckedNonce`], which only a
//! nonce check makes ([`DigestServer::check_nonce`] or the caller's own
//! store through [`CheckedNonce::from_store`]).

use core::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::algorithm::Algorithm;
use super::challenge::Qop;
use super::credentials::DigestCredentials;
use super::hash::{self, plain, Exchange, Hex};
use super::replay::ReplayGuard;
use super::text::build;
use super::{DigestError, DigestErrorKind};
use crate::quoted::ParamValue;
use crate::write::{AuthInfoBuilder, ChallengeBuilder, ChallengeListBuilder, Value};

/// Why a server refuses Digest credentials. Answer each with a 401 and
/// fresh challenges ([`Rejection::is_stale`] adds `stale=true`), except
/// [`Rejection::Malformed`], a 400 (see [`Rejection::status`]). Tell the
/// client no more than that: which check failed is for the server's logs.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The value is not valid Digest credentials.
    Malformed(DigestError),
    /// The nonce was not issued by this server (or was altered).
    UnknownNonce,
    /// The nonce is authentic but expired: challenge with `stale=true`.
    StaleNonce,
    /// `realm` is not the server's.
    RealmMismatch,
    /// `opaque` does not echo the server's.
    OpaqueMismatch,
    /// `algorithm` is unknown or was not offered.
    AlgorithmNotOffered,
    /// `qop` is absent (the RFC 2069 form, which a server that offers
    /// `qop` need not accept) or was not offered.
    QopNotOffered,
    /// `uri` is not the request-target of the request.
    UriMismatch,
    /// The lookup knows no such user (or could not use the secret it has).
    UnknownUser,
    /// `response` is wrong: a wrong password, or an altered request.
    WrongResponse,
    /// The (`nonce`, `cnonce`, `nc`) was already seen.
    Replay,
}

impl Rejection {
    /// Whether to answer with a challenge carrying `stale=true`.
    pub const fn is_stale(&self) -> bool {
        matches!(self, Rejection::StaleNonce)
    }

    /// The status code to answer with: 400 for malformed credentials
    /// (RFC 7616 §3.4 leaves it open; a syntax error is a bad request), 401
    /// for the others.
    pub const fn status(&self) -> u16 {
        match self {
            Rejection::Malformed(_) => 400,
            _ => 401,
        }
    }

    /// A sentence for the server's logs.
    pub fn as_str(&self) -> &'static str {
        match self {
            Rejection::Malformed(e) => e.kind().as_str(),
            Rejection::UnknownNonce => "nonce not issued by this server",
            Rejection::StaleNonce => "nonce expired (authentic): challenge again with stale=true",
            Rejection::RealmMismatch => "realm is not this server's",
            Rejection::OpaqueMismatch => "opaque does not echo the challenge's",
            Rejection::AlgorithmNotOffered => "algorithm not offered",
            Rejection::QopNotOffered => "qop missing or not offered",
            Rejection::UriMismatch => "uri is not the request-target",
            Rejection::UnknownUser => "unknown user",
            Rejection::WrongResponse => "wrong response: wrong password or altered request",
            Rejection::Replay => "replayed nonce count",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Malformed(e) => write!(f, "malformed Digest credentials: {e}"),
            _ => f.write_str(self.as_str()),
        }
    }
}

/// The verdict of a caller's own nonce store, for [`CheckedNonce::from_store`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonceStatus {
    /// Issued by this server and still valid.
    Valid,
    /// Issued by this server but expired.
    Stale,
    /// Not issued by this server.
    Unknown,
}

/// Credentials whose nonce has been checked: the only way to
/// [`DigestServer::verify`].
#[derive(Clone, Copy, Debug)]
pub struct CheckedNonce<'a> {
    creds: DigestCredentials<'a>,
}

impl<'a> CheckedNonce<'a> {
    /// Checks the nonce with the caller's own store (for nonces that the
    /// caller issued and tracks itself).
    pub fn from_store<F>(creds: DigestCredentials<'a>, store: F) -> Result<Self, Rejection>
    where
        F: FnOnce(ParamValue<'a>) -> NonceStatus,
    {
        let nonce = creds.nonce().ok_or(Rejection::Malformed(DigestError::new(
            0,
            DigestErrorKind::Missing("nonce"),
        )))?;
        match store(nonce) {
            NonceStatus::Valid => Ok(CheckedNonce { creds }),
            NonceStatus::Stale => Err(Rejection::StaleNonce),
            NonceStatus::Unknown => Err(Rejection::UnknownNonce),
        }
    }

    /// The credentials.
    pub const fn credentials(&self) -> DigestCredentials<'a> {
        self.creds
    }
}

/// Who the credentials name, as handed to the lookup of
/// [`DigestServer::verify`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum User<'u> {
    /// The username, from `username` (unescaped) or `username*` (decoded).
    Name(&'u str),
    /// With `userhash=true`: `H(username ":" realm)` in hex, to compare
    /// with [`userhash`](super::userhash) of each user.
    Hashed(&'u str),
}

impl<'u> User<'u> {
    /// The username, unless it was hashed.
    pub const fn name(&self) -> Option<&'u str> {
        match self {
            User::Name(n) => Some(n),
            User::Hashed(_) => None,
        }
    }
}

/// What the server knows about a user, returned by the lookup of
/// [`DigestServer::verify`].
#[derive(Clone, Copy)]
pub enum Secret<'s> {
    /// The password (UTF-8 bytes when the user typed text).
    Password(&'s [u8]),
    /// The plain username and the password: what a lookup by
    /// [`User::Hashed`] returns, since A1 holds the plain username.
    UserPassword(&'s str, &'s [u8]),
    /// The stored `H(username ":" realm ":" password)` for the algorithm's
    /// hash ([`ha1`](super::ha1)), so the password need not be stored.
    Ha1(Hex),
}

impl fmt::Debug for Secret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Secret::Password(_) => "Password(<redacted>)",
            Secret::UserPassword(..) => "UserPassword(<redacted>)",
            Secret::Ha1(_) => "Ha1(<redacted>)",
        })
    }
}

/// Credentials that passed verification.
#[derive(Clone, Copy, Debug)]
pub struct Verified<'a> {
    creds: DigestCredentials<'a>,
    alg: Algorithm,
    ha1: Hex,
    nc: u32,
    nc_digits: [u8; 8],
    qop: Qop,
}

impl<'a> Verified<'a> {
    /// The credentials.
    pub const fn credentials(&self) -> DigestCredentials<'a> {
        self.creds
    }

    /// The algorithm used.
    pub const fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The nonce count.
    pub const fn nc(&self) -> u32 {
        self.nc
    }

    /// The qop used.
    pub const fn qop(&self) -> Qop {
        self.qop
    }

    fn exchange(&self) -> Exchange<'a> {
        Exchange {
            alg: self.alg,
            nonce: self.creds.nonce().unwrap_or(plain(b"")),
            cnonce: self.creds.cnonce().unwrap_or(plain(b"")),
            nc: self.nc_digits,
            qop: Some(self.qop),
            uri: self.creds.uri().unwrap_or(plain(b"")),
        }
    }

    /// Checks and records the (`nonce`, `cnonce`, `nc`) in `guard`:
    /// [`Rejection::Replay`] when the count is not higher than the last one
    /// seen. Call it after verification, so that forged requests cannot
    /// fill the guard.
    pub fn check_replay(&self, guard: &mut ReplayGuard<'_>) -> Result<(), Rejection> {
        let x = self.exchange();
        if guard.observe_values(x.nonce, x.cnonce, self.nc) {
            Ok(())
        } else {
            Err(Rejection::Replay)
        }
    }

    /// Writes the `Authentication-Info` value (RFC 7616 §3.5): `rspauth`
    /// (the server's proof that it knows H(A1), computed with `A2 = ":" uri`),
    /// `cnonce`, `nc`, `qop`, and `nextnonce` when given. `body` is the
    /// response body, hashed for `qop=auth-int`.
    pub fn write_authentication_info<W: fmt::Write + ?Sized>(
        &self,
        nextnonce: Option<&str>,
        body: Option<&[u8]>,
        w: &mut W,
    ) -> Result<(), DigestError> {
        let x = self.exchange();
        let rspauth = x.response(&self.ha1, b"", body);
        let nc = self.nc_digits;
        AuthInfoBuilder::for_scheme("Digest")
            .param("rspauth", rspauth.as_str())
            .param("cnonce", Value::parsed(x.cnonce))
            .param("nc", &nc)
            .param("qop", self.qop.name())
            .param_opt("nextnonce", nextnonce)
            .write_to(w)
            .map_err(build)
    }
}

/// Copies the unescaped value into `buf`; `None` if it does not fit.
fn fill<'b>(buf: &'b mut [u8], v: ParamValue<'_>) -> Option<&'b [u8]> {
    let mut n = 0;
    for b in v.bytes() {
        *buf.get_mut(n)? = b;
        n += 1;
    }
    Some(&buf[..n])
}

/// A Digest server for one realm: what it offers, and the key of its
/// stateless nonces. Cheap to build per request (it only borrows).
#[derive(Clone, Copy)]
pub struct DigestServer<'k> {
    key: &'k [u8],
    realm: &'k str,
    opaque: Option<&'k str>,
    algorithms: &'k [Algorithm],
    qop: &'k [Qop],
    lifetime: u64,
    userhash: bool,
}

impl fmt::Debug for DigestServer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DigestServer")
            .field("realm", &self.realm)
            .field("algorithms", &self.algorithms)
            .field("qop", &self.qop)
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

/// The default offer: SHA-256 first, MD5 for older clients.
const DEFAULT_ALGORITHMS: &[Algorithm] = &[Algorithm::Sha256, Algorithm::Md5];

impl<'k> DigestServer<'k> {
    /// A server for `realm`, whose nonces are authenticated with `key` (at
    /// least 32 random bytes, kept secret and shared by the server's
    /// instances). Offers `SHA-256` and `MD5` with `qop="auth"`; nonces live
    /// 300 seconds.
    pub const fn new(key: &'k [u8], realm: &'k str) -> Self {
        DigestServer {
            key,
            realm,
            opaque: None,
            algorithms: DEFAULT_ALGORITHMS,
            qop: &[Qop::Auth],
            lifetime: 300,
            userhash: false,
        }
    }

    /// The algorithms to offer (written strongest first whatever the order
    /// here). Leave out `MD5` if every client can do better: offering it
    /// lets a man in the middle strip the stronger challenges (RFC 7616 §5,
    /// "Man-in-the-Middle Attacks").
    pub const fn algorithms(self, algorithms: &'k [Algorithm]) -> Self {
        DigestServer { algorithms, ..self }
    }

    /// The qops to offer (`auth`, `auth-int`).
    pub const fn qop(self, qop: &'k [Qop]) -> Self {
        DigestServer { qop, ..self }
    }

    /// An `opaque` value to send and to require back.
    pub const fn opaque(self, opaque: &'k str) -> Self {
        DigestServer {
            opaque: Some(opaque),
            ..self
        }
    }

    /// How many seconds a nonce stays valid; older authentic nonces are stale.
    pub const fn nonce_lifetime(self, seconds: u64) -> Self {
        DigestServer {
            lifetime: seconds,
            ..self
        }
    }

    /// Whether to offer `userhash=true` (RFC 7616 §3.4.4).
    pub const fn userhash(self, userhash: bool) -> Self {
        DigestServer { userhash, ..self }
    }

    fn mac(&self, time: u64, salt: &[u8; 8]) -> [u8; 16] {
        // Cannot fail: HMAC takes keys of any length (RFC 2104 §2).
        #[allow(clippy::expect_used)]
        let mut m =
            <Hmac<Sha256> as Mac>::new_from_slice(self.key).expect("HMAC key of any length");
        m.update(b"auth-headers digest nonce v1\0");
        m.update(&time.to_be_bytes());
        m.update(salt);
        m.update(self.realm.as_bytes());
        let out = m.finalize().into_bytes();
        let mut mac = [0u8; 16];
        mac.copy_from_slice(&out[..16]);
        mac
    }

    /// A nonce issued at `now` (the caller's clock in seconds), with `salt`
    /// from the caller's random source so that two nonces of one second
    /// differ.
    pub fn nonce(&self, now: u64, salt: [u8; 8]) -> Hex {
        let mut raw = [0u8; 32];
        raw[..8].copy_from_slice(&now.to_be_bytes());
        raw[8..16].copy_from_slice(&salt);
        raw[16..].copy_from_slice(&self.mac(now, &salt));
        Hex::encode(&raw)
    }

    /// The `Digest` challenge for `alg` with `nonce` (from
    /// [`DigestServer::nonce`]), as a builder: write it, or put several in a
    /// [`ChallengeListBuilder`] (one header line each, or joined).
    pub fn challenge<'a>(
        &'a self,
        alg: Algorithm,
        nonce: &'a Hex,
        stale: bool,
    ) -> ChallengeBuilder<'a> {
        let qop = match self.qop {
            [] => None,
            [Qop::Auth] => Some("auth"),
            [Qop::AuthInt] => Some("auth-int"),
            [Qop::AuthInt, Qop::Auth, ..] => Some("auth-int, auth"),
            _ => Some("auth, auth-int"),
        };
        ChallengeBuilder::new("Digest")
            .param("realm", self.realm)
            .param_opt("qop", qop)
            .param("algorithm", alg.name())
            .param("nonce", nonce.as_str())
            .param_opt("opaque", self.opaque)
            .param_opt("stale", stale.then_some("true"))
            .param_opt("charset", self.userhash.then_some("UTF-8"))
            .param_opt("userhash", self.userhash.then_some("true"))
    }

    /// Writes one `Digest` challenge for `alg` with a nonce issued at `now`.
    pub fn write_challenge<W: fmt::Write + ?Sized>(
        &self,
        alg: Algorithm,
        now: u64,
        salt: [u8; 8],
        stale: bool,
        w: &mut W,
    ) -> Result<(), DigestError> {
        let nonce = self.nonce(now, salt);
        self.challenge(alg, &nonce, stale)
            .write_to(w)
            .map_err(build)
    }

    /// Writes one challenge per offered algorithm, strongest first, joined
    /// by `, ` into one `WWW-Authenticate` value, all with the same nonce
    /// (as RFC 7616 §3.9.1 does). Some clients read one challenge per
    /// header line only: for them, write each [`DigestServer::challenge`] on
    /// its own line.
    pub fn write_challenges<W: fmt::Write + ?Sized>(
        &self,
        now: u64,
        salt: [u8; 8],
        stale: bool,
        w: &mut W,
    ) -> Result<(), DigestError> {
        let nonce = self.nonce(now, salt);
        let first = self.challenge(Algorithm::Md5, &nonce, stale);
        let mut all = [first; 6];
        let mut n = 0;
        for alg in Algorithm::STRONGEST_FIRST {
            if self.algorithms.contains(&alg) {
                all[n] = self.challenge(alg, &nonce, stale);
                n += 1;
            }
        }
        ChallengeListBuilder::new(&all[..n])
            .write_to(w)
            .map_err(build)
    }

    /// Checks the nonce of `creds` against this server's key, at `now`:
    /// [`Rejection::UnknownNonce`] for a nonce it did not issue (or one
    /// issued more than a minute in the future), [`Rejection::StaleNonce`]
    /// for an authentic one older than the lifetime.
    pub fn check_nonce<'a>(
        &self,
        creds: DigestCredentials<'a>,
        now: u64,
    ) -> Result<CheckedNonce<'a>, Rejection> {
        CheckedNonce::from_store(creds, |nonce| self.nonce_status(nonce.raw(), now))
    }

    /// The status of a nonce issued by [`DigestServer::nonce`].
    pub fn nonce_status(&self, nonce: &[u8], now: u64) -> NonceStatus {
        let mut raw = [0u8; 32];
        if nonce.len() != 64 {
            return NonceStatus::Unknown;
        }
        for (i, pair) in nonce.chunks_exact(2).enumerate() {
            let (Some(h), Some(l)) = (
                (pair[0] as char).to_digit(16),
                (pair[1] as char).to_digit(16),
            ) else {
                return NonceStatus::Unknown;
            };
            raw[i] = ((h << 4) | l) as u8;
        }
        let mut time = [0u8; 8];
        time.copy_from_slice(&raw[..8]);
        let time = u64::from_be_bytes(time);
        let mut salt = [0u8; 8];
        salt.copy_from_slice(&raw[8..16]);
        if !bool::from(self.mac(time, &salt).ct_eq(&raw[16..])) {
            return NonceStatus::Unknown;
        }
        if time > now.saturating_add(60) {
            NonceStatus::Unknown
        } else if now - time.min(now) > self.lifetime {
            NonceStatus::Stale
        } else {
            NonceStatus::Valid
        }
    }

    /// Verifies credentials whose nonce was checked, for the request
    /// `method` `target` (the request-target as in the request line) with
    /// `body` (hashed for `qop=auth-int`; `None` is the empty body).
    ///
    /// Checks, in order: the credentials' syntax, `realm`, `opaque` (when
    /// the server sets one), that `algorithm` and `qop` were offered, that
    /// `uri` is `target` byte for byte, then asks `lookup` for the user's
    /// [`Secret`] (for the algorithm, since a stored H(A1) is per hash) and
    /// compares `response` in constant time.
    pub fn verify<'a, 's, F>(
        &self,
        checked: CheckedNonce<'a>,
        method: &str,
        target: &str,
        body: Option<&[u8]>,
        lookup: F,
    ) -> Result<Verified<'a>, Rejection>
    where
        F: FnOnce(User<'_>, Algorithm) -> Option<Secret<'s>>,
    {
        let creds = checked.creds;
        creds.validate().map_err(Rejection::Malformed)?;
        if !creds.realm().is_some_and(|r| r.eq_str(self.realm)) {
            return Err(Rejection::RealmMismatch);
        }
        if let Some(o) = self.opaque {
            if !creds.opaque().is_some_and(|v| v.eq_str(o)) {
                return Err(Rejection::OpaqueMismatch);
            }
        }
        let alg = creds
            .algorithm()
            .known()
            .filter(|a| self.algorithms.contains(a))
            .ok_or(Rejection::AlgorithmNotOffered)?;
        let qop = creds
            .qop()
            .map_err(Rejection::Malformed)?
            .filter(|q| self.qop.contains(q))
            .ok_or(Rejection::QopNotOffered)?;
        let uri = creds.uri().unwrap_or(plain(b""));
        if !uri.eq_str(target) {
            return Err(Rejection::UriMismatch);
        }
        let nc = creds.nc().map_err(Rejection::Malformed)?.unwrap_or(0);
        // `validate` checked that `nc` is 8 hex digits; they are hashed as sent.
        let mut nc_digits = [0u8; 8];
        if let Some(d) = creds
            .credentials()
            .param("nc")
            .and_then(|v| <[u8; 8]>::try_from(v.raw()).ok())
        {
            nc_digits = d;
        }
        let hashed = creds.userhash().map_err(Rejection::Malformed)?;

        let mut buf = [0u8; 256];
        let (user, name): (User<'_>, &str) = match creds.username() {
            Some(u) => {
                let s = fill(&mut buf, u)
                    .and_then(|b| core::str::from_utf8(b).ok())
                    .ok_or(Rejection::UnknownUser)?;
                (
                    if hashed {
                        User::Hashed(s)
                    } else {
                        User::Name(s)
                    },
                    s,
                )
            }
            None => match creds.decode_username_star(&mut buf) {
                Some(Ok(s)) => (User::Name(s), s),
                Some(Err(e)) => return Err(Rejection::Malformed(e)),
                None => return Err(Rejection::UnknownUser),
            },
        };
        let secret = lookup(user, alg).ok_or(Rejection::UnknownUser)?;
        let realm = self.realm.as_bytes();
        let base = match secret {
            Secret::Password(_) if hashed => return Err(Rejection::UnknownUser),
            Secret::Password(pw) => hash::ha1(alg, name.as_bytes(), realm, pw),
            Secret::UserPassword(n, pw) => hash::ha1(alg, n.as_bytes(), realm, pw),
            Secret::Ha1(h) if h.as_bytes().len() == alg.hex_len() => h,
            Secret::Ha1(_) => return Err(Rejection::UnknownUser),
        };
        let x = Exchange {
            alg,
            nonce: creds.nonce().unwrap_or(plain(b"")),
            cnonce: creds.cnonce().unwrap_or(plain(b"")),
            nc: nc_digits,
            qop: Some(qop),
            uri,
        };
        let ha1 = x.session_ha1(&base);
        let expected = x.response(&ha1, method.as_bytes(), body);
        // RFC 7616 §3.4: `response` is lower-case hex (32LHEX / 64LHEX);
        // compared byte for byte, in constant time (a length mismatch says
        // nothing secret).
        let given = creds.response().map(|r| r.raw()).unwrap_or_default();
        if !bool::from(given.ct_eq(expected.as_bytes())) {
            return Err(Rejection::WrongResponse);
        }
        Ok(Verified {
            creds,
            alg,
            ha1,
            nc,
            nc_digits,
            qop,
        })
    }
}
