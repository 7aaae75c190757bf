//! The recovery journal: every edit the editor makes is appended to a log as it
//! is made, so that after the process is killed (or the power cut) the next start
//! can offer to restore every edit made since the last save.
//!
//! Where it lives: beside a saved document as `.NAME.journal` (`街道.ron` →
//! `.街道.ron.journal`); for a document never saved (the bundled sample, a new
//! one, an imported workbook) as `unsaved.journal` in the data folder
//! ([`crate::store::data_folder`]:
//! `$GRIDORG_DATA_DIR`, else `$XDG_DATA_HOME/gridorg`, else
//! `~/.local/share/gridorg`, `%APPDATA%\gridorg` on Windows).
//!
//! The file is text, one record a line: `CRC32 LENGTH JSON`, the checksum and
//! byte length of the JSON that follows. The first record is a [`Header`] with a
//! fingerprint of the document the edits start from (and, for an unsaved
//! document, that document itself); each further record is one [`Entry`]. A line
//! cut short by a kill fails its check and is ignored, with everything after it.
//! Each record is written with one `write` call and synced (`sync_data`), so an
//! edit is on disk before the editor goes on. A record that cannot be written
//! is kept and written with the next one, so the journal never skips a step.
//!
//! How the editor uses it:
//!
//! ```no_run
//! use gridorg::edit::{Command, History};
//! use gridorg::journal::{self, Entry, Journal};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let path = std::path::Path::new("街道.ron");
//! let mut document = gridorg::document::load(path)?;
//! let mut history = History::new();
//! // On opening: offer what a killed session left, else journal afresh.
//! let mut journal = match journal::pending(Some(path), &document) {
//!     Some(recovery) => {
//!         // … the user chose to restore (else: recovery.discard()?, then start):
//!         let replayed = match recovery.replay(&mut document, &mut history) {
//!             Ok(n) => n,
//!             Err(stopped) => stopped.applied, // tell the user what stopped it
//!         };
//!         recovery.resume(replayed)?
//!     }
//!     None => Journal::start(Some(path), &document)?,
//! };
//! // Each edit, undo and redo, once the history has applied it:
//! let command = Command::SetTitle("新标题".into());
//! history.apply(&mut document, &command)?;
//! journal.record(&Entry::Apply(command))?;
//! // After saving: the saved document is the new base.
//! gridorg::document::save(&document, path)?;
//! journal.saved(Some(path), &document)?;
//! // Closing without keeping the changes:
//! journal.discard()?;
//! # Ok(()) }
//! ```

use crate::document;
use crate::edit::{Command, History};
use crate::model::Document;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

/// The journal format's version, written in every header.
const FORMAT: u32 = 1;

/// The name of the journal of an unsaved document, in the data folder.
const UNSAVED: &str = "unsaved.journal";

/// One journaled step, in the order the editor took them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Entry {
    /// A command applied through the history.
    Apply(Command),
    /// The last command undone.
    Undo,
    /// The last undone command redone.
    Redo,
    /// Written by the journal itself before a command that created a record:
    /// the id the record got, which replaying hands out again (later steps
    /// refer to it, and ids come from the installation, not the document).
    Created(crate::model::Id),
}

/// What a journal starts from, written as its first record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Header {
    /// The journal format's version.
    format: u32,
    /// The document's path as the editor named it (for the user; not checked).
    document: Option<String>,
    /// The base document's fingerprint.
    base: Fingerprint,
    /// The base document's text, for a document that is not on disk.
    base_text: Option<String>,
}

/// Identifies a document's content: the length and CRC-32 of its text as saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Fingerprint {
    len: u64,
    crc: u32,
}

impl Fingerprint {
    fn of_text(text: &str) -> Self {
        Fingerprint {
            len: text.len() as u64,
            crc: crc32fast::hash(text.as_bytes()),
        }
    }
}

/// Why the journal could not be written, read or removed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JournalError {
    /// The journal file could not be created, written or removed.
    #[error("{path}: 无法写入恢复日志 (journal io error): {reason}；此后的编辑在程序意外退出时无法恢复，请尽快保存")]
    Io {
        /// The journal file.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// No folder for the journal of an unsaved document could be found.
    #[error("找不到存放恢复日志的文件夹 (no data folder)：请设置 GRIDORG_DATA_DIR 或 HOME；此后的编辑在程序意外退出时无法恢复，请尽快保存")]
    NoDataFolder,
}

/// Why restoring stopped before the end of the journal.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("恢复在第 {number} 步停止 (replay stopped)：{reason}；之前的 {applied} 步已恢复，可撤销")]
pub struct ReplayError {
    /// 1-based number of the entry that could not be replayed.
    pub number: usize,
    /// How many entries were replayed before it.
    pub applied: usize,
    /// Why it was refused.
    pub reason: String,
}

/// The journal being written for the open document.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    header: String,
    /// Open once the first entry is written: no file appears until there is
    /// something to recover.
    file: Option<File>,
    /// Bytes known good, to cut back to after a failed write.
    len: u64,
    /// Records whose write failed, written with the next one.
    unwritten: String,
    /// A failed write could not be cut off: nothing more can be added.
    broken: bool,
}

impl Journal {
    /// Begins a fresh journal for a document just opened or saved, removing any
    /// old journal at its place. `base` is the document as it is on disk (or, for
    /// `document_path` None, as the editor opened it).
    ///
    /// Costs about as much as saving `base` (its text is fingerprinted): for a
    /// city-sized document, call it off the UI thread.
    pub fn start(document_path: Option<&Path>, base: &Document) -> Result<Journal, JournalError> {
        let path = journal_path(document_path)?;
        let text = document::to_string(base);
        let header = Header {
            format: FORMAT,
            document: document_path.map(|p| p.display().to_string()),
            base: Fingerprint::of_text(&text),
            base_text: document_path.is_none().then_some(text),
        };
        remove(&path)?;
        Ok(Journal {
            path,
            header: line(&header),
            file: None,
            len: 0,
            unwritten: String::new(),
            broken: false,
        })
    }

    /// Appends one entry and syncs it to disk. Call it after the history applied,
    /// undid or redid the step (never for a refused command).
    ///
    /// When the write fails, the entry is kept and goes out with the next one,
    /// in order: once the journal can be written again, it holds every step,
    /// those taken meanwhile too.
    pub fn record(&mut self, entry: &Entry) -> Result<(), JournalError> {
        if self.broken {
            return Err(self.io_error(&io::Error::other("恢复日志已停止记录 (journal stopped)")));
        }
        if matches!(entry, Entry::Apply(_)) {
            if let Some(id) = crate::model::ids::take_created() {
                self.unwritten.push_str(&line(&Entry::Created(id)));
            }
        }
        self.unwritten.push_str(&line(entry));
        self.write_unwritten().map_err(|e| self.io_error(&e))
    }

    /// Writes the records not yet on disk (after the header, in a new file)
    /// with one `write` call, and syncs them.
    fn write_unwritten(&mut self) -> io::Result<()> {
        if self.file.is_none() {
            self.file = Some(self.create()?);
        }
        let header = if self.len == 0 {
            self.header.as_str()
        } else {
            ""
        };
        let bytes = format!("{header}{}", self.unwritten);
        let file = self.file.as_mut().expect("opened above");
        match file
            .write_all(bytes.as_bytes())
            .and_then(|()| file.sync_data())
        {
            Ok(()) => {
                self.len += bytes.len() as u64;
                self.unwritten.clear();
                Ok(())
            }
            Err(e) => {
                // Cut a partly written record off, so later ones still read; if
                // not even the header was written, the next entry starts anew.
                let cut = file
                    .set_len(self.len)
                    .and_then(|()| file.seek(io::SeekFrom::Start(self.len)));
                if self.len == 0 {
                    self.file = None;
                } else if cut.is_err() {
                    // Entries written later would follow a damaged record and be
                    // ignored when read: better to say so on every edit.
                    self.broken = true;
                }
                Err(e)
            }
        }
    }

    /// After a save (or save as) of `document` to `document_path`: the journal
    /// starts afresh from it, and the old journal (at the old place too) is removed.
    pub fn saved(
        &mut self,
        document_path: Option<&Path>,
        document: &Document,
    ) -> Result<(), JournalError> {
        // Closed first: a file still open cannot be removed everywhere. Until
        // the fresh start succeeds, nothing more may be written to the old
        // journal, whose base is no longer the document on disk.
        self.file = None;
        self.broken = true;
        let old_path = self.path.clone();
        *self = Journal::start(document_path, document)?;
        if old_path != self.path {
            remove(&old_path)?;
        }
        Ok(())
    }

    /// Removes the journal: the user closed the document without keeping the
    /// changes, or declined to restore them.
    pub fn discard(self) -> Result<(), JournalError> {
        drop(self.file);
        remove(&self.path)
    }

    /// Where the journal is written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn create(&self) -> io::Result<File> {
        let file = crate::output::create_private(&self.path)?;
        // The new name must survive a power cut too. A journal named by a
        // bare file name (`gridorg 西园.ron`) is in the working folder.
        crate::output::sync_folder(crate::output::folder_of(&self.path))?;
        Ok(file)
    }

    fn io_error(&self, e: &io::Error) -> JournalError {
        JournalError::Io {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        }
    }
}

/// Edits left by a session that ended without saving them.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// The steps, in order.
    pub entries: Vec<Entry>,
    /// Whether a last record cut short (the process was killed while writing
    /// it) was ignored.
    pub torn: bool,
    /// The byte offset where the header and each entry end.
    ends: Vec<u64>,
    path: PathBuf,
    /// The document the steps start from, when it is not on disk.
    base: Option<Document>,
}

impl Recovery {
    /// How many edits (commands applied, not counting undo and redo) the journal holds.
    pub fn edits(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e, Entry::Apply(_)))
            .count()
    }

    /// Replays every entry through `history`, so the user can undo them one by
    /// one; returns how many were replayed. For an unsaved document, `document`
    /// is first replaced by the document the journal started from. Stops at the
    /// first entry that is refused: those before it stay applied.
    pub fn replay(
        &self,
        document: &mut Document,
        history: &mut History,
    ) -> Result<usize, ReplayError> {
        if let Some(base) = &self.base {
            *document = base.clone();
        }
        for (i, entry) in self.entries.iter().enumerate() {
            let refused = |reason: String| ReplayError {
                number: i + 1,
                applied: i,
                reason,
            };
            match entry {
                Entry::Apply(command) => {
                    history
                        .apply(document, command)
                        .map_err(|e| refused(e.message))?;
                }
                Entry::Undo => {
                    history
                        .undo(document)
                        .ok_or_else(|| refused("没有可撤销的编辑 (nothing to undo)".into()))?;
                }
                Entry::Redo => {
                    history
                        .redo(document)
                        .ok_or_else(|| refused("没有可重做的编辑 (nothing to redo)".into()))?;
                }
                Entry::Created(id) => document.ids = crate::model::ids::Cursor::run(*id, 1),
            }
        }
        Ok(self.entries.len())
    }

    /// Goes on writing this journal after the first `replayed` entries were
    /// replayed (what [`Recovery::replay`] returned, or [`ReplayError::applied`]):
    /// the entries after them, and any torn record, are cut off, so the journal
    /// again describes the document in the editor.
    pub fn resume(self, replayed: usize) -> Result<Journal, JournalError> {
        let len = self.ends[replayed.min(self.entries.len())];
        let io_error = |e: io::Error| JournalError::Io {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        };
        let mut file = crate::output::open_regular(&self.path, true).map_err(io_error)?;
        file.set_len(len)
            .and_then(|()| file.sync_data())
            .map_err(io_error)?;
        file.seek(io::SeekFrom::End(0)).map_err(io_error)?;
        Ok(Journal {
            path: self.path,
            header: String::new(),
            file: Some(file),
            len,
            unwritten: String::new(),
            broken: false,
        })
    }

    /// Removes the journal: the user declined to restore it.
    pub fn discard(self) -> Result<(), JournalError> {
        remove(&self.path)
    }
}

/// On opening a document: the edits a killed session left for it, if its journal
/// starts from this very `base` and holds at least one entry. For an unsaved
/// document (`document_path` None) any journal in the data folder is offered,
/// with the document it started from (see [`Recovery::replay`]).
pub fn pending(document_path: Option<&Path>, base: &Document) -> Option<Recovery> {
    let path = journal_path(document_path).ok()?;
    let mut bytes = Vec::new();
    crate::output::open_regular(&path, false)
        .and_then(|mut f| io::Read::read_to_end(&mut f, &mut bytes))
        .ok()?;
    let read = read(&bytes)?;
    if read.header.format != FORMAT || read.entries.is_empty() {
        return None;
    }
    let base = match (document_path, read.header.base_text) {
        (None, Some(text)) => Some(document::from_str(&text, &path.display().to_string()).ok()?),
        (Some(_), None) if Fingerprint::of_text(&document::to_string(base)) == read.header.base => {
            None
        }
        _ => return None,
    };
    Some(Recovery {
        entries: read.entries,
        torn: read.torn,
        ends: read.ends,
        path,
        base,
    })
}

/// Where the journal of the document at `document_path` (or of the unsaved
/// document) is kept.
pub fn journal_path(document_path: Option<&Path>) -> Result<PathBuf, JournalError> {
    match document_path {
        Some(path) => {
            let mut name = std::ffi::OsString::from(".");
            name.push(path.file_name().unwrap_or_default());
            name.push(".journal");
            Ok(path.with_file_name(name))
        }
        None => crate::store::data_folder()
            .map(|folder| folder.join(UNSAVED))
            .ok_or(JournalError::NoDataFolder),
    }
}

fn remove(path: &Path) -> Result<(), JournalError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(JournalError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        }),
        _ => Ok(()),
    }
}

/// One record as a line: checksum, length, JSON.
fn line<T: Serialize>(record: &T) -> String {
    let json = serde_json::to_string(record).expect("journal records are plain data");
    format!(
        "{:08x} {} {json}\n",
        crc32fast::hash(json.as_bytes()),
        json.len()
    )
}

/// A journal as read.
struct Read {
    header: Header,
    entries: Vec<Entry>,
    /// The byte offset where the header and each entry end.
    ends: Vec<u64>,
    /// Whether a bad record (and all after it) was ignored.
    torn: bool,
}

/// Reads a journal; None if even the header is unreadable.
fn read(bytes: &[u8]) -> Option<Read> {
    let mut records = bytes.split_inclusive(|&b| b == b'\n');
    let first = records.next()?;
    let mut read = Read {
        header: parse(first)?,
        entries: Vec::new(),
        ends: vec![first.len() as u64],
        torn: false,
    };
    let mut end = first.len() as u64;
    for record in records {
        let Some(entry) = parse(record) else {
            read.torn = true;
            break;
        };
        end += record.len() as u64;
        read.entries.push(entry);
        read.ends.push(end);
    }
    Some(read)
}

/// A record checked against its checksum and length; None if it is cut short,
/// damaged or not what was expected.
fn parse<T: for<'de> Deserialize<'de>>(record: &[u8]) -> Option<T> {
    let record = record.strip_suffix(b"\n")?;
    let text = std::str::from_utf8(record).ok()?;
    let (crc, rest) = text.split_once(' ')?;
    let (len, json) = rest.split_once(' ')?;
    let crc = u32::from_str_radix(crc, 16).ok()?;
    let len: usize = len.parse().ok()?;
    if json.len() != len || crc32fast::hash(json.as_bytes()) != crc {
        return None;
    }
    serde_json::from_str(json).ok()
}
