//! The editor window (iced). A thin layer over the library: it sends messages
//! and renders state; the document, its checks and its edits live in the core.
//!
//! The root only routes. The open document and its panels are the
//! [`editor`]; file actions and where files go are [`files`]; the
//! document's git history and its versions shown read-only are [`history`];
//! printouts are [`print`]; the crash journal and its banner are
//! [`recovery`]; the status bar is [`status`]. Each has its own `Message` and hands the root an
//! `Event`; the root passes each event to whom it concerns. The property
//! panel and its sub-panels are in [`inspector`]; what panels share in
//! `widget`; what both canvases share (view, pan, zoom, text fitting) in
//! [`viewport`]. No file here takes anything from this one: the root's
//! [`Message`] is in a file of its own.

pub mod canvas;
pub mod compare;
pub mod coverage;
pub mod derived;
pub mod editor;
pub mod exchange;
pub mod files;
pub mod focus;
mod font;
pub mod guide;
pub mod help;
pub mod history;
mod holds;
pub mod home;
pub mod inspector;
mod io;
pub mod keys;
pub mod menu;
mod message;
pub mod outline;
pub mod panels;
pub mod print;
pub mod printing;
pub mod problems;
pub mod reading;
pub mod recovery;
mod reveal;
pub mod sheet;
pub mod shortcuts;
pub mod statistics;
pub mod status;
mod tabbing;
pub mod viewport;
mod widget;

pub use editor::{CANVAS, FIT, REDO, UNDO};
pub use files::{
    DISCARD, DISCARD_CHANGES, EXPORT, NEW, OPEN, SAVE, SAVE_AND_CLOSE, SAVE_AS, SAVE_FIRST,
    UNSAVED_ON_CLOSE, UNSAVED_ON_LEAVE,
};
pub use font::CJK;
pub use io::FileError;
pub use message::Message;
pub use print::{PRINT_CHART, PRINT_ROSTER};
pub use recovery::{DROP as DROP_RECOVERY, RESTORE};
pub use widget::dropdown::{item_id as menu_item, title_id as menu_title};

use crate::check::Report;
use crate::document;
use crate::model::{Document, Id};
use editor::Editor;
use iced::keyboard;
use iced::widget::{column, container, rule, stack};
use iced::{Element, Subscription, Task};
use status::Notice;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

/// The title of a new document.
pub const NEW_TITLE: &str = "新建党建网格";

/// The application: what it shows, and the components around it.
pub struct App {
    state: State,
    files: files::Files,
    print: print::Print,
    printing: printing::Printing,
    recovery: recovery::Recovery,
    status: status::Status,
    statistics: statistics::Statistics,
    /// Whether the user was told that new ids come from this run's own source
    /// (no usable data folder: see [`crate::store::ids::notice`]).
    ids_told: bool,
    history: history::History<Editor>,
    /// Which list of the menu bar is open.
    menu: widget::dropdown::Dropdown,
    /// The help shown over the window (帮助), if any.
    help: Option<help::Help>,
    /// The user's guide, while it is shown over the window.
    guide: Option<Box<guide::Guide>>,
    /// The 数据包 menu's dialogs and work.
    exchange: exchange::Exchange,
    /// The panels' widths and the window's size, kept between runs.
    panels: panels::Panels,
}

/// Where the menu bar's top left sits in the window.
const MENU_ORIGIN: (f32, f32) = (8.0, 2.0);

/// What the window shows.
enum State {
    /// The file named on the command line is being read, or could not be:
    /// nothing to edit yet.
    Reading(reading::Reading),
    /// A document is open.
    Editing(Box<Editor>),
}

impl State {
    fn editor(&self) -> Option<&Editor> {
        match self {
            State::Editing(editor) => Some(editor),
            State::Reading(_) => None,
        }
    }
}

/// The empty document shown while a file is read.
static EMPTY: LazyLock<Arc<Document>> = LazyLock::new(|| Arc::new(Document::new("")));

impl App {
    /// A window on a document, checked before it is returned (a test or a
    /// benchmark reads its findings at once); `path` is where it was read
    /// from (None for the sample). Nothing is journaled: see [`App::open`].
    pub fn new(document: Document, path: Option<PathBuf>) -> Self {
        App::with_recent(document, path, Vec::new())
    }

    /// A window on a document, checked before it is returned, with the
    /// recent-files list it offers.
    pub fn with_recent(document: Document, path: Option<PathBuf>, recent: Vec<PathBuf>) -> Self {
        let (mut app, _) = App::unchecked(document, path, recent);
        if let State::Editing(editor) = &mut app.state {
            editor.check_now();
        }
        app
    }

    /// A window on a document, and the task that checks it.
    fn unchecked(
        document: Document,
        path: Option<PathBuf>,
        recent: Vec<PathBuf>,
    ) -> (Self, Task<Message>) {
        let (editor, check) = Editor::new(document, path);
        let app = App {
            state: State::Editing(Box::new(editor)),
            files: files::Files::new(recent),
            print: print::Print::default(),
            printing: printing::Printing::default(),
            recovery: recovery::Recovery::default(),
            status: status::Status::default(),
            statistics: statistics::Statistics::default(),
            ids_told: false,
            history: history::History::default(),
            menu: widget::dropdown::Dropdown::default(),
            help: None,
            guide: None,
            exchange: exchange::Exchange::default(),
            panels: panels::Panels::default(),
        };
        (app, check)
    }

    /// This window with the size and panel widths kept in `file` (read
    /// now, written when a line between panels is let go or the window
    /// closes), as the program keeps them in the desktop's settings folder.
    pub fn keep_window_in(mut self, file: PathBuf) -> Self {
        let kept = crate::store::window::WindowSettings::read(&file);
        self.panels = panels::Panels::new(kept, Some(file));
        self
    }

    /// The window as the program opens it: the document shown at once and
    /// checked on a worker, the recent files listed, and the edits journaled
    /// — or, when a killed session left edits for this document, an offer to
    /// restore them (looked for on a worker).
    pub fn open(document: Document, path: Option<PathBuf>) -> (Self, Task<Message>) {
        let (mut app, check) = App::unchecked(document, path.clone(), io::recent());
        let journal = app.journal_opened();
        let located = app.history.reset(path.as_deref()).map(Message::History);
        let pending = app.exchange.look(path.as_deref()).map(Message::Exchange);
        (app, Task::batch([check, journal, located, pending]))
    }

    /// A window that opens at once on an empty page and reads `path` in the
    /// background (a city's document takes a moment), then shows it.
    pub fn reading(path: PathBuf) -> (Self, Task<Message>) {
        let read = io::open(path.clone());
        App::waiting_for(path, read)
    }

    /// The empty page while `read` (of `path`) goes on.
    fn waiting_for(
        path: PathBuf,
        read: impl std::future::Future<Output = Result<io::Opened, io::FileError>> + Send + 'static,
    ) -> (Self, Task<Message>) {
        let mut files = files::Files::new(io::recent());
        files.reading();
        let mut status = status::Status::default();
        status.say(Notice::info(format!("正在打开 {}…", path.display())));
        let app = App {
            state: State::Reading(reading::Reading::new(path)),
            files,
            print: print::Print::default(),
            printing: printing::Printing::default(),
            recovery: recovery::Recovery::default(),
            status,
            statistics: statistics::Statistics::default(),
            ids_told: false,
            history: history::History::default(),
            menu: widget::dropdown::Dropdown::default(),
            help: None,
            guide: None,
            exchange: exchange::Exchange::default(),
            panels: panels::Panels::default(),
        };
        let read = Task::perform(read, |r| {
            Message::Files(files::Message::Opened(r.map(Box::new)))
        });
        (app, read)
    }

    fn editor(&self) -> Option<&Editor> {
        self.state.editor()
    }

    /// The current document: the one shown, or the one set aside while a
    /// version from its history is shown read-only.
    fn current(&self) -> Option<&Editor> {
        self.history.current().or(self.state.editor())
    }

    /// The current document, to change (see [`App::current`]).
    fn current_mut(&mut self) -> Option<&mut Editor> {
        match (self.history.current_mut(), &mut self.state) {
            (Some(current), _) => Some(current),
            (None, State::Editing(editor)) => Some(editor),
            (None, State::Reading(_)) => None,
        }
    }

    /// The document as edited (empty while a file is read).
    pub fn document(&self) -> &Document {
        self.editor().map_or(&EMPTY, Editor::document)
    }

    /// The current check findings.
    pub fn report(&self) -> &Report {
        static NONE: LazyLock<Report> = LazyLock::new(Report::default);
        self.editor().map_or(&NONE, Editor::report)
    }

    /// The last message in the status bar.
    pub fn notice(&self) -> Option<&str> {
        self.status.notice().map(|n| n.text.as_str())
    }

    /// The selected unit.
    pub fn selected(&self) -> Option<Id> {
        self.editor().and_then(Editor::selected)
    }

    /// The canvas' state (none while a file is read).
    pub fn canvas(&self) -> Option<&canvas::Canvas> {
        self.editor().map(Editor::canvas)
    }

    /// The coverage graph's state (none while a file is read).
    pub fn coverage(&self) -> Option<&coverage::Coverage> {
        self.editor().map(Editor::coverage)
    }

    /// Whether edits from a killed session are offered.
    pub fn recovery_offered(&self) -> Option<usize> {
        self.recovery.offered()
    }

    /// The files opened or saved lately, newest first.
    pub fn recent(&self) -> &[PathBuf] {
        self.files.recent()
    }

    /// Whether a file is being read, written or chosen, or a printout made
    /// or printed.
    pub fn busy(&self) -> bool {
        self.files.busy() || self.print.is_printing() || self.printing.is_running()
    }

    /// Prints (打印…) through `cups` instead of the scheduler CUPS's own
    /// tools find (`CUPS_SERVER`, client.conf, the local socket).
    pub fn print_to(&mut self, cups: crate::printer::server::Cups) {
        self.printing.use_cups(cups);
    }

    /// Whether the print dialog is open.
    pub fn print_dialog(&self) -> bool {
        self.printing.is_open()
    }

    /// The window title: the file name (or the document's title), marked
    /// with ● while there are unsaved changes, and the version shown while
    /// one from the history is.
    pub fn title(&self) -> String {
        let Some(editor) = self.current() else {
            return "gridorg 党建网格".into();
        };
        let name = editor
            .path()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| editor.document().title.clone());
        let mark = if editor.history().is_modified() {
            "● "
        } else {
            ""
        };
        let version = self
            .history
            .viewing()
            .map(|label| format!("（{} {label}）", history::READ_ONLY))
            .unwrap_or_default();
        format!("{mark}{name}{version} — gridorg 党建网格")
    }

    /// The comparison with another version shown (与…比较), if any.
    pub fn comparison(&self) -> Option<&crate::versions::compare::Comparison> {
        self.editor().and_then(Editor::comparison)
    }

    /// Starts comparing the document with `old`, a version read elsewhere
    /// (a git revision …), called `label` in the window: the canvas marks
    /// what changed and the change list opens beside it once worked out.
    pub fn compare_with(&mut self, old: Document, label: String) -> Task<Message> {
        self.status
            .say(Notice::info(format!("正在与 {label} 比较…")));
        self.edit(|e| (e.compare_with(old, label), None))
    }

    /// The statistics tables shown (统计), once worked out.
    pub fn statistics(&self) -> Option<&crate::report::Report> {
        self.statistics
            .is_open()
            .then(|| self.statistics.report())
            .flatten()
    }

    /// The open list of the menu bar: its title.
    pub fn menu_open(&self) -> Option<&'static str> {
        let open = self.menu.open()?;
        menu::menus(&self.menu_state()).get(open).map(|m| m.title)
    }

    /// The help shown over the window, if any.
    pub fn help(&self) -> Option<help::Help> {
        self.help
    }

    /// Whether the user's guide is shown (帮助 → 使用说明).
    pub fn guide_open(&self) -> bool {
        self.guide.is_some()
    }

    /// The members sheet, while it is open.
    pub fn sheet(&self) -> Option<&sheet::Sheet> {
        self.editor().and_then(Editor::sheet)
    }

    /// The 历史 panel's state.
    pub fn history(&self) -> &history::History<Editor> {
        &self.history
    }

    /// The 数据包 menu's state.
    pub fn exchange(&self) -> &exchange::Exchange {
        &self.exchange
    }

    /// Routes a message to whom it concerns; shown statistics then follow
    /// the selection and the document.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = self.route(message);
        let Some(editor) = self.state.editor() else {
            return task;
        };
        let source = statistics::Source {
            document: editor.shared(),
            graph: editor.graph(),
            revision: editor.history().revision(),
            selected: editor.selected().zip(editor.selected_code()),
        };
        match self.statistics.follow(source) {
            follow if follow.units() == 0 => task,
            follow => Task::batch([task, follow.map(Message::Statistics)]),
        }
    }

    fn route(&mut self, message: Message) -> Task<Message> {
        // What the status bar said belongs to the action before: an action
        // of the user's says its own, or nothing.
        if is_action(&message) {
            self.status.clear();
        }
        match message {
            // A merge under way reads the document again from its file once
            // done: an edit now would be lost (the panels are frozen too).
            Message::Undo
            | Message::Redo
            | Message::Inspector(_)
            | Message::Sheet(_)
            | Message::Conflicts(_)
                if self.exchange.replacing() =>
            {
                self.say(Notice::refused(exchange::HOLD))
            }
            Message::Outline(m) => self.edit(|e| (e.outline(m), None)),
            Message::Canvas(m) => self.edit(|e| e.canvas_message(m)),
            Message::Coverage(m) => self.edit(|e| e.coverage_message(m)),
            Message::Inspector(m) => self.edit(|e| e.inspector(m)),
            Message::Problem(m) => self.edit(|e| e.problem(m)),
            Message::Home(m) => self.edit(|e| e.home(m)),
            Message::Conflicts(m) => self.edit(|e| e.conflict(m)),
            Message::Compare(m @ compare::Message::File) => {
                let closed = self.edit(|e| e.compare_message(m));
                let choose = self.files(files::Message::Choose(io::Intent::Compare));
                Task::batch([closed, choose])
            }
            Message::Compare(m) => {
                let task = self.edit(|e| e.compare_message(m));
                // A merge's comparison is shown: what the merge left to do
                // is what the status says.
                if self.comparison().is_some() {
                    if let Some(said) = self.exchange.follow_up() {
                        self.status.say(Notice::info(said));
                    }
                }
                task
            }
            Message::Sheet(m) => self.edit(|e| e.sheet_message(m)),
            // Tab in a sheet's cell puts it in and moves to the next.
            Message::FocusNext if self.editor().is_some_and(Editor::sheet_editing) => {
                self.edit(|e| e.sheet_message(sheet::Message::CommitAcross))
            }
            Message::Undo => self.edit(Editor::undo),
            Message::Redo => self.edit(Editor::redo),
            // Escape closes a menu or the help before it deselects.
            Message::Deselect if self.menu.open().is_some() => {
                self.menu
                    .update(widget::dropdown::Message::<Message>::Close);
                Task::none()
            }
            Message::Deselect if self.printing.is_open() => {
                self.printing.update(printing::Message::Close);
                Task::none()
            }
            Message::Deselect if self.help.is_some() => {
                self.help = None;
                Task::none()
            }
            Message::Deselect if self.guide.is_some() => {
                self.guide = None;
                Task::none()
            }
            Message::Deselect => self.edit(|e| {
                e.deselect();
                (Task::none(), None)
            }),
            Message::Derived(derived) => self.edit(|e| {
                if let Some(derived) = derived {
                    e.derived(*derived);
                }
                (Task::none(), None)
            }),
            Message::Find => iced::widget::operation::focus(outline::SEARCH),
            Message::FocusNext => tabbing::next(),
            Message::FocusPrevious => tabbing::previous(),
            Message::Arrow(step) if self.editor().is_some_and(Editor::problems_have_keyboard) => {
                self.edit(|e| e.problems_arrow(step))
            }
            // While the members sheet is open, the arrows move in it.
            Message::Arrow(step) if self.editor().is_some_and(|e| e.sheet().is_some()) => {
                self.edit(|e| e.sheet_message(sheet::Message::Step(step)))
            }
            Message::Arrow(step) => {
                // ↑ and ↓ reach here even while a text field has the cursor.
                let count = iced::advanced::widget::operation::focusable::count();
                iced::advanced::widget::operate(count).then(move |count| match count.focused {
                    None => Task::done(Message::Outline(outline::Message::Step(step))),
                    Some(_) => Task::none(),
                })
            }
            Message::Files(m) => {
                // The page in place of the document says why the file
                // could not be read, and what to do next.
                if let (State::Reading(reading), files::Message::Opened(Err(error))) =
                    (&mut self.state, &m)
                {
                    reading.failed(error.clone());
                }
                self.files(m)
            }
            Message::Print(m) => match self.print.update(m) {
                Some(print::Event::Choose(intent)) => self.files(files::Message::Choose(intent)),
                Some(print::Event::Notice(notice)) => self.say(notice),
                Some(print::Event::Run(task)) => task.map(Message::Print),
                None => Task::none(),
            },
            Message::Printing(m) => self.printing_message(m),
            Message::Recovery(m) => self.recovery(m),
            Message::Statistics(m) => match self.statistics.update(m) {
                Some(statistics::Event::Choose(intent)) => {
                    self.files(files::Message::Choose(intent))
                }
                None => Task::none(),
            },
            Message::History(m) => self.history_message(m),
            Message::Exchange(m) => self.exchange_message(m),
            Message::CloseRequested(id) => self.files(files::Message::Close(id)),
            Message::Menu(m) => match self.menu.update(m) {
                Some(chosen) => self.route(chosen),
                None => Task::none(),
            },
            Message::Help(help) => {
                self.help = help;
                Task::none()
            }
            Message::Panels(m) => {
                let (task, notice) = self.panels.update(m);
                if let Some(notice) = notice {
                    self.status.say(notice);
                }
                task.map(Message::Panels)
            }
            Message::Guide(m) => match guide::update(m) {
                guide::Event::Open => {
                    self.help = None;
                    self.guide.get_or_insert_default();
                    Task::none()
                }
                guide::Event::Close => {
                    self.guide = None;
                    Task::none()
                }
                guide::Event::Run(task) => task.map(Message::Guide),
                guide::Event::Notice(notice) => self.say(notice),
            },
            Message::Quit => {
                iced::window::oldest().and_then(|id| Task::done(Message::CloseRequested(id)))
            }
            Message::Fit => self.edit(|e| match e.coverage().shown() {
                true => e.coverage_message(coverage::Message::Fit),
                false => e.canvas_message(canvas::Message::Fit),
            }),
            Message::Zoom(by) => self.edit(|e| match e.coverage().shown() {
                true => e.coverage_message(coverage::Message::Zoom(by)),
                false => e.canvas_message(canvas::Message::Zoom(by)),
            }),
        }
    }

    /// What the menus and the toolbar need to know of the window.
    fn menu_state(&self) -> menu::State<'_> {
        let editor = self.editor();
        let current = self.current();
        menu::State {
            recent: self.files.recent(),
            busy: self.files.busy(),
            printing: self.print.is_printing() || self.printing.is_running(),
            open: editor.is_some(),
            selected: self.selected().is_some(),
            undo: editor.is_some_and(|e| e.history().undo_label().is_some()),
            redo: editor.is_some_and(|e| e.history().redo_label().is_some()),
            coverage: editor.is_some_and(|e| e.coverage().shown()),
            statistics: self.statistics.is_open(),
            history: self.history.is_open(),
            repository: self.history.in_repository() && current.is_some(),
            unavailable: self.history.unavailable(),
            commit_on_save: self.files.commits_on_save(),
            paper: self.print.paper(),
            unmasked: self.print.unmasked(),
            printed: self.print.printed(),
            filed: current.is_some_and(|e| e.path().is_some()),
            exchanging: self.exchange.working().is_some(),
            unversioned: current.is_some_and(|e| e.path().is_some()) && self.history.outside(),
        }
    }

    /// Routes the print dialog's messages: 打印 prints the selection (or
    /// everything) of the document shown; 另存为 PDF… and the masking box
    /// are the print bar's.
    fn printing_message(&mut self, message: printing::Message) -> Task<Message> {
        match self.printing.update(message) {
            Some(printing::Event::Print) => {
                let Some(editor) = self.editor() else {
                    return Task::none();
                };
                let (document, unit) = (Arc::clone(editor.shared()), editor.selected_code());
                self.status.clear();
                let unmasked = self.print.unmasked();
                self.printing
                    .start(document, unit, unmasked)
                    .map(Message::Printing)
            }
            Some(printing::Event::SavePdf(content)) => self.route(Message::Print(match content {
                crate::printer::printout::Content::Chart => print::Message::Chart,
                crate::printer::printout::Content::Roster => print::Message::Roster,
            })),
            Some(printing::Event::Unmasked(on)) => {
                self.route(Message::Print(print::Message::Unmasked(on)))
            }
            Some(printing::Event::Notice(notice)) => self.say(notice),
            Some(printing::Event::Run(task)) => task.map(Message::Printing),
            None => Task::none(),
        }
    }

    /// Routes the 数据包 menu's messages, then acts on what it hands back.
    fn exchange_message(&mut self, message: exchange::Message) -> Task<Message> {
        let context = exchange_context(&self.history, &self.state);
        let (task, event) = self.exchange.update(message, &context);
        let task = task.map(Message::Exchange);
        match event {
            Some(event) => Task::batch([task, self.exchanged(event)]),
            None => task,
        }
    }

    /// Acts on what the 数据包 menu hands back: a save it waits for, the
    /// document read again after a merge (what came in marked), a
    /// repository made, a commit.
    fn exchanged(&mut self, event: exchange::Event) -> Task<Message> {
        match event {
            exchange::Event::Save => self.files(files::Message::Save),
            exchange::Event::Show { opened, before } => {
                // The edits journaled were of the document git replaced.
                if let Some(failed) = self.recovery.discard() {
                    self.status.say(Notice::refused(failed));
                }
                let shown = self.filed(files::Event::Opened(opened));
                match before {
                    Some(before) => {
                        let marked = self.compare_with(*before, exchange::BEFORE.into());
                        Task::batch([shown, marked])
                    }
                    None => shown,
                }
            }
            exchange::Event::Located(notice) => {
                self.status.say(notice);
                let path = self.current().and_then(Editor::path).map(PathBuf::from);
                self.history.locate(path.as_deref()).map(Message::History)
            }
            exchange::Event::Committed(notice) => {
                self.status.say(notice);
                self.history.committed().map(Message::History)
            }
            exchange::Event::Notice(notice) => self.say(notice),
        }
    }

    /// Routes the history's messages: a version is shown read-only in place
    /// of the current document, which is set aside until the user goes back.
    fn history_message(&mut self, message: history::Message) -> Task<Message> {
        let (task, event) = self.history.update(message);
        let task = task.map(Message::History);
        let done = match event {
            Some(history::Event::Show { document, label }) => {
                let State::Editing(editor) = &mut self.state else {
                    return task;
                };
                let path = editor.path().map(PathBuf::from);
                let (version, check) = Editor::read_only(*document, path);
                let shown = std::mem::replace(editor, Box::new(version));
                self.status.say(Notice::info(format!("只读打开 {label}")));
                self.history.set_aside(shown, label);
                check
            }
            Some(history::Event::Back) => {
                let back = self.back_to_current();
                self.status.say(Notice::info("已回到当前文档"));
                back
            }
            // A version is compared with the current document, never with
            // another version shown read-only.
            Some(history::Event::Compare { old, label }) => {
                let back = self.back_to_current();
                Task::batch([back, self.compare_with(*old, label)])
            }
            Some(history::Event::Notice(notice)) => self.say(notice),
            None => Task::none(),
        };
        Task::batch([task, done])
    }

    /// Shows the current document again in place of a version shown
    /// read-only (nothing when none is).
    fn back_to_current(&mut self) -> Task<Message> {
        match (self.history.back(), &mut self.state) {
            (Some(current), State::Editing(editor)) => {
                *editor = current;
                // Its findings may have been worked out while it was aside.
                editor.recheck()
            }
            _ => Task::none(),
        }
    }

    /// Runs `act` on the open document (nothing while a file is read), then
    /// journals the step it took and says what it says.
    fn edit(
        &mut self,
        act: impl FnOnce(&mut Editor) -> (Task<Message>, Option<editor::Event>),
    ) -> Task<Message> {
        let State::Editing(editor) = &mut self.state else {
            return Task::none();
        };
        let (task, event) = act(editor);
        match event {
            Some(editor::Event::Stepped(step, said)) => {
                self.status.say(said);
                self.recovery.record(*step);
                self.tell_id_source();
            }
            Some(editor::Event::Notice(said)) => self.status.say(said),
            None => {}
        }
        task
    }

    /// Once an edit handed out an id from this run's own source rather than
    /// the installation's counter, says so (once): the ids stay unique, but
    /// the user should know the data folder is unusable.
    fn tell_id_source(&mut self) {
        if self.ids_told {
            return;
        }
        if let Some(notice) = crate::store::ids::notice() {
            self.status.say(Notice::refused(notice));
            self.ids_told = true;
        }
    }

    fn say(&mut self, notice: Notice) -> Task<Message> {
        self.status.say(notice);
        Task::none()
    }

    /// Routes a file action, then acts on what it hands back.
    fn files(&mut self, message: files::Message) -> Task<Message> {
        self.with_files(|files, context| files.update(message, context))
    }

    /// Runs `act` on the file actions with what they need to know of the open
    /// document (an empty one while a file is read), then acts on its event.
    fn with_files(
        &mut self,
        act: impl FnOnce(
            &mut files::Files,
            &files::Context<'_>,
        ) -> (Task<files::Message>, Option<files::Event>),
    ) -> Task<Message> {
        // While a version is shown read-only, files act on the current document.
        let editor = self.history.current().or(self.state.editor());
        let context = files::Context {
            document: editor.map_or(&EMPTY, Editor::shared),
            path: editor.and_then(Editor::path),
            revision: editor.map_or(0, |e| e.history().revision()),
            modified: editor.is_some_and(|e| e.history().is_modified()),
            scope: editor.map_or("", Editor::scope),
            repository: self.history.in_repository(),
        };
        let (task, event) = act(&mut self.files, &context);
        let task = task.map(Message::Files);
        match event {
            Some(event) => Task::batch([task, self.filed(event)]),
            None => task,
        }
    }

    /// Acts on what the file actions hand back.
    fn filed(&mut self, event: files::Event) -> Task<Message> {
        match event {
            files::Event::Opened(opened) => {
                let opened = *opened;
                let located = self.history.reset(opened.path.as_deref());
                let pending = self.exchange.look(opened.path.as_deref());
                let (editor, check) = Editor::new(opened.document, opened.path);
                self.state = State::Editing(Box::new(editor));
                self.recovery = recovery::Recovery::default();
                self.status.say(Notice::info(opened.notice));
                Task::batch([
                    check,
                    self.journal_opened(),
                    located.map(Message::History),
                    pending.map(Message::Exchange),
                ])
            }
            files::Event::Saved { path, revision } => {
                let Some(editor) = self.current_mut() else {
                    return Task::none();
                };
                let moved = editor.path() != Some(path.as_path());
                editor.saved(path.clone(), revision);
                let document = Arc::clone(editor.shared());
                self.status
                    .say(Notice::info(format!("已保存到 {}", path.display())));
                let located = match moved {
                    true => self.history.locate(Some(&path)).map(Message::History),
                    false => Task::none(),
                };
                let journal = self
                    .recovery
                    .restart(Some(path), document)
                    .map(Message::Recovery);
                Task::batch([journal, located, self.files_after_save()])
            }
            files::Event::New => {
                let journaled = self.recovery.is_on();
                let (editor, check) = Editor::new(Document::new(NEW_TITLE), None);
                let document = Arc::clone(editor.shared());
                // The old document's history goes; the new one has no file.
                let forgotten = self.history.reset(None).map(Message::History);
                self.state = State::Editing(Box::new(editor));
                self.status
                    .say(Notice::info("已新建空白文档：先添加街道党工委"));
                if journaled {
                    self.recovery = recovery::Recovery::default();
                    let journal = self.recovery.restart(None, document);
                    return Task::batch([check, journal.map(Message::Recovery), forgotten]);
                }
                Task::batch([check, forgotten])
            }
            files::Event::Print(intent, path) => {
                let Some(editor) = self.editor() else {
                    return Task::none();
                };
                let job = print::Job {
                    intent,
                    unit: editor.selected_code(),
                    path,
                    source: editor.path().map(PathBuf::from),
                };
                let document = Arc::clone(editor.shared());
                self.status.clear();
                self.print.start(document, job).map(Message::Print)
            }
            // The window's size and panels are kept, then it closes.
            files::Event::Close(id) => {
                let panels = self.panels.clone();
                iced::window::is_maximized(id)
                    .then(move |maximized| panels.keep(Some(maximized)))
                    .discard()
                    .chain(iced::window::close(id))
            }
            files::Event::Discarded(then) => {
                if let Some(failed) = self.recovery.discard() {
                    self.status.say(Notice::refused(failed));
                }
                then.map_or_else(Task::none, |then| self.filed(*then))
            }
            files::Event::Committed(notice) => {
                self.status.say(notice);
                let listed = self.history.committed().map(Message::History);
                Task::batch([listed, self.files_after_save()])
            }
            files::Event::Compare(path) => {
                self.status
                    .say(Notice::info(format!("正在与 {} 比较…", path.display())));
                self.edit(|e| (e.compare_file(path), None))
            }
            files::Event::Notice(notice) => {
                if notice.refused {
                    self.exchange.unsaved();
                }
                self.say(notice)
            }
        }
    }

    /// After a save, what waited for it (closing, opening, starting anew,
    /// a 数据包 step), once any commit it makes is made.
    fn files_after_save(&mut self) -> Task<Message> {
        let after = self.with_files(files::Files::after_save);
        if self.files.busy() {
            return after;
        }
        let context = exchange_context(&self.history, &self.state);
        let (task, event) = self.exchange.saved(&context);
        let task = Task::batch([after, task.map(Message::Exchange)]);
        match event {
            Some(event) => Task::batch([task, self.exchanged(event)]),
            None => task,
        }
    }

    /// Starts journaling the document just shown.
    fn journal_opened(&mut self) -> Task<Message> {
        let Some(editor) = self.editor() else {
            return Task::none();
        };
        let (path, document) = (
            editor.path().map(PathBuf::from),
            Arc::clone(editor.shared()),
        );
        self.recovery.opened(path, document).map(Message::Recovery)
    }

    /// Routes the journal's messages; restored edits are checked like any.
    fn recovery(&mut self, message: recovery::Message) -> Task<Message> {
        // Edits are restored into the current document, never into a
        // version shown read-only.
        let current = match (self.history.current_mut(), &mut self.state) {
            (Some(current), _) => Some(current),
            (None, State::Editing(editor)) => Some(&mut **editor),
            (None, State::Reading(_)) => None,
        };
        let (task, event) = match current {
            Some(editor) => {
                let path = editor.path().map(PathBuf::from);
                let document = Arc::clone(editor.shared());
                self.recovery
                    .update(message, Some(editor.restoring()), path.as_deref(), || {
                        document
                    })
            }
            None => self
                .recovery
                .update(message, None, None, || Arc::clone(&EMPTY)),
        };
        let task = task.map(Message::Recovery);
        match event {
            Some(recovery::Event::Restored(said)) => {
                self.status.say(Notice::info(said));
                let recheck = self.edit(|e| (e.recheck(), None));
                Task::batch([task, recheck])
            }
            Some(recovery::Event::Notice(said)) => {
                self.status.say(Notice::refused(said));
                task
            }
            None => task,
        }
    }

    /// The window's close requests, the print bar's ticks, and the keys no
    /// widget took (see [`keys::message`]).
    pub fn subscription(&self) -> Subscription<Message> {
        let close = iced::window::close_requests().map(Message::CloseRequested);
        let keys = keyboard::listen().filter_map(keys::message);
        let resized = iced::window::resize_events()
            .map(|(_, size)| Message::Panels(panels::Message::Resized(size)));
        Subscription::batch([
            close,
            keys,
            resized,
            self.print.subscription().map(Message::Print),
        ])
    }

    /// Draws the window: the menu bar and the toolbar under it, any
    /// prompt or banner, the document's panels, the status bar; an open
    /// menu's list or a help over it all.
    pub fn view(&self) -> Element<'_, Message> {
        let editor = self.editor();
        let title = editor.map_or("", |e| e.document().title.as_str());
        let state = self.menu_state();
        let menus = menu::menus(&state);
        // Nothing to print while no document is open (a file being read,
        // or one that could not be), as in the 打印 menu.
        let print = self
            .print
            .buttons(self.files.busy() || editor.is_none(), state.selected)
            .map(Message::Print);
        let commit = self
            .history
            .in_repository()
            .then(|| self.files.commit_option().map(Message::Files));
        let bars = column![
            self.menu.bar(&menus).map(Message::Menu),
            menu::toolbar(&state, title, print, commit),
        ]
        .spacing(4);
        let mut page = column![].spacing(8);
        if let Some(prompt) = self.files.prompt() {
            page = page.push(prompt.map(Message::Files));
        }
        let conflicts = self.current().map_or(0, |e| e.document().conflicts.len());
        if let Some(exchange) = self.exchange.view(conflicts) {
            page = page.push(exchange.map(Message::Exchange));
        }
        if let Some(banner) = self.recovery.view() {
            page = page.push(banner.map(Message::Recovery));
        }
        if let Some(banner) = self.history.banner() {
            page = page.push(banner.map(Message::History));
        }
        if let Some(list) = self.history.view() {
            page = page.push(list.map(Message::History));
        }
        page = page.push(match &self.state {
            State::Editing(editor) if self.statistics.is_open() => self.panels.two(
                editor.outline_panel(),
                self.statistics.view(self.busy()).map(Message::Statistics),
                Message::Panels,
            ),
            State::Editing(editor) => {
                widget::frozen::frozen(self.exchange.replacing(), editor.view(&self.panels))
            }
            State::Reading(reading) => reading
                .view(self.files.busy(), bundled_sample)
                .map(Message::Files),
        });
        let units = self.document().units.len();
        let progress = match self.print.progress() {
            Some(p) => Some(p.map(Message::Print)),
            None => self.printing.progress().map(|p| p.map(Message::Printing)),
        };
        let status = self
            .status
            .view(units, editor.and_then(Editor::stats), progress);
        let (left, top) = MENU_ORIGIN;
        let window = column![
            container(bars)
                .id(menu::BARS)
                .padding(iced::Padding::ZERO.top(top).left(left).right(12.0)),
            rule::horizontal(1),
            container(page.push(rule::horizontal(1)).push(status))
                .padding(iced::Padding::from([6.0, 12.0]).bottom(12.0)),
        ]
        .spacing(2);
        let mut layers: Vec<Element<'_, Message>> = vec![window.into()];
        if let Some(list) = self.menu.list(menus, MENU_ORIGIN) {
            layers.push(list.map(Message::Menu));
        }
        let scope = editor
            .and_then(Editor::selected)
            .and_then(|id| self.document().units.get(&id))
            .map(|u| u.name.as_str());
        if let Some(dialog) = self.printing.view(scope, self.print.unmasked()) {
            layers.push(dialog.map(Message::Printing));
        }
        if let Some(help) = self.help {
            layers.push(help::view(help, Message::Help(None)));
        }
        if let Some(guide) = &self.guide {
            layers.push(guide.view().map(Message::Guide));
        }
        stack(layers).into()
    }
}

/// Whether `message` is an action of the user's own (a click, a key, a
/// character typed), as against a worker's result, a hover, a scroll, a pan
/// or the cursor moving between fields.
fn is_action(message: &Message) -> bool {
    use files::Message as F;
    use history::Message as H;
    use print::Message as P;
    match message {
        Message::Derived(_)
        | Message::CloseRequested(_)
        | Message::Find
        | Message::FocusNext
        | Message::FocusPrevious
        | Message::Outline(outline::Message::Scrolled(_))
        | Message::Home(home::Message::Scrolled(_))
        | Message::Canvas(canvas::Message::Viewed(_))
        | Message::Coverage(coverage::Message::Viewed(_) | coverage::Message::Hovered(_))
        | Message::Statistics(
            statistics::Message::Scrolled(_) | statistics::Message::Computed(..),
        )
        | Message::Recovery(recovery::Message::Journaled(_))
        | Message::Compare(compare::Message::Compared { .. })
        | Message::Sheet(
            sheet::Message::Over(..) | sheet::Message::Release | sheet::Message::Scrolled(_),
        )
        | Message::Problem(
            problems::Message::Hovered(_)
            | problems::Message::Left(_)
            | problems::Message::Scrolled(_),
        ) => false,
        Message::Files(m) => !matches!(
            m,
            F::Browsed(_)
                | F::Probed(..)
                | F::Opened(_)
                | F::Saved(_)
                | F::Exported(_)
                | F::Remembered
                | F::Committed(_)
                | F::Close(_)
        ),
        Message::Print(m) => matches!(
            m,
            P::Chart | P::Roster | P::Paper(_) | P::Unmasked(_) | P::Cancel | P::Show
        ),
        Message::Printing(m) => m.is_action(),
        Message::History(m) => matches!(m, H::Toggle | H::Read(..) | H::Back),
        Message::Exchange(m) => m.is_action(),
        // Opening a menu or the help box only looks: choosing an item acts.
        Message::Menu(m) => matches!(m, widget::dropdown::Message::Chose(_)),
        Message::Help(_) | Message::Guide(_) => false,
        _ => true,
    }
}

/// What the 数据包 menu needs to know of the current document (the one
/// set aside while a version is shown read-only).
fn exchange_context<'a>(
    history: &'a history::History<Editor>,
    state: &'a State,
) -> exchange::Context<'a> {
    let editor = history.current().or(state.editor());
    exchange::Context {
        document: editor.map(Editor::shared),
        path: editor.and_then(Editor::path),
        modified: editor.is_some_and(|e| e.history().is_modified()),
        conflicts: editor.map_or(0, |e| e.document().conflicts.len()),
    }
}

/// Opens the window on a document. Blocks until the window is closed.
pub fn run(document: Document, path: Option<PathBuf>) -> iced::Result {
    choose_renderer();
    window(move || App::open(document.clone(), path.clone()))
}

/// Opens the window at once and reads `path` (a document, a workbook or a
/// folder of CSV files) in the background. Blocks until the window is closed.
pub fn run_file(path: PathBuf) -> iced::Result {
    choose_renderer();
    // The read starts now, beside the window's own start-up, not after it.
    let (sender, receiver) = iced::futures::channel::oneshot::channel();
    let reading = path.clone();
    std::thread::spawn(move || {
        let _ = sender.send(iced::futures::executor::block_on(io::open(reading)));
    });
    let receiver = std::sync::Mutex::new(Some(receiver));
    window(move || {
        let receiver = receiver.lock().ok().and_then(|mut r| r.take());
        let read = async move {
            match receiver {
                Some(receiver) => receiver
                    .await
                    .unwrap_or(Err(io::FileError::Lost("读取中断 (read interrupted)"))),
                None => Err(io::FileError::Lost("窗口重新启动 (window restarted)")),
            }
        };
        App::waiting_for(path.clone(), read)
    })
}

/// The renderer the window draws with unless `ICED_BACKEND` names another:
/// iced's software renderer. Flat boxes and text need no GPU driver (the
/// redraws of `benches/editor.rs` are timed with it), and on machines without
/// a GPU it is what draws correctly: there iced falls back to GL through a
/// software driver, which left pieces of the old canvas on screen after the
/// window shrank.
const RENDERER: &str = "tiny-skia";

/// Chooses [`RENDERER`] unless the user chose: called first thing, before
/// any other thread starts (the environment is the process's).
fn choose_renderer() {
    if std::env::var_os("ICED_BACKEND").is_none() {
        std::env::set_var("ICED_BACKEND", RENDERER);
    }
}

/// Runs the window: at the size and with the panels it had when it last
/// closed (see [`crate::store::window`]), named `gridorg` to the desktop
/// (its X11 class and Wayland app id, which the desktop entry matches).
fn window(boot: impl Fn() -> (App, Task<Message>) + 'static) -> iced::Result {
    let file = crate::store::window::settings_file();
    let kept = file
        .as_deref()
        .map(crate::store::window::WindowSettings::read)
        .unwrap_or_default();
    let panels = panels::Panels::new(kept, file);
    let (least_width, least_height) = crate::store::window::MIN_SIZE;
    let settings = iced::window::Settings {
        icon: icon(),
        size: iced::Size::new(kept.size.0, kept.size.1),
        maximized: kept.maximized,
        min_size: Some(iced::Size::new(least_width, least_height)),
        exit_on_close_request: false,
        platform_specific: iced::window::settings::PlatformSpecific {
            application_id: "gridorg".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let boot = move || {
        let (mut app, task) = boot();
        app.panels = panels.clone();
        (app, task)
    };
    iced::application(boot, App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .font(crate::font::NOTO_SANS_SC)
        .default_font(CJK)
        .window(settings)
        .run()
}

/// The window's icon: the package's, drawn in `packaging/icons/`.
fn icon() -> Option<iced::window::Icon> {
    let png = include_bytes!("../../assets/icons/gridorg-256.png");
    let pixels = image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .ok()?
        .into_rgba8();
    let (width, height) = pixels.dimensions();
    iced::window::icon::from_rgba(pixels.into_raw(), width, height).ok()
}

/// The recent files the window offers, as last written.
pub fn recent_files() -> Vec<PathBuf> {
    io::recent()
}

/// Reads the bundled sample document the window opens on by default.
pub fn bundled_sample() -> Result<Document, document::DocumentError> {
    document::from_str(crate::SAMPLE, "sample-data/xiyuan.ron")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_the_package_icon_decoded() {
        let icon = super::icon().expect("the bundled icon decodes");
        let (pixels, size) = icon.into_raw();
        assert_eq!((size.width, size.height), (256, 256));
        // Not blank: the red mark is drawn.
        assert!(pixels
            .chunks(4)
            .any(|p| p[0] > 150 && p[1] < 80 && p[3] == 255));
    }
}
