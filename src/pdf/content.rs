//! A page's content stream (ISO 32000-1 §8, §9.4): its items as PDF operators,
//! text encoded straight into glyph codes, colours, widths and the font size
//! set only when they change.
//!
//! Lengths are written in hundredths of a point, as whole numbers, under a
//! `0.01 0 0 0.01 0 0 cm` that the stream sets up and takes down again
//! (`q … Q`, so that a second stream of the page starts afresh): a whole
//! number is written several times faster than a fraction, and shorter,
//! which the compressor then feels too. Nothing moves by more than half a
//! hundredth of a point.

use super::glyphs::Glyphs;
use super::operators::Stream;
use super::sheet::{Item, Page, Rgb};
use super::text::TextFont;
use pdf_writer::Name;

/// The name the page resources give the font.
pub(super) const FONT: Name<'static> = Name(b"F1");

/// Hundredths of a point in a point.
const UNITS: f32 = 100.0;

/// `points` in hundredths, whole.
fn units(points: f32) -> f32 {
    (points * UNITS).round()
}

/// The content stream of `page`, uncompressed.
pub(super) fn content(page: Page, font: &TextFont<'_>, glyphs: &mut Glyphs) -> Vec<u8> {
    let mut ops = Ops {
        // About what an item takes written, so the buffer seldom grows.
        content: Stream::with_capacity(64 * page.items.len()),
        font,
        glyphs,
        scratch: Vec::new(),
        spans: Vec::new(),
        height: page.height,
        in_text: false,
        fill: None,
        stroke: None,
        size: None,
        dashed: false,
    };
    ops.content.save_state();
    ops.content
        .transform([1.0 / UNITS, 0.0, 0.0, 1.0 / UNITS, 0.0, 0.0]);
    for item in page.items {
        ops.add(item);
    }
    ops.end_text();
    ops.content.restore_state();
    ops.content.finish()
}

/// A page's operators so far, and the graphics state they leave.
struct Ops<'p, 'f> {
    content: Stream,
    /// Measures the gaps between a row's cells.
    font: &'p TextFont<'f>,
    glyphs: &'p mut Glyphs,
    /// A text's codes, reused from one text to the next.
    scratch: Vec<u8>,
    /// A row's cells in `scratch` (start, end) and the gap before each,
    /// reused from one row to the next.
    spans: Vec<(usize, usize, f32)>,
    height: f32,
    in_text: bool,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
    size: Option<f32>,
    dashed: bool,
}

fn parts(c: Rgb) -> (f32, f32, f32) {
    (
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
    )
}

impl Ops<'_, '_> {
    fn end_text(&mut self) {
        if self.in_text {
            self.content.end_text();
            self.in_text = false;
        }
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            let (r, g, b) = parts(c);
            self.content.set_fill_rgb(r, g, b);
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32, dashed: bool) {
        if self.stroke != Some((c, width)) {
            let (r, g, b) = parts(c);
            self.content.set_stroke_rgb(r, g, b);
            self.content.set_line_width(units(width));
            self.stroke = Some((c, width));
        }
        if self.dashed != dashed {
            if dashed {
                let unit = width.max(0.5);
                self.content
                    .set_dash_pattern(&[units(4.0 * unit), units(3.0 * unit)]);
            } else {
                self.content.set_dash_pattern(&[]);
            }
            self.dashed = dashed;
        }
    }

    /// A rectangle given from its top-left corner, as a path.
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let (left, bottom) = (units(x), units(self.height - y - h));
        // The far corner rounded too, so that abutting boxes still meet.
        let (right, top) = (units(x + w), units(self.height - y));
        self.content.rect(left, bottom, right - left, top - bottom);
    }

    /// Starts text at (`x`, `y`) in `size` and `color`.
    fn text_at(&mut self, x: f32, y: f32, size: f32, color: Rgb) {
        if !self.in_text {
            self.content.begin_text();
            self.in_text = true;
        }
        self.set_fill(color);
        if self.size != Some(size) {
            self.content.set_font(FONT.0, size);
            self.size = Some(size);
        }
        let (x, y) = (units(x), units(self.height - y));
        self.content.set_text_matrix([UNITS, 0.0, 0.0, UNITS, x, y]);
    }

    fn add(&mut self, item: Item) {
        match item {
            Item::Text {
                x,
                y,
                size,
                text,
                color,
            } => {
                self.text_at(x, y, size, color);
                self.scratch.clear();
                self.glyphs
                    .encode(&self.font.face, &text, &mut self.scratch);
                self.content.show(&self.scratch);
            }
            Item::Row {
                y,
                size,
                cells,
                color,
            } => self.row(y, size, &cells, color),
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                self.end_text();
                if let Some(f) = fill {
                    self.set_fill(f);
                }
                if let Some((s, width)) = stroke {
                    self.set_stroke(s, width, false);
                }
                if fill.is_none() && stroke.is_none() {
                    return;
                }
                self.rect(x, y, w, h);
                match (fill, stroke) {
                    (Some(_), Some(_)) => self.content.fill_nonzero_and_stroke(),
                    (Some(_), None) => self.content.fill_nonzero(),
                    _ => self.content.stroke(),
                }
            }
            Item::Line {
                points,
                color,
                width,
                dash,
            } => {
                self.end_text();
                self.set_stroke(color, width, dash);
                let height = self.height;
                let mut points = points
                    .into_iter()
                    .map(|(x, y)| (units(x), units(height - y)));
                if let Some((x, y)) = points.next() {
                    self.content.move_to(x, y);
                    for (x, y) in points {
                        self.content.line_to(x, y);
                    }
                    self.content.stroke();
                }
            }
            Item::Clip { x, y, w, h } => {
                self.end_text();
                self.content.save_state();
                self.rect(x, y, w, h);
                self.content.clip_nonzero();
            }
            Item::Unclip => {
                self.end_text();
                self.content.restore_state();
                // The saved state had its own colours, widths and font size.
                self.fill = None;
                self.stroke = None;
                self.size = None;
                self.dashed = false;
            }
        }
    }

    /// A table row's cells in one `TJ`: after each cell, move on to the next
    /// one's x (offsets in whole thousandths of the font size, positive to
    /// the left, each from where the last really left the pen, so that the
    /// rounding never adds up along a row).
    fn row(&mut self, y: f32, size: f32, cells: &[(f32, String)], color: Rgb) {
        let mut cells = cells.iter().filter(|(_, t)| !t.is_empty());
        let Some((x0, first)) = cells.next() else {
            return;
        };
        self.text_at(*x0, y, size, color);
        let mut at = units(*x0) / UNITS + self.font.width(first, size);
        self.scratch.clear();
        self.glyphs
            .encode(&self.font.face, first, &mut self.scratch);
        // Each cell's codes and the gap before the next, kept as offsets into
        // `scratch` so the operator is written in one go.
        self.spans.clear();
        self.spans.push((0, self.scratch.len(), 0.0));
        for (x, text) in cells {
            let gap = (-(x - at) / size * 1000.0).round();
            at += -gap / 1000.0 * size + self.font.width(text, size);
            let start = self.scratch.len();
            self.glyphs.encode(&self.font.face, text, &mut self.scratch);
            self.spans.push((start, self.scratch.len(), gap));
        }
        let scratch = &self.scratch;
        self.content.show_positioned(
            self.spans
                .iter()
                .map(|&(start, end, gap)| (gap, &scratch[start..end])),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::text::FontSource;

    /// Every length is a whole number of hundredths of a point under the
    /// stream's own scale, and the cells of a row land where they were put.
    #[test]
    fn lengths_are_whole_hundredths_and_cells_stay_in_place() {
        let source = FontSource::default();
        let font = source.measure().unwrap();
        let mut glyphs = Glyphs::new(&source).unwrap();
        let mut page = Page::new(595.0, 842.0);
        page.line(vec![(10.333, 20.777), (300.123, 20.777)], Rgb::GREY, 0.4);
        page.rect(12.345, 30.5, 100.001, 9.75, Some(Rgb::WHITE), None);
        let cells = vec![(63.637817, "甲乙".into()), (97.6378, "12345".into())];
        page.items.push(Item::Row {
            y: 60.0,
            size: 7.5,
            cells,
            color: Rgb::BLACK,
        });
        let raw = content(page, &font, &mut glyphs);
        let text = String::from_utf8_lossy(&raw);
        assert!(text.starts_with("q\n0.01 0 0 0.01 0 0 cm\n"), "{text}");
        assert!(text.trim_end().ends_with('Q'), "{text}");
        assert!(text.contains("1033 82122 m\n30012 82122 l\n"), "{text}");
        assert!(text.contains("1235 80175 10000 975 re\n"), "{text}");
        assert!(text.contains("100 0 0 100 6364 78200 Tm\n"), "{text}");
        // The second cell's gap: from the end of the first to 97.64, in
        // whole thousandths of the size.
        let first_end = 63.64 + font.width("甲乙", 7.5);
        let gap = (-(97.6378 - first_end) / 7.5 * 1000.0).round();
        assert!(text.contains(&format!("> {gap} <")), "{text}");
        let drawn_at = first_end - gap / 1000.0 * 7.5;
        assert!((drawn_at - 97.6378).abs() < 0.005, "{drawn_at}");
        // No fraction anywhere but the colours' and the font size's.
        for line in text
            .lines()
            .filter(|l| !l.ends_with("rg") && !l.ends_with("RG"))
        {
            if line.ends_with("Tf") || line.ends_with("cm") {
                continue;
            }
            assert!(!line.contains('.'), "{line}");
        }
    }
}
