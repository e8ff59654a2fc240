//! Test support for the workspace's tests against real peers on loopback:
//! finding a peer's binary (or skipping, with the reason printed), free
//! ports, scratch directories, lighttpd and Apache httpd with generated
//! configurations, the `authserve` example, scripted servers, and curl.
//!
//! Everything started here listens on 127.0.0.1 only and is killed when
//! its handle is dropped; every wait is bounded. A peer that is missing
//! makes [`peer`] return `None` after printing `SKIPPED: …`, except under CI
//! (`CI` set), where `.ci/run` installs the peers and a missing one is a
//! failure.
//!
//! Standard library only, and used only as a dev-dependency. Shared test
//! sources that name workspace crates live beside this crate, outside it
//! (`scenarios/`), and are included by the tests that use them.
#![deny(missing_docs)]

mod curl;
mod servers;

pub use curl::{parse_replies, Curl, CurlRun, Reply};
pub use servers::{htdigest_line, Apache, Authserve, Lighttpd, LighttpdUsers};

use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// RFC 9449 Figure 13's DPoP proof, a JWS in compact serialization (its
/// line wrapping undone): the sample proof of the DPoP tests.
pub const DPOP_PROOF: &str = concat!(
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6Ik",
    "VDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCR",
    "nMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JE",
    "QSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIj",
    "oiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0Z",
    "WRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNF",
    "c05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71E",
    "OptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA",
);

/// How long a server may take to start listening.
pub const START_TIMEOUT: Duration = Duration::from_secs(10);

/// Where `name` is: on `PATH`, or in the sbin directories that a non-root
/// `PATH` leaves out (Debian puts lighttpd and apache2 there).
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(["/usr/sbin".into(), "/usr/local/sbin".into(), "/sbin".into()])
        .map(|d: PathBuf| d.join(name))
        .find(|p| p.is_file())
}

/// The peer `name` ([`which`]), or `None` after printing why the test
/// skips. Under CI (`CI` set) a missing peer panics: `.ci/run` installs
/// them all.
pub fn peer(name: &str) -> Option<PathBuf> {
    let found = which(name);
    if found.is_none() {
        let msg = format!(
            "SKIPPED: `{name}` is not installed; install it (`apt-get install -y {name}`, see .ci/run) to run this test"
        );
        assert!(
            std::env::var_os("CI").is_none(),
            "{msg} (required under CI)"
        );
        eprintln!("{msg}");
    }
    found
}

/// A free port on 127.0.0.1 (bound, then released for the server to take).
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until something accepts connections on `addr`, for at most
/// `within`; panics after that.
pub fn wait_listening(addr: SocketAddr, within: Duration) {
    let start = Instant::now();
    while TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err() {
        assert!(
            start.elapsed() < within,
            "nothing listens on {addr} after {within:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Polls `done` every 50 ms for at most `within`; whether it became true.
pub fn wait_until(within: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if done() {
            return true;
        }
        if start.elapsed() >= within {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A child process, killed (and reaped) when dropped.
#[derive(Debug)]
pub struct Killed(pub Child);

impl Killed {
    /// Starts `cmd` with standard output piped and returns its first line
    /// (without the line end), which servers use to name their port or
    /// address. Panics if the process exits or closes its output first.
    pub fn spawn_reading_line(mut cmd: Command) -> (Killed, String) {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {cmd:?}: {e}"));
        let stdout = child.stdout.take().unwrap();
        let k = Killed(child);
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "{cmd:?} printed nothing");
        (k, line.trim_end().to_owned())
    }
}

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A test server written in Python (`python3 SCRIPT ARGS…`) that prints
/// the port it listens on as its first line; killed when the handle is
/// dropped.
pub fn python_server<I, S>(script: &Path, args: I) -> (Killed, u16)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let python = which("python3").unwrap_or_else(|| "python3".into());
    let mut cmd = Command::new(python);
    cmd.arg(script).args(args);
    let (child, line) = Killed::spawn_reading_line(cmd);
    let port = line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{} printed {line:?}, not its port", script.display()));
    (child, port)
}

/// A scratch directory under the system's temporary directory, unique to
/// this process and call, removed (with everything in it) when dropped.
#[derive(Debug)]
pub struct Scratch(PathBuf);

impl Scratch {
    /// A new, empty directory whose name starts with `name`.
    pub fn new(name: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let name: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let dir =
            std::env::temp_dir().join(format!("auth-headers-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.0
    }

    /// `file` inside the directory.
    pub fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    /// Writes `contents` to `file` inside the directory, creating the
    /// directories on the way; returns its path.
    pub fn write(&self, file: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The directory of the running test binary's profile (`target/debug`),
/// where cargo puts `examples/`.
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/<test binary>
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

/// `examples/NAME` of the running profile: an example of the test's own
/// package, which `cargo test` builds beside the test binaries.
pub fn example_path(name: &str) -> PathBuf {
    profile_dir().join("examples").join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_is_removed_on_drop() {
        let s = Scratch::new("a/b c");
        let f = s.write("x/y.txt", "z");
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "z");
        let other = Scratch::new("a/b c");
        assert_ne!(s.dir(), other.dir(), "unique per call");
        let dir = s.dir().to_path_buf();
        drop(s);
        assert!(!dir.exists());
    }

    #[test]
    fn waits_are_bounded() {
        let start = Instant::now();
        assert!(!wait_until(Duration::from_millis(120), || false));
        assert!(start.elapsed() < Duration::from_secs(2));
        let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        wait_listening(l.local_addr().unwrap(), Duration::from_secs(1));
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, free_port()));
        let r = std::panic::catch_unwind(|| wait_listening(addr, Duration::from_millis(200)));
        assert!(r.is_err(), "nothing listens on {addr}");
    }
}
