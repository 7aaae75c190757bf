//! Versions across offices: copies of one document edited apart and merged by
//! `gridorg merge` — ids that never collide, conflicts recorded and reported,
//! bad input refused — and a document reader that knows what it can read.

use gridorg::document;
use gridorg::edit::{Command as Edit, History};
use gridorg::model::{Document, Id, Level, Member};
use gridorg::store::ids::Installation;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/old_files.rs"]
mod old_files;

fn gridorg(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .env("GRIDORG_DATA_DIR", data)
        .output()
        .expect("the binary runs")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A folder with the sample saved as `base.ron`, and the sample itself.
fn base() -> (tempfile::TempDir, Document) {
    let dir = tempfile::tempdir().unwrap();
    let doc = gridorg::generate::sample();
    document::save(&doc, &dir.path().join("base.ron")).unwrap();
    (dir, doc)
}

fn save(doc: &Document, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    document::save(doc, &path).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A community of the sample with branches under it.
fn community(doc: &Document) -> Id {
    doc.units
        .values()
        .find(|u| u.level == Level::Community)
        .map(|u| u.id)
        .unwrap()
}

/// Adds a branch and a member in it through the editor's commands: what an
/// office does in its copy.
fn add_branch_with_member(doc: &mut Document, code: &str, name: &str) -> (Id, Id) {
    let mut history = History::new();
    let parent = community(doc);
    let branch = history
        .apply(
            doc,
            &Edit::AddUnit {
                parent: Some(parent),
                level: Level::Branch,
                code: code.into(),
                name: name.into(),
            },
        )
        .unwrap()
        .created
        .unwrap();
    let member = history
        .apply(
            doc,
            &Edit::AddMember(Member::new(Id(0), format!("{name}党员"), branch)),
        )
        .unwrap()
        .created
        .unwrap();
    (branch, member)
}

/// Runs `merge` on three documents in `dir`; the output and the merged document.
fn merge(dir: &Path, ours: &Document, theirs: &Document) -> (Output, Option<Document>) {
    let ours = save(ours, dir, "ours.ron");
    let theirs = save(theirs, dir, "theirs.ron");
    let out = dir.join("out.ron");
    let _ = std::fs::remove_file(&out);
    let base = dir.join("base.ron");
    let output = gridorg(
        &[
            "merge",
            s(&base),
            s(&ours),
            s(&theirs),
            "-o",
            s(&out),
            "--format",
            "json",
        ],
        &dir.join("data"),
    );
    let merged = out.exists().then(|| document::load(&out).unwrap());
    (output, merged)
}

fn copies_merge_with_nothing_renumbered_or_lost(ours_ids: Installation, theirs_ids: Installation) {
    let (dir, base) = base();
    let mut ours = base.clone();
    ours.ids = ours_ids.reserve(16).unwrap();
    let mut theirs = base.clone();
    theirs.ids = theirs_ids.reserve(16).unwrap();
    let (our_branch, our_member) = add_branch_with_member(&mut ours, "OURS-B", "我方支部");
    let (their_branch, their_member) = add_branch_with_member(&mut theirs, "THEIRS-B", "对方支部");
    for id in [our_branch, our_member, their_branch, their_member] {
        assert!(
            gridorg::model::ids::has_origin(id),
            "{id} carries an origin"
        );
    }
    assert_ne!(our_branch, their_branch);

    let (output, merged) = merge(dir.path(), &ours, &theirs);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["conflicts"].as_array().unwrap().len(), 0);
    assert_eq!(report["applied"]["ours"], 2);
    assert_eq!(report["applied"]["theirs"], 2);
    let merged = merged.unwrap();
    assert_eq!(merged.units[&our_branch].code, "OURS-B");
    assert_eq!(merged.units[&their_branch].code, "THEIRS-B");
    assert_eq!(merged.members[&our_member].unit, our_branch);
    assert_eq!(merged.members[&their_member].unit, their_branch);
    assert_eq!(merged.units.len(), base.units.len() + 2);
    assert_eq!(merged.members.len(), base.members.len() + 2);
    assert_eq!(
        merged.structure, base.structure,
        "the merge keeps the identity"
    );
}

#[test]
fn copies_edited_on_one_installation_merge_with_nothing_renumbered_or_lost() {
    let data = tempfile::tempdir().unwrap();
    let installation = Installation::at(data.path());
    copies_merge_with_nothing_renumbered_or_lost(installation.clone(), installation);
}

#[test]
fn copies_edited_on_two_data_folders_merge_with_nothing_renumbered_or_lost() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copies_merge_with_nothing_renumbered_or_lost(
        Installation::at(a.path()),
        Installation::at(b.path()),
    );
}

#[test]
fn one_installation_never_hands_out_one_id_twice_even_to_two_programs() {
    let data = tempfile::tempdir().unwrap();
    let one = Installation::at(data.path());
    let mut first = one.reserve(3).unwrap();
    let mut second = Installation::at(data.path()).reserve(3).unwrap();
    let a: Vec<Id> = (0..3).map(|_| first.take().unwrap()).collect();
    let b: Vec<Id> = (0..3).map(|_| second.take().unwrap()).collect();
    assert!(a.iter().all(|id| !b.contains(id)), "{a:?} {b:?}");
    let counter = std::fs::read_to_string(gridorg::store::ids::counter_file(data.path())).unwrap();
    assert!(counter.contains("next 6"), "{counter}");
}

#[test]
fn old_files_that_added_under_one_id_keep_both_records_theirs_renumbered() {
    let (dir, mut base) = base();
    // Files written before ids had an origin: no identity, ids from the document.
    base.structure = None;
    save(&base, dir.path(), "base.ron");
    let add = |doc: &mut Document, code: &str| {
        let id = doc.allocate_id();
        let parent = community(doc);
        let unit =
            gridorg::model::Unit::new(id, code.into(), code.into(), Level::Branch, Some(parent));
        doc.units.insert(id, unit);
        let member = doc.allocate_id();
        doc.members
            .insert(member, Member::new(member, format!("{code}党员"), id));
        (id, member)
    };
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let (our_unit, our_member) = add(&mut ours, "老甲");
    let (their_unit, their_member) = add(&mut theirs, "老乙");
    assert_eq!(
        (our_unit, our_member),
        (their_unit, their_member),
        "the old files collided"
    );

    let (output, merged) = merge(dir.path(), &ours, &theirs);
    assert_eq!(
        output.status.code(),
        Some(0),
        "not a conflict: {}",
        stderr(&output)
    );
    let report = json(&output);
    assert!(report["conflicts"].as_array().unwrap().is_empty());
    assert_eq!(report["renumbered"].as_array().unwrap().len(), 2);
    let merged = merged.unwrap();
    assert_eq!(merged.units[&our_unit].code, "老甲");
    let theirs_now = merged.unit_by_code("老乙").expect("theirs' unit is kept");
    assert_ne!(theirs_now.id, our_unit);
    let their_member_now = merged
        .members
        .values()
        .find(|m| m.name == "老乙党员")
        .expect("theirs' member is kept");
    assert_eq!(
        their_member_now.unit, theirs_now.id,
        "and still in theirs' unit"
    );
    assert_eq!(merged.members[&our_member].unit, our_unit);
}

#[test]
fn version_2_copies_adding_a_group_and_a_household_under_one_id_merge_into_a_file_that_loads() {
    let base = old_files::sample();
    let (ours, theirs, added) = old_files::added_under_one_id(&base);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let paths = [
        ("base.ron", &base),
        ("ours.ron", &ours),
        ("theirs.ron", &theirs),
    ]
    .map(|(name, doc)| {
        let path = d.join(name);
        std::fs::write(&path, old_files::text(doc)).unwrap();
        path
    });
    let out = d.join("out.ron");
    let output = gridorg(
        &[
            "merge",
            s(&paths[0]),
            s(&paths[1]),
            s(&paths[2]),
            "-o",
            s(&out),
            "--format",
            "json",
        ],
        &d.join("data"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let merged = document::load(&out).unwrap_or_else(|e| panic!("OUT loads: {e}"));
    old_files::assert_both_kept(&merged, &added);
    let report = json(&output);
    let renumbered = report["renumbered"].as_array().unwrap();
    assert_eq!(
        renumbered.len(),
        2,
        "the group and theirs' member: {report}"
    );
    assert_eq!(renumbered[0]["from"], added.id.0);
    assert_eq!(
        renumbered[0]["to"],
        merged.unit_by_code("OLD-G").unwrap().id.0
    );
}

/// Base, ours and theirs whose merge cannot be a document: theirs made a
/// community a branch (by hand: the editor never changes a level), taking
/// its grids away, while ours added a grid to it.
fn a_merge_that_would_not_load(dir: &Path) -> [PathBuf; 3] {
    let base = gridorg::generate::sample();
    let community = community(&base);
    let mut ours = base.clone();
    ours.ids = Installation::at(dir.join("data")).reserve(4).unwrap();
    let id = gridorg::store::ids::next(&mut ours.ids);
    let mut grid = base.grids.values().next().unwrap().clone();
    (grid.id, grid.code, grid.community) = (id, "NEW-W".into(), community);
    grid.covered_by.clear();
    ours.grids.insert(id, grid);
    let mut theirs = base.clone();
    theirs.units.get_mut(&community).unwrap().level = Level::Branch;
    let gone: Vec<Id> = theirs
        .grids
        .values()
        .filter(|g| g.community == community)
        .map(|g| g.id)
        .collect();
    theirs.grids.retain(|id, _| !gone.contains(id));
    theirs.buildings.retain(|_, b| !gone.contains(&b.grid));
    [
        save(&base, dir, "base.ron"),
        save(&ours, dir, "ours.ron"),
        save(&theirs, dir, "theirs.ron"),
    ]
}

#[test]
fn a_merge_that_would_not_load_writes_nothing_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [base, ours, theirs] = a_merge_that_would_not_load(d);
    let out = d.join("out.ron");
    let output = gridorg(
        &["merge", s(&base), s(&ours), s(&theirs), "-o", s(&out)],
        &d.join("data"),
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("invalid merge result")
            && message.contains("不是社区")
            && message.contains("out.ron")
            && message.contains("nothing written"),
        "{message}"
    );
    assert!(!out.exists(), "nothing written");

    // git's driver leaves ours as it was, and says why.
    let before = std::fs::read(&ours).unwrap();
    let output = gridorg(
        &["merge-driver", s(&base), s(&ours), s(&theirs), "街道.ron"],
        &d.join("data"),
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("街道.ron") && stderr(&output).contains("invalid merge result"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&ours).unwrap(), before, "ours untouched");
}

#[test]
fn merging_over_an_existing_document_keeps_it_as_a_backup() {
    let (dir, base) = base();
    let d = dir.path();
    let mut ours = base.clone();
    ours.units.get_mut(&community(&base)).unwrap().name = "我方新名".into();
    let ours = save(&ours, d, "ours.ron");
    let out = d.join("out.ron");
    std::fs::write(&out, document::to_string(&base)).unwrap();
    let before = std::fs::read(&out).unwrap();
    let base_path = d.join("base.ron");
    let output = gridorg(
        &[
            "merge",
            s(&base_path),
            s(&ours),
            s(&base_path),
            "-o",
            s(&out),
        ],
        &d.join("data"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let backup = gridorg::output::backup_path(&out);
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        before,
        "the old OUT is kept"
    );
    let merged = document::load(&out).unwrap();
    assert_eq!(merged.units[&community(&base)].name, "我方新名");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
}

#[test]
fn a_merge_whose_backup_would_replace_an_input_is_refused() {
    // OUT.bak is where the document OUT replaces goes: an input there would be
    // lost, so it counts as OUT being an input.
    let (dir, base) = base();
    let d = dir.path();
    let mut theirs = base.clone();
    theirs.units.get_mut(&community(&base)).unwrap().name = "对方新名".into();
    let out = d.join("out.ron");
    std::fs::write(&out, document::to_string(&base)).unwrap();
    let theirs = save(&theirs, d, "out.ron.bak");
    let kept = std::fs::read(&theirs).unwrap();
    let base_path = d.join("base.ron");
    let output = gridorg(
        &[
            "merge",
            s(&base_path),
            s(&base_path),
            s(&theirs),
            "-o",
            s(&out),
        ],
        &d.join("data"),
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("same file"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&theirs).unwrap(), kept, "theirs untouched");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        document::to_string(&base).into_bytes(),
        "nothing written"
    );
}

/// Runs `check --format json` on a file: the merge-conflict findings.
fn conflict_findings(path: &Path, data: &Path) -> Vec<Value> {
    let output = gridorg(&["check", s(path), "--format", "json"], data);
    json(&output)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "merge-conflict")
        .cloned()
        .collect()
}

#[test]
fn both_sides_renaming_one_unit_is_a_conflict_kept_in_a_valid_document_and_reported_by_check() {
    let (dir, base) = base();
    let id = community(&base);
    let mut ours = base.clone();
    ours.units.get_mut(&id).unwrap().name = "我方新名".into();
    ours.units.get_mut(&id).unwrap().leader = Some("王书记".into());
    let mut theirs = base.clone();
    theirs.units.get_mut(&id).unwrap().name = "对方新名".into();
    theirs.units.get_mut(&id).unwrap().leader_phone = Some("13912345678".into());
    let (output, merged) = merge(dir.path(), &ours, &theirs);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let conflicts = report["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{report}");
    let c = &conflicts[0];
    assert_eq!(c["record"], "unit");
    assert_eq!(c["id"], id.0);
    assert_eq!(c["field"], "name");
    assert_eq!(c["code"], base.units[&id].code.as_str());
    assert_eq!(c["base"], base.units[&id].name.as_str());
    assert_eq!(
        (c["ours"].as_str(), c["theirs"].as_str()),
        (Some("我方新名"), Some("对方新名"))
    );
    let merged = merged.expect("OUT is written whole");
    let unit = &merged.units[&id];
    assert_eq!(unit.name, "我方新名", "ours' value in the conflict");
    assert_eq!(unit.leader.as_deref(), Some("王书记"), "ours' other change");
    assert_eq!(
        unit.leader_phone.as_deref(),
        Some("13912345678"),
        "theirs' other change"
    );
    assert_eq!(merged.conflicts.len(), 1);

    let findings = conflict_findings(&dir.path().join("out.ron"), dir.path());
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["code"], base.units[&id].code.as_str());
    assert!(findings[0]["message"]
        .as_str()
        .unwrap()
        .contains("对方新名"));
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let (dir, base) = base();
    let id = community(&base);
    let mut ours = base.clone();
    ours.units.get_mut(&id).unwrap().name = "同一个新名".into();
    let theirs = ours.clone();
    let (output, merged) = merge(dir.path(), &ours, &theirs);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(merged.unwrap().units[&id].name, "同一个新名");
}

#[test]
fn a_member_removed_on_one_side_and_changed_on_the_other_is_kept_with_a_conflict() {
    let (dir, base) = base();
    let member = *base.members.keys().next().unwrap();
    let mut ours = base.clone();
    ours.members.remove(&member);
    let mut theirs = base.clone();
    theirs.members.get_mut(&member).unwrap().workplace = Some("新单位".into());
    let (output, merged) = merge(dir.path(), &ours, &theirs);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["conflicts"][0]["field"], "removed");
    assert_eq!(report["conflicts"][0]["record"], "member");
    assert_eq!(report["conflicts"][0]["ours"], "removed");
    let merged = merged.unwrap();
    assert_eq!(merged.members[&member].workplace.as_deref(), Some("新单位"));
}

#[test]
fn a_unit_removed_on_one_side_that_the_other_moved_a_member_under_is_kept_with_a_conflict() {
    let (dir, mut base) = base();
    // A group with nothing in it yet, and a member elsewhere.
    let branch = base
        .units
        .values()
        .find(|u| u.level == Level::Branch)
        .unwrap()
        .id;
    let group = base.allocate_id();
    let unit = gridorg::model::Unit::new(
        group,
        "EMPTY-G".into(),
        "空党小组".into(),
        Level::Group,
        Some(branch),
    );
    base.units.insert(group, unit);
    save(&base, dir.path(), "base.ron");
    let member = *base.members.keys().next().unwrap();
    let mut ours = base.clone();
    ours.units.remove(&group);
    let mut theirs = base.clone();
    theirs.members.get_mut(&member).unwrap().unit = group;
    let (output, merged) = merge(dir.path(), &ours, &theirs);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let c = &report["conflicts"][0];
    assert_eq!(
        (c["record"].as_str(), c["field"].as_str()),
        (Some("unit"), Some("removed"))
    );
    let merged = merged.unwrap();
    assert!(merged.units.contains_key(&group), "the unit is kept");
    assert_eq!(merged.members[&member].unit, group, "with theirs' move");
}

#[test]
fn moves_on_both_sides_that_make_a_cycle_are_a_conflict() {
    let (dir, base) = base();
    let communities: Vec<Id> = base
        .units
        .values()
        .filter(|u| u.level == Level::Community)
        .map(|u| u.id)
        .take(2)
        .collect();
    let (a, b) = (communities[0], communities[1]);
    let mut ours = base.clone();
    ours.units.get_mut(&a).unwrap().parent = Some(b);
    let mut theirs = base.clone();
    theirs.units.get_mut(&b).unwrap().parent = Some(a);
    let (output, merged) = merge(dir.path(), &ours, &theirs);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let c = &report["conflicts"][0];
    assert_eq!(
        (c["id"].as_u64(), c["field"].as_str()),
        (Some(b.0), Some("parent"))
    );
    assert_eq!(
        c["theirs"],
        base.units[&a].code.as_str(),
        "references as codes"
    );
    let merged = merged.expect("a document without the cycle");
    assert_eq!(merged.units[&a].parent, Some(b));
    assert_eq!(merged.units[&b].parent, base.units[&b].parent);
}

#[test]
fn two_records_given_one_code_are_a_conflict() {
    let (dir, base) = base();
    let grids: Vec<Id> = base.grids.keys().copied().take(2).collect();
    let mut ours = base.clone();
    ours.grids.get_mut(&grids[0]).unwrap().code = "同码".into();
    let mut theirs = base.clone();
    theirs.grids.get_mut(&grids[1]).unwrap().code = "同码".into();
    let (output, merged) = merge(dir.path(), &ours, &theirs);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let c = &report["conflicts"][0];
    assert_eq!(
        (c["record"].as_str(), c["field"].as_str()),
        (Some("grid"), Some("code"))
    );
    assert_eq!(c["id"].as_u64(), Some(grids[1].0));
    assert_eq!(c["theirs"], "同码");
    let merged = merged.unwrap();
    assert_eq!(merged.grids[&grids[0]].code, "同码");
    assert_eq!(merged.grids[&grids[1]].code, base.grids[&grids[1]].code);
}

#[test]
fn bad_input_is_refused_with_exit_2_and_nothing_written() {
    let (dir, base) = base();
    let d = dir.path();
    let base_path = d.join("base.ron");
    let copy = save(&base, d, "copy.ron");
    let other = save(
        &gridorg::generate::generate(gridorg::generate::Preset::Street, 3),
        d,
        "other.ron",
    );
    let workbook = d.join("book.xlsx");
    assert!(gridorg(&["template", "-o", s(&workbook)], d)
        .status
        .success());
    let out = d.join("out.ron");
    let cases: [(&[&str], &str); 5] = [
        (&[s(&base_path), s(&copy), "missing.ron"], "missing.ron"),
        (&[s(&base_path), s(&copy), s(&other)], "unrelated documents"),
        (&[s(&base_path), s(&copy), s(&workbook)], "workbook"),
        (&[s(&base_path), s(&copy), s(&base_path)], ""),
        (&[s(&base_path), s(&copy), s(&copy)], ""),
    ];
    for (i, (inputs, said)) in cases.iter().enumerate() {
        let target = if i >= 3 { inputs[i - 3] } else { s(&out) };
        let before = std::fs::read(target).ok();
        let mut args = vec!["merge"];
        args.extend_from_slice(inputs);
        args.extend(["-o", target]);
        let output = gridorg(&args, d);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert!(message.contains(said), "{args:?}: {message}");
        if i >= 3 {
            assert!(message.contains("same file"), "{message}");
            assert_eq!(std::fs::read(target).ok(), before, "the input is untouched");
        } else {
            assert!(!out.exists(), "{args:?}: nothing written");
        }
    }
}

#[test]
fn a_document_with_conflicts_loads_and_a_newer_version_is_refused() {
    let (dir, base) = base();
    let id = community(&base);
    let mut ours = base.clone();
    ours.units.get_mut(&id).unwrap().name = "甲".into();
    let mut theirs = base.clone();
    theirs.units.get_mut(&id).unwrap().name = "乙".into();
    let (_, merged) = merge(dir.path(), &ours, &theirs);
    let text = std::fs::read_to_string(dir.path().join("out.ron")).unwrap();
    assert!(
        text.contains("conflicts: ["),
        "the conflicts are in the file"
    );
    let loaded = document::from_str(&text, "out.ron").expect("a conflicted document loads");
    assert_eq!(Some(&loaded), merged.as_ref());
    assert_eq!(loaded.conflicts[0].field, "name");

    let newer = text.replacen("version: 3", "version: 4", 1);
    let refused = document::from_str(&newer, "newer.ron")
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("unsupported version") && refused.contains("升级"),
        "{refused}"
    );
}

#[test]
fn version_2_files_load_keeping_their_ids_and_merge_with_newer_ones() {
    let old = document::load(Path::new("tests/data/v2-sample.ron")).unwrap();
    assert_eq!(old.structure, None);
    let now = gridorg::generate::sample();
    assert_eq!(
        old.units.keys().collect::<Vec<_>>(),
        now.units.keys().collect::<Vec<_>>()
    );
    assert_eq!(old.members.len(), now.members.len());
    assert_eq!(gridorg::versions::related(&old, &now), Ok(()));

    let dir = tempfile::tempdir().unwrap();
    let base = save(&old, dir.path(), "base.ron");
    let mut ours = old.clone();
    ours.ids = Installation::at(dir.path().join("data"))
        .reserve(4)
        .unwrap();
    add_branch_with_member(&mut ours, "NEW-B", "新支部");
    let ours = save(&ours, dir.path(), "ours.ron");
    let out = dir.path().join("out.ron");
    let output = gridorg(
        &["merge", s(&base), s(&ours), s(&base), "-o", s(&out)],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(document::load(&out)
        .unwrap()
        .unit_by_code("NEW-B")
        .is_some());
}

#[test]
fn a_journal_replays_added_records_with_the_ids_they_got() {
    use gridorg::journal::{self, Entry, Journal};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("街道.ron");
    let base = gridorg::generate::sample();
    document::save(&base, &path).unwrap();
    let base = document::load(&path).unwrap();
    let mut edited = base.clone();
    edited.ids = Installation::at(dir.path().join("data"))
        .reserve(8)
        .unwrap();
    let mut history = History::new();
    let mut journal = Journal::start(Some(&path), &base).unwrap();
    let add = Edit::AddUnit {
        parent: Some(community(&base)),
        level: Level::Branch,
        code: "J-B".into(),
        name: "日志支部".into(),
    };
    let branch = history.apply(&mut edited, &add).unwrap().created.unwrap();
    journal.record(&Entry::Apply(add)).unwrap();
    // A later step refers to the record the first one added.
    let member = Edit::AddMember(Member::new(Id(0), "日志党员", branch));
    history.apply(&mut edited, &member).unwrap();
    journal.record(&Entry::Apply(member)).unwrap();
    drop(journal); // killed before saving

    let recovery = journal::pending(Some(&path), &base).unwrap();
    assert_eq!(recovery.edits(), 2);
    let mut restored = document::load(&path).unwrap();
    recovery.replay(&mut restored, &mut History::new()).unwrap();
    assert_eq!(restored.units[&branch].code, "J-B");
    assert_eq!(restored, edited);
}

#[test]
fn a_settled_conflict_stays_settled_when_merged_again() {
    let (dir, base) = base();
    let id = community(&base);
    let mut ours = base.clone();
    ours.units.get_mut(&id).unwrap().name = "甲".into();
    let mut theirs = base.clone();
    theirs.units.get_mut(&id).unwrap().name = "乙".into();
    let (_, merged) = merge(dir.path(), &ours, &theirs);
    let conflicted = merged.unwrap();
    // The merge is the new base; ours settles the conflict, theirs edits elsewhere.
    save(&conflicted, dir.path(), "base.ron");
    let mut settled = conflicted.clone();
    settled.conflicts.clear();
    let mut other = conflicted.clone();
    let grid = *other.grids.keys().next().unwrap();
    other.grids.get_mut(&grid).unwrap().worker = Some("新网格员".into());
    let (output, merged) = merge(dir.path(), &settled, &other);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let merged = merged.unwrap();
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.grids[&grid].worker.as_deref(), Some("新网格员"));
}

#[test]
fn the_text_report_names_each_conflict_with_phones_masked() {
    let (dir, base) = base();
    let id = community(&base);
    let mut ours = base.clone();
    ours.units.get_mut(&id).unwrap().leader_phone = Some("13911112222".into());
    let mut theirs = base.clone();
    theirs.units.get_mut(&id).unwrap().leader_phone = Some("13933334444".into());
    let ours = save(&ours, dir.path(), "ours.ron");
    let theirs = save(&theirs, dir.path(), "theirs.ron");
    let out = dir.path().join("out.ron");
    let base_path = dir.path().join("base.ron");
    let output = gridorg(
        &["merge", s(&base_path), s(&ours), s(&theirs), "-o", s(&out)],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("冲突 1 处") && text.contains("[书记电话]") && !text.contains("leader_phone"),
        "the field named in Chinese: {text}"
    );
    assert!(
        text.contains("139****2222") && !text.contains("13911112222"),
        "{text}"
    );
}

#[test]
fn without_a_data_folder_fresh_ids_still_come_with_an_origin_and_merge_says_so() {
    let (dir, mut base) = base();
    base.structure = None;
    let base_path = save(&base, dir.path(), "base.ron");
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for (doc, code) in [(&mut ours, "无甲"), (&mut theirs, "无乙")] {
        let id = doc.allocate_id();
        let parent = community(doc);
        let unit =
            gridorg::model::Unit::new(id, code.into(), code.into(), Level::Branch, Some(parent));
        doc.units.insert(id, unit);
    }
    let ours = save(&ours, dir.path(), "ours.ron");
    let theirs = save(&theirs, dir.path(), "theirs.ron");
    let out = dir.path().join("out.ron");
    let output = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["merge", s(&base_path), s(&ours), s(&theirs), "-o", s(&out)])
        .env_remove("GRIDORG_DATA_DIR")
        .env_remove("XDG_DATA_HOME")
        .env_remove("HOME")
        .env_remove("APPDATA")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no data folder"),
        "{}",
        stderr(&output)
    );
    let merged = document::load(&out).unwrap();
    let renumbered = merged.unit_by_code("无乙").unwrap().id;
    assert!(gridorg::model::ids::has_origin(renumbered), "{renumbered}");
}

#[test]
fn a_structure_gets_its_identity_when_made_and_keeps_it_through_save_and_load() {
    use gridorg::generate::{generate, Preset};
    let (a, b) = (Document::new("甲"), Document::new("甲"));
    assert!(
        a.structure.is_some() && a.structure != b.structure,
        "new: each its own"
    );
    let generated = generate(Preset::Street, 5);
    assert_eq!(
        generated.structure,
        generate(Preset::Street, 5).structure,
        "generate repeats"
    );
    assert_ne!(generated.structure, generate(Preset::Street, 6).structure);
    let text = document::to_string(&generated);
    let loaded = document::from_str(&text, "t.ron").unwrap();
    assert_eq!(loaded.structure, generated.structure);
    assert!(gridorg::versions::related(&a, &b).is_err());
}

/// The (record, field) pairs of a merge report's conflicts, sorted.
fn conflict_fields(report: &Value) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = report["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["record"].to_string(), c["field"].to_string()))
        .collect();
    fields.sort();
    fields
}

#[test]
fn a_code_conflict_whose_other_value_another_record_holds_is_a_clash_either_way_round() {
    let (dir, base) = base();
    let grids: Vec<Id> = base.grids.keys().copied().take(2).collect();
    let mut one = base.clone();
    one.grids.get_mut(&grids[1]).unwrap().code = "CC0".into();
    let mut other = base.clone();
    other.grids.get_mut(&grids[1]).unwrap().code = "CC1".into();
    other.grids.get_mut(&grids[0]).unwrap().code = "CC0".into();
    let mut found = Vec::new();
    for (ours, theirs) in [(&one, &other), (&other, &one)] {
        let (output, merged) = merge(dir.path(), ours, theirs);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(merged.is_some(), "a merged document is written");
        found.push(conflict_fields(&json(&output)));
    }
    let code = ("\"grid\"".to_string(), "\"code\"".to_string());
    assert_eq!(found[0], vec![code.clone(), code.clone()]);
    assert_eq!(found[1], found[0]);
}
