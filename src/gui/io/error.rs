//! Why a piece of the window's file work failed, kept typed until it is
//! shown: each message carries the error, and the words are made where the
//! window says them.

use crate::versions::git::GitError;
use crate::{document, output, workbook};
use std::path::PathBuf;
use std::sync::Arc;

/// Why reading, writing, remembering, committing or showing a file failed.
/// `Clone`, to travel in messages: the core's errors are, and an I/O error
/// is shared.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FileError {
    /// A document could not be read or written.
    #[error(transparent)]
    Document(#[from] document::DocumentError),
    /// A workbook or CSV folder could not be read, or one not written.
    #[error(transparent)]
    Workbook(#[from] workbook::WorkbookError),
    /// The path may not be written (the document itself, a link, a device …).
    #[error(transparent)]
    Refused(#[from] output::Refusal),
    /// git did not commit the saved file.
    #[error(transparent)]
    Git(#[from] GitError),
    /// The recovery journal could not be written, read or removed.
    #[error(transparent)]
    Journal(#[from] crate::journal::JournalError),
    /// A folder or file of the window's own could not be made.
    #[error("{0}")]
    Io(Arc<std::io::Error>),
    /// There is no data folder for the window's own files.
    #[error("找不到用户数据目录 (no data folder)")]
    NoDataFolder,
    /// No viewer opened a printout: where it is, and what xdg-open said.
    #[error("没有可用的 PDF 查看器 (no viewer)：文件在 {}（{why}）", path.display())]
    NoViewer {
        /// The printout.
        path: PathBuf,
        /// How xdg-open went.
        why: String,
    },
    /// The thread doing the work ended without an answer; the words say
    /// which work it was.
    #[error("{0}")]
    Lost(&'static str),
}

impl From<std::io::Error> for FileError {
    fn from(error: std::io::Error) -> Self {
        FileError::Io(Arc::new(error))
    }
}

/// The work of a thread that ended without an answer.
pub const WORKER_LOST: FileError = FileError::Lost("后台任务中断 (worker lost)");
