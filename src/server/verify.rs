//! Basic verification without timing leaks (feature `basic-verify`):
//! decode, check UTF-8 when the challenge said `charset="UTF-8"`, and
//! compare the user-id and the password together in constant time.

use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

use super::{BasicServer, Outcome};
use crate::error::ErrorKind;
use crate::schemes::basic::{BasicCredentials, UserPass};

/// A static list of Basic accounts, `(user-id, password)`, for
/// [`BasicServer::verify_static`]. `Debug` shows the user-ids only.
#[derive(Clone, Copy)]
pub struct BasicUsers<'u> {
    users: &'u [(&'u str, &'u str)],
}

impl<'u> BasicUsers<'u> {
    /// The accounts, each `(user-id, password)`.
    pub const fn new(users: &'u [(&'u str, &'u str)]) -> Self {
        BasicUsers { users }
    }

    /// How many accounts there are.
    pub const fn len(&self) -> usize {
        self.users.len()
    }

    /// Whether there are none.
    pub const fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    /// The user-id of the account whose user-id **and** password are
    /// `user_id` and `password`: every account is compared, each in
    /// constant time (`subtle`), so the time taken depends only on the
    /// number of accounts and the lengths of `user_id` and `password`.
    ///
    /// ```
    /// use auth_headers::server::BasicUsers;
    /// let users = BasicUsers::new(&[("alice", "wonderland")]);
    /// assert_eq!(users.find(b"alice", b"wonderland"), Some("alice"));
    /// assert_eq!(users.find(b"alice", b"wonder"), None);
    /// ```
    pub fn find(&self, user_id: &[u8], password: &[u8]) -> Option<&'u str> {
        let mut found = Choice::from(0);
        let mut index = 0u64;
        for (i, (user, pass)) in self.users.iter().enumerate() {
            let hit = ct_choice(user_id, user.as_bytes()) & ct_choice(password, pass.as_bytes());
            index.conditional_assign(&(i as u64), hit);
            found |= hit;
        }
        bool::from(found).then(|| self.users[index as usize].0)
    }
}

/// Whether `given` equals `expected`, in constant time: the time depends on
/// the length of `given` (the client's) only. For a caller's own
/// comparisons of a decoded Basic password (or any secret) with the stored
/// one.
///
/// ```
/// assert!(auth_headers::server::secret_eq(b"wonderland", b"wonderland"));
/// assert!(!auth_headers::server::secret_eq(b"wonder", b"wonderland"));
/// ```
pub fn secret_eq(given: &[u8], expected: &[u8]) -> bool {
    bool::from(ct_choice(given, expected))
}

impl core::fmt::Debug for BasicUsers<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list()
            .entries(self.users.iter().map(|(u, _)| u))
            .finish()
    }
}

/// Whether `given` equals `expected`, in time that depends on the length of
/// `given` only (which the client chose). The lengths are compared with
/// `subtle`'s constant-time equality, whose `Choice` the compiler cannot
/// see through; that choice then picks, by index and not by branch, what
/// `given` is compared with: `expected` when the lengths are equal, and
/// `given` itself otherwise. Either way the same loop runs over every
/// byte of `given`, gathering the differences with `|` (no early exit, so
/// the compiler is free to do it many bytes at a time: 32 on x86-64), and
/// the gathered difference is compared with `subtle` at the end.
///
/// Measured with callgrind in the `auth-headers-tower` bench (its
/// `LAYER_COUNT` mode), for a 26-byte token: a `subtle` comparison per
/// byte cost about 35 instructions a byte; a byte loop that cycled through
/// `expected`, 313 in all; this one, about 120.
fn ct_choice(given: &[u8], expected: &[u8]) -> Choice {
    let len_eq = (given.len() as u64).ct_eq(&(expected.len() as u64));
    let against = [given, expected][usize::from(len_eq.unwrap_u8() & 1)];
    let diff = given
        .iter()
        .zip(against)
        .fold(0u8, |diff, (g, e)| diff | (g ^ e));
    len_eq & diff.ct_eq(&0)
}

/// Wipes the decoded `user-pass` (with the `zeroize` crate, which
/// `basic-verify` turns on).
fn wipe(buf: &mut [u8]) {
    zeroize::Zeroize::zeroize(buf);
}

impl BasicServer<'_> {
    /// Decodes `creds` into `scratch` (which needs
    /// [`BasicCredentials::max_decoded_len`] bytes), `user-id ":" password`
    /// from its first byte on, as [`BasicCredentials::decode_into`] writes
    /// it, and, when the challenge
    /// says `charset="UTF-8"` ([`BasicServer::utf8`]), checks that the
    /// user-id and password are UTF-8 (RFC 7617 §2.1).
    ///
    /// Errors: [`Outcome::Malformed`] for bad base64, no `:`, a control
    /// byte (RFC 7617 §2), bytes that are not UTF-8 when UTF-8 was
    /// announced, or a `scratch` too small. [`BasicServer::reply`] answers
    /// all of them with 401 and the challenge.
    pub fn decode<'b>(
        &self,
        creds: &BasicCredentials<'_>,
        scratch: &'b mut [u8],
    ) -> Result<UserPass<'b>, Outcome<'static>> {
        let up = creds.decode_into(scratch).map_err(|e| Outcome::Malformed {
            description: Some(match e.kind() {
                ErrorKind::BufferTooSmall => "Basic credentials longer than this server accepts",
                ErrorKind::InvalidBase64(_) => "Basic credentials are not base64",
                ErrorKind::MissingColon => "Basic credentials have no ':' after the user-id",
                ErrorKind::ControlChar(_) => "a control character in the user-id or password",
                _ => "malformed Basic credentials",
            }),
        })?;
        if self.utf8 && up.to_utf8().is_err() {
            return Err(Outcome::Malformed {
                description: Some("user-id or password not UTF-8, as charset=UTF-8 asked"),
            });
        }
        Ok(up)
    }

    /// Verifies `creds` against a static list of accounts and returns the
    /// user-id that matched.
    ///
    /// Decodes as [`BasicServer::decode`] does (into `scratch`, wiped
    /// before returning), then compares the user-id **and** the password
    /// of **every** account, in constant time (`subtle`): the time taken
    /// depends on the number of accounts and on the length of what the
    /// client sent, not on which account matched, how much of a user-id or
    /// password was right, or whether the user exists. Wrong credentials
    /// are [`Outcome::InvalidCredentials`].
    ///
    /// ```
    /// use auth_headers::schemes::basic::parse_credentials;
    /// use auth_headers::server::{BasicServer, BasicUsers, Outcome};
    /// let server = BasicServer::new("authserve").utf8();
    /// let users = BasicUsers::new(&[("alice", "wonderland"), ("jürgen", "pässwörd€")]);
    /// let mut scratch = [0u8; 256];
    /// // "jürgen:pässwörd€" in UTF-8 (RFC 7617 §2.1)
    /// let creds = parse_credentials("Basic asO8cmdlbjpww6Rzc3fDtnJk4oKs").unwrap();
    /// assert_eq!(server.verify_static(&creds, &users, &mut scratch), Ok("jürgen"));
    /// let wrong = parse_credentials("Basic YWxpY2U6d29uZGVy").unwrap(); // alice:wonder
    /// assert_eq!(
    ///     server.verify_static(&wrong, &users, &mut scratch),
    ///     Err(Outcome::InvalidCredentials { description: None })
    /// );
    /// ```
    pub fn verify_static<'u>(
        &self,
        creds: &BasicCredentials<'_>,
        users: &BasicUsers<'u>,
        scratch: &mut [u8],
    ) -> Result<&'u str, Outcome<'static>> {
        let found = self
            .decode(creds, scratch)
            .map(|up| users.find(up.user_id(), up.password()));
        wipe(scratch);
        found?.ok_or(Outcome::InvalidCredentials { description: None })
    }

    /// Verifies `creds` with the caller's check, for accounts kept as
    /// password hashes: decodes as [`BasicServer::decode`] does, hands the
    /// user-id and password to `check`, and wipes `scratch` afterwards.
    /// `check` returns the identity, or `None` for wrong credentials
    /// ([`Outcome::InvalidCredentials`]).
    ///
    /// `check` is where timing is the caller's: verify with the password
    /// hash's own verification (argon2, bcrypt, scrypt and PBKDF2
    /// implementations compare in constant time), and for an unknown user
    /// verify against a fixed dummy hash, so that an unknown user takes as
    /// long as a wrong password.
    ///
    /// ```
    /// use auth_headers::schemes::basic::parse_credentials;
    /// use auth_headers::server::BasicServer;
    /// let server = BasicServer::new("intranet");
    /// let creds = parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap(); // RFC 7617 §2
    /// let mut scratch = [0u8; 64];
    /// let id = server.verify_with(&creds, &mut scratch, |user, password| {
    ///     // Look the user up and verify the password against its hash here.
    ///     (user == b"Aladdin" && password == b"open sesame").then_some(7)
    /// });
    /// assert_eq!(id, Ok(7));
    /// assert_eq!(scratch, [0u8; 64]);
    /// ```
    pub fn verify_with<R, F>(
        &self,
        creds: &BasicCredentials<'_>,
        scratch: &mut [u8],
        check: F,
    ) -> Result<R, Outcome<'static>>
    where
        F: FnOnce(&[u8], &[u8]) -> Option<R>,
    {
        let got = self
            .decode(creds, scratch)
            .map(|up| check(up.user_id(), up.password()));
        wipe(scratch);
        got?.ok_or(Outcome::InvalidCredentials { description: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_eq_needs_equal_length_and_bytes() {
        for (a, b, eq) in [
            (&b""[..], &b""[..], true),
            (b"abc", b"abc", true),
            (b"abc", b"abd", false),
            (b"abc", b"abcabc", false),
            (b"abcabc", b"abc", false),
            (b"", b"a", false),
            (b"a", b"", false),
            (b"\0", b"", false),
            (b"", b"\0", false),
            // The last byte differs; a difference in the first byte only.
            (
                b"abcdefghijklmnopqrstuvwxyz",
                b"abcdefghijklmnopqrstuvwxyZ",
                false,
            ),
            (
                b"Abcdefghijklmnopqrstuvwxyz",
                b"abcdefghijklmnopqrstuvwxyz",
                false,
            ),
            // One bit, in each byte position.
            (b"\x80\0\0", b"\0\0\0", false),
            (b"\0\0\x01", b"\0\0\0", false),
        ] {
            assert_eq!(bool::from(ct_choice(a, b)), eq, "{a:?} {b:?}");
        }
    }

    // Long enough for every width the compiler gives the loop (32 bytes
    // at a time, then 4, then 1): one bit flipped at each position of each
    // length up to 70 is found, equal strings are equal, and a string with
    // one byte more or less (the same prefix) is not.
    #[test]
    fn secret_eq_finds_one_bit_anywhere() {
        let mut base = [0u8; 71];
        for (i, b) in base.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(37) ^ 0x5a;
        }
        for n in 0..=70 {
            let a = &base[..n];
            assert!(secret_eq(a, &base[..n]), "{n}");
            assert!(!secret_eq(a, &base[..n + 1]), "{n} vs {}", n + 1);
            if n > 0 {
                assert!(!secret_eq(a, &base[..n - 1]), "{n} vs {}", n - 1);
            }
            for at in 0..n {
                for bit in [0x01, 0x80] {
                    let mut b = base;
                    b[at] ^= bit;
                    assert!(!secret_eq(a, &b[..n]), "{n} {at} {bit:#x}");
                    assert!(!secret_eq(&b[..n], a), "{n} {at} {bit:#x}");
                }
            }
        }
    }

    // Every pair of strings of up to 3 bytes from a few values (lengths
    // that differ included) agrees with `==`.
    #[test]
    fn secret_eq_agrees_with_eq() {
        const BYTES: [u8; 5] = [0, 1, 0x7f, 0x80, 0xff];
        // String number k: its length, then its bytes in base 5.
        fn nth(mut k: usize) -> ([u8; 3], usize) {
            let mut buf = [0u8; 3];
            let mut len = 0;
            let mut count = 1;
            while k >= count {
                k -= count;
                len += 1;
                count *= BYTES.len();
            }
            for b in buf.iter_mut().take(len) {
                *b = BYTES[k % BYTES.len()];
                k /= BYTES.len();
            }
            (buf, len)
        }
        for i in 0..156 {
            let (a, n) = nth(i);
            for j in 0..156 {
                let (b, m) = nth(j);
                let (a, b) = (&a[..n], &b[..m]);
                assert_eq!(secret_eq(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }
}
