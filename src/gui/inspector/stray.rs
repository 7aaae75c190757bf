//! A member whose unit is missing (a finding of `member-dangling`): no unit's
//! panel lists them, so the fix shows them alone, with a list of every unit
//! to put them in and the choice to remove the record.

use crate::edit::Command;
use crate::graph::Tree;
use crate::gui::widget::choice::{chooser, Choice};
use crate::model::{Document, Id};
use iced::widget::{button, column, container, text};
use iced::Element;

/// The button that puts the member in the chosen unit.
pub const ASSIGN: &str = "编入所选组织";
/// The id of the frame around the list of units.
pub const UNITS: &str = "stray-units";
/// The button that removes the member's record.
pub const REMOVE: &str = "移除该党员";

/// What the panel reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A unit was chosen.
    Target(Choice),
    /// Put the member in the chosen unit.
    Assign,
    /// Remove the member's record.
    Remove,
}

/// The member and the units they may be put in.
#[derive(Debug, Clone)]
pub struct Stray {
    member: Id,
    /// What the panel says of the member.
    about: String,
    targets: Vec<Choice>,
    chosen: Option<Choice>,
}

impl Stray {
    /// The panel for `member`; every unit in the tree's order is a target.
    pub fn new(document: &Document, tree: &Tree, member: Id) -> Option<Stray> {
        let m = document.members.get(&member)?;
        let targets = tree
            .in_order()
            .into_iter()
            .filter_map(|id| document.units.get(&id))
            .map(|u| Choice {
                id: u.id,
                label: format!("{}  {}", u.name, u.code),
            })
            .collect();
        Some(Stray {
            member,
            about: format!("党员{}登记的组织 {} 不存在", m.name, m.unit),
            targets,
            chosen: None,
        })
    }

    /// Handles a message; assigning and removing give a command.
    pub fn update(&mut self, message: Message) -> Option<Command> {
        match message {
            Message::Target(parent) => {
                self.chosen = Some(parent);
                None
            }
            Message::Assign => Some(Command::AssignMember {
                member: self.member,
                unit: self.chosen.as_ref()?.id,
            }),
            Message::Remove => Some(Command::DeleteMember(self.member)),
        }
    }

    /// Draws the member, the unit list and the removal.
    pub fn view(&self) -> Element<'_, Message> {
        column![
            text("所在组织不存在的党员").size(18),
            text(self.about.as_str()).size(14),
            container(chooser(
                &self.targets,
                self.chosen.clone(),
                Message::Target,
                "选择要编入的组织…",
                ASSIGN,
                Message::Assign,
            ))
            .id(UNITS),
            button(text(REMOVE).size(13))
                .on_press(Message::Remove)
                .style(button::danger),
        ]
        .spacing(10)
        .into()
    }
}
