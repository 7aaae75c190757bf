//! The editor on the city preset (release build): opening it to a usable
//! window — load from disk, then the window's state: outline, canvas layout,
//! findings, figures (target: under 2 s; the recovery journal is started on
//! a worker after that); one edit as the window's thread
//! does it (the document changed, outline and canvas redrawn); and the
//! findings and figures that follow it on a thread of their own.
//! Run with `cargo bench --bench editor`.

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::gui::{inspector, App, Message};

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
    let _ = app.update(Message::Problem(gridorg::gui::problems::Message::Pick(
        branch,
    )));
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
        b.iter(|| gridorg::gui::derived::derive(app.document(), (0, 0)))
    });
    group.finish();
    eprintln!("{} units on the canvas at first", app.canvas().len());
}

criterion_group!(benches, city);
criterion_main!(benches);
