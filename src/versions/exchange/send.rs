//! Sending: a 数据包 of the document's branch, the saved document committed
//! first; a document not yet under version control gets it here.

use super::error::ExchangeError;
use std::path::{Path, PathBuf};

/// What [`start_versions`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    /// The repository's folder (the document's).
    pub top: PathBuf,
    /// The first commit, abbreviated.
    pub commit: String,
}

/// What [`send`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Version control was started for the document by this send.
    pub started: bool,
    /// The commit made of the saved document first, if it differed.
    pub committed: Option<String>,
    /// How many commits the 数据包 holds.
    pub commits: usize,
    /// Its size in bytes.
    pub bytes: u64,
    /// When the newest of them was made (`YYYY-MM-DD HH:MM`).
    pub latest: String,
}

/// Whether the document at `doc` lives in a git work tree.
pub fn is_versioned(doc: &Path) -> bool {
    crate::versions::git::locate(doc).is_ok()
}

/// 开始记录版本: the document's folder becomes a git repository, `git-setup`
/// is done there, and the document is committed as its first version, by
/// `office`.
pub fn start_versions(doc: &Path, office: &str) -> Result<Started, ExchangeError> {
    todo!("{doc:?} {office}")
}

/// The name a 数据包 of `doc` is given: `<文档>-<本单位>-<日期>.bundle`, the
/// date today's (`YYYYMMDD`).
pub fn bundle_name(doc: &Path, office: &str) -> String {
    todo!("{doc:?} {office}")
}

/// Writes a 数据包 of `doc` to `out` (owner-only, atomically), committing the
/// saved document first by `office` if it differs from the last commit, and
/// starting version control first if there is none.
pub fn send(doc: &Path, out: &Path, office: &str) -> Result<Sent, ExchangeError> {
    todo!("{doc:?} {out:?} {office}")
}
