//! `Authorization` / `Proxy-Authorization`: never panics and borrows only
//! from the input.
#![no_main]

use auth_headers::parse_credentials;
use auth_headers_fuzz::{check_credentials, check_error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse_credentials(data) {
        Ok(c) => check_credentials(data, &c),
        Err(e) => check_error(data, &e),
    }
});
