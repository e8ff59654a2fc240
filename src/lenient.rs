//! Opt-in lenient parsing, for the values that real senders get wrong.
//!
//! Parsing is strict by default: the functions at the crate root accept
//! exactly the grammar of RFC 9110 §11. Clients still have to talk to IP
//! cameras, proxies and hand-written servers that send values the RFC
//! rejects, and still need the realm and the nonce. A [`ParseOptions`] value
//! (in the spirit of httparse's `ParserConfig`) switches on one relaxation
//! per deviation; every switch is off by default, and [`ParseOptions::lenient`]
//! turns on the ones that real clients need.
//!
//! Whatever a lenient parse accepted that the strict one would not is
//! reported beside the result as a list of [`Deviation`]s, each with a byte
//! offset and a [`DeviationKind`], so that a caller can log it; so are the
//! repeated names that [`ParseOptions::repeated_params`] looks for, which
//! strict parsing accepts too and which are therefore reported, not
//! forgiven ([`DeviationKind::is_forgiven`]). Reporting
//! allocates nothing: the `parse_*` calls fill a fixed-capacity
//! [`Deviations`], and the `parse_*_with` calls hand each deviation to a
//! closure.
//!
//! ```
//! use auth_headers::{parse_challenges, DeviationKind, ParseOptions};
//!
//! // An IP camera that forgets the commas between the parameters.
//! let value = r#"Digest realm="IP Camera" nonce="a1b2" qop="auth""#;
//! assert!(parse_challenges(value).is_err());
//!
//! let parsed = ParseOptions::lenient().parse_challenges(value).unwrap();
//! let digest = parsed.value.find("digest").unwrap();
//! assert!(digest.param("nonce").unwrap().eq_str("a1b2"));
//! let kinds: Vec<_> = parsed.deviations.iter().map(|d| (d.offset, d.kind)).collect();
//! assert_eq!(kinds, [(25, DeviationKind::MissingComma), (38, DeviationKind::MissingComma)]);
//! ```
//!
//! # How a lenient value is read
//! The lenient grammar is the strict one with a branch at each place where
//! strict parsing would fail; a value that parses strictly parses the same
//! way under any options, with no deviation (the one exception is
//! [`ParseOptions::allow_single_quotes`], documented there, which is why the
//! preset leaves it off). The relaxations are remembered in the parsed
//! values, so that iterating a [`Params`](crate::Params) later reads the
//! list the same way.
//!
//! # Digest interop quirks (RFC 7616)
//! Some of what older Digest servers and cameras send needs no switch:
//! `realm=cam` and `nonce=abc` unquoted, `qop=auth` unquoted, `algorithm="MD5"`
//! quoted and the scheme written `DIGEST` are all valid by the generic
//! grammar (a value is `token / quoted-string`, a scheme compares
//! case-insensitively); RFC 7616 asks for a particular quoting, and
//! [`crate::lint`] reports where it is not followed.
//!
//! ```
//! let list = auth_headers::parse_challenges(r#"DIGEST realm=cam, nonce=abc, qop=auth, algorithm="MD5""#).unwrap();
//! let d = list.find("Digest").unwrap();
//! assert!(d.param("algorithm").unwrap().eq_ignore_ascii_case("md5"));
//! ```

use core::fmt;

use crate::challenge::{challenges_with, ChallengeList};
use crate::credentials::{credentials_with, Credentials};
use crate::error::Error;
pub use crate::mode::DeviationKind;
use crate::mode::{Flags, Mode};
use crate::params::{auth_info, Params};
use crate::span::offset_of;

/// A lenient parse that reports each relaxation it uses to a sink.
struct Recorder<'s> {
    flags: Flags,
    /// The value being parsed: offsets are measured from its start.
    value: &'s [u8],
    sink: &'s mut dyn FnMut(Deviation),
    /// The last deviation reported, so that a separator read twice (once
    /// to look ahead) is reported once.
    last: Option<Deviation>,
}

impl Mode for Recorder<'_> {
    fn allows(&self, f: Flags) -> bool {
        self.flags.contains(f)
    }
    fn flags(&self) -> Flags {
        self.flags
    }
    fn note(&mut self, at: &[u8], kind: DeviationKind) {
        let d = Deviation {
            offset: offset_of(self.value, at),
            kind,
        };
        if self.last != Some(d) {
            self.last = Some(d);
            (self.sink)(d);
        }
    }
}

/// Which value lookups such as [`Challenge::param`](crate::Challenge::param)
/// return when a parameter name is repeated in one challenge or credentials.
///
/// RFC 9110 §11.2 says each name occurs at most once. Whatever the choice,
/// parsing keeps every pair in input order ([`Params::iter`]) and the
/// validating calls ([`crate::ChallengeList::validate`],
/// [`Params::check_unique`]) still refuse the repeat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RepeatedParams {
    /// Strict behaviour: repeats are not looked for while parsing, and
    /// lookups return the first value.
    #[default]
    Unchecked,
    /// Each repeat is reported as [`DeviationKind::RepeatedParam`]; lookups
    /// return the first value.
    FirstWins,
    /// Each repeat is reported as [`DeviationKind::RepeatedParam`]; lookups
    /// return the last value (what a parser that stores parameters in a map,
    /// overwriting, would see).
    LastWins,
}

/// Which relaxations of the grammar a parse accepts. All are off by default
/// (`ParseOptions::default()` is [`ParseOptions::strict`]).
///
/// Each `allow_*` switch names the deviation it accepts, with an example and
/// the senders that need it. Switches compose: a value may need several.
///
/// ```
/// use auth_headers::ParseOptions;
/// const CAMERA: ParseOptions = ParseOptions::strict().allow_missing_commas(true);
/// let parsed = CAMERA.parse_challenges(r#"Digest realm="a" nonce="b""#).unwrap();
/// assert_eq!(parsed.deviations.len(), 1);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ParseOptions {
    flags: Flags,
}

impl ParseOptions {
    /// The strict grammar of RFC 9110: every switch off.
    pub const fn strict() -> Self {
        ParseOptions {
            flags: Flags::EMPTY,
        }
    }

    /// The preset for clients that must read what real servers send: every
    /// switch on except [`allow_single_quotes`](Self::allow_single_quotes)
    /// (it changes the meaning of a strictly valid value, since `'` is a
    /// `tchar`), with [`RepeatedParams::FirstWins`].
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let p = ParseOptions::lenient()
    ///     .parse_credentials("Bearer: eyJhbGciOi.e30.sig ")
    ///     .unwrap();
    /// assert_eq!(p.value.token68(), Some("eyJhbGciOi.e30.sig"));
    /// assert_eq!(p.deviations.len(), 2); // the ':' and the trailing space
    /// ```
    pub const fn lenient() -> Self {
        ParseOptions::strict()
            .allow_missing_commas(true)
            .allow_unquoted_separators(true)
            .allow_separator_after_scheme(true)
            .allow_semicolon_separators(true)
            .allow_unterminated_quote(true)
            .allow_surrounding_whitespace(true)
            .allow_stray_commas(true)
            .repeated_params(RepeatedParams::FirstWins)
    }

    pub(crate) const fn flags(&self) -> Flags {
        self.flags
    }

    const fn with(self, f: Flags, on: bool) -> Self {
        ParseOptions {
            flags: self.flags.set(f, on),
        }
    }

    /// Whether every switch is off.
    pub const fn is_strict(&self) -> bool {
        self.flags.is_empty()
    }

    /// Parameters separated by whitespace only, with no comma:
    /// `Digest realm="a" nonce="b" qop="auth"`. Some IP cameras send this,
    /// as do server code that builds challenges by joining with spaces (the
    /// `Bearer realm="x" error="y"` of Kong#14429 and of actix-web-httpauth's
    /// builder). Reported as [`DeviationKind::MissingComma`] at the name that
    /// lacked its comma.
    ///
    /// A missing comma between two *challenges* is not accepted: `Basic
    /// realm="a" Bearer` stays an error, since `Bearer` is not `name=`.
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let o = ParseOptions::strict().allow_missing_commas(true);
    /// let p = o.parse_challenges(r#"Bearer realm="x" error="invalid_token""#).unwrap();
    /// assert!(p.value.find("bearer").unwrap().param("error").unwrap().eq_str("invalid_token"));
    /// assert!(ParseOptions::strict().parse_challenges(r#"Bearer realm="x" error="y""#).is_err());
    /// ```
    pub const fn allow_missing_commas(self, on: bool) -> Self {
        self.with(Flags::MISSING_COMMAS, on)
    }

    /// Unquoted values holding bytes outside `tchar`, such as `/`, `:`, `@`
    /// or `=`, up to the next comma, whitespace, `"` or control byte. AWS
    /// Signature V4 sends `Credential=AKIA…/20130524/us-east-1/s3/aws4_request`
    /// and `SignedHeaders=host;range;x-amz-date`; some Digest clients send
    /// `uri=/index.html` unquoted; base64 with padding turns up as a value.
    /// The value is taken literally (there are no escapes). Reported as
    /// [`DeviationKind::BareValue`] at the first byte that is not a `tchar`.
    ///
    /// With [`allow_semicolon_separators`](Self::allow_semicolon_separators)
    /// a `;` ends the value only when a parameter, a comma or the end follows
    /// it, so `SignedHeaders=host;range` stays one value.
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let v = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
    ///          SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79";
    /// assert!(auth_headers::parse_credentials(v).is_err());
    /// let p = ParseOptions::strict().allow_unquoted_separators(true).parse_credentials(v).unwrap();
    /// assert!(p.value.param("credential").unwrap()
    ///     .eq_str("AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request"));
    /// assert!(p.value.param("signedheaders").unwrap().eq_str("content-type;host;x-amz-date"));
    /// ```
    pub const fn allow_unquoted_separators(self, on: bool) -> Self {
        self.with(Flags::BARE_VALUES, on)
    }

    /// A `;` or `:` right after the auth-scheme, in place of the space:
    /// `Basic; realm="x"`, `Bearer: eyJ…`. Hand-written clients and servers
    /// that treat the scheme like a `Content-Type` parameter or a label send
    /// this. Reported as [`DeviationKind::SeparatorAfterScheme`] at the `;`
    /// or `:`.
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let o = ParseOptions::strict().allow_separator_after_scheme(true);
    /// let p = o.parse_credentials("Bearer: mF_9.B5f-4.1JqM").unwrap();
    /// assert_eq!(p.value.token68(), Some("mF_9.B5f-4.1JqM"));
    /// let p = o.parse_challenges(r#"Basic; realm="x""#).unwrap();
    /// assert!(p.value.find("basic").unwrap().realm().unwrap().eq_str("x"));
    /// ```
    pub const fn allow_separator_after_scheme(self, on: bool) -> Self {
        self.with(Flags::SCHEME_SEPARATOR, on)
    }

    /// Parameters separated by `;` instead of `,`: `Digest realm="a";
    /// nonce="b"`, from servers that write parameters the way `Content-Type`
    /// does. A `;` counts as a comma wherever the list rule allows one.
    /// Reported as [`DeviationKind::Semicolon`] at each `;`.
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let o = ParseOptions::strict().allow_semicolon_separators(true);
    /// let p = o.parse_challenges(r#"Digest realm="a"; nonce="b""#).unwrap();
    /// assert!(p.value.find("digest").unwrap().param("nonce").unwrap().eq_str("b"));
    /// ```
    pub const fn allow_semicolon_separators(self, on: bool) -> Self {
        self.with(Flags::SEMICOLONS, on)
    }

    /// A quoted-string left open at the end of the value: the value runs to
    /// the end. Proxies and logging pipelines that cut long header lines
    /// produce it. Reported as [`DeviationKind::UnterminatedQuote`] at the
    /// opening `"`. Escapes before the end are still honoured; a control
    /// byte is still an error. A backslash as the very last byte began a
    /// quoted-pair whose byte was cut off: it escapes nothing that was sent
    /// and is not part of the value, so `realm="abc\` reads as `abc` and is
    /// written back as `realm="abc"` (issue 16).
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let o = ParseOptions::strict().allow_unterminated_quote(true);
    /// let p = o.parse_challenges(r#"Basic realm="cut off"#).unwrap();
    /// assert!(p.value.find("basic").unwrap().realm().unwrap().eq_str("cut off"));
    /// let p = o.parse_challenges(r#"Basic realm="a\"b\"#).unwrap();
    /// assert_eq!(p.value.to_string(), r#"Basic realm="a\"b""#);
    /// ```
    pub const fn allow_unterminated_quote(self, on: bool) -> Self {
        self.with(Flags::UNTERMINATED_QUOTE, on)
    }

    /// Values in single quotes, `realm='x'`, as hand-written servers send
    /// them. The value is **unquoted**: the bytes between the single quotes,
    /// taken literally (no escapes; spaces and commas allowed), so
    /// `realm='my realm'` gives `my realm`. Reported as
    /// [`DeviationKind::SingleQuotes`] at the opening `'`.
    ///
    /// Because `'` is a `tchar`, strict parsing already accepts `realm='x'`
    /// as the token `'x'`, quotes included; this switch changes that value
    /// to `x`, which is why [`ParseOptions::lenient`] leaves it off. A `'`
    /// with no closing `'` is read as strict reads it.
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let strict = auth_headers::parse_challenges("Basic realm='x'").unwrap();
    /// assert!(strict.find("basic").unwrap().realm().unwrap().eq_str("'x'"));
    /// let o = ParseOptions::strict().allow_single_quotes(true);
    /// let p = o.parse_challenges("Basic realm='my realm', charset='UTF-8'").unwrap();
    /// let basic = p.value.find("basic").unwrap();
    /// assert!(basic.realm().unwrap().eq_str("my realm"));
    /// assert!(basic.param("charset").unwrap().eq_str("UTF-8"));
    /// ```
    pub const fn allow_single_quotes(self, on: bool) -> Self {
        self.with(Flags::SINGLE_QUOTES, on)
    }

    /// Whitespace at the start or the end of the value, which a field value
    /// never has (RFC 9110 §5.5) but which values copied from configuration
    /// files, test fixtures or logs often carry. Reported as
    /// [`DeviationKind::LeadingWhitespace`] / [`DeviationKind::TrailingWhitespace`]
    /// at the first dropped byte.
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let o = ParseOptions::strict().allow_surrounding_whitespace(true);
    /// let p = o.parse_credentials(" Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==  ").unwrap();
    /// assert_eq!(p.value.token68(), Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    /// ```
    pub const fn allow_surrounding_whitespace(self, on: bool) -> Self {
        self.with(Flags::SURROUNDING_WHITESPACE, on)
    }

    /// Commas beyond what the `#list` rule allows: a comma right after the
    /// scheme of a challenge followed by its parameters, `Bearer,
    /// error="invalid_token"` (oauthlib#676, akka-http#1295, vouch#244), read
    /// as parameters of that scheme ([`DeviationKind::CommaAfterScheme`]);
    /// and a comma after the token68 or bare scheme of credentials,
    /// `Basic QWxh…==,` ([`DeviationKind::StrayComma`]).
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let o = ParseOptions::strict().allow_stray_commas(true);
    /// let p = o.parse_challenges(r#"Bearer, error="invalid_token""#).unwrap();
    /// assert_eq!(p.value.len(), 1);
    /// assert!(p.value.find("bearer").unwrap().param("error").unwrap().eq_str("invalid_token"));
    /// assert!(o.parse_credentials("Basic QWxhZGRpbg==,").is_ok());
    /// ```
    pub const fn allow_stray_commas(self, on: bool) -> Self {
        self.with(Flags::STRAY_COMMAS, on)
    }

    /// What lookups return when a parameter name repeats in one challenge or
    /// credentials (a server that sends `resource_metadata` twice,
    /// getsentry/sentry-mcp#939), and whether the repeat is reported.
    ///
    /// ```
    /// use auth_headers::{ParseOptions, RepeatedParams};
    /// let v = "Bearer realm=a, realm=b";
    /// let first = ParseOptions::strict().repeated_params(RepeatedParams::FirstWins);
    /// let last = ParseOptions::strict().repeated_params(RepeatedParams::LastWins);
    /// let p = first.parse_challenges(v).unwrap();
    /// assert!(p.value.find("bearer").unwrap().realm().unwrap().eq_str("a"));
    /// assert_eq!(p.deviations.len(), 1);
    /// let p = last.parse_challenges(v).unwrap();
    /// assert!(p.value.find("bearer").unwrap().realm().unwrap().eq_str("b"));
    /// // Every pair is still there, in order, and the server-side check still refuses it.
    /// assert_eq!(p.value.find("bearer").unwrap().params().len(), 2);
    /// assert!(p.value.validate().is_err());
    /// ```
    pub const fn repeated_params(self, r: RepeatedParams) -> Self {
        let f = self
            .flags
            .set(Flags::REPEATS_FIRST, matches!(r, RepeatedParams::FirstWins))
            .set(Flags::REPEATS_LAST, matches!(r, RepeatedParams::LastWins));
        ParseOptions { flags: f }
    }

    /// The lazy iterator over the challenges of `value`, read with these
    /// options ([`crate::Challenges::with_options`]); it does not report
    /// deviations.
    pub fn challenges<'a, V: AsRef<[u8]> + ?Sized>(&self, value: &'a V) -> crate::Challenges<'a> {
        crate::Challenges::with_options(value, *self)
    }

    /// Checks a whole `WWW-Authenticate` or `Proxy-Authenticate` value with
    /// these options, handing each deviation to `sink` as it is found.
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let mut seen = 0;
    /// let list = ParseOptions::lenient()
    ///     .parse_challenges_with("Basic; realm=x", &mut |_| seen += 1)
    ///     .unwrap();
    /// assert_eq!((list.len(), seen), (1, 1));
    /// ```
    pub fn parse_challenges_with<'a, V: AsRef<[u8]> + ?Sized>(
        &self,
        value: &'a V,
        sink: &mut dyn FnMut(Deviation),
    ) -> Result<ChallengeList<'a>, Error> {
        let value = value.as_ref();
        challenges_with(value, &mut self.recorder(value, sink))
    }

    /// Parses an `Authorization` or `Proxy-Authorization` value with these
    /// options, handing each deviation to `sink`.
    pub fn parse_credentials_with<'a, V: AsRef<[u8]> + ?Sized>(
        &self,
        value: &'a V,
        sink: &mut dyn FnMut(Deviation),
    ) -> Result<Credentials<'a>, Error> {
        let value = value.as_ref();
        credentials_with(value, &mut self.recorder(value, sink))
    }

    /// Parses an `Authentication-Info` or `Proxy-Authentication-Info` value
    /// with these options, handing each deviation to `sink`.
    pub fn parse_auth_info_with<'a, V: AsRef<[u8]> + ?Sized>(
        &self,
        value: &'a V,
        sink: &mut dyn FnMut(Deviation),
    ) -> Result<Params<'a>, Error> {
        let value = value.as_ref();
        auth_info(value, self.flags, &mut self.recorder(value, sink))
    }

    /// Checks a whole `WWW-Authenticate` or `Proxy-Authenticate` value with
    /// these options: the challenges and what was forgiven.
    ///
    /// ```
    /// use auth_headers::{DeviationKind, ParseOptions};
    /// let p = ParseOptions::lenient().parse_challenges("Basic realm=\"x\" ").unwrap();
    /// assert_eq!(p.deviations.as_slice()[0].kind, DeviationKind::TrailingWhitespace);
    /// assert_eq!(p.deviations.as_slice()[0].offset, 15);
    /// ```
    pub fn parse_challenges<'a, V: AsRef<[u8]> + ?Sized>(
        &self,
        value: &'a V,
    ) -> Result<LenientParse<ChallengeList<'a>>, Error> {
        let mut deviations = Deviations::new();
        let value = self.parse_challenges_with(value, &mut |d| deviations.push(d))?;
        Ok(LenientParse { value, deviations })
    }

    /// Parses an `Authorization` or `Proxy-Authorization` value with these
    /// options: the credentials and what was forgiven.
    pub fn parse_credentials<'a, V: AsRef<[u8]> + ?Sized>(
        &self,
        value: &'a V,
    ) -> Result<LenientParse<Credentials<'a>>, Error> {
        let mut deviations = Deviations::new();
        let value = self.parse_credentials_with(value, &mut |d| deviations.push(d))?;
        Ok(LenientParse { value, deviations })
    }

    /// Parses an `Authentication-Info` or `Proxy-Authentication-Info` value
    /// with these options: the parameters and what was forgiven.
    ///
    /// ```
    /// use auth_headers::ParseOptions;
    /// let p = ParseOptions::lenient().parse_auth_info(r#"qop=auth; rspauth="d3""#).unwrap();
    /// assert!(p.value.get("rspauth").unwrap().eq_str("d3"));
    /// ```
    pub fn parse_auth_info<'a, V: AsRef<[u8]> + ?Sized>(
        &self,
        value: &'a V,
    ) -> Result<LenientParse<Params<'a>>, Error> {
        let mut deviations = Deviations::new();
        let value = self.parse_auth_info_with(value, &mut |d| deviations.push(d))?;
        Ok(LenientParse { value, deviations })
    }

    fn recorder<'s>(&self, value: &'s [u8], sink: &'s mut dyn FnMut(Deviation)) -> Recorder<'s> {
        Recorder {
            flags: self.flags,
            value,
            sink,
            last: None,
        }
    }

    /// The names of the switches that are on, in declaration order.
    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        const NAMES: [(Flags, &str); 10] = [
            (Flags::MISSING_COMMAS, "allow_missing_commas"),
            (Flags::BARE_VALUES, "allow_unquoted_separators"),
            (Flags::SCHEME_SEPARATOR, "allow_separator_after_scheme"),
            (Flags::SEMICOLONS, "allow_semicolon_separators"),
            (Flags::UNTERMINATED_QUOTE, "allow_unterminated_quote"),
            (Flags::SINGLE_QUOTES, "allow_single_quotes"),
            (
                Flags::SURROUNDING_WHITESPACE,
                "allow_surrounding_whitespace",
            ),
            (Flags::STRAY_COMMAS, "allow_stray_commas"),
            (Flags::REPEATS_FIRST, "repeated_params(FirstWins)"),
            (Flags::REPEATS_LAST, "repeated_params(LastWins)"),
        ];
        NAMES
            .into_iter()
            .filter(|(f, _)| self.flags.contains(*f))
            .map(|(_, n)| n)
    }
}

/// Lists the switches that are on.
impl fmt::Debug for ParseOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.names()).finish()
    }
}

/// The lenient entry point of the lazy reader (its strict one is
/// [`Challenges::new`](crate::Challenges::new)).
impl<'a> crate::Challenges<'a> {
    /// Starts reading `value` with the relaxations of `options` (see
    /// [`ParseOptions`]; to learn which relaxations were used, parse with
    /// [`ParseOptions::parse_challenges`]).
    ///
    /// ```
    /// use auth_headers::{Challenges, ParseOptions};
    /// let v = r#"Digest realm="cam" nonce="n1" qop="auth""#;
    /// assert!(Challenges::new(v).next().unwrap().is_err());
    /// let c = Challenges::with_options(v, ParseOptions::lenient()).next().unwrap().unwrap();
    /// assert!(c.param("nonce").unwrap().eq_str("n1"));
    /// ```
    pub fn with_options<V: AsRef<[u8]> + ?Sized>(value: &'a V, options: ParseOptions) -> Self {
        let mut flags = options.flags();
        Self::with_mode(value.as_ref(), &mut flags)
    }
}

/// What a lenient parse forgave: the kind of relaxation used, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Deviation {
    /// Byte offset in the value of the byte that strict parsing refused (or,
    /// for a repeated name, of the repeat).
    pub offset: usize,
    /// What was forgiven.
    pub kind: DeviationKind,
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.kind)
    }
}

/// How many deviations a [`Deviations`] keeps; further ones are counted
/// ([`Deviations::dropped`]). Use the `parse_*_with` calls to see them all.
pub const MAX_DEVIATIONS: usize = 16;

/// The deviations of one lenient parse, in input order, in a fixed-capacity
/// array (nothing is allocated).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Deviations {
    items: [Deviation; MAX_DEVIATIONS],
    len: usize,
    dropped: usize,
    /// How many of all the deviations, kept or dropped, were forgiven.
    forgiven: usize,
}

impl Deviations {
    const fn new() -> Self {
        Deviations {
            items: [Deviation {
                offset: 0,
                kind: DeviationKind::MissingComma,
            }; MAX_DEVIATIONS],
            len: 0,
            dropped: 0,
            forgiven: 0,
        }
    }

    fn push(&mut self, d: Deviation) {
        self.forgiven += usize::from(d.kind.is_forgiven());
        if self.len < MAX_DEVIATIONS {
            self.items[self.len] = d;
            self.len += 1;
        } else {
            self.dropped += 1;
        }
    }

    /// The deviations kept, in input order.
    pub fn as_slice(&self) -> &[Deviation] {
        &self.items[..self.len]
    }

    /// Iterates over the deviations kept.
    pub fn iter(&self) -> core::slice::Iter<'_, Deviation> {
        self.as_slice().iter()
    }

    /// The number of deviations kept.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing was reported. A value that parses strictly may still
    /// report repeated names; [`Deviations::forgiven`] tells whether it does.
    pub const fn is_empty(&self) -> bool {
        self.len == 0 && self.dropped == 0
    }

    /// How many of the deviations, kept or dropped, were forgiven
    /// ([`DeviationKind::is_forgiven`]): 0 exactly when the value parses
    /// strictly, repeated names or not.
    pub const fn forgiven(&self) -> usize {
        self.forgiven
    }

    /// How many deviations came after the first [`MAX_DEVIATIONS`] and were
    /// not kept.
    pub const fn dropped(&self) -> usize {
        self.dropped
    }

    /// The deviations kept, as a `Vec`.
    #[cfg(feature = "alloc")]
    pub fn to_vec(&self) -> alloc::vec::Vec<Deviation> {
        self.as_slice().to_vec()
    }
}

impl fmt::Debug for Deviations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl<'a> IntoIterator for &'a Deviations {
    type Item = &'a Deviation;
    type IntoIter = core::slice::Iter<'a, Deviation>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The result of a lenient parse: the value, and what was forgiven to get it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LenientParse<T> {
    /// What was parsed.
    pub value: T,
    /// What a strict parse would have refused, in input order, and the
    /// repeated names that [`ParseOptions::repeated_params`] reports (which
    /// strict parsing reads too: see [`DeviationKind::is_forgiven`]).
    pub deviations: Deviations,
}
