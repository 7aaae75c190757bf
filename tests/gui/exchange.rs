//! 数据包 through the window (issue 26): a street and its community, each a
//! repository made in the test with the library, exchanging 数据包 from the
//! 数据包 menu — sent beside the document, received after a preview, merged
//! cleanly or with conflicts settled in the conflicts panel and 完成, 放弃
//! putting everything back byte for byte, refused with nothing changed,
//! synced with a local bare repository; 本单位 asked once, and 开始记录版本.
//!
//! The desktop's file dialogs cannot open in the Simulator: their answers
//! are given as the messages they send ([`exchange::Message::Picked`]).
//! 本单位 lives in the data folder the whole test binary shares, so these
//! tests take turns ([`turn`]).

use crate::common::{choose, git_in, interact, rename_in_panel, screen, settle, window_on};
use gridorg::gui::inspector::conflicts;
use gridorg::gui::{exchange, history, menu, App, Message};
use gridorg::model::Document;
use gridorg::store::office;
use gridorg::versions::exchange as core;
use iced::widget;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The street's office.
const STREET: &str = "西园街道";
/// The community's office.
const COMMUNITY: &str = "迎宾馆社区";

/// One test at a time with 本单位 as it sets it (`None`: never named).
fn turn(name: Option<&str>) -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    let guard = TURN.lock().unwrap_or_else(|e| e.into_inner());
    crate::common::private_data_dir();
    match name {
        Some(name) => {
            office::set_office(name).unwrap();
        }
        None => {
            let folder = gridorg::store::data_folder().unwrap();
            let _ = std::fs::remove_file(folder.join("本单位"));
        }
    }
    guard
}

/// A street's document under version control and a community's copy made
/// from the street's first 数据包, in folders of their own.
struct Offices {
    dir: tempfile::TempDir,
    street: PathBuf,
    community: PathBuf,
}

fn offices() -> Offices {
    let dir = tempfile::tempdir().unwrap();
    let street = dir.path().join("街道").join("西园.ron");
    std::fs::create_dir_all(street.parent().unwrap()).unwrap();
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &street).unwrap();
    core::start_versions(&street, STREET).unwrap();
    let first = dir.path().join("first.bundle");
    core::send(&street, &first, STREET).unwrap();
    let community = dir.path().join("社区").join("西园.ron");
    let made = core::receive(&community, &first, COMMUNITY).unwrap();
    assert_eq!(made.outcome, core::Outcome::Created);
    Offices {
        dir,
        street,
        community,
    }
}

/// Changes the document at `path` and saves it (not committed).
fn edit(path: &Path, change: impl FnOnce(&mut Document)) {
    let mut document = gridorg::document::load(path).unwrap();
    change(&mut document);
    gridorg::document::save(&document, path).unwrap();
}

/// Renames the unit coded `code`.
fn rename<'a>(code: &'a str, name: &'a str) -> impl FnOnce(&mut Document) + 'a {
    move |d| {
        let id = d.unit_by_code(code).unwrap().id;
        d.units.get_mut(&id).unwrap().name = name.into();
    }
}

/// The community's edits sent as a 数据包 in the test's folder.
fn community_sends(offices: &Offices, change: impl FnOnce(&mut Document)) -> PathBuf {
    edit(&offices.community, change);
    let out = offices.dir.path().join("迎宾馆.bundle");
    core::send(&offices.community, &out, COMMUNITY).unwrap();
    out
}

/// The unit `code`'s name in the window's document.
fn name_of(app: &App, code: &str) -> String {
    app.document().unit_by_code(code).unwrap().name.clone()
}

/// Chooses 接收数据包… and answers the desktop's dialog with `bundle` (the
/// dialog itself is never opened).
fn receive(app: &mut App, bundle: &Path) {
    interact(app, |ui| {
        ui.click(gridorg::gui::menu_title(menu::PACKAGE)).unwrap();
    });
    let chosen: Vec<Message> = {
        let mut ui = screen(app.view());
        ui.click(gridorg::gui::menu_item(exchange::RECEIVE))
            .expect("接收数据包… is enabled");
        ui.into_messages().collect()
    };
    for message in chosen {
        // The task asks the desktop for the file: its answer is given below.
        drop(app.update(message));
    }
    let picked = exchange::Message::Picked(Some(bundle.to_path_buf()));
    let task = app.update(Message::Exchange(picked));
    settle(app, task);
}

/// Clicks what is labelled `label`.
fn click(app: &mut App, label: &str) {
    interact(app, |ui| {
        ui.click(label)
            .unwrap_or_else(|_| panic!("{label} is on screen"));
    });
}

/// Clicks what is labelled `label` and hands its message to the window,
/// leaving the work it starts to the caller.
fn press(app: &mut App, label: &str) -> iced::Task<Message> {
    let pressed: Vec<Message> = {
        let mut ui = screen(app.view());
        ui.click(label)
            .unwrap_or_else(|_| panic!("{label} is on screen"));
        ui.into_messages().collect()
    };
    let [message] = <[Message; 1]>::try_from(pressed).expect("one message");
    app.update(message)
}

/// Whether `words` show on screen.
fn shows(app: &App, words: &str) -> bool {
    screen(app.view()).find(words).is_ok()
}

/// The hash of the commit the repository of `file` is at.
fn head(file: &Path) -> String {
    git_in(file.parent().unwrap(), &["rev-parse", "HEAD"])
}

#[test]
fn exchange_a_clean_receive_is_previewed_then_merged_marked_and_listed_with_its_sender() {
    let _turn = turn(Some(STREET));
    let offices = offices();
    let bundle = community_sends(&offices, rename("XY01", "迎宾馆社区党委"));
    edit(&offices.street, rename("XY03", "锦园社区党委"));
    let mut app = window_on(&offices.street);
    // An unsaved edit in the window is saved first, on the user's word.
    rename_in_panel(&mut app, "XY02", "（街道改）");
    receive(&mut app, &bundle);
    assert!(
        shows(&app, "有未保存的修改，接收数据包前要先保存。"),
        "asked to save first"
    );
    click(&mut app, exchange::SAVE_FIRST);
    assert!(!app.title().starts_with('●'), "saved: {}", app.title());

    // The preview, before anything changes.
    let before = std::fs::read(&offices.street).unwrap();
    let head_before = head(&offices.street);
    let mut ui = screen(app.view());
    ui.find(widget::Id::new(exchange::PREVIEW))
        .expect("what the 数据包 brings");
    drop(ui);
    let preview = format!("数据包 {}：来自 {COMMUNITY}，", bundle.display());
    let texts = texts(&app);
    assert!(
        texts.iter().any(|t| t.starts_with(&preview)),
        "{preview} in {texts:?}"
    );
    assert!(
        shows(&app, "带来 1 次提交：新增 0 · 删除 0 · 移动 0 · 修改 1"),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("涉及：") && t.contains("迎宾馆社区")),
        "the community touched: {texts:?}"
    );
    assert_eq!(std::fs::read(&offices.street).unwrap(), before);
    assert_eq!(head(&offices.street), head_before);

    // 合并: while it runs the window says so and takes no edit (the
    // document is read again when it is done); then what came in is marked.
    let merging = press(&mut app, exchange::MERGE);
    assert!(shows(&app, "正在接收并合并数据包…"));
    assert!(app.exchange().replacing());
    let task = app.update(Message::Undo);
    settle(&mut app, task);
    assert_eq!(app.notice(), Some(exchange::HOLD));
    assert!(name_of(&app, "XY02").ends_with("（街道改）"), "not undone");
    settle(&mut app, merging);
    assert_eq!(name_of(&app, "XY01"), "迎宾馆社区党委", "theirs came in");
    assert_eq!(name_of(&app, "XY03"), "锦园社区党委", "ours is kept");
    assert!(name_of(&app, "XY02").ends_with("（街道改）"));
    let xy01 = app.document().unit_by_code("XY01").unwrap().id;
    let compared = app.comparison().expect("what came in is marked");
    assert!(compared.marks.contains_key(&xy01), "XY01 is marked");
    assert_eq!(compared.summary.changed, 1, "only what came in");
    let said = app.notice().unwrap_or_default().to_string();
    assert!(
        said.starts_with(&format!("已合并来自 {COMMUNITY} 的 1 次提交，并提交 ")),
        "{said}"
    );
    assert!(
        app.exchange().pending().is_none(),
        "clean: nothing to settle"
    );

    // 历史 lists the merge with its sender.
    click(&mut app, history::SHOW);
    assert!(
        shows(&app, &format!("接收自 {COMMUNITY}")),
        "the sender beside the merge: {:?}",
        app.history().messages()
    );
}

#[test]
fn exchange_conflicts_are_settled_in_the_panel_and_finish_commits_the_merge() {
    let _turn = turn(Some(STREET));
    let offices = offices();
    let bundle = community_sends(&offices, rename("XY01", "迎宾馆社区党委"));
    edit(&offices.street, rename("XY01", "迎宾馆社区联合党总支"));
    let mut app = window_on(&offices.street);
    receive(&mut app, &bundle);
    click(&mut app, exchange::MERGE);

    assert_eq!(app.document().conflicts.len(), 1, "one field both changed");
    let said = app.notice().unwrap_or_default().to_string();
    assert!(said.contains("还有 1 处冲突待解决"), "{said}");
    assert_eq!(
        app.exchange().pending().map(|p| p.from.as_str()),
        Some(COMMUNITY)
    );
    let mut ui = screen(app.view());
    ui.find(widget::Id::new(exchange::PENDING))
        .expect("the bar of the pending merge");
    ui.find(widget::Id::new(conflicts::PANEL))
        .expect("the conflicts open in their panel");
    drop(ui);

    // A window opened on the document finds the merge waiting too.
    let reopened = window_on(&offices.street);
    assert_eq!(
        reopened.exchange().pending().map(|p| p.from.as_str()),
        Some(COMMUNITY)
    );
    assert!(screen(reopened.view())
        .find(widget::Id::new(exchange::PENDING))
        .is_ok());
    drop(reopened);

    // 完成 is refused while the conflict stands.
    let head_merging = head(&offices.street);
    click(&mut app, exchange::FINISH);
    let said = app.notice().unwrap_or_default().to_string();
    assert!(said.contains("还有 1 处冲突待解决"), "{said}");
    assert_eq!(head(&offices.street), head_merging, "nothing committed");

    // Theirs taken in the panel, then 完成: saved and committed.
    click(&mut app, conflicts::THEIRS);
    assert!(app.document().conflicts.is_empty());
    assert_eq!(name_of(&app, "XY01"), "迎宾馆社区党委");
    click(&mut app, exchange::FINISH);
    let said = app.notice().unwrap_or_default().to_string();
    assert!(said.starts_with("已完成合并并提交"), "{said}");
    assert!(app.exchange().pending().is_none());
    assert!(core::pending(&offices.street).is_none());
    assert!(!app.title().starts_with('●'), "saved");
    let parents = git_in(
        offices.street.parent().unwrap(),
        &["log", "-1", "--format=%P"],
    );
    assert_eq!(parents.split_whitespace().count(), 2, "a merge commit");
    let saved = gridorg::document::load(&offices.street).unwrap();
    assert!(saved.conflicts.is_empty());
    let xy01 = saved.unit_by_code("XY01").unwrap();
    assert_eq!(xy01.name, "迎宾馆社区党委");
    let status = git_in(
        offices.street.parent().unwrap(),
        &["status", "--porcelain", "--untracked-files=no"],
    );
    assert_eq!(status, "", "everything committed");
}

#[test]
fn exchange_abandon_puts_the_document_and_its_repository_back_byte_for_byte() {
    let _turn = turn(Some(STREET));
    let offices = offices();
    let bundle = community_sends(&offices, rename("XY01", "迎宾馆社区党委"));
    edit(&offices.street, rename("XY01", "迎宾馆社区联合党总支"));
    // Committed first, so that the file is what the repository holds.
    core::send(
        &offices.street,
        &offices.dir.path().join("街道.bundle"),
        STREET,
    )
    .unwrap();
    let before = std::fs::read(&offices.street).unwrap();
    let head_before = head(&offices.street);
    let document_before = gridorg::document::load(&offices.street).unwrap();

    let mut app = window_on(&offices.street);
    receive(&mut app, &bundle);
    click(&mut app, exchange::MERGE);
    assert_eq!(app.document().conflicts.len(), 1);
    // A conflict settled in the window, unsaved: 放弃 drops it too.
    click(&mut app, conflicts::THEIRS);
    click(&mut app, exchange::ABANDON);

    assert_eq!(
        std::fs::read(&offices.street).unwrap(),
        before,
        "byte for byte"
    );
    assert_eq!(head(&offices.street), head_before);
    assert!(core::pending(&offices.street).is_none());
    assert!(app.exchange().pending().is_none());
    assert_eq!(
        app.document(),
        &document_before,
        "the window shows it again"
    );
    assert!(!app.title().starts_with('●'));
    let said = app.notice().unwrap_or_default().to_string();
    assert!(said.starts_with("已放弃合并"), "{said}");
    assert!(screen(app.view())
        .find(widget::Id::new(exchange::PENDING))
        .is_err());
}

#[test]
fn exchange_a_file_that_is_not_a_bundle_is_refused_with_nothing_changed() {
    let _turn = turn(Some(STREET));
    let offices = offices();
    let fake = offices.dir.path().join("假的.bundle");
    std::fs::write(&fake, "这不是数据包\n").unwrap();
    let before = std::fs::read(&offices.street).unwrap();
    let head_before = head(&offices.street);
    let mut app = window_on(&offices.street);
    let document_before = app.document().clone();
    receive(&mut app, &fake);

    let said = app.notice().unwrap_or_default().to_string();
    assert!(said.contains("不是数据包 (not a bundle)"), "{said}");
    assert!(screen(app.view())
        .find(widget::Id::new(exchange::PREVIEW))
        .is_err());
    assert_eq!(std::fs::read(&offices.street).unwrap(), before);
    assert_eq!(head(&offices.street), head_before);
    assert_eq!(app.document(), &document_before);
    assert!(app.comparison().is_none());
}

#[test]
fn exchange_the_office_is_asked_once_kept_and_named_in_the_bundle() {
    let _turn = turn(None);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = window_on(&file);

    // 发送 asks for the office on the way; a bad name is refused under the field.
    choose(&mut app, menu::PACKAGE, exchange::SEND);
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(exchange::OFFICE_FIELD))
            .expect("the office is asked");
        ui.typewrite("西园/街道");
        ui.click(exchange::OK).unwrap();
    });
    let refused = office::OfficeError::Character('/').to_string();
    assert!(shows(&app, &refused), "why, under the field");
    assert_eq!(office::office(), None, "nothing kept");
    let typed = exchange::Message::OfficeTyped(STREET.into());
    let task = app.update(Message::Exchange(typed));
    settle(&mut app, task);
    click(&mut app, exchange::OK);
    assert_eq!(office::office().as_deref(), Some(STREET), "kept");

    // The send goes on: beside the document, named for the office.
    let name = core::bundle_name(&file, STREET);
    assert!(name.contains(STREET), "{name}");
    let out = dir.path().join(&name);
    // The window stays live and says what runs until the 数据包 is written.
    let writing = press(&mut app, exchange::BESIDE);
    assert!(shows(&app, "正在写数据包…"), "{:?}", texts(&app));
    assert!(!app.exchange().replacing(), "edits go on meanwhile");
    assert!(!out.exists());
    settle(&mut app, writing);
    assert!(out.is_file(), "{} written", out.display());
    assert!(!shows(&app, "正在写数据包…"));
    let said = app.notice().unwrap_or_default().to_string();
    assert!(
        said.starts_with(&format!("已写入数据包 {}", out.display())),
        "{said}"
    );
    assert!(
        said.contains("已开始记录"),
        "version control started: {said}"
    );
    assert!(app.history().in_repository(), "历史 now offered");

    // Not asked again, in this window or the next.
    for mut app in [app, window_on(&file)] {
        choose(&mut app, menu::PACKAGE, exchange::SEND);
        assert!(screen(app.view())
            .find(widget::Id::new(exchange::OFFICE_FIELD))
            .is_err());
        assert!(shows(&app, exchange::BESIDE), "straight to where it goes");
    }
}

#[test]
fn exchange_start_versions_explains_then_makes_the_first_version() {
    let _turn = turn(Some(STREET));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    gridorg::document::save(&gridorg::gui::bundled_sample().unwrap(), &file).unwrap();
    let mut app = window_on(&file);
    assert!(!app.history().in_repository());

    choose(&mut app, menu::PACKAGE, exchange::START);
    let texts = texts(&app);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("文件夹将成为版本库（git 仓库），当前文档保存为它的第一个版本")),
        "one sentence says what it does: {texts:?}"
    );
    assert!(!dir.path().join(".git").exists(), "nothing before the yes");
    click(&mut app, exchange::YES);

    assert!(dir.path().join(".git").is_dir());
    assert!(app.history().in_repository(), "the window knows");
    let log = git_in(dir.path(), &["log", "--format=%an|%s"]);
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.starts_with(&format!("{STREET}|")), "{log}");
    let said = app.notice().unwrap_or_default().to_string();
    assert!(said.starts_with("已开始记录版本"), "{said}");
    // Offered no more.
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::menu_title(menu::PACKAGE)).unwrap();
    });
    assert!(screen(app.view())
        .find(gridorg::gui::menu_item(exchange::START))
        .is_err());
}

#[test]
fn exchange_sync_with_a_local_bare_repository_merges_marks_and_pushes() {
    let _turn = turn(Some(STREET));
    let offices = offices();
    let shared = offices.dir.path().join("共享.git");
    git_in(offices.dir.path(), &["init", "-q", "--bare", "共享.git"]);
    let shared_text = shared.display().to_string();

    // The street names the shared repository once: its first sync fills it.
    let mut app = window_on(&offices.street);
    choose(&mut app, menu::PACKAGE, exchange::REMOTE);
    let typed = exchange::Message::RemoteTyped(shared_text.clone());
    let task = app.update(Message::Exchange(typed));
    settle(&mut app, task);
    click(&mut app, exchange::SYNC_NOW);
    assert_eq!(
        core::remote(&offices.street).as_deref(),
        Some(&*shared_text)
    );

    // The community syncs its edit through it.
    edit(&offices.community, rename("XY01", "迎宾馆社区党委"));
    let synced = core::sync(&offices.community, Some(&shared_text), COMMUNITY).unwrap();
    assert!(synced.pushed, "{synced:?}");

    // The street's 同步: remembered, fetched, merged, marked, pushed.
    edit(&offices.street, rename("XY03", "锦园社区党委"));
    let mut app = window_on(&offices.street);
    choose(&mut app, menu::PACKAGE, exchange::SYNC);
    assert_eq!(name_of(&app, "XY01"), "迎宾馆社区党委");
    assert_eq!(name_of(&app, "XY03"), "锦园社区党委");
    let xy01 = app.document().unit_by_code("XY01").unwrap().id;
    assert!(app
        .comparison()
        .expect("what came in is marked")
        .marks
        .contains_key(&xy01));
    let said = app.notice().unwrap_or_default().to_string();
    assert!(said.contains("已推送到共享仓库"), "{said}");
    let pushed = git_in(&shared, &["log", "-1", "--all", "--format=%P"]);
    assert_eq!(pushed.split_whitespace().count(), 2, "the merge is shared");

    // Offline: said, nothing changed.
    let before = std::fs::read(&offices.street).unwrap();
    choose(&mut app, menu::PACKAGE, exchange::REMOTE);
    let gone = offices.dir.path().join("不在了.git").display().to_string();
    let typed = exchange::Message::RemoteTyped(gone);
    let task = app.update(Message::Exchange(typed));
    settle(&mut app, task);
    click(&mut app, exchange::SYNC_NOW);
    let said = app.notice().unwrap_or_default().to_string();
    assert!(said.contains("(offline)"), "{said}");
    assert_eq!(std::fs::read(&offices.street).unwrap(), before);
}

/// Every text on screen.
fn texts(app: &App) -> Vec<String> {
    use iced_test::selector::Candidate;
    let mut all = Vec::new();
    let _ = screen(app.view()).find(|candidate: Candidate<'_>| {
        if let Candidate::Text { content, .. } = candidate {
            all.push(content.to_string());
        }
        None::<()>
    });
    all
}
