//! What the window works out after every edit of a city document — the
//! graph, then from it the check, the figures and each unit's member count —
//! through the library (the same work as the window's `derive`, without
//! iced), and the graph alone (what an edit that changes the tree's shape
//! builds on the window's thread). Run with
//! `cargo bench --no-default-features --bench derive`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::check::{check_with_graph, Rules};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::graph::Graph;
use gridorg::mask::Privacy;
use gridorg::stats::{members_by_subtree_with, stats_with};

fn city(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("city.ron");
    document::save(&generate(Preset::City, 1), &path).unwrap();
    let doc = document::load(&path).unwrap();
    let rules = Rules::default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut group = c.benchmark_group("city");
    group.sample_size(20);
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
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
