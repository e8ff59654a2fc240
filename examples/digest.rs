//! Digest authentication (RFC 7616) end to end, without a network: a server
//! challenges, a client answers, the server verifies and proves in turn
//! that it knows the password (`Authentication-Info: rspauth=...`).
//!
//! Run with `cargo run --example digest --features digest`.

use auth_headers::parse_challenges;
use auth_headers::schemes::digest::{
    ChallengeOutcome, DigestClient, DigestCredentials, DigestServer, Hex, ReplayGuard, ReplaySlot,
    Secret, User,
};

fn main() {
    // The server's secret key for its stateless nonces, and its clock.
    let key = *b"keep me secret: 32 random bytes!";
    let now = 1_763_900_000;
    let server = DigestServer::new(&key, "api@example.org")
        .unwrap()
        .opaque("v1");

    // 1. A request without credentials gets a 401 with the challenges.
    let mut www = String::new();
    server
        .write_challenges(now, [0x5a; 8], false, &mut www)
        .expect("the realm is writable");
    println!("< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: {www}\n");

    // 2. The client picks the strongest challenge and answers it. The cnonce
    //    comes from the caller's random source (fixed here for the example).
    let mut client = DigestClient::new("Mufasa", "Circle of Life");
    let challenges = parse_challenges(&www).expect("a valid challenge list");
    assert_eq!(
        client
            .respond_to(challenges.iter())
            .expect("a Digest challenge"),
        ChallengeOutcome::Authenticate
    );
    let cnonce = Hex::encode(&[0x0a, 0x4f, 0x11, 0x3b, 0x27, 0x51, 0x9e, 0x01]);
    let mut authorization = String::new();
    let answer = client
        .authorization(
            "GET",
            "/dir/index.html",
            None,
            cnonce.as_str(),
            &mut authorization,
        )
        .expect("the answer is writable");
    println!("> GET /dir/index.html HTTP/1.1\n> Authorization: {authorization}\n");

    // 3. The server checks the nonce (the only way to reach verification),
    //    verifies the response against the password, and refuses replays.
    let creds = DigestCredentials::parse(&authorization).expect("valid credentials");
    let checked = server
        .check_nonce(creds, now + 2)
        .expect("our own fresh nonce");
    let verified = server
        .verify(
            checked,
            "GET",
            "/dir/index.html",
            None,
            |user, _algorithm| {
                (user == User::Name("Mufasa")).then_some(Secret::Password(b"Circle of Life"))
            },
        )
        .expect("the right password");
    let mut slots = [ReplaySlot::default(); 128];
    let mut guard = ReplayGuard::new(&mut slots);
    verified
        .check_replay(&mut guard, now + 2)
        .expect("first use of nc=1");
    assert!(
        verified.check_replay(&mut guard, now + 2).is_err(),
        "a replay is refused"
    );

    let mut info = String::new();
    verified
        .write_authentication_info(None, Some(b"hello\n"), &mut info)
        .expect("writable");
    println!("< HTTP/1.1 200 OK\n< Authentication-Info: {info}\n");

    // 4. The client checks that the server knew the password too.
    client
        .verify_authentication_info(&answer, &info, Some(b"hello\n"))
        .expect("the server proved it knows the password");
    println!(
        "verified Mufasa with {} (nc={}), and the server's rspauth checks out",
        verified.algorithm(),
        verified.nc()
    );
}
