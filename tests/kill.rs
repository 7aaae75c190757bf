//! Every command that writes a file, killed (SIGKILL) at random moments: the
//! output path then holds nothing, the old file byte for byte, or a complete new
//! file — never a fragment; a backup is the old file whole; and the temporary
//! files the killed runs leave are gone after the next save into the folder.

use gridorg::model::Document;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Wall-clock time given to each command's kill loop (its first, measured run
/// not included).
const BUDGET: Duration = Duration::from_secs(4);
/// At most this many kills of one command.
const MAX_KILLS: usize = 40;

/// A command that writes `out`, and what a complete output looks like.
struct Case {
    name: &'static str,
    args: Vec<String>,
    kind: Kind,
}

#[derive(Clone, Copy)]
enum Kind {
    /// A `.ron` document equal to the one the uninterrupted run wrote.
    Document,
    /// An `.xlsx` workbook whose every part unzips; if `imports`, it imports back
    /// to the sample document.
    Workbook { imports: bool },
    /// A PDF that ends with `%%EOF` and parses.
    Pdf,
}

fn gridorg(args: &[String]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gridorg"));
    command
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn cases(sample: &Path, workbook: &Path, out: &Path) -> Vec<Case> {
    let s = |p: &Path| p.display().to_string();
    let o = |ext: &str| s(&out.with_extension(ext));
    let case = |name, args: &[&str], kind| Case {
        name,
        args: args.iter().map(|a| a.to_string()).collect(),
        kind,
    };
    vec![
        case(
            "import",
            &["import", &s(workbook), "-o", &o("ron")],
            Kind::Document,
        ),
        case(
            "generate",
            &["generate", "--preset", "street", "-o", &o("ron")],
            Kind::Document,
        ),
        case(
            "export",
            &["export", &s(sample), "-o", &o("xlsx")],
            Kind::Workbook { imports: true },
        ),
        case(
            "export --masked",
            &["export", &s(sample), "--masked", "-o", &o("xlsx")],
            Kind::Workbook { imports: false },
        ),
        case(
            "template",
            &["template", "-o", &o("xlsx")],
            Kind::Workbook { imports: false },
        ),
        case(
            "chart",
            &[
                "chart",
                &s(sample),
                "--today",
                "2025-06-01",
                "-o",
                &o("pdf"),
            ],
            Kind::Pdf,
        ),
        case(
            "roster",
            &[
                "roster",
                &s(sample),
                "--today",
                "2025-06-01",
                "-o",
                &o("pdf"),
            ],
            Kind::Pdf,
        ),
        case(
            "poster",
            &[
                "poster",
                &s(sample),
                "--today",
                "2025-06-01",
                "-o",
                &o("pdf"),
            ],
            Kind::Pdf,
        ),
    ]
}

/// Why `bytes` are not a complete output of this kind, if they are not.
/// What a document holds, ids aside: its units', grids' and buildings'
/// codes, its members' and households' names, in order.
fn records(d: &Document) -> Vec<Vec<String>> {
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    vec![
        vec![d.title.clone()],
        sorted(
            d.units
                .values()
                .map(|u| format!("{} {}", u.code, u.name))
                .collect(),
        ),
        sorted(d.grids.values().map(|g| g.code.clone()).collect()),
        sorted(d.buildings.values().map(|b| b.code.clone()).collect()),
        sorted(d.members.values().map(|m| m.name.clone()).collect()),
        sorted(d.households.values().map(|h| h.head.clone()).collect()),
    ]
}

fn incomplete(kind: Kind, bytes: &[u8], reference: &[u8], sample: &Document) -> Option<String> {
    match kind {
        Kind::Document => {
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Some("not UTF-8".into());
            };
            match gridorg::document::from_str(text, "out.ron") {
                Err(e) => Some(e.to_string()),
                Ok(_) if bytes == reference => None,
                // An import makes a new structure with new ids each run: the
                // same records, under other ids and another identity.
                Ok(read) => {
                    let complete = std::str::from_utf8(reference)
                        .ok()
                        .and_then(|r| gridorg::document::from_str(r, "reference.ron").ok());
                    match complete {
                        Some(complete) if records(&read) == records(&complete) => None,
                        _ => Some("differs from the complete output".into()),
                    }
                }
            }
        }
        Kind::Workbook { imports } => {
            if let Err(e) = unzips(bytes) {
                return Some(e);
            }
            if !imports {
                return None;
            }
            match gridorg::workbook::import_xlsx(bytes, "out.xlsx") {
                Err(e) => Some(e.to_string()),
                Ok(imported) => {
                    let mut expected = sample.clone();
                    expected.acknowledgements.clear();
                    (imported.document.units.len() != expected.units.len()
                        || imported.document.members.len() != expected.members.len())
                    .then(|| "imports to another document".into())
                }
            }
        }
        Kind::Pdf => {
            let end = bytes.trim_ascii_end();
            if !end.ends_with(b"%%EOF") {
                return Some("no %%EOF at the end".into());
            }
            lopdf::Document::load_mem(bytes)
                .err()
                .map(|e| format!("lopdf: {e}"))
        }
    }
}

/// Every entry of a zip archive unzips with a matching checksum.
fn unzips(bytes: &[u8]) -> Result<(), String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("zip: {e}"))?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| format!("zip: {e}"))?;
        std::io::copy(&mut entry, &mut std::io::sink()).map_err(|e| format!("zip entry: {e}"))?;
    }
    Ok(())
}

/// Temporary files of ours in a folder.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".gridorg-"))
        })
        .collect()
}

#[test]
fn a_killed_command_leaves_nothing_the_old_file_or_a_complete_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let sample_doc = gridorg::generate::sample();
    let sample = dir.path().join("西园.ron");
    gridorg::document::save(&sample_doc, &sample).unwrap();
    let workbook = dir.path().join("西园.xlsx");
    std::fs::write(&workbook, gridorg::workbook::export(&sample_doc).unwrap()).unwrap();

    let mut rng = ChaCha8Rng::seed_from_u64(8);
    let mut report = Vec::new();
    let mut total = 0;
    let started = Instant::now();
    for (n, case) in cases(&sample, &workbook, Path::new("输出"))
        .into_iter()
        .enumerate()
    {
        // Each command in its own folder, so its leftovers are its own.
        let folder = dir.path().join(format!("case{n}"));
        std::fs::create_dir(&folder).unwrap();
        let args: Vec<String> = case
            .args
            .iter()
            .map(|a| {
                if a.starts_with("输出") {
                    folder.join(a).display().to_string()
                } else {
                    a.clone()
                }
            })
            .collect();
        let out = PathBuf::from(args.last().unwrap());

        // One uninterrupted run: the complete output, and how long a run takes.
        let clock = Instant::now();
        let status = gridorg(&args).status().unwrap();
        let run_time = clock.elapsed();
        assert!(status.success(), "{} runs", case.name);
        let reference = std::fs::read(&out).unwrap();
        assert_eq!(
            incomplete(case.kind, &reference, &reference, &sample_doc),
            None,
            "{}: the uninterrupted output is complete",
            case.name
        );
        std::fs::remove_file(&out).unwrap();

        let (mut kills, mut absent, mut old_kept, mut new_whole) = (0, 0, 0, 0);
        let loop_start = Instant::now();
        while kills < MAX_KILLS && loop_start.elapsed() < BUDGET {
            let old = (kills % 2 == 1).then(|| format!("旧文件 old file {kills}\n").into_bytes());
            let _ = std::fs::remove_file(&out);
            let _ = std::fs::remove_file(gridorg::output::backup_path(&out));
            if let Some(old) = &old {
                std::fs::write(&out, old).unwrap();
            }
            // Half the kills anywhere in the run, half in its last third, where
            // the file is written.
            let span = run_time.as_secs_f64() * 1.1;
            let at = if rng.random_bool(0.5) {
                rng.random_range(0.0..span)
            } else {
                rng.random_range(span * 0.66..span)
            };
            let mut child = gridorg(&args).spawn().unwrap();
            std::thread::sleep(Duration::from_secs_f64(at));
            let _ = child.kill();
            child.wait().unwrap();
            kills += 1;

            match (std::fs::read(&out).ok(), &old) {
                (None, None) => absent += 1,
                (None, Some(_)) => panic!("{}: the old file vanished (kill {kills})", case.name),
                (Some(bytes), Some(old)) if &bytes == old => old_kept += 1,
                (Some(bytes), _) => {
                    if let Some(why) = incomplete(case.kind, &bytes, &reference, &sample_doc) {
                        panic!(
                            "{}: a fragment of {} bytes after kill {kills} at {at:.3} s: {why}",
                            case.name,
                            bytes.len()
                        );
                    }
                    new_whole += 1;
                }
            }
            // The backup, when there is one, is the old file whole.
            if let Ok(backup) = std::fs::read(gridorg::output::backup_path(&out)) {
                assert_eq!(Some(&backup), old.as_ref(), "{}: the backup", case.name);
            }
        }

        // The next uninterrupted save into the folder removes what the killed
        // runs left behind.
        total += kills;
        let left = temporaries(&folder).len();
        assert!(gridorg(&args).status().unwrap().success());
        assert_eq!(
            temporaries(&folder),
            Vec::<PathBuf>::new(),
            "{}: temporary files are cleaned up",
            case.name
        );
        report.push(format!(
            "{:<16} run {:>5} ms, {kills:>2} kills: {absent:>2} nothing, {old_kept:>2} old file, {new_whole:>2} complete new; {left} temporary files left by kills, removed by the next save",
            case.name,
            run_time.as_millis(),
        ));
    }
    println!("{}", report.join("\n"));
    println!(
        "kill test: {total} kills of {} commands in {:.1} s",
        report.len(),
        started.elapsed().as_secs_f64()
    );
}

/// Runs `gridorg generate` into `path` and returns its exit status and message.
fn generate_into(path: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["generate", "--preset", "street", "-o"])
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn a_save_into_a_missing_folder_or_through_a_file_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("不存在").join("街道.ron");
    let (code, message) = generate_into(&missing);
    assert_eq!(code, Some(2));
    for needle in ["不存在/街道.ron", "folder not found", "nothing written"] {
        assert!(message.contains(needle), "{needle}: {message}");
    }
    let file = dir.path().join("一个文件");
    std::fs::write(&file, "不是文件夹").unwrap();
    let (code, message) = generate_into(&file.join("街道.ron"));
    assert_eq!(code, Some(2));
    for needle in ["一个文件", "not a directory", "nothing written"] {
        assert!(message.contains(needle), "{needle}: {message}");
    }
}

/// Runs a shell script in a mount namespace of its own (so its mounts vanish
/// with it), or None where this machine does not allow that (not root).
fn in_own_mounts(script: &str, vars: &[(&str, &Path)]) -> Option<String> {
    let mut command = Command::new("unshare");
    command.args(["--mount", "--propagation", "private", "sh", "-c", script]);
    for (name, value) in vars {
        command.env(name, value);
    }
    let out = command.output().ok()?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() || !stdout.contains("mounted") {
        println!(
            "skipped: no mount namespace here ({})",
            String::from_utf8_lossy(&out.stderr).trim()
        );
        return None;
    }
    Some(stdout)
}

/// The script's part after mounting a small file system at `$DIR` with the old
/// document in it: run the save, then report what is on disk.
const SAVE_AND_LOOK: &str = r#"
"$BIN" generate --preset street -o "$DIR/街道.ron" 2>"$ERR"
echo "exit=$?"
cmp -s "$OLD" "$DIR/街道.ron" && echo "old file intact"
ls -A "$DIR"
"#;

#[test]
fn a_full_disk_or_read_only_folder_leaves_the_old_file_intact_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("旧.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v1-small.ron"),
        &old,
    )
    .unwrap();
    let mount = dir.path().join("盘");
    std::fs::create_dir(&mount).unwrap();
    let err = dir.path().join("stderr.txt");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_gridorg"));
    let vars = [
        ("DIR", mount.as_path()),
        ("OLD", old.as_path()),
        ("ERR", err.as_path()),
        ("BIN", bin.as_path()),
    ];
    // 256 kB: room for the old file, not for a street (several MB).
    let full = format!(
        r#"mount -t tmpfs -o size=256k tmpfs "$DIR" && echo mounted && cp "$OLD" "$DIR/街道.ron"{SAVE_AND_LOOK}"#
    );
    let read_only = format!(
        r#"mount -t tmpfs -o size=1m tmpfs "$DIR" && echo mounted && cp "$OLD" "$DIR/街道.ron" && mount -o remount,ro "$DIR"{SAVE_AND_LOOK}"#
    );
    for (case, script, keyword) in [
        ("full disk", full, "disk full"),
        ("read-only folder", read_only, "read-only file system"),
    ] {
        let Some(seen) = in_own_mounts(&script, &vars) else {
            return;
        };
        let message = std::fs::read_to_string(&err).unwrap();
        assert!(seen.contains("exit=2"), "{case}: {seen} {message}");
        assert!(seen.contains("old file intact"), "{case}: {seen}");
        let files: Vec<&str> = seen
            .lines()
            .filter(|l| {
                !l.starts_with("exit=") && !l.starts_with("mounted") && !l.starts_with("old")
            })
            .collect();
        assert_eq!(files, ["街道.ron"], "{case}: no temporary file, no backup");
        for needle in ["街道.ron", keyword, "old file intact"] {
            assert!(message.contains(needle), "{case}: {needle}: {message}");
        }
        println!("{case}: {}", message.trim());
    }
}

#[test]
fn a_folder_the_user_may_not_write_leaves_the_old_file_intact_and_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("别人的");
    std::fs::create_dir(&folder).unwrap();
    let target = folder.join("街道.ron");
    std::fs::write(&target, "旧内容").unwrap();
    for path in [dir.path(), folder.as_path(), target.as_path()] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // As root the permission bits do not apply: run as nobody instead.
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_gridorg"))
        .args(["generate", "--preset", "street", "-o"])
        .arg(&target)
        .output();
    let Some(out) = out
        .ok()
        .filter(|o| !String::from_utf8_lossy(&o.stderr).contains("setpriv:"))
    else {
        println!("skipped: cannot run as another user here");
        return;
    };
    let message = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{message}");
    for needle in ["街道.ron", "permission denied", "old file intact"] {
        assert!(message.contains(needle), "{needle}: {message}");
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "旧内容");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
}
