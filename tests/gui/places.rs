//! The places sub-panel: grids and buildings added, edited, deleted and
//! brought back, and what covers them.

use crate::common::{interact, sample_app, screen, settle, unit};
use gridorg::gui::{inspector, outline, App, Message, UNDO};
use iced::widget;

/// Sends a message of the places panel, as a click on a row's button would.
fn places_message(app: &mut App, message: gridorg::gui::inspector::places::Message) {
    let task = app.update(Message::Inspector(inspector::Message::Places(message)));
    settle(app, task);
}

#[test]
fn a_grid_is_added_with_read_fields_edited_deleted_and_brought_back() {
    use gridorg::gui::inspector::places::{self, GridField};
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
    use gridorg::gui::inspector::places::{self, BuildingField};
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

#[test]
fn a_grid_code_the_core_refuses_is_named_beside_the_grid_form_s_code_field() {
    use gridorg::gui::inspector::places::{self, GridField};
    let mut app = sample_app();
    let xy02 = unit(&app, "XY02");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy02)));
    interact(&mut app, |ui| {
        ui.click(places::ADD_GRID).expect("the add button");
    });
    interact(&mut app, |ui| {
        for (field, typed) in [(GridField::Code, "XY02-W03"), (GridField::Name, "重号网格")] {
            ui.click(widget::Id::new(field.id())).unwrap();
            ui.typewrite(typed);
        }
    });
    let grids = app.document().grids.len();
    interact(&mut app, |ui| {
        ui.click(places::SAVE_GRID).expect("the fields read");
    });
    assert_eq!(app.document().grids.len(), grids, "refused");
    let reason = "网格编码 XY02-W03 已被「北大社区第三网格」使用 (duplicate code)";
    let mut ui = screen(app.view());
    let field = ui
        .find(widget::Id::new(GridField::Code.id()))
        .expect("the form stays open")
        .bounds();
    let shown = ui.find(reason).expect("the reason").bounds();
    let below = shown.y - (field.y + field.height);
    assert!(
        (0.0..=8.0).contains(&below),
        "on the line under the field: {shown:?} under {field:?}"
    );
}
