//! The server decision helper (RFC 6750 §3, §3.1; RFC 7617) and Basic
//! credentials written through the builder.
// Uses the `alloc` conveniences (owned strings, `Cow` unescaping).

use auth_headers::schemes::basic;
use auth_headers::schemes::bearer::BearerChallenge;
use auth_headers::server::{BasicServer, BearerServer, Outcome};
use auth_headers::write::Part;
use auth_headers::{parse_challenges, ErrorKind};

fn bearer(outcome: Outcome<'_>) -> (u16, String) {
    let r = BearerServer::new("example").reply(outcome).unwrap();
    (
        r.status(),
        r.www_authenticate().unwrap().to_string().unwrap(),
    )
}

// RFC 6750 §3 examples written byte for byte, and the §3.1 status codes.
#[test]
fn rfc6750_bearer_replies() {
    assert_eq!(
        bearer(Outcome::NoCredentials),
        (401, r#"Bearer realm="example""#.to_string())
    );
    assert_eq!(
        bearer(Outcome::InvalidCredentials {
            description: Some("The access token expired")
        }),
        (
            401,
            r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#
                .to_string()
        )
    );
    assert_eq!(
        bearer(Outcome::Malformed { description: None }),
        (
            400,
            r#"Bearer realm="example", error="invalid_request""#.to_string()
        )
    );
    assert_eq!(
        bearer(Outcome::InsufficientScope {
            scope: "read write",
            description: None
        }),
        (
            403,
            r#"Bearer realm="example", error="insufficient_scope", scope="read write""#.to_string()
        )
    );
}

// Every reply parses back, validates, and its status agrees with the parsed error.
#[test]
fn replies_parse_back() {
    let api = BearerServer::new("api")
        .resource_metadata("https://api.example/.well-known/oauth-protected-resource")
        .error_uri("https://api.example/errors");
    for outcome in [
        Outcome::NoCredentials,
        Outcome::Malformed {
            description: Some("two tokens"),
        },
        Outcome::InvalidCredentials { description: None },
        Outcome::InsufficientScope {
            scope: "a b",
            description: Some("needs b"),
        },
    ] {
        let r = api.reply(outcome).unwrap();
        let v = r.www_authenticate().unwrap().to_string().unwrap();
        let list = parse_challenges(&v).unwrap();
        let b = BearerChallenge::find(&list).unwrap();
        b.validate().unwrap();
        assert_eq!(b.status(), r.status(), "{v}");
        assert!(b.resource_metadata().is_some());
        // error_uri only with an error (RFC 6750 §3.1: no error information without credentials).
        assert_eq!(b.error_uri().is_some(), b.error().is_some(), "{v}");
    }
}

// RFC 6750 §3: a description with '"' or non-ASCII is refused, naming the byte.
#[test]
fn bearer_reply_refuses_forbidden_characters() {
    let e = BearerServer::new("api")
        .reply(Outcome::InvalidCredentials {
            description: Some("say \"hi\""),
        })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ForbiddenByScheme(b'"'));
    assert_eq!((e.part(), e.offset()), (Part::Value(2), 4));
    let e = BearerServer::new("api")
        .reply(Outcome::InsufficientScope {
            scope: "caf\u{e9}",
            description: None,
        })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ForbiddenByScheme(0xC3));
    let e = BearerServer::new("a\r\nb")
        .reply(Outcome::NoCredentials)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ControlChar(b'\r'));
}

#[test]
fn bearer_read_outcomes() {
    let api = BearerServer::new("api");
    assert_eq!(api.read::<str>(None).unwrap_err(), Outcome::NoCredentials);
    assert_eq!(
        api.read(Some("Basic QWxh")).unwrap_err(),
        Outcome::NoCredentials
    );
    assert_eq!(api.read(Some(&b"Bearer abc"[..])).unwrap().token(), "abc");
    for bad in ["Bearer: abc", "BearerABC", "Bearer", "Bearer abc "] {
        match api.read(Some(bad)).unwrap_err() {
            // The description must itself be sendable (RFC 6750 §3).
            Outcome::Malformed {
                description: Some(d),
            } => {
                let r = api
                    .reply(Outcome::Malformed {
                        description: Some(d),
                    })
                    .unwrap();
                assert_eq!(r.status(), 400, "{bad}");
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}

// RFC 7617 §2 / §2.1 challenges; 403 without a challenge for a known user lacking rights.
#[test]
fn rfc7617_basic_replies() {
    let r = BasicServer::new("WallyWorld")
        .reply(Outcome::NoCredentials)
        .unwrap();
    assert_eq!(
        (
            r.status(),
            r.www_authenticate().unwrap().to_string().unwrap()
        ),
        (401, r#"Basic realm="WallyWorld""#.to_string())
    );
    let r = BasicServer::new("foo")
        .utf8()
        .reply(Outcome::InvalidCredentials { description: None })
        .unwrap();
    assert_eq!(
        (
            r.status(),
            r.www_authenticate().unwrap().to_string().unwrap()
        ),
        (401, r#"Basic realm="foo", charset="UTF-8""#.to_string())
    );
    let r = BasicServer::new("foo")
        .reply(Outcome::Malformed { description: None })
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = BasicServer::new("foo")
        .reply(Outcome::InsufficientScope {
            scope: "admin",
            description: None,
        })
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.www_authenticate().is_none());
    assert_eq!(
        BasicServer::new("x").read(Some("Bearer t")).unwrap_err(),
        Outcome::NoCredentials
    );
    assert!(matches!(
        BasicServer::new("x").read(Some("Basic: QWxh")).unwrap_err(),
        Outcome::Malformed { .. }
    ));
}

// RFC 7617 §2 and §2.1: credentials written through the builder, byte for byte.
#[cfg(feature = "basic")]
#[test]
fn rfc7617_basic_credentials_written() {
    let mut scratch = [0u8; 64];
    let c = basic::credentials("Aladdin", "open sesame", &mut scratch).unwrap();
    assert_eq!(c.to_string().unwrap(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    let mut scratch = [0u8; 64];
    let c = basic::credentials("test", "123£", &mut scratch).unwrap();
    let mut out = [0u8; 64];
    let n = c.write_to_slice(&mut out).unwrap();
    assert_eq!(&out[..n], b"Basic dGVzdDoxMjPCow==");
    // Refusals: ':' in the user-id, control characters, a small scratch buffer.
    let e = basic::credentials("a:b", "x", &mut scratch).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::ColonInUserId, 1));
    let e = basic::credentials("ab", "x\ny", &mut scratch).unwrap_err();
    // Issue 16: where, not which byte (it is the password's).
    assert!(matches!(e.kind(), ErrorKind::InvalidValue(m) if m.contains("control")));
    assert_eq!(e.offset(), 4);
    let e = basic::credentials("user", "pass", &mut scratch[..8]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, 12));
    // Long values cross the encoder's internal chunks.
    let long = "p".repeat(200);
    let v = basic::credentials_string("u", &long).unwrap();
    let parsed = basic::parse_credentials(&v).unwrap();
    assert_eq!(parsed.decode().unwrap().password(), long.as_bytes());
}
