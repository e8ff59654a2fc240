//! The builders and canonical writers allocate nothing (issue 3: "usable
//! without `alloc`"): a counting global allocator around every write into a
//! caller buffer or a fixed-size `fmt::Write`, refusals included.

use std::fmt::Write as _;

use auth_headers::ext_value::ExtValue;
use auth_headers::write::{
    AuthInfoBuilder, ChallengeBuilder, ChallengeListBuilder, CredentialsBuilder, Value,
};
use auth_headers::{parse_challenges, parse_credentials};

use crate::allocator::{allocations, FixedBuf};

#[test]
fn builders_write_without_allocating() {
    let mut buf = [0u8; 512];
    let mut text = FixedBuf::new();
    let n = allocations(|| {
        let bearer = ChallengeBuilder::new("Bearer")
            .param("realm", "example")
            .param("error", "insufficient_scope")
            .param("scope", "a b")
            .param("title", Value::ext("Jäsøn"));
        let list = [bearer, ChallengeBuilder::new("Negotiate")];
        let l = ChallengeListBuilder::new(&list);
        let a = l.write_to_slice(&mut buf).unwrap();
        l.write_to(&mut text).unwrap();
        for line in l.lines().unwrap() {
            write!(text, "{line}").unwrap();
        }
        let c = CredentialsBuilder::new("Digest")
            .param("username", "Mufasa")
            .param("nc", "00000001")
            .write_to_slice(&mut buf[a..])
            .unwrap();
        let i = AuthInfoBuilder::for_scheme("Digest")
            .param("rspauth", "x")
            .encoded_len()
            .unwrap();
        // Refusals allocate nothing either.
        let e = ChallengeBuilder::new("Basic")
            .param("realm", "a\r\nb")
            .write_to(&mut text)
            .unwrap_err();
        (a, c, i, e)
    });
    assert_eq!(n, 0);
    assert!(!text.as_str().is_empty());
}

#[test]
fn canonical_forms_of_parsed_values_write_without_allocating() {
    let list = parse_challenges(
        r#"Newauth realm=apps, title*=UTF-8''J%C3%A4s%C3%B8n, Basic realm="a\"b""#,
    )
    .unwrap();
    let creds = parse_credentials("Digest username=Mufasa, qop=\"auth\"").unwrap();
    let mut buf = [0u8; 512];
    let mut text = FixedBuf::new();
    let n = allocations(|| {
        write!(text, "{list}|{creds}").unwrap();
        let k = list.write_canonical(&mut buf).unwrap();
        let title = list.find("newauth").unwrap().param("title*").unwrap();
        let mut out = [0u8; 16];
        let t = ExtValue::parse(title)
            .unwrap()
            .decode_into(&mut out)
            .map(|s| s.len());
        (k, t)
    });
    assert_eq!(n, 0);
    assert_eq!(
        text.as_str(),
        r#"Newauth realm="apps", title*=UTF-8''J%C3%A4s%C3%B8n, Basic realm="a\"b"|Digest username="Mufasa", qop=auth"#
    );
}

/// `to_header_value` (feature `http`) makes the one allocation its
/// documentation promises: the exact length, which the `HeaderValue` takes
/// over (it copies nothing and grows nothing), an ext-value's
/// percent-encoding included.
#[cfg(feature = "http")]
#[test]
fn to_header_value_allocates_once() {
    let bearer = ChallengeBuilder::new("Bearer")
        .param("realm", "example")
        .param("scope", "a b")
        .param("title", Value::ext("Jäsøn"));
    let (n, v) = crate::allocator::counted(|| bearer.to_header_value().unwrap());
    assert_eq!(n, 1);
    assert_eq!(
        v,
        r#"Bearer realm="example", scope="a b", title*=UTF-8''J%C3%A4s%C3%B8n"#
    );
    let list = [bearer, ChallengeBuilder::new("Negotiate")];
    let l = ChallengeListBuilder::new(&list);
    assert_eq!(allocations(|| drop(l.to_header_value().unwrap())), 1);
}
