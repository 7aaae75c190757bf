//! Running the program while watching its peak memory (VmHWM) and its time.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a run of the program did.
pub struct Run {
    /// The exit status; `None` when a signal ended it.
    pub code: Option<i32>,
    /// What it wrote to standard error.
    pub stderr: String,
    /// How long it ran.
    pub time: Duration,
    /// The most memory the process held (VmHWM), in MB.
    pub peak_mb: u64,
}

/// Runs `command` (whose process must be the program itself, e.g. through
/// `exec`), failing the test if it runs longer than `limit`.
pub fn run(mut command: Command, limit: Duration) -> Run {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap());
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if let Some(kb) = std::fs::read_to_string(&status).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        }) {
            peak_kb = peak_kb.max(kb);
        }
        assert!(
            started.elapsed() < limit,
            "{command:?} runs longer than {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code,
        stderr: reader.join().unwrap(),
        time: started.elapsed(),
        peak_mb: peak_kb / 1024,
    }
}
