//! 统计 in the window on the city preset (release build): from the click to
//! the tables shown — the message handled, any work it waits for on other
//! threads brought back, the window built, laid out and drawn by the software
//! renderer at 1280×800 (target: within 100 ms). The document has been open a
//! moment (the tables are kept ready, as in the window). Then the same after a
//! selection changes while they are shown, which waits for the count of the
//! community on its thread.
//!
//! As in `benches/editor.rs`, each redraw is made by a fresh renderer, so all
//! text is shaped anew every time — which the window, keeping its renderer,
//! does not. So the floor is measured too: the same whole-window redraw after
//! a step that changes nothing. What the click costs is the difference; the
//! real window's figure is measured under Xvfb (see the README).
//! Run with `cargo bench --bench statistics`.

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::generate::{generate, Preset};
use gridorg::gui::{outline, statistics, App, Message};
use iced::Task;
use std::time::Instant;

fn city(c: &mut Criterion) {
    let doc = generate(Preset::City, 1);
    let communities: Vec<_> = doc
        .units
        .values()
        .filter(|u| u.level == gridorg::model::Level::Community)
        .map(|u| u.id)
        .take(2)
        .collect();
    let mut app = App::new(doc, None);
    // The window's first steps after opening: the tables get ready.
    let toggle = || Message::Statistics(statistics::Message::Toggle);
    let _ = step(&mut app, toggle());
    let _ = step(&mut app, toggle());
    let started = Instant::now();
    let task = app.update(toggle());
    settle(&mut app, task);
    eprintln!(
        "click 统计 to the tables in the window's state (no redraw): {:?}",
        started.elapsed()
    );
    let _ = app.update(toggle());
    let mut group = c.benchmark_group("statistics-city");
    group.sample_size(10);
    group.bench_function("floor: a step that changes nothing, drawn", |b| {
        b.iter(|| step(&mut app, Message::Statistics(statistics::Message::Table(0))))
    });
    group.bench_function("click 统计 to the tables drawn", |b| {
        b.iter(|| {
            let shown = step(&mut app, toggle());
            assert!(app.statistics().is_some());
            // Closed again for the next round (not timed apart: a cheap step).
            let _ = app.update(toggle());
            shown
        })
    });
    let _ = app.update(toggle());
    let mut turn = 0usize;
    group.bench_function("select a community while shown", |b| {
        b.iter(|| {
            turn += 1;
            let pick = outline::Message::Pick(communities[turn % 2]);
            step(&mut app, Message::Outline(pick))
        })
    });
    group.finish();
}

/// One step, every task it starts run to the end (the tables' worker
/// included), then the whole window drawn in software at 1280×800.
fn step(app: &mut App, message: Message) -> usize {
    static FONT: std::sync::Once = std::sync::Once::new();
    let mut fonts = Vec::new();
    FONT.call_once(|| fonts.push(gridorg::font::NOTO_SANS_SC.into()));
    let task = app.update(message);
    settle(app, task);
    let settings = iced::Settings {
        fonts,
        default_font: gridorg::gui::CJK,
        ..iced::Settings::default()
    };
    let mut ui = iced_test::Simulator::with_size(settings, (1280.0, 800.0), app.view());
    let shot = ui.snapshot(&iced::Theme::Light).unwrap();
    std::hint::black_box(shot);
    app.statistics().map_or(0, |r| r.rows.len())
}

fn settle(app: &mut App, task: Task<Message>) {
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let Some(mut stream) = task::into_stream(task) else {
        return;
    };
    while let Some(action) = block_on(stream.next()) {
        if let Action::Output(message) = action {
            // The derived findings of a step are not what is timed here.
            if matches!(message, Message::Derived(_)) {
                continue;
            }
            let next = app.update(message);
            settle(app, next);
        }
    }
}

criterion_group!(benches, city);
criterion_main!(benches);
