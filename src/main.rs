//! The `gridorg` program: the editor window, or a command (see `gridorg --help`).

/// mimalloc: a printout makes and frees a few small strings for every row on
/// several threads at once, where it is much faster than the system's
/// allocator (README, Benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h), in milliseconds: freed
/// memory goes back to the system at once, not a second later, so that a
/// printout's peak stays near the document's own size.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // SAFETY: mimalloc's options are set before any other thread starts.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    gridorg::cli::main()
}
