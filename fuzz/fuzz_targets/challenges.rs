//! `WWW-Authenticate` / `Proxy-Authenticate`: never panics, borrows only from
//! the input, and the lazy iterator, the whole-value parse and the
//! several-lines iterator agree.
#![no_main]

use auth_headers::{parse_challenges, Challenges, ChallengesOfLines};
use auth_headers_fuzz::{check_challenge, check_error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut lazy = 0;
    let mut lazy_err = None;
    for c in Challenges::new(data) {
        match c {
            Ok(c) => {
                check_challenge(data, &c);
                lazy += 1;
            }
            Err(e) => {
                check_error(data, &e);
                lazy_err = Some(e);
            }
        }
    }
    match parse_challenges(data) {
        Ok(list) => {
            assert_eq!(lazy_err, None);
            assert_eq!(list.len(), lazy);
            assert_eq!(list.iter().count(), lazy);
            for c in list.iter() {
                check_challenge(data, &c);
            }
            if let Err(e) = list.validate() {
                check_error(data, &e);
            }
        }
        Err(e) => assert_eq!(Some(e), lazy_err),
    }
    // The same bytes as several header lines, split at LF.
    let lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    for c in ChallengesOfLines::new(lines.iter().copied()) {
        match c {
            Ok(c) => assert!(lines
                .iter()
                .any(|l| auth_headers_fuzz::inside(l, c.scheme().as_bytes()))),
            Err(e) => check_error(lines[e.line()], &e),
        }
    }
});
