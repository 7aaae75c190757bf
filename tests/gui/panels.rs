//! The lines between the panels dragged as a user drags them, the widths
//! kept in the settings file and used by the next window; the window's size
//! kept when it closes.

use crate::common::{drag, interact, sample_app, screen, settle};
use gridorg::gui::panels::{self, Panels, MIN_MIDDLE};
use gridorg::gui::{App, Message};
use gridorg::store::window::WindowSettings;
use iced::{widget, Point, Rectangle};
use std::os::unix::fs::PermissionsExt;

/// Where the structure (the canvas) is drawn.
fn canvas(app: &App) -> Rectangle {
    let mut ui = screen(app.view());
    ui.find(widget::Id::new(gridorg::gui::CANVAS))
        .expect("the canvas")
        .bounds()
}

/// Drags the line `at` pixels left of the canvas (the outline's right) or
/// right of it (the side panel's left) sideways by `by`.
fn drag_line(app: &mut App, x: f32, by: f32) {
    let y = canvas(app).center_y();
    interact(app, |ui| {
        drag(ui, Point::new(x, y), Point::new(x + by, y));
    });
}

#[test]
fn panels_outline_line_dragged_is_kept_for_the_next_window() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config/gridorg/window.ron");
    let mut app = sample_app().keep_window_in(file.clone());
    let before = canvas(&app);
    // The line is the 21-pixel strip just left of the canvas.
    drag_line(&mut app, before.x - 10.0, 100.0);
    let after = canvas(&app);
    assert!(
        (after.x - (before.x + 100.0)).abs() < 1.0,
        "the outline grew by the drag: {before:?} → {after:?}"
    );
    assert!((after.width - (before.width - 100.0)).abs() < 1.0);
    let kept = WindowSettings::read(&file);
    assert!(
        (kept.outline - (WindowSettings::default().outline + 100.0)).abs() < 1.0,
        "{kept:?}"
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The next window opens with the outline as it was left.
    let next = sample_app().keep_window_in(file);
    assert!((canvas(&next).x - after.x).abs() < 1.0);
}

#[test]
fn panels_side_line_dragged_leaves_the_structure_its_room() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("window.ron");
    let mut app = sample_app().keep_window_in(file.clone());
    let before = canvas(&app);
    // The side panel's line is the strip just right of the canvas.
    drag_line(&mut app, before.x + before.width + 10.0, -60.0);
    let wider = canvas(&app);
    assert!((wider.width - (before.width - 60.0)).abs() < 1.0);
    assert!(
        (WindowSettings::read(&file).side - (WindowSettings::default().side + 60.0)).abs() < 1.0
    );
    // Dragged far across the window, the structure keeps its least width.
    drag_line(&mut app, wider.x + wider.width + 10.0, -2000.0);
    let least = canvas(&app);
    assert!(
        least.width >= MIN_MIDDLE - 1.0 && least.width < MIN_MIDDLE + 40.0,
        "{least:?}"
    );
}

#[test]
fn panels_window_size_kept_when_it_closes_unless_maximized() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("window.ron");
    let mut panels = Panels::new(WindowSettings::default(), Some(file.clone()));
    let _ = panels.update(panels::Message::Resized(iced::Size::new(1024.0, 700.0)));
    let mut app = sample_app();
    settle(&mut app, panels.keep(Some(false)).map(Message::Panels));
    let kept = WindowSettings::read(&file);
    assert_eq!((kept.size, kept.maximized), ((1024.0, 700.0), false));
    // Maximized, the size it had before stays for the next time it is not.
    let mut panels = Panels::new(kept, Some(file.clone()));
    let _ = panels.update(panels::Message::Resized(iced::Size::new(1920.0, 1050.0)));
    settle(&mut app, panels.keep(Some(true)).map(Message::Panels));
    let kept = WindowSettings::read(&file);
    assert_eq!((kept.size, kept.maximized), ((1024.0, 700.0), true));
}

#[test]
fn panels_narrow_window_shrinks_the_panels_not_the_structure() {
    let mut panels = Panels::default();
    let _ = panels.update(panels::Message::Resized(iced::Size::new(800.0, 560.0)));
    let (outline, side) = panels.widths();
    let room = 800.0 - 2.0 * panels::MARGIN - 2.0 * 21.0;
    assert!(
        room - outline - side >= MIN_MIDDLE - 0.5,
        "{outline} + {side} in {room}"
    );
    assert!(outline < WindowSettings::default().outline);
}
