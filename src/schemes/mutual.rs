//! The `Mutual` scheme: Mutual Authentication Protocol for HTTP (RFC 8120).
//!
//! ```text
//! WWW-Authenticate: Mutual version=1, algorithm=iso-kam3-dl-2048-sha256,
//!                   validation=host, realm="…", reason=initial          ; 401-INIT, RFC 8120 §4.1
//! Authorization: Mutual version=1, algorithm=…, validation=host, realm="…", user="…", wa=…   ; req-KEX-C1
//! WWW-Authenticate: Mutual version=1, algorithm=…, validation=host, realm="…", sid=…, wb=…   ; 401-KEX-S1
//! Authorization: Mutual …, sid=…, nc=…, vkc=…                            ; req-VFY-C
//! Authentication-Info: Mutual …, sid=…, vks=…                            ; 200-VFY-S
//! ```
//!
//! One view, [`MutualParams`], reads the parameters in every message.

use crate::params::Params;
use crate::schemes::parse_u64;
use crate::ParamValue;

/// The scheme name, `Mutual`.
pub const SCHEME: &str = "Mutual";

/// The parameters of a `Mutual` message (RFC 8120 §4).
///
/// ```
/// use auth_headers::schemes::mutual::MutualParams;
/// let v = r#"Mutual version=1, algorithm=iso-kam3-dl-2048-sha256, validation=host, realm="examplerealm", reason=initial"#;
/// let list = auth_headers::parse_challenges(v).unwrap();
/// let m = MutualParams::from_challenge(list.iter().next().unwrap()).unwrap();
/// assert_eq!(m.version(), Some(1));
/// assert!(m.reason().unwrap().eq_str("initial"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MutualParams<'a> {
    params: Params<'a>,
}

params_view!(
    MutualParams,
    "`Mutual`",
    |s| s.eq_ignore_ascii_case(SCHEME),
    |params, _at| MutualParams { params }
);

impl<'a> MutualParams<'a> {
    /// `version` (1 for RFC 8120).
    pub fn version(&self) -> Option<u64> {
        self.params.get("version").and_then(|v| parse_u64(v.raw()))
    }

    /// `algorithm`, such as `iso-kam3-dl-2048-sha256`.
    pub fn algorithm(&self) -> Option<ParamValue<'a>> {
        self.params.get("algorithm")
    }

    /// `validation`: `host`, `tls-server-end-point` or `tls-unique`.
    pub fn validation(&self) -> Option<ParamValue<'a>> {
        self.params.get("validation")
    }

    /// `realm`.
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.params.get("realm")
    }

    /// `reason` of a 401: `initial`, `stale-session`, `auth-failed`,
    /// `reauth-needed`, `invalid-parameters`, `internal-error`,
    /// `user-unknown`, `invalid-credential`, `authz-failed`.
    pub fn reason(&self) -> Option<ParamValue<'a>> {
        self.params.get("reason")
    }

    /// `auth-scope`.
    pub fn auth_scope(&self) -> Option<ParamValue<'a>> {
        self.params.get("auth-scope")
    }

    /// `sid`: session identifier.
    pub fn sid(&self) -> Option<ParamValue<'a>> {
        self.params.get("sid")
    }

    /// `user`.
    pub fn user(&self) -> Option<ParamValue<'a>> {
        self.params.get("user")
    }

    /// `nc`: nonce number.
    pub fn nc(&self) -> Option<u64> {
        self.params.get("nc").and_then(|v| parse_u64(v.raw()))
    }

    /// Any other parameter by name (`wa`, `wb`, `vkc`, `vks` …).
    pub fn get(&self, name: &str) -> Option<ParamValue<'a>> {
        self.params.get(name)
    }
}
