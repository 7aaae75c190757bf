//! The `.ron` document format, read and written as a user's files are.

use gridorg::document::{self, DocumentError, CURRENT_VERSION};
use gridorg::generate::sample;
use gridorg::model::{Category, Level, OrgType};

fn load_text(text: &str) -> Result<gridorg::model::Document, DocumentError> {
    document::from_str(text, "test.ron")
}

#[test]
fn a_saved_document_loads_back_identical() {
    let original = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("西园街道.ron");
    document::save(&original, &path).unwrap();
    let loaded = document::load(&path).unwrap();
    assert_eq!(loaded, original);
    // Saving again gives byte-identical text: stable order, diff-friendly.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        document::to_string(&loaded)
    );
}

#[test]
fn records_are_written_one_per_line_with_the_version_first() {
    let text = document::to_string(&sample());
    let first_field = text
        .lines()
        .find(|l| l.trim_start().starts_with("version"))
        .unwrap();
    assert_eq!(first_field.trim(), format!("version: {CURRENT_VERSION},"));
    let unit_lines = text
        .lines()
        .filter(|l| l.trim_start().starts_with("(id: ") && l.contains("level: "))
        .count();
    assert_eq!(unit_lines, sample().units.len());
}

#[test]
fn saves_are_readable_by_the_owner_only_and_leave_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.ron");
    std::fs::write(&path, "old").unwrap();
    document::save(&sample(), &path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    // The previous version is kept as doc.ron.bak, nothing else is left.
    assert_eq!(names, ["doc.ron", "doc.ron.bak"]);
    let backup = gridorg::output::backup_path(&path);
    assert_eq!(std::fs::read_to_string(backup).unwrap(), "old");
}

#[test]
fn a_save_into_a_missing_folder_fails_clearly() {
    let err =
        document::save(&sample(), std::path::Path::new("/nonexistent/dir/doc.ron")).unwrap_err();
    assert!(matches!(err, DocumentError::Save { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("/nonexistent/dir/doc.ron"), "{message}");
    assert!(message.contains("folder not found"), "{message}");
    assert!(message.contains("nothing written"), "{message}");
}

#[test]
fn a_newer_version_is_refused_with_a_clear_message() {
    let text = document::to_string(&sample()).replacen(
        &format!("version: {CURRENT_VERSION},"),
        "version: 99,",
        1,
    );
    let err = load_text(&text).unwrap_err();
    assert_eq!(
        err,
        DocumentError::NewerVersion {
            path: "test.ron".into(),
            found: 99
        }
    );
    assert!(err.to_string().contains("升级"));
}

#[test]
fn a_version_1_file_is_migrated() {
    let doc = document::load(std::path::Path::new("tests/data/v1-small.ron")).unwrap();
    let community = doc.unit_by_code("S1-C1").unwrap();
    assert_eq!(community.org_type, OrgType::GeneralBranch);
    assert_eq!(community.kind_label.as_deref(), Some("社区党总支"));
    assert_eq!(
        doc.unit_by_code("S1-C1-B1-G1")
            .unwrap()
            .kind_label
            .as_deref(),
        Some("楼栋党小组")
    );
    let sun = doc.members.values().find(|m| m.name == "孙强").unwrap();
    assert_eq!(sun.category, Category::Probationary);
    let zhao = doc.members.values().find(|m| m.name == "赵敏").unwrap();
    assert_eq!(zhao.category, Category::Full);
    // Migrated documents are saved in the current version.
    let text = document::to_string(&doc);
    assert!(text.contains(&format!("version: {CURRENT_VERSION},")));
    assert_eq!(load_text(&text).unwrap(), doc);
}

#[test]
fn something_that_is_not_a_document_is_refused() {
    let err = load_text("hello world").unwrap_err();
    assert!(matches!(err, DocumentError::MissingVersion { .. }), "{err}");
    let err = document::from_bytes(b"(version: 2, title: \"\xff\xfe\"", "bad.ron").unwrap_err();
    assert!(
        matches!(err, DocumentError::Encoding { line: 1, .. }),
        "{err}"
    );
}

fn syntax_position(err: &DocumentError) -> (usize, usize) {
    match err {
        DocumentError::Syntax { line, column, .. } => (*line, *column),
        other => panic!("expected a syntax error, got {other}"),
    }
}

#[test]
fn a_truncated_file_names_the_end_as_the_place() {
    let text = document::to_string(&sample());
    let cut = &text[..text.len() / 2];
    let err = load_text(cut).unwrap_err();
    let (line, _) = syntax_position(&err);
    assert!(line >= cut.lines().count() - 1, "{err}");
    assert!(err.to_string().contains("test.ron:"), "{err}");
}

#[test]
fn a_wrong_type_is_reported_at_its_line_and_column() {
    let text = "(\n    version: 2,\n    title: \"x\",\n    next_id: \"many\",\n    units: [],\n)";
    let err = load_text(text).unwrap_err();
    assert_eq!(syntax_position(&err).0, 4, "{err}");
    assert!(err.to_string().starts_with("test.ron:4:"), "{err}");
}

#[test]
fn an_unknown_level_is_refused_with_the_expected_ones() {
    let text = "(\n    version: 2,\n    title: \"x\",\n    next_id: 2,\n    units: [\n        (id: 1, code: \"A\", name: \"A\", level: Province),\n    ],\n)";
    let err = load_text(text).unwrap_err();
    assert_eq!(syntax_position(&err).0, 6, "{err}");
    let message = err.to_string();
    assert!(
        message.contains("Province") && message.contains("Street"),
        "{message}"
    );
}

fn with_units(units: &str) -> String {
    format!(
        "(\n    version: 2,\n    title: \"x\",\n    next_id: 10,\n    units: [\n{units}\n    ],\n)"
    )
}

fn invalid_message(err: DocumentError) -> (usize, String) {
    match err {
        DocumentError::Invalid { line, message, .. } => (line, message),
        other => panic!("expected an invalid-document error, got {other}"),
    }
}

#[test]
fn a_duplicate_code_is_refused_naming_the_code() {
    let text = with_units(
        "        (id: 1, code: \"A\", name: \"街道\", level: Street),\n        (id: 2, code: \"A\", name: \"社区\", level: Community, parent: 1),",
    );
    let (line, message) = invalid_message(load_text(&text).unwrap_err());
    assert_eq!(line, 7);
    assert!(
        message.contains("duplicate code") && message.contains('A'),
        "{message}"
    );
}

#[test]
fn a_dangling_parent_is_refused() {
    let text = with_units(
        "        (id: 1, code: \"A\", name: \"街道\", level: Street),\n        (id: 2, code: \"B\", name: \"社区\", level: Community, parent: 7),",
    );
    let (line, message) = invalid_message(load_text(&text).unwrap_err());
    assert_eq!(line, 7);
    assert!(
        message.contains("dangling parent") && message.contains("#7"),
        "{message}"
    );
}

#[test]
fn a_cycle_is_refused() {
    let text = with_units(
        "        (id: 1, code: \"A\", name: \"甲\", level: Community, parent: 2),\n        (id: 2, code: \"B\", name: \"乙\", level: Branch, parent: 1),",
    );
    let (_, message) = invalid_message(load_text(&text).unwrap_err());
    assert!(message.contains("cycle"), "{message}");
}

#[test]
fn a_duplicate_id_is_refused() {
    let text = with_units(
        "        (id: 1, code: \"A\", name: \"甲\", level: Street),\n        (id: 1, code: \"B\", name: \"乙\", level: Street),",
    );
    let (_, message) = invalid_message(load_text(&text).unwrap_err());
    assert!(message.contains("duplicate id"), "{message}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let text = format!("(version: 2, title: {}", "[".repeat(10_000));
    assert!(load_text(&text).is_err());
}

#[test]
fn a_member_whose_unit_is_gone_still_loads_for_the_checks_to_report() {
    let text = "(\n    version: 2,\n    title: \"x\",\n    next_id: 3,\n    units: [\n        (id: 1, code: \"A\", name: \"街道\", level: Street),\n    ],\n    members: [\n        (id: 2, name: \"张三\", unit: 99),\n    ],\n)";
    let doc = load_text(text).unwrap();
    assert_eq!(doc.members.len(), 1);
    assert_eq!(doc.roots().next().unwrap().level, Level::Street);
}
