//! Printing from the print bar: a roster written in the background with its
//! progress in the status bar, and a long printout cancelled.

use crate::common::{interact, outputs, sample_app, screen, settle, unit};
use gridorg::gui::{files, outline, App, Message};

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
    let mut ui = screen(app.view());
    assert!(ui.find("打开打印文件").is_ok());
    let said = (1..10).find(|n| {
        let done = format!(
            "已生成花名册 {n} 页：{}（点“打开打印文件”查看）",
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
