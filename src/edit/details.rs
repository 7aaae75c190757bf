//! What some commands carry besides ids: the fate of a deleted subtree's
//! members, a new grid's fields. The plans read them as the commands do.

/// What happens to the members of a deleted subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MemberFate {
    /// They are deleted with it.
    Delete,
    /// They move to the parent of the deleted unit.
    ToParent,
}

/// A grid's fields besides its code and name, given when it is added.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GridDetails {
    /// 户数
    pub households: Option<u32>,
    /// 人口
    pub population: Option<u32>,
    /// 小区
    pub compounds: Vec<String>,
    /// 网格员
    pub worker: Option<String>,
    /// 网格员电话
    pub worker_phone: Option<String>,
}
