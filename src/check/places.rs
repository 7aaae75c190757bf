//! Rules about grids, buildings and linked households.

use super::context::Context;
use super::finding::Findings;
use super::rule::Rule;
use crate::model::{Document, Household, Id};
use crate::text::{is_blank, trim};
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::hash::BuildHasher;

/// The grid and building rules.
pub(super) fn check(cx: &Context, out: &mut Findings) {
    grids(cx, out);
    buildings(cx, out);
}

fn grids(cx: &Context, out: &mut Findings) {
    let t = cx.thresholds;
    for grid in cx.document.grids.values() {
        let covering = &grid.covered_by;
        let distinct = (0..covering.len())
            .filter(|&i| !covering[..i].contains(&covering[i]))
            .count();
        match distinct {
            0 => out.push(
                Rule::GridUncovered,
                grid.id,
                &grid.code,
                &grid.name,
                format!(
                    "网格 {} 未被任何党支部覆盖：请在支部中勾选覆盖该网格，或新建网格党支部",
                    grid.code
                ),
            ),
            1 => {}
            n => {
                let names: Vec<&str> = grid
                    .covered_by
                    .iter()
                    .filter_map(|b| cx.index.unit(*b))
                    .map(|u| u.name.as_str())
                    .collect();
                out.push(
                    Rule::GridMultiCovered,
                    grid.id,
                    &grid.code,
                    &grid.name,
                    format!(
                        "网格 {} 被 {n} 个支部覆盖（{}）：请明确由一个支部负责",
                        grid.code,
                        names.join("、")
                    ),
                );
            }
        }
        if let Some(h) = grid.households {
            if h < t.grid_min_households || h > t.grid_max_households {
                out.push(
                    Rule::GridSize,
                    grid.id,
                    &grid.code,
                    &grid.name,
                    format!(
                        "网格 {} 有 {h} 户，不在 {}–{} 户的常规范围：请考虑调整网格划分",
                        grid.code, t.grid_min_households, t.grid_max_households
                    ),
                );
            }
        }
        if grid.worker.as_deref().is_none_or(is_blank) {
            out.push(
                Rule::GridNoWorker,
                grid.id,
                &grid.code,
                &grid.name,
                format!("网格 {} 没有网格员：请配备网格员并登记电话", grid.code),
            );
        }
    }
}

/// A building without a group is a gap only where its community organizes
/// groups by building, i.e. some building of the community has a group.
fn buildings(cx: &Context, out: &mut Findings) {
    if !out.enabled(Rule::BuildingUncovered) {
        return;
    }
    let community_of_grid: FxHashMap<Id, Id> = cx
        .document
        .grids
        .values()
        .map(|g| (g.id, g.community))
        .collect();
    let uses_building_groups: FxHashSet<Id> = cx
        .document
        .buildings
        .values()
        .filter(|b| b.covered_by.is_some())
        .filter_map(|b| community_of_grid.get(&b.grid).copied())
        .collect();
    for b in cx.document.buildings.values() {
        let community = community_of_grid.get(&b.grid);
        if b.covered_by.is_none() && community.is_some_and(|c| uses_building_groups.contains(c)) {
            out.push(
                Rule::BuildingUncovered,
                b.id,
                &b.code,
                &b.name,
                format!(
                    "楼栋 {}（{}）没有党小组覆盖：请指定负责该楼栋的党小组",
                    b.code, b.name
                ),
            );
        }
    }
}

/// The same household (same head at the same address) linked by two central
/// households, from what [`relinked_households`] found.
pub(super) fn households(cx: &Context, relinked: Vec<(&Household, Id)>, out: &mut Findings) {
    for (h, by) in relinked {
        let name = |id| cx.index.unit(id).map_or("?", |u| u.name.as_str());
        let code = cx.index.unit(h.linked_by).map_or("", |u| u.code.as_str());
        out.push(
            Rule::HouseholdMultiLinked,
            h.id,
            code,
            &h.head,
            format!(
                "{}（{}）同时由「{}」和「{}」联系：请只保留一个中心户",
                h.head,
                key(h).map_or("", |k| k.1),
                name(by),
                name(h.linked_by)
            ),
        );
    }
}

/// Households whose key was seen first under another central household, with
/// that household's linker. A single table over every household would miss
/// the cache on each lookup, so households are first spread by hash into
/// buckets small enough for the cache, then each bucket is searched alone.
///
/// It needs no index, so it runs while the index is built.
pub(super) fn relinked_households(document: &Document) -> Vec<(&Household, Id)> {
    const BUCKET_BITS: u32 = 6;
    let mut buckets: Vec<Vec<(u64, &Household)>> = vec![Vec::new(); 1 << BUCKET_BITS];
    for h in document.households.values() {
        if let Some(key) = key(h) {
            let hash = FxBuildHasher.hash_one(key);
            buckets[(hash >> (64 - BUCKET_BITS)) as usize].push((hash, h));
        }
    }
    let mut relinked = Vec::new();
    let mut first: FxHashMap<u64, &Household> = FxHashMap::default();
    // Different keys with the same hash: the first household of each such key.
    let mut collided: FxHashMap<(&str, &str), Id> = FxHashMap::default();
    for bucket in buckets {
        first.clear();
        for (hash, h) in bucket {
            let seen = *first.entry(hash).or_insert(h);
            if std::ptr::eq(seen, h) {
                continue;
            }
            let by = if key(seen) == key(h) {
                seen.linked_by
            } else {
                key(h).map_or(h.linked_by, |k| *collided.entry(k).or_insert(h.linked_by))
            };
            if by != h.linked_by {
                relinked.push((h, by));
            }
        }
    }
    relinked
}

/// What makes two households the same: the head and the address, trimmed.
fn key(h: &Household) -> Option<(&str, &str)> {
    let address = trim(h.address.as_deref()?);
    (!address.is_empty()).then(|| (trim(&h.head), address))
}
