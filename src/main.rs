//! The `gridorg` program: the editor window, or a command (see `gridorg --help`).

/// mimalloc: a printout makes and frees a few small strings for every row on
/// several threads at once, where it is much faster than the system's
/// allocator (README, Benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h): how long freed memory
/// is kept before it goes back to the system.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// 50 ms, not mimalloc's second: a city printout's peak stays within about
/// 50 MB of the document's own size (at a second it reached 400 MB), while
/// memory freed and soon wanted again (a district chart) is not given back
/// and faulted in anew (at once, the chart took a tenth longer).
const PURGE_AFTER_MS: std::ffi::c_long = 50;

fn main() -> std::process::ExitCode {
    // SAFETY: mimalloc's options are set before any other thread starts.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_AFTER_MS) };
    gridorg::cli::main()
}
