//! Files for the window: reading and writing off the UI thread, and the file
//! dialogs (through the desktop portal; where none answers, the path typed in
//! the toolbar's path box is used instead).

use crate::journal::{self, Journal, Recovery};
use crate::model::Document;
use crate::{document, output, workbook};
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

/// How the edits of an opened document are journaled.
#[derive(Debug)]
pub enum Journaling {
    /// A fresh journal.
    Fresh(Journal),
    /// A killed session left edits for this document: ask before journaling.
    Pending(Box<Recovery>),
    /// No journal could be written: why.
    Off(String),
}

/// Finds what a killed session left for `document` at `path` (None: an
/// unsaved document), or starts a fresh journal.
pub fn journaling(path: Option<&Path>, document: &Document) -> Journaling {
    match journal::pending(path, document) {
        Some(recovery) => Journaling::Pending(Box::new(recovery)),
        None => fresh(path, document),
    }
}

fn fresh(path: Option<&Path>, document: &Document) -> Journaling {
    match Journal::start(path, document) {
        Ok(journal) => Journaling::Fresh(journal),
        Err(e) => Journaling::Off(e.to_string()),
    }
}

/// [`journaling`] off the UI thread.
pub async fn journaling_apart(path: Option<PathBuf>, document: Arc<Document>) -> Once<Journaling> {
    Once::new(journaling(path.as_deref(), &document))
}

/// Starts a fresh journal off the UI thread (it fingerprints the document).
/// The journal kept so far, if any, is ended with it: after a save, even to
/// another name, nothing of it is left to be offered again.
pub async fn start_journal(
    path: Option<PathBuf>,
    base: Arc<Document>,
    old: Option<Journal>,
) -> Once<Journaling> {
    Once::new(match old {
        Some(mut journal) => match journal.saved(path.as_deref(), &base) {
            Ok(()) => Journaling::Fresh(journal),
            Err(e) => Journaling::Off(e.to_string()),
        },
        None => fresh(path.as_deref(), &base),
    })
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

/// Reads a document, or imports a workbook or CSV folder.
pub async fn open(path: PathBuf) -> Result<Opened, String> {
    if workbook::is_workbook(&path) {
        let imported = workbook::import(&path).map_err(|e| e.to_string())?;
        return Ok(Opened {
            notice: format!(
                "已从工作簿导入 {}（{} 条提示）：请用“另存为…”保存为文档",
                path.display(),
                imported.notices.len()
            ),
            document: imported.document,
            path: None,
        });
    }
    let document = document::load(&path).map_err(|e| e.to_string())?;
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

/// Saves a document atomically; returns where (as the user named it), and the
/// revision saved.
pub async fn save(
    document: std::sync::Arc<Document>,
    path: PathBuf,
    revision: u64,
    saving: Saving,
) -> Result<(PathBuf, u64), String> {
    let target = match saving {
        Saving::InPlace => document::link_target(&path).map_err(|e| e.to_string())?,
        Saving::As => {
            output::check(&path, output::Kind::Document, &[], false).map_err(|e| e.to_string())?;
            path.clone()
        }
    };
    document::save(&document, &target).map_err(|e| e.to_string())?;
    Ok((path, revision))
}

/// Writes the document, read from `source` if it has a file, as a workbook.
pub async fn export(
    document: std::sync::Arc<Document>,
    path: PathBuf,
    source: Option<PathBuf>,
) -> Result<PathBuf, String> {
    let inputs: Vec<&Path> = source.as_deref().into_iter().collect();
    output::check(&path, output::Kind::Workbook, &inputs, false).map_err(|e| e.to_string())?;
    let bytes = workbook::export(&document).map_err(|e| e.to_string())?;
    document::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
    Ok(path)
}

/// Asks the desktop for a path; `None` when cancelled or when no portal answers.
pub async fn pick(intent: Intent) -> Option<PathBuf> {
    let dialog = rfd::AsyncFileDialog::new();
    let save = |filter: &str, extension: &str, name: &str| {
        rfd::AsyncFileDialog::new()
            .add_filter(filter, &[extension])
            .set_file_name(name)
            .save_file()
    };
    let handle = match intent {
        Intent::Open => {
            dialog
                .add_filter("gridorg 文档或工作簿", &["ron", "xlsx"])
                .pick_file()
                .await
        }
        Intent::SaveAs => save("gridorg 文档", "ron", "党建网格.ron").await,
        Intent::Export => save("Excel 工作簿", "xlsx", "党建网格.xlsx").await,
        Intent::Chart => save("PDF", "pdf", "组织架构图.pdf").await,
        Intent::Roster => save("PDF", "pdf", "党员花名册.pdf").await,
    };
    handle.map(|h| h.path().to_path_buf())
}

/// What to print, chosen in the window.
#[derive(Debug, Clone)]
pub struct Print {
    /// Chart or roster.
    pub intent: Intent,
    /// The unit whose subtree is printed (the whole document when `None`).
    pub unit: Option<String>,
    /// Paper for a chart.
    pub paper: crate::pdf::Paper,
    /// ID and phone numbers whole on a roster.
    pub unmasked: bool,
}

/// How far a printout has got.
#[derive(Debug, Clone)]
pub enum Printing {
    /// Step `n` of [`PRINT_STEPS`] has begun: what it does.
    Step(u8, &'static str),
    /// Finished: the file and a summary, or why not.
    Done(Result<(PathBuf, String), String>),
}

/// The steps of a printout.
pub const PRINT_STEPS: u8 = 2;

/// Makes a chart or roster and writes it on a thread of its own, telling
/// each step as it begins, then the outcome.
pub fn print(
    document: std::sync::Arc<Document>,
    print: Print,
    path: PathBuf,
    source: Option<PathBuf>,
) -> impl iced::futures::Stream<Item = Printing> {
    let (sender, receiver) = iced::futures::channel::mpsc::unbounded();
    std::thread::spawn(move || {
        let step = |n, what| {
            let _ = sender.unbounded_send(Printing::Step(n, what));
        };
        let inputs: Vec<&Path> = source.as_deref().into_iter().collect();
        let done = output::check(&path, output::Kind::Pdf, &inputs, false)
            .map_err(|e| e.to_string())
            .and_then(|()| print_now(&document, print, &path, step));
        let _ = sender.unbounded_send(Printing::Done(done));
    });
    receiver
}

fn print_now(
    document: &Document,
    print: Print,
    path: &std::path::Path,
    step: impl Fn(u8, &'static str),
) -> Result<(PathBuf, String), String> {
    use crate::pdf::chart::{chart, ChartOptions};
    use crate::pdf::roster::{roster, RosterKind, RosterOptions};
    let today = chrono::Local::now().date_naive();
    let font = crate::pdf::FontSource::default();
    step(1, "排版并生成页面");
    let (bytes, summary) = if print.intent == Intent::Chart {
        let options = ChartOptions {
            root: print.unit,
            depth: None,
            paper: print.paper,
            landscape: true,
            today,
            font,
        };
        let made = chart(document, &options).map_err(|e| e.to_string())?;
        let summary = format!("组织图 {} 页", made.sheets.0 * made.sheets.1);
        (made.bytes, summary)
    } else {
        let options = RosterOptions {
            unit: print.unit,
            kind: RosterKind::Members,
            unmasked: print.unmasked,
            today,
            font,
        };
        let made = roster(document, &options).map_err(|e| e.to_string())?;
        (made.bytes, format!("花名册 {} 页", made.pages))
    };
    step(2, "写入文件");
    crate::pdf::save(&bytes, path).map_err(|e| e.to_string())?;
    Ok((path.to_path_buf(), summary))
}

/// How many recent files are kept.
pub const RECENT: usize = 8;

fn recent_file() -> Option<PathBuf> {
    journal::data_folder().map(|d| d.join("recent.txt"))
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

/// Writes the recent-files list.
pub async fn remember(list: Vec<PathBuf>) -> Result<(), String> {
    let file = recent_file().ok_or("找不到用户数据目录 (no data folder)")?;
    if let Some(folder) = file.parent() {
        output::create_private_folder(folder).map_err(|e| e.to_string())?;
    }
    let text: String = list.iter().map(|p| format!("{}\n", p.display())).collect();
    document::write_atomic(&file, text.as_bytes()).map_err(|e| e.to_string())
}

/// Opens a file in the desktop's viewer.
pub fn show(path: &std::path::Path) -> Result<(), String> {
    std::process::Command::new("xdg-open")
        .arg(path)
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("无法打开查看器 (xdg-open): {e}"))
}
