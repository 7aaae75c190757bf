//! The recovery journal: edits made in an editor that is killed before saving
//! come back on the next start, exactly, and only against the same document.

use gridorg::document;
use gridorg::edit::{Command, GridDetails, History};
use gridorg::generate::sample;
use gridorg::journal::{self, Entry, Journal};
use gridorg::model::{Document, Level};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

/// The environment variable that makes this test binary act as the editor of
/// the hard-kill test; its value is the document's path.
const CHILD: &str = "GRIDORG_JOURNAL_TEST_EDITOR";
/// What the killed editor prints once its edits are journaled.
const READY: &str = "editor-ready";
/// How many edits the killed editor makes.
const KILLED_EDITS: usize = 120;

/// The `step`-th edit of a session, chosen from the document as it is then, the
/// way a user clicks through the editor: renames, a new grid and branch, undo
/// and redo, a deletion undone, a member moved.
fn step(document: &Document, step: usize) -> Entry {
    let community = document
        .units
        .values()
        .find(|u| {
            u.level == Level::Branch
                && u.parent
                    .is_some_and(|p| document.units[&p].level == Level::Community)
        })
        .and_then(|u| u.parent)
        .expect("the sample has a community with branches");
    let members: Vec<_> = document.members.values().collect();
    let member = members[step * 7 % members.len()];
    match step % 10 {
        0 => Entry::Apply(Command::SetTitle(format!("恢复测试 第{step}步"))),
        1 => {
            let mut renamed = member.clone();
            renamed.name = format!("改名{step}");
            renamed.phone = Some(format!("1390000{step:04}"));
            Entry::Apply(Command::UpdateMember(renamed))
        }
        2 => Entry::Apply(Command::AddGrid {
            community,
            code: format!("RW-{step}"),
            name: format!("恢复网格{step}"),
            details: GridDetails::default(),
        }),
        3 => Entry::Undo,
        4 => Entry::Redo,
        5 => Entry::Apply(Command::DeleteMember(member.id)),
        6 => Entry::Undo,
        7 => Entry::Apply(Command::AddUnit {
            parent: Some(community),
            level: Level::Branch,
            code: format!("RB-{step}"),
            name: format!("恢复支部{step}"),
        }),
        8 => Entry::Apply(Command::AssignMember {
            member: member.id,
            unit: community,
        }),
        _ => Entry::Undo,
    }
}

/// Applies an entry as the editor does: through the history, journaled only if
/// it took effect.
fn edit(document: &mut Document, history: &mut History, journal: &mut Journal, entry: Entry) {
    let took = match &entry {
        Entry::Apply(command) => history.apply(document, command).is_ok(),
        Entry::Undo => history.undo(document).is_some(),
        Entry::Redo => history.redo(document).is_some(),
        Entry::Created(_) => unreachable!("the journal writes these itself"),
    };
    if took {
        journal.record(&entry).expect("the journal is written");
    }
}

/// Makes `count` edits on `document`, journaling them.
fn session(document: &mut Document, journal: &mut Journal, count: usize) -> History {
    let mut history = History::new();
    for i in 0..count {
        let entry = step(document, i);
        edit(document, &mut history, journal, entry);
    }
    history
}

/// Saves the sample as a document in a fresh folder.
fn saved_sample() -> (tempfile::TempDir, std::path::PathBuf, Document) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("西园街道.ron");
    let base = sample();
    document::save(&base, &path).unwrap();
    let base = document::load(&path).unwrap();
    (dir, path, base)
}

#[test]
fn edits_left_unsaved_are_offered_and_replay_to_the_same_document() {
    let (_dir, path, base) = saved_sample();
    let mut edited = base.clone();
    let mut journal = Journal::start(Some(&path), &base).unwrap();
    session(&mut edited, &mut journal, 40);
    drop(journal); // the editor goes away without saving

    let recovery = journal::pending(Some(&path), &base).expect("the edits are offered");
    assert!(!recovery.torn);
    assert!(recovery.edits() > 0 && recovery.edits() < recovery.entries.len());
    let mut restored = document::load(&path).unwrap();
    let mut history = History::new();
    let replayed = recovery.replay(&mut restored, &mut history).unwrap();
    assert_eq!(replayed, recovery.entries.len());
    assert_eq!(restored, edited);
    assert_eq!(document::to_string(&restored), document::to_string(&edited));
    // The restored edits are the user's to undo, back to the saved document.
    assert!(history.is_modified());
    while history.undo(&mut restored).is_some() {}
    assert_eq!(restored, base);
}

#[test]
fn a_record_cut_short_by_a_kill_is_ignored_and_the_journal_goes_on_after_it() {
    let (_dir, path, base) = saved_sample();
    let mut edited = base.clone();
    let mut journal = Journal::start(Some(&path), &base).unwrap();
    session(&mut edited, &mut journal, 12);
    let full = journal::pending(Some(&path), &base).unwrap();
    // The process dies in the middle of writing one more record.
    let torn = "{\"Apply\":{\"SetTitle\":\"写到一半";
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(journal.path())
        .unwrap();
    file.write_all(format!("1234abcd {} {torn}", torn.len() + 10).as_bytes())
        .unwrap();
    drop((file, journal));

    let recovery = journal::pending(Some(&path), &base).unwrap();
    assert!(recovery.torn);
    assert_eq!(recovery.entries, full.entries);
    let mut restored = base.clone();
    let mut history = History::new();
    recovery.replay(&mut restored, &mut history).unwrap();
    assert_eq!(restored, edited);

    // Restored, the journal goes on: the torn record is cut off, a new edit
    // follows, and a second kill loses nothing.
    let mut journal = recovery.resume(full.entries.len()).unwrap();
    edit(
        &mut restored,
        &mut history,
        &mut journal,
        Entry::Apply(Command::SetTitle("续写".into())),
    );
    drop(journal);
    let again = journal::pending(Some(&path), &base).unwrap();
    assert!(!again.torn);
    assert_eq!(again.entries.len(), full.entries.len() + 1);
    let mut twice = base.clone();
    again.replay(&mut twice, &mut History::new()).unwrap();
    assert_eq!(twice, restored);
}

#[test]
fn a_journal_is_offered_only_against_the_document_it_started_from() {
    let (_dir, path, base) = saved_sample();
    let mut edited = base.clone();
    let mut journal = Journal::start(Some(&path), &base).unwrap();
    session(&mut edited, &mut journal, 5);
    drop(journal);
    // Someone else changed the file meanwhile: the edits do not apply to it.
    let mut other = base.clone();
    other.title = "另一个版本".into();
    assert!(journal::pending(Some(&path), &other).is_none());
    assert!(journal::pending(Some(&path), &base).is_some());
    // Nor is it offered for another document.
    let elsewhere = path.with_file_name("另一个.ron");
    assert!(journal::pending(Some(&elsewhere), &base).is_none());
}

#[test]
fn saving_starts_the_journal_afresh_and_discarding_removes_it() {
    let (_dir, path, base) = saved_sample();
    let mut edited = base.clone();
    let mut journal = Journal::start(Some(&path), &base).unwrap();
    let journal_file = journal.path().to_path_buf();
    assert!(
        !journal_file.exists(),
        "no file until there is an edit to keep"
    );
    let mut history = session(&mut edited, &mut journal, 6);
    assert!(journal_file.exists());
    document::save(&edited, &path).unwrap();
    journal.saved(Some(&path), &edited).unwrap();
    history.mark_saved();
    assert!(journal::pending(Some(&path), &edited).is_none());
    edit(
        &mut edited,
        &mut history,
        &mut journal,
        Entry::Apply(Command::SetTitle("保存之后".into())),
    );
    let recovery = journal::pending(Some(&path), &document::load(&path).unwrap()).unwrap();
    assert_eq!(recovery.entries.len(), 1);
    journal.discard().unwrap();
    assert!(!journal_file.exists());
    assert!(journal::pending(Some(&path), &edited).is_none());
}

#[test]
fn an_unsaved_document_is_journaled_in_the_data_folder_with_its_base() {
    let data = tempfile::tempdir().unwrap();
    // The only test in this binary that uses the data folder.
    std::env::set_var("GRIDORG_DATA_DIR", data.path());
    let mut base = Document::new("新建文档");
    let mut history = History::new();
    let street = history
        .apply(
            &mut base,
            &Command::AddUnit {
                parent: None,
                level: Level::Street,
                code: "S9".into(),
                name: "新街道党工委".into(),
            },
        )
        .unwrap();
    assert!(street.created.is_some());
    let mut edited = base.clone();
    let mut journal = Journal::start(None, &base).unwrap();
    assert!(journal.path().starts_with(data.path()));
    edit(
        &mut edited,
        &mut history,
        &mut journal,
        Entry::Apply(Command::SetTitle("未保存的新文档".into())),
    );
    drop(journal);
    // The next start opens the bundled sample; the journal brings its own base.
    let recovery = journal::pending(None, &sample()).expect("offered");
    let mut restored = sample();
    recovery.replay(&mut restored, &mut History::new()).unwrap();
    assert_eq!(restored, edited);
    recovery.discard().unwrap();
    assert!(journal::pending(None, &sample()).is_none());
}

#[test]
fn a_step_that_no_longer_applies_stops_the_replay_and_says_which() {
    let (_dir, path, base) = saved_sample();
    let mut edited = base.clone();
    let mut journal = Journal::start(Some(&path), &base).unwrap();
    let member = *base.members.keys().next().unwrap();
    let mut history = History::new();
    for entry in [
        Entry::Apply(Command::SetTitle("第一步".into())),
        Entry::Apply(Command::DeleteMember(member)),
    ] {
        edit(&mut edited, &mut history, &mut journal, entry);
    }
    // A step the editor never made, as a damaged or foreign journal might hold.
    journal
        .record(&Entry::Apply(Command::DeleteMember(member)))
        .unwrap();
    drop(journal);
    let recovery = journal::pending(Some(&path), &base).unwrap();
    let mut restored = base.clone();
    let stopped = recovery
        .replay(&mut restored, &mut History::new())
        .unwrap_err();
    assert_eq!((stopped.number, stopped.applied), (3, 2));
    assert!(stopped.to_string().contains("第 3 步"), "{stopped}");
    assert_eq!(restored, edited);
}

#[test]
fn a_step_the_journal_could_not_write_goes_out_with_the_next_one() {
    let (_dir, path, base) = saved_sample();
    let mut edited = base.clone();
    let mut history = History::new();
    let mut journal = Journal::start(Some(&path), &base).unwrap();
    // A folder in the journal's place: no file can be written there.
    std::fs::create_dir(journal.path()).unwrap();
    let add = step(&base, 2);
    let Entry::Apply(add_grid) = &add else {
        unreachable!("step 2 adds a grid")
    };
    history.apply(&mut edited, add_grid).unwrap();
    let refused = journal.record(&add).unwrap_err();
    assert!(
        refused.to_string().contains("无法写入恢复日志"),
        "{refused}"
    );
    assert!(journal::pending(Some(&path), &base).is_none());

    // The way cleared, the next step writes both, the grid's id with it.
    std::fs::remove_dir(journal.path()).unwrap();
    edit(
        &mut edited,
        &mut history,
        &mut journal,
        Entry::Apply(Command::SetTitle("写得进去了".into())),
    );
    drop(journal);
    let recovery = journal::pending(Some(&path), &base).expect("both steps are offered");
    assert_eq!(recovery.edits(), 2);
    let mut restored = base.clone();
    recovery.replay(&mut restored, &mut History::new()).unwrap();
    assert_eq!(restored, edited);
}

/// Ids for a session repeated in two processes: records added by an edit get
/// ids from the installation, so two sessions would otherwise differ in them.
fn repeatable_ids() -> gridorg::model::ids::Cursor {
    gridorg::model::ids::Cursor::run(gridorg::model::Id(1 << 40), 100_000)
}

/// The child side of the hard-kill test: an editor that opens the document,
/// journals its edits, says "ready" and waits to be killed.
fn act_as_editor(path: &Path) {
    let base = document::load(path).unwrap();
    let mut document = base.clone();
    document.ids = repeatable_ids();
    let mut journal = Journal::start(Some(path), &base).unwrap();
    let started = Instant::now();
    session(&mut document, &mut journal, KILLED_EDITS);
    let per_edit = started.elapsed() / KILLED_EDITS as u32;
    // On a line of its own: the test harness has written "test … " before it.
    println!("\n{READY} {}", per_edit.as_micros());
    std::io::stdout().flush().unwrap();
    std::thread::sleep(Duration::from_secs(600));
}

/// The ways the editor is given its document, each with the folder it is
/// started in: the full path, and each relative form typed in a shell —
/// `gridorg 西园街道.ron` in the document's own folder, `./西园街道.ron`, and
/// `../文档/西园街道.ron` from a folder beside it.
fn path_forms(root: &Path) -> Vec<(String, std::path::PathBuf)> {
    let folder = root.join("文档");
    let beside = root.join("别处");
    let full = folder.join("西园街道.ron").display().to_string();
    vec![
        (full, beside.clone()),
        ("西园街道.ron".into(), folder.clone()),
        ("./西园街道.ron".into(), folder),
        ("../文档/西园街道.ron".into(), beside),
    ]
}

#[test]
fn edits_survive_a_hard_kill_of_the_editor_whatever_the_path() {
    if let Some(path) = std::env::var_os(CHILD) {
        act_as_editor(Path::new(&path));
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("文档").join("西园街道.ron");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::create_dir(root.path().join("别处")).unwrap();
    document::save(&sample(), &path).unwrap();
    let base = document::load(&path).unwrap();

    let mut expected = base.clone();
    expected.ids = repeatable_ids();
    let mut journal = Journal::start(Some(&path.with_file_name("参照.ron")), &base).unwrap();
    session(&mut expected, &mut journal, KILLED_EDITS);
    journal.discard().unwrap();

    for (form, started_in) in path_forms(root.path()) {
        let mut child = Process::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "edits_survive_a_hard_kill_of_the_editor_whatever_the_path",
                "--nocapture",
                "--test-threads=1",
            ])
            .current_dir(&started_in)
            .env(CHILD, &form)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let ready = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map(Result::unwrap)
            .find(|line| line.starts_with(READY));
        child.kill().unwrap(); // SIGKILL: no destructor, no flush, nothing runs
        child.wait().unwrap();
        let micros: u64 = ready
            .as_deref()
            .and_then(|line| line.strip_prefix(READY))
            .unwrap_or_else(|| panic!("{form}: the editor journaled its edits"))
            .trim()
            .parse()
            .unwrap();
        println!(
            "{form}: {KILLED_EDITS} edits journaled, {micros} µs per edit (apply + write + sync)"
        );

        let reopened = document::load(&path).unwrap();
        assert_eq!(
            reopened, base,
            "{form}: the document itself was never touched"
        );
        let recovery = journal::pending(Some(&started_in.join(&form)), &reopened)
            .unwrap_or_else(|| panic!("{form}: the edits are offered"));
        let mut restored = reopened;
        recovery.replay(&mut restored, &mut History::new()).unwrap();
        assert_eq!(restored, expected, "{form}");
        recovery.discard().unwrap();
    }
}

#[test]
fn a_sheet_paste_is_journaled_as_one_edit_replays_and_saves_back() {
    use gridorg::sheet::{paste, tsv, Column, Table};
    let (dir, path, base) = saved_sample();
    let graph = gridorg::graph::Graph::build(&base);
    let branch = base.unit_by_code("XY01-B1").unwrap().id;
    let table = Table::of(&base, graph.tree(), branch);
    let block = tsv::parse("王一\t女\r\n王二\t男\r\n");
    let pasted = paste(
        &base,
        table.rows(),
        0,
        Column::Name,
        &block,
        gridorg::mask::Privacy::Masked,
    );
    let command = pasted.command().expect("a paste that changes two members");
    let mut edited = base.clone();
    let mut journal = Journal::start(Some(&path), &base).unwrap();
    edit(
        &mut edited,
        &mut History::new(),
        &mut journal,
        Entry::Apply(command),
    );
    drop(journal);
    let recovery = journal::pending(Some(&path), &base).expect("the paste is offered");
    assert_eq!(recovery.edits(), 1, "one edit");
    let mut restored = document::load(&path).unwrap();
    recovery.replay(&mut restored, &mut History::new()).unwrap();
    assert_eq!(restored, edited);
    assert_eq!(restored.members[&table.rows()[1]].name, "王二");
    let again = dir.path().join("粘贴后.ron");
    document::save(&restored, &again).unwrap();
    assert_eq!(document::load(&again).unwrap(), restored);
}
