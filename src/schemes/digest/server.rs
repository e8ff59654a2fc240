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
use zeroize::{Zeroize, Zeroizing};

use super::algorithm::Algorithm;
use super::challenge::Qop;
use super::credentials::DigestCredentials;
use super::hash::{self, plain, Exchange, Hex};
use super::replay::{ReplayCheck, ReplayGuard, ReplayKey, ReplayRefusal};
use super::text::build;
use super::{DigestError, DigestErrorKind};
use crate::quoted::ParamValue;
use crate::write::{AuthInfoBuilder, ChallengeBuilder, ChallengeListBuilder, Value};

/// Why a server refuses Digest credentials. Answer each with a 401 and
/// fresh challenges ([`Rejection::is_stale`] adds `stale=true`), except
/// [`Rejection::Malformed`], a 400 (see [`Rejection::status`]). Tell the
/// client no more than that: which check failed is for the server's logs.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    /// The (realm, user, `nonce`, `cnonce`, `nc`) was already seen.
    Replay,
    /// The replay guard is full of entries whose nonces are still live, so
    /// it refused the request rather than forget one (see
    /// [`ReplayGuard`]'s sizing rule). Answered 503 (RFC 9110 §15.6.4),
    /// with a `Retry-After` if the server can say when a slot frees: the
    /// request may be fine, so a 401 would tell the user their password is
    /// wrong, and a fresh challenge would not help, since the retry meets
    /// the same full guard.
    ReplayGuardFull,
    /// `userhash=true` although this server did not offer it
    /// ([`DigestServer::userhash`]).
    UserhashNotOffered,
}

impl Rejection {
    /// Whether to answer with a challenge carrying `stale=true`.
    pub const fn is_stale(&self) -> bool {
        matches!(self, Rejection::StaleNonce)
    }

    /// The status code to answer with: 400 for malformed credentials
    /// (RFC 7616 §3.4 leaves it open; a syntax error is a bad request), 503
    /// for a full replay guard (the server's capacity, not the client's
    /// credentials: see [`Rejection::ReplayGuardFull`]), 401 for the others.
    pub const fn status(&self) -> u16 {
        match self {
            Rejection::Malformed(_) => 400,
            Rejection::ReplayGuardFull => 503,
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
            Rejection::ReplayGuardFull => {
                "replay guard full of live nonces: request refused rather than forget one (give the guard more slots)"
            }
            Rejection::UserhashNotOffered => "userhash=true sent but this server did not offer it",
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
    expires_at: u64,
}

impl<'a> CheckedNonce<'a> {
    /// Checks the nonce with the caller's own store (for nonces that the
    /// caller issued and tracks itself).
    ///
    /// The replay guard does not know when such a nonce expires, so its
    /// entries are kept for ever (the guard fails closed: it fills up and
    /// then refuses). Tell it with [`CheckedNonce::expires_at`].
    pub fn from_store<F>(creds: DigestCredentials<'a>, store: F) -> Result<Self, Rejection>
    where
        F: FnOnce(ParamValue<'a>) -> NonceStatus,
    {
        let nonce = creds.nonce().ok_or(Rejection::Malformed(DigestError::new(
            0,
            DigestErrorKind::Syntax(crate::ErrorKind::MissingParam("nonce")),
        )))?;
        match store(nonce) {
            NonceStatus::Valid => Ok(CheckedNonce {
                creds,
                expires_at: u64::MAX,
            }),
            NonceStatus::Stale => Err(Rejection::StaleNonce),
            NonceStatus::Unknown => Err(Rejection::UnknownNonce),
        }
    }

    /// The credentials.
    pub const fn credentials(&self) -> DigestCredentials<'a> {
        self.creds
    }

    /// The last second (caller's clock) at which the nonce is accepted:
    /// after it, the replay guard may forget the nonce's entries.
    /// [`DigestServer::check_nonce`] sets it from the nonce's issue time
    /// and [`DigestServer::nonce_lifetime`]; set it for a nonce of the
    /// caller's own store with [`CheckedNonce::with_expiry`].
    pub const fn expires_at(&self) -> u64 {
        self.expires_at
    }

    /// The same, with the nonce's expiry set to `expires_at` (for
    /// [`CheckedNonce::from_store`]). Never later than the store really
    /// accepts the nonce: the replay guard forgets entries after it.
    pub const fn with_expiry(self, expires_at: u64) -> Self {
        CheckedNonce {
            creds: self.creds,
            expires_at,
        }
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
///
/// It keeps the request's H(A1) (for `rspauth`), so it is not `Copy`, its
/// `Debug` hides the H(A1), and the H(A1) is wiped when it is dropped
/// (with `zeroize`).
///
/// ```
/// # #[cfg(feature = "digest")] {
/// use auth_headers::schemes::digest::*;
/// let (key, now) = ([7u8; 32], 1_700_000_000);
/// let server = DigestServer::new(&key, "api@example.org").unwrap();
/// # let mut www = String::new();
/// # server.write_challenges(now, [1; 8], false, &mut www).unwrap();
/// # let mut client = DigestClient::new("alice", "wonderland");
/// # client.respond_to(auth_headers::parse_challenges(&www).unwrap().iter()).unwrap();
/// # let mut authorization = String::new();
/// # client.authorization("GET", "/doe.json", None, "0a4f113b", &mut authorization).unwrap();
/// let checked = server.check_nonce(DigestCredentials::parse(&authorization).unwrap(), now).unwrap();
/// let secret = |_: User<'_>, _| Some(Secret::Password(b"wonderland"));
/// let verified = server.verify(checked, "GET", "/doe.json", None, secret).unwrap();
/// assert_eq!((verified.algorithm(), verified.qop(), verified.nc()), (Algorithm::Sha256, Qop::Auth, 1));
/// let mut slots = [ReplaySlot::default(); 16];
/// let mut guard = ReplayGuard::new(&mut slots);
/// assert_eq!(verified.check_replay(&mut guard, now), Ok(()));
/// assert_eq!(verified.check_replay(&mut guard, now), Err(Rejection::Replay));
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Verified<'a> {
    creds: DigestCredentials<'a>,
    alg: Algorithm,
    ha1: Hex,
    nc: u32,
    nc_digits: [u8; 8],
    qop: Qop,
    replay: ReplayCheck,
}

impl Drop for Verified<'_> {
    fn drop(&mut self) {
        self.ha1.zeroize();
    }
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

    /// What this request asks of a replay store: its [`ReplayKey`] (of the
    /// realm, the user as resolved by the lookup, `nonce` and `cnonce`),
    /// its `nc`, and its nonce's expiry. For a store of the caller's own;
    /// [`Verified::check_replay`] uses a [`ReplayGuard`].
    pub const fn replay_check(&self) -> ReplayCheck {
        self.replay
    }

    /// Checks and records this request in `guard` at `now` (the caller's
    /// clock, as for the nonce check): [`Rejection::Replay`] when the same
    /// user already sent this `nonce` and `cnonce` with a count as high or
    /// higher, [`Rejection::ReplayGuardFull`] when the guard holds only
    /// live entries (it refuses rather than forget one). Call it after
    /// verification, so that forged requests cannot fill the guard.
    pub fn check_replay(&self, guard: &mut ReplayGuard<'_>, now: u64) -> Result<(), Rejection> {
        guard.check(&self.replay, now).map_err(|e| match e {
            ReplayRefusal::Replay => Rejection::Replay,
            ReplayRefusal::Full => Rejection::ReplayGuardFull,
        })
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
///
/// ```
/// # #[cfg(feature = "digest")] {
/// use auth_headers::schemes::digest::{Algorithm, DigestServer, NonceStatus};
/// let key = [7u8; 32];
/// let server = DigestServer::new(&key, "api@example.org").unwrap()
///     .algorithms(&[Algorithm::Sha256])
///     .nonce_lifetime(60);
/// let nonce = server.nonce(1_700_000_000, [1; 8]);
/// let status = |s: &DigestServer<'_>, now| s.nonce_status(nonce.as_str().as_bytes(), now);
/// assert_eq!(status(&server, 1_700_000_030), NonceStatus::Valid);
/// assert_eq!(status(&server, 1_700_000_100), NonceStatus::Stale);
/// assert_eq!(status(&DigestServer::new(&[8; 32], "api@example.org").unwrap(), 1_700_000_030), NonceStatus::Unknown);
/// // An expired nonce is answered with a fresh challenge and stale=true.
/// let mut www = String::new();
/// server.write_challenges(1_700_000_100, [2; 8], true, &mut www).unwrap();
/// assert!(www.starts_with(r#"Digest realm="api@example.org", qop="auth", algorithm=SHA-256, nonce=""#));
/// assert!(www.ends_with("stale=true"));
/// # }
/// ```
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

/// The shortest nonce key [`DigestServer::new`] accepts, in bytes: 256
/// bits, the output size of the HMAC-SHA-256 that authenticates the nonces
/// (RFC 2104 §3: keys shorter than the hash output are discouraged). A
/// shorter key lets an attacker who saw one nonce search for the key
/// offline and then forge nonces.
pub const MIN_KEY_LEN: usize = 32;

/// The default offer: SHA-256 first, MD5 for older clients.
const DEFAULT_ALGORITHMS: &[Algorithm] = &[Algorithm::Sha256, Algorithm::Md5];

impl<'k> DigestServer<'k> {
    /// A server for `realm`, whose nonces are authenticated with `key` (at
    /// least [`MIN_KEY_LEN`] = 32 random bytes, kept secret and shared by
    /// the server's instances). Offers `SHA-256` and `MD5` with
    /// `qop="auth"`; nonces live 300 seconds.
    ///
    /// A shorter key is refused with [`DigestErrorKind::KeyTooShort`]: an
    /// empty or short key would let anyone forge nonces offline. Key length
    /// is all it can check; the bytes must come from a random source.
    ///
    /// ```
    /// use auth_headers::schemes::digest::{DigestErrorKind, DigestServer};
    /// assert_eq!(
    ///     DigestServer::new(b"", "api").unwrap_err().kind(),
    ///     DigestErrorKind::KeyTooShort(32)
    /// );
    /// assert!(DigestServer::new(&[7; 32], "api").is_ok());
    /// ```
    pub const fn new(key: &'k [u8], realm: &'k str) -> Result<Self, DigestError> {
        if key.len() < MIN_KEY_LEN {
            return Err(DigestError::new(
                0,
                DigestErrorKind::KeyTooShort(MIN_KEY_LEN),
            ));
        }
        Ok(DigestServer {
            key,
            realm,
            opaque: None,
            algorithms: DEFAULT_ALGORITHMS,
            qop: &[Qop::Auth],
            lifetime: 300,
            userhash: false,
        })
    }

    /// The algorithms to offer (written strongest first whatever the order
    /// here). Leave out `MD5` if every client can do better: offering it
    /// lets a man in the middle strip the stronger challenges (RFC 7616 §5,
    /// "Man-in-the-Middle Attacks").
    pub const fn algorithms(self, algorithms: &'k [Algorithm]) -> Self {
        DigestServer { algorithms, ..self }
    }

    /// The qops to offer (`auth`, `auth-int`). Each is offered once,
    /// whatever the repeats here: `&[Auth, Auth]` offers `qop="auth"`. The
    /// first one listed is written first.
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
        let auth = self.qop.contains(&Qop::Auth);
        let int = self.qop.contains(&Qop::AuthInt);
        let qop = match (auth, int, self.qop.first()) {
            (false, false, _) => None,
            (true, false, _) => Some("auth"),
            (false, true, _) => Some("auth-int"),
            (true, true, Some(Qop::AuthInt)) => Some("auth-int, auth"),
            (true, true, _) => Some("auth, auth-int"),
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
        let mut issued = 0;
        let checked = CheckedNonce::from_store(creds, |nonce| {
            let (status, time) = self.nonce_time(nonce.raw(), now);
            issued = time;
            status
        })?;
        Ok(checked.with_expiry(issued.saturating_add(self.lifetime)))
    }

    /// The status of a nonce issued by [`DigestServer::nonce`]. Only what
    /// [`DigestServer::nonce`] writes is authentic: 64 lower-case hex
    /// digits; the same nonce in upper case is [`NonceStatus::Unknown`].
    pub fn nonce_status(&self, nonce: &[u8], now: u64) -> NonceStatus {
        self.nonce_time(nonce, now).0
    }

    /// The status and the issue time of a nonce (0 unless authentic).
    fn nonce_time(&self, nonce: &[u8], now: u64) -> (NonceStatus, u64) {
        let mut raw = [0u8; 32];
        if nonce.len() != 64 {
            return (NonceStatus::Unknown, 0);
        }
        let digit = |b: u8| match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        };
        for (i, pair) in nonce.chunks_exact(2).enumerate() {
            let (Some(h), Some(l)) = (digit(pair[0]), digit(pair[1])) else {
                return (NonceStatus::Unknown, 0);
            };
            raw[i] = (h << 4) | l;
        }
        let mut time = [0u8; 8];
        time.copy_from_slice(&raw[..8]);
        let time = u64::from_be_bytes(time);
        let mut salt = [0u8; 8];
        salt.copy_from_slice(&raw[8..16]);
        if !bool::from(self.mac(time, &salt).ct_eq(&raw[16..])) {
            return (NonceStatus::Unknown, 0);
        }
        let status = if time > now.saturating_add(60) {
            NonceStatus::Unknown
        } else if now - time.min(now) > self.lifetime {
            NonceStatus::Stale
        } else {
            NonceStatus::Valid
        };
        (status, time)
    }

    /// Verifies credentials whose nonce was checked, for the request
    /// `method` `target` (the request-target as in the request line) with
    /// `body` (hashed for `qop=auth-int`; `None` is the empty body).
    ///
    /// Checks, in order: the credentials' syntax, `realm`, `opaque` (when
    /// the server sets one), that `algorithm` and `qop` were offered, that
    /// `uri` is `target` byte for byte, that `nc` is 8 lower-case hex
    /// digits and `qop` is written in lower case (the spelling RFC 7616
    /// §3.4 gives and every known client sends; RFC 7616 §3.4.1 hashes both
    /// as sent, so a server accepting other spellings would hash several
    /// spellings of one request), that `userhash=true` comes only when the
    /// server offered it, and that the username, unescaped or decoded from
    /// `username*`, holds no control character (CR, LF, ...: it goes to the
    /// lookup, which may log it). Then it asks `lookup` for the user's
    /// [`Secret`] (for the algorithm, since a stored H(A1) is per hash) and
    /// compares `response` in constant time.
    ///
    /// Intermediate H(A1)s and the username buffer are wiped before it
    /// returns (`zeroize`); the hash crates' internal block buffers are not
    /// (RustCrypto 0.10 hashers offer no way to).
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
        creds.validate().map_err(malformed)?;
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
            .map_err(malformed)?
            .filter(|q| self.qop.contains(q))
            .ok_or(Rejection::QopNotOffered)?;
        let uri = creds.uri().unwrap_or(plain(b""));
        if !uri.eq_str(target) {
            return Err(Rejection::UriMismatch);
        }
        let nc = creds.nc().map_err(malformed)?.unwrap_or(0);
        // RFC 7616 §3.4.1 hashes `nc` and `unq(qop)` as sent. The server is
        // strict about how they are spelled, so that what it hashes is the
        // one spelling of each: `nc` is 8LHEX (RFC 7616 §3.4: lower-case
        // hex, as curl, Chromium and Firefox send), `qop` is `auth` or
        // `auth-int` in lower case (token or quoted). Another spelling is a
        // 400, with a message saying which.
        let mut nc_digits = [0u8; 8];
        if let Some(p) = creds.credentials().params().iter().find(|p| p.is("nc")) {
            let raw = p.value().raw();
            let lower = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
            match <[u8; 8]>::try_from(raw) {
                Ok(d) if d.iter().all(lower) => nc_digits = d,
                _ => {
                    return Err(Rejection::Malformed(DigestError::new(
                        p.offset(),
                        DigestErrorKind::Invalid(
                            "nc",
                            "expected 8 lower-case hex digits (RFC 7616 §3.4 8LHEX), as in `nc=0000000a`",
                        ),
                    )))
                }
            }
        }
        if let Some(p) = creds.credentials().params().iter().find(|p| p.is("qop")) {
            if !p.value().eq_bytes(qop.name().as_bytes()) {
                return Err(Rejection::Malformed(DigestError::new(
                    p.offset(),
                    DigestErrorKind::Invalid(
                        "qop",
                        "expected `auth` or `auth-int` in lower case, as the challenge wrote it",
                    ),
                )));
            }
        }
        let hashed = creds.userhash().map_err(malformed)?;
        if hashed && !self.userhash {
            return Err(Rejection::UserhashNotOffered);
        }

        let mut buf = Zeroizing::new([0u8; 256]);
        let (user, name): (User<'_>, &str) = match creds.username() {
            Some(u) => {
                let s = fill(&mut buf[..], u)
                    .and_then(|b| core::str::from_utf8(b).ok())
                    .ok_or(Rejection::UnknownUser)?;
                if s.chars().any(char::is_control) {
                    // As `decode_username_star` reports `username*`: at the value.
                    let at = creds
                        .credentials()
                        .params()
                        .iter()
                        .find(|p| p.is("username"))
                        .map_or(0, |p| crate::schemes::value_offset(&p));
                    return Err(malformed(crate::Error::new(
                        at,
                        crate::ErrorKind::InvalidValue(super::credentials::CONTROL_IN_NAME),
                    )));
                }
                (
                    if hashed {
                        User::Hashed(s)
                    } else {
                        User::Name(s)
                    },
                    s,
                )
            }
            None => match creds.decode_username_star(&mut buf[..]) {
                Some(Ok(s)) => (User::Name(s), s),
                Some(Err(e)) => return Err(malformed(e)),
                None => return Err(Rejection::UnknownUser),
            },
        };
        let secret = lookup(user, alg).ok_or(Rejection::UnknownUser)?;
        let realm = self.realm.as_bytes();
        let base = Zeroizing::new(match secret {
            Secret::Password(_) if hashed => return Err(Rejection::UnknownUser),
            Secret::Password(pw) => hash::ha1(alg, name.as_bytes(), realm, pw),
            Secret::UserPassword(n, pw) => hash::ha1(alg, n.as_bytes(), realm, pw),
            Secret::Ha1(h) if h.as_bytes().len() == alg.hex_len() => h,
            Secret::Ha1(_) => return Err(Rejection::UnknownUser),
        });
        let x = Exchange {
            alg,
            nonce: creds.nonce().unwrap_or(plain(b"")),
            cnonce: creds.cnonce().unwrap_or(plain(b"")),
            nc: nc_digits,
            qop: Some(qop),
            uri,
        };
        let ha1 = Zeroizing::new(x.session_ha1(&base));
        let expected = Zeroizing::new(x.response(&ha1, method.as_bytes(), body));
        // RFC 7616 §3.4: `response` is lower-case hex (32LHEX / 64LHEX);
        // compared byte for byte, in constant time (a length mismatch says
        // nothing secret).
        let given = creds.response().map(|r| r.raw()).unwrap_or_default();
        if !bool::from(given.ct_eq(expected.as_bytes())) {
            return Err(Rejection::WrongResponse);
        }
        // The user as the lookup resolved it: the account's H(A1) (of the
        // plain username, the realm and the password), the same for every
        // spelling of the name that verifies with this response.
        let mut id = Zeroizing::new([0u8; 96]);
        let alg_name = alg.name().as_bytes();
        id[..alg_name.len()].copy_from_slice(alg_name);
        id[alg_name.len()] = b':';
        let id_len = alg_name.len() + 1 + base.as_bytes().len();
        id[alg_name.len() + 1..id_len].copy_from_slice(base.as_bytes());
        let key = ReplayKey::from_values(realm, &id[..id_len], x.nonce, x.cnonce);
        Ok(Verified {
            creds,
            alg,
            ha1: *ha1,
            nc,
            nc_digits,
            qop,
            replay: ReplayCheck::new(key, nc, checked.expires_at),
        })
    }
}

/// A view's error as the rejection of malformed credentials.
fn malformed(e: crate::Error) -> Rejection {
    Rejection::Malformed(e.into())
}

/// A value that does not parse, or that a typed view refuses
/// ([`DigestCredentials::parse`], [`DigestCredentials::validate`] …), is
/// [`Rejection::Malformed`]: `?` turns one into the other.
impl From<crate::Error> for Rejection {
    fn from(e: crate::Error) -> Self {
        malformed(e)
    }
}
