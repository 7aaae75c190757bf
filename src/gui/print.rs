//! Printing from the window: the print bar (chart paper, masking, the last
//! printout to open) and the printout itself, made on a thread of its own with
//! its steps and pages shown in the status bar, where it can be cancelled.
//! Where a printout goes is asked by the files component, like every other
//! file written. A chart that needs several sheets says, as the command line
//! does, which depth, root or paper would fit one.

use super::io::{self, FileError, Intent};
use super::status::Notice;
use super::viewport::fit_text;
use crate::model::Document;
use crate::output;
use crate::pdf::{Paper, PdfError, Watch};
use iced::widget::{button, container, progress_bar, row, text, tooltip};
use iced::{Element, Length, Subscription, Task};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Print a chart.
pub const PRINT_CHART: &str = "打印组织图…";
/// Print a roster.
pub const PRINT_ROSTER: &str = "打印花名册…";
/// Open the last printout.
pub const SHOW: &str = "打开打印文件";
/// The steps of a printout.
pub const STEPS: u8 = 2;
/// The button that stops a printout under way.
pub const CANCEL: &str = "取消打印";
/// Full ID numbers, birth dates and phones on rosters.
pub const UNMASKED: &str = "完整显示身份证号、出生日期和电话";
/// The papers a chart is printed on.
pub const PAPERS: [Paper; 5] = [Paper::A4, Paper::A3, Paper::A2, Paper::A1, Paper::A0];
/// How wide the progress text may run, cut with … beyond: the 取消打印
/// button before it never moves.
const PROGRESS_WIDTH: f32 = 360.0;

/// The print bar's choices and the printout under way.
pub struct Print {
    paper: Paper,
    unmasked: bool,
    printed: Option<PathBuf>,
    printing: Option<Progress>,
    /// Set to stop the printout under way.
    cancel: Arc<AtomicBool>,
}

impl Default for Print {
    fn default() -> Self {
        Print {
            paper: Paper::A3,
            unmasked: false,
            printed: None,
            printing: None,
            cancel: Arc::default(),
        }
    }
}

/// A printout under way, as the status bar shows it.
#[derive(Debug, Clone, Copy)]
struct Progress {
    step: u8,
    what: &'static str,
    /// Pages made and pages in all, once the pages are laid out.
    pages: Option<(usize, usize)>,
    started: Instant,
    /// What is made: PDF, or 工作簿 for the statistics workbook.
    file: &'static str,
}

/// What the print bar and the printing thread bring.
#[derive(Debug, Clone)]
pub enum Message {
    /// Print a chart of the selection (or everything).
    Chart,
    /// Print a roster of the selection (or everything).
    Roster,
    /// The chart paper was chosen.
    Paper(Paper),
    /// Masking on rosters was switched.
    Unmasked(bool),
    /// A step of the printout began.
    Stepped(u8, &'static str),
    /// Pages made so far, of how many.
    Paged(usize, usize),
    /// Stop the printout under way.
    Cancel,
    /// The printout stopped as asked, nothing written.
    Cancelled,
    /// The printout was written (or not): where, and what.
    Printed(Result<(PathBuf, String), PrintError>),
    /// Time passed while printing (the elapsed time is shown).
    Tick,
    /// Open the last printout in the viewer.
    Show,
    /// The viewer opened, or why not.
    Shown(Result<(), FileError>),
}

/// What the root acts on.
pub enum Event {
    /// Ask where to write a printout.
    Choose(Intent),
    /// Something to tell the user.
    Notice(Notice),
    /// Work to run (opening the viewer).
    Run(Task<Message>),
}

/// What to print.
pub struct Job {
    /// Chart or roster.
    pub intent: Intent,
    /// The code of the unit whose subtree is printed (everything when `None`).
    pub unit: Option<String>,
    /// Where.
    pub path: PathBuf,
    /// The document's own file, never written over.
    pub source: Option<PathBuf>,
}

impl Print {
    /// Whether a printout is being made.
    pub fn is_printing(&self) -> bool {
        self.printing.is_some()
    }

    /// Starts a printout on a thread of its own.
    pub fn start(&mut self, document: Arc<Document>, job: Job) -> Task<Message> {
        self.printing = Some(Progress {
            step: 0,
            what: "准备",
            pages: None,
            started: Instant::now(),
            file: match job.intent {
                Intent::StatisticsWorkbook => "工作簿",
                _ => "PDF",
            },
        });
        self.cancel = Arc::default();
        let (paper, unmasked) = (self.paper, self.unmasked);
        let cancel = Arc::clone(&self.cancel);
        Task::run(run(document, job, paper, unmasked, cancel), |p| p)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Chart if !self.is_printing() => return Some(Event::Choose(Intent::Chart)),
            Message::Roster if !self.is_printing() => return Some(Event::Choose(Intent::Roster)),
            Message::Chart | Message::Roster | Message::Tick => {}
            Message::Paper(paper) => self.paper = paper,
            Message::Unmasked(on) => self.unmasked = on,
            Message::Stepped(step, what) => {
                let (started, file) = self
                    .printing
                    .map_or_else(|| (Instant::now(), "PDF"), |p| (p.started, p.file));
                self.printing = Some(Progress {
                    step,
                    what,
                    pages: None,
                    started,
                    file,
                });
            }
            Message::Paged(done, total) => {
                if let Some(p) = &mut self.printing {
                    p.pages = Some((done, total));
                }
            }
            Message::Cancel => self.cancel.store(true, Ordering::Relaxed),
            Message::Cancelled => {
                self.printing = None;
                return Some(Event::Notice(Notice::info("已取消打印，没有写入文件")));
            }
            Message::Printed(result) => {
                self.printing = None;
                return Some(Event::Notice(match result {
                    Ok((path, summary)) => {
                        let said = format!(
                            "已生成{summary}：{}（菜单“打印 → 打开打印文件”可查看）",
                            path.display()
                        );
                        self.printed = Some(path);
                        Notice::info(said)
                    }
                    Err(e) => Notice::refused(format!("打印失败：{e}")),
                }));
            }
            Message::Show => {
                let path = self.printed.clone()?;
                return Some(Event::Run(Task::perform(io::show(path), Message::Shown)));
            }
            Message::Shown(Ok(())) => {}
            Message::Shown(Err(e)) => return Some(Event::Notice(Notice::refused(e.to_string()))),
        }
        None
    }

    /// The elapsed time ticks on while printing, and only then.
    pub fn subscription(&self) -> Subscription<Message> {
        match self.printing {
            Some(_) => {
                iced::time::every(std::time::Duration::from_millis(250)).map(|_| Message::Tick)
            }
            None => Subscription::none(),
        }
    }

    /// The paper charts are printed on.
    pub fn paper(&self) -> Paper {
        self.paper
    }

    /// Whether rosters show ID numbers, birth dates and phones in full.
    pub fn unmasked(&self) -> bool {
        self.unmasked
    }

    /// Whether there is a printout to open.
    pub fn printed(&self) -> bool {
        self.printed.is_some()
    }

    /// The print buttons for the toolbar; `busy` while another file action
    /// runs, `selected` when a unit is selected (its subtree is printed:
    /// said on hover).
    pub fn buttons(&self, busy: bool, selected: bool) -> Element<'_, Message> {
        let idle = !busy && !self.is_printing();
        let scope = scope(selected);
        let print = |label, message| {
            let pressed = button(text(label).size(13).wrapping(text::Wrapping::None))
                .padding([4, 8])
                .on_press_maybe(idle.then_some(message));
            tooltip(
                pressed,
                container(text(scope).size(12))
                    .padding(4)
                    .style(container::bordered_box),
                tooltip::Position::Bottom,
            )
        };
        row![
            print(PRINT_CHART, Message::Chart),
            print(PRINT_ROSTER, Message::Roster)
        ]
        .spacing(6)
        .into()
    }

    /// The printout's progress for the status bar, while one is made.
    pub fn progress(&self) -> Option<Element<'_, Message>> {
        let p = self.printing?;
        // Within the first step, the pages made move the bar on.
        let done = match p.pages {
            Some((made, total)) if p.step <= 1 => made as f32 / total.max(1) as f32,
            _ => f32::from(p.step.max(1)),
        };
        let pages = p
            .pages
            .map(|(made, total)| format!("第 {made}/{total} 页，"))
            .unwrap_or_default();
        let stopping = self.cancel.load(Ordering::Relaxed);
        let said = format!(
            "正在生成 {}：第 {}/{} 步，{}…{pages}已用 {:.0} 秒",
            p.file,
            p.step.max(1),
            STEPS,
            p.what,
            p.started.elapsed().as_secs_f32()
        );
        Some(
            row![
                progress_bar(0.0..=f32::from(STEPS), done)
                    .length(Length::Fixed(140.0))
                    .girth(10.0),
                cancellable(&said, None, stopping, Message::Cancel, PROGRESS_WIDTH),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center)
            .into(),
        )
    }
}

/// 取消打印 (正在取消… once pressed, `cancel` sent) before `said`, cut
/// with … to `width` and coloured `colour` if given: however long the text
/// grows, the button stays where it is.
pub fn cancellable<'a, M: Clone + 'a>(
    said: &str,
    colour: Option<iced::Color>,
    stopping: bool,
    cancel: M,
    width: f32,
) -> Element<'a, M> {
    let shown = text(fit_text(said, width, 13.0))
        .size(13)
        .wrapping(text::Wrapping::None)
        .color_maybe(colour);
    row![
        button(
            text(if stopping { "正在取消…" } else { CANCEL })
                .size(12)
                .wrapping(text::Wrapping::None)
        )
        .on_press_maybe((!stopping).then_some(cancel))
        .style(button::secondary)
        .padding([1, 6]),
        container(shown).width(Length::Fixed(width)).clip(true),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center)
    .into()
}

/// What a printout covers: the selected unit's subtree, or everything.
pub fn scope(selected: bool) -> &'static str {
    if selected {
        "打印所选组织及下级（Esc 取消选择即打印全部）"
    } else {
        "打印全部"
    }
}

/// Why a printout was not made, kept typed until the status bar says it.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PrintError {
    /// The PDF could not be made or written, or the printing was cancelled.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The printout may not go where it was asked to (over the document …).
    #[error(transparent)]
    Refused(#[from] output::Refusal),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] crate::document::DocumentError),
    /// The statistics tables could not be worked out (a unit not found …).
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    /// The statistics workbook could not be put together.
    #[error(transparent)]
    Workbook(#[from] crate::report::workbook::WorkbookError),
}

/// Makes a chart, roster or the statistics tables and writes it on a thread of its own, telling
/// each step as it begins, then the outcome.
fn run(
    document: Arc<Document>,
    job: Job,
    paper: Paper,
    unmasked: bool,
    cancel: Arc<AtomicBool>,
) -> impl iced::futures::Stream<Item = Message> {
    let (sender, receiver) = iced::futures::channel::mpsc::unbounded();
    std::thread::spawn(move || {
        let step = |n, what| {
            let _ = sender.unbounded_send(Message::Stepped(n, what));
        };
        // About a hundred reports however long the printout.
        let pages = |made: usize, total: usize| {
            if made == total || made.is_multiple_of((total / 100).max(1)) {
                let _ = sender.unbounded_send(Message::Paged(made, total));
            }
        };
        let watch = Watch {
            cancel: &cancel,
            pages: &pages,
        };
        let inputs: Vec<&Path> = job.source.as_deref().into_iter().collect();
        let done = output::check(&job.path, job.intent.kind(), &inputs, false)
            .map_err(PrintError::from)
            .and_then(|()| make(&document, &job, paper, unmasked, step, watch));
        let _ = sender.unbounded_send(match done {
            Err(PrintError::Pdf(PdfError::Cancelled)) => Message::Cancelled,
            done => Message::Printed(done),
        });
    });
    receiver
}

fn make(
    document: &Document,
    job: &Job,
    paper: Paper,
    unmasked: bool,
    step: impl Fn(u8, &'static str),
    watch: Watch<'_>,
) -> Result<(PathBuf, String), PrintError> {
    use crate::printer::printout::{self, Content, Printout};
    let today = chrono::Local::now().date_naive();
    step(1, "排版并生成页面");
    if let Some(made) = statistics(document, job, today, &crate::pdf::FontSource::default())? {
        step(2, "写入文件");
        crate::document::write_atomic(&job.path, &made.0)?;
        return Ok((job.path.clone(), made.1));
    }
    let printout = Printout {
        content: if job.intent == Intent::Chart {
            Content::Chart
        } else {
            Content::Roster
        },
        unit: job.unit.clone(),
        paper,
        unmasked,
        today,
    };
    // Written as it is made; the file takes the path only once complete.
    let mut file = crate::document::AtomicFile::create(&job.path)?;
    let (_, written) = printout::make_to(document, &printout, watch, &mut file)?;
    step(2, "写入文件");
    file.commit()?;
    Ok((job.path.clone(), written.summary))
}

/// The statistics tables as PDF or workbook, with what the status bar says
/// of them; `None` for another printout.
fn statistics(
    document: &Document,
    job: &Job,
    today: chrono::NaiveDate,
    font: &crate::pdf::FontSource,
) -> Result<Option<(Vec<u8>, String)>, PrintError> {
    use crate::report::{report, workbook};
    if !matches!(job.intent, Intent::Statistics | Intent::StatisticsWorkbook) {
        return Ok(None);
    }
    let made = report(document, job.unit.as_deref(), today)?;
    Ok(Some(if job.intent == Intent::Statistics {
        let printed = crate::pdf::report::print(&made, font)?;
        (printed.bytes, format!("统计表 {} 页", printed.pages))
    } else {
        let bytes = workbook::to_xlsx(&made)?;
        (
            bytes,
            format!("统计工作簿 {} 张表", crate::report::TABLES.len()),
        )
    }))
}
