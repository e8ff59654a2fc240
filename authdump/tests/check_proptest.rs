//! `authdump check` never panics, whatever it reads (its output
//! included), every range it reports lies inside the line it names, and
//! neither output shows a secret: the credentials of an `Authorization`
//! or `Proxy-Authorization` line, a request target's password or
//! `access_token`, the `rspauth` and `nextnonce` of an
//! `Authentication-Info` line, a challenge's token68, a folded cookie
//! (issue 20, "Tests"). The inputs mix the pieces the readers look for
//! (start lines, authentication headers, framing headers, obs-fold, `curl
//! -v` prefixes, HAR JSON) with arbitrary bytes, and whole exchanges
//! whose every secret line has a finding. Run long with
//! `PROPTEST_CASES=20000`.

use authdump::check::{check, read, Format};
use proptest::prelude::*;

/// What stands for a secret in the inputs: it is only ever sent where the
/// code masks it (a credentials line, a target's password and
/// `access_token`, the response lines of [`secret_response_line`]), so no
/// output may show it.
const SECRET: &str = "SECRET";

/// The names of the credentials fields, as written.
fn credentials_name() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("Authorization"),
        Just("Proxy-Authorization"),
        Just("authorization"),
    ]
}

/// A credentials value whose secret is [`SECRET`], with the mistakes the
/// linter and the checks show the line for: a separator after the
/// scheme, a token glued to it, two tokens, a quoted-string glued to a
/// token, a Digest response.
fn credentials_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(format!("Basic {SECRET}==")),
        Just(format!("Bearer {SECRET}")),
        Just(format!("Bearer: {SECRET}")),
        Just(format!("Bearer{SECRET}")),
        Just(format!("Bearer {SECRET} {SECRET}")),
        Just(format!("Bearer {SECRET}\"{SECRET}\"")),
        Just(format!("Basic {SECRET}, realm=\"a\"")),
        Just(format!(
            r#"Digest username="u", realm="a", uri="/", nonce="n", response="{SECRET}""#
        )),
        Just(format!("Negotiate, {SECRET}")),
        // A token68 with one `=` of padding and more after it: a parameter
        // named by the token's bytes.
        Just(format!("Basic {SECRET}= junk")),
        Just(format!("Basic {SECRET}=junk")),
    ]
}

/// A credentials line ([`credentials_value`]), maybe with no colon after
/// the name (`malformed-field-line`, shown with the value masked).
fn credentials_line() -> impl Strategy<Value = Vec<u8>> {
    let sep = prop_oneof![Just(": "), Just(":"), Just(" "), Just(" : ")];
    (credentials_name(), sep, credentials_value())
        .prop_map(|(n, s, v)| format!("{n}{s}{v}").into_bytes())
}

/// A request target or HAR URL whose credentials are [`SECRET`]: the
/// password of an absolute URL's userinfo (RFC 3986 §3.2.1) and
/// `access_token` query parameters (RFC 6750 §2.3), among query values
/// that are URLs themselves (`next=http://a/`), so that an origin-form
/// target has a `://` that is no scheme's (RFC 3986 §3.1). Not
/// generated, because the code does not mask them: a password inside a
/// query value, a token in the fragment (a request target has none,
/// RFC 9112 §3.2), a `?` or `&` inside a query value.
fn target() -> impl Strategy<Value = String> {
    let base = prop_oneof![
        Just("/cb".to_owned()),
        Just("/".to_owned()),
        Just("//h/p".to_owned()),
        Just("1x://h/".to_owned()),
        Just("http://a/".to_owned()),
        Just("x+y.z-1://h".to_owned()),
        Just(format!("http://u:{SECRET}@h/")),
        Just(format!("https://u:{SECRET}@h:8443/p")),
        Just(format!("HTTP://u:{SECRET}@h")),
        Just(format!("http://u:{SECRET}:{SECRET}@h")),
    ];
    let pair = prop_oneof![
        Just(format!("access_token={SECRET}")),
        Just(format!("access_token={SECRET}.{SECRET}")),
        Just("access_token=".to_owned()),
        Just("next=http://a/".to_owned()),
        Just("redirect_uri=https://x/".to_owned()),
        Just("u=http://u@h/".to_owned()),
        Just(String::new()),
        "[a-z]{1,5}=[a-z0-9:/.@]{0,8}",
    ];
    let query = prop::option::of(prop::collection::vec(pair, 0..4));
    let fragment = prop_oneof![Just(""), Just("#f"), Just("#n=http://y/")];
    (base, query, fragment).prop_map(|(b, q, f)| match q {
        Some(q) => format!("{b}?{}{f}", q.join("&")),
        None => format!("{b}{f}"),
    })
}

/// A response header line that carries [`SECRET`] and has a finding: a
/// repeated `rspauth` (with `nextnonce`) on `Authentication-Info` and
/// `Proxy-Authentication-Info` (RFC 7616 §3.5), a Negotiate server token
/// after two spaces (RFC 4559 §5), and a folded `Cookie` (obs-fold, the
/// value masked but for the fold).
fn secret_response_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(format!(
            r#"Authentication-Info: rspauth="{SECRET}", rspauth="{SECRET}", nextnonce="{SECRET}""#
        )),
        Just(format!(
            r#"Proxy-Authentication-Info: qop=auth, nextnonce={SECRET}, nextnonce={SECRET}"#
        )),
        Just(format!("WWW-Authenticate: Negotiate  {SECRET}")),
        Just(format!("Proxy-Authenticate: Negotiate  {SECRET}=")),
        Just(format!("Cookie: id={SECRET};\n Secure")),
    ]
}

/// A challenge line that leaves every credentials line a finding: no
/// scheme the credentials use is offered (`scheme-not-offered`).
const OTHER_SCHEME: &str = r#"Mutual realm="a""#;

/// A whole exchange whose lines carry [`SECRET`] where the code masks it:
/// the target, a credentials line, and the response's lines, answered
/// with [`OTHER_SCHEME`] so that the credentials line has a finding. Its
/// lines all have the one prefix of their direction (`> `, `< `) or none,
/// and it starts after a blank line, so that none of its lines continues
/// or breaks into a line before it (a `< GET …` line would be a malformed
/// header line of a response, printed whole; `Negotiate SECRET`
/// continued by ` =x` would name a challenge parameter, and those names
/// are shown).
fn exchange_block() -> impl Strategy<Value = Vec<(Vec<u8>, u8)>> {
    (
        target(),
        prop::option::of(credentials_line()),
        prop_oneof![Just(401u16), Just(407), Just(200), Just(403)],
        prop::collection::vec(secret_response_line(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(t, cred, status, lines, verbose)| {
            let (q, r) = if verbose { (1, 2) } else { (0, 0) };
            let mut out = vec![
                (Vec::new(), 0),
                (format!("GET {t} HTTP/1.1").into_bytes(), q),
            ];
            out.extend(cred.map(|c| (c, q)));
            out.push((Vec::new(), q));
            out.push((format!("HTTP/1.1 {status} Reason").into_bytes(), r));
            for name in ["WWW-Authenticate", "Proxy-Authenticate"] {
                out.push((format!("{name}: {OTHER_SCHEME}").into_bytes(), r));
            }
            for l in lines {
                // A folded line's continuation has its prefix too.
                for part in l.split('\n') {
                    out.push((part.as_bytes().to_vec(), r));
                }
            }
            out.push((Vec::new(), r));
            out
        })
}

/// One line of a would-be transcript.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        Just(r#"Basic realm="a""#.to_owned()),
        Just(r#"Bearer error="invalid_token", resource_metadata="http://x/""#.to_owned()),
        Just(r#"Bearer error="insufficient_scope""#.to_owned()),
        Just(r#"Digest realm="r", nonce="n", algorithm=MD5"#.to_owned()),
        Just("JWT".to_owned()),
        Just("Basic QWxhZGRpbjpvcGVu".to_owned()),
        "[ -~]{0,40}",
        any::<String>(),
    ];
    let name = prop_oneof![
        Just("WWW-Authenticate"),
        Just("Proxy-Authenticate"),
        Just("Authorization"),
        Just("Proxy-Authorization"),
        Just("Authentication-Info"),
        Just("Content-Length"),
        Just("Transfer-Encoding"),
        Just("X-Other"),
    ];
    prop_oneof![
        (name, value).prop_map(|(n, v)| format!("{n}: {v}").into_bytes()),
        (100u16..600).prop_map(|s| format!("HTTP/1.1 {s} Reason").into_bytes()),
        Just(b"HTTP/2 401 ".to_vec()),
        Just(b"GET / HTTP/1.1".to_vec()),
        Just(b"HEAD /x HTTP/1.1".to_vec()),
        Just(b"Content-Length: 5".to_vec()),
        "[0-9]{1,3}".prop_map(|n| format!("Content-Length: {n}").into_bytes()),
        Just(b"Transfer-Encoding: chunked".to_vec()),
        credentials_line(),
        "[0-9a-f]{1,3}".prop_map(String::into_bytes),
        Just(b"0".to_vec()),
        Just(Vec::new()),
        "[ \t][ -~]{0,20}".prop_map(String::into_bytes),
        any::<Vec<u8>>(),
    ]
}

/// A transcript: lines and whole exchanges ([`exchange_block`]) joined
/// by CRLF or LF, each line maybe prefixed for `curl -v`.
fn transcript() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(
            prop_oneof![
                3 => (piece(), 0u8..4).prop_map(|l| vec![l]),
                1 => exchange_block(),
            ],
            0..24,
        ),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf)| {
            let mut out = Vec::new();
            for (l, prefix) in lines.into_iter().flatten() {
                match prefix {
                    1 => out.extend_from_slice(b"> "),
                    2 => out.extend_from_slice(b"< "),
                    _ => {}
                }
                out.extend_from_slice(&l);
                out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }
            out
        })
}

/// A HAR file with arbitrary statuses, names and values.
fn har() -> impl Strategy<Value = Vec<u8>> {
    let header = prop_oneof![
        (
            prop_oneof![
                Just("WWW-Authenticate".to_owned()),
                Just("authorization".to_owned()),
                Just(":status".to_owned()),
                any::<String>()
            ],
            any::<String>(),
        ),
        (
            credentials_name().prop_map(str::to_owned),
            credentials_value()
        ),
        Just(("WWW-Authenticate".to_owned(), OTHER_SCHEME.to_owned())),
        secret_response_line()
            .prop_filter("HAR has no folds", |l| !l.contains('\n'))
            .prop_map(|l| {
                let (n, v) = l.split_once(": ").unwrap();
                (n.to_owned(), v.to_owned())
            }),
    ];
    let entry = (
        any::<String>(),
        prop_oneof![
            Just("http://example.com/".to_owned()),
            target(),
            target()
                .prop_filter("origin-form", |t| t.starts_with('/'))
                .prop_map(|t| format!("http://example.com{t}")),
            any::<String>()
        ],
        prop::collection::vec(header.clone(), 0..4),
        any::<u64>().prop_map(|n| n % 1200),
        prop::collection::vec(header, 0..4),
    );
    prop::collection::vec(entry, 0..4).prop_map(|entries| {
        let headers = |h: &[(String, String)]| {
            serde_json::Value::Array(
                h.iter()
                    .map(|(n, v)| serde_json::json!({"name": n, "value": v}))
                    .collect(),
            )
        };
        let entries: Vec<_> = entries
            .iter()
            .map(|(m, u, rq, s, rs)| {
                serde_json::json!({
                    "request": {"method": m, "url": u, "headers": headers(rq)},
                    "response": {"status": s, "statusText": "", "headers": headers(rs)},
                })
            })
            .collect();
        serde_json::to_vec(&serde_json::json!({"log": {"entries": entries}})).unwrap()
    })
}

/// Whether `out` shows [`SECRET`] nowhere. Every credentials line names a
/// token68 scheme or Digest, whose secret is a value; a word followed by
/// `=` and a value is a parameter name (RFC 9110 §11.2, `token BWS "="
/// BWS value`, so `Bearer SECRET =a` names `SECRET`), and after a token68
/// scheme the core's redaction rule hides a name that is not public
/// (`auth_headers::redact`), so the secret never shows as a name either.
/// A challenge's or `Authentication-Info`'s parameter names are shown:
/// their secret lines come only in an [`exchange_block`], where nothing
/// continues them. A target is shown with its userinfo password and its
/// query's `access_token` values masked ([`target`] puts the secret
/// nowhere else).
fn shows_no_secret(out: &str) -> bool {
    !out.contains(SECRET)
}

fn ranges_inside(input: &[u8]) -> Result<(), TestCaseError> {
    let Ok(reports) = check(input) else {
        return Ok(());
    };
    let (format, _) = read(input).unwrap();
    let lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    // A line that continues the one before (obs-fold), with or without
    // `curl -v`'s prefix.
    let folded = lines.iter().any(|l| {
        let l = match l.first() {
            Some(b'>' | b'<') => l[1..].strip_prefix(b" ").unwrap_or(&l[1..]),
            _ => l,
        };
        matches!(l.first(), Some(b' ' | b'\t'))
    });
    for r in &reports {
        // Both outputs are written without a panic (the text output maps
        // the ranges onto lines with their credentials masked), and
        // neither shows a credential.
        let mut out = String::new();
        authdump::check::text_report(r, &mut out);
        authdump::check::json_report(r, &mut out);
        prop_assert!(
            shows_no_secret(&out),
            "{out}\nfrom {:?}",
            String::from_utf8_lossy(input)
        );
        for f in &r.findings {
            prop_assert!(
                f.start <= f.end && f.end <= f.text.len(),
                "{f:?} in {:?}",
                String::from_utf8_lossy(input)
            );
            // Outside HAR, the text is on the line named (unless folded).
            if format != Format::Har && !folded {
                prop_assert!(f.line >= 1 && f.line <= lines.len(), "{f:?}");
                let line = lines[f.line - 1];
                prop_assert!(
                    line.windows(f.text.len().max(1)).any(|w| w == &f.text[..])
                        || f.text.is_empty(),
                    "{f:?} not on line {:?}",
                    String::from_utf8_lossy(line)
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn check_transcripts_never_panics_and_ranges_fit(input in transcript()) {
        ranges_inside(&input)?;
    }

    #[test]
    fn check_bytes_never_panics_and_ranges_fit(input in any::<Vec<u8>>()) {
        ranges_inside(&input)?;
    }

    #[test]
    fn check_har_never_panics_and_ranges_fit(input in har()) {
        ranges_inside(&input)?;
    }
}
