//! Settings for glibc's allocator, made once before any thread starts.
//!
//! A project lint keeps every file's syntax tree and semantic model until its second
//! phase, so its memory only grows. glibc gives each thread its own arena and grows a
//! thread's arena a few pages at a time, one `mprotect` call each: on the 200-file
//! benchmark project that was ~700 system calls and about a sixth of the CPU time. With
//! one arena, grown by `brk` with a 1 MiB pad, the same run makes about 15 calls. Small
//! allocations still come from each thread's own cache, so the threads rarely wait on
//! the shared arena's lock.

/// Applies the settings and starts the prefaulting thread (see [`Allocator`]); the
/// settings do nothing where the C library is not glibc.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::tune();
    #[cfg(target_os = "linux")]
    prefault::start();
}

/// The CLI's allocator: the system's, with every large block (a big file's syntax-tree
/// arena, the semantic model's tables, the text read and the report written) handed to a
/// thread that faults its pages in ahead of use.
///
/// A process that lints a 7 MB file touches ~160 MB of fresh memory exactly once, and
/// the kernel zeroes and maps it a 4 KiB page at a time on first touch: ~41,000 page
/// faults, about a fifth of the run, all on the one thread that parses and lints the
/// file. A single file is one job, so the second core sat idle meanwhile; the prefaulting
/// thread moves that kernel work there (`MADV_POPULATE_WRITE`, which maps the pages
/// without changing what they hold). Small blocks are left alone: they come from the
/// heap and are reused. Transparent huge pages for the same blocks cut the faults to
/// 12,500 but made runs bimodal (the kernel compacting memory on a busy machine).
pub struct Allocator;

/// Blocks at least this large are prefaulted.
const PREFAULT_BLOCK_BYTES: usize = 4 * 1024 * 1024;

// SAFETY: every call is forwarded to `System` unchanged; prefaulting only maps pages of
// a block already allocated, never changing its contents, and is a no-op if the block is
// gone by then.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as the caller promised for `layout`.
        let block = unsafe { std::alloc::System.alloc(layout) };
        prefault_if_large(block, layout.size());
        block
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as the caller promised for `layout`.
        let block = unsafe { std::alloc::System.alloc_zeroed(layout) };
        prefault_if_large(block, layout.size());
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: as the caller promised for `block` and `layout`.
        unsafe { std::alloc::System.dealloc(block, layout) }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        // SAFETY: as the caller promised for `block`, `layout` and `size`.
        let moved = unsafe { std::alloc::System.realloc(block, layout, size) };
        prefault_if_large(moved, size);
        moved
    }
}

fn prefault_if_large(block: *mut u8, size: usize) {
    #[cfg(target_os = "linux")]
    if size >= PREFAULT_BLOCK_BYTES && !block.is_null() {
        prefault::request(block as usize, size);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (block, size);
}

#[cfg(target_os = "linux")]
mod prefault {
    use std::{
        ffi::{c_int, c_void},
        sync::{Condvar, Mutex},
    };

    /// `MADV_POPULATE_WRITE` in Linux's `mman-common.h` (Linux 5.14).
    const MADV_POPULATE_WRITE: c_int = 23;
    /// `EINVAL` in Linux's `errno-base.h`.
    const EINVAL: i32 = 22;
    const PAGE_BYTES: usize = 4096;
    /// Requests waiting at once; more are dropped (they are only a head start).
    const QUEUE: usize = 32;

    unsafe extern "C" {
        fn madvise(address: *mut c_void, length: usize, advice: c_int) -> c_int;
    }

    /// Blocks to prefault: (start, length). A fixed array, so that asking never
    /// allocates (it is asked from inside the allocator).
    struct Pending {
        blocks: [(usize, usize); QUEUE],
        count: usize,
        started: bool,
    }

    static PENDING: Mutex<Pending> = Mutex::new(Pending {
        blocks: [(0, 0); QUEUE],
        count: 0,
        started: false,
    });
    static WAKE: Condvar = Condvar::new();

    pub fn start() {
        let spawned = std::thread::Builder::new()
            .name("phoenix-lint-prefault".into())
            .stack_size(64 * 1024)
            .spawn(run);
        if spawned.is_ok()
            && let Ok(mut pending) = PENDING.lock()
        {
            pending.started = true;
        }
    }

    pub fn request(start: usize, length: usize) {
        let Ok(mut pending) = PENDING.lock() else {
            return;
        };
        if pending.started && pending.count < QUEUE {
            let at = pending.count;
            pending.blocks[at] = (start, length);
            pending.count += 1;
            WAKE.notify_one();
        }
    }

    fn run() {
        loop {
            let blocks = {
                let Ok(mut pending) = PENDING.lock() else {
                    return;
                };
                while pending.count == 0 {
                    pending = match WAKE.wait(pending) {
                        Ok(pending) => pending,
                        Err(_) => return,
                    };
                }
                let taken = (pending.blocks, pending.count);
                pending.count = 0;
                taken
            };
            for &(start, length) in &blocks.0[..blocks.1] {
                let page = start / PAGE_BYTES * PAGE_BYTES;
                // SAFETY: MADV_POPULATE_WRITE maps the pages of the range as a write to
                // each would, without writing: the contents stay what they are (zero for
                // fresh memory). A range freed meanwhile is either unmapped (the call
                // fails, which is ignored) or the process's memory again, where mapping
                // a page changes nothing either.
                let result = unsafe {
                    madvise(
                        page as *mut c_void,
                        start + length - page,
                        MADV_POPULATE_WRITE,
                    )
                };
                // A kernel older than 5.14 says EINVAL; nothing to do then.
                if result != 0 && std::io::Error::last_os_error().raw_os_error() == Some(EINVAL) {
                    if let Ok(mut pending) = PENDING.lock() {
                        pending.started = false;
                    }
                    return;
                }
            }
        }
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    use std::ffi::c_int;

    /// `M_TOP_PAD` and `M_ARENA_MAX` in glibc's `malloc.h`.
    const M_TOP_PAD: c_int = -2;
    const M_ARENA_MAX: c_int = -8;
    const TOP_PAD_BYTES: c_int = 1024 * 1024;

    unsafe extern "C" {
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }

    pub fn tune() {
        // SAFETY: `mallopt` only changes the allocator's tuning; it is called at the start
        // of `main`, before any other thread exists. A setting glibc refuses (it returns
        // 0) leaves the default, which is correct, only slower.
        unsafe {
            mallopt(M_ARENA_MAX, 1);
            mallopt(M_TOP_PAD, TOP_PAD_BYTES);
        }
    }
}
