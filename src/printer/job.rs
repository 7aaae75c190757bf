//! A job sent to CUPS with `lp`, followed until it is done, cancelled with
//! `cancel`. A job that does not print says why: CUPS's reason, the printer
//! refusing, the printer removed while the job waited.

use super::error::{said, PrinterError};
use super::ipp::{self, Attribute, Operation, NOT_FOUND};
use super::printers::{check, user};
use super::request::Request;
use super::server::{Cups, Ran};
use super::spool::Spool;
use std::ffi::OsStr;

/// A job CUPS accepted: `PDF-12` is job 12 on printer PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobId {
    /// The printer it was sent to.
    pub printer: String,
    /// The job's number on the scheduler.
    pub number: i32,
}

impl std::fmt::Display for JobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.printer, self.number)
    }
}

/// Where a job is, short of failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    /// Waiting its turn.
    Pending,
    /// Held until released.
    Held,
    /// Being printed.
    Printing,
    /// Waiting on a stopped printer.
    Stopped,
    /// Printed.
    Completed,
}

/// A job's state and what CUPS says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStatus {
    /// Where it is.
    pub state: JobState,
    /// CUPS's words on it (the printer's message), if any.
    pub message: Option<String>,
}

impl JobStatus {
    /// Whether the job is printed.
    pub fn is_done(&self) -> bool {
        self.state == JobState::Completed
    }
}

impl Cups {
    /// Sends `pdf` as one job: written to a private spool file, handed to
    /// `lp`, the file removed as soon as `lp` returns (CUPS keeps its own copy)
    /// or fails.
    pub fn send(&self, pdf: &[u8], request: &Request) -> Result<JobId, PrinterError> {
        self.send_spool(Spool::write(pdf)?, request)
    }

    /// Sends the PDF written into `spool` as one job, as [`Cups::send`] does;
    /// the file is removed as soon as `lp` returns or fails.
    pub fn send_spool(&self, mut spool: Spool, request: &Request) -> Result<JobId, PrinterError> {
        let arguments = request.arguments()?;
        spool.finish()?;
        let mut args: Vec<&OsStr> = arguments.iter().map(OsStr::new).collect();
        args.push(spool.path().as_os_str());
        let printed = self.run("lp", &args);
        drop(spool);
        match printed {
            Ok(out) => job_id(&out).ok_or_else(|| {
                PrinterError::Protocol(format!("lp 没有给出任务号：{}", said(&out)))
            }),
            Err(Ran::Missing) => Err(PrinterError::NotInstalled),
            Err(Ran::Failed(lp_said)) => Err(self.why_refused(&request.printer, lp_said)),
        }
    }

    /// Why `lp` refused a job on `printer`: the printer unknown or not
    /// accepting (with CUPS's reason), the scheduler gone, or what lp said.
    fn why_refused(&self, printer: &str, lp_said: String) -> PrinterError {
        match self.printer_attributes(
            printer,
            &["printer-is-accepting-jobs", "printer-state-message"],
        ) {
            Ok(group) if ipp::boolean(&group, "printer-is-accepting-jobs") == Some(false) => {
                let reason = ipp::text(&group, "printer-state-message")
                    .map(said)
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| "未说明原因".into());
                PrinterError::NotAccepting {
                    printer: said(printer),
                    reason,
                }
            }
            Ok(_) => PrinterError::Refused(lp_said),
            Err(e) => e,
        }
    }

    /// Where job `id` is; a job that will not print is an error saying why:
    /// [`PrinterError::Aborted`], [`PrinterError::Cancelled`] (also when
    /// cancelled through [`Cups::cancel`]), or [`PrinterError::PrinterGone`].
    pub fn job(&self, id: &JobId) -> Result<JobStatus, PrinterError> {
        let uri = format!("ipp://localhost/jobs/{}", id.number);
        let answer = ipp::ask(
            self.server(),
            Operation::GetJobAttributes,
            &[
                Attribute::Uri("job-uri", &uri),
                Attribute::Name("requesting-user-name", &user()),
                Attribute::Keywords(
                    "requested-attributes",
                    &[
                        "job-state",
                        "job-state-reasons",
                        "job-printer-state-message",
                    ],
                ),
            ],
        )?;
        if answer.status == NOT_FOUND {
            return Err(self.gone_or(id, || PrinterError::Cancelled("任务已不在队列中".into())));
        }
        check(answer.status)?;
        let group = answer.groups.into_iter().next().unwrap_or_default();
        let message = ipp::text(&group, "job-printer-state-message")
            .map(said)
            .filter(|m| !m.is_empty());
        let reasons = || {
            let words: Vec<&str> = ipp::texts(&group, "job-state-reasons")
                .filter(|r| *r != "none")
                .collect();
            match (&message, words.is_empty()) {
                (Some(m), _) => m.clone(),
                (None, false) => said(&words.join(", ")),
                (None, true) => "未说明原因".into(),
            }
        };
        let state = match ipp::integer(&group, "job-state") {
            Some(3) => JobState::Pending,
            Some(4) => JobState::Held,
            Some(5) => JobState::Printing,
            Some(6) => JobState::Stopped,
            Some(7) => return Err(self.gone_or(id, || PrinterError::Cancelled(reasons()))),
            Some(8) => return Err(PrinterError::Aborted(reasons())),
            Some(9) => JobState::Completed,
            other => {
                return Err(PrinterError::Protocol(format!(
                    "任务状态 {other:?} 无法理解"
                )))
            }
        };
        // A job waiting on a stopped printer says the printer's reason.
        let message = match (state, &message) {
            (JobState::Pending | JobState::Stopped, None) => self
                .printer_attributes(&id.printer, &["printer-state", "printer-state-message"])
                .ok()
                .filter(|g| ipp::integer(g, "printer-state") == Some(5))
                .map(|g| {
                    ipp::text(&g, "printer-state-message")
                        .map(said)
                        .filter(|m| !m.is_empty())
                        .unwrap_or_else(|| "打印机已停止".into())
                }),
            _ => message,
        };
        let state = match (state, &message) {
            (JobState::Pending, Some(_)) => JobState::Stopped,
            (state, _) => state,
        };
        Ok(JobStatus { state, message })
    }

    /// [`PrinterError::PrinterGone`] when the job's printer no longer
    /// exists, else `otherwise`.
    fn gone_or(&self, id: &JobId, otherwise: impl FnOnce() -> PrinterError) -> PrinterError {
        match self.printer_attributes(&id.printer, &["printer-name"]) {
            Err(PrinterError::UnknownPrinter(_)) => PrinterError::PrinterGone(said(&id.printer)),
            _ => otherwise(),
        }
    }

    /// Cancels job `id` (`cancel`); a job already done or gone is no error.
    pub fn cancel(&self, id: &JobId) -> Result<(), PrinterError> {
        let job = id.to_string();
        match self.run("cancel", &[OsStr::new(&job)]) {
            Ok(_) => Ok(()),
            Err(Ran::Failed(said))
                if said.contains("already") || said.contains("does not exist") =>
            {
                Ok(())
            }
            Err(e) => Err(e.into_error()),
        }
    }
}

/// The job from `lp`'s answer: `request id is PDF-12 (1 file(s))`.
fn job_id(out: &str) -> Option<JobId> {
    let rest = out.split("request id is ").nth(1)?;
    let id = rest.split_whitespace().next()?;
    let (printer, number) = id.rsplit_once('-')?;
    Some(JobId {
        printer: printer.to_string(),
        number: number.parse().ok().filter(|n| *n > 0)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lp_answers_give_the_job_and_odd_ones_none() {
        assert_eq!(
            job_id("request id is PDF-12 (1 file(s))\n"),
            Some(JobId {
                printer: "PDF".into(),
                number: 12
            })
        );
        assert_eq!(
            job_id("request id is Office-3F-7 (1 file(s))").map(|j| j.to_string()),
            Some("Office-3F-7".into())
        );
        for odd in [
            "",
            "request id is ",
            "request id is PDF",
            "request id is PDF-x",
        ] {
            assert_eq!(job_id(odd), None, "{odd}");
        }
    }
}
