//! The hierarchy (issue 26 item 4): a street receiving from its communities
//! one after another, each merged on top of the last; the merged whole sent
//! back down; a district collecting a street's whole.

use crate::common::{nth_unit, Office, DOC};
use gridorg::model::Level;

/// A street that sent its first 数据包 and `n` communities made from it.
fn street_and_communities(street: Office, names: &[&str]) -> (Office, Vec<Office>) {
    let first = street.out("底稿.bundle");
    street.send(&first);
    let communities = names
        .iter()
        .map(|name| {
            let community = Office::new(name);
            community.receive(&first, &[]).expect(0, name);
            community
        })
        .collect();
    (street, communities)
}

#[test]
fn exchange_hierarchy_a_street_receives_from_two_communities_in_a_row() {
    let (street, communities) =
        street_and_communities(Office::with_sample("西园街道"), &["迎宾馆社区", "新民社区"]);
    let doc = street.load();
    let units = [0, 1, 2].map(|n| nth_unit(&doc, Level::Community, n));
    communities[0].rename(units[0], "迎宾馆改名");
    communities[0].add_group("YBG-NEW");
    communities[1].rename(units[1], "新民改名");
    street.rename(units[2], "街道自己改名");
    let bundles: Vec<_> = communities
        .iter()
        .map(|c| {
            let bundle = c.out(&format!("{}.bundle", c.name));
            c.send(&bundle);
            bundle
        })
        .collect();
    street
        .receive(&bundles[0], &[])
        .expect(0, "the first community");
    let first_merge = street.head();
    street
        .receive(&bundles[1], &[])
        .expect(0, "the second, on top");
    assert_eq!(
        street.git_ok(&["rev-parse", "HEAD^1"]),
        first_merge,
        "the second merge is on top of the first"
    );
    let merged = street.load();
    assert_eq!(merged.units[&units[0]].name, "迎宾馆改名");
    assert_eq!(merged.units[&units[1]].name, "新民改名");
    assert_eq!(merged.units[&units[2]].name, "街道自己改名");
    assert!(merged.unit_by_code("YBG-NEW").is_some());
    assert!(merged.conflicts.is_empty());
    let messages = street.git_ok(&["log", "--merges", "--format=%s%n%b%n--"]);
    let merges: Vec<_> = messages
        .split("--")
        .filter(|m| !m.trim().is_empty())
        .collect();
    assert_eq!(merges.len(), 2, "{messages}");
    assert!(merges[0].contains("新民社区"), "{messages}");
    assert!(merges[1].contains("迎宾馆社区"), "{messages}");
    assert_eq!(street.git_ok(&["status", "--porcelain"]), "");
}

#[test]
fn exchange_hierarchy_a_community_receives_the_streets_merged_whole_back() {
    let (street, communities) =
        street_and_communities(Office::with_sample("西园街道"), &["迎宾馆社区", "新民社区"]);
    let doc = street.load();
    let units = [0, 1].map(|n| nth_unit(&doc, Level::Community, n));
    communities[0].rename(units[0], "迎宾馆改名");
    communities[1].rename(units[1], "新民改名");
    let mut sent = Vec::new();
    for community in &communities {
        let bundle = community.out("上报.bundle");
        community.send(&bundle);
        street.receive(&bundle, &[]).expect(0, &community.name);
        sent.push(bundle);
    }
    let whole = street.out("汇总.bundle");
    street.send(&whole);
    for community in &communities {
        community.receive(&whole, &[]).expect(0, "the whole back");
        assert_eq!(
            std::fs::read(community.doc()).unwrap(),
            std::fs::read(street.doc()).unwrap(),
            "{} holds the street's whole",
            community.name
        );
        assert_eq!(community.head(), street.head(), "nothing of its own to add");
    }
    // What each community sent before is there already.
    for (community, bundle) in communities.iter().zip(&sent) {
        let again = community.receive(bundle, &[]).expect(0, "its own, again");
        assert!(again.said().contains("已接收过"), "{again:#?}");
    }
}

#[test]
fn exchange_hierarchy_a_district_receives_a_streets_whole() {
    let street = Office::with_street("北苑街道", 3);
    let first = street.out("底稿.bundle");
    street.send(&first);
    let district = Office::new("城区组织部");
    district
        .receive(&first, &[])
        .expect(0, "the district's copy");
    let community = Office::new("东风社区");
    community
        .receive(&first, &[])
        .expect(0, "a community's copy");

    let doc = street.load();
    let units = [0, 1, 2].map(|n| nth_unit(&doc, Level::Community, n));
    community.rename(units[0], "东风社区改名");
    community.add_group("DF-NEW");
    let up = community.out("社区.bundle");
    community.send(&up);
    street.receive(&up, &[]).expect(0, "the street collects");
    street.rename(units[1], "街道改名");
    // The district's own edit meanwhile.
    district.rename(units[2], "区里改名");
    let whole = street.out("街道汇总.bundle");
    street.send(&whole);
    let run = district
        .receive(&whole, &["--format", "json"])
        .expect(0, "the district collects the street's whole");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["from"], "北苑街道", "{report}");
    assert_eq!(
        report["commits"], 2,
        "the community's commit (taken by the street as it was) and the street's: {report}"
    );
    let merged = district.load();
    assert_eq!(merged.units[&units[0]].name, "东风社区改名");
    assert_eq!(merged.units[&units[1]].name, "街道改名");
    assert_eq!(merged.units[&units[2]].name, "区里改名");
    assert!(merged.unit_by_code("DF-NEW").is_some());
    assert_eq!(district.git_ok(&["status", "--porcelain"]), "");
    assert!(district.git_ok(&["ls-files"]).lines().any(|l| l == DOC));
}
