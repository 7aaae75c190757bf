//! The three-way merge of two versions of one structure (docs/cli.md,
//! "merge"): by id, field by field, every change of either side applied.
//!
//! Ids are unique across every kind of record. Where theirs added a record
//! under an id ours gives another record — files written before ids had an
//! origin hand out ids from one `next_id`, so two copies add a 党小组 and a
//! 联系户 under one id — theirs' record gets a fresh id before anything is
//! merged, and whatever theirs refers to it by follows: both records are kept,
//! and it is not a conflict. One record both added (same kind, same code or
//! name; an empty base) keeps its id: each field the two give differently is
//! a conflict.
//!
//! A record changed on one side only takes that side's version; changed alike
//! on both, that version. Changed differently on both, each field is merged on
//! its own, and a field both sides changed to different values is a conflict:
//! the merged document holds ours' value and records the conflict. Then what
//! the merge put together is made whole again:
//!
//! - a record one side removed while the other changed it, or that a record of
//!   the merge still refers to (a unit the other side moved something under),
//!   is kept, with a `removed` conflict;
//! - units whose parents now make a cycle (moves on both sides): theirs' move
//!   is undone (the unit goes back to ours' parent), or, where ours' parent is
//!   gone, ours' move (back to theirs' parent), with a `parent` conflict; only
//!   where neither parent is left is the one ours gives brought back;
//! - two records given one code: the one whose code came from theirs gets
//!   back ours' code, or a stand-in code where it has none, with a `code`
//!   conflict; where theirs' value of a `code` in conflict is another
//!   record's code, that record gets a `code` conflict too (the clash the
//!   merge the other way round parts).

use crate::model::ids::Cursor;
use crate::model::{
    Acknowledgement, Building, CoBuilder, Conflict, Document, Grid, Household, Id, Member,
    RecordKind, Unit,
};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What a merge made.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged document, conflicts recorded in it.
    pub document: Document,
    /// The conflicts this merge found (also in `document.conflicts`, after any
    /// the inputs already held).
    pub conflicts: Vec<Conflict>,
    /// Changes taken from ours and from theirs: records whose merged version is
    /// ours' (theirs') and differs from the base.
    pub applied: Applied,
    /// Theirs' records that had an id ours gives another record, each given a
    /// fresh id: (old id, new id), in the order of the old ids.
    pub renumbered: Vec<(Id, Id)>,
}

/// How many records took a change from each side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// Records changed, added or removed as ours has it.
    pub ours: usize,
    /// Records changed, added or removed as theirs has it.
    pub theirs: usize,
}

/// Merges `ours` and `theirs`, two versions made from `base`. The caller
/// checks first that they are versions of one structure ([`super::related`]).
pub fn merge(base: &Document, ours: &Document, theirs: &Document) -> Merged {
    merge_around(base, ours, theirs, &|_| false)
}

/// Merges three partial versions: `unchanged` tells the ids of the records
/// left out of all three because they are the same in each (they are in the
/// merge as they are; see [`super::merge_read`]).
pub(crate) fn merge_around(
    base: &Document,
    ours: &Document,
    theirs: &Document,
    unchanged: &dyn Fn(Id) -> bool,
) -> Merged {
    let mut ids = ours.ids;
    let (theirs, renumbered) = renumber(base, ours, theirs, &mut ids);
    let theirs: &Document = &theirs;
    let mut m = Merger {
        sides: [base, ours, theirs],
        conflicts: Vec::new(),
        applied: Applied::default(),
        wanted: Vec::new(),
    };
    let mut document = Document {
        title: pick(&base.title, &ours.title, &theirs.title).clone(),
        structure: ours
            .structure
            .clone()
            .or_else(|| base.structure.clone())
            .or_else(|| theirs.structure.clone()),
        next_id: base.next_id.max(ours.next_id).max(theirs.next_id),
        units: m.map(|d| &d.units, RecordKind::Unit, unit_fields),
        grids: m.map(|d| &d.grids, RecordKind::Grid, grid_fields),
        buildings: m.map(|d| &d.buildings, RecordKind::Building, building_fields),
        members: m.map(|d| &d.members, RecordKind::Member, member_fields),
        households: m.map(|d| &d.households, RecordKind::Household, household_fields),
        co_builders: m.map(|d| &d.co_builders, RecordKind::CoBuilder, co_builder_fields),
        acknowledgements: Vec::new(),
        conflicts: Vec::new(),
        ids,
    };
    m.make_whole(&mut document);
    m.part_codes(&mut document);
    document.acknowledgements = acknowledgements(base, ours, theirs, &document, unchanged);
    // Conflicts the inputs held: those a side settled since the base stay
    // settled; the rest, and this merge's own, are kept once each.
    let mut conflicts: Vec<Conflict> = Vec::new();
    let settled = |c: &Conflict| {
        base.conflicts.contains(c) && !(ours.conflicts.contains(c) && theirs.conflicts.contains(c))
    };
    for c in ours
        .conflicts
        .iter()
        .chain(&theirs.conflicts)
        .chain(&m.conflicts)
    {
        if !settled(c) && !conflicts.contains(c) {
            conflicts.push(c.clone());
        }
    }
    document.conflicts = conflicts;
    Merged {
        document,
        conflicts: m.conflicts,
        applied: m.applied,
        renumbered,
    }
}

/// Theirs, with each record whose id ours gives another record given a fresh
/// id from `ids` and every reference theirs makes to it following (the
/// acknowledgements and conflicts it holds too); and the pairs (old, new).
/// Theirs as it is where no id is shared (the usual case: no copy).
fn renumber<'a>(
    base: &Document,
    ours: &Document,
    theirs: &'a Document,
    ids: &mut Cursor,
) -> (Cow<'a, Document>, Vec<(Id, Id)>) {
    let mut shared = Vec::new();
    shared_ids(|d| &d.units, [base, ours, theirs], &mut shared);
    shared_ids(|d| &d.grids, [base, ours, theirs], &mut shared);
    shared_ids(|d| &d.buildings, [base, ours, theirs], &mut shared);
    shared_ids(|d| &d.members, [base, ours, theirs], &mut shared);
    shared_ids(|d| &d.households, [base, ours, theirs], &mut shared);
    shared_ids(|d| &d.co_builders, [base, ours, theirs], &mut shared);
    if shared.is_empty() {
        return (Cow::Borrowed(theirs), Vec::new());
    }
    shared.sort_unstable();
    let pairs: Vec<(Id, Id)> = shared
        .into_iter()
        .map(|id| (id, crate::store::ids::next(ids)))
        .collect();
    let map: HashMap<Id, Id> = pairs.iter().copied().collect();
    let mut moved = theirs.clone();
    renumber_records(&mut moved.units, &map);
    renumber_records(&mut moved.grids, &map);
    renumber_records(&mut moved.buildings, &map);
    renumber_records(&mut moved.members, &map);
    renumber_records(&mut moved.households, &map);
    renumber_records(&mut moved.co_builders, &map);
    for a in &mut moved.acknowledgements {
        remap_id(&mut a.subject, &map);
    }
    for c in &mut moved.conflicts {
        remap_id(&mut c.id, &map);
    }
    (Cow::Owned(moved), pairs)
}

/// Adds to `out` the ids of one kind's records theirs added (not in the
/// base's list of that kind) that ours gives another record: one of another
/// kind, or one of this kind with another code or name.
fn shared_ids<T: Record>(
    of: impl Fn(&Document) -> &BTreeMap<Id, T>,
    [base, ours, theirs]: [&Document; 3],
    out: &mut Vec<Id>,
) {
    let (in_base, in_ours) = (of(base), of(ours));
    for (id, record) in of(theirs) {
        if in_base.contains_key(id) {
            continue;
        }
        let shared = match in_ours.get(id) {
            Some(mine) => mine.label() != record.label(),
            None => ours.kind_of(*id).is_some(),
        };
        if shared {
            out.push(*id);
        }
    }
}

/// One kind's records with ids and references rewritten by `map`.
fn renumber_records<T: Record>(records: &mut BTreeMap<Id, T>, map: &HashMap<Id, Id>) {
    *records = std::mem::take(records)
        .into_values()
        .map(|mut record| {
            let mut id = record.id();
            remap_id(&mut id, map);
            record.set_id(id);
            record.remap(map);
            (id, record)
        })
        .collect();
}

/// The three-way choice for one value: what changed wins; ours when both changed.
fn pick<'a, T: PartialEq>(base: &'a T, ours: &'a T, theirs: &'a T) -> &'a T {
    if ours == base {
        theirs
    } else {
        ours
    }
}

/// One field of a record type: its name in the file, and how a conflict shows it.
struct Field<T> {
    name: &'static str,
    /// Merges the field from base and theirs into ours' record (which the
    /// result starts as); true when both changed it to different values.
    merge: fn(&mut T, &T, &T) -> bool,
    /// The field's value as written in the file (references as codes).
    show: fn(&T, &Document) -> Option<String>,
    /// The records the field's value refers to (units; a building's grid).
    ids: fn(&T) -> Vec<Id>,
}

/// The ids a field's value refers to, by how the field is shown.
macro_rules! ids_of {
    (value, $v:expr) => {{
        let _ = &$v;
        Vec::new()
    }};
    (reference, $v:expr) => {
        vec![$v]
    };
    (optional_reference, $v:expr) => {
        $v.into_iter().collect()
    };
    (references, $v:expr) => {
        $v.clone()
    };
}

macro_rules! fields {
    ($t:ty; $($name:ident: $show:ident),* $(,)?) => {
        vec![$(Field::<$t> {
            name: stringify!($name),
            merge: |out, base, theirs| {
                if theirs.$name == out.$name || theirs.$name == base.$name {
                    false
                } else if out.$name == base.$name {
                    out.$name = theirs.$name.clone();
                    false
                } else {
                    true
                }
            },
            show: |r, d| $show(&r.$name, d),
            ids: |r| ids_of!($show, r.$name),
        }),*]
    };
}

/// A plain value as written in the file; None for an absent optional value.
fn value<T: Serialize>(v: &T, _: &Document) -> Option<String> {
    let text = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .to_string(v)
        .unwrap_or_default();
    (text != "None").then_some(text)
}

/// The code (or name) of the record an id names, quoted as in the file.
fn code_of(id: Id, d: &Document) -> String {
    let code = d
        .units
        .get(&id)
        .map(|u| u.code.as_str())
        .or_else(|| d.grids.get(&id).map(|g| g.code.as_str()))
        .or_else(|| d.buildings.get(&id).map(|b| b.code.as_str()));
    match code {
        Some(code) => format!("{code:?}"),
        None => id.0.to_string(),
    }
}

fn reference(id: &Id, d: &Document) -> Option<String> {
    Some(code_of(*id, d))
}

fn optional_reference(id: &Option<Id>, d: &Document) -> Option<String> {
    id.map(|id| code_of(id, d))
}

fn references(ids: &[Id], d: &Document) -> Option<String> {
    let codes: Vec<String> = ids.iter().map(|&id| code_of(id, d)).collect();
    Some(format!("[{}]", codes.join(", ")))
}

fn unit_fields() -> Vec<Field<Unit>> {
    fields!(Unit; code: value, name: value, level: value, org_type: value,
        kind_label: value, parent: optional_reference, leader: value,
        leader_phone: value, elected: value, term_years: value)
}

fn grid_fields() -> Vec<Field<Grid>> {
    fields!(Grid; code: value, name: value, community: reference, households: value,
        population: value, compounds: value, worker: value, worker_phone: value,
        covered_by: references)
}

fn building_fields() -> Vec<Field<Building>> {
    fields!(Building; code: value, name: value, grid: reference, households: value,
        covered_by: optional_reference)
}

fn member_fields() -> Vec<Field<Member>> {
    fields!(Member; name: value, gender: value, ethnicity: value, birth: value,
        id_number: value, education: value, joined: value, full_since: value,
        category: value, unit: reference, positions: value, phone: value,
        workplace: value, in_service: value, mobile: value)
}

fn household_fields() -> Vec<Field<Household>> {
    fields!(Household; linked_by: reference, head: value, address: value,
        people: value, phone: value)
}

fn co_builder_fields() -> Vec<Field<CoBuilder>> {
    fields!(CoBuilder; name: value, kind: value, joins: reference)
}

/// The record types the merge handles.
trait Record: Clone + PartialEq {
    fn id(&self) -> Id;
    fn set_id(&mut self, id: Id);
    /// What names the record to people: a code, else a name (a household's head).
    fn label(&self) -> &str;
    /// Rewrites references by `map`.
    fn remap(&mut self, map: &HashMap<Id, Id>);
}

fn remap_id(id: &mut Id, map: &HashMap<Id, Id>) {
    if let Some(new) = map.get(id) {
        *id = *new;
    }
}

macro_rules! record {
    ($t:ty, $label:ident; $($one:ident)*; $($opt:ident)*; $($many:ident)*) => {
        impl Record for $t {
            fn id(&self) -> Id { self.id }
            fn set_id(&mut self, id: Id) { self.id = id; }
            fn label(&self) -> &str { &self.$label }
            fn remap(&mut self, map: &HashMap<Id, Id>) {
                $(remap_id(&mut self.$one, map);)*
                $(if let Some(id) = &mut self.$opt { remap_id(id, map); })*
                $(self.$many.iter_mut().for_each(|id| remap_id(id, map));)*
            }
        }
    };
}

record!(Unit, code; ; parent; );
record!(Grid, code; community; ; covered_by);
record!(Building, code; grid; covered_by; );
record!(Member, name; unit; ; );
record!(Household, head; linked_by; ; );
record!(CoBuilder, name; joins; ; );

struct Merger<'a> {
    /// Base, ours, theirs (renumbered where it shared ids with ours).
    sides: [&'a Document; 3],
    conflicts: Vec<Conflict>,
    applied: Applied,
    /// What theirs' value of a field in conflict refers to: kept like what
    /// the merge refers to, so that taking theirs' value settles the
    /// conflict, and so that either way round the merge keeps the same.
    wanted: Vec<Id>,
}

/// The conflict of a record one side removed while the other changed it, or
/// that a record of the merge still refers to.
fn removed(kind: RecordKind, id: Id, in_ours: bool, in_theirs: bool) -> Conflict {
    let state = |present: bool| Some(if present { "changed" } else { "removed" }.to_string());
    Conflict {
        record: kind,
        id,
        field: "removed".into(),
        base: Some("present".into()),
        ours: state(in_ours),
        theirs: state(in_theirs),
    }
}

/// Every id of three sorted maps, in order, once.
fn union<'m, T>(
    a: &'m BTreeMap<Id, T>,
    b: &'m BTreeMap<Id, T>,
    c: &'m BTreeMap<Id, T>,
) -> impl Iterator<Item = Id> + 'm {
    let mut its = [
        a.keys().peekable(),
        b.keys().peekable(),
        c.keys().peekable(),
    ];
    std::iter::from_fn(move || {
        let next = its.iter_mut().filter_map(|it| it.peek().copied()).min()?;
        let next = *next;
        for it in &mut its {
            if it.peek() == Some(&&next) {
                it.next();
            }
        }
        Some(next)
    })
}

impl Merger<'_> {
    /// Merges one record map of the three sides.
    fn map<T: Record>(
        &mut self,
        of: impl Fn(&Document) -> &BTreeMap<Id, T>,
        kind: RecordKind,
        fields: fn() -> Vec<Field<T>>,
    ) -> BTreeMap<Id, T> {
        let [base, ours, theirs] = self.sides.map(&of);
        let mut fields_cache: Option<Vec<Field<T>>> = None;
        let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
        for id in union(base, ours, theirs) {
            let (b, o, t) = (base.get(&id), ours.get(&id), theirs.get(&id));
            let taken = if o == t {
                o.cloned()
            } else if o == b {
                self.applied.theirs += 1;
                t.cloned()
            } else if t == b {
                self.applied.ours += 1;
                o.cloned()
            } else {
                self.applied.ours += 1;
                self.applied.theirs += 1;
                match (b, o, t) {
                    (Some(b), Some(o), Some(t)) => {
                        let fields = fields_cache.get_or_insert_with(fields);
                        Some(self.fields(kind, fields, b, o, t))
                    }
                    (None, Some(o), Some(t)) => {
                        // Added on both sides as one record, of one code or
                        // name (`renumber` moved theirs' away otherwise; git's
                        // base of a document both branches added is empty):
                        // each field they give differently is a conflict.
                        let fields = fields_cache.get_or_insert_with(fields);
                        Some(self.fields_without_base(kind, fields, o, t))
                    }
                    (Some(b), None, Some(_)) | (Some(b), Some(_), None) => {
                        // One side removed what the other changed: kept, as the
                        // side that changed it has it.
                        let kept = o.or(t).unwrap_or(b).clone();
                        self.conflicts
                            .push(removed(kind, id, o.is_some(), t.is_some()));
                        Some(kept)
                    }
                    _ => o.cloned(),
                }
            };
            if let Some(record) = taken {
                out.push((id, record));
            }
        }
        out.into_iter().collect()
    }

    fn fields_without_base<T: Record>(
        &mut self,
        kind: RecordKind,
        fields: &[Field<T>],
        ours: &T,
        theirs: &T,
    ) -> T {
        let [_, o, t] = self.sides;
        for field in fields {
            let (mine, other) = ((field.show)(ours, o), (field.show)(theirs, t));
            if mine != other {
                self.wanted.extend((field.ids)(theirs));
                self.conflicts.push(Conflict {
                    record: kind,
                    id: ours.id(),
                    field: field.name.into(),
                    base: None,
                    ours: mine,
                    theirs: other,
                });
            }
        }
        ours.clone()
    }

    fn fields<T: Record>(
        &mut self,
        kind: RecordKind,
        fields: &[Field<T>],
        base: &T,
        ours: &T,
        theirs: &T,
    ) -> T {
        let mut out = ours.clone();
        for field in fields {
            if (field.merge)(&mut out, base, theirs) {
                self.wanted.extend((field.ids)(theirs));
                let [b, o, t] = self.sides;
                self.conflicts.push(Conflict {
                    record: kind,
                    id: ours.id(),
                    field: field.name.into(),
                    base: (field.show)(base, b),
                    ours: (field.show)(ours, o),
                    theirs: (field.show)(theirs, t),
                });
            }
        }
        out
    }
}

impl Merger<'_> {
    /// Brings back what the merge refers to and breaks the cycles moves made,
    /// until neither is left (a parent a cycle goes back to may have to be
    /// brought back, and a unit brought back may close a cycle).
    fn make_whole(&mut self, document: &mut Document) {
        let mut moved_back = HashSet::new();
        loop {
            self.keep_referred(document);
            if !self.break_cycle(document, &mut moved_back) {
                return;
            }
        }
    }

    /// Brings back the units and grids a record of the merge refers to (or
    /// theirs' value of a field in conflict) that one side removed, each
    /// with a `removed` conflict.
    fn keep_referred(&mut self, document: &mut Document) {
        loop {
            let mut missing_units: BTreeSet<Id> = BTreeSet::new();
            let mut missing_grids: BTreeSet<Id> = BTreeSet::new();
            let units = &document.units;
            let mut want = |id: Id| {
                if !units.contains_key(&id) {
                    missing_units.insert(id);
                }
            };
            units.values().filter_map(|u| u.parent).for_each(&mut want);
            for g in document.grids.values() {
                want(g.community);
                g.covered_by.iter().copied().for_each(&mut want);
            }
            for b in document.buildings.values() {
                b.covered_by.into_iter().for_each(&mut want);
                if !document.grids.contains_key(&b.grid) {
                    missing_grids.insert(b.grid);
                }
            }
            document.members.values().for_each(|m| want(m.unit));
            document.households.values().for_each(|h| want(h.linked_by));
            document.co_builders.values().for_each(|c| want(c.joins));
            for &id in &self.wanted {
                if document.grids.contains_key(&id) || units.contains_key(&id) {
                    continue;
                }
                if self.sides.iter().any(|d| d.grids.contains_key(&id)) {
                    missing_grids.insert(id);
                } else {
                    missing_units.insert(id);
                }
            }
            let mut brought = false;
            for id in missing_units {
                brought |= self.bring_back(id, RecordKind::Unit, |d| &d.units, &mut document.units);
            }
            for id in missing_grids {
                brought |= self.bring_back(id, RecordKind::Grid, |d| &d.grids, &mut document.grids);
            }
            if !brought {
                return;
            }
        }
    }

    fn bring_back<T: Record>(
        &mut self,
        id: Id,
        kind: RecordKind,
        of: impl Fn(&Document) -> &BTreeMap<Id, T>,
        into: &mut BTreeMap<Id, T>,
    ) -> bool {
        let [base, ours, theirs] = self.sides.map(of);
        let Some(record) = ours.get(&id).or(theirs.get(&id)).or(base.get(&id)) else {
            return false;
        };
        into.insert(id, record.clone());
        self.conflicts
            .retain(|c| !(c.id == id && c.field == "removed"));
        self.conflicts.push(removed(
            kind,
            id,
            ours.contains_key(&id),
            theirs.contains_key(&id),
        ));
        true
    }

    /// Breaks one cycle of parents made by moves on both sides, with a
    /// `parent` conflict: a unit of the cycle whose parent came from theirs
    /// goes back to ours' parent, or, where ours' is gone from the merge, a
    /// unit whose parent came from ours goes back to theirs' — the same
    /// choice whichever side is ours, so that either way round gives as many
    /// conflicts. Where no side's parent is left, ours' is taken and brought
    /// back by [`Self::keep_referred`]. Each unit goes back once at most
    /// (`moved_back`). False when there is no cycle, or none this can break.
    fn break_cycle(&mut self, document: &mut Document, moved_back: &mut HashSet<Id>) -> bool {
        let Some(cycle) = find_cycle(document) else {
            return false;
        };
        let [base, ours, theirs] = self.sides;
        let back = |side: &Document, present_only: bool| {
            cycle.iter().copied().find_map(|id| {
                let to = side.units.get(&id)?.parent;
                let now = document.units.get(&id)?.parent;
                let present = to.is_none_or(|p| document.units.contains_key(&p));
                (to != now && !moved_back.contains(&id) && (present || !present_only))
                    .then_some((id, to))
            })
        };
        let Some((id, to)) = back(ours, true)
            .or_else(|| back(theirs, true))
            .or_else(|| back(ours, false))
            .or_else(|| back(theirs, false))
        else {
            return false;
        };
        let show = |d: &Document| {
            d.units
                .get(&id)
                .and_then(|u| optional_reference(&u.parent, d))
        };
        self.conflicts.push(Conflict {
            record: RecordKind::Unit,
            id,
            field: "parent".into(),
            base: show(base),
            ours: show(ours),
            theirs: show(theirs),
        });
        if let Some(unit) = document.units.get_mut(&id) {
            unit.parent = to;
        }
        moved_back.insert(id);
        true
    }

    /// Two records given one code: the one whose code came from theirs gets
    /// back ours' code, or a stand-in, with a `code` conflict. A code in
    /// conflict whose other value another record holds makes a pair too.
    fn part_codes(&mut self, document: &mut Document) {
        self.part(
            RecordKind::Unit,
            |d| &d.units,
            |d| &mut d.units,
            document,
            |u| &mut u.code,
        );
        self.part(
            RecordKind::Grid,
            |d| &d.grids,
            |d| &mut d.grids,
            document,
            |g| &mut g.code,
        );
        self.part(
            RecordKind::Building,
            |d| &d.buildings,
            |d| &mut d.buildings,
            document,
            |b| &mut b.code,
        );
    }

    /// Parts one kind's records (whose [`Record::label`] is their code) that
    /// the merge gave one code, then marks the latent clashes.
    fn part<T: Record>(
        &mut self,
        kind: RecordKind,
        of: impl Fn(&Document) -> &BTreeMap<Id, T>,
        of_mut: impl Fn(&mut Document) -> &mut BTreeMap<Id, T>,
        document: &mut Document,
        code: impl Fn(&mut T) -> &mut String,
    ) {
        let [base, ours, theirs] = self.sides.map(&of);
        let in_conflict: Vec<Id> = self
            .conflicts
            .iter()
            .filter(|c| c.record == kind && c.field == "code")
            .map(|c| c.id)
            .collect();
        let mut seen: HashMap<String, Id> = HashMap::new();
        let mut clashes = Vec::new();
        for (id, record) in of(&*document) {
            let c = record.label();
            if let Some(&other) = seen.get(c) {
                clashes.push((other, *id, c.to_owned()));
            } else {
                seen.insert(c.to_owned(), *id);
            }
        }
        let ours_code = |id: Id| ours.get(&id).map(|r| r.label().to_owned());
        let shown =
            |side: &BTreeMap<Id, T>, id: Id| side.get(&id).map(|r| format!("{:?}", r.label()));
        for (first, second, clashing) in clashes {
            // The record whose code ours does not give it is the one to part.
            let id = if ours_code(second).as_ref() != Some(&clashing) {
                second
            } else {
                first
            };
            let mut stand_in = ours_code(id)
                .filter(|c| !seen.contains_key(c))
                .unwrap_or_else(|| format!("{clashing}-{}", id.0));
            while seen.contains_key(&stand_in) {
                stand_in = format!("{stand_in}-{}", id.0);
            }
            seen.insert(stand_in.clone(), id);
            if let Some(record) = of_mut(document).get_mut(&id) {
                *code(record) = stand_in;
            }
            self.conflicts.push(Conflict {
                record: kind,
                id,
                field: "code".into(),
                base: shown(base, id),
                ours: shown(ours, id),
                theirs: Some(format!("{clashing:?}")),
            });
        }
        // A code in conflict keeps ours' value; where theirs' is another
        // record's code, taking it would clash: that record gets a `code`
        // conflict, as the merge the other way round gives it when it parts
        // the pair, so that either way round finds as many.
        let merged = of(&*document);
        let held: HashMap<&str, Id> = merged.iter().map(|(id, r)| (r.label(), *id)).collect();
        for id in in_conflict {
            let Some(&other) = theirs.get(&id).and_then(|r| held.get(r.label())) else {
                continue;
            };
            let marked = |c: &Conflict| c.record == kind && c.id == other && c.field == "code";
            if other == id || self.conflicts.iter().any(marked) {
                continue;
            }
            self.conflicts.push(Conflict {
                record: kind,
                id: other,
                field: "code".into(),
                base: shown(base, other),
                ours: shown(ours, other),
                theirs: shown(theirs, other),
            });
        }
    }
}

/// Units whose parents make a cycle, if any: the units of one cycle (the
/// one the stray of the lowest id runs into).
fn find_cycle(document: &Document) -> Option<Vec<Id>> {
    let graph = crate::graph::Graph::of_units(document.units.values());
    let &stray = graph.tree().strays().first()?;
    Some(graph.tree().cycle(stray))
}

/// Acknowledgements merged as a set by rule and subject, each note three-way;
/// those whose record is gone are dropped.
fn acknowledgements(
    base: &Document,
    ours: &Document,
    theirs: &Document,
    merged: &Document,
    unchanged: &dyn Fn(Id) -> bool,
) -> Vec<Acknowledgement> {
    let keyed = |d: &Document| -> BTreeMap<(String, Id), String> {
        d.acknowledgements
            .iter()
            .map(|a| ((a.rule.clone(), a.subject), a.note.clone()))
            .collect()
    };
    let (b, o, t) = (keyed(base), keyed(ours), keyed(theirs));
    let mut out = Vec::new();
    let keys: BTreeSet<&(String, Id)> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    for key in keys {
        let note = pick(&b.get(key), &o.get(key), &t.get(key)).cloned();
        if let Some(note) = note {
            if merged.kind_of(key.1).is_some() || unchanged(key.1) {
                out.push(Acknowledgement {
                    rule: key.0.clone(),
                    subject: key.1,
                    note: note.clone(),
                });
            }
        }
    }
    out
}
