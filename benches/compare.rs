//! Opening a comparison (与…比较) in the editor at city scale (issue 16: under
//! 2 s). The window holds the city preset; the file compared with is that
//! document edited as for `benches/diff.rs` (a few dozen changes spread over
//! every list, one unit there that the window's document lacks: a ghost).
//! Timed: the library's part alone — the file read, related, diffed, the
//! change list made, the tree of the units and the ghosts built — and the
//! whole step in the window: the file named in the target row and confirmed,
//! the read and comparison on their worker, the canvas laid out again with
//! its marks; then 结束比较. And an edit while comparing, on the window's
//! thread. Run with `cargo bench --bench compare`.

#[path = "shared/diff_edits.rs"]
mod diff_edits;

use criterion::{criterion_group, criterion_main, Criterion};
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::gui::{compare, files, inspector, outline, App, Message};
use gridorg::mask::Privacy;
use gridorg::versions::compare::compare as compare_versions;
use std::time::Duration;

fn city(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (path, other) = (dir.path().join("city.ron"), dir.path().join("edited.ron"));
    let current = generate(Preset::City, 1);
    document::save(&current, &path).unwrap();
    document::save(&diff_edits::edited(current.clone()), &other).unwrap();
    let mut group = c.benchmark_group("compare city");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("read, compare, tree with the ghosts (library)", |b| {
        b.iter(|| {
            let old = document::load(&other).unwrap();
            let comparison = compare_versions(&old, &current, Privacy::Masked).unwrap();
            let tree = comparison.tree(&current);
            (comparison.lines(), tree.tree().tops().len())
        })
    });
    let mut app = App::new(current, Some(path.clone()));
    let mut shown = (0, 0);
    group.bench_function("open in the window and end", |b| {
        b.iter(|| {
            run(&mut app, Message::Compare(compare::Message::File));
            run(
                &mut app,
                Message::Files(files::Message::Typed(other.display().to_string())),
            );
            run(&mut app, Message::Files(files::Message::Confirm));
            let comparison = app.comparison().expect("compared");
            shown = (comparison.lines(), comparison.ghosts.len());
            run(&mut app, Message::Compare(compare::Message::End));
        })
    });
    // An edit while comparing, as the window's thread does it (the units
    // laid out again with the ghosts); the comparison of the new revision
    // that follows runs on a worker, timed in the library's part above.
    run(&mut app, Message::Compare(compare::Message::File));
    run(
        &mut app,
        Message::Files(files::Message::Typed(other.display().to_string())),
    );
    run(&mut app, Message::Files(files::Message::Confirm));
    let branch = app
        .document()
        .units
        .values()
        .find(|u| u.level == gridorg::model::Level::Branch)
        .unwrap()
        .id;
    let _ = app.update(Message::Outline(outline::Message::Pick(branch)));
    let mut n = 0u64;
    group.bench_function("an edit while comparing (window thread)", |b| {
        b.iter(|| {
            n += 1;
            let leader = inspector::Message::Leader(format!("书记{n}"));
            let _ = app.update(Message::Inspector(leader));
            let _ = app.update(Message::Inspector(inspector::Message::Apply));
        })
    });
    group.finish();
    eprintln!("{} lines in the change list, {} ghost(s)", shown.0, shown.1);
}

/// Handles a message and runs the tasks it starts to their end, feeding
/// their messages back, as the window's runtime does.
fn run(app: &mut App, message: Message) {
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let Some(mut stream) = task::into_stream(app.update(message)) else {
        return;
    };
    while let Some(action) = block_on(stream.next()) {
        if let Action::Output(message) = action {
            run(app, message);
        }
    }
}

criterion_group!(benches, city);
criterion_main!(benches);
