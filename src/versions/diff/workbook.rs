//! The change report as an Excel workbook: 变动明细 (one row a change, by
//! community and topic, to filter and sort) and 数量平衡 (units and members
//! per community: 上期, 增加, 减少, 本期 as numbers, with 合计).

use super::report::Report;
use super::text::{field_label, shown};
use super::{How, Record};
use crate::controls::escape;
use rust_xlsxwriter::{Color, DocProperties, Format, FormatBorder, Workbook, Worksheet, XlsxError};

/// The 变动明细 columns and their widths.
const CHANGE_COLUMNS: [(&str, f64); 10] = [
    ("社区编码", 12.0),
    ("社区名称", 22.0),
    ("类别", 16.0),
    ("记录", 8.0),
    ("编码", 18.0),
    ("名称", 26.0),
    ("变动", 10.0),
    ("字段", 12.0),
    ("原值", 24.0),
    ("新值", 24.0),
];

/// The 数量平衡 columns.
const BALANCE_COLUMNS: [&str; 10] = [
    "编码",
    "名称",
    "组织 上期",
    "组织 增加",
    "组织 减少",
    "组织 本期",
    "党员 上期",
    "党员 增加",
    "党员 减少",
    "党员 本期",
];

fn record_label(record: Record) -> &'static str {
    match record {
        Record::Unit => "组织",
        Record::Grid => "网格",
        Record::Building => "楼栋",
        Record::Member => "党员",
        Record::Household => "联系户",
        Record::CoBuilder => "共建单位",
    }
}

fn how_label(how: How) -> &'static str {
    match how {
        How::Added => "新增",
        How::Removed => "删除",
        How::Moved => "调整隶属",
        How::Changed => "修改",
    }
}

/// The workbook's bytes.
pub fn workbook(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_num_format("@");
    let bold = Format::new().set_bold();
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(format!("{} 变动报告", report.title)));
    let sheet = workbook.add_worksheet();
    sheet.set_name("变动明细")?;
    heading(sheet, &CHANGE_COLUMNS.map(|c| c.0), &header)?;
    for (c, (_, width)) in CHANGE_COLUMNS.iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    let mut r = 1;
    for (place, topics) in report.places() {
        let (code, name) = place
            .as_ref()
            .map_or((String::new(), "未归属".to_string()), |p| {
                (p.code.clone(), p.name.clone())
            });
        for (topic, lines) in topics {
            for line in lines {
                let c = &line.change;
                let (from, to) = match (c.how, c.field, &c.moved_names) {
                    (How::Moved, _, Some((from_name, to_name))) => (
                        format!("{} {from_name}", shown("", &c.from)),
                        format!("{} {to_name}", shown("", &c.to)),
                    ),
                    (How::Changed, Some(field), _) => {
                        // Masked alike: the new value says which hidden part differs.
                        let note = line.differs.as_ref().map(|part| format!("（{part}不同）"));
                        (
                            shown(field, &c.from),
                            shown(field, &c.to) + note.as_deref().unwrap_or_default(),
                        )
                    }
                    _ => (String::new(), String::new()),
                };
                let field = c.field.map(|f| field_label(c, f)).unwrap_or_default();
                let cells = [
                    code.as_str(),
                    name.as_str(),
                    topic.label(),
                    record_label(c.record),
                    &c.code,
                    &c.name,
                    how_label(c.how),
                    &field,
                    &from,
                    &to,
                ];
                for (col, value) in cells.iter().enumerate() {
                    if !value.is_empty() {
                        sheet.write_string_with_format(r, col as u16, escape(value), &text)?;
                    }
                }
                r += 1;
            }
        }
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name("数量平衡")?;
    heading(sheet, &BALANCE_COLUMNS, &header)?;
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 26)?;
    for c in 2..BALANCE_COLUMNS.len() as u16 {
        sheet.set_column_width(c, 10)?;
    }
    let rows = report.balance.rows.iter().chain([&report.balance.total]);
    let last = report.balance.rows.len() as u32 + 1;
    for (i, row) in rows.enumerate() {
        let r = i as u32 + 1;
        let (code, name) = match &row.place {
            _ if r == last => (String::new(), "合计".to_string()),
            Some(p) if p.street => (p.code.clone(), format!("{}（街道本级）", p.name)),
            Some(p) => (p.code.clone(), p.name.clone()),
            None => (String::new(), "未归属".to_string()),
        };
        let format = if r == last { &bold } else { &text };
        sheet.write_string_with_format(r, 0, escape(&code), format)?;
        sheet.write_string_with_format(r, 1, escape(&name), format)?;
        let figures = [
            row.units.before,
            row.units.added,
            row.units.removed,
            row.units.after,
            row.members.before,
            row.members.added,
            row.members.removed,
            row.members.after,
        ];
        for (k, n) in figures.iter().enumerate() {
            sheet.write_number(r, k as u16 + 2, *n as f64)?;
        }
    }
    workbook.save_to_buffer()
}

fn heading(sheet: &mut Worksheet, titles: &[&str], format: &Format) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    for (c, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *title, format)?;
    }
    Ok(())
}
