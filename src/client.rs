//! The client's side: read the challenges of a 401 or 403 and decide what
//! to do next.
//!
//! | What the server sent | [`Action`] |
//! |---|---|
//! | `Bearer error="invalid_token"` | [`RefreshToken`](Action::RefreshToken): refresh the access token, retry once |
//! | `Bearer error="insufficient_scope", scope="…"` | [`RequestScope`](Action::RequestScope): get a token with [`NextStep::scope`] |
//! | `Bearer error="invalid_request"` | [`FixRequest`](Action::FixRequest): resending the same request cannot help |
//! | `Bearer error="insufficient_user_authentication"` | [`StepUp`](Action::StepUp) (RFC 9470): re-authenticate the user, see [`NextStep::acr_values`] |
//! | `DPoP error="use_dpop_nonce"` | [`RetryWithDpopNonce`](Action::RetryWithDpopNonce) (RFC 9449 §9): new proof with the `DPoP-Nonce` header's value |
//! | `DPoP error="invalid_dpop_proof"` | [`FixDpopProof`](Action::FixDpopProof) |
//! | `Bearer realm="…"` (no error), `Basic`, `Digest`, … | [`Authenticate`](Action::Authenticate) with [`NextStep::scheme`] |
//! | nothing the client supports | [`Unsupported`](Action::Unsupported) |
//!
//! [`NextStep::resource_metadata`] surfaces RFC 9728 §5.1's
//! `resource_metadata`, from which an OAuth client (an MCP client, say)
//! discovers the authorization server to get its token from.
//!
//! The items may be [`Challenge`]s or the `Result`s of
//! [`ChallengesOfLines`](crate::ChallengesOfLines) and
//! `auth_headers::http::challenges` ([`ChallengeItem`]); an `Err` is
//! skipped. For the whole exchange (credentials on the request, retries,
//! refresh, step-up, Digest), see the sans-IO [`flow`] (feature `http`).

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod flow;

use crate::schemes::bearer::{BearerChallenge, ErrorCode};
use crate::schemes::dpop::DpopChallenge;
use crate::schemes::SpaceList;
use crate::{Challenge, ChallengeItem, ParamValue};

/// What the client should do next.
///
/// ```
/// use auth_headers::client::{next_step, Action};
/// let www = auth_headers::parse_challenges(r#"DPoP algs="ES256", error="use_dpop_nonce""#).unwrap();
/// assert_eq!(next_step(www.iter(), &["DPoP"]).action(), Action::RetryWithDpopNonce);
/// // NTLM and Negotiate only, to a client that does neither:
/// let www = auth_headers::parse_challenges("Negotiate, NTLM").unwrap();
/// assert_eq!(next_step(www.iter(), &["Bearer", "Basic"]).action(), Action::Unsupported);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action {
    /// `invalid_token` (RFC 6750 §3.1): the token expired or was revoked.
    /// Refresh it (or get a new one) and retry once; if that fails too,
    /// authenticate from scratch.
    RefreshToken,
    /// `insufficient_scope` (RFC 6750 §3.1, a 403): ask the authorization
    /// server for a token carrying [`NextStep::scope`], then retry.
    RequestScope,
    /// `invalid_request` (RFC 6750 §3.1, a 400): the request is malformed
    /// (see [`NextStep::error_description`]); fix it, do not just retry.
    FixRequest,
    /// `insufficient_user_authentication` (RFC 9470 §3): have the user
    /// authenticate again, meeting [`NextStep::acr_values`] and
    /// [`NextStep::max_age`], then retry with the new token.
    StepUp,
    /// `use_dpop_nonce` (RFC 9449 §9): retry once with a new DPoP proof that
    /// carries the nonce of the response's `DPoP-Nonce` header.
    RetryWithDpopNonce,
    /// `invalid_dpop_proof` (RFC 9449 §7.1): the proof was refused; make a
    /// correct one (see [`NextStep::error_description`]).
    FixDpopProof,
    /// No error, an unknown error code, or a scheme such as `Basic` or
    /// `Digest`: authenticate from scratch with [`NextStep::scheme`].
    Authenticate,
    /// No challenge of a scheme the client supports.
    Unsupported,
}

/// The decision, with the challenge it came from and its useful parameters.
///
/// ```
/// use auth_headers::client::{next_step, Action};
/// let v = r#"Basic realm="intranet", Bearer realm="api", error="insufficient_user_authentication", acr_values="myACR", max_age=300"#;
/// let list = auth_headers::parse_challenges(v).unwrap();
/// let step = next_step(list.iter(), &[]);
/// // The Bearer error decides, though Basic comes first: an RFC 9470 §3 step-up.
/// assert_eq!(step.action(), Action::StepUp);
/// assert_eq!(step.scheme(), Some("Bearer"));
/// assert!(step.realm().unwrap().eq_str("api"));
/// assert_eq!(step.acr_values().unwrap().collect::<Vec<_>>(), ["myACR"]);
/// assert_eq!(step.max_age(), Some(300));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NextStep<'a> {
    action: Action,
    challenge: Option<Challenge<'a>>,
}

impl<'a> NextStep<'a> {
    /// What to do.
    pub const fn action(&self) -> Action {
        self.action
    }

    /// The challenge the decision was made on (none for [`Action::Unsupported`]).
    pub const fn challenge(&self) -> Option<Challenge<'a>> {
        self.challenge
    }

    /// The scheme to answer with, as the server wrote it.
    pub fn scheme(&self) -> Option<&'a str> {
        self.challenge.map(|c| c.scheme())
    }

    /// `realm`, to show the user or pick stored credentials by.
    pub fn realm(&self) -> Option<ParamValue<'a>> {
        self.challenge.and_then(|c| c.realm())
    }

    /// `scope`: for [`Action::RequestScope`], the scopes to ask for.
    pub fn scope(&self) -> Option<SpaceList<'a>> {
        self.param("scope").map(|v| SpaceList::new(v.raw()))
    }

    /// `resource_metadata` (RFC 9728 §5.1): where to discover the
    /// authorization server.
    pub fn resource_metadata(&self) -> Option<ParamValue<'a>> {
        self.param("resource_metadata")
    }

    /// `error_description`, for the developer's log.
    pub fn error_description(&self) -> Option<ParamValue<'a>> {
        self.param("error_description")
    }

    /// `acr_values` (RFC 9470 §3), for [`Action::StepUp`].
    pub fn acr_values(&self) -> Option<SpaceList<'a>> {
        self.param("acr_values").map(|v| SpaceList::new(v.raw()))
    }

    /// `max_age` (RFC 9470 §3), for [`Action::StepUp`].
    pub fn max_age(&self) -> Option<u64> {
        self.param("max_age")
            .and_then(|v| crate::schemes::parse_u64(v.raw()))
    }

    /// DPoP `algs` (RFC 9449 §7.1): the algorithms to sign proofs with.
    pub fn dpop_algs(&self) -> Option<SpaceList<'a>> {
        self.challenge
            .and_then(DpopChallenge::new)
            .and_then(|d| d.algs())
    }

    fn param(&self, name: &str) -> Option<ParamValue<'a>> {
        self.challenge.and_then(|c| c.param(name))
    }
}

/// The `error` of a Bearer or DPoP challenge.
fn oauth_error<'a>(c: Challenge<'a>) -> Option<ErrorCode<'a>> {
    BearerChallenge::new(c)
        .and_then(|b| b.error())
        .or_else(|| DpopChallenge::new(c).and_then(|d| d.error()))
}

fn action_of(code: ErrorCode<'_>) -> Action {
    match code {
        ErrorCode::InvalidToken => Action::RefreshToken,
        ErrorCode::InsufficientScope => Action::RequestScope,
        ErrorCode::InvalidRequest => Action::FixRequest,
        ErrorCode::InsufficientUserAuthentication => Action::StepUp,
        ErrorCode::UseDpopNonce => Action::RetryWithDpopNonce,
        ErrorCode::InvalidDpopProof => Action::FixDpopProof,
        _ => Action::Authenticate,
    }
}

/// Decides what to do after a 401 or 403, from its challenges (all
/// `WWW-Authenticate` lines, in order) and the schemes the client
/// `supported` (ASCII case ignored; an empty slice means any).
///
/// A Bearer or DPoP challenge carrying an `error` decides, since it says
/// what went wrong with the token just sent; otherwise the first supported
/// challenge is answered from scratch ([`Action::Authenticate`]).
///
/// ```
/// use auth_headers::client::{next_step, Action};
/// let v = r#"Bearer realm="api", error="insufficient_scope", scope="files:read files:write", resource_metadata="https://api.example/.well-known/oauth-protected-resource""#;
/// let list = auth_headers::parse_challenges(v).unwrap();
/// let step = next_step(list.iter(), &["Bearer"]);
/// assert_eq!(step.action(), Action::RequestScope);
/// assert_eq!(step.scope().unwrap().collect::<Vec<_>>(), ["files:read", "files:write"]);
/// assert!(step.resource_metadata().unwrap().eq_str("https://api.example/.well-known/oauth-protected-resource"));
/// ```
pub fn next_step<'a, I>(challenges: I, supported: &[&str]) -> NextStep<'a>
where
    I: IntoIterator,
    I::Item: ChallengeItem<'a>,
{
    let ok = |c: &Challenge<'_>| supported.is_empty() || supported.iter().any(|s| c.is_scheme(s));
    let mut first = None;
    for c in challenges
        .into_iter()
        .filter_map(ChallengeItem::into_challenge)
        .filter(|c| ok(c))
    {
        if let Some(code) = oauth_error(c) {
            return NextStep {
                action: action_of(code),
                challenge: Some(c),
            };
        }
        first = first.or(Some(c));
    }
    NextStep {
        action: if first.is_some() {
            Action::Authenticate
        } else {
            Action::Unsupported
        },
        challenge: first,
    }
}
