//! What the 数据包 menu reacts to: the menu's items, the dialogs' buttons
//! and fields, and the results of the work done apart; the steps an action
//! takes on its way.

use super::work::{Done, Merged};
use crate::gui::io::Once;
use crate::model::Document;
use crate::store::office::OfficeError;
use crate::versions::exchange::{Offer, Pending, Sent, Started};
use std::path::PathBuf;

/// An action on its way, held while the user is asked something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Ask where the 数据包 goes.
    Send,
    /// Write the 数据包 here.
    Write(PathBuf),
    /// Look at this 数据包.
    Inspect(PathBuf),
    /// Merge this 数据包.
    Merge(PathBuf),
    /// Sync with this shared repository (or the one remembered).
    Sync(Option<String>),
    /// Put the document under version control.
    Start,
    /// Commit the settled merge.
    Finish,
}

impl Step {
    /// What the question about unsaved edits says it is for.
    pub fn purpose(&self) -> &'static str {
        match self {
            Step::Send | Step::Write(_) => "发送数据包",
            Step::Inspect(_) | Step::Merge(_) => "接收数据包",
            Step::Sync(_) => "同步",
            Step::Start => "开始记录版本",
            Step::Finish => "完成合并",
        }
    }
}

/// What the menu, the dialogs and the workers bring.
#[derive(Debug, Clone)]
pub enum Message {
    /// 发送数据包….
    Send,
    /// 接收数据包…: ask the desktop for the 数据包.
    Receive,
    /// 同步.
    Sync,
    /// 共享仓库…: show the one remembered, to change it.
    Remote,
    /// 本单位….
    Office,
    /// 开始记录版本: ask.
    Start,
    /// Yes to 开始记录版本.
    Yes,
    /// Save the unsaved edits, then go on.
    SaveFirst,
    /// Close the dialog.
    Cancel,
    /// The office's name was edited.
    OfficeTyped(String),
    /// Keep the office's name typed.
    OfficeConfirm,
    /// 本单位 was read from the data folder; what waits for it.
    OfficeRead(Option<String>, Option<Step>),
    /// 本单位 was kept (or why not); what waits for it.
    OfficeKept(Result<String, OfficeError>, Option<Step>),
    /// The removable disks were looked for.
    Disks(Vec<PathBuf>),
    /// Write the 数据包 here (a place chosen).
    SendTo(PathBuf),
    /// 其他位置…: ask the desktop where.
    SendElsewhere,
    /// The desktop answered where the 数据包 goes (None: cancelled).
    SendPicked(Option<PathBuf>),
    /// The 数据包 was written at the path (or why not).
    Sent(PathBuf, Done<Sent>),
    /// The desktop answered which 数据包 to receive (None: cancelled).
    Picked(Option<PathBuf>),
    /// The 数据包 was looked at and held (or refused), for the document.
    Inspected(PathBuf, PathBuf, Done<Once<Offer>>),
    /// 合并 the 数据包 previewed.
    Merge,
    /// A receive or a sync of the document ended.
    Merged(PathBuf, Box<Done<Merged>>),
    /// The shared repository's field was edited.
    RemoteTyped(String),
    /// Choose the shared repository's folder with the desktop's dialog.
    RemoteFolder,
    /// The desktop answered which folder.
    RemoteFolderPicked(Option<PathBuf>),
    /// The shared repository remembered was looked up.
    RemoteRead(Option<String>),
    /// Sync with the shared repository typed.
    SyncWith,
    /// Version control was started for the document.
    Started(PathBuf, Done<Started>),
    /// 完成: commit the settled merge.
    Finish,
    /// The merge was committed.
    Finished(PathBuf, Done<String>),
    /// 放弃: put everything back.
    Abandon,
    /// The merge was abandoned and the document read again.
    Abandoned(PathBuf, Box<Done<Document>>),
    /// The pending merge of the document open was looked up.
    Looked(u64, Option<Pending>),
}

impl Message {
    /// Whether the user did it (a worker's result is not).
    pub fn is_action(&self) -> bool {
        !matches!(
            self,
            Message::OfficeRead(..)
                | Message::OfficeKept(..)
                | Message::Disks(_)
                | Message::SendPicked(_)
                | Message::Sent(..)
                | Message::Picked(_)
                | Message::Inspected(..)
                | Message::Merged(..)
                | Message::RemoteFolderPicked(_)
                | Message::RemoteRead(_)
                | Message::Started(..)
                | Message::Finished(..)
                | Message::Abandoned(..)
                | Message::Looked(..)
        )
    }
}
