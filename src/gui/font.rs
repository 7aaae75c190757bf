//! The window's font.

use iced::Font;

/// The window's font: the bundled CJK face (its bytes are [`crate::font`]'s,
/// shared with the PDFs).
pub const CJK: Font = Font::with_name(crate::font::FAMILY);
