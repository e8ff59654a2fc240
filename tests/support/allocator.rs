//! The global allocator of the `alloc` test binary, which watches the
//! heap for two kinds of test: it counts allocations (the zero-allocation
//! tests) and, while a test has armed it, looks at every block freed for
//! the bytes of a secret (the zeroize tests). Also a `fmt::Write` into a
//! fixed array.
//!
//! A binary has one global allocator, and its tests run side by side on
//! threads of their own; so both the count and the armed secret are kept
//! per thread: a measurement sees the allocations and frees of its own
//! thread only, never those of another test or of the harness
//! (`per_thread.rs` in `tests/alloc/` checks exactly that). Include it
//! only in a binary that wants this allocator:
//! `#[path = "../support/allocator.rs"] mod allocator;`.
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt;
use std::hint::black_box;

struct Watching;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    static NEEDLE: Cell<&'static [u8]> = const { Cell::new(&[]) };
    static SEEN: Cell<bool> = const { Cell::new(false) };
}

fn bump() {
    // `try_with`: the slot may be gone while a thread shuts down.
    let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
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
unsafe impl GlobalAlloc for Watching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if NEEDLE.try_with(|n| !n.get().is_empty()).unwrap_or(false) {
            inspect(unsafe { std::slice::from_raw_parts(ptr, layout.size()) });
        }
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump();
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Watching = Watching;

/// Runs `f` and returns how many allocations (and reallocations) it made on
/// this thread, with its result.
pub fn counted<R>(f: impl FnOnce() -> R) -> (usize, R) {
    let before = ALLOCATIONS.with(Cell::get);
    let r = black_box(f());
    (ALLOCATIONS.with(Cell::get) - before, r)
}

/// Runs `f` and returns how many allocations (and reallocations) it made on
/// this thread.
pub fn allocations<R>(f: impl FnOnce() -> R) -> usize {
    counted(f).0
}

/// Runs `f` and says whether a block freed on this thread meanwhile held
/// `needle`.
pub fn freed_with(needle: &'static [u8], f: impl FnOnce()) -> bool {
    SEEN.with(|s| s.set(false));
    NEEDLE.with(|n| n.set(needle));
    f();
    NEEDLE.with(|n| n.set(&[]));
    SEEN.with(Cell::get)
}

/// A `fmt::Write` into a fixed array: writing never allocates, and text
/// that does not fit is an error.
pub struct FixedBuf {
    buf: [u8; 4096],
    len: usize,
}

impl FixedBuf {
    pub fn new() -> Self {
        FixedBuf {
            buf: [0; 4096],
            len: 0,
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap()
    }
}

impl fmt::Write for FixedBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}
