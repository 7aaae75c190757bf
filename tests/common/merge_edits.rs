//! Random edits of two copies of one document, and what their merge must
//! hold, shared by the property test (tests/merge_property.rs) and the fuzz
//! target (fuzz/fuzz_targets/merge.rs).
//!
//! An edit is four bytes: what to do, then which records and values. Edits go
//! through the editor's commands (a refused one does nothing), so each copy
//! stays a document an office could have made; moves are also made by hand
//! (a unit under any unit outside its subtree, as a file edited outside the
//! program may have it), so that moves on both sides can make a cycle. Codes
//! come from a small pool shared by both copies, so that codes clash.
#![allow(dead_code)]

use gridorg::document;
use gridorg::edit::{Command, GridDetails, History, MemberFate};
use gridorg::model::ids::Cursor;
use gridorg::model::{CoBuilder, Conflict, Document, Household, Id, Level, Member};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A small document: the sample's street with its first two communities.
pub fn small_base() -> Document {
    let mut doc = gridorg::generate::sample();
    let communities: Vec<Id> = doc
        .units
        .values()
        .filter(|u| u.level == Level::Community)
        .map(|u| u.id)
        .take(2)
        .collect();
    let kept = |doc: &Document, id: Id| {
        let mut at = Some(id);
        while let Some(unit) = at.and_then(|id| doc.units.get(&id)) {
            if unit.level == Level::Street || communities.contains(&unit.id) {
                return true;
            }
            if unit.level == Level::Community {
                return false;
            }
            at = unit.parent;
        }
        false
    };
    let units: BTreeSet<Id> = doc
        .units
        .keys()
        .copied()
        .filter(|&id| kept(&doc, id))
        .collect();
    doc.units.retain(|id, _| units.contains(id));
    doc.grids.retain(|_, g| units.contains(&g.community));
    for grid in doc.grids.values_mut() {
        grid.covered_by.retain(|b| units.contains(b));
    }
    let grids: BTreeSet<Id> = doc.grids.keys().copied().collect();
    doc.buildings.retain(|_, b| grids.contains(&b.grid));
    for building in doc.buildings.values_mut() {
        building.covered_by = building.covered_by.filter(|g| units.contains(g));
    }
    doc.members.retain(|_, m| units.contains(&m.unit));
    doc.households.retain(|_, h| units.contains(&h.linked_by));
    doc.co_builders.retain(|_, c| units.contains(&c.joins));
    doc.acknowledgements.clear();
    document::validate(&doc).expect("the small base is a document");
    doc
}

/// A copy of `base` that hands out ids from `first` on, as edits of an
/// installation do. For copies of a version-2 file, give both copies the
/// base's `next_id`: they add their records under the same ids, as the
/// program did before ids had an origin (then call [`settle_next_id`]).
pub fn copy(base: &Document, first: Id) -> Document {
    let mut doc = base.clone();
    doc.ids = Cursor::run(first, 1 << 16);
    doc
}

/// Raises `next_id` above the copy's own ids (below 2³²), as the program
/// that handed them out from `next_id` did.
pub fn settle_next_id(doc: &mut Document) {
    let own = all_ids(doc).filter(|id| id.0 < 1 << 32).max();
    if let Some(id) = own {
        doc.next_id = doc.next_id.max(u32::try_from(id.0 + 1).unwrap());
    }
}

fn all_ids(doc: &Document) -> impl Iterator<Item = Id> + '_ {
    doc.units
        .keys()
        .chain(doc.grids.keys())
        .chain(doc.buildings.keys())
        .chain(doc.members.keys())
        .chain(doc.households.keys())
        .chain(doc.co_builders.keys())
        .copied()
}

/// The `n`-th of a list, wrapping; None when it is empty.
fn pick<T: Copy>(list: &[T], n: u8) -> Option<T> {
    (!list.is_empty()).then(|| list[usize::from(n) % list.len()])
}

fn units_where(doc: &Document, keep: impl Fn(Level) -> bool) -> Vec<Id> {
    doc.units
        .values()
        .filter(|u| keep(u.level))
        .map(|u| u.id)
        .collect()
}

fn keys<T>(map: &BTreeMap<Id, T>) -> Vec<Id> {
    map.keys().copied().collect()
}

/// A code from the pool both copies draw from.
fn code(n: u8) -> String {
    format!("P{}", n % 6)
}

/// Applies one edit; `tag` tells the copies' names apart.
pub fn edit(doc: &mut Document, [what, a, b, c]: [u8; 4], tag: &str) {
    let units = keys(&doc.units);
    let command = match what % 14 {
        0 => pick(&units, a).and_then(|parent| {
            let level = doc.units[&parent].level.child()?;
            Some(Command::AddUnit {
                parent: Some(parent),
                level,
                code: code(b),
                name: format!("{tag}组织{c}"),
            })
        }),
        1 => pick(&units_where(doc, |l| l == Level::Community), a).map(|community| {
            Command::AddGrid {
                community,
                code: code(b),
                name: format!("{tag}网格{c}"),
                details: GridDetails::default(),
            }
        }),
        2 => pick(&keys(&doc.grids), a).map(|grid| Command::AddBuilding {
            grid,
            code: code(b),
            name: format!("{tag}楼{c}"),
            households: Some(u32::from(c)),
        }),
        3 => pick(&units, a)
            .map(|unit| Command::AddMember(Member::new(Id(0), format!("{tag}党员{b}"), unit))),
        4 => pick(&units_where(doc, |l| l == Level::Household), a).map(|linked_by| {
            Command::LinkHousehold(Household {
                id: Id(0),
                linked_by,
                head: format!("{tag}户主{b}"),
                address: None,
                people: Some(u32::from(c % 7)),
                phone: None,
            })
        }),
        5 => pick(
            &units_where(doc, |l| matches!(l, Level::Street | Level::Community)),
            a,
        )
        .map(|joins| {
            Command::AddCoBuilder(CoBuilder {
                id: Id(0),
                name: format!("{tag}共建{b}"),
                kind: None,
                joins,
            })
        }),
        6 => pick(&units_where(doc, |l| l != Level::Street), a).map(|unit| Command::DeleteUnit {
            unit,
            members: if b.is_multiple_of(2) {
                MemberFate::Delete
            } else {
                MemberFate::ToParent
            },
        }),
        7 => match b % 5 {
            0 => pick(&keys(&doc.grids), a).map(Command::DeleteGrid),
            1 => pick(&keys(&doc.buildings), a).map(Command::DeleteBuilding),
            2 => pick(&keys(&doc.members), a).map(Command::DeleteMember),
            3 => pick(&keys(&doc.households), a).map(Command::UnlinkHousehold),
            _ => pick(&keys(&doc.co_builders), a).map(Command::RemoveCoBuilder),
        },
        8 => pick(&units, a)
            .zip(pick(&units, b))
            .map(|(unit, new_parent)| Command::MoveUnit { unit, new_parent }),
        9 => {
            move_by_hand(doc, pick(&units, a), pick(&units, b));
            None
        }
        10 => rename(doc, a, b, c, tag),
        11 => {
            let branches = units_where(doc, |l| matches!(l, Level::Branch | Level::Community));
            pick(&branches, a)
                .zip(pick(&keys(&doc.grids), b))
                .map(|(branch, grid)| {
                    if doc.grids[&grid].covered_by.contains(&branch) {
                        Command::Uncover { branch, grid }
                    } else {
                        Command::Cover { branch, grid }
                    }
                })
        }
        12 => pick(&keys(&doc.buildings), b).and_then(|building| {
            if c.is_multiple_of(3) {
                Some(Command::UncoverBuilding(building))
            } else {
                let group = pick(&units_where(doc, |l| l == Level::Group), a)?;
                Some(Command::CoverBuilding { group, building })
            }
        }),
        _ => {
            if c.is_multiple_of(2) {
                pick(&keys(&doc.members), a)
                    .zip(pick(&units, b))
                    .map(|(member, unit)| Command::AssignMember { member, unit })
            } else {
                pick(&keys(&doc.households), a)
                    .zip(pick(&units_where(doc, |l| l == Level::Household), b))
                    .map(|(household, to)| Command::MoveHousehold { household, to })
            }
        }
    };
    if let Some(command) = command {
        // A refused edit leaves the copy as it was.
        let _ = History::new().apply(doc, &command);
    }
}

/// Puts a unit under another by hand, wherever that keeps the tree a tree.
fn move_by_hand(doc: &mut Document, unit: Option<Id>, parent: Option<Id>) {
    let (Some(unit), Some(parent)) = (unit, parent) else {
        return;
    };
    let mut at = Some(parent);
    while let Some(id) = at {
        if id == unit {
            return;
        }
        at = doc.units.get(&id).and_then(|u| u.parent);
    }
    if let Some(moving) = doc.units.get_mut(&unit) {
        moving.parent = Some(parent);
    }
}

/// Renames a unit, grid, building or member, or gives it a code of the pool.
fn rename(doc: &Document, a: u8, b: u8, c: u8, tag: &str) -> Option<Command> {
    let new_name = format!("{tag}新名{c}");
    let recode = c.is_multiple_of(2);
    match b % 4 {
        0 => pick(&keys(&doc.units), a).map(|id| {
            let mut unit = doc.units[&id].clone();
            if recode {
                unit.code = code(c / 2);
            } else {
                unit.name = new_name;
            }
            Command::UpdateUnit(unit)
        }),
        1 => pick(&keys(&doc.grids), a).map(|id| {
            let mut grid = doc.grids[&id].clone();
            if recode {
                grid.code = code(c / 2);
            } else {
                grid.name = new_name;
            }
            Command::UpdateGrid(grid)
        }),
        2 => pick(&keys(&doc.buildings), a).map(|id| {
            let mut building = doc.buildings[&id].clone();
            if recode {
                building.code = code(c / 2);
            } else {
                building.name = new_name;
            }
            Command::UpdateBuilding(building)
        }),
        _ => pick(&keys(&doc.members), a).map(|id| {
            let mut member = doc.members[&id].clone();
            member.name = new_name;
            Command::UpdateMember(member)
        }),
    }
}

/// What one way round of a merge gave: the merged document read back from
/// the text written, the conflicts the merge found and theirs' records it
/// renumbered (old id, new id).
pub struct Outcome<'a> {
    /// The merged document as it loads.
    pub document: &'a Document,
    /// The conflicts this merge found.
    pub conflicts: &'a [Conflict],
    /// Theirs' records given a fresh id.
    pub renumbered: &'a [(Id, Id)],
}

/// Every record of a document as its fields, by kind and id.
type Records = BTreeMap<(&'static str, Id), Map<String, Value>>;

fn records(doc: &Document) -> Records {
    fn add<T: serde::Serialize>(out: &mut Records, kind: &'static str, map: &BTreeMap<Id, T>) {
        for (id, record) in map {
            let Value::Object(fields) = serde_json::to_value(record).unwrap() else {
                unreachable!("records are structs")
            };
            out.insert((kind, *id), fields);
        }
    }
    let mut out = Records::new();
    add(&mut out, "unit", &doc.units);
    add(&mut out, "grid", &doc.grids);
    add(&mut out, "building", &doc.buildings);
    add(&mut out, "member", &doc.members);
    add(&mut out, "household", &doc.households);
    add(&mut out, "co_builder", &doc.co_builders);
    out
}

/// The fields that hold ids.
const REFERENCES: [&str; 8] = [
    "id",
    "parent",
    "community",
    "covered_by",
    "grid",
    "unit",
    "linked_by",
    "joins",
];

/// A side's records as the merge numbers them.
fn renumbered(records: Records, map: &HashMap<u64, u64>) -> Records {
    let follow = |v: &mut Value| {
        if let Some(new) = v.as_u64().and_then(|id| map.get(&id)) {
            *v = Value::from(*new);
        }
    };
    records
        .into_iter()
        .map(|((kind, id), mut fields)| {
            for name in REFERENCES {
                match fields.get_mut(name) {
                    Some(Value::Array(ids)) => ids.iter_mut().for_each(follow),
                    Some(v) => follow(v),
                    None => {}
                }
            }
            let id = Id(map.get(&id.0).copied().unwrap_or(id.0));
            ((kind, id), fields)
        })
        .collect()
}

/// Whether the merge holds `side`'s every change from `base` that is not in
/// conflict: its adds (under their new ids where renumbered), its removals,
/// and each field it changed.
fn holds_changes(
    base: &Records,
    side: &Records,
    merged: &Records,
    conflicts: &[Conflict],
    name: &str,
) -> Result<(), String> {
    let in_conflict = |kind: &str, id: Id, field: &str| {
        conflicts
            .iter()
            .any(|c| c.record.key() == kind && c.id == id && c.field == field)
    };
    for ((kind, id), fields) in side {
        // A renumbered record's new id is fresh: not in the base.
        let old = base.get(&(*kind, *id));
        if old == Some(fields) {
            continue;
        }
        let Some(now) = merged.get(&(kind, *id)) else {
            return Err(format!("{name}'s {kind} {id} is missing"));
        };
        for (field, value) in fields {
            let changed = old.is_none_or(|o| o.get(field) != Some(value));
            if changed && now.get(field) != Some(value) && !in_conflict(kind, *id, field) {
                return Err(format!(
                    "{name}'s {kind} {id}: {field} is {:?}, {name} gave {value}",
                    now.get(field)
                ));
            }
        }
    }
    for (kind, id) in base.keys() {
        if !side.contains_key(&(kind, *id))
            && merged.contains_key(&(kind, *id))
            && !in_conflict(kind, *id, "removed")
        {
            return Err(format!("{name} removed {kind} {id}, the merge has it"));
        }
    }
    Ok(())
}

/// How many conflicts on each kind of record and field.
fn counted(conflicts: &[Conflict]) -> BTreeMap<(&'static str, &str), usize> {
    let mut out = BTreeMap::new();
    for c in conflicts {
        *out.entry((c.record.key(), c.field.as_str())).or_default() += 1;
    }
    out
}

/// What a merge of `ours` and `theirs` from `base`, made both ways round,
/// must hold (each outcome's document is the one read back from its file):
/// every change of each side not in conflict, and the same number of
/// conflicts on each kind of record and field either way round.
pub fn check(
    base: &Document,
    ours: &Document,
    theirs: &Document,
    forward: &Outcome,
    backward: &Outcome,
) -> Result<(), String> {
    let (b, o, t) = (records(base), records(ours), records(theirs));
    for (outcome, [first, second], names) in [
        (forward, [&o, &t], ["ours", "theirs"]),
        (backward, [&t, &o], ["theirs", "ours"]),
    ] {
        let merged = records(outcome.document);
        let map: HashMap<u64, u64> = outcome
            .renumbered
            .iter()
            .map(|(old, new)| (old.0, new.0))
            .collect();
        holds_changes(&b, first, &merged, outcome.conflicts, names[0])?;
        let second = renumbered(second.clone(), &map);
        holds_changes(&b, &second, &merged, outcome.conflicts, names[1])?;
    }
    let (one, other) = (counted(forward.conflicts), counted(backward.conflicts));
    if one != other {
        return Err(format!(
            "conflicts differ by the way round: {one:?} against {other:?}"
        ));
    }
    Ok(())
}

/// Whether a merge with one side unchanged gave the other side: the same
/// records, no conflict.
pub fn gives_the_other(
    merged: &Document,
    conflicts: &[Conflict],
    side: &Document,
) -> Result<(), String> {
    if !conflicts.is_empty() {
        return Err(format!("conflicts with one side unchanged: {conflicts:?}"));
    }
    if records(merged) != records(side) || merged.next_id != side.next_id {
        return Err("a merge with one side unchanged is not the other side".into());
    }
    Ok(())
}
