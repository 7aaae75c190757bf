//! Org charts (issue targets, release build): one street (the street preset,
//! every level, and down to groups as Graphviz was timed on) under 0.3 s, the
//! district preset down to groups under 1 s; and a whole street tiled on A4
//! sheets, where each sheet is made from the items that fall on it.
//! Run with `cargo bench --bench chart`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::generate::{generate, Preset};
use gridorg::pdf::chart::{chart, ChartOptions};
use gridorg::pdf::{FontSource, Paper};
use std::time::Duration;

fn charts(c: &mut Criterion) {
    let options = |paper, depth| ChartOptions {
        root: None,
        depth,
        paper,
        landscape: false,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        font: FontSource::default(),
    };
    let street = generate(Preset::Street, 1);
    let district = generate(Preset::District, 1);
    let street_options = options(Paper::A3, None);
    let street_groups_options = options(Paper::A3, Some(4));
    let district_options = options(Paper::A0, Some(4));
    let tiled_options = options(Paper::A4, None);
    for (name, doc, o) in [
        ("street", &street, &street_options),
        ("street tiled on A4", &street, &tiled_options),
        ("street to groups", &street, &street_groups_options),
        ("district to groups", &district, &district_options),
    ] {
        let made = chart(doc, o).unwrap();
        eprintln!(
            "{name}: {} boxes, {} × {} sheets of {:?}, {:.0} KB",
            made.boxes,
            made.sheets.0,
            made.sheets.1,
            o.paper,
            made.bytes.len() as f64 / 1024.0
        );
    }
    let mut group = c.benchmark_group("chart");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("street", |b| {
        b.iter(|| chart(&street, &street_options).unwrap())
    });
    group.bench_function("street to groups", |b| {
        b.iter(|| chart(&street, &street_groups_options).unwrap())
    });
    group.bench_function("street tiled on A4", |b| {
        b.iter(|| chart(&street, &tiled_options).unwrap())
    });
    group.bench_function("district to groups", |b| {
        b.iter(|| chart(&district, &district_options).unwrap())
    });
    group.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
