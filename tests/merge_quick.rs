//! The quick merge of three files (only the records not the same in all three
//! read) gives the whole read's merge, byte for byte: adds, removes, moves,
//! field conflicts, both sides editing one record, a code clash, a unit kept
//! because the other side moved a member under it, acknowledgements.

use gridorg::document;
use gridorg::model::{Acknowledgement, CoBuilder, Document, Household, Id, Level, Member};
use gridorg::store::ids::Installation;
use gridorg::versions::merge_read::merge_files;
use std::path::{Path, PathBuf};
use std::process::Command;

fn save(doc: &Document, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    document::save(doc, &path).unwrap();
    path
}

/// A copy of `base` that hands out ids from its own data folder.
fn copy(base: &Document, data: &Path) -> Document {
    let mut doc = base.clone();
    doc.ids = Installation::at(data).reserve(100).unwrap();
    doc
}

fn nth<T>(map: &std::collections::BTreeMap<Id, T>, n: usize) -> Id {
    *map.keys().nth(n).unwrap()
}

fn units_at(doc: &Document, level: Level) -> Vec<Id> {
    doc.units
        .values()
        .filter(|u| u.level == level)
        .map(|u| u.id)
        .collect()
}

/// Base, ours and theirs with edits of every kind planted in them.
fn planted(dir: &Path) -> [PathBuf; 3] {
    let base = gridorg::generate::sample();
    assert!(base.members.len() > 20 && base.buildings.len() > 4);
    assert!(!base.households.is_empty() && !base.co_builders.is_empty());
    let mut ours = copy(&base, &dir.join("data-a"));
    let mut theirs = copy(&base, &dir.join("data-b"));
    let groups = units_at(&base, Level::Group);
    let branches = units_at(&base, Level::Branch);
    let member = |n| nth(&base.members, n);

    // Added on each side: members, a household, a co-building unit.
    for (side, tag) in [(&mut ours, "甲"), (&mut theirs, "乙")] {
        let id = gridorg::store::ids::next(&mut side.ids);
        side.members
            .insert(id, Member::new(id, format!("{tag}新党员"), groups[0]));
    }
    let id = gridorg::store::ids::next(&mut ours.ids);
    let household = base.households.values().next().unwrap();
    ours.households.insert(
        id,
        Household {
            id,
            head: "新户主".into(),
            ..household.clone()
        },
    );
    let id = gridorg::store::ids::next(&mut theirs.ids);
    let co_builder = base.co_builders.values().next().unwrap();
    theirs.co_builders.insert(
        id,
        CoBuilder {
            id,
            name: "新共建单位".into(),
            ..co_builder.clone()
        },
    );
    // Removed: a member by ours, a household by theirs.
    ours.members.remove(&member(1));
    let gone = nth(&base.households, 0);
    theirs.households.remove(&gone);
    // Moved: a member to another group (ours), a group to another branch (theirs).
    ours.members.get_mut(&member(2)).unwrap().unit = groups[1];
    let group = theirs.units.get_mut(&groups[2]).unwrap();
    group.parent = Some(*branches.iter().find(|b| Some(**b) != group.parent).unwrap());
    // One record, both sides, different fields (merged) and one field (a conflict).
    ours.members.get_mut(&member(3)).unwrap().phone = Some("13800000001".into());
    theirs.members.get_mut(&member(3)).unwrap().workplace = Some("乙单位".into());
    ours.members.get_mut(&member(4)).unwrap().workplace = Some("甲单位".into());
    theirs.members.get_mut(&member(4)).unwrap().workplace = Some("乙单位".into());
    // The same change on both sides.
    for side in [&mut ours, &mut theirs] {
        side.members.get_mut(&member(5)).unwrap().education = Some("大学本科".into());
    }
    // Removed by ours, changed by theirs: kept, a conflict.
    ours.members.remove(&member(6));
    theirs.members.get_mut(&member(6)).unwrap().mobile = true;
    // Two buildings given one code.
    let (b0, b1) = (nth(&base.buildings, 0), nth(&base.buildings, 1));
    ours.buildings.get_mut(&b0).unwrap().code = "同码".into();
    theirs.buildings.get_mut(&b1).unwrap().code = "同码".into();
    // A group removed by ours that theirs moved a member under.
    let empty = groups[3];
    let gone: Vec<Id> = std::iter::once(empty)
        .chain(
            base.units
                .values()
                .filter(|u| u.parent == Some(empty))
                .map(|u| u.id),
        )
        .collect();
    ours.members.retain(|_, m| !gone.contains(&m.unit));
    ours.households.retain(|_, h| !gone.contains(&h.linked_by));
    for building in ours.buildings.values_mut() {
        building.covered_by = building.covered_by.filter(|g| !gone.contains(g));
    }
    ours.units.retain(|id, _| !gone.contains(id));
    theirs.members.get_mut(&member(7)).unwrap().unit = empty;
    // Acknowledgements of a record nobody changed, and of one ours removed.
    let still = member(10);
    ours.acknowledgements.push(Acknowledgement {
        rule: "member-info-missing".into(),
        subject: still,
        note: "已知".into(),
    });
    theirs.acknowledgements.push(Acknowledgement {
        rule: "member-info-missing".into(),
        subject: member(1),
        note: "已删".into(),
    });
    [
        save(&base, dir, "base.ron"),
        save(&ours, dir, "ours.ron"),
        save(&theirs, dir, "theirs.ron"),
    ]
}

#[test]
fn the_quick_merge_writes_what_the_whole_merge_writes() {
    let dir = tempfile::tempdir().unwrap();
    let [b, o, t] = planted(dir.path());
    let quick = merge_files([&b, &o, &t], false).unwrap();
    let whole = merge_files([&b, &o, &t], true).unwrap();
    assert!(quick.partial, "the sample is in the writer's layout");
    assert!(!whole.partial);
    assert!(
        quick.merged.document.members.len() < whole.merged.document.members.len() / 2,
        "only the records not the same in all three were read"
    );
    assert_eq!(quick.text, whole.text);
    assert_eq!(quick.merged.conflicts, whole.merged.conflicts);
    assert_eq!(quick.merged.applied, whole.merged.applied);
    // What was planted is there.
    let fields: Vec<&str> = whole
        .merged
        .conflicts
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    for field in ["workplace", "removed", "code"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    let merged = document::from_str(&quick.text, "merged").unwrap();
    assert_eq!(merged, whole.merged.document);
    assert!(merged.members.values().any(|m| m.name == "甲新党员"));
    assert!(merged.members.values().any(|m| m.name == "乙新党员"));
    assert_eq!(
        merged.acknowledgements.len(),
        1,
        "the removed one's is dropped"
    );
}

#[test]
fn the_merge_command_writes_what_the_whole_merge_writes() {
    let dir = tempfile::tempdir().unwrap();
    let [b, o, t] = planted(dir.path());
    let out = dir.path().join("out.ron");
    let output = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .arg("merge")
        .args([&b, &o, &t])
        .arg("-o")
        .arg(&out)
        .env("GRIDORG_DATA_DIR", dir.path().join("data-c"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "conflicts: {output:?}");
    let whole = merge_files([&b, &o, &t], true).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), whole.text);
}

#[test]
fn files_the_quick_read_cannot_take_are_merged_whole_alike() {
    let dir = tempfile::tempdir().unwrap();
    let [b, o, t] = planted(dir.path());
    // Ours with its members out of id order: still a document, read whole.
    let text = std::fs::read_to_string(&o).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("    members: ["))
        .unwrap()
        + 1;
    lines.swap(first, first + 1);
    let shuffled = dir.path().join("shuffled.ron");
    std::fs::write(&shuffled, lines.join("\n") + "\n").unwrap();
    let quick = merge_files([&b, &shuffled, &t], false).unwrap();
    assert!(!quick.partial);
    assert_eq!(quick.text, merge_files([&b, &o, &t], true).unwrap().text);
}
