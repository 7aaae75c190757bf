//! Importing a [`Book`](crate::book::Book) and looking at the result: the
//! problems and notices as lines, records by name, a document's shape up to
//! ids, an exported workbook's cells.

use crate::book::Book;
use calamine::{Data, Reader, Xlsx};
use gridorg::model::{Document, Id};
use gridorg::workbook::{self, Imported, WorkbookError};

/// Writes `book` to a temporary .xlsx file and imports it.
fn import_book(book: &Book) -> Result<Imported, WorkbookError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("西园街道.xlsx");
    book.write(&path);
    workbook::import(&path)
}

/// The result of importing `book`, which must succeed.
pub fn imported(book: &Book) -> Imported {
    import_book(book).unwrap_or_else(|e| panic!("import failed:\n{e}"))
}

/// The problems of a failed import, one line each.
pub fn problems(book: &Book) -> Vec<String> {
    match import_book(book) {
        Ok(_) => panic!("import succeeded but should have failed"),
        Err(WorkbookError::Invalid { problems, .. }) => {
            problems.iter().map(|p| p.to_string()).collect()
        }
        Err(other) => panic!("expected bad cells, got: {other}"),
    }
}

/// Asserts that one problem line starts with `place` and contains every one of `words`.
pub fn assert_problem(lines: &[String], place: &str, words: &[&str]) {
    let found = lines
        .iter()
        .any(|l| l.starts_with(place) && words.iter().all(|w| l.contains(w)));
    assert!(
        found,
        "no problem at {place} with {words:?}; problems were:\n{}",
        lines.join("\n")
    );
}

/// The notices of an import, one line each.
pub fn notices(imported: &Imported) -> Vec<String> {
    imported.notices.iter().map(|n| n.to_string()).collect()
}

/// The code of the unit `id`.
pub fn unit_code(doc: &Document, id: Id) -> String {
    doc.units[&id].code.clone()
}

/// The member named `name`.
pub fn member<'d>(doc: &'d Document, name: &str) -> &'d gridorg::model::Member {
    doc.members
        .values()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no member {name}"))
}

/// The date y-m-d.
pub fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every record of a document with ids replaced by codes (members and households
/// in order, since they have no code): two documents with the same shape are
/// equal up to ids.
pub fn shape(doc: &Document) -> Vec<String> {
    let unit = |id: Id| {
        doc.units
            .get(&id)
            .map_or(format!("?{id}"), |u| u.code.clone())
    };
    let grid = |id: Id| {
        doc.grids
            .get(&id)
            .map_or(format!("?{id}"), |g| g.code.clone())
    };
    let mut units: Vec<String> = doc
        .units
        .values()
        .map(|u| {
            format!(
                "unit {} {} {:?} {:?} {:?} parent={:?} {:?} {:?} {:?} {:?}",
                u.code,
                u.name,
                u.level,
                u.org_type,
                u.kind_label,
                u.parent.map(unit),
                u.leader,
                u.leader_phone,
                u.elected,
                u.term_years
            )
        })
        .collect();
    units.sort();
    let mut out = vec![format!("title {}", doc.title)];
    out.extend(units);
    out.extend(doc.grids.values().map(|g| {
        format!(
            "grid {} {} {} {:?} {:?} {:?} {:?} {:?} {:?}",
            g.code,
            g.name,
            unit(g.community),
            g.households,
            g.population,
            g.compounds,
            g.worker,
            g.worker_phone,
            g.covered_by.iter().map(|&b| unit(b)).collect::<Vec<_>>()
        )
    }));
    out.extend(doc.buildings.values().map(|b| {
        format!(
            "building {} {} {} {:?} {:?}",
            b.code,
            b.name,
            grid(b.grid),
            b.households,
            b.covered_by.map(unit)
        )
    }));
    out.extend(doc.members.values().map(|m| {
        format!(
            "member {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {:?} {:?} {:?} {} {}",
            m.name,
            m.gender,
            m.ethnicity,
            m.birth,
            m.id_number,
            m.education,
            m.joined,
            m.full_since,
            m.category,
            unit(m.unit),
            m.positions,
            m.phone,
            m.workplace,
            m.in_service,
            m.mobile
        )
    }));
    out.extend(doc.households.values().map(|h| {
        format!(
            "household {} {} {:?} {:?} {:?}",
            unit(h.linked_by),
            h.head,
            h.address,
            h.people,
            h.phone
        )
    }));
    out.extend(
        doc.co_builders
            .values()
            .map(|c| format!("co-builder {} {:?} {}", c.name, c.kind, unit(c.joins))),
    );
    out
}

/// Every sheet of an `.xlsx` file, cell by cell.
pub fn cells_of(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut xlsx = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    xlsx.sheet_names()
        .into_iter()
        .map(|name| {
            let range = xlsx.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

/// The rows of the sheet `name` among `cells`.
pub fn sheet_rows<'a>(cells: &'a [(String, Vec<Vec<Data>>)], name: &str) -> &'a [Vec<Data>] {
    &cells
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

/// The index of the column headed `header` in the first row.
pub fn column_of(rows: &[Vec<Data>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h.to_string().trim_end_matches('*') == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}
