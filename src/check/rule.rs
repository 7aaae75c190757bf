//! The rules: their stable ids and default severities (docs/rules.md, "The rules").

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: the structure breaks a rule.
    Error,
    /// Should be looked at.
    Warning,
    /// For information.
    Info,
    /// The rule is switched off (rules files only).
    Off,
}

impl Severity {
    /// The English keyword used in JSON and text output.
    pub fn keyword(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Off => "off",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
            Severity::Off => "关闭",
        }
    }
}

macro_rules! rules {
    ($($variant:ident = $id:literal, $severity:ident, $title:literal;)*) => {
        /// A rule of docs/rules.md.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(
                #[doc = $title]
                $variant,
            )*
        }

        impl Rule {
            /// Every rule, in the order of docs/rules.md.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The stable rule id, e.g. `grid-uncovered`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id),* }
            }

            /// The severity when the rules file does not say otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity),* }
            }

            /// A short Chinese title of the rule.
            pub fn title(self) -> &'static str {
                match self { $(Rule::$variant => $title),* }
            }
        }
    };
}

rules! {
    GridUncovered = "grid-uncovered", Error, "网格未被支部覆盖";
    GridMultiCovered = "grid-multi-covered", Warning, "网格被多个支部覆盖";
    BranchTooFewMembers = "branch-too-few-members", Error, "支部正式党员不足";
    BranchTooManyMembers = "branch-too-many-members", Warning, "支部党员过多";
    BranchNeedsCommittee = "branch-needs-committee", Warning, "支部应设支委会";
    CommunityTypeMismatch = "community-type-mismatch", Info, "社区组织类型与党员数不符";
    LeaderVacant = "leader-vacant", Error, "负责人空缺";
    GroupWithoutHouseholds = "group-without-households", Warning, "党小组没有党员中心户";
    HouseholdNoLinks = "household-no-links", Warning, "中心户没有联系户";
    HouseholdTooManyLinks = "household-too-many-links", Warning, "中心户联系户过多";
    HouseholdMultiLinked = "household-multi-linked", Warning, "联系户被重复联系";
    MemberUnassigned = "member-unassigned", Warning, "党员未编入党小组";
    MemberDangling = "member-dangling", Error, "党员所在组织不存在";
    MemberDuplicate = "member-duplicate", Error, "身份证号重复";
    IdNumberInvalid = "id-number-invalid", Error, "身份证号无效";
    ProbationOverdue = "probation-overdue", Warning, "预备期超过一年";
    CommitteeProbationary = "committee-probationary", Error, "预备党员担任委员";
    SecretaryStanding = "secretary-standing", Warning, "书记党龄不足";
    TermExpiring = "term-expiring", Warning, "任期即将届满";
    TermExpired = "term-expired", Error, "任期已届满未换届";
    GridSize = "grid-size", Info, "网格规模不在常规范围";
    GridNoWorker = "grid-no-worker", Warning, "网格没有网格员";
    BuildingUncovered = "building-uncovered", Warning, "楼栋未被党小组覆盖";
    LevelMismatch = "level-mismatch", Error, "组织层级不符";
    EmptyUnit = "empty-unit", Info, "组织下没有下级";
    IdNumberMismatch = "id-number-mismatch", Error, "出生日期或性别与身份证号不符";
    MergeConflict = "merge-conflict", Error, "合并冲突未解决";
}

impl Rule {
    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
