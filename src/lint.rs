//! A linter for authentication header values: what is wrong, where, and how
//! to fix it, in words for the person debugging a 401.
//!
//! [`lint_with`] reads a value with the [`ParseOptions::lenient`] preset, so
//! that it can go past the first mistake, and reports a [`Finding`] for:
//! - every place strict parsing refuses (each [`crate::DeviationKind`] the
//!   lenient parse forgave, and the error that stops even the lenient
//!   parse), re-worded: `Bearer: eyJ…` gives "':' after the auth-scheme"
//!   with the fix "write `Bearer eyJ…`"; `BearereyJ…`, two spaces, a
//!   trailing space and an empty token each have their own finding;
//! - a repeated parameter name and an empty `WWW-Authenticate`, which the
//!   validating calls refuse;
//! - what the scheme's RFC asks beyond the generic grammar: `Basic` (RFC
//!   7617), `Bearer` and `DPoP` (RFC 6750, RFC 9449, RFC 9470), `Digest`
//!   (RFC 7616). These come from the typed views' own checks (the ones
//!   their `validate()` runs, here run to the end) and the schemes' tables
//!   (`schemes::digest::rules`, [`Algorithm`]): the linter restates no
//!   rule a scheme module states, only the finding codes and words. The
//!   OAuth findings below that are advice on using the RFCs rather than
//!   rules of a scheme's syntax (`resource_metadata` over https and once
//!   per resource, RFC 9728 §3 and §5.1; `insufficient_scope` naming its
//!   `scope`, and an expiry code sent as `invalid_token`, RFC 6750 §3.1)
//!   are the linter's own;
//! - a parameter that another scheme defines on a Basic, Bearer, DPoP or
//!   Digest challenge (`foreign-param`: `charset` on Bearer is Basic's),
//!   from each scheme's `rules::PARAMS_IN_CHALLENGE`, and a name sent as
//!   an auth-scheme where Bearer is meant (`jwt-scheme`: `JWT`, from
//!   `schemes::bearer::rules::MISTAKEN_FOR_SCHEME`);
//! - the same challenge offered twice in one list (`duplicate-challenge`:
//!   the same scheme, token68 and parameters, in any order; one challenge
//!   per Digest algorithm or per realm differs and is not flagged), among
//!   the first [`crate::MAX_UNIQUE_CHECK`] challenges;
//! - on `WWW-Authenticate` (RFC 6750 and RFC 9728 are about origin
//!   servers, not proxies): `resource_metadata` given twice, as two URLs
//!   or on two challenges of one scheme (`resource-metadata-repeated`; the
//!   same URL on a Bearer and a DPoP challenge is RFC 9449 §7.2's offer of
//!   both), or not an absolute `https` URL
//!   (`resource-metadata-url`, RFC 9728 §3; loopback `http` allowed, see
//!   [`is_secure_url`]), and `insufficient_scope` without `scope`
//!   (`insufficient-scope-without-scope`: the client cannot tell what to
//!   ask for). An `error` no RFC defines is `bearer-unknown-error`; when it
//!   is about expiry (`token_expired`) the fix names `invalid_token`.
//!
//! [`lint_offered_with`] takes the challenges a server sent and the
//! credentials a client answered with, and flags a scheme that was not
//! offered.
//!
//! Severity follows one rule: [`Severity::Error`] when strict parsing or the
//! validating calls ([`crate::ChallengeList::validate`],
//! [`crate::Params::check_unique`]) refuse the value; [`Severity::Warning`]
//! when the value parses but breaks a rule of its scheme's RFC or a common
//! interoperability expectation; [`Severity::Info`] for notes (which status
//! code goes with a Bearer error). So a value that parses strictly and
//! validates gives no error.
//!
//! Findings go to a closure (nothing is allocated); with the `alloc`
//! feature, [`lint`] and [`lint_offered`] collect them into a `Vec`.
//!
//! ```
//! use auth_headers::lint::{lint_with, Severity};
//! let value = "Bearer: eyJhbGciOiJIUzI1NiJ9.e30.sig";
//! let mut found = None;
//! lint_with("Authorization", value, &mut |f| found = Some(f));
//! let f = found.unwrap();
//! assert_eq!((f.code, f.severity, f.start, f.end), ("separator-after-scheme", Severity::Error, 6, 8));
//! assert_eq!(f.message, "':' after the auth-scheme");
//! let mut fix = String::new();
//! f.write_fix(value.as_bytes(), &mut fix).unwrap();
//! // The fix never repeats the token.
//! assert_eq!(fix, "put one space after the auth-scheme: write `Bearer <redacted>`");
//! ```

use core::fmt;

use crate::challenge::{Challenge, ChallengeList};
use crate::chars::is_ows;
use crate::credentials::Credentials;
use crate::error::{Error, ErrorKind};
use crate::field::{Field, FieldKind};
use crate::lenient::{Deviation, DeviationKind, ParseOptions};
use crate::params::Param;
use crate::params::Params;
use crate::quoted::ParamValue;
use crate::schemes;
use crate::schemes::basic::BasicChallenge;
use crate::schemes::bearer::{BearerChallenge, ErrorCode};
use crate::schemes::digest::{self, Algorithm, AlgorithmValue, DigestChallenge, DigestCredentials};
use crate::schemes::dpop::DpopChallenge;
use crate::span::offset_of;
use crate::syntax;

/// How serious a finding is (see the [module docs](self) for the rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Strict parsing or validation refuses the value.
    Error,
    /// The value parses but breaks its scheme's RFC or invites interop trouble.
    Warning,
    /// A note.
    Info,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A machine-applicable fix: replace the bytes `start..end` of the value with
/// `replacement`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    /// First byte replaced.
    pub start: usize,
    /// One past the last byte replaced (`start` for an insertion).
    pub end: usize,
    /// What goes in their place.
    pub replacement: &'static str,
}

/// One thing the linter found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// First byte of the value the finding is about.
    pub start: usize,
    /// One past the last byte (equal to `start` at the end of the value).
    pub end: usize,
    /// A stable identifier, such as `"missing-comma"`, for filtering and tests.
    pub code: &'static str,
    /// What is wrong.
    pub message: &'static str,
    /// What to do about it.
    pub fix: &'static str,
    /// The change that fixes it, when one small edit does.
    pub edit: Option<Edit>,
}

impl Finding {
    fn new(severity: Severity, start: usize, end: usize, code: &'static str) -> Self {
        Finding {
            severity,
            start,
            end,
            code,
            message: "",
            fix: "",
            edit: None,
        }
    }

    fn says(mut self, message: &'static str, fix: &'static str) -> Self {
        self.message = message;
        self.fix = fix;
        self
    }

    fn edit(mut self, start: usize, end: usize, replacement: &'static str) -> Self {
        self.edit = Some(Edit {
            start,
            end,
            replacement,
        });
        self
    }

    /// Writes the fix for `value` (the value that was linted): the advice,
    /// then, when there is an [`Edit`], the value with the edit applied
    /// (long values are shortened around the edit with `…`).
    ///
    /// The value is echoed by the rules of `Debug` ([`crate::redact`]):
    /// auth-schemes, parameter names, separators and the values of public
    /// parameters (`realm`, `algorithm` …) as written; a token68 and every
    /// other value as `<redacted>`, so that a fix for `Authorization` never
    /// repeats the credentials.
    ///
    /// ```
    /// # #[cfg(feature = "alloc")] {
    /// use auth_headers::lint::lint;
    /// let v = "Bearer: mF_9.B5f-4.1JqM";
    /// let f = &lint("Authorization", v)[0];
    /// assert_eq!(f.fix_text(v.as_bytes()), "put one space after the auth-scheme: write `Bearer <redacted>`");
    /// # }
    /// ```
    pub fn write_fix<W: fmt::Write + ?Sized>(&self, value: &[u8], w: &mut W) -> fmt::Result {
        w.write_str(self.fix)?;
        let Some(e) = self.edit else { return Ok(()) };
        if e.start > e.end || e.end > value.len() {
            return Ok(());
        }
        // Shown bytes kept on each side of the edit; a masked span counts
        // for nothing (it is written as one `<redacted>`).
        const KEEP: usize = 40;
        let fixed = Fixed([&value[..e.start], e.replacement.as_bytes(), &value[e.end..]]);
        let edit_end = e.start + e.replacement.len();
        // First pass: how many shown bytes come before the edit.
        let shown_before: usize = fixed
            .spans()
            .take_while(|&(start, _, _)| start < e.start)
            .filter(|&(_, _, show)| show)
            .map(|(start, end, _)| end.min(e.start) - start)
            .sum();
        let lo = shown_before.saturating_sub(KEEP);
        w.write_str(": write `")?;
        if lo > 0 {
            w.write_str("…")?;
        }
        // Second pass: write the shown bytes from `lo`, to `KEEP` of them
        // past the edit.
        let (mut n, mut after, mut masked) = (0, 0, false);
        for (start, end, show) in fixed.spans() {
            if after >= KEEP {
                w.write_str("…")?;
                break;
            }
            if !show {
                // Masked spans side by side are written once.
                if n >= lo && !masked {
                    w.write_str("<redacted>")?;
                    after += usize::from(start >= edit_end);
                }
                masked = true;
                continue;
            }
            masked = false;
            let mut a = start;
            if n < lo {
                a = (start + (lo - n)).min(end);
            }
            n += end - start;
            // Bytes of this span at or after the end of the edit count
            // toward the context after it.
            let past = end.saturating_sub(a.max(edit_end));
            let b = if after + past > KEEP {
                end - (after + past - KEEP)
            } else {
                end
            };
            after += past;
            if a < b {
                fixed.write(a, b, w)?;
            }
        }
        w.write_str("`")
    }

    /// [`Finding::write_fix`] into a `String`.
    #[cfg(feature = "alloc")]
    pub fn fix_text(&self, value: &[u8]) -> alloc::string::String {
        let mut s = alloc::string::String::new();
        // Writing into a String cannot fail.
        let _ = self.write_fix(value, &mut s);
        s
    }
}

/// A stretch of a header value, and whether the rules of `Debug`
/// ([`crate::redact`]) show it; see [`redacted_pieces`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Piece {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Whether it is shown: an auth-scheme, a parameter name, a separator,
    /// or the value of a public parameter. A token68 and any other value
    /// are not.
    pub shown: bool,
}

/// `value` (any header value, well formed or not) cut into [`Piece`]s, in
/// order and without gaps, by the rules [`Finding::write_fix`] echoes a
/// value by ([`crate::redact`]): auth-schemes, parameter names,
/// separators and the values of [public parameters](crate::redact::PUBLIC_PARAMS)
/// shown; a token68 (with its `=` padding), every other value and any
/// other word masked. Masked stretches side by side are one piece, which
/// stands for one `<redacted>`; two masked pieces never touch. For
/// showing a credentials value (a whole line, with a caret under a range)
/// without its secret. Linear; allocates nothing.
///
/// ```
/// use auth_headers::lint::redacted_pieces;
/// let v = b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
/// let masked: Vec<_> = redacted_pieces(v).filter(|p| !p.shown).map(|p| p.start..p.end).collect();
/// assert_eq!(masked, [6..v.len()]);
/// // A token68 and a quoted-string glued to it: one masked piece.
/// let v = br#"Bearer mF_9.B5f-4"1JqM""#;
/// let masked: Vec<_> = redacted_pieces(v).filter(|p| !p.shown).map(|p| p.start..p.end).collect();
/// assert_eq!(masked, [7..v.len()]);
/// ```
pub fn redacted_pieces(value: &[u8]) -> impl Iterator<Item = Piece> + '_ {
    let mut spans = Fixed([value, b"", b""]).spans().peekable();
    core::iter::from_fn(move || {
        let (start, mut end, shown) = spans.next()?;
        while let Some((_, e, _)) = spans.next_if(|&(_, _, s)| !shown && !s) {
            end = e;
        }
        Some(Piece { start, end, shown })
    })
}

/// Writes `value` as [`Finding::write_fix`] echoes it: the shown
/// [`Piece`]s as written (bytes that are not UTF-8 as U+FFFD), each
/// masked one as `<redacted>`.
///
/// ```
/// use auth_headers::lint::write_redacted;
/// let mut s = String::new();
/// write_redacted(br#"Digest username="Mufasa", realm="api", response="6629fae4""#, &mut s).unwrap();
/// assert_eq!(s, r#"Digest username=<redacted>, realm="api", response=<redacted>"#);
/// ```
pub fn write_redacted<W: fmt::Write + ?Sized>(value: &[u8], w: &mut W) -> fmt::Result {
    for p in redacted_pieces(value) {
        if p.shown {
            crate::quoted::write_lossy(&value[p.start..p.end], w)?;
        } else {
            w.write_str("<redacted>")?;
        }
    }
    Ok(())
}

/// The auth-schemes this crate reads, which [`Fixed::spans`] shows after a
/// comma: each scheme module's name.
const SCHEMES_READ: [&str; 13] = [
    schemes::basic::SCHEME,
    schemes::bearer::SCHEME,
    schemes::digest::SCHEME,
    schemes::dpop::SCHEME,
    schemes::token68::NEGOTIATE,
    schemes::token68::NTLM,
    schemes::hawk::SCHEME,
    schemes::hoba::SCHEME,
    schemes::mutual::SCHEME,
    schemes::scram::SCRAM_SHA_1,
    schemes::scram::SCRAM_SHA_256,
    schemes::vapid::SCHEME,
    schemes::aws4::SCHEME,
];

/// A linted value with an edit applied, as its three pieces (before the
/// edit, the replacement, after it), read without copying them together.
#[derive(Clone, Copy)]
struct Fixed<'v>([&'v [u8]; 3]);

impl<'v> Fixed<'v> {
    fn len(&self) -> usize {
        self.0.iter().map(|p| p.len()).sum()
    }

    fn get(&self, mut i: usize) -> Option<u8> {
        for p in self.0 {
            if i < p.len() {
                return Some(p[i]);
            }
            i -= p.len();
        }
        None
    }

    /// Writes bytes `a..b`.
    fn write<W: fmt::Write + ?Sized>(&self, mut a: usize, mut b: usize, w: &mut W) -> fmt::Result {
        for p in self.0 {
            let (x, y) = (a.min(p.len()), b.min(p.len()));
            if x < y {
                crate::quoted::write_lossy(&p[x..y], w)?;
            }
            a = a.saturating_sub(p.len());
            b = b.saturating_sub(p.len());
        }
        Ok(())
    }

    /// The value cut into spans `(start, end, shown)`, by the rules of
    /// `Debug` ([`crate::redact`]): the first word of the value, when not a
    /// name, is an auth-scheme, shown, and so is a word after a comma that
    /// is a scheme of [`SCHEMES_READ`] (a first word that starts with one of
    /// `schemes::rules::GLUED_SCHEMES` and goes on, `BearereyJ…`, is that scheme, shown, and
    /// a glued token, masked, as `Debug` shows it:
    /// `redact::scheme_shown_len`); a word
    /// followed by one `=` and a value is a parameter name, shown, and its
    /// value (a word or a quoted-string) is shown only when the name is
    /// public; any other word (a token68, with its `=` padding) or
    /// quoted-string is masked. Separators are shown. This only finds
    /// boundaries for masking, on a value that may be malformed: it never
    /// decides what the value means. Linear: each byte is looked at a
    /// bounded number of times.
    fn spans(self) -> impl Iterator<Item = (usize, usize, bool)> + 'v {
        let len = self.len();
        let is_sep = |b: u8| matches!(b, b' ' | b'\t' | b',' | b'=' | b'"' | b';' | b':');
        let mut i = 0;
        // At the start of an element; the name whose value comes next
        // (public or not), once its `=` has been seen.
        let mut element_start = true;
        let mut value_of: Option<bool> = None;
        let mut name_buf = [0u8; 32];
        let mut seen_word = false;
        // The rest of a first word glued to a known scheme (`BearereyJ…`).
        let mut glued_rest = false;
        // The element's scheme takes a token68 credential, so a name that
        // is not public is a token68's bytes ([`crate::redact`]).
        let mut names_hidden = false;
        core::iter::from_fn(move || {
            let b = self.get(i)?;
            let start = i;
            if b == b'"' {
                // A quoted-string, to its closing quote (or the end).
                i += 1;
                while let Some(c) = self.get(i) {
                    i += 1;
                    if c == b'\\' {
                        i += 1;
                    } else if c == b'"' {
                        break;
                    }
                }
                let show = value_of.take() == Some(true);
                element_start = false;
                return Some((start, i.min(len), show));
            }
            if let Some(public) = value_of.filter(|_| !matches!(b, b' ' | b'\t')) {
                value_of = None;
                if b != b',' {
                    // An unquoted value: to the next space or comma.
                    while self
                        .get(i)
                        .is_some_and(|c| !matches!(c, b' ' | b'\t' | b','))
                    {
                        i += 1;
                    }
                    element_start = false;
                    return Some((start, i, public));
                }
            }
            if is_sep(b) {
                i += 1;
                if b == b',' {
                    element_start = true;
                }
                return Some((start, i, true));
            }
            // A word: a scheme, a name or a token68.
            while self.get(i).is_some_and(|c| !is_sep(c)) {
                i += 1;
            }
            let first_word = !seen_word;
            seen_word = true;
            let end = i;
            // A first word that starts with a known scheme and goes on is
            // the scheme and a token glued to it, `Debug`'s rule
            // ([`crate::redact`]): the scheme is shown, the rest masked.
            // Its first bytes suffice, every such scheme being shorter.
            if first_word {
                let n = (end - start).min(name_buf.len());
                for (x, slot) in name_buf[..n].iter_mut().enumerate() {
                    *slot = self.get(start + x).unwrap_or(0);
                }
                let shown = crate::redact::scheme_shown_len(&name_buf[..n]);
                if shown < n {
                    i = start + shown;
                    glued_rest = true;
                    element_start = false;
                    return Some((start, i, true));
                }
            }
            let mut j = end;
            while matches!(self.get(j), Some(b' ' | b'\t')) {
                j += 1;
            }
            let mut eq = 0;
            while self.get(j + eq) == Some(b'=') {
                eq += 1;
            }
            let mut k = j + eq;
            while matches!(self.get(k), Some(b' ' | b'\t')) {
                k += 1;
            }
            if core::mem::take(&mut glued_rest) {
                i = if eq > 0 { j + eq } else { end };
                return Some((start, i, false));
            }
            let name = eq == 1 && !matches!(self.get(k), None | Some(b','));
            // The word as text, when it is short enough to be a name or a
            // scheme this crate knows.
            let n = end - start;
            let word = if n <= name_buf.len() {
                for (x, slot) in name_buf[..n].iter_mut().enumerate() {
                    *slot = self.get(start + x).unwrap_or(0);
                }
                core::str::from_utf8(&name_buf[..n]).ok()
            } else {
                None
            };
            if name {
                let public = word.is_some_and(crate::redact::is_public_param);
                value_of = Some(public);
                element_start = false;
                // The name, the BWS and the `=`: shown, but for a name
                // that may be a token68 cut at its padding.
                i = j + 1;
                return Some((start, i, public || !names_hidden));
            }
            // The first word of the value is its auth-scheme; after a
            // comma, only a scheme this crate reads is told from a token68
            // (`Negotiate, NTLM` against `Bearer , <token>`).
            let scheme = element_start
                && (first_word
                    || word.is_some_and(|w| {
                        SCHEMES_READ
                            .iter()
                            .any(|s| crate::chars::eq_ignore_case(s.as_bytes(), w.as_bytes()))
                    }));
            element_start = false;
            if scheme {
                names_hidden = word.is_some_and(|w| crate::redact::hides_names_after(w.as_bytes()));
            }
            if !scheme && eq > 0 {
                // A token68 with its padding.
                i = j + eq;
                return Some((start, i, false));
            }
            Some((start, end, scheme))
        })
    }
}

/// `error[code] at start..end: message`.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] at {}..{}: {}",
            self.severity, self.code, self.start, self.end, self.message
        )
    }
}

/// Lints one value of the header `header_name` (any of the six of RFC 9110
/// §11.6–§11.7, ASCII case ignored), handing each finding to `sink` in input
/// order (scheme-wide findings, such as the Digest algorithm offer, last).
/// An unknown header name gives one `unknown-header` finding.
///
/// ```
/// use auth_headers::lint::lint_with;
/// let mut codes = Vec::new();
/// lint_with("WWW-Authenticate", r#"Digest realm="cam" nonce="n""#, &mut |f| codes.push(f.code));
/// assert_eq!(codes, ["missing-comma", "digest-md5-only"]);
/// ```
pub fn lint_with<V: AsRef<[u8]> + ?Sized>(
    header_name: &str,
    value: &V,
    sink: &mut dyn FnMut(Finding),
) {
    let value = value.as_ref();
    match Field::from_name(header_name) {
        Some(field) => lint_field_with(field, value, sink),
        None => sink(
            Finding::new(Severity::Error, 0, 0, "unknown-header").says(
                "not an authentication header",
                "use WWW-Authenticate, Proxy-Authenticate, Authorization, Proxy-Authorization, Authentication-Info or Proxy-Authentication-Info",
            ),
        ),
    }
}

/// [`lint_with`] for a [`Field`].
pub fn lint_field_with<V: AsRef<[u8]> + ?Sized>(
    field: Field,
    value: &V,
    sink: &mut dyn FnMut(Finding),
) {
    let value = value.as_ref();
    let opts = ParseOptions::lenient();
    match field.kind() {
        FieldKind::Challenges => {
            let parsed =
                opts.parse_challenges_with(value, &mut |d| sink(deviation_finding(value, d)));
            match parsed {
                Ok(list) => check_challenges(value, &list, field, sink),
                Err(e) => sink(error_finding(value, e, field)),
            }
        }
        FieldKind::Credentials => {
            if let Some(f) = glued_scheme(value) {
                return sink(f);
            }
            if let Some(f) = empty_token(value) {
                return sink(f);
            }
            let parsed =
                opts.parse_credentials_with(value, &mut |d| sink(deviation_finding(value, d)));
            match parsed {
                Ok(c) => check_credentials(value, &c, sink),
                Err(e) => sink(error_finding(value, e, field)),
            }
        }
        FieldKind::AuthInfo => {
            let parsed =
                opts.parse_auth_info_with(value, &mut |d| sink(deviation_finding(value, d)));
            match parsed {
                Ok(p) => check_auth_info(value, p, sink),
                Err(e) => sink(error_finding(value, e, field)),
            }
        }
    }
}

/// Lints a challenge value and the credentials a client answered it with:
/// flags credentials whose scheme none of the challenges offered (the server
/// will answer 401 again). Ranges refer to `credentials`. Values that do not
/// parse (even leniently) give no finding here; lint them with [`lint_with`].
///
/// ```
/// use auth_headers::lint::lint_offered_with;
/// let mut codes = Vec::new();
/// lint_offered_with(r#"Digest realm="x", nonce="y""#, "Basic QWxhZGRpbjpvcGVu", &mut |f| codes.push(f.code));
/// assert_eq!(codes, ["scheme-not-offered"]);
/// ```
pub fn lint_offered_with<V: AsRef<[u8]> + ?Sized, W: AsRef<[u8]> + ?Sized>(
    challenges: &V,
    credentials: &W,
    sink: &mut dyn FnMut(Finding),
) {
    let opts = ParseOptions::lenient();
    let cred_value = credentials.as_ref();
    let (Ok(list), Ok(creds)) = (
        opts.parse_challenges_with(challenges, &mut |_| {}),
        opts.parse_credentials_with(cred_value, &mut |_| {}),
    ) else {
        return;
    };
    if list.iter().any(|c| c.is_scheme(creds.scheme())) {
        return;
    }
    let start = offset_of(cred_value, creds.scheme().as_bytes());
    sink(
        Finding::new(
            Severity::Warning,
            start,
            start + creds.scheme().len(),
            "scheme-not-offered",
        )
        .says(
            "the server's challenges did not offer this auth-scheme",
            "answer with one of the schemes the WWW-Authenticate (or Proxy-Authenticate) value lists",
        ),
    );
}

/// [`lint_with`], collecting the findings.
///
/// ```
/// let findings = auth_headers::lint::lint("authorization", "Bearer  abc");
/// assert_eq!(findings[0].code, "two-spaces");
/// ```
#[cfg(feature = "alloc")]
pub fn lint<V: AsRef<[u8]> + ?Sized>(header_name: &str, value: &V) -> alloc::vec::Vec<Finding> {
    let mut v = alloc::vec::Vec::new();
    lint_with(header_name, value, &mut |f| v.push(f));
    v
}

/// [`lint_offered_with`], collecting the findings.
#[cfg(feature = "alloc")]
pub fn lint_offered<V: AsRef<[u8]> + ?Sized, W: AsRef<[u8]> + ?Sized>(
    challenges: &V,
    credentials: &W,
) -> alloc::vec::Vec<Finding> {
    let mut v = alloc::vec::Vec::new();
    lint_offered_with(challenges, credentials, &mut |f| v.push(f));
    v
}

// ---------------------------------------------------------------------------
// Grammar findings

/// `BearereyJ…`: a credentials value whose first token starts with a
/// scheme of `schemes::rules::GLUED_SCHEMES` and goes on (by more than three
/// bytes: `Basics` is more likely a name than a glued token).
fn glued_scheme(value: &[u8]) -> Option<Finding> {
    let (rest, tok) = syntax::token(value)?;
    let scheme = schemes::rules::GLUED_SCHEMES.iter().find(|s| {
        tok.len() > s.len() + 3 && tok.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
    })?;
    // Strictly, `BearereyJ…` alone is a valid (unknown) scheme; it is an
    // error only when what follows does not parse.
    let severity = if crate::parse_credentials(value).is_ok() {
        Severity::Warning
    } else {
        Severity::Error
    };
    let end = value.len() - rest.len();
    Some(
        Finding::new(severity, 0, end, "no-space-after-scheme")
            .says(
                "no space between the auth-scheme and the token",
                "put one space after the scheme",
            )
            .edit(scheme.len(), scheme.len(), " "),
    )
}

/// `Bearer ` (the scheme, spaces, nothing).
fn empty_token(value: &[u8]) -> Option<Finding> {
    let (rest, tok) = syntax::token(value)?;
    if rest.is_empty() || !rest.iter().all(|&b| is_ows(b)) {
        return None;
    }
    Some(
        Finding::new(Severity::Error, tok.len(), value.len(), "empty-token")
            .says(
                "nothing after the auth-scheme but whitespace: the token or parameters are missing",
                "send the token after one space (`Bearer <token>`), or drop the whitespace",
            )
            .edit(tok.len(), value.len(), ""),
    )
}

/// The byte range `offset..end` of the run of bytes in `class` from `offset`.
fn run(value: &[u8], offset: usize, class: impl Fn(u8) -> bool) -> usize {
    let mut end = offset;
    while end < value.len() && class(value[end]) {
        end += 1;
    }
    end
}

fn deviation_finding(value: &[u8], d: Deviation) -> Finding {
    use DeviationKind::*;
    let at = d.offset;
    let one = (at + 1).min(value.len());
    let e = Severity::Error;
    // The one text of the kind (`DeviationKind::as_str`), shared with the
    // lenient report; only `separator-after-scheme` says more (the byte).
    let msg = d.kind.as_str();
    match d.kind {
        MissingComma => {
            // The whitespace before the name.
            let mut ws = at;
            while ws > 0 && is_ows(value[ws - 1]) {
                ws -= 1;
            }
            let name_end = run(value, at, crate::chars::is_tchar);
            Finding::new(e, at, name_end, "missing-comma")
                .says(msg, "separate parameters with ','")
                .edit(ws, at, ", ")
        }
        BareValue => {
            let end = run(value, at, |b| {
                !matches!(b, b',' | b'"' | b' ' | b'\t') && !crate::chars::is_ctl(b)
            });
            Finding::new(e, at, end, "unquoted-value")
                .says(msg, "write the value as a quoted-string: name=\"…\"")
        }
        SeparatorAfterScheme => {
            let end = run(value, one, is_ows);
            // Its own text: it names the byte sent, ':' or ';', where the
            // kind's text can only say "separator".
            let message = if value.get(at) == Some(&b':') {
                "':' after the auth-scheme"
            } else {
                "';' after the auth-scheme"
            };
            Finding::new(e, at, end, "separator-after-scheme")
                .says(message, "put one space after the auth-scheme")
                .edit(at, end, " ")
        }
        Semicolon => Finding::new(e, at, one, "semicolon-separator")
            .says(msg, "separate parameters with ','")
            .edit(at, one, ","),
        UnterminatedQuote => Finding::new(e, at, value.len(), "unterminated-quoted-string")
            .says(msg, "close the quoted-string")
            .edit(close_quote(value, at), value.len(), "\""),
        SingleQuotes => Finding::new(e, at, one, "single-quotes").says(msg, "use double quotes"),
        LeadingWhitespace => {
            let end = run(value, at, is_ows);
            Finding::new(e, at, end, "leading-whitespace")
                .says(msg, "trim the value")
                .edit(at, end, "")
        }
        TrailingWhitespace => Finding::new(e, at, value.len(), "trailing-whitespace")
            .says(msg, "trim the value")
            .edit(at, value.len(), ""),
        CommaAfterScheme => {
            let end = run(value, one, is_ows);
            Finding::new(e, at, one, "comma-after-scheme")
                .says(msg, "drop the comma: `Scheme name=value`")
                .edit(at, end, " ")
        }
        StrayComma => Finding::new(e, at, one, "stray-comma")
            .says(msg, "drop the comma")
            .edit(at, one, ""),
        RepeatsUnchecked => {
            let end = run(value, at, crate::chars::is_tchar);
            Finding::new(Severity::Warning, at, end, "too-many-params")
                .says(msg, "send fewer parameters")
        }
        RepeatedParam => {
            let end = run(value, at, crate::chars::is_tchar);
            Finding::new(e, at, end, "repeated-param").says(msg, "send each parameter once")
        }
    }
}

fn error_finding(value: &[u8], e: Error, field: Field) -> Finding {
    use ErrorKind::*;
    let at = e.offset().min(value.len());
    let one = (at + 1).min(value.len());
    let f = |code| Finding::new(Severity::Error, at, one, code);
    let kind = e.kind();
    let msg = kind.as_str();
    match kind {
        Empty => f("empty-value").says(
            msg,
            "send an auth-scheme and its credentials, such as `Bearer <token>`",
        ),
        ExpectedScheme => f("expected-scheme").says(
            msg,
            "start each challenge or credentials with an auth-scheme",
        ),
        ExpectedSpaceAfterScheme => f("expected-space-after-scheme").says(
            msg,
            "put one space between the auth-scheme and what follows",
        ),
        ExpectedToken68OrParam => f("expected-token68-or-param").says(
            msg,
            "after the scheme, write a token68 or name=value parameters",
        ),
        ExpectedEquals => f("expected-equals").says(msg, "write each parameter as name=value"),
        ExpectedValue => f("expected-value").says(
            msg,
            "give the parameter a value; write \"\" for an empty one",
        ),
        ExpectedComma => f("expected-comma").says(
            msg,
            "separate parameters and challenges with ',', and quote values that hold spaces or separators",
        ),
        Token68NotAlone => f("token68-not-alone").says(
            msg,
            "send the token68 alone, or use name=value parameters",
        ),
        ParamWithoutScheme => f("param-without-scheme")
            .says(msg, "drop the comma after the scheme: `Scheme name=value`"),
        UnterminatedQuotedString => f("unterminated-quoted-string")
            .says(msg, "close the quoted-string")
            .edit(close_quote(value, at), value.len(), "\""),
        ControlChar(_) => f("control-char").says(
            msg,
            "remove the control character (a CR or LF in a header value is a header-injection risk)",
        ),
        UnexpectedByte(_) => f("unexpected-byte").says(
            msg,
            "remove the byte, or quote the value that holds it",
        ),
        LeadingWhitespace => f("leading-whitespace").says(msg, "trim the value"),
        TrailingWhitespace => f("trailing-whitespace").says(msg, "trim the value"),
        MultipleCredentials => f("multiple-credentials").says(
            msg,
            match field {
                Field::ProxyAuthorization => "send one credentials per Proxy-Authorization header",
                _ => "send one credentials per Authorization header",
            },
        ),
        NoChallenge => f("no-challenge").says(msg, "send at least one challenge"),
        DuplicateParam => f("repeated-param").says(msg, "send each parameter once"),
        TooManyParams => f("too-many-params").says(msg, "send fewer parameters"),
        // The builder's, the typed views' and RFC 8187's kinds, which
        // parsing a value never returns. Named rather than matched by `_`,
        // so that a new kind of `ErrorKind` must be placed here (issue 17).
        EmptyToken | NotUtf8(_) | BufferTooSmall | WriteFailed | WrongScheme
        | ColonAfterScheme | NoSpaceAfterScheme | MissingToken | ExpectedToken68
        | ExpectedParams | InvalidBase64(_) | MissingColon | ColonInUserId | NotUtf8Charset
        | MissingParam(_) | ForbiddenByScheme(_) | InvalidValue(_) | ExpectedExtValue
        | UnknownCharset | BadPercentEncoding => f("parse-error").says(msg, "see the message"),
    }
}

/// Where the closing `"` of a quoted-string left open at the end goes, with
/// `at` at its opening `"`: at the end, or in place of a backslash left
/// dangling there (its quoted-pair cut off; it is not part of the value, and
/// a `"` after it would be escaped: issue 16).
fn close_quote(value: &[u8], at: usize) -> usize {
    let body = value.get(at + 1..).unwrap_or_default();
    let run = body.iter().rev().take_while(|&&b| b == b'\\').count();
    value.len() - run % 2
}

// ---------------------------------------------------------------------------
// Scheme findings

/// The byte range of a parameter (name through value) within `value`.
fn param_range(value: &[u8], name: &str, v: ParamValue<'_>) -> (usize, usize) {
    let start = offset_of(value, name.as_bytes());
    let raw_end = offset_of(value, v.raw()) + v.raw().len();
    let end = if v.is_quoted() && value.get(raw_end) == Some(&b'"') {
        raw_end + 1
    } else {
        raw_end
    };
    (start, end.min(value.len()).max(start))
}

/// The parameters of `params` named `name` (repeats included).
fn each<'a>(params: Params<'a>, name: &'a str) -> impl Iterator<Item = (&'a str, ParamValue<'a>)> {
    params
        .iter()
        .filter(move |p| p.is(name))
        .map(|p| (p.name(), p.value()))
}

/// `Scheme  x`: more than one space after the scheme.
fn two_spaces(value: &[u8], scheme: &str, sink: &mut dyn FnMut(Finding)) {
    let after = offset_of(value, scheme.as_bytes()) + scheme.len();
    let end = run(value, after, |b| b == b' ');
    if end - after >= 2 && end < value.len() && value[end] != b',' {
        sink(
            Finding::new(Severity::Warning, after, end, "two-spaces")
                .says(
                    "more than one space after the auth-scheme: valid (RFC 9110 §11.1 has 1*SP) but servers that split on one space read an empty token",
                    "put exactly one space after the scheme",
                )
                .edit(after, end, " "),
        );
    }
}

fn digest_quoting(
    value: &[u8],
    params: Params<'_>,
    quoted: &[&str],
    token: &[&str],
    sink: &mut dyn FnMut(Finding),
) {
    for p in params.iter() {
        let v = p.value();
        let (s, e) = param_range(value, p.name(), v);
        if !v.is_quoted() && quoted.iter().any(|n| p.is(n)) {
            sink(
                Finding::new(Severity::Warning, s, e, "digest-unquoted").says(
                    "RFC 7616 §3.3–§3.4 write this Digest parameter as a quoted-string",
                    "quote the value: name=\"…\"",
                ),
            );
        }
        if v.is_quoted() && token.iter().any(|n| p.is(n)) {
            sink(Finding::new(Severity::Warning, s, e, "digest-quoted").says(
                "RFC 7616 §3.3–§3.4 write this Digest parameter as a token, unquoted (strict peers refuse algorithm=\"MD5\" or nc=\"00000001\")",
                "drop the quotes",
            ));
        }
    }
}

/// The algorithm a Digest challenge or credentials names, as the view
/// reads it (absent is MD5, RFC 7616 §3.3); `None` for an unknown name
/// (reported).
fn digest_algorithm(
    value: &[u8],
    params: Params<'_>,
    algorithm: AlgorithmValue<'_>,
    sink: &mut dyn FnMut(Finding),
) -> Option<Algorithm> {
    let known = algorithm.known();
    if let (None, Some(p)) = (known, params.iter().find(|p| p.is("algorithm"))) {
        let (s, e) = param_range(value, p.name(), p.value());
        sink(
            Finding::new(Severity::Warning, s, e, "digest-unknown-algorithm").says(
                "algorithm not in the RFC 7616 §6.1 registry: clients will skip this challenge",
                "offer SHA-256 (and MD5 only for old clients)",
            ),
        );
    }
    known
}

/// The parameter of `params` that the error of a view's check points
/// into (from its name to the end of its value).
fn param_at<'a>(params: Params<'a>, at: usize) -> Option<Param<'a>> {
    params.iter().find(|p| {
        let end = crate::schemes::value_offset(p) + p.value().raw().len();
        (p.offset()..=end).contains(&at)
    })
}

/// Runs a view's checks to the end (its `check_each`, which `validate()`
/// runs to the first error), handing every error to `each`.
fn every_error(
    check: impl FnOnce(&mut dyn FnMut(Error) -> Result<(), Error>) -> Result<(), Error>,
    mut each: impl FnMut(Error),
) {
    let _ = check(&mut |e| {
        each(e);
        Ok(())
    });
}

/// `origin`: the challenge is a `WWW-Authenticate` one, which RFC 6750
/// §3 and the MCP scope step-up are about (not a proxy's).
fn check_bearer(
    value: &[u8],
    c: &Challenge<'_>,
    dpop: bool,
    origin: bool,
    sink: &mut dyn FnMut(Finding),
) {
    let params = c.params();
    // The view's own rules (RFC 6750 §3, RFC 9470 §3): one error per
    // parameter that breaks them. A token68 and a repeated name are the
    // grammar findings' (`repeated-param`).
    let mut on_error = |e: Error| {
        if !matches!(
            e.kind(),
            ErrorKind::ForbiddenByScheme(_) | ErrorKind::InvalidValue(_)
        ) {
            return;
        }
        let Some(p) = param_at(params, e.offset()) else {
            return;
        };
        let (s, e) = param_range(value, p.name(), p.value());
        sink(if p.is("max_age") {
            Finding::new(Severity::Warning, s, e, "bearer-invalid-max-age").says(
                "max_age is not a number of seconds (RFC 9470 §3: 1*DIGIT)",
                "write the largest acceptable age in seconds, digits only",
            )
        } else {
            Finding::new(Severity::Warning, s, e, "bearer-invalid-chars").says(
                "characters RFC 6750 §3 does not allow in this parameter (no '\"', '\\' or non-ASCII; scope tokens separated by single spaces)",
                "keep to printable ASCII without '\"' and '\\'",
            )
        });
    };
    match (BearerChallenge::new(*c), DpopChallenge::new(*c)) {
        (Some(b), _) => every_error(|r| b.check_each(r), &mut on_error),
        (_, Some(d)) => every_error(|r| d.check_each(r), &mut on_error),
        _ => {}
    }
    let Some((n, v)) = each(params, "error").next() else {
        return;
    };
    let (s, e) = param_range(value, n, v);
    let f = |sev, code| Finding::new(sev, s, e, code);
    match ErrorCode::from_value(v) {
        ErrorCode::InvalidRequest => sink(f(Severity::Info, "bearer-status-400").says(
            "invalid_request goes with 400 Bad Request (RFC 6750 §3.1), not 401",
            "answer 400; some guides say 401, but the request itself is malformed",
        )),
        ErrorCode::InsufficientScope => {
            sink(f(Severity::Info, "bearer-status-403").says(
                "insufficient_scope goes with 403 Forbidden (RFC 6750 §3.1): the token is valid but lacks scope",
                "answer 403 and list the needed scope in scope=\"…\"",
            ));
            if origin && params.get("scope").is_none() {
                sink(f(Severity::Warning, "insufficient-scope-without-scope").says(
                    "insufficient_scope without scope: the client cannot tell which scope to ask for (RFC 6750 §3, MCP scope step-up)",
                    "add scope=\"…\" with the scopes the request needs",
                ));
            }
        }
        ErrorCode::InvalidToken => {}
        ErrorCode::InvalidDpopProof | ErrorCode::UseDpopNonce if dpop => {}
        ErrorCode::InsufficientUserAuthentication => {
            sink(f(Severity::Info, "bearer-step-up").says(
                "insufficient_user_authentication is the step-up error of RFC 9470, not one of RFC 6750's three",
                "clients that do not know RFC 9470 will treat it as an unknown error",
            ))
        }
        _ => {
            // An expiry (`token_expired`, a published guide's code) is
            // RFC 6750 §3.1's invalid_token.
            let expiry = v.raw().windows(7).any(|w| w.eq_ignore_ascii_case(b"expired"));
            sink(f(Severity::Warning, "bearer-unknown-error").says(
                "error is not one of RFC 6750 §3.1's invalid_request, invalid_token, insufficient_scope",
                if expiry {
                    "write error=\"invalid_token\" and say that the token expired in error_description=\"…\" (RFC 6750 §3.1)"
                } else {
                    "use one of the three registered codes"
                },
            ))
        }
    }
}

/// The schemes whose challenge parameters the linter knows, each with the
/// parameters its challenge defines (the schemes' tables) and what a
/// finding about one of them on another scheme's challenge says. A name
/// two schemes define belongs to the first listed (`charset`: Basic).
const PARAM_OWNERS: [(&str, &[&str], &str, &str); 4] = [
    (
        schemes::basic::SCHEME,
        schemes::basic::rules::PARAMS_IN_CHALLENGE,
        "a parameter of Basic (RFC 7617 §2.1) and Digest on a challenge of a scheme that does not define it: Bearer and DPoP have no charset",
        "leave it out: Bearer tokens are ASCII",
    ),
    (
        schemes::digest::SCHEME,
        schemes::digest::rules::PARAMS_IN_CHALLENGE,
        "a Digest parameter (RFC 7616 §3.3) on a challenge of another scheme",
        "leave it out, or offer a separate Digest challenge",
    ),
    (
        schemes::bearer::SCHEME,
        schemes::bearer::rules::PARAMS_IN_CHALLENGE,
        "a Bearer parameter (RFC 6750 §3, RFC 9470 §3, RFC 9728 §5.1) on a challenge of another scheme",
        "leave it out, or offer a separate Bearer challenge",
    ),
    (
        schemes::dpop::SCHEME,
        schemes::dpop::rules::PARAMS_IN_CHALLENGE,
        "a DPoP parameter (RFC 9449 §7.1) on a challenge of another scheme",
        "leave it out, or offer a separate DPoP challenge",
    ),
];

/// Parameters another scheme defines on a challenge of one of
/// [`PARAM_OWNERS`] that does not (`charset` on Bearer, `nonce` on Basic,
/// `error` on Digest). A name no scheme there defines is an extension
/// (RFC 9110 §11.2) and not flagged.
fn foreign_params(value: &[u8], c: &Challenge<'_>, sink: &mut dyn FnMut(Finding)) {
    let has = |table: &[&str], name: &str| {
        table
            .iter()
            .any(|n| crate::chars::eq_ignore_case(n.as_bytes(), name.as_bytes()))
    };
    let Some(&(_, own, _, _)) = PARAM_OWNERS.iter().find(|o| c.is_scheme(o.0)) else {
        return;
    };
    for p in c.params().iter() {
        if has(own, p.name()) {
            continue;
        }
        let Some(&(_, _, message, fix)) = PARAM_OWNERS.iter().find(|o| has(o.1, p.name())) else {
            continue;
        };
        let (s, e) = param_range(value, p.name(), p.value());
        sink(Finding::new(Severity::Warning, s, e, "foreign-param").says(message, fix));
    }
}

/// An auth-scheme that is not one, where Bearer is meant (`JWT`: Bearer's
/// [`schemes::bearer::rules::MISTAKEN_FOR_SCHEME`]), at `start..start +
/// scheme.len()`.
fn jwt_scheme(scheme: &str, start: usize, fix: &'static str, sink: &mut dyn FnMut(Finding)) {
    let mistaken = schemes::bearer::rules::MISTAKEN_FOR_SCHEME
        .iter()
        .any(|n| crate::chars::eq_ignore_case(n.as_bytes(), scheme.as_bytes()));
    if mistaken {
        let end = start + scheme.len();
        sink(
            Finding::new(Severity::Warning, start, end, "jwt-scheme")
                .says(
                    "not an HTTP authentication scheme: a JWT is a token, and travels as a Bearer token (RFC 6750 §2.1)",
                    fix,
                )
                .edit(start, end, schemes::bearer::SCHEME),
        );
    }
}

/// How many challenges of a list, and parameters of a challenge, the
/// duplicate check compares ([`crate::MAX_UNIQUE_CHECK`], as for repeated
/// names): comparing more would not keep linting linear.
const DUPLICATE_CHECK: usize = crate::params::MAX_UNIQUE_CHECK;

/// A hash of what makes two challenges the same: the scheme (ASCII case
/// ignored), the token68, and the parameters in any order (names with
/// ASCII case ignored, values unescaped). FNV-1a; the parameters' hashes
/// are added, so that their order does not count.
fn challenge_hash(c: &Challenge<'_>) -> u64 {
    const BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    fn fnv(h: u64, bytes: impl Iterator<Item = u8>) -> u64 {
        bytes.fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }
    fn lower(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().map(|b| b.to_ascii_lowercase())
    }
    let mut h = fnv(BASIS, lower(c.scheme()));
    if let Some(t) = c.token68() {
        h = fnv(fnv(h, [b' '].into_iter()), t.bytes());
    }
    let params = c.params().iter().fold(0u64, |sum, p| {
        let name = fnv(BASIS, lower(p.name()));
        sum.wrapping_add(fnv(name, [b'='].into_iter().chain(p.value().bytes())))
    });
    h ^ params
}

/// Whether two challenges are the same (see [`challenge_hash`]).
fn same_challenge(a: &Challenge<'_>, b: &Challenge<'_>) -> bool {
    let (pa, pb) = (a.params(), b.params());
    a.is_scheme(b.scheme())
        && a.token68() == b.token68()
        && pa.iter().count() == pb.iter().count()
        && pa.iter().all(|p| {
            pb.iter()
                .any(|q| q.is(p.name()) && p.value().bytes().eq(q.value().bytes()))
        })
}

/// Whether `url` is an absolute `https` URL with a host, or an `http` URL
/// to a loopback host (`localhost` and the names under it, RFC 6761 §6.3;
/// 127.0.0.0/8; `[::1]`): a URL that no one on the path can read or
/// change. The linter asks it of `resource_metadata` (RFC 9728 §3: the
/// metadata is fetched over TLS; loopback `http` is what local
/// development uses), and `authdump check` of the URL credentials were
/// sent to. The scheme is compared with ASCII case ignored; the rest of
/// the URL is not checked.
///
/// ```
/// use auth_headers::lint::is_secure_url;
/// assert!(is_secure_url("https://resource.example.com/.well-known/oauth-protected-resource"));
/// assert!(is_secure_url("http://localhost:3000/m") && is_secure_url("http://[::1]/m"));
/// assert!(!is_secure_url("http://resource.example.com/m"));
/// assert!(!is_secure_url("/.well-known/oauth-protected-resource"));
/// ```
pub fn is_secure_url<U: AsRef<[u8]> + ?Sized>(url: &U) -> bool {
    let url = url.as_ref();
    let after = |scheme: &[u8]| {
        url.get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .map(|_| host_of(&url[scheme.len()..]))
    };
    if let Some(host) = after(b"https://") {
        return !host.is_empty();
    }
    after(b"http://").is_some_and(is_loopback)
}

/// The host of what follows `scheme://`: without userinfo, port, or the
/// brackets of an IPv6 literal.
fn host_of(rest: &[u8]) -> &[u8] {
    let end = rest
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let auth = &rest[..end];
    let auth = &auth[auth.iter().rposition(|&b| b == b'@').map_or(0, |i| i + 1)..];
    if let Some(v6) = auth.strip_prefix(b"[") {
        return &v6[..v6.iter().position(|&b| b == b']').unwrap_or(v6.len())];
    }
    &auth[..auth.iter().position(|&b| b == b':').unwrap_or(auth.len())]
}

/// `localhost`, a name under `.localhost`, 127.0.0.0/8, `::1`.
fn is_loopback(host: &[u8]) -> bool {
    let mut h = host;
    while let Some(r) = h.strip_suffix(b".") {
        h = r;
    }
    let under = b".localhost";
    let ends = h.len() > under.len() && h[h.len() - under.len()..].eq_ignore_ascii_case(under);
    let text = core::str::from_utf8(h).unwrap_or("");
    h.eq_ignore_ascii_case(b"localhost")
        || ends
        || text
            .parse::<core::net::Ipv4Addr>()
            .is_ok_and(|a| a.is_loopback())
        || text
            .parse::<core::net::Ipv6Addr>()
            .is_ok_and(|a| a.is_loopback())
}

/// What the challenges of a list said so far about `resource_metadata`:
/// the first URL, and which of Bearer and DPoP gave one.
#[derive(Default)]
struct MetadataSeen<'v> {
    first: Option<&'v [u8]>,
    bearer: bool,
    dpop: bool,
}

/// RFC 9728 §5.1 on a Bearer or DPoP challenge of `WWW-Authenticate`:
/// `resource_metadata` is absolute and `https` (§3; loopback `http`
/// allowed), and the resource has one: a second URL that differs from the
/// first, or a second challenge of the same scheme repeating it (sentry-mcp
/// #939), is `resource-metadata-repeated`. The same URL on a Bearer and a
/// DPoP challenge is not: a server offering both (RFC 9449 §7.2) makes
/// each challenge complete, since a client reads only the one it answers.
fn check_resource_metadata<'v>(
    value: &[u8],
    c: &Challenge<'v>,
    dpop: bool,
    seen: &mut MetadataSeen<'v>,
    sink: &mut dyn FnMut(Finding),
) {
    let mut here = false;
    for p in c.params().iter().filter(|p| p.is("resource_metadata")) {
        let (s, e) = param_range(value, p.name(), p.value());
        let url = p.value().raw();
        let same_scheme = if dpop { seen.dpop } else { seen.bearer };
        // Repeated within one challenge is `repeated-param`.
        if !here && (same_scheme || seen.first.is_some_and(|f| f != url)) {
            sink(
                Finding::new(Severity::Warning, s, e, "resource-metadata-repeated").says(
                    "resource_metadata given again (RFC 9728 §5.1: a resource has one metadata URL)",
                    "send one challenge per scheme, each with the same resource_metadata",
                ),
            );
        }
        here = true;
        seen.first.get_or_insert(url);
        // A quoted-pair in a URL is read as written (not unescaped): the
        // value needs no allocation, and such a URL is suspect anyway.
        if !is_secure_url(url) {
            sink(
                Finding::new(Severity::Warning, s, e, "resource-metadata-url").says(
                    "resource_metadata is not an absolute https URL (RFC 9728 §3; http only for loopback)",
                    "write resource_metadata=\"https://host/.well-known/oauth-protected-resource…\"",
                ),
            );
        }
    }
    if here {
        if dpop {
            seen.dpop = true;
        } else {
            seen.bearer = true;
        }
    }
}

/// A Digest value the view refuses (`stale=maybe`, `nc=2A` …), in the
/// view's words.
fn digest_invalid(
    value: &[u8],
    params: Params<'_>,
    e: Error,
    rule: &'static str,
    sink: &mut dyn FnMut(Finding),
) {
    let (s, end) = match param_at(params, e.offset()) {
        Some(p) => param_range(value, p.name(), p.value()),
        None => (e.offset(), e.offset()),
    };
    sink(
        Finding::new(Severity::Warning, s, end, "digest-invalid-value")
            .says(rule, "write the value as RFC 7616 §3.3–§3.4 define it"),
    );
}

fn check_challenges(
    value: &[u8],
    list: &ChallengeList<'_>,
    field: Field,
    sink: &mut dyn FnMut(Finding),
) {
    if list.is_empty() {
        sink(
            Finding::new(Severity::Error, 0, value.len(), "no-challenge").says(
                "no challenge: a 401 (or 407) response must carry at least one (RFC 9110 §11.6.1, §15.5.2)",
                "send a challenge, such as `Bearer realm=\"api\"` or `Basic realm=\"site\"`",
            ),
        );
        return;
    }
    let mut md5_at: Option<(usize, usize)> = None;
    let mut strong = false;
    // RFC 6750 and RFC 9728 are about origin servers, not proxies.
    let origin = field == Field::WwwAuthenticate;
    let mut resource_metadata = MetadataSeen::default();
    // The hashes of the challenges compared for duplicates (not the
    // challenges: 64 of them would put 9 KiB on the stack); on a match,
    // which is rare, the earlier challenge is read again.
    let mut seen: [Option<u64>; DUPLICATE_CHECK] = [None; DUPLICATE_CHECK];
    for (i, c) in list.iter().enumerate() {
        two_spaces(value, c.scheme(), sink);
        let params = c.params();
        let s = c.offset();
        let scheme_end = s + c.scheme().len();
        jwt_scheme(c.scheme(), s, "offer the Bearer scheme", sink);
        foreign_params(value, &c, sink);
        if i < DUPLICATE_CHECK && params.iter().nth(DUPLICATE_CHECK).is_none() {
            let h = challenge_hash(&c);
            let twice = (seen[..i].iter().enumerate())
                .filter(|(_, g)| **g == Some(h))
                .any(|(j, _)| list.iter().nth(j).is_some_and(|d| same_challenge(&d, &c)));
            if twice {
                sink(
                    Finding::new(Severity::Warning, s, scheme_end, "duplicate-challenge").says(
                        "the same challenge (scheme, realm and parameters) offered twice",
                        "send each challenge once (one per Digest algorithm or per realm is fine)",
                    ),
                );
            }
            seen[i] = Some(h);
        }
        if let Some(b) = BasicChallenge::new(c) {
            // RFC 7617 §2, §2.1, as the view checks them.
            every_error(
                |r| b.check_each(r),
                |e| match e.kind() {
                    ErrorKind::MissingParam(_) => sink(
                        Finding::new(Severity::Warning, s, scheme_end, "basic-missing-realm").says(
                            "Basic challenge without realm, which RFC 7617 §2 requires",
                            "add realm=\"…\"",
                        ),
                    ),
                    ErrorKind::InvalidValue(_) => {
                        if let Some(p) = param_at(params, e.offset()) {
                            let (a, b) = param_range(value, p.name(), p.value());
                            sink(Finding::new(Severity::Warning, a, b, "basic-charset").says(
                                "charset other than UTF-8: RFC 7617 §2.1 allows only \"UTF-8\"",
                                "write charset=\"UTF-8\" or leave it out",
                            ));
                        }
                    }
                    // A token68 and a repeated name: the grammar findings'.
                    _ => {}
                },
            );
        } else if c.is_scheme(schemes::bearer::SCHEME) || c.is_scheme(schemes::dpop::SCHEME) {
            let dpop = c.is_scheme(schemes::dpop::SCHEME);
            check_bearer(value, &c, dpop, origin, sink);
            if origin {
                check_resource_metadata(value, &c, dpop, &mut resource_metadata, sink);
            }
        } else if let Some(d) = DigestChallenge::new(c) {
            let mut missing = false;
            every_error(
                |r| d.check_each(r),
                |e| match e.kind() {
                    ErrorKind::MissingParam(_) if !missing => {
                        missing = true;
                        sink(
                            Finding::new(Severity::Warning, s, scheme_end, "digest-missing-param")
                                .says(
                                    "Digest challenge without realm or nonce, which RFC 7616 §3.3 requires",
                                    "add realm=\"…\" and nonce=\"…\"",
                                ),
                        );
                    }
                    ErrorKind::InvalidValue(rule) => digest_invalid(value, params, e, rule, sink),
                    _ => {}
                },
            );
            digest_quoting(
                value,
                params,
                digest::rules::QUOTED_IN_CHALLENGE,
                digest::rules::TOKEN_IN_CHALLENGE,
                sink,
            );
            match digest_algorithm(value, params, d.algorithm(), sink) {
                Some(Algorithm::Md5 | Algorithm::Md5Sess) => {
                    md5_at.get_or_insert((s, scheme_end));
                }
                Some(_) => strong = true,
                None => {}
            }
        }
    }
    if let Some((s, e)) = md5_at {
        if strong {
            sink(Finding::new(Severity::Info, s, e, "digest-md5-downgrade").says(
                "MD5 offered alongside a SHA-256 challenge: an active attacker can strip the stronger one (RFC 7616 §5)",
                "offer MD5 only while old clients need it, after the SHA-256 challenge",
            ));
        } else {
            sink(Finding::new(Severity::Warning, s, e, "digest-md5-only").says(
                "Digest offered with MD5 only (no algorithm means MD5): RFC 7616 §5 calls MD5 weak",
                "offer algorithm=SHA-256 first, and MD5 only for old clients",
            ));
        }
    }
}

fn check_credentials(value: &[u8], c: &Credentials<'_>, sink: &mut dyn FnMut(Finding)) {
    two_spaces(value, c.scheme(), sink);
    let s = offset_of(value, c.scheme().as_bytes());
    let scheme_end = s + c.scheme().len();
    let params = c.params();
    jwt_scheme(c.scheme(), s, "send the JWT as a Bearer token", sink);
    if [
        schemes::basic::SCHEME,
        schemes::bearer::SCHEME,
        schemes::dpop::SCHEME,
    ]
    .iter()
    .any(|s| c.is_scheme(s))
        && c.token68().is_none()
        && params.is_empty()
    {
        sink(
            Finding::new(Severity::Warning, s, scheme_end, "empty-token").says(
                "the auth-scheme with no token: RFC 7617 §2 and RFC 6750 §2.1 require one",
                "send `Scheme <token>`",
            ),
        );
    }
    if let Some(d) = DigestCredentials::new(*c) {
        // RFC 7616 §3.4, as the view checks it: one finding for the
        // required parameters, one for `qop` without `cnonce` or `nc`.
        let (mut required, mut with_qop) = (false, false);
        every_error(
            |r| d.check_each(r),
            |e| match e.kind() {
                ErrorKind::MissingParam("nc" | "cnonce") if !with_qop => {
                    with_qop = true;
                    sink(
                        Finding::new(Severity::Warning, s, scheme_end, "digest-missing-param")
                            .says(
                            "Digest credentials with qop but without cnonce or nc (RFC 7616 §3.4)",
                            "send cnonce and nc with qop",
                        ),
                    );
                }
                ErrorKind::MissingParam("nc" | "cnonce") => {}
                ErrorKind::MissingParam(_) if !required => {
                    required = true;
                    sink(
                        Finding::new(Severity::Warning, s, scheme_end, "digest-missing-param").says(
                            "Digest credentials without one of username, realm, nonce, uri, response (RFC 7616 §3.4)",
                            "send every parameter RFC 7616 §3.4 requires",
                        ),
                    );
                }
                ErrorKind::InvalidValue(rule) => digest_invalid(value, params, e, rule, sink),
                _ => {}
            },
        );
        digest_quoting(
            value,
            params,
            digest::rules::QUOTED_IN_CREDENTIALS,
            digest::rules::TOKEN_IN_CREDENTIALS,
            sink,
        );
        digest_algorithm(value, params, d.algorithm(), sink);
    }
}

fn check_auth_info(value: &[u8], p: Params<'_>, sink: &mut dyn FnMut(Finding)) {
    // Digest's Authentication-Info (RFC 7616 §3.5) is the one in common use.
    if p.get("rspauth").is_some() || p.get("nextnonce").is_some() {
        digest_quoting(
            value,
            p,
            digest::rules::QUOTED_IN_AUTH_INFO,
            digest::rules::TOKEN_IN_AUTH_INFO,
            sink,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::schemes;

    // The glued-scheme list is each scheme module's name.
    #[test]
    fn glued_schemes_are_the_scheme_modules_names() {
        assert_eq!(
            schemes::rules::GLUED_SCHEMES,
            [
                schemes::basic::SCHEME,
                schemes::bearer::SCHEME,
                schemes::digest::SCHEME,
                schemes::dpop::SCHEME,
                schemes::token68::NEGOTIATE,
                schemes::token68::NTLM,
            ]
        );
    }
}
