//! The co-building units (共建单位) that join a street's 大工委 or a
//! community's 大党委: a list, a form to add or edit one, removal after a
//! question.

use crate::edit::{fields, Command};
use crate::gui::inspector::form::{self, Form, Layout, Read};
use crate::model::{CoBuilder, Document, Id, Level};
use iced::widget::{button, row, text, Column};
use iced::{Element, Length};

/// The button that opens the form on a new co-building unit.
pub const ADD: &str = "添加共建单位";
/// The form's save button.
pub const SAVE: &str = "保存共建单位";
/// The confirmation of a removal.
pub const CONFIRM_REMOVE: &str = "确认移除共建单位";

/// The form's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 单位名称
    Name,
    /// 类型: 机关, 企业, 社会组织 …
    Kind,
}

impl Field {
    /// The field's widget id, for tests and focus.
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "co-builder-name",
            Field::Kind => "co-builder-kind",
        }
    }
}

const FIELDS: [(Field, &str); 2] = [(Field::Name, "单位名称"), (Field::Kind, "类型")];

/// What the panel reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the form on a new unit.
    Add,
    /// Open the form on a unit.
    Edit(Id),
    /// A field changed.
    Typed(Field, String),
    /// Save the form.
    Save,
    /// Ask to remove a unit.
    Remove(Id),
    /// Remove what was asked about.
    ConfirmRemove,
    /// Close the form or the question.
    Cancel,
}

/// A co-building unit as the list shows it.
#[derive(Debug, Clone)]
struct Row {
    id: Id,
    name: String,
    kind: String,
}

/// The open form: none for a new unit.
#[derive(Debug, Clone)]
struct Editing {
    co_builder: Option<Id>,
    title: String,
    form: Form<Field>,
}

/// A removal asked about, with its question worked out when asked.
#[derive(Debug, Clone)]
struct Removing {
    co_builder: Id,
    question: String,
}

/// The panel's state: the units joining the selected street or community,
/// found when it was shown.
#[derive(Debug, Clone, Default)]
pub struct CoBuilders {
    joins: Option<Id>,
    /// 街道大工委 or 社区大党委.
    body: &'static str,
    rows: Vec<Row>,
    editing: Option<Editing>,
    removing: Option<Removing>,
}

/// The name and kind as the form reads them, or the name's reason.
fn read(form: &Form<Field>) -> Read<(String, Option<String>), Field> {
    let name = fields::required(form.text(Field::Name), "单位名称")
        .map_err(|why| vec![(Field::Name, why)])?;
    Ok((name, fields::optional(form.text(Field::Kind))))
}

impl CoBuilders {
    /// The units joining `unit` when it is a street or community (nothing
    /// otherwise: only those have a 大工委 or 大党委 to join).
    pub fn show(document: &Document, unit: Id) -> CoBuilders {
        let body = match document.units.get(&unit).map(|u| u.level) {
            Some(Level::Street) => "街道大工委",
            Some(Level::Community) => "社区大党委",
            _ => return CoBuilders::default(),
        };
        let mut rows: Vec<Row> = document
            .co_builders
            .values()
            .filter(|c| c.joins == unit)
            .map(|c| Row {
                id: c.id,
                name: c.name.clone(),
                kind: c.kind.clone().unwrap_or_default(),
            })
            .collect();
        rows.sort_by(|a, b| crate::order::natural(&a.name, &b.name));
        CoBuilders {
            joins: Some(unit),
            body,
            rows,
            editing: None,
            removing: None,
        }
    }

    /// Handles a message; saving and removing give a command.
    pub fn update(&mut self, document: &Document, message: Message) -> Option<Command> {
        match message {
            Message::Add => {
                self.editing = Some(Editing {
                    co_builder: None,
                    title: "新共建单位".into(),
                    form: Form::new(FIELDS.iter().map(|&(f, _)| (f, String::new())).collect()),
                });
            }
            Message::Edit(id) => {
                let c = document.co_builders.get(&id)?;
                let value = |field| match field {
                    Field::Name => c.name.clone(),
                    Field::Kind => c.kind.clone().unwrap_or_default(),
                };
                self.editing = Some(Editing {
                    co_builder: Some(id),
                    title: format!("编辑共建单位「{}」", c.name),
                    form: Form::new(FIELDS.iter().map(|&(f, _)| (f, value(f))).collect()),
                });
            }
            Message::Typed(field, value) => self.editing.as_mut()?.form.set(field, value),
            Message::Save => return self.save(document),
            Message::Remove(id) => {
                let c = document.co_builders.get(&id)?;
                self.removing = Some(Removing {
                    co_builder: id,
                    question: format!("移除共建单位「{}」？", c.name),
                });
            }
            Message::ConfirmRemove => {
                return self
                    .removing
                    .take()
                    .map(|r| Command::RemoveCoBuilder(r.co_builder));
            }
            Message::Cancel => {
                self.editing = None;
                self.removing = None;
            }
        }
        if let Some(editing) = &mut self.editing {
            editing.form.reasons = read(&editing.form).err().unwrap_or_default();
        }
        None
    }

    fn save(&mut self, document: &Document) -> Option<Command> {
        let editing = self.editing.as_ref()?;
        let (name, kind) = read(&editing.form).ok()?;
        let Some(id) = editing.co_builder else {
            return Some(Command::AddCoBuilder(CoBuilder {
                id: Id(0),
                name,
                kind,
                joins: self.joins?,
            }));
        };
        let old = document.co_builders.get(&id)?;
        let new = CoBuilder {
            name,
            kind,
            ..old.clone()
        };
        if new == *old {
            self.editing = None;
            return None;
        }
        Some(Command::UpdateCoBuilder(new))
    }

    /// Draws the list, the open form and the question.
    pub fn view(&self) -> Element<'_, Message> {
        if self.joins.is_none() {
            return Column::new().into();
        }
        let mut list = Column::new().spacing(4).push(
            row![
                text(format!("{}共建单位 {} 个", self.body, self.rows.len())).size(15),
                button(text(ADD).size(13)).on_press(Message::Add),
            ]
            .spacing(12)
            .align_y(iced::Alignment::Center),
        );
        if let Some(editing) = &self.editing {
            list = list.push(form::view(
                &editing.title,
                &editing.form,
                Layout {
                    labels: &FIELDS,
                    id: Field::id,
                    typed: Message::Typed,
                    save: (SAVE, Message::Save),
                    cancel: Message::Cancel,
                },
            ));
        }
        for c in &self.rows {
            let small = |label: &'static str, message: Message| {
                button(text(label).size(12))
                    .on_press(message)
                    .padding([1, 6])
            };
            list = list.push(
                row![
                    text(c.name.as_str()).size(13).width(Length::Fill),
                    text(c.kind.as_str()).size(12).width(Length::Fixed(90.0)),
                    small("编辑", Message::Edit(c.id)),
                    small("移除", Message::Remove(c.id)).style(button::danger),
                ]
                .spacing(4)
                .align_y(iced::Alignment::Center),
            );
            // The question under the row it is about, where the user looks.
            if let Some(removing) = self.removing.as_ref().filter(|r| r.co_builder == c.id) {
                list = list.push(form::question(
                    &removing.question,
                    (CONFIRM_REMOVE, Message::ConfirmRemove),
                    Message::Cancel,
                ));
            }
        }
        list.into()
    }
}
