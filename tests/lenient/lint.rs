//! The linter (issue: lenient parsing and lint): one case per finding the
//! issue lists, with its code, severity and byte range.
// Uses the `alloc` conveniences (owned strings, `Cow` unescaping).

use auth_headers::lint::{lint, lint_offered, Finding, Severity};
use Severity::{Error as E, Info as I, Warning as W};

/// (code, severity, start, end) of each finding.
fn codes(header: &str, value: &str) -> Vec<(&'static str, Severity, usize, usize)> {
    lint(header, value)
        .iter()
        .map(|f| (f.code, f.severity, f.start, f.end))
        .collect()
}

fn only(header: &str, value: &str) -> Finding {
    let f = lint(header, value);
    assert_eq!(f.len(), 1, "{value:?}: {f:#?}");
    f[0]
}

fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle).unwrap()
}

// The common mistakes with Bearer credentials named in the issue (and RFC
// 6750 §2.1's `credentials = "Bearer" 1*SP b64token`).
#[test]
fn bearer_credential_mistakes() {
    let v = "Bearer: eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
    let f = only("Authorization", v);
    assert_eq!(
        (f.code, f.severity, f.start, f.end),
        ("separator-after-scheme", E, 6, 8)
    );
    assert_eq!(f.message, "':' after the auth-scheme");
    assert_eq!(
        f.fix_text(v.as_bytes()),
        // The fix never repeats the token (issue 16: no secret echoed).
        "put one space after the auth-scheme: write `Bearer <redacted>`"
    );

    // `BearereyJ…`: strictly a valid (unknown) scheme, hence a warning.
    let v = "BearereyJhbGciOiJIUzI1NiJ9.e30.c2ln";
    let f = only("Authorization", v);
    assert_eq!((f.code, f.severity), ("no-space-after-scheme", W));
    assert_eq!(
        f.fix_text(v.as_bytes()),
        "put one space after the scheme: write `Bearer <redacted>`"
    );
    // With `=` padding it does not even parse: an error.
    let f = only("Authorization", "BasicQWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    assert_eq!((f.code, f.severity), ("no-space-after-scheme", E));

    assert_eq!(
        codes("Authorization", "Bearer  abc"),
        [("two-spaces", W, 6, 8)]
    );
    assert_eq!(
        codes("Authorization", "Bearer abc "),
        [("trailing-whitespace", E, 10, 11)]
    );
    assert_eq!(
        codes("Authorization", "Bearer "),
        [("empty-token", E, 6, 7)]
    );
    assert_eq!(codes("Authorization", "Bearer"), [("empty-token", W, 0, 6)]);
    assert_eq!(codes("Authorization", "Bearer mF_9.B5f-4.1JqM"), []);
}

// Every strict error gets a finding at the error's offset.
#[test]
fn strict_errors_are_reworded() {
    for (header, v, code, start) in [
        ("Authorization", "", "empty-value", 0),
        ("Authorization", "Bearer abc def", "token68-not-alone", 11),
        (
            "WWW-Authenticate",
            "Basic realm=\"a\rb\"",
            "control-char",
            14,
        ),
        (
            "WWW-Authenticate",
            "Basic a=b, realm=",
            "expected-value",
            17,
        ),
        (
            "Authorization",
            "Digest a=1, Basic realm",
            "multiple-credentials",
            12,
        ),
        (
            "WWW-Authenticate",
            "Basic realm=\"x\" Bearer",
            "expected-comma",
            16,
        ),
        ("Authentication-Info", "nextnonce", "expected-equals", 9),
    ] {
        let f = lint(header, v);
        let last = f.last().unwrap_or_else(|| panic!("{v:?}: no finding"));
        assert_eq!(
            (last.code, last.severity, last.start),
            (code, E, start),
            "{v:?}"
        );
        assert!(!last.message.is_empty() && !last.fix.is_empty());
    }
}

// What the lenient parse forgave, each as an error finding with a fix.
#[test]
fn deviations_become_findings() {
    let v = r#"Digest realm="a" nonce="b", algorithm=SHA-256"#;
    let f = lint("WWW-Authenticate", v);
    assert_eq!(f[0].code, "missing-comma");
    assert_eq!((f[0].start, f[0].end), (17, 22));
    assert_eq!(
        f[0].fix_text(v.as_bytes()),
        // Public values (`realm`, `algorithm`) are echoed, others masked.
        r#"separate parameters with ',': write `Digest realm="a", nonce=<redacted>, algorithm=SHA-256`"#
    );
    assert_eq!(f.len(), 1, "{f:#?}");

    let v = r#"Digest realm="a"; nonce="b", algorithm=SHA-256"#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("semicolon-separator", E, 16, 17)]
    );
    let v = r#"Bearer, error="invalid_token""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("comma-after-scheme", E, 6, 7)]
    );
    let v = r#"Basic realm="cut"#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("unterminated-quoted-string", E, 12, 16)]
    );
    let v = " Basic realm=\"x\"";
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("leading-whitespace", E, 0, 1)]
    );
    let v = "Basic QWxhZGRpbg==,";
    assert_eq!(codes("Authorization", v), [("stray-comma", E, 18, 19)]);
    let v = "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=abc";
    assert_eq!(
        codes("Authorization", v),
        [("unquoted-value", E, at(v, "/"), at(v, ","))]
    );
}

// RFC 9110 §11.2 (once per challenge) and §15.5.2 (a 401 carries a challenge).
#[test]
fn validation_failures() {
    let v = r#"Bearer resource_metadata="https://a/1", resource_metadata="https://a/1""#;
    let second = v.rfind("resource_metadata").unwrap();
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("repeated-param", E, second, second + 17)]
    );
    assert_eq!(codes("WWW-Authenticate", ""), [("no-challenge", E, 0, 0)]);
    assert_eq!(
        codes("Proxy-Authenticate", ", ,"),
        [("no-challenge", E, 0, 3)]
    );
    assert_eq!(codes("X-Auth", "Basic"), [("unknown-header", E, 0, 0)]);
}

// RFC 7617 §2 (realm required), §2.1 (charset only UTF-8).
#[test]
fn basic_rules() {
    assert_eq!(
        codes("WWW-Authenticate", "Basic"),
        [("basic-missing-realm", W, 0, 5)]
    );
    let v = r#"Basic realm="x", charset="ISO-8859-1""#;
    assert_eq!(codes("WWW-Authenticate", v), [("basic-charset", W, 17, 37)]);
    assert_eq!(
        codes("WWW-Authenticate", r#"Basic realm="x", charset="utf-8""#),
        []
    );
}

// RFC 6750 §3 and §3.1.
#[test]
fn bearer_rules() {
    let v = r#"Bearer realm="x", error="invalid_request""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("bearer-status-400", I, 18, 41)]
    );
    let v = r#"Bearer error="insufficient_scope", scope="read write""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("bearer-status-403", I, 7, 33)]
    );
    let v = r#"Bearer error="token_expired""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("bearer-unknown-error", W, 7, 28)]
    );
    let v = r#"Bearer error="invalid_token", error_description="caf\u{e9}""#;
    let v = v.replace("\\u{e9}", "\u{e9}");
    assert_eq!(
        codes("WWW-Authenticate", &v),
        [(
            "bearer-invalid-chars",
            W,
            at(&v, "error_description"),
            v.len()
        )]
    );
    let v = r#"Bearer scope="read  write""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("bearer-invalid-chars", W, 7, 26)]
    );
    // DPoP's own codes are known for DPoP (RFC 9449 §7.1, §9).
    assert_eq!(
        codes(
            "WWW-Authenticate",
            r#"DPoP algs="ES256", error="use_dpop_nonce""#
        ),
        []
    );
}

// RFC 7616 §3.3 (challenge), §3.4 (credentials), §5 (MD5).
#[test]
fn digest_rules() {
    // Cameras: unquoted realm and nonce, quoted algorithm, upper-case scheme.
    let v = r#"DIGEST realm=cam, nonce=abc, qop=auth, algorithm="MD5""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [
            ("digest-unquoted", W, 7, 16),
            ("digest-unquoted", W, 18, 27),
            ("digest-unquoted", W, 29, 37),
            ("digest-quoted", W, 39, 54),
            ("digest-md5-only", W, 0, 6),
        ]
    );
    // lighttpd 1.4's challenge quotes charset (and curl's answer to a
    // userhash challenge may quote userhash): RFC 7616 §3.3 and §3.4 forbid
    // quoting only algorithm and stale, and algorithm, qop and nc.
    let v = r#"Digest realm="lighttpd", charset="UTF-8", algorithm=SHA-256, nonce="n", qop="auth", userhash="true""#;
    assert_eq!(codes("WWW-Authenticate", v), []);
    let v = r#"Digest realm="r", nonce="n", algorithm="SHA-256", stale="true""#;
    let (alg, stale) = (at(v, "algorithm="), at(v, "stale="));
    assert_eq!(
        codes("WWW-Authenticate", v),
        [
            ("digest-quoted", W, alg, alg + 19),
            ("digest-quoted", W, stale, stale + 12)
        ]
    );
    let v = r#"Digest realm="r", nonce="n", algorithm=SHA-1"#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("digest-unknown-algorithm", W, 29, 44)]
    );
    let v = r#"Digest realm="r", nonce="n", algorithm=SHA-256, Digest realm="r", nonce="n", algorithm=MD5"#;
    let second = v.rfind("Digest").unwrap();
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("digest-md5-downgrade", I, second, second + 6)]
    );
    assert_eq!(
        codes("WWW-Authenticate", r#"Digest realm="r""#),
        [
            ("digest-missing-param", W, 0, 6),
            ("digest-md5-only", W, 0, 6)
        ]
    );
    // RFC 7616 §3.9.1, with nc and qop quoted.
    let v = r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc="00000001", cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop="auth", response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
    let nc = at(v, "nc=");
    let qop = at(v, "qop=");
    assert_eq!(
        codes("Authorization", v),
        [
            ("digest-quoted", W, nc, nc + 13),
            ("digest-quoted", W, qop, qop + 10)
        ]
    );
    let unquoted = v.replace("uri=\"/dir/index.html\"", "uri=/dir/index.html");
    let uri = at(&unquoted, "uri=");
    assert_eq!(
        codes("Authorization", &unquoted)[0],
        ("unquoted-value", E, uri + 4, uri + 19)
    );
}

// Credentials answering a scheme that was not offered.
#[test]
fn scheme_not_offered() {
    let challenges = r#"Digest realm="x", nonce="y", algorithm=SHA-256, Negotiate"#;
    let f = lint_offered(challenges, "Basic QWxhZGRpbjpvcGVu");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].code, f[0].severity, f[0].start, f[0].end),
        ("scheme-not-offered", W, 0, 5)
    );
    assert!(lint_offered(challenges, "negotiate YII=").is_empty());
    // Lenient on both sides: a camera's challenge, a client's stray colon.
    assert!(lint_offered(r#"Basic realm="a" charset="UTF-8""#, "Basic: QWxh").is_empty());
}

// Findings never point outside the value, for any bytes (the fuzz target
// `lenient_lint` runs the same check at length).
#[test]
fn ranges_stay_inside_the_value() {
    let values: [&[u8]; 8] = [
        b"",
        b" ",
        b"\"",
        b"Digest realm=\"\xff\xfe",
        b"Bearer:",
        b"a=b; c",
        b",,,Basic;",
        b"Basic realm='x' y",
    ];
    for v in values {
        for h in ["WWW-Authenticate", "Authorization", "Authentication-Info"] {
            for f in lint(h, v) {
                assert!(f.start <= f.end && f.end <= v.len(), "{v:?} {f:?}");
                if let Some(e) = f.edit {
                    assert!(e.start <= e.end && e.end <= v.len(), "{v:?} {f:?}");
                }
            }
        }
    }
}

// The dump tool's `--lint` and `--lenient` output is checked in the authdump
// package (authdump/tests/lint_output.rs), since the tool is its own package.

/// Issue 17: the linter reports what the typed views' `validate()` refuses,
/// from the views' own checks (it keeps no rule table of its own), one
/// finding per parameter that breaks a rule, and says nothing the views
/// accept. RFC 9470 §3 (`acr_values`, `max_age`), RFC 7616 §3.3–§3.4.
#[test]
fn scheme_findings_come_from_the_views() {
    use auth_headers::schemes::{bearer::BearerChallenge, digest::DigestChallenge};
    let v = r#"Bearer realm="a", acr_values="x  y", max_age=soon"#;
    let (acr, age) = (at(v, "acr_values="), at(v, "max_age="));
    assert_eq!(
        codes("WWW-Authenticate", v),
        [
            ("bearer-invalid-chars", W, acr, acr + 17),
            ("bearer-invalid-max-age", W, age, age + 12),
        ]
    );
    let list = auth_headers::parse_challenges(v).unwrap();
    assert!(BearerChallenge::find(&list).unwrap().validate().is_err());

    let v = r#"Digest realm="r", nonce="n", algorithm=SHA-256, stale=maybe"#;
    let stale = at(v, "stale=");
    let f = only("WWW-Authenticate", v);
    assert_eq!(
        (f.code, f.severity, f.start, f.end),
        ("digest-invalid-value", W, stale, stale + 11)
    );
    assert_eq!(
        f.message,
        "`stale` must be `true` or `false` (RFC 7616 §3.3)"
    );
    let list = auth_headers::parse_challenges(v).unwrap();
    let e = DigestChallenge::find(&list)
        .unwrap()
        .validate()
        .unwrap_err();
    assert_eq!(e.kind(), auth_headers::ErrorKind::InvalidValue(f.message));

    // `qop` without `cnonce` and `nc`: one finding, its own words.
    let v = r#"Digest username="u", realm="r", nonce="n", uri="/", response="0a", qop=auth"#;
    let f = only("Authorization", v);
    assert_eq!((f.code, f.start, f.end), ("digest-missing-param", 0, 6));
    assert!(f.message.contains("without cnonce or nc"), "{}", f.message);

    // What the views accept gives no scheme finding.
    for (header, v) in [
        (
            "WWW-Authenticate",
            r#"Bearer realm="a", acr_values="x y", max_age="30""#,
        ),
        (
            "WWW-Authenticate",
            r#"Digest realm="r", nonce="n", algorithm=SHA-256, stale=TRUE"#,
        ),
        (
            "Authorization",
            r#"Digest username="u", realm="r", nonce="n", uri="/", response="0a", qop=auth, nc=00000001, cnonce="c""#,
        ),
    ] {
        assert_eq!(codes(header, v), [], "{v}");
    }
}

/// Issue 20: a parameter that belongs to another scheme. A published guide
/// suggests `Bearer realm="api", charset="UTF-8"`; `charset` is Basic's
/// (RFC 7617 §2.1) and Digest's (RFC 7616 §3.3), and RFC 6750 §3 defines
/// none. Which scheme defines what comes from the schemes' tables.
#[test]
fn parameters_of_another_scheme() {
    let v = r#"Bearer realm="api", charset="UTF-8""#;
    let cs = at(v, "charset");
    let f = only("WWW-Authenticate", v);
    assert_eq!(
        (f.code, f.severity, f.start, f.end),
        ("foreign-param", W, cs, v.len())
    );
    assert!(f.message.contains("Basic"), "{}", f.message);
    // Digest's on Basic, Bearer's on Digest, DPoP's on Bearer.
    let v = r#"Basic realm="a", nonce="n""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("foreign-param", W, at(v, "nonce"), v.len())]
    );
    let v = r#"Digest realm="a", nonce="n", algorithm=SHA-256, error="invalid_token""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("foreign-param", W, at(v, "error"), v.len())]
    );
    let v = r#"Bearer realm="a", algs="ES256""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("foreign-param", W, at(v, "algs"), v.len())]
    );
    // What each scheme defines is not flagged: RFC 7617 §2.1's example,
    // RFC 7616 §3.3's `charset`, RFC 9449 §7.1's `algs` with RFC 6750's
    // `error`, an extension parameter no scheme defines, and an unknown
    // scheme.
    for v in [
        r#"Basic realm="foo", charset="UTF-8""#,
        r#"Digest realm="a", nonce="n", algorithm=SHA-256, charset=UTF-8, userhash=true"#,
        r#"DPoP algs="ES256", error="invalid_dpop_proof", resource_metadata="https://a/m""#,
        r#"Bearer realm="a", x-trace="1""#,
        r#"Custom nonce="n", error="e""#,
    ] {
        assert_eq!(codes("WWW-Authenticate", v), [], "{v}");
    }
}

/// RFC 7616 §3.3: every parameter the quoting tables name is one a Digest
/// challenge defines, and the defined ones outside both tables are exactly
/// those the RFC puts in neither list (`charset`, `userhash`).
#[test]
fn digest_challenge_parameters_agree_with_its_quoting_tables() {
    use auth_headers::schemes::digest::rules;
    let quoting: Vec<&str> = [rules::QUOTED_IN_CHALLENGE, rules::TOKEN_IN_CHALLENGE].concat();
    for name in &quoting {
        assert!(rules::PARAMS_IN_CHALLENGE.contains(name), "{name}");
    }
    let mut free: Vec<&str> = rules::PARAMS_IN_CHALLENGE
        .iter()
        .copied()
        .filter(|n| !quoting.contains(n))
        .collect();
    free.sort_unstable();
    assert_eq!(free, ["charset", "userhash"]);
}

/// Issue 20: `JWT` used as an auth-scheme. A published guide prints
/// `WWW-Authenticate: JWT`, and clients send `Authorization: JWT eyJ…`; a
/// JWT travels as a Bearer token (RFC 6750 §2.1). The fix puts Bearer in
/// its place and never repeats the token.
#[test]
fn jwt_is_not_a_scheme() {
    let f = only("WWW-Authenticate", "JWT");
    assert_eq!(
        (f.code, f.severity, f.start, f.end),
        ("jwt-scheme", W, 0, 3)
    );
    assert_eq!(
        f.fix_text(b"JWT"),
        "offer the Bearer scheme: write `Bearer`"
    );
    let v = "jwt eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
    let f = only("Authorization", v);
    assert_eq!(
        (f.code, f.severity, f.start, f.end),
        ("jwt-scheme", W, 0, 3)
    );
    assert_eq!(
        f.fix_text(v.as_bytes()),
        "send the JWT as a Bearer token: write `Bearer <redacted>`"
    );
    let v = r#"Basic realm="a", JWT realm="a""#;
    let second = at(v, "JWT");
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("jwt-scheme", W, second, second + 3)]
    );
    assert_eq!(codes("Authorization", "JWTs eyJ.e30"), []);
}

/// Issue 20: the same challenge offered twice in one list (sentry-mcp #939
/// sent its Bearer challenge twice, on two lines, which RFC 9110 §5.3 makes
/// one list). The same scheme, token68 and parameters, whatever the case
/// of the names, the quoting or the order; one challenge per Digest
/// algorithm (RFC 7616 §3.9.1) or per realm (RFC 9110 §11.6.1) is normal.
#[test]
fn the_same_challenge_twice() {
    let one = r#"Bearer realm="OAuth", resource_metadata="https://mcp.sentry.dev/.well-known/oauth-protected-resource""#;
    let v = format!("{one}, {one}");
    let second = one.len() + 2;
    let rm = second + at(one, "resource_metadata");
    assert_eq!(
        codes("WWW-Authenticate", &v),
        [
            ("duplicate-challenge", W, second, second + 6),
            ("resource-metadata-repeated", W, rm, v.len())
        ]
    );
    let v = r#"Basic realm="x", charset="UTF-8", basic Charset="UTF-8", Realm=x"#;
    let second = at(v, "basic");
    assert_eq!(
        codes("WWW-Authenticate", v),
        [("duplicate-challenge", W, second, second + 5)]
    );
    // A third time is flagged again; the token68 counts.
    assert_eq!(
        codes(
            "WWW-Authenticate",
            "Negotiate, Negotiate, Negotiate abc=, Negotiate"
        )
        .iter()
        .map(|f| (f.0, f.2))
        .collect::<Vec<_>>(),
        [("duplicate-challenge", 11), ("duplicate-challenge", 38)]
    );
    for v in [
        r#"Digest realm="a", nonce="n", algorithm=SHA-256, Digest realm="a", nonce="n", algorithm=SHA-256-sess"#,
        r#"Basic realm="staff", Basic realm="guests""#,
        r#"Basic realm="a", Bearer realm="a""#,
        r#"Basic realm="a", Basic realm="a", charset="UTF-8""#,
        r#"Basic realm="a\"b", Basic realm="ab""#,
    ] {
        assert_eq!(codes("WWW-Authenticate", v), [], "{v}");
    }
    // Beyond the first MAX_UNIQUE_CHECK challenges the check stops, so that
    // a hostile list stays linear.
    let n = auth_headers::MAX_UNIQUE_CHECK;
    let many = vec!["Basic realm=\"a\""; n + 2].join(", ");
    assert_eq!(lint("WWW-Authenticate", &many).len(), n - 1);
}

/// Issue 20 and RFC 9728 §5.1 / §3: `resource_metadata` on a Bearer or
/// DPoP challenge of `WWW-Authenticate` is one absolute `https` URL
/// (loopback `http` is allowed: MCP servers in development). sentry-mcp
/// #939 sent it twice.
#[test]
fn resource_metadata_rules() {
    // RFC 9728 §5.1's example is clean.
    let v = r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource""#;
    assert_eq!(codes("WWW-Authenticate", v), []);
    for url in [
        "http://resource.example.com/.well-known/oauth-protected-resource",
        "/.well-known/oauth-protected-resource",
        "https:///.well-known/oauth-protected-resource",
    ] {
        let v = format!(r#"Bearer realm="api", resource_metadata="{url}""#);
        let rm = at(&v, "resource_metadata");
        assert_eq!(
            codes("WWW-Authenticate", &v),
            [("resource-metadata-url", W, rm, v.len())],
            "{url}"
        );
        // A proxy's challenge is not RFC 9728's.
        assert_eq!(codes("Proxy-Authenticate", &v), [], "{url}");
    }
    // Twice in one list: two URLs, or one scheme's challenges repeating
    // it; within one challenge it is `repeated-param` (see
    // `validation_failures`).
    for v in [
        r#"Bearer resource_metadata="https://a.example/m", DPoP algs="ES256", resource_metadata="https://a.example/other""#,
        r#"Bearer realm="a", resource_metadata="https://a.example/m", Bearer realm="b", resource_metadata="https://a.example/m""#,
    ] {
        let second = v.rfind("resource_metadata").unwrap();
        assert_eq!(
            codes("WWW-Authenticate", v),
            [("resource-metadata-repeated", W, second, v.len())],
            "{v}"
        );
    }
    // RFC 9449 §7.2: a server offering DPoP and Bearer puts the same URL
    // in each challenge, since a client reads only the one it answers.
    let v = r#"DPoP algs="ES256", resource_metadata="https://a.example/m", Bearer resource_metadata="https://a.example/m""#;
    assert_eq!(codes("WWW-Authenticate", v), []);
}

/// What counts as a URL no one on the path can read: `https` with a host,
/// or `http` to loopback (RFC 6761 §6.3 `localhost`, 127.0.0.0/8, `::1`).
#[test]
fn secure_urls() {
    use auth_headers::lint::is_secure_url;
    for url in [
        "https://a.example/m",
        "HTTPS://a.example",
        "http://localhost:3000/m",
        "http://LOCALHOST./m",
        "http://mcp.localhost/m",
        "http://127.0.0.2:8080/m",
        "http://[::1]:8080/m",
        "http://[0:0:0:0:0:0:0:1]/m",
        "http://user:pass@127.0.0.1/m",
    ] {
        assert!(is_secure_url(url), "{url}");
    }
    for url in [
        "http://a.example/m",
        "http://localhost@evil.example/m",
        "http://evil.example#@localhost",
        "http://localhost.evil.example/m",
        "http://notlocalhost/m",
        "http://128.0.0.1/m",
        "https://",
        "https://user@/m",
        "ftp://localhost/m",
        "//localhost/m",
        "",
    ] {
        assert!(!is_secure_url(url), "{url}");
    }
}

/// The MCP scope step-up (and RFC 6750 §3.1, which lets `scope` name what
/// is needed): `insufficient_scope` without `scope` leaves the client
/// nothing to ask for.
#[test]
fn insufficient_scope_without_scope() {
    let v = r#"Bearer error="insufficient_scope""#;
    assert_eq!(
        codes("WWW-Authenticate", v),
        [
            ("bearer-status-403", I, 7, v.len()),
            ("insufficient-scope-without-scope", W, 7, v.len())
        ]
    );
    assert_eq!(
        codes("Proxy-Authenticate", v),
        [("bearer-status-403", I, 7, v.len())]
    );
}

/// Issue 20: a published guide recommends `Bearer realm="API",
/// error="token_expired"`, which no RFC defines; an expired token is RFC
/// 6750 §3.1's `invalid_token`, and the fix says so.
#[test]
fn token_expired_is_invalid_token() {
    let v = r#"Bearer realm="API", error="token_expired""#;
    let f = only("WWW-Authenticate", v);
    assert_eq!(
        (f.code, f.severity, f.start, f.end),
        ("bearer-unknown-error", W, at(v, "error"), v.len())
    );
    assert!(f.fix.contains(r#"error="invalid_token""#), "{}", f.fix);
    assert!(f.fix.contains("error_description"), "{}", f.fix);
    let f = only("WWW-Authenticate", r#"Bearer error="bad_token""#);
    assert_eq!(f.fix, "use one of the three registered codes");
}
