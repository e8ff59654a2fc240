//! `authdump check` (issue 20): a table of real exchanges, each with where it
//! was seen, and the codes `check` finds in it; then the readers (raw heads
//! with and without body framing, `curl -v`, HAR), the output and the exit
//! codes.

use authdump::check::{check, read, Format};

/// The sorted codes of each exchange of `input`.
fn codes(input: &str) -> Vec<Vec<&'static str>> {
    check(input.as_bytes())
        .unwrap()
        .iter()
        .map(|r| {
            let mut c: Vec<_> = r.findings.iter().map(|f| f.code).collect();
            c.sort();
            c
        })
        .collect()
}

/// A request head (CRLF line ends) followed by a response head.
fn exchange(request: &[&str], response: &[&str]) -> String {
    let mut s = String::new();
    for part in [request, response] {
        if part.is_empty() {
            continue;
        }
        for l in part {
            s.push_str(l);
            s.push_str("\r\n");
        }
        s.push_str("\r\n");
    }
    s
}

/// (where it was seen, request lines, response lines, codes sorted)
type Case = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const GET: &str = "GET /resource HTTP/1.1";
const HOST: &str = "Host: server.example.com";
const BEARER: &str = "Authorization: Bearer mF_9.B5f-4.1JqM";

#[test]
fn table_of_real_exchanges() {
    // (where it was seen, request lines, response lines, codes sorted)
    #[rustfmt::skip]
    let cases: &[Case] = &[
        ("RFC 6750 §3: a request without a token, the challenge without error",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Bearer realm="example""#],
         &["mcp-resource-metadata"]),
        ("RFC 6750 §3: an expired token, answered with invalid_token",
         &[GET, HOST, BEARER],
         &["HTTP/1.1 401 Unauthorized",
           r#"WWW-Authenticate: Bearer realm="example", error="invalid_token", error_description="The access token expired""#],
         &["mcp-resource-metadata"]),
        ("typescript-sdk PR #785: error= on a 401 that answered a request without credentials",
         &["POST /mcp HTTP/1.1", HOST],
         &["HTTP/1.1 401 Unauthorized",
           r#"WWW-Authenticate: Bearer error="invalid_token", error_description="Missing Authorization header", resource_metadata="https://server.example.com/.well-known/oauth-protected-resource""#],
         &["error-without-credentials"]),
        ("square-mcp-server #30: a rejected bearer token got a 401 with no challenge",
         &["POST /mcp HTTP/1.1", HOST, BEARER],
         &["HTTP/1.1 401 Unauthorized", "Content-Type: application/json"],
         &["401-without-challenge"]),
        ("sentry-mcp #939: resource_metadata twice in one challenge",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized",
           r#"WWW-Authenticate: Bearer realm="OAuth", resource_metadata="https://mcp.sentry.dev/.well-known/oauth-protected-resource", resource_metadata="https://mcp.sentry.dev/.well-known/oauth-protected-resource""#],
         &["repeated-param"]),
        ("sentry-mcp #939: resource_metadata twice, on two header lines",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized",
           r#"WWW-Authenticate: Bearer realm="OAuth", resource_metadata="https://mcp.sentry.dev/.well-known/oauth-protected-resource""#,
           r#"WWW-Authenticate: Bearer realm="OAuth", resource_metadata="https://mcp.sentry.dev/.well-known/oauth-protected-resource""#],
         &["duplicate-challenge", "resource-metadata-repeated"]),
        ("a published guide (issue 20): error=\"token_expired\", not an RFC 6750 code",
         &[GET, HOST, BEARER],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Bearer realm="API", error="token_expired""#],
         &["bearer-unknown-error", "mcp-resource-metadata"]),
        ("a published guide (issue 20): `Basic; realm=\"Secured area\"`",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Basic; realm="Secured area""#],
         &["separator-after-scheme"]),
        ("a published guide (issue 20): `WWW-Authenticate: JWT`",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", "WWW-Authenticate: JWT"],
         &["jwt-scheme"]),
        ("a published guide (issue 20): charset on Bearer, which is Basic's (RFC 7617 §2.1)",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Bearer realm="api", charset="UTF-8""#],
         &["foreign-param", "mcp-resource-metadata"]),
        ("JWTs as their own scheme in the request (issue 20; RFC 6750 §2.1 says Bearer)",
         &[GET, HOST, "Authorization: JWT eyJhbGciOiJIUzI1NiJ9.e30.c2ln"],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Bearer realm="api", resource_metadata="https://server.example.com/.well-known/oauth-protected-resource""#],
         &["jwt-scheme", "scheme-not-offered"]),
        ("issue 20: invalid_token sent with 403 (RFC 6750 §3.1 pairs it with 401)",
         &[GET, HOST, BEARER],
         &["HTTP/1.1 403 Forbidden", r#"WWW-Authenticate: Bearer error="invalid_token""#],
         &["bearer-error-status"]),
        ("issue 20: insufficient_scope sent with 401 (RFC 6750 §3.1 pairs it with 403)",
         &[GET, HOST, BEARER],
         &["HTTP/1.1 401 Unauthorized",
           r#"WWW-Authenticate: Bearer error="insufficient_scope", scope="read", resource_metadata="https://server.example.com/.well-known/oauth-protected-resource""#],
         &["bearer-error-status"]),
        ("RFC 6750 §3.1: insufficient_scope with 403 and the scope; a 403 with a challenge is fine",
         &[GET, HOST, BEARER],
         &["HTTP/1.1 403 Forbidden", r#"WWW-Authenticate: Bearer realm="example", error="insufficient_scope", scope="photos:read""#],
         &[]),
        ("MCP scope step-up: insufficient_scope without the scope to ask for",
         &[GET, HOST, BEARER],
         &["HTTP/1.1 403 Forbidden", r#"WWW-Authenticate: Bearer error="insufficient_scope""#],
         &["insufficient-scope-without-scope"]),
        ("RFC 6750 §3.1: on a 401 the status is what is wrong; the scope advice is the 403's",
         &[GET, HOST, BEARER],
         &["HTTP/1.1 401 Unauthorized",
           r#"WWW-Authenticate: Bearer error="insufficient_scope", resource_metadata="https://server.example.com/.well-known/oauth-protected-resource""#],
         &["bearer-error-status"]),
        ("RFC 6750 §3.1: invalid_request with 400",
         &[GET, HOST, BEARER],
         &["HTTP/1.1 400 Bad Request", r#"WWW-Authenticate: Bearer error="invalid_request""#],
         &[]),
        ("RFC 9110 §15.5.8: a 407 must carry Proxy-Authenticate",
         &["GET http://example.com/ HTTP/1.1", "Host: example.com"],
         &["HTTP/1.1 407 Proxy Authentication Required", "Content-Length: 0"],
         &["407-without-challenge"]),
        ("RFC 9110 §11.7.1: a 407 with its challenge",
         &["GET http://example.com/ HTTP/1.1", "Host: example.com"],
         &["HTTP/1.1 407 Proxy Authentication Required", r#"Proxy-Authenticate: Basic realm="proxy""#],
         &[]),
        ("RFC 9112 §3.2.2: an absolute-form target says the URL: Basic over plain http",
         &["GET http://example.com/private HTTP/1.1", "Host: example.com", "Authorization: Basic QWxhZGRpbjpvcGVu"],
         &["HTTP/1.1 200 OK"],
         &["credentials-over-http"]),
        ("RFC 9110 §11.7.2: Proxy-Authorization goes to the proxy, whose URL is not known",
         &["GET http://example.com/ HTTP/1.1", "Host: example.com", "Proxy-Authorization: Basic QWxhZGRpbjpvcGVu"],
         &["HTTP/1.1 200 OK"],
         &[]),
        ("RFC 6750 §3.1 is about origin servers: a proxy's Bearer error on 407 is not paired",
         &["GET http://example.com/ HTTP/1.1", "Host: example.com"],
         &["HTTP/1.1 407 Proxy Authentication Required", r#"Proxy-Authenticate: Bearer realm="proxy", error="invalid_token""#],
         &[]),
        ("RFC 7616 §3.9.1: one Digest challenge per algorithm is not a duplicate",
         &["GET /dir/index.html HTTP/1.1", "Host: www.example.org"],
         &["HTTP/1.1 401 Unauthorized",
           r#"WWW-Authenticate: Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
           r#"WWW-Authenticate: Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#],
         &["digest-md5-downgrade"]),
        ("RFC 9110 §11.6.1: one challenge per realm is not a duplicate",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Basic realm="staff", Basic realm="guests""#],
         &[]),
        ("the same Basic challenge on two lines (RFC 9110 §5.3 makes them one list)",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Basic realm="x""#, r#"WWW-Authenticate: basic Realm=x"#],
         &["duplicate-challenge"]),
        ("the same Basic challenge on two lines, with a line between that does not parse",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Basic realm="x""#, "WWW-Authenticate: =x", r#"WWW-Authenticate: Basic realm="x""#],
         &["duplicate-challenge", "expected-scheme"]),
        ("RFC 7617 §2: the WallyWorld challenge",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Basic realm="WallyWorld""#],
         &[]),
        ("RFC 7617 §2: the Aladdin credentials over https are fine (URL not known here)",
         &[GET, HOST, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="],
         &["HTTP/1.1 200 OK", "Content-Length: 0"],
         &[]),
        ("the linter's basic-missing-realm (RFC 7617 §2)",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", "WWW-Authenticate: Basic"],
         &["basic-missing-realm"]),
        ("the linter's digest-missing-param: Digest without nonce (RFC 7616 §3.3)",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Digest realm="cam", algorithm=SHA-256"#],
         &["digest-missing-param"]),
        ("the linter's missing-comma case (a camera's Digest challenge)",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Digest realm="cam" nonce="n""#],
         &["digest-md5-only", "missing-comma"]),
        ("the linter's separator-after-scheme case: `Bearer: eyJ…`",
         &[GET, HOST, "Authorization: Bearer: eyJhbGciOiJIUzI1NiJ9.e30.c2ln"],
         &["HTTP/1.1 200 OK"],
         &["separator-after-scheme"]),
        ("the linter's scheme-not-offered case: Basic answering a Digest challenge",
         &[GET, HOST, "Authorization: Basic QWxhZGRpbjpvcGVu"],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Digest realm="x", nonce="y", algorithm=SHA-256"#],
         &["scheme-not-offered"]),
        ("scheme-not-offered looks at every challenge line (RFC 9110 §5.3)",
         &[GET, HOST, "Authorization: Basic QWxhZGRpbjpvcGVu"],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Digest realm="x", nonce="y", algorithm=SHA-256"#, r#"WWW-Authenticate: Basic realm="x""#],
         &[]),
        ("RFC 9728 §5.1: the resource_metadata example",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource""#],
         &[]),
        ("RFC 9728 §3: resource_metadata over plain http to another host",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Bearer resource_metadata="http://resource.example.com/.well-known/oauth-protected-resource""#],
         &["resource-metadata-url"]),
        ("MCP servers in development: loopback http is allowed",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Bearer resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource""#],
         &[]),
        ("RFC 9728 §3: a relative resource_metadata",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Bearer resource_metadata="/.well-known/oauth-protected-resource""#],
         &["resource-metadata-url"]),
        ("RFC 9110 §5.3: Authorization is not a list field, so not twice",
         &[GET, HOST, BEARER, BEARER],
         &["HTTP/1.1 200 OK"],
         &["repeated-credentials"]),
        ("RFC 9112 §5.2: obs-fold in a challenge",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Basic"#, r#"  realm="folded""#],
         &["obs-fold"]),
        ("RFC 9110 §15.5.2: a 401 with an empty WWW-Authenticate",
         &[GET, HOST],
         &["HTTP/1.1 401 Unauthorized", "WWW-Authenticate:"],
         &["no-challenge"]),
    ];
    for (seen, req, resp, want) in cases {
        let got = codes(&exchange(req, resp));
        assert_eq!(got.len(), 1, "{seen}: one exchange");
        assert_eq!(got[0], *want, "{seen}");
    }
}

#[test]
fn token_expired_fix_names_invalid_token_and_error_description() {
    // Issue 20: the guide's `error="token_expired"`.
    let input = exchange(
        &[GET, HOST, BEARER],
        &[
            "HTTP/1.1 401 Unauthorized",
            r#"WWW-Authenticate: Bearer realm="API", error="token_expired""#,
        ],
    );
    let r = &check(input.as_bytes()).unwrap()[0];
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "bearer-unknown-error")
        .unwrap();
    assert!(f.fix.contains("error=\"invalid_token\""), "{}", f.fix);
    assert!(f.fix.contains("error_description"), "{}", f.fix);
    assert_eq!(&f.text[f.start..f.end], br#"error="token_expired""#);
    assert_eq!((f.header.as_deref(), f.line), (Some("WWW-Authenticate"), 6));
}

#[test]
fn mcp_note_points_at_the_bearer_challenge_on_its_line() {
    // RFC 9728 §5.1; the Bearer challenge on the second line of the field.
    let input = exchange(
        &[GET, HOST],
        &[
            "HTTP/1.1 401 Unauthorized",
            r#"WWW-Authenticate: Basic realm="a""#,
            r#"WWW-Authenticate: Negotiate, Bearer realm="api""#,
        ],
    );
    let r = &check(input.as_bytes()).unwrap()[0];
    assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    let f = &r.findings[0];
    assert_eq!((f.code, f.line), ("mcp-resource-metadata", 6));
    assert_eq!(&f.text[f.start..f.end], b"Bearer");
}

#[test]
fn status_finding_points_at_the_status_code() {
    // square-mcp-server #30.
    let r = &check(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n").unwrap()[0];
    let f = &r.findings[0];
    assert_eq!(f.code, "401-without-challenge");
    assert_eq!((f.header.as_deref(), f.line), (None, 1));
    assert_eq!(&f.text[f.start..f.end], b"401");
    assert_eq!((r.request.as_ref(), r.status), (None, Some(401)));
}

// ---------------------------------------------------------------- readers

#[test]
fn curl_si_heads_in_a_row_with_bodies_skipped() {
    // `curl -si url1 url2`: each response's body follows its head without a
    // final newline; the bodies quote status lines, which Content-Length
    // and the chunked framing keep from being read as messages.
    let input = concat!(
        "HTTP/1.1 401 Unauthorized\r\n",
        "WWW-Authenticate: Basic realm=\"a\"\r\n",
        "Content-Length: 32\r\n",
        "\r\n",
        "HTTP/1.1 401 Unauthorized\r\n\r\nno!",
        "HTTP/1.1 200 OK\r\n",
        "Transfer-Encoding: chunked\r\n",
        "\r\n",
        "1b\r\nHTTP/1.1 401 Unauthorized\r\n\r\n",
        "0\r\n\r\n",
        "HTTP/2 401 \r\n",
        "www-authenticate: Basic realm=\"b\"\r\n",
        "\r\n",
        "<html>\nHTTP/1.1 200 OK\n</html>\n",
    );
    let (format, x) = read(input.as_bytes()).unwrap();
    assert_eq!(format, Format::Raw);
    let statuses: Vec<_> = x
        .iter()
        .map(|x| x.response.as_ref().unwrap().status())
        .collect();
    // The last body has no framing: up to the next status line, which is
    // in it; so a fourth response is seen there (nothing tells it apart).
    assert_eq!(statuses, [Some(401), Some(200), Some(401), Some(200)]);
    assert_eq!(codes(input), [[""; 0]; 4]);
}

#[test]
fn content_length_that_lies_falls_back_to_the_next_start_line() {
    let input = concat!(
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhello\r\n",
        "HTTP/1.1 401 Unauthorized\r\n\r\n",
    );
    assert_eq!(codes(input), [vec![], vec!["401-without-challenge"]]);
}

#[test]
fn head_request_response_has_no_body_and_100_continue_is_skipped() {
    let input = concat!(
        "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n",
        "HTTP/1.1 401 Unauthorized\r\nContent-Length: 100\r\nWWW-Authenticate: Basic realm=\"a\"\r\n\r\n",
        "PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 401 Unauthorized\r\n\r\n",
    );
    let (_, x) = read(input.as_bytes()).unwrap();
    assert_eq!(x.len(), 2);
    let r = check(input.as_bytes()).unwrap();
    assert_eq!(
        r[0].request,
        Some(("HEAD".to_owned(), "/".to_owned())),
        "paired"
    );
    assert!(r[0].findings.is_empty());
    assert_eq!(r[1].request.as_ref().unwrap().0, "PUT");
    assert_eq!(r[1].status, Some(401));
    assert_eq!(r[1].findings[0].code, "401-without-challenge");
}

#[test]
fn curl_verbose_transcript() {
    // As `curl -v` prints it (HTTP/2: lower-case names, `* ` notes, the body
    // on standard output in between).
    let input = concat!(
        "* Host mcp.example.com:443 was resolved.\n",
        "*   Trying 203.0.113.7:443...\n",
        "* ALPN: server accepted h2\n",
        "* [HTTP/2] [1] [:method: POST]\n",
        "> POST /mcp HTTP/2\r\n",
        "> Host: mcp.example.com\r\n",
        "> User-Agent: curl/8.11.1\r\n",
        "> Accept: */*\r\n",
        "> \r\n",
        "* Request completely sent off\n",
        "< HTTP/2 401 \r\n",
        "< www-authenticate: Bearer error=\"invalid_token\",\r\n",
        "<  resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\"\r\n",
        "< content-length: 12\r\n",
        "< \r\n",
        "< not a header\n",
        "{ [12 bytes data]\n",
        "* Connection #0 to host mcp.example.com left intact\n",
        "Unauthorized",
    );
    let (format, x) = read(input.as_bytes()).unwrap();
    assert_eq!(format, Format::CurlVerbose);
    assert_eq!(x.len(), 1);
    let resp = x[0].response.as_ref().unwrap();
    assert_eq!(resp.fields.len(), 2, "{:?}", resp.fields);
    assert_eq!(resp.fields[0].line, 12);
    // typescript-sdk PR #785's mistake, and the fold.
    assert_eq!(
        codes(input),
        [vec!["error-without-credentials", "obs-fold"]]
    );
}

#[test]
fn har_shaped_like_chromiums_export() {
    // Fields as Chromium's DevTools "Save all as HAR" writes them: h2
    // pseudo-headers, lower-case names, status 0 for a failed request.
    let har = include_bytes!("fixtures/chromium.har");
    let (format, x) = read(har).unwrap();
    assert_eq!(format, Format::Har);
    assert_eq!(x.len(), 5);
    assert!(x[4].response.is_none(), "status 0: no response");
    let r = check(har).unwrap();
    let got: Vec<Vec<_>> = r
        .iter()
        .map(|r| r.findings.iter().map(|f| f.code).collect())
        .collect();
    let none: Vec<&str> = vec![];
    assert_eq!(
        got,
        [
            none.clone(),
            none.clone(),
            vec!["credentials-over-http"],
            none.clone(),
            none
        ]
    );
    let f = &r[2].findings[0];
    assert_eq!((f.header.as_deref(), f.line), (Some("Authorization"), 2));
    assert_eq!(&f.text[f.start..f.end], b"Basic");
    assert_eq!(
        r[2].request,
        Some((
            "GET".to_owned(),
            "http://intranet.example.com/logo.png".to_owned()
        ))
    );
}

#[test]
fn har_joined_lines_and_unreadable_json() {
    // Firefox joins repeated fields with LF in one HAR header.
    let har = r#"{"log":{"entries":[{"request":{"method":"GET","url":"https://a/","headers":[]},
        "response":{"status":401,"statusText":"Unauthorized","headers":[
        {"name":"WWW-Authenticate","value":"Basic realm=\"a\"\nBasic realm=\"a\""}]}}]}}"#;
    assert_eq!(codes(har), [vec!["duplicate-challenge"]]);
    assert!(check(b"{\"log\": [").is_err());
    assert!(check(b"{\"log\": {}}").is_err());
    assert!(check(b"just some text\n").is_err());
}

// ---------------------------------------------------------------- output and exit codes

fn run(args: &[&str], stdin: &[u8]) -> (u8, String, String) {
    let args: Vec<std::ffi::OsString> = args.iter().map(|a| a.into()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = authdump::run(args, stdin, &mut out, &mut err).unwrap();
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn json_one_object_per_exchange() {
    let input = exchange(
        &[GET, HOST],
        &[
            "HTTP/1.1 401 Unauthorized",
            r#"WWW-Authenticate: Bearer error="invalid_token", resource_metadata="https://a.example/.well-known/oauth-protected-resource""#,
        ],
    ) + "HTTP/1.1 200 OK\r\n\r\n";
    let (code, out, err) = run(&["check", "--json"], input.as_bytes());
    assert_eq!((code, err.as_str()), (0, ""), "warnings only: exit 0");
    assert_eq!(
        out,
        concat!(
            r#"{"request":{"method":"GET","target":"/resource"},"status":401,"findings":["#,
            r#"{"severity":"warning","code":"error-without-credentials","header":"WWW-Authenticate","line":5,"start":7,"end":28,"#,
            r#""message":"an error code on a 401 that answered a request without credentials (RFC 6750 §3.1: SHOULD NOT)","#,
            r#""fix":"leave out error (and error_description) when the request had no token"}]}"#,
            "\n",
            r#"{"request":null,"status":200,"findings":[]}"#,
            "\n"
        )
    );
}

#[test]
fn text_with_caret_under_the_range() {
    let (code, out, _) = run(
        &["check"],
        b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic; realm=\"Secured area\"\r\n\r\n",
    );
    assert_eq!(code, 1, "an error finding");
    assert_eq!(
        out,
        "response 401
  error[separator-after-scheme] line 2, bytes 5..7: ';' after the auth-scheme
    WWW-Authenticate: Basic; realm=\"Secured area\"
                           ^^
    fix: put one space after the auth-scheme: write `Basic realm=\"Secured area\"`
"
    );
}

#[test]
fn binary_exit_codes() {
    use std::process::Command;
    let bin = env!("CARGO_BIN_EXE_authdump");
    let dir = std::env::temp_dir().join(format!("authdump-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = |name: &str, body: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p
    };
    let clean = file(
        "clean.txt",
        b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"a\"\r\n\r\n",
    );
    let bad = file("bad.txt", b"HTTP/1.1 401 Unauthorized\r\n\r\n");
    let har = file("bad.har", b"{\"log\":");
    let status = |args: &[&std::ffi::OsStr]| {
        Command::new(bin)
            .arg("check")
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(status(&[clean.as_os_str()]), Some(0));
    assert_eq!(status(&[clean.as_os_str(), bad.as_os_str()]), Some(1));
    assert_eq!(status(&[har.as_os_str()]), Some(2));
    assert_eq!(
        status(&[dir.join("missing").as_os_str(), clean.as_os_str()]),
        Some(2)
    );
    assert_eq!(status(&["--bogus".as_ref()]), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- redaction

/// Credentials in the input, which no output may show: RFC 7617 §2's
/// form of `alice:wonderland` (authserve's account, issue 18), RFC 6750
/// §2.1's example token, a Digest response (RFC 7616 §3.9.1).
const SECRETS: &[&str] = &[
    "YWxpY2U6d29uZGVybGFuZA",
    "wonderland",
    "mF_9",
    "B5f-4",
    "1JqM",
    "753927fa0e85d155564e2e272a28d180",
];

/// Every way `check` shows an `Authorization` or `Proxy-Authorization`
/// line: the linter's findings (a separator after the scheme, a token
/// glued to it, two tokens), the exchange's (a scheme not offered, sent
/// twice, over plain http), an obs-fold, a Digest response, a URL
/// with a password and an RFC 6750 §2.3 `access_token`, and that token in
/// origin-form targets whose query also holds a URL.
fn exchanges_with_credentials() -> String {
    let mut s = String::new();
    for (req, resp) in [
        (
            &["GET /a HTTP/1.1", "Authorization: Basic YWxpY2U6d29uZGVybGFuZA=="][..],
            &["HTTP/1.1 401 Unauthorized", r#"WWW-Authenticate: Digest realm="a", nonce="n", algorithm=SHA-256"#][..],
        ),
        (&["GET /b HTTP/1.1", "Authorization: Bearer: mF_9.B5f-4.1JqM"], &["HTTP/1.1 200 OK"]),
        (&["GET /c HTTP/1.1", "Authorization: BearermF_9.B5f-4.1JqM"], &["HTTP/1.1 200 OK"]),
        (&["GET /d HTTP/1.1", "Authorization: Bearer mF_9.B5f-4 1JqM"], &["HTTP/1.1 200 OK"]),
        (
            &["GET /e HTTP/1.1", "Authorization: Bearer mF_9.B5f-4.1JqM", "Authorization: Basic YWxpY2U6d29uZGVybGFuZA=="],
            &["HTTP/1.1 200 OK"],
        ),
        (
            &["GET http://alice:wonderland@example.com/f?x=1&access_token=mF_9.B5f-4.1JqM HTTP/1.1",
              "Proxy-Authorization: Basic YWxpY2U6d29uZGVybGFuZA==",
              "Authorization: Basic YWxpY2U6d29uZGVybGFuZA=="],
            &["HTTP/1.1 200 OK"],
        ),
        (&["GET /g HTTP/1.1", "Authorization: Bearer", "  mF_9.B5f-4.1JqM"], &["HTTP/1.1 200 OK"]),
        // Origin-form targets (RFC 9112 §3.2.1) whose query holds a URL
        // after the token, or before it: the `://` there is no scheme's.
        (
            &["GET /cb?access_token=mF_9.B5f-4.1JqM&next=http://a/ HTTP/1.1"],
            &["HTTP/1.1 401 Unauthorized"],
        ),
        (
            &["GET /cb?redirect_uri=https://x/&access_token=mF_9.B5f-4.1JqM HTTP/1.1"],
            &["HTTP/1.1 401 Unauthorized"],
        ),
        (
            &["GET /i HTTP/1.1",
              r#"Authorization: Digest username="alice", realm="a", uri="/i", algorithm=SHA-256, nonce="n", nc="00000001", cnonce="c", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1""#],
            &["HTTP/1.1 200 OK"],
        ),
    ] {
        s.push_str(&exchange(req, resp));
    }
    s
}

/// A `curl -v` transcript whose request has an `Authorization` line
/// without its colon (`malformed-field-line`, shown whole).
const VERBOSE_MALFORMED: &str = concat!(
    "> GET /h HTTP/1.1\r\n",
    "> Authorization Basic YWxpY2U6d29uZGVybGFuZA==\r\n",
    "> \r\n",
    "< HTTP/1.1 200 OK\r\n",
    "< \r\n",
);

/// The origin-form targets of [`exchanges_with_credentials`] as shown.
const ORIGIN_FORM: [&str; 2] = [
    "/cb?access_token=<redacted>&next=http://a/",
    "/cb?redirect_uri=https://x/&access_token=<redacted>",
];

#[test]
fn no_credentials_in_either_output() {
    let input = exchanges_with_credentials();
    // Every exchange has a finding, so every credentials line is shown.
    let reports = check(input.as_bytes()).unwrap();
    assert_eq!(reports.len(), 10);
    assert!(
        reports.iter().all(|r| !r.findings.is_empty()),
        "{reports:#?}"
    );
    let verbose = check(VERBOSE_MALFORMED.as_bytes()).unwrap();
    assert_eq!(verbose[0].findings[0].code, "malformed-field-line");
    for args in [&["check"][..], &["check", "--json"]] {
        let (_, out, _) = run(args, input.as_bytes());
        let (_, out_v, _) = run(args, VERBOSE_MALFORMED.as_bytes());
        for secret in SECRETS {
            assert!(!out.contains(secret), "{args:?} shows {secret}:\n{out}");
            assert!(!out_v.contains(secret), "{args:?} shows {secret}:\n{out_v}");
        }
        let target = "http://alice:<redacted>@example.com/f?x=1&access_token=<redacted>";
        if args.len() == 1 {
            assert!(out.contains("Authorization: Basic <redacted>\n"), "{out}");
            assert!(out.contains(&format!("GET {target} -> 200")), "{out}");
            for t in ORIGIN_FORM {
                assert!(out.contains(&format!("GET {t} -> 401")), "{out}");
            }
            assert!(
                out_v.contains("    Authorization Basic <redacted>\n"),
                "{out_v}"
            );
        } else {
            assert!(out.contains(&format!(r#""target":"{target}""#)), "{out}");
            for t in ORIGIN_FORM {
                assert!(out.contains(&format!(r#""target":"{t}""#)), "{out}");
            }
        }
    }
}

#[test]
fn masked_line_keeps_the_format_and_the_caret() {
    let input = exchange(
        &["GET /b HTTP/1.1", "Authorization: Bearer: mF_9.B5f-4.1JqM"],
        &["HTTP/1.1 200 OK"],
    ) + &exchange(
        &["GET /d HTTP/1.1", "Authorization: Bearer mF_9.B5f-4 1JqM"],
        &["HTTP/1.1 200 OK"],
    );
    let (code, out, _) = run(&["check"], input.as_bytes());
    assert_eq!(code, 1);
    // The ranges are the input's; the caret is under what stands for
    // them: the separator, and the whole `<redacted>` of the second token.
    assert_eq!(
        out,
        "GET /b -> 200
  error[separator-after-scheme] line 2, bytes 6..8: ':' after the auth-scheme
    Authorization: Bearer: <redacted>
                         ^^
    fix: put one space after the auth-scheme: write `Bearer <redacted>`
GET /d -> 200
  error[token68-not-alone] line 7, bytes 18..19: token68 must be the only thing after the scheme
    Authorization: Bearer <redacted> <redacted>
                                     ^^^^^^^^^^
    fix: send the token68 alone, or use name=value parameters
"
    );
}

/// Response-side secrets: RFC 7616 §3.5's `rspauth` and `nextnonce` on
/// `Authentication-Info` and `Proxy-Authentication-Info` (RFC 9110
/// §11.6.3, §11.7.3), a server's Negotiate token (RFC 4559 §5), and a
/// cookie (RFC 6265 §5.4) folded over two lines.
const RESPONSE_SECRETS: &[&str] = &["d3adb33f", "n0nce5ecret", "oRswGaADCgEA", "sessi0nsecret"];

#[test]
fn every_auth_line_and_other_folded_values_are_redacted() {
    let input = concat!(
        "GET /a HTTP/1.1\r\n",
        "\r\n",
        "HTTP/1.1 401 Unauthorized\r\n",
        "WWW-Authenticate: Negotiate  oRswGaADCgEAoxIEEAEAAAB=\r\n",
        "WWW-Authenticate: Basic realm=\"api\",\r\n",
        "  charset=\"UTF-8\"\r\n",
        "Authentication-Info: rspauth=\"d3adb33f\", rspauth=\"d3adb33f\", nextnonce=\"n0nce5ecret\"\r\n",
        "Proxy-Authentication-Info: qop=auth, rspauth=\"d3adb33f\", rspauth=\"d3adb33f\"\r\n",
        "Set-Cookie: id=sessi0nsecret;\r\n",
        " Secure\r\n",
        "\r\n",
    );
    // A `curl -v` line without its colon that names an auth header.
    let verbose = concat!(
        "> GET /h HTTP/1.1\r\n",
        "> \r\n",
        "< HTTP/1.1 200 OK\r\n",
        "< Authentication-Info rspauth=\"d3adb33f\"\r\n",
        "< \r\n",
    );
    for args in [&["check"][..], &["check", "--json"]] {
        for input in [input, verbose] {
            let (_, out, _) = run(args, input.as_bytes());
            for secret in RESPONSE_SECRETS {
                assert!(!out.contains(secret), "{args:?} shows {secret}:\n{out}");
            }
        }
    }
    let (_, out, _) = run(&["check"], input.as_bytes());
    let shown: Vec<&str> = out.lines().filter(|l| l.starts_with("    ")).collect();
    assert_eq!(
        shown,
        [
            "    WWW-Authenticate: Negotiate  <redacted>",
            "                               ^^",
            "    fix: put exactly one space after the scheme: write `Negotiate <redacted>`",
            // Public values (realm, charset) are as written; the fold
            // is the caret's.
            "    WWW-Authenticate: Basic realm=\"api\", charset=\"UTF-8\"",
            "                                        ^",
            "    fix: write the whole value on one line",
            "    Authentication-Info: rspauth=<redacted>, rspauth=<redacted>, nextnonce=<redacted>",
            "                                             ^^^^^^^",
            "    fix: send each parameter once",
            "    Proxy-Authentication-Info: qop=auth, rspauth=<redacted>, rspauth=<redacted>",
            "                                                             ^^^^^^^",
            "    fix: send each parameter once",
            // Another header: its name and the fold, not its value.
            "    Set-Cookie: <redacted> <redacted>",
            "                          ^",
            "    fix: write the whole value on one line",
        ],
        "{out}"
    );
    let (_, out, _) = run(&["check"], verbose.as_bytes());
    assert!(
        out.contains("    Authentication-Info rspauth=<redacted>\n"),
        "{out}"
    );
}
