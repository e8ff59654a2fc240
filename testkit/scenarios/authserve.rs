//! The client scenarios against the `authserve` demo server (issue 18
//! gives its routes and accounts), once for both client adapters (issue
//! 19, "Tests"): every authenticated route but `/dpop`, directly and
//! through the server as a proxy. `/dpop` is left out because neither
//! adapter can send DPoP: the flow writes Basic, Digest and Bearer
//! credentials and only reports a `use_dpop_nonce` nonce, and no adapter
//! makes a proof. That route is tested with curl (`auth-headers-tower`'s
//! `tests/authserve_curl.rs`). Each adapter's `tests/authserve.rs`
//! includes this file as `mod scenarios` and defines, beside it, how one
//! request goes through that adapter and is recorded:
//!
//! ```ignore
//! async fn run(flow: Flow, url: &str, setup: Setup) -> Run
//! ```
//!
//! Each scenario asserts the response, its JSON body, the flow's decisions,
//! and the exact sequence of requests the adapter sent below itself (the
//! credentials' scheme and Digest algorithm, and the status each got),
//! which is bounded: a wrong credential gives up after one answer, never
//! loops.
//!
//! Not part of the testkit crate (which stays std-only and names no
//! workspace crate): a source file the adapters' tests compile as theirs.

use std::sync::{Arc, Mutex};

use auth_headers::client::flow::{Decision, Flow, Next, Target, Why};
use auth_headers::schemes::digest::UsernameForm;
use auth_headers_testkit::Authserve;
use http::HeaderMap;

use super::run;

/// What one GET through an adapter gave.
#[derive(Debug)]
pub struct Run {
    /// The final status and body, or the adapter's error.
    pub result: Result<(u16, String), String>,
    /// Every request the adapter sent below itself, in order.
    pub steps: Vec<Step>,
    /// The final response's `Authentication-Info` (or
    /// `Proxy-Authentication-Info`).
    pub info: Option<String>,
}

/// One request the adapter sent and the response it got.
#[derive(Debug)]
pub struct Step {
    /// The response's status.
    pub status: u16,
    /// The request's `Authorization` (for a proxy, `Proxy-Authorization`)
    /// as it went on the wire.
    pub sent: Option<Vec<u8>>,
    /// The flow's decision on the response, where the adapter reports it:
    /// the reqwest middleware's observer reports every one; the tower
    /// layer only the final response's (in its extensions), and none when
    /// it refuses that response.
    pub decision: Option<Decision>,
}

/// How a run is set up.
#[derive(Default)]
pub struct Setup {
    /// The token handed out on `invalid_token`; with neither token, the
    /// adapter has no token source at all.
    pub refresh_to: Option<&'static str>,
    /// The token handed out for a step-up; the scopes asked for go to
    /// `asked`.
    pub step_up_to: Option<&'static str>,
    /// The scopes of each step-up asked for, in order.
    pub asked: Arc<Mutex<Vec<Vec<String>>>>,
    /// The server is a proxy (`authserve --proxy`) at this address.
    pub proxy: Option<std::net::SocketAddr>,
    /// One digit of the server's `rspauth` changed on the way back.
    pub spoil_rspauth: bool,
}

impl Setup {
    /// The field the credentials go in, and the field of the server's
    /// `rspauth`.
    pub fn fields(&self) -> (&'static str, &'static str) {
        if self.proxy.is_some() {
            ("proxy-authorization", "proxy-authentication-info")
        } else {
            ("authorization", "authentication-info")
        }
    }
}

/// The scheme (and Digest algorithm) of a credentials value.
pub fn scheme_of(v: &[u8]) -> String {
    let c = auth_headers::parse_credentials(v).expect("credentials the flow wrote parse");
    match c.param("algorithm") {
        Some(a) => format!("{} {a}", c.scheme()),
        None => c.scheme().to_owned(),
    }
}

/// Changes one hex digit of the `rspauth` in `field`.
pub fn spoil_rspauth(headers: &mut HeaderMap, field: &'static str) {
    let Some(v) = headers.get(field).and_then(|v| v.to_str().ok()) else {
        return;
    };
    let at = v.find("rspauth=\"").expect("rspauth") + 9;
    let mut s = v.to_owned();
    let digit = if &s[at..at + 1] == "0" { "1" } else { "0" };
    s.replace_range(at..at + 1, digit);
    headers.insert(field, s.parse().unwrap());
}

impl Run {
    /// Each step as `STATUS NEXT SENT`: NEXT the decision's (`?` where the
    /// adapter does not report it), SENT the scheme of the credentials
    /// sent with the Digest algorithm ([`scheme_of`]), or `-`.
    fn steps(&self) -> Vec<String> {
        self.steps
            .iter()
            .map(|s| {
                let next = s.decision.as_ref().map_or("?", |d| d.next().as_str());
                let sent = s.sent.as_deref().map_or("-".into(), scheme_of);
                format!("{} {next} {sent}", s.status)
            })
            .collect()
    }

    /// Asserts the steps are `want`, each NEXT compared where the adapter
    /// reports it.
    #[track_caller]
    fn assert_steps(&self, want: &[&str]) {
        let got = self.steps();
        let want: Vec<String> = want
            .iter()
            .enumerate()
            .map(|(i, w)| match got.get(i) {
                Some(g) if g.split(' ').nth(1) == Some("?") => {
                    let mut w: Vec<&str> = w.splitn(3, ' ').collect();
                    w[1] = "?";
                    w.join(" ")
                }
                _ => w.to_string(),
            })
            .collect();
        assert_eq!(got, want, "{:?}", self.result);
    }

    /// The flow's decision on the `i`th response, where the adapter
    /// reports it (see [`Step::decision`]).
    fn reported(&self, i: usize) -> Option<&Decision> {
        self.steps[i].decision.as_ref()
    }

    /// The flow's decision on the final response, which both adapters
    /// report.
    fn decided(&self) -> (Next, Why) {
        let d = self.last();
        (d.next(), d.why())
    }

    fn last(&self) -> &Decision {
        let last = self.steps.last().expect("a request");
        last.decision
            .as_ref()
            .expect("a decision on the final response")
    }

    /// The final status.
    fn status(&self) -> u16 {
        self.result.as_ref().unwrap().0
    }

    /// The credentials of the `i`th request, as text.
    fn sent(&self, i: usize) -> String {
        String::from_utf8(self.steps[i].sent.clone().unwrap()).unwrap()
    }
}

fn ok(status: u16, body: &str) -> Result<(u16, String), String> {
    Ok((status, format!("{body}\n")))
}

fn flow(srv: &Authserve) -> Flow {
    Flow::for_url(&srv.url("/")).unwrap()
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
    r.assert_steps(&["401 retry -", "200 done Basic"]);
    assert_eq!(r.decided(), (Next::Done, Why::NotChallenged));
    if let Some(d) = r.reported(0) {
        assert_eq!(d.challenges(), ["Basic"]);
    }

    let r = run(
        flow(&srv).user("jürgen", "pässwörd€"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Basic","user":"jürgen"}"#));
    r.assert_steps(&["401 retry -", "200 done Basic"]);

    // A wrong password is answered once, then given up: no loop.
    let r = run(
        flow(&srv).user("alice", "looking-glass"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.status(), 401);
    r.assert_steps(&["401 retry -", "401 give_up Basic"]);
    assert_eq!(r.decided(), (Next::GiveUp, Why::Rejected));
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
    r.assert_steps(&["200 done Bearer"]);

    // No token source: the 401 stands.
    let r = run(flow(&srv).bearer("forged-token"), &url, Setup::default()).await;
    assert_eq!(r.status(), 401);
    r.assert_steps(&["401 give_up Bearer"]);
    assert_eq!(r.decided(), (Next::GiveUp, Why::NoNewToken));

    // A source whose new token is refused too: one refresh, then give up.
    let setup = Setup {
        refresh_to: Some("forged-again"),
        ..Setup::default()
    };
    let r = run(flow(&srv).bearer("forged-token"), &url, setup).await;
    assert_eq!(r.status(), 401);
    r.assert_steps(&["401 refresh Bearer", "401 give_up Bearer"]);
    assert_eq!(r.decided(), (Next::GiveUp, Why::RefreshedTokenRejected));
    // RFC 9728 §5.1: the metadata URL, on the request's origin, reported.
    if let Some(d) = r.reported(0) {
        let m = d.resource_metadata().unwrap();
        assert_eq!(m.url, srv.url("/.well-known/oauth-protected-resource"));
        assert!(m.on_origin);
    }
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
    r.assert_steps(&["401 refresh Bearer", "200 done Bearer"]);
    assert_eq!(r.decided(), (Next::Done, Why::NotChallenged));
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
    assert_eq!(r.status(), 403);
    r.assert_steps(&["403 give_up Bearer"]);
    assert_eq!(r.decided(), (Next::GiveUp, Why::NoNewToken));
    assert_eq!(r.last().step_up().unwrap().scopes, union);

    // With a token for them: 200.
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
    r.assert_steps(&["403 step_up Bearer", "200 done Bearer"]);
    assert_eq!(*asked.lock().unwrap(), [union.map(String::from).to_vec()]);

    // A step-up token without the scope: the second 403 widens nothing, so
    // the flow gives up.
    let setup = Setup {
        step_up_to: Some("read-token"),
        ..Setup::default()
    };
    let r = run(read(), &url, setup).await;
    assert_eq!(r.status(), 403);
    r.assert_steps(&["403 step_up Bearer", "403 give_up Bearer"]);
    assert_eq!(r.decided(), (Next::GiveUp, Why::ScopeNotWidened));
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
    r.assert_steps(&["401 retry -", "200 done Digest SHA-256"]);
    assert_eq!(r.decided(), (Next::Done, Why::NotChallenged));
    if let Some(d) = r.reported(0) {
        assert_eq!(d.challenges(), ["Digest", "Digest"]);
    }
    let info = r.info.as_deref().unwrap();
    assert!(info.contains("rspauth=\""), "{info}");
    // The request-target in `uri`, not the absolute URL (diqwest #1).
    let sent = r.sent(1);
    assert!(sent.contains(r#"uri="/digest""#), "{sent}");
    assert!(sent.contains("algorithm=SHA-256"), "{sent}");

    // The same exchange with one digit of rspauth changed: refused.
    let setup = Setup {
        spoil_rspauth: true,
        ..Setup::default()
    };
    let r = run(mufasa(), &url, setup).await;
    let e = r.result.as_ref().unwrap_err();
    assert!(e.contains("rspauth"), "{e}");
    r.assert_steps(&["401 retry -", "200 give_up Digest SHA-256"]);

    // A wrong password: answered once, then given up.
    let r = run(
        flow(&srv).user("Mufasa", "Hakuna Matata"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.status(), 401);
    r.assert_steps(&["401 retry -", "401 give_up Digest SHA-256"]);
    assert_eq!(r.decided(), (Next::GiveUp, Why::Rejected));
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
    r.assert_steps(&["401 retry -", "200 done Digest SHA-256"]);
    let sent = r.steps[1].sent.clone().unwrap();
    let quoted = "username=\"jürgen\"".as_bytes();
    assert!(sent.windows(quoted.len()).any(|w| w == quoted));

    let r = run(
        jurgen().username_form(UsernameForm::ExtValue),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"jürgen"}"#));
    let sent = r.sent(1);
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
    r.assert_steps(&["401 retry -", "200 done Digest SHA-256"]);
    if let Some(d) = r.reported(0) {
        assert_eq!(d.challenges(), ["Bearer", "Digest", "Digest", "Basic"]);
    }
    // A Basic-only account: Digest is tried (it is offered and stronger),
    // refused, and the flow gives up rather than fall back to Basic.
    let r = run(
        flow(&srv).user("alice", "wonderland"),
        &url,
        Setup::default(),
    )
    .await;
    assert_eq!(r.status(), 401);
    r.assert_steps(&["401 retry -", "401 give_up Digest SHA-256"]);
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
    r.assert_steps(&["200 done Bearer"]);
}

// RFC 9110 §11.7, §15.5.8: `authserve --proxy` answers 407 with
// Proxy-Authenticate; the flow answers with Proxy-Authorization. The
// adapter talks to it as to an HTTP proxy (absolute-form targets, RFC 9112
// §3.2.2), and the origin's name is never resolved.
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
    r.assert_steps(&["407 retry -", "200 done Basic"]);
    if let Some(d) = r.reported(0) {
        assert_eq!(d.target(), Some(Target::Proxy));
    }

    let digest = flow()
        .proxy_user("Mufasa", "Circle of Life")
        .require_rspauth(true);
    let r = run(digest, &format!("{origin}/digest"), via()).await;
    assert_eq!(r.result, ok(200, r#"{"scheme":"Digest","user":"Mufasa"}"#));
    r.assert_steps(&["407 retry -", "200 done Digest SHA-256"]);
    assert!(r.info.unwrap().contains("rspauth=\""));

    let r = run(flow().proxy_user("alice", "looking-glass"), &basic, via()).await;
    assert_eq!(r.status(), 407);
    r.assert_steps(&["407 retry -", "407 give_up Basic"]);
    assert_eq!(r.decided(), (Next::GiveUp, Why::Rejected));
    assert_eq!(r.last().target(), Some(Target::Proxy));
}
