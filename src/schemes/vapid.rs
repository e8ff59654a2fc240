//! The `vapid` scheme: Voluntary Application Server Identification for Web
//! Push (RFC 8292).
//!
//! ```text
//! Authorization: vapid t=<JWT>, k=<base64url P-256 public key>   ; RFC 8292 §3
//! ```
//!
//! `t` (§3.1) is a JWS in compact form, three base64url parts joined by
//! `.`, all tchars; `k` (§3.2) is the base64url-encoded uncompressed public
//! key that signed it. Verifying the JWT is out of scope.

use crate::error::Error;
use crate::{Credentials, ErrorKind, ParamValue};

/// The scheme name, `vapid`.
pub const SCHEME: &str = "vapid";

/// `vapid` credentials (RFC 8292 §3).
///
/// `Debug` shows neither the token nor the key.
///
/// No `PartialEq` or `Hash`: these are credentials, and `==` would compare
/// them in variable time. A server checks the token's signature; any byte
/// comparison it makes is in constant time.
#[derive(Clone, Copy)]
pub struct VapidCredentials<'a> {
    t: ParamValue<'a>,
    k: ParamValue<'a>,
}

impl<'a> VapidCredentials<'a> {
    /// Reads `vapid` credentials: the scheme (ASCII case ignored), then `t`
    /// and `k`, both REQUIRED (RFC 8292 §3.1, §3.2), each once.
    pub fn from_credentials(c: &Credentials<'a>) -> Result<Self, Error> {
        if !c.is_scheme(SCHEME) {
            return Err(Error::new(0, ErrorKind::WrongScheme));
        }
        if c.token68().is_some() {
            return Err(Error::new(c.scheme().len() + 1, ErrorKind::ExpectedParams));
        }
        c.params().check_unique()?;
        let at = c.scheme().len();
        let t = c
            .param("t")
            .ok_or(Error::new(at, ErrorKind::MissingParam("t")))?;
        let k = c
            .param("k")
            .ok_or(Error::new(at, ErrorKind::MissingParam("k")))?;
        Ok(VapidCredentials { t, k })
    }

    /// `t`: the JWT (RFC 8292 §3.1).
    pub const fn t(&self) -> ParamValue<'a> {
        self.t
    }

    /// `k`: the base64url public key (RFC 8292 §3.2).
    pub const fn k(&self) -> ParamValue<'a> {
        self.k
    }

    /// The three parts of the JWT `t` (header, claims, signature), when it
    /// has that compact-JWS shape.
    pub fn jwt_parts(&self) -> Option<(&'a str, &'a str, &'a str)> {
        let s = self.t.as_str()?;
        let mut it = s.split('.');
        let parts = (it.next()?, it.next()?, it.next()?);
        it.next().is_none().then_some(parts)
    }
}

impl core::fmt::Debug for VapidCredentials<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("VapidCredentials { t: <redacted>, k: <redacted> }")
    }
}

/// Parses an `Authorization: vapid t=…, k=…` value.
///
/// ```
/// let v = auth_headers::schemes::vapid::parse_credentials("vapid t=aGVhZA.Y2xhaW1z.c2ln, k=BA1H").unwrap();
/// assert!(v.k().eq_str("BA1H"));
/// assert_eq!(v.jwt_parts(), Some(("aGVhZA", "Y2xhaW1z", "c2ln")));
/// ```
pub fn parse_credentials<V: AsRef<[u8]> + ?Sized>(
    value: &V,
) -> Result<VapidCredentials<'_>, Error> {
    VapidCredentials::from_credentials(&crate::parse_credentials(value)?)
}
