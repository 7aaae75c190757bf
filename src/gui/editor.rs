//! The open document in the window: its history, its tree index, the one
//! selection and fold state, the findings and figures worked out apart, and
//! the panels that show them — outline, canvas, property panel (or, with
//! nothing selected, the home view of figures), problems.
//! Every edit is a command applied through the [`History`], so every edit can
//! be undone; each step taken is handed to the root to be journaled.

use super::focus::Focus;
use super::inspector::{conflicts, fixes};
use super::message::Message;
use super::panels::Panels;
use super::status::Notice;
use super::widget::frozen::frozen;
use super::{
    canvas, compare, coverage, derived, home, inspector, outline, problems, reveal, sheet,
};
use crate::check::{Finding, Report};
use crate::edit::{Command, EditError, History};
use crate::graph::Graph;
use crate::journal::Entry;
use crate::model::{Document, Id};
use crate::stats::{members_by_subtree_with, Stats};
use iced::widget::{button, column, container, row, text};
use iced::{Element, Length, Task};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The undo button's label.
pub const UNDO: &str = "撤销";
/// The redo button's label.
pub const REDO: &str = "重做";
/// The fit button's label.
pub const FIT: &str = "适应窗口";
/// The id of the canvas' frame.
pub const CANVAS: &str = "structure-canvas";

/// The open document and what the window shows of it.
pub struct Editor {
    /// Shared with the threads that check it: an edit copies it only while a
    /// check of the previous state still runs.
    document: Arc<Document>,
    /// Tells this editor's check results from an earlier one's.
    window: u64,
    path: Option<PathBuf>,
    history: History,
    /// The graph of the present state: built again at once when the unit
    /// tree's shape changes, else taken with the findings worked out apart.
    graph: Arc<Graph>,
    /// Whether `graph` is the present state's through and through (after an
    /// edit that left the tree's shape alone, only its tree is until the
    /// check's arrives).
    graph_current: bool,
    focus: Focus,
    /// The findings of the last check (none before the first has ended).
    report: Report,
    /// The figures of the last check, `None` until the first has ended.
    stats: Option<Stats>,
    /// Full and probationary members in each unit's subtree.
    members: FxHashMap<Id, (u32, u32)>,
    outline: outline::Outline,
    problems: problems::Problems,
    canvas: canvas::Canvas,
    inspector: inspector::Inspector,
    home: home::Home,
    /// The conflicts a merge left, shown with the home view until settled.
    conflicts: conflicts::Conflicts,
    coverage: coverage::Coverage,
    /// A version from the document's history, shown read-only: every panel
    /// that edits is frozen (see [`frozen`]), the canvas moves nothing, and
    /// any edit that reaches [`Editor::apply`] still is refused.
    read_only: bool,
    /// 与…比较: another version compared with this one, when asked.
    compare: compare::Compare,
    /// The members sheet, shown in place of the structure while open.
    sheet: Option<sheet::Sheet>,
}

/// What the root acts on.
pub enum Event {
    /// The history took a step (to journal); what to say.
    Stepped(Box<Entry>, Notice),
    /// Something to tell the user.
    Notice(Notice),
}

impl Editor {
    /// An editor on a document; `path` is where it was read from (None for
    /// the sample or an imported workbook). It shows the document at once and
    /// its findings and figures once the check the task runs has ended (a
    /// city's takes a moment: the window is not held meanwhile).
    pub fn new(document: Document, path: Option<PathBuf>) -> (Editor, Task<Message>) {
        static WINDOWS: AtomicU64 = AtomicU64::new(0);
        let window = WINDOWS.fetch_add(1, Ordering::Relaxed);
        // The graph (the tree and each unit's member count) is built here,
        // in a moment even for a city; the check runs apart.
        let graph = Arc::new(Graph::build(&document));
        let tree = graph.tree();
        let focus = Focus::new(&document);
        let members = members_by_subtree_with(&graph);
        let outline = outline::Outline::new(&document, tree, &focus, &members);
        let canvas = canvas::Canvas::new(&document, tree, &focus, &members);
        let mut conflicts = conflicts::Conflicts::default();
        conflicts.refresh(&document);
        let editor = Editor {
            document: Arc::new(document),
            window,
            path,
            history: History::new(),
            graph,
            graph_current: true,
            focus,
            report: Report::default(),
            stats: None,
            members,
            outline,
            problems: problems::Problems::default(),
            canvas,
            inspector: inspector::Inspector::default(),
            home: home::Home::default(),
            conflicts,
            coverage: coverage::Coverage::default(),
            read_only: false,
            compare: compare::Compare::default(),
            sheet: None,
        };
        let check = editor.check_apart(Some(Arc::clone(&editor.graph)));
        (editor, check)
    }

    /// An editor showing a version of the document at `path` read-only, and
    /// the task that checks it.
    pub fn read_only(document: Document, path: Option<PathBuf>) -> (Editor, Task<Message>) {
        let (editor, check) = Editor::new(document, path);
        let editor = Editor {
            read_only: true,
            ..editor
        };
        (editor, check)
    }

    /// Checks the document here and now, on the calling thread, as the
    /// task [`Editor::new`] hands out would: for a window built by a test
    /// or a benchmark, which reads the findings at once.
    pub fn check_now(&mut self) {
        let revision = (self.window, self.history.revision());
        self.derived(derived::derive(
            &self.document,
            revision,
            Some(Arc::clone(&self.graph)),
        ));
    }

    /// The document as edited.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The document, shared with workers.
    pub fn shared(&self) -> &Arc<Document> {
        &self.document
    }

    /// The graph of the present state, shared with workers.
    pub fn graph(&self) -> &Arc<Graph> {
        &self.graph
    }

    /// The document and its history, to restore a killed session's edits into.
    pub fn restoring(&mut self) -> super::recovery::Target<'_> {
        super::recovery::Target {
            document: Arc::make_mut(&mut self.document),
            history: &mut self.history,
        }
    }

    /// Its file, if it has one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The current check findings.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Counts and coverage (none until the first check has ended).
    pub fn stats(&self) -> Option<&Stats> {
        self.stats.as_ref()
    }

    /// The selected unit.
    pub fn selected(&self) -> Option<Id> {
        self.focus.selected()
    }

    /// The canvas' state.
    pub fn canvas(&self) -> &canvas::Canvas {
        &self.canvas
    }

    /// The coverage graph's state.
    pub fn coverage(&self) -> &coverage::Coverage {
        &self.coverage
    }

    /// The comparison shown (与…比较), if any.
    pub fn comparison(&self) -> Option<&crate::versions::compare::Comparison> {
        self.compare.comparison().map(Arc::as_ref)
    }

    /// What the shown comparison compares with.
    pub fn compared_with(&self) -> Option<&str> {
        self.compare.label()
    }

    /// Starts comparing the document with `old`, a version read elsewhere
    /// (a git revision …), called `label`.
    pub fn compare_with(&mut self, old: Document, label: String) -> Task<Message> {
        let revision = self.history.revision();
        self.compare
            .start(old, label, &self.document, revision)
            .map(Message::Compare)
    }

    /// Starts comparing the document with the file at `path`.
    pub fn compare_file(&mut self, path: PathBuf) -> Task<Message> {
        let revision = self.history.revision();
        self.compare
            .file(path, &self.document, revision)
            .map(Message::Compare)
    }

    /// Handles the comparison's message: a clicked line selects its unit or
    /// shows its ghost; a comparison shown or ended lays the canvas out.
    pub fn compare_message(&mut self, message: compare::Message) -> (Task<Message>, Option<Event>) {
        let revision = self.history.revision();
        let path = self.path.clone();
        let (task, event) = self.compare.update(message, &self.document, revision, path);
        let task = task.map(Message::Compare);
        match event {
            Some(compare::Event::Changed(said)) => {
                self.compared();
                (task, said.map(Event::Notice))
            }
            Some(compare::Event::Select(id)) => {
                self.select(Some(id), true);
                (Task::batch([task, self.outline.scroll_to(id)]), None)
            }
            Some(compare::Event::Show(ghost)) => {
                self.show_ghost(ghost);
                (task, None)
            }
            Some(compare::Event::Notice(said)) => (task, Some(Event::Notice(said))),
            None => (task, None),
        }
    }

    /// Hands the canvas the comparison's marks and lays it out again.
    fn compared(&mut self) {
        self.canvas.compare(self.compare.comparison().cloned());
        self.relayout();
    }

    /// Unfolds the units above a ghost and brings it to the middle.
    fn show_ghost(&mut self, ghost: Id) {
        let Some(tree) = self.compare.tree(&self.document) else {
            return;
        };
        if self.focus.reveal(tree, ghost) {
            self.relayout();
        }
        self.canvas.center_on(ghost);
    }

    /// Handles the coverage graph's message: a clicked branch is selected,
    /// a drop is an edit like any other.
    pub fn coverage_message(
        &mut self,
        message: coverage::Message,
    ) -> (Task<Message>, Option<Event>) {
        match self.coverage.update(message) {
            Some(coverage::Event::Shown) => {
                // The picture reads the grids and covers: the present state's.
                if !self.graph_current {
                    self.graph = Arc::new(Graph::build(&self.document));
                    self.graph_current = true;
                }
                self.coverage
                    .refresh(&self.document, &self.graph, self.selected());
                (Task::none(), None)
            }
            Some(coverage::Event::Selected(id)) => {
                self.select(Some(id), true);
                (self.outline.scroll_to(id), None)
            }
            // A version shown read-only: a drop covers nothing, unsaid.
            Some(coverage::Event::Edit(_)) if self.read_only => (Task::none(), None),
            Some(coverage::Event::Edit(command)) => self.apply(&command),
            None => (Task::none(), None),
        }
    }

    /// What printouts are named after: the selected unit's name, or the
    /// document's title.
    pub fn scope(&self) -> &str {
        self.selected()
            .and_then(|id| self.document.units.get(&id))
            .map_or(self.document.title.as_str(), |u| u.name.as_str())
    }

    /// The selected unit's code (printouts print its subtree).
    pub fn selected_code(&self) -> Option<String> {
        self.selected()
            .and_then(|id| self.document.units.get(&id))
            .map(|u| u.code.clone())
    }

    /// The document was saved at `path` as it was at `revision`.
    pub fn saved(&mut self, path: PathBuf, revision: u64) {
        if self.history.revision() == revision {
            self.history.mark_saved();
        }
        self.path = Some(path);
    }

    /// Handles the outline's message.
    pub fn outline(&mut self, message: outline::Message) -> Task<Message> {
        // The user turned to the outline (its scrolling follows a fix too).
        if !matches!(message, outline::Message::Scrolled(_)) {
            self.problems.let_go();
        }
        let event = self
            .outline
            .update(&self.document, self.graph.tree(), &self.focus, message);
        match event {
            // A row picked by arrow key may lie below the view: scroll to it.
            Some(outline::Event::Selected(id)) => {
                self.select(Some(id), true);
                self.outline.scroll_to(id)
            }
            Some(outline::Event::Toggled(id)) => {
                self.focus.toggle(id);
                self.relayout();
                Task::none()
            }
            None => Task::none(),
        }
    }

    /// Handles the canvas' message.
    pub fn canvas_message(&mut self, message: canvas::Message) -> (Task<Message>, Option<Event>) {
        self.problems.let_go();
        match self.canvas.update(message) {
            // A ghost (a unit compared with, gone from the document) is
            // shown, never selected or moved.
            Some(canvas::Event::Selected(id)) if !self.document.units.contains_key(&id) => {
                self.canvas.center_on(id);
                (Task::none(), None)
            }
            Some(canvas::Event::Move { unit, onto })
                if !self.document.units.contains_key(&unit)
                    || !self.document.units.contains_key(&onto) =>
            {
                let said =
                    Notice::refused("未执行：已撤销的组织只在比较中显示，不能移动或接收组织");
                (Task::none(), Some(Event::Notice(said)))
            }
            Some(canvas::Event::Selected(id)) => {
                self.select(Some(id), false);
                (self.outline.scroll_to(id), None)
            }
            Some(canvas::Event::Toggled(id)) => {
                self.focus.toggle(id);
                self.relayout();
                (Task::none(), None)
            }
            Some(canvas::Event::Move { unit, onto }) => self.apply(&Command::MoveUnit {
                unit,
                new_parent: onto,
            }),
            None => (Task::none(), None),
        }
    }

    /// Handles the property panel's message.
    pub fn inspector(&mut self, message: inspector::Message) -> (Task<Message>, Option<Event>) {
        // A version shown read-only: its frozen panel takes nothing, not
        // even the Delete key's question.
        if self.read_only {
            return (Task::none(), None);
        }
        let selected = self.selected();
        let opens = inspector::opens(&message);
        match self
            .inspector
            .update(&self.document, self.graph.tree(), selected, message)
        {
            Some(inspector::Event::Edit(command)) => self.apply(&command),
            Some(inspector::Event::Sheet(unit)) => {
                self.sheet = Some(sheet::Sheet::of(&self.document, self.graph.tree(), unit));
                (Task::none(), None)
            }
            None => {
                let go = |field| reveal::focus(inspector::PANEL, field);
                (opens.map_or_else(Task::none, go), None)
            }
        }
    }

    /// The members sheet, while it is open.
    pub fn sheet(&self) -> Option<&sheet::Sheet> {
        self.sheet.as_ref()
    }

    /// Whether a cell of the members sheet is open for typing.
    pub fn sheet_editing(&self) -> bool {
        self.sheet.as_ref().is_some_and(sheet::Sheet::is_editing)
    }

    /// Handles the members sheet's message: a paste or an edit in place is
    /// an edit like any other (nothing while the sheet is closed).
    pub fn sheet_message(&mut self, message: sheet::Message) -> (Task<Message>, Option<Event>) {
        let Some(open) = &mut self.sheet else {
            return (Task::none(), None);
        };
        let (task, event) = open.update(&self.document, self.graph.tree(), message);
        let task = task.map(Message::Sheet);
        match event {
            Some(sheet::Event::Edit(command)) => {
                let (applied, event) = self.apply(&command);
                (Task::batch([task, applied]), event)
            }
            Some(sheet::Event::Closed) => {
                self.sheet = None;
                (task, None)
            }
            None => (task, None),
        }
    }

    /// Handles the problems panel's message: a clicked finding leads to its
    /// fix; an acknowledgement added or withdrawn is an edit.
    pub fn problem(&mut self, message: problems::Message) -> (Task<Message>, Option<Event>) {
        match self.problems.update(message) {
            Some(problems::Event::Fix(key)) => match self.report.find(key).cloned() {
                Some(finding) => (self.fix(&finding), None),
                None => (Task::none(), None),
            },
            Some(problems::Event::Highlighted) => (self.problems.show_highlighted(), None),
            Some(problems::Event::Noting) => (iced::widget::operation::focus(problems::NOTE), None),
            Some(problems::Event::Edit(command)) => {
                let (task, event) = self.apply(&command);
                if matches!(event, Some(Event::Stepped(..))) {
                    self.problems.noted();
                }
                (task, event)
            }
            None => (Task::none(), None),
        }
    }

    /// Handles the home view's message: a clicked row is selected and shown.
    pub fn home(&mut self, message: home::Message) -> (Task<Message>, Option<Event>) {
        match self.home.update(message) {
            Some(home::Event::Select(id)) => {
                self.select(Some(id), true);
                (self.outline.scroll_to(id), None)
            }
            Some(home::Event::AddStreet) => self.inspector(inspector::Message::AddStreet),
            None => (Task::none(), None),
        }
    }

    /// Goes to where `finding` is fixed: its unit selected and shown, the
    /// form it needs open, the control in view (and, a field, focused), how
    /// to fix it said at the top of the property panel.
    fn fix(&mut self, finding: &Finding) -> Task<Message> {
        let Some(lead) = fixes::lead(&self.document, finding) else {
            return Task::none();
        };
        if lead.step == fixes::Step::Conflicts {
            self.select(None, false);
            self.conflicts.lead(lead.hint);
            return Task::none();
        }
        let unit = lead.unit;
        self.select(unit, true);
        let shown = unit.map_or_else(Task::none, |unit| self.outline.scroll_to(unit));
        // A version shown read-only: the finding's unit, and no form.
        if self.read_only {
            return shown;
        }
        let (target, focus) = self.inspector.lead(&self.document, self.graph.tree(), lead);
        let mut go = reveal::reveal(inspector::PANEL, target.clone());
        if focus {
            go = go.chain(iced::widget::operation::focus(target));
        }
        Task::batch([shown, go])
    }

    /// Handles the merge conflicts' message: a choice is an edit.
    pub fn conflict(&mut self, message: conflicts::Message) -> (Task<Message>, Option<Event>) {
        match self.conflicts.update(message) {
            Some(command) => self.apply(&command),
            None => (Task::none(), None),
        }
    }

    /// Escape: the problems list lets go of the keyboard if it has it, else
    /// nothing is selected (printing then prints everything).
    pub fn deselect(&mut self) {
        if !self.problems.let_go() {
            self.select(None, false);
        }
    }

    /// Whether the problems list has the keyboard: ↑ and ↓ are then its.
    pub fn problems_have_keyboard(&self) -> bool {
        self.problems.has_keyboard()
    }

    /// An arrow key while the problems list has the keyboard: ↑ ↓ move its
    /// highlight; ← → do nothing there.
    pub fn problems_arrow(&mut self, step: outline::Step) -> (Task<Message>, Option<Event>) {
        match step {
            outline::Step::Up => self.problem(problems::Message::Previous),
            outline::Step::Down => self.problem(problems::Message::Next),
            outline::Step::Left | outline::Step::Right => (Task::none(), None),
        }
    }

    /// Undoes the last edit.
    pub fn undo(&mut self) -> (Task<Message>, Option<Event>) {
        match self.history.undo(Arc::make_mut(&mut self.document)) {
            Some(label) => self.stepped(Entry::Undo, format!("已撤销：{label}")),
            None => (Task::none(), None),
        }
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> (Task<Message>, Option<Event>) {
        match self.history.redo(Arc::make_mut(&mut self.document)) {
            Some(label) => self.stepped(Entry::Redo, format!("已重做：{label}")),
            None => (Task::none(), None),
        }
    }

    /// Shows findings and figures worked out for the present state; those
    /// for a state the document has left are dropped.
    pub fn derived(&mut self, derived: derived::Derived) {
        if derived.revision != (self.window, self.history.revision()) {
            return;
        }
        self.graph = derived.graph;
        self.graph_current = true;
        self.report = derived.report;
        self.outline.count(&self.document, derived.members.clone());
        self.members = derived.members;
        self.problems
            .refresh(&self.report, &self.document, self.graph.tree());
        self.home.refresh(
            &derived.stats,
            &self.report,
            &self.document,
            self.graph.tree(),
        );
        self.stats = Some(derived.stats);
        self.canvas.recount(&self.document, &self.members);
        self.canvas
            .mark(&self.document, self.graph.tree(), &self.report);
    }

    /// Applies an edit through the history: a created unit is selected, a
    /// refusal is shown beside the fields and in the status bar.
    fn apply(&mut self, command: &Command) -> (Task<Message>, Option<Event>) {
        if self.read_only {
            let why = "这是历史中的只读版本，不能修改 (read-only)：请先回到当前文档";
            self.inspector.refuse(command, &EditError::new(why));
            return (Task::none(), Some(Event::Notice(Notice::refused(why))));
        }
        match self
            .history
            .apply(Arc::make_mut(&mut self.document), command)
        {
            Ok(applied) => {
                let done = self.stepped(
                    Entry::Apply(command.clone()),
                    format!("已{}", applied.label),
                );
                if let Some(created) = applied
                    .created
                    .filter(|id| self.document.units.contains_key(id))
                {
                    self.select(Some(created), true);
                }
                done
            }
            Err(refused) => {
                self.inspector.refuse(command, &refused);
                let said = Notice::refused(format!("未执行：{refused}"));
                (Task::none(), Some(Event::Notice(said)))
            }
        }
    }

    /// After the document changed: the tree and panels now, findings and
    /// figures from a thread of their own.
    pub fn stepped(&mut self, step: Entry, said: String) -> (Task<Message>, Option<Event>) {
        let recheck = self.recheck();
        (
            recheck,
            Some(Event::Stepped(Box::new(step), Notice::info(said))),
        )
    }

    /// Rereads the tree and the panel after the document changed, and starts
    /// the check of the new state.
    pub fn recheck(&mut self) -> Task<Message> {
        // Built here, once for this state, when the outline needs it now
        // (or the coverage view, which reads the grids and covers, is
        // shown); the findings are then worked out from it.
        let reshaped = !self.graph.tree().fits(&self.document);
        let fresh = (reshaped || self.coverage.shown()).then(|| {
            if reshaped {
                self.compare.retree();
            }
            Arc::new(Graph::build(&self.document))
        });
        self.graph_current = fresh.is_some();
        if let Some(graph) = &fresh {
            self.graph = Arc::clone(graph);
        }
        let still = self
            .selected()
            .filter(|id| self.document.units.contains_key(id));
        self.focus.select(still);
        self.conflicts.refresh(&self.document);
        self.relayout();
        self.inspector
            .show(&self.document, self.graph.tree(), still);
        self.coverage.refresh(&self.document, &self.graph, still);
        if let Some(open) = &mut self.sheet {
            open.refresh(&self.document, self.graph.tree());
        }
        let compare = self
            .compare
            .follow(&self.document, self.history.revision())
            .map(Message::Compare);
        Task::batch([self.check_apart(fresh), compare])
    }

    /// Starts the check of the present state on a thread of its own, from
    /// `graph` when the window has just built this state's; its result comes
    /// back as [`Message::Derived`], tagged with the state.
    fn check_apart(&self, graph: Option<Arc<Graph>>) -> Task<Message> {
        let revision = (self.window, self.history.revision());
        Task::perform(
            derived::derive_apart(Arc::clone(&self.document), revision, graph),
            Message::Derived,
        )
    }

    /// Lays the outline and the canvas out again for the tree and folds.
    fn relayout(&mut self) {
        self.outline
            .lay_out(&self.document, self.graph.tree(), &self.focus);
        // While comparing, the canvas also lays out the ghosts.
        let tree = self
            .compare
            .tree(&self.document)
            .unwrap_or(self.graph.tree());
        self.canvas
            .rebuild(&self.document, tree, &self.focus, &self.members);
    }

    /// Selects a unit (or nothing) and unfolds the tree to it; `show` also
    /// brings it to the middle of the canvas.
    fn select(&mut self, id: Option<Id>, show: bool) {
        let changed = self.focus.select(id);
        if let Some(id) = id {
            if self.focus.reveal(self.graph.tree(), id) {
                self.relayout();
            }
            if show {
                self.canvas.center_on(id);
            }
        }
        if changed {
            self.inspector.show(&self.document, self.graph.tree(), id);
            self.coverage.refresh(&self.document, &self.graph, id);
            // An open sheet follows the selection to the unit picked.
            if let (Some(_), Some(unit)) = (&self.sheet, id) {
                self.sheet = Some(sheet::Sheet::of(&self.document, self.graph.tree(), unit));
            }
        }
    }

    /// The outline alone, beside another view of the document (统计).
    pub fn outline_panel(&self) -> Element<'_, Message> {
        self.outline
            .view(&self.document, self.graph.tree(), &self.focus)
            .map(Message::Outline)
    }

    /// The panels: outline, canvas over problems, property panel or home
    /// view; or, while open, the outline and the members sheet.
    pub fn view(&self, panels: &Panels) -> Element<'_, Message> {
        if let Some(open) = &self.sheet {
            return panels.two(
                self.outline_panel(),
                open.view(&self.document).map(Message::Sheet),
                Message::Panels,
            );
        }
        // One row: the buttons keep their words on one line, the hint is
        // cut where the row ends (放大/缩小 are in 视图, and the wheel zooms).
        let hint = text(
            "拖动空白处平移，滚轮缩放；把组织拖到另一组织上即移到其下；方框右下角 +/− 展开或折叠",
        )
        .size(12)
        .wrapping(text::Wrapping::None);
        let canvas_bar = row![
            button(text(coverage::SHOW).size(13).wrapping(text::Wrapping::None))
                .padding([3, 8])
                .on_press(Message::Coverage(coverage::Message::Toggle)),
            self.compare.button().map(Message::Compare),
            button(text(FIT).size(13).wrapping(text::Wrapping::None))
                .padding([3, 8])
                .on_press(Message::Canvas(canvas::Message::Fit)),
            container(hint).width(Length::Fill).clip(true),
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        let drawn = iced::widget::canvas(self.canvas.program(self.selected(), !self.read_only))
            .width(Length::Fill)
            .height(Length::Fill);
        let drawn: Element<'_, Message> = container(super::widget::clip::clip(
            Element::from(drawn).map(Message::Canvas),
        ))
        .id(CANVAS)
        .width(Length::Fill)
        .height(Length::Fill)
        .clip(true)
        .style(container::bordered_box)
        .into();
        let compare_bar = self
            .compare
            .bar(self.path.is_some())
            .map(|bar| container(bar.map(Message::Compare)).clip(true));
        let drawn: Element<'_, Message> = if self.coverage.shown() {
            container(self.coverage.view().map(Message::Coverage))
                .height(Length::FillPortion(3))
                .into()
        } else {
            column![container(canvas_bar).clip(true)]
                .push(compare_bar)
                .push(drawn)
                .spacing(6)
                .height(Length::FillPortion(3))
                .into()
        };
        // A version shown read-only: its findings are listed, none
        // acknowledged or fixed from here. The problems panel is as tall as
        // its rows and detail need; the canvas takes the rest.
        let problems = frozen(
            self.read_only,
            self.problems.view(&self.report).map(Message::Problem),
        );
        let graph = column![drawn, container(problems)].spacing(6);
        // With nothing selected the side shows the whole document's figures.
        let side = match self.selected() {
            None if !self.inspector.has_stray() && self.conflicts.is_empty() => {
                self.home.view().map(Message::Home)
            }
            None if !self.inspector.has_stray() => column![
                self.conflicts.view().map(Message::Conflicts),
                self.home.view().map(Message::Home)
            ]
            .spacing(10)
            .into(),
            selected => self
                .inspector
                .view(&self.document, selected)
                .map(Message::Inspector),
        };
        let side = frozen(self.read_only, side);
        // While comparing, the change list sits beside the canvas, over the
        // selected unit's panel (or the conflicts a merge left).
        let side = match (self.compare.list(), self.selected()) {
            (Some(list), None) if self.conflicts.is_empty() => list.map(Message::Compare),
            (Some(list), _) => column![
                container(list.map(Message::Compare)).height(Length::FillPortion(3)),
                container(side).height(Length::FillPortion(2)),
            ]
            .spacing(6)
            .into(),
            (None, _) => side,
        };
        panels.three(self.outline_panel(), graph.into(), side, Message::Panels)
    }
}
