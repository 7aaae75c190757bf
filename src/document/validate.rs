//! Structural validation: what must hold for a document to be loaded at all.
//!
//! Everything here is refused on load (and by the importer); softer problems —
//! a level mismatch, a member whose unit is gone — are check findings instead.
//! The quick readers of `diff` and `merge`, which parse only the records that
//! differ, hand the rest's keys in as [`Unread`], so a file they read passes
//! the very checks a whole load makes.

use super::unread::Unread;
use crate::graph::{Graph, Tree};
use crate::model::id_table::IdTable;
use crate::model::{Document, Id, Level};
use rustc_hash::FxHashMap as HashMap;

/// Ids are below 2⁵³, so that JSON (a double) holds every one exactly.
pub const ID_LIMIT: u64 = 1 << 53;

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

/// Checks ids below 2⁵³ (references too), unique ids and codes, references
/// that resolve, and a tree without cycles.
pub fn validate(document: &Document) -> Result<(), ValidationError> {
    validate_with(document, &Unread::default())
}

/// [`validate`] for a document read in part: `unread` holds the keys of the
/// records the read left out (buildings, members, households, co-building
/// units; the units and grids are all in `document`).
pub fn validate_with(document: &Document, unread: &Unread) -> Result<(), ValidationError> {
    check_range(document, unread)?;
    check_lists(document)?;
    check_ids(document, unread)?;
    check_units(document)?;
    check_grids(document)?;
    check_buildings(document, unread)?;
    let households = document
        .households
        .values()
        .map(|h| (h.id, h.linked_by, h.head.as_str()))
        .chain(
            unread
                .households
                .iter()
                .map(|h| (h.id, h.linked_by, &*h.head)),
        );
    for (id, linked_by, head) in households {
        if !document.units.contains_key(&linked_by) {
            return fail(
                id,
                format!("联系户「{head}」的中心户 {linked_by} 不存在 (dangling reference)"),
            );
        }
    }
    let co_builders = document
        .co_builders
        .values()
        .map(|c| (c.id, c.joins, c.name.as_str()))
        .chain(unread.co_builders.iter().map(|c| (c.id, c.joins, &*c.name)));
    for (id, joins, name) in co_builders {
        if !document.units.contains_key(&joins) {
            return fail(
                id,
                format!("共建单位「{name}」所共建的组织 {joins} 不存在 (dangling reference)"),
            );
        }
    }
    Ok(())
}

/// Every record's id and every id it refers to, with the reference's name in
/// the file (`id` for the record's own).
fn references<'a>(
    document: &'a Document,
    unread: &'a Unread,
) -> impl Iterator<Item = (Id, &'static str, Id)> + 'a {
    let units = document.units.values().flat_map(|u| {
        [Some(("id", u.id)), u.parent.map(|p| ("parent", p))]
            .into_iter()
            .flatten()
            .map(move |(field, to)| (u.id, field, to))
    });
    let grids = document.grids.values().flat_map(|g| {
        [(g.id, "id", g.id), (g.id, "community", g.community)]
            .into_iter()
            .chain(g.covered_by.iter().map(move |&b| (g.id, "covered_by", b)))
    });
    let buildings = document
        .buildings
        .values()
        .map(|b| (b.id, b.grid, b.covered_by))
        .chain(
            unread
                .buildings
                .iter()
                .map(|b| (b.id, b.grid, b.covered_by)),
        )
        .flat_map(|(id, grid, covered_by)| {
            [
                Some(("id", id)),
                Some(("grid", grid)),
                covered_by.map(|g| ("covered_by", g)),
            ]
            .into_iter()
            .flatten()
            .map(move |(field, to)| (id, field, to))
        });
    let pairs = document
        .members
        .values()
        .map(|m| (m.id, "unit", m.unit))
        .chain(unread.members.iter().map(|m| (m.id, "unit", m.unit)))
        .chain(
            document
                .households
                .values()
                .map(|h| (h.id, "linked_by", h.linked_by)),
        )
        .chain(
            unread
                .households
                .iter()
                .map(|h| (h.id, "linked_by", h.linked_by)),
        )
        .chain(
            document
                .co_builders
                .values()
                .map(|c| (c.id, "joins", c.joins)),
        )
        .chain(unread.co_builders.iter().map(|c| (c.id, "joins", c.joins)))
        .flat_map(|(id, field, to)| [(id, "id", id), (id, field, to)]);
    units.chain(grids).chain(buildings).chain(pairs)
}

/// Ids at or above [`ID_LIMIT`], the record's own or one it refers to, are
/// refused: they would not survive JSON.
fn check_range(document: &Document, unread: &Unread) -> Result<(), ValidationError> {
    let Some((record, field, id)) = references(document, unread).find(|r| r.2 .0 >= ID_LIMIT)
    else {
        return Ok(());
    };
    let which = if field == "id" {
        "内部编号".to_string()
    } else {
        format!("记录 {record} 的 {field} 所引用的编号")
    };
    fail(
        record,
        format!("{which} {id} 超出范围 (id out of range)：编号应小于 2^53 = {ID_LIMIT}"),
    )
}

/// The most items one record's list may hold. Far above what a record
/// carries, and low enough that a report or merge copying a record it shows
/// stays small: a list of millions of empty strings is a few bytes an item
/// in a file and tens in memory, copied for each change shown.
const LIST_LIMITS: [(&str, &str, usize); 3] = [
    ("党员", "职务 (positions)", 64),
    ("网格", "小区 (compounds)", 1000),
    ("网格", "覆盖支部 (covered_by)", 1000),
];

/// Refuses a record whose list holds more items than [`LIST_LIMITS`] allows.
fn check_lists(document: &Document) -> Result<(), ValidationError> {
    let [positions, compounds, covered_by] = LIST_LIMITS;
    let members = document
        .members
        .values()
        .map(|m| (m.id, positions, m.positions.len()));
    let grids = document.grids.values().flat_map(|g| {
        [
            (g.id, compounds, g.compounds.len()),
            (g.id, covered_by, g.covered_by.len()),
        ]
    });
    match members
        .chain(grids)
        .find(|(_, (_, _, limit), len)| len > limit)
    {
        Some((id, (record, field, limit), len)) => fail(
            id,
            format!("{record} {id} 的{field}有 {len} 项，超过上限 {limit} 项 (list too long)"),
        ),
        None => Ok(()),
    }
}

fn check_ids(document: &Document, unread: &Unread) -> Result<(), ValidationError> {
    // Sized by the records, not by `next_id`, which is a number from the file.
    let mut seen = IdTable::spanning(
        [
            crate::model::id_table::span(&document.units),
            crate::model::id_table::span(&document.grids),
            crate::model::id_table::span(&document.buildings),
            crate::model::id_table::span(&document.members),
            crate::model::id_table::span(&document.households),
            crate::model::id_table::span(&document.co_builders),
        ]
        .into_iter()
        .chain([unread.span()]),
    );
    let ids = document
        .units
        .keys()
        .chain(document.grids.keys())
        .chain(document.buildings.keys())
        .chain(document.members.keys())
        .chain(document.households.keys())
        .chain(document.co_builders.keys())
        .chain(unread.ids());
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
    // The tree is all validation reads: the units' graph, without the rest.
    let graph = Graph::of_units(document.units.values());
    let tree = graph.tree();
    let Some(&stray) = tree.strays().first() else {
        return check_depth(document, tree);
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

/// How many levels of units a tree may have. The grid has five; a deeper
/// chain (a level out of place is a finding, not a refusal) is still read,
/// but a file of thousands of nested units would make every walk up the tree
/// quadratic.
const DEPTH_LIMIT: usize = 32;

/// Refuses a tree (without cycles) deeper than [`DEPTH_LIMIT`], naming the
/// first unit past it.
fn check_depth(document: &Document, tree: &Tree) -> Result<(), ValidationError> {
    let mut stack: Vec<(Id, usize)> = tree.tops().iter().map(|&id| (id, 1)).collect();
    while let Some((id, depth)) = stack.pop() {
        if depth > DEPTH_LIMIT {
            let u = &document.units[&id];
            return fail(
                id,
                format!(
                    "组织「{}」({}) 位于第 {depth} 层，超过上限 {DEPTH_LIMIT} 层 (tree too deep)：五级网格最多五层",
                    u.name, u.code
                ),
            );
        }
        stack.extend(tree.children(Some(id)).iter().map(|&c| (c, depth + 1)));
    }
    Ok(())
}

fn check_grids(document: &Document) -> Result<(), ValidationError> {
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
    Ok(())
}

fn check_buildings(document: &Document, unread: &Unread) -> Result<(), ValidationError> {
    let mut codes: HashMap<&str, Id> = HashMap::with_capacity_and_hasher(
        document.buildings.len() + unread.buildings.len(),
        Default::default(),
    );
    let buildings = document
        .buildings
        .values()
        .map(|b| (b.id, b.code.as_str(), b.grid, b.covered_by))
        .chain(
            unread
                .buildings
                .iter()
                .map(|b| (b.id, &*b.code, b.grid, b.covered_by)),
        );
    for (id, code, grid, covered_by) in buildings {
        if let Some(other) = codes.insert(code, id) {
            return fail(
                id,
                format!("楼栋编码 {code} 重复 (duplicate code)：{id} 与 {other}"),
            );
        }
        if !document.grids.contains_key(&grid) {
            return fail(
                id,
                format!("楼栋 {code} 的所属网格 {grid} 不存在 (dangling reference)"),
            );
        }
        if let Some(g) = covered_by.filter(|g| !document.units.contains_key(g)) {
            return fail(
                id,
                format!("楼栋 {code} 的党小组 {g} 不存在 (dangling reference)"),
            );
        }
    }
    Ok(())
}
