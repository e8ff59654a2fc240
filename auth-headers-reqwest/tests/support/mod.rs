//! Starting loopback servers and running `authget` for the tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// A child process killed when dropped.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A scratch directory removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("authget-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The scripted server (tests/misbehaving_server.py) on `bind`.
pub struct Scripted {
    _child: Killed,
    pub port: u16,
    pub log: PathBuf,
}

impl Scripted {
    pub fn start(bind: &str, log: &Path, redirect_to: Option<&str>) -> Scripted {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/misbehaving_server.py");
        let mut cmd = Command::new("python3");
        cmd.arg(script)
            .arg("--bind")
            .arg(bind)
            .arg("--log")
            .arg(log);
        if let Some(r) = redirect_to {
            cmd.arg("--redirect-to").arg(r);
        }
        let mut child = cmd.stdout(Stdio::piped()).spawn().expect("python3");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().parse().expect("the server prints its port");
        Scripted {
            _child: Killed(child),
            port,
            log: log.to_path_buf(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The requests the server saw, in order.
    pub fn requests(&self) -> Vec<Value> {
        read_lines(&std::fs::read_to_string(&self.log).unwrap_or_default())
    }
}

pub fn read_lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

/// The `authget` example, built by `cargo test` beside the test binaries.
pub fn authget_path() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    dir.join("examples").join("authget")
}

/// Runs `authget` with `args`: its JSON lines and its exit status.
pub fn authget(args: &[&str]) -> (Vec<Value>, i32, String) {
    let out = Command::new(authget_path())
        .args(args)
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .output()
        .expect("authget (built by cargo test)");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (
        read_lines(&stdout),
        out.status.code().unwrap_or(-1),
        stdout + &stderr,
    )
}

/// `[(status, next), ...]` of authget's lines.
pub fn steps(lines: &[Value]) -> Vec<(u64, String)> {
    lines
        .iter()
        .map(|l| {
            (
                l["status"].as_u64().unwrap(),
                l["next"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The value of `key` in each record (`null` as "-").
pub fn column(records: &[Value], key: &str) -> Vec<String> {
    records
        .iter()
        .map(|r| match &r[key] {
            Value::String(s) => s.clone(),
            Value::Null => String::from("-"),
            v => v.to_string(),
        })
        .collect()
}

pub fn which(cmd: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/sbin")])
            .map(|p| p.join(cmd))
            .find(|p| p.is_file())
    })
}

/// A free loopback port (bound and released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until something listens on the port (at most ~5 s).
pub fn wait_listening(port: u16) {
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("nothing listens on port {port}");
}
