//! Pages to a PDF file as they are made: each page's content stream is
//! compressed and written the moment the page is given, so a printout of any
//! length is written in little memory. Kept until the end is only what the
//! file's end needs — each object's offset, the pages' references and the
//! glyphs used — and there the pages' numbers ("第 N 页 共 M 页", a small
//! content stream of each page's own), the font subset (see
//! [`super::font_subset`]), the page tree, the cross-reference table and the
//! trailer are written.
//!
//! printpdf, used before, holds the whole document in memory and keeps its
//! operator serializer private; `pdf-writer` gives the syntax, and
//! [`super::envelope`] the file around it.

use super::compress::{Compressor, THREADS};
use super::content::{content, FONT};
use super::envelope::Envelope;
use super::font_subset::write_font;
use super::glyphs::Glyphs;
use super::sheet::{Item, Numbering, Page, Rgb};
use super::text::{FontSource, TextFont};
use super::{PdfError, Watch, MAX_PAGES};
use pdf_writer::writers::{Catalog, DocumentInfo};
use pdf_writer::{Chunk, Date, Filter, Finish, Rect, Ref, TextStr};
use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// A PDF being written to `W` a page at a time.
pub(super) struct Writer<'a, W: Write> {
    envelope: Envelope<W>,
    font: &'a FontSource,
    measure: TextFont<'a>,
    /// Shared with the [`Maker`]s that make pages' content on other threads.
    glyphs: Arc<Mutex<Glyphs>>,
    watch: Watch<'a>,
    title: String,
    /// The pages the printout will make, or the best guess so far.
    total: usize,
    /// The pages written.
    pages: Vec<Ref>,
    catalog: Ref,
    tree: Ref,
    type0: Ref,
    info: Ref,
    /// Compresses the pages' content.
    compressor: Compressor,
    /// Pages given whose content is being compressed, oldest first.
    waiting: VecDeque<Waiting>,
    /// The page numbers to print at the end.
    numbers: Vec<Late>,
}

/// A page's content stream, made (by [`Writer::page`] or a [`Maker`]) and
/// not yet compressed.
pub(super) struct Made {
    /// Width and height in points.
    size: (f32, f32),
    raw: Vec<u8>,
    numbering: Option<Numbering>,
}

/// Makes pages' content streams for a [`Writer`] on another thread (the one
/// laying the pages out), so that the writer's own thread only writes.
/// The pages must be made in the order they are written: a glyph's code is
/// given at its first use.
#[derive(Clone)]
pub(super) struct Maker {
    glyphs: Arc<Mutex<Glyphs>>,
}

impl Maker {
    /// `page`'s content stream, its text measured with `font` (the writer's
    /// font, parsed on the thread making the page).
    pub fn make(&self, page: Page, font: &TextFont<'_>) -> Made {
        let size = (page.width, page.height);
        let numbering = page.numbering;
        let mut glyphs = self.glyphs.lock().unwrap_or_else(PoisonError::into_inner);
        let raw = content(page, font, &mut glyphs);
        Made {
            size,
            raw,
            numbering,
        }
    }
}

/// A page given, to be written when its content is compressed.
struct Waiting {
    contents: Ref,
    id: Ref,
    /// Width and height in points.
    size: (f32, f32),
    numbering: Option<Numbering>,
}

/// A page's number, printed when the number of pages is known.
struct Late {
    /// The content stream it goes in, the page's second.
    stream: Ref,
    /// The page's number.
    n: usize,
    /// The page's width and height in points.
    size: (f32, f32),
    numbering: Numbering,
}

impl<'a, W: Write> Writer<'a, W> {
    /// `pages`: how many the printout will make (for watch.pages), or an
    /// estimate (see [`Writer::expect`]).
    pub fn new(
        out: W,
        title: &str,
        font: &'a FontSource,
        pages: usize,
        watch: Watch<'a>,
    ) -> Result<Self, PdfError> {
        if pages > MAX_PAGES {
            return Err(PdfError::TooManyPages(pages));
        }
        watch.go_on()?;
        let measure = font.measure()?;
        let glyphs = Glyphs::new(font)?;
        let mut envelope = Envelope::new(out)?;
        let (catalog, tree, type0, info) = (
            envelope.reserve(),
            envelope.reserve(),
            envelope.reserve(),
            envelope.reserve(),
        );
        Ok(Writer {
            envelope,
            font,
            measure,
            glyphs: Arc::new(Mutex::new(glyphs)),
            watch,
            title: title.to_string(),
            total: pages,
            pages: Vec::with_capacity(pages),
            catalog,
            tree,
            type0,
            info,
            compressor: Compressor::new(),
            waiting: VecDeque::new(),
            numbers: Vec::new(),
        })
    }

    /// Makes pages' content for this writer on another thread.
    pub fn maker(&self) -> Maker {
        Maker {
            glyphs: Arc::clone(&self.glyphs),
        }
    }

    /// A better estimate of the pages the printout will make, for watch.pages.
    pub fn expect(&mut self, pages: usize) {
        self.total = pages;
    }

    /// Writes the page now (checks watch.go_on, tells watch.pages, refuses past MAX_PAGES).
    pub fn page(&mut self, page: Page) -> Result<(), PdfError> {
        let made = self.maker().make(page, &self.measure);
        self.put(made)
    }

    /// Writes a page made by [`Maker::make`], as [`Writer::page`] does.
    pub fn put(&mut self, made: Made) -> Result<(), PdfError> {
        self.watch.go_on()?;
        let number = self.pages.len() + self.waiting.len() + 1;
        if number > MAX_PAGES {
            return Err(PdfError::TooManyPages(number.max(self.total)));
        }
        self.compressor.give(made.raw)?;
        let (contents, id) = (self.envelope.reserve(), self.envelope.reserve());
        self.waiting.push_back(Waiting {
            contents,
            id,
            size: made.size,
            numbering: made.numbering,
        });
        // Pages queue in each compressing thread's hands, so that it seldom
        // waits for the next, nor the writer for it: 32 pages are some
        // 500 KB of content.
        while self.waiting.len() > 32 * THREADS {
            self.write_next()?;
        }
        (self.watch.pages)(number, self.total.max(number));
        Ok(())
    }

    /// Writes the oldest page given, once its content is compressed.
    fn write_next(&mut self) -> Result<(), PdfError> {
        let Some(page) = self.waiting.pop_front() else {
            return Ok(());
        };
        let packed = self.compressor.take()?;
        let mut chunk = Chunk::with_capacity(packed.len() + 64);
        chunk
            .stream(page.contents, &packed)
            .filter(Filter::FlateDecode);
        self.envelope.put(page.contents, &chunk)?;
        let mut chunk = Chunk::new();
        let mut described = chunk.page(page.id);
        described
            .parent(self.tree)
            .media_box(Rect::new(0.0, 0.0, page.size.0, page.size.1));
        match page.numbering {
            Some(numbering) => {
                let stream = self.envelope.reserve();
                described
                    .insert(pdf_writer::Name(b"Contents"))
                    .array()
                    .items([page.contents, stream]);
                self.numbers.push(Late {
                    stream,
                    n: self.pages.len() + 1,
                    size: page.size,
                    numbering,
                });
            }
            None => {
                described.contents(page.contents);
            }
        }
        described.resources().fonts().pair(FONT, self.type0);
        described.finish();
        self.envelope.put(page.id, &chunk)?;
        self.pages.push(page.id);
        Ok(())
    }

    /// Each numbered page's "第 N 页 共 M 页", M the pages written: a content
    /// stream of its own, drawn after the page's own.
    fn write_numbers(&mut self) -> Result<(), PdfError> {
        let total = self.pages.len();
        let mut glyphs = self.glyphs.lock().unwrap_or_else(PoisonError::into_inner);
        for late in std::mem::take(&mut self.numbers) {
            let text = Numbering::text(late.n, total);
            let size = late.numbering.size;
            let mut page = Page::new(late.size.0, late.size.1);
            page.items.push(Item::Text {
                x: (late.size.0 - self.measure.width(&text, size)) / 2.0,
                y: late.numbering.baseline,
                size,
                text,
                color: Rgb::BLACK,
            });
            let raw = content(page, &self.measure, &mut glyphs);
            let mut chunk = Chunk::new();
            chunk.stream(late.stream, &raw);
            self.envelope.put(late.stream, &chunk)?;
        }
        Ok(())
    }

    /// Font subset, page tree, xref, trailer; gives the output back.
    pub fn finish(mut self) -> Result<W, PdfError> {
        self.watch.go_on()?;
        while !self.waiting.is_empty() {
            self.write_next()?;
        }
        self.write_numbers()?;
        let glyphs = self.glyphs.lock().unwrap_or_else(PoisonError::into_inner);
        write_font(&mut self.envelope, self.type0, self.font, &glyphs)?;
        drop(glyphs);
        let mut chunk = Chunk::new();
        chunk
            .pages(self.tree)
            .kids(self.pages.iter().copied())
            .count(self.pages.len() as i32);
        self.envelope.put(self.tree, &chunk)?;
        let mut chunk = Chunk::new();
        chunk
            .indirect(self.catalog)
            .start::<Catalog>()
            .pages(self.tree);
        self.envelope.put(self.catalog, &chunk)?;
        let made = made_at();
        let mut chunk = Chunk::new();
        chunk
            .indirect(self.info)
            .start::<DocumentInfo>()
            .title(TextStr(&self.title))
            .producer(TextStr("gridorg"))
            .creation_date(made)
            .modified_date(made);
        self.envelope.put(self.info, &chunk)?;
        Ok(self.envelope.finish(self.catalog, self.info)?)
    }
}

/// When the PDF counts as made: now, or `SOURCE_DATE_EPOCH` (seconds since
/// 1970) where set, so that a build or test can make the same bytes twice.
fn made_at() -> Date {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| chrono::Utc::now().timestamp());
    let at = chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default();
    use chrono::{Datelike, Timelike};
    Date::new(at.year().clamp(0, 9999) as u16)
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::sheet::Rgb;
    use std::borrow::Cow;

    #[test]
    fn the_page_cap_lets_a_city_household_roster_through_and_stops_past_it() {
        let font = FontSource::default();
        assert!(Writer::new(Vec::new(), "t", &font, 9_166, Watch::none()).is_ok());
        assert_eq!(
            Writer::new(Vec::new(), "t", &font, MAX_PAGES + 1, Watch::none()).err(),
            Some(PdfError::TooManyPages(MAX_PAGES + 1))
        );
    }

    /// A page's text read back through the ToUnicode map, with lopdf.
    fn text_of(bytes: &[u8]) -> String {
        let document = lopdf::Document::load_mem(bytes).unwrap();
        document.extract_text(&[1]).unwrap()
    }

    /// One page made into PDF bytes.
    fn one_page(font: &FontSource, page: Page) -> Vec<u8> {
        let mut writer = Writer::new(Vec::new(), "试", font, 1, Watch::none()).unwrap();
        writer.page(page).unwrap();
        writer.finish().unwrap()
    }

    fn page_with(text: &str) -> Page {
        let mut page = Page::new(200.0, 100.0);
        page.text(10.0, 20.0, 12.0, text, Rgb::BLACK);
        page.items.push(crate::pdf::sheet::Item::Row {
            y: 40.0,
            size: 10.0,
            cells: vec![(10.0, "甲乙".into()), (60.0, text.into())],
            color: Rgb::GREY,
        });
        page
    }

    #[test]
    fn text_comes_back_from_the_subset_font() {
        let font = FontSource::default();
        let bytes = one_page(&font, page_with("党员 Party 2026"));
        let text = text_of(&bytes);
        assert!(text.contains("党员 Party 2026"), "{text:?}");
        assert!(text.contains("甲乙"), "{text:?}");
        let raw = String::from_utf8_lossy(&bytes);
        assert!(raw.contains("/FontFile2"), "TrueType embedded");
        assert!(raw.contains("/CIDToGIDMap /Identity"));
    }

    /// A user's OpenType font with CFF outlines (name-keyed, as the URW fonts
    /// are) goes in as /FontFile3; its text comes back the same.
    #[test]
    fn a_cff_font_is_embedded_as_font_file_3() {
        let path = "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf";
        let bytes = std::fs::read(path)
            .unwrap_or_else(|e| panic!("{path}: {e} (fonts-urw-base35, which .ci/run installs)"));
        let font = FontSource {
            bytes: Cow::Owned(bytes),
            index: 0,
            label: path.into(),
        };
        let made = one_page(&font, page_with("Party 2026"));
        let raw = String::from_utf8_lossy(&made);
        assert!(raw.contains("/FontFile3"), "CFF embedded");
        assert!(raw.contains("/CIDFontType0"));
        let text = text_of(&made);
        assert!(text.contains("Party 2026"), "{text:?}");
    }
}
