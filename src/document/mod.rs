//! The `.ron` document format: versions, migrations, validation and atomic saves.
//!
//! A file is a RON struct whose first field is `version`. The version is read
//! first; a newer one is refused, an older one is parsed with its frozen schema
//! (see [`v1`]) and migrated forward one version at a time. After parsing, the
//! document is validated (unique ids and codes, references that resolve, no
//! cycles), so a loaded [`Document`] is always structurally sound.

mod budget;
mod current;
mod fast;
mod save;
mod unread;
pub mod v1;
mod validate;
mod write;

pub use crate::output::backup_path;
pub use save::{write_atomic, write_with_backup};
pub use unread::Unread;
pub use validate::{validate, validate_with, ValidationError, ID_LIMIT};

use crate::model::Document;
use std::fs;
use std::path::Path;

/// The version this program writes.
pub const CURRENT_VERSION: u32 = 3;

/// Why a document could not be read or written.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum DocumentError {
    /// The file could not be read or written at all.
    #[error("{path}: 无法{action}文件 (io error): {reason}")]
    Io {
        /// The file.
        path: String,
        /// 读取 or 写入.
        action: &'static str,
        /// The operating system's reason.
        reason: String,
    },
    /// The text is not valid UTF-8.
    #[error("{path}: 文件不是 UTF-8 文本 (invalid utf-8)，位于第 {line} 行")]
    Encoding {
        /// The file.
        path: String,
        /// Line of the first bad byte.
        line: usize,
    },
    /// No `version` field at the start of the file.
    #[error("{path}: 找不到版本号 (missing version)：文件应以 `(version: {CURRENT_VERSION}, …` 开头，这不是 gridorg 文档")]
    MissingVersion {
        /// The file.
        path: String,
    },
    /// A version no gridorg ever wrote (below 1).
    #[error("{path}: 文件版本 {found} 无效 (invalid version)：gridorg 文档的版本从 1 开始，本程序读取版本 1 至 {CURRENT_VERSION}")]
    InvalidVersion {
        /// The file.
        path: String,
        /// The version found.
        found: u32,
    },
    /// A file of another kind, recognized by its first bytes.
    #[error("{path}: 这是{kind}，不是 gridorg 文档 (not a document){hint}")]
    OtherKind {
        /// The file.
        path: String,
        /// What the file is.
        kind: &'static str,
        /// What to do instead.
        hint: &'static str,
    },
    /// Written by a newer gridorg.
    #[error("{path}: 文件版本 {found} 比本程序支持的版本 {CURRENT_VERSION} 新 (unsupported version)：请升级 gridorg 后再打开")]
    NewerVersion {
        /// The file.
        path: String,
        /// The version found.
        found: u32,
    },
    /// The text does not follow the format.
    #[error("{path}:{line}:{column}: 格式错误 (syntax error): {message}")]
    Syntax {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A file could not be saved; what is on disk is described by `outcome`.
    #[error("{path}: 无法保存 (save failed): {problem}；{outcome}")]
    Save {
        /// The file.
        path: String,
        /// Which step failed and why, naming the folder where it is at fault.
        problem: String,
        /// What is on disk now: the old file intact, nothing written, or (only
        /// when the folder could not be synced) the new file.
        outcome: &'static str,
    },
    /// The path may not be written: a link, a device, a folder, or the like.
    #[error(transparent)]
    Refused(#[from] crate::output::Refusal),
    /// The text would take more memory than a document may once read.
    #[error("{path}: 文件过大 (file too large)：读入约需 {estimate_mb} MB 内存，超过上限 {budget_mb} MB（记录或列表项过多），这不是 gridorg 写出的文档规模")]
    TooLarge {
        /// The file.
        path: String,
        /// The estimate, in MB.
        estimate_mb: u64,
        /// The budget, in MB.
        budget_mb: u64,
    },
    /// The text parses but the content is inconsistent.
    #[error("{path}:{line}: 内容错误 (invalid document): {message}")]
    Invalid {
        /// The file.
        path: String,
        /// 1-based line of the offending record (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

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
    let text = std::str::from_utf8(bytes).map_err(|e| DocumentError::Encoding {
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
    let version = probe_version(text).ok_or_else(|| DocumentError::MissingVersion {
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
/// there is kept as [`backup_path`] (`NAME.bak`); then the folder is synced. A
/// crash leaves either the old file or the new one, never a fragment; a failure
/// (full disk, read-only folder …) leaves the old file as it was.
pub fn save(document: &Document, path: &Path) -> Result<(), DocumentError> {
    save::write_with_backup(path, to_string(document).as_bytes())
}

/// Whether text (the start of a file is enough) is a gridorg document: it opens
/// with a `version` field, whatever the version.
pub fn looks_like_document(text: &str) -> bool {
    probe_version(text).is_some()
}

/// The version a document's text says it is in (its first field), if any.
pub fn version_of(text: &str) -> Option<u32> {
    probe_version(text)
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

/// Finds `version: N` as the first field of the top-level struct, skipping the
/// `#![enable(...)]` header, comments and white space.
fn probe_version(text: &str) -> Option<u32> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if rest.starts_with("#![") || rest.starts_with("//") {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let rest = rest.strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("version")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The 1-based line on which the record with this id starts (`(id: N, …`,
/// wherever on its line the record stands), or 0 if not found.
fn line_of_record(text: &str, id: u64) -> usize {
    let number = id.to_string();
    let starts = text.match_indices("id").filter_map(|(at, _)| {
        let before = text[..at].trim_end();
        let after = text[at + 2..].trim_start().strip_prefix(':')?.trim_start();
        let rest = after.strip_prefix(number.as_str())?;
        let whole = !rest.starts_with(|c: char| c.is_ascii_digit());
        (before.ends_with('(') && whole).then_some(at)
    });
    starts.min().map_or(0, |at| {
        text.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
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

/// Turns a RON error into a [`DocumentError::Syntax`] with a Chinese explanation.
fn syntax_error(error: ron::error::SpannedError, origin: &str) -> DocumentError {
    let hint = match &error.code {
        ron::Error::Eof => "文件意外结束，可能被截断 (unexpected end of file)",
        ron::Error::NoSuchEnumVariant { .. } => "取值不在允许的范围内 (unknown variant)",
        ron::Error::MissingStructField { .. } => "缺少必填字段 (missing field)",
        ron::Error::NoSuchStructField { .. } => "未知字段 (unknown field)",
        ron::Error::DuplicateStructField { .. } => "字段重复 (duplicate field)",
        ron::Error::ExceededRecursionLimit => "嵌套过深 (recursion limit exceeded)",
        _ => "不符合文档格式 (unexpected input)",
    };
    DocumentError::Syntax {
        path: origin.to_string(),
        line: error.position.line,
        column: error.position.col,
        message: format!("{hint}: {}", error.code),
    }
}

/// The comment line written under the extensions line of every file.
const HEADER: &str = "// gridorg 党建网格文档 (document); 格式说明见 README.md「文档格式」";

/// RON options shared by every version: optional fields may be written without
/// `Some(…)` (as the writer does), and a recursion limit guards against hostile nesting.
fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}
