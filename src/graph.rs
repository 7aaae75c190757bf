//! The document seen as a typed graph, and the queries the rest of the program
//! asks of it.
//!
//! Nodes are records, named by their stable [`Id`]; petgraph's indices stay
//! inside this module. The tree of units is the spine (`Contains` edges); grids
//! and buildings hang off it, members belong to units, central households link
//! households, co-building units join streets and communities. The questions
//! about the tree alone (children in natural order, ancestors, subtrees) go to
//! the [`Tree`] index built alongside.

use crate::model::id_table::IdTable;
use crate::model::{Document, Id, RecordKind};
use crate::tree::Tree;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction::{Incoming, Outgoing};

/// The kind of a relation between two records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// Parent unit → child unit; community → grid; grid → building.
    Contains,
    /// Branch → grid it covers; group → building it covers.
    Covers,
    /// Central household → linked household.
    Links,
    /// Member → the unit it is organized in.
    Belongs,
    /// Co-building unit → street or community it joins.
    CoBuilds,
}

/// A node of the graph: a record's id and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    /// The record's id.
    pub id: Id,
    /// What kind of record it is.
    pub kind: RecordKind,
}

/// The typed graph of one document. Build it again after the document changes.
pub struct Graph {
    graph: DiGraph<Node, EdgeKind>,
    /// Node index by id.
    index: IdTable,
    /// The units as a tree.
    tree: Tree,
}

impl Graph {
    /// Builds the graph of a document (linear in its size).
    pub fn build(document: &Document) -> Graph {
        let nodes = document.units.len()
            + document.grids.len()
            + document.buildings.len()
            + document.members.len()
            + document.households.len()
            + document.co_builders.len();
        let mut graph = DiGraph::with_capacity(nodes, nodes);
        // Sized by the records, not by `next_id`, which is a number from the file.
        let mut index = IdTable::for_records(document);
        let mut add = |graph: &mut DiGraph<Node, EdgeKind>, id: Id, kind: RecordKind| {
            let n = graph.add_node(Node { id, kind });
            index.insert(id, n.index() as u32);
        };
        for &id in document.units.keys() {
            add(&mut graph, id, RecordKind::Unit);
        }
        for &id in document.grids.keys() {
            add(&mut graph, id, RecordKind::Grid);
        }
        for &id in document.buildings.keys() {
            add(&mut graph, id, RecordKind::Building);
        }
        for &id in document.members.keys() {
            add(&mut graph, id, RecordKind::Member);
        }
        for &id in document.households.keys() {
            add(&mut graph, id, RecordKind::Household);
        }
        for &id in document.co_builders.keys() {
            add(&mut graph, id, RecordKind::CoBuilder);
        }
        let mut this = Graph {
            graph,
            index,
            tree: Tree::new(document),
        };
        for unit in document.units.values() {
            if let Some(parent) = unit.parent {
                this.connect(parent, unit.id, EdgeKind::Contains);
            }
        }
        for grid in document.grids.values() {
            this.connect(grid.community, grid.id, EdgeKind::Contains);
            for &branch in &grid.covered_by {
                this.connect(branch, grid.id, EdgeKind::Covers);
            }
        }
        for building in document.buildings.values() {
            this.connect(building.grid, building.id, EdgeKind::Contains);
            if let Some(group) = building.covered_by {
                this.connect(group, building.id, EdgeKind::Covers);
            }
        }
        for member in document.members.values() {
            this.connect(member.id, member.unit, EdgeKind::Belongs);
        }
        for household in document.households.values() {
            this.connect(household.linked_by, household.id, EdgeKind::Links);
        }
        for co in document.co_builders.values() {
            this.connect(co.id, co.joins, EdgeKind::CoBuilds);
        }
        this
    }

    fn node(&self, id: Id) -> Option<NodeIndex> {
        self.index.get(id).map(|n| NodeIndex::new(n as usize))
    }

    /// Adds an edge where both ends exist (a dangling member simply gets none).
    fn connect(&mut self, from: Id, to: Id, kind: EdgeKind) {
        if let (Some(a), Some(b)) = (self.node(from), self.node(to)) {
            self.graph.add_edge(a, b, kind);
        }
    }

    /// Number of records in the graph.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of relations in the graph.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// What kind of record `id` is, if it is in the graph.
    pub fn kind(&self, id: Id) -> Option<RecordKind> {
        self.node(id).map(|n| self.graph[n].kind)
    }

    /// Records reached from `id` over edges of `kind` in `outgoing` direction,
    /// in the order the edges were added.
    fn neighbours(&self, id: Id, kind: EdgeKind, outgoing: bool) -> Vec<Id> {
        let Some(n) = self.node(id) else {
            return Vec::new();
        };
        let direction = if outgoing { Outgoing } else { Incoming };
        let mut found: Vec<Id> = self
            .graph
            .edges_directed(n, direction)
            .filter(|e| *e.weight() == kind)
            .map(|e| {
                let other = if outgoing { e.target() } else { e.source() };
                self.graph[other].id
            })
            .collect();
        // petgraph lists a node's edges newest first.
        found.reverse();
        found
    }

    /// The unit (or community, for a grid; grid, for a building) that contains `id`.
    pub fn parent(&self, id: Id) -> Option<Id> {
        self.neighbours(id, EdgeKind::Contains, false)
            .first()
            .copied()
    }

    /// The child units of a unit, in natural code order (grids and buildings excluded).
    pub fn children(&self, id: Id) -> Vec<Id> {
        self.tree.children(Some(id)).to_vec()
    }

    /// The units above `id`, nearest first (a cycle ends the walk before it
    /// comes back round).
    pub fn ancestors(&self, id: Id) -> Vec<Id> {
        self.tree.ancestors(id).collect()
    }

    /// `id` and every unit below it, in pre-order (parents before children).
    pub fn subtree(&self, id: Id) -> Vec<Id> {
        if self.kind(id) != Some(RecordKind::Unit) {
            return Vec::new();
        }
        self.tree.subtree(id)
    }

    /// The members organized directly in a unit.
    pub fn members_of(&self, unit: Id) -> Vec<Id> {
        self.neighbours(unit, EdgeKind::Belongs, false)
    }

    /// The members organized anywhere in the subtree of `unit`.
    pub fn members_of_subtree(&self, unit: Id) -> Vec<Id> {
        self.subtree(unit)
            .into_iter()
            .flat_map(|u| self.members_of(u))
            .collect()
    }

    /// The branches covering a grid, or the group covering a building.
    pub fn covering(&self, grid_or_building: Id) -> Vec<Id> {
        self.neighbours(grid_or_building, EdgeKind::Covers, false)
    }

    /// The grids a branch covers, or the buildings a group covers.
    pub fn covered_by(&self, unit: Id) -> Vec<Id> {
        self.neighbours(unit, EdgeKind::Covers, true)
    }

    /// The grids of a community, or the buildings of a grid.
    pub fn contained_places(&self, id: Id) -> Vec<Id> {
        let mut places = self.neighbours(id, EdgeKind::Contains, true);
        places.retain(|&c| matches!(self.kind(c), Some(RecordKind::Grid | RecordKind::Building)));
        places
    }

    /// The households a central household links.
    pub fn linked_households(&self, central: Id) -> Vec<Id> {
        self.neighbours(central, EdgeKind::Links, true)
    }

    /// The central household(s) linking a household.
    pub fn linked_by(&self, household: Id) -> Vec<Id> {
        self.neighbours(household, EdgeKind::Links, false)
    }

    /// The co-building units that join a street or community.
    pub fn co_builders_of(&self, unit: Id) -> Vec<Id> {
        self.neighbours(unit, EdgeKind::CoBuilds, false)
    }
}
