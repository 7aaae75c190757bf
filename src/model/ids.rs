//! Ids for records added to a document that already exists, and the identity
//! of a structure.
//!
//! Copies of one document are edited apart — two offices, or two copies on one
//! machine — and later merged, so an id handed out by an edit must never be
//! handed out by another copy. Such an id is `origin << 29 | counter`: the
//! origin (24 bits, drawn at random once per installation, at least 8 so the id
//! is above every id of the old kind) and a counter of the installation. A
//! [`Counter`] hands out blocks of counters as [`Cursor`]s; where the counter is
//! kept (the data folder) and how a process shares it is `crate::store::ids`,
//! above the model. Ids stay below 2⁵³ (exact in JSON) and in files as plain
//! numbers.

use super::id::Id;
use serde::{Deserialize, Serialize};

/// Bits of an id's counter.
const COUNTER_BITS: u32 = 29;
/// Counters of one origin: below this.
const COUNTER_END: u64 = 1 << COUNTER_BITS;
/// The smallest origin: ids with an origin are then at least 2³².
const MIN_ORIGIN: u64 = 8;
/// Origins are below this (24 bits).
const ORIGIN_END: u64 = 1 << 24;
/// Counters reserved at a time.
pub const BLOCK: u64 = 256;

/// A run of ids a document hands out next: from `next` up to (not including)
/// `end`; empty when it has none of its own (the usual case), and then the
/// process's shared run is used. A document gets a run of its own when a
/// journal's edits are replayed, so that they hand out the ids they did. Not part of the document's content (two documents with different
/// cursors are equal), never saved in the document.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Cursor {
    next: u64,
    end: u64,
}

impl PartialEq for Cursor {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Cursor {
    /// Hands out the next id of this run; None once it is used up (then the
    /// process's shared run is used: `crate::store::ids::next`).
    pub fn take(&mut self) -> Option<Id> {
        if self.is_empty() {
            return None;
        }
        let id = Id(self.next);
        self.next += 1;
        Some(id)
    }

    /// A run of `count` ids from `first` on. Only for handing out again ids
    /// handed out before (a journal's replay, a test's repeatable session):
    /// any other use risks giving two records one id.
    pub fn run(first: Id, count: u64) -> Cursor {
        Cursor {
            next: first.0,
            end: first.0.saturating_add(count),
        }
    }

    /// Whether no id is left in this run.
    pub fn is_empty(&self) -> bool {
        self.next >= self.end
    }
}

/// An installation's counter: its origin and the next counter not yet handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    origin: u64,
    next: u64,
}

impl Counter {
    /// A counter with this origin and next counter; None where either is out
    /// of range (an origin below 8 or of more than 24 bits, a counter past 2²⁹).
    pub fn new(origin: u64, next: u64) -> Option<Counter> {
        ((MIN_ORIGIN..ORIGIN_END).contains(&origin) && next <= COUNTER_END)
            .then_some(Counter { origin, next })
    }

    /// A counter of a new installation: a random origin, from counter 0.
    pub fn fresh() -> Counter {
        Counter {
            origin: random_origin(),
            next: 0,
        }
    }

    /// A counter of a process that has no installation's: a random origin and a
    /// random starting counter (a whole block, in the lower half of the counters),
    /// so two such processes would need the same origin and overlapping
    /// counters to share an id.
    pub fn drawn() -> Counter {
        Counter {
            origin: random_origin(),
            next: rand::random_range(0..COUNTER_END / 2) / BLOCK * BLOCK,
        }
    }

    /// The origin.
    pub fn origin(&self) -> u64 {
        self.origin
    }

    /// The next counter not yet handed out.
    pub fn next(&self) -> u64 {
        self.next
    }

    /// Reserves `count` ids: a cursor over them. Where this origin's counters
    /// are used up, the counter takes a new origin first.
    pub fn reserve(&mut self, count: u64) -> Cursor {
        if self.next + count > COUNTER_END {
            *self = Counter::fresh();
        }
        let start = self.origin << COUNTER_BITS | self.next;
        self.next += count;
        Cursor {
            next: start,
            end: start + count,
        }
    }
}

fn random_origin() -> u64 {
    rand::random_range(MIN_ORIGIN..ORIGIN_END)
}

thread_local! {
    /// The id the last command applied on this thread created, until the
    /// journal takes it (see `crate::journal::Entry::Created`).
    static CREATED: std::cell::Cell<Option<Id>> = const { std::cell::Cell::new(None) };
}

/// Notes the id a command just created, for the journal.
pub(crate) fn note_created(id: Option<Id>) {
    CREATED.set(id);
}

/// The id the last command applied on this thread created, once.
pub(crate) fn take_created() -> Option<Id> {
    CREATED.take()
}

/// A fresh structure identity: 16 hex digits drawn at random.
pub fn new_structure() -> String {
    format!("{:016x}", rand::random::<u64>())
}

/// A structure identity derived from a text (a generated document's title and
/// seed), so that generating twice gives the same document.
pub fn derived_structure(seed: &str) -> String {
    // FNV-1a, 64 bits.
    let hash = seed.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Whether an id carries an installation's origin (made by an edit or a merge
/// in version 3), rather than being one of the document's own.
pub fn has_origin(id: Id) -> bool {
    id.0 >> 32 != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counter_hands_out_blocks_in_turn_and_a_used_up_origin_is_replaced() {
        let mut counter = Counter::new(MIN_ORIGIN, 5).unwrap();
        let mut first = counter.reserve(2);
        assert_eq!(first.take(), Some(Id(MIN_ORIGIN << COUNTER_BITS | 5)));
        assert_eq!(first.take(), Some(Id(MIN_ORIGIN << COUNTER_BITS | 6)));
        assert_eq!(first.take(), None);
        assert_eq!(counter.next(), 7);

        let mut full = Counter::new(MIN_ORIGIN, COUNTER_END - 1).unwrap();
        let mut cursor = full.reserve(4);
        assert_eq!(full.next(), 4, "a new origin, from counter 0");
        let id = cursor.take().unwrap();
        assert!(has_origin(id) && id.0 >> COUNTER_BITS == full.origin());
        assert!(id.0 < 1 << 53);
    }

    #[test]
    fn counters_out_of_range_are_refused() {
        assert_eq!(Counter::new(MIN_ORIGIN - 1, 0), None);
        assert_eq!(Counter::new(ORIGIN_END, 0), None);
        assert_eq!(Counter::new(MIN_ORIGIN, COUNTER_END + 1), None);
        let drawn = Counter::drawn();
        assert!(Counter::new(drawn.origin(), drawn.next()).is_some());
        assert_eq!(drawn.next() % BLOCK, 0);
    }
}
