//! The export, its sheets written on two threads and each cell in its
//! column's format: the same file every time, the cells of text and date
//! columns formatted as their column, and a text too long for a cell named
//! in the first sheet in order that has one, whichever thread met it.

use crate::reading::{cells_of, column_of, sheet_rows};
use gridorg::generate::sample;
use gridorg::model::Document;
use gridorg::workbook;
use std::io::Read;

/// The parts of a workbook by name, but docProps/core.xml (it holds the time).
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        let name = part.name().unwrap().to_string();
        if name != "docProps/core.xml" {
            parts.push((name, data));
        }
    }
    parts
}

fn sheet(parts: &[(String, Vec<u8>)], n: usize) -> &str {
    let name = format!("xl/worksheets/sheet{n}.xml");
    let part = parts.iter().find(|p| p.0 == name).unwrap();
    std::str::from_utf8(&part.1).unwrap()
}

/// The style a column of a sheet's XML is given (`<col min=N … style=S>`).
fn column_style(xml: &str, column: usize) -> String {
    let col = format!("<col min=\"{}\" max=\"{}\"", column + 1, column + 1);
    let tag = &xml[xml.find(&col).unwrap()..];
    let tag = &tag[..tag.find("/>").unwrap()];
    let style = &tag[tag.find("style=\"").unwrap() + 7..];
    style[..style.find('"').unwrap()].to_string()
}

/// The style of each cell in a column (letter) below the header.
fn cell_styles(xml: &str, letter: char) -> Vec<String> {
    let start = format!("<c r=\"{letter}");
    xml.match_indices(&start)
        .map(|(at, _)| &xml[at..at + xml[at..].find('>').unwrap()])
        .filter(|tag| !tag.starts_with(&format!("{start}1\"")))
        .map(|tag| match tag.find(" s=\"") {
            Some(s) => tag[s + 4..].split('"').next().unwrap().to_string(),
            None => "0".to_string(),
        })
        .collect()
}

#[test]
fn an_export_is_the_same_file_every_time_but_for_its_time() {
    let document = sample();
    type Export = fn(&Document) -> Result<Vec<u8>, gridorg::workbook::WorkbookError>;
    for export in [workbook::export as Export, workbook::export_masked] {
        let first = parts(&export(&document).unwrap());
        for _ in 0..3 {
            assert_eq!(parts(&export(&document).unwrap()), first);
        }
    }
}

#[test]
fn cells_of_text_and_date_columns_carry_their_formats() {
    let document = sample();
    let cells = cells_of(&workbook::export(&document).unwrap());
    let members = sheet_rows(&cells, "党员");
    let letter = |header| (b'A' + column_of(members, header) as u8) as char;
    let column = |header| column_of(members, header);
    for masked in [false, true] {
        let export = if masked {
            workbook::export_masked
        } else {
            workbook::export
        };
        let parts = parts(&export(&document).unwrap());
        let xml = sheet(&parts, 3);
        let text = column_style(xml, column("身份证号"));
        assert_eq!(column_style(xml, column("联系电话")), text);
        let date = column_style(xml, column("出生日期"));
        assert!(text != "0" && date != "0" && text != date, "{text} {date}");
        for header in ["身份证号", "联系电话"] {
            let styles = cell_styles(xml, letter(header));
            assert!(styles.len() > 20, "{header}: {styles:?}");
            assert!(styles.iter().all(|s| *s == text), "{header}: {styles:?}");
        }
        // A masked birth is text (its year and month) in a date column.
        let births = cell_styles(xml, letter("出生日期"));
        let want = if masked { &text } else { &date };
        assert!(
            births.len() > 20 && births.iter().all(|s| s == want),
            "{births:?}"
        );
    }
}

#[test]
fn of_two_sheets_with_a_text_too_long_the_first_in_order_is_named() {
    let mut document: Document = sample();
    let long = "长".repeat(40_000);
    // 网格 is written on the second thread, 联系户 on the first.
    document.grids.values_mut().next().unwrap().name = long.clone();
    document.households.values_mut().next().unwrap().head = long;
    let why = workbook::export(&document).unwrap_err().to_string();
    for part in ["工作表「网格」", "string too long"] {
        assert!(why.contains(part), "{part} missing: {why}");
    }
    assert!(!why.contains("联系户"), "{why}");
}
