//! The command line as scripts use it: exit codes, JSON shapes, error messages.

use serde_json::Value;
use std::collections::BTreeSet;
use std::process::{Command, Output};

fn gridorg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

const SAMPLE: &str = "sample-data/xiyuan.ron";

/// The sample's deliberate gaps (src/generate/sample.rs), and nothing else.
const SAMPLE_GAPS: &[(&str, &str)] = &[
    ("grid-uncovered", "XY01-W09"),
    ("grid-uncovered", "XY01-W10"),
    ("id-number-invalid", "XY02-G2"),
    ("term-expired", "XY04-B3"),
    ("leader-vacant", "XY04-B4-G2"),
    ("branch-too-few-members", "XY04-B5"),
    ("probation-overdue", "XY03-G1"),
    ("household-no-links", "XY03-G2-H2"),
    ("grid-multi-covered", "XY04-W06"),
    ("grid-no-worker", "XY04-W10"),
    ("grid-size", "XY02-W03"),
    ("grid-size", "XY02-W04"),
    ("grid-size", "XY02-W05"),
];

#[test]
fn check_finds_every_deliberate_gap_of_the_sample_and_nothing_else() {
    let output = gridorg(&["check", SAMPLE, "--today", "2026-11-23", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "errors were found");
    let json = stdout_json(&output);
    let found: BTreeSet<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            for key in ["rule", "severity", "code", "name", "message"] {
                assert!(f[key].is_string(), "finding without {key}: {f}");
            }
            (
                f["rule"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = SAMPLE_GAPS
        .iter()
        .map(|(r, c)| (r.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expected);
    let summary = &json["summary"];
    assert_eq!(summary["errors"], 6);
    assert_eq!(summary["warnings"], 4);
    assert_eq!(summary["infos"], 3);
}

#[test]
fn check_text_groups_findings_by_severity_and_shows_coverage() {
    let output = gridorg(&["check", SAMPLE, "--today", "2026-11-23"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let errors = text.find("== 错误 (error) ==").unwrap();
    let warnings = text.find("== 警告 (warning) ==").unwrap();
    let infos = text.find("== 提示 (info) ==").unwrap();
    assert!(errors < warnings && warnings < infos);
    let uncovered = text.find("[grid-uncovered]").unwrap();
    assert!(errors < uncovered && uncovered < warnings);
    assert!(
        text.contains("迎宾馆社区党总支"),
        "coverage table per community"
    );
}

#[test]
fn check_exits_0_when_a_rules_file_leaves_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.ron");
    let severities: Vec<String> = gridorg::check::Rule::ALL
        .iter()
        .map(|r| format!("\"{}\": warning", r.id()))
        .collect();
    std::fs::write(
        &rules,
        format!("(severities: {{{}}})", severities.join(", ")),
    )
    .unwrap();
    let output = gridorg(&[
        "check",
        SAMPLE,
        "--today",
        "2026-11-23",
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let json = stdout_json(&output);
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["summary"]["warnings"], 13);
}

#[test]
fn bad_input_and_bad_usage_exit_2_with_a_message() {
    let output = gridorg(&["check", "no/such/file.ron"]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.contains("no/such/file.ron") && err.contains("io error"),
        "{err}"
    );

    let output = gridorg(&["check", SAMPLE, "--today", "23.11.2026"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));

    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(\n    version: 2,\n    title: 5,\n)").unwrap();
    let output = gridorg(&["stats", broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("broken.ron:3:"), "line:column named: {err}");

    assert_eq!(gridorg(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn stats_json_counts_follow_the_seed_reports() {
    let output = gridorg(&["stats", SAMPLE, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json = stdout_json(&output);
    for key in [
        "streets",
        "groups",
        "branches",
        "central_households",
        "linked_households",
        "grids",
        "grids_covered",
        "grid_households",
        "members",
        "members_full",
        "members_probationary",
    ] {
        assert!(json[key].is_u64(), "missing count {key}");
    }
    assert_eq!(json["streets"], 1);
    let communities = json["communities"].as_array().unwrap();
    assert_eq!(communities.len(), 4);
    let community = |name: &str| {
        communities
            .iter()
            .find(|c| c["name"].as_str().unwrap().starts_with(name))
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let ybg = community("迎宾馆社区");
    assert_eq!(ybg["grids"], 10);
    assert_eq!(ybg["branches"], 2);
    assert_eq!(ybg["groups"], 3);
    assert_eq!(ybg["members"], 60);
    assert_eq!(ybg["grids_covered"], 8);
    let beida = community("北大社区");
    assert_eq!(beida["grids"], 5);
    assert_eq!(beida["members"], 49);
    assert_eq!(beida["branches"], 0);
    let members: u64 = communities
        .iter()
        .map(|c| c["members"].as_u64().unwrap())
        .sum();
    assert!(json["members"].as_u64().unwrap() >= members);
    assert_eq!(
        json["members"].as_u64().unwrap(),
        json["members_full"].as_u64().unwrap() + json["members_probationary"].as_u64().unwrap()
    );
}

#[test]
fn generate_is_deterministic_and_writes_a_loadable_document() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    let c = dir.path().join("c.ron");
    for (path, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        let output = gridorg(&[
            "generate",
            "--preset",
            "street",
            "--seed",
            seed,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
    }
    let (a, b, c) = (
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        std::fs::read(&c).unwrap(),
    );
    assert_eq!(a, b);
    assert_ne!(a, c);
    let doc = gridorg::document::from_bytes(&a, "a.ron").unwrap();
    assert!(
        doc.units.len() > 500,
        "a street preset has hundreds of units"
    );
}

#[test]
fn a_reader_that_stops_early_does_not_make_check_panic() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["check", SAMPLE, "--today", "2026-11-23"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_masked_export_holds_no_whole_id_or_phone_number() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shared.xlsx");
    let run = gridorg(&["export", SAMPLE, "-o", out.to_str().unwrap(), "--masked"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let cells: Vec<String> = book
        .sheet_names()
        .into_iter()
        .flat_map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            range
                .cells()
                .map(|(_, _, c)| c.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let doc = gridorg::document::load(std::path::Path::new(SAMPLE)).unwrap();
    for m in doc.members.values() {
        if let Some(id) = &m.id_number {
            assert!(
                !cells.iter().any(|c| c.contains(id.as_str())),
                "{id} exported whole"
            );
            let masked = gridorg::mask::id_number(id);
            assert!(masked.ends_with("******"), "{masked}");
            assert!(cells.contains(&masked), "{masked} missing");
        }
        if let Some(p) = &m.phone {
            assert!(
                !cells.iter().any(|c| c.contains(p.as_str())),
                "{p} exported whole"
            );
        }
    }
}

#[test]
fn a_device_a_pipe_or_a_folder_given_as_input_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    let sample = "sample-data/xiyuan.ron";
    let out = dir.path().join("out.ron");
    let out = out.to_str().unwrap();
    for args in [
        vec!["check", "/dev/zero"],
        vec!["check", fifo],
        vec!["report", "/dev/zero"],
        vec!["diff", "/dev/zero", sample],
        vec!["diff", sample, fifo],
        vec!["merge", sample, sample, fifo, "-o", out],
        vec!["merge", "/dev/zero", sample, sample, "-o", out],
    ] {
        let output = gridorg(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("(not a regular file)"),
            "{args:?}: {stderr}"
        );
        assert!(!std::path::Path::new(out).exists(), "{args:?} wrote");
    }
}
