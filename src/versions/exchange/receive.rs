//! Receiving: a 数据包 merged into the document through the merge driver.

use super::error::ExchangeError;
use super::incoming::Incoming;
use crate::model::Conflict;
use std::path::Path;

/// How a receive ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Everything it holds was there already (已接收过): nothing changed.
    Already,
    /// The document did not exist: it was made from the 数据包.
    Created,
    /// The document had nothing the sender lacked: it now is the sender's.
    FastForward,
    /// Merged cleanly and committed (abbreviated hash).
    Merged(String),
    /// Merged with conflicts: they are in the document and the merge waits
    /// to be settled ([`super::finish`] or [`super::abandon`]).
    Conflicts,
}

/// What [`receive`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// What the 数据包 brought.
    pub incoming: Incoming,
    /// How it ended.
    pub outcome: Outcome,
    /// The conflicts the merge left in the document (empty unless
    /// [`Outcome::Conflicts`]).
    pub conflicts: Vec<Conflict>,
}

/// Receives the 数据包 at `bundle` into the document at `doc` (made from it
/// when absent), committing by `office`.
pub fn receive(doc: &Path, bundle: &Path, office: &str) -> Result<Received, ExchangeError> {
    todo!("{doc:?} {bundle:?} {office}")
}
