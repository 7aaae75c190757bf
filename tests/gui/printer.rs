//! 打印…: the print dialog against a CUPS of the test's own (tests/common/
//! cupsd.rs), given to the window with `App::print_to`: its printers listed,
//! a bad page range refused under its field, a job sent and followed in the
//! status bar until cups-pdf has written it, a refusal said in red, and no
//! printer offering the PDF file instead.

use crate::common::{interact, outputs, screen, settle, unit};
use crate::cupsd::{take_output, Cupsd, Sides};
use gridorg::gui::{files, menu, outline, printing, App, Message};
use gridorg::printer::server::Cups;
use iced::widget;

/// The sample in a window printing through `cups`, its title `title` (to
/// find cups-pdf's file), and the print dialog opened from the 打印 menu
/// with CUPS's answers in.
fn dialog_on(cups: Cups, title: &str) -> App {
    let mut document = gridorg::gui::bundled_sample().unwrap();
    document.title = title.to_string();
    let mut app = App::new(document, None);
    app.print_to(cups);
    open_dialog(&mut app);
    app
}

fn open_dialog(app: &mut App) {
    interact(app, |ui| {
        ui.click(gridorg::gui::menu_title(menu::PRINT)).unwrap();
    });
    interact(app, |ui| {
        ui.click(gridorg::gui::menu_item(printing::OPEN)).unwrap();
    });
    assert!(app.print_dialog());
}

/// Whether the window shows `words`.
fn shows(app: &App, words: &str) -> bool {
    screen(app.view()).find(words).is_ok()
}

/// Clicks the dialog's 打印 and hands back the job's task, not yet run.
fn press_print(app: &mut App) -> iced::Task<Message> {
    let pressed: Vec<Message> = {
        let mut ui = screen(app.view());
        ui.click(widget::Id::new(printing::PRINT_BUTTON)).unwrap();
        ui.into_messages().collect()
    };
    let mut job = iced::Task::none();
    for message in pressed {
        job = app.update(message);
    }
    job
}

#[test]
fn print_the_dialog_lists_the_servers_printers_default_first_with_their_state() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("Alpha", Sides::One);
    cupsd.add_printer("PDF", Sides::One);
    cupsd.set_default("PDF");
    cupsd.admin("cupsdisable", &["-r", "卡纸", "Alpha"]);
    let mut app = dialog_on(cupsd.cups(), "dialog");
    assert!(shows(&app, printing::TITLE));
    assert!(shows(&app, "范围：全部"));
    let mut ui = screen(app.view());
    let default = ui.find("PDF（默认） · 空闲").unwrap().bounds();
    let other = ui.find("Alpha · 已停止：卡纸").unwrap().bounds();
    assert!(
        default.y < other.y,
        "the default first: {default:?} {other:?}"
    );
    drop(ui);
    // Choosing Alpha sends there: its job waits, and the status bar says why.
    interact(&mut app, |ui| {
        ui.click("Alpha · 已停止：卡纸").unwrap();
    });
    let job = press_print(&mut app);
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let mut actions = task::into_stream(job).unwrap();
    let waiting = "Alpha 已停止，任务 Alpha-1 等候中：卡纸";
    while let Some(action) = block_on(actions.next()) {
        if let Action::Output(message) = action {
            let next = app.update(message);
            settle(&mut app, next);
            if shows(&app, waiting) {
                break;
            }
        }
    }
    assert!(shows(&app, waiting));
}

#[test]
fn print_an_invalid_page_range_is_refused_under_its_field_and_nothing_is_sent() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("PDF", Sides::One);
    let mut app = dialog_on(cupsd.cups(), "range");
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(printing::RANGE_FIELD)).unwrap();
        ui.typewrite("3-1");
    });
    let refused = "页码范围“3-1”无效 (invalid page range)：应为 1-3,5 这样的写法";
    assert!(shows(&app, refused), "said as typed");
    let job = press_print(&mut app);
    settle(&mut app, job);
    assert!(app.print_dialog(), "the dialog stays");
    assert!(!app.busy(), "nothing sent");
    let mut ui = screen(app.view());
    let field = ui
        .find(widget::Id::new(printing::RANGE_FIELD))
        .unwrap()
        .bounds();
    let said = ui.find(refused).unwrap().bounds();
    assert!(said.y >= field.y + field.height, "under the field");
}

#[test]
fn print_sends_the_selections_roster_and_the_status_bar_follows_it_to_done() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("PDF", Sides::One);
    let title = crate::cupsd::unique_title();
    let mut document = gridorg::gui::bundled_sample().unwrap();
    document.title = title.clone();
    let mut app = App::new(document, None);
    app.print_to(cupsd.cups());
    let xy03 = unit(&app, "XY03");
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    open_dialog(&mut app);
    let name = app.document().units[&xy03].name.clone();
    assert!(shows(
        &app,
        &format!("范围：{name}及下级（打印全部：关闭本框，按 Esc 取消选择）")
    ));
    let job = press_print(&mut app);
    assert!(!app.print_dialog(), "the dialog closes, the job goes on");
    assert!(app.busy());
    assert!(shows(&app, "打印：正在生成 PDF…"));
    assert!(shows(&app, printing::CANCEL_JOB));
    for message in outputs(job) {
        let next = app.update(message);
        settle(&mut app, next);
    }
    assert!(!app.busy());
    let done = app.notice().unwrap();
    assert!(
        done.starts_with("已完成：花名册（共 ")
            && done.ends_with("× 1 份，打印机 PDF（任务 PDF-1）"),
        "{done}"
    );
    let dir = tempfile::tempdir().unwrap();
    let id = gridorg::printer::job::JobId {
        printer: "PDF".into(),
        number: 1,
    };
    let pdf = take_output(&id, &title, dir.path());
    let text = std::process::Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext runs (poppler-utils)")
        .stdout;
    assert!(
        String::from_utf8_lossy(&text).contains(&name),
        "the unit printed"
    );
}

#[test]
fn print_a_printer_refusing_jobs_is_said_in_red_with_cups_reason() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("PDF", Sides::One);
    let mut app = dialog_on(cupsd.cups(), "refused");
    cupsd.admin("cupsreject", &["-r", "维修中", "PDF"]);
    let job = press_print(&mut app);
    settle(&mut app, job);
    assert_eq!(
        app.notice(),
        Some("打印失败：打印机“PDF”拒绝接收任务 (not accepting)：维修中")
    );
}

#[test]
fn print_no_printer_says_so_and_why_and_offers_the_pdf_file() {
    let cupsd = Cupsd::start();
    let mut app = dialog_on(cupsd.cups(), "none");
    assert!(shows(&app, printing::NONE));
    assert!(shows(&app, printing::NONE_ADDED));
    interact(&mut app, |ui| {
        ui.click(printing::SAVE_PDF).unwrap();
    });
    assert!(!app.print_dialog());
    let mut ui = screen(app.view());
    assert!(ui.find(widget::Id::new(files::TARGET)).is_ok());
    assert!(ui.find("花名册保存到").is_ok(), "the roster's file");
    drop(ui);

    let dead = cupsd.socket().with_file_name("none.sock");
    let dead = Cups::at(&dead.display().to_string());
    let app = dialog_on(dead.clone(), "dead");
    assert!(shows(&app, printing::NONE));
    let why = dead.printers().unwrap_err().to_string();
    assert!(why.starts_with("CUPS 打印服务没有运行 (scheduler not running)"));
    assert!(shows(&app, &why));
}

#[test]
fn print_a_job_on_a_stopped_printer_says_why_in_the_status_bar_and_cancel_takes_it_back() {
    let cupsd = Cupsd::start();
    cupsd.add_printer("PDF", Sides::One);
    cupsd.admin("cupsdisable", &["-r", "卡纸", "PDF"]);
    let mut app = dialog_on(cupsd.cups(), "stopped");
    let job = press_print(&mut app);
    let mut waited = false;
    // The job's stages one at a time, as they come, until the printer's
    // reason shows; then 取消打印.
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let mut actions = task::into_stream(job).unwrap();
    while let Some(action) = block_on(actions.next()) {
        if let Action::Output(message) = action {
            let next = app.update(message);
            settle(&mut app, next);
            if !waited && shows(&app, "PDF 已停止，任务 PDF-1 等候中：卡纸") {
                waited = true;
                interact(&mut app, |ui| {
                    ui.click(printing::CANCEL_JOB).unwrap();
                });
            }
        }
    }
    assert!(waited, "the stopped printer's reason was shown");
    assert_eq!(
        app.notice(),
        Some("已取消打印任务 PDF-1（打印机上已打出的页不能收回）")
    );
    assert!(!app.busy());
}

#[test]
fn print_cancelled_while_the_pdf_is_made_sends_nothing_to_cups() {
    use gridorg::generate::{generate, Preset};
    let cupsd = Cupsd::start();
    cupsd.add_printer("PDF", Sides::One);
    let mut app = App::new(generate(Preset::District, 5), None);
    app.print_to(cupsd.cups());
    open_dialog(&mut app);
    let job = press_print(&mut app);
    assert!(app.busy(), "a district's roster takes a while");
    interact(&mut app, |ui| {
        ui.click(printing::CANCEL_JOB).unwrap();
    });
    settle(&mut app, job);
    assert!(!app.busy());
    assert_eq!(app.notice(), Some("已取消打印，没有发送到打印机"));
    assert_eq!(cupsd.jobs(), "", "CUPS was sent nothing");
}
