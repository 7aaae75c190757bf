//! The links sub-panel: linked households and co-building units.

use crate::common::{interact, sample_app, settle, unit};
use gridorg::gui::{inspector, outline, App, Message, UNDO};
use iced::widget;

fn links_message(app: &mut App, message: gridorg::gui::inspector::links::Message) {
    let task = app.update(Message::Inspector(inspector::Message::Links(message)));
    settle(app, task);
}

fn co_builders_message(
    app: &mut App,
    message: gridorg::gui::inspector::links::co_builders::Message,
) {
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
    use gridorg::gui::inspector::links::{self, Field, Target};
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
    use gridorg::gui::inspector::links::{self, Field};
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
    use gridorg::gui::inspector::links::co_builders::{self, Field};
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
