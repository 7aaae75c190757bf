//! A received 数据包 whose merge waits to be settled, through the library the
//! window uses: 放弃 puts the document and its repository back byte for
//! byte, 完成 is refused while conflicts remain and commits, naming the
//! sender, once they are settled.

use gridorg::edit::{Command, History};
use gridorg::versions::exchange::{self, ExchangeError, Outcome};
use gridorg::versions::git;
use std::path::{Path, PathBuf};

/// A street's repository and a community's copy made from its 数据包, each
/// in a folder of its own.
struct Offices {
    _dir: tempfile::TempDir,
    street: PathBuf,
    community: PathBuf,
    bundles: PathBuf,
}

fn offices() -> Offices {
    let dir = tempfile::tempdir().unwrap();
    let street = dir.path().join("街道/西园街道.ron");
    let community = dir.path().join("社区/西园街道.ron");
    let bundles = dir.path().join("u盘");
    for folder in [street.parent().unwrap(), &bundles] {
        std::fs::create_dir_all(folder).unwrap();
    }
    std::fs::copy("sample-data/xiyuan.ron", &street).unwrap();
    let first = bundles.join("街道.bundle");
    let sent = exchange::send(&street, &first, "西园街道").unwrap();
    assert!(sent.started, "the street's folder became a repository");
    let made = exchange::receive(&community, &first, "迎宾馆社区").unwrap();
    assert_eq!(made.outcome, Outcome::Created);
    Offices {
        _dir: dir,
        street,
        community,
        bundles,
    }
}

/// Sets the leader of the first branch with one in `doc` to `leader`, saved.
fn set_first_leader(doc: &Path, leader: &str) {
    let mut text = std::fs::read_to_string(doc).unwrap();
    let at = text.find("leader: \"").expect("a unit with a leader") + "leader: \"".len();
    let end = at + text[at..].find('"').unwrap();
    text.replace_range(at..end, leader);
    std::fs::write(doc, text).unwrap();
}

/// What a receive may change: the document's bytes, the branch, every
/// name, the index and the work tree's state.
fn state(doc: &Path) -> Vec<String> {
    let top = doc.parent().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(top)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    vec![
        format!("{:?}", std::fs::read(doc).unwrap()),
        run(&["rev-parse", "HEAD"]),
        run(&["for-each-ref"]),
        run(&["status", "--porcelain", "--ignored"]),
        format!("{:?}", std::fs::read(top.join(".git/index")).unwrap()),
        format!("{:?}", std::fs::read(top.join(".git/logs/HEAD")).unwrap()),
    ]
}

/// The street and the community change one leader differently; the street
/// receives the community's 数据包: a conflict.
fn conflicting(offices: &Offices) -> PathBuf {
    set_first_leader(&offices.community, "杨二");
    let bundle = offices.bundles.join("社区.bundle");
    exchange::send(&offices.community, &bundle, "迎宾馆社区").unwrap();
    set_first_leader(&offices.street, "杨一");
    bundle
}

#[test]
fn abandoning_a_received_merge_puts_document_and_repository_back_byte_for_byte() {
    let offices = offices();
    let bundle = conflicting(&offices);
    let before = state(&offices.street);
    let received = exchange::receive(&offices.street, &bundle, "西园街道").unwrap();
    assert_eq!(received.outcome, Outcome::Conflicts);
    assert_eq!(received.conflicts.len(), 1);
    assert_ne!(state(&offices.street), before, "the merge changed things");
    let pending = exchange::pending(&offices.street).expect("the merge waits");
    assert_eq!(pending.from, "迎宾馆社区");

    exchange::abandon(&offices.street).unwrap();
    assert_eq!(state(&offices.street), before);
    assert!(exchange::pending(&offices.street).is_none());
    assert!(matches!(
        exchange::abandon(&offices.street),
        Err(ExchangeError::NothingPending(_))
    ));
}

#[test]
fn finishing_waits_for_every_conflict_then_commits_naming_the_sender() {
    let offices = offices();
    let bundle = conflicting(&offices);
    exchange::receive(&offices.street, &bundle, "西园街道").unwrap();
    assert!(matches!(
        exchange::finish(&offices.street, "西园街道"),
        Err(ExchangeError::Unresolved { count: 1, .. })
    ));

    let mut document = gridorg::document::load(&offices.street).unwrap();
    let conflict = document.conflicts[0].clone();
    History::new()
        .apply(
            &mut document,
            &Command::Settle {
                conflict,
                theirs: true,
            },
        )
        .unwrap();
    gridorg::document::save(&document, &offices.street).unwrap();
    exchange::finish(&offices.street, "西园街道").unwrap();

    assert!(exchange::pending(&offices.street).is_none());
    let text = std::fs::read_to_string(&offices.street).unwrap();
    assert!(text.contains("leader: \"杨二\"") && !text.contains("杨一"));
    let repository = git::locate(&offices.street).unwrap();
    let log = git::log(&repository).unwrap();
    assert_eq!(log[0].author, "西园街道");
    assert_eq!(log[0].from.as_deref(), Some("迎宾馆社区"));
    assert!(log[1..].iter().all(|c| c.from.is_none()));
    // The community's edit arrives with it: received again, nothing new.
    let again = exchange::receive(&offices.street, &bundle, "西园街道").unwrap();
    assert_eq!(again.outcome, Outcome::Already);
}
