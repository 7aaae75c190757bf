//! The members sub-panel: the member form, checked as it is typed, saved,
//! removed and undone.

use crate::common::{interact, sample_app, unit};
use gridorg::gui::{inspector, outline, App, Message, UNDO};
use iced::widget;

#[test]
fn a_member_is_added_with_checked_fields_edited_and_removed() {
    use gridorg::gui::inspector::members;
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
fn the_member_form_warns_of_an_id_number_as_it_is_typed_and_still_saves() {
    use gridorg::gui::inspector::members;
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
fn enter_in_the_member_form_saves_it() {
    use gridorg::gui::inspector::members;
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
