//! Why printing to a printer did not happen, each in Chinese with its
//! English keyword, and how CUPS's own words are brought into a message.

use crate::pdf::PdfError;

/// Why a printer could not be listed, asked or sent a job, or why the job
/// did not print.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PrinterError {
    /// The CUPS client commands (`lp`) are not on this machine.
    #[error("未安装 CUPS 打印系统 (cups-client)：找不到 lp 命令，请安装 cups")]
    NotInstalled,
    /// The scheduler does not answer where it is looked for.
    #[error("CUPS 打印服务没有运行 (scheduler not running)：无法连接 {server}（{reason}）")]
    NotRunning {
        /// The socket or host asked.
        server: String,
        /// What the connection said.
        reason: String,
    },
    /// No printer of that name.
    #[error("打印机“{0}”不存在 (printer unknown)")]
    UnknownPrinter(String),
    /// The printer was removed while its job waited.
    #[error("打印机“{0}”已被删除，任务没有打印 (printer gone)")]
    PrinterGone(String),
    /// The printer takes no jobs now.
    #[error("打印机“{printer}”拒绝接收任务 (not accepting)：{reason}")]
    NotAccepting {
        /// The printer.
        printer: String,
        /// CUPS's reason, or 未说明原因.
        reason: String,
    },
    /// `lp` refused the job for another reason.
    #[error("CUPS 拒绝了打印任务 (refused)：{0}")]
    Refused(String),
    /// The job was stopped by CUPS (a filter or the printer failed).
    #[error("打印任务被中止 (job aborted)：{0}")]
    Aborted(String),
    /// Someone else cancelled the job (the printer's operator, an administrator).
    #[error("打印任务已被取消 (job cancelled)：{0}")]
    Cancelled(String),
    /// The page range is not one `lp` reads.
    #[error("页码范围“{0}”无效 (invalid page range)：应为 1-3,5 这样的写法")]
    Pages(String),
    /// Copies not a number from 1 to 99.
    #[error("份数“{0}”无效 (invalid copies)：应为 1 到 99")]
    Copies(String),
    /// The scheduler's answer could not be read.
    #[error("无法读取 CUPS 的回答 (bad response)：{0}")]
    Protocol(String),
    /// A CUPS command could not be run or the private spool file not written.
    #[error("无法交给 CUPS (spool failed)：{0}")]
    Spool(String),
    /// The PDF could not be made (or making it was cancelled).
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

/// The most characters of CUPS's own words put in a message.
const SAID_CHARS: usize = 200;

/// Text from CUPS (a reason, a command's error) as a message may show it: on
/// one line, control characters escaped, at most [`SAID_CHARS`] characters.
pub fn said(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = crate::controls::escape(&flat);
    match shown.char_indices().nth(SAID_CHARS) {
        Some((cut, _)) => format!("{}…", &shown[..cut]),
        None => shown.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cups_words_are_one_short_line_without_controls() {
        assert_eq!(said("  维修中\n请稍候 "), "维修中 请稍候");
        assert_eq!(said("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(said(&"长".repeat(500)).chars().count(), SAID_CHARS + 1);
    }
}
