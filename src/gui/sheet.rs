//! The members sheet in the window: the rows of [`crate::sheet`] drawn a
//! screenful at a time, a cell or a block selected by pressing and dragging,
//! a selected cell edited in place (click it again; Enter or Tab commit), a
//! block copied out and pasted in as Excel and WPS put it on the clipboard.
//! Every cell is read by the template's rules; a paste or an edit is one
//! step of the history, and what was not applied is marked on its cell (the
//! reason on hover) and said under the sheet with its row.

use super::outline::Step;
use super::widget::rows;
use crate::edit::Command;
use crate::graph::Tree;
use crate::mask::Privacy;
use crate::model::{Document, Id, Member};
use crate::sheet::{paste, table::unit_code, tsv, Column, Refused, Table};
use iced::widget::scrollable::{Direction, Scrollbar, Viewport};
use iced::widget::{
    button, checkbox, column, container, mouse_area, row, scrollable, text, text_input, tooltip,
    Row,
};
use iced::{Border, Color, Element, Length, Task, Theme};

/// The largest clipboard text a paste reads: a whole city's members in
/// the template's columns take about 60 MB.
const PASTE_LIMIT: usize = 96 << 20;

/// The property panel's button that opens the sheet.
pub const OPEN: &str = "党员表格";
/// The button that closes it.
pub const CLOSE: &str = "返回结构图";
/// The button that copies the selected cells.
pub const COPY: &str = "复制所选";
/// The button that pastes the clipboard at the selected cell.
pub const PASTE: &str = "粘贴";
/// The box that shows personal numbers whole.
pub const UNMASK: &str = "表格中完整显示身份证号、出生日期和电话";
/// The id of the field a cell is edited in.
pub const EDITOR: &str = "sheet-cell-editor";
/// The id of the rows' scrollable.
pub const ROWS: &str = "sheet-rows";

/// Every row's height, so that the rows in view follow from the scrolling.
const ROW_HEIGHT: f32 = 24.0;
/// The row numbers' width.
const NUMBER_WIDTH: f32 = 48.0;
/// How many reasons the line under the sheet lists; the rest are counted.
const LISTED: usize = 6;
const RED: Color = Color::from_rgb(0.8, 0.1, 0.1);

/// A column's width, for what it holds.
fn width(column: Column) -> f32 {
    match column {
        Column::Gender => 44.0,
        Column::Ethnicity | Column::InService | Column::Mobile => 60.0,
        Column::Name | Column::Education | Column::Category => 84.0,
        Column::Birth | Column::Joined | Column::FullSince => 92.0,
        Column::IdNumber => 156.0,
        Column::Unit | Column::Positions | Column::Phone => 112.0,
        Column::Workplace => 150.0,
    }
}

/// What the sheet reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// Back to the structure.
    Close,
    /// Sort by a column (again: the other way round).
    Sort(Column),
    /// A column's filter text changed.
    Filter(Column, String),
    /// The mouse went down on a cell (row from the top of the sheet).
    Press(usize, Column),
    /// The mouse went down on a row's number: the whole row.
    PressRow(usize),
    /// The mouse moved over a cell (extends the selection while dragging).
    Over(usize, Column),
    /// The mouse came up.
    Release,
    /// The cell being edited was typed in.
    Typed(String),
    /// Enter: the edited cell is put in, and the cell below selected.
    Commit,
    /// Tab: the edited cell is put in, and the cell to its right selected.
    CommitAcross,
    /// Ctrl+C: the selected cells to the clipboard.
    Copy,
    /// Ctrl+V: the clipboard's text to the selected cell.
    Paste,
    /// Text to put at the selected cell, as read from the clipboard.
    Pasted(String),
    /// Personal numbers shown whole (true) or masked.
    Unmasked(bool),
    /// The rows were scrolled.
    Scrolled(Viewport),
    /// An arrow key: the selection one cell that way (not while typing).
    Step(Step),
}

/// What the sheet asks of the window.
pub enum Event {
    /// Apply this command through the history.
    Edit(Box<Command>),
    /// The sheet was closed.
    Closed,
}

/// A cell of the sheet: its row from the top, and its column.
type Cell = (usize, usize);

/// A cell open for typing.
#[derive(Debug, Clone)]
struct Editing {
    member: Id,
    column: Column,
    text: String,
}

/// The sheet's state.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    table: Table,
    /// Whether personal numbers show whole.
    unmasked: bool,
    /// Where the selection began, and where it reaches.
    anchor: Option<Cell>,
    extent: Option<Cell>,
    /// Whether the mouse is down, selecting.
    dragging: bool,
    /// Whether the press that began the selection was on the cell selected
    /// alone already (its release then opens the cell for typing).
    again: bool,
    editing: Option<Editing>,
    /// What the last paste or edit did not apply.
    refused: Vec<Refused>,
    /// What the last paste or edit said besides (cells put nowhere …).
    said: Option<String>,
    window: rows::Window,
}

impl Sheet {
    /// The sheet of the members in `unit` and below it.
    pub fn of(document: &Document, tree: &Tree, unit: Id) -> Sheet {
        Sheet {
            table: Table::of(document, tree, unit),
            ..Sheet::default()
        }
    }

    /// The unit the sheet is of.
    pub fn scope(&self) -> Option<Id> {
        self.table.scope()
    }

    /// The members shown, top down.
    pub fn rows(&self) -> &[Id] {
        self.table.rows()
    }

    /// What the last paste or edit did not apply, each with its row.
    pub fn refused(&self) -> &[Refused] {
        &self.refused
    }

    /// Whether a cell is open for typing.
    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    fn privacy(&self) -> Privacy {
        Privacy::unless(self.unmasked)
    }

    /// Reads the rows again after the document changed.
    pub fn refresh(&mut self, document: &Document, tree: &Tree) {
        let privacy = self.privacy();
        self.table.refresh(document, tree, privacy);
    }

    /// The selected block: first and last row, first and last column.
    fn block(&self) -> Option<(Cell, Cell)> {
        let (a, e) = (self.anchor?, self.extent?);
        Some(((a.0.min(e.0), a.1.min(e.1)), (a.0.max(e.0), a.1.max(e.1))))
    }

    fn selected(&self, cell: Cell) -> bool {
        self.block().is_some_and(|(from, to)| {
            (from.0..=to.0).contains(&cell.0) && (from.1..=to.1).contains(&cell.1)
        })
    }

    /// The selected cells as clipboard text, as shown (personal numbers
    /// masked unless shown whole).
    pub fn copied(&self, document: &Document) -> String {
        let Some((from, to)) = self.block() else {
            return String::new();
        };
        let rows: Vec<Vec<String>> = self
            .table
            .rows()
            .iter()
            .skip(from.0)
            .take(to.0 - from.0 + 1)
            .filter_map(|id| document.members.get(id))
            .map(|m| {
                (from.1..=to.1)
                    .filter_map(Column::at)
                    .map(|c| c.shown(m, self.privacy(), unit_code(document, m)))
                    .collect()
            })
            .collect();
        tsv::write(&rows)
    }

    /// Handles a message; an edit or a paste gives one command.
    pub fn update(
        &mut self,
        document: &Document,
        tree: &Tree,
        message: Message,
    ) -> (Task<Message>, Option<Event>) {
        let privacy = self.privacy();
        match message {
            Message::Close => return (Task::none(), Some(Event::Closed)),
            Message::Sort(column) => {
                self.table.sort(document, column, privacy);
                self.forget_selection();
            }
            Message::Filter(column, text) => {
                self.table.filter(document, column, &text, privacy);
                self.forget_selection();
            }
            Message::Press(row, column) => {
                // A press elsewhere puts in what was being typed first.
                let committed = self.commit(document, None);
                let cell = (row, column.index());
                self.again =
                    committed.is_none() && self.anchor == Some(cell) && self.extent == Some(cell);
                self.anchor = Some(cell);
                self.extent = Some(cell);
                self.dragging = true;
                if let Some(command) = committed {
                    return (Task::none(), Some(Event::Edit(Box::new(command))));
                }
            }
            Message::PressRow(row) => {
                let committed = self.commit(document, None);
                self.anchor = Some((row, 0));
                self.extent = Some((row, Column::ALL.len() - 1));
                self.again = false;
                if let Some(command) = committed {
                    return (Task::none(), Some(Event::Edit(Box::new(command))));
                }
            }
            Message::Over(row, column) if self.dragging => {
                self.extent = Some((row, column.index()));
            }
            Message::Over(..) => {}
            Message::Release => {
                self.dragging = false;
                if std::mem::take(&mut self.again) {
                    return (self.open(document), None);
                }
            }
            Message::Typed(typed) => {
                if let Some(editing) = &mut self.editing {
                    editing.text = typed;
                }
            }
            Message::Commit => {
                let command = self.commit(document, Some((1, 0)));
                return (Task::none(), command.map(Box::new).map(Event::Edit));
            }
            Message::CommitAcross => {
                let command = self.commit(document, Some((0, 1)));
                return (Task::none(), command.map(Box::new).map(Event::Edit));
            }
            Message::Copy => {
                let copied = self.copied(document);
                if !copied.is_empty() {
                    return (iced::clipboard::write(copied), None);
                }
            }
            Message::Paste => {
                let read = iced::clipboard::read().map(|t| Message::Pasted(t.unwrap_or_default()));
                return (read, None);
            }
            Message::Pasted(text) => {
                return (
                    Task::none(),
                    self.paste(document, &text).map(Box::new).map(Event::Edit),
                )
            }
            Message::Unmasked(on) => {
                self.unmasked = on;
                self.table.refresh(document, tree, self.privacy());
            }
            Message::Scrolled(viewport) => self.window.scrolled(viewport),
            Message::Step(step) => return (self.step(step), None),
        }
        (Task::none(), None)
    }

    /// Moves the selection one cell, and scrolls it into view.
    fn step(&mut self, step: Step) -> Task<Message> {
        let (Some((row, column)), None) = (self.extent, &self.editing) else {
            return Task::none();
        };
        let last = (self.table.rows().len().max(1) - 1, Column::ALL.len() - 1);
        let cell = match step {
            Step::Up => (row.saturating_sub(1), column),
            Step::Down => ((row + 1).min(last.0), column),
            Step::Left => (row, column.saturating_sub(1)),
            Step::Right => (row, (column + 1).min(last.1)),
        };
        self.anchor = Some(cell);
        self.extent = Some(cell);
        self.window
            .offset_showing(cell.0, ROW_HEIGHT)
            .map_or_else(Task::none, |y| {
                iced::widget::operation::scroll_to(
                    ROWS,
                    iced::widget::operation::AbsoluteOffset { x: 0.0, y },
                )
            })
    }

    fn forget_selection(&mut self) {
        self.anchor = None;
        self.extent = None;
        self.editing = None;
        self.window.reset();
    }

    /// Opens the selected cell for typing, starting from its whole value.
    fn open(&mut self, document: &Document) -> Task<Message> {
        let Some((row, column)) = self.anchor else {
            return Task::none();
        };
        let (Some(column), Some(member)) = (
            Column::at(column),
            self.table
                .rows()
                .get(row)
                .and_then(|id| document.members.get(id)),
        ) else {
            return Task::none();
        };
        if column.read_only() {
            self.said = Some(format!(
                "{}不能在表格中修改：调到其他组织请在党员表单中用「编入所选组织」",
                column.name()
            ));
            return Task::none();
        }
        self.editing = Some(Editing {
            member: member.id,
            column,
            text: column.shown(member, Privacy::Whole, unit_code(document, member)),
        });
        iced::widget::operation::focus(EDITOR)
    }

    /// Puts in the cell being typed in, then moves the selection by `step`
    /// (rows, columns) when given.
    fn commit(&mut self, document: &Document, step: Option<(usize, usize)>) -> Option<Command> {
        let editing = self.editing.take()?;
        let row = self
            .table
            .rows()
            .iter()
            .position(|id| *id == editing.member)?;
        let block = [vec![editing.text]];
        let pasted = paste(
            document,
            self.table.rows(),
            row,
            editing.column,
            &block,
            Privacy::Whole,
        );
        self.refused = pasted.refused.clone();
        self.said = None;
        if let Some((down, right)) = step {
            let last = (self.table.rows().len().max(1) - 1, Column::ALL.len() - 1);
            let cell = (
                (row + down).min(last.0),
                (editing.column.index() + right).min(last.1),
            );
            self.anchor = Some(cell);
            self.extent = Some(cell);
        }
        pasted.command()
    }

    /// Puts clipboard text at the selected block's first cell.
    fn paste(&mut self, document: &Document, text: &str) -> Option<Command> {
        let Some(((row, column), _)) = self.block() else {
            self.said = Some("先单击要粘贴到的单元格".into());
            return None;
        };
        if text.len() > PASTE_LIMIT {
            self.said = Some(format!(
                "剪贴板中的内容有 {} MB，超过 {} MB，未粘贴 (clipboard too large)",
                text.len() >> 20,
                PASTE_LIMIT >> 20
            ));
            return None;
        }
        let block = tsv::parse(text);
        let pasted = paste(
            document,
            self.table.rows(),
            row,
            Column::at(column)?,
            &block,
            self.privacy(),
        );
        // The pasted block stays selected, as in Excel.
        let (height, breadth) = (block.len(), block.iter().map(Vec::len).max().unwrap_or(0));
        if height > 0 && breadth > 0 {
            let last = (self.table.rows().len().max(1) - 1, Column::ALL.len() - 1);
            self.extent = Some((
                (row + height - 1).min(last.0),
                (column + breadth - 1).min(last.1),
            ));
        }
        self.refused = pasted.refused.clone();
        self.said = (pasted.outside > 0).then(|| {
            format!(
                "{} 个单元格超出表格的行或列，未粘贴（表格不新增党员）",
                pasted.outside
            )
        });
        self.editing = None;
        pasted.command()
    }

    /// Why a cell was not applied, if it was not.
    fn reason(&self, member: Id, column: Column) -> Option<&str> {
        self.refused
            .iter()
            .find(|r| r.member == member && r.column == column)
            .map(|r| r.why.as_str())
    }

    /// Draws the sheet: its bar, the headers with their filters, the rows in
    /// view, and what was not applied.
    pub fn view<'a>(&'a self, document: &'a Document) -> Element<'a, Message> {
        let name = self
            .scope()
            .and_then(|id| document.units.get(&id))
            .map_or("", |u| u.name.as_str());
        let count = if self.table.rows().len() == self.table.total() {
            format!("「{name}」及其下级的党员 {} 名", self.table.total())
        } else {
            format!(
                "「{name}」及其下级的党员 {} 名，筛选后 {} 名",
                self.table.total(),
                self.table.rows().len()
            )
        };
        let bar = row![
            text(count).size(15),
            button(text(COPY).size(13)).on_press_maybe(self.block().map(|_| Message::Copy)),
            button(text(PASTE).size(13)).on_press(Message::Paste),
            checkbox(self.unmasked)
                .label(UNMASK)
                .on_toggle(Message::Unmasked)
                .text_size(13),
            button(text(CLOSE).size(13)).on_press(Message::Close),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center)
        // A narrow window takes the bar on two lines rather than cut it.
        .wrap()
        .vertical_spacing(4);
        let mut headers = Row::new().push(text("").width(NUMBER_WIDTH));
        let mut filters = Row::new().push(text("筛选").size(12).width(NUMBER_WIDTH));
        for c in Column::ALL {
            let arrow = match self.table.sorted() {
                Some((s, false)) if s == c => " ▲",
                Some((s, true)) if s == c => " ▼",
                _ => "",
            };
            headers = headers.push(
                button(text(format!("{}{arrow}", c.name())).size(13))
                    .on_press(Message::Sort(c))
                    .padding([2, 4])
                    .width(width(c))
                    .style(button::secondary),
            );
            filters = filters.push(
                text_input("", self.table.filtered(c))
                    .on_input(move |t| Message::Filter(c, t))
                    .size(12)
                    .padding(2)
                    .width(width(c)),
            );
        }
        let body = self.window.view(
            ROWS,
            self.table.rows().len(),
            ROW_HEIGHT,
            |i| self.row_view(document, i),
            Message::Scrolled,
        );
        let total: f32 = NUMBER_WIDTH + Column::ALL.iter().map(|&c| width(c)).sum::<f32>();
        // A drag ends wherever over the sheet the mouse comes up.
        let grid =
            mouse_area(column![headers, filters, body].width(total)).on_release(Message::Release);
        let sheet = scrollable(grid)
            .direction(Direction::Horizontal(Scrollbar::default()))
            .height(Length::Fill);
        column![bar, container(sheet).style(container::bordered_box).height(Length::Fill)]
            .push(self.reasons())
            .push(
                text("单击选中，拖动选一块，再单击所选单元格即可修改（Enter 或 Tab 确认）；Ctrl+C 复制，Ctrl+V 粘贴 Excel 或 WPS 中复制的一块，一次粘贴一次撤销")
                    .size(12),
            )
            .spacing(6)
            .into()
    }

    /// The line under the sheet: what the last paste or edit did not apply.
    fn reasons(&self) -> Option<Element<'_, Message>> {
        if self.refused.is_empty() && self.said.is_none() {
            return None;
        }
        let mut lines = column![].spacing(2);
        if !self.refused.is_empty() {
            lines = lines.push(
                text(format!("{} 处未修改：", self.refused.len()))
                    .size(13)
                    .color(RED),
            );
        }
        for refused in self.refused.iter().take(LISTED) {
            lines = lines.push(text(refused.to_string()).size(13).color(RED));
        }
        if self.refused.len() > LISTED {
            lines = lines.push(
                text(format!("另有 {} 处", self.refused.len() - LISTED))
                    .size(13)
                    .color(RED),
            );
        }
        if let Some(said) = &self.said {
            lines = lines.push(text(said).size(13));
        }
        Some(lines.into())
    }

    /// Row `i` of the sheet.
    fn row_view<'a>(&'a self, document: &'a Document, i: usize) -> Element<'a, Message> {
        let Some(member) = self
            .table
            .rows()
            .get(i)
            .and_then(|id| document.members.get(id))
        else {
            return text("").height(ROW_HEIGHT).into();
        };
        let number = mouse_area(
            container(text(format!("{}", i + 1)).size(12))
                .width(NUMBER_WIDTH)
                .height(ROW_HEIGHT)
                .padding([3, 4])
                .style(|theme: &Theme| cell_style(theme, false, false)),
        )
        .on_press(Message::PressRow(i));
        let mut line = Row::new().push(number);
        for c in Column::ALL {
            line = line.push(self.cell_view(document, member, i, c));
        }
        line.height(ROW_HEIGHT).into()
    }

    fn cell_view<'a>(
        &'a self,
        document: &'a Document,
        member: &'a Member,
        i: usize,
        c: Column,
    ) -> Element<'a, Message> {
        if let Some(editing) = self
            .editing
            .as_ref()
            .filter(|e| e.member == member.id && e.column == c)
        {
            return text_input(c.name(), &editing.text)
                .id(EDITOR)
                .on_input(Message::Typed)
                .on_submit(Message::Commit)
                .size(13)
                .padding(2)
                .width(width(c))
                .into();
        }
        let shown = c.shown(member, self.privacy(), unit_code(document, member));
        let (selected, reason) = (self.selected((i, c.index())), self.reason(member.id, c));
        let cell = container(text(shown).size(13).wrapping(text::Wrapping::None))
            .width(width(c))
            .height(ROW_HEIGHT)
            .padding([3, 4])
            .clip(true)
            .style(move |theme: &Theme| cell_style(theme, selected, reason.is_some()));
        let cell = mouse_area(cell)
            .on_press(Message::Press(i, c))
            .on_enter(Message::Over(i, c));
        match reason {
            Some(why) => tooltip(
                cell,
                container(text(why).size(12))
                    .padding(6)
                    .max_width(360)
                    .style(container::rounded_box),
                tooltip::Position::Bottom,
            )
            .into(),
            None => cell.into(),
        }
    }
}

/// A cell's frame: selected cells tinted, cells not applied framed in red.
fn cell_style(theme: &Theme, selected: bool, marked: bool) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: selected.then(|| palette.primary.weak.color.scale_alpha(0.35).into()),
        border: Border {
            color: if marked {
                RED
            } else {
                palette.background.strong.color
            },
            width: if marked { 2.0 } else { 0.5 },
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}
