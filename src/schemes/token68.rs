//! The token68 schemes `Negotiate` (RFC 4559) and `NTLM` (MS-NTHT).
//!
//! ```text
//! WWW-Authenticate: Negotiate                 ; first 401: the bare scheme
//! Authorization: Negotiate <token68>          ; RFC 4559 §4.2: base64 of the GSS-API token
//! WWW-Authenticate: Negotiate <token68>       ; RFC 4559 §4.2: the server's reply token
//! ```
//!
//! Both carry nothing but an optional token68. The generic parser already
//! tells `Negotiate abc==` (a token68) from `Basic realm=x` (parameters) and
//! reads `Negotiate, NTLM, Basic realm="x"` as three challenges.

use crate::error::Error;
use crate::schemes::{parse_token68_credentials, Token68Credentials};
use crate::{Challenge, ErrorKind};

/// The scheme name `Negotiate` (RFC 4559 §4).
pub const NEGOTIATE: &str = "Negotiate";
/// The scheme name `NTLM`.
pub const NTLM: &str = "NTLM";

/// A `Negotiate` or `NTLM` challenge: the bare scheme, or the scheme with
/// the server's token68.
///
/// ```
/// use auth_headers::schemes::token68::Token68Challenge;
/// let list = auth_headers::parse_challenges(r#"Negotiate, NTLM TlRMTVNTUAACAAAA, Basic realm="x""#).unwrap();
/// let t: Vec<_> = list.iter().filter_map(Token68Challenge::new).map(|c| c.token()).collect();
/// assert_eq!(t, [None, Some("TlRMTVNTUAACAAAA")]);
/// assert!(Token68Challenge::find(&list).unwrap().is_negotiate());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token68Challenge<'a> {
    inner: Challenge<'a>,
}

challenge_view!(Token68Challenge, "`Negotiate` or `NTLM`", |c| c
    .is_scheme(NEGOTIATE)
    || c.is_scheme(NTLM));

impl<'a> Token68Challenge<'a> {
    /// Whether this is `Negotiate` (else `NTLM`).
    pub fn is_negotiate(&self) -> bool {
        self.inner.is_scheme(NEGOTIATE)
    }

    /// The server's token, absent on the first 401.
    pub const fn token(&self) -> Option<&'a str> {
        self.inner.token68()
    }

    /// Checks that the challenge carries no parameters (these schemes carry
    /// only a token68).
    pub fn validate(&self) -> Result<(), Error> {
        match self.inner.params().iter().next() {
            Some(p) => Err(Error::new(p.offset(), ErrorKind::ExpectedToken68)),
            None => Ok(()),
        }
    }
}

/// Parses `Authorization: Negotiate <token68>` (RFC 4559 §4.2).
///
/// ```
/// let t = auth_headers::schemes::token68::parse_negotiate("Negotiate YIIBVwYGKwYBBQUCoII=").unwrap();
/// assert_eq!(t.token(), "YIIBVwYGKwYBBQUCoII=");
/// ```
pub fn parse_negotiate<V: AsRef<[u8]> + ?Sized>(
    value: &V,
) -> Result<Token68Credentials<'_>, Error> {
    parse_token68_credentials(value, NEGOTIATE)
}

/// Parses `Authorization: NTLM <token68>`.
pub fn parse_ntlm<V: AsRef<[u8]> + ?Sized>(value: &V) -> Result<Token68Credentials<'_>, Error> {
    parse_token68_credentials(value, NTLM)
}
