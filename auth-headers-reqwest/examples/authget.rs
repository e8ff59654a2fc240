//! `authget`: fetch URLs through the authentication flow and print one JSON
//! object per HTTP exchange. The flow's showcase, and how it is checked
//! from outside (issue 19).
//!
//! ```text
//! cargo run -p auth-headers-reqwest --example authget -- [OPTIONS] URL...
//!
//!   --user USER:PASSWORD        Basic or Digest credentials for the first URL's origin
//!   --bearer TOKEN              a Bearer token for that origin
//!   --refresh-to TOKEN          the token handed out when asked to refresh
//!   --step-up-to TOKEN          the token handed out for a step-up
//!   --proxy URL                 an HTTP proxy
//!   --proxy-user USER:PASSWORD  credentials for the proxy (407)
//!   --min-digest ALGORITHM      refuse Digest weaker than MD5 | SHA-256 | SHA-512-256
//!   --max-attempts N            at most N requests per URL or redirect hop
//! ```
//!
//! Each URL is fetched in turn with one flow (state carries over), following
//! redirects. Each line: `{"url", "sent", "proxy_sent", "algorithm",
//! "status", "challenges", "next", "why"}` and `"scopes"` on a step-up; no
//! secret is ever printed. Exit status: 0 when the last response of every
//! URL was 2xx and the flow accepted it, 1 otherwise, 2 on a usage error.

use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use auth_headers_reqwest::{
    Algorithm, AsyncTokenSource, AuthMiddleware, Flow, Next, Report, StepUp,
};
use serde_json::{json, Value};

const USAGE: &str = "usage: authget [--user USER:PASSWORD] [--bearer TOKEN] [--refresh-to TOKEN] \
[--step-up-to TOKEN] [--proxy URL] [--proxy-user USER:PASSWORD] [--min-digest ALGORITHM] \
[--max-attempts N] URL...";

#[derive(Default)]
struct Options {
    user: Option<(String, String)>,
    bearer: Option<String>,
    refresh_to: Option<String>,
    step_up_to: Option<String>,
    proxy: Option<String>,
    proxy_user: Option<(String, String)>,
    min_digest: Option<Algorithm>,
    max_attempts: Option<u8>,
    urls: Vec<String>,
}

fn user_pass(v: &str) -> Result<(String, String), String> {
    v.split_once(':')
        .map(|(u, p)| (u.to_string(), p.to_string()))
        .ok_or_else(|| String::from("expected USER:PASSWORD"))
}

fn parse(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut o = Options::default();
    let mut args = args.peekable();
    while let Some(a) = args.next() {
        if !a.starts_with("--") {
            o.urls.push(a);
            continue;
        }
        if a == "--help" {
            return Err(String::new());
        }
        let v = args.next().ok_or_else(|| format!("{a} needs a value"))?;
        match a.as_str() {
            "--user" => o.user = Some(user_pass(&v)?),
            "--bearer" => o.bearer = Some(v),
            "--refresh-to" => o.refresh_to = Some(v),
            "--step-up-to" => o.step_up_to = Some(v),
            "--proxy" => o.proxy = Some(v),
            "--proxy-user" => o.proxy_user = Some(user_pass(&v)?),
            "--min-digest" => {
                o.min_digest = Some(
                    Algorithm::from_name(v.as_bytes())
                        .ok_or_else(|| format!("unknown Digest algorithm {v:?}"))?,
                )
            }
            "--max-attempts" => {
                o.max_attempts = Some(
                    v.parse()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or("--max-attempts takes a number from 1 to 255")?,
                )
            }
            _ => return Err(format!("unknown option {a}")),
        }
    }
    if o.urls.is_empty() {
        return Err(String::from("no URL"));
    }
    for u in &o.urls {
        let url = reqwest::Url::parse(u).map_err(|e| format!("{u}: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("{u}: not an http or https URL"));
        }
    }
    Ok(o)
}

/// The token source of the options (the flow bounds how often it asks).
struct Tokens {
    refresh_to: Mutex<Option<String>>,
    step_up_to: Mutex<Option<String>>,
}

impl AsyncTokenSource for Tokens {
    fn refresh(
        &self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<String>> + Send + '_>> {
        let t = self.refresh_to.lock().unwrap().clone();
        Box::pin(async move { t })
    }
    fn step_up<'a>(
        &'a self,
        _: &'a StepUp,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<String>> + Send + 'a>> {
        let t = self.step_up_to.lock().unwrap().clone();
        Box::pin(async move { t })
    }
}

/// The URL without user-info (never print a secret).
fn shown(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_password(None);
            let _ = u.set_username("");
            u.to_string()
        }
        Err(_) => String::from(url),
    }
}

fn line(r: &Report) -> Value {
    let d = &r.decision;
    let mut v = json!({
        "url": shown(&r.url),
        "sent": r.sent.map(|s| s.name()),
        "proxy_sent": r.proxy_sent.map(|s| s.name()),
        "algorithm": r.algorithm.map(|a| a.name()),
        "status": r.status,
        "challenges": d.challenges(),
        "next": d.next().as_str(),
        "why": d.why().as_str(),
    });
    if let Some(s) = d.step_up() {
        v["scopes"] = json!(s.scopes);
        if !s.acr_values.is_empty() {
            v["acr_values"] = json!(s.acr_values);
        }
        if let Some(m) = s.max_age {
            v["max_age"] = json!(m);
        }
    }
    if let Some(m) = d.resource_metadata() {
        v["resource_metadata"] = json!({"url": m.url, "on_origin": m.on_origin});
    }
    v
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let o = match parse(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("authget: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Some(mut flow) = Flow::for_url(&o.urls[0]) else {
        eprintln!("authget: {}: no origin", o.urls[0]);
        return ExitCode::from(2);
    };
    if let Some((u, p)) = &o.user {
        flow = flow.user(u.as_str(), p.as_str());
    }
    if let Some(t) = &o.bearer {
        flow = flow.bearer(t.as_str());
    }
    if let Some((u, p)) = &o.proxy_user {
        flow = flow.proxy_user(u.as_str(), p.as_str());
    }
    if let Some(a) = o.min_digest {
        flow = flow.min_digest(a);
    }
    if let Some(n) = o.max_attempts {
        flow = flow.max_attempts(n);
    }
    let mut builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
    builder = match &o.proxy {
        Some(p) => match reqwest::Proxy::all(p) {
            Ok(p) => builder.proxy(p),
            Err(e) => {
                eprintln!("authget: --proxy: {e}");
                return ExitCode::from(2);
            }
        },
        None => builder.no_proxy(),
    };
    let client = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("authget: {e}");
            return ExitCode::from(1);
        }
    };
    let last_ok = Arc::new(Mutex::new(false));
    let seen = last_ok.clone();
    let auth = AuthMiddleware::new(flow)
        .token_source(Tokens {
            refresh_to: Mutex::new(o.refresh_to.clone()),
            step_up_to: Mutex::new(o.step_up_to.clone()),
        })
        .observe(move |r| {
            println!("{}", line(r));
            *seen.lock().unwrap() =
                (200..300).contains(&r.status) && r.decision.next() == Next::Done;
        });
    let client = reqwest_middleware::ClientBuilder::new(client)
        .with(auth)
        .build();

    let mut all_ok = true;
    for start in &o.urls {
        let mut url = start.clone();
        let mut ok = false;
        for _hop in 0..10 {
            *last_ok.lock().unwrap() = false;
            let res = match client.get(&url).send().await {
                Ok(r) => r,
                Err(e) => {
                    // Not an exchange (no response, or one the flow refused,
                    // already printed): said on stderr.
                    eprintln!("authget: {}: {e:#}", shown(&url));
                    break;
                }
            };
            let location = res
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .and_then(|l| res.url().join(l).ok());
            match location {
                Some(next) if res.status().is_redirection() => url = next.to_string(),
                _ => {
                    let _ = res.bytes().await;
                    ok = *last_ok.lock().unwrap();
                    break;
                }
            }
        }
        all_ok &= ok;
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
