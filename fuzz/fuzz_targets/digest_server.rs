//! The Digest server end to end (RFC 7616 §3.3–§3.5) under several users
//! interleaved as the fuzzer likes: challenges, the client's answers,
//! verification, the replay guard, and `Authentication-Info`, with attacks
//! (replays, copying another user's nonce and cnonce, re-spelled usernames,
//! flipped bytes). Checked against a model of the guard (issue 16, findings
//! 2 and 3):
//! - nothing panics;
//! - a replay (a count not higher than the last accepted for the same
//!   user, algorithm, nonce and cnonce) is never accepted, however spelled;
//! - one user never locks another out: the guard's verdict for a user
//!   depends only on that user's own requests and on the table being full;
//! - a valid fresh request is accepted unless its nonce expired or the
//!   table is full of live entries;
//! - the `Authentication-Info` written parses strictly and the client
//!   accepts it.
#![no_main]

use std::cell::Cell;
use std::collections::HashMap;

use arbitrary::Arbitrary;
use auth_headers::schemes::digest::{
    userhash, Algorithm, Answer, DigestClient, DigestCredentials, DigestServer, Hex, Rejection,
    ReplayGuard, ReplaySlot, Secret, User,
};
use auth_headers::{parse_auth_info, parse_challenges};
use libfuzzer_sys::fuzz_target;

const KEY: &[u8] = b"fuzz key, thirty-two bytes long!";
const REALM: &str = "realm@example.org";
const USERS: [(&str, &str); 3] = [
    ("alice", "wonderland"),
    ("bob", "builder"),
    ("carol", "c4r0l"),
];
const CNONCES: [&str; 4] = ["c0", "c1", "shared", "0a4f113b"];
const ALGS: [Algorithm; 3] = [Algorithm::Sha256, Algorithm::Md5, Algorithm::Sha256Sess];
const START: u64 = 1_700_000_000;

#[derive(Arbitrary, Debug)]
enum Op {
    /// The clock moves on.
    Tick(u8),
    /// `user` reads a fresh challenge (algorithm `alg`).
    Challenge { user: u8, alg: u8, salt: u8 },
    /// `thief` copies `victim`'s current nonce (and challenge) off the wire.
    Steal { thief: u8, victim: u8 },
    /// `user` sends a request with cnonce `cnonce`, after `skip` unsent
    /// counts; with `next`, the server hands out a `nextnonce`.
    Request {
        user: u8,
        cnonce: u8,
        skip: u8,
        next: bool,
    },
    /// A request accepted before is sent again, maybe re-spelled.
    Replay { idx: u8, spelling: u8 },
    /// A request accepted before, with one byte changed.
    Flip { idx: u8, pos: u16, byte: u8 },
}

#[derive(Arbitrary, Debug)]
struct Input {
    slots: u8,
    lifetime: u8,
    userhash: bool,
    ops: Vec<Op>,
}

struct Person {
    client: DigestClient<'static>,
    nonce: Option<(Hex, u64, Algorithm)>,
}

/// What the guard should remember: per (user, algorithm, nonce, cnonce),
/// the highest accepted count and when the nonce expires.
type Model = HashMap<(usize, Algorithm, String, String), (u32, u64)>;

fuzz_target!(|input: Input| {
    let slots_n = usize::from(input.slots % 8) + 1;
    let lifetime = u64::from(input.lifetime % 120) + 1;
    let server = DigestServer::new(KEY, REALM)
        .unwrap()
        .algorithms(&ALGS)
        .nonce_lifetime(lifetime)
        .userhash(input.userhash);
    let mut slots = vec![ReplaySlot::default(); slots_n];
    let mut guard = ReplayGuard::new(&mut slots);
    let mut model: Model = HashMap::new();
    let mut now = START;
    let mut people: Vec<Person> = USERS
        .iter()
        .map(|&(u, p)| Person {
            client: DigestClient::new(u, p),
            nonce: None,
        })
        .collect();
    let mut sent: Vec<String> = Vec::new();
    // Every user starts on one nonce, as if each had copied the first's
    // off the wire: the interleavings that matter start there.
    let first = server.nonce(now, [0; 8]);
    for p in &mut people {
        adopt(&server, p, first, now, Algorithm::Sha256);
    }

    for op in input.ops.iter().take(64) {
        match *op {
            Op::Tick(dt) => now += u64::from(dt % 64),
            Op::Challenge { user, alg, salt } => {
                let u = usize::from(user) % USERS.len();
                let alg = ALGS[usize::from(alg) % ALGS.len()];
                let nonce = server.nonce(now, [salt; 8]);
                adopt(&server, &mut people[u], nonce, now, alg);
            }
            Op::Steal { thief, victim } => {
                let (t, v) = (usize::from(thief) % 3, usize::from(victim) % 3);
                if let Some((nonce, issued, alg)) = people[v].nonce {
                    adopt(&server, &mut people[t], nonce, issued, alg);
                }
            }
            Op::Request {
                user,
                cnonce,
                skip,
                next,
            } => {
                let u = usize::from(user) % USERS.len();
                let Some((_, issued, _)) = people[u].nonce else {
                    continue;
                };
                let cnonce = CNONCES[usize::from(cnonce) % CNONCES.len()];
                let mut out = String::new();
                for _ in 0..skip % 4 {
                    out.clear();
                    let _ = people[u]
                        .client
                        .authorization("GET", "/r", None, cnonce, &mut out);
                }
                out.clear();
                let Ok(answer) = people[u]
                    .client
                    .authorization("GET", "/r", None, cnonce, &mut out)
                else {
                    continue;
                };
                let fresh_nonce = next.then(|| server.nonce(now, [now as u8; 8]));
                let r = submit(&server, &mut guard, &mut model, &out, now, fresh_nonce);
                if now > issued + lifetime {
                    assert_eq!(r.outcome, Err(Rejection::StaleNonce), "{out}");
                } else {
                    // A valid request verifies; only the guard may refuse it.
                    assert!(
                        matches!(
                            r.outcome,
                            Ok(()) | Err(Rejection::Replay | Rejection::ReplayGuardFull)
                        ),
                        "{out}: {:?}",
                        r.outcome
                    );
                    assert_eq!(r.user, Some(u));
                }
                if let Ok(()) = r.outcome {
                    let info = r.info.expect("written");
                    check_info(&mut people[u].client, &answer, &info);
                    if let Some(n) = fresh_nonce {
                        let alg = people[u].nonce.map(|x| x.2).unwrap_or(Algorithm::Sha256);
                        people[u].nonce = Some((n, now, alg));
                    }
                }
                drop(answer);
                if r.outcome.is_ok() {
                    sent.push(out);
                }
            }
            Op::Replay { idx, spelling } => {
                if sent.is_empty() {
                    continue;
                }
                let old = &sent[usize::from(idx) % sent.len()];
                let again = respell(old, spelling);
                let r = submit(&server, &mut guard, &mut model, &again, now, None);
                if spelling % 4 != 3 {
                    // An accepted request, as sent or with the user spelled
                    // anew: never accepted again.
                    assert_ne!(r.outcome, Ok(()), "replay accepted: {again}");
                }
            }
            Op::Flip { idx, pos, byte } => {
                if sent.is_empty() {
                    continue;
                }
                let mut v = sent[usize::from(idx) % sent.len()].clone().into_bytes();
                let p = usize::from(pos) % v.len();
                v[p] = byte;
                if let Ok(s) = String::from_utf8(v) {
                    let _ = submit(&server, &mut guard, &mut model, &s, now, None);
                }
            }
        }
    }
});

/// `person` reads a challenge carrying `nonce` (issued at `issued`).
fn adopt(server: &DigestServer<'_>, person: &mut Person, nonce: Hex, issued: u64, alg: Algorithm) {
    let mut www = String::new();
    server
        .challenge(alg, &nonce, false)
        .write_to(&mut www)
        .unwrap();
    let list = parse_challenges(&www).unwrap();
    person.client.respond_to(list.iter()).unwrap();
    assert_eq!(person.client.algorithm(), Some(alg));
    person.nonce = Some((nonce, issued, alg));
}

struct Submitted {
    outcome: Result<(), Rejection>,
    user: Option<usize>,
    info: Option<String>,
}

/// The server's side of one request, checked against the model.
fn submit(
    server: &DigestServer<'_>,
    guard: &mut ReplayGuard<'_>,
    model: &mut Model,
    authorization: &str,
    now: u64,
    nextnonce: Option<Hex>,
) -> Submitted {
    let resolved = Cell::new(None);
    let lookup = |who: User<'_>, alg: Algorithm| {
        let i = USERS.iter().position(|&(u, _)| match who {
            User::Name(n) => n == u,
            User::Hashed(h) => h == userhash(alg, u.as_bytes(), REALM.as_bytes()).as_str(),
        })?;
        resolved.set(Some(i));
        Some(Secret::UserPassword(USERS[i].0, USERS[i].1.as_bytes()))
    };
    let verified = DigestCredentials::parse(authorization)
        .map_err(Rejection::from)
        .and_then(|c| server.check_nonce(c, now))
        .and_then(|c| server.verify(c, "GET", "/r", None, lookup));
    let v = match verified {
        Ok(v) => v,
        Err(e) => {
            return Submitted {
                outcome: Err(e),
                user: resolved.get(),
                info: None,
            }
        }
    };
    let user = resolved.get().expect("a verified request names a user");
    let creds = v.credentials();
    let key = (
        user,
        v.algorithm(),
        creds.nonce().unwrap().to_string(),
        creds.cnonce().unwrap().to_string(),
    );
    let expires = v.replay_check().expires_at();
    let live = model.values().filter(|&&(_, e)| e >= now).count();
    let predicted = match model.get(&key) {
        Some(&(nc, _)) if v.nc() <= nc => Err(Rejection::Replay),
        Some(_) => Ok(()),
        None if live >= guard.capacity() => Err(Rejection::ReplayGuardFull),
        None => Ok(()),
    };
    let got = v.check_replay(guard, now);
    assert_eq!(got, predicted, "{authorization}");
    if got.is_ok() {
        model.retain(|_, &mut (_, e)| e >= now);
        model.insert(key, (v.nc(), expires));
    }
    let info = got.is_ok().then(|| {
        let mut info = String::new();
        let next = nextnonce.as_ref().map(Hex::as_str);
        v.write_authentication_info(next, None, &mut info).unwrap();
        // Strict parse; every name once.
        let params = parse_auth_info(&info).unwrap_or_else(|e| panic!("{info}: {e}"));
        params.check_unique().unwrap();
        info
    });
    Submitted {
        outcome: got,
        user: Some(user),
        info,
    }
}

/// The client that sent the request accepts the server's reply.
fn check_info(client: &mut DigestClient<'_>, answer: &Answer<'_>, info: &str) {
    client
        .verify_authentication_info(answer, info, None)
        .unwrap_or_else(|e| panic!("{info}: {e}"));
}

/// The same request, spelled anew: 0 as sent, 1 the username escaped, 2
/// the username as `username*`, 3 a new cnonce (a different request).
fn respell(auth: &str, spelling: u8) -> String {
    let creds = auth_headers::parse_credentials(auth).unwrap();
    let name = creds.param("username").map(|v| v.to_string());
    let hashed = auth.contains("userhash=true");
    match (spelling % 4, name) {
        (1, Some(n)) => {
            let escaped: String = n.chars().flat_map(|c| ['\\', c]).collect();
            auth.replace(
                &format!("username=\"{n}\""),
                &format!("username=\"{escaped}\""),
            )
        }
        (2, Some(n)) if !hashed => auth.replace(
            &format!("username=\"{n}\""),
            &format!("username*=UTF-8''{n}"),
        ),
        (3, _) => auth.replace("cnonce=\"", "cnonce=\"x"),
        _ => auth.to_owned(),
    }
}
