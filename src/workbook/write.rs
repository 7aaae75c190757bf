//! Writing workbooks with rust_xlsxwriter: the export of a document and the empty
//! template share one layout, so an export can be edited and imported again.
//!
//! Codes, phones and ID numbers are written as text in text-formatted columns, so
//! Excel never turns a new ID number into a rounded number; dates are real Excel
//! dates shown as 2020-05-01; 层级, 人员类别, 性别 and the 是/否 columns carry
//! drop-down lists. A masked export ([`Privacy::Masked`]) writes ID numbers,
//! phones and birth dates as [`crate::mask`] shows them, births as text.

use super::columns::{Kind, Sheet, GUIDE, SHEETS};
use super::error::WorkbookError;
use crate::graph::Graph;
use crate::mask::Privacy;
use crate::model::{Document, Id, Unit};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatBorder, Workbook, Worksheet, XlsxError,
};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::io::{Cursor, Seek, Write};

/// The last row Excel has (0-based), for drop-down lists on whole columns.
const LAST_ROW: u32 = 1_048_575;

/// One cell to write; its text borrowed from the document where it is
/// written as it is there.
enum Value<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    Date(NaiveDate),
}

impl<'a> Value<'a> {
    fn text(text: &'a str) -> Value<'a> {
        if text.is_empty() {
            Value::Empty
        } else {
            Value::Text(Cow::Borrowed(text))
        }
    }

    fn owned(text: String) -> Value<'a> {
        if text.is_empty() {
            Value::Empty
        } else {
            Value::Text(Cow::Owned(text))
        }
    }

    fn optional(text: Option<&'a str>) -> Value<'a> {
        Value::text(text.unwrap_or(""))
    }

    fn count(n: Option<impl Into<f64>>) -> Value<'a> {
        n.map_or(Value::Empty, |n| Value::Number(n.into()))
    }

    fn date(date: Option<NaiveDate>) -> Value<'a> {
        date.map_or(Value::Empty, Value::Date)
    }

    fn joined(items: &[String]) -> Value<'a> {
        Value::owned(items.join("、"))
    }
}

/// The formats the sheets use.
struct Formats {
    header: Format,
    required: Format,
    text: Format,
    date: Format,
    example_text: Format,
    example_date: Format,
    example: Format,
    title: Format,
    bold: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border(FormatBorder::Thin);
        let example = Format::new()
            .set_italic()
            .set_font_color(Color::RGB(0x808080));
        Formats {
            required: header.clone().set_font_color(Color::RGB(0xC00000)),
            header,
            text: Format::new().set_num_format("@"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            example_text: example.clone().set_num_format("@"),
            example_date: example.clone().set_num_format("yyyy-mm-dd"),
            example,
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap(),
        }
    }

    /// The format a column of this kind is given as a whole: text for
    /// codes, phones and ID numbers, the date format for dates.
    fn of_column(&self, kind: Kind) -> Option<&Format> {
        match kind {
            Kind::Code | Kind::Codes | Kind::Phone | Kind::IdNumber => Some(&self.text),
            Kind::Date => Some(&self.date),
            _ => None,
        }
    }
}

/// A document as a workbook in the template's layout. Each sheet is written
/// a row at a time, as its rows are made, into a worksheet that keeps its
/// cells in a temporary file (rust_xlsxwriter's constant-memory mode): a
/// city's export takes little more memory than its document.
pub(crate) fn export<W: Write + Seek + Send>(
    document: &Document,
    privacy: Privacy,
    out: W,
) -> Result<(), WorkbookError> {
    let rows = Rows::new(document, privacy);
    let sheets: [SheetRows<'_>; 6] = [
        Box::new(rows.units()),
        Box::new(rows.grids()),
        Box::new(rows.members()),
        Box::new(rows.households()),
        Box::new(rows.buildings()),
        Box::new(rows.co_builders()),
    ];
    build(Some(&document.title), sheets, false, out)
}

/// The most characters an Excel cell holds.
pub(crate) const CELL_CHARS: usize = 32_767;

/// A text too long for an Excel cell, named by sheet, row and column.
fn too_long(sheet: &Sheet, r: u32, row: &[Value]) -> Option<WorkbookError> {
    row.iter().zip(sheet.columns).find_map(|(value, column)| match value {
        // Characters are never more than bytes: only a long text is counted.
        Value::Text(t) if t.len() > CELL_CHARS && t.chars().count() > CELL_CHARS => Some(WorkbookError::Write(format!(
            "工作表「{}」第 {} 行「{}」列的文字有 {} 个字符，超过 Excel 单元格的上限 {CELL_CHARS} (string too long)：请在编辑器中改短后再导出",
            sheet.name,
            r + 1,
            column.name,
            t.chars().count()
        ))),
        _ => None,
    })
}

/// The empty template: headers and one example row per sheet.
pub(crate) fn template() -> Result<Vec<u8>, WorkbookError> {
    let sheets = SHEETS.map(|sheet| {
        let example: Vec<Value<'static>> = sheet
            .columns
            .iter()
            .map(|c| example_value(c.kind, c.example))
            .collect();
        Box::new(std::iter::once(example)) as SheetRows
    });
    let mut bytes = Cursor::new(Vec::new());
    build(None, sheets, true, &mut bytes)?;
    Ok(bytes.into_inner())
}

fn write_error(e: XlsxError) -> WorkbookError {
    WorkbookError::Write(e.to_string())
}

fn example_value(kind: Kind, example: &'static str) -> Value<'static> {
    match kind {
        Kind::Count | Kind::Term => example
            .parse::<f64>()
            .map_or_else(|_| Value::text(example), Value::Number),
        Kind::Date => NaiveDate::parse_from_str(example, "%Y-%m-%d")
            .map_or_else(|_| Value::text(example), Value::Date),
        _ => Value::text(example),
    }
}

/// One sheet's rows, made as they are written (on whichever thread writes it).
type SheetRows<'r> = Box<dyn Iterator<Item = Vec<Value<'r>>> + Send + 'r>;

/// The workbook of `sheets`, zipped straight into `out`.
fn build<W: Write + Seek + Send>(
    title: Option<&str>,
    sheets: [SheetRows<'_>; 6],
    example: bool,
    out: W,
) -> Result<(), WorkbookError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    // Level 1 saves in well under half the time of the default 6: a city's
    // export (245 MB of sheet XML) zips in 0.6 s instead of 0.8 s at level 2,
    // for a file a third larger (45 MB instead of 34 MB); the user is waiting.
    workbook.set_zip_compression_level(1);
    if let Some(title) = title {
        workbook.set_properties(&DocProperties::new().set_title(title));
    }
    // Every header first, in sheet order: the formats are numbered in the
    // order they are first used, and the headers use every format an
    // export's rows do, so the numbers do not turn on which thread writes
    // which row first. The template's example rows have formats of their
    // own: its few rows are written by one thread, in order.
    let mut worksheets = Vec::with_capacity(SHEETS.len());
    for sheet in SHEETS {
        let mut worksheet = workbook
            .new_worksheet_with_constant_memory()
            .map_err(write_error)?;
        write_header(&mut worksheet, sheet, &formats).map_err(write_error)?;
        worksheets.push(worksheet);
    }
    let mut jobs: Vec<Job> = SHEETS
        .iter()
        .zip(sheets)
        .zip(&mut worksheets)
        .enumerate()
        .map(|(n, ((sheet, rows), worksheet))| (n, worksheet, *sheet, rows))
        .collect();
    // The largest sheets first (rows × columns), so that the two threads
    // end about together: a city's 联系户 and 党员 each on one, the rest
    // after whichever is done first.
    jobs.sort_by_key(|(_, _, sheet, rows)| {
        std::cmp::Reverse(rows.size_hint().0 * sheet.columns.len())
    });
    let threads = if example { 1 } else { 2 };
    write_sheets(jobs, threads, &formats, example)?;
    for worksheet in worksheets {
        workbook.push_worksheet(worksheet);
    }
    write_guide(workbook.add_worksheet(), &formats).map_err(write_error)?;
    workbook.save_to_writer(out).map_err(write_error)
}

/// A sheet to write: its place among the sheets, its worksheet, what it
/// is, and its rows.
type Job<'w, 'r> = (usize, &'w mut Worksheet, &'static Sheet, SheetRows<'r>);

/// Writes the sheets' rows on `threads` threads (this one among them), each
/// taking the next sheet from `jobs` as it is free. A sheet that fails does
/// not stop the others: the error is the first sheet's in order that has
/// one, as a single thread writing them in order would meet it.
fn write_sheets(
    jobs: Vec<Job>,
    threads: usize,
    formats: &Formats,
    example: bool,
) -> Result<(), WorkbookError> {
    let queue = std::sync::Mutex::new(jobs.into_iter());
    let work = || {
        let mut failed: Option<(usize, WorkbookError)> = None;
        loop {
            let next = queue.lock().map(|mut q| q.next()).unwrap_or(None);
            let Some((n, ws, sheet, rows)) = next else {
                return failed;
            };
            let written = crate::caught::catch(|| write_rows(ws, sheet, rows, formats, example));
            if let Err(e) = written.unwrap_or_else(|| Err(temporary_file_failed())) {
                if failed.as_ref().is_none_or(|f| n < f.0) {
                    failed = Some((n, e));
                }
            }
        }
    };
    let failed: Vec<(usize, WorkbookError)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut failed: Vec<_> = work().into_iter().collect();
        for other in others {
            failed.extend(other.join().unwrap_or_else(|_| {
                let why = "工作表写入线程异常退出 (thread panicked)";
                Some((0, WorkbookError::Write(why.into())))
            }));
        }
        failed
    });
    match failed.into_iter().min_by_key(|f| f.0) {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// Why a sheet stopped when rust_xlsxwriter panicked: in constant-memory
/// mode it panics when it cannot write a row to its temporary file, in the
/// system's temporary folder (full, or past the file size limit).
fn temporary_file_failed() -> WorkbookError {
    WorkbookError::Write(format!(
        "无法写入临时文件夹 {} (temporary file failed)：磁盘已满或超过文件大小上限 (disk full or file too large)",
        std::env::temp_dir().display()
    ))
}

/// Writes each row as it comes, under the header; a text too long for a
/// cell stops the export, said by sheet, row and column.
fn write_rows<'r>(
    ws: &mut Worksheet,
    sheet: &Sheet,
    rows: impl Iterator<Item = Vec<Value<'r>>>,
    formats: &Formats,
    example: bool,
) -> Result<(), WorkbookError> {
    let (text, date, plain) = if example {
        (
            &formats.example_text,
            &formats.example_date,
            Some(&formats.example),
        )
    } else {
        (&formats.text, &formats.date, None)
    };
    for (r, row) in rows.enumerate() {
        let r = r as u32 + 1;
        if let Some(e) = too_long(sheet, r, &row) {
            return Err(e);
        }
        write_row(ws, sheet, r, row, formats, (text, date, plain)).map_err(write_error)?;
    }
    Ok(())
}

/// The header row, the columns' widths and formats, and the choices of the
/// columns that have them.
fn write_header(ws: &mut Worksheet, sheet: &Sheet, formats: &Formats) -> Result<(), XlsxError> {
    ws.set_name(sheet.name)?;
    ws.set_freeze_panes(1, 0)?;
    for (c, column) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        let header_format = if column.required {
            &formats.required
        } else {
            &formats.header
        };
        ws.write_string_with_format(0, c, column.header(), header_format)?;
        ws.set_column_width(c, width(column.kind, column.name))?;
        if let Some(format) = formats.of_column(column.kind) {
            ws.set_column_format(c, format)?;
        }
        if let Some(choices) = column.kind.choices() {
            let validation = DataValidation::new()
                .allow_list_strings(choices)?
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title(format!("{}的取值", column.name))?
                .set_error_message(format!("应为 {}", column.kind.expected()))?;
            ws.add_data_validation(1, c, LAST_ROW, c, &validation)?;
        }
    }
    Ok(())
}

/// One row of values, each in its column's format (`cell`: text, date, and
/// the example rows' plain format). A cell in its column's own format is
/// written without one: the column's is then the cell's, the same number in
/// the file, and a format need not be looked up (hashed) for each cell.
fn write_row(
    ws: &mut Worksheet,
    sheet: &Sheet,
    r: u32,
    row: Vec<Value>,
    formats: &Formats,
    cell: (&Format, &Format, Option<&Format>),
) -> Result<(), XlsxError> {
    let (text, date, plain) = cell;
    for ((c, value), column) in row.into_iter().enumerate().zip(sheet.columns) {
        let c = c as u16;
        // A date column holds text only where a masked birth is written
        // as its year and month, which must stay text.
        let text_kind = matches!(
            column.kind,
            Kind::Code | Kind::Codes | Kind::Phone | Kind::IdNumber | Kind::Date
        );
        let own = formats.of_column(column.kind);
        let needs = |format: &Format| own.is_none_or(|own| !std::ptr::eq(own, format));
        match value {
            Value::Empty => {}
            Value::Text(s) => {
                let s = s.into_owned();
                match (text_kind, plain) {
                    (true, _) if needs(text) => ws.write_string_with_format(r, c, s, text),
                    (true, _) => ws.write_string(r, c, s),
                    (false, Some(format)) => ws.write_string_with_format(r, c, s, format),
                    (false, None) => ws.write_string(r, c, s),
                }?;
            }
            Value::Number(n) => {
                match plain {
                    Some(format) => ws.write_number_with_format(r, c, n, format),
                    None => ws.write_number(r, c, n),
                }?;
            }
            Value::Date(d) => {
                match excel_date(d) {
                    Some(excel) if needs(date) => ws.write_datetime_with_format(r, c, &excel, date),
                    Some(excel) => ws.write_datetime(r, c, &excel),
                    // Outside Excel's calendar (before 1900): kept as text.
                    None => ws.write_string(r, c, d.format("%Y-%m-%d").to_string()),
                }?;
            }
        }
    }
    Ok(())
}

fn excel_date(date: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok()
}

fn width(kind: Kind, name: &str) -> f64 {
    let by_kind: f64 = match kind {
        Kind::Text => 18.0,
        Kind::Code => 14.0,
        Kind::Codes | Kind::List => 22.0,
        Kind::Date => 12.0,
        Kind::Phone => 14.0,
        Kind::IdNumber => 21.0,
        _ => 9.0,
    };
    // A CJK character is about two columns wide, plus room for the `*`.
    by_kind.max(name.chars().count() as f64 * 2.0 + 3.0)
}

/// The 说明 sheet: how to fill the workbook, then every column of every sheet.
fn write_guide(ws: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    ws.set_name(GUIDE)?;
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 6)?;
    ws.set_column_width(3, 70)?;
    ws.set_column_width(4, 24)?;
    ws.write_string_with_format(0, 0, "gridorg 党建网格导入模板说明", &formats.title)?;
    let notes = [
        "每个工作表的第一行是列名；列的顺序可以调整，列名带 * 的为必填列（列名可带可不带 *）；不认识的列会被忽略并提示。",
        "表头上方可以有合并的标题行（在前 10 行内查找表头）；空行会被跳过。",
        "日期可以写成 2020-05-01、2020/5/1、2020年5月1日、2020.05（当月 1 日），也可以用 Excel 日期。",
        "一格里写多个编码或多项内容时，用 、 , ， 或 ; 分隔。",
        "身份证号和电话请保持「文本」格式：身份证号若被 Excel 存成数字，第 15 位之后的数字会丢失，导入时会报错。",
        "模板每个表的第 2 行是示例，未改动时导入会自动跳过；可以直接覆盖或删除。",
        "组织、网格、党员三个表必须有；联系户、楼栋、共建单位可以没有。",
        "也可以把各表另存为 CSV（UTF-8 或 GBK 编码），文件名用表名（组织.csv、网格.csv、党员.csv …），放在同一个文件夹里导入。",
        "导入时发现的每一处错误都会列出工作表、行号、列名和应填写的内容；有错误时不会生成任何文件。",
    ];
    let mut r = 1;
    for note in notes {
        ws.write_string_with_format(r, 0, format!("{r}. {note}"), &formats.wrap)?;
        r += 1;
    }
    r += 1;
    for (c, head) in ["工作表", "列名", "必填", "说明", "示例"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *head, &formats.header)?;
    }
    for sheet in SHEETS {
        r += 1;
        ws.write_string_with_format(r, 0, sheet.name, &formats.bold)?;
        ws.write_string_with_format(r, 3, sheet.about, &formats.bold)?;
        if !sheet.required {
            ws.write_string_with_format(r, 2, "可选", &formats.bold)?;
        }
        for column in sheet.columns {
            r += 1;
            ws.write_string(r, 0, sheet.name)?;
            ws.write_string(r, 1, column.name)?;
            if column.required {
                ws.write_string(r, 2, "是")?;
            }
            let about = match column.kind.choices() {
                Some(choices) => format!("{}（下拉选择：{}）", column.about, choices.join(" / ")),
                None => column.about.to_string(),
            };
            ws.write_string_with_format(r, 3, about, &formats.wrap)?;
            ws.write_string(r, 4, column.example)?;
        }
    }
    Ok(())
}

/// The rows of each sheet for a document.
struct Rows<'d> {
    document: &'d Document,
    privacy: Privacy,
    unit_codes: FxHashMap<Id, &'d str>,
    grid_codes: FxHashMap<Id, &'d str>,
}

impl<'d> Rows<'d> {
    fn new(document: &'d Document, privacy: Privacy) -> Rows<'d> {
        Rows {
            document,
            privacy,
            unit_codes: document
                .units
                .values()
                .map(|u| (u.id, u.code.as_str()))
                .collect(),
            grid_codes: document
                .grids
                .values()
                .map(|g| (g.id, g.code.as_str()))
                .collect(),
        }
    }

    fn phone(&self, number: Option<&'d str>) -> Value<'d> {
        match self.privacy {
            Privacy::Whole => Value::optional(number),
            Privacy::Masked => Value::owned(self.privacy.phone(number)),
        }
    }

    fn id_number(&self, number: Option<&'d str>) -> Value<'d> {
        match self.privacy {
            Privacy::Whole => Value::optional(number),
            Privacy::Masked => Value::owned(self.privacy.id_number(number)),
        }
    }

    fn unit(&self, id: Id) -> Value<'d> {
        Value::optional(self.unit_codes.get(&id).copied())
    }

    fn units(&self) -> impl Iterator<Item = Vec<Value<'d>>> + '_ {
        tree_order(self.document).into_iter().map(|u| {
            vec![
                Value::text(&u.code),
                Value::text(&u.name),
                Value::text(u.level.label()),
                Value::optional(u.kind_label.as_deref().or(u.org_type.label())),
                u.parent.map_or(Value::Empty, |p| self.unit(p)),
                Value::optional(u.leader.as_deref()),
                self.phone(u.leader_phone.as_deref()),
                Value::date(u.elected),
                Value::count(u.term_years),
            ]
        })
    }

    fn grids(&self) -> impl Iterator<Item = Vec<Value<'d>>> + '_ {
        let mut grids: Vec<_> = self.document.grids.values().collect();
        grids.sort_by(|a, b| {
            crate::order::by_code_then_name((&a.code, &a.name), (&b.code, &b.name))
        });
        grids.into_iter().map(|g| {
            let covering: Vec<String> = g
                .covered_by
                .iter()
                .filter_map(|b| self.unit_codes.get(b).map(|c| c.to_string()))
                .collect();
            vec![
                Value::text(&g.code),
                Value::text(&g.name),
                self.unit(g.community),
                Value::count(g.households),
                Value::count(g.population),
                Value::optional(g.worker.as_deref()),
                self.phone(g.worker_phone.as_deref()),
                Value::joined(&covering),
                Value::joined(&g.compounds),
            ]
        })
    }

    fn members(&self) -> impl Iterator<Item = Vec<Value<'d>>> + '_ {
        let yes_no = |b: bool| Value::text(if b { "是" } else { "否" });
        self.document.members.values().map(move |m| {
            vec![
                Value::text(&m.name),
                Value::optional(m.gender.map(|g| g.label())),
                Value::optional(m.ethnicity.as_deref()),
                match self.privacy {
                    Privacy::Whole => Value::date(m.birth),
                    Privacy::Masked => Value::owned(self.privacy.birth(m.birth)),
                },
                self.id_number(m.id_number.as_deref()),
                Value::optional(m.education.as_deref()),
                Value::date(m.joined),
                Value::date(m.full_since),
                Value::text(m.category.label()),
                self.unit(m.unit),
                Value::joined(&m.positions),
                self.phone(m.phone.as_deref()),
                Value::optional(m.workplace.as_deref()),
                yes_no(m.in_service),
                yes_no(m.mobile),
            ]
        })
    }

    fn households(&self) -> impl Iterator<Item = Vec<Value<'d>>> + '_ {
        self.document.households.values().map(|h| {
            vec![
                self.unit(h.linked_by),
                Value::text(&h.head),
                Value::optional(h.address.as_deref()),
                Value::count(h.people),
                self.phone(h.phone.as_deref()),
            ]
        })
    }

    fn buildings(&self) -> impl Iterator<Item = Vec<Value<'d>>> + '_ {
        self.document.buildings.values().map(|b| {
            vec![
                Value::text(&b.code),
                Value::text(&b.name),
                Value::optional(self.grid_codes.get(&b.grid).copied()),
                Value::count(b.households),
                b.covered_by.map_or(Value::Empty, |g| self.unit(g)),
            ]
        })
    }

    fn co_builders(&self) -> impl Iterator<Item = Vec<Value<'d>>> + '_ {
        self.document.co_builders.values().map(|c| {
            vec![
                Value::text(&c.name),
                Value::optional(c.kind.as_deref()),
                self.unit(c.joins),
            ]
        })
    }
}

/// Units parents first: each street followed by its subtree, children in
/// natural code order.
fn tree_order(document: &Document) -> Vec<&Unit> {
    let graph = Graph::units(document);
    let tree = graph.tree();
    // Only a document with a cycle (which validation refuses) has strays; its
    // units are still written, after the others.
    tree.in_order()
        .iter()
        .chain(tree.strays())
        .filter_map(|id| document.units.get(id))
        .collect()
}
