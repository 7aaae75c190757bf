//! The history panel over a git repository: its commits listed and shown
//! read-only, saving with a commit, and what happens outside a repository or
//! when git refuses.

use crate::common::{
    git_in, interact, rename_in_panel, sample_repository, save_committing, screen, unit, window_on,
};
use gridorg::gui::{files, history, menu};
use iced::widget;

#[test]
fn history_lists_the_commits_and_opens_one_read_only_keeping_unsaved_edits() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_repository(dir.path());
    let mut app = window_on(&file);
    rename_in_panel(&mut app, "XY03", "（未存）");
    let edited = app.document().clone();
    assert!(app.title().starts_with('●'));

    interact(&mut app, |ui| {
        ui.click(history::SHOW)
            .expect("历史 is enabled in a repository");
    });
    assert_eq!(app.history().messages(), ["迎宾馆更名", "底稿"]);
    let sample = gridorg::gui::bundled_sample().unwrap();
    let records = sample.units.len()
        + sample.grids.len()
        + sample.buildings.len()
        + sample.members.len()
        + sample.households.len()
        + sample.co_builders.len();
    assert_eq!(
        app.history().counts(),
        [Some(1), Some(records)],
        "the rename; the first commit added every record"
    );
    let mut ui = screen(app.view());
    assert!(ui.find("1 处变动").is_ok());
    assert!(ui.find(format!("{records} 处变动")).is_ok());
    assert!(ui.find("迎宾馆更名").is_ok() && ui.find("社区书记").is_ok());
    drop(ui);

    // The first version, read-only.
    interact(&mut app, |ui| {
        ui.click(history::open_id(1)).unwrap();
    });
    assert_eq!(app.document(), &sample, "the first version is shown");
    let shown = app
        .history()
        .viewing()
        .expect("a version is shown")
        .to_string();
    assert!(shown.contains("底稿"), "{shown}");
    assert!(app.title().contains(history::READ_ONLY), "{}", app.title());
    let mut ui = screen(app.view());
    assert!(ui.find(history::BACK).is_ok(), "the way back");
    drop(ui);
    // An edit is refused, the version unchanged.
    rename_in_panel(&mut app, "XY02", "（改）");
    assert_eq!(app.document(), &sample);
    assert!(
        app.notice().unwrap().contains("(read-only)"),
        "{:?}",
        app.notice()
    );

    // Back to the current document, unsaved edits and all.
    interact(&mut app, |ui| {
        ui.click(history::BACK).unwrap();
    });
    assert_eq!(app.document(), &edited);
    assert!(app.history().viewing().is_none());
    assert!(app.title().starts_with('●') && !app.title().contains(history::READ_ONLY));

    // 比较 compares the version with the current document: the unsaved
    // rename of XY03 is the one change, marked on the canvas.
    interact(&mut app, |ui| {
        ui.click(history::compare_id(0)).unwrap();
    });
    let xy03 = unit(&app, "XY03");
    let comparison = app.comparison().expect("compared with the version");
    assert_eq!(
        comparison.mark_of(xy03),
        Some(gridorg::versions::compare::Mark::Changed)
    );
    assert_eq!(comparison.marks.len(), 1, "{:?}", comparison.marks);
    assert_eq!(app.document(), &edited, "comparing changes nothing");
}

#[test]
fn saving_commits_only_with_the_option_on_and_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = sample_repository(d);
    let commits = || {
        git_in(d, &["rev-list", "--count", "HEAD"])
            .trim()
            .to_string()
    };
    let mut app = window_on(&file);
    interact(&mut app, |ui| {
        ui.click(history::SHOW).unwrap();
    });
    let counts = app.history().counts();
    assert_eq!(counts.len(), 2);

    // Off by default: a plain save commits nothing.
    rename_in_panel(&mut app, "XY03", "（一）");
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(!app.title().starts_with('●'), "saved");
    assert_eq!(commits(), "2");
    assert_eq!(
        git_in(d, &["status", "--porcelain", "西园.ron"]).trim(),
        "M 西园.ron"
    );

    // On, without a message: refused before anything is written.
    rename_in_panel(&mut app, "XY03", "（二）");
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(files::COMMIT_OPTION)).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(app.title().starts_with('●'), "not saved");
    assert!(app.notice().unwrap().contains("commit message expected"));

    // With a message: saved, then committed — that file, that message.
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(files::COMMIT_MESSAGE)).unwrap();
        ui.typewrite("锦园两次更名");
        ui.click(gridorg::gui::SAVE).unwrap();
    });
    assert!(!app.title().starts_with('●'));
    assert_eq!(commits(), "3");
    assert_eq!(
        git_in(d, &["log", "-1", "--format=%s"]).trim(),
        "锦园两次更名"
    );
    assert_eq!(
        git_in(d, &["status", "--porcelain"]).trim(),
        "?? 西园.ron.bak"
    );
    let short = git_in(d, &["rev-parse", "--short", "HEAD"]);
    let said = app.notice().unwrap();
    assert!(
        said.starts_with(&format!("已保存并提交 {}", short.trim())),
        "{said}"
    );
    let committed = git_in(d, &["show", "HEAD:西园.ron"]);
    assert_eq!(
        gridorg::document::from_str(&committed, "HEAD").unwrap(),
        *app.document()
    );
    // The history shown lists it at once, its one change (the name) counted.
    assert_eq!(
        app.history().messages(),
        ["锦园两次更名", "迎宾馆更名", "底稿"]
    );
    assert_eq!(app.history().counts(), [&[Some(1)], &counts[..]].concat());
}

#[test]
fn outside_a_repository_history_is_disabled_and_saving_never_commits() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = window_on(&file);
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::menu_title(menu::PACKAGE)).unwrap();
    });
    let mut ui = screen(app.view());
    assert!(ui.find("（文档不在 git 仓库中）").is_ok(), "the reason");
    assert!(ui.find(widget::Id::new(files::COMMIT_OPTION)).is_err());
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(history::SHOW).unwrap();
    });
    assert!(!app.history().is_open(), "the button is disabled");
    assert!(!dir.path().join(".git").exists());
}

#[test]
fn a_commit_git_refuses_leaves_the_save_done_and_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = sample_repository(d);
    let hook = d.join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\necho 街道要求先审核 >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut app = window_on(&file);
    rename_in_panel(&mut app, "XY03", "（改）");
    save_committing(&mut app, "锦园更名");
    assert!(!app.title().starts_with('●'), "saved all the same");
    assert_eq!(&gridorg::document::load(&file).unwrap(), app.document());
    let said = app.notice().unwrap();
    assert!(
        said.starts_with("已保存，但未提交 (commit failed)") && said.contains("街道要求先审核"),
        "{said}"
    );
    assert_eq!(git_in(d, &["rev-list", "--count", "HEAD"]).trim(), "2");
    assert!(!app.busy());
}
