//! Issue 16, finding 7: owned secret holders are wiped when dropped.
//!
//! A global allocator looks at every block as it is freed, while a test has
//! armed it, for the bytes of a secret: the block is still the program's at
//! that moment, so reading it is sound. A control test shows the detector
//! sees a secret left in a plain `Vec`.
#![cfg(all(feature = "basic", feature = "alloc", feature = "zeroize"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use auth_headers::schemes::basic;

struct Inspecting;

thread_local! {
    static NEEDLE: Cell<&'static [u8]> = const { Cell::new(&[]) };
    static SEEN: Cell<bool> = const { Cell::new(false) };
}

fn inspect(block: &[u8]) {
    let _ = NEEDLE.try_with(|n| {
        let n = n.get();
        if !n.is_empty() && block.windows(n.len()).any(|w| w == n) {
            let _ = SEEN.try_with(|s| s.set(true));
        }
    });
}

// SAFETY: every call is passed on to `System` unchanged. `dealloc` reads the
// block before freeing it: `ptr` is live for `layout.size()` bytes until
// `System.dealloc` returns, and the bytes were initialised or zeroed by the
// program (a `Vec`'s spare capacity here is always written: `vec![0; n]`).
// The thread-locals are const-initialised `Cell`s, which never allocate.
unsafe impl GlobalAlloc for Inspecting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if NEEDLE.try_with(|n| !n.get().is_empty()).unwrap_or(false) {
            inspect(unsafe { std::slice::from_raw_parts(ptr, layout.size()) });
        }
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Inspecting = Inspecting;

/// Runs `f` and says whether a block freed meanwhile held `needle`.
fn freed_with(needle: &'static [u8], f: impl FnOnce()) -> bool {
    SEEN.with(|s| s.set(false));
    NEEDLE.with(|n| n.set(needle));
    f();
    NEEDLE.with(|n| n.set(&[]));
    SEEN.with(Cell::get)
}

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
