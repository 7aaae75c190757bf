//! 与…比较: the open document compared with another version of it — a file,
//! the document as last saved, or a version read elsewhere (a git revision,
//! through [`Compare::start`]). The canvas marks what changed (see
//! [`super::canvas`]) and shows removed units as ghosts; the change list
//! beside it, grouped by community and masked, selects a line's unit (or
//! shows its ghost) when clicked.
//!
//! Reading OLD and comparing run on a thread of their own. The comparison
//! follows edits: each new revision of the document is compared again
//! apart, and until that result comes the bar says it is being brought up
//! to date. Nothing here changes the document or its history.

use super::io::{self, FileError, WORKER_LOST};
use super::status::Notice;
use crate::document;
use crate::graph::{Graph, Tree};
use crate::mask::Privacy;
use crate::model::{Document, Id};
use crate::versions::compare::{self, Comparison, Entry, Mark};
use crate::versions::diff::How;
use crate::versions::related::Unrelated;
use iced::widget::{button, container, row, scrollable, text, Column};
use iced::{Color, Element, Length, Task};
use std::path::PathBuf;
use std::sync::Arc;

/// The button that offers what to compare with.
pub const SHOW: &str = "与…比较";
/// Compare with a file.
pub const FILE: &str = "文件…";
/// Compare with the document as last saved.
pub const LAST_SAVE: &str = "上次保存";
/// Why there is no last save.
pub const NEVER_SAVED: &str = "文档尚未保存过，没有上次保存的版本";
/// Close the offer.
pub const CANCEL: &str = "取消";
/// Leave the comparison.
pub const END: &str = "结束比较";
/// The id of the change list's scrolling area.
pub const LIST: &str = "compare-list";
/// The most lines the list shows; `gridorg diff` gives the whole report.
const SHOWN_LINES: usize = 400;

/// The comparison's state, kept by the editor.
#[derive(Default)]
pub struct Compare {
    /// The offer (文件… / 上次保存) is open.
    offering: bool,
    /// What is being read and compared, not shown yet.
    working: Option<String>,
    /// The comparison shown.
    shown: Option<Shown>,
    /// Counts the comparisons started, so a result for one left is dropped.
    generation: u64,
}

/// A comparison on screen.
struct Shown {
    /// What OLD is called (a file's path, 上次保存, a revision).
    label: String,
    old: Arc<Document>,
    comparison: Arc<Comparison>,
    /// The revision of the document it was worked out for.
    revision: u64,
    /// The revision a comparison is being worked out for.
    wanted: u64,
    /// The tree the canvas lays out (the document's units and the ghosts),
    /// built when first needed after the comparison or the shape of the
    /// document's tree changed.
    tree: Option<Graph>,
}

/// What the view and the workers bring.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open or close the offer.
    Offer,
    /// Compare with a file (the root asks where it is).
    File,
    /// Compare with the document as last saved.
    LastSave,
    /// Leave the comparison.
    End,
    /// A line of the list was clicked: its unit, and whether it is a ghost.
    Go(Id, bool),
    /// OLD was read and compared, for a comparison and a revision.
    Compared {
        /// Which comparison.
        generation: u64,
        /// The document's revision compared.
        revision: u64,
        /// OLD and the comparison, or why not.
        result: Result<(Arc<Document>, Arc<Comparison>), CompareError>,
    },
}

/// What the editor acts on.
pub enum Event {
    /// A comparison was shown, brought up to date or ended: lay the canvas
    /// out again (with the ghosts or without), and say what is given.
    Changed(Option<Notice>),
    /// Select a unit of the document and show it.
    Select(Id),
    /// Show a ghost.
    Show(Id),
    /// Something to tell the user.
    Notice(Notice),
}

/// Where OLD comes from.
enum Source {
    File(PathBuf),
    Read(Arc<Document>),
}

impl Compare {
    /// The comparison shown, if any.
    pub fn comparison(&self) -> Option<&Arc<Comparison>> {
        self.shown.as_ref().map(|s| &s.comparison)
    }

    /// What the shown comparison compares with.
    pub fn label(&self) -> Option<&str> {
        self.shown.as_ref().map(|s| s.label.as_str())
    }

    /// Starts comparing `document` (at `revision`) with the file at `path`.
    pub fn file(
        &mut self,
        path: PathBuf,
        document: &Arc<Document>,
        revision: u64,
    ) -> Task<Message> {
        let label = path.display().to_string();
        self.begin(label, Source::File(path), document, revision)
    }

    /// Starts comparing `document` (at `revision`) with `old`, a version
    /// already read (a git revision …), called `label`.
    pub fn start(
        &mut self,
        old: Document,
        label: String,
        document: &Arc<Document>,
        revision: u64,
    ) -> Task<Message> {
        self.begin(label, Source::Read(Arc::new(old)), document, revision)
    }

    fn begin(
        &mut self,
        label: String,
        source: Source,
        document: &Arc<Document>,
        revision: u64,
    ) -> Task<Message> {
        self.offering = false;
        self.generation += 1;
        self.working = Some(label);
        work(self.generation, source, Arc::clone(document), revision)
    }

    /// Handles a message; `path` is the document's file, if it has one.
    pub fn update(
        &mut self,
        message: Message,
        document: &Arc<Document>,
        revision: u64,
        path: Option<PathBuf>,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Offer => {
                self.offering = !self.offering;
                (Task::none(), None)
            }
            // The root asks where the file is and comes back through `file`.
            Message::File => {
                self.offering = false;
                (Task::none(), None)
            }
            Message::LastSave => match path {
                Some(path) => {
                    let task = self.begin(LAST_SAVE.into(), Source::File(path), document, revision);
                    let said = Notice::info(format!("正在与{LAST_SAVE}比较…"));
                    (task, Some(Event::Notice(said)))
                }
                None => (
                    Task::none(),
                    Some(Event::Notice(Notice::refused(NEVER_SAVED))),
                ),
            },
            Message::End => {
                self.offering = false;
                self.working = None;
                self.generation += 1;
                let ended = self.shown.take().is_some();
                let said = Notice::info("已结束比较");
                (Task::none(), ended.then_some(Event::Changed(Some(said))))
            }
            Message::Go(unit, ghost) => {
                let event = if ghost {
                    Event::Show(unit)
                } else {
                    Event::Select(unit)
                };
                (Task::none(), Some(event))
            }
            Message::Compared {
                generation,
                revision: compared,
                result,
            } if generation == self.generation => {
                let event = self.compared(compared, result);
                // The document may have moved on while this was worked out.
                (self.follow(document, revision), event)
            }
            Message::Compared { .. } => (Task::none(), None),
        }
    }

    fn compared(
        &mut self,
        compared: u64,
        result: Result<(Arc<Document>, Arc<Comparison>), CompareError>,
    ) -> Option<Event> {
        let label = self.working.take();
        match (result, label) {
            (Ok((old, comparison)), Some(label)) => {
                let said = match comparison.is_empty() {
                    true => format!("与 {label} 比较：没有变动"),
                    false => format!("与 {label} 比较：{}", summary(&comparison)),
                };
                self.shown = Some(Shown {
                    label,
                    old,
                    comparison,
                    revision: compared,
                    wanted: compared,
                    tree: None,
                });
                Some(Event::Changed(Some(Notice::info(said))))
            }
            // A comparison brought up to date after an edit.
            (Ok((_, comparison)), None) => match &mut self.shown {
                Some(shown) if shown.wanted == compared => {
                    shown.comparison = comparison;
                    shown.revision = compared;
                    shown.tree = None;
                    Some(Event::Changed(None))
                }
                _ => None,
            },
            (Err(why), Some(_)) => Some(Event::Notice(Notice::refused(format!(
                "无法比较，未作任何改动：{why}"
            )))),
            // The document no longer compares (it was made unrelated).
            (Err(why), None) => {
                self.shown = None;
                let said = Notice::refused(format!("比较已结束：{why}"));
                Some(Event::Changed(Some(said)))
            }
        }
    }

    /// After an edit: compares the new revision again, apart.
    pub fn follow(&mut self, document: &Arc<Document>, revision: u64) -> Task<Message> {
        let Some(shown) = &mut self.shown else {
            return Task::none();
        };
        if shown.wanted == revision || self.working.is_some() {
            return Task::none();
        }
        shown.wanted = revision;
        let old = Arc::clone(&shown.old);
        work(
            self.generation,
            Source::Read(old),
            Arc::clone(document),
            revision,
        )
    }

    /// The tree the canvas lays out while comparing — the document's units
    /// and the ghosts; None when not comparing.
    pub fn tree(&mut self, document: &Document) -> Option<&Tree> {
        let shown = self.shown.as_mut()?;
        Some(
            shown
                .tree
                .get_or_insert_with(|| shown.comparison.tree(document))
                .tree(),
        )
    }

    /// The document's tree changed shape (a unit added, removed, moved,
    /// renamed): the comparison's is built again when next needed.
    pub fn retree(&mut self) {
        if let Some(shown) = &mut self.shown {
            shown.tree = None;
        }
    }

    /// The 与…比较 button for the canvas bar.
    pub fn button(&self) -> Element<'_, Message> {
        button(text(SHOW).size(13))
            .on_press_maybe(self.working.is_none().then_some(Message::Offer))
            .into()
    }

    /// The row under the canvas bar: the offer, the work under way, or the
    /// comparison's summary with 结束比较; None when there is nothing to say.
    pub fn bar(&self, saved: bool) -> Option<Element<'_, Message>> {
        if let Some(label) = &self.working {
            return Some(text(format!("正在比较 {label}…")).size(13).into());
        }
        if self.offering {
            let last: Element<'_, Message> = if saved {
                button(text(LAST_SAVE).size(13))
                    .on_press(Message::LastSave)
                    .into()
            } else {
                row![button(text(LAST_SAVE).size(13)), text(NEVER_SAVED).size(12)]
                    .spacing(6)
                    .align_y(iced::Alignment::Center)
                    .into()
            };
            return Some(
                row![
                    text("与哪个版本比较：").size(13),
                    button(text(FILE).size(13)).on_press(Message::File),
                    last,
                    button(text(CANCEL).size(13)).on_press(Message::Offer),
                ]
                .spacing(6)
                .align_y(iced::Alignment::Center)
                .into(),
            );
        }
        let shown = self.shown.as_ref()?;
        let state = if shown.wanted != shown.revision {
            "（正在按修改更新…）"
        } else {
            ""
        };
        let said = match shown.comparison.is_empty() {
            true => "没有变动".to_string(),
            false => summary(&shown.comparison),
        };
        Some(
            row![
                text(format!("与 {} 比较：{said}{state}", shown.label))
                    .size(13)
                    .width(Length::Fill)
                    .wrapping(text::Wrapping::None),
                button(text(END).size(13)).on_press(Message::End),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center)
            .into(),
        )
    }

    /// The change list beside the canvas; None when not comparing.
    pub fn list(&self) -> Option<Element<'_, Message>> {
        let comparison = &self.shown.as_ref()?.comparison;
        let mut list = Column::new().spacing(2).padding(4).push(
            row![
                legend("新增", ADDED),
                legend("撤销（虚框）", REMOVED),
                legend("调整隶属", MOVED),
                legend("修改", CHANGED),
            ]
            .spacing(10),
        );
        let mut left = SHOWN_LINES;
        'sections: for section in &comparison.sections {
            list = list.push(text(&section.heading).size(14));
            for (topic, entries) in &section.topics {
                list = list.push(text(*topic).size(12).color(TOPIC));
                for entry in entries {
                    if left == 0 {
                        break 'sections;
                    }
                    left -= 1;
                    list = list.push(line(entry));
                }
            }
        }
        let total = comparison.lines();
        if total > SHOWN_LINES {
            list = list.push(
                text(format!(
                    "还有 {} 条未列出；完整的变动报告：gridorg diff",
                    total - SHOWN_LINES
                ))
                .size(12),
            );
        }
        if total == 0 {
            list = list.push(text("没有变动").size(13));
        }
        Some(
            container(scrollable(list).id(LIST).height(Length::Fill))
                .style(container::bordered_box)
                .height(Length::Fill)
                .into(),
        )
    }
}

/// Why a comparison could not be made: the other version could not be
/// read, or it is not a version of this structure.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CompareError {
    /// The other version's file could not be read.
    #[error(transparent)]
    Read(#[from] FileError),
    /// The two are not versions of one structure.
    #[error(transparent)]
    Unrelated(#[from] Unrelated),
}

/// Reads OLD (where it is a file) and compares it with `document`, apart.
fn work(generation: u64, source: Source, document: Arc<Document>, revision: u64) -> Task<Message> {
    let work = move || {
        let old = match source {
            Source::File(path) => Arc::new(document::load(&path).map_err(FileError::from)?),
            Source::Read(old) => old,
        };
        let comparison = compare::compare(&old, &document, Privacy::Masked)?;
        Ok((old, Arc::new(comparison)))
    };
    Task::perform(io::apart(work), move |result| Message::Compared {
        generation,
        revision,
        result: result.unwrap_or(Err(CompareError::Read(WORKER_LOST))),
    })
}

/// The counts, as the change report gives them.
fn summary(comparison: &Comparison) -> String {
    let s = comparison.summary;
    format!(
        "新增 {} 条，删除 {} 条，调整隶属 {} 条，修改 {} 处",
        s.added, s.removed, s.moved, s.changed
    )
}

/// The colours of the marks, shared with the canvas.
pub const ADDED: Color = Color::from_rgb(0.15, 0.6, 0.2);
/// Removed: the ghosts' grey.
pub const REMOVED: Color = Color::from_rgb(0.5, 0.5, 0.55);
/// Moved.
pub const MOVED: Color = Color::from_rgb(0.55, 0.25, 0.75);
/// Changed: teal, apart from the selection's blue outline.
pub const CHANGED: Color = Color::from_rgb(0.0, 0.55, 0.5);
const TOPIC: Color = Color::from_rgb(0.4, 0.4, 0.45);

/// The colour of a mark.
pub fn colour(mark: Mark) -> Color {
    match mark {
        Mark::Added => ADDED,
        Mark::Removed => REMOVED,
        Mark::Moved => MOVED,
        Mark::Changed => CHANGED,
    }
}

fn legend(label: &str, colour: Color) -> Element<'_, Message> {
    text(format!("■ {label}")).size(12).color(colour).into()
}

/// A line of the list: a button to its unit, where it has one.
fn line(entry: &Entry) -> Element<'_, Message> {
    let colour = match entry.how {
        How::Added => ADDED,
        How::Removed => REMOVED,
        How::Moved => MOVED,
        How::Changed => CHANGED,
    };
    let words = text(&entry.text).size(12).color(colour);
    match entry.unit {
        Some(unit) => button(words)
            .style(button::text)
            .padding([1, 4])
            .on_press(Message::Go(unit, entry.ghost))
            .into(),
        None => container(words).padding([1, 4]).into(),
    }
}
