//! The editor window (iced). A thin layer over the library: it sends messages
//! and renders state; the document, its checks and its edits live in the core.
//!
//! The window is three panels — the outline, the selected unit's properties
//! and the problems found by the checks — over a status bar. Every edit is a
//! command applied through the [`History`], so every edit can be undone.

pub mod canvas;
pub mod derived;
mod files;
pub mod inspector;
pub mod members;
pub mod outline;
pub mod problems;
mod rows;

use crate::check::{self, Report};
use crate::document;
use crate::edit::History;
use crate::journal::Entry;
use crate::model::{Document, Id};
use crate::stats::Stats;
use iced::keyboard::{self, Key};
use iced::widget::{button, checkbox, column, container, pick_list, row, rule, text, text_input};
use iced::{Element, Font, Length, Subscription, Task};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The window's font: the bundled CJK face.
pub const CJK: Font = Font::with_name(crate::font::FAMILY);

/// The undo button's label.
pub const UNDO: &str = "撤销";
/// The redo button's label.
pub const REDO: &str = "重做";

/// The application state.
pub struct App {
    /// Shared with the thread that checks it: an edit copies it only while a
    /// check of the previous state still runs.
    document: Arc<Document>,
    /// Tells this window's check results from an earlier window's.
    window: u64,
    path: Option<PathBuf>,
    history: History,
    report: Report,
    stats: Stats,
    selected: Option<Id>,
    outline: outline::Outline,
    problems: problems::Problems,
    canvas: canvas::Canvas,
    inspector: inspector::Inspector,
    notice: Option<String>,
    /// A path typed in the toolbar: used instead of a dialog when given.
    path_field: String,
    /// A dialog, read or save is under way.
    busy: bool,
    /// What waits for an answer about unsaved changes.
    leaving: Option<Leave>,
    /// Files opened or saved lately, newest first.
    recent: Vec<PathBuf>,
    /// Paper for charts.
    paper: crate::pdf::Paper,
    /// Print rosters without masking.
    unmasked: bool,
    /// The last printout, offered to open.
    printed: Option<PathBuf>,
    /// A printout under way: its step, and when it began.
    printing: Option<Printing>,
    /// Where each edit is logged until saved, for recovery after a crash.
    journal: Option<crate::journal::Journal>,
    /// Edits a killed session left, offered to restore.
    recovery: Option<crate::journal::Recovery>,
    /// The window shows an empty page while the file named on the command
    /// line is read: nothing on it can be edited.
    reading: bool,
    /// Steps taken while a fresh journal is being started, written to it once
    /// it is ready.
    unjournaled: Option<Vec<Entry>>,
}

/// A printout under way, as the status bar shows it.
#[derive(Debug, Clone, Copy)]
struct Printing {
    step: u8,
    what: &'static str,
    started: std::time::Instant,
}

/// An action that would drop unsaved changes, held until the user says
/// whether to save first.
#[derive(Debug, Clone, PartialEq)]
pub enum Leave {
    /// Close the window.
    Close(iced::window::Id),
    /// Open another file.
    Open,
    /// Start a new document.
    New,
    /// Open a recent file.
    Recent(PathBuf),
}

/// A recent file as the toolbar's list shows it: "name — folder".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recent(pub PathBuf);

impl std::fmt::Display for Recent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.0.file_name().unwrap_or_default().to_string_lossy();
        let folder = self.0.parent().map(|p| p.display().to_string());
        write!(f, "{name} — {}", folder.unwrap_or_default())
    }
}

/// What the window reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// The outline asked for something.
    Outline(outline::Message),
    /// The canvas asked for something.
    Canvas(canvas::Message),
    /// The property panel asked for something.
    Inspector(inspector::Message),
    /// A finding was clicked.
    Problem(problems::Message),
    /// Put the cursor in the outline's search box.
    Find,
    /// Select nothing (then printing prints everything).
    Deselect,
    /// The user asked to close the window.
    CloseRequested(iced::window::Id),
    /// Save, then go on with what was held.
    SaveAndClose,
    /// Go on with what was held, dropping unsaved changes.
    Discard,
    /// Don't go on: keep the changes open.
    KeepOpen,
    /// Start a new, empty document.
    New,
    /// Open a recent file.
    OpenRecent(Recent),
    /// The recent-files list was written (or not: it is only a convenience).
    Remembered,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// The toolbar's path box changed.
    PathTyped(String),
    /// Open a document or workbook.
    Open,
    /// Save to the document's file (or ask where).
    Save,
    /// Save under a new name.
    SaveAs,
    /// Export as an Excel workbook.
    Export,
    /// A dialog answered.
    Picked(files::Intent, Option<PathBuf>),
    /// A document was read.
    Opened(Result<Box<files::Opened>, String>),
    /// The document was saved: where, and which revision.
    Saved(Result<(PathBuf, u64), String>),
    /// The workbook was written.
    Exported(Result<PathBuf, String>),
    /// Print a chart of the selection (or everything).
    PrintChart,
    /// Print a roster of the selection (or everything).
    PrintRoster,
    /// The chart paper was chosen.
    Paper(crate::pdf::Paper),
    /// Masking on rosters was switched.
    Unmasked(bool),
    /// A printout was written: where, and what.
    Printed(Result<(PathBuf, String), String>),
    /// Restore the edits a killed session left.
    Restore,
    /// Drop them.
    DropRecovery,
    /// A fresh journal was started.
    Journaled(files::Once<files::Journaling>),
    /// Findings and figures were worked out.
    Derived(Option<Box<derived::Derived>>),
    /// A printout began a step.
    PrintStep(u8, &'static str),
    /// Time passed while printing (the elapsed time is shown).
    Tick,
    /// Open the last printout in the viewer.
    ShowPrinted,
}

/// What the window says when closed with unsaved changes.
pub const UNSAVED_ON_CLOSE: &str = "有未保存的修改，关闭前要保存吗？";
/// What the window says when another document would replace unsaved changes.
pub const UNSAVED_ON_LEAVE: &str = "有未保存的修改，换文档前要保存吗？";
/// Save, then close.
pub const SAVE_AND_CLOSE: &str = "保存并关闭";
/// Close without saving.
pub const DISCARD: &str = "不保存，直接关闭";
/// Save, then open or start the other document.
pub const SAVE_FIRST: &str = "先保存";
/// Open or start the other document without saving.
pub const DISCARD_CHANGES: &str = "放弃修改";
/// Restore the edits a killed session left.
pub const RESTORE: &str = "恢复这些修改";
/// Drop them.
pub const DROP_RECOVERY: &str = "放弃";
/// The new-document button.
pub const NEW: &str = "新建";
/// The title of a new document.
pub const NEW_TITLE: &str = "新建党建网格";

/// Print a chart.
pub const PRINT_CHART: &str = "打印组织图…";
/// Print a roster.
pub const PRINT_ROSTER: &str = "打印花名册…";

/// Labels of the file buttons.
pub const OPEN: &str = "打开…";
/// Save.
pub const SAVE: &str = "保存";
/// Save as.
pub const SAVE_AS: &str = "另存为…";
/// Export to Excel.
pub const EXPORT: &str = "导出 Excel…";
/// The fit button's label.
pub const FIT: &str = "适应窗口";
/// The id of the canvas' frame.
pub const CANVAS: &str = "structure-canvas";
/// The id of the toolbar's path box.
pub const PATH: &str = "toolbar-path";

impl App {
    /// A window on a document; `path` is where it was read from (None for the sample).
    pub fn new(document: Document, path: Option<PathBuf>) -> Self {
        App::with_recent(document, path, Vec::new())
    }

    /// A window on a document, with the recent-files list it offers.
    pub fn with_recent(document: Document, path: Option<PathBuf>, recent: Vec<PathBuf>) -> Self {
        static WINDOWS: AtomicU64 = AtomicU64::new(0);
        let window = WINDOWS.fetch_add(1, Ordering::Relaxed);
        let derived = derived::derive(&document, (window, 0));
        let outline = outline::Outline::new(&document, &derived.members);
        let mut canvas = canvas::Canvas::new(&document, &outline);
        canvas.mark(&document, &derived.report);
        let mut problems = problems::Problems::default();
        problems.refresh(&derived.report);
        App {
            report: derived.report,
            stats: derived.stats,
            document: Arc::new(document),
            window,
            path,
            history: History::new(),
            selected: None,
            outline,
            problems,
            canvas,
            inspector: inspector::Inspector::default(),
            notice: None,
            path_field: String::new(),
            busy: false,
            leaving: None,
            recent,
            paper: crate::pdf::Paper::A3,
            unmasked: false,
            printed: None,
            printing: None,
            journal: None,
            recovery: None,
            reading: false,
            unjournaled: None,
        }
    }

    /// The window as the program opens it: the recent files listed, and the
    /// edits journaled — or, when a killed session left edits for this
    /// document, an offer to restore them.
    /// The journal is looked for and started on a worker (it reads the whole
    /// document's text): the task brings it, and steps taken meanwhile wait.
    pub fn open(document: Document, path: Option<PathBuf>) -> (Self, Task<Message>) {
        App::opened(document, path, files::recent())
    }

    /// A window on a document just read, its journal on its way: for a
    /// document file, what a killed session left or a fresh journal; for an
    /// imported workbook (no file yet), a fresh one.
    fn opened(
        document: Document,
        path: Option<PathBuf>,
        recent: Vec<PathBuf>,
    ) -> (Self, Task<Message>) {
        let mut app = App::with_recent(document, path, recent);
        let task = match app.path.clone() {
            Some(path) => {
                app.unjournaled = Some(Vec::new());
                Task::perform(
                    files::journaling_apart(Some(path), Arc::clone(&app.document)),
                    Message::Journaled,
                )
            }
            None => app.start_journal(),
        };
        (app, task)
    }

    /// A window that opens at once on an empty page and reads `path` in the
    /// background (a city's document takes a moment), then shows it.
    pub fn reading(path: PathBuf) -> (Self, Task<Message>) {
        let read = files::open(path.clone());
        App::waiting_for(&path, read)
    }

    /// The empty page while `read` (of `path`) goes on.
    fn waiting_for(
        path: &std::path::Path,
        read: impl std::future::Future<Output = Result<files::Opened, String>> + Send + 'static,
    ) -> (Self, Task<Message>) {
        let mut app = App::with_recent(Document::new(""), None, files::recent());
        app.busy = true;
        app.reading = true;
        app.notice = Some(format!("正在打开 {}…", path.display()));
        let read = Task::perform(read, |r| Message::Opened(r.map(Box::new)));
        (app, read)
    }

    /// Journals the edits as `journaling` says: into a fresh journal, or after
    /// asking whether to restore what a killed session left.
    fn journaling(&mut self, journaling: files::Journaling) {
        match journaling {
            files::Journaling::Fresh(journal) => {
                if let Some(steps) = self.unjournaled.take() {
                    self.journal = Some(journal);
                    for step in steps {
                        self.record(step);
                    }
                } else {
                    self.journal = Some(journal);
                }
            }
            files::Journaling::Pending(recovery) => {
                // Steps taken before the offer came are in the document, not
                // in the journal offered.
                self.unjournaled = None;
                self.recovery = Some(*recovery);
            }
            files::Journaling::Off(why) => {
                self.unjournaled = None;
                self.notice = Some(why);
            }
        }
    }

    /// Logs a step the history took.
    fn record(&mut self, step: Entry) {
        if let Some(steps) = &mut self.unjournaled {
            steps.push(step);
        } else if let Some(journal) = &mut self.journal {
            if let Err(e) = journal.record(&step) {
                self.notice = Some(e.to_string());
                self.journal = None;
            }
        }
    }

    /// Whether edits from a killed session are offered.
    pub fn recovery_offered(&self) -> Option<usize> {
        self.recovery.as_ref().map(|r| r.edits())
    }

    /// The document as edited.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The current check findings.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The last message in the status bar.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The selected unit.
    pub fn selected(&self) -> Option<Id> {
        self.selected
    }

    /// The window title: the file name (or the document's title), marked
    /// with ● while there are unsaved changes.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.document.title.clone());
        let mark = if self.history.is_modified() {
            "● "
        } else {
            ""
        };
        format!("{mark}{name} — gridorg 党建网格")
    }

    /// Shows findings and figures worked out for the present state.
    fn take(&mut self, derived: derived::Derived) {
        self.report = derived.report;
        self.stats = derived.stats;
        self.outline.count(derived.members);
        self.problems.refresh(&self.report);
        self.canvas.recount(&self.document, &self.outline);
        self.canvas.mark(&self.document, &self.report);
    }

    /// After an edit: the tree is redrawn now; findings and figures follow
    /// from a thread of their own.
    fn recheck(&mut self) -> Task<Message> {
        self.outline.refresh(&self.document);
        self.canvas.rebuild(&self.document, &self.outline);
        let revision = (self.window, self.history.revision());
        Task::perform(
            derived::derive_apart(Arc::clone(&self.document), revision),
            Message::Derived,
        )
    }

    /// Selects a unit (or nothing) and opens the outline to it; `show` also
    /// brings it to the middle of the canvas.
    fn select(&mut self, id: Option<Id>, show: bool) {
        self.selected = id;
        if let Some(id) = id {
            self.outline.reveal(&self.document, id);
            if show {
                self.canvas.reveal(&self.document, &self.outline, id);
            }
        }
        self.canvas.select(id);
        self.inspector.show(&self.document, id);
    }

    /// The canvas' state.
    pub fn canvas(&self) -> &canvas::Canvas {
        &self.canvas
    }

    /// Applies an edit through the history: the findings follow, a created
    /// record is selected, a refusal is shown beside the fields and in the
    /// status bar.
    fn apply(&mut self, command: &crate::edit::Command) -> Task<Message> {
        match self
            .history
            .apply(Arc::make_mut(&mut self.document), command)
        {
            Ok(applied) => {
                self.record(Entry::Apply(command.clone()));
                let recheck = self.edited(format!("已{}", applied.label));
                // A new unit is selected; a new member shows in its unit's table.
                if let Some(created) = applied
                    .created
                    .filter(|id| self.document.units.contains_key(id))
                {
                    self.select(Some(created), true);
                }
                recheck
            }
            Err(refused) => {
                self.notice = Some(format!("未执行：{refused}"));
                self.inspector.refuse(refused.to_string());
                Task::none()
            }
        }
    }

    /// After the document changed: new findings and figures, the panel reread.
    fn edited(&mut self, notice: String) -> Task<Message> {
        let recheck = self.recheck();
        let still = self
            .selected
            .filter(|id| self.document.units.contains_key(id));
        self.select(still, false);
        self.notice = Some(notice);
        recheck
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Outline(m) => {
                if let Some(outline::Event::Selected(id)) = self.outline.update(&self.document, m) {
                    self.select(Some(id), true);
                }
            }
            Message::Inspector(_) | Message::Canvas(_) if self.reading => {}
            Message::Canvas(m) => match self.canvas.update(&self.document, &self.outline, m) {
                Some(canvas::Event::Selected(id)) => {
                    self.select(Some(id), false);
                    return self.outline.scroll_to(id);
                }
                Some(canvas::Event::Move { unit, onto }) => {
                    return self.apply(&crate::edit::Command::MoveUnit {
                        unit,
                        new_parent: onto,
                    });
                }
                None => {}
            },
            Message::Inspector(m) => {
                if let Some(inspector::Event::Edit(command)) =
                    self.inspector.update(&self.document, m)
                {
                    return self.apply(&command);
                }
            }
            Message::Problem(m) => {
                if let Some(subject) = self.problems.update(m) {
                    let unit = check::unit_of(&self.document, subject);
                    self.select(unit, true);
                    if let Some(unit) = unit {
                        return self.outline.scroll_to(unit);
                    }
                }
            }
            Message::Deselect => self.select(None, false),
            Message::Find => return iced::widget::operation::focus(outline::SEARCH),
            Message::CloseRequested(id) => return self.leave(Leave::Close(id)),
            Message::KeepOpen => self.leaving = None,
            Message::Discard => {
                if let Some(leave) = self.leaving.take() {
                    // The user dropped the changes: nothing is left to recover.
                    if let Some(Err(e)) = self.journal.take().map(|j| j.discard()) {
                        self.notice = Some(e.to_string());
                    }
                    return self.go(leave);
                }
            }
            Message::SaveAndClose => return self.update(Message::Save),
            Message::New => return self.leave(Leave::New),
            Message::OpenRecent(Recent(path)) => return self.leave(Leave::Recent(path)),
            Message::Remembered => {}
            Message::Undo => {
                if let Some(label) = self.history.undo(Arc::make_mut(&mut self.document)) {
                    self.record(Entry::Undo);
                    return self.edited(format!("已撤销：{label}"));
                }
            }
            Message::Redo => {
                if let Some(label) = self.history.redo(Arc::make_mut(&mut self.document)) {
                    self.record(Entry::Redo);
                    return self.edited(format!("已重做：{label}"));
                }
            }
            Message::PathTyped(path) => self.path_field = path,
            Message::Open if self.busy => {}
            Message::Open => return self.leave(Leave::Open),
            Message::Save => match self.path.clone() {
                Some(path) if !self.busy => return self.save_to(path, files::Saving::InPlace),
                _ => return self.update(Message::SaveAs),
            },
            Message::SaveAs if self.busy => {}
            Message::SaveAs => return self.choose(files::Intent::SaveAs),
            Message::Export if self.busy => {}
            Message::Export => return self.choose(files::Intent::Export),
            Message::Picked(_, None) => {
                self.busy = false;
                self.notice =
                    Some("未选择文件；如果对话框打不开，可在工具栏的路径框中输入路径".into());
            }
            Message::Picked(intent, Some(path)) => {
                return match intent {
                    files::Intent::Open => {
                        Task::perform(files::open(path), |r| Message::Opened(r.map(Box::new)))
                    }
                    files::Intent::SaveAs => self.save_to(path, files::Saving::As),
                    files::Intent::Export => Task::perform(
                        files::export(Arc::clone(&self.document), path, self.path.clone()),
                        Message::Exported,
                    ),
                    files::Intent::Chart | files::Intent::Roster => self.print(intent, path),
                };
            }
            Message::Opened(result) => {
                self.busy = false;
                self.reading = false;
                match result {
                    Ok(opened) => {
                        let opened = *opened;
                        let recent = std::mem::take(&mut self.recent);
                        let (app, journal) = App::opened(opened.document, opened.path, recent);
                        *self = app;
                        self.notice = Some(opened.notice);
                        return Task::batch([self.remember(), journal]);
                    }
                    Err(e) => self.notice = Some(format!("无法打开：{e}")),
                }
            }
            Message::Saved(result) => {
                self.busy = false;
                match result {
                    Ok((path, revision)) => {
                        if self.history.revision() == revision {
                            self.history.mark_saved();
                        }
                        self.notice = Some(format!("已保存到 {}", path.display()));
                        self.path = Some(path);
                        let journal = self.start_journal();
                        let remember = Task::batch([self.remember(), journal]);
                        if let Some(leave) = self.leaving.take() {
                            return Task::batch([remember, self.go(leave)]);
                        }
                        return remember;
                    }
                    Err(e) => self.notice = Some(format!("保存失败，原文件未改动：{e}")),
                }
            }
            Message::PrintChart if !self.busy => return self.choose(files::Intent::Chart),
            Message::PrintRoster if !self.busy => return self.choose(files::Intent::Roster),
            Message::PrintChart | Message::PrintRoster => {}
            Message::Paper(paper) => self.paper = paper,
            Message::Unmasked(on) => self.unmasked = on,
            Message::PrintStep(step, what) => {
                let started = self
                    .printing
                    .map_or_else(std::time::Instant::now, |p| p.started);
                self.printing = Some(Printing {
                    step,
                    what,
                    started,
                });
            }
            Message::Tick => {}
            Message::Derived(Some(derived)) => {
                if derived.revision == (self.window, self.history.revision()) {
                    self.take(*derived);
                }
            }
            Message::Derived(None) => {}
            Message::Restore => {
                if let Some(recovery) = self.recovery.take() {
                    let replayed =
                        recovery.replay(Arc::make_mut(&mut self.document), &mut self.history);
                    let (count, notice) = match replayed {
                        Ok(n) => (n, format!("已恢复 {n} 步未保存的修改（可撤销）")),
                        Err(stopped) => (stopped.applied, stopped.to_string()),
                    };
                    match recovery.resume(count) {
                        Ok(journal) => self.journal = Some(journal),
                        Err(e) => self.notice = Some(e.to_string()),
                    }
                    let recheck = self.edited(notice);
                    return recheck;
                }
            }
            Message::DropRecovery => {
                if let Some(recovery) = self.recovery.take() {
                    if let Err(e) = recovery.discard() {
                        self.notice = Some(e.to_string());
                    }
                    return self.start_journal();
                }
            }
            Message::Journaled(journaling) => {
                if let Some(journaling) = journaling.take() {
                    self.journaling(journaling);
                }
            }
            Message::Printed(result) => {
                self.busy = false;
                self.printing = None;
                match result {
                    Ok((path, summary)) => {
                        self.notice = Some(format!(
                            "已生成{summary}：{}（点“打开打印文件”查看）",
                            path.display()
                        ));
                        self.printed = Some(path);
                    }
                    Err(e) => self.notice = Some(format!("打印失败：{e}")),
                }
            }
            Message::ShowPrinted => {
                if let Some(Err(e)) = self.printed.as_deref().map(files::show) {
                    self.notice = Some(e);
                }
            }
            Message::Exported(result) => {
                self.busy = false;
                self.notice = Some(match result {
                    Ok(path) => format!("已导出到 {}", path.display()),
                    Err(e) => format!("导出失败：{e}"),
                });
            }
        }
        Task::none()
    }

    /// Goes on with `leave` at once when nothing is unsaved; otherwise holds
    /// it and asks.
    fn leave(&mut self, leave: Leave) -> Task<Message> {
        if self.history.is_modified() {
            self.leaving = Some(leave);
            Task::none()
        } else {
            self.go(leave)
        }
    }

    /// Closes, opens or starts anew, whatever is unsaved.
    fn go(&mut self, leave: Leave) -> Task<Message> {
        match leave {
            Leave::Close(id) => iced::window::close(id),
            Leave::Open => self.choose(files::Intent::Open),
            Leave::New => {
                let recent = std::mem::take(&mut self.recent);
                let journaled = self.journal.is_some();
                *self = App::with_recent(Document::new(NEW_TITLE), None, recent);
                self.notice = Some("已新建空白文档：先添加街道党工委".into());
                if journaled {
                    return self.start_journal();
                }
                Task::none()
            }
            Leave::Recent(path) => {
                self.busy = true;
                Task::perform(files::open(path), |r| Message::Opened(r.map(Box::new)))
            }
        }
    }

    /// Starts a fresh journal from the document as it is now (just saved, or
    /// new) on a worker; steps taken meanwhile wait for it.
    fn start_journal(&mut self) -> Task<Message> {
        self.unjournaled = Some(Vec::new());
        let old = self.journal.take();
        Task::perform(
            files::start_journal(self.path.clone(), Arc::clone(&self.document), old),
            Message::Journaled,
        )
    }

    /// The files opened or saved lately, newest first.
    pub fn recent(&self) -> &[PathBuf] {
        &self.recent
    }

    /// Puts the document's file first in the recent list and writes the list.
    fn remember(&mut self) -> Task<Message> {
        let Some(path) = self.path.clone() else {
            return Task::none();
        };
        let path = std::path::absolute(&path).unwrap_or(path);
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(files::RECENT);
        Task::perform(files::remember(self.recent.clone()), |_| {
            Message::Remembered
        })
    }

    /// Asks for a path: the one typed in the toolbar, or through a dialog.
    fn choose(&mut self, intent: files::Intent) -> Task<Message> {
        self.busy = true;
        // A typed path serves one action: the next one asks anew, so a path
        // meant for one file is never reused for another.
        let typed = std::mem::take(&mut self.path_field);
        let typed = typed.trim();
        if typed.is_empty() {
            Task::perform(files::pick(intent), move |p| Message::Picked(intent, p))
        } else {
            let path = PathBuf::from(typed);
            Task::done(Message::Picked(intent, Some(path)))
        }
    }

    /// Prints the selection (or everything) on a worker, off the UI thread.
    fn print(&mut self, intent: files::Intent, path: PathBuf) -> Task<Message> {
        let print = files::Print {
            intent,
            unit: self
                .selected
                .and_then(|id| self.document.units.get(&id))
                .map(|u| u.code.clone()),
            paper: self.paper,
            unmasked: self.unmasked,
        };
        self.notice = None;
        self.printing = Some(Printing {
            step: 0,
            what: "准备",
            started: std::time::Instant::now(),
        });
        Task::run(
            files::print(Arc::clone(&self.document), print, path, self.path.clone()),
            |p| match p {
                files::Printing::Step(step, what) => Message::PrintStep(step, what),
                files::Printing::Done(result) => Message::Printed(result),
            },
        )
    }

    /// Saves a copy of the document on a worker, off the UI thread.
    fn save_to(&mut self, path: PathBuf, saving: files::Saving) -> Task<Message> {
        self.busy = true;
        let revision = self.history.revision();
        Task::perform(
            files::save(Arc::clone(&self.document), path, revision, saving),
            Message::Saved,
        )
    }

    /// Whether a dialog, read or save is under way.
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Ctrl+Z and Ctrl+Y (or Ctrl+Shift+Z) wherever no text field takes them.
    pub fn subscription(&self) -> Subscription<Message> {
        let close = iced::window::close_requests().map(Message::CloseRequested);
        let keys = keyboard::listen().filter_map(|event| match event {
            keyboard::Event::KeyPressed {
                key: Key::Character(c),
                modifiers,
                ..
            } if modifiers.command() => match (c.as_str(), modifiers.shift()) {
                ("z", false) => Some(Message::Undo),
                ("y", _) | ("z", true) => Some(Message::Redo),
                ("s", false) => Some(Message::Save),
                ("s", true) => Some(Message::SaveAs),
                ("o", _) => Some(Message::Open),
                ("n", _) => Some(Message::New),
                ("f", _) => Some(Message::Find),
                _ => None,
            },
            keyboard::Event::KeyPressed {
                key: Key::Named(keyboard::key::Named::Delete),
                ..
            } => Some(Message::Inspector(inspector::Message::Delete)),
            keyboard::Event::KeyPressed {
                key: Key::Named(keyboard::key::Named::Escape),
                ..
            } => Some(Message::Deselect),
            _ => None,
        });
        let tick = match self.printing {
            Some(_) => {
                iced::time::every(std::time::Duration::from_millis(250)).map(|_| Message::Tick)
            }
            None => Subscription::none(),
        };
        Subscription::batch([close, keys, tick])
    }

    /// Draws the window.
    pub fn view(&self) -> Element<'_, Message> {
        let undo = button(text(UNDO).size(14))
            .on_press_maybe(self.history.undo_label().map(|_| Message::Undo));
        let redo = button(text(REDO).size(14))
            .on_press_maybe(self.history.redo_label().map(|_| Message::Redo));
        let file = |label: &'static str, message: Message| {
            button(text(label).size(14)).on_press_maybe((!self.busy).then_some(message))
        };
        let path = text_input("文件路径（对话框打不开时在此输入）", &self.path_field)
            .id(PATH)
            .on_input(Message::PathTyped)
            .padding(5)
            .width(Length::Fixed(260.0));
        let toolbar = row![
            text(&self.document.title).size(20).width(Length::Fill),
            file(NEW, Message::New),
            file(OPEN, Message::Open),
            pick_list(
                self.recent.iter().cloned().map(Recent).collect::<Vec<_>>(),
                None::<Recent>,
                Message::OpenRecent
            )
            .placeholder("最近打开…")
            .text_size(13)
            .width(Length::Fixed(130.0)),
            file(SAVE, Message::Save),
            file(SAVE_AS, Message::SaveAs),
            file(EXPORT, Message::Export),
            path,
            undo,
            redo
        ]
        .spacing(8);
        let canvas_bar = row![
            button(text(FIT).size(13)).on_press(Message::Canvas(canvas::Message::Fit)),
            button(text("放大").size(13)).on_press(Message::Canvas(canvas::Message::Zoom(1.25))),
            button(text("缩小").size(13)).on_press(Message::Canvas(canvas::Message::Zoom(0.8))),
            text("拖动空白处平移，滚轮缩放；把组织拖到另一组织上即移到其下；方框右下角 +/− 展开或折叠")
                .size(12),
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        let graph = column![
            canvas_bar,
            container(
                Element::from(
                    iced::widget::canvas(&self.canvas)
                        .width(Length::Fill)
                        .height(Length::Fill)
                )
                .map(Message::Canvas)
            )
            .id(CANVAS)
            .width(Length::Fill)
            .height(Length::FillPortion(3))
            .style(container::bordered_box),
            container(self.problems.view(&self.report).map(Message::Problem))
                .height(Length::FillPortion(1)),
        ]
        .spacing(6)
        .width(Length::FillPortion(6));
        let side = container(self.inspector.view(&self.document).map(Message::Inspector))
            .width(Length::FillPortion(4));
        let panels = row![
            container(
                self.outline
                    .view(&self.document, self.selected)
                    .map(Message::Outline)
            )
            .width(Length::FillPortion(3)),
            rule::vertical(1),
            graph,
            rule::vertical(1),
            side,
        ]
        .spacing(10)
        .height(Length::Fill);
        let t = &self.stats.total;
        let counts = text(format!(
            "{} 个组织 · 党员 {} 名 · 网格 {} 个，已覆盖 {} 个 · 楼栋 {} 个，已覆盖 {} 个 · 联系户 {} 户",
            self.document.units.len(),
            t.members,
            t.grids,
            t.grids_covered,
            t.buildings,
            t.buildings_covered,
            t.linked_households,
        ))
        .size(13);
        let notice = text(self.notice.as_deref().unwrap_or_default())
            .size(13)
            .color(iced::Color::from_rgb(0.1, 0.35, 0.7));
        let papers = [
            crate::pdf::Paper::A4,
            crate::pdf::Paper::A3,
            crate::pdf::Paper::A2,
            crate::pdf::Paper::A1,
            crate::pdf::Paper::A0,
        ];
        let print = row![
            file(PRINT_CHART, Message::PrintChart),
            pick_list(papers, Some(self.paper), Message::Paper).text_size(13),
            file(PRINT_ROSTER, Message::PrintRoster),
            checkbox(self.unmasked)
                .label("完整显示身份证号、出生日期和电话")
                .on_toggle(Message::Unmasked)
                .text_size(13),
            button(text("打开打印文件").size(13))
                .on_press_maybe(self.printed.as_ref().map(|_| Message::ShowPrinted)),
            text(if self.selected.is_some() {
                "（打印所选组织及下级；Esc 取消选择即打印全部）"
            } else {
                "（打印全部）"
            })
            .size(12),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        let mut status = row![counts, notice]
            .spacing(24)
            .align_y(iced::Alignment::Center);
        if let Some(p) = self.printing {
            status = status.push(
                iced::widget::progress_bar(0.0..=f32::from(files::PRINT_STEPS), f32::from(p.step))
                    .length(Length::Fixed(140.0))
                    .girth(10.0),
            );
            status = status.push(
                text(format!(
                    "正在生成 PDF：第 {}/{} 步，{}…已用 {:.0} 秒",
                    p.step.max(1),
                    files::PRINT_STEPS,
                    p.what,
                    p.started.elapsed().as_secs_f32()
                ))
                .size(13),
            );
        }
        let mut page = column![toolbar, print].spacing(8);
        if let Some(edits) = self.recovery_offered() {
            page = page.push(
                row![
                    text(format!(
                        "上次编辑未保存就意外退出了：有 {edits} 项修改可以恢复。"
                    ))
                    .size(14),
                    button(text(RESTORE).size(13)).on_press(Message::Restore),
                    button(text(DROP_RECOVERY).size(13))
                        .on_press(Message::DropRecovery)
                        .style(button::danger),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
        if let Some(leave) = &self.leaving {
            let (question, save, discard) = match leave {
                Leave::Close(_) => (UNSAVED_ON_CLOSE, SAVE_AND_CLOSE, DISCARD),
                _ => (UNSAVED_ON_LEAVE, SAVE_FIRST, DISCARD_CHANGES),
            };
            page = page.push(
                row![
                    text(question).size(14),
                    button(text(save).size(13)).on_press(Message::SaveAndClose),
                    button(text(discard).size(13))
                        .on_press(Message::Discard)
                        .style(button::danger),
                    button(text("取消").size(13)).on_press(Message::KeepOpen),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
        container(
            page.push(panels)
                .push(rule::horizontal(1))
                .push(status)
                .spacing(8),
        )
        .padding(12)
        .into()
    }
}

/// Opens the window on a document. Blocks until the window is closed.
pub fn run(document: Document, path: Option<PathBuf>) -> iced::Result {
    window(move || App::open(document.clone(), path.clone()))
}

/// Opens the window at once and reads `path` (a document, a workbook or a
/// folder of CSV files) in the background. Blocks until the window is closed.
pub fn run_file(path: PathBuf) -> iced::Result {
    // The read starts now, beside the window's own start-up, not after it.
    let (sender, receiver) = iced::futures::channel::oneshot::channel();
    let reading = path.clone();
    std::thread::spawn(move || {
        let _ = sender.send(iced::futures::executor::block_on(files::open(reading)));
    });
    let receiver = std::sync::Mutex::new(Some(receiver));
    window(move || {
        let receiver = receiver.lock().ok().and_then(|mut r| r.take());
        let read = async move {
            match receiver {
                Some(receiver) => receiver
                    .await
                    .unwrap_or_else(|_| Err("读取中断 (read interrupted)".to_string())),
                None => Err("窗口重新启动 (window restarted)".to_string()),
            }
        };
        App::waiting_for(&path, read)
    })
}

fn window(boot: impl Fn() -> (App, Task<Message>) + 'static) -> iced::Result {
    iced::application(boot, App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .exit_on_close_request(false)
        .font(crate::font::NOTO_SANS_SC)
        .default_font(CJK)
        .window_size((1280.0, 800.0))
        .run()
}

/// The recent files the window offers, as last written.
pub fn recent_files() -> Vec<PathBuf> {
    files::recent()
}

/// Reads the bundled sample document the window opens on by default.
pub fn bundled_sample() -> Result<Document, document::DocumentError> {
    document::from_str(crate::SAMPLE, "sample-data/xiyuan.ron")
}
