//! The tower client layer over hyper-util's client, against the scripted
//! misbehaving server of the reqwest adapter's tests (issue 19): each
//! scenario asserts the decision and the requests the server saw.

use std::path::{Path, PathBuf};

use auth_headers_testkit::{python_server, Killed, Scratch};
use auth_headers_tower_client::{AuthError, AuthLayer, Decision, Flow, Next, Why};
use bytes::Bytes;
use http_body_util::Empty;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tower::{Layer, ServiceExt};

/// The scripted server, killed when dropped, and its log removed.
struct Server {
    _child: Killed,
    port: u16,
    log: PathBuf,
    _scratch: Scratch,
}

fn start(name: &str) -> Server {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../auth-headers-reqwest/tests/misbehaving_server.py");
    let scratch = Scratch::new(&format!("tower-client-{name}"));
    let log = scratch.path("log");
    let (child, port) = python_server(&script, [std::ffi::OsStr::new("--log"), log.as_os_str()]);
    Server {
        _child: child,
        port,
        log,
        _scratch: scratch,
    }
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The `Authorization` scheme of each request the server saw.
    fn auths(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["auth"].as_str().unwrap_or("-").to_string()
            })
            .collect()
    }
}

async fn get(url: &str, flow: Flow) -> Result<(u16, Decision), String> {
    let hyper = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let client = AuthLayer::new(flow).layer(hyper);
    let req = http::Request::get(url).body(Empty::new()).unwrap();
    match client.oneshot(req).await {
        Ok(res) => Ok((
            res.status().as_u16(),
            res.extensions().get::<Decision>().cloned().unwrap(),
        )),
        Err(AuthError::Refused(r)) => Err(r.to_string()),
        Err(AuthError::Inner(e)) => panic!("{e}"),
    }
}

fn flow(srv: &Server) -> Flow {
    Flow::for_url(&srv.url("/"))
        .unwrap()
        .user("Mufasa", "Circle of Life")
}

// Digest: the SHA-256 line is chosen over MD5 whatever the order.
#[tokio::test]
async fn digest_strongest_and_stale() {
    let srv = start("order");
    let (status, d) = get(&srv.url("/order/md5-first"), flow(&srv)).await.unwrap();
    assert_eq!((status, d.next()), (200, Next::Done));
    assert_eq!(srv.auths(), ["-", "Digest"]);

    let srv = start("stale");
    let (status, _) = get(&srv.url("/stale/once"), flow(&srv)).await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(srv.auths(), ["-", "Digest", "Digest"]);
}

// A 401 forever: one answer, then the 401 is returned with GiveUp.
#[tokio::test]
async fn basic_refused_once() {
    let srv = start("forever");
    let (status, d) = get(&srv.url("/forever"), flow(&srv)).await.unwrap();
    assert_eq!(
        (status, d.next(), d.why()),
        (401, Next::GiveUp, Why::Rejected)
    );
    assert_eq!(srv.auths(), ["-", "Basic"]);
}

// RFC 7616 §3.5: a wrong rspauth fails the call.
#[tokio::test]
async fn wrong_rspauth_is_an_error() {
    let srv = start("rspauth");
    let e = get(&srv.url("/rspauth/wrong"), flow(&srv))
        .await
        .unwrap_err();
    assert!(e.contains("rspauth"), "{e}");
}

// MCP SEP-2350 through the layer: two step-ups with the union of scopes.
#[tokio::test]
async fn step_up_through_the_callback() {
    let srv = start("scope");
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = asked.clone();
    let flow = Flow::for_url(&srv.url("/")).unwrap().bearer("tok-zero");
    let hyper = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let client = AuthLayer::new(flow)
        .step_up_with(move |s| {
            seen.lock().unwrap().push(s.scopes.clone());
            async { Some(String::from("tok-one")) }
        })
        .layer(hyper);
    let req = http::Request::get(srv.url("/scope"))
        .body(Empty::new())
        .unwrap();
    let res = client.oneshot(req).await.ok().unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        *asked.lock().unwrap(),
        [
            vec!["files:read".to_string()],
            vec!["files:read".into(), "files:write".into()]
        ]
    );
    assert_eq!(srv.auths(), ["Bearer", "Bearer", "Bearer"]);
}
