//! The comparison itself: each kind of record matched by id, then its fields
//! one by one in the order the file writes them.

use super::change::{Change, How, Record};
use super::place::{place_of, Place};
use crate::graph::Tree;
use crate::model::{Building, CoBuilder, Document, Grid, Household, Id, Level, Member, Unit};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Every change from `old` to `new`.
pub(super) fn compare(old: (&Document, &Tree), new: (&Document, &Tree)) -> Vec<Change> {
    let (old, old_tree) = old;
    let (new, new_tree) = new;
    let mut sink = Sink {
        old,
        new,
        trees: (old_tree, new_tree),
        out: Vec::new(),
    };
    join(&old.units, &new.units, |a, b| sink.unit(a, b));
    join(&old.grids, &new.grids, |a, b| sink.grid(a, b));
    join(&old.buildings, &new.buildings, |a, b| sink.building(a, b));
    join(&old.members, &new.members, |a, b| sink.member(a, b));
    join(&old.households, &new.households, |a, b| {
        sink.household(a, b)
    });
    join(&old.co_builders, &new.co_builders, |a, b| {
        sink.co_builder(a, b)
    });
    sink.out
}

/// Walks two maps in id order, calling `f` with each id's record on either
/// side, except where both are equal.
fn join<T: PartialEq>(
    old: &BTreeMap<Id, T>,
    new: &BTreeMap<Id, T>,
    mut f: impl FnMut(Option<&T>, Option<&T>),
) {
    let mut a = old.iter().peekable();
    let mut b = new.iter().peekable();
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => f(a.next().map(|(_, r)| r), None),
            (None, Some(_)) => f(None, b.next().map(|(_, r)| r)),
            (Some((ia, ra)), Some((ib, rb))) => match ia.cmp(ib) {
                std::cmp::Ordering::Less => {
                    f(Some(*ra), None);
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    f(None, Some(*rb));
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    if ra != rb {
                        f(Some(*ra), Some(*rb));
                    }
                    a.next();
                    b.next();
                }
            },
        }
    }
}

/// What every change of one record shares.
struct Head {
    record: Record,
    id: Id,
    code: String,
    name: String,
    place_old: Option<Place>,
    place_new: Option<Place>,
    level: Option<Level>,
    kind: Option<String>,
}

struct Sink<'a> {
    old: &'a Document,
    new: &'a Document,
    /// The units' trees of OLD and NEW.
    trees: (&'a Tree, &'a Tree),
    out: Vec<Change>,
}

/// A unit's code in `document`, if it is there.
fn unit_code(document: &Document, id: Id) -> Option<&str> {
    document.units.get(&id).map(|u| u.code.as_str())
}

fn code_value(code: Option<&str>) -> Value {
    code.map_or(Value::Null, |c| Value::String(c.to_string()))
}

fn value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

impl Sink<'_> {
    fn push(&mut self, head: &Head, how: How) {
        self.out.push(Change {
            record: head.record,
            id: head.id,
            code: head.code.clone(),
            name: head.name.clone(),
            how,
            field: None,
            from: Value::Null,
            to: Value::Null,
            moved_names: None,
            place_old: head.place_old.clone(),
            place_new: head.place_new.clone(),
            level: head.level,
            kind: head.kind.clone(),
        });
    }

    /// Added or removed: one entry. True when the record is on both sides.
    fn presence<T>(&mut self, head: &Head, old: Option<&T>, new: Option<&T>) -> bool {
        match (old, new) {
            (None, Some(_)) => self.push(head, How::Added),
            (Some(_), None) => self.push(head, How::Removed),
            _ => return true,
        }
        false
    }

    fn moved(&mut self, head: &Head, from: (Value, String), to: (Value, String)) {
        self.push(head, How::Moved);
        if let Some(last) = self.out.last_mut() {
            last.from = from.0;
            last.to = to.0;
            last.moved_names = Some((from.1, to.1));
        }
    }

    fn changed(&mut self, head: &Head, field: &'static str, from: Value, to: Value) {
        if from == to {
            return;
        }
        self.push(head, How::Changed);
        if let Some(last) = self.out.last_mut() {
            last.field = Some(field);
            last.from = from;
            last.to = to;
        }
    }

    fn field<T: PartialEq + Serialize>(&mut self, head: &Head, name: &'static str, a: &T, b: &T) {
        if a != b {
            self.changed(head, name, value(a), value(b));
        }
    }

    /// A unit reference on each side, as (code, name) in that side's document.
    fn unit_ends(&self, old: Option<Id>, new: Option<Id>) -> ((Value, String), (Value, String)) {
        let end = |document: &Document, id: Option<Id>| {
            let unit = id.and_then(|id| document.units.get(&id));
            (
                code_value(unit.map(|u| u.code.as_str())),
                unit.map(|u| u.name.clone()).unwrap_or_default(),
            )
        };
        (end(self.old, old), end(self.new, new))
    }

    /// The code of a unit a record hangs on: NEW's, else OLD's (a unit gone
    /// from NEW), else empty.
    fn owner_code(&self, id: Id, removed: bool) -> String {
        let (first, second) = if removed {
            (self.old, self.new)
        } else {
            (self.new, self.old)
        };
        unit_code(first, id)
            .or_else(|| unit_code(second, id))
            .unwrap_or_default()
            .to_string()
    }

    fn unit(&mut self, old: Option<&Unit>, new: Option<&Unit>) {
        let Some(u) = new.or(old) else { return };
        let head = Head {
            record: Record::Unit,
            id: u.id,
            code: u.code.clone(),
            name: u.name.clone(),
            place_old: old.and_then(|o| place_of(self.old, self.trees.0, o.id)),
            place_new: new.and_then(|n| place_of(self.new, self.trees.1, n.id)),
            level: Some(u.level),
            kind: Some(u.kind_name()),
        };
        let (Some(a), Some(b)) = (old, new) else {
            self.presence(&head, old, new);
            return;
        };
        if a.parent != b.parent {
            let (from, to) = self.unit_ends(a.parent, b.parent);
            self.moved(&head, from, to);
        }
        self.field(&head, "code", &a.code, &b.code);
        self.field(&head, "name", &a.name, &b.name);
        self.field(&head, "level", &a.level, &b.level);
        self.field(&head, "org_type", &a.org_type, &b.org_type);
        self.field(&head, "kind_label", &a.kind_label, &b.kind_label);
        self.field(&head, "leader", &a.leader, &b.leader);
        self.field(&head, "leader_phone", &a.leader_phone, &b.leader_phone);
        self.field(&head, "elected", &a.elected, &b.elected);
        self.field(&head, "term_years", &a.term_years, &b.term_years);
    }

    fn grid(&mut self, old: Option<&Grid>, new: Option<&Grid>) {
        let Some(g) = new.or(old) else { return };
        let head = Head {
            record: Record::Grid,
            id: g.id,
            code: g.code.clone(),
            name: g.name.clone(),
            place_old: old.and_then(|o| place_of(self.old, self.trees.0, o.community)),
            place_new: new.and_then(|n| place_of(self.new, self.trees.1, n.community)),
            level: None,
            kind: None,
        };
        let (Some(a), Some(b)) = (old, new) else {
            self.presence(&head, old, new);
            return;
        };
        if a.community != b.community {
            let (from, to) = self.unit_ends(Some(a.community), Some(b.community));
            self.moved(&head, from, to);
        }
        self.field(&head, "code", &a.code, &b.code);
        self.field(&head, "name", &a.name, &b.name);
        self.field(&head, "households", &a.households, &b.households);
        self.field(&head, "population", &a.population, &b.population);
        self.field(&head, "compounds", &a.compounds, &b.compounds);
        self.field(&head, "worker", &a.worker, &b.worker);
        self.field(&head, "worker_phone", &a.worker_phone, &b.worker_phone);
        if a.covered_by != b.covered_by {
            let codes = |document: &Document, ids: &[Id]| {
                Value::Array(
                    ids.iter()
                        .map(|&id| code_value(unit_code(document, id)))
                        .collect(),
                )
            };
            let (from, to) = (
                codes(self.old, &a.covered_by),
                codes(self.new, &b.covered_by),
            );
            self.changed(&head, "covered_by", from, to);
        }
    }

    /// A building's community, through its grid.
    fn building_place(document: &Document, tree: &Tree, b: &Building) -> Option<Place> {
        let grid = document.grids.get(&b.grid)?;
        place_of(document, tree, grid.community)
    }

    fn building(&mut self, old: Option<&Building>, new: Option<&Building>) {
        let Some(b) = new.or(old) else { return };
        let head = Head {
            record: Record::Building,
            id: b.id,
            code: b.code.clone(),
            name: b.name.clone(),
            place_old: old.and_then(|o| Self::building_place(self.old, self.trees.0, o)),
            place_new: new.and_then(|n| Self::building_place(self.new, self.trees.1, n)),
            level: None,
            kind: None,
        };
        let (Some(a), Some(b)) = (old, new) else {
            self.presence(&head, old, new);
            return;
        };
        if a.grid != b.grid {
            let end = |document: &Document, id: Id| {
                let grid = document.grids.get(&id);
                (
                    code_value(grid.map(|g| g.code.as_str())),
                    grid.map(|g| g.name.clone()).unwrap_or_default(),
                )
            };
            let (from, to) = (end(self.old, a.grid), end(self.new, b.grid));
            self.moved(&head, from, to);
        }
        self.field(&head, "code", &a.code, &b.code);
        self.field(&head, "name", &a.name, &b.name);
        self.field(&head, "households", &a.households, &b.households);
        if a.covered_by != b.covered_by {
            let from = code_value(a.covered_by.and_then(|id| unit_code(self.old, id)));
            let to = code_value(b.covered_by.and_then(|id| unit_code(self.new, id)));
            self.changed(&head, "covered_by", from, to);
        }
    }

    fn member(&mut self, old: Option<&Member>, new: Option<&Member>) {
        let Some(m) = new.or(old) else { return };
        let head = Head {
            record: Record::Member,
            id: m.id,
            code: self.owner_code(m.unit, new.is_none()),
            name: m.name.clone(),
            place_old: old.and_then(|o| place_of(self.old, self.trees.0, o.unit)),
            place_new: new.and_then(|n| place_of(self.new, self.trees.1, n.unit)),
            level: None,
            kind: None,
        };
        let (Some(a), Some(b)) = (old, new) else {
            self.presence(&head, old, new);
            return;
        };
        if a.unit != b.unit {
            let (from, to) = self.unit_ends(Some(a.unit), Some(b.unit));
            self.moved(&head, from, to);
        }
        self.field(&head, "name", &a.name, &b.name);
        self.field(&head, "gender", &a.gender, &b.gender);
        self.field(&head, "ethnicity", &a.ethnicity, &b.ethnicity);
        self.field(&head, "birth", &a.birth, &b.birth);
        self.field(&head, "id_number", &a.id_number, &b.id_number);
        self.field(&head, "education", &a.education, &b.education);
        self.field(&head, "joined", &a.joined, &b.joined);
        self.field(&head, "full_since", &a.full_since, &b.full_since);
        self.field(&head, "category", &a.category, &b.category);
        self.field(&head, "positions", &a.positions, &b.positions);
        self.field(&head, "phone", &a.phone, &b.phone);
        self.field(&head, "workplace", &a.workplace, &b.workplace);
        self.field(&head, "in_service", &a.in_service, &b.in_service);
        self.field(&head, "mobile", &a.mobile, &b.mobile);
    }

    fn household(&mut self, old: Option<&Household>, new: Option<&Household>) {
        let Some(h) = new.or(old) else { return };
        let head = Head {
            record: Record::Household,
            id: h.id,
            code: self.owner_code(h.linked_by, new.is_none()),
            name: h.head.clone(),
            place_old: old.and_then(|o| place_of(self.old, self.trees.0, o.linked_by)),
            place_new: new.and_then(|n| place_of(self.new, self.trees.1, n.linked_by)),
            level: None,
            kind: None,
        };
        let (Some(a), Some(b)) = (old, new) else {
            self.presence(&head, old, new);
            return;
        };
        if a.linked_by != b.linked_by {
            let (from, to) = self.unit_ends(Some(a.linked_by), Some(b.linked_by));
            self.moved(&head, from, to);
        }
        self.field(&head, "head", &a.head, &b.head);
        self.field(&head, "address", &a.address, &b.address);
        self.field(&head, "people", &a.people, &b.people);
        self.field(&head, "phone", &a.phone, &b.phone);
    }

    fn co_builder(&mut self, old: Option<&CoBuilder>, new: Option<&CoBuilder>) {
        let Some(c) = new.or(old) else { return };
        let head = Head {
            record: Record::CoBuilder,
            id: c.id,
            code: self.owner_code(c.joins, new.is_none()),
            name: c.name.clone(),
            place_old: old.and_then(|o| place_of(self.old, self.trees.0, o.joins)),
            place_new: new.and_then(|n| place_of(self.new, self.trees.1, n.joins)),
            level: None,
            kind: None,
        };
        let (Some(a), Some(b)) = (old, new) else {
            self.presence(&head, old, new);
            return;
        };
        self.field(&head, "name", &a.name, &b.name);
        self.field(&head, "kind", &a.kind, &b.kind);
        if a.joins != b.joins {
            let from = code_value(unit_code(self.old, a.joins));
            let to = code_value(unit_code(self.new, b.joins));
            self.changed(&head, "joins", from, to);
        }
    }
}
