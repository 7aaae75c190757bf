//! Every rule of docs/rules.md: a case that triggers it and a near miss that does not.
//! Each case starts from a small document with no findings at all.

use chrono::NaiveDate;
use gridorg::check::{check, Report, Rule, Rules, Severity};
use gridorg::model::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A GB 11643 number with a correct check digit.
fn id_number(seq: u32) -> String {
    // An even sequence number: the fixture's members are women (GB 11643).
    let body = format!("15062119800101{:03}", (seq * 2) % 1000);
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(weights)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

struct Fixture {
    doc: Document,
    street: Id,
    community: Id,
    branch: Id,
    group: Id,
    household: Id,
    grid: Id,
    building: Id,
}

fn unit(doc: &mut Document, level: Level, code: &str, parent: Option<Id>) -> Id {
    let id = doc.allocate_id();
    doc.units.insert(
        id,
        Unit {
            id,
            code: code.into(),
            name: format!("{code}名"),
            level,
            org_type: OrgType::Default,
            kind_label: None,
            parent,
            leader: Some("负责人".into()),
            leader_phone: None,
            elected: if matches!(level, Level::Community | Level::Branch) {
                date(2024, 1, 1)
            } else {
                None
            },
            term_years: None,
        },
    );
    id
}

fn member(doc: &mut Document, unit: Id, name: &str, category: Category) -> Id {
    let id = doc.allocate_id();
    let seq = id.0 as u32;
    doc.members.insert(
        id,
        Member {
            id,
            name: name.into(),
            gender: Some(Gender::Female),
            ethnicity: Some("汉族".into()),
            birth: date(1980, 1, 1),
            id_number: Some(id_number(seq)),
            education: None,
            joined: if category == Category::Full {
                date(2010, 1, 1)
            } else {
                date(2026, 6, 1)
            },
            full_since: if category == Category::Full {
                date(2011, 1, 1)
            } else {
                None
            },
            category,
            unit,
            positions: vec![],
            phone: None,
            workplace: None,
            in_service: false,
            mobile: false,
        },
    );
    id
}

fn clean() -> Fixture {
    let mut doc = Document::new("测试");
    let street = unit(&mut doc, Level::Street, "S", None);
    let community = unit(&mut doc, Level::Community, "C", Some(street));
    let branch = unit(&mut doc, Level::Branch, "B", Some(community));
    let group = unit(&mut doc, Level::Group, "G", Some(branch));
    let household = unit(&mut doc, Level::Household, "H", Some(group));
    let grid = doc.allocate_id();
    doc.grids.insert(
        grid,
        Grid {
            id: grid,
            code: "W1".into(),
            name: "第一网格".into(),
            community,
            households: Some(400),
            population: Some(1000),
            compounds: vec![],
            worker: Some("网格员".into()),
            worker_phone: None,
            covered_by: vec![branch],
        },
    );
    let building = doc.allocate_id();
    doc.buildings.insert(
        building,
        Building {
            id: building,
            code: "L1".into(),
            name: "1号楼".into(),
            grid,
            households: Some(40),
            covered_by: Some(group),
        },
    );
    let secretary = member(&mut doc, group, "书记甲", Category::Full);
    doc.members.get_mut(&secretary).unwrap().positions = vec!["书记".into()];
    member(&mut doc, group, "党员乙", Category::Full);
    member(&mut doc, group, "党员丙", Category::Full);
    link(&mut doc, household, "住户甲", "1号楼1单元101");
    Fixture {
        doc,
        street,
        community,
        branch,
        group,
        household,
        grid,
        building,
    }
}

fn link(doc: &mut Document, central: Id, head: &str, address: &str) -> Id {
    let id = doc.allocate_id();
    doc.households.insert(
        id,
        Household {
            id,
            linked_by: central,
            head: head.into(),
            address: Some(address.into()),
            people: Some(3),
            phone: None,
        },
    );
    id
}

fn run(doc: &Document) -> Report {
    gridorg::document::validate(doc).expect("test documents are structurally sound");
    check(doc, &Rules::default(), today())
}

fn rules_fired(doc: &Document) -> Vec<(Rule, Id)> {
    run(doc)
        .findings
        .iter()
        .map(|f| (f.rule, f.subject))
        .collect()
}

#[track_caller]
fn assert_only(doc: &Document, rule: Rule, subject: Id) {
    let fired = rules_fired(doc);
    assert_eq!(
        fired,
        vec![(rule, subject)],
        "expected only {rule} on {subject}"
    );
}

#[track_caller]
fn assert_clean(doc: &Document) {
    let report = run(doc);
    assert!(
        report.findings.is_empty(),
        "expected no findings, got {:#?}",
        report.findings
    );
}

#[test]
fn the_clean_fixture_has_no_findings() {
    assert_clean(&clean().doc);
}

#[test]
fn grid_uncovered() {
    let mut f = clean();
    f.doc.grids.get_mut(&f.grid).unwrap().covered_by.clear();
    assert_only(&f.doc, Rule::GridUncovered, f.grid);
    let report = run(&f.doc);
    let finding = &report.findings[0];
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.code, "W1");
    assert!(
        finding.message.contains("未被任何党支部覆盖"),
        "{}",
        finding.message
    );
}

#[test]
fn grid_multi_covered() {
    let mut f = clean();
    let second = unit(&mut f.doc, Level::Branch, "B2", Some(f.community));
    let g2 = unit(&mut f.doc, Level::Group, "B2-G", Some(second));
    let h2 = unit(&mut f.doc, Level::Household, "B2-H", Some(g2));
    link(&mut f.doc, h2, "住户乙", "2号楼");
    for n in ["甲2", "乙2", "丙2"] {
        member(&mut f.doc, g2, n, Category::Full);
    }
    assert_clean(&f.doc); // near miss: a second branch, its own grid not yet covered… none
    f.doc
        .grids
        .get_mut(&f.grid)
        .unwrap()
        .covered_by
        .push(second);
    assert_only(&f.doc, Rule::GridMultiCovered, f.grid);
}

#[test]
fn branch_too_few_members_counts_full_members_only() {
    let mut f = clean();
    // Near miss: exactly 3 full members and 2 probationary ones.
    member(&mut f.doc, f.group, "预备甲", Category::Probationary);
    member(&mut f.doc, f.group, "预备乙", Category::Probationary);
    assert_clean(&f.doc);
    let full = *f
        .doc
        .members
        .iter()
        .find(|(_, m)| m.name == "党员丙")
        .unwrap()
        .0;
    f.doc.members.remove(&full);
    let fired = rules_fired(&f.doc);
    assert!(
        fired.contains(&(Rule::BranchTooFewMembers, f.branch)),
        "{fired:?}"
    );
}

#[test]
fn branch_too_many_members() {
    let mut f = clean();
    // 3 committee members so that the committee rule stays quiet.
    for i in 0..47 {
        let m = member(&mut f.doc, f.group, &format!("党员{i}"), Category::Full);
        if i < 2 {
            f.doc.members.get_mut(&m).unwrap().positions = vec!["组织委员".into()];
        }
    }
    assert_clean(&f.doc); // exactly 50
    member(&mut f.doc, f.group, "第五十一", Category::Full);
    assert_only(&f.doc, Rule::BranchTooManyMembers, f.branch);
}

#[test]
fn branch_needs_committee() {
    let mut f = clean();
    for i in 0..3 {
        member(&mut f.doc, f.group, &format!("党员{i}"), Category::Full);
    }
    assert_clean(&f.doc); // 6 full members: no committee needed
    let seventh = member(&mut f.doc, f.group, "第七", Category::Full);
    assert_only(&f.doc, Rule::BranchNeedsCommittee, f.branch);
    let second = member(&mut f.doc, f.group, "副书记", Category::Full);
    f.doc.members.get_mut(&second).unwrap().positions = vec!["副书记".into()];
    f.doc.members.get_mut(&seventh).unwrap().positions = vec!["纪检委员".into()];
    assert_clean(&f.doc);
}

#[test]
fn community_type_mismatch() {
    let mut f = clean();
    f.doc.units.get_mut(&f.community).unwrap().org_type = OrgType::Committee;
    assert_only(&f.doc, Rule::CommunityTypeMismatch, f.community);
    f.doc.units.get_mut(&f.community).unwrap().org_type = OrgType::GeneralBranch;
    assert_only(&f.doc, Rule::CommunityTypeMismatch, f.community);
    // 50 members fit a 党总支 (near miss of the 50–99 band's lower edge).
    for i in 0..47 {
        let m = member(&mut f.doc, f.group, &format!("党员{i}"), Category::Full);
        if i < 2 {
            f.doc.members.get_mut(&m).unwrap().positions = vec!["宣传委员".into()];
        }
    }
    assert_clean(&f.doc);
}

#[test]
fn leader_vacant_for_every_level() {
    for level in Level::ALL {
        let mut f = clean();
        let id = f.doc.units.values().find(|u| u.level == level).unwrap().id;
        f.doc.units.get_mut(&id).unwrap().leader = Some("  ".into());
        assert_only(&f.doc, Rule::LeaderVacant, id);
        let message = &run(&f.doc).findings[0].message;
        assert!(message.contains(level.leader_title()), "{message}");
    }
}

#[test]
fn group_without_households() {
    let mut f = clean();
    f.doc.units.remove(&f.household);
    f.doc.households.clear();
    assert_only(&f.doc, Rule::GroupWithoutHouseholds, f.group);
}

#[test]
fn household_links_none_or_too_many() {
    let mut f = clean();
    f.doc.households.clear();
    assert_only(&f.doc, Rule::HouseholdNoLinks, f.household);
    for i in 0..15 {
        link(
            &mut f.doc,
            f.household,
            &format!("住户{i}"),
            &format!("{i}号"),
        );
    }
    assert_clean(&f.doc); // exactly 15
    link(&mut f.doc, f.household, "第十六户", "16号");
    assert_only(&f.doc, Rule::HouseholdTooManyLinks, f.household);
}

#[test]
fn household_multi_linked() {
    let mut f = clean();
    let other = unit(&mut f.doc, Level::Household, "H2", Some(f.group));
    // Near miss: same name, another address.
    link(&mut f.doc, other, "住户甲", "9号楼9单元909");
    assert_clean(&f.doc);
    let twice = link(&mut f.doc, other, " 住户甲 ", "1号楼1单元101");
    assert_only(&f.doc, Rule::HouseholdMultiLinked, twice);
}

#[test]
fn member_unassigned_but_not_the_branch_committee() {
    let mut f = clean();
    let secretary = member(&mut f.doc, f.branch, "支部书记", Category::Full);
    f.doc.members.get_mut(&secretary).unwrap().positions = vec!["书记".into()];
    assert_clean(&f.doc);
    let loose = member(&mut f.doc, f.branch, "散户", Category::Full);
    assert_only(&f.doc, Rule::MemberUnassigned, loose);
}

#[test]
fn member_dangling() {
    let mut f = clean();
    let lost = member(&mut f.doc, Id(9_999), "无组织", Category::Full);
    f.doc.next_id = 10_000;
    assert_only(&f.doc, Rule::MemberDangling, lost);
}

#[test]
fn member_duplicate_and_invalid_id_numbers() {
    let mut f = clean();
    let a = member(&mut f.doc, f.group, "重复甲", Category::Full);
    let number = f.doc.members[&a].id_number.clone();
    let b = member(&mut f.doc, f.group, "重复乙", Category::Full);
    f.doc.members.get_mut(&b).unwrap().id_number = number.map(|n| n.to_lowercase());
    assert_only(&f.doc, Rule::MemberDuplicate, b);

    let mut f = clean();
    let m = member(&mut f.doc, f.group, "错号", Category::Full);
    let good = f.doc.members[&m].id_number.clone().unwrap();
    let last = good.chars().last().unwrap();
    let bad_check = format!("{}{}", &good[..17], if last == '0' { '1' } else { '0' });
    f.doc.members.get_mut(&m).unwrap().id_number = Some(bad_check);
    assert_only(&f.doc, Rule::IdNumberInvalid, m);
    // A correct check digit over an impossible birth date (Feb 30).
    let body = "15062119800230001";
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(weights)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check_digit = b"10X98765432"[(sum % 11) as usize] as char;
    f.doc.members.get_mut(&m).unwrap().id_number = Some(format!("{body}{check_digit}"));
    assert_only(&f.doc, Rule::IdNumberInvalid, m);
}

#[test]
fn probation_overdue() {
    let mut f = clean();
    let p = member(&mut f.doc, f.group, "预备", Category::Probationary);
    f.doc.members.get_mut(&p).unwrap().joined = date(2025, 11, 23); // exactly one year: not yet
    assert_clean(&f.doc);
    f.doc.members.get_mut(&p).unwrap().joined = date(2025, 11, 22);
    assert_only(&f.doc, Rule::ProbationOverdue, p);
}

#[test]
fn committee_probationary() {
    let mut f = clean();
    let p = member(&mut f.doc, f.group, "预备", Category::Probationary);
    f.doc.members.get_mut(&p).unwrap().positions = vec!["组长".into()]; // not a committee post
    assert_clean(&f.doc);
    f.doc.members.get_mut(&p).unwrap().positions = vec!["组织委员".into()];
    assert_only(&f.doc, Rule::CommitteeProbationary, p);
}

#[test]
fn secretary_standing() {
    let mut f = clean();
    let s = *f
        .doc
        .members
        .iter()
        .find(|(_, m)| m.name == "书记甲")
        .unwrap()
        .0;
    f.doc.members.get_mut(&s).unwrap().full_since = date(2025, 11, 23); // one year today
    assert_clean(&f.doc);
    f.doc.members.get_mut(&s).unwrap().full_since = date(2025, 11, 24);
    assert_only(&f.doc, Rule::SecretaryStanding, s);
}

#[test]
fn terms_expiring_and_expired() {
    let mut f = clean();
    let b = f.doc.units.get_mut(&f.branch).unwrap();
    b.elected = date(2021, 11, 23);
    b.term_years = Some(5); // ends 2026-11-23: today
    assert_only(&f.doc, Rule::TermExpired, f.branch);
    f.doc.units.get_mut(&f.branch).unwrap().elected = date(2022, 2, 21); // ends in 90 days
    assert_only(&f.doc, Rule::TermExpiring, f.branch);
    f.doc.units.get_mut(&f.branch).unwrap().elected = date(2022, 2, 22); // 91 days
    assert_clean(&f.doc);
    // A 3-year term.
    let b = f.doc.units.get_mut(&f.branch).unwrap();
    b.elected = date(2024, 6, 1);
    b.term_years = Some(3); // ends 2027-06-01
    assert_clean(&f.doc);
    f.doc.units.get_mut(&f.branch).unwrap().elected = date(2023, 1, 1);
    assert_only(&f.doc, Rule::TermExpired, f.branch);
}

#[test]
fn grid_size_and_worker() {
    let mut f = clean();
    f.doc.grids.get_mut(&f.grid).unwrap().households = Some(300);
    assert_clean(&f.doc);
    f.doc.grids.get_mut(&f.grid).unwrap().households = Some(501);
    assert_only(&f.doc, Rule::GridSize, f.grid);
    f.doc.grids.get_mut(&f.grid).unwrap().households = Some(500);
    f.doc.grids.get_mut(&f.grid).unwrap().worker = None;
    assert_only(&f.doc, Rule::GridNoWorker, f.grid);
}

#[test]
fn building_uncovered_only_where_building_groups_are_used() {
    let mut f = clean();
    let second = f.doc.allocate_id();
    f.doc.buildings.insert(
        second,
        Building {
            id: second,
            code: "L2".into(),
            name: "2号楼".into(),
            grid: f.grid,
            households: None,
            covered_by: None,
        },
    );
    assert_only(&f.doc, Rule::BuildingUncovered, second);
    // Near miss: no building of the community has a group at all.
    f.doc.buildings.get_mut(&f.building).unwrap().covered_by = None;
    assert_clean(&f.doc);
}

#[test]
fn level_mismatch_and_the_small_community_shortcut() {
    let mut f = clean();
    // Move the group directly under the community: wrong for a community with branches…
    f.doc.units.get_mut(&f.group).unwrap().parent = Some(f.community);
    let fired = rules_fired(&f.doc);
    assert!(fired.contains(&(Rule::LevelMismatch, f.group)), "{fired:?}");
    // …right for one organized as a single 党支部 (it covers its grid itself).
    let mut f = clean();
    f.doc.units.remove(&f.branch);
    f.doc.units.get_mut(&f.group).unwrap().parent = Some(f.community);
    f.doc.units.get_mut(&f.community).unwrap().org_type = OrgType::Branch;
    f.doc.grids.get_mut(&f.grid).unwrap().covered_by = vec![f.community];
    assert_clean(&f.doc);
}

#[test]
fn empty_units() {
    let mut f = clean();
    let lonely = unit(&mut f.doc, Level::Community, "C2", Some(f.street));
    assert_only(&f.doc, Rule::EmptyUnit, lonely);
    let mut f = clean();
    let bare = unit(&mut f.doc, Level::Branch, "B2", Some(f.community));
    let fired = rules_fired(&f.doc);
    assert!(fired.contains(&(Rule::EmptyUnit, bare)), "{fired:?}");
    assert!(
        fired.contains(&(Rule::BranchTooFewMembers, bare)),
        "{fired:?}"
    );
}

#[test]
fn acknowledged_findings_are_kept_but_not_counted() {
    let mut f = clean();
    f.doc.grids.get_mut(&f.grid).unwrap().worker = None;
    f.doc.acknowledgements.push(Acknowledgement {
        rule: "grid-no-worker".into(),
        subject: f.grid,
        note: "网格员招聘中".into(),
    });
    let report = run(&f.doc);
    assert_eq!(report.findings.len(), 1);
    assert!(report.findings[0].acknowledged);
    assert_eq!(report.summary.warnings, 0);
    assert_eq!(report.summary.acknowledged, 1);
}

#[test]
fn a_rules_file_changes_thresholds_and_severities() {
    let mut f = clean();
    f.doc.grids.get_mut(&f.grid).unwrap().households = Some(250);
    assert_only(&f.doc, Rule::GridSize, f.grid);
    let rules = Rules::parse(
        "(severities: {\"grid-uncovered\": warning}, thresholds: (grid_min_households: 200))",
        "mine.ron",
    )
    .unwrap();
    assert!(check(&f.doc, &rules, today()).findings.is_empty());
    f.doc.grids.get_mut(&f.grid).unwrap().covered_by.clear();
    let report = check(&f.doc, &rules, today());
    assert_eq!(report.findings[0].severity, Severity::Warning);
    assert!(!report.has_errors());
    let off = Rules::parse(
        "(severities: {\"grid-uncovered\": off, \"grid-size\": off})",
        "off.ron",
    )
    .unwrap();
    assert!(check(&f.doc, &off, today()).findings.is_empty());
    let err = Rules::parse("(severities: {\"no-such-rule\": error})", "bad.ron").unwrap_err();
    assert!(
        err.contains("unknown rule") && err.contains("no-such-rule"),
        "{err}"
    );
}

#[test]
fn the_bundled_rules_file_holds_every_rule_with_its_default() {
    let bundled = Rules::parse(gridorg::check::DEFAULT_RULES, "default.ron").unwrap();
    assert_eq!(bundled, Rules::default());
    for rule in Rule::ALL {
        assert!(
            gridorg::check::DEFAULT_RULES.contains(&format!("\"{}\"", rule.id())),
            "{rule} missing from the bundled rules file"
        );
    }
}

#[test]
fn id_number_mismatch() {
    let mut f = clean();
    let m = member(&mut f.doc, f.group, "不符", Category::Full);
    let recorded = f.doc.members[&m].clone();
    let birth = recorded.birth.expect("the fixture records a birth date");
    // A birth date a day off what the valid ID number says.
    f.doc.members.get_mut(&m).unwrap().birth = birth.succ_opt();
    assert_only(&f.doc, Rule::IdNumberMismatch, m);
    // The other gender, birth date right again: still one finding.
    let other = match recorded.gender.expect("the fixture records a gender") {
        gridorg::model::Gender::Male => gridorg::model::Gender::Female,
        gridorg::model::Gender::Female => gridorg::model::Gender::Male,
    };
    let edited = f.doc.members.get_mut(&m).unwrap();
    edited.birth = Some(birth);
    edited.gender = Some(other);
    assert_only(&f.doc, Rule::IdNumberMismatch, m);
    // Both wrong: one finding per member that names both.
    f.doc.members.get_mut(&m).unwrap().birth = birth.succ_opt();
    let report = run(&f.doc);
    assert_eq!(report.findings.len(), 1);
    assert!(report.findings[0].message.contains("出生日期"));
    assert!(report.findings[0].message.contains("性别"));
    // An invalid number is id-number-invalid alone, never a mismatch too.
    let good = recorded.id_number.clone().unwrap();
    let last = good.chars().last().unwrap();
    let bad = format!("{}{}", &good[..17], if last == '0' { '1' } else { '0' });
    f.doc.members.get_mut(&m).unwrap().id_number = Some(bad);
    assert_only(&f.doc, Rule::IdNumberInvalid, m);
}

/// `gridorg check`'s text: each finding under the heading of the record it is
/// about. Two members of one unit share the unit's code; each gets a heading
/// of their own (the unit's code, 党员 and the name), not the other's.
#[test]
fn check_text_puts_each_members_finding_under_that_members_heading() {
    let mut f = clean();
    let first = member(&mut f.doc, f.group, "预备甲", Category::Probationary);
    let second = member(&mut f.doc, f.group, "预备乙", Category::Probationary);
    for m in [first, second] {
        f.doc.members.get_mut(&m).unwrap().joined = date(2025, 1, 1);
    }
    let fired = rules_fired(&f.doc);
    assert_eq!(
        fired,
        vec![
            (Rule::ProbationOverdue, first),
            (Rule::ProbationOverdue, second)
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("两名预备党员.ron");
    gridorg::document::save(&f.doc, &path).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["check", path.to_str().unwrap(), "--today", "2026-11-23"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for name in ["预备甲", "预备乙"] {
        let heading = lines
            .iter()
            .position(|l| *l == format!("G 党员 {name}"))
            .unwrap_or_else(|| panic!("no heading for {name} in:\n{text}"));
        let finding = lines[heading + 1];
        assert!(
            finding.starts_with("  [probation-overdue]") && finding.contains(name),
            "under {name}'s heading: {finding:?}\n{text}"
        );
    }
}
