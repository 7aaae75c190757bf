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

/// A failed write of a printout's output: the file's own error (which says
/// where, and what is left on disk) when it gave one, as
/// [`crate::document::AtomicFile`] does.
impl From<std::io::Error> for PdfError {
    fn from(e: std::io::Error) -> PdfError {
        let text = e.to_string();
        match e
            .into_inner()
            .map(|inner| inner.downcast::<crate::document::DocumentError>())
        {
            Some(Ok(document)) => PdfError::Write(*document),
            _ => PdfError::Write(crate::document::DocumentError::Io {
                path: "PDF".into(),
                action: "写入",
                reason: text,
            }),
        }
    }
}

/// The most pages one printout holds. Pages are written to the file as they
/// are made, so this guards the disk, not memory: a city's household roster,
/// the longest printout of the scales of docs/cli.md, is about 9,200 pages
/// (some 50 KB of file a page); a document crafted to print more is refused.
pub const MAX_PAGES: usize = 100_000;
