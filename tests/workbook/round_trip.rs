//! Round trip: a document exports to the template and comes back unchanged.

use crate::reading::{cells_of, column_of, notices, shape, sheet_rows};
use calamine::Data;
use gridorg::document;
use gridorg::generate::sample;
use gridorg::workbook;

#[test]
fn sample_exports_and_imports_back_to_the_same_document_and_workbook() {
    let original = sample();
    let first = workbook::export(&original).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xlsx");
    std::fs::write(&path, &first).unwrap();
    let back = workbook::import(&path).unwrap();
    assert!(back.notices.is_empty(), "{:?}", notices(&back));
    let doc = back.document;
    assert_eq!(doc.units.len(), original.units.len());
    assert_eq!(doc.grids.len(), original.grids.len());
    assert_eq!(doc.buildings.len(), original.buildings.len());
    assert_eq!(doc.members.len(), original.members.len());
    assert_eq!(doc.households.len(), original.households.len());
    assert_eq!(doc.co_builders.len(), original.co_builders.len());
    assert!(!original.buildings.is_empty() && !original.households.is_empty());
    let (a, b) = (shape(&original), shape(&doc));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert_eq!(a, b);
    document::validate(&doc).unwrap();

    let second = workbook::export(&doc).unwrap();
    assert_eq!(cells_of(&first), cells_of(&second));
}

#[test]
fn export_keeps_phones_and_id_numbers_as_text_and_dates_as_dates() {
    let cells = cells_of(&workbook::export(&sample()).unwrap());
    let names: Vec<&str> = cells.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["组织", "网格", "党员", "联系户", "楼栋", "共建单位", "说明"]
    );
    let members = sheet_rows(&cells, "党员");
    let (id, phone, born) = (
        column_of(members, "身份证号"),
        column_of(members, "联系电话"),
        column_of(members, "出生日期"),
    );
    assert_eq!(members[0][id], Data::String("身份证号".into()));
    for row in &members[1..] {
        assert!(
            matches!(&row[id], Data::String(t) if t.len() == 18),
            "{:?}",
            row[id]
        );
        assert!(
            matches!(&row[phone], Data::String(t) if t.len() == 11),
            "{:?}",
            row[phone]
        );
        assert!(matches!(&row[born], Data::DateTime(_)), "{:?}", row[born]);
    }
    let units = sheet_rows(&cells, "组织");
    assert_eq!(units[0][0], Data::String("编码*".into()));
    assert_eq!(
        units[1][column_of(units, "层级")],
        Data::String("街道".into())
    );
}

#[test]
fn export_keeps_the_document_title() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("whatever.xlsx");
    std::fs::write(&path, workbook::export(&sample()).unwrap()).unwrap();
    let doc = workbook::import(&path).unwrap().document;
    assert_eq!(doc.title, sample().title);
}
