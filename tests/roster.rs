//! Rosters and notice boards as printed: read back with poppler's pdftotext and
//! pdfinfo, page by page.

use chrono::NaiveDate;
use gridorg::document;
use gridorg::model::Document;
use gridorg::pdf::poster::{posters, PosterOptions};
use gridorg::pdf::roster::{roster, RosterKind, RosterOptions};
use gridorg::pdf::FontSource;
use std::path::Path;
use std::process::Command;

mod common;

const SAMPLE: &str = "sample-data/xiyuan.ron";

fn sample() -> Document {
    document::load(Path::new(SAMPLE)).unwrap()
}

fn options(kind: RosterKind, unit: Option<&str>, unmasked: bool) -> RosterOptions {
    RosterOptions {
        unit: unit.map(str::to_string),
        kind,
        unmasked,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        font: FontSource::default(),
    }
}

/// The text of each page, in content order, without white space.
fn pages_text(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("out.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    (1..=common::pages_of(&pdf))
        .map(|n| common::text_of(&pdf, Some((n, n))))
        .collect()
}

#[test]
fn every_page_of_the_member_roster_has_its_header_row_title_and_numbering() {
    let doc = sample();
    let made = roster(&doc, &options(RosterKind::Members, None, false)).unwrap();
    assert_eq!(made.rows, doc.members.len());
    let pages = pages_text(&made.bytes);
    assert_eq!(pages.len(), made.pages);
    assert!(pages.len() > 3);
    // Rows are printed line by line across the cells: the two titles that wrap
    // (在职报到, 流动党员) give their second halves on the header's second line.
    let header = "序号姓名性别民族出生日期身份证号学历入党日期转正日期人员类别所在组织编码职务联系电话工作单位在职流动报到党员";
    for (i, text) in pages.iter().enumerate() {
        assert!(text.contains("党员花名册"), "page {}", i + 1);
        assert!(text.contains(header), "page {} lacks the header row", i + 1);
        assert!(text.contains(&format!("第{}页共{}页", i + 1, pages.len())));
        assert!(text.contains("打印日期2026-11-23"));
        assert!(text.contains(&doc.title.replace(' ', "")));
    }
}

#[test]
fn id_and_phone_numbers_are_masked_unless_asked_and_never_leak() {
    let doc = sample();
    let masked = roster(&doc, &options(RosterKind::Members, None, false)).unwrap();
    let text: String = pages_text(&masked.bytes).concat();
    let mut checked = 0;
    for m in doc.members.values() {
        if let Some(id) = m.id_number.as_deref().filter(|n| n.len() == 18) {
            assert!(!text.contains(id), "{id} printed whole");
            // The area code and the birth year and month; no sequence digit.
            assert!(text.contains(&gridorg::mask::id_number(id)));
            assert!(!text.contains(&format!("{}*", &id[..13])));
            // Nor is it anywhere in the file's bytes (metadata, hidden text).
            assert!(!masked.bytes.windows(18).any(|w| w == id.as_bytes()));
            checked += 1;
        }
        if let Some(p) = m.phone.as_deref().filter(|p| p.len() == 11) {
            assert!(!text.contains(p), "{p} printed whole");
            assert!(text.contains(&format!("{}****{}", &p[..3], &p[7..])));
        }
    }
    assert!(checked > 100);
    let whole = roster(&doc, &options(RosterKind::Members, None, true)).unwrap();
    let text: String = pages_text(&whole.bytes).concat();
    for m in doc.members.values() {
        if let Some(id) = &m.id_number {
            assert!(text.contains(id.trim()), "{id} missing with --unmasked");
        }
    }
}

#[test]
fn members_appear_under_their_own_unit_with_its_subtotal() {
    let doc = sample();
    let made = roster(&doc, &options(RosterKind::Members, Some("XY01"), false)).unwrap();
    let text: String = pages_text(&made.bytes).concat();
    let xy01 = doc.unit_by_code("XY01").unwrap();
    let mut headings = Vec::new();
    for unit in doc.units.values() {
        let members: Vec<_> = doc.members.values().filter(|m| m.unit == unit.id).collect();
        let heading = format!("{}（{}）", unit.name, unit.code);
        let inside = unit.code.starts_with("XY01");
        match text.find(&heading) {
            Some(at) if inside && !members.is_empty() => headings.push((at, unit, members)),
            Some(_) => panic!("{heading} printed but outside XY01 or empty"),
            None => assert!(!inside || members.is_empty(), "{heading} missing"),
        }
    }
    headings.sort_by_key(|h| h.0);
    assert_eq!(
        headings.first().map(|h| h.1.id),
        Some(xy01.id),
        "the root comes first"
    );
    for (i, (at, unit, members)) in headings.iter().enumerate() {
        let end = headings.get(i + 1).map_or(text.len(), |h| h.0);
        let section = &text[*at..end];
        let full = members.iter().filter(|m| m.category.is_full()).count();
        assert!(
            section.contains(&format!(
                "正式党员{full}名预备党员{}名合计{}名",
                members.len() - full,
                members.len()
            )),
            "{} subtotal",
            unit.code
        );
        for m in members {
            assert!(
                section.contains(&format!("{}{}", m.name, m.gender.map_or("", |g| g.label()))),
                "{} not under {}",
                m.name,
                unit.code
            );
        }
    }
}

#[test]
fn long_cells_wrap_instead_of_being_cut() {
    let mut doc = sample();
    let long = "达拉特旗西园街道迎宾馆社区居民委员会综合服务中心党群服务站志愿服务队";
    let first = doc.members.values_mut().next().unwrap();
    first.workplace = Some(long.into());
    let made = roster(&doc, &options(RosterKind::Members, None, false)).unwrap();
    let text = &pages_text(&made.bytes)[0];
    // Printed over two lines of its cell: the first line of the row ends with
    // the last two cells (在职报到, 流动党员: 否/是), then the rest follows.
    let whole = long.char_indices().skip(1).any(|(at, _)| {
        ["否否", "否是", "是否", "是是"]
            .iter()
            .any(|end| text.contains(&format!("{}{end}{}", &long[..at], &long[at..])))
    });
    assert!(whole, "the long workplace is printed whole, wrapped");
}

#[test]
fn the_households_roster_lists_each_central_households_households() {
    let doc = sample();
    let made = roster(&doc, &options(RosterKind::Households, None, false)).unwrap();
    assert_eq!(made.rows, doc.households.len());
    let pages = pages_text(&made.bytes);
    for (i, text) in pages.iter().enumerate() {
        assert!(
            text.contains("联系户名册") && text.contains("序号户主姓名住址人口联系电话"),
            "page {}",
            i + 1
        );
    }
    let text = pages.concat();
    let central = doc.unit_by_code("XY01-B1-G1-H1").unwrap();
    let heading = format!("{}（{}）户主：", central.name, central.code);
    let at = text
        .find(&heading)
        .expect("the central household's heading");
    let linked: Vec<_> = doc
        .households
        .values()
        .filter(|h| h.linked_by == central.id)
        .collect();
    assert!(text[at..].contains(&format!("联系{}户", linked.len())));
    for h in linked {
        assert!(text[at..].contains(&h.head), "{} missing", h.head);
    }
}

#[test]
fn a_notice_board_for_each_grid_with_whole_phone_numbers() {
    let doc = sample();
    let made = posters(
        &doc,
        &PosterOptions {
            unit: None,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            font: FontSource::default(),
        },
    )
    .unwrap();
    assert_eq!(made.pages, doc.grids.len());
    let pages = pages_text(&made.bytes);
    assert_eq!(pages.len(), doc.grids.len());
    let mut grids: Vec<_> = doc.grids.values().collect();
    grids.sort_by(|a, b| a.code.cmp(&b.code));
    for (grid, text) in grids.iter().zip(&pages) {
        assert!(
            text.contains("网格公示牌") && text.contains(&grid.code),
            "{}",
            grid.code
        );
        if let (Some(worker), Some(phone)) = (&grid.worker, &grid.worker_phone) {
            assert!(
                text.contains(&format!("网格员：{worker}电话{phone}")),
                "{}",
                grid.code
            );
        }
        for branch in grid.covered_by.iter().filter_map(|b| doc.units.get(b)) {
            assert!(
                text.contains(&branch.name),
                "{} lacks {}",
                grid.code,
                branch.name
            );
            if let Some(p) = &branch.leader_phone {
                assert!(text.contains(p), "secretary's phone in full");
            }
        }
        if grid.covered_by.is_empty() {
            assert!(text.contains("本网格尚未建立党支部"), "{}", grid.code);
        }
    }
}

#[test]
fn roster_and_poster_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.pdf");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gridorg"))
            .args(args)
            .output()
            .unwrap()
    };
    let ok = run(&[
        "roster",
        SAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--unit",
        "XY02",
        "--kind",
        "households",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(out.exists());
    let bad = run(&[
        "roster",
        SAMPLE,
        "-o",
        dir.path().join("x.pdf").to_str().unwrap(),
        "--unit",
        "NOPE",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown code"));
    assert!(!dir.path().join("x.pdf").exists());
    let posters = dir.path().join("p.pdf");
    let ok = run(&[
        "poster",
        SAMPLE,
        "-o",
        posters.to_str().unwrap(),
        "--unit",
        "XY03",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let help = run(&["poster", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("电话完整打印"));
}

#[test]
fn a_watched_roster_tells_each_page_and_stops_when_cancelled() {
    use gridorg::pdf::roster::roster_watched;
    use gridorg::pdf::{PdfError, Watch};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Mutex;
    let doc = sample();
    let opts = options(RosterKind::Members, None, false);
    let told = Mutex::new(Vec::new());
    let going = AtomicBool::new(false);
    let record = |made: usize, total: usize| told.lock().unwrap().push((made, total));
    let made = roster_watched(
        &doc,
        &opts,
        Watch {
            cancel: &going,
            pages: &record,
        },
    )
    .unwrap();
    let told = told.into_inner().unwrap();
    // Pages are written as they are laid out: the pages in all are guessed
    // from the rows so far, never fewer than made, and exact at the last.
    let made_told: Vec<usize> = told.iter().map(|&(n, _)| n).collect();
    assert_eq!(
        made_told,
        (1..=made.pages).collect::<Vec<_>>(),
        "each page told once, in order"
    );
    assert!(told.iter().all(|&(n, total)| total >= n), "{told:?}");
    assert_eq!(
        told.last(),
        Some(&(made.pages, made.pages)),
        "the last of the whole"
    );

    // Stopped after its second page: no bytes, the error says so.
    let stop = AtomicBool::new(false);
    let seen = AtomicUsize::new(0);
    let stop_after_two = |made: usize, _| {
        seen.store(made, Ordering::Relaxed);
        if made == 2 {
            stop.store(true, Ordering::Relaxed);
        }
    };
    let stopped = roster_watched(
        &doc,
        &opts,
        Watch {
            cancel: &stop,
            pages: &stop_after_two,
        },
    );
    assert!(matches!(stopped, Err(PdfError::Cancelled)));
    assert_eq!(
        seen.load(Ordering::Relaxed),
        2,
        "no page made after the stop"
    );
    assert!(PdfError::Cancelled.to_string().contains("cancelled"));
}

/// At city scale the member roster runs past 99,999 rows: a six-digit 序号 is
/// printed whole on its row's line, not wrapped into its cell's second line
/// (「10000」 over 「0」).
#[test]
fn a_six_digit_number_is_printed_whole_on_its_rows_line() {
    use gridorg::model::{Id, Level, Member, Unit};
    let mut doc = Document::new("十万党员");
    let branch = doc.allocate_id();
    doc.units.insert(
        branch,
        Unit::new(branch, "B1".into(), "第一支部".into(), Level::Branch, None),
    );
    let members = 100_000;
    for n in 1..=members {
        let id: Id = doc.allocate_id();
        let name = if n == members { "末位" } else { "党员" };
        doc.members.insert(id, Member::new(id, name, branch));
    }
    let made = roster(&doc, &options(RosterKind::Members, None, false)).unwrap();
    assert_eq!(made.rows, members);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("out.pdf");
    std::fs::write(&pdf, &made.bytes).unwrap();
    let last = made.pages.to_string();
    let text = common::poppler(
        "pdftotext",
        &[
            "-layout",
            "-f",
            &last,
            "-l",
            &last,
            pdf.to_str().unwrap(),
            "-",
        ],
    );
    let row = text
        .lines()
        .find(|l| l.contains("末位"))
        .unwrap_or_else(|| panic!("the last member's row on the last page:\n{text}"));
    assert_eq!(
        row.split_whitespace().next(),
        Some("100000"),
        "the 序号 whole before the name: {row:?}\n{text}"
    );
}

/// A cell longer than a page can hold is cut to what fits under the header,
/// ending in "…", rather than running over the footer and off the page.
#[test]
fn a_cell_taller_than_a_page_is_cut_to_fit_with_an_ellipsis() {
    let mut doc = sample();
    let before = roster(&doc, &options(RosterKind::Members, None, false)).unwrap();
    let member = doc.members.values_mut().next().unwrap();
    member.workplace = Some("超长的工作单位名称".repeat(700));
    let made = roster(&doc, &options(RosterKind::Members, None, false)).unwrap();
    assert!(made.pages <= before.pages + 2, "{} pages", made.pages);
    let pages = pages_text(&made.bytes);
    let cut = pages
        .iter()
        .find(|p| p.contains("超长的工作单位名称"))
        .expect("the long cell is printed");
    let ends_cut = "超长的工作单位名称"
        .chars()
        .any(|c| cut.contains(&format!("{c}…")));
    assert!(ends_cut, "{cut}");
    assert!(cut.matches("超长的工作单位名称").count() < 700);
}
