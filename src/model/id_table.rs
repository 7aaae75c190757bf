//! A table from record ids to small numbers (positions), sized by the records
//! rather than by the magnitude of their ids.
//!
//! Ids come from the file, and need not be compact: a document may hold a few
//! records with ids in the billions (and ids are to get an origin per
//! installation). A vector indexed by id would then be gigabytes. The table is a
//! vector over the ids' span when that span is small next to the number of
//! records (the usual, fast case), and a hash map otherwise.

use super::{Document, Id};
use rustc_hash::FxHashMap;

/// How many slots per record a dense table may spend before a hash map is used.
const SLOTS_PER_RECORD: u64 = 4;

/// Positions (`u32`) by id.
#[derive(Debug, Clone)]
pub(crate) enum IdTable {
    /// Position of id `base + i` at `slots[i]`; `u32::MAX` where none.
    Dense { base: u32, slots: Vec<u32> },
    /// Positions by id.
    Sparse(FxHashMap<u32, u32>),
}

impl IdTable {
    /// An empty table for `records` ids between `min` and `max` (inclusive).
    pub(crate) fn new(min: Id, max: Id, records: usize) -> IdTable {
        let span = u64::from(max.0.saturating_sub(min.0)) + 1;
        let room = (records as u64).saturating_mul(SLOTS_PER_RECORD) + 1024;
        if span <= room {
            IdTable::Dense {
                base: min.0,
                slots: vec![u32::MAX; span as usize],
            }
        } else {
            IdTable::Sparse(FxHashMap::with_capacity_and_hasher(
                records,
                Default::default(),
            ))
        }
    }

    /// An empty table for ids from several record maps, each given by its
    /// smallest and largest id and its length.
    pub(crate) fn spanning(maps: impl IntoIterator<Item = Option<(Id, Id, usize)>>) -> IdTable {
        let (mut min, mut max, mut records) = (Id(u32::MAX), Id(0), 0usize);
        for (lo, hi, len) in maps.into_iter().flatten() {
            min = min.min(lo);
            max = max.max(hi);
            records += len;
        }
        if records == 0 {
            return IdTable::new(Id(0), Id(0), 0);
        }
        IdTable::new(min, max, records)
    }

    /// An empty table for the ids of every record of a document.
    pub(crate) fn for_records(document: &Document) -> IdTable {
        IdTable::spanning([
            span(&document.units),
            span(&document.grids),
            span(&document.buildings),
            span(&document.members),
            span(&document.households),
            span(&document.co_builders),
        ])
    }

    /// Sets the position of `id`, giving the one it had.
    pub(crate) fn insert(&mut self, id: Id, position: u32) -> Option<u32> {
        match self {
            IdTable::Dense { base, slots } => {
                let slot =
                    id.0.checked_sub(*base)
                        .and_then(|i| slots.get_mut(i as usize))?;
                let old = std::mem::replace(slot, position);
                (old != u32::MAX).then_some(old)
            }
            IdTable::Sparse(map) => map.insert(id.0, position),
        }
    }

    /// The position of `id`, if it has one.
    #[inline]
    pub(crate) fn get(&self, id: Id) -> Option<u32> {
        match self {
            IdTable::Dense { base, slots } => match slots.get(id.0.wrapping_sub(*base) as usize) {
                Some(&p) if p != u32::MAX => Some(p),
                _ => None,
            },
            IdTable::Sparse(map) => map.get(&id.0).copied(),
        }
    }
}

/// The smallest and largest id of a record map, and its length.
pub(crate) fn span<T>(map: &std::collections::BTreeMap<Id, T>) -> Option<(Id, Id, usize)> {
    let (&lo, _) = map.first_key_value()?;
    let (&hi, _) = map.last_key_value()?;
    Some((lo, hi, map.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_ids_get_a_vector_and_scattered_ids_a_map() {
        let mut compact = IdTable::new(Id(1000), Id(1999), 1000);
        assert!(matches!(compact, IdTable::Dense { .. }));
        assert_eq!(compact.insert(Id(1500), 7), None);
        assert_eq!(compact.insert(Id(1500), 8), Some(7));
        assert_eq!(compact.get(Id(1500)), Some(8));
        assert_eq!(compact.get(Id(999)), None);
        assert_eq!(compact.get(Id(5000)), None);
        assert_eq!(compact.insert(Id(5000), 1), None);

        let mut scattered = IdTable::new(Id(1), Id(u32::MAX), 3);
        assert!(matches!(scattered, IdTable::Sparse(_)));
        assert_eq!(scattered.insert(Id(u32::MAX), 2), None);
        assert_eq!(scattered.get(Id(u32::MAX)), Some(2));
        assert_eq!(scattered.get(Id(2)), None);
    }
}
