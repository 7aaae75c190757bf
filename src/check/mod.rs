//! The coverage and compliance checks of docs/rules.md: every rule, its stable id
//! and severity, and a Chinese message that says what is wrong and what to do.
//!
//! One engine serves the command line and the editor's problems panel; each
//! finding names the record it is about by its stable id as well as its code.

mod config;
mod conflicts;
mod context;
mod finding;
mod index;
mod members;
mod places;
mod rule;
mod units;

pub use crate::id_number::{birth_and_gender, check_id_number, IdNumberError};
pub use config::{Rules, Thresholds, DEFAULT_RULES};
pub use finding::{Finding, FindingKey};
pub use rule::{Rule, Severity};

use context::Context;
use finding::Findings;

use crate::graph::Graph;
use crate::mask::Privacy;
use crate::model::{Document, Id};
use chrono::NaiveDate;
use serde::Serialize;

/// Counts of unacknowledged findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Error-severity findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Informational findings.
    pub infos: usize,
    /// Findings the user has acknowledged (not counted above).
    pub acknowledged: usize,
}

/// The result of a check: findings sorted by severity, then by code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Every finding.
    pub findings: Vec<Finding>,
    /// Counts by severity.
    pub summary: Summary,
}

impl Report {
    /// Whether some unacknowledged finding has error severity.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The finding with this key, if the check still finds it.
    pub fn find(&self, key: FindingKey) -> Option<&Finding> {
        self.findings.iter().find(|f| f.key() == key)
    }
}

/// The unit that answers for a finding's subject: the unit itself, a member's
/// unit, the community of a grid or of a building's grid, or the central
/// household that links a household.
pub fn unit_of(document: &Document, subject: Id) -> Option<Id> {
    if document.units.contains_key(&subject) {
        Some(subject)
    } else if let Some(m) = document.members.get(&subject) {
        Some(m.unit)
    } else if let Some(g) = document.grids.get(&subject) {
        Some(g.community)
    } else if let Some(b) = document.buildings.get(&subject) {
        document.grids.get(&b.grid).map(|g| g.community)
    } else {
        document.households.get(&subject).map(|h| h.linked_by)
    }
}

/// The result of a scoped thread, passing on its panic (a bug) if it had one.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Runs every rule. `today` is the date the date rules measure from. The
/// messages show birth dates as masked output does (year and month); see
/// [`check_with_privacy`].
pub fn check(document: &Document, rules: &Rules, today: NaiveDate) -> Report {
    check_with_privacy(document, rules, today, Privacy::Masked)
}

/// Runs every rule, the messages showing birth dates and merge conflicts'
/// personal values as `privacy` says (`check --unmasked`: whole).
pub fn check_with_privacy(
    document: &Document,
    rules: &Rules,
    today: NaiveDate,
    privacy: Privacy,
) -> Report {
    run(document, None, rules, today, privacy)
}

/// [`check_with_privacy`] with the graph of `document` already built.
pub fn check_with_graph(
    document: &Document,
    graph: &Graph,
    rules: &Rules,
    today: NaiveDate,
    privacy: Privacy,
) -> Report {
    run(document, Some(graph), rules, today, privacy)
}

/// Runs every rule on both cores: the household comparison starts at once,
/// the unit, grid and building rules once the graph is there (built here
/// when not given), and the member rules on this thread.
fn run(
    document: &Document,
    graph: Option<&Graph>,
    rules: &Rules,
    today: NaiveDate,
    privacy: Privacy,
) -> Report {
    let new = || Findings {
        rules,
        list: Vec::new(),
    };
    // Built inside the scope, while the households are compared, but shared
    // with a thread of the scope: so it lives outside it.
    let built = std::sync::OnceLock::new();
    let context = std::sync::OnceLock::new();
    let mut list = std::thread::scope(|scope| {
        let relinked = scope.spawn(|| {
            if new().enabled(Rule::HouseholdMultiLinked) {
                places::relinked_households(document)
            } else {
                Vec::new()
            }
        });
        let context = context.get_or_init(|| Context {
            document,
            thresholds: &rules.thresholds,
            today,
            privacy,
            index: index::Index::new(
                document,
                graph.unwrap_or_else(|| built.get_or_init(|| Graph::units(document))),
            ),
        });
        let structure = scope.spawn(move || {
            let mut findings = new();
            units::check(context, &mut findings);
            places::check(context, &mut findings);
            findings.list
        });
        let mut findings = new();
        conflicts::check(document, privacy, &mut findings);
        members::check(context, &mut findings);
        places::households(context, joined(relinked), &mut findings);
        let mut list = findings.list;
        list.extend(joined(structure));
        list
    });
    let acknowledged: std::collections::HashSet<(&str, Id)> = document
        .acknowledgements
        .iter()
        .map(|a| (a.rule.as_str(), a.subject))
        .collect();
    let mut summary = Summary::default();
    for f in &mut list {
        f.acknowledged = acknowledged.contains(&(f.rule.id(), f.subject));
        match (f.acknowledged, f.severity) {
            (true, _) => summary.acknowledged += 1,
            (false, Severity::Error) => summary.errors += 1,
            (false, Severity::Warning) => summary.warnings += 1,
            (false, Severity::Info) => summary.infos += 1,
            (false, Severity::Off) => {}
        }
    }
    list.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| crate::order::natural(&a.code, &b.code))
            .then_with(|| (a.subject, a.rule).cmp(&(b.subject, b.rule)))
    });
    Report {
        findings: list,
        summary,
    }
}
