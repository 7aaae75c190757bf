//! Reading a folder of CSV files named after the sheets (组织.csv, 网格.csv,
//! 党员.csv, 联系户.csv, 楼栋.csv, 共建单位.csv), in UTF-8 with or without a BOM,
//! UTF-16 with a BOM, or GBK — Excel in China saves CSV as GBK.

use super::error::{Location, Problem, Problems, WorkbookError};
use super::read::{cell_cost, Budget};
use super::sparse::SparseCells;
use super::table::{RawSheet, Source};
use calamine::Data;
use std::path::Path;

/// Reads every `.csv` file of a folder as a sheet named after the file.
pub(crate) fn read_folder(dir: &Path) -> Result<Source, WorkbookError> {
    let shown_dir = dir.display().to_string();
    let io = |e: std::io::Error| WorkbookError::Io {
        path: shown_dir.clone(),
        reason: e.to_string(),
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .collect();
    paths.sort();
    let files: Vec<(String, std::io::Result<Vec<u8>>)> = paths
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, crate::input::read(path))
        })
        .collect();
    let mut source = read_all(
        files
            .iter()
            .map(|(name, bytes)| (name.as_str(), bytes.as_deref())),
        &shown_dir,
    )?;
    source.title = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    Ok(source)
}

/// Reads CSV files given as file name and bytes, each a sheet named after the file.
pub(crate) fn read_files(files: &[(&str, &[u8])], origin: &str) -> Result<Source, WorkbookError> {
    read_all(files.iter().map(|&(name, bytes)| (name, Ok(bytes))), origin)
}

fn read_all<'a>(
    files: impl Iterator<Item = (&'a str, Result<&'a [u8], &'a std::io::Error>)>,
    origin: &str,
) -> Result<Source, WorkbookError> {
    let mut sheets = Vec::new();
    let mut problems = Problems::default();
    let budget = Budget::new();
    for (file_name, bytes) in files {
        let name = Path::new(file_name)
            .file_stem()
            .map(|n| n.to_string_lossy().trim().to_string())
            .unwrap_or_default();
        let problem = |message: String| Problem {
            location: Location {
                sheet: file_name.to_string(),
                row: None,
                column: None,
            },
            message,
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.push(problem(format!("无法读取 (io error): {e}")));
                continue;
            }
        };
        let text = match decode(bytes) {
            Ok(text) => text,
            Err(line) => {
                problems.push(Problem {
                    location: Location {
                        sheet: file_name.to_string(),
                        row: Some(line),
                        column: None,
                    },
                    message: "无法识别文字编码 (unknown encoding)：此行起既不是 UTF-8 也不是 GBK；\
                              请在 Excel 或 WPS 中另存为「CSV UTF-8」"
                        .into(),
                });
                continue;
            }
        };
        match parse(&text, &budget) {
            Ok(range) => sheets.push(RawSheet {
                shown: file_name.to_string(),
                name,
                range,
                uncomputed: Vec::new(),
            }),
            Err(ParseError::Csv(line, e)) => problems.push(Problem {
                location: Location {
                    sheet: file_name.to_string(),
                    row: Some(line),
                    column: None,
                },
                message: format!("不是有效的 CSV (csv error): {e}"),
            }),
            Err(ParseError::TooManyRows(line)) => problems.push(Problem {
                location: Location {
                    sheet: file_name.to_string(),
                    row: Some(line),
                    column: None,
                },
                message: format!(
                    "超过 Excel 工作表的 {} 行 (too many rows)；请把数据分成几个文件夹导入",
                    super::read::MAX_ROWS
                ),
            }),
            Err(ParseError::TooLarge(line, column)) => {
                return Err(WorkbookError::TooLarge {
                    path: origin.to_string(),
                    reason: format!(
                        "读到 {file_name} 第{line}行 {}列 时，单元格内容已超过 gridorg 可读取的\
                         上限 {} MB (too large)；请把数据分成几个文件夹导入，或删去多余的内容",
                        super::columns::letter(column),
                        super::read::MAX_CELL_BYTES >> 20
                    ),
                })
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error(origin));
    }
    Ok(Source {
        title: None,
        sheets,
        date1904: false,
        suffix: ".csv",
    })
}

/// The file's text: by its BOM (UTF-8, UTF-16), else UTF-8 if it is valid, else
/// GBK (decoded as GB 18030, its superset). If it is none of them, the 1-based
/// line up to which the better of the two readings got.
fn decode(bytes: &[u8]) -> Result<String, u32> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return decode_as(encoding, &bytes[bom..]).map_err(|at| line_of(bytes, bom + at));
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_string()),
        Err(e) => e.valid_up_to(),
    };
    decode_as(encoding_rs::GB18030, bytes).map_err(|at| line_of(bytes, at.max(utf8_error)))
}

/// Decodes the whole of `bytes`, or gives the offset of the first malformed byte.
fn decode_as(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Result<String, usize> {
    use encoding_rs::DecoderResult;
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut read = 0;
    loop {
        let rest = &bytes[read..];
        let room = decoder
            .max_utf8_buffer_length_without_replacement(rest.len())
            .unwrap_or(rest.len().saturating_mul(3));
        text.reserve(room);
        let (result, n) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, extra) => {
                return Err(read.saturating_sub(usize::from(bad) + usize::from(extra)))
            }
        }
    }
}

/// The 1-based line of the byte at `offset`.
fn line_of(bytes: &[u8], offset: usize) -> u32 {
    let before = &bytes[..offset.min(bytes.len())];
    u32::try_from(memchr::memchr_iter(b'\n', before).count() + 1).unwrap_or(u32::MAX)
}

/// Why a CSV file was not read: a malformed record, more than the budget, or
/// more rows than a sheet holds, each with its 1-based record number (and
/// 0-based column).
enum ParseError {
    Csv(u32, csv::Error),
    TooLarge(u32, usize),
    /// A record past Excel's last row: no sheet can hold it.
    TooManyRows(u32),
}

/// The records as text cells (only the non-empty ones, so that a line of a
/// million commas costs nothing); a tab-separated file (Excel's "Unicode text")
/// is read too. Each cell is charged to the budget.
fn parse(text: &str, budget: &Budget) -> Result<SparseCells, ParseError> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut cells = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut row = 0u32;
    loop {
        let line = row.saturating_add(1);
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(ParseError::Csv(line, e)),
        }
        if row >= super::read::MAX_ROWS && record.iter().any(|v| !v.is_empty()) {
            return Err(ParseError::TooManyRows(line));
        }
        for (col, value) in record.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let value = value.to_string();
            if !budget.charge(&mut cells, cell_cost(value.capacity())) {
                return Err(ParseError::TooLarge(line, col));
            }
            let col = u32::try_from(col).unwrap_or(u32::MAX);
            cells.push((row, col, Data::String(value)));
        }
        row = line;
    }
    Ok(SparseCells::from_cells(cells))
}
