//! Why a document could not be read or written.

use crate::format::CURRENT_VERSION;

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
