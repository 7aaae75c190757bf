//! The undo/redo history.

use super::change::Change;
use super::command::Command;
use super::error::EditError;
use crate::model::{Document, Id};

/// One applied command, as the history keeps it.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    label: String,
    changes: Vec<Change>,
    /// The revision of the state this entry leads to.
    revision: u64,
}

/// What applying a command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// A Chinese description, e.g. 新建党小组「第一党小组」.
    pub label: String,
    /// The record the command created, if it created one.
    pub created: Option<Id>,
}

/// The undo and redo stacks of one document, and a revision number for each
/// state (for caches and the unsaved mark): undo and redo return to the number
/// the state had, so undoing back to the saved state clears the unsaved mark.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    revision: u64,
    saved_revision: u64,
    next_revision: u64,
}

impl History {
    /// An empty history for a freshly loaded (saved) document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies a command; a refused command leaves the document untouched.
    /// Clears the redo stack.
    pub fn apply(
        &mut self,
        document: &mut Document,
        command: &Command,
    ) -> Result<Applied, EditError> {
        let plan = command.plan(document)?;
        let entry = Entry {
            label: plan.label.clone(),
            changes: plan.changes,
            revision: self.next_revision + 1,
        };
        self.next_revision += 1;
        replay(document, &entry, true);
        // Ids handed out stay handed out, even when the command is undone.
        document.ids = plan.ids;
        crate::model::ids::note_created(plan.created);
        self.revision = entry.revision;
        self.undo.push(entry);
        self.redo.clear();
        Ok(Applied {
            label: plan.label,
            created: plan.created,
        })
    }

    /// Undoes the last command; returns its label, or None if there is nothing to undo.
    pub fn undo(&mut self, document: &mut Document) -> Option<String> {
        let entry = self.undo.pop()?;
        replay(document, &entry, false);
        let label = entry.label.clone();
        self.redo.push(entry);
        self.revision = self.undo.last().map_or(0, |e| e.revision);
        Some(label)
    }

    /// Redoes the last undone command; returns its label, or None.
    pub fn redo(&mut self, document: &mut Document) -> Option<String> {
        let entry = self.redo.pop()?;
        replay(document, &entry, true);
        let label = entry.label.clone();
        self.revision = entry.revision;
        self.undo.push(entry);
        Some(label)
    }

    /// The label of the command undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// The label of the command redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// A number that differs for every distinct state of the document the history
    /// has produced; the same state reached by undo gives back the same number.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Marks the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved_revision = self.revision;
    }

    /// Whether the document differs from the last saved state.
    pub fn is_modified(&self) -> bool {
        self.revision != self.saved_revision
    }
}

fn replay(document: &mut Document, entry: &Entry, forward: bool) {
    if forward {
        for change in &entry.changes {
            change.apply(document, true);
        }
    } else {
        for change in entry.changes.iter().rev() {
            change.apply(document, false);
        }
    }
}
