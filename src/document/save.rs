//! Writing files so that nothing is ever half-written or lost.
//!
//! The bytes go to a temporary file in the target's folder, which is synced and
//! made owner-only. For a document, the file already at the path is then
//! hard-linked (or, where the file system has no links, copied) to `NAME.bak`,
//! and only then is the temporary file renamed over the path and the folder
//! synced. At every moment the path holds the old file or the new one, and the
//! backup holds the previous backup or the old file.
//!
//! A process killed in the middle leaves its temporary file behind
//! (`.gridorg-PID-XXXXXX.tmp`); the next save into the same folder removes those
//! whose process is gone and that no one holds (see [`super::unfinished`]).

use super::error::DocumentError;
use super::unfinished::{remove_stale_temps, temp_file, Listed};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::output::backup_path;

/// Writes bytes to `path` atomically and owner-only, without a backup (for
/// exports and printouts, which can be made again).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), DocumentError> {
    write(path, bytes, false)
}

/// Writes a document's bytes atomically and owner-only, keeping the file that
/// was there as [`backup_path`].
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> Result<(), DocumentError> {
    write(path, bytes, true)
}

fn write(path: &Path, bytes: &[u8], backup: bool) -> Result<(), DocumentError> {
    let mut file = AtomicFile::create(path)?;
    // To the buffer itself: its error is the operating system's, named once.
    file.temp
        .write_all(bytes)
        .map_err(|e| file.failed(Step::Write, e))?;
    file.finish(backup)
}

/// A file written as it is made, atomically: the bytes go to an owner-only
/// temporary file in the target's folder, which [`AtomicFile::commit`] syncs
/// and renames over the path. Dropped without a commit (a cancelled or failed
/// printout), it is removed and the path is untouched. Refused, like
/// [`write_atomic`], where the path is a link, a device or the like.
pub struct AtomicFile {
    path: PathBuf,
    /// Whether something was at the path before.
    existed: bool,
    temp: io::BufWriter<tempfile::NamedTempFile>,
    /// In the list a signal clears, until the file is renamed or removed.
    _listed: Listed,
}

impl AtomicFile {
    /// Creates the temporary file for `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, DocumentError> {
        let existed = fs::symlink_metadata(path).is_ok();
        crate::output::refuse_special(path)?;
        let failed = |step: Step, e: io::Error| failure(path, existed, step, &e);
        let (temp, listed) =
            temp_file(crate::output::folder_of(path)).map_err(|e| failed(Step::Create, e))?;
        restrict_to_owner(temp.as_file()).map_err(|e| failed(Step::Write, e))?;
        let file = AtomicFile {
            path: path.to_path_buf(),
            existed,
            temp: io::BufWriter::with_capacity(1 << 18, temp),
            _listed: listed,
        };
        Ok(file)
    }

    /// Syncs the file and puts it at the path.
    pub fn commit(self) -> Result<(), DocumentError> {
        self.finish(false)
    }

    fn finish(self, backup: bool) -> Result<(), DocumentError> {
        let AtomicFile {
            path,
            existed,
            temp,
            _listed,
        } = self;
        let failed = |step: Step, e: io::Error| failure(&path, existed, step, &e);
        let folder = crate::output::folder_of(&path);
        let temp = temp
            .into_inner()
            .map_err(|e| failed(Step::Write, e.into_error()))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| failed(Step::Write, e))?;
        if backup && existed {
            keep_backup(&path, folder).map_err(|e| failed(Step::Backup, e))?;
        }
        // Once more, right before the path is replaced: a link or device swapped in
        // since the first look is not written over either.
        crate::output::refuse_special(&path)?;
        temp.persist(&path)
            .map_err(|e| failed(Step::Rename, e.error))?;
        crate::output::sync_folder(folder).map_err(|e| failed(Step::SyncFolder, e))?;
        remove_stale_temps(folder);
        Ok(())
    }

    fn failed(&self, step: Step, e: io::Error) -> DocumentError {
        failure(&self.path, self.existed, step, &e)
    }
}

/// Writes go to the temporary file; a failure comes back as an error whose
/// inner error is the [`DocumentError`] that says where and what is on disk.
impl Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.temp
            .write(bytes)
            .map_err(|e| io::Error::new(e.kind(), self.failed(Step::Write, e)))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp
            .flush()
            .map_err(|e| io::Error::new(e.kind(), self.failed(Step::Write, e)))
    }
}

/// Moving about in what is written (a zip goes back to fill in each entry's
/// sizes): within the temporary file, the buffer written out first.
impl io::Seek for AtomicFile {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        self.temp
            .seek(to)
            .map_err(|e| io::Error::new(e.kind(), self.failed(Step::Write, e)))
    }
}

/// Why writing `path` failed at `step`, and what is on disk now.
fn failure(path: &Path, existed: bool, step: Step, e: &io::Error) -> DocumentError {
    DocumentError::Save {
        path: path.display().to_string(),
        problem: explain(step, e, crate::output::folder_of(path)),
        outcome: if step == Step::SyncFolder {
            "新文件已写入，但无法确认已落盘 (written, not confirmed on disk)"
        } else if existed {
            "原文件保持不变 (old file intact)"
        } else {
            "未写入任何文件 (nothing written)"
        },
    }
}

/// The step of a save that failed, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Create,
    Write,
    Backup,
    Rename,
    SyncFolder,
}

/// Why a step failed, in Chinese with the English keyword, naming the folder
/// where it is the folder's fault.
fn explain(step: Step, error: &io::Error, folder: &Path) -> String {
    use io::ErrorKind as K;
    let folder = folder.display();
    let why = match error.kind() {
        K::StorageFull => "磁盘空间不足 (disk full / no space left)".to_string(),
        K::QuotaExceeded => "超出磁盘配额 (disk quota exceeded)".to_string(),
        K::FileTooLarge => "文件超过系统允许的大小 (file too large)".to_string(),
        K::ReadOnlyFilesystem => {
            format!("文件夹 {folder} 所在的磁盘是只读的 (read-only file system)")
        }
        K::PermissionDenied => format!("没有写入文件夹 {folder} 的权限 (permission denied)"),
        K::NotFound if step == Step::Create => format!("文件夹 {folder} 不存在 (folder not found)"),
        K::NotADirectory => format!("{folder} 不是文件夹 (not a directory)"),
        K::IsADirectory => "该路径是一个文件夹 (is a directory)".to_string(),
        _ => "输入输出错误 (io error)".to_string(),
    };
    let doing = match step {
        Step::Create => "创建临时文件",
        Step::Write => "写入临时文件",
        Step::Backup => "保留上一版本为备份 (.bak)",
        Step::Rename => "替换原文件",
        Step::SyncFolder => "同步文件夹",
    };
    // The operating system's own words, without the temporary file's path that
    // tempfile appends (the user never sees that file).
    let text = error.to_string();
    let os = text.split(" at path ").next().unwrap_or_default();
    format!("{doing}时失败：{why} — {os}")
}

/// Makes a copy of the file at `path` the backup: written owner-only under a
/// temporary name, then renamed over the old backup, so the backup is never
/// missing either. A copy rather than a link, so that the backup is owner-only
/// whatever the old file's mode was.
fn keep_backup(path: &Path, folder: &Path) -> io::Result<()> {
    let (mut staged, _listed) = temp_file(folder)?;
    io::copy(&mut open_no_follow(path)?, staged.as_file_mut())?;
    restrict_to_owner(staged.as_file())?;
    staged.as_file().sync_all()?;
    staged.persist(backup_path(path)).map_err(|e| e.error)?;
    Ok(())
}

/// Opens a file for reading without following a link at its last component.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(unix)]
fn restrict_to_owner(file: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict_to_owner(_file: &fs::File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_is_named_in_chinese_with_its_english_keyword() {
        let folder = Path::new("/数据/街道");
        for (kind, step, keyword) in [
            (io::ErrorKind::StorageFull, Step::Write, "disk full"),
            (io::ErrorKind::ReadOnlyFilesystem, Step::Create, "read-only"),
            (
                io::ErrorKind::PermissionDenied,
                Step::Create,
                "permission denied",
            ),
            (io::ErrorKind::NotFound, Step::Create, "folder not found"),
            (
                io::ErrorKind::NotADirectory,
                Step::Create,
                "not a directory",
            ),
        ] {
            let text = explain(step, &io::Error::from(kind), folder);
            assert!(text.contains(keyword), "{text}");
        }
        let text = explain(
            Step::Create,
            &io::ErrorKind::ReadOnlyFilesystem.into(),
            folder,
        );
        assert!(text.contains("/数据/街道"), "{text}");
    }
}
