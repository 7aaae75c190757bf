//! The file actions and the window's frame: open, new, save, export and the
//! recent list, each with its target row; the question before unsaved edits
//! are dropped; the status bar's notices.

use crate::common::{
    add_a_branch_to_xy01, app_doc, choose, git_in, interact, name_the_file, name_the_file_from,
    open_as_the_program_does, outputs, private_data_dir, rename_in_panel, sample_app,
    sample_repository, save_committing, screen, settle, unit, window_on,
};
use gridorg::gui::{files, inspector, menu, outline, App, Message};
use gridorg::model::Id;
use iced::widget;

#[test]
fn the_unsaved_mark_appears_on_an_edit_and_clears_on_save() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    let mut app = sample_app();
    let xy03 = unit(&app, "XY03");
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(inspector::NAME)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite("（改）");
        ui.click(inspector::APPLY).unwrap();
    });
    assert!(app.title().starts_with('●'));
    // A document with no file yet asks where: no desktop portal here, so
    // the path goes in the target row.
    name_the_file(&mut app, gridorg::gui::SAVE, &file);
    assert!(!app.busy());
    assert!(!app.title().starts_with('●'), "saved: {}", app.title());
    assert!(app.title().starts_with("西园.ron"), "{}", app.title());
    let saved = gridorg::document::load(&file).unwrap();
    assert_eq!(saved.units[&xy03].name, "锦园社区党支部（改）");
    assert_eq!(&saved, app.document());
}

#[test]
fn opening_over_unsaved_changes_asks_first_then_opens() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.ron");
    let mut doc = gridorg::gui::bundled_sample().unwrap();
    doc.title = "另一个文档".into();
    gridorg::document::save(&doc, &other).unwrap();
    let mut app = sample_app();
    interact(&mut app, |ui| {
        ui.click(outline::label(app_doc(), unit_in_sample("XY01")).as_str())
            .unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(inspector::add_label(&app_doc().units[&unit_in_sample("XY01")]).as_str())
            .unwrap();
    });
    assert!(app.title().starts_with('●'));
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::OPEN).unwrap();
    });
    assert_ne!(
        app.document().title,
        "另一个文档",
        "the first click only asks"
    );
    interact(&mut app, |ui| {
        ui.find(gridorg::gui::UNSAVED_ON_LEAVE).expect("asks first");
        ui.click("取消").unwrap();
    });
    assert!(app.title().starts_with('●'), "cancel keeps the edits");
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::OPEN).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::DISCARD_CHANGES).unwrap();
    });
    let task = app.update(Message::Files(files::Message::Typed(
        other.display().to_string(),
    )));
    settle(&mut app, task);
    interact(&mut app, |ui| {
        ui.click(files::CONFIRM).unwrap();
    });
    assert_eq!(app.document().title, "另一个文档");
    assert!(!app.title().starts_with('●'));
    let other = std::path::absolute(&other).unwrap();
    assert_eq!(app.recent().first(), Some(&other), "listed as recent");
}

#[test]
fn new_starts_an_empty_document_after_asking_and_a_street_can_be_added() {
    let mut app = sample_app();
    let xy01 = unit(&app, "XY01");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    interact(&mut app, |ui| {
        ui.click(inspector::add_label(&app_doc().units[&xy01]).as_str())
            .unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::NEW).unwrap();
    });
    assert!(
        !app.document().units.is_empty(),
        "asks before dropping the edit"
    );
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::DISCARD_CHANGES).unwrap();
    });
    assert!(app.document().units.is_empty());
    assert_eq!(app.document().title, gridorg::gui::NEW_TITLE);
    interact(&mut app, |ui| {
        ui.click(inspector::ADD_STREET).unwrap();
    });
    let street = app.document().units.values().next().expect("a street");
    assert_eq!(street.level, gridorg::model::Level::Street);
    assert_eq!(app.selected(), Some(street.id));
    assert!(app.title().starts_with('●'));
}

#[test]
fn a_recent_file_reopens_from_the_list() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("近期.ron");
    let mut doc = gridorg::gui::bundled_sample().unwrap();
    doc.title = "近期文档".into();
    gridorg::document::save(&doc, &file).unwrap();
    let mut app = App::with_recent(
        gridorg::gui::bundled_sample().unwrap(),
        None,
        vec![file.clone()],
    );
    let task = app.update(Message::Files(files::Message::OpenRecent(files::Recent(
        file.clone(),
    ))));
    settle(&mut app, task);
    assert_eq!(app.document().title, "近期文档");
    assert!(app.title().contains("近期.ron"));
    assert_eq!(app.recent(), [file.clone()].as_slice());
    // The list was written to the data folder and is read back by a new window.
    assert!(gridorg::gui::recent_files().contains(&file));
}

fn unit_in_sample(code: &str) -> Id {
    app_doc().unit_by_code(code).unwrap().id
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut app = sample_app();
    let window = iced::window::Id::unique();
    let _ = app.update(Message::CloseRequested(window));
    let mut ui = screen(app.view());
    assert!(
        ui.find(gridorg::gui::UNSAVED_ON_CLOSE).is_err(),
        "nothing to save: no question"
    );
    drop(ui);
    let xy01 = unit(&app, "XY01");
    interact(&mut app, |ui| {
        ui.click(outline::label(app_doc(), xy01).as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(inspector::add_label(&app_doc().units[&xy01]).as_str())
            .unwrap();
    });
    let _ = app.update(Message::CloseRequested(window));
    let mut ui = screen(app.view());
    assert!(
        ui.find(gridorg::gui::UNSAVED_ON_CLOSE).is_ok(),
        "asks before losing the edit"
    );
    assert!(ui.find(gridorg::gui::SAVE_AND_CLOSE).is_ok());
    drop(ui);
    interact(&mut app, |ui| {
        ui.click("取消").unwrap();
    });
    let mut ui = screen(app.view());
    assert!(
        ui.find(gridorg::gui::UNSAVED_ON_CLOSE).is_err(),
        "still open, still unsaved"
    );
    assert!(app.title().starts_with('●'));
}

#[test]
fn the_window_opens_at_once_and_reads_the_file_behind_it() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    let sample = gridorg::gui::bundled_sample().unwrap();
    gridorg::document::save(&sample, &file).unwrap();
    let (mut app, read) = App::reading(file.clone());
    assert!(
        app.document().units.is_empty() && app.busy(),
        "shown before the read"
    );
    let mut ui = screen(app.view());
    let reading = format!("正在打开 {}…", file.display());
    assert!(ui.find(reading.as_str()).is_ok());
    drop(ui);
    let mut ui = screen(app.view());
    assert!(
        ui.click(inspector::ADD_STREET).is_err(),
        "nothing to edit while reading"
    );
    drop(ui);
    settle(&mut app, read);
    assert!(!app.busy());
    assert_eq!(app.document(), &sample);
    assert!(app.title().contains("西园.ron"));
    assert!(!app.title().starts_with('●'));

    let broken = dir.path().join("坏.ron");
    std::fs::write(&broken, "(version: 2, units: [").unwrap();
    let (mut app, read) = App::reading(broken);
    settle(&mut app, read);
    let notice = app.notice().unwrap_or_default().to_string();
    assert!(
        notice.starts_with("无法打开") && notice.contains("坏.ron"),
        "{notice}"
    );
}

#[test]
fn a_document_opened_through_a_link_is_saved_to_its_target_and_the_link_kept() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let link = dir.path().join("链接.ron");
    symlink(&file, &link).unwrap();
    let mut app = open_as_the_program_does(&link);
    add_a_branch_to_xy01(&mut app);
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(!app.title().starts_with('●'), "{:?}", app.notice());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(&gridorg::document::load(&file).unwrap(), app.document());
}

#[test]
fn exporting_over_the_open_document_is_refused_and_the_document_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut app = open_as_the_program_does(&file);
    for (title, button, place) in [
        (menu::FILE, gridorg::gui::EXPORT, file.clone()),
        (menu::PRINT, gridorg::gui::PRINT_CHART, file.clone()),
        (
            menu::FILE,
            gridorg::gui::EXPORT,
            file.with_file_name("西园.ron.bak"),
        ),
    ] {
        std::fs::copy(&file, file.with_file_name("西园.ron.bak")).unwrap();
        name_the_file_from(&mut app, title, button, &place);
        let notice = app.notice().unwrap_or_default().to_string();
        assert!(
            notice.contains("same file") || notice.contains("existing document"),
            "{button} onto {}: {notice}",
            place.display()
        );
        assert_eq!(std::fs::read(&file).unwrap(), before);
        assert!(!app.busy());
    }
}

#[test]
fn each_file_action_offers_its_own_target_beside_the_document_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = open_as_the_program_does(&file);
    let copy = dir.path().join("副本.ron");
    name_the_file_from(&mut app, menu::FILE, gridorg::gui::SAVE_AS, &copy);
    assert!(copy.exists());
    // The next action, a chart of XY03, offers a file of its own beside the
    // document, named after the unit: not the path typed for the save.
    let xy03 = unit(&app, "XY03");
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::PRINT_CHART).unwrap();
    });
    let chart = dir.path().join("锦园社区党支部-组织图.pdf");
    let mut ui = screen(app.view());
    assert!(
        ui.find(chart.to_str().unwrap()).is_ok(),
        "the chart's default target"
    );
    assert!(
        ui.find(copy.to_str().unwrap()).is_err(),
        "not the save's path"
    );
    drop(ui);
    // A file already there is not written over until the user says so.
    std::fs::write(&chart, b"kept").unwrap();
    interact(&mut app, |ui| {
        ui.click(files::CONFIRM).unwrap();
    });
    assert_eq!(std::fs::read(&chart).unwrap(), b"kept");
    interact(&mut app, |ui| {
        ui.find("文件已存在，要覆盖吗？").expect("asks first");
        ui.click(files::OVERWRITE).unwrap();
    });
    assert!(std::fs::read(&chart).unwrap().starts_with(b"%PDF"));
    // Export's own default is the document's name beside it.
    choose(&mut app, menu::FILE, gridorg::gui::EXPORT);
    let mut ui = screen(app.view());
    let xlsx = dir.path().join("副本.xlsx");
    assert!(ui.find(xlsx.to_str().unwrap()).is_ok(), "export's default");
}

#[test]
fn a_long_refusal_keeps_to_one_line_of_the_status_bar() {
    let mut app = sample_app();
    let header_before = {
        let mut ui = screen(app.view());
        ui.find("问题 6 个错误 · 4 个警告 · 3 个提示")
            .map(|found| found.bounds().y)
            .ok()
    };
    let missing = format!("/tmp/{}/没有这个文件.ron", "很长的文件夹名称".repeat(12));
    let unread = std::io::Error::other(format!("{missing}: No such file or directory"));
    let failed = gridorg::gui::FileError::from(unread);
    let _ = app.update(Message::Files(files::Message::Opened(Err(failed))));
    let notice = app.notice().unwrap().to_string();
    assert!(notice.starts_with("无法打开"), "{notice}");
    let mut ui = screen(app.view());
    let line = ui
        .find(notice.as_str())
        .expect("the notice is shown")
        .bounds();
    assert!(line.height < 24.0, "one line: {line:?}");
    let header_after = ui
        .find("问题 6 个错误 · 4 个警告 · 3 个提示")
        .map(|found| found.bounds().y)
        .ok();
    assert_eq!(header_before, header_after, "the panels above did not move");
    assert!(header_after.is_some());
}

#[test]
fn an_opened_document_shows_at_once_and_its_findings_once_checked_on_a_worker() {
    use gridorg::gui::status::CHECKING;
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    let sample = gridorg::gui::bundled_sample().unwrap();
    gridorg::document::save(&sample, &file).unwrap();
    let (mut app, read) = App::reading(file);
    let mut opened = iced::Task::none();
    for message in outputs(read) {
        opened = app.update(message);
    }
    assert_eq!(app.document(), &sample, "shown before it is checked");
    assert!(app.report().findings.is_empty());
    assert!(
        screen(app.view()).find(CHECKING).is_ok(),
        "{CHECKING} shown"
    );
    assert!(
        screen(app.view()).find("列出 0 条").is_err(),
        "no count of findings before there are any"
    );
    let checked: Vec<Message> = outputs(opened)
        .into_iter()
        .filter(|m| matches!(m, Message::Derived(_)))
        .collect();
    assert_eq!(checked.len(), 1, "the check ran on its own");

    // An edit made before the check ended: its result is for a state the
    // document has left, and is dropped.
    let edited = app.update(Message::Inspector(inspector::Message::AddStreet));
    for message in checked {
        let task = app.update(message);
        settle(&mut app, task);
    }
    assert!(app.report().findings.is_empty(), "the stale result dropped");
    assert!(screen(app.view()).find(CHECKING).is_ok());
    settle(&mut app, edited);
    let today = chrono::Local::now().date_naive();
    let rules = gridorg::check::Rules::default();
    let expected = gridorg::check::check(app.document(), &rules, today);
    assert!(!expected.findings.is_empty());
    assert_eq!(app.report(), &expected, "the edited state's findings");
    assert!(screen(app.view()).find(CHECKING).is_err());
}

#[test]
fn a_file_that_cannot_be_read_reaches_the_window_as_a_document_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("坏.ron");
    std::fs::write(&broken, "(version: 2, units: [").unwrap();
    let (mut app, read) = App::reading(broken.clone());
    let read = outputs(read);
    let [Message::Files(files::Message::Opened(Err(failed)))] = &read[..] else {
        panic!("one message, the read's: {read:?}");
    };
    assert!(
        matches!(failed, gridorg::gui::FileError::Document(_)),
        "{failed:?}"
    );
    let _ = app.update(read[0].clone());
    let notice = app.notice().unwrap_or_default().to_string();
    assert_eq!(notice, format!("无法打开：{failed}"));
    assert!(notice.contains("坏.ron"), "{notice}");
}

#[test]
fn desk_stale_saving_with_a_commit_during_an_unfinished_merge_is_refused_before_saving() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = sample_repository(d);
    // Another file merged with a conflict: git leaves the merge unfinished.
    let notes = d.join("说明.txt");
    git_in(d, &["checkout", "-q", "-b", "街道"]);
    std::fs::write(&notes, "街道的说明\n").unwrap();
    git_in(d, &["add", "说明.txt"]);
    git_in(d, &["commit", "-q", "-m", "街道说明"]);
    git_in(d, &["checkout", "-q", "main"]);
    std::fs::write(&notes, "社区的说明\n").unwrap();
    git_in(d, &["add", "说明.txt"]);
    git_in(d, &["commit", "-q", "-m", "社区说明"]);
    let merge = std::process::Command::new("git")
        .args(["merge", "-q", "街道"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(!merge.status.success(), "the merge stops at the conflict");
    let head = git_in(d, &["rev-parse", "HEAD"]);
    let before = std::fs::read(&file).unwrap();

    let mut app = window_on(&file);
    rename_in_panel(&mut app, "XY03", "（一）");
    save_committing(&mut app, "锦园更名");
    assert!(std::fs::read(&file).unwrap() == before, "nothing written");
    assert!(app.title().starts_with('●'), "still unsaved");
    assert_eq!(git_in(d, &["rev-parse", "HEAD"]), head, "nothing committed");
    assert_eq!(app.notice(), Some(files::MERGING));
    assert!(files::MERGING.contains("git merge --abort"), "what to do");

    // What it offers: save the file alone, leaving git to the user.
    interact(&mut app, |ui| {
        ui.click(files::SAVE_ONLY).unwrap();
    });
    assert!(!app.title().starts_with('●'), "{:?}", app.notice());
    assert_eq!(&gridorg::document::load(&file).unwrap(), app.document());
    assert_eq!(git_in(d, &["rev-parse", "HEAD"]), head, "nothing committed");
    let mut ui = screen(app.view());
    assert!(ui.find(files::SAVE_ONLY).is_err(), "the offer is gone");
}
