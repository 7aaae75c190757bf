//! The full check of the city preset (target: under 50 ms, release build).
//! Run with `cargo bench --bench check`. The document is saved and loaded
//! first, so it sits in memory as it does for `gridorg check FILE`.
//!
//! `derive` is what the window works out after every edit — the graph, then
//! from it the check, the figures and each unit's member count — through the
//! library (the window's `derive` without iced); `graph` the graph alone
//! (what an edit that changes the tree's shape builds on the window's
//! thread), and `graph of units` the units' graph alone (what validation,
//! a diff and a unit edit build; the old tree index did as much):
//! `cargo bench --no-default-features --bench check -- 'derive|graph'`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::check::{check, check_with_graph, Rules};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::graph::Graph;
use gridorg::mask::Privacy;
use gridorg::stats::{members_by_subtree_with, stats, stats_with};

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
    group.bench_function("derive", |b| {
        b.iter(|| {
            let graph = Graph::build(&doc);
            (
                check_with_graph(&doc, &graph, &rules, today, Privacy::Masked),
                stats_with(&doc, &graph),
                members_by_subtree_with(&graph),
            )
        })
    });
    group.bench_function("graph", |b| b.iter(|| Graph::build(&doc)));
    group.bench_function("graph of units", |b| {
        b.iter(|| Graph::of_units(doc.units.values()))
    });
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
