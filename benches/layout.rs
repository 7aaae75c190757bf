//! Chart layout of a whole street (every unit down to the central households) and
//! of the district preset down to the groups; the budget for the whole
//! chart, PDF included, is 0.3 s and 1 s (release build).
//! Run with `cargo bench --bench layout`.

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::generate::{generate, Preset};
use gridorg::graph::Graph;
use gridorg::layout::{layout, LayoutTree, Options};
use gridorg::model::Unit;

/// Boxes about as wide as the unit's name set in 9 pt type.
fn box_size(unit: &Unit) -> (f32, f32) {
    let chars = unit.name.chars().count() as f32;
    ((chars * 9.0 + 16.0).max(72.0), 44.0)
}

fn tree(preset: Preset, depth: Option<u8>) -> LayoutTree {
    let doc = generate(preset, 1);
    LayoutTree::from_document(&doc, Graph::build(&doc).tree(), None, depth, box_size)
        .expect("generated tree")
}

fn charts(c: &mut Criterion) {
    let options = Options::default();
    let street = tree(Preset::Street, None);
    let district = tree(Preset::District, Some(4));
    for (name, t) in [("street", &street), ("district to groups", &district)] {
        let l = layout(t, &options);
        eprintln!(
            "{name}: {} boxes, {:.0} × {:.0} pt, plan {:?}",
            t.len(),
            l.width,
            l.height,
            l.plan
        );
    }
    let mut group = c.benchmark_group("layout");
    group.sample_size(20);
    group.bench_function("street", |b| b.iter(|| layout(&street, &options)));
    group.bench_function("district to groups", |b| {
        b.iter(|| layout(&district, &options))
    });
    group.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
