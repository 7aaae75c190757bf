//! The command line: `gridorg import`, `export` and `template` with their
//! exit codes, what they write and what goes to stderr.

use crate::book::{s, Book, C};
use crate::reading::{cells_of, imported, shape};
use gridorg::document;
use gridorg::generate::sample;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gridorg(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .unwrap()
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn cli_import_writes_the_document_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("西园街道.xlsx");
    let output = dir.path().join("西园街道.ron");
    Book::base().write(&input);
    let out = gridorg(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = document::load(&output).unwrap();
    assert_eq!(shape(&saved), shape(&imported(&Book::base()).document));
}

#[test]
fn cli_import_of_a_bad_workbook_exits_2_names_every_cell_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("名册.xlsx");
    let output = dir.path().join("名册.ron");
    let mut book = Book::base();
    book.sheet("党员")
        .set(1, "出生日期", s("1990-13-01"))
        .set(2, "所在组织编码", s("XY09"));
    book.write(&input);
    let before = files_in(dir.path());
    let out = gridorg(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "名册.xlsx: 党员 第3行 出生日期(D列): 「1990-13-01」不是有效日期 (invalid date)"
        ),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("党员 第4行 所在组织编码(J列): 「XY09」在「组织」表中不存在 (unknown code)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("共 2 处错误") && stderr.contains("nothing written"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert!(!output.exists());
    assert_eq!(
        files_in(dir.path()),
        before,
        "no file, not even a temporary one"
    );
}

#[test]
fn cli_export_import_export_round_trips_and_files_are_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("sample.ron");
    document::save(&sample(), &ron).unwrap();
    let first = dir.path().join("first.xlsx");
    let back = dir.path().join("back.ron");
    let second = dir.path().join("second.xlsx");
    let out = gridorg(&[
        "export".as_ref(),
        ron.as_os_str(),
        "-o".as_ref(),
        first.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gridorg(&[
        "import".as_ref(),
        first.as_os_str(),
        "-o".as_ref(),
        back.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every FILE argument accepts a workbook: export straight from the xlsx.
    let out = gridorg(&[
        "export".as_ref(),
        first.as_os_str(),
        "-o".as_ref(),
        second.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(shape(&document::load(&back).unwrap()), shape(&sample()));
    assert_eq!(
        cells_of(&std::fs::read(&first).unwrap()),
        cells_of(&std::fs::read(&second).unwrap())
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in [&first, &second, &back] {
            let mode = std::fs::metadata(file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", file.display());
        }
    }
}

/// Runs gridorg and wants exit 0 and nothing on standard error (no notice,
/// no refusal).
fn gridorg_quietly(args: &[&std::ffi::OsStr]) {
    let out = gridorg(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "{args:?}:\n{stderr}"
    );
}

/// Generates a preset, exports it and imports the export, all through the
/// command line: the import says nothing and gives back the same document.
fn assert_generated_round_trips(preset: &str, seed: u32) {
    let dir = tempfile::tempdir().unwrap();
    let (ron, xlsx, back) = (
        dir.path().join("generated.ron"),
        dir.path().join("export.xlsx"),
        dir.path().join("back.ron"),
    );
    let seed = seed.to_string();
    let os = |s: &str| std::ffi::OsString::from(s);
    gridorg_quietly(&[
        &os("generate"),
        &os("--preset"),
        &os(preset),
        &os("--seed"),
        &os(&seed),
        &os("-o"),
        ron.as_os_str(),
    ]);
    gridorg_quietly(&[&os("export"), ron.as_os_str(), &os("-o"), xlsx.as_os_str()]);
    gridorg_quietly(&[&os("import"), xlsx.as_os_str(), &os("-o"), back.as_os_str()]);
    let (generated, imported) = (
        document::load(&ron).unwrap(),
        document::load(&back).unwrap(),
    );
    let (a, b) = (shape(&generated), shape(&imported));
    assert_eq!(a.len(), b.len(), "{preset} seed {seed}");
    if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| x != y) {
        panic!("{preset} seed {seed}: generated\n  {x}\nimported\n  {y}");
    }
}

#[test]
fn the_street_and_district_presets_read_back_after_their_own_export() {
    for seed in 1..=4 {
        assert_generated_round_trips("street", seed);
    }
    for seed in 1..=2 {
        assert_generated_round_trips("district", seed);
    }
}

/// The city of seed 2 holds two ID numbers ending in 000 whose check
/// character is wrong: stored as text, they are read as written, not taken for
/// numbers Excel rounded. One seed: the city takes a while in a debug build.
#[test]
fn the_city_preset_reads_back_after_its_own_export() {
    assert_generated_round_trips("city", 2);
}

#[test]
fn cli_export_accepts_a_csv_folder_and_refuses_a_bad_file_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("西园街道");
    Book::base().write_csv(&folder, |t| t.as_bytes().to_vec());
    let out_file = dir.path().join("out.xlsx");
    let out = gridorg(&[
        "export".as_ref(),
        folder.as_os_str(),
        "-o".as_ref(),
        out_file.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_file.exists());

    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, "not a workbook").unwrap();
    let target = dir.path().join("never.xlsx");
    let out = gridorg(&[
        "export".as_ref(),
        bad.as_os_str(),
        "-o".as_ref(),
        target.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.xlsx"));
    assert!(!target.exists());
}

#[test]
fn cli_template_writes_a_workbook_that_imports_with_notices() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("模板.xlsx");
    let out = gridorg(&["template".as_ref(), "-o".as_ref(), template.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    let output = dir.path().join("empty.ron");
    let out = gridorg(&[
        "import".as_ref(),
        template.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("提示 (notice): 党员 第2行") && stderr.contains("example row skipped"),
        "{stderr}"
    );
    assert!(document::load(&output).unwrap().units.is_empty());
}

#[test]
fn cli_notices_are_capped_like_errors() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xlsx");
    let output = dir.path().join("out.ron");
    let mut book = Book::base();
    for i in 0..10_000 {
        book.sheet("党员").add_column(&format!("备注{i}"), C::E);
    }
    book.write(&input);
    let out = gridorg(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let listed = stderr
        .lines()
        .filter(|l| l.contains("ignored column"))
        .count();
    assert_eq!(listed, 1_000);
    assert!(
        stderr.contains("另有 9000 条提示未列出 (9000 more notices not listed)"),
        "{}",
        stderr.lines().last().unwrap_or_default()
    );
    assert!(output.exists());
}

#[test]
fn cli_notices_go_to_stderr_and_do_not_fail_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xlsx");
    let output = dir.path().join("out.ron");
    let mut book = Book::base();
    book.sheet("党员").add_column("备注", s("新党员"));
    book.write(&input);
    let out = gridorg(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("忽略未知列「备注」(P列) (ignored column)"),
        "{stderr}"
    );
    assert!(output.exists());
}
