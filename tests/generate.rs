//! The bundled sample follows the seed reports and has exactly its documented gaps;
//! the synthetic presets are deterministic and have the scales of docs/cli.md ("generate").
//!
//! `GRIDORG_BLESS=1 cargo test --test generate` rewrites sample-data/xiyuan.ron
//! from `generate::sample()`.

use chrono::{Months, NaiveDate};
use gridorg::document::{self, validate};
use gridorg::generate::{generate, sample, Preset, SAMPLE_FINDINGS, TODAY};
use gridorg::model::{Category, Document, Id, Level, OrgType, Unit};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SAMPLE_FILE: &str = include_str!("../sample-data/xiyuan.ron");

fn unit<'d>(doc: &'d Document, code: &str) -> &'d Unit {
    doc.unit_by_code(code)
        .unwrap_or_else(|| panic!("no unit {code}"))
}

fn children(doc: &Document, parent: Id, level: Level) -> Vec<&Unit> {
    doc.units
        .values()
        .filter(|u| u.parent == Some(parent) && u.level == level)
        .collect()
}

/// Every unit in the subtree of `root`, itself included.
fn subtree(doc: &Document, root: Id) -> BTreeSet<Id> {
    let mut found = BTreeSet::from([root]);
    loop {
        let more: Vec<Id> = doc
            .units
            .values()
            .filter(|u| u.parent.is_some_and(|p| found.contains(&p)) && !found.contains(&u.id))
            .map(|u| u.id)
            .collect();
        if more.is_empty() {
            return found;
        }
        found.extend(more);
    }
}

fn members_under(doc: &Document, root: Id) -> Vec<&gridorg::model::Member> {
    let units = subtree(doc, root);
    doc.members
        .values()
        .filter(|m| units.contains(&m.unit))
        .collect()
}

fn count_level(doc: &Document, root: Id, level: Level) -> usize {
    subtree(doc, root)
        .iter()
        .filter(|id| doc.units[id].level == level)
        .count()
}

#[test]
fn the_sample_follows_the_seed_report() {
    let doc = sample();
    let street = unit(&doc, "XY");
    assert_eq!(street.name, "西园街道党工委");

    let yingbinguan = unit(&doc, "XY01");
    assert_eq!(yingbinguan.name, "迎宾馆社区党总支");
    assert_eq!(yingbinguan.org_type, OrgType::GeneralBranch);
    let grids: Vec<_> = doc
        .grids
        .values()
        .filter(|g| g.community == yingbinguan.id)
        .collect();
    assert_eq!(grids.len(), 10);
    assert_eq!(grids.iter().filter_map(|g| g.households).sum::<u32>(), 3837);
    assert_eq!(grids.iter().filter_map(|g| g.population).sum::<u32>(), 9481);
    assert_eq!(grids.iter().map(|g| g.compounds.len()).sum::<usize>(), 14);
    assert_eq!(children(&doc, yingbinguan.id, Level::Branch).len(), 2);
    assert_eq!(count_level(&doc, yingbinguan.id, Level::Group), 3);
    assert_eq!(members_under(&doc, yingbinguan.id).len(), 60);

    let beida = unit(&doc, "XY02");
    assert_eq!(beida.name, "北大社区党支部");
    assert_eq!(beida.org_type, OrgType::Branch);
    let grids: Vec<_> = doc
        .grids
        .values()
        .filter(|g| g.community == beida.id)
        .collect();
    assert_eq!(grids.len(), 5);
    assert!(
        grids.iter().all(|g| g.covered_by == vec![beida.id]),
        "北大 covers its grids itself"
    );
    assert_eq!(grids.iter().filter_map(|g| g.households).sum::<u32>(), 2765);
    assert_eq!(grids.iter().filter_map(|g| g.population).sum::<u32>(), 6581);
    assert!(
        children(&doc, beida.id, Level::Branch).is_empty(),
        "a 党支部 has no grid branches"
    );
    assert!(
        !children(&doc, beida.id, Level::Group).is_empty(),
        "its groups sit directly under it"
    );
    assert_eq!(members_under(&doc, beida.id).len(), 49);

    let jinyuan = unit(&doc, "XY03");
    assert_eq!(jinyuan.org_type, OrgType::Branch);
    let grids: Vec<_> = doc
        .grids
        .values()
        .filter(|g| g.community == jinyuan.id)
        .collect();
    assert_eq!(grids.iter().filter_map(|g| g.households).sum::<u32>(), 3115);
    assert_eq!(grids.iter().map(|g| g.compounds.len()).sum::<usize>(), 9);
    assert_eq!(members_under(&doc, jinyuan.id).len(), 28);

    let baita = unit(&doc, "XY04");
    assert_eq!(baita.org_type, OrgType::Committee);
    assert!(members_under(&doc, baita.id).len() >= 100);

    assert!(doc.co_builders.len() >= 4);
    assert!(doc.buildings.values().any(|b| b.covered_by.is_some()));
}

#[test]
fn every_leader_is_a_member_of_the_unit_holding_the_post() {
    let doc = sample();
    for u in doc.units.values() {
        let Some(leader) = &u.leader else { continue };
        let post = match u.level {
            Level::Street | Level::Community | Level::Branch => "书记",
            Level::Group => "组长",
            Level::Household => "中心户户主",
        };
        // A central household's head sits in its group.
        let root = match u.level {
            Level::Household => u.parent.expect("a central household has a group"),
            _ => u.id,
        };
        let holders: Vec<_> = members_under(&doc, root)
            .into_iter()
            .filter(|m| &m.name == leader)
            .collect();
        assert_eq!(
            holders.len(),
            1,
            "{} ({}): leader {leader} names one member",
            u.name,
            u.code
        );
        assert!(
            holders[0].positions.iter().any(|p| p == post),
            "{leader} holds {post}"
        );
        assert_eq!(holders[0].category, Category::Full);
    }
}

#[test]
fn the_sample_is_structurally_valid_and_round_trips() {
    let doc = sample();
    validate(&doc).expect("the sample is valid");
    let text = document::to_string(&doc);
    let again = document::from_str(&text, "sample").expect("the sample's text loads");
    assert!(
        again == doc,
        "the sample changes on a round trip through the file format"
    );
}

#[test]
fn the_committed_sample_file_is_the_generated_sample() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/xiyuan.ron");
    if std::env::var("GRIDORG_BLESS").as_deref() == Ok("1") {
        document::save(&sample(), &path).expect("sample-data/xiyuan.ron is writable");
        return;
    }
    let committed = document::from_str(SAMPLE_FILE, "sample-data/xiyuan.ron")
        .expect("the committed sample loads");
    assert!(
        committed == sample(),
        "sample-data/xiyuan.ron differs from generate::sample(): run GRIDORG_BLESS=1 cargo test --test generate"
    );
}

#[test]
fn the_sample_has_exactly_its_documented_gaps() {
    let found = findings(&sample(), TODAY);
    let documented: BTreeSet<(String, String)> = SAMPLE_FINDINGS
        .iter()
        .map(|&(rule, code)| (rule.to_string(), code.to_string()))
        .collect();
    assert_eq!(found, documented);
}

#[test]
fn presets_are_deterministic() {
    let a = generate(Preset::Street, 7);
    let b = generate(Preset::Street, 7);
    assert!(a == b, "the same seed gives the same document");
    let c = generate(Preset::Street, 8);
    assert!(a != c, "another seed gives another document");
}

/// Units by level, grids, buildings, members, linked households.
fn counts(doc: &Document) -> BTreeMap<&'static str, usize> {
    let level = |l: Level| doc.units.values().filter(|u| u.level == l).count();
    BTreeMap::from([
        ("streets", level(Level::Street)),
        ("communities", level(Level::Community)),
        ("branches", level(Level::Branch)),
        ("groups", level(Level::Group)),
        ("central_households", level(Level::Household)),
        ("grids", doc.grids.len()),
        ("buildings", doc.buildings.len()),
        ("members", doc.members.len()),
        ("households", doc.households.len()),
        ("co_builders", doc.co_builders.len()),
    ])
}

fn assert_near(counts: &BTreeMap<&str, usize>, key: &str, target: usize, tolerance: f64) {
    let value = counts[key] as f64;
    let target = target as f64;
    assert!(
        (value - target).abs() <= target * tolerance,
        "{key}: {value} is not within {}% of {target}",
        tolerance * 100.0
    );
}

#[test]
fn the_street_preset_is_valid_and_has_a_street_s_scale() {
    let doc = generate(Preset::Street, 1);
    validate(&doc).expect("the street preset is valid");
    let counts = counts(&doc);
    assert_eq!(counts["streets"], 1);
    assert_eq!(counts["communities"], 8);
    assert_near(&counts, "branches", 110, 0.1);
    assert_near(&counts, "groups", 500, 0.1);
    assert_near(&counts, "central_households", 1_125, 0.15);
    assert_near(&counts, "members", 3_000, 0.1);
    assert!((90..=150).contains(&counts["grids"]), "{counts:?}");
    assert!(counts["buildings"] >= 2 * counts["grids"]);
    assert!((6..=10).contains(&(counts["households"] / counts["central_households"])));
}

#[test]
fn the_street_preset_has_a_realistic_share_of_gaps() {
    let doc = generate(Preset::Street, 1);
    let found = findings(&doc, TODAY);
    let rules: BTreeSet<&str> = found.iter().map(|(rule, _)| rule.as_str()).collect();
    assert!(rules.len() >= 6, "only {rules:?}");
    let share = |rule: &str, of: usize| {
        let n = found.iter().filter(|(r, _)| r == rule).count();
        n as f64 / of as f64
    };
    let grids = doc.grids.len();
    assert!((0.005..0.1).contains(&share("grid-uncovered", grids)));
    assert!(share("leader-vacant", doc.units.len()) < 0.05);
    assert!(share("grid-size", grids) < 0.2);
}

#[test]
fn the_district_preset_has_the_district_scale_the_docs_give() {
    let doc = generate(Preset::District, 1);
    validate(&doc).expect("the district preset is valid");
    let counts = counts(&doc);
    assert_near(&counts, "streets", 8, 0.1);
    assert_near(&counts, "communities", 60, 0.1);
    assert_near(&counts, "branches", 900, 0.1);
    assert_near(&counts, "groups", 4_000, 0.1);
    assert_near(&counts, "members", 25_000, 0.1);
}

/// `cargo test --release --test generate -- --ignored --nocapture` prints the
/// city preset's counts and how long generating, writing and reading it takes.
#[test]
#[ignore = "slow in debug builds"]
fn the_city_preset_has_the_city_scale_the_docs_give() {
    let start = std::time::Instant::now();
    let doc = generate(Preset::City, 1);
    let generated = start.elapsed();
    let counts = counts(&doc);
    let start = std::time::Instant::now();
    let text = document::to_string(&doc);
    let written = start.elapsed();
    let start = std::time::Instant::now();
    let loaded = document::from_str(&text, "city").expect("the city preset loads");
    let read = start.elapsed();
    println!(
        "city: {counts:?}\ngenerated in {generated:?}, written in {written:?} ({} MB), read in {read:?}",
        text.len() / 1_000_000
    );
    assert!(loaded == doc);
    assert_near(&counts, "streets", 31, 0.1);
    assert_near(&counts, "communities", 378, 0.1);
    assert_near(&counts, "branches", 4_691, 0.1);
    assert_near(&counts, "groups", 20_000, 0.1);
    assert_near(&counts, "central_households", 45_000, 0.1);
    assert_near(&counts, "members", 120_000, 0.1);
    assert_near(&counts, "grids", 4_700, 0.1);
}

// ---------------------------------------------------------------------------
// A plain reading of docs/rules.md, independent of the check engine,
// to hold the sample to its documented gaps.

const COMMITTEE_POSTS: [&str; 2] = ["书记", "副书记"];

fn is_committee_post(post: &str) -> bool {
    COMMITTEE_POSTS.contains(&post) || post.ends_with("委员")
}

fn is_branch_like(u: &Unit) -> bool {
    u.level == Level::Branch || (u.level == Level::Community && u.org_type == OrgType::Branch)
}

fn id_number_valid(number: &str, birth: Option<NaiveDate>) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let bytes = number.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let date = NaiveDate::parse_from_str(&number[6..14], "%Y%m%d").ok();
    CHECK[(sum % 11) as usize] == bytes[17] && date.is_some() && (birth.is_none() || birth == date)
}

/// The findings of every rule as `(rule id, code)`; members are reported by the
/// code of the unit they sit in.
fn findings(doc: &Document, today: NaiveDate) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    let mut add = |rule: &str, code: &str| {
        found.insert((rule.to_string(), code.to_string()));
    };
    let unit_code = |id: Id| doc.units.get(&id).map_or(String::new(), |u| u.code.clone());

    for g in doc.grids.values() {
        match g.covered_by.len() {
            0 => add("grid-uncovered", &g.code),
            1 => {}
            _ => add("grid-multi-covered", &g.code),
        }
        if g.households.is_some_and(|h| !(300..=500).contains(&h)) {
            add("grid-size", &g.code);
        }
        if g.worker.is_none() {
            add("grid-no-worker", &g.code);
        }
    }

    for u in doc.units.values() {
        let kids: Vec<&Unit> = doc
            .units
            .values()
            .filter(|c| c.parent == Some(u.id))
            .collect();
        let members = members_under(doc, u.id);
        let full = members
            .iter()
            .filter(|m| m.category == Category::Full)
            .count();
        if is_branch_like(u) {
            if full < 3 {
                add("branch-too-few-members", &u.code);
            }
            if members.len() > 50 {
                add("branch-too-many-members", &u.code);
            }
            let committee = members
                .iter()
                .filter(|m| m.positions.iter().any(|p| is_committee_post(p)))
                .count();
            if full >= 7 && committee < 3 {
                add("branch-needs-committee", &u.code);
            }
            if !kids.iter().any(|c| c.level == Level::Group) {
                add("empty-unit", &u.code);
            }
        }
        if u.level == Level::Community {
            let fitting = match members.len() {
                100.. => OrgType::Committee,
                50..100 => OrgType::GeneralBranch,
                _ => OrgType::Branch,
            };
            if u.org_type != fitting {
                add("community-type-mismatch", &u.code);
            }
            if u.org_type != OrgType::Branch && !kids.iter().any(|c| c.level == Level::Branch) {
                add("empty-unit", &u.code);
            }
        }
        if u.leader.is_none() {
            add("leader-vacant", &u.code);
        }
        if u.level == Level::Group && !kids.iter().any(|c| c.level == Level::Household) {
            add("group-without-households", &u.code);
        }
        if u.level == Level::Household {
            let links = doc
                .households
                .values()
                .filter(|h| h.linked_by == u.id)
                .count();
            if links == 0 {
                add("household-no-links", &u.code);
            }
            if links > 15 {
                add("household-too-many-links", &u.code);
            }
        }
        if let Some(parent) = u.parent.and_then(|p| doc.units.get(&p)) {
            if !parent.level.accepts(u.level, parent.org_type) {
                add("level-mismatch", &u.code);
            }
        }
        if let Some(end) = u.term_end() {
            if end < today {
                add("term-expired", &u.code);
            } else if end <= today + chrono::Days::new(90) {
                add("term-expiring", &u.code);
            }
        }
    }

    let mut addresses = BTreeSet::new();
    for h in doc.households.values() {
        if let Some(address) = &h.address {
            if !addresses.insert(address) {
                add("household-multi-linked", &unit_code(h.linked_by));
            }
        }
    }

    let mut numbers = BTreeSet::new();
    for m in doc.members.values() {
        let at = unit_code(m.unit);
        match doc.units.get(&m.unit) {
            None => add("member-dangling", &at),
            Some(u)
                if is_branch_like(u)
                    && doc
                        .units
                        .values()
                        .any(|c| c.parent == Some(u.id) && c.level == Level::Group) =>
            {
                add("member-unassigned", &at)
            }
            _ => {}
        }
        if let Some(number) = &m.id_number {
            if !numbers.insert(number) {
                add("member-duplicate", &at);
            }
            if !id_number_valid(number, m.birth) {
                add("id-number-invalid", &at);
            }
        }
        let year_after = |d: NaiveDate| d.checked_add_months(Months::new(12));
        if m.category == Category::Probationary {
            if m.joined.and_then(year_after).is_some_and(|d| d < today) {
                add("probation-overdue", &at);
            }
            if m.positions.iter().any(|p| is_committee_post(p)) {
                add("committee-probationary", &at);
            }
        }
        if m.positions.iter().any(|p| p == "书记")
            && m.full_since.and_then(year_after).is_none_or(|d| d > today)
        {
            add("secretary-standing", &at);
        }
    }

    for b in doc.buildings.values().filter(|b| b.covered_by.is_none()) {
        let community = doc.grids[&b.grid].community;
        let uses_building_groups = doc
            .buildings
            .values()
            .any(|o| o.covered_by.is_some() && doc.grids[&o.grid].community == community);
        if uses_building_groups {
            add("building-uncovered", &b.code);
        }
    }
    found
}
