//! Grids of a community, and the branches covering each.

use super::{
    created, get, non_empty, refuse, removed, replaced, unique_code, Ids, Planned, GRID, UNIT,
};
use crate::edit::change::Record;
use crate::edit::details::GridDetails;
use crate::edit::error::ErrorKind;
use crate::model::{Document, Grid, Id, Level};

pub(in crate::edit) fn add(
    document: &Document,
    ids: &mut Ids,
    community: Id,
    code: &str,
    name: &str,
    details: &GridDetails,
) -> Planned {
    let c = get(&document.units, community, UNIT)?;
    if c.level != Level::Community {
        return refuse(format!(
            "网格只能属于社区，「{}」是{} (level mismatch)",
            c.name, c.level
        ));
    }
    non_empty(name, "网格名称", ErrorKind::Name)?;
    unique_code(&document.grids, "网格编码", code, None)?;
    let grid = Grid {
        id: ids.fresh(),
        code: code.trim().to_string(),
        name: name.trim().to_string(),
        community,
        households: details.households,
        population: details.population,
        compounds: details.compounds.clone(),
        worker: details.worker.clone(),
        worker_phone: details.worker_phone.clone(),
        covered_by: Vec::new(),
    };
    Ok((
        format!("新建网格「{}」", grid.name),
        vec![created(Record::Grid(grid))],
    ))
}

pub(in crate::edit) fn update(document: &Document, new: &Grid) -> Planned {
    let old = get(&document.grids, new.id, GRID)?;
    non_empty(&new.name, "网格名称", ErrorKind::Name)?;
    unique_code(&document.grids, "网格编码", &new.code, Some(new.id))?;
    let mut edited = new.clone();
    edited.community = old.community;
    edited.covered_by = old.covered_by.clone();
    Ok((
        format!("修改网格「{}」", edited.name),
        vec![replaced(Record::Grid(old.clone()), Record::Grid(edited))],
    ))
}

/// Deletes the grid with its buildings.
pub(in crate::edit) fn delete(document: &Document, id: Id) -> Planned {
    let old = get(&document.grids, id, GRID)?;
    let mut changes = vec![removed(Record::Grid(old.clone()))];
    changes.extend(
        document
            .buildings
            .values()
            .filter(|b| b.grid == id)
            .map(|b| removed(Record::Building(b.clone()))),
    );
    Ok((format!("删除网格「{}」", old.name), changes))
}

pub(in crate::edit) fn cover(document: &Document, branch: Id, grid: Id) -> Planned {
    let b = get(&document.units, branch, UNIT)?;
    let old = get(&document.grids, grid, GRID)?;
    if !b.is_branch_like() {
        return refuse(format!(
            "只有网格党支部（或按党支部设置的社区）可以覆盖网格，「{}」是{} (level mismatch)",
            b.name, b.level
        ));
    }
    let community = if b.level == Level::Community {
        Some(b.id)
    } else {
        b.parent
    };
    if community != Some(old.community) {
        return refuse(format!(
            "网格「{}」不属于「{}」所在的社区 (wrong community)",
            old.name, b.name
        ));
    }
    if old.covered_by.contains(&branch) {
        return refuse(format!("「{}」已覆盖网格「{}」", b.name, old.name));
    }
    let mut edited = old.clone();
    edited.covered_by.push(branch);
    Ok((
        format!("「{}」覆盖网格「{}」", b.name, old.name),
        vec![replaced(Record::Grid(old.clone()), Record::Grid(edited))],
    ))
}

pub(in crate::edit) fn uncover(document: &Document, branch: Id, grid: Id) -> Planned {
    let old = get(&document.grids, grid, GRID)?;
    if !old.covered_by.contains(&branch) {
        let by = document
            .units
            .get(&branch)
            .map_or_else(|| branch.to_string(), |b| format!("「{}」", b.name));
        return refuse(format!("网格「{}」并未被{by}覆盖", old.name));
    }
    let mut edited = old.clone();
    edited.covered_by.retain(|b| *b != branch);
    Ok((
        format!("取消覆盖网格「{}」", old.name),
        vec![replaced(Record::Grid(old.clone()), Record::Grid(edited))],
    ))
}
