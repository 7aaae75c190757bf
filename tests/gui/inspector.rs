//! The unit's property panel: its fields read and applied as one step with
//! the reason beside a refused field, add, delete and move, covering a grid.

use crate::common::{app_doc, interact, pressed, sample_app, screen, unit};
use gridorg::gui::{inspector, outline, App, Message, REDO, UNDO};
use gridorg::model::Id;
use iced::widget;

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
    // XY02 is taken: codes are unique. The field reads (a code is there);
    // only the command knows the code is another unit's.
    interact(&mut app, |ui| {
        app_code_field(ui).expect("the code field");
        ui.click(inspector::APPLY).unwrap();
    });
    assert_eq!(app.document(), &before, "nothing changed");
    assert!(!app.title().starts_with('●'));
    let mut ui = screen(app.view());
    let reason = "组织编码 XY02 已被「北大社区党支部」使用 (duplicate code)";
    let field = ui.find(widget::Id::new(inspector::CODE)).unwrap().bounds();
    let shown = ui.find(reason).expect("the reason").bounds();
    let below = shown.y - (field.y + field.height);
    assert!(
        (0.0..=8.0).contains(&below) && shown.x < field.x + field.width,
        "on the line under the code field: {shown:?} under {field:?}"
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
fn a_reason_appearing_does_not_move_the_fields_below() {
    use gridorg::gui::inspector::members;
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

#[test]
fn tab_and_shift_tab_move_the_cursor_between_fields() {
    use crate::runtime::Window;
    use gridorg::gui::keys;
    use iced::keyboard::{key::Named, Key, Modifiers};
    let tab = Key::Named(Named::Tab);
    let next = keys::message(pressed(tab.clone(), Modifiers::empty()));
    assert!(matches!(next, Some(Message::FocusNext)), "{next:?}");
    let back = keys::message(pressed(tab.clone(), Modifiers::SHIFT));
    assert!(matches!(back, Some(Message::FocusPrevious)), "{back:?}");

    // In the unit's form: 名称 → 编码 and back.
    let mut app = sample_app();
    let _ = app.update(Message::Outline(outline::Message::Pick(unit(&app, "XY01"))));
    let mut window = Window::new(1280.0, 800.0);
    window.click(&mut app, widget::Id::new(inspector::NAME));
    window.tap_key(&mut app, Named::Tab);
    assert_eq!(window.focused(&app), Some(widget::Id::new(inspector::CODE)));
    let shift_tab = pressed(tab, Modifiers::SHIFT);
    window.events(&mut app, vec![iced::Event::Keyboard(shift_tab)]);
    assert_eq!(window.focused(&app), Some(widget::Id::new(inspector::NAME)));
}
