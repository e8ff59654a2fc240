//! A counting global allocator for the zero-allocation tests, and a
//! `fmt::Write` into a fixed array. Each test binary that includes this
//! module (`#[path = "support/counting.rs"] mod counting;`) gets its own
//! allocator; the count is kept per thread, so tests running side by side
//! (and the test harness itself) do not disturb each other's measurement.
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt;
use std::hint::black_box;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn bump() {
    // `try_with`: the slot may be gone while a thread shuts down.
    let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
}

// SAFETY: every call is passed on to `System` unchanged; the counter is a
// const-initialised thread-local `Cell`, which itself never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
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
static GLOBAL: Counting = Counting;

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
