//! The problems panel's names: the ids of its widgets and the words on its
//! buttons, which the panel, the box below its list and the tests share.

/// The id of the problems' scrolling list.
pub const LIST: &str = "problems-list";
/// The id of the frame around the rule filter.
pub const RULES: &str = "problems-rules";
/// The severity filter's button that lets every severity through.
pub const ALL: &str = "全部";
/// The order button for errors first.
pub const BY_SEVERITY: &str = "按严重程度";
/// The order button for the tree's order of the units found at fault.
pub const BY_UNIT: &str = "按组织";
/// The rule filter's choice that lets every rule through.
pub const ALL_RULES: &str = "全部规则";
/// A row's button that opens the note of an acknowledgement.
pub const ACKNOWLEDGE: &str = "确认…";
/// The button that acknowledges the finding with the note written.
pub const CONFIRM: &str = "确认";
/// The button that drops the note unwritten.
pub const CANCEL: &str = "取消";
/// The id of the note's field.
pub const NOTE: &str = "problems-note";
/// The toggle that lists the acknowledged findings too.
pub const SHOW_ACKNOWLEDGED: &str = "显示已确认";
/// An acknowledged row's button that withdraws the acknowledgement.
pub const WITHDRAW: &str = "撤回确认";
