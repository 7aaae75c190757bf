//! The property panel: the selected unit's fields, edited in place and applied
//! as one command (so one undo), with the reason beside the fields when the
//! edit is refused; its members below.

use crate::edit::Command;
use crate::model::{Document, Id, Unit};
use iced::widget::{button, column, row, scrollable, text, text_input, Column};
use iced::{Color, Element, Length};

/// Ids of the editable fields, for tests and focus.
pub const NAME: &str = "inspector-name";
/// The code field's id.
pub const CODE: &str = "inspector-code";
/// The apply button's label.
pub const APPLY: &str = "应用修改";

/// The panel's state: the fields as typed, for the unit they were read from.
#[derive(Default)]
pub struct Inspector {
    unit: Option<Id>,
    name: String,
    code: String,
    leader: String,
    phone: String,
    refusal: Option<String>,
}

/// What the panel reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// The name field changed.
    Name(String),
    /// The code field changed.
    Code(String),
    /// The leader field changed.
    Leader(String),
    /// The leader's phone field changed.
    Phone(String),
    /// Apply the fields.
    Apply,
}

/// What the panel asks of the window.
pub enum Event {
    /// Apply this command through the history.
    Edit(Command),
}

impl Inspector {
    /// Shows `unit`'s fields (or nothing).
    pub fn show(&mut self, document: &Document, unit: Option<Id>) {
        let found = unit.and_then(|id| document.units.get(&id));
        *self = match found {
            Some(u) => Inspector {
                unit: Some(u.id),
                name: u.name.clone(),
                code: u.code.clone(),
                leader: u.leader.clone().unwrap_or_default(),
                phone: u.leader_phone.clone().unwrap_or_default(),
                refusal: None,
            },
            None => Inspector::default(),
        };
    }

    /// Shows why an edit was refused.
    pub fn refuse(&mut self, reason: String) {
        self.refusal = Some(reason);
    }

    /// Handles a message.
    pub fn update(&mut self, document: &Document, message: Message) -> Option<Event> {
        match message {
            Message::Name(v) => self.name = v,
            Message::Code(v) => self.code = v,
            Message::Leader(v) => self.leader = v,
            Message::Phone(v) => self.phone = v,
            Message::Apply => {
                let unit = document.units.get(&self.unit?)?;
                let optional = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
                let edited = Unit {
                    name: self.name.trim().to_string(),
                    code: self.code.trim().to_string(),
                    leader: optional(&self.leader),
                    leader_phone: optional(&self.phone),
                    ..unit.clone()
                };
                return (edited != *unit).then_some(Event::Edit(Command::UpdateUnit(edited)));
            }
        }
        self.refusal = None;
        None
    }

    /// Draws the panel.
    pub fn view<'a>(&'a self, document: &'a Document) -> Element<'a, Message> {
        let Some(unit) = self.unit.and_then(|id| document.units.get(&id)) else {
            return text("在左侧大纲或问题列表中选择一个组织").size(14).into();
        };
        let field = |label: &'a str, value: &'a str, on: fn(String) -> Message| {
            row![
                text(label).size(14).width(Length::Fixed(72.0)),
                text_input(label, value).on_input(on).padding(5),
            ]
            .spacing(6)
        };
        let title = unit.level.leader_title();
        let mut panel = column![
            text(format!("{}（{}）", unit.name, unit.level.full_name())).size(18),
            row![
                text("名称").size(14).width(Length::Fixed(72.0)),
                text_input("名称", &self.name)
                    .id(NAME)
                    .on_input(Message::Name)
                    .padding(5),
            ]
            .spacing(6),
            row![
                text("编码").size(14).width(Length::Fixed(72.0)),
                text_input("编码", &self.code)
                    .id(CODE)
                    .on_input(Message::Code)
                    .padding(5),
            ]
            .spacing(6),
            field(title, &self.leader, Message::Leader),
            field("电话", &self.phone, Message::Phone),
            button(text(APPLY).size(14)).on_press(Message::Apply),
        ]
        .spacing(8);
        if let Some(reason) = &self.refusal {
            panel = panel.push(text(reason).size(13).color(Color::from_rgb(0.8, 0.1, 0.1)));
        }
        let members: Vec<Element<'a, Message>> = document
            .members
            .values()
            .filter(|m| m.unit == unit.id)
            .map(|m| {
                text(format!(
                    "{}　{}　{}　{}",
                    m.name,
                    m.category.label(),
                    m.positions.join("、"),
                    m.phone
                        .as_deref()
                        .map(crate::pdf::mask::phone)
                        .unwrap_or_default()
                ))
                .size(13)
                .into()
            })
            .collect();
        panel = panel.push(text(format!("本组织直属党员 {} 名", members.len())).size(15));
        column![
            panel,
            scrollable(Column::with_children(members).spacing(2)).height(Length::Fill)
        ]
        .spacing(8)
        .into()
    }
}
