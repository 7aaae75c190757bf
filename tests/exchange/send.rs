//! `gridorg send`: a 数据包 git accepts, the saved document committed first,
//! version control started for a document outside git (and said), nothing
//! written without an office.

use crate::common::{files_under, verifies, Office, DOC};
use gridorg::model::Level;

#[test]
fn exchange_send_starts_versions_for_a_document_outside_git_and_says_so() {
    let street = Office::with_sample("西园街道");
    // Beside the document: its backup, its journal and a private export —
    // none of them may travel in a 数据包.
    std::fs::write(street.dir().join(format!("{DOC}.bak")), "旧版本").unwrap();
    std::fs::write(street.dir().join(format!(".{DOC}.journal")), "日志").unwrap();
    std::fs::write(street.dir().join("花名册.xlsx"), "身份证号").unwrap();
    let bundle = street.out("街道.bundle");
    let run = street.send(&bundle);
    assert!(
        run.said().contains("版本"),
        "starting version control is said: {run:#?}"
    );
    assert!(
        street.dir().join(".git").is_dir(),
        "the folder is a repository"
    );
    assert!(verifies(&street.dir(), &bundle), "git accepts the 数据包");
    assert_eq!(street.commits(), 1, "the document is the first version");
    assert_eq!(
        street.git_ok(&["log", "-1", "--format=%an|%cn"]),
        "西园街道|西园街道",
        "the office is author and committer"
    );
    let tracked = street.git_ok(&["ls-files"]);
    for line in tracked.lines() {
        assert!(
            [DOC, ".gitattributes", ".gitignore"].contains(&line),
            "only the document and gridorg's setup are committed: {tracked}"
        );
    }
    assert!(tracked.lines().any(|l| l == DOC), "{tracked}");
    let attributes = std::fs::read_to_string(street.dir().join(".gitattributes")).unwrap();
    assert!(attributes.contains("merge=gridorg"), "git-setup was done");
    for ignored in [format!("{DOC}.bak"), format!(".{DOC}.journal")] {
        assert!(
            street
                .git(&["check-ignore", "-q", &ignored])
                .status
                .success(),
            "{ignored} is kept out of the repository"
        );
    }
    // A second send starts nothing again.
    let again = street.send(&street.out("再次.bundle"));
    assert_eq!(street.commits(), 1, "nothing new to commit: {again:#?}");
}

#[test]
fn exchange_send_commits_the_saved_state_first() {
    let street = Office::with_sample("西园街道");
    street.send(&street.out("一.bundle"));
    let unit = crate::common::nth_unit(&street.load(), Level::Community, 1);
    street.rename(unit, "改名后的社区");
    let saved = std::fs::read(street.doc()).unwrap();
    let bundle = street.out("二.bundle");
    street.send(&bundle);
    assert_eq!(street.commits(), 2, "the saved edit is a commit of its own");
    assert_eq!(street.git_ok(&["status", "--porcelain"]), "");
    assert!(verifies(&street.dir(), &bundle));
    // What the 数据包 holds is the document as saved.
    let elsewhere = tempfile::tempdir().unwrap();
    let branch = street.git_ok(&["symbolic-ref", "--short", "HEAD"]);
    crate::common::git_in(
        elsewhere.path(),
        &[
            "clone",
            "-q",
            "-b",
            &branch,
            bundle.to_str().unwrap(),
            "copy",
        ],
    );
    assert_eq!(
        std::fs::read(elsewhere.path().join("copy").join(DOC)).unwrap(),
        saved
    );
}

#[test]
fn exchange_send_without_an_office_exits_2_and_writes_nothing() {
    let street = Office::with_sample("西园街道");
    let before = std::fs::read(street.doc()).unwrap();
    let bundle = street.out("街道.bundle");
    let run = street.send_by(&bundle, None);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("本单位"), "it says why: {run:#?}");
    assert!(!bundle.exists(), "no 数据包");
    assert!(!street.dir().join(".git").exists(), "no repository");
    assert_eq!(
        files_under(&street.dir()),
        vec![DOC.to_string()],
        "nothing beside the document"
    );
    assert_eq!(std::fs::read(street.doc()).unwrap(), before);
}

#[test]
fn exchange_send_without_an_office_commits_nothing_in_a_repository() {
    let street = Office::with_sample("西园街道");
    // A repository the user made by hand, with a saved edit not committed.
    street.git_as_someone(&["init", "-q"]);
    street.git_as_someone(&["add", DOC]);
    street.git_as_someone(&["commit", "-q", "-m", "手工"]);
    let unit = crate::common::nth_unit(&street.load(), Level::Community, 0);
    street.rename(unit, "未提交的名");
    let bundle = street.out("街道.bundle");
    street.refuses("本单位", || street.send_by(&bundle, None));
    assert!(!bundle.exists());
}

#[test]
fn exchange_send_refuses_an_office_name_a_commit_cannot_hold() {
    let street = Office::with_sample("西园街道");
    let bundle = street.out("街道.bundle");
    for bad in ["坏<x@y>", "a/b", "  ", "换\n行"] {
        let run = street.send_by(&bundle, Some(bad));
        assert_eq!(run.code, 2, "{bad:?}: {run:#?}");
        assert!(run.stderr.contains("本单位"), "{bad:?}: {run:#?}");
        assert!(!bundle.exists(), "{bad:?}");
        assert!(!street.dir().join(".git").exists(), "{bad:?}");
    }
    street.send(&bundle);
}

#[test]
fn exchange_send_the_office_given_once_is_kept_for_the_next_command() {
    let street = Office::with_sample("西园街道");
    street.send(&street.out("一.bundle"));
    let unit = crate::common::nth_unit(&street.load(), Level::Community, 0);
    street.rename(unit, "第二版");
    let run = street.send_by(&street.out("二.bundle"), None);
    assert_eq!(run.code, 0, "the office named before is used: {run:#?}");
    assert_eq!(street.commits(), 2);
    assert_eq!(street.git_ok(&["log", "-1", "--format=%an"]), "西园街道");
}

#[test]
fn exchange_send_never_writes_over_the_document_through_a_link_or_to_a_device() {
    let street = Office::with_sample("西园街道");
    street.send(&street.out("一.bundle"));
    street.refuses("same file", || street.send_as(&street.doc()));
    // A 数据包 name that is a link to a file elsewhere: neither followed nor
    // replaced.
    let elsewhere = street.out("别人的.txt");
    std::fs::write(&elsewhere, "原样").unwrap();
    let link = street.out("链接.bundle");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    street.refuses("(", || street.send_as(&link));
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "原样");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    street.refuses("(", || street.send_as(std::path::Path::new("/dev/null")));
}
