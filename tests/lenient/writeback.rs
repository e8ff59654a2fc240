//! Issue 16, finding 1: a value parsed leniently writes back valid. A
//! quoted-string left open at the end ([`ParseOptions::allow_unterminated_quote`])
//! whose last byte is a backslash used to panic the writer (`Value::emit`
//! sliced past the end) or let the backslash escape the closing quote it
//! wrote (`response="\"`), through every path that writes a parsed value.
//! The dangling backslash began a quoted-pair whose byte was cut off: it is
//! not part of the value, and every writer quotes what is left.

use auth_headers::write::{AuthInfoBuilder, ChallengeBuilder, ChallengeListBuilder, Value};
use auth_headers::{parse_auth_info, parse_challenges, parse_credentials, ParseOptions};
use proptest::prelude::*;

use crate::cases::config;

fn lenient() -> ParseOptions {
    ParseOptions::lenient()
}

/// The parameters as (name, unescaped value) pairs.
fn pairs(p: auth_headers::Params<'_>) -> Vec<(String, Vec<u8>)> {
    p.iter()
        .map(|p| (p.name().to_string(), p.value().bytes().collect()))
        .collect()
}

#[test]
fn dangling_backslash_is_not_part_of_the_value() {
    let p = lenient().parse_challenges(r#"Basic realm="a\"b\"#).unwrap();
    let realm = p.value.find("basic").unwrap().realm().unwrap();
    assert_eq!(realm.raw(), br#"a\"b"#);
    assert!(realm.eq_str(r#"a"b"#));
    assert_eq!((realm.len(), realm.is_empty()), (3, false));

    let p = lenient().parse_auth_info(r#"response="\"#).unwrap();
    let v = p.value.get("response").unwrap();
    assert_eq!((v.raw(), v.is_empty(), v.len()), (&b""[..], true, 0));
    assert_eq!(v.as_str(), Some(""));

    // An escaped backslash before the end is a value byte, not a dangling one.
    let p = lenient().parse_auth_info(r#"a="x\\"#).unwrap();
    assert!(p.value.get("a").unwrap().eq_str(r"x\"));
    let p = lenient().parse_auth_info(r#"a="x\\\"#).unwrap();
    assert!(p.value.get("a").unwrap().eq_str(r"x\"));
}

#[test]
fn display_does_not_panic_and_parses_strictly() {
    let p = lenient().parse_challenges(r#"Basic realm="a\"b\"#).unwrap();
    let text = p.value.to_string();
    assert_eq!(text, r#"Basic realm="a\"b""#);
    let strict = parse_challenges(&text).unwrap();
    assert_eq!(
        pairs(strict.find("basic").unwrap().params()),
        pairs(p.value.find("basic").unwrap().params())
    );

    let p = lenient().parse_auth_info(r#"response="\"#).unwrap();
    assert_eq!(p.value.to_string(), r#"response="""#);
    assert!(parse_auth_info(&p.value.to_string()).is_ok());

    let c = lenient()
        .parse_credentials(r#"Digest username="u", cnonce="a\"b\"#)
        .unwrap();
    let text = c.value.to_string();
    assert_eq!(text, r#"Digest username="u", cnonce="a\"b""#);
    assert_eq!(
        pairs(parse_credentials(&text).unwrap().params()),
        pairs(c.value.params())
    );
}

#[test]
fn canonical_bytes_and_canonical_value() {
    let p = lenient().parse_challenges(r#"X realm="abc\"#).unwrap();
    let want = br#"X realm="abc""#;
    assert_eq!(p.value.to_canonical_vec(), want);
    assert_eq!(p.value.canonical_len(), want.len());
    let mut buf = [0u8; 32];
    let n = p.value.write_canonical(&mut buf).unwrap();
    assert_eq!(&buf[..n], want);
    let c = p.value.iter().next().unwrap();
    assert_eq!(c.to_canonical_vec(), want);
    let realm = c.param("realm").unwrap();
    assert_eq!(realm.canonical().to_string(), "abc");

    let a = lenient().parse_auth_info(r#"x="q\"\"#).unwrap();
    assert_eq!(a.value.to_canonical_vec(), br#"x="q\"""#);
    assert_eq!(
        a.value.get("x").unwrap().canonical().to_string(),
        r#""q\"""#
    );
}

/// The builder given the parsed value writes it quoted, closed, and nothing
/// after it is swallowed: `X realm="abc\` then `Negotiate` used to be
/// written `X realm="abc\", Negotiate`, one challenge to a lenient reader.
#[test]
fn builders_given_parsed_values_keep_boundaries() {
    let p = lenient().parse_challenges(r#"X realm="abc\"#).unwrap();
    let realm = p.value.iter().next().unwrap().param("realm").unwrap();
    let list = [
        ChallengeBuilder::new("X").param("realm", Value::parsed(realm)),
        ChallengeBuilder::new("Negotiate"),
    ];
    let text = ChallengeListBuilder::new(&list).to_string().unwrap();
    assert_eq!(text, r#"X realm="abc", Negotiate"#);
    let back = parse_challenges(&text).unwrap();
    assert_eq!(back.len(), 2);
    let back = lenient().parse_challenges(&text).unwrap();
    assert_eq!(back.value.len(), 2);

    let p = lenient().parse_auth_info(r#"cnonce="ab\"#).unwrap();
    let cnonce = p.value.get("cnonce").unwrap();
    for quoted in [false, true] {
        let v = if quoted {
            Value::parsed(cnonce).quoted()
        } else {
            Value::parsed(cnonce)
        };
        let text = AuthInfoBuilder::for_scheme("Digest")
            .param("cnonce", v)
            .param("nc", "00000001")
            .param("qop", "auth")
            .to_string()
            .unwrap();
        assert_eq!(text, r#"cnonce="ab", nc=00000001, qop=auth"#);
        let back = parse_auth_info(&text).unwrap();
        assert_eq!(back.len(), 3);
    }
}

/// The Digest server path (issue 16): a user with an account sends
/// `Authorization` whose last parameter is a cut `cnonce="…\`; a server that
/// reads it leniently writes an `Authentication-Info` whose `cnonce` holds
/// what was read, closed, with `nc` and `qop` their own parameters.
#[cfg(feature = "digest")]
#[test]
fn digest_authentication_info_after_a_cut_cnonce() {
    use auth_headers::schemes::digest::{DigestClient, DigestCredentials, DigestServer, Secret};
    let key = [7u8; 32];
    let server = DigestServer::new(&key, "api@example.org").unwrap();
    let now = 1_700_000_000;
    let mut www = String::new();
    server
        .write_challenges(now, [1; 8], false, &mut www)
        .unwrap();
    let mut client = DigestClient::new("alice", "wonderland");
    client
        .respond_to(parse_challenges(&www).unwrap().iter())
        .unwrap();
    let mut auth = String::new();
    client
        .authorization("GET", "/doe.json", None, "ab", &mut auth)
        .unwrap();
    // Move `cnonce` last and cut it after a backslash.
    let parsed = parse_credentials(&auth).unwrap();
    let mut cut = String::from("Digest ");
    for p in parsed.params().iter().filter(|p| !p.is("cnonce")) {
        cut.push_str(&format!("{p}, "));
    }
    cut.push_str(r#"cnonce="ab\"#);
    let creds = lenient().parse_credentials(&cut).unwrap().value;
    assert!(creds.param("cnonce").unwrap().eq_str("ab"));
    let creds = DigestCredentials::new(creds).unwrap();
    let checked = server.check_nonce(creds, now + 5).unwrap();
    let verified = server
        .verify(checked, "GET", "/doe.json", None, |user, _| {
            (user.name() == Some("alice")).then_some(Secret::Password(b"wonderland"))
        })
        .unwrap();
    let mut info = String::new();
    verified
        .write_authentication_info(Some("next"), None, &mut info)
        .unwrap();
    let back = parse_auth_info(&info).unwrap();
    assert!(back.get("cnonce").unwrap().eq_str("ab"), "{info}");
    assert!(
        back.get("nc").is_some() && back.get("qop").is_some(),
        "{info}"
    );
    assert!(back.get("nextnonce").unwrap().eq_str("next"), "{info}");
}

/// The linter's fix for the same value: closing the quote after a dangling
/// backslash would leave it open (`realm="abc\"`); the fix puts the `"` in
/// the backslash's place, and the fixed value parses strictly.
#[test]
fn lint_fix_closes_a_cut_quoted_pair() {
    use auth_headers::lint::lint_field_with;
    use auth_headers::Field;
    for value in [
        &br#"Basic realm="abc\"#[..],
        br#"Basic realm="a\\"#,
        br#"Basic realm="a\\\"#,
    ] {
        let mut fixed = None;
        lint_field_with(Field::WwwAuthenticate, value, &mut |f| {
            if f.code == "unterminated-quoted-string" {
                let e = f.edit.unwrap();
                let mut v = value[..e.start].to_vec();
                v.extend_from_slice(e.replacement.as_bytes());
                v.extend_from_slice(&value[e.end..]);
                fixed = Some(v);
            }
        });
        let fixed = fixed.expect("a finding with an edit");
        assert!(
            parse_challenges(&fixed).is_ok(),
            "{:?}",
            String::from_utf8_lossy(&fixed)
        );
    }
}

/// Values made of the bytes the lenient switches are about (quotes,
/// backslashes, commas, semicolons, whitespace, `=`, `:`, non-ASCII), cut
/// anywhere.
fn messy() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(&b"Basic"[..]),
        Just(&b"Digest"[..]),
        Just(&b"realm"[..]),
        Just(&b"a"[..]),
        Just(&b"=\""[..]),
        Just(&b"\\"[..]),
        Just(&b"\""[..]),
        Just(&b"'"[..]),
        Just(&b","[..]),
        Just(&b";"[..]),
        Just(&b":"[..]),
        Just(&b" "[..]),
        Just(&b"\t"[..]),
        Just(&b"="[..]),
        Just(&b"/x"[..]),
        Just(&b"\xC3\xA4"[..]),
        Just(&b"QQ=="[..]),
    ];
    prop::collection::vec(piece, 0..14).prop_map(|ps| ps.concat())
}

/// (name, unescaped value) pairs.
type Pairs = Vec<(String, Vec<u8>)>;

fn shape(
    scheme: &str,
    t68: Option<&str>,
    p: auth_headers::Params<'_>,
) -> (String, Option<String>, Pairs) {
    (scheme.to_owned(), t68.map(str::to_owned), pairs(p))
}

proptest! {
    #![proptest_config(config(2048))]

    /// Issue 16: whatever a lenient parse accepts, its canonical form parses
    /// strictly to the same structure, for every entry point and for the
    /// preset with single quotes and last-wins too.
    #[test]
    fn lenient_parse_writes_back_strictly_valid(v in messy(), extra in any::<bool>()) {
        let o = if extra {
            ParseOptions::lenient()
                .allow_single_quotes(true)
                .repeated_params(auth_headers::RepeatedParams::LastWins)
        } else {
            ParseOptions::lenient()
        };
        if let Ok(p) = o.parse_challenges(&v) {
            let canon = p.value.to_canonical_vec();
            let back = parse_challenges(&canon);
            prop_assert!(back.is_ok(), "{:?} from {:?}", String::from_utf8_lossy(&canon), String::from_utf8_lossy(&v));
            let back = back.unwrap();
            let a: Vec<_> = back.iter().map(|c| shape(c.scheme(), c.token68(), c.params())).collect();
            let b: Vec<_> = p.value.iter().map(|c| shape(c.scheme(), c.token68(), c.params())).collect();
            prop_assert_eq!(a, b);
        }
        if let Ok(p) = o.parse_credentials(&v) {
            let canon = p.value.to_canonical_vec();
            let back = parse_credentials(&canon);
            prop_assert!(back.is_ok(), "{:?}", String::from_utf8_lossy(&canon));
            let back = back.unwrap();
            prop_assert_eq!(
                shape(back.scheme(), back.token68(), back.params()),
                shape(p.value.scheme(), p.value.token68(), p.value.params())
            );
        }
        if let Ok(p) = o.parse_auth_info(&v) {
            let canon = p.value.to_canonical_vec();
            let back = parse_auth_info(&canon);
            prop_assert!(back.is_ok(), "{:?}", String::from_utf8_lossy(&canon));
            prop_assert_eq!(pairs(back.unwrap()), pairs(p.value));
        }
    }
}

// Found by the `lenient_writeback` fuzz target (seed
// `display-utf8-across-a-quoted-pair`): a quoted-pair that escapes the
// second byte of a UTF-8 sequence (`\xdf\\\x83`, RFC 9110 §5.6.4 allows
// obs-text in a quoted-pair) unescapes to one character, U+07C3. The
// canonical bytes kept it, but `Display` wrote each half as U+FFFD because
// the writer split its output inside the character.
#[test]
fn display_keeps_a_character_split_by_a_quoted_pair() {
    let v: &[u8] = b"X realm=\"aBc\\\\\xdf\\\x83";
    let list = ParseOptions::lenient().parse_challenges(v).unwrap().value;
    let canon = list.to_canonical_vec();
    assert_eq!(canon, "X realm=\"aBc\\\\\u{7c3}\"".as_bytes());
    assert_eq!(list.to_string().as_bytes(), &canon[..]);
    // A strict parse of a complete value writes the same.
    let strict = auth_headers::parse_challenges(b"X realm=\"\xdf\\\x83\"").unwrap();
    assert_eq!(strict.to_string(), "X realm=\"\u{7c3}\"");
    // A sequence left open at the very end still becomes U+FFFD.
    let open = auth_headers::parse_challenges(b"X realm=\"a\\\xdf\"").unwrap();
    assert_eq!(open.to_string(), "X realm=\"a\u{fffd}\"");
}
