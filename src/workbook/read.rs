//! Reading an `.xlsx` file with calamine: the sheets the template defines (other
//! sheets are listed but not read), the title from the document properties and
//! the date epoch.
//!
//! A city's workbook holds millions of cells, and parsing them is most of an
//! import. So on a machine with two or more cores, two readers work on the same
//! bytes, each with its own calamine workbook, taking the sheets largest first
//! from a shared queue: opening the file twice costs a second parse of the shared
//! strings, but the two big sheets (党员, 联系户) are then read side by side.

use super::columns::{BUILDINGS, CO_BUILDERS, GRIDS, HOUSEHOLDS, MEMBERS, UNITS};
use super::error::WorkbookError;
use super::table::{RawSheet, Source};
use calamine::{Cell, Data, DataRef, Range, Reader, Xlsx, XlsxError};
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Mutex;

/// The sheets to read, popped from the end: the usually largest first.
const READ_ORDER: [&str; 6] = [
    CO_BUILDERS.name,
    GRIDS.name,
    BUILDINGS.name,
    UNITS.name,
    HOUSEHOLDS.name,
    MEMBERS.name,
];

/// The most a workbook may hold once unzipped. A city's workbook (the largest
/// scale of domain.md) unzips to about 210 MB; a file that declares more is
/// refused before anything is inflated, which stops a zip bomb. The zip reader
/// also stops any entry at the size it declares, so a lying entry cannot exceed it.
const MAX_UNZIPPED: u64 = 1 << 30;

/// Reads a workbook file.
pub(crate) fn read_xlsx(path: &Path) -> Result<Source, WorkbookError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| WorkbookError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    read_bytes(&bytes, &shown)
}

/// Reads a workbook held in memory; `origin` names it in messages.
pub(crate) fn read_bytes(bytes: &[u8], origin: &str) -> Result<Source, WorkbookError> {
    // calamine parses untrusted zip and XML; should it ever panic on a damaged
    // file, that is a damaged file to report, not a crash.
    check_size(bytes)
        .and_then(|()| {
            panic::catch_unwind(AssertUnwindSafe(|| read_sheets(bytes)))
                .unwrap_or_else(|_| Err("文件内容损坏 (corrupt file)".into()))
        })
        .map_err(|reason| WorkbookError::NotWorkbook {
            path: origin.to_string(),
            reason,
        })
}

/// Refuses a workbook whose entries declare more than [`MAX_UNZIPPED`] in all.
fn check_size(bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| e.to_string())?;
        total = total.saturating_add(entry.size());
        if total > MAX_UNZIPPED {
            return Err(format!(
                "解压后超过 {} MB (too large / zip bomb)，第 {} 个成员「{}」声明 {} MB；\
                 gridorg 最多读取解压后 {} MB 的工作簿",
                total >> 20,
                i + 1,
                entry.name().unwrap_or_default(),
                entry.size() >> 20,
                MAX_UNZIPPED >> 20
            ));
        }
    }
    Ok(())
}

type Workbook<'b> = Xlsx<Cursor<&'b [u8]>>;

fn open(bytes: &[u8]) -> Result<Workbook<'_>, String> {
    Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())
}

fn read_sheets(bytes: &[u8]) -> Result<Source, String> {
    let queue = Mutex::new(READ_ORDER.to_vec());
    let two = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    std::thread::scope(|scope| {
        let helper = two.then(|| scope.spawn(|| drain(&mut open(bytes)?, &queue)));
        let mut xlsx = open(bytes)?;
        let mut ranges = drain(&mut xlsx, &queue)?;
        if let Some(helper) = helper {
            let more = helper
                .join()
                .unwrap_or_else(|_| Err("文件内容损坏 (corrupt file)".into()))?;
            ranges.extend(more);
        }
        let title = xlsx
            .workbook_properties()
            .ok()
            .and_then(|p| p.title)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let sheets = xlsx
            .sheet_names()
            .into_iter()
            .map(|shown| {
                let (range, uncomputed) = ranges
                    .iter()
                    .position(|(name, _)| *name == shown)
                    .map_or_else(|| (Range::empty(), Vec::new()), |i| ranges.swap_remove(i).1);
                RawSheet {
                    name: shown.trim().to_string(),
                    shown,
                    range,
                    uncomputed,
                }
            })
            .collect();
        Ok(Source {
            title,
            sheets,
            date1904: xlsx.has_1904_epoch(),
            suffix: "",
        })
    })
}

/// A sheet's cells, and the formula cells whose computed value the file lacks.
type SheetCells = (Range<Data>, Vec<(u32, u32)>);

/// Reads sheets taken from the queue until it is empty.
fn drain(
    xlsx: &mut Workbook<'_>,
    queue: &Mutex<Vec<&'static str>>,
) -> Result<Vec<(String, SheetCells)>, String> {
    let names = xlsx.sheet_names();
    let mut ranges = Vec::new();
    // The lock is taken and released inside `take`, never held while reading.
    let take = || queue.lock().ok().and_then(|mut q| q.pop());
    while let Some(wanted) = take() {
        for shown in names.iter().filter(|n| n.trim() == wanted) {
            let cells =
                read_sheet(xlsx, shown).map_err(|e| format!("工作表「{shown}」无法读取: {e}"))?;
            ranges.push((shown.clone(), cells));
        }
    }
    Ok(ranges)
}

/// Reads a sheet's cells in one pass, noting each formula whose file holds no
/// computed value (written by a program that does not calculate, such as a
/// script): its cell reads as empty, which the import must not take for blank.
fn read_sheet(xlsx: &mut Workbook<'_>, name: &str) -> Result<SheetCells, XlsxError> {
    let mut reader = match xlsx.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet or the like: no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok((Range::empty(), Vec::new())),
        Err(e) => return Err(e),
    };
    let mut cells = Vec::new();
    let mut uncomputed = Vec::new();
    while let Some(cell) = reader.next_cell_with_formula_metadata()? {
        let blank = match &cell.value {
            DataRef::Empty => true,
            DataRef::String(s) => s.is_empty(),
            _ => false,
        };
        if blank {
            if cell.formula.is_some() {
                uncomputed.push(cell.pos);
            }
        } else {
            cells.push(Cell::new(cell.pos, Data::from(cell.value)));
        }
    }
    uncomputed.sort_unstable();
    Ok((Range::from_sparse(cells), uncomputed))
}
