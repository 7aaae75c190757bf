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
mod fields;
pub mod json;
pub mod read;
pub mod report;
pub mod text;
pub mod workbook;

use crate::graph::{Graph, Tree};
use crate::mask::{Personal, Privacy};
use crate::model::{Document, Id, Level};
use serde::Serialize;
use serde_json::Value;

/// What kind of record changed, as the JSON names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Record {
    /// A unit of the five levels.
    Unit,
    /// A grid.
    Grid,
    /// A building.
    Building,
    /// A member.
    Member,
    /// A linked household (联系户).
    Household,
    /// A co-building unit (共建单位).
    CoBuilder,
}

/// How a record changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// In NEW only.
    Added,
    /// In OLD only.
    Removed,
    /// Under a new parent, in a new unit, community, grid or 中心户.
    Moved,
    /// One field changed.
    Changed,
}

/// The street or community a change belongs to, for grouping: the community
/// the record sits in, else the street (for what sits directly in a street).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// The community's or street's id.
    pub id: Id,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Whether it is a street (what sits directly in it, 街道本级).
    pub street: bool,
}

/// One change: an added, removed or moved record, or one changed field.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The kind of record.
    pub record: Record,
    /// The record's id.
    pub id: Id,
    /// A unit's, grid's or building's own code; a member's unit's, a
    /// household's 中心户's, a co-building unit's joined unit's code (NEW's,
    /// or OLD's when removed; empty when there is none).
    pub code: String,
    /// The record's name; a household's head.
    pub name: String,
    /// How it changed.
    pub how: How,
    /// For `Changed`, the field as named in the `.ron` file.
    pub field: Option<&'static str>,
    /// The old value as written in the `.ron` (references as codes); for a
    /// move, the old parent's (unit's, community's, grid's, 中心户's) code.
    pub from: Value,
    /// The new value; for a move, the new one's code.
    pub to: Value,
    /// For a move, the old and the new parent's names.
    pub moved_names: Option<(String, String)>,
    /// Where the record sat in OLD (None when added).
    pub place_old: Option<Place>,
    /// Where it sits in NEW (None when removed).
    pub place_new: Option<Place>,
    /// For a unit, its level (NEW's, or OLD's when removed).
    pub level: Option<Level>,
    /// For a unit, its kind as people name it (社区党总支, 楼栋党小组 …).
    pub kind: Option<String>,
}

impl Change {
    /// Where the change is reported: NEW's place, or OLD's when removed.
    pub fn place(&self) -> Option<&Place> {
        self.place_new.as_ref().or(self.place_old.as_ref())
    }

    /// The change as `privacy` shows it: ID numbers, phones and birth dates
    /// in `from` and `to` masked as [`crate::mask`] says.
    pub fn shown(&self, privacy: Privacy) -> Change {
        let mut shown = self.clone();
        if let Some(field) = self.field {
            shown.from = mask(field, &self.from, privacy);
            shown.to = mask(field, &self.to, privacy);
        }
        shown
    }

    /// For a changed personal field whose old and new values `privacy`
    /// shows alike, which hidden part differs (`日`, `中间几位` …).
    pub fn hidden_difference(&self, privacy: Privacy) -> Option<String> {
        let kind = Personal::of(self.field?).filter(|_| privacy == Privacy::Masked)?;
        match (&self.from, &self.to) {
            (Value::String(from), Value::String(to)) => kind.hidden_difference(&[from, to]),
            _ => None,
        }
    }
}

/// Whether a field holds personal numbers that output masks.
pub fn is_personal(field: &str) -> bool {
    Personal::of(field).is_some()
}

fn mask(field: &str, value: &Value, privacy: Privacy) -> Value {
    match (value, Personal::of(field)) {
        (Value::String(text), Some(kind)) => Value::String(kind.show(privacy, text)),
        _ => value.clone(),
    }
}

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

/// The place (community, else street) of a unit in `document`, whose units'
/// tree is `tree`: the unit itself or its nearest ancestor of that level.
pub(crate) fn place_of(document: &Document, tree: &Tree, unit: Id) -> Option<Place> {
    place_unit(document, tree, unit).map(|(u, street)| place(u, street))
}

/// The unit [`place_of`] names, and whether it is a street.
pub(crate) fn place_unit<'d>(
    document: &'d Document,
    tree: &Tree,
    unit: Id,
) -> Option<(&'d crate::model::Unit, bool)> {
    let mut street = None;
    for id in std::iter::once(unit).chain(tree.ancestors(unit)) {
        let Some(u) = document.units.get(&id) else {
            break;
        };
        match u.level {
            Level::Community => return Some((u, false)),
            Level::Street => street = street.or(Some(u)),
            _ => {}
        }
    }
    street.map(|u| (u, true))
}

fn place(unit: &crate::model::Unit, street: bool) -> Place {
    Place {
        id: unit.id,
        code: unit.code.clone(),
        name: unit.name.clone(),
        street,
    }
}
