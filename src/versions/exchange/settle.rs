//! A received merge waiting to be settled: committed once its conflicts are
//! resolved ([`finish`]), or undone ([`abandon`]).

use super::error::ExchangeError;
use std::path::Path;

/// A received merge waiting to be settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The office it came from.
    pub from: String,
}

/// The received merge of `doc` waiting to be settled, if any.
pub fn pending(doc: &Path) -> Option<Pending> {
    todo!("{doc:?}")
}

/// Commits the settled merge of `doc` (as saved) by `office`; refused while
/// the document still holds conflicts. The commit, abbreviated.
pub fn finish(doc: &Path, office: &str) -> Result<String, ExchangeError> {
    todo!("{doc:?} {office}")
}

/// Puts the document and its repository back exactly as they were before
/// the receive that is waiting to be settled.
pub fn abandon(doc: &Path) -> Result<(), ExchangeError> {
    todo!("{doc:?}")
}
