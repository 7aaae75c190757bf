//! The organization canvas: click to select, drag a box onto a new parent,
//! the fold square, panning, the wheel and fit.

use crate::common::{drag, interact, interact_seeing, on_canvas, sample_app, screen, unit};
use gridorg::gui::{outline, Message, UNDO};
use iced::widget;

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
