//! The dump tool's output format (issue 2, "The dump tool"), checked byte for
//! byte. `run` comes from the package's library, so it is driven in-process
//! with in-memory standard input and output; one test also runs the built
//! binary (`CARGO_BIN_EXE_authdump`) to check the process exit codes.

use std::ffi::OsString;

/// Runs the tool with `args` and `stdin`; returns (exit code, stdout, stderr).
fn run(args: &[&[u8]], stdin: &[u8]) -> (u8, String, String) {
    let args: Vec<OsString> = args.iter().map(|a| os(a)).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = authdump::run(args, stdin, &mut out, &mut err).unwrap();
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[cfg(unix)]
fn os(a: &[u8]) -> OsString {
    std::os::unix::ffi::OsStringExt::from_vec(a.to_vec())
}

#[cfg(not(unix))]
fn os(a: &[u8]) -> OsString {
    OsString::from(std::str::from_utf8(a).unwrap())
}

/// `--json HEADER VALUE...` with arguments only; returns (exit code, stdout).
fn json(header: &str, values: &[&str]) -> (u8, String) {
    let mut args: Vec<&[u8]> = vec![b"--json", header.as_bytes()];
    args.extend(values.iter().map(|v| v.as_bytes()));
    let (code, out, err) = run(&args, b"");
    assert_eq!(err, "");
    (code, out)
}

#[test]
fn json_challenges_rfc9110_11_6_1() {
    // RFC 9110 §11.6.1: two challenges, a quoted-pair in `title`.
    let (code, out) = json(
        "WWW-Authenticate",
        &[r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""#],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        concat!(
            r#"{"ok":true,"challenges":["#,
            r#"{"scheme":"Newauth","token68":null,"params":[["realm","apps"],["type","1"],["title","Login to \"apps\""]]},"#,
            r#"{"scheme":"Basic","token68":null,"params":[["realm","simple"]]}]}"#,
            "\n"
        )
    );
}

#[test]
fn json_challenges_token68_bare_scheme_and_empty_value() {
    // RFC 9110 §11.2 token68 with padding, a bare scheme, and the empty
    // value (an empty `#challenge` list; validation is not the tool's job).
    let (code, out) = json("proxy-authenticate", &["Negotiate abc==, NTLM", ""]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        concat!(
            r#"{"ok":true,"challenges":[{"scheme":"Negotiate","token68":"abc==","params":[]},{"scheme":"NTLM","token68":null,"params":[]}]}"#,
            "\n",
            r#"{"ok":true,"challenges":[]}"#,
            "\n"
        )
    );
}

#[test]
fn json_keeps_repeated_names_and_case_as_written() {
    // RFC 9110 §11.2 forbids a repeat, but the dump shows what was sent.
    let (code, out) = json("WWW-AUTHENTICATE", &["bEARER Realm=a, realm=b"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        r#"{"ok":true,"challenges":[{"scheme":"bEARER","token68":null,"params":[["Realm","a"],["realm","b"]]}]}"#
            .to_owned()
            + "\n"
    );
}

#[test]
fn json_credentials_rfc6750_2_1_and_rfc7617_2() {
    // RFC 6750 §2.1 and RFC 7617 §2.
    let (code, out) = json(
        "Authorization",
        &[
            "Bearer mF_9.B5f-4.1JqM",
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        concat!(
            r#"{"ok":true,"credentials":{"scheme":"Bearer","token68":"mF_9.B5f-4.1JqM","params":[]}}"#,
            "\n",
            r#"{"ok":true,"credentials":{"scheme":"Basic","token68":"QWxhZGRpbjpvcGVuIHNlc2FtZQ==","params":[]}}"#,
            "\n"
        )
    );
}

#[test]
fn json_credentials_with_params() {
    // RFC 7616 §3.9.1 style Digest credentials (shortened), on Proxy-Authorization.
    let (code, out) = json(
        "proxy-authorization",
        &[r#"Digest username="Mufasa", realm="http-auth@example.org", nc=00000001, qop=auth"#],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        concat!(
            r#"{"ok":true,"credentials":{"scheme":"Digest","token68":null,"params":"#,
            r#"[["username","Mufasa"],["realm","http-auth@example.org"],["nc","00000001"],["qop","auth"]]}}"#,
            "\n"
        )
    );
}

#[test]
fn json_auth_info_rfc7615_3() {
    // RFC 7615 §3 (Authentication-Info) and §4 (Proxy-Authentication-Info).
    let (code, out) = json("Authentication-Info", &[r#"nextnonce="abc", rspauth=x"#]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\"ok\":true,\"params\":[[\"nextnonce\",\"abc\"],[\"rspauth\",\"x\"]]}\n"
    );
    let (code, out) = json("proxy-authentication-info", &[""]);
    assert_eq!(code, 0);
    assert_eq!(out, "{\"ok\":true,\"params\":[]}\n");
}

#[test]
fn json_error_and_exit_code_1() {
    // `Bearer:`: a colon is not a tchar, so the scheme ends at byte 6.
    let (code, out) = json("authorization", &["Bearer: abc", "Basic x"]);
    assert_eq!(code, 1, "one value failed");
    let kind = auth_headers::ErrorKind::ExpectedSpaceAfterScheme;
    assert_eq!(
        out,
        format!(
            "{{\"ok\":false,\"error\":{{\"offset\":6,\"message\":\"{kind}\"}}}}\n{}\n",
            r#"{"ok":true,"credentials":{"scheme":"Basic","token68":"x","params":[]}}"#
        )
    );
}

#[test]
fn json_escapes_quotes_backslashes_and_controls() {
    // quoted-pair (RFC 9110 §5.6.4) unescapes to `"` and `\`; HTAB is qdtext
    // and must leave the JSON as \u0009.
    let (code, out) = json("www-authenticate", &["X a=\"q\\\"b\\\\c\td\""]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\"ok\":true,\"challenges\":[{\"scheme\":\"X\",\"token68\":null,\"params\":[[\"a\",\"q\\\"b\\\\c\\u0009d\"]]}]}\n"
    );
    let mut s = String::new();
    authdump::json_str("\u{0}\u{1f}\u{7f}é\u{2028}", &mut s);
    assert_eq!(s, "\"\\u0000\\u001f\u{7f}é\u{2028}\"");
}

#[test]
fn stdin_splits_on_lf_only_and_keeps_cr_and_non_utf8() {
    // Line 1: a CR before the LF is part of the value (and a control byte:
    // RFC 9110 §5.5), so it fails at the CR. Line 2: obs-text 0xFF in a
    // quoted-string is valid and shows as U+FFFD. Line 3 is empty (an empty
    // list). No value follows the final LF.
    let stdin = b"Basic realm=\"a\"\r\nBasic realm=\"\xff\"\n\n";
    let (code, out, err) = run(&[b"--json", b"WWW-Authenticate"], stdin);
    assert_eq!((code, err.as_str()), (1, ""));
    let cr = auth_headers::ErrorKind::ControlChar(b'\r');
    assert_eq!(
        out,
        format!(
            "{{\"ok\":false,\"error\":{{\"offset\":15,\"message\":\"{cr}\"}}}}\n{}\n{}\n",
            "{\"ok\":true,\"challenges\":[{\"scheme\":\"Basic\",\"token68\":null,\"params\":[[\"realm\",\"\u{fffd}\"]]}]}",
            "{\"ok\":true,\"challenges\":[]}"
        )
    );
}

#[test]
fn stdin_last_line_without_lf_and_tab_inside_value() {
    let stdin = b"Bearer abc\nDigest a=\"x\ty\"";
    let (code, out, _) = run(&[b"--json", b"authorization"], stdin);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        concat!(
            r#"{"ok":true,"credentials":{"scheme":"Bearer","token68":"abc","params":[]}}"#,
            "\n",
            r#"{"ok":true,"credentials":{"scheme":"Digest","token68":null,"params":[["a","x\u0009y"]]}}"#,
            "\n"
        )
    );
    // Empty standard input: no value, nothing printed, success.
    assert_eq!(
        run(&[b"--json", b"authorization"], b""),
        (0, "".into(), "".into())
    );
}

#[test]
fn non_utf8_argument_is_passed_as_bytes() {
    // obs-text (RFC 9110 §5.6.4) inside a quoted-string, given on the command line.
    let (code, out, _) = run(
        &[b"--json", b"www-authenticate", b"B r=\"\xe9t\xc3\xa9\""],
        b"",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\"ok\":true,\"challenges\":[{\"scheme\":\"B\",\"token68\":null,\"params\":[[\"r\",\"\u{fffd}té\"]]}]}\n"
    );
}

#[test]
fn text_readme_command() {
    // The README's newcomer command.
    let (code, out, err) = run(
        &[
            b"www-authenticate",
            br#"Basic realm="simple", Bearer realm="api", error="invalid_token""#,
        ],
        b"",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "WWW-Authenticate: Basic realm=\"simple\", Bearer realm=\"api\", error=\"invalid_token\"
  challenge 1: Basic
    realm: simple
  challenge 2: Bearer
    realm: api
    error: invalid_token
"
    );
}

#[test]
fn text_credentials_info_and_blank_line_between_values() {
    let (code, out, _) = run(
        &[
            b"Proxy-Authorization",
            b"Negotiate YII=",
            br#"Digest realm="a\"b""#,
            b"Basic",
        ],
        b"",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Proxy-Authorization: Negotiate YII=
  credentials: Negotiate
    token68: YII=

Proxy-Authorization: Digest realm=\"a\\\"b\"
  credentials: Digest
    realm: a\"b

Proxy-Authorization: Basic
  credentials: Basic
    (no parameters)
"
    );
    let (code, out, _) = run(&[b"authentication-info", b"", b"qop=auth"], b"");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Authentication-Info: \n  (no parameters)\n\nAuthentication-Info: qop=auth\n  qop: auth\n"
    );
}

#[test]
fn text_error_caret_under_offending_byte() {
    let (code, out, _) = run(&[b"authorization", b"Bearer: abc"], b"");
    assert_eq!(code, 1);
    let kind = auth_headers::ErrorKind::ExpectedSpaceAfterScheme;
    assert_eq!(
        out,
        format!(
            "Authorization: Bearer: abc\n  error at byte 6: {kind}\n    Bearer: abc\n          ^\n"
        )
    );
}

#[test]
fn text_error_caret_counts_characters_not_bytes() {
    // A CR (shown as U+240D) after a two-byte UTF-8 character and a non-UTF-8
    // byte: the caret sits under the CR, column 7, though it is byte 8.
    let (code, out, _) = run(&[b"www-authenticate"], b"B r=\"\xc3\xa9\xff\r\"\n");
    assert_eq!(code, 1);
    let kind = auth_headers::ErrorKind::ControlChar(b'\r');
    assert_eq!(
        out,
        format!(
            "WWW-Authenticate: B r=\"é\u{fffd}\u{240d}\"\n  error at byte 8: {kind}\n    B r=\"é\u{fffd}\u{240d}\"\n           ^\n"
        )
    );
}

#[test]
fn text_error_at_end_of_value() {
    // RFC 9110 §11.2: `name=` needs a token or a quoted-string; the value
    // ended, so the caret stands just past the last byte.
    let (code, out, _) = run(&[b"authorization", b"Digest a=1, c="], b"");
    assert_eq!(code, 1);
    let kind = auth_headers::ErrorKind::ExpectedValue;
    assert_eq!(
        out,
        format!(
            "Authorization: Digest a=1, c=\n  error at byte 14: {kind}\n    Digest a=1, c=\n{}^\n",
            " ".repeat(4 + 14)
        )
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &[&b"--json"[..]][..],
        &[&b"Cookie"[..], &b"a=b"[..]][..],
        &[&b"--jsn"[..], &b"authorization"[..]][..],
    ] {
        let (code, out, err) = run(args, b"");
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(out, "");
        assert!(err.starts_with("authdump: "), "{err}");
        assert!(err.ends_with(authdump::USAGE), "{err}");
    }
    let (code, out, _) = run(&[b"--help"], b"");
    assert_eq!((code, out.as_str()), (0, authdump::USAGE));
    // After `--`, a name that starts with `-` is a header name, not a flag.
    let (code, _, err) = run(&[b"--", b"--json"], b"");
    assert_eq!(code, 2);
    assert!(err.starts_with("authdump: unknown header name `--json`"));
}

#[test]
fn binary_exit_codes() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    // Cargo builds the package's binary for its integration tests.
    let bin = env!("CARGO_BIN_EXE_authdump");
    let status = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let ok = status(&["--json", "authorization", "Bearer abc"]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(
        ok.stdout,
        b"{\"ok\":true,\"credentials\":{\"scheme\":\"Bearer\",\"token68\":\"abc\",\"params\":[]}}\n"
    );
    assert_eq!(
        status(&["authorization", "Bearer a b"]).status.code(),
        Some(1)
    );
    assert_eq!(status(&["cookie"]).status.code(), Some(2));
    let mut child = Command::new(bin)
        .args(["--json", "authentication-info"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"rspauth=\"\xff\"\r\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the CR is part of the value");
    assert!(out
        .stdout
        .starts_with(b"{\"ok\":false,\"error\":{\"offset\":11,"));
}

#[test]
fn readme_text_example_matches_the_tool() {
    // The README shows one run of the tool; keep it true.
    let readme = include_str!("../../README.md");
    let cmd = "$ cargo run -q -p authdump -- authorization 'Bearer: abc'\n";
    let start = readme.find(cmd).expect("README example") + cmd.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let (code, out, _) = run(&[b"authorization", b"Bearer: abc"], b"");
    assert_eq!(code, 1);
    assert_eq!(out, shown);
}

// ---------------------------------------------------------------- --canonical (issue 3)

// RFC 9110 §11.6.1: the Newauth example written back canonically; empty
// list elements, extra spaces and an unneeded quote disappear.
#[test]
fn canonical_text_one_line_per_value() {
    let (code, out, err) = run(
        &[
            b"--canonical",
            b"WWW-Authenticate",
            br#"Newauth realm="apps", type="1",, title="Login to \"apps\"", Basic  realm=simple"#,
            b"Bearer realm=api",
        ],
        b"",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"\nBearer realm=\"api\"\n"
    );
}

// The canonical form is a fixed point: feeding it back prints it unchanged.
#[test]
fn canonical_of_canonical_is_unchanged() {
    let first = run(
        &[
            b"--canonical",
            b"authorization",
            br##"Digest username=Mufasa, nc="00000001", qop="auth", uri="/x""##,
        ],
        b"",
    )
    .1;
    assert_eq!(
        first,
        "Digest username=\"Mufasa\", nc=00000001, qop=auth, uri=\"/x\"\n"
    );
    let again = run(&[b"--canonical", b"authorization"], first.as_bytes()).1;
    assert_eq!(again, first);
}

#[test]
fn canonical_json_and_errors() {
    let (code, out, _) = run(
        &[
            b"--canonical",
            b"--json",
            b"authentication-info",
            b"nextnonce=\"abc\"",
            b"a=b c",
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "{\"ok\":true,\"canonical\":\"nextnonce=abc\"}\n{\"ok\":false,\"error\":{\"offset\":4,\"message\":\"expected ',' or the end of the value here (quote a value that holds spaces or other separators)\"}}\n"
    );
    let (code, out, _) = run(
        &[b"--canonical", b"www-authenticate", b"Bearer, error=x"],
        b"",
    );
    assert_eq!(code, 1);
    assert!(out.starts_with("  error at byte 8: "), "{out}");
}

// Issue 16, finding 1: `--lenient --canonical` used to panic (exit 101) on a
// quoted-string cut after a backslash; the dangling backslash is dropped and
// the canonical form parses strictly.
#[test]
fn lenient_canonical_of_a_cut_quoted_pair() {
    let (code, out, err) = run(
        &[
            b"--lenient",
            b"--canonical",
            b"WWW-Authenticate",
            br#"Basic realm="a\"b\"#,
        ],
        b"",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.starts_with("Basic realm=\"a\\\"b\"\n"), "{out}");
    assert!(out.contains("(allow_unterminated_quote)"), "{out}");
}
