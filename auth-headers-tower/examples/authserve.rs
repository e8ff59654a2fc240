//! `authserve`: the layer's showcase and the target of the interop tests.
//!
//! ```text
//! cargo run -p auth-headers-tower --example authserve -- --listen 127.0.0.1:8080 [--proxy]
//! ```
//!
//! Prints `listening on http://ADDR` once it accepts connections (`:0`
//! picks a free port, and the line names it). Routes and accounts (kept
//! stable: the tests and people rely on them):
//!
//! | Route | Schemes | Accounts |
//! |---|---|---|
//! | `GET /basic` | Basic, realm `authserve`, `charset="UTF-8"` | `alice` / `wonderland`, `jürgen` / `pässwörd€` |
//! | `GET /bearer` | Bearer, realm `authserve`, `resource_metadata` | `read-token` (`files:read`), `write-token` (`files:read files:write`), `expired-token` (refused: "The access token expired") |
//! | `GET /bearer/write` | as `/bearer`, needs `files:write` | |
//! | `GET /digest` | Digest, SHA-256 then MD5, `qop="auth"`, `charset=UTF-8` | `Mufasa` / `Circle of Life`, `jürgen` / `pässwörd€` |
//! | `GET /any` | Bearer, Digest and Basic | all of the above |
//! | `GET /dpop` | DPoP (RFC 9449), realm `authserve`, `algs="ES256 PS256"` | `dpop-token` (`files:read`) with any well-formed proof |
//! | `GET /.well-known/oauth-protected-resource` | none: the RFC 9728 metadata | |
//!
//! A success is 200 with one line of JSON naming the scheme and the user
//! (the scopes, for Bearer and DPoP). `--proxy` makes every protected
//! route answer as a proxy (407, `Proxy-Authenticate`,
//! `Proxy-Authorization`), except `/dpop`: DPoP is for origin servers only
//! (RFC 9449 §7.1), so `/dpop` answers as the origin would, 401 with
//! `WWW-Authenticate`.

use std::net::SocketAddr;

use auth_headers::server::BasicUsers;
use auth_headers_tower::digest::DigestConfig;
use auth_headers_tower::{
    AuthConfig, AuthConfigBuilder, AuthLayer, Credentials, Denial, Identity, Scheme,
};
use axum::routing::get;
use axum::Router;
use zeroize::Zeroizing;

const REALM: &str = "authserve";
const BASIC_USERS: BasicUsers<'static> =
    BasicUsers::new(&[("alice", "wonderland"), ("jürgen", "pässwörd€")]);
const DIGEST_USERS: &[(&str, &str)] = &[("Mufasa", "Circle of Life"), ("jürgen", "pässwörd€")];
const DPOP_TOKENS: &[(&str, &str)] = &[("dpop-token", "files:read")];
const TOKENS: &[(&str, Result<&str, &str>)] = &[
    ("read-token", Ok("files:read")),
    ("write-token", Ok("files:read files:write")),
    ("expired-token", Err("The access token expired")),
];

/// The application's check: constant-time lookups in the tables above.
async fn validate(credentials: Credentials) -> Result<Identity, Denial> {
    match credentials {
        Credentials::Bearer(token) => match token.find_in(TOKENS) {
            Some(Ok(scopes)) => Ok(Identity::new("bearer-client").with_scopes(scopes)),
            Some(Err(why)) => Err(Denial::invalid(*why)),
            None => Err(Denial::invalid_silent()),
        },
        Credentials::Basic(login) => match login.find_in(&BASIC_USERS) {
            Some(user) => Ok(Identity::new(user)),
            None => Err(Denial::invalid_silent()),
        },
        // The layer verified the Digest response with the password below.
        Credentials::Digest { user } => Ok(Identity::new(user)),
        // The layer checked the proof's shape only. A real server verifies
        // it here (signature, typ, alg, jti, htm, htu, iat, ath, and the
        // token's cnf.jkt: see `DpopCredentials`); this demo accepts any
        // well-formed proof.
        Credentials::Dpop(d) => match d.access_token().find_in(DPOP_TOKENS) {
            Some(scopes) => Ok(Identity::new("dpop-client").with_scopes(scopes)),
            None => Err(Denial::invalid_silent()),
        },
        _ => Err(Denial::invalid_silent()),
    }
}

fn digest_password(user: &str) -> Option<Zeroizing<Vec<u8>>> {
    DIGEST_USERS
        .iter()
        .find(|(u, _)| *u == user)
        .map(|(_, p)| Zeroizing::new(p.as_bytes().to_vec()))
}

/// One line of JSON: the scheme and the user, or the scopes for Bearer
/// and DPoP.
async fn whoami(id: Identity) -> ([(&'static str, &'static str); 1], String) {
    let body = match id.scheme() {
        s @ (Scheme::Bearer | Scheme::Dpop) => {
            let scopes: Vec<String> = id.scopes().iter().map(|s| json(s)).collect();
            format!(r#"{{"scheme":"{s}","scopes":[{}]}}"#, scopes.join(","))
        }
        s => format!(r#"{{"scheme":"{s}","user":{}}}"#, json(id.subject())),
    };
    ([("content-type", "application/json")], body + "\n")
}

/// A JSON string.
fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out + "\""
}

fn layer(
    schemes: &[Scheme],
    metadata: &str,
    key: &[u8],
    proxy: bool,
) -> Result<AuthLayer, auth_headers_tower::ConfigError> {
    let mut b: AuthConfigBuilder = AuthConfig::builder(REALM, validate);
    for s in schemes {
        b = match s {
            Scheme::Bearer => b.bearer().resource_metadata(metadata),
            Scheme::Basic => b.basic(),
            Scheme::Digest => b.digest(DigestConfig::new(key.to_vec(), digest_password)),
            Scheme::Dpop => b.dpop(&["ES256", "PS256"]),
            _ => b,
        };
    }
    if proxy {
        b = b.proxy();
    }
    Ok(AuthLayer::new(b.build()?))
}

fn usage() -> ! {
    eprintln!("usage: authserve --listen ADDR:PORT [--proxy]");
    std::process::exit(2)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut listen: Option<SocketAddr> = None;
    let mut proxy = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--listen" => listen = args.next().and_then(|v| v.parse().ok()),
            "--proxy" => proxy = true,
            _ => usage(),
        }
    }
    let Some(listen) = listen else { usage() };
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}");
    let metadata = format!("{base}/.well-known/oauth-protected-resource");

    // One nonce key for every Digest route (a fleet would share it by
    // configuration).
    let mut key = Zeroizing::new([0u8; 32]);
    getrandom::fill(&mut key[..]).map_err(|e| format!("random source: {e}"))?;

    let basic = layer(&[Scheme::Basic], &metadata, &key[..], proxy)?;
    let bearer = layer(&[Scheme::Bearer], &metadata, &key[..], proxy)?;
    let digest = layer(&[Scheme::Digest], &metadata, &key[..], proxy)?;
    let any = layer(
        &[Scheme::Bearer, Scheme::Digest, Scheme::Basic],
        &metadata,
        &key[..],
        proxy,
    )?;
    // Origin only, even under --proxy (RFC 9449 §7.1).
    let dpop = layer(&[Scheme::Dpop], &metadata, &key[..], false)?;
    let document = format!(
        concat!(
            r#"{{"resource":{},"authorization_servers":["https://authorization-server.invalid"],"#,
            r#""scopes_supported":["files:read","files:write"],"bearer_methods_supported":["header"]}}"#,
            "\n"
        ),
        json(&base)
    );

    let app = Router::new()
        .route("/basic", get(whoami).layer(basic))
        .route("/bearer", get(whoami).layer(bearer.clone()))
        .route(
            "/bearer/write",
            get(whoami).layer(bearer.require_scope("files:write")),
        )
        .route("/digest", get(whoami).layer(digest))
        .route("/any", get(whoami).layer(any))
        .route("/dpop", get(whoami).layer(dpop))
        .route(
            "/.well-known/oauth-protected-resource",
            get(move || async move { ([("content-type", "application/json")], document) }),
        );

    println!("listening on {base}");
    axum::serve(listener, app).await?;
    Ok(())
}
