//! `gridorg receive`: a document made from a 数据包, a clean merge committed
//! naming the sender, conflicts left waiting, the JSON report, and the same
//! 数据包 twice.

use crate::common::{
    files_under, nth_unit, received_cleanly, street_and_community, Office, Run, DOC,
};
use gridorg::model::Level;

/// The merge-conflict findings `gridorg check --format json` reports.
fn conflicts_checked(office: &Office) -> usize {
    let doc = office.doc();
    let run = office.gridorg(&["check", doc.to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("check's JSON: {e}: {run:#?}"));
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "merge-conflict")
        .count()
}

#[test]
fn exchange_receive_makes_a_document_it_did_not_have_from_the_bundle() {
    let (street, community) = street_and_community();
    assert_eq!(
        std::fs::read(community.doc()).unwrap(),
        std::fs::read(street.doc()).unwrap(),
        "the community's copy is the street's"
    );
    assert_eq!(community.head(), street.head(), "with its history");
    assert_eq!(community.git_ok(&["status", "--porcelain"]), "");
    // Its own edits are merged by gridorg too.
    let attributes = std::fs::read_to_string(community.dir().join(".gitattributes")).unwrap();
    assert!(attributes.contains("merge=gridorg"), "{attributes}");
    let driver = community.git_ok(&["config", "merge.gridorg.driver"]);
    assert!(driver.contains("merge-driver"), "{driver}");
}

#[test]
fn exchange_receive_makes_a_document_in_an_empty_folder_and_refuses_a_full_one() {
    let street = Office::with_sample("西园街道");
    let bundle = street.out("底稿.bundle");
    street.send(&bundle);

    let empty = Office::new("迎宾馆社区");
    std::fs::create_dir(empty.dir()).unwrap();
    empty
        .receive(&bundle, &[])
        .expect(0, "an empty folder becomes the repository");
    assert_eq!(empty.head(), street.head());

    let full = Office::new("新民社区");
    std::fs::create_dir(full.dir()).unwrap();
    std::fs::write(full.dir().join("别的.txt"), "别的文件").unwrap();
    let run = full.receive(&bundle, &[]);
    assert_eq!(run.code, 2, "a folder holding other files: {run:#?}");
    assert_eq!(files_under(&full.dir()), vec!["别的.txt".to_string()]);
}

#[test]
fn exchange_receive_merges_cleanly_and_commits_naming_the_sender() {
    let (street, community) = street_and_community();
    let doc = street.load();
    let (theirs, ours) = (
        nth_unit(&doc, Level::Community, 0),
        nth_unit(&doc, Level::Community, 1),
    );
    community.rename(theirs, "社区改的名");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    // The street's edit is saved, not committed: receive commits it first.
    street.rename(ours, "街道改的名");
    let before = street.head();
    let run = street.receive(&bundle, &[]).expect(0, "a clean merge");
    let merged = street.load();
    assert_eq!(merged.units[&theirs].name, "社区改的名");
    assert_eq!(merged.units[&ours].name, "街道改的名");
    assert!(merged.conflicts.is_empty());
    assert_eq!(street.git_ok(&["status", "--porcelain"]), "", "{run:#?}");
    let parents = street.git_ok(&["log", "-1", "--format=%P"]);
    assert_eq!(parents.split(' ').count(), 2, "a merge commit: {parents}");
    street.git_ok(&["merge-base", "--is-ancestor", &before, "HEAD^1"]);
    let message = street.git_ok(&["log", "-1", "--format=%B"]);
    assert!(
        message.contains("迎宾馆社区"),
        "names the sender: {message}"
    );
    assert_eq!(
        street.git_ok(&["log", "-1", "--format=%an|%cn"]),
        "西园街道|西园街道",
        "committed by the office that received"
    );
    assert_eq!(conflicts_checked(&street), 0);
}

#[test]
fn exchange_receive_commits_the_saved_state_before_the_merge() {
    let (street, community) = street_and_community();
    let unit = nth_unit(&street.load(), Level::Community, 1);
    community.add_group("C-NEW");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.rename(unit, "保存未提交");
    let saved = std::fs::read_to_string(street.doc()).unwrap();
    street.receive(&bundle, &[]).expect(0, "a clean merge");
    assert_eq!(
        street.git_ok(&["show", "HEAD^1:街道.ron"]),
        saved.trim_end(),
        "the merge's first parent is the document as saved"
    );
}

#[test]
fn exchange_receive_of_nothing_new_on_this_side_takes_the_senders_version() {
    let (street, community) = street_and_community();
    community.add_group("C-W1");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.receive(&bundle, &[]).expect(0, "fast-forward");
    assert_eq!(
        std::fs::read(street.doc()).unwrap(),
        std::fs::read(community.doc()).unwrap()
    );
    assert_eq!(street.head(), community.head());
    assert_eq!(street.git_ok(&["status", "--porcelain"]), "");
}

/// A street and a community that renamed one unit differently, the
/// community's 数据包 received by the street: exit 1.
pub fn conflicting() -> (Office, Office, std::path::PathBuf, Run) {
    let (street, community) = street_and_community();
    let unit = nth_unit(&street.load(), Level::Community, 0);
    community.rename(unit, "社区定的名");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.rename(unit, "街道定的名");
    let run = street.receive(&bundle, &[]);
    (street, community, bundle, run)
}

#[test]
fn exchange_receive_with_conflicts_exits_1_and_the_merge_waits() {
    let (street, _community, bundle, run) = conflicting();
    assert_eq!(run.code, 1, "{run:#?}");
    let merged = street.load();
    assert_eq!(merged.conflicts.len(), 1, "the document holds the conflict");
    assert_eq!(conflicts_checked(&street), 1, "check reports it");
    let pending = gridorg::versions::exchange::pending(&street.doc());
    assert_eq!(
        pending.map(|p| p.from),
        Some("迎宾馆社区".to_string()),
        "the merge waits to be settled"
    );
    // Receiving again while it waits: refused, nothing changed.
    street.refuses("merge pending", || street.receive(&bundle, &[]));
}

#[test]
fn exchange_receive_with_conflicts_leaves_the_local_branch_where_the_saved_state_is() {
    let (street, _community, _bundle, run) = conflicting();
    assert_eq!(run.code, 1, "{run:#?}");
    let branch = street.git_ok(&["symbolic-ref", "HEAD"]);
    let at = street.git_ok(&["rev-parse", &branch]);
    let saved = street.git_ok(&["show", &format!("{at}:{DOC}")]);
    assert!(
        saved.contains("街道定的名") && !saved.contains("社区定的名"),
        "the branch holds the street's own committed state, not the merge"
    );
}

/// The whole phone numbers and ID numbers planted in [`personal_conflicts`],
/// and the sequence digits of the ID numbers.
const PLANTED: [&str; 6] = [
    "13912345678",
    "13887654321",
    "150602199504270012",
    "150602199504270039",
    "0012",
    "0039",
];

/// A community and a street that set one member's phone and another's ID
/// number differently (and the community renamed a unit): the street's
/// receive of the community's 数据包 with `extra` arguments.
fn personal_conflicts(extra: &[&str]) -> Run {
    let (street, community) = street_and_community();
    let doc = street.load();
    let member = *doc.members.keys().nth(3).unwrap();
    let other = *doc.members.keys().nth(5).unwrap();
    for (office, [phone, id]) in [
        (&community, [PLANTED[0], PLANTED[2]]),
        (&street, [PLANTED[1], PLANTED[3]]),
    ] {
        office.edit(|d| {
            d.members.get_mut(&member).unwrap().phone = Some(phone.into());
            d.members.get_mut(&other).unwrap().id_number = Some(id.into());
        });
        if office.name == community.name {
            community.rename(nth_unit(&doc, Level::Community, 2), "社区改名");
        }
    }
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.receive(&bundle, extra)
}

/// Panics if `run` printed any planted number whole.
fn assert_masked(run: &Run) {
    for whole in PLANTED {
        assert!(
            !run.stdout.contains(whole) && !run.stderr.contains(whole),
            "{whole} is masked: {run:#?}"
        );
    }
}

#[test]
fn exchange_receive_json_says_from_commits_summary_and_conflicts_masked() {
    let run = personal_conflicts(&["--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:#?}"));
    assert_eq!(report["from"], "迎宾馆社区", "{report}");
    assert_eq!(report["commits"], 1, "{report}");
    for key in ["added", "removed", "moved", "changed"] {
        assert!(report["summary"][key].is_u64(), "summary.{key}: {report}");
    }
    assert_eq!(
        report["summary"]["changed"], 3,
        "a phone, an ID number and a name: {report}"
    );
    let conflicts = report["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 2, "{report}");
    let mut fields: Vec<_> = conflicts.iter().map(|c| c["field"].clone()).collect();
    fields.sort_by_key(|f| f.to_string());
    assert_eq!(fields, ["id_number", "phone"], "{report}");
    for conflict in conflicts {
        assert_eq!(conflict["record"], "member");
        for key in ["id", "code", "name", "base", "ours", "theirs"] {
            assert!(conflict.get(key).is_some(), "conflict.{key}: {report}");
        }
    }
    assert_masked(&run);
}

#[test]
fn exchange_receive_text_masks_the_conflicting_numbers() {
    let run = personal_conflicts(&[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.said().contains("迎宾馆社区"), "the sender: {run:#?}");
    assert_masked(&run);
}

#[test]
fn exchange_receive_json_of_a_clean_merge_has_no_conflicts() {
    let (street, community) = street_and_community();
    community.add_group("C-JSON");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    let run = street.receive(&bundle, &["--format", "json"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["from"], "迎宾馆社区");
    assert_eq!(report["commits"], 1, "{report}");
    assert_eq!(report["summary"]["added"], 1, "{report}");
    assert_eq!(report["conflicts"], serde_json::json!([]));
}

#[test]
fn exchange_receive_the_same_bundle_twice_changes_nothing_the_second_time() {
    let (street, community, bundle) = received_cleanly();
    let after = street.snapshot();
    let again = street.receive(&bundle, &[]).expect(0, "the second time");
    assert!(again.said().contains("已接收过"), "{again:#?}");
    assert_eq!(street.snapshot(), after);
    let json = street
        .receive(&bundle, &["--format", "json"])
        .expect(0, "and once more");
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["commits"], 0, "{report}");
    assert_eq!(report["outcome"], "already", "{report}");
    assert_eq!(street.snapshot(), after);
    // Its own first 数据包 back at the community: there already as well.
    let first = community.out("再收.bundle");
    community.send(&first);
    let back = community.receive(&first, &[]).expect(0, "its own");
    assert!(back.said().contains("已接收过"), "{back:#?}");
}

#[test]
fn exchange_receive_the_office_given_once_is_kept() {
    let (street, community) = street_and_community();
    community.add_group("C-K");
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    street.add_group("S-K");
    let doc = street.doc();
    let run = street.gridorg(&["receive", doc.to_str().unwrap(), bundle.to_str().unwrap()]);
    assert_eq!(run.code, 0, "the office the street's send named: {run:#?}");
    assert_eq!(street.git_ok(&["log", "-1", "--format=%an"]), "西园街道");
}

#[test]
fn exchange_receive_a_new_document_needs_no_office_but_a_merge_does() {
    let street = Office::with_sample("西园街道");
    let bundle = street.out("底稿.bundle");
    street.send(&bundle);
    let community = Office::new("迎宾馆社区");
    let doc = community.doc();
    let run = community.gridorg(&["receive", doc.to_str().unwrap(), bundle.to_str().unwrap()]);
    // A copy commits nothing, so it may be made without an office; a merge
    // must commit, so it may not.
    if run.code == 0 {
        street.add_group("S-O");
        let second = street.out("二.bundle");
        street.send(&second);
        community.add_group("C-O");
        community.refuses("本单位", || {
            community.gridorg(&["receive", doc.to_str().unwrap(), second.to_str().unwrap()])
        });
    } else {
        assert_eq!(run.code, 2, "{run:#?}");
        assert!(run.stderr.contains("本单位"), "{run:#?}");
        assert!(!community.dir().exists());
    }
}

#[test]
fn exchange_receive_a_waiting_merge_is_not_committed_by_a_send() {
    let (street, _community, _bundle, run) = conflicting();
    assert_eq!(run.code, 1, "{run:#?}");
    let out = street.out("冲突中.bundle");
    street.refuses("merge pending", || street.send_as(&out));
    assert!(!out.exists());
}

/// A community that renamed the first community and added a note beside
/// the document — a 数据包 that changes more than the document; that unit.
fn more_than_the_document() -> (Office, Office, std::path::PathBuf, gridorg::model::Id) {
    let (street, community) = street_and_community();
    let unit = nth_unit(&street.load(), Level::Community, 0);
    community.rename(unit, "社区改名");
    std::fs::write(community.dir().join("说明.txt"), "社区的说明\n").unwrap();
    community.git_as_someone(&["add", "说明.txt"]);
    community.git_as_someone(&["commit", "-q", "-am", "说明"]);
    let bundle = community.out("社区.bundle");
    community.send(&bundle);
    (street, community, bundle, unit)
}

#[test]
fn exchange_receive_a_bundle_changing_more_than_the_document_merges_through_git() {
    let (street, _community, bundle, theirs) = more_than_the_document();
    let ours = nth_unit(&street.load(), Level::Community, 1);
    street.rename(ours, "街道改名");
    street.receive(&bundle, &[]).expect(0, "clean");
    let merged = street.load();
    assert_eq!(merged.units[&ours].name, "街道改名");
    assert_eq!(merged.units[&theirs].name, "社区改名");
    assert_eq!(
        std::fs::read_to_string(street.dir().join("说明.txt")).unwrap(),
        "社区的说明\n"
    );
    assert_eq!(street.git_ok(&["status", "--porcelain"]), "");
    let message = street.git_ok(&["log", "-1", "--format=%an %B"]);
    assert!(
        message.starts_with("西园街道") && message.contains("某人"),
        "committed here, naming the sender (the author of its newest commit): {message}"
    );
}

#[test]
fn exchange_receive_a_conflict_merged_through_git_waits_and_is_abandoned_whole() {
    let (street, _community, bundle, unit) = more_than_the_document();
    street.rename(unit, "街道定的名");
    let before = street.snapshot();
    let run = street.receive(&bundle, &[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(street.load().conflicts.len(), 1);
    street.refuses("merge pending", || street.receive(&bundle, &[]));
    gridorg::versions::exchange::abandon(&street.doc()).unwrap();
    assert_eq!(street.snapshot(), before, "放弃 puts everything back");
    assert!(!street.dir().join("说明.txt").exists());
}
