//! Control characters never reach a terminal raw. A unit name holding
//! `ESC[2J ESC]0;…BEL` cleared the screen and retitled the terminal in `check`
//! and `stats`; a newline forged finding lines; import errors echoed cells raw.
//! Now the import turns line breaks and tabs into spaces and refuses the rest,
//! the editor refuses them, and whatever still comes in (a `.ron` written by
//! another program) is printed escaped.

use gridorg::edit::{Command, History};
use gridorg::generate::sample;
use gridorg::model::{Document, Level};
use gridorg::workbook::{self, WorkbookError};
use std::io::Read;
use std::path::Path;
use std::process::{Command as Process, Output};

fn gridorg(args: &[&str]) -> Output {
    Process::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Clears the screen, retitles the terminal, then forges a finding line and
/// reverses what follows.
const HOSTILE: &str =
    "幸福\u{1b}[2J\u{1b}]0;pwned\u{7}社区\n  [grid-uncovered] 伪造的发现\u{202e}cba\u{0}\u{9b}31m";

/// Whether `c` may appear raw in text output: printable, or the text's own
/// newlines and tabs.
fn printable(c: char) -> bool {
    c == '\n' || c == '\t' || !gridorg::controls::is_control(c)
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8 output");
    if let Some(c) = text.chars().find(|&c| !printable(c)) {
        panic!("{what}: raw {c:?} in output:\n{}", text.escape_debug());
    }
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("[grid-uncovered] 伪造"),
            "{what}: a forged line: {line}"
        );
    }
}

fn hostile_document(dir: &Path) -> String {
    let mut doc = sample();
    doc.title = format!("标题{HOSTILE}");
    let community = doc
        .units
        .values_mut()
        .find(|u| u.level == Level::Community)
        .unwrap();
    community.name = HOSTILE.to_string();
    community.code = format!("C{HOSTILE}");
    let grid = doc.grids.values_mut().next().unwrap();
    grid.name = HOSTILE.to_string();
    let member = doc.members.values_mut().next().unwrap();
    member.name = HOSTILE.to_string();
    let path = dir.join("hostile.ron");
    gridorg::document::save(&doc, &path).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn check_and_stats_print_hostile_names_escaped_on_their_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let ron = hostile_document(dir.path());
    for args in [
        vec!["check", &ron],
        vec!["stats", &ron],
        vec!["check", &ron, "--format", "json"],
        vec!["stats", &ron, "--format", "json"],
    ] {
        let out = gridorg(&args);
        assert_ne!(out.status.code(), Some(2), "{args:?}");
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    let text = String::from_utf8(gridorg(&["check", &ron]).stdout).unwrap();
    assert!(
        text.contains("幸福\\u{1b}[2J\\u{1b}]0;pwned\\u{7}社区\\u{a}"),
        "{text}"
    );
    // JSON stays JSON, and the name comes back whole from it.
    let json: serde_json::Value =
        serde_json::from_slice(&gridorg(&["stats", &ron, "--format", "json"]).stdout).unwrap();
    let names: Vec<&str> = json["communities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(names.contains(&HOSTILE));
}

/// A document exported with rust_xlsxwriter, which stores a control character
/// as `_x001B_` (calamine decodes it back), and a line break as itself.
fn workbook_of(doc: &Document, dir: &Path) -> std::path::PathBuf {
    let path = dir.join("西园街道.xlsx");
    std::fs::write(&path, workbook::export(doc).unwrap()).unwrap();
    path
}

/// The cells' text as the workbook stores it: its worksheets, whose data
/// sheets hold their strings inline (written in constant memory), and the
/// shared strings of the others.
fn stored_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/") || name == "xl/sharedStrings.xml" {
            entry.read_to_string(&mut xml).unwrap();
        }
    }
    xml
}

#[test]
fn a_workbook_cell_with_an_escape_is_refused_naming_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = sample();
    let unit = doc
        .units
        .values_mut()
        .find(|u| u.level == Level::Group)
        .unwrap();
    unit.name = "第一党小组\u{1b}[2J".into();
    let path = workbook_of(&doc, dir.path());
    assert!(stored_text(&path).contains("_x001B_"));
    let Err(WorkbookError::Invalid { problems, .. }) = workbook::import(&path) else {
        panic!("a cell holding ESC was imported");
    };
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        lines.iter().any(|l| l.starts_with("组织 第")
            && l.contains("名称(B列)")
            && l.contains("U+001B")
            && l.contains("control character")),
        "{lines:?}"
    );
    // Through the command line too: nothing raw on the terminal, nothing written.
    let out_ron = dir.path().join("out.ron");
    let out = gridorg(&[
        "import",
        path.to_str().unwrap(),
        "-o",
        out_ron.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_clean("import stderr", &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("第一党小组\\u{1b}[2J"));
    assert!(!out_ron.exists());
}

#[test]
fn a_csv_cell_with_a_raw_control_character_is_refused_naming_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("西园街道");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("组织.csv"),
        "编码*,名称*,层级*,上级编码\nS1,西园街道,街道,\nC1,幸福\u{202e}社区,社区,S1\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("网格.csv"),
        "网格编码*,网格名称*,所属社区编码*\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("党员.csv"),
        "姓名*,人员类别*,所在组织编码*\n张\u{1b}三,正式党员,C1\n",
    )
    .unwrap();
    let Err(WorkbookError::Invalid { problems, .. }) = workbook::import(&folder) else {
        panic!("cells holding control characters were imported");
    };
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    for (place, code) in [
        ("组织.csv 第3行 名称(B列)", "U+202E"),
        ("党员.csv 第2行 姓名(A列)", "U+001B"),
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(place) && l.contains(code)),
            "no {place} {code}: {lines:?}"
        );
    }
    for line in &lines {
        assert!(line.chars().all(printable), "{}", line.escape_debug());
    }
}

#[test]
fn line_breaks_and_tabs_in_a_cell_import_as_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = sample();
    let household = doc.households.values_mut().next().unwrap();
    household.address = Some("幸福路 3号楼\r\n2单元\t301".into());
    let unit = doc
        .units
        .values_mut()
        .find(|u| u.level == Level::Group)
        .unwrap();
    unit.name = "第一\n党小组".into();
    let path = workbook_of(&doc, dir.path());
    let imported = workbook::import(&path).unwrap_or_else(|e| panic!("{e}"));
    let back = &imported.document;
    let address = back
        .households
        .values()
        .find_map(|h| h.address.as_deref().filter(|a| a.starts_with("幸福路")))
        .unwrap();
    assert_eq!(address, "幸福路 3号楼 2单元 301");
    assert!(back.units.values().any(|u| u.name == "第一 党小组"));
}

#[test]
fn the_editor_refuses_a_control_character_and_reads_a_line_break_as_a_space() {
    let mut doc = sample();
    let mut history = History::new();
    let before = doc.clone();
    let street = doc
        .units
        .values()
        .find(|u| u.level == Level::Street)
        .unwrap()
        .id;
    for name in ["幸福\u{1b}[2J社区", "幸福\n社区", "幸福\u{202e}社区"] {
        let refused = history
            .apply(
                &mut doc,
                &Command::AddUnit {
                    parent: Some(street),
                    level: Level::Community,
                    code: "NEW".into(),
                    name: name.into(),
                },
            )
            .unwrap_err();
        assert!(refused.message.contains("名称"), "{refused}");
        assert!(refused.message.contains("control character"), "{refused}");
    }
    let mut unit = doc.units[&street].clone();
    unit.leader = Some("王\u{7}五".into());
    let refused = history
        .apply(&mut doc, &Command::UpdateUnit(unit))
        .unwrap_err();
    assert!(refused.message.contains("负责人"), "{refused}");
    assert_eq!(doc, before);
    // The editor's fields read pasted line breaks as spaces, and refuse the rest.
    use gridorg::edit::fields;
    assert_eq!(
        fields::required("幸福\r\n社区", "名称").unwrap(),
        "幸福 社区"
    );
    assert!(fields::required("幸福\u{1b}社区", "名称")
        .unwrap_err()
        .contains("U+001B"));
    assert_eq!(
        fields::optional("3号楼\n2单元").as_deref(),
        Some("3号楼 2单元")
    );
    assert!(fields::date("2020-05-01\u{1b}").is_err());
}
