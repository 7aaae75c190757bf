//! Private as every file (issue 26 item 6): the 数据包, the document and
//! the repository owner-only; a sender's name that cannot reach the terminal
//! as control characters. (`git-setup`'s `.gitignore`: tests/versions_git.rs.)

use crate::common::{files_under, mode, nth_unit, received_cleanly, street_and_community, Office};
use gridorg::model::Level;
use std::path::Path;

/// Panics unless `dir` and everything under it is the owner's alone.
fn owner_only(dir: &Path) {
    assert_eq!(mode(dir) & 0o077, 0, "{}", dir.display());
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if std::fs::symlink_metadata(&path).unwrap().is_symlink() {
                continue;
            }
            assert_eq!(
                mode(&path) & 0o077,
                0,
                "{} is {:o}",
                path.display(),
                mode(&path)
            );
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
}

#[test]
fn exchange_private_bundle_document_and_repository_are_owner_only() {
    let (street, community, bundle) = received_cleanly();
    assert_eq!(mode(&bundle), 0o600, "the 数据包");
    for office in [&street, &community] {
        assert_eq!(mode(&office.doc()), 0o600, "{}'s document", office.name);
        owner_only(&office.dir().join(".git"));
    }
}

#[test]
fn exchange_private_in_a_folder_others_may_read() {
    use std::os::unix::fs::PermissionsExt;
    // The document's folder is readable by all, as a shared disk's may be:
    // what gridorg writes in it is not.
    let street = Office::with_sample("西园街道");
    std::fs::set_permissions(street.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(street.doc(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let bundle = street.out("街道.bundle");
    street.send(&bundle);
    assert_eq!(mode(&bundle), 0o600);
    owner_only(&street.dir().join(".git"));
    for name in [".gitattributes", ".gitignore"] {
        let path = street.dir().join(name);
        assert_eq!(mode(&path) & 0o022, 0, "{name} {:o}", mode(&path));
    }
}

#[test]
fn exchange_private_a_copy_made_from_a_bundle_is_owner_only() {
    let (_street, community) = street_and_community();
    assert_eq!(mode(&community.doc()), 0o600);
    owner_only(&community.dir());
}

#[test]
fn exchange_private_a_senders_name_reaches_the_terminal_without_control_characters() {
    let (street, community) = street_and_community();
    let unit = nth_unit(&street.load(), Level::Community, 0);
    community.rename(unit, "社区改名");
    // A hostile sender commits by hand under a name holding an escape.
    let out = std::process::Command::new("git")
        .args(["commit", "-q", "-am", "改名"])
        .current_dir(community.dir())
        .env("HOME", community.home())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "假冒\u{1b}[2J\u{1b}]0;标题\u{7}社区")
        .env("GIT_AUTHOR_EMAIL", "x@example.org")
        .env("GIT_COMMITTER_NAME", "假冒")
        .env("GIT_COMMITTER_EMAIL", "x@example.org")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let bundle = community.out("假冒.bundle");
    community.send(&bundle);
    street.add_group("S-T");
    for format in ["text", "json"] {
        let run = street.receive(&bundle, &["--format", format]);
        assert!(run.code == 0, "{format}: {run:#?}");
        for text in [&run.stdout, &run.stderr] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{format}: no control character reaches the terminal: {text:?}"
            );
        }
    }
    let message = street.git_ok(&["log", "-1", "--format=%B"]);
    assert!(!message.contains('\u{1b}'), "nor the commit: {message:?}");
    assert!(files_under(&street.dir())
        .iter()
        .all(|f| !f.contains('\u{1b}')));
}

#[test]
fn exchange_private_a_waiting_merge_keeps_what_it_saved_owner_only() {
    let (street, _community, _bundle, run) = crate::receive::conflicting();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(mode(&street.doc()), 0o600);
    owner_only(&street.dir().join(".git"));
}
