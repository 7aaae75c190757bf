//! The statistics tables printed for a meeting ([`crate::report`]): A4
//! landscape, each breakdown a table of its own starting on a new page, a
//! horizontal bar chart of its 合计 beside the table's first page, the scope
//! and report date in the header and 第 N 页 共 M 页 in the footer.

use super::sheet::{Item, Page, Rgb};
use super::table::{page_frame, Frame};
use super::text::{FontSource, TextFont};
use super::write::Writer;
use super::{Paper, PdfError, PT_PER_MM};
use crate::report::{Report, Row, Table, TABLES};
use std::io::Write;

/// A printed report, ready to save.
#[derive(Debug, Clone)]
pub struct Printed {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// Pages.
    pub pages: usize,
}

const SIZE: f32 = 8.0;
const ROW: f32 = 14.0;
const MARGIN: f32 = 12.0 * PT_PER_MM;
/// Where the table (and chart) begin, under the page header.
const TOP: f32 = MARGIN + 44.0;
const FOOTER: f32 = 24.0;
const NAME_WIDTH: f32 = 130.0;
/// The share of the page's width a table takes at most: the rest is its chart's.
const TABLE_SHARE: f32 = 0.64;
const PERCENT_WIDTH: f32 = 56.0;
const GAP: f32 = 18.0;
const RULE: Rgb = Rgb(150, 150, 150);
const HEAD_FILL: Rgb = Rgb(225, 229, 236);
const TOTAL_FILL: Rgb = Rgb(244, 236, 222);
const BAR: Rgb = Rgb(196, 43, 28);

/// Prints `report` with `font`.
pub fn print(report: &Report, font: &FontSource) -> Result<Printed, PdfError> {
    let (bytes, pages) = print_to(report, font, Vec::new())?;
    Ok(Printed { bytes, pages })
}

/// [`print`] written to `out` a page at a time; gives `out` back with the
/// number of pages.
pub fn print_to<W: Write>(
    report: &Report,
    font: &FontSource,
    out: W,
) -> Result<(W, usize), PdfError> {
    let measure = font.measure()?;
    let (width, height) = Paper::A4.oriented(true);
    let rows: Vec<&Row> = report.all_rows().collect();
    let per_page = (((height - TOP - MARGIN - FOOTER) / ROW).floor() as usize)
        .saturating_sub(1)
        .max(1);
    let total = TABLES.len() * rows.len().div_ceil(per_page);
    let subject = format!("{}　统计日期 {}", report.scope_label(), report.today);
    let title = format!("{} 党内统计", report.title);
    let mut writer = Writer::new(out, &title, font, total, super::Watch::none())?;
    for table in &TABLES {
        for (k, chunk) in rows.chunks(per_page).enumerate() {
            let mut page = Page::new(width, height);
            let right = table_page(&mut page, &measure, table, chunk, width);
            if k == 0 {
                let room = width - MARGIN - right - GAP;
                chart(&mut page, &measure, table, &report.total, right + GAP, room);
            }
            let kind = format!("党内统计　{}", table.title);
            let frame = Frame {
                document: &report.title,
                kind: &kind,
                subject: &subject,
                printed: report.today,
            };
            page_frame(&mut page, &measure, &frame, (MARGIN, width - 2.0 * MARGIN));
            writer.page(page)?;
        }
    }
    Ok((writer.finish()?, total))
}

/// Draws the table's header and `rows`; returns where the table ends on the right.
fn table_page(page: &mut Page, font: &TextFont, table: &Table, rows: &[&Row], width: f32) -> f32 {
    let room = (width - 2.0 * MARGIN) * TABLE_SHARE
        - NAME_WIDTH
        - PERCENT_WIDTH * table.percents.len() as f32;
    let count_width = (room / table.columns.len() as f32).clamp(32.0, 52.0);
    let mut edges = vec![MARGIN, MARGIN + NAME_WIDTH];
    for _ in table.columns {
        edges.push(edges[edges.len() - 1] + count_width);
    }
    for _ in table.percents {
        edges.push(edges[edges.len() - 1] + PERCENT_WIDTH);
    }
    let right = edges[edges.len() - 1];
    // The header: two lines where a label is long.
    let head_height = 2.0 * ROW;
    page.rect(
        MARGIN,
        TOP,
        right - MARGIN,
        head_height,
        Some(HEAD_FILL),
        None,
    );
    let labels = std::iter::once("单位")
        .chain(table.columns.iter().map(|c| c.label))
        .chain(table.percents.iter().map(|p| p.label));
    for (i, label) in labels.enumerate() {
        let room = edges[i + 1] - edges[i] - 4.0;
        let lines = font.wrap(label, SIZE, room);
        let top = TOP + (head_height - lines.len() as f32 * (SIZE + 2.0)) / 2.0 + SIZE;
        for (k, line) in lines.iter().take(2).enumerate() {
            let x = edges[i] + (edges[i + 1] - edges[i] - font.width(line, SIZE)) / 2.0;
            page.text(x, top + k as f32 * (SIZE + 2.0), SIZE, line, Rgb::BLACK);
        }
    }
    let mut y = TOP + head_height;
    for row in rows {
        if row.code.is_empty() {
            page.rect(MARGIN, y, right - MARGIN, ROW, Some(TOTAL_FILL), None);
        }
        let counts = table
            .columns
            .iter()
            .map(|c| (c.read)(&row.counts).to_string())
            .chain(table.percents.iter().map(|p| p.shown(&row.counts)));
        let mut cells = vec![(MARGIN + 3.0, font.fit(&row.name, SIZE, NAME_WIDTH - 6.0))];
        for (i, text) in counts.enumerate() {
            let x = edges[i + 2] - 3.0 - font.width(&text, SIZE);
            cells.push((x, text));
        }
        page.items.push(Item::Row {
            y: y + ROW - 4.0,
            size: SIZE,
            cells,
            color: Rgb::BLACK,
        });
        y += ROW;
        page.line(vec![(MARGIN, y), (right, y)], RULE, 0.4);
    }
    page.line(vec![(MARGIN, TOP), (right, TOP)], RULE, 0.6);
    for &x in &edges {
        page.line(vec![(x, TOP), (x, y)], RULE, 0.4);
    }
    right
}

/// The bar chart of the table's 合计: a bar per category, its count after it.
fn chart(page: &mut Page, font: &TextFont, table: &Table, total: &Row, left: f32, room: f32) {
    let bars: Vec<(&str, u32)> = table
        .columns
        .iter()
        .filter(|c| c.charted)
        .map(|c| (c.label, (c.read)(&total.counts)))
        .collect();
    let most = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let label_width = 84.0_f32.min(room * 0.45);
    let value_room = 44.0;
    let bar_room = (room - label_width - value_room).max(10.0);
    let heading = format!("{}（合计）", table.title);
    page.text(left, TOP + SIZE + 1.0, 9.0, heading, Rgb::BLACK);
    let mut y = TOP + 2.0 * ROW;
    page.line(
        vec![
            (left + label_width, y - 4.0),
            (left + label_width, y + bars.len() as f32 * ROW * 1.3),
        ],
        RULE,
        0.5,
    );
    for (label, value) in bars {
        page.text(
            left,
            y + ROW - 4.0,
            SIZE,
            font.fit(label, SIZE, label_width - 4.0),
            Rgb::BLACK,
        );
        let w = bar_room * value as f32 / most as f32;
        if value > 0 {
            page.rect(
                left + label_width,
                y + 2.0,
                w.max(0.8),
                ROW - 2.0,
                Some(BAR),
                None,
            );
        }
        page.text(
            left + label_width + w + 3.0,
            y + ROW - 4.0,
            SIZE,
            value.to_string(),
            Rgb::GREY,
        );
        y += ROW * 1.3;
    }
}
