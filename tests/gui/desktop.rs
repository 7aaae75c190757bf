//! A file given on the command line that is not a document — as a file
//! manager's double-click gives it, where no terminal shows standard error:
//! the window comes up, says what the file is not and what gridorg opens,
//! leaves the file as it was, and offers another file, a new document or the
//! bundled sample.

use crate::common::{interact, name_the_file, private_data_dir, screen, settle};
use gridorg::gui::{reading, App, NEW_TITLE, PRINT_CHART, PRINT_ROSTER};
use std::path::{Path, PathBuf};

/// Files a user may double-click or name by mistake, each with what its
/// page must say: (file, words of the reason, the advice if any).
fn mistaken_files(dir: &Path) -> Vec<(PathBuf, &'static str, Option<&'static str>)> {
    let passwd = dir.join("passwd");
    std::fs::write(&passwd, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let pdf = dir.join("组织图.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    )
    .unwrap();
    let empty = dir.join("空.ron");
    std::fs::write(&empty, "").unwrap();
    let folder = dir.join("资料");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("说明.txt"), "没有表格\n").unwrap();
    let whole = gridorg::document::to_string(&gridorg::gui::bundled_sample().unwrap());
    let truncated = dir.join("截断.ron");
    std::fs::write(&truncated, &whole.as_bytes()[..3000]).unwrap();
    let fake = dir.join("名单.xlsx");
    std::fs::write(&fake, "不是工作簿").unwrap();
    let gone = dir.join("U盘").join("西园.ron");
    vec![
        (passwd, "找不到版本号", Some(reading::NOT_GRIDORG)),
        (pdf, "这是PDF 文件", Some(reading::NOT_GRIDORG)),
        (empty, "找不到版本号", Some(reading::NOT_GRIDORG)),
        (folder, "缺少工作表", Some(reading::NOT_TEMPLATE)),
        (truncated, "格式错误", Some(reading::DAMAGED)),
        // Its reason says what a workbook is and how to make one.
        (fake, "不是有效的 Excel 工作簿", None),
        (gone, "无法读取", Some(reading::UNREACHABLE)),
    ]
}

/// Every file in `dir` and below, with its bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(contents(&path));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            found.push((path, bytes));
        }
    }
    found.sort();
    found
}

/// The window on `path` as `gridorg PATH` opens it, once the read ended.
fn opened_on(path: &Path) -> App {
    private_data_dir();
    let (mut app, read) = App::reading(path.to_path_buf());
    settle(&mut app, read);
    app
}

#[test]
fn desktop_a_file_that_is_not_a_document_says_what_it_is_not_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    for (file, reason, advice) in mistaken_files(dir.path()) {
        let before = contents(dir.path());
        let app = opened_on(&file);
        let shown = file.display().to_string();
        let notice = app.notice().unwrap_or_default().to_string();
        let error = notice
            .strip_prefix("无法打开：")
            .unwrap_or_else(|| panic!("{shown}: the status bar says the read failed: {notice}"));
        assert!(error.contains(reason), "{shown}: {error}");
        assert!(
            error.contains(file.file_name().unwrap().to_str().unwrap()),
            "{shown}: the reason names the file: {error}"
        );
        let mut ui = screen(app.view());
        assert!(
            ui.find(reading::FAILED).is_ok(),
            "{shown}: the page says it could not be opened"
        );
        assert!(
            ui.find(error).is_ok(),
            "{shown}: the reason whole on the page"
        );
        assert!(
            ui.find(reading::OPENS).is_ok(),
            "{shown}: what gridorg opens"
        );
        assert!(
            ui.find(reading::UNCHANGED).is_ok(),
            "{shown}: nothing written"
        );
        for button in [reading::OTHER, reading::NEW, reading::SAMPLE] {
            assert!(ui.find(button).is_ok(), "{shown}: offers {button}");
        }
        let waiting = format!("正在读取 {shown}，请稍候");
        assert!(
            ui.find(waiting.as_str()).is_err(),
            "{shown}: no longer says it is reading"
        );
        if let Some(advice) = advice {
            assert!(ui.find(advice).is_ok(), "{shown}: advises「{advice}」");
        }
        drop(ui);
        assert!(app.document().units.is_empty(), "{shown}: nothing to edit");
        assert_eq!(
            contents(dir.path()),
            before,
            "{shown}: no file changed or added"
        );
    }
}

/// The window on a PDF given as if it were a document: the failure page.
fn on_the_failure_page(dir: &Path) -> App {
    let pdf = dir.join("组织图.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n").unwrap();
    opened_on(&pdf)
}

/// Clicks the button labelled `label`.
fn press(app: &mut App, label: &str) {
    interact(app, |ui| {
        ui.click(label).unwrap();
    });
}

#[test]
fn desktop_from_the_failure_page_the_sample_a_new_document_or_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_the_failure_page(dir.path());
    press(&mut app, reading::SAMPLE);
    let sample = gridorg::gui::bundled_sample().unwrap();
    assert_eq!(app.document(), &sample);
    assert!(app.title().starts_with(&sample.title), "{}", app.title());

    let mut app = on_the_failure_page(dir.path());
    press(&mut app, reading::NEW);
    assert_eq!(app.document().title, NEW_TITLE);

    // Another file that is not one either: the page says so of that file.
    let mut app = on_the_failure_page(dir.path());
    let passwd = dir.path().join("passwd");
    std::fs::write(&passwd, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    name_the_file(&mut app, reading::OTHER, &passwd);
    let notice = app.notice().unwrap_or_default().to_string();
    let error = notice.strip_prefix("无法打开：").unwrap();
    assert!(error.contains("passwd"), "{error}");
    assert!(screen(app.view()).find(error).is_ok(), "{error}");

    // Then a document: it opens.
    let good = dir.path().join("西园.ron");
    gridorg::document::save(&sample, &good).unwrap();
    name_the_file(&mut app, reading::OTHER, &good);
    assert_eq!(app.document(), &sample);
    assert!(app.title().starts_with("西园.ron"), "{}", app.title());
}

#[test]
fn desktop_the_failure_page_offers_nothing_to_print() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_the_failure_page(dir.path());
    for printout in [PRINT_CHART, PRINT_ROSTER] {
        press(&mut app, printout);
        assert!(
            screen(app.view())
                .find(gridorg::gui::files::CONFIRM)
                .is_err(),
            "{printout}: no target row for a printout of no document"
        );
        assert!(screen(app.view()).find(reading::FAILED).is_ok());
    }
}
