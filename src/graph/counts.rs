//! Member counts per unit: full, probationary and committee members
//! organized directly in each unit and anywhere in its subtree, worked out
//! once with the graph in one pass up the tree.

use super::tree::Tree;
use crate::model::{Category, Member};

/// Whether a position is a committee position (书记, 副书记, …委员).
pub fn is_committee_position(position: &str) -> bool {
    let p = position.trim();
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

impl UnitCounts {
    /// Counts `members` into the units of `tree` (a member of a unit not in
    /// the tree counts nowhere).
    pub fn new<'a>(tree: &Tree, members: impl Iterator<Item = &'a Member>) -> UnitCounts {
        let mut direct = vec![Counts::default(); tree.len()];
        for member in members {
            if let Some(p) = tree.position(member.unit) {
                direct[p].add(Counts::of(member));
            }
        }
        let mut subtree = direct.clone();
        // Children before parents: the reverse of the reading order.
        for at in tree.positions_in_order().into_iter().rev() {
            if let Some(p) = tree.parent_position(at) {
                let own = subtree[at];
                subtree[p].add(own);
            }
        }
        UnitCounts { direct, subtree }
    }
}
