//! The document as a typed graph: the queries the rest of the program relies on.

use gridorg::generate::sample;
use gridorg::graph::{is_committee_position, Graph};
use gridorg::model::{Level, RecordKind};
use std::collections::HashSet;

#[test]
fn every_record_is_a_node_and_every_relation_an_edge() {
    let doc = sample();
    let graph = Graph::build(&doc);
    let records = doc.units.len()
        + doc.grids.len()
        + doc.buildings.len()
        + doc.members.len()
        + doc.households.len()
        + doc.co_builders.len();
    assert_eq!(graph.node_count(), records);
    let relations = (doc.units.len() - doc.roots().count())
        + doc
            .grids
            .values()
            .map(|g| 1 + g.covered_by.len())
            .sum::<usize>()
        + doc
            .buildings
            .values()
            .map(|b| 1 + usize::from(b.covered_by.is_some()))
            .sum::<usize>()
        + doc
            .members
            .values()
            .filter(|m| doc.units.contains_key(&m.unit))
            .count()
        + doc.households.len()
        + doc.co_builders.len();
    assert_eq!(graph.edge_count(), relations);
}

#[test]
fn parent_children_and_ancestors_follow_the_tree() {
    let doc = sample();
    let graph = Graph::build(&doc);
    for unit in doc.units.values() {
        assert_eq!(graph.parent(unit.id), unit.parent, "{}", unit.code);
        let children = graph.children(unit.id);
        let codes: Vec<&str> = children
            .iter()
            .map(|c| doc.units[c].code.as_str())
            .collect();
        let sorted = {
            let mut s = codes.clone();
            s.sort();
            s
        };
        assert_eq!(codes, sorted, "children of {} in code order", unit.code);
        for c in children {
            assert_eq!(doc.units[&c].parent, Some(unit.id));
        }
        let mut expected = Vec::new();
        let mut at = unit.parent;
        while let Some(p) = at {
            expected.push(p);
            at = doc.units[&p].parent;
        }
        assert_eq!(graph.ancestors(unit.id), expected);
        assert_eq!(graph.kind(unit.id), Some(RecordKind::Unit));
    }
}

#[test]
fn the_subtree_of_a_street_is_everything_under_it() {
    let doc = sample();
    let graph = Graph::build(&doc);
    let street = doc.roots().next().unwrap().id;
    let subtree = graph.subtree(street);
    assert_eq!(subtree[0], street, "pre-order starts at the root");
    let expected: HashSet<_> = doc
        .units
        .values()
        .filter(|u| u.id == street || graph.ancestors(u.id).contains(&street))
        .map(|u| u.id)
        .collect();
    assert_eq!(subtree.iter().copied().collect::<HashSet<_>>(), expected);
    // Parents come before their children.
    for (i, id) in subtree.iter().enumerate() {
        if let Some(p) = doc.units[id].parent {
            assert!(subtree[..i].contains(&p));
        }
    }
    let members: HashSet<_> = graph.members_of_subtree(street).into_iter().collect();
    let expected: HashSet<_> = doc
        .members
        .values()
        .filter(|m| expected.contains(&m.unit))
        .map(|m| m.id)
        .collect();
    assert_eq!(members, expected);
}

#[test]
fn coverage_links_and_co_building_are_queryable_both_ways() {
    let doc = sample();
    let graph = Graph::build(&doc);
    for grid in doc.grids.values() {
        let mut covering = graph.covering(grid.id);
        let mut expected = grid.covered_by.clone();
        covering.sort();
        expected.sort();
        assert_eq!(covering, expected);
        for b in &grid.covered_by {
            assert!(graph.covered_by(*b).contains(&grid.id));
        }
        assert!(graph.contained_places(grid.community).contains(&grid.id));
    }
    for h in doc.households.values() {
        assert_eq!(graph.linked_by(h.id), vec![h.linked_by]);
        assert!(graph.linked_households(h.linked_by).contains(&h.id));
    }
    for c in doc.co_builders.values() {
        assert!(graph.co_builders_of(c.joins).contains(&c.id));
    }
    let central = doc
        .units
        .values()
        .find(|u| u.level == Level::Household)
        .unwrap();
    assert!(graph.children(central.id).is_empty());
}

#[test]
fn subtree_member_counts_agree_with_the_graph() {
    let doc = sample();
    let graph = Graph::build(&doc);
    let counts = gridorg::stats::members_by_subtree(&doc);
    for unit in doc.units.values() {
        let members = graph.members_of_subtree(unit.id);
        let full = members
            .iter()
            .filter(|m| doc.members[m].category.is_full())
            .count() as u32;
        let expected = (full, members.len() as u32 - full);
        assert_eq!(
            counts.get(&unit.id).copied().unwrap_or_default(),
            expected,
            "{}",
            unit.code
        );
    }
    assert_eq!(
        counts[&doc.unit_by_code("XY").unwrap().id].0
            + counts[&doc.unit_by_code("XY").unwrap().id].1,
        doc.members.len() as u32
    );
}

/// The counts the graph derives, unit by unit, against the members the
/// document holds: directly in the unit, and in every unit of its subtree.
#[test]
fn the_counts_of_each_unit_are_the_members_the_document_has_there() {
    for doc in [
        sample(),
        gridorg::generate::generate(gridorg::generate::Preset::Street, 5),
    ] {
        // The whole graph and the units' alone derive the same tree and counts.
        for graph in [Graph::build(&doc), Graph::units(&doc)] {
            counts_agree(&doc, &graph);
        }
    }
}

/// The counts `graph` gives each unit of `doc` against its members.
fn counts_agree(doc: &gridorg::model::Document, graph: &Graph) {
    let tree = graph.tree();
    let own = |unit| {
        let mut c = gridorg::graph::Counts::default();
        for m in doc.members.values().filter(|m| m.unit == unit) {
            if m.category.is_full() {
                c.full += 1;
            } else {
                c.probationary += 1;
            }
            let committee = m.positions.iter().any(|p| is_committee_position(p));
            c.committee += u32::from(committee);
        }
        c
    };
    let mut committee = 0;
    for unit in doc.units.values() {
        let direct = own(unit.id);
        assert_eq!(graph.direct_counts(unit.id), direct, "{}", unit.code);
        committee += direct.committee;
        let mut below = gridorg::graph::Counts::default();
        for u in tree.subtree(unit.id) {
            let c = own(u);
            below.full += c.full;
            below.probationary += c.probationary;
            below.committee += c.committee;
        }
        assert_eq!(graph.subtree_counts(unit.id), below, "{}", unit.code);
    }
    assert!(committee > 0, "the sample has committees");
    let all: u32 = tree
        .tops()
        .iter()
        .map(|&t| graph.subtree_counts(t).total())
        .sum();
    assert_eq!(all as usize, doc.members.len());
}
