//! The 历史 panel's change counts at city scale (issue 16: a city's document
//! is ~100 MB): a repository holding the city preset in two commits, the
//! second the diff benchmark's edits; counting both commits reads both
//! versions out of git once each and compares each with the one before it
//! (the first with an empty structure). The window does this on a worker and
//! shows each count as it comes. Run with `cargo bench --bench history`.

#[path = "shared/diff_edits.rs"]
mod diff_edits;

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::versions::git;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn run(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}");
}

fn city(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, &["init", "-q"]);
    run(d, &["config", "user.name", "bench"]);
    run(d, &["config", "user.email", "bench@example.org"]);
    let file = d.join("city.ron");
    let document = generate(Preset::City, 1);
    document::save(&document, &file).unwrap();
    run(d, &["add", "city.ron"]);
    run(d, &["commit", "-q", "-m", "old"]);
    document::save(&diff_edits::edited(document), &file).unwrap();
    run(d, &["commit", "-q", "-am", "new"]);
    let repository = git::locate(&file).unwrap();
    let log = git::log(&repository).unwrap();
    let mut counts = Vec::new();
    git::count_changes(&repository, &log, |_, count| {
        counts.push(count.unwrap());
        true
    });
    eprintln!(
        "city preset, {} bytes: changes per commit {counts:?}",
        std::fs::metadata(&file).unwrap().len()
    );
    let mut group = c.benchmark_group("history city");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("list the commits", |b| {
        b.iter(|| git::log(&repository).unwrap().len())
    });
    group.bench_function("count the newest commit", |b| {
        b.iter(|| {
            let mut first = None;
            git::count_changes(&repository, &log, |_, count| {
                first = Some(count);
                false
            });
            first
        })
    });
    group.bench_function("read one version", |b| {
        b.iter(|| git::document_at(&repository, &log[0]).unwrap().units.len())
    });
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
