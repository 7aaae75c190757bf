//! The members sheet on the city preset (release build): the community with
//! the most members, its sheet opened from the property panel and drawn, and
//! scrolled by the mouse wheel and drawn again (target: 100 ms each, issue 25
//! item 8); only the rows in view are built. Each figure is the window's
//! state changed and the whole window built, laid out and drawn by the
//! software renderer at 1280×800 by a fresh renderer, which shapes all text
//! anew: the window's own keeps it from frame to frame, and "nothing +
//! redraw" gives that floor; the same steps are also timed as the window's
//! state changed and its view built, without drawing. Also the core alone:
//! the community's rows found and sorted, and a 200×3 block pasted.
//! Run with `cargo bench --bench sheet`.

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::generate::{generate, Preset};
use gridorg::gui::{inspector, outline, sheet, App, Message};
use gridorg::mask::Privacy;
use gridorg::model::{Id, Level};
use std::collections::HashMap;
use std::time::{Duration, Instant};

fn city(c: &mut Criterion) {
    let mut app = App::new(generate(Preset::City, 1), None);
    let document = app.document();
    let graph = gridorg::graph::Graph::build(document);
    let tree = graph.tree();
    let mut counts: HashMap<Id, usize> = HashMap::new();
    for m in document.members.values() {
        let community = std::iter::once(m.unit)
            .chain(tree.ancestors(m.unit))
            .find(|u| document.units[u].level == Level::Community);
        if let Some(community) = community {
            *counts.entry(community).or_default() += 1;
        }
    }
    let (&community, &most) = counts.iter().max_by_key(|(_, n)| **n).unwrap();
    eprintln!("the sheet of a community of {most} members");

    let mut group = c.benchmark_group("sheet-city");
    group.sample_size(10);
    group.bench_function("rows found and sorted (core)", |b| {
        b.iter(|| {
            let mut table = gridorg::sheet::Table::of(document, tree, community);
            table.sort(document, gridorg::sheet::Column::Birth, Privacy::Masked);
            table.rows().len()
        })
    });
    let table = gridorg::sheet::Table::of(document, tree, community);
    let block: Vec<Vec<String>> = (0..200)
        .map(|i| vec![format!("学历{i}"), String::new(), "2001-07-01".into()])
        .collect();
    group.bench_function("a 200×3 block pasted (core)", |b| {
        b.iter(|| {
            let education = gridorg::sheet::Column::Education;
            gridorg::sheet::paste(
                document,
                table.rows(),
                0,
                education,
                &block,
                Privacy::Masked,
            )
        })
    });
    drop(graph);

    let _ = app.update(Message::Outline(outline::Message::Pick(community)));
    group.bench_function("open the community's sheet + redraw", |b| {
        b.iter_custom(|iters| opened(&mut app, iters, most, |app| drop(draw(app, None))))
    });
    // The window's own part: its state changed and its view built (the rows
    // in view), without the fresh renderer's layout and drawing.
    group.bench_function("open the community's sheet, window state + view", |b| {
        b.iter_custom(|iters| {
            opened(&mut app, iters, most, |app| {
                std::hint::black_box(app.view());
            })
        })
    });
    let _ = app.update(Message::Inspector(inspector::Message::OpenSheet));
    let turns: Vec<Vec<Message>> = [-30.0, 30.0]
        .into_iter()
        .map(|lines| {
            let turned = draw(&app, Some(lines));
            for message in turned.clone() {
                let _ = app.update(message);
            }
            turned
        })
        .collect();
    assert!(!turns[0].is_empty(), "the wheel scrolls the rows");
    let mut turn = 0;
    group.bench_function("scroll the sheet, window state + view", |b| {
        b.iter(|| {
            turn += 1;
            for message in turns[turn % 2].clone() {
                let _ = app.update(message);
            }
            std::hint::black_box(app.view());
        })
    });
    // The floor of the figures with a redraw: a step that changes nothing.
    group.bench_function("nothing + redraw, the sheet open", |b| {
        b.iter(|| {
            let _ = app.update(Message::Derived(None));
            draw(&app, None)
        })
    });
    group.bench_function("scroll the sheet + redraw", |b| {
        b.iter(|| {
            // A wheel turn of 30 lines over the rows, down then up.
            turn += 1;
            for message in turns[turn % 2].clone() {
                let _ = app.update(message);
            }
            draw(&app, None)
        })
    });
    group.finish();
}

/// The time `iters` openings of the selected unit's sheet take, each with
/// what `then` does after; the sheet is closed after each, untimed.
fn opened(app: &mut App, iters: u64, rows: usize, then: impl Fn(&App)) -> Duration {
    let mut spent = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        let _ = app.update(Message::Inspector(inspector::Message::OpenSheet));
        then(app);
        spent += start.elapsed();
        assert_eq!(app.sheet().unwrap().rows().len(), rows);
        let _ = app.update(Message::Sheet(sheet::Message::Close));
    }
    spent
}

/// The window built, laid out and drawn in software at 1280×800, with the
/// mouse wheel turned by `lines` over the sheet's rows first if given; the
/// messages the turn gave.
fn draw(app: &App, lines: Option<f32>) -> Vec<Message> {
    // The font goes to the renderer's font system once, as in the window.
    static FONT: std::sync::Once = std::sync::Once::new();
    let mut fonts = Vec::new();
    FONT.call_once(|| fonts.push(gridorg::font::NOTO_SANS_SC.into()));
    let settings = iced::Settings {
        fonts,
        default_font: gridorg::gui::CJK,
        ..iced::Settings::default()
    };
    let mut ui = iced_test::Simulator::with_size(settings, (1280.0, 800.0), app.view());
    if let Some(y) = lines {
        let rows = ui.find(iced::widget::Id::new(sheet::ROWS)).unwrap();
        ui.point_at(rows.bounds().center());
        let delta = iced::mouse::ScrollDelta::Lines { x: 0.0, y };
        ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
            delta,
        })]);
    }
    std::hint::black_box(ui.snapshot(&iced::Theme::Light).unwrap());
    ui.into_messages().collect()
}

criterion_group!(benches, city);
criterion_main!(benches);
