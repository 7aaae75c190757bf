//! What the program does on Ctrl-C, a closed terminal or a `kill`: it
//! removes the temporary files it was writing (a printout streams into one
//! for seconds), then ends as the signal would have ended it. A write past
//! the file size limit (`ulimit -f`) fails with an error that says so,
//! instead of the process being killed without a word.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
use signal_hook::iterator::Signals;

/// Watches for the signals on a thread of their own.
pub fn watch() {
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGXFSZ]) else {
        return;
    };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if signal == SIGXFSZ {
                continue;
            }
            crate::document::remove_unfinished();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
        }
    });
}
