//! Reading an `.xlsx` file with calamine: the sheets the template defines (other
//! sheets are listed but not read), the title from the document properties and
//! the date epoch.

use super::columns::SHEETS;
use super::error::WorkbookError;
use super::table::{RawSheet, Source};
use calamine::{Reader, Xlsx};
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

/// Reads a workbook file.
pub(crate) fn read_xlsx(path: &Path) -> Result<Source, WorkbookError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| WorkbookError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    let not_workbook = |reason: String| WorkbookError::NotWorkbook {
        path: shown.clone(),
        reason,
    };
    // calamine parses untrusted zip and XML; should it ever panic on a damaged
    // file, that is a damaged file to report, not a crash.
    panic::catch_unwind(AssertUnwindSafe(|| read_bytes(bytes)))
        .unwrap_or_else(|_| Err("文件内容损坏 (corrupt file)".into()))
        .map_err(not_workbook)
}

fn read_bytes(bytes: Vec<u8>) -> Result<Source, String> {
    let mut xlsx = Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let title = xlsx
        .workbook_properties()
        .ok()
        .and_then(|p| p.title)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let date1904 = xlsx.has_1904_epoch();
    let mut sheets = Vec::new();
    for shown in xlsx.sheet_names() {
        let name = shown.trim().to_string();
        let range = if SHEETS.iter().any(|s| s.name == name) {
            xlsx.worksheet_range(&shown)
                .map_err(|e| format!("工作表「{shown}」无法读取: {e}"))?
        } else {
            calamine::Range::empty()
        };
        sheets.push(RawSheet { shown, name, range });
    }
    Ok(Source {
        title,
        sheets,
        date1904,
        suffix: "",
    })
}
