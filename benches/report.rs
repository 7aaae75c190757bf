//! The statistics tables (issue 17, release build): the city preset's report
//! (120,000 members) in under 0.5 s, PDF included. Reading the document is
//! left out (it is timed by `benches/document.rs`); the whole process,
//! reading included, is measured with `farm-bench` (see the README).
//! Run with `cargo bench --bench report`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::generate::{generate, Preset};
use gridorg::pdf::FontSource;
use gridorg::report::{report, text, workbook};
use std::time::Duration;

fn reports(c: &mut Criterion) {
    let city = generate(Preset::City, 1);
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let font = FontSource::default();
    let made = report(&city, None, today).unwrap();
    let printed = gridorg::pdf::report::print(&made, &font).unwrap();
    eprintln!(
        "city: {} members, {} rows, PDF {} pages, {:.1} MB",
        made.total.counts.members,
        made.rows.len(),
        printed.pages,
        printed.bytes.len() as f64 / 1e6
    );
    let mut group = c.benchmark_group("report-city");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("count", |b| b.iter(|| report(&city, None, today).unwrap()));
    group.bench_function("count + text", |b| {
        b.iter(|| text::to_text(&report(&city, None, today).unwrap()))
    });
    group.bench_function("count + xlsx", |b| {
        b.iter(|| workbook::to_xlsx(&report(&city, None, today).unwrap()).unwrap())
    });
    group.bench_function("count + pdf", |b| {
        b.iter(|| gridorg::pdf::report::print(&report(&city, None, today).unwrap(), &font).unwrap())
    });
    group.finish();
}

criterion_group!(benches, reports);
criterion_main!(benches);
