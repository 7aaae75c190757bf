//! The window's text shaping of the bundled font: every ideograph takes a full
//! advance (vendor/README.md, `harfrust/`).

use gridorg::font::{FAMILY, NOTO_SANS_SC};
use iced::advanced::graphics::text::cosmic_text as ct;

/// Each glyph of `line` shaped at `size` px as the window shapes non-ASCII
/// text (advanced shaping), with a font system of its own so that the
/// shaper's caches start empty, as at the window's first draw: (text, x, width).
fn shaped(line: &str, size: f32) -> Vec<(String, f32, f32)> {
    let mut db = ct::fontdb::Database::new();
    db.load_font_source(ct::fontdb::Source::Binary(std::sync::Arc::new(
        NOTO_SANS_SC,
    )));
    let mut fonts = ct::FontSystem::new_with_locale_and_db("zh-CN".into(), db);
    let mut buffer = ct::Buffer::new(&mut fonts, ct::Metrics::new(size, size * 1.3));
    buffer.set_text(
        &mut fonts,
        line,
        &ct::Attrs::new().family(ct::Family::Name(FAMILY)),
        ct::Shaping::Advanced,
        None,
    );
    buffer.shape_until_scroll(&mut fonts, false);
    buffer
        .layout_runs()
        .flat_map(|run| {
            run.glyphs
                .iter()
                .map(|glyph| (line[glyph.start..glyph.end].to_string(), glyph.x, glyph.w))
        })
        .collect()
}

#[test]
fn each_ideograph_takes_a_full_advance() {
    // 胜 is glyph 32703: harfrust 0.3.2 took a glyph of id 32640..=32767 for
    // a mark, of no advance, while its slot of the GDEF cache was empty.
    for line in ["黄胜利党员中心户", "胜利", "肿胁胂胜"] {
        let glyphs = shaped(line, 14.0);
        for (i, (text, x, width)) in glyphs.iter().enumerate() {
            assert_eq!(
                (*x, *width),
                (14.0 * i as f32, 14.0),
                "{text:?} in {line:?}: {glyphs:?}"
            );
        }
    }
}
