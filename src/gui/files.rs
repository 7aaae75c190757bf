//! The file actions of the window: new, open, recent files, save, save as,
//! export, and where each file written goes. Every action that writes a file
//! has a target of its own: a row under the toolbar offers a sensible default
//! beside the document (`<单位>-组织图.pdf`, `<文档>.xlsx` …), a 浏览… button
//! for the desktop's dialog, and asks before a file is overwritten. A printout
//! or export is never written over a document, and a path typed for one action
//! is never used by another. Actions that would drop unsaved changes ask
//! first. When the document lives in a git work tree, saving can also
//! commit it, with a message (保存时提交, off by default).

use super::io::{self, FileError, Intent, Opened, Saving};
use super::status::Notice;
use crate::model::Document;
use crate::versions::git;
use iced::widget::{button, checkbox, container, row, text, text_input};
use iced::{Element, Length, Task};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Labels of the file buttons.
pub const NEW: &str = "新建";
/// Open.
pub const OPEN: &str = "打开…";
/// Save.
pub const SAVE: &str = "保存";
/// Save as.
pub const SAVE_AS: &str = "另存为…";
/// Export to Excel.
pub const EXPORT: &str = "导出 Excel…";
/// The id of the target row's path box.
pub const TARGET: &str = "files-target";
/// Go on with the path in the target row.
pub const CONFIRM: &str = "确定";
/// Choose the path with the desktop's dialog.
pub const BROWSE: &str = "浏览…";
/// Write over the file that is there.
pub const OVERWRITE: &str = "覆盖";
/// Close the target row or the question.
pub const CANCEL: &str = "取消";
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
/// The option to commit the document to git once saved.
pub const COMMIT: &str = "保存时提交";
/// The id around the option's check box.
pub const COMMIT_OPTION: &str = "files-commit";
/// The id of the commit message's field.
pub const COMMIT_MESSAGE: &str = "files-commit-message";
/// What the window says when 保存时提交 meets an unfinished `git merge`.
pub const MERGING: &str = "未保存：文档所在的 git 仓库有一次未完成的合并 (unfinished git merge)，现在保存并提交会失败。请先在仓库中完成合并（解决冲突后 git commit）或放弃合并（git merge --abort），或者只保存、不提交。";
/// Save without committing, while a merge is unfinished.
pub const SAVE_ONLY: &str = "只保存，不提交";

/// The file actions' state.
#[derive(Default)]
pub struct Files {
    recent: Vec<PathBuf>,
    /// A read, save or export is under way.
    busy: bool,
    /// The target row, while the user chooses where a file goes.
    target: Option<Target>,
    /// What waits for an answer about unsaved changes.
    leaving: Option<Leave>,
    /// Whether a save also commits, and with what message.
    commit: Commit,
    /// A saved document is being committed: what waits for the save waits
    /// for the commit too (closing the window would cut git short).
    committing: bool,
    /// A save with 保存时提交 met an unfinished merge: held, where and how,
    /// until the user saves without committing or cancels.
    merging: Option<(PathBuf, Saving)>,
}

/// Committing on save: off until the user turns it on.
#[derive(Debug, Clone, Default)]
struct Commit {
    on: bool,
    message: String,
}

/// Where the file of one action goes, as typed in the target row.
#[derive(Debug, Clone)]
struct Target {
    intent: Intent,
    path: String,
    /// A file is there: the row asks before writing over it.
    exists: bool,
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

/// A recent file as the 文件 menu lists it: "name — folder".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recent(pub PathBuf);

impl std::fmt::Display for Recent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.0.file_name().unwrap_or_default().to_string_lossy();
        let folder = self.0.parent().map(|p| p.display().to_string());
        write!(f, "{name} — {}", folder.unwrap_or_default())
    }
}

/// What the file buttons, the target row and the workers bring.
#[derive(Debug, Clone)]
pub enum Message {
    /// Start a new, empty document.
    New,
    /// Open a document or workbook.
    Open,
    /// Open a recent file.
    OpenRecent(Recent),
    /// Save to the document's file (or ask where).
    Save,
    /// Save under a new name.
    SaveAs,
    /// Export as an Excel workbook.
    Export,
    /// Ask where a file of this intent goes (a printout, from the print bar).
    Choose(Intent),
    /// The window is asked to close.
    Close(iced::window::Id),
    /// The target row's path was edited.
    Typed(String),
    /// Choose the path with the desktop's dialog.
    Browse,
    /// The dialog answered.
    Browsed(Option<PathBuf>),
    /// Go on with the path in the target row.
    Confirm,
    /// The target was looked at: whether a file is there, or why it may not
    /// be written.
    Probed(PathBuf, Result<bool, FileError>),
    /// Write over the file that is there.
    Overwrite,
    /// Close the target row (or the question about unsaved changes).
    Cancel,
    /// Save, then go on with what was held.
    SaveFirst,
    /// Go on with what was held, dropping unsaved changes.
    Discard,
    /// A document was read.
    Opened(Result<Box<Opened>, FileError>),
    /// The document was saved: where, and which revision.
    Saved(Result<(PathBuf, u64), FileError>),
    /// The workbook was written.
    Exported(Result<PathBuf, FileError>),
    /// The recent-files list was written (or not: it is only a convenience).
    Remembered,
    /// Whether the repository is in the middle of a merge was looked at,
    /// before a save that commits: where the save goes, and how.
    Looked(PathBuf, Saving, Result<bool, FileError>),
    /// Save the held document without committing it (the merge unfinished).
    SaveOnly,
    /// Turn committing on save on or off.
    CommitOnSave(bool),
    /// The commit message was edited.
    CommitMessage(String),
    /// The saved document was committed: the new commit's abbreviated hash
    /// and the message, or why not.
    Committed(Result<(String, String), FileError>),
}

/// What the root acts on.
pub enum Event {
    /// A document was read: show it.
    Opened(Box<Opened>),
    /// The document was saved at `path` as it was at `revision`.
    Saved {
        /// Where.
        path: PathBuf,
        /// Which revision.
        revision: u64,
    },
    /// Start a new document.
    New,
    /// Print to this file.
    Print(Intent, PathBuf),
    /// Close the window.
    Close(iced::window::Id),
    /// Compare the document with this file (与…比较).
    Compare(PathBuf),
    /// The user dropped the unsaved changes; then what they asked for.
    Discarded(Option<Box<Event>>),
    /// The document was committed to git: what to say. What waited for
    /// the save goes on now ([`Files::after_save`]).
    Committed(Notice),
    /// Something to tell the user.
    Notice(Notice),
}

/// What the file actions need to know of the open document.
pub struct Context<'a> {
    /// The document as edited.
    pub document: &'a Arc<Document>,
    /// Its file, if it has one.
    pub path: Option<&'a Path>,
    /// Its revision in the history.
    pub revision: u64,
    /// Whether it has unsaved changes.
    pub modified: bool,
    /// The name printouts are named after: the selected unit's, or the title.
    pub scope: &'a str,
    /// Whether its file lives in a git work tree (saving may then commit).
    pub repository: bool,
}

impl Files {
    /// The actions, with the recent files they offer.
    pub fn new(recent: Vec<PathBuf>) -> Files {
        Files {
            recent,
            ..Files::default()
        }
    }

    /// A file is being read, written, chosen or committed.
    pub fn busy(&self) -> bool {
        self.busy || self.committing
    }

    /// Marks a read started elsewhere (the file named on the command line).
    pub fn reading(&mut self) {
        self.busy = true;
    }

    /// The files opened or saved lately, newest first.
    pub fn recent(&self) -> &[PathBuf] {
        &self.recent
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        context: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let none = Task::none();
        match message {
            Message::New => self.leave(Leave::New, context),
            Message::Open => self.leave(Leave::Open, context),
            Message::OpenRecent(Recent(path)) => self.leave(Leave::Recent(path), context),
            Message::Close(id) => self.leave(Leave::Close(id), context),
            Message::Save | Message::SaveFirst if self.commits(context) && self.unsaid() => (
                none,
                Some(Event::Notice(Notice::refused(
                    "未保存：已选“保存时提交”，请先填写提交说明 (commit message expected)",
                ))),
            ),
            Message::Save | Message::SaveFirst => match context.path {
                Some(path) if !self.busy() => (
                    self.save(path.to_path_buf(), Saving::InPlace, context),
                    None,
                ),
                _ => (self.choose(Intent::SaveAs, context), None),
            },
            Message::SaveAs => (self.choose(Intent::SaveAs, context), None),
            Message::Export => (self.choose(Intent::Export, context), None),
            Message::Choose(intent) => (self.choose(intent, context), None),
            Message::Typed(path) => {
                if let Some(target) = &mut self.target {
                    target.path = path;
                    target.exists = false;
                }
                (none, None)
            }
            Message::Browse => match &self.target {
                Some(target) => {
                    let intent = target.intent;
                    let default = PathBuf::from(target.path.trim());
                    (
                        Task::perform(io::pick(intent, default), Message::Browsed),
                        None,
                    )
                }
                None => (none, None),
            },
            Message::Browsed(Some(path)) => match &mut self.target {
                Some(target) => {
                    target.path = path.display().to_string();
                    target.exists = false;
                    self.confirm(context)
                }
                None => (none, None),
            },
            Message::Browsed(None) => (
                none,
                Some(Event::Notice(Notice::info(
                    "未选择文件；如果对话框打不开，可直接在路径框中输入路径",
                ))),
            ),
            Message::Confirm => self.confirm(context),
            Message::Probed(path, result) => {
                let Some(target) = self
                    .target
                    .as_mut()
                    .filter(|t| Path::new(t.path.trim()) == path)
                else {
                    return (none, None);
                };
                match result {
                    Ok(true) => {
                        target.exists = true;
                        (none, None)
                    }
                    Ok(false) => self.write(path, context),
                    Err(e) => (
                        none,
                        Some(Event::Notice(Notice::refused(format!("未写入：{e}")))),
                    ),
                }
            }
            Message::Overwrite => match self.target.as_ref().filter(|t| t.exists) {
                Some(target) => {
                    let path = PathBuf::from(target.path.trim());
                    self.write(path, context)
                }
                None => (none, None),
            },
            Message::Cancel => {
                self.target = None;
                self.leaving = None;
                self.merging = None;
                (none, None)
            }
            Message::Looked(path, saving, Ok(false)) => {
                (self.write_document(path, saving, context), None)
            }
            Message::Looked(path, saving, Ok(true)) => {
                self.busy = false;
                self.merging = Some((path, saving));
                (none, Some(Event::Notice(Notice::refused(MERGING))))
            }
            Message::Looked(_, _, Err(e)) => {
                self.busy = false;
                self.leaving = None;
                let said = format!("未保存：无法确认 git 仓库的状态：{e}");
                (none, Some(Event::Notice(Notice::refused(said))))
            }
            Message::SaveOnly => match self.merging.take() {
                Some((path, saving)) => {
                    self.commit.on = false;
                    (self.write_document(path, saving, context), None)
                }
                None => (none, None),
            },
            Message::Discard => match self.leaving.take() {
                Some(leave) => {
                    let (task, then) = self.go(leave, context);
                    (task, Some(Event::Discarded(then.map(Box::new))))
                }
                None => (none, None),
            },
            Message::Opened(result) => {
                self.busy = false;
                match result {
                    Ok(opened) => {
                        let remember = opened
                            .path
                            .clone()
                            .map_or_else(Task::none, |p| self.remember(&p));
                        (remember, Some(Event::Opened(opened)))
                    }
                    Err(e) => (
                        none,
                        Some(Event::Notice(Notice::refused(format!("无法打开：{e}")))),
                    ),
                }
            }
            Message::Saved(result) => {
                self.busy = false;
                match result {
                    Ok((path, revision)) => {
                        let remember = self.remember(&path);
                        let commit = self.commit_saved(&path, context);
                        self.committing = self.commits(context);
                        (
                            Task::batch([remember, commit]),
                            Some(Event::Saved { path, revision }),
                        )
                    }
                    Err(e) => {
                        self.leaving = None;
                        (
                            none,
                            Some(Event::Notice(Notice::refused(format!(
                                "保存失败，原文件未改动：{e}"
                            )))),
                        )
                    }
                }
            }
            Message::Exported(result) => {
                self.busy = false;
                (
                    none,
                    Some(Event::Notice(match result {
                        Ok(path) => Notice::info(format!("已导出到 {}", path.display())),
                        Err(e) => Notice::refused(format!("导出失败：{e}")),
                    })),
                )
            }
            Message::Remembered => (none, None),
            Message::CommitOnSave(on) => {
                self.commit.on = on;
                let focus = match on {
                    true => iced::widget::operation::focus(COMMIT_MESSAGE),
                    false => none,
                };
                (focus, None)
            }
            Message::CommitMessage(message) => {
                self.commit.message = message;
                (none, None)
            }
            Message::Committed(Ok((short, message))) => {
                self.committing = false;
                self.commit.message.clear();
                let said = Notice::info(format!("已保存并提交 {short}：{message}"));
                (none, Some(Event::Committed(said)))
            }
            Message::Committed(Err(e)) => {
                // Saved but not committed: the user stays to see why.
                self.committing = false;
                self.leaving = None;
                let said = Notice::refused(format!("已保存，但未提交 (commit failed)：{e}"));
                (none, Some(Event::Notice(said)))
            }
        }
    }

    /// Whether a save now also commits.
    fn commits(&self, context: &Context<'_>) -> bool {
        self.commit.on && context.repository
    }

    /// Whether the commit message is still empty.
    fn unsaid(&self) -> bool {
        self.commit.message.trim().is_empty()
    }

    /// After a save, commits the file on a worker when the user asked to.
    fn commit_saved(&self, path: &Path, context: &Context<'_>) -> Task<Message> {
        if !self.commits(context) {
            return Task::none();
        }
        let (path, message) = (path.to_path_buf(), self.commit.message.trim().to_string());
        let commit = io::apart(move || {
            git::commit(&path, &message)
                .map(|short| (short, message))
                .map_err(FileError::from)
        });
        Task::perform(commit, |done| {
            Message::Committed(done.unwrap_or(Err(io::WORKER_LOST)))
        })
    }

    /// The option to commit on save and its message, for a document in a
    /// git work tree.
    pub fn commit_option(&self) -> Element<'_, Message> {
        let option = container(
            checkbox(self.commit.on)
                .label(COMMIT)
                .on_toggle(Message::CommitOnSave)
                .text_size(13),
        )
        .id(COMMIT_OPTION);
        let mut line = row![option].spacing(8).align_y(iced::Alignment::Center);
        if self.commit.on {
            line = line.push(
                text_input("提交说明（这次改了什么）", &self.commit.message)
                    .id(COMMIT_MESSAGE)
                    .on_input(Message::CommitMessage)
                    .size(13)
                    .padding(4)
                    .width(Length::Fixed(240.0)),
            );
        }
        line.into()
    }

    /// After the root took a save: goes on with what waited for it (closing,
    /// opening another file, starting anew).
    pub fn after_save(&mut self, context: &Context<'_>) -> (Task<Message>, Option<Event>) {
        if self.committing {
            return (Task::none(), None);
        }
        match self.leaving.take() {
            Some(leave) => self.go(leave, context),
            None => (Task::none(), None),
        }
    }

    /// Goes on with `leave` at once when nothing is unsaved; otherwise holds
    /// it and asks.
    fn leave(&mut self, leave: Leave, context: &Context<'_>) -> (Task<Message>, Option<Event>) {
        if self.busy() {
            return (Task::none(), None);
        }
        if context.modified {
            self.leaving = Some(leave);
            (Task::none(), None)
        } else {
            self.go(leave, context)
        }
    }

    /// Closes, opens or starts anew, whatever is unsaved.
    fn go(&mut self, leave: Leave, context: &Context<'_>) -> (Task<Message>, Option<Event>) {
        match leave {
            Leave::Close(id) => (Task::none(), Some(Event::Close(id))),
            Leave::Open => (self.choose(Intent::Open, context), None),
            Leave::New => (Task::none(), Some(Event::New)),
            Leave::Recent(path) => (self.open(path), None),
        }
    }

    fn open(&mut self, path: PathBuf) -> Task<Message> {
        self.busy = true;
        Task::perform(io::open(path), |r| Message::Opened(r.map(Box::new)))
    }

    /// Saves to `path`; when the save also commits, first looks (off the
    /// window's thread) whether an unfinished merge would refuse the commit,
    /// so that nothing is saved half-way.
    fn save(&mut self, path: PathBuf, saving: Saving, context: &Context<'_>) -> Task<Message> {
        self.busy = true;
        self.merging = None;
        if !self.commits(context) {
            return self.write_document(path, saving, context);
        }
        let looked = path.clone();
        let merging = io::apart(move || git::merging(&looked).map_err(FileError::from));
        Task::perform(merging, move |done| {
            Message::Looked(path.clone(), saving, done.unwrap_or(Err(io::WORKER_LOST)))
        })
    }

    /// Writes the document to `path`.
    fn write_document(
        &mut self,
        path: PathBuf,
        saving: Saving,
        context: &Context<'_>,
    ) -> Task<Message> {
        self.busy = true;
        Task::perform(
            io::save(Arc::clone(context.document), path, context.revision, saving),
            Message::Saved,
        )
    }

    /// Opens the target row for `intent`, its path the default beside the
    /// document.
    fn choose(&mut self, intent: Intent, context: &Context<'_>) -> Task<Message> {
        if self.busy() {
            return Task::none();
        }
        self.target = Some(Target {
            intent,
            path: default_target(intent, context).display().to_string(),
            exists: false,
        });
        iced::widget::operation::focus(TARGET)
    }

    /// Goes on with the typed path: a file to read is read; a file to write
    /// is looked at first (off the UI thread).
    fn confirm(&mut self, context: &Context<'_>) -> (Task<Message>, Option<Event>) {
        let Some(target) = &self.target else {
            return (Task::none(), None);
        };
        let path = PathBuf::from(target.path.trim());
        if target.path.trim().is_empty() || target.path.trim().ends_with('/') {
            return (
                Task::none(),
                Some(Event::Notice(Notice::refused(
                    "请输入文件名 (file name expected)",
                ))),
            );
        }
        if target.intent == Intent::Open {
            self.target = None;
            return (self.open(path), None);
        }
        if target.intent == Intent::Compare {
            self.target = None;
            return (Task::none(), Some(Event::Compare(path)));
        }
        let source = context.path.map(Path::to_path_buf);
        let probe = io::probe(path.clone(), target.intent.kind(), source);
        (
            Task::perform(probe, move |r| Message::Probed(path.clone(), r)),
            None,
        )
    }

    /// Writes the target's file: a save or export here, a printout by the
    /// print component.
    fn write(&mut self, path: PathBuf, context: &Context<'_>) -> (Task<Message>, Option<Event>) {
        let Some(target) = self.target.take() else {
            return (Task::none(), None);
        };
        match target.intent {
            Intent::Open => (self.open(path), None),
            Intent::Compare => (Task::none(), Some(Event::Compare(path))),
            Intent::SaveAs => (self.save(path, Saving::As, context), None),
            Intent::Export => {
                self.busy = true;
                let source = context.path.map(Path::to_path_buf);
                (
                    Task::perform(
                        io::export(Arc::clone(context.document), path, source),
                        Message::Exported,
                    ),
                    None,
                )
            }
            Intent::Chart | Intent::Roster | Intent::Statistics | Intent::StatisticsWorkbook => {
                (Task::none(), Some(Event::Print(target.intent, path)))
            }
        }
    }

    /// Puts `path` first in the recent list and writes the list.
    fn remember(&mut self, path: &Path) -> Task<Message> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(io::RECENT);
        Task::perform(io::remember(self.recent.clone()), |_| Message::Remembered)
    }

    /// Whether saving also commits (保存时提交 is on).
    pub fn commits_on_save(&self) -> bool {
        self.commit.on
    }

    /// The target row or the question about unsaved changes, when one is
    /// open: right under the toolbar, where the user just clicked.
    pub fn prompt(&self) -> Option<Element<'_, Message>> {
        if self.merging.is_some() {
            return Some(
                row![
                    text("仓库中有未完成的合并，不能提交").size(14),
                    button(text(SAVE_ONLY).size(13)).on_press(Message::SaveOnly),
                    button(text(CANCEL).size(13)).on_press(Message::Cancel),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center)
                .into(),
            );
        }
        if let Some(leave) = &self.leaving {
            let (question, save, discard) = match leave {
                Leave::Close(_) => (UNSAVED_ON_CLOSE, SAVE_AND_CLOSE, DISCARD),
                _ => (UNSAVED_ON_LEAVE, SAVE_FIRST, DISCARD_CHANGES),
            };
            return Some(
                row![
                    text(question).size(14),
                    button(text(save).size(13)).on_press(Message::SaveFirst),
                    button(text(discard).size(13))
                        .on_press(Message::Discard)
                        .style(button::danger),
                    button(text(CANCEL).size(13)).on_press(Message::Cancel),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center)
                .into(),
            );
        }
        let target = self.target.as_ref()?;
        let mut line = row![
            text(target.intent.label()).size(14),
            text_input("文件路径", &target.path)
                .id(TARGET)
                .on_input(Message::Typed)
                .on_submit(Message::Confirm)
                .padding(5)
                .width(Length::Fill),
            button(text(BROWSE).size(13)).on_press_maybe((!self.busy).then_some(Message::Browse)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        if target.exists {
            line = line.push(text("文件已存在，要覆盖吗？").size(14)).push(
                button(text(OVERWRITE).size(13))
                    .on_press(Message::Overwrite)
                    .style(button::danger),
            );
        } else {
            line = line.push(
                button(text(CONFIRM).size(13))
                    .on_press_maybe((!self.busy).then_some(Message::Confirm)),
            );
        }
        Some(
            line.push(button(text(CANCEL).size(13)).on_press(Message::Cancel))
                .into(),
        )
    }
}

/// The default target of an action: beside the document (or in the working
/// folder for a document with no file yet), named after it or after the unit
/// printed.
pub fn default_target(intent: Intent, context: &Context<'_>) -> PathBuf {
    let folder = context
        .path
        .map(crate::output::folder_of)
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let stem = context
        .path
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| context.document.title.clone());
    let name = match intent {
        Intent::Open | Intent::Compare => return folder.join(""),
        Intent::SaveAs if context.path.is_some() => format!("{stem}-副本.ron"),
        Intent::SaveAs => format!("{stem}.ron"),
        Intent::Export => format!("{stem}.xlsx"),
        Intent::Chart => format!("{}-组织图.pdf", context.scope),
        Intent::Roster => format!("{}-花名册.pdf", context.scope),
        Intent::Statistics => format!("{}-党内统计.pdf", context.scope),
        Intent::StatisticsWorkbook => format!("{}-党内统计.xlsx", context.scope),
    };
    folder.join(file_name(&name))
}

/// A name safe as one file name: no folder separators or control characters.
fn file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    match cleaned.trim() {
        "" => "gridorg".into(),
        name => name.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn a_unit_name_makes_one_safe_file_name() {
        assert_eq!(
            file_name("迎宾馆/北区-组织图.pdf"),
            "迎宾馆_北区-组织图.pdf"
        );
        assert_eq!(file_name("a\nb"), "a_b");
        assert_eq!(file_name("  "), "gridorg");
    }
}
