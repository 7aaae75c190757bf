//! The commands that change a document, and how each is checked and planned.

use super::{Change, EditError, Record};
use crate::model::{
    Acknowledgement, Building, CoBuilder, Document, Grid, Household, Id, Level, Member, OrgType,
    Unit,
};
use std::collections::{HashMap, HashSet};

/// What happens to the members of a deleted subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MemberFate {
    /// They are deleted with it.
    Delete,
    /// They move to the parent of the deleted unit.
    ToParent,
}

/// One edit. Update commands change a record's own fields; its relations
/// (parent, level, covering, a member's unit …) change through the dedicated
/// commands (move, cover, assign), which check them. Serializable so that the
/// recovery journal ([`crate::journal`]) can write each edit as it is made.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Command {
    /// Rename the document.
    SetTitle(String),
    /// Add a unit under `parent` (None only for a street).
    AddUnit {
        /// The parent unit.
        parent: Option<Id>,
        /// The new unit's level.
        level: Level,
        /// Its code, unique among units.
        code: String,
        /// Its name.
        name: String,
    },
    /// Replace a unit's own fields (name, code, type, leader, election, term).
    UpdateUnit(Unit),
    /// Move a unit (and its subtree) under another parent.
    MoveUnit {
        /// The unit to move.
        unit: Id,
        /// Its new parent.
        new_parent: Id,
    },
    /// Delete a unit with everything below it.
    DeleteUnit {
        /// The root of the subtree.
        unit: Id,
        /// What happens to its members.
        members: MemberFate,
    },
    /// Add a grid to a community.
    AddGrid {
        /// The community.
        community: Id,
        /// Grid code, unique among grids.
        code: String,
        /// Grid name.
        name: String,
    },
    /// Replace a grid's own fields (code, name, figures, worker).
    UpdateGrid(Grid),
    /// Delete a grid and its buildings.
    DeleteGrid(Id),
    /// Let a branch cover a grid.
    Cover {
        /// The branch (or community organized as one 党支部).
        branch: Id,
        /// The grid.
        grid: Id,
    },
    /// Stop a branch covering a grid.
    Uncover {
        /// The branch.
        branch: Id,
        /// The grid.
        grid: Id,
    },
    /// Add a building to a grid.
    AddBuilding {
        /// The grid.
        grid: Id,
        /// Building code, unique among buildings.
        code: String,
        /// Building name.
        name: String,
    },
    /// Replace a building's own fields (code, name, households).
    UpdateBuilding(Building),
    /// Delete a building.
    DeleteBuilding(Id),
    /// Let a group cover a building (replacing any other group).
    CoverBuilding {
        /// The group.
        group: Id,
        /// The building.
        building: Id,
    },
    /// Leave a building uncovered.
    UncoverBuilding(Id),
    /// Add a member (the id given is ignored; a fresh one is allocated).
    AddMember(Member),
    /// Replace a member's own fields (everything but the unit).
    UpdateMember(Member),
    /// Organize a member in another unit.
    AssignMember {
        /// The member.
        member: Id,
        /// The unit.
        unit: Id,
    },
    /// Delete a member.
    DeleteMember(Id),
    /// Link a household to a central household (the id given is ignored).
    LinkHousehold(Household),
    /// Replace a linked household's own fields.
    UpdateHousehold(Household),
    /// Remove a linked household.
    UnlinkHousehold(Id),
    /// Add a co-building unit (the id given is ignored).
    AddCoBuilder(CoBuilder),
    /// Remove a co-building unit.
    RemoveCoBuilder(Id),
    /// Acknowledge a finding.
    Acknowledge(Acknowledgement),
    /// Withdraw an acknowledgement.
    Unacknowledge {
        /// The rule id.
        rule: String,
        /// The record.
        subject: Id,
    },
}

/// What a command will do, computed before anything changes.
pub(super) struct Plan {
    pub label: String,
    pub changes: Vec<Change>,
    pub next_id: u32,
    pub created: Option<Id>,
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

fn refuse<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError::new(message))
}

fn unit(document: &Document, id: Id) -> Result<&Unit, EditError> {
    document
        .units
        .get(&id)
        .ok_or_else(|| EditError::new(format!("组织 {id} 不存在 (no such unit)")))
}

fn non_empty(text: &str, what: &str) -> Result<(), EditError> {
    if text.trim().is_empty() {
        refuse(format!("{what}不能为空 (required)"))
    } else {
        Ok(())
    }
}

fn unique_unit_code(document: &Document, code: &str, except: Option<Id>) -> Result<(), EditError> {
    non_empty(code, "组织编码")?;
    match document.units.values().find(|u| u.code == code) {
        Some(other) if Some(other.id) != except => refuse(format!(
            "组织编码 {code} 已被「{}」使用 (duplicate code)",
            other.name
        )),
        _ => Ok(()),
    }
}

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

fn created(record: Record) -> Change {
    Change::Record {
        before: None,
        after: Some(record),
    }
}

fn replaced(before: Record, after: Record) -> Change {
    Change::Record {
        before: Some(before),
        after: Some(after),
    }
}

fn removed(record: Record) -> Change {
    Change::Record {
        before: Some(record),
        after: None,
    }
}

impl Command {
    /// Every text the command would write, with the name of its field.
    fn texts(&self) -> Vec<(&'static str, &str)> {
        fn opt<'a>(
            what: &'static str,
            text: &'a Option<String>,
        ) -> Option<(&'static str, &'a str)> {
            text.as_deref().map(|t| (what, t))
        }
        let mut texts = Vec::new();
        match self {
            Command::SetTitle(title) => texts.push(("文档标题", title.as_str())),
            Command::AddUnit { code, name, .. }
            | Command::AddGrid { code, name, .. }
            | Command::AddBuilding { code, name, .. } => {
                texts.extend([("编码", code.as_str()), ("名称", name.as_str())]);
            }
            Command::UpdateUnit(u) => {
                texts.extend([("编码", u.code.as_str()), ("名称", u.name.as_str())]);
                texts.extend(opt("组织类型", &u.kind_label));
                texts.extend(opt("负责人", &u.leader));
                texts.extend(opt("联系电话", &u.leader_phone));
            }
            Command::UpdateGrid(g) => {
                texts.extend([("网格编码", g.code.as_str()), ("网格名称", g.name.as_str())]);
                texts.extend(g.compounds.iter().map(|c| ("小区", c.as_str())));
                texts.extend(opt("网格员", &g.worker));
                texts.extend(opt("网格员电话", &g.worker_phone));
            }
            Command::UpdateBuilding(b) => {
                texts.extend([("楼栋编码", b.code.as_str()), ("楼栋名称", b.name.as_str())]);
            }
            Command::AddMember(m) | Command::UpdateMember(m) => {
                texts.push(("姓名", m.name.as_str()));
                texts.extend(opt("民族", &m.ethnicity));
                texts.extend(opt("身份证号", &m.id_number));
                texts.extend(opt("学历", &m.education));
                texts.extend(m.positions.iter().map(|p| ("职务", p.as_str())));
                texts.extend(opt("联系电话", &m.phone));
                texts.extend(opt("工作单位", &m.workplace));
            }
            Command::LinkHousehold(h) | Command::UpdateHousehold(h) => {
                texts.push(("户主姓名", h.head.as_str()));
                texts.extend(opt("住址", &h.address));
                texts.extend(opt("联系电话", &h.phone));
            }
            Command::AddCoBuilder(c) => {
                texts.push(("共建单位名称", c.name.as_str()));
                texts.extend(opt("类型", &c.kind));
            }
            Command::Acknowledge(a) => {
                texts.extend([("规则", a.rule.as_str()), ("说明", a.note.as_str())]);
            }
            Command::Unacknowledge { rule, .. } => texts.push(("规则", rule.as_str())),
            Command::MoveUnit { .. }
            | Command::DeleteUnit { .. }
            | Command::DeleteGrid(_)
            | Command::Cover { .. }
            | Command::Uncover { .. }
            | Command::DeleteBuilding(_)
            | Command::CoverBuilding { .. }
            | Command::UncoverBuilding(_)
            | Command::AssignMember { .. }
            | Command::DeleteMember(_)
            | Command::UnlinkHousehold(_)
            | Command::RemoveCoBuilder(_) => {}
        }
        texts
    }

    /// Checks the command against the document and lists its changes.
    pub(super) fn plan(&self, document: &Document) -> Result<Plan, EditError> {
        // No control character (ESC, a line break, a bidirectional override …)
        // enters a document through an edit: names reach terminals and printouts.
        for (what, text) in self.texts() {
            if let Some(c) = crate::controls::find(text) {
                return refuse(format!("{what}{}", crate::controls::refusal(c)));
            }
        }
        let mut next_id = document.next_id;
        let mut fresh = || {
            let id = Id(next_id);
            next_id += 1;
            id
        };
        let mut made = None;
        let (label, changes) = match self {
            Command::SetTitle(title) => {
                non_empty(title, "文档标题")?;
                (
                    format!("修改标题为「{title}」"),
                    vec![Change::Title {
                        before: document.title.clone(),
                        after: title.clone(),
                    }],
                )
            }
            Command::AddUnit {
                parent,
                level,
                code,
                name,
            } => {
                non_empty(name, "名称")?;
                unique_unit_code(document, code, None)?;
                match parent {
                    None if *level != Level::Street => {
                        return refuse(format!("{level}必须有上级组织 (parent required)"))
                    }
                    None => {}
                    Some(p) => check_placement(unit(document, *p)?, *level)?,
                }
                let id = fresh();
                made = Some(id);
                let new = Unit {
                    id,
                    code: code.trim().to_string(),
                    name: name.trim().to_string(),
                    level: *level,
                    org_type: OrgType::Default,
                    kind_label: None,
                    parent: *parent,
                    leader: None,
                    leader_phone: None,
                    elected: None,
                    term_years: None,
                };
                (
                    format!("新建{level}「{}」", new.name),
                    vec![created(Record::Unit(new))],
                )
            }
            Command::UpdateUnit(new) => {
                let old = unit(document, new.id)?;
                non_empty(&new.name, "名称")?;
                unique_unit_code(document, &new.code, Some(new.id))?;
                if new.level == Level::Community
                    && old.org_type == OrgType::Branch
                    && new.org_type != OrgType::Branch
                    && document
                        .units
                        .values()
                        .any(|u| u.parent == Some(new.id) && u.level == Level::Group)
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
                (
                    label,
                    vec![replaced(Record::Unit(old.clone()), Record::Unit(edited))],
                )
            }
            Command::MoveUnit {
                unit: id,
                new_parent,
            } => {
                let moving = unit(document, *id)?;
                let parent = unit(document, *new_parent)?;
                if moving.parent == Some(*new_parent) {
                    return refuse(format!("「{}」已在「{}」之下", moving.name, parent.name));
                }
                if subtree(document, *id).contains(new_parent) {
                    return refuse(format!(
                        "不能把「{}」移到它自己的下级「{}」之下 (cycle)",
                        moving.name, parent.name
                    ));
                }
                check_placement(parent, moving.level)?;
                let mut moved = moving.clone();
                moved.parent = Some(*new_parent);
                (
                    format!("移动「{}」到「{}」之下", moving.name, parent.name),
                    vec![replaced(Record::Unit(moving.clone()), Record::Unit(moved))],
                )
            }
            Command::DeleteUnit { unit: id, members } => {
                let root = unit(document, *id)?;
                let changes = delete_subtree(document, root, *members)?;
                (format!("删除「{}」及其下级", root.name), changes)
            }
            Command::AddGrid {
                community,
                code,
                name,
            } => {
                let c = unit(document, *community)?;
                if c.level != Level::Community {
                    return refuse(format!(
                        "网格只能属于社区，「{}」是{} (level mismatch)",
                        c.name, c.level
                    ));
                }
                non_empty(name, "网格名称")?;
                unique_grid_code(document, code, None)?;
                let id = fresh();
                made = Some(id);
                let grid = Grid {
                    id,
                    code: code.trim().to_string(),
                    name: name.trim().to_string(),
                    community: *community,
                    households: None,
                    population: None,
                    compounds: Vec::new(),
                    worker: None,
                    worker_phone: None,
                    covered_by: Vec::new(),
                };
                (
                    format!("新建网格「{}」", grid.name),
                    vec![created(Record::Grid(grid))],
                )
            }
            Command::UpdateGrid(new) => {
                let old = grid(document, new.id)?;
                non_empty(&new.name, "网格名称")?;
                unique_grid_code(document, &new.code, Some(new.id))?;
                let mut edited = new.clone();
                edited.community = old.community;
                edited.covered_by = old.covered_by.clone();
                (
                    format!("修改网格「{}」", edited.name),
                    vec![replaced(Record::Grid(old.clone()), Record::Grid(edited))],
                )
            }
            Command::DeleteGrid(id) => {
                let old = grid(document, *id)?;
                let mut changes = vec![removed(Record::Grid(old.clone()))];
                changes.extend(
                    document
                        .buildings
                        .values()
                        .filter(|b| b.grid == *id)
                        .map(|b| removed(Record::Building(b.clone()))),
                );
                (format!("删除网格「{}」", old.name), changes)
            }
            Command::Cover { branch, grid: g } => {
                let b = unit(document, *branch)?;
                let old = grid(document, *g)?;
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
                if old.covered_by.contains(branch) {
                    return refuse(format!("「{}」已覆盖网格「{}」", b.name, old.name));
                }
                let mut edited = old.clone();
                edited.covered_by.push(*branch);
                (
                    format!("「{}」覆盖网格「{}」", b.name, old.name),
                    vec![replaced(Record::Grid(old.clone()), Record::Grid(edited))],
                )
            }
            Command::Uncover { branch, grid: g } => {
                let old = grid(document, *g)?;
                if !old.covered_by.contains(branch) {
                    return refuse(format!("网格「{}」并未被 {branch} 覆盖", old.name));
                }
                let mut edited = old.clone();
                edited.covered_by.retain(|b| b != branch);
                (
                    format!("取消覆盖网格「{}」", old.name),
                    vec![replaced(Record::Grid(old.clone()), Record::Grid(edited))],
                )
            }
            Command::AddBuilding {
                grid: g,
                code,
                name,
            } => {
                grid(document, *g)?;
                non_empty(name, "楼栋名称")?;
                unique_building_code(document, code, None)?;
                let id = fresh();
                made = Some(id);
                let b = Building {
                    id,
                    code: code.trim().to_string(),
                    name: name.trim().to_string(),
                    grid: *g,
                    households: None,
                    covered_by: None,
                };
                (
                    format!("新建楼栋「{}」", b.name),
                    vec![created(Record::Building(b))],
                )
            }
            Command::UpdateBuilding(new) => {
                let old = building(document, new.id)?;
                non_empty(&new.name, "楼栋名称")?;
                unique_building_code(document, &new.code, Some(new.id))?;
                let mut edited = new.clone();
                edited.grid = old.grid;
                edited.covered_by = old.covered_by;
                (
                    format!("修改楼栋「{}」", edited.name),
                    vec![replaced(
                        Record::Building(old.clone()),
                        Record::Building(edited),
                    )],
                )
            }
            Command::DeleteBuilding(id) => {
                let old = building(document, *id)?;
                (
                    format!("删除楼栋「{}」", old.name),
                    vec![removed(Record::Building(old.clone()))],
                )
            }
            Command::CoverBuilding { group, building: b } => {
                let g = unit(document, *group)?;
                if g.level != Level::Group {
                    return refuse(format!(
                        "只有党小组可以覆盖楼栋，「{}」是{} (level mismatch)",
                        g.name, g.level
                    ));
                }
                let old = building(document, *b)?;
                if old.covered_by == Some(*group) {
                    return refuse(format!("「{}」已覆盖楼栋「{}」", g.name, old.name));
                }
                let mut edited = old.clone();
                edited.covered_by = Some(*group);
                (
                    format!("「{}」覆盖楼栋「{}」", g.name, old.name),
                    vec![replaced(
                        Record::Building(old.clone()),
                        Record::Building(edited),
                    )],
                )
            }
            Command::UncoverBuilding(b) => {
                let old = building(document, *b)?;
                if old.covered_by.is_none() {
                    return refuse(format!("楼栋「{}」本来就没有党小组覆盖", old.name));
                }
                let mut edited = old.clone();
                edited.covered_by = None;
                (
                    format!("取消覆盖楼栋「{}」", old.name),
                    vec![replaced(
                        Record::Building(old.clone()),
                        Record::Building(edited),
                    )],
                )
            }
            Command::AddMember(new) => {
                member_rules(new)?;
                let u = unit(document, new.unit)?;
                let id = fresh();
                made = Some(id);
                let mut member = new.clone();
                member.id = id;
                (
                    format!("在「{}」新增党员{}", u.name, member.name),
                    vec![created(Record::Member(member))],
                )
            }
            Command::UpdateMember(new) => {
                let old = member(document, new.id)?;
                member_rules(new)?;
                let mut edited = new.clone();
                edited.unit = old.unit;
                (
                    format!("修改党员{}", edited.name),
                    vec![replaced(
                        Record::Member(old.clone()),
                        Record::Member(edited),
                    )],
                )
            }
            Command::AssignMember { member: m, unit: u } => {
                let old = member(document, *m)?;
                let target = unit(document, *u)?;
                if old.unit == *u {
                    return refuse(format!("{}已在「{}」", old.name, target.name));
                }
                let mut edited = old.clone();
                edited.unit = *u;
                (
                    format!("把党员{}编入「{}」", old.name, target.name),
                    vec![replaced(
                        Record::Member(old.clone()),
                        Record::Member(edited),
                    )],
                )
            }
            Command::DeleteMember(m) => {
                let old = member(document, *m)?;
                (
                    format!("删除党员{}", old.name),
                    vec![removed(Record::Member(old.clone()))],
                )
            }
            Command::LinkHousehold(new) => {
                let central = unit(document, new.linked_by)?;
                if central.level != Level::Household {
                    return refuse(format!(
                        "联系户只能由党员中心户联系，「{}」是{} (level mismatch)",
                        central.name, central.level
                    ));
                }
                non_empty(&new.head, "户主姓名")?;
                let id = fresh();
                made = Some(id);
                let mut household = new.clone();
                household.id = id;
                (
                    format!("「{}」联系{}户", central.name, household.head),
                    vec![created(Record::Household(household))],
                )
            }
            Command::UpdateHousehold(new) => {
                let old = household(document, new.id)?;
                non_empty(&new.head, "户主姓名")?;
                let mut edited = new.clone();
                edited.linked_by = old.linked_by;
                (
                    format!("修改联系户{}", edited.head),
                    vec![replaced(
                        Record::Household(old.clone()),
                        Record::Household(edited),
                    )],
                )
            }
            Command::UnlinkHousehold(h) => {
                let old = household(document, *h)?;
                (
                    format!("移除联系户{}", old.head),
                    vec![removed(Record::Household(old.clone()))],
                )
            }
            Command::AddCoBuilder(new) => {
                let joins = unit(document, new.joins)?;
                if !matches!(joins.level, Level::Street | Level::Community) {
                    return refuse(format!(
                        "共建单位只能加入街道大工委或社区大党委，「{}」是{} (level mismatch)",
                        joins.name, joins.level
                    ));
                }
                non_empty(&new.name, "共建单位名称")?;
                let id = fresh();
                made = Some(id);
                let mut co = new.clone();
                co.id = id;
                (
                    format!("「{}」加入「{}」共建", co.name, joins.name),
                    vec![created(Record::CoBuilder(co))],
                )
            }
            Command::RemoveCoBuilder(c) => {
                let old = document
                    .co_builders
                    .get(c)
                    .ok_or_else(|| EditError::new(format!("共建单位 {c} 不存在")))?;
                (
                    format!("移除共建单位「{}」", old.name),
                    vec![removed(Record::CoBuilder(old.clone()))],
                )
            }
            Command::Acknowledge(ack) => {
                if document.kind_of(ack.subject).is_none() {
                    return refuse(format!("记录 {} 不存在", ack.subject));
                }
                let mut after: Vec<_> = document
                    .acknowledgements
                    .iter()
                    .filter(|a| !(a.rule == ack.rule && a.subject == ack.subject))
                    .cloned()
                    .collect();
                after.push(ack.clone());
                after.sort();
                (
                    format!("确认问题 {}", ack.rule),
                    vec![Change::Acknowledgements {
                        before: document.acknowledgements.clone(),
                        after,
                    }],
                )
            }
            Command::Unacknowledge { rule, subject } => {
                let after: Vec<_> = document
                    .acknowledgements
                    .iter()
                    .filter(|a| !(&a.rule == rule && a.subject == *subject))
                    .cloned()
                    .collect();
                if after.len() == document.acknowledgements.len() {
                    return refuse(format!("问题 {rule} 未被确认过"));
                }
                (
                    format!("撤销确认 {rule}"),
                    vec![Change::Acknowledgements {
                        before: document.acknowledgements.clone(),
                        after,
                    }],
                )
            }
        };
        Ok(Plan {
            label,
            changes,
            next_id,
            created: made,
        })
    }
}

fn grid(document: &Document, id: Id) -> Result<&Grid, EditError> {
    document
        .grids
        .get(&id)
        .ok_or_else(|| EditError::new(format!("网格 {id} 不存在 (no such grid)")))
}

fn building(document: &Document, id: Id) -> Result<&Building, EditError> {
    document
        .buildings
        .get(&id)
        .ok_or_else(|| EditError::new(format!("楼栋 {id} 不存在 (no such building)")))
}

/// Refuses a member that cannot be true ([`super::rules::refusals`]), naming
/// the first field at fault.
fn member_rules(member: &Member) -> Result<(), EditError> {
    match super::rules::refusals(member).into_iter().next() {
        Some((field, why)) => Err(EditError {
            message: format!("{}：{why}", field.label()),
            field: Some(field),
        }),
        None => Ok(()),
    }
}

fn member(document: &Document, id: Id) -> Result<&Member, EditError> {
    document
        .members
        .get(&id)
        .ok_or_else(|| EditError::new(format!("党员 {id} 不存在 (no such member)")))
}

fn household(document: &Document, id: Id) -> Result<&Household, EditError> {
    document
        .households
        .get(&id)
        .ok_or_else(|| EditError::new(format!("联系户 {id} 不存在 (no such household)")))
}

fn unique_grid_code(document: &Document, code: &str, except: Option<Id>) -> Result<(), EditError> {
    non_empty(code, "网格编码")?;
    match document.grids.values().find(|g| g.code == code) {
        Some(other) if Some(other.id) != except => refuse(format!(
            "网格编码 {code} 已被「{}」使用 (duplicate code)",
            other.name
        )),
        _ => Ok(()),
    }
}

fn unique_building_code(
    document: &Document,
    code: &str,
    except: Option<Id>,
) -> Result<(), EditError> {
    non_empty(code, "楼栋编码")?;
    match document.buildings.values().find(|b| b.code == code) {
        Some(other) if Some(other.id) != except => refuse(format!(
            "楼栋编码 {code} 已被「{}」使用 (duplicate code)",
            other.name
        )),
        _ => Ok(()),
    }
}

/// `root` and every unit below it.
fn subtree(document: &Document, root: Id) -> HashSet<Id> {
    let mut children: HashMap<Id, Vec<Id>> = HashMap::new();
    for u in document.units.values() {
        if let Some(p) = u.parent {
            children.entry(p).or_default().push(u.id);
        }
    }
    let mut found = HashSet::new();
    let mut stack = vec![root];
    while let Some(u) = stack.pop() {
        if found.insert(u) {
            stack.extend(children.get(&u).into_iter().flatten().copied());
        }
    }
    found
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
