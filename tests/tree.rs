//! The one tree index as the public paths use it: a broken tree (a cycle of
//! parents, a parent that does not exist) is still checked, counted and
//! exported, and validation names the cycle; siblings come in natural order.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use gridorg::check::{check, Rule, Rules};
use gridorg::graph::Graph;
use gridorg::model::{Document, Id, Level, Member, Unit};
use gridorg::stats::{members_by_subtree, stats};

fn unit(doc: &mut Document, code: &str, level: Level, parent: Option<Id>) -> Id {
    let id = doc.allocate_id();
    doc.units
        .insert(id, Unit::new(id, code.into(), code.into(), level, parent));
    id
}

fn members(doc: &mut Document, unit: Id, count: usize) {
    for n in 0..count {
        let id = doc.allocate_id();
        doc.members
            .insert(id, Member::new(id, format!("党员{n}"), unit));
    }
}

/// A street with communities C10 and C2 (added in that order) and a branch
/// under C2; community X and branch Y each other's parent; community D whose
/// parent is missing.
fn broken() -> (Document, [Id; 7]) {
    let mut doc = Document::new("broken");
    let street = unit(&mut doc, "J01", Level::Street, None);
    let c10 = unit(&mut doc, "J01-C10", Level::Community, Some(street));
    let c2 = unit(&mut doc, "J01-C2", Level::Community, Some(street));
    let branch = unit(&mut doc, "J01-C2-B1", Level::Branch, Some(c2));
    let x = unit(&mut doc, "X", Level::Community, None);
    let y = unit(&mut doc, "Y", Level::Branch, Some(x));
    doc.units.get_mut(&x).unwrap().parent = Some(y);
    let d = unit(&mut doc, "D", Level::Community, Some(Id(9_999)));
    members(&mut doc, branch, 2);
    members(&mut doc, y, 3);
    members(&mut doc, d, 1);
    (doc, [street, c10, c2, branch, x, y, d])
}

#[test]
fn a_cycle_and_a_missing_parent_are_checked_and_counted() {
    let (doc, [street, _, c2, _, x, y, d]) = broken();
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let report = check(&doc, &Rules::default(), today);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == Rule::LevelMismatch && f.subject == x),
        "X under branch Y is a level mismatch: {:?}",
        report.findings
    );

    let table = stats(&doc);
    let scope = |code: &str| {
        table
            .communities
            .iter()
            .find(|s| s.code == code)
            .unwrap_or_else(|| panic!("{code} counted"))
            .counts
    };
    // Y's members are counted in X, reached by walking up through the cycle.
    assert_eq!(scope("X").members, 3);
    assert_eq!(scope("D").members, 1);
    assert_eq!(scope("J01-C2").members, 2);
    assert_eq!(table.streets[0].counts.members, 2);
    assert_eq!(table.total.members, 6);

    let subtree = members_by_subtree(&doc);
    assert_eq!(subtree[&street], (2, 0));
    assert_eq!(subtree[&c2], (2, 0));
    assert_eq!(subtree[&y], (3, 0));
    assert_eq!(subtree[&d], (1, 0));
    assert!(!subtree.contains_key(&x), "a stray counts only its own");
    assert!(!subtree.contains_key(&Id(9_999)));
}

#[test]
fn validation_names_the_cycle_and_the_missing_parent() {
    let (mut doc, [street, .., x, _, d]) = broken();
    let refused = gridorg::document::validate(&doc).unwrap_err();
    assert_eq!(refused.subject, Some(d), "{}", refused.message);
    assert!(refused.message.contains("dangling parent"));

    doc.units.get_mut(&d).unwrap().parent = Some(street);
    let refused = gridorg::document::validate(&doc).unwrap_err();
    assert_eq!(refused.subject, Some(x), "{}", refused.message);
    assert!(refused.message.contains("cycle"), "{}", refused.message);

    let loose = doc.units.get_mut(&x).unwrap();
    loose.parent = None;
    loose.level = Level::Street;
    doc.units.get_mut(&d).unwrap().parent = Some(d);
    let refused = gridorg::document::validate(&doc).unwrap_err();
    assert_eq!(refused.subject, Some(d), "{}", refused.message);
    assert!(refused.message.contains("cycle"), "{}", refused.message);
}

#[test]
fn siblings_come_in_natural_order_and_strays_are_exported_last() {
    let (doc, [street, c10, c2, branch, x, y, d]) = broken();
    let graph = Graph::build(&doc);
    let tree = graph.tree();
    assert_eq!(tree.tops(), [d, street]);
    assert_eq!(tree.children(Some(street)), [c2, c10]);
    assert_eq!(tree.strays(), [x, y]);

    let bytes = gridorg::workbook::export(&doc).unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("组织").unwrap();
    let codes: Vec<String> = sheet
        .rows()
        .skip(1)
        .filter_map(|r| match &r[0] {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        codes,
        ["D", "J01", "J01-C2", "J01-C2-B1", "J01-C10", "X", "Y"],
        "reading order, then the strays by id ({branch:?} under C2)"
    );
}
