//! What the print dialog and its job bring: the user's choices, CUPS's
//! answers, and where the job is.

use crate::printer::error::PrinterError;
use crate::printer::job::{JobId, JobStatus};
use crate::printer::printers::{Choices, Media, Printer};
use crate::printer::printout::Content;

/// Where a job is.
#[derive(Debug, Clone)]
pub enum Stage {
    /// The PDF is being made: pages made, of how many (once laid out).
    Making(Option<(usize, usize)>),
    /// The PDF is being handed to CUPS.
    Sending,
    /// CUPS has it: its id and state.
    Sent(JobId, JobStatus),
}

/// How a job ended.
#[derive(Debug, Clone)]
pub enum Ended {
    /// Printed: what, on which printer.
    Printed(String),
    /// Stopped before CUPS had it: nothing sent.
    NothingSent,
    /// Cancelled after CUPS had it.
    Cancelled(JobId),
    /// Not printed, and why.
    Failed(PrinterError),
}

/// What the dialog and the job bring.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the dialog.
    Open,
    /// Close it (取消, Esc, a click beside it).
    Close,
    /// CUPS listed its printers (for the dialog opened `n`-th), or could not.
    Listed(u64, Result<Vec<Printer>, PrinterError>),
    /// A printer was chosen.
    Printer(String),
    /// What a printer offers, or why it could not be asked.
    Offered(String, Result<Choices, PrinterError>),
    /// 组织图 or 花名册.
    Content(Content),
    /// The copies field was typed in.
    Copies(String),
    /// A paper was chosen.
    Paper(Media),
    /// 双面 was switched.
    TwoSided(bool),
    /// 全部页 (false) or 页码范围 (true).
    SomePages(bool),
    /// The page range field was typed in.
    Range(String),
    /// The masking box was switched.
    Unmasked(bool),
    /// 打印.
    Print,
    /// 另存为 PDF….
    SavePdf,
    /// The job moved on.
    Staged(Stage),
    /// The job ended.
    Ended(Ended),
    /// 取消打印.
    Cancel,
}

impl Message {
    /// Whether the user did this (rather than CUPS or the job answering).
    pub fn is_action(&self) -> bool {
        !matches!(
            self,
            Message::Listed(..) | Message::Offered(..) | Message::Staged(_) | Message::Ended(_)
        )
    }
}
