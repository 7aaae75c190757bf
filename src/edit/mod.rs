//! Editing: every change to a document is a [`Command`] applied through a
//! [`History`], which records what it changed so it can be undone and redone.
//!
//! A command is checked against the document first (levels, codes, references);
//! a refused command changes nothing. An applied command becomes a list of
//! record-level [`Change`]s holding the before and after image of each record
//! it touched — undo writes the befores back, redo the afters.

mod change;
mod command;
mod details;
mod error;
pub mod fields;
mod history;
mod plan;
pub mod rules;

pub use change::{Change, Record};
pub use command::Command;
pub use details::{GridDetails, MemberFate};
pub use error::{EditError, ErrorKind};
pub use history::{Applied, History};
pub use plan::unit::{preview_delete, suggest_code, DeletePreview};
