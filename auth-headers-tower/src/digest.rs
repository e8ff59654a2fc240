//! Digest (RFC 7616) in the layer, through the core's
//! [`DigestServer`]: stateless HMAC nonces under one key, verification, a
//! replay store, `Authentication-Info` on success and `stale=true` on an
//! expired nonce.
//!
//! # Algorithms: SHA-256 then MD5
//! The default offer is `SHA-256`, then `MD5` for older clients, one
//! challenge each, strongest first. `SHA-512-256` stays available
//! ([`DigestConfig::algorithms`]), but tried with real clients, offering
//! it first breaks aiohttp, httpx, urllib and Chromium (they take the
//! first challenge and cannot compute it), and Chromium reads only one
//! challenge per header line; so it is not offered unless asked for, and
//! when asked for, offered first (strongest first) only to clients that
//! can do it.
//!
//! # The replay store, shared by a fleet
//! A verified request's [`ReplayCheck`] (the core's key of realm, user as
//! resolved, `nonce` and `cnonce`; its `nc`; its nonce's expiry) goes to a
//! [`ReplayStore`]: a count not higher than the last one seen is a replay,
//! refused with 401 and a fresh nonce. [`MemoryReplayStore`] (the default)
//! keeps at most a fixed number of entries, each until its nonce expires;
//! when full of live entries it refuses (fail closed), since evicting a
//! live entry would let its replay through.
//!
//! # Why a full (or unreachable) store is a 503, not a 401
//! The credentials were verified: only the replay check could not be made.
//! A 401 with a fresh challenge would not help, since the client's retry
//! meets the same full store; and a browser or client reads a 401 after
//! credentials as "wrong password", so the user would be told to re-enter
//! a password that was right. 503 (Service Unavailable) says what is true:
//! the server cannot decide now, try later; it carries no challenge, so
//! nothing asks for other credentials.
//!
//! Nonces are stateless: any server holding the same key (configuration,
//! [`DigestConfig::new`]) accepts the nonces of the others. Servers behind
//! one load balancer then share the replay store through a store they
//! already run: implement [`ReplayStore`] over it with one atomic
//! compare-and-set per request. With Redis, one script:
//!
//! ```text
//! -- KEYS[1] = hex of check.key(), ARGV[1] = check.nc(), ARGV[2] = check.expires_at()
//! local seen = redis.call('GET', KEYS[1])
//! if seen and tonumber(seen) >= tonumber(ARGV[1]) then return 0 end
//! redis.call('SET', KEYS[1], ARGV[1], 'EXAT', ARGV[2])
//! return 1
//! ```
//!
//! `EXAT` drops an entry when its nonce has expired; a Redis with
//! `maxmemory-policy noeviction` refuses writes when full, which the store
//! reports as [`StoreRefusal::Full`] (and a connection error as
//! [`StoreRefusal::Unavailable`]), so the layer fails closed there too.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use http::header::HeaderValue;
use http::{Method, StatusCode, Uri};
use zeroize::Zeroizing;

use auth_headers::schemes::digest::{
    Algorithm, DigestCredentials, DigestError, DigestServer, Hex, Rejection as DigestRejection,
    ReplayCheck, ReplayKey, Secret, User,
};

use crate::config::{AuthConfig, BoxFuture, ConfigError};
use crate::exchange::{Errors, Rejection};

/// Why a replay store refuses a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreRefusal {
    /// The same key was already seen with a count as high or higher
    /// ([`ReplayCheck::decide`]): answered 401 with a fresh nonce.
    Replay,
    /// The store holds only live entries and will not forget one (fail
    /// closed): answered 503, not 401, since a fresh challenge would meet
    /// the same full store and a 401 tells the user the password is wrong
    /// (see the [module docs](self#why-a-full-or-unreachable-store-is-a-503-not-a-401)).
    Full,
    /// The store could not answer (unreachable, an error): answered 503,
    /// never let through.
    Unavailable(Box<dyn std::error::Error + Send + Sync>),
}

impl fmt::Display for StoreRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreRefusal::Replay => f.write_str("replayed nonce count"),
            StoreRefusal::Full => f.write_str("replay store full of live entries"),
            StoreRefusal::Unavailable(e) => write!(f, "replay store unavailable: {e}"),
        }
    }
}

impl std::error::Error for StoreRefusal {}

/// Where the layer remembers the nonce counts it has seen (RFC 7616 §3.3:
/// "the server can ... detect request replays by maintaining its own copy
/// of this count"). Shared by every request, concurrently.
///
/// Each verified request brings the core's [`ReplayCheck`]: its
/// [`ReplayKey`] (realm, user as
/// resolved, `nonce`, `cnonce`), its `nc` and its nonce's expiry. A store
/// looks up the highest count it remembers for the key, applies
/// [`ReplayCheck::decide`] (the rule, kept in the core), and on `Ok`
/// remembers [`ReplayCheck::nc`] until [`ReplayCheck::expires_at`] — all in
/// one atomic step.
pub trait ReplayStore: Send + Sync + 'static {
    /// Checks and records `check` at `now` (unix seconds).
    fn observe(&self, check: ReplayCheck, now: u64) -> BoxFuture<'_, Result<(), StoreRefusal>>;
}

/// The default [`ReplayStore`]: a map behind a mutex, bounded. Expired
/// entries are dropped when room is needed; when every entry is live and
/// the map is full, new keys are refused (fail closed).
#[derive(Debug)]
pub struct MemoryReplayStore {
    entries: Mutex<HashMap<ReplayKey, (u32, u64)>>,
    capacity: usize,
}

impl MemoryReplayStore {
    /// A store of at most `capacity` entries (size it for the requests of
    /// one nonce lifetime; each entry takes about 40 bytes).
    pub fn new(capacity: usize) -> Self {
        MemoryReplayStore {
            entries: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// The number of entries held.
    pub fn len(&self) -> usize {
        self.entries.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn observe_now(&self, check: ReplayCheck, now: u64) -> Result<(), StoreRefusal> {
        let mut map = self
            .entries
            .lock()
            .map_err(|_| StoreRefusal::Unavailable("poisoned lock".into()))?;
        let key = check.key();
        let seen = map
            .get(&key)
            .filter(|(_, until)| *until >= now)
            .map(|(nc, _)| *nc);
        check.decide(seen).map_err(|_| StoreRefusal::Replay)?;
        if map.len() >= self.capacity && !map.contains_key(&key) {
            map.retain(|_, (_, until)| *until >= now);
            if map.len() >= self.capacity {
                return Err(StoreRefusal::Full);
            }
        }
        let until = map
            .get(&key)
            .map_or(check.expires_at(), |(_, u)| (*u).max(check.expires_at()));
        map.insert(key, (check.nc(), until));
        Ok(())
    }
}

impl Default for MemoryReplayStore {
    /// 100 000 entries.
    fn default() -> Self {
        MemoryReplayStore::new(100_000)
    }
}

impl ReplayStore for MemoryReplayStore {
    fn observe(&self, check: ReplayCheck, now: u64) -> BoxFuture<'_, Result<(), StoreRefusal>> {
        let r = self.observe_now(check, now);
        Box::pin(async move { r })
    }
}

/// What a Digest user's lookup returns: the password (UTF-8 when the user
/// typed text), wiped on drop.
pub type Password = Zeroizing<Vec<u8>>;

type Lookup = dyn Fn(&str) -> Option<Password> + Send + Sync;

/// The Digest part of the configuration.
pub struct DigestConfig {
    key: Zeroizing<Vec<u8>>,
    algorithms: Vec<Algorithm>,
    lifetime: u64,
    passwords: Box<Lookup>,
    store: Arc<dyn ReplayStore>,
}

impl fmt::Debug for DigestConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DigestConfig")
            .field("algorithms", &self.algorithms)
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

impl DigestConfig {
    /// Digest with nonces authenticated by `key` (at least 32 random bytes,
    /// secret, the same for every server of a fleet) and `passwords`, the
    /// lookup of a user's password (by the name the client sent, as UTF-8
    /// text). Offers `SHA-256` then `MD5` with `qop="auth"` and
    /// `charset=UTF-8` (RFC 7616 §3.3, §4), as the core's
    /// [`DigestServer::new`] does; nonces live 300 seconds; replays are
    /// caught by a [`MemoryReplayStore::default`].
    pub fn new(
        key: impl Into<Vec<u8>>,
        passwords: impl Fn(&str) -> Option<Password> + Send + Sync + 'static,
    ) -> Self {
        DigestConfig {
            key: Zeroizing::new(key.into()),
            algorithms: vec![Algorithm::Sha256, Algorithm::Md5],
            lifetime: 300,
            passwords: Box::new(passwords),
            store: Arc::new(MemoryReplayStore::default()),
        }
    }

    /// The algorithms to offer (written strongest first). See the [module
    /// docs](self) before offering `SHA-512-256`, and leave `MD5` out when
    /// every client can do better (RFC 7616 §5.13: a man in the middle can
    /// strip the stronger challenges).
    pub fn algorithms(mut self, algorithms: &[Algorithm]) -> Self {
        self.algorithms = Algorithm::STRONGEST_FIRST
            .into_iter()
            .filter(|a| algorithms.contains(a))
            .collect();
        self
    }

    /// How many seconds a nonce stays valid; an older one is answered with
    /// `stale=true`.
    pub fn nonce_lifetime(mut self, seconds: u64) -> Self {
        self.lifetime = seconds;
        self
    }

    /// The replay store (shared by the fleet; see the [module docs](self)).
    pub fn replay_store(mut self, store: impl ReplayStore) -> Self {
        self.store = Arc::new(store);
        self
    }

    /// The core's server; fails for a key shorter than
    /// [`MIN_KEY_LEN`](auth_headers::schemes::digest::MIN_KEY_LEN) bytes
    /// (found when the configuration is built).
    fn server<'a>(&'a self, realm: &'a str) -> Result<DigestServer<'a>, DigestError> {
        Ok(DigestServer::new(&self.key, realm)?
            .algorithms(&self.algorithms)
            .nonce_lifetime(self.lifetime))
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// What the Digest challenges need: the server, a fresh nonce, the algorithms.
pub(crate) type DigestOffer<'a> = (DigestServer<'a>, Hex, &'a [Algorithm]);

impl AuthConfig {
    /// The Digest server, a fresh nonce and the algorithms, for challenges.
    pub(crate) fn digest_offer(&self) -> Result<Option<DigestOffer<'_>>, ConfigError> {
        let Some(d) = &self.inner.digest else {
            return Ok(None);
        };
        let server = d.server(&self.inner.realm).map_err(ConfigError::Digest)?;
        let mut salt = [0u8; 8];
        getrandom::fill(&mut salt).map_err(|_| ConfigError::Random)?;
        let nonce = server.nonce(now(), salt);
        Ok(Some((server, nonce, &d.algorithms)))
    }

    /// Verifies Digest credentials: the user and the `Authentication-Info`
    /// value, or the refusal.
    pub(crate) async fn verify_digest(
        &self,
        creds: DigestCredentials<'_>,
        method: &Method,
        uri: &Uri,
    ) -> Result<(String, HeaderValue), Rejection> {
        let Some(d) = &self.inner.digest else {
            return Err(self.unauthorized(Errors::NONE));
        };
        let realm = &self.inner.realm;
        let server = d.server(realm).map_err(|_| Rejection::internal())?;
        let now = now();
        let checked = match server.check_nonce(creds, now) {
            Ok(c) => c,
            Err(DigestRejection::StaleNonce) => return Err(self.unauthorized(Errors::STALE)),
            Err(DigestRejection::Malformed(_)) => {
                return Err(Rejection::status_only(StatusCode::BAD_REQUEST))
            }
            Err(_) => return Err(self.unauthorized(Errors::NONE)),
        };
        // The user, as the core's verification will read it (`username`
        // unescaped, or `username*` decoded), to look the password up first.
        let mut buf = [0u8; 256];
        let user: Option<String> = match creds.username() {
            Some(u) => String::from_utf8(u.bytes().collect()).ok(),
            None => match creds.decode_username_star(&mut buf) {
                Some(Ok(s)) => Some(s.to_owned()),
                _ => None,
            },
        };
        let password = user.as_deref().and_then(|u| (d.passwords)(u));
        let known = password.is_some();
        // An unknown user is hashed against a dummy password, so that it
        // takes as long as a wrong password.
        let dummy = Zeroizing::new(b"auth-headers-tower unknown user".to_vec());
        let secret = password.as_ref().unwrap_or(&dummy);
        // RFC 7616 §3.4: `uri` is the request-target. A request to a proxy
        // has the absolute form (`GET http://host/path`); curl (among
        // others) then sends `uri="/path"`, which is accepted too: the
        // path of this same request.
        let origin_form = uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into());
        let target = match uri.authority() {
            Some(_) => {
                let absolute = uri.to_string();
                let sent = creds.uri();
                match sent.is_some_and(|u| u.eq_str(&absolute)) {
                    true => absolute,
                    false => origin_form,
                }
            }
            None => origin_form,
        };
        let verified = server.verify(checked, method.as_str(), &target, None, |u, _| match u {
            User::Name(_) => Some(Secret::Password(secret)),
            User::Hashed(_) => None,
        });
        let verified = match verified {
            Ok(v) if known => v,
            Err(DigestRejection::Malformed(_)) => {
                return Err(Rejection::status_only(StatusCode::BAD_REQUEST))
            }
            _ => return Err(self.unauthorized(Errors::NONE)),
        };
        let user = user.unwrap_or_default();
        let mut info = String::new();
        let written = verified.write_authentication_info(None, None, &mut info);
        match d.store.observe(verified.replay_check(), now).await {
            Ok(()) => {}
            Err(StoreRefusal::Replay) => return Err(self.unauthorized(Errors::NONE)),
            Err(_) => return Err(Rejection::status_only(StatusCode::SERVICE_UNAVAILABLE)),
        }
        let info = written
            .ok()
            .and_then(|_| HeaderValue::from_str(&info).ok())
            .ok_or_else(Rejection::internal)?;
        Ok((user, info))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(key: u8, nc: u32, expires: u64) -> ReplayCheck {
        ReplayCheck::new(ReplayKey::new(b"r", &[key], b"n", b"c"), nc, expires)
    }

    // Fail closed: a full store of live entries refuses; expired ones make room.
    #[test]
    fn memory_store_is_bounded_and_fails_closed() {
        let s = MemoryReplayStore::new(2);
        assert!(s.observe_now(check(1, 1, 200), 100).is_ok());
        assert!(matches!(
            s.observe_now(check(1, 1, 200), 100),
            Err(StoreRefusal::Replay)
        ));
        assert!(s.observe_now(check(1, 2, 200), 100).is_ok());
        assert!(s.observe_now(check(2, 1, 150), 100).is_ok());
        assert!(matches!(
            s.observe_now(check(3, 1, 200), 120),
            Err(StoreRefusal::Full)
        ));
        assert_eq!(s.len(), 2);
        // At 160 the second entry has expired and makes room.
        assert!(s.observe_now(check(3, 1, 300), 160).is_ok());
        assert!(
            matches!(
                s.observe_now(check(1, 2, 300), 160),
                Err(StoreRefusal::Replay)
            ),
            "still remembered"
        );
    }
}
