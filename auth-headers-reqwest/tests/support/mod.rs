//! The scripted server and running `authget`, for the tests; the rest of
//! the harness (peers, ports, scratch directories, lighttpd, Apache) is
//! the workspace's `auth-headers-testkit`.
#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use auth_headers_testkit::{example_path, python_server, Killed};
use serde_json::Value;

/// The scripted server (tests/misbehaving_server.py) on `bind`.
pub struct Scripted {
    _child: Killed,
    pub port: u16,
    pub log: PathBuf,
}

impl Scripted {
    pub fn start(bind: &str, log: &Path, redirect_to: Option<&str>) -> Scripted {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/misbehaving_server.py");
        let mut args: Vec<OsString> = vec![
            "--bind".into(),
            bind.into(),
            "--log".into(),
            log.as_os_str().to_owned(),
        ];
        if let Some(r) = redirect_to {
            args.extend(["--redirect-to".into(), r.into()]);
        }
        let (child, port) = python_server(&script, args);
        Scripted {
            _child: child,
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
    example_path("authget")
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
