//! The tables as an Excel workbook: one sheet per breakdown, a header row,
//! a row per community and street, then 合计 — counts as numbers, so staff
//! can sum and chart them; percentages as numbers shown to one decimal
//! (`—` for a row without members).

use super::{Report, TABLES};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatBorder, Workbook, XlsxError};

/// Why the workbook could not be made (a bug, not bad input).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("无法生成工作簿 (workbook error): {0}")]
pub struct WorkbookError(String);

/// The workbook's bytes.
pub fn to_xlsx(report: &Report) -> Result<Vec<u8>, WorkbookError> {
    build(report).map_err(|e| WorkbookError(e.to_string()))
}

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let total = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0");
    let total_percent = Format::new().set_bold().set_num_format("0.0");
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(format!(
        "{} 党内统计 {} {}",
        report.title,
        report.scope_label(),
        report.today
    )));
    for table in &TABLES {
        let ws = workbook.add_worksheet();
        ws.set_name(table.title)?;
        let headings = ["编码", "名称"]
            .into_iter()
            .chain(table.columns.iter().map(|c| c.label))
            .chain(table.percents.iter().map(|p| p.label));
        for (col, heading) in headings.enumerate() {
            ws.write_string_with_format(0, col as u16, heading, &header)?;
        }
        ws.set_column_width(0, 14)?;
        ws.set_column_width(1, 24)?;
        for col in 2..2 + table.columns.len() + table.percents.len() {
            ws.set_column_width(col as u16, 11)?;
        }
        ws.set_freeze_panes(1, 2)?;
        for (i, row) in report.all_rows().enumerate() {
            let r = i as u32 + 1;
            let last = row.code.is_empty();
            ws.write_string(r, 0, &row.code)?;
            if last {
                ws.write_string_with_format(r, 1, &row.name, &total)?;
            } else {
                ws.write_string(r, 1, &row.name)?;
            }
            for (j, column) in table.columns.iter().enumerate() {
                let n = f64::from((column.read)(&row.counts));
                let col = 2 + j as u16;
                if last {
                    ws.write_number_with_format(r, col, n, &total)?;
                } else {
                    ws.write_number(r, col, n)?;
                }
            }
            for (j, p) in table.percents.iter().enumerate() {
                let col = (2 + table.columns.len() + j) as u16;
                let format = if last { &total_percent } else { &percent };
                match p.tenths(&row.counts) {
                    Some(t) => ws.write_number_with_format(r, col, f64::from(t) / 10.0, format)?,
                    None => ws.write_string(r, col, "—")?,
                };
            }
        }
    }
    workbook.save_to_buffer()
}
