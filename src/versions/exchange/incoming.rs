//! What a 数据包 brings, looked at without changing anything.

use super::error::ExchangeError;
use crate::versions::diff::Summary;
use std::path::Path;

/// What a 数据包 (or a shared repository) brings to a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The sender's office: the author of its newest commit.
    pub from: String,
    /// When that commit was made (`YYYY-MM-DD HH:MM`).
    pub when: String,
    /// How many commits it brings that the document's repository lacks; 0
    /// when it was received already.
    pub commits: usize,
    /// The changes it brings, by kind: from the version both sides share to
    /// the sender's.
    pub summary: Summary,
    /// The communities those changes touch (names, in natural order).
    pub communities: Vec<String>,
}

impl Incoming {
    /// Whether everything it holds is there already (已接收过).
    pub fn already(&self) -> bool {
        self.commits == 0
    }
}

/// What the 数据包 at `bundle` brings to the document at `doc`, or why it
/// would be refused; nothing of the document or its repository changes.
pub fn inspect(doc: &Path, bundle: &Path) -> Result<Incoming, ExchangeError> {
    todo!("{doc:?} {bundle:?}")
}
