//! The keys of records a quick read left out: their ids, codes and the ids
//! they refer to, so that [`super::validate_with`] checks a file read in part
//! as a whole load checks it.
//!
//! `diff` and `merge` parse only the records whose lines differ between the
//! files (see `versions::diff::read`); the lines the files share are read
//! here through the fast reader, each record's other fields skipped. A line
//! outside the fast subset gives `None`, and the caller reads the files whole.

use super::fast;
use crate::model::Id;
use serde::Deserialize;
use std::borrow::Cow;

/// A building's keys.
#[derive(Deserialize)]
pub(super) struct BuildingKeys<'a> {
    pub(super) id: Id,
    #[serde(borrow)]
    pub(super) code: Cow<'a, str>,
    pub(super) grid: Id,
    #[serde(default)]
    pub(super) covered_by: Option<Id>,
}

/// A member's keys.
#[derive(Deserialize)]
pub(super) struct MemberKeys {
    pub(super) id: Id,
    pub(super) unit: Id,
}

/// A linked household's keys.
#[derive(Deserialize)]
pub(super) struct HouseholdKeys<'a> {
    pub(super) id: Id,
    pub(super) linked_by: Id,
    #[serde(borrow)]
    pub(super) head: Cow<'a, str>,
}

/// A co-building unit's keys.
#[derive(Deserialize)]
pub(super) struct CoBuilderKeys<'a> {
    pub(super) id: Id,
    pub(super) joins: Id,
    #[serde(borrow)]
    pub(super) name: Cow<'a, str>,
}

/// The keys of the buildings, members, households and co-building units a
/// partial read left out.
#[derive(Default)]
pub struct Unread<'a> {
    pub(super) buildings: Vec<BuildingKeys<'a>>,
    pub(super) members: Vec<MemberKeys>,
    pub(super) households: Vec<HouseholdKeys<'a>>,
    pub(super) co_builders: Vec<CoBuilderKeys<'a>>,
}

impl<'a> Unread<'a> {
    /// The keys of every record line (as the writer writes one: `(id: …),`)
    /// of the lists named; `None` where a line is outside the fast reader's
    /// subset or a list is not one of the four.
    pub fn read<'l>(lists: impl IntoIterator<Item = (&'l str, &'l [&'a str])>) -> Option<Unread<'a>>
    where
        'a: 'l,
    {
        let mut unread = Unread::default();
        for (list, lines) in lists {
            for line in lines {
                unread.add(list, line)?;
            }
        }
        Some(unread)
    }

    /// Adds one record line of the list `list`; `None` where it does not read.
    pub fn add(&mut self, list: &str, line: &'a str) -> Option<()> {
        let record = line.trim_end();
        let record = record.strip_suffix(',').unwrap_or(record);
        match list {
            "buildings" => self.buildings.push(fast::from_str(record).ok()?),
            "members" => self.members.push(fast::from_str(record).ok()?),
            "households" => self.households.push(fast::from_str(record).ok()?),
            "co_builders" => self.co_builders.push(fast::from_str(record).ok()?),
            _ => return None,
        }
        Some(())
    }

    /// Every record's own id.
    pub(super) fn ids(&self) -> impl Iterator<Item = &Id> {
        self.buildings
            .iter()
            .map(|b| &b.id)
            .chain(self.members.iter().map(|m| &m.id))
            .chain(self.households.iter().map(|h| &h.id))
            .chain(self.co_builders.iter().map(|c| &c.id))
    }

    /// The smallest id, the largest below 2³² (or the smallest), and the
    /// count, as [`crate::model::id_table::span`] gives them for a map.
    pub(super) fn span(&self) -> Option<(Id, Id, usize)> {
        let (mut lo, mut hi, mut count) = (Id(u64::MAX), None::<Id>, 0);
        for &id in self.ids() {
            lo = lo.min(id);
            if id.0 < 1 << 32 {
                hi = hi.max(Some(id));
            }
            count += 1;
        }
        (count > 0).then(|| (lo, hi.unwrap_or(lo), count))
    }
}
