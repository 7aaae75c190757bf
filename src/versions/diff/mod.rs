//! What changed from one version of a structure to another (docs/cli.md,
//! "diff"): records matched by id; each one added, removed, moved (a unit
//! under a new parent, a member in a new unit, a grid in a new community, a
//! building in a new grid, a household under a new 中心户) or changed field by
//! field. A field left out of a file counts as its default; references are
//! given as codes; `next_id` and id counters are never changes.
//!
//! [`changes`] compares two documents; [`read`] reads two files for it, quickly
//! where they are in the writer's layout; [`text`] and [`json`] are the
//! reports, [`balance`] the counts per community a meeting's report adds.

pub mod balance;
mod change;
mod fields;
pub mod json;
mod place;
pub mod read;
pub mod report;
pub mod text;
pub mod workbook;

pub use change::{is_personal, Change, How, Record};
pub use place::Place;

use crate::graph::Graph;
use crate::model::Document;
use serde::Serialize;

/// Every change from `old` to `new`, with counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// In record-kind order (units, grids, buildings, members, households,
    /// co-building units), then by id, a record's fields in file order.
    pub list: Vec<Change>,
}

/// How many changes of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Records added.
    pub added: usize,
    /// Records removed.
    pub removed: usize,
    /// Records moved.
    pub moved: usize,
    /// Fields changed.
    pub changed: usize,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The counts by kind of change.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for c in &self.list {
            match c.how {
                How::Added => s.added += 1,
                How::Removed => s.removed += 1,
                How::Moved => s.moved += 1,
                How::Changed => s.changed += 1,
            }
        }
        s
    }
}

/// Compares two versions of a structure, record by record.
pub fn changes(old: &Document, new: &Document) -> Changes {
    changes_with(old, new, &unit_graph(old), &unit_graph(new))
}

/// [`changes`] with the graphs of the two versions' units (see
/// [`unit_graph`]) already built.
pub fn changes_with(
    old: &Document,
    new: &Document,
    old_units: &Graph,
    new_units: &Graph,
) -> Changes {
    Changes {
        list: fields::compare((old, old_units.tree()), (new, new_units.tree())),
    }
}

/// The graph a comparison reads: a version's units alone, for where each
/// change sits (a version read in part has only the units it needs).
pub fn unit_graph(document: &Document) -> Graph {
    Graph::of_units(document.units.values())
}
