//! Item 7 of issue 25, stale state: what the window shows is about now. How
//! to fix a finding goes with the form it opened; what the status bar said
//! goes with the next action; a version shown read-only offers no edit.

use crate::common::{
    go_fix, interact, interact_seeing, interact_tall, name_the_file_from, on_canvas, sample_app,
    sample_repository, screen, unit, window_on,
};
use gridorg::check::Rule;
use gridorg::gui::inspector::{self, links, members, places};
use gridorg::gui::{history, menu, outline, problems, Message};
use gridorg::model::Document;
use iced::widget;

/// Whether the window shows a line saying how to fix a finding.
fn shows_a_hint(app: &gridorg::gui::App) -> bool {
    let mut ui =
        iced_test::Simulator::with_size(iced::Settings::default(), (1280.0, 3600.0), app.view());
    ui.find(|c: iced_test::selector::Candidate<'_>| match c {
        iced_test::selector::Candidate::Text { content, .. } if content.starts_with("修复：") => {
            Some(())
        }
        _ => None,
    })
    .is_ok()
}

#[test]
fn desk_stale_cancelling_a_fix_form_takes_its_hint_away() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY04-W10").unwrap().id;
    let fixes: [(Rule, gridorg::model::Id, &'static str); 3] = [
        (
            Rule::BranchTooFewMembers,
            unit(&app, "XY04-B5"),
            members::NAME,
        ),
        (Rule::GridNoWorker, grid, places::GridField::Worker.id()),
        (
            Rule::HouseholdNoLinks,
            unit(&app, "XY03-G2-H2"),
            links::Field::Head.id(),
        ),
    ];
    for (rule, subject, field) in fixes {
        // The finding's form opens with how to fix it above the panel.
        go_fix(&mut app, rule, subject, widget::Id::new(field));
        assert!(
            shows_a_hint(&app),
            "{rule}: the hint while its form is open"
        );
        interact_tall(&mut app, |ui| {
            ui.click("取消").expect("the form's 取消");
        });
        assert!(
            interact_find(&app, widget::Id::new(field)).is_none(),
            "{rule}: the form closed"
        );
        assert!(!shows_a_hint(&app), "{rule}: the hint went with its form");
    }
}

/// The bounds of `id` in the window, if shown.
fn interact_find(app: &gridorg::gui::App, id: widget::Id) -> Option<iced::Rectangle> {
    let mut ui =
        iced_test::Simulator::with_size(iced::Settings::default(), (1280.0, 3600.0), app.view());
    ui.find(id).ok().map(|found| found.bounds())
}

/// The sample's finding of a member's invalid ID number.
fn invalid_id_number(app: &gridorg::gui::App) -> gridorg::check::Finding {
    let findings = &app.report().findings;
    let found = findings.iter().find(|f| f.rule == Rule::IdNumberInvalid);
    found.cloned().expect("the sample's invalid ID number")
}

#[test]
fn desk_stale_a_fix_hint_goes_when_another_form_takes_its_place() {
    let mut app = sample_app();
    let member = invalid_id_number(&app).subject;
    let field = widget::Id::new(members::ID_NUMBER);
    go_fix(&mut app, Rule::IdNumberInvalid, member, field);
    // A new member's form instead: the hint is not about that one.
    interact_tall(&mut app, |ui| {
        ui.click(members::ADD).expect("添加党员");
    });
    assert!(interact_find(&app, widget::Id::new(members::NAME)).is_some());
    assert!(!shows_a_hint(&app));
}

#[test]
fn desk_stale_a_refused_save_is_not_said_after_the_next_action() {
    crate::common::private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app();
    // Exported into a folder that is not there: refused, in red.
    let nowhere = dir.path().join("不存在").join("西园.xlsx");
    name_the_file_from(&mut app, menu::FILE, gridorg::gui::EXPORT, &nowhere);
    let refused = app.notice().unwrap_or_default().to_string();
    assert!(refused.contains("未写入"), "{refused}");
    // Moving between fields is no action: the refusal stays.
    let task = app.update(Message::FocusNext);
    crate::common::settle(&mut app, task);
    assert_eq!(app.notice(), Some(refused.as_str()));
    // A unit picked: that is the next action, and it says nothing of the save.
    let xy02 = unit(&app, "XY02");
    let label = outline::label(app.document(), xy02);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    assert_eq!(app.selected(), Some(xy02));
    assert_eq!(app.notice(), None, "the save's refusal went");
    assert!(screen(app.view()).find(refused.as_str()).is_err());
}

#[test]
fn desk_stale_a_refused_edit_is_not_said_once_the_user_goes_on() {
    let mut app = sample_app();
    let xy02 = unit(&app, "XY02");
    let xy03 = unit(&app, "XY03");
    let taken = app.document().units[&xy03].code.clone();
    let _ = app.update(Message::Outline(outline::Message::Pick(xy02)));
    // XY02 given XY03's code: refused.
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::CODE)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        for _ in 0..8 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite(&taken);
        ui.click(inspector::APPLY).unwrap();
    });
    assert!(
        app.notice().unwrap_or_default().starts_with("未执行"),
        "{:?}",
        app.notice()
    );
    // Another unit picked in the outline.
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    assert_eq!(app.notice(), None);
}

/// The sample's repository (in a folder kept while it is held), the window
/// on it with its first version shown read-only, and that version.
fn first_version_read_only() -> (tempfile::TempDir, gridorg::gui::App, Document) {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_repository(dir.path());
    let mut app = window_on(&file);
    interact(&mut app, |ui| {
        ui.click(history::SHOW).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(history::open_id(1)).unwrap();
    });
    assert!(app.history().viewing().is_some());
    let version = app.document().clone();
    (dir, app, version)
}

/// Asserts the click did nothing: the version as it was, no form open, no
/// notice of a refusal.
fn nothing_happened(app: &gridorg::gui::App, version: &Document, what: &str) {
    assert_eq!(app.document(), version, "{what}: the version unchanged");
    assert_eq!(app.notice(), None, "{what}: nothing said");
    assert!(!shows_a_hint(app), "{what}: no hint");
    for form in [members::NAME, places::GridField::Worker.id()] {
        assert!(
            interact_find(app, widget::Id::new(form)).is_none(),
            "{what}: no form open"
        );
    }
}

/// The unit of the sample's member with an invalid ID number, picked in
/// the outline as ever, and that finding.
fn pick_a_unit_with_members(app: &mut gridorg::gui::App) -> gridorg::check::Finding {
    let finding = invalid_id_number(app);
    let branch = app.document().members[&finding.subject].unit;
    let task = app.update(Message::Outline(outline::Message::Pick(branch)));
    crate::common::settle(app, task);
    assert_eq!(app.selected(), Some(branch), "picking still works");
    finding
}

#[test]
fn desk_stale_a_read_only_version_offers_no_edit_in_the_panel() {
    let (_dir, mut app, version) = first_version_read_only();
    // The way back, said once.
    assert!(screen(app.view()).find(history::BACK).is_ok());
    pick_a_unit_with_members(&mut app);
    let branch = app.selected().unwrap();
    let add = inspector::add_label(&version.units[&branch]);
    for button in ["编辑", members::ADD, add.as_str(), inspector::DELETE] {
        interact_tall(&mut app, |ui| {
            ui.click(button).expect(button);
        });
        nothing_happened(&app, &version, button);
        assert!(
            screen(app.view())
                .find(inspector::DELETE_KEEP_MEMBERS)
                .is_err(),
            "{button}: no question asked"
        );
    }
    // The Delete key asks nothing.
    let task = app.update(Message::Inspector(inspector::Message::Delete));
    crate::common::settle(&mut app, task);
    assert!(
        screen(app.view())
            .find(inspector::DELETE_KEEP_MEMBERS)
            .is_err(),
        "Delete: no question asked"
    );
    // No field takes the cursor (none is offered to click or Tab into);
    // typed over one, then applied, nothing takes.
    assert!(
        interact_find(&app, widget::Id::new(inspector::NAME)).is_none(),
        "名称 offers no cursor"
    );
    interact(&mut app, |ui| {
        let label = ui.find("名称").unwrap().bounds();
        let field = iced::Point::new(label.x + label.width + 120.0, label.center_y());
        ui.point_at(field);
        let _ = ui.simulate(iced_test::simulator::click());
        ui.typewrite("（改）");
        ui.click(inspector::APPLY).unwrap();
    });
    nothing_happened(&app, &version, inspector::APPLY);
    assert!(
        screen(app.view())
            .find(format!("{}（改）", version.units[&branch].name).as_str())
            .is_err(),
        "nothing typed in"
    );
}

#[test]
fn desk_stale_a_read_only_version_offers_no_fix_of_a_finding() {
    let (_dir, mut app, version) = first_version_read_only();
    let finding = pick_a_unit_with_members(&mut app);
    // The finding clicked: no fix is offered; 确认… asks for no note.
    interact_tall(&mut app, |ui| {
        ui.click(problems::label(&finding).as_str()).unwrap();
    });
    nothing_happened(&app, &version, "a finding");
    interact_tall(&mut app, |ui| {
        ui.click(problems::ACKNOWLEDGE).unwrap();
    });
    nothing_happened(&app, &version, problems::ACKNOWLEDGE);
    assert!(
        interact_find(&app, widget::Id::new(problems::NOTE)).is_none(),
        "no note asked for"
    );
    // Picked without the pointer (from the keyboard): its unit, no form.
    let task = app.update(Message::Problem(problems::Message::Pick(finding.key())));
    crate::common::settle(&mut app, task);
    assert_eq!(app.selected(), Some(version.members[&finding.subject].unit));
    nothing_happened(&app, &version, "a finding picked");
}

#[test]
fn desk_stale_a_read_only_version_moves_and_covers_nothing_by_a_drag() {
    let (_dir, mut app, version) = first_version_read_only();
    let (xy01, xy02) = (unit(&app, "XY01"), unit(&app, "XY02"));
    let task = app.update(Message::Outline(outline::Message::Pick(xy02)));
    crate::common::settle(&mut app, task);
    // XY02's box dragged onto XY01's: not moved, and nothing refused.
    interact_seeing(&mut app, |ui, app| {
        let from = on_canvas(ui, app, xy02, false);
        let to = on_canvas(ui, app, xy01, false);
        crate::common::drag(ui, from, to);
    });
    nothing_happened(&app, &version, "a drag on the canvas");
    assert_eq!(app.selected(), Some(xy02));
    // A branch dropped on a grid of the coverage graph: nothing covered.
    let grid = version.grids.values().find(|g| g.covered_by.is_empty());
    let grid = grid.expect("an uncovered grid in the sample");
    let branch = version.units.values().find(|u| u.is_branch_like());
    let cover = gridorg::gui::coverage::Message::Cover {
        branch: branch.expect("a branch").id,
        grid: grid.id,
    };
    let task = app.update(Message::Coverage(cover));
    crate::common::settle(&mut app, task);
    nothing_happened(&app, &version, "a drop on the coverage graph");
}
