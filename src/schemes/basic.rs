//! The `Basic` scheme (RFC 7617).
//!
//! ```text
//! challenge   = "Basic" 1*SP realm=… [ , charset="UTF-8" ]     ; RFC 7617 §2, §2.1
//! credentials = "Basic" 1*SP token68                          ; base64 of user-pass
//! user-pass   = user-id ":" password
//! user-id     = *<TEXT excluding ":">
//! password    = *TEXT
//! ```
//!
//! The challenge view needs nothing but the parser. Decoding the
//! credentials' base64 (and building credentials) uses the `base64` crate
//! and is behind the `basic` feature (on by default).
//!
//! Decoding writes into a buffer the caller provides and allocates nothing
//! ([`BasicCredentials::decode_into`]); under `alloc`,
//! [`BasicCredentials::decode`] returns an owned value. The user-id and the
//! password are bytes: RFC 7617 §2.1 defines UTF-8 only when the server's
//! challenge said `charset="UTF-8"` ([`BasicChallenge::is_utf8`]), so
//! [`UserPass::to_utf8`] is a separate, explicit step.
//!
//! Wiping (feature `zeroize`, which `basic` turns on): the owned
//! [`UserPassBuf`] of [`BasicCredentials::decode`] is wiped when dropped.
//! [`BasicCredentials`] and [`UserPass`] are borrowed `Copy` views and
//! cannot be: the header value and the buffer given to
//! [`BasicCredentials::decode_into`] are the caller's, to wipe themselves
//! (`zeroize::Zeroizing<[u8; N]>` or `Zeroizing<Vec<u8>>` does it).

use core::fmt;

use crate::error::{Error, ErrorKind};
use crate::schemes::{parse_token68_credentials, refuse_token68, require};
use crate::span::offset_of;
use crate::{Challenge, Credentials, ParamValue};

/// The scheme name, `Basic`.
pub const SCHEME: &str = "Basic";

/// Which parameters Basic defines and which it writes quoted (its tables in
/// the scheme rules).
pub use super::rules::basic as rules;

/// A `Basic` challenge (RFC 7617 §2).
///
/// ```
/// use auth_headers::schemes::basic::BasicChallenge;
/// // RFC 7617 §2.1
/// let list = auth_headers::parse_challenges(r#"Basic realm="foo", charset="UTF-8""#).unwrap();
/// let basic = BasicChallenge::find(&list).unwrap();
/// assert!(basic.realm().unwrap().eq_str("foo"));
/// assert!(basic.is_utf8());
/// basic.validate().unwrap();
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BasicChallenge<'a> {
    inner: Challenge<'a>,
}

challenge_view!(BasicChallenge, "`Basic`", |c| c.is_scheme(SCHEME));

impl<'a> BasicChallenge<'a> {
    /// The `realm` (REQUIRED by RFC 7617 §2; [`BasicChallenge::validate`]
    /// reports its absence).
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.inner.param("realm")
    }

    /// The `charset` parameter, if any (RFC 7617 §2.1).
    pub fn charset(&self) -> Option<ParamValue<'a>> {
        self.inner.param("charset")
    }

    /// Whether the server announced `charset="UTF-8"` (matched
    /// case-insensitively, RFC 7617 §2.1): the user-id and password are then
    /// to be read and sent as UTF-8.
    pub fn is_utf8(&self) -> bool {
        self.charset()
            .is_some_and(|c| c.eq_ignore_ascii_case("UTF-8"))
    }

    /// Checks the challenge against RFC 7617: parameters rather than a
    /// token68, no repeated parameter (RFC 9110 §11.2), a `realm`
    /// ("REQUIRED", §2) and no `charset` other than `UTF-8` ("The only
    /// allowed value is 'UTF-8'", §2.1).
    ///
    /// ```
    /// use auth_headers::{schemes::basic::BasicChallenge, ErrorKind};
    /// let list = auth_headers::parse_challenges(r#"Basic charset="latin1""#).unwrap();
    /// let err = BasicChallenge::find(&list).unwrap().validate().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::MissingParam("realm"));
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        self.check_each(&mut Err)
    }

    /// The checks of [`BasicChallenge::validate`], each error handed to
    /// `report`, which stops them by returning it (`validate` passes `Err`)
    /// or goes on (the linter, which reports them all, and every repeated
    /// `charset`).
    pub(crate) fn check_each(
        &self,
        report: &mut dyn FnMut(Error) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let c = &self.inner;
        let mut keep = |r: Result<(), Error>| r.or_else(&mut *report);
        keep(refuse_token68(c))?;
        keep(c.params().check_unique())?;
        keep(require(c, "realm").map(drop))?;
        for p in c.params().iter().filter(|p| p.is("charset")) {
            if !p.value().eq_ignore_ascii_case("UTF-8") {
                keep(Err(Error::new(
                    super::value_offset(&p),
                    ErrorKind::InvalidValue(
                        "charset must be \"UTF-8\": RFC 7617 §2.1 allows no other value",
                    ),
                )))?;
            }
        }
        Ok(())
    }
}

/// `Basic` credentials: the token68 that holds base64 of `user-id:password`.
///
/// `Debug` never shows the token.
///
/// ```
/// # #[cfg(feature = "basic")] {
/// // RFC 7617 §2
/// let c = auth_headers::schemes::basic::parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
/// let mut buf = [0u8; 64];
/// let up = c.decode_into(&mut buf).unwrap();
/// assert_eq!(up.user_id(), b"Aladdin");
/// assert_eq!(up.password(), b"open sesame");
/// # }
/// ```
///
/// No `PartialEq` or `Hash`: these are credentials, and `==` would compare
/// them in variable time. A server compares them with `server::BasicUsers` or
/// `server::secret_eq` (feature `basic-verify`, constant time).
#[derive(Clone, Copy)]
pub struct BasicCredentials<'a> {
    token: &'a str,
    offset: usize,
}

/// Parses an `Authorization` value as `Basic` credentials, naming the common
/// mistakes as [`parse_token68_credentials`] does. The base64 is decoded
/// only when asked ([`BasicCredentials::decode_into`]).
pub fn parse_credentials<V: AsRef<[u8]> + ?Sized>(
    value: &V,
) -> Result<BasicCredentials<'_>, Error> {
    let t = parse_token68_credentials(value, SCHEME)?;
    Ok(BasicCredentials {
        token: t.token(),
        offset: t.offset(),
    })
}

impl<'a> BasicCredentials<'a> {
    /// The view of credentials already parsed, if they are `Basic` with a token68.
    pub fn from_credentials(c: &Credentials<'a>) -> Option<Self> {
        let token = c.token68().filter(|_| c.is_scheme(SCHEME))?;
        Some(BasicCredentials {
            token,
            // The scheme's own offset counts leading whitespace that a
            // lenient parse dropped (issue 16).
            offset: c.offset() + offset_of(c.scheme().as_bytes(), token.as_bytes()),
        })
    }

    /// The base64 token as sent.
    pub const fn token(&self) -> &'a str {
        self.token
    }

    /// Byte offset of the token within the header value.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// A buffer of this many bytes always holds the decoded `user-pass`.
    pub const fn max_decoded_len(&self) -> usize {
        self.token.len().div_ceil(4) * 3
    }

    /// Decodes the base64 into `buf`, from its first byte on (the
    /// [`UserPass`] is `buf`'s first `user_id().len() + 1 +
    /// password().len()` bytes), and splits it at the first `:` (RFC 7617
    /// §2: a user-id cannot contain one, a password can). Allocates
    /// nothing. Errors, each at the offset in the header value of the base64
    /// group concerned:
    /// [`InvalidBase64`](ErrorKind::InvalidBase64) for a byte outside the
    /// standard alphabet (`-` and `_` are base64url, not Basic), the byte
    /// carried (it encodes nothing);
    /// [`InvalidValue`](ErrorKind::InvalidValue) for a bad length or
    /// padding, or a last character with unused bits set (the character,
    /// part of the secret, is not carried);
    /// [`MissingColon`](ErrorKind::MissingColon);
    /// [`InvalidValue`](ErrorKind::InvalidValue) for a control byte in the
    /// user-id or password (RFC 7617 §2 excludes CTLs), without the byte,
    /// which is part of the secret;
    /// [`BufferTooSmall`](ErrorKind::BufferTooSmall) when `buf` is shorter
    /// than needed ([`BasicCredentials::max_decoded_len`] always suffices).
    ///
    /// Padding may be present or absent: both decode the same bytes.
    #[cfg(feature = "basic")]
    pub fn decode_into<'b>(&self, buf: &'b mut [u8]) -> Result<UserPass<'b>, Error> {
        let n = match decode_canonical(self.token.as_bytes(), buf) {
            Some(n) => n,
            None => self.decode_with_crate(buf)?,
        };
        UserPass::split(&buf[..n], self.offset)
    }

    /// The `base64` crate's decoding, which names what is wrong with a
    /// token that [`decode_canonical`] did not take.
    #[cfg(feature = "basic")]
    fn decode_with_crate(&self, buf: &mut [u8]) -> Result<usize, Error> {
        use base64::DecodeSliceError;
        use base64::Engine as _;
        ENGINE
            .decode_slice(self.token.as_bytes(), buf)
            .map_err(|e| match e {
                DecodeSliceError::DecodeError(e) => self.base64_error(e),
                DecodeSliceError::OutputSliceTooSmall => {
                    Error::new(self.offset, ErrorKind::BufferTooSmall)
                }
            })
    }

    /// Decodes into an owned value (one allocation); see
    /// [`BasicCredentials::decode_into`] for the errors.
    ///
    /// ```
    /// // RFC 7617 §2.1: user "test", password "123£" in UTF-8
    /// let c = auth_headers::schemes::basic::parse_credentials("Basic dGVzdDoxMjPCow==").unwrap();
    /// let up = c.decode().unwrap();
    /// assert_eq!(up.as_user_pass().to_utf8().unwrap(), ("test", "123£"));
    /// ```
    ///
    /// With the `zeroize` feature (which `basic` turns on) the bytes are
    /// wiped when the [`UserPassBuf`] is dropped, and on error.
    #[cfg(all(feature = "basic", feature = "alloc"))]
    pub fn decode(&self) -> Result<UserPassBuf, Error> {
        let mut buf = UserPassBuf {
            bytes: alloc::vec![0u8; self.max_decoded_len()],
            colon: 0,
            offset: self.offset,
        };
        // On error `buf` is dropped, and wiped, with what was decoded.
        let (n, colon) = {
            let up = self.decode_into(&mut buf.bytes)?;
            (up.bytes.len(), up.colon)
        };
        // The bytes past `n` are zeros; the whole capacity is wiped on drop.
        buf.bytes.truncate(n);
        buf.colon = colon;
        Ok(buf)
    }

    #[cfg(feature = "basic")]
    fn base64_error(&self, e: base64::DecodeError) -> Error {
        use base64::DecodeError::*;
        match e {
            // A byte outside the alphabet encodes nothing: it is carried.
            InvalidByte(i, b) => Error::new(self.offset + i, ErrorKind::InvalidBase64(b)),
            // A character of the alphabet is part of the secret: not carried.
            InvalidLastSymbol(i, _) => Error::new(
                self.offset + i,
                ErrorKind::InvalidValue(
                    "base64 whose last character has unused bits set: not the canonical encoding (RFC 4648 §3.5)",
                ),
            ),
            InvalidLength(_) => Error::new(
                self.offset + self.token.len(),
                ErrorKind::InvalidValue(
                    "base64 of impossible length: a last group of one character cannot be decoded (RFC 4648 §4)",
                ),
            ),
            InvalidPadding => Error::new(
                self.offset + self.token.len(),
                ErrorKind::InvalidValue(
                    "wrong base64 padding: '=' must complete the last group of four characters (RFC 4648 §4)",
                ),
            ),
        }
    }
}

impl fmt::Debug for BasicCredentials<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BasicCredentials(<redacted>)")
    }
}

/// Value of each base64 character of the standard alphabet (RFC 4648 §4),
/// `0xFF` for any other byte.
#[cfg(feature = "basic")]
const SEXTETS: [u8; 256] = {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut t = [0xFF; 256];
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Decodes `token` into `buf` when it is canonical base64 (RFC 4648 §4:
/// standard alphabet, unused bits of the last group zero), with its padding
/// or without, and `buf` is large enough: the number of bytes written.
/// `None` for anything else, which [`BasicCredentials::decode_into`] then
/// hands to the `base64` crate for an exact error. A table and shifts: on a
/// token of the size Basic credentials have, the crate's general engine has
/// a setup cost this does not (the `basic` entry of `perf/baseline.txt`
/// fell from 1067 to 933 instructions with it), and a unit test checks the
/// two agree.
#[cfg(feature = "basic")]
fn decode_canonical(token: &[u8], buf: &mut [u8]) -> Option<usize> {
    let pad = token.iter().rev().take_while(|&&b| b == b'=').count();
    let body = &token[..token.len() - pad];
    let tail = body.len() % 4;
    if pad > 2 || tail == 1 || (pad > 0 && (body.len() + pad) % 4 != 0) {
        return None;
    }
    let n = body.len() / 4 * 3 + tail.saturating_sub(1);
    let out = buf.get_mut(..n)?;
    let (groups, last) = body.split_at(body.len() - tail);
    let mut bad = 0u8;
    for (g, o) in groups.chunks_exact(4).zip(out.chunks_exact_mut(3)) {
        let [a, b, c, d] = [g[0], g[1], g[2], g[3]].map(|x| SEXTETS[usize::from(x)]);
        bad |= a | b | c | d;
        let v = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        o.copy_from_slice(&v.to_be_bytes()[1..]);
    }
    let v = last.iter().fold(0u32, |v, &x| {
        let s = SEXTETS[usize::from(x)];
        bad |= s;
        v << 6 | u32::from(s)
    });
    match tail {
        // Two characters: 12 bits for one byte, the low 4 unused and zero.
        2 if v & 0xF == 0 => out[n - 1] = (v >> 4) as u8,
        // Three: 18 bits for two bytes, the low 2 unused and zero.
        3 if v & 0x3 == 0 => out[n - 2..].copy_from_slice(&((v >> 2) as u16).to_be_bytes()),
        0 => {}
        _ => return None,
    }
    (bad & 0x80 == 0).then_some(n)
}

/// Standard alphabet (RFC 4648 §4); padding accepted present or absent.
#[cfg(feature = "basic")]
const ENGINE: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_encode_padding(true),
);

/// The rule a control byte in a `user-pass` breaks, decoded or to be
/// encoded, as [`ErrorKind::InvalidValue`] carries it (without the byte).
const CONTROL_IN_USER_PASS: &str =
    "control character in the user-id or password: RFC 7617 §2 excludes CTLs (which byte is not said: it is part of the credentials)";

/// A decoded `user-pass`, borrowed from the caller's buffer. `Debug` shows
/// the user-id but not the password.
///
/// No `PartialEq` or `Hash`: these are credentials, and `==` would compare
/// them in variable time. A server compares them with `server::BasicUsers` or
/// `server::secret_eq` (feature `basic-verify`, constant time):
///
/// ```compile_fail
/// fn same(a: auth_headers::schemes::basic::UserPass<'_>, b: auth_headers::schemes::basic::UserPass<'_>) -> bool {
///     a == b
/// }
/// ```
#[derive(Clone, Copy)]
pub struct UserPass<'b> {
    /// `user-id ":" password`, decoded.
    bytes: &'b [u8],
    /// Index of the first `:` in `bytes`.
    colon: usize,
    /// Offset of the base64 token in the header value, for error offsets.
    offset: usize,
}

impl<'b> UserPass<'b> {
    /// Splits decoded bytes at the first `:` and checks for control bytes.
    #[cfg(feature = "basic")]
    pub(crate) fn split(bytes: &'b [u8], offset: usize) -> Result<Self, Error> {
        use crate::chars::ctl_len;
        // Decoded byte i comes from base64 group i / 3, of four characters.
        let at = |i: usize| offset + i / 3 * 4;
        // The control byte is part of the secret: the error says where
        // (which base64 group), not which byte (issue 16).
        let ctl = |i: usize| {
            Err(Error::new(
                at(i),
                ErrorKind::InvalidValue(CONTROL_IN_USER_PASS),
            ))
        };
        // One pass, 8 bytes at a time: up to the first `:` or control
        // byte, then the rest.
        let first = ctl_len::<true>(bytes);
        let colon = match bytes.get(first) {
            Some(b':') => first,
            Some(_) => return ctl(first),
            None => return Err(Error::new(offset, ErrorKind::MissingColon)),
        };
        let rest = colon + 1 + ctl_len::<false>(&bytes[colon + 1..]);
        if rest < bytes.len() {
            return ctl(rest);
        }
        Ok(UserPass {
            bytes,
            colon,
            offset,
        })
    }

    /// The user-id, as bytes.
    pub fn user_id(&self) -> &'b [u8] {
        &self.bytes[..self.colon]
    }

    /// The password, as bytes.
    pub fn password(&self) -> &'b [u8] {
        &self.bytes[self.colon + 1..]
    }

    /// Both as UTF-8, which is what they are when the challenge said
    /// `charset="UTF-8"` (RFC 7617 §2.1). Otherwise the encoding is
    /// unspecified and the bytes are the caller's to interpret.
    /// [`NotUtf8Charset`](ErrorKind::NotUtf8Charset) points at the base64 group of the first bad byte.
    pub fn to_utf8(&self) -> Result<(&'b str, &'b str), Error> {
        // One UTF-8 check of the whole; `:` is ASCII, so both sides of it
        // are whole characters.
        let all = match crate::chars::ascii(self.bytes) {
            Some(all) => all,
            None => core::str::from_utf8(self.bytes).map_err(|e| {
                Error::new(
                    self.offset + e.valid_up_to() / 3 * 4,
                    ErrorKind::NotUtf8Charset,
                )
            })?,
        };
        let (user, pass) = all.split_at(self.colon);
        Ok((user, &pass[1..]))
    }
}

impl fmt::Debug for UserPass<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserPass")
            .field("user_id", &Lossy(self.user_id()))
            .field("password", &format_args!("<redacted>"))
            .finish()
    }
}

/// An owned decoded `user-pass` (under `alloc`). `Debug` hides the password.
///
/// With the `zeroize` feature (on with `basic`) its bytes, spare capacity
/// included, are wiped when it is dropped. A clone is wiped when it is
/// dropped too. [`UserPass`], a borrowed `Copy` view, cannot be: wipe the
/// buffer given to [`BasicCredentials::decode_into`] yourself (wrap it in
/// `zeroize::Zeroizing`).
///
/// No `PartialEq` or `Hash`: these are credentials, and `==` would compare
/// them in variable time. A server compares them with `server::BasicUsers` or
/// `server::secret_eq` (feature `basic-verify`, constant time).
#[cfg(all(feature = "basic", feature = "alloc"))]
#[derive(Clone)]
pub struct UserPassBuf {
    bytes: alloc::vec::Vec<u8>,
    colon: usize,
    offset: usize,
}

#[cfg(all(feature = "basic", feature = "alloc"))]
impl UserPassBuf {
    /// The user-id, as bytes.
    pub fn user_id(&self) -> &[u8] {
        &self.bytes[..self.colon]
    }

    /// The password, as bytes.
    pub fn password(&self) -> &[u8] {
        &self.bytes[self.colon + 1..]
    }

    /// The borrowed view, for [`UserPass::to_utf8`].
    pub fn as_user_pass(&self) -> UserPass<'_> {
        UserPass {
            bytes: &self.bytes,
            colon: self.colon,
            offset: self.offset,
        }
    }
}

#[cfg(all(feature = "basic", feature = "alloc", feature = "zeroize"))]
impl Drop for UserPassBuf {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.bytes);
    }
}

#[cfg(all(feature = "basic", feature = "alloc", feature = "zeroize"))]
impl zeroize::ZeroizeOnDrop for UserPassBuf {}

#[cfg(all(feature = "basic", feature = "alloc"))]
impl fmt::Debug for UserPassBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_user_pass().fmt(f)
    }
}

/// Bytes shown as text in `Debug`, U+FFFD for what is not UTF-8.
struct Lossy<'b>(&'b [u8]);

impl fmt::Debug for Lossy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        crate::quoted::write_lossy(self.0, f)?;
        f.write_str("\"")
    }
}

/// The length of `Basic` credentials' base64 token for a user-id and
/// password of these lengths: `4 * ceil((user + 1 + password) / 3)`.
/// Lengths no buffer can hold give `usize::MAX` (it saturates rather than
/// overflowing: issue 16), which every buffer is too small for.
///
/// ```
/// use auth_headers::schemes::basic::token_len;
/// assert_eq!(token_len(7, 11), 28); // `Aladdin:open sesame`
/// assert_eq!(token_len(usize::MAX, 0), usize::MAX);
/// ```
pub const fn token_len(user_id_len: usize, password_len: usize) -> usize {
    let bytes = user_id_len.saturating_add(1).saturating_add(password_len);
    bytes.div_ceil(3).saturating_mul(4)
}

/// Checks a user-id and password for Basic credentials (RFC 7617 §2: no
/// `:` in the user-id, no control character in either). The error's part
/// is [`Part::Token68`](crate::write::Part::Token68) and its offset is the
/// index of the byte in `user-id ":" password`; a control character is
/// reported as [`ErrorKind::InvalidValue`], without the byte, which is part
/// of the secret.
pub fn check_user_pass(user_id: &[u8], password: &[u8]) -> Result<(), crate::write::BuildError> {
    use crate::write::{BuildError, Part};
    if let Some(i) = user_id.iter().position(|&b| b == b':') {
        return Err(BuildError::new(ErrorKind::ColonInUserId, Part::Token68, i));
    }
    let all = user_id.iter().chain(b":").chain(password);
    match all.enumerate().find(|(_, &b)| crate::chars::is_ctl(b)) {
        // As when decoding: where, not which byte (issue 16).
        Some((i, _)) => Err(BuildError::new(
            ErrorKind::InvalidValue(CONTROL_IN_USER_PASS),
            Part::Token68,
            i,
        )),
        None => Ok(()),
    }
}

/// Encodes `user-id ":" password` as base64 (RFC 7617 §2, RFC 4648 §4, with
/// padding) into `scratch`, which needs [`token_len`] bytes, and returns
/// the token. Allocates nothing. Send user-id and password as UTF-8 when
/// the challenge said `charset="UTF-8"` ([`BasicChallenge::is_utf8`]).
#[cfg(feature = "basic")]
pub fn encode_user_pass<'b>(
    user_id: &[u8],
    password: &[u8],
    scratch: &'b mut [u8],
) -> Result<&'b str, crate::write::BuildError> {
    use crate::write::{BuildError, Part};
    use base64::Engine as _;
    check_user_pass(user_id, password)?;
    let need = token_len(user_id.len(), password.len());
    if scratch.len() < need {
        return Err(BuildError::new(
            ErrorKind::BufferTooSmall,
            Part::Output,
            need,
        ));
    }
    // Encode 48 input bytes (a multiple of 3) at a time: the pieces join into
    // the encoding of the whole, without copying the input together.
    let mut chunk = [0u8; 48];
    let mut bytes = user_id.iter().chain(b":").chain(password).copied();
    let mut out = 0;
    loop {
        let mut n = 0;
        for b in bytes.by_ref().take(chunk.len()) {
            chunk[n] = b;
            n += 1;
        }
        if n == 0 {
            break;
        }
        out += ENGINE
            .encode_slice(&chunk[..n], &mut scratch[out..need])
            .map_err(|_| BuildError::new(ErrorKind::BufferTooSmall, Part::Output, need))?;
    }
    // base64 is ASCII.
    Ok(core::str::from_utf8(&scratch[..out]).unwrap_or_default())
}

/// `Basic` credentials for a user-id and password, as a builder ready to
/// write (`write_to`, `write_to_slice`, `to_string` …); the base64 token is
/// kept in `scratch` ([`token_len`] bytes). Allocates nothing.
///
/// ```
/// // RFC 7617 §2.1: user "test", password "123£", charset="UTF-8"
/// let mut scratch = [0u8; 64];
/// let creds = auth_headers::schemes::basic::credentials("test", "123£", &mut scratch).unwrap();
/// assert_eq!(creds.to_string().unwrap(), "Basic dGVzdDoxMjPCow==");
/// ```
#[cfg(feature = "basic")]
pub fn credentials<'b, U, P>(
    user_id: &U,
    password: &P,
    scratch: &'b mut [u8],
) -> Result<crate::write::CredentialsBuilder<'b>, crate::write::BuildError>
where
    U: AsRef<[u8]> + ?Sized,
    P: AsRef<[u8]> + ?Sized,
{
    let token = encode_user_pass(user_id.as_ref(), password.as_ref(), scratch)?;
    let c = crate::write::CredentialsBuilder::new(SCHEME).token68(token);
    c.check()?;
    Ok(c)
}

/// `Basic` credentials as a `String` (under `alloc`).
///
/// ```
/// // RFC 7617 §2
/// let v = auth_headers::schemes::basic::credentials_string("Aladdin", "open sesame").unwrap();
/// assert_eq!(v, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
/// let e = auth_headers::schemes::basic::credentials_string("a:b", "x").unwrap_err();
/// assert_eq!(e.kind(), auth_headers::ErrorKind::ColonInUserId);
/// ```
#[cfg(all(feature = "basic", feature = "alloc"))]
pub fn credentials_string<U, P>(
    user_id: &U,
    password: &P,
) -> Result<alloc::string::String, crate::write::BuildError>
where
    U: AsRef<[u8]> + ?Sized,
    P: AsRef<[u8]> + ?Sized,
{
    let (u, p) = (user_id.as_ref(), password.as_ref());
    // The scratch holds the base64 of the password: wiped when dropped
    // (feature `zeroize`). The returned string is the caller's.
    let mut scratch = Scratch(alloc::vec![0u8; token_len(u.len(), p.len())]);
    credentials(u, p, &mut scratch.0)?.to_string()
}

/// A heap buffer that holds an encoded password for a moment; wiped on
/// drop under the `zeroize` feature.
#[cfg(all(feature = "basic", feature = "alloc"))]
struct Scratch(alloc::vec::Vec<u8>);

#[cfg(all(feature = "basic", feature = "alloc", feature = "zeroize"))]
impl Drop for Scratch {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

#[cfg(all(test, feature = "basic"))]
mod tests {
    use super::*;

    /// The table-and-shifts decoder against the `base64` crate (RFC 4648 §4,
    /// padding optional): whenever the fast decoder answers, the crate gives
    /// the same bytes; and it answers for every token the crate accepts.
    #[test]
    fn canonical_decoder_agrees_with_the_base64_crate() {
        let alphabet = b"AQgw+/9zB=_-.";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let (mut fast, mut accepted) = (0, 0);
        for _ in 0..50_000 {
            // Mostly the alphabet, sometimes `=` or a stray byte.
            let mut token = [0u8; 22];
            let len = crate::testing::fill(&mut seed, alphabet, &mut token);
            // Padding at the end, often.
            if seed & 3 == 0 && len > 1 {
                token[len - 1] = b'=';
            }
            let token = core::str::from_utf8(&token[..len]).unwrap();
            let creds = BasicCredentials { token, offset: 6 };
            let (mut a, mut b) = ([0u8; 17], [0u8; 17]);
            let size = (seed >> 20) as usize % 18;
            let crate_says = creds.decode_with_crate(&mut b[..size]);
            // `None` leaves the token to the crate (correct either way): an
            // error, a small buffer, or padding the crate forgives (`QQ=`).
            if let Some(n) = decode_canonical(token.as_bytes(), &mut a[..size]) {
                fast += 1;
                assert_eq!(crate_says, Ok(n), "{token:?} into {size}");
                assert_eq!(a[..n], b[..n], "{token:?}");
            }
            accepted += usize::from(crate_says.is_ok());
        }
        assert!(fast > 1_000 && fast <= accepted, "{fast} of {accepted}");
    }

    /// Every encoding the crate writes, padded or not, takes the fast path
    /// and gives back the bytes.
    #[test]
    fn canonical_decoder_takes_every_encoding() {
        use base64::Engine as _;
        let pad = base64::engine::general_purpose::STANDARD;
        let no_pad = base64::engine::general_purpose::STANDARD_NO_PAD;
        let mut bytes = [0u8; 16];
        for len in 0..=16 {
            for round in 0..64u8 {
                for (i, b) in bytes[..len].iter_mut().enumerate() {
                    *b = round
                        .wrapping_mul(37)
                        .wrapping_add((i as u8).wrapping_mul(101));
                }
                let mut text = [0u8; 24];
                for engine in [&pad, &no_pad] {
                    let n = engine.encode_slice(&bytes[..len], &mut text).unwrap();
                    let mut out = [0u8; 18];
                    let got = decode_canonical(&text[..n], &mut out);
                    assert_eq!(got, Some(len), "{:?}", &text[..n]);
                    assert_eq!(out[..len], bytes[..len]);
                }
            }
        }
    }
}
