//! The window's file work, each piece on a blocking thread of its own so the
//! window never waits on a disk: reading, saving, exporting, looking at a
//! target before writing it, the recent-files list, and the file dialogs
//! (through the desktop portal).

mod error;

pub use error::{FileError, WORKER_LOST};

use crate::model::Document;
use crate::{document, output, store, workbook};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A value handed from a task to the window once: messages are cloned, the
/// value inside moves to whoever takes it first.
pub struct Once<T>(Arc<Mutex<Option<T>>>);

impl<T> Once<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Once<T> {
        Once(Arc::new(Mutex::new(Some(value))))
    }

    /// The value, if nobody took it yet.
    pub fn take(&self) -> Option<T> {
        self.0.lock().ok()?.take()
    }
}

impl<T> Clone for Once<T> {
    fn clone(&self) -> Self {
        Once(Arc::clone(&self.0))
    }
}

impl<T> std::fmt::Debug for Once<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Once(…)")
    }
}

/// Runs blocking work on a thread of its own and brings its result back.
pub async fn apart<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (sender, receiver) = iced::futures::channel::oneshot::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    receiver.await.ok()
}

/// Runs fallible blocking work apart; a lost thread is an error too.
async fn apart_or_lost<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, FileError> + Send + 'static,
) -> Result<T, FileError> {
    apart(work).await.unwrap_or(Err(WORKER_LOST))
}

/// What a chosen path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Open a document or workbook.
    Open,
    /// Save the document here.
    SaveAs,
    /// Export the document as a workbook.
    Export,
    /// Print an org chart.
    Chart,
    /// Print a member roster.
    Roster,
    /// Print the statistics tables (PDF).
    Statistics,
    /// Export the statistics tables as a workbook.
    StatisticsWorkbook,
    /// Compare the document with this file (与…比较).
    Compare,
}

impl Intent {
    /// What the target row says the path is for.
    pub fn label(self) -> &'static str {
        match self {
            Intent::Open => "打开文件",
            Intent::SaveAs => "另存为",
            Intent::Export => "导出 Excel 到",
            Intent::Chart => "组织图保存到",
            Intent::Roster => "花名册保存到",
            Intent::Statistics => "统计表保存到",
            Intent::StatisticsWorkbook => "统计工作簿保存到",
            Intent::Compare => "与此文件比较",
        }
    }

    /// The kind of file written, for the checks before writing.
    pub fn kind(self) -> output::Kind {
        match self {
            Intent::Open | Intent::SaveAs | Intent::Compare => output::Kind::Document,
            Intent::Export | Intent::StatisticsWorkbook => output::Kind::Workbook,
            Intent::Chart | Intent::Roster | Intent::Statistics => output::Kind::Pdf,
        }
    }
}

/// A document read from disk, with where it came from: `None` for a workbook,
/// which is imported and must be saved as a document under a new name.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The document.
    pub document: Document,
    /// Its file, when it is a `.ron` document.
    pub path: Option<PathBuf>,
    /// What to tell the user.
    pub notice: String,
}

/// Reads a document, or imports a workbook or CSV folder, off the UI thread.
pub async fn open(path: PathBuf) -> Result<Opened, FileError> {
    apart_or_lost(move || open_now(path)).await
}

fn open_now(path: PathBuf) -> Result<Opened, FileError> {
    if workbook::is_workbook(&path) {
        let imported = workbook::import(&path)?;
        return Ok(Opened {
            notice: format!(
                "已从工作簿导入 {}（{} 条提示）：请用“另存为…”保存为文档",
                path.display(),
                imported.notices.len() + imported.unlisted_notices
            ),
            document: imported.document,
            path: None,
        });
    }
    let document = document::load(&path)?;
    Ok(Opened {
        notice: format!("已打开 {}", path.display()),
        document,
        path: Some(path),
    })
}

/// How a document is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saving {
    /// Back to the file it was opened from: through a symbolic link to the
    /// link's target, as editors do.
    InPlace,
    /// To a path the user chose: never through a link, never over a device.
    As,
}

/// Saves a document atomically off the UI thread; returns where (as the user
/// named it), and the revision saved.
pub async fn save(
    document: Arc<Document>,
    path: PathBuf,
    revision: u64,
    saving: Saving,
) -> Result<(PathBuf, u64), FileError> {
    apart_or_lost(move || {
        let target = match saving {
            Saving::InPlace => document::link_target(&path)?,
            Saving::As => {
                output::check(&path, output::Kind::Document, &[], false)?;
                path.clone()
            }
        };
        document::save(&document, &target)?;
        Ok((path, revision))
    })
    .await
}

/// Writes the document, read from `source` if it has a file, as a workbook,
/// off the UI thread.
pub async fn export(
    document: Arc<Document>,
    path: PathBuf,
    source: Option<PathBuf>,
) -> Result<PathBuf, FileError> {
    apart_or_lost(move || {
        let inputs: Vec<&Path> = source.as_deref().into_iter().collect();
        output::check(&path, output::Kind::Workbook, &inputs, false)?;
        let bytes = workbook::export(&document)?;
        document::write_atomic(&path, &bytes)?;
        Ok(path)
    })
    .await
}

/// Whether a file of `kind` may be written at `path`: `Ok(true)` when a file
/// is there already (the user is asked first), a refusal when the path is the
/// document, a document under another kind, a link or a device.
pub async fn probe(
    path: PathBuf,
    kind: output::Kind,
    source: Option<PathBuf>,
) -> Result<bool, FileError> {
    apart_or_lost(move || {
        let inputs: Vec<&Path> = source.as_deref().into_iter().collect();
        output::check(&path, kind, &inputs, false)?;
        Ok(std::fs::symlink_metadata(&path).is_ok())
    })
    .await
}

/// Asks the desktop for a path, starting from `default` (its folder, and its
/// name for a file to write); `None` when cancelled or when no portal answers.
pub async fn pick(intent: Intent, default: PathBuf) -> Option<PathBuf> {
    // The dialog is another process, with a working folder of its own: a
    // relative path (`gridorg 西园.ron`) would name a folder of its own.
    let default = std::path::absolute(&default).unwrap_or(default);
    let mut dialog = rfd::AsyncFileDialog::new();
    let folder = match default.is_dir() {
        true => Some(default.as_path()),
        false => default.parent(),
    };
    if let Some(folder) = folder.filter(|f| f.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    let name = default
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (filter, extensions): (&str, &[&str]) = match intent {
        Intent::Open => ("gridorg 文档或工作簿", &["ron", "xlsx"]),
        Intent::SaveAs | Intent::Compare => ("gridorg 文档", &["ron"]),
        Intent::Export | Intent::StatisticsWorkbook => ("Excel 工作簿", &["xlsx"]),
        Intent::Chart | Intent::Roster | Intent::Statistics => ("PDF", &["pdf"]),
    };
    let dialog = dialog.add_filter(filter, extensions);
    let handle = match intent {
        Intent::Open | Intent::Compare => dialog.pick_file().await,
        _ => dialog.set_file_name(name).save_file().await,
    };
    handle.map(|h| h.path().to_path_buf())
}

/// How many recent files are kept.
pub const RECENT: usize = 8;

fn recent_file() -> Option<PathBuf> {
    store::data_folder().map(|d| d.join("recent.txt"))
}

/// The recent files, newest first, that still exist (an unreadable list is
/// an empty one: it is only a convenience).
pub fn recent() -> Vec<PathBuf> {
    let Some(text) = recent_file().and_then(|f| std::fs::read_to_string(f).ok()) else {
        return Vec::new();
    };
    text.lines()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .take(RECENT)
        .collect()
}

/// Writes the recent-files list off the UI thread.
pub async fn remember(list: Vec<PathBuf>) -> Result<(), FileError> {
    apart_or_lost(move || {
        let file = recent_file().ok_or(FileError::NoDataFolder)?;
        if let Some(folder) = file.parent() {
            output::create_private_folder(folder)?;
        }
        let text: String = list.iter().map(|p| format!("{}\n", p.display())).collect();
        Ok(document::write_atomic(&file, text.as_bytes())?)
    })
    .await
}

/// How long to wait for xdg-open to give up: it fails at once when no viewer
/// is set, while a viewer it runs itself may stay open for good.
const VIEWER_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens a file in the desktop's viewer, on a thread of its own (it waits a
/// moment for xdg-open to fail); Err says no viewer opened.
pub async fn show(path: PathBuf) -> Result<(), FileError> {
    let (sender, receiver) = iced::futures::channel::oneshot::channel();
    std::thread::spawn(move || {
        let exit = std::process::Command::new("xdg-open")
            .arg(&path)
            .spawn()
            .and_then(|mut child| wait_briefly(&mut child));
        let _ = sender.send(viewer_verdict(&path, exit));
    });
    receiver.await.unwrap_or(Err(FileError::Lost(
        "查看器启动中断 (viewer launch interrupted)",
    )))
}

/// The child's exit status if it ends within [`VIEWER_GRACE`], else None.
fn wait_briefly(
    child: &mut std::process::Child,
) -> std::io::Result<Option<std::process::ExitStatus>> {
    let until = std::time::Instant::now() + VIEWER_GRACE;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if std::time::Instant::now() >= until {
            return Ok(None);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Whether a viewer opened, from how xdg-open went: missing, or ended in
/// failure, means none did; still running means one is showing the file.
fn viewer_verdict(
    path: &Path,
    exit: std::io::Result<Option<std::process::ExitStatus>>,
) -> Result<(), FileError> {
    let why = match exit {
        Ok(None) => return Ok(()),
        Ok(Some(status)) if status.success() => return Ok(()),
        Ok(Some(status)) => format!("xdg-open {status}"),
        Err(e) => format!("xdg-open: {e}"),
    };
    Err(FileError::NoViewer {
        path: path.to_path_buf(),
        why,
    })
}

#[cfg(all(test, unix))]
mod viewer_tests {
    use crate::gui::io::viewer_verdict;
    use std::os::unix::process::ExitStatusExt;
    use std::path::Path;
    use std::process::ExitStatus;

    #[test]
    fn a_missing_or_failing_xdg_open_says_no_viewer_and_where_the_file_is() {
        let path = Path::new("/tmp/名册.pdf");
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        for exit in [Err(missing), Ok(Some(ExitStatus::from_raw(3 << 8)))] {
            let said = viewer_verdict(path, exit).unwrap_err().to_string();
            assert!(said.starts_with("没有可用的 PDF 查看器 (no viewer)：文件在 /tmp/名册.pdf"));
        }
        assert!(viewer_verdict(path, Ok(Some(ExitStatus::from_raw(0)))).is_ok());
        assert!(viewer_verdict(path, Ok(None)).is_ok(), "still showing it");
    }
}
