//! The DPoP resource server's decisions (RFC 9449 §4.3, §7.1, §9): the
//! replies written byte for byte after the RFC's figures, the status of
//! each code shared with Bearer (RFC 6750 §3.1), the request's shape, and
//! every challenge clean for the crate's own linter.

use auth_headers::lint::{lint, Severity};
use auth_headers::schemes::bearer::ErrorCode;
use auth_headers::schemes::dpop::{DpopChallenge, DpopNonce, DpopProof};
use auth_headers::server::{BearerServer, DpopOutcome, DpopServer, Outcome, Reply};
use auth_headers::{parse_challenges, ErrorKind};
use auth_headers_testkit::DPOP_PROOF as PROOF;

/// RFC 9449 Figure 13's access token.
const TOKEN: &str = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";

/// Status and challenge of `reply`; the challenge parses, validates as a
/// DPoP challenge, and lints with nothing above `Info`.
fn written(reply: &Reply<'_>) -> (u16, String) {
    let v = reply.www_authenticate().unwrap().to_string().unwrap();
    let list = parse_challenges(&v).unwrap();
    let d = DpopChallenge::find(&list).unwrap();
    d.validate().unwrap();
    assert_eq!(d.status(), reply.status(), "{v}");
    let findings = lint("WWW-Authenticate", &v);
    assert!(
        findings.iter().all(|f| f.severity == Severity::Info),
        "{v}: {findings:?}"
    );
    (reply.status(), v)
}

// RFC 9449 §7.1 Figures 15 and 16, §9 Figure 24, with this server's realm;
// the status of each code is RFC 6750 §3.1's (and §7.1, §9: 401).
#[test]
fn replies_after_the_rfc_figures() {
    let api = DpopServer::new("api").algs("ES256 PS256");
    let r = |o: DpopOutcome<'static>| written(&api.reply(o).unwrap());
    assert_eq!(
        r(Outcome::NoCredentials.into()),
        (401, r#"DPoP realm="api", algs="ES256 PS256""#.into())
    );
    assert_eq!(
        r(Outcome::InvalidCredentials {
            description: Some("Invalid DPoP key binding")
        }
        .into()),
        (
            401,
            r#"DPoP realm="api", algs="ES256 PS256", error="invalid_token", error_description="Invalid DPoP key binding""#
                .into()
        )
    );
    let nonce = DpopNonce::new("eyJ7S_zG.eyJH0-Z.HX4w-7v").unwrap();
    let reply = api
        .reply(DpopOutcome::UseNonce {
            nonce,
            description: Some("Resource server requires nonce in DPoP proof"),
        })
        .unwrap();
    assert_eq!(
        written(&reply),
        (
            401,
            r#"DPoP realm="api", algs="ES256 PS256", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#
                .into()
        )
    );
    assert_eq!(reply.dpop_nonce(), Some(nonce));
    assert_eq!(
        r(DpopOutcome::InvalidProof { description: None }),
        (
            401,
            r#"DPoP realm="api", algs="ES256 PS256", error="invalid_dpop_proof""#.into()
        )
    );
    assert_eq!(
        r(Outcome::Malformed { description: None }.into()).0,
        400,
        "RFC 6750 §3.1: invalid_request is 400"
    );
    assert_eq!(
        r(Outcome::InsufficientScope {
            scope: "files:write",
            description: None
        }
        .into()),
        (
            403,
            r#"DPoP realm="api", algs="ES256 PS256", error="insufficient_scope", scope="files:write""#
                .into()
        )
    );
    // No nonce on any other reply.
    assert_eq!(
        api.reply(DpopOutcome::InvalidProof { description: None })
            .unwrap()
            .dpop_nonce(),
        None
    );
}

// One writer for Bearer and DPoP: the same outcome gives the same status,
// error and parameters; only the scheme and `algs` differ.
#[test]
fn dpop_and_bearer_share_codes_and_statuses() {
    let meta = "https://api.example/.well-known/oauth-protected-resource";
    let bearer = BearerServer::new("api")
        .resource_metadata(meta)
        .error_uri("https://api.example/errors");
    let dpop = DpopServer::new("api")
        .resource_metadata(meta)
        .error_uri("https://api.example/errors");
    for o in [
        Outcome::NoCredentials,
        Outcome::Malformed {
            description: Some("two tokens"),
        },
        Outcome::InvalidCredentials { description: None },
        Outcome::InsufficientScope {
            scope: "a b",
            description: Some("step up"),
        },
    ] {
        let b = bearer.reply(o).unwrap();
        let d = dpop.reply(o).unwrap();
        assert_eq!(b.status(), d.status(), "{o:?}");
        assert_eq!(
            o.error_code().and_then(|c| c.status()).unwrap_or(401),
            d.status()
        );
        let (b, d) = (
            b.www_authenticate().unwrap().to_string().unwrap(),
            written(&d).1,
        );
        assert_eq!(b.strip_prefix("Bearer"), d.strip_prefix("DPoP"), "{o:?}");
    }
    assert_eq!(
        DpopOutcome::InvalidProof { description: None }.error_code(),
        Some(ErrorCode::InvalidDpopProof)
    );
    // RFC 6750 §3's characters, checked for DPoP's texts too.
    assert!(dpop
        .reply(DpopOutcome::InvalidProof {
            description: Some("a \"quoted\" word")
        })
        .is_err());
    assert!(DpopServer::new("api")
        .algs("ES256\\")
        .reply(Outcome::NoCredentials)
        .is_err());
    // An empty `algs` writes none.
    assert_eq!(
        written(
            &DpopServer::new("api")
                .algs("")
                .reply(Outcome::NoCredentials)
                .unwrap()
        )
        .1,
        r#"DPoP realm="api""#
    );
}

// RFC 9449 §7.1 (the scheme and token68), §4.3 check 1 (one DPoP header),
// §4.2 and RFC 7515 §7.1 (the proof's shape).
#[test]
fn reading_the_request() {
    let api = DpopServer::new("api");
    let auth = format!("DPoP {TOKEN}");
    let req = api.read(Some(auth.as_str()), [PROOF]).unwrap();
    assert_eq!(req.token(), TOKEN);
    assert_eq!(req.proof().as_str(), PROOF);
    assert!(req
        .proof()
        .payload()
        .starts_with("eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiw"));
    // Scheme names compare case-insensitively (RFC 9110 §11.1).
    assert!(api.read(Some("dpop abc"), [PROOF]).is_ok());
    let no = DpopOutcome::OAuth(Outcome::NoCredentials);
    assert_eq!(api.read::<str, [&str; 0]>(None, []).unwrap_err(), no);
    assert_eq!(api.read(Some("Bearer abc"), [PROOF]).unwrap_err(), no);
    for bad in ["DPoP: abc", "DPoP a b", "DPoP", "DPoPabc"] {
        assert!(
            matches!(
                api.read(Some(bad), [PROOF]),
                Err(DpopOutcome::OAuth(Outcome::Malformed {
                    description: Some(_)
                }))
            ),
            "{bad}"
        );
    }
    let invalid = |proofs: &[&str]| match api.read(Some("DPoP abc"), proofs.iter().copied()) {
        Err(DpopOutcome::InvalidProof {
            description: Some(d),
        }) => d,
        r => panic!("{proofs:?}: {r:?}"),
    };
    assert!(invalid(&[]).starts_with("no DPoP header"));
    assert!(invalid(&[PROOF, PROOF]).starts_with("more than one DPoP header"));
    for bad in [
        "", "a.b", "a.b.c.d", "a..c", ".b.c", "a.b.", "a.b.c=", "a.b.c d", "a+b.c.d",
    ] {
        assert!(invalid(&[bad]).contains("compact serialization"), "{bad:?}");
    }
}

#[test]
fn proof_shape_errors() {
    let e = DpopProof::parse("eyJ0.eyJq.c2ln=").unwrap_err();
    assert_eq!(e.offset(), 14);
    assert!(matches!(e.kind(), ErrorKind::InvalidValue(_)));
    assert_eq!(DpopProof::parse("abc").unwrap_err().offset(), 3);
    assert_eq!(DpopProof::parse("").unwrap_err().kind(), ErrorKind::Empty);
    // Base64url is ASCII (RFC 4648 §5, RFC 7515 §2): a byte at or above
    // 0x80, part of a UTF-8 character or not, is refused where it stands,
    // in any segment.
    let e = DpopProof::parse("eyJ0.eyJ\u{e9}.c2ln").unwrap_err();
    assert_eq!(e.offset(), 8);
    assert!(matches!(e.kind(), ErrorKind::InvalidValue(_)));
    for at in 0..PROOF.len() {
        if PROOF.as_bytes()[at] == b'.' {
            continue;
        }
        for b in [0x80u8, 0xc3, 0xe9, 0xff] {
            let mut v = PROOF.as_bytes().to_vec();
            v[at] = b;
            let e = DpopProof::parse(&v).unwrap_err();
            assert_eq!(e.offset(), at, "{b:#04x} at {at}");
            assert!(matches!(e.kind(), ErrorKind::InvalidValue(_)));
        }
    }
    // Debug shows no part of the proof.
    let p = DpopProof::parse(PROOF).unwrap();
    assert!(!format!("{p:?}").contains("eyJ"));
    let req = DpopServer::new("api")
        .read(Some("DPoP secret-token"), [PROOF])
        .unwrap();
    let d = format!("{req:?}");
    assert!(!d.contains("secret-token") && !d.contains("eyJ"), "{d}");
}

#[test]
fn nonce_syntax() {
    // RFC 9449 §8.1: 1*NQCHAR.
    assert!(DpopNonce::new("!#[]~").is_ok());
    for bad in ["", " ", "a b", "a\"b", "a\\b", "caf\u{e9}"] {
        assert!(DpopNonce::new(bad).is_err(), "{bad:?}");
    }
    assert_eq!(
        DpopNonce::new("ab cd").unwrap_err().kind(),
        ErrorKind::ForbiddenByScheme(b' ')
    );
}

#[cfg(feature = "http")]
mod with_http {
    use super::*;
    use http::header::{HeaderMap, AUTHORIZATION};

    fn map(lines: &[(&'static str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (n, v) in lines {
            m.append(*n, v.parse().unwrap());
        }
        m
    }

    // RFC 9110 §11.6.2 (one Authorization) and RFC 9449 §4.3 check 1 (one
    // DPoP), read from a HeaderMap; DPoP never reads Proxy-Authorization
    // (RFC 9449 §7.1).
    #[test]
    fn read_headers() {
        let api = DpopServer::new("api");
        let auth = format!("DPoP {TOKEN}");
        let ok = map(&[("authorization", &auth), ("dpop", PROOF)]);
        assert_eq!(api.read_headers(&ok).unwrap().token(), TOKEN);
        let two = map(&[
            ("authorization", &auth),
            ("authorization", &auth),
            ("dpop", PROOF),
        ]);
        match api.read_headers(&two) {
            Err(DpopOutcome::OAuth(Outcome::Malformed {
                description: Some(d),
            })) => assert!(d.contains("one credentials"), "{d}"),
            r => panic!("{r:?}"),
        }
        let proxy = map(&[("proxy-authorization", &auth), ("dpop", PROOF)]);
        assert_eq!(
            api.read_headers(&proxy).unwrap_err(),
            Outcome::NoCredentials.into()
        );
        let two_proofs = map(&[("authorization", &auth), ("dpop", PROOF), ("dpop", PROOF)]);
        assert!(matches!(
            api.read_headers(&two_proofs),
            Err(DpopOutcome::InvalidProof { .. })
        ));
        assert!(ok.contains_key(AUTHORIZATION));
    }

    // RFC 9449 §9 Figure 24: the 401 with its DPoP-Nonce header, one only
    // (§8: "MUST NOT be more than one").
    #[test]
    fn use_nonce_response() {
        let api = DpopServer::new("api").algs("ES256");
        let nonce = DpopNonce::new("eyJ7S_zG.eyJH0-Z.HX4w-7v").unwrap();
        let reply = api
            .reply(DpopOutcome::UseNonce {
                nonce,
                description: None,
            })
            .unwrap();
        let r: http::Response<()> = reply.to_response().unwrap();
        assert_eq!(r.status(), 401);
        assert_eq!(
            r.headers()["www-authenticate"],
            r#"DPoP realm="api", algs="ES256", error="use_dpop_nonce""#
        );
        assert_eq!(r.headers()["dpop-nonce"], "eyJ7S_zG.eyJH0-Z.HX4w-7v");
        let mut headers = HeaderMap::new();
        headers.append("dpop-nonce", "old".parse().unwrap());
        reply.append_to(&mut headers).unwrap();
        let nonces: Vec<_> = headers.get_all("dpop-nonce").iter().collect();
        assert_eq!(nonces, ["eyJ7S_zG.eyJH0-Z.HX4w-7v"]);
        // The nonce alone, for a response that writes its challenges itself.
        let mut headers = HeaderMap::new();
        headers.append("dpop-nonce", "old".parse().unwrap());
        headers.append("dpop-nonce", "older".parse().unwrap());
        reply.insert_dpop_nonce(&mut headers);
        let nonces: Vec<_> = headers.get_all("dpop-nonce").iter().collect();
        assert_eq!(nonces, ["eyJ7S_zG.eyJH0-Z.HX4w-7v"]);
        assert_eq!(headers.len(), 1);
        // Other replies carry none, and leave the map as it is.
        let none = api.reply(Outcome::NoCredentials).unwrap();
        let r: http::Response<()> = none.to_response().unwrap();
        assert!(r.headers().get("dpop-nonce").is_none());
        let before = headers.clone();
        none.insert_dpop_nonce(&mut headers);
        assert_eq!(headers, before);
    }
}
