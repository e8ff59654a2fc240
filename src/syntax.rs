//! The grammar of RFC 9110 §11 with §5.6, as small parsers over `&[u8]`.
//!
//! ```text
//! challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//! credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//! auth-scheme = token
//! auth-param  = token BWS "=" BWS ( token / quoted-string )
//! token68     = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//! #element    = [ element ] *( OWS "," OWS [ element ] )
//! ```
//!
//! Every parser takes the rest of the value and returns what is left after
//! it, so an error's offset is the value's length minus the length of the
//! rest where it happened. The list logic decides with one token of
//! look-ahead and never backtracks over more than the element at hand, so
//! time is linear.
//!
//! The hottest token-level rules (`token`, `OWS`, `token68`, the text of a
//! quoted-string) are plain loops or whole-slice scans over the byte-class
//! table of [`crate::chars`] rather than nom's `take_while`: callgrind
//! counted about half the instructions for them (`perf/baseline.txt`,
//! `scripts/perf-guard.sh`), and so is `1*SP`, which every challenge and
//! credentials value crosses. nom's combinators are kept where the cost
//! does not matter and the composition reads like the ABNF (the RFC 8187
//! ext-value head in `ext_value.rs`).
//!
//! The one real difficulty: a comma separates both parameters and
//! challenges. After a comma, `token BWS "="` continues the parameters of the
//! current challenge; any other token starts a new challenge.
//!
//! # A map of the readers (advice for hackers)
//!
//! Each rule has one **general reader**, generic over [`Mode`], that takes
//! every input in every mode and names every error. A few hot shapes also
//! have a **fast path**: strict only, it answers only when the input is
//! ordinary and otherwise gives up (`None`), and the general reader then
//! reads the value again and says what is wrong. A fast path must give the
//! same answer as the reader it shadows whenever it answers; the test beside
//! it keeps the two equal. A change to one reader is a change to all of its
//! row, and a new fast path comes with its agreement test and a benchmark
//! entry (`perf/baseline.txt`) that pays for it.
//!
//! `#auth-param`, a list of parameters, is read by:
//!
//! | Reader | Kind | Shadows | Kept equal by |
//! |---|---|---|---|
//! | `params_general` (here), via `param_list` | general | | `tests/grammar/abnf_oracle.rs` (an ABNF oracle), `tests/grammar/rules.rs` |
//! | `strict_params` / `strict_params_into` (here) | fast: one loop over byte indices, notes `Marks` (`marks.rs`) | `params_general` | `tests::strict_fast_path_agrees_with_the_general_loop` (here) |
//! | `strict_scheme_params` (here), called by `Challenges` | fast: `scheme 1*SP auth-param …` of a challenge, the list read by `strict_params_into` | `scheme_and_body` | `strictly_valid_reads_the_same` (`tests/lenient/parse.rs`: strict against lenient, which never takes a fast path) |
//! | `ParamIter::step` (`params.rs`), via `auth_param` | general: iterates a checked list in its mode | | `tests/lenient/parse.rs` |
//! | `ParamIter::marked` (`params.rs`) | fast: slices the `Marks` (`marks.rs`), reads nothing | `ParamIter::step` | `strictly_valid_reads_the_same` |
//! | `checked_param` (here), for `ParamIter` after the noted parameters of a strict list | fast: finds the boundaries of a parameter already checked, checks nothing | `ParamIter::step` in `Strict` | `strictly_valid_reads_the_same` |
//! | `aws4::parse` (`schemes/aws4.rs`) | its own grammar: AWS4 values run to the next `,` and hold `/` and `;`, which the strict grammar refuses | `parse_credentials` with `allow_unquoted_separators` and `Aws4Credentials::from_credentials` | `tests/grammar/readers_agree.rs` |
//!
//! `scheme 1*SP token68` is read by:
//!
//! | Reader | Kind | Shadows | Kept equal by |
//! |---|---|---|---|
//! | `credentials_general` (`credentials.rs`), via `scheme_and_body` | general | | `tests/grammar/abnf_oracle.rs`, `tests/grammar/rules.rs` |
//! | `token68_credentials` (`credentials.rs`) | fast: a whole-slice token68 scan | `credentials_general` | `tests::token68_fast_path_agrees_with_the_general_reader` (`credentials.rs`) |
//! | `parse_token68_credentials` (`schemes/mod.rs`) | fast: the scheme is checked, then a whole-slice scan; else `parse_credentials` | `parse_credentials` | `tests/grammar/readers_agree.rs` |
//!
//! The benchmarks that pay for the fast paths: `bearer_jwt` and `basic`
//! (the token68 ones), every challenge entry (`strict_scheme_params`,
//! `ParamIter::marked`), `digest_authorization` (`strict_params`, and
//! `checked_param` for its parameters after the eighth: reading those two
//! with the validating `ParamIter::step` instead cost it 2.5% more
//! instructions, 3994 against 3896, so `checked_param` stays). The byte
//! scans under all of them are in [`crate::chars`].

use crate::chars::{
    has_equals_in_16, is_ows, is_quoted_pair_char, is_tchar, qdtext_len, qdtext_len_at,
    quote_or_backslash_len, split_token, split_token68, CLASSES, CTL,
};
use crate::error::ErrorKind;
use crate::marks::Marks;
use crate::mode::{DeviationKind, Flags};
use crate::quoted::ParamValue;

/// The parsers below are generic over how the grammar is read.
pub(crate) use crate::mode::{Mode, Strict};

/// A failure deep in the grammar: the rest of the input where it happened,
/// and what went wrong. Turned into an [`crate::Error`] with an offset by
/// whoever knows the whole value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fail<'a> {
    pub(crate) at: &'a [u8],
    pub(crate) kind: ErrorKind,
}

impl<'a> Fail<'a> {
    pub(crate) fn new(at: &'a [u8], kind: ErrorKind) -> Self {
        Fail { at, kind }
    }

    /// The error with its offset within `full`, of which `at` is a suffix.
    pub(crate) fn into_error(self, full: &[u8]) -> crate::Error {
        crate::Error::new(full.len() - self.at.len(), self.kind)
    }
}

/// The result of a grammar step: the rest and the value, or where it failed.
pub(crate) type Step<'a, T> = Result<(&'a [u8], T), Fail<'a>>;

/// `token = 1*tchar` (RFC 9110 §5.6.2): the rest and the token.
///
/// A plain loop over the class table rather than nom's `take_while1`: this
/// is the most called rule (every scheme, name and token value), and the
/// loop costs about half the instructions (callgrind, `perf/baseline.txt`).
/// The token comes back as `&str` without a UTF-8 pass
/// ([`crate::chars`] knows it is ASCII).
#[inline]
pub(crate) fn token(i: &[u8]) -> Option<(&[u8], &str)> {
    let (tok, rest) = split_token(i)?;
    Some((rest, tok))
}

/// `OWS = *( SP / HTAB )` (RFC 9110 §5.6.3): the rest after it.
#[inline]
pub(crate) fn ows(i: &[u8]) -> &[u8] {
    // Most calls stand at a byte that is not whitespace: answer those
    // without entering the parser.
    if !i.first().is_some_and(|&b| is_ows(b)) {
        return i;
    }
    let n = i.iter().position(|&b| !is_ows(b)).unwrap_or(i.len());
    &i[n..]
}

/// `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`
/// (RFC 9110 §11.2): the rest and the token68, padding included.
///
/// The body is scanned 16 to 64 bytes at a time ([`crate::chars::token68_len`]):
/// a JWT after `Bearer` is the longest run any header value carries.
#[inline]
pub(crate) fn token68(i: &[u8]) -> Option<(&[u8], &str)> {
    let (t68, rest) = split_token68(i)?;
    Some((rest, t68))
}

/// `quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE` (RFC 9110 §5.6.4),
/// with `i` at the opening quote. Returns the bytes between the quotes and
/// whether any quoted-pair occurred.
pub(crate) fn quoted_string<'a, M: Mode>(i: &'a [u8], m: &mut M) -> Step<'a, (&'a [u8], bool)> {
    debug_assert_eq!(i.first(), Some(&b'"'));
    let body = &i[1..];
    let mut escaped = false;
    let mut k = 0;
    loop {
        // A run of qdtext other than HTAB at once ([`qdtext_len`]), then the
        // byte that stopped it.
        k += qdtext_len(&body[k..]);
        match body.get(k) {
            None => break,
            Some(b'"') => return Ok((&body[k + 1..], (&body[..k], escaped))),
            Some(b'\\') => match body.get(k + 1) {
                None => break,
                Some(&e) if is_quoted_pair_char(e) => {
                    escaped = true;
                    k += 2;
                }
                Some(&e) => return Err(Fail::new(&body[k + 1..], ErrorKind::ControlChar(e))),
            },
            Some(b'\t') => k += 1,
            Some(&b) => return Err(Fail::new(&body[k..], byte_error(b))),
        }
    }
    if m.allows(Flags::UNTERMINATED_QUOTE) {
        // Lenient: the value runs to the end of the field value. A backslash
        // left dangling there began a quoted-pair whose byte was cut off: it
        // escapes nothing that was sent, so it is not part of the value
        // (issue 16). `k` stands at it, or at the end when there is none,
        // so a value never ends in a lone backslash and every writer can
        // quote it.
        m.note(i, DeviationKind::UnterminatedQuote);
        return Ok((&body[body.len()..], (&body[..k.min(body.len())], escaped)));
    }
    Err(Fail::new(i, ErrorKind::UnterminatedQuotedString))
}

/// The error kind for a byte that is not allowed where it stands.
#[inline]
pub(crate) fn byte_error(b: u8) -> ErrorKind {
    if CLASSES[b as usize] & CTL != 0 {
        ErrorKind::ControlChar(b)
    } else {
        ErrorKind::UnexpectedByte(b)
    }
}

/// `token / quoted-string`, with `i` just after `"=" BWS`.
#[inline]
pub(crate) fn param_value<'a, M: Mode>(i: &'a [u8], m: &mut M) -> Step<'a, ParamValue<'a>> {
    match i.first() {
        Some(b'"') => {
            let (rest, (raw, escaped)) = quoted_string(i, m)?;
            return Ok((rest, ParamValue::quoted(raw, escaped)));
        }
        Some(b'\'') if m.allows(Flags::SINGLE_QUOTES) => {
            if let Some(found) = single_quoted(i, m) {
                return Ok(found);
            }
        }
        _ => {}
    }
    match token(i) {
        Some((rest, raw)) => {
            if m.allows(Flags::BARE_VALUES) && rest.first().is_some_and(|&b| is_bare(b)) {
                return Ok(bare_value(i, raw.len(), m));
            }
            Ok((rest, ParamValue::token(raw.as_bytes())))
        }
        None => match i.first() {
            Some(&b) if m.allows(Flags::BARE_VALUES) && is_bare(b) => Ok(bare_value(i, 0, m)),
            Some(&b) if CLASSES[b as usize] & CTL != 0 => {
                Err(Fail::new(i, ErrorKind::ControlChar(b)))
            }
            _ => Err(Fail::new(i, ErrorKind::ExpectedValue)),
        },
    }
}

/// A byte that may continue an unquoted value under
/// [`Flags::BARE_VALUES`]: anything but a control, whitespace, `,` or `"`.
#[inline]
fn is_bare(b: u8) -> bool {
    !matches!(b, b',' | b'"' | b' ' | b'\t') && CLASSES[b as usize] & CTL == 0
}

/// Lenient: an unquoted value that holds bytes outside `tchar` (`/`, `:`,
/// `@`, `=` …), up to the next comma, whitespace, quote or control. The
/// first `tok_len` bytes of `i` are known to be tchar. A `;` ends the value
/// when `;` separates parameters ([`Flags::SEMICOLONS`]) and a parameter,
/// a comma or the end follows it.
fn bare_value<'a, M: Mode>(i: &'a [u8], tok_len: usize, m: &mut M) -> (&'a [u8], ParamValue<'a>) {
    let mut k = tok_len;
    while let Some(&b) = i.get(k) {
        if !is_bare(b) {
            break;
        }
        if b == b';' && m.allows(Flags::SEMICOLONS) {
            let after = ows(&i[k + 1..]);
            if after.is_empty() || after[0] == b',' || param_start(after).is_some() {
                break;
            }
        }
        k += 1;
    }
    if k > tok_len {
        m.note(&i[tok_len..], DeviationKind::BareValue);
    }
    (&i[k..], ParamValue::token(&i[..k]))
}

/// Lenient: `'value'`, with `i` at the opening `'`; the bytes between the
/// single quotes are taken literally (no escapes). `None` when no closing
/// `'` comes before a control byte or the end: the value is then read as
/// strict would read it.
fn single_quoted<'a, M: Mode>(i: &'a [u8], m: &mut M) -> Option<(&'a [u8], ParamValue<'a>)> {
    let body = &i[1..];
    let end = body
        .iter()
        .position(|&b| b == b'\'' || (CLASSES[b as usize] & CTL != 0 && b != b'\t'))?;
    if body[end] != b'\'' {
        return None;
    }
    m.note(i, DeviationKind::SingleQuotes);
    Some((&body[end + 1..], ParamValue::token(&body[..end])))
}

/// If `i` starts an auth-param (`token BWS "="`), the name and the rest just
/// after the `=` and its BWS. This is the one token of look-ahead that tells
/// a parameter from a new auth-scheme.
#[inline]
pub(crate) fn param_start(i: &[u8]) -> Option<(&[u8], &str)> {
    let (rest, name) = token(i)?;
    let rest = ows(rest);
    match rest.split_first() {
        Some((b'=', rest)) => Some((ows(rest), name)),
        _ => None,
    }
}

/// Re-reads one `auth-param` of a list that [`param_list`] has already
/// accepted in strict mode, with `i` at its name: the rest, the name and the
/// value. Nothing is checked again, so this only finds the boundaries: the
/// name, `BWS "=" BWS`, and a token or the end of a quoted-string (the
/// first `"` that is not escaped). Given anything else it still returns
/// without panicking, with slices of `i`. `tests/lenient/parse.rs`
/// (`strictly_valid_reads_the_same`) checks it against the validating
/// reader that lenient lists use.
#[inline]
pub(crate) fn checked_param(i: &[u8]) -> (&[u8], &str, ParamValue<'_>) {
    let (rest, name) = token(i).unwrap_or((i, ""));
    let rest = ows(rest);
    let rest = ows(rest.get(1..).unwrap_or_default());
    let Some((b'"', body)) = rest.split_first() else {
        let (after, value) = token(rest).unwrap_or((rest, ""));
        return (after, name, ParamValue::token(value.as_bytes()));
    };
    let mut escaped = false;
    let mut k = 0;
    loop {
        k += quote_or_backslash_len(body.get(k..).unwrap_or_default());
        match body.get(k) {
            Some(b'\\') => {
                escaped = true;
                k += 2;
            }
            _ => {
                let k = k.min(body.len());
                let after = body.get(k + 1..).unwrap_or_default();
                return (after, name, ParamValue::quoted(&body[..k], escaped));
            }
        }
    }
}

/// The failure of `token BWS "="` when no `=` follows a name: at the byte
/// where the `=` was expected, just after the name and its BWS (a control
/// byte there is reported as such).
pub(crate) fn missing_equals(i: &[u8]) -> Fail<'_> {
    let at = match token(i) {
        Some((rest, _)) => ows(rest),
        None => i,
    };
    let kind = match at.first() {
        Some(&b) if CLASSES[b as usize] & CTL != 0 => ErrorKind::ControlChar(b),
        _ => ErrorKind::ExpectedEquals,
    };
    Fail::new(at, kind)
}

/// `auth-param = token BWS "=" BWS ( token / quoted-string )`, with `i` at
/// the name, known to start a parameter.
#[inline]
pub(crate) fn auth_param<'a, M: Mode>(
    i: &'a [u8],
    m: &mut M,
) -> Step<'a, (&'a str, ParamValue<'a>)> {
    match param_start(i) {
        Some((rest, name)) => {
            let (rest, value) = param_value(rest, m)?;
            Ok((rest, (name, value)))
        }
        None => Err(missing_equals(i)),
    }
}

/// Skips `OWS "," OWS` separators and empty list elements (`#` rule, RFC 9110
/// §5.6.1). Returns the rest and whether at least one comma was seen. Under
/// [`Flags::SEMICOLONS`] a `;` counts as a comma.
#[inline]
pub(crate) fn separators<'a, M: Mode>(i: &'a [u8], m: &mut M) -> (&'a [u8], bool) {
    let mut rest = ows(i);
    let mut comma = false;
    loop {
        match rest.split_first() {
            Some((b',', r)) => {
                comma = true;
                rest = ows(r);
            }
            Some((b';', r)) if m.allows(Flags::SEMICOLONS) => {
                m.note(rest, DeviationKind::Semicolon);
                comma = true;
                rest = ows(r);
            }
            _ => return (rest, comma),
        }
    }
}

/// What followed an auth-scheme.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Body<'a> {
    /// Nothing: the scheme stands alone.
    Empty,
    /// A token68.
    Token68(&'a str),
    /// One or more auth-params.
    Params(List<'a>),
}

/// A checked `#auth-param` list: the slice from the first name to the end of
/// the last value, and where its first parameters are when the strict fast
/// path noted them.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct List<'a> {
    pub(crate) raw: &'a [u8],
    pub(crate) marks: Marks,
}

impl<'a> List<'a> {
    /// A list that was checked without noting where its parameters are.
    const fn unmarked(raw: &'a [u8]) -> Self {
        List {
            raw,
            marks: Marks::EMPTY,
        }
    }

    /// Whether the list holds no parameter.
    pub(crate) const fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }
}

/// `auth-param *( OWS "," OWS [ auth-param ] )`: the parameters of one
/// challenge or credentials, with `i` at a parameter or at a comma that
/// may precede one. Stops before the separator that leads to something that
/// is not a parameter. Returns the rest and the slice of the parameters
/// (empty when there was none).
pub(crate) fn param_list<'a, M: Mode>(i: &'a [u8], m: &mut M) -> Step<'a, List<'a>> {
    param_list_from(i, None, m)
}

/// [`param_list`], where `known` is `param_start(i)` when the caller has
/// already looked (so the first name is not read twice).
fn param_list_from<'a, M: Mode>(
    i: &'a [u8],
    mut known: Option<(&'a [u8], &'a str)>,
    m: &mut M,
) -> Step<'a, List<'a>> {
    if m.flags() == Flags::EMPTY {
        if let Some(found) = strict_params(i) {
            return Ok(found);
        }
    }
    let (rest, raw) = params_general(i, known.take(), m)?;
    Ok((rest, List::unmarked(raw)))
}

/// The general loop of [`param_list_from`], for every mode and every input.
fn params_general<'a, M: Mode>(
    i: &'a [u8],
    mut known: Option<(&'a [u8], &'a str)>,
    m: &mut M,
) -> Step<'a, &'a [u8]> {
    let mut first: Option<&[u8]> = None;
    let mut end = i;
    let mut cur = i;
    loop {
        let (next, comma) = separators(cur, m);
        if first.is_some() && !comma {
            // After a parameter only `OWS ","` or the end may follow.
            match next.first() {
                None if next.len() < cur.len() => {
                    return Err(Fail::new(cur, ErrorKind::TrailingWhitespace))
                }
                None => return Ok((end, slice_between(first, end))),
                Some(_) if m.allows(Flags::MISSING_COMMAS) && param_start(next).is_some() => {
                    m.note(next, DeviationKind::MissingComma);
                }
                Some(&b) => return Err(Fail::new(next, byte_or_comma(b))),
            }
        }
        if first.is_none() && !comma && next.len() < cur.len() && !next.is_empty() {
            // `Scheme SP HTAB name=value`: only SP may separate the scheme.
            return Err(Fail::new(cur, ErrorKind::ExpectedSpaceAfterScheme));
        }
        let start = match known.take() {
            Some(k) if next.len() == i.len() => Some(k),
            _ => param_start(next),
        };
        let Some((value, _)) = start else {
            return Ok((end, slice_between(first, end)));
        };
        let (rest, _) = param_value(value, m)?;
        if first.is_none() {
            first = Some(next);
        }
        end = rest;
        cur = rest;
    }
}

/// The strict fast path of [`param_list`] for a list that starts with a
/// parameter: one loop over byte indices, the same rules, and the same
/// answer as the general loop below whenever it answers. It gives up
/// (`None`) at anything unusual (an error, trailing whitespace, a list that
/// does not start with a name), and the general loop then reads the value
/// again and says what is wrong.
fn strict_params(i: &[u8]) -> Option<(&[u8], List<'_>)> {
    let mut marks = Marks::EMPTY;
    let end = strict_params_into(i, &mut marks)?;
    Some((
        &i[end..],
        List {
            raw: &i[..end],
            marks,
        },
    ))
}

/// [`strict_params`], noting the parameters in `marks` (which the caller
/// gives empty) and returning where the list ends: `i[..end]` is the list
/// and `i[end..]` the rest. The caller keeps `marks` only on `Some`.
fn strict_params_into(i: &[u8], marks: &mut Marks) -> Option<usize> {
    let ows_at = |k: usize| matches!(i.get(k), Some(b' ' | b'\t'));
    let tchars = |mut k: usize| {
        while i.get(k).is_some_and(|&b| is_tchar(b)) {
            k += 1;
        }
        k
    };
    let mut k = 0;
    let mut end = 0;
    loop {
        // token BWS "=" BWS, or the end of the list.
        let name = k;
        let name_end = tchars(k);
        let mut j = name_end;
        // Mostly the `=` follows the name at once: no BWS to look for.
        if i.get(j) != Some(&b'=') {
            while ows_at(j) {
                j += 1;
            }
        }
        if name_end == k || i.get(j) != Some(&b'=') {
            // Not a parameter: the list ended with the last value (a new
            // challenge, or an error for the caller to find). The first
            // element must be a parameter.
            return (end > 0).then_some(end);
        }
        k = j + 1;
        while ows_at(k) {
            k += 1;
        }
        // token / quoted-string
        match i.get(k) {
            Some(b'"') => {
                k += 1;
                let value = k;
                let mut escaped = false;
                loop {
                    k += qdtext_len_at(i, k);
                    match i.get(k) {
                        Some(b'"') => break,
                        Some(b'\\') if i.get(k + 1).is_some_and(|&e| is_quoted_pair_char(e)) => {
                            escaped = true;
                            k += 2
                        }
                        Some(b'\t') => k += 1,
                        _ => return None,
                    }
                }
                marks.push(name, name_end, value, k, Some(escaped));
                k += 1;
            }
            Some(&b) if is_tchar(b) => {
                let value = k;
                k = tchars(k);
                marks.push(name, name_end, value, k, None);
            }
            _ => return None,
        }
        end = k;
        // OWS "," OWS, and empty elements; or the end.
        match i.get(k) {
            Some(b',') => {}
            None => return Some(end),
            Some(b' ' | b'\t') => {
                while ows_at(k) {
                    k += 1;
                }
                if i.get(k) != Some(&b',') {
                    return None;
                }
            }
            _ => return None,
        }
        while matches!(i.get(k), Some(b' ' | b'\t' | b',')) {
            k += 1;
        }
    }
}

fn byte_or_comma(b: u8) -> ErrorKind {
    match byte_error(b) {
        ErrorKind::ControlChar(c) => ErrorKind::ControlChar(c),
        _ => ErrorKind::ExpectedComma,
    }
}

/// The slice from `first` (a suffix of the input) up to `end` (a shorter suffix).
fn slice_between<'a>(first: Option<&'a [u8]>, end: &'a [u8]) -> &'a [u8] {
    match first {
        Some(f) => &f[..f.len() - end.len()],
        None => &[],
    }
}

/// `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`, with `i` at the scheme.
/// Returns the rest (at the separator after the element, or the end), the
/// scheme and the body.
pub(crate) fn scheme_and_body<'a, M: Mode>(
    i: &'a [u8],
    m: &mut M,
) -> Step<'a, (&'a str, Body<'a>)> {
    let Some((rest, scheme)) = token(i) else {
        return Err(Fail::new(
            i,
            match i.first() {
                Some(&b) if CLASSES[b as usize] & CTL != 0 => ErrorKind::ControlChar(b),
                _ => ErrorKind::ExpectedScheme,
            },
        ));
    };
    match rest.first() {
        Some(b',') if m.allows(Flags::STRAY_COMMAS) => {
            // `Bearer, error="x"`: read the parameters as this scheme's.
            let (next, _) = separators(rest, m);
            if param_start(next).is_some() {
                m.note(rest, DeviationKind::CommaAfterScheme);
                let (r, params) = param_list(rest, m)?;
                return Ok((r, (scheme, Body::Params(params))));
            }
            return Ok((rest, (scheme, Body::Empty)));
        }
        None | Some(b',') => return Ok((rest, (scheme, Body::Empty))),
        Some(b' ') => {}
        Some(b';' | b':') if m.allows(Flags::SCHEME_SEPARATOR) => {
            // `Basic; realm="x"`, `Bearer: eyJ…`.
            m.note(rest, DeviationKind::SeparatorAfterScheme);
            let body_start = ows(&rest[1..]);
            return match body_start.first() {
                None | Some(b',') => Ok((body_start, (scheme, Body::Empty))),
                _ => body(i, scheme, body_start, m),
            };
        }
        Some(b'=') => return Err(Fail::new(i, ErrorKind::ParamWithoutScheme)),
        Some(b'\t') => {
            // `Scheme<HTAB>` then end or a comma is OWS before a separator.
            let after = ows(rest);
            return match after.first() {
                None => Err(Fail::new(rest, ErrorKind::TrailingWhitespace)),
                Some(b',') => Ok((rest, (scheme, Body::Empty))),
                Some(_) => Err(Fail::new(rest, ErrorKind::ExpectedSpaceAfterScheme)),
            };
        }
        Some(&b) if CLASSES[b as usize] & CTL != 0 => {
            return Err(Fail::new(rest, ErrorKind::ControlChar(b)))
        }
        Some(_) => return Err(Fail::new(rest, ErrorKind::ExpectedSpaceAfterScheme)),
    }
    // 1*SP (`rest` starts with one)
    let spaces = rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
    let body_start = &rest[spaces..];
    match body_start.first() {
        // `Scheme SP` at the end: a field value never ends in whitespace
        // (RFC 9110 §5.5), though the #auth-param list may be empty.
        None => return Err(Fail::new(rest, ErrorKind::TrailingWhitespace)),
        Some(b',') | Some(b'\t') => {
            let (r, params) = param_list(body_start, m)?;
            let body = if params.is_empty() {
                Body::Empty
            } else {
                Body::Params(params)
            };
            // An empty list: give back the spaces and separators for the
            // list rule (so that `Scheme SP HTAB` is trailing whitespace
            // from the SP on).
            let r = if params.is_empty() { rest } else { r };
            return Ok((r, (scheme, body)));
        }
        _ => {}
    }
    body(i, scheme, body_start, m)
}

/// The strict fast path of [`scheme_and_body`] for its most common shape,
/// `auth-scheme 1*SP auth-param ...`: the same answer whenever it answers,
/// `None` for anything else (which [`scheme_and_body`] then reads).
/// The parameters are noted in `marks` (given empty, kept only on `Some`);
/// the answer is the rest, the scheme and the list.
#[inline]
pub(crate) fn strict_scheme_params<'a>(
    i: &'a [u8],
    marks: &mut Marks,
) -> Option<(&'a [u8], &'a str, &'a [u8])> {
    let (scheme, body) = scheme_spaces(i)?;
    // A long token68 (a JWT) is not to be read as a name first. On a body
    // of 16 bytes or fewer the test is skipped: a parameter list saves it,
    // and a short token68 wastes at most those bytes of the strict loop.
    if body.len() > 16 && !has_equals_in_16(body) {
        return None;
    }
    let end = strict_params_into(body, marks)?;
    Some((&body[end..], scheme, &body[..end]))
}

/// `auth-scheme 1*SP` followed by something: the scheme and the body after
/// the spaces. `None` when `i` does not start that way (the fast paths then
/// leave the value to the general reader).
#[inline]
pub(crate) fn scheme_spaces(i: &[u8]) -> Option<(&str, &[u8])> {
    let (scheme, rest) = split_token(i)?;
    match rest.iter().position(|&b| b != b' ')? {
        0 => None,
        spaces => Some((scheme, &rest[spaces..])),
    }
}

/// `token68 / #auth-param` after the scheme and its separator, with
/// `body_start` at the first byte of the body.
#[inline]
fn body<'a, M: Mode>(
    i: &'a [u8],
    scheme: &'a str,
    body_start: &'a [u8],
    m: &mut M,
) -> Step<'a, (&'a str, Body<'a>)> {
    if body_start.first() == Some(&b'=') {
        return Err(Fail::new(i, ErrorKind::ParamWithoutScheme));
    }
    // The common case first: `name BWS "=" BWS` and the start of a token or
    // quoted-string can only be parameters (a token68 is followed by its
    // padding and then the end or a comma), so the token68 scan is skipped.
    // Only when an `=` comes within 16 bytes, so that a long token68 (a JWT)
    // is not read as a name first.
    if has_equals_in_16(body_start) {
        if m.flags() == Flags::EMPTY {
            if let Some((r, list)) = strict_params(body_start) {
                return Ok((r, (scheme, Body::Params(list))));
            }
        }
        if let Some(start @ (value, _)) = param_start(body_start) {
            if value.first().is_some_and(|&b| b == b'"' || is_tchar(b)) {
                let (r, params) = param_list_from(body_start, Some(start), m)?;
                return Ok((r, (scheme, Body::Params(params))));
            }
        }
    }
    // token68, if it is followed by the end or `OWS ","`.
    let start = if let Some((after, t68)) = token68(body_start) {
        let next = ows(after);
        match next.first() {
            None if next.len() == after.len() => return Ok((after, (scheme, Body::Token68(t68)))),
            Some(b',') => return Ok((after, (scheme, Body::Token68(t68)))),
            _ => {}
        }
        let mut start = param_start(body_start);
        // `abc== x` or `abc== ` (a token68 with its padding, then junk or
        // trailing whitespace) also reads as `abc` `=` followed by a value
        // that cannot start with `=`: that is a token68 error, not a
        // missing value.
        if let Some((value, _)) = start {
            if matches!(value.first(), None | Some(b'=')) && m.flags() == Flags::EMPTY {
                start = None;
            }
        }
        if start.is_none() {
            return Err(match next.first() {
                None => Fail::new(after, ErrorKind::TrailingWhitespace),
                Some(_) => Fail::new(
                    next,
                    match next.first() {
                        Some(&b) if CLASSES[b as usize] & CTL != 0 => ErrorKind::ControlChar(b),
                        _ => ErrorKind::Token68NotAlone,
                    },
                ),
            });
        }
        start
    } else {
        param_start(body_start)
    };
    if start.is_none() {
        return Err(Fail::new(
            body_start,
            match body_start.first() {
                Some(&b) if CLASSES[b as usize] & CTL != 0 => ErrorKind::ControlChar(b),
                _ => ErrorKind::ExpectedToken68OrParam,
            },
        ));
    }
    let (r, params) = param_list_from(body_start, start, m)?;
    Ok((r, (scheme, Body::Params(params))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_stops_at_separators() {
        assert_eq!(token(b"Basic realm"), Some((&b" realm"[..], "Basic")));
        assert_eq!(token(b"=x"), None);
    }

    #[test]
    fn token68_takes_padding() {
        assert_eq!(token68(b"abc==, x"), Some((&b", x"[..], "abc==")));
        assert_eq!(token68(b"=="), None);
    }

    #[test]
    fn strict_fast_path_agrees_with_the_general_loop() {
        // Every string of up to seven bytes over the bytes that matter, after
        // a first parameter: whenever the fast path answers, the general
        // loop gives the same answer.
        let mut answered = 0;
        crate::testing::each_short(b"a=\", \t\\", 7, b"x=1", |v| {
            for start in [0, 2] {
                let i = &v[start..];
                if let Some((rest, list)) = strict_params(i) {
                    let fast = (rest, list.raw);
                    answered += 1;
                    let general = params_general(i, None, &mut Strict).map_err(|f| f.kind);
                    assert_eq!(Ok(fast), general, "{:?}", i);
                }
            }
        });
        assert!(answered > 10_000, "{answered}");
    }

    #[test]
    fn quoted_string_escapes_and_errors() {
        let (rest, (raw, esc)) = quoted_string(br#""a\"b", x"#, &mut Strict).unwrap();
        assert_eq!(raw, br#"a\"b"#);
        assert!(esc);
        assert_eq!(rest, b", x");
        let e = quoted_string(b"\"abc", &mut Strict).unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnterminatedQuotedString);
        let e = quoted_string(b"\"a\nb\"", &mut Strict).unwrap_err();
        assert_eq!(e.kind, ErrorKind::ControlChar(b'\n'));
        let e = quoted_string(b"\"a\\", &mut Strict).unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnterminatedQuotedString);
    }
}
