//! The statistics panel: the whole document or the selection, printed and
//! exported to targets of their own.

use crate::common::{app_doc, interact, private_data_dir, sample_app, screen, settle, unit};
use gridorg::gui::{files, outline, App, Message};

/// The members of `code`'s subtree (everything when `None`), counted here by
/// walking each member's chain of parents.
fn members_under(app: &App, code: Option<&str>) -> Vec<gridorg::model::Member> {
    let doc = app.document();
    let root = code.map(|c| doc.unit_by_code(c).unwrap().id);
    doc.members
        .values()
        .filter(|m| {
            let Some(root) = root else { return true };
            let mut at = Some(m.unit);
            while let Some(id) = at {
                if id == root {
                    return true;
                }
                at = doc.units.get(&id).and_then(|u| u.parent);
            }
            false
        })
        .cloned()
        .collect()
}

fn statistics_head(app: &App, scope: &str, members: usize) -> String {
    let today = app.statistics().unwrap().today;
    format!("党内统计：{scope}　统计日期 {today}　{members} 名党员")
}

#[test]
fn statistics_open_on_the_whole_document_and_show_its_counts() {
    use gridorg::gui::statistics;
    let mut app = sample_app();
    assert!(app.statistics().is_none());
    interact(&mut app, |ui| {
        ui.click(statistics::SHOW).expect("the 统计 button");
    });
    let shown = app.statistics().expect("worked out when shown");
    let members = members_under(&app, None);
    let female = members
        .iter()
        .filter(|m| m.gender == Some(gridorg::model::Gender::Female))
        .count();
    assert_eq!(shown.total.counts.members as usize, members.len());
    assert_eq!(shown.total.counts.female as usize, female);
    assert_eq!(shown.scope, None);
    let head = statistics_head(&app, "全部", members.len());
    let mut ui = screen(app.view());
    assert!(
        ui.find(head.as_str()).is_ok(),
        "the heading counts every member"
    );
    assert!(ui.find("迎宾馆社区党总支").is_ok(), "a row per community");
    assert!(ui.find("女性 %").is_ok(), "the first breakdown's columns");
    drop(ui);
    // Another breakdown: its columns, and the chart beside it.
    interact(&mut app, |ui| {
        ui.click("年龄").expect("the 年龄 tab");
    });
    let mut ui = screen(app.view());
    assert!(ui.find("35岁及以下 %").is_ok());
    assert!(ui.find("女性 %").is_err(), "one breakdown at a time");
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(statistics::CLOSE).expect("back to the structure");
    });
    assert!(app.statistics().is_none());
    assert!(
        screen(app.view()).find(gridorg::gui::FIT).is_ok(),
        "the canvas is back"
    );
}

#[test]
fn statistics_follow_the_selection() {
    use gridorg::gui::statistics;
    let mut app = sample_app();
    interact(&mut app, |ui| {
        ui.click(statistics::SHOW).unwrap();
    });
    let xy03 = unit(&app, "XY03");
    let label = outline::label(app.document(), xy03);
    interact(&mut app, |ui| {
        ui.click(label.as_str())
            .expect("the outline beside the tables");
    });
    assert_eq!(app.selected(), Some(xy03));
    let shown = app.statistics().unwrap();
    let name = app.document().units[&xy03].name.clone();
    assert_eq!(shown.scope, Some(("XY03".to_string(), name.clone())));
    let members = members_under(&app, Some("XY03"));
    assert_eq!(shown.total.counts.members as usize, members.len());
    assert_eq!(shown.rows.len(), 1, "one community");
    let head = statistics_head(&app, &format!("{name}（XY03）"), members.len());
    assert!(screen(app.view()).find(head.as_str()).is_ok());
    // Selecting nothing (Esc) shows everything again.
    let before = members.len();
    let task = app.update(Message::Deselect);
    settle(&mut app, task);
    assert_eq!(app.statistics().unwrap().scope, None);
    assert!(app.statistics().unwrap().total.counts.members as usize > before);
}

#[test]
fn statistics_print_and_export_to_targets_of_their_own() {
    use gridorg::gui::statistics;
    private_data_dir();
    let dir = tempfile::tempdir().unwrap();
    let doc_path = dir.path().join("西园.ron");
    gridorg::document::save(app_doc(), &doc_path).unwrap();
    let mut app = App::new(app_doc().clone(), Some(doc_path.clone()));
    interact(&mut app, |ui| {
        ui.click(statistics::SHOW).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(statistics::PRINT).expect("the print button");
    });
    // The target row offers a file of its own beside the document.
    let default = dir
        .path()
        .join(format!("{}-党内统计.pdf", app.document().title));
    assert!(
        screen(app.view())
            .find(default.display().to_string().as_str())
            .is_ok(),
        "default target {}",
        default.display()
    );
    // Over the document itself: refused, the document untouched.
    let before = std::fs::read(&doc_path).unwrap();
    confirm_target(&mut app, &doc_path);
    assert_eq!(std::fs::read(&doc_path).unwrap(), before);
    assert!(
        app.notice().unwrap_or("").contains("未写入"),
        "{:?}",
        app.notice()
    );
    // A fresh file: the tables printed in the background.
    let pdf = dir.path().join("统计.pdf");
    interact(&mut app, |ui| {
        ui.click(statistics::PRINT).unwrap();
    });
    confirm_target(&mut app, &pdf);
    assert!(!app.busy());
    let pages = {
        let text = std::process::Command::new("pdftotext")
            .args([pdf.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext runs");
        let text = String::from_utf8(text.stdout).unwrap();
        text.split_whitespace().collect::<String>()
    };
    assert!(
        pages.contains("党内统计") && pages.contains("第1页共7页"),
        "{pages}"
    );
    assert!(
        app.notice().unwrap().starts_with("已生成统计表 7 页"),
        "{:?}",
        app.notice()
    );
    // The workbook.
    let xlsx = dir.path().join("统计.xlsx");
    interact(&mut app, |ui| {
        ui.click(statistics::EXPORT).unwrap();
    });
    confirm_target(&mut app, &xlsx);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names().len(), 7);
    let sheet = book.worksheet_range("党员类别与性别").unwrap();
    let total = sheet.rows().next_back().unwrap();
    assert_eq!(total[1].to_string(), "合计");
    assert_eq!(
        total[2],
        calamine::Data::Float(app.document().members.len() as f64)
    );
}

/// Types `path` in the open target row and confirms; the check of the path
/// and the printout run to the end.
fn confirm_target(app: &mut App, path: &std::path::Path) {
    let task = app.update(Message::Files(files::Message::Typed(
        path.display().to_string(),
    )));
    settle(app, task);
    interact(app, |ui| {
        ui.click(files::CONFIRM).unwrap();
    });
}
