//! Comparing with another file, the last save or a version from history:
//! the changes marked on the canvas and listed, and what is refused.

use crate::common::{
    drag, interact, interact_seeing, name_the_file, on_canvas, private_data_dir, rename_in_panel,
    sample_app, sample_repository, screen, settle, unit, window_on,
};
use gridorg::gui::{history, inspector, outline, App, Message, UNDO};
use gridorg::model::Id;
use iced::widget;

/// The sample as another office might have it: XY02-G3 not yet made and a
/// group under XY01-B1 the open sample no longer has.
fn an_older_copy() -> (gridorg::model::Document, Id) {
    use gridorg::edit::{Command, History, MemberFate};
    let mut old = gridorg::gui::bundled_sample().unwrap();
    let g3 = old.unit_by_code("XY02-G3").unwrap().id;
    let mut history = History::new();
    history
        .apply(
            &mut old,
            &Command::DeleteUnit {
                unit: g3,
                members: MemberFate::ToParent,
            },
        )
        .unwrap();
    let parent = Some(old.unit_by_code("XY01-B1").unwrap().id);
    let gone = history
        .apply(
            &mut old,
            &Command::AddUnit {
                parent,
                level: gridorg::model::Level::Group,
                code: "XY01-B1-G7".into(),
                name: "旧第七党小组".into(),
            },
        )
        .unwrap()
        .created
        .unwrap();
    (old, gone)
}

/// Opens 与…比较 and names `path` in the target row, as a user does where
/// no desktop dialog opens; the read and the comparison run to the end.
fn compare_with_file(app: &mut App, path: &std::path::Path) {
    use gridorg::gui::compare;
    interact(app, |ui| {
        ui.click(compare::SHOW).expect("the 与…比较 button");
    });
    name_the_file(app, compare::FILE, path);
}

#[test]
fn comparing_with_a_file_marks_the_canvas_lists_the_changes_and_ends_as_it_began() {
    use gridorg::gui::compare;
    use gridorg::versions::compare::Mark;
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("上月.ron");
    let (old, ghost) = an_older_copy();
    gridorg::document::save(&old, &file).unwrap();
    let mut app = sample_app();
    let before = app.document().clone();
    let g3 = unit(&app, "XY02-G3");
    let b1 = unit(&app, "XY01-B1");

    compare_with_file(&mut app, &file);
    let comparison = app.comparison().expect("the comparison is shown");
    // XY02-G3 and its 中心户 are the units new since.
    let mut added: Vec<Id> = comparison
        .marks
        .iter()
        .filter(|(_, m)| **m == Mark::Added)
        .map(|(id, _)| *id)
        .collect();
    added.sort();
    let mut below: Vec<Id> = app
        .document()
        .units
        .values()
        .filter(|u| u.id == g3 || u.parent == Some(g3))
        .map(|u| u.id)
        .collect();
    below.sort();
    assert_eq!(added, below);
    let canvas = app.canvas().unwrap();
    assert_eq!(canvas.change_of(g3), Some(Mark::Added), "drawn green");
    assert_eq!(canvas.change_of(ghost), Some(Mark::Removed));
    assert!(
        canvas.shows(ghost),
        "the removed group is a ghost on the canvas"
    );
    // The members moved up when G3 went are XY02's change: it is marked.
    assert_eq!(canvas.change_of(unit(&app, "XY02")), Some(Mark::Changed));
    assert_eq!(canvas.change_of(b1), None);
    let said = app.notice().unwrap();
    assert!(said.starts_with("与 ") && said.contains("新增"), "{said}");
    let mut ui = screen(app.view());
    assert!(ui.find(compare::END).is_ok());
    assert!(ui.find("新增组织").is_ok(), "the list's topics");
    drop(ui);

    // A line selects its unit; a ghost's line shows the ghost, selecting nothing.
    let line = |app: &App, code: &str| {
        app.comparison()
            .unwrap()
            .sections
            .iter()
            .flat_map(|s| &s.topics)
            .flat_map(|(_, entries)| entries)
            .find(|e| e.text.contains(code))
            .unwrap_or_else(|| panic!("a line about {code}"))
            .clone()
    };
    let added = line(&app, "XY02-G3");
    assert_eq!((added.unit, added.ghost), (Some(g3), false));
    interact(&mut app, |ui| {
        ui.click(added.text.as_str())
            .expect("the added group's line");
    });
    assert_eq!(app.selected(), Some(g3));
    let removed = line(&app, "XY01-B1-G7");
    assert_eq!((removed.unit, removed.ghost), (Some(ghost), true));
    interact(&mut app, |ui| {
        ui.click(removed.text.as_str()).expect("the ghost's line");
    });
    assert_eq!(app.selected(), Some(g3), "a ghost is not selected");
    let size = iced::Size::new(800.0, 600.0);
    let at = app.canvas().unwrap().box_center(ghost, size);
    assert_eq!(
        at,
        Some(iced::Point::new(400.0, 300.0)),
        "the ghost centred"
    );

    // Nothing of the document or its history changed.
    assert_eq!(app.document(), &before);
    assert!(!app.title().starts_with('●'));

    interact(&mut app, |ui| {
        ui.click(compare::END).expect("结束比较");
    });
    assert!(app.comparison().is_none());
    assert_eq!(app.notice(), Some("已结束比较"));
    let canvas = app.canvas().unwrap();
    assert_eq!(canvas.change_of(g3), None);
    assert!(
        !canvas.shows(ghost),
        "the ghost is gone with the comparison"
    );
    assert!(screen(app.view()).find(compare::END).is_err());
    assert_eq!(app.document(), &before);
}

#[test]
fn the_last_save_is_offered_once_saved_and_the_comparison_follows_edits() {
    use gridorg::gui::compare;
    use gridorg::versions::compare::Mark;
    private_data_dir();
    // Never saved: 上次保存 is there, disabled, and says why.
    let mut app = sample_app();
    interact(&mut app, |ui| {
        ui.click(compare::SHOW).unwrap();
    });
    let mut ui = screen(app.view());
    assert!(ui.find(compare::NEVER_SAVED).is_ok());
    let _ = ui.click(compare::LAST_SAVE);
    let asked: Vec<Message> = ui.into_messages().collect();
    assert!(asked.is_empty(), "disabled: {asked:?}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(app.document(), &file).unwrap();
    let mut app = App::new(gridorg::document::load(&file).unwrap(), Some(file.clone()));
    let xy03 = unit(&app, "XY03");
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::NAME)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("（改）");
        ui.click(inspector::APPLY).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(compare::SHOW).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(compare::LAST_SAVE).expect("上次保存, enabled");
    });
    assert_eq!(
        app.canvas().unwrap().change_of(xy03),
        Some(Mark::Changed),
        "renamed since the save"
    );
    assert_eq!(app.comparison().unwrap().summary.changed, 1);

    // An edit while comparing: compared again, the undo too.
    let xy01 = unit(&app, "XY01");
    let label = outline::label(app.document(), xy01);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::NAME)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("（新）");
        ui.click(inspector::APPLY).unwrap();
    });
    assert_eq!(app.canvas().unwrap().change_of(xy01), Some(Mark::Changed));
    assert_eq!(app.comparison().unwrap().summary.changed, 2);
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(app.canvas().unwrap().change_of(xy01), None);
    assert_eq!(app.comparison().unwrap().summary.changed, 1);

    // The hook the git history uses: a version already read, with its label.
    let saved = gridorg::document::load(&file).unwrap();
    let task = app.compare_with(saved, "a1b2c3d 上周".into());
    settle(&mut app, task);
    assert!(screen(app.view())
        .find("与 a1b2c3d 上周 比较：新增 0 条，删除 0 条，调整隶属 0 条，修改 1 处")
        .is_ok());
}

#[test]
fn an_unrelated_or_unreadable_file_is_refused_and_nothing_changes() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("别的街道.ron");
    gridorg::document::save(
        &gridorg::generate::generate(gridorg::generate::Preset::Street, 7),
        &other,
    )
    .unwrap();
    let mut app = sample_app();
    let before = app.document().clone();
    compare_with_file(&mut app, &other);
    assert!(app.comparison().is_none());
    let said = app.notice().unwrap();
    assert!(
        said.starts_with("无法比较") && said.contains("unrelated documents"),
        "{said}"
    );
    compare_with_file(&mut app, &dir.path().join("没有这个文件.ron"));
    assert!(app.comparison().is_none());
    let said = app.notice().unwrap();
    assert!(
        said.starts_with("无法比较") && said.contains("没有这个文件.ron"),
        "{said}"
    );
    assert_eq!(app.document(), &before);
    assert!(!app.title().starts_with('●'));
}

#[test]
fn a_ghost_on_the_canvas_is_neither_selected_nor_moved_nor_a_target() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("上月.ron");
    let (old, ghost) = an_older_copy();
    gridorg::document::save(&old, &file).unwrap();
    let mut app = sample_app();
    compare_with_file(&mut app, &file);
    assert!(app.canvas().unwrap().shows(ghost));
    let before = app.document().clone();
    let (b2, g1) = (unit(&app, "XY01-B2"), unit(&app, "XY01-B1-G1"));
    for (from, onto) in [(ghost, b2), (g1, ghost)] {
        interact_seeing(&mut app, |ui, app| {
            let from = on_canvas(ui, app, from, false);
            let to = on_canvas(ui, app, onto, false);
            drag(ui, from, to);
        });
        assert_eq!(app.document(), &before, "nothing moved");
        let said = app.notice().unwrap_or_default();
        assert!(said.contains("已撤销的组织只在比较中显示"), "{said}");
    }
    interact_seeing(&mut app, |ui, app| {
        let at = on_canvas(ui, app, ghost, false);
        ui.point_at(at);
        ui.simulate(iced_test::simulator::click());
    });
    assert_eq!(app.selected(), None, "a ghost is shown, not selected");
    assert!(!app.title().starts_with('●'));
}

#[test]
fn comparing_from_history_while_a_version_is_shown_compares_with_the_current_document() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_repository(dir.path());
    let mut app = window_on(&file);
    rename_in_panel(&mut app, "XY03", "（未存）");
    let edited = app.document().clone();
    interact(&mut app, |ui| {
        ui.click(history::SHOW).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(history::open_id(1)).unwrap();
    });
    assert!(app.history().viewing().is_some(), "the first version shown");

    interact(&mut app, |ui| {
        ui.click(history::compare_id(0)).unwrap();
    });
    assert!(
        app.history().viewing().is_none(),
        "back to the current document"
    );
    assert_eq!(app.document(), &edited, "unsaved edits kept");
    let xy03 = unit(&app, "XY03");
    let comparison = app.comparison().expect("compared");
    assert_eq!(
        comparison.mark_of(xy03),
        Some(gridorg::versions::compare::Mark::Changed)
    );
    assert_eq!(comparison.marks.len(), 1, "{:?}", comparison.marks);
}
