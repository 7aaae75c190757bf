//! The households (联系户) a 党员中心户 looks after: a list with phones
//! masked, a form to add or edit one (each field read as typed, the reason
//! beside it), removal after a question, and a move to another 党员中心户 of
//! the same community in one step. [`co_builders`] is the same for the
//! co-building units (共建单位) of a street or community.

pub mod co_builders;

use super::form::{self, Form, Layout, Read};
use crate::edit::{fields, Command};
use crate::graph::Tree;
use crate::gui::widget::choice::Choice;
use crate::gui::widget::cut::cut;
use crate::model::{Document, Household, Id, Level};
use iced::widget::{button, column, container, pick_list, row, text, Column};
use iced::{Element, Length};

/// The button that opens the form on a new linked household.
pub const ADD: &str = "添加联系户";
/// The form's save button.
pub const SAVE: &str = "保存联系户";
/// The confirmation of a removal.
pub const CONFIRM_REMOVE: &str = "确认移除";
/// The move list's placeholder.
pub const MOVE: &str = "移到…";
/// The id of the frame around the list.
pub const LIST: &str = "links-list";
/// The width of a row's 户主 column.
const HEAD: f32 = 72.0;

/// The id of the frame around a household's row.
pub fn row_id(id: Id) -> iced::widget::Id {
    iced::widget::Id::from(format!("household-{}", id.0))
}

/// The household form's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 户主姓名
    Head,
    /// 住址
    Address,
    /// 人口
    People,
    /// 联系电话
    Phone,
}

impl Field {
    /// The field's widget id, for tests and focus.
    pub fn id(self) -> &'static str {
        match self {
            Field::Head => "household-head",
            Field::Address => "household-address",
            Field::People => "household-people",
            Field::Phone => "household-phone",
        }
    }
}

const FIELDS: [(Field, &str); 4] = [
    (Field::Head, "户主姓名"),
    (Field::Address, "住址"),
    (Field::People, "人口"),
    (Field::Phone, "联系电话"),
];

/// Another 党员中心户 a household may move to, as the list offers it.
pub type Target = Choice;

/// What the panel reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the form on a new household.
    Add,
    /// Open the form on a household.
    Edit(Id),
    /// A field changed.
    Typed(Field, String),
    /// Save the form.
    Save,
    /// Ask to remove a household.
    Remove(Id),
    /// Remove what was asked about.
    ConfirmRemove,
    /// Close the form or the question.
    Cancel,
    /// Let another 党员中心户 look after a household.
    Move(Id, Target),
}

/// A household as the list shows it.
#[derive(Debug, Clone)]
struct Row {
    id: Id,
    head: String,
    /// 住址, 人口 and the masked phone.
    details: String,
}

/// The open form: none for a new household.
#[derive(Debug, Clone)]
struct Editing {
    household: Option<Id>,
    title: String,
    form: Form<Field>,
}

/// A removal asked about, with its question worked out when asked.
#[derive(Debug, Clone)]
struct Removing {
    household: Id,
    question: String,
}

/// The panel's state: the selected 党员中心户's households and the others of
/// its community, found when it was shown.
#[derive(Debug, Clone, Default)]
pub struct Links {
    central: Option<Id>,
    rows: Vec<Row>,
    targets: Vec<Target>,
    editing: Option<Editing>,
    removing: Option<Removing>,
}

fn details(h: &Household) -> String {
    let mut parts = Vec::new();
    if let Some(address) = &h.address {
        parts.push(address.clone());
    }
    if let Some(n) = h.people {
        parts.push(format!("{n} 人"));
    }
    if let Some(phone) = &h.phone {
        parts.push(crate::mask::phone(phone));
    }
    parts.join(" · ")
}

/// The other 党员中心户 of `central`'s community, in tree order.
fn targets(document: &Document, tree: &Tree, central: Id) -> Vec<Target> {
    let community = tree.ancestors(central).find(|id| {
        document
            .units
            .get(id)
            .is_some_and(|u| u.level == Level::Community)
    });
    let Some(community) = community else {
        return Vec::new();
    };
    tree.subtree(community)
        .into_iter()
        .filter(|&id| id != central)
        .filter_map(|id| document.units.get(&id))
        .filter(|u| u.level == Level::Household)
        .map(|u| Target {
            id: u.id,
            label: format!("{}  {}", u.name, u.code),
        })
        .collect()
}

/// A household as the form reads it (its id and 中心户 left to the caller),
/// or each field's reason.
fn read(form: &Form<Field>) -> Read<Household, Field> {
    let mut errors = fields::Reasons::default();
    let head = errors.take(
        Field::Head,
        fields::required(form.text(Field::Head), "户主姓名").map(Some),
    );
    let people = errors.take(Field::People, fields::count(form.text(Field::People)));
    let phone = errors.take(Field::Phone, fields::phone(form.text(Field::Phone)));
    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    Ok(Household {
        id: Id(0),
        linked_by: Id(0),
        head: head.unwrap_or_default(),
        address: fields::optional(form.text(Field::Address)),
        people,
        phone,
    })
}

impl Links {
    /// The households of `unit` when it is a 党员中心户 (nothing otherwise).
    pub fn show(document: &Document, tree: &Tree, unit: Id) -> Links {
        let is_central = document
            .units
            .get(&unit)
            .is_some_and(|u| u.level == Level::Household);
        if !is_central {
            return Links::default();
        }
        // By id: the order they were linked in, a new one last.
        let rows = document
            .households
            .values()
            .filter(|h| h.linked_by == unit)
            .map(|h| Row {
                id: h.id,
                head: h.head.clone(),
                details: details(h),
            })
            .collect();
        Links {
            central: Some(unit),
            rows,
            targets: targets(document, tree, unit),
            editing: None,
            removing: None,
        }
    }

    /// Handles a message; saving, removing and moving give a command.
    pub fn update(&mut self, document: &Document, message: Message) -> Option<Command> {
        match message {
            Message::Add => {
                self.editing = Some(Editing {
                    household: None,
                    title: "新联系户".into(),
                    form: Form::new(FIELDS.iter().map(|&(f, _)| (f, String::new())).collect()),
                });
            }
            Message::Edit(id) => {
                let h = document.households.get(&id)?;
                let value = |field| match field {
                    Field::Head => h.head.clone(),
                    Field::Address => h.address.clone().unwrap_or_default(),
                    Field::People => h.people.map(|n| n.to_string()).unwrap_or_default(),
                    Field::Phone => h.phone.clone().unwrap_or_default(),
                };
                self.editing = Some(Editing {
                    household: Some(id),
                    title: format!("编辑联系户「{}」", h.head),
                    form: Form::new(FIELDS.iter().map(|&(f, _)| (f, value(f))).collect()),
                });
            }
            Message::Typed(field, value) => self.editing.as_mut()?.form.set(field, value),
            Message::Save => return self.save(document),
            Message::Remove(id) => {
                let h = document.households.get(&id)?;
                self.removing = Some(Removing {
                    household: id,
                    question: format!("移除联系户「{}」？", h.head),
                });
            }
            Message::ConfirmRemove => {
                return self
                    .removing
                    .take()
                    .map(|r| Command::UnlinkHousehold(r.household));
            }
            Message::Cancel => {
                self.editing = None;
                self.removing = None;
            }
            Message::Move(household, to) => {
                return Some(Command::MoveHousehold {
                    household,
                    to: to.id,
                });
            }
        }
        if let Some(editing) = &mut self.editing {
            editing.form.reasons = read(&editing.form).err().unwrap_or_default();
        }
        None
    }

    fn save(&mut self, document: &Document) -> Option<Command> {
        let editing = self.editing.as_ref()?;
        let typed = read(&editing.form).ok()?;
        let Some(id) = editing.household else {
            return Some(Command::LinkHousehold(Household {
                linked_by: self.central?,
                ..typed
            }));
        };
        let old = document.households.get(&id)?;
        let new = Household {
            id,
            linked_by: old.linked_by,
            ..typed
        };
        if new == *old {
            self.editing = None;
            return None;
        }
        Some(Command::UpdateHousehold(new))
    }

    /// Draws the list, the open form and the question.
    pub fn view(&self) -> Element<'_, Message> {
        if self.central.is_none() {
            return Column::new().into();
        }
        let mut list = Column::new().spacing(4).push(
            row![
                text(format!("联系户 {} 户", self.rows.len())).size(15),
                button(text(ADD).size(13)).on_press(Message::Add),
            ]
            .spacing(12)
            .align_y(iced::Alignment::Center),
        );
        // Above the list, as the members table does: in reach without scrolling.
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
        for h in &self.rows {
            let id = h.id;
            let small = |label: &'static str, message: Message| {
                button(text(label).size(12))
                    .on_press(message)
                    .padding([1, 6])
            };
            // Two lines, so a narrow panel cuts the address instead of
            // drawing it under the buttons: who and where with 编辑 and 移除,
            // then the move list under the details.
            list = list.push(
                container(
                    column![
                        row![
                            cut(h.head.as_str()).size(13).width(Length::Fixed(HEAD)),
                            cut(h.details.as_str()).size(12),
                            small("编辑", Message::Edit(id)),
                            small("移除", Message::Remove(id)).style(button::danger),
                        ]
                        .spacing(4)
                        .align_y(iced::Alignment::Center),
                        container(
                            pick_list(self.targets.as_slice(), None::<Target>, move |t| {
                                Message::Move(id, t)
                            })
                            .placeholder(MOVE)
                            .text_size(12)
                            .width(Length::Fill)
                        )
                        .padding(iced::Padding::ZERO.left(HEAD + 4.0)),
                    ]
                    .spacing(2),
                )
                .id(row_id(id)),
            );
            // The question under the row it is about, where the user looks.
            if let Some(removing) = self.removing.as_ref().filter(|r| r.household == id) {
                list = list.push(form::question(
                    &removing.question,
                    (CONFIRM_REMOVE, Message::ConfirmRemove),
                    Message::Cancel,
                ));
            }
        }
        container(list).id(LIST).into()
    }
}
