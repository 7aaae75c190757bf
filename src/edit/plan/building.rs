//! Buildings of a grid, and the group covering each.

use super::{
    created, get, non_empty, refuse, removed, replaced, unique_code, Ids, Planned, BUILDING, GRID,
    UNIT,
};
use crate::edit::change::Record;
use crate::edit::error::ErrorKind;
use crate::model::{Building, Document, Id, Level};

pub(in crate::edit) fn add(
    document: &Document,
    ids: &mut Ids,
    grid: Id,
    code: &str,
    name: &str,
    households: Option<u32>,
) -> Planned {
    get(&document.grids, grid, GRID)?;
    non_empty(name, "楼栋名称", ErrorKind::Name)?;
    unique_code(&document.buildings, "楼栋编码", code, None)?;
    let b = Building {
        id: ids.fresh(),
        code: code.trim().to_string(),
        name: name.trim().to_string(),
        grid,
        households,
        covered_by: None,
    };
    Ok((
        format!("新建楼栋「{}」", b.name),
        vec![created(Record::Building(b))],
    ))
}

pub(in crate::edit) fn update(document: &Document, new: &Building) -> Planned {
    let old = get(&document.buildings, new.id, BUILDING)?;
    non_empty(&new.name, "楼栋名称", ErrorKind::Name)?;
    unique_code(&document.buildings, "楼栋编码", &new.code, Some(new.id))?;
    let mut edited = new.clone();
    edited.grid = old.grid;
    edited.covered_by = old.covered_by;
    Ok((
        format!("修改楼栋「{}」", edited.name),
        vec![replaced(
            Record::Building(old.clone()),
            Record::Building(edited),
        )],
    ))
}

pub(in crate::edit) fn delete(document: &Document, id: Id) -> Planned {
    let old = get(&document.buildings, id, BUILDING)?;
    Ok((
        format!("删除楼栋「{}」", old.name),
        vec![removed(Record::Building(old.clone()))],
    ))
}

pub(in crate::edit) fn cover(document: &Document, group: Id, building: Id) -> Planned {
    let g = get(&document.units, group, UNIT)?;
    if g.level != Level::Group {
        return refuse(format!(
            "只有党小组可以覆盖楼栋，「{}」是{} (level mismatch)",
            g.name, g.level
        ));
    }
    let old = get(&document.buildings, building, BUILDING)?;
    if old.covered_by == Some(group) {
        return refuse(format!("「{}」已覆盖楼栋「{}」", g.name, old.name));
    }
    let mut edited = old.clone();
    edited.covered_by = Some(group);
    Ok((
        format!("「{}」覆盖楼栋「{}」", g.name, old.name),
        vec![replaced(
            Record::Building(old.clone()),
            Record::Building(edited),
        )],
    ))
}

pub(in crate::edit) fn uncover(document: &Document, building: Id) -> Planned {
    let old = get(&document.buildings, building, BUILDING)?;
    if old.covered_by.is_none() {
        return refuse(format!("楼栋「{}」本来就没有党小组覆盖", old.name));
    }
    let mut edited = old.clone();
    edited.covered_by = None;
    Ok((
        format!("取消覆盖楼栋「{}」", old.name),
        vec![replaced(
            Record::Building(old.clone()),
            Record::Building(edited),
        )],
    ))
}
