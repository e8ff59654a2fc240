//! A tiny resource server's authentication decision: from the request's
//! `Authorization` value (if any) to the status code and the exact
//! `WWW-Authenticate` value of the response, for Bearer (RFC 6750) and
//! Basic (RFC 7617).
//!
//! Run: `cargo run --example server_decision -- 'Bearer expired-token'`
//! (no argument: no `Authorization` header). The token `good-read` is
//! valid with scope `files:read`, `good-write` with `files:read
//! files:write`; the Basic user `Aladdin` has password `open sesame`.

use auth_headers::server::{BasicServer, BearerServer, Outcome, Reply};

/// What the application knows about its tokens.
fn scopes_of(token: &str) -> Option<&'static str> {
    match token {
        "good-read" => Some("files:read"),
        "good-write" => Some("files:read files:write"),
        _ => None,
    }
}

/// The decision for a request that needs `files:write`: `None` lets it
/// through, `Some` is the response to send instead.
fn decide(authorization: Option<&str>) -> Option<Reply<'static>> {
    let api = BearerServer::new("files")
        .resource_metadata("https://files.example/.well-known/oauth-protected-resource");
    let intranet = BasicServer::new("intranet").utf8();

    // Basic credentials go to the Basic check.
    if authorization.is_some_and(|v| v.len() > 5 && v[..6].eq_ignore_ascii_case("basic ")) {
        let outcome = match intranet.read(authorization) {
            Ok(creds) => {
                let mut buf = [0u8; 256];
                match creds.decode_into(&mut buf) {
                    Ok(up) if up.user_id() == b"Aladdin" && up.password() == b"open sesame" => {
                        // Known user, but this resource wants a token with files:write.
                        Outcome::InsufficientScope {
                            scope: "files:write",
                            description: None,
                        }
                    }
                    Ok(_) => Outcome::InvalidCredentials { description: None },
                    Err(_) => Outcome::Malformed { description: None },
                }
            }
            Err(outcome) => outcome,
        };
        return Some(intranet.reply(outcome).expect("fixed strings are valid"));
    }

    let outcome = match api.read(authorization) {
        Err(outcome) => outcome,
        Ok(token) => match scopes_of(token.token()) {
            None => Outcome::InvalidCredentials {
                description: Some("The access token expired"),
            },
            Some(s) if !s.split(' ').any(|s| s == "files:write") => Outcome::InsufficientScope {
                scope: "files:write",
                description: Some("This request needs files:write"),
            },
            Some(_) => return None,
        },
    };
    Some(api.reply(outcome).expect("fixed strings are valid"))
}

fn main() {
    let arg = std::env::args().nth(1);
    let Some(reply) = decide(arg.as_deref()) else {
        println!("HTTP status: 200 (authorized)");
        return;
    };
    println!("HTTP status: {}", reply.status());
    if let Some(challenge) = reply.www_authenticate() {
        println!(
            "WWW-Authenticate: {}",
            challenge.to_string().expect("checked")
        );
    }
}
