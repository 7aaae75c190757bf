//! 数据包: the document's versions exchanged between offices, from the
//! window's 数据包 menu — 发送数据包…, 接收数据包…, 同步 with a shared
//! repository, 本单位…, 开始记录版本 — over [`crate::versions::exchange`].
//!
//! Each action goes through the same steps on its way: the document needs a
//! file, unsaved edits are saved first (the user is asked), 本单位 is asked
//! once when none is kept. A 数据包 is looked at before anything changes (a
//! preview with 合并 / 取消); a merge shows the document read again with what
//! came in marked as 与…比较 marks it; while a received merge waits to be
//! settled a bar offers 完成 and 放弃. Every step with git or a disk runs on
//! a thread of its own ([`work`]) while the window says what it is doing.
//!
//! Here are its state and `update`; its messages and steps are in
//! [`message`], its buttons' words and ids in [`labels`], what it says a
//! step did in [`said`], and what it shows in `view`.

mod labels;
mod message;
mod said;
mod view;
mod work;

pub use labels::*;
pub use message::{Message, Step};
pub use work::Merged;

use super::io::Opened;
use super::status::Notice;
use crate::model::Document;
use crate::versions::exchange::{bundle_name, ExchangeError, Incoming, Offer, Pending};
use iced::Task;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The 数据包 menu's state: the dialog shown, the work under way, the
/// merge waiting to be settled.
#[derive(Default)]
pub struct Exchange {
    /// 本单位, once read or named.
    office: Option<String>,
    /// The dialog under the toolbar, if any.
    dialog: Option<Dialog>,
    /// What runs now, in words.
    working: Option<&'static str>,
    /// Whether what runs will read the document again from its file (a
    /// merge, or putting one back): the window takes no edit meanwhile.
    replacing: bool,
    /// What goes on once the document is saved.
    after_save: Option<Step>,
    /// The received merge of the open document waiting to be settled.
    pending: Option<Pending>,
    /// Tells the pending merge looked up for the open document from one
    /// looked up for a document before it.
    generation: u64,
    /// What a merge said, said again once its comparison is shown.
    follow: Option<String>,
    /// The 数据包 previewed, held with its merge worked out for 合并.
    offer: Option<Offer>,
}

/// A dialog of the 数据包 menu.
#[derive(Debug, Clone)]
enum Dialog {
    /// 本单位: the name typed, why it cannot be kept, what waits for it.
    Office {
        text: String,
        error: Option<String>,
        then: Option<Step>,
    },
    /// 开始记录版本: the question.
    Start,
    /// Unsaved edits: save first?
    Unsaved(Step),
    /// Where the 数据包 goes: its name, its path beside the document, and
    /// the removable disks.
    SendTo {
        name: String,
        beside: PathBuf,
        disks: Vec<PathBuf>,
    },
    /// What a 数据包 brings, before anything changes.
    Preview { bundle: PathBuf, incoming: Incoming },
    /// The shared repository, as typed.
    Remote { text: String },
    /// What a finished step did.
    Done(String),
}

/// What the root acts on.
pub enum Event {
    /// Save the document; what waits goes on after ([`Exchange::saved`]).
    Save,
    /// The document was changed on disk: show it as read again, and mark
    /// what changed since `before` (as 与…比较 does) when given.
    Show {
        /// The document read again.
        opened: Box<Opened>,
        /// The document before the merge.
        before: Option<Box<Document>>,
    },
    /// The document's repository was made: look where it lives again; what
    /// to say.
    Located(Notice),
    /// A commit was made: what to say.
    Committed(Notice),
    /// Something to tell the user.
    Notice(Notice),
}

/// What the 数据包 menu needs to know of the open document.
pub struct Context<'a> {
    /// The document as edited (none while a file is read).
    pub document: Option<&'a Arc<Document>>,
    /// Its file, if it has one.
    pub path: Option<&'a Path>,
    /// Whether it has unsaved edits.
    pub modified: bool,
    /// The merge conflicts it holds.
    pub conflicts: usize,
}

type Out = (Task<Message>, Option<Event>);

fn nothing() -> Out {
    (Task::none(), None)
}

fn say(notice: Notice) -> Out {
    (Task::none(), Some(Event::Notice(notice)))
}

impl Exchange {
    /// Whether a step of the exchange is under way.
    pub fn working(&self) -> Option<&'static str> {
        self.working
    }

    /// Whether what runs will read the document again from its file: an
    /// edit made meanwhile would be lost, so the window takes none.
    pub fn replacing(&self) -> bool {
        self.working.is_some() && self.replacing
    }

    /// Starts saying `words` while a step runs; `replacing` when the
    /// document will be read again once it is done.
    fn start(&mut self, words: &'static str, replacing: bool) {
        self.working = Some(words);
        self.replacing = replacing;
    }

    /// The step that ran has ended.
    fn stop(&mut self) {
        self.working = None;
        self.replacing = false;
    }

    /// The received merge of the open document waiting to be settled.
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    /// Another document is open (or the same read again): forgets what was
    /// asked for the one before and looks whether a received merge of this
    /// one waits to be settled.
    pub fn look(&mut self, path: Option<&Path>) -> Task<Message> {
        self.generation += 1;
        self.pending = None;
        self.after_save = None;
        self.let_go();
        if !matches!(self.dialog, Some(Dialog::Done(_))) {
            self.dialog = None;
        }
        let Some(path) = path.map(Path::to_path_buf) else {
            return Task::none();
        };
        let generation = self.generation;
        Task::perform(work::pending(path), move |found| {
            Message::Looked(generation, found)
        })
    }

    /// The document was saved: what waited for it goes on.
    pub fn saved(&mut self, context: &Context<'_>) -> Out {
        match self.after_save.take() {
            Some(step) => self.go(step, context),
            None => nothing(),
        }
    }

    /// A save failed or was refused: what waited for it is dropped.
    pub fn unsaved(&mut self) {
        self.after_save = None;
    }

    /// What a merge said, once: said again after its comparison is shown.
    pub fn follow_up(&mut self) -> Option<String> {
        self.follow.take()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, context: &Context<'_>) -> Out {
        let doc = context.path.map(Path::to_path_buf);
        let current = |path: &Path| doc.as_deref() == Some(path);
        match message {
            Message::Send => self.go(Step::Send, context),
            Message::Receive if self.working.is_none() => match &doc {
                None => say(Notice::refused(NO_FILE)),
                Some(doc) => {
                    let folder = doc.parent().map(Path::to_path_buf);
                    (
                        Task::perform(work::pick_bundle(folder), Message::Picked),
                        None,
                    )
                }
            },
            Message::Sync => self.go(Step::Sync(None), context),
            Message::Remote => match &doc {
                None => say(Notice::refused(NO_FILE)),
                Some(doc) => (
                    Task::perform(work::remote(doc.clone()), Message::RemoteRead),
                    None,
                ),
            },
            Message::Office => match &self.office {
                Some(name) => {
                    self.ask_office(name.clone(), None);
                    (iced::widget::operation::focus(OFFICE_FIELD), None)
                }
                None => (
                    Task::perform(work::office_kept(), |o| Message::OfficeRead(o, None)),
                    None,
                ),
            },
            Message::Start => match &doc {
                None => say(Notice::refused(NO_FILE)),
                Some(_) => {
                    self.dialog = Some(Dialog::Start);
                    nothing()
                }
            },
            Message::Yes => {
                self.dialog = None;
                self.go(Step::Start, context)
            }
            Message::SaveFirst => match self.dialog.take() {
                Some(Dialog::Unsaved(step)) => {
                    self.after_save = Some(step);
                    (Task::none(), Some(Event::Save))
                }
                other => {
                    self.dialog = other;
                    nothing()
                }
            },
            Message::Cancel => {
                self.dialog = None;
                self.let_go();
                nothing()
            }
            Message::OfficeTyped(typed) => {
                if let Some(Dialog::Office { text, error, .. }) = &mut self.dialog {
                    *text = typed;
                    *error = None;
                }
                nothing()
            }
            Message::OfficeConfirm => match &self.dialog {
                Some(Dialog::Office { text, then, .. }) => {
                    let then = then.clone();
                    (
                        Task::perform(work::keep_office(text.clone()), move |kept| {
                            Message::OfficeKept(kept, then.clone())
                        }),
                        None,
                    )
                }
                _ => nothing(),
            },
            Message::OfficeRead(Some(name), Some(step)) => {
                self.office = Some(name);
                self.go(step, context)
            }
            Message::OfficeRead(name, then) => {
                if let Some(name) = &name {
                    self.office = Some(name.clone());
                }
                self.ask_office(name.unwrap_or_default(), then);
                (iced::widget::operation::focus(OFFICE_FIELD), None)
            }
            Message::OfficeKept(Ok(name), then) => {
                self.office = Some(name.clone());
                self.dialog = None;
                let said = Notice::info(format!("本单位：{name}（已保存，以后不再询问）"));
                match then {
                    Some(step) => {
                        let (task, event) = self.go(step, context);
                        (task, event.or(Some(Event::Notice(said))))
                    }
                    None => say(said),
                }
            }
            Message::OfficeKept(Err(why), _) => {
                if let Some(Dialog::Office { error, .. }) = &mut self.dialog {
                    *error = Some(why.to_string());
                }
                nothing()
            }
            Message::Disks(disks) => match (&doc, &self.office) {
                (Some(doc), Some(office)) => {
                    let name = bundle_name(doc, office);
                    let beside = crate::output::folder_of(doc).join(&name);
                    self.dialog = Some(Dialog::SendTo {
                        name,
                        beside,
                        disks,
                    });
                    nothing()
                }
                _ => nothing(),
            },
            Message::SendTo(out) => {
                self.dialog = None;
                self.go(Step::Write(out), context)
            }
            Message::SendElsewhere => match (&self.dialog, &doc) {
                (Some(Dialog::SendTo { name, .. }), Some(doc)) => {
                    let folder = doc.parent().map(Path::to_path_buf);
                    let pick = work::pick_target(folder, name.clone());
                    (Task::perform(pick, Message::SendPicked), None)
                }
                _ => nothing(),
            },
            Message::SendPicked(Some(out)) => {
                self.dialog = None;
                self.go(Step::Write(out), context)
            }
            Message::SendPicked(None)
            | Message::Picked(None)
            | Message::RemoteFolderPicked(None) => say(Notice::info("未选择，什么也没有改动")),
            Message::Sent(out, result) => {
                self.stop();
                match result {
                    Ok(sent) => {
                        let said = said::sent(&out, &sent);
                        self.dialog = Some(Dialog::Done(said.clone()));
                        let said = Notice::info(said);
                        match sent.started {
                            true => (Task::none(), Some(Event::Located(said))),
                            false => say(said),
                        }
                    }
                    Err(why) => say(Notice::refused(format!("未发送：{why}"))),
                }
            }
            Message::Picked(Some(bundle)) => self.go(Step::Inspect(bundle), context),
            Message::Inspected(doc, bundle, result) if current(&doc) => {
                self.stop();
                match result.map(|held| held.take()) {
                    Ok(Some(offer)) => {
                        let incoming = offer.incoming.clone();
                        self.let_go();
                        self.offer = Some(offer);
                        self.dialog = Some(Dialog::Preview { bundle, incoming });
                        nothing()
                    }
                    Ok(None) => nothing(),
                    Err(why) => say(Notice::refused(why.to_string())),
                }
            }
            Message::Merge => match &self.dialog {
                Some(Dialog::Preview { bundle, .. }) => {
                    let step = Step::Merge(bundle.clone());
                    self.dialog = None;
                    self.go(step, context)
                }
                _ => nothing(),
            },
            Message::Merged(doc, result) if current(&doc) => {
                self.stop();
                match *result {
                    Ok(merged) => self.merged(doc, merged),
                    Err(ExchangeError::NoRemote) => {
                        self.dialog = Some(Dialog::Remote {
                            text: String::new(),
                        });
                        let said = "请先设置共享仓库：一个文件夹（如 U 盘或共享盘上的）或网址";
                        let focus = iced::widget::operation::focus(REMOTE_FIELD);
                        (focus, Some(Event::Notice(Notice::info(said))))
                    }
                    Err(why) => say(Notice::refused(why.to_string())),
                }
            }
            Message::RemoteTyped(typed) => {
                if let Some(Dialog::Remote { text }) = &mut self.dialog {
                    *text = typed;
                }
                nothing()
            }
            Message::RemoteFolder => (
                Task::perform(work::pick_folder(), Message::RemoteFolderPicked),
                None,
            ),
            Message::RemoteFolderPicked(Some(folder)) => {
                if let Some(Dialog::Remote { text }) = &mut self.dialog {
                    *text = folder.display().to_string();
                }
                nothing()
            }
            Message::RemoteRead(remembered) => {
                self.dialog = Some(Dialog::Remote {
                    text: remembered.unwrap_or_default(),
                });
                (iced::widget::operation::focus(REMOTE_FIELD), None)
            }
            Message::SyncWith => match &self.dialog {
                Some(Dialog::Remote { text }) if !text.trim().is_empty() => {
                    let remote = text.trim().to_string();
                    self.dialog = None;
                    self.go(Step::Sync(Some(remote)), context)
                }
                Some(Dialog::Remote { .. }) => say(Notice::refused(
                    "请填写共享仓库：一个文件夹或网址 (remote expected)",
                )),
                _ => nothing(),
            },
            Message::Started(doc, result) if current(&doc) => {
                self.stop();
                match result {
                    Ok(started) => {
                        let said = format!(
                            "已开始记录版本：{} 现在是版本库，文档已保存为第一个版本 {}",
                            started.top.display(),
                            started.commit
                        );
                        self.dialog = Some(Dialog::Done(said.clone()));
                        (Task::none(), Some(Event::Located(Notice::info(said))))
                    }
                    Err(why) => say(Notice::refused(format!("未开始记录版本：{why}"))),
                }
            }
            Message::Finish => self.go(Step::Finish, context),
            Message::Finished(doc, result) if current(&doc) => {
                self.stop();
                match result {
                    Ok(commit) => {
                        let from = self.pending.take().map(|p| p.from).unwrap_or_default();
                        let said = format!("已完成合并并提交 {commit}（接收自 {from}）");
                        (Task::none(), Some(Event::Committed(Notice::info(said))))
                    }
                    Err(why) => say(Notice::refused(format!("未完成：{why}"))),
                }
            }
            Message::Abandon => match (&doc, self.working) {
                (Some(doc), None) if self.pending.is_some() => {
                    self.start("正在放弃合并…", true);
                    let done = doc.clone();
                    (
                        Task::perform(work::abandon(doc.clone()), move |r| {
                            Message::Abandoned(done.clone(), Box::new(r))
                        }),
                        None,
                    )
                }
                _ => nothing(),
            },
            Message::Abandoned(doc, result) if current(&doc) => {
                self.stop();
                match *result {
                    Ok(document) => {
                        self.pending = None;
                        let notice = "已放弃合并：文档和版本库已恢复到接收之前".to_string();
                        let opened = Opened {
                            document,
                            path: Some(doc),
                            notice,
                        };
                        let event = Event::Show {
                            opened: Box::new(opened),
                            before: None,
                        };
                        (Task::none(), Some(event))
                    }
                    Err(why) => say(Notice::refused(format!("未放弃：{why}"))),
                }
            }
            Message::Looked(generation, found) if generation == self.generation => {
                self.pending = found;
                nothing()
            }
            // A 数据包 held for a document no longer open: let go of apart.
            Message::Inspected(_, _, Ok(held)) => {
                self.stop();
                if let Some(offer) = held.take() {
                    work::discard(offer);
                }
                nothing()
            }
            // A result for a document no longer open, or a second request
            // while one runs.
            Message::Inspected(..)
            | Message::Merged(..)
            | Message::Started(..)
            | Message::Finished(..)
            | Message::Abandoned(..) => {
                self.stop();
                nothing()
            }
            Message::Receive | Message::Looked(..) => nothing(),
        }
    }

    /// Lets go of the 数据包 held since a preview, if any.
    fn let_go(&mut self) {
        if let Some(offer) = self.offer.take() {
            work::discard(offer);
        }
    }

    /// Opens the 本单位 dialog with `text`; `then` waits for the name.
    fn ask_office(&mut self, text: String, then: Option<Step>) {
        self.dialog = Some(Dialog::Office {
            text,
            error: None,
            then,
        });
    }

    /// Takes `step` on its way: a file, nothing unsaved, 本单位 known; then
    /// starts its work.
    fn go(&mut self, step: Step, context: &Context<'_>) -> Out {
        if let Some(doing) = self.working {
            return say(Notice::refused(format!("{doing}请稍候")));
        }
        let (Some(doc), Some(shown)) = (context.path.map(Path::to_path_buf), context.document)
        else {
            return say(Notice::refused(NO_FILE));
        };
        // Saved as shown: the version a merge is compared with.
        let shown = Arc::clone(shown);
        if context.modified {
            // 完成 saves without asking: the settled conflicts are what it
            // commits.
            if step == Step::Finish {
                self.after_save = Some(step);
                return (Task::none(), Some(Event::Save));
            }
            self.dialog = Some(Dialog::Unsaved(step));
            return nothing();
        }
        // Every step commits or names a 数据包 by 本单位 (a 数据包 looked at
        // is on its way to a merge): asked here, before anything is done.
        let Some(office) = self.office.clone() else {
            let read = move |o| Message::OfficeRead(o, Some(step.clone()));
            return (Task::perform(work::office_kept(), read), None);
        };
        let at = doc.clone();
        match step {
            Step::Send => (Task::perform(work::disks(), Message::Disks), None),
            Step::Write(out) => {
                self.start("正在写数据包…", false);
                let written = out.clone();
                let task = Task::perform(work::send(doc, out, office), move |r| {
                    Message::Sent(written.clone(), r)
                });
                (task, None)
            }
            Step::Inspect(bundle) => {
                self.start("正在查看数据包…", false);
                let looked = bundle.clone();
                let task = Task::perform(work::offer(doc, bundle), move |r| {
                    Message::Inspected(at.clone(), looked.clone(), r)
                });
                (task, None)
            }
            Step::Merge(bundle) => {
                self.start("正在接收并合并数据包…", true);
                // The offer held since the preview, if it is this document's.
                let offer = match self.offer.take() {
                    Some(offer) if offer.document() == at => Some(offer),
                    Some(other) => {
                        work::discard(other);
                        None
                    }
                    None => None,
                };
                let receive = work::receive(doc, shown, bundle, offer, office);
                let task =
                    Task::perform(receive, move |r| Message::Merged(at.clone(), Box::new(r)));
                (task, None)
            }
            Step::Sync(remote) => {
                self.start("正在与共享仓库同步…", true);
                let task = Task::perform(work::sync(doc, shown, remote, office), move |r| {
                    Message::Merged(at.clone(), Box::new(r))
                });
                (task, None)
            }
            Step::Start => {
                self.start("正在开始记录版本…", false);
                let task = Task::perform(work::start(doc, office), move |r| {
                    Message::Started(at.clone(), r)
                });
                (task, None)
            }
            Step::Finish if context.conflicts > 0 => say(Notice::refused(format!(
                "未完成：还有 {} 处冲突待解决 (unresolved conflicts)，请先在「合并冲突」中逐条选定",
                context.conflicts
            ))),
            Step::Finish => {
                self.start("正在提交合并…", false);
                let task = Task::perform(work::finish(doc, office), move |r| {
                    Message::Finished(at.clone(), r)
                });
                (task, None)
            }
        }
    }

    /// A receive or sync ended: says how, and hands the root the document
    /// read again (unless nothing changed).
    fn merged(&mut self, doc: PathBuf, merged: Merged) -> Out {
        let said = said::merged(&merged);
        let Some(after) = merged.after else {
            return say(Notice::info(said));
        };
        self.follow = merged.before.is_some().then(|| said.clone());
        let opened = Opened {
            document: after,
            path: Some(doc),
            notice: said,
        };
        let event = Event::Show {
            opened: Box::new(opened),
            before: merged.before.map(Box::new),
        };
        (Task::none(), Some(event))
    }
}
