//! The wasm build's allocator: power-of-two size classes, each with a free list, carved from
//! memory grown with `memory.grow`. About 300 bytes of wasm where `dlmalloc` (Rust's default
//! for `wasm32-unknown-unknown`) takes about 8 KB.
//!
//! * A request of `size` bytes aligned to `align` gets a block of the class
//!   `2^k ≥ max(size, align, 16)`; blocks of class `k` are aligned to `min(2^k, 64 KiB)`.
//! * A freed block goes onto its class's list; an empty list takes a block of a larger class
//!   and splits it in halves (blocks are never merged again), else carves a new block at the
//!   end of the heap, growing memory when needed.
//! * `realloc` within the same class keeps the block, so a `Vec` that grows by doubling copies
//!   once per class, as with any allocator.
//!
//! The page runs the module in one thread (no shared memory), so there are no locks. The SOM's
//! hot loops allocate nothing; what this changes is only how a CSV file or a new map is
//! laid out in memory, never a number.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

const PAGE: usize = 65536;
/// Classes 2^4 (16 bytes) to 2^31.
const CLASSES: usize = 32;
const MIN_CLASS: u32 = 4;

struct Heap {
    /// The first free block of each class (0 for none); a free block's first word is the next.
    free: [usize; CLASSES],
    /// Where the next new block may start, and the end of the memory grown so far.
    bump: usize,
    end: usize,
}

/// See the module docs.
pub struct SizeClasses(UnsafeCell<Heap>);

// SAFETY: the module runs in one thread (wasm32 without the atomics feature).
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    pub const fn new() -> Self {
        SizeClasses(UnsafeCell::new(Heap { free: [0; CLASSES], bump: 0, end: 0 }))
    }
}

/// The class of a layout, `None` beyond 2^31 bytes.
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    let k = size.checked_next_power_of_two()?.trailing_zeros() as usize;
    (k < CLASSES).then_some(k)
}

impl Heap {
    /// A new block of class `k`, from a larger free block (split) or the end of the heap.
    #[inline(never)]
    unsafe fn take(&mut self, k: usize) -> usize {
        for j in k..CLASSES {
            let block = self.free[j];
            if block != 0 {
                self.free[j] = *(block as *const usize);
                for half in (k..j).rev() {
                    self.push(half, block + (1 << half));
                }
                return block;
            }
        }
        self.carve(1 << k, (1usize << k).min(PAGE))
    }

    /// `size` new bytes aligned to `align` at the end of the heap (0 when memory is full).
    #[inline(never)]
    unsafe fn carve(&mut self, size: usize, align: usize) -> usize {
        loop {
            let start = match self.bump.checked_add(align - 1) {
                Some(s) => s & !(align - 1),
                None => return 0,
            };
            if let Some(end) = start.checked_add(size) {
                if end <= self.end {
                    self.bump = end;
                    return start;
                }
            }
            let pages = (size + align).div_ceil(PAGE);
            let previous = core::arch::wasm32::memory_grow(0, pages);
            if previous == usize::MAX {
                return 0;
            }
            let base = previous * PAGE;
            if base != self.end {
                // The first growth (or memory grown by someone else): start a new run there.
                self.bump = base;
            }
            self.end = base.saturating_add(pages * PAGE);
        }
    }

    unsafe fn push(&mut self, k: usize, block: usize) {
        *(block as *mut usize) = self.free[k];
        self.free[k] = block;
    }
}

unsafe impl GlobalAlloc for SizeClasses {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class(layout) {
            Some(k) => (*self.0.get()).take(k) as *mut u8,
            None => core::ptr::null_mut(),
        }
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(k) = class(layout) {
            (*self.0.get()).push(k, ptr as usize);
        }
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if class(new_layout).is_some() && class(new_layout) == class(layout) {
            return ptr;
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}
