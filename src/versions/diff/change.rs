//! One change between two versions: the kind of record, how it changed, and
//! the change itself as the reports show it, personal values masked as asked.

use super::place::Place;
use crate::mask::{Personal, Privacy};
use crate::model::{Id, Level};
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
