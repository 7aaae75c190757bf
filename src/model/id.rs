//! A record's stable id and the kind of record it names.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A stable internal id, unique across every kind of record in a document.
///
/// Ids below 2³² are the document's own, handed out in order when the document
/// is made (new, import, generate) and by files written before version 3. Ids
/// handed out later, by edits and merges, carry the origin of the installation
/// that made them in their upper bits (see [`super::ids`]), so copies of one document
/// edited apart never hand out the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub u64);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// What kind of record an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    /// A unit of the tree.
    Unit,
    /// A grid.
    Grid,
    /// A building.
    Building,
    /// A member.
    Member,
    /// A linked household.
    Household,
    /// A co-building unit.
    CoBuilder,
}

impl RecordKind {
    /// The kind as the change reports name it: unit, grid, building, member,
    /// household, co_builder.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::Unit => "unit",
            RecordKind::Grid => "grid",
            RecordKind::Building => "building",
            RecordKind::Member => "member",
            RecordKind::Household => "household",
            RecordKind::CoBuilder => "co_builder",
        }
    }

    /// The Chinese noun: 组织, 网格, 楼栋, 党员, 联系户, 共建单位.
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Unit => "组织",
            RecordKind::Grid => "网格",
            RecordKind::Building => "楼栋",
            RecordKind::Member => "党员",
            RecordKind::Household => "联系户",
            RecordKind::CoBuilder => "共建单位",
        }
    }
}
