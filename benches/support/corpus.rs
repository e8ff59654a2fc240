//! The performance corpus of issue 7, shared by `benches/peers.rs` (criterion)
//! and `examples/perfcount.rs` (instruction counts), so both measure exactly
//! the same inputs.

/// Which header the value belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `Authorization`: one credentials.
    Credentials,
    /// `WWW-Authenticate`: a list of challenges.
    Challenges,
}

/// One corpus entry.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Short, stable name used in bench ids, the baseline and the README table.
    pub name: &'static str,
    /// The header it belongs to.
    pub kind: Kind,
    /// The header value.
    pub value: String,
    /// How many challenges it holds (1 for credentials).
    pub challenges: usize,
}

/// An 800-byte RS256 JWT (header.payload.signature, base64url).
pub const JWT: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDUta2V5LXJvdGF0aW9uLTAxYSJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20vIiwic3ViIjoidXNlci04ZjE0ZTQ1Zi1jZWVhLTQ2N2YtYTBlNiIsImF1ZCI6WyJodHRwczovL2FwaS5leGFtcGxlLmNvbSIsImh0dHBzOi8vZmlsZXMuZXhhbXBsZS5jb20iXSwiaWF0IjoxNzE2MjM5MDIyLCJleHAiOjE3MTYyNDI2MjIsImp0aSI6ImIyZjFjOWQ4LTRlM2EtNGI2Zi05ZDJlLTdjOGExZjBlNWQ0YiIsInNjb3BlIjoib3BlbmlkIHByb2ZpbGUgZW1haWwgcmVhZDpmaWxlcyB3cml0ZTpmaSIsImF6cCI6ImNsaWVudC00MiJ9.pU3KGCUwux1tEyze1iN7LtkeP3IfyxlxF0SU1kk8nVw0YL4xIB5p_tqg7ui5mX9cfCmZ_a_lkyU81lSvTfrXFCegrrP-6SMvivIhH57kkcWxC-y1Vjv8Hm-TQn7LyP4pVeXNjkbcjtS3wnZNKlpNdncG-F2GkAJK1r2jQBvpyMvMyTX2zR9hImrhUziuGjQATTO6DSRqwEyBsbryPjv57vX3nytJNK-H9VILablLDZguhbtVtnKocmN6zXRm_LYODo_xhGOw5LK6KXA0dPBkrGj3APWwKz3GZvRb3qosyu3NK1FXQQ5N7krys09DCgc0R95jbA6AbJV7poTWQx-16g";

/// RFC 7616 §3.9.1, the SHA-256 challenge (186 bytes).
pub const DIGEST_CHALLENGE: &str = r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;

/// RFC 7616 §3.9.1, the SHA-256 response: ten parameters.
pub const DIGEST_AUTHORIZATION: &str = r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;

/// RFC 6750 §3, the expired-token challenge.
pub const BEARER_ERROR: &str = r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#;

/// RFC 9110 §11.6.1, the two-challenge example.
pub const RFC9110_TWO: &str =
    r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""#;

/// Three challenges as an intranet server sends them.
pub const THREE: &str = r#"Negotiate, Digest realm="intranet.example.com", qop="auth", algorithm=SHA-256, nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41", Basic realm="intranet.example.com", charset="UTF-8""#;

/// A quoted-string of 8 × 22 bytes in which every fourth byte is escaped.
pub fn escapes() -> String {
    let mut v = String::from(r#"Basic realm=""#);
    for _ in 0..8 {
        v.push_str(r#"\"quoted\" \path\ x, "#);
    }
    v.push('"');
    v
}

/// Challenges joined with `, ` until the value would exceed `size` bytes.
pub fn many(size: usize) -> String {
    let parts = [
        r#"Basic realm="simple""#,
        BEARER_ERROR,
        DIGEST_CHALLENGE,
        "Negotiate",
        RFC9110_TWO,
    ];
    let mut v = String::new();
    for p in parts.iter().cycle() {
        let sep = if v.is_empty() { 0 } else { 2 };
        if v.len() + sep + p.len() > size {
            break;
        }
        if sep > 0 {
            v.push_str(", ");
        }
        v.push_str(p);
    }
    v
}

fn count(v: &str) -> usize {
    auth_headers::parse_challenges(v)
        .map(|l| l.len())
        .unwrap_or(0)
}

/// The whole corpus, in table order. The `many_*` entries are the scaling series.
pub fn corpus() -> Vec<Entry> {
    let cred = |name, value: String| Entry {
        name,
        kind: Kind::Credentials,
        value,
        challenges: 1,
    };
    let chal = |name, value: String| Entry {
        name,
        kind: Kind::Challenges,
        challenges: count(&value),
        value,
    };
    vec![
        cred("bearer_jwt", format!("Bearer {JWT}")),
        cred("basic", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".into()),
        cred("digest_authorization", DIGEST_AUTHORIZATION.into()),
        chal("basic_realm", r#"Basic realm="simple""#.into()),
        chal("bearer_error", BEARER_ERROR.into()),
        chal("digest_challenge", DIGEST_CHALLENGE.into()),
        chal("rfc9110_two", RFC9110_TWO.into()),
        chal("three", THREE.into()),
        chal("escapes", escapes()),
        chal("many_1k", many(1024)),
        chal("many_4k", many(4 * 1024)),
        chal("many_16k", many(16 * 1024)),
        chal("many_64k", many(64 * 1024)),
    ]
}
