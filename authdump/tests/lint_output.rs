//! The dump tool's `--lint` and `--lenient` output (issue: lenient parsing
//! and lint), moved here from the library's linter tests (now
//! tests/lenient/lint.rs) when the tool became its own package (issue 20).

// --- the dump tool ---------------------------------------------------------

fn dump(args: &[&str]) -> (u8, String) {
    let args: Vec<std::ffi::OsString> = args.iter().map(|a| a.into()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = authdump::run(args, &b""[..], &mut out, &mut err).unwrap();
    assert!(err.is_empty());
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn authdump_lint_text() {
    let (code, out) = dump(&["--lint", "authorization", "Bearer: abc"]);
    assert_eq!(code, 1, "strict parsing still fails");
    assert_eq!(
        out,
        "Authorization: Bearer: abc
  error at byte 6: expected a single space after the auth-scheme, then a token68 or name=value parameters
    Bearer: abc
          ^
  lint:
    error[separator-after-scheme] at bytes 6..8: ':' after the auth-scheme
      Bearer: abc
            ^^
      fix: put one space after the auth-scheme: write `Bearer <redacted>`
"
    );
}

#[test]
fn authdump_lenient_json() {
    let (code, out) = dump(&[
        "--json",
        "--lenient",
        "--lint",
        "www-authenticate",
        r#"Basic realm="a" charset="UTF-8""#,
    ]);
    assert_eq!(code, 0, "the lenient parse succeeds");
    assert_eq!(
        out,
        concat!(
            r#"{"ok":true,"challenges":[{"scheme":"Basic","token68":null,"params":[["realm","a"],["charset","UTF-8"]]}],"#,
            r#""deviations":[{"offset":16,"kind":"allow_missing_commas","message":"no comma before this parameter"}],"#,
            r#""lint":[{"code":"missing-comma","severity":"error","start":16,"end":23,"message":"no comma before this parameter","fix":"separate parameters with ',': write `Basic realm=\"a\", charset=\"UTF-8\"`"}]}"#,
            "\n"
        )
    );
    // Without the flags the format is unchanged.
    let (code, out) = dump(&["--json", "authorization", "Bearer abc"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\"ok\":true,\"credentials\":{\"scheme\":\"Bearer\",\"token68\":\"abc\",\"params\":[]}}\n"
    );
}

#[test]
fn readme_lint_example_matches_the_tool() {
    // The README's "Lenient parsing and lint" section shows one run; keep it true.
    let readme = include_str!("../../README.md");
    let cmd = "$ cargo run -p authdump -- --lint --lenient authorization '";
    let start = readme.find(cmd).expect("README example") + cmd.len();
    let value_end = start + readme[start..].find("'\n").unwrap();
    let value = &readme[start..value_end];
    let shown =
        &readme[value_end + 2..value_end + 2 + readme[value_end + 2..].find("```").unwrap()];
    let (code, out) = dump(&["--lint", "--lenient", "authorization", value]);
    assert_eq!(code, 0);
    assert_eq!(out, shown);
}

#[test]
fn lint_finds_the_scheme_rules_on_a_single_value() {
    // Issue 20: what `authdump check` used to find only in an exchange,
    // the published guides' values, one at a time.
    for (header, value, code) in [
        (
            "www-authenticate",
            r#"Bearer realm="api", charset="UTF-8""#,
            "foreign-param",
        ),
        ("www-authenticate", "JWT", "jwt-scheme"),
        (
            "authorization",
            "JWT eyJhbGciOiJIUzI1NiJ9.e30.c2ln",
            "jwt-scheme",
        ),
        (
            "www-authenticate",
            r#"Basic realm="a", Basic realm="a""#,
            "duplicate-challenge",
        ),
        (
            "www-authenticate",
            r#"Bearer realm="API", error="token_expired""#,
            "bearer-unknown-error",
        ),
        ("www-authenticate", "Basic", "basic-missing-realm"),
        (
            "www-authenticate",
            r#"Digest realm="cam", algorithm=SHA-256"#,
            "digest-missing-param",
        ),
        (
            "www-authenticate",
            r#"Bearer resource_metadata="/m""#,
            "resource-metadata-url",
        ),
    ] {
        let (code_, out) = dump(&["--json", "--lint", header, value]);
        assert_eq!(code_, 0, "{value}: parses");
        assert!(
            out.contains(&format!(r#""code":"{code}""#)),
            "{value}: {out}"
        );
    }
}
