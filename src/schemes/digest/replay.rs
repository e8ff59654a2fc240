//! A bounded replay guard over caller-provided storage (no `alloc`): it
//! remembers the highest `nc` seen for each (realm, user, `nonce`,
//! `cnonce`) and refuses a request whose count is not higher (RFC 7616
//! §3.3: "the server can ... detect request replays by maintaining its own
//! copy of this count").
//!
//! Two parts, kept apart so that the storage can change without the rule:
//! a [`ReplayCheck`] (what one verified request asks: its [`ReplayKey`], its
//! count, and when its nonce expires) decides with
//! [`ReplayCheck::decide`] against whatever a store remembers for the key;
//! [`ReplayGuard`] is the bounded store over the caller's slice of
//! [`ReplaySlot`]s.

use core::fmt;

use sha2::{Digest, Sha256};

use crate::quoted::ParamValue;

/// The fingerprint a [`ReplayGuard`] keys its entries by: 128 bits of
/// SHA-256 over the realm, the user as the server resolved it, the `nonce`
/// and the `cnonce` (each length-prefixed, so no two tuples collide by
/// concatenation). Including the user means that a user who copies another
/// user's `nonce` and `cnonce` from the wire gets an entry of their own and
/// cannot raise the other's count (issue 16, finding 2).
///
/// [`Verified::replay_check`](super::Verified::replay_check) makes it from
/// the account's H(A1), which the lookup's [`Secret`](super::Secret) fixes
/// whichever spelling named the user (`username="alice"`,
/// `username="al\ice"`, `username*=UTF-8''alice`, or `userhash=true`): every
/// spelling that verifies with the same `response` gets the same key.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ReplayKey([u8; 16]);

impl fmt::Debug for ReplayKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReplayKey(")?;
        for b in &self.0[..4] {
            write!(f, "{b:02x}")?;
        }
        f.write_str("..)")
    }
}

impl ReplayKey {
    /// The key of (`realm`, `user`, `nonce`, `cnonce`), for a server that
    /// checks replays of requests it verified itself. `user` must name the
    /// account as the server resolved it (the same bytes however the client
    /// spelled the name), not the raw `username` parameter.
    pub fn new(realm: &[u8], user: &[u8], nonce: &[u8], cnonce: &[u8]) -> ReplayKey {
        Self::from_values(
            realm,
            user,
            ParamValue::token(nonce),
            ParamValue::token(cnonce),
        )
    }

    /// [`ReplayKey::new`] on parsed values, fingerprinted by their
    /// unescaped bytes: `"a\bc"` and `"abc"` are the same cnonce.
    pub(crate) fn from_values(
        realm: &[u8],
        user: &[u8],
        nonce: ParamValue<'_>,
        cnonce: ParamValue<'_>,
    ) -> ReplayKey {
        let mut h = Sha256::new();
        h.update(b"auth-headers digest replay v2\0");
        h.update((realm.len() as u64).to_be_bytes());
        h.update(realm);
        h.update((user.len() as u64).to_be_bytes());
        h.update(user);
        h.update((nonce.bytes().count() as u64).to_be_bytes());
        feed(&mut h, nonce);
        feed(&mut h, cnonce);
        let digest = h.finalize();
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        ReplayKey(key)
    }

    /// The 16 bytes (to key an external store).
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

/// Why a [`ReplayGuard`] refused a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplayRefusal {
    /// The same key was already seen with a count as high or higher.
    Replay,
    /// Every slot holds an entry whose nonce is still live: nothing can be
    /// forgotten without re-opening a replay, so the request is refused
    /// (fail closed). Answer 401 with a fresh challenge, and give the guard
    /// more slots (see [`ReplayGuard`] for the sizing rule).
    Full,
}

impl fmt::Display for ReplayRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReplayRefusal::Replay => "replayed nonce count",
            ReplayRefusal::Full => {
                "replay guard full of live nonces: refused rather than forget one (give it more slots)"
            }
        })
    }
}

/// What one verified request asks of a replay store: its key, its nonce
/// count, and the time (caller's seconds) after which its nonce is no
/// longer accepted, so that the entry may be forgotten.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplayCheck {
    key: ReplayKey,
    nc: u32,
    expires_at: u64,
}

impl ReplayCheck {
    /// A check of `key` with count `nc`, for a nonce no longer accepted
    /// after `expires_at`.
    pub const fn new(key: ReplayKey, nc: u32, expires_at: u64) -> Self {
        ReplayCheck {
            key,
            nc,
            expires_at,
        }
    }

    /// The key.
    pub const fn key(&self) -> ReplayKey {
        self.key
    }

    /// The nonce count.
    pub const fn nc(&self) -> u32 {
        self.nc
    }

    /// When the entry may be forgotten: after this second its nonce is
    /// refused as stale, so a replay of it cannot get through anyway.
    pub const fn expires_at(&self) -> u64 {
        self.expires_at
    }

    /// The rule, whatever the storage: given the highest count a store
    /// remembers for this key (`None`: never seen), `Ok` when the request
    /// is new (the store then remembers [`ReplayCheck::nc`] until
    /// [`ReplayCheck::expires_at`]), [`ReplayRefusal::Replay`] when the
    /// count is not higher.
    pub const fn decide(&self, seen: Option<u32>) -> Result<(), ReplayRefusal> {
        match seen {
            Some(nc) if self.nc <= nc => Err(ReplayRefusal::Replay),
            _ => Ok(()),
        }
    }
}

/// One entry of a [`ReplayGuard`]: a [`ReplayKey`], the highest `nc` seen
/// with it, and when its nonce expires. `Default` is an empty slot; make
/// the storage with `[ReplaySlot::default(); N]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReplaySlot {
    key: ReplayKey,
    nc: u32,
    expires_at: u64,
    used: bool,
}

impl ReplaySlot {
    /// Whether the slot can take a new entry at `now`: empty, or holding an
    /// entry whose nonce has expired.
    const fn is_free(&self, now: u64) -> bool {
        !self.used || self.expires_at < now
    }
}

/// The replay guard: a fixed table in the caller's storage, searched
/// linearly (a few hundred slots cost microseconds).
///
/// It fails closed: an entry is forgotten only once its nonce has expired
/// (when the nonce check refuses a replay of it anyway), never to make room
/// for a new one. When every slot holds a live entry, a new request is
/// refused with [`ReplayRefusal::Full`] (a denial of service, never an
/// accepted replay).
///
/// **Sizing**: give it at least as many slots as distinct (user, `nonce`,
/// `cnonce`) triples that verified requests can bring within one nonce
/// lifetime ([`DigestServer::nonce_lifetime`](super::DigestServer::nonce_lifetime),
/// 300 seconds by default), plus the entries not yet past their expiry:
/// roughly the peak rate of new `cnonce`s per second times twice the
/// lifetime. Clients that keep one `cnonce` per nonce (most browsers) make
/// one entry per nonce; curl makes one per request. Only requests that
/// passed verification reach the guard, so an attacker without a password
/// cannot fill it; a user with one can, at the rate the server lets them
/// make requests.
///
/// ```
/// use auth_headers::schemes::digest::{ReplayCheck, ReplayGuard, ReplayKey, ReplayRefusal, ReplaySlot};
/// let mut slots = [ReplaySlot::default(); 1];
/// let mut guard = ReplayGuard::new(&mut slots);
/// let alice = ReplayKey::new(b"realm", b"alice", b"nonce", b"cnonce");
/// let mallory = ReplayKey::new(b"realm", b"mallory", b"nonce", b"cnonce");
/// let now = 1_000;
/// assert_eq!(guard.check(&ReplayCheck::new(alice, 1, now + 300), now), Ok(()));
/// assert_eq!(guard.check(&ReplayCheck::new(alice, 2, now + 300), now), Ok(()));
/// assert_eq!(guard.check(&ReplayCheck::new(alice, 2, now + 300), now), Err(ReplayRefusal::Replay));
/// // Full of a live entry: refused, not forgotten.
/// assert_eq!(guard.check(&ReplayCheck::new(mallory, 9, now + 300), now), Err(ReplayRefusal::Full));
/// // Once Alice's nonce has expired, its slot is reused.
/// assert_eq!(guard.check(&ReplayCheck::new(mallory, 9, now + 600), now + 301), Ok(()));
/// ```
#[derive(Debug)]
pub struct ReplayGuard<'s> {
    slots: &'s mut [ReplaySlot],
}

impl<'s> ReplayGuard<'s> {
    /// A guard keeping its entries in `slots` (all empty at first, or kept
    /// from an earlier guard over the same slice).
    pub fn new(slots: &'s mut [ReplaySlot]) -> Self {
        ReplayGuard { slots }
    }

    /// Checks `check` at `now` (the caller's clock in seconds, the same as
    /// for the nonce check) and records it when it is new: `Ok` for a new
    /// request, [`ReplayRefusal::Replay`] for a count not higher than the
    /// last one seen with the key, [`ReplayRefusal::Full`] when every slot
    /// holds a live entry. With no storage at all, every request is refused.
    pub fn check(&mut self, check: &ReplayCheck, now: u64) -> Result<(), ReplayRefusal> {
        let key = check.key;
        if let Some(s) = self
            .slots
            .iter_mut()
            .find(|s| s.used && s.key == key && s.expires_at >= now)
        {
            check.decide(Some(s.nc))?;
            s.nc = check.nc;
            s.expires_at = s.expires_at.max(check.expires_at);
            return Ok(());
        }
        check.decide(None)?;
        let slot = self
            .slots
            .iter_mut()
            .find(|s| s.is_free(now))
            .ok_or(ReplayRefusal::Full)?;
        *slot = ReplaySlot {
            key,
            nc: check.nc,
            expires_at: check.expires_at,
            used: true,
        };
        Ok(())
    }

    /// How many slots there are.
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// How many slots hold an entry still live at `now`.
    pub fn live(&self, now: u64) -> usize {
        self.slots.iter().filter(|s| !s.is_free(now)).count()
    }
}

fn feed(h: &mut Sha256, v: ParamValue<'_>) {
    if !v.has_escapes() {
        return h.update(v.raw());
    }
    for b in v.bytes() {
        h.update([b]);
    }
}
