//! 数据包 at city scale (issue 26: 接收 of a 数据包 with 50 changes under 4 s
//! and at most `merge` plus 与…比较 of the same files plus 1 s; `send` under
//! 1 s beyond git's own time). A city repository and a community's copy made
//! from its 数据包; the community changes 50 fields, the city 5 of its own.
//! Timed: the receive as the window does it — the 数据包 looked at and held
//! (`offer`: the preview), then accepted (the saved state committed, the
//! merge written and committed), the merged document compared with the one
//! before; from 合并 on alone (accept, compare); the preview alone; the same three files merged alone (as
//! `gridorg merge`: merged, written) and compared; and send of the city
//! document, with git's `bundle create` of the same repository alone beside
//! it. Run with `cargo bench --bench exchange`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::mask::Privacy;
use gridorg::model::Document;
use gridorg::versions::compare::compare;
use gridorg::versions::exchange::{offer, receive, send, Offer, Outcome};
use gridorg::versions::merge_read::merge_files;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const DOC: &str = "city.ron";

/// The community's 50 changes: 20 phones, 10 unit names, 10 households'
/// sizes and 10 grids' household counts (each one more), spread over each list.
fn fifty_changes(doc: &mut Document) {
    let spread = |len: usize, n: usize| (0..n).map(move |k| k * (len - 1) / (n - 1));
    let members: Vec<_> = doc.members.keys().copied().collect();
    for (k, at) in spread(members.len(), 20).enumerate() {
        doc.members.get_mut(&members[at]).unwrap().phone = Some(format!("1390000{k:04}"));
    }
    let units: Vec<_> = doc.units.keys().copied().collect();
    for at in spread(units.len() - 1, 10) {
        doc.units
            .get_mut(&units[at + 1])
            .unwrap()
            .name
            .push_str("（社区改）");
    }
    let households: Vec<_> = doc.households.keys().copied().collect();
    for at in spread(households.len(), 10) {
        let household = doc.households.get_mut(&households[at]).unwrap();
        household.people = Some(household.people.unwrap_or(0) + 1);
    }
    let grids: Vec<_> = doc.grids.keys().copied().collect();
    for at in spread(grids.len(), 10) {
        let grid = doc.grids.get_mut(&grids[at]).unwrap();
        grid.households = Some(grid.households.unwrap_or(0) + 1);
    }
}

/// The city's own 5 changes meanwhile: leaders of units the community left alone.
fn own_changes(doc: &mut Document) {
    for unit in doc.units.values_mut().skip(3).step_by(1009).take(5) {
        unit.leader = Some("市里定的书记".into());
    }
}

/// Edits the document at `path` and saves it.
fn edit(path: &Path, change: impl FnOnce(&mut Document)) -> Document {
    let mut doc = document::load(path).unwrap();
    change(&mut doc);
    document::save(&doc, path).unwrap();
    doc
}

/// A fresh copy of the folder `from` (repository and all) at `to`.
fn copy(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .args(["-a", from.to_str().unwrap(), to.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// What the benchmarks share: the city's repository as it is before the
/// receive (its own changes saved, not committed), the community's 数据包,
/// and the three files of the merge.
struct Setup {
    _dir: tempfile::TempDir,
    city: PathBuf,
    bundle: PathBuf,
    files: [PathBuf; 3],
    before: Document,
    scratch: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::env::set_var("GRIDORG_DATA_DIR", root.join("data"));
    let city = root.join("city");
    std::fs::create_dir(&city).unwrap();
    let base = generate(Preset::City, 1);
    document::save(&base, &city.join(DOC)).unwrap();
    send(&city.join(DOC), &root.join("base.bundle"), "市委组织部").unwrap();
    let community = root.join("community").join(DOC);
    let made = receive(&community, &root.join("base.bundle"), "社区").unwrap();
    assert_eq!(made.outcome, Outcome::Created);
    let theirs = edit(&community, fifty_changes);
    let bundle = root.join("community.bundle");
    send(&community, &bundle, "社区").unwrap();
    let before = edit(&city.join(DOC), own_changes);
    let files = ["base", "ours", "theirs"].map(|name| root.join(format!("{name}.ron")));
    for (doc, path) in [&base, &before, &theirs].into_iter().zip(&files) {
        document::save(doc, path).unwrap();
    }
    Setup {
        city,
        bundle,
        files,
        before,
        scratch: root.join("scratch"),
        _dir: dir,
    }
}

fn city(c: &mut Criterion) {
    let s = setup();
    let mut group = c.benchmark_group("exchange city");
    // Seconds a run: ten runs each, not criterion's rising counts.
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(30));
    let fresh = || {
        let _ = std::fs::remove_dir_all(&s.scratch);
        copy(&s.city, &s.scratch);
        s.scratch.join(DOC)
    };
    // What the window does after 合并: accept, then mark the canvas against
    // the document before (the merged document as the merge read it).
    let marked = |offered: Offer| {
        let received = offered.accept("市委组织部").unwrap();
        assert!(matches!(received.outcome, Outcome::Merged(_)));
        let after = received.document.expect("the merge read what it wrote");
        compare(&s.before, &after, Privacy::Masked).unwrap().lines()
    };
    group.bench_function("receive 50 changes: offer, accept, compare", |b| {
        b.iter_batched(
            fresh,
            |doc| {
                let offered = offer(&doc, &s.bundle).unwrap();
                assert_eq!(offered.incoming.summary.changed, 50);
                marked(offered)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("合并 clicked to marked canvas: accept, compare", |b| {
        b.iter_batched(
            || offer(&fresh(), &s.bundle).unwrap(),
            marked,
            BatchSize::PerIteration,
        )
    });
    group.bench_function("the preview alone: offer", |b| {
        b.iter_batched(
            fresh,
            |doc| offer(&doc, &s.bundle).unwrap().incoming.commits,
            BatchSize::PerIteration,
        )
    });
    let out = s.files[0].with_file_name("merged.ron");
    group.bench_function("merge of the three files alone, read, compare", |b| {
        b.iter(|| {
            let [base, ours, theirs] = &s.files;
            let merged = merge_files([base, ours, theirs], false).unwrap();
            assert!(merged.merged.conflicts.is_empty());
            document::write_atomic(&out, merged.text.as_bytes()).unwrap();
            let after = document::load(&out).unwrap();
            compare(&s.before, &after, Privacy::Masked).unwrap().lines()
        })
    });
    let sent = s.files[0].with_file_name("sent.bundle");
    group.bench_function("send with the saved state committed first", |b| {
        b.iter_batched(
            fresh,
            |doc| send(&doc, &sent, "市委组织部").unwrap().bytes,
            BatchSize::PerIteration,
        )
    });
    send(&fresh(), &sent, "市委组织部").unwrap();
    group.bench_function("send with nothing to commit", |b| {
        b.iter(|| {
            send(&s.scratch.join(DOC), &sent, "市委组织部")
                .unwrap()
                .bytes
        })
    });
    group.bench_function("git bundle create alone (git's own time)", |b| {
        b.iter(|| {
            let status = Command::new("git")
                .args(["bundle", "create", "-q", sent.to_str().unwrap(), "--all"])
                .current_dir(&s.scratch)
                .status()
                .unwrap();
            assert!(status.success());
        })
    });
    group.finish();
}

criterion_group!(benches, city);
criterion_main!(benches);
