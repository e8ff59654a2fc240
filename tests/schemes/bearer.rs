//! Bearer (RFC 6750, RFC 9728 §5.1, RFC 9470) and DPoP (RFC 9449): typed
//! challenges, status codes and credentials with their common mistakes.

use auth_headers::schemes::bearer::{self, BearerChallenge, ErrorCode};
use auth_headers::schemes::dpop::{self, DpopChallenge};
use auth_headers::{parse_challenges, ErrorKind};

// RFC 6750 §3: the two examples of the section.
#[test]
fn rfc6750_section3_examples() {
    let list = parse_challenges(r#"Bearer realm="example""#).unwrap();
    let b = BearerChallenge::find(&list).unwrap();
    assert!(b.realm().unwrap().eq_str("example"));
    assert_eq!(b.error(), None);
    assert_eq!(b.status(), 401);
    b.validate().unwrap();

    let v = r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#;
    let list = parse_challenges(v).unwrap();
    let b = BearerChallenge::find(&list).unwrap();
    assert_eq!(b.error(), Some(ErrorCode::InvalidToken));
    assert!(b
        .error_description()
        .unwrap()
        .eq_str("The access token expired"));
    assert_eq!(b.status(), 401);
    b.validate().unwrap();
}

// RFC 6750 §3.1: each error code and its status; no error is 401.
#[test]
fn rfc6750_section3_1_status_codes() {
    for (code, status, variant) in [
        ("invalid_request", 400, ErrorCode::InvalidRequest),
        ("invalid_token", 401, ErrorCode::InvalidToken),
        ("insufficient_scope", 403, ErrorCode::InsufficientScope),
    ] {
        let v = format!(r#"Bearer realm="r", error="{code}""#);
        let list = parse_challenges(&v).unwrap();
        let b = BearerChallenge::find(&list).unwrap();
        assert_eq!(b.error(), Some(variant));
        assert_eq!(variant.as_str(), Some(code));
        assert_eq!(b.status(), status, "{code}");
    }
    // An unknown code is kept as text and is not an error; it goes with 401.
    let list = parse_challenges(r#"Bearer error="token_revoked""#).unwrap();
    let b = BearerChallenge::find(&list).unwrap();
    match b.error() {
        Some(ErrorCode::Other(v)) => assert!(v.eq_str("token_revoked")),
        other => panic!("{other:?}"),
    }
    assert_eq!(b.error().unwrap().status(), None);
    assert_eq!(b.status(), 401);
    b.validate().unwrap();
}

// RFC 6750 §3: scope is scope-token *( SP scope-token ).
#[test]
fn rfc6750_scope() {
    let v = r#"Bearer realm="r", error="insufficient_scope", scope="openid profile email""#;
    let list = parse_challenges(v).unwrap();
    let b = BearerChallenge::find(&list).unwrap();
    let scope: Vec<_> = b.scope().unwrap().collect();
    assert_eq!(scope, ["openid", "profile", "email"]);
    assert!(b.scope().unwrap().contains("profile"));
    assert!(!b.scope().unwrap().contains("Profile"));
    assert_eq!(b.status(), 403);
    b.validate().unwrap();
    // A token value also works: scope=read
    let list = parse_challenges("Bearer scope=read").unwrap();
    assert_eq!(
        BearerChallenge::find(&list)
            .unwrap()
            .scope()
            .unwrap()
            .collect::<Vec<_>>(),
        ["read"]
    );
    // Two spaces, a leading and a trailing space break the rule.
    for (v, at) in [
        (r#"Bearer scope="a  b""#, 16),
        (r#"Bearer scope=" a""#, 14),
        (r#"Bearer scope="a ""#, 15),
    ] {
        let list = parse_challenges(v).unwrap();
        let e = BearerChallenge::find(&list)
            .unwrap()
            .validate()
            .unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::InvalidValue(_)), "{v}");
        assert_eq!(e.offset(), at, "{v}");
    }
}

// RFC 6750 §3: error and error_description within %x20-21 / %x23-5B / %x5D-7E,
// error_uri and scope tokens without SP.
#[test]
fn rfc6750_section3_character_sets() {
    let cases = [
        (r#"Bearer error_description="say \"hi\"""#, b'"'),
        (r#"Bearer error_description="back\\slash""#, b'\\'),
        ("Bearer error_description=\"caf\u{e9}\"", 0xC3),
        ("Bearer error_description=\"tab\there\"", b'\t'),
        (r#"Bearer error_uri="https://x.example/a b""#, b' '),
        (r#"Bearer scope="a\"b""#, b'"'),
        (r#"Bearer error="bad\"code""#, b'"'),
    ];
    for (v, byte) in cases {
        let list = parse_challenges(v).unwrap();
        let e = BearerChallenge::find(&list)
            .unwrap()
            .validate()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ForbiddenByScheme(byte), "{v}");
        // The offset points at the offending byte (after its backslash, if escaped).
        assert_eq!(v.as_bytes()[e.offset()], byte, "{v}");
    }
    // RFC 6750 §3: "MUST NOT appear more than once".
    let list = parse_challenges(r#"Bearer realm="a", error="invalid_token", realm="b""#).unwrap();
    let e = BearerChallenge::find(&list)
        .unwrap()
        .validate()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DuplicateParam);
    // RFC 6750 §3: a Bearer challenge carries parameters, not a token68.
    let list = parse_challenges("Bearer abc").unwrap();
    let e = BearerChallenge::find(&list)
        .unwrap()
        .validate()
        .unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::ExpectedParams, 7));
}

// RFC 9728 §5.1 resource_metadata and RFC 9470 §3 acr_values / max_age.
#[test]
fn rfc9728_and_rfc9470_parameters() {
    let v = r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource""#;
    let list = parse_challenges(v).unwrap();
    let b = BearerChallenge::find(&list).unwrap();
    assert!(b
        .resource_metadata()
        .unwrap()
        .eq_str("https://resource.example.com/.well-known/oauth-protected-resource"));
    b.validate().unwrap();

    // RFC 9470 §3 example.
    let v = r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR""#;
    let list = parse_challenges(v).unwrap();
    let b = BearerChallenge::find(&list).unwrap();
    assert_eq!(b.error(), Some(ErrorCode::InsufficientUserAuthentication));
    assert_eq!(b.acr_values().unwrap().collect::<Vec<_>>(), ["myACR"]);
    assert_eq!(b.status(), 401);
    b.validate().unwrap();

    let v = r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5""#;
    let list = parse_challenges(v).unwrap();
    let b = BearerChallenge::find(&list).unwrap();
    assert_eq!(b.max_age(), Some(5));
    b.validate().unwrap();

    let list = parse_challenges(r#"Bearer max_age="soon""#).unwrap();
    let b = BearerChallenge::find(&list).unwrap();
    assert_eq!(b.max_age(), None);
    assert_eq!(b.validate().unwrap_err().offset(), 16);
}

// RFC 6750 §2.1 credentials, and the common mistakes named precisely.
#[test]
fn rfc6750_credentials_and_mistakes() {
    let t = bearer::parse_credentials("Bearer mF_9.B5f-4.1JqM").unwrap();
    assert_eq!(
        (t.token(), t.offset(), t.spaces_after_scheme()),
        ("mF_9.B5f-4.1JqM", 7, 1)
    );
    // Scheme names compare case-insensitively.
    assert_eq!(
        bearer::parse_credentials("bearer x").unwrap().scheme(),
        "bearer"
    );
    assert_eq!(bearer::parse_credentials("BEARER x").unwrap().token(), "x");
    // Padding is part of the b64token.
    assert_eq!(
        bearer::parse_credentials("Bearer abc==").unwrap().token(),
        "abc=="
    );
    // Two spaces: valid (1*SP), but counted for linters.
    let t = bearer::parse_credentials("Bearer  eyJ.a.b").unwrap();
    assert_eq!((t.token(), t.spaces_after_scheme()), ("eyJ.a.b", 2));

    for (v, kind, at) in [
        ("Bearer: eyJ.a.b", ErrorKind::ColonAfterScheme, 6),
        ("Bearer:eyJ.a.b", ErrorKind::ColonAfterScheme, 6),
        ("Bearer; eyJ.a.b", ErrorKind::ColonAfterScheme, 6),
        ("BearereyJ.a.b", ErrorKind::NoSpaceAfterScheme, 6),
        ("bearereyJ.a.b", ErrorKind::NoSpaceAfterScheme, 6),
        ("Bearer eyJ.a.b ", ErrorKind::TrailingWhitespace, 14),
        ("Bearer", ErrorKind::MissingToken, 6),
        ("Bearer ", ErrorKind::MissingToken, 6),
        ("Bearer   ", ErrorKind::MissingToken, 6),
        ("", ErrorKind::Empty, 0),
        ("Basic QWxh", ErrorKind::WrongScheme, 0),
        ("Bearer a=b", ErrorKind::ExpectedToken68, 7),
        ("Bearer eyJ a", ErrorKind::Token68NotAlone, 11),
        ("Bearer eyJ\"", ErrorKind::Token68NotAlone, 10),
        (" Bearer x", ErrorKind::LeadingWhitespace, 0),
    ] {
        let e = bearer::parse_credentials(v).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (kind, at), "{v:?}");
    }
    // The messages name the fix.
    let e = bearer::parse_credentials("Bearer: x").unwrap_err();
    assert!(e.to_string().contains("`Bearer <token>`"), "{e}");
    // Debug never shows the token.
    let t = bearer::parse_credentials("Bearer secret-token").unwrap();
    assert!(!format!("{t:?}").contains("secret"));
}

// RFC 9449 §7.1 and §9: DPoP challenges and credentials.
#[test]
fn rfc9449_dpop() {
    // RFC 9449 §7.1 example.
    let v =
        r#"DPoP error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256""#;
    let list = parse_challenges(v).unwrap();
    let d = DpopChallenge::find(&list).unwrap();
    assert_eq!(d.error(), Some(ErrorCode::InvalidToken));
    assert_eq!(d.algs().unwrap().collect::<Vec<_>>(), ["ES256"]);
    d.validate().unwrap();

    let v = r#"Bearer realm="api", DPoP algs="ES256 PS256", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#;
    let list = parse_challenges(v).unwrap();
    let d = DpopChallenge::find(&list).unwrap();
    assert_eq!(d.error(), Some(ErrorCode::UseDpopNonce));
    assert_eq!(d.algs().unwrap().collect::<Vec<_>>(), ["ES256", "PS256"]);
    assert_eq!(d.status(), 401);
    d.validate().unwrap();
    // The Bearer challenge beside it has no error: errors are per scheme.
    assert_eq!(BearerChallenge::find(&list).unwrap().error(), None);

    let list = parse_challenges(r#"DPoP error="invalid_dpop_proof""#).unwrap();
    assert_eq!(
        DpopChallenge::find(&list).unwrap().error(),
        Some(ErrorCode::InvalidDpopProof)
    );

    // RFC 9449 §7.1 credentials.
    let t = dpop::parse_credentials("DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU").unwrap();
    assert_eq!(t.token(), "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU");
    let e = dpop::parse_credentials("DPoP: abc").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ColonAfterScheme);
    let e = dpop::parse_credentials("Bearer abc").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::WrongScheme);
}
