//! A print job on a thread of its own: the PDF made, handed to CUPS and
//! followed until it is printed or says why not; each stage told as the
//! status bar says it.

use super::message::{Ended, Message, Stage};
use crate::model::Document;
use crate::pdf::{PdfError, Watch};
use crate::printer::error::PrinterError;
use crate::printer::job::{JobState, JobStatus};
use crate::printer::printout::{self, Printout};
use crate::printer::request::{Pages, Request};
use crate::printer::server::Cups;
use crate::printer::spool::Spool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often a job sent is asked after.
const POLL: Duration = Duration::from_millis(300);

impl Stage {
    /// What the status bar says, and whether it is said in red (the
    /// printer stopped).
    pub fn words(&self, printer: &str) -> (String, bool) {
        match self {
            Stage::Making(None) => ("打印：正在生成 PDF…".into(), false),
            Stage::Making(Some((made, total))) => {
                (format!("打印：正在生成 PDF，第 {made}/{total} 页…"), false)
            }
            Stage::Sending => (format!("打印：正在发送到 {printer}…"), false),
            Stage::Sent(id, status) => {
                let said = match status.state {
                    JobState::Pending => format!("已发送到 {printer}（任务 {id}），排队等候…"),
                    JobState::Held => format!("已发送到 {printer}（任务 {id}），任务被挂起"),
                    JobState::Printing => format!("{printer} 打印中（任务 {id}）…"),
                    JobState::Completed => format!("{printer} 已完成（任务 {id}）"),
                    JobState::Stopped => format!(
                        "{printer} 已停止，任务 {id} 等候中：{}",
                        status.message.as_deref().unwrap_or("未说明原因")
                    ),
                };
                (said, status.state == JobState::Stopped)
            }
        }
    }
}

/// Runs `work` (CUPS may be slow or dead) on a thread of its own and hands
/// back its result.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, PrinterError> + Send + 'static,
) -> Result<T, PrinterError> {
    let (sender, receiver) = iced::futures::channel::oneshot::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    receiver
        .await
        .unwrap_or_else(|_| Err(PrinterError::Spool("查询线程意外结束".into())))
}

/// Makes the PDF, sends it and follows the job, on a thread of its own,
/// telling each stage; a cancel before CUPS has the job sends nothing,
/// after it cancels the job in CUPS.
pub fn run(
    cups: Option<Cups>,
    document: Arc<Document>,
    order: Printout,
    request: Request,
    cancel: Arc<AtomicBool>,
) -> impl iced::futures::Stream<Item = Message> {
    let (sender, receiver) = iced::futures::channel::mpsc::unbounded();
    std::thread::spawn(move || {
        let tell = |stage| {
            let _ = sender.unbounded_send(Message::Staged(stage));
        };
        let ended = follow(cups, &document, &order, &request, &cancel, tell);
        let _ = sender.unbounded_send(Message::Ended(ended));
    });
    receiver
}

fn follow(
    cups: Option<Cups>,
    document: &Document,
    order: &Printout,
    request: &Request,
    cancel: &AtomicBool,
    tell: impl Fn(Stage) + Sync,
) -> Ended {
    let pages = |made: usize, total: usize| {
        if made == total || made.is_multiple_of((total / 100).max(1)) {
            tell(Stage::Making(Some((made, total))));
        }
    };
    let watch = Watch {
        cancel,
        pages: &pages,
    };
    tell(Stage::Making(None));
    let spool = match Spool::create() {
        Ok(spool) => spool,
        Err(e) => return Ended::Failed(e),
    };
    let (spool, made) = match printout::make_to(document, order, watch, spool) {
        Ok(made) => made,
        Err(PdfError::Cancelled) => return Ended::NothingSent,
        Err(e) => return Ended::Failed(e.into()),
    };
    if cancel.load(Ordering::Relaxed) {
        return Ended::NothingSent;
    }
    tell(Stage::Sending);
    let cups = cups.unwrap_or_else(Cups::system);
    let id = match cups.send_spool(spool, request) {
        Ok(id) => id,
        Err(e) => return Ended::Failed(e),
    };
    let mut status = JobStatus {
        state: JobState::Pending,
        message: None,
    };
    loop {
        tell(Stage::Sent(id.clone(), status.clone()));
        for _ in 0..6 {
            if cancel.load(Ordering::Relaxed) {
                return match cups.cancel(&id) {
                    Ok(()) => Ended::Cancelled(id),
                    Err(e) => Ended::Failed(e),
                };
            }
            std::thread::sleep(POLL / 6);
        }
        status = match cups.job(&id) {
            Ok(status) if status.is_done() => {
                let pages = match &request.pages {
                    Pages::All => format!("共 {} 页", made.pages),
                    Pages::Some(range) => format!("第 {range} 页"),
                };
                return Ended::Printed(format!(
                    "已完成：{}（{pages}）× {} 份，打印机 {}（任务 {id}）",
                    order.content.name(),
                    request.copies,
                    request.printer
                ));
            }
            Ok(status) => status,
            Err(e) => return Ended::Failed(e),
        };
    }
}
