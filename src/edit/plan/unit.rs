//! Units of the tree: adding, editing, moving and deleting them with their
//! subtree, and what a delete would take with it.

use super::{created, get, non_empty, refuse, removed, replaced, unique_code, Ids, Planned, UNIT};
use crate::edit::change::{Change, Record};
use crate::edit::details::MemberFate;
use crate::edit::error::{EditError, ErrorKind};
use crate::graph::Graph;
use crate::model::{Document, Id, Level, OrgType, Unit};
use std::collections::HashSet;

/// Whether `parent` may hold a child of `level`, with the reason when not.
fn check_placement(parent: &Unit, level: Level) -> Result<(), EditError> {
    if parent.level.accepts(level, parent.org_type) {
        Ok(())
    } else {
        let expected = parent
            .level
            .child()
            .map_or("任何组织".to_string(), |l| l.label().to_string());
        refuse(format!(
            "{}「{}」下只能设{expected}，不能设{} (level mismatch)",
            parent.level, parent.name, level
        ))
    }
}

pub(in crate::edit) fn add(
    document: &Document,
    ids: &mut Ids,
    parent: Option<Id>,
    level: Level,
    code: &str,
    name: &str,
) -> Planned {
    non_empty(name, "名称", ErrorKind::Name)?;
    unique_code(&document.units, "组织编码", code, None)?;
    match parent {
        None if level != Level::Street => {
            return refuse(format!("{level}必须有上级组织 (parent required)"))
        }
        None => {}
        Some(p) => check_placement(get(&document.units, p, UNIT)?, level)?,
    }
    let new = Unit::new(
        ids.fresh(),
        code.trim().to_string(),
        name.trim().to_string(),
        level,
        parent,
    );
    Ok((
        format!("新建{level}「{}」", new.name),
        vec![created(Record::Unit(new))],
    ))
}

/// Replaces the unit's own fields; its parent and level stay.
pub(in crate::edit) fn update(document: &Document, new: &Unit) -> Planned {
    let old = get(&document.units, new.id, UNIT)?;
    non_empty(&new.name, "名称", ErrorKind::Name)?;
    unique_code(&document.units, "组织编码", &new.code, Some(new.id))?;
    if new.level == Level::Community
        && old.org_type == OrgType::Branch
        && new.org_type != OrgType::Branch
        && Graph::of_units(document.units.values())
            .tree()
            .children(Some(new.id))
            .iter()
            .any(|c| document.units[c].level == Level::Group)
    {
        return refuse(
            "该社区下直接设有党小组，只能保持「党支部」类型 (level mismatch)：请先设立网格党支部并移动党小组",
        );
    }
    let mut edited = new.clone();
    edited.parent = old.parent;
    edited.level = old.level;
    if edited.level != Level::Community {
        edited.org_type = OrgType::Default;
    }
    let label = if old.name != edited.name {
        format!("重命名「{}」为「{}」", old.name, edited.name)
    } else {
        format!("修改「{}」", edited.name)
    };
    Ok((
        label,
        vec![replaced(Record::Unit(old.clone()), Record::Unit(edited))],
    ))
}

/// Moves the unit, with its subtree, under `new_parent`.
pub(in crate::edit) fn move_under(document: &Document, id: Id, new_parent: Id) -> Planned {
    let moving = get(&document.units, id, UNIT)?;
    let parent = get(&document.units, new_parent, UNIT)?;
    if moving.parent == Some(new_parent) {
        return refuse(format!("「{}」已在「{}」之下", moving.name, parent.name));
    }
    if subtree(document, id).contains(&new_parent) {
        return refuse(format!(
            "不能把「{}」移到它自己的下级「{}」之下 (cycle)",
            moving.name, parent.name
        ));
    }
    check_placement(parent, moving.level)?;
    let mut moved = moving.clone();
    moved.parent = Some(new_parent);
    Ok((
        format!("移动「{}」到「{}」之下", moving.name, parent.name),
        vec![replaced(Record::Unit(moving.clone()), Record::Unit(moved))],
    ))
}

/// Deletes the unit with everything below it.
pub(in crate::edit) fn delete(document: &Document, id: Id, members: MemberFate) -> Planned {
    let root = get(&document.units, id, UNIT)?;
    let changes = delete_subtree(document, root, members)?;
    Ok((format!("删除「{}」及其下级", root.name), changes))
}

/// What deleting a unit takes with it, for the confirmation the user sees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeletePreview {
    /// Units removed, the root included.
    pub units: usize,
    /// Members in the subtree (deleted or moved, as chosen).
    pub members: usize,
    /// Grids removed (those of removed communities).
    pub grids: usize,
    /// Buildings removed.
    pub buildings: usize,
    /// Linked households removed.
    pub households: usize,
    /// Co-building units removed.
    pub co_builders: usize,
}

impl DeletePreview {
    /// A Chinese sentence listing what goes.
    pub fn describe(&self, fate: MemberFate) -> String {
        let mut parts = vec![format!("{} 个组织", self.units)];
        for (n, what) in [
            (self.grids, "个网格"),
            (self.buildings, "栋楼"),
            (self.households, "户联系户"),
            (self.co_builders, "个共建单位"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        let members = match (self.members, fate) {
            (0, _) => String::new(),
            (n, MemberFate::Delete) => format!("；{n} 名党员一并删除"),
            (n, MemberFate::ToParent) => format!("；{n} 名党员转到上级组织"),
        };
        format!("将删除 {}{members}", parts.join("、"))
    }
}

/// `root` and every unit below it, as the tree of the document's units has
/// them (the units' graph alone: an edit needs no more).
fn subtree(document: &Document, root: Id) -> HashSet<Id> {
    Graph::of_units(document.units.values())
        .tree()
        .subtree(root)
        .into_iter()
        .collect()
}

/// What deleting `root` with its subtree removes.
pub fn preview_delete(document: &Document, root: Id) -> DeletePreview {
    let units = subtree(document, root);
    let grids: HashSet<Id> = document
        .grids
        .values()
        .filter(|g| units.contains(&g.community))
        .map(|g| g.id)
        .collect();
    DeletePreview {
        units: units.len(),
        members: document
            .members
            .values()
            .filter(|m| units.contains(&m.unit))
            .count(),
        grids: grids.len(),
        buildings: document
            .buildings
            .values()
            .filter(|b| grids.contains(&b.grid))
            .count(),
        households: document
            .households
            .values()
            .filter(|h| units.contains(&h.linked_by))
            .count(),
        co_builders: document
            .co_builders
            .values()
            .filter(|c| units.contains(&c.joins))
            .count(),
    }
}

fn delete_subtree(
    document: &Document,
    root: &Unit,
    fate: MemberFate,
) -> Result<Vec<Change>, EditError> {
    if fate == MemberFate::ToParent && root.parent.is_none() {
        return refuse(format!(
            "「{}」没有上级组织，党员无处转入 (no parent)：请选择一并删除党员",
            root.name
        ));
    }
    let units = subtree(document, root.id);
    let mut changes: Vec<Change> = document
        .units
        .values()
        .filter(|u| units.contains(&u.id))
        .map(|u| removed(Record::Unit(u.clone())))
        .collect();
    for m in document
        .members
        .values()
        .filter(|m| units.contains(&m.unit))
    {
        changes.push(match (fate, root.parent) {
            (MemberFate::ToParent, Some(parent)) => {
                let mut moved = m.clone();
                moved.unit = parent;
                replaced(Record::Member(m.clone()), Record::Member(moved))
            }
            _ => removed(Record::Member(m.clone())),
        });
    }
    let mut gone_grids = HashSet::new();
    for g in document.grids.values() {
        if units.contains(&g.community) {
            gone_grids.insert(g.id);
            changes.push(removed(Record::Grid(g.clone())));
        } else if g.covered_by.iter().any(|b| units.contains(b)) {
            let mut edited = g.clone();
            edited.covered_by.retain(|b| !units.contains(b));
            changes.push(replaced(Record::Grid(g.clone()), Record::Grid(edited)));
        }
    }
    for b in document.buildings.values() {
        if gone_grids.contains(&b.grid) {
            changes.push(removed(Record::Building(b.clone())));
        } else if b.covered_by.is_some_and(|g| units.contains(&g)) {
            let mut edited = b.clone();
            edited.covered_by = None;
            changes.push(replaced(
                Record::Building(b.clone()),
                Record::Building(edited),
            ));
        }
    }
    changes.extend(
        document
            .households
            .values()
            .filter(|h| units.contains(&h.linked_by))
            .map(|h| removed(Record::Household(h.clone()))),
    );
    changes.extend(
        document
            .co_builders
            .values()
            .filter(|c| units.contains(&c.joins))
            .map(|c| removed(Record::CoBuilder(c.clone()))),
    );
    Ok(changes)
}

/// A free code for a new child of `parent` at `level`, following the usual
/// pattern: a community's is the street's code and two digits (XY01), a
/// branch's, group's and central household's the parent's code with -B1,
/// -G1 or -H1; the first number not yet taken is used.
pub fn suggest_code(document: &Document, parent: Option<&Unit>, level: Level) -> String {
    let base = parent.map_or("", |p| p.code.as_str());
    let make = |n: usize| match level {
        Level::Street => format!("J{n:02}"),
        Level::Community => format!("{base}{n:02}"),
        Level::Branch => format!("{base}-B{n}"),
        Level::Group => format!("{base}-G{n}"),
        Level::Household => format!("{base}-H{n}"),
    };
    (1..)
        .map(make)
        .find(|code| document.unit_by_code(code).is_none())
        .unwrap_or_default()
}
