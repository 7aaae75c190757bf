//! The change report between two versions of the city preset (issue 16: no
//! slower than 3× GNU diff on the same two files). NEW is OLD edited through
//! the document API at the start, the middle and the end of every list, so
//! neither a quick prefix nor a quick suffix skips the work. Run with
//! `cargo bench --bench diff`; compare with `diff OLD NEW` on the files it
//! names (kept in a temporary folder while it runs).

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::mask::Privacy;
use gridorg::model::{Document, Id, Level, Member, Unit};
use gridorg::versions::diff::{changes, json, read::read_pair, text};
use std::time::Duration;

/// A few dozen edits of the kinds an office makes between two exchanges.
fn edited(mut d: Document) -> Document {
    let nth = |ids: Vec<Id>, parts: usize| -> Vec<Id> {
        (0..parts)
            .map(|k| ids[k * (ids.len() - 1) / (parts - 1)])
            .collect()
    };
    let units = nth(d.units.keys().copied().collect(), 9);
    for (k, id) in units.iter().enumerate() {
        let u = d.units.get_mut(id).unwrap();
        match k % 3 {
            0 => u.name.push_str("（更名）"),
            1 => u.leader = Some("新书记".into()),
            _ => u.elected = chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
        }
    }
    for id in nth(d.members.keys().copied().collect(), 12) {
        d.members.get_mut(&id).unwrap().phone = Some("13900000000".into());
    }
    let households = nth(d.households.keys().copied().collect(), 12);
    for id in &households[..6] {
        d.households.remove(id);
    }
    for id in &households[6..] {
        d.households.get_mut(id).unwrap().people = Some(9);
    }
    for id in nth(d.grids.keys().copied().collect(), 5) {
        d.grids.get_mut(&id).unwrap().households = Some(450);
    }
    let group = d
        .units
        .values()
        .find(|u| u.level == Level::Group)
        .unwrap()
        .id;
    let branch = d
        .units
        .values()
        .filter(|u| u.level == Level::Branch)
        .nth(3)
        .unwrap()
        .id;
    d.units.get_mut(&group).unwrap().parent = Some(branch);
    let id = d.allocate_id();
    d.units.insert(
        id,
        Unit::new(
            id,
            "NEW-G1".into(),
            "新党小组".into(),
            Level::Group,
            Some(branch),
        ),
    );
    let id = d.allocate_id();
    d.members.insert(id, Member::new(id, "新党员", group));
    d
}

fn city(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    let document = generate(Preset::City, 1);
    document::save(&document, &old).unwrap();
    document::save(&edited(document), &new).unwrap();
    let found = changes(
        &read_pair(&old, &new, true).unwrap().old,
        &read_pair(&old, &new, true).unwrap().new,
    );
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
