//! The tower client layer over hyper-util's client against the crate's own
//! `authserve` demo server (issue 18 gives its routes and accounts; issue
//! 19, "Tests": every route, through both adapters). Each scenario asserts
//! the response, its JSON body, the flow's final decision, and the exact
//! sequence of requests the layer sent below itself (the credentials'
//! scheme and Digest algorithm, and the status each got), which is
//! bounded: a wrong credential gives up after one answer, never loops.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use auth_headers::schemes::digest::UsernameForm;
use auth_headers_testkit::Authserve;
use auth_headers_tower_client::{AuthError, AuthLayer, Decision, Flow, Next, StepUp, Target, Why};
use bytes::Bytes;
use http::{HeaderMap, Request, Response, Uri};
use http_body_util::{BodyExt, Empty};
use hyper::body::Incoming;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tower::{Layer, ServiceExt};

/// What one request through the layer gave.
#[derive(Debug)]
struct Run {
    /// The final status and body, or the layer's refusal.
    result: Result<(u16, String), String>,
    /// The flow's decision on the final response.
    decision: Option<Decision>,
    /// Each request the layer sent: `STATUS SENT`, SENT being the scheme
    /// of its `Authorization` (`Proxy-Authorization` for a proxy) with the
    /// Digest algorithm, or `-`.
    steps: Vec<String>,
    /// The credentials of each request, as sent.
    wire: Vec<Option<Vec<u8>>>,
    /// The final response's `Authentication-Info` (or
    /// `Proxy-Authentication-Info`).
    info: Option<String>,
}

/// How a run is set up.
#[derive(Default)]
struct Setup {
    /// The token handed out on `invalid_token`.
    refresh_to: Option<&'static str>,
    /// The token handed out for a step-up; the scopes asked for go to
    /// `asked`.
    step_up_to: Option<&'static str>,
    asked: Arc<Mutex<Vec<Vec<String>>>>,
    /// The server is a proxy (`authserve --proxy`) at this address.
    proxy: Option<SocketAddr>,
    /// One digit of the server's `rspauth` changed on the way back.
    spoil_rspauth: bool,
}

/// The scheme (and Digest algorithm) of a credentials value.
fn scheme_of(v: &[u8]) -> String {
    let c = auth_headers::parse_credentials(v).expect("credentials the flow wrote parse");
    match c.param("algorithm") {
        Some(a) => format!("{} {a}", c.scheme()),
        None => c.scheme().to_owned(),
    }
}

/// A connection to a proxy: the client writes absolute-form request
/// targets on it (RFC 9112 §3.2.2), as to any HTTP proxy.
struct Proxied(TokioIo<tokio::net::TcpStream>);

impl Connection for Proxied {
    fn connected(&self) -> Connected {
        Connected::new().proxy(true)
    }
}

impl hyper::rt::Read for Proxied {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for Proxied {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

/// Connects every request to the proxy at its address, whatever the URI's
/// host (which is never resolved).
#[derive(Clone)]
struct ToProxy(SocketAddr);

impl tower::Service<Uri> for ToProxy {
    type Response = Proxied;
    type Error = std::io::Error;
    type Future = Pin<Box<dyn Future<Output = std::io::Result<Proxied>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Uri) -> Self::Future {
        let addr = self.0;
        Box::pin(async move {
            let tcp = tokio::net::TcpStream::connect(addr).await?;
            Ok(Proxied(TokioIo::new(tcp)))
        })
    }
}

/// GET `url` through the layer driving `flow`, over hyper-util's client.
async fn run(flow: Flow, url: &str, setup: Setup) -> Run {
    match setup.proxy {
        Some(addr) => {
            let hyper = Client::builder(TokioExecutor::new()).build(ToProxy(addr));
            run_on(hyper, flow, url, setup).await
        }
        None => {
            let hyper = Client::builder(TokioExecutor::new())
                .build::<HttpConnector, Empty<Bytes>>(HttpConnector::new());
            run_on(hyper, flow, url, setup).await
        }
    }
}

async fn run_on<C>(hyper: Client<C, Empty<Bytes>>, flow: Flow, url: &str, setup: Setup) -> Run
where
    C: hyper_util::client::legacy::connect::Connect + Clone + Send + Sync + 'static,
{
    let (field, info_field) = if setup.proxy.is_some() {
        ("proxy-authorization", "proxy-authentication-info")
    } else {
        ("authorization", "authentication-info")
    };
    let sent: Arc<Mutex<Vec<Option<Vec<u8>>>>> = Arc::default();
    let statuses: Arc<Mutex<Vec<u16>>> = Arc::default();
    let (s, st) = (sent.clone(), statuses.clone());
    let spoil = setup.spoil_rspauth;
    // Below the layer: what each request carried and what it got.
    let inner = hyper
        .map_request(move |req: Request<Empty<Bytes>>| {
            let v = req.headers().get(field).map(|v| v.as_bytes().to_vec());
            s.lock().unwrap().push(v);
            req
        })
        .map_response(move |mut res: Response<Incoming>| {
            st.lock().unwrap().push(res.status().as_u16());
            if spoil {
                spoil_rspauth(res.headers_mut(), info_field);
            }
            res
        });
    let mut layer = AuthLayer::new(flow);
    if let Some(t) = setup.refresh_to {
        layer = layer.refresh_with(move || async move { Some(t.to_owned()) });
    }
    if let Some(t) = setup.step_up_to {
        let asked = setup.asked.clone();
        layer = layer.step_up_with(move |s: StepUp| {
            asked.lock().unwrap().push(s.scopes);
            async move { Some(t.to_owned()) }
        });
    }
    let req = Request::get(url).body(Empty::new()).unwrap();
    let (result, decision, info) = match layer.layer(inner).oneshot(req).await {
        Ok(res) => {
            let decision = res.extensions().get::<Decision>().cloned();
            let info = res
                .headers()
                .get(info_field)
                .map(|v| v.to_str().unwrap().to_owned());
            let status = res.status().as_u16();
            let body = res.into_body().collect().await.unwrap().to_bytes();
            let body = String::from_utf8(body.to_vec()).unwrap();
            (Ok((status, body)), decision, info)
        }
        Err(AuthError::Refused(r)) => (Err(r.to_string()), None, None),
        Err(AuthError::Inner(e)) => panic!("{url}: {e}"),
    };
    let wire = sent.lock().unwrap().clone();
    let statuses = statuses.lock().unwrap().clone();
    assert_eq!(wire.len(), statuses.len());
    let steps = wire
        .iter()
        .zip(&statuses)
        .map(|(w, s)| format!("{s} {}", w.as_deref().map_or("-".into(), scheme_of)))
        .collect();
    Run {
        result,
        decision,
        steps,
        wire,
        info,
    }
}

/// Changes one hex digit of the `rspauth` in `field`.
fn spoil_rspauth(headers: &mut HeaderMap, field: &'static str) {
    let Some(v) = headers.get(field).and_then(|v| v.to_str().ok()) else {
        return;
    };
    let at = v.find("rspauth=\"").expect("rspauth") + 9;
    let mut s = v.to_owned();
    let digit = if &s[at..at + 1] == "0" { "1" } else { "0" };
    s.replace_range(at..at + 1, digit);
    headers.insert(field, s.parse().unwrap());
}

fn ok(status: u16, body: &str) -> Result<(u16, String), String> {
    Ok((status, format!("{body}\n")))
}

fn flow(srv: &Authserve) -> Flow {
    Flow::for_url(&srv.url("/")).unwrap()
}

/// The final (next, why).
fn decided(r: &Run) -> (Next, Why) {
    let d = r
        .decision
        .as_ref()
        .expect("a decision on the final response");
    (d.next(), d.why())
}

fn status(r: &Run) -> u16 {
    r.result.as_ref().unwrap().0
}

// RFC 7617 §2: Basic, ASCII and UTF-8 (`charset="UTF-8"`, §2.1).
#[tokio::test]
async fn basic() {
    let srv = Authserve::start(false);
    let url = srv.url("/basic");
    let r = run(
        flow(&srv).user("alice", "wonderland"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Basic","user":"alice"}"#));
    assert_eq!(r.steps, ["401 -", "200 Basic"]);
    assert_eq!(decided(&r), (Next::Done, Why::NotChallenged));

    let r = run(
        flow(&srv).user("jürgen", "pässwörd€"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Basic","user":"jürgen"}"#));
    assert_eq!(r.steps, ["401 -", "200 Basic"]);

    let r = run(
        flow(&srv).user("alice", "looking-glass"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 -", "401 Basic"]);
    assert_eq!(decided(&r), (Next::GiveUp, Why::Rejected));
}

// RFC 6750 §2.1, §3.1: Bearer, sent preemptively; an unknown token is
// invalid_token, refreshed once at most.
#[tokio::test]
async fn bearer() {
    let srv = Authserve::start(false);
    let url = srv.url("/bearer");
    let r = run(flow(&srv).bearer("read-token"), &url, Setup::default()).await;
    assert_eq!(
        r.result,
        ok(200, r#"{"scheme":"Bearer","scopes":["files:read"]}"#)
    );
    assert_eq!(r.steps, ["200 Bearer"]);

    let r = run(flow(&srv).bearer("forged-token"), &url, Setup::default()).await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 Bearer"]);
    assert_eq!(decided(&r), (Next::GiveUp, Why::NoNewToken));

    let setup = Setup {
        refresh_to: Some("forged-again"),
        ..Setup::default()
    };
    let r = run(flow(&srv).bearer("forged-token"), &url, setup).await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 Bearer", "401 Bearer"]);
    assert_eq!(decided(&r), (Next::GiveUp, Why::RefreshedTokenRejected));
}

// RFC 6750 §3.1 `invalid_token` ("The access token expired"): refreshed,
// then 200.
#[tokio::test]
async fn bearer_expired_is_refreshed() {
    let srv = Authserve::start(false);
    let setup = Setup {
        refresh_to: Some("read-token"),
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
    assert_eq!(r.steps, ["401 Bearer", "200 Bearer"]);
    assert_eq!(decided(&r), (Next::Done, Why::NotChallenged));
}

// RFC 6750 §3.1 `insufficient_scope` on 403 and the MCP step-up (SEP-2350):
// the step-up asks for the union of the scopes already asked for and the
// challenged one.
#[tokio::test]
async fn bearer_write_steps_up() {
    let srv = Authserve::start(false);
    let url = srv.url("/bearer/write");
    let read = || flow(&srv).bearer("read-token").scopes(["files:read"]);
    let union = vec!["files:read".to_owned(), "files:write".to_owned()];

    // No step-up callback: the 403 stands, the step-up reported.
    let r = run(read(), &url, Setup::default()).await;
    assert_eq!(status(&r), 403);
    assert_eq!(r.steps, ["403 Bearer"]);
    let d = r.decision.as_ref().unwrap();
    assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::NoNewToken));
    assert_eq!(d.step_up().unwrap().scopes, union);

    let setup = Setup {
        step_up_to: Some("write-token"),
        ..Setup::default()
    };
    let asked = setup.asked.clone();
    let r = run(read(), &url, setup).await;
    assert_eq!(
        r.result,
        ok(
            200,
            r#"{"scheme":"Bearer","scopes":["files:read","files:write"]}"#
        )
    );
    assert_eq!(r.steps, ["403 Bearer", "200 Bearer"]);
    assert_eq!(*asked.lock().unwrap(), [union]);

    // A step-up token without the scope widens nothing: given up.
    let setup = Setup {
        step_up_to: Some("read-token"),
        ..Setup::default()
    };
    let r = run(read(), &url, setup).await;
    assert_eq!(status(&r), 403);
    assert_eq!(r.steps, ["403 Bearer", "403 Bearer"]);
    assert_eq!(decided(&r), (Next::GiveUp, Why::ScopeNotWidened));
}

// RFC 7616 §3.7 (SHA-256 over MD5) and §3.5 (`rspauth` proves the server).
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
    assert_eq!(r.steps, ["401 -", "200 Digest SHA-256"]);
    assert_eq!(decided(&r), (Next::Done, Why::NotChallenged));
    assert!(r.info.unwrap().contains("rspauth=\""));
    let sent = String::from_utf8(r.wire[1].clone().unwrap()).unwrap();
    assert!(sent.contains(r#"uri="/digest""#), "{sent}");

    let setup = Setup {
        spoil_rspauth: true,
        ..Setup::default()
    };
    let r = run(mufasa(), &url, setup).await;
    let e = r.result.unwrap_err();
    assert!(e.contains("rspauth"), "{e}");
    assert_eq!(r.steps, ["401 -", "200 Digest SHA-256"]);

    let r = run(
        flow(&srv).user("Mufasa", "Hakuna Matata"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 -", "401 Digest SHA-256"]);
    assert_eq!(decided(&r), (Next::GiveUp, Why::Rejected));
}

// Issue 19: a UTF-8 Digest username, quoted UTF-8 by default and as
// `username*` (RFC 7616 §3.4.4) on request; authserve accepts both.
#[tokio::test]
async fn digest_utf8_user() {
    let srv = Authserve::start(false);
    let url = srv.url("/digest");
    let jurgen = || flow(&srv).user("jürgen", "pässwörd€");
    let r = run(jurgen(), &url, Setup::default()).await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"jürgen"}"#));
    assert_eq!(r.steps, ["401 -", "200 Digest SHA-256"]);
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

// `/any` offers Bearer, Digest and Basic: the strongest scheme the flow
// has credentials for answers.
#[tokio::test]
async fn any_picks_the_strongest_scheme_it_can() {
    let srv = Authserve::start(false);
    let url = srv.url("/any");
    let r = run(
        flow(&srv).user("Mufasa", "Circle of Life"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"Mufasa"}"#));
    assert_eq!(r.steps, ["401 -", "200 Digest SHA-256"]);
    // A Basic-only account: Digest is tried and refused; no fallback.
    let r = run(
        flow(&srv).user("alice", "wonderland"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(status(&r), 401);
    assert_eq!(r.steps, ["401 -", "401 Digest SHA-256"]);
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
    assert_eq!(r.steps, ["200 Bearer"]);
}

// RFC 9110 §11.7, §15.5.8: `authserve --proxy` answers 407 with
// Proxy-Authenticate; the layer answers with Proxy-Authorization. The
// client talks to it as to an HTTP proxy (absolute-form targets), and the
// origin's name is never resolved.
#[tokio::test]
async fn proxy() {
    let srv = Authserve::start(true);
    let origin = "http://origin.invalid";
    let via = || Setup {
        proxy: Some(srv.addr()),
        ..Setup::default()
    };
    let flow = || Flow::for_url(origin).unwrap();
    let basic = format!("{origin}/basic");
    let r = run(flow().proxy_user("alice", "wonderland"), &basic, via()).await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Basic","user":"alice"}"#));
    assert_eq!(r.steps, ["407 -", "200 Basic"]);

    let digest = flow()
        .proxy_user("Mufasa", "Circle of Life")
        .require_rspauth(true);
    let r = run(digest, &format!("{origin}/digest"), via()).await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"Mufasa"}"#));
    assert_eq!(r.steps, ["407 -", "200 Digest SHA-256"]);
    assert!(r.info.unwrap().contains("rspauth=\""));

    let r = run(flow().proxy_user("alice", "looking-glass"), &basic, via()).await;
    assert_eq!(status(&r), 407);
    assert_eq!(r.steps, ["407 -", "407 Basic"]);
    let d = r.decision.as_ref().unwrap();
    assert_eq!((d.next(), d.why()), (Next::GiveUp, Why::Rejected));
    assert_eq!(d.target(), Some(Target::Proxy));
}
