//! 打印…: the print dialog over the window — what to print, the printer
//! (CUPS's, the default first, each with its state), copies, paper, sides,
//! pages, masking — and the job it sends, followed in the status bar from
//! the PDF being made to the printer done, where 取消打印 stops it. Every
//! CUPS call runs off the window's thread; with no printer the dialog says
//! why and offers the PDF file instead.

use super::status::Notice;
use crate::model::Document;
use crate::pdf::{PdfError, Watch};
use crate::printer::error::PrinterError;
use crate::printer::job::{JobId, JobState, JobStatus};
use crate::printer::printers::{Choices, Media, Printer};
use crate::printer::printout::{self, Content, Printout};
use crate::printer::request::{self, Pages, Request, Sides};
use crate::printer::server::Cups;
use iced::widget::{
    button, checkbox, column, container, mouse_area, opaque, pick_list, radio, row, scrollable,
    text, text_input,
};
use iced::{Color, Element, Length, Task};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The 打印 menu's item that opens the dialog.
pub const OPEN: &str = "打印…";
/// The dialog's title.
pub const TITLE: &str = "打印到打印机";
/// Said while CUPS is asked for its printers.
pub const LOOKING: &str = "正在查找打印机…";
/// Said when there is no printer to print on.
pub const NONE: &str = "没有可用的打印机";
/// Why, when CUPS answered with no printers.
pub const NONE_ADDED: &str = "CUPS 中还没有添加打印机（系统设置 → 打印机）";
/// The button that writes a PDF file instead.
pub const SAVE_PDF: &str = "另存为 PDF…";
/// 单面 / 双面.
pub const TWO_SIDED: &str = "双面（长边装订）";
/// All pages.
pub const ALL_PAGES: &str = "全部页";
/// Some pages.
pub const SOME_PAGES: &str = "页码范围";
/// The button that stops a job under way, in the status bar.
pub const CANCEL_JOB: &str = super::print::CANCEL;
/// The id of the copies field.
pub const COPIES_FIELD: &str = "print-copies";
/// The id of the page range field.
pub const RANGE_FIELD: &str = "print-range";
/// The id around the dialog's 打印 button.
pub const PRINT_BUTTON: &str = "print-go";
/// The id around the dialog's 取消 button.
pub const CLOSE_BUTTON: &str = "print-close";
/// The id around the printers' list.
pub const PRINTERS: &str = "print-printers";
/// The id around the papers' list.
pub const PAPERS: &str = "print-papers";
/// The id of the dialog's box.
pub const DIALOG: &str = "print-dialog";
/// How often a job sent is asked after.
const POLL: Duration = Duration::from_millis(300);
/// How wide the job's progress runs in the status bar, cut with … beyond.
const PROGRESS_WIDTH: f32 = 420.0;
const RED: Color = Color::from_rgb(0.8, 0.1, 0.1);
const GREY: Color = Color::from_rgb(0.45, 0.45, 0.45);

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

/// The dialog's choices.
struct Dialog {
    content: Content,
    printers: Listing,
    printer: Option<String>,
    choices: Option<Result<Choices, PrinterError>>,
    copies: String,
    copies_error: Option<String>,
    paper: Option<Media>,
    sides: Sides,
    some_pages: bool,
    range: String,
    range_error: Option<String>,
}

/// The printers, as far as CUPS has said.
enum Listing {
    Looking,
    Listed(Vec<Printer>),
    Failed(PrinterError),
}

/// A job under way.
struct Running {
    stage: Stage,
    printer: String,
    cancel: Arc<AtomicBool>,
}

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

impl Stage {
    /// What the status bar says, and whether it is said in red (the
    /// printer stopped).
    fn words(&self, printer: &str) -> (String, bool) {
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
                        "{printer} 已暂停，任务 {id} 等候中：{}",
                        status.message.as_deref().unwrap_or("未说明原因")
                    ),
                };
                (said, status.state == JobState::Stopped)
            }
        }
    }
}

impl Dialog {
    fn new(content: Content) -> Dialog {
        Dialog {
            content,
            printers: Listing::Looking,
            printer: None,
            choices: None,
            copies: "1".into(),
            copies_error: None,
            paper: None,
            sides: Sides::One,
            some_pages: false,
            range: String::new(),
            range_error: None,
        }
    }

    /// Whether the choices can be sent; each one that cannot says why
    /// under its field.
    fn check(&mut self) -> bool {
        self.copies_error = request::copies(&self.copies).err().map(|e| e.to_string());
        self.range_error = match self.some_pages {
            true => Pages::parse(&self.range).err().map(|e| e.to_string()),
            false => None,
        };
        let ready = matches!(&self.choices, Some(Ok(_)));
        ready && self.copies_error.is_none() && self.range_error.is_none()
    }

    fn view<'a>(&'a self, scope: Option<&str>, unmasked: bool, idle: bool) -> Element<'a, Message> {
        let label = |words: &'a str| text(words).size(13).width(Length::Fixed(56.0));
        let what = row![
            label("内容"),
            radio(
                Content::Roster.name(),
                Content::Roster,
                Some(self.content),
                Message::Content
            )
            .size(14)
            .text_size(13),
            radio(
                Content::Chart.name(),
                Content::Chart,
                Some(self.content),
                Message::Content
            )
            .size(14)
            .text_size(13),
        ]
        .spacing(12)
        .align_y(iced::Alignment::Center);
        let scope = match scope {
            Some(unit) => format!("范围：{unit}及下级（打印全部：关闭本框，按 Esc 取消选择）"),
            None => "范围：全部".into(),
        };
        let mut body =
            column![text(TITLE).size(16), what, text(scope).size(12).color(GREY)].spacing(10);
        let printers = match &self.printers {
            Listing::Looking => {
                body = body.push(row![label("打印机"), text(LOOKING).size(13)].spacing(8));
                return self.finish(body, unmasked, false).into();
            }
            Listing::Failed(e) => return self.no_printer(body, e.to_string(), unmasked),
            Listing::Listed(printers) if printers.is_empty() => {
                return self.no_printer(body, NONE_ADDED.into(), unmasked)
            }
            Listing::Listed(printers) => printers,
        };
        // A row a printer, so each one's state shows without opening a list.
        let rows = column(printers.iter().map(|p| {
            let chosen = Some(&p.name) == self.printer.as_ref();
            button(text(p.to_string()).size(13).wrapping(text::Wrapping::None))
                .width(Length::Fill)
                .padding([3, 8])
                .style(if chosen {
                    button::primary
                } else {
                    button::text
                })
                .on_press(Message::Printer(p.name.clone()))
                .into()
        }))
        .spacing(2);
        body = body.push(
            row![
                label("打印机"),
                container(scrollable(rows).height(Length::Shrink))
                    .id(PRINTERS)
                    .max_height(150.0)
                    .width(Length::Fill)
                    .style(container::bordered_box),
            ]
            .spacing(8),
        );
        let copies = text_input("1", &self.copies)
            .id(COPIES_FIELD)
            .on_input(Message::Copies)
            .on_submit(Message::Print)
            .size(13)
            .width(Length::Fixed(60.0));
        body = body.push(
            column![
                row![label("份数"), copies, text("（1–99）").size(12).color(GREY)]
                    .spacing(8)
                    .align_y(iced::Alignment::Center),
                reason(self.copies_error.as_deref()),
            ]
            .spacing(2),
        );
        let (papers, two_sided, note) = match &self.choices {
            None => (
                &[][..],
                false,
                Some("正在读取打印机的纸张和双面选项…".to_string()),
            ),
            Some(Ok(c)) => (c.papers.as_slice(), c.two_sided, None),
            Some(Err(e)) => (&[][..], false, Some(e.to_string())),
        };
        body = body.push(
            row![
                label("纸张"),
                container(
                    pick_list(papers, self.paper.clone(), Message::Paper)
                        .text_size(13)
                        .width(Length::Fixed(160.0))
                )
                .id(PAPERS),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        );
        let sides = checkbox(self.sides == Sides::Two)
            .label(if two_sided || self.choices.is_none() {
                TWO_SIDED.to_string()
            } else {
                format!("{TWO_SIDED}：此打印机不支持")
            })
            .text_size(13)
            .on_toggle_maybe(two_sided.then_some(Message::TwoSided));
        body = body.push(row![label("双面"), sides].spacing(8));
        let range = text_input("如 1-3,5", &self.range)
            .id(RANGE_FIELD)
            .on_input(Message::Range)
            .on_submit(Message::Print)
            .size(13)
            .width(Length::Fixed(160.0));
        body = body.push(
            column![
                row![
                    label("页码"),
                    radio(ALL_PAGES, false, Some(self.some_pages), Message::SomePages)
                        .size(14)
                        .text_size(13),
                    radio(SOME_PAGES, true, Some(self.some_pages), Message::SomePages)
                        .size(14)
                        .text_size(13),
                    range,
                ]
                .spacing(12)
                .align_y(iced::Alignment::Center),
                reason(self.range_error.as_deref()),
            ]
            .spacing(2),
        );
        if let Some(note) = note {
            body = body.push(text(note).size(12).color(GREY));
        }
        let ready = idle && matches!(&self.choices, Some(Ok(_)));
        self.finish(body, unmasked, ready).into()
    }

    /// The masking box (for a roster) and the buttons under the choices.
    fn finish<'a>(
        &'a self,
        body: iced::widget::Column<'a, Message>,
        unmasked: bool,
        ready: bool,
    ) -> iced::widget::Column<'a, Message> {
        let body = match self.content {
            Content::Roster => body.push(
                checkbox(unmasked)
                    .label(super::print::UNMASKED)
                    .text_size(13)
                    .on_toggle(Message::Unmasked),
            ),
            Content::Chart => body,
        };
        body.push(
            row![
                container(
                    button(text("打印").size(13))
                        .on_press_maybe(ready.then_some(Message::Print))
                        .padding([4, 16])
                )
                .id(PRINT_BUTTON),
                container(
                    button(text("取消").size(13))
                        .on_press(Message::Close)
                        .style(button::secondary)
                        .padding([4, 12])
                )
                .id(CLOSE_BUTTON),
                container(text("")).width(Length::Fill),
                button(text(SAVE_PDF).size(13))
                    .on_press(Message::SavePdf)
                    .style(button::secondary)
                    .padding([4, 12]),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        )
    }

    /// No printer to choose: why, and the PDF file instead.
    fn no_printer<'a>(
        &'a self,
        body: iced::widget::Column<'a, Message>,
        why: String,
        unmasked: bool,
    ) -> Element<'a, Message> {
        let body = body.push(
            column![
                text(NONE).size(15).color(RED),
                text(why).size(13),
                text("可以先另存为 PDF 文件，再从别的电脑打印。").size(13),
            ]
            .spacing(4),
        );
        self.finish(body, unmasked, false).into()
    }
}

/// The reason line under a field: its reason in red, or an empty line of
/// the same height, so nothing under it moves as it comes and goes.
fn reason(said: Option<&str>) -> Element<'_, Message> {
    container(text(said.unwrap_or("")).size(12).color(RED))
        .padding(iced::Padding::ZERO.left(64.0))
        .height(Length::Fixed(16.0))
        .into()
}

/// Runs `work` (CUPS may be slow or dead) on a thread of its own and hands
/// back its result.
async fn blocking<T: Send + 'static>(
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
fn run(
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
    let made = match printout::make(document, order, watch) {
        Ok(made) => made,
        Err(PdfError::Cancelled) => return Ended::NothingSent,
        Err(e) => return Ended::Failed(e.into()),
    };
    if cancel.load(Ordering::Relaxed) {
        return Ended::NothingSent;
    }
    tell(Stage::Sending);
    let cups = cups.unwrap_or_else(Cups::system);
    let id = match cups.send(&made.bytes, request) {
        Ok(id) => id,
        Err(e) => return Ended::Failed(e),
    };
    drop(made.bytes);
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
                    "已打印：{}（{pages}）× {} 份，打印机 {}（任务 {id}）",
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
