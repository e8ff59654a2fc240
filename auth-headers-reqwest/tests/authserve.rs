//! The reqwest middleware against the crate's own `authserve` demo server
//! (issue 18 gives its routes and accounts; issue 19, "Tests": every route,
//! through both adapters). Each scenario asserts the response, its JSON
//! body, and the exact sequence of HTTP exchanges the middleware made
//! (what it sent, the status, what the flow decided), which is bounded:
//! a wrong credential gives up after one answer, never loops.
//!
//! `authget`, the adapter's example, is run for the scenarios its options
//! cover; the rest go through [`AuthMiddleware`] directly, which can also
//! read the body and the response headers.

mod support;

use std::sync::{Arc, Mutex};

use auth_headers::schemes::digest::UsernameForm;
use auth_headers_reqwest::{AsyncTokenSource, AuthMiddleware, Decision, Flow, Report, StepUp};
use auth_headers_testkit::Authserve;
use reqwest_middleware::{ClientBuilder, Middleware, Next as MwNext};
use support::{authget, column, steps};

/// One HTTP exchange as the middleware reported it: `STATUS NEXT SENT`,
/// where SENT is the scheme of the `Authorization` (or, for a proxy, of
/// the `Proxy-Authorization`) sent, with the Digest algorithm, or `-`.
fn step(r: &Report) -> String {
    let sent = match (r.sent.or(r.proxy_sent), r.algorithm) {
        (Some(s), Some(a)) => format!("{s} {}", a.name()),
        (Some(s), None) => s.to_string(),
        (None, _) => "-".into(),
    };
    format!("{} {} {sent}", r.status, r.decision.next().as_str())
}

/// What one request through the middleware gave.
#[derive(Debug)]
struct Run {
    /// The final status and body, or the error.
    result: Result<(u16, String), String>,
    /// Every exchange, in order ([`step`]).
    steps: Vec<String>,
    /// The flow's decisions, in order.
    decisions: Vec<Decision>,
    /// The `Authorization` (or `Proxy-Authorization`) value of each request
    /// as it went on the wire.
    wire: Vec<Option<Vec<u8>>>,
    /// The final response's `Authentication-Info` (or
    /// `Proxy-Authentication-Info`).
    info: Option<String>,
}

/// Records the credentials of each request below the middleware, and
/// makes the server's `rspauth` wrong when asked to.
#[derive(Clone, Default)]
struct Wire {
    seen: Arc<Mutex<Vec<Option<Vec<u8>>>>>,
    proxy: bool,
    spoil_rspauth: bool,
}

#[async_trait::async_trait]
impl Middleware for Wire {
    async fn handle(
        &self,
        req: reqwest::Request,
        ext: &mut http::Extensions,
        next: MwNext<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let (field, info) = if self.proxy {
            ("proxy-authorization", "proxy-authentication-info")
        } else {
            ("authorization", "authentication-info")
        };
        let value = req.headers().get(field).map(|v| v.as_bytes().to_vec());
        self.seen.lock().unwrap().push(value);
        let mut res = next.run(req, ext).await?;
        if self.spoil_rspauth {
            if let Some(v) = res.headers().get(info).and_then(|v| v.to_str().ok()) {
                // One hex digit of the response digest changed.
                let at = v.find("rspauth=\"").expect("rspauth") + 9;
                let mut s = v.to_owned();
                let digit = if &s[at..at + 1] == "0" { "1" } else { "0" };
                s.replace_range(at..at + 1, digit);
                res.headers_mut().insert(info, s.parse().unwrap());
            }
        }
        Ok(res)
    }
}

/// The tokens a token source hands out, and the step-ups it was asked for.
#[derive(Clone, Default)]
struct Tokens {
    refresh_to: Option<&'static str>,
    step_up_to: Option<&'static str>,
    asked: Arc<Mutex<Vec<Vec<String>>>>,
}

impl AsyncTokenSource for Tokens {
    fn refresh(
        &self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<String>> + Send + '_>> {
        let t = self.refresh_to.map(String::from);
        Box::pin(async move { t })
    }

    fn step_up<'a>(
        &'a self,
        step: &'a StepUp,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<String>> + Send + 'a>> {
        self.asked.lock().unwrap().push(step.scopes.clone());
        let t = self.step_up_to.map(String::from);
        Box::pin(async move { t })
    }
}

/// How a run is set up.
#[derive(Default)]
struct Setup {
    tokens: Option<Tokens>,
    /// The server is a proxy (`authserve --proxy`) at this URL.
    proxy: Option<String>,
    spoil_rspauth: bool,
}

/// GET `url` through the middleware driving `flow`.
async fn run(flow: Flow, url: &str, setup: Setup) -> Run {
    let reports = Arc::new(Mutex::new(Vec::new()));
    let seen = reports.clone();
    let mut auth = AuthMiddleware::new(flow).observe(move |r| seen.lock().unwrap().push(r.clone()));
    if let Some(t) = setup.tokens {
        auth = auth.token_source(t);
    }
    let wire = Wire {
        proxy: setup.proxy.is_some(),
        spoil_rspauth: setup.spoil_rspauth,
        ..Wire::default()
    };
    let builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
    let builder = match &setup.proxy {
        Some(p) => builder.proxy(reqwest::Proxy::http(p).unwrap()),
        None => builder.no_proxy(),
    };
    let client = ClientBuilder::new(builder.build().unwrap())
        .with(auth)
        .with(wire.clone())
        .build();
    let info_field = if setup.proxy.is_some() {
        "proxy-authentication-info"
    } else {
        "authentication-info"
    };
    let (result, info) = match client.get(url).send().await {
        Ok(res) => {
            let info = res
                .headers()
                .get(info_field)
                .map(|v| v.to_str().unwrap().to_owned());
            let status = res.status().as_u16();
            (Ok((status, res.text().await.unwrap())), info)
        }
        Err(e) => (Err(format!("{e:#}")), None),
    };
    let reports = reports.lock().unwrap();
    let wire = wire.seen.lock().unwrap().clone();
    assert_eq!(wire.len(), reports.len(), "one report per request");
    Run {
        result,
        steps: reports.iter().map(step).collect(),
        decisions: reports.iter().map(|r| r.decision.clone()).collect(),
        wire,
        info,
    }
}

/// authget's `(status, next)` pairs, owned.
fn pairs(v: &[(u64, &str)]) -> Vec<(u64, String)> {
    v.iter().map(|(a, b)| (*a, b.to_string())).collect()
}

fn ok(status: u16, body: &str) -> Result<(u16, String), String> {
    Ok((status, format!("{body}\n")))
}

fn flow(srv: &Authserve) -> Flow {
    Flow::for_url(&srv.url("/")).unwrap()
}

/// What a failed run's status is.
fn status(r: &Run) -> u16 {
    r.result.as_ref().unwrap().0
}

// RFC 7617 §2: Basic, ASCII and UTF-8 (`charset="UTF-8"`, §2.1).
#[tokio::test]
async fn basic() {
    let srv = Authserve::start(false);
    let r = run(
        flow(&srv).user("alice", "wonderland"),
        &srv.url("/basic"),
        Setup::default(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Basic","user":"alice"}"#));
    assert_eq!(r.steps, ["401 retry -", "200 done Basic"]);
    assert_eq!(r.decisions[0].challenges(), ["Basic"]);

    let r = run(
        flow(&srv).user("jürgen", "pässwörd€"),
        &srv.url("/basic"),
        Setup::default(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Basic","user":"jürgen"}"#));
    assert_eq!(r.steps, ["401 retry -", "200 done Basic"]);

    // A wrong password is answered once, then given up: no loop.
    let r = run(
        flow(&srv).user("alice", "looking-glass"),
        &srv.url("/basic"),
        Setup::default(),
    )
    .await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 retry -", "401 give_up Basic"]);
    assert_eq!(r.decisions[1].why(), auth_headers_reqwest::Why::Rejected);
}

// RFC 6750 §2.1, §3.1: Bearer, sent preemptively; an unknown token is
// invalid_token, refreshed once at most.
#[tokio::test]
async fn bearer() {
    let srv = Authserve::start(false);
    let r = run(
        flow(&srv).bearer("read-token"),
        &srv.url("/bearer"),
        Setup::default(),
    )
    .await;
    assert_eq!(
        r.result,
        ok(200, r#"{"scheme":"Bearer","scopes":["files:read"]}"#)
    );
    assert_eq!(r.steps, ["200 done Bearer"]);

    // No token source: the 401 stands.
    let r = run(
        flow(&srv).bearer("forged-token"),
        &srv.url("/bearer"),
        Setup::default(),
    )
    .await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 give_up Bearer"]);
    // A source whose new token is refused too: one refresh, then give up.
    let tokens = Tokens {
        refresh_to: Some("forged-again"),
        ..Tokens::default()
    };
    let setup = Setup {
        tokens: Some(tokens),
        ..Setup::default()
    };
    let r = run(
        flow(&srv).bearer("forged-token"),
        &srv.url("/bearer"),
        setup,
    )
    .await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 refresh Bearer", "401 give_up Bearer"]);
    assert_eq!(
        r.decisions[1].why(),
        auth_headers_reqwest::Why::RefreshedTokenRejected
    );
    // RFC 9728 §5.1: the metadata URL, on the request's origin, reported.
    let m = r.decisions[0].resource_metadata().unwrap();
    assert_eq!(m.url, srv.url("/.well-known/oauth-protected-resource"));
    assert!(m.on_origin);
}

// RFC 6750 §3.1 `invalid_token` ("The access token expired"): refreshed,
// then 200.
#[tokio::test]
async fn bearer_expired_is_refreshed() {
    let srv = Authserve::start(false);
    let setup = Setup {
        tokens: Some(Tokens {
            refresh_to: Some("read-token"),
            ..Tokens::default()
        }),
        ..Setup::default()
    };
    let r = run(
        flow(&srv).bearer("expired-token"),
        &srv.url("/bearer"),
        setup,
    )
    .await;
    assert_eq!(
        r.result,
        ok(200, r#"{"scheme":"Bearer","scopes":["files:read"]}"#)
    );
    assert_eq!(r.steps, ["401 refresh Bearer", "200 done Bearer"]);

    // authget, the adapter's example: `--refresh-to`.
    let (lines, code, out) = authget(&[
        "--bearer",
        "expired-token",
        "--refresh-to",
        "read-token",
        &srv.url("/bearer"),
    ]);
    assert_eq!(
        steps(&lines),
        pairs(&[(401, "refresh"), (200, "done")]),
        "{out}"
    );
    assert_eq!(code, 0);
    assert!(
        !out.contains("expired-token") && !out.contains("read-token"),
        "{out}"
    );
}

// RFC 6750 §3.1 `insufficient_scope` on 403 and the MCP step-up (SEP-2350):
// the step-up asks for the union of the scopes already asked for and the
// challenged one.
#[tokio::test]
async fn bearer_write_steps_up() {
    let srv = Authserve::start(false);
    let url = srv.url("/bearer/write");
    let read = || flow(&srv).bearer("read-token").scopes(["files:read"]);
    let union = ["files:read", "files:write"];

    // No step-up token: the 403 stands, with the step-up reported.
    let r = run(read(), &url, Setup::default()).await;
    assert_eq!(status(&r), 403);
    assert_eq!(r.steps, ["403 give_up Bearer"]);
    assert_eq!(r.decisions[0].step_up().unwrap().scopes, union);

    // With a token for them: 200.
    let tokens = Tokens {
        step_up_to: Some("write-token"),
        ..Tokens::default()
    };
    let asked = tokens.asked.clone();
    let setup = Setup {
        tokens: Some(tokens),
        ..Setup::default()
    };
    let r = run(read(), &url, setup).await;
    assert_eq!(
        r.result,
        ok(
            200,
            r#"{"scheme":"Bearer","scopes":["files:read","files:write"]}"#
        )
    );
    assert_eq!(r.steps, ["403 step_up Bearer", "200 done Bearer"]);
    assert_eq!(*asked.lock().unwrap(), [union.map(String::from).to_vec()]);

    // A step-up token without the scope: the second 403 widens nothing, so
    // the flow gives up.
    let setup = Setup {
        tokens: Some(Tokens {
            step_up_to: Some("read-token"),
            ..Tokens::default()
        }),
        ..Setup::default()
    };
    let r = run(read(), &url, setup).await;
    assert_eq!(status(&r), 403);
    assert_eq!(r.steps, ["403 step_up Bearer", "403 give_up Bearer"]);
    assert_eq!(
        r.decisions[1].why(),
        auth_headers_reqwest::Why::ScopeNotWidened
    );

    // authget: `--step-up-to`, the scopes on the step-up line.
    let (lines, code, out) = authget(&[
        "--bearer",
        "read-token",
        "--step-up-to",
        "write-token",
        &url,
    ]);
    assert_eq!(
        steps(&lines),
        pairs(&[(403, "step_up"), (200, "done")]),
        "{out}"
    );
    assert_eq!(lines[0]["scopes"], serde_json::json!(["files:write"]));
    assert_eq!(code, 0);
}

// RFC 7616 §3.7 (SHA-256 over MD5, whatever the order) and §3.5
// (`rspauth` in Authentication-Info proves the server): authserve offers
// SHA-256 then MD5.
#[tokio::test]
async fn digest() {
    let srv = Authserve::start(false);
    let url = srv.url("/digest");
    let mufasa = || {
        flow(&srv)
            .user("Mufasa", "Circle of Life")
            .require_rspauth(true)
    };
    let r = run(mufasa(), &url, Setup::default()).await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"Mufasa"}"#));
    assert_eq!(r.steps, ["401 retry -", "200 done Digest SHA-256"]);
    assert_eq!(r.decisions[0].challenges(), ["Digest", "Digest"]);
    let info = r.info.unwrap();
    assert!(info.contains("rspauth=\""), "{info}");
    // The request-target in `uri`, not the absolute URL (diqwest #1).
    let sent = String::from_utf8(r.wire[1].clone().unwrap()).unwrap();
    assert!(sent.contains(r#"uri="/digest""#), "{sent}");
    assert!(sent.contains("algorithm=SHA-256"), "{sent}");

    // The same exchange with one digit of rspauth changed: refused.
    let setup = Setup {
        spoil_rspauth: true,
        ..Setup::default()
    };
    let r = run(mufasa(), &url, setup).await;
    let e = r.result.unwrap_err();
    assert!(e.contains("rspauth"), "{e}");
    assert_eq!(r.steps, ["401 retry -", "200 give_up Digest SHA-256"]);

    // A wrong password: answered once, then given up.
    let r = run(
        flow(&srv).user("Mufasa", "Hakuna Matata"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 retry -", "401 give_up Digest SHA-256"]);

    // authget: the algorithm column.
    let (lines, code, out) = authget(&["--user", "Mufasa:Circle of Life", &url]);
    assert_eq!(column(&lines, "algorithm"), ["-", "SHA-256"], "{out}");
    assert_eq!(code, 0);
}

// Issue 19: a UTF-8 Digest username goes as a quoted UTF-8 `username` by
// default (what curl and Chromium send), `username*` (RFC 7616 §3.4.4) on
// request; authserve accepts both.
#[tokio::test]
async fn digest_utf8_user() {
    let srv = Authserve::start(false);
    let url = srv.url("/digest");
    let jurgen = || flow(&srv).user("jürgen", "pässwörd€");
    let r = run(jurgen(), &url, Setup::default()).await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"jürgen"}"#));
    assert_eq!(r.steps, ["401 retry -", "200 done Digest SHA-256"]);
    let sent = r.wire[1].clone().unwrap();
    let quoted = "username=\"jürgen\"".as_bytes();
    assert!(sent.windows(quoted.len()).any(|w| w == quoted));

    let r = run(
        jurgen().username_form(UsernameForm::ExtValue),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"jürgen"}"#));
    let sent = String::from_utf8(r.wire[1].clone().unwrap()).unwrap();
    assert!(sent.contains("username*=UTF-8''j%C3%BCrgen"), "{sent}");
}

// `/any` offers Bearer, Digest and Basic: the flow answers with the
// strongest scheme it has credentials for.
#[tokio::test]
async fn any_picks_the_strongest_scheme_it_can() {
    let srv = Authserve::start(false);
    let url = srv.url("/any");
    // A password: Digest with SHA-256, not Basic, not MD5.
    let r = run(
        flow(&srv).user("Mufasa", "Circle of Life"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"Mufasa"}"#));
    assert_eq!(r.steps, ["401 retry -", "200 done Digest SHA-256"]);
    assert_eq!(
        r.decisions[0].challenges(),
        ["Bearer", "Digest", "Digest", "Basic"]
    );
    // A Basic-only account: Digest is tried (it is offered and stronger),
    // refused, and the flow gives up rather than fall back to Basic.
    let r = run(
        flow(&srv).user("alice", "wonderland"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 retry -", "401 give_up Digest SHA-256"]);
    // A token and a password: Bearer, sent preemptively.
    let both = flow(&srv)
        .user("Mufasa", "Circle of Life")
        .bearer("write-token");
    let r = run(both, &url, Setup::default()).await;
    assert_eq!(
        r.result,
        ok(
            200,
            r#"{"scheme":"Bearer","scopes":["files:read","files:write"]}"#
        )
    );
    assert_eq!(r.steps, ["200 done Bearer"]);
}

// RFC 9110 §11.7, §15.5.8: `authserve --proxy` answers 407 with
// Proxy-Authenticate; the flow answers with Proxy-Authorization. The
// origin's name is never resolved: the request goes to the proxy.
#[tokio::test]
async fn proxy() {
    let srv = Authserve::start(true);
    let origin = "http://origin.invalid";
    let via = || Setup {
        proxy: Some(srv.base().to_owned()),
        ..Setup::default()
    };
    let flow = || Flow::for_url(origin).unwrap();
    let r = run(
        flow().proxy_user("alice", "wonderland"),
        &format!("{origin}/basic"),
        via(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Basic","user":"alice"}"#));
    assert_eq!(r.steps, ["407 retry -", "200 done Basic"]);
    assert_eq!(
        r.decisions[0].target(),
        Some(auth_headers_reqwest::Target::Proxy)
    );

    let digest = flow()
        .proxy_user("Mufasa", "Circle of Life")
        .require_rspauth(true);
    let r = run(digest, &format!("{origin}/digest"), via()).await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"Mufasa"}"#));
    assert_eq!(r.steps, ["407 retry -", "200 done Digest SHA-256"]);
    assert!(r.info.unwrap().contains("rspauth=\""));

    let r = run(
        flow().proxy_user("alice", "looking-glass"),
        &format!("{origin}/basic"),
        via(),
    )
    .await;
    assert_eq!(status(&r), 407);
    assert_eq!(r.steps, ["407 retry -", "407 give_up Basic"]);

    // authget: `--proxy` and `--proxy-user`.
    let (lines, code, out) = authget(&[
        "--proxy",
        srv.base(),
        "--proxy-user",
        "alice:wonderland",
        &format!("{origin}/basic"),
    ]);
    assert_eq!(column(&lines, "proxy_sent"), ["-", "Basic"], "{out}");
    assert_eq!(code, 0);
    assert!(!out.contains("wonderland"), "{out}");
}
