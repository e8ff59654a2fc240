//! Lists of auth-params: the parameters of a challenge or credentials, and
//! the whole value of `Authentication-Info` / `Proxy-Authentication-Info`.
//!
//! ```text
//! auth-param          = token BWS "=" BWS ( token / quoted-string )  ; RFC 9110 §11.2
//! Authentication-Info = #auth-param                                   ; RFC 9110 §11.6.3
//! ```
//!
//! A [`Params`] is a slice of the input that has already been checked
//! against the grammar. Iterating it cannot fail and allocates nothing: the
//! strict parser notes where the first eight parameters are while it checks
//! them (offsets, kept inside the `Params`), so those are sliced out
//! directly; any further ones, and lists parsed with lenient options, are
//! read again from the text, finding only their boundaries.

use core::fmt;

use crate::error::{Error, ErrorKind};
use crate::marks::{Marks, ESCAPED, QUOTED};
use crate::mode::{DeviationKind, Flags};
use crate::quoted::ParamValue;
use crate::span::{check_leading, trailing, trim};
use crate::syntax::{self, separators, Mode, Strict};

/// How many parameters of one challenge [`Params::check_unique`] examines.
/// Real challenges carry a dozen at most; the bound keeps the check linear.
pub const MAX_UNIQUE_CHECK: usize = 64;

/// One `auth-param`: a name (a token, compared case-insensitively) and its value.
///
/// `Debug` follows [`crate::redact`]: the value only when the name is
/// public. A parameter of the credentials of a token68 scheme (Basic,
/// Bearer …, [`TOKEN68_CREDENTIALS`](crate::schemes::TOKEN68_CREDENTIALS))
/// hides a name that is not public too, as `<redacted>`: there the name is
/// a token68 the grammar cut at its `=` padding.
///
/// ```
/// let c = auth_headers::parse_credentials("Basic dXNlcjpwYXNzMQ= junk").unwrap();
/// let p = c.params().iter().next().unwrap();
/// assert_eq!(format!("{p:?}"), "<redacted>=<redacted, 4 bytes>");
/// assert_eq!(p.name(), "dXNlcjpwYXNzMQ");
/// ```
#[derive(Clone, Copy)]
pub struct Param<'a> {
    name: &'a str,
    value: ParamValue<'a>,
    /// The offset, and in its top bit ([`NAME_HIDDEN`]) the mark of
    /// [`Params::hide_names`]: no offset reaches that bit, so the mark
    /// takes no room and costs the iterator nothing (it rides in
    /// `ParamIter::end`). Not part of the value: `==` and `Hash` ignore it.
    offset: usize,
}

/// The top bit of [`Param::offset`]'s field: `Debug` hides the name unless
/// it is public ([`crate::redact`]). An offset into a slice is at most
/// `isize::MAX`, so it never has this bit.
const NAME_HIDDEN: usize = 1 << (usize::BITS - 1);

impl<'a> Param<'a> {
    /// Whether `Debug` hides the name unless it is public.
    const fn name_hidden(&self) -> bool {
        self.offset & NAME_HIDDEN != 0
    }
}

impl PartialEq for Param<'_> {
    fn eq(&self, other: &Self) -> bool {
        (self.name, self.value, self.offset()) == (other.name, other.value, other.offset())
    }
}

impl Eq for Param<'_> {}

impl core::hash::Hash for Param<'_> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        (self.name, self.value, self.offset()).hash(state);
    }
}

impl<'a> Param<'a> {
    /// The name as written in the input.
    pub const fn name(&self) -> &'a str {
        self.name
    }

    /// Whether the name equals `name`, ASCII case ignored (RFC 9110 §11.2:
    /// "parameter names are matched case-insensitively").
    pub fn is(&self, name: &str) -> bool {
        crate::chars::eq_ignore_case(self.name.as_bytes(), name.as_bytes())
    }

    /// The value.
    pub const fn value(&self) -> ParamValue<'a> {
        self.value
    }

    /// Byte offset of the name within the parsed header value.
    pub const fn offset(&self) -> usize {
        self.offset & !NAME_HIDDEN
    }
}

/// `name=value` when the name is public ([`crate::redact::PUBLIC_PARAMS`]),
/// `name=<redacted, N bytes>` otherwise, and `<redacted>=<redacted, N bytes>`
/// for a parameter of a token68 scheme's credentials whose name is not
/// public ([`crate::redact`]).
impl fmt::Debug for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if crate::redact::is_public_param(self.name) {
            write!(f, "{}=", self.name)?;
            return self.value.fmt_public(f);
        }
        if self.name_hidden() {
            fmt::Debug::fmt(&crate::redact::Redacted::HIDDEN, f)?;
        } else {
            f.write_str(self.name)?;
        }
        f.write_str("=")?;
        fmt::Debug::fmt(&self.value, f)
    }
}

/// A checked list of auth-params, borrowed from the input.
///
/// `Debug` shows each parameter as [`Param`] does: the params of the
/// credentials of a token68 scheme (Basic, Bearer …) hide a name that is
/// not public ([`crate::redact`]), those of a challenge never do.
#[derive(Clone, Copy, Default)]
pub struct Params<'a> {
    raw: &'a [u8],
    base: usize,
    /// The lenient relaxations the list was parsed with, so that iterating
    /// reads it the same way (empty for a strict parse).
    flags: Flags,
    /// Where the first parameters are (not part of the value: two lists
    /// with the same text are equal however they were parsed).
    marks: Marks,
    /// `Debug` hides the names that are not public, set by
    /// [`Params::hide_names`] (not part of the value either).
    names_hidden: bool,
}

impl PartialEq for Params<'_> {
    fn eq(&self, other: &Self) -> bool {
        (self.raw, self.base, self.flags) == (other.raw, other.base, other.flags)
    }
}

impl Eq for Params<'_> {}

impl core::hash::Hash for Params<'_> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        (self.raw, self.base, self.flags).hash(state);
    }
}

impl<'a> Params<'a> {
    /// `raw` must have been accepted by [`syntax::param_list`], which noted
    /// `marks`; `base` is its offset in the whole value.
    pub(crate) const fn from_checked(
        raw: &'a [u8],
        base: usize,
        flags: Flags,
        marks: Marks,
    ) -> Self {
        Params {
            raw,
            base,
            flags,
            marks,
            names_hidden: false,
        }
    }

    /// The list of the credentials of a token68 scheme
    /// ([`crate::redact::hides_names_after`]): its `Debug`, its iterator's
    /// and its parameters' hide the names that are not public, which there
    /// are a token68's bytes ([`crate::redact`]). Nothing else changes.
    pub(crate) const fn hide_names(self) -> Self {
        Params {
            names_hidden: true,
            ..self
        }
    }

    /// The list as written in the input, from the first name to the end of
    /// the last value.
    pub const fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Whether there is no parameter.
    pub const fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The number of parameters (a pass over the list).
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// The parameters in input order, repeated names included.
    pub fn iter(&self) -> ParamIter<'a> {
        ParamIter {
            rest: self.raw,
            end: (self.base + self.raw.len()) | if self.names_hidden { NAME_HIDDEN } else { 0 },
            flags: self.flags,
            raw: self.raw,
            marks: self.marks,
            next_mark: 0,
        }
    }

    /// The value of the first parameter named `name` (ASCII case ignored).
    /// Use [`Params::check_unique`] first to refuse repeated names. When the
    /// list was parsed with [`crate::RepeatedParams::LastWins`], the last one
    /// among the first [`MAX_UNIQUE_CHECK`] parameters (those checked for
    /// repeats), or else the first after them.
    ///
    /// ```
    /// let c = auth_headers::parse_credentials(r#"Digest Realm="x", nc=00000001"#).unwrap();
    /// assert!(c.params().get("realm").unwrap().eq_str("x"));
    /// assert!(c.params().get("opaque").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<ParamValue<'a>> {
        if self.flags.contains(Flags::REPEATS_LAST) {
            // The last among the parameters checked for repeats, or the
            // first after them: never a value whose repeat went unreported
            // (issue 16).
            let mut last = None;
            for (n, p) in self.iter().enumerate() {
                if n >= MAX_UNIQUE_CHECK && last.is_some() {
                    break;
                }
                if p.is(name) {
                    last = Some(p.value());
                    if n >= MAX_UNIQUE_CHECK {
                        break;
                    }
                }
            }
            return last;
        }
        self.iter().find(|p| p.is(name)).map(|p| p.value())
    }

    /// Checks that no name occurs twice (RFC 9110 §11.2: "each parameter
    /// name MUST only occur once per challenge"). The error points at the
    /// second occurrence. Lists of more than [`MAX_UNIQUE_CHECK`] parameters
    /// are refused with [`ErrorKind::TooManyParams`], which keeps the check
    /// linear in the input.
    ///
    /// ```
    /// use auth_headers::{parse_credentials, ErrorKind};
    /// let c = parse_credentials("X a=1, b=2, A=3").unwrap();
    /// let err = c.params().check_unique().unwrap_err();
    /// assert_eq!((err.offset(), err.kind()), (12, ErrorKind::DuplicateParam));
    /// ```
    pub fn check_unique(&self) -> Result<(), Error> {
        let mut seen: [&[u8]; MAX_UNIQUE_CHECK] = [&[]; MAX_UNIQUE_CHECK];
        for (n, p) in self.iter().enumerate() {
            if n == MAX_UNIQUE_CHECK {
                return Err(Error::new(p.offset(), ErrorKind::TooManyParams));
            }
            let name = p.name.as_bytes();
            if seen[..n].iter().any(|s| s.eq_ignore_ascii_case(name)) {
                return Err(Error::new(p.offset(), ErrorKind::DuplicateParam));
            }
            seen[n] = name;
        }
        Ok(())
    }

    /// Lenient parse: notes every repeated name (RFC 9110 §11.2) among the
    /// first [`MAX_UNIQUE_CHECK`] parameters, and that the rest went
    /// unchecked when there are more (checking them all would not be
    /// linear; issue 16).
    pub(crate) fn note_repeats<M: Mode>(&self, full: &'a [u8], m: &mut M) {
        let mut seen: [&[u8]; MAX_UNIQUE_CHECK] = [&[]; MAX_UNIQUE_CHECK];
        for (n, p) in self.iter().enumerate() {
            if n == MAX_UNIQUE_CHECK {
                m.note(&full[p.offset()..], DeviationKind::RepeatsUnchecked);
                return;
            }
            let name = p.name.as_bytes();
            if seen[..n].iter().any(|s| s.eq_ignore_ascii_case(name)) {
                m.note(&full[p.offset()..], DeviationKind::RepeatedParam);
            }
            seen[n] = name;
        }
    }
}

impl<'a> IntoIterator for Params<'a> {
    type Item = Param<'a>;
    type IntoIter = ParamIter<'a>;
    fn into_iter(self) -> ParamIter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &Params<'a> {
    type Item = Param<'a>;
    type IntoIter = ParamIter<'a>;
    fn into_iter(self) -> ParamIter<'a> {
        self.iter()
    }
}

/// The parameters, each as [`Param`] shows it: values of public names
/// only ([`crate::redact`]).
impl fmt::Debug for Params<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Iterator over the parameters of a checked [`Params`] list. `Debug`
/// shows the parameters still to come, as [`Param`] shows them.
#[derive(Clone)]
pub struct ParamIter<'a> {
    rest: &'a [u8],
    /// Offset, in the whole value, of the end of the list, with
    /// [`NAME_HIDDEN`] set for a list of [`Params::hide_names`]: every
    /// offset of a parameter is `end` less something, so each carries the
    /// mark at no cost.
    end: usize,
    flags: Flags,
    /// The whole list, which `marks` point into.
    raw: &'a [u8],
    marks: Marks,
    next_mark: u8,
}

impl<'a> Iterator for ParamIter<'a> {
    type Item = Param<'a>;

    #[inline]
    fn next(&mut self) -> Option<Param<'a>> {
        // Inlined into the caller's loop: a noted parameter, or the end of a
        // list whose parameters were all noted. Anything else is read from
        // the text out of line.
        if self.next_mark < self.marks.len {
            return Some(self.marked());
        }
        if self.rest.is_empty() {
            return None;
        }
        self.read()
    }
}

impl<'a> ParamIter<'a> {
    /// The next parameter read from the text (after the noted ones, or in
    /// a list parsed with lenient options, which notes none).
    #[inline(never)]
    fn read(&mut self) -> Option<Param<'a>> {
        if self.flags.is_empty() {
            // Strict lists were checked when parsed: only find the boundaries.
            let (start, _) = separators(self.rest, &mut Strict);
            if start.is_empty() {
                self.rest = start;
                return None;
            }
            let (rest, name, value) = syntax::checked_param(start);
            self.rest = rest;
            Some(Param {
                name,
                value,
                offset: self.end - start.len(),
            })
        } else {
            let mut flags = self.flags;
            self.step(&mut flags)
        }
    }

    /// The next noted parameter; after the last one, the rest of the list
    /// is read as usual (when there were more than [`MARKS`](crate::marks::MARKS)) or is empty.
    #[inline]
    fn marked(&mut self) -> Param<'a> {
        let m = self.marks.at[usize::from(self.next_mark)];
        self.next_mark += 1;
        let raw = self.raw;
        let (name_at, value_at) = (usize::from(m.name), usize::from(m.value & !QUOTED));
        let value_end = usize::from(m.value_end & !ESCAPED);
        // Slices that fail (they cannot, offsets come from the parser of
        // this very slice) give empty strings rather than a panic.
        let name = crate::chars::ascii_at(
            raw,
            name_at,
            usize::from(m.name_end).saturating_sub(name_at),
        )
        .unwrap_or_default();
        let text = raw.get(value_at..value_end).unwrap_or_default();
        let quoted = m.value & QUOTED != 0;
        let value = if quoted {
            ParamValue::quoted(text, m.value_end & ESCAPED != 0)
        } else {
            ParamValue::token(text)
        };
        if self.next_mark == self.marks.len {
            self.rest = if self.marks.more {
                raw.get(value_end + usize::from(quoted)..)
                    .unwrap_or_default()
            } else {
                &[]
            };
        }
        Param {
            name,
            value,
            offset: self.end - raw.len() + name_at,
        }
    }

    #[inline]
    fn step<M: Mode>(&mut self, m: &mut M) -> Option<Param<'a>> {
        let (start, _) = separators(self.rest, m);
        if start.is_empty() {
            self.rest = start;
            return None;
        }
        // The list was checked when it was parsed: this cannot fail.
        match syntax::auth_param(start, m) {
            Ok((rest, (name, value))) => {
                self.rest = rest;
                Some(Param {
                    name,
                    value,
                    offset: self.end - start.len(),
                })
            }
            Err(_) => {
                self.rest = &[];
                None
            }
        }
    }
}

impl core::iter::FusedIterator for ParamIter<'_> {}

impl fmt::Debug for ParamIter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ParamIter ")?;
        f.debug_list().entries(self.clone()).finish()
    }
}

/// Parses an `Authentication-Info` or `Proxy-Authentication-Info` value
/// (RFC 9110 §11.6.3, RFC 7615 §3): `#auth-param`. An empty value is an
/// empty list.
///
/// ```
/// // RFC 7615 §3
/// let p = auth_headers::parse_auth_info("nextnonce=\"abc\"").unwrap();
/// assert!(p.get("nextnonce").unwrap().eq_str("abc"));
/// ```
pub fn parse_auth_info<V: AsRef<[u8]> + ?Sized>(value: &V) -> Result<Params<'_>, Error> {
    auth_info(value.as_ref(), Flags::EMPTY, &mut Strict)
}

/// [`parse_auth_info`] in mode `m`, whose relaxations are `flags`.
pub(crate) fn auth_info<'a, M: Mode>(
    value: &'a [u8],
    flags: Flags,
    m: &mut M,
) -> Result<Params<'a>, Error> {
    let (full, first) = trim(value, m);
    check_leading(first)?;
    let (start, _) = separators(first, m);
    if start.is_empty() {
        return trailing(full, first, start).map(|()| Params::default());
    }
    let (rest, syntax::List { raw, marks }) =
        syntax::param_list(start, m).map_err(|f| f.into_error(full))?;
    if raw.is_empty() {
        // `param_list` took no parameter: `start` is not `token BWS "="`.
        return Err(match syntax::token(start) {
            Some(_) => syntax::missing_equals(start).into_error(full),
            None => Error::new(full.len() - start.len(), not_a_param(start)),
        });
    }
    let (after, comma) = separators(rest, m);
    if !after.is_empty() {
        return Err(if comma {
            // After a comma, a token that does not start a parameter.
            syntax::missing_equals(after).into_error(full)
        } else {
            Error::new(full.len() - after.len(), ErrorKind::ExpectedComma)
        });
    }
    trailing(full, rest, after)?;
    let params = Params::from_checked(raw, full.len() - start.len(), flags, marks);
    if flags.repeats() {
        params.note_repeats(full, m);
    }
    Ok(params)
}

fn not_a_param(at: &[u8]) -> ErrorKind {
    match at.first() {
        Some(&b) => match syntax::byte_error(b) {
            ErrorKind::ControlChar(c) => ErrorKind::ControlChar(c),
            _ => ErrorKind::ExpectedEquals,
        },
        None => ErrorKind::ExpectedEquals,
    }
}
