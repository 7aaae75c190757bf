//! Printed output as PDF: org charts, rosters, notice boards, the statistics tables and the change report.
//!
//! Each printout builds [`sheet::Page`]s — text, rectangles and lines placed in
//! points from the top-left corner — measured with [`text::TextFont`]. The
//! writer turns each page into its content stream and writes it to the file at
//! once, and at the end embeds only the glyphs used (a subset of the bundled
//! Noto Sans CJK SC, or of a font the user names). Text stays real text: it can
//! be searched and copied in any viewer.

pub mod changes;
pub mod chart;
mod compress;
mod content;
mod envelope;
mod error;
mod font_subset;
mod glyphs;
mod operators;
pub mod poster;
pub mod report;
pub mod roster;
mod sheet;
mod table;
mod text;
mod tiles;
mod watch;
mod write;

pub use error::{PdfError, MAX_PAGES};
pub use text::FontSource;
pub use watch::Watch;

use crate::document::AtomicFile;
use std::path::Path;

/// Paper sizes of the A series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 297 × 420 mm.
    A3,
    /// 420 × 594 mm.
    A2,
    /// 594 × 841 mm.
    A1,
    /// 841 × 1189 mm.
    A0,
}

/// Points per millimetre.
pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

impl std::fmt::Display for Paper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Paper {
    /// Width and height in points, portrait.
    pub fn size(self) -> (f32, f32) {
        let (w, h) = match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A2 => (420.0, 594.0),
            Paper::A1 => (594.0, 841.0),
            Paper::A0 => (841.0, 1189.0),
        };
        (w * PT_PER_MM, h * PT_PER_MM)
    }

    /// Width and height in points, turned when `landscape`.
    pub fn oriented(self, landscape: bool) -> (f32, f32) {
        let (w, h) = self.size();
        if landscape {
            (h, w)
        } else {
            (w, h)
        }
    }

    /// The name printed on labels ("A3").
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
            Paper::A2 => "A2",
            Paper::A1 => "A1",
            Paper::A0 => "A0",
        }
    }
}

/// A printout streamed into `path` by `make` as its pages are made, through a
/// temporary file that becomes `path` only when `make` succeeds: cancelled or
/// failed, nothing is left.
pub fn save_streamed<T>(
    path: &Path,
    make: impl FnOnce(&mut AtomicFile) -> Result<T, PdfError>,
) -> Result<T, PdfError> {
    let mut file = AtomicFile::create(path)?;
    let made = make(&mut file)?;
    file.commit()?;
    Ok(made)
}
