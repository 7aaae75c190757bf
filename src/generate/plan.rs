//! Plans: what a generated document is to hold, written down before any record
//! exists. The sample writes its plan by hand from the seeds; the presets draw
//! theirs at random; [`super::build`] turns either into a document.

use crate::model::OrgType;
use chrono::NaiveDate;

/// The last election (换届) of a unit and its term.
#[derive(Debug, Clone, Copy)]
pub(super) struct Term {
    /// Date of the election.
    pub elected: NaiveDate,
    /// Term in years.
    pub years: u8,
}

/// A co-building unit (共建单位) to join a street or community.
#[derive(Debug, Clone)]
pub(super) struct CoBuilderPlan {
    /// Name of the agency, company or organization.
    pub name: String,
    /// 机关, 事业单位, 企业 or 社会组织.
    pub kind: &'static str,
}

/// A street (街道党工委) and everything under it.
#[derive(Debug, Clone)]
pub(super) struct StreetPlan {
    /// Code, e.g. XY; the communities' codes extend it.
    pub code: String,
    /// Place name, e.g. 西园 (the unit is 西园街道党工委).
    pub place: String,
    /// Members organized in the street's own committee; the first is its 书记.
    pub staff: usize,
    /// The street committee's last election.
    pub term: Term,
    /// Co-building units of the street's 大工委.
    pub co_builders: Vec<CoBuilderPlan>,
    /// Its communities.
    pub communities: Vec<CommunityPlan>,
}

/// A community and its grids, branches and groups.
#[derive(Debug, Clone)]
pub(super) struct CommunityPlan {
    /// Place name, e.g. 迎宾馆 (the unit is 迎宾馆社区党总支).
    pub place: String,
    /// 党委, 党总支 or 党支部; a 党支部 normally has the [`Layout::OwnBranch`] layout.
    pub org_type: OrgType,
    /// Whether the community's 书记 is in office.
    pub secretary: bool,
    /// The community committee's last election.
    pub term: Term,
    /// The grids, in code order (W01, W02 …).
    pub grids: Vec<GridPlan>,
    /// Whether groups cover buildings (楼栋党小组): then every building of a
    /// covered grid is given to a group of a branch covering it.
    pub building_groups: bool,
    /// How the community's members are organized.
    pub layout: Layout,
    /// Co-building units of the community's 大党委.
    pub co_builders: Vec<CoBuilderPlan>,
}

/// How a community's members are organized.
#[derive(Debug, Clone)]
pub(super) enum Layout {
    /// A 党委 or 党总支: `staff` members sit in its own committee (the first ones
    /// hold its posts, the 书记 first), the rest in grid branches under it.
    Branches {
        /// Members of the community committee.
        staff: usize,
        /// The grid branches.
        branches: Vec<BranchPlan>,
    },
    /// A 党支部 that is its own only branch (the small community of docs/rules.md): its
    /// groups sit directly under it and it covers its grids itself.
    OwnBranch(Body),
}

/// A grid (网格).
#[derive(Debug, Clone)]
pub(super) struct GridPlan {
    /// Households (户数).
    pub households: u32,
    /// Population.
    pub population: u32,
    /// Residential compounds (小区); its buildings are named after them.
    pub compounds: Vec<String>,
    /// Whether a grid worker (网格员) is assigned.
    pub worker: bool,
}

/// A grid branch (网格党支部).
#[derive(Debug, Clone)]
pub(super) struct BranchPlan {
    /// Name, e.g. 迎宾馆社区第一网格党支部.
    pub name: String,
    /// How the locality names it: 网格党支部, 联合党支部 …
    pub kind_label: &'static str,
    /// Whether its 书记 is in office.
    pub secretary: bool,
    /// Its last election.
    pub term: Term,
    /// The grids it covers and its groups.
    pub body: Body,
}

/// What any branch is made of, a grid branch or a community that is its own branch.
#[derive(Debug, Clone)]
pub(super) struct Body {
    /// Indices of the community's grids it covers.
    pub covers: Vec<usize>,
    /// Its groups; every member of the branch sits in one of them.
    pub groups: Vec<GroupPlan>,
}

/// A group (党小组) with its members and central households.
#[derive(Debug, Clone)]
pub(super) struct GroupPlan {
    /// Full members (正式党员).
    pub full: usize,
    /// Probationary members (预备党员), who hold no position.
    pub probationary: usize,
    /// Whether its 组长 is in office.
    pub leader: bool,
    /// Its central households (党员中心户), each given as the number of households
    /// it links (联系户).
    pub links: Vec<u32>,
}
