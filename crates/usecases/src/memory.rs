//! How the process hands freed memory back to the system.
//!
//! glibc's allocator adapts two thresholds as a program runs: once a large block (a month's
//! report rows, a page of a million-row list) is freed, it raises the size below which blocks
//! come from its heap and the free space it lets pile up at the heap's top before giving any
//! back, up to 64 MB. A report export then kept what it had freed beside what it still used:
//! the PDF of a 1M register peaked at 330–370 MB of resident memory, 193 MB with the two
//! thresholds fixed, which keeps the resident size close to what is in use.

/// Blocks from this size up are mapped on their own and unmapped when freed; the heap's free
/// top is given back from this size.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const THRESHOLD: libc::c_int = 128 * 1024;

/// Fixes the allocator's thresholds (see the module's comment); called once at the start of
/// the `cdesk` and app processes. Elsewhere than Linux with glibc it does nothing.
pub fn settle_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets two of the allocator's tunables; it is called before the
    // program allocates in earnest, and any value is valid for both.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, THRESHOLD);
    }
}
