//! Panics the library catches and reports as a damaged input (calamine on a
//! malformed workbook), told apart from the program's own bugs.
//!
//! The panic hook runs before a panic is caught, so the standard one prints
//! "thread … panicked at …" even for a panic `catch_unwind` then turns into a
//! clear error. [`install_hook`] replaces it with one that stays silent inside
//! [`catch`] and otherwise prints a short internal-error line.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// How many [`catch`] calls this thread is inside.
    static CATCHING: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`, giving None if it panics. Wrap in it only code whose panic means a
/// bad input (a third-party parser), never the program's own logic.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Option<T> {
    CATCHING.with(|c| c.set(c.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f)).ok();
    CATCHING.with(|c| c.set(c.get() - 1));
    result
}

/// Replaces the panic hook: silent for panics [`catch`] turns into errors, a
/// one-line internal error otherwise (naming where, for a bug report).
pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        if CATCHING.with(Cell::get) > 0 {
            return;
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("gridorg: 内部错误 (internal error) {place}: {what}；请把输入文件和这行信息报告给开发者");
    }));
}
