//! A received merge that waits, settled through the library the window
//! uses: 放弃 (`exchange::abandon`) puts everything back as it was before the
//! receive — the saved edit not committed again — and 完成
//! (`exchange::finish`) commits once the conflicts are settled.

use crate::common::{nth_unit, street_and_community, Office};
use gridorg::model::Level;
use gridorg::versions::exchange::{abandon, finish, pending, ExchangeError};

/// A street with a saved edit (not committed) that renamed one unit as its
/// community did differently, and the community's 数据包 received: exit 1.
fn waiting() -> (Office, Office, std::path::PathBuf, crate::common::Snapshot) {
    let (street, community) = street_and_community();
    let unit = nth_unit(&street.load(), Level::Community, 0);
    community.rename(unit, "社区定的名");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.rename(unit, "街道定的名");
    let before = street.snapshot();
    street.receive(&bundle, &[]).expect(1, "conflicts");
    (street, community, bundle, before)
}

#[test]
fn exchange_settle_abandon_puts_everything_back_as_it_was() {
    let (street, _community, bundle, before) = waiting();
    abandon(&street.doc()).unwrap();
    assert_eq!(street.snapshot(), before);
    assert_eq!(pending(&street.doc()), None);
    // And it can be received again.
    street
        .receive(&bundle, &[])
        .expect(1, "the same conflicts again");
}

#[test]
fn exchange_settle_finish_is_refused_while_conflicts_remain_then_commits() {
    let (street, _community, _bundle, _before) = waiting();
    let doc = street.doc();
    let waiting = street.snapshot();
    assert!(matches!(
        finish(&doc, "西园街道"),
        Err(ExchangeError::Unresolved { count: 1, .. })
    ));
    assert_eq!(street.snapshot(), waiting, "nothing committed");
    // Settled as the conflicts panel does: a value chosen, the conflict gone.
    street.edit(|d| {
        let id = d.conflicts[0].id;
        d.units.get_mut(&id).unwrap().name = "商定的名".into();
        d.conflicts.clear();
    });
    finish(&doc, "西园街道").unwrap();
    assert_eq!(pending(&doc), None);
    assert_eq!(street.git_ok(&["status", "--porcelain"]), "");
    let parents = street.git_ok(&["log", "-1", "--format=%P"]);
    assert_eq!(parents.split(' ').count(), 2, "a merge: {parents}");
    let message = street.git_ok(&["log", "-1", "--format=%an %B"]);
    assert!(message.starts_with("西园街道"), "{message}");
    assert!(
        message.contains("迎宾馆社区"),
        "names the sender: {message}"
    );
    assert!(street.load().conflicts.is_empty());
}
