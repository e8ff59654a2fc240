//! Properties of the client flow (issue 19): on arbitrary response heads
//! it never panics, never sends credentials to an origin other than the
//! one they were given for (curl CVE-2018-1000007), and never exceeds its
//! bound on attempts (no loops).

use crate::cases::config;
use auth_headers::client::flow::{Exchange, Flow, Next, StepUp, TokenSource};
use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, PROXY_AUTHORIZATION};
use http::{Method, StatusCode, Uri};
use proptest::prelude::*;

const URLS: [&str; 6] = [
    "http://a.test/dir/x",
    "http://a.test/other?q=1",
    "http://A.TEST:80/dir/y",
    "https://a.test/dir/x",
    "http://a.test:8080/dir/x",
    "http://b.test/dir/x",
];

fn on_origin(url: &str) -> bool {
    url.to_ascii_lowercase().starts_with("http://a.test/")
        || url.to_ascii_lowercase().starts_with("http://a.test:80/")
}

/// Challenge-ish values: real schemes and parameters mixed with noise.
fn value() -> impl Strategy<Value = Vec<u8>> {
    let part = prop_oneof![
        Just("Basic realm=\"r\"".to_string()),
        Just("Bearer".to_string()),
        Just("Bearer error=\"invalid_token\"".to_string()),
        Just("Bearer error=\"insufficient_scope\", scope=\"a b\"".to_string()),
        Just("Bearer error=\"insufficient_user_authentication\", acr_values=\"x\", max_age=9".to_string()),
        Just("DPoP error=\"use_dpop_nonce\"".to_string()),
        Just("Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-256".to_string()),
        Just("Digest realm=\"r\", nonce=\"m\", algorithm=MD5, stale=true".to_string()),
        Just("Digest realm=\"r\", nonce=\"k\", qop=\"auth-int\", algorithm=SHA-512-256, userhash=true".to_string()),
        Just("NTLM".to_string()),
        Just("Negotiate abc==".to_string()),
        Just("resource_metadata=\"http://b.test/m\"".to_string()),
        "[ -~]{0,24}",
    ];
    prop::collection::vec(part, 0..4).prop_map(|v| v.join(", ").into_bytes())
}

fn head() -> impl Strategy<Value = (u16, Vec<(u8, Vec<u8>)>)> {
    (
        prop::sample::select(vec![200u16, 204, 302, 400, 401, 403, 407, 500]),
        prop::collection::vec((0u8..5, value()), 0..4),
    )
}

struct Always;

impl TokenSource for Always {
    fn refresh(&mut self) -> Option<String> {
        Some("fresh".into())
    }
    fn step_up(&mut self, _: &StepUp) -> Option<String> {
        Some("stepped".into())
    }
}

const FIELDS: [&str; 5] = [
    "www-authenticate",
    "proxy-authenticate",
    "authentication-info",
    "dpop-nonce",
    "proxy-authentication-info",
];

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn never_panics_leaks_or_loops(
        requests in prop::collection::vec((0..URLS.len(), prop::collection::vec(head(), 1..6)), 1..5),
        max in 1u8..6,
    ) {
        let mut flow = Flow::for_url("http://a.test/")
            .unwrap()
            .user("u", "p")
            .bearer("tok")
            .max_attempts(max);
        #[cfg(feature = "digest")]
        {
            flow = flow.random(Box::new(|b| { b.fill(1); Ok(()) }));
        }
        for (u, responses) in requests {
            let uri: Uri = URLS[u].parse().unwrap();
            let mut ex = Exchange::new();
            let mut sent = 0u8;
            for (status, lines) in responses {
                let mut h = HeaderMap::new();
                if flow.authorize_parts(&mut ex, &Method::GET, &uri, &mut h, Some(b"")).is_err() {
                    break;
                }
                sent += 1;
                prop_assert!(!h.contains_key(PROXY_AUTHORIZATION), "no proxy credentials were given");
                if !on_origin(URLS[u]) {
                    prop_assert!(!h.contains_key(AUTHORIZATION), "credentials sent to {}", URLS[u]);
                }
                let mut res = HeaderMap::new();
                for (f, v) in lines {
                    if let Ok(v) = HeaderValue::from_bytes(&v) {
                        res.append(HeaderName::from_static(FIELDS[usize::from(f)]), v);
                    }
                }
                let d = flow.on_response(&mut ex, StatusCode::from_u16(status).unwrap(), &res);
                let _ = format!("{d:?} {flow:?} {ex:?}");
                match flow.resolve(&d, &mut Always) {
                    Next::Retry => prop_assert!(sent < max, "a retry beyond the bound"),
                    _ => break,
                }
            }
            prop_assert!(sent <= max);
        }
    }
}
