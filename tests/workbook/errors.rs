//! Errors: every bad cell reported in one run with its sheet, row and column;
//! unknown and duplicate codes, cycles, wrong kinds, missing sheets and
//! columns, files that are no workbook.

use crate::book::{s, Book, C};
use crate::reading::{assert_problem, problems};
use gridorg::generate::sample;
use gridorg::workbook::{self, WorkbookError};

#[test]
fn every_bad_cell_is_reported_in_one_run_with_sheet_row_column_and_what_was_expected() {
    let mut book = Book::base();
    book.sheet("党员")
        .set(1, "出生日期", s("1990-13-01"))
        .set(1, "性别", s("男女"))
        .set(0, "人员类别", C::E)
        .set(2, "在职报到", s("也许"))
        .set(2, "联系电话", s("打电话"));
    book.sheet("网格")
        .set(1, "户数", s("很多"))
        .set(2, "人口", C::N(-3.0));
    book.sheet("组织")
        .set(2, "任期", C::N(0.0))
        .set(3, "层级", s("居委会"));
    book.sheet("联系户").set(0, "户主姓名", C::E);
    book.sheet("楼栋").set(0, "户数", C::N(4.5));
    let lines = problems(&book);
    assert_eq!(
        lines.iter().find(|l| l.starts_with("党员 第3行 出生日期")).map(String::as_str),
        Some("党员 第3行 出生日期(D列): 「1990-13-01」不是有效日期 (invalid date)，应为 2020-05-01、2020/5/1、2020年5月1日、2020.05 或 Excel 日期")
    );
    assert_problem(
        &lines,
        "党员 第3行 性别(B列)",
        &["「男女」", "invalid gender", "应为 男 或 女"],
    );
    assert_problem(&lines, "党员 第2行 人员类别(I列)", &["missing value"]);
    assert_problem(
        &lines,
        "党员 第4行 在职报到(N列)",
        &["「也许」", "应为 是 或 否"],
    );
    assert_problem(
        &lines,
        "党员 第4行 联系电话(L列)",
        &["「打电话」", "invalid phone"],
    );
    assert_problem(
        &lines,
        "网格 第3行 户数(D列)",
        &["「很多」", "not a number"],
    );
    assert_problem(&lines, "网格 第4行 人口(E列)", &["negative"]);
    assert_problem(&lines, "组织 第4行 任期(I列)", &["out of range"]);
    assert_problem(
        &lines,
        "组织 第5行 层级(C列)",
        &["「居委会」", "invalid level"],
    );
    assert_problem(&lines, "联系户 第2行 户主姓名(B列)", &["missing value"]);
    assert_problem(&lines, "楼栋 第2行 户数(D列)", &["not an integer"]);
    assert_eq!(lines.len(), 11, "{}", lines.join("\n"));
    // In workbook order: 组织 before 网格 before 党员 …
    let first_sheet: Vec<&str> = lines.iter().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(first_sheet.first(), Some(&"组织"));
    assert_eq!(first_sheet.last(), Some(&"楼栋"));
}

#[test]
fn unknown_codes_are_reported_where_they_are_written() {
    let mut book = Book::base();
    book.sheet("党员").set(0, "所在组织编码", s("XY09-G1"));
    book.sheet("组织").set(3, "上级编码", s("XY01-B9"));
    book.sheet("网格").set(1, "所属社区编码", s("XY03")).set(
        0,
        "覆盖支部编码",
        s("XY01-B1、XY01-B7"),
    );
    book.sheet("楼栋").set(0, "所属网格编码", s("XY01-W09"));
    book.sheet("联系户")
        .set(0, "中心户编码", s("XY01-B1-G1-H9"));
    book.sheet("共建单位").set(0, "共建组织编码", s("ZZ"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第2行 所在组织编码(J列)",
        &["「XY09-G1」", "unknown code", "组织表"],
    );
    assert_problem(
        &lines,
        "组织 第5行 上级编码(E列)",
        &["「XY01-B9」", "unknown code"],
    );
    assert_problem(
        &lines,
        "网格 第3行 所属社区编码(C列)",
        &["「XY03」", "unknown code"],
    );
    assert_problem(
        &lines,
        "网格 第2行 覆盖支部编码(H列)",
        &["「XY01-B7」", "unknown code"],
    );
    assert_problem(
        &lines,
        "楼栋 第2行 所属网格编码(C列)",
        &["「XY01-W09」", "unknown code", "网格表"],
    );
    assert_problem(
        &lines,
        "联系户 第2行 中心户编码(A列)",
        &["「XY01-B1-G1-H9」", "unknown code"],
    );
    assert_problem(
        &lines,
        "共建单位 第2行 共建组织编码(C列)",
        &["「ZZ」", "unknown code"],
    );
}

#[test]
fn duplicate_codes_name_the_first_row() {
    let mut book = Book::base();
    book.sheet("组织").set(5, "编码", s("XY01"));
    book.sheet("网格").set(2, "网格编码", s("XY01-W01"));
    let mut building = book.sheet("楼栋").rows[0].clone();
    building[1] = s("另一栋");
    book.sheet("楼栋").push(building);
    let lines = problems(&book);
    assert_problem(
        &lines,
        "组织 第7行 编码(A列)",
        &["「XY01」与第3行重复", "duplicate code"],
    );
    assert_problem(
        &lines,
        "网格 第4行 网格编码(A列)",
        &["与第2行重复", "duplicate code"],
    );
    assert_problem(
        &lines,
        "楼栋 第3行 楼栋编码(A列)",
        &["与第2行重复", "duplicate code"],
    );
}

#[test]
fn a_cycle_of_parents_and_a_missing_parent_are_refused() {
    let mut book = Book::base();
    book.sheet("组织")
        .set(1, "上级编码", s("XY01-B1-G1"))
        .set(5, "上级编码", C::E);
    let lines = problems(&book);
    assert_problem(
        &lines,
        "组织 第3行 上级编码(E列)",
        &["cycle", "XY01 → XY01-B1-G1 → XY01-B1 → XY01"],
    );
    assert_problem(&lines, "组织 第4行 上级编码(E列)", &["cycle"]);
    assert_problem(&lines, "组织 第5行 上级编码(E列)", &["cycle"]);
    assert_problem(&lines, "组织 第7行 上级编码(E列)", &["missing parent"]);
}

#[test]
fn a_unit_that_is_its_own_parent_is_a_cycle() {
    let mut book = Book::base();
    book.sheet("组织").set(2, "上级编码", s("XY01-B1"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "组织 第4行 上级编码(E列)",
        &["cycle", "XY01-B1 → XY01-B1"],
    );
}

#[test]
fn codes_naming_the_wrong_kind_of_unit_are_refused() {
    let mut book = Book::base();
    book.sheet("网格")
        .set(0, "覆盖支部编码", s("XY01-B1-G1"))
        .set(1, "所属社区编码", s("XY01-B1"))
        .set(2, "覆盖支部编码", s("XY01-B1"));
    book.sheet("组织").set(1, "组织类型", s("党委"));
    book.sheet("网格").set(1, "覆盖支部编码", s("XY01"));
    book.sheet("联系户").set(0, "中心户编码", s("XY01-B1-G1"));
    book.sheet("楼栋").set(0, "党小组编码", s("XY01-B1"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "网格 第2行 覆盖支部编码(H列)",
        &["「XY01-B1-G1」是党小组", "level mismatch"],
    );
    assert_problem(
        &lines,
        "网格 第3行 所属社区编码(C列)",
        &["是支部", "not a community"],
    );
    assert_problem(
        &lines,
        "网格 第3行 覆盖支部编码(H列)",
        &["组织类型不是「党支部」", "level mismatch"],
    );
    assert_problem(&lines, "网格 第4行 覆盖支部编码(H列)", &["wrong community"]);
    assert_problem(
        &lines,
        "联系户 第2行 中心户编码(A列)",
        &["是党小组", "level mismatch"],
    );
    assert_problem(
        &lines,
        "楼栋 第2行 党小组编码(E列)",
        &["是支部", "level mismatch"],
    );
}

#[test]
fn a_missing_sheet_a_missing_column_and_a_missing_header_are_named() {
    let mut book = Book::base().without("党员");
    book.sheet("组织").drop_column("层级");
    book.sheet("网格").header = vec![
        "甲".into(),
        "乙".into(),
        "丙".into(),
        "丁".into(),
        "戊".into(),
        "己".into(),
        "庚".into(),
        "辛".into(),
    ];
    let lines = problems(&book);
    assert_problem(&lines, "党员", &["missing sheet", "「党员」"]);
    assert_problem(
        &lines,
        "组织 第1行",
        &["缺少必填列「层级」", "missing column"],
    );
    assert_problem(&lines, "网格", &["header not found", "「网格编码」"]);
}

#[test]
fn a_column_given_twice_is_refused() {
    let mut book = Book::base();
    book.sheet("党员").add_column("姓名", s("重名"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第1行 姓名(P列)",
        &["duplicate column", "A 列"],
    );
}

#[test]
fn a_file_that_is_no_workbook_is_named_and_nothing_panics() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("名册.xlsx");
    std::fs::write(&text, "姓名,性别\n张三,男\n").unwrap();
    let err = workbook::import(&text).unwrap_err();
    assert!(matches!(err, WorkbookError::NotWorkbook { .. }));
    assert!(err.to_string().contains("名册.xlsx") && err.to_string().contains("invalid xlsx"));

    let missing = dir.path().join("没有这个文件.xlsx");
    let err = workbook::import(&missing).unwrap_err().to_string();
    assert!(
        err.contains("没有这个文件.xlsx") && err.contains("io error"),
        "{err}"
    );

    // A real workbook cut short anywhere, or with bytes flipped, is an error, never a panic.
    let good = workbook::export(&sample()).unwrap();
    let broken = dir.path().join("broken.xlsx");
    for cut in (0..good.len()).step_by(good.len() / 40 + 1) {
        std::fs::write(&broken, &good[..cut]).unwrap();
        assert!(workbook::import(&broken).is_err(), "cut at {cut}");
    }
    for at in (100..good.len()).step_by(good.len() / 40 + 1) {
        let mut bad = good.clone();
        bad[at] ^= 0x5A;
        std::fs::write(&broken, &bad).unwrap();
        let _ = workbook::import(&broken);
    }
}
