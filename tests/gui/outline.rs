//! The outline: search by code, name or pinyin initials, members found by
//! initials, a long list built only where it shows, keys that walk and fold.

use crate::common::{interact, operates_a_widget, pressed, sample_app, screen, settle, unit};
use gridorg::gui::{outline, App, Message};
use gridorg::model::Id;
use iced::widget;

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
