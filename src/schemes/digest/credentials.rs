//! The typed view of `Digest` credentials (RFC 7616 §3.4).
//!
//! ```text
//! credentials      = "Digest" digest-response
//! digest-response  = 1#( username / realm / nonce / digest-uri / response
//!                      / algorithm / cnonce / opaque / message-qop
//!                      / nonce-count / auth-param / userhash )
//! username         = "username" "=" quoted-string
//! username*        = "username*" "=" ext-value          ; RFC 8187
//! digest-uri       = "uri" "=" quoted-string
//! response         = "response" "=" DQUOTE 32LHEX / 64LHEX DQUOTE  ; per algorithm
//! message-qop      = "qop" "=" qop-value
//! nonce-count      = "nc" "=" 8LHEX
//! userhash         = "userhash" "=" ( "true" / "false" )
//! ```

use core::fmt;

use super::algorithm::{Algorithm, AlgorithmValue};
use super::challenge::{flag, Qop, QopValue, USERHASH_NOT_BOOLEAN};
use crate::credentials::Credentials;
use crate::error::{Error, ErrorKind};
use crate::ext_value::ExtValue;
use crate::params::Param;
use crate::quoted::ParamValue;
use crate::schemes::value_offset;

/// Why a username with a control character is refused (issue 16, finding 4).
pub(crate) const CONTROL_IN_NAME: &str = "the username holds a control character (such as CR or LF) once unescaped or decoded; a username is printable text, so send it without";

/// The `response` parameter of [`DigestCredentials`]: the proof of the
/// password for one request. Its `Debug` shows only its length, since a
/// logged response lets anyone run a dictionary attack on the password
/// offline.
///
/// ```
/// use auth_headers::schemes::digest::DigestCredentials;
/// let d = DigestCredentials::parse(r#"Digest response="6629fae49393a05397450978507c4ef1""#).unwrap();
/// let r = d.response().unwrap();
/// assert_eq!(r.raw(), b"6629fae49393a05397450978507c4ef1");
/// assert_eq!(format!("{r:?}"), "DigestResponse(<32 bytes>)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DigestResponse<'a>(ParamValue<'a>);

impl<'a> DigestResponse<'a> {
    /// The value as written (inside the quotes).
    pub const fn raw(&self) -> &'a [u8] {
        self.0.raw()
    }

    /// The parameter value.
    pub const fn value(&self) -> ParamValue<'a> {
        self.0
    }
}

impl fmt::Debug for DigestResponse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DigestResponse(<{} bytes>)", self.0.raw().len())
    }
}

/// `Digest` credentials, read through their parameters. Built from parsed
/// [`Credentials`] with [`DigestCredentials::new`]; nothing is copied.
/// `Debug` shows no value (see [`Credentials`]).
///
/// ```
/// use auth_headers::parse_credentials;
/// use auth_headers::schemes::digest::{DigestCredentials, Qop};
/// // RFC 2617 §3.5
/// let c = parse_credentials(r#"Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41""#).unwrap();
/// let d = DigestCredentials::new(c).unwrap();
/// d.validate().unwrap();
/// assert_eq!(d.nc().unwrap(), Some(1));
/// assert_eq!(d.qop().unwrap(), Some(Qop::Auth));
/// assert!(d.username().unwrap().eq_str("Mufasa"));
/// ```
///
/// No `PartialEq` or `Hash`: these are credentials, and `==` would compare
/// them in variable time. A server checks them with `DigestServer`
/// (feature `digest`), which compares `response` in constant time.
#[derive(Clone, Copy, Debug)]
pub struct DigestCredentials<'a> {
    inner: Credentials<'a>,
}

impl<'a> DigestCredentials<'a> {
    /// The view of `credentials`, if their scheme is `Digest` (any case).
    pub fn new(credentials: Credentials<'a>) -> Option<Self> {
        credentials
            .is_scheme(super::SCHEME)
            .then_some(DigestCredentials { inner: credentials })
    }

    /// Parses an `Authorization` value and takes its Digest view; the
    /// credentials of another scheme are [`ErrorKind::WrongScheme`] at 0.
    pub fn parse<V: AsRef<[u8]> + ?Sized>(value: &'a V) -> Result<Self, Error> {
        let c = crate::credentials::parse_credentials(value)?;
        Self::new(c).ok_or(Error::new(0, ErrorKind::WrongScheme))
    }

    /// The generic credentials underneath.
    pub const fn credentials(&self) -> Credentials<'a> {
        self.inner
    }

    /// `username`: the name, or with `userhash=true` its hash.
    pub fn username(&self) -> Option<ParamValue<'a>> {
        self.inner.param("username")
    }

    /// `username*` as written (an RFC 8187 ext-value such as
    /// `UTF-8''J%C3%A4s%C3%B8n%20Doe`); decode it with
    /// [`DigestCredentials::decode_username_star`].
    pub fn username_star(&self) -> Option<ParamValue<'a>> {
        self.inner.param("username*")
    }

    /// Decodes `username*` into `buf` (UTF-8 and ISO-8859-1 ext-values,
    /// through [`ExtValue`]).
    /// `None` when the parameter is absent.
    ///
    /// A name that decodes to a control character (`%0D%0A`, `%00`, `%7F`,
    /// or a C1 control such as `%C2%85`) is refused with
    /// [`ErrorKind::InvalidValue`]: the decoded name
    /// goes to the caller's user lookup and maybe a log, where a CR LF
    /// could inject a line.
    ///
    /// ```
    /// use auth_headers::schemes::digest::DigestCredentials;
    /// let d = DigestCredentials::parse("Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe").unwrap();
    /// let mut buf = [0u8; 64];
    /// assert_eq!(d.decode_username_star(&mut buf).unwrap().unwrap(), "Jäsøn Doe");
    /// ```
    pub fn decode_username_star<'b>(&self, buf: &'b mut [u8]) -> Option<Result<&'b str, Error>> {
        let p = self.param("username*")?;
        let at = value_offset(&p);
        let decoded = ExtValue::parse(p.value())
            .and_then(|v| v.decode_into(buf))
            .map_err(|e| Error::new(at + e.offset(), e.kind()));
        Some(decoded.and_then(|s| {
            if s.chars().any(char::is_control) {
                Err(Error::new(at, ErrorKind::InvalidValue(CONTROL_IN_NAME)))
            } else {
                Ok(s)
            }
        }))
    }

    /// `realm`.
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.inner.param("realm")
    }

    /// `nonce`, echoed from the challenge.
    pub fn nonce(&self) -> Option<ParamValue<'a>> {
        self.inner.param("nonce")
    }

    /// `uri`: the request-target the response was computed over.
    pub fn uri(&self) -> Option<ParamValue<'a>> {
        self.inner.param("uri")
    }

    /// `response`: the hex digest that proves knowledge of the password
    /// (its `Debug` hides it).
    pub fn response(&self) -> Option<DigestResponse<'a>> {
        self.inner.param("response").map(DigestResponse)
    }

    /// `algorithm`; absent means `MD5`.
    pub fn algorithm(&self) -> AlgorithmValue<'a> {
        match self.inner.param("algorithm") {
            Some(v) => AlgorithmValue::from_value(v),
            None => AlgorithmValue::Known(Algorithm::Md5),
        }
    }

    /// `cnonce`: the client's nonce.
    pub fn cnonce(&self) -> Option<ParamValue<'a>> {
        self.inner.param("cnonce")
    }

    /// `opaque`, echoed from the challenge.
    pub fn opaque(&self) -> Option<ParamValue<'a>> {
        self.inner.param("opaque")
    }

    /// `qop`: one value; `None` when absent (the RFC 2069 form).
    pub fn qop(&self) -> Result<Option<Qop>, Error> {
        let Some(p) = self.param("qop") else {
            return Ok(None);
        };
        match super::challenge::QopIter::new(Some(p.value())).next() {
            Some(QopValue::Known(q)) if !p.value().raw().contains(&b',') => Ok(Some(q)),
            _ => Err(Error::new(
                value_offset(&p),
                ErrorKind::InvalidValue("`qop` must be `auth` or `auth-int` (RFC 7616 §3.4)"),
            )),
        }
    }

    /// `nc`, the nonce count: exactly 8 hex digits, read as a number.
    pub fn nc(&self) -> Result<Option<u32>, Error> {
        let Some(p) = self.param("nc") else {
            return Ok(None);
        };
        let raw = p.value().raw();
        if raw.len() != 8 || !raw.iter().all(u8::is_ascii_hexdigit) {
            return Err(Error::new(
                value_offset(&p),
                ErrorKind::InvalidValue(
                    "`nc` must be exactly 8 hex digits, as in `nc=00000001` (RFC 7616 §3.4)",
                ),
            ));
        }
        Ok(Some(raw.iter().fold(0u32, |n, &b| {
            (n << 4) | (b as char).to_digit(16).unwrap_or(0)
        })))
    }

    /// `userhash`: whether `username` is `H(username ":" realm)`.
    pub fn userhash(&self) -> Result<bool, Error> {
        flag(self.param("userhash"), USERHASH_NOT_BOOLEAN)
    }

    /// The first parameter named `name`, with its offset.
    fn param(&self, name: &str) -> Option<Param<'a>> {
        self.inner.params().iter().find(|p| p.is(name))
    }

    /// Checks what RFC 7616 §3.4 requires: parameters rather than a
    /// token68; no repeated parameter; exactly one of `username` and
    /// `username*` (and no `username*` with `userhash=true`); `realm`,
    /// `nonce`, `uri` and `response` present; `cnonce` and `nc` with `qop`
    /// (each missing one is [`ErrorKind::MissingParam`] at the scheme);
    /// `nc` of 8 hex digits, `response` in hex ([`ErrorKind::InvalidValue`]
    /// at the value).
    ///
    /// ```
    /// use auth_headers::{schemes::digest::DigestCredentials, ErrorKind};
    /// let d = DigestCredentials::parse(r#"Digest username="a", realm="r", nonce="n", uri="/", response="00", qop=auth"#).unwrap();
    /// assert_eq!(d.validate().unwrap_err().kind(), ErrorKind::MissingParam("nc"));
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        self.check_each(&mut Err)
    }

    /// The checks of [`DigestCredentials::validate`], each error handed to
    /// `report`, which stops them by returning it (`validate` passes `Err`)
    /// or goes on (the linter, which reports them all).
    pub(crate) fn check_each(
        &self,
        report: &mut dyn FnMut(Error) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut keep = |r: Result<(), Error>| r.or_else(&mut *report);
        if let Some(t) = self.inner.token68() {
            let at = crate::span::offset_of(self.inner.scheme().as_bytes(), t.as_bytes());
            keep(Err(Error::new(at, ErrorKind::ExpectedParams)))?;
        }
        keep(self.inner.params().check_unique())?;
        let missing = |name| Err(Error::new(0, ErrorKind::MissingParam(name)));
        match (self.param("username"), self.param("username*")) {
            (Some(_), Some(s)) => keep(Err(Error::new(
                s.offset(),
                ErrorKind::InvalidValue(
                    "send either `username` or `username*`, not both (RFC 7616 §3.4)",
                ),
            )))?,
            (None, None) => keep(missing("username"))?,
            (None, Some(s)) if self.userhash() == Ok(true) => keep(Err(Error::new(
                s.offset(),
                ErrorKind::InvalidValue(
                    "`username*` is not allowed with `userhash=true` (RFC 7616 §3.4.4)",
                ),
            )))?,
            _ => {}
        }
        keep(self.userhash().map(drop))?;
        for &name in super::rules::REQUIRED_IN_CREDENTIALS {
            if self.param(name).is_none() {
                keep(missing(name))?;
            }
        }
        if let Some(p) = self.param("response") {
            let r = p.value().raw();
            if r.is_empty() || !r.iter().all(u8::is_ascii_hexdigit) {
                keep(Err(Error::new(
                    value_offset(&p),
                    ErrorKind::InvalidValue("`response` must be hex digits (RFC 7616 §3.4)"),
                )))?;
            }
        }
        let nc = self.nc();
        keep(nc.map(drop))?;
        let qop = self.qop();
        keep(qop.map(drop))?;
        if let Ok(Some(_)) = qop {
            if nc == Ok(None) {
                keep(missing("nc"))?;
            }
            if self.cnonce().is_none() {
                keep(missing("cnonce"))?;
            }
        }
        Ok(())
    }
}
