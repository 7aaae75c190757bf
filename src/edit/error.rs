//! Why a command was refused.

use super::rules;

/// Why a command was refused, and the field at fault where one is. The
/// document is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EditError {
    /// What is wrong, in Chinese with the English keyword.
    pub message: String,
    /// The field the refusal is about, for a form to show it beside.
    pub field: Option<rules::Field>,
}

impl EditError {
    /// A refusal of the command as a whole.
    pub fn new(message: impl Into<String>) -> EditError {
        EditError {
            message: message.into(),
            field: None,
        }
    }
}
