//! The `HOBA` scheme: HTTP Origin-Bound Authentication (RFC 7486).
//!
//! ```text
//! WWW-Authenticate: HOBA challenge=<base64url>, max-age=<seconds> [, realm="…"]   ; RFC 7486 §3
//! Authorization: HOBA result="<kid>.<challenge>.<nonce>.<sig>"                    ; RFC 7486 §2, §3
//! HOBA-RES = kid "." challenge "." nonce "." sig                                    ; each base64url
//! ```

use crate::error::Error;
use crate::schemes::{check_number, parse_u64, refuse_token68, require};
use crate::{Challenge, Credentials, ErrorKind, ParamValue};

/// The scheme name, `HOBA`.
pub const SCHEME: &str = "HOBA";

/// A `HOBA` challenge (RFC 7486 §3).
///
/// ```
/// use auth_headers::schemes::hoba::HobaChallenge;
/// let list = auth_headers::parse_challenges("HOBA challenge=bWluZXJhbHM, max-age=10").unwrap();
/// let h = HobaChallenge::find(&list).unwrap();
/// assert!(h.challenge_value().unwrap().eq_str("bWluZXJhbHM"));
/// assert_eq!(h.max_age(), Some(10));
/// h.validate().unwrap();
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HobaChallenge<'a> {
    inner: Challenge<'a>,
}

challenge_view!(HobaChallenge, "`HOBA`", |c| c.is_scheme(SCHEME));

impl<'a> HobaChallenge<'a> {
    /// `challenge`: the base64url server challenge the client signs (REQUIRED).
    pub fn challenge_value(&self) -> Option<ParamValue<'a>> {
        self.inner.param("challenge")
    }

    /// `max-age`: seconds the challenge stays valid (REQUIRED). `None` when
    /// absent or not a number.
    pub fn max_age(&self) -> Option<u64> {
        self.inner.param("max-age").and_then(|v| parse_u64(v.raw()))
    }

    /// `realm` (optional).
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.inner.realm()
    }

    /// Checks RFC 7486 §3: parameters, each once; `challenge` present;
    /// `max-age` present and `1*DIGIT`.
    pub fn validate(&self) -> Result<(), Error> {
        refuse_token68(&self.inner)?;
        self.inner.params().check_unique()?;
        require(&self.inner, "challenge")?;
        check_number(&require(&self.inner, "max-age")?)?;
        Ok(())
    }
}

/// The four dot-separated parts of a HOBA client result (RFC 7486 §2:
/// `HOBA-RES = kid "." challenge "." nonce "." sig`), each base64url text.
///
/// `Debug` shows the key identifier and the lengths of the challenge and
/// the nonce, never the signature ([`crate::redact`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct HobaResult<'a> {
    /// The key identifier.
    pub kid: &'a str,
    /// The challenge being answered.
    pub challenge: &'a str,
    /// The client's nonce.
    pub nonce: &'a str,
    /// The signature.
    pub sig: &'a str,
}

impl core::fmt::Debug for HobaResult<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use crate::redact::Redacted;
        f.debug_struct("HobaResult")
            .field("kid", &self.kid)
            .field("challenge", &Redacted::len(self.challenge.len()))
            .field("nonce", &Redacted::len(self.nonce.len()))
            .field("sig", &Redacted::HIDDEN)
            .finish()
    }
}

/// Reads the `result` parameter of `Authorization: HOBA result="…"`
/// (RFC 7486 §3). Errors: another scheme, a missing `result`, or a result
/// that is not four dot-separated parts.
///
/// ```
/// let c = auth_headers::parse_credentials(r#"HOBA result="a2lk.Y2g.bm9uY2U.c2ln""#).unwrap();
/// let r = auth_headers::schemes::hoba::result(&c).unwrap();
/// assert_eq!((r.kid, r.challenge, r.nonce, r.sig), ("a2lk", "Y2g", "bm9uY2U", "c2ln"));
/// ```
pub fn result<'a>(c: &Credentials<'a>) -> Result<HobaResult<'a>, Error> {
    if !c.is_scheme(SCHEME) {
        return Err(Error::new(0, ErrorKind::WrongScheme));
    }
    let p = c
        .params()
        .iter()
        .find(|p| p.is("result"))
        .ok_or(Error::new(0, ErrorKind::MissingParam("result")))?;
    let bad = Error::new(
        super::value_offset(&p),
        ErrorKind::InvalidValue(
            "a HOBA result is four base64url parts: kid.challenge.nonce.sig (RFC 7486 §2)",
        ),
    );
    let text = p.value().as_str().ok_or(bad)?;
    let mut parts = text.split('.');
    let mut next = || parts.next().filter(|s| !s.is_empty()).ok_or(bad);
    let r = HobaResult {
        kid: next()?,
        challenge: next()?,
        nonce: next()?,
        sig: next()?,
    };
    match parts.next() {
        None => Ok(r),
        Some(_) => Err(bad),
    }
}
