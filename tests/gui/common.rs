//! Helpers every panel's tests share: the Simulator screen, the sample
//! window, feeding messages and tasks back to `update` as the runtime would,
//! and the few setups (a data folder, a repository, a finding to fix) more
//! than one panel starts from.

use gridorg::check::{Finding, Rule};
use gridorg::gui::inspector::{self, fixes};
use gridorg::gui::{files, outline, problems, App, Message};
use gridorg::model::{Document, Id};
use iced::widget;

/// The view in a window of the editor's size with a tall screen, so that
/// the property panel (with a reserved reason line under each field) shows
/// without scrolling.
pub fn screen<'a>(view: iced::Element<'a, Message>) -> iced_test::Simulator<'a, Message> {
    iced_test::Simulator::with_size(iced::Settings::default(), (1280.0, 1400.0), view)
}

/// The bundled sample open in a window, with no file behind it.
pub fn sample_app() -> App {
    App::new(gridorg::gui::bundled_sample().unwrap(), None)
}

/// The id of the unit coded `code` in the window's document.
pub fn unit(app: &App, code: &str) -> Id {
    app.document().unit_by_code(code).unwrap().id
}

/// Clicks `button`, types `path` over the target row's default (the text
/// the path box hands on as it is edited) and confirms: the way a user
/// names a file where no desktop dialog opens.
pub fn name_the_file(app: &mut App, button: &str, path: &std::path::Path) {
    interact(app, |ui| {
        ui.click(button).unwrap();
    });
    name_it(app, path);
}

/// Chooses `item` in the menu `title`, types `path` in the target row it
/// opens and confirms (see [`name_the_file`]).
pub fn name_the_file_from(app: &mut App, title: &str, item: &str, path: &std::path::Path) {
    choose(app, title, item);
    name_it(app, path);
}

/// Opens the menu `title` and chooses its `item`: two clicks, as a user
/// would.
pub fn choose(app: &mut App, title: &str, item: &str) {
    interact(app, |ui| {
        ui.click(gridorg::gui::menu_title(title)).unwrap();
    });
    interact(app, |ui| {
        ui.click(gridorg::gui::menu_item(item)).unwrap();
    });
}

/// Types `path` over the target row's default and confirms.
fn name_it(app: &mut App, path: &std::path::Path) {
    let typed = Message::Files(files::Message::Typed(path.display().to_string()));
    let task = app.update(typed);
    settle(app, task);
    interact(app, |ui| {
        ui.click(files::CONFIRM).unwrap();
    });
}

/// Runs what `update` started (reads, saves) to the end, feeding each result
/// back, as the iced runtime would.
pub fn settle(app: &mut App, task: iced::Task<Message>) {
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let Some(mut stream) = task::into_stream(task) else {
        return;
    };
    while let Some(action) = block_on(stream.next()) {
        if let Action::Output(message) = action {
            let next = app.update(message);
            settle(app, next);
        }
    }
}

/// The messages a task produces, not fed back.
pub fn outputs(task: iced::Task<Message>) -> Vec<Message> {
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let Some(stream) = task::into_stream(task) else {
        return Vec::new();
    };
    block_on(stream.collect::<Vec<_>>())
        .into_iter()
        .filter_map(|action| match action {
            Action::Output(message) => Some(message),
            _ => None,
        })
        .collect()
}

/// Builds the view, lets `act` use it, and feeds the messages it produced
/// back, running the tasks they start (the findings that follow an edit come
/// from one) to their end.
pub fn interact(app: &mut App, act: impl FnOnce(&mut iced_test::Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = screen(app.view());
        act(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

/// Recent files go to a data folder of the test's own.
pub fn private_data_dir() {
    use std::sync::OnceLock;
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().unwrap());
    // Every test sets the same value, before it opens or saves a file.
    std::env::set_var("GRIDORG_DATA_DIR", dir.path());
}

/// The bundled sample, read once.
pub fn app_doc() -> &'static gridorg::model::Document {
    use std::sync::OnceLock;
    static SAMPLE: OnceLock<gridorg::model::Document> = OnceLock::new();
    SAMPLE.get_or_init(|| gridorg::gui::bundled_sample().unwrap())
}

/// Where the middle of a unit's box (or its fold square) shows in the window.
pub fn on_canvas(
    ui: &mut iced_test::Simulator<'_, Message>,
    app: &App,
    id: Id,
    toggle: bool,
) -> iced::Point {
    let frame = ui
        .find(widget::Id::new(gridorg::gui::CANVAS))
        .expect("the canvas")
        .bounds();
    let local = if toggle {
        app.canvas().unwrap().toggle_center(id, frame.size())
    } else {
        app.canvas().unwrap().box_center(id, frame.size())
    }
    .expect("the box is drawn");
    assert!(
        local.x > 0.0 && local.y > 0.0 && local.x < frame.width && local.y < frame.height,
        "{local:?} lies in the canvas {frame:?}"
    );
    iced::Point::new(frame.x + local.x, frame.y + local.y)
}

/// Like [`interact`], with the application at hand while the view is up.
pub fn interact_seeing(
    app: &mut App,
    act: impl FnOnce(&mut iced_test::Simulator<'_, Message>, &App),
) {
    let messages: Vec<Message> = {
        let seen: &App = app;
        let mut ui = screen(seen.view());
        act(&mut ui, seen);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

/// Presses the left button at `from`, moves to `to` in four steps and
/// releases it there.
pub fn drag(ui: &mut iced_test::Simulator<'_, Message>, from: iced::Point, to: iced::Point) {
    use iced::mouse;
    ui.point_at(from);
    ui.simulate([iced::Event::Mouse(mouse::Event::ButtonPressed(
        mouse::Button::Left,
    ))]);
    for step in 1..=4 {
        let t = step as f32 / 4.0;
        let at = iced::Point::new(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
        ui.point_at(at);
        ui.simulate([iced::Event::Mouse(mouse::Event::CursorMoved {
            position: at,
        })]);
    }
    ui.simulate([iced::Event::Mouse(mouse::Event::ButtonReleased(
        mouse::Button::Left,
    ))]);
}

/// One edit through the window: 迎宾馆社区 (XY01) selected, a branch added.
pub fn add_a_branch_to_xy01(app: &mut App) {
    let xy01 = unit(app, "XY01");
    let add = inspector::add_label(&app_doc().units[&xy01]);
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    interact(app, |ui| {
        ui.click(add.as_str()).unwrap();
    });
}

/// Opens `file` as the program does, journaling its edits beside it.
pub fn open_as_the_program_does(file: &std::path::Path) -> App {
    private_data_dir();
    let (mut app, journaling) = App::open(
        gridorg::document::load(file).unwrap(),
        Some(file.to_path_buf()),
    );
    settle(&mut app, journaling);
    app
}

/// Whether a task asks a widget to do something (scroll, focus …).
pub fn operates_a_widget(task: iced::Task<Message>) -> bool {
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let Some(stream) = task::into_stream(task) else {
        return false;
    };
    block_on(stream.collect::<Vec<_>>())
        .iter()
        .any(|action| matches!(action, Action::Widget(_)))
}

/// A key pressed, as the keyboard reports it.
pub fn pressed(
    key: iced::keyboard::Key,
    modifiers: iced::keyboard::Modifiers,
) -> iced::keyboard::Event {
    use iced::keyboard::key::{NativeCode, Physical};
    iced::keyboard::Event::KeyPressed {
        modified_key: key.clone(),
        key,
        physical_key: Physical::Unidentified(NativeCode::Unidentified),
        location: iced::keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    }
}

/// Like [`interact`] on a screen tall enough to show the whole property
/// panel: the window scrolls the panel to the control a fix is made with,
/// but each Simulator here starts unscrolled.
pub fn interact_tall(app: &mut App, act: impl FnOnce(&mut iced_test::Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = iced_test::Simulator::with_size(
            iced::Settings::default(),
            (1280.0, 3600.0),
            app.view(),
        );
        act(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

/// The bundled sample with `plant` done to it, open in the window.
pub fn planted(plant: impl FnOnce(&mut Document)) -> App {
    let mut document = gridorg::gui::bundled_sample().unwrap();
    plant(&mut document);
    App::new(document, None)
}

/// The open finding of `rule` about `subject`, if any.
pub fn open_finding(app: &App, rule: Rule, subject: Id) -> Option<Finding> {
    app.report()
        .findings
        .iter()
        .find(|f| f.rule == rule && f.subject == subject && !f.acknowledged)
        .cloned()
}

/// Narrows the problems list to `rule` and clicks the finding about
/// `subject`, as a user goes to fix it; checks the window went there: its
/// unit selected, how to fix it said above the property panel, and
/// `control` shown.
pub fn go_fix(app: &mut App, rule: Rule, subject: Id, control: impl Into<widget::Id>) {
    let finding =
        open_finding(app, rule, subject).unwrap_or_else(|| panic!("{rule} about {subject}"));
    let narrow = problems::Message::Rule(problems::RuleChoice {
        rule: Some(rule),
        count: 0,
    });
    let task = app.update(Message::Problem(narrow));
    settle(app, task);
    interact_tall(app, |ui| {
        ui.click(problems::label(&finding).as_str())
            .expect("the finding's row");
    });
    let lead = fixes::lead(app.document(), &finding).expect("a fix for every finding");
    assert_eq!(app.selected(), lead.unit, "the unit that answers for it");
    let control = control.into();
    interact_tall(app, |ui| {
        ui.find(format!("修复：{}", lead.hint).as_str())
            .expect("how to fix it, above the panel");
        ui.find(control).expect("the control that fixes it");
    });
}

/// Asserts the finding went.
pub fn fixed(app: &App, rule: Rule, subject: Id) {
    assert!(
        open_finding(app, rule, subject).is_none(),
        "{rule} about {subject} is fixed: {:?}",
        open_finding(app, rule, subject).map(|f| f.message)
    );
}

/// Runs git in `dir` for the history tests; its standard output.
pub fn git_in(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs (install it: apt-get install git)");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A repository of its own committer holding the sample in two commits:
/// 底稿, then XY01 renamed (迎宾馆更名). The document's path.
pub fn sample_repository(dir: &std::path::Path) -> std::path::PathBuf {
    git_in(dir, &["init", "-q", "-b", "main"]);
    git_in(dir, &["config", "user.name", "社区书记"]);
    git_in(dir, &["config", "user.email", "c@example.org"]);
    git_in(dir, &["config", "commit.gpgsign", "false"]);
    let file = dir.join("西园.ron");
    let mut doc = gridorg::gui::bundled_sample().unwrap();
    gridorg::document::save(&doc, &file).unwrap();
    git_in(dir, &["add", "西园.ron"]);
    git_in(dir, &["commit", "-q", "-m", "底稿"]);
    let xy01 = doc.unit_by_code("XY01").unwrap().id;
    doc.units.get_mut(&xy01).unwrap().name = "迎宾馆社区党委".into();
    gridorg::document::save(&doc, &file).unwrap();
    git_in(dir, &["commit", "-q", "-am", "迎宾馆更名"]);
    file
}

/// The window on `file` as `gridorg FILE` opens it: read, and where it
/// lives looked up.
pub fn window_on(file: &std::path::Path) -> App {
    private_data_dir();
    let (mut app, read) = App::reading(file.to_path_buf());
    settle(&mut app, read);
    app
}

/// Turns 保存时提交 on, types `message` as the commit's and presses 保存.
pub fn save_committing(app: &mut App, message: &str) {
    interact(app, |ui| {
        ui.click(widget::Id::new(files::COMMIT_OPTION)).unwrap();
    });
    interact(app, |ui| {
        ui.click(widget::Id::new(files::COMMIT_MESSAGE)).unwrap();
        ui.typewrite(message);
        ui.click(gridorg::gui::SAVE).unwrap();
    });
}

/// Renames the unit `code` in the property panel: an edit, left unsaved.
pub fn rename_in_panel(app: &mut App, code: &str, suffix: &str) {
    let label = outline::label(app.document(), unit(app, code));
    interact(app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(app, |ui| {
        ui.click(widget::Id::new(inspector::NAME)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite(suffix);
        ui.click(inspector::APPLY).unwrap();
    });
}
