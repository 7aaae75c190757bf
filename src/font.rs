//! The bundled CJK font (Noto Sans CJK SC, SIL OFL 1.1; see `assets/fonts/`),
//! shared by the window and the PDFs.

/// The font file's bytes: a complete TrueType face, so any name in user data renders.
pub const NOTO_SANS_SC: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Regular.ttf");

/// The family name the font registers under.
pub const FAMILY: &str = "Noto Sans CJK SC";

/// The largest font file read (`--font`): 128 MiB. A CJK face is about
/// 20 MB (the bundled one is); a collection of every weight of one family in
/// one `.ttc` is about 100 MB.
pub const FILE_LIMIT: u64 = 128 << 20;
