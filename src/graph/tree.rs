//! The unit tree as the graph derives it from its `Contains` edges between
//! units: each unit's parent, its children in natural order
//! ([`crate::order`]), the tops, and the units under no top. The outline, the
//! canvas, the property panel, the checks, the figures, validation and import
//! all read the tree through this view of the [`super::Graph`].
//!
//! A document being checked may be broken: a parent that does not exist makes
//! its unit a top; units caught in a cycle (a unit its own parent included),
//! or hanging below one, are strays under no top, and every walk stops when it
//! comes back round.

use crate::model::id_table::IdTable;
use crate::model::{Document, Id, Unit};
use crate::order::by_code_then_name;
use rustc_hash::FxHashSet;

/// No parent (a top), or no unit.
const NONE: u32 = u32::MAX;

/// The units of one state of a document, as a tree. Positions are the units'
/// places among the graph's nodes; they stay inside the graph module.
#[derive(Debug, Clone)]
pub struct Tree {
    /// Each unit's position, by id.
    slot: IdTable,
    /// Each unit's id, by position.
    ids: Vec<Id>,
    /// Each unit's parent's position, or [`NONE`].
    parent: Vec<u32>,
    /// Where each unit's children start in `children` (one more entry than
    /// there are units: the last is the end).
    first_child: Vec<u32>,
    /// Every unit's children, each unit's in natural order.
    children: Vec<Id>,
    /// The tops (units with no parent, or a parent that does not exist).
    tops: Vec<Id>,
    /// The positions of the units under the tops, in reading order.
    order: Vec<u32>,
    /// The units under no top, by id (none in a sound document).
    strays: Vec<Id>,
    /// A hash of every unit's id, parent, code and name: what the grouping
    /// and the order depend on.
    shape: u64,
}

impl Tree {
    /// The tree of `units` (the graph's unit nodes, by position), each with
    /// its parent's position as the graph's `Contains` edges give it.
    pub(super) fn new(units: &[&Unit], parent: Vec<u32>, slot: IdTable) -> Tree {
        let mut first_child = vec![0u32; units.len() + 1];
        for &p in &parent {
            if p != NONE {
                first_child[p as usize + 1] += 1;
            }
        }
        for i in 1..first_child.len() {
            first_child[i] += first_child[i - 1];
        }
        // Positions first, each family filled in id order and then sorted
        // on its own (a few units each; sorting all of a city's 69,000 units
        // at once took most of the build), equal names staying in id order.
        let mut filled = first_child.clone();
        let mut children = vec![0u32; first_child[units.len()] as usize];
        let mut tops = Vec::new();
        for (at, &p) in parent.iter().enumerate() {
            match p {
                NONE => tops.push(at as u32),
                p => {
                    children[filled[p as usize] as usize] = at as u32;
                    filled[p as usize] += 1;
                }
            }
        }
        let natural = |a: &u32, b: &u32| {
            let (a, b) = (units[*a as usize], units[*b as usize]);
            by_code_then_name((&a.code, &a.name), (&b.code, &b.name))
        };
        tops.sort_by(natural);
        for family in first_child.windows(2) {
            children[family[0] as usize..family[1] as usize].sort_by(natural);
        }
        let id = |at: u32| units[at as usize].id;
        let mut tree = Tree {
            slot,
            ids: units.iter().map(|u| u.id).collect(),
            parent,
            first_child,
            children: children.into_iter().map(id).collect(),
            tops: tops.into_iter().map(id).collect(),
            order: Vec::new(),
            strays: Vec::new(),
            shape: shape_of(units.iter().copied()),
        };
        tree.order = tree.walk_from_tops();
        if tree.order.len() < units.len() {
            let mut reached = vec![false; units.len()];
            for &at in &tree.order {
                reached[at as usize] = true;
            }
            tree.strays = (0..units.len())
                .filter(|&at| !reached[at])
                .map(|at| tree.ids[at])
                .collect();
            tree.strays.sort_unstable();
        }
        tree
    }

    /// The positions of the units under the tops, parents before children,
    /// siblings in natural order.
    fn walk_from_tops(&self) -> Vec<u32> {
        let mut found = Vec::with_capacity(self.ids.len());
        let mut stack: Vec<u32> = self
            .tops
            .iter()
            .rev()
            .filter_map(|&t| self.slot.get(t))
            .collect();
        while let Some(at) = stack.pop() {
            found.push(at);
            stack.extend(
                self.children_at(at as usize)
                    .iter()
                    .rev()
                    .filter_map(|&c| self.slot.get(c)),
            );
        }
        found
    }

    /// Whether `document`'s units still have this tree's shape (most edits —
    /// members, grids, a leader — leave it alone).
    pub fn fits(&self, document: &Document) -> bool {
        self.shape == shape_of(document.units.values())
    }

    /// How many units the tree holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the tree holds no unit.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Every unit of the tree, by id.
    pub fn ids(&self) -> &[Id] {
        &self.ids
    }

    /// Whether `id` is a unit of the tree.
    pub fn contains(&self, id: Id) -> bool {
        self.slot.get(id).is_some()
    }

    /// A unit's place among the tree's units (in a document's graph, its
    /// rank by id), if it is in the tree.
    pub fn position(&self, id: Id) -> Option<usize> {
        self.slot.get(id).map(|p| p as usize)
    }

    /// The tops: streets, and units whose parent is missing.
    pub fn tops(&self) -> &[Id] {
        &self.tops
    }

    /// The children of a unit (the tops for `None`), in natural order.
    pub fn children(&self, parent: Option<Id>) -> &[Id] {
        match parent {
            None => &self.tops,
            Some(p) => self.position(p).map_or(&[], |p| self.children_at(p)),
        }
    }

    /// The children of the unit at `position`, in natural order.
    pub(super) fn children_at(&self, position: usize) -> &[Id] {
        let (from, to) = (self.first_child[position], self.first_child[position + 1]);
        &self.children[from as usize..to as usize]
    }

    /// Whether a unit has children.
    pub fn has_children(&self, id: Id) -> bool {
        !self.children(Some(id)).is_empty()
    }

    /// A unit's parent, where it exists.
    pub fn parent(&self, id: Id) -> Option<Id> {
        let p = self.parent_position(self.position(id)?)?;
        Some(self.ids[p])
    }

    /// The units above `id`, nearest first. A cycle ends the walk before it
    /// comes back round.
    pub fn ancestors(&self, id: Id) -> Ancestors<'_> {
        Ancestors {
            tree: self,
            at: self.position(id).map_or(NONE, |p| p as u32),
            // Only a stray's walk can come back round: the others need no record.
            seen: self.is_stray(id).then(|| FxHashSet::from_iter([id])),
        }
    }

    /// The units under no top, by id: those in a cycle of parents and those
    /// below one. A document that passes validation has none.
    pub fn strays(&self) -> &[Id] {
        &self.strays
    }

    /// Whether `id` is under no top (see [`Tree::strays`]).
    pub fn is_stray(&self, id: Id) -> bool {
        self.strays.binary_search(&id).is_ok()
    }

    /// The cycle `id`'s chain of parents runs into, starting from the first
    /// unit the walk up reaches twice and following parents from there;
    /// empty when `id` is under a top.
    pub fn cycle(&self, id: Id) -> Vec<Id> {
        if !self.is_stray(id) {
            return Vec::new();
        }
        let mut seen = FxHashSet::default();
        let mut at = id;
        while seen.insert(at) {
            match self.parent(at) {
                Some(p) => at = p,
                None => return Vec::new(),
            }
        }
        let mut cycle = vec![at];
        cycle.extend(self.ancestors(at));
        cycle
    }

    /// How many units are above `id`.
    pub fn depth(&self, id: Id) -> usize {
        self.ancestors(id).count()
    }

    /// Whether `ancestor` is `id` or above it.
    pub fn is_within(&self, id: Id, ancestor: Id) -> bool {
        id == ancestor || self.ancestors(id).any(|a| a == ancestor)
    }

    /// `id` and every unit below it, in the order a reader lists them (a unit
    /// before its children, siblings in natural order).
    pub fn subtree(&self, id: Id) -> Vec<Id> {
        let mut found = Vec::new();
        let mut stack = vec![id];
        while let Some(at) = stack.pop() {
            found.push(at);
            // With one parent each, a walk down can only come back to where it
            // began, and only when `id` is in a cycle.
            stack.extend(self.children(Some(at)).iter().rev().filter(|&&c| c != id));
        }
        found
    }

    /// Every unit under the tops, in the order a reader lists them.
    pub fn in_order(&self) -> Vec<Id> {
        self.order.iter().map(|&at| self.ids[at as usize]).collect()
    }

    /// The positions of the units under the tops, in the order a reader
    /// lists them.
    pub(super) fn positions_in_order(&self) -> &[u32] {
        &self.order
    }

    /// The parent position of the unit at `position`, where it has one.
    pub(super) fn parent_position(&self, position: usize) -> Option<usize> {
        match self.parent[position] {
            NONE => None,
            p => Some(p as usize),
        }
    }
}

/// The units above one, nearest first: see [`Tree::ancestors`].
pub struct Ancestors<'a> {
    tree: &'a Tree,
    /// The position reached, or [`NONE`] for a unit not in the tree.
    at: u32,
    /// The units walked so far, for a stray (whose walk may come back round).
    seen: Option<FxHashSet<Id>>,
}

impl Iterator for Ancestors<'_> {
    type Item = Id;

    fn next(&mut self) -> Option<Id> {
        if self.at == NONE {
            return None;
        }
        let parent = self.tree.parent[self.at as usize];
        if parent == NONE {
            return None;
        }
        let id = self.tree.ids[parent as usize];
        if let Some(seen) = &mut self.seen {
            if !seen.insert(id) {
                return None;
            }
        }
        self.at = parent;
        Some(id)
    }
}

fn shape_of<'a>(units: impl Iterator<Item = &'a Unit>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut sorted: Vec<&Unit> = units.collect();
    sorted.sort_unstable_by_key(|u| u.id);
    let mut hasher = rustc_hash::FxHasher::default();
    for u in sorted {
        (u.id, u.parent, &u.code, &u.name).hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use crate::graph::Graph;
    use crate::model::{Document, Id, Level, Unit};

    fn unit(id: u64, code: &str, parent: Option<u64>) -> Unit {
        Unit::new(
            Id(id),
            code.into(),
            code.into(),
            Level::Branch,
            parent.map(Id),
        )
    }

    fn document(units: Vec<Unit>) -> Document {
        let mut d = Document::new("t");
        for u in units {
            d.units.insert(u.id, u);
        }
        d
    }

    #[test]
    fn children_come_in_natural_order_and_walks_stop_on_cycles() {
        let d = document(vec![
            unit(1, "J01", None),
            unit(2, "J01-B10", Some(1)),
            unit(3, "J01-B2", Some(1)),
            unit(4, "J01-B2-G1", Some(3)),
            unit(5, "X", Some(6)),
            unit(6, "Y", Some(5)),
            unit(7, "Z", Some(99)),
        ]);
        let graph = Graph::build(&d);
        let tree = graph.tree();
        assert_eq!(tree.children(Some(Id(1))), [Id(3), Id(2)]);
        assert_eq!(tree.tops(), [Id(1), Id(7)]);
        assert_eq!(tree.ancestors(Id(4)).collect::<Vec<_>>(), [Id(3), Id(1)]);
        assert_eq!(tree.subtree(Id(1)), [Id(1), Id(3), Id(4), Id(2)]);
        assert_eq!(tree.ancestors(Id(5)).collect::<Vec<_>>(), [Id(6)]);
        assert!(tree.is_within(Id(4), Id(1)) && !tree.is_within(Id(2), Id(3)));
        assert!(tree.fits(&d));
        let mut moved = d.clone();
        moved.units.get_mut(&Id(2)).unwrap().parent = Some(Id(3));
        assert!(!tree.fits(&moved));
    }

    #[test]
    fn strays_and_their_cycles_are_found_and_walked_once() {
        let d = document(vec![
            unit(1, "J01", None),
            unit(2, "A", Some(3)),
            unit(3, "B", Some(4)),
            unit(4, "C", Some(3)),
            unit(5, "S", Some(5)),
            unit(6, "T", Some(1)),
        ]);
        let graph = Graph::build(&d);
        let tree = graph.tree();
        assert_eq!(tree.strays(), [Id(2), Id(3), Id(4), Id(5)]);
        assert!(!tree.is_stray(Id(6)) && tree.cycle(Id(6)).is_empty());
        assert_eq!(tree.cycle(Id(2)), [Id(3), Id(4)]);
        assert_eq!(tree.cycle(Id(4)), [Id(4), Id(3)]);
        assert_eq!(tree.cycle(Id(5)), [Id(5)]);
        assert_eq!(tree.ancestors(Id(2)).collect::<Vec<_>>(), [Id(3), Id(4)]);
        assert_eq!(tree.ancestors(Id(5)).count(), 0);
        assert_eq!(tree.subtree(Id(3)), [Id(3), Id(2), Id(4)]);
        assert_eq!(tree.subtree(Id(5)), [Id(5)]);
        assert_eq!(tree.in_order(), [Id(1), Id(6)]);
    }
}
