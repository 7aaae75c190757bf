//! The commands that change a document; [`super::plan`] checks and plans each.

use super::change::Change;
use super::details::{GridDetails, MemberFate};
use super::error::EditError;
use super::plan::{self, refuse, Ids};
use crate::model::{
    Acknowledgement, Building, CoBuilder, Document, Grid, Household, Id, Level, Member, Unit,
};

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
        /// Its other fields as typed in a form (none in older journals), so
        /// that a grid is added whole in one step of the history.
        #[serde(default)]
        details: GridDetails,
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
        /// Households in the building (none in older journals).
        #[serde(default)]
        households: Option<u32>,
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
    /// Replace the own fields of several members in one step (a paste into
    /// the members sheet), each checked as by [`Command::UpdateMember`].
    UpdateMembers(Vec<Member>),
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
    /// Let another central household look after a linked household.
    MoveHousehold {
        /// The linked household.
        household: Id,
        /// The 党员中心户 taking it.
        to: Id,
    },
    /// Replace a co-building unit's own fields (name, kind; not whom it joins).
    UpdateCoBuilder(CoBuilder),
    /// Settle a conflict a merge left: take their value (or keep ours).
    Settle {
        /// The conflict.
        conflict: crate::model::Conflict,
        /// Theirs taken, else ours.
        theirs: bool,
    },
}

/// An optional text with the name of its field.
fn opt<'a>(what: &'static str, text: &'a Option<String>) -> Option<(&'static str, &'a str)> {
    text.as_deref().map(|t| (what, t))
}

/// Every text a member's fields would write, with the name of its field.
fn member_texts(m: &Member) -> Vec<(&'static str, &str)> {
    let mut texts = vec![("姓名", m.name.as_str())];
    texts.extend(opt("民族", &m.ethnicity));
    texts.extend(opt("身份证号", &m.id_number));
    texts.extend(opt("学历", &m.education));
    texts.extend(m.positions.iter().map(|p| ("职务", p.as_str())));
    texts.extend(opt("联系电话", &m.phone));
    texts.extend(opt("工作单位", &m.workplace));
    texts
}

/// What a command will do, computed before anything changes.
pub(super) struct Plan {
    pub label: String,
    pub changes: Vec<Change>,
    pub ids: crate::model::ids::Cursor,
    pub created: Option<Id>,
}

impl Command {
    /// Every text the command would write, with the name of its field.
    fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut texts = Vec::new();
        match self {
            Command::SetTitle(title) => texts.push(("文档标题", title.as_str())),
            Command::AddUnit { code, name, .. } | Command::AddBuilding { code, name, .. } => {
                texts.extend([("编码", code.as_str()), ("名称", name.as_str())]);
            }
            Command::AddGrid {
                code,
                name,
                details,
                ..
            } => {
                texts.extend([("编码", code.as_str()), ("名称", name.as_str())]);
                texts.extend(details.compounds.iter().map(|c| ("小区", c.as_str())));
                texts.extend(opt("网格员", &details.worker));
                texts.extend(opt("网格员电话", &details.worker_phone));
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
            Command::AddMember(m) | Command::UpdateMember(m) => texts.extend(member_texts(m)),
            Command::UpdateMembers(members) => {
                texts.extend(members.iter().flat_map(member_texts));
            }
            Command::LinkHousehold(h) | Command::UpdateHousehold(h) => {
                texts.push(("户主姓名", h.head.as_str()));
                texts.extend(opt("住址", &h.address));
                texts.extend(opt("联系电话", &h.phone));
            }
            Command::AddCoBuilder(c) | Command::UpdateCoBuilder(c) => {
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
            | Command::MoveHousehold { .. }
            | Command::Settle { .. }
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
        let mut ids = Ids {
            cursor: document.ids,
            created: None,
        };
        let (label, changes) = match self {
            Command::SetTitle(title) => plan::title::set(document, title),
            Command::AddUnit {
                parent,
                level,
                code,
                name,
            } => plan::unit::add(document, &mut ids, *parent, *level, code, name),
            Command::UpdateUnit(new) => plan::unit::update(document, new),
            Command::MoveUnit { unit, new_parent } => {
                plan::unit::move_under(document, *unit, *new_parent)
            }
            Command::DeleteUnit { unit, members } => plan::unit::delete(document, *unit, *members),
            Command::AddGrid {
                community,
                code,
                name,
                details,
            } => plan::grid::add(document, &mut ids, *community, code, name, details),
            Command::UpdateGrid(new) => plan::grid::update(document, new),
            Command::DeleteGrid(id) => plan::grid::delete(document, *id),
            Command::Cover { branch, grid } => plan::grid::cover(document, *branch, *grid),
            Command::Uncover { branch, grid } => plan::grid::uncover(document, *branch, *grid),
            Command::AddBuilding {
                grid,
                code,
                name,
                households,
            } => plan::building::add(document, &mut ids, *grid, code, name, *households),
            Command::UpdateBuilding(new) => plan::building::update(document, new),
            Command::DeleteBuilding(id) => plan::building::delete(document, *id),
            Command::CoverBuilding { group, building } => {
                plan::building::cover(document, *group, *building)
            }
            Command::UncoverBuilding(id) => plan::building::uncover(document, *id),
            Command::AddMember(new) => plan::member::add(document, &mut ids, new),
            Command::UpdateMember(new) => plan::member::update(document, new),
            Command::UpdateMembers(new) => plan::member::update_many(document, new),
            Command::AssignMember { member, unit } => {
                plan::member::assign(document, *member, *unit)
            }
            Command::DeleteMember(id) => plan::member::delete(document, *id),
            Command::LinkHousehold(new) => plan::household::link(document, &mut ids, new),
            Command::UpdateHousehold(new) => plan::household::update(document, new),
            Command::UnlinkHousehold(id) => plan::household::unlink(document, *id),
            Command::MoveHousehold { household, to } => {
                plan::household::move_to(document, *household, *to)
            }
            Command::AddCoBuilder(new) => plan::co_builder::add(document, &mut ids, new),
            Command::UpdateCoBuilder(new) => plan::co_builder::update(document, new),
            Command::RemoveCoBuilder(id) => plan::co_builder::remove(document, *id),
            Command::Acknowledge(ack) => plan::acknowledgement::acknowledge(document, ack),
            Command::Unacknowledge { rule, subject } => {
                plan::acknowledgement::unacknowledge(document, rule, *subject)
            }
            Command::Settle { conflict, theirs } => {
                plan::conflict::settle(document, conflict, *theirs)
            }
        }?;
        Ok(Plan {
            label,
            changes,
            ids: ids.cursor,
            created: ids.created,
        })
    }
}
