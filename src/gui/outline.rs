//! The outline: the tree of units as indented text, with expand/collapse.

use crate::model::{Document, Id, Level};
use iced::widget::{button, row, text, Column};
use iced::{Element, Length};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The outline's state: which units are expanded, and the member count of
/// each unit's subtree.
pub struct Outline {
    expanded: HashSet<Id>,
    members: HashMap<Id, usize>,
}

/// What the outline reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// Expand or collapse a unit.
    Toggle(Id),
}

impl Outline {
    /// An outline with streets and communities expanded.
    pub fn new(document: &Document) -> Self {
        let expanded = document
            .units
            .values()
            .filter(|u| matches!(u.level, Level::Street | Level::Community))
            .map(|u| u.id)
            .collect();
        let mut members: HashMap<Id, usize> = HashMap::new();
        for m in document.members.values() {
            let mut at = Some(m.unit);
            let mut steps = 0;
            while let (Some(id), true) = (at, steps <= Level::ALL.len()) {
                *members.entry(id).or_default() += 1;
                at = document.units.get(&id).and_then(|u| u.parent);
                steps += 1;
            }
        }
        Outline { expanded, members }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) {
        match message {
            Message::Toggle(id) => {
                if !self.expanded.remove(&id) {
                    self.expanded.insert(id);
                }
            }
        }
    }

    /// Draws the visible rows.
    pub fn view<'a>(&'a self, document: &'a Document) -> Element<'a, Message> {
        let mut children: BTreeMap<Option<Id>, Vec<Id>> = BTreeMap::new();
        let mut units: Vec<_> = document.units.values().collect();
        units.sort_by(|a, b| a.code.cmp(&b.code));
        for u in units {
            children.entry(u.parent).or_default().push(u.id);
        }
        let mut rows: Vec<Element<'a, Message>> = Vec::new();
        let mut stack: Vec<(Id, usize)> = children
            .get(&None)
            .into_iter()
            .flatten()
            .rev()
            .map(|&id| (id, 0))
            .collect();
        while let Some((id, depth)) = stack.pop() {
            let unit = &document.units[&id];
            let kids = children.get(&Some(id));
            let open = self.expanded.contains(&id);
            let marker = match (kids.is_some(), open) {
                (false, _) => "  ·",
                (true, true) => "▾",
                (true, false) => "▸",
            };
            let label = format!(
                "{}  {}  [{}]  {}：{}  {} 名党员",
                unit.name,
                unit.code,
                unit.kind_label
                    .as_deref()
                    .or(unit.org_type.label())
                    .unwrap_or(unit.level.full_name()),
                unit.level.leader_title(),
                unit.leader.as_deref().unwrap_or("（空缺）"),
                self.members.get(&id).copied().unwrap_or(0)
            );
            rows.push(
                row![
                    text("").width(Length::Fixed(depth as f32 * 22.0)),
                    button(text(marker).size(14))
                        .on_press(Message::Toggle(id))
                        .padding([0, 6])
                        .style(button::text),
                    text(label).size(15),
                ]
                .spacing(4)
                .into(),
            );
            if open {
                stack.extend(kids.into_iter().flatten().rev().map(|&c| (c, depth + 1)));
            }
        }
        Column::with_children(rows).spacing(2).into()
    }
}
