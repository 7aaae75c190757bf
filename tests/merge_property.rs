//! By property: two copies of one small document edited at random — adds of
//! every kind of record, removes, moves, renames, cover and link changes —
//! merged both ways round from the files, as `gridorg merge` reads and
//! validates them. What the merge writes always loads; it holds every change
//! of each side that is not in conflict; either way round it finds as many
//! conflicts on each field; a merge with an unchanged side gives the other
//! side. Copies of a version-2 file add their records from one `next_id`, so
//! their ids meet across kinds; copies of a version-3 file take ids from
//! their installations. Both are read quickly, and write what the three read
//! whole give (the fresh ids of renumbered records aside). The fuzz target
//! fuzz/fuzz_targets/merge.rs runs the same edits and checks many more times.

#[path = "common/merge_edits.rs"]
mod merge_edits;
#[path = "common/old_files.rs"]
mod old_files;

use gridorg::document;
use gridorg::model::{Document, Id};
use gridorg::versions::merge_read::{merge_files, MergedFiles};
use merge_edits::Outcome;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The small base, made once.
fn base() -> &'static Document {
    static BASE: OnceLock<Document> = OnceLock::new();
    BASE.get_or_init(merge_edits::small_base)
}

/// Gives the merges' fresh ids a data folder of the test's own (never the
/// user's), once for the process.
fn private_data_folder() {
    static DATA: OnceLock<tempfile::TempDir> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var("GRIDORG_DATA_DIR", dir.path());
        dir
    });
}

/// Writes a document as its version writes it.
fn write(doc: &Document, path: &Path, old: bool) -> PathBuf {
    if old {
        std::fs::write(path, old_files::text(doc)).unwrap();
    } else {
        document::save(doc, path).unwrap();
    }
    path.to_path_buf()
}

/// Merges three files; what was written, read back.
fn merged(paths: [&PathBuf; 3]) -> Result<(MergedFiles, Document), TestCaseError> {
    let files = merge_files(paths.map(PathBuf::as_path), false)
        .map_err(|e| TestCaseError::fail(format!("the merge is refused: {e}")))?;
    let loaded = document::from_str(&files.text, "OUT")
        .map_err(|e| TestCaseError::fail(format!("OUT does not load: {e}")))?;
    Ok((files, loaded))
}

fn outcome<'a>(files: &'a MergedFiles, loaded: &'a Document) -> Outcome<'a> {
    Outcome {
        document: loaded,
        conflicts: &files.merged.conflicts,
        renumbered: &files.merged.renumbered,
    }
}

fn edits() -> impl Strategy<Value = Vec<[u8; 4]>> {
    proptest::collection::vec(any::<[u8; 4]>(), 0..14)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn two_copies_edited_at_random_merge_into_a_document_that_holds_both(
        old in any::<bool>(),
        ours_edits in edits(),
        theirs_edits in edits(),
    ) {
        private_data_folder();
        let mut base = base().clone();
        if old {
            base.structure = None;
        }
        let first = |other: u64| if old { Id(u64::from(base.next_id)) } else { Id(other << 29) };
        let mut ours = merge_edits::copy(&base, first(8));
        let mut theirs = merge_edits::copy(&base, first(9));
        for (side, edits, tag) in [(&mut ours, &ours_edits, "甲"), (&mut theirs, &theirs_edits, "乙")] {
            for &edit in edits {
                merge_edits::edit(side, edit, tag);
            }
            if old {
                merge_edits::settle_next_id(side);
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let b = write(&base, &dir.path().join("base.ron"), old);
        let o = write(&ours, &dir.path().join("ours.ron"), old);
        let t = write(&theirs, &dir.path().join("theirs.ron"), old);

        let (forward, forward_doc) = merged([&b, &o, &t])?;
        let whole = merge_files([&b, &o, &t].map(PathBuf::as_path), true)
            .map_err(|e| TestCaseError::fail(format!("the whole read is refused: {e}")))?;
        prop_assert_eq!(
            &old_files::renumbered_as(&whole.text, &whole.merged.renumbered, &forward.merged.renumbered),
            &forward.text,
            "the quick read writes what the whole read does"
        );
        let (backward, backward_doc) = merged([&b, &t, &o])?;
        merge_edits::check(
            &base,
            &ours,
            &theirs,
            &outcome(&forward, &forward_doc),
            &outcome(&backward, &backward_doc),
        )
        .map_err(TestCaseError::fail)?;

        for (paths, side) in [([&b, &b, &t], &theirs), ([&b, &o, &b], &ours)] {
            let (files, loaded) = merged(paths)?;
            merge_edits::gives_the_other(&loaded, &files.merged.conflicts, side)
                .map_err(TestCaseError::fail)?;
        }
    }
}
