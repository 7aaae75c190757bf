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

/// Item 4 of issue 25 (forms), in a window of an office desk's size
/// (1024×700) kept between frames as the runtime keeps it.
mod desk {
    use crate::common::{planted, pressed, sample_app, unit};
    use crate::runtime::Window;
    use gridorg::gui::inspector::{self, members};
    use gridorg::gui::{outline, App, Message};
    use iced::keyboard::key::Named;
    use iced::widget;
    use iced::Rectangle;
    use iced_test::selector::Bounded;

    /// The window at 1024×700 on the unit coded `code`.
    fn on(mut app: App, code: &str) -> (Window, App) {
        let id = unit(&app, code);
        let _ = app.update(Message::Outline(outline::Message::Pick(id)));
        (Window::new(1024.0, 700.0), app)
    }

    /// The property panel as it shows.
    fn panel(window: &mut Window, app: &App) -> Rectangle {
        window
            .find(app, widget::Id::new(inspector::PANEL))
            .expect("the property panel")
            .visible_bounds()
            .expect("the panel shows")
    }

    /// Whether all of `target` shows.
    fn whole(target: &impl Bounded) -> bool {
        target
            .visible_bounds()
            .is_some_and(|shown| shown.height >= target.bounds().height - 0.5)
    }

    /// Turns the wheel over the property panel, as a person does, until all
    /// of `id` shows: down, then up.
    fn scroll_to(window: &mut Window, app: &mut App, id: &'static str) {
        let over = panel(window, app).center();
        for lines in [1.0, -1.0] {
            for _ in 0..40 {
                if whole(&window.find(app, widget::Id::new(id)).expect(id)) {
                    return;
                }
                window.wheel(app, over, lines);
            }
        }
        panic!("{id} never shows");
    }

    /// Clicks the field `id` (scrolled to first) and types `text` into it.
    fn type_into(window: &mut Window, app: &mut App, id: &'static str, text: &str) {
        scroll_to(window, app, id);
        window.click(app, widget::Id::new(id));
        window.typewrite(app, text);
    }

    /// Asserts 姓名 has the cursor and `text` typed now arrives there.
    fn name_takes_what_is_typed(window: &mut Window, app: &mut App, text: &str) {
        assert_eq!(
            window.focused(app),
            Some(widget::Id::new(members::NAME)),
            "姓名 has the cursor"
        );
        let messages = window.typewrite(app, text);
        let arrived = messages.iter().any(|m| {
            matches!(
                m,
                Message::Inspector(inspector::Message::Members(members::Message::Typed(f, t)))
                    if *f == members::Field::Name && t == text
            )
        });
        assert!(arrived, "「{text}」 typed arrives in 姓名: {messages:?}");
    }

    /// The member form opened on a new member, by its button.
    fn add_member(window: &mut Window, app: &mut App) {
        let button = window.find(app, members::ADD).expect("添加党员");
        if !whole(&button) {
            let over = panel(window, app).center();
            for _ in 0..60 {
                window.wheel(app, over, 1.0);
                if whole(&window.find(app, members::ADD).unwrap()) {
                    break;
                }
            }
        }
        window.click(app, members::ADD);
    }

    /// Where the text `text` lies.
    fn text_at(window: &mut Window, app: &App, text: &str) -> Rectangle {
        window
            .find(app, text)
            .unwrap_or_else(|| panic!("「{text}」 is in the window"))
            .bounds()
    }

    /// Where the widget `id` lies.
    fn at(window: &mut Window, app: &App, id: &'static str) -> Rectangle {
        window
            .find(app, widget::Id::new(id))
            .unwrap_or_else(|| panic!("{id} is in the window"))
            .bounds()
    }

    /// Asserts `reason` lies under the control `field` and above the
    /// control `next`, drawn over neither.
    fn between(reason: Rectangle, field: Rectangle, next: Rectangle, what: &str) {
        assert!(
            reason.y >= field.y + field.height - 0.5,
            "{what}: {reason:?} is under its field {field:?}"
        );
        assert!(
            reason.y + reason.height <= next.y + 0.5,
            "{what}: {reason:?} is above the next field {next:?}"
        );
        assert!(
            reason.x >= field.x - 0.5,
            "{what}: {reason:?} starts under its field {field:?}"
        );
    }

    /// A new member named `name` in 迎宾馆's first group, with a woman's ID
    /// number (its 17th digit even) born 1980-01-01.
    fn a_woman_numbered(name: &str) -> (Window, App) {
        let (mut window, mut app) = on(sample_app(), "XY01-B1-G1");
        add_member(&mut window, &mut app);
        type_into(&mut window, &mut app, members::NAME, name);
        let number = "150621198001010029";
        type_into(&mut window, &mut app, members::ID_NUMBER, number);
        (window, app)
    }

    #[test]
    fn desk_form_a_gender_warning_shows_beside_the_gender_it_concerns() {
        let (mut window, mut app) = a_woman_numbered("性别待核");
        let male = members::GenderChoice(gridorg::model::Gender::Male);
        let _ = app.update(Message::Inspector(inspector::Message::Members(
            members::Message::Gender(Some(male)),
        )));
        let warning = text_at(&mut window, &app, "⚠ 性别与身份证号不符：身份证号是女性");
        let gender = at(&mut window, &app, members::GENDER);
        let next = at(&mut window, &app, "member-ethnicity");
        between(warning, gender, next, "the gender's warning");
        let birth = at(&mut window, &app, members::BIRTH);
        assert!(
            (warning.y - birth.y).abs() > 40.0,
            "not under 出生日期 ({birth:?}): {warning:?}"
        );
    }

    #[test]
    fn desk_form_warnings_show_together_with_an_error_each_under_its_field() {
        let (mut window, mut app) = a_woman_numbered("两处待核");
        type_into(&mut window, &mut app, members::BIRTH, "1981-01-01");
        type_into(&mut window, &mut app, members::PHONE, "12ab");
        // The birth date's warning (two lines in this narrow panel) while
        // the phone can't be read: both show, each under its own field.
        let warning = text_at(
            &mut window,
            &app,
            "⚠ 出生日期与身份证号不符：身份证号的出生日期是 1980-01-01",
        );
        let error = text_at(
            &mut window,
            &app,
            "「12ab」不是有效的电话号码 (invalid phone)",
        );
        let birth = at(&mut window, &app, members::BIRTH);
        let id_number = at(&mut window, &app, members::ID_NUMBER);
        between(warning, birth, id_number, "the birth date's warning");
        assert!(
            warning.height > 20.0,
            "it wraps, taking its height: {warning:?}"
        );
        let phone = at(&mut window, &app, members::PHONE);
        let workplace = at(&mut window, &app, "member-workplace");
        between(error, phone, workplace, "the phone's error");
    }

    #[test]
    fn desk_form_tab_from_the_last_field_lands_on_the_first_and_the_text_arrives() {
        let (mut window, mut app) = on(sample_app(), "XY01-B1-G1");
        add_member(&mut window, &mut app);
        type_into(&mut window, &mut app, "member-workplace", "街道办");
        window.tap_key(&mut app, Named::Tab);
        let name = window.find(&app, widget::Id::new(members::NAME)).unwrap();
        assert!(whole(&name), "姓名 scrolled back into sight: {name:?}");
        name_takes_what_is_typed(&mut window, &mut app, "甲");
        // And back: Shift+Tab from the first field to the last.
        let back = pressed(Named::Tab.into(), iced::keyboard::Modifiers::SHIFT);
        window.events(&mut app, vec![iced::Event::Keyboard(back)]);
        assert_eq!(
            window.focused(&app),
            Some(widget::Id::new("member-workplace"))
        );
    }

    #[test]
    fn desk_form_add_member_on_a_long_branch_shows_its_first_field_with_the_cursor() {
        // 迎宾馆 第一网格党支部 holding forty members directly.
        let app = planted(|doc| {
            let branch = doc.unit_by_code("XY01-B1").unwrap().id;
            for member in doc.members.values_mut().take(40) {
                member.unit = branch;
            }
        });
        let (mut window, mut app) = on(app, "XY01-B1");
        add_member(&mut window, &mut app);
        let name = window
            .find(&app, widget::Id::new(members::NAME))
            .expect("the form opened");
        assert!(whole(&name), "姓名 shows whole: {name:?}");
        let shown = panel(&mut window, &app);
        let field = name.visible_bounds().unwrap();
        assert!(
            field.y >= shown.y && field.y + field.height <= shown.y + shown.height,
            "姓名 {field:?} lies in the panel {shown:?}"
        );
        name_takes_what_is_typed(&mut window, &mut app, "乙");
    }
}
