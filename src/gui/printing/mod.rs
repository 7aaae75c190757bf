//! 打印…: the print dialog over the window — what to print, the printer
//! (CUPS's, the default first, each with its state), copies, paper, sides,
//! pages, masking — and the job it sends, followed in the status bar from
//! the PDF being made to the printer done, where 取消打印 stops it. Every
//! CUPS call runs off the window's thread; with no printer the dialog says
//! why and offers the PDF file instead.

mod dialog;
mod job;
mod labels;
mod message;

pub use labels::*;
pub use message::{Ended, Message, Stage};

use super::status::Notice;
use crate::model::Document;
use crate::printer::printout::{self, Content, Printout};
use crate::printer::request::{self, Pages, Request, Sides};
use crate::printer::server::Cups;
use dialog::{Dialog, Listing, RED};
use iced::widget::{container, mouse_area, opaque};
use iced::{Color, Element, Length, Task};
use job::{blocking, run};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// How wide the job's progress runs in the status bar, cut with … beyond.
const PROGRESS_WIDTH: f32 = 420.0;

/// The dialog, when open, and the job under way, when one is.
#[derive(Default)]
pub struct Printing {
    /// The scheduler asked; `None`: the one CUPS's tools use, found off the
    /// window's thread.
    cups: Option<Cups>,
    dialog: Option<Dialog>,
    job: Option<Running>,
    /// What was printed last (the dialog opens on it again).
    content: Option<Content>,
    /// Counts the dialogs opened: a listing for one closed is dropped.
    opened: u64,
}

/// A job under way.
struct Running {
    stage: Stage,
    printer: String,
    cancel: Arc<AtomicBool>,
}

/// What the root acts on.
pub enum Event {
    /// Print what the dialog says: the root hands over the document and the
    /// selected unit ([`Printing::start`]).
    Print,
    /// Write a PDF file of this instead (the print bar's way).
    SavePdf(Content),
    /// The masking choice changed (the print bar keeps it).
    Unmasked(bool),
    /// Something to tell the user.
    Notice(Notice),
    /// CUPS work to run.
    Run(Task<Message>),
}

impl Printing {
    /// Prints through `cups` instead of the scheduler CUPS's tools find.
    pub fn use_cups(&mut self, cups: Cups) {
        self.cups = Some(cups);
    }

    /// Whether the dialog is open.
    pub fn is_open(&self) -> bool {
        self.dialog.is_some()
    }

    /// Whether a job is under way.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Open if self.dialog.is_none() && self.job.is_none() => {
                self.opened += 1;
                self.dialog = Some(Dialog::new(self.content.unwrap_or(Content::Roster)));
                let (cups, opened) = (self.cups.clone(), self.opened);
                let list = Task::perform(
                    blocking(move || cups.unwrap_or_else(Cups::system).printers()),
                    move |listed| Message::Listed(opened, listed),
                );
                return Some(Event::Run(list));
            }
            Message::Open => {}
            Message::Close => self.dialog = None,
            Message::Listed(opened, listed) if opened == self.opened => {
                let dialog = self.dialog.as_mut()?;
                dialog.printers = match listed {
                    Ok(printers) => Listing::Listed(printers),
                    Err(e) => Listing::Failed(e),
                };
                let first = match &dialog.printers {
                    Listing::Listed(printers) => printers.first().map(|p| p.name.clone()),
                    _ => None,
                };
                return first.map(|name| self.choose(name));
            }
            Message::Listed(..) => {}
            Message::Printer(name) => return Some(self.choose(name)),
            Message::Offered(name, offered) => {
                let dialog = self.dialog.as_mut()?;
                if dialog.printer.as_deref() == Some(name.as_str()) {
                    if let Ok(choices) = &offered {
                        dialog.paper = choices
                            .papers
                            .iter()
                            .find(|m| Some(*m) == choices.default_paper.as_ref())
                            .or(choices.papers.first())
                            .cloned();
                        if !choices.two_sided {
                            dialog.sides = Sides::One;
                        }
                    }
                    dialog.choices = Some(offered);
                }
            }
            Message::Content(content) => self.dialog.as_mut()?.content = content,
            Message::Copies(typed) => {
                let dialog = self.dialog.as_mut()?;
                dialog.copies_error = request::copies(&typed).err().map(|e| e.to_string());
                dialog.copies = typed;
            }
            Message::Paper(media) => self.dialog.as_mut()?.paper = Some(media),
            Message::TwoSided(on) => {
                self.dialog.as_mut()?.sides = if on { Sides::Two } else { Sides::One };
            }
            Message::SomePages(some) => {
                let dialog = self.dialog.as_mut()?;
                dialog.some_pages = some;
                if !some {
                    dialog.range_error = None;
                }
            }
            Message::Range(typed) => {
                let dialog = self.dialog.as_mut()?;
                dialog.some_pages = true;
                dialog.range_error = match typed.trim().is_empty() {
                    true => None,
                    false => Pages::parse(&typed).err().map(|e| e.to_string()),
                };
                dialog.range = typed;
            }
            Message::Unmasked(on) => return Some(Event::Unmasked(on)),
            Message::Print => {
                let dialog = self.dialog.as_mut()?;
                if dialog.check() && self.job.is_none() {
                    return Some(Event::Print);
                }
            }
            Message::SavePdf => {
                let content = self.dialog.take()?.content;
                return Some(Event::SavePdf(content));
            }
            Message::Staged(stage) => {
                if let Some(job) = &mut self.job {
                    job.stage = stage;
                }
            }
            Message::Ended(ended) => {
                self.job = None;
                return Some(Event::Notice(match ended {
                    Ended::Printed(what) => Notice::info(what),
                    Ended::NothingSent => Notice::info("已取消打印，没有发送到打印机"),
                    Ended::Cancelled(id) => {
                        Notice::info(format!("已取消打印任务 {id}（打印机上已打出的页不能收回）"))
                    }
                    Ended::Failed(e) => Notice::refused(format!("打印失败：{e}")),
                }));
            }
            Message::Cancel => {
                if let Some(job) = &self.job {
                    job.cancel.store(true, Ordering::Relaxed);
                }
            }
        }
        None
    }

    /// Chooses a printer and asks what it offers.
    fn choose(&mut self, name: String) -> Event {
        if let Some(dialog) = &mut self.dialog {
            dialog.printer = Some(name.clone());
            dialog.choices = None;
            dialog.paper = None;
        }
        let cups = self.cups.clone();
        let asked = name.clone();
        Event::Run(Task::perform(
            blocking(move || cups.unwrap_or_else(Cups::system).choices(&asked)),
            move |offered| Message::Offered(name.clone(), offered),
        ))
    }

    /// Starts the job the dialog describes, of `unit`'s subtree (everything
    /// when `None`), `unmasked` or not; the dialog closes and the status bar
    /// follows the job.
    pub fn start(
        &mut self,
        document: Arc<Document>,
        unit: Option<String>,
        unmasked: bool,
    ) -> Task<Message> {
        let Some(dialog) = self.dialog.take() else {
            return Task::none();
        };
        let Some(printer) = dialog.printer.clone() else {
            return Task::none();
        };
        self.content = Some(dialog.content);
        let order = Printout {
            content: dialog.content,
            unit,
            paper: dialog
                .paper
                .as_ref()
                .map_or(crate::pdf::Paper::A4, |m| printout::paper_named(&m.label)),
            unmasked,
            today: chrono::Local::now().date_naive(),
        };
        let request = Request {
            copies: request::copies(&dialog.copies).unwrap_or(1),
            media: dialog.paper.as_ref().map(|m| m.name.clone()),
            sides: dialog.sides,
            pages: match dialog.some_pages {
                true => Pages::parse(&dialog.range).unwrap_or_default(),
                false => Pages::All,
            },
            ..Request::new(&printer, &printout::title(&document, &order))
        };
        let cancel = Arc::new(AtomicBool::new(false));
        self.job = Some(Running {
            stage: Stage::Making(None),
            printer,
            cancel: Arc::clone(&cancel),
        });
        let cups = self.cups.clone();
        Task::run(run(cups, document, order, request, cancel), |m| m)
    }

    /// The dialog over the window, when open; `scope` says what is printed
    /// (the selected unit's name, or none for everything), `unmasked`
    /// whether rosters show personal numbers whole.
    pub fn view(&self, scope: Option<&str>, unmasked: bool) -> Option<Element<'_, Message>> {
        let dialog = self.dialog.as_ref()?;
        let card = container(dialog.view(scope, unmasked, self.job.is_none()))
            .id(DIALOG)
            .padding(16)
            .width(Length::Fixed(500.0))
            .style(container::bordered_box);
        Some(
            mouse_area(container(opaque(card)).center(Length::Fill).style(|_| {
                container::Style::default().background(Color::from_rgba(0.0, 0.0, 0.0, 0.2))
            }))
            .on_press(Message::Close)
            .into(),
        )
    }

    /// The job's progress for the status bar, with 取消打印 before it.
    pub fn progress(&self) -> Option<Element<'_, Message>> {
        let job = self.job.as_ref()?;
        let stopping = job.cancel.load(Ordering::Relaxed);
        let (said, stopped) = job.stage.words(&job.printer);
        Some(super::print::cancellable(
            &said,
            stopped.then_some(RED),
            stopping,
            Message::Cancel,
            PROGRESS_WIDTH,
        ))
    }
}
