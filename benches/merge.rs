//! Merging three city-preset files (issue 16: under 3 s, release build): read
//! the base and two copies edited apart, merge, write the result — as
//! `gridorg merge` does (only the records not the same in all three read), and
//! with the three read whole for comparison; of version-3 files, and of
//! version-2 copies of the same edits (issue 28: within 2× the version-3
//! path), whose 500 members added on each side share their ids. Run with
//! `cargo bench --bench merge`.

#[path = "shared/merge_city.rs"]
mod merge_city;

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::versions::merge_read::merge_files;
use std::time::Duration;

fn city(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let base = generate(Preset::City, 1);
    let out = dir.path().join("out.ron");
    let mut group = c.benchmark_group("city");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(40));
    for (version, version_2) in [("", false), (" version 2", true)] {
        let files = dir.path().join(if version_2 { "v2" } else { "v3" });
        std::fs::create_dir_all(&files).unwrap();
        let sides = merge_city::versions(&base, &files, version_2);
        let paths: Vec<_> = ["base", "ours", "theirs"]
            .iter()
            .zip(&sides)
            .map(|(name, doc)| {
                let path = files.join(format!("{name}.ron"));
                merge_city::save(doc, &path);
                path
            })
            .collect();
        // What `gridorg merge` does: the quick read where the files allow it.
        for (read, whole) in [("", false), (" read whole", true)] {
            group.bench_function(format!("merge three{version} files{read}"), |b| {
                b.iter(|| {
                    let merged = merge_files([&paths[0], &paths[1], &paths[2]], whole).unwrap();
                    assert_eq!(merged.partial, !whole);
                    assert_eq!(
                        merged.merged.renumbered.len(),
                        if version_2 { 500 } else { 0 }
                    );
                    document::write_atomic(&out, merged.text.as_bytes()).unwrap();
                    merged.merged.conflicts.len()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
