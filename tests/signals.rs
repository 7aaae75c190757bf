//! A printout streams into a temporary file for seconds: interrupted by
//! Ctrl-C, a closed terminal or a `kill`, the program removes that file before
//! it ends as the signal ends it; stopped by the file size limit, it says so
//! instead of dying without a word. Either way the folder is left as it was.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn gridorg() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether a temporary file of gridorg's is in `folder`.
fn writing(folder: &Path) -> bool {
    files_in(folder).iter().any(|n| n.starts_with(".gridorg-"))
}

/// The district preset, written into `folder`.
fn district(folder: &Path) -> std::path::PathBuf {
    let document = folder.join("district.ron");
    let made = gridorg()
        .args(["generate", "--preset", "district", "-o"])
        .arg(&document)
        .output()
        .unwrap();
    assert!(made.status.success());
    document
}

#[test]
fn a_printout_interrupted_by_a_signal_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let document = district(dir.path());
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        let out = tempfile::tempdir().unwrap();
        let mut child = gridorg()
            .args(["roster", "--kind", "households"])
            .arg(&document)
            .arg("-o")
            .arg(out.path().join("households.pdf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let began = Instant::now();
        while !writing(out.path()) {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the roster ended before its file was seen being written"
            );
            assert!(began.elapsed() < Duration::from_secs(60));
            std::thread::sleep(Duration::from_millis(2));
        }
        // SAFETY: a plain kill(2) of the child just started.
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(signal), "{status:?}");
        assert!(
            files_in(out.path()).is_empty(),
            "signal {signal}: {:?} left",
            files_in(out.path())
        );
    }
}

/// Runs `gridorg ARGS… -o OUTPUT` with files limited to `blocks` × 512
/// bytes, the limit's signal not ignored, as it is not in a user's shell.
fn limited(blocks: u32, args: &str, output: &Path) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -f {blocks}; exec \"$0\" {args} -o \"$1\""))
        .arg(env!("CARGO_BIN_EXE_gridorg"))
        .arg(output)
        .output()
        .unwrap()
}

#[test]
fn a_write_past_the_file_size_limit_is_said_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roster.pdf");
    let out = limited(64, "roster sample-data/xiyuan.ron", &file);
    assert_eq!(out.status.code(), Some(2), "{:?}", out.status);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("file too large"), "{said}");
    assert!(said.contains(&file.display().to_string()), "{said}");
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

/// The export writes each sheet through a temporary file of rust_xlsxwriter's
/// (constant memory), which panics when that write fails: the failure is
/// said as one, not as an internal error.
#[test]
fn an_export_whose_sheets_cannot_be_written_out_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let document = district(dir.path());
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("district.xlsx");
    let out = limited(200, &format!("export {}", document.display()), &file);
    assert_eq!(out.status.code(), Some(2), "{:?}", out.status);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("temporary file failed"), "{said}");
    assert!(!said.contains("internal error"), "{said}");
    assert!(
        files_in(out_dir.path()).is_empty(),
        "{:?}",
        files_in(out_dir.path())
    );
}
