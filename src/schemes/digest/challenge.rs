//! The typed view of a `Digest` challenge (RFC 7616 §3.3).
//!
//! ```text
//! challenge  = "Digest" digest-challenge
//! digest-challenge = 1#( realm / domain / nonce / opaque / stale / algorithm
//!                      / qop-options / charset / userhash / auth-param )
//! domain     = "domain" "=" DQUOTE URI-reference *( 1*SP URI-reference ) DQUOTE
//! stale      = "stale" "=" ( "true" / "false" )
//! qop-options = "qop" "=" DQUOTE qop-value *( "," qop-value ) DQUOTE
//! qop-value  = "auth" / "auth-int" / token
//! charset    = "charset" "=" "UTF-8"
//! userhash   = "userhash" "=" ( "true" / "false" )
//! ```
//!
//! Interop quirks read here without any option, since the generic grammar
//! already allows them and the view does not care how a value was written:
//! unquoted `realm`/`nonce` (`realm=cam`), `qop=auth` unquoted,
//! `algorithm="MD5"` quoted, `stale=TRUE`, an upper-case `DIGEST` scheme.
//! Values that are not tokens and not quoted (`nonce=YWJj/ZA==`) need the
//! lenient parse options before they reach this view.

use core::fmt;

use super::algorithm::{Algorithm, AlgorithmValue};
use crate::challenge::Challenge;
use crate::error::{Error, ErrorKind};
use crate::params::Param;
use crate::quoted::ParamValue;
use crate::schemes::{find_param, require, value_offset};

/// A quality of protection (RFC 7616 §3.3 `qop-value`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Qop {
    /// `auth`: authentication of the method and request-target.
    Auth,
    /// `auth-int`: also the request body's hash.
    AuthInt,
}

impl Qop {
    /// The name as written in headers.
    pub const fn name(self) -> &'static str {
        match self {
            Qop::Auth => "auth",
            Qop::AuthInt => "auth-int",
        }
    }

    /// The qop named `name`, ASCII case ignored.
    pub fn from_name(name: &[u8]) -> Option<Qop> {
        if name.eq_ignore_ascii_case(b"auth") {
            Some(Qop::Auth)
        } else if name.eq_ignore_ascii_case(b"auth-int") {
            Some(Qop::AuthInt)
        } else {
            None
        }
    }
}

impl fmt::Display for Qop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One entry of a `qop` list: a known qop, or another token kept as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QopValue<'a> {
    /// `auth` or `auth-int`.
    Known(Qop),
    /// Any other entry.
    Unknown(&'a [u8]),
}

/// Iterator over the entries of `qop="auth, auth-int"`, split at commas with
/// the optional whitespace around them dropped (empty entries are skipped).
#[derive(Clone, Debug)]
pub struct QopIter<'a> {
    rest: &'a [u8],
}

impl<'a> QopIter<'a> {
    pub(crate) fn new(v: Option<ParamValue<'a>>) -> Self {
        QopIter {
            rest: v.map(|v| v.raw()).unwrap_or_default(),
        }
    }
}

impl<'a> Iterator for QopIter<'a> {
    type Item = QopValue<'a>;

    fn next(&mut self) -> Option<QopValue<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let end = self
                .rest
                .iter()
                .position(|&b| b == b',')
                .unwrap_or(self.rest.len());
            let item = self.rest[..end].trim_ascii();
            self.rest = self.rest.get(end + 1..).unwrap_or_default();
            if item.is_empty() {
                continue;
            }
            return Some(match Qop::from_name(item) {
                Some(q) => QopValue::Known(q),
                None => QopValue::Unknown(item),
            });
        }
    }
}

/// Iterator over the space-separated URIs of `domain` (RFC 7616 §3.3).
#[derive(Clone, Debug)]
pub struct DomainIter<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for DomainIter<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let s = self.rest.trim_ascii_start();
        if s.is_empty() {
            self.rest = s;
            return None;
        }
        let end = s
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(s.len());
        self.rest = &s[end..];
        Some(&s[..end])
    }
}

/// A `Digest` challenge, read through its parameters. Built from a parsed
/// [`Challenge`] with [`DigestChallenge::new`] (or taken from a list with
/// [`DigestChallenge::find`]); nothing is copied.
///
/// ```
/// use auth_headers::parse_challenges;
/// use auth_headers::schemes::digest::{Algorithm, DigestChallenge, Qop, QopValue};
/// // RFC 7616 §3.9.1
/// let list = parse_challenges(r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#).unwrap();
/// let d = DigestChallenge::find(&list).unwrap();
/// d.validate().unwrap();
/// assert_eq!(d.algorithm().known(), Some(Algorithm::Sha256));
/// let qops: Vec<_> = d.qop().collect();
/// assert_eq!(qops, [QopValue::Known(Qop::Auth), QopValue::Known(Qop::AuthInt)]);
/// assert!(!d.stale().unwrap());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DigestChallenge<'a> {
    inner: Challenge<'a>,
}

challenge_view!(DigestChallenge, "`Digest`", |c| c.is_scheme(super::SCHEME));

impl<'a> DigestChallenge<'a> {
    /// `realm`: shown to the user and part of A1.
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.inner.param("realm")
    }

    /// `domain`: the URIs of the protection space, one by one.
    pub fn domain(&self) -> DomainIter<'a> {
        DomainIter {
            rest: self
                .inner
                .param("domain")
                .map(|v| v.raw())
                .unwrap_or_default(),
        }
    }

    /// `nonce`: the server's nonce.
    pub fn nonce(&self) -> Option<ParamValue<'a>> {
        self.inner.param("nonce")
    }

    /// `opaque`: returned unchanged by the client.
    pub fn opaque(&self) -> Option<ParamValue<'a>> {
        self.inner.param("opaque")
    }

    /// `stale`: `true` when the previous request's nonce had expired but its
    /// response was right, so the client should retry with the new nonce
    /// without asking the user again. Absent means `false`; case is ignored.
    /// Another value is [`ErrorKind::InvalidValue`] at the value.
    pub fn stale(&self) -> Result<bool, Error> {
        flag(find_param(&self.inner, "stale"), STALE_NOT_BOOLEAN)
    }

    /// `userhash`: whether the server accepts a hashed username (RFC 7616
    /// §3.4.4). Absent means `false`.
    pub fn userhash(&self) -> Result<bool, Error> {
        flag(find_param(&self.inner, "userhash"), USERHASH_NOT_BOOLEAN)
    }

    /// `algorithm`; absent means `MD5` (RFC 7616 §3.3).
    pub fn algorithm(&self) -> AlgorithmValue<'a> {
        match self.inner.param("algorithm") {
            Some(v) => AlgorithmValue::from_value(v),
            None => AlgorithmValue::Known(Algorithm::Md5),
        }
    }

    /// The entries of `qop`; none when the parameter is absent (the RFC 2069
    /// compatibility form, without `cnonce` and `nc`).
    pub fn qop(&self) -> QopIter<'a> {
        QopIter::new(self.inner.param("qop"))
    }

    /// Whether `qop` is present at all.
    pub fn has_qop(&self) -> bool {
        self.inner.param("qop").is_some()
    }

    /// Whether the challenge offers `qop`.
    pub fn offers(&self, qop: Qop) -> bool {
        self.qop().any(|q| q == QopValue::Known(qop))
    }

    /// `charset`: the only value RFC 7616 §3.3 allows is `UTF-8` (any case).
    pub fn charset(&self) -> Option<ParamValue<'a>> {
        self.inner.param("charset")
    }

    /// Whether `charset=UTF-8` was sent, telling the client to encode the
    /// username and password in UTF-8.
    pub fn is_utf8(&self) -> bool {
        self.charset()
            .is_some_and(|c| c.eq_ignore_ascii_case("UTF-8"))
    }

    /// Checks what RFC 7616 §3.3 requires: parameters rather than a
    /// token68, no repeated parameter, `realm` and `nonce` present
    /// ([`ErrorKind::MissingParam`] at the scheme), `stale`/`userhash`
    /// booleans, `charset` only `UTF-8`, `qop` listing at least one entry
    /// when present ([`ErrorKind::InvalidValue`] at the value).
    ///
    /// ```
    /// use auth_headers::{parse_challenges, ErrorKind};
    /// use auth_headers::schemes::digest::DigestChallenge;
    /// let list = parse_challenges(r#"Digest realm="r""#).unwrap();
    /// let err = DigestChallenge::find(&list).unwrap().validate().unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (ErrorKind::MissingParam("nonce"), 0));
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        self.check_each(&mut Err)
    }

    /// The checks of [`DigestChallenge::validate`], each error handed to
    /// `report`, which stops them by returning it (`validate` passes `Err`)
    /// or goes on (the linter, which reports them all).
    pub(crate) fn check_each(
        &self,
        report: &mut dyn FnMut(Error) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let c = &self.inner;
        let mut keep = |r: Result<(), Error>| r.or_else(&mut *report);
        keep(crate::schemes::refuse_token68(c))?;
        keep(c.params().check_unique())?;
        for name in super::rules::REQUIRED_IN_CHALLENGE {
            keep(require(c, name).map(drop))?;
        }
        keep(self.stale().map(drop))?;
        keep(self.userhash().map(drop))?;
        if let Some(p) = find_param(c, "charset") {
            if !p.value().eq_ignore_ascii_case("UTF-8") {
                keep(Err(Error::new(
                    value_offset(&p),
                    ErrorKind::InvalidValue(CHARSET_NOT_UTF8),
                )))?;
            }
        }
        if let Some(p) = find_param(c, "qop") {
            if self.qop().next().is_none() {
                keep(Err(Error::new(
                    value_offset(&p),
                    ErrorKind::InvalidValue(QOP_EMPTY),
                )))?;
            }
        }
        Ok(())
    }
}

const STALE_NOT_BOOLEAN: &str = "`stale` must be `true` or `false` (RFC 7616 §3.3)";
pub(crate) const USERHASH_NOT_BOOLEAN: &str =
    "`userhash` must be `true` or `false` (RFC 7616 §3.3, §3.4)";
const CHARSET_NOT_UTF8: &str = "the only `charset` RFC 7616 §3.3 allows is `UTF-8`";
const QOP_EMPTY: &str = "`qop` lists no quality of protection (RFC 7616 §3.3)";

/// A `true` / `false` parameter (any case); absent means `false`.
pub(crate) fn flag(p: Option<Param<'_>>, rule: &'static str) -> Result<bool, Error> {
    let Some(p) = p else {
        return Ok(false);
    };
    if p.value().eq_ignore_ascii_case("true") {
        Ok(true)
    } else if p.value().eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(Error::new(value_offset(&p), ErrorKind::InvalidValue(rule)))
    }
}
