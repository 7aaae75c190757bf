//! Hostile input: damaged, malicious and simply wrong files, each through the
//! path a user takes (the command line's `check` and `import`, and the library's
//! readers). Each gives a clear Chinese error naming the file and the place, in
//! bounded time and memory — never a panic, a hang or a fragment written.
//!
//! Inputs the fuzzers found (a sample of their corpus, and every crash once
//! fixed) are kept in `tests/data/hostile/` and read here on every run.

use rust_xlsxwriter::{Formula, Workbook};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

mod common;

use common::watch::Run;

/// Runs the program, watching its peak memory.
fn gridorg(args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gridorg"));
    command.args(args);
    common::watch::run(command, Duration::from_secs(120))
}

/// `check FILE` refuses the file with exit status 2 and a message that holds
/// every one of `needles`; nothing panicked.
fn refused_by_check(path: &Path, needles: &[&str]) -> Run {
    let run = gridorg(&["check", path.to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "exit status 2: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for needle in needles {
        assert!(
            run.stderr.contains(needle),
            "the message names {needle}: {}",
            run.stderr
        );
    }
    run
}

/// `import FILE -o OUT.ron` refuses it with exit status 2, writes nothing, and
/// says all of `needles`.
fn refused_by_import(path: &Path, needles: &[&str]) -> Run {
    let out = path.with_file_name("导入结果.ron");
    let run = gridorg(&[
        "import",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, Some(2), "exit status 2: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!out.exists(), "nothing written");
    for needle in needles.iter().chain(&["nothing written"]) {
        assert!(
            run.stderr.contains(needle),
            "the message names {needle}: {}",
            run.stderr
        );
    }
    run
}

fn sample_text() -> String {
    gridorg::document::to_string(&gridorg::generate::sample())
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_truncated_document_names_the_line_and_column_where_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text();
    let cut = text.floor_char_boundary(text.len() * 2 / 3);
    let path = write(dir.path(), "截断.ron", &text[..cut]);
    let line = text[..cut].lines().count();
    let run = refused_by_check(&path, &["截断.ron:", "截断", "syntax error"]);
    assert!(run.stderr.contains(&format!(":{line}:")), "{}", run.stderr);
    for cut in [0, 1, 10, 40, 100, text.len() - 2] {
        let cut = text.floor_char_boundary(cut);
        assert!(gridorg::document::from_str(&text[..cut], "t.ron").is_err());
    }
}

#[test]
fn wrong_types_name_the_line_and_column_and_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text();
    for (name, from, to, needle) in [
        (
            "数字.ron",
            "next_id: ",
            "next_id: \"很多\", old_next_id: ",
            "next_id",
        ),
        ("层级.ron", "level: Street", "level: 7", "level"),
        ("列表.ron", "units: [", "units: \"一个\", old: [", "units"),
        ("日期.ron", "elected: \"", "elected: \"昨天", "elected"),
    ] {
        let broken = text.replacen(from, to, 1);
        let line = broken.lines().position(|l| l.contains(to.trim())).unwrap() + 1;
        let path = write(dir.path(), name, &broken);
        let run = refused_by_check(&path, &[name, "(", ")"]);
        assert!(
            run.stderr.contains(&format!("{name}:{line}:")),
            "{needle}: the line {line}: {}",
            run.stderr
        );
    }
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let deep = |open: &str, close: &str| format!("{}{}", open.repeat(10_000), close.repeat(10_000));
    for (name, text) in [
        (
            "嵌套.ron",
            format!(
                "(version: 2, title: \"t\", next_id: 1, extra: {}, units: [])",
                deep("[", "]")
            ),
        ),
        (
            "嵌套元组.ron",
            format!(
                "(version: 2, title: \"t\", next_id: 1, extra: {}, units: [])",
                deep("(", ")")
            ),
        ),
        (
            "嵌套1.ron",
            format!(
                "(version: 1, title: \"t\", extra: {}, units: [])",
                deep("Some(", ")")
            ),
        ),
    ] {
        let path = write(dir.path(), name, &text);
        let run = refused_by_check(&path, &[name, ":1:"]);
        assert!(run.time < Duration::from_secs(10), "{name}: {:?}", run.time);
    }
}

#[test]
fn bytes_that_are_not_utf8_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text();
    let at = text.find("name: \"").unwrap() + 7;
    let line = text[..at].lines().count();
    let mut bytes = text.into_bytes();
    bytes.splice(at..at, [0xC3, 0x28, 0xFF]);
    let path = write(dir.path(), "乱码.ron", &bytes);
    refused_by_check(
        &path,
        &["乱码.ron", "invalid utf-8", &format!("第 {line} 行")],
    );
}

#[test]
fn a_200_mb_file_is_refused_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("巨大.ron");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    // A document whose title never ends: every byte must be read to find out.
    file.write_all(b"(version: 2, title: \"").unwrap();
    let chunk = "很长的标题".repeat(1 << 12);
    let mut written = 0;
    while written < 200 << 20 {
        file.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    drop(file);
    let run = refused_by_check(&path, &["巨大.ron:1:", "syntax error"]);
    println!(
        "200 MB file: refused in {:.1} s, peak {} MB",
        run.time.as_secs_f64(),
        run.peak_mb
    );
    assert!(run.peak_mb < 2048, "peak memory {} MB", run.peak_mb);
}

/// A zip archive written by hand, so that an entry can declare any size and
/// carry any deflate stream. Entries: name, method (0 stored, 8 deflate),
/// CRC-32, declared size, data as stored.
fn zip(entries: &[(String, u16, u32, u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, crc, size, data) in entries {
        let offset = out.len() as u32;
        let header = |signature: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(signature.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed to extract
            h.extend(0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend(method.to_le_bytes());
            h.extend([0u8; 4]); // time, date
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A raw deflate stream that inflates to `megabytes` MB of spaces, built from
/// one compressed megabyte repeated (a full flush makes each repeat identical),
/// with its CRC-32.
fn deflate_bomb(megabytes: usize) -> (Vec<u8>, u32) {
    use flate2::{Compress, Compression, FlushCompress};
    let block = vec![b' '; 1 << 20];
    let mut compress = Compress::new(Compression::best(), false);
    let mut one = Vec::with_capacity(1 << 16);
    compress
        .compress_vec(&block, &mut one, FlushCompress::Full)
        .unwrap();
    let mut end = Vec::with_capacity(64);
    compress
        .compress_vec(&[], &mut end, FlushCompress::Finish)
        .unwrap();
    let mut stream = Vec::with_capacity(one.len() * megabytes + end.len());
    let mut crc = crc32fast::Hasher::new();
    let block_crc = crc32fast::hash(&block);
    for _ in 0..megabytes {
        stream.extend(&one);
        crc.combine(&crc32fast::Hasher::new_with_initial_len(
            block_crc,
            block.len() as u64,
        ));
    }
    stream.extend(end);
    (stream, crc.finalize())
}

/// The template's parts, with the 组织 sheet's XML replaced by `sheet`.
fn template_with(sheet: (u16, u32, u32, Vec<u8>)) -> Vec<u8> {
    let template = gridorg::workbook::template().unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(template)).unwrap();
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        if name == "xl/worksheets/sheet1.xml" {
            let (method, crc, size, data) = sheet.clone();
            entries.push((name, method, crc, size, data));
        } else {
            let mut data = Vec::new();
            std::io::copy(&mut entry, &mut data).unwrap();
            let crc = crc32fast::hash(&data);
            entries.push((name, 0, crc, data.len() as u32, data));
        }
    }
    zip(&entries)
}

#[test]
fn a_zip_bomb_named_xlsx_is_refused_before_it_is_inflated() {
    let dir = tempfile::tempdir().unwrap();
    // 4,000 MB of spaces in 4 MB: the declared size gives it away.
    let (stream, crc) = deflate_bomb(4000);
    let honest = template_with((8, crc, 4000 << 20, stream.clone()));
    let path = write(dir.path(), "炸弹.xlsx", &honest);
    let run = refused_by_import(
        &path,
        &["炸弹.xlsx", "zip bomb", "xl/worksheets/sheet1.xml"],
    );
    assert!(run.time < Duration::from_secs(10), "{:?}", run.time);
    assert!(run.peak_mb < 512, "peak memory {} MB", run.peak_mb);
    // The same stream declaring 100 kB: the reader stops at the declared size.
    let lying = template_with((8, crc, 100_000, stream));
    let path = write(dir.path(), "伪装.xlsx", &lying);
    let run = refused_by_import(&path, &["伪装.xlsx", "invalid xlsx"]);
    assert!(run.time < Duration::from_secs(10), "{:?}", run.time);
    assert!(run.peak_mb < 512, "peak memory {} MB", run.peak_mb);
    println!(
        "zip bomb (4,000 MB in {} kB): refused in {:.2} s, peak {} MB",
        honest.len() >> 10,
        run.time.as_secs_f64(),
        run.peak_mb
    );
}

#[test]
fn a_file_that_is_no_workbook_at_all_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "其实是文本.xlsx", "编码,名称\nS1,街道\n");
    refused_by_import(&path, &["其实是文本.xlsx", "invalid xlsx"]);
    let half = gridorg::workbook::template().unwrap();
    let path = write(dir.path(), "一半.xlsx", &half[..half.len() / 2]);
    refused_by_import(&path, &["一半.xlsx", "invalid xlsx"]);
}

#[test]
fn formulas_instead_of_values_are_named_by_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    let units = workbook.add_worksheet().set_name("组织").unwrap();
    // A program (not Excel) wrote formulas with no computed value …
    units.set_formula_result_default("");
    for (c, header) in ["编码", "名称", "层级", "上级编码"].iter().enumerate() {
        units.write_string(0, c as u16, *header).unwrap();
    }
    units.write_string(1, 0, "S1").unwrap();
    units.write_string(1, 1, "示例街道党工委").unwrap();
    units.write_string(1, 2, "街道").unwrap();
    units
        .write_formula(2, 0, Formula::new("=A2&\"-C1\""))
        .unwrap();
    units.write_string(2, 1, "东风社区党委").unwrap();
    units.write_string(2, 2, "社区").unwrap();
    units.write_formula(2, 3, Formula::new("=A2")).unwrap();
    // … while formulas Excel has computed read as what Excel shows.
    units
        .write_formula(3, 0, Formula::new("=A2&\"-C2\"").set_result("S1-C2"))
        .unwrap();
    units.write_string(3, 1, "西风社区党委").unwrap();
    units.write_string(3, 2, "社区").unwrap();
    units
        .write_formula(3, 3, Formula::new("=A2").set_result("S1"))
        .unwrap();
    for (name, headers) in [
        ("网格", ["网格编码", "网格名称", "所属社区编码"]),
        ("党员", ["姓名", "人员类别", "所在组织编码"]),
    ] {
        let sheet = workbook.add_worksheet().set_name(name).unwrap();
        for (c, header) in headers.iter().enumerate() {
            sheet.write_string(0, c as u16, *header).unwrap();
        }
    }
    let path = dir.path().join("公式.xlsx");
    workbook.save(&path).unwrap();
    let run = refused_by_import(
        &path,
        &[
            "公式.xlsx",
            "组织 第3行 编码(A列)",
            "组织 第3行 上级编码(D列)",
            "formula without value",
        ],
    );
    assert!(!run.stderr.contains("第4行"), "{}", run.stderr);
    assert!(!run.stderr.contains("missing value"), "{}", run.stderr);
}

#[test]
fn a_csv_file_in_an_unknown_encoding_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("各表");
    std::fs::create_dir(&folder).unwrap();
    write(
        &folder,
        "组织.csv",
        "编码,名称,层级,上级编码\nS1,示例街道党工委,街道,\n",
    );
    let mut members = "姓名,人员类别,所在组织编码\n张三,正式党员,S1\n"
        .as_bytes()
        .to_vec();
    members.extend([0xFF, 0x80, 0x81, b',', 0xFE, b'\n']);
    write(&folder, "党员.csv", members);
    refused_by_import(&folder, &["党员.csv 第3行", "unknown encoding"]);
}

/// Every file in `tests/data/hostile/` — inputs the fuzzers found: a sample of
/// their corpus, and every crash once fixed — is read or refused cleanly through
/// the command line:
/// `.ron` and `.xlsx` as they are, `.csvs` split at NUL bytes into a folder of
/// 组织.csv, 网格.csv, 党员.csv, 联系户.csv, 楼栋.csv and 共建单位.csv (as the csv
/// fuzz target reads its input).
#[test]
fn every_input_the_fuzzers_found_is_read_or_refused_cleanly() {
    const CSV_NAMES: [&str; 6] = [
        "组织.csv",
        "网格.csv",
        "党员.csv",
        "联系户.csv",
        "楼栋.csv",
        "共建单位.csv",
    ];
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile");
    let scratch = tempfile::tempdir().unwrap();
    let mut count = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let input = match path.extension().and_then(|e| e.to_str()) {
            Some("ron" | "xlsx") => path.clone(),
            Some("csvs") => {
                let dir = scratch.path().join(format!("csv{count}"));
                std::fs::create_dir(&dir).unwrap();
                let bytes = std::fs::read(&path).unwrap();
                let parts = bytes.split(|&b| b == 0).filter(|p| !p.is_empty());
                for (name, part) in CSV_NAMES.iter().zip(parts) {
                    std::fs::write(dir.join(name), part).unwrap();
                }
                dir
            }
            _ => continue,
        };
        let run = gridorg(&["check", input.to_str().unwrap()]);
        assert!(
            matches!(run.code, Some(0..=2)) && !run.stderr.contains("panicked"),
            "{}: {:?} {}",
            path.display(),
            run.code,
            run.stderr
        );
        assert!(run.time < Duration::from_secs(20), "{}", path.display());
        count += 1;
    }
    assert!(count > 0, "the fuzzers' finds are there");
    println!("{count} fuzzer finds read or refused cleanly");
}

/// `text` with `line` put first in the list `list`, and the line it is on.
fn with_record(text: &str, list: &str, line: &str) -> (String, usize) {
    let open = format!("\n    {list}: [\n");
    let at = text.find(&open).expect("the list is there") + open.len();
    let number = text[..at].matches('\n').count() + 1;
    (
        format!("{}        {line},\n{}", &text[..at], &text[at..]),
        number,
    )
}

#[test]
fn an_id_at_or_above_2_53_is_refused_by_check_diff_and_merge_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let document = gridorg::generate::sample();
    let text = sample_text();
    let unit = document.units.keys().next().unwrap().0;
    let grid = document.grids.keys().next().unwrap().0;
    let base = write(dir.path(), "底稿.ron", &text);
    // A change in a unit's name, so that the bad record is a line the
    // versions share.
    let first_unit = text.find("name: \"").unwrap();
    let renamed = text[..first_unit].to_string() + "name: \"改" + &text[first_unit + 7..];
    for (case, list, record) in [
        (
            "自身编号",
            "members",
            "(id: 9007199254740992, name: \"大号\", unit: UNIT)".to_string(),
        ),
        (
            "所在组织",
            "members",
            "(id: 4294967298, name: \"大号\", unit: 18446744073709551615)".to_string(),
        ),
        (
            "楼栋党小组",
            "buildings",
            "(id: 4294967299, code: \"大号楼\", name: \"大号楼\", grid: GRID, covered_by: 9007199254740993)"
                .to_string(),
        ),
    ] {
        let record = record
            .replace("UNIT", &unit.to_string())
            .replace("GRID", &grid.to_string());
        let (bad, line) = with_record(&text, list, &record);
        let (bad_renamed, _) = with_record(&renamed, list, &record);
        let name = format!("{case}.ron");
        let path = write(dir.path(), &name, &bad);
        let place = format!("{name}:{line}:");
        refused_by_check(&path, &[&place, "id out of range"]);
        let other = write(dir.path(), &format!("{case}-改.ron"), &bad_renamed);
        let (base, path, other) = (
            base.to_str().unwrap(),
            path.to_str().unwrap(),
            other.to_str().unwrap(),
        );
        // diff: the bad record added, and shared by both versions.
        for (old, new) in [(base, path), (path, other)] {
            let run = gridorg(&["diff", old, new, "--format", "json"]);
            assert_eq!(run.code, Some(2), "{case}: {}", run.stderr);
            assert!(
                run.stderr.contains(&place) && run.stderr.contains("id out of range"),
                "{case}: {}",
                run.stderr
            );
        }
        // merge: the bad record in all three, ours renamed a unit.
        let out = dir.path().join(format!("{case}-合并.ron"));
        let run = gridorg(&["merge", path, other, path, "-o", out.to_str().unwrap()]);
        assert_eq!(run.code, Some(2), "{case}: {}", run.stderr);
        assert!(
            run.stderr.contains(&place) && run.stderr.contains("id out of range"),
            "{case}: {}",
            run.stderr
        );
        assert!(!out.exists(), "nothing written");
    }
}

#[test]
fn a_record_with_a_list_past_its_limit_is_refused_by_check_diff_and_merge() {
    // Millions of empty positions are a few bytes each in the file and were
    // copied for each change shown: a 60 MB diff took 4.7 GB and aborted
    // under a 4 GB limit. 65 positions are already more than a member holds.
    let dir = tempfile::tempdir().unwrap();
    let document = gridorg::generate::sample();
    let text = sample_text();
    let unit = document.units.keys().next().unwrap().0;
    let base = write(dir.path(), "底稿.ron", &text);
    let positions = vec!["\"\""; 65].join(",");
    let record =
        format!("(id: 4294967298, name: \"职务多\", unit: {unit}, positions: [{positions}])");
    let (bad, line) = with_record(&text, "members", &record);
    let path = write(dir.path(), "职务多.ron", &bad);
    let place = format!("职务多.ron:{line}:");
    refused_by_check(&path, &[&place, "list too long", "64"]);
    let (base, path) = (base.to_str().unwrap(), path.to_str().unwrap());
    let run = gridorg(&["diff", base, path]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("list too long"), "{}", run.stderr);
    let out = dir.path().join("合并.ron");
    let run = gridorg(&["merge", base, path, base, "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("list too long"), "{}", run.stderr);
    assert!(!out.exists(), "nothing written");
    // At the limit, the member loads.
    let positions = vec!["\"\""; 64].join(",");
    let record =
        format!("(id: 4294967298, name: \"职务多\", unit: {unit}, positions: [{positions}])");
    let (fine, _) = with_record(&text, "members", &record);
    let fine = write(dir.path(), "职务满.ron", &fine);
    let run = gridorg(&["check", fine.to_str().unwrap()]);
    assert!(matches!(run.code, Some(0 | 1)), "{}", run.stderr);
}

/// The sample with a chain of `count` groups, each under the one before,
/// hung from the first unit; and the line of the chain's first unit.
fn with_chain(count: u64) -> (String, usize) {
    let text = sample_text();
    let top = gridorg::generate::sample().units.keys().next().unwrap().0;
    let first = 4_294_967_298u64;
    let chain: Vec<String> = (0..count)
        .map(|k| {
            let parent = if k == 0 { top } else { first + k - 1 };
            format!(
                "(id: {}, code: \"DEEP-{k}\", name: \"深{k}\", level: Group, parent: {parent})",
                first + k
            )
        })
        .collect();
    with_record(&text, "units", &chain.join(",\n        "))
}

#[test]
fn a_unit_tree_deeper_than_its_limit_is_refused_naming_the_unit_past_it() {
    // 40,000 nested units (3 MB) took `check` 68 s: every walk up the tree
    // is as long as the chain. The grid has five levels; 32 is the limit.
    let dir = tempfile::tempdir().unwrap();
    let (deep, line) = with_chain(40);
    let path = write(dir.path(), "深.ron", deep);
    // The sample's first unit is level 1, so the chain's 32nd unit is level 33.
    let place = format!("深.ron:{}:", line + 31);
    refused_by_check(&path, &[&place, "tree too deep", "DEEP-31"]);
    let (fine, _) = with_chain(31);
    let fine = write(dir.path(), "满.ron", fine);
    let run = gridorg(&["check", fine.to_str().unwrap()]);
    assert!(matches!(run.code, Some(0 | 1)), "{}", run.stderr);
}
