//! The tower client layer over hyper-util's client against the crate's own
//! `authserve` demo server (issue 18 gives its routes and accounts; issue
//! 19, "Tests", asks for every route through both adapters: the scenarios
//! cover every one but `/dpop`, and say why). The scenarios and
//! their outcomes are shared with the reqwest middleware (`scenarios`,
//! from the testkit's `scenarios/authserve.rs`); this file sends their
//! requests through [`AuthLayer`], recording below it what each request
//! carried and the status it got. The layer reports the flow's decision on
//! the final response only (in its extensions).

#[path = "../../testkit/scenarios/authserve.rs"]
mod scenarios;

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use auth_headers_tower_client::{AuthError, AuthLayer, Decision, Flow, StepUp};
use bytes::Bytes;
use http::{Request, Response, Uri};
use http_body_util::{BodyExt, Empty};
use hyper::body::Incoming;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use scenarios::{spoil_rspauth, Run, Setup, Step};
use tower::{Layer, ServiceExt};

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
    let (field, info_field) = setup.fields();
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
    assert!(
        result.is_err() || decision.is_some(),
        "a decision on the final response"
    );
    let wire = sent.lock().unwrap().clone();
    let statuses = statuses.lock().unwrap().clone();
    assert_eq!(wire.len(), statuses.len());
    let n = wire.len();
    let steps = wire
        .into_iter()
        .zip(statuses)
        .enumerate()
        .map(|(i, (sent, status))| Step {
            status,
            sent,
            // The layer reports the decision on the final response only.
            decision: if i + 1 == n { decision.clone() } else { None },
        })
        .collect();
    Run {
        result,
        steps,
        info,
    }
}
