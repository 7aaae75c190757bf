//! Rosters and notice boards of the district preset (about 25,000 members,
//! 70,000 households, 900 grids), release build: the member roster made in
//! memory (the bytes the statistics path and tests use) and streamed page by
//! page into nothing (what `gridorg roster -o` does, without the disk), the
//! household roster and the notice boards. The city preset is measured as a
//! whole process: `cargo run --release --example roster_peak -- /tmp/city.ron`.
//! Run with `cargo bench --bench roster`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::generate::{generate, Preset};
use gridorg::pdf::poster::{posters_to, PosterOptions};
use gridorg::pdf::roster::{roster, roster_to, RosterKind, RosterOptions};
use gridorg::pdf::{FontSource, Watch};
use std::time::Duration;

fn rosters(c: &mut Criterion) {
    let district = generate(Preset::District, 1);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let members = RosterOptions {
        unit: None,
        kind: RosterKind::Members,
        unmasked: false,
        today,
        font: FontSource::default(),
    };
    let households = RosterOptions {
        kind: RosterKind::Households,
        ..members.clone()
    };
    let boards = PosterOptions {
        unit: None,
        today,
        font: FontSource::default(),
    };
    let made = roster(&district, &members).unwrap();
    eprintln!(
        "district: {} members, {} pages, {:.1} MB",
        made.rows,
        made.pages,
        made.bytes.len() as f64 / 1e6
    );
    let mut group = c.benchmark_group("roster");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("district members", |b| {
        b.iter(|| roster(&district, &members).unwrap())
    });
    group.bench_function("district members streamed", |b| {
        b.iter(|| roster_to(&district, &members, Watch::none(), std::io::sink()).unwrap())
    });
    group.bench_function("district households streamed", |b| {
        b.iter(|| roster_to(&district, &households, Watch::none(), std::io::sink()).unwrap())
    });
    group.bench_function("district notice boards streamed", |b| {
        b.iter(|| posters_to(&district, &boards, Watch::none(), std::io::sink()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, rosters);
criterion_main!(benches);
