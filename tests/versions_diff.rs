//! `gridorg diff` and `gridorg diff-driver` as users and scripts run them: two
//! versions of the sample made through the document API, compared through the
//! command line, the reports read back (JSON, calamine, pdftotext) and git
//! running the driver.

mod common;

use chrono::NaiveDate;
use gridorg::document;
use gridorg::model::{Category, Document, Id, Level, Unit};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = "sample-data/xiyuan.ron";

fn gridorg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn sample() -> Document {
    document::load(Path::new(SAMPLE)).unwrap()
}

/// The sample saved as OLD, and as NEW after `edit`.
struct Versions {
    dir: tempfile::TempDir,
    old: PathBuf,
    new: PathBuf,
}

impl Versions {
    fn of(edit: impl FnOnce(&mut Document)) -> Versions {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("旧.ron"), dir.path().join("新.ron"));
        let mut document = sample();
        document::save(&document, &old).unwrap();
        edit(&mut document);
        document::save(&document, &new).unwrap();
        Versions { dir, old, new }
    }

    fn run(&self, extra: &[&str]) -> Output {
        let mut args = vec![
            "diff",
            self.old.to_str().unwrap(),
            self.new.to_str().unwrap(),
        ];
        args.extend(extra);
        gridorg(&args)
    }

    fn json(&self, extra: &[&str]) -> Value {
        let mut args = vec!["--format", "json"];
        args.extend(extra);
        let out = self.run(&args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("diff --format json prints JSON")
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn unit_id(document: &Document, code: &str) -> Id {
    document.unit_by_code(code).unwrap().id
}

/// The facts of an entry a test compares: record, id, change, field, from, to.
fn fact(entry: &Value) -> (String, u64, String, Value, Value, Value) {
    (
        entry["record"].as_str().unwrap().to_string(),
        entry["id"].as_u64().unwrap(),
        entry["change"].as_str().unwrap().to_string(),
        entry.get("field").cloned().unwrap_or(Value::Null),
        entry.get("from").cloned().unwrap_or(Value::Null),
        entry.get("to").cloned().unwrap_or(Value::Null),
    )
}

fn expect(
    record: &str,
    id: Id,
    change: &str,
    field: Value,
    from: Value,
    to: Value,
) -> (String, u64, String, Value, Value, Value) {
    (record.into(), id.0, change.into(), field, from, to)
}

#[test]
fn each_kind_of_change_is_reported_once_and_right() {
    let old = sample();
    let branch = unit_id(&old, "XY01-B1");
    let other_branch = unit_id(&old, "XY01-B2");
    let carried = unit_id(&old, "XY01-B2-G1");
    let gone = unit_id(&old, "XY01-B1-G1-H2");
    let gone_households: Vec<Id> = old
        .households
        .values()
        .filter(|h| h.linked_by == gone)
        .map(|h| h.id)
        .collect();
    let gone_members: Vec<Id> = old
        .members
        .values()
        .filter(|m| m.unit == gone)
        .map(|m| m.id)
        .collect();
    let probationary = old
        .members
        .values()
        .find(|m| m.category == Category::Probationary && m.unit != gone)
        .unwrap()
        .clone();
    let group = unit_id(&old, "XY01-B1-G1");
    let mover = old
        .members
        .values()
        .find(|m| m.unit == group && m.id != probationary.id)
        .unwrap()
        .clone();
    let grid = old.grid_by_code("XY01-W01").unwrap().clone();
    let building = old.buildings.values().next().unwrap().clone();
    let other_grid = old
        .grids
        .values()
        .find(|g| g.id != building.grid)
        .unwrap()
        .clone();
    let co_builder = old.co_builders.values().next().unwrap().clone();
    let old_branch = old.units[&branch].clone();
    let mut added = Id(0);
    let versions = Versions::of(|d| {
        let b = d.units.get_mut(&branch).unwrap();
        b.name = "迎宾馆社区第一网格党支部（调整后）".into();
        b.leader = Some("张新华".into());
        d.units.get_mut(&carried).unwrap().parent = Some(branch);
        added = d.allocate_id();
        d.units.insert(
            added,
            Unit::new(
                added,
                "XY01-B1-G9".into(),
                "新建党小组".into(),
                Level::Group,
                Some(branch),
            ),
        );
        d.units.remove(&gone);
        d.households.retain(|_, h| h.linked_by != gone);
        d.members.retain(|_, m| m.unit != gone);
        let m = d.members.get_mut(&probationary.id).unwrap();
        m.category = Category::Full;
        m.full_since = NaiveDate::from_ymd_opt(2026, 6, 1);
        d.members.get_mut(&mover.id).unwrap().unit = unit_id(d, "XY02-G1");
        let g = d.grids.get_mut(&grid.id).unwrap();
        g.households = Some(g.households.unwrap_or(0) + 5);
        g.covered_by = vec![other_branch];
        d.buildings.get_mut(&building.id).unwrap().grid = other_grid.id;
        d.co_builders.get_mut(&co_builder.id).unwrap().kind = Some("改制企业".into());
        d.next_id += 1000;
    });
    let report = versions.json(&[]);
    let changes = report["changes"].as_array().unwrap();
    let found: Vec<_> = changes.iter().map(fact).collect();
    let mut wanted = vec![
        expect(
            "unit",
            branch,
            "changed",
            json!("name"),
            json!(old_branch.name),
            json!("迎宾馆社区第一网格党支部（调整后）"),
        ),
        expect(
            "unit",
            branch,
            "changed",
            json!("leader"),
            json!(old_branch.leader),
            json!("张新华"),
        ),
        expect(
            "unit",
            carried,
            "moved",
            Value::Null,
            json!("XY01-B2"),
            json!("XY01-B1"),
        ),
        expect(
            "unit",
            added,
            "added",
            Value::Null,
            Value::Null,
            Value::Null,
        ),
        expect(
            "unit",
            gone,
            "removed",
            Value::Null,
            Value::Null,
            Value::Null,
        ),
        expect(
            "member",
            probationary.id,
            "changed",
            json!("category"),
            json!("Probationary"),
            json!("Full"),
        ),
        expect(
            "member",
            probationary.id,
            "changed",
            json!("full_since"),
            json!(probationary.full_since),
            json!("2026-06-01"),
        ),
        expect(
            "member",
            mover.id,
            "moved",
            Value::Null,
            json!("XY01-B1-G1"),
            json!("XY02-G1"),
        ),
        expect(
            "grid",
            grid.id,
            "changed",
            json!("households"),
            json!(grid.households),
            json!(grid.households.unwrap_or(0) + 5),
        ),
        expect(
            "building",
            building.id,
            "moved",
            Value::Null,
            json!(old.grids[&building.grid].code),
            json!(other_grid.code),
        ),
        expect(
            "co_builder",
            co_builder.id,
            "changed",
            json!("kind"),
            json!(co_builder.kind),
            json!("改制企业"),
        ),
    ];
    let covering: Vec<Value> = grid
        .covered_by
        .iter()
        .map(|id| json!(old.units[id].code))
        .collect();
    wanted.push(expect(
        "grid",
        grid.id,
        "changed",
        json!("covered_by"),
        Value::Array(covering),
        json!(["XY01-B2"]),
    ));
    for id in &gone_households {
        wanted.push(expect(
            "household",
            *id,
            "removed",
            Value::Null,
            Value::Null,
            Value::Null,
        ));
    }
    for id in &gone_members {
        wanted.push(expect(
            "member",
            *id,
            "removed",
            Value::Null,
            Value::Null,
            Value::Null,
        ));
    }
    assert!(
        !gone_households.is_empty(),
        "the removed 中心户 had households"
    );
    let found_set: BTreeSet<_> = found.iter().map(|f| format!("{f:?}")).collect();
    let wanted_set: BTreeSet<_> = wanted.iter().map(|f| format!("{f:?}")).collect();
    assert_eq!(
        found.len(),
        found_set.len(),
        "no change reported twice: {found:#?}"
    );
    assert_eq!(found_set, wanted_set);
    let added_count = 1;
    let removed_count = 1 + gone_households.len() + gone_members.len();
    assert_eq!(
        report["summary"],
        json!({"added": added_count, "removed": removed_count, "moved": 3, "changed": 7})
    );
    let entry = |id: Id, change: &str| {
        changes
            .iter()
            .find(|e| e["id"] == json!(id.0) && e["change"] == change)
            .unwrap()
    };
    // Codes: a unit's own (OLD's when removed), a member's unit's (NEW's), a
    // household's 中心户's, a co-building unit's joined unit's.
    assert_eq!(entry(gone, "removed")["code"], "XY01-B1-G1-H2");
    assert_eq!(entry(mover.id, "moved")["code"], "XY02-G1");
    assert_eq!(entry(mover.id, "moved")["name"], json!(mover.name));
    assert_eq!(
        entry(gone_households[0], "removed")["code"],
        "XY01-B1-G1-H2"
    );
    assert_eq!(
        entry(gone_households[0], "removed")["name"],
        json!(old.households[&gone_households[0]].head)
    );
    assert_eq!(
        entry(co_builder.id, "changed")["code"],
        json!(old.units[&co_builder.joins].code)
    );
    for e in changes {
        if e["change"] != "changed" {
            assert!(e.get("field").is_none(), "no field on {e}");
        }
    }
}

#[test]
fn moved_is_not_doubled_as_changed_and_what_moved_with_it_is_silent() {
    let old = sample();
    let branch = unit_id(&old, "XY01-B2");
    let versions = Versions::of(|d| {
        // The whole branch, its groups, households and members, to XY03.
        d.units.get_mut(&branch).unwrap().parent = Some(unit_id(d, "XY03"));
    });
    let report = versions.json(&[]);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(
        fact(&changes[0]),
        expect(
            "unit",
            branch,
            "moved",
            Value::Null,
            json!("XY01"),
            json!("XY03")
        )
    );
    // The text lists it under both communities, as 调整隶属.
    let text = stdout(&versions.run(&[]));
    let xy01 = text.find("== XY01 ").expect("XY01's section");
    let xy03 = text.find("== XY03 ").expect("XY03's section");
    assert!(xy01 < xy03);
    assert_eq!(text.matches("调整隶属\n").count(), 2, "{text}");
}

#[test]
fn a_field_left_out_counts_as_its_default_and_next_id_is_no_change() {
    let old = sample();
    let full = old
        .members
        .values()
        .find(|m| m.category == Category::Full && m.joined.is_some())
        .unwrap()
        .clone();
    let versions = Versions::of(|d| {
        let m = d.members.get_mut(&full.id).unwrap();
        m.category = Category::Probationary;
        m.in_service = !m.in_service;
        d.next_id += 7;
    });
    let report = versions.json(&[]);
    let facts: BTreeSet<String> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{:?}", fact(e)))
        .collect();
    let wanted: BTreeSet<String> = [
        expect(
            "member",
            full.id,
            "changed",
            json!("category"),
            json!("Full"),
            json!("Probationary"),
        ),
        expect(
            "member",
            full.id,
            "changed",
            json!("in_service"),
            json!(full.in_service),
            json!(!full.in_service),
        ),
    ]
    .iter()
    .map(|f| format!("{f:?}"))
    .collect();
    assert_eq!(facts, wanted);

    let same = Versions::of(|d| d.next_id += 50);
    let out = same.run(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("没有变动"), "{}", stdout(&out));
    let out = same.run(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        json!({"changes": [], "summary": {"added": 0, "removed": 0, "moved": 0, "changed": 0}})
    );
}

#[test]
fn the_text_report_is_grouped_by_community_and_topic() {
    let old = sample();
    let probationary = old
        .members
        .values()
        .find(|m| m.category == Category::Probationary)
        .unwrap()
        .clone();
    let community = unit_id(&old, "XY02");
    let versions = Versions::of(|d| {
        let m = d.members.get_mut(&probationary.id).unwrap();
        m.category = Category::Full;
        let c = d.units.get_mut(&community).unwrap();
        c.elected = NaiveDate::from_ymd_opt(2026, 11, 1);
        c.leader = Some("新书记".into());
    });
    let out = versions.run(&[]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let section = text
        .split("\n== ")
        .find(|s| s.starts_with("XY02 "))
        .expect("XY02's section");
    assert!(
        section.contains("  换届\n    XY02 北大社区党支部 换届日期："),
        "{section}"
    );
    assert!(
        section.contains("  书记/组长变动\n    XY02 北大社区党支部 书记："),
        "{section}"
    );
    assert!(section.contains("→ 新书记"), "{section}");
    let unit_code = &old.units[&probationary.unit].code;
    let place = text
        .split("\n== ")
        .find(|s| s.contains("党员转正"))
        .expect("a 党员转正 section");
    assert!(
        place.contains(&format!(
            "{}（{}） 人员类别：预备党员 → 正式党员",
            probationary.name, unit_code
        )),
        "{place}"
    );
}

/// A member's ID number, phone and birth date changed, for the masking tests.
fn personal_versions() -> (Versions, [&'static str; 4]) {
    let old = sample();
    let member = old.members.values().next().unwrap().id;
    let versions = Versions::of(|d| {
        let m = d.members.get_mut(&member).unwrap();
        m.id_number = Some("150602199504271234".into());
        m.phone = Some("13912345678".into());
        m.birth = NaiveDate::from_ymd_opt(1995, 4, 27);
    });
    (
        versions,
        [
            "150602199504271234",
            "13912345678",
            "1995-04-27",
            "150602199504******",
        ],
    )
}

#[test]
fn id_numbers_phones_and_births_are_masked_in_text_and_json_unless_unmasked() {
    let (versions, [id_number, phone, birth, masked_id]) = personal_versions();
    for format in ["text", "json"] {
        let masked = stdout(&versions.run(&["--format", format]));
        for whole in [id_number, phone, birth] {
            assert!(!masked.contains(whole), "{format} shows {whole}: {masked}");
        }
        assert!(masked.contains(masked_id), "{format}: {masked}");
        assert!(masked.contains("139****5678"), "{format}: {masked}");
        assert!(masked.contains("1995-04"), "{format}: {masked}");
        let whole = stdout(&versions.run(&["--format", format, "--unmasked"]));
        for value in [id_number, phone, birth] {
            assert!(
                whole.contains(value),
                "{format} --unmasked lacks {value}: {whole}"
            );
        }
    }
}

#[test]
fn masking_holds_in_the_workbook_and_the_pdf() {
    use calamine::{Reader, Xlsx};
    let (versions, [id_number, phone, birth, masked_id]) = personal_versions();
    for unmasked in [false, true] {
        let xlsx = versions.out(&format!("报告{unmasked}.xlsx"));
        let pdf = versions.out(&format!("报告{unmasked}.pdf"));
        for out in [&xlsx, &pdf] {
            let mut args = vec!["-o", out.to_str().unwrap(), "--today", "2026-12-01"];
            if unmasked {
                args.push("--unmasked");
            }
            let run = versions.run(&args);
            assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        }
        let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
        let cells: Vec<String> = book
            .worksheet_range("变动明细")
            .unwrap()
            .rows()
            .flatten()
            .map(|c| c.to_string())
            .collect();
        let pdf_text = common::text_of(&pdf, None);
        for (what, text) in [("xlsx", cells.join("|")), ("pdf", pdf_text)] {
            for value in [id_number, phone, birth] {
                assert_eq!(
                    text.contains(value),
                    unmasked,
                    "{what} unmasked={unmasked} {value}: {text}"
                );
            }
            if !unmasked {
                assert!(
                    text.contains(masked_id) && text.contains("139****5678"),
                    "{what}: {text}"
                );
            }
        }
    }
}

#[test]
fn the_balance_adds_up_in_the_workbook_and_the_pdf() {
    use calamine::{Data, Reader, Xlsx};
    let old = sample();
    let group = unit_id(&old, "XY01-B1-G1");
    let members_moved: Vec<Id> = old
        .members
        .values()
        .filter(|m| m.unit == group)
        .map(|m| m.id)
        .take(2)
        .collect();
    let removed_member = old.members.values().find(|m| m.unit != group).unwrap().id;
    let versions = Versions::of(|d| {
        for id in &members_moved {
            d.members.get_mut(id).unwrap().unit = unit_id(d, "XY02-G1");
        }
        d.members.remove(&removed_member);
        let id = d.allocate_id();
        d.units.insert(
            id,
            Unit::new(
                id,
                "XY03-B9".into(),
                "新支部".into(),
                Level::Branch,
                Some(unit_id(d, "XY03")),
            ),
        );
        let b2 = unit_id(d, "XY01-B2");
        d.units.get_mut(&b2).unwrap().parent = Some(unit_id(d, "XY04"));
    });
    let xlsx = versions.out("平衡.xlsx");
    let pdf = versions.out("平衡.pdf");
    for out in [&xlsx, &pdf] {
        let run = versions.run(&["-o", out.to_str().unwrap(), "--today", "2026-12-01"]);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        assert!(stdout(&run).is_empty());
    }
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("数量平衡").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[0][2].to_string(), "组织 上期");
    let number = |cell: &Data| match cell {
        Data::Float(f) => *f as i64,
        other => panic!("a number, not {other:?}"),
    };
    let mut sums = [0i64; 8];
    let new = document::load(&versions.new).unwrap();
    for row in &rows[1..rows.len() - 1] {
        let n: Vec<i64> = row[2..10].iter().map(number).collect();
        assert_eq!(n[0] + n[1] - n[2], n[3], "units of {row:?}");
        assert_eq!(n[4] + n[5] - n[6], n[7], "members of {row:?}");
        for (s, v) in sums.iter_mut().zip(&n) {
            *s += v;
        }
    }
    let total: Vec<i64> = rows[rows.len() - 1][2..10].iter().map(number).collect();
    assert_eq!(rows[rows.len() - 1][1].to_string(), "合计");
    assert_eq!(total, sums);
    assert_eq!(total[0], old.units.len() as i64);
    assert_eq!(total[3], new.units.len() as i64);
    assert_eq!(total[4], old.members.len() as i64);
    assert_eq!(total[7], new.members.len() as i64);
    let row_of = |code: &str| rows.iter().find(|r| r[0] == code).unwrap();
    let xy02: Vec<i64> = row_of("XY02")[2..10].iter().map(number).collect();
    assert_eq!(xy02[5], 2, "two members came into XY02");
    let xy04: Vec<i64> = row_of("XY04")[2..10].iter().map(number).collect();
    let carried = new.units.values().filter(|u| {
        let mut at = Some(u.id);
        while let Some(id) = at {
            if id == unit_id(&new, "XY01-B2") {
                return true;
            }
            at = new.units[&id].parent;
        }
        false
    });
    assert_eq!(
        xy04[1] as usize,
        carried.count(),
        "the branch came into XY04 with its groups"
    );

    // The PDF: A4, numbered pages, the same figures.
    let text = common::text_of(&pdf, None);
    let pages = common::pages_of(&pdf);
    assert!(text.contains(&format!("第1页共{pages}页")), "{text}");
    assert!(text.contains("上期+增加−减少=本期"), "{text}");
    let figures: String = xy02.iter().map(|n| n.to_string()).collect();
    assert!(
        text.contains(&format!("XY02北大社区党支部{figures}")),
        "{text}"
    );
    let totals: String = total.iter().map(|n| n.to_string()).collect();
    assert!(text.contains(&format!("合计{totals}")), "{text}");
    let size = common::poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(size.contains("595.276 x 841.89"), "A4: {size}");
}

#[test]
fn bad_input_and_refused_outputs_exit_2_with_nothing_written() {
    let versions = Versions::of(|d| {
        let id = unit_id(d, "XY01");
        d.units.get_mut(&id).unwrap().name = "改名".into();
    });
    let (old, new) = (
        versions.old.to_str().unwrap(),
        versions.new.to_str().unwrap(),
    );
    // A missing file, a truncated one, a workbook.
    let missing = versions.out("没有.ron");
    let run = gridorg(&["diff", old, missing.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("没有.ron"), "{}", stderr(&run));
    let cut = versions.out("截断.ron");
    let text = std::fs::read_to_string(&versions.new).unwrap();
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let run = gridorg(&["diff", old, cut.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("截断.ron:") && stderr(&run).contains("syntax error"),
        "{}",
        stderr(&run)
    );
    let book = versions.out("表.xlsx");
    assert_eq!(
        gridorg(&["export", old, "-o", book.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let run = gridorg(&["diff", old, book.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("workbook"), "{}", stderr(&run));
    // A binary format without -o.
    let run = gridorg(&["diff", old, new, "--format", "pdf"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stdout(&run).is_empty());
    // -o over an input, over a document, through a symlink.
    let before = std::fs::read(&versions.old).unwrap();
    for (output, keyword) in [(old, "same file"), (new, "same file")] {
        let run = gridorg(&["diff", old, new, "-o", output, "--force"]);
        assert_eq!(run.status.code(), Some(2));
        assert!(stderr(&run).contains(keyword), "{}", stderr(&run));
    }
    let other = versions.out("另一个.ron");
    std::fs::copy(&versions.old, &other).unwrap();
    let run = gridorg(&[
        "diff",
        old,
        new,
        "-o",
        other.to_str().unwrap(),
        "--format",
        "json",
        "--force",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("existing document"),
        "{}",
        stderr(&run)
    );
    let target = versions.out("目标.json");
    let link = versions.out("链接.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let run = gridorg(&["diff", old, new, "-o", link.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("symlink"), "{}", stderr(&run));
    assert!(!target.exists());
    assert_eq!(std::fs::read(&versions.old).unwrap(), before);
    assert_eq!(std::fs::read(&other).unwrap(), before);
    // A JSON report written by -o, owner-only, named by its suffix.
    let json_out = versions.out("变动.json");
    let run = gridorg(&["diff", old, new, "-o", json_out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let written: Value = serde_json::from_slice(&std::fs::read(&json_out).unwrap()).unwrap();
    assert_eq!(written["summary"]["changed"], 1);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&json_out).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn the_quick_read_gives_the_same_changes_as_reading_whole() {
    use gridorg::generate::{generate, Preset};
    use gridorg::versions::diff::{changes, read::read_pair};
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    let mut document = generate(Preset::Street, 3);
    document::save(&document, &a).unwrap();
    // Edits at the start, the middle and the end of every list.
    let ids: Vec<Id> = document.members.keys().copied().collect();
    for id in [ids[0], ids[ids.len() / 2], ids[ids.len() - 1]] {
        document.members.get_mut(&id).unwrap().phone = Some("13000000000".into());
    }
    let household = *document.households.keys().nth(3).unwrap();
    document.households.remove(&household);
    let last = *document.households.keys().last().unwrap();
    document.households.get_mut(&last).unwrap().people = Some(9);
    let unit = *document.units.keys().nth(5).unwrap();
    document.units.get_mut(&unit).unwrap().name.push('新');
    let building = *document.buildings.keys().next().unwrap();
    let grid = *document.grids.keys().last().unwrap();
    document.buildings.get_mut(&building).unwrap().grid = grid;
    let id = document.allocate_id();
    let member = gridorg::model::Member::new(id, "新党员", unit);
    document.members.insert(id, member);
    document::save(&document, &b).unwrap();
    let quick = read_pair(&a, &b, false).unwrap();
    assert!(quick.partial, "the writer's files are read quickly");
    assert!(quick.new.members.len() < 10, "only the lines that differ");
    let whole = read_pair(&a, &b, true).unwrap();
    assert!(!whole.partial);
    let (q, w) = (
        changes(&quick.old, &quick.new),
        changes(&whole.old, &whole.new),
    );
    assert_eq!(q, w);
    assert_eq!(q.list.len(), 3 + 1 + 1 + 1 + 1 + 1);
}

/// Runs git in `dir`, as a user with no settings of their own.
fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "测试")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "测试")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    out
}

#[test]
fn git_diff_and_log_show_the_change_report() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    let setup = gridorg(&["git-setup", repo.to_str().unwrap()]);
    assert_eq!(setup.status.code(), Some(0), "{}", stderr(&setup));
    let mut document = sample();
    document::save(&document, &repo.join("西园.ron")).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "第一版"]);
    let id = unit_id(&document, "XY01");
    document.units.get_mut(&id).unwrap().name = "迎宾馆社区党委".into();
    let phone_member = *document.members.keys().next().unwrap();
    document.members.get_mut(&phone_member).unwrap().phone = Some("13912345678".into());
    document::save(&document, &repo.join("西园.ron")).unwrap();
    let out = stdout(&git(repo, &["diff"]));
    assert!(out.contains("gridorg diff 西园.ron"), "{out}");
    assert!(
        out.contains("XY01 迎宾馆社区党委 名称：迎宾馆社区党总支 → 迎宾馆社区党委"),
        "{out}"
    );
    assert!(
        out.contains("139****5678") && !out.contains("13912345678"),
        "masked: {out}"
    );
    assert!(!out.contains("(id: "), "no line noise: {out}");
    git(repo, &["commit", "-q", "-am", "更名"]);
    // A document added in a commit: compared with an empty structure.
    std::fs::copy(SAMPLE, repo.join("副本.ron")).unwrap();
    git(repo, &["add", "副本.ron"]);
    git(repo, &["commit", "-q", "-m", "副本"]);
    let log = stdout(&git(repo, &["log", "-p", "--ext-diff"]));
    assert!(
        log.contains("更名") && log.contains("名称：迎宾馆社区党总支 → 迎宾馆社区党委"),
        "{log}"
    );
    assert!(log.contains("gridorg diff 副本.ron ("), "{log}");
    assert!(
        log.contains("新增组织\n    + XY 西园街道党工委（街道党工委）"),
        "{log}"
    );
    // A document that cannot be read is said, and git goes on.
    std::fs::write(repo.join("西园.ron"), "(version: 2, 坏").unwrap();
    let out = stdout(&git(repo, &["diff"]));
    assert!(out.contains("无法比较 (cannot compare)"), "{out}");
}

#[test]
fn documents_of_different_structures_exit_2_with_nothing_written() {
    use gridorg::generate::{generate, Preset};
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("另一街道.ron");
    document::save(&generate(Preset::Street, 5), &other).unwrap();
    for format in ["txt", "json", "xlsx", "pdf"] {
        let out = dir.path().join(format!("报告.{format}"));
        let run = gridorg(&[
            "diff",
            SAMPLE,
            other.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.status.code(), Some(2), "{format}");
        assert!(
            stderr(&run).contains("unrelated documents"),
            "{}",
            stderr(&run)
        );
        assert!(
            stderr(&run).contains("不是同一结构的版本"),
            "{}",
            stderr(&run)
        );
        assert!(!out.exists(), "{format}: nothing written");
    }
    // The same structure as a version-2 file (no identity): its ids decide.
    let v2 = "tests/data/v2-sample.ron";
    let run = gridorg(&["diff", v2, SAMPLE]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let run = gridorg(&["diff", v2, other.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("unrelated documents"),
        "{}",
        stderr(&run)
    );
}

/// OLD's text with `line` put first in the list `list`.
fn with_line(text: &str, list: &str, line: &str) -> String {
    let open = format!("\n    {list}: [\n");
    let at = text.find(&open).expect("the list is there") + open.len();
    format!("{}        {line},\n{}", &text[..at], &text[at..])
}

#[test]
fn a_duplicate_id_or_code_is_refused_by_every_reader_not_reported_as_added() {
    let versions = Versions::of(|d| {
        let id = unit_id(d, "XY01");
        d.units.get_mut(&id).unwrap().name = "改名".into();
    });
    let old_text = std::fs::read_to_string(&versions.old).unwrap();
    let new_text = std::fs::read_to_string(&versions.new).unwrap();
    let document = sample();
    let building = document.buildings.values().next().unwrap();
    let street = unit_id(&document, "XY").0;
    // A building with another's code (an id with an origin, above next_id's
    // reach), and a member with the street's id: the lines added are read,
    // but what they clash with is a line both files share.
    let twin = format!(
        "(id: 4294967297, code: \"{}\", name: \"重码楼\", grid: {})",
        building.code, building.grid.0
    );
    let clone = format!("(id: {street}, name: \"重号党员\", unit: {street})");
    for (list, line, keyword) in [
        ("buildings", twin.as_str(), "duplicate code"),
        ("members", clone.as_str(), "duplicate id"),
    ] {
        let bad = versions.out(&format!("坏-{list}.ron"));
        std::fs::write(&bad, with_line(&new_text, list, line)).unwrap();
        let (old, bad) = (versions.old.to_str().unwrap(), bad.to_str().unwrap());
        let check = gridorg(&["check", bad]);
        assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
        assert!(stderr(&check).contains(keyword), "{}", stderr(&check));
        for (a, b) in [(old, bad), (bad, old)] {
            for format in ["text", "json"] {
                let run = gridorg(&["diff", a, b, "--format", format]);
                assert_eq!(run.status.code(), Some(2), "{format}: {}", stdout(&run));
                assert!(stdout(&run).is_empty(), "{}", stdout(&run));
                let message = stderr(&run);
                assert!(
                    message.contains(&format!("{bad}:"))
                        && message.contains("invalid document")
                        && message.contains(keyword),
                    "{message}"
                );
            }
        }
        // Both files with the clash, which then sits in lines they share.
        let both = versions.out(&format!("坏-旧-{list}.ron"));
        std::fs::write(&both, with_line(&old_text, list, line)).unwrap();
        let run = gridorg(&["diff", both.to_str().unwrap(), bad]);
        assert_eq!(run.status.code(), Some(2), "{}", stdout(&run));
        assert!(stderr(&run).contains(keyword), "{}", stderr(&run));
        // git's diff driver says the file is invalid, and exits 0.
        let hex = "0".repeat(40);
        let run = gridorg(&[
            "diff-driver",
            "西园.ron",
            old,
            &hex,
            "100644",
            bad,
            &hex,
            "100644",
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let report = stdout(&run);
        assert!(
            report.contains("无法比较 (cannot compare)")
                && report.contains("invalid document")
                && report.contains(keyword),
            "{report}"
        );
        assert!(
            !report.contains("新增"),
            "nothing reported as added: {report}"
        );
    }
}
