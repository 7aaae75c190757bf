//! A merge's conflicts in the property panel: found and fixed like any other
//! finding, settled for ours or for theirs, a record theirs removed.

use crate::common::{fixed, go_fix, interact, interact_tall, open_finding, planted, settle, unit};
use gridorg::check::Rule;
use gridorg::gui::{App, Message, UNDO};
use gridorg::model::{Document, Id};
use iced::widget;

/// A conflict of the unit `code`'s `field` as a merge records it: ours the
/// document's present value, theirs `theirs` (both as written in the file).
fn conflict_of(
    d: &Document,
    code: &str,
    field: &str,
    ours: &str,
    theirs: &str,
) -> gridorg::model::Conflict {
    gridorg::model::Conflict {
        record: gridorg::model::RecordKind::Unit,
        id: d.unit_by_code(code).unwrap().id,
        field: field.into(),
        base: Some("\"原书记\"".into()),
        ours: Some(ours.into()),
        theirs: Some(theirs.into()),
    }
}

#[test]
fn fixes_merge_conflict() {
    use gridorg::gui::inspector::conflicts;
    let mut subject = Id(0);
    let mut ours = String::new();
    let mut app = planted(|d| {
        let unit = d.unit_by_code("XY03").unwrap();
        subject = unit.id;
        ours = unit.leader.clone().unwrap();
        let conflict = conflict_of(d, "XY03", "leader", &format!("{ours:?}"), "\"李卫东\"");
        d.conflicts.push(conflict);
    });
    go_fix(
        &mut app,
        Rule::MergeConflict,
        subject,
        widget::Id::new(conflicts::PANEL),
    );
    interact_tall(&mut app, |ui| {
        ui.find(format!("原为 \"原书记\" · 我方 {ours:?} · 对方 \"李卫东\"").as_str())
            .expect("base, ours and theirs shown");
        ui.click(conflicts::THEIRS).expect("the take-theirs button");
    });
    assert_eq!(
        app.document().units[&subject].leader.as_deref(),
        Some("李卫东")
    );
    assert!(app.document().conflicts.is_empty(), "settled");
    fixed(&app, Rule::MergeConflict, subject);

    // One undo brings back both the value and the conflict.
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(
        app.document().units[&subject].leader.as_deref(),
        Some(ours.as_str())
    );
    assert_eq!(app.document().conflicts.len(), 1);
    assert!(open_finding(&app, Rule::MergeConflict, subject).is_some());
}

#[test]
fn a_merge_conflict_settled_for_ours_keeps_the_value_and_one_for_a_parent_takes_the_code() {
    use gridorg::gui::inspector::conflicts;
    let mut group = Id(0);
    let mut app = planted(|d| {
        group = d.unit_by_code("XY04-B5-G1").unwrap().id;
        let mut parent = conflict_of(d, "XY04-B5-G1", "parent", "\"XY04-B5\"", "\"XY04-B2\"");
        parent.base = Some("\"XY04-B5\"".into());
        d.conflicts.push(parent);
        let leader = d.units[&group].leader.clone().unwrap();
        d.conflicts.push(conflict_of(
            d,
            "XY04-B5-G1",
            "leader",
            &format!("{leader:?}"),
            "\"周红\"",
        ));
    });
    let leader = app.document().units[&group].leader.clone();
    let take = |app: &App, index: usize, theirs| {
        let conflict = Box::new(app.document().conflicts[index].clone());
        Message::Conflicts(conflicts::Message::Take(conflict, theirs))
    };
    // The parent first: theirs, written as a code, found again.
    let take_theirs = take(&app, 0, true);
    let task = app.update(take_theirs.clone());
    settle(&mut app, task);
    assert_eq!(
        app.document().units[&group].parent,
        Some(unit(&app, "XY04-B2"))
    );
    assert_eq!(app.document().conflicts.len(), 1);
    // The same press handled again (a double click, or a message queued
    // before the list changed) finds its conflict settled and does nothing:
    // it does not settle the conflict that now stands where it stood.
    let task = app.update(take_theirs);
    settle(&mut app, task);
    assert_eq!(app.document().conflicts.len(), 1);
    assert_eq!(app.document().units[&group].leader, leader);
    // The leader: ours kept.
    let task = app.update(take(&app, 0, false));
    settle(&mut app, task);
    assert_eq!(app.document().units[&group].leader, leader);
    assert!(app.document().conflicts.is_empty());
}

#[test]
fn a_record_removed_by_theirs_and_changed_by_ours_is_deleted_by_taking_theirs() {
    use gridorg::gui::inspector::conflicts;
    let base = gridorg::gui::bundled_sample().unwrap();
    let (&member, name) = base
        .members
        .iter()
        .find(|(_, m)| m.phone.is_some())
        .map(|(id, m)| (id, m.name.clone()))
        .unwrap();
    let mut ours = base.clone();
    ours.members.get_mut(&member).unwrap().phone = Some("13900001111".into());
    let mut theirs = base.clone();
    theirs.members.remove(&member);
    let merged = gridorg::versions::merge::merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    let (code, _) = gridorg::label::code_and_name(&merged.document, member);
    let mut app = App::new(merged.document, None);
    assert!(
        app.document().members.contains_key(&member),
        "kept until settled"
    );
    assert!(open_finding(&app, Rule::MergeConflict, member).is_some());

    interact_tall(&mut app, |ui| {
        ui.find(format!("党员「{name}」{code}：一方删除、另一方修改").as_str())
            .expect("the conflict names the member");
        ui.click(format!("{}：删除", conflicts::THEIRS).as_str())
            .expect("theirs removed it: 取对方：删除");
    });
    assert!(!app.document().members.contains_key(&member), "deleted");
    assert!(app.document().conflicts.is_empty(), "settled");
    assert!(open_finding(&app, Rule::MergeConflict, member).is_none());

    // One undo brings back the member, with ours' change, and the conflict.
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(
        app.document().members[&member].phone.as_deref(),
        Some("13900001111")
    );
    assert_eq!(app.document().conflicts.len(), 1);
}
