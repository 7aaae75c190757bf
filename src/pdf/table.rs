//! Paginated tables with unit headings, for rosters: the header row repeated
//! on every page, cell text wrapped with row heights following, a page header
//! and a "第 N 页 共 M 页" footer.

use super::sheet::{Item, Numbering, Page, Rgb};
use super::text::{FontSource, TextFont};
use super::{PdfError, PT_PER_MM};
use std::borrow::Cow;

/// A column: its title and width in points.
pub struct Column {
    /// Header text.
    pub title: &'static str,
    /// Width in points.
    pub width: f32,
}

/// Rows under a heading (a unit, a central household). A cell borrows what
/// the document holds as it is printed (a name, a code) and owns what is made
/// for the printout (a number, a masked ID).
#[derive(Clone)]
pub struct Group<'a> {
    /// The heading's text, left.
    pub heading: String,
    /// Figures printed at the heading's right (subtotals).
    pub subtotal: String,
    /// The cells of each row, one per column.
    pub rows: Vec<Vec<Cow<'a, str>>>,
}

/// What the page header and footer say.
pub struct Frame<'a> {
    /// The document's title.
    pub document: &'a str,
    /// What the printout is ("党员花名册").
    pub kind: &'a str,
    /// Whose it is (a unit's name, or 全部).
    pub subject: &'a str,
    /// The print date.
    pub printed: chrono::NaiveDate,
}

const SIZE: f32 = 7.5;
const HEADING_SIZE: f32 = 8.5;
const LINE: f32 = SIZE * 1.3;
const PAD: f32 = 3.0;
const MARGIN: f32 = 12.0 * PT_PER_MM;
const HEADER_BAND: f32 = 34.0;
const FOOTER_BAND: f32 = 20.0;
const RULE: Rgb = Rgb(150, 150, 150);

/// The fewest pages `rows` rows can take on pages of `size` (points): every
/// row one line high, no headings. Known before any row is laid out.
pub fn fewest_pages(rows: usize, size: (f32, f32)) -> usize {
    let one_line = LINE + 2.0 * PAD;
    let room = size.1 - 2.0 * MARGIN - HEADER_BAND - FOOTER_BAND - one_line;
    let per_page = ((room / one_line).floor() as usize).max(1);
    rows.div_ceil(per_page)
}

/// A printout's groups, each made as it is laid out: a group's rows exist
/// only while it is laid out, so a city's rows are never all held.
pub trait Groups {
    /// The rows of all groups.
    fn rows(&self) -> usize;
    /// Calls `visit` with each group in order, stopping at its first error.
    fn each(
        &self,
        visit: &mut dyn FnMut(Group<'_>) -> Result<(), PdfError>,
    ) -> Result<(), PdfError>;
}

impl Groups for Vec<Group<'_>> {
    fn rows(&self) -> usize {
        self.iter().map(|g| g.rows.len()).sum()
    }

    fn each(
        &self,
        visit: &mut dyn FnMut(Group<'_>) -> Result<(), PdfError>,
    ) -> Result<(), PdfError> {
        self.iter().cloned().try_for_each(visit)
    }
}

/// Widens column `at` to hold the widest of `cells` (its cells) on one line
/// (a 序号 of six digits at city scale), taking the room from the widest other
/// column, so the table keeps its width on the paper.
pub fn fit_column<S: AsRef<str>>(
    columns: &mut [Column],
    at: usize,
    cells: impl IntoIterator<Item = S>,
    font: &TextFont,
) {
    let widest = cells
        .into_iter()
        .map(|cell| font.width(cell.as_ref(), SIZE))
        .fold(0.0, f32::max);
    let short = widest + 2.0 * PAD - columns[at].width;
    let giver = (0..columns.len())
        .filter(|&i| i != at)
        .max_by(|&a, &b| columns[a].width.total_cmp(&columns[b].width));
    if let Some(giver) = giver.filter(|_| short > 0.0) {
        columns[at].width += short;
        columns[giver].width -= short;
    }
}

/// One table of a printout: its columns and its rows under headings.
pub struct Section<'a> {
    /// The columns.
    pub columns: &'a [Column],
    /// The rows under their headings.
    pub groups: &'a (dyn Groups + Sync),
}

/// How many pages the layout may run ahead of the writer: enough that
/// neither waits on the other for each page (at 4 pages, a city's household
/// roster took a sixth longer, its threads woken and put to sleep page by
/// page), a megabyte or so.
const AHEAD: usize = 64;

/// Lays `sections` out, each starting on a page of its own, and hands each
/// page with its header and footer to `page`, made by `make` first, with an
/// estimate of the pages in all (from the rows laid out so far). Returns the
/// pages made. The page numbers ("第 N 页 共 M 页") are left to the writer,
/// which knows M at the end: one pass makes the pages, and they are written
/// as they are made. The layout and `make` run on a thread of their own, up
/// to [`AHEAD`] pages ahead of `page`, so that laying out and making the next
/// page and writing the last share the two cores.
pub fn draw<T: Send>(
    frame: &Frame,
    sections: &[Section],
    font: &FontSource,
    size: (f32, f32),
    make: &(dyn Fn(Page, &TextFont) -> T + Sync),
    page: &mut dyn FnMut(T, usize) -> Result<(), PdfError>,
) -> Result<usize, PdfError> {
    let (to, laid) = std::sync::mpsc::sync_channel::<(T, usize)>(AHEAD);
    let rows = sections.iter().map(|s| s.groups.rows()).sum();
    std::thread::scope(|scope| {
        let layout = scope.spawn(move || -> Result<usize, PdfError> {
            let font = font.measure()?;
            let mut progress = Progress {
                pages: 0,
                rows: (0, rows),
            };
            // The receiver gone, the pages are not wanted any more.
            let mut hand_on = |laid: Page, font: &TextFont, expected: usize| {
                to.send((make(laid, font), expected))
                    .map_err(|_| PdfError::Cancelled)
            };
            for section in sections {
                lay_out(section, &font, size, frame, &mut progress, &mut hand_on)?;
            }
            Ok(progress.pages)
        });
        let written = laid
            .into_iter()
            .try_for_each(|(made, expected)| page(made, expected));
        // On a failed write the receiver is gone now, which stops the layout.
        let drawn = layout
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written.and(drawn)
    })
}

/// How far the layout has come through all sections.
struct Progress {
    /// Pages finished.
    pages: usize,
    /// Rows laid out, and rows in all.
    rows: (usize, usize),
}

impl Progress {
    /// The pages in all, guessed from the pages the rows so far took.
    fn expected(&self) -> usize {
        let (done, all) = self.rows;
        if done == 0 {
            return self.pages;
        }
        let guess = (self.pages as f64 * all as f64 / done as f64).ceil() as usize;
        guess.max(self.pages)
    }
}

/// Where finished pages go, with the pages expected in all.
type HandOn<'h> = dyn FnMut(Page, &TextFont, usize) -> Result<(), PdfError> + 'h;

/// One table's pages, drawn and handed on.
fn lay_out(
    section: &Section,
    font: &TextFont,
    size: (f32, f32),
    frame: &Frame,
    progress: &mut Progress,
    hand_on: &mut HandOn,
) -> Result<(), PdfError> {
    let columns = section.columns;
    let width: f32 = columns.iter().map(|c| c.width).sum();
    let left = (size.0 - width) / 2.0;
    let top = MARGIN + HEADER_BAND;
    let bottom = size.1 - MARGIN - FOOTER_BAND;
    let titles = columns.iter().map(|c| Cow::Borrowed(c.title)).collect();
    let header = wrap_row(font, columns, titles, usize::MAX);
    let header_height = height(&header);
    let heading_height = HEADING_SIZE * 1.3 + 2.0 * PAD;
    // A cell may hold no more lines than a page under its header and a
    // heading has room for: the rest is cut, with "…".
    let most_lines = ((bottom - top - header_height - heading_height - 2.0 * PAD) / LINE)
        .floor()
        .max(1.0) as usize;
    let mut layout = Layout {
        frame,
        progress,
        hand_on,
        page: Page::new(size.0, size.1),
        y: 0.0,
        left,
        width,
        edges: columns
            .iter()
            .scan(left, |x, c| {
                *x += c.width;
                Some(*x)
            })
            .chain([left])
            .collect(),
        block: None,
    };
    let start_page = |layout: &mut Layout| {
        layout.page = Page::new(size.0, size.1);
        layout.y = top;
        layout.block = Some(top);
        layout
            .page
            .line(vec![(left, top), (left + width, top)], RULE, 0.4);
        draw_row(
            &mut layout.page,
            columns,
            header.clone(),
            left,
            layout.y,
            Some(Rgb(225, 229, 236)),
        );
        layout.y += header_height;
    };
    start_page(&mut layout);
    section.groups.each(&mut |group| {
        let mut rows = group.rows.into_iter().map(|r| {
            let lines = wrap_row(font, columns, r, most_lines);
            (height(&lines), lines)
        });
        let mut first = rows.next();
        // A heading stays with its first row.
        let first_height = first.as_ref().map_or(0.0, |r| r.0);
        if layout.y + heading_height + first_height > bottom && layout.y > top + header_height {
            layout.finish_page(font)?;
            start_page(&mut layout);
        }
        layout.heading(font, &group.heading, &group.subtotal, heading_height);
        while let Some((h, row)) = first.take().or_else(|| rows.next()) {
            if layout.y + h > bottom && layout.y > top + header_height + heading_height {
                layout.finish_page(font)?;
                start_page(&mut layout);
                layout.heading(
                    font,
                    &format!("{}（续）", group.heading),
                    "",
                    heading_height,
                );
            }
            layout.block.get_or_insert(layout.y);
            draw_row(&mut layout.page, columns, row, left, layout.y, None);
            layout.y += h;
            layout.progress.rows.0 += 1;
        }
        Ok(())
    })?;
    layout.finish_page(font)
}

/// The page being filled and where finished pages go.
struct Layout<'l, 'h> {
    frame: &'l Frame<'l>,
    progress: &'l mut Progress,
    hand_on: &'l mut HandOn<'h>,
    page: Page,
    y: f32,
    left: f32,
    width: f32,
    /// Column edges, from the left.
    edges: Vec<f32>,
    /// Where the current run of rows began.
    block: Option<f32>,
}

impl Layout<'_, '_> {
    /// Draws the column rules of the rows since the run began.
    fn close_block(&mut self) {
        if let Some(top) = self.block.take() {
            for &x in &self.edges {
                self.page.line(vec![(x, top), (x, self.y)], RULE, 0.4);
            }
        }
    }

    fn heading(&mut self, font: &TextFont, text: &str, subtotal: &str, h: f32) {
        self.close_block();
        let page = &mut self.page;
        page.rect(
            self.left,
            self.y,
            self.width,
            h,
            Some(Rgb(244, 236, 222)),
            Some((RULE, 0.5)),
        );
        let baseline = self.y + PAD + HEADING_SIZE;
        let sub_width = font.width(subtotal, HEADING_SIZE);
        let room = self.width - sub_width - 4.0 * PAD;
        page.text(
            self.left + PAD,
            baseline,
            HEADING_SIZE,
            font.fit(text, HEADING_SIZE, room),
            Rgb::BLACK,
        );
        page.text(
            self.left + self.width - PAD - sub_width,
            baseline,
            HEADING_SIZE,
            subtotal,
            Rgb::BLACK,
        );
        self.y += h;
    }

    fn finish_page(&mut self, font: &TextFont) -> Result<(), PdfError> {
        self.close_block();
        self.progress.pages += 1;
        let mut made = std::mem::replace(&mut self.page, Page::new(0.0, 0.0));
        page_frame(&mut made, font, self.frame, (self.left, self.width));
        (self.hand_on)(made, font, self.progress.expected())
    }
}

/// Each cell's lines, at most `most`; a cell cut short ends in "…".
fn wrap_row(
    font: &TextFont,
    columns: &[Column],
    cells: Vec<Cow<'_, str>>,
    most: usize,
) -> Vec<Vec<String>> {
    columns
        .iter()
        .zip(cells)
        .map(|(c, text)| {
            let width = c.width - 2.0 * PAD;
            let mut lines = font.wrap(text, SIZE, width);
            if lines.len() > most {
                lines.truncate(most);
                if let Some(last) = lines.last_mut() {
                    *last = font.fit(&format!("{last}……"), SIZE, width);
                }
            }
            lines
        })
        .collect()
}

fn height(row: &[Vec<String>]) -> f32 {
    row.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * LINE + 2.0 * PAD
}

/// A row's cells and its bottom rule (the column rules are drawn once for each
/// run of rows: see [`Layout::close_block`]).
fn draw_row(
    page: &mut Page,
    columns: &[Column],
    row: Vec<Vec<String>>,
    left: f32,
    y: f32,
    fill: Option<Rgb>,
) {
    let h = height(&row);
    let width: f32 = columns.iter().map(|c| c.width).sum();
    if fill.is_some() {
        page.rect(left, y, width, h, fill, None);
    }
    let lines = row.iter().map(Vec::len).max().unwrap_or(0);
    // Each cell's lines, taken first to last.
    let mut cells: Vec<(f32, std::vec::IntoIter<String>)> = columns
        .iter()
        .scan(left, |x, c| {
            let start = *x;
            *x += c.width;
            Some(start + PAD)
        })
        .zip(row)
        .map(|(x, cell)| (x, cell.into_iter()))
        .collect();
    for k in 0..lines {
        let line = cells
            .iter_mut()
            .filter_map(|(x, cell)| cell.next().map(|text| (*x, text)))
            .collect();
        page.items.push(Item::Row {
            y: y + PAD + SIZE + k as f32 * LINE,
            size: SIZE,
            cells: line,
            color: Rgb::BLACK,
        });
    }
    let x = left + width;
    page.line(vec![(left, y + h), (x, y + h)], RULE, 0.4);
}

/// The header (document, kind, subject) and footer (page numbers, print
/// date; the numbers printed by the writer at the end).
pub(super) fn page_frame(
    page: &mut Page,
    font: &TextFont,
    frame: &Frame,
    (left, width): (f32, f32),
) {
    let right = left + width;
    let kind_width = font.width(frame.kind, 15.0);
    page.text(
        (page.width - kind_width) / 2.0,
        MARGIN + 16.0,
        15.0,
        frame.kind,
        Rgb::BLACK,
    );
    let side = (width - kind_width) / 2.0 - 12.0;
    page.text(
        left,
        MARGIN + 15.0,
        8.5,
        font.fit(frame.document, 8.5, side),
        Rgb::GREY,
    );
    let subject = font.fit(frame.subject, 8.5, side);
    let subject_width = font.width(&subject, 8.5);
    page.text(
        right - subject_width,
        MARGIN + 15.0,
        8.5,
        subject,
        Rgb::GREY,
    );
    let base = page.height - MARGIN - 4.0;
    page.numbering = Some(Numbering {
        baseline: base,
        size: 8.0,
    });
    let date = format!("打印日期 {}", frame.printed);
    let date_width = font.width(&date, 8.0);
    page.text(right - date_width, base, 8.0, date, Rgb::GREY);
}
