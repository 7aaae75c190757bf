//! The Excel workbook (模板) of docs/cli.md: import from `.xlsx` or a folder of
//! CSV files, export of a document in the same layout, and the empty template.
//!
//! Reading goes source → tables → document: `read` (calamine) or `csv` give
//! the raw sheets; `table` finds each header row and the data rows; `cells`
//! reads each cell by its column's kind (`columns`); `assemble` resolves
//! codes across sheets and collects every problem. `write` (rust_xlsxwriter)
//! produces the export and the template from the same column definitions, so an
//! export imports back to the same document.

mod assemble;
pub(crate) mod cells;
pub(crate) mod columns;
mod csv;
mod error;
mod read;
mod sparse;
mod table;
mod write;

pub use error::{ColumnRef, Location, Notice, Problem, WorkbookError, LISTED};

use crate::controls;
use crate::mask::Privacy;
use crate::model::Document;
use std::path::Path;

/// A document imported from a workbook, with the notices for the user.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The document, validated.
    pub document: Document,
    /// What the user should know but is no error: ignored columns and sheets,
    /// columns without a header, skipped example rows, restored leading
    /// zeros. The first [`LISTED`].
    pub notices: Vec<Notice>,
    /// How many notices there were past the first [`LISTED`].
    pub unlisted_notices: usize,
}

/// Whether `path` names a workbook to import rather than a `.ron` document: an
/// `.xlsx` (or `.xlsm`) file, or a folder (of CSV files).
pub fn is_workbook(path: &Path) -> bool {
    path.is_dir()
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"))
}

/// Imports a workbook file, or a folder of CSV files named after the sheets.
/// Every bad cell is reported in one [`WorkbookError::Invalid`].
pub fn import(path: &Path) -> Result<Imported, WorkbookError> {
    let shown = path.display().to_string();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        && path.is_file()
    {
        return Err(WorkbookError::NotWorkbook {
            path: shown,
            reason: "这是单个 CSV 文件 (single csv file)".into(),
        });
    }
    let source = if path.is_dir() {
        csv::read_folder(path)?
    } else {
        read::read_xlsx(path)?
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    finish(source, &shown, &stem)
}

/// Imports an `.xlsx` workbook held in memory; `origin` names it in messages.
pub fn import_xlsx(bytes: &[u8], origin: &str) -> Result<Imported, WorkbookError> {
    let source = read::read_bytes(bytes, origin)?;
    finish(source, origin, origin)
}

/// Imports CSV files held in memory, each given as its file name (组织.csv …)
/// and bytes, as [`import`] reads a folder; `origin` names the folder.
pub fn import_csv(files: &[(&str, &[u8])], origin: &str) -> Result<Imported, WorkbookError> {
    let source = csv::read_files(files, origin)?;
    finish(source, origin, origin)
}

/// Turns the sheets read into a document; `title` is used when the source has none.
fn finish(source: table::Source, origin: &str, title: &str) -> Result<Imported, WorkbookError> {
    let title = source.title.clone().unwrap_or_else(|| title.to_string());
    // The title (the file's properties, or its name) becomes the document's, so
    // it is held to what a cell is.
    let title = match controls::one_line(&title) {
        Ok(title) => title.into_owned(),
        Err(c) => {
            return Err(WorkbookError::Invalid {
                path: origin.to_string(),
                problems: vec![Problem {
                    location: Location {
                        sheet: "文档标题 (title)".into(),
                        row: None,
                        column: None,
                    },
                    message: controls::refusal(c),
                }],
                unlisted: 0,
            })
        }
    };
    let assembled =
        assemble::assemble(&source, &title).map_err(|problems| problems.into_error(origin))?;
    Ok(Imported {
        document: assembled.document,
        notices: assembled.notices.list,
        unlisted_notices: assembled.notices.unlisted,
    })
}

/// The document as an `.xlsx` workbook in the template's layout (the bytes).
pub fn export(document: &Document) -> Result<Vec<u8>, WorkbookError> {
    in_memory(|bytes| write::export(document, Privacy::Whole, bytes))
}

/// The document as a workbook to share: ID numbers, phones and birth dates
/// masked as [`crate::mask`] says (birth dates as year-month text). Such a
/// workbook no longer imports to the same document.
pub fn export_masked(document: &Document) -> Result<Vec<u8>, WorkbookError> {
    in_memory(|bytes| write::export(document, Privacy::Masked, bytes))
}

/// [`export`] (or, `masked`, [`export_masked`]) zipped straight into `out`,
/// a file being saved, instead of into memory first: a city's workbook is
/// 45 MB.
pub fn export_to<W: std::io::Write + std::io::Seek + Send>(
    document: &Document,
    masked: bool,
    out: W,
) -> Result<(), WorkbookError> {
    let privacy = if masked {
        Privacy::Masked
    } else {
        Privacy::Whole
    };
    write::export(document, privacy, out)
}

fn in_memory(
    write: impl FnOnce(&mut std::io::Cursor<Vec<u8>>) -> Result<(), WorkbookError>,
) -> Result<Vec<u8>, WorkbookError> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    write(&mut bytes)?;
    Ok(bytes.into_inner())
}

/// The empty template: every sheet with its headers and one example row, drop-down
/// lists, and a 说明 sheet explaining each column (the bytes of an `.xlsx` file).
pub fn template() -> Result<Vec<u8>, WorkbookError> {
    write::template()
}
