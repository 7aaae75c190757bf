//! Natural order of siblings (B2 before B10), the same in the graph, the
//! findings, the exported workbook, the roster and the notice boards.

use calamine::{Data, Reader, Xlsx};
use std::process::Command;

mod common;

fn gridorg(args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Where `first` and `second` stand in `list`; `first` must come before `second`.
fn before<T: PartialEq + std::fmt::Debug>(list: &[T], first: T, second: T) {
    let at = |x: &T| list.iter().position(|y| y == x);
    let (a, b) = (at(&first), at(&second));
    assert!(
        a.is_some() && b.is_some(),
        "{first:?} or {second:?} missing"
    );
    assert!(a < b, "{first:?} at {a:?} comes after {second:?} at {b:?}");
}

#[test]
fn b2_comes_before_b10_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let street = dir.path().join("street.ron");
    let s = street.to_str().unwrap();
    gridorg(&["generate", "--preset", "street", "-o", s]);
    let document = gridorg::document::load(&street).unwrap();
    let code = |c: &str| {
        document
            .units
            .values()
            .find(|u| u.code == c)
            .unwrap_or_else(|| panic!("{c} in the street preset"))
            .id
    };

    let graph = gridorg::graph::Graph::build(&document);
    let children = graph.children(code("J0103"));
    before(&children, code("J0103-B2"), code("J0103-B10"));

    let book = dir.path().join("street.xlsx");
    gridorg(&["export", s, "-o", book.to_str().unwrap()]);
    let mut xlsx: Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let units = xlsx.worksheet_range("组织").unwrap();
    let codes: Vec<String> = units
        .rows()
        .map(|r| match &r[0] {
            Data::String(s) => s.clone(),
            _ => String::new(),
        })
        .collect();
    before(&codes, "J0103-B2".into(), "J0103-B10".into());

    let roster = dir.path().join("roster.pdf");
    gridorg(&[
        "roster",
        s,
        "--unit",
        "J0103",
        "-o",
        roster.to_str().unwrap(),
    ]);
    let text = common::text_of(&roster, None);
    let at = |c: &str| text.find(&format!("（{c}）"));
    assert!(
        at("J0103-B2-G1").is_some(),
        "roster headings keep 名称（编码）"
    );
    assert!(
        at("J0103-B10-G1").is_some(),
        "roster headings keep 名称（编码）"
    );
    assert!(at("J0103-B2-G1") < at("J0103-B10-G1"), "roster order");

    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let report = gridorg::check::check(&document, &Default::default(), today);
    let in_order = report.findings.windows(2).all(|w| {
        let (a, b) = (&w[0], &w[1]);
        a.severity < b.severity
            || (a.severity == b.severity && gridorg::order::natural(&a.code, &b.code).is_le())
    });
    assert!(in_order, "findings by severity, then code in natural order");
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    let mut plain = codes.clone();
    plain.sort_unstable();
    assert_ne!(
        codes, plain,
        "the street's findings differ from plain order"
    );
}
