//! Interop with real peers on loopback (RFC 7616):
//! - `curl --digest` (Debian's curl) against a small test server built on
//!   [`DigestServer`];
//! - [`DigestClient`] against lighttpd's `mod_auth` (Debian's lighttpd).
//!
//! Each test prints why it skips when the peer's binary is missing; under
//! CI (`CI` set) a missing binary is a failure, since `.ci/run` installs them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use auth_headers::parse_challenges;
use auth_headers::schemes::digest::{
    Algorithm, ChallengeOutcome, DigestClient, DigestCredentials, DigestServer, Secret, User,
};
use auth_headers_testkit::{peer, Curl, Lighttpd, LighttpdUsers};

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn salt() -> [u8; 8] {
    (SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0))
    .to_be_bytes()
}

/// One HTTP/1.1 request as read by the test server.
struct Request {
    method: String,
    target: String,
    authorization: Option<String>,
}

fn read_request(r: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut authorization = None;
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end_matches(['\r', '\n']);
        if h.is_empty() {
            break;
        }
        let (name, value) = h.split_once(':')?;
        let value = value.trim_matches([' ', '\t']);
        if name.eq_ignore_ascii_case("authorization") {
            authorization = Some(value.to_owned());
        } else if name.eq_ignore_ascii_case("content-length") {
            length = value.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        target,
        authorization,
    })
}

/// What the test server saw: the algorithm of each verified request, and
/// every refusal.
#[derive(Default)]
struct Log {
    verified: Vec<Algorithm>,
    refused: Vec<String>,
}

/// A keep-alive HTTP/1.1 server on loopback that protects everything with
/// Digest through [`DigestServer`]; user `alice`, password `wonder land`.
fn serve(listener: TcpListener, alg: Algorithm, stop: Arc<AtomicBool>, log: Arc<Mutex<Log>>) {
    const KEY: &[u8] = b"interop test key, 32 bytes long!";
    let algs = [alg];
    let server = DigestServer::new(KEY, "interop@example.org")
        .unwrap()
        .algorithms(&algs)
        .opaque("0pa9ue");
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut w = stream.try_clone().unwrap();
        let mut r = BufReader::new(stream);
        while let Some(req) = read_request(&mut r) {
            let outcome = req.authorization.as_deref().map(|a| {
                let creds = DigestCredentials::parse(a).map_err(|e| e.to_string())?;
                let checked = server
                    .check_nonce(creds, now())
                    .map_err(|e| e.to_string())?;
                let v = server
                    .verify(checked, &req.method, &req.target, None, |u, _| {
                        (u == User::Name("alice")).then_some(Secret::Password(b"wonder land"))
                    })
                    .map_err(|e| e.to_string())?;
                let mut info = String::new();
                v.write_authentication_info(None, Some(b"ok\n"), &mut info)
                    .map_err(|e| e.to_string())?;
                Ok::<_, String>((v.algorithm(), info))
            });
            let response = match outcome {
                Some(Ok((a, info))) => {
                    log.lock().unwrap().verified.push(a);
                    format!("HTTP/1.1 200 OK\r\nAuthentication-Info: {info}\r\nContent-Length: 3\r\n\r\nok\n")
                }
                other => {
                    if let Some(Err(e)) = other {
                        log.lock().unwrap().refused.push(e);
                    }
                    let mut www = String::new();
                    server
                        .write_challenges(now(), salt(), false, &mut www)
                        .unwrap();
                    format!("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: {www}\r\nContent-Length: 0\r\n\r\n")
                }
            };
            if w.write_all(response.as_bytes()).is_err() {
                break;
            }
        }
    }
}

fn curl_against_server(curl: &Curl, alg: Algorithm, password: &str) -> (String, Log) {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let addr = listener.local_addr().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let log = Arc::new(Mutex::new(Log::default()));
    let thread = {
        let (stop, log) = (stop.clone(), log.clone());
        std::thread::spawn(move || serve(listener, alg, stop, log))
    };
    let user = format!("alice:{password}");
    let url = format!("http://{addr}/dir/index.html?q=1");
    let out = curl.run(&[
        "-sS",
        "--max-time",
        "20",
        "--digest",
        "-u",
        &user,
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        &url,
    ]);
    stop.store(true, Ordering::SeqCst);
    let _ = TcpStream::connect(addr);
    thread.join().unwrap();
    let log = Arc::try_unwrap(log).ok().unwrap().into_inner().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), log)
}

/// `curl --digest` answers the server helper's challenges, for MD5 and
/// SHA-256 (and their -sess variants), and a wrong password is refused.
#[test]
fn curl_digest_against_server_helper() {
    let Some(curl) = Curl::find() else { return };
    for alg in [
        Algorithm::Md5,
        Algorithm::Sha256,
        Algorithm::Md5Sess,
        Algorithm::Sha256Sess,
    ] {
        let (status, log) = curl_against_server(&curl, alg, "wonder land");
        assert_eq!(status, "200", "{alg}: refusals {:?}", log.refused);
        assert_eq!(log.verified, [alg]);
        let (status, log) = curl_against_server(&curl, alg, "wrong");
        assert_eq!(status, "401", "{alg}");
        assert!(log.verified.is_empty());
        assert!(
            log.refused.iter().any(|r| r.contains("wrong response")),
            "{alg}: {:?}",
            log.refused
        );
    }
}

/// lighttpd protecting `/` with Digest (`algorithm` as lighttpd writes
/// it), user `Mufasa` / `Circle of Life` in a plain user file.
fn start_lighttpd(bin: &Path, algorithm: &str) -> Lighttpd {
    Lighttpd::digest(
        bin,
        "lighttpd@example.org",
        algorithm,
        LighttpdUsers::Plain("Mufasa:Circle of Life\n".into()),
    )
    .page("index.html", "hello\n")
    .start()
}

/// One request; returns the status and the values of the named headers.
fn get(
    addr: SocketAddr,
    target: &str,
    authorization: Option<&str>,
) -> (u16, Vec<(String, String)>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(a) = authorization {
        req.push_str(&format!("Authorization: {a}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (status, headers)
}

fn client_against_lighttpd(bin: &Path, algorithm: &str, expect: Algorithm) {
    let server = start_lighttpd(bin, algorithm);
    let (status, headers) = get(server.addr(), "/index.html", None);
    assert_eq!(status, 401);
    let lines: Vec<&str> = headers
        .iter()
        .filter(|(n, _)| n == "www-authenticate")
        .map(|(_, v)| v.as_str())
        .collect();
    let lists: Vec<_> = lines.iter().map(|l| parse_challenges(l).unwrap()).collect();
    let mut client = DigestClient::new("Mufasa", "Circle of Life");
    let outcome = client
        .respond_to(lists.iter().flat_map(|l| l.iter()))
        .unwrap_or_else(|e| panic!("{e} in {lines:?}"));
    assert_eq!(outcome, ChallengeOutcome::Authenticate);
    assert_eq!(client.algorithm(), Some(expect), "{lines:?}");
    for n in 1..=3 {
        let mut auth = String::new();
        let cnonce = format!("c{n}{}", now());
        let answer = client
            .authorization("GET", "/index.html", None, &cnonce, &mut auth)
            .unwrap();
        let (status, headers) = get(server.addr(), "/index.html", Some(&auth));
        assert_eq!(status, 200, "{algorithm}: request {n} refused: {auth}");
        // lighttpd sends no Authentication-Info; check it if it ever does.
        if let Some((_, info)) = headers.iter().find(|(n, _)| n == "authentication-info") {
            client
                .verify_authentication_info(&answer, info.as_str(), None)
                .unwrap();
        }
    }
    // A wrong password is refused.
    let mut wrong = DigestClient::new("Mufasa", "Circle Of Life");
    wrong
        .respond_to(lists.iter().flat_map(|l| l.iter()))
        .unwrap();
    let mut auth = String::new();
    wrong
        .authorization("GET", "/index.html", None, "c0", &mut auth)
        .unwrap();
    assert_eq!(get(server.addr(), "/index.html", Some(&auth)).0, 401);
}

/// The client against lighttpd's `mod_auth`, MD5 and SHA-256, and with
/// both offered (the client takes SHA-256).
#[test]
fn client_against_lighttpd_mod_auth() {
    let Some(bin) = peer("lighttpd") else { return };
    client_against_lighttpd(&bin, "MD5", Algorithm::Md5);
    client_against_lighttpd(&bin, "SHA-256", Algorithm::Sha256);
    client_against_lighttpd(&bin, "MD5|SHA-256", Algorithm::Sha256);
}
