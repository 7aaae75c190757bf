//! Bounded input (docs/cli.md, "Inputs"): a small file must not exhaust the memory or
//! abort the program. Each story builds a hostile file of a few megabytes at
//! most and runs the command line under a 2 GB address-space limit, as a user's
//! machine would be: the program ends with its normal status (0, 1 or 2), at
//! most 1 GB of memory, and says in Chinese what is wrong and where — never a
//! signal, never a panic message.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

mod common;

use common::watch::Run;

/// Runs the program under `ulimit -v 2097152` (2 GB of address space),
/// watching its peak memory; `exec` keeps the process id, so the program
/// itself is watched.
fn gridorg(args: &[&str]) -> Run {
    gridorg_under(2097152, Duration::from_secs(60), args)
}

/// Runs the program under `ulimit -v KB`, failing after `limit`.
fn gridorg_under(kb: u64, limit: Duration, args: &[&str]) -> Run {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(r#"ulimit -v {kb}; exec "$0" "$@""#))
        .arg(env!("CARGO_BIN_EXE_gridorg"))
        .args(args);
    common::watch::run(command, limit)
}

/// The run ended by itself with status 0, 1 or 2, within 1 GB, without a panic
/// message, and (unless it succeeded) its message holds every one of `needles`.
fn bounded(run: &Run, needles: &[&str]) {
    assert!(
        matches!(run.code, Some(0..=2)),
        "a normal exit status, not {:?} (a signal is None): {}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.peak_mb <= 1024,
        "peak {} MB: {}",
        run.peak_mb,
        run.stderr
    );
    for needle in needles {
        assert!(
            run.stderr.contains(needle),
            "the message names {needle}: {}",
            &run.stderr[..run.stderr.len().min(4000)]
        );
    }
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The import template with its parts changed by `patch` (name, text → text).
fn template_patched(patch: impl Fn(&str, String) -> String) -> Vec<u8> {
    let template = gridorg::workbook::template().unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(template)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        let data = match String::from_utf8(data) {
            Ok(text) => patch(&name, text).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        out.start_file(name.as_str(), deflated).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The template's 组织 sheet with `rows` (row elements) added at its end.
fn template_with_rows(rows: &str) -> Vec<u8> {
    template_patched(|name, text| {
        if name == "xl/worksheets/sheet1.xml" {
            text.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1)
        } else {
            text
        }
    })
}

#[test]
fn one_cell_in_the_last_row_of_the_sheet_costs_one_cell() {
    let dir = tempfile::tempdir().unwrap();
    for at in ["XFD1048576", "CV1048576"] {
        let cell =
            format!(r#"<row r="1048576"><c r="{at}" t="inlineStr"><is><t>远处</t></is></c></row>"#);
        let path = write(dir.path(), &format!("{at}.xlsx"), template_with_rows(&cell));
        let run = gridorg(&["check", path.to_str().unwrap()]);
        bounded(&run, &[]);
        assert!(run.peak_mb < 300, "{at}: peak {} MB", run.peak_mb);
    }
}

#[test]
fn a_shared_string_table_that_declares_a_hundred_billion_strings_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = template_patched(|name, text| {
        if name == "xl/sharedStrings.xml" {
            let start = text.find("<sst").unwrap();
            let end = start + text[start..].find('>').unwrap();
            let tag = &text[start..end];
            let tag = match tag.find("uniqueCount=\"") {
                Some(at) => {
                    let value_end = at + 13 + tag[at + 13..].find('"').unwrap();
                    format!(
                        "{}uniqueCount=\"100000000000{}",
                        &tag[..at],
                        &tag[value_end..]
                    )
                }
                None => format!("{tag} uniqueCount=\"100000000000\""),
            };
            format!("{}{tag}{}", &text[..start], &text[end..])
        } else {
            text
        }
    });
    let path = write(dir.path(), "字符串.xlsx", bytes);
    let run = gridorg(&["check", path.to_str().unwrap()]);
    bounded(&run, &["字符串.xlsx", "uniqueCount", "sharedStrings.xml"]);
    assert_eq!(run.code, Some(2));
}

/// A CSV folder whose 党员.csv is `members`, beside minimal other sheets.
fn csv_folder(dir: &Path, members: &[u8]) -> PathBuf {
    let folder = dir.join("导入");
    std::fs::create_dir_all(&folder).unwrap();
    write(
        &folder,
        "组织.csv",
        "编码,名称,层级,上级编码\nJD,西园街道,街道党工委,\n",
    );
    write(&folder, "网格.csv", "编码,名称,所属社区编码\n");
    write(&folder, "党员.csv", members);
    folder
}

#[test]
fn a_csv_line_of_a_million_commas_is_not_padded_into_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut members = String::from("姓名,性别,所在组织编码\n");
    for i in 0..300 {
        members.push_str(&format!("党员{i},男,JD\n"));
    }
    members.push_str(&",".repeat(1_000_000));
    members.push('\n');
    let folder = csv_folder(dir.path(), members.as_bytes());
    let run = gridorg(&["check", folder.to_str().unwrap()]);
    bounded(&run, &["党员.csv"]);
}

#[test]
fn five_million_lines_of_one_letter_end_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut members = Vec::from("姓名,性别,所在组织编码\n".as_bytes());
    members.extend("x\n".repeat(5_000_000).as_bytes());
    let folder = csv_folder(dir.path(), &members);
    let run = gridorg(&["check", folder.to_str().unwrap()]);
    bounded(&run, &["党员.csv", "(", ")"]);
    assert_eq!(run.code, Some(2));
}

#[test]
fn a_million_bad_rows_list_the_first_thousand_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = String::new();
    for r in 10..=1_048_576 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="C{r}" t="inlineStr"><is><t>?</t></is></c></row>"#
        ));
    }
    let path = write(dir.path(), "百万行.xlsx", template_with_rows(&rows));
    let run = gridorg(&["check", path.to_str().unwrap()]);
    bounded(
        &run,
        &["百万行.xlsx: 组织 第10行", "more errors not listed", "另有"],
    );
    assert_eq!(run.code, Some(2));
    let lines = run.stderr.lines().count();
    assert!(lines < 1_100, "{lines} lines");
}

/// The bundled sample's text with its `next_id` replaced.
fn sample_with_next_id(next_id: u32) -> String {
    let text = gridorg::document::to_string(&gridorg::generate::sample());
    let start = text.find("next_id: ").unwrap() + "next_id: ".len();
    let end = start + text[start..].find(',').unwrap();
    format!("{}{next_id}{}", &text[..start], &text[end..])
}

#[test]
fn a_large_next_id_sizes_no_table() {
    let dir = tempfile::tempdir().unwrap();
    for next_id in [500_000_000, u32::MAX] {
        let path = write(
            dir.path(),
            &format!("{next_id}.ron"),
            sample_with_next_id(next_id),
        );
        for command in ["check", "stats"] {
            let run = gridorg(&[command, path.to_str().unwrap()]);
            bounded(&run, &[]);
            assert!(run.peak_mb < 200, "{command} {next_id}: {} MB", run.peak_mb);
        }
        let pdf = dir.path().join("图.pdf");
        let run = gridorg(&["chart", path.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        bounded(&run, &[]);
        assert!(run.peak_mb < 300, "chart {next_id}: {} MB", run.peak_mb);
    }
}

/// Ids may be scattered (a later feature gives them an origin per
/// installation): the same document with its ids spread over the whole range
/// gives the same findings.
#[test]
fn scattered_ids_give_the_same_findings_as_compact_ones() {
    use gridorg::model::Id;
    let compact = gridorg::generate::sample();
    fn spread(id: Id) -> Id {
        Id((4_000_000_000u64 + id.0 * 7919) % u64::from(u32::MAX))
    }
    fn remap<T>(map: &mut std::collections::BTreeMap<Id, T>, fix: impl Fn(&mut T)) {
        for (id, mut record) in std::mem::take(map) {
            fix(&mut record);
            map.insert(spread(id), record);
        }
    }
    let mut scattered = compact.clone();
    remap(&mut scattered.units, |u: &mut gridorg::model::Unit| {
        u.id = spread(u.id);
        u.parent = u.parent.map(spread);
    });
    remap(&mut scattered.grids, |g: &mut gridorg::model::Grid| {
        g.id = spread(g.id);
        g.community = spread(g.community);
        g.covered_by.iter_mut().for_each(|b| *b = spread(*b));
    });
    remap(
        &mut scattered.buildings,
        |b: &mut gridorg::model::Building| {
            b.id = spread(b.id);
            b.grid = spread(b.grid);
            b.covered_by = b.covered_by.map(spread);
        },
    );
    remap(&mut scattered.members, |m: &mut gridorg::model::Member| {
        m.id = spread(m.id);
        m.unit = spread(m.unit);
    });
    remap(
        &mut scattered.households,
        |h: &mut gridorg::model::Household| {
            h.id = spread(h.id);
            h.linked_by = spread(h.linked_by);
        },
    );
    remap(
        &mut scattered.co_builders,
        |c: &mut gridorg::model::CoBuilder| {
            c.id = spread(c.id);
            c.joins = spread(c.joins);
        },
    );
    for a in &mut scattered.acknowledgements {
        a.subject = spread(a.subject);
    }
    scattered.next_id = u32::MAX;
    gridorg::document::validate(&scattered).expect("the scattered document is sound");
    let rules = gridorg::check::Rules::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let findings = |d: &gridorg::model::Document| {
        let mut found: Vec<(String, String)> = gridorg::check::check(d, &rules, today)
            .findings
            .iter()
            .map(|f| (format!("{:?}", f.rule), f.message.clone()))
            .collect();
        found.sort();
        found
    };
    let expected = findings(&compact);
    assert!(!expected.is_empty());
    assert_eq!(findings(&scattered), expected);
}

/// A document of `count` minimal members in the sample's first unit.
fn sample_with_members(count: u32) -> String {
    let text = gridorg::document::to_string(&gridorg::generate::sample());
    let start = text.find("next_id: ").unwrap() + "next_id: ".len();
    let end = start + text[start..].find(',').unwrap();
    let first = 1_000_000u32;
    let mut out = format!("{}{}{}", &text[..start], first + count, &text[end..]);
    let at = out.find("    members: [\n").unwrap() + "    members: [\n".len();
    let mut rows = String::with_capacity(count as usize * 32);
    for i in 0..count {
        rows.push_str(&format!(
            "        (id: {}, name: \"a\", unit: 1),\n",
            first + i
        ));
    }
    out.insert_str(at, &rows);
    out
}

/// Pages are written as they are made, so a roster over the 8,000 pages
/// printouts were once capped at prints within the memory bound (the cap,
/// now 100,000 pages, guards the disk: `pdf::write`'s tests).
#[test]
fn a_roster_of_more_pages_than_the_old_cap_prints_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    // About 8 MB: 240,000 one-line rows need more than 8,000 A4 pages.
    let path = write(dir.path(), "many.ron", sample_with_members(240_000));
    assert!(std::fs::metadata(&path).unwrap().len() < 10 << 20);
    let pdf = dir.path().join("花名册.pdf");
    let run = gridorg(&[
        "roster",
        path.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    bounded(&run, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(common::pages_of(&pdf) > 8_000);
}

/// A FIFO at `path` (nobody writes to it: reading it would wait forever).
fn fifo(path: &Path) -> PathBuf {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
    path.to_path_buf()
}

/// A sparse file of `len` bytes: as large as asked, at no cost on disk.
fn sparse(path: &Path, len: u64) -> PathBuf {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
    path.to_path_buf()
}

#[test]
fn rules_and_fonts_are_read_from_regular_files_within_their_caps() {
    let dir = tempfile::tempdir().unwrap();
    let sample = write(
        dir.path(),
        "样例.ron",
        gridorg::document::to_string(&gridorg::generate::sample()),
    );
    let sample = sample.to_str().unwrap();
    let pdf = dir.path().join("图.pdf");
    let pdf = pdf.to_str().unwrap();
    let pipe = fifo(&dir.path().join("管道"));
    let rules_over = sparse(&dir.path().join("规则.ron"), (1 << 20) + 1);
    let font_over = sparse(&dir.path().join("字体.ttf"), (128 << 20) + 1);
    for (input, needles) in [
        (Path::new("/dev/zero"), &["not a regular file"][..]),
        (pipe.as_path(), &["not a regular file"]),
        (rules_over.as_path(), &["file too large", "1 MB"]),
    ] {
        let run = gridorg(&["check", sample, "--rules", input.to_str().unwrap()]);
        bounded(&run, needles);
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert!(
            run.stderr.contains(input.to_str().unwrap()),
            "{}",
            run.stderr
        );
    }
    for (input, needles) in [
        (Path::new("/dev/zero"), &["not a regular file"][..]),
        (pipe.as_path(), &["not a regular file"]),
        (font_over.as_path(), &["file too large", "128 MB"]),
    ] {
        for command in ["chart", "roster", "poster"] {
            let run = gridorg(&[
                command,
                sample,
                "-o",
                pdf,
                "--font",
                input.to_str().unwrap(),
            ]);
            bounded(&run, needles);
            assert_eq!(run.code, Some(2), "{command}: {}", run.stderr);
            assert!(!Path::new(pdf).exists(), "nothing written");
        }
    }
}

#[test]
fn a_document_just_over_the_cap_is_refused_naming_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let over = sparse(&dir.path().join("大.ron"), (256 << 20) + 1);
    let run = gridorg(&["check", over.to_str().unwrap()]);
    bounded(&run, &["大.ron", "file too large", "256 MB"]);
    assert_eq!(run.code, Some(2));
}

/// A version-2 document of one street and `members` members of the
/// smallest form a file can hold, the first named `first`: about 30 bytes a
/// record that takes hundreds in memory.
fn dense(members: u64, first: &str) -> String {
    let mut text = format!(
        "(version: 2, title: \"密\", next_id: {}, units: [(id: 1, code: \"S\", name: \"S\", level: Street)],\n members: [\n(id:2,name:\"{first}\",unit:1),\n",
        members + 10
    );
    for id in 3..members + 2 {
        text.push_str(&format!("(id:{id},name:\"\",unit:1),\n"));
    }
    text.push_str("])\n");
    text
}

/// A version-3 document whose title (of `title`, ASCII) fills it to just
/// under the cap.
fn padded(title: char) -> String {
    let head = "(version: 3, title: \"";
    let tail = "\", structure: \"s\", next_id: 10, units: [\n        (id: 1, code: \"S\", name: \"S\", level: Street),\n    ],\n)\n";
    let fill = (256 << 20) - 1 - head.len() - tail.len();
    format!("{head}{}{tail}", title.to_string().repeat(fill))
}

/// Three inputs just under the caps (the size cap, and the memory a
/// document may take once read, with the smallest records there are) merge
/// within 4 GB of address space: an exit status, never an abort.
#[test]
fn a_merge_of_three_inputs_just_under_the_caps_ends_with_a_status_within_4_gb() {
    let dir = tempfile::tempdir().unwrap();
    let under = |name: &str, text: String| {
        let path = write(dir.path(), name, text);
        path.to_str().unwrap().to_string()
    };
    let out = dir.path().join("合并.ron");
    let cases = [
        [
            ('a', "标题甲.ron"),
            ('b', "标题乙.ron"),
            ('c', "标题丙.ron"),
        ]
        .map(|(c, n)| under(n, padded(c))),
        ["密甲.ron", "密乙.ron", "密丙.ron"].map(|n| under(n, dense(1_640_000, n))),
    ];
    for [base, ours, theirs] in &cases {
        assert!(std::fs::metadata(base).unwrap().len() < 256 << 20);
        let run = gridorg_under(
            4194304,
            Duration::from_secs(600),
            &["merge", base, ours, theirs, "-o", out.to_str().unwrap()],
        );
        assert!(
            matches!(run.code, Some(0..=2)),
            "{base}: a status, not {:?}: {}",
            run.code,
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let _ = std::fs::remove_file(&out);
    }
    // The smallest records up to the size cap: more than a document may
    // take once read, refused before it is parsed, three times over.
    let mut text = dense(9_400_000, "满");
    text.truncate(text[..(256 << 20) - 8].rfind('\n').unwrap() + 1);
    text.push_str("])\n");
    let full = under("满.ron", text);
    let run = gridorg_under(
        4194304,
        Duration::from_secs(600),
        &["merge", &full, &full, &full, "-o", out.to_str().unwrap()],
    );
    bounded(&run, &["满.ron", "file too large", "1024 MB"]);
    assert_eq!(run.code, Some(2));
    assert!(!out.exists(), "nothing written");
}
