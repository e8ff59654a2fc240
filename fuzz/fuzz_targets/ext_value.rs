//! RFC 8187 ext-values (issue 16): decoding any bytes never panics, and
//! what decodes agrees with itself (`decoded_len`, `decode_into`,
//! `write_to`, `Display`, `bytes`); the same bytes as a parsed `name*`
//! value read the same through `ExtValue::parse`; and encoding the decoded
//! text (`Encoded`, `Value::ext` through a builder) decodes back to it. Any
//! text, encoded, decodes back to itself.
#![no_main]

use auth_headers::ext_value::{Charset, Encoded, ExtValue};
use auth_headers::write::{ChallengeBuilder, Value};
use auth_headers::{parse_challenges, ErrorKind};
use auth_headers_fuzz::show;
use libfuzzer_sys::fuzz_target;

/// Encoding `text` gives an ext-value that decodes back to `text`, both
/// through `Encoded` and through the builder's `Value::ext`.
fn round_trip(text: &str) {
    let enc = Encoded(text).to_string();
    let v = ExtValue::parse_bytes(enc.as_bytes())
        .unwrap_or_else(|e| panic!("{e}: {}", show(enc.as_bytes())));
    assert_eq!(v.charset(), Charset::Utf8);
    assert_eq!(v.to_string(), text);
    assert_eq!(v.decoded_len(), text.len());
    let built = ChallengeBuilder::new("X")
        .param("t", Value::ext(text))
        .to_string()
        .unwrap();
    assert_eq!(built, format!("X t*={enc}"));
    let list = parse_challenges(&built).unwrap();
    let t = list.iter().next().unwrap().param("t*").unwrap();
    assert_eq!(ExtValue::parse(t).unwrap().to_string(), text);
    // Handed back as a parsed value, it is written unchanged (not encoded twice).
    let again = ChallengeBuilder::new("X")
        .param("t*", Value::parsed(t))
        .to_string()
        .unwrap();
    assert_eq!(again, built);
}

fuzz_target!(|data: &[u8]| {
    match ExtValue::parse_bytes(data) {
        Ok(v) => {
            let n = v.decoded_len();
            let mut buf = vec![0u8; n];
            let text = v.decode_into(&mut buf).unwrap().to_owned();
            assert_eq!(text.len(), n);
            assert_eq!(v.to_string(), text);
            if n > 0 {
                let mut small = vec![0u8; n - 1];
                let e = v.decode_into(&mut small).unwrap_err();
                assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, n));
            }
            let bytes: Vec<u8> = v.bytes().map(|b| b.unwrap()).collect();
            match v.charset() {
                Charset::Utf8 => assert_eq!(bytes, text.as_bytes()),
                Charset::Iso8859_1 => {
                    assert!(bytes.iter().map(|&b| char::from(b)).eq(text.chars()))
                }
            }
            assert!(data.ends_with(v.encoded()));
            round_trip(&text);
        }
        Err(e) => {
            assert!(e.offset() <= data.len(), "{e:?} past {}", data.len());
            let _ = e.to_string();
        }
    }
    // The same bytes as the value of a parsed `t*`, as a token or quoted.
    for quoted in [false, true] {
        let mut header = b"X t*=".to_vec();
        if quoted {
            header.push(b'"');
            header.extend_from_slice(data);
            header.push(b'"');
        } else {
            header.extend_from_slice(data);
        }
        if let Ok(list) = parse_challenges(&header) {
            let Some(t) = list.iter().next().and_then(|c| c.param("t*")) else {
                continue;
            };
            let direct = ExtValue::parse_bytes(t.raw());
            match ExtValue::parse(t) {
                Ok(v) => assert_eq!(Ok(v), direct),
                Err(_) => assert!(t.has_escapes() || direct.is_err()),
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        round_trip(text);
    }
});
