//! Crash safety in the window: every edit is logged to a journal until the
//! document is saved, and edits a killed session left are offered back in a
//! banner. The journal is looked for and started on a worker (it reads the
//! whole document's text); steps taken meanwhile wait and are written once it
//! is ready. While the journal cannot be written, a warning stays above the
//! panels — whatever the status bar says meanwhile — until a write succeeds.

use super::io::{self, FileError, Once, WORKER_LOST};
use crate::edit::History;
use crate::journal::{self, Entry, Journal, Recovery as Left};
use crate::model::Document;
use iced::widget::{button, column, container, row, text, tooltip};
use iced::{Color, Element, Length, Task};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Restore the edits a killed session left.
pub const RESTORE: &str = "恢复这些修改";
/// Drop them.
pub const DROP: &str = "放弃";
/// What the warning above the panels starts with while edits are not
/// journaled (the reason follows).
pub const NOT_JOURNALED: &str = "⚠ 崩溃恢复已中断 (recovery off)";

/// The journal of the open document, and what a killed session left.
#[derive(Default)]
pub struct Recovery {
    journal: Option<Journal>,
    left: Option<Left>,
    /// Steps taken while a journal is being started, written to it once it
    /// is ready.
    waiting: Option<Vec<Entry>>,
    /// Why edits are not journaled, while they are not.
    failing: Option<FileError>,
}

/// How the edits of an opened document are journaled.
#[derive(Debug)]
pub enum Journaling {
    /// A fresh journal.
    Fresh(Journal),
    /// A killed session left edits for this document: ask before journaling.
    Pending(Box<Left>),
    /// No journal could be written: why.
    Off(FileError),
}

/// What the banner and the workers bring.
#[derive(Debug, Clone)]
pub enum Message {
    /// Restore the edits a killed session left.
    Restore,
    /// Drop them.
    Drop,
    /// A journal was found or started.
    Journaled(Once<Journaling>),
}

/// What the root acts on.
pub enum Event {
    /// The document changed (edits restored): recheck it; what to say.
    Restored(String),
    /// Something to tell the user.
    Notice(String),
}

/// The document and history the banner restores into.
pub struct Target<'a> {
    /// The document.
    pub document: &'a mut Document,
    /// Its history.
    pub history: &'a mut History,
}

impl Recovery {
    /// Looks for what a killed session left for the document at `path`, or
    /// starts a fresh journal; an imported workbook (no file yet) gets a
    /// fresh one.
    pub fn opened(&mut self, path: Option<PathBuf>, document: Arc<Document>) -> Task<Message> {
        self.waiting = Some(Vec::new());
        Task::perform(
            async move {
                let found = io::apart(move || match path {
                    Some(path) => match journal::pending(Some(&path), &document) {
                        Some(left) => Journaling::Pending(Box::new(left)),
                        None => fresh(Some(&path), &document),
                    },
                    None => fresh(None, &document),
                })
                .await;
                Once::new(found.unwrap_or(Journaling::Off(WORKER_LOST)))
            },
            Message::Journaled,
        )
    }

    /// Starts a fresh journal from the document as it is now (just saved, or
    /// new). The journal kept so far is ended with it: after a save, even to
    /// another name, nothing of it is left to be offered again.
    pub fn restart(&mut self, path: Option<PathBuf>, document: Arc<Document>) -> Task<Message> {
        self.waiting = Some(Vec::new());
        let old = self.journal.take();
        Task::perform(
            async move {
                let started = io::apart(move || match old {
                    Some(mut journal) => match journal.saved(path.as_deref(), &document) {
                        Ok(()) => Journaling::Fresh(journal),
                        Err(e) => Journaling::Off(e.into()),
                    },
                    None => fresh(path.as_deref(), &document),
                })
                .await;
                Once::new(started.unwrap_or(Journaling::Off(WORKER_LOST)))
            },
            Message::Journaled,
        )
    }

    /// Logs a step the history took. A step the journal could not write is
    /// kept and written with the next one (see [`Journal::record`]); the
    /// warning shows until then.
    pub fn record(&mut self, step: Entry) {
        if let Some(steps) = &mut self.waiting {
            // The id the command created is taken now: by the time the
            // journal is ready, a later command may have created another.
            if matches!(step, Entry::Apply(_)) {
                if let Some(id) = crate::model::ids::take_created() {
                    steps.push(Entry::Created(id));
                }
            }
            steps.push(step);
        } else if let Some(journal) = &mut self.journal {
            self.failing = journal.record(&step).err().map(FileError::from);
        }
    }

    /// The user dropped the unsaved changes: nothing is left to recover.
    pub fn discard(&mut self) -> Option<String> {
        match self.journal.take().map(Journal::discard) {
            Some(Err(e)) => Some(e.to_string()),
            _ => None,
        }
    }

    /// Whether a journal is kept (a new document keeps one too).
    pub fn is_on(&self) -> bool {
        self.journal.is_some() || self.waiting.is_some()
    }

    /// How many edits a killed session left, when they are offered.
    pub fn offered(&self) -> Option<usize> {
        self.left.as_ref().map(Left::edits)
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        target: Option<Target<'_>>,
        path: Option<&Path>,
        document: impl FnOnce() -> Arc<Document>,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Journaled(journaling) => {
                if let Some(journaling) = journaling.take() {
                    self.journaling(journaling);
                }
                (Task::none(), None)
            }
            Message::Restore => {
                let (Some(left), Some(target)) = (self.left.take(), target) else {
                    return (Task::none(), None);
                };
                // The banner counted edits; the journal's entries also hold
                // undos, redos and the ids handed out.
                let edits = left.edits();
                let (count, said) = match left.replay(target.document, target.history) {
                    Ok(n) => (n, format!("已恢复 {edits} 项未保存的修改（可撤销）")),
                    Err(stopped) => (stopped.applied, stopped.to_string()),
                };
                match left.resume(count) {
                    Ok(journal) => {
                        self.journal = Some(journal);
                        self.failing = None;
                    }
                    Err(e) => self.failing = Some(e.into()),
                }
                (Task::none(), Some(Event::Restored(said)))
            }
            Message::Drop => {
                let Some(left) = self.left.take() else {
                    return (Task::none(), None);
                };
                let said = left.discard().err().map(|e| Event::Notice(e.to_string()));
                (self.restart(path.map(Path::to_path_buf), document()), said)
            }
        }
    }

    /// Journals the edits as `journaling` says: into a fresh journal, or after
    /// asking whether to restore what a killed session left.
    fn journaling(&mut self, journaling: Journaling) {
        match journaling {
            Journaling::Fresh(journal) => {
                self.journal = Some(journal);
                self.failing = None;
                for step in self.waiting.take().unwrap_or_default() {
                    self.record(step);
                }
            }
            Journaling::Pending(left) => {
                // Steps taken before the offer came are in the document, not
                // in the journal offered.
                self.waiting = None;
                self.left = Some(*left);
            }
            Journaling::Off(why) => {
                self.waiting = None;
                self.failing = Some(why);
            }
        }
    }

    /// Above the panels: the banner offering a killed session's edits, and
    /// the warning while edits are not journaled, when there are any.
    pub fn view(&self) -> Option<Element<'_, Message>> {
        let offer = self.offered().map(offer);
        let warning = self.failing.as_ref().map(|why| warning(why.to_string()));
        match (offer, warning) {
            (Some(offer), Some(warning)) => Some(column![offer, warning].spacing(6).into()),
            (offer, warning) => offer.or(warning),
        }
    }
}

/// The banner offering a killed session's `edits`.
fn offer<'a>(edits: usize) -> Element<'a, Message> {
    row![
        text(format!(
            "上次编辑未保存就意外退出了：有 {edits} 项修改可以恢复。"
        ))
        .size(14),
        button(text(RESTORE).size(13)).on_press(Message::Restore),
        button(text(DROP).size(13))
            .on_press(Message::Drop)
            .style(button::danger),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center)
    .into()
}

/// The warning while edits are not journaled: one red line, the reason cut
/// to its width and shown whole on hover.
fn warning<'a>(why: String) -> Element<'a, Message> {
    let red = Color::from_rgb(0.8, 0.1, 0.1);
    let line = row![
        text(NOT_JOURNALED).size(14).color(red),
        container(
            text(why.clone())
                .size(13)
                .color(red)
                .wrapping(text::Wrapping::None)
        )
        .width(Length::Fill)
        .clip(true),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center);
    let whole = container(text(why).size(13))
        .padding(6)
        .style(container::bordered_box)
        .max_width(640.0);
    tooltip(line, whole, tooltip::Position::Bottom).into()
}

fn fresh(path: Option<&Path>, document: &Document) -> Journaling {
    match Journal::start(path, document) {
        Ok(journal) => Journaling::Fresh(journal),
        Err(e) => Journaling::Off(e.into()),
    }
}
