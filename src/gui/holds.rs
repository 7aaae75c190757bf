//! What a unit's box on the canvas and its row in the outline say it holds:
//! its members (those of the units below it too), or for a 党员中心户 — whose
//! members sit in the 党小组 above it — the households it links.

use crate::model::{Document, Id, Level, Unit};
use rustc_hash::FxHashMap;

/// How many households each 党员中心户 among `shown` links: one pass over
/// the households, and none when no 中心户 is shown.
pub fn link_counts(document: &Document, shown: impl Iterator<Item = Id>) -> FxHashMap<Id, u32> {
    let mut counts: FxHashMap<Id, u32> = shown
        .filter(|id| document.units.get(id).map(|u| u.level) == Some(Level::Household))
        .map(|id| (id, 0))
        .collect();
    if !counts.is_empty() {
        for h in document.households.values() {
            if let Some(n) = counts.get_mut(&h.linked_by) {
                *n += 1;
            }
        }
    }
    counts
}

/// 「联系N户」 for a 党员中心户 (`links` from [`link_counts`]), else
/// 「N 名党员」 with `members` the unit's subtree's. Set tight: a box's line
/// holds 「户主 郝勇超 · 联系12户」 whole.
pub fn holds(unit: &Unit, members: usize, links: &FxHashMap<Id, u32>) -> String {
    if unit.level == Level::Household {
        format!("联系{}户", links.get(&unit.id).copied().unwrap_or_default())
    } else {
        format!("{members} 名党员")
    }
}
