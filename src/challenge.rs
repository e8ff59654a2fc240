//! Challenges: the values of `WWW-Authenticate` and `Proxy-Authenticate`.
//!
//! ```text
//! WWW-Authenticate   = #challenge                                 ; RFC 9110 §11.6.1
//! Proxy-Authenticate = #challenge                                 ; RFC 9110 §11.7.1
//! challenge          = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//! ```
//!
//! [`Challenges`] is a lazy iterator that checks as it goes and stops at the
//! first error; [`parse_challenges`] checks the whole value first and hands
//! back a [`ChallengeList`] that can be walked any number of times without
//! errors. Neither allocates.
//!
//! An empty value (or one of only commas) is an empty list, as RFC 9110
//! writes `#challenge`; a server must not send it, since a 401 MUST carry at
//! least one challenge (§15.5.2): [`ChallengeList::validate`] refuses it.

use core::fmt;

use crate::chars::is_ows;
use crate::error::{Error, ErrorKind};
use crate::marks::Marks;
use crate::mode::Flags;
use crate::params::Params;
use crate::quoted::ParamValue;
use crate::span::{check_leading, offset_of, trailing, trim};
use crate::syntax::{self, param_start, separators, Body, Mode, Strict};

/// One challenge: an auth-scheme with a token68, parameters, or nothing.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Challenge<'a> {
    scheme: &'a str,
    token68: Option<&'a str>,
    params: Params<'a>,
    offset: usize,
}

impl<'a> Challenge<'a> {
    #[inline]
    pub(crate) fn from_body(
        scheme: &'a str,
        body: Body<'a>,
        full: &'a [u8],
        at: &'a [u8],
        flags: Flags,
    ) -> Self {
        let (token68, params) = split_body(body, full, flags);
        Challenge {
            scheme,
            token68,
            params,
            offset: full.len() - at.len(),
        }
    }

    /// The auth-scheme as written (compare with [`Challenge::is_scheme`]).
    pub const fn scheme(&self) -> &'a str {
        self.scheme
    }

    /// Whether the auth-scheme is `scheme`, ASCII case ignored (RFC 9110
    /// §11.1: "a case-insensitive token").
    ///
    /// ```
    /// let list = auth_headers::parse_challenges("BASIC realm=x").unwrap();
    /// assert!(list.iter().next().unwrap().is_scheme("basic"));
    /// ```
    pub fn is_scheme(&self, scheme: &str) -> bool {
        crate::chars::eq_ignore_case(self.scheme.as_bytes(), scheme.as_bytes())
    }

    /// The token68, for schemes such as `Negotiate` or `NTLM`.
    pub const fn token68(&self) -> Option<&'a str> {
        self.token68
    }

    /// The parameters (empty for a token68 challenge or a bare scheme).
    pub const fn params(&self) -> Params<'a> {
        self.params
    }

    /// The value of the parameter `name` (ASCII case ignored); the first one
    /// if the name is repeated.
    pub fn param(&self, name: &str) -> Option<ParamValue<'a>> {
        self.params.get(name)
    }

    /// The realm, which RFC 9110 §11.5 defines for every scheme.
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.param("realm")
    }

    /// Byte offset of the scheme within the parsed value.
    pub const fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Debug for Challenge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Challenge");
        d.field("scheme", &self.scheme);
        if self.token68.is_some() {
            // A token68 is always redacted (`crate::redact`): Negotiate's
            // and NTLM's server tokens are part of a handshake.
            d.field("token68", &crate::redact::Redacted::HIDDEN);
        }
        d.field("params", &self.params).finish()
    }
}

#[inline]
pub(crate) fn split_body<'a>(
    body: Body<'a>,
    full: &'a [u8],
    flags: Flags,
) -> (Option<&'a str>, Params<'a>) {
    match body {
        Body::Empty => (None, Params::default()),
        Body::Token68(t) => (Some(t), Params::default()),
        Body::Params(p) => (
            None,
            Params::from_checked(p.raw, offset_of(full, p.raw), flags, p.marks),
        ),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Start,
    AfterToken68,
    After,
    Done,
}

/// Lazy iterator over the challenges of one `WWW-Authenticate` or
/// `Proxy-Authenticate` value. Yields each challenge as it is checked;
/// after an error it yields nothing more.
///
/// ```
/// use auth_headers::Challenges;
/// let value = r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""#;
/// let schemes: Vec<_> = Challenges::new(value).map(|c| c.unwrap().scheme()).collect();
/// assert_eq!(schemes, ["Newauth", "Basic"]);
/// ```
///
/// `Debug` shows where the iterator is, never the input.
#[derive(Clone)]
pub struct Challenges<'a> {
    full: &'a [u8],
    rest: &'a [u8],
    state: State,
    flags: Flags,
}

impl<'a> Challenges<'a> {
    /// Starts reading `value`, given as `&str`, `&[u8]` or anything that is
    /// bytes (an `http::HeaderValue`).
    pub fn new<V: AsRef<[u8]> + ?Sized>(value: &'a V) -> Self {
        let full = value.as_ref();
        Challenges {
            full,
            rest: full,
            state: State::Start,
            flags: Flags::EMPTY,
        }
    }

    /// Starts reading `value` in mode `m`, which carries the relaxations.
    pub(crate) fn with_mode<M: Mode>(value: &'a [u8], m: &mut M) -> Self {
        let (full, rest) = trim(value, m);
        Challenges {
            full,
            rest,
            state: State::Start,
            flags: m.flags(),
        }
    }

    /// [`Self::step`] with the relaxations of `self.flags`, out of line.
    #[inline(never)]
    fn lenient_step(&mut self) -> Option<Result<Challenge<'a>, Error>> {
        let mut flags = self.flags;
        self.step(&mut flags)
    }

    fn fail(&mut self, e: Error) -> Option<Result<Challenge<'a>, Error>> {
        self.state = State::Done;
        self.rest = &[];
        Some(Err(e))
    }
}

impl<'a> Iterator for Challenges<'a> {
    type Item = Result<Challenge<'a>, Error>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        // The end of a value that ends with its last challenge (the usual
        // case) or of an empty value, without entering `step`.
        if self.rest.is_empty() {
            self.state = State::Done;
            return None;
        }
        if self.flags.is_empty() {
            self.step(&mut Strict)
        } else {
            self.lenient_step()
        }
    }
}

impl<'a> Challenges<'a> {
    /// The next challenge, read in mode `m`.
    ///
    /// Inlined into the caller's loop, so that the common challenge (a scheme
    /// and a strict parameter list, read by the fast path) is built in the
    /// caller's frame; everything else is read out of line by
    /// [`Self::general`].
    #[inline(always)]
    pub(crate) fn step<M: Mode>(&mut self, m: &mut M) -> Option<Result<Challenge<'a>, Error>> {
        if self.state == State::Done {
            return None;
        }
        if self.state == State::Start && self.rest.first().is_some_and(|&b| is_ows(b)) {
            if let Err(e) = check_leading(self.rest) {
                return self.fail(e);
            }
        }
        let (next, comma) = separators(self.rest, m);
        let expected = match self.state {
            State::Start => true,
            State::After => comma,
            _ => false,
        };
        if m.flags() == Flags::EMPTY && expected && !next.is_empty() {
            let mut marks = Marks::EMPTY;
            if let Some((rest, scheme, raw)) = syntax::strict_scheme_params(next, &mut marks) {
                let full = self.full;
                self.rest = rest;
                self.state = State::After;
                return Some(Ok(Challenge {
                    scheme,
                    token68: None,
                    params: Params::from_checked(raw, offset_of(full, raw), Flags::EMPTY, marks),
                    offset: full.len() - next.len(),
                }));
            }
        }
        self.general(next, comma, m)
    }

    /// The rest of [`Self::step`]: the end of the list, errors, and every
    /// challenge the strict fast path does not read. `next` is the rest after
    /// the separators, `comma` whether they held a comma.
    #[inline(never)]
    fn general<M: Mode>(
        &mut self,
        next: &'a [u8],
        comma: bool,
        m: &mut M,
    ) -> Option<Result<Challenge<'a>, Error>> {
        let full = self.full;
        if next.is_empty() {
            self.state = State::Done;
            if let Err(e) = trailing(full, self.rest, next) {
                return self.fail(e);
            }
            return None;
        }
        if self.state != State::Start && !comma {
            return self.fail(Error::new(
                full.len() - next.len(),
                ErrorKind::ExpectedComma,
            ));
        }
        if self.state == State::AfterToken68 && param_start(next).is_some() {
            return self.fail(Error::new(
                full.len() - next.len(),
                ErrorKind::Token68NotAlone,
            ));
        }
        match syntax::scheme_and_body(next, m) {
            Ok((rest, (scheme, body))) => {
                self.rest = rest;
                self.state = match body {
                    Body::Token68(_) => State::AfterToken68,
                    _ => State::After,
                };
                Some(Ok(Challenge::from_body(
                    scheme, body, full, next, self.flags,
                )))
            }
            Err(f) => self.fail(f.into_error(full)),
        }
    }
}

impl core::iter::FusedIterator for Challenges<'_> {}

/// Lazy iterator over the challenges of several header lines of one field
/// (`WWW-Authenticate` sent more than once), in order. An error carries the
/// index of its line ([`Error::line`]); after an error nothing more is yielded.
///
/// ```
/// let lines = ["Negotiate, NTLM", r#"Basic realm="intranet""#];
/// let schemes: Vec<_> = auth_headers::ChallengesOfLines::new(lines)
///     .map(|c| c.unwrap().scheme())
///     .collect();
/// assert_eq!(schemes, ["Negotiate", "NTLM", "Basic"]);
/// ```
///
/// `Debug` shows the line and the position in it, never the input.
#[derive(Clone)]
pub struct ChallengesOfLines<'a, I> {
    lines: I,
    current: Option<Challenges<'a>>,
    line: usize,
    done: bool,
}

impl<'a, I, V> ChallengesOfLines<'a, I>
where
    I: Iterator<Item = &'a V>,
    V: AsRef<[u8]> + ?Sized + 'a,
{
    /// Starts reading the lines.
    pub fn new<L: IntoIterator<IntoIter = I>>(lines: L) -> Self {
        ChallengesOfLines {
            lines: lines.into_iter(),
            current: None,
            line: 0,
            done: false,
        }
    }
}

impl<'a, I, V> Iterator for ChallengesOfLines<'a, I>
where
    I: Iterator<Item = &'a V>,
    V: AsRef<[u8]> + ?Sized + 'a,
{
    type Item = Result<Challenge<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            if let Some(cur) = &mut self.current {
                match cur.next() {
                    Some(Ok(c)) => return Some(Ok(c)),
                    Some(Err(e)) => {
                        self.done = true;
                        return Some(Err(e.with_line(self.line)));
                    }
                    None => self.line += 1,
                }
            }
            match self.lines.next() {
                Some(v) => self.current = Some(Challenges::new(v)),
                None => {
                    self.done = true;
                    return None;
                }
            }
        }
    }
}

/// The challenges of a value that has been checked whole: walking it again
/// cannot fail.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChallengeList<'a> {
    full: &'a [u8],
    /// Where the first challenge may start (after leading whitespace that a
    /// lenient parse dropped).
    start: usize,
    len: usize,
    flags: Flags,
}

impl<'a> ChallengeList<'a> {
    /// The challenges in order.
    pub fn iter(&self) -> ChallengeListIter<'a> {
        ChallengeListIter(Challenges {
            full: self.full,
            rest: &self.full[self.start..],
            state: State::Start,
            flags: self.flags,
        })
    }

    /// The number of challenges.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the value held no challenge (an empty value, or only commas).
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The first challenge whose scheme is `scheme` (ASCII case ignored),
    /// wherever it stands in the list.
    ///
    /// ```
    /// let list = auth_headers::parse_challenges(r#"Negotiate, Basic realm="r", Bearer realm="api""#).unwrap();
    /// assert!(list.find("bearer").unwrap().realm().unwrap().eq_str("api"));
    /// ```
    pub fn find(&self, scheme: &str) -> Option<Challenge<'a>> {
        self.iter().find(|c| c.is_scheme(scheme))
    }

    /// The value as given (without trailing whitespace that a lenient parse
    /// dropped).
    pub const fn raw(&self) -> &'a [u8] {
        self.full
    }

    /// What a server must check before it sends the value with a 401: at
    /// least one challenge (RFC 9110 §15.5.2), and no parameter name twice in
    /// one challenge (§11.2).
    ///
    /// ```
    /// use auth_headers::{parse_challenges, ErrorKind};
    /// assert_eq!(parse_challenges("").unwrap().validate().unwrap_err().kind(), ErrorKind::NoChallenge);
    /// assert!(parse_challenges("Basic realm=a, realm=b").unwrap().validate().is_err());
    /// assert!(parse_challenges("Basic realm=a, Bearer realm=b").unwrap().validate().is_ok());
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        if self.is_empty() {
            return Err(Error::new(0, ErrorKind::NoChallenge));
        }
        self.iter().try_for_each(|c| c.params.check_unique())
    }
}

impl<'a> IntoIterator for ChallengeList<'a> {
    type Item = Challenge<'a>;
    type IntoIter = ChallengeListIter<'a>;
    fn into_iter(self) -> ChallengeListIter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &ChallengeList<'a> {
    type Item = Challenge<'a>;
    type IntoIter = ChallengeListIter<'a>;
    fn into_iter(self) -> ChallengeListIter<'a> {
        self.iter()
    }
}

impl fmt::Debug for ChallengeList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Iterator over a [`ChallengeList`].
#[derive(Clone, Debug)]
pub struct ChallengeListIter<'a>(Challenges<'a>);

impl<'a> Iterator for ChallengeListIter<'a> {
    type Item = Challenge<'a>;
    fn next(&mut self) -> Option<Challenge<'a>> {
        // The list was checked whole: no error can come.
        self.0.next().and_then(Result::ok)
    }
}

impl core::iter::FusedIterator for ChallengeListIter<'_> {}

/// Checks a whole `WWW-Authenticate` or `Proxy-Authenticate` value and
/// returns its challenges. An empty value is an empty list (see
/// [`ChallengeList::validate`] for what a server must send).
///
/// ```
/// // RFC 9110 §11.6.1
/// let v = r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#;
/// let list = auth_headers::parse_challenges(v).unwrap();
/// assert_eq!(list.len(), 2);
/// let newauth = list.find("newauth").unwrap();
/// assert!(newauth.param("title").unwrap().eq_str(r#"Login to "apps""#));
/// ```
pub fn parse_challenges<V: AsRef<[u8]> + ?Sized>(value: &V) -> Result<ChallengeList<'_>, Error> {
    let full = value.as_ref();
    let mut len = 0;
    for c in Challenges::new(full) {
        c?;
        len += 1;
    }
    Ok(ChallengeList {
        full,
        start: 0,
        len,
        flags: Flags::EMPTY,
    })
}

/// [`parse_challenges`] in mode `m`, which notes the relaxations it uses.
pub(crate) fn challenges_with<'a, M: Mode>(
    value: &'a [u8],
    m: &mut M,
) -> Result<ChallengeList<'a>, Error> {
    let mut it = Challenges::with_mode(value, m);
    let (full, start) = (it.full, offset_of(it.full, it.rest));
    let flags = it.flags;
    let mut len = 0;
    while let Some(c) = it.step(m) {
        let c = c?;
        if flags.repeats() {
            c.params.note_repeats(full, m);
        }
        len += 1;
    }
    Ok(ChallengeList {
        full,
        start,
        len,
        flags,
    })
}

impl fmt::Debug for Challenges<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Challenges")
            .field("at", &offset_of(self.full, self.rest))
            .field("len", &self.full.len())
            .field("state", &self.state)
            .finish()
    }
}

impl<I> fmt::Debug for ChallengesOfLines<'_, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChallengesOfLines")
            .field("line", &self.line)
            .field("current", &self.current)
            .field("done", &self.done)
            .finish()
    }
}

/// A challenge, or the result of parsing one: what the decision functions
/// ([`crate::client::next_step`], the Digest clients' `respond_to`) accept,
/// so that the `Result` items of [`ChallengesOfLines`] or
/// `auth_headers::http::challenges` go in directly. An `Err` item is
/// skipped.
pub trait ChallengeItem<'a> {
    /// The challenge, or `None` for an item that failed to parse.
    fn into_challenge(self) -> Option<Challenge<'a>>;
}

impl<'a> ChallengeItem<'a> for Challenge<'a> {
    fn into_challenge(self) -> Option<Challenge<'a>> {
        Some(self)
    }
}

impl<'a> ChallengeItem<'a> for &Challenge<'a> {
    fn into_challenge(self) -> Option<Challenge<'a>> {
        Some(*self)
    }
}

impl<'a, E> ChallengeItem<'a> for Result<Challenge<'a>, E> {
    fn into_challenge(self) -> Option<Challenge<'a>> {
        self.ok()
    }
}
