//! Reading a folder of CSV files named after the sheets (组织.csv, 网格.csv,
//! 党员.csv, 联系户.csv, 楼栋.csv, 共建单位.csv), in UTF-8 with or without a BOM,
//! UTF-16 with a BOM, or GBK — Excel in China saves CSV as GBK.

use super::error::{Location, Problem, WorkbookError};
use super::table::{RawSheet, Source};
use calamine::{Data, Range};
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
            (name, std::fs::read(path))
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
    let mut problems = Vec::new();
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
        match parse(&text) {
            Ok(range) => sheets.push(RawSheet {
                shown: file_name.to_string(),
                name,
                range,
                uncomputed: Vec::new(),
            }),
            Err((line, e)) => problems.push(Problem {
                location: Location {
                    sheet: file_name.to_string(),
                    row: Some(line),
                    column: None,
                },
                message: format!("不是有效的 CSV (csv error): {e}"),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(WorkbookError::Invalid {
            path: origin.to_string(),
            problems,
        });
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

/// The records as a range of text cells; a tab-separated file (Excel's "Unicode
/// text") is read too. Errors carry the 1-based record number.
fn parse(text: &str) -> Result<Range<Data>, (u32, csv::Error)> {
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
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| (rows.len() as u32 + 1, e))?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.is_empty() || width == 0 {
        return Ok(Range::empty());
    }
    let mut range = Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
    for (r, row) in rows.into_iter().enumerate() {
        for (c, value) in row.into_iter().enumerate() {
            if !value.is_empty() {
                range.set_value((r as u32, c as u32), Data::String(value));
            }
        }
    }
    Ok(range)
}
