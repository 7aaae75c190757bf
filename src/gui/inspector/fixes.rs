//! Where each finding is fixed: for every rule, the unit to select, the
//! control of the property panel to take the user to, and what to do there.
//! Clicking a finding goes there; acknowledging it is another matter. How
//! to fix it is said while the user is at that step, and no longer: the
//! [`Hint`] goes with the form the step opened.

use super::ids;
use super::links;
use super::members;
use super::places::{self, GridField};
use crate::check::{Finding, Rule};
use crate::model::{Document, Id};

/// The control a fix is made with.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// One of the unit's own fields (one of [`super`]'s field ids), focused.
    Field(&'static str),
    /// The community's organization type.
    OrgType,
    /// The button that adds a unit one level down.
    AddChild,
    /// The list that moves the unit under another parent.
    Move,
    /// The unit's members.
    Members,
    /// The form on a new member of the unit.
    AddMember,
    /// The form on a member, at one of its fields.
    Member(Id, members::Field),
    /// The form on a member, at the list that puts them in another unit.
    Assign(Id),
    /// A grid's form, at one of its fields.
    Grid(Id, GridField),
    /// The branches covering a grid.
    Cover(Id),
    /// The group covering a building.
    Building(Id),
    /// The form on a new linked household of the 党员中心户.
    AddLink,
    /// The 党员中心户's linked households, at this one.
    Links(Option<Id>),
    /// A member whose unit is missing: the list to put them in one.
    Stray(Id),
    /// The list of conflicts a merge left.
    Conflicts,
}

/// Where a finding is fixed and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    /// The unit to select (none for a member whose unit is missing).
    pub unit: Option<Id>,
    /// The control to go to.
    pub step: Step,
    /// What to do there, in a line.
    pub hint: String,
}

/// How to fix the finding the user came from, said above the property panel
/// while they are at its step: closing the form the step opened (or opening
/// another in its place) ends it, as does leaving the unit or an edit
/// applied (the panel is then shown afresh).
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    step: Step,
    text: String,
}

impl Hint {
    /// The hint of `lead`.
    pub fn of(lead: &Lead) -> Hint {
        Hint {
            step: lead.step.clone(),
            text: lead.hint.clone(),
        }
    }

    /// What to do, in a line.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the members table's `message` takes the user away from this
    /// step: closes the member form it opened, or opens another.
    pub fn left_by_members(&self, message: &members::Message) -> bool {
        use members::Message as M;
        match (&self.step, message) {
            (Step::AddMember | Step::Member(..) | Step::Assign(_), M::Cancel) => true,
            (Step::AddMember, M::Edit(_)) => true,
            (Step::Member(..) | Step::Assign(_), M::Add) => true,
            (Step::Member(member, _) | Step::Assign(member), M::Edit(other)) => member != other,
            _ => false,
        }
    }

    /// Whether the grids and buildings' `message` takes the user away from
    /// this step: closes the grid form it opened or the covering choices it
    /// showed, or opens another form or choice in their place.
    pub fn left_by_places(&self, message: &places::Message) -> bool {
        use places::Message as M;
        match (&self.step, message) {
            (Step::Grid(..), M::Cancel | M::AddGrid | M::AddBuilding(_) | M::EditBuilding(_)) => {
                true
            }
            (Step::Grid(grid, _), M::EditGrid(other)) => grid != other,
            // 覆盖 toggles: the grid's choices close, or another's open.
            (Step::Cover(_), M::Covering(_)) => true,
            _ => false,
        }
    }

    /// Whether the linked households' `message` takes the user away from
    /// this step: closes the new household's form, or opens another.
    pub fn left_by_links(&self, message: &links::Message) -> bool {
        use links::Message as M;
        matches!(
            (&self.step, message),
            (Step::AddLink, M::Cancel | M::Edit(_))
        )
    }
}

/// Where `finding` is fixed; `None` when what it is about is gone.
pub fn lead(document: &Document, finding: &Finding) -> Option<Lead> {
    let subject = finding.subject;
    let unit = || document.units.get(&subject);
    let member = || document.members.get(&subject);
    let on_unit = |step: Step, hint: String| {
        unit().map(|u| Lead {
            unit: Some(u.id),
            step,
            hint,
        })
    };
    let on_member = |field: members::Field, hint: &str| {
        member().map(|m| Lead {
            unit: Some(m.unit),
            step: Step::Member(m.id, field),
            hint: format!("党员{}：{hint}", m.name),
        })
    };
    let on_grid = |step: fn(Id) -> Step, hint: &str| {
        document.grids.get(&subject).map(|g| Lead {
            unit: Some(g.community),
            step: step(g.id),
            hint: format!("网格「{}」：{hint}", g.name),
        })
    };
    match finding.rule {
        Rule::GridUncovered => on_grid(Step::Cover, "勾选覆盖它的网格党支部（支部建在网格上）"),
        Rule::GridMultiCovered => on_grid(Step::Cover, "只保留一个覆盖它的支部，取消其余勾选"),
        Rule::GridSize => on_grid(
            |g| Step::Grid(g, GridField::Households),
            "核对户数，保存网格",
        ),
        Rule::GridNoWorker => on_grid(
            |g| Step::Grid(g, GridField::Worker),
            "填写网格员和电话，保存网格",
        ),
        Rule::BuildingUncovered => {
            let building = document.buildings.get(&subject)?;
            let grid = document.grids.get(&building.grid)?;
            Some(Lead {
                unit: Some(grid.community),
                step: Step::Building(building.id),
                hint: format!("楼栋「{}」：选择负责它的党小组", building.name),
            })
        }
        Rule::BranchTooFewMembers => {
            on_unit(Step::AddMember, "添加正式党员，或把党员编入本支部".into())
        }
        Rule::BranchTooManyMembers => on_unit(
            Step::Members,
            "把部分党员编入其他组织（编辑党员 → 编入），或另设支部".into(),
        ),
        Rule::BranchNeedsCommittee => on_unit(
            Step::Members,
            "编辑正式党员，在「职务」中填写 委员，使支委会满 3 人".into(),
        ),
        Rule::CommunityTypeMismatch => {
            on_unit(Step::OrgType, "按党员人数选择组织类型，应用修改".into())
        }
        Rule::LeaderVacant => {
            let title = unit()?.level.leader_title();
            on_unit(
                Step::Field(ids::LEADER),
                format!("填写{title}姓名，按 Enter 应用"),
            )
        }
        Rule::TermExpiring | Rule::TermExpired => on_unit(
            Step::Field(ids::ELECTED),
            "换届后填写本届选举日期，按 Enter 应用".into(),
        ),
        Rule::GroupWithoutHouseholds | Rule::EmptyUnit => {
            let level = unit()?.level.child()?;
            on_unit(Step::AddChild, format!("添加{}", level.full_name()))
        }
        Rule::LevelMismatch => on_unit(Step::Move, "把它移到高一级的组织之下".into()),
        Rule::HouseholdNoLinks => on_unit(Step::AddLink, "添加它联系的群众户".into()),
        Rule::HouseholdTooManyLinks => on_unit(
            Step::Links(None),
            "把多出的联系户移到其他中心户，或移除".into(),
        ),
        Rule::HouseholdMultiLinked => {
            let household = document.households.get(&subject)?;
            Some(Lead {
                unit: Some(household.linked_by),
                step: Step::Links(Some(household.id)),
                hint: format!(
                    "「{}」已由另一中心户联系：移除这里的记录，或移到别处",
                    household.head
                ),
            })
        }
        Rule::MemberUnassigned => member().map(|m| Lead {
            unit: Some(m.unit),
            step: Step::Assign(m.id),
            hint: format!("党员{}：选择一个党小组，编入", m.name),
        }),
        Rule::MemberDangling => member().map(|m| Lead {
            unit: None,
            step: Step::Stray(m.id),
            hint: format!("党员{}所在组织不存在：编入现有组织，或移除", m.name),
        }),
        Rule::MemberDuplicate => on_member(
            members::Field::IdNumber,
            "核对身份证号；同一人重复登记的，移除其中一条",
        ),
        Rule::IdNumberInvalid => on_member(members::Field::IdNumber, "更正身份证号，保存党员"),
        Rule::IdNumberMismatch => on_member(
            members::Field::Birth,
            "按身份证号更正出生日期和性别，保存党员",
        ),
        Rule::ProbationOverdue => on_member(
            members::Field::FullSince,
            "讨论转正后取消「预备党员」，填写转正日期，保存党员",
        ),
        Rule::CommitteeProbationary => on_member(
            members::Field::Positions,
            "预备党员不能担任书记、委员：调整职务，保存党员",
        ),
        Rule::MergeConflict => Some(Lead {
            unit: None,
            step: Step::Conflicts,
            hint: "合并冲突：对每一处选定我方或对方的值".into(),
        }),
        Rule::SecretaryStanding => on_member(
            members::Field::Positions,
            "书记党龄不满一年：复核人选，调整职务或转正日期",
        ),
    }
}
