//! Issue 25, item 6: everything the user reads is Chinese. An acknowledgement's
//! undo label names the rule by its title, a merge conflict names its field
//! in Chinese, a 党员中心户's box and row say what it holds; swept over every
//! rule and every field a record has.

use crate::common::{interact, planted, sample_app, settle};
use gridorg::check::{Finding, Rule};
use gridorg::edit::{Command, History};
use gridorg::gui::inspector::conflicts;
use gridorg::gui::{outline, problems, App, Message, UNDO};
use gridorg::model::{Acknowledgement, Conflict, Document, Id, Level, RecordKind};
use std::collections::BTreeSet;

/// Whether `text` shows any rule's id (`grid-multi-covered` …).
fn rule_id_in(text: &str) -> Option<&'static str> {
    Rule::ALL
        .iter()
        .map(|r| r.id())
        .find(|id| text.contains(id))
}

/// Acknowledges `finding` with a note, as the problems list does: its 确认…,
/// the note, 确认.
fn acknowledge(app: &mut App, finding: &Finding) {
    for message in [
        problems::Message::Acknowledge(finding.key()),
        problems::Message::Note("已核实，暂不处理".into()),
        problems::Message::Confirm,
    ] {
        let task = app.update(Message::Problem(message));
        settle(app, task);
    }
}

#[test]
fn desk_words_acknowledging_a_finding_leaves_an_undo_label_in_chinese_with_the_rules_name() {
    let mut app = sample_app();
    let multi = |f: &&Finding| f.rule == Rule::GridMultiCovered;
    let found = app.report().findings.iter().find(multi);
    let finding = found
        .cloned()
        .expect("the sample has a grid two branches cover");
    acknowledge(&mut app, &finding);
    assert_eq!(app.document().acknowledgements.len(), 1, "acknowledged");
    let done = app.notice().unwrap_or_default().to_string();
    assert!(
        done.contains(Rule::GridMultiCovered.title()) && done.contains(&finding.name),
        "the status names the rule and the record: {done}"
    );
    assert_eq!(rule_id_in(&done), None, "no rule id: {done}");
    interact(&mut app, |ui| {
        ui.click(UNDO).expect("the undo button");
    });
    assert!(app.document().acknowledgements.is_empty(), "undone");
    let undone = app.notice().unwrap_or_default().to_string();
    assert_eq!(
        undone,
        format!("已撤销：{}", done.trim_start_matches('已')),
        "undo says the same label"
    );
    assert!(undone.contains("「网格被多个支部覆盖」"), "{undone}");
}

#[test]
fn desk_words_a_session_that_acknowledges_every_rule_reads_no_rule_id() {
    // Through the window: every finding of the sample, each rule it has.
    let mut app = sample_app();
    let findings: Vec<Finding> = app.report().findings.clone();
    assert!(findings.len() > 10);
    for finding in &findings {
        acknowledge(&mut app, finding);
        let said = app.notice().unwrap_or_default().to_string();
        assert!(said.contains(finding.rule.title()), "{said}");
        assert_eq!(rule_id_in(&said), None, "{said}");
    }
    assert_eq!(app.document().acknowledgements.len(), findings.len());
    // Every rule, the sample's or not: the command's label and its undo's.
    let mut document = gridorg::gui::bundled_sample().unwrap();
    let subject = document.units.keys().next().copied().unwrap();
    let mut history = History::new();
    for rule in Rule::ALL {
        let ack = Acknowledgement {
            rule: rule.id().to_string(),
            subject,
            note: "已核实".into(),
        };
        let labels = [
            history
                .apply(&mut document, &Command::Acknowledge(ack))
                .unwrap()
                .label,
            history
                .apply(
                    &mut document,
                    &Command::Unacknowledge {
                        rule: rule.id().to_string(),
                        subject,
                    },
                )
                .unwrap()
                .label,
        ];
        for label in labels {
            assert!(label.contains(rule.title()), "{label}");
            assert_eq!(rule_id_in(&label), None, "{label}");
        }
    }
}

/// A conflict on `field` of the record `id`, its three sides made up.
fn conflict(record: RecordKind, id: Id, field: &str) -> Conflict {
    Conflict {
        record,
        id,
        field: field.into(),
        base: Some("\"原值\"".into()),
        ours: Some("\"我方值\"".into()),
        theirs: Some("\"对方值\"".into()),
    }
}

#[test]
fn desk_words_a_merge_conflicts_title_names_the_field_in_chinese() {
    let mut xy03 = Id(0);
    let mut app = planted(|d| {
        xy03 = d.unit_by_code("XY03").unwrap().id;
        d.conflicts.push(conflict(RecordKind::Unit, xy03, "leader"));
    });
    let name = app.document().units[&xy03].name.clone();
    let mut ui = crate::common::screen(app.view());
    ui.find(format!("组织「{name}」XY03 的 书记").as_str())
        .expect("the conflict's title names the field 书记");
    drop(ui);
    let task = app.update(Message::Conflicts(conflicts::Message::Take(
        Box::new(app.document().conflicts[0].clone()),
        true,
    )));
    settle(&mut app, task);
    assert_eq!(
        app.document().units[&xy03].leader.as_deref(),
        Some("对方值")
    );
    assert_eq!(
        app.notice(),
        Some(format!("已合并冲突 组织「{name}」的书记取对方").as_str()),
        "the undo label names the field in Chinese"
    );
}

/// A record of each kind in `document`: its id, and the fields the file
/// names over all the records of its kind (a field left empty is not
/// written, so no one record has them all).
fn one_of_each(document: &Document) -> Vec<(RecordKind, Id, BTreeSet<String>)> {
    fn kind<'a, T: serde::Serialize + 'a>(
        kind: RecordKind,
        records: impl Iterator<Item = (&'a Id, &'a T)>,
    ) -> (RecordKind, Id, BTreeSet<String>) {
        let mut first = None;
        let mut fields = BTreeSet::new();
        for (id, record) in records {
            first.get_or_insert(*id);
            match serde_json::to_value(record).unwrap() {
                serde_json::Value::Object(keys) => fields.extend(keys.keys().cloned()),
                other => panic!("a record is an object: {other}"),
            }
        }
        fields.remove("id");
        (kind, first.expect("the sample has one"), fields)
    }
    vec![
        kind(RecordKind::Unit, document.units.iter()),
        kind(RecordKind::Grid, document.grids.iter()),
        kind(RecordKind::Building, document.buildings.iter()),
        kind(RecordKind::Member, document.members.iter()),
        kind(RecordKind::Household, document.households.iter()),
        kind(RecordKind::CoBuilder, document.co_builders.iter()),
    ]
}

#[test]
fn desk_words_every_field_of_every_record_has_its_chinese_word_in_a_conflicts_title() {
    let sample = gridorg::gui::bundled_sample().unwrap();
    let records = one_of_each(&sample);
    let mut planted_fields = 0;
    let app = planted(|d| {
        for (kind, id, fields) in &records {
            for field in fields {
                d.conflicts.push(conflict(*kind, *id, field));
                planted_fields += 1;
            }
        }
    });
    // Every field of the six records (docs/format.md): 11 + 10 + 6 + 16 + 6 + 4,
    // less the ids.
    assert_eq!(planted_fields, 53 - 6, "{records:?}");
    let mut panel = conflicts::Conflicts::default();
    panel.refresh(app.document());
    let mut ui = iced_test::Simulator::with_size(
        iced::Settings::default(),
        (1280.0, 20_000.0),
        panel.view().map(Message::Conflicts),
    );
    for (kind, id, fields) in &records {
        let (code, name) = gridorg::label::code_and_name(app.document(), *id);
        let level = app.document().units.get(id).map(|u| u.level);
        for field in fields {
            let word = gridorg::field_name::field_name(*kind, field, level);
            assert!(
                !word.chars().any(|c| c.is_ascii_alphabetic()),
                "{kind:?}.{field} has no Chinese word: {word}"
            );
            let title = format!("{}「{name}」{code} 的 {word}", kind.noun());
            assert!(ui.find(title.as_str()).is_ok(), "shown: {title}");
        }
    }
    // The member form's refusals and warnings read the same table.
    use gridorg::edit::rules::Field;
    for field in [
        Field::Name,
        Field::Gender,
        Field::Birth,
        Field::IdNumber,
        Field::Joined,
        Field::FullSince,
        Field::Phone,
    ] {
        let word = gridorg::field_name::field_name(RecordKind::Member, field.key(), None);
        assert_eq!(field.label(), word);
    }
}

#[test]
fn desk_words_a_central_households_box_and_row_say_what_it_holds() {
    let mut app = sample_app();
    let document = app.document().clone();
    let (central, links) = document
        .units
        .values()
        .filter(|u| u.level == Level::Household)
        .map(|u| {
            let n = document
                .households
                .values()
                .filter(|h| h.linked_by == u.id)
                .count();
            (u, n)
        })
        .max_by_key(|&(_, n)| n)
        .expect("the sample has 党员中心户");
    assert!(links > 0);
    let task = app.update(Message::Outline(outline::Message::Pick(central.id)));
    settle(&mut app, task);
    let holds = format!("联系{links}户");
    let (_, detail) = app
        .canvas()
        .unwrap()
        .says(central.id)
        .expect("the selected 中心户's box is drawn");
    let head = central.leader.as_deref().unwrap();
    assert_eq!(
        detail,
        format!("户主 {head} · {holds}"),
        "its 户主 and its households, whole"
    );
    let mut ui = crate::common::screen(app.view());
    ui.find(holds.as_str())
        .expect("its outline row says the same");
    drop(ui);
    // 户主 of longer names: the title gives way, then the name is cut; what
    // the box holds stays whole.
    for (head, shown) in [
        ("阿拉坦其", format!("阿拉坦其 · {holds}")),
        ("阿拉坦其其格乌兰图雅", format!("阿拉坦其… · {holds}")),
    ] {
        let mut app = planted(|d| d.units.get_mut(&central.id).unwrap().leader = Some(head.into()));
        let task = app.update(Message::Outline(outline::Message::Pick(central.id)));
        settle(&mut app, task);
        let (_, detail) = app.canvas().unwrap().says(central.id).unwrap();
        assert_eq!(detail, shown);
    }
}
