//! What the heap sees: parsing, the builders and the scheme paths allocate
//! nothing (issue 3), and owned secrets are wiped before they are freed
//! (issue 16, finding 7). The binary's one global allocator
//! (`support/allocator.rs`) counts, and looks for secrets, per thread, so
//! these tests run side by side; `per_thread.rs` checks that. One test
//! binary, each file a module.

#[path = "../support/allocator.rs"]
mod allocator;

mod builder;
mod parse;
mod per_thread;
mod schemes;
#[cfg(all(feature = "basic", feature = "alloc", feature = "zeroize"))]
mod zeroize;
