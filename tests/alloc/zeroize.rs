//! Issue 16, finding 7: owned secret holders are wiped when dropped.
//!
//! The binary's global allocator (`support/allocator.rs`) looks at every
//! block freed on a test's thread, while the test has armed it, for the
//! bytes of a secret: the block is still the program's at that moment, so
//! reading it is sound. A control test shows the detector sees a secret
//! left in a plain `Vec`.

use auth_headers::schemes::basic;

use crate::allocator::freed_with;

const PASSWORD: &[u8] = b"hunter2-password";

// The detector works: a secret left in a plain vector is seen when freed.
#[test]
fn detector_sees_a_secret_in_a_plain_vec() {
    let v = PASSWORD.to_vec();
    assert!(freed_with(PASSWORD, || drop(v)));
    let v = PASSWORD.to_vec();
    assert!(!freed_with(b"something else", || drop(v)));
}

// RFC 7617 §2: the decoded password of `BasicCredentials::decode` is wiped
// when the `UserPassBuf` is dropped, and a clone's too.
#[test]
fn decoded_basic_password_is_wiped_on_drop() {
    let value = format!(
        "Basic {}",
        basic::credentials_string("Aladdin", "hunter2-password")
            .unwrap()
            .strip_prefix("Basic ")
            .unwrap()
    );
    let c = basic::parse_credentials(&value).unwrap();
    let up = c.decode().unwrap();
    assert_eq!(up.password(), PASSWORD);
    let copy = up.clone();
    assert!(!freed_with(PASSWORD, || drop(up)));
    assert!(!freed_with(PASSWORD, || drop(copy)));
}

// A decode that fails after decoding (a control byte at the end of the
// password, RFC 7617 §2) wipes what it decoded.
#[test]
fn failed_decode_is_wiped() {
    // base64("user:hunter2-password\x01")
    let c = basic::parse_credentials("Basic dXNlcjpodW50ZXIyLXBhc3N3b3JkAQ==").unwrap();
    assert!(!freed_with(PASSWORD, || assert!(c.decode().is_err())));
}

// `credentials_string` encodes in a heap scratch: wiped before it is freed
// (the returned string is the caller's).
#[test]
fn credentials_string_scratch_is_wiped() {
    // base64("Aladdin:hunter2-password"), as the header carries it.
    const TOKEN: &[u8] = b"QWxhZGRpbjpodW50ZXIyLXBhc3N3b3Jk";
    let mut s = String::new();
    assert!(!freed_with(TOKEN, || {
        s = basic::credentials_string("Aladdin", "hunter2-password").unwrap();
    }));
    assert_eq!(s.as_bytes()[6..], *TOKEN);
}
