//! The font at the file's end: the glyphs the pages used, cut out of the font
//! with the allsorts subsetter and embedded as a `Type0` font over a CIDFont
//! (ISO 32000-1 §9.7), with each glyph's width and a `/ToUnicode` map so text
//! can be searched and copied. The subset is named with the `ABCDEF+` tag of
//! §9.6.4.
//!
//! A TrueType font goes in as `/FontFile2` under a `CIDFontType2`; a CFF
//! (OpenType `.otf`) as `/FontFile3` under a `CIDFontType0` — the bare CFF
//! table when it is CID-keyed (so every viewer reads its CIDs through the
//! charset), the whole OpenType font otherwise.

use super::compress::deflate;
use super::envelope::Envelope;
use super::error::PdfError;
use super::glyphs::Glyphs;
use super::text::FontSource;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use std::io::Write;

/// The font program to embed and how.
struct Program {
    bytes: Vec<u8>,
    kind: ProgramKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ProgramKind {
    TrueType,
    BareCff,
    OpenType,
}

/// Writes the font `type0` (which the pages name) with everything under it.
pub(super) fn write_font<W: Write>(
    envelope: &mut Envelope<W>,
    type0: Ref,
    font: &FontSource,
    glyphs: &Glyphs,
) -> Result<(), PdfError> {
    let face = font.measure()?.face;
    let program = subset(font, glyphs)?;
    let per_em = f32::from(face.units_per_em().max(1));
    let scale = |v: f32| v * 1000.0 / per_em;
    let postscript = face
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string())
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or_else(|| "CJKFont".into());
    let base = format!("{}+{postscript}", tag(&glyphs.originals()));
    let (cid_font, descriptor, file, to_unicode) = (
        envelope.reserve(),
        envelope.reserve(),
        envelope.reserve(),
        envelope.reserve(),
    );
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };

    let mut chunk = Chunk::new();
    chunk
        .type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(to_unicode);
    envelope.put(type0, &chunk)?;

    let mut by_code: Vec<(u16, f32)> = glyphs
        .used
        .iter()
        .map(|u| {
            let advance = face
                .glyph_hor_advance(ttf_parser::GlyphId(u.original))
                .map_or(1000.0, |a| scale(f32::from(a)));
            (u.code, advance)
        })
        .collect();
    by_code.sort_by_key(|&(code, _)| code);
    by_code.dedup_by_key(|&mut (code, _)| code);
    let mut chunk = Chunk::new();
    let mut cid = chunk.cid_font(cid_font);
    cid.subtype(if program.kind == ProgramKind::TrueType {
        CidFontType::Type2
    } else {
        CidFontType::Type0
    })
    .base_font(Name(base.as_bytes()))
    .system_info(info)
    .font_descriptor(descriptor)
    .default_width(1000.0);
    if program.kind == ProgramKind::TrueType {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let mut widths = cid.widths();
    for run in by_code.chunk_by(|a, b| b.0 == a.0 + 1) {
        widths.consecutive(run[0].0, run.iter().map(|&(_, w)| w));
    }
    widths.finish();
    cid.finish();
    envelope.put(cid_font, &chunk)?;

    let bbox = face.global_bounding_box();
    let mut chunk = Chunk::new();
    let mut described = chunk.font_descriptor(descriptor);
    described
        .name(Name(base.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            scale(f32::from(bbox.x_min)),
            scale(f32::from(bbox.y_min)),
            scale(f32::from(bbox.x_max)),
            scale(f32::from(bbox.y_max)),
        ))
        .italic_angle(face.italic_angle())
        .ascent(scale(f32::from(face.ascender())))
        .descent(scale(f32::from(face.descender())))
        .cap_height(scale(f32::from(
            face.capital_height().unwrap_or(face.ascender()),
        )))
        .stem_v(80.0);
    match program.kind {
        ProgramKind::TrueType => described.font_file2(file),
        ProgramKind::BareCff | ProgramKind::OpenType => described.font_file3(file),
    };
    described.finish();
    envelope.put(descriptor, &chunk)?;

    let mut packed = Vec::new();
    deflate(&program.bytes, &mut packed)?;
    let mut chunk = Chunk::new();
    let mut stream = chunk.stream(file, &packed);
    stream.filter(Filter::FlateDecode);
    match program.kind {
        ProgramKind::TrueType => {
            stream.pair(Name(b"Length1"), program.bytes.len() as i32);
        }
        ProgramKind::BareCff => {
            stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        }
        ProgramKind::OpenType => {
            stream.pair(Name(b"Subtype"), Name(b"OpenType"));
        }
    }
    stream.finish();
    envelope.put(file, &chunk)?;

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), info);
    for used in &glyphs.used {
        if let Some(c) = used.char {
            cmap.pair(used.code, c);
        }
    }
    deflate(&cmap.finish(), &mut packed)?;
    let mut chunk = Chunk::new();
    chunk.cmap(to_unicode, &packed).filter(Filter::FlateDecode);
    envelope.put(to_unicode, &chunk)?;
    Ok(())
}

/// The font cut down to the glyphs used, numbered in the order they were.
fn subset(font: &FontSource, glyphs: &Glyphs) -> Result<Program, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::cff::CFF;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    use allsorts::tables::FontTableProvider;
    let bad = |reason: String| PdfError::Font {
        path: font.label.clone(),
        reason,
    };
    let provider = font.tables()?;
    let bytes = allsorts::subset::subset(
        &provider,
        &glyphs.originals(),
        &SubsetProfile::Pdf,
        CmapTarget::Unicode,
    )
    .map_err(|e| bad(format!("无法提取字形子集 (subset): {e}")))?;
    if !bytes.starts_with(b"OTTO") {
        return Ok(Program {
            bytes,
            kind: ProgramKind::TrueType,
        });
    }
    let unreadable =
        |e: &dyn std::fmt::Display| bad(format!("子集字体无法解析 (subset unreadable): {e}"));
    let table = {
        let data = ReadScope::new(&bytes)
            .read::<FontData<'_>>()
            .map_err(|e| unreadable(&e))?;
        let provider = data.table_provider(0).map_err(|e| unreadable(&e))?;
        provider
            .read_table_data(allsorts::tag::CFF)
            .map_err(|e| unreadable(&e))?
            .into_owned()
    };
    let cff = ReadScope::new(&table)
        .read::<CFF<'_>>()
        .map_err(|e| unreadable(&e))?;
    let face = cff
        .fonts
        .first()
        .ok_or_else(|| bad("子集字体无法解析 (subset unreadable)".into()))?;
    if !face.is_cid_keyed() {
        return Ok(Program {
            bytes,
            kind: ProgramKind::OpenType,
        });
    }
    // The codes were given before the subset was made: they must be its CIDs.
    let agrees = glyphs
        .used
        .iter()
        .enumerate()
        .all(|(gid, u)| gid == 0 || face.charset.id_for_glyph(gid as u16) == Some(u.code));
    if !agrees {
        return Err(bad("子集字体的 CID 与文字编码不符 (CID mismatch)".into()));
    }
    drop(cff);
    Ok(Program {
        bytes: table,
        kind: ProgramKind::BareCff,
    })
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
