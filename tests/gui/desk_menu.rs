//! Issue 25, item 2, at an office desk's window (1024×700 and 1280×800):
//! a menu bar (文件 编辑 视图 打印 数据包 帮助) whose lists hold every
//! action with its shortcut, and one toolbar row of the daily actions under
//! it; together no taller than about 80 px, nothing cut off.

use crate::common::{
    choose, interact, name_the_file_from, private_data_dir, rename_in_panel, sample_app,
    sample_repository, settle, unit, window_on,
};
use gridorg::gui::{
    files, history, keys, menu, menu_item, menu_title, outline, print, shortcuts, statistics, App,
    Message,
};
use iced::keyboard::{self, key::Named, Key, Modifiers};
use iced::widget;
use iced::{Point, Rectangle};

/// The small office window.
pub const SMALL: (f32, f32) = (1024.0, 700.0);
/// The common office window.
pub const LARGE: (f32, f32) = (1280.0, 800.0);

/// The view in a window of `size`.
pub fn at(size: (f32, f32), view: iced::Element<'_, Message>) -> iced_test::Simulator<'_, Message> {
    iced_test::Simulator::with_size(iced::Settings::default(), size, view)
}

/// As [`crate::common::interact`], in a window of `size`.
pub fn interact_at(
    app: &mut App,
    size: (f32, f32),
    act: impl FnOnce(&mut iced_test::Simulator<'_, Message>),
) {
    let messages: Vec<Message> = {
        let mut ui = at(size, app.view());
        act(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

/// Clicks `target` in the small window.
fn click_small(app: &mut App, target: widget::Id) {
    interact_at(app, SMALL, |ui| {
        ui.click(target).unwrap();
    });
}

/// Whether `bounds` lie wholly inside a window of `size`.
fn inside(bounds: Rectangle, size: (f32, f32)) -> bool {
    bounds.x >= 0.0
        && bounds.y >= 0.0
        && bounds.x + bounds.width <= size.0
        && bounds.y + bounds.height <= size.1
}

/// A key pressed where no widget takes it, as the window's subscription
/// hands it on; what it does, fed back.
fn press(app: &mut App, key: Key, modifiers: Modifiers) {
    let event = keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: keyboard::key::Physical::Unidentified(
            keyboard::key::NativeCode::Unidentified,
        ),
        location: keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    };
    let message = keys::message(event).expect("the key means something");
    let task = app.update(message);
    settle(app, task);
}

fn ctrl(c: &str) -> (Key, Modifiers) {
    (Key::Character(c.into()), Modifiers::CTRL)
}

const TITLES: [&str; 6] = [
    menu::FILE,
    menu::EDIT,
    menu::VIEW,
    menu::PRINT,
    menu::PACKAGE,
    menu::HELP,
];

/// The sample in a repository, saving with a commit and its message field
/// shown: the widest toolbar there is.
fn widest(dir: &std::path::Path) -> App {
    let file = sample_repository(dir);
    let mut app = window_on(&file);
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(files::COMMIT_OPTION)).unwrap();
    });
    app
}

#[test]
fn desk_menu_the_menu_bar_and_one_toolbar_row_fit_in_80_px_at_both_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let app = widest(dir.path());
    for size in [SMALL, LARGE] {
        let mut ui = at(size, app.view());
        let bars = ui.find(widget::Id::new(menu::BARS)).unwrap().bounds();
        assert!(bars.height <= 80.0, "{size:?}: the bars take {bars:?}");
        for title in TITLES {
            let found = ui.find(menu_title(title)).unwrap().bounds();
            assert!(inside(found, size), "{title} at {size:?}: {found:?}");
        }
        let daily = [
            files::NEW,
            files::OPEN,
            files::SAVE,
            gridorg::gui::UNDO,
            gridorg::gui::REDO,
            print::PRINT_CHART,
            print::PRINT_ROSTER,
            statistics::SHOW,
            history::SHOW,
        ];
        let mut rows = Vec::new();
        for label in daily {
            let found = ui.find(label).unwrap().bounds();
            assert!(inside(found, size), "{label} at {size:?}: {found:?}");
            assert!(found.y + found.height <= bars.y + bars.height, "{label}");
            rows.push(found.center_y());
        }
        let (top, bottom) = rows
            .iter()
            .fold((f32::MAX, f32::MIN), |(lo, hi), y| (lo.min(*y), hi.max(*y)));
        assert!(bottom - top < 2.0, "one toolbar row at {size:?}: {rows:?}");
        let typed = ui.find(widget::Id::new(files::COMMIT_MESSAGE)).unwrap();
        assert!(inside(typed.bounds(), size), "the commit message field");
    }
}

#[test]
fn desk_menu_history_is_reachable_at_1024_by_700() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_repository(dir.path());
    let mut app = window_on(&file);
    // A unit selected: the print scope's words grew the old print row.
    let label = outline::label(app.document(), unit(&app, "XY03"));
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact_at(&mut app, SMALL, |ui| {
        let found = ui.find(history::SHOW).expect("历史 shown").bounds();
        assert!(inside(found, SMALL), "历史 within the window: {found:?}");
        assert!(found.width >= 24.0, "历史 whole, not squeezed: {found:?}");
        let save = ui.find(files::SAVE).unwrap().bounds();
        assert!(
            (found.center_y() - save.center_y()).abs() < 2.0,
            "历史 in the one toolbar row with 保存: {found:?} {save:?}"
        );
        ui.click(history::SHOW).unwrap();
    });
    assert!(app.history().is_open());
}

#[test]
fn desk_menu_each_menu_opens_under_its_title_and_closes_on_escape() {
    let mut app = sample_app();
    for title in TITLES {
        click_small(&mut app, menu_title(title));
        assert_eq!(app.menu_open(), Some(title));
        let mut ui = at(SMALL, app.view());
        let under = ui.find(menu_title(title)).unwrap().bounds();
        let first = match title {
            menu::FILE => files::NEW,
            menu::EDIT => gridorg::gui::UNDO,
            menu::VIEW => gridorg::gui::coverage::SHOW,
            menu::PRINT => gridorg::gui::printing::OPEN,
            menu::PACKAGE => files::COMMIT,
            _ => gridorg::gui::help::KEYS,
        };
        let item = ui.find(menu_item(first)).unwrap().bounds();
        assert!(inside(item, SMALL), "{first} in the window: {item:?}");
        assert!(item.y >= under.y + under.height, "{first} under {title}");
        assert!((item.x - under.x).abs() < 8.0, "{first} under {title}");
        drop(ui);
        press(&mut app, Key::Named(Named::Escape), Modifiers::default());
        assert_eq!(app.menu_open(), None, "Escape closes {title}");
    }
}

#[test]
fn desk_menu_another_title_moves_the_open_menu_and_a_click_outside_closes_it() {
    let mut app = sample_app();
    click_small(&mut app, menu_title(menu::FILE));
    click_small(&mut app, menu_title(menu::VIEW));
    assert_eq!(app.menu_open(), Some(menu::VIEW), "a click moves it");
    // The pointer alone moves it while a list is open.
    interact_at(&mut app, SMALL, |ui| {
        let position = ui.find(menu_title(menu::EDIT)).unwrap().bounds().center();
        ui.point_at(position);
        ui.simulate([iced::Event::Mouse(iced::mouse::Event::CursorMoved {
            position,
        })]);
    });
    assert_eq!(app.menu_open(), Some(menu::EDIT), "hovering moves it");
    // A click beside the list closes it and does nothing else.
    let selected = app.selected();
    interact_at(&mut app, SMALL, |ui| {
        ui.point_at(Point::new(900.0, 500.0));
        ui.simulate(iced_test::simulator::click());
    });
    assert_eq!(app.menu_open(), None);
    assert_eq!(app.selected(), selected);
}

#[test]
fn desk_menu_view_statistics_opens_the_statistics() {
    let mut app = sample_app();
    click_small(&mut app, menu_title(menu::VIEW));
    click_small(&mut app, menu_item(statistics::SHOW));
    assert!(app.statistics().is_some(), "统计 shown");
    assert_eq!(app.menu_open(), None, "the list closed");
    let mut ui = at(SMALL, app.view());
    assert!(ui.find(statistics::CLOSE).is_ok(), "the way back");
}

#[test]
fn desk_menu_file_save_saves_and_a_disabled_item_does_nothing() {
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    let mut app = sample_app();
    // 文件 → 另存为… gives the sample a file.
    name_the_file_from(&mut app, menu::FILE, files::SAVE_AS, &file);
    assert!(file.exists(), "{:?}", app.notice());
    // Nothing to redo: 编辑 → 重做 is greyed, and a click on it does nothing.
    click_small(&mut app, menu_title(menu::EDIT));
    let document = app.document().clone();
    click_small(&mut app, menu_item(gridorg::gui::REDO));
    assert_eq!(app.document(), &document);
    assert_eq!(app.menu_open(), Some(menu::EDIT), "still open");
    press(&mut app, Key::Named(Named::Escape), Modifiers::default());

    rename_in_panel(&mut app, "XY03", "（一）");
    assert!(app.title().starts_with('●'));
    choose(&mut app, menu::FILE, files::SAVE);
    assert!(!app.title().starts_with('●'), "{:?}", app.notice());
    assert_eq!(&gridorg::document::load(&file).unwrap(), app.document());
    // 编辑 → 撤销 takes the rename back.
    choose(&mut app, menu::EDIT, gridorg::gui::UNDO);
    assert_eq!(app.document(), &document);
}

#[test]
fn desk_menu_the_shortcuts_shown_do_what_their_items_do() {
    let mut app = sample_app();
    click_small(&mut app, menu_title(menu::FILE));
    let mut ui = at(SMALL, app.view());
    for keys in [shortcuts::NEW, shortcuts::SAVE, shortcuts::SAVE_AS] {
        assert!(ui.find(keys).is_ok(), "{keys} shown beside its item");
    }
    drop(ui);
    press(&mut app, Key::Named(Named::Escape), Modifiers::default());

    // Ctrl+P: 打印… opens the print dialog; Escape closes it.
    let (key, modifiers) = ctrl("p");
    press(&mut app, key, modifiers);
    assert!(app.print_dialog());
    press(&mut app, Key::Named(Named::Escape), Modifiers::default());
    assert!(!app.print_dialog());

    // Ctrl+Shift+P: 打印花名册… asks where the roster goes.
    press(
        &mut app,
        Key::Character("P".into()),
        Modifiers::CTRL | Modifiers::SHIFT,
    );
    let mut ui = at(SMALL, app.view());
    let target = ui
        .find(widget::Id::new(files::TARGET))
        .expect("the target row");
    assert!(inside(target.bounds(), SMALL));
    assert!(ui.find("花名册保存到").is_ok(), "for the roster");
    drop(ui);
    interact_at(&mut app, SMALL, |ui| {
        ui.click(files::CANCEL).unwrap();
    });

    // Ctrl+Z takes an edit back, Ctrl+Y does it again.
    let before = app.document().clone();
    rename_in_panel(&mut app, "XY03", "（一）");
    let after = app.document().clone();
    let (key, modifiers) = ctrl("z");
    press(&mut app, key, modifiers);
    assert_eq!(app.document(), &before);
    let (key, modifiers) = ctrl("y");
    press(&mut app, key, modifiers);
    assert_eq!(app.document(), &after);

    // F1 opens the guide (使用说明); Escape closes it before it deselects.
    press(&mut app, Key::Named(Named::F1), Modifiers::default());
    assert!(app.guide_open());
    let selected = app.selected();
    assert!(selected.is_some());
    press(&mut app, Key::Named(Named::Escape), Modifiers::default());
    assert!(!app.guide_open());
    assert_eq!(app.selected(), selected);

    // 帮助 → 关于 tells the version.
    choose(&mut app, menu::HELP, gridorg::gui::help::ABOUT);
    let version = format!("gridorg {}", env!("CARGO_PKG_VERSION"));
    let mut ui = at(SMALL, app.view());
    assert!(ui.find(version.as_str()).is_ok());
}
