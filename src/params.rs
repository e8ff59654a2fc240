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
use crate::mode::{DeviationKind, Flags};
use crate::quoted::ParamValue;
use crate::syntax::{self, ows, separators, Mode, Strict};

/// How many parameters of one challenge [`Params::check_unique`] examines.
/// Real challenges carry a dozen at most; the bound keeps the check linear.
pub const MAX_UNIQUE_CHECK: usize = 64;

/// One `auth-param`: a name (a token, compared case-insensitively) and its value.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Param<'a> {
    name: &'a str,
    value: ParamValue<'a>,
    offset: usize,
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
        self.offset
    }
}

/// `name=value` when the name is public ([`crate::redact::PUBLIC_PARAMS`]),
/// `name=<redacted, N bytes>` otherwise.
impl fmt::Debug for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}=", self.name)?;
        if crate::redact::is_public_param(self.name) {
            self.value.fmt_public(f)
        } else {
            fmt::Debug::fmt(&self.value, f)
        }
    }
}

/// How many parameters of a list [`Marks`] remembers.
pub(crate) const MARKS: usize = 8;

/// Where the first parameters of a checked list are, noted by the strict
/// parser as it checked them, so that iterating them afterwards is a matter
/// of slicing rather than reading the list again (a challenge is checked
/// when it is yielded, then its parameters are walked by the caller).
/// Offsets are from the start of the list; `len == 0` means "nothing noted",
/// and the iterator then reads the list as before.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct Marks {
    len: u8,
    /// Some parameters after the noted ones were not noted (no room, or
    /// offsets beyond 15 bits).
    more: bool,
    at: [Mark; MARKS],
}

/// One noted parameter: `raw[name..name_end]` is the name and
/// `raw[value & !QUOTED..value_end & !ESCAPED]` the value (between the
/// quotes of a quoted-string, which the `QUOTED` bit tells).
#[derive(Clone, Copy, Default, Debug)]
struct Mark {
    name: u16,
    name_end: u16,
    value: u16,
    value_end: u16,
}

/// Bit of `Mark::value_end`: the quoted-string holds a quoted-pair.
const ESCAPED: u16 = 1 << 15;
/// Bit of `Mark::value`: the value is a quoted-string.
const QUOTED: u16 = 1 << 15;

impl Marks {
    /// Nothing noted.
    pub(crate) const EMPTY: Marks = Marks {
        len: 0,
        more: false,
        at: [Mark {
            name: 0,
            name_end: 0,
            value: 0,
            value_end: 0,
        }; MARKS],
    };

    /// Notes a parameter, if there is room and the offsets fit in 15 bits
    /// (and no earlier one was refused); otherwise notes that there are more.
    /// `quoted` is `None` for a token value and `Some(escaped)` for a
    /// quoted-string, `escaped` telling whether it holds a quoted-pair.
    #[inline]
    pub(crate) fn push(
        &mut self,
        name: usize,
        name_end: usize,
        value: usize,
        value_end: usize,
        quoted: Option<bool>,
    ) {
        let i = usize::from(self.len);
        if i < MARKS && value_end < usize::from(ESCAPED) && !self.more {
            self.at[i] = Mark {
                name: name as u16,
                name_end: name_end as u16,
                value: value as u16 | if quoted.is_some() { QUOTED } else { 0 },
                value_end: value_end as u16 | if quoted == Some(true) { ESCAPED } else { 0 },
            };
            self.len += 1;
        } else {
            self.more = true;
        }
    }
}

/// A checked list of auth-params, borrowed from the input.
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
            end: self.base + self.raw.len(),
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
                    last = Some(p.value);
                    if n >= MAX_UNIQUE_CHECK {
                        break;
                    }
                }
            }
            return last;
        }
        self.iter().find(|p| p.is(name)).map(|p| p.value)
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
                return Err(Error::new(p.offset, ErrorKind::TooManyParams));
            }
            let name = p.name.as_bytes();
            if seen[..n].iter().any(|s| s.eq_ignore_ascii_case(name)) {
                return Err(Error::new(p.offset, ErrorKind::DuplicateParam));
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
                m.note(&full[p.offset..], DeviationKind::RepeatsUnchecked);
                return;
            }
            let name = p.name.as_bytes();
            if seen[..n].iter().any(|s| s.eq_ignore_ascii_case(name)) {
                m.note(&full[p.offset..], DeviationKind::RepeatedParam);
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
    /// Offset, in the whole value, of the end of the list.
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
    /// is read as usual (when there were more than [`MARKS`]) or is empty.
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

/// Lenient ([`Flags::SURROUNDING_WHITESPACE`]): drops the whitespace that
/// strict parsing would refuse at either end of the value. Returns the value
/// cut before its trailing whitespace (offsets within it are offsets within
/// the value) and the suffix of that after the leading whitespace. Strict:
/// `(value, value)`.
#[inline]
pub(crate) fn trim<'a, M: Mode>(value: &'a [u8], m: &mut M) -> (&'a [u8], &'a [u8]) {
    if !m.allows(Flags::SURROUNDING_WHITESPACE) {
        return (value, value);
    }
    let tail = value.iter().rev().take_while(|&&b| syntax_ows(b)).count();
    let mut end = value.len() - tail;
    if tail > 0 && value[..end].last() != Some(&b',') {
        m.note(&value[end..], DeviationKind::TrailingWhitespace);
    } else {
        end = value.len();
    }
    let full = &value[..end];
    let first = ows(full);
    if first.len() < full.len() && first.first() != Some(&b',') {
        m.note(full, DeviationKind::LeadingWhitespace);
        return (full, first);
    }
    (full, full)
}

fn syntax_ows(b: u8) -> bool {
    crate::chars::is_ows(b)
}

/// Refuses leading whitespace that is not `OWS` before a comma of the list
/// rule (RFC 9110 §5.5: a field value has none).
pub(crate) fn check_leading(full: &[u8]) -> Result<(), Error> {
    let r = ows(full);
    if r.len() < full.len() && r.first() != Some(&b',') {
        return Err(Error::new(0, ErrorKind::LeadingWhitespace));
    }
    Ok(())
}

/// After the last element: `rest` is what followed it and `after` the end
/// reached by skipping separators. Whitespace not followed by a comma is
/// trailing whitespace.
pub(crate) fn trailing(full: &[u8], rest: &[u8], after: &[u8]) -> Result<(), Error> {
    debug_assert!(after.is_empty());
    let tail = &rest[..rest.len() - after.len()];
    if !tail.is_empty() && !tail.contains(&b',') {
        return Err(Error::new(
            full.len() - rest.len(),
            ErrorKind::TrailingWhitespace,
        ));
    }
    Ok(())
}
