//! The docs in `docs/` say what the program does: every rule the checks know
//! has its section in docs/rules.md, with its default severity, and that page
//! names no rule the program does not know.

use gridorg::check::Rule;
use std::collections::BTreeMap;

/// The rule sections of docs/rules.md: each `### `rule-id` — …` heading with
/// the severity its "Default:" line gives.
fn documented_rules() -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md"))
        .expect("docs/rules.md is there");
    let mut rules: Vec<(String, Option<String>)> = Vec::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("### `") {
            let id = heading.split('`').next().unwrap_or_default();
            rules.push((id.to_string(), None));
        } else if let (Some(default), Some(last)) =
            (line.strip_prefix("Default: `"), rules.last_mut())
        {
            if last.1.is_none() {
                last.1 = default.split('`').next().map(str::to_string);
            }
        }
    }
    rules
}

#[test]
fn every_rule_has_its_section_in_docs_rules_md_and_no_other_is_there() {
    let documented = documented_rules();
    let known: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    let ids: Vec<&str> = documented.iter().map(|(id, _)| id.as_str()).collect();
    for id in &known {
        assert!(ids.contains(id), "docs/rules.md has no section for {id}");
    }
    for id in &ids {
        assert!(
            Rule::from_id(id).is_some(),
            "docs/rules.md describes {id}, a rule the program does not know"
        );
    }
    let mut seen = BTreeMap::new();
    for id in &ids {
        *seen.entry(id).or_insert(0) += 1;
    }
    assert!(
        seen.values().all(|&n| n == 1),
        "a rule described twice: {seen:?}"
    );
}

#[test]
fn docs_rules_md_gives_each_rule_its_default_severity() {
    for (id, severity) in documented_rules() {
        let Some(rule) = Rule::from_id(&id) else {
            continue;
        };
        assert_eq!(
            severity.as_deref(),
            Some(rule.default_severity().keyword()),
            "the Default: line of {id} in docs/rules.md"
        );
    }
}
