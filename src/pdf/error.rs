//! Why a printout could not be made, and how many pages one may hold.

/// Why a printout could not be made.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum PdfError {
    /// The font file could not be read or is not a usable font.
    #[error("{path}: 无法使用该字体 (bad font): {reason}")]
    Font {
        /// The font file (or "内置字体" for the bundled one).
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// A code given on the command line names no unit. The command adds the
    /// option that took it: roster and poster have `--unit`, chart `--root`.
    #[error("找不到编码为 {0} 的组织 (unknown code)")]
    UnknownCode(String),
    /// Nothing to print.
    #[error("没有可打印的内容 (nothing to print)：{0}")]
    Empty(String),
    /// More pages than one printout may hold. The command adds the option
    /// that prints a part.
    #[error("至少 {0} 页，超过一份 PDF 的上限 {MAX_PAGES} 页 (too many pages)：请分册打印")]
    TooManyPages(usize),
    /// The PDF could not be put together (a bug, not bad input).
    #[error("无法生成 PDF (render error): {0}")]
    Render(String),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] crate::document::DocumentError),
    /// Whoever waited on the printout stopped it.
    #[error("已取消打印 (cancelled)")]
    Cancelled,
}

/// The most pages one printout holds. A city's member roster, the largest
/// printout of the scales of docs/cli.md, is about 5,600 pages; every page is held in
/// memory until the file is written (about 0.07 MB a page), so a document
/// crafted to print more is refused before the PDF is put together.
pub const MAX_PAGES: usize = 8_000;
