//! The `.ron` document format: versions, migrations, validation and atomic saves.
//!
//! A file is a RON struct whose first field is `version`. The version is read
//! first; a newer one is refused, an older one is parsed with its frozen schema
//! (see [`v1`]) and migrated forward one version at a time. After parsing, the
//! document is validated (unique ids and codes, references that resolve, no
//! cycles), so a loaded [`Document`] is always structurally sound.

mod budget;
mod current;
mod error;
mod fast;
mod save;
mod syntax;
mod unfinished;
mod unread;
pub mod v1;
mod validate;
mod write;

pub use crate::format::{looks_like_document, version_of, CURRENT_VERSION};
pub use error::DocumentError;
pub use save::{write_atomic, write_with_backup, AtomicFile};
pub use unfinished::remove_unfinished;
pub use unread::Unread;
pub use validate::{validate, validate_with, ValidationError, ID_LIMIT};

use crate::model::Document;
use std::fs;
use std::path::Path;
use syntax::line_of_record;

/// Reads a document from a file.
pub fn load(path: &Path) -> Result<Document, DocumentError> {
    let shown = path.display().to_string();
    let bytes = crate::input::read(path).map_err(|e| DocumentError::Io {
        path: shown.clone(),
        action: "读取",
        reason: e.to_string(),
    })?;
    from_bytes(&bytes, &shown)
}

/// Parses a document from bytes; `origin` names the source in error messages.
pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Document, DocumentError> {
    if let Some((kind, hint)) = other_kind(bytes) {
        return Err(DocumentError::OtherKind {
            path: origin.to_string(),
            kind,
            hint,
        });
    }
    // simdutf8 checks a city's 98 MB several times faster than the standard
    // library; where it finds a fault, the standard library says where.
    let text = simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes));
    let text = text.map_err(|e| DocumentError::Encoding {
        path: origin.to_string(),
        line: bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1,
    })?;
    from_str(text, origin)
}

/// Parses a document from text; `origin` names the source in error messages.
pub fn from_str(text: &str, origin: &str) -> Result<Document, DocumentError> {
    let version = version_of(text).ok_or_else(|| DocumentError::MissingVersion {
        path: origin.to_string(),
    })?;
    let estimate = budget::estimate(text);
    if estimate > budget::BUDGET {
        return Err(DocumentError::TooLarge {
            path: origin.to_string(),
            estimate_mb: estimate >> 20,
            budget_mb: budget::BUDGET >> 20,
        });
    }
    let document = match version {
        1 => v1::parse(text, origin).map(v1::migrate)?,
        2 | CURRENT_VERSION => current::parse(text, origin)?,
        0 => {
            return Err(DocumentError::InvalidVersion {
                path: origin.to_string(),
                found: 0,
            })
        }
        found => {
            return Err(DocumentError::NewerVersion {
                path: origin.to_string(),
                found,
            })
        }
    };
    validate(&document).map_err(|e| DocumentError::Invalid {
        path: origin.to_string(),
        line: e.subject.map_or(0, |id| line_of_record(text, id.0)),
        message: e.message,
    })?;
    Ok(document)
}

/// Writes a document as text in the current version.
pub fn to_string(document: &Document) -> String {
    current::write(document)
}

/// Saves atomically: the text goes to a temporary file in the same folder, which
/// is synced, made owner-only and renamed over the target; the file that was
/// there is kept as [`crate::output::backup_path`] (`NAME.bak`); then the folder is synced. A
/// crash leaves either the old file or the new one, never a fragment; a failure
/// (full disk, read-only folder …) leaves the old file as it was.
pub fn save(document: &Document, path: &Path) -> Result<(), DocumentError> {
    save::write_with_backup(path, to_string(document).as_bytes())
}

/// Where saving a document the user opened at `path` writes: the path itself,
/// or, where the path is a symbolic link, the file it leads to (the one link
/// followed on purpose, as editors do).
pub fn link_target(path: &Path) -> Result<std::path::PathBuf, DocumentError> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_path_buf());
    }
    fs::canonicalize(path).map_err(|e| DocumentError::Io {
        path: path.display().to_string(),
        action: "解析链接",
        reason: e.to_string(),
    })
}

/// Recognizes a file of another kind by its first bytes: what it is, and what
/// to do with it.
fn other_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const OLE2: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(OLE2) {
        Some((
            "旧版 Excel 97-2003 工作簿或其他 Office 旧格式文件 (old .xls format)",
            "：请在 Excel 或 WPS 中另存为 .xlsx 后再导入",
        ))
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some((
            "压缩包或 Excel 工作簿 (zip / xlsx)",
            "：工作簿请以 .xlsx 为扩展名，用 gridorg import 导入",
        ))
    } else if bytes.starts_with(b"%PDF") {
        Some(("PDF 文件 (pdf)", ""))
    } else {
        None
    }
}
