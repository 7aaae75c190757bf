//! Rules about grids, buildings and linked households.

use super::{Context, Findings, Rule};
use crate::model::Id;
use rustc_hash::{FxHashMap, FxHashSet};

pub(super) fn check(cx: &Context, out: &mut Findings) {
    grids(cx, out);
    buildings(cx, out);
    households(cx, out);
}

fn grids(cx: &Context, out: &mut Findings) {
    let t = cx.thresholds;
    for grid in cx.document.grids.values() {
        let covering: FxHashSet<Id> = grid.covered_by.iter().copied().collect();
        match covering.len() {
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
        if grid.worker.as_deref().is_none_or(|w| w.trim().is_empty()) {
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

/// The same household (same head at the same address) linked by two central households.
fn households(cx: &Context, out: &mut Findings) {
    if !out.enabled(Rule::HouseholdMultiLinked) {
        return;
    }
    let mut first: FxHashMap<(&str, &str), (Id, Id)> = FxHashMap::default();
    for h in cx.document.households.values() {
        let Some(address) = h
            .address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        else {
            continue;
        };
        let key = (h.head.trim(), address);
        match first.get(&key) {
            Some(&(_, by)) if by != h.linked_by => {
                let name = |id| cx.index.unit(id).map_or("?", |u| u.name.as_str());
                let code = cx.index.unit(h.linked_by).map_or("", |u| u.code.as_str());
                out.push(
                    Rule::HouseholdMultiLinked,
                    h.id,
                    code,
                    &h.head,
                    format!(
                        "{}（{address}）同时由「{}」和「{}」联系：请只保留一个中心户",
                        h.head,
                        name(by),
                        name(h.linked_by)
                    ),
                );
            }
            Some(_) => {}
            None => {
                first.insert(key, (h.id, h.linked_by));
            }
        }
    }
}
