//! A bounded replay guard over caller-provided storage (no `alloc`): it
//! remembers the highest `nc` seen for each (`nonce`, `cnonce`) pair and
//! refuses a request whose count is not higher (RFC 7616 §3.3: "the server
//! can ... detect request replays by maintaining its own copy of this
//! count").

use sha2::{Digest, Sha256};

use crate::quoted::ParamValue;

/// One entry of a [`ReplayGuard`]: a 128-bit fingerprint of a (`nonce`,
/// `cnonce`) pair and the highest `nc` seen with it. `Default` is an
/// empty slot; make the storage with `[ReplaySlot::default(); N]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReplaySlot {
    key: [u8; 16],
    nc: u32,
    used_at: u64,
    used: bool,
}

/// The replay guard: a fixed table in the caller's storage, searched
/// linearly (size it for the requests of one nonce lifetime; a few hundred
/// slots cost microseconds).
///
/// When every slot is taken, the least recently used one is reused. A pair
/// evicted that way is forgotten: a replay of it would be accepted again
/// within the nonce's lifetime, so the table must hold at least as many
/// pairs as clients send within one lifetime. Nonce expiry
/// ([`DigestServer::nonce_lifetime`](super::DigestServer::nonce_lifetime))
/// bounds what needs remembering.
///
/// ```
/// use auth_headers::schemes::digest::{ReplayGuard, ReplaySlot};
/// let mut slots = [ReplaySlot::default(); 64];
/// let mut guard = ReplayGuard::new(&mut slots);
/// assert!(guard.observe(b"nonce", b"cnonce", 1));
/// assert!(guard.observe(b"nonce", b"cnonce", 2));
/// assert!(!guard.observe(b"nonce", b"cnonce", 2)); // replayed
/// assert!(guard.observe(b"nonce", b"other", 1));   // another client instance
/// ```
#[derive(Debug)]
pub struct ReplayGuard<'s> {
    slots: &'s mut [ReplaySlot],
    tick: u64,
}

impl<'s> ReplayGuard<'s> {
    /// A guard keeping its entries in `slots` (all empty at first, or kept
    /// from an earlier guard over the same slice).
    pub fn new(slots: &'s mut [ReplaySlot]) -> Self {
        let tick = slots.iter().map(|s| s.used_at).max().unwrap_or(0);
        ReplayGuard { slots, tick }
    }

    /// Records a use of `nonce` with `cnonce` and count `nc`; `false` when
    /// that pair was already seen with a count as high or higher (a replay).
    /// With no storage at all, every request is refused.
    pub fn observe(&mut self, nonce: &[u8], cnonce: &[u8], nc: u32) -> bool {
        self.observe_values(ParamValue::token(nonce), ParamValue::token(cnonce), nc)
    }

    /// [`ReplayGuard::observe`] on parsed values, fingerprinted by their
    /// unescaped bytes: `"a\bc"` and `"abc"` are the same cnonce.
    pub(crate) fn observe_values(
        &mut self,
        nonce: ParamValue<'_>,
        cnonce: ParamValue<'_>,
        nc: u32,
    ) -> bool {
        let mut h = Sha256::new();
        h.update((nonce.len() as u64).to_be_bytes());
        feed(&mut h, nonce);
        feed(&mut h, cnonce);
        let digest = h.finalize();
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        self.tick += 1;
        if let Some(s) = self.slots.iter_mut().find(|s| s.used && s.key == key) {
            if nc <= s.nc {
                return false;
            }
            s.nc = nc;
            s.used_at = self.tick;
            return true;
        }
        let Some(slot) = self.slots.iter_mut().min_by_key(|s| (s.used, s.used_at)) else {
            return false;
        };
        *slot = ReplaySlot {
            key,
            nc,
            used_at: self.tick,
            used: true,
        };
        true
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
