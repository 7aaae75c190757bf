//! 同步: the exchange with a shared repository — fetch, merge as a receive
//! does, push when clean.

use super::error::ExchangeError;
use super::receive::Received;
use std::path::Path;

/// What [`sync`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Synced {
    /// The shared repository.
    pub remote: String,
    /// What came in and how it was merged.
    pub received: Received,
    /// Whether the document's history was pushed.
    pub pushed: bool,
}

/// The shared repository remembered for `doc`, if one was used.
pub fn remote(doc: &Path) -> Option<String> {
    todo!("{doc:?}")
}

/// Syncs `doc` with `remote` (a git remote's name, a folder or a URL;
/// remembered) or the one remembered, committing by `office`.
pub fn sync(doc: &Path, remote: Option<&str>, office: &str) -> Result<Synced, ExchangeError> {
    todo!("{doc:?} {remote:?} {office}")
}
