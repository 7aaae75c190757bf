//! Structural validation: what must hold for a document to be loaded at all.
//!
//! Everything here is refused on load (and by the importer); softer problems —
//! a level mismatch, a member whose unit is gone — are check findings instead.

use crate::model::id_table::IdTable;
use crate::model::{Document, Id, Level};
use crate::tree::Tree;
use rustc_hash::FxHashMap as HashMap;

/// Why a document is structurally unsound.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    /// The record at fault, if one is.
    pub subject: Option<Id>,
    /// What is wrong and what is expected, in Chinese with the English keyword.
    pub message: String,
}

fn fail<T>(subject: Id, message: String) -> Result<T, ValidationError> {
    Err(ValidationError {
        subject: Some(subject),
        message,
    })
}

/// Checks unique ids and codes, references that resolve, and a tree without cycles.
pub fn validate(document: &Document) -> Result<(), ValidationError> {
    check_ids(document)?;
    check_units(document)?;
    check_grids_and_buildings(document)?;
    for h in document.households.values() {
        if !document.units.contains_key(&h.linked_by) {
            return fail(
                h.id,
                format!(
                    "联系户「{}」的中心户 {} 不存在 (dangling reference)",
                    h.head, h.linked_by
                ),
            );
        }
    }
    for c in document.co_builders.values() {
        if !document.units.contains_key(&c.joins) {
            return fail(
                c.id,
                format!(
                    "共建单位「{}」所共建的组织 {} 不存在 (dangling reference)",
                    c.name, c.joins
                ),
            );
        }
    }
    Ok(())
}

fn check_ids(document: &Document) -> Result<(), ValidationError> {
    // Sized by the records, not by `next_id`, which is a number from the file.
    let mut seen = IdTable::for_records(document);
    let ids = document
        .units
        .keys()
        .chain(document.grids.keys())
        .chain(document.buildings.keys())
        .chain(document.members.keys())
        .chain(document.households.keys())
        .chain(document.co_builders.keys());
    for &id in ids {
        if id.0 < 1 << 32 && id.0 >= u64::from(document.next_id) {
            return fail(
                id,
                format!(
                    "内部编号 {id} 不小于 next_id {} (id out of range)：next_id 应大于所有编号",
                    document.next_id
                ),
            );
        }
        if seen.insert(id, 0).is_some() {
            return fail(id, format!("内部编号 {id} 被两条记录使用 (duplicate id)"));
        }
    }
    Ok(())
}

fn check_units(document: &Document) -> Result<(), ValidationError> {
    let mut codes: HashMap<&str, Id> =
        HashMap::with_capacity_and_hasher(document.units.len(), Default::default());
    for unit in document.units.values() {
        if unit.code.trim().is_empty() {
            return fail(
                unit.id,
                format!("组织「{}」没有编码 (missing code)", unit.name),
            );
        }
        if let Some(other) = codes.insert(&unit.code, unit.id) {
            return fail(
                unit.id,
                format!(
                    "组织编码 {} 重复 (duplicate code)：{} 与 {other} 使用同一编码，编码在文档中必须唯一",
                    unit.code, unit.id
                ),
            );
        }
        match unit.parent {
            None if unit.level != Level::Street => {
                return fail(
                    unit.id,
                    format!(
                        "{}「{}」({}) 没有上级 (missing parent)：只有街道可以没有上级",
                        unit.level, unit.name, unit.code
                    ),
                )
            }
            Some(parent) if !document.units.contains_key(&parent) => {
                return fail(
                    unit.id,
                    format!(
                        "{}「{}」({}) 的上级 {parent} 不存在 (dangling parent)",
                        unit.level, unit.name, unit.code
                    ),
                )
            }
            _ => {}
        }
    }
    check_cycles(document)
}

/// Every parent exists by now, so a unit under no top is in a cycle or below
/// one; the first such unit by id names the cycle by the first unit its walk
/// up reaches twice.
fn check_cycles(document: &Document) -> Result<(), ValidationError> {
    let tree = Tree::new(document);
    let Some(&stray) = tree.strays().first() else {
        return Ok(());
    };
    let id = tree.cycle(stray).first().copied().unwrap_or(stray);
    let u = &document.units[&id];
    fail(
        id,
        format!(
            "组织「{}」({}) 的上级链条形成环 (cycle)：一个组织不能是自己的上级",
            u.name, u.code
        ),
    )
}

fn check_grids_and_buildings(document: &Document) -> Result<(), ValidationError> {
    let mut codes: HashMap<&str, Id> =
        HashMap::with_capacity_and_hasher(document.grids.len(), Default::default());
    for grid in document.grids.values() {
        if let Some(other) = codes.insert(&grid.code, grid.id) {
            return fail(
                grid.id,
                format!(
                    "网格编码 {} 重复 (duplicate code)：{} 与 {other}",
                    grid.code, grid.id
                ),
            );
        }
        match document.units.get(&grid.community) {
            Some(c) if c.level == Level::Community => {}
            _ => {
                return fail(
                    grid.id,
                    format!(
                        "网格 {} 的所属社区 {} 不存在或不是社区 (dangling community)",
                        grid.code, grid.community
                    ),
                )
            }
        }
        if let Some(b) = grid
            .covered_by
            .iter()
            .find(|b| !document.units.contains_key(b))
        {
            return fail(
                grid.id,
                format!(
                    "网格 {} 的覆盖支部 {b} 不存在 (dangling reference)",
                    grid.code
                ),
            );
        }
    }
    let mut codes: HashMap<&str, Id> =
        HashMap::with_capacity_and_hasher(document.buildings.len(), Default::default());
    for building in document.buildings.values() {
        if let Some(other) = codes.insert(&building.code, building.id) {
            return fail(
                building.id,
                format!(
                    "楼栋编码 {} 重复 (duplicate code)：{} 与 {other}",
                    building.code, building.id
                ),
            );
        }
        if !document.grids.contains_key(&building.grid) {
            return fail(
                building.id,
                format!(
                    "楼栋 {} 的所属网格 {} 不存在 (dangling reference)",
                    building.code, building.grid
                ),
            );
        }
        if let Some(g) = building
            .covered_by
            .filter(|g| !document.units.contains_key(g))
        {
            return fail(
                building.id,
                format!(
                    "楼栋 {} 的党小组 {g} 不存在 (dangling reference)",
                    building.code
                ),
            );
        }
    }
    Ok(())
}
