//! Which parameters a scheme wants written as a quoted-string even when the
//! value is a valid token.
//!
//! Everything else is written as a token when every byte is a `tchar`, and
//! as a quoted-string otherwise (RFC 9110 §5.6.2, §5.6.4).

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

/// RFC 7616 §3.3: in a Digest challenge `realm`, `domain`, `nonce`,
/// `opaque` and `qop` are quoted-strings (`algorithm`, `stale`, `charset`,
/// `userhash` are tokens).
const DIGEST_CHALLENGE: &[&str] = &["realm", "domain", "nonce", "opaque", "qop"];
/// RFC 7616 §3.4: in Digest credentials `username`, `realm`, `nonce`, `uri`,
/// `response`, `cnonce` and `opaque` are quoted-strings (`algorithm`, `qop`,
/// `nc`, `userhash` are tokens).
const DIGEST_CREDENTIALS: &[&str] = &[
    "username", "realm", "nonce", "uri", "response", "cnonce", "opaque",
];
/// RFC 7616 §3.5: in Digest `Authentication-Info` `nextnonce`, `rspauth`
/// and `cnonce` are quoted-strings (`qop`, `nc` are tokens).
const DIGEST_AUTH_INFO: &[&str] = &["nextnonce", "rspauth", "cnonce"];
/// RFC 6750 §3 (Bearer), RFC 9449 §7.1 (DPoP), RFC 9470 §3, RFC 9728 §5.1
/// and RFC 7617 §2 (Basic) write these quoted in every example.
const BEARER_BASIC_CHALLENGE: &[&str] = &[
    "realm",
    "scope",
    "error",
    "error_description",
    "error_uri",
    "charset",
    "algs",
    "acr_values",
    "max_age",
    "resource_metadata",
];

/// Whether parameter `name` of a `scheme` value written in `ctx` must be a
/// quoted-string. RFC 9110 §11.5: for `realm`, "a sender MUST only generate
/// the quoted-string syntax", whatever the scheme.
pub(crate) fn always_quoted(scheme: &str, ctx: Context, name: &str) -> bool {
    let list: &[&str] = if scheme.eq_ignore_ascii_case("Digest") {
        match ctx {
            Context::Challenge => DIGEST_CHALLENGE,
            Context::Credentials => DIGEST_CREDENTIALS,
            Context::AuthInfo => DIGEST_AUTH_INFO,
        }
    } else if ["Bearer", "Basic", "DPoP"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme))
        && ctx == Context::Challenge
    {
        BEARER_BASIC_CHALLENGE
    } else {
        &[]
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
