//! What the rules read of the document's graph: the units by position (the
//! graph's unit order, by id), each unit's children and its subtree's member
//! counts.

use crate::graph::{Counts, Graph};
use crate::model::{Document, Id, Level, Unit};

/// The units by position, over the graph of their document.
pub struct Index<'d> {
    /// The units in id order (the tree's positions).
    pub units: Vec<&'d Unit>,
    graph: &'d Graph,
}

impl<'d> Index<'d> {
    /// The index of `document` over `graph`, its graph.
    pub fn new(document: &'d Document, graph: &'d Graph) -> Index<'d> {
        debug_assert!(graph.tree().ids().iter().eq(document.units.keys()));
        Index {
            units: document.units.values().collect(),
            graph,
        }
    }

    /// The graph, where it holds the places and people too (a
    /// [`Graph::build`]; a graph of units alone has no other nodes).
    pub fn full_graph(&self) -> Option<&'d Graph> {
        (self.graph.node_count() > self.graph.tree().len()).then_some(self.graph)
    }

    /// The position of a unit id.
    pub fn position(&self, id: Id) -> Option<u32> {
        self.graph.tree().position(id).map(|p| p as u32)
    }

    /// Whether the unit at `pos` has a child of `level`.
    pub fn has_child(&self, pos: usize, level: Level) -> bool {
        self.graph
            .tree()
            .children(Some(self.units[pos].id))
            .iter()
            .any(|&c| self.unit(c).is_some_and(|u| u.level == level))
    }

    /// Member counts over the subtree of the unit at `pos`.
    pub fn subtree(&self, pos: usize) -> Counts {
        self.graph.subtree_counts(self.units[pos].id)
    }

    /// The unit with this id.
    pub fn unit(&self, id: Id) -> Option<&'d Unit> {
        self.position(id).map(|p| self.units[p as usize])
    }
}
