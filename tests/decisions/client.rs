//! The client decision helper: what to do after a 401 or 403.

use auth_headers::client::{next_step, Action};
use auth_headers::parse_challenges;

fn decide(v: &str, supported: &[&str]) -> (Action, Option<String>) {
    let list = parse_challenges(v).unwrap();
    let s = next_step(list.iter(), supported);
    (s.action(), s.scheme().map(String::from))
}

// RFC 6750 §3.1: one action per error code, and no error means authenticate.
#[test]
fn bearer_error_codes() {
    let cases = [
        (r#"Bearer realm="example""#, Action::Authenticate),
        (
            r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
            Action::RefreshToken,
        ),
        (
            r#"Bearer error="insufficient_scope", scope="a b""#,
            Action::RequestScope,
        ),
        (r#"Bearer error="invalid_request""#, Action::FixRequest),
        (
            r#"Bearer error="insufficient_user_authentication", acr_values="phr""#,
            Action::StepUp,
        ),
        (r#"Bearer error="some_new_code""#, Action::Authenticate),
    ];
    for (v, action) in cases {
        assert_eq!(decide(v, &["Bearer"]).0, action, "{v}");
    }
}

// RFC 9449 §9: use_dpop_nonce means retry with the DPoP-Nonce value; errors are read per scheme.
#[test]
fn dpop_nonce_and_per_scheme_errors() {
    let v = r#"Bearer realm="api", DPoP algs="ES256 PS256", error="use_dpop_nonce""#;
    let list = parse_challenges(v).unwrap();
    let s = next_step(list.iter(), &["Bearer", "DPoP"]);
    assert_eq!(s.action(), Action::RetryWithDpopNonce);
    assert_eq!(s.scheme(), Some("DPoP"));
    assert_eq!(
        s.dpop_algs().unwrap().collect::<Vec<_>>(),
        ["ES256", "PS256"]
    );
    // A client that does only Bearer answers the Bearer challenge afresh.
    assert_eq!(
        decide(v, &["bearer"]),
        (Action::Authenticate, Some("Bearer".into()))
    );
    assert_eq!(
        decide(r#"DPoP error="invalid_dpop_proof""#, &[]).0,
        Action::FixDpopProof
    );
}

// Basic, Digest or Negotiate offered: authenticate with the first supported one, in server order.
#[test]
fn other_schemes_and_order() {
    let v = r#"Negotiate, Digest realm="r", nonce="n", Basic realm="simple""#;
    assert_eq!(
        decide(v, &["Basic", "Digest"]),
        (Action::Authenticate, Some("Digest".into()))
    );
    assert_eq!(
        decide(v, &["Basic"]),
        (Action::Authenticate, Some("Basic".into()))
    );
    assert_eq!(
        decide(v, &[]),
        (Action::Authenticate, Some("Negotiate".into()))
    );
    assert_eq!(decide(v, &["Bearer"]), (Action::Unsupported, None));
    assert_eq!(decide("", &[]), (Action::Unsupported, None));
    // A Bearer error decides even when another scheme comes first.
    let v = r#"Basic realm="x", Bearer error="invalid_token""#;
    assert_eq!(
        decide(v, &[]),
        (Action::RefreshToken, Some("Bearer".into()))
    );
}

// RFC 9728 §5.1: resource_metadata, realm and scope are at hand.
#[test]
fn surfaces_realm_scope_and_resource_metadata() {
    let v = r#"Bearer realm="mcp", error="insufficient_scope", scope="tools:call", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", error_description="needs tools:call""#;
    let list = parse_challenges(v).unwrap();
    let s = next_step(list.iter(), &["Bearer"]);
    assert_eq!(s.action(), Action::RequestScope);
    assert!(s.realm().unwrap().eq_str("mcp"));
    assert_eq!(s.scope().unwrap().collect::<Vec<_>>(), ["tools:call"]);
    assert!(s
        .resource_metadata()
        .unwrap()
        .eq_str("https://mcp.example.com/.well-known/oauth-protected-resource"));
    assert!(s.error_description().unwrap().eq_str("needs tools:call"));
    // RFC 9470 §3 step-up fields.
    let list = parse_challenges(r#"Bearer error="insufficient_user_authentication", acr_values="urn:mace:incommon:iap:silver phr", max_age=300"#).unwrap();
    let s = next_step(list.iter(), &[]);
    assert_eq!(
        s.acr_values().unwrap().collect::<Vec<_>>(),
        ["urn:mace:incommon:iap:silver", "phr"]
    );
    assert_eq!(s.max_age(), Some(300));
}
