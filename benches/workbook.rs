//! Importing the city preset exported to a workbook (issue 4: under 5 s, release
//! build), and the export itself. Run with `cargo bench --bench workbook`.

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::generate::{generate, Preset};
use gridorg::workbook;
use std::time::Duration;

fn city(c: &mut Criterion) {
    let doc = generate(Preset::City, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("city.xlsx");
    let bytes = workbook::export(&doc).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    eprintln!(
        "city preset: {} units, {} grids, {} members, {} households; workbook {:.1} MB",
        doc.units.len(),
        doc.grids.len(),
        doc.members.len(),
        doc.households.len(),
        bytes.len() as f64 / 1e6
    );
    let mut group = c.benchmark_group("city");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    group.bench_function("import xlsx", |b| {
        b.iter(|| workbook::import(&path).unwrap().document.members.len())
    });
    group.bench_function("export xlsx", |b| {
        b.iter(|| workbook::export(&doc).unwrap().len())
    });
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
