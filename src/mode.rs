//! How the grammar is read: the vocabulary that the grammar, the values
//! and the lenient edge share.
//!
//! [`Mode`] says which relaxations a parse accepts and hears where each is
//! used; [`Strict`] is RFC 9110 exactly, [`Flags`] the set of switches of a
//! [`crate::ParseOptions`] (kept in parsed values, so that a value read
//! leniently is re-read the same way), and [`DeviationKind`] names each
//! relaxation with its one message text, which the lenient report and the
//! linter both show. The lenient entry points that build a `Mode` from
//! options and collect what it hears are in `lenient.rs`, at the edge.

use core::fmt;

/// How the grammar is read: strictly ([`Strict`]), or with some of the
/// relaxations of [`crate::ParseOptions`], which are noted where they are
/// used. Every parser of `syntax.rs` is generic over the mode, so the strict
/// instantiation has no lenient branch at all: `Strict::allows` is a
/// constant `false` that the compiler folds away.
pub(crate) trait Mode {
    /// Whether the relaxation `f` is switched on.
    fn allows(&self, f: Flags) -> bool;
    /// All the relaxations switched on.
    fn flags(&self) -> Flags;
    /// The relaxation `kind` was used at `at`, a suffix of the value.
    fn note(&mut self, at: &[u8], kind: DeviationKind);
}

/// The grammar exactly as RFC 9110 writes it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Strict;

impl Mode for Strict {
    #[inline(always)]
    fn allows(&self, _: Flags) -> bool {
        false
    }
    #[inline(always)]
    fn flags(&self) -> Flags {
        Flags::EMPTY
    }
    #[inline(always)]
    fn note(&mut self, _: &[u8], _: DeviationKind) {}
}

/// The set of relaxations switched on, kept in parsed values (a `Copy` bit
/// set, so a strict value carries an empty one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Flags(u16);

impl Flags {
    pub(crate) const EMPTY: Flags = Flags(0);
    pub(crate) const MISSING_COMMAS: Flags = Flags(1 << 0);
    pub(crate) const BARE_VALUES: Flags = Flags(1 << 1);
    pub(crate) const SCHEME_SEPARATOR: Flags = Flags(1 << 2);
    pub(crate) const SEMICOLONS: Flags = Flags(1 << 3);
    pub(crate) const UNTERMINATED_QUOTE: Flags = Flags(1 << 4);
    pub(crate) const SINGLE_QUOTES: Flags = Flags(1 << 5);
    pub(crate) const SURROUNDING_WHITESPACE: Flags = Flags(1 << 6);
    pub(crate) const STRAY_COMMAS: Flags = Flags(1 << 7);
    pub(crate) const REPEATS_FIRST: Flags = Flags(1 << 8);
    pub(crate) const REPEATS_LAST: Flags = Flags(1 << 9);

    /// Whether no relaxation is on.
    #[inline(always)]
    pub(crate) const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether any of the relaxations of `f` is on.
    #[inline(always)]
    pub(crate) const fn contains(self, f: Flags) -> bool {
        self.0 & f.0 != 0
    }

    /// Whether repeated parameter names are reported (first- or last-wins).
    #[inline(always)]
    pub(crate) const fn repeats(self) -> bool {
        self.contains(Flags(Self::REPEATS_FIRST.0 | Self::REPEATS_LAST.0))
    }

    pub(crate) const fn set(self, f: Flags, on: bool) -> Flags {
        if on {
            Flags(self.0 | f.0)
        } else {
            Flags(self.0 & !f.0)
        }
    }
}

/// Re-reading a value parsed leniently: the relaxations, nothing noted.
/// (The mode that notes each relaxation is the lenient edge's `Recorder`.)
impl Mode for Flags {
    #[inline(always)]
    fn allows(&self, f: Flags) -> bool {
        self.contains(f)
    }
    #[inline(always)]
    fn flags(&self) -> Flags {
        *self
    }
    #[inline(always)]
    fn note(&mut self, _: &[u8], _: DeviationKind) {}
}

/// The relaxations a lenient parse can use, one per switch of
/// [`ParseOptions`](crate::ParseOptions).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeviationKind {
    /// Parameters separated by whitespace with no comma
    /// ([`crate::ParseOptions::allow_missing_commas`]).
    MissingComma,
    /// An unquoted value with bytes outside `tchar`
    /// ([`crate::ParseOptions::allow_unquoted_separators`]).
    BareValue,
    /// `;` or `:` right after the scheme
    /// ([`crate::ParseOptions::allow_separator_after_scheme`]).
    SeparatorAfterScheme,
    /// `;` used as a list separator ([`crate::ParseOptions::allow_semicolon_separators`]).
    Semicolon,
    /// A quoted-string left open at the end ([`crate::ParseOptions::allow_unterminated_quote`]).
    UnterminatedQuote,
    /// A value in single quotes, unquoted ([`crate::ParseOptions::allow_single_quotes`]).
    SingleQuotes,
    /// Whitespace at the start of the value ([`crate::ParseOptions::allow_surrounding_whitespace`]).
    LeadingWhitespace,
    /// Whitespace at the end of the value ([`crate::ParseOptions::allow_surrounding_whitespace`]).
    TrailingWhitespace,
    /// A comma between a challenge's scheme and its parameters
    /// ([`crate::ParseOptions::allow_stray_commas`]).
    CommaAfterScheme,
    /// A comma after credentials that have no parameter list
    /// ([`crate::ParseOptions::allow_stray_commas`]).
    StrayComma,
    /// A parameter name repeated in one challenge or credentials
    /// ([`crate::ParseOptions::repeated_params`]). Reported, not forgiven: strict
    /// parsing reads a repeated name too ([`DeviationKind::is_forgiven`]);
    /// RFC 9110 §11.2 forbids it, and the validating calls refuse it.
    RepeatedParam,
    /// A challenge or credentials with more than
    /// [`MAX_UNIQUE_CHECK`](crate::MAX_UNIQUE_CHECK) parameters: the names
    /// after that many were not checked for repeats (that would not be
    /// linear), noted at the first unchecked one
    /// ([`crate::ParseOptions::repeated_params`]). Under
    /// [`crate::RepeatedParams::LastWins`] a lookup then answers from the checked
    /// parameters. Reported, not forgiven.
    RepeatsUnchecked,
}

impl DeviationKind {
    /// What the value does that the grammar refuses, in words: the one
    /// text for this kind, shown by a lenient parse's report
    /// ([`crate::Deviation`]'s `Display`) and by the linter's finding for it
    /// ([`crate::lint::Finding::message`]).
    pub const fn as_str(&self) -> &'static str {
        use DeviationKind::*;
        match self {
            MissingComma => "no comma before this parameter",
            BareValue => "unquoted value with characters a token cannot hold (RFC 9110 §5.6.2)",
            SeparatorAfterScheme => "separator after the auth-scheme where a space belongs",
            Semicolon => "';' as a list separator: the list rule has ','",
            UnterminatedQuote => "quoted-string without its closing '\"'",
            SingleQuotes => "value in single quotes: HTTP quotes with '\"'",
            LeadingWhitespace => "whitespace at the start of the value (RFC 9110 §5.5)",
            TrailingWhitespace => "whitespace at the end of the value (RFC 9110 §5.5)",
            CommaAfterScheme => {
                "comma right after the auth-scheme: the parameters that follow belong to no scheme"
            }
            StrayComma => "comma after credentials that have no parameter list",
            RepeatedParam => {
                "parameter name repeated in one challenge or credentials (RFC 9110 §11.2; reported, not forgiven: strict parsing reads it too)"
            }
            RepeatsUnchecked => {
                "more parameters than are checked for repeats: the names from here on were not checked"
            }
        }
    }

    /// The [`ParseOptions`](crate::ParseOptions) method whose switch forgives this deviation.
    pub const fn switch(&self) -> &'static str {
        use DeviationKind::*;
        match self {
            MissingComma => "allow_missing_commas",
            BareValue => "allow_unquoted_separators",
            SeparatorAfterScheme => "allow_separator_after_scheme",
            Semicolon => "allow_semicolon_separators",
            UnterminatedQuote => "allow_unterminated_quote",
            SingleQuotes => "allow_single_quotes",
            LeadingWhitespace | TrailingWhitespace => "allow_surrounding_whitespace",
            CommaAfterScheme | StrayComma => "allow_stray_commas",
            RepeatedParam | RepeatsUnchecked => "repeated_params",
        }
    }

    /// Whether strict parsing refuses what this deviation names, so that the
    /// lenient parse forgave it. Every kind is, but [`RepeatedParam`] and
    /// [`RepeatsUnchecked`]: a strict parse reads a repeated name too (only
    /// [`crate::ChallengeList::validate`] and [`crate::Params::check_unique`]
    /// refuse it), so those are reports, not forgiveness (issue 16).
    ///
    /// [`RepeatedParam`]: DeviationKind::RepeatedParam
    /// [`RepeatsUnchecked`]: DeviationKind::RepeatsUnchecked
    ///
    /// ```
    /// use auth_headers::{DeviationKind, ParseOptions};
    /// let p = ParseOptions::lenient().parse_challenges("Basic a=1, a=2").unwrap();
    /// assert!(auth_headers::parse_challenges("Basic a=1, a=2").is_ok());
    /// assert_eq!(p.deviations.as_slice()[0].kind, DeviationKind::RepeatedParam);
    /// assert!(!p.deviations.as_slice()[0].kind.is_forgiven());
    /// assert_eq!(p.deviations.forgiven(), 0);
    /// ```
    pub const fn is_forgiven(&self) -> bool {
        !matches!(
            self,
            DeviationKind::RepeatedParam | DeviationKind::RepeatsUnchecked
        )
    }
}

impl fmt::Display for DeviationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
