//! What the window reacts to: each component's own message, and the few the
//! root handles itself. The root's `update` routes each to whom it concerns.

use super::help::Help;
use super::widget::dropdown;
use super::{
    canvas, compare, coverage, derived, exchange, files, guide, history, home, inspector, outline,
    panels, print, printing, problems, recovery, sheet, statistics,
};

/// What the window reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// The outline asked for something.
    Outline(outline::Message),
    /// The canvas asked for something.
    Canvas(canvas::Message),
    /// The coverage graph asked for something.
    Coverage(coverage::Message),
    /// The property panel asked for something.
    Inspector(inspector::Message),
    /// The problems list asked for something (Enter included).
    Problem(problems::Message),
    /// The home view asked for something.
    Home(home::Message),
    /// The merge conflicts' list.
    Conflicts(inspector::conflicts::Message),
    /// The comparison with another version (与…比较).
    Compare(compare::Message),
    /// The members sheet asked for something.
    Sheet(sheet::Message),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Put the cursor in the outline's search box.
    Find,
    /// Tab: the cursor to the next field.
    FocusNext,
    /// Shift+Tab: the cursor to the previous field.
    FocusPrevious,
    /// An arrow key: a step in the problems list while it has the keyboard,
    /// else in the outline, unless a field has the cursor.
    Arrow(outline::Step),
    /// Escape: the problems list lets go of the keyboard, or, when it has
    /// it not, nothing is selected (then printing prints everything).
    Deselect,
    /// Findings and figures were worked out.
    Derived(Option<Box<derived::Derived>>),
    /// A file action.
    Files(files::Message),
    /// The print bar or a printout.
    Print(print::Message),
    /// The print dialog (打印…) or its job on a printer.
    Printing(printing::Message),
    /// The crash journal or its banner.
    Recovery(recovery::Message),
    /// The statistics tables (统计).
    Statistics(statistics::Message),
    /// The document's git history (历史).
    History(history::Message),
    /// The 数据包 menu: a 数据包 sent, received, synced; a merge settled.
    Exchange(exchange::Message),
    /// The user asked to close the window.
    CloseRequested(iced::window::Id),
    /// The menu bar: a list opened or closed, or an item chosen.
    Menu(dropdown::Message<Message>),
    /// Show a help (帮助), or close it (`None`).
    Help(Option<Help>),
    /// The user's guide (帮助 → 使用说明, F1).
    Guide(guide::Message),
    /// 退出: close the window, asking first about unsaved changes.
    Quit,
    /// 适应窗口: fit the structure (or the coverage graph, when shown).
    Fit,
    /// 放大/缩小 the structure (or the coverage graph) by a factor.
    Zoom(f32),
    /// A line between the panels dragged, or the window resized.
    Panels(panels::Message),
}
