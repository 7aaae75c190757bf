//! The document seen as a typed graph — the one index derived from a
//! document, built once per revision — and the queries the rest of the
//! program asks of it.
//!
//! Nodes are records, named by their stable [`Id`]; petgraph's indices stay
//! inside this module. The tree of units is the spine (`Contains` edges); grids
//! and buildings hang off it, members belong to units, central households link
//! households, co-building units join streets and communities. Derived from
//! the edges once, as the graph is built: the unit [`Tree`] (children in
//! natural order, tops, strays) and each unit's member [`Counts`], direct and
//! over its subtree.

mod counts;
mod tree;

pub use counts::{is_committee_position, Counts};
pub use tree::{Ancestors, Tree};

use crate::model::id_table::{self, IdTable};
use crate::model::{Document, Id, Member, RecordKind, Unit};
use counts::UnitCounts;
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
#[derive(Debug)]
pub struct Graph {
    graph: DiGraph<Node, EdgeKind>,
    /// Node index by id.
    index: IdTable,
    /// The units as a tree.
    tree: Tree,
    /// Member counts per unit.
    counts: UnitCounts,
}

impl Graph {
    /// Builds the graph of a document (linear in its size, but for sorting
    /// each unit's children). The tree and the counts are derived on a
    /// second thread while the other records join the graph.
    pub fn build(document: &Document) -> Graph {
        let units: Vec<&Unit> = document.units.values().collect();
        let records = document.record_count();
        let mut graph = DiGraph::with_capacity(records, records);
        // Sized by the records, not by `next_id`, which is a number from the file.
        let mut index = IdTable::for_records(document);
        // The units' own table over every record's ids, so that units
        // scattered among members still get a dense one.
        let mut slot = match id_table::span(&document.units) {
            Some((lo, hi, _)) => IdTable::new(lo, hi, records),
            None => IdTable::new(Id(0), Id(0), 0),
        };
        for (i, u) in units.iter().enumerate() {
            slot.insert(u.id, i as u32);
        }
        for u in &units {
            add_node(&mut graph, &mut index, u.id, RecordKind::Unit);
        }
        let parent = unit_parents(&mut graph, &index, &units);
        std::thread::scope(|scope| {
            let derived = scope.spawn(|| {
                let direct = counts::direct(
                    units.len(),
                    |id| slot.get(id).map(|p| p as usize),
                    document.members.values(),
                );
                let tree = Tree::new(&units, parent, slot);
                let counts = UnitCounts::new(&tree, direct);
                (tree, counts)
            });
            add_places_and_people(document, &mut graph, &mut index);
            let (tree, counts) = joined(derived);
            Graph {
                graph,
                index,
                tree,
                counts,
            }
        })
    }

    /// The graph of a document's units alone, with their member counts:
    /// the tree and the counts without the nodes of places and people (of
    /// which a city has half a million), for what reads no more — a check,
    /// the figures, the tables, a printout. Questions about places and people
    /// ([`Graph::covering`], [`Graph::members_of`] …) find nothing in it.
    pub fn units(document: &Document) -> Graph {
        let units: Vec<&Unit> = document.units.values().collect();
        Graph::of_sorted_units(units, document.record_count(), document.members.values())
    }

    /// The graph of a set of units alone (a parent outside the set counts as
    /// missing): the tree of a part of a document, or of units that are in
    /// none (a compared version's ghosts). Its counts are zero.
    pub fn of_units<'a>(units: impl IntoIterator<Item = &'a Unit>) -> Graph {
        let mut units: Vec<&Unit> = units.into_iter().collect();
        units.sort_unstable_by_key(|u| u.id);
        units.dedup_by_key(|u| u.id);
        let records = units.len();
        Graph::of_sorted_units(units, records, std::iter::empty())
    }

    /// The graph of `units` (by id, each once) with the counts of `members`,
    /// its id table sized for `records` (so that units scattered among other
    /// records keep a dense one). The members are counted on a second thread
    /// while the tree is derived.
    fn of_sorted_units<'a>(
        units: Vec<&Unit>,
        records: usize,
        members: impl Iterator<Item = &'a Member> + Send,
    ) -> Graph {
        let mut graph = DiGraph::with_capacity(units.len(), units.len());
        let mut index = match units.first().zip(units.last()) {
            Some((lo, hi)) => IdTable::new(lo.id, hi.id, records),
            None => IdTable::new(Id(0), Id(0), 0),
        };
        for u in &units {
            add_node(&mut graph, &mut index, u.id, RecordKind::Unit);
        }
        let parent = unit_parents(&mut graph, &index, &units);
        let (tree, direct) = std::thread::scope(|scope| {
            let direct = scope.spawn(|| {
                counts::direct(units.len(), |id| index.get(id).map(|p| p as usize), members)
            });
            let tree = Tree::new(&units, parent, index.clone());
            (tree, joined(direct))
        });
        Graph {
            counts: UnitCounts::new(&tree, direct),
            graph,
            index,
            tree,
        }
    }

    /// The units as a tree.
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The members organized directly in `unit`, counted (zero for a record
    /// that is no unit).
    pub fn direct_counts(&self, unit: Id) -> Counts {
        self.tree
            .position(unit)
            .map_or_else(Counts::default, |p| self.counts.direct[p])
    }

    /// The members organized anywhere in `unit`'s subtree, counted; a stray
    /// (see [`Tree::strays`]) counts only its own.
    pub fn subtree_counts(&self, unit: Id) -> Counts {
        self.tree
            .position(unit)
            .map_or_else(Counts::default, |p| self.counts.subtree[p])
    }

    fn node(&self, id: Id) -> Option<NodeIndex> {
        node(&self.index, id)
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

/// The result of a scoped thread, passing on its panic (a bug) if it had one.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Adds a record's node, indexed by its id.
fn add_node(graph: &mut DiGraph<Node, EdgeKind>, index: &mut IdTable, id: Id, kind: RecordKind) {
    let n = graph.add_node(Node { id, kind });
    index.insert(id, n.index() as u32);
}

/// Adds the nodes and relations of every record but the units (whose nodes
/// come first) and the units' parents.
fn add_places_and_people(
    document: &Document,
    graph: &mut DiGraph<Node, EdgeKind>,
    index: &mut IdTable,
) {
    for &id in document.grids.keys() {
        add_node(graph, index, id, RecordKind::Grid);
    }
    for &id in document.buildings.keys() {
        add_node(graph, index, id, RecordKind::Building);
    }
    for &id in document.members.keys() {
        add_node(graph, index, id, RecordKind::Member);
    }
    for &id in document.households.keys() {
        add_node(graph, index, id, RecordKind::Household);
    }
    for &id in document.co_builders.keys() {
        add_node(graph, index, id, RecordKind::CoBuilder);
    }
    let index = &*index;
    for grid in document.grids.values() {
        connect(graph, index, grid.community, grid.id, EdgeKind::Contains);
        for &branch in &grid.covered_by {
            connect(graph, index, branch, grid.id, EdgeKind::Covers);
        }
    }
    for building in document.buildings.values() {
        connect(graph, index, building.grid, building.id, EdgeKind::Contains);
        if let Some(group) = building.covered_by {
            connect(graph, index, group, building.id, EdgeKind::Covers);
        }
    }
    for member in document.members.values() {
        connect(graph, index, member.id, member.unit, EdgeKind::Belongs);
    }
    for household in document.households.values() {
        connect(
            graph,
            index,
            household.linked_by,
            household.id,
            EdgeKind::Links,
        );
    }
    for co in document.co_builders.values() {
        connect(graph, index, co.id, co.joins, EdgeKind::CoBuilds);
    }
}

fn node(index: &IdTable, id: Id) -> Option<NodeIndex> {
    index.get(id).map(|n| NodeIndex::new(n as usize))
}

/// Adds an edge where both ends exist (a dangling member simply gets none).
fn connect(graph: &mut DiGraph<Node, EdgeKind>, index: &IdTable, from: Id, to: Id, kind: EdgeKind) {
    if let (Some(a), Some(b)) = (node(index, from), node(index, to)) {
        graph.add_edge(a, b, kind);
    }
}

/// Adds the `Contains` edges between `units` (the first nodes of `graph`),
/// and gives each unit's parent's position as they have it.
fn unit_parents(graph: &mut DiGraph<Node, EdgeKind>, index: &IdTable, units: &[&Unit]) -> Vec<u32> {
    for unit in units {
        if let Some(parent) = unit.parent {
            connect(graph, index, parent, unit.id, EdgeKind::Contains);
        }
    }
    // As yet a unit's only incoming edges are its parent's `Contains`.
    (0..units.len())
        .map(|i| {
            graph
                .edges_directed(NodeIndex::new(i), Incoming)
                .find(|e| *e.weight() == EdgeKind::Contains)
                .map_or(u32::MAX, |e| e.source().index() as u32)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Graph;
    use crate::model::{Document, Id, Level, Unit};

    #[test]
    fn a_graph_of_some_units_makes_a_parent_outside_them_missing() {
        let mut d = Document::new("t");
        for (id, code, parent) in [
            (1, "J01", None),
            (2, "J01-C2", Some(1)),
            (3, "J01-C10", Some(1)),
        ] {
            let u = Unit::new(
                Id(id),
                code.into(),
                code.into(),
                Level::Community,
                parent.map(Id),
            );
            d.units.insert(u.id, u);
        }
        let whole = Graph::build(&d);
        assert_eq!(whole.tree().children(Some(Id(1))), [Id(2), Id(3)]);
        assert_eq!(whole.parent(Id(3)), Some(Id(1)));
        let part = Graph::of_units([&d.units[&Id(3)], &d.units[&Id(2)]]);
        assert_eq!(part.tree().tops(), [Id(2), Id(3)]);
        assert_eq!(part.tree().parent(Id(2)), None);
        assert!(!part.tree().contains(Id(1)) && part.tree().contains(Id(3)));
        assert_eq!(part.node_count(), 2);
        assert_eq!(part.edge_count(), 0);
    }
}
