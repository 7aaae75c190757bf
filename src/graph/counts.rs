//! Member counts per unit: full, probationary and committee members
//! organized directly in each unit and anywhere in its subtree, worked out
//! once with the graph in one pass up the tree.

use super::tree::Tree;
use crate::model::{Category, Id, Member};
use crate::text::trim;

/// Whether a position is a committee position (书记, 副书记, …委员).
pub fn is_committee_position(position: &str) -> bool {
    let p = trim(position);
    p == "书记" || p == "副书记" || p.ends_with("委员")
}

/// Member counts of a unit, or of its subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Full members.
    pub full: u32,
    /// Probationary members.
    pub probationary: u32,
    /// Members holding a committee position.
    pub committee: u32,
}

impl Counts {
    /// All members.
    pub fn total(&self) -> u32 {
        self.full + self.probationary
    }

    fn add(&mut self, other: Counts) {
        self.full += other.full;
        self.probationary += other.probationary;
        self.committee += other.committee;
    }

    fn of(member: &Member) -> Counts {
        let committee = u32::from(member.positions.iter().any(|p| is_committee_position(p)));
        let full = u32::from(member.category == Category::Full);
        Counts {
            full,
            probationary: 1 - full,
            committee,
        }
    }
}

/// The counts of every unit of a tree, by position.
#[derive(Debug, Clone, Default)]
pub(super) struct UnitCounts {
    /// Members organized directly in each unit.
    pub direct: Vec<Counts>,
    /// Members over each unit's subtree; a stray (see [`Tree::strays`])
    /// counts only its own.
    pub subtree: Vec<Counts>,
}

/// Counts `members` into the unit at the position `position` gives each
/// one's unit, of `units` (a member of a unit with none counts nowhere).
pub(super) fn direct<'a>(
    units: usize,
    position: impl Fn(Id) -> Option<usize>,
    members: impl Iterator<Item = &'a Member>,
) -> Vec<Counts> {
    let mut direct = vec![Counts::default(); units];
    for member in members {
        if let Some(p) = position(member.unit) {
            direct[p].add(Counts::of(member));
        }
    }
    direct
}

impl UnitCounts {
    /// Each unit's `direct` counts, added up over its subtree in `tree`.
    pub fn new(tree: &Tree, direct: Vec<Counts>) -> UnitCounts {
        let mut subtree = direct.clone();
        // Children before parents: the reverse of the reading order.
        for &at in tree.positions_in_order().iter().rev() {
            let at = at as usize;
            if let Some(p) = tree.parent_position(at) {
                let own = subtree[at];
                subtree[p].add(own);
            }
        }
        UnitCounts { direct, subtree }
    }
}

#[cfg(test)]
mod tests {
    use super::Counts;
    use crate::graph::Graph;
    use crate::model::{Category, Document, Id, Level, Member, Unit};

    fn unit(d: &mut Document, id: u64, level: Level, parent: Option<u64>) {
        let code = format!("U{id}");
        let u = Unit::new(Id(id), code.clone(), code, level, parent.map(Id));
        d.units.insert(u.id, u);
    }

    fn member(d: &mut Document, id: u64, unit: u64, category: Category, position: &str) {
        let mut m = Member::new(Id(id), format!("党员{id}"), Id(unit));
        m.category = category;
        if !position.is_empty() {
            m.positions.push(position.into());
        }
        d.members.insert(m.id, m);
    }

    fn counts(full: u32, probationary: u32, committee: u32) -> Counts {
        Counts {
            full,
            probationary,
            committee,
        }
    }

    #[test]
    fn members_count_in_their_unit_and_up_its_chain_but_not_round_a_cycle() {
        let mut d = Document::new("t");
        unit(&mut d, 1, Level::Street, None);
        unit(&mut d, 2, Level::Community, Some(1));
        unit(&mut d, 3, Level::Branch, Some(2));
        unit(&mut d, 4, Level::Group, Some(3));
        // 5 and 6 each other's parent; 7 hangs below the cycle.
        unit(&mut d, 5, Level::Community, Some(6));
        unit(&mut d, 6, Level::Branch, Some(5));
        unit(&mut d, 7, Level::Group, Some(6));
        member(&mut d, 10, 3, Category::Full, " 书记 ");
        member(&mut d, 11, 3, Category::Probationary, "");
        member(&mut d, 12, 4, Category::Full, "组织委员");
        member(&mut d, 13, 4, Category::Full, "小组长");
        member(&mut d, 14, 2, Category::Probationary, "副书记");
        member(&mut d, 15, 6, Category::Full, "");
        member(&mut d, 16, 7, Category::Full, "");
        member(&mut d, 17, 99, Category::Full, "书记");
        let graph = Graph::build(&d);
        assert_eq!(graph.direct_counts(Id(3)), counts(1, 1, 1));
        assert_eq!(graph.subtree_counts(Id(3)), counts(3, 1, 2));
        assert_eq!(graph.direct_counts(Id(2)), counts(0, 1, 1));
        assert_eq!(graph.subtree_counts(Id(1)), counts(3, 2, 3));
        assert_eq!(graph.subtree_counts(Id(1)).total(), 5);
        // A stray counts only its own; a member of no unit counts nowhere.
        assert_eq!(graph.subtree_counts(Id(6)), counts(1, 0, 0));
        assert_eq!(graph.subtree_counts(Id(5)), Counts::default());
        assert_eq!(graph.subtree_counts(Id(7)), counts(1, 0, 0));
        assert_eq!(graph.subtree_counts(Id(99)), Counts::default());
        assert_eq!(graph.subtree_counts(Id(10)), Counts::default(), "a member");
    }
}
