//! `gridorg sync` against a shared repository: a local bare repository made
//! in the test (`git init --bare`).

use crate::common::{git_in, nth_unit, Office, DOC};
use gridorg::model::Level;
use gridorg::versions::exchange::finish;
use std::path::{Path, PathBuf};

/// An empty shared repository; the folder that holds it and its path.
fn shared() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("共享.git");
    git_in(
        dir.path(),
        &["init", "-q", "--bare", bare.to_str().unwrap()],
    );
    (dir, bare)
}

/// A street whose document is under version control (by its first send).
fn versioned() -> Office {
    let street = Office::with_sample("西园街道");
    street.send(&street.out("底稿.bundle"));
    street
}

/// A shared repository filled by the street's first sync, and a community
/// whose copy came from the street's first 数据包.
fn filled_by_the_street() -> (tempfile::TempDir, PathBuf, Office, Office) {
    let (dir, bare) = shared();
    let street = versioned();
    street.sync(Some(&bare)).expect(0, "fills");
    let community = Office::new("迎宾馆社区");
    community
        .receive(&street.out("底稿.bundle"), &[])
        .expect(0, "a copy");
    (dir, bare, street, community)
}

/// The commit the shared repository's only branch is at.
fn shared_head(bare: &Path) -> String {
    let heads = git_in(
        bare,
        &["for-each-ref", "--format=%(objectname)", "refs/heads"],
    );
    assert_eq!(heads.lines().count(), 1, "one branch: {heads}");
    heads
}

#[test]
fn exchange_sync_fills_an_empty_shared_repository_and_a_second_office_gets_it() {
    let (_dir, bare) = shared();
    let street = versioned();
    street
        .sync(Some(&bare))
        .expect(0, "the first sync fills it");
    assert_eq!(shared_head(&bare), street.head());
    let branch = git_in(
        &bare,
        &["for-each-ref", "--format=%(refname)", "refs/heads"],
    );
    assert_eq!(
        git_in(&bare, &["show", &format!("{branch}:{DOC}")]),
        std::fs::read_to_string(street.doc()).unwrap().trim_end()
    );
    let community = Office::new("迎宾馆社区");
    community
        .sync(Some(&bare))
        .expect(0, "a second office gets it");
    assert_eq!(
        std::fs::read(community.doc()).unwrap(),
        std::fs::read(street.doc()).unwrap()
    );
    assert_eq!(community.head(), street.head());
}

#[test]
fn exchange_sync_a_change_pushed_by_one_is_merged_by_the_other() {
    let (_dir, bare, street, community) = filled_by_the_street();
    let doc = street.load();
    let units = [0, 1].map(|n| nth_unit(&doc, Level::Community, n));

    street.rename(units[0], "街道改名");
    // The shared repository is remembered: no --remote from here on.
    street.sync(None).expect(0, "the street pushes its change");
    assert_eq!(shared_head(&bare), street.head(), "pushed");

    community.rename(units[1], "社区改名");
    community
        .sync(Some(&bare))
        .expect(0, "the community merges and pushes");
    let merged = community.load();
    assert_eq!(merged.units[&units[0]].name, "街道改名");
    assert_eq!(merged.units[&units[1]].name, "社区改名");
    assert_eq!(shared_head(&bare), community.head(), "pushed when clean");
    let message = community.git_ok(&["log", "-1", "--format=%an %B"]);
    assert!(message.starts_with("迎宾馆社区"), "{message}");

    street.sync(None).expect(0, "the street gets it back");
    assert_eq!(street.load().units[&units[1]].name, "社区改名");
    assert_eq!(street.head(), community.head());
    street.sync(None).expect(0, "nothing new");
    assert_eq!(street.head(), community.head(), "nothing changed");
}

#[test]
fn exchange_sync_with_conflicts_exits_1_and_pushes_only_once_settled() {
    let (_dir, bare, street, community) = filled_by_the_street();
    community.sync(Some(&bare)).expect(0, "nothing new");
    let unit = nth_unit(&street.load(), Level::Community, 0);
    street.rename(unit, "街道的名");
    street.sync(None).expect(0, "pushed");
    let pushed = shared_head(&bare);
    community.rename(unit, "社区的名");
    let run = community.sync(None);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(community.load().conflicts.len(), 1);
    assert_eq!(shared_head(&bare), pushed, "nothing pushed");
    community.refuses("merge pending", || community.sync(None));
    // Settled (as the conflicts panel does) and 完成: the next sync pushes.
    community.edit(|d| {
        d.units.get_mut(&unit).unwrap().name = "商定的名".into();
        d.conflicts.clear();
    });
    finish(&community.doc(), &community.name).unwrap();
    community.sync(None).expect(0, "pushed once settled");
    assert_eq!(shared_head(&bare), community.head());
    street
        .sync(None)
        .expect(0, "the street gets the settled name");
    assert_eq!(street.load().units[&unit].name, "商定的名");
}

#[test]
fn exchange_sync_with_an_unreachable_remote_exits_2_offline_and_changes_nothing() {
    let street = versioned();
    let unit = nth_unit(&street.load(), Level::Community, 0);
    street.rename(unit, "未同步的改动");
    for remote in [
        street.out("不存在的共享仓库.git"),
        PathBuf::from("http://127.0.0.1:9/共享.git"),
    ] {
        street.refuses("offline", || street.sync(Some(&remote)));
    }
}

#[test]
fn exchange_sync_a_remembered_remote_gone_is_offline() {
    let (dir, bare) = shared();
    let street = versioned();
    street.sync(Some(&bare)).expect(0, "fills");
    std::fs::rename(&bare, dir.path().join("搬走了.git")).unwrap();
    street.rename(nth_unit(&street.load(), Level::Community, 0), "改动");
    street.refuses("offline", || street.sync(None));
}

#[test]
fn exchange_sync_without_a_remote_ever_given_says_so() {
    let street = versioned();
    street.refuses("no remote", || street.sync(None));
    // A copy made from a 数据包: the file on the stick is no shared repository.
    let community = Office::new("迎宾馆社区");
    community
        .receive(&street.out("底稿.bundle"), &[])
        .expect(0, "a copy");
    community.refuses("no remote", || community.sync(None));
}

#[test]
fn exchange_sync_refuses_a_shared_repository_of_another_structure() {
    let (_dir, bare) = shared();
    let street = versioned();
    street.sync(Some(&bare)).expect(0, "fills");
    let held = shared_head(&bare);
    let stranger = Office::with_street("北苑街道", 4);
    stranger.send(&stranger.out("底稿.bundle"));
    // No history in common, nor one structure: either reason will do.
    stranger.refuses("(", || stranger.sync(Some(&bare)));
    assert_eq!(shared_head(&bare), held, "the shared repository as it was");
}

#[test]
fn exchange_sync_a_remote_that_is_a_command_runs_nothing() {
    let street = versioned();
    let marker = street.out("标记");
    for remote in [
        format!("--upload-pack=touch {}", marker.display()),
        format!("ext::sh -c touch% {}", marker.display()),
    ] {
        let doc = street.doc();
        let arg = format!("--remote={remote}");
        let run = street.refuses("(", || {
            street.gridorg(&["sync", doc.to_str().unwrap(), &arg, "--office", "西园街道"])
        });
        assert!(!marker.exists(), "{remote}: {run:#?}");
    }
}

#[test]
fn exchange_sync_runs_no_hook_of_the_shared_repository() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, bare) = shared();
    // Whoever can write to the shared folder plants hooks there.
    let marker = dir.path().join("标记");
    for hook in [
        "pre-receive",
        "update",
        "post-receive",
        "post-update",
        "reference-transaction",
    ] {
        let path = bare.join("hooks").join(hook);
        std::fs::write(
            &path,
            format!("#!/bin/sh\necho {hook} >> '{}'\n", marker.display()),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let street = versioned();
    let run = street.sync(Some(&bare));
    assert!(
        !marker.exists(),
        "ran: {}; {run:#?}",
        std::fs::read_to_string(&marker).unwrap_or_default()
    );
}
