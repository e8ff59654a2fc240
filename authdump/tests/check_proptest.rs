//! `authdump check` never panics, whatever it reads (its output
//! included), every range it reports lies inside the line it names, and
//! neither output shows the credentials of an `Authorization` or
//! `Proxy-Authorization` line (issue 20, "Tests"). The inputs mix
//! the pieces the readers look for (start lines, authentication headers,
//! framing headers, obs-fold, `curl -v` prefixes, HAR JSON) with arbitrary
//! bytes. Run long with `PROPTEST_CASES=20000`.

use authdump::check::{check, read, Format};
use proptest::prelude::*;

/// What stands for a credential in the inputs: it is only ever sent in
/// an `Authorization` or `Proxy-Authorization` line, so no output may
/// show it.
const SECRET: &str = "SECRET";

/// A credentials line whose secret is [`SECRET`], with the mistakes the
/// linter and the checks show the line for: a separator after the
/// scheme, a token glued to it, two tokens, a quoted-string glued to a
/// token, a Digest response, and no colon after the name
/// (`malformed-field-line`, shown whole).
fn credentials_line() -> impl Strategy<Value = Vec<u8>> {
    let name = prop_oneof![
        Just("Authorization"),
        Just("Proxy-Authorization"),
        Just("authorization"),
    ];
    let value = prop_oneof![
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
    ];
    let sep = prop_oneof![Just(": "), Just(":"), Just(" "), Just(" : ")];
    (name, sep, value).prop_map(|(n, s, v)| format!("{n}{s}{v}").into_bytes())
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

/// A transcript: lines joined by CRLF or LF, maybe all prefixed for
/// `curl -v`.
fn transcript() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec((piece(), 0u8..4), 0..24),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf)| {
            let mut out = Vec::new();
            for (l, prefix) in lines {
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
    let header = (
        prop_oneof![
            Just("WWW-Authenticate".to_owned()),
            Just("authorization".to_owned()),
            Just(":status".to_owned()),
            any::<String>()
        ],
        any::<String>(),
    );
    let entry = (
        any::<String>(),
        prop_oneof![Just("http://example.com/".to_owned()), any::<String>()],
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

/// Whether `out` shows [`SECRET`] nowhere. Every line names a token68
/// scheme or Digest, whose secret is a value; a word followed by `=` and a
/// value is a parameter name (RFC 9110 §11.2, `token BWS "=" BWS value`,
/// so `Bearer SECRET =a` names `SECRET`), and after a token68 scheme the
/// core's redaction rule hides a name that is not public
/// (`auth_headers::redact`), so the secret never shows as a name either.
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
