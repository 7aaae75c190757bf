//! Member rosters (issue targets, release build): the district preset (about
//! 25,000 members) under 2 s. The city preset (120,000, under 10 s and 1 GB)
//! takes ~10 s a run, so it is measured once, with its peak memory, by
//! `cargo run --release --example roster_peak -- /tmp/city.ron`.
//! Run with `cargo bench --bench roster`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::generate::{generate, Preset};
use gridorg::pdf::roster::{roster, RosterKind, RosterOptions};
use gridorg::pdf::FontSource;
use std::time::Duration;

fn rosters(c: &mut Criterion) {
    let district = generate(Preset::District, 1);
    let options = RosterOptions {
        unit: None,
        kind: RosterKind::Members,
        unmasked: false,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        font: FontSource::default(),
    };
    let made = roster(&district, &options).unwrap();
    eprintln!(
        "district: {} members, {} pages, {:.1} MB",
        made.rows,
        made.pages,
        made.bytes.len() as f64 / 1e6
    );
    let mut group = c.benchmark_group("roster");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(25));
    group.bench_function("district members", |b| {
        b.iter(|| roster(&district, &options).unwrap())
    });
    group.finish();
}

criterion_group!(benches, rosters);
criterion_main!(benches);
