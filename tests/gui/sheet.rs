//! Item 8 of issue 25: the members sheet. A branch's members one row each in
//! the template's columns, a block pasted from Excel (the text Ctrl+V reads
//! from the clipboard, handed in by its message) applied cell by cell with
//! the bad cell said by row, one 撤销 for the whole paste, sorting by a
//! column, a cell edited in place (Enter, Tab, the arrows), and a selection
//! copied out as TSV.

use crate::common::{interact, sample_app, settle, unit};
use gridorg::gui::{outline, sheet, App, Message, UNDO};
use gridorg::model::Gender;
use gridorg::sheet::Column;

/// The sample with its first branch's sheet opened from the property panel.
fn branch_sheet() -> App {
    let mut app = sample_app();
    let branch = unit(&app, "XY01-B1");
    let _ = app.update(Message::Outline(outline::Message::Pick(branch)));
    interact(&mut app, |ui| {
        ui.click(sheet::OPEN)
            .expect("the property panel's 党员表格");
    });
    assert!(app.sheet().is_some(), "the sheet is open");
    app
}

/// Clicks the cell showing `text`.
fn click(app: &mut App, text: &str) {
    interact(app, |ui| {
        ui.click(text).expect("the cell");
    });
}

/// Clicks the selected cell showing `text`, which opens it, types, and
/// presses Enter if `enter`.
fn type_in(app: &mut App, text: &str, typed: &str, enter: bool) {
    click(app, text);
    assert!(app.sheet().unwrap().is_editing(), "{text} open for typing");
    interact(app, |ui| {
        ui.click(iced::widget::Id::new(sheet::EDITOR)).unwrap();
        ui.typewrite(typed);
        if enter {
            ui.tap_key(iced::keyboard::key::Named::Enter);
        }
    });
}

fn name(app: &App, row: usize) -> String {
    let id = app.sheet().unwrap().rows()[row];
    app.document().members[&id].name.clone()
}

#[test]
fn desk_sheet_a_pasted_block_applies_the_good_cells_says_the_bad_one_and_undoes_at_once() {
    let mut app = branch_sheet();
    let rows = app.sheet().unwrap().rows().to_vec();
    assert!(rows.len() >= 3);
    let before = app.document().clone();
    // The first row's name picked, as a user picks where to paste.
    let first = name(&app, 0);
    click(&mut app, &first);
    // 3 rows × 2 columns (姓名, 性别) from Excel; row 3's 性别 is no gender.
    let block = "王一\t女\r\n王二\t男\r\n王三\t未知\r\n";
    let task = app.update(Message::Sheet(sheet::Message::Pasted(block.into())));
    settle(&mut app, task);
    let members = &app.document().members;
    assert_eq!(members[&rows[0]].name, "王一");
    assert_eq!(members[&rows[0]].gender, Some(Gender::Female));
    assert_eq!(members[&rows[1]].name, "王二");
    assert_eq!(members[&rows[1]].gender, Some(Gender::Male));
    assert_eq!(members[&rows[2]].name, "王三");
    assert_eq!(members[&rows[2]].gender, before.members[&rows[2]].gender);
    interact(&mut app, |ui| {
        ui.find("第 3 行 性别：「未知」不是性别 (invalid gender)，应为 男 或 女")
            .expect("the bad cell said with its row under the sheet");
    });
    // One 撤销 takes the whole paste back.
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(app.document().members, before.members);
}

#[test]
fn desk_sheet_sorts_by_a_column_and_back() {
    let mut app = branch_sheet();
    interact(&mut app, |ui| {
        ui.click("出生日期").expect("the 出生日期 header");
    });
    // Masked, the sheet shows (and so sorts by) the year and month only.
    let births = |app: &App| -> Vec<Option<(i32, u32)>> {
        use chrono::Datelike;
        let doc = app.document();
        let rows = app.sheet().unwrap().rows();
        rows.iter()
            .map(|id| doc.members[id].birth.map(|d| (d.year(), d.month())))
            .collect()
    };
    let up = births(&app);
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "{up:?}");
    interact(&mut app, |ui| {
        ui.click("出生日期 ▲")
            .expect("the header says how it sorts");
    });
    let down = births(&app);
    assert!(down.windows(2).all(|w| w[0] >= w[1]), "{down:?}");
}

#[test]
fn desk_sheet_a_cell_is_edited_in_place_and_tab_puts_it_in() {
    let mut app = branch_sheet();
    let first = name(&app, 0);
    let id = app.sheet().unwrap().rows()[0];
    // A click selects the cell; a click on the selected cell opens it.
    click(&mut app, &first);
    type_in(&mut app, &first, "（新）", true);
    assert_eq!(app.document().members[&id].name, format!("{first}（新）"));
    // Enter moved to the row below: a click there opens it, and Tab puts
    // what was typed in as well.
    let (second, below) = (name(&app, 1), app.sheet().unwrap().rows()[1]);
    type_in(&mut app, &second, "甲", false);
    let task = app.update(Message::FocusNext);
    settle(&mut app, task);
    assert_eq!(app.document().members[&below].name, format!("{second}甲"));
    assert!(!app.sheet().unwrap().is_editing());
    // Tab moved to 性别; ↓ goes down a row there.
    let _ = app.update(Message::Arrow(outline::Step::Down));
    let third = app.sheet().unwrap().rows()[2];
    let gender = app.document().members[&third]
        .gender
        .map_or("", Gender::label);
    let copied = app.sheet().unwrap().copied(app.document());
    assert_eq!(copied, format!("{gender}\r\n"));
}

#[test]
fn desk_sheet_copy_gives_the_selection_as_tsv_masked_unless_asked() {
    let mut app = branch_sheet();
    // Pressed on row 1's 姓名, dragged to row 2's 身份证号, released.
    for message in [
        sheet::Message::Press(0, Column::Name),
        sheet::Message::Over(1, Column::IdNumber),
        sheet::Message::Release,
    ] {
        let _ = app.update(Message::Sheet(message));
    }
    let doc = app.document();
    let rows = app.sheet().unwrap().rows();
    let line = |id, whole: bool| {
        let m = &doc.members[id];
        let privacy = gridorg::mask::Privacy::unless(whole);
        format!(
            "{}\t{}\t{}\t{}\t{}\r\n",
            m.name,
            m.gender.map_or("", Gender::label),
            m.ethnicity.as_deref().unwrap_or(""),
            privacy.birth(m.birth),
            privacy.id_number(m.id_number.as_deref()),
        )
    };
    let masked = format!("{}{}", line(&rows[0], false), line(&rows[1], false));
    let whole = format!("{}{}", line(&rows[0], true), line(&rows[1], true));
    let number = doc.members[&rows[0]].id_number.clone().unwrap();
    assert_eq!(app.sheet().unwrap().copied(doc), masked);
    assert!(!masked.contains(&number), "ID numbers go out masked");
    interact(&mut app, |ui| {
        ui.click(sheet::UNMASK).expect("完整显示身份证号…");
    });
    assert_eq!(app.sheet().unwrap().copied(app.document()), whole);
    assert!(whole.contains(&number));
}

#[test]
fn desk_sheet_a_clipboard_past_the_limit_is_refused_whole_and_said() {
    let mut app = branch_sheet();
    let before = app.document().clone();
    let first = name(&app, 0);
    click(&mut app, &first);
    // 100 MB of one valid-looking row repeated: nothing of it is read.
    let row = "王一\t女\r\n";
    let block = row.repeat((100 << 20) / row.len() + 1);
    let task = app.update(Message::Sheet(sheet::Message::Pasted(block)));
    settle(&mut app, task);
    assert_eq!(app.document().members, before.members);
    interact(&mut app, |ui| {
        ui.find("剪贴板中的内容有 100 MB，超过 96 MB，未粘贴 (clipboard too large)")
            .expect("the refusal said under the sheet");
    });
}
