//! Merging three city-preset files (issue 16: under 3 s, release build): read
//! the base and two copies edited apart, merge, write the result — as
//! `gridorg merge` does (only the records not the same in all three read), and
//! with the three read whole for comparison. Run with `cargo bench --bench merge`.

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::model::Document;
use gridorg::store::ids::Installation;
use gridorg::versions::merge_read::merge_files;
use std::time::Duration;

/// A copy of `base` with every `step`-th member renamed, a few units renamed,
/// and new members (ids from `data`'s installation).
fn edited(base: &Document, step: usize, data: &std::path::Path, tag: &str) -> Document {
    let mut doc = base.clone();
    doc.ids = Installation::at(data).reserve(1000).unwrap();
    for member in doc.members.values_mut().step_by(step) {
        member.workplace = Some(format!("{tag}单位"));
    }
    for unit in doc.units.values_mut().step_by(97) {
        unit.leader = Some(format!("{tag}书记"));
    }
    let unit = *doc.units.keys().last().unwrap();
    for i in 0..500 {
        let id = gridorg::store::ids::next(&mut doc.ids);
        let member = gridorg::model::Member::new(id, format!("{tag}新党员{i}"), unit);
        doc.members.insert(id, member);
    }
    doc
}

fn city(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let base = generate(Preset::City, 1);
    let ours = edited(&base, 50, &dir.path().join("a"), "甲");
    let theirs = edited(&base, 71, &dir.path().join("b"), "乙");
    let paths: Vec<_> = [("base", &base), ("ours", &ours), ("theirs", &theirs)]
        .into_iter()
        .map(|(name, doc)| {
            let path = dir.path().join(format!("{name}.ron"));
            document::save(doc, &path).unwrap();
            path
        })
        .collect();
    let out = dir.path().join("out.ron");
    let mut group = c.benchmark_group("city");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(40));
    // What `gridorg merge` does: the quick read where the files allow it.
    for (name, whole) in [
        ("merge three files", false),
        ("merge three files read whole", true),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let merged = merge_files([&paths[0], &paths[1], &paths[2]], whole).unwrap();
                assert_eq!(merged.partial, !whole);
                document::write_atomic(&out, merged.text.as_bytes()).unwrap();
                merged.merged.conflicts.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
