//! The counts a meeting's change report sets beside the changes: per
//! community (and per street for what sits directly in it), units and members
//! before and after, with what came in and went out, so that
//! 上期 + 增加 − 减少 = 本期 on every row.
//!
//! A record counts where it sits: 增加 is what sits in the place in NEW but
//! not in OLD (added, or come from another place — also a group carried along
//! when its branch moved), 减少 the other way round.

use super::place::{place_of, place_unit, Place};
use crate::graph::{Graph, Tree};
use crate::model::{Document, Id};
use crate::order::natural;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// Before, in, out, after.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flow {
    /// 上期: in the place in OLD.
    pub before: usize,
    /// 增加: in the place in NEW, not in OLD.
    pub added: usize,
    /// 减少: in the place in OLD, not in NEW.
    pub removed: usize,
    /// 本期: in the place in NEW.
    pub after: usize,
}

impl Flow {
    fn add(&mut self, other: Flow) {
        self.before += other.before;
        self.added += other.added;
        self.removed += other.removed;
        self.after += other.after;
    }
}

/// One row: a place (None: the records in no community or street), or the total.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The community or street; None for what sits in none.
    pub place: Option<Place>,
    /// Units of the five levels (the community itself included).
    pub units: Flow,
    /// Members.
    pub members: Flow,
}

/// The rows, one per place in natural code order (what sits nowhere last),
/// and the total.
#[derive(Debug, Clone, PartialEq)]
pub struct Balance {
    /// Per place.
    pub rows: Vec<Row>,
    /// 合计.
    pub total: Row,
}

/// The place (community, else street) of each unit of `document`, by id.
fn places(document: &Document, tree: &Tree) -> FxHashMap<Id, Option<Id>> {
    document
        .units
        .keys()
        .map(|&id| (id, place_unit(document, tree, id).map(|(u, _)| u.id)))
        .collect()
}

/// The units' or the members' half of a place's flows.
fn half(flows: &mut (Flow, Flow), member: bool) -> &mut Flow {
    if member {
        &mut flows.1
    } else {
        &mut flows.0
    }
}

/// Counts units and members per place in `old` and `new`, whose units'
/// graphs (see [`super::unit_graph`]) are `old_units` and `new_units`.
pub fn balance(old: &Document, new: &Document, old_units: &Graph, new_units: &Graph) -> Balance {
    let (old_tree, new_tree) = (old_units.tree(), new_units.tree());
    let (old_places, new_places) = (places(old, old_tree), places(new, new_tree));
    let mut flows: FxHashMap<Option<Id>, (Flow, Flow)> = FxHashMap::default();
    let mut count = |before: Option<Option<Id>>, after: Option<Option<Id>>, member: bool| {
        if let (Some(a), Some(b)) = (before, after) {
            if a == b {
                let f = half(flows.entry(a).or_default(), member);
                f.before += 1;
                f.after += 1;
                return;
            }
        }
        if let Some(a) = before {
            let f = half(flows.entry(a).or_default(), member);
            f.before += 1;
            f.removed += 1;
        }
        if let Some(b) = after {
            let f = half(flows.entry(b).or_default(), member);
            f.after += 1;
            f.added += 1;
        }
    };
    let units: BTreeSet<Id> = old.units.keys().chain(new.units.keys()).copied().collect();
    for id in units {
        count(
            old_places.get(&id).copied(),
            new_places.get(&id).copied(),
            false,
        );
    }
    let member_place =
        |places: &FxHashMap<Id, Option<Id>>, unit: Id| places.get(&unit).copied().flatten();
    let members: BTreeSet<Id> = old
        .members
        .keys()
        .chain(new.members.keys())
        .copied()
        .collect();
    for id in members {
        count(
            old.members
                .get(&id)
                .map(|m| member_place(&old_places, m.unit)),
            new.members
                .get(&id)
                .map(|m| member_place(&new_places, m.unit)),
            true,
        );
    }
    let mut rows: Vec<Row> = flows
        .into_iter()
        .map(|(place, (units, members))| Row {
            place: place
                .and_then(|id| place_of(new, new_tree, id).or_else(|| place_of(old, old_tree, id))),
            units,
            members,
        })
        .collect();
    rows.sort_by(|a, b| match (&a.place, &b.place) {
        (Some(x), Some(y)) => natural(&x.code, &y.code).then(x.id.cmp(&y.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut total = Row {
        place: None,
        units: Flow::default(),
        members: Flow::default(),
    };
    for row in &rows {
        total.units.add(row.units);
        total.members.add(row.members);
    }
    Balance { rows, total }
}
