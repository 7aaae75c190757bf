//! Counts and coverage figures per community, per street and in total — the
//! table the seed reports quote ("18 communities, 277 grids …").

use crate::graph::{Graph, Tree};
use crate::model::{Category, Document, Id, Level};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Counts for one scope (a community, a street, or the whole document).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Street units.
    pub streets: usize,
    /// Community units.
    pub communities: usize,
    /// Level-3 units (a community organized as one 党支部 counts as a community).
    pub branches: usize,
    /// Groups.
    pub groups: usize,
    /// 党员中心户 units.
    pub central_households: usize,
    /// Households linked to them.
    pub linked_households: usize,
    /// Grids.
    pub grids: usize,
    /// Grids covered by at least one branch.
    pub grids_covered: usize,
    /// Sum of the grids' 户数.
    pub grid_households: u64,
    /// Buildings.
    pub buildings: usize,
    /// Buildings covered by a group.
    pub buildings_covered: usize,
    /// Members.
    pub members: usize,
    /// Full members.
    pub members_full: usize,
    /// Probationary members.
    pub members_probationary: usize,
}

impl Counts {
    /// Grids covered as a percentage (100 where there are no grids).
    pub fn grid_coverage_percent(&self) -> f64 {
        percent(self.grids_covered, self.grids)
    }

    /// Buildings covered as a percentage (100 where there are no buildings).
    pub fn building_coverage_percent(&self) -> f64 {
        percent(self.buildings_covered, self.buildings)
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The counts of one street or community, with its code and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// The unit's code.
    pub code: String,
    /// The unit's name.
    pub name: String,
    /// Its counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// The whole table: totals, then per street and per community (in code order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Totals for the document.
    pub total: Counts,
    /// Per street.
    pub streets: Vec<Scope>,
    /// Per community.
    pub communities: Vec<Scope>,
}

/// Which street and community each unit sits in.
struct Placement {
    of: FxHashMap<Id, (Option<Id>, Option<Id>)>,
}

impl Placement {
    fn build(document: &Document, tree: &Tree) -> Placement {
        let mut of = FxHashMap::default();
        for unit in document.units.values() {
            let (mut street, mut community) = (None, None);
            for id in std::iter::once(unit.id).chain(tree.ancestors(unit.id)) {
                match document.units.get(&id).map(|u| u.level) {
                    Some(Level::Street) => street = street.or(Some(id)),
                    Some(Level::Community) => community = community.or(Some(id)),
                    _ => {}
                }
            }
            of.insert(unit.id, (street, community));
        }
        Placement { of }
    }

    fn scopes(&self, unit: Id) -> [Option<Id>; 2] {
        self.of.get(&unit).map_or([None, None], |&(s, c)| [s, c])
    }
}

/// Computes the table.
pub fn stats(document: &Document) -> Stats {
    stats_with(document, &Graph::units(document))
}

/// Computes the table with the graph of `document` already built.
pub fn stats_with(document: &Document, graph: &Graph) -> Stats {
    let placement = Placement::build(document, graph.tree());
    let mut total = Counts::default();
    let mut by_unit: FxHashMap<Id, Counts> = FxHashMap::default();
    let mut add = |scopes: [Option<Id>; 2], total: &mut Counts, f: &dyn Fn(&mut Counts)| {
        f(total);
        for id in scopes.into_iter().flatten() {
            f(by_unit.entry(id).or_default());
        }
    };
    for unit in document.units.values() {
        let scopes = placement.scopes(unit.id);
        add(scopes, &mut total, &|c: &mut Counts| match unit.level {
            Level::Street => c.streets += 1,
            Level::Community => c.communities += 1,
            Level::Branch => c.branches += 1,
            Level::Group => c.groups += 1,
            Level::Household => c.central_households += 1,
        });
    }
    for h in document.households.values() {
        add(placement.scopes(h.linked_by), &mut total, &|c| {
            c.linked_households += 1
        });
    }
    let grid_community: FxHashMap<Id, Id> = document
        .grids
        .values()
        .map(|g| (g.id, g.community))
        .collect();
    for g in document.grids.values() {
        let covered = !g.covered_by.is_empty();
        let households = u64::from(g.households.unwrap_or(0));
        add(placement.scopes(g.community), &mut total, &|c| {
            c.grids += 1;
            c.grids_covered += usize::from(covered);
            c.grid_households += households;
        });
    }
    for b in document.buildings.values() {
        let scopes = grid_community
            .get(&b.grid)
            .map_or([None, None], |&c| placement.scopes(c));
        let covered = b.covered_by.is_some();
        add(scopes, &mut total, &|c| {
            c.buildings += 1;
            c.buildings_covered += usize::from(covered);
        });
    }
    for m in document.members.values() {
        let full = m.category == Category::Full;
        add(placement.scopes(m.unit), &mut total, &|c| {
            c.members += 1;
            c.members_full += usize::from(full);
            c.members_probationary += usize::from(!full);
        });
    }
    let scope_list = |level: Level| {
        let mut list: Vec<Scope> = document
            .units
            .values()
            .filter(|u| u.level == level)
            .map(|u| Scope {
                code: u.code.clone(),
                name: u.name.clone(),
                counts: by_unit.get(&u.id).copied().unwrap_or_default(),
            })
            .collect();
        list.sort_by(|a, b| {
            crate::order::by_code_then_name((&a.code, &a.name), (&b.code, &b.name))
        });
        list
    };
    Stats {
        total,
        streets: scope_list(Level::Street),
        communities: scope_list(Level::Community),
    }
}

/// Full and probationary members in each unit's subtree (the unit's own
/// members and those of every unit below it). Units without members anywhere
/// below are absent.
pub fn members_by_subtree(document: &Document) -> FxHashMap<Id, (u32, u32)> {
    members_by_subtree_with(&Graph::units(document))
}

/// [`members_by_subtree`] from the graph of the document. A stray (see
/// [`Tree::strays`]) counts only its own members.
pub fn members_by_subtree_with(graph: &Graph) -> FxHashMap<Id, (u32, u32)> {
    graph
        .tree()
        .ids()
        .iter()
        .filter_map(|&id| {
            let c = graph.subtree_counts(id);
            (c.total() > 0).then_some((id, (c.full, c.probationary)))
        })
        .collect()
}
