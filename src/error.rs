//! The one error type of parsing: a byte offset plus a kind that reads as advice.

use core::fmt;

/// What is wrong with a header value. Each kind's [`Display`](fmt::Display)
/// (and [`ErrorKind::as_str`]) says what was expected, in words a person can act on.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The value is empty where an auth-scheme is required (`Authorization`).
    Empty,
    /// A byte that cannot start an auth-scheme token.
    ExpectedScheme,
    /// The auth-scheme is followed by something other than a space, a comma or the end.
    ExpectedSpaceAfterScheme,
    /// After the scheme and its space came neither a token68 nor `name=value`.
    ExpectedToken68OrParam,
    /// A parameter name not followed by `=`.
    ExpectedEquals,
    /// `name=` not followed by a token or a quoted-string.
    ExpectedValue,
    /// A byte after a parameter value or a token68 that is not `,` or the end.
    ExpectedComma,
    /// Something follows the token68 of a challenge or credentials.
    Token68NotAlone,
    /// `name=value` where an auth-scheme was expected (as in `Bearer, error="x"`).
    ParamWithoutScheme,
    /// A quoted-string without its closing `"`.
    UnterminatedQuotedString,
    /// A control byte (CR, LF, NUL, DEL …) inside the value; the byte is carried.
    ControlChar(u8),
    /// A byte that no rule of the grammar allows here; the byte is carried.
    UnexpectedByte(u8),
    /// Whitespace at the start of the value.
    LeadingWhitespace,
    /// Whitespace at the end of the value, or before something other than `,`.
    TrailingWhitespace,
    /// A second auth-scheme in a value that carries exactly one credentials.
    MultipleCredentials,
    /// A challenge list with no challenge, refused by the validating calls.
    NoChallenge,
    /// A parameter name that occurs twice in one challenge or credentials.
    DuplicateParam,
    /// More parameters in one challenge than the duplicate check examines
    /// (64), or than a builder holds.
    TooManyParams,
    /// Builder: an empty auth-scheme, parameter name, token68, or an empty
    /// value that was asked to be written as a token.
    EmptyToken,
    /// Builder: a value that is not UTF-8 was to be written into a
    /// [`core::fmt::Write`], which only takes text; the first byte of the
    /// invalid sequence is carried. Write into a byte buffer instead.
    NotUtf8(u8),
    /// Builder: the caller's byte buffer is too small; nothing was written.
    BufferTooSmall,
    /// Builder: the [`core::fmt::Write`] target itself failed part way.
    WriteFailed,
    /// Credentials of another auth-scheme than the one the typed view reads
    /// (`Basic …` given to the Bearer parser).
    WrongScheme,
    /// `Bearer: eyJ…`: a `:` (or `;`) right after the auth-scheme.
    ColonAfterScheme,
    /// `BearereyJ…`: the token is glued to the auth-scheme.
    NoSpaceAfterScheme,
    /// `Bearer` or `Bearer ` with no token after it.
    MissingToken,
    /// `name=value` parameters where the scheme carries one token68 (`Bearer a=b`).
    ExpectedToken68,
    /// A token68 where the scheme carries `name=value` parameters.
    ExpectedParams,
    /// Bytes that are not base64 (RFC 4648 §4, standard alphabet) in Basic
    /// credentials; the byte is carried (0 when the length or padding is wrong).
    InvalidBase64(u8),
    /// Decoded Basic credentials without the `:` between user-id and password.
    MissingColon,
    /// A user-id that contains `:` (refused when building Basic credentials).
    ColonInUserId,
    /// Bytes that are not UTF-8 where UTF-8 was announced (`charset="UTF-8"`).
    NotUtf8Charset,
    /// A parameter the scheme requires is missing; its name is carried.
    MissingParam(&'static str),
    /// A byte the scheme's own RFC forbids in this parameter (RFC 6750 §3 for
    /// `error`, `error_description`, `error_uri` and `scope`); the byte is carried.
    ForbiddenByScheme(u8),
    /// A parameter value that breaks its scheme's rule; the rule is carried as text.
    InvalidValue(&'static str),
    /// RFC 8187: the value is not `charset'[language]'value-chars`.
    ExpectedExtValue,
    /// RFC 8187: a charset other than `UTF-8` and `ISO-8859-1`.
    UnknownCharset,
    /// RFC 8187: `%` not followed by two hex digits.
    BadPercentEncoding,
}

impl ErrorKind {
    /// The human message for this kind.
    pub fn as_str(&self) -> &'static str {
        use ErrorKind::*;
        match self {
            Empty => "empty value: expected an auth-scheme such as `Basic` or `Bearer`",
            ExpectedScheme => "expected an auth-scheme (a token such as `Basic`)",
            ExpectedSpaceAfterScheme => {
                "expected a single space after the auth-scheme, then a token68 or name=value parameters"
            }
            ExpectedToken68OrParam => {
                "expected a token68 or name=value parameters after the auth-scheme"
            }
            ExpectedEquals => "expected '=' after parameter name",
            ExpectedValue => "expected a token or a quoted-string after '='",
            ExpectedComma => {
                "expected ',' or the end of the value here (quote a value that holds spaces or other separators)"
            }
            Token68NotAlone => "token68 must be the only thing after the scheme",
            ParamWithoutScheme => {
                "parameter where an auth-scheme was expected: a comma right after the scheme ends that challenge (write `Scheme name=value`, no comma after the scheme)"
            }
            UnterminatedQuotedString => "unterminated quoted-string: no closing '\"'",
            ControlChar(_) => {
                "control character in value: CR, LF, NUL and other controls are never allowed in a header value"
            }
            UnexpectedByte(_) => "byte not allowed here by the grammar of RFC 9110 §11",
            LeadingWhitespace => {
                "whitespace at the start of the value (HTTP strips it: pass the trimmed field value)"
            }
            TrailingWhitespace => {
                "whitespace at the end of the value or before something other than ','"
            }
            MultipleCredentials => {
                "a second auth-scheme: this header carries exactly one credentials"
            }
            NoChallenge => "no challenge: a 401 response must carry at least one challenge",
            DuplicateParam => {
                "parameter name repeated in one challenge or credentials (names compare case-insensitively)"
            }
            TooManyParams => {
                "too many parameters in one challenge or credentials: more than the 64 the validating check examines, or more than the builder holds (give it a larger capacity)"
            }
            EmptyToken => {
                "empty token: an auth-scheme, parameter name or token68 needs at least one byte (write an empty value quoted, as \"\")"
            }
            NotUtf8(_) => {
                "bytes that are not UTF-8 cannot go to a text writer: write into a byte buffer, or use an RFC 8187 ext-value"
            }
            BufferTooSmall => "the output buffer is too small for the value; nothing was written",
            WriteFailed => {
                "the text writer failed part way: its output is incomplete and must not be sent"
            }
            WrongScheme => "credentials of another auth-scheme than the one expected here",
            ColonAfterScheme => {
                "':' after the auth-scheme: write `Bearer <token>`, the scheme, one space and the token"
            }
            NoSpaceAfterScheme => {
                "no space between the auth-scheme and the token: write `Bearer <token>`"
            }
            MissingToken => "no token after the auth-scheme: expected `Scheme <token>`",
            ExpectedToken68 => {
                "this scheme carries one token (`Scheme <token68>`), not name=value parameters"
            }
            ExpectedParams => {
                "this scheme carries name=value parameters, not a token68"
            }
            InvalidBase64(_) => {
                "invalid base64: Basic credentials are base64 of `user-id:password` (RFC 4648 §4: A-Z a-z 0-9 + / and '=' padding)"
            }
            MissingColon => {
                "decoded Basic credentials have no ':' between user-id and password (RFC 7617 §2)"
            }
            ColonInUserId => "a user-id must not contain ':' (RFC 7617 §2)",
            NotUtf8Charset => "not valid UTF-8, though charset=\"UTF-8\" was announced (RFC 7617 §2.1)",
            MissingParam(_) => "a parameter that this scheme requires is missing",
            ForbiddenByScheme(_) => {
                "character not allowed in this parameter by its scheme (RFC 6750 §3 allows only %x20-21 / %x23-5B / %x5D-7E: no '\"', no '\\', no controls, no non-ASCII)"
            }
            InvalidValue(rule) => rule,
            ExpectedExtValue => {
                "expected an RFC 8187 ext-value: charset'language'value, as in UTF-8''J%C3%A4s%C3%B8n"
            }
            UnknownCharset => {
                "unknown charset in ext-value: RFC 8187 requires UTF-8 or ISO-8859-1, and this crate decodes only those"
            }
            BadPercentEncoding => "'%' must be followed by two hex digits (RFC 8187 pct-encoded)",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ErrorKind::ControlChar(b) => write!(
                f,
                "control character {b:#04X} in value: CR, LF, NUL and other controls are never allowed in a header value"
            ),
            ErrorKind::UnexpectedByte(b) if b.is_ascii_graphic() => {
                write!(f, "unexpected '{}': {}", b as char, self.as_str())
            }
            ErrorKind::UnexpectedByte(b) => write!(f, "unexpected byte {b:#04X}: {}", self.as_str()),
            ErrorKind::NotUtf8(b) => write!(f, "byte {b:#04X} starts no valid UTF-8 sequence: {}", self.as_str()),
            ErrorKind::InvalidBase64(b) if b.is_ascii_graphic() => {
                write!(f, "unexpected '{}': {}", b as char, self.as_str())
            }
            ErrorKind::ForbiddenByScheme(b) if b.is_ascii_graphic() => {
                write!(f, "'{}': {}", b as char, self.as_str())
            }
            ErrorKind::ForbiddenByScheme(b) => write!(f, "byte {b:#04X}: {}", self.as_str()),
            ErrorKind::MissingParam(name) => {
                write!(f, "missing parameter `{name}`, which this scheme requires")
            }
            _ => f.write_str(self.as_str()),
        }
    }
}

/// A parse error: where in the value (a byte offset) and what ([`ErrorKind`]).
///
/// When several header lines are parsed as one field, [`Error::line`] says
/// which line the offset refers to.
///
/// ```
/// let err = auth_headers::parse_credentials("Digest realm=\"x").unwrap_err();
/// assert_eq!(err.offset(), 13);
/// assert_eq!(err.kind(), auth_headers::ErrorKind::UnterminatedQuotedString);
/// assert_eq!(err.to_string(), "at byte 13: unterminated quoted-string: no closing '\"'");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Error {
    offset: usize,
    line: usize,
    kind: ErrorKind,
}

impl Error {
    /// An error of `kind` at byte `offset` of line 0.
    pub const fn new(offset: usize, kind: ErrorKind) -> Self {
        Error {
            offset,
            line: 0,
            kind,
        }
    }

    /// The same error, attributed to header line `line` (counted from 0).
    pub const fn with_line(self, line: usize) -> Self {
        Error { line, ..self }
    }

    /// Byte offset of the offending byte in the value (the value's length when
    /// the value ended too early).
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// Which header line the offset refers to, counted from 0; always 0 when a
    /// single value was parsed.
    pub const fn line(&self) -> usize {
        self.line
    }

    /// What is wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line != 0 {
            write!(f, "line {}, ", self.line)?;
        }
        write!(f, "at byte {}: {}", self.offset, self.kind)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}
