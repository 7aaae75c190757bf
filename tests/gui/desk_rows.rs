//! Issue 25, item 3: the rows of the narrow side panel and of 统计 at an
//! office desk's 1024×700. Each row's texts keep clear of each other and of
//! the row's controls; a text with too little room is cut with … and shows
//! whole under the pointer; every control stays inside the panel, so the list
//! a pick list drops stays inside the window.

use crate::common::{interact, planted, sample_app, settle, unit};
use gridorg::gui::inspector::{self, links, places};
use gridorg::gui::{outline, statistics, App, Message};
use gridorg::model::Id;
use iced::{widget, Point, Rectangle};
use iced_test::selector::Candidate;
use iced_test::Simulator;

/// The desk's small screen.
const DESK: (f32, f32) = (1024.0, 700.0);

/// The view at the desk's width, as tall as `height`.
fn desk(app: &App, height: f32) -> Simulator<'_, Message> {
    Simulator::with_size(iced::Settings::default(), (DESK.0, height), app.view())
}

/// Every text on the screen with its bounds.
fn texts(ui: &mut Simulator<'_, Message>) -> Vec<(String, Rectangle)> {
    let mut all = Vec::new();
    let _ = ui.find(|candidate: Candidate<'_>| {
        if let Candidate::Text {
            content, bounds, ..
        } = candidate
        {
            all.push((content.to_string(), bounds));
        }
        None::<()>
    });
    all
}

/// The texts whose middle is inside `frame`.
fn texts_in(ui: &mut Simulator<'_, Message>, frame: Rectangle) -> Vec<(String, Rectangle)> {
    texts(ui)
        .into_iter()
        .filter(|(_, bounds)| frame.contains(bounds.center()))
        .collect()
}

/// The size `content` takes on one line at `size` points, unconstrained.
fn natural(content: &str, size: f32) -> Rectangle {
    let view: iced::Element<'_, ()> = iced::widget::text(content).size(size).into();
    let mut ui = Simulator::with_size(iced::Settings::default(), (6000.0, 400.0), view);
    ui.find(content).expect("the measured text").bounds()
}

/// Whether two rectangles share more than a hairline.
fn overlap(a: Rectangle, b: Rectangle) -> bool {
    a.intersection(&b)
        .is_some_and(|common| common.width > 0.5 && common.height > 0.5)
}

/// The bounds of the widget with id `id`.
fn bounds_of(ui: &mut Simulator<'_, Message>, id: impl Into<widget::Id>) -> Rectangle {
    let id = id.into();
    ui.find(id.clone())
        .unwrap_or_else(|_| panic!("{id:?}"))
        .bounds()
}

/// The texts of a row are drawn inside the room they were given (a text as
/// wide as it needs, or cut with …), none over another, all inside `panel`
/// from left to right; `size` tells the text size of each text.
fn assert_clear(texts: &[(String, Rectangle)], panel: Rectangle, size: impl Fn(&str) -> f32) {
    for (content, bounds) in texts {
        if !content.ends_with('…') {
            let needs = natural(content, size(content)).width;
            assert!(
                bounds.width + 0.5 >= needs,
                "「{content}」 needs {needs} px and has {}",
                bounds.width
            );
        }
        assert!(
            bounds.x >= panel.x - 0.5 && bounds.x + bounds.width <= panel.x + panel.width + 0.5,
            "「{content}」 at {bounds:?} leaves the panel {panel:?}"
        );
    }
    for (i, (a, a_bounds)) in texts.iter().enumerate() {
        for (b, b_bounds) in &texts[i + 1..] {
            assert!(
                !overlap(*a_bounds, *b_bounds),
                "「{a}」 {a_bounds:?} and 「{b}」 {b_bounds:?} are drawn over each other"
            );
        }
    }
}

/// Points at `at` as a moving mouse would.
fn hover(ui: &mut Simulator<'_, Message>, at: Point) {
    ui.point_at(at);
    let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::CursorMoved {
        position: at,
    })]);
}

/// A 党员中心户 of the sample looking after a household with a long address
/// (and its head's long name): the app with it selected, the household.
fn long_household() -> (App, Id) {
    let mut household = Id(0);
    let mut app = planted(|d| {
        let central = d.unit_by_code("XY02-G1-H1").map(|u| u.id);
        let h = d
            .households
            .values_mut()
            .find(|h| Some(h.linked_by) == central)
            .expect("a linked household");
        h.head = "欧阳司马长卿".into();
        h.address = Some("迎宾馆社区幸福里小区十二号楼三单元五〇二室（东门进）".into());
        household = h.id;
    });
    let central = unit(&app, "XY02-G1-H1");
    let _ = app.update(Message::Outline(outline::Message::Pick(central)));
    (app, household)
}

#[test]
fn desk_rows_a_linked_household_keeps_its_text_clear_of_its_buttons() {
    let (app, household) = long_household();
    let mut ui = desk(&app, DESK.1);
    let panel = bounds_of(&mut ui, widget::Id::new(inspector::PANEL));
    let row = bounds_of(&mut ui, links::row_id(household));
    let shown = texts_in(&mut ui, row);
    for wanted in ["编辑", "移除"] {
        assert!(
            shown.iter().any(|(t, _)| t == wanted),
            "{wanted} in the row: {shown:?}"
        );
    }
    assert!(
        shown.iter().any(|(t, _)| t.starts_with("迎宾馆社区")),
        "the address, whole or cut: {shown:?}"
    );
    assert_clear(&shown, panel, |t| {
        if t.starts_with("欧阳") {
            13.0
        } else {
            12.0
        }
    });
    assert!(
        row.x + row.width <= panel.x + panel.width + 0.5,
        "the row, its move list with it, inside the panel"
    );
}

#[test]
fn desk_rows_a_cut_household_shows_whole_under_the_pointer() {
    let (app, household) = long_household();
    let whole = app.document().households[&household].clone();
    let details = [
        whole.address.clone(),
        whole.people.map(|n| format!("{n} 人")),
        whole.phone.as_deref().map(gridorg::mask::phone),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    // Tall enough to show the list without scrolling, at the desk's width.
    let mut ui = desk(&app, 2400.0);
    let row = bounds_of(&mut ui, links::row_id(household));
    assert!(
        ui.find(details.as_str()).is_err(),
        "at 1024 px the address has no room and is cut"
    );
    let (cut, at) = texts_in(&mut ui, row)
        .into_iter()
        .find(|(t, _)| t.starts_with("迎宾馆社区"))
        .expect("the cut address");
    assert!(cut.ends_with('…'), "cut with …: {cut}");
    hover(&mut ui, at.center());
    let tip = ui
        .find(details.as_str())
        .expect("the whole text under the pointer")
        .bounds();
    assert!(tip.y >= at.y + at.height, "below the line it shows");
    assert!(tip.x + tip.width <= DESK.0, "inside the window");
    hover(&mut ui, Point::new(5.0, 5.0));
    assert!(
        ui.find(details.as_str()).is_err(),
        "gone when the pointer leaves"
    );
}

#[test]
fn desk_rows_a_building_shows_its_households_beside_not_under_its_group_list() {
    let (mut app, building) = {
        let app = sample_app();
        let b = app
            .document()
            .buildings
            .values()
            .find(|b| b.covered_by.is_some() && b.households.is_some())
            .expect("a covered building with 户数")
            .clone();
        (app, b)
    };
    let grid = &app.document().grids[&building.grid];
    let community = grid.community;
    let grid = grid.id;
    let _ = app.update(Message::Outline(outline::Message::Pick(community)));
    let task = app.update(Message::Inspector(inspector::Message::Places(
        places::Message::Expand(grid),
    )));
    settle(&mut app, task);
    let households = format!("{} 户", building.households.unwrap());
    let mut ui = desk(&app, DESK.1);
    let panel = bounds_of(&mut ui, widget::Id::new(inspector::PANEL));
    let row = bounds_of(&mut ui, places::building_row(building.id));
    let group = bounds_of(&mut ui, places::building_group(building.id));
    let shown = texts_in(&mut ui, row);
    let (_, count) = shown
        .iter()
        .find(|(t, _)| *t == households)
        .unwrap_or_else(|| panic!("{households} in the row: {shown:?}"));
    assert!(!overlap(*count, group), "户数 not under the group list");
    assert_clear(&shown, panel, |_| 12.0);
    assert!(
        group.x >= panel.x && group.x + group.width <= panel.x + panel.width + 0.5,
        "the group list {group:?} inside the panel {panel:?}, so its menu is too"
    );
    for (t, bounds) in &shown {
        assert!(!overlap(*bounds, group), "「{t}」 under the group list");
    }
}

#[test]
fn desk_rows_the_age_headings_of_statistics_fit_their_header() {
    let mut app = sample_app();
    interact(&mut app, |ui| {
        ui.click(statistics::SHOW).expect("the 统计 button");
    });
    let mut ages = gridorg::report::TABLES
        .iter()
        .find(|t| t.title == "年龄")
        .expect("the 年龄 breakdown")
        .columns
        .iter()
        .map(|c| c.label)
        .collect::<Vec<_>>();
    ages.extend(
        gridorg::report::TABLES
            .iter()
            .find(|t| t.title == "年龄")
            .unwrap()
            .percents
            .iter()
            .map(|p| p.label),
    );
    interact(&mut app, |ui| {
        ui.click("年龄").expect("the 年龄 tab");
    });
    let first = app.statistics().unwrap().rows[0].name.clone();
    let mut ui = desk(&app, DESK.1);
    let header = bounds_of(&mut ui, widget::Id::new(statistics::HEADER));
    let all = texts(&mut ui);
    for label in &ages {
        let (_, bounds) = all
            .iter()
            .find(|(t, _)| t == label)
            .unwrap_or_else(|| panic!("the heading {label}"));
        let one_line = natural(label, 12.0);
        let lines = (one_line.width / bounds.width - 0.01).ceil().max(1.0);
        assert!(
            bounds.height + 0.5 >= lines * one_line.height,
            "「{label}」 takes {lines} lines in {} px and is given {} px",
            bounds.width,
            bounds.height
        );
        assert!(
            bounds.y + bounds.height <= header.y + header.height + 0.5,
            "「{label}」 inside the header"
        );
    }
    // The first row's name in the table (the outline beside it has it too).
    let (_, row) = all
        .iter()
        .filter(|(_, b)| b.x >= header.x && b.x < header.x + header.width)
        .find(|(t, _)| !t.is_empty() && first.starts_with(t.trim_end_matches('…')))
        .expect("the first row");
    assert!(
        row.y >= header.y + header.height,
        "the first row {row:?} under the header {header:?}"
    );
}

#[test]
fn desk_rows_the_home_table_gives_each_name_the_panel_width() {
    let app = sample_app();
    let mut ui = desk(&app, DESK.1);
    let table = bounds_of(&mut ui, widget::Id::new(gridorg::gui::home::TABLE));
    let shown = texts_in(&mut ui, table);
    let street = app.document().unit_by_code("XY").unwrap().name.clone();
    assert!(
        shown.iter().any(|(t, _)| *t == street),
        "the street's name whole at 1024 px: {shown:?}"
    );
    // Figures are 11 points, member counts 12, names 13.
    assert_clear(&shown, table, |t| {
        if t.contains('/') {
            11.0
        } else if t.chars().all(|c| c.is_ascii_digit()) {
            12.0
        } else {
            13.0
        }
    });
}

#[test]
fn desk_rows_a_members_row_keeps_its_buttons_whole_and_cuts_a_long_name() {
    let mut app = planted(|d| {
        let unit = d.unit_by_code("XY01").map(|u| u.id);
        let m = d
            .members
            .values_mut()
            .find(|m| Some(m.unit) == unit)
            .expect("a member of XY01 itself");
        m.name = "阿拉坦其其格图雅".into();
    });
    let xy01 = unit(&app, "XY01");
    let _ = app.update(Message::Outline(outline::Message::Pick(xy01)));
    let mut ui = desk(&app, 2400.0);
    let panel = bounds_of(&mut ui, widget::Id::new(inspector::PANEL));
    let shown = texts_in(&mut ui, panel);
    let buttons: Vec<_> = shown
        .iter()
        .filter(|(t, _)| t == "编辑" || t == "移除")
        .cloned()
        .collect();
    assert!(buttons.len() >= 4, "the members' buttons: {shown:?}");
    let name = shown
        .iter()
        .filter(|(t, _)| t.starts_with("阿拉坦"))
        .cloned()
        .collect::<Vec<_>>();
    assert_eq!(name.len(), 1, "the long name, whole or cut: {shown:?}");
    // Old: 「移除」 wrapped to two lines in a 14 px wide button, the name
    // ran on under 性别.
    assert_clear(&buttons, panel, |_| 12.0);
    assert_clear(&name, panel, |_| 13.0);
    let (_, at) = &name[0];
    assert!(
        buttons.iter().all(|(_, b)| !overlap(*at, *b)),
        "the name is clear of the buttons"
    );
}

#[test]
fn desk_rows_a_scroll_bar_runs_beside_the_rows_not_over_their_buttons() {
    let app = sample_app();
    let mut ui = desk(&app, DESK.1);
    let list = bounds_of(&mut ui, widget::Id::new(gridorg::gui::problems::LIST));
    let buttons: Vec<_> = texts_in(&mut ui, list)
        .into_iter()
        .filter(|(t, _)| t.as_str() == gridorg::gui::problems::ACKNOWLEDGE)
        .collect();
    assert!(buttons.len() >= 3, "the rows' 确认… buttons");
    // iced's bar is 10 px wide at the list's right edge; the button's own
    // padding (6 px) lies between its words and its edge.
    for (_, at) in buttons {
        assert!(
            at.x + at.width + 6.0 <= list.x + list.width - 10.0 + 0.5,
            "确认… at {at:?} runs under the bar of {list:?}"
        );
    }
}
