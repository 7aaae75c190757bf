//! The unit tree, indexed once per document revision: each unit's parent, its
//! children in natural order ([`crate::order`]), ancestors and subtrees walked
//! without going back to the document. The outline, the canvas, the property
//! panel, the checks, the figures, validation and import all read the tree
//! through this one index.
//!
//! A document being checked may be broken: a parent that does not exist makes
//! its unit a top; units caught in a cycle hang under no top, and every walk
//! stops after as many steps as there are units.

use crate::model::{Document, Id, Unit};
use crate::order::by_code_then_name;
use rustc_hash::FxHashMap;

/// The units of one state of a document, as a tree.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Each unit's parent, where it exists in the document.
    parent: FxHashMap<Id, Id>,
    /// The tops (units with no parent, or a parent that does not exist).
    tops: Vec<Id>,
    /// Each unit's children, in natural order; units with none are absent.
    children: FxHashMap<Id, Vec<Id>>,
    /// A hash of every unit's id, parent, code and name: what the grouping
    /// and the order depend on.
    shape: u64,
}

impl Tree {
    /// Indexes the units of `document`.
    pub fn new(document: &Document) -> Tree {
        Tree::of(document.units.values())
    }

    /// Indexes a set of units (a parent outside the set counts as missing).
    pub fn of<'a>(units: impl IntoIterator<Item = &'a Unit>) -> Tree {
        let mut units: Vec<&Unit> = units.into_iter().collect();
        units.sort_by(|a, b| by_code_then_name((&a.code, &a.name), (&b.code, &b.name)));
        let known: rustc_hash::FxHashSet<Id> = units.iter().map(|u| u.id).collect();
        let mut tree = Tree {
            shape: shape_of(units.iter().copied()),
            ..Tree::default()
        };
        for u in units {
            match u.parent.filter(|p| known.contains(p) && *p != u.id) {
                Some(p) => {
                    tree.parent.insert(u.id, p);
                    tree.children.entry(p).or_default().push(u.id);
                }
                None => tree.tops.push(u.id),
            }
        }
        tree
    }

    /// Whether `document`'s units still have this tree's shape (most edits —
    /// members, grids, a leader — leave it alone).
    pub fn fits(&self, document: &Document) -> bool {
        self.shape == shape_of(document.units.values())
    }

    /// The tops: streets, and units whose parent is missing.
    pub fn tops(&self) -> &[Id] {
        &self.tops
    }

    /// The children of a unit (the tops for `None`), in natural order.
    pub fn children(&self, parent: Option<Id>) -> &[Id] {
        match parent {
            None => &self.tops,
            Some(p) => self.children.get(&p).map_or(&[], Vec::as_slice),
        }
    }

    /// Whether a unit has children.
    pub fn has_children(&self, id: Id) -> bool {
        self.children.contains_key(&id)
    }

    /// A unit's parent, where it exists.
    pub fn parent(&self, id: Id) -> Option<Id> {
        self.parent.get(&id).copied()
    }

    /// The units above `id`, nearest first. A cycle ends the walk once it
    /// comes back round.
    pub fn ancestors(&self, id: Id) -> Ancestors<'_> {
        Ancestors {
            tree: self,
            at: id,
            left: self.parent.len(),
        }
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
            stack.extend(self.children(Some(at)).iter().rev());
        }
        found
    }

    /// Every unit under the tops, in the order a reader lists them.
    pub fn in_order(&self) -> Vec<Id> {
        self.tops.iter().flat_map(|&t| self.subtree(t)).collect()
    }
}

/// The units above one, nearest first: see [`Tree::ancestors`].
pub struct Ancestors<'a> {
    tree: &'a Tree,
    at: Id,
    left: usize,
}

impl Iterator for Ancestors<'_> {
    type Item = Id;

    fn next(&mut self) -> Option<Id> {
        self.left = self.left.checked_sub(1)?;
        let parent = self.tree.parent(self.at)?;
        self.at = parent;
        Some(parent)
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
    use super::Tree;
    use crate::model::{Document, Id, Level, Unit};

    fn unit(id: u32, code: &str, parent: Option<u32>) -> Unit {
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
        let tree = Tree::new(&d);
        assert_eq!(tree.children(Some(Id(1))), [Id(3), Id(2)]);
        assert_eq!(tree.tops(), [Id(1), Id(7)]);
        assert_eq!(tree.ancestors(Id(4)).collect::<Vec<_>>(), [Id(3), Id(1)]);
        assert_eq!(tree.subtree(Id(1)), [Id(1), Id(3), Id(4), Id(2)]);
        assert!(tree.ancestors(Id(5)).count() <= 7);
        assert!(tree.is_within(Id(4), Id(1)) && !tree.is_within(Id(2), Id(3)));
        assert!(tree.fits(&d));
        let mut moved = d.clone();
        moved.units.get_mut(&Id(2)).unwrap().parent = Some(Id(3));
        assert!(!tree.fits(&moved));
    }
}
