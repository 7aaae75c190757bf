//! The edit journal: edits of a session that ended unsaved offered and
//! restored, after a kill too, and a warning while the journal cannot be
//! written.

use crate::common::{
    add_a_branch_to_xy01, app_doc, interact, name_the_file_from, open_as_the_program_does,
    private_data_dir, screen, settle, unit,
};
use gridorg::gui::{inspector, menu, outline, App, Message, REDO, UNDO};
use iced::widget;

#[test]
fn edits_of_a_session_that_ended_unsaved_are_offered_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), None, "nothing left over");
    let xy01 = unit(&app, "XY01");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::LEADER)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("（代）");
        ui.click(inspector::APPLY).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(inspector::add_label(&app_doc().units[&xy01]).as_str())
            .unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(REDO).unwrap();
    });
    let edited = gridorg::document::to_string(app.document());
    // The session ends without saving: nothing but the journal is written.
    drop(app);
    assert_ne!(
        gridorg::document::to_string(&gridorg::document::load(&file).unwrap()),
        edited
    );

    let mut app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), Some(2), "two edits to restore");
    interact(&mut app, |ui| {
        ui.find("上次编辑未保存就意外退出了：有 2 项修改可以恢复。")
            .expect("the offer");
        ui.click(gridorg::gui::RESTORE).unwrap();
    });
    interact(&mut app, |ui| {
        // The two edits offered, not the journal's five entries (an id
        // handed out, an undo and a redo among them).
        ui.find("已恢复 2 项未保存的修改（可撤销）")
            .expect("the count offered is the count restored");
    });
    assert_eq!(gridorg::document::to_string(app.document()), edited);
    assert!(app.title().starts_with('●'), "restored, not yet saved");
    assert_eq!(app.recovery_offered(), None);
    interact(&mut app, |ui| {
        ui.click(UNDO).expect("restored edits can be undone");
    });
    assert_ne!(gridorg::document::to_string(app.document()), edited);
    drop(app);

    // Declined, the edits are gone for good.
    let mut app = open_as_the_program_does(&file);
    assert!(
        app.recovery_offered().is_some(),
        "still offered after a restore left unsaved"
    );
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::DROP_RECOVERY).unwrap();
    });
    let saved = gridorg::document::load(&file).unwrap();
    assert_eq!(app.document(), &saved);
    drop(app);
    let app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), None);
}

#[test]
fn a_save_clears_the_journal_and_later_edits_are_journaled_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    add_a_branch_to_xy01(&mut app);
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(!app.title().starts_with('●'), "{:?}", app.notice());
    drop(app);
    let mut app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), None, "saved: nothing to restore");
    add_a_branch_to_xy01(&mut app);
    let edited = gridorg::document::to_string(app.document());
    drop(app);
    let mut app = open_as_the_program_does(&file);
    assert_eq!(app.recovery_offered(), Some(1));
    let task = app.update(Message::Recovery(gridorg::gui::recovery::Message::Restore));
    settle(&mut app, task);
    assert_eq!(gridorg::document::to_string(app.document()), edited);
}

#[test]
fn after_save_as_the_old_file_offers_no_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    let copy = dir.path().join("西园-副本.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    add_a_branch_to_xy01(&mut app);
    name_the_file_from(&mut app, menu::FILE, gridorg::gui::SAVE_AS, &copy);
    assert!(!app.title().starts_with('●'), "{:?}", app.notice());
    assert_eq!(&gridorg::document::load(&copy).unwrap(), app.document());
    drop(app);
    let app = open_as_the_program_does(&file);
    assert_eq!(
        app.recovery_offered(),
        None,
        "the edits were saved in the copy"
    );
    assert!(!dir.path().join(".西园.ron.journal").exists());
}

/// Set in a child of this test binary: it is the program started as
/// `gridorg PATH` in the folder it was started in (see
/// [`edit_as_the_program_started_with`]).
const STARTED_AS: &str = "GRIDORG_GUI_TEST_STARTED_AS";

/// What that child prints once its edit is made, before the new unit's code.
const EDITED: &str = "edited-unsaved";

/// The child's side: the window opens at once and reads `path` behind it,
/// as `gridorg PATH` does; a branch is added, and the child waits to be
/// killed.
fn edit_as_the_program_started_with(path: std::path::PathBuf) {
    // The data folder is the parent's (inherited), so nothing is left behind.
    let (mut app, read) = App::reading(path);
    settle(&mut app, read);
    add_a_branch_to_xy01(&mut app);
    let added = app
        .selected()
        .map(|id| app.document().units[&id].code.clone())
        .expect("the new branch is selected");
    // On a line of its own: the test harness has written "test … " before it.
    println!("\n{EDITED} {added}");
    std::io::Write::flush(&mut std::io::stdout()).unwrap();
    std::thread::sleep(std::time::Duration::from_secs(600));
}

#[test]
fn a_document_named_by_a_relative_path_gets_its_edits_back_after_a_kill() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    if let Some(path) = std::env::var_os(STARTED_AS) {
        return edit_as_the_program_started_with(path.into());
    }
    private_data_dir();
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("文档");
    let beside = root.path().join("别处");
    std::fs::create_dir(&folder).unwrap();
    std::fs::create_dir(&beside).unwrap();
    let file = folder.join("西园.ron");
    gridorg::document::save(app_doc(), &file).unwrap();
    // `gridorg 西园.ron` and `gridorg ./西园.ron` in the document's folder,
    // `gridorg ../文档/西园.ron` in a folder beside it.
    for (form, started_in) in [
        ("西园.ron", &folder),
        ("./西园.ron", &folder),
        ("../文档/西园.ron", &beside),
    ] {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "recovery::a_document_named_by_a_relative_path_gets_its_edits_back_after_a_kill",
                "--nocapture",
                "--test-threads=1",
            ])
            .current_dir(started_in)
            .env(STARTED_AS, form)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let added = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map(Result::unwrap)
            .find_map(|line| line.strip_prefix(EDITED).map(|c| c.trim().to_string()));
        child.kill().unwrap(); // SIGKILL: no destructor, no flush, nothing runs
        child.wait().unwrap();
        let added = added.unwrap_or_else(|| panic!("{form}: the program made its edit"));

        // Started again on the same file: the edit is offered and comes back.
        let (mut app, read) = App::reading(started_in.join(form));
        settle(&mut app, read);
        assert_eq!(
            app.recovery_offered(),
            Some(1),
            "{form}: the edit is offered"
        );
        interact(&mut app, |ui| {
            ui.click(gridorg::gui::RESTORE).unwrap();
        });
        let branch = app
            .document()
            .unit_by_code(&added)
            .unwrap_or_else(|| panic!("{form}: {added} is back"));
        assert_eq!(branch.parent, Some(unit(&app, "XY01")), "{form}");
        assert_eq!(app.document().units.len(), app_doc().units.len() + 1);
        assert!(app.title().starts_with('●'), "{form}: restored, not saved");
        drop(app);
        // The next form starts from the file alone.
        std::fs::remove_file(folder.join(".西园.ron.journal")).unwrap();
    }
}

#[test]
fn while_the_journal_cannot_be_written_a_warning_stays_in_sight_until_it_can() {
    use gridorg::gui::recovery::NOT_JOURNALED;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(app_doc(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    let warned = |app: &App| screen(app.view()).find(NOT_JOURNALED).is_ok();
    assert!(!warned(&app), "nothing to warn of yet");

    // A folder in the journal's place: no journal can be written there.
    let in_the_way = dir.path().join(".西园.ron.journal");
    std::fs::create_dir(&in_the_way).unwrap();
    add_a_branch_to_xy01(&mut app);
    assert!(warned(&app), "not journaled: {:?}", app.notice());
    // Other messages come and go in the status bar; the warning stays.
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert!(app.notice().unwrap_or_default().starts_with("已撤销"));
    assert!(warned(&app), "still in sight after the next message");
    interact(&mut app, |ui| {
        ui.click(REDO).unwrap();
    });
    assert!(warned(&app));

    // Once it can be written, the next edit writes the journal, with the
    // steps taken meanwhile, and the warning goes.
    std::fs::remove_dir(&in_the_way).unwrap();
    add_a_branch_to_xy01(&mut app);
    assert!(!warned(&app), "{:?}", app.notice());
    let edited = gridorg::document::to_string(app.document());
    drop(app);
    let mut app = open_as_the_program_does(&file);
    assert_eq!(
        app.recovery_offered(),
        Some(2),
        "both branches, the one added while the journal could not be written too"
    );
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::RESTORE).unwrap();
    });
    assert_eq!(gridorg::document::to_string(app.document()), edited);
}
