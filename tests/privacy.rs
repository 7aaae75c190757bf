//! Masked output against a reader who combines its columns (docs/cli.md, "Privacy"):
//! a street's masked roster and masked export are read back as a user's viewer
//! would, and for every person every 18-character ID number consistent with what
//! is printed in that person's row is counted — area code known, the shown
//! digits of the masked ID, the birth date or year-month, the gender, and the
//! GB 11643 check character. At least 1,000 must remain for everyone. And
//! one planted member read through every report of `check`, `diff` and
//! `merge` in every format: at least 14,000 for a reader combining them all.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use gridorg::model::Document;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Output};

fn gridorg(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "gridorg {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// What one row of masked output says about a person.
#[derive(Debug)]
struct Row {
    name: String,
    /// The ID number as shown, `*` for each hidden character.
    id: String,
    birth: Birth,
    /// `Some(true)` for 男.
    male: Option<bool>,
}

#[derive(Debug, Clone, Copy)]
enum Birth {
    Unknown,
    YearMonth(i32, u32),
    Date(NaiveDate),
}

impl Birth {
    fn read(text: &str) -> Birth {
        let text = text.trim();
        if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Birth::Date(d);
        }
        match text.split_once('-') {
            Some((y, m)) if y.len() == 4 && m.len() == 2 => match (y.parse(), m.parse()) {
                (Ok(y), Ok(m)) => Birth::YearMonth(y, m),
                _ => Birth::Unknown,
            },
            _ => Birth::Unknown,
        }
    }

    fn allows(self, d: NaiveDate) -> bool {
        match self {
            Birth::Unknown => true,
            Birth::YearMonth(y, m) => d.year() == y && d.month() == m,
            Birth::Date(b) => b == d,
        }
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

fn check_character(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

/// Whether `shown` (with `*`) agrees with `digits` at `at..`.
fn agrees(shown: &[u8], at: usize, digits: &[u8]) -> bool {
    digits
        .iter()
        .enumerate()
        .all(|(i, d)| shown[at + i] == b'*' || shown[at + i].eq_ignore_ascii_case(d))
}

/// Every ID number consistent with the row: the area code (first 6) taken as
/// known — the shown one, or the person's real one where it is hidden too.
fn possible(row: &Row, area: &str, birth: Birth, male: Option<bool>) -> u64 {
    let shown = row.id.as_bytes();
    assert_eq!(row.id.chars().count(), 18, "{row:?}: not 18 places");
    let area = if shown[..6].iter().all(u8::is_ascii_digit) {
        &row.id[..6]
    } else {
        area
    };
    let check_shown = shown[17] != b'*';
    // The months the birth may fall in: the one printed, or the one the ID
    // number shows, or any from 1900 on.
    let months: Vec<(i32, u32)> = match birth {
        Birth::Date(d) => vec![(d.year(), d.month())],
        Birth::YearMonth(y, m) => vec![(y, m)],
        Birth::Unknown if shown[6..12].iter().all(u8::is_ascii_digit) => {
            vec![(
                row.id[6..10].parse().unwrap(),
                row.id[10..12].parse().unwrap(),
            )]
        }
        Birth::Unknown => (1900..=2026)
            .flat_map(|y| (1..=12).map(move |m| (y, m)))
            .collect(),
    };
    let dates: Vec<String> = months
        .into_iter()
        .flat_map(|(y, m)| (1..=31).filter_map(move |d| NaiveDate::from_ymd_opt(y, m, d)))
        .filter(|&d| birth.allows(d))
        .map(|d| d.format("%Y%m%d").to_string())
        .filter(|digits| agrees(shown, 6, digits.as_bytes()))
        .collect();
    let sequences = |date: &str| -> u64 {
        (0..1000u32)
            .filter(|s| {
                let seq = format!("{s:03}");
                let parity_male = s % 2 == 1;
                if male.is_some_and(|m| m != parity_male) || !agrees(shown, 14, seq.as_bytes()) {
                    return false;
                }
                !check_shown || {
                    let first17 = format!("{area}{date}{seq}");
                    shown[17].eq_ignore_ascii_case(&check_character(first17.as_bytes()))
                }
            })
            .count() as u64
    };
    if check_shown {
        dates.iter().map(|d| sequences(d)).sum()
    } else {
        // The check character follows from the rest: one number per sequence.
        dates.len() as u64 * dates.first().map_or(0, |d| sequences(d))
    }
}

/// The fewest possible ID numbers over the rows, checking that every member
/// with an ID number has a row and that each row is a real member's.
fn fewest(rows: &[Row], doc: &Document, what: &str) -> u64 {
    let mut by_name: HashMap<&str, Vec<&gridorg::model::Member>> = HashMap::new();
    for m in doc.members.values() {
        by_name.entry(m.name.as_str()).or_default().push(m);
    }
    let with_id = doc
        .members
        .values()
        .filter(|m| m.id_number.as_deref().is_some_and(|n| !n.trim().is_empty()))
        .count();
    assert_eq!(rows.len(), with_id, "{what}: one row per member with an ID");
    let mut least = u64::MAX;
    for row in rows {
        // The member the row prints: the same name (or its first line), an
        // ID number that agrees with what is shown.
        let member = by_name
            .iter()
            .filter(|(name, _)| name.starts_with(row.name.as_str()))
            .flat_map(|(_, ms)| ms)
            .find(|m| {
                let real = m.id_number.as_deref().unwrap_or("").trim();
                real.len() == 18 && agrees(row.id.as_bytes(), 0, real.as_bytes())
            })
            .unwrap_or_else(|| panic!("{what}: {row:?} is no member's row"));
        let area = &member.id_number.as_deref().unwrap().trim()[..6];
        let mut n = possible(row, area, row.birth, row.male);
        if n == 0 && !row.id.ends_with('*') {
            // The check character shown is wrong (a mistyped number): no valid
            // number fits, and the reader learns nothing more.
        } else if n == 0 {
            // The row contradicts itself (a birth date or gender that doesn't
            // agree with the ID number): a reader trusts the number.
            n = possible(row, area, Birth::Unknown, None);
        }
        least = least.min(n);
    }
    least
}

/// A phone as shown keeps at most its first 3 and last 4 characters.
fn phone_masked(shown: &str) -> bool {
    let chars: Vec<char> = shown.chars().collect();
    let n = chars.len();
    let visible = chars.iter().filter(|&&c| c != '*').count();
    visible <= 7 && (n <= 7 || chars[3..n - 4].iter().all(|&c| c == '*'))
}

fn is_id_token(t: &str) -> bool {
    t.chars().count() == 18
        && t.contains('*')
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '*' || c == 'X' || c == 'x')
}

fn is_masked_number(t: &str) -> bool {
    t.contains('*') && t.chars().all(|c| c.is_ascii_digit() || "*-X".contains(c))
}

/// The member rows of a roster PDF: a row's first line holds 序号, 姓名, 性别,
/// 民族, 出生日期 and the ID number, in that order.
fn roster_rows(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let Some(at) = tokens.iter().position(|t| is_id_token(t)) else {
            continue;
        };
        assert!(at >= 2, "a row starts with its number and name: {line}");
        let before = &tokens[2..at];
        rows.push(Row {
            name: tokens[1].to_string(),
            id: tokens[at].to_string(),
            birth: tokens
                .get(at - 1)
                .filter(|_| at > 2)
                .map_or(Birth::Unknown, |t| Birth::read(t)),
            male: before.iter().find_map(|t| match *t {
                "男" => Some(true),
                "女" => Some(false),
                _ => None,
            }),
        });
    }
    rows
}

/// Every run of digits, `-` and `*` in `text`: where a phone would show.
fn numbers(text: &str) -> HashSet<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '*'))
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

fn street(dir: &Path) -> (String, Document) {
    let ron = dir.join("street.ron");
    let ron = ron.to_str().unwrap().to_string();
    gridorg(&["generate", "--preset", "street", "--seed", "13", "-o", &ron]);
    let doc = gridorg::document::load(Path::new(&ron)).unwrap();
    (ron, doc)
}

fn phones(doc: &Document) -> Vec<&str> {
    let mut all: Vec<&str> = Vec::new();
    all.extend(doc.members.values().filter_map(|m| m.phone.as_deref()));
    all.extend(doc.households.values().filter_map(|h| h.phone.as_deref()));
    all.extend(doc.units.values().filter_map(|u| u.leader_phone.as_deref()));
    all.extend(doc.grids.values().filter_map(|g| g.worker_phone.as_deref()));
    all.into_iter()
        .map(str::trim)
        .filter(|p| p.len() >= 8)
        .collect()
}

#[test]
fn a_masked_street_roster_leaves_every_person_at_least_1000_possible_id_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (ron, doc) = street(dir.path());
    let pdf = dir.path().join("roster.pdf");
    gridorg(&[
        "roster",
        &ron,
        "-o",
        pdf.to_str().unwrap(),
        "--today",
        "2026-11-23",
    ]);
    let text = common::poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(!text.contains("年龄"), "an age column would narrow the day");
    let rows = roster_rows(&text);
    let least = fewest(&rows, &doc, "roster");
    println!("roster: at least {least} possible ID numbers per person");
    assert!(least >= 1000, "a roster row leaves only {least} ID numbers");

    // Phones: at most the first 3 and last 4, on member and household rosters.
    let households = dir.path().join("households.pdf");
    gridorg(&[
        "roster",
        &ron,
        "-o",
        households.to_str().unwrap(),
        "--kind",
        "households",
    ]);
    let both =
        text + &common::poppler("pdftotext", &["-layout", households.to_str().unwrap(), "-"]);
    let mut masked_phones = 0;
    for t in both
        .split_whitespace()
        .filter(|t| is_masked_number(t) && !is_id_token(t))
    {
        assert!(phone_masked(t), "{t} shows more than 3 + 4");
        masked_phones += 1;
    }
    assert!(masked_phones > 1000);
    let printed = numbers(&both);
    for p in phones(&doc) {
        assert!(!printed.contains(p), "{p} printed whole");
    }
}

#[test]
fn a_masked_export_leaves_every_person_at_least_1000_possible_id_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (ron, doc) = street(dir.path());
    let out = dir.path().join("shared.xlsx");
    gridorg(&["export", &ron, "-o", out.to_str().unwrap(), "--masked"]);
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let mut rows = Vec::new();
    let mut phone_cells = 0;
    let (mut date_cells, mut whole_dates) = (0, 0);
    let doc_phones: HashSet<&str> = phones(&doc).into_iter().collect();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        let mut lines = range.rows();
        let Some(header) = lines.next() else { continue };
        let column = |name: &str| {
            header
                .iter()
                .position(|h| h.to_string().trim_end_matches('*') == name)
        };
        let phone_columns: Vec<usize> = ["联系电话", "网格员电话"]
            .iter()
            .filter_map(|n| column(n))
            .collect();
        let member_columns = (
            column("姓名"),
            column("性别"),
            column("出生日期"),
            column("身份证号"),
        );
        for line in lines {
            for cell in line {
                let text = cell.to_string();
                assert!(
                    numbers(&text)
                        .iter()
                        .all(|n| !doc_phones.contains(n.as_str())),
                    "{sheet}: {text} holds a whole phone"
                );
            }
            for &c in &phone_columns {
                let text = line[c].to_string();
                if !text.is_empty() {
                    assert!(phone_masked(&text), "{sheet}: {text} shows more than 3 + 4");
                    phone_cells += 1;
                }
            }
            if let (Some(name), Some(gender), Some(birth), Some(id)) = member_columns {
                let birth = match &line[birth] {
                    Data::Empty => Birth::Unknown,
                    Data::String(s) => Birth::read(s),
                    Data::DateTime(d) => {
                        date_cells += 1;
                        // An Excel serial (1900 system, past its leap-year bug).
                        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
                        Birth::Date(epoch + chrono::Days::new(d.as_f64() as u64))
                    }
                    other => panic!("{sheet}: 出生日期 {other:?} is no year-month text"),
                };
                whole_dates += usize::from(matches!(birth, Birth::Date(_)));
                let id = line[id].to_string();
                if id.is_empty() {
                    continue;
                }
                rows.push(Row {
                    name: line[name].to_string(),
                    id,
                    birth,
                    male: match line[gender].to_string().as_str() {
                        "男" => Some(true),
                        "女" => Some(false),
                        _ => None,
                    },
                });
            }
        }
    }
    assert!(phone_cells > 1000);
    let least = fewest(&rows, &doc, "export --masked");
    println!("export --masked: at least {least} possible ID numbers per person");
    assert!(
        least >= 1000,
        "an exported row leaves only {least} ID numbers"
    );
    assert_eq!(date_cells, 0, "出生日期 written as date cells");
    assert_eq!(whole_dates, 0, "出生日期 written as whole dates");
}

#[test]
fn the_masks_hide_what_they_say() {
    use gridorg::mask;
    assert_eq!(mask::id_number("150602199504271234"), "150602199504******");
    // A malformed number shows no more than a valid one: nothing.
    assert_eq!(mask::id_number("150602950427123"), "*".repeat(18));
    assert_eq!(mask::phone("13812345678"), "138****5678");
    assert!(phone_masked(&mask::phone("0471-6543210-88")));
}

/// The planted member's ID number: area 150602, born 1946-07-19, sequence
/// 059 (a man), check character X.
const PLANTED_ID: &str = "15060219460719059X";
/// The same with a wrong check character (theirs' typing error).
const MISTYPED_ID: &str = "150602194607190595";
const PLANTED_PHONE: &str = "13957294861";
/// Ours' new phone: only the hidden middle differs.
const NEW_PHONE: &str = "13968304861";

/// A command's standard output, which must end with status 0 or 1.
fn report(args: &[&str], data: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .env("GRIDORG_DATA_DIR", data)
        .output()
        .expect("the binary runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "gridorg {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Every cell of every sheet, one a line.
fn workbook_text(path: &Path) -> String {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut text = String::new();
    for sheet in book.sheet_names() {
        for row in book.worksheet_range(&sheet).unwrap().rows() {
            for cell in row {
                text.push_str(&cell.to_string());
                text.push('\n');
            }
        }
    }
    text
}

/// The sample with one member planted: a valid ID number whose birth date
/// is recorded a day off (1946-07-20), and a phone. BASE, OURS (birth to
/// the 21st, the phone's middle digits changed) and THEIRS (birth to the
/// 22nd, the ID number's check character mistyped).
fn planted_versions() -> (Document, Document, Document) {
    let mut base = gridorg::generate::sample();
    let group = base
        .units
        .values()
        .find(|u| u.level == gridorg::model::Level::Group)
        .unwrap()
        .id;
    let id = base.allocate_id();
    let mut member = gridorg::model::Member::new(id, "隐私测试员", group);
    member.gender = Some(gridorg::model::Gender::Male);
    member.birth = NaiveDate::from_ymd_opt(1946, 7, 20);
    member.id_number = Some(PLANTED_ID.into());
    member.phone = Some(PLANTED_PHONE.into());
    base.members.insert(id, member);
    let day = |d| NaiveDate::from_ymd_opt(1946, 7, d);
    let mut ours = base.clone();
    let m = ours.members.get_mut(&id).unwrap();
    m.birth = day(21);
    m.phone = Some(NEW_PHONE.into());
    let mut theirs = base.clone();
    let m = theirs.members.get_mut(&id).unwrap();
    m.birth = day(22);
    m.id_number = Some(MISTYPED_ID.into());
    (base, ours, theirs)
}

/// How many ID numbers a reader who combines everything printed is left
/// with for the planted member: the area code and birth month every masked
/// output shows, the gender, then narrowed by every birth date of that month
/// printed whole, every ID number printed with more than its month, and a
/// check character a message states.
fn candidates(printed: &str) -> usize {
    let mut days: Vec<u32> = (1..=31)
        .filter(|d| {
            printed.contains(&format!("1946-07-{d:02}"))
                || printed.contains(&format!("194607{d:02}"))
        })
        .collect();
    if days.is_empty() {
        days = (1..=31).collect();
    }
    // The ID numbers of that area and month (other members' are no
    // contradiction), and a check character stated in the member's message.
    let shown: Vec<&str> = printed
        .split(|c: char| !(c.is_ascii_digit() || c == '*' || c == 'X'))
        .filter(|t| t.len() == 18 && t.starts_with("150602194607"))
        .collect();
    let stated: Vec<u8> = printed
        .match_indices("隐私测试员的身份证号无效（校验位应为")
        .filter_map(|(at, m)| printed[at + m.len()..].trim_start().bytes().next())
        .collect();
    let mut count = 0;
    for day in days {
        for sequence in (1..1000).step_by(2) {
            let first17 = format!("150602194607{day:02}{sequence:03}");
            let check = check_character(first17.as_bytes());
            let number = format!("{first17}{}", char::from(check));
            if shown
                .iter()
                .all(|t| agrees(t.as_bytes(), 0, number.as_bytes()))
                && stated.iter().all(|&c| c == check)
            {
                count += 1;
            }
        }
    }
    count
}

#[test]
fn every_report_masks_the_planted_member_and_leaves_at_least_14000_id_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (base, ours, theirs) = planted_versions();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (b, o, t) = (path("base.ron"), path("ours.ron"), path("theirs.ron"));
    for (doc, p) in [(&base, &b), (&ours, &o), (&theirs, &t)] {
        gridorg::document::save(doc, Path::new(p)).unwrap();
    }
    let today = ["--today", "2026-11-23"];
    let run = |args: &[&str]| report(args, &data);
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut add = |what: &str, text: String| outputs.push((what.to_string(), text));

    // merge: the text and JSON reports; OUT holds the conflict on the birth date.
    let out = path("out.ron");
    add("merge text", run(&["merge", &b, &o, &t, "-o", &out]));
    let out_json = path("out-json.ron");
    add(
        "merge json",
        run(&["merge", &b, &o, &t, "-o", &out_json, "--format", "json"]),
    );
    // check: the day-only mismatch (BASE), the conflict and the mistyped
    // check character (OUT), as text and JSON.
    for file in [&b, &out] {
        for format in ["text", "json"] {
            let mut args = vec!["check", file.as_str(), "--format", format];
            args.extend(today);
            add(&format!("check {format} {file}"), run(&args));
        }
    }
    // diff: the birth date and phone changed (OURS), the ID number (THEIRS).
    for new in [&o, &t] {
        for format in ["text", "json"] {
            add(
                &format!("diff {format} {new}"),
                run(&["diff", &b, new, "--format", format]),
            );
        }
    }
    let (xlsx, pdf) = (path("diff.xlsx"), path("diff.pdf"));
    run(&["diff", &b, &o, "-o", &xlsx]);
    add("diff xlsx", workbook_text(Path::new(&xlsx)));
    run(&["diff", &b, &o, "-o", &pdf, "--today", "2026-11-23"]);
    add("diff pdf", common::text_of(Path::new(&pdf), None));
    add(
        "diff-driver",
        run(&[
            "diff-driver",
            "x.ron",
            &b,
            "1111111",
            "100644",
            &o,
            "2222222",
            "100644",
        ]),
    );
    // The editor's 与…比较 list, through the library.
    let comparison =
        gridorg::versions::compare::compare(&base, &ours, gridorg::mask::Privacy::Masked).unwrap();
    let listed: Vec<String> = comparison
        .sections
        .iter()
        .flat_map(|s| s.topics.iter().flat_map(|(_, entries)| entries))
        .map(|e| e.text.clone())
        .collect();
    add("与…比较", listed.join("\n"));

    let printed: String = outputs.iter().map(|(_, t)| t.as_str()).collect();
    let left = candidates(&printed);
    println!("everything printed leaves {left} possible ID numbers");
    assert!(
        left >= 14_000,
        "everything printed leaves only {left} ID numbers"
    );

    for (what, text) in &outputs {
        for day in 1..=31 {
            for whole in [format!("1946-07-{day:02}"), format!("194607{day:02}")] {
                assert!(!text.contains(&whole), "{what} prints {whole}: {text}");
            }
        }
        for number in [PLANTED_ID, MISTYPED_ID] {
            assert!(
                !text.contains(&number[..13]),
                "{what} prints a sequence digit: {text}"
            );
        }
        for hidden in [&PLANTED_PHONE[3..7], &NEW_PHONE[3..7]] {
            assert!(
                !text.contains(hidden),
                "{what} prints a phone's {hidden}: {text}"
            );
        }
        for (at, m) in text.match_indices("校验位") {
            let after: String = text[at + m.len()..].chars().take(6).collect();
            assert!(
                !after.contains('X'),
                "{what} names the check character: {after}"
            );
        }
    }

    // Each output says what differs where it hides the values.
    let said = |what: &str, needle: &str| {
        let (_, text) = outputs.iter().find(|(w, _)| w == what).unwrap();
        assert!(
            text.contains(needle),
            "{what} does not say {needle}: {text}"
        );
    };
    said("merge text", "原、我方、对方日不同");
    said("merge json", "原、我方、对方日不同");
    said(&format!("check text {b}"), "出生日不同");
    said(&format!("check text {out}"), "校验位不符");
    said(&format!("check text {out}"), "原、我方、对方日不同");
    said(
        &format!("diff text {o}"),
        "出生日期：1946-07 → 1946-07（日不同）",
    );
    said(
        &format!("diff text {o}"),
        "139****4861 → 139****4861（中间几位不同）",
    );
    said(&format!("diff json {o}"), "日不同");
    said(&format!("diff text {t}"), "（校验位不同）");
    said("diff xlsx", "1946-07（日不同）");
    said("diff pdf", "1946-07→1946-07（日不同）");
    said("与…比较", "1946-07 → 1946-07（日不同）");

    // Asked for whole values, the same commands print them.
    let mut args = vec!["check", b.as_str(), "--unmasked"];
    args.extend(today);
    let whole = run(&args);
    assert!(whole.contains("身份证号为 1946-07-19"), "{whole}");
    let whole = run(&["diff", &b, &o, "--unmasked"]);
    assert!(
        whole.contains("1946-07-20 → 1946-07-21") && whole.contains(NEW_PHONE),
        "{whole}"
    );
    let whole = run(&["diff", &b, &t, "--unmasked"]);
    assert!(
        whole.contains(PLANTED_ID) && whole.contains(MISTYPED_ID),
        "{whole}"
    );
    let whole = run(&["merge", &b, &o, &t, "-o", &path("whole.ron"), "--unmasked"]);
    assert!(whole.contains("\"1946-07-21\""), "{whole}");
    assert!(candidates(&whole) < 14_000);
}
