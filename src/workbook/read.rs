//! Reading an `.xlsx` file with calamine: the sheets the template defines (other
//! sheets are listed but not read), the title from the document properties and
//! the date epoch.
//!
//! A city's workbook holds millions of cells, and parsing them is most of an
//! import. So on a machine with two or more cores, two readers work on the same
//! bytes, each with its own calamine workbook, taking the sheets largest first
//! from a shared queue: opening the file twice costs a second parse of the shared
//! strings, but the two big sheets (党员, 联系户) are then read side by side.
//!
//! Memory is bounded whatever the file says (docs/cli.md, "Inputs"): the
//! parts calamine loads whole when it opens a workbook (shared strings, styles)
//! are measured before it does, a second reader is used only when that is cheap,
//! and the cells kept are charged to a budget as they are read. No table is sized
//! by a number read from the file.

use super::columns::letter;
use super::columns::{BUILDINGS, CO_BUILDERS, GRIDS, HOUSEHOLDS, MEMBERS, UNITS};
use super::error::WorkbookError;
use super::sparse::SparseCells;
use super::table::{RawSheet, Source};
use calamine::{Data, DataRef, Reader, Xlsx, XlsxError};
use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
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
/// scale of docs/cli.md) unzips to about 210 MB; a file that declares more is
/// refused before anything is inflated, which stops a zip bomb. The zip reader
/// also stops any entry at the size it declares, so a lying entry cannot exceed it.
const MAX_UNZIPPED: u64 = 1 << 30;

/// The most memory the cells read from one workbook may take (their values and
/// the text they hold). A city's workbook (the largest scale of docs/cli.md) takes 302 MB.
pub(crate) const MAX_CELL_BYTES: u64 = 400 << 20;

/// The most memory one calamine workbook may spend on the parts it loads whole
/// on opening (shared strings and styles), as estimated by [`measure_parts`].
const MAX_PART_BYTES: u64 = 320 << 20;

/// Below this estimate per calamine workbook, two are opened to read sheets side
/// by side; above it, one reads them all.
const TWO_READERS_BELOW: u64 = 128 << 20;

/// Excel's grid: 1,048,576 rows by 16,384 columns (XFD).
pub(crate) const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;

/// Reads a workbook file.
pub(crate) fn read_xlsx(path: &Path) -> Result<Source, WorkbookError> {
    let shown = path.display().to_string();
    let bytes = crate::input::read(path).map_err(|e| WorkbookError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    read_bytes(&bytes, &shown)
}

/// Reads a workbook held in memory; `origin` names it in messages.
pub(crate) fn read_bytes(bytes: &[u8], origin: &str) -> Result<Source, WorkbookError> {
    // calamine parses untrusted zip and XML; should it ever panic on a damaged
    // file, that is a damaged file to report, not a crash.
    let read = || -> Result<Source, Refusal> {
        check_size(bytes)?;
        let cost = measure_parts(bytes)?;
        crate::caught::catch(|| read_sheets(bytes, cost < TWO_READERS_BELOW))
            .unwrap_or_else(|| Err(corrupt()))
    };
    read().map_err(|refusal| match refusal {
        Refusal::Damaged(reason) => WorkbookError::NotWorkbook {
            path: origin.to_string(),
            reason,
        },
        Refusal::TooLarge(reason) => WorkbookError::TooLarge {
            path: origin.to_string(),
            reason,
        },
    })
}

/// Why a workbook is not read.
enum Refusal {
    /// It is no workbook, or a damaged one.
    Damaged(String),
    /// It would take more memory than gridorg gives a workbook.
    TooLarge(String),
}

impl From<String> for Refusal {
    fn from(reason: String) -> Refusal {
        Refusal::Damaged(reason)
    }
}

fn corrupt() -> Refusal {
    Refusal::Damaged("文件内容损坏 (corrupt file)".into())
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

/// Estimates what one calamine workbook spends on the parts it loads whole when
/// opened, refusing a file where that exceeds [`MAX_PART_BYTES`] or whose shared
/// strings declare more strings than they hold (calamine reserves room for
/// `uniqueCount` strings before reading one).
///
/// Each `si` element of the shared strings becomes one string, each element of
/// the styles at most one style (a few hundred bytes); counting `<si` and `<`
/// bounds them without parsing the XML.
fn measure_parts(bytes: &[u8]) -> Result<u64, Refusal> {
    /// What calamine keeps per element of styles.xml, at most (a `Style` with a
    /// font, fill and borders cloned into it).
    const STYLE_COST: u64 = 640;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut cost = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().unwrap_or_default().to_ascii_lowercase();
        let shown = entry.name().unwrap_or_default().to_string();
        let strings = name.ends_with("sharedstrings.xml");
        if !strings && !name.ends_with("styles.xml") {
            continue;
        }
        let size = entry.size();
        let scan = scan_part(entry).map_err(|e| format!("成员「{shown}」无法解压: {e}"))?;
        if strings {
            if let Some(declared) = scan.unique_count.filter(|&n| n > scan.elements) {
                return Err(Refusal::Damaged(format!(
                    "共享字符串表「{shown}」声明 uniqueCount=\"{declared}\"，但其 {size} 字节\
                     至多容纳 {} 个字符串 (corrupt shared strings / uniqueCount too large)；\
                     请在 Excel 或 WPS 中打开并另存为工作簿",
                    scan.elements
                )));
            }
            if scan.unreadable_count {
                return Err(Refusal::Damaged(format!(
                    "共享字符串表「{shown}」的 uniqueCount 属性无法读取 \
                     (corrupt shared strings)；请在 Excel 或 WPS 中打开并另存为工作簿"
                )));
            }
            // calamine reserves `uniqueCount` strings, then keeps each one read:
            // 24 bytes and its text (at most the part's size), which takes an
            // allocation of its own (16 bytes more).
            let strings = scan.strings.max(scan.unique_count.unwrap_or(0));
            cost = cost.saturating_add(strings.saturating_mul(40).saturating_add(size));
        } else {
            cost = cost.saturating_add(scan.elements.saturating_mul(STYLE_COST));
        }
        if cost > MAX_PART_BYTES {
            return Err(Refusal::TooLarge(format!(
                "共享字符串或样式过多 (too large)：读到成员「{shown}」时已需约 {} MB 内存，\
                 gridorg 最多用 {} MB 读取它们；请删去不用的样式与内容后另存",
                cost >> 20,
                MAX_PART_BYTES >> 20
            )));
        }
    }
    Ok(cost)
}

/// What [`scan_part`] found in an XML part.
struct PartScan {
    /// How many `<` it holds: a bound on its elements.
    elements: u64,
    /// How many `si` elements (shared strings) it holds, at most.
    strings: u64,
    /// The largest `uniqueCount="N"` in it.
    unique_count: Option<u64>,
    /// Whether a `uniqueCount` was followed by something too long to read.
    unreadable_count: bool,
}

/// Streams an XML part, counting `<` and reading every `uniqueCount="N"`.
fn scan_part(mut part: impl Read) -> std::io::Result<PartScan> {
    const NAME: &[u8] = b"uniqueCount";
    /// Bytes kept from one chunk to the next, so that an attribute split
    /// between them is still read whole.
    const KEEP: usize = 4096;
    let mut scan = PartScan {
        elements: 0,
        strings: 0,
        unique_count: None,
        unreadable_count: false,
    };
    let mut chunk = vec![0u8; 256 << 10];
    let mut window: Vec<u8> = Vec::with_capacity(chunk.len() + KEEP);
    loop {
        let n = part.read(&mut chunk)?;
        let end = n == 0;
        scan.elements += memchr::memchr_iter(b'<', &chunk[..n]).count() as u64;
        window.extend_from_slice(&chunk[..n]);
        // Names starting before `settled` are read now; later ones next time.
        let settled = if end {
            window.len()
        } else {
            window.len().saturating_sub(KEEP)
        };
        // `<si` or `<x:si` starts a string (`</si` does not match; `</x:si`
        // does, which only makes the bound looser).
        for opening in [&b"<si"[..], b":si"] {
            scan.strings += memchr::memmem::find_iter(&window, opening)
                .take_while(|&at| at < settled)
                .filter(|&at| {
                    window
                        .get(at + 3)
                        .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
                })
                .count() as u64;
        }
        for at in memchr::memmem::find_iter(&window, NAME) {
            if at >= settled {
                break;
            }
            match attribute_number(&window[at + NAME.len()..]) {
                Some(Some(value)) => {
                    scan.unique_count = scan.unique_count.max(Some(value));
                }
                Some(None) => {}
                None => scan.unreadable_count = true,
            }
        }
        if end {
            return Ok(scan);
        }
        window.drain(..settled);
    }
}

/// The number of an attribute value after its name (`="123"`, with any spaces
/// and either quote): `Some(None)` when this is no such attribute (the name in
/// text, or a value that is not a number), `None` when the window ends first.
fn attribute_number(after: &[u8]) -> Option<Option<u64>> {
    let mut rest = after.iter().copied().skip_while(u8::is_ascii_whitespace);
    match rest.next()? {
        b'=' => {}
        _ => return Some(None),
    }
    let mut rest = rest.skip_while(u8::is_ascii_whitespace);
    let quote = rest.next()?;
    if quote != b'"' && quote != b'\'' {
        return Some(None);
    }
    let mut value = 0u64;
    let mut digits = 0;
    for byte in rest {
        match byte {
            b'0'..=b'9' => {
                value = value
                    .saturating_mul(10)
                    .saturating_add(u64::from(byte - b'0'));
                digits += 1;
            }
            _ if byte == quote && digits > 0 => return Some(Some(value)),
            _ => return Some(None),
        }
    }
    None
}

type Workbook<'b> = Xlsx<Cursor<&'b [u8]>>;

fn open(bytes: &[u8]) -> Result<Workbook<'_>, String> {
    Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())
}

fn read_sheets(bytes: &[u8], two_readers: bool) -> Result<Source, Refusal> {
    let queue = Mutex::new(READ_ORDER.to_vec());
    let budget = Budget::new();
    let two = two_readers && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    std::thread::scope(|scope| {
        let helper = two.then(|| {
            scope.spawn(|| {
                crate::caught::catch(|| drain(&mut open(bytes)?, &queue, &budget))
                    .unwrap_or_else(|| Err(corrupt()))
            })
        });
        let mut xlsx = open(bytes)?;
        let mut ranges = drain(&mut xlsx, &queue, &budget)?;
        if let Some(helper) = helper {
            let more = helper.join().unwrap_or_else(|_| Err(corrupt()))?;
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
                    .map_or_else(Default::default, |i| ranges.swap_remove(i).1);
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
type SheetCells = (SparseCells, Vec<(u32, u32)>);

/// The bytes the cells of a workbook may still take, shared by its readers.
pub(crate) struct Budget(AtomicU64);

impl Budget {
    /// A budget of [`MAX_CELL_BYTES`].
    pub(crate) fn new() -> Budget {
        Budget(AtomicU64::new(MAX_CELL_BYTES))
    }

    /// Takes `bytes` from the budget; false when it does not hold them.
    fn take(&self, bytes: u64) -> bool {
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(bytes)
            })
            .is_ok()
    }

    /// Makes room for one more cell in `cells` and charges `extra` for what it
    /// holds; false when the budget does not hold them. The vector's growth is
    /// charged when it happens, so that its spare capacity counts too.
    pub(crate) fn charge<T>(&self, cells: &mut Vec<T>, extra: u64) -> bool {
        if cells.len() == cells.capacity() {
            let more = cells.capacity().max(64);
            if !self.take(more as u64 * std::mem::size_of::<T>() as u64) {
                return false;
            }
            cells.reserve_exact(more);
        }
        self.take(extra)
    }
}

/// What a string of this capacity costs on the heap (an allocation takes at
/// least 32 bytes).
pub(crate) fn cell_cost(capacity: usize) -> u64 {
    match capacity as u64 {
        0 => 0,
        n => n.div_ceil(16) * 16 + 16,
    }
}

/// Reads sheets taken from the queue until it is empty.
fn drain(
    xlsx: &mut Workbook<'_>,
    queue: &Mutex<Vec<&'static str>>,
    budget: &Budget,
) -> Result<Vec<(String, SheetCells)>, Refusal> {
    let names = xlsx.sheet_names();
    let mut ranges = Vec::new();
    // The lock is taken and released inside `take`, never held while reading.
    let take = || queue.lock().ok().and_then(|mut q| q.pop());
    while let Some(wanted) = take() {
        for shown in names.iter().filter(|n| n.trim() == wanted) {
            let cells = read_sheet(xlsx, shown, budget).map_err(|refusal| match refusal {
                Refusal::Damaged(e) => Refusal::Damaged(format!("工作表「{shown}」无法读取: {e}")),
                Refusal::TooLarge(e) => Refusal::TooLarge(format!("工作表「{shown}」{e}")),
            })?;
            ranges.push((shown.clone(), cells));
        }
    }
    Ok(ranges)
}

/// Reads a sheet's cells in one pass, noting each formula whose file holds no
/// computed value (written by a program that does not calculate, such as a
/// script): its cell reads as empty, which the import must not take for blank.
/// Each cell kept is charged to the budget; a cell outside Excel's grid, or one
/// the budget cannot hold, ends the reading with where it is.
fn read_sheet(xlsx: &mut Workbook<'_>, name: &str, budget: &Budget) -> Result<SheetCells, Refusal> {
    let mut reader = match xlsx.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet or the like: no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Default::default()),
        Err(e) => return Err(Refusal::Damaged(e.to_string())),
    };
    let mut cells = Vec::new();
    let mut uncomputed = Vec::new();
    while let Some(cell) = reader
        .next_cell_with_formula_metadata()
        .map_err(|e| Refusal::Damaged(e.to_string()))?
    {
        let (row, col) = cell.pos;
        let at = || format!("第{}行 {}列", u64::from(row) + 1, letter(col as usize));
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(Refusal::Damaged(format!(
                "{} 超出 Excel 的表格范围 (cell out of range)，应在 1048576 行、XFD 列以内",
                at()
            )));
        }
        let blank = match &cell.value {
            DataRef::Empty => true,
            DataRef::String(s) => s.is_empty(),
            _ => false,
        };
        if blank && cell.formula.is_none() {
            continue;
        }
        let value = if blank {
            // Kept as an empty cell, so that its row is read and reported.
            uncomputed.push(cell.pos);
            Data::Empty
        } else {
            Data::from(cell.value)
        };
        let text = match &value {
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                cell_cost(s.capacity())
            }
            _ => 0,
        };
        let too_large = || {
            Refusal::TooLarge(format!(
                "读到 {} 时，单元格内容已超过 gridorg 可读取的上限 {} MB (too large)；\
                 请把工作簿分成几个文件导入，或删去多余的内容",
                at(),
                MAX_CELL_BYTES >> 20
            ))
        };
        if !budget.charge(&mut cells, text + if blank { 8 } else { 0 }) {
            return Err(too_large());
        }
        cells.push((row, col, value));
    }
    uncomputed.sort_unstable();
    Ok((SparseCells::from_cells(cells), uncomputed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_counts_are_read_wherever_the_attribute_sits() {
        let scan = |xml: &str| scan_part(xml.as_bytes()).unwrap();
        let found = scan(r#"<?xml?><sst count="3" uniqueCount = '12'><si><t>a</t></si></sst>"#);
        assert_eq!(found.unique_count, Some(12));
        assert_eq!(found.elements, 7);
        assert_eq!(found.strings, 1);
        assert!(!found.unreadable_count);
        // Split across the reader's chunks, and spread by spaces.
        let padded = format!(
            "<sst {}uniqueCount{}=\"100000000000\"><si/></sst>",
            " ".repeat(300 << 10),
            " ".repeat(100)
        );
        assert_eq!(scan(&padded).unique_count, Some(100_000_000_000));
        assert_eq!(scan("<t>uniqueCount is a word</t>").unique_count, None);
        let endless = format!("<sst uniqueCount{}", " ".repeat(10_000));
        assert!(scan(&endless).unreadable_count);
    }
}
