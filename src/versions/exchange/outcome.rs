//! How a receive ended, and the message its merge commit names the sender
//! with.

use super::incoming::Incoming;
use crate::model::{Conflict, Document};
use crate::versions::git::FROM_TRAILER;
use std::sync::Arc;

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
    /// The merged document as written, when it was read on the way (so the
    /// window need not read the file again).
    pub document: Option<Arc<Document>>,
}

/// The message of a receive's merge commit, naming the sender.
pub fn message(from: &str) -> String {
    format!("接收 {from} 的数据包 (received)\n\n{FROM_TRAILER}: {from}\n")
}
