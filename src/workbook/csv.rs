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
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    let mut sheets = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = path
            .file_stem()
            .map(|n| n.to_string_lossy().trim().to_string())
            .unwrap_or_default();
        let problem = |message: String| Problem {
            location: Location {
                sheet: file_name.clone(),
                row: None,
                column: None,
            },
            message,
        };
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.push(problem(format!("无法读取 (io error): {e}")));
                continue;
            }
        };
        let Some(text) = decode(&bytes) else {
            problems.push(problem(
                "无法识别文字编码 (unknown encoding)，应为 UTF-8 或 GBK 编码的 CSV 文件".into(),
            ));
            continue;
        };
        match parse(&text) {
            Ok(range) => sheets.push(RawSheet {
                shown: file_name,
                name,
                range,
            }),
            Err((line, e)) => problems.push(Problem {
                location: Location {
                    sheet: file_name.clone(),
                    row: Some(line),
                    column: None,
                },
                message: format!("不是有效的 CSV (csv error): {e}"),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(WorkbookError::Invalid {
            path: shown_dir,
            problems,
        });
    }
    Ok(Source {
        title: dir.file_name().map(|n| n.to_string_lossy().into_owned()),
        sheets,
        date1904: false,
        suffix: ".csv",
    })
}

/// The file's text: by its BOM (UTF-8, UTF-16), else UTF-8 if it is valid, else
/// GBK (decoded as GB 18030, its superset); None if it is none of them.
fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|t| t.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
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
