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

/// Ids from here up carry an installation's origin (see [`super::ids`]): they
/// are few and scattered, and kept in the table's map beside the dense part.
const ORIGIN_IDS: u64 = 1 << 32;

/// Positions (`u32`) by id: a vector over the span of the document's own ids
/// when it is small next to the number of records (the usual, fast case), and
/// a hash map for every other id.
#[derive(Debug, Clone)]
pub(crate) struct IdTable {
    /// Position of id `base + i` at `slots[i]`; `u32::MAX` where none.
    base: u64,
    slots: Vec<u32>,
    /// Positions of the ids outside the slots.
    rest: FxHashMap<u64, u32>,
}

impl IdTable {
    /// An empty table for `records` ids, the document's own ones between `min`
    /// and `max` (inclusive).
    pub(crate) fn new(min: Id, max: Id, records: usize) -> IdTable {
        let max = max.0.min(ORIGIN_IDS - 1);
        let span = max.saturating_sub(min.0) + 1;
        let room = (records as u64).saturating_mul(SLOTS_PER_RECORD) + 1024;
        let dense = min.0 < ORIGIN_IDS && span <= room;
        IdTable {
            base: min.0,
            slots: if dense {
                vec![u32::MAX; span as usize]
            } else {
                Vec::new()
            },
            rest: FxHashMap::with_capacity_and_hasher(
                if dense { 0 } else { records },
                Default::default(),
            ),
        }
    }

    /// An empty table for ids from several record maps, each given by its
    /// smallest and largest own id and its length (see [`span`]).
    pub(crate) fn spanning(maps: impl IntoIterator<Item = Option<(Id, Id, usize)>>) -> IdTable {
        let (mut min, mut max, mut records) = (Id(u64::MAX), Id(0), 0usize);
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
        match id
            .0
            .checked_sub(self.base)
            .and_then(|i| self.slots.get_mut(i as usize))
        {
            Some(slot) => {
                let old = std::mem::replace(slot, position);
                (old != u32::MAX).then_some(old)
            }
            None => self.rest.insert(id.0, position),
        }
    }

    /// The position of `id`, if it has one.
    #[inline]
    pub(crate) fn get(&self, id: Id) -> Option<u32> {
        match self.slots.get(id.0.wrapping_sub(self.base) as usize) {
            Some(&p) if p != u32::MAX => Some(p),
            Some(_) => None,
            None if self.rest.is_empty() => None,
            None => self.rest.get(&id.0).copied(),
        }
    }
}

/// The smallest and largest id of a record map — the largest of the
/// document's own ids where it has any — and its length.
pub(crate) fn span<T>(map: &std::collections::BTreeMap<Id, T>) -> Option<(Id, Id, usize)> {
    let (&lo, _) = map.first_key_value()?;
    let hi = map
        .range(..Id(ORIGIN_IDS))
        .next_back()
        .map_or(lo, |(&hi, _)| hi);
    Some((lo, hi, map.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_ids_get_a_vector_and_scattered_ids_a_map() {
        let mut compact = IdTable::new(Id(1000), Id(1999), 1000);
        assert_eq!(compact.slots.len(), 1000);
        assert_eq!(compact.insert(Id(1500), 7), None);
        assert_eq!(compact.insert(Id(1500), 8), Some(7));
        assert_eq!(compact.get(Id(1500)), Some(8));
        assert_eq!(compact.get(Id(999)), None);
        assert_eq!(compact.get(Id(5000)), None);
        assert_eq!(compact.insert(Id(5000), 1), None);

        let mut scattered = IdTable::new(Id(1), Id(u64::from(u32::MAX)), 3);
        assert!(scattered.slots.is_empty());
        assert_eq!(scattered.insert(Id(u64::from(u32::MAX)), 2), None);
        assert_eq!(scattered.get(Id(u64::from(u32::MAX))), Some(2));
        assert_eq!(scattered.get(Id(2)), None);

        // The document's own ids dense, the few with an origin beside them.
        let mut own: std::collections::BTreeMap<Id, ()> = (1..=100).map(|i| (Id(i), ())).collect();
        own.insert(Id(1 << 40), ());
        let mut mixed = IdTable::spanning([span(&own)]);
        assert_eq!(mixed.slots.len(), 100);
        assert_eq!(mixed.insert(Id(1 << 40), 5), None);
        assert_eq!(mixed.insert(Id(7), 6), None);
        assert_eq!(
            (mixed.get(Id(1 << 40)), mixed.get(Id(7))),
            (Some(5), Some(6))
        );
        assert_eq!(mixed.get(Id((1 << 40) + 1)), None);
    }
}
