//! Printing from the print bar: a roster written in the background with its
//! progress in the status bar, and a long printout cancelled.

use crate::common::{interact, outputs, sample_app, screen, settle, unit};
use crate::desk_menu::{at, interact_at, SMALL};
use gridorg::gui::{files, menu, outline, print, App, Message};

/// Asks for a roster into `pdf` through the print bar and its target row,
/// and hands back the printout under way: the path is looked at off the
/// window's thread, then the printout starts in the background, its
/// progress in the status bar.
fn start_a_roster(app: &mut App, pdf: &std::path::Path) -> iced::Task<Message> {
    interact(app, |ui| {
        ui.click(gridorg::gui::PRINT_ROSTER).unwrap();
    });
    let task = app.update(Message::Files(files::Message::Typed(
        pdf.display().to_string(),
    )));
    settle(app, task);
    let confirmed: Vec<Message> = {
        let mut ui = screen(app.view());
        ui.click(files::CONFIRM).unwrap();
        ui.into_messages().collect()
    };
    let mut printing = iced::Task::none();
    for message in confirmed {
        let looked = app.update(message);
        for probed in outputs(looked) {
            printing = app.update(probed);
        }
    }
    printing
}

#[test]
fn printing_the_selection_writes_a_roster_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("xy03.pdf");
    let mut app = sample_app();
    let xy03 = unit(&app, "XY03");
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    let printing = start_a_roster(&mut app, &pdf);
    assert!(app.busy());
    let mut ui = screen(app.view());
    assert!(
        ui.find("正在生成 PDF：第 1/2 步，准备…已用 0 秒").is_ok(),
        "progress is shown while printing"
    );
    drop(ui);
    settle(&mut app, printing);
    assert!(!app.busy());
    let bytes = std::fs::read(&pdf).expect("the roster was written");
    assert!(bytes.starts_with(b"%PDF"));
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::menu_title(menu::PRINT)).unwrap();
    });
    let mut ui = screen(app.view());
    assert!(ui.find(gridorg::gui::menu_item(print::SHOW)).is_ok());
    let said = (1..10).find(|n| {
        let done = format!(
            "已生成花名册 {n} 页：{}（菜单“打印 → 打开打印文件”可查看）",
            pdf.display()
        );
        ui.find(done.as_str()).is_ok()
    });
    assert!(said.is_some(), "the status says what was made");
}

#[test]
fn a_long_print_can_be_cancelled_from_the_status_bar_writing_nothing() {
    use gridorg::generate::{generate, Preset};
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("花名册.pdf");
    let mut app = App::new(generate(Preset::District, 5), None);
    let printing = start_a_roster(&mut app, &pdf);
    assert!(app.busy(), "a district's roster takes a while");
    interact(&mut app, |ui| {
        ui.click(gridorg::gui::print::CANCEL)
            .expect("the status bar offers to cancel");
    });
    interact(&mut app, |ui| {
        ui.find("正在取消…").expect("the cancel is under way");
    });
    settle(&mut app, printing);
    assert!(!app.busy());
    assert!(!pdf.exists(), "nothing written");
    assert_eq!(app.notice(), Some("已取消打印，没有写入文件"));
}

/// Where 取消打印 shows in the small window while the status bar says
/// `step` (and the pages, when given).
fn cancel_at(app: &mut App, step: &'static str, pages: Option<(usize, usize)>) -> iced::Rectangle {
    let task = app.update(Message::Print(print::Message::Stepped(1, step)));
    settle(app, task);
    if let Some((made, total)) = pages {
        let task = app.update(Message::Print(print::Message::Paged(made, total)));
        settle(app, task);
    }
    let mut ui = at(SMALL, app.view());
    ui.find(print::CANCEL)
        .expect("the status bar offers to cancel")
        .bounds()
}

#[test]
fn desk_print_a_long_progress_text_keeps_cancel_in_place_and_clickable() {
    let mut app = sample_app();
    let short = cancel_at(&mut app, "准备", None);
    let long = cancel_at(
        &mut app,
        "排版并生成页面（城市规模的花名册，页数很多，需要较长时间）",
        Some((123_456, 1_234_567)),
    );
    assert_eq!(short, long, "取消打印 stays where it was");
    assert!(
        long.x >= 0.0 && long.x + long.width <= SMALL.0,
        "within the window: {long:?}"
    );
    interact_at(&mut app, SMALL, |ui| {
        ui.click(print::CANCEL).unwrap();
    });
    let mut ui = at(SMALL, app.view());
    assert!(ui.find("正在取消…").is_ok(), "the click landed");
}
