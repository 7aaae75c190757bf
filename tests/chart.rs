//! Org charts as users print them: read back from the PDF (with poppler's
//! pdftotext / pdfinfo / pdffonts) and checked against the layout's promises.

use chrono::NaiveDate;
use gridorg::document;
use gridorg::generate::{generate, Preset};
use gridorg::pdf::chart::{chart, Chart, ChartOptions, Frame, READABLE};
use gridorg::pdf::{FontSource, Paper};
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{pages_of, poppler};

const SAMPLE: &str = "sample-data/xiyuan.ron";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn options(paper: Paper) -> ChartOptions {
    ChartOptions {
        root: None,
        depth: None,
        paper,
        landscape: false,
        today: today(),
        font: FontSource::default(),
    }
}

fn text_of(pdf: &Path) -> String {
    common::text_of(pdf, None)
}

fn gridorg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn overlaps(a: &Frame, b: &Frame) -> bool {
    a.x < b.x + b.w - 0.01
        && b.x < a.x + a.w - 0.01
        && a.y < b.y + b.h - 0.01
        && b.y < a.y + a.h - 0.01
}

fn inside(b: &Frame, area: &Frame) -> bool {
    b.x >= area.x - 0.01
        && b.y >= area.y - 0.01
        && b.x + b.w <= area.x + area.w + 0.01
        && b.y + b.h <= area.y + area.h + 0.01
}

fn assert_sound(made: &Chart) {
    for (i, a) in made.frames.iter().enumerate() {
        for b in &made.frames[i + 1..] {
            assert!(!overlaps(a, b), "boxes {:?} and {:?} overlap", a.id, b.id);
        }
    }
    assert!(
        made.smallest_text >= READABLE - 1e-3,
        "text {} pt",
        made.smallest_text
    );
}

#[test]
fn the_sample_street_prints_on_one_a3_sheet_with_every_unit_named_as_text() {
    let doc = document::load(Path::new(SAMPLE)).unwrap();
    let made = chart(&doc, &options(Paper::A3)).unwrap();
    assert_eq!(made.sheets, (1, 1));
    assert_eq!(made.boxes, doc.units.len());
    assert_sound(&made);
    assert!(
        made.frames.iter().all(|b| inside(b, &made.area)),
        "a box leaves the margins"
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sample.pdf");
    std::fs::write(&pdf, &made.bytes).unwrap();
    assert_eq!(pages_of(&pdf), 1);
    let text = text_of(&pdf);
    for unit in doc.units.values() {
        let name: String = unit.name.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            text.contains(&name),
            "{} missing from the PDF text",
            unit.name
        );
    }
    for words in [
        "组织架构图",
        "制图日期2026-11-23",
        "第1页共1页",
        "有错误级问题",
    ] {
        assert!(text.contains(words), "{words} missing");
    }
}

#[test]
fn the_font_is_embedded_as_a_small_subset() {
    let doc = document::load(Path::new(SAMPLE)).unwrap();
    let made = chart(&doc, &options(Paper::A3)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sample.pdf");
    std::fs::write(&pdf, &made.bytes).unwrap();
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let row = fonts.lines().nth(2).expect("one font");
    let name = row.split_whitespace().next().unwrap();
    assert!(
        name.len() > 7
            && name.as_bytes()[6] == b'+'
            && name[..6].bytes().all(|b| b.is_ascii_uppercase()),
        "not a subset name: {row}"
    );
    assert!(
        row.contains("yes yes yes"),
        "not embedded, subset and unicode-mapped: {row}"
    );
    assert!(made.bytes.len() < 300_000, "{} bytes", made.bytes.len());
}

#[test]
fn a_street_too_large_for_a4_is_split_into_labelled_numbered_sheets_with_a_hint() {
    let doc = generate(Preset::Street, 3);
    let made = chart(&doc, &options(Paper::A4)).unwrap();
    let (cols, rows) = made.sheets;
    assert!(cols * rows > 1);
    assert_sound(&made);
    let hint = made.hint.as_deref().expect("a hint");
    assert!(
        hint.contains("--depth") && hint.contains("--root"),
        "{hint}"
    );
    // Every box lies within the sheets put together.
    let reach = |n: usize, room: f32| n as f32 * room - (n - 1) as f32 * 12.0 * 72.0 / 25.4;
    for b in &made.frames {
        assert!(b.x + b.w <= made.area.x + reach(cols, made.area.w) + 0.5);
        assert!(b.y + b.h <= made.area.y + reach(rows, made.area.h) + 0.5);
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("street.pdf");
    std::fs::write(&pdf, &made.bytes).unwrap();
    assert_eq!(pages_of(&pdf), cols * rows);
    let text = text_of(&pdf);
    let total = cols * rows;
    for n in 1..=total {
        assert!(
            text.contains(&format!("第{n}页共{total}页")),
            "page {n} unnumbered"
        );
    }
    assert!(text.contains(&format!("拼接：第{rows}行第{cols}列（共{rows}行{cols}列）")));
}

/// Each sheet's text (pdftotext -raw, white space left out), a line a sheet,
/// of community J0102 of the street preset (seed 3) on A4 portrait as
/// charted when every sheet tested every item of the whole drawing.
const J0102_SHEETS: &str = "tests/data/chart-j0102-a4.txt";

#[test]
fn each_sheet_of_a_split_chart_shows_the_same_text_as_when_every_item_was_tested_on_every_sheet() {
    let doc = generate(Preset::Street, 3);
    let made = chart(
        &doc,
        &ChartOptions {
            root: Some("J0102".into()),
            ..options(Paper::A4)
        },
    )
    .unwrap();
    // Three across and four down: sheets counted by rows of columns.
    assert_eq!(made.sheets, (3, 4));
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("j0102.pdf");
    std::fs::write(&pdf, &made.bytes).unwrap();
    assert_eq!(pages_of(&pdf), 12);
    let before = std::fs::read_to_string(J0102_SHEETS).unwrap();
    let mut sheets = Vec::new();
    for (n, expected) in before.lines().enumerate() {
        let text = common::text_of(&pdf, Some((n + 1, n + 1)));
        let expected: String = expected.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(text, expected, "sheet {} reads otherwise", n + 1);
        sheets.push(text);
    }
    assert_eq!(sheets.len(), 12);
    let root = doc.unit_by_code("J0102").unwrap().id;
    let under = |mut id| loop {
        if id == root {
            return true;
        }
        match doc.units[&id].parent {
            Some(p) => id = p,
            None => return false,
        }
    };
    let mut named = 0;
    for unit in doc.units.values().filter(|u| under(u.id)) {
        let name: String = unit.name.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            sheets.iter().any(|s| s.contains(&name)),
            "{} on no sheet",
            unit.name
        );
        named += 1;
    }
    assert_eq!(named, made.boxes);
}

#[test]
fn the_hinted_depth_fits_on_one_sheet() {
    let doc = generate(Preset::Street, 3);
    let made = chart(&doc, &options(Paper::A3)).unwrap();
    let hint = made.hint.expect("the whole street does not fit A3");
    let depth: u8 = hint
        .split("--depth ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|d| d.parse().ok())
        .expect("a depth in the hint");
    let fitted = chart(
        &doc,
        &ChartOptions {
            depth: Some(depth),
            ..options(Paper::A3)
        },
    )
    .unwrap();
    assert_eq!(fitted.sheets, (1, 1));
    assert!(fitted.frames.iter().all(|b| inside(b, &fitted.area)));
}

#[test]
fn units_with_error_findings_are_marked_and_the_mark_is_explained() {
    let doc = document::load(Path::new(SAMPLE)).unwrap();
    let made = chart(
        &doc,
        &ChartOptions {
            root: Some("XY04".into()),
            ..options(Paper::A4)
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("xy04.pdf");
    std::fs::write(&pdf, &made.bytes).unwrap();
    let text = text_of(&pdf);
    // The badge's "!" follows the code in the header of each marked box. Under
    // XY04 the sample's error findings are XY04-B3 (term expired), XY04-B4-G2
    // (no group leader) and XY04-B5 (too few members); XY04's own are warnings.
    assert!(text.contains("!有错误级问题"), "legend");
    for marked in ["XY04-B3!", "XY04-B4-G2!", "XY04-B5!"] {
        assert!(text.contains(marked), "{marked} not marked");
    }
    for unmarked in ["XY04!", "XY04-B1!", "XY04-B4-G2-H1!"] {
        assert!(!text.contains(unmarked), "{unmarked} marked");
    }
    let legends = pages_of(&pdf);
    assert_eq!(
        text.matches('!').count(),
        3 + legends,
        "three marks and a legend a page"
    );
}

#[test]
fn chart_from_the_command_line_honours_root_depth_and_paper() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("xy01.pdf");
    let run = gridorg(&[
        "chart",
        SAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--root",
        "XY01",
        "--depth",
        "2",
        "--paper",
        "A0",
        "--landscape",
        "--today",
        "2026-11-23",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = text_of(&out);
    assert!(text.contains("迎宾馆社区第一网格党支部"));
    assert!(
        !text.contains("迎宾馆社区第一网格党支部第一党小组"),
        "depth 2 stops at branches"
    );
    assert!(!text.contains("北大社区"), "only the root's subtree");
    let size = poppler("pdfinfo", &[out.to_str().unwrap()]);
    assert!(
        size.contains("3370.39 x 2383.94 pts"),
        "A0 landscape: {size}"
    );
}

#[test]
fn an_unknown_root_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("none.pdf");
    let run = gridorg(&[
        "chart",
        SAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--root",
        "NOPE",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("NOPE") && err.contains("unknown code"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_file_that_is_not_a_font_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("fake.ttf");
    std::fs::write(&fake, b"not a font").unwrap();
    let out = dir.path().join("x.pdf");
    let run = gridorg(&[
        "chart",
        SAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--font",
        fake.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("fake.ttf") && err.contains("bad font"),
        "{err}"
    );
    assert!(!out.exists());
}
