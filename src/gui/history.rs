//! 历史: the open document's git history. Whether the document lives in a
//! git work tree is looked up on a worker when it is opened or saved; the
//! 历史 button is enabled only then (otherwise it says why not). The panel
//! lists the commits that touched the document — date, author, message, and
//! how many changes each made, counted on a worker and filled in as they
//! come (a city's version takes a while to read). Each version opens
//! read-only, the current document set aside meanwhile with its unsaved
//! edits, or goes to the comparison with the current document.

use super::io::{self, FileError, WORKER_LOST};
use super::status::Notice;
use super::widget::banner::banner;
use crate::model::Document;
use crate::versions::git::{self, Commit, GitError, Repository};
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Color, Element, Length, Task};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The button that opens the panel.
pub const SHOW: &str = "历史";
/// The button that closes it.
pub const CLOSE: &str = "关闭历史";
/// A version's button: show it read-only.
pub const OPEN: &str = "打开";
/// A version's button: compare it with the current document.
pub const COMPARE: &str = "比较";
/// The read-only banner's button back to the current document.
pub const BACK: &str = "回到当前文档";
/// What the banner starts with.
pub const READ_ONLY: &str = "只读";

/// The id around the 打开 button of the version in row `index`.
pub fn open_id(index: usize) -> iced::widget::Id {
    iced::widget::Id::from(format!("history-open-{index}"))
}

/// The id around the 比较 button of the version in row `index`.
pub fn compare_id(index: usize) -> iced::widget::Id {
    iced::widget::Id::from(format!("history-compare-{index}"))
}

/// The history's state; `Aside` is what the current document is kept as
/// while a version is shown in its place (the window's editor).
pub struct History<Aside> {
    /// Where the document lives in git, or why it does not.
    place: Place,
    /// Tells results for the document now open from those for an earlier one.
    generation: u64,
    /// Tells counts of the present list from those of an earlier listing.
    counting: u64,
    open: bool,
    /// The commits listed, newest first, with the changes each made.
    rows: Vec<Row>,
    /// The listing is under way.
    listing: bool,
    /// Stops the counting of a list that is no longer shown.
    stop: Arc<AtomicBool>,
    /// A version being read: its row.
    reading: Option<String>,
    /// The version shown read-only, and the current document set aside.
    viewing: Option<Viewing<Aside>>,
}

impl<Aside> Default for History<Aside> {
    fn default() -> Self {
        History {
            place: Place::default(),
            generation: 0,
            counting: 0,
            open: false,
            rows: Vec::new(),
            listing: false,
            stop: Arc::default(),
            reading: None,
            viewing: None,
        }
    }
}

/// Where the open document lives.
#[derive(Debug, Clone)]
enum Place {
    /// Being looked up.
    Looking,
    /// In a git work tree.
    In(Arc<Repository>),
    /// Not in one: why.
    Not(String),
}

impl Default for Place {
    /// The sample, or a document not yet saved: no file, no history.
    fn default() -> Place {
        Place::Not(NO_FILE.into())
    }
}

/// Why a document with no file has no history.
const NO_FILE: &str = "文档尚未保存为文件";

/// One commit in the list.
struct Row {
    commit: Commit,
    /// The changes it made, once counted (or why they could not be).
    changes: Option<Result<usize, GitError>>,
}

/// A version shown read-only.
struct Viewing<Aside> {
    /// What the banner names it by.
    label: String,
    /// The current document, with its unsaved edits, until the user goes back.
    current: Box<Aside>,
}

/// What a version is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// To show it read-only.
    Show,
    /// To compare it with the current document.
    Compare,
}

/// What the buttons and the workers bring.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open or close the panel.
    Toggle,
    /// Where the document lives was looked up.
    Located(u64, Result<Arc<Repository>, FileError>),
    /// The commits were listed.
    Listed(u64, Result<Vec<Commit>, FileError>),
    /// The changes one commit made were counted (the listing, its row, the
    /// count).
    Counted(u64, usize, Result<usize, GitError>),
    /// Read the version of a commit of the list, to show or compare. Named by
    /// the commit, so that a press handled after the list was read again
    /// reads the version pressed.
    Read(Box<Commit>, Purpose),
    /// A version was read (the listing, the commit, what for, the document).
    Loaded(u64, Box<Commit>, Purpose, Result<Box<Document>, FileError>),
    /// Back to the current document from a version shown.
    Back,
}

/// What the root acts on.
pub enum Event {
    /// Show this version read-only: the root hands the current document's
    /// editor to [`History::set_aside`].
    Show {
        /// The version.
        document: Box<Document>,
        /// What the banner names it by.
        label: String,
    },
    /// Compare this version with the current document.
    Compare {
        /// The version.
        old: Box<Document>,
        /// What it is called: the commit, its date and message.
        label: String,
    },
    /// Go back to the current document: the root takes it from
    /// [`History::back`].
    Back,
    /// Something to tell the user.
    Notice(Notice),
}

impl<Aside> History<Aside> {
    /// Another document is open: forgets the one that was (and any version
    /// shown of it) and looks up where the new one lives.
    pub fn reset(&mut self, path: Option<&Path>) -> Task<Message> {
        self.viewing = None;
        self.open = false;
        self.locate(path)
    }

    /// Looks up, on a worker, where the document at `path` lives (after it
    /// was opened, or saved somewhere new); its list is read again.
    pub fn locate(&mut self, path: Option<&Path>) -> Task<Message> {
        self.generation += 1;
        self.counting += 1;
        self.stop.store(true, Ordering::Relaxed);
        self.rows.clear();
        self.listing = false;
        self.reading = None;
        let Some(path) = path.map(Path::to_path_buf) else {
            self.place = Place::default();
            self.open = false;
            return Task::none();
        };
        self.place = Place::Looking;
        let generation = self.generation;
        Task::perform(
            io::apart(move || git::locate(&path).map(Arc::new).map_err(FileError::from)),
            move |found| Message::Located(generation, found.unwrap_or(Err(io::WORKER_LOST))),
        )
    }

    /// Whether the open document lives in a git work tree.
    pub fn in_repository(&self) -> bool {
        matches!(self.place, Place::In(_))
    }

    /// Whether the open document is known to live in no git work tree
    /// (not while that is looked up).
    pub fn outside(&self) -> bool {
        matches!(self.place, Place::Not(_))
    }

    /// Whether the panel is open.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The commits listed: the first line of each message, newest first.
    pub fn messages(&self) -> Vec<&str> {
        self.rows
            .iter()
            .map(|r| r.commit.message.as_str())
            .collect()
    }

    /// The changes each listed commit made, as far as counted.
    pub fn counts(&self) -> Vec<Option<usize>> {
        self.rows
            .iter()
            .map(|r| r.changes.as_ref().and_then(|c| c.as_ref().ok().copied()))
            .collect()
    }

    /// What the read-only banner names the version shown by, while one is.
    pub fn viewing(&self) -> Option<&str> {
        self.viewing.as_ref().map(|v| v.label.as_str())
    }

    /// The current document, set aside while a version is shown.
    pub fn current(&self) -> Option<&Aside> {
        self.viewing.as_ref().map(|v| &*v.current)
    }

    /// The current document, set aside while a version is shown, to save.
    pub fn current_mut(&mut self) -> Option<&mut Aside> {
        self.viewing.as_mut().map(|v| &mut *v.current)
    }

    /// Keeps the current document while the version called `label` is shown
    /// in its place (a version shown already keeps the one set aside).
    pub fn set_aside(&mut self, current: Box<Aside>, label: String) {
        match &mut self.viewing {
            Some(viewing) => viewing.label = label,
            None => self.viewing = Some(Viewing { label, current }),
        }
    }

    /// The current document, given back when the user leaves the version.
    pub fn back(&mut self) -> Option<Box<Aside>> {
        self.viewing.take().map(|v| v.current)
    }

    /// A commit was made: the list, if shown, is read again (it is anyway
    /// each time the panel opens).
    pub fn committed(&mut self) -> Task<Message> {
        if self.open {
            self.list()
        } else {
            Task::none()
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let none = (Task::none(), None);
        match message {
            Message::Toggle => {
                self.open = !self.open && self.in_repository();
                // Commits made elsewhere (a terminal, a merge) show up too.
                if self.open && !self.listing {
                    return (self.list(), None);
                }
                none
            }
            Message::Located(generation, found) if generation == self.generation => {
                self.place = match found {
                    Ok(repository) => Place::In(repository),
                    Err(why) => Place::Not(why_not(&why)),
                };
                // Saved somewhere new while the list was shown: list it there.
                match self.open && self.in_repository() {
                    true => (self.list(), None),
                    false => {
                        self.open = false;
                        none
                    }
                }
            }
            Message::Listed(generation, listed) if generation == self.generation => {
                self.listing = false;
                match listed {
                    Ok(commits) => (self.show_list(commits), None),
                    Err(e) => (
                        Task::none(),
                        Some(Event::Notice(Notice::refused(format!("无法读取历史：{e}")))),
                    ),
                }
            }
            Message::Counted(counting, index, count) if counting == self.counting => {
                if let Some(row) = self.rows.get_mut(index) {
                    row.changes = Some(count);
                }
                none
            }
            Message::Read(commit, purpose) => {
                let Place::In(repository) = &self.place else {
                    return none;
                };
                let listed = self.rows.iter().any(|r| r.commit == *commit);
                if !listed || self.reading.is_some() {
                    return none;
                }
                self.reading = Some(commit.hash.clone());
                let repository = Arc::clone(repository);
                let generation = self.generation;
                let said = Notice::info(format!("正在读取 {} 的版本…", commit.short));
                let read = {
                    let commit = commit.clone();
                    io::apart(move || {
                        git::document_at(&repository, &commit)
                            .map(Box::new)
                            .map_err(FileError::from)
                    })
                };
                let task = Task::perform(read, move |read| {
                    Message::Loaded(
                        generation,
                        commit,
                        purpose,
                        read.unwrap_or(Err(WORKER_LOST)),
                    )
                });
                (task, Some(Event::Notice(said)))
            }
            Message::Loaded(generation, commit, purpose, read) if generation == self.generation => {
                self.reading = None;
                let label = label(&commit);
                let event = match read {
                    Ok(document) if purpose == Purpose::Show => Event::Show { document, label },
                    Ok(old) => Event::Compare { old, label },
                    Err(e) => Event::Notice(Notice::refused(format!(
                        "无法打开 {} 的版本：{e}",
                        commit.short
                    ))),
                };
                (Task::none(), Some(event))
            }
            Message::Back => (Task::none(), self.viewing.is_some().then_some(Event::Back)),
            Message::Located(..)
            | Message::Listed(..)
            | Message::Counted(..)
            | Message::Loaded(..) => none,
        }
    }

    /// Lists the commits on a worker.
    fn list(&mut self) -> Task<Message> {
        let Place::In(repository) = &self.place else {
            return Task::none();
        };
        self.listing = true;
        let repository = Arc::clone(repository);
        let generation = self.generation;
        Task::perform(
            io::apart(move || git::log(&repository).map_err(FileError::from)),
            move |listed| Message::Listed(generation, listed.unwrap_or(Err(io::WORKER_LOST))),
        )
    }

    /// Shows the commits listed, with the counts known already; counts the
    /// others on a worker. A commit's count never changes (the version
    /// before it stays what it was), so after a commit only the new one is
    /// counted.
    fn show_list(&mut self, commits: Vec<Commit>) -> Task<Message> {
        let Place::In(repository) = &self.place else {
            return Task::none();
        };
        let mut known: std::collections::HashMap<String, Result<usize, GitError>> = self
            .rows
            .drain(..)
            .filter_map(|r| Some((r.commit.hash, r.changes?)))
            .collect();
        self.rows = commits
            .iter()
            .map(|commit| Row {
                commit: commit.clone(),
                changes: known.remove(&commit.hash),
            })
            .collect();
        let missing: Vec<bool> = self.rows.iter().map(|r| r.changes.is_none()).collect();
        // Each is counted against the version after it in the list.
        let Some(last) = missing.iter().rposition(|&m| m) else {
            return Task::none();
        };
        self.stop.store(true, Ordering::Relaxed);
        self.counting += 1;
        let stop = Arc::new(AtomicBool::new(false));
        self.stop = Arc::clone(&stop);
        let repository = Arc::clone(repository);
        let (sender, receiver) = iced::futures::channel::mpsc::unbounded();
        let versions = commits[..commits.len().min(last + 2)].to_vec();
        std::thread::spawn(move || {
            git::count_changes(&repository, &versions, |index, count| {
                let sent = !missing[index] || sender.unbounded_send((index, count)).is_ok();
                sent && index < last && !stop.load(Ordering::Relaxed)
            });
        });
        let counting = self.counting;
        Task::run(receiver, move |(index, count)| {
            Message::Counted(counting, index, count)
        })
    }

    /// Why 历史 is unavailable, in brackets (the document is not in a git
    /// work tree, or that is being looked up); None when it is available.
    pub fn unavailable(&self) -> Option<String> {
        match &self.place {
            Place::In(_) => None,
            Place::Looking => Some("（正在查找 git 仓库…）".to_string()),
            Place::Not(why) => Some(format!("（{why}）")),
        }
    }

    /// The banner over a version shown read-only, with the way back.
    pub fn banner(&self) -> Option<Element<'_, Message>> {
        let label = self.viewing()?;
        let said = format!(
            "{READ_ONLY}：正在查看 {label} 的版本，不能修改；当前文档（含未保存的修改）已保留"
        );
        Some(
            banner(
                row![
                    text(said).size(14).width(Length::Fill),
                    button(text(BACK).size(13)).on_press(Message::Back),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            )
            .into(),
        )
    }

    /// The list of commits, when the panel is open.
    pub fn view(&self) -> Option<Element<'_, Message>> {
        if !self.open {
            return None;
        }
        let Place::In(repository) = &self.place else {
            return None;
        };
        let counted = self.rows.iter().filter(|r| r.changes.is_some()).count();
        let progress = if self.listing {
            "正在读取提交记录…".to_string()
        } else if counted < self.rows.len() {
            format!("正在统计各次提交的变动 {counted}/{}…", self.rows.len())
        } else {
            String::new()
        };
        let head = row![
            text(format!(
                "历史：{}（{} 次提交）",
                repository.path,
                self.rows.len()
            ))
            .size(14),
            text(progress).size(12).color(GREY),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center);
        let mut list = column![].spacing(4);
        if self.rows.is_empty() && !self.listing {
            list = list.push(text("此文档还没有提交过 (no commits)").size(13));
        }
        let idle = self.reading.is_none();
        for (index, row) in self.rows.iter().enumerate() {
            list = list.push(self.row(index, row, idle));
        }
        // A few rows take their own height; a long history scrolls.
        let list = container(scrollable(list)).max_height(LIST_HEIGHT);
        Some(
            container(column![head, list].spacing(6))
                .padding(6)
                .width(Length::Fill)
                .style(container::bordered_box)
                .into(),
        )
    }

    fn row<'a>(&'a self, index: usize, row: &'a Row, idle: bool) -> Element<'a, Message> {
        let c = &row.commit;
        let changes = match &row.changes {
            None => "统计中…".to_string(),
            Some(Ok(0)) => "无变动".to_string(),
            Some(Ok(n)) => format!("{n} 处变动"),
            Some(Err(_)) => "无法统计".to_string(),
        };
        let viewed = self.viewing().is_some_and(|v| v.starts_with(&c.short));
        let act = |label: &'static str, id: iced::widget::Id, purpose| {
            container(
                button(text(label).size(12))
                    .padding([2, 8])
                    .on_press_maybe(idle.then(|| Message::Read(Box::new(c.clone()), purpose))),
            )
            .id(id)
        };
        iced::widget::row![
            text(c.short.clone()).size(13).width(Length::Fixed(70.0)),
            text(c.date.clone()).size(13).width(Length::Fixed(130.0)),
            text(c.author.clone()).size(13).width(Length::Fixed(100.0)),
            message(c),
            text(changes).size(13).width(Length::Fixed(90.0)),
            act(OPEN, open_id(index), Purpose::Show),
            act(COMPARE, compare_id(index), Purpose::Compare),
            text(if viewed { "◀ 正在查看" } else { "" })
                .size(12)
                .width(Length::Fixed(70.0)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center)
        .into()
    }
}

/// A commit's message, and for a received merge whom it came from.
fn message<'a>(c: &'a Commit) -> Element<'a, Message> {
    let message = text(c.message.clone())
        .size(13)
        .wrapping(text::Wrapping::None);
    let mut line = row![].spacing(8).width(Length::Fill).clip(true);
    if let Some(from) = &c.from {
        line = line.push(
            text(format!("{RECEIVED_FROM} {from}"))
                .size(13)
                .color(SENDER),
        );
    }
    line.push(message).into()
}

/// What a received merge's sender is named after.
pub const RECEIVED_FROM: &str = "接收自";

/// The colour of a received merge's sender.
const SENDER: Color = Color::from_rgb(0.1, 0.35, 0.7);

/// Why the document has no history to show, in short beside the button.
fn why_not(error: &FileError) -> String {
    match error {
        FileError::Git(git::GitError::NotARepository(_)) => "文档不在 git 仓库中".into(),
        FileError::Git(git::GitError::Missing(_)) => "未安装 git".into(),
        other => other.to_string(),
    }
}

/// The most the list takes of the window's height.
const LIST_HEIGHT: f32 = 160.0;

const GREY: Color = Color::from_rgb(0.45, 0.45, 0.45);

/// What a version is called: its commit, date and message.
fn label(commit: &Commit) -> String {
    format!("{}（{}，{}）", commit.short, commit.date, commit.message)
}
