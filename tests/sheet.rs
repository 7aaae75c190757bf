//! The members sheet's core: clipboard text as Excel and WPS write it, a
//! block pasted over rows and columns, bad cells said with their row and
//! column and left as they were, and the whole paste one step of the history.

use gridorg::edit::History;
use gridorg::generate::sample;
use gridorg::graph::Graph;
use gridorg::mask::Privacy;
use gridorg::model::{Category, Document, Id};
use gridorg::sheet::{paste, tsv, Column, Table};

fn branch_sheet(doc: &Document) -> Table {
    let graph = Graph::build(doc);
    Table::of(doc, graph.tree(), doc.unit_by_code("XY01-B1").unwrap().id)
}

fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn tsv_reads_excel_quotes_and_either_line_end() {
    // Excel: CRLF after every row; a cell with a tab, a line break or a quote
    // in quotes, its quotes doubled.
    let excel = "张三\t\"第一行\r\n第二行\"\t\"说\"\"是\"\"\"\r\n李四\t\"a\tb\"\t\r\n";
    assert_eq!(
        tsv::parse(excel),
        cells(&[
            &["张三", "第一行\r\n第二行", "说\"是\""],
            &["李四", "a\tb", ""]
        ])
    );
    // WPS and others: LF, no line end after the last row.
    assert_eq!(tsv::parse("a\tb\nc\td"), cells(&[&["a", "b"], &["c", "d"]]));
    assert_eq!(tsv::parse(""), Vec::<Vec<String>>::new());
    // A quote inside an unquoted cell is a character like any other.
    assert_eq!(tsv::parse("5\"屏\t1"), cells(&[&["5\"屏", "1"]]));
    // What is written reads back the same.
    let block = cells(&[&["x\ty", "第一行\n第二行", "引\"号"], &["", "2", "3"]]);
    let written = tsv::write(&block);
    assert_eq!(
        written,
        "\"x\ty\"\t\"第一行\n第二行\"\t\"引\"\"号\"\r\n\t2\t3\r\n"
    );
    assert_eq!(tsv::parse(&written), block);
}

#[test]
fn a_block_goes_over_rows_and_columns_from_the_chosen_cell() {
    let mut doc = sample();
    let table = branch_sheet(&doc);
    let rows = table.rows().to_vec();
    assert!(
        rows.len() >= 3,
        "the branch's sheet lists its groups' members"
    );
    // 民族 and 出生日期 of rows 2 and 3.
    let block = tsv::parse("回族\t1981/2/3\r\n满族\t1982年3月4日\r\n");
    let pasted = paste(&doc, &rows, 1, Column::Ethnicity, &block, Privacy::Masked);
    assert_eq!(pasted.refused, []);
    assert_eq!(pasted.outside, 0);
    assert_eq!(pasted.members.len(), 2);
    let mut history = History::new();
    let before = doc.clone();
    history.apply(&mut doc, &pasted.command().unwrap()).unwrap();
    let (second, third) = (&doc.members[&rows[1]], &doc.members[&rows[2]]);
    assert_eq!(second.ethnicity.as_deref(), Some("回族"));
    assert_eq!(second.birth, chrono::NaiveDate::from_ymd_opt(1981, 2, 3));
    assert_eq!(third.ethnicity.as_deref(), Some("满族"));
    assert_eq!(third.birth, chrono::NaiveDate::from_ymd_opt(1982, 3, 4));
    assert_eq!(doc.members[&rows[0]], before.members[&rows[0]]);
    // One paste, one step.
    assert!(history.undo(&mut doc).is_some());
    assert_eq!(doc, before);
    assert!(history.undo(&mut doc).is_none());
}

#[test]
fn bad_cells_are_said_with_row_and_column_and_the_rest_applied() {
    let mut doc = sample();
    let rows = branch_sheet(&doc).rows().to_vec();
    let before = doc.clone();
    // Row 2 joins a month before it became full (or before today).
    let second = &doc.members[&rows[1]];
    let joined = second
        .full_since
        .unwrap_or(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
        - chrono::Days::new(30);
    assert!(second.birth.is_none_or(|b| b < joined));
    let joined = joined.to_string();
    // 学历 and 入党日期 of rows 1 and 2; row 1's date is no date.
    let block = cells(&[&["函授大专", "2001-02-30"], &["函授本科", joined.as_str()]]);
    let pasted = paste(&doc, &rows, 0, Column::Education, &block, Privacy::Masked);
    let said: Vec<String> = pasted.refused.iter().map(|r| r.to_string()).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("第 1 行 入党日期：「2001-02-30」不是有效日期 (invalid date)"),
        "{said:?}"
    );
    assert_eq!(pasted.refused[0].member, rows[0]);
    // The good cell of the bad row is applied, and the other row whole.
    assert_eq!(pasted.members.len(), 2);
    let mut history = History::new();
    history.apply(&mut doc, &pasted.command().unwrap()).unwrap();
    assert_eq!(doc.members[&rows[0]].education.as_deref(), Some("函授大专"));
    assert_eq!(
        doc.members[&rows[0]].joined,
        before.members[&rows[0]].joined
    );
    assert_eq!(doc.members[&rows[1]].education.as_deref(), Some("函授本科"));
    assert_eq!(
        doc.members[&rows[1]].joined.map(|d| d.to_string()),
        Some(joined)
    );
}

#[test]
fn what_cannot_be_true_leaves_its_row_as_it_was() {
    let doc = sample();
    let rows = branch_sheet(&doc).rows().to_vec();
    let first = &doc.members[&rows[0]];
    assert_eq!(first.category, Category::Full);
    // Joining before birth, and a probationary member with a full date.
    let block = cells(&[&["1800-01-01"]]);
    let pasted = paste(&doc, &rows, 0, Column::Joined, &block, Privacy::Masked);
    assert_eq!(pasted.members, []);
    assert_eq!(pasted.refused.len(), 1);
    assert_eq!(pasted.refused[0].column, Column::Joined);
    let block = cells(&[&["预备党员"]]);
    let pasted = paste(&doc, &rows, 0, Column::Category, &block, Privacy::Masked);
    if first.full_since.is_some() {
        assert_eq!(pasted.members, []);
        assert!(pasted.refused[0]
            .to_string()
            .contains("预备党员还没有转正日期"));
    }
    // The unit is only shown here, and cells past the last column go nowhere.
    let code = doc.units[&first.unit].code.clone();
    let block = cells(&[&[code.as_str(), "书记", "", "", "", "", "多余"]]);
    let pasted = paste(&doc, &rows, 0, Column::Unit, &block, Privacy::Masked);
    assert_eq!(pasted.outside, 1);
    assert_eq!(pasted.refused, []);
    let block = cells(&[&["XY01"]]);
    let pasted = paste(&doc, &rows, 0, Column::Unit, &block, Privacy::Masked);
    assert!(pasted.refused[0].why.contains("read-only"));
}

#[test]
fn masked_numbers_copied_out_paste_back_untouched() {
    let doc = sample();
    let table = branch_sheet(&doc);
    let rows = table.rows().to_vec();
    let id: Id = rows
        .iter()
        .copied()
        .find(|id| doc.members[id].id_number.is_some() && doc.members[id].phone.is_some())
        .expect("a member with an ID number and a phone");
    let row = rows.iter().position(|r| *r == id).unwrap();
    let member = &doc.members[&id];
    let unit = &doc.units[&member.unit].code;
    let shown: Vec<String> = Column::ALL
        .iter()
        .map(|c| c.shown(member, Privacy::Masked, unit))
        .collect();
    assert!(shown[Column::IdNumber.index()].contains('*'));
    assert!(!shown.contains(member.id_number.as_ref().unwrap()));
    let pasted = paste(&doc, &rows, row, Column::Name, &[shown], Privacy::Masked);
    assert_eq!(pasted, Default::default());
}

#[test]
fn the_sheet_sorts_and_filters_by_column() {
    let doc = sample();
    let mut table = branch_sheet(&doc);
    let total = table.total();
    table.sort(&doc, Column::Name, Privacy::Masked);
    let names: Vec<&str> = table
        .rows()
        .iter()
        .map(|id| doc.members[id].name.as_str())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| gridorg::order::natural(a, b));
    assert_eq!(names, sorted);
    table.sort(&doc, Column::Name, Privacy::Masked);
    assert_eq!(doc.members[&table.rows()[0]].name, *sorted.last().unwrap());
    table.filter(&doc, Column::Gender, "女", Privacy::Masked);
    assert!(table.rows().len() < total);
    assert!(table
        .rows()
        .iter()
        .all(|id| doc.members[id].gender == Some(gridorg::model::Gender::Female)));
    table.filter(&doc, Column::Gender, "", Privacy::Masked);
    assert_eq!(table.rows().len(), total);
}

#[test]
fn a_masked_sheet_sorted_by_a_masked_column_tells_no_hidden_digit_by_its_order() {
    let mut doc = sample();
    let table = branch_sheet(&doc);
    let (first, second) = (table.rows()[0], table.rows()[1]);
    // The same year and month, the days the other way round from the
    // sheet's own order; the phones' hidden middle digits likewise.
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(1980, 5, d);
    doc.members.get_mut(&first).unwrap().birth = day(28);
    doc.members.get_mut(&second).unwrap().birth = day(3);
    doc.members.get_mut(&first).unwrap().phone = Some("13999990000".into());
    doc.members.get_mut(&second).unwrap().phone = Some("13900000000".into());
    let order = |table: &Table| {
        let rows = table.rows();
        let at = |id| rows.iter().position(|r| *r == id).unwrap();
        at(first) < at(second)
    };
    for column in [Column::Birth, Column::Phone] {
        let mut table = branch_sheet(&doc);
        table.sort(&doc, column, Privacy::Masked);
        assert!(order(&table), "{column:?} masked: the sheet's order kept");
        let mut table = branch_sheet(&doc);
        table.sort(&doc, column, Privacy::Whole);
        assert!(!order(&table), "{column:?} whole: sorted by the day");
    }
}
