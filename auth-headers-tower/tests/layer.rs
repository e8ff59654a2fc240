//! The layer answering requests as RFC 9110 §11, RFC 6750 §3.1, RFC 9449,
//! RFC 7617 and RFC 7616 say (issue 18), driven with `tower::ServiceExt::oneshot`.
//! Every 401, 403 and 407 it writes passes the core's linter with no
//! warning.

use std::convert::Infallible;

use auth_headers::lint::{lint, Severity};
use auth_headers::parse_challenges;
use auth_headers::schemes::digest::{Algorithm, ChallengeOutcome, DigestClient, DigestServer};
use auth_headers::server::BasicUsers;
use auth_headers_testkit::DPOP_PROOF as PROOF;
use auth_headers_tower::digest::{DigestConfig, MemoryReplayStore};
use auth_headers_tower::{
    AuthConfig, AuthLayer, Credentials, Denial, Identity, Scheme, SyncValidator,
};
use http::{Request, Response, StatusCode};
use proptest::prelude::*;
use tower::{service_fn, Service, ServiceExt};
use zeroize::Zeroizing;

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
const META: &str = "http://127.0.0.1/.well-known/oauth-protected-resource";
const USERS: BasicUsers<'static> =
    BasicUsers::new(&[("alice", "wonderland"), ("jürgen", "pässwörd€")]);
const TOKENS: &[(&str, &str)] = &[
    ("read-token", "files:read"),
    ("write-token", "files:read files:write"),
];

/// The tests' validator, answered at once (a [`SyncValidator`]) or as an
/// async function ([`validate`]): the layer answers both alike.
fn check(c: Credentials) -> Result<Identity, Denial> {
    match c {
        Credentials::Bearer(t) if t.matches("expired-token") => {
            Err(Denial::invalid("The access token expired"))
        }
        Credentials::Bearer(t) if t.matches("db-down") => Err(Denial::internal("db down")),
        Credentials::Bearer(t) if t.matches("bad-text") => {
            Err(Denial::invalid("line one\nline \"two\" \u{2014} done"))
        }
        Credentials::Bearer(t) => match t.find_in(TOKENS) {
            Some(s) => Ok(Identity::new("client").with_scopes(s)),
            None => Err(Denial::invalid_silent()),
        },
        Credentials::Basic(login) => match login.find_in(&USERS) {
            Some("jürgen") => Err(Denial::insufficient_scope("admin")),
            Some(u) => Ok(Identity::new(u)),
            None => Err(Denial::invalid_silent()),
        },
        Credentials::Digest { user } => Ok(Identity::new(user)),
        Credentials::Dpop(d) => {
            let t = d.access_token();
            // What a real validator checks htm, htu and the proof against.
            let seen = d.method() == http::Method::GET
                && d.proof() == PROOF
                && d.proof_segments().join(".") == PROOF
                && d.proof_segments().to_vec() == PROOF.split('.').collect::<Vec<_>>()
                && PROOF.rsplit_once('.').map(|(input, _)| input) == Some(d.signing_input());
            if t.matches("dpop-token") && seen {
                Ok(Identity::new(d.htu("https://api.example/")).with_scopes("files:read"))
            } else if t.matches("bad-proof") {
                Err(Denial::invalid_dpop_proof("DPoP proof signature invalid"))
            } else if t.matches("need-nonce") {
                Err(Denial::use_dpop_nonce("eyJ7S_zG.eyJH0-Z.HX4w-7v"))
            } else if t.matches("bad-nonce") {
                Err(Denial::use_dpop_nonce("two words"))
            } else {
                Err(Denial::invalid("Invalid DPoP key binding"))
            }
        }
        _ => Err(Denial::invalid_silent()),
    }
}

async fn validate(c: Credentials) -> Result<Identity, Denial> {
    check(c)
}

fn digest_passwords(user: &str) -> Option<Zeroizing<Vec<u8>>> {
    let p = match user {
        "Mufasa" => "Circle of Life",
        "jürgen" => "pässwörd€",
        _ => return None,
    };
    Some(Zeroizing::new(p.as_bytes().to_vec()))
}

fn config(schemes: &[Scheme], proxy: bool, joined: bool) -> AuthConfig {
    config_with(schemes, proxy, joined, false)
}

/// As [`config`]; `sync` validates with a [`SyncValidator`] (whose
/// verdict is ready, so that the layer calls the inner service without a
/// boxed future) in place of the async function.
fn config_with(schemes: &[Scheme], proxy: bool, joined: bool, sync: bool) -> AuthConfig {
    let mut b = match sync {
        true => AuthConfig::builder("authserve", SyncValidator(check)),
        false => AuthConfig::builder("authserve", validate),
    }
    .resource_metadata(META);
    for s in schemes {
        b = match s {
            Scheme::Bearer => b.bearer(),
            Scheme::Basic => b.basic(),
            Scheme::Digest => b.digest(
                DigestConfig::new(KEY, digest_passwords).replay_store(MemoryReplayStore::new(64)),
            ),
            Scheme::Dpop => b.dpop(&["ES256", "PS256"]),
            _ => b,
        };
    }
    if proxy {
        b = b.proxy();
    }
    if joined {
        b = b.joined_challenges();
    }
    b.build().unwrap()
}

const ALL: &[Scheme] = &[Scheme::Basic, Scheme::Digest, Scheme::Bearer];

/// What the inner service saw: the identity, as `scheme subject scopes`.
async fn call(layer: &AuthLayer, req: Request<String>) -> Response<String> {
    let inner = service_fn(|req: Request<String>| async move {
        let id = req.extensions().get::<Identity>().cloned();
        let body = match id {
            Some(id) => format!("{} {} {}", id.scheme(), id.subject(), id.scopes().join(" ")),
            None => "no identity".into(),
        };
        Ok::<_, Infallible>(Response::new(body))
    });
    layer.layer_service(inner).oneshot(req).await.unwrap()
}

trait LayerExt {
    fn layer_service<S>(&self, s: S) -> auth_headers_tower::AuthService<S>;
}
impl LayerExt for AuthLayer {
    fn layer_service<S>(&self, s: S) -> auth_headers_tower::AuthService<S> {
        tower_layer::Layer::layer(self, s)
    }
}

fn get(field: &str, values: &[&[u8]]) -> Request<String> {
    let lines: Vec<(&str, &[u8])> = values.iter().map(|v| (field, *v)).collect();
    request(&lines)
}

/// `GET /any` with these header lines, in order.
fn request(lines: &[(&str, &[u8])]) -> Request<String> {
    let mut b = Request::get("/any");
    for (n, v) in lines {
        b = b.header(*n, *v);
    }
    b.body(String::new()).unwrap()
}

/// The challenge lines of `r`. Each line parses strictly and gives the
/// linter no error; the field as a whole (its lines joined with `, `, which
/// is what several lines mean, RFC 9110 §5.3) gives it no warning either:
/// the linter's scheme-wide findings, such as an MD5-only Digest offer, are
/// about the whole offer, not one line of it.
fn challenges(r: &Response<String>, field: &str) -> Vec<String> {
    let lines: Vec<String> = r
        .headers()
        .get_all(field)
        .iter()
        .map(|v| {
            let f = lint(field, v.as_bytes());
            assert!(
                f.iter().all(|f| f.severity != Severity::Error),
                "{v:?}: {f:?}"
            );
            parse_challenges(v.as_bytes()).unwrap().validate().unwrap();
            v.to_str().unwrap().to_owned()
        })
        .collect();
    if !lines.is_empty() {
        let whole = lines.join(", ");
        let f = lint(field, &whole);
        assert!(
            f.iter().all(|f| f.severity == Severity::Info),
            "{whole:?}: {f:?}"
        );
    }
    lines
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

// RFC 9110 §15.5.2 / RFC 6750 §3.1: no credentials, one challenge per
// scheme, strongest first, one line each, no error code.
#[test]
fn no_credentials_offers_every_scheme_strongest_first() {
    rt().block_on(async {
        let layer = AuthLayer::new(config(ALL, false, false));
        let r = call(&layer, get("x-other", &[])).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let lines = challenges(&r, "www-authenticate");
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(
            lines[0],
            format!(r#"Bearer realm="authserve", resource_metadata="{META}""#)
        );
        assert!(
            lines[1]
                .starts_with(r#"Digest realm="authserve", qop="auth", algorithm=SHA-256, nonce=""#),
            "{}",
            lines[1]
        );
        assert!(lines[1].ends_with("charset=UTF-8"), "{}", lines[1]);
        assert!(lines[2].contains("algorithm=MD5"));
        assert_eq!(lines[3], r#"Basic realm="authserve", charset="UTF-8""#);
        assert_eq!(r.body(), "");

        // Joined on request: one line, the same challenges.
        let layer = AuthLayer::new(config(ALL, false, true));
        let r = call(&layer, get("authorization", &[b"Negotiate abc"])).await;
        let lines = challenges(&r, "www-authenticate");
        assert_eq!(lines.len(), 1);
        assert_eq!(
            parse_challenges(lines[0].as_bytes())
                .unwrap()
                .iter()
                .count(),
            4
        );
    });
}

// RFC 6750 §2.1, §3.1; RFC 9110 §11.1 (case-insensitive scheme), §11.4 (1*SP).
#[test]
fn bearer_requests() {
    rt().block_on(async {
        let layer = AuthLayer::new(config(&[Scheme::Bearer], false, false));
        let ok = |v: &'static str, body: &'static str| {
            let layer = layer.clone();
            async move {
                let r = call(&layer, get("authorization", &[v.as_bytes()])).await;
                assert_eq!(r.status(), 200, "{v}");
                assert_eq!(r.body(), body, "{v}");
            }
        };
        ok("Bearer read-token", "Bearer client files:read").await;
        ok("bearer read-token", "Bearer client files:read").await;
        ok("BEARER  write-token", "Bearer client files:read files:write").await;

        let refused = |v: &'static [u8]| {
            let layer = layer.clone();
            async move {
                let r = call(&layer, get("authorization", &[v])).await;
                (r.status().as_u16(), challenges(&r, "www-authenticate"))
            }
        };
        let (s, c) = refused(b"Bearer other-token").await;
        assert_eq!((s, c), (401, vec![format!(r#"Bearer realm="authserve", error="invalid_token", resource_metadata="{META}""#)]));
        let (s, c) = refused(b"Bearer expired-token").await;
        assert_eq!((s, c), (401, vec![format!(r#"Bearer realm="authserve", error="invalid_token", error_description="The access token expired", resource_metadata="{META}""#)]));
        // A description with a newline, quotes and non-ASCII: the lossy form.
        let (s, c) = refused(b"Bearer bad-text").await;
        assert_eq!((s, c), (401, vec![format!(r#"Bearer realm="authserve", error="invalid_token", error_description="line one line 'two' ? done", resource_metadata="{META}""#)]));
        for (v, why) in [
            (&b"Bearer: x"[..], "':' after the auth-scheme"),
            (b"Bearer read token", ""),
            (b"Bearerx", ""),
            (b"Bearer", ""),
        ] {
            let (s, c) = refused(v).await;
            assert_eq!(s, 400, "{v:?}");
            assert_eq!(c.len(), 1);
            assert!(c[0].starts_with(r#"Bearer realm="authserve", error="invalid_request", error_description=""#), "{c:?}");
            assert!(c[0].contains(why), "{c:?}");
        }
        // RFC 9110 §11.6.2: one credentials.
        let r = call(&layer, get("authorization", &[b"Bearer read-token", b"Bearer read-token"])).await;
        assert_eq!(r.status(), 400);
        assert!(challenges(&r, "www-authenticate")[0].contains("one credentials"));
        // An internal failure is 500, never 401 (tower-http PR #118).
        let r = call(&layer, get("authorization", &[b"Bearer db-down"])).await;
        assert_eq!(r.status(), 500);
        assert!(r.headers().get("www-authenticate").is_none());
    });
}

// RFC 6750 §3.1 and RFC 9728 §5.1: the step-up 403.
#[test]
fn scope_requirement_is_403_insufficient_scope() {
    rt().block_on(async {
        let layer = AuthLayer::new(config(ALL, false, false)).require_scope("files:write");
        let r = call(&layer, get("authorization", &[b"Bearer read-token"])).await;
        assert_eq!(r.status(), 403);
        assert_eq!(
            challenges(&r, "www-authenticate"),
            [format!(r#"Bearer realm="authserve", error="insufficient_scope", scope="files:write", resource_metadata="{META}""#)]
        );
        let r = call(&layer, get("authorization", &[b"Bearer write-token"])).await;
        assert_eq!(r.status(), 200);
        // Basic has no scopes: 403 without a challenge (RFC 9110 §15.5.4).
        let r = call(&layer, get("authorization", &[b"Basic YWxpY2U6d29uZGVybGFuZA=="])).await;
        assert_eq!(r.status(), 403);
        assert!(r.headers().get("www-authenticate").is_none());
    });
}

// RFC 7617 §2, §2.1.
#[test]
fn basic_requests() {
    rt().block_on(async {
        let layer = AuthLayer::new(config(&[Scheme::Basic, Scheme::Bearer], false, false));
        let basic = |s: &str| {
            use base64::Engine as _;
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(s)
            )
        };
        let r = call(
            &layer,
            get("authorization", &[basic("alice:wonderland").as_bytes()]),
        )
        .await;
        assert_eq!(
            (r.status().as_u16(), r.body().as_str()),
            (200, "Basic alice ")
        );
        // jürgen is known but the validator denies a scope: 403, no challenge.
        let r = call(
            &layer,
            get("authorization", &[basic("jürgen:pässwörd€").as_bytes()]),
        )
        .await;
        assert_eq!(r.status(), 403);
        assert!(r.headers().get("www-authenticate").is_none());
        for v in [
            basic("alice:wonder"),
            basic("alice"),
            "Basic a-b_".to_owned(),
            "basic !!".to_owned(),
            // ISO-8859-1 after charset="UTF-8".
            "Basic anxyZ2VuOnA=".to_owned(),
        ] {
            let r = call(&layer, get("authorization", &[v.as_bytes()])).await;
            assert_eq!(r.status(), 401, "{v}");
            assert_eq!(
                challenges(&r, "www-authenticate"),
                [
                    format!(r#"Bearer realm="authserve", resource_metadata="{META}""#),
                    r#"Basic realm="authserve", charset="UTF-8""#.to_owned()
                ],
                "{v}"
            );
        }
        // A second line after a Basic one: 401 with the challenges.
        let v = basic("alice:wonderland");
        let r = call(&layer, get("authorization", &[v.as_bytes(), v.as_bytes()])).await;
        assert_eq!(r.status(), 401);
    });
}

// RFC 7617 §2: the user-id ends at the first colon, the password may hold
// more; the validator receives exactly the decoded bytes, whatever the
// base64 padding (a padded token decodes to fewer bytes than its length
// allows).
#[test]
fn basic_login_holds_the_decoded_user_and_password() {
    use base64::Engine as _;
    let echo = SyncValidator(|c: Credentials| match c {
        Credentials::Basic(login) => {
            let user = login.user().unwrap_or("?").to_owned();
            let password = String::from_utf8_lossy(login.password()).into_owned();
            Ok(Identity::new(user).with_scopes(&password))
        }
        _ => Err(Denial::invalid_silent()),
    });
    let layer = AuthLayer::new(AuthConfig::builder("r", echo).basic().build().unwrap());
    rt().block_on(async {
        for (user_pass, want) in [
            ("u:p", "Basic u p"),
            ("u:pw", "Basic u pw"),
            ("u:pwd", "Basic u pwd"),
            ("jürgen:a:b€", "Basic jürgen a:b€"),
            (":", "Basic  "),
        ] {
            let v = format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(user_pass)
            );
            let r = call(&layer, get("authorization", &[v.as_bytes()])).await;
            assert_eq!(
                (r.status().as_u16(), r.body().as_str()),
                (200, want),
                "{user_pass}"
            );
        }
    });
}

// RFC 6750 §2.1 (`"Bearer" 1*SP b64token`) and RFC 9449 §7.1: the token the
// validator holds is exactly the token68 (its padding included), whatever
// the spacing and the scheme's case; it shares the header's bytes rather
// than a copy, so it must point at the right ones.
#[test]
fn bearer_and_dpop_tokens_are_exactly_the_token68() {
    let echo = SyncValidator(|c: Credentials| match c {
        Credentials::Bearer(t) => Ok(Identity::new(t.as_str().to_owned())
            .with_scopes(if t.matches("tok==") { "matched" } else { "" })),
        Credentials::Dpop(d) => Ok(Identity::new(d.access_token().as_str().to_owned())),
        _ => Err(Denial::invalid_silent()),
    });
    let layer = AuthLayer::new(
        AuthConfig::builder("r", echo)
            .bearer()
            .dpop(&["ES256"])
            .build()
            .unwrap(),
    );
    rt().block_on(async {
        for (value, want) in [
            ("Bearer tok==", "Bearer tok== matched"),
            ("bearer   tok==", "Bearer tok== matched"),
            ("BEARER t-._~+/9", "Bearer t-._~+/9 "),
            ("DPoP  dpop-tok", "DPoP dpop-tok "),
            ("dpop tok==", "DPoP tok== "),
        ] {
            let lines = [
                ("authorization", value.as_bytes()),
                ("dpop", PROOF.as_bytes()),
            ];
            let r = call(&layer, request(&lines)).await;
            assert_eq!(
                (r.status().as_u16(), r.body().as_str()),
                (200, want),
                "{value}"
            );
        }
    });
}

// RFC 9110 §11.7: the proxy form.
#[test]
fn proxy_mode() {
    rt().block_on(async {
        let layer = AuthLayer::new(config(ALL, true, false));
        // Authorization is for the origin server, not the proxy.
        let r = call(&layer, get("authorization", &[b"Bearer read-token"])).await;
        assert_eq!(r.status(), StatusCode::PROXY_AUTHENTICATION_REQUIRED);
        assert!(r.headers().get("www-authenticate").is_none());
        assert_eq!(challenges(&r, "proxy-authenticate").len(), 4);
        let r = call(&layer, get("proxy-authorization", &[b"Bearer read-token"])).await;
        assert_eq!(r.status(), 200);
        let r = call(&layer, get("proxy-authorization", &[b"Bearer nope"])).await;
        assert_eq!(r.status(), 407);
        assert!(challenges(&r, "proxy-authenticate")[0].contains("invalid_token"));
        let r = call(&layer, get("proxy-authorization", &[b"Bearer: x"])).await;
        assert_eq!(r.status(), 400);
        assert!(challenges(&r, "proxy-authenticate")[0].contains("invalid_request"));
    });
}

/// Answers the Digest challenges of `r` for `user` / `password`.
fn digest_answer(
    r: &Response<String>,
    field: &str,
    client: &mut DigestClient<'_>,
    cnonce: &str,
) -> String {
    let lines: Vec<_> = r.headers().get_all(field).iter().collect();
    let all: Vec<_> = lines
        .iter()
        .flat_map(|v| {
            parse_challenges(v.as_bytes())
                .unwrap()
                .iter()
                .collect::<Vec<_>>()
        })
        .collect();
    client.respond_to(all).unwrap();
    answer(client, cnonce).0
}

/// The client's next `Authorization` value for `GET /any`.
fn answer<'c>(
    client: &mut DigestClient<'_>,
    cnonce: &'c str,
) -> (String, auth_headers::schemes::digest::Answer<'c>) {
    let mut out = String::new();
    let a = client
        .authorization("GET", "/any", None, cnonce, &mut out)
        .unwrap();
    (out, a)
}

// RFC 7616 §3.3–§3.5: the exchange, Authentication-Info, replay, stale.
#[test]
fn digest_requests() {
    rt().block_on(async {
        for proxy in [false, true] {
            let (challenge, creds, info) = if proxy {
                (
                    "proxy-authenticate",
                    "proxy-authorization",
                    "proxy-authentication-info",
                )
            } else {
                ("www-authenticate", "authorization", "authentication-info")
            };
            let layer = AuthLayer::new(config(ALL, proxy, false));
            let first = call(&layer, get(creds, &[])).await;
            for (user, password) in [("Mufasa", "Circle of Life"), ("jürgen", "pässwörd€")] {
                let mut client = DigestClient::new(user, password);
                digest_answer(&first, challenge, &mut client, "0a4f113b");
                // A fresh client state: answer again, keeping the Answer.
                let mut client = DigestClient::new(user, password);
                let all: Vec<String> = first
                    .headers()
                    .get_all(challenge)
                    .iter()
                    .map(|v| v.to_str().unwrap().to_owned())
                    .collect();
                client
                    .respond_to(all.iter().flat_map(|l| {
                        parse_challenges(l.as_bytes())
                            .unwrap()
                            .iter()
                            .collect::<Vec<_>>()
                    }))
                    .unwrap();
                let (v, a) = answer(&mut client, "0a4f113b");
                assert_eq!(client.algorithm(), Some(Algorithm::Sha256));
                let r = call(&layer, get(creds, &[v.as_bytes()])).await;
                assert_eq!(r.status(), 200, "{user} {v}");
                assert_eq!(r.body(), &format!("Digest {user} "));
                let ai = r.headers()[info].to_str().unwrap();
                client.verify_authentication_info(&a, ai, None).unwrap();
                // The same nc again: a replay, refused with fresh challenges.
                let r = call(&layer, get(creds, &[v.as_bytes()])).await;
                assert_eq!(r.status().as_u16(), if proxy { 407 } else { 401 });
                assert_eq!(challenges(&r, challenge).len(), 4);
                // The next nc is accepted.
                let v = {
                    let mut out = String::new();
                    client
                        .authorization("GET", "/any", None, "0a4f113b", &mut out)
                        .unwrap();
                    out
                };
                assert_eq!(
                    call(&layer, get(creds, &[v.as_bytes()])).await.status(),
                    200
                );
            }
            // A wrong password: 401 without stale.
            let mut client = DigestClient::new("Mufasa", "wrong");
            let v = digest_answer(&first, challenge, &mut client, "c1");
            let r = call(&layer, get(creds, &[v.as_bytes()])).await;
            assert_eq!(r.status().as_u16(), if proxy { 407 } else { 401 });
            assert!(challenges(&r, challenge)
                .iter()
                .all(|c| !c.contains("stale")));
            // An unknown user: the same.
            let mut client = DigestClient::new("nobody", "x");
            let v = digest_answer(&first, challenge, &mut client, "c2");
            assert_eq!(
                call(&layer, get(creds, &[v.as_bytes()]))
                    .await
                    .status()
                    .as_u16(),
                if proxy { 407 } else { 401 }
            );
        }
        // An authentic nonce issued long ago: stale=true (RFC 7616 §3.3).
        let layer = AuthLayer::new(config(ALL, false, false));
        let old = DigestServer::new(KEY, "authserve")
            .unwrap()
            .nonce(1_000_000, [7; 8]);
        let challenge = format!(
            r#"Digest realm="authserve", qop="auth", algorithm=SHA-256, nonce="{}""#,
            old.as_str()
        );
        let mut client = DigestClient::new("Mufasa", "Circle of Life");
        client
            .respond_to(parse_challenges(&challenge).unwrap().iter())
            .unwrap();
        let mut v = String::new();
        client
            .authorization("GET", "/any", None, "abc", &mut v)
            .unwrap();
        let r = call(&layer, get("authorization", &[v.as_bytes()])).await;
        assert_eq!(r.status(), 401);
        let lines = challenges(&r, "www-authenticate");
        assert!(
            lines[1].contains("stale=true") && lines[2].contains("stale=true"),
            "{lines:?}"
        );
        assert!(!lines[0].contains("stale") && !lines[3].contains("stale"));
        let all: Vec<_> = lines
            .iter()
            .flat_map(|l| {
                parse_challenges(l.as_bytes())
                    .unwrap()
                    .iter()
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            client.respond_to(all).unwrap(),
            ChallengeOutcome::RetryStale
        );
        // Malformed Digest: 400.
        let r = call(&layer, get("authorization", &[b"Digest username=\"a\""])).await;
        assert_eq!(r.status(), 400);
    });
}

// A replay store full of live entries fails closed with 503 and no
// challenge, not 401: the retry would meet the same full store, and a 401
// would tell the user a right password is wrong (the `digest` module docs).
#[test]
fn digest_full_replay_store_is_503() {
    rt().block_on(async {
        let d = DigestConfig::new(KEY, digest_passwords).replay_store(MemoryReplayStore::new(0));
        let layer = AuthLayer::new(
            AuthConfig::builder("authserve", validate)
                .digest(d)
                .build()
                .unwrap(),
        );
        let first = call(&layer, get("authorization", &[])).await;
        let mut client = DigestClient::new("Mufasa", "Circle of Life");
        let v = digest_answer(&first, "www-authenticate", &mut client, "c0ffee");
        let r = call(&layer, get("authorization", &[v.as_bytes()])).await;
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(r.headers().get("www-authenticate").is_none());
        // A wrong password is still 401: verification comes first.
        let mut client = DigestClient::new("Mufasa", "wrong");
        let v = digest_answer(&first, "www-authenticate", &mut client, "c0ffee");
        assert_eq!(
            call(&layer, get("authorization", &[v.as_bytes()]))
                .await
                .status(),
            401
        );
    });
}

// The core refuses a nonce key under 32 bytes; so does the configuration.
#[test]
fn short_digest_key_is_refused_at_build() {
    let d = DigestConfig::new(&b"short"[..], digest_passwords);
    let e = AuthConfig::builder("r", validate)
        .digest(d)
        .build()
        .unwrap_err();
    assert!(
        matches!(e, auth_headers_tower::ConfigError::Digest(_)),
        "{e}"
    );
}

// A client that takes MD5 (the second challenge): accepted as well.
#[test]
fn digest_md5_answer() {
    rt().block_on(async {
        let layer = AuthLayer::new(config(&[Scheme::Digest], false, false));
        let first = call(&layer, get("authorization", &[])).await;
        let lines = challenges(&first, "www-authenticate");
        let md5 = lines.iter().find(|l| l.contains("algorithm=MD5")).unwrap();
        let mut client = DigestClient::new("Mufasa", "Circle of Life");
        client
            .respond_to(parse_challenges(md5).unwrap().iter())
            .unwrap();
        assert_eq!(client.algorithm(), Some(Algorithm::Md5));
        let (v, a) = answer(&mut client, "f00d");
        let r = call(&layer, get("authorization", &[v.as_bytes()])).await;
        assert_eq!(r.status(), 200);
        client
            .verify_authentication_info(&a, r.headers()["authentication-info"].as_bytes(), None)
            .unwrap();
    });
}

// SHA-512-256 only on request, and then strongest first.
#[test]
fn digest_sha512_256_on_request() {
    rt().block_on(async {
        let d = DigestConfig::new(KEY, digest_passwords).algorithms(&[
            Algorithm::Md5,
            Algorithm::Sha512_256,
            Algorithm::Sha256,
        ]);
        let layer = AuthLayer::new(
            AuthConfig::builder("r", validate)
                .digest(d)
                .build()
                .unwrap(),
        );
        let r = call(&layer, get("authorization", &[])).await;
        let lines = challenges(&r, "www-authenticate");
        let algs: Vec<_> = lines
            .iter()
            .map(|l| {
                l.split("algorithm=")
                    .nth(1)
                    .unwrap()
                    .split(',')
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(algs, ["SHA-512-256", "SHA-256", "MD5"]);
    });
}

// The extractor works without the layer, and refuses with the challenges.
#[test]
fn axum_extractor_without_the_layer() {
    use auth_headers_tower::Auth;
    use axum::{routing::get as route_get, Router};
    rt().block_on(async {
        let config = config(&[Scheme::Bearer, Scheme::Basic], false, false);
        let app: Router = Router::new()
            .route(
                "/me",
                route_get(|Auth(id): Auth| async move { id.subject().to_owned() }),
            )
            .with_state(config.clone());
        let send = |v: Option<&'static str>| {
            let app = app.clone();
            async move {
                let mut b = Request::get("/me");
                if let Some(v) = v {
                    b = b.header("authorization", v);
                }
                let r = app
                    .oneshot(b.body(axum::body::Body::empty()).unwrap())
                    .await
                    .unwrap();
                let status = r.status();
                let lines: Vec<String> = r
                    .headers()
                    .get_all("www-authenticate")
                    .iter()
                    .map(|v| v.to_str().unwrap().to_owned())
                    .collect();
                (status, lines)
            }
        };
        let (s, c) = send(None).await;
        assert_eq!(s, 401);
        assert_eq!(c.len(), 2);
        let (s, c) = send(Some("Bearer: x")).await;
        assert_eq!(s, 400);
        assert!(c[0].contains("invalid_request"));
        assert_eq!(send(Some("Bearer read-token")).await.0, 200);

        // `Identity` with the layer.
        let layer = AuthLayer::new(config);
        let app: Router = Router::new().route(
            "/me",
            route_get(|id: Identity| async move { id.subject().to_owned() }).layer(layer),
        );
        let r = app
            .clone()
            .oneshot(
                Request::get("/me")
                    .header("authorization", "bearer write-token")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        // Without any layer or config: a misconfigured route, 500.
        let bare: Router = Router::new().route(
            "/me",
            route_get(|id: Identity| async move { id.subject().to_owned() }),
        );
        let r = bare
            .oneshot(Request::get("/me").body(axum::body::Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(r.status(), 500);
    });
}

/// Status and challenge lines of one request to `layer`.
async fn answer_of(layer: &AuthLayer, lines: &[(&str, &[u8])]) -> (u16, Vec<String>) {
    let r = call(layer, request(lines)).await;
    (r.status().as_u16(), challenges(&r, "www-authenticate"))
}

const DPOP_OFFER: &str = r#"DPoP realm="authserve", algs="ES256 PS256""#;

/// `DPoP realm="authserve", algs="ES256 PS256"[, rest], resource_metadata="…"`.
fn dpop_line(rest: &str) -> String {
    match rest {
        "" => format!(r#"{DPOP_OFFER}, resource_metadata="{META}""#),
        r => format!(r#"{DPOP_OFFER}, {r}, resource_metadata="{META}""#),
    }
}

/// `Bearer realm="authserve"[, rest], resource_metadata="…"`.
fn bearer_line(rest: &str) -> String {
    match rest {
        "" => format!(r#"Bearer realm="authserve", resource_metadata="{META}""#),
        r => format!(r#"Bearer realm="authserve", {r}, resource_metadata="{META}""#),
    }
}

// RFC 9449 §7.1 (scheme, challenge, invalid_dpop_proof), §4.3 check 1
// (one DPoP header), §9 (use_dpop_nonce with DPoP-Nonce), RFC 6750 §3.1
// (the shared codes and statuses), with DPoP offered alone.
#[test]
fn dpop_requests() {
    rt().block_on(async {
        let layer = AuthLayer::new(config(&[Scheme::Dpop], false, false));
        let auth = |t: &str| format!("DPoP {t}");
        let ok = auth("dpop-token");
        let with_proof = |a: &str| -> Vec<(String, Vec<u8>)> {
            vec![
                ("authorization".into(), a.as_bytes().to_vec()),
                ("dpop".into(), PROOF.as_bytes().to_vec()),
            ]
        };
        let send = |lines: Vec<(String, Vec<u8>)>| {
            let layer = layer.clone();
            async move {
                let l: Vec<(&str, &[u8])> =
                    lines.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
                answer_of(&layer, &l).await
            }
        };

        // Figure 15: no credentials, the plain offer.
        assert_eq!(send(vec![]).await, (401, vec![dpop_line("")]));
        // Accepted: the validator saw the method, the proof and the target.
        for a in [ok.clone(), "dpop dpop-token".into(), "DPOP  dpop-token".into()] {
            let r = call(&layer, request(&[("authorization", a.as_bytes()), ("dpop", PROOF.as_bytes())])).await;
            assert_eq!(r.status(), 200, "{a}");
            assert_eq!(r.body(), "DPoP https://api.example/any files:read");
        }
        // §7.1: a DPoP request without its proof, with two (§4.3 check 1),
        // or with one that is not a JWS: invalid_dpop_proof.
        let proof_error = |d: &str| {
            dpop_line(&format!(r#"error="invalid_dpop_proof", error_description="{d}""#))
        };
        assert_eq!(
            send(vec![("authorization".into(), ok.clone().into_bytes())]).await,
            (401, vec![proof_error("no DPoP header: a DPoP-bound access token comes with a DPoP proof (RFC 9449 7.1)")])
        );
        let mut two = with_proof(&ok);
        two.push(("dpop".into(), PROOF.as_bytes().to_vec()));
        assert_eq!(
            send(two).await,
            (401, vec![proof_error("more than one DPoP header: a request carries one DPoP proof (RFC 9449 4.3)")])
        );
        for bad in ["eyJ0.eyJx", "eyJ0.eyJx.c2ln.x", "eyJ0..c2ln", "eyJ0.eyJx.c2ln=="] {
            let lines = vec![
                ("authorization".into(), ok.clone().into_bytes()),
                ("dpop".into(), bad.as_bytes().to_vec()),
            ];
            assert_eq!(
                send(lines).await,
                (401, vec![proof_error("the DPoP header is not a JWS in compact serialization: three base64url segments (RFC 9449 4.2)")]),
                "{bad}"
            );
        }
        // The validator's refusals: the proof (§7.1), a nonce (§9), the
        // token's key binding (Figure 16).
        assert_eq!(
            send(with_proof(&auth("bad-proof"))).await,
            (401, vec![proof_error("DPoP proof signature invalid")])
        );
        let r = call(&layer, request(&[("authorization", auth("need-nonce").as_bytes()), ("dpop", PROOF.as_bytes())])).await;
        assert_eq!(r.status(), 401);
        assert_eq!(
            challenges(&r, "www-authenticate"),
            [dpop_line(r#"error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#)]
        );
        let nonces: Vec<_> = r.headers().get_all("dpop-nonce").iter().collect();
        assert_eq!(nonces, ["eyJ7S_zG.eyJH0-Z.HX4w-7v"], "RFC 9449 §8: one DPoP-Nonce");
        // A nonce outside 1*NQCHAR (§8.1) is the application's bug: 500.
        let r = call(&layer, request(&[("authorization", auth("bad-nonce").as_bytes()), ("dpop", PROOF.as_bytes())])).await;
        assert_eq!(r.status(), 500);
        assert!(r.headers().is_empty(), "{:?}", r.headers());
        assert_eq!(
            send(with_proof(&auth("other-token"))).await,
            (401, vec![dpop_line(r#"error="invalid_token", error_description="Invalid DPoP key binding""#)])
        );
        // A malformed DPoP value: 400 invalid_request, as for Bearer
        // (RFC 9449 §7.1 takes RFC 6750 §3.1's codes).
        let (s, c) = send(with_proof("DPoP: x")).await;
        assert_eq!(s, 400);
        assert_eq!(c.len(), 1);
        assert!(
            c[0].starts_with(&format!(r#"{DPOP_OFFER}, error="invalid_request", error_description="':' after the auth-scheme"#)),
            "{c:?}"
        );
        // RFC 9110 §11.6.2: one credentials.
        let mut two = with_proof(&ok);
        two.push(("authorization".into(), ok.clone().into_bytes()));
        let (s, c) = send(two).await;
        assert_eq!(s, 400);
        assert_eq!(c.len(), 1);
        assert!(c[0].contains(r#"error="invalid_request""#) && c[0].contains("one credentials"), "{c:?}");
        // A Bearer request where only DPoP is offered: a scheme not
        // offered, the plain offer (RFC 6750 §3.1, RFC 9449 §7.2).
        assert_eq!(send(with_proof("Bearer read-token")).await, (401, vec![dpop_line("")]));
        // A proof without a DPoP token is no credentials.
        assert_eq!(
            send(vec![("dpop".into(), PROOF.as_bytes().to_vec())]).await,
            (401, vec![dpop_line("")])
        );

        // The step-up 403 (RFC 6750 §3.1, RFC 9449 §7.1).
        let layer = AuthLayer::new(config(&[Scheme::Dpop], false, false)).require_scope("files:write");
        let r = call(&layer, request(&[("authorization", ok.as_bytes()), ("dpop", PROOF.as_bytes())])).await;
        assert_eq!(r.status(), 403);
        assert_eq!(
            challenges(&r, "www-authenticate"),
            [dpop_line(r#"error="insufficient_scope", scope="files:write""#)]
        );
    });
}

// RFC 9449 §7.2: Bearer and DPoP on one resource. No credentials: both
// challenges without error (Figure 17), DPoP first; a refusal: the error in
// the challenge of the scheme used (Figure 18); two lines: both carry it
// (Figure 19); a DPoP-bound token sent as Bearer is the validator's to
// refuse ("MUST reject").
#[test]
fn dpop_and_bearer_together() {
    rt().block_on(async {
        let layer = AuthLayer::new(config(&[Scheme::Basic, Scheme::Bearer, Scheme::Dpop], false, false));
        let basic = r#"Basic realm="authserve", charset="UTF-8""#.to_owned();
        let dpop_ok: &[(&str, &[u8])] = &[("authorization", b"DPoP dpop-token"), ("dpop", PROOF.as_bytes())];
        assert_eq!(
            answer_of(&layer, &[]).await,
            (401, vec![dpop_line(""), bearer_line(""), basic.clone()])
        );
        assert_eq!(call(&layer, request(dpop_ok)).await.status(), 200);
        assert_eq!(call(&layer, get("authorization", &[b"Bearer read-token"])).await.status(), 200);
        assert_eq!(
            answer_of(&layer, &[("authorization", b"Bearer nope")]).await,
            (401, vec![dpop_line(""), bearer_line(r#"error="invalid_token""#), basic.clone()])
        );
        assert_eq!(
            answer_of(&layer, &[("authorization", b"DPoP nope"), ("dpop", PROOF.as_bytes())]).await,
            (
                401,
                vec![
                    dpop_line(r#"error="invalid_token", error_description="Invalid DPoP key binding""#),
                    bearer_line(""),
                    basic.clone()
                ]
            )
        );
        // The DPoP-bound token of the validator, sent as a bearer token.
        assert_eq!(
            answer_of(&layer, &[("authorization", b"Bearer dpop-token")]).await,
            (401, vec![dpop_line(""), bearer_line(r#"error="invalid_token""#), basic.clone()])
        );
        // No proof: DPoP's challenge carries the error, the others none.
        let (s, c) = answer_of(&layer, &[("authorization", b"DPoP dpop-token")]).await;
        assert_eq!((s, c.len()), (401, 3));
        assert!(c[0].contains(r#"error="invalid_dpop_proof""#), "{c:?}");
        assert_eq!(c[1..], [bearer_line(""), basic.clone()]);
        // Figure 19: Bearer and DPoP lines at once.
        let (s, c) = answer_of(
            &layer,
            &[("authorization", b"Bearer dpop-token"), ("authorization", b"DPoP dpop-token"), ("dpop", PROOF.as_bytes())],
        )
        .await;
        let why = r#"error="invalid_request", error_description="more than one credentials header line: a request carries one credentials (RFC 9110 11.6.2)""#;
        assert_eq!((s, c), (400, vec![dpop_line(why), bearer_line(why)]));

        // Two Basic lines stay Basic's to answer: 401, no OAuth error.
        let b: &[u8] = b"Basic YWxpY2U6d29uZGVybGFuZA==";
        assert_eq!(
            answer_of(&layer, &[("authorization", b), ("authorization", b)]).await,
            (401, vec![dpop_line(""), bearer_line(""), basic.clone()])
        );

        // A DPoP request where only Bearer is offered: a scheme not offered,
        // answered with the plain Bearer challenge, after which a client may
        // send its token as a bearer token (RFC 9449 §7.2 ¶3).
        let bearer_only = AuthLayer::new(config(&[Scheme::Bearer], false, false));
        assert_eq!(answer_of(&bearer_only, dpop_ok).await, (401, vec![bearer_line("")]));

        // Joined on request: one line, DPoP first, lint-clean.
        let joined = AuthLayer::new(config(&[Scheme::Bearer, Scheme::Dpop], false, true));
        let (s, c) = answer_of(&joined, &[]).await;
        assert_eq!((s, c), (401, vec![format!("{}, {}", dpop_line(""), bearer_line(""))]));
    });
}

// RFC 9449 §7.1: DPoP "MUST NOT be used with the Proxy-Authenticate or
// Proxy-Authorization header fields". A proxy configuration offering it is
// refused; a proxy answers a DPoP request as one of a scheme not offered.
#[test]
fn dpop_is_not_for_proxies() {
    let e = AuthConfig::builder("authserve", validate)
        .dpop(&["ES256"])
        .bearer()
        .proxy()
        .build()
        .unwrap_err();
    assert!(
        matches!(e, auth_headers_tower::ConfigError::DpopProxy),
        "{e}"
    );
    rt().block_on(async {
        let layer = AuthLayer::new(config(&[Scheme::Bearer], true, false));
        let r = call(
            &layer,
            request(&[
                ("proxy-authorization", b"DPoP dpop-token"),
                ("dpop", PROOF.as_bytes()),
            ]),
        )
        .await;
        assert_eq!(r.status(), 407);
        assert!(r.headers().get("www-authenticate").is_none());
        assert_eq!(challenges(&r, "proxy-authenticate"), [bearer_line("")]);
        // A DPoP `Authorization` is for the origin, not the proxy: 407.
        let r = call(
            &layer,
            request(&[
                ("authorization", b"DPoP dpop-token"),
                ("dpop", PROOF.as_bytes()),
            ]),
        )
        .await;
        assert_eq!(r.status(), 407);
        assert_eq!(challenges(&r, "proxy-authenticate"), [bearer_line("")]);
    });
}

// The DPoP `algs` are written as configured, and one that cannot be
// written (RFC 6750 §3 characters) is refused when the layer is built.
#[test]
fn dpop_algs_configuration() {
    rt().block_on(async {
        let layer = AuthLayer::new(
            AuthConfig::builder("r", validate)
                .dpop(&["EdDSA"])
                .build()
                .unwrap(),
        );
        assert_eq!(
            answer_of(&layer, &[]).await,
            (401, vec![r#"DPoP realm="r", algs="EdDSA""#.into()])
        );
        let layer = AuthLayer::new(
            AuthConfig::builder("r", validate)
                .dpop(&[])
                .build()
                .unwrap(),
        );
        assert_eq!(
            answer_of(&layer, &[]).await,
            (401, vec![r#"DPoP realm="r""#.into()])
        );
    });
    let e = AuthConfig::builder("r", validate)
        .dpop(&["ES\"256"])
        .build()
        .unwrap_err();
    assert!(
        matches!(e, auth_headers_tower::ConfigError::Unwritable(_)),
        "{e}"
    );
}

/// The whole response, for comparing two layers' answers.
fn whole(r: &Response<String>) -> (u16, Vec<(String, Vec<u8>)>, String) {
    let headers = r
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
        .collect();
    (r.status().as_u16(), headers, r.body().clone())
}

// A validator whose verdict is ready takes the layer's direct path (the
// inner service called at once, no boxed future): every answer is the
// async validator's, byte for byte, and the identity reaches the inner
// service the same way. Digest is left out: its nonces differ per answer.
#[test]
fn sync_validator_answers_as_the_async_one() {
    let dpop: &[u8] = b"DPoP dpop-token";
    let lines: &[&[&[u8]]] = &[
        &[],
        &[b"Bearer read-token"],
        &[b"bearer  write-token"],
        &[b"Bearer other-token"],
        &[b"Bearer expired-token"],
        &[b"Bearer bad-text"],
        &[b"Bearer db-down"],
        &[b"Bearer: x"],
        &[b"Bearer read token"],
        &[b"Bearer read-token", b"Bearer read-token"],
        &[b"Basic YWxpY2U6d29uZGVybGFuZA=="],
        &[b"Basic asO8cmdlbjpww6Rzc3fDtnJk4oKs"],
        &[b"Basic YWxpY2U6d3Jvbmc="],
        &[b"Basic !!!"],
        &[b"Negotiate abc"],
        &[dpop],
    ];
    rt().block_on(async {
        for proxy in [false, true] {
            let schemes: &[Scheme] = match proxy {
                true => &[Scheme::Bearer, Scheme::Basic],
                false => &[Scheme::Dpop, Scheme::Bearer, Scheme::Basic],
            };
            for scope in [None, Some("files:write")] {
                let layers = [false, true].map(|sync| {
                    let l = AuthLayer::new(config_with(schemes, proxy, false, sync));
                    match scope {
                        Some(s) => l.require_scope(s),
                        None => l,
                    }
                });
                let field = if proxy {
                    "proxy-authorization"
                } else {
                    "authorization"
                };
                for l in lines {
                    let mut headers: Vec<(&str, &[u8])> = l.iter().map(|v| (field, *v)).collect();
                    if l.first() == Some(&dpop) {
                        headers.push(("dpop", PROOF.as_bytes()));
                    }
                    let [a, s] = [&layers[0], &layers[1]];
                    let (a, s) = (
                        call(a, request(&headers)).await,
                        call(s, request(&headers)).await,
                    );
                    assert_eq!(whole(&a), whole(&s), "{proxy} {scope:?} {headers:?}");
                }
                // Not vacuous: the direct path let some requests through.
                let r = call(&layers[1], get(field, &[b"Bearer write-token"])).await;
                assert_eq!(r.body(), "Bearer client files:read files:write");
            }
        }
    });
}

/// An inner service that holds its callers to tower's readiness contract
/// (`tower::Service::call`: "Before dispatching a request, `poll_ready`
/// must be called and return `Poll::Ready(Ok(()))`"; "Implementations are
/// permitted to panic if `call` is invoked without obtaining
/// `Poll::Ready(Ok(()))` from `poll_ready`"): each readiness is good for
/// one call, and a clone, as the trait's "Be careful when cloning inner
/// services" says, is not ready. A call without it is an error, not a
/// panic, so that the test names the request.
struct Readied {
    ready: bool,
}

impl Clone for Readied {
    fn clone(&self) -> Self {
        Readied { ready: false }
    }
}

impl Service<Request<String>> for Readied {
    type Response = Response<String>;
    type Error = &'static str;
    type Future = std::future::Ready<Result<Response<String>, &'static str>>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        self.ready = true;
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<String>) -> Self::Future {
        if !std::mem::replace(&mut self.ready, false) {
            return std::future::ready(Err("called without poll_ready"));
        }
        let id = req.extensions().get::<Identity>();
        let body = id.map_or("no identity".into(), |id| {
            format!("{} {}", id.scheme(), id.subject())
        });
        std::future::ready(Ok(Response::new(body)))
    }
}

/// `req` as a tower caller sends it: `ready().await`, then `call`.
async fn send<S: Service<Request<String>>>(
    svc: &mut S,
    req: Request<String>,
) -> Result<S::Response, S::Error> {
    svc.ready().await?.call(req).await
}

// tower's readiness contract (the `tower::Service` docs, quoted on
// `Readied`): the layer's direct path (a ready verdict) calls the inner
// service it polled ready; its waiting path (a pending verdict, and every
// Digest request) moves that same service into its future and keeps a
// fresh clone, which the next `poll_ready` readies. One service answers
// every request in turn, each through `ready().await` and `call`.
#[test]
fn inner_service_is_called_only_once_polled_ready() {
    rt().block_on(async {
        for sync in [true, false] {
            let layer = AuthLayer::new(config_with(ALL, false, false, sync));
            let mut svc = layer.layer_service(Readied { ready: false });
            // A refusal: the inner service is not called, and stays usable.
            let first = send(&mut svc, get("authorization", &[])).await.unwrap();
            assert_eq!(first.status(), 401, "{sync}");
            // Accepted by the validator: the direct path when `sync`, the
            // waiting one otherwise.
            let r = send(&mut svc, get("authorization", &[b"Bearer read-token"])).await;
            assert_eq!(r.unwrap().body(), "Bearer client", "{sync}");
            // Digest always waits (on the replay store), with either validator.
            let mut client = DigestClient::new("Mufasa", "Circle of Life");
            let v = digest_answer(&first, "www-authenticate", &mut client, "0a4f113b");
            let r = send(&mut svc, get("authorization", &[v.as_bytes()])).await;
            assert_eq!(r.unwrap().body(), "Digest Mufasa", "{sync}");
            // Refused by the validator, then accepted again.
            let r = send(&mut svc, get("authorization", &[b"Bearer other-token"])).await;
            assert_eq!(r.unwrap().status(), 401, "{sync}");
            let r = send(&mut svc, get("authorization", &[b"Bearer write-token"])).await;
            assert_eq!(r.unwrap().body(), "Bearer client", "{sync}");
        }
    });
}

proptest! {
    // No header bytes make the layer panic, and every answer has a status of
    // the table and well-formed, lint-clean challenges.
    #[test]
    fn arbitrary_header_bytes(
        lines in proptest::collection::vec(
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..40),
                "(Bearer|bearer|Basic|Digest|DPoP)( {0,2})[ -~]{0,30}".prop_map(String::into_bytes),
            ],
            0..3,
        ),
        proofs in proptest::collection::vec(
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..40),
                "[A-Za-z0-9_.=+ -]{0,30}".prop_map(String::into_bytes),
                Just(PROOF.as_bytes().to_vec()),
            ],
            0..3,
        ),
        proxy in any::<bool>(),
        joined in any::<bool>(),
        sync in any::<bool>(),
    ) {
        let field = if proxy { "proxy-authorization" } else { "authorization" };
        let challenge = if proxy { "proxy-authenticate" } else { "www-authenticate" };
        let valid = |l: &&Vec<u8>| http::HeaderValue::from_bytes(l).is_ok();
        let mut headers: Vec<(&str, &[u8])> =
            lines.iter().filter(valid).map(|l| (field, l.as_slice())).collect();
        headers.extend(proofs.iter().filter(valid).map(|p| ("dpop", p.as_slice())));
        // DPoP is for origin servers only (RFC 9449 §7.1).
        let schemes: &[Scheme] = if proxy { ALL } else { &[Scheme::Dpop, Scheme::Basic, Scheme::Digest, Scheme::Bearer] };
        let layer = AuthLayer::new(config_with(schemes, proxy, joined, sync)).require_scope("files:read");
        let r = rt().block_on(call(&layer, request(&headers)));
        let status = r.status().as_u16();
        prop_assert!([200, 400, 401, 403, 407].contains(&status), "{}", status);
        let c = challenges(&r, challenge);
        if status == 401 || status == 407 {
            prop_assert!(!c.is_empty());
            prop_assert_eq!(status, if proxy { 407 } else { 401 });
        }
    }
}
