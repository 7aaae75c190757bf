//! Pages to PDF bytes through printpdf, with the font cut down to the glyphs
//! the pages use.
//!
//! printpdf subsets fonts only in its `text_layout` build, which brings a whole
//! HTML layout engine; without it, it embeds the font whole (20 MB for the
//! bundled CJK font). So the subset is made here, with the same `allsorts`
//! subsetter printpdf uses, and handed to printpdf as a complete small font
//! named with the `ABCDEF+` subset tag of ISO 32000-1 §9.6.4.

use super::sheet::{Item, Page, Rgb};
use super::text::{FontSource, TextFont};
use super::{PdfError, Watch};
use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};
use std::collections::{BTreeMap, BTreeSet};

/// Renders `pages` to a PDF whose document title is `title`, telling
/// `watch` of each page and stopping when it asks.
pub fn pdf(
    title: &str,
    pages: Vec<Page>,
    font: &FontSource,
    watch: Watch<'_>,
) -> Result<Vec<u8>, PdfError> {
    if pages.len() > super::MAX_PAGES {
        return Err(PdfError::TooManyPages(pages.len()));
    }
    let used: BTreeSet<char> = pages
        .iter()
        .flat_map(|p| &p.items)
        .flat_map(|item| match item {
            Item::Text { text, .. } => vec![text.as_str()],
            Item::Row { cells, .. } => cells.iter().map(|(_, t)| t.as_str()).collect(),
            _ => Vec::new(),
        })
        .flat_map(str::chars)
        .collect();
    let subset = subset(font, &used)?;
    let measure = font.measure()?;
    let mut document = PdfDocument::new(title);
    let made = made_at();
    let info = &mut document.metadata.info;
    (
        info.creation_date,
        info.modification_date,
        info.metadata_date,
    ) = (made, made, made);
    let font_id = document.add_font(&subset);
    let total = pages.len();
    let pages: Vec<PdfPage> = pages
        .into_iter()
        .enumerate()
        .map(|(i, page)| {
            watch.go_on()?;
            let mut ops = Ops::new(font_id.clone(), page.height, &measure);
            for item in page.items {
                ops.add(item);
            }
            (watch.pages)(i + 1, total);
            Ok(PdfPage::new(
                printpdf::Mm(page.width / super::PT_PER_MM),
                printpdf::Mm(page.height / super::PT_PER_MM),
                ops.finish(),
            ))
        })
        .collect::<Result<_, PdfError>>()?;
    document.with_pages(pages);
    let options = PdfSaveOptions {
        subset_fonts: false,
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut pdf = document.to_lopdf_document(&options, &mut Vec::new());
    drop(document);
    watch.go_on()?;
    compress(&mut pdf);
    watch.go_on()?;
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| PdfError::Render(e.to_string()))?;
    Ok(bytes)
}

/// When the PDF counts as made: now, or `SOURCE_DATE_EPOCH` (seconds since
/// 1970) where set, so that a build or test can make the same bytes twice.
fn made_at() -> printpdf::OffsetDateTime {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| chrono::Utc::now().timestamp());
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::now_utc())
}

/// Compresses every stream that may be compressed, on both cores. printpdf
/// would do it at zlib's best level on one, which takes most of a roster's
/// time for a few per cent of its size.
fn compress(pdf: &mut lopdf::Document) {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    let mut streams: Vec<&mut lopdf::Stream> = pdf
        .objects
        .values_mut()
        .filter_map(|o| o.as_stream_mut().ok())
        .filter(|s| s.allows_compression && s.dict.get(b"Filter").is_err())
        .collect();
    let middle = streams.len() / 2;
    let (first, second) = streams.split_at_mut(middle);
    let deflate = |part: &mut [&mut lopdf::Stream]| {
        for stream in part {
            let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(3));
            let packed = encoder
                .write_all(&stream.content)
                .and_then(|()| encoder.finish());
            if let Some(packed) = packed.ok().filter(|p| p.len() < stream.content.len()) {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    };
    std::thread::scope(|scope| {
        scope.spawn(|| deflate(first));
        deflate(second);
    });
}

/// The font reduced to the glyphs of `used`, ready for printpdf.
fn subset(font: &FontSource, used: &BTreeSet<char>) -> Result<ParsedFont, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let bad = |reason: String| PdfError::Font {
        path: font.label.clone(),
        reason,
    };
    let face = font.measure()?.face;
    let original: BTreeMap<char, u16> = used
        .iter()
        .filter_map(|&c| face.glyph_index(c).map(|g| (c, g.0)))
        .collect();
    // Glyph 0 (.notdef) first, as the subsetter requires; then each glyph once.
    let mut glyphs: Vec<u16> = original.values().copied().filter(|&g| g != 0).collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    glyphs.insert(0, 0);
    let data = ReadScope::new(&font.bytes)
        .read::<FontData<'_>>()
        .map_err(|e| bad(e.to_string()))?;
    let provider = data
        .table_provider(font.index as usize)
        .map_err(|e| bad(e.to_string()))?;
    let bytes =
        allsorts::subset::subset(&provider, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| bad(format!("无法提取字形子集 (subset): {e}")))?;
    let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
        .ok_or_else(|| bad("子集字体无法解析 (subset unreadable)".into()))?;
    // The subsetter numbers glyphs in the order asked for.
    parsed.codepoint_to_glyph = original
        .iter()
        .map(|(&c, g)| (u32::from(c), glyphs.binary_search(g).unwrap_or(0) as u16))
        .collect();
    let name = face
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| "CJKFont".into());
    parsed.font_name = Some(format!("{}+{name}", tag(&glyphs)));
    Ok(parsed)
}

/// Six capital letters that name a subset, derived from its glyphs.
fn tag(glyphs: &[u16]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for g in glyphs {
        hash = (hash ^ u64::from(*g)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
        .collect()
}

/// Builds a page's content stream, setting colours and fonts only when they change.
struct Ops<'f> {
    ops: Vec<Op>,
    /// Measures the gaps between a row's cells.
    measure: &'f TextFont<'f>,
    font: FontId,
    height: f32,
    in_text: bool,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
    size: Option<f32>,
    dashed: bool,
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

impl<'f> Ops<'f> {
    fn new(font: FontId, height: f32, measure: &'f TextFont<'f>) -> Ops<'f> {
        Ops {
            ops: Vec::new(),
            measure,
            font,
            height,
            in_text: false,
            fill: None,
            stroke: None,
            size: None,
            dashed: false,
        }
    }

    fn point(&self, (x, y): (f32, f32)) -> Point {
        Point {
            x: Pt(x),
            y: Pt(self.height - y),
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32, dashed: bool) {
        if self.stroke != Some((c, width)) {
            self.ops.push(Op::SetOutlineColor { col: color(c) });
            self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            self.stroke = Some((c, width));
        }
        if self.dashed != dashed {
            let dash = if dashed {
                LineDashPattern::new(0.0, &[4.0 * width.max(0.5), 3.0 * width.max(0.5)])
            } else {
                LineDashPattern::solid()
            };
            self.ops.push(Op::SetLineDashPattern { dash });
            self.dashed = dashed;
        }
    }

    /// A rectangle given from its top-left corner, painted as `mode` says.
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, mode: PaintMode) {
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.height - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(mode),
                winding_order: None,
            },
        });
    }

    /// Starts text at (`x`, `y`) in `size` and `color`.
    fn text_at(&mut self, x: f32, y: f32, size: f32, color: Rgb) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        self.set_fill(color);
        if self.size != Some(size) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(self.font.clone()),
                size: Pt(size),
            });
            self.size = Some(size);
        }
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(self.height - y)),
        });
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
                self.ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text)],
                });
            }
            Item::Row {
                y,
                size,
                cells,
                color,
            } => {
                let mut cells = cells.into_iter().filter(|(_, t)| !t.is_empty());
                let Some((x0, first)) = cells.next() else {
                    return;
                };
                self.text_at(x0, y, size, color);
                // After each cell, move on to the next one's x: TJ offsets are
                // in thousandths of the font size, positive to the left.
                let mut at = x0 + self.measure.width(&first, size);
                let mut items = vec![TextItem::Text(first)];
                for (x, text) in cells {
                    items.push(TextItem::Offset(-(x - at) / size * 1000.0));
                    at = x + self.measure.width(&text, size);
                    items.push(TextItem::Text(text));
                }
                self.ops.push(Op::ShowText { items });
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                self.end_text();
                let mode = match (fill, stroke) {
                    (Some(f), Some((s, width))) => {
                        self.set_fill(f);
                        self.set_stroke(s, width, false);
                        PaintMode::FillStroke
                    }
                    (Some(f), None) => {
                        self.set_fill(f);
                        PaintMode::Fill
                    }
                    (None, Some((s, width))) => {
                        self.set_stroke(s, width, false);
                        PaintMode::Stroke
                    }
                    (None, None) => return,
                };
                self.rect(x, y, w, h, mode);
            }
            Item::Line {
                points,
                color,
                width,
                dash,
            } => {
                self.end_text();
                self.set_stroke(color, width, dash);
                let points = points
                    .into_iter()
                    .map(|p| LinePoint {
                        p: self.point(p),
                        bezier: false,
                    })
                    .collect();
                self.ops.push(Op::DrawLine {
                    line: Line {
                        points,
                        is_closed: false,
                    },
                });
            }
            Item::Clip { x, y, w, h } => {
                self.end_text();
                self.ops.push(Op::SaveGraphicsState);
                self.rect(x, y, w, h, PaintMode::Clip);
            }
            Item::Unclip => {
                self.end_text();
                self.ops.push(Op::RestoreGraphicsState);
                // The saved state had its own colours, widths and font size.
                self.fill = None;
                self.stroke = None;
                self.size = None;
                self.dashed = false;
            }
        }
    }

    fn finish(mut self) -> Vec<Op> {
        self.end_text();
        self.ops
    }
}
