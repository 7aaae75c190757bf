//! Why a command was refused, and what the refusal is about.

use super::rules;

/// Why a command was refused, and what the refusal is about. The document
/// is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EditError {
    /// What is wrong, in Chinese with the English keyword.
    pub message: String,
    /// What it is about: a field, for a form to show it beside, or the
    /// command as a whole.
    pub kind: ErrorKind,
}

/// What a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command as a whole: a record missing, a level out of place, a
    /// move under the unit's own subtree …
    Whole,
    /// The code of the record written: empty, or another record's.
    Code,
    /// The name of the record written (a household's head, the document's
    /// title): empty.
    Name,
    /// A member's field that cannot be true.
    Member(rules::Field),
}

impl EditError {
    /// A refusal of the command as a whole.
    pub fn new(message: impl Into<String>) -> EditError {
        EditError::about(ErrorKind::Whole, message)
    }

    /// A refusal about `kind`.
    pub fn about(kind: ErrorKind, message: impl Into<String>) -> EditError {
        EditError {
            message: message.into(),
            kind,
        }
    }
}
