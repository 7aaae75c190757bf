//! Derived data the rules share, computed once per check in linear time: the
//! units by id, their children, and member counts over each subtree.

use crate::model::id_table::{self, IdTable};
use crate::model::{Category, Document, Id, Level, Member, Unit};

/// Whether a text is empty or only white space (without trimming it).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// `str::trim`, with a fast path for the usual text that neither starts nor
/// ends with white space (a check trims half a million strings).
pub fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    // A first byte that is ASCII graphic or leads a character at U+4000 or
    // above; a last byte that is ASCII graphic or a continuation byte that
    // ends no white-space character.
    let plain_start = |b: u8| matches!(b, 0x21..=0x7E | 0xE4..=0xF4);
    let plain_end = |b: u8| {
        matches!(b, 0x21..=0x7E)
            || (matches!(b, 0x80..=0xBF)
                && !matches!(b, 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF))
    };
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) if plain_start(first) && plain_end(last) => text,
        _ => text.trim(),
    }
}

/// Whether a position is a committee position (书记, 副书记, …委员).
pub fn is_committee_position(position: &str) -> bool {
    let p = trim(position);
    p == "书记" || p == "副书记" || p.ends_with("委员")
}

/// Member counts over a unit's subtree.
#[derive(Debug, Clone, Copy, Default)]
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
}

/// Units by dense position, with children and subtree counts.
pub struct Index<'d> {
    /// Position of each unit's id in `units`.
    slot: IdTable,
    /// The units in id order.
    pub units: Vec<&'d Unit>,
    /// Children of each unit, by position.
    pub children: Vec<Vec<u32>>,
    /// Member counts over each unit's subtree.
    pub subtree: Vec<Counts>,
    /// Members organized directly in each unit.
    pub direct: Vec<Counts>,
}

impl<'d> Index<'d> {
    /// Builds the index of a document.
    pub fn build(document: &'d Document) -> Index<'d> {
        let units: Vec<&Unit> = document.units.values().collect();
        // Sized by the records, not by `next_id`: over all records' ids, so
        // that units scattered among members still get the dense table.
        let mut slot = match id_table::span(&document.units) {
            Some((lo, hi, _)) => IdTable::new(lo, hi, records(document)),
            None => IdTable::new(Id(0), Id(0), 0),
        };
        for (i, u) in units.iter().enumerate() {
            slot.insert(u.id, i as u32);
        }
        let mut index = Index {
            slot,
            children: vec![Vec::new(); units.len()],
            subtree: vec![Counts::default(); units.len()],
            direct: vec![Counts::default(); units.len()],
            units,
        };
        let mut parents = vec![u32::MAX; index.units.len()];
        for (i, u) in index.units.iter().enumerate() {
            if let Some(p) = u.parent.and_then(|p| index.position(p)) {
                parents[i] = p;
                index.children[p as usize].push(i as u32);
            }
        }
        for member in document.members.values() {
            if let Some(p) = index.position(member.unit) {
                index.direct[p as usize].add(member_counts(member));
            }
        }
        // Children after parents: accumulate bottom-up in reverse breadth-first order.
        let mut order: Vec<u32> = (0..index.units.len() as u32)
            .filter(|&i| parents[i as usize] == u32::MAX)
            .collect();
        let mut at = 0;
        while at < order.len() {
            let u = order[at] as usize;
            order.extend_from_slice(&index.children[u]);
            at += 1;
        }
        index.subtree.clone_from(&index.direct);
        for &u in order.iter().rev() {
            let p = parents[u as usize];
            if p != u32::MAX {
                let counts = index.subtree[u as usize];
                index.subtree[p as usize].add(counts);
            }
        }
        index
    }

    /// The position of a unit id.
    pub fn position(&self, id: Id) -> Option<u32> {
        self.slot.get(id)
    }

    /// Whether the unit at `pos` has a child of `level`.
    pub fn has_child(&self, pos: usize, level: Level) -> bool {
        self.children[pos]
            .iter()
            .any(|&c| self.units[c as usize].level == level)
    }

    /// The unit with this id.
    pub fn unit(&self, id: Id) -> Option<&'d Unit> {
        self.position(id).map(|p| self.units[p as usize])
    }
}

/// How many records the document holds.
fn records(document: &Document) -> usize {
    document.units.len()
        + document.grids.len()
        + document.buildings.len()
        + document.members.len()
        + document.households.len()
        + document.co_builders.len()
}

fn member_counts(member: &Member) -> Counts {
    let committee = u32::from(member.positions.iter().any(|p| is_committee_position(p)));
    match member.category {
        Category::Full => Counts {
            full: 1,
            probationary: 0,
            committee,
        },
        Category::Probationary => Counts {
            full: 0,
            probationary: 1,
            committee,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::trim;

    #[test]
    fn trim_agrees_with_the_standard_trim() {
        let spaces = [
            "", " ", "\t", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}", "\u{2028}",
            "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let words = [
            "",
            "a",
            "一",
            "迎宾馆",
            "3-2-401",
            "X",
            "\u{feff}",
            "\u{4e00}\u{200a}",
        ];
        for before in spaces {
            for word in words {
                for after in spaces {
                    let text = format!("{before}{word}{after}");
                    assert_eq!(trim(&text), text.trim(), "{text:?}");
                }
            }
        }
    }
}
