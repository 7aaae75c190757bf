//! The page in place of the document while the file named on the command
//! line (or double-clicked in a file manager, where nobody reads standard
//! error) is read — and, when it could not be, why: what the file is not,
//! what gridorg opens, that the file was left as it was, and what to do
//! next (open another file, start anew, or the bundled sample).

use super::files;
use super::io::{FileError, Opened};
use crate::document::DocumentError;
use crate::model::Document;
use crate::workbook::WorkbookError;
use iced::widget::{button, column, container, row, text};
use iced::{Color, Element, Length};
use std::path::PathBuf;

/// The heading of the page once the file could not be read.
pub const FAILED: &str = "无法打开此文件";
/// What gridorg opens, said under the reason.
pub const OPENS: &str = "gridorg 能打开的是：\n\
     · 党建网格文档（.ron）：由 gridorg 保存，文件开头写着「// gridorg 党建网格文档」\n\
     · Excel 工作簿（.xlsx）：按导入模板填写（「gridorg template」生成模板，导出 Excel 得到的也是）\n\
     · 存放 组织.csv、网格.csv、党员.csv 等文件的文件夹";
/// That nothing was written: the file is as it was.
pub const UNCHANGED: &str = "此文件没有被改动。";
/// The button that opens another file.
pub const OTHER: &str = "打开其他文件…";
/// The button that starts a new document.
pub const NEW: &str = "新建空白文档";
/// The button that opens the bundled sample.
pub const SAMPLE: &str = "打开内置示例";

/// The file named on the command line: being read, or why it could not be.
pub struct Reading {
    path: PathBuf,
    failed: Option<FileError>,
}

impl Reading {
    /// The page while `path` is read.
    pub fn new(path: PathBuf) -> Reading {
        Reading { path, failed: None }
    }

    /// The read (this one, or of another file chosen from this page) failed.
    pub fn failed(&mut self, error: FileError) {
        self.failed = Some(error);
    }

    /// The page: a line while the file is read; after a failure, the reason
    /// and the ways on (the buttons rest while another file is read).
    /// `sample` reads the bundled sample, when its button is pressed.
    pub fn view(
        &self,
        busy: bool,
        sample: fn() -> Result<Document, DocumentError>,
    ) -> Element<'_, files::Message> {
        let Some(error) = &self.failed else {
            return container(text(format!("正在读取 {}，请稍候", self.path.display())).size(16))
                .center(Length::Fill)
                .into();
        };
        let when = |message: files::Message| (!busy).then_some(message);
        let mut page = column![
            text(FAILED)
                .size(22)
                .color(Color::from_rgb8(0xc0, 0x1c, 0x28)),
            text(error.to_string()).size(15),
        ]
        .spacing(14)
        .max_width(760);
        if let Some(advice) = advice(error) {
            page = page.push(text(advice).size(14));
        }
        let mut open_sample = button(text(SAMPLE));
        if !busy {
            // Read when pressed, not at every view.
            open_sample = open_sample.on_press_with(move || sampled(sample));
        }
        let buttons = row![
            button(text(OTHER)).on_press_maybe(when(files::Message::Open)),
            button(text(NEW)).on_press_maybe(when(files::Message::New)),
            open_sample,
        ]
        .spacing(12);
        page = page
            .push(text(OPENS).size(14))
            .push(text(UNCHANGED).size(14))
            .push(buttons);
        container(page).center(Length::Fill).into()
    }
}

/// What to do about a document cut short or changed by another program.
pub const DAMAGED: &str = "文件可能不完整（被截断）或被其他程序改动过。gridorg 每次保存时把上一版本留作同名的 .bak 备份文件（如「西园.ron.bak」），可以打开备份。";
/// What a file of another kind is not.
pub const NOT_GRIDORG: &str = "这个文件不是 gridorg 保存的党建网格文档。";
/// What to do about a file that could not be read at all.
pub const UNREACHABLE: &str = "请确认文件还在原处（U 盘或网络盘仍已连接），并且您有读取它的权限。";
/// What to do about a workbook or folder whose tables are not the template's.
pub const NOT_TEMPLATE: &str =
    "工作簿或文件夹里的表格没有按导入模板填写：请按上面列出的位置改正后再打开。";
/// What to do about a read that did not finish.
pub const INTERRUPTED: &str = "读取没有完成：请再打开一次。";

/// What to do about `error`, beyond what its own words say.
fn advice(error: &FileError) -> Option<&'static str> {
    use DocumentError as D;
    match error {
        FileError::Document(D::Syntax { .. } | D::Invalid { .. }) => Some(DAMAGED),
        FileError::Document(
            D::Encoding { .. } | D::MissingVersion { .. } | D::OtherKind { .. },
        ) => Some(NOT_GRIDORG),
        FileError::Document(D::Io { .. }) | FileError::Workbook(WorkbookError::Io { .. }) => {
            Some(UNREACHABLE)
        }
        FileError::Workbook(WorkbookError::Invalid { .. }) => Some(NOT_TEMPLATE),
        FileError::Lost(_) => Some(INTERRUPTED),
        _ => None,
    }
}

/// The bundled sample as a read document, or why it could not be read.
fn sampled(sample: fn() -> Result<Document, DocumentError>) -> files::Message {
    files::Message::Opened(
        sample()
            .map(|document| {
                Box::new(Opened {
                    document,
                    path: None,
                    notice: "已打开内置示例：修改后请用“另存为…”保存为文档".into(),
                })
            })
            .map_err(FileError::from),
    )
}
