//! The coverage view: a community's branches and grids, covering a grid by
//! dragging a branch onto it and uncovering it by dragging the line off.

use crate::common::{drag, interact, interact_seeing, sample_app, screen, unit};
use gridorg::gui::{outline, App, Message, UNDO};
use gridorg::model::Id;
use iced::widget;

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
