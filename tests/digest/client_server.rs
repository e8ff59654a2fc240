//! The Digest client against the Digest server (RFC 7616): the server
//! accepts exactly what the client computed, for every algorithm and qop,
//! and refuses any single-byte change of response, username, uri, nc or
//! cnonce; nonce counts, stale nonces, replays and mutual authentication.

use auth_headers::parse_challenges;
use auth_headers::schemes::digest::{
    userhash, Algorithm, ChallengeOutcome, DigestClient, DigestCredentials, DigestErrorKind,
    DigestServer, OwnedDigestClient, Qop, Rejection, ReplayGuard, ReplaySlot, Secret, User,
    Verified,
};
use proptest::prelude::*;

use crate::cases::config;

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
const REALM: &str = "users@example.org";
const NOW: u64 = 1_700_000_000;

#[allow(clippy::too_many_arguments)]
/// The server side of one request: check the nonce, verify against the one
/// user the server knows.
fn server_verify<'a>(
    server: &DigestServer<'_>,
    authorization: &'a str,
    method: &str,
    target: &str,
    body: Option<&[u8]>,
    user: &str,
    password: &str,
    now: u64,
) -> Result<Verified<'a>, Rejection> {
    let creds = DigestCredentials::parse(authorization)?;
    let checked = server.check_nonce(creds, now)?;
    server.verify(checked, method, target, body, |who, alg| match who {
        User::Name(n) if n == user => Some(Secret::Password(password.as_bytes())),
        User::Hashed(h) if h == userhash(alg, user.as_bytes(), REALM.as_bytes()).as_str() => {
            Some(Secret::UserPassword(user, password.as_bytes()))
        }
        _ => None,
    })
}

/// A challenge from `server`, answered by a fresh client.
fn client_answer(
    server: &DigestServer<'_>,
    user: &str,
    password: &str,
    method: &str,
    uri: &str,
    body: Option<&[u8]>,
    cnonce: &str,
) -> String {
    let mut www = String::new();
    server
        .write_challenges(NOW, [9; 8], false, &mut www)
        .unwrap();
    let mut client = DigestClient::new(user, password);
    assert_eq!(
        client
            .respond_to(parse_challenges(&www).unwrap().iter())
            .unwrap(),
        ChallengeOutcome::Authenticate
    );
    let mut out = String::new();
    client
        .authorization(method, uri, body, cnonce, &mut out)
        .unwrap();
    out
}

/// The byte range of parameter `name`'s value in an Authorization value
/// (inside the quotes when quoted).
fn value_range(authorization: &str, name: &str) -> std::ops::Range<usize> {
    let creds = auth_headers::parse_credentials(authorization).unwrap();
    let p = creds.params().iter().find(|p| p.is(name)).unwrap();
    let raw = p.value().raw();
    let start = raw.as_ptr() as usize - authorization.as_ptr() as usize;
    start..start + raw.len()
}

fn algorithm() -> impl Strategy<Value = Algorithm> {
    prop::sample::select(Algorithm::STRONGEST_FIRST.to_vec())
}

fn username() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{1,24}",                                  // printable ASCII: `username`
        "[a-zA-Z \u{e4}\u{f8}\u{4e2d}\u{1f600}]{1,12}", // may need `username*`
    ]
}

fn setup(
    alg: Algorithm,
    qop: Qop,
    hashed: bool,
    algs: &mut [Algorithm; 1],
    qops: &mut [Qop; 1],
) -> DigestServer<'static> {
    algs[0] = alg;
    qops[0] = qop;
    // Leaked so the server can be 'static inside the proptest closure.
    let algs: &'static [Algorithm] = Box::leak(Box::new(*algs));
    let qops: &'static [Qop] = Box::leak(Box::new(*qops));
    DigestServer::new(KEY, REALM)
        .unwrap()
        .algorithms(algs)
        .qop(qops)
        .opaque("opaque-value")
        .userhash(hashed)
}

proptest! {
    #![proptest_config(config(96))]

    /// The server accepts exactly what the client computed, and nothing
    /// that differs by one byte in response, username, uri, nc or cnonce.
    #[test]
    fn server_accepts_exactly_the_clients_answer(
        alg in algorithm(),
        auth_int in any::<bool>(),
        hashed in any::<bool>(),
        user in username(),
        password in "\\PC{0,20}",
        method in prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND"]),
        uri in "/[a-zA-Z0-9/._~%!$&'()*+,;=:@?-]{0,40}",
        body in prop::collection::vec(any::<u8>(), 0..64),
        cnonce in "[a-zA-Z0-9+/=]{1,44}",
        field in prop::sample::select(vec!["response", "username", "uri", "nc", "cnonce"]),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let qop = if auth_int { Qop::AuthInt } else { Qop::Auth };
        let server = setup(alg, qop, hashed, &mut [alg], &mut [qop]);
        let body = Some(&body[..]);
        let auth = client_answer(&server, &user, &password, method, &uri, body, &cnonce);
        let v = server_verify(&server, &auth, method, &uri, body, &user, &password, NOW + 1);
        prop_assert!(v.is_ok(), "{:?} for {}", v, auth);
        let v = v.unwrap();
        prop_assert_eq!((v.algorithm(), v.qop(), v.nc()), (alg, qop, 1));

        // One byte of one field changed.
        let name = if field == "username" && auth.contains("username*=") { "username*" } else { field };
        let range = value_range(&auth, name);
        prop_assume!(!range.is_empty());
        let i = range.start + at.index(range.len());
        let mut bytes = auth.clone().into_bytes();
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let Ok(changed) = String::from_utf8(bytes) else { return Ok(()) };
        if name == "username*" {
            // `%c3` and `%C3` are the same octet (RFC 3986 §2.1): skip
            // changes that decode to the same name.
            if let Ok(c) = DigestCredentials::parse(&changed) {
                let mut buf = [0u8; 256];
                if let Some(Ok(n)) = c.decode_username_star(&mut buf) {
                    prop_assume!(n != user);
                }
            }
        }
        let r = server_verify(&server, &changed, method, &uri, body, &user, &password, NOW + 1);
        prop_assert!(r.is_err(), "accepted a changed {}: {}", name, changed);
    }
}

/// The nonce count goes 1, 2, 3 on one nonce; the replay guard refuses a
/// repeated count (RFC 7616 §3.3 nc, §5.5 replay attacks).
#[test]
fn nonce_count_and_replay_guard() {
    let server = DigestServer::new(KEY, REALM).unwrap();
    let mut www = String::new();
    server
        .write_challenges(NOW, [1; 8], false, &mut www)
        .unwrap();
    let mut client = DigestClient::new("alice", "wonderland");
    client
        .respond_to(parse_challenges(&www).unwrap().iter())
        .unwrap();
    let mut slots = [ReplaySlot::default(); 8];
    let mut guard = ReplayGuard::new(&mut slots);
    let mut sent = Vec::new();
    for n in 1..=3u32 {
        let mut auth = String::new();
        let a = client
            .authorization("GET", "/a", None, "c1", &mut auth)
            .unwrap();
        assert_eq!(a.nc(), n);
        assert!(auth.contains(&format!("nc={n:08x}")), "{auth}");
        let v = server_verify(
            &server,
            &auth,
            "GET",
            "/a",
            None,
            "alice",
            "wonderland",
            NOW,
        )
        .unwrap();
        assert_eq!(v.check_replay(&mut guard, NOW), Ok(()));
        drop(v);
        sent.push(auth);
    }
    // Replaying any earlier request is refused, also with the cnonce
    // re-escaped (`"c\1"` is the same value as `"c1"`, RFC 9110 §5.6.4).
    sent.push(sent[0].replace(r#"cnonce="c1""#, r#"cnonce="c\1""#));
    assert_ne!(sent[0], sent[3]);
    for auth in &sent {
        let v =
            server_verify(&server, auth, "GET", "/a", None, "alice", "wonderland", NOW).unwrap();
        assert_eq!(v.check_replay(&mut guard, NOW), Err(Rejection::Replay));
    }
}

/// RFC 7616 §3.3 `stale`: an expired but authentic nonce is answered with
/// `stale=true`, and the client retries without asking for the password;
/// a wrong password is answered without it and the client reports it.
#[test]
fn stale_nonce_retry_and_rejection() {
    let server = DigestServer::new(KEY, REALM).unwrap().nonce_lifetime(30);
    let mut www = String::new();
    server
        .write_challenges(NOW, [2; 8], false, &mut www)
        .unwrap();
    let mut client = DigestClient::new("alice", "wonderland");
    client
        .respond_to(parse_challenges(&www).unwrap().iter())
        .unwrap();
    let mut auth = String::new();
    client
        .authorization("GET", "/", None, "c", &mut auth)
        .unwrap();

    let late = NOW + 31;
    let err = server_verify(
        &server,
        &auth,
        "GET",
        "/",
        None,
        "alice",
        "wonderland",
        late,
    )
    .unwrap_err();
    assert_eq!(err, Rejection::StaleNonce);
    assert!(err.is_stale());
    let mut www = String::new();
    server
        .write_challenges(late, [3; 8], true, &mut www)
        .unwrap();
    assert!(www.contains("stale=true"));
    assert_eq!(
        client
            .respond_to(parse_challenges(&www).unwrap().iter())
            .unwrap(),
        ChallengeOutcome::RetryStale
    );
    let mut retry = String::new();
    let a = client
        .authorization("GET", "/", None, "c", &mut retry)
        .unwrap();
    assert_eq!(a.nc(), 1, "a new nonce starts counting again");
    server_verify(
        &server,
        &retry,
        "GET",
        "/",
        None,
        "alice",
        "wonderland",
        late,
    )
    .unwrap();

    // Wrong password: the server's fresh challenge has no stale=true.
    let mut wrong = DigestClient::new("alice", "looking-glass");
    wrong
        .respond_to(parse_challenges(&www).unwrap().iter())
        .unwrap();
    let mut auth = String::new();
    wrong
        .authorization("GET", "/", None, "c", &mut auth)
        .unwrap();
    assert_eq!(
        server_verify(
            &server,
            &auth,
            "GET",
            "/",
            None,
            "alice",
            "wonderland",
            late
        )
        .unwrap_err(),
        Rejection::WrongResponse
    );
    let mut again = String::new();
    server
        .write_challenges(late, [4; 8], false, &mut again)
        .unwrap();
    assert_eq!(
        wrong
            .respond_to(parse_challenges(&again).unwrap().iter())
            .unwrap(),
        ChallengeOutcome::Rejected
    );
}

/// A nonce the server did not issue, or one altered in transit, is refused.
#[test]
fn forged_and_foreign_nonces() {
    let server = DigestServer::new(KEY, REALM).unwrap();
    let other = DigestServer::new(b"another key, also of 32 bytes!!!", REALM).unwrap();
    let auth = client_answer(&other, "alice", "wonderland", "GET", "/", None, "c");
    assert_eq!(
        server_verify(&server, &auth, "GET", "/", None, "alice", "wonderland", NOW).unwrap_err(),
        Rejection::UnknownNonce
    );
    // A nonce issued "in the future" (beyond a minute of clock skew).
    let auth = client_answer(&server, "alice", "wonderland", "GET", "/", None, "c");
    assert_eq!(
        server_verify(
            &server,
            &auth,
            "GET",
            "/",
            None,
            "alice",
            "wonderland",
            NOW - 61
        )
        .unwrap_err(),
        Rejection::UnknownNonce
    );
}

/// RFC 7616 §3.5: the server's `rspauth` proves it knows the password; the
/// client checks it, refuses a forged one, and adopts `nextnonce`.
#[test]
fn mutual_authentication_and_nextnonce() {
    for qop in [Qop::Auth, Qop::AuthInt] {
        let qops = [qop];
        let server = DigestServer::new(KEY, REALM).unwrap().qop(&qops);
        let mut www = String::new();
        server
            .write_challenges(NOW, [5; 8], false, &mut www)
            .unwrap();
        let mut client = DigestClient::new("alice", "wonderland");
        client
            .respond_to(parse_challenges(&www).unwrap().iter())
            .unwrap();
        let mut auth = String::new();
        let answer = client
            .authorization("POST", "/p", Some(b"request body"), "c-1", &mut auth)
            .unwrap();
        let v = server_verify(
            &server,
            &auth,
            "POST",
            "/p",
            Some(b"request body"),
            "alice",
            "wonderland",
            NOW,
        )
        .unwrap();
        let next = server.nonce(NOW + 1, [6; 8]);
        let mut info = String::new();
        v.write_authentication_info(Some(next.as_str()), Some(b"response body"), &mut info)
            .unwrap();
        assert!(info.starts_with("rspauth=\""), "{info}");
        assert!(info.contains(&format!("qop={}", qop.name())), "{info}");

        // A forged rspauth (one digit changed) is refused.
        let mut forged = info.clone().into_bytes();
        forged[9] = if forged[9] == b'0' { b'1' } else { b'0' };
        let forged = String::from_utf8(forged).unwrap();
        assert_eq!(
            client
                .verify_authentication_info(&answer, &forged, Some(b"response body"))
                .unwrap_err()
                .kind(),
            DigestErrorKind::RspauthMismatch
        );
        // Longer than any digest: refused, not cut to length.
        let end = info[9..].find('"').unwrap() + 9;
        let long = format!("{}{}{}", &info[..end], "0".repeat(200), &info[end..]);
        assert_eq!(
            client
                .verify_authentication_info(&answer, &long, Some(b"response body"))
                .unwrap_err()
                .kind(),
            DigestErrorKind::RspauthMismatch
        );
        // Hex digits in upper case are the same proof (RFC 7616 §3.5's
        // LHEX is what servers should send; some send upper case).
        let upper = format!(
            "{}{}",
            &info[..end]
                .to_ascii_uppercase()
                .replacen("RSPAUTH", "rspauth", 1),
            &info[end..]
        );
        client
            .verify_authentication_info(&answer, &upper, Some(b"response body"))
            .unwrap();
        client
            .verify_authentication_info(&answer, &info, Some(b"response body"))
            .unwrap();
        // The next request uses nextnonce, counting from 1.
        let mut auth2 = String::new();
        let a2 = client
            .authorization("GET", "/q", None, "c-2", &mut auth2)
            .unwrap();
        assert_eq!(a2.nc(), 1);
        assert!(auth2.contains(next.as_str()));
        let body = (qop == Qop::AuthInt).then_some(&b""[..]);
        server_verify(
            &server,
            &auth2,
            "GET",
            "/q",
            body,
            "alice",
            "wonderland",
            NOW + 2,
        )
        .unwrap();
        // No rspauth at all: reported, so the caller can insist on it.
        assert_eq!(
            client
                .verify_authentication_info(&answer, "nextnonce=\"x\"", None)
                .unwrap_err()
                .kind(),
            DigestErrorKind::Syntax(auth_headers::ErrorKind::MissingParam("rspauth"))
        );
    }
}

/// RFC 7616 §3.5 with the owning client: a checked `rspauth` adopts the
/// `nextnonce` of the same value, and one that does not prove the password
/// adopts nothing (the next request keeps the old nonce).
#[test]
fn owned_client_adopts_nextnonce_only_when_rspauth_holds() {
    let server = DigestServer::new(KEY, REALM).unwrap();
    let mut www = String::new();
    server
        .write_challenges(NOW, [5; 8], false, &mut www)
        .unwrap();
    let mut client = OwnedDigestClient::new("alice", "wonderland");
    client
        .respond_to(parse_challenges(&www).unwrap().iter())
        .unwrap();
    let (auth, answer) = client.authorization("GET", "/p", None, "c-1").unwrap();
    let v = server_verify(
        &server,
        &auth,
        "GET",
        "/p",
        None,
        "alice",
        "wonderland",
        NOW,
    )
    .unwrap();
    let next = server.nonce(NOW + 1, [6; 8]);
    let mut info = String::new();
    v.write_authentication_info(Some(next.as_str()), None, &mut info)
        .unwrap();
    let mut forged = info.clone().into_bytes();
    forged[9] = if forged[9] == b'0' { b'1' } else { b'0' };
    let forged = String::from_utf8(forged).unwrap();
    assert_eq!(
        client
            .verify_authentication_info(&answer, &forged, None)
            .unwrap_err()
            .kind(),
        DigestErrorKind::RspauthMismatch
    );
    let (auth2, a2) = client.authorization("GET", "/q", None, "c-2").unwrap();
    assert!(!auth2.contains(next.as_str()), "{auth2}");
    assert_eq!(a2.nc(), 2);
    client
        .verify_authentication_info(&answer, &info, None)
        .unwrap();
    let (auth3, a3) = client.authorization("GET", "/r", None, "c-3").unwrap();
    assert!(auth3.contains(next.as_str()), "{auth3}");
    assert_eq!(a3.nc(), 1);
    server_verify(
        &server,
        &auth3,
        "GET",
        "/r",
        None,
        "alice",
        "wonderland",
        NOW + 2,
    )
    .unwrap();
}

/// The server offers one challenge per algorithm, strongest first; the
/// client picks the strongest whatever the order.
#[test]
fn strongest_first() {
    let algs = [Algorithm::Md5, Algorithm::Sha512_256, Algorithm::Sha256Sess];
    let server = DigestServer::new(KEY, REALM).unwrap().algorithms(&algs);
    let mut www = String::new();
    server
        .write_challenges(NOW, [7; 8], false, &mut www)
        .unwrap();
    let list = parse_challenges(&www).unwrap();
    let order: Vec<_> = list
        .iter()
        .map(|c| c.param("algorithm").unwrap().as_str().unwrap())
        .collect();
    assert_eq!(order, ["SHA-512-256", "SHA-256-sess", "MD5"]);
    let mut client = DigestClient::new("u", "p");
    let mut reversed: Vec<_> = list.iter().collect();
    reversed.reverse();
    client.respond_to(reversed).unwrap();
    assert_eq!(client.algorithm(), Some(Algorithm::Sha512_256));
}

/// Checks that do not depend on the password: realm, opaque, algorithm,
/// qop and uri.
#[test]
fn server_refusals() {
    let server = DigestServer::new(KEY, REALM).unwrap().opaque("op");
    let auth = client_answer(&server, "alice", "wonderland", "GET", "/x", None, "c");
    let check = |a: &str, target: &str| {
        server_verify(&server, a, "GET", target, None, "alice", "wonderland", NOW).unwrap_err()
    };
    assert_eq!(check(&auth, "/y"), Rejection::UriMismatch);
    assert_eq!(
        check(&auth.replace(REALM, "other"), "/x"),
        Rejection::RealmMismatch
    );
    assert_eq!(
        check(&auth.replace("\"op\"", "\"po\""), "/x"),
        Rejection::OpaqueMismatch
    );
    assert_eq!(
        check(
            &auth.replace("algorithm=SHA-256", "algorithm=SHA-512-256"),
            "/x"
        ),
        Rejection::AlgorithmNotOffered
    );
    assert_eq!(
        check(&auth.replace("qop=auth", "qop=auth-int"), "/x"),
        Rejection::QopNotOffered
    );
    assert!(matches!(
        check(&auth.replace("nc=00000001", "nc=1"), "/x"),
        Rejection::Malformed(_)
    ));
    assert_eq!(
        server_verify(&server, &auth, "GET", "/x", None, "bob", "wonderland", NOW).unwrap_err(),
        Rejection::UnknownUser
    );
}
