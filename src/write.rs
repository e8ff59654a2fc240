//! Writing header values: builders for challenges, credentials and
//! auth-info lists, and the canonical form of parsed values.
//!
//! ```text
//! challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]  ; RFC 9110 §11.3
//! credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]  ; RFC 9110 §11.4
//! auth-param  = token BWS "=" BWS ( token / quoted-string )      ; RFC 9110 §11.2
//! ```
//!
//! The canonical form is `Scheme SP token68` or
//! `Scheme SP name=value, name="quoted value"`, with `, ` between parameters
//! and between challenges. A value is a token when every byte is a `tchar`
//! and the scheme does not ask for a quoted-string, and a quoted-string with
//! `"` and `\` escaped otherwise ([`Quote`] overrides this per value).
//! Scheme rules: `realm` is always quoted (RFC 9110 §11.5); Digest quotes
//! `realm`, `domain`, `nonce`, `opaque`, `qop` in challenges and `username`,
//! `realm`, `nonce`, `uri`, `cnonce`, `response`, `opaque` in credentials
//! (RFC 7616 §3.3, §3.4), and `nextnonce`, `rspauth`, `cnonce` in
//! `Authentication-Info` (§3.5); Bearer, DPoP and Basic challenges quote
//! `realm`, `scope`, `error`, `error_description`, `error_uri`, `charset`,
//! `algs`, `acr_values`, `max_age` and `resource_metadata`, as their RFCs'
//! examples do.
//!
//! # Nothing invalid, nothing partial
//! A builder checks the **whole** value before it writes its first byte. It
//! refuses a scheme or name that is not a token, a token68 outside its
//! alphabet, a control byte (CR, LF, NUL …; HTAB is allowed inside a
//! quoted-string) in a value, a name repeated in one challenge or
//! credentials, a token68 together with parameters, and an empty challenge
//! list, each with a [`BuildError`] naming the part, the byte offset and the
//! byte. So on error:
//! - [`write_to`](ChallengeBuilder::write_to) has written nothing, unless the
//!   `fmt::Write` target itself failed part way ([`ErrorKind::WriteFailed`]);
//!   then what it holds is incomplete and must be discarded;
//! - [`write_to_slice`](ChallengeBuilder::write_to_slice) has not touched the
//!   buffer (the length is counted before anything is copied);
//! - `to_string` / `to_vec` return no string at all.
//!
//! Builders hold their parameters inline (`N` of them, 16 by default), so
//! they work without `alloc`; one more parameter than fits makes the value
//! fail with [`ErrorKind::TooManyParams`].
//!
//! ```
//! use auth_headers::write::{ChallengeBuilder, ChallengeListBuilder, Value};
//! # #[cfg(feature = "alloc")] {
//! let basic = ChallengeBuilder::new("Basic").param("realm", "simple");
//! let bearer = ChallengeBuilder::new("Bearer")
//!     .param("realm", "api")
//!     .param("error", "invalid_token");
//! let list = [basic, bearer];
//! let all = ChallengeListBuilder::new(&list);
//! assert_eq!(
//!     all.to_string().unwrap(),
//!     r#"Basic realm="simple", Bearer realm="api", error="invalid_token""#
//! );
//! // Or one header line per challenge:
//! let lines: Vec<String> = all.lines().unwrap().map(|l| l.to_string()).collect();
//! assert_eq!(lines, [r#"Basic realm="simple""#, r#"Bearer realm="api", error="invalid_token""#]);
//! # }
//!
//! // Without alloc, into a caller buffer:
//! let mut buf = [0u8; 64];
//! let n = ChallengeBuilder::new("Newauth")
//!     .param("title", Value::ext("Jäsøn"))
//!     .write_to_slice(&mut buf)
//!     .unwrap();
//! assert_eq!(&buf[..n], b"Newauth title*=UTF-8''J%C3%A4s%C3%B8n");
//! ```

use core::fmt;

mod display;
mod error;
mod rules;
mod sink;
mod value;

pub use display::CanonicalValue;
pub use error::{BuildError, Part};
pub use value::{Quote, Value};

pub(crate) use rules::Context;
use sink::{Count, Sink, Slice, Stop, Text};

use crate::chars::{is_tchar, is_token68_char};
use crate::error::ErrorKind;
use crate::params::MAX_UNIQUE_CHECK;

/// How many parameters a builder holds when no capacity is given.
pub const DEFAULT_CAPACITY: usize = 16;

/// One parameter for a builder: a name (a token) and a [`Value`].
///
/// A name that ends in `*` (other than `*` alone) takes an RFC 8187
/// ext-value (§3.2): [`Value::ext`], or a value that already is one (such
/// as a parsed `title*=UTF-8''a%20b`), which is checked
/// ([`ErrorKind::ExpectedExtValue`] and the other ext-value errors, at
/// [`Part::Value`]) and written as a token whatever its [`Quote`]: an
/// ext-value has no quoted form, so `title*="a b"` is refused (issue 16).
///
/// ```
/// # #[cfg(feature = "alloc")] {
/// use auth_headers::write::{ChallengeBuilder, Value};
/// let ok = ChallengeBuilder::new("X").param("title*", Value::new("UTF-8''a%20b").quoted());
/// assert_eq!(ok.to_string().unwrap(), "X title*=UTF-8''a%20b");
/// assert!(ChallengeBuilder::new("X").param("title*", "a b").to_string().is_err());
/// # }
/// ```
///
/// `Debug` writes `name=value` when the name is public and
/// `name=<redacted, N bytes>` otherwise ([`crate::redact`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct BuildParam<'a> {
    name: &'a str,
    value: Value<'a>,
}

impl<'a> BuildParam<'a> {
    const EMPTY: BuildParam<'static> = BuildParam {
        name: "",
        value: Value::text(""),
    };

    /// A parameter `name=value`.
    pub fn new(name: &'a str, value: impl Into<Value<'a>>) -> Self {
        BuildParam {
            name,
            value: value.into(),
        }
    }

    /// The name as given (an ext-value adds `*` when written).
    pub const fn name(&self) -> &'a str {
        self.name
    }

    /// The value.
    pub const fn value(&self) -> Value<'a> {
        self.value
    }

    /// The name without a trailing `*`, and whether the written name has one.
    fn written_name(&self) -> (&'a str, bool) {
        match self.name.strip_suffix('*') {
            // `*` alone is a token like any other, not an ext-value marker.
            Some(base) if !base.is_empty() => (base, true),
            _ => (self.name, self.value.is_ext()),
        }
    }
}

impl fmt::Debug for BuildParam<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}=", self.name)?;
        if crate::redact::is_public_param(self.name) {
            self.value.fmt_public(f)
        } else {
            fmt::Debug::fmt(&self.value, f)
        }
    }
}

/// Checks `s` as a `token` (RFC 9110 §5.6.2).
fn check_token(s: &[u8], part: Part) -> Result<(), BuildError> {
    if s.is_empty() {
        return Err(BuildError::new(ErrorKind::EmptyToken, part, 0));
    }
    match s.iter().position(|&b| !is_tchar(b)) {
        Some(i) => Err(BuildError::new(crate::syntax::byte_error(s[i]), part, i)),
        None => Ok(()),
    }
}

/// Checks `s` as a `token68` (RFC 9110 §11.2):
/// `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
fn check_token68(s: &[u8]) -> Result<(), BuildError> {
    let body = s
        .iter()
        .position(|&b| !is_token68_char(b))
        .unwrap_or(s.len());
    if body == 0 {
        return Err(match s.first() {
            None => BuildError::new(ErrorKind::EmptyToken, Part::Token68, 0),
            Some(&b) => BuildError::new(crate::syntax::byte_error(b), Part::Token68, 0),
        });
    }
    let pad = s[body..].iter().take_while(|&&b| b == b'=').count();
    match s.get(body + pad) {
        Some(&b) => Err(BuildError::new(
            crate::syntax::byte_error(b),
            Part::Token68,
            body + pad,
        )),
        None => Ok(()),
    }
}

/// Checks a parameter list: names are tokens, values pass their checks, no
/// name twice (names compare case-insensitively, `title` and `title*` differ).
fn check_params(params: &[BuildParam<'_>], text: bool) -> Result<(), BuildError> {
    for (i, p) in params.iter().enumerate() {
        let (base, star) = p.written_name();
        check_token(base.as_bytes(), Part::Name(i))?;
        p.value
            .check(text)
            .map_err(|(at, kind)| BuildError::new(kind, Part::Value(i), at))?;
        if star {
            p.value
                .check_ext()
                .map_err(|(at, kind)| BuildError::new(kind, Part::Value(i), at))?;
        }
        if i >= MAX_UNIQUE_CHECK {
            return Err(BuildError::new(ErrorKind::TooManyParams, Part::Name(i), 0));
        }
        let dup = params[..i].iter().any(|q| {
            let (qb, qs) = q.written_name();
            qs == star && qb.eq_ignore_ascii_case(base)
        });
        if dup {
            return Err(BuildError::new(ErrorKind::DuplicateParam, Part::Name(i), 0));
        }
    }
    Ok(())
}

/// Writes `name=value, name=value` for `scheme`'s rules in `ctx`.
pub(crate) fn emit_params<'p, S: Sink + ?Sized>(
    s: &mut S,
    scheme: &str,
    ctx: Context,
    params: impl Iterator<Item = BuildParam<'p>>,
) -> Result<(), Stop> {
    for (i, p) in params.enumerate() {
        if i > 0 {
            s.put(b", ")?;
        }
        let (base, star) = p.written_name();
        s.put(base.as_bytes())?;
        s.put(if star { b"*=" } else { b"=" })?;
        let quoted = if star {
            // An ext-value (`name*`) has no quoted form (RFC 8187 §3.2): the
            // builders checked that it is one, hence a token, whatever its
            // `Quote`. Only `Display` of a parsed `name*="…"` that is not an
            // ext-value gets here with a value that needs quoting.
            !p.value.is_ext() && !p.value.is_token()
        } else {
            match p.value.quote() {
                Quote::Always => true,
                Quote::Never => false,
                Quote::Auto => rules::always_quoted(scheme, ctx, base) || !p.value.is_token(),
            }
        };
        p.value.emit(s, quoted)?;
    }
    Ok(())
}

/// Writes `scheme`, then ` token68` or ` params` if any.
pub(crate) fn emit_item<'p, S: Sink + ?Sized>(
    s: &mut S,
    scheme: &str,
    token68: Option<&str>,
    mut params: core::iter::Peekable<impl Iterator<Item = BuildParam<'p>>>,
    ctx: Context,
) -> Result<(), Stop> {
    s.put(scheme.as_bytes())?;
    if let Some(t) = token68 {
        s.put(b" ")?;
        s.put(t.as_bytes())?;
    } else if params.peek().is_some() {
        s.put(b" ")?;
        emit_params(s, scheme, ctx, params)?;
    }
    Ok(())
}

/// What the builders share: scheme, token68 and inline parameters.
#[derive(Clone, Copy)]
struct Item<'a, const N: usize> {
    scheme: &'a str,
    token68: Option<&'a str>,
    params: [BuildParam<'a>; N],
    len: usize,
    overflow: bool,
}

impl<'a, const N: usize> Item<'a, N> {
    const fn new(scheme: &'a str) -> Self {
        Item {
            scheme,
            token68: None,
            params: [BuildParam::EMPTY; N],
            len: 0,
            overflow: false,
        }
    }

    fn push(&mut self, p: BuildParam<'a>) {
        match self.params.get_mut(self.len) {
            Some(slot) => {
                *slot = p;
                self.len += 1;
            }
            None => self.overflow = true,
        }
    }

    fn params(&self) -> &[BuildParam<'a>] {
        &self.params[..self.len]
    }

    /// `Debug` of a builder: the scheme, `<redacted>` for a token68, the
    /// parameters as [`BuildParam`] shows them.
    fn debug(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct(name);
        d.field("scheme", &self.scheme);
        if self.token68.is_some() {
            d.field("token68", &crate::redact::Redacted::HIDDEN);
        }
        d.field("params", &self.params()).finish()
    }

    fn check(&self, text: bool, with_scheme: bool) -> Result<(), BuildError> {
        if with_scheme {
            check_token(self.scheme.as_bytes(), Part::Scheme)?;
        }
        if let Some(t) = self.token68 {
            check_token68(t.as_bytes())?;
            if self.len > 0 || self.overflow {
                return Err(BuildError::new(
                    ErrorKind::Token68NotAlone,
                    Part::Name(0),
                    0,
                ));
            }
        }
        check_params(self.params(), text)?;
        if self.overflow {
            return Err(BuildError::new(ErrorKind::TooManyParams, Part::Name(N), 0));
        }
        Ok(())
    }

    fn emit<S: Sink + ?Sized>(&self, s: &mut S, ctx: Context) -> Result<(), Stop> {
        emit_item(
            s,
            self.scheme,
            self.token68,
            self.params().iter().copied().peekable(),
            ctx,
        )
    }
}

/// What every builder can do; the public methods are generated from it.
trait Emit {
    /// Checks the whole value; `text` when it goes to a `fmt::Write`.
    fn check_for(&self, text: bool) -> Result<(), BuildError>;
    /// Writes the checked value.
    fn emit<S: Sink + ?Sized>(&self, s: &mut S) -> Result<(), Stop>;

    fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> Result<(), BuildError> {
        self.check_for(true)?;
        let mut t = Text::new(w);
        self.emit(&mut t)
            .and_then(|()| t.finish())
            .map_err(|Stop| BuildError::new(ErrorKind::WriteFailed, Part::Output, 0))
    }

    fn encoded_len(&self) -> Result<usize, BuildError> {
        self.check_for(false)?;
        let mut n = Count(0);
        let _ = self.emit(&mut n);
        Ok(n.0)
    }

    fn write_to_slice(&self, buf: &mut [u8]) -> Result<usize, BuildError> {
        let need = self.encoded_len()?;
        if need > buf.len() {
            return Err(BuildError::new(
                ErrorKind::BufferTooSmall,
                Part::Output,
                need,
            ));
        }
        let mut s = Slice { buf, pos: 0 };
        self.emit(&mut s)
            .map_err(|Stop| BuildError::new(ErrorKind::BufferTooSmall, Part::Output, need))?;
        Ok(s.pos)
    }
}

macro_rules! write_methods {
    () => {
        /// Checks the whole value as [`write_to_slice`](Self::write_to_slice)
        /// would, without writing.
        pub fn check(&self) -> Result<(), BuildError> {
            Emit::check_for(self, false)
        }

        /// Checks the whole value, then writes it into `w`. On error nothing
        /// was written, unless `w` itself failed part way
        /// ([`ErrorKind::WriteFailed`]). Values must be UTF-8 here
        /// ([`ErrorKind::NotUtf8`]); bytes go to
        /// [`write_to_slice`](Self::write_to_slice).
        pub fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> Result<(), BuildError> {
            Emit::write_to(self, w)
        }

        /// Checks the whole value, then writes it into `buf` and returns the
        /// number of bytes written. On error `buf` is untouched
        /// ([`ErrorKind::BufferTooSmall`] carries the length needed as its
        /// offset).
        pub fn write_to_slice(&self, buf: &mut [u8]) -> Result<usize, BuildError> {
            Emit::write_to_slice(self, buf)
        }

        /// The length of the written value in bytes, after checking it.
        pub fn encoded_len(&self) -> Result<usize, BuildError> {
            Emit::encoded_len(self)
        }

        /// Checks the value and wraps it in a [`Checked`] whose `Display`
        /// writes it (so it can go into `format!`, `write!` …).
        pub fn checked(&self) -> Result<Checked<'_, Self>, BuildError> {
            Emit::check_for(self, true)?;
            Ok(Checked(self))
        }

        /// The value as a `String`.
        #[cfg(feature = "alloc")]
        pub fn to_string(&self) -> Result<alloc::string::String, BuildError> {
            let mut s = alloc::string::String::new();
            Emit::write_to(self, &mut s)?;
            Ok(s)
        }

        /// The value as bytes (values need not be UTF-8).
        #[cfg(feature = "alloc")]
        pub fn to_vec(&self) -> Result<alloc::vec::Vec<u8>, BuildError> {
            Emit::check_for(self, false)?;
            Ok(emit_vec(self))
        }

        /// The value as an [`http::HeaderValue`] (feature `http`): one
        /// allocation of the exact length, taken over without a copy.
        #[cfg(feature = "http")]
        pub fn to_header_value(&self) -> Result<::http::HeaderValue, BuildError> {
            header_value(self.to_vec()?)
        }
    };
}

/// The bytes of a value already checked, in a vector of their exact
/// length (counted first).
#[cfg(feature = "alloc")]
fn emit_vec<T: Emit + ?Sized>(value: &T) -> alloc::vec::Vec<u8> {
    let mut n = Count(0);
    let _ = value.emit(&mut n);
    let mut v = alloc::vec::Vec::with_capacity(n.0);
    let _ = value.emit(&mut v);
    v
}

/// A checked value's bytes turned into a `HeaderValue`, which takes the
/// vector over without a copy.
#[cfg(feature = "http")]
fn header_value(v: alloc::vec::Vec<u8>) -> Result<::http::HeaderValue, BuildError> {
    // Cannot fail: a checked value has no control byte but HTAB.
    ::http::HeaderValue::try_from(v)
        .map_err(|_| BuildError::new(ErrorKind::UnexpectedByte(0), Part::Output, 0))
}

/// A value that has been checked; its `Display` writes it.
///
/// ```
/// use auth_headers::write::ChallengeBuilder;
/// let c = ChallengeBuilder::new("Basic").param("realm", "x");
/// assert_eq!(format!("WWW-Authenticate: {}", c.checked().unwrap()), r#"WWW-Authenticate: Basic realm="x""#);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Checked<'b, T>(&'b T);

impl<T> Checked<'_, T> {
    /// The checked builder.
    pub fn get(&self) -> &T {
        self.0
    }
}

#[cfg(feature = "http")]
impl<const N: usize> Checked<'_, ChallengeBuilder<'_, N>> {
    /// The challenge as an [`http::HeaderValue`](::http::HeaderValue),
    /// without checking it a second time: a `Checked` passed the check for
    /// text, which refuses everything the check for bytes refuses (and more).
    /// `server::append_challenges` writes the lines of
    /// [`ChallengeListBuilder::lines`] with it.
    pub(crate) fn to_header_value(self) -> Result<::http::HeaderValue, BuildError> {
        debug_assert!(Emit::check_for(self.0, false).is_ok());
        header_value(emit_vec(self.0))
    }
}

#[allow(private_bounds)]
impl<T: Emit> fmt::Display for Checked<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut t = Text::new(f);
        self.0.emit(&mut t).map_err(|Stop| fmt::Error)?;
        t.finish().map_err(|Stop| fmt::Error)
    }
}

macro_rules! item_builder {
    ($name:ident, $ctx:expr, $what:literal, $example:literal) => {
        impl<'a> $name<'a, DEFAULT_CAPACITY> {
            /// Starts a value with the auth-scheme `scheme` (a token, checked
            /// when written), holding up to [`DEFAULT_CAPACITY`] parameters.
            #[doc = $example]
            pub const fn new(scheme: &'a str) -> Self {
                $name {
                    item: Item::new(scheme),
                }
            }
        }

        impl<'a, const N: usize> $name<'a, N> {
            /// Starts a value that holds up to `N` parameters:
            #[doc = concat!("`", stringify!($name), "::<'_, 32>::with_capacity(\"Digest\")`.")]
            pub const fn with_capacity(scheme: &'a str) -> Self {
                $name {
                    item: Item::new(scheme),
                }
            }

            #[doc = concat!("Sets the token68 of the ", $what, " (RFC 9110 §11.2); a token68 goes")]
            /// alone, without parameters.
            pub const fn token68(mut self, token68: &'a str) -> Self {
                self.item.token68 = Some(token68);
                self
            }

            /// Adds the parameter `name=value` (by value, for chaining).
            pub fn param(mut self, name: &'a str, value: impl Into<Value<'a>>) -> Self {
                self.item.push(BuildParam::new(name, value));
                self
            }

            /// Adds the parameter `name=value` when `value` is `Some`.
            pub fn param_opt<V: Into<Value<'a>>>(self, name: &'a str, value: Option<V>) -> Self {
                match value {
                    Some(v) => self.param(name, v),
                    None => self,
                }
            }

            /// Adds the parameter `name=value` in place.
            pub fn push(&mut self, name: &'a str, value: impl Into<Value<'a>>) -> &mut Self {
                self.item.push(BuildParam::new(name, value));
                self
            }

            /// The auth-scheme.
            pub const fn scheme(&self) -> &'a str {
                self.item.scheme
            }

            /// The parameters added so far (at most `N`).
            pub fn params(&self) -> &[BuildParam<'a>] {
                self.item.params()
            }

            write_methods!();
        }

        impl<const N: usize> Emit for $name<'_, N> {
            fn check_for(&self, text: bool) -> Result<(), BuildError> {
                self.item.check(text, true)
            }
            fn emit<S: Sink + ?Sized>(&self, s: &mut S) -> Result<(), Stop> {
                self.item.emit(s, $ctx)
            }
        }
    };
}

/// Builds one challenge for `WWW-Authenticate` or `Proxy-Authenticate`
/// (RFC 9110 §11.3).
#[derive(Clone, Copy)]
pub struct ChallengeBuilder<'a, const N: usize = DEFAULT_CAPACITY> {
    item: Item<'a, N>,
}

item_builder!(
    ChallengeBuilder,
    Context::Challenge,
    "challenge",
    "```\n# #[cfg(feature = \"alloc\")] {\nlet v = auth_headers::write::ChallengeBuilder::new(\"Bearer\")\n    .param(\"realm\", \"example\")\n    .to_string()\n    .unwrap();\nassert_eq!(v, r#\"Bearer realm=\"example\"\"#); // RFC 6750 §3\n# }\n```"
);

impl<const N: usize> fmt::Debug for ChallengeBuilder<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.item.debug("ChallengeBuilder", f)
    }
}

/// Builds the credentials of `Authorization` or `Proxy-Authorization`
/// (RFC 9110 §11.4). `Debug` shows the scheme, the parameter names and
/// the values of public names only, never a token68 ([`crate::redact`]);
/// `Display` (of [`CredentialsBuilder::checked`]) writes the wire form.
#[derive(Clone, Copy)]
pub struct CredentialsBuilder<'a, const N: usize = DEFAULT_CAPACITY> {
    item: Item<'a, N>,
}

item_builder!(
    CredentialsBuilder,
    Context::Credentials,
    "credentials",
    "```\n# #[cfg(feature = \"alloc\")] {\nlet v = auth_headers::write::CredentialsBuilder::new(\"Basic\")\n    .token68(\"QWxhZGRpbjpvcGVuIHNlc2FtZQ==\")\n    .to_string()\n    .unwrap();\nassert_eq!(v, \"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\"); // RFC 7617 §2\n# }\n```"
);

impl<const N: usize> fmt::Debug for CredentialsBuilder<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.item.debug("CredentialsBuilder", f)
    }
}

/// Builds an `Authentication-Info` or `Proxy-Authentication-Info` value
/// (RFC 9110 §11.6.3, RFC 7615 §3): `#auth-param`.
///
/// ```
/// # #[cfg(feature = "alloc")] {
/// use auth_headers::write::AuthInfoBuilder;
/// let v = AuthInfoBuilder::new().param("nextnonce", "abc").to_string().unwrap();
/// assert_eq!(v, "nextnonce=abc");
/// // With the Digest rules of RFC 7616 §3.5:
/// let v = AuthInfoBuilder::for_scheme("Digest").param("nextnonce", "abc").to_string().unwrap();
/// assert_eq!(v, r#"nextnonce="abc""#);
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct AuthInfoBuilder<'a, const N: usize = DEFAULT_CAPACITY> {
    item: Item<'a, N>,
}

impl<'a> AuthInfoBuilder<'a, DEFAULT_CAPACITY> {
    /// An empty list with the generic quoting rules.
    pub const fn new() -> Self {
        AuthInfoBuilder {
            item: Item::new(""),
        }
    }

    /// An empty list that follows `scheme`'s quoting rules (`Digest`).
    pub const fn for_scheme(scheme: &'a str) -> Self {
        AuthInfoBuilder {
            item: Item::new(scheme),
        }
    }
}

impl Default for AuthInfoBuilder<'_, DEFAULT_CAPACITY> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a, const N: usize> AuthInfoBuilder<'a, N> {
    /// An empty list holding up to `N` parameters, following `scheme`'s
    /// quoting rules (`""` for none).
    pub const fn with_capacity(scheme: &'a str) -> Self {
        AuthInfoBuilder {
            item: Item::new(scheme),
        }
    }

    /// Adds the parameter `name=value` (by value, for chaining).
    pub fn param(mut self, name: &'a str, value: impl Into<Value<'a>>) -> Self {
        self.item.push(BuildParam::new(name, value));
        self
    }

    /// Adds the parameter `name=value` when `value` is `Some`.
    pub fn param_opt<V: Into<Value<'a>>>(self, name: &'a str, value: Option<V>) -> Self {
        match value {
            Some(v) => self.param(name, v),
            None => self,
        }
    }

    /// Adds the parameter `name=value` in place.
    pub fn push(&mut self, name: &'a str, value: impl Into<Value<'a>>) -> &mut Self {
        self.item.push(BuildParam::new(name, value));
        self
    }

    /// The parameters added so far.
    pub fn params(&self) -> &[BuildParam<'a>] {
        self.item.params()
    }

    write_methods!();
}

impl<const N: usize> Emit for AuthInfoBuilder<'_, N> {
    fn check_for(&self, text: bool) -> Result<(), BuildError> {
        self.item.check(text, false)
    }
    fn emit<S: Sink + ?Sized>(&self, s: &mut S) -> Result<(), Stop> {
        emit_params(
            s,
            self.item.scheme,
            Context::AuthInfo,
            self.item.params().iter().copied(),
        )
    }
}

impl<const N: usize> fmt::Debug for AuthInfoBuilder<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthInfoBuilder")
            .field("params", &self.item.params())
            .finish()
    }
}

/// Several challenges: joined with `, ` into one value, or one per header
/// line with [`ChallengeListBuilder::lines`] (some clients only read the
/// first challenge of a line). An empty list is refused
/// ([`ErrorKind::NoChallenge`]): a 401 must carry at least one challenge
/// (RFC 9110 §15.5.2).
///
/// ```
/// use auth_headers::write::{ChallengeBuilder, ChallengeListBuilder};
/// use auth_headers::ErrorKind;
/// let list = [ChallengeBuilder::new("Negotiate"), ChallengeBuilder::new("Basic").param("realm", "intranet")];
/// let mut buf = [0u8; 64];
/// let n = ChallengeListBuilder::new(&list).write_to_slice(&mut buf).unwrap();
/// assert_eq!(&buf[..n], br#"Negotiate, Basic realm="intranet""#);
/// // A 401 needs at least one challenge (RFC 9110 §15.5.2).
/// let none: [ChallengeBuilder; 0] = [];
/// let err = ChallengeListBuilder::new(&none).check().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::NoChallenge);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ChallengeListBuilder<'a, 'b, const N: usize = DEFAULT_CAPACITY> {
    challenges: &'b [ChallengeBuilder<'a, N>],
}

impl<'a, 'b, const N: usize> ChallengeListBuilder<'a, 'b, N> {
    /// The challenges, in the order they are to be written.
    pub const fn new(challenges: &'b [ChallengeBuilder<'a, N>]) -> Self {
        ChallengeListBuilder { challenges }
    }

    /// Checks every challenge, then gives them one by one, each ready to be
    /// written as its own header line (`Display`, or the methods of
    /// [`Checked::get`]). On error no line is given.
    pub fn lines(&self) -> Result<Lines<'a, 'b, N>, BuildError> {
        Emit::check_for(self, true)?;
        Ok(Lines(self.challenges.iter()))
    }

    write_methods!();
}

impl<const N: usize> Emit for ChallengeListBuilder<'_, '_, N> {
    fn check_for(&self, text: bool) -> Result<(), BuildError> {
        if self.challenges.is_empty() {
            return Err(BuildError::new(ErrorKind::NoChallenge, Part::List, 0));
        }
        for (i, c) in self.challenges.iter().enumerate() {
            c.item.check(text, true).map_err(|e| e.in_challenge(i))?;
        }
        Ok(())
    }
    fn emit<S: Sink + ?Sized>(&self, s: &mut S) -> Result<(), Stop> {
        for (i, c) in self.challenges.iter().enumerate() {
            if i > 0 {
                s.put(b", ")?;
            }
            c.item.emit(s, Context::Challenge)?;
        }
        Ok(())
    }
}

/// The checked challenges of a [`ChallengeListBuilder`], one per header line.
#[derive(Clone, Debug)]
pub struct Lines<'a, 'b, const N: usize>(core::slice::Iter<'b, ChallengeBuilder<'a, N>>);

impl<'a, 'b, const N: usize> Iterator for Lines<'a, 'b, N> {
    type Item = Checked<'b, ChallengeBuilder<'a, N>>;
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(Checked)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<const N: usize> ExactSizeIterator for Lines<'_, '_, N> {}
