//! What the user is looking at: the selected unit and which units are
//! unfolded. The editor owns it once and passes it down, so the outline, the
//! canvas and the property panel always agree.

use crate::graph::Tree;
use crate::model::{Document, Id, Level};
use rustc_hash::FxHashSet;

/// Units shown before the first fold, when a document is opened.
const FIRST_SHOWN: usize = 400;

/// The selection and the fold state.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    selected: Option<Id>,
    expanded: FxHashSet<Id>,
}

impl Focus {
    /// Nothing selected; the upper levels unfolded, down to the deepest level
    /// that keeps the count near [`FIRST_SHOWN`] (streets always unfold).
    pub fn new(document: &Document) -> Focus {
        let mut shown = 0;
        let mut deepest = Level::ALL[0];
        for (i, level) in Level::ALL.iter().enumerate() {
            shown += document
                .units
                .values()
                .filter(|u| u.level == *level)
                .count();
            if shown > FIRST_SHOWN && i > 1 {
                break;
            }
            deepest = *level;
        }
        let expanded = document
            .units
            .values()
            .filter(|u| u.level < deepest)
            .map(|u| u.id)
            .collect();
        Focus {
            selected: None,
            expanded,
        }
    }

    /// The selected unit.
    pub fn selected(&self) -> Option<Id> {
        self.selected
    }

    /// Selects a unit (or nothing); true when the selection changed.
    pub fn select(&mut self, id: Option<Id>) -> bool {
        std::mem::replace(&mut self.selected, id) != id
    }

    /// Whether a unit's children show.
    pub fn is_expanded(&self, id: Id) -> bool {
        self.expanded.contains(&id)
    }

    /// Folds an unfolded unit, unfolds a folded one.
    pub fn toggle(&mut self, id: Id) {
        if !self.expanded.remove(&id) {
            self.expanded.insert(id);
        }
    }

    /// Unfolds every unit above `id`; true when one was folded.
    pub fn reveal(&mut self, tree: &Tree, id: Id) -> bool {
        let mut opened = false;
        for above in tree.ancestors(id) {
            opened |= self.expanded.insert(above);
        }
        opened
    }

    /// The children of `id` that show: none while it is folded.
    pub fn shown_children<'a>(&self, tree: &'a Tree, id: Id) -> &'a [Id] {
        if self.is_expanded(id) {
            tree.children(Some(id))
        } else {
            &[]
        }
    }
}
