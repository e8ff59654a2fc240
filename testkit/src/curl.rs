//! Running curl, bounded and on loopback, and reading what `curl -i`
//! printed.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use crate::{peer, Scratch};

/// Debian's curl, run with `--max-time 10` and, unless the arguments name
/// a proxy, `--noproxy '*'` (loopback only, whatever proxy the environment
/// names). Arguments given later override these.
#[derive(Clone, Debug)]
pub struct Curl {
    bin: PathBuf,
}

/// What one curl run gave.
#[derive(Debug)]
pub struct CurlRun {
    /// Its exit status.
    pub status: ExitStatus,
    /// Standard output (the heads and bodies under `-i`).
    pub stdout: Vec<u8>,
    /// Standard error (the transcript under `-v`).
    pub stderr: Vec<u8>,
}

/// One response as `curl -i` printed it.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The header lines, names in lower case, values trimmed.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
}

impl Curl {
    /// curl ([`peer`]): `None`, after saying why, when it is missing.
    pub fn find() -> Option<Curl> {
        peer("curl").map(|bin| Curl { bin })
    }

    /// The curl at `bin`.
    pub fn new(bin: &Path) -> Curl {
        Curl {
            bin: bin.to_path_buf(),
        }
    }

    /// Its binary.
    pub fn path(&self) -> &Path {
        &self.bin
    }

    /// A command with the defaults, then `args`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.args(["--max-time", "10"]);
        if !args.iter().any(|a| matches!(*a, "--proxy" | "-x")) {
            cmd.args(["--noproxy", "*"]);
        }
        cmd.args(args).stdin(Stdio::null());
        cmd
    }

    /// Runs it with `args`.
    pub fn run(&self, args: &[&str]) -> CurlRun {
        let out = self
            .command(args)
            .output()
            .unwrap_or_else(|e| panic!("curl {args:?}: {e}"));
        CurlRun {
            status: out.status,
            stdout: out.stdout,
            stderr: out.stderr,
        }
    }

    /// Runs it with `args`, standard output and standard error into one
    /// file (as `2>&1` does, in the order curl wrote them), and returns
    /// what it wrote: the transcript a user would paste. Panics when curl
    /// fails.
    pub fn transcript(&self, args: &[&str]) -> Vec<u8> {
        let scratch = Scratch::new("curl");
        let path = scratch.path("out");
        let out = File::create(&path).unwrap();
        let status = self
            .command(args)
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .status()
            .unwrap_or_else(|e| panic!("curl {args:?}: {e}"));
        assert!(status.success(), "curl {args:?}: {status}");
        std::fs::read(&path).unwrap()
    }
}

impl CurlRun {
    /// Standard output as text (lossy).
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Standard error as text (lossy).
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// The responses in standard output (`-i`; Digest takes two).
    pub fn replies(&self) -> Vec<Reply> {
        parse_replies(&self.stdout_text())
    }
}

impl Reply {
    /// The values of the header `name` (lower case), in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// The responses that `curl -i` printed, one after the other: each head up
/// to its blank line, and its body up to the next `HTTP/1.1 `.
pub fn parse_replies(text: &str) -> Vec<Reply> {
    let mut replies = Vec::new();
    let mut rest = text;
    while rest.starts_with("HTTP/") {
        let Some((head, tail)) = rest.split_once("\r\n\r\n") else {
            break;
        };
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        let headers = lines
            .map(|l| {
                let (n, v) = l
                    .split_once(':')
                    .unwrap_or_else(|| panic!("not a header line: {l:?}"));
                (n.to_ascii_lowercase(), v.trim().to_owned())
            })
            .collect();
        let next = tail.find("HTTP/1.1 ").unwrap_or(tail.len());
        replies.push(Reply {
            status,
            headers,
            body: tail[..next].to_owned(),
        });
        rest = &tail[next..];
    }
    replies
}

#[cfg(test)]
mod tests {
    use super::parse_replies;

    // What `curl -si --digest` prints: the 401 and the retried 200, each
    // head then its body.
    #[test]
    fn two_replies_in_a_row() {
        let text = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest a=1\r\n\
                    WWW-Authenticate:  Digest b=2 \r\ncontent-length: 0\r\n\r\n\
                    HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n";
        let r = parse_replies(text);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].status, 401);
        assert_eq!(r[0].all("www-authenticate"), ["Digest a=1", "Digest b=2"]);
        assert_eq!(r[0].body, "");
        assert_eq!((r[1].status, r[1].body.as_str()), (200, "ok\n"));
        assert!(parse_replies("curl: (7) Failed to connect").is_empty());
    }
}
