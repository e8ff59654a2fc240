//! `Authentication-Info` / `Proxy-Authentication-Info`: never panics and
//! borrows only from the input.
#![no_main]

use auth_headers::parse_auth_info;
use auth_headers_fuzz::{check_error, check_params};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse_auth_info(data) {
        Ok(p) => check_params(data, p),
        Err(e) => check_error(data, &e),
    }
});
