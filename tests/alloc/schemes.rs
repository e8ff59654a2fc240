//! Zero allocations on the scheme paths: Basic decoded into a caller's
//! buffer, Bearer credentials and challenges, the client decision and the
//! server's reply. The count is kept per thread, so tests running side by
//! side do not add up.

use crate::allocator::counted as allocations;

#[cfg(feature = "basic")]
#[test]
fn basic_decode_into_buffer_allocates_nothing() {
    use auth_headers::schemes::basic::{self, BasicChallenge};
    // RFC 7617 §2.1
    let (n, ok) = allocations(|| {
        let list = auth_headers::parse_challenges(r#"Basic realm="foo", charset="UTF-8""#).unwrap();
        let c = BasicChallenge::find(&list).unwrap();
        c.validate().unwrap();
        let creds = basic::parse_credentials("Basic dGVzdDoxMjPCow==").unwrap();
        let mut buf = [0u8; 64];
        let up = creds.decode_into(&mut buf).unwrap();
        c.is_utf8() && up.to_utf8().unwrap() == ("test", "123£")
    });
    assert!(ok);
    assert_eq!(n, 0, "allocations on the Basic path");
    // The error paths too.
    let (n, e) = allocations(|| {
        let mut buf = [0u8; 64];
        basic::parse_credentials("Basic QWxh.GRpbg==")
            .unwrap()
            .decode_into(&mut buf)
            .unwrap_err()
    });
    assert!(matches!(
        e.kind(),
        auth_headers::ErrorKind::InvalidBase64(b'.')
    ));
    assert_eq!(n, 0);
}

#[test]
fn bearer_paths_allocate_nothing() {
    use auth_headers::client::{next_step, Action};
    use auth_headers::schemes::bearer::{self, BearerChallenge};
    let jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl";
    let value = format!("Bearer {jwt}");
    let (n, ok) = allocations(|| {
        let t = bearer::parse_credentials(&value).unwrap();
        let e = bearer::parse_credentials("Bearer: abc").unwrap_err();
        t.token() == jwt && e.offset() == 6
    });
    assert!(ok);
    assert_eq!(n, 0, "allocations on Bearer credentials");

    let v = r#"Bearer realm="api", error="insufficient_scope", scope="read write", error_description="needs write", resource_metadata="https://api.example/.well-known/oauth-protected-resource""#;
    let (n, ok) = allocations(|| {
        let list = auth_headers::parse_challenges(v).unwrap();
        let b = BearerChallenge::find(&list).unwrap();
        b.validate().unwrap();
        let scopes = b.scope().unwrap().filter(|s| s.starts_with('w')).count();
        let step = next_step(list.iter(), &["Bearer"]);
        scopes == 1
            && b.status() == 403
            && step.action() == Action::RequestScope
            && step.resource_metadata().is_some()
    });
    assert!(ok);
    assert_eq!(
        n, 0,
        "allocations on Bearer challenges and the client decision"
    );

    // The server's reply, written into a buffer.
    use auth_headers::server::BearerServer;
    let (n, ok) = allocations(|| {
        let api = BearerServer::new("api").resource_metadata("https://api.example/meta");
        let outcome = match api.read(Some("Bearer: abc")) {
            Err(o) => o,
            Ok(_) => return false,
        };
        let reply = api.reply(outcome).unwrap();
        let mut out = [0u8; 256];
        let len = reply
            .www_authenticate()
            .unwrap()
            .write_to_slice(&mut out)
            .unwrap();
        reply.status() == 400
            && out[..len].starts_with(b"Bearer realm=\"api\", error=\"invalid_request\"")
    });
    assert!(ok);
    assert_eq!(n, 0, "allocations on the Bearer server reply");
}
