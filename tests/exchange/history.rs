//! 历史 of received merges (issue 26 item 5): `versions::git::log`, what the
//! history panel lists, names the sender of each received merge — and no
//! other commit, whatever its message says.

use crate::common::{nth_unit, street_and_community, Office};
use gridorg::model::Level;
use gridorg::versions::git::{locate, log, Commit};

/// The document's history as the history panel reads it.
fn history(office: &Office) -> Vec<Commit> {
    log(&locate(&office.doc()).unwrap()).unwrap()
}

#[test]
fn exchange_history_lists_each_received_merge_with_its_sender() {
    let (street, first) = street_and_community();
    let second = Office::new("新民社区");
    second
        .receive(&street.out("底稿.bundle"), &[])
        .expect(0, "a copy");
    let doc = street.load();
    for (n, community) in [&first, &second].into_iter().enumerate() {
        community.rename(nth_unit(&doc, Level::Community, n), "社区改名");
    }
    street.rename(nth_unit(&doc, Level::Community, 2), "街道改名");
    for community in [&first, &second] {
        let bundle = community.out("上报.bundle");
        community.send(&bundle);
        street.receive(&bundle, &[]).expect(0, &community.name);
    }
    let senders: Vec<_> = history(&street)
        .into_iter()
        .filter_map(|c| c.from)
        .collect();
    assert_eq!(senders, ["新民社区", "迎宾馆社区"], "newest first");
}

#[test]
fn exchange_history_a_sender_cannot_name_a_sender_in_its_own_commits() {
    let (street, community) = street_and_community();
    let doc = street.load();
    community.rename(nth_unit(&doc, Level::Community, 0), "社区改名");
    // A commit of the community's own, its message written to look like a
    // merge received from the district.
    community.git_as_someone(&["commit", "-q", "-am", "改名\n\nGridorg-From: 区委组织部"]);
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.rename(nth_unit(&doc, Level::Community, 1), "街道改名");
    street.receive(&bundle, &[]).expect(0, "merged");
    let named: Vec<_> = history(&street)
        .into_iter()
        .filter_map(|c| c.from.map(|from| (c.message, from)))
        .collect();
    assert_eq!(
        named
            .iter()
            .map(|(_, from)| from.as_str())
            .collect::<Vec<_>>(),
        ["某人"],
        "only the street's merge names a sender — the author of what it received: {named:?}"
    );
}
