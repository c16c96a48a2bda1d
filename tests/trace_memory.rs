//! What a traced step allocates (issue 13, "traces no larger than what the views draw"): at
//! 200×200 nodes × 1,000 columns the weights are 160 MB, and a trace that copied them before
//! and after the step took 320 MB more. Now it holds the weights before only, and those are the
//! map's row-major view moved into it, not a copy: the step itself allocates the per-node
//! vectors (distances, h) and the row, a few nodes' worth, never a weights-sized buffer. The
//! next read of the weights rebuilds the view once. Counted by a global allocator, natively (the
//! wasm build has its own allocator, `src/web/alloc.rs`).
#![cfg(not(target_arch = "wasm32"))]

use som_playground::som::{Som, SomConfig};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.fetch_add(new_size, Ordering::SeqCst);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Bytes allocated while `f` runs (this file has one test, so no other thread allocates).
fn allocated<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = ALLOCATED.load(Ordering::SeqCst);
    let out = f();
    (out, ALLOCATED.load(Ordering::SeqCst) - start)
}

#[test]
fn a_traced_step_allocates_no_copy_of_the_weights() {
    let c = SomConfig { rows: 40, cols: 40, dim: 100, ..SomConfig::default() };
    let mut som = Som::new(&c, 1).unwrap();
    let x = vec![0.5; c.dim];
    som.train(&x, 3);
    let weights_bytes = som.weights().len() * 4; // 640,000
    let before_step = som.weights().to_vec();
    let (trace, bytes) = allocated(|| som.step_trace(&x, 0));
    let per_node = som.len() * 4;
    assert!(
        bytes <= 3 * per_node + 4 * c.dim + 1024,
        "a traced step allocated {bytes} bytes (the weights are {weights_bytes})"
    );
    assert_eq!(trace.before, before_step, "the weights before the step, moved into the trace");
    // After the step the weights are the map's: equal to an untraced step's.
    let mut other = Som::new(&c, 1).unwrap();
    other.train(&x, 3);
    other.step(&x);
    let (after, rebuilt) = allocated(|| som.weights().to_vec());
    assert_eq!(after, other.weights());
    assert!(
        rebuilt <= 2 * weights_bytes + 1024,
        "reading the weights after it rebuilt the view once and copied it: {rebuilt} bytes"
    );
}
