//! Issue 27, item 3: 帮助 → 使用说明 (and F1) shows the user's guide,
//! docs/使用说明.md compiled into the program, in a box over the window;
//! 关闭 and Esc close it. And the guide stays true to the window: every
//! 「菜单 → 项目」 it names is in that menu, its links to its own headings
//! land on a heading, its shortcut table is the window's, and every
//! screenshot it shows is compiled in.

use crate::common::{choose, interact, operates_a_widget, pressed, sample_app, settle, unit};
use gridorg::gui::guide::{self, anchor, heading_id};
use gridorg::gui::{keys, menu, menu_item, menu_title, outline, shortcuts, App, Message};
use iced::keyboard::{key::Named, Key, Modifiers};

/// The office desk's small window.
const SMALL: (f32, f32) = (1024.0, 700.0);

fn at(view: iced::Element<'_, Message>) -> iced_test::Simulator<'_, Message> {
    iced_test::Simulator::with_size(iced::Settings::default(), SMALL, view)
}

/// The guide's chapters: its `## ` headings.
fn chapters() -> Vec<&'static str> {
    guide::TEXT
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .collect()
}

/// What the guide quotes in 「」.
fn quoted() -> Vec<&'static str> {
    guide::TEXT
        .split('「')
        .skip(1)
        .filter_map(|after| after.split_once('」').map(|(quote, _)| quote))
        .collect()
}

/// The targets of the guide's links to its own headings (`](#…)`).
fn own_links() -> Vec<&'static str> {
    guide::TEXT
        .split("](#")
        .skip(1)
        .filter_map(|after| after.split_once(')').map(|(anchor, _)| anchor))
        .collect()
}

/// Whether the guide's heading `anchor` is in the view.
fn shows_heading(app: &App, anchor: &str) -> bool {
    at(app.view()).find(heading_id(anchor)).is_ok()
}

/// A key pressed where no widget takes it, as the window hands it on.
fn press(app: &mut App, key: Key) {
    let message = keys::message(pressed(key, Modifiers::default())).expect("a key of the window");
    let task = app.update(message);
    settle(app, task);
}

#[test]
fn guide_help_menu_opens_the_guide_with_every_chapter_and_close_closes_it() {
    let mut app = sample_app();
    assert!(!chapters().is_empty());
    assert!(!shows_heading(&app, &anchor(chapters()[0])));
    choose(&mut app, menu::HELP, guide::SHOW);
    assert!(app.guide_open(), "帮助 → 使用说明 opens the guide");
    let mut ui = at(app.view());
    for chapter in chapters() {
        let heading = ui
            .find(heading_id(&anchor(chapter)))
            .unwrap_or_else(|_| panic!("the chapter {chapter} is shown"));
        assert!(heading.bounds().width > 0.0, "{chapter}");
        assert!(ui.find(chapter).is_ok(), "the heading {chapter} is written");
    }
    let close = ui.find(guide::CLOSE).expect("关闭").bounds();
    assert!(
        close.x + close.width <= SMALL.0 && close.y + close.height <= SMALL.1,
        "关闭 inside the small window: {close:?}"
    );
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(guide::CLOSE).unwrap();
    });
    assert!(!app.guide_open(), "关闭 closes it");
    assert!(!shows_heading(&app, &anchor(chapters()[0])));
}

#[test]
fn guide_f1_opens_it_and_escape_closes_it_before_deselecting() {
    let mut app = sample_app();
    let xy01 = unit(&app, "XY01");
    let task = app.update(Message::Outline(outline::Message::Pick(xy01)));
    settle(&mut app, task);
    assert_eq!(app.selected(), Some(xy01));
    press(&mut app, Key::Named(Named::F1));
    assert!(app.guide_open(), "F1 opens the guide");
    assert!(shows_heading(&app, &anchor(chapters()[0])));
    press(&mut app, Key::Named(Named::Escape));
    assert!(!app.guide_open(), "Esc closes it");
    assert_eq!(app.selected(), Some(xy01), "and only that");
    // The shortcut list is still in 帮助, without a key of its own.
    choose(&mut app, menu::HELP, gridorg::gui::help::KEYS);
    assert!(at(app.view()).find(shortcuts::PRINT_ROSTER).is_ok());
}

#[test]
fn guide_each_link_to_one_of_its_headings_scrolls_to_a_heading_that_is_there() {
    let mut app = sample_app();
    choose(&mut app, menu::HELP, guide::SHOW);
    let links = own_links();
    assert!(links.len() >= 5, "the guide links its chapters: {links:?}");
    for link in links {
        assert!(
            shows_heading(&app, link),
            "the link #{link} leads to a heading of the guide"
        );
        let task = app.update(Message::Guide(guide::Message::Link(format!("#{link}"))));
        assert!(operates_a_widget(task), "#{link} scrolls the guide");
        assert!(app.guide_open(), "and leaves it open");
    }
}

#[test]
fn guide_every_menu_item_it_names_is_in_that_menu() {
    // A document with a file outside any repository: 数据包 offers
    // 开始记录版本 then.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("西园.ron");
    std::fs::write(&file, gridorg::SAMPLE).unwrap();
    let mut app = crate::common::window_on(&file);
    let paths: Vec<(&str, &str)> = quoted()
        .into_iter()
        .filter_map(|quote| quote.split_once(" → "))
        .collect();
    assert!(
        paths.len() >= 10,
        "the guide names its menu items: {paths:?}"
    );
    for (title, item) in paths {
        interact(&mut app, |ui| {
            ui.click(menu_title(title))
                .unwrap_or_else(|_| panic!("「{title} → {item}」: no menu {title}"));
        });
        assert!(
            at(app.view()).find(menu_item(item)).is_ok(),
            "「{title} → {item}」: {title} has no item {item}"
        );
        let task = app.update(Message::Deselect);
        settle(&mut app, task);
        assert_eq!(app.menu_open(), None);
    }
}

#[test]
fn guide_its_shortcut_table_is_the_window_s() {
    let (_, chapter) = guide::TEXT
        .split_once("## 快捷键\n")
        .expect("a chapter 快捷键");
    let rows: Vec<(String, String)> = chapter
        .lines()
        .take_while(|line| !line.starts_with("## "))
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim().strip_prefix('|')?.split('|').collect();
            (cells.len() == 3).then(|| (cells[0].trim().to_string(), cells[1].trim().to_string()))
        })
        .skip(2)
        .collect();
    let window: Vec<(String, String)> = shortcuts::ALL
        .iter()
        .map(|(keys, what)| (keys.to_string(), what.to_string()))
        .collect();
    assert_eq!(rows, window, "the guide's table lists shortcuts::ALL");
}

#[test]
fn guide_every_screenshot_it_shows_is_compiled_in() {
    let shown: std::collections::BTreeSet<&str> = guide::TEXT
        .split("](")
        .skip(1)
        .filter_map(|after| after.split_once(')').map(|(path, _)| path))
        .filter(|path| path.ends_with(".png"))
        .collect();
    let compiled: std::collections::BTreeSet<&str> =
        guide::IMAGES.iter().map(|(path, _)| *path).collect();
    assert!(shown.len() >= 5, "{shown:?}");
    assert_eq!(shown, compiled);
}
