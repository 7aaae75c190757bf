//! The editor on the city preset (release build): opening it to a usable
//! window — load from disk, then the window's state: outline, canvas layout
//! (target: under 2 s; the findings and figures, and the recovery journal,
//! follow from workers, the findings as after an edit); one edit as the
//! window's thread
//! does it (the document changed, outline and canvas redrawn); and the
//! findings and figures that follow it on a thread of their own. Then the
//! steps a user takes, each with the redraw it causes — the window's view
//! built, laid out and drawn by the software renderer at 1280×800: select a
//! unit, pan, one zoom step, rename, undo, go to a finding's fix, the home
//! view shown when nothing is selected, and the coverage graph of the
//! community with the most grids opened from the canvas bar (target 100 ms). Each redraw here is made by a fresh renderer
//! (iced_test's Simulator takes the view whole), so text is shaped anew every
//! time: "nothing + redraw" gives that floor. The window keeps its renderer;
//! its own figures (targets 150 ms, 100 ms for the home view) are taken under
//! Xvfb, see README.
//! Run with `cargo bench --bench editor`.

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::gui::{canvas, coverage, inspector, outline, problems, App, Message};

fn city(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("city.ron");
    document::save(&generate(Preset::City, 1), &path).unwrap();
    let mut group = c.benchmark_group("editor-city");
    group.sample_size(10);
    group.bench_function("open to window", |b| {
        b.iter(|| App::open(document::load(&path).unwrap(), Some(path.clone())).0)
    });
    let doc = document::load(&path).unwrap();
    let branch = doc
        .units
        .values()
        .find(|u| u.level == gridorg::model::Level::Branch)
        .unwrap()
        .id;
    let mut app = App::new(doc, Some(path.clone()));
    let _ = app.update(Message::Outline(outline::Message::Pick(branch)));
    let mut n = 0u64;
    group.bench_function("edit on the window thread", |b| {
        b.iter(|| {
            n += 1;
            let _ = app.update(Message::Inspector(inspector::Message::Leader(format!(
                "书记{n}"
            ))));
            let _ = app.update(Message::Inspector(inspector::Message::Apply));
        })
    });
    group.bench_function("findings after an edit (worker)", |b| {
        b.iter(|| gridorg::gui::derived::derive(app.document(), (0, 0), None))
    });
    let branches: Vec<_> = app
        .document()
        .units
        .values()
        .filter(|u| u.level == gridorg::model::Level::Branch)
        .map(|u| u.id)
        .take(2)
        .collect();
    let mut turn = 0usize;
    group.bench_function("select + redraw", |b| {
        b.iter(|| {
            turn += 1;
            let pick = outline::Message::Pick(branches[turn % 2]);
            step(&mut app, Message::Outline(pick))
        })
    });
    group.bench_function("pan + redraw", |b| {
        b.iter(|| {
            turn += 1;
            let mut view = app.canvas().unwrap().current(iced::Size::new(700.0, 500.0));
            view.center.x += if turn.is_multiple_of(2) { 40.0 } else { -40.0 };
            step(&mut app, Message::Canvas(canvas::Message::Viewed(view)))
        })
    });
    group.bench_function("zoom step + redraw", |b| {
        b.iter(|| {
            turn += 1;
            let factor = if turn.is_multiple_of(2) { 1.25 } else { 0.8 };
            step(&mut app, Message::Canvas(canvas::Message::Zoom(factor)))
        })
    });
    group.bench_function("rename + redraw", |b| {
        b.iter(|| {
            turn += 1;
            let _ = app.update(Message::Inspector(inspector::Message::Name(format!(
                "支部{turn}"
            ))));
            step(&mut app, Message::Inspector(inspector::Message::Apply))
        })
    });
    group.bench_function("undo + redraw", |b| {
        b.iter(|| {
            turn += 1;
            step(
                &mut app,
                if turn.is_multiple_of(2) {
                    Message::Undo
                } else {
                    Message::Redo
                },
            )
        })
    });
    // A finding clicked: its unit selected, its form opened, the panel
    // scrolled to the control (two findings of member and grid rules, in turn).
    let report = app.report();
    let fixes: Vec<_> = ["id-number-invalid", "grid-no-worker"]
        .into_iter()
        .filter_map(|rule| report.findings.iter().find(|f| f.rule.id() == rule))
        .map(|f| f.key())
        .collect();
    group.bench_function("go to a finding's fix + redraw", |b| {
        b.iter(|| {
            turn += 1;
            let pick = problems::Message::Pick(fixes[turn % fixes.len()]);
            step(&mut app, Message::Problem(pick))
        })
    });
    group.bench_function("home view", |b| {
        b.iter(|| step(&mut app, Message::Deselect))
    });
    let mut grids = std::collections::HashMap::new();
    for g in app.document().grids.values() {
        *grids.entry(g.community).or_insert(0usize) += 1;
    }
    let (&crowded, &most) = grids.iter().max_by_key(|(_, n)| **n).unwrap();
    let _ = app.update(Message::Outline(outline::Message::Pick(crowded)));
    group.bench_function("coverage view + redraw", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                let start = std::time::Instant::now();
                step(&mut app, Message::Coverage(coverage::Message::Toggle));
                spent += start.elapsed();
                assert!(app.coverage().unwrap().shown());
                let _ = app.update(Message::Coverage(coverage::Message::Toggle));
            }
            spent
        })
    });
    group.bench_function("coverage view, window state only", |b| {
        b.iter(|| {
            let _ = app.update(Message::Coverage(coverage::Message::Toggle));
            let _ = app.update(Message::Coverage(coverage::Message::Toggle));
        })
    });
    eprintln!("coverage graph of a community of {most} grids");
    // The floor of every figure above: a step that changes nothing, its
    // window built and drawn by a fresh renderer (text shaped anew, where the
    // window's own renderer keeps it from frame to frame).
    group.bench_function("nothing + redraw", |b| {
        b.iter(|| step(&mut app, Message::Derived(None)))
    });
    group.finish();
    eprintln!(
        "{} units on the canvas at first",
        app.canvas().unwrap().len()
    );
}

/// One step and the redraw it causes: the message handled, then the whole
/// window built, laid out and drawn in software at 1280×800.
fn step(app: &mut App, message: Message) -> usize {
    // The font goes to the renderer's font system once, as in the window.
    static FONT: std::sync::Once = std::sync::Once::new();
    let mut fonts = Vec::new();
    FONT.call_once(|| fonts.push(gridorg::font::NOTO_SANS_SC.into()));
    let _ = app.update(message);
    let settings = iced::Settings {
        fonts,
        default_font: gridorg::gui::CJK,
        ..iced::Settings::default()
    };
    let mut ui = iced_test::Simulator::with_size(settings, (1280.0, 800.0), app.view());
    let shot = ui.snapshot(&iced::Theme::Light).unwrap();
    std::hint::black_box(shot);
    app.document().units.len()
}

criterion_group!(benches, city);
criterion_main!(benches);
