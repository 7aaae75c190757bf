//! Why an exchange was refused or failed; whatever it is, the document and
//! its repository are as they were.

use crate::versions::git::GitError;

/// Why an exchange did not happen.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExchangeError {
    /// No office named: commits need one.
    #[error("尚未设置本单位 (no office)：请先设置本单位名称（命令行加 --office 名称；窗口中：数据包 → 本单位…）")]
    NoOffice,
    /// The document is not under version control (and the operation does
    /// not start it).
    #[error("{0}: 尚未记录版本 (not under version control)：请先发送一次数据包或在窗口中选「开始记录版本」")]
    NotVersioned(String),
    /// The file given is not a git bundle.
    #[error("{path}: 不是数据包 (not a bundle)：{reason}")]
    NotABundle {
        /// The file.
        path: String,
        /// What was found.
        reason: String,
    },
    /// A bundle whose contents do not check out.
    #[error("{path}: 数据包已损坏或不完整 (damaged bundle)：{reason}")]
    Damaged {
        /// The file.
        path: String,
        /// What git said.
        reason: String,
    },
    /// The bundle holds no version of this document.
    #[error("{path}: 数据包中没有 {document} (not in bundle)")]
    Missing {
        /// The bundle.
        path: String,
        /// The document's path in the repository.
        document: String,
    },
    /// The bundle holds another structure.
    #[error("{path}: 数据包里是另一个结构 (unrelated documents)：{reason}")]
    OtherStructure {
        /// The bundle or remote.
        path: String,
        /// Why they are not versions of one structure.
        reason: String,
    },
    /// The bundle's history and the document's share no commit.
    #[error("{path}: 数据包与本文档没有共同的历史 (no common history)：它不是从本文档的某个版本发展来的")]
    NoCommonHistory {
        /// The bundle or remote.
        path: String,
    },
    /// The merge could not be made (this office's document does not read,
    /// a file the merge would touch has changes not committed …).
    #[error("{path}: 无法合并 (merge failed)，文档与仓库都未改动：{reason}")]
    Unmergeable {
        /// The document.
        path: String,
        /// What stopped it.
        reason: String,
    },
    /// A received merge still waits to be settled.
    #[error(
        "{0}: 上次接收的合并尚未完成 (merge pending)：请先在窗口中解决冲突后「完成」，或「放弃」"
    )]
    MergePending(String),
    /// Conflicts remain, so the merge cannot be committed yet.
    #[error("{document}: 还有 {count} 处合并冲突未解决 (unresolved conflicts)")]
    Unresolved {
        /// The document.
        document: String,
        /// How many.
        count: usize,
    },
    /// No received merge waits to be settled.
    #[error("{0}: 没有待完成的合并 (no merge pending)")]
    NothingPending(String),
    /// The shared repository could not be reached.
    #[error("无法连接共享仓库 {remote} (offline)，未做任何改动：{reason}")]
    Offline {
        /// The shared repository.
        remote: String,
        /// What git said.
        reason: String,
    },
    /// No shared repository is set.
    #[error(
        "尚未设置共享仓库 (no remote)：请用 --remote 指定一个文件夹或网址（记住后下次不必再写）"
    )]
    NoRemote,
    /// The shared repository moved on while we merged: sync again.
    #[error("共享仓库在同步期间有了新的版本 (push rejected)，本地合并已保留：请再同步一次")]
    PushRejected,
    /// A file could not be read or written.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The document could not be read.
    #[error(transparent)]
    Document(#[from] crate::document::DocumentError),
    /// The 数据包 may not be written there.
    #[error(transparent)]
    Output(#[from] crate::output::Refusal),
    /// git failed.
    #[error(transparent)]
    Git(#[from] GitError),
}

impl ExchangeError {
    /// A file that could not be read or written, and why.
    pub fn io(path: &std::path::Path, reason: impl std::fmt::Display) -> ExchangeError {
        ExchangeError::Io {
            path: path.display().to_string(),
            reason: reason.to_string(),
        }
    }

    /// A worker thread of the exchange that stopped (a panic) for `path`.
    pub fn thread(path: &std::path::Path) -> ExchangeError {
        ExchangeError::io(path, "thread")
    }
}
