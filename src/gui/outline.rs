//! The outline: the tree of units as indented rows, with expand/collapse,
//! selection, and search by name, code or pinyin initials ("ybg" finds 迎宾馆);
//! a search lists the members whose names match after the units.

use super::focus::Focus;
use super::holds::{holds, link_counts};
use super::widget::rows;
use crate::graph::Tree;
use crate::model::{Document, Id};
use iced::widget::{button, column, row, text, text_input};
use iced::{Element, Length};
use pinyin::ToPinyin;
use std::collections::HashMap;

/// The id of the search box.
pub const SEARCH: &str = "outline-search";
/// The id of the outline's scrolling list.
pub const LIST: &str = "outline-list";

/// The height of a row: every row has it, so only the rows in view are built.
const ROW: f32 = 24.0;
/// The most members a search lists: a letter or two matches thousands in a city.
const MEMBER_HITS: usize = 200;

/// The outline's state: the rows to show and the search. The tree and the
/// fold state are the editor's, passed in.
pub struct Outline {
    members: HashMap<Id, usize>,
    /// The households each 党员中心户 among the rows links.
    links: rustc_hash::FxHashMap<Id, u32>,
    query: String,
    /// The rows as shown: a unit and its depth (0 for all while searching).
    rows: Vec<(Id, usize)>,
    /// While searching, the members found, after the units.
    hits: Vec<Id>,
    /// The members found beyond [`MEMBER_HITS`].
    more: usize,
    window: rows::Window,
}

/// What the outline reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// Expand or collapse a unit.
    Toggle(Id),
    /// A unit's row was clicked.
    Pick(Id),
    /// A member found by the search was clicked.
    PickMember(Id),
    /// The search text changed.
    Search(String),
    /// The list was scrolled.
    Scrolled(iced::widget::scrollable::Viewport),
    /// An arrow key moved in the rows.
    Step(Step),
}

/// A step through the rows by arrow key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// ↑: the row above.
    Up,
    /// ↓: the row below.
    Down,
    /// ←: fold the selected unit, or go to its parent.
    Left,
    /// →: unfold the selected unit, or go to its first child.
    Right,
}

/// What the outline tells the window.
pub enum Event {
    /// The user picked a unit.
    Selected(Id),
    /// The user folded or unfolded a unit.
    Toggled(Id),
}

/// Whether `unit` matches `query`: in its name or code, or in the first
/// letters of its name's pinyin.
pub fn matches(name: &str, code: &str, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return true;
    }
    if name.contains(&query) || code.to_lowercase().contains(&query) {
        return true;
    }
    let initials: String = name
        .to_pinyin()
        .zip(name.chars())
        .map(|(p, c)| {
            p.map_or(c.to_ascii_lowercase(), |p| {
                p.first_letter().chars().next().unwrap_or(c)
            })
        })
        .collect();
    initials.contains(&query)
}

/// The text of a member's row in a search: "党员 姓名 — 所在组织".
pub fn member_label(document: &Document, id: Id) -> String {
    document
        .members
        .get(&id)
        .map(|m| {
            let unit = document.units.get(&m.unit).map_or("", |u| u.name.as_str());
            format!("党员 {} — {unit}", m.name)
        })
        .unwrap_or_default()
}

/// The text of a unit's row in the outline: "名称  编码".
pub fn label(document: &Document, id: Id) -> String {
    document
        .units
        .get(&id)
        .map(|u| format!("{}  {}", u.name, u.code))
        .unwrap_or_default()
}

impl Outline {
    /// An outline of the tree as `focus` unfolds it; `members` counts each
    /// unit's subtree (see [`crate::stats::members_by_subtree`]).
    pub fn new(
        document: &Document,
        tree: &Tree,
        focus: &Focus,
        members: &rustc_hash::FxHashMap<Id, (u32, u32)>,
    ) -> Self {
        let mut outline = Outline {
            members: HashMap::new(),
            links: rustc_hash::FxHashMap::default(),
            query: String::new(),
            rows: Vec::new(),
            hits: Vec::new(),
            more: 0,
            window: rows::Window::default(),
        };
        outline.lay_out(document, tree, focus);
        outline.count(document, members.clone());
        outline
    }

    /// Takes new member counts (worked out apart from the tree), and counts
    /// again the households the rows' 党员中心户 link in `document`.
    pub fn count(&mut self, document: &Document, members: rustc_hash::FxHashMap<Id, (u32, u32)>) {
        self.members = members
            .into_iter()
            .map(|(id, (full, probationary))| (id, (full + probationary) as usize))
            .collect();
        self.links = link_counts(document, self.rows.iter().map(|&(id, _)| id));
    }

    /// Lists the rows to show: the open part of the tree, or the search's
    /// finds, and counts the households their 党员中心户 link. Called when
    /// the tree, the folds or the search change, never while drawing: a city
    /// has tens of thousands of units.
    pub fn lay_out(&mut self, document: &Document, tree: &Tree, focus: &Focus) {
        self.list(document, tree, focus);
        self.links = link_counts(document, self.rows.iter().map(|&(id, _)| id));
    }

    /// The rows and the search's member finds, as [`Outline::lay_out`] says.
    fn list(&mut self, document: &Document, tree: &Tree, focus: &Focus) {
        self.hits.clear();
        self.more = 0;
        if self.query.trim().is_empty() {
            self.rows = tree_rows(tree, focus);
            return;
        }
        let order = tree.in_order();
        self.rows = order
            .iter()
            .filter(|id| {
                document
                    .units
                    .get(id)
                    .is_some_and(|u| matches(&u.name, &u.code, &self.query))
            })
            .map(|&id| (id, 0))
            .collect();
        let rank: HashMap<Id, usize> = order.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        // Members in their units' tree order, so a unit's people come together.
        let mut found: Vec<(usize, &str, Id)> = document
            .members
            .values()
            .filter(|m| matches(&m.name, "", &self.query))
            .map(|m| {
                let at = rank.get(&m.unit).copied().unwrap_or(usize::MAX);
                (at, m.name.as_str(), m.id)
            })
            .collect();
        found.sort_unstable();
        self.more = found.len().saturating_sub(MEMBER_HITS);
        self.hits = found
            .into_iter()
            .take(MEMBER_HITS)
            .map(|(_, _, id)| id)
            .collect();
    }

    /// The members of a unit and the units below it.
    pub fn members(&self, id: Id) -> usize {
        self.members.get(&id).copied().unwrap_or(0)
    }

    /// Scrolls the list so that `id`'s row shows, if it does not already
    /// (after [`Outline::reveal`] opened the units above it).
    pub fn scroll_to<M: Send + 'static>(&self, id: Id) -> iced::Task<M> {
        let offset = self
            .rows
            .iter()
            .position(|&(row, _)| row == id)
            .and_then(|i| self.window.offset_showing(i, ROW));
        offset.map_or_else(iced::Task::none, |y| {
            iced::widget::operation::scroll_to(
                LIST,
                iced::widget::operation::AbsoluteOffset { x: 0.0, y },
            )
        })
    }

    /// Handles a message; a new search lists its finds at once.
    pub fn update(
        &mut self,
        document: &Document,
        tree: &Tree,
        focus: &Focus,
        message: Message,
    ) -> Option<Event> {
        match message {
            Message::Toggle(id) => return Some(Event::Toggled(id)),
            Message::Pick(id) => return Some(Event::Selected(id)),
            Message::PickMember(id) => {
                return document.members.get(&id).map(|m| Event::Selected(m.unit));
            }
            Message::Search(query) => {
                self.query = query;
                self.window.reset();
                self.lay_out(document, tree, focus);
            }
            Message::Scrolled(viewport) => self.window.scrolled(viewport),
            Message::Step(step) => return self.step(tree, focus, step),
        }
        None
    }

    /// Where an arrow key goes from the selected unit; from nothing, ↑ and ↓
    /// start at the first row.
    fn step(&self, tree: &Tree, focus: &Focus, step: Step) -> Option<Event> {
        let Some(id) = focus.selected() else {
            let first = self
                .rows
                .first()
                .filter(|_| matches!(step, Step::Up | Step::Down));
            return first.map(|&(id, _)| Event::Selected(id));
        };
        let at = self.rows.iter().position(|&(row, _)| row == id);
        match step {
            Step::Up => at
                .and_then(|i| i.checked_sub(1))
                .map(|i| Event::Selected(self.rows[i].0)),
            Step::Down => at
                .and_then(|i| self.rows.get(i + 1))
                .map(|&(next, _)| Event::Selected(next)),
            Step::Right if focus.is_expanded(id) => {
                tree.children(Some(id)).first().map(|&c| Event::Selected(c))
            }
            Step::Right => (!tree.children(Some(id)).is_empty()).then_some(Event::Toggled(id)),
            Step::Left if focus.is_expanded(id) && !tree.children(Some(id)).is_empty() => {
                Some(Event::Toggled(id))
            }
            Step::Left => tree.parent(id).map(Event::Selected),
        }
    }

    /// The search box over the rows: all units in tree order, or while
    /// searching, the matching units, then the matching members.
    pub fn view<'a>(
        &'a self,
        document: &'a Document,
        tree: &'a Tree,
        focus: &'a Focus,
    ) -> Element<'a, Message> {
        let search = text_input(
            "搜索组织、编码、党员姓名或拼音首字母（如 ybg）",
            &self.query,
        )
        .id(SEARCH)
        .on_input(Message::Search)
        .padding(6);
        let searching = !self.query.trim().is_empty();
        let list: Element<'a, Message> =
            if searching && self.rows.is_empty() && self.hits.is_empty() {
                text("没有找到匹配的组织或党员").size(14).into()
            } else {
                let units = self.rows.len();
                let total = units + self.hits.len() + usize::from(self.more > 0);
                self.window.view(
                    LIST,
                    total,
                    ROW,
                    |i| {
                        if let Some(&(id, depth)) = self.rows.get(i) {
                            self.row(document, tree, focus, id, depth, searching)
                        } else if let Some(&id) = self.hits.get(i - units) {
                            member_row(document, id)
                        } else {
                            text(format!(
                                "还有 {} 名党员未列出，请输入更多以缩小范围",
                                self.more
                            ))
                            .size(12)
                            .height(Length::Fixed(ROW))
                            .into()
                        }
                    },
                    Message::Scrolled,
                )
            };
        column![search, list].spacing(8).into()
    }

    /// A unit's row: its fold marker (in the tree), its name and code to
    /// click, and what it holds (its members, a 中心户's households).
    fn row<'a>(
        &self,
        document: &Document,
        tree: &Tree,
        focus: &Focus,
        id: Id,
        depth: usize,
        searching: bool,
    ) -> Element<'a, Message> {
        let style = if focus.selected() == Some(id) {
            button::primary
        } else {
            button::text
        };
        let mut line = row![].spacing(2).align_y(iced::Alignment::Center);
        if !searching {
            let marker = match (tree.has_children(id), focus.is_expanded(id)) {
                (false, _) => " ",
                (true, true) => "▾",
                (true, false) => "▸",
            };
            line = line
                .push(text("").width(Length::Fixed(depth as f32 * 18.0)))
                .push(
                    button(text(marker).size(14))
                        .on_press(Message::Toggle(id))
                        .padding([0, 4])
                        .style(button::text),
                );
        }
        line.push(
            button(
                text(label(document, id))
                    .size(14)
                    .wrapping(text::Wrapping::None),
            )
            .on_press(Message::Pick(id))
            .padding([1, 4])
            .style(style),
        )
        .push(
            text(
                document
                    .units
                    .get(&id)
                    .map(|unit| holds(unit, self.members(id), &self.links))
                    .unwrap_or_default(),
            )
            .size(12)
            .wrapping(text::Wrapping::None),
        )
        .height(Length::Fixed(ROW))
        .clip(true)
        .into()
    }
}

/// A found member's row: clicking it selects the member's unit.
fn member_row<'a>(document: &Document, id: Id) -> Element<'a, Message> {
    button(
        text(member_label(document, id))
            .size(14)
            .wrapping(text::Wrapping::None),
    )
    .on_press(Message::PickMember(id))
    .padding([1, 4])
    .style(button::text)
    .height(Length::Fixed(ROW))
    .into()
}

/// The open part of the tree, in order, with each unit's depth.
fn tree_rows(tree: &Tree, focus: &Focus) -> Vec<(Id, usize)> {
    let mut rows = Vec::new();
    let mut stack: Vec<(Id, usize)> = tree.tops().iter().rev().map(|&id| (id, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        rows.push((id, depth));
        let shown = focus.shown_children(tree, id);
        stack.extend(shown.iter().rev().map(|&c| (c, depth + 1)));
    }
    rows
}

#[cfg(test)]
mod tests {
    #[test]
    fn search_finds_names_codes_and_pinyin_initials() {
        assert!(super::matches("迎宾馆社区党总支", "XY01", "ybg"));
        assert!(super::matches("迎宾馆社区党总支", "XY01", "xy01"));
        assert!(super::matches("迎宾馆社区党总支", "XY01", "宾馆"));
        assert!(!super::matches("北大社区党支部", "XY02", "ybg"));
    }
}
