//! The change report between two versions of the city preset (issue 16: no
//! slower than 3× GNU diff on the same two files). NEW is OLD edited through
//! the document API at the start, the middle and the end of every list, so
//! neither a quick prefix nor a quick suffix skips the work. Run with
//! `cargo bench --bench diff`. To time the command
//! against GNU diff, write the same two files with
//! `cargo run --release --example diff_versions -- DIR`.

#[path = "shared/diff_edits.rs"]
mod diff_edits;

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::mask::Privacy;
use gridorg::versions::diff::{changes, json, read::read_pair, text};
use std::time::Duration;

fn city(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    let document = generate(Preset::City, 1);
    document::save(&document, &old).unwrap();
    document::save(&diff_edits::edited(document), &new).unwrap();
    let whole = read_pair(&old, &new, true).unwrap();
    let found = changes(&whole.old, &whole.new);
    drop(whole);
    eprintln!(
        "city preset: {} changes between {} and {}",
        found.list.len(),
        old.display(),
        new.display()
    );
    let mut group = c.benchmark_group("diff city");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("text report", |b| {
        b.iter(|| {
            let pair = read_pair(&old, &new, false).unwrap();
            text::to_text(
                &changes(&pair.old, &pair.new),
                Privacy::Masked,
                "old",
                "new",
            )
            .len()
        })
    });
    group.bench_function("json report", |b| {
        b.iter(|| {
            let pair = read_pair(&old, &new, false).unwrap();
            json::to_json(&changes(&pair.old, &pair.new), Privacy::Masked)
                .to_string()
                .len()
        })
    });
    group.bench_function("both files read whole", |b| {
        b.iter(|| {
            let pair = read_pair(&old, &new, true).unwrap();
            changes(&pair.old, &pair.new).list.len()
        })
    });
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
