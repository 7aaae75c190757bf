//! The input of the layout: a plain tree of boxes, independent of the document.

use crate::graph::Tree;
use crate::model::{Document, Id, Unit};
use thiserror::Error;

/// One box of a [`LayoutTree`]: the record it shows, its size, and its children.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutNode {
    /// The record the box shows (a unit, for trees built from a document).
    pub id: Id,
    /// Box width and height in points.
    pub size: (f32, f32),
    /// Indices of the child boxes in the tree's node list, in drawing order.
    pub children: Vec<usize>,
}

/// A forest of boxes to lay out: every node is reached exactly once from the roots.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutTree {
    nodes: Vec<LayoutNode>,
    roots: Vec<usize>,
}

/// Why a list of nodes is not a tree the layout can place.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TreeError {
    /// A root or child index points past the node list.
    #[error("节点下标 {0} 超出范围")]
    OutOfRange(usize),
    /// A node is reached twice (shared child or cycle) from the roots.
    #[error("节点 {0} 被重复引用（不是树）")]
    Shared(usize),
    /// A node is not reached from any root.
    #[error("节点 {0} 不在任何根之下")]
    Unreached(usize),
    /// A box size is negative or not a finite number.
    #[error("节点 {0} 的尺寸无效")]
    BadSize(usize),
    /// The requested root is not a unit of the document.
    #[error("找不到根单位 {0}")]
    UnknownRoot(Id),
}

impl LayoutTree {
    /// Checks that `nodes` form a forest under `roots` (each node reached exactly
    /// once, finite non-negative sizes) and wraps them.
    pub fn new(nodes: Vec<LayoutNode>, roots: Vec<usize>) -> Result<LayoutTree, TreeError> {
        let mut seen = vec![false; nodes.len()];
        let mut stack: Vec<usize> = Vec::new();
        for &r in roots.iter().rev() {
            stack.push(r);
        }
        while let Some(i) = stack.pop() {
            let node = nodes.get(i).ok_or(TreeError::OutOfRange(i))?;
            if std::mem::replace(&mut seen[i], true) {
                return Err(TreeError::Shared(i));
            }
            let (w, h) = node.size;
            if !(w.is_finite() && h.is_finite() && w >= 0.0 && h >= 0.0) {
                return Err(TreeError::BadSize(i));
            }
            stack.extend(node.children.iter().rev());
        }
        if let Some(i) = seen.iter().position(|s| !s) {
            return Err(TreeError::Unreached(i));
        }
        Ok(LayoutTree { nodes, roots })
    }

    /// The units of `document` under `root` (every top of `tree` side by side
    /// when `None`), children in natural code order. `depth` limits the levels
    /// kept, the root's level counting as 1 (`Some(1)` keeps the roots alone).
    /// `box_size` gives each unit's box width and height in points.
    pub fn from_document(
        document: &Document,
        tree: &Tree,
        root: Option<Id>,
        depth: Option<u8>,
        box_size: impl Fn(&Unit) -> (f32, f32),
    ) -> Result<LayoutTree, TreeError> {
        let tops: &[Id] = match root {
            Some(id) if document.units.contains_key(&id) => &[id],
            Some(id) => return Err(TreeError::UnknownRoot(id)),
            None => tree.tops(),
        };
        LayoutTree::from_children(
            document,
            tops,
            depth,
            |id| tree.children(Some(id)).iter().copied(),
            box_size,
        )
    }

    /// The units of `document` below `tops`, each unit's children as `children`
    /// gives them (in drawing order; an empty list folds a subtree away), at most
    /// `depth` levels deep. Units that are not in the document are left out.
    pub fn from_children<I>(
        document: &Document,
        tops: &[Id],
        depth: Option<u8>,
        children: impl Fn(Id) -> I,
        box_size: impl Fn(&Unit) -> (f32, f32),
    ) -> Result<LayoutTree, TreeError>
    where
        I: IntoIterator<Item = Id>,
        I::IntoIter: DoubleEndedIterator,
    {
        LayoutTree::from_units(
            |id| document.units.get(&id),
            tops,
            depth,
            children,
            box_size,
        )
    }

    /// As [`LayoutTree::from_children`], the units found by `unit` rather
    /// than in one document (the editor's canvas also lays out the units of
    /// a version it compares with).
    pub fn from_units<'a, I>(
        unit: impl Fn(Id) -> Option<&'a Unit>,
        tops: &[Id],
        depth: Option<u8>,
        children: impl Fn(Id) -> I,
        box_size: impl Fn(&Unit) -> (f32, f32),
    ) -> Result<LayoutTree, TreeError>
    where
        I: IntoIterator<Item = Id>,
        I::IntoIter: DoubleEndedIterator,
    {
        let max_depth = depth.map_or(usize::MAX, usize::from);
        let mut nodes: Vec<LayoutNode> = Vec::new();
        let mut roots = Vec::new();
        let mut placed = rustc_hash::FxHashSet::default();
        // (unit, level counted from 1, parent node index)
        let mut stack: Vec<(Id, usize, Option<usize>)> =
            tops.iter().rev().map(|&id| (id, 1, None)).collect();
        while let Some((id, level, parent)) = stack.pop() {
            // A unit reached twice can only come from a broken parent chain (a cycle
            // under an explicit root); drawing it once keeps the result a tree.
            if level > max_depth || !placed.insert(id) {
                continue;
            }
            let Some(unit) = unit(id) else {
                continue;
            };
            let index = nodes.len();
            nodes.push(LayoutNode {
                id,
                size: box_size(unit),
                children: Vec::new(),
            });
            match parent {
                Some(p) => nodes[p].children.push(index),
                None => roots.push(index),
            }
            stack.extend(
                children(id)
                    .into_iter()
                    .rev()
                    .map(|c| (c, level + 1, Some(index))),
            );
        }
        LayoutTree::new(nodes, roots)
    }

    /// The tree cut below `depth` levels, the roots' counting as 1: what
    /// [`LayoutTree::from_units`] gives for that depth, without measuring the
    /// boxes again.
    pub fn to_depth(&self, depth: usize) -> LayoutTree {
        let mut nodes: Vec<LayoutNode> = Vec::new();
        let mut roots = Vec::new();
        // (node here, level counted from 1, parent's index in the cut tree)
        let mut stack: Vec<(usize, usize, Option<usize>)> =
            self.roots.iter().rev().map(|&r| (r, 1, None)).collect();
        while let Some((node, level, parent)) = stack.pop() {
            if level > depth {
                continue;
            }
            let index = nodes.len();
            let LayoutNode { id, size, children } = &self.nodes[node];
            nodes.push(LayoutNode {
                id: *id,
                size: *size,
                children: Vec::new(),
            });
            match parent {
                Some(p) => nodes[p].children.push(index),
                None => roots.push(index),
            }
            stack.extend(children.iter().rev().map(|&c| (c, level + 1, Some(index))));
        }
        LayoutTree { nodes, roots }
    }

    /// The boxes' areas put together: every layout of the tree, its boxes
    /// side by side without overlapping, covers at least this much.
    pub fn box_area(&self) -> f64 {
        self.nodes
            .iter()
            .map(|n| f64::from(n.size.0) * f64::from(n.size.1))
            .sum()
    }

    /// The boxes, indexed as in [`Layout::boxes`](super::Layout::boxes).
    pub fn nodes(&self) -> &[LayoutNode] {
        &self.nodes
    }

    /// The top boxes, laid out side by side in this order.
    pub fn roots(&self) -> &[usize] {
        &self.roots
    }

    /// Number of boxes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the tree has no box at all.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}
