//! The quick merge of three files (only the records not the same in all three
//! read) gives the whole read's merge, byte for byte: adds, removes, moves,
//! field conflicts, both sides editing one record, a code clash, a unit kept
//! because the other side moved a member under it, acknowledgements. Files of
//! version 2 are read quickly too: copies of the same three versions in
//! version 2 and 3 merge alike, and version-2 copies that added records under
//! one id renumber theirs as the whole read does.

#[path = "common/old_files.rs"]
mod old_files;

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

/// The three files as version 2 wrote them: no identity, `version: 2`.
fn as_version_2(paths: &[PathBuf; 3], dir: &Path) -> [PathBuf; 3] {
    let names = ["base2.ron", "ours2.ron", "theirs2.ron"];
    std::array::from_fn(|i| {
        let mut doc = document::load(&paths[i]).unwrap();
        doc.structure = None;
        let path = dir.join(names[i]);
        std::fs::write(&path, old_files::text(&doc)).unwrap();
        path
    })
}

#[test]
fn version_2_copies_of_three_versions_merge_quickly_into_what_version_3_ones_do() {
    let dir = tempfile::tempdir().unwrap();
    let v3 = planted(dir.path());
    let v2 = as_version_2(&v3, dir.path());
    let [b, o, t] = [&v2[0], &v2[1], &v2[2]].map(PathBuf::as_path);
    let quick = merge_files([b, o, t], false).unwrap();
    assert!(quick.partial, "version 2 is read quickly");
    assert!(
        quick.merged.document.members.len() * 2 < document::load(b).unwrap().members.len(),
        "only the records not the same in all three were read"
    );
    let whole = merge_files([b, o, t], true).unwrap();
    assert_eq!(quick.text, whole.text);
    assert_eq!(quick.merged.conflicts, whole.merged.conflicts);
    assert_eq!(quick.merged.applied, whole.merged.applied);
    // The same document and conflicts as the version-3 files', the
    // structure's identity aside.
    let v3 = merge_files([&v3[0], &v3[1], &v3[2]].map(PathBuf::as_path), false).unwrap();
    let identity = format!(
        "    structure: {:?},\n",
        v3.merged.document.structure.as_deref().unwrap()
    );
    assert!(v3.text.contains(&identity));
    assert_eq!(quick.text, v3.text.replacen(&identity, "", 1));
    assert_eq!(quick.merged.conflicts, v3.merged.conflicts);
    assert!(
        quick.merged.conflicts.len() >= 3,
        "{:?}",
        quick.merged.conflicts
    );
}

#[test]
fn version_2_copies_that_added_under_one_id_merge_quickly_as_whole() {
    let base = old_files::sample();
    let (ours, theirs, added) = old_files::added_under_one_id(&base);
    let dir = tempfile::tempdir().unwrap();
    let paths = [
        ("base.ron", &base),
        ("ours.ron", &ours),
        ("theirs.ron", &theirs),
    ]
    .map(|(name, doc)| {
        let path = dir.path().join(name);
        std::fs::write(&path, old_files::text(doc)).unwrap();
        path
    });
    let paths = [&paths[0], &paths[1], &paths[2]].map(PathBuf::as_path);
    let quick = merge_files(paths, false).unwrap();
    assert!(quick.partial, "version 2 is read quickly");
    assert_eq!(quick.merged.renumbered.len(), 2, "theirs' group and member");
    let merged = document::from_str(&quick.text, "merged").unwrap();
    old_files::assert_both_kept(&merged, &added);
    let whole = merge_files(paths, true).unwrap();
    let (from, to) = (&whole.merged.renumbered, &quick.merged.renumbered);
    assert_eq!(old_files::renumbered_as(&whole.text, from, to), quick.text);
    assert_eq!(quick.merged.applied, whole.merged.applied);
}

#[test]
fn a_version_2_file_with_a_bad_record_is_refused_naming_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let v2 = as_version_2(&planted(dir.path()), dir.path());
    let text = std::fs::read_to_string(&v2[1]).unwrap();
    let members = text.lines().position(|l| l == "    members: [").unwrap();
    let (n, line) = text
        .lines()
        .enumerate()
        .skip(members + 50)
        .find(|(_, l)| l.contains("gender: Male"))
        .unwrap();
    // A record the other two files have as it was: only ours' line differs.
    let broken = line.replacen("gender: Male", "gender: 5", 1);
    std::fs::write(&v2[1], text.replacen(line, &broken, 1)).unwrap();
    let paths = [&v2[0], &v2[1], &v2[2]].map(PathBuf::as_path);
    let why = merge_files(paths, false).unwrap_err().to_string();
    let place = format!("{}:{}:", v2[1].display(), n + 1);
    assert!(why.contains(&place), "{place} in {why}");
    let column = why[why.find(&place).unwrap() + place.len()..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap();
    assert!(!column.is_empty(), "a column after the line: {why}");
}

#[test]
fn version_2_files_of_different_structures_are_refused_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let [b, o, t] = as_version_2(&planted(dir.path()), dir.path());
    let mut other = gridorg::generate::generate(gridorg::generate::Preset::Street, 7);
    other.structure = None;
    let other_path = dir.path().join("other.ron");
    std::fs::write(&other_path, old_files::text(&other)).unwrap();
    let why = merge_files([&b, &o, &other_path].map(PathBuf::as_path), false)
        .unwrap_err()
        .to_string();
    assert!(why.contains("unrelated documents"), "{why}");
    assert!(why.contains("other.ron"), "{why}");
    assert!(merge_files([&b, &o, &t].map(PathBuf::as_path), false).is_ok());
}
