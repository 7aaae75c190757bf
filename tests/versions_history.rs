//! A document's history in git, with the real git command line: where the
//! document lives in a repository, the commits that touched it, the document
//! as it was at each and how many changes each made, and committing it after
//! a save — and the plain errors when git is missing, nobody is named to
//! commit, or nothing changed.

use gridorg::document;
use gridorg::model::Document;
use gridorg::versions::git::{self, GitError};
use std::path::Path;
use std::process::Command;

/// Runs git in `dir`; its standard output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs (install it: apt-get install git)");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A repository with its own committer, whatever the machine's config says.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "-q", "-b", "main"]);
    ok(d, &["config", "user.name", "社区书记"]);
    ok(d, &["config", "user.email", "c@example.org"]);
    ok(d, &["config", "commit.gpgsign", "false"]);
    dir
}

/// How many records a document holds: what its first commit adds.
fn records(doc: &Document) -> usize {
    doc.units.len()
        + doc.grids.len()
        + doc.buildings.len()
        + doc.members.len()
        + doc.households.len()
        + doc.co_builders.len()
}

/// The sample committed, then one unit and one member renamed, then
/// the file moved into a folder: three commits.
fn three_commits(d: &Path) -> Document {
    let doc = gridorg::generate::sample();
    let file = d.join("街道.ron");
    document::save(&doc, &file).unwrap();
    ok(d, &["add", "街道.ron"]);
    ok(d, &["commit", "-q", "-m", "底稿"]);
    let mut edited = doc.clone();
    let unit = edited.unit_by_code("XY01").unwrap().id;
    edited.units.get_mut(&unit).unwrap().name = "迎宾馆社区党委".into();
    let member = edited.members.values_mut().next().unwrap();
    member.name = "王新".into();
    document::save(&edited, &file).unwrap();
    ok(d, &["commit", "-q", "-am", "迎宾馆改为党委；一人更名"]);
    std::fs::create_dir(d.join("档案")).unwrap();
    ok(d, &["mv", "街道.ron", "档案/西园街道.ron"]);
    ok(d, &["commit", "-q", "-m", "移入档案"]);
    edited
}

#[test]
fn a_document_in_a_work_tree_is_found_with_its_path_there_and_one_outside_is_not() {
    let dir = repository();
    let d = dir.path();
    std::fs::create_dir(d.join("档案")).unwrap();
    let file = d.join("档案/街道 一.ron");
    std::fs::write(&file, "").unwrap();
    let found = git::locate(&file).unwrap();
    assert_eq!(found.path, "档案/街道 一.ron");
    assert_eq!(found.top, std::fs::canonicalize(d).unwrap());
    // Through a link to the folder: the same place.
    let link = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(d.join("档案"), link.path().join("档案")).unwrap();
    let through = git::locate(&link.path().join("档案/街道 一.ron")).unwrap();
    assert_eq!(through, found);

    let outside = tempfile::tempdir().unwrap();
    let lone = outside.path().join("街道.ron");
    std::fs::write(&lone, "").unwrap();
    let refused = git::locate(&lone).unwrap_err();
    assert_eq!(
        refused,
        GitError::NotARepository(lone.display().to_string())
    );
    assert!(refused
        .to_string()
        .contains("不在 git 仓库中 (not a git repository)"));
    // Inside .git is no work tree.
    let inner = d.join(".git/config");
    assert!(matches!(
        git::locate(&inner),
        Err(GitError::NotARepository(_))
    ));
}

#[test]
fn the_log_lists_the_commits_of_the_document_newest_first_across_a_rename() {
    let dir = repository();
    let d = dir.path();
    three_commits(d);
    // Another file's commit is not the document's.
    std::fs::write(d.join("说明.txt"), "x").unwrap();
    ok(d, &["add", "说明.txt"]);
    ok(d, &["commit", "-q", "-m", "说明"]);

    let repo = git::locate(&d.join("档案/西园街道.ron")).unwrap();
    let log = git::log(&repo).unwrap();
    let seen: Vec<(&str, &str)> = log
        .iter()
        .map(|c| (c.message.as_str(), c.path.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("移入档案", "档案/西园街道.ron"),
            ("迎宾馆改为党委；一人更名", "街道.ron"),
            ("底稿", "街道.ron"),
        ]
    );
    let head = ok(d, &["rev-parse", "HEAD~1"]);
    assert_eq!(log[0].hash, head.trim());
    assert!(head.starts_with(&log[0].short) && log[0].short.len() >= 7);
    assert!(log.iter().all(|c| c.author == "社区书记"));
    let date = &log[0].date;
    assert!(
        chrono::NaiveDateTime::parse_from_str(date, "%Y-%m-%d %H:%M").is_ok(),
        "{date}"
    );
}

#[test]
fn a_file_never_committed_has_no_history_even_in_a_repository_with_no_commit() {
    let dir = repository();
    let file = dir.path().join("街道.ron");
    document::save(&gridorg::generate::sample(), &file).unwrap();
    let repo = git::locate(&file).unwrap();
    assert_eq!(git::log(&repo).unwrap(), []);
}

#[test]
fn each_version_reads_back_and_each_commit_counts_the_changes_it_made() {
    let dir = repository();
    let d = dir.path();
    let edited = three_commits(d);
    let repo = git::locate(&d.join("档案/西园街道.ron")).unwrap();
    let log = git::log(&repo).unwrap();

    let first = git::document_at(&repo, &log[2]).unwrap();
    assert_eq!(first, gridorg::generate::sample());
    let second = git::document_at(&repo, &log[1]).unwrap();
    assert_eq!(second, edited);

    let mut counts = Vec::new();
    git::count_changes(&repo, &log, |index, count| {
        counts.push((index, count));
        true
    });
    // The move changed nothing inside; the edit renamed one unit and one
    // member; the first commit added every record.
    assert_eq!(
        counts,
        [(0, Ok(0)), (1, Ok(2)), (2, Ok(records(&first)))],
        "newest first"
    );
    // Asked to stop, it stops.
    let mut seen = 0;
    git::count_changes(&repo, &log, |_, _| {
        seen += 1;
        false
    });
    assert_eq!(seen, 1);
}

#[test]
fn a_version_that_is_no_document_is_said_for_its_commit_and_the_next() {
    let dir = repository();
    let d = dir.path();
    let file = d.join("街道.ron");
    std::fs::write(&file, "<<<<<<< 不是文档\n").unwrap();
    ok(d, &["add", "街道.ron"]);
    ok(d, &["commit", "-q", "-m", "坏的"]);
    document::save(&gridorg::generate::sample(), &file).unwrap();
    ok(d, &["commit", "-q", "-am", "好的"]);
    let repo = git::locate(&file).unwrap();
    let log = git::log(&repo).unwrap();
    let mut counts = Vec::new();
    git::count_changes(&repo, &log, |index, count| {
        counts.push((index, count));
        true
    });
    assert_eq!(counts.len(), 2);
    for (_, count) in counts {
        let why = count.unwrap_err();
        assert!(
            matches!(why, GitError::Version(_)),
            "a version that does not load: {why:?}"
        );
        assert!(
            why.to_string().starts_with("街道.ron@"),
            "names the version: {why}"
        );
    }
}

#[test]
fn a_version_larger_than_the_limit_is_refused_before_it_is_read() {
    let dir = repository();
    let d = dir.path();
    let file = d.join("街道.ron");
    document::save(&gridorg::generate::sample(), &file).unwrap();
    ok(d, &["add", "街道.ron"]);
    ok(d, &["commit", "-q", "-m", "底稿"]);
    let size = std::fs::metadata(&file).unwrap().len();
    let repo = git::locate(&file).unwrap();
    let log = git::log(&repo).unwrap();
    let refused = git::read_at(&repo, &log[0], size - 1).unwrap_err();
    assert_eq!(
        refused,
        GitError::TooLarge {
            path: "街道.ron".into(),
            revision: log[0].short.clone(),
            bytes: size,
            limit: size - 1,
        }
    );
    assert!(refused.to_string().contains("(file too large)"));
    let read = git::read_at(&repo, &log[0], size).unwrap();
    assert_eq!(read, std::fs::read(&file).unwrap());
}

#[test]
fn a_save_commits_that_file_alone_with_the_message_as_given() {
    let dir = repository();
    let d = dir.path();
    let file = d.join("街道.ron");
    let mut doc = gridorg::generate::sample();
    document::save(&doc, &file).unwrap();
    // Staged work of the user's on another file stays staged, uncommitted.
    std::fs::write(d.join("别的.txt"), "x").unwrap();
    ok(d, &["add", "别的.txt"]);

    let message = "第一版 \"引号\" $(rm -rf /) `反引号`; 分号";
    let short = git::commit(&file, message).unwrap();
    assert_eq!(ok(d, &["rev-parse", "--short", "HEAD"]).trim(), short);
    assert_eq!(ok(d, &["log", "-1", "--format=%s"]).trim(), message);
    assert_eq!(
        ok(d, &["show", "--name-only", "--format=", "HEAD"]).trim(),
        "街道.ron"
    );
    assert_eq!(
        ok(d, &["diff", "--cached", "--name-only"]).trim(),
        "别的.txt"
    );

    // Nothing changed since: nothing to commit, said plainly.
    let refused = git::commit(&file, "再提交").unwrap_err();
    assert_eq!(
        refused,
        GitError::NothingToCommit(file.display().to_string())
    );
    assert!(refused.to_string().contains("(nothing to commit)"));
    // An empty message is refused before git runs.
    doc.title = "改了标题".into();
    document::save(&doc, &file).unwrap();
    assert_eq!(git::commit(&file, "  \n"), Err(GitError::EmptyMessage));
    let second = git::commit(&file, "改标题").unwrap();
    assert_ne!(second, short);
    assert_eq!(ok(d, &["rev-list", "--count", "HEAD"]).trim(), "2");
}

#[test]
fn committing_outside_a_repository_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("街道.ron");
    document::save(&gridorg::generate::sample(), &file).unwrap();
    assert_eq!(
        git::commit(&file, "提交"),
        Err(GitError::NotARepository(file.display().to_string()))
    );
}

/// Runs the test `name` again in a process of its own with `env` set (the
/// environment is the whole process's, and other tests run beside this
/// one). True in that process, where the test does its work.
fn in_child(name: &str, env: &[(&str, &std::ffi::OsStr)]) -> bool {
    if std::env::var_os("GRIDORG_TEST_CHILD").is_some() {
        return true;
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env("GRIDORG_TEST_CHILD", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.contains("1 passed"),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    false
}

#[test]
fn committing_with_no_identity_configured_says_how_to_set_one() {
    if let Some(repo) = std::env::var_os("GRIDORG_TEST_REPO") {
        let file = Path::new(&repo).join("街道.ron");
        let refused = git::commit(&file, "提交").unwrap_err();
        assert_eq!(refused, GitError::NoIdentity);
        assert!(refused
            .to_string()
            .contains("git config --global user.name"));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "-q"]);
    // No name or email of its own, and no guessing one from the machine.
    ok(d, &["config", "user.useConfigOnly", "true"]);
    document::save(&gridorg::generate::sample(), &d.join("街道.ron")).unwrap();
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("GRIDORG_TEST_REPO", d.as_os_str()),
        ("HOME", home.path().as_os_str()),
        ("XDG_CONFIG_HOME", home.path().as_os_str()),
        ("GIT_CONFIG_NOSYSTEM", "1".as_ref()),
    ];
    in_child(
        "committing_with_no_identity_configured_says_how_to_set_one",
        &env,
    );
    assert_eq!(ok(d, &["rev-list", "--all", "--count"]).trim(), "0");
}

#[test]
fn with_git_missing_each_step_says_to_install_it() {
    let empty = tempfile::tempdir().unwrap();
    if !in_child(
        "with_git_missing_each_step_says_to_install_it",
        &[("PATH", empty.path().as_os_str())],
    ) {
        return;
    }
    let file = empty.path().join("街道.ron");
    std::fs::write(&file, "").unwrap();
    for refused in [
        git::locate(&file).unwrap_err(),
        git::commit(&file, "提交").unwrap_err(),
    ] {
        assert!(matches!(refused, GitError::Missing(_)), "{refused:?}");
        assert!(refused.to_string().contains("apt-get install git"));
    }
}
