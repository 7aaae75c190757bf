//! The three-way merge: two copies of a small document edited at random (the
//! edits of tests/merge_property.rs, read from the bytes) and merged both ways
//! round. What the merge makes always loads, holds every change of each side
//! not in conflict, finds as many conflicts on each field either way round,
//! and, with one side unchanged, gives the other side.
//!
//! The first byte: bit 0 makes the copies version-2 files (their ids from one
//! `next_id`), the rest says where ours' edits end; then four bytes an edit.
#![no_main]

#[path = "../../tests/common/merge_edits.rs"]
mod merge_edits;

use gridorg::document;
use gridorg::model::ids::Cursor;
use gridorg::model::{Document, Id};
use gridorg::versions::{merge, Merged};
use libfuzzer_sys::fuzz_target;
use merge_edits::Outcome;
use std::sync::OnceLock;

fn base() -> &'static Document {
    static BASE: OnceLock<Document> = OnceLock::new();
    BASE.get_or_init(merge_edits::small_base)
}

/// Merges with the fresh ids a renumbering needs taken from `first` on (no
/// data folder); the merge and its document as it loads from its text.
fn merged(base: &Document, ours: &Document, theirs: &Document, first: u64) -> (Merged, Document) {
    let mut ours = ours.clone();
    ours.ids = Cursor::run(Id(first << 29), 1 << 16);
    let merged = merge(base, &ours, theirs);
    gridorg::document::validate(&merged.document)
        .unwrap_or_else(|e| panic!("the merge does not validate: {}", e.message));
    let text = document::to_string(&merged.document);
    let loaded = document::from_str(&text, "OUT").unwrap_or_else(|e| panic!("OUT: {e}"));
    (merged, loaded)
}

fn outcome<'a>(merged: &'a Merged, loaded: &'a Document) -> Outcome<'a> {
    Outcome {
        document: loaded,
        conflicts: &merged.conflicts,
        renumbered: &merged.renumbered,
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&head, rest)) = bytes.split_first() else {
        return;
    };
    let old = head & 1 == 1;
    let edits: Vec<[u8; 4]> = rest
        .chunks_exact(4)
        .take(64)
        .map(|c| [c[0], c[1], c[2], c[3]])
        .collect();
    let split = usize::from(head >> 1).min(edits.len());
    let mut base = base().clone();
    if old {
        base.structure = None;
    }
    let first = |other: u64| {
        if old {
            Id(u64::from(base.next_id))
        } else {
            Id(other << 29)
        }
    };
    let mut ours = merge_edits::copy(&base, first(8));
    let mut theirs = merge_edits::copy(&base, first(9));
    for (side, edits, tag) in [
        (&mut ours, &edits[..split], "甲"),
        (&mut theirs, &edits[split..], "乙"),
    ] {
        for &edit in edits {
            merge_edits::edit(side, edit, tag);
        }
        if old {
            merge_edits::settle_next_id(side);
        }
    }
    let (forward, forward_doc) = merged(&base, &ours, &theirs, 10);
    let (backward, backward_doc) = merged(&base, &theirs, &ours, 11);
    if let Err(e) = merge_edits::check(
        &base,
        &ours,
        &theirs,
        &outcome(&forward, &forward_doc),
        &outcome(&backward, &backward_doc),
    ) {
        panic!("{e}");
    }
    for (ours, theirs, side) in [(&base, &theirs, &theirs), (&ours, &base, &ours)] {
        let (merged, loaded) = merged(&base, ours, theirs, 12);
        if let Err(e) = merge_edits::gives_the_other(&loaded, &merged.conflicts, side) {
            panic!("{e}");
        }
    }
});
