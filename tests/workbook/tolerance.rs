//! Tolerance: what real spreadsheets contain (spaces, full-width digits,
//! numbers stored as text, dates in every form, title rows, merged headers,
//! columns anywhere, GBK and UTF-8 CSV) is read, or named in a notice.

use crate::book::{row, s, Book, SheetSpec, C};
use crate::reading::{assert_problem, date, imported, member, notices, problems, shape, unit_code};
use gridorg::model::Level;
use gridorg::workbook::{self, WorkbookError};

#[test]
fn spaces_full_width_digits_and_punctuation_are_read() {
    let mut book = Book::base();
    book.sheet("组织")
        .set(1, "编码", s("　ＸＹ０１ "))
        .set(1, "上级编码", s(" XY\u{200B}"))
        .set(1, "联系电话", s("１３８４７７１２３４５"))
        .set(1, "层级", s(" 社区党委 "))
        .set(1, "名称", s("  迎宾馆社区党总支  "));
    book.sheet("网格")
        .set(0, "所属社区编码", s("ＸＹ０１"))
        .set(0, "户数", s("３８８"))
        .set(0, "覆盖支部编码", s("XY01-B1， "));
    book.sheet("党员")
        .set(0, "身份证号", s(" １５０６２１１９８００３１２００１０ "))
        .set(0, "出生日期", s("１９８０年３月１２日"))
        .set(0, "职务", s("组长；中心户户主"))
        .set(0, "性别", s(" 男 "));
    let doc = imported(&book).document;
    let community = doc.unit_by_code("XY01").unwrap();
    assert_eq!(community.name, "迎宾馆社区党总支");
    assert_eq!(community.leader_phone.as_deref(), Some("13847712345"));
    assert_eq!(community.level, Level::Community);
    let grid = doc.grid_by_code("XY01-W01").unwrap();
    assert_eq!((grid.community, grid.households), (community.id, Some(388)));
    assert_eq!(grid.covered_by.len(), 1);
    let wang = member(&doc, "王建军");
    assert_eq!(wang.id_number.as_deref(), Some("150621198003120010"));
    assert_eq!(wang.birth, Some(date(1980, 3, 12)));
    assert_eq!(wang.positions, ["组长", "中心户户主"]);
}

#[test]
fn numbers_stored_as_text_and_text_stored_as_numbers() {
    let mut book = Book::base();
    book.sheet("组织")
        .set(0, "任期", s("5年"))
        .set(0, "联系电话", C::N(13800000001.0))
        .push(row(
            &["", "第二党小组", "党小组", "", "XY01-B1"],
            &[C::E, C::E, C::E, C::E],
        ));
    book.sheet("组织").set(6, "编码", C::N(1001.0));
    book.sheet("网格")
        .set(0, "户数", s("388"))
        .set(0, "人口", s("1,962人"))
        .set(0, "网格员电话", C::N(4775123456.0));
    book.sheet("党员")
        .set(0, "联系电话", C::N(13604778899.0))
        .set(1, "所在组织编码", s("1001"));
    book.sheet("联系户").set(0, "人口", s("3"));
    let result = imported(&book);
    let doc = &result.document;
    let street = doc.unit_by_code("XY").unwrap();
    assert_eq!(street.term_years, Some(5));
    assert_eq!(street.leader_phone.as_deref(), Some("13800000001"));
    let grid = doc.grid_by_code("XY01-W01").unwrap();
    assert_eq!((grid.households, grid.population), (Some(388), Some(1962)));
    assert_eq!(grid.worker_phone.as_deref(), Some("04775123456"));
    assert!(
        notices(&result)
            .iter()
            .any(|n| n.starts_with("网格 第2行 网格员电话(G列)")
                && n.contains("leading zero restored")),
        "{:?}",
        notices(&result)
    );
    assert_eq!(member(doc, "王建军").phone.as_deref(), Some("13604778899"));
    assert_eq!(unit_code(doc, member(doc, "李芳").unit), "1001");
    assert_eq!(doc.households.values().next().unwrap().people, Some(3));
}

#[test]
fn excel_dates_serials_and_written_dates_are_read() {
    let mut book = Book::base();
    book.sheet("党员")
        .set(0, "入党日期", C::N(38534.0)) // a serial in a cell not formatted as a date
        .set(0, "转正日期", s("2006/7/1"))
        .set(0, "出生日期", s("1980.03.12"))
        .set(1, "入党日期", C::N(2025.03)) // 2025.03 typed into a number cell
        .set(1, "出生日期", s("19850520"))
        .set(2, "入党日期", s("2000年7月"))
        .set(2, "转正日期", s("2001-07-01 00:00:00"));
    let doc = imported(&book).document;
    let wang = member(&doc, "王建军");
    assert_eq!(wang.joined, Some(date(2005, 7, 1)));
    assert_eq!(wang.full_since, Some(date(2006, 7, 1)));
    assert_eq!(wang.birth, Some(date(1980, 3, 12)));
    let li = member(&doc, "李芳");
    assert_eq!(li.joined, Some(date(2025, 3, 1)));
    assert_eq!(li.birth, Some(date(1985, 5, 20)));
    let zhou = member(&doc, "周敏");
    assert_eq!(zhou.joined, Some(date(2000, 7, 1)));
    assert_eq!(zhou.full_since, Some(date(2001, 7, 1)));
    assert_eq!(
        doc.unit_by_code("XY").unwrap().elected,
        Some(date(2022, 9, 16))
    );
}

#[test]
fn merged_title_rows_above_the_header_are_skipped_and_rows_numbered_as_excel_shows() {
    let mut book = Book::base();
    book.sheet("党员").titles = vec![
        "西园街道党员花名册".into(),
        "填报单位：西园街道党工委".into(),
    ];
    book.sheet("组织").titles = vec!["组织设置".into()];
    let doc = imported(&book).document;
    assert_eq!(doc.members.len(), 3);
    assert_eq!(doc.units.len(), 6);

    // The header is on row 3, so the second member is on row 5.
    book.sheet("党员").set(1, "出生日期", s("1985-02-30"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第5行 出生日期(D列)",
        &["1985-02-30", "invalid date"],
    );
}

#[test]
fn a_table_that_does_not_start_in_column_a_reports_the_right_letters() {
    let mut book = Book::base();
    book.sheet("党员").first_col = 2;
    book.sheet("党员").set(0, "出生日期", s("昨天"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第2行 出生日期(F列)",
        &["「昨天」", "invalid date"],
    );
}

#[test]
fn empty_rows_are_skipped() {
    let mut book = Book::base();
    let blank = vec![C::E; 15];
    let spaces = vec![s("  "); 15];
    let members = book.sheet("党员");
    members.rows.insert(1, blank.clone());
    members.rows.insert(2, spaces);
    members.rows.push(blank);
    let doc = imported(&book).document;
    assert_eq!(doc.members.len(), 3);
}

#[test]
fn columns_in_any_order_with_or_without_star_and_extra_columns_ignored_with_a_notice() {
    let mut book = Book::base();
    book.sheet("党员")
        .move_to_end("姓名")
        .move_to_end("身份证号")
        .add_column("备注", s("无"));
    book.sheet("党员").header.insert(0, "序号".into());
    for (i, row) in book.sheet("党员").rows.iter_mut().enumerate() {
        row.insert(0, C::N(i as f64 + 1.0));
    }
    let units = book.sheet("组织");
    units.header[0] = "编码".into(); // without the star
    units.header[1] = " 名称 * ".into();
    units.header[7] = "换届日期（年-月-日）".into();
    let result = imported(&book);
    assert_eq!(
        member(&result.document, "王建军").id_number.as_deref(),
        Some("150621198003120010")
    );
    assert_eq!(
        result.document.unit_by_code("XY").unwrap().elected,
        Some(date(2022, 9, 16))
    );
    let lines = notices(&result);
    assert!(
        lines.iter().any(|n| n.starts_with("党员 第1行")
            && n.contains("「备注」")
            && n.contains("ignored column")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|n| n.contains("「序号」(A列)")),
        "{lines:?}"
    );
}

#[test]
fn an_unknown_sheet_is_ignored_with_a_notice() {
    let mut book = Book::base();
    book.sheets
        .push(SheetSpec::new("统计", &["合计"], vec![vec![C::N(3.0)]]));
    let result = imported(&book);
    assert!(notices(&result)
        .iter()
        .any(|n| n.starts_with("统计") && n.contains("ignored sheet")));
}

#[test]
fn an_id_number_excel_stored_as_a_number_is_refused_not_rounded() {
    let mut book = Book::base();
    book.sheet("党员")
        .set(0, "身份证号", C::N(150621198003120010.0))
        .set(1, "身份证号", s("1.50621E+17"))
        .set(2, "身份证号", C::N(150621197501080000.0));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第2行 身份证号(E列)",
        &[
            "「150621198003120000」",
            "precision lost",
            "应为 文本格式的 18 位身份证号",
        ],
    );
    assert_problem(
        &lines,
        "党员 第3行 身份证号(E列)",
        &["1.50621E+17", "scientific notation"],
    );
    // Ending in 000 with a wrong check character: what Excel rounded.
    assert_problem(
        &lines,
        "党员 第4行 身份证号(E列)",
        &["「150621197501080000」", "precision lost"],
    );
}

#[test]
fn an_id_number_stored_as_text_keeps_every_digit_even_ending_in_000() {
    // Its check character is wrong (2 is right): a finding for `check`, not a
    // number Excel rounded, since a text cell keeps every digit.
    let mut book = Book::base();
    book.sheet("党员")
        .set(0, "身份证号", s("150621198003120000"));
    let doc = imported(&book).document;
    assert_eq!(
        member(&doc, "王建军").id_number.as_deref(),
        Some("150621198003120000")
    );
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("csv");
    book.write_csv(&folder, |t| t.as_bytes().to_vec());
    let doc = workbook::import(&folder).unwrap().document;
    assert_eq!(
        member(&doc, "王建军").id_number.as_deref(),
        Some("150621198003120000")
    );
}

#[test]
fn a_long_value_is_quoted_only_in_part() {
    let long = "长".repeat(5_000);
    let mut book = Book::base();
    book.sheet("党员").set(0, "出生日期", s(&long)).set(
        1,
        "所在组织编码",
        s(&format!("XY{}", "9".repeat(3_000))),
    );
    let lines = problems(&book);
    let start = format!("「{}…」", "长".repeat(40));
    assert_problem(
        &lines,
        "党员 第2行 出生日期(D列)",
        &[&start, "共 5000 个字符", "invalid date"],
    );
    let code_start = format!("「XY{}…」", "9".repeat(38));
    assert_problem(
        &lines,
        "党员 第3行 所在组织编码(J列)",
        &[&code_start, "共 3002 个字符", "unknown code"],
    );
    for line in &lines {
        assert!(line.chars().count() < 200, "quoted whole: {line}");
    }
}

#[test]
fn data_under_a_header_merged_across_two_columns_is_a_notice_not_silence() {
    let mut book = Book::base();
    // 联系电话 (L) merged with 工作单位 (M): M has data and no header.
    let members = book.sheet("党员");
    let phone = members.col("联系电话");
    members.merged_headers.push(phone);
    let result = imported(&book);
    let notices = notices(&result);
    assert!(
        notices.iter().any(|n| n.starts_with("党员 第1行")
            && n.contains("M列")
            && n.contains("column without header")
            && n.contains("第2行起")),
        "{notices:?}"
    );
    assert_eq!(member(&result.document, "王建军").workplace, None);
}

#[test]
fn a_gbk_csv_folder_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("西园街道");
    Book::base().write_csv(&folder, |text| {
        let (bytes, _, failed) = encoding_rs::GBK.encode(text);
        assert!(!failed);
        bytes.into_owned()
    });
    assert!(std::str::from_utf8(&std::fs::read(folder.join("党员.csv")).unwrap()).is_err());
    let result = workbook::import(&folder).unwrap();
    assert_eq!(
        shape(&result.document),
        shape(&imported(&Book::base()).document)
    );
}

#[test]
fn utf8_csv_with_and_without_bom_are_imported() {
    for bom in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("西园街道");
        Book::base().write_csv(&folder, |text| {
            let mut bytes = if bom {
                vec![0xEF, 0xBB, 0xBF]
            } else {
                Vec::new()
            };
            bytes.extend_from_slice(text.as_bytes());
            bytes
        });
        let doc = workbook::import(&folder).unwrap().document;
        assert_eq!(
            member(&doc, "王建军").id_number.as_deref(),
            Some("150621198003120010")
        );
        assert_eq!(doc.unit_by_code("XY").unwrap().name, "西园街道党工委");
    }
}

#[test]
fn csv_errors_name_the_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("西园街道");
    let mut book = Book::base();
    book.sheet("党员").titles = vec!["党员名册".into()];
    book.sheet("党员").set(0, "人员类别", s("积极分子"));
    book.write_csv(&folder, |t| t.as_bytes().to_vec());
    std::fs::remove_file(folder.join("网格.csv")).unwrap();
    let Err(WorkbookError::Invalid { problems, .. }) = workbook::import(&folder) else {
        panic!("expected problems");
    };
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_problem(&lines, "网格.csv", &["missing sheet", "网格.csv"]);
    // Problems with the sheets come first; bad cells are found once every sheet is there.
    std::fs::write(
        folder.join("网格.csv"),
        "网格编码*,网格名称*,所属社区编码*\nXY01-W01,第一网格,XY01\n",
    )
    .unwrap();
    let Err(WorkbookError::Invalid { problems, .. }) = workbook::import(&folder) else {
        panic!("expected problems");
    };
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_problem(
        &lines,
        "党员.csv 第3行 人员类别(I列)",
        &["「积极分子」", "invalid category", "正式党员 或 预备党员"],
    );
}

#[test]
fn a_single_csv_file_or_an_undecodable_one_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("党员.csv");
    std::fs::write(&file, "姓名\n张三\n").unwrap();
    let err = workbook::import(&file).unwrap_err().to_string();
    assert!(
        err.contains("党员.csv") && err.contains("single csv file"),
        "{err}"
    );

    let folder = dir.path().join("坏文件");
    Book::base().write_csv(&folder, |t| t.as_bytes().to_vec());
    std::fs::write(folder.join("党员.csv"), [0xFF, 0xFE, 0x00, 0xD8, 0x41]).unwrap();
    let err = workbook::import(&folder).unwrap_err().to_string();
    assert!(
        err.contains("党员.csv") && err.contains("unknown encoding"),
        "{err}"
    );
}
