//! Outputs never destroy: an output that is its own input, an existing document,
//! a link, a device or a FIFO is refused before anything is written, and every
//! file the program writes is owner-only and created without following links
//! (docs/cli.md, "Outputs" and "Privacy").

use std::fs;
use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gridorg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SAMPLE: &str = "sample-data/xiyuan.ron";

/// A folder holding a copy of the sample as `a.ron`.
fn folder_with_document() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("a.ron");
    fs::copy(SAMPLE, &document).unwrap();
    (dir, document)
}

fn text_of(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Runs a command that must be refused: exit 2, the given keyword, the file
/// at `kept` exactly as before, and no backup or stray file beside it.
fn refused(args: &[&str], keyword: &str, kept: &Path) {
    let before = fs::read(kept).ok();
    let files_before = fs::read_dir(kept.parent().unwrap()).unwrap().count();
    let output = gridorg(args);
    let message = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{args:?} was not refused: {message}"
    );
    assert!(message.contains(keyword), "{args:?}: {message}");
    assert!(
        message.contains("未写入"),
        "{args:?} does not say nothing was written: {message}"
    );
    assert_eq!(
        fs::read(kept).ok(),
        before,
        "{args:?} changed {}",
        kept.display()
    );
    let files_after = fs::read_dir(kept.parent().unwrap()).unwrap().count();
    assert_eq!(files_after, files_before, "{args:?} left a file behind");
}

#[test]
fn an_output_that_is_its_own_input_is_refused() {
    let (_dir, document) = folder_with_document();
    let path = text_of(&document);
    refused(
        &["export", &path, "-o", &path, "--force"],
        "same file",
        &document,
    );
    for command in ["chart", "roster", "poster"] {
        refused(
            &[command, &path, "-o", &path, "--force"],
            "same file",
            &document,
        );
    }
    let (_dir2, workbook) = folder_with_document();
    let workbook = workbook.with_extension("xlsx");
    assert!(gridorg(&["export", SAMPLE, "-o", &text_of(&workbook)])
        .status
        .success());
    let w = text_of(&workbook);
    refused(&["import", &w, "-o", &w, "--force"], "same file", &workbook);
}

#[test]
fn an_output_through_a_link_to_its_input_is_refused() {
    let (dir, document) = folder_with_document();
    let link = dir.path().join("copy.xlsx");
    symlink(&document, &link).unwrap();
    refused(
        &["export", &text_of(&document), "-o", &text_of(&link)],
        "same file",
        &document,
    );
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn no_printout_or_workbook_replaces_an_existing_document() {
    let (_dir, document) = folder_with_document();
    let victim = document.with_file_name("b.ron");
    fs::copy(SAMPLE, &victim).unwrap();
    let (path, target) = (text_of(&document), text_of(&victim));
    for args in [
        vec!["export", path.as_str(), "-o", &target, "--force"],
        vec!["chart", path.as_str(), "-o", &target, "--force"],
        vec!["roster", path.as_str(), "-o", &target, "--force"],
        vec!["poster", path.as_str(), "-o", &target, "--force"],
        vec!["template", "-o", &target, "--force"],
    ] {
        refused(&args, "existing document", &victim);
    }
    // A document's backup is a document too, whatever its name.
    let backup = document.with_file_name("b.ron.bak");
    fs::copy(SAMPLE, &backup).unwrap();
    refused(
        &["chart", &path, "-o", &text_of(&backup), "--force"],
        "existing document",
        &backup,
    );
}

#[test]
fn a_fifo_or_a_link_as_output_is_refused_and_stays_what_it_was() {
    let (dir, document) = folder_with_document();
    let fifo = dir.path().join("pipe.pdf");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let output = gridorg(&["chart", &text_of(&document), "-o", &text_of(&fifo)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not a regular file"),
        "{}",
        stderr(&output)
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "keep me").unwrap();
    let link = dir.path().join("out.pdf");
    symlink(&victim, &link).unwrap();
    let output = gridorg(&["roster", &text_of(&document), "-o", &text_of(&link)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("symlink"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());

    let output = gridorg(&["template", "-o", dir.path().to_str().unwrap(), "--force"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not a regular file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_device_as_output_is_refused() {
    // Read-only checks: /dev/null is never written, only looked at.
    let output = gridorg(&["template", "-o", "/dev/null", "--force"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("device"), "{}", stderr(&output));
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn a_suffix_that_does_not_fit_the_output_is_refused_unless_forced() {
    let (dir, document) = folder_with_document();
    let path = text_of(&document);
    let out = dir.path().join("chart.ron");
    let output = gridorg(&["chart", &path, "-o", &text_of(&out)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("suffix"), "{}", stderr(&output));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert!(!out.exists());
    for (args, file) in [
        (vec!["export", path.as_str()], "book.pdf"),
        (vec!["import", SAMPLE], "doc.xlsx"),
        (vec!["template"], "template.ron"),
        (vec!["generate", "--preset", "street"], "street.pdf"),
    ] {
        let out = text_of(&dir.path().join(file));
        let output = gridorg(&[args.as_slice(), &["-o", &out]].concat());
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?} {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("suffix"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let output = gridorg(&["chart", &path, "-o", &text_of(&out), "--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(fs::read(&out).unwrap().starts_with(b"%PDF"));
}

#[test]
fn every_written_file_and_backup_is_owner_only() {
    let (dir, document) = folder_with_document();
    fs::set_permissions(&document, fs::Permissions::from_mode(0o644)).unwrap();
    let workbook = dir.path().join("a.xlsx");
    assert!(
        gridorg(&["export", &text_of(&document), "-o", &text_of(&workbook)])
            .status
            .success()
    );
    let output = gridorg(&["import", &text_of(&workbook), "-o", &text_of(&document)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let backup = dir.path().join("a.ron.bak");
    assert_eq!(mode(&backup), 0o600, "the backup keeps the old file's mode");
    assert_eq!(fs::read(&backup).unwrap(), fs::read(SAMPLE).unwrap());
    assert_eq!(mode(&document), 0o600);
    assert_eq!(mode(&workbook), 0o600);
    let chart = dir.path().join("a.pdf");
    assert!(
        gridorg(&["chart", &text_of(&document), "-o", &text_of(&chart)])
            .status
            .success()
    );
    assert_eq!(mode(&chart), 0o600);
}

#[test]
fn a_planted_journal_link_is_replaced_not_followed() {
    let (dir, document) = folder_with_document();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "victim").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
    let planted = dir.path().join(".a.ron.journal");
    symlink(&victim, &planted).unwrap();
    let loaded = gridorg::document::load(&document).unwrap();
    let mut journal = gridorg::journal::Journal::start(Some(&document), &loaded).unwrap();
    journal
        .record(&gridorg::journal::Entry::Apply(
            gridorg::edit::Command::SetTitle("新标题".into()),
        ))
        .unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "victim");
    assert_eq!(mode(&victim), 0o644);
    let meta = fs::symlink_metadata(journal.path()).unwrap();
    assert!(
        meta.file_type().is_file(),
        "the journal is a file of its own"
    );
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
}

#[test]
fn a_journal_that_is_a_fifo_does_not_hang_the_editor() {
    let (dir, document) = folder_with_document();
    let planted = dir.path().join(".a.ron.journal");
    assert!(Command::new("mkfifo")
        .arg(&planted)
        .status()
        .unwrap()
        .success());
    let loaded = gridorg::document::load(&document).unwrap();
    assert!(gridorg::journal::pending(Some(&document), &loaded).is_none());
}

#[test]
fn a_document_opened_through_a_link_is_saved_to_the_link_target() {
    let (dir, document) = folder_with_document();
    let link = dir.path().join("link.ron");
    symlink(&document, &link).unwrap();
    let target = gridorg::document::link_target(&link).unwrap();
    assert_eq!(target, fs::canonicalize(&document).unwrap());
    let mut loaded = gridorg::document::load(&link).unwrap();
    loaded.title = "经链接保存".into();
    gridorg::document::save(&loaded, &target).unwrap();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&document)
        .unwrap()
        .contains("经链接保存"));
    // Saving to the link itself (not through it) is refused: only the editor's
    // own save follows the one link the user opened.
    let refused = gridorg::document::save(&loaded, &link).unwrap_err();
    assert!(refused.to_string().contains("symlink"), "{refused}");
}

#[test]
fn a_content_error_names_the_line_of_a_record_that_does_not_start_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(SAMPLE).unwrap();
    // The unit with id 70 joined onto the end of the line before it, and put
    // under a parent that does not exist.
    let record = "(id: 70, code: \"XY01-B1\"";
    let at = text.find(record).expect("the sample's second member");
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').unwrap();
    let mut broken = text[..start].to_string();
    broken.push(' ');
    broken.push_str(&text[at..].replacen("parent: 13,", "parent: 99999,", 1));
    let path = dir.path().join("joined.ron");
    fs::write(&path, &broken).unwrap();
    let output = gridorg(&["check", &text_of(&path)]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    let place = format!("joined.ron:{line}:");
    assert!(message.contains(&place), "expected {place} in: {message}");
}

#[test]
fn version_zero_is_called_invalid_not_newer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zero.ron");
    let text = fs::read_to_string(SAMPLE).unwrap();
    let at = text.find("version: ").unwrap() + "version: ".len();
    let digits = text[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
    fs::write(&path, format!("{}0{}", &text[..at], &text[at + digits..])).unwrap();
    let output = gridorg(&["check", &text_of(&path)]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("invalid version"), "{message}");
    assert!(!message.contains("新"), "{message}");
}

#[test]
fn an_old_xls_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.xls");
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(4096, 0);
    fs::write(&path, bytes).unwrap();
    let out = dir.path().join("out.xlsx");
    let output = gridorg(&["export", &text_of(&path), "-o", &text_of(&out)]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains(".xls"), "{message}");
    assert!(!message.contains("utf-8"), "{message}");
    assert!(!out.exists());
}

#[test]
fn text_too_long_for_an_excel_cell_is_named_by_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut document = gridorg::document::load(Path::new(SAMPLE)).unwrap();
    let unit = document.units.values_mut().next().unwrap();
    unit.name = "长".repeat(40_000);
    let path = dir.path().join("long.ron");
    gridorg::document::save(&document, &path).unwrap();
    let out = dir.path().join("out.xlsx");
    let output = gridorg(&["export", &text_of(&path), "-o", &text_of(&out)]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    for part in ["组织", "第 2 行", "名称", "32767", "string too long"] {
        assert!(message.contains(part), "{part} missing: {message}");
    }
    assert!(!out.exists());
}

#[test]
fn a_pdf_carries_the_time_it_was_made() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.pdf");
    let made = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["chart", SAMPLE, "-o", &text_of(&out)])
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", stderr(&made));
    let bytes = fs::read(&out).unwrap();
    let pdf = String::from_utf8_lossy(&bytes);
    assert!(
        pdf.contains("D:20251201000000"),
        "no CreationDate of 2025-12-01"
    );
    assert!(!pdf.contains("D:1970"), "a 1970 date is left");
    let now = gridorg(&["chart", SAMPLE, "-o", &text_of(&out)]);
    assert!(now.status.success());
    let year = chrono::Utc::now().format("D:%Y").to_string();
    assert!(String::from_utf8_lossy(&fs::read(&out).unwrap()).contains(&year));
}

#[test]
fn text_too_long_for_an_excel_cell_is_refused_on_import_naming_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("西园街道");
    fs::create_dir(&folder).unwrap();
    let long = "长".repeat(40_000);
    fs::write(
        folder.join("组织.csv"),
        format!("编码*,名称*,层级*,上级编码\nS1,西园街道,街道,\nC1,{long},社区,S1\n"),
    )
    .unwrap();
    fs::write(
        folder.join("网格.csv"),
        "网格编码*,网格名称*,所属社区编码*\n",
    )
    .unwrap();
    fs::write(folder.join("党员.csv"), "姓名*,人员类别*,所在组织编码*\n").unwrap();
    let out = dir.path().join("out.ron");
    let output = gridorg(&["import", &text_of(&folder), "-o", &text_of(&out)]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("组织.csv 第3行 名称"), "{message}");
    assert!(message.contains("text too long"), "{message}");
    assert!(message.len() < 2_000, "the text is not echoed whole");
    assert!(!out.exists());
}

#[test]
fn the_id_counter_lock_is_owner_only_and_never_followed_through_a_link() {
    use gridorg::store::ids::Installation;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Installation::at(&data).reserve(1).unwrap();
    assert_eq!(mode(&data.join("ids.lock")), 0o600);
    assert_eq!(mode(&data.join("ids")), 0o600);

    // A link planted at the lock's name: nothing is created where it points,
    // and the counter says why it is not used.
    let planted = dir.path().join("planted");
    fs::create_dir(&planted).unwrap();
    let other = planted.join("data");
    fs::create_dir(&other).unwrap();
    let victim = planted.join("victim");
    symlink(&victim, other.join("ids.lock")).unwrap();
    let refusal = Installation::at(&other).reserve(1).unwrap_err();
    assert!(refusal.to_string().contains("symlink"), "{refusal}");
    assert!(!victim.exists(), "the link was followed");
    assert!(
        !other.join("ids").exists(),
        "nothing counted without the lock"
    );
}

/// The options (`--unit`) a message names.
fn options_named(message: &str) -> Vec<&str> {
    message
        .match_indices("--")
        .map(|(at, _)| {
            let rest = &message[at..];
            let end = rest[2..]
                .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
                .map_or(rest.len(), |e| e + 2);
            &rest[..end]
        })
        .collect()
}

#[test]
fn the_household_roster_s_refusals_name_only_options_roster_has() {
    let (dir, document) = folder_with_document();
    let help = String::from_utf8(gridorg(&["roster", "--help"]).stdout).unwrap();
    let pdf = dir.path().join("联系户.pdf");
    let assert_refused_naming_roster_options = |args: &[&str], keyword: &str| {
        let output = gridorg(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(message.contains(keyword), "{message}");
        let named = options_named(&message);
        assert!(named.contains(&"--unit"), "{message}");
        for option in named {
            assert!(
                help.contains(&format!("{option} ")),
                "roster has no {option}: {message}"
            );
        }
        assert!(!pdf.exists());
    };
    assert_refused_naming_roster_options(
        &[
            "roster",
            &text_of(&document),
            "--kind",
            "households",
            "--unit",
            "NOPE",
            "-o",
            &text_of(&pdf),
        ],
        "unknown code",
    );
    // Too many pages (over 100,000 since printouts stream: more households
    // than a document within the input caps holds) is named with --unit too:
    // `cli::print`'s tests.
}
