//! `authdump check` on transcripts recorded from a real server (issue 20):
//! lighttpd's `mod_auth` with Basic (RFC 7617) on loopback, asked by curl,
//! recorded with `curl -si` and `curl -v`, as the issue's users would.
//!
//! The test prints why it skips when curl or lighttpd is missing; under CI
//! (`CI` set) a missing binary is a failure, since `.ci/run` installs them
//! (as for the library's tests/digest_interop.rs).

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use authdump::check::{check, read, Format};

/// Finds `name` on PATH or in the sbin directories; `None` (after saying
/// so) when it is missing and this is not CI.
fn peer(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(["/usr/sbin".into(), "/usr/local/sbin".into(), "/sbin".into()])
        .map(|d: PathBuf| d.join(name))
        .find(|p| p.is_file());
    if found.is_none() {
        let msg = format!(
            "SKIPPED: `{name}` is not installed; install it (`apt-get install -y {name}`) to run this test"
        );
        assert!(
            std::env::var_os("CI").is_none(),
            "{msg} (required under CI)"
        );
        eprintln!("{msg}");
    }
    found
}

/// lighttpd on loopback with a throwaway configuration protecting `/` with
/// Basic; killed when dropped.
struct Lighttpd {
    child: Child,
    dir: PathBuf,
    addr: SocketAddr,
}

impl Drop for Lighttpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start_lighttpd(bin: &Path) -> Lighttpd {
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = std::env::temp_dir().join(format!("authdump-lighttpd-{}-{port}", std::process::id()));
    std::fs::create_dir_all(dir.join("htdocs")).unwrap();
    std::fs::write(dir.join("htdocs/index.html"), "hello\n").unwrap();
    std::fs::write(dir.join("users"), "Aladdin:open sesame\n").unwrap();
    let conf = format!(
        r#"server.document-root = "{d}/htdocs"
server.bind = "127.0.0.1"
server.port = {port}
server.errorlog = "{d}/error.log"
server.modules = ("mod_auth", "mod_authn_file")
auth.backend = "plain"
auth.backend.plain.userfile = "{d}/users"
auth.require = ( "/" => ( "method" => "basic", "realm" => "WallyWorld", "require" => "valid-user" ) )
"#,
        d = dir.display()
    );
    std::fs::write(dir.join("lighttpd.conf"), conf).unwrap();
    let child = Command::new(bin)
        .arg("-D")
        .arg("-f")
        .arg(dir.join("lighttpd.conf"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let server = Lighttpd { child, dir, addr };
    let start = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "lighttpd did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// Runs curl with `args`, standard output and standard error into one file
/// (as `2>&1` does), and returns what it wrote.
fn curl(bin: &Path, dir: &Path, name: &str, args: &[&str]) -> Vec<u8> {
    let path = dir.join(name);
    let out = File::create(&path).unwrap();
    let status = Command::new(bin)
        .args(["--silent", "--max-time", "10"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .status()
        .unwrap();
    assert!(status.success(), "curl {args:?}: {status}");
    std::fs::read(&path).unwrap()
}

/// (status, codes) of each exchange.
fn summary(transcript: &[u8]) -> Vec<(Option<u16>, Vec<&'static str>)> {
    check(transcript)
        .unwrap_or_else(|e| panic!("{e:?}: {}", String::from_utf8_lossy(transcript)))
        .iter()
        .map(|r| (r.status, r.findings.iter().map(|f| f.code).collect()))
        .collect()
}

#[test]
fn curl_transcripts_from_lighttpd_basic() {
    let (Some(curl_bin), Some(lighttpd)) = (peer("curl"), peer("lighttpd")) else {
        return;
    };
    let server = start_lighttpd(&lighttpd);
    let url = format!("http://{}/index.html", server.addr);
    let dir = server.dir.clone();
    let none = Vec::<&str>::new();

    // `curl -si`, no credentials: lighttpd's 401 with `Basic realm=…,
    // charset="UTF-8"` (RFC 7617 §2.1) and an HTML body; clean.
    let t = curl(&curl_bin, &dir, "si-401", &["-i", &url]);
    assert_eq!(read(&t).unwrap().0, Format::Raw);
    assert_eq!(summary(&t), [(Some(401), none.clone())]);

    // `curl -si` of two URLs with the RFC 7617 §2 user: two heads and
    // bodies in a row; clean.
    let u = ["-i", "-u", "Aladdin:open sesame", &url, &url];
    let t = curl(&curl_bin, &dir, "si-200", &u);
    assert_eq!(
        summary(&t),
        [(Some(200), none.clone()), (Some(200), none.clone())]
    );

    // `curl -v`, no credentials then the right ones: request and response
    // each time (the body and curl's `*` notes in between); clean.
    let t = curl(&curl_bin, &dir, "v-401", &["-v", &url]);
    assert_eq!(read(&t).unwrap().0, Format::CurlVerbose);
    let r = check(&t).unwrap();
    assert_eq!(r[0].request.as_ref().unwrap().0, "GET");
    assert_eq!(summary(&t), [(Some(401), none.clone())]);
    let t = curl(
        &curl_bin,
        &dir,
        "v-200",
        &["-v", "-u", "Aladdin:open sesame", &url],
    );
    assert_eq!(summary(&t), [(Some(200), none.clone())]);

    // A wrong password: 401 again, still a correct exchange.
    let t = curl(&curl_bin, &dir, "v-wrong", &["-v", "-u", "Aladdin:x", &url]);
    assert_eq!(summary(&t), [(Some(401), none.clone())]);

    // Not clean: a Bearer token to a server that offers Basic only.
    let t = curl(
        &curl_bin,
        &dir,
        "v-bearer",
        &["-v", "-H", "Authorization: Bearer mF_9.B5f-4.1JqM", &url],
    );
    assert_eq!(summary(&t), [(Some(401), vec!["scheme-not-offered"])]);
}
