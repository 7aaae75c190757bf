//! The statistics tables (党内统计) through the command line: every key of the
//! JSON against counts worked out here from a planted document, the sums that
//! must hold, 未填, the bands at their edges, the workbook read back with
//! calamine, the PDF with pdftotext, and bad input.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use gridorg::model::{Category, Document, Gender, Grid, Id, Level, Member, OrgType, Unit};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

const TODAY: &str = "2026-12-01";

fn gridorg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

/// A planted unit: id, code, name, level, type, parent.
type Planted = (u64, &'static str, &'static str, Level, OrgType, Option<u64>);

/// The units of the planted document.
const UNITS: &[Planted] = &[
    (
        1,
        "S1",
        "东街道党工委",
        Level::Street,
        OrgType::Default,
        None,
    ),
    (
        2,
        "S1-C10",
        "十号社区党总支",
        Level::Community,
        OrgType::GeneralBranch,
        Some(1),
    ),
    (
        3,
        "S1-C2",
        "二号社区党委",
        Level::Community,
        OrgType::Committee,
        Some(1),
    ),
    (
        4,
        "S1-C2-B1",
        "一支部",
        Level::Branch,
        OrgType::Default,
        Some(3),
    ),
    (
        5,
        "S1-C2-B1-G1",
        "一小组",
        Level::Group,
        OrgType::Default,
        Some(4),
    ),
    (
        6,
        "S1-C2-B1-G1-H1",
        "一中心户",
        Level::Household,
        OrgType::Default,
        Some(5),
    ),
    (
        7,
        "S1-C2-B2",
        "二支部",
        Level::Branch,
        OrgType::Default,
        Some(3),
    ),
    (
        8,
        "S1-C10-B1",
        "十号一支部",
        Level::Branch,
        OrgType::Default,
        Some(2),
    ),
    (
        9,
        "S1-C10-B1-G1",
        "十号一小组",
        Level::Group,
        OrgType::Default,
        Some(8),
    ),
    (
        10,
        "S2",
        "西街道党工委",
        Level::Street,
        OrgType::Default,
        None,
    ),
    (
        11,
        "S2-C1",
        "小社区党支部",
        Level::Community,
        OrgType::Branch,
        Some(10),
    ),
    (
        12,
        "S2-C1-G1",
        "小社区小组",
        Level::Group,
        OrgType::Default,
        Some(11),
    ),
    (
        13,
        "S2-C1-G1-H1",
        "小社区中心户",
        Level::Household,
        OrgType::Default,
        Some(12),
    ),
    (
        14,
        "S2-C3",
        "无类型社区",
        Level::Community,
        OrgType::Default,
        Some(10),
    ),
];

/// Where members are organized (a street's own committee too), and a unit
/// that does not exist.
const HOMES: &[u64] = &[1, 3, 4, 5, 6, 7, 2, 8, 9, 10, 11, 12, 13, 14, 999];

/// Birth dates at the band edges: on and beside the birthdays that make 30,
/// 31, 35, 36, 60 and 61, and none.
fn births() -> Vec<Option<NaiveDate>> {
    let mut births = vec![None, Some(date(2030, 1, 1))];
    for years in [30, 31, 35, 36, 40, 41, 45, 46, 50, 51, 55, 56, 60, 61, 90] {
        let on = date(2026 - years, 12, 1);
        births.push(Some(on));
        births.push(on.succ_opt());
        births.push(on.pred_opt());
    }
    births
}

const EDUCATION: &[Option<&str>] = &[
    Some("博士"),
    Some("硕士研究生"),
    Some("研究生"),
    Some("大学本科"),
    Some("本科"),
    Some("大专"),
    Some("大学专科"),
    Some("专科"),
    Some("中专"),
    Some("高中"),
    Some("中技"),
    Some("技校"),
    Some("职高"),
    Some("初中"),
    Some("小学"),
    Some("文盲"),
    Some("其他"),
    Some(""),
    None,
];

fn joins() -> Vec<Option<NaiveDate>> {
    vec![
        None,
        Some(date(1949, 9, 30)),
        Some(date(1949, 10, 1)),
        Some(date(1978, 12, 31)),
        Some(date(1979, 1, 1)),
        Some(date(2012, 11, 7)),
        Some(date(2012, 11, 8)),
        Some(date(2020, 6, 1)),
    ]
}

const ETHNICITIES: &[Option<&str>] = &[
    Some("汉族"),
    Some("汉"),
    Some("蒙古族"),
    Some("回族"),
    None,
    Some(""),
];

/// The planted document: the units above, grids covered and not, and
/// members that take every planted value in turn.
fn planted() -> Document {
    let mut doc = Document::new("统计测试");
    for &(id, code, name, level, org_type, parent) in UNITS {
        let mut unit = Unit::new(Id(id), code.into(), name.into(), level, parent.map(Id));
        unit.org_type = org_type;
        doc.units.insert(unit.id, unit);
    }
    let grids: &[(u64, u64, &[u64])] = &[
        (101, 3, &[4]),
        (102, 3, &[4, 7]),
        (103, 3, &[]),
        (104, 2, &[8]),
        (105, 11, &[11]),
        (106, 14, &[]),
    ];
    for &(id, community, covered) in grids {
        doc.grids.insert(
            Id(id),
            Grid {
                id: Id(id),
                code: format!("W{id}"),
                name: format!("网格{id}"),
                community: Id(community),
                households: None,
                population: None,
                compounds: vec![],
                worker: None,
                worker_phone: None,
                covered_by: covered.iter().map(|&b| Id(b)).collect(),
            },
        );
    }
    let (births, joins) = (births(), joins());
    for i in 0..600u64 {
        let id = Id(1000 + i);
        let mut m = Member::new(id, format!("党员{i}"), Id(HOMES[i as usize % HOMES.len()]));
        m.gender = [Some(Gender::Male), Some(Gender::Female), None][(i as usize / 3) % 3];
        m.ethnicity = ETHNICITIES[(i as usize * 7) % ETHNICITIES.len()].map(String::from);
        m.birth = births[(i as usize * 5) % births.len()];
        m.education = EDUCATION[(i as usize * 3) % EDUCATION.len()].map(String::from);
        m.joined = joins[(i as usize * 11) % joins.len()];
        m.category = if i % 4 == 0 {
            Category::Probationary
        } else {
            Category::Full
        };
        m.in_service = i % 5 == 0;
        m.mobile = i % 7 == 0;
        doc.members.insert(id, m);
    }
    doc.next_id = 2000;
    doc
}

fn write_planted(dir: &Path) -> PathBuf {
    let path = dir.join("planted.ron");
    gridorg::document::save(&planted(), &path).unwrap();
    path
}

/// The counts worked out here, independently of the program: each member's
/// age with chrono's `years_since`, each class by its own test.
fn expected_member(m: &Member, row: &mut BTreeMap<&'static str, i64>) {
    let mut add = |key: &'static str| *row.entry(key).or_default() += 1;
    add("members");
    add(match m.category {
        Category::Full => "members_full",
        Category::Probationary => "members_probationary",
    });
    add(match m.gender {
        Some(Gender::Male) => "male",
        Some(Gender::Female) => "female",
        None => "gender_unknown",
    });
    add(match m.ethnicity.as_deref() {
        Some("汉族") | Some("汉") => "han",
        None | Some("") => "ethnicity_unknown",
        Some(_) => "minority",
    });
    add(match m.birth.and_then(|b| today().years_since(b)) {
        None => "age_unknown",
        Some(0..=30) => "age_30_under",
        Some(31..=35) => "age_31_35",
        Some(36..=40) => "age_36_40",
        Some(41..=45) => "age_41_45",
        Some(46..=50) => "age_46_50",
        Some(51..=55) => "age_51_55",
        Some(56..=60) => "age_56_60",
        Some(_) => "age_61_over",
    });
    let edu = m.education.as_deref().unwrap_or("");
    add(
        if ["研究生", "博士", "硕士"].iter().any(|w| edu.contains(w)) {
            "edu_graduate"
        } else if edu.contains("本科") {
            "edu_bachelor"
        } else if edu.contains("大专") || edu.contains("专科") {
            "edu_college"
        } else if edu.contains("中专") {
            "edu_secondary_vocational"
        } else if ["高中", "中技", "技校", "职高"]
            .iter()
            .any(|w| edu.contains(w))
        {
            "edu_high_school"
        } else if ["初中", "小学", "文盲"].iter().any(|w| edu.contains(w)) {
            "edu_middle_or_below"
        } else {
            "edu_unknown"
        },
    );
    add(match m.joined {
        None => "joined_unknown",
        Some(d) if d < date(1949, 10, 1) => "joined_before_1949_10",
        Some(d) if d <= date(1978, 12, 31) => "joined_1949_10_to_1978",
        Some(d) if d <= date(2012, 11, 7) => "joined_1979_to_2012_11",
        Some(_) => "joined_since_2012_11",
    });
    if m.in_service {
        add("in_service");
    }
    if m.mobile {
        add("mobile");
    }
}

/// The row code each unit counts in: its community, else its street.
fn row_code(doc: &Document, mut id: Id) -> Option<String> {
    let mut street = None;
    while let Some(u) = doc.units.get(&id) {
        match u.level {
            Level::Community => return Some(u.code.clone()),
            Level::Street => street = street.or(Some(u.code.clone())),
            _ => {}
        }
        match u.parent {
            Some(p) => id = p,
            None => break,
        }
    }
    street
}

/// Every row expected, by code ("" for 合计).
fn expected(doc: &Document) -> BTreeMap<String, BTreeMap<&'static str, i64>> {
    let mut rows: BTreeMap<String, BTreeMap<&'static str, i64>> = BTreeMap::new();
    for u in doc.units.values() {
        let code = row_code(doc, u.id).unwrap();
        let row = rows.entry(code).or_default();
        let key = match (u.level, u.org_type) {
            (Level::Community, OrgType::Committee) => Some("committees"),
            (Level::Community, OrgType::GeneralBranch) => Some("general_branches"),
            (Level::Community, OrgType::Branch) => Some("branch_communities"),
            (Level::Branch, _) => Some("grid_branches"),
            (Level::Group, _) => Some("groups"),
            (Level::Household, _) => Some("central_households"),
            _ => None,
        };
        if let Some(key) = key {
            *row.entry(key).or_default() += 1;
        }
    }
    for g in doc.grids.values() {
        let row = rows.entry(row_code(doc, g.community).unwrap()).or_default();
        *row.entry("grids").or_default() += 1;
        if !g.covered_by.is_empty() {
            *row.entry("grids_covered").or_default() += 1;
        }
    }
    for m in doc.members.values() {
        if let Some(code) = row_code(doc, m.unit) {
            expected_member(m, rows.entry(code).or_default());
        }
        expected_member(m, rows.entry(String::new()).or_default());
    }
    let units_total: Vec<(&'static str, i64)> = rows
        .iter()
        .filter(|(code, _)| !code.is_empty())
        .flat_map(|(_, row)| row.iter().map(|(k, v)| (*k, *v)))
        .filter(|(k, _)| KEYS_OF_UNITS.contains(k))
        .collect();
    let total = rows.entry(String::new()).or_default();
    for (k, v) in units_total {
        *total.entry(k).or_default() += v;
    }
    rows
}

const KEYS_OF_UNITS: &[&str] = &[
    "committees",
    "general_branches",
    "branch_communities",
    "grid_branches",
    "groups",
    "central_households",
    "grids",
    "grids_covered",
];

/// Every key docs/cli.md ("report") names for a row.
const KEYS: &[&str] = &[
    "members",
    "members_full",
    "members_probationary",
    "male",
    "female",
    "gender_unknown",
    "han",
    "minority",
    "ethnicity_unknown",
    "age_30_under",
    "age_31_35",
    "age_36_40",
    "age_41_45",
    "age_46_50",
    "age_51_55",
    "age_56_60",
    "age_61_over",
    "age_unknown",
    "edu_graduate",
    "edu_bachelor",
    "edu_college",
    "edu_secondary_vocational",
    "edu_high_school",
    "edu_middle_or_below",
    "edu_unknown",
    "joined_before_1949_10",
    "joined_1949_10_to_1978",
    "joined_1979_to_2012_11",
    "joined_since_2012_11",
    "joined_unknown",
    "in_service",
    "mobile",
    "committees",
    "general_branches",
    "branch_communities",
    "grid_branches",
    "groups",
    "central_households",
    "grids",
    "grids_covered",
];

fn report_json(file: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "report",
        file.to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ];
    args.extend(extra);
    let out = gridorg(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn every_key_of_every_row_is_the_count_worked_out_from_the_members() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_planted(dir.path());
    let doc = planted();
    let json = report_json(&file, &[]);
    assert_eq!(json["today"], TODAY);
    let rows = json["rows"].as_array().unwrap();
    // Streets (what sits directly in them) and communities in natural order
    // (C2 before C10), then 合计.
    let codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["S1", "S1-C2", "S1-C10", "S2", "S2-C1", "S2-C3", ""]);
    assert_eq!(rows.last().unwrap()["name"], "合计");
    assert_eq!(rows[1]["name"], "二号社区党委");
    let expected = expected(&doc);
    for row in rows {
        let code = row["code"].as_str().unwrap();
        let want = &expected[code];
        for key in KEYS {
            let got = row[key]
                .as_i64()
                .unwrap_or_else(|| panic!("{code}: {key} is not an integer: {row}"));
            assert_eq!(
                got,
                want.get(key).copied().unwrap_or(0),
                "row {code:?} key {key}"
            );
        }
    }
    // The planted values reach every class: nothing here is vacuously 0.
    let total = rows.last().unwrap();
    for key in KEYS {
        assert!(
            total[key].as_i64().unwrap() > 0,
            "no member planted for {key}"
        );
    }
    assert_eq!(
        total["members"], 600,
        "every member counted, the unit-less ones in 合计"
    );
}

#[test]
fn breakdowns_add_up_to_the_members_and_rows_to_the_total_but_for_missing_units() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_planted(dir.path());
    let doc = planted();
    let json = report_json(&file, &[]);
    let rows = json["rows"].as_array().unwrap();
    let n = |row: &Value, key: &str| row[key].as_i64().unwrap();
    let groups: [&[&str]; 6] = [
        &["members_full", "members_probationary"],
        &["male", "female", "gender_unknown"],
        &["han", "minority", "ethnicity_unknown"],
        &KEYS[9..18],
        &KEYS[18..25],
        &KEYS[25..30],
    ];
    for row in rows {
        for group in groups {
            let sum: i64 = group.iter().map(|k| n(row, k)).sum();
            assert_eq!(sum, n(row, "members"), "{group:?} in {}", row["code"]);
        }
    }
    let (total, parts) = rows.split_last().unwrap();
    let missing = doc
        .members
        .values()
        .filter(|m| !doc.units.contains_key(&m.unit))
        .collect::<Vec<_>>();
    assert!(!missing.is_empty());
    for key in KEYS {
        let sum: i64 = parts.iter().map(|r| n(r, key)).sum();
        let mut only_total = BTreeMap::new();
        for m in &missing {
            expected_member(m, &mut only_total);
        }
        assert_eq!(
            sum + only_total.get(key).copied().unwrap_or(0),
            n(total, key),
            "{key}: rows plus members without a unit make 合计"
        );
    }
}

#[test]
fn percentages_are_of_the_rows_members_half_up_and_a_dash_without_members() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = planted();
    // 1 of 8 members female in S2-C3: 12.5; S1-C10 gets none at all.
    doc.members
        .retain(|_, m| m.unit != Id(14) && m.unit != Id(2) && m.unit != Id(8) && m.unit != Id(9));
    for i in 0..8 {
        let mut m = Member::new(Id(5000 + i), format!("新{i}"), Id(14));
        m.gender = Some(if i == 0 { Gender::Female } else { Gender::Male });
        m.education = Some(if i < 3 { "大专" } else { "高中" }.into());
        doc.members.insert(m.id, m);
    }
    doc.next_id = 6000;
    let file = dir.path().join("p.ron");
    gridorg::document::save(&doc, &file).unwrap();
    let json = report_json(&file, &[]);
    let row = |code: &str| {
        json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()
            .clone()
    };
    let c3 = row("S2-C3");
    assert_eq!(c3["female_percent"], 12.5);
    assert_eq!(c3["college_or_above_percent"], 37.5);
    assert_eq!(c3["minority_percent"], 0.0);
    assert_eq!(row("S1-C10")["members"], 0);
    assert!(row("S1-C10")["female_percent"].is_null());
    let out = gridorg(&["report", file.to_str().unwrap(), "--today", TODAY]);
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("S1-C10 ") && l.contains('—'))
        .expect("a dash for the row without members");
    assert!(line.ends_with('—'), "{line}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("S2-C3 ") && l.ends_with("12.5")),
        "{text}"
    );
}

#[test]
fn the_text_tables_are_aligned_in_display_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_planted(dir.path());
    let out = gridorg(&["report", file.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let blocks: Vec<&str> = text.split("\n\n").skip(1).collect();
    assert_eq!(blocks.len(), 7, "{text}");
    for block in blocks {
        let lines: Vec<&str> = block.lines().skip(1).collect();
        // Counts are right-aligned: every line ends in the same column.
        let widths: Vec<usize> = lines
            .iter()
            .map(|l| gridorg::report::text::width(l))
            .collect();
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "{block}\n{widths:?}"
        );
        assert!(lines.last().unwrap().starts_with("合计"));
    }
    assert!(
        text.contains("【年龄】")
            && text.contains("35岁及以下 %")
            && text.contains("统计日期 2026-12-01")
    );
}

#[test]
fn a_unit_narrows_the_tables_to_its_subtree() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_planted(dir.path());
    let doc = planted();
    let whole = report_json(&file, &[]);
    let json = report_json(&file, &["--unit", "S1-C2"]);
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{json}");
    let c2 = whole["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "S1-C2")
        .unwrap();
    for key in KEYS {
        assert_eq!(rows[0][key], c2[key], "{key}");
        assert_eq!(rows[1][key], c2[key], "{key}: 合计 of the subtree");
    }
    // A branch: its own members and those of its groups and households.
    let json = report_json(&file, &["--unit", "S1-C2-B1"]);
    let members = doc
        .members
        .values()
        .filter(|m| [4, 5, 6].contains(&m.unit.0))
        .count();
    assert_eq!(json["rows"][1]["members"], members as i64);
    assert_eq!(json["rows"][1]["grids"], 2, "the grids the branch covers");
    assert_eq!(json["rows"][1]["grid_branches"], 1);
}

#[test]
fn the_workbook_has_a_sheet_per_table_and_numbers_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_planted(dir.path());
    let out_path = dir.path().join("统计.xlsx");
    let out = gridorg(&[
        "report",
        file.to_str().unwrap(),
        "--today",
        TODAY,
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = report_json(&file, &[]);
    let mut book: Xlsx<_> = calamine::open_workbook(&out_path).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names,
        [
            "党员类别与性别",
            "民族",
            "年龄",
            "学历",
            "入党时间",
            "在职报到与流动党员",
            "党组织"
        ]
    );
    let age = book.worksheet_range("年龄").unwrap();
    let header: Vec<String> = age
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..4], ["编码", "名称", "党员", "30岁及以下"]);
    assert_eq!(header.last().unwrap(), "35岁及以下 %");
    let rows: Vec<&[Data]> = age.rows().skip(1).collect();
    assert_eq!(rows.len(), 7, "a row per community and street, then 合计");
    for (row, want) in rows.iter().zip(json["rows"].as_array().unwrap()) {
        assert_eq!(row[0].to_string(), want["code"].as_str().unwrap());
        assert_eq!(row[1].to_string(), want["name"].as_str().unwrap());
        for (cell, key) in row[2..11].iter().zip([
            "members",
            "age_30_under",
            "age_31_35",
            "age_36_40",
            "age_41_45",
            "age_46_50",
            "age_51_55",
            "age_56_60",
            "age_61_over",
        ]) {
            assert_eq!(
                cell,
                &Data::Float(want[key].as_f64().unwrap()),
                "{key} is a number"
            );
        }
        match &want["age_35_under_percent"] {
            Value::Null => assert_eq!(row[12], Data::String("—".into())),
            p => assert_eq!(row[12], Data::Float(p.as_f64().unwrap())),
        }
    }
    let orgs = book.worksheet_range("党组织").unwrap();
    let total = orgs.rows().next_back().unwrap();
    assert_eq!(total[1].to_string(), "合计");
    assert_eq!(total[2], Data::Float(1.0), "社区党委");
    assert_eq!(total[8], Data::Float(6.0), "网格");
    assert_eq!(total[9], Data::Float(4.0), "已覆盖网格");
}

#[test]
fn the_pdf_has_each_table_its_chart_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_planted(dir.path());
    let pdf = dir.path().join("统计.pdf");
    let out = gridorg(&[
        "report",
        file.to_str().unwrap(),
        "--today",
        TODAY,
        "--unit",
        "S1",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = common::pages_of(&pdf);
    assert_eq!(pages, 7, "one page per table for a few rows");
    let json = report_json(&file, &["--unit", "S1"]);
    let total = json["rows"].as_array().unwrap().last().unwrap().clone();
    for (n, title) in [
        "党员类别与性别",
        "民族",
        "年龄",
        "学历",
        "入党时间",
        "在职报到与流动党员",
        "党组织",
    ]
    .iter()
    .enumerate()
    {
        let text = common::text_of(&pdf, Some((n + 1, n + 1)));
        assert!(
            text.contains(&format!("党内统计{title}")),
            "page {}: {text}",
            n + 1
        );
        assert!(text.contains(&format!("第{}页共7页", n + 1)), "{text}");
        assert!(
            text.contains("东街道党工委（S1）统计日期2026-12-01"),
            "{text}"
        );
        assert!(
            text.contains("二号社区党委")
                && text.contains("十号社区党总支")
                && text.contains("合计"),
            "{text}"
        );
    }
    let ages = common::text_of(&pdf, Some((3, 3)));
    assert!(
        ages.contains("30岁及以下") && ages.contains("未填"),
        "{ages}"
    );
    // The chart beside the table: each band's label with the 合计 count.
    assert!(
        ages.contains(&format!("61岁及以上{}", total["age_61_over"])),
        "{ages}"
    );
    let fonts = common::poppler("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains("yes yes")),
        "embedded subset: {fonts}"
    );
}

#[test]
fn bad_input_is_refused_with_exit_2_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_planted(dir.path());
    let f = file.to_str().unwrap();
    let out_path = dir.path().join("out.pdf");
    let o = out_path.to_str().unwrap();
    let garbage = dir.path().join("garbage.ron");
    std::fs::write(&garbage, "这不是文档").unwrap();
    let folder = dir.path().join("folder.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let missing = dir.path().join("missing.ron");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["report", f, "--unit", "NOPE", "-o", o], "unknown unit"),
        (
            vec!["report", f, "--today", "2026-13-01", "-o", o],
            "invalid date",
        ),
        (
            vec!["report", f, "--today", "yesterday", "-o", o],
            "invalid date",
        ),
        (
            vec!["report", missing.to_str().unwrap(), "-o", o],
            "io error",
        ),
        (
            vec!["report", garbage.to_str().unwrap(), "-o", o],
            "missing version",
        ),
        (vec!["report", f, "--format", "pdf"], "output required"),
        (vec!["report", f, "-o", f], "same file"),
        (
            vec!["report", f, "-o", folder.to_str().unwrap()],
            "not a regular file",
        ),
    ];
    for (args, said) in cases {
        let out = gridorg(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(!out_path.exists(), "{args:?} wrote something");
    }
    // Never over a document, never through a link.
    let other = dir.path().join("other.ron");
    std::fs::copy(&file, &other).unwrap();
    let out = gridorg(&[
        "report",
        f,
        "--format",
        "text",
        "-o",
        other.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("existing document"));
    assert_eq!(
        std::fs::read(&other).unwrap(),
        std::fs::read(&file).unwrap()
    );
    let target = dir.path().join("target.pdf");
    std::fs::write(&target, b"keep").unwrap();
    let link = dir.path().join("link.pdf");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = gridorg(&["report", f, "-o", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("symlink"));
    assert_eq!(std::fs::read(&target).unwrap(), b"keep");
}

#[test]
fn a_written_report_is_owner_only_and_json_goes_to_a_file_too() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = write_planted(dir.path());
    let out_path = dir.path().join("r.json");
    let out = gridorg(&[
        "report",
        file.to_str().unwrap(),
        "--today",
        TODAY,
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let written: Value = serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
    assert_eq!(written, report_json(&file, &[]));
    let mode = std::fs::metadata(&out_path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
