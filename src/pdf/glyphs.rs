//! The codes text is written in, given as pages are made, before the font
//! subset exists: each character gets its glyph's place in the subset at first
//! use — glyph 0 (.notdef) first, then in order of first use, which is how the
//! allsorts subsetter numbers the glyphs it is asked for.
//!
//! Under `/Identity-H` a code is a CID. For a TrueType font and a name-keyed
//! CFF the CID is the subset's glyph id; a CID-keyed CFF keeps its own CIDs in
//! the subset's charset, so there the code is the original glyph's CID
//! (read from the font's charset), and the subset is checked against it.

use super::error::PdfError;
use super::text::FontSource;
use rustc_hash::FxHashMap;

/// The glyphs used so far and the code each is written with.
pub(super) struct Glyphs {
    /// Each character's code.
    codes: FxHashMap<char, u16>,
    /// The original glyph id → its code.
    by_glyph: FxHashMap<u16, u16>,
    /// The glyphs in subset order: the original glyph id, its code and the
    /// character it was first used for (none for glyph 0).
    pub(super) used: Vec<Used>,
    /// For a CID-keyed CFF: each original glyph's CID.
    cids: Option<Vec<u16>>,
}

/// A glyph of the subset.
#[derive(Debug, Clone, Copy)]
pub(super) struct Used {
    /// Its id in the font given.
    pub(super) original: u16,
    /// The code (CID) text is written with.
    pub(super) code: u16,
    /// The character it shows.
    pub(super) char: Option<char>,
}

impl Glyphs {
    /// No glyph used yet but .notdef.
    pub(super) fn new(font: &FontSource) -> Result<Glyphs, PdfError> {
        let cids = cid_keyed_charset(font)?;
        let notdef = cids.as_ref().and_then(|c| c.first().copied()).unwrap_or(0);
        let mut by_glyph = FxHashMap::default();
        by_glyph.insert(0, notdef);
        Ok(Glyphs {
            codes: FxHashMap::default(),
            by_glyph,
            used: vec![Used {
                original: 0,
                code: notdef,
                char: None,
            }],
            cids,
        })
    }

    /// Appends the two-byte codes of `text` to `out`.
    pub(super) fn encode(&mut self, face: &ttf_parser::Face<'_>, text: &str, out: &mut Vec<u8>) {
        for c in text.chars() {
            let code = match self.codes.get(&c) {
                Some(&code) => code,
                None => self.first_use(face, c),
            };
            out.extend_from_slice(&code.to_be_bytes());
        }
    }

    fn first_use(&mut self, face: &ttf_parser::Face<'_>, c: char) -> u16 {
        let original = face.glyph_index(c).map_or(0, |g| g.0);
        let code = match self.by_glyph.get(&original) {
            Some(&code) => code,
            None => {
                let code = match &self.cids {
                    Some(cids) => cids.get(usize::from(original)).copied().unwrap_or(0),
                    None => self.used.len() as u16,
                };
                self.by_glyph.insert(original, code);
                self.used.push(Used {
                    original,
                    code,
                    char: Some(c),
                });
                code
            }
        };
        self.codes.insert(c, code);
        code
    }

    /// The original glyph ids in subset order, as the subsetter is asked.
    pub(super) fn originals(&self) -> Vec<u16> {
        self.used.iter().map(|u| u.original).collect()
    }
}

/// Each glyph's CID when the font is a CID-keyed CFF; `None` otherwise.
fn cid_keyed_charset(font: &FontSource) -> Result<Option<Vec<u16>>, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::cff::CFF;
    use allsorts::tables::FontTableProvider;
    let bad = |reason: String| PdfError::Font {
        path: font.label.clone(),
        reason,
    };
    let provider = font.tables()?;
    if !provider.has_table(allsorts::tag::CFF) {
        return Ok(None);
    }
    let table = provider
        .read_table_data(allsorts::tag::CFF)
        .map_err(|e| bad(e.to_string()))?;
    let cff = ReadScope::new(&table)
        .read::<CFF<'_>>()
        .map_err(|e| bad(e.to_string()))?;
    let Some(face) = cff.fonts.first().filter(|f| f.is_cid_keyed()) else {
        return Ok(None);
    };
    let count = face.char_strings_index.len() as u16;
    Ok(Some(
        (0..count)
            .map(|g| face.charset.id_for_glyph(g).unwrap_or(0))
            .collect(),
    ))
}
