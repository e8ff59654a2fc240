//! The `Hawk` scheme (the Hawk specification, hueniverse/hawk).
//!
//! ```text
//! Authorization: Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2",
//!                ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="
//! WWW-Authenticate: Hawk ts="1353832234", tsm="…", error="Stale timestamp"
//! Server-Authorization: Hawk mac="…", hash="…"
//! ```

use crate::error::Error;
use crate::params::Params;
use crate::schemes::parse_u64;
use crate::{ErrorKind, ParamValue};

/// The scheme name, `Hawk`.
pub const SCHEME: &str = "Hawk";

/// The parameters of Hawk credentials, challenge or `Server-Authorization`.
///
/// ```
/// use auth_headers::schemes::hawk::HawkParams;
/// let c = auth_headers::parse_credentials(r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#).unwrap();
/// let h = HawkParams::from_credentials(&c).unwrap();
/// assert_eq!(h.ts(), Some(1353832234));
/// h.validate_credentials().unwrap();
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HawkParams<'a> {
    params: Params<'a>,
    at: usize,
}

params_view!(
    HawkParams,
    "`Hawk`",
    |s| s.eq_ignore_ascii_case(SCHEME),
    |params, at| HawkParams { params, at }
);

impl<'a> HawkParams<'a> {
    /// `id`: the key identifier.
    pub fn id(&self) -> Option<ParamValue<'a>> {
        self.params.get("id")
    }

    /// `ts`: the timestamp, seconds since the epoch.
    pub fn ts(&self) -> Option<u64> {
        self.params.get("ts").and_then(|v| parse_u64(v.raw()))
    }

    /// `tsm`: the server's timestamp MAC (in a challenge).
    pub fn tsm(&self) -> Option<ParamValue<'a>> {
        self.params.get("tsm")
    }

    /// `nonce`.
    pub fn nonce(&self) -> Option<ParamValue<'a>> {
        self.params.get("nonce")
    }

    /// `ext`: application data.
    pub fn ext(&self) -> Option<ParamValue<'a>> {
        self.params.get("ext")
    }

    /// `mac`: base64 HMAC of the request.
    pub fn mac(&self) -> Option<ParamValue<'a>> {
        self.params.get("mac")
    }

    /// `hash`: base64 payload hash.
    pub fn hash(&self) -> Option<ParamValue<'a>> {
        self.params.get("hash")
    }

    /// `app` and `dlg`: Oz application and delegation.
    pub fn app(&self) -> Option<ParamValue<'a>> {
        self.params.get("app")
    }

    /// `dlg`.
    pub fn dlg(&self) -> Option<ParamValue<'a>> {
        self.params.get("dlg")
    }

    /// `error` (in a challenge): text such as `Stale timestamp`.
    pub fn error(&self) -> Option<ParamValue<'a>> {
        self.params.get("error")
    }

    /// Checks credentials: each parameter once, and `id`, `ts` (a number),
    /// `nonce` and `mac` present, as the Hawk specification requires.
    pub fn validate_credentials(&self) -> Result<(), Error> {
        self.params.check_unique()?;
        for name in ["id", "ts", "nonce", "mac"] {
            if self.params.get(name).is_none() {
                return Err(Error::new(self.at, ErrorKind::MissingParam(name)));
            }
        }
        if self.ts().is_none() {
            return Err(Error::new(
                self.at,
                ErrorKind::InvalidValue("Hawk `ts` must be a number of seconds"),
            ));
        }
        Ok(())
    }
}
