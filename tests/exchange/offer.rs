//! A 数据包 held between the preview and 合并 (`exchange::offer`, what the
//! window's 接收数据包… uses): looking changes nothing, a save made while the
//! preview shows is merged too, and one accepted after the repository moved
//! on is refused or merged on top, losing nothing.

use crate::common::{nth_unit, street_and_community, Office};
use gridorg::model::Level;
use gridorg::versions::exchange::{offer, Outcome};
use std::path::PathBuf;

/// A street with a saved edit (not committed) and a community's 数据包
/// renaming another community; the unit it renames.
fn street_and_bundle() -> (Office, Office, PathBuf, gridorg::model::Id) {
    let (street, community) = street_and_community();
    let doc = street.load();
    let theirs = nth_unit(&doc, Level::Community, 0);
    community.rename(theirs, "社区改名");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.rename(nth_unit(&doc, Level::Community, 1), "街道改名");
    (street, community, bundle, theirs)
}

#[test]
fn exchange_offer_looking_and_letting_go_changes_nothing() {
    let (street, _community, bundle, _) = street_and_bundle();
    let before = street.snapshot();
    let (head, status) = (street.head(), street.git_ok(&["status", "--porcelain"]));
    let offered = offer(&street.doc(), &bundle).unwrap();
    assert_eq!(offered.incoming.from, "迎宾馆社区");
    assert_eq!(offered.incoming.commits, 1);
    assert_eq!(offered.incoming.summary.changed, 1);
    // While it is held, its objects wait apart in the git folder.
    assert_eq!(street.head(), head);
    assert_eq!(street.git_ok(&["status", "--porcelain"]), status);
    drop(offered);
    assert_eq!(street.snapshot(), before, "once let go");
}

#[test]
fn exchange_offer_a_save_made_while_the_preview_shows_is_merged_too() {
    let (street, _community, bundle, theirs) = street_and_bundle();
    let offered = offer(&street.doc(), &bundle).unwrap();
    let later = nth_unit(&street.load(), Level::Community, 2);
    street.rename(later, "预览时又改");
    let received = offered.accept(&street.name).unwrap();
    assert!(
        matches!(received.outcome, Outcome::Merged(_)),
        "{:?}",
        received.outcome
    );
    let merged = street.load();
    assert_eq!(merged.units[&theirs].name, "社区改名");
    assert_eq!(merged.units[&later].name, "预览时又改");
    assert_eq!(street.git_ok(&["status", "--porcelain"]), "");
    let first_parent = street.git_ok(&["show", "HEAD^1:街道.ron"]);
    assert!(
        first_parent.contains("预览时又改"),
        "the save is committed on the street's side of the merge"
    );
}

#[test]
fn exchange_offer_accepted_after_the_repository_moved_on_loses_nothing() {
    let (street, _community, bundle, theirs) = street_and_bundle();
    let offered = offer(&street.doc(), &bundle).unwrap();
    // Meanwhile another 数据包 is received from the command line.
    let other = Office::new("新民社区");
    other
        .receive(&street.out("底稿.bundle"), &[])
        .expect(0, "a copy");
    other.add_group("XM-NEW");
    let second = other.out("新民.bundle");
    other.send(&second);
    street.receive(&second, &[]).expect(0, "the other one");
    let moved = street.snapshot();
    let head = street.head();
    match offered.accept(&street.name) {
        Err(_) => assert_eq!(street.snapshot(), moved, "refused: look again"),
        Ok(received) => {
            // Or merged on top of what came in meanwhile, losing nothing.
            assert!(matches!(received.outcome, Outcome::Merged(_)));
            assert_eq!(street.git_ok(&["rev-parse", "HEAD^1"]), head);
            let merged = street.load();
            assert!(merged.unit_by_code("XM-NEW").is_some());
            assert_eq!(merged.units[&theirs].name, "社区改名");
            assert_eq!(street.git_ok(&["status", "--porcelain"]), "");
        }
    }
}
