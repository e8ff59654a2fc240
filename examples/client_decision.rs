//! A client's decision after a 401 or 403: read every `WWW-Authenticate`
//! line of the response and say what to do next, with the realm, scope and
//! RFC 9728 `resource_metadata` at hand.
//!
//! Run: `cargo run --example client_decision -- 'Bearer realm="api", error="invalid_token"'`
//! (several arguments are several header lines; none runs a few samples).

use auth_headers::client::{next_step, Action};
use auth_headers::ChallengesOfLines;

/// The schemes this client can answer.
const SUPPORTED: &[&str] = &["Bearer", "DPoP", "Basic"];

fn advise(lines: &[String]) -> String {
    let mut challenges = Vec::new();
    for c in ChallengesOfLines::new(lines.iter().map(String::as_str)) {
        match c {
            Ok(c) => challenges.push(c),
            Err(e) => return format!("unreadable WWW-Authenticate (line {}): {e}", e.line()),
        }
    }
    let step = next_step(challenges, SUPPORTED);
    let mut out = match step.action() {
        Action::RefreshToken => "refresh the access token and retry once".to_string(),
        Action::RequestScope => {
            let scope: Vec<_> = step.scope().map(|s| s.collect()).unwrap_or_default();
            format!("get a token with scope [{}], then retry", scope.join(", "))
        }
        Action::FixRequest => "fix the request: sending it again will fail again".to_string(),
        Action::StepUp => "have the user authenticate again (step-up), then retry".to_string(),
        Action::RetryWithDpopNonce => {
            "retry once with a new DPoP proof carrying the DPoP-Nonce header's value".to_string()
        }
        Action::FixDpopProof => "the DPoP proof was refused: build a correct one".to_string(),
        Action::Authenticate => format!(
            "authenticate from scratch with {}",
            step.scheme().unwrap_or("?")
        ),
        Action::Unsupported => "no scheme this client supports was offered".to_string(),
        _ => "unknown action".to_string(),
    };
    if let Some(realm) = step.realm() {
        out += &format!("; realm \"{realm}\"");
    }
    if let Some(meta) = step.resource_metadata() {
        out += &format!("; discover the authorization server at {meta}");
    }
    if let Some(d) = step.error_description() {
        out += &format!("; server says: {d}");
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        println!("{}", advise(&args));
        return;
    }
    for sample in [
        r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
        r#"Bearer realm="mcp", error="insufficient_scope", scope="tools:call", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#,
        r#"Bearer realm="api", DPoP algs="ES256", error="use_dpop_nonce""#,
        r#"Negotiate, Basic realm="intranet", charset="UTF-8""#,
    ] {
        println!(
            "WWW-Authenticate: {sample}\n  -> {}\n",
            advise(&[sample.to_string()])
        );
    }
}
