//! The tables as text for a terminal: one block per breakdown, columns
//! aligned by display width (a Chinese character takes two columns).

use super::{Report, Row, Table, TABLES};
use crate::controls::escape;

/// The report as text: a heading, then each table.
pub fn to_text(report: &Report) -> String {
    let mut out = format!(
        "{} — 党内统计 (report)：{}，统计日期 {}\n",
        escape(&report.title),
        escape(&report.scope_label()),
        report.today
    );
    for table in &TABLES {
        out.push('\n');
        out.push_str(&table_text(report, table));
    }
    out
}

fn table_text(report: &Report, table: &Table) -> String {
    // Codes and names come from the document: escaped, so none can drive
    // the terminal or start a line of its own.
    let label = |row: &Row| {
        if row.code.is_empty() {
            escape(&row.name).into_owned()
        } else {
            format!("{} {}", escape(&row.code), escape(&row.name))
        }
    };
    let mut lines: Vec<Vec<String>> = vec![std::iter::once("单位".to_string())
        .chain(table.columns.iter().map(|c| c.label.to_string()))
        .chain(table.percents.iter().map(|p| p.label.to_string()))
        .collect()];
    for row in report.all_rows() {
        lines.push(
            std::iter::once(label(row))
                .chain(
                    table
                        .columns
                        .iter()
                        .map(|c| (c.read)(&row.counts).to_string()),
                )
                .chain(table.percents.iter().map(|p| p.shown(&row.counts)))
                .collect(),
        );
    }
    let widths: Vec<usize> = (0..lines[0].len())
        .map(|i| lines.iter().map(|l| width(&l[i])).max().unwrap_or(0))
        .collect();
    let mut out = format!("【{}】\n", table.title);
    for line in &lines {
        let mut text = String::new();
        for (i, cell) in line.iter().enumerate() {
            let pad = " ".repeat(widths[i] - width(cell));
            if i == 0 {
                text.push_str(cell);
                text.push_str(&pad);
            } else {
                text.push_str("  ");
                text.push_str(&pad);
                text.push_str(cell);
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// The columns `text` takes in a terminal: two for a wide (East Asian)
/// character, one for any other.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::width;

    #[test]
    fn chinese_characters_take_two_columns() {
        assert_eq!(width("合计"), 4);
        assert_eq!(width("J01 西园"), 8);
        assert_eq!(width("—"), 1);
    }
}
