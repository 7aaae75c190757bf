//! Temporary files being written (`.gridorg-PID-XXXXXX.tmp`, in the folder of
//! the file they become): each is locked while its writer has it open and
//! listed here, so that a Ctrl-C, a closed terminal or a `kill` removes the
//! ones this process was writing ([`remove_unfinished`]), and a later save
//! removes only those nobody holds — not one still being written by a process
//! it cannot see (another container, another machine on a shared folder).
//! A streamed printout keeps its temporary file for seconds, not
//! milliseconds, so this is what keeps a half-made PDF from being left.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The start of every temporary file's name.
const TEMP_PREFIX: &str = ".gridorg-";
/// The end of every temporary file's name.
const TEMP_SUFFIX: &str = ".tmp";

/// The temporary files this process is writing.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file's place in the list, taken out when dropped.
pub(super) struct Listed(PathBuf);

impl Drop for Listed {
    fn drop(&mut self) {
        let mut list = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = list.iter().position(|p| *p == self.0) {
            list.swap_remove(at);
        }
    }
}

/// A new owner-only temporary file in `folder`, locked and listed for as
/// long as both are kept.
pub(super) fn temp_file(folder: &Path) -> io::Result<(tempfile::NamedTempFile, Listed)> {
    let file = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(folder)?;
    // Where the file system has no locks, a later save leaves the file alone.
    let _ = file.as_file().try_lock();
    let path = file.path().to_path_buf();
    UNFINISHED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(path.clone());
    Ok((file, Listed(path)))
}

/// Removes every temporary file this process is writing: for a signal that
/// ends the process, so that what it was writing is not left half-made.
pub fn remove_unfinished() {
    let list = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
    for path in list.iter() {
        let _ = fs::remove_file(path);
    }
}

/// Removes the temporary files in `folder` left by a process that ended
/// without finishing them (killed, or the machine gone down): those whose
/// process is not running here and that no one holds locked.
pub(super) fn remove_stale_temps(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        if !process_alive(pid) && nobody_holds(&entry.path()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether the file can be locked, that is, no writer has it open.
fn nobody_holds(path: &Path) -> bool {
    fs::File::open(path).is_ok_and(|f| f.try_lock().is_ok())
}

/// The process id in a temporary file's name (`.gridorg-PID-XXXXXX.tmp`).
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, _) = rest.split_once('-')?;
    pid.parse().ok()
}

/// Whether a process with this id is running. Where that cannot be told (no
/// `/proc`), every process counts as running, so nothing is removed.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_temporary_names_are_taken_for_stale_files() {
        assert_eq!(temp_owner(".gridorg-4711-aB3xYz.tmp"), Some(4711));
        assert_eq!(temp_owner(".gridorg-aB3xYz.tmp"), None);
        assert_eq!(temp_owner("gridorg-4711-aB3xYz.tmp"), None);
        assert_eq!(temp_owner(".gridorg-4711-aB3xYz.ron"), None);
    }

    #[test]
    fn a_temporary_file_held_by_a_process_out_of_sight_is_left_alone() {
        let folder = tempfile::tempdir().unwrap();
        // A writer this process cannot see (another PID namespace, another
        // machine): its id names no process here, and it holds the lock.
        let held = folder.path().join(".gridorg-999999999-aB3xYz.tmp");
        let writer = fs::File::create(&held).unwrap();
        writer.lock().unwrap();
        let left = folder.path().join(".gridorg-999999998-cD4eFg.tmp");
        fs::write(&left, b"half").unwrap();
        remove_stale_temps(folder.path());
        assert!(held.exists(), "a file still being written was removed");
        assert!(!left.exists(), "a file nobody holds was kept");
        drop(writer);
        remove_stale_temps(folder.path());
        assert!(!held.exists());
    }

    #[test]
    fn a_file_is_listed_while_it_is_written_and_no_longer_once_done() {
        let folder = tempfile::tempdir().unwrap();
        let listed = |p: &Path| UNFINISHED.lock().unwrap().iter().any(|l| l == p);
        let (file, entry) = temp_file(folder.path()).unwrap();
        let path = file.path().to_path_buf();
        assert!(listed(&path));
        file.persist(folder.path().join("done.pdf")).unwrap();
        drop(entry);
        assert!(!listed(&path));
    }
}
