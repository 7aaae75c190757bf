//! What an applied command changed: the before and after image of each record
//! it touched.

use crate::model::{Building, CoBuilder, Document, Grid, Household, Id, Member, Unit};

/// Any record of a document, as held in one change.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A unit of the tree.
    Unit(Unit),
    /// A grid.
    Grid(Grid),
    /// A building.
    Building(Building),
    /// A member.
    Member(Member),
    /// A linked household.
    Household(Household),
    /// A co-building unit.
    CoBuilder(CoBuilder),
}

impl Record {
    /// The record's id.
    pub fn id(&self) -> Id {
        match self {
            Record::Unit(r) => r.id,
            Record::Grid(r) => r.id,
            Record::Building(r) => r.id,
            Record::Member(r) => r.id,
            Record::Household(r) => r.id,
            Record::CoBuilder(r) => r.id,
        }
    }

    /// Reads the record with this id out of a document.
    pub fn get(document: &Document, id: Id) -> Option<Record> {
        document
            .units
            .get(&id)
            .cloned()
            .map(Record::Unit)
            .or_else(|| document.grids.get(&id).cloned().map(Record::Grid))
            .or_else(|| document.buildings.get(&id).cloned().map(Record::Building))
            .or_else(|| document.members.get(&id).cloned().map(Record::Member))
            .or_else(|| document.households.get(&id).cloned().map(Record::Household))
            .or_else(|| {
                document
                    .co_builders
                    .get(&id)
                    .cloned()
                    .map(Record::CoBuilder)
            })
    }

    /// Writes the record into a document, replacing the one with its id.
    fn put(self, document: &mut Document) {
        match self {
            Record::Unit(r) => drop(document.units.insert(r.id, r)),
            Record::Grid(r) => drop(document.grids.insert(r.id, r)),
            Record::Building(r) => drop(document.buildings.insert(r.id, r)),
            Record::Member(r) => drop(document.members.insert(r.id, r)),
            Record::Household(r) => drop(document.households.insert(r.id, r)),
            Record::CoBuilder(r) => drop(document.co_builders.insert(r.id, r)),
        }
    }

    /// Removes the record of this kind and id from a document.
    fn remove(&self, document: &mut Document) {
        let id = self.id();
        match self {
            Record::Unit(_) => drop(document.units.remove(&id)),
            Record::Grid(_) => drop(document.grids.remove(&id)),
            Record::Building(_) => drop(document.buildings.remove(&id)),
            Record::Member(_) => drop(document.members.remove(&id)),
            Record::Household(_) => drop(document.households.remove(&id)),
            Record::CoBuilder(_) => drop(document.co_builders.remove(&id)),
        }
    }
}

/// One reversible change to a document.
#[allow(
    clippy::large_enum_variant,
    reason = "record changes are by far the most common; boxing them would add two allocations per change"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A record created (`before` None), replaced, or removed (`after` None).
    Record {
        /// The record as it was.
        before: Option<Record>,
        /// The record as it is now.
        after: Option<Record>,
    },
    /// The document's title changed.
    Title {
        /// The old title.
        before: String,
        /// The new title.
        after: String,
    },
    /// The acknowledged findings changed.
    Acknowledgements {
        /// The list as it was.
        before: Vec<crate::model::Acknowledgement>,
        /// The list as it is now.
        after: Vec<crate::model::Acknowledgement>,
    },
    /// The conflicts a merge left changed (one was settled).
    Conflicts {
        /// The list as it was.
        before: Vec<crate::model::Conflict>,
        /// The list as it is now.
        after: Vec<crate::model::Conflict>,
    },
}

impl Change {
    /// Applies the change forward (`forward`) or backward.
    pub(super) fn apply(&self, document: &mut Document, forward: bool) {
        match self {
            Change::Record { before, after } => {
                let (from, to) = if forward {
                    (before, after)
                } else {
                    (after, before)
                };
                match (from, to) {
                    (_, Some(record)) => record.clone().put(document),
                    (Some(record), None) => record.remove(document),
                    (None, None) => {}
                }
            }
            Change::Title { before, after } => {
                document.title = if forward { after } else { before }.clone();
            }
            Change::Acknowledgements { before, after } => {
                document.acknowledgements = if forward { after } else { before }.clone();
            }
            Change::Conflicts { before, after } => {
                document.conflicts = if forward { after } else { before }.clone();
            }
        }
    }
}
