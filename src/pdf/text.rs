//! The font printouts use, and text measured in it: widths, wrapping and
//! shortening, so nothing is cut off or overlaps.

use super::error::PdfError;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::path::Path;

/// Where the printing font comes from: the bundled Noto Sans CJK SC, or a
/// TrueType/OpenType file the user names (仿宋, 方正小标宋 …).
#[derive(Debug, Clone)]
pub struct FontSource {
    pub(super) bytes: Cow<'static, [u8]>,
    /// Face index within a collection (`.ttc`).
    pub(super) index: u32,
    /// The file, for messages.
    pub(super) label: String,
}

impl Default for FontSource {
    fn default() -> FontSource {
        FontSource {
            bytes: Cow::Borrowed(crate::font::NOTO_SANS_SC),
            index: 0,
            label: "内置字体".into(),
        }
    }
}

impl FontSource {
    /// Reads a font file. Of a collection (`.ttc`) it takes the Simplified
    /// Chinese face (a family named "… SC" or a name in zh-CN), else the
    /// first face with Chinese. Refuses files that are not fonts, lack Chinese
    /// characters, or lack the digits and Latin letters that codes, dates and
    /// phones are printed in.
    pub fn from_file(path: &Path) -> Result<FontSource, PdfError> {
        let label = path.display().to_string();
        let bytes = crate::input::read_limited(path, crate::font::FILE_LIMIT).map_err(|e| {
            PdfError::Font {
                path: label.clone(),
                reason: e.to_string(),
            }
        })?;
        let index = simplified_chinese_face(&bytes).unwrap_or(0);
        let source = FontSource {
            bytes: Cow::Owned(bytes),
            index,
            label,
        };
        let font = source.measure()?;
        let refuse = |reason: &str| PdfError::Font {
            path: source.label.clone(),
            reason: reason.into(),
        };
        if font.face.glyph_index('党').is_none() {
            return Err(refuse("字体中没有汉字（例如“党”）：请选择中文字体"));
        }
        if let Some(c) = ('0'..='9')
            .chain('A'..='Z')
            .chain('a'..='z')
            .find(|&c| font.face.glyph_index(c).is_none())
        {
            return Err(refuse(&format!(
                "字体中没有“{c}”：编码、日期和电话会印不出来，请选择带数字和拉丁字母的中文字体 (missing digits or Latin letters)"
            )));
        }
        Ok(source)
    }

    /// The font's tables, as the allsorts subsetter reads them.
    pub(super) fn tables(
        &self,
    ) -> Result<allsorts::font_data::DynamicFontTableProvider<'_>, PdfError> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        let bad = |e: &dyn std::fmt::Display| PdfError::Font {
            path: self.label.clone(),
            reason: e.to_string(),
        };
        ReadScope::new(&self.bytes)
            .read::<FontData<'_>>()
            .map_err(|e| bad(&e))?
            .table_provider(self.index as usize)
            .map_err(|e| bad(&e))
    }

    /// The font, parsed for measuring.
    pub(super) fn measure(&self) -> Result<TextFont<'_>, PdfError> {
        let face =
            ttf_parser::Face::parse(&self.bytes, self.index).map_err(|e| PdfError::Font {
                path: self.label.clone(),
                reason: format!("不是可用的 TrueType/OpenType 字体 ({e})"),
            })?;
        let per_em = f32::from(face.units_per_em().max(1));
        Ok(TextFont {
            face,
            per_em,
            plane: vec![Cell::new(f32::NAN); 0x1_0000].into_boxed_slice(),
            advances: RefCell::default(),
        })
    }
}

/// The face of a collection meant for Simplified Chinese: the first whose
/// family is named "… SC" or that has a name in zh-CN, among those with
/// Chinese characters; else the first with Chinese; `None` when not a
/// collection.
fn simplified_chinese_face(bytes: &[u8]) -> Option<u32> {
    const ZH_CN: u16 = 0x0804;
    let faces = ttf_parser::fonts_in_collection(bytes)?;
    let chinese: Vec<(u32, ttf_parser::Face)> = (0..faces)
        .filter_map(|i| Some((i, ttf_parser::Face::parse(bytes, i).ok()?)))
        .filter(|(_, face)| face.glyph_index('党').is_some())
        .collect();
    let simplified = chinese.iter().find(|(_, face)| {
        face.names().into_iter().any(|n| {
            n.language_id == ZH_CN
                || (n.name_id == ttf_parser::name_id::FAMILY
                    && n.to_string().is_some_and(|f| f.ends_with(" SC")))
        })
    });
    simplified.or(chinese.first()).map(|(i, _)| *i)
}

/// A parsed font that measures text.
pub struct TextFont<'a> {
    pub(super) face: ttf_parser::Face<'a>,
    per_em: f32,
    /// Advances of the basic plane looked up so far (NaN: not yet), by code
    /// point: names repeat the same few hundred characters.
    plane: Box<[Cell<f32>]>,
    /// Advances of the other planes looked up so far.
    advances: RefCell<FxHashMap<char, f32>>,
}

impl TextFont<'_> {
    /// The advance of one character at size 1 (missing glyphs count as one em).
    fn advance(&self, c: char) -> f32 {
        let look_up = || {
            self.face
                .glyph_index(c)
                .and_then(|g| self.face.glyph_hor_advance(g))
                .map_or(1.0, |a| f32::from(a) / self.per_em)
        };
        match self.plane.get(c as usize) {
            Some(known) if !known.get().is_nan() => known.get(),
            Some(slot) => {
                let advance = look_up();
                slot.set(advance);
                advance
            }
            None => *self.advances.borrow_mut().entry(c).or_insert_with(look_up),
        }
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// `text` broken into lines no wider than `max` at `size`: between any two
    /// characters, as Chinese is set, except that a Latin word or a number is
    /// moved whole to the next line when a space comes before it.
    /// A text that stays on one line is moved, not copied, when given owned.
    pub fn wrap<T: AsRef<str> + Into<String>>(&self, text: T, size: f32, max: f32) -> Vec<String> {
        if self.one_line(text.as_ref(), size, max) {
            return vec![text.into()];
        }
        let text = text.as_ref();
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut width = 0.0;
            // Where the current word began (byte offset after a space), and the width there.
            let mut word: Option<(usize, f32)> = None;
            for c in paragraph.chars() {
                let w = self.advance(c) * size;
                if width + w > max && !line.is_empty() {
                    match word.filter(|&(at, _)| at < line.len() && c.is_ascii_alphanumeric()) {
                        Some((at, before)) => {
                            let rest = line.split_off(at);
                            lines.push(line.trim_end().to_string());
                            line = rest;
                            width -= before;
                        }
                        None => {
                            lines.push(std::mem::take(&mut line));
                            width = 0.0;
                        }
                    }
                    word = None;
                }
                line.push(c);
                width += w;
                if c == ' ' {
                    word = Some((line.len(), width));
                } else if !c.is_ascii_alphanumeric() {
                    word = None;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Whether `wrap` leaves `text` on one line: the same sums, in the same
    /// order, as it makes before its first break, without making the line.
    fn one_line(&self, text: &str, size: f32, max: f32) -> bool {
        let mut width = 0.0;
        for (i, c) in text.chars().enumerate() {
            let w = self.advance(c) * size;
            if c == '\n' || (width + w > max && i > 0) {
                return false;
            }
            width += w;
        }
        true
    }

    /// `text` shortened with "…" to fit `max` at `size`.
    pub fn fit(&self, text: &str, size: f32, max: f32) -> String {
        if self.width(text, size) <= max {
            return text.to_string();
        }
        let ellipsis = self.advance('…') * size;
        let mut out = String::new();
        let mut width = 0.0;
        for c in text.chars() {
            let w = self.advance(c) * size;
            if width + w + ellipsis > max {
                break;
            }
            out.push(c);
            width += w;
        }
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::FontSource;

    #[test]
    fn wrapping_keeps_every_character_and_each_line_within_the_width() {
        let source = FontSource::default();
        let font = source.measure().unwrap();
        for text in [
            "联系 12 户：迎宾小区1号楼1单元101、迎宾小区1号楼1单元102、迎宾小区1号楼1单元201",
            "Dalad Banner Xiyuan Street party working committee office",
            "达拉特旗西园街道党工委",
        ] {
            let lines = font.wrap(text, 10.0, 80.0);
            assert!(lines.len() > 1, "{text}");
            for line in &lines {
                assert!(font.width(line, 10.0) <= 80.0 + 1e-3, "{line:?} too wide");
            }
            let joined: String = lines.concat();
            let strip = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
            assert_eq!(strip(&joined), strip(text));
        }
        // A number is not split across lines when a space comes before it.
        let lines = font.wrap("Room 1234567", 10.0, 45.0);
        assert!(lines.iter().any(|l| l.contains("1234567")), "{lines:?}");
    }
}
