//! Which parameters a scheme wants written as a quoted-string even when the
//! value is a valid token. The tables are each scheme's own, in
//! `schemes::rules` (data only, so reading them imports no scheme).
//!
//! Everything else is written as a token when every byte is a `tchar`, and
//! as a quoted-string otherwise (RFC 9110 §5.6.2, §5.6.4).

use crate::schemes::rules::{basic, bearer, digest, dpop};

/// Where a parameter list is written: the rules differ between a scheme's
/// challenge, its credentials and its `Authentication-Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Context {
    /// `WWW-Authenticate` / `Proxy-Authenticate`.
    Challenge,
    /// `Authorization` / `Proxy-Authorization`.
    Credentials,
    /// `Authentication-Info` / `Proxy-Authentication-Info`.
    AuthInfo,
}

/// Whether parameter `name` of a `scheme` value written in `ctx` must be a
/// quoted-string. RFC 9110 §11.5: for `realm`, "a sender MUST only generate
/// the quoted-string syntax", whatever the scheme.
pub(crate) fn always_quoted(scheme: &str, ctx: Context, name: &str) -> bool {
    let is = |s: &str| s.eq_ignore_ascii_case(scheme);
    let list: &[&str] = match ctx {
        _ if is("Digest") => match ctx {
            Context::Challenge => digest::QUOTED_IN_CHALLENGE,
            Context::Credentials => digest::QUOTED_IN_CREDENTIALS,
            Context::AuthInfo => digest::QUOTED_IN_AUTH_INFO,
        },
        Context::Challenge if is("Bearer") => bearer::QUOTED_IN_CHALLENGE,
        Context::Challenge if is("Basic") => basic::QUOTED_IN_CHALLENGE,
        Context::Challenge if is("DPoP") => dpop::QUOTED_IN_CHALLENGE,
        _ => &[],
    };
    (ctx != Context::AuthInfo && name.eq_ignore_ascii_case("realm"))
        || list.iter().any(|n| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_qop_is_quoted_in_challenges_only() {
        // RFC 7616 §3.3 `qop="auth, auth-int"` versus §3.4 `qop=auth`.
        assert!(always_quoted("Digest", Context::Challenge, "qop"));
        assert!(!always_quoted("digest", Context::Credentials, "QOP"));
        assert!(!always_quoted("Digest", Context::Credentials, "nc"));
        assert!(always_quoted("Digest", Context::Credentials, "Username"));
        assert!(always_quoted("Digest", Context::AuthInfo, "rspauth"));
    }

    #[test]
    fn realm_is_quoted_for_every_scheme() {
        // RFC 9110 §11.5.
        assert!(always_quoted("Newauth", Context::Challenge, "realm"));
        assert!(!always_quoted("Newauth", Context::Challenge, "type"));
        assert!(always_quoted("bearer", Context::Challenge, "error"));
        assert!(!always_quoted("Bearer", Context::AuthInfo, "error"));
    }
}
