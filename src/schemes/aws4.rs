//! `AWS4-HMAC-SHA256`: the `Authorization` value of AWS Signature Version 4.
//!
//! ```text
//! Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,
//!     SignedHeaders=host;range;x-amz-date,
//!     Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024
//! ```
//!
//! # Why it needs its own parser
//!
//! Its values are written unquoted although they hold `/` and `;`, which
//! are not `tchar`s: by RFC 9110 §11.2 (`auth-param = token BWS "=" BWS (
//! token / quoted-string )`) the value above is malformed, and the strict
//! [`parse_credentials`](crate::parse_credentials) refuses it (at the first
//! `/`). There are two ways to read it:
//!
//! 1. [`parse`] here: a typed reader of exactly this scheme, over the raw
//!    value, that reuses the crate's token and whitespace rules and takes
//!    each value up to the next `,`. It needs nothing else.
//! 2. The lenient parser with
//!    [`ParseOptions::allow_unquoted_separators`](crate::ParseOptions::allow_unquoted_separators),
//!    which takes unquoted values holding bytes outside `tchar` up to the
//!    next comma (and reports each as a deviation); then
//!    [`Aws4Credentials::from_credentials`] gives the same typed view.
//!
//! Checking the signature is out of scope.

use crate::error::{Error, ErrorKind};
use crate::syntax::{ows, separators, token, Strict};

/// The scheme name, `AWS4-HMAC-SHA256`.
pub const SCHEME: &str = "AWS4-HMAC-SHA256";

/// The parsed `Authorization` value of AWS Signature Version 4.
///
/// `Debug` does not show the signature.
///
/// No `PartialEq` or `Hash`: these are credentials, and `==` would compare
/// them in variable time. A server checks the signature against the one
/// it computes, in constant time (`subtle`).
#[derive(Clone, Copy)]
pub struct Aws4Credentials<'a> {
    credential: CredentialScope<'a>,
    signed_headers: &'a str,
    signature: &'a str,
}

impl<'a> Aws4Credentials<'a> {
    /// `Credential`: the access key and the credential scope.
    pub const fn credential(&self) -> CredentialScope<'a> {
        self.credential
    }

    /// `SignedHeaders`, as written (`host;range;x-amz-date`).
    pub const fn signed_headers_raw(&self) -> &'a str {
        self.signed_headers
    }

    /// The `SignedHeaders` names, in order.
    pub fn signed_headers(&self) -> core::str::Split<'a, char> {
        self.signed_headers.split(';')
    }

    /// `Signature`: 64 lower-case hex digits.
    pub const fn signature(&self) -> &'a str {
        self.signature
    }
}

impl core::fmt::Debug for Aws4Credentials<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Aws4Credentials")
            .field("credential", &self.credential)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &format_args!("<redacted>"))
            .finish()
    }
}

/// `Credential=<access-key>/<date>/<region>/<service>/aws4_request`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CredentialScope<'a> {
    /// The access key ID.
    pub access_key: &'a str,
    /// The date, `YYYYMMDD`.
    pub date: &'a str,
    /// The region, such as `us-east-1`.
    pub region: &'a str,
    /// The service, such as `s3`.
    pub service: &'a str,
}

impl<'a> CredentialScope<'a> {
    /// Splits a `Credential` value. `None` unless it has five `/`-separated
    /// parts, a date of eight digits and ends in `aws4_request`.
    ///
    /// ```
    /// use auth_headers::schemes::aws4::CredentialScope;
    /// let s = CredentialScope::parse("AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request").unwrap();
    /// assert_eq!((s.region, s.service), ("us-east-1", "s3"));
    /// ```
    pub fn parse(value: &'a str) -> Option<Self> {
        let mut it = value.split('/');
        let mut part = || it.next().filter(|p| !p.is_empty());
        let s = CredentialScope {
            access_key: part()?,
            date: part()?,
            region: part()?,
            service: part()?,
        };
        let ok = part() == Some("aws4_request")
            && s.date.len() == 8
            && s.date.bytes().all(|b| b.is_ascii_digit());
        (ok && it.next().is_none()).then_some(s)
    }
}

/// Parses an `Authorization: AWS4-HMAC-SHA256 …` value. The scheme and the
/// names follow RFC 9110 (`token`, compared case-insensitively; `BWS` around
/// `=`; `OWS "," OWS` between parameters); each value runs up to the next
/// `,` and may hold any visible ASCII byte but `,` and `"`. `Credential`,
/// `SignedHeaders` and `Signature` are required, once each; other names are
/// refused. Allocates nothing.
///
/// ```
/// let v = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
///          SignedHeaders=host;range;x-amz-date, \
///          Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";
/// let a = auth_headers::schemes::aws4::parse(v).unwrap();
/// assert_eq!(a.credential().access_key, "AKIAIOSFODNN7EXAMPLE");
/// assert_eq!(a.signed_headers().collect::<Vec<_>>(), ["host", "range", "x-amz-date"]);
/// // The strict generic parser refuses the same value, at the first '/':
/// assert_eq!(auth_headers::parse_credentials(v).unwrap_err().offset(), 48);
/// ```
pub fn parse<V: AsRef<[u8]> + ?Sized>(value: &V) -> Result<Aws4Credentials<'_>, Error> {
    let full = value.as_ref();
    let at = |rest: &[u8]| full.len() - rest.len();
    if full.is_empty() {
        return Err(Error::new(0, ErrorKind::Empty));
    }
    let (rest, scheme) = token(full).ok_or(Error::new(0, ErrorKind::ExpectedScheme))?;
    if !scheme.eq_ignore_ascii_case(SCHEME) {
        return Err(Error::new(0, ErrorKind::WrongScheme));
    }
    let mut rest = match rest.first() {
        Some(b' ') => &rest[rest.iter().take_while(|&&b| b == b' ').count()..],
        None => return Err(Error::new(at(rest), ErrorKind::ExpectedParams)),
        Some(_) => return Err(Error::new(at(rest), ErrorKind::ExpectedSpaceAfterScheme)),
    };
    let (mut credential, mut signed, mut signature) = (None, None, None);
    loop {
        let (name_rest, name) =
            token(rest).ok_or(Error::new(at(rest), ErrorKind::ExpectedToken68OrParam))?;
        let after = ows(name_rest);
        let Some((b'=', after)) = after.split_first() else {
            return Err(Error::new(at(after), ErrorKind::ExpectedEquals));
        };
        let vstart = ows(after);
        let len = vstart
            .iter()
            .position(|&b| !(0x21..=0x7E).contains(&b) || b == b',' || b == b'"')
            .unwrap_or(vstart.len());
        let v = &vstart[..len];
        if v.is_empty() {
            return Err(Error::new(at(vstart), ErrorKind::ExpectedValue));
        }
        // Visible ASCII only: valid UTF-8.
        let text = core::str::from_utf8(v).unwrap_or_default();
        let slot = if name.eq_ignore_ascii_case("Credential") {
            &mut credential
        } else if name.eq_ignore_ascii_case("SignedHeaders") {
            &mut signed
        } else if name.eq_ignore_ascii_case("Signature") {
            &mut signature
        } else {
            return Err(Error::new(
                at(rest),
                ErrorKind::InvalidValue(
                    "unknown parameter: AWS4-HMAC-SHA256 takes Credential, SignedHeaders and Signature",
                ),
            ));
        };
        if slot.is_some() {
            return Err(Error::new(at(rest), ErrorKind::DuplicateParam));
        }
        *slot = Some((text, at(vstart)));
        let after_value = &vstart[len..];
        let (next, comma) = separators(after_value, &mut Strict);
        if next.is_empty() {
            if next.len() < after_value.len() && !comma {
                return Err(Error::new(at(after_value), ErrorKind::TrailingWhitespace));
            }
            break;
        }
        if !comma {
            let kind = match after_value.first() {
                Some(&b) if crate::chars::is_ctl(b) => ErrorKind::ControlChar(b),
                Some(b'"') => ErrorKind::UnexpectedByte(b'"'),
                _ => ErrorKind::ExpectedComma,
            };
            return Err(Error::new(at(ows(after_value)), kind));
        }
        rest = next;
    }
    let missing = |n| Error::new(full.len(), ErrorKind::MissingParam(n));
    assemble(
        credential.ok_or(missing("Credential"))?,
        signed.ok_or(missing("SignedHeaders"))?.0,
        signature.ok_or(missing("Signature"))?,
    )
}

/// Checks the three values (each with the offset of its first byte) and
/// puts them together.
fn assemble<'a>(
    (cred, cred_at): (&'a str, usize),
    signed: &'a str,
    (signature, sig_at): (&'a str, usize),
) -> Result<Aws4Credentials<'a>, Error> {
    let credential = CredentialScope::parse(cred).ok_or(Error::new(
        cred_at,
        ErrorKind::InvalidValue(
            "Credential must be <access-key>/<YYYYMMDD>/<region>/<service>/aws4_request",
        ),
    ))?;
    if signature.len() != 64
        || !signature
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(Error::new(
            sig_at,
            ErrorKind::InvalidValue("Signature must be 64 lower-case hex digits (HMAC-SHA256)"),
        ));
    }
    Ok(Aws4Credentials {
        credential,
        signed_headers: signed,
        signature,
    })
}

impl<'a> Aws4Credentials<'a> {
    /// The typed view of credentials read by the lenient parser with
    /// [`allow_unquoted_separators`](crate::ParseOptions::allow_unquoted_separators)
    /// (the second way described in the [module docs](self)): the same
    /// checks as [`parse`], on the generic [`Credentials`](crate::Credentials).
    ///
    /// ```
    /// use auth_headers::{schemes::aws4::Aws4Credentials, ParseOptions};
    /// let v = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
    ///          SignedHeaders=host;range;x-amz-date, \
    ///          Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";
    /// let opts = ParseOptions::strict().allow_unquoted_separators(true);
    /// let parsed = opts.parse_credentials(v).unwrap();
    /// let a = Aws4Credentials::from_credentials(&parsed.value).unwrap();
    /// let b = auth_headers::schemes::aws4::parse(v).unwrap();
    /// assert_eq!(a.credential(), b.credential());
    /// assert_eq!(a.signed_headers_raw(), b.signed_headers_raw());
    /// ```
    pub fn from_credentials(c: &crate::Credentials<'a>) -> Result<Self, Error> {
        if !c.is_scheme(SCHEME) {
            return Err(Error::new(0, ErrorKind::WrongScheme));
        }
        c.params().check_unique()?;
        let at = c.scheme().len();
        let get = |name: &'static str| -> Result<(&'a str, usize), Error> {
            let p = c
                .params()
                .iter()
                .find(|p| p.is(name))
                .ok_or(Error::new(at, ErrorKind::MissingParam(name)))?;
            let off = super::value_offset(&p);
            let text = p.value().as_str().ok_or(Error::new(
                off,
                ErrorKind::InvalidValue("expected visible ASCII without escapes"),
            ))?;
            Ok((text, off))
        };
        assemble(
            get("Credential")?,
            get("SignedHeaders")?.0,
            get("Signature")?,
        )
    }
}
