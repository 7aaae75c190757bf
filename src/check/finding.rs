//! What a check finds: one finding, the key that names it across checks, and
//! the collector the rules push their findings into under the severities in force.

use super::config::Rules;
use super::rule::{Rule, Severity};
use crate::model::Id;
use serde::Serialize;

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule that found it.
    #[serde(serialize_with = "rule_id")]
    pub rule: Rule,
    /// Its severity under the rules in force.
    #[serde(serialize_with = "severity_keyword")]
    pub severity: Severity,
    /// The stable id of the unit, grid, building or member it is about.
    #[serde(rename = "id", serialize_with = "id_number_value")]
    pub subject: Id,
    /// The code of the unit, grid or building (for a member: of the member's unit).
    pub code: String,
    /// The name of what it is about.
    pub name: String,
    /// What is wrong and what to do, in Chinese.
    pub message: String,
    /// Whether the user has acknowledged it (kept with the document).
    pub acknowledged: bool,
}

/// What names a finding across checks: its rule and the record it is about
/// (a rule finds at most one thing about a record). Acknowledgements are kept
/// under the same pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindingKey {
    /// The rule that found it.
    pub rule: Rule,
    /// The stable id of the record it is about.
    pub subject: Id,
}

impl Finding {
    /// The finding's key.
    pub fn key(&self) -> FindingKey {
        FindingKey {
            rule: self.rule,
            subject: self.subject,
        }
    }
}

fn rule_id<S: serde::Serializer>(rule: &Rule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(rule.id())
}

fn severity_keyword<S: serde::Serializer>(severity: &Severity, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(severity.keyword())
}

fn id_number_value<S: serde::Serializer>(id: &Id, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(id.0)
}

/// Collects findings, applying the severities of the rules in force.
pub(crate) struct Findings<'r> {
    pub(super) rules: &'r Rules,
    pub(super) list: Vec<Finding>,
}

impl Findings<'_> {
    /// Whether a rule is switched on.
    pub fn enabled(&self, rule: Rule) -> bool {
        self.rules.severity(rule) != Severity::Off
    }

    /// Records a finding (nothing if the rule is off).
    pub fn push(&mut self, rule: Rule, subject: Id, code: &str, name: &str, message: String) {
        let severity = self.rules.severity(rule);
        if severity != Severity::Off {
            self.list.push(Finding {
                rule,
                severity,
                subject,
                code: code.to_string(),
                name: name.to_string(),
                message,
                acknowledged: false,
            });
        }
    }
}
