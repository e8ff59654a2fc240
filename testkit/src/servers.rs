//! The servers: lighttpd and Apache httpd with generated configurations in
//! a scratch directory, and the workspace's `authserve` example.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::{free_port, profile_dir, wait_listening, Killed, Scratch, START_TIMEOUT};

/// One line of an htdigest file (`user:realm:HA1`, as Apache's `htdigest`
/// writes it), from the hex `ha1` the caller computed (RFC 7616 §3.4.2).
pub fn htdigest_line(user: &str, realm: &str, ha1: &str) -> String {
    format!("{user}:{realm}:{ha1}\n")
}

/// lighttpd's user file for `mod_authn_file`.
#[derive(Clone, Debug)]
pub enum LighttpdUsers {
    /// `auth.backend = "plain"`: `user:password` lines (for Basic, and for
    /// Digest, where lighttpd hashes the password itself).
    Plain(String),
    /// `auth.backend = "htdigest"`: [`htdigest_line`]s.
    Htdigest(String),
}

/// lighttpd (`mod_auth`, `mod_authn_file`) on 127.0.0.1 in the foreground
/// (`-D`), with a configuration in its own scratch directory; killed when
/// dropped, and the directory removed.
#[derive(Debug)]
pub struct Lighttpd(Running);

/// What [`Lighttpd::basic`] and [`Lighttpd::digest`] will start.
#[derive(Debug)]
#[must_use = "call .start()"]
pub struct LighttpdBuilder {
    bin: PathBuf,
    method: &'static str,
    realm: String,
    algorithm: Option<String>,
    users: LighttpdUsers,
    pages: Vec<(String, String)>,
}

impl Lighttpd {
    /// Everything under `/` protected with Basic (RFC 7617) in `realm`.
    pub fn basic(bin: &Path, realm: &str, users: LighttpdUsers) -> LighttpdBuilder {
        LighttpdBuilder::new(bin, "basic", realm, None, users)
    }

    /// Everything under `/` protected with Digest (RFC 7616) in `realm`;
    /// `algorithm` as lighttpd writes it (`"MD5"`, `"SHA-256"`,
    /// `"MD5|SHA-256"`).
    pub fn digest(
        bin: &Path,
        realm: &str,
        algorithm: &str,
        users: LighttpdUsers,
    ) -> LighttpdBuilder {
        LighttpdBuilder::new(bin, "digest", realm, Some(algorithm.into()), users)
    }
}

impl LighttpdBuilder {
    fn new(
        bin: &Path,
        method: &'static str,
        realm: &str,
        algorithm: Option<String>,
        users: LighttpdUsers,
    ) -> Self {
        LighttpdBuilder {
            bin: bin.to_path_buf(),
            method,
            realm: realm.into(),
            algorithm,
            users,
            pages: Vec::new(),
        }
    }

    /// A file to serve: `path` under the document root (`"dir/index.html"`).
    pub fn page(mut self, path: &str, body: &str) -> Self {
        self.pages.push((path.into(), body.into()));
        self
    }

    /// Writes the configuration and starts lighttpd; returns once it
    /// accepts connections.
    pub fn start(self) -> Lighttpd {
        let port = free_port();
        let scratch = scratch_with_pages(&format!("lighttpd-{port}"), &self.pages);
        let d = scratch.dir().display();
        let backend = match &self.users {
            LighttpdUsers::Plain(u) => {
                scratch.write("users", u);
                format!("auth.backend = \"plain\"\nauth.backend.plain.userfile = \"{d}/users\"")
            }
            LighttpdUsers::Htdigest(u) => {
                scratch.write("users", u);
                format!(
                    "auth.backend = \"htdigest\"\nauth.backend.htdigest.userfile = \"{d}/users\""
                )
            }
        };
        let algorithm = self
            .algorithm
            .as_ref()
            .map(|a| format!(r#""algorithm" => "{a}", "#))
            .unwrap_or_default();
        let conf = format!(
            r#"server.document-root = "{d}/htdocs"
server.bind = "127.0.0.1"
server.port = {port}
server.errorlog = "{d}/error.log"
server.modules = ("mod_auth", "mod_authn_file")
{backend}
auth.require = ( "/" => ( "method" => "{method}", {algorithm}"realm" => "{realm}", "require" => "valid-user" ) )
"#,
            method = self.method,
            realm = self.realm,
        );
        let conf_path = scratch.write("lighttpd.conf", conf);
        let mut cmd = Command::new(&self.bin);
        cmd.arg("-D").arg("-f").arg(conf_path);
        Lighttpd(Running::start(cmd, port, scratch))
    }
}

/// Apache httpd with `mod_auth_digest` on 127.0.0.1, one process (`-X`, no
/// workers to orphan), configuration in its own scratch directory; killed
/// when dropped.
#[derive(Debug)]
pub struct Apache(Running);

/// What [`Apache::digest`] will start.
#[derive(Debug)]
#[must_use = "call .start()"]
pub struct ApacheBuilder {
    bin: PathBuf,
    realm: String,
    htdigest: String,
    location: String,
    pages: Vec<(String, String)>,
}

/// Where Debian's apache2 keeps its modules.
const APACHE_MODULES: &str = "/usr/lib/apache2/modules";

impl Apache {
    /// Digest (`AuthType Digest`, `AuthDigestProvider file`) on
    /// `location` (such as `"/private/"`) in `realm`, users from the
    /// `htdigest` file contents ([`htdigest_line`]); everything else open.
    pub fn digest(bin: &Path, realm: &str, htdigest: &str, location: &str) -> ApacheBuilder {
        ApacheBuilder {
            bin: bin.to_path_buf(),
            realm: realm.into(),
            htdigest: htdigest.into(),
            location: location.into(),
            pages: Vec::new(),
        }
    }
}

impl ApacheBuilder {
    /// A file to serve: `path` under the document root.
    pub fn page(mut self, path: &str, body: &str) -> Self {
        self.pages.push((path.into(), body.into()));
        self
    }

    /// Writes the configuration and starts httpd; returns once it accepts
    /// connections.
    pub fn start(self) -> Apache {
        let port = free_port();
        let scratch = scratch_with_pages(&format!("apache-{port}"), &self.pages);
        scratch.write("htdigest", &self.htdigest);
        let d = scratch.dir().display();
        let conf = format!(
            r#"ServerRoot "{d}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{d}/httpd.pid"
ErrorLog "{d}/error.log"
LoadModule mpm_event_module {m}/mod_mpm_event.so
LoadModule authn_core_module {m}/mod_authn_core.so
LoadModule authn_file_module {m}/mod_authn_file.so
LoadModule authz_core_module {m}/mod_authz_core.so
LoadModule authz_user_module {m}/mod_authz_user.so
LoadModule auth_digest_module {m}/mod_auth_digest.so
User nobody
Group nogroup
DocumentRoot "{d}/htdocs"
<Directory "{d}/htdocs">
    Require all granted
</Directory>
<Location "{location}">
    AuthType Digest
    AuthName "{realm}"
    AuthDigestProvider file
    AuthUserFile "{d}/htdigest"
    Require valid-user
</Location>
"#,
            m = APACHE_MODULES,
            location = self.location,
            realm = self.realm,
        );
        let conf_path = scratch.write("httpd.conf", conf);
        // httpd started as root serves as `nobody`, which must read the files.
        readable_by_all(scratch.dir());
        let mut cmd = Command::new(&self.bin);
        cmd.arg("-f").arg(conf_path).arg("-X");
        Apache(Running::start(cmd, port, scratch))
    }
}

/// A server process listening on 127.0.0.1 with its scratch directory:
/// what [`Lighttpd`] and [`Apache`] are. Killed when dropped, and the
/// directory removed.
#[derive(Debug)]
struct Running {
    _child: Killed,
    addr: SocketAddr,
    scratch: Scratch,
}

impl Running {
    /// Starts `cmd` (standard input and output to null, standard error
    /// kept) and returns once it accepts connections on `port`.
    fn start(mut cmd: Command, port: u16, scratch: Scratch) -> Running {
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", Path::new(cmd.get_program()).display()));
        let child = Killed(child);
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        wait_listening(addr, START_TIMEOUT);
        Running {
            _child: child,
            addr,
            scratch,
        }
    }
}

/// The accessors [`Lighttpd`] and [`Apache`] share.
macro_rules! running_accessors {
    ($($server:ident),*) => {$(
        impl $server {
            /// Where it listens.
            pub fn addr(&self) -> SocketAddr {
                self.0.addr
            }

            /// Its port.
            pub fn port(&self) -> u16 {
                self.0.addr.port()
            }

            /// `http://127.0.0.1:PORT` followed by `path`.
            pub fn url(&self, path: &str) -> String {
                format!("http://{}{path}", self.0.addr)
            }

            /// Its scratch directory (configuration, user file, `htdocs/`,
            /// error log), where a test may keep files of its own.
            pub fn scratch(&self) -> &Scratch {
                &self.0.scratch
            }
        }
    )*};
}

running_accessors!(Lighttpd, Apache);

/// A new scratch directory named after `name` with `pages` under its
/// `htdocs/` (which exists even when there is none).
fn scratch_with_pages(name: &str, pages: &[(String, String)]) -> Scratch {
    let scratch = Scratch::new(name);
    std::fs::create_dir_all(scratch.path("htdocs")).unwrap();
    for (path, body) in pages {
        scratch.write(&format!("htdocs/{path}"), body);
    }
    scratch
}

/// `chmod -R a+rX`.
fn readable_by_all(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    let add = if meta.is_dir() { 0o555 } else { 0o444 };
    let mut p = meta.permissions();
    p.set_mode(p.mode() | add);
    let _ = std::fs::set_permissions(path, p);
    if meta.is_dir() {
        for e in std::fs::read_dir(path).into_iter().flatten().flatten() {
            readable_by_all(&e.path());
        }
    }
}

/// The `authserve` example of `auth-headers-tower` (its routes and accounts
/// are in its source), started with `--listen 127.0.0.1:0`; killed when
/// dropped.
#[derive(Debug)]
pub struct Authserve {
    _child: Killed,
    base: String,
}

impl Authserve {
    /// `target/<profile>/examples/authserve`, built once per test binary
    /// with the cargo that runs the tests: `cargo test --test NAME` alone
    /// builds no example of another package (nor this one's, for a single
    /// test), and a stale binary would be tested.
    pub fn binary() -> PathBuf {
        static BUILT: OnceLock<PathBuf> = OnceLock::new();
        BUILT
            .get_or_init(|| {
                let dir = profile_dir();
                let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
                let mut cmd = Command::new(cargo);
                cmd.args([
                    "build",
                    "-q",
                    "-p",
                    "auth-headers-tower",
                    "--example",
                    "authserve",
                ]);
                if dir.file_name().is_some_and(|n| n == "release") {
                    cmd.arg("--release");
                }
                assert!(cmd.status().unwrap().success(), "building authserve");
                dir.join("examples").join("authserve")
            })
            .clone()
    }

    /// Starts it as an origin server, or with `proxy` as a proxy (`--proxy`:
    /// 407 and `Proxy-Authenticate`); returns once it listens.
    pub fn start(proxy: bool) -> Authserve {
        let mut cmd = Command::new(Self::binary());
        cmd.args(["--listen", "127.0.0.1:0"]);
        if proxy {
            cmd.arg("--proxy");
        }
        let (child, line) = Killed::spawn_reading_line(cmd);
        let base = line
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("{line:?}"))
            .to_owned();
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Authserve {
            _child: child,
            base,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The base URL followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.base["http://".len()..].parse().unwrap()
    }
}
