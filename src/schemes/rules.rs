//! How each scheme writes its parameters on the wire: which are
//! quoted-strings and which are tokens even when either would parse (and,
//! for Digest, which are required); and which parameters each scheme's
//! challenge defines, so that one of another scheme can be told apart from
//! an extension (`charset` on Bearer is Basic's).
//!
//! This is the one home of these tables. The writer
//! ([`crate::write`]'s `for_scheme` builders), the linter and the scheme
//! views all read them from here, and each scheme module re-exports its own
//! (`schemes::digest::rules`, `schemes::bearer::rules` …). The file is data
//! only and imports nothing, so the writer, one layer below the schemes,
//! can read it without importing a scheme.
//!
//! Everything a table does not name is written as a token when every byte
//! is a `tchar`, and as a quoted-string otherwise (RFC 9110 §5.6.2, §5.6.4);
//! `realm` is always quoted (RFC 9110 §11.5), whatever the scheme.

/// The schemes whose credentials are one token68 and define no
/// auth-param: Basic (RFC 7617 §2), Bearer (RFC 6750 §2.1), DPoP (RFC 9449
/// §7.1), Negotiate (RFC 4559 §4) and NTLM. Each is its scheme module's
/// `SCHEME` (a test keeps them equal). What the grammar reads as a
/// parameter in their credentials is a token68 cut at its `=` padding
/// (`Basic dXNlcjpwYXNzMQ= junk`), so its name is a secret's bytes:
/// [`crate::redact`] hides it.
pub const TOKEN68_CREDENTIALS: &[&str] = &["Basic", "Bearer", "DPoP", "Negotiate", "NTLM"];

/// The schemes a credentials value can start with and go on, a token glued
/// to the scheme with no space (`BearereyJ…`; RFC 9110 §11.4 wants one):
/// those of [`TOKEN68_CREDENTIALS`] and Digest. The grammar reads such a
/// word as one unknown scheme; the linter reports it
/// (`no-space-after-scheme`), and `Debug` and the linter's redaction show
/// only the scheme's name of it ([`crate::redact`]). Each is its scheme
/// module's `SCHEME` (a test keeps them equal).
pub(crate) const GLUED_SCHEMES: &[&str] =
    &["Basic", "Bearer", "Digest", "DPoP", "Negotiate", "NTLM"];

/// Digest (RFC 7616).
pub mod digest {
    /// RFC 7616 §3.3: in a challenge `realm`, `domain`, `nonce`, `opaque`
    /// and `qop` are quoted-strings.
    pub const QUOTED_IN_CHALLENGE: &[&str] = &["realm", "domain", "nonce", "opaque", "qop"];
    /// RFC 7616 §3.3: in a challenge a sender "MUST NOT generate the
    /// quoted string syntax" for `algorithm` and `stale` (strict peers
    /// refuse `algorithm="MD5"`). `charset` and `userhash` are in neither
    /// list: the writer sends them as tokens, as §3.9.2 does, but a quoted
    /// `charset="UTF-8"` (lighttpd 1.4 sends it) breaks no rule.
    pub const TOKEN_IN_CHALLENGE: &[&str] = &["algorithm", "stale"];
    /// RFC 7616 §3.4: in credentials `username`, `realm`, `nonce`, `uri`,
    /// `response`, `cnonce` and `opaque` are quoted-strings.
    pub const QUOTED_IN_CREDENTIALS: &[&str] = &[
        "username", "realm", "nonce", "uri", "response", "cnonce", "opaque",
    ];
    /// RFC 7616 §3.4: in credentials a sender "MUST NOT generate the
    /// quoted string syntax" for `algorithm`, `qop` and `nc` (strict peers
    /// refuse `nc="00000001"`). `userhash` is in neither list; the writer
    /// sends it as a token.
    pub const TOKEN_IN_CREDENTIALS: &[&str] = &["algorithm", "qop", "nc"];
    /// RFC 7616 §3.5: in `Authentication-Info` `nextnonce`, `rspauth` and
    /// `cnonce` are quoted-strings.
    pub const QUOTED_IN_AUTH_INFO: &[&str] = &["nextnonce", "rspauth", "cnonce"];
    /// RFC 7616 §3.5: in `Authentication-Info` `qop` and `nc` are tokens.
    pub const TOKEN_IN_AUTH_INFO: &[&str] = &["qop", "nc"];
    /// RFC 7616 §3.3: the parameters a challenge must carry.
    pub const REQUIRED_IN_CHALLENGE: &[&str] = &["realm", "nonce"];
    /// RFC 7616 §3.4: the parameters credentials must carry, besides one
    /// of `username` and `username*`.
    pub const REQUIRED_IN_CREDENTIALS: &[&str] = &["realm", "nonce", "uri", "response"];
    /// RFC 7616 §3.3: every parameter a challenge defines: the names of
    /// [`QUOTED_IN_CHALLENGE`] and [`TOKEN_IN_CHALLENGE`], and `charset`
    /// and `userhash`, which are in neither list.
    pub const PARAMS_IN_CHALLENGE: &[&str] = &[
        "realm",
        "domain",
        "nonce",
        "opaque",
        "stale",
        "algorithm",
        "qop",
        "charset",
        "userhash",
    ];
}

/// Bearer (RFC 6750, RFC 9470, RFC 9728).
pub mod bearer {
    /// RFC 6750 §3, RFC 9470 §3 and RFC 9728 §5.1 write these quoted in
    /// every example of a challenge (`charset` and `algs` because a server
    /// that offers Basic or DPoP beside Bearer writes them the same way).
    pub const QUOTED_IN_CHALLENGE: &[&str] = &[
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
    /// The parameters a Bearer challenge defines: RFC 6750 §3 (`realm`,
    /// `scope`, `error`, `error_description`, `error_uri`), RFC 9470 §3
    /// (`acr_values`, `max_age`) and RFC 9728 §5.1 (`resource_metadata`).
    pub const PARAMS_IN_CHALLENGE: &[&str] = &[
        "realm",
        "scope",
        "error",
        "error_description",
        "error_uri",
        "acr_values",
        "max_age",
        "resource_metadata",
    ];
    /// Names sent as an auth-scheme where Bearer is meant: a JWT (RFC
    /// 7519) is a token, not a scheme, and travels as a Bearer token (RFC
    /// 6750 §2.1). Compared with ASCII case ignored.
    pub const MISTAKEN_FOR_SCHEME: &[&str] = &["JWT"];
}

/// DPoP (RFC 9449).
pub mod dpop {
    /// RFC 9449 §7.1 writes the challenge's parameters as RFC 6750 §3 does.
    pub const QUOTED_IN_CHALLENGE: &[&str] = super::bearer::QUOTED_IN_CHALLENGE;
    /// RFC 9449 §7.1: `algs`, and the parameters of Bearer's challenge
    /// (RFC 6750 §3, which §7.1 refers to; RFC 9470 §3 and RFC 9728 §5.1
    /// apply to a DPoP challenge as to a Bearer one).
    pub const PARAMS_IN_CHALLENGE: &[&str] = &[
        "algs",
        "realm",
        "scope",
        "error",
        "error_description",
        "error_uri",
        "acr_values",
        "max_age",
        "resource_metadata",
    ];
}

/// Basic (RFC 7617).
pub mod basic {
    /// RFC 7617 §2 and §2.1 write `realm` and `charset` quoted; the
    /// OAuth names are quoted too, for a server that sends the same
    /// parameters on each of its challenges.
    pub const QUOTED_IN_CHALLENGE: &[&str] = super::bearer::QUOTED_IN_CHALLENGE;
    /// RFC 7617 §2 and §2.1: the parameters a Basic challenge defines.
    pub const PARAMS_IN_CHALLENGE: &[&str] = &["realm", "charset"];
}

#[cfg(test)]
mod tests {
    // RFC 9449 §7.1: DPoP's challenge is Bearer's with `algs`; the table
    // is written out (a const cannot concatenate slices), so a test keeps
    // the two equal.
    #[test]
    fn dpop_defines_bearers_parameters_and_algs() {
        assert_eq!(super::dpop::PARAMS_IN_CHALLENGE[0], "algs");
        assert_eq!(
            &super::dpop::PARAMS_IN_CHALLENGE[1..],
            super::bearer::PARAMS_IN_CHALLENGE
        );
    }
}
