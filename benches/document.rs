//! Loading and saving the city preset (issue: load + graph < 1 s, save < 1 s,
//! release build). Run with `cargo bench --bench document`.

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::generate::{generate, Preset};
use gridorg::{document, graph::Graph};
use std::time::Duration;

fn city(c: &mut Criterion) {
    let doc = generate(Preset::City, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("city.ron");
    document::save(&doc, &path).unwrap();
    let bytes = std::fs::metadata(&path).unwrap().len();
    eprintln!(
        "city preset: {} units, {} members, {} households, file {:.1} MB",
        doc.units.len(),
        doc.members.len(),
        doc.households.len(),
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("city");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("load + graph", |b| {
        b.iter(|| {
            let loaded = document::load(&path).unwrap();
            Graph::build(&loaded).node_count()
        })
    });
    let out = dir.path().join("saved.ron");
    group.bench_function("save", |b| b.iter(|| document::save(&doc, &out).unwrap()));
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
