//! A page's content stream (ISO 32000-1 §8, §9.4): its items as PDF operators,
//! text encoded straight into glyph codes, colours, widths and the font size
//! set only when they change.

use super::glyphs::Glyphs;
use super::sheet::{Item, Page, Rgb};
use super::text::TextFont;
use pdf_writer::{Content, Name, Str};

/// The name the page resources give the font.
pub(super) const FONT: Name<'static> = Name(b"F1");

/// The content stream of `page`, uncompressed.
pub(super) fn content(page: Page, font: &TextFont<'_>, glyphs: &mut Glyphs) -> Vec<u8> {
    let mut ops = Ops {
        content: Content::new(),
        font,
        glyphs,
        scratch: Vec::new(),
        height: page.height,
        in_text: false,
        fill: None,
        stroke: None,
        size: None,
        dashed: false,
    };
    for item in page.items {
        ops.add(item);
    }
    ops.end_text();
    ops.content.finish().into_vec()
}

/// A page's operators so far, and the graphics state they leave.
struct Ops<'p, 'f> {
    content: Content,
    /// Measures the gaps between a row's cells.
    font: &'p TextFont<'f>,
    glyphs: &'p mut Glyphs,
    /// A text's codes, reused from one text to the next.
    scratch: Vec<u8>,
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
            self.content.set_line_width(width);
            self.stroke = Some((c, width));
        }
        if self.dashed != dashed {
            if dashed {
                let unit = width.max(0.5);
                self.content.set_dash_pattern([4.0 * unit, 3.0 * unit], 0.0);
            } else {
                self.content.set_dash_pattern([], 0.0);
            }
            self.dashed = dashed;
        }
    }

    /// A rectangle given from its top-left corner, as a path.
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.content.rect(x, self.height - y - h, w, h);
    }

    /// Starts text at (`x`, `y`) in `size` and `color`.
    fn text_at(&mut self, x: f32, y: f32, size: f32, color: Rgb) {
        if !self.in_text {
            self.content.begin_text();
            self.in_text = true;
        }
        self.set_fill(color);
        if self.size != Some(size) {
            self.content.set_font(FONT, size);
            self.size = Some(size);
        }
        self.content
            .set_text_matrix([1.0, 0.0, 0.0, 1.0, x, self.height - y]);
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
                self.content.show(Str(&self.scratch));
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
                };
            }
            Item::Line {
                points,
                color,
                width,
                dash,
            } => {
                self.end_text();
                self.set_stroke(color, width, dash);
                let mut points = points.into_iter();
                if let Some((x, y)) = points.next() {
                    self.content.move_to(x, self.height - y);
                    for (x, y) in points {
                        self.content.line_to(x, self.height - y);
                    }
                    self.content.stroke();
                }
            }
            Item::Clip { x, y, w, h } => {
                self.end_text();
                self.content.save_state();
                self.rect(x, y, w, h);
                self.content.clip_nonzero();
                self.content.end_path();
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
    /// one's x (offsets in thousandths of the font size, positive to the left).
    fn row(&mut self, y: f32, size: f32, cells: &[(f32, String)], color: Rgb) {
        let mut cells = cells.iter().filter(|(_, t)| !t.is_empty());
        let Some((x0, first)) = cells.next() else {
            return;
        };
        self.text_at(*x0, y, size, color);
        let mut at = x0 + self.font.width(first, size);
        self.scratch.clear();
        self.glyphs
            .encode(&self.font.face, first, &mut self.scratch);
        // Each cell's codes and the gap before the next, kept as offsets into
        // `scratch` so the operator is written in one go.
        let mut spans = vec![(0, self.scratch.len(), 0.0)];
        for (x, text) in cells {
            let gap = -(x - at) / size * 1000.0;
            at = x + self.font.width(text, size);
            let start = self.scratch.len();
            self.glyphs.encode(&self.font.face, text, &mut self.scratch);
            spans.push((start, self.scratch.len(), gap));
        }
        let mut shown = self.content.show_positioned();
        let mut items = shown.items();
        for (i, &(start, end, gap)) in spans.iter().enumerate() {
            if i > 0 {
                items.adjust(gap);
            }
            items.show(Str(&self.scratch[start..end]));
        }
    }
}
