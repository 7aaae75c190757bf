//! A sheet as a table: the header row found among the first rows (below any
//! merged title rows), the columns matched by name in any order, and the data
//! rows with empty rows and the template's unchanged example row left out.

use super::cells::{self, Bad};
use super::columns::{letter, Column, Sheet};
use super::error::{quote, ColumnRef, Location, Notice, Notices, Problem, Problems};
use super::sparse::SparseCells;
use calamine::Data;
use std::collections::BTreeMap;
use std::fmt::Display;

/// How many rows from the top may hold the header (title rows come first).
const HEADER_SEARCH_ROWS: usize = 10;

/// A sheet as read from a workbook or a CSV file, before its header is found.
#[derive(Debug)]
pub(crate) struct RawSheet {
    /// The name as the user sees it (党员, or 党员.csv in a folder).
    pub shown: String,
    /// The name matched against the sheet definitions (党员).
    pub name: String,
    /// The cells.
    pub range: SparseCells,
    /// Absolute (row, column) of each formula cell whose computed value the
    /// file lacks, sorted; such a cell reads as empty.
    pub uncomputed: Vec<(u32, u32)>,
}

/// Everything read from a workbook file or a CSV folder.
#[derive(Debug)]
pub(crate) struct Source {
    /// The document title stored in the file, if any.
    pub title: Option<String>,
    /// The sheets, in file order.
    pub sheets: Vec<RawSheet>,
    /// Whether serial dates count from 1904 (old Mac workbooks).
    pub date1904: bool,
    /// How a sheet's name is shown (".csv" after it for a folder).
    pub suffix: &'static str,
}

static EMPTY: Data = Data::Empty;

/// A sheet with its header found: cells are reached by row and column name.
pub(crate) struct Table<'a> {
    /// The sheet's definition.
    pub sheet: &'static Sheet,
    /// The sheet's name as the user sees it.
    pub shown: &'a str,
    range: &'a SparseCells,
    /// See [`RawSheet::uncomputed`].
    uncomputed: &'a [(u32, u32)],
    /// For each defined column, its 0-based column if the file has it.
    positions: Vec<Option<u32>>,
    /// Data rows, as slots of the range's rows.
    rows: Vec<usize>,
    /// Whether serial dates count from 1904.
    pub date1904: bool,
}

impl<'a> Table<'a> {
    /// Finds the header and the data rows. Header problems (no header, a missing
    /// required column, a column twice) go to `problems` and give None; ignored
    /// columns, columns without a header and skipped example rows go to
    /// `notices`.
    pub(crate) fn read(
        raw: &'a RawSheet,
        sheet: &'static Sheet,
        date1904: bool,
        problems: &mut Problems,
        notices: &mut Notices,
    ) -> Option<Table<'a>> {
        let mut table = Table {
            sheet,
            shown: &raw.shown,
            range: &raw.range,
            uncomputed: &raw.uncomputed,
            positions: vec![None; sheet.columns.len()],
            rows: Vec::new(),
            date1904,
        };
        let Some(header) = table.find_header() else {
            let names: Vec<String> = sheet
                .columns
                .iter()
                .filter(|c| c.required)
                .map(|c| format!("「{}」", c.name))
                .collect();
            problems.push(Problem {
                location: table.location(None, None),
                message: format!(
                    "找不到表头行 (header not found)：前 {HEADER_SEARCH_ROWS} 行中没有本表的列名，应为 一行列名，包括 {}",
                    names.join("")
                ),
            });
            return None;
        };
        let before = problems.len();
        table.match_columns(header, problems, notices);
        for column in sheet.columns.iter().filter(|c| c.required) {
            if !table.has(column.name) {
                problems.push(Problem {
                    location: table.location(Some(header), None),
                    message: format!(
                        "缺少必填列「{}」 (missing column)，应为 表头中有一列名为「{}」（可带 *）",
                        column.name,
                        column.header()
                    ),
                });
            }
        }
        if problems.len() > before {
            return None;
        }
        table.collect_rows(header, notices);
        Some(table)
    }

    /// The row among the first ones that names the most of the sheet's columns.
    fn find_header(&self) -> Option<usize> {
        if self.range.row_count() == 0 {
            return None;
        }
        let first = self.range.row_number(0) as u64;
        let mut best: Option<(usize, usize)> = None;
        for row in 0..self.range.row_count() {
            if u64::from(self.range.row_number(row)) >= first + HEADER_SEARCH_ROWS as u64 {
                break;
            }
            let mut found = vec![false; self.sheet.columns.len()];
            for (_, _, cell) in self.range.row(row) {
                if let Some(i) = self.defined(cell) {
                    found[i] = true;
                }
            }
            let score = found.iter().filter(|&&f| f).count();
            if score > 0 && best.is_none_or(|(_, s)| score > s) {
                best = Some((row, score));
            }
        }
        best.map(|(row, _)| row)
    }

    /// Which defined column a header cell names: spaces, `*` and a trailing
    /// remark in brackets (出生日期（yyyy-mm-dd）) are ignored.
    fn defined(&self, cell: &Data) -> Option<usize> {
        let key = header_key(&cells::shown(cell));
        (!key.is_empty())
            .then(|| self.sheet.position(&key))
            .flatten()
    }

    fn match_columns(&mut self, header: usize, problems: &mut Problems, notices: &mut Notices) {
        let range = self.range;
        for (_, col, cell) in range.row(header) {
            let col = *col;
            match self.defined(cell) {
                Some(i) => match self.positions[i] {
                    None => self.positions[i] = Some(col),
                    Some(first) => problems.push(Problem {
                        location: self.location_at(header, col, self.sheet.columns[i].name),
                        message: format!(
                            "列名重复 (duplicate column)：与 {} 列重复，应为 每列只出现一次",
                            self.letter(first)
                        ),
                    }),
                },
                None if !cells::is_blank(cell) => notices.push(Notice {
                    location: self.location(Some(header), None),
                    message: format!(
                        "忽略未知列{}({}列) (ignored column)",
                        quote(&cells::shown(cell)),
                        self.letter(col)
                    ),
                }),
                None => {}
            }
        }
    }

    /// The data rows; a column with data under an empty header cell (what a
    /// header merged across two columns leaves) is said to be ignored.
    fn collect_rows(&mut self, header: usize, notices: &mut Notices) {
        let named: Vec<u32> = self
            .range
            .row(header)
            .iter()
            .filter(|(_, _, cell)| !cells::is_blank(cell))
            .map(|&(_, col, _)| col)
            .collect();
        // Each column without a header that holds data, and its first such row.
        let mut unnamed: BTreeMap<u32, usize> = BTreeMap::new();
        for row in header + 1..self.range.row_count() {
            for (_, col, cell) in self.range.row(row) {
                if named.binary_search(col).is_err() && !cells::is_blank(cell) {
                    unnamed.entry(*col).or_insert(row);
                }
            }
            let blank =
                self.positions.iter().flatten().all(|&col| {
                    cells::is_blank(self.raw(row, col)) && !self.uncomputed_at(row, col)
                });
            if blank {
                continue;
            }
            if self.is_example(row) {
                notices.push(Notice {
                    location: self.location(Some(row), None),
                    message: "与模板的示例行相同，已跳过 (example row skipped)".into(),
                });
                continue;
            }
            self.rows.push(row);
        }
        for (col, row) in unnamed {
            notices.push(Notice {
                location: self.location(Some(header), None),
                message: format!(
                    "{}列没有列名 (column without header)，该列的数据（第{}行起）已忽略，应为 \
                     每列一个列名；表头若是合并单元格，请取消合并并为每列写上列名",
                    self.letter(col),
                    self.row_number(row)
                ),
            });
        }
    }

    /// Whether the row is the template's example, unchanged.
    fn is_example(&self, row: usize) -> bool {
        self.sheet
            .columns
            .iter()
            .zip(&self.positions)
            .all(|(column, position)| match position {
                Some(col) => cells::shows(self.raw(row, *col), column.example),
                None => column.example.is_empty(),
            })
    }

    fn raw(&self, row: usize, col: u32) -> &'a Data {
        self.range.get(row, col).unwrap_or(&EMPTY)
    }

    fn letter(&self, col: u32) -> String {
        letter(col as usize)
    }

    fn column(&self, name: &str) -> (&'static Column, Option<u32>) {
        let i = self.sheet.position(name);
        debug_assert!(i.is_some(), "{} has no column {name}", self.sheet.name);
        let i = i.unwrap_or(0);
        (&self.sheet.columns[i], self.positions[i])
    }

    /// The data rows, as positions to pass to [`Table::cell`].
    pub(crate) fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// Whether the file has the column.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.column(name).1.is_some()
    }

    /// The cell of a data row in the named column (empty if the file lacks it).
    pub(crate) fn cell(&self, row: usize, name: &str) -> &'a Data {
        match self.column(name).1 {
            Some(col) => self.raw(row, col),
            None => &EMPTY,
        }
    }

    /// Whether the cell of a data row in the named column is a formula the file
    /// holds no computed value for.
    fn uncomputed(&self, row: usize, name: &str) -> bool {
        self.column(name)
            .1
            .is_some_and(|col| self.uncomputed_at(row, col))
    }

    fn uncomputed_at(&self, row: usize, col: u32) -> bool {
        let at = (self.range.row_number(row), col);
        self.uncomputed.binary_search(&at).is_ok()
    }

    /// Where a row (and a column, if the file has it) is.
    pub(crate) fn location(&self, row: Option<usize>, name: Option<&str>) -> Location {
        let column = name.and_then(|name| {
            self.column(name).1.map(|col| ColumnRef {
                header: name.to_string(),
                letter: self.letter(col),
            })
        });
        Location {
            sheet: self.shown.to_string(),
            row: row.map(|r| self.row_number(r)),
            column,
        }
    }

    fn location_at(&self, row: usize, col: u32, name: &str) -> Location {
        Location {
            sheet: self.shown.to_string(),
            row: Some(self.row_number(row)),
            column: Some(ColumnRef {
                header: name.to_string(),
                letter: self.letter(col),
            }),
        }
    }

    /// The Excel row number of a data row.
    pub(crate) fn row_number(&self, row: usize) -> u32 {
        // The readers keep rows within Excel's 1,048,576.
        self.range.row_number(row).saturating_add(1)
    }
}

/// Reads a table's cells by column, collecting every bad cell.
pub(crate) struct Cells<'t, 'p> {
    /// The table read.
    pub table: &'t Table<'t>,
    /// Where bad cells are reported.
    pub problems: &'p mut Problems,
}

impl Cells<'_, '_> {
    /// An optional cell; a bad one is reported and gives None.
    pub(crate) fn get<T>(
        &mut self,
        row: usize,
        name: &str,
        parse: impl FnOnce(&Data) -> Result<Option<T>, Bad>,
    ) -> Option<T> {
        if self.table.uncomputed(row, name) {
            self.report(
                row,
                name,
                "是公式，但文件中没有公式的计算结果 (formula without value)：\
                 请在 Excel 或 WPS 中打开并保存一次，或把公式「粘贴为数值」",
            );
            return None;
        }
        match parse(self.table.cell(row, name)) {
            Ok(value) => value,
            Err(bad) => {
                self.bad(row, name, bad);
                None
            }
        }
    }

    /// A required cell; an empty or bad one is reported and gives None.
    pub(crate) fn need<T>(
        &mut self,
        row: usize,
        name: &str,
        parse: impl FnOnce(&Data) -> Result<Option<T>, Bad>,
    ) -> Option<T> {
        let value = self.get(row, name, parse);
        if value.is_none()
            && cells::is_blank(self.table.cell(row, name))
            && !self.table.uncomputed(row, name)
        {
            let (column, _) = self.table.column(name);
            self.report(
                row,
                name,
                format!("必填项为空 (missing value)，应填写 {}", column.about),
            );
        }
        value
    }

    /// A cell holding several items.
    pub(crate) fn items(
        &mut self,
        row: usize,
        name: &str,
        parse: impl FnOnce(&Data) -> Result<Vec<String>, Bad>,
    ) -> Vec<String> {
        self.get(row, name, |cell| parse(cell).map(Some))
            .unwrap_or_default()
    }

    fn bad(&mut self, row: usize, name: &str, bad: Bad) {
        if self.problems.full() {
            self.problems.unlisted += 1;
            return;
        }
        let (column, _) = self.table.column(name);
        let got = bad.got.as_deref().map(quote).unwrap_or_default();
        self.report(
            row,
            name,
            format!("{got}{}，应为 {}", bad.why, column.kind.expected()),
        );
    }

    /// Reports a problem with a cell (or with the row, if the file lacks the column).
    pub(crate) fn report(&mut self, row: usize, name: &str, message: impl Display) {
        // Past the listed ones, a problem is only counted: not worth its text.
        if self.problems.full() {
            self.problems.unlisted += 1;
            return;
        }
        self.problems.push(Problem {
            location: self.table.location(Some(row), Some(name)),
            message: message.to_string(),
        });
    }
}

/// A header cell reduced to a column name: full-width folded, spaces and `*`
/// dropped, a trailing remark in brackets cut off.
fn header_key(text: &str) -> String {
    let key: String = crate::parse::fold(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect();
    match key
        .strip_suffix(')')
        .and_then(|k| k.rfind('(').map(|i| &k[..i]))
    {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_ignore_stars_spaces_and_remarks() {
        assert_eq!(header_key(" 编码* "), "编码");
        assert_eq!(header_key("姓名＊"), "姓名");
        assert_eq!(header_key("出生日期（yyyy-mm-dd）"), "出生日期");
        assert_eq!(header_key("所在组织\n编码"), "所在组织编码");
    }
}
