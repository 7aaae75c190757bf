//! Reading the document a command is given: a `.ron` document, or a workbook
//! or CSV folder imported wherever a FILE is expected, its notices on
//! standard error.

use crate::document;
use crate::model::Document;
use crate::workbook::{self, Imported};
use std::path::Path;

/// Reads a document named on the command line: a `.ron` document, an `.xlsx`
/// workbook or a folder of CSV files (imported, nothing written).
pub fn read_document(path: &Path) -> Result<Document, String> {
    read_if_workbook(path).unwrap_or_else(|| document::load(path).map_err(|e| e.to_string()))
}

/// Imports a workbook if `path` names one (`.xlsx`, or a folder of CSV files);
/// None for anything else.
fn read_if_workbook(path: &Path) -> Option<Result<Document, String>> {
    workbook::is_workbook(path).then(|| read_workbook(path))
}

/// Imports a workbook, printing its notices to standard error.
pub(super) fn read_workbook(path: &Path) -> Result<Document, String> {
    let imported = workbook::import(path).map_err(|e| e.to_string())?;
    print_notices(&imported);
    Ok(imported.document)
}

/// The notices listed (at most [`workbook::LISTED`]), then a count of the rest,
/// as the errors are.
fn print_notices(imported: &Imported) {
    for notice in &imported.notices {
        super::emit::notice(&notice.to_string());
    }
    let unlisted = imported.unlisted_notices;
    if unlisted > 0 {
        super::emit::notice(&format!(
            "另有 {unlisted} 条提示未列出 ({unlisted} more notices not listed)"
        ));
    }
}
