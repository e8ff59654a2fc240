//! `Authorization` / `Proxy-Authorization`: never panics and borrows only
//! from the input. The token68 schemes' own parsers (with their fast path
//! for `scheme SP token68`) agree with the generic parser, and Basic
//! decoding never panics and splits at the first colon.
#![no_main]

use auth_headers::parse_credentials;
use auth_headers::schemes::dpop::{DpopNonce, DpopProof};
use auth_headers::schemes::{basic, parse_token68_credentials};
use auth_headers_fuzz::{check_credentials, check_error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let generic = parse_credentials(data);
    match &generic {
        Ok(c) => check_credentials(data, c),
        Err(e) => check_error(data, e),
    }
    for scheme in ["Bearer", "Basic"] {
        match parse_token68_credentials(data, scheme) {
            Ok(t) => {
                let c = generic.as_ref().expect("the generic parser accepts it too");
                assert!(c.is_scheme(scheme));
                assert_eq!(c.token68(), Some(t.token()));
                assert_eq!(c.scheme(), t.scheme());
            }
            Err(e) => check_error(data, &e),
        }
    }
    // A `DPoP` proof (RFC 9449 §4.2, a JWS in compact form) reads back as
    // the bytes it was read from, cut at its two dots.
    match DpopProof::parse(data) {
        Ok(p) => {
            assert_eq!(p.as_str().as_bytes(), data);
            let joined = [p.header(), p.payload(), p.signature()].join(".");
            assert_eq!(joined.as_bytes(), data);
            assert_eq!(
                p.signing_input(),
                &joined[..joined.len() - p.signature().len() - 1]
            );
        }
        Err(e) => check_error(data, &e),
    }
    if let Ok(n) = core::str::from_utf8(data).map(DpopNonce::new) {
        match n {
            Ok(n) => assert_eq!(n.as_str().as_bytes(), data),
            Err(e) => check_error(data, &e),
        }
    }
    if let Ok(b) = basic::parse_credentials(data) {
        let mut buf = [0u8; 64];
        let size = data.first().map_or(0, |&x| usize::from(x) % 65);
        if let Ok(up) = b.decode_into(&mut buf[..size]) {
            assert!(!up.user_id().contains(&b':'));
            assert!(up.user_id().len() + 1 + up.password().len() <= b.max_decoded_len());
        }
    }
});
