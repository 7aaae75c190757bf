//! git as the engine of versions, with the real git command line: `gridorg
//! git-setup`, branches merged by `gridorg merge-driver`, and changes carried
//! between two offices' repositories in a bundle (the 数据包 on a USB stick).

use gridorg::document;
use gridorg::model::{Document, Id, Level};
use std::path::Path;
use std::process::{Command, Output};

#[path = "common/old_files.rs"]
mod old_files;

/// Runs git in `dir` with a private identity and config; the output.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "社区")
        .env("GIT_AUTHOR_EMAIL", "c@example.org")
        .env("GIT_COMMITTER_NAME", "社区")
        .env("GIT_COMMITTER_EMAIL", "c@example.org")
        .env("GRIDORG_DATA_DIR", dir.join(".gridorg-data"))
        .output()
        .expect("git runs (install it: apt-get install git)")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn setup(dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["git-setup", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The offices' data folders live beside the work tree in these tests.
    let exclude = dir.join(".git/info/exclude");
    if exclude.parent().unwrap().exists() {
        std::fs::write(exclude, ".gridorg-data/\n*.bak\n").unwrap();
    }
}

/// A repository with no commit yet, the document in it and gridorg set up.
fn repository() -> (tempfile::TempDir, Document) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "-q", "-b", "main"]);
    std::fs::write(d.join(".gitattributes"), "*.pdf binary\n").unwrap();
    setup(d);
    let doc = gridorg::generate::sample();
    document::save(&doc, &d.join("街道.ron")).unwrap();
    ok(d, &["add", "街道.ron", ".gitattributes", ".gitignore"]);
    ok(d, &["commit", "-q", "-m", "底稿"]);
    (dir, doc)
}

fn community(doc: &Document) -> Id {
    doc.units
        .values()
        .find(|u| u.level == Level::Community)
        .unwrap()
        .id
}

/// Edits the document in the work tree and commits it.
fn commit_edit(dir: &Path, message: &str, edit: impl FnOnce(&mut Document)) {
    let path = dir.join("街道.ron");
    let mut doc = document::load(&path).unwrap();
    edit(&mut doc);
    document::save(&doc, &path).unwrap();
    ok(dir, &["commit", "-q", "-am", message]);
}

fn rename(id: Id, name: &'static str) -> impl FnOnce(&mut Document) {
    move |doc| doc.units.get_mut(&id).unwrap().name = name.into()
}

/// Adds a grid, its id from the office's own data folder.
fn add_grid(office: &Path, code: &'static str) -> impl FnOnce(&mut Document) {
    let data = office.join(".gridorg-data");
    move |doc| {
        let community = community(doc);
        doc.ids = gridorg::store::ids::Installation::at(data)
            .reserve(1)
            .unwrap();
        let id = gridorg::store::ids::next(&mut doc.ids);
        let mut grid = doc.grids.values().next().unwrap().clone();
        grid.id = id;
        grid.code = code.into();
        grid.name = code.into();
        grid.community = community;
        grid.covered_by.clear();
        doc.grids.insert(id, grid);
    }
}

#[test]
fn git_setup_works_before_the_first_commit_and_keeps_what_gitattributes_held() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "-q"]);
    std::fs::write(d.join(".gitattributes"), "*.pdf binary").unwrap();
    std::fs::write(d.join(".gitignore"), "草稿/\n*.bak\n").unwrap();
    setup(d);
    setup(d); // twice: nothing doubled
    let attributes = std::fs::read_to_string(d.join(".gitattributes")).unwrap();
    assert_eq!(
        attributes,
        "*.pdf binary\n*.ron merge=gridorg diff=gridorg\n"
    );
    // Backups, journals, temporary files and 数据包 stay out, what was
    // there is kept, nothing doubled.
    let ignored = std::fs::read_to_string(d.join(".gitignore")).unwrap();
    assert_eq!(
        ignored,
        "草稿/\n*.bak\n.*.journal\n.gridorg-*.tmp\n*.bundle\n"
    );
    for file in [
        "街道.ron.bak",
        ".街道.ron.journal",
        "西园-迎宾馆社区-20261205.bundle",
    ] {
        std::fs::write(d.join(file), "x").unwrap();
    }
    std::fs::write(d.join("街道.ron"), "x").unwrap();
    assert_eq!(
        ok(d, &["status", "--porcelain", "--untracked-files=all"]),
        "?? .gitattributes\n?? .gitignore\n?? \"\\350\\241\\227\\351\\201\\223.ron\"\n"
    );
    let driver = ok(d, &["config", "merge.gridorg.driver"]);
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_gridorg")).unwrap();
    assert!(driver.contains(exe.to_str().unwrap()), "{driver}");
    assert!(
        driver.trim_end().ends_with("merge-driver %O %A %B %P"),
        "{driver}"
    );
    let diff = ok(d, &["config", "diff.gridorg.command"]);
    assert!(diff.trim_end().ends_with("diff-driver"), "{diff}");
}

#[test]
fn git_setup_keeps_the_mode_of_an_existing_gitattributes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "-q"]);
    let path = d.join(".gitattributes");
    std::fs::write(&path, "*.pdf binary\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    setup(d);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "*.pdf binary\n*.ron merge=gridorg diff=gridorg\n"
    );
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664, "{mode:o}");
}

#[test]
fn git_setup_refuses_a_linked_gitattributes_before_it_writes_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("repo");
    std::fs::create_dir(&d).unwrap();
    ok(&d, &["init", "-q"]);
    let elsewhere = dir.path().join("elsewhere");
    std::fs::write(&elsewhere, "*.pdf binary\n").unwrap();
    std::os::unix::fs::symlink(&elsewhere, d.join(".gitattributes")).unwrap();
    let config = std::fs::read(d.join(".git/config")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["git-setup", d.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(".gitattributes") && stderr.contains("symlink"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(d.join(".git/config")).unwrap(),
        config,
        "the config is as it was"
    );
    assert_eq!(
        std::fs::read_to_string(&elsewhere).unwrap(),
        "*.pdf binary\n"
    );
    assert!(std::fs::symlink_metadata(d.join(".gitattributes"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn git_setup_outside_a_repository_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["git-setup", dir.path().to_str().unwrap()])
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("git"));
    assert!(!dir.path().join(".gitattributes").exists());
}

#[test]
fn two_branches_editing_one_document_merge_clean_through_the_driver() {
    let (dir, base) = repository();
    let d = dir.path();
    let unit = community(&base);
    ok(d, &["checkout", "-q", "-b", "street"]);
    commit_edit(d, "更名", rename(unit, "街道改的名"));
    ok(d, &["checkout", "-q", "main"]);
    commit_edit(d, "新网格", add_grid(d, "NEW-W"));
    // Line by line these edits could clash; by id they do not.
    ok(d, &["merge", "-q", "--no-edit", "street"]);
    let merged = document::load(&d.join("街道.ron")).unwrap();
    assert_eq!(merged.units[&unit].name, "街道改的名");
    assert!(merged.grid_by_code("NEW-W").is_some());
    assert!(merged.conflicts.is_empty());
    assert!(
        ok(d, &["status", "--porcelain"]).is_empty(),
        "merge committed"
    );
}

#[test]
fn version_2_branches_adding_under_one_id_commit_a_merge_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "-q", "-b", "main"]);
    setup(d);
    let path = d.join("街道.ron");
    let base = old_files::sample();
    let (ours, theirs, added) = old_files::added_under_one_id(&base);
    let steps: [(&[&str], _, _); 3] = [
        (&[], &base, "底稿"),
        (&["checkout", "-q", "-b", "street"], &theirs, "街道加党小组"),
        (&["checkout", "-q", "main"], &ours, "社区加联系户"),
    ];
    for (checkout, doc, message) in steps {
        if !checkout.is_empty() {
            ok(d, checkout);
        }
        std::fs::write(&path, old_files::text(doc)).unwrap();
        ok(d, &["add", "."]);
        ok(d, &["commit", "-q", "-m", message]);
    }
    ok(d, &["merge", "-q", "--no-edit", "street"]);
    let committed = ok(d, &["show", "HEAD:街道.ron"]);
    let merged = document::from_str(&committed, "HEAD:街道.ron")
        .unwrap_or_else(|e| panic!("what git committed loads: {e}"));
    old_files::assert_both_kept(&merged, &added);
}

#[test]
fn a_conflict_stops_the_merge_with_a_valid_file_whose_conflicts_check_reports() {
    let (dir, base) = repository();
    let d = dir.path();
    let unit = community(&base);
    ok(d, &["checkout", "-q", "-b", "street"]);
    commit_edit(d, "街道改名", rename(unit, "街道的名"));
    ok(d, &["checkout", "-q", "main"]);
    commit_edit(d, "社区改名", rename(unit, "社区的名"));
    let out = git(d, &["merge", "--no-edit", "street"]);
    assert!(!out.status.success(), "the conflict stops the merge");
    let path = d.join("街道.ron");
    let merged = document::load(&path).expect("the file is a valid document");
    assert_eq!(merged.units[&unit].name, "社区的名", "ours' value");
    let check = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["check", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let conflicts: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "merge-conflict")
        .collect();
    assert_eq!(conflicts.len(), 1, "{report}");
    assert!(conflicts[0]["message"]
        .as_str()
        .unwrap()
        .contains("街道的名"));
}

#[test]
fn a_community_sends_its_changes_to_the_street_in_a_bundle() {
    // The community's repository, then the street's copy made from a bundle.
    let (community_repo, base) = repository();
    let c = community_repo.path();
    let street_repo = tempfile::tempdir().unwrap();
    let s = street_repo.path();
    let stick = tempfile::tempdir().unwrap();
    let first = stick.path().join("底稿.bundle");
    ok(c, &["bundle", "create", first.to_str().unwrap(), "main"]);
    ok(
        s,
        &["clone", "-q", "-b", "main", first.to_str().unwrap(), "."],
    );
    setup(s);
    let unit = community(&base);

    // Both edit apart: the street adds a grid, the community renames itself.
    commit_edit(s, "街道加网格", add_grid(s, "STREET-W"));
    commit_edit(c, "社区更名", rename(unit, "社区新名"));

    // The community puts its changes on the stick; the street merges them.
    let package = stick.path().join("社区.bundle");
    ok(c, &["bundle", "create", package.to_str().unwrap(), "main"]);
    ok(
        s,
        &["fetch", "-q", package.to_str().unwrap(), "main:community"],
    );
    ok(s, &["merge", "-q", "--no-edit", "community"]);
    let merged = document::load(&s.join("街道.ron")).unwrap();
    assert_eq!(merged.units[&unit].name, "社区新名");
    assert!(merged.grid_by_code("STREET-W").is_some());
    assert!(merged.conflicts.is_empty());
}

#[test]
fn a_document_added_on_two_branches_merges_from_an_empty_base() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "-q", "-b", "main"]);
    setup(d);
    std::fs::write(d.join("说明.txt"), "档案\n").unwrap();
    ok(d, &["add", "."]);
    ok(d, &["commit", "-q", "-m", "开始"]);
    let doc = gridorg::generate::sample();
    let unit = community(&doc);
    ok(d, &["checkout", "-q", "-b", "street"]);
    let mut street = doc.clone();
    street.units.get_mut(&unit).unwrap().leader = Some("街道定的书记".into());
    document::save(&street, &d.join("街道.ron")).unwrap();
    ok(d, &["add", "街道.ron"]);
    ok(d, &["commit", "-q", "-m", "街道的底稿"]);
    ok(d, &["checkout", "-q", "main"]);
    document::save(&doc, &d.join("街道.ron")).unwrap();
    ok(d, &["add", "街道.ron"]);
    ok(d, &["commit", "-q", "-m", "社区的底稿"]);
    // No common version: the one field the two give differently is a
    // conflict, everything else one record each.
    assert!(!git(d, &["merge", "--no-edit", "street"]).status.success());
    let merged = document::load(&d.join("街道.ron")).unwrap();
    assert_eq!(merged.units.len(), doc.units.len(), "nothing doubled");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(
        (merged.conflicts[0].id, merged.conflicts[0].field.as_str()),
        (unit, "leader")
    );
    assert_eq!(
        merged.conflicts[0].theirs.as_deref(),
        Some("\"街道定的书记\"")
    );
}

#[test]
fn an_unfinished_merge_is_told_before_a_commit_would_meet_it() {
    use gridorg::versions::git::merging;
    let (dir, _) = repository();
    let d = dir.path();
    let file = d.join("街道.ron");
    assert_eq!(merging(&file), Ok(false));
    // Two branches write one note differently: git stops the merge there.
    ok(d, &["checkout", "-q", "-b", "街道"]);
    std::fs::write(d.join("说明.txt"), "街道的说明\n").unwrap();
    ok(d, &["add", "说明.txt"]);
    ok(d, &["commit", "-q", "-m", "街道说明"]);
    ok(d, &["checkout", "-q", "main"]);
    std::fs::write(d.join("说明.txt"), "社区的说明\n").unwrap();
    ok(d, &["add", "说明.txt"]);
    ok(d, &["commit", "-q", "-m", "社区说明"]);
    assert!(!git(d, &["merge", "-q", "街道"]).status.success());
    assert_eq!(merging(&file), Ok(true));
    ok(d, &["merge", "--abort"]);
    assert_eq!(merging(&file), Ok(false));
    let outside = tempfile::tempdir().unwrap();
    assert_eq!(merging(&outside.path().join("街道.ron")), Ok(false));
}
