//! The three versions of the city preset that the merge benchmark
//! (benches/merge.rs) merges and examples/merge_versions.rs writes for timing
//! `gridorg merge`: ours renames every 50th member's workplace, theirs every
//! 71st, both set some units' leader and add 500 members — as version-3 files,
//! and as version-2 copies of the same edits.

use gridorg::document;
use gridorg::model::{Document, Member};
use gridorg::store::ids::Installation;
use std::path::Path;

/// Where a copy's added members take their ids from.
#[derive(Clone, Copy)]
pub enum Ids<'a> {
    /// An installation's data folder (version 3: ids with an origin).
    Origin(&'a Path),
    /// The document's own `next_id`, as version 2 handed them out: two
    /// copies add their members under the same ids.
    NextId,
}

/// A copy of `base` with every `step`-th member's workplace and every 97th
/// unit's leader changed, and 500 new members.
pub fn edited(base: &Document, step: usize, ids: Ids, tag: &str) -> Document {
    let mut doc = base.clone();
    if let Ids::Origin(data) = ids {
        doc.ids = Installation::at(data).reserve(1000).unwrap();
    }
    for member in doc.members.values_mut().step_by(step) {
        member.workplace = Some(format!("{tag}单位"));
    }
    for unit in doc.units.values_mut().step_by(97) {
        unit.leader = Some(format!("{tag}书记"));
    }
    let unit = *doc.units.keys().last().unwrap();
    for i in 0..500 {
        let id = match ids {
            Ids::Origin(_) => gridorg::store::ids::next(&mut doc.ids),
            Ids::NextId => doc.allocate_id(),
        };
        doc.members
            .insert(id, Member::new(id, format!("{tag}新党员{i}"), unit));
    }
    doc
}

/// Base, ours and theirs: version 3 with ids from the data folders under
/// `data`, or (`version_2`) without a structure's identity, ids from `next_id`.
pub fn versions(base: &Document, data: &Path, version_2: bool) -> [Document; 3] {
    let mut base = base.clone();
    let (a, b) = (data.join("a"), data.join("b"));
    let (ours_ids, theirs_ids) = if version_2 {
        base.structure = None;
        (Ids::NextId, Ids::NextId)
    } else {
        (Ids::Origin(&a), Ids::Origin(&b))
    };
    let ours = edited(&base, 50, ours_ids, "甲");
    let theirs = edited(&base, 71, theirs_ids, "乙");
    [base, ours, theirs]
}

/// Writes `doc` at `path` as its version writes it: version 2 is version 3's
/// text without the structure's identity, under `version: 2`.
pub fn save(doc: &Document, path: &Path) {
    let text = document::to_string(doc);
    let text = match doc.structure {
        Some(_) => text,
        None => text.replacen("\n    version: 3,\n", "\n    version: 2,\n", 1),
    };
    document::write_atomic(path, text.as_bytes()).unwrap();
}
