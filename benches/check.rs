//! The full check of the city preset (target: under 50 ms, release build).
//! Run with `cargo bench --bench check`. The document is saved and loaded
//! first, so it sits in memory as it does for `gridorg check FILE`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::check::{check, Rules};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::stats::stats;

fn city(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("city.ron");
    document::save(&generate(Preset::City, 1), &path).unwrap();
    let doc = document::load(&path).unwrap();
    let rules = Rules::default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let report = check(&doc, &rules, today);
    eprintln!(
        "city preset: {} findings ({} errors, {} warnings, {} infos)",
        report.findings.len(),
        report.summary.errors,
        report.summary.warnings,
        report.summary.infos
    );
    let mut group = c.benchmark_group("city");
    group.sample_size(20);
    group.bench_function("check", |b| b.iter(|| check(&doc, &rules, today)));
    group.bench_function("stats", |b| b.iter(|| stats(&doc)));
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
