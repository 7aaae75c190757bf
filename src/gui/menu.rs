//! The window's commands: the menu bar (文件 编辑 视图 打印 数据包 帮助),
//! whose lists hold every action with its shortcut, and under it one
//! toolbar row of the daily actions that never wraps. Both are built from
//! what the root tells of the window ([`State`]); each item sends the
//! message its panel's own button would.

use super::help::{self, Help};
use super::message::Message;
use super::widget::dropdown::{Entry, Item, Menu};
use super::{
    compare, coverage, editor, exchange, files, guide, history, print, printing, shortcuts,
    statistics,
};
use crate::pdf::Paper;
use iced::widget::{button, container, row, rule, text, tooltip};
use iced::{Element, Length};
use std::path::PathBuf;

/// The 文件 menu.
pub const FILE: &str = "文件";
/// The 编辑 menu.
pub const EDIT: &str = "编辑";
/// The 视图 menu.
pub const VIEW: &str = "视图";
/// The 打印 menu.
pub const PRINT: &str = "打印";
/// The 数据包 menu: the document's versions (git).
pub const PACKAGE: &str = "数据包";
/// The 帮助 menu.
pub const HELP: &str = "帮助";
/// Close the window (asking first about unsaved changes).
pub const QUIT: &str = "退出";
/// Put the cursor in the outline's search box.
pub const FIND: &str = "查找…";
/// Select nothing.
pub const DESELECT: &str = "取消选择";
/// The heading over the recent files in 文件.
pub const RECENT: &str = "最近打开";
/// The id around the menu bar and the toolbar together.
pub const BARS: &str = "window-bars";

/// What the menus and the toolbar need to know of the window.
pub struct State<'a> {
    /// The files opened or saved lately.
    pub recent: &'a [PathBuf],
    /// A file is being read, written or chosen.
    pub busy: bool,
    /// A printout is being made.
    pub printing: bool,
    /// A document is open (not while one is read).
    pub open: bool,
    /// A unit is selected (printouts print its subtree).
    pub selected: bool,
    /// There is an edit to undo.
    pub undo: bool,
    /// There is an edit to redo.
    pub redo: bool,
    /// The coverage graph is shown.
    pub coverage: bool,
    /// The statistics are shown.
    pub statistics: bool,
    /// The history list is open.
    pub history: bool,
    /// The document lives in a git work tree.
    pub repository: bool,
    /// Why it does not, when it does not (保存时提交 and 历史 are disabled).
    pub unavailable: Option<String>,
    /// Saving also commits.
    pub commit_on_save: bool,
    /// The chart paper.
    pub paper: Paper,
    /// Rosters show ID numbers, birth dates and phones in full.
    pub unmasked: bool,
    /// There is a printout to open.
    pub printed: bool,
    /// The current document has a file (a 数据包 can be made of it).
    pub filed: bool,
    /// A 数据包 step is under way.
    pub exchanging: bool,
    /// The current document has a file that is known to be in no git work
    /// tree (开始记录版本 is offered).
    pub unversioned: bool,
}

/// The menus, left to right.
pub fn menus(state: &State<'_>) -> Vec<Menu<Message>> {
    vec![
        Menu {
            title: FILE,
            entries: file(state),
        },
        Menu {
            title: EDIT,
            entries: edit(state),
        },
        Menu {
            title: VIEW,
            entries: view(state),
        },
        Menu {
            title: PRINT,
            entries: printing(state),
        },
        Menu {
            title: PACKAGE,
            entries: package(state),
        },
        Menu {
            title: HELP,
            entries: vec![
                Item::new(guide::SHOW, Some(Message::Guide(guide::Message::Open)))
                    .shortcut(shortcuts::HELP)
                    .into(),
                Item::new(help::KEYS, Some(Message::Help(Some(Help::Keys)))).into(),
                Item::new(help::ABOUT, Some(Message::Help(Some(Help::About)))).into(),
            ],
        },
    ]
}

/// `message` when `can`, else nothing (the item is disabled).
fn when(can: bool, message: Message) -> Option<Message> {
    can.then_some(message)
}

fn file(state: &State<'_>) -> Vec<Entry<Message>> {
    let idle = !state.busy;
    let filed = |m| when(idle, Message::Files(m));
    let mut entries: Vec<Entry<Message>> = vec![
        Item::new(files::NEW, filed(files::Message::New))
            .shortcut(shortcuts::NEW)
            .into(),
        Item::new(files::OPEN, filed(files::Message::Open))
            .shortcut(shortcuts::OPEN)
            .into(),
        Entry::Note(RECENT.into()),
    ];
    entries.extend(state.recent.iter().map(|path| {
        let recent = files::Recent(path.clone());
        Item::new(
            recent.to_string(),
            filed(files::Message::OpenRecent(recent)),
        )
        .into()
    }));
    if state.recent.is_empty() {
        entries.push(Item::new("（还没有）", None).into());
    }
    let open = idle && state.open;
    entries.extend([
        Entry::Separator,
        Item::new(
            files::SAVE,
            when(open, Message::Files(files::Message::Save)),
        )
        .shortcut(shortcuts::SAVE)
        .into(),
        Item::new(
            files::SAVE_AS,
            when(open, Message::Files(files::Message::SaveAs)),
        )
        .shortcut(shortcuts::SAVE_AS)
        .into(),
        Item::new(
            files::EXPORT,
            when(open, Message::Files(files::Message::Export)),
        )
        .shortcut(shortcuts::EXPORT)
        .into(),
        Entry::Separator,
        Item::new(QUIT, Some(Message::Quit))
            .shortcut(shortcuts::QUIT)
            .into(),
    ]);
    entries
}

fn edit(state: &State<'_>) -> Vec<Entry<Message>> {
    vec![
        Item::new(editor::UNDO, when(state.undo, Message::Undo))
            .shortcut(shortcuts::UNDO)
            .into(),
        Item::new(editor::REDO, when(state.redo, Message::Redo))
            .shortcut(shortcuts::REDO)
            .into(),
        Entry::Separator,
        Item::new(FIND, when(state.open, Message::Find))
            .shortcut(shortcuts::FIND)
            .into(),
        Item::new(DESELECT, when(state.selected, Message::Deselect))
            .shortcut(shortcuts::DESELECT)
            .into(),
    ]
}

fn view(state: &State<'_>) -> Vec<Entry<Message>> {
    let open = state.open;
    vec![
        Item::new(
            coverage::SHOW,
            when(open, Message::Coverage(coverage::Message::Toggle)),
        )
        .checked(state.coverage)
        .into(),
        Item::new(
            compare::SHOW,
            when(open, Message::Compare(compare::Message::Offer)),
        )
        .into(),
        Item::new(
            statistics::SHOW,
            when(open, Message::Statistics(statistics::Message::Toggle)),
        )
        .checked(state.statistics)
        .into(),
        history_item(state),
        Entry::Separator,
        Item::new(editor::FIT, when(open, Message::Fit))
            .shortcut(shortcuts::FIT)
            .into(),
        Item::new(ZOOM_IN, when(open, Message::Zoom(ZOOM_IN_BY)))
            .shortcut(shortcuts::ZOOM_IN)
            .into(),
        Item::new(ZOOM_OUT, when(open, Message::Zoom(ZOOM_OUT_BY)))
            .shortcut(shortcuts::ZOOM_OUT)
            .into(),
    ]
}

/// Zoom in.
pub const ZOOM_IN: &str = "放大";
/// Zoom out.
pub const ZOOM_OUT: &str = "缩小";
/// How much 放大 zooms in.
pub const ZOOM_IN_BY: f32 = 1.25;
/// How much 缩小 zooms out.
pub const ZOOM_OUT_BY: f32 = 0.8;

/// 历史: the document's versions, in a git work tree only.
fn history_item(state: &State<'_>) -> Entry<Message> {
    Item::new(
        history::SHOW,
        when(state.repository, Message::History(history::Message::Toggle)),
    )
    .checked(state.history)
    .into()
}

fn printing(state: &State<'_>) -> Vec<Entry<Message>> {
    let idle = state.open && !state.busy && !state.printing;
    let mut entries: Vec<Entry<Message>> = vec![
        Item::new(
            printing::OPEN,
            when(idle, Message::Printing(printing::Message::Open)),
        )
        .shortcut(shortcuts::PRINT)
        .into(),
        Item::new(
            print::PRINT_CHART,
            when(idle, Message::Print(print::Message::Chart)),
        )
        .into(),
        Item::new(
            print::PRINT_ROSTER,
            when(idle, Message::Print(print::Message::Roster)),
        )
        .shortcut(shortcuts::PRINT_ROSTER)
        .into(),
        Entry::Note(print::scope(state.selected).into()),
        Entry::Separator,
        Entry::Note("组织图纸张".into()),
    ];
    entries.extend(print::PAPERS.into_iter().map(|paper| {
        Item::new(
            paper.to_string(),
            Some(Message::Print(print::Message::Paper(paper))),
        )
        .checked(state.paper == paper)
        .into()
    }));
    entries.extend([
        Entry::Separator,
        Item::new(
            print::UNMASKED,
            Some(Message::Print(print::Message::Unmasked(!state.unmasked))),
        )
        .checked(state.unmasked)
        .into(),
        Entry::Separator,
        Item::new(
            print::SHOW,
            when(state.printed, Message::Print(print::Message::Show)),
        )
        .into(),
    ]);
    entries
}

/// 数据包: the exchange between offices, then the document's versions.
fn package(state: &State<'_>) -> Vec<Entry<Message>> {
    let idle = state.open && !state.busy && !state.exchanging;
    let filed = idle && state.filed;
    let shared = filed && state.repository;
    let exchange = |label: &'static str, can: bool, message: exchange::Message| {
        Entry::from(Item::new(label, when(can, Message::Exchange(message))))
    };
    let mut entries = vec![
        exchange(exchange::SEND, filed, exchange::Message::Send),
        exchange(exchange::RECEIVE, filed, exchange::Message::Receive),
        exchange(exchange::SYNC, shared, exchange::Message::Sync),
        exchange(exchange::REMOTE, shared, exchange::Message::Remote),
    ];
    if !state.filed {
        entries.push(Entry::Note(format!("（{}）", exchange::NO_FILE)));
    }
    entries.push(Entry::Separator);
    entries.push(exchange(exchange::OFFICE, idle, exchange::Message::Office));
    // Only a document with a file and no version record can start one.
    if state.unversioned {
        entries.push(exchange(exchange::START, filed, exchange::Message::Start));
    }
    entries.extend([
        Entry::Separator,
        Item::new(
            files::COMMIT,
            when(
                state.repository,
                Message::Files(files::Message::CommitOnSave(!state.commit_on_save)),
            ),
        )
        .checked(state.commit_on_save)
        .into(),
        history_item(state),
    ]);
    if let Some(why) = &state.unavailable {
        entries.push(Entry::Note(why.clone()));
    }
    entries
}

/// The toolbar: the title, then the daily actions in one row that never
/// wraps (the title gives way first); `print` is the print buttons and
/// `commit` the 保存时提交 option, from their own components.
pub fn toolbar<'a>(
    state: &State<'_>,
    title: &'a str,
    print: Element<'a, Message>,
    commit: Option<Element<'a, Message>>,
) -> Element<'a, Message> {
    let idle = !state.busy;
    let open = idle && state.open;
    let tool = |label: &'static str, message: Option<Message>| {
        button(text(label).size(13).wrapping(text::Wrapping::None))
            .padding([4, 8])
            .on_press_maybe(message)
    };
    let statistics = if state.statistics {
        statistics::CLOSE
    } else {
        statistics::SHOW
    };
    let history = if state.history {
        history::CLOSE
    } else {
        history::SHOW
    };
    let title = container(text(title).size(16).wrapping(text::Wrapping::None))
        .width(Length::Fill)
        .clip(true);
    row![
        title,
        tool(files::NEW, when(idle, Message::Files(files::Message::New))),
        tool(
            files::OPEN,
            when(idle, Message::Files(files::Message::Open))
        ),
        tool(
            files::SAVE,
            when(open, Message::Files(files::Message::Save))
        ),
        rule::vertical(1),
        tool(editor::UNDO, when(state.undo, Message::Undo)),
        tool(editor::REDO, when(state.redo, Message::Redo)),
        rule::vertical(1),
        print,
        rule::vertical(1),
        tool(
            statistics,
            when(state.open, Message::Statistics(statistics::Message::Toggle))
        ),
        tip(
            tool(
                history,
                when(state.repository, Message::History(history::Message::Toggle))
            ),
            state.unavailable.as_deref()
        ),
    ]
    .push(commit)
    .spacing(6)
    .height(Length::Fixed(30.0))
    .align_y(iced::Alignment::Center)
    .into()
}

/// `content` with `words` shown on hover, when there are any.
fn tip<'a>(content: impl Into<Element<'a, Message>>, words: Option<&str>) -> Element<'a, Message> {
    match words {
        Some(words) => tooltip(
            content,
            container(text(words.to_string()).size(12))
                .padding(4)
                .style(container::bordered_box),
            tooltip::Position::Bottom,
        )
        .into(),
        None => content.into(),
    }
}
