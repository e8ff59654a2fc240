//! Agreement tests for the readers outside the grammar module that shadow
//! a general reader (the map is at the top of `src/syntax.rs`; issue 17,
//! item 2). Each checks, over every short value built from the bytes that
//! matter, that the two readers give the same answer whenever both answer.

use auth_headers::schemes::{aws4, parse_token68_credentials};
use auth_headers::{parse_credentials, ParseOptions};

/// Every string of `0..=max` bytes over `alphabet`, after `prefix`.
fn each_short(alphabet: &[u8], max: u32, prefix: &[u8], mut f: impl FnMut(&[u8])) {
    let mut v = Vec::new();
    for len in 0..=max {
        for mut code in 0..alphabet.len().pow(len) {
            v.clear();
            v.extend_from_slice(prefix);
            for _ in 0..len {
                v.push(alphabet[code % alphabet.len()]);
                code /= alphabet.len();
            }
            f(&v);
        }
    }
}

/// `schemes::parse_token68_credentials` reads `scheme 1*SP token68` itself
/// before it falls back to `parse_credentials`: whenever either gives a
/// token68 for the scheme, the other gives the same one (RFC 9110 §11.4,
/// RFC 6750 §2.1 `1*SP`).
#[test]
fn token68_credentials_agree_with_parse_credentials() {
    let mut tokens = 0;
    for prefix in [&b"Bearer"[..], b"Bearer ", b"bearer  "] {
        each_short(b"a= ,\"/:\t", 6, prefix, |v| {
            let typed = parse_token68_credentials(v, "Bearer");
            let generic = parse_credentials(v);
            let generic_token = generic
                .as_ref()
                .ok()
                .filter(|c| c.is_scheme("Bearer"))
                .and_then(|c| c.token68());
            match &typed {
                Ok(t) => {
                    tokens += 1;
                    assert_eq!(Some(t.token()), generic_token, "{v:?}");
                    assert_eq!(&v[t.offset()..], t.token().as_bytes(), "{v:?}");
                }
                Err(_) => assert_eq!(generic_token, None, "{v:?}: {typed:?}"),
            }
        });
    }
    assert!(tokens > 1000, "{tokens}");
}

/// `schemes::aws4::parse` has a reader of its own (AWS4 values run to the
/// next `,` and hold `/` and `;`, which a token cannot): where the generic
/// reader, with the one relaxation those values need, also reads the value,
/// `Aws4Credentials::from_credentials` over its parameters gives the same.
#[test]
fn aws4_reader_agrees_with_the_generic_one() {
    let opts = ParseOptions::strict().allow_unquoted_separators(true);
    let names = ["Credential", "SignedHeaders", "Signature", "x"];
    // Every value under every name, three parameters, three separators.
    const SIG: &str = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";
    let values = [
        "AKID/20130524/us-east-1/s3/aws4_request",
        "host;x-amz-date",
        SIG,
        "\"q\"",
        "a=b",
    ];
    let seps = [", ", ",", " , "];
    let mut both = 0;
    let mut v = String::new();
    for a in 0..names.len() * values.len() {
        for b in 0..names.len() * values.len() {
            for c in 0..names.len() * values.len() {
                for sep in seps {
                    v.clear();
                    v.push_str("AWS4-HMAC-SHA256 ");
                    for (i, k) in [a, b, c].into_iter().enumerate() {
                        if i > 0 {
                            v.push_str(sep);
                        }
                        v.push_str(names[k / values.len()]);
                        v.push('=');
                        v.push_str(values[k % values.len()]);
                    }
                    let own = aws4::parse(&v);
                    let generic = opts
                        .parse_credentials(&v)
                        .ok()
                        .map(|p| aws4::Aws4Credentials::from_credentials(&p.value));
                    if let (Ok(own), Some(Ok(generic))) = (&own, &generic) {
                        both += 1;
                        // No `PartialEq` (the signature is a secret's
                        // HMAC): compare every part.
                        assert_eq!(own.credential(), generic.credential(), "{v:?}");
                        assert_eq!(
                            own.signed_headers_raw(),
                            generic.signed_headers_raw(),
                            "{v:?}"
                        );
                        assert_eq!(own.signature(), generic.signature(), "{v:?}");
                    }
                    // A value the AWS4 reader takes, the generic one takes too.
                    if own.is_ok() {
                        assert!(matches!(generic, Some(Ok(_))), "{v:?}: {generic:?}");
                    }
                }
            }
        }
    }
    assert!(both > 10, "{both}");
}
