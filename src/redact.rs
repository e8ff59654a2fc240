//! What `Debug` shows and what it hides (issue 16, finding 6).
//!
//! `Display` is the wire form: the parsed types and the builders write
//! their canonical header value, secrets included, because that is what
//! goes into the header. `Debug` is for logs and panics: it never shows a
//! secret. One policy holds for every type of the crate:
//!
//! - **Parameter values** are shown only when the parameter's name is in
//!   [`PUBLIC_PARAMS`], names that carry no credential in any scheme this
//!   crate reads (`realm`, `scope`, `error`, `algorithm`, `qop` …; ASCII
//!   case ignored). Any other value (`response`, `nonce`, `username`,
//!   `uri`, `mac`, `data`, `t`, an unknown name …) shows as
//!   `<redacted, N bytes>`: its length, never its bytes. The name is
//!   shown, but for one case: after a scheme whose credentials are a
//!   token68 ([`TOKEN68_CREDENTIALS`](crate::schemes::TOKEN68_CREDENTIALS):
//!   Basic, Bearer, DPoP, Negotiate, NTLM) a name outside
//!   [`PUBLIC_PARAMS`] is hidden too, since it is a token68 the grammar
//!   cut at its `=` padding (`Basic dXNlcjpwYXNzMQ= junk` reads as the
//!   parameter `dXNlcjpwYXNzMQ`). Those schemes' challenge parameters
//!   are all public, so no name they define is hidden. The list of such
//!   credentials ([`Credentials::params`](crate::Credentials::params))
//!   carries the rule with it: printed away from its scheme, the
//!   [`Params`](crate::Params), its [`ParamIter`](crate::ParamIter) and
//!   each [`Param`](crate::Param) hide that name as `<redacted>` all the
//!   same. The parameters of a challenge or of `Authentication-Info` are
//!   not credentials: their names are always shown.
//! - **A value without its name** ([`ParamValue`](crate::ParamValue),
//!   [`Value`](crate::Value), [`ExtValue`](crate::ext_value::ExtValue),
//!   [`Unescaped`](crate::Unescaped) …) cannot be judged, so it always
//!   shows as `<redacted, N bytes>`; use `Display` (or
//!   [`ParamValue::as_str`](crate::ParamValue::as_str)) for a value known to
//!   be public.
//! - **A token68** (Basic, Bearer, Negotiate, NTLM … in credentials and
//!   challenges alike) always shows as `<redacted>`, without its length
//!   (the length of Basic's token gives away the length of the password).
//! - **Decoded secrets** (a Basic password, a HOBA signature, an AWS
//!   signature, a VAPID token and key) show as `<redacted>`.
//! - **Identifiers** are shown by the typed views that know a field is one
//!   and not a credential: Basic's user-id
//!   ([`UserPass`](crate::schemes::basic::UserPass)), HOBA's `kid`, AWS4's
//!   access key ID and scope. The generic views cannot tell, so
//!   `username` and every other name outside [`PUBLIC_PARAMS`] is redacted.
//! - **A token glued to its scheme** (`BearereyJ…`, no space between)
//!   reads as one unknown auth-scheme, the grammar allowing it: a
//!   credentials' scheme that starts with one of
//!   [`TOKEN68_CREDENTIALS`](crate::schemes::TOKEN68_CREDENTIALS) or with
//!   `Digest` and goes on shows that scheme's name and `<redacted>` for
//!   the rest.
//! - Scheme names, parameter names, offsets, counts and the non-secret
//!   values above stay, so that `Debug` still helps to debug.
//!
//! Iterators over the input ([`Challenges`](crate::Challenges),
//! [`ParamIter`](crate::ParamIter) …) show what they would yield by the same
//! rules, never the raw bytes. The linter's [`Finding::write_fix`](crate::lint::Finding::write_fix)
//! echoes the fixed value by the same rules too, and
//! [`lint::write_redacted`](crate::lint::write_redacted) and
//! [`lint::redacted_pieces`](crate::lint::redacted_pieces) show any raw
//! header value by them (a credentials line in a report).
//!
//! Errors carry offsets. A parse error carries the byte the grammar
//! refuses at that place (a control byte, a byte outside the token68 or
//! base64 alphabet), which is in the header value as sent. Bytes of a
//! Basic `user-id:password` are never carried, decoded or to be encoded:
//! a control byte there, or a last base64 character with unused bits
//! set, is reported as [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue)
//! with the offset only. A builder's error ([`BuildError::byte`](crate::BuildError::byte))
//! names the byte it refused in a scheme, name, token68 or value the
//! caller gave it.

/// The parameter names whose values `Debug` shows (compared with ASCII
/// case ignored): none of them carries a credential, a proof or an
/// identifier of a user in any scheme this crate reads.
///
/// ```
/// let c = auth_headers::parse_credentials(
///     r#"Digest realm="api", username="Mufasa", response="6629fae49393a05397450978507c4ef1""#,
/// ).unwrap();
/// let d = format!("{:?}", c.params());
/// assert_eq!(d, r#"[realm="api", username=<redacted, 6 bytes>, response=<redacted, 32 bytes>]"#);
/// assert!(auth_headers::redact::PUBLIC_PARAMS.contains(&"realm"));
/// ```
pub const PUBLIC_PARAMS: &[&str] = &[
    // RFC 9110 §11.5, RFC 7617 §2.1.
    "realm",
    "charset",
    // RFC 6750 §3, RFC 9449 §7.1, RFC 9470 §3, RFC 9728 §5.1.
    "scope",
    "error",
    "error_description",
    "error_uri",
    "algs",
    "acr_values",
    "max_age",
    "resource_metadata",
    // RFC 7616 §3.3-§3.5 (never `nonce`, `cnonce`, `opaque`, `uri`,
    // `username`, `response` or `rspauth`).
    "domain",
    "algorithm",
    "qop",
    "stale",
    "userhash",
    "nc",
    // RFC 7486 §3 (HOBA), RFC 8120 §4 (Mutual), RFC 7804 §5 (SCRAM `ttl`),
    // Hawk `ts`.
    "max-age",
    "version",
    "validation",
    "reason",
    "ttl",
    "ts",
];

/// Whether `Debug` shows the value of a parameter named `name`
/// ([`PUBLIC_PARAMS`], ASCII case ignored).
///
/// ```
/// use auth_headers::redact::is_public_param;
/// assert!(is_public_param("Realm"));
/// assert!(!is_public_param("response") && !is_public_param("realm*"));
/// ```
pub fn is_public_param(name: &str) -> bool {
    PUBLIC_PARAMS
        .iter()
        .any(|p| crate::chars::eq_ignore_case(p.as_bytes(), name.as_bytes()))
}

/// Whether the parameter names after `scheme` are shown only when public
/// (see the module docs): `scheme` is one of
/// [`TOKEN68_CREDENTIALS`](crate::schemes::TOKEN68_CREDENTIALS),
/// ASCII case ignored. The credentials parser marks such a list
/// (`Params::hide_names`) and the linter's redaction asks it too.
pub(crate) fn hides_names_after(scheme: &[u8]) -> bool {
    crate::schemes::rules::TOKEN68_CREDENTIALS
        .iter()
        .any(|s| crate::chars::eq_ignore_case(s.as_bytes(), scheme))
}

/// How many bytes of a credentials' auth-scheme `Debug` shows: all of
/// them, but for a name that starts with a scheme of `GLUED_SCHEMES` (those
/// of [`TOKEN68_CREDENTIALS`](crate::schemes::TOKEN68_CREDENTIALS), and
/// Digest) and goes on (`BearereyJ…`, `basicdXNlcjpw…`): that is the
/// scheme with its token glued on, no space between (RFC 9110 §11.4 wants
/// one), and since a token68 of letters, digits and `.`, `_`, `~`, `+`,
/// `-` is all `tchar`s the grammar reads the whole as one unknown scheme. Only the known
/// scheme's name is shown (ASCII case ignored). The linter's redaction
/// ([`crate::lint::redacted_pieces`]) masks by this rule too.
pub(crate) fn scheme_shown_len(scheme: &[u8]) -> usize {
    crate::schemes::rules::GLUED_SCHEMES
        .iter()
        .find(|s| {
            scheme.len() > s.len() && crate::chars::eq_ignore_case(&scheme[..s.len()], s.as_bytes())
        })
        .map_or(scheme.len(), |s| s.len())
}

/// What `Debug` writes in place of a secret: `<redacted>`, or
/// `<redacted, N bytes>` when the length is shown.
#[derive(Clone, Copy)]
pub(crate) struct Redacted(pub(crate) Option<usize>);

impl Redacted {
    /// `<redacted>`.
    pub(crate) const HIDDEN: Redacted = Redacted(None);

    /// `<redacted, len bytes>`.
    pub(crate) const fn len(len: usize) -> Self {
        Redacted(Some(len))
    }
}

impl core::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            None => f.write_str("<redacted>"),
            Some(1) => f.write_str("<redacted, 1 byte>"),
            Some(n) => write!(f, "<redacted, {n} bytes>"),
        }
    }
}
