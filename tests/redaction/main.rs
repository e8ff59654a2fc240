//! Issue 16, finding 6: no secret in `Debug`. Every type that can hold a
//! credential, a proof or a response is formatted with `{:?}` and `{:#?}`,
//! and neither may contain any of [`SECRETS`]; each test also checks that
//! what helps to debug (scheme names, parameter names, public values,
//! lengths) is still there. `Display` stays the wire form.
//!
//! The policy is the crate's `redact` module: values of public names
//! (`realm`, `algorithm` …) are shown, other values as
//! `<redacted, N bytes>`, a token68 as `<redacted>`.
#![cfg(all(feature = "basic", feature = "alloc"))]

use std::fmt::Debug;

use auth_headers::client::next_step;
use auth_headers::ext_value::{Encoded, ExtValue};
use auth_headers::schemes::basic::{self, BasicCredentials};
use auth_headers::schemes::bearer::{self, BearerChallenge, ErrorCode};
use auth_headers::schemes::hawk::HawkParams;
use auth_headers::schemes::hoba::{self, HobaChallenge};
use auth_headers::schemes::mutual::MutualParams;
use auth_headers::schemes::scram::ScramParams;
use auth_headers::schemes::token68::Token68Challenge;
use auth_headers::schemes::{aws4, dpop, vapid};
use auth_headers::write::{
    AuthInfoBuilder, BuildParam, ChallengeBuilder, ChallengeListBuilder, CredentialsBuilder, Value,
};
use auth_headers::{
    parse_auth_info, parse_challenges, parse_credentials, Challenges, ChallengesOfLines, ErrorKind,
    ParseOptions,
};

/// The secrets of the values below: none may appear in any `Debug`.
const SECRETS: &[&str] = &[
    // Basic: the token, and "Aladdin:open sesame" decoded (RFC 7617 §2).
    "QWxhZGRpbjpvcGVuIHNlc2FtZQ",
    "open sesame",
    // Bearer and DPoP tokens (RFC 6750 §2.1, RFC 9449 §7.1).
    "mF_9.B5f-4.1JqM",
    "Kz~8mXK1EalYznwH",
    // Digest (RFC 7616 §3.9.1): the response, nonce, cnonce, opaque, uri, username.
    "8ca523f5e9506fed4657c9700eebdbec",
    "7ypf/xlj9XXwfDPEoM4URrv",
    "f2/wE4q74E6zIJEtWaHKaf5wv",
    "FQhe/qaU925kfnzjCev0ciny7QM",
    "/dir/index.html",
    "Mufasa",
    // Authentication-Info: rspauth, nextnonce.
    "d3b07384d113edec49eaa6238ad5ff00",
    "c157b5a9d7",
    // Negotiate's server token.
    "YIIB9wYJKoZIhvcSAQICAQBu",
    // Hawk (id, nonce, ext, mac).
    "dh37fgj492je",
    "j4h3g2",
    "some-app-ext-data",
    "6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=",
    // SCRAM (data, sid).
    "biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8",
    "AAAABBBBCCCCDDDD",
    // HOBA (signature), vapid (t, k), AWS4 (signature).
    "c2lnbmF0dXJlLXNlY3JldA",
    "eyJ0eXAiOiJKV1QifQ",
    "BA1Hxzyi1RUM1b5wjxsn7nG",
    "fe5f80f77d5fa3beca038a248ff027d0445342fe",
    // Builders: a password, an ext-value username, a token68.
    "hunter2-password",
    "J%C3%A4s%C3%B8n",
    "Jäsøn",
    "s3cr3t-t0ken68",
];

/// `{:?}` and `{:#?}` of `v`, each checked against every secret.
#[track_caller]
fn assert_redacted(v: &impl Debug) -> String {
    let plain = format!("{v:?}");
    let pretty = format!("{v:#?}");
    for s in SECRETS {
        assert!(!plain.contains(s), "{s:?} in {plain}");
        assert!(!pretty.contains(s), "{s:?} in {pretty}");
    }
    plain
}

const DIGEST: &str = r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
const AUTH_INFO: &str =
    r#"rspauth="d3b07384d113edec49eaa6238ad5ff00", nextnonce="c157b5a9d7", qop=auth, nc=00000001"#;
const HAWK: &str = r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#;

// Credentials (RFC 9110 §11.4): names and public values, never a token68
// or a secret value.
#[test]
fn credentials() {
    let c = parse_credentials(DIGEST).unwrap();
    let d = assert_redacted(&c);
    assert!(d.contains("Digest") && d.contains("realm=\"http-auth@example.org\""));
    assert!(d.contains("algorithm=MD5") && d.contains("qop=auth"));
    assert!(d.contains("response=<redacted, 32 bytes>"), "{d}");
    assert!(d.contains("username=<redacted, 6 bytes>"), "{d}");
    let d = assert_redacted(&parse_credentials("Bearer mF_9.B5f-4.1JqM").unwrap());
    assert!(d.contains("Bearer") && d.contains("<redacted>"), "{d}");
    assert_redacted(&parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap());
    // `Display` is the wire form, secrets included.
    assert!(c.to_string().contains("8ca523f5e9506fed4657c9700eebdbec"));
}

// A token68 with one `=` of padding and more after it reads as a
// parameter (RFC 9110 §11.2: `token BWS "=" BWS token`), its name the
// token's bytes: after a token68 scheme, a name that is not public is
// hidden too (found by authdump's check proptest). Digest's names stay.
#[test]
fn a_token68_cut_at_its_padding_hides_its_name() {
    for v in [
        "Basic dXNlcjpwYXNzMQ= junk",
        "Basic dXNlcjpwYXNzMQ=junk",
        "bearer dXNlcjpwYXNzMQ=\"x\", realm=\"api\"",
    ] {
        let c = parse_credentials(v).unwrap();
        let d = format!("{c:?}");
        assert!(!d.contains("dXNlcjpwYXNzMQ"), "{v}: {d}");
        assert!(d.contains("<redacted>="), "{v}: {d}");
        let mut shown = String::new();
        auth_headers::lint::write_redacted(v.as_bytes(), &mut shown).unwrap();
        assert!(!shown.contains("dXNlcjpwYXNzMQ"), "{v}: {shown}");
    }
    // A public name is still shown, and a challenge's names are public.
    let d = format!("{:?}", parse_credentials(r#"Bearer realm="api""#).unwrap());
    assert!(d.contains(r#"realm="api""#), "{d}");
    let mut shown = String::new();
    auth_headers::lint::write_redacted(br#"Basic realm="a", charset="UTF-8""#, &mut shown).unwrap();
    assert_eq!(shown, r#"Basic realm="a", charset="UTF-8""#);
    // The list is each scheme module's name.
    use auth_headers::schemes::{basic, bearer, dpop, token68, TOKEN68_CREDENTIALS};
    assert_eq!(
        TOKEN68_CREDENTIALS,
        [
            basic::SCHEME,
            bearer::SCHEME,
            dpop::SCHEME,
            token68::NEGOTIATE,
            token68::NTLM
        ]
    );
}

// `BearereyJ…`: with no space after the scheme (RFC 9110 §11.4 wants
// one) the token, all `tchar`s, reads as part of one unknown auth-scheme.
// After the name of a token68 scheme or Digest the rest is hidden, as the
// linter's redaction hides it (found while closing issue 18's redaction
// review); any other scheme name is shown whole.
#[test]
fn a_token_glued_to_its_scheme_is_hidden() {
    for (v, shown) in [
        ("Bearermf_9.B5f-4.1JqM", "\"Bearer\"<redacted>"),
        ("bearermf_9.B5f-4.1JqM", "\"bearer\"<redacted>"),
        ("BASICQWxhZGRpbjpvcGVuIHNlc2FtZQ", "\"BASIC\"<redacted>"),
        ("DPoPKz~8mXK1EalYznwH", "\"DPoP\"<redacted>"),
        (
            "NegotiateYIIB9wYJKoZIhvcSAQICAQBu",
            "\"Negotiate\"<redacted>",
        ),
        (
            "NTLMYIIB9wYJKoZIhvcSAQICAQBu realm=\"x\"",
            "\"NTLM\"<redacted>",
        ),
        ("DigestSECRETx realm=\"x\"", "\"Digest\"<redacted>"),
    ] {
        let c = parse_credentials(v).unwrap();
        let d = assert_redacted(&c);
        assert!(d.contains(&format!("scheme: {shown}")), "{v}: {d}");
        assert_eq!(c.to_string(), v, "Display stays the wire form");
        // The linter's redaction shows the same scheme name, and no more.
        let mut line = String::new();
        auth_headers::lint::write_redacted(v.as_bytes(), &mut line).unwrap();
        let name = shown.split('"').nth(1).unwrap();
        assert!(line.starts_with(&format!("{name}<redacted")), "{v}: {line}");
    }
    // The scheme itself, and a scheme that only starts like one, are shown.
    for (v, shown) in [
        ("Bearer mF_9.B5f-4.1JqM", "\"Bearer\","),
        ("Digest realm=\"x\"", "\"Digest\","),
        ("Dig realm=\"x\"", "\"Dig\","),
        ("X-Bearer realm=\"x\"", "\"X-Bearer\","),
    ] {
        let d = assert_redacted(&parse_credentials(v).unwrap());
        assert!(d.contains(&format!("scheme: {shown}")), "{v}: {d}");
    }
}

// Params, Param, ParamValue, ParamIter, Unescaped.
#[test]
fn params_and_values() {
    let c = parse_credentials(DIGEST).unwrap();
    let d = assert_redacted(&c.params());
    assert!(d.starts_with("[username=<redacted, 6 bytes>, realm=\"http-auth@example.org\""));
    assert!(d.contains("nc=00000001"), "{d}");
    for p in c.params() {
        let d = assert_redacted(&p);
        assert!(d.starts_with(p.name()), "{d}");
        assert_redacted(&p.value());
        assert_redacted(&p.value().bytes());
        assert_redacted(&p.value().canonical());
    }
    // A value has no name: always redacted, even a realm.
    let realm = c.param("realm").unwrap();
    assert_eq!(format!("{realm:?}"), "<redacted, 21 bytes>");
    assert_eq!(realm.to_string(), "http-auth@example.org");
    let mut it = c.params().iter();
    it.next();
    let d = assert_redacted(&it);
    assert!(d.starts_with("ParamIter [realm="), "{d}");
    // Escapes: the unescaped length.
    let e = parse_credentials(r#"X a="open\ sesame""#).unwrap();
    assert_eq!(format!("{:?}", e.params()), "[a=<redacted, 11 bytes>]");
    assert_redacted(&e);
}

// Authentication-Info (RFC 9110 §11.6.3): rspauth and nextnonce hidden.
#[test]
fn auth_info() {
    let p = parse_auth_info(AUTH_INFO).unwrap();
    let d = assert_redacted(&p);
    assert!(d.contains("rspauth=<redacted, 32 bytes>") && d.contains("qop=auth"));
    let lenient = ParseOptions::lenient().parse_auth_info(AUTH_INFO).unwrap();
    assert_redacted(&lenient);
}

// Challenges: a server token68 is redacted too; the iterators show where
// they are, not the input.
#[test]
fn challenges() {
    let v = "Negotiate YIIB9wYJKoZIhvcSAQICAQBuggHmMIIB4qADAgEFoQMCAQ6iBwMFACAAAACjggEB, \
             Digest realm=\"x\", nonce=\"7ypf/xlj9XXwfDPEoM4URrv\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QM\"";
    let list = parse_challenges(v).unwrap();
    let d = assert_redacted(&list);
    assert!(d.contains("Negotiate") && d.contains("realm=\"x\""), "{d}");
    assert_redacted(&list.iter());
    for c in list.iter() {
        assert_redacted(&c);
    }
    assert_redacted(&Token68Challenge::new(list.iter().next().unwrap()).unwrap());
    let mut lazy = Challenges::new(v);
    let d = assert_redacted(&lazy);
    assert!(d.contains("at: 0"), "{d}");
    lazy.next();
    assert_redacted(&lazy);
    let lines = [v, "Bearer realm=\"a\""];
    let mut of_lines = ChallengesOfLines::new(lines.iter().copied());
    of_lines.next();
    assert_redacted(&of_lines);
    assert_redacted(&ParseOptions::lenient().parse_challenges(v).unwrap());
}

// Lenient results (the value and what was forgiven).
#[test]
fn lenient_results() {
    let l = ParseOptions::lenient()
        .parse_credentials("Bearer:  mF_9.B5f-4.1JqM ")
        .unwrap();
    assert_redacted(&l);
    let l = ParseOptions::lenient()
        .parse_credentials(r#"Digest response="8ca523f5e9506fed4657c9700eebdbec" realm="x""#)
        .unwrap();
    let d = assert_redacted(&l);
    assert!(d.contains("realm=\"x\""), "{d}");
}

// Builders (finding 6: "the builders' parameters").
#[test]
fn builders() {
    let v = Value::new("hunter2-password");
    assert_eq!(format!("{v:?}"), "<redacted, 16 bytes>");
    assert_eq!(format!("{:?}", v.quoted()), "<redacted, 16 bytes> (Always)");
    assert_redacted(&Value::ext("Jäsøn"));
    let parsed = parse_credentials(DIGEST).unwrap();
    assert_redacted(&Value::parsed(parsed.param("response").unwrap()));
    let p = BuildParam::new("password", "hunter2-password");
    assert_eq!(format!("{p:?}"), "password=<redacted, 16 bytes>");
    assert_eq!(
        format!("{:?}", BuildParam::new("realm", "api")),
        "realm=\"api\""
    );

    let c = CredentialsBuilder::new("Digest")
        .param("username", Value::ext("Jäsøn"))
        .param("realm", "api")
        .param("response", parsed.param("response").unwrap())
        .param("cnonce", "f2/wE4q74E6zIJEtWaHKaf5wv");
    let d = assert_redacted(&c);
    assert!(d.contains("Digest") && d.contains("realm=\"api\"") && d.contains("cnonce="));
    assert_redacted(&c.checked().unwrap());
    assert_redacted(&CredentialsBuilder::new("Bearer").token68("s3cr3t-t0ken68"));
    // A challenge's token68 too.
    let ch = ChallengeBuilder::new("Negotiate").token68("s3cr3t-t0ken68");
    assert_redacted(&ch);
    let digest = ChallengeBuilder::new("Digest")
        .param("realm", "api")
        .param("nonce", "7ypf/xlj9XXwfDPEoM4URrv")
        .param("opaque", "FQhe/qaU925kfnzjCev0ciny7QM");
    let list = [ch, digest];
    let all = ChallengeListBuilder::new(&list);
    let d = assert_redacted(&all);
    assert!(d.contains("realm=\"api\"") && d.contains("nonce=<redacted, 23 bytes>"));
    assert_redacted(&all.lines().unwrap());
    let info = AuthInfoBuilder::for_scheme("Digest")
        .param("rspauth", "d3b07384d113edec49eaa6238ad5ff00")
        .param("nextnonce", "c157b5a9d7")
        .param("qop", "auth");
    let d = assert_redacted(&info);
    assert!(d.contains("qop=\"auth\""), "{d}");
    // `Display` writes the wire form.
    assert!(info
        .to_string()
        .unwrap()
        .contains("d3b07384d113edec49eaa6238ad5ff00"));
}

// Basic (RFC 7617): the token, the decoded password, and the decode errors.
#[test]
fn basic() {
    let c = basic::parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
    assert_redacted(&c);
    assert_redacted(&BasicCredentials::from_credentials(
        &parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap(),
    ));
    let mut buf = [0u8; 64];
    let up = c.decode_into(&mut buf).unwrap();
    let d = assert_redacted(&up);
    assert!(d.contains("Aladdin"), "the user-id stays: {d}");
    assert_redacted(&c.decode().unwrap());
    assert_redacted(&basic::credentials("Aladdin", "hunter2-password", &mut [0u8; 64]).unwrap());
    // "a:b\x01c": a control byte of the password, in group 1 (offset 10).
    // The error says where, never which byte.
    let e = basic::parse_credentials("Basic YTpiAWM=")
        .unwrap()
        .decode_into(&mut buf)
        .unwrap_err();
    assert_eq!(e.offset(), 10);
    assert!(!matches!(e.kind(), ErrorKind::ControlChar(_)), "{e:?}");
    assert!(!format!("{e:?}{e}").contains("0x01") && !format!("{e:?}").contains("(1)"));
    // Building: the same rule for the caller's password.
    let e = basic::credentials("ab", "hunter2\x01", &mut [0u8; 64]).unwrap_err();
    assert!(!matches!(e.kind(), ErrorKind::ControlChar(_)), "{e:?}");
    assert_eq!(e.offset(), 10);
    let e2 = basic::check_user_pass(b"ab", b"x\ny").unwrap_err();
    assert_eq!((e2.kind(), e2.offset(), e2.byte()), (e.kind(), 4, None));
    // A last character with unused bits set ("YR==": 'R' has its low
    // bits set) is a character of the token: not carried either.
    let e = basic::parse_credentials("Basic YR==")
        .unwrap()
        .decode_into(&mut buf)
        .unwrap_err();
    assert!(!matches!(e.kind(), ErrorKind::InvalidBase64(_)), "{e:?}");
    assert!(!format!("{e:?}{e}").contains("'R'"), "{e:?} {e}");
    assert_eq!(e.offset(), 7);
}

// Bearer, DPoP and the token68 schemes (RFC 6750, RFC 9449).
#[test]
fn bearer_and_dpop() {
    assert_redacted(&bearer::parse_credentials("Bearer mF_9.B5f-4.1JqM").unwrap());
    assert_redacted(
        &dpop::parse_credentials("DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU").unwrap(),
    );
    let list =
        parse_challenges(r#"Bearer realm="api", error="custom_code", error_description="x""#)
            .unwrap();
    let b = BearerChallenge::find(&list).unwrap();
    let d = assert_redacted(&b);
    assert!(d.contains("error=\"custom_code\""), "{d}");
    // `error` is public: an unknown code is shown.
    let code = b.error().unwrap();
    assert!(matches!(code, ErrorCode::Other(_)));
    assert_eq!(format!("{code:?}"), "Other(\"custom_code\")");
    assert_eq!(format!("{:?}", ErrorCode::InvalidToken), "InvalidToken");
    assert_redacted(&next_step(list.iter(), &["Bearer"]));
}

// Hawk, SCRAM, HOBA, Mutual, vapid, AWS4 (finding 6 names the first three).
#[test]
fn other_schemes() {
    let h = parse_credentials(HAWK).unwrap();
    let hawk = HawkParams::from_credentials(&h).unwrap();
    let d = assert_redacted(&hawk);
    assert!(d.contains("ts=\"1353832234\"") && d.contains("mac=<redacted, 44 bytes>"));
    assert_redacted(&hawk.mac());

    let s = parse_credentials(
        "SCRAM-SHA-256 sid=AAAABBBBCCCCDDDD, data=\"biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=\"",
    )
    .unwrap();
    let d = assert_redacted(&ScramParams::from_credentials(&s).unwrap());
    assert!(d.contains("sid=<redacted, 16 bytes>"), "{d}");
    let info = parse_auth_info(
        r#"sid=AAAABBBBCCCCDDDD, data="biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=""#,
    )
    .unwrap();
    assert_redacted(&ScramParams::from_auth_info(info));

    let hc =
        parse_challenges(r#"HOBA challenge="AAAABBBBCCCCDDDD", max-age="10", realm="r""#).unwrap();
    let d = assert_redacted(&HobaChallenge::find(&hc).unwrap());
    assert!(d.contains("max-age=\"10\""), "{d}");
    let r = parse_credentials(r#"HOBA result="a2lk.Y2g.bm9uY2U.c2lnbmF0dXJlLXNlY3JldA""#).unwrap();
    let d = assert_redacted(&hoba::result(&r).unwrap());
    assert!(d.contains("a2lk") && d.contains("sig: <redacted>"), "{d}");
    assert_redacted(&r);

    let m = parse_credentials(
        "Mutual sid=AAAABBBBCCCCDDDD, kc1=\"6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=\", version=1",
    )
    .unwrap();
    let d = assert_redacted(&MutualParams::from_credentials(&m).unwrap());
    assert!(d.contains("version=1"), "{d}");

    let v = vapid::parse_credentials(
        "vapid t=eyJ0eXAiOiJKV1QifQ.e30.c2lnbmF0dXJlLXNlY3JldA, k=BA1Hxzyi1RUM1b5wjxsn7nGxAszw",
    )
    .unwrap();
    assert_redacted(&v);
    assert_redacted(&v.t());

    let a = aws4::parse(
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
         SignedHeaders=host;range;x-amz-date, \
         Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024",
    )
    .unwrap();
    let d = assert_redacted(&a);
    assert!(d.contains("us-east-1"), "{d}");
}

// RFC 8187 ext-values (`username*` is one).
#[test]
fn ext_values() {
    let c = parse_credentials("Digest username*=UTF-8''J%C3%A4s%C3%B8n").unwrap();
    let v = ExtValue::parse(c.param("username*").unwrap()).unwrap();
    let d = assert_redacted(&v);
    assert!(d.contains("Utf8"), "{d}");
    assert_redacted(&v.bytes());
    assert_redacted(&Encoded("Jäsøn"));
    assert_eq!(v.to_string(), "Jäsøn");
}

// The linter's fix never repeats a credential (finding 6: `fix_text`).
#[test]
fn lint_fix_text() {
    use auth_headers::lint::lint;
    let cases = [
        ("Authorization", "Bearer: mF_9.B5f-4.1JqM"),
        ("Authorization", "BearermF_9.B5f-4.1JqM"),
        ("Authorization", "Basic  QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ("Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ== "),
        ("Authorization", "Basic;QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        (
            "Authorization",
            r#"Digest username="Mufasa" response="8ca523f5e9506fed4657c9700eebdbec", realm="x""#,
        ),
        (
            "Authorization",
            r#"Digest realm="x"; response=8ca523f5e9506fed4657c9700eebdbec; nc=00000001"#,
        ),
        (
            "Authorization",
            r#"Digest response="8ca523f5e9506fed4657c9700eebdbec"#,
        ),
        (
            "Authentication-Info",
            r#"rspauth="d3b07384d113edec49eaa6238ad5ff00" nextnonce=c157b5a9d7"#,
        ),
        (
            "WWW-Authenticate",
            r#"Digest realm="x" nonce="7ypf/xlj9XXwfDPEoM4URrv""#,
        ),
    ];
    let mut fixes = 0;
    for (header, v) in cases {
        for f in lint(header, v) {
            let fix = f.fix_text(v.as_bytes());
            fixes += usize::from(f.edit.is_some());
            for s in SECRETS {
                assert!(!fix.contains(s), "{s:?} in the fix for {v:?}: {fix}");
            }
            assert_redacted(&f);
        }
    }
    assert!(fixes >= 8, "{fixes}");
    // However long the value, the fix is short: masked pieces side by side
    // are written once, and the context is bounded around the edit.
    for v in [
        format!("Bearer: {}", "\"\"".repeat(50_000)),
        format!("Digest realm=\"x\" {}", "a=\"SECRETs\" ".repeat(50_000)),
        format!("{}Basic: x", "\"\",".repeat(50_000)),
    ] {
        for f in lint("Authorization", &v).iter().take(3) {
            let fix = f.fix_text(v.as_bytes());
            assert!(fix.len() < 400 && !fix.contains("SECRET"), "{fix}");
        }
    }
    let v = r#"Digest realm="x" nonce="7ypf/xlj9XXwfDPEoM4URrv", algorithm=SHA-256"#;
    let f = &lint("WWW-Authenticate", v)[0];
    assert_eq!(
        f.fix_text(v.as_bytes()),
        r#"separate parameters with ',': write `Digest realm="x", nonce=<redacted>, algorithm=SHA-256`"#
    );
}

// The `http` integration: its iterators hold the header map's values.
#[cfg(feature = "http")]
#[test]
fn http_map() {
    use http::header::{HeaderMap, AUTHORIZATION, WWW_AUTHENTICATE};
    let mut map = HeaderMap::new();
    map.insert(AUTHORIZATION, "Bearer mF_9.B5f-4.1JqM".parse().unwrap());
    map.append(
        WWW_AUTHENTICATE,
        "Negotiate YIIB9wYJKoZIhvcSAQICAQBu".parse().unwrap(),
    );
    map.append(WWW_AUTHENTICATE, "Basic realm=\"x\"".parse().unwrap());
    assert_redacted(&auth_headers::http::credentials(&map));
    let mut it = auth_headers::http::challenges(&map);
    assert_redacted(&it);
    it.next();
    assert_redacted(&it);
}

#[path = "../support/cases.rs"]
mod cases;

mod params_debug;

mod fix_text_property {
    use auth_headers::lint::lint;
    use proptest::prelude::*;

    use crate::cases::config;

    /// A credentials value with mistakes a linter fixes (separators after
    /// the scheme, missing commas, semicolons, stray spaces, an unclosed
    /// quote), whose secrets all start with `SECRET`; public parameters
    /// (`realm`, `qop`) carry `pub`.
    pub(crate) fn value() -> impl Strategy<Value = String> {
        let scheme = prop::sample::select(vec!["Bearer", "Basic", "Digest", "DPoP", "X"]);
        let sep = prop::sample::select(vec![" ", "  ", ": ", ";", "", "\t", " , ", ","]);
        let token = ("[A-Za-z0-9._~+/-]{0,12}", 0..3usize)
            .prop_map(|(t, pad)| format!("SECRET{t}{}", "=".repeat(pad)));
        let param = (
            prop::sample::select(vec!["realm", "qop", "response", "nonce", "username", "t"]),
            "[A-Za-z0-9._~+/-]{0,8}",
            any::<bool>(),
            prop::sample::select(vec![" ", "", "  "]),
        )
            .prop_map(|(name, v, quoted, bws)| {
                let v = if matches!(name, "realm" | "qop") {
                    "pub".to_string()
                } else {
                    format!("SECRET{v}")
                };
                if quoted {
                    format!("{name}{bws}={bws}\"{v}\"")
                } else {
                    format!("{name}{bws}={bws}{v}")
                }
            });
        let params = prop::collection::vec(
            (
                param,
                prop::sample::select(vec![", ", " ", "; ", ",", ",,", " ,"]),
            ),
            1..5,
        )
        .prop_map(|ps| {
            let mut s = String::new();
            for (i, (p, sep)) in ps.iter().enumerate() {
                if i > 0 {
                    s.push_str(sep);
                }
                s.push_str(p);
            }
            s
        });
        // An unclosed quote only after parameters: after `token68=` it
        // would make the token68 a parameter name (`SECRET=""`), which the
        // grammar reads as a name; after Digest or an unknown scheme the
        // linter shows that name, as `Debug` does (after a token68 scheme
        // both hide it).
        let token = (token, prop::sample::select(vec!["", " ", ", "]));
        let params = (params, prop::sample::select(vec!["", " ", "\"", ", "]));
        let body = prop_oneof![token, params].prop_map(|(b, t)| format!("{b}{t}"));
        // A token glued to an unknown scheme is, to the grammar, the scheme
        // (`XSECRET`); glued to a known one the linter splits it off.
        (scheme, sep, body).prop_map(|(s, sep, b)| {
            let sep = if s == "X" && sep.is_empty() { " " } else { sep };
            format!("{s}{sep}{b}")
        })
    }

    proptest! {
        #![proptest_config(config(256))]

        // Issue 16, finding 6: whatever the mistake, the fix for an
        // `Authorization` value never repeats a secret, and never panics.
        #[test]
        fn fix_never_repeats_a_secret(v in value()) {
            for f in lint("Authorization", &v) {
                let fix = f.fix_text(v.as_bytes());
                prop_assert!(!fix.contains("SECRET"), "{:?}: {}", v, fix);
            }
        }

        // Issue 20: the value shown whole (authdump check's line) by the
        // same rules never shows a secret either, and its pieces cover
        // the value in order.
        #[test]
        fn redacted_value_never_shows_a_secret(v in value()) {
            let mut shown = String::new();
            auth_headers::lint::write_redacted(v.as_bytes(), &mut shown).unwrap();
            prop_assert!(!shown.contains("SECRET"), "{:?}: {}", v, shown);
            let mut at = 0;
            for p in auth_headers::lint::redacted_pieces(v.as_bytes()) {
                prop_assert!(p.start == at && p.end > p.start, "{:?}: {:?}", v, p);
                at = p.end;
            }
            prop_assert_eq!(at, v.len());
        }
    }
}
