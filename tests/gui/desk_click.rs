//! Issue 25, item 1, at an ordinary office desk (1280×800, 1024×700): a
//! finding's row pressed and released as a person does (pointed at, which
//! the window answers, then clicked) goes to its fix, because nothing the
//! pointer or a note shows below the list moves the rows; a clicked list
//! then works from the keyboard (↑ ↓ Enter, Escape lets go).

use crate::common::{pressed, settle};
use crate::problems::open_findings;
use gridorg::check::Finding;
use gridorg::gui::inspector::fixes;
use gridorg::gui::{keys, problems, App, Message};
use gridorg::model::Id;
use iced::keyboard::{key::Named, Key, Modifiers};
use iced_test::Simulator;

/// The two desks of the issue.
const DESKS: [(f32, f32); 2] = [(1280.0, 800.0), (1024.0, 700.0)];

/// The window at a desk's size.
fn at_desk(size: (f32, f32), view: iced::Element<'_, Message>) -> Simulator<'_, Message> {
    Simulator::with_size(iced::Settings::default(), size, view)
}

/// Feeds messages back to the window as the runtime would.
fn feed(app: &mut App, messages: Vec<Message>) {
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

/// The unit a finding's fix selects.
fn fix_unit(app: &App, finding: &Finding) -> Id {
    fixes::lead(app.document(), finding)
        .and_then(|lead| lead.unit)
        .unwrap_or_else(|| panic!("{} has a unit to go to", finding.code))
}

/// Points at `finding`'s row, lets the window answer the hover, then
/// presses and releases the button where the row was: the row must still
/// be there, as large, under the pointer.
fn click_as_a_person(app: &mut App, size: (f32, f32), finding: &Finding) {
    let label = problems::label(finding);
    let (seen, hovered) = {
        let mut ui = at_desk(size, app.view());
        let seen = ui
            .find(label.as_str())
            .unwrap_or_else(|_| panic!("{label} is built at {size:?}"))
            .visible_bounds()
            .unwrap_or_else(|| panic!("{label} shows at {size:?}"));
        let position = seen.center();
        ui.point_at(position);
        let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::CursorMoved {
            position,
        })]);
        (seen, ui.into_messages().collect())
    };
    feed(app, hovered);
    let clicked = {
        let mut ui = at_desk(size, app.view());
        let now = ui
            .find(label.as_str())
            .ok()
            .and_then(|row| row.visible_bounds());
        assert_eq!(
            now,
            Some(seen),
            "{label}: the row stays put under the pointer at {size:?}"
        );
        let list = ui
            .find(iced::widget::Id::new(problems::LIST))
            .expect("the list")
            .visible_bounds()
            .unwrap_or_default();
        assert!(
            list.y <= seen.y && seen.y + seen.height <= list.y + list.height + 0.5,
            "{label}: the whole row stays in the list's view {list:?} at {size:?}"
        );
        ui.point_at(seen.center());
        let _ = ui.simulate(iced_test::simulator::click());
        ui.into_messages().collect()
    };
    feed(app, clicked);
}

/// Presses a key as the keyboard reports it to the window.
fn key(app: &mut App, named: Named) -> iced::Task<Message> {
    let message = keys::message(pressed(Key::Named(named), Modifiers::empty()))
        .unwrap_or_else(|| panic!("{named:?} means something"));
    app.update(message)
}

/// Presses a key and runs what it started.
fn tap(app: &mut App, named: Named) {
    let task = key(app, named);
    settle(app, task);
}

#[test]
fn desk_click_rows_one_to_five_of_the_sample_go_to_their_fix() {
    rows_one_to_five_go_to_their_fix(gridorg::gui::bundled_sample().unwrap());
}

#[test]
fn desk_click_rows_one_to_five_of_a_street_go_to_their_fix() {
    // Dozens of findings, counts of two digits in the rule list.
    rows_one_to_five_go_to_their_fix(gridorg::generate::generate(
        gridorg::generate::Preset::Street,
        1,
    ));
}

/// At each desk, in a window fresh on `document`, each of rows 1 to 5 (the
/// rows the list shows) clicked as a person does selects the unit of the
/// finding's fix.
fn rows_one_to_five_go_to_their_fix(document: gridorg::model::Document) {
    for size in DESKS {
        for row in 0..5 {
            let mut app = App::new(document.clone(), None);
            let finding = open_findings(&app)[row].clone();
            let unit = fix_unit(&app, &finding);
            assert_ne!(app.selected(), Some(unit));
            click_as_a_person(&mut app, size, &finding);
            assert_eq!(
                app.selected(),
                Some(unit),
                "row {} ({}) at {size:?} goes to its fix",
                row + 1,
                finding.code
            );
        }
    }
}

#[test]
fn desk_click_a_note_being_written_moves_no_row() {
    for size in DESKS {
        let mut app = crate::common::sample_app();
        let second = open_findings(&app)[1].clone();
        let label = problems::label(&second);
        let before = at_desk(size, app.view())
            .find(label.as_str())
            .ok()
            .and_then(|row| row.visible_bounds());
        assert!(before.is_some(), "row 2 shows at {size:?}");
        let noting = app.update(Message::Problem(problems::Message::Acknowledge(
            open_findings(&app)[0].key(),
        )));
        settle(&mut app, noting);
        let mut ui = at_desk(size, app.view());
        ui.find(iced::widget::Id::new(problems::NOTE))
            .expect("the note's field");
        let after = ui
            .find(label.as_str())
            .ok()
            .and_then(|row| row.visible_bounds());
        assert_eq!(after, before, "row 2 stays put at {size:?}");
    }
}

#[test]
fn desk_click_arrows_and_enter_walk_the_clicked_list() {
    for size in DESKS {
        let mut app = crate::common::sample_app();
        let rows = open_findings(&app);
        click_as_a_person(&mut app, size, &rows[0]);
        assert_eq!(app.selected(), Some(fix_unit(&app, &rows[0])));
        // ↓ highlights row 2, shown whole below the list; Enter goes there.
        tap(&mut app, Named::ArrowDown);
        assert_eq!(app.selected(), Some(fix_unit(&app, &rows[0])), "↓ alone");
        at_desk(size, app.view())
            .find(rows[1].message.as_str())
            .expect("the highlighted finding's whole message");
        tap(&mut app, Named::Enter);
        assert_eq!(app.selected(), Some(fix_unit(&app, &rows[1])), "Enter");
        // ↓ ↓ ↑ Enter: row 3, whatever the fix did with the keyboard.
        tap(&mut app, Named::ArrowDown);
        tap(&mut app, Named::ArrowDown);
        tap(&mut app, Named::ArrowUp);
        tap(&mut app, Named::Enter);
        assert_eq!(app.selected(), Some(fix_unit(&app, &rows[2])), "↓ ↓ ↑");
        // Escape lets go: Enter then goes nowhere, and a second Escape
        // selects nothing as before.
        tap(&mut app, Named::Escape);
        tap(&mut app, Named::ArrowUp);
        tap(&mut app, Named::Enter);
        assert_eq!(app.selected(), Some(fix_unit(&app, &rows[2])), "let go");
        tap(&mut app, Named::Escape);
        assert_eq!(app.selected(), None);
    }
}

#[test]
fn desk_click_the_highlight_is_scrolled_to_and_the_canvas_takes_the_keys_back() {
    let mut app = App::new(
        gridorg::generate::generate(gridorg::generate::Preset::District, 1),
        None,
    );
    let rows = open_findings(&app);
    assert!(rows.len() > 120, "{} findings", rows.len());
    click_as_a_person(&mut app, DESKS[1], &rows[0]);
    // Far below the rows in view, the list is scrolled to the highlight.
    let mut scrolled = false;
    for _ in 0..100 {
        let task = key(&mut app, Named::ArrowDown);
        scrolled |= crate::common::operates_a_widget(task);
    }
    assert!(scrolled, "the list scrolls to the highlighted row");
    tap(&mut app, Named::Enter);
    assert_eq!(app.selected(), Some(fix_unit(&app, &rows[100])));
    // A click on the canvas: the list lets go, ↑ Enter go nowhere (with
    // the list, to the row above's unit).
    assert_ne!(fix_unit(&app, &rows[99]), fix_unit(&app, &rows[100]));
    let fit = app.update(Message::Canvas(gridorg::gui::canvas::Message::Fit));
    settle(&mut app, fit);
    tap(&mut app, Named::ArrowUp);
    tap(&mut app, Named::Enter);
    assert_eq!(app.selected(), Some(fix_unit(&app, &rows[100])));
}
