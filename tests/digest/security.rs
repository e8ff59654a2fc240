//! Regression tests for the Digest findings of issue 16: the replay guard
//! keyed by user (finding 2) and failing closed (finding 3), control
//! characters in usernames (finding 4), weak configuration (finding 5),
//! `qop` and `nc` as RFC 7616 §3.4.1 hashes them (finding 8), secrets in
//! `Debug` (finding 6) and zeroizing (finding 7).

use auth_headers::schemes::digest::{
    userhash, Algorithm, Answer, DigestClient, DigestCredentials, DigestErrorKind, DigestServer,
    Hex, NonceStatus, Qop, Rejection, ReplayCheck, ReplayGuard, ReplayKey, ReplayRefusal,
    ReplaySlot, Secret, User, Verified, MIN_KEY_LEN,
};
use auth_headers::{parse_challenges, ErrorKind};

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
const REALM: &str = "users@example.org";
const NOW: u64 = 1_700_000_000;
const USERS: &[(&str, &str)] = &[("alice", "wonderland"), ("mallory", "evil plans")];

fn server() -> DigestServer<'static> {
    DigestServer::new(KEY, REALM).unwrap()
}

/// Check the nonce and verify against `USERS` (plain or hashed names).
fn verify<'a>(
    server: &DigestServer<'_>,
    authorization: &'a str,
    now: u64,
) -> Result<Verified<'a>, Rejection> {
    let creds = DigestCredentials::parse(authorization)?;
    let checked = server.check_nonce(creds, now)?;
    server.verify(checked, "GET", "/a", None, |who, alg| {
        USERS.iter().find_map(|&(u, p)| match who {
            User::Name(n) if n == u => Some(Secret::Password(p.as_bytes())),
            User::Hashed(h) if h == userhash(alg, u.as_bytes(), REALM.as_bytes()).as_str() => {
                Some(Secret::UserPassword(u, p.as_bytes()))
            }
            _ => None,
        })
    })
}

/// A client of `user` that read `server`'s challenge issued at `issued`.
fn client<'p>(server: &DigestServer<'_>, user: &'p str, issued: u64) -> DigestClient<'p> {
    let password = USERS.iter().find(|u| u.0 == user).unwrap().1;
    let mut www = String::new();
    server
        .write_challenges(issued, [3; 8], false, &mut www)
        .unwrap();
    let mut c = DigestClient::new(user, password);
    c.respond_to(parse_challenges(&www).unwrap().iter())
        .unwrap();
    c
}

fn answer(c: &mut DigestClient<'_>, cnonce: &str) -> String {
    let mut out = String::new();
    c.authorization("GET", "/a", None, cnonce, &mut out)
        .unwrap();
    out
}

/// Issue 16 finding 2: Mallory copies Alice's `nonce` and `cnonce` from the
/// wire and sends a valid request of her own with a higher `nc`; Alice's
/// next request (`nc=2`) must still be accepted (RFC 7616 §3.3: the count
/// is per client).
#[test]
fn one_user_cannot_lock_another_out() {
    let server = server();
    let mut slots = [ReplaySlot::default(); 8];
    let mut guard = ReplayGuard::new(&mut slots);
    let mut alice = client(&server, "alice", NOW);
    let mut mallory = client(&server, "mallory", NOW); // the same nonce
    let a1 = answer(&mut alice, "shared");
    assert_eq!(
        verify(&server, &a1, NOW)
            .unwrap()
            .check_replay(&mut guard, NOW),
        Ok(())
    );
    for _ in 0..4 {
        answer(&mut mallory, "shared");
    }
    let m5 = answer(&mut mallory, "shared");
    assert!(m5.contains("nc=00000005"), "{m5}");
    assert_eq!(
        verify(&server, &m5, NOW)
            .unwrap()
            .check_replay(&mut guard, NOW),
        Ok(())
    );
    let a2 = answer(&mut alice, "shared");
    assert_eq!(
        verify(&server, &a2, NOW)
            .unwrap()
            .check_replay(&mut guard, NOW),
        Ok(()),
        "Alice is not locked out by Mallory's count"
    );
    // Each replay is still refused.
    for r in [&a1, &a2, &m5] {
        assert_eq!(
            verify(&server, r, NOW)
                .unwrap()
                .check_replay(&mut guard, NOW),
            Err(Rejection::Replay)
        );
    }
}

/// Finding 2: the user in the key is the user the server resolved, so a
/// captured request re-spelled (`"al\ice"`, `username*`, `userhash=true`),
/// which verifies with the same `response` (A1 holds the plain name), is
/// still a replay.
#[test]
fn a_respelled_username_is_still_a_replay() {
    let server = server().userhash(true);
    let mut slots = [ReplaySlot::default(); 8];
    let mut guard = ReplayGuard::new(&mut slots);
    let mut alice = client(&server, "alice", NOW); // userhash=true offered
    let hashed = answer(&mut alice, "c1");
    assert!(hashed.contains("userhash=true"), "{hashed}");
    let v = verify(&server, &hashed, NOW).unwrap();
    assert_eq!(v.check_replay(&mut guard, NOW), Ok(()));
    let uh = userhash(Algorithm::Sha256, b"alice", REALM.as_bytes());
    let plain = hashed
        .replace(&format!(r#"username="{uh}""#), r#"username="alice""#)
        .replace(", userhash=true", "");
    assert!(plain.contains(r#"username="alice""#), "{plain}");
    let escaped = plain.replace(r#"username="alice""#, r#"username="al\ice""#);
    let star = plain.replace(r#"username="alice""#, "username*=UTF-8''%61lice");
    for respelled in [&hashed, &plain, &escaped, &star] {
        let v = verify(&server, respelled, NOW).unwrap_or_else(|e| panic!("{respelled}: {e}"));
        assert_eq!(
            v.check_replay(&mut guard, NOW),
            Err(Rejection::Replay),
            "{respelled}"
        );
    }
}

/// Issue 16 finding 3: with 4 slots, 4 valid requests with fresh cnonces
/// used to evict Alice's entry and her captured request was accepted
/// again. Now the guard refuses while its entries are live (fail closed),
/// and forgets an entry only once its nonce has expired.
#[test]
fn a_full_guard_refuses_rather_than_forget() {
    let server = server().nonce_lifetime(60);
    let mut slots = [ReplaySlot::default(); 4];
    let mut guard = ReplayGuard::new(&mut slots);
    let mut alice = client(&server, "alice", NOW);
    let captured = answer(&mut alice, "alice-c");
    assert_eq!(
        verify(&server, &captured, NOW)
            .unwrap()
            .check_replay(&mut guard, NOW),
        Ok(())
    );
    let mut mallory = client(&server, "mallory", NOW);
    for i in 0..3 {
        let m = answer(&mut mallory, &format!("fresh{i}"));
        assert_eq!(
            verify(&server, &m, NOW)
                .unwrap()
                .check_replay(&mut guard, NOW),
            Ok(())
        );
    }
    let m = answer(&mut mallory, "fresh3");
    assert_eq!(
        verify(&server, &m, NOW + 1)
            .unwrap()
            .check_replay(&mut guard, NOW + 1),
        Err(Rejection::ReplayGuardFull)
    );
    // A full guard is the server's capacity, not a wrong password: 503,
    // not 401 (RFC 9110 §15.6.4), and no stale challenge.
    assert_eq!(Rejection::ReplayGuardFull.status(), 503);
    assert!(!Rejection::ReplayGuardFull.is_stale());
    assert_eq!(
        verify(&server, &captured, NOW + 1)
            .unwrap()
            .check_replay(&mut guard, NOW + 1),
        Err(Rejection::Replay),
        "the captured request is still refused"
    );
    assert_eq!(guard.live(NOW + 1), 4);
    // Once the nonce has expired, its replay is stale anyway and its slots
    // are free for requests with a fresh nonce.
    let later = NOW + 61;
    assert_eq!(
        verify(&server, &captured, later).unwrap_err(),
        Rejection::StaleNonce
    );
    assert_eq!(guard.live(later), 0);
    let mut fresh = client(&server, "alice", later);
    let f = answer(&mut fresh, "alice-c");
    assert_eq!(
        verify(&server, &f, later)
            .unwrap()
            .check_replay(&mut guard, later),
        Ok(())
    );
}

/// Finding 3: a nonce's expiry is its issue time plus the lifetime; the
/// guard keeps an entry through that second and frees it after.
#[test]
fn checked_nonce_carries_its_expiry() {
    let server = server().nonce_lifetime(100);
    let mut alice = client(&server, "alice", NOW - 10);
    let a = answer(&mut alice, "c");
    let creds = DigestCredentials::parse(&a).unwrap();
    assert_eq!(
        server.check_nonce(creds, NOW).unwrap().expires_at(),
        NOW + 90
    );
    let v = verify(&server, &a, NOW).unwrap();
    assert_eq!(v.replay_check().expires_at(), NOW + 90);
    let mut slots = [ReplaySlot::default(); 1];
    let mut guard = ReplayGuard::new(&mut slots);
    assert_eq!(v.check_replay(&mut guard, NOW), Ok(()));
    assert_eq!(guard.live(NOW + 90), 1);
    assert_eq!(guard.live(NOW + 91), 0);
    // A caller's own store: kept for ever unless told.
    let creds = DigestCredentials::parse(&a).unwrap();
    let c = auth_headers::schemes::digest::CheckedNonce::from_store(creds, |_| NonceStatus::Valid)
        .unwrap();
    assert_eq!(c.expires_at(), u64::MAX);
    assert_eq!(c.with_expiry(5).expires_at(), 5);
}

/// The decision rule on its own, independent of any storage.
#[test]
fn replay_decision_is_separate_from_storage() {
    let k = ReplayKey::new(b"r", b"alice", b"n", b"c");
    let c = ReplayCheck::new(k, 3, 10);
    assert_eq!(c.decide(None), Ok(()));
    assert_eq!(c.decide(Some(2)), Ok(()));
    assert_eq!(c.decide(Some(3)), Err(ReplayRefusal::Replay));
    assert_eq!(c.decide(Some(4)), Err(ReplayRefusal::Replay));
    assert_ne!(k, ReplayKey::new(b"r", b"mallory", b"n", b"c"));
    assert_ne!(k, ReplayKey::new(b"other", b"alice", b"n", b"c"));
    // Length-prefixed: moving a byte from one part to the next is another key.
    assert_ne!(k, ReplayKey::new(b"r", b"alic", b"en", b"c"));
    let mut none: [ReplaySlot; 0] = [];
    assert_eq!(
        ReplayGuard::new(&mut none).check(&c, 0),
        Err(ReplayRefusal::Full)
    );
}

/// Issue 16 finding 4: `username*` that decodes to CR LF (or another
/// control) never reaches the lookup; neither does a quoted `username`
/// with a control character (HTAB is allowed by the quoted-string grammar,
/// RFC 9110 §5.6.4).
#[test]
fn control_characters_in_usernames_are_refused() {
    let server = server();
    let mut alice = client(&server, "alice", NOW);
    let good = answer(&mut alice, "c1");
    for bad in [
        "username*=UTF-8''alice%0D%0ASet-Cookie%3A%20x",
        "username*=UTF-8''a%00b",
        "username*=UTF-8''a%7Fb",
        "username*=UTF-8''a%C2%85b",
        "username*=ISO-8859-1''a%85b",
        "username=\"al\tice\"",
        "username=\"al\\\tice\"",
    ] {
        let auth = good.replace(r#"username="alice""#, bad);
        let creds = DigestCredentials::parse(&auth).unwrap();
        let checked = server.check_nonce(creds, NOW).unwrap();
        let mut called = false;
        let r = server.verify(checked, "GET", "/a", None, |_, _| {
            called = true;
            None
        });
        assert!(!called, "{bad}: the lookup must not see it");
        let Err(Rejection::Malformed(e)) = r else {
            panic!("{bad}: {r:?}")
        };
        // A view's rule (issue 17): the crate's `InvalidValue`, at the
        // value of `username` or `username*`.
        assert!(
            matches!(
                e.kind(),
                DigestErrorKind::Syntax(ErrorKind::InvalidValue(_))
            ),
            "{bad}: {e}"
        );
        let start = auth.find(bad).unwrap();
        let value = start + bad.find('=').unwrap() + 1;
        assert!((value..=value + 1).contains(&e.offset()), "{bad}: {e}");
        assert!(e.to_string().contains("control character"), "{e}");
    }
    let creds =
        DigestCredentials::parse("Digest username*=UTF-8''alice%0D%0ASet-Cookie%3A%20x").unwrap();
    let mut buf = [0u8; 64];
    let e = creds.decode_username_star(&mut buf).unwrap().unwrap_err();
    // At the value, `UTF-8''…`.
    assert_eq!(e.offset(), 17);
}

/// Issue 16 finding 5: the documented minimum key length (32 bytes) is
/// enforced.
#[test]
fn short_nonce_keys_are_refused() {
    for len in [0, 1, 16, MIN_KEY_LEN - 1] {
        let key = vec![7u8; len];
        let e = DigestServer::new(&key, REALM).unwrap_err();
        assert_eq!(e.kind(), DigestErrorKind::KeyTooShort(32));
        assert!(e.to_string().contains("at least 32 bytes"), "{e}");
    }
    assert!(DigestServer::new(&[7u8; 32], REALM).is_ok());
    assert!(DigestServer::new(&[7u8; 64], REALM).is_ok());
}

/// Finding 5: `userhash=true` from a client when the server never offered
/// it (RFC 7616 §3.4.4: the client hashes only if the challenge asks).
#[test]
fn userhash_not_offered_is_refused() {
    let offering = server().userhash(true);
    let mut alice = client(&offering, "alice", NOW);
    let hashed = answer(&mut alice, "c1");
    assert!(verify(&offering, &hashed, NOW).is_ok());
    assert_eq!(
        verify(&server(), &hashed, NOW).unwrap_err(),
        Rejection::UserhashNotOffered
    );
}

/// Finding 5: the nonce format is the server's own (lower-case hex); the
/// same nonce in upper case is not one it issued.
#[test]
fn upper_case_nonces_are_unknown() {
    let server = server();
    let nonce = server.nonce(NOW, [3; 8]);
    assert_eq!(
        server.nonce_status(nonce.as_bytes(), NOW),
        NonceStatus::Valid
    );
    let upper = nonce.as_str().to_ascii_uppercase();
    assert_ne!(upper, nonce.as_str());
    assert_eq!(
        server.nonce_status(upper.as_bytes(), NOW),
        NonceStatus::Unknown
    );
    let mut alice = client(&server, "alice", NOW);
    let a = answer(&mut alice, "c1").replace(nonce.as_str(), &upper);
    assert!(a.contains(&upper));
    assert_eq!(
        verify(&server, &a, NOW).unwrap_err(),
        Rejection::UnknownNonce
    );
}

/// Issue 16 finding 8: `qop(&[Auth, Auth])` offers `auth` once, not `auth,
/// auth-int` (RFC 7616 §3.3 qop-options lists what the server supports).
#[test]
fn repeated_qops_are_offered_once() {
    for (qops, want) in [
        (&[Qop::Auth, Qop::Auth][..], r#"qop="auth","#),
        (&[Qop::AuthInt, Qop::AuthInt][..], r#"qop="auth-int","#),
        (
            &[Qop::AuthInt, Qop::Auth, Qop::AuthInt][..],
            r#"qop="auth-int, auth","#,
        ),
        (
            &[Qop::Auth, Qop::AuthInt, Qop::Auth][..],
            r#"qop="auth, auth-int","#,
        ),
    ] {
        let s = server().qop(qops);
        let mut www = String::new();
        s.write_challenges(NOW, [1; 8], false, &mut www).unwrap();
        assert!(www.contains(want), "{qops:?}: {www}");
    }
    let s = server().qop(&[]);
    let mut www = String::new();
    s.write_challenges(NOW, [1; 8], false, &mut www).unwrap();
    assert!(!www.contains("qop"), "{www}");
}

/// Finding 8: RFC 7616 §3.4.1 hashes `nc` and `unq(qop)` as sent. The server
/// accepts only the spelling §3.4 gives and curl and Chromium send (`nc` as
/// 8 lower-case hex digits, `qop` in lower case), so what it hashes is
/// exactly what was sent. Other spellings are a 400 saying which.
#[test]
fn nc_and_qop_are_hashed_as_sent_in_their_one_spelling() {
    let server = server();
    let mut alice = client(&server, "alice", NOW);
    for _ in 0..9 {
        answer(&mut alice, "c1");
    }
    let tenth = answer(&mut alice, "c1");
    assert!(
        tenth.contains("nc=0000000a, cnonce=\"c1\", qop=auth,"),
        "{tenth}"
    );
    // Strict spelling: accepted, and Authentication-Info echoes it.
    let v = verify(&server, &tenth, NOW).unwrap();
    assert_eq!(v.nc(), 10);
    let mut info = String::new();
    v.write_authentication_info(None, None, &mut info).unwrap();
    assert!(info.contains("nc=0000000a, qop=auth"), "{info}");
    // A quoted qop is the same value (unq).
    let quoted = tenth.replace("qop=auth,", "qop=\"auth\",");
    assert!(verify(&server, &quoted, NOW).is_ok());
    for (name, from, to) in [
        ("nc", "nc=0000000a", "nc=0000000A"),
        ("qop", "qop=auth,", "qop=AUTH,"),
        ("qop", "qop=auth,", "qop=Auth,"),
    ] {
        let other = tenth.replace(from, to);
        assert_ne!(other, tenth);
        let r = verify(&server, &other, NOW).map(|_| ());
        match r {
            Err(Rejection::Malformed(e)) => {
                assert!(
                    matches!(e.kind(), DigestErrorKind::Invalid(n, _) if n == name),
                    "{to}: {e}"
                );
                assert!(e.to_string().contains("lower"), "{e}");
            }
            r => panic!("{to}: {r:?}"),
        }
    }
}

/// Issue 16 finding 6: no Digest type shows a secret in `Debug`.
#[test]
fn debug_shows_no_secret() {
    let server = server();
    let server_debug = format!("{server:?}");
    assert!(!server_debug.contains("0123456789abcdef"), "{server_debug}");
    let mut alice = client(&server, "alice", NOW);
    let client_debug = format!("{alice:?}");
    assert!(!client_debug.contains("wonderland"), "{client_debug}");
    let mut auth = String::new();
    let ans: Answer<'_> = alice
        .authorization("GET", "/a", None, "c1", &mut auth)
        .unwrap();
    let response = ans.response().as_str().to_owned();
    let answer_debug = format!("{ans:?}");
    assert!(!answer_debug.contains(&response), "{answer_debug}");
    let ha1 = auth_headers::schemes::digest::ha1(
        Algorithm::Sha256,
        b"alice",
        REALM.as_bytes(),
        b"wonderland",
    );
    let creds = DigestCredentials::parse(&auth).unwrap();
    for d in [
        format!("{:?}", creds.response().unwrap()),
        format!("{creds:?}"),
        format!("{:?}", verify(&server, &auth, NOW).unwrap()),
        format!("{:?}", Secret::Ha1(ha1)),
        format!("{:?}", Secret::Password(b"wonderland")),
        format!("{:?}", Secret::UserPassword("alice", b"wonderland")),
        format!("{ha1:?}"),
        answer_debug,
    ] {
        assert!(!d.contains(&response), "{d}");
        assert!(!d.contains(ha1.as_str()), "{d}");
        assert!(!d.contains("wonderland"), "{d}");
    }
    assert_eq!(creds.response().unwrap().raw(), response.as_bytes());
}

/// Issue 16 finding 7: `Hex` (which is `Copy`, so it cannot wipe itself on
/// drop) can be wiped by its holder with `zeroize`.
#[test]
fn hex_can_be_zeroized() {
    use zeroize::Zeroize;
    let mut h = auth_headers::schemes::digest::ha1(Algorithm::Md5, b"u", b"r", b"p");
    assert_eq!(h.as_str().len(), 32);
    h.zeroize();
    assert_eq!(h.as_str(), "");
    assert_eq!(h, Hex::encode(&[]));
}
