//! The `SCRAM-SHA-1` and `SCRAM-SHA-256` schemes (RFC 7804).
//!
//! ```text
//! WWW-Authenticate: SCRAM-SHA-256 realm="…"                     ; RFC 7804 §5, initial
//! Authorization: SCRAM-SHA-256 data=<base64>                    ; client-first-message
//! WWW-Authenticate: SCRAM-SHA-256 sid=<token>, data=<base64>    ; server-first-message
//! Authorization: SCRAM-SHA-256 sid=<token>, data=<base64>       ; client-final-message
//! Authentication-Info: sid=<token>, data=<base64>               ; server-final-message
//! WWW-Authenticate: SCRAM-SHA-256 realm="…", sr=<nonce>, ttl=<seconds>  ; reauthentication
//! ```
//!
//! One view, [`ScramParams`], reads the parameters in every direction. The
//! `data` values are base64 of the SASL SCRAM messages (RFC 5802); they are
//! handed back undecoded.

use crate::params::Params;
use crate::schemes::parse_u64;
use crate::ParamValue;

/// The scheme name `SCRAM-SHA-1` (RFC 7804 §4).
pub const SCRAM_SHA_1: &str = "SCRAM-SHA-1";
/// The scheme name `SCRAM-SHA-256` (RFC 7804 §4).
pub const SCRAM_SHA_256: &str = "SCRAM-SHA-256";

/// Whether `scheme` is one of the two SCRAM schemes (ASCII case ignored).
pub fn is_scram(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case(SCRAM_SHA_1) || scheme.eq_ignore_ascii_case(SCRAM_SHA_256)
}

/// The parameters of a SCRAM challenge, credentials or `Authentication-Info`.
///
/// ```
/// use auth_headers::schemes::scram::ScramParams;
/// let list = auth_headers::parse_challenges(
///     r#"SCRAM-SHA-256 realm="testrealm@example.com", SCRAM-SHA-1 realm="testrealm@example.com""#,
/// ).unwrap();
/// let views: Vec<_> = list.iter().filter_map(ScramParams::from_challenge).collect();
/// assert_eq!(views.len(), 2);
/// assert!(views[0].realm().unwrap().eq_str("testrealm@example.com"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScramParams<'a> {
    params: Params<'a>,
}

params_view!(
    ScramParams,
    "`SCRAM-SHA-1` or `SCRAM-SHA-256`",
    |s| is_scram(s),
    |params, _at| ScramParams { params }
);

impl<'a> ScramParams<'a> {
    /// The view of an `Authentication-Info` list (server-final-message).
    pub const fn from_auth_info(params: Params<'a>) -> Self {
        ScramParams { params }
    }

    /// `realm`.
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.params.get("realm")
    }

    /// `data`: base64 of the SCRAM message (RFC 7804 §5).
    pub fn data(&self) -> Option<ParamValue<'a>> {
        self.params.get("data")
    }

    /// `sid`: the server's session identifier.
    pub fn sid(&self) -> Option<ParamValue<'a>> {
        self.params.get("sid")
    }

    /// `sr`: the server nonce for reauthentication (RFC 7804 §5.1).
    pub fn sr(&self) -> Option<ParamValue<'a>> {
        self.params.get("sr")
    }

    /// `ttl`: seconds the `sr` nonce stays valid (RFC 7804 §5.1).
    pub fn ttl(&self) -> Option<u64> {
        self.params.get("ttl").and_then(|v| parse_u64(v.raw()))
    }
}
