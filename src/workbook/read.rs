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
use calamine::{Data, Range, Reader, Xlsx};
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

/// Reads a workbook file.
pub(crate) fn read_xlsx(path: &Path) -> Result<Source, WorkbookError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| WorkbookError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    // calamine parses untrusted zip and XML; should it ever panic on a damaged
    // file, that is a damaged file to report, not a crash.
    panic::catch_unwind(AssertUnwindSafe(|| read_bytes(&bytes)))
        .unwrap_or_else(|_| Err("文件内容损坏 (corrupt file)".into()))
        .map_err(|reason| WorkbookError::NotWorkbook {
            path: shown,
            reason,
        })
}

type Workbook<'b> = Xlsx<Cursor<&'b [u8]>>;

fn open(bytes: &[u8]) -> Result<Workbook<'_>, String> {
    Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())
}

fn read_bytes(bytes: &[u8]) -> Result<Source, String> {
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
                let range = ranges
                    .iter()
                    .position(|(name, _)| *name == shown)
                    .map_or_else(Range::empty, |i| ranges.swap_remove(i).1);
                RawSheet {
                    name: shown.trim().to_string(),
                    shown,
                    range,
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

/// Reads sheets taken from the queue until it is empty.
fn drain(
    xlsx: &mut Workbook<'_>,
    queue: &Mutex<Vec<&'static str>>,
) -> Result<Vec<(String, Range<Data>)>, String> {
    let names = xlsx.sheet_names();
    let mut ranges = Vec::new();
    // The lock is taken and released inside `take`, never held while reading.
    let take = || queue.lock().ok().and_then(|mut q| q.pop());
    while let Some(wanted) = take() {
        for shown in names.iter().filter(|n| n.trim() == wanted) {
            let range = xlsx
                .worksheet_range(shown)
                .map_err(|e| format!("工作表「{shown}」无法读取: {e}"))?;
            ranges.push((shown.clone(), range));
        }
    }
    Ok(ranges)
}
