//! What can go wrong reading or writing a workbook, and where it sits.

use std::fmt;

/// How many problems, and how many notices, an import lists; the rest are
/// counted. A sheet of a million bad rows (or ten thousand unknown columns)
/// must neither fill the memory with messages nor the screen.
pub const LISTED: usize = 1000;

/// How many characters of a value from the file a message quotes.
const QUOTED_CHARS: usize = 40;

/// A value from the file as a message quotes it: 「value」, escaped so that it
/// can neither drive a terminal nor start a line of its own; a value longer
/// than [`QUOTED_CHARS`] characters only by its start, then … and its length.
pub(crate) fn quote(value: &str) -> String {
    use crate::controls::escape;
    match value.char_indices().nth(QUOTED_CHARS) {
        None => format!("「{}」", escape(value)),
        Some((end, _)) => format!(
            "「{}…」（共 {} 个字符）",
            escape(&value[..end]),
            value.chars().count()
        ),
    }
}

/// A column as the user sees it: its header and its letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRef {
    /// Header text without the `*`, e.g. 出生日期.
    pub header: String,
    /// Column letter, e.g. D.
    pub letter: String,
}

/// Where a problem or notice sits: sheet, Excel row, column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Sheet name as the user sees it (党员; 党员.csv in a CSV folder).
    pub sheet: String,
    /// Row number as Excel shows it (1-based); None for the whole sheet.
    pub row: Option<u32>,
    /// The column; None for the whole row or sheet.
    pub column: Option<ColumnRef>,
}

impl fmt::Display for Location {
    /// Sheet and header names come from the file: escaped, so that neither can
    /// drive a terminal or start a line of its own.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::controls::escape;
        f.write_str(&escape(&self.sheet))?;
        if let Some(row) = self.row {
            write!(f, " 第{row}行")?;
        }
        if let Some(column) = &self.column {
            write!(f, " {}({}列)", escape(&column.header), column.letter)?;
        }
        Ok(())
    }
}

/// A bad cell, row or sheet: where, what was wrong and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// What is wrong and what is expected, in Chinese with an English keyword.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Something the importer did that the user should know about but that is no
/// error: an ignored column or sheet, a skipped example row, a restored digit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Where it is.
    pub location: Location,
    /// What was done, in Chinese with an English keyword.
    pub message: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Why a workbook could not be read or written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WorkbookError {
    /// The file or folder could not be read at all.
    #[error("{path}: 无法读取 (io error): {reason}")]
    Io {
        /// The file or folder.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// The file is not an `.xlsx` workbook.
    #[error("{path}: 不是有效的 Excel 工作簿 (invalid xlsx): {reason}；应为 .xlsx 文件（可在 Excel 或 WPS 中「另存为」Excel 工作簿），或一个存放 组织.csv、网格.csv、党员.csv 等文件的文件夹")]
    NotWorkbook {
        /// The file.
        path: String,
        /// What the reader found wrong.
        reason: String,
    },
    /// Reading the workbook would take more memory than gridorg gives one.
    #[error("{path}: 工作簿过大 (too large): {reason}")]
    TooLarge {
        /// The file or folder.
        path: String,
        /// What is too large, and where.
        reason: String,
    },
    /// The workbook was read, but some sheets, rows or cells are bad.
    #[error("{}", list(path, problems, *unlisted))]
    Invalid {
        /// The file or folder.
        path: String,
        /// The first [`LISTED`] problems found, in sheet, row and column order.
        problems: Vec<Problem>,
        /// How many more were found but not kept.
        unlisted: usize,
    },
    /// The workbook could not be produced.
    #[error("无法生成工作簿 (xlsx error): {0}")]
    Write(String),
}

/// One line per problem, each naming the file, then a count.
fn list(path: &str, problems: &[Problem], unlisted: usize) -> String {
    let mut text = String::new();
    for problem in problems {
        text.push_str(&format!("{path}: {problem}\n"));
    }
    if unlisted > 0 {
        text.push_str(&format!(
            "{path}: 另有 {unlisted} 处错误未列出 ({unlisted} more errors not listed)\n"
        ));
    }
    text.push_str(&format!(
        "{path}: 共 {} 处错误 (import failed)，请改正后重新导入",
        problems.len() + unlisted
    ));
    text
}

/// Problems or notices as they are found: the first [`LISTED`] kept, the
/// rest counted.
#[derive(Debug)]
pub(crate) struct Listed<T> {
    /// The ones kept.
    pub list: Vec<T>,
    /// How many more were found.
    pub unlisted: usize,
}

impl<T> Default for Listed<T> {
    fn default() -> Self {
        Listed {
            list: Vec::new(),
            unlisted: 0,
        }
    }
}

impl<T> Listed<T> {
    /// Keeps the item, or counts it once [`LISTED`] are kept.
    pub(crate) fn push(&mut self, item: T) {
        if self.list.len() < LISTED {
            self.list.push(item);
        } else {
            self.unlisted += 1;
        }
    }

    /// Whether an item found now would only be counted.
    pub(crate) fn full(&self) -> bool {
        self.list.len() >= LISTED
    }

    /// How many were found.
    pub(crate) fn len(&self) -> usize {
        self.list.len() + self.unlisted
    }

    /// Whether none was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The problems of an import.
pub(crate) type Problems = Listed<Problem>;

/// The notices of an import.
pub(crate) type Notices = Listed<Notice>;

impl Problems {
    /// The error for a workbook with these problems.
    pub(crate) fn into_error(self, path: &str) -> WorkbookError {
        WorkbookError::Invalid {
            path: path.to_string(),
            problems: self.list,
            unlisted: self.unlisted,
        }
    }
}
