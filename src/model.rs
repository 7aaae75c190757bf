//! The domain model: the five levels, grids, buildings, members, linked households
//! and co-building units, held in one [`Document`].
//!
//! Every record carries a stable [`Id`] that is never reused and survives renames,
//! moves and save/load. Relations are stored as ids on the records (a unit's
//! parent, a grid's covering branches, a member's unit …); [`crate::graph`] turns
//! them into a typed graph.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

mod conflict;
mod id;
pub(crate) mod id_table;
pub mod ids;

pub use conflict::Conflict;
pub use id::{Id, RecordKind};

/// The five levels of the tree, from the street down to the central household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// 街道党工委
    Street,
    /// 社区党委 / 党总支 / 党支部
    Community,
    /// 网格党支部
    Branch,
    /// 党小组
    Group,
    /// 党员中心户
    Household,
}

impl Level {
    /// All levels, top first.
    pub const ALL: [Level; 5] = [
        Level::Street,
        Level::Community,
        Level::Branch,
        Level::Group,
        Level::Household,
    ];

    /// 1 for the street … 5 for the central household.
    pub fn depth(self) -> u8 {
        self as u8 + 1
    }

    /// The level one step down, if any.
    pub fn child(self) -> Option<Level> {
        Level::ALL.get(self as usize + 1).copied()
    }

    /// The short Chinese label used in the workbook (街道, 社区, 支部, 党小组, 中心户).
    pub fn label(self) -> &'static str {
        match self {
            Level::Street => "街道",
            Level::Community => "社区",
            Level::Branch => "支部",
            Level::Group => "党小组",
            Level::Household => "中心户",
        }
    }

    /// The usual full name of a unit of this level.
    pub fn full_name(self) -> &'static str {
        match self {
            Level::Street => "街道党工委",
            Level::Community => "社区党委",
            Level::Branch => "网格党支部",
            Level::Group => "网格党小组",
            Level::Household => "党员中心户",
        }
    }

    /// The title of the unit's leader (书记, 组长, 户主).
    pub fn leader_title(self) -> &'static str {
        match self {
            Level::Street | Level::Community | Level::Branch => "书记",
            Level::Group => "组长",
            Level::Household => "户主",
        }
    }

    /// Reads a short or full level label (街道, 街道党工委, 社区党总支 …).
    pub fn parse(text: &str) -> Option<Level> {
        let t = text.trim();
        Level::ALL.into_iter().find(|l| {
            t == l.label()
                || t == l.full_name()
                || match l {
                    Level::Street => t.starts_with("街道"),
                    Level::Community => t.starts_with("社区"),
                    Level::Branch => t.ends_with("支部") && !t.starts_with("社区"),
                    Level::Group => t.ends_with("党小组"),
                    Level::Household => t == "党员中心户" || t == "中心户",
                }
        })
    }

    /// Whether a unit of level `child` may sit directly under a unit of this level:
    /// exactly one level down, or a group directly under a community that is
    /// organized as a single 党支部 (the small-community shortcut of docs/rules.md).
    pub fn accepts(self, child: Level, parent_type: OrgType) -> bool {
        self.child() == Some(child)
            || (self == Level::Community && child == Level::Group && parent_type == OrgType::Branch)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The organization type of a unit where its level has several (社区党委 / 党总支 / 党支部).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum OrgType {
    /// No particular type: the level's usual one.
    #[default]
    Default,
    /// 党委 (community with 100+ members)
    Committee,
    /// 党总支 (community with 50–99 members)
    GeneralBranch,
    /// 党支部 (community under 50 members: also its own only branch)
    Branch,
}

impl OrgType {
    /// Whether this is the level's usual type (left out of saved files).
    pub fn is_default(&self) -> bool {
        *self == OrgType::Default
    }

    /// The Chinese name of the type, if it is not the default.
    pub fn label(self) -> Option<&'static str> {
        match self {
            OrgType::Default => None,
            OrgType::Committee => Some("党委"),
            OrgType::GeneralBranch => Some("党总支"),
            OrgType::Branch => Some("党支部"),
        }
    }

    /// Reads 党委 / 党总支 / 党支部 (and names ending in them, e.g. 社区党总支).
    pub fn parse(text: &str) -> Option<OrgType> {
        let t = text.trim();
        if t.is_empty() {
            Some(OrgType::Default)
        } else if t.ends_with("党总支") {
            Some(OrgType::GeneralBranch)
        } else if t.ends_with("党委") || t.ends_with("党工委") {
            Some(OrgType::Committee)
        } else if t.ends_with("支部") {
            Some(OrgType::Branch)
        } else {
            None
        }
    }
}

/// A unit of the five-level tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Stable internal id.
    pub id: Id,
    /// User-visible code (编码), unique in the document.
    pub code: String,
    /// Name, e.g. 迎宾馆社区党总支.
    pub name: String,
    /// Level in the tree.
    pub level: Level,
    /// Organization type where the level has several.
    #[serde(default, skip_serializing_if = "OrgType::is_default")]
    pub org_type: OrgType,
    /// Free-text kind label as the locality names it (楼栋党小组, 片区党支部 …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind_label: Option<String>,
    /// Parent unit one level up (None only for a street).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// Leader's name (书记 / 组长 / 户主); None when vacant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    /// Leader's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_phone: Option<String>,
    /// Date of the last election (换届).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elected: Option<NaiveDate>,
    /// Term in years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_years: Option<u8>,
}

impl Unit {
    /// A unit with only its place in the tree known: no leader, election or
    /// type of its own yet.
    pub fn new(id: Id, code: String, name: String, level: Level, parent: Option<Id>) -> Unit {
        Unit {
            id,
            code,
            name,
            level,
            org_type: OrgType::Default,
            kind_label: None,
            parent,
            leader: None,
            leader_phone: None,
            elected: None,
            term_years: None,
        }
    }

    /// What kind of organization the unit is, as people name it: the local
    /// label where one is kept (楼栋党小组), else the organization type (社区党总支),
    /// else the level's full name (网格党支部).
    pub fn kind_name(&self) -> String {
        if let Some(label) = &self.kind_label {
            return label.clone();
        }
        match (self.level, self.org_type.label()) {
            (_, None) | (Level::Street, _) => self.level.full_name().to_string(),
            (Level::Community, Some(t)) => format!("社区{t}"),
            (_, Some(t)) => t.to_string(),
        }
    }

    /// The date the current term ends, if an election date is known.
    pub fn term_end(&self) -> Option<NaiveDate> {
        let years = self.term_years.unwrap_or(crate::model::DEFAULT_TERM_YEARS);
        self.elected
            .and_then(|d| d.checked_add_months(chrono::Months::new(12 * u32::from(years))))
    }

    /// Whether branch rules apply: a grid branch, or a community organized as one 党支部.
    pub fn is_branch_like(&self) -> bool {
        self.level == Level::Branch
            || (self.level == Level::Community && self.org_type == OrgType::Branch)
    }
}

/// The term of office when none is given, in years.
pub const DEFAULT_TERM_YEARS: u8 = 5;

/// A grid (网格): a spatial cell of a community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    /// Stable internal id.
    pub id: Id,
    /// Grid code, unique among grids.
    pub code: String,
    /// Name.
    pub name: String,
    /// The community the grid belongs to.
    pub community: Id,
    /// Households (户数).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<u32>,
    /// Population (人口).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    /// Residential compounds (小区) in the grid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compounds: Vec<String>,
    /// Grid worker (网格员).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker: Option<String>,
    /// Grid worker's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_phone: Option<String>,
    /// Branches covering the grid (支部建在网格上).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covered_by: Vec<Id>,
}

/// A building (楼栋) in a grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Building {
    /// Stable internal id.
    pub id: Id,
    /// Building code, unique among buildings.
    pub code: String,
    /// Name, e.g. 3号楼.
    pub name: String,
    /// The grid the building belongs to.
    pub grid: Id,
    /// Households in the building.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<u32>,
    /// The group covering the building (楼栋党小组).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covered_by: Option<Id>,
}

/// Gender (性别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

impl Gender {
    /// 男 / 女.
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

/// Member category (人员类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Category {
    /// 正式党员
    #[default]
    Full,
    /// 预备党员
    Probationary,
}

impl Category {
    /// Whether this is a full member (left out of saved files).
    pub fn is_full(&self) -> bool {
        *self == Category::Full
    }

    /// 正式党员 / 预备党员.
    pub fn label(self) -> &'static str {
        match self {
            Category::Full => "正式党员",
            Category::Probationary => "预备党员",
        }
    }
}

/// A party member (党员).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Stable internal id.
    pub id: Id,
    /// Name (姓名).
    pub name: String,
    /// Gender (性别).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Ethnicity (民族), e.g. 汉族.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    /// Birth date (出生日期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth: Option<NaiveDate>,
    /// ID number (身份证号), 18 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// Education (学历).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<String>,
    /// Date joined (入党日期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<NaiveDate>,
    /// Date made full member (转正日期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_since: Option<NaiveDate>,
    /// Category: full or probationary.
    #[serde(default, skip_serializing_if = "Category::is_full")]
    pub category: Category,
    /// The unit the member is organized in (usually a group).
    pub unit: Id,
    /// Positions (职务): 书记, 副书记, 组织委员, 组长, 网格员 …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<String>,
    /// Phone (联系电话).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Workplace (工作单位).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workplace: Option<String>,
    /// 在职党员报到: a registered in-service member.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_service: bool,
    /// 流动党员: a mobile member.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mobile: bool,
}

impl Member {
    /// A full member of `unit` known by name alone, every other field empty.
    pub fn new(id: Id, name: impl Into<String>, unit: Id) -> Member {
        Member {
            id,
            name: name.into(),
            gender: None,
            ethnicity: None,
            birth: None,
            id_number: None,
            education: None,
            joined: None,
            full_since: None,
            category: Category::Full,
            unit,
            positions: vec![],
            phone: None,
            workplace: None,
            in_service: false,
            mobile: false,
        }
    }
}

/// A household linked to a central household (联系户).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Household {
    /// Stable internal id.
    pub id: Id,
    /// The 党员中心户 unit looking after this household.
    pub linked_by: Id,
    /// Head of household (户主姓名).
    pub head: String,
    /// Address: building-unit-room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// People in the household.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<u32>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A co-building unit (共建单位) that joins a street's or community's 大工委/大党委.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoBuilder {
    /// Stable internal id.
    pub id: Id,
    /// Name of the agency, company or organization.
    pub name: String,
    /// Its kind, e.g. 机关, 企业, 社会组织.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The street or community it co-builds with.
    pub joins: Id,
}

/// A finding the user has acknowledged (known vacancy, election scheduled …).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Acknowledgement {
    /// The rule id, e.g. `leader-vacant`.
    pub rule: String,
    /// The record the finding is about.
    pub subject: Id,
    /// Why it is acknowledged.
    pub note: String,
}

/// A whole document: one street or a whole district.
///
/// Records are kept in maps keyed by id, so iteration order is stable (by id) and
/// saving produces the same text for the same content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Document title, e.g. 西园街道党建网格.
    pub title: String,
    /// The identity of the structure the document is a version of: set when a
    /// document is first made (new, import, generate) and kept by save, copy and
    /// merge. None for files written before version 3.
    pub structure: Option<String>,
    /// The next of the document's own ids (below 2³²), handed out while the
    /// document is being made; ids are never reused.
    pub next_id: u32,
    /// Units of the five levels.
    pub units: BTreeMap<Id, Unit>,
    /// Grids.
    pub grids: BTreeMap<Id, Grid>,
    /// Buildings.
    pub buildings: BTreeMap<Id, Building>,
    /// Members.
    pub members: BTreeMap<Id, Member>,
    /// Linked households.
    pub households: BTreeMap<Id, Household>,
    /// Co-building units.
    pub co_builders: BTreeMap<Id, CoBuilder>,
    /// Acknowledged findings.
    pub acknowledgements: Vec<Acknowledgement>,
    /// Conflicts a merge left for the user to settle.
    pub conflicts: Vec<Conflict>,
    /// Where ids for edits come from (not part of the content; see [`ids`]).
    pub ids: ids::Cursor,
}

impl Document {
    /// An empty document with a title: a new structure, with an identity of its own.
    pub fn new(title: impl Into<String>) -> Self {
        Document {
            title: title.into(),
            structure: Some(ids::new_structure()),
            next_id: 1,
            ..Default::default()
        }
    }

    /// Hands out the next of the document's own ids, for a document being made
    /// (import, generate). Edits and merges take theirs through [`Document::ids`].
    pub fn allocate_id(&mut self) -> Id {
        let id = Id(u64::from(self.next_id));
        self.next_id += 1;
        id
    }

    /// How many records the document holds, of every kind.
    pub fn record_count(&self) -> usize {
        self.units.len()
            + self.grids.len()
            + self.buildings.len()
            + self.members.len()
            + self.households.len()
            + self.co_builders.len()
    }

    /// Whether the document records conflicts left by a merge.
    pub fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty()
    }

    /// What kind of record `id` names, if it exists.
    pub fn kind_of(&self, id: Id) -> Option<RecordKind> {
        if self.units.contains_key(&id) {
            Some(RecordKind::Unit)
        } else if self.grids.contains_key(&id) {
            Some(RecordKind::Grid)
        } else if self.buildings.contains_key(&id) {
            Some(RecordKind::Building)
        } else if self.members.contains_key(&id) {
            Some(RecordKind::Member)
        } else if self.households.contains_key(&id) {
            Some(RecordKind::Household)
        } else if self.co_builders.contains_key(&id) {
            Some(RecordKind::CoBuilder)
        } else {
            None
        }
    }

    /// The unit with this code.
    pub fn unit_by_code(&self, code: &str) -> Option<&Unit> {
        self.units.values().find(|u| u.code == code)
    }

    /// The grid with this code.
    pub fn grid_by_code(&self, code: &str) -> Option<&Grid> {
        self.grids.values().find(|g| g.code == code)
    }

    /// The street-level units (roots of the tree).
    pub fn roots(&self) -> impl Iterator<Item = &Unit> {
        self.units.values().filter(|u| u.parent.is_none())
    }
}
