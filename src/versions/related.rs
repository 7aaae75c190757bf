//! Whether two documents are versions of one structure (docs/format.md,
//! "Ids and the structure"): one was made from the other by editing, copying or merging.
//!
//! When both carry a structure identity, it decides. When either does not
//! (files written before version 3), the documents count as versions of one
//! structure when most of their ids name records of the same kind with the same
//! code (units, grids, buildings) or name (members, co-building units; a
//! household's head) — "most" meaning more than half of the records of the
//! smaller document.

use crate::model::{Document, Id};
use std::collections::BTreeMap;
use std::fmt;

/// Why two documents are not versions of one structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unrelated {
    /// Both carry an identity, and they differ.
    Identity {
        /// The first document's structure.
        old: String,
        /// The second document's structure.
        new: String,
    },
    /// Too few ids name the same record in both.
    FewShared {
        /// Ids naming a record of the same kind and code or name in both.
        shared: usize,
        /// Records of the smaller document.
        of: usize,
    },
}

impl fmt::Display for Unrelated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unrelated::Identity { old, new } => write!(
                f,
                "两份文档不是同一结构的版本 (unrelated documents)：结构标识不同 (structure {old} ≠ {new})，它们是分别新建、导入或生成的"
            ),
            Unrelated::FewShared { shared, of } => write!(
                f,
                "两份文档不是同一结构的版本 (unrelated documents)：较小的一份有 {of} 条记录，其中只有 {shared} 条的内部编号在另一份中指向同类、同编码或同名的记录 (ids shared: {shared} of {of})，不足一半"
            ),
        }
    }
}

impl std::error::Error for Unrelated {}

/// Decides whether `old` and `new` are versions of one structure; says why not.
pub fn related(old: &Document, new: &Document) -> Result<(), Unrelated> {
    related_besides(old, new, 0)
}

/// [`related`] for two documents read in part: `left_out` records, the same
/// in both files, were left out of both (each counts as a record of each and
/// as one naming the same record in the other). The answer is the one the
/// whole documents get.
pub(crate) fn related_besides(
    old: &Document,
    new: &Document,
    left_out: usize,
) -> Result<(), Unrelated> {
    if let (Some(a), Some(b)) = (&old.structure, &new.structure) {
        return if a == b {
            Ok(())
        } else {
            Err(Unrelated::Identity {
                old: a.clone(),
                new: b.clone(),
            })
        };
    }
    let of = records(old).min(records(new)) + left_out;
    let shared = same(&old.units, &new.units, |a, b| {
        a.code == b.code || a.name == b.name
    }) + same(&old.grids, &new.grids, |a, b| {
        a.code == b.code || a.name == b.name
    }) + same(&old.buildings, &new.buildings, |a, b| {
        a.code == b.code || a.name == b.name
    }) + same(&old.members, &new.members, |a, b| a.name == b.name)
        + same(&old.households, &new.households, |a, b| a.head == b.head)
        + same(&old.co_builders, &new.co_builders, |a, b| a.name == b.name)
        + left_out;
    if shared * 2 > of || of == 0 {
        Ok(())
    } else {
        Err(Unrelated::FewShared { shared, of })
    }
}

/// Records of every kind in a document.
fn records(d: &Document) -> usize {
    d.units.len()
        + d.grids.len()
        + d.buildings.len()
        + d.members.len()
        + d.households.len()
        + d.co_builders.len()
}

/// How many ids of `a` name, in `b`, a record of the same kind that `alike` holds to be the same.
fn same<T>(a: &BTreeMap<Id, T>, b: &BTreeMap<Id, T>, alike: impl Fn(&T, &T) -> bool) -> usize {
    a.iter()
        .filter(|(id, x)| b.get(id).is_some_and(|y| alike(x, y)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_decides_when_both_carry_one() {
        let a = crate::generate::sample();
        let mut b = a.clone();
        b.units.clear();
        assert_eq!(related(&a, &b), Ok(()));
        b.structure = Some("other".into());
        let why = related(&a, &b).unwrap_err();
        assert!(why.to_string().contains("unrelated documents"), "{why}");
    }

    #[test]
    fn without_identity_most_ids_must_name_the_same_records() {
        let a = crate::generate::sample();
        let mut renamed = a.clone();
        renamed.structure = None;
        // Renaming a few units keeps them related (their codes stay).
        for unit in renamed.units.values_mut().take(5) {
            unit.name.push('新');
        }
        assert_eq!(related(&a, &renamed), Ok(()));
        // Another document with ids of its own is not.
        let mut other = crate::generate::generate(crate::generate::Preset::Street, 7);
        other.structure = None;
        assert!(matches!(
            related(&other, &renamed),
            Err(Unrelated::FewShared { .. })
        ));
    }

    #[test]
    fn records_left_out_of_both_count_as_they_would_whole() {
        let mut a = crate::generate::sample();
        a.structure = None;
        let mut b = a.clone();
        for unit in b.units.values_mut() {
            unit.code.push('新');
            unit.name.push('新');
        }
        for grid in b.grids.values_mut() {
            grid.code.push('新');
            grid.name.push('新');
        }
        for building in b.buildings.values_mut() {
            building.code.push('新');
            building.name.push('新');
        }
        for co_builder in b.co_builders.values_mut() {
            co_builder.name.push('新');
        }
        // Whole, the members and households (named alike) make them related.
        assert_eq!(related(&a, &b), Ok(()));
        let left_out = a.members.len() + a.households.len();
        let (mut part_a, mut part_b) = (a.clone(), b.clone());
        for part in [&mut part_a, &mut part_b] {
            part.members.clear();
            part.households.clear();
        }
        assert!(related(&part_a, &part_b).is_err());
        assert_eq!(related_besides(&part_a, &part_b, left_out), Ok(()));
        // And unrelated stays unrelated: the records left out are too few.
        assert!(related_besides(&part_a, &part_b, 1).is_err());
    }
}
