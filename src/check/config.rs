//! The rules file: every threshold and severity, with the defaults of docs/rules.md.
//!
//! The bundled default is `assets/rules/default.ron`; `--rules FILE` loads
//! another. A file may leave out anything: what it does not say keeps the default.

use super::rule::{Rule, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The bundled default rules file.
pub const DEFAULT_RULES: &str = include_str!("../../assets/rules/default.ron");

/// The largest rules file read (`--rules`): 1 MiB. The default rules, every
/// rule and threshold with its comment, are 3 KB.
pub const RULES_LIMIT: u64 = 1 << 20;

/// The thresholds the rules compare against.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// branch-too-few-members: fewer full members than this.
    pub branch_min_full_members: u32,
    /// branch-too-many-members: more members than this.
    pub branch_max_members: u32,
    /// branch-needs-committee: from this many full members …
    pub committee_from_full_members: u32,
    /// … at least this many committee members (书记/副书记/委员).
    pub committee_min_size: u32,
    /// community-type-mismatch: from this many members a 党委.
    pub community_committee_from: u32,
    /// community-type-mismatch: from this many members a 党总支 (below: 党支部).
    pub community_general_branch_from: u32,
    /// household-too-many-links: more linked households than this.
    pub household_max_links: u32,
    /// probation-overdue: probationary for more than this many months.
    pub probation_months: u32,
    /// secretary-standing: full member for at least this many months.
    pub secretary_min_full_months: u32,
    /// term-expiring: the term ends within this many days.
    pub term_warning_days: u32,
    /// Term in years for a unit that records none.
    pub default_term_years: u8,
    /// grid-size: fewer households than this.
    pub grid_min_households: u32,
    /// grid-size: more households than this.
    pub grid_max_households: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            branch_min_full_members: 3,
            branch_max_members: 50,
            committee_from_full_members: 7,
            committee_min_size: 3,
            community_committee_from: 100,
            community_general_branch_from: 50,
            household_max_links: 15,
            probation_months: 12,
            secretary_min_full_months: 12,
            term_warning_days: 90,
            default_term_years: 5,
            grid_min_households: 300,
            grid_max_households: 500,
        }
    }
}

/// A rules file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    severities: BTreeMap<String, Severity>,
    #[serde(default)]
    thresholds: Thresholds,
}

/// The rules in force: a severity per rule and the thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    severities: BTreeMap<Rule, Severity>,
    /// The thresholds.
    pub thresholds: Thresholds,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            severities: Rule::ALL
                .iter()
                .map(|&r| (r, r.default_severity()))
                .collect(),
            thresholds: Thresholds::default(),
        }
    }
}

impl Rules {
    /// The severity of a rule (`Off` if switched off).
    pub fn severity(&self, rule: Rule) -> Severity {
        self.severities
            .get(&rule)
            .copied()
            .unwrap_or(rule.default_severity())
    }

    /// Parses a rules file; `origin` names it in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<Rules, String> {
        let file: File = ron::Options::default()
            .with_recursion_limit(16)
            .from_str(text)
            .map_err(|e| {
                format!(
                    "{origin}:{}:{}: 规则文件格式错误 (syntax error): {}",
                    e.position.line, e.position.col, e.code
                )
            })?;
        let mut rules = Rules {
            thresholds: file.thresholds,
            ..Rules::default()
        };
        for (id, severity) in file.severities {
            let rule = Rule::from_id(&id).ok_or_else(|| {
                format!(
                    "{origin}: 未知规则 {id} (unknown rule)：可用的规则见 assets/rules/default.ron"
                )
            })?;
            rules.severities.insert(rule, severity);
        }
        Ok(rules)
    }

    /// Reads a rules file: a regular file of at most [`RULES_LIMIT`] bytes.
    pub fn load(path: &Path) -> Result<Rules, String> {
        let bytes = crate::input::read_limited(path, RULES_LIMIT)
            .map_err(|e| format!("{}: 无法读取规则文件 (io error): {e}", path.display()))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            format!(
                "{}:{line}: 规则文件不是 UTF-8 文本 (invalid utf-8)",
                path.display()
            )
        })?;
        Rules::parse(&text, &path.display().to_string())
    }
}
