//! `authget` against real servers on loopback (issue 19, "Tests"):
//! lighttpd `mod_auth` (Basic; Digest MD5 and SHA-256 from an htdigest
//! file) and Apache httpd `mod_auth_digest` (with a UTF-8 username, sent
//! quoted). Each server runs in the foreground with a generated
//! configuration in a scratch directory and is killed by the test. Under
//! CI a missing server is a failure; elsewhere the test says SKIPPED.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use auth_headers::schemes::digest::{ha1, Algorithm};
use support::{authget, column, free_port, steps, wait_listening, which, Killed, Scratch};

fn peer(name: &str) -> Option<PathBuf> {
    let found = which(name);
    if found.is_none() {
        let msg = format!("SKIPPED: `{name}` is not installed (see .ci/run)");
        assert!(
            std::env::var_os("CI").is_none(),
            "{msg} (required under CI)"
        );
        eprintln!("{msg}");
    }
    found
}

fn htdigest(users: &[(&str, &str)], realm: &str, alg: Algorithm) -> String {
    users
        .iter()
        .map(|(u, p)| {
            let h = ha1(alg, u.as_bytes(), realm.as_bytes(), p.as_bytes());
            format!("{u}:{realm}:{h}\n")
        })
        .collect()
}

fn lighttpd(bin: &Path, dir: &Scratch, method: &str, algorithm: &str) -> (Killed, u16) {
    let port = free_port();
    let d = dir.0.display();
    std::fs::create_dir_all(dir.path("htdocs/dir")).unwrap();
    std::fs::write(dir.path("htdocs/dir/index.html"), "hello\n").unwrap();
    std::fs::write(dir.path("htdocs/dir/other.html"), "other\n").unwrap();
    let alg = if algorithm == "SHA-256" {
        Algorithm::Sha256
    } else {
        Algorithm::Md5
    };
    std::fs::write(
        dir.path("users"),
        htdigest(&[("Mufasa", "Circle of Life")], "lighttpd", alg),
    )
    .unwrap();
    std::fs::write(dir.path("plain"), "Mufasa:Circle of Life\n").unwrap();
    let backend = if method == "basic" {
        format!("auth.backend = \"plain\"\nauth.backend.plain.userfile = \"{d}/plain\"")
    } else {
        format!("auth.backend = \"htdigest\"\nauth.backend.htdigest.userfile = \"{d}/users\"")
    };
    let conf = format!(
        r#"server.document-root = "{d}/htdocs"
server.bind = "127.0.0.1"
server.port = {port}
server.errorlog = "{d}/error.log"
server.modules = ("mod_auth", "mod_authn_file")
{backend}
auth.require = ( "/" => ( "method" => "{method}", "algorithm" => "{algorithm}", "realm" => "lighttpd", "require" => "valid-user" ) )
"#
    );
    std::fs::write(dir.path("lighttpd.conf"), conf).unwrap();
    let child = Command::new(bin)
        .arg("-D")
        .arg("-f")
        .arg(dir.path("lighttpd.conf"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let k = Killed(child);
    wait_listening(port);
    (k, port)
}

// lighttpd mod_auth Basic: answered once, then preemptive below /dir/
// (RFC 7617 §2.2) for the second URL.
#[test]
fn lighttpd_basic() {
    let Some(bin) = peer("lighttpd") else { return };
    let dir = Scratch::new("lighttpd-basic");
    let (_srv, port) = lighttpd(&bin, &dir, "basic", "MD5");
    let a = format!("http://127.0.0.1:{port}/dir/index.html");
    let b = format!("http://127.0.0.1:{port}/dir/other.html");
    let (lines, code, out) = authget(&["--user", "Mufasa:Circle of Life", &a, &b]);
    let want: Vec<(u64, String)> = vec![
        (401, "retry".into()),
        (200, "done".into()),
        (200, "done".into()),
    ];
    assert_eq!(steps(&lines), want, "{out}");
    assert_eq!(column(&lines, "sent"), ["-", "Basic", "Basic"]);
    assert_eq!(code, 0);
    // A wrong password: refused once, no loop.
    let (lines, code, _) = authget(&["--user", "Mufasa:wrong", &a]);
    assert_eq!(
        steps(&lines),
        vec![(401, "retry".into()), (401, "give_up".into())]
    );
    assert_eq!(code, 1);
}

// lighttpd mod_auth Digest, MD5 and SHA-256 users from htdigest files;
// the second URL goes preemptively with nc=2 on the same nonce.
#[test]
fn lighttpd_digest_md5_and_sha256() {
    let Some(bin) = peer("lighttpd") else { return };
    for alg in ["MD5", "SHA-256"] {
        let dir = Scratch::new(&format!("lighttpd-{alg}"));
        let (_srv, port) = lighttpd(&bin, &dir, "digest", alg);
        let a = format!("http://127.0.0.1:{port}/dir/index.html");
        let b = format!("http://127.0.0.1:{port}/dir/other.html?x=1");
        let (lines, code, out) = authget(&["--user", "Mufasa:Circle of Life", &a, &b]);
        let want: Vec<(u64, String)> = vec![
            (401, "retry".into()),
            (200, "done".into()),
            (200, "done".into()),
        ];
        assert_eq!(steps(&lines), want, "{alg}: {out}");
        assert_eq!(column(&lines, "algorithm"), ["-", alg, alg]);
        assert_eq!(code, 0);
        if alg == "MD5" {
            // --min-digest refuses the downgrade.
            let (lines, code, _) = authget(&[
                "--user",
                "Mufasa:Circle of Life",
                "--min-digest",
                "SHA-256",
                &a,
            ]);
            assert_eq!(steps(&lines), vec![(401, "give_up".into())]);
            assert_eq!(code, 1);
        }
    }
}

fn apache(bin: &Path, dir: &Scratch) -> (Killed, u16) {
    let port = free_port();
    let d = dir.0.display();
    std::fs::create_dir_all(dir.path("htdocs/private")).unwrap();
    std::fs::write(dir.path("htdocs/private/index.html"), "hello\n").unwrap();
    std::fs::write(
        dir.path("htdigest"),
        htdigest(
            &[("Mufasa", "Circle of Life"), ("Jäsøn", "Secret, or not?")],
            "apache",
            Algorithm::Md5,
        ),
    )
    .unwrap();
    let modules = "/usr/lib/apache2/modules";
    let conf = format!(
        r#"ServerRoot "{d}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{d}/httpd.pid"
ErrorLog "{d}/error.log"
LoadModule mpm_event_module {modules}/mod_mpm_event.so
LoadModule authn_core_module {modules}/mod_authn_core.so
LoadModule authn_file_module {modules}/mod_authn_file.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule authz_user_module {modules}/mod_authz_user.so
LoadModule auth_digest_module {modules}/mod_auth_digest.so
User nobody
Group nogroup
DocumentRoot "{d}/htdocs"
<Directory "{d}/htdocs">
    Require all granted
</Directory>
<Location "/private/">
    AuthType Digest
    AuthName "apache"
    AuthDigestProvider file
    AuthUserFile "{d}/htdigest"
    Require valid-user
</Location>
"#
    );
    std::fs::write(dir.path("httpd.conf"), conf).unwrap();
    // The worker user must read the files.
    let _ = Command::new("chmod")
        .args(["-R", "a+rX"])
        .arg(&dir.0)
        .status();
    let child = Command::new(bin)
        .arg("-f")
        .arg(dir.path("httpd.conf"))
        // One process, no workers to orphan when the test kills it.
        .arg("-X")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let k = Killed(child);
    wait_listening(port);
    (k, port)
}

// Apache httpd mod_auth_digest: MD5 Digest; a non-ASCII username goes as
// quoted UTF-8, which Apache accepts (it refuses `username*`, issue 19).
#[test]
fn apache_mod_auth_digest() {
    let Some(bin) = peer("apache2") else { return };
    let dir = Scratch::new("apache");
    let (_srv, port) = apache(&bin, &dir);
    let url = format!("http://127.0.0.1:{port}/private/index.html");
    for user in ["Mufasa:Circle of Life", "Jäsøn:Secret, or not?"] {
        let (lines, code, out) = authget(&["--user", user, &url]);
        let want: Vec<(u64, String)> = vec![(401, "retry".into()), (200, "done".into())];
        assert_eq!(steps(&lines), want, "{user}: {out}");
        assert_eq!(column(&lines, "algorithm"), ["-", "MD5"]);
        assert_eq!(code, 0);
    }
    let (lines, code, _) = authget(&["--user", "Mufasa:wrong", &url]);
    assert_eq!(
        steps(&lines),
        vec![(401, "retry".into()), (401, "give_up".into())]
    );
    assert_eq!(code, 1);
}

// Issue 19: why quoted UTF-8 is the default. Apache refuses the
// `username*=UTF-8''…` form (UsernameForm::ExtValue) for the same user it
// accepts quoted above.
#[tokio::test]
async fn apache_refuses_username_star() {
    use auth_headers::schemes::digest::UsernameForm;
    use auth_headers_reqwest::{AuthMiddleware, Flow, Next};
    let Some(bin) = peer("apache2") else { return };
    let dir = Scratch::new("apache-star");
    let (_srv, port) = apache(&bin, &dir);
    let url = format!("http://127.0.0.1:{port}/private/index.html");
    let get = |form| {
        let flow = Flow::for_url(&url)
            .unwrap()
            .user("Jäsøn", "Secret, or not?")
            .username_form(form);
        let client = reqwest_middleware::ClientBuilder::new(
            reqwest::Client::builder().no_proxy().build().unwrap(),
        )
        .with(AuthMiddleware::new(flow))
        .build();
        let url = url.clone();
        async move {
            let res = client.get(&url).send().await.unwrap();
            let d = res
                .extensions()
                .get::<auth_headers_reqwest::Decision>()
                .cloned()
                .unwrap();
            (res.status().as_u16(), d.next())
        }
    };
    assert_eq!(get(UsernameForm::Quoted).await, (200, Next::Done));
    let (status, next) = get(UsernameForm::ExtValue).await;
    assert_ne!(status, 200, "Apache accepted username*");
    assert_eq!(next, Next::GiveUp);
}
