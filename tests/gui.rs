//! The editor window driven through iced_test's Simulator, as a user would:
//! click a row, type in a field, press a button; the messages go back to the
//! real application state.

use gridorg::gui::{files, home, inspector, outline, problems, App, Message, REDO, UNDO};
use gridorg::model::Id;
use iced::widget;

/// The view in a window of the editor's size with a tall screen, so that
/// the property panel (with a reserved reason line under each field) shows
/// without scrolling.
fn screen<'a>(view: iced::Element<'a, Message>) -> iced_test::Simulator<'a, Message> {
    iced_test::Simulator::with_size(iced::Settings::default(), (1280.0, 1400.0), view)
}

fn sample_app() -> App {
    App::new(gridorg::gui::bundled_sample().unwrap(), None)
}

fn unit(app: &App, code: &str) -> Id {
    app.document().unit_by_code(code).unwrap().id
}

/// Clicks `button`, types `path` over the target row's default (the text
/// the path box hands on as it is edited) and confirms: the way a user
/// names a file where no desktop dialog opens.
fn name_the_file(app: &mut App, button: &str, path: &std::path::Path) {
    interact(app, |ui| {
        ui.click(button).unwrap();
    });
    let typed = Message::Files(files::Message::Typed(path.display().to_string()));
    let task = app.update(typed);
    settle(app, task);
    interact(app, |ui| {
        ui.click(files::CONFIRM).unwrap();
    });
}

#[test]
fn select_from_the_outline_rename_and_undo() {
    let mut app = sample_app();
    let xy01 = unit(&app, "XY01");
    let label = outline::label(app.document(), xy01);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).expect("the outline shows XY01");
    });
    assert_eq!(app.selected(), Some(xy01));
    assert!(!app.title().starts_with('●'));

    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::NAME))
            .expect("the name field");
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("（新）");
        ui.click(inspector::APPLY).expect("the apply button");
    });
    assert_eq!(app.document().units[&xy01].name, "迎宾馆社区党总支（新）");
    assert!(
        app.title().starts_with('●'),
        "unsaved mark: {}",
        app.title()
    );

    interact(&mut app, |ui| {
        ui.click(UNDO).expect("the undo button");
    });
    assert_eq!(app.document().units[&xy01].name, "迎宾馆社区党总支");
    assert!(!app.title().starts_with('●'), "back to the saved state");

    interact(&mut app, |ui| {
        ui.click(REDO).expect("the redo button");
    });
    assert_eq!(app.document().units[&xy01].name, "迎宾馆社区党总支（新）");
}

#[test]
fn a_refused_edit_says_why_and_changes_nothing() {
    let mut app = sample_app();
    let xy01 = unit(&app, "XY01");
    let label = outline::label(app.document(), xy01);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    let before = app.document().clone();
    // XY02 is taken: codes are unique.
    interact(&mut app, |ui| {
        let _ = app_code_field(ui);
        ui.click(inspector::APPLY).unwrap();
    });
    assert_eq!(app.document(), &before, "nothing changed");
    assert!(!app.title().starts_with('●'));
    let mut ui = screen(app.view());
    let reason = "组织编码 XY02 已被「北大社区党支部」使用 (duplicate code)";
    assert!(
        ui.find(reason).is_ok(),
        "the reason is shown beside the fields"
    );
}

/// Replaces the code field's XY01 with XY02.
fn app_code_field(ui: &mut iced_test::Simulator<'_, Message>) -> Option<()> {
    ui.click(widget::Id::new(inspector::CODE)).ok()?;
    ui.tap_key(iced::keyboard::key::Named::End);
    ui.tap_key(iced::keyboard::key::Named::Backspace);
    ui.typewrite("2");
    Some(())
}

#[test]
fn clicking_a_finding_selects_its_unit() {
    let mut app = sample_app();
    let finding = app
        .report()
        .findings
        .iter()
        .find(|f| f.code == "XY04-B3")
        .expect("the sample's expired term")
        .clone();
    interact(&mut app, |ui| {
        ui.click(problems::label(&finding).as_str())
            .expect("the finding's row");
    });
    assert_eq!(app.selected(), Some(unit(&app, "XY04-B3")));
}

#[test]
fn searching_by_pinyin_initials_narrows_the_outline() {
    let mut app = sample_app();
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(outline::SEARCH)).unwrap();
        ui.typewrite("ybg");
    });
    let xy01 = outline::label(app.document(), unit(&app, "XY01"));
    let xy02 = outline::label(app.document(), unit(&app, "XY02"));
    let mut ui = screen(app.view());
    assert!(ui.find(xy01.as_str()).is_ok(), "迎宾馆 found");
    assert!(ui.find(xy02.as_str()).is_err(), "北大 filtered out");
}

#[test]
fn add_a_group_under_a_branch_then_name_it() {
    let mut app = sample_app();
    let branch = unit(&app, "XY01-B1");
    let label = outline::label(app.document(), branch);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    let groups_before = app
        .document()
        .units
        .values()
        .filter(|u| u.parent == Some(branch))
        .count();
    let add = inspector::add_label(&app.document().units[&branch]);
    assert_eq!(add, "添加网格党小组");
    interact(&mut app, |ui| {
        ui.click(add.as_str()).expect("the add button");
    });
    let new = app.selected().expect("the new group is selected");
    let group = &app.document().units[&new];
    assert_eq!(group.parent, Some(branch));
    assert_eq!(group.level, gridorg::model::Level::Group);
    assert_eq!(group.code, "XY01-B1-G3", "the next free code");
    assert_eq!(
        app.document()
            .units
            .values()
            .filter(|u| u.parent == Some(branch))
            .count(),
        groups_before + 1
    );
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::NAME)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("（三组）");
        ui.click(inspector::APPLY).unwrap();
    });
    assert_eq!(app.document().units[&new].name, "新建网格党小组（三组）");
    // Two edits, two undos.
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert!(!app.document().units.contains_key(&new));
    assert!(!app.title().starts_with('●'));
}

#[test]
fn delete_asks_first_and_says_what_goes() {
    let mut app = sample_app();
    let group = unit(&app, "XY02-G3");
    let members: Vec<Id> = app
        .document()
        .members
        .values()
        .filter(|m| m.unit == group)
        .map(|m| m.id)
        .collect();
    let label = outline::label(app.document(), group);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(inspector::DELETE).unwrap();
    });
    assert!(
        app.document().units.contains_key(&group),
        "nothing deleted yet"
    );
    let mut ui = screen(app.view());
    let preview = gridorg::edit::preview_delete(app.document(), group)
        .describe(gridorg::edit::MemberFate::ToParent);
    assert!(
        ui.find(preview.as_str()).is_ok(),
        "the confirmation says: {preview}"
    );
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(inspector::DELETE_KEEP_MEMBERS).unwrap();
    });
    assert!(!app.document().units.contains_key(&group));
    let parent = unit(&app, "XY02");
    for m in members {
        assert_eq!(app.document().members[&m].unit, parent, "members moved up");
    }
}

/// Runs what `update` started (reads, saves) to the end, feeding each result
/// back, as the iced runtime would.
fn settle(app: &mut App, task: iced::Task<Message>) {
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let Some(mut stream) = task::into_stream(task) else {
        return;
    };
    while let Some(action) = block_on(stream.next()) {
        if let Action::Output(message) = action {
            let next = app.update(message);
            settle(app, next);
        }
    }
}

/// The messages a task produces, not fed back.
fn outputs(task: iced::Task<Message>) -> Vec<Message> {
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let Some(stream) = task::into_stream(task) else {
        return Vec::new();
    };
    block_on(stream.collect::<Vec<_>>())
        .into_iter()
        .filter_map(|action| match action {
            Action::Output(message) => Some(message),
            _ => None,
        })
        .collect()
}

/// Builds the view, lets `act` use it, and feeds the messages it produced
/// back, running the tasks they start (the findings that follow an edit come
/// from one) to their end.
fn interact(app: &mut App, act: impl FnOnce(&mut iced_test::Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = screen(app.view());
        act(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

#[test]
fn the_unsaved_mark_appears_on_an_edit_and_clears_on_save() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    let mut app = sample_app();
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
    assert!(app.title().starts_with('●'));
    // A document with no file yet asks where: no desktop portal here, so
    // the path goes in the target row.
    name_the_file(&mut app, gridorg::gui::SAVE, &file);
    assert!(!app.busy());
    assert!(!app.title().starts_with('●'), "saved: {}", app.title());
    assert!(app.title().starts_with("西园.ron"), "{}", app.title());
    let saved = gridorg::document::load(&file).unwrap();
    assert_eq!(saved.units[&xy03].name, "锦园社区党支部（改）");
    assert_eq!(&saved, app.document());
}

#[test]
fn opening_over_unsaved_changes_asks_first_then_opens() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.ron");
    let mut doc = gridorg::gui::bundled_sample().unwrap();
    doc.title = "另一个文档".into();
    gridorg::document::save(&doc, &other).unwrap();
    let mut app = sample_app();
    interact(&mut app, |ui| {
        ui.click(outline::label(app_doc(), unit_in_sample("XY01")).as_str())
            .unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(inspector::add_label(&app_doc().units[&unit_in_sample("XY01")]).as_str())
            .unwrap();
    });
    assert!(app.title().starts_with('●'));
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::OPEN).unwrap();
    });
    assert_ne!(
        app.document().title,
        "另一个文档",
        "the first click only asks"
    );
    interact(&mut app, |ui| {
        ui.find(gridorg::gui::UNSAVED_ON_LEAVE).expect("asks first");
        ui.click("取消").unwrap();
    });
    assert!(app.title().starts_with('●'), "cancel keeps the edits");
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::OPEN).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::DISCARD_CHANGES).unwrap();
    });
    let task = app.update(Message::Files(files::Message::Typed(
        other.display().to_string(),
    )));
    settle(&mut app, task);
    interact(&mut app, |ui| {
        ui.click(files::CONFIRM).unwrap();
    });
    assert_eq!(app.document().title, "另一个文档");
    assert!(!app.title().starts_with('●'));
    let other = std::path::absolute(&other).unwrap();
    assert_eq!(app.recent().first(), Some(&other), "listed as recent");
}

/// Recent files go to a data folder of the test's own.
fn private_data_dir() {
    use std::sync::OnceLock;
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().unwrap());
    // Every test sets the same value, before it opens or saves a file.
    std::env::set_var("GRIDORG_DATA_DIR", dir.path());
}

#[test]
fn new_starts_an_empty_document_after_asking_and_a_street_can_be_added() {
    let mut app = sample_app();
    let xy01 = unit(&app, "XY01");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    interact(&mut app, |ui| {
        ui.click(inspector::add_label(&app_doc().units[&xy01]).as_str())
            .unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::NEW).unwrap();
    });
    assert!(
        !app.document().units.is_empty(),
        "asks before dropping the edit"
    );
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::DISCARD_CHANGES).unwrap();
    });
    assert!(app.document().units.is_empty());
    assert_eq!(app.document().title, gridorg::gui::NEW_TITLE);
    interact(&mut app, |ui| {
        ui.click(inspector::ADD_STREET).unwrap();
    });
    let street = app.document().units.values().next().expect("a street");
    assert_eq!(street.level, gridorg::model::Level::Street);
    assert_eq!(app.selected(), Some(street.id));
    assert!(app.title().starts_with('●'));
}

#[test]
fn a_recent_file_reopens_from_the_list() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("近期.ron");
    let mut doc = gridorg::gui::bundled_sample().unwrap();
    doc.title = "近期文档".into();
    gridorg::document::save(&doc, &file).unwrap();
    let mut app = App::with_recent(
        gridorg::gui::bundled_sample().unwrap(),
        None,
        vec![file.clone()],
    );
    let task = app.update(Message::Files(files::Message::OpenRecent(files::Recent(
        file.clone(),
    ))));
    settle(&mut app, task);
    assert_eq!(app.document().title, "近期文档");
    assert!(app.title().contains("近期.ron"));
    assert_eq!(app.recent(), [file.clone()].as_slice());
    // The list was written to the data folder and is read back by a new window.
    assert!(gridorg::gui::recent_files().contains(&file));
}

fn app_doc() -> &'static gridorg::model::Document {
    use std::sync::OnceLock;
    static SAMPLE: OnceLock<gridorg::model::Document> = OnceLock::new();
    SAMPLE.get_or_init(|| gridorg::gui::bundled_sample().unwrap())
}

fn unit_in_sample(code: &str) -> Id {
    app_doc().unit_by_code(code).unwrap().id
}

/// Asks for a roster into `pdf` through the print bar and its target row,
/// and hands back the printout under way: the path is looked at off the
/// window's thread, then the printout starts in the background, its
/// progress in the status bar.
fn start_a_roster(app: &mut App, pdf: &std::path::Path) -> iced::Task<Message> {
    interact(app, |ui| {
        ui.click(gridorg::gui::PRINT_ROSTER).unwrap();
    });
    let task = app.update(Message::Files(files::Message::Typed(
        pdf.display().to_string(),
    )));
    settle(app, task);
    let confirmed: Vec<Message> = {
        let mut ui = screen(app.view());
        ui.click(files::CONFIRM).unwrap();
        ui.into_messages().collect()
    };
    let mut printing = iced::Task::none();
    for message in confirmed {
        let looked = app.update(message);
        for probed in outputs(looked) {
            printing = app.update(probed);
        }
    }
    printing
}

#[test]
fn printing_the_selection_writes_a_roster_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("xy03.pdf");
    let mut app = sample_app();
    let xy03 = unit(&app, "XY03");
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    let printing = start_a_roster(&mut app, &pdf);
    assert!(app.busy());
    let mut ui = screen(app.view());
    assert!(
        ui.find("正在生成 PDF：第 1/2 步，准备…已用 0 秒").is_ok(),
        "progress is shown while printing"
    );
    drop(ui);
    settle(&mut app, printing);
    assert!(!app.busy());
    let bytes = std::fs::read(&pdf).expect("the roster was written");
    assert!(bytes.starts_with(b"%PDF"));
    let mut ui = screen(app.view());
    assert!(ui.find("打开打印文件").is_ok());
    let said = (1..10).find(|n| {
        let done = format!(
            "已生成花名册 {n} 页：{}（点“打开打印文件”查看）",
            pdf.display()
        );
        ui.find(done.as_str()).is_ok()
    });
    assert!(said.is_some(), "the status says what was made");
}

#[test]
fn move_a_group_to_another_branch_and_undo() {
    let mut app = sample_app();
    let group = unit(&app, "XY01-B1-G1");
    let target = unit(&app, "XY01-B2");
    let label = outline::label(app.document(), group);
    // Its branch is collapsed: find it by its code.
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(outline::SEARCH)).unwrap();
        ui.typewrite("XY01-B1-G1");
    });
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    assert_eq!(app.selected(), Some(group));
    let graph = gridorg::graph::Graph::build(app.document());
    let choices = inspector::parents(app.document(), graph.tree(), &app.document().units[&group]);
    let choice = choices
        .iter()
        .find(|p| p.id == target)
        .expect("XY01-B2 can take a group")
        .clone();
    assert!(
        choices.iter().all(
            |p| app.document().units[&p.id].level == gridorg::model::Level::Branch
                || app.document().units[&p.id].is_branch_like()
        ),
        "only units that take a group are offered"
    );
    // The pick list opens in an overlay; its choice arrives as this message.
    let _ = app.update(Message::Inspector(inspector::Message::MoveTarget(choice)));
    interact(&mut app, |ui| {
        ui.click(inspector::MOVE).expect("the move button");
    });
    assert_eq!(app.document().units[&group].parent, Some(target));
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(
        app.document().units[&group].parent,
        Some(unit(&app, "XY01-B1"))
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut app = sample_app();
    let window = iced::window::Id::unique();
    let _ = app.update(Message::CloseRequested(window));
    let mut ui = screen(app.view());
    assert!(
        ui.find(gridorg::gui::UNSAVED_ON_CLOSE).is_err(),
        "nothing to save: no question"
    );
    drop(ui);
    let xy01 = unit(&app, "XY01");
    interact(&mut app, |ui| {
        ui.click(outline::label(app_doc(), xy01).as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(inspector::add_label(&app_doc().units[&xy01]).as_str())
            .unwrap();
    });
    let _ = app.update(Message::CloseRequested(window));
    let mut ui = screen(app.view());
    assert!(
        ui.find(gridorg::gui::UNSAVED_ON_CLOSE).is_ok(),
        "asks before losing the edit"
    );
    assert!(ui.find(gridorg::gui::SAVE_AND_CLOSE).is_ok());
    drop(ui);
    interact(&mut app, |ui| {
        ui.click("取消").unwrap();
    });
    let mut ui = screen(app.view());
    assert!(
        ui.find(gridorg::gui::UNSAVED_ON_CLOSE).is_err(),
        "still open, still unsaved"
    );
    assert!(app.title().starts_with('●'));
}

#[test]
fn covering_an_uncovered_grid_clears_its_finding() {
    let mut app = sample_app();
    let branch = unit(&app, "XY01-B1");
    let grid = app.document().grid_by_code("XY01-W09").unwrap().clone();
    let uncovered = |app: &App| {
        app.report()
            .findings
            .iter()
            .any(|f| f.subject == grid.id && f.rule.id() == "grid-uncovered")
    };
    assert!(uncovered(&app), "the sample leaves XY01-W09 uncovered");
    let label = outline::label(app.document(), branch);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(inspector::grid_label(&grid).as_str())
            .expect("the grid's box");
    });
    assert!(app.document().grids[&grid.id].covered_by.contains(&branch));
    assert!(!uncovered(&app), "the finding went as the edit was made");
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert!(uncovered(&app), "and came back with the undo");
}

/// Where the middle of a unit's box (or its fold square) shows in the window.
fn on_canvas(
    ui: &mut iced_test::Simulator<'_, Message>,
    app: &App,
    id: Id,
    toggle: bool,
) -> iced::Point {
    let frame = ui
        .find(widget::Id::new(gridorg::gui::CANVAS))
        .expect("the canvas")
        .bounds();
    let local = if toggle {
        app.canvas().unwrap().toggle_center(id, frame.size())
    } else {
        app.canvas().unwrap().box_center(id, frame.size())
    }
    .expect("the box is drawn");
    assert!(
        local.x > 0.0 && local.y > 0.0 && local.x < frame.width && local.y < frame.height,
        "{local:?} lies in the canvas {frame:?}"
    );
    iced::Point::new(frame.x + local.x, frame.y + local.y)
}

/// Like [`interact`], with the application at hand while the view is up.
fn interact_seeing(app: &mut App, act: impl FnOnce(&mut iced_test::Simulator<'_, Message>, &App)) {
    let messages: Vec<Message> = {
        let seen: &App = app;
        let mut ui = screen(seen.view());
        act(&mut ui, seen);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

fn drag(ui: &mut iced_test::Simulator<'_, Message>, from: iced::Point, to: iced::Point) {
    use iced::mouse;
    ui.point_at(from);
    ui.simulate([iced::Event::Mouse(mouse::Event::ButtonPressed(
        mouse::Button::Left,
    ))]);
    for step in 1..=4 {
        let t = step as f32 / 4.0;
        let at = iced::Point::new(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
        ui.point_at(at);
        ui.simulate([iced::Event::Mouse(mouse::Event::CursorMoved {
            position: at,
        })]);
    }
    ui.simulate([iced::Event::Mouse(mouse::Event::ButtonReleased(
        mouse::Button::Left,
    ))]);
}

#[test]
fn the_canvas_selects_on_click_and_moves_a_branch_dropped_on_another_community() {
    let mut app = sample_app();
    let branch = unit(&app, "XY01-B2");
    let xy02 = unit(&app, "XY02");
    assert!(app.canvas().unwrap().shows(branch) && app.canvas().unwrap().shows(xy02));
    interact_seeing(&mut app, |ui, app| {
        let at = on_canvas(ui, app, branch, false);
        ui.point_at(at);
        ui.simulate(iced_test::simulator::click());
    });
    assert_eq!(app.selected(), Some(branch), "a click selects the box");

    interact_seeing(&mut app, |ui, app| {
        let from = on_canvas(ui, app, branch, false);
        let to = on_canvas(ui, app, xy02, false);
        drag(ui, from, to);
    });
    assert_eq!(
        app.document().units[&branch].parent,
        Some(xy02),
        "dropped on XY02: {:?}",
        app.notice()
    );
    assert!(app.title().starts_with('●'));
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(
        app.document().units[&branch].parent,
        Some(unit(&app, "XY01"))
    );
}

#[test]
fn dropping_on_a_unit_of_the_wrong_level_is_refused_with_a_reason() {
    let mut app = sample_app();
    let branch = unit(&app, "XY01-B2");
    let other_branch = unit(&app, "XY01-B1");
    let before = app.document().clone();
    interact_seeing(&mut app, |ui, app| {
        let from = on_canvas(ui, app, branch, false);
        let to = on_canvas(ui, app, other_branch, false);
        drag(ui, from, to);
    });
    assert_eq!(app.document(), &before, "nothing moved");
    let notice = app.notice().unwrap_or_default();
    assert!(
        notice.starts_with("未执行"),
        "the reason is shown: {notice}"
    );
    assert!(!app.title().starts_with('●'));
}

#[test]
fn the_fold_square_hides_and_shows_a_subtree() {
    let mut app = sample_app();
    let xy01 = unit(&app, "XY01");
    let branch = unit(&app, "XY01-B1");
    assert!(app.canvas().unwrap().shows(branch));
    interact_seeing(&mut app, |ui, app| {
        let at = on_canvas(ui, app, xy01, true);
        ui.point_at(at);
        ui.simulate(iced_test::simulator::click());
    });
    assert!(!app.canvas().unwrap().shows(branch), "folded away");
    assert_eq!(app.selected(), None, "the fold square does not select");
    // One fold state: the outline folded XY01 too, and its ▸ unfolds both.
    let branch_row = outline::label(app.document(), branch);
    let mut ui = screen(app.view());
    assert!(
        ui.find(branch_row.as_str()).is_err(),
        "folded in the outline"
    );
    drop(ui);
    let _ = app.update(Message::Outline(outline::Message::Toggle(xy01)));
    assert!(
        app.canvas().unwrap().shows(branch),
        "unfolded on the canvas"
    );
    let mut ui = screen(app.view());
    assert!(ui.find(branch_row.as_str()).is_ok(), "and in the outline");
    drop(ui);
    let _ = app.update(Message::Outline(outline::Message::Toggle(xy01)));
    assert!(!app.canvas().unwrap().shows(branch));
    // Picking a unit inside a folded subtree (here from the problems panel's
    // path, through the outline) unfolds the canvas down to it.
    let _ = app.update(Message::Outline(outline::Message::Pick(branch)));
    assert!(app.canvas().unwrap().shows(branch));
    assert_eq!(app.selected(), Some(branch));
}

#[test]
fn panning_and_the_wheel_move_the_view_and_fit_restores_it() {
    let mut app = sample_app();
    let xy01 = unit(&app, "XY01");
    let mut size = iced::Size::ZERO;
    let mut start = iced::Point::ORIGIN;
    interact_seeing(&mut app, |ui, app| {
        size = ui
            .find(widget::Id::new(gridorg::gui::CANVAS))
            .unwrap()
            .bounds()
            .size();
        start = on_canvas(ui, app, xy01, false);
    });
    let fitted = app.canvas().unwrap().box_center(xy01, size).unwrap();
    // Drag empty space (the top-left corner of the canvas) by (40, 30).
    interact(&mut app, |ui| {
        let frame = ui
            .find(widget::Id::new(gridorg::gui::CANVAS))
            .unwrap()
            .bounds();
        let from = iced::Point::new(frame.x + 3.0, frame.y + 3.0);
        drag(ui, from, iced::Point::new(from.x + 40.0, from.y + 30.0));
    });
    let panned = app.canvas().unwrap().box_center(xy01, size).unwrap();
    assert!(
        (panned.x - fitted.x - 40.0).abs() < 1.0 && (panned.y - fitted.y - 30.0).abs() < 1.0,
        "{fitted:?} → {panned:?}"
    );
    let scale = app.canvas().unwrap().current(size).scale;
    interact(&mut app, |ui| {
        ui.point_at(start);
        ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
            delta: iced::mouse::ScrollDelta::Lines { x: 0.0, y: 2.0 },
        })]);
    });
    assert!(
        app.canvas().unwrap().current(size).scale > scale * 1.2,
        "zoomed in"
    );
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::FIT).unwrap();
    });
    assert_eq!(app.canvas().unwrap().box_center(xy01, size), Some(fitted));
}

#[test]
fn a_member_is_added_with_checked_fields_edited_and_removed() {
    use gridorg::gui::members;
    let mut app = sample_app();
    let group = unit(&app, "XY01-B1-G1");
    let _ = app.update(Message::Outline(outline::Message::Pick(group)));
    let count = |app: &App| {
        app.document()
            .members
            .values()
            .filter(|m| m.unit == group)
            .count()
    };
    let before = count(&app);
    interact(&mut app, |ui| {
        ui.click(members::ADD).expect("the add button");
    });
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(members::NAME)).unwrap();
        ui.typewrite("测试党员");
        ui.click(widget::Id::new(members::PHONE)).unwrap();
        ui.typewrite("12ab");
    });
    // The bad phone is named beside its field and the form can't be saved.
    interact(&mut app, |ui| {
        ui.find("「12ab」不是有效的电话号码 (invalid phone)")
            .expect("the reason beside the field");
        ui.click(members::SAVE).unwrap();
    });
    assert_eq!(count(&app), before, "not saved while a field is wrong");
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(members::PHONE)).unwrap();
        for _ in 0..4 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("13800001111");
        ui.click(widget::Id::new(members::JOINED)).unwrap();
        ui.typewrite("2019年7月1日");
    });
    interact(&mut app, |ui| {
        ui.click(members::SAVE).expect("saved once the fields read");
    });
    assert_eq!(count(&app), before + 1);
    let added = app
        .document()
        .members
        .values()
        .find(|m| m.name == "测试党员")
        .expect("the new member")
        .clone();
    assert_eq!(added.unit, group);
    assert_eq!(added.phone.as_deref(), Some("13800001111"));
    assert_eq!(added.joined, chrono::NaiveDate::from_ymd_opt(2019, 7, 1));
    assert!(app.title().starts_with('●'));

    // Remove asks first.
    let _ = app.update(Message::Inspector(inspector::Message::Members(
        members::Message::Remove(added.id),
    )));
    interact(&mut app, |ui| {
        ui.find("移除党员「测试党员」？").expect("asks first");
        ui.click(members::CONFIRM_REMOVE).unwrap();
    });
    assert_eq!(count(&app), before);
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(count(&app), before + 1, "undo brings the member back");
}

#[test]
fn a_bad_election_date_is_named_beside_the_field_and_blocks_apply() {
    let mut app = sample_app();
    let xy01 = unit(&app, "XY01");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    let before = app.document().clone();
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::ELECTED)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("x");
    });
    interact(&mut app, |ui| {
        let typed = format!(
            "「{}x」不是有效日期 (invalid date)",
            before.units[&xy01]
                .elected
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        );
        ui.find(typed.as_str())
            .expect("the reason beside the field");
        ui.click(inspector::APPLY).unwrap();
    });
    assert_eq!(app.document(), &before);
}

#[test]
fn a_long_outline_builds_only_the_rows_in_view_and_scrolls_to_the_rest() {
    use gridorg::generate::{generate, Preset};
    let document = generate(Preset::Street, 1);
    let mut found: Vec<_> = document
        .units
        .values()
        .filter(|u| outline::matches(&u.name, &u.code, "党"))
        .collect();
    found.sort_by(|a, b| a.code.cmp(&b.code));
    assert!(found.len() > 1000, "{} rows", found.len());
    let first = outline::label(&document, found[0].id);
    let last = outline::label(&document, found[found.len() - 1].id);
    let mut app = App::new(document.clone(), None);
    let _ = app.update(Message::Outline(outline::Message::Search("党".into())));
    interact(&mut app, |ui| {
        let top = ui.find(first.as_str()).expect("the first row is built");
        assert!(ui.find(last.as_str()).is_err(), "the last row is not");
        ui.point_at(top.bounds().center());
        ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
            delta: iced::mouse::ScrollDelta::Lines {
                x: 0.0,
                y: -100_000.0,
            },
        })]);
    });
    interact(&mut app, |ui| {
        assert!(ui.find(last.as_str()).is_ok(), "scrolled to the end");
        assert!(
            ui.find(first.as_str()).is_err(),
            "the top is no longer built"
        );
    });
}

/// One edit through the window: 迎宾馆社区 (XY01) selected, a branch added.
fn add_a_branch_to_xy01(app: &mut App) {
    let xy01 = unit(app, "XY01");
    let add = inspector::add_label(&app_doc().units[&xy01]);
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    interact(app, |ui| {
        ui.click(add.as_str()).unwrap();
    });
}

/// Opens `file` as the program does, journaling its edits beside it.
fn open_as_the_program_does(file: &std::path::Path) -> App {
    private_data_dir();
    let (mut app, journaling) = App::open(
        gridorg::document::load(file).unwrap(),
        Some(file.to_path_buf()),
    );
    settle(&mut app, journaling);
    app
}

#[test]
fn edits_of_a_session_that_ended_unsaved_are_offered_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), None, "nothing left over");
    let xy01 = unit(&app, "XY01");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::LEADER)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("（代）");
        ui.click(inspector::APPLY).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(inspector::add_label(&app_doc().units[&xy01]).as_str())
            .unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(REDO).unwrap();
    });
    let edited = gridorg::document::to_string(app.document());
    // The session ends without saving: nothing but the journal is written.
    drop(app);
    assert_ne!(
        gridorg::document::to_string(&gridorg::document::load(&file).unwrap()),
        edited
    );

    let mut app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), Some(2), "two edits to restore");
    interact(&mut app, |ui| {
        ui.find("上次编辑未保存就意外退出了：有 2 项修改可以恢复。")
            .expect("the offer");
        ui.click(gridorg::gui::RESTORE).unwrap();
    });
    interact(&mut app, |ui| {
        // The two edits offered, not the journal's five entries (an id
        // handed out, an undo and a redo among them).
        ui.find("已恢复 2 项未保存的修改（可撤销）")
            .expect("the count offered is the count restored");
    });
    assert_eq!(gridorg::document::to_string(app.document()), edited);
    assert!(app.title().starts_with('●'), "restored, not yet saved");
    assert_eq!(app.recovery_offered(), None);
    interact(&mut app, |ui| {
        ui.click(UNDO).expect("restored edits can be undone");
    });
    assert_ne!(gridorg::document::to_string(app.document()), edited);
    drop(app);

    // Declined, the edits are gone for good.
    let mut app = open_as_the_program_does(&file);
    assert!(
        app.recovery_offered().is_some(),
        "still offered after a restore left unsaved"
    );
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::DROP_RECOVERY).unwrap();
    });
    let saved = gridorg::document::load(&file).unwrap();
    assert_eq!(app.document(), &saved);
    drop(app);
    let app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), None);
}

#[test]
fn a_save_clears_the_journal_and_later_edits_are_journaled_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    add_a_branch_to_xy01(&mut app);
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(!app.title().starts_with('●'), "{:?}", app.notice());
    drop(app);
    let mut app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), None, "saved: nothing to restore");
    add_a_branch_to_xy01(&mut app);
    let edited = gridorg::document::to_string(app.document());
    drop(app);
    let mut app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), Some(1));
    let task = app.update(Message::Recovery(gridorg::gui::recovery::Message::Restore));
    settle(&mut app, task);
    assert_eq!(gridorg::document::to_string(app.document()), edited);
}

#[test]
fn the_window_opens_at_once_and_reads_the_file_behind_it() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    let sample = gridorg::gui::bundled_sample().unwrap();
    gridorg::document::save(&sample, &file).unwrap();
    let (mut app, read) = App::reading(file.clone());
    assert!(
        app.document().units.is_empty() && app.busy(),
        "shown before the read"
    );
    let mut ui = screen(app.view());
    let reading = format!("正在打开 {}…", file.display());
    assert!(ui.find(reading.as_str()).is_ok());
    drop(ui);
    let mut ui = screen(app.view());
    assert!(
        ui.click(inspector::ADD_STREET).is_err(),
        "nothing to edit while reading"
    );
    drop(ui);
    settle(&mut app, read);
    assert!(!app.busy());
    assert_eq!(app.document(), &sample);
    assert!(app.title().contains("西园.ron"));
    assert!(!app.title().starts_with('●'));

    let broken = dir.path().join("坏.ron");
    std::fs::write(&broken, "(version: 2, units: [").unwrap();
    let (mut app, read) = App::reading(broken);
    settle(&mut app, read);
    let notice = app.notice().unwrap_or_default().to_string();
    assert!(
        notice.starts_with("无法打开") && notice.contains("坏.ron"),
        "{notice}"
    );
}

#[test]
fn a_document_opened_through_a_link_is_saved_to_its_target_and_the_link_kept() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let link = dir.path().join("链接.ron");
    symlink(&file, &link).unwrap();
    let mut app = open_as_the_program_does(&link);
    add_a_branch_to_xy01(&mut app);
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(!app.title().starts_with('●'), "{:?}", app.notice());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(&gridorg::document::load(&file).unwrap(), app.document());
}

#[test]
fn exporting_over_the_open_document_is_refused_and_the_document_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut app = open_as_the_program_does(&file);
    for (button, place) in [
        (gridorg::gui::EXPORT, file.clone()),
        (gridorg::gui::PRINT_CHART, file.clone()),
        (gridorg::gui::EXPORT, file.with_file_name("西园.ron.bak")),
    ] {
        std::fs::copy(&file, file.with_file_name("西园.ron.bak")).unwrap();
        name_the_file(&mut app, button, &place);
        let notice = app.notice().unwrap_or_default().to_string();
        assert!(
            notice.contains("same file") || notice.contains("existing document"),
            "{button} onto {}: {notice}",
            place.display()
        );
        assert_eq!(std::fs::read(&file).unwrap(), before);
        assert!(!app.busy());
    }
}

#[test]
fn the_member_form_warns_of_an_id_number_as_it_is_typed_and_still_saves() {
    use gridorg::gui::members;
    let mut app = sample_app();
    let group = unit(&app, "XY01-B1-G1");
    let _ = app.update(Message::Outline(outline::Message::Pick(group)));
    interact(&mut app, |ui| {
        ui.click(members::ADD).expect("the add button");
    });
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(members::NAME)).unwrap();
        ui.typewrite("号码待核");
        ui.click(widget::Id::new(members::ID_NUMBER)).unwrap();
        ui.typewrite("150621198001010020");
    });
    interact(&mut app, |ui| {
        ui.find("⚠ 身份证号无效（校验位不符）：请核对")
            .expect("the warning beside the field as it is typed");
    });
    // The right check character, but a birth date the number does not say.
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(members::ID_NUMBER)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::Backspace);
        ui.typewrite("9");
        ui.click(widget::Id::new(members::BIRTH)).unwrap();
        ui.typewrite("1981-01-01");
    });
    interact(&mut app, |ui| {
        ui.find("⚠ 出生日期与身份证号不符：身份证号的出生日期是 1980-01-01")
            .expect("the mismatch beside the birth date");
        ui.click(members::SAVE)
            .expect("a warning does not block saving");
    });
    assert!(app
        .document()
        .members
        .values()
        .any(|m| m.name == "号码待核" && m.birth == chrono::NaiveDate::from_ymd_opt(1981, 1, 1)));
}

#[test]
fn a_community_panel_names_its_own_organization_type() {
    let mut app = sample_app();
    for (code, kind) in [("XY01", "社区党总支"), ("XY03", "社区党支部")] {
        let id = unit(&app, code);
        let _ = app.update(Message::Outline(outline::Message::Pick(id)));
        let header = format!("{}（{kind}）", app_doc().units[&id].name);
        let mut ui = screen(app.view());
        assert!(ui.find(header.as_str()).is_ok(), "{code}: {header}");
        assert!(ui
            .find(format!("{}（社区党委）", app_doc().units[&id].name).as_str())
            .is_err());
    }
}

#[test]
fn after_save_as_the_old_file_offers_no_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    let copy = dir.path().join("西园-副本.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    add_a_branch_to_xy01(&mut app);
    name_the_file(&mut app, gridorg::gui::SAVE_AS, &copy);
    assert!(!app.title().starts_with('●'), "{:?}", app.notice());
    assert_eq!(&gridorg::document::load(&copy).unwrap(), app.document());
    drop(app);
    let app = open_as_the_program_does(&file);
    assert_eq!(
        app.recovery_offered(),
        None,
        "the edits were saved in the copy"
    );
    assert!(!dir.path().join(".西园.ron.journal").exists());
}

/// Whether a task asks a widget to do something (scroll, focus …).
fn operates_a_widget(task: iced::Task<Message>) -> bool {
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let Some(stream) = task::into_stream(task) else {
        return false;
    };
    block_on(stream.collect::<Vec<_>>())
        .iter()
        .any(|action| matches!(action, Action::Widget(_)))
}

#[test]
fn the_outline_scrolls_to_a_unit_picked_from_the_problems_list() {
    use gridorg::generate::{generate, Preset};
    let document = generate(Preset::Street, 1);
    let mut units: Vec<_> = document.units.values().collect();
    units.sort_by(|a, b| gridorg::order::natural(&a.code, &b.code));
    let (top, last) = (units[0].id, units[units.len() - 1].id);
    let mut app = App::new(document.clone(), None);
    // Every branch opened in the outline: hundreds of rows, most out of view.
    for branch in units
        .iter()
        .filter(|u| u.level == gridorg::model::Level::Branch)
    {
        let _ = app.update(Message::Outline(outline::Message::Pick(branch.id)));
    }
    let task = app.update(Message::Outline(outline::Message::Pick(last)));
    assert_eq!(app.selected(), Some(last));
    assert!(
        operates_a_widget(task),
        "a unit far down the outline is scrolled to"
    );
    let task = app.update(Message::Outline(outline::Message::Pick(top)));
    assert!(
        !operates_a_widget(task),
        "the street's own row is in view: no scroll"
    );
}

#[test]
fn each_file_action_offers_its_own_target_beside_the_document_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    let copy = dir.path().join("副本.ron");
    name_the_file(&mut app, gridorg::gui::SAVE_AS, &copy);
    assert!(copy.exists());
    // The next action, a chart of XY03, offers a file of its own beside the
    // document, named after the unit: not the path typed for the save.
    let xy03 = unit(&app, "XY03");
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::PRINT_CHART).unwrap();
    });
    let chart = dir.path().join("锦园社区党支部-组织图.pdf");
    let mut ui = screen(app.view());
    assert!(
        ui.find(chart.to_str().unwrap()).is_ok(),
        "the chart's default target"
    );
    assert!(
        ui.find(copy.to_str().unwrap()).is_err(),
        "not the save's path"
    );
    drop(ui);
    // A file already there is not written over until the user says so.
    std::fs::write(&chart, b"kept").unwrap();
    interact(&mut app, |ui| {
        ui.click(files::CONFIRM).unwrap();
    });
    assert_eq!(std::fs::read(&chart).unwrap(), b"kept");
    interact(&mut app, |ui| {
        ui.find("文件已存在，要覆盖吗？").expect("asks first");
        ui.click(files::OVERWRITE).unwrap();
    });
    assert!(std::fs::read(&chart).unwrap().starts_with(b"%PDF"));
    // Export's own default is the document's name beside it.
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::EXPORT).unwrap();
    });
    let mut ui = screen(app.view());
    let xlsx = dir.path().join("副本.xlsx");
    assert!(ui.find(xlsx.to_str().unwrap()).is_ok(), "export's default");
}

#[test]
fn a_long_refusal_keeps_to_one_line_of_the_status_bar() {
    let mut app = sample_app();
    let header_before = {
        let mut ui = screen(app.view());
        ui.find("问题 6 个错误 · 4 个警告 · 3 个提示")
            .map(|found| found.bounds().y)
            .ok()
    };
    let missing = format!("/tmp/{}/没有这个文件.ron", "很长的文件夹名称".repeat(12));
    let _ = app.update(Message::Files(files::Message::Opened(Err(format!(
        "{missing}: No such file or directory"
    )))));
    let notice = app.notice().unwrap().to_string();
    assert!(notice.starts_with("无法打开"), "{notice}");
    let mut ui = screen(app.view());
    let line = ui
        .find(notice.as_str())
        .expect("the notice is shown")
        .bounds();
    assert!(line.height < 24.0, "one line: {line:?}");
    let header_after = ui
        .find("问题 6 个错误 · 4 个警告 · 3 个提示")
        .map(|found| found.bounds().y)
        .ok();
    assert_eq!(header_before, header_after, "the panels above did not move");
    assert!(header_after.is_some());
}

/// The sample's open findings, in the report's order.
fn open_findings(app: &App) -> Vec<gridorg::check::Finding> {
    app.report()
        .findings
        .iter()
        .filter(|f| !f.acknowledged)
        .cloned()
        .collect()
}

/// Opens the problems' rule list and clicks its `index`th choice, where the
/// menu draws it: below the list when there is more room there, else above.
fn choose_rule(app: &mut App, index: usize, choices: usize) {
    interact(app, |ui| {
        let list = ui
            .click(widget::Id::new(problems::RULES))
            .expect("the rule list")
            .visible_bounds()
            .unwrap();
        // The menu's rows: text 12 high with a 1.3 line height, padded 2 above and below.
        let height = 12.0 * 1.3 + 4.0;
        let below = 1100.0 - (list.y + list.height) > list.y;
        let y = if below {
            list.y + list.height + height * (index as f32 + 0.5)
        } else {
            list.y - height * ((choices - index) as f32 - 0.5)
        };
        let position = iced::Point::new(list.x + 20.0, y);
        ui.point_at(position);
        let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::CursorMoved {
            position,
        })]);
        let _ = ui.simulate(iced_test::simulator::click());
    });
}

#[test]
fn the_problems_list_filters_by_severity_and_rule_and_sorts_by_unit() {
    use gridorg::check::Severity;
    let mut app = sample_app();
    let open = open_findings(&app);
    let error = open.iter().find(|f| f.severity == Severity::Error).unwrap();
    let warning = open
        .iter()
        .find(|f| f.severity == Severity::Warning)
        .unwrap();
    let header = "问题 6 个错误 · 4 个警告 · 3 个提示";

    interact(&mut app, |ui| {
        ui.click(Severity::Warning.label())
            .expect("the 警告 filter");
    });
    let mut ui = screen(app.view());
    assert!(
        ui.find(problems::label(warning).as_str()).is_ok(),
        "a warning stays"
    );
    assert!(
        ui.find(problems::label(error).as_str()).is_err(),
        "an error goes"
    );
    assert!(ui.find(header).is_ok(), "the counts stay");
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(problems::ALL).unwrap();
    });
    assert!(screen(app.view())
        .find(problems::label(error).as_str())
        .is_ok());

    // The rule list offers 全部规则, then each rule found, in table order.
    let rules: std::collections::BTreeSet<_> = open.iter().map(|f| f.rule).collect();
    assert!(rules.len() > 1, "the sample breaks several rules");
    let rule = *rules.iter().nth(1).unwrap();
    choose_rule(&mut app, 2, rules.len() + 1);
    let mut ui = screen(app.view());
    for f in &open {
        assert_eq!(
            ui.find(problems::label(f).as_str()).is_ok(),
            f.rule == rule,
            "only {} is listed: {}",
            rule.title(),
            problems::label(f)
        );
    }
    drop(ui);
    choose_rule(&mut app, 0, rules.len() + 1);

    // By unit: in the tree's order, each unit's findings errors first.
    let order = gridorg::graph::Graph::build(app.document())
        .tree()
        .in_order();
    let rank = |f: &gridorg::check::Finding| {
        gridorg::check::unit_of(app.document(), f.subject)
            .and_then(|u| order.iter().position(|&o| o == u))
            .unwrap_or(usize::MAX)
    };
    let mut by_unit = open.clone();
    by_unit.sort_by_key(|f| rank(f));
    assert_ne!(by_unit, open, "the two orders differ in the sample");
    interact(&mut app, |ui| {
        ui.click(problems::BY_UNIT).unwrap();
    });
    let mut ui = screen(app.view());
    let tops: Vec<f32> = by_unit
        .iter()
        .map(|f| {
            ui.find(problems::label(f).as_str())
                .expect("every finding listed")
                .bounds()
                .y
        })
        .collect();
    assert!(
        tops.windows(2).all(|w| w[0] < w[1]),
        "listed in the tree's order: {tops:?}"
    );
}

#[test]
fn hovering_a_finding_shows_its_whole_message() {
    let mut app = sample_app();
    let finding = open_findings(&app)
        .into_iter()
        .max_by_key(|f| f.message.chars().count())
        .unwrap();
    assert!(screen(app.view()).find(finding.message.as_str()).is_err());
    interact(&mut app, |ui| {
        let row = ui
            .find(problems::label(&finding).as_str())
            .unwrap()
            .visible_bounds()
            .unwrap();
        let position = row.center();
        ui.point_at(position);
        let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::CursorMoved {
            position,
        })]);
    });
    let mut ui = screen(app.view());
    let whole = ui
        .find(finding.message.as_str())
        .expect("the whole message shows")
        .bounds();
    assert!(
        whole.x + whole.width < 1280.0,
        "within the window: {whole:?}"
    );
}

/// The first letters of a name's pinyin, as a user types them.
fn initials(name: &str) -> String {
    use pinyin::ToPinyin;
    name.to_pinyin()
        .flatten()
        .map(|p| p.first_letter())
        .collect()
}

#[test]
fn the_outline_search_finds_a_member_by_initials_and_selects_the_members_unit() {
    let mut app = sample_app();
    // A member no one else shares initials with, in a unit of its own name.
    let member = app
        .document()
        .members
        .values()
        .find(|m| {
            let typed = initials(&m.name);
            let unit = &app.document().units[&m.unit].name;
            typed.len() > 1
                && !outline::matches(unit, "", &typed)
                && app
                    .document()
                    .members
                    .values()
                    .filter(|o| outline::matches(&o.name, "", &typed))
                    .count()
                    == 1
        })
        .expect("a member with initials of its own")
        .clone();
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(outline::SEARCH)).unwrap();
        ui.typewrite(&initials(&member.name));
    });
    let row = outline::member_label(app.document(), member.id);
    let unit_name = &app.document().units[&member.unit].name;
    assert_eq!(row, format!("党员 {} — {unit_name}", member.name));
    interact(&mut app, |ui| {
        ui.click(row.as_str()).expect("the member's row");
    });
    assert_eq!(app.selected(), Some(member.unit), "the member's unit");
}

#[test]
fn a_search_matching_many_members_lists_some_and_says_how_many_more() {
    use gridorg::generate::{generate, Preset};
    let document = generate(Preset::Street, 1);
    let wang = document
        .members
        .values()
        .filter(|m| m.name.contains('王'))
        .count();
    let mut app = App::new(document, None);
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(outline::SEARCH)).unwrap();
        ui.typewrite("王");
    });
    assert!(wang > 200, "the street has {wang} members named 王");
    let more = format!("还有 {} 名党员未列出，请输入更多以缩小范围", wang - 200);
    // The note closes the list: the wheel takes it to the end.
    interact(&mut app, |ui| {
        let list = ui.find(widget::Id::new(outline::LIST)).unwrap().bounds();
        ui.point_at(list.center());
        let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
            delta: iced::mouse::ScrollDelta::Pixels { x: 0.0, y: -1.0e6 },
        })]);
    });
    assert!(screen(app.view()).find(more.as_str()).is_ok(), "{more}");
}

/// Whether the view shows the text `figure` on the same line as the text
/// `name` (the table's row for it).
fn on_the_line_of(ui: &mut iced_test::Simulator<'_, Message>, name: &str, figure: &str) -> bool {
    use iced_test::selector::Candidate;
    let Ok(found) = ui.find(name) else {
        return false;
    };
    let y = found.bounds().center_y();
    let figure = figure.to_string();
    ui.find(move |candidate: Candidate<'_>| match candidate {
        Candidate::Text {
            content, bounds, ..
        } if content == figure && (bounds.center_y() - y).abs() < 4.0 => Some(bounds),
        _ => None,
    })
    .is_ok()
}

#[test]
fn with_nothing_selected_the_home_view_shows_each_community_s_coverage() {
    let app = sample_app();
    assert_eq!(app.selected(), None);
    let stats = gridorg::stats::stats(app.document());
    assert!(stats.communities.len() >= 4, "the sample's communities");
    let mut ui = screen(app.view());
    for scope in stats.streets.iter().chain(&stats.communities) {
        let c = &scope.counts;
        let grids = home::coverage(c.grids_covered, c.grids, c.grid_coverage_percent());
        let buildings = home::coverage(
            c.buildings_covered,
            c.buildings,
            c.building_coverage_percent(),
        );
        assert!(
            on_the_line_of(&mut ui, &scope.name, &grids),
            "{}: grids {grids}",
            scope.name
        );
        assert!(
            on_the_line_of(&mut ui, &scope.name, &buildings),
            "{}: buildings {buildings}",
            scope.name
        );
    }
    assert!(
        ui.find(inspector::ADD_STREET).is_ok(),
        "a street can be added"
    );
}

#[test]
fn the_home_view_counts_the_open_findings_by_rule() {
    let app = sample_app();
    let mut counts = std::collections::BTreeMap::new();
    for f in app.report().findings.iter().filter(|f| !f.acknowledged) {
        *counts.entry((f.severity, f.rule)).or_insert(0) += 1;
    }
    assert!(counts.len() >= 2, "the sample breaks several rules");
    let mut ui = screen(app.view());
    for ((severity, rule), n) in counts {
        let line = home::rule_label(severity, rule, n);
        assert!(ui.find(line.as_str()).is_ok(), "{line}");
    }
}

#[test]
fn the_home_view_lists_the_terms_ending_within_ninety_days() {
    let mut document = gridorg::gui::bundled_sample().unwrap();
    let today = chrono::Local::now().date_naive();
    let five_years_before = |days: u64| (today + chrono::Days::new(days)) - chrono::Months::new(60);
    for (code, days) in [("XY01", 30), ("XY02", 200)] {
        let id = document.unit_by_code(code).unwrap().id;
        let unit = document.units.get_mut(&id).unwrap();
        unit.elected = Some(five_years_before(days));
        unit.term_years = Some(5);
    }
    let app = App::new(document, None);
    let label = |code: &str| {
        let unit = app.document().unit_by_code(code).unwrap();
        home::term_label(unit, unit.term_end().unwrap(), today)
    };
    let expired = app
        .report()
        .findings
        .iter()
        .filter(|f| f.rule.id() == "term-expired")
        .count();
    assert!(expired > 0, "the sample has an expired term");
    let mut ui = screen(app.view());
    assert!(ui.find(label("XY01").as_str()).is_ok(), "ends in 30 days");
    assert!(ui.find(label("XY02").as_str()).is_err(), "ends in 200 days");
    let counted = format!("已届满未换届 {expired} 个");
    assert!(ui.find(counted.as_str()).is_ok(), "{counted}");
}

#[test]
fn clicking_a_community_in_the_home_view_selects_it() {
    let mut app = sample_app();
    let xy02 = unit(&app, "XY02");
    let name = app.document().units[&xy02].name.clone();
    interact(&mut app, |ui| {
        ui.click(name.as_str()).expect("the community's row");
    });
    assert_eq!(app.selected(), Some(xy02));
}

/// Acknowledges the first finding listed with `note`, through its row's
/// button, the note's field and the confirm button; the finding it was.
fn acknowledge_the_first(app: &mut App, note: &str) -> gridorg::check::Finding {
    let finding = open_findings(app)[0].clone();
    interact(app, |ui| {
        ui.click(problems::ACKNOWLEDGE)
            .expect("the first row's button");
    });
    interact(app, |ui| {
        ui.find(finding.message.as_str())
            .expect("the finding shows whole beside its note");
        ui.click(widget::Id::new(problems::NOTE))
            .expect("the note's field");
        ui.typewrite(note);
    });
    interact(app, |ui| {
        ui.click(problems::CONFIRM).unwrap();
    });
    finding
}

/// The sample's finding of that rule about that record, from the report.
fn finding_of(app: &App, f: &gridorg::check::Finding) -> Option<gridorg::check::Finding> {
    app.report()
        .findings
        .iter()
        .find(|g| (g.rule, g.subject) == (f.rule, f.subject))
        .cloned()
}

#[test]
fn a_finding_acknowledged_with_a_note_leaves_the_list_and_is_counted_apart() {
    let mut app = sample_app();
    assert!(app.document().acknowledgements.is_empty());
    let header = "问题 6 个错误 · 4 个警告 · 3 个提示";
    let finding = acknowledge_the_first(&mut app, "已安排下月换届");
    assert_eq!(
        app.document().acknowledgements,
        vec![gridorg::model::Acknowledgement {
            rule: finding.rule.id().to_string(),
            subject: finding.subject,
            note: "已安排下月换届".to_string(),
        }]
    );
    let kept = finding_of(&app, &finding).expect("acknowledging is not fixing");
    assert!(kept.acknowledged, "the report marks it acknowledged");
    assert_eq!(app.report().summary.acknowledged, 1);
    let mut ui = screen(app.view());
    assert!(
        ui.find(problems::label(&finding).as_str()).is_err(),
        "its row is gone"
    );
    assert!(ui.find(header).is_err(), "no longer counted as open");
    assert!(ui.find("已确认 1 条").is_ok(), "counted apart");
    assert!(
        ui.find(widget::Id::new(problems::NOTE)).is_err(),
        "the note's field closed"
    );
}

#[test]
fn a_note_dropped_or_left_empty_acknowledges_nothing() {
    let mut app = sample_app();
    let finding = open_findings(&app)[0].clone();
    interact(&mut app, |ui| {
        ui.click(problems::ACKNOWLEDGE).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(problems::CONFIRM).unwrap();
    });
    assert!(
        app.document().acknowledgements.is_empty(),
        "not without a note"
    );
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(problems::NOTE)).unwrap();
        ui.typewrite("不必了");
    });
    interact(&mut app, |ui| {
        ui.click(problems::CANCEL).unwrap();
    });
    assert!(app.document().acknowledgements.is_empty());
    let mut ui = screen(app.view());
    assert!(ui.find(widget::Id::new(problems::NOTE)).is_err());
    assert!(ui.find(problems::label(&finding).as_str()).is_ok());
}

#[test]
fn shown_acknowledged_findings_can_be_withdrawn_and_the_withdrawal_undone() {
    let mut app = sample_app();
    let finding = acknowledge_the_first(&mut app, "党员已外出务工");
    let marked = problems::acknowledged_label(&finding, "党员已外出务工");
    assert!(screen(app.view()).find(marked.as_str()).is_err());
    interact(&mut app, |ui| {
        ui.click(problems::SHOW_ACKNOWLEDGED).unwrap();
    });
    assert!(
        screen(app.view()).find(marked.as_str()).is_ok(),
        "listed with its note"
    );
    interact(&mut app, |ui| {
        ui.click(problems::WITHDRAW).expect("its withdraw button");
    });
    assert!(app.document().acknowledgements.is_empty());
    assert!(!finding_of(&app, &finding).unwrap().acknowledged);
    let mut ui = screen(app.view());
    assert!(ui.find(marked.as_str()).is_err());
    assert!(
        ui.find(problems::label(&finding).as_str()).is_ok(),
        "listed as open again"
    );
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(app.document().acknowledgements.len(), 1);
    assert_eq!(app.document().acknowledgements[0].note, "党员已外出务工");
    assert!(finding_of(&app, &finding).unwrap().acknowledged);
    assert!(screen(app.view()).find(marked.as_str()).is_ok());
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert!(
        app.document().acknowledgements.is_empty(),
        "and the acknowledgement itself is undone"
    );
}

#[test]
fn a_refused_note_stays_in_its_field_to_be_mended() {
    let mut app = sample_app();
    interact(&mut app, |ui| {
        ui.click(problems::ACKNOWLEDGE).unwrap();
    });
    // A control character pasted in: no edit lets one into the document.
    let pasted = "已安排\u{1b}换届";
    let task = app.update(Message::Problem(problems::Message::Note(pasted.into())));
    settle(&mut app, task);
    interact(&mut app, |ui| {
        ui.click(problems::CONFIRM).unwrap();
    });
    assert!(app.document().acknowledgements.is_empty(), "refused");
    assert!(
        screen(app.view()).find(pasted).is_ok(),
        "the note is still in its field"
    );
}

/// Sends a message of the places panel, as a click on a row's button would.
fn places_message(app: &mut App, message: gridorg::gui::places::Message) {
    let task = app.update(Message::Inspector(inspector::Message::Places(message)));
    settle(app, task);
}

#[test]
fn a_grid_is_added_with_read_fields_edited_deleted_and_brought_back() {
    use gridorg::gui::places::{self, GridField};
    let mut app = sample_app();
    let xy02 = unit(&app, "XY02");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy02)));
    let grid = |app: &App| {
        app.document()
            .grids
            .values()
            .find(|g| g.code == "XY02-W99")
            .cloned()
    };
    interact(&mut app, |ui| {
        ui.click(places::ADD_GRID).expect("the add button");
    });
    interact(&mut app, |ui| {
        for (field, typed) in [
            (GridField::Code, "XY02-W99"),
            (GridField::Name, "测试网格"),
            (GridField::Households, "abc"),
            (GridField::Population, "1,234人"),
            (GridField::Worker, "王网格"),
            (GridField::Phone, "13900002222"),
            (GridField::Compounds, "北苑、南苑"),
        ] {
            ui.click(widget::Id::new(field.id())).unwrap();
            ui.typewrite(typed);
        }
    });
    // The bad 户数 is named beside its field and the grid can't be saved.
    interact(&mut app, |ui| {
        ui.find("「abc」不是整数 (not a number)")
            .expect("the reason beside the field");
        ui.click(places::SAVE_GRID).unwrap();
    });
    assert!(grid(&app).is_none(), "not saved while a field is wrong");
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(GridField::Households.id()))
            .unwrap();
        for _ in 0..3 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("388户");
    });
    interact(&mut app, |ui| {
        ui.click(places::SAVE_GRID)
            .expect("saved once the fields read");
    });
    let added = grid(&app).expect("the new grid");
    assert_eq!(added.community, xy02);
    assert_eq!(added.name, "测试网格");
    assert_eq!(added.households, Some(388));
    assert_eq!(added.population, Some(1234));
    assert_eq!(added.worker.as_deref(), Some("王网格"));
    assert_eq!(added.worker_phone.as_deref(), Some("13900002222"));
    assert_eq!(added.compounds, ["北苑", "南苑"]);
    interact(&mut app, |ui| {
        ui.find("测试网格  XY02-W99")
            .expect("the grid listed once added");
    });

    places_message(&mut app, places::Message::EditGrid(added.id));
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(GridField::Worker.id())).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        for _ in 0..3 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("李网格");
    });
    interact(&mut app, |ui| {
        ui.click(places::SAVE_GRID).unwrap();
    });
    let edited = grid(&app).unwrap();
    assert_eq!(edited.worker.as_deref(), Some("李网格"));
    assert_eq!(edited.households, Some(388), "the other fields kept");

    // Deleting asks first, saying what goes with it.
    places_message(&mut app, places::Message::DeleteGrid(added.id));
    interact(&mut app, |ui| {
        ui.find("删除网格「测试网格」？它没有楼栋")
            .expect("asks first");
        ui.click(places::CONFIRM_DELETE).unwrap();
    });
    assert!(grid(&app).is_none(), "deleted");
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(grid(&app), Some(edited), "undo brings the grid back");
}

#[test]
fn a_building_is_added_covered_by_a_chosen_group_and_goes_with_its_grid() {
    use gridorg::gui::places::{self, BuildingField};
    let mut app = sample_app();
    let xy03 = unit(&app, "XY03");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy03)));
    let grid = app
        .document()
        .grids
        .values()
        .filter(|g| g.community == xy03)
        .min_by(|a, b| gridorg::order::natural(&a.code, &b.code))
        .expect("锦园 has grids")
        .clone();
    let group = unit(&app, "XY03-G1");
    let building = |app: &App| {
        app.document()
            .buildings
            .values()
            .find(|b| b.code == "XY03-T1")
            .cloned()
    };
    let uncovered = |app: &App| {
        app.report()
            .findings
            .iter()
            .any(|f| f.rule.id() == "building-uncovered" && f.code == "XY03-T1")
    };
    interact(&mut app, |ui| {
        ui.click(format!("▸ {}  {}", grid.name, grid.code).as_str())
            .expect("the grid's row unfolds");
    });
    interact(&mut app, |ui| {
        ui.click(places::ADD_BUILDING).expect("the add button");
    });
    interact(&mut app, |ui| {
        for (field, typed) in [
            (BuildingField::Code, "XY03-T1"),
            (BuildingField::Name, "测试楼"),
            (BuildingField::Households, "二十"),
        ] {
            ui.click(widget::Id::new(field.id())).unwrap();
            ui.typewrite(typed);
        }
    });
    interact(&mut app, |ui| {
        ui.find("「二十」不是整数 (not a number)")
            .expect("the reason beside the field");
        ui.click(places::SAVE_BUILDING).unwrap();
    });
    assert!(building(&app).is_none(), "not saved while a field is wrong");
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(BuildingField::Households.id()))
            .unwrap();
        ui.tap_key(iced::keyboard::key::Named::Backspace);
        ui.tap_key(iced::keyboard::key::Named::Backspace);
        ui.typewrite("24");
    });
    interact(&mut app, |ui| {
        ui.click(places::SAVE_BUILDING).unwrap();
    });
    let added = building(&app).expect("the new building");
    assert_eq!(added.grid, grid.id);
    assert_eq!(added.households, Some(24));
    assert_eq!(added.covered_by, None);
    assert!(uncovered(&app), "锦园 uses building groups: a gap");

    let label = format!(
        "{}  {}",
        app.document().units[&group].name,
        app.document().units[&group].code
    );
    let chosen = places::Group {
        id: Some(group),
        label,
    };
    places_message(&mut app, places::Message::Cover(added.id, chosen));
    assert_eq!(building(&app).unwrap().covered_by, Some(group));
    assert!(!uncovered(&app), "the finding goes once a group covers it");

    let buildings = app
        .document()
        .buildings
        .values()
        .filter(|b| b.grid == grid.id)
        .count();
    places_message(&mut app, places::Message::DeleteGrid(grid.id));
    interact(&mut app, |ui| {
        ui.find(format!("删除网格「{}」？连同 {buildings} 个楼栋", grid.name).as_str())
            .expect("says what goes with it");
        ui.click(places::CONFIRM_DELETE).unwrap();
    });
    assert!(building(&app).is_none(), "its buildings go with the grid");
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(
        building(&app).map(|b| b.covered_by),
        Some(Some(group)),
        "undo brings the building back, covered"
    );
}

fn links_message(app: &mut App, message: gridorg::gui::links::Message) {
    let task = app.update(Message::Inspector(inspector::Message::Links(message)));
    settle(app, task);
}

fn co_builders_message(app: &mut App, message: gridorg::gui::links::co_builders::Message) {
    let task = app.update(Message::Inspector(inspector::Message::CoBuilders(message)));
    settle(app, task);
}

/// Clears the field with widget id `id` (up to 40 characters) and types `text`.
fn retype(ui: &mut iced_test::Simulator<'_, Message>, id: &'static str, text: &str) {
    ui.click(widget::Id::new(id)).unwrap();
    ui.tap_key(iced::keyboard::key::Named::End);
    for _ in 0..40 {
        ui.tap_key(iced::keyboard::key::Named::Backspace);
    }
    ui.typewrite(text);
}

#[test]
fn a_linked_household_is_added_edited_moved_in_one_step_and_removed() {
    use gridorg::gui::links::{self, Field, Target};
    let mut app = sample_app();
    let h1 = unit(&app, "XY02-G1-H1");
    let h2 = unit(&app, "XY02-G1-H2");
    let _ = app.update(Message::Outline(outline::Message::Pick(h1)));
    let household = |app: &App| {
        app.document()
            .households
            .values()
            .find(|h| h.head == "测试户")
            .cloned()
    };
    interact(&mut app, |ui| {
        ui.click(links::ADD).expect("the add button");
    });
    interact(&mut app, |ui| {
        for (field, typed) in [
            (Field::Head, "测试户"),
            (Field::Address, "新华小区9号楼101"),
            (Field::People, "三"),
            (Field::Phone, "13900002222"),
        ] {
            ui.click(widget::Id::new(field.id())).unwrap();
            ui.typewrite(typed);
        }
    });
    interact(&mut app, |ui| {
        ui.find("「三」不是整数 (not a number)")
            .expect("the reason beside the field");
        ui.click(links::SAVE).unwrap();
    });
    assert!(
        household(&app).is_none(),
        "not saved while a field is wrong"
    );
    interact(&mut app, |ui| retype(ui, Field::People.id(), "3"));
    interact(&mut app, |ui| {
        ui.click(links::SAVE).expect("saved once the fields read");
    });
    let added = household(&app).expect("the new household");
    assert_eq!(added.linked_by, h1);
    assert_eq!(added.address.as_deref(), Some("新华小区9号楼101"));
    assert_eq!(added.people, Some(3));
    assert_eq!(added.phone.as_deref(), Some("13900002222"));
    interact(&mut app, |ui| {
        ui.find("测试户").expect("listed once added");
        let masked = gridorg::mask::phone("13900002222");
        ui.find(format!("新华小区9号楼101 · 3 人 · {masked}").as_str())
            .expect("its details, the phone masked");
    });

    links_message(&mut app, links::Message::Edit(added.id));
    interact(&mut app, |ui| {
        retype(ui, Field::Address.id(), "新华小区9号楼202")
    });
    interact(&mut app, |ui| {
        ui.click(links::SAVE).unwrap();
    });
    let edited = household(&app).unwrap();
    assert_eq!(edited.address.as_deref(), Some("新华小区9号楼202"));
    assert_eq!(edited.people, Some(3), "the other fields kept");

    let to = Target {
        id: h2,
        label: String::new(),
    };
    links_message(&mut app, links::Message::Move(added.id, to));
    assert_eq!(household(&app).unwrap().linked_by, h2, "moved");
    interact(&mut app, |ui| {
        ui.find("测试户")
            .expect_err("no longer listed under the first 中心户");
        ui.click(UNDO).unwrap();
    });
    assert_eq!(
        household(&app),
        Some(edited.clone()),
        "one undo moves it back"
    );

    links_message(&mut app, links::Message::Remove(added.id));
    interact(&mut app, |ui| {
        ui.find("移除联系户「测试户」？").expect("asks first");
        ui.click(links::CONFIRM_REMOVE).unwrap();
    });
    assert!(household(&app).is_none(), "removed");
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(household(&app), Some(edited), "undo brings it back");
}

#[test]
fn a_central_household_without_links_is_found_until_one_is_added() {
    use gridorg::gui::links::{self, Field};
    let mut app = sample_app();
    let group = unit(&app, "XY02-G1");
    let _ = app.update(Message::Outline(outline::Message::Pick(group)));
    let add = inspector::add_label(&app.document().units[&group]);
    interact(&mut app, |ui| {
        ui.click(add.as_str()).expect("the add-child button");
    });
    let central = app.selected().expect("the new 中心户 is selected");
    let code = app.document().units[&central].code.clone();
    let unlinked = |app: &App| {
        app.report()
            .findings
            .iter()
            .any(|f| f.rule.id() == "household-no-links" && f.code == code)
    };
    assert!(unlinked(&app), "a new 中心户 has no households yet");
    interact(&mut app, |ui| {
        ui.click(links::ADD).expect("the add button");
    });
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(Field::Head.id())).unwrap();
        ui.typewrite("新联系户");
    });
    interact(&mut app, |ui| {
        ui.click(links::SAVE).unwrap();
    });
    assert!(
        app.document()
            .households
            .values()
            .any(|h| h.linked_by == central && h.head == "新联系户"),
        "linked"
    );
    assert!(!unlinked(&app), "the finding goes once it has one");
}

#[test]
fn a_co_building_unit_joins_a_street_is_edited_and_removed() {
    use gridorg::gui::links::co_builders::{self, Field};
    let mut app = sample_app();
    let street = unit(&app, "XY");
    let _ = app.update(Message::Outline(outline::Message::Pick(street)));
    let co_builder = |app: &App| {
        app.document()
            .co_builders
            .values()
            .find(|c| c.name == "测试共建单位")
            .cloned()
    };
    interact(&mut app, |ui| {
        ui.click(co_builders::ADD).expect("the add button");
    });
    interact(&mut app, |ui| {
        ui.find("单位名称不能为空 (required)")
            .expect("the empty name's reason");
        ui.click(co_builders::SAVE).unwrap();
    });
    assert_eq!(
        app.document().co_builders.len(),
        gridorg::gui::bundled_sample().unwrap().co_builders.len(),
        "nothing saved without a name"
    );
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(Field::Name.id())).unwrap();
        ui.typewrite("测试共建单位");
        ui.click(widget::Id::new(Field::Kind.id())).unwrap();
        ui.typewrite("企业");
    });
    interact(&mut app, |ui| {
        ui.click(co_builders::SAVE).unwrap();
    });
    let added = co_builder(&app).expect("the new co-building unit");
    assert_eq!(added.joins, street);
    assert_eq!(added.kind.as_deref(), Some("企业"));
    let joining = app
        .document()
        .co_builders
        .values()
        .filter(|c| c.joins == street)
        .count();
    interact(&mut app, |ui| {
        ui.find(format!("街道大工委共建单位 {joining} 个").as_str())
            .expect("counted");
        ui.find("测试共建单位").expect("listed");
    });

    co_builders_message(&mut app, co_builders::Message::Edit(added.id));
    interact(&mut app, |ui| retype(ui, Field::Kind.id(), "社会组织"));
    interact(&mut app, |ui| {
        ui.click(co_builders::SAVE).unwrap();
    });
    let edited = co_builder(&app).unwrap();
    assert_eq!(edited.kind.as_deref(), Some("社会组织"));
    assert_eq!(
        (edited.id, edited.joins),
        (added.id, street),
        "the same unit"
    );

    co_builders_message(&mut app, co_builders::Message::Remove(added.id));
    interact(&mut app, |ui| {
        ui.find("移除共建单位「测试共建单位」？")
            .expect("asks first");
        ui.click(co_builders::CONFIRM_REMOVE).unwrap();
    });
    assert!(co_builder(&app).is_none(), "removed");
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(co_builder(&app), Some(edited), "undo brings it back");
}

#[test]
fn enter_in_a_field_applies_the_edit_as_one_step() {
    let mut app = sample_app();
    let xy01 = unit(&app, "XY01");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    let before = app.document().clone();
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::NAME)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("（回车）");
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert_eq!(app.document().units[&xy01].name, "迎宾馆社区党总支（回车）");
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(app.document(), &before, "one undo takes it back");
}

#[test]
fn enter_in_the_member_form_saves_it() {
    use gridorg::gui::members;
    let mut app = sample_app();
    let group = unit(&app, "XY01-B1-G1");
    let _ = app.update(Message::Outline(outline::Message::Pick(group)));
    let before = app.document().members.len();
    interact(&mut app, |ui| {
        ui.click(members::ADD).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(members::NAME)).unwrap();
        ui.typewrite("回车党员");
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert_eq!(app.document().members.len(), before + 1);
    assert!(app
        .document()
        .members
        .values()
        .any(|m| m.name == "回车党员"));
}

#[test]
fn a_reason_appearing_does_not_move_the_fields_below() {
    use gridorg::gui::members;
    let mut app = sample_app();
    let group = unit(&app, "XY01-B1-G1");
    let _ = app.update(Message::Outline(outline::Message::Pick(group)));
    interact(&mut app, |ui| {
        ui.click(members::ADD).unwrap();
    });
    let bounds = |app: &App, id: &'static str| {
        let mut ui = screen(app.view());
        ui.find(widget::Id::new(id)).unwrap().bounds()
    };
    let (term, id_number) = (
        bounds(&app, inspector::TERM),
        bounds(&app, members::ID_NUMBER),
    );
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::ELECTED)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("x");
        ui.click(widget::Id::new(members::BIRTH)).unwrap();
        ui.typewrite("x");
    });
    let mut ui = screen(app.view());
    assert!(ui.find("「x」不是有效日期 (invalid date)").is_ok());
    drop(ui);
    assert_eq!(bounds(&app, inspector::TERM), term, "the term field stays");
    assert_eq!(
        bounds(&app, members::ID_NUMBER),
        id_number,
        "the form stays"
    );
}

/// A key pressed, as the keyboard reports it.
fn pressed(
    key: iced::keyboard::Key,
    modifiers: iced::keyboard::Modifiers,
) -> iced::keyboard::Event {
    use iced::keyboard::key::{NativeCode, Physical};
    iced::keyboard::Event::KeyPressed {
        modified_key: key.clone(),
        key,
        physical_key: Physical::Unidentified(NativeCode::Unidentified),
        location: iced::keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    }
}

#[test]
fn tab_and_shift_tab_move_the_cursor_between_fields() {
    use gridorg::gui::keys;
    use iced::keyboard::{key::Named, Key, Modifiers};
    let tab = Key::Named(Named::Tab);
    let next = keys::message(pressed(tab.clone(), Modifiers::empty()));
    assert!(matches!(next, Some(Message::FocusNext)), "{next:?}");
    let back = keys::message(pressed(tab, Modifiers::SHIFT));
    assert!(matches!(back, Some(Message::FocusPrevious)), "{back:?}");

    let mut app = sample_app();
    let _ = app.update(Message::Outline(outline::Message::Pick(unit(&app, "XY01"))));
    assert!(operates_a_widget(app.update(Message::FocusNext)));
    assert!(operates_a_widget(app.update(Message::FocusPrevious)));
}

#[test]
fn arrow_keys_walk_and_fold_the_outline() {
    use gridorg::gui::{keys, outline::Step};
    use iced::keyboard::{key::Named, Key, Modifiers};
    let down = keys::message(pressed(Key::Named(Named::ArrowDown), Modifiers::empty()));
    assert!(matches!(down, Some(Message::Arrow(Step::Down))), "{down:?}");
    // Arrows first ask the widgets whether a field has the cursor (the
    // answer never comes without a window: look at the first action only).
    let mut app = sample_app();
    let asks = {
        use iced_test::futures::futures::{executor::block_on, StreamExt};
        use iced_test::runtime::{task, Action};
        let task = app.update(Message::Arrow(Step::Down));
        let mut stream = task::into_stream(task).expect("a task");
        matches!(block_on(stream.next()), Some(Action::Widget(_)))
    };
    assert!(asks);

    let xy01 = unit(&app, "XY01");
    let street = app.document().units[&xy01].parent.expect("XY01's street");
    let child = unit(&app, "XY01-B1");
    let step = |app: &mut App, step: Step| {
        let task = app.update(Message::Outline(outline::Message::Step(step)));
        settle(app, task);
    };
    let shows = |app: &App, id: Id| {
        let label = outline::label(app.document(), id);
        screen(app.view()).find(label.as_str()).is_ok()
    };
    let _ = app.update(Message::Outline(outline::Message::Pick(child)));
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    assert!(shows(&app, child), "XY01 unfolded");

    step(&mut app, Step::Left);
    assert_eq!(app.selected(), Some(xy01));
    assert!(!shows(&app, child), "← folds XY01");
    step(&mut app, Step::Left);
    assert_eq!(app.selected(), Some(street), "← again goes to the parent");

    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    step(&mut app, Step::Right);
    assert_eq!(app.selected(), Some(xy01));
    assert!(shows(&app, child), "→ unfolds XY01");
    step(&mut app, Step::Down);
    let below = app.selected().expect("a row below");
    assert_eq!(
        app.document().units[&below].parent,
        Some(xy01),
        "↓ goes to XY01's first row below"
    );
    step(&mut app, Step::Up);
    assert_eq!(app.selected(), Some(xy01), "↑ comes back");
    step(&mut app, Step::Right);
    assert_eq!(
        app.selected(),
        Some(below),
        "→ on an open unit: its first child"
    );
}

// ---- Every finding leads to its fix (one test per rule of the rules file) ----

use gridorg::check::{Finding, Rule};
use gridorg::gui::{fixes, members, places, stray};
use gridorg::model::{Category, Document, Member};

/// Like [`interact`] on a screen tall enough to show the whole property
/// panel: the window scrolls the panel to the control a fix is made with,
/// but each Simulator here starts unscrolled.
fn interact_tall(app: &mut App, act: impl FnOnce(&mut iced_test::Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = iced_test::Simulator::with_size(
            iced::Settings::default(),
            (1280.0, 3600.0),
            app.view(),
        );
        act(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

/// The bundled sample with `plant` done to it, open in the window.
fn planted(plant: impl FnOnce(&mut Document)) -> App {
    let mut document = gridorg::gui::bundled_sample().unwrap();
    plant(&mut document);
    App::new(document, None)
}

/// The open finding of `rule` about `subject`, if any.
fn open_finding(app: &App, rule: Rule, subject: Id) -> Option<Finding> {
    app.report()
        .findings
        .iter()
        .find(|f| f.rule == rule && f.subject == subject && !f.acknowledged)
        .cloned()
}

/// The subject of the first open finding of `rule`.
fn first_subject(app: &App, rule: Rule) -> Id {
    app.report()
        .findings
        .iter()
        .find(|f| f.rule == rule && !f.acknowledged)
        .unwrap_or_else(|| panic!("a finding of {rule} is planted"))
        .subject
}

/// Narrows the problems list to `rule` and clicks the finding about
/// `subject`, as a user goes to fix it; checks the window went there: its
/// unit selected, how to fix it said above the property panel, and
/// `control` shown.
fn go_fix(app: &mut App, rule: Rule, subject: Id, control: impl Into<widget::Id>) {
    let finding =
        open_finding(app, rule, subject).unwrap_or_else(|| panic!("{rule} about {subject}"));
    let narrow = problems::Message::Rule(problems::RuleChoice {
        rule: Some(rule),
        count: 0,
    });
    let task = app.update(Message::Problem(narrow));
    settle(app, task);
    interact_tall(app, |ui| {
        ui.click(problems::label(&finding).as_str())
            .expect("the finding's row");
    });
    let lead = fixes::lead(app.document(), &finding).expect("a fix for every finding");
    assert_eq!(app.selected(), lead.unit, "the unit that answers for it");
    let control = control.into();
    interact_tall(app, |ui| {
        ui.find(format!("修复：{}", lead.hint).as_str())
            .expect("how to fix it, above the panel");
        ui.find(control).expect("the control that fixes it");
    });
}

/// Asserts the finding went.
fn fixed(app: &App, rule: Rule, subject: Id) {
    assert!(
        open_finding(app, rule, subject).is_none(),
        "{rule} about {subject} is fixed: {:?}",
        open_finding(app, rule, subject).map(|f| f.message)
    );
}

/// Clicks the text input `field`, takes `erase` characters off its end and
/// types `typed`, then presses Enter.
fn retype_field(app: &mut App, field: &'static str, erase: usize, typed: &str) {
    interact_tall(app, |ui| {
        ui.click(widget::Id::new(field)).expect(field);
        ui.tap_key(iced::keyboard::key::Named::End);
        for _ in 0..erase {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite(typed);
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
}

/// Clicks the button `button` in the row of the text `row`.
fn click_in_row(app: &mut App, row: &str, button: &'static str) {
    interact_tall(app, |ui| {
        let y = ui.find(row).expect(row).bounds().center_y();
        let target = ui
            .find(move |c: iced_test::selector::Candidate<'_>| match c {
                iced_test::selector::Candidate::Text {
                    content, bounds, ..
                } if content == button && bounds.y <= y && y <= bounds.y + bounds.height => {
                    Some(bounds)
                }
                _ => None,
            })
            .expect(button);
        press_at(ui, target.center());
    });
}

/// A click at a point (a selector by point clicks the middle of what it finds).
fn press_at(ui: &mut iced_test::Simulator<'_, Message>, at: iced::Point) {
    ui.point_at(at);
    let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::CursorMoved {
        position: at,
    })]);
    let _ = ui.simulate(iced_test::simulator::click());
}

/// Chooses the option at `index` of the pick list framed by `list` (a pick
/// list draws its text itself, out of the Simulator's reach by text): clicks
/// it open, moves onto the option and clicks it. `option` is the height of
/// one of its options: the text's line height and the list's padding.
fn choose(app: &mut App, list: impl Into<widget::Id>, index: usize, option: f32) {
    let list = list.into();
    interact_tall(app, |ui| {
        let bounds = ui.find(list).expect("the list").bounds();
        press_at(ui, iced::Point::new(bounds.x + 20.0, bounds.center_y()));
        let onto = iced::Point::new(
            bounds.x + 20.0,
            bounds.y + bounds.height + (index as f32 + 0.5) * option,
        );
        press_at(ui, onto);
    });
}

/// One option's height in a list of 12-point text with the default padding.
const OPTION_12: f32 = 12.0 * 1.3 + 10.0;
/// One option's height in a list of 13-point text with the default padding.
const OPTION_13: f32 = 13.0 * 1.3 + 10.0;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Adds `n` full members named 补充党员01… to `unit`.
fn add_members(document: &mut Document, unit: Id, n: usize) -> Vec<Id> {
    (1..=n)
        .map(|i| {
            let id = document.allocate_id();
            document
                .members
                .insert(id, Member::new(id, format!("补充党员{i:02}"), unit));
            id
        })
        .collect()
}

/// A copy of the unit `code` under a new id and code, under `parent`.
fn copy_unit(document: &mut Document, code: &str, new_code: &str, parent: Id) -> Id {
    let mut unit = document.unit_by_code(code).unwrap().clone();
    unit.id = document.allocate_id();
    unit.code = new_code.to_string();
    unit.name = format!("{}（新）", unit.name);
    unit.parent = Some(parent);
    let id = unit.id;
    document.units.insert(id, unit);
    id
}

#[test]
fn fixes_grid_uncovered() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY01-W09").unwrap().id;
    let branch = app.document().unit_by_code("XY01-B1").unwrap().clone();
    go_fix(
        &mut app,
        Rule::GridUncovered,
        grid,
        widget::Id::new(places::COVER),
    );
    interact_tall(&mut app, |ui| {
        ui.click(places::cover_label(&branch).as_str())
            .expect("the branch's box");
    });
    assert_eq!(app.document().grids[&grid].covered_by, vec![branch.id]);
    fixed(&app, Rule::GridUncovered, grid);
}

#[test]
fn fixes_grid_multi_covered() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY04-W06").unwrap().id;
    let extra = app.document().unit_by_code("XY04-B5").unwrap().clone();
    let kept = unit(&app, "XY04-B2");
    go_fix(
        &mut app,
        Rule::GridMultiCovered,
        grid,
        widget::Id::new(places::COVER),
    );
    interact_tall(&mut app, |ui| {
        ui.click(places::cover_label(&extra).as_str())
            .expect("the second branch's box");
    });
    assert_eq!(app.document().grids[&grid].covered_by, vec![kept]);
    fixed(&app, Rule::GridMultiCovered, grid);
}

#[test]
fn fixes_branch_too_few_members() {
    let mut app = sample_app();
    let branch = unit(&app, "XY04-B5");
    go_fix(
        &mut app,
        Rule::BranchTooFewMembers,
        branch,
        widget::Id::new(members::NAME),
    );
    retype_field(&mut app, members::NAME, 0, "韩立新");
    let added = app.document().members.values().find(|m| m.name == "韩立新");
    assert_eq!(
        added.map(|m| (m.unit, m.category)),
        Some((branch, Category::Full))
    );
    fixed(&app, Rule::BranchTooFewMembers, branch);
}

#[test]
fn fixes_branch_too_many_members() {
    let mut branch = Id(0);
    let mut app = planted(|d| {
        branch = d.unit_by_code("XY04-B5").unwrap().id;
        add_members(d, branch, 47);
    });
    go_fix(
        &mut app,
        Rule::BranchTooManyMembers,
        branch,
        widget::Id::new(members::TABLE),
    );
    click_in_row(&mut app, "补充党员47", "移除");
    interact_tall(&mut app, |ui| {
        ui.click(members::CONFIRM_REMOVE)
            .expect("the question under the row");
    });
    assert!(!app
        .document()
        .members
        .values()
        .any(|m| m.name == "补充党员47"));
    fixed(&app, Rule::BranchTooManyMembers, branch);
}

#[test]
fn fixes_branch_needs_committee() {
    let mut branch = Id(0);
    let mut app = planted(|d| {
        branch = d.unit_by_code("XY04-B5").unwrap().id;
        add_members(d, branch, 5);
    });
    go_fix(
        &mut app,
        Rule::BranchNeedsCommittee,
        branch,
        widget::Id::new(members::TABLE),
    );
    for i in 1..=3 {
        if open_finding(&app, Rule::BranchNeedsCommittee, branch).is_none() {
            break;
        }
        click_in_row(&mut app, &format!("补充党员{i:02}"), "编辑");
        retype_field(&mut app, members::Field::Positions.id(), 0, "委员");
    }
    let named = app
        .document()
        .members
        .values()
        .filter(|m| m.unit == branch && m.positions == ["委员"])
        .count();
    assert!(named >= 1, "members were made 委员 through the form");
    fixed(&app, Rule::BranchNeedsCommittee, branch);
}

#[test]
fn fixes_community_type_mismatch() {
    let mut community = Id(0);
    let mut app = planted(|d| {
        let unit = d.units.values_mut().find(|u| u.code == "XY02").unwrap();
        unit.org_type = gridorg::model::OrgType::Committee;
        community = unit.id;
    });
    go_fix(
        &mut app,
        Rule::CommunityTypeMismatch,
        community,
        widget::Id::new(inspector::ORG_TYPE),
    );
    // The list: （按人数定）, 党委, 党总支, 党支部.
    choose(&mut app, inspector::ORG_TYPE, 3, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(inspector::APPLY).unwrap();
    });
    assert_eq!(
        app.document().units[&community].org_type,
        gridorg::model::OrgType::Branch
    );
    fixed(&app, Rule::CommunityTypeMismatch, community);
}

#[test]
fn fixes_leader_vacant() {
    let mut app = sample_app();
    let group = unit(&app, "XY04-B4-G2");
    go_fix(
        &mut app,
        Rule::LeaderVacant,
        group,
        widget::Id::new(inspector::LEADER),
    );
    retype_field(&mut app, inspector::LEADER, 0, "王建华");
    assert_eq!(
        app.document().units[&group].leader.as_deref(),
        Some("王建华")
    );
    fixed(&app, Rule::LeaderVacant, group);
}

/// Plants a copy of the unit `code` under the unit `parent`, with nothing
/// below it, fixes its `rule` by the add button that leads there and sees
/// the new child.
fn fixes_by_adding_a_child(rule: Rule, code: &str, parent: &str, add: &str) {
    let mut copy = Id(0);
    let mut app = planted(|d| {
        let parent = d.unit_by_code(parent).unwrap().id;
        copy = copy_unit(d, code, &format!("{code}-9"), parent);
    });
    go_fix(&mut app, rule, copy, widget::Id::new(inspector::ACTIONS));
    interact_tall(&mut app, |ui| {
        ui.click(add).expect("the add button");
    });
    assert!(app
        .document()
        .units
        .values()
        .any(|u| u.parent == Some(copy)));
    fixed(&app, rule, copy);
}

#[test]
fn fixes_group_without_households() {
    fixes_by_adding_a_child(
        Rule::GroupWithoutHouseholds,
        "XY04-B5-G1",
        "XY04-B5",
        "添加党员中心户",
    );
}

#[test]
fn fixes_household_no_links() {
    let mut app = sample_app();
    let central = unit(&app, "XY03-G2-H2");
    let head = gridorg::gui::links::Field::Head.id();
    go_fix(
        &mut app,
        Rule::HouseholdNoLinks,
        central,
        widget::Id::new(head),
    );
    retype_field(&mut app, head, 0, "赵桂兰");
    let linked = app
        .document()
        .households
        .values()
        .find(|h| h.head == "赵桂兰");
    assert_eq!(linked.map(|h| h.linked_by), Some(central));
    fixed(&app, Rule::HouseholdNoLinks, central);
}

/// Links `n` households named 住户01… to the 党员中心户 `central`.
fn link_households(document: &mut Document, central: Id, n: usize) {
    for i in 1..=n {
        let id = document.allocate_id();
        document.households.insert(
            id,
            gridorg::model::Household {
                id,
                linked_by: central,
                head: format!("住户{i:02}"),
                address: Some(format!("{i}号楼")),
                people: None,
                phone: None,
            },
        );
    }
}

#[test]
fn fixes_household_too_many_links() {
    let mut central = Id(0);
    let mut app = planted(|d| {
        central = d.unit_by_code("XY03-G2-H2").unwrap().id;
        link_households(d, central, 16);
    });
    go_fix(
        &mut app,
        Rule::HouseholdTooManyLinks,
        central,
        widget::Id::new(gridorg::gui::links::LIST),
    );
    click_in_row(&mut app, "住户16", "移除");
    interact_tall(&mut app, |ui| {
        ui.click(gridorg::gui::links::CONFIRM_REMOVE)
            .expect("the question under the row");
    });
    assert!(!app
        .document()
        .households
        .values()
        .any(|h| h.head == "住户16"));
    fixed(&app, Rule::HouseholdTooManyLinks, central);
}

#[test]
fn fixes_household_multi_linked() {
    let mut app = planted(|d| {
        let central = d.unit_by_code("XY03-G2-H2").unwrap().id;
        let mut again = d.households.values().next().unwrap().clone();
        again.id = d.allocate_id();
        again.linked_by = central;
        d.households.insert(again.id, again);
    });
    let subject = first_subject(&app, Rule::HouseholdMultiLinked);
    let household = app.document().households[&subject].clone();
    go_fix(
        &mut app,
        Rule::HouseholdMultiLinked,
        subject,
        gridorg::gui::links::row_id(subject),
    );
    click_in_row(&mut app, &household.head, "移除");
    interact_tall(&mut app, |ui| {
        ui.click(gridorg::gui::links::CONFIRM_REMOVE)
            .expect("the question under the row");
    });
    assert!(!app.document().households.contains_key(&subject));
    fixed(&app, Rule::HouseholdMultiLinked, subject);
}

#[test]
fn fixes_member_unassigned() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let branch = d.unit_by_code("XY04-B5").unwrap().id;
        member = d.allocate_id();
        d.members
            .insert(member, Member::new(member, "冯晓东", branch));
    });
    go_fix(
        &mut app,
        Rule::MemberUnassigned,
        member,
        widget::Id::new(members::ASSIGNING),
    );
    // The list holds the community's units in the tree's order; the first
    // group of the branch is the chosen one.
    let targets = members::targets(
        app.document(),
        gridorg::graph::Graph::build(app.document()).tree(),
        unit(&app, "XY04-B5"),
    );
    let group = unit(&app, "XY04-B5-G1");
    let index = targets.iter().position(|t| t.id == group).unwrap();
    choose(&mut app, members::ASSIGNING, index, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(members::ASSIGN).expect("the assign button");
    });
    assert_eq!(app.document().members[&member].unit, group);
    fixed(&app, Rule::MemberUnassigned, member);
}

#[test]
fn fixes_member_dangling() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let gone = d.allocate_id();
        member = d.allocate_id();
        d.members
            .insert(member, Member::new(member, "郑无组", gone));
    });
    go_fix(
        &mut app,
        Rule::MemberDangling,
        member,
        widget::Id::new(stray::UNITS),
    );
    interact_tall(&mut app, |ui| {
        ui.find("所在组织不存在的党员")
            .expect("the member shown alone");
    });
    // Every unit in the tree's order: the first is the street.
    choose(&mut app, stray::UNITS, 0, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(stray::ASSIGN).expect("the assign button");
    });
    assert_eq!(app.document().members[&member].unit, unit(&app, "XY"));
    fixed(&app, Rule::MemberDangling, member);
}

/// Two members' ID numbers: a valid one, copied over the other's.
fn duplicated(d: &mut Document) -> (Id, String) {
    let today = chrono::Local::now().date_naive();
    let valid: Vec<Id> = d
        .members
        .values()
        .filter(|m| {
            m.id_number
                .as_deref()
                .is_some_and(|n| gridorg::id_number::check_id_number(n, today).is_ok())
        })
        .map(|m| m.id)
        .take(2)
        .collect();
    let number = d.members[&valid[0]].id_number.clone().unwrap();
    let own = d
        .members
        .get_mut(&valid[1])
        .unwrap()
        .id_number
        .replace(number)
        .unwrap();
    (valid[1], own)
}

#[test]
fn fixes_member_duplicate() {
    let mut own = String::new();
    let mut app = planted(|d| own = duplicated(d).1);
    let subject = first_subject(&app, Rule::MemberDuplicate);
    go_fix(
        &mut app,
        Rule::MemberDuplicate,
        subject,
        widget::Id::new(members::ID_NUMBER),
    );
    let other = app
        .document()
        .members
        .values()
        .find(|m| m.id != subject && m.id_number == app.document().members[&subject].id_number)
        .map(|m| m.id)
        .unwrap();
    // The record corrected is the one the finding names: it takes back its
    // own number when it is the copy, or the other's is named.
    if app.document().members[&subject].id_number.as_deref() != Some(own.as_str()) {
        retype_field(&mut app, members::ID_NUMBER, 18, &own);
    }
    fixed(&app, Rule::MemberDuplicate, subject);
    fixed(&app, Rule::MemberDuplicate, other);
}

#[test]
fn fixes_id_number_invalid() {
    let mut app = sample_app();
    let member = first_subject(&app, Rule::IdNumberInvalid);
    go_fix(
        &mut app,
        Rule::IdNumberInvalid,
        member,
        widget::Id::new(members::ID_NUMBER),
    );
    // The sample's number ends in the wrong check character: 3 is right.
    retype_field(&mut app, members::ID_NUMBER, 1, "3");
    fixed(&app, Rule::IdNumberInvalid, member);
}

#[test]
fn fixes_id_number_mismatch() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let today = chrono::Local::now().date_naive();
        let m = d
            .members
            .values_mut()
            .find(|m| {
                m.id_number.as_deref().is_some_and(|n| {
                    gridorg::id_number::birth_and_gender(n, today).is_some()
                        && gridorg::id_number::check_id_number(n, today).is_ok()
                })
            })
            .unwrap();
        let (_, gender) =
            gridorg::id_number::birth_and_gender(m.id_number.as_deref().unwrap(), today).unwrap();
        m.gender = Some(match gender {
            gridorg::model::Gender::Male => gridorg::model::Gender::Female,
            gridorg::model::Gender::Female => gridorg::model::Gender::Male,
        });
        m.birth = None;
        member = m.id;
    });
    let right = gridorg::id_number::birth_and_gender(
        app.document().members[&member]
            .id_number
            .as_deref()
            .unwrap(),
        today(),
    )
    .unwrap()
    .1;
    go_fix(
        &mut app,
        Rule::IdNumberMismatch,
        member,
        widget::Id::new(members::BIRTH),
    );
    // 性别: 男, 女.
    let index = usize::from(right == gridorg::model::Gender::Female);
    choose(&mut app, members::GENDER, index, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(members::SAVE).expect("the save button");
    });
    assert_eq!(app.document().members[&member].gender, Some(right));
    fixed(&app, Rule::IdNumberMismatch, member);
}

#[test]
fn fixes_probation_overdue() {
    let mut app = sample_app();
    let member = first_subject(&app, Rule::ProbationOverdue);
    let since = members::Field::FullSince.id();
    go_fix(
        &mut app,
        Rule::ProbationOverdue,
        member,
        widget::Id::new(since),
    );
    interact_tall(&mut app, |ui| {
        ui.click("预备党员").expect("the probationary box");
    });
    let date = today().format("%Y-%m-%d").to_string();
    retype_field(&mut app, since, 0, &date);
    let m = &app.document().members[&member];
    assert_eq!((m.category, m.full_since), (Category::Full, Some(today())));
    fixed(&app, Rule::ProbationOverdue, member);
}

#[test]
fn fixes_committee_probationary() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let m = d
            .members
            .values_mut()
            .find(|m| m.category == Category::Probationary && m.positions.is_empty())
            .unwrap();
        m.positions = vec!["委员".into()];
        member = m.id;
    });
    let positions = members::Field::Positions.id();
    go_fix(
        &mut app,
        Rule::CommitteeProbationary,
        member,
        widget::Id::new(positions),
    );
    retype_field(&mut app, positions, 2, "");
    assert!(app.document().members[&member].positions.is_empty());
    fixed(&app, Rule::CommitteeProbationary, member);
}

#[test]
fn fixes_secretary_standing() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let branch = d.unit_by_code("XY04-B5").unwrap().id;
        member = d.allocate_id();
        let mut m = Member::new(member, "钱新任", branch);
        m.positions = vec!["书记".into()];
        m.full_since = Some(chrono::Local::now().date_naive() - chrono::Days::new(90));
        d.members.insert(member, m);
    });
    let positions = members::Field::Positions.id();
    go_fix(
        &mut app,
        Rule::SecretaryStanding,
        member,
        widget::Id::new(positions),
    );
    retype_field(&mut app, positions, 2, "委员");
    assert_eq!(app.document().members[&member].positions, ["委员"]);
    fixed(&app, Rule::SecretaryStanding, member);
}

#[test]
fn fixes_term_expiring() {
    let mut community = Id(0);
    let mut app = planted(|d| {
        let u = d.units.values_mut().find(|u| u.code == "XY03").unwrap();
        let elected =
            chrono::Local::now().date_naive() - chrono::Months::new(60) + chrono::Days::new(30);
        u.elected = Some(elected);
        u.term_years = Some(5);
        community = u.id;
    });
    go_fix(
        &mut app,
        Rule::TermExpiring,
        community,
        widget::Id::new(inspector::ELECTED),
    );
    retype_field(
        &mut app,
        inspector::ELECTED,
        10,
        &today().format("%Y-%m-%d").to_string(),
    );
    assert_eq!(app.document().units[&community].elected, Some(today()));
    fixed(&app, Rule::TermExpiring, community);
}

#[test]
fn fixes_term_expired() {
    let mut app = sample_app();
    let branch = unit(&app, "XY04-B3");
    go_fix(
        &mut app,
        Rule::TermExpired,
        branch,
        widget::Id::new(inspector::ELECTED),
    );
    retype_field(
        &mut app,
        inspector::ELECTED,
        10,
        &today().format("%Y-%m-%d").to_string(),
    );
    assert_eq!(app.document().units[&branch].elected, Some(today()));
    fixed(&app, Rule::TermExpired, branch);
}

#[test]
fn fixes_grid_size() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY02-W03").unwrap().id;
    let households = places::GridField::Households.id();
    go_fix(&mut app, Rule::GridSize, grid, widget::Id::new(households));
    retype_field(&mut app, households, 3, "450");
    assert_eq!(app.document().grids[&grid].households, Some(450));
    fixed(&app, Rule::GridSize, grid);
}

#[test]
fn fixes_grid_no_worker() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY04-W10").unwrap().id;
    let worker = places::GridField::Worker.id();
    go_fix(&mut app, Rule::GridNoWorker, grid, widget::Id::new(worker));
    retype_field(&mut app, worker, 0, "李秀英");
    assert_eq!(
        app.document().grids[&grid].worker.as_deref(),
        Some("李秀英")
    );
    fixed(&app, Rule::GridNoWorker, grid);
}

#[test]
fn fixes_building_uncovered() {
    let mut building = Id(0);
    let mut app = planted(|d| {
        let b = d
            .buildings
            .values_mut()
            .find(|b| b.covered_by.is_some())
            .expect("a community with building groups");
        b.covered_by = None;
        building = b.id;
    });
    go_fix(
        &mut app,
        Rule::BuildingUncovered,
        building,
        places::building_row(building),
    );
    // The list: （无党小组覆盖）, then the community's groups.
    choose(&mut app, places::building_group(building), 1, OPTION_12);
    let group = app.document().buildings[&building].covered_by;
    assert!(group.is_some_and(|g| app.document().units[&g].level == gridorg::model::Level::Group));
    fixed(&app, Rule::BuildingUncovered, building);
}

#[test]
fn fixes_level_mismatch() {
    let mut group = Id(0);
    let mut app = planted(|d| {
        let community = d.unit_by_code("XY04").unwrap().id;
        let g = d
            .units
            .values_mut()
            .find(|u| u.code == "XY04-B5-G1")
            .unwrap();
        g.parent = Some(community);
        group = g.id;
    });
    go_fix(
        &mut app,
        Rule::LevelMismatch,
        group,
        widget::Id::new(inspector::MOVING),
    );
    let targets = inspector::parents(
        app.document(),
        gridorg::graph::Graph::build(app.document()).tree(),
        &app.document().units[&group],
    );
    let branch = unit(&app, "XY04-B5");
    let index = targets.iter().position(|t| t.id == branch).unwrap();
    choose(&mut app, inspector::MOVING, index, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(inspector::MOVE).expect("the move button");
    });
    assert_eq!(app.document().units[&group].parent, Some(branch));
    fixed(&app, Rule::LevelMismatch, group);
}

#[test]
fn fixes_empty_unit() {
    fixes_by_adding_a_child(Rule::EmptyUnit, "XY01-B1", "XY01", "添加网格党小组");
}

#[test]
fn a_long_print_can_be_cancelled_from_the_status_bar_writing_nothing() {
    use gridorg::generate::{generate, Preset};
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("花名册.pdf");
    let mut app = App::new(generate(Preset::District, 5), None);
    let printing = start_a_roster(&mut app, &pdf);
    assert!(app.busy(), "a district's roster takes a while");
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::print::CANCEL)
            .expect("the status bar offers to cancel");
    });
    interact(&mut app, |ui| {
        ui.find("正在取消…").expect("the cancel is under way");
    });
    settle(&mut app, printing);
    assert!(!app.busy());
    assert!(!pdf.exists(), "nothing written");
    assert_eq!(app.notice(), Some("已取消打印，没有写入文件"));
}

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
    use gridorg::gui::conflicts;
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
    use gridorg::gui::conflicts;
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
    // The second conflict first: ours kept.
    let task = app.update(Message::Conflicts(conflicts::Message::Take(1, false)));
    settle(&mut app, task);
    assert_eq!(app.document().units[&group].leader, leader);
    assert_eq!(app.document().conflicts.len(), 1);
    // Theirs' parent, written as a code, found again.
    let task = app.update(Message::Conflicts(conflicts::Message::Take(0, true)));
    settle(&mut app, task);
    assert_eq!(
        app.document().units[&group].parent,
        Some(unit(&app, "XY04-B2"))
    );
    assert!(app.document().conflicts.is_empty());
}

/// Shows the coverage graph through the canvas bar's button.
fn show_coverage(app: &mut App) {
    interact(app, |ui| {
        ui.click(gridorg::gui::coverage::SHOW)
            .expect("the coverage button");
    });
    assert!(app.coverage().unwrap().shown());
}

/// Where a point of the coverage graph (in its frame) shows in the window.
fn on_coverage(
    ui: &mut iced_test::Simulator<'_, Message>,
    at: impl FnOnce(iced::Size) -> Option<iced::Point>,
) -> iced::Point {
    let frame = ui
        .find(widget::Id::new(gridorg::gui::coverage::COVERAGE))
        .expect("the coverage graph")
        .bounds();
    let local = at(frame.size()).expect("drawn");
    assert!(
        local.x > 0.0 && local.y > 0.0 && local.x < frame.width && local.y < frame.height,
        "{local:?} lies in the frame {frame:?}"
    );
    iced::Point::new(frame.x + local.x, frame.y + local.y)
}

fn grid_in_sample(app: &App, code: &str) -> Id {
    app.document().grid_by_code(code).unwrap().id
}

fn is_found(app: &App, rule: &str, subject: Id) -> bool {
    app.report()
        .findings
        .iter()
        .any(|f| f.subject == subject && f.rule.id() == rule && !f.acknowledged)
}

#[test]
fn the_coverage_graph_shows_the_community_of_the_selection() {
    use gridorg::gui::coverage::Shade;
    let mut app = sample_app();
    let xy04 = unit(&app, "XY04");
    let _ = app.update(Message::Outline(outline::Message::Pick(unit(
        &app,
        "XY04-B1-G1",
    ))));
    show_coverage(&mut app);
    let coverage = app.coverage().unwrap();
    assert_eq!(coverage.community(), Some(xy04), "a group's community");
    assert_eq!(coverage.counts(), (12, 5), "白塔's grids and branches");
    let w06 = grid_in_sample(&app, "XY04-W06");
    assert_eq!(coverage.shade(w06), Some(Shade::Shared), "covered twice");
    assert!(
        coverage.joins(unit(&app, "XY04-B2"), w06) && coverage.joins(unit(&app, "XY04-B5"), w06)
    );
    assert_eq!(
        coverage.shade(grid_in_sample(&app, "XY04-W01")),
        Some(Shade::Covered)
    );
    let said = coverage.said().to_string();
    assert!(said.contains("多支部覆盖 1"), "{said}");
    let mut ui = screen(app.view());
    assert!(ui.find(said.as_str()).is_ok(), "the figures over the graph");
    assert!(
        ui.find(widget::Id::new(gridorg::gui::CANVAS)).is_err(),
        "the structure canvas gives way"
    );
    drop(ui);

    // A click on a branch selects it; the graph stays on its community.
    let b3 = unit(&app, "XY04-B3");
    interact_seeing(&mut app, |ui, app| {
        let at = on_coverage(ui, |size| app.coverage().unwrap().branch_center(b3, size));
        ui.point_at(at);
        ui.simulate(iced_test::simulator::click());
    });
    assert_eq!(app.selected(), Some(b3));
    assert_eq!(app.coverage().unwrap().community(), Some(xy04));

    // The street lies in no community: said plainly, nothing drawn.
    let street = app.document().units[&xy04].parent.unwrap();
    let _ = app.update(Message::Outline(outline::Message::Pick(street)));
    let coverage = app.coverage().unwrap();
    assert_eq!((coverage.community(), coverage.counts()), (None, (0, 0)));
    let said = coverage.said().to_string();
    assert!(said.contains("不属于任何社区"), "{said}");
    let mut ui = screen(app.view());
    assert!(ui.find(said.as_str()).is_ok());
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::coverage::BACK).unwrap();
    });
    assert!(!app.coverage().unwrap().shown());
    let mut ui = screen(app.view());
    assert!(ui.find(widget::Id::new(gridorg::gui::CANVAS)).is_ok());
}

#[test]
fn dragging_a_branch_onto_a_grid_covers_it_and_dragging_the_line_off_uncovers_it() {
    use gridorg::gui::coverage::Shade;
    let mut app = sample_app();
    let b1 = unit(&app, "XY01-B1");
    let w09 = grid_in_sample(&app, "XY01-W09");
    let _ = app.update(Message::Outline(outline::Message::Pick(unit(&app, "XY01"))));
    show_coverage(&mut app);
    assert_eq!(app.coverage().unwrap().shade(w09), Some(Shade::Uncovered));
    assert!(is_found(&app, "grid-uncovered", w09));

    interact_seeing(&mut app, |ui, app| {
        let coverage = app.coverage().unwrap();
        let from = on_coverage(ui, |size| coverage.branch_center(b1, size));
        let to = on_coverage(ui, |size| coverage.grid_center(w09, size));
        drag(ui, from, to);
    });
    assert!(
        app.document().grids[&w09].covered_by.contains(&b1),
        "covered: {:?}",
        app.notice()
    );
    assert!(!is_found(&app, "grid-uncovered", w09), "the finding went");
    assert_eq!(app.coverage().unwrap().shade(w09), Some(Shade::Covered));
    assert!(app.coverage().unwrap().joins(b1, w09), "a line drawn");
    assert!(app.title().starts_with('●'));

    // The line dragged off to empty space (the frame's bottom-left corner).
    interact_seeing(&mut app, |ui, app| {
        let coverage = app.coverage().unwrap();
        let from = on_coverage(ui, |size| coverage.line_point(b1, w09, size));
        let to = on_coverage(ui, |size| Some(iced::Point::new(4.0, size.height - 4.0)));
        drag(ui, from, to);
    });
    assert!(
        !app.document().grids[&w09].covered_by.contains(&b1),
        "uncovered: {:?}",
        app.notice()
    );
    assert!(is_found(&app, "grid-uncovered", w09), "the finding is back");
    assert_eq!(app.coverage().unwrap().shade(w09), Some(Shade::Uncovered));
    assert!(!app.coverage().unwrap().joins(b1, w09));

    // Each was one step of the history.
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert!(app.document().grids[&w09].covered_by.contains(&b1));
    assert!(
        app.coverage().unwrap().joins(b1, w09),
        "undo brings the line back"
    );
    assert!(!is_found(&app, "grid-uncovered", w09));
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(app.coverage().unwrap().shade(w09), Some(Shade::Uncovered));
    assert!(!app.title().starts_with('●'), "back to the saved state");
}

#[test]
fn a_branch_dropped_on_a_second_grid_makes_it_shared_and_orange() {
    use gridorg::gui::coverage::Shade;
    let mut app = sample_app();
    let b2 = unit(&app, "XY01-B2");
    let w01 = grid_in_sample(&app, "XY01-W01");
    let _ = app.update(Message::Outline(outline::Message::Pick(b2)));
    show_coverage(&mut app);
    assert_eq!(app.coverage().unwrap().shade(w01), Some(Shade::Covered));
    interact_seeing(&mut app, |ui, app| {
        let coverage = app.coverage().unwrap();
        let from = on_coverage(ui, |size| coverage.branch_center(b2, size));
        let to = on_coverage(ui, |size| coverage.grid_center(w01, size));
        drag(ui, from, to);
    });
    assert_eq!(app.document().grids[&w01].covered_by.len(), 2);
    assert_eq!(app.coverage().unwrap().shade(w01), Some(Shade::Shared));
    assert!(is_found(&app, "grid-multi-covered", w01));
}

/// The members of `code`'s subtree (everything when `None`), counted here by
/// walking each member's chain of parents.
fn members_under(app: &App, code: Option<&str>) -> Vec<gridorg::model::Member> {
    let doc = app.document();
    let root = code.map(|c| doc.unit_by_code(c).unwrap().id);
    doc.members
        .values()
        .filter(|m| {
            let Some(root) = root else { return true };
            let mut at = Some(m.unit);
            while let Some(id) = at {
                if id == root {
                    return true;
                }
                at = doc.units.get(&id).and_then(|u| u.parent);
            }
            false
        })
        .cloned()
        .collect()
}

fn statistics_head(app: &App, scope: &str, members: usize) -> String {
    let today = app.statistics().unwrap().today;
    format!("党内统计：{scope}　统计日期 {today}　{members} 名党员")
}

#[test]
fn statistics_open_on_the_whole_document_and_show_its_counts() {
    use gridorg::gui::statistics;
    let mut app = sample_app();
    assert!(app.statistics().is_none());
    interact(&mut app, |ui| {
        ui.click(statistics::SHOW).expect("the 统计 button");
    });
    let shown = app.statistics().expect("worked out when shown");
    let members = members_under(&app, None);
    let female = members
        .iter()
        .filter(|m| m.gender == Some(gridorg::model::Gender::Female))
        .count();
    assert_eq!(shown.total.counts.members as usize, members.len());
    assert_eq!(shown.total.counts.female as usize, female);
    assert_eq!(shown.scope, None);
    let head = statistics_head(&app, "全部", members.len());
    let mut ui = screen(app.view());
    assert!(
        ui.find(head.as_str()).is_ok(),
        "the heading counts every member"
    );
    assert!(ui.find("迎宾馆社区党总支").is_ok(), "a row per community");
    assert!(ui.find("女性 %").is_ok(), "the first breakdown's columns");
    drop(ui);
    // Another breakdown: its columns, and the chart beside it.
    interact(&mut app, |ui| {
        ui.click("年龄").expect("the 年龄 tab");
    });
    let mut ui = screen(app.view());
    assert!(ui.find("35岁及以下 %").is_ok());
    assert!(ui.find("女性 %").is_err(), "one breakdown at a time");
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(statistics::CLOSE).expect("back to the structure");
    });
    assert!(app.statistics().is_none());
    assert!(
        screen(app.view()).find(gridorg::gui::FIT).is_ok(),
        "the canvas is back"
    );
}

#[test]
fn statistics_follow_the_selection() {
    use gridorg::gui::statistics;
    let mut app = sample_app();
    interact(&mut app, |ui| {
        ui.click(statistics::SHOW).unwrap();
    });
    let xy03 = unit(&app, "XY03");
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str())
            .expect("the outline beside the tables");
    });
    assert_eq!(app.selected(), Some(xy03));
    let shown = app.statistics().unwrap();
    let name = app.document().units[&xy03].name.clone();
    assert_eq!(shown.scope, Some(("XY03".to_string(), name.clone())));
    let members = members_under(&app, Some("XY03"));
    assert_eq!(shown.total.counts.members as usize, members.len());
    assert_eq!(shown.rows.len(), 1, "one community");
    let head = statistics_head(&app, &format!("{name}（XY03）"), members.len());
    assert!(screen(app.view()).find(head.as_str()).is_ok());
    // Selecting nothing (Esc) shows everything again.
    let before = members.len();
    let task = app.update(Message::Deselect);
    settle(&mut app, task);
    assert_eq!(app.statistics().unwrap().scope, None);
    assert!(app.statistics().unwrap().total.counts.members as usize > before);
}

#[test]
fn statistics_print_and_export_to_targets_of_their_own() {
    use gridorg::gui::statistics;
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let doc_path = dir.path().join("西园.ron");
    gridorg::document::save(app_doc(), &doc_path).unwrap();
    let mut app = App::new(app_doc().clone(), Some(doc_path.clone()));
    interact(&mut app, |ui| {
        ui.click(statistics::SHOW).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(statistics::PRINT).expect("the print button");
    });
    // The target row offers a file of its own beside the document.
    let default = dir
        .path()
        .join(format!("{}-党内统计.pdf", app.document().title));
    assert!(
        screen(app.view())
            .find(default.display().to_string().as_str())
            .is_ok(),
        "default target {}",
        default.display()
    );
    // Over the document itself: refused, the document untouched.
    let before = std::fs::read(&doc_path).unwrap();
    confirm_target(&mut app, &doc_path);
    assert_eq!(std::fs::read(&doc_path).unwrap(), before);
    assert!(
        app.notice().unwrap_or("").contains("未写入"),
        "{:?}",
        app.notice()
    );
    // A fresh file: the tables printed in the background.
    let pdf = dir.path().join("统计.pdf");
    interact(&mut app, |ui| {
        ui.click(statistics::PRINT).unwrap();
    });
    confirm_target(&mut app, &pdf);
    assert!(!app.busy());
    let pages = {
        let text = std::process::Command::new("pdftotext")
            .args([pdf.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext runs");
        let text = String::from_utf8(text.stdout).unwrap();
        text.split_whitespace().collect::<String>()
    };
    assert!(
        pages.contains("党内统计") && pages.contains("第1页共7页"),
        "{pages}"
    );
    assert!(
        app.notice().unwrap().starts_with("已生成统计表 7 页"),
        "{:?}",
        app.notice()
    );
    // The workbook.
    let xlsx = dir.path().join("统计.xlsx");
    interact(&mut app, |ui| {
        ui.click(statistics::EXPORT).unwrap();
    });
    confirm_target(&mut app, &xlsx);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names().len(), 7);
    let sheet = book.worksheet_range("党员类别与性别").unwrap();
    let total = sheet.rows().next_back().unwrap();
    assert_eq!(total[1].to_string(), "合计");
    assert_eq!(
        total[2],
        calamine::Data::Float(app.document().members.len() as f64)
    );
}

/// Types `path` in the open target row and confirms; the check of the path
/// and the printout run to the end.
fn confirm_target(app: &mut App, path: &std::path::Path) {
    let task = app.update(Message::Files(files::Message::Typed(
        path.display().to_string(),
    )));
    settle(app, task);
    interact(app, |ui| {
        ui.click(files::CONFIRM).unwrap();
    });
}

#[test]
fn a_record_removed_by_theirs_and_changed_by_ours_is_deleted_by_taking_theirs() {
    use gridorg::gui::conflicts;
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
    let (code, _) = gridorg::versions::label::code_and_name(&merged.document, member);
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

use gridorg::gui::history;

/// Runs git in `dir` for the history tests; its standard output.
fn git_in(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs (install it: apt-get install git)");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A repository of its own committer holding the sample in two commits:
/// 底稿, then XY01 renamed (迎宾馆更名). The document's path.
fn sample_repository(dir: &std::path::Path) -> std::path::PathBuf {
    git_in(dir, &["init", "-q", "-b", "main"]);
    git_in(dir, &["config", "user.name", "社区书记"]);
    git_in(dir, &["config", "user.email", "c@example.org"]);
    git_in(dir, &["config", "commit.gpgsign", "false"]);
    let file = dir.join("西园.ron");
    let mut doc = gridorg::gui::bundled_sample().unwrap();
    gridorg::document::save(&doc, &file).unwrap();
    git_in(dir, &["add", "西园.ron"]);
    git_in(dir, &["commit", "-q", "-m", "底稿"]);
    let xy01 = doc.unit_by_code("XY01").unwrap().id;
    doc.units.get_mut(&xy01).unwrap().name = "迎宾馆社区党委".into();
    gridorg::document::save(&doc, &file).unwrap();
    git_in(dir, &["commit", "-q", "-am", "迎宾馆更名"]);
    file
}

/// The window on `file` as `gridorg FILE` opens it: read, and where it
/// lives looked up.
fn window_on(file: &std::path::Path) -> App {
    private_data_dir();
    let (mut app, read) = App::reading(file.to_path_buf());
    settle(&mut app, read);
    app
}

/// Renames the unit `code` in the property panel: an edit, left unsaved.
fn rename_in_panel(app: &mut App, code: &str, suffix: &str) {
    let label = outline::label(app.document(), unit(app, code));
    interact(app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(app, |ui| {
        ui.click(widget::Id::new(inspector::NAME)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite(suffix);
        ui.click(inspector::APPLY).unwrap();
    });
}

#[test]
fn history_lists_the_commits_and_opens_one_read_only_keeping_unsaved_edits() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_repository(dir.path());
    let mut app = window_on(&file);
    rename_in_panel(&mut app, "XY03", "（未存）");
    let edited = app.document().clone();
    assert!(app.title().starts_with('●'));

    interact(&mut app, |ui| {
        ui.click(history::SHOW)
            .expect("历史 is enabled in a repository");
    });
    assert_eq!(app.history().messages(), ["迎宾馆更名", "底稿"]);
    let sample = gridorg::gui::bundled_sample().unwrap();
    let records = sample.units.len()
        + sample.grids.len()
        + sample.buildings.len()
        + sample.members.len()
        + sample.households.len()
        + sample.co_builders.len();
    assert_eq!(
        app.history().counts(),
        [Some(1), Some(records)],
        "the rename; the first commit added every record"
    );
    let mut ui = screen(app.view());
    assert!(ui.find("1 处变动").is_ok());
    assert!(ui.find(format!("{records} 处变动")).is_ok());
    assert!(ui.find("迎宾馆更名").is_ok() && ui.find("社区书记").is_ok());
    drop(ui);

    // The first version, read-only.
    interact(&mut app, |ui| {
        ui.click(history::open_id(1)).unwrap();
    });
    assert_eq!(app.document(), &sample, "the first version is shown");
    let shown = app
        .history()
        .viewing()
        .expect("a version is shown")
        .to_string();
    assert!(shown.contains("底稿"), "{shown}");
    assert!(app.title().contains(history::READ_ONLY), "{}", app.title());
    let mut ui = screen(app.view());
    assert!(ui.find(history::BACK).is_ok(), "the way back");
    drop(ui);
    // An edit is refused, the version unchanged.
    rename_in_panel(&mut app, "XY02", "（改）");
    assert_eq!(app.document(), &sample);
    assert!(
        app.notice().unwrap().contains("(read-only)"),
        "{:?}",
        app.notice()
    );

    // Back to the current document, unsaved edits and all.
    interact(&mut app, |ui| {
        ui.click(history::BACK).unwrap();
    });
    assert_eq!(app.document(), &edited);
    assert!(app.history().viewing().is_none());
    assert!(app.title().starts_with('●') && !app.title().contains(history::READ_ONLY));

    // 比较 compares the version with the current document: the unsaved
    // rename of XY03 is the one change, marked on the canvas.
    interact(&mut app, |ui| {
        ui.click(history::compare_id(0)).unwrap();
    });
    let xy03 = unit(&app, "XY03");
    let comparison = app.comparison().expect("compared with the version");
    assert_eq!(
        comparison.mark_of(xy03),
        Some(gridorg::versions::compare::Mark::Changed)
    );
    assert_eq!(comparison.marks.len(), 1, "{:?}", comparison.marks);
    assert_eq!(app.document(), &edited, "comparing changes nothing");
}

#[test]
fn saving_commits_only_with_the_option_on_and_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = sample_repository(d);
    let commits = || {
        git_in(d, &["rev-list", "--count", "HEAD"])
            .trim()
            .to_string()
    };
    let mut app = window_on(&file);
    interact(&mut app, |ui| {
        ui.click(history::SHOW).unwrap();
    });
    let counts = app.history().counts();
    assert_eq!(counts.len(), 2);

    // Off by default: a plain save commits nothing.
    rename_in_panel(&mut app, "XY03", "（一）");
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(!app.title().starts_with('●'), "saved");
    assert_eq!(commits(), "2");
    assert_eq!(
        git_in(d, &["status", "--porcelain", "西园.ron"]).trim(),
        "M 西园.ron"
    );

    // On, without a message: refused before anything is written.
    rename_in_panel(&mut app, "XY03", "（二）");
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(files::COMMIT_OPTION)).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(app.title().starts_with('●'), "not saved");
    assert!(app.notice().unwrap().contains("commit message expected"));

    // With a message: saved, then committed — that file, that message.
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(files::COMMIT_MESSAGE)).unwrap();
        ui.typewrite("锦园两次更名");
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(!app.title().starts_with('●'));
    assert_eq!(commits(), "3");
    assert_eq!(
        git_in(d, &["log", "-1", "--format=%s"]).trim(),
        "锦园两次更名"
    );
    assert_eq!(
        git_in(d, &["status", "--porcelain"]).trim(),
        "?? 西园.ron.bak"
    );
    let short = git_in(d, &["rev-parse", "--short", "HEAD"]);
    let said = app.notice().unwrap();
    assert!(
        said.starts_with(&format!("已保存并提交 {}", short.trim())),
        "{said}"
    );
    let committed = git_in(d, &["show", "HEAD:西园.ron"]);
    assert_eq!(
        gridorg::document::from_str(&committed, "HEAD").unwrap(),
        *app.document()
    );
    // The history shown lists it at once, its one change (the name) counted.
    assert_eq!(
        app.history().messages(),
        ["锦园两次更名", "迎宾馆更名", "底稿"]
    );
    assert_eq!(app.history().counts(), [&[Some(1)], &counts[..]].concat());
}

#[test]
fn outside_a_repository_history_is_disabled_and_saving_never_commits() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = window_on(&file);
    let mut ui = screen(app.view());
    assert!(ui.find("（文档不在 git 仓库中）").is_ok(), "the reason");
    assert!(ui.find(widget::Id::new(files::COMMIT_OPTION)).is_err());
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(history::SHOW).unwrap();
    });
    assert!(!app.history().is_open(), "the button is disabled");
    assert!(!dir.path().join(".git").exists());
}

#[test]
fn a_commit_git_refuses_leaves_the_save_done_and_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = sample_repository(d);
    let hook = d.join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\necho 街道要求先审核 >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut app = window_on(&file);
    rename_in_panel(&mut app, "XY03", "（改）");
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(files::COMMIT_OPTION)).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(files::COMMIT_MESSAGE)).unwrap();
        ui.typewrite("锦园更名");
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(!app.title().starts_with('●'), "saved all the same");
    assert_eq!(&gridorg::document::load(&file).unwrap(), app.document());
    let said = app.notice().unwrap();
    assert!(
        said.starts_with("已保存，但未提交 (commit failed)") && said.contains("街道要求先审核"),
        "{said}"
    );
    assert_eq!(git_in(d, &["rev-list", "--count", "HEAD"]).trim(), "2");
    assert!(!app.busy());
}

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

/// Set in a child of this test binary: it is the program started as
/// `gridorg PATH` in the folder it was started in (see
/// [`edit_as_the_program_started_with`]).
const STARTED_AS: &str = "GRIDORG_GUI_TEST_STARTED_AS";
/// What that child prints once its edit is made, before the new unit's code.
const EDITED: &str = "edited-unsaved";

/// The child's side: the window opens at once and reads `path` behind it,
/// as `gridorg PATH` does; a branch is added, and the child waits to be
/// killed.
fn edit_as_the_program_started_with(path: std::path::PathBuf) {
    // The data folder is the parent's (inherited), so nothing is left behind.
    let (mut app, read) = App::reading(path);
    settle(&mut app, read);
    add_a_branch_to_xy01(&mut app);
    let added = app
        .selected()
        .map(|id| app.document().units[&id].code.clone())
        .expect("the new branch is selected");
    // On a line of its own: the test harness has written "test … " before it.
    println!("\n{EDITED} {added}");
    std::io::Write::flush(&mut std::io::stdout()).unwrap();
    std::thread::sleep(std::time::Duration::from_secs(600));
}

#[test]
fn a_document_named_by_a_relative_path_gets_its_edits_back_after_a_kill() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    if let Some(path) = std::env::var_os(STARTED_AS) {
        return edit_as_the_program_started_with(path.into());
    }
    private_data_dir();
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("文档");
    let beside = root.path().join("别处");
    std::fs::create_dir(&folder).unwrap();
    std::fs::create_dir(&beside).unwrap();
    let file = folder.join("西园.ron");
    gridorg::document::save(app_doc(), &file).unwrap();
    // `gridorg 西园.ron` and `gridorg ./西园.ron` in the document's folder,
    // `gridorg ../文档/西园.ron` in a folder beside it.
    for (form, started_in) in [
        ("西园.ron", &folder),
        ("./西园.ron", &folder),
        ("../文档/西园.ron", &beside),
    ] {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "a_document_named_by_a_relative_path_gets_its_edits_back_after_a_kill",
                "--nocapture",
                "--test-threads=1",
            ])
            .current_dir(started_in)
            .env(STARTED_AS, form)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let added = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map(Result::unwrap)
            .find_map(|line| line.strip_prefix(EDITED).map(|c| c.trim().to_string()));
        child.kill().unwrap(); // SIGKILL: no destructor, no flush, nothing runs
        child.wait().unwrap();
        let added = added.unwrap_or_else(|| panic!("{form}: the program made its edit"));

        // Started again on the same file: the edit is offered and comes back.
        let (mut app, read) = App::reading(started_in.join(form));
        settle(&mut app, read);
        assert_eq!(
            app.recovery_offered(),
            Some(1),
            "{form}: the edit is offered"
        );
        interact(&mut app, |ui| {
            ui.click(gridorg::gui::RESTORE).unwrap();
        });
        let branch = app
            .document()
            .unit_by_code(&added)
            .unwrap_or_else(|| panic!("{form}: {added} is back"));
        assert_eq!(branch.parent, Some(unit(&app, "XY01")), "{form}");
        assert_eq!(app.document().units.len(), app_doc().units.len() + 1);
        assert!(app.title().starts_with('●'), "{form}: restored, not saved");
        drop(app);
        // The next form starts from the file alone.
        std::fs::remove_file(folder.join(".西园.ron.journal")).unwrap();
    }
}

#[test]
fn while_the_journal_cannot_be_written_a_warning_stays_in_sight_until_it_can() {
    use gridorg::gui::recovery::NOT_JOURNALED;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(app_doc(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    let warned = |app: &App| screen(app.view()).find(NOT_JOURNALED).is_ok();
    assert!(!warned(&app), "nothing to warn of yet");

    // A folder in the journal's place: no journal can be written there.
    let in_the_way = dir.path().join(".西园.ron.journal");
    std::fs::create_dir(&in_the_way).unwrap();
    add_a_branch_to_xy01(&mut app);
    assert!(warned(&app), "not journaled: {:?}", app.notice());
    // Other messages come and go in the status bar; the warning stays.
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert!(app.notice().unwrap_or_default().starts_with("已撤销"));
    assert!(warned(&app), "still in sight after the next message");
    interact(&mut app, |ui| {
        ui.click(REDO).unwrap();
    });
    assert!(warned(&app));

    // Once it can be written, the next edit writes the journal, with the
    // steps taken meanwhile, and the warning goes.
    std::fs::remove_dir(&in_the_way).unwrap();
    add_a_branch_to_xy01(&mut app);
    assert!(!warned(&app), "{:?}", app.notice());
    let edited = gridorg::document::to_string(app.document());
    drop(app);
    let mut app = open_as_the_program_does(&file);
    assert_eq!(
        app.recovery_offered(),
        Some(2),
        "both branches, the one added while the journal could not be written too"
    );
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::RESTORE).unwrap();
    });
    assert_eq!(gridorg::document::to_string(app.document()), edited);
}
