//! The conflicts a merge left in the document (`gridorg merge`, a git merge):
//! for each, the record, the field, and the base's, ours' and theirs' values
//! (ID numbers, birth dates and phones masked), with a button to take ours or theirs — for
//! a record one side removed, to keep it or delete it. Each choice is one
//! command, so one undo; the `merge-conflict` findings go as they are settled.

use crate::edit::Command;
use crate::field_name::conflict_field;
use crate::gui::widget::reason::fix_hint;
use crate::label::{code_and_name, ConflictValues};
use crate::mask::Privacy;
use crate::model::{Conflict, Document};
use iced::widget::{button, column, container, row, text, Column};
use iced::{Element, Length};

/// The button that keeps ours' value.
pub const OURS: &str = "取我方";
/// The button that takes theirs' value.
pub const THEIRS: &str = "取对方";
/// The id of the frame around the list.
pub const PANEL: &str = "conflicts-panel";

/// What the list reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// Settle this conflict: theirs (true) or ours. Named by the conflict
    /// itself, so that a press handled after the list changed settles the
    /// conflict pressed, or nothing once it is settled.
    Take(Box<Conflict>, bool),
    /// Close the line saying how to settle them.
    CloseHint,
}

/// A conflict as the list shows it.
#[derive(Debug, Clone)]
struct Row {
    conflict: Conflict,
    title: String,
    values: String,
    /// The labels of the two buttons: ours, theirs.
    takes: (String, String),
}

/// The conflicts of the document, read when it changed.
#[derive(Debug, Clone, Default)]
pub struct Conflicts {
    rows: Vec<Row>,
    hint: Option<String>,
}

impl Conflicts {
    /// Reads the document's conflicts again.
    pub fn refresh(&mut self, document: &Document) {
        self.rows = document
            .conflicts
            .iter()
            .map(|c| row_of(document, c))
            .collect();
        if self.rows.is_empty() {
            self.hint = None;
        }
    }

    /// Whether there is nothing to settle.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Says how to settle them, above the list (the user came from a finding).
    pub fn lead(&mut self, hint: String) {
        self.hint = Some(hint);
    }

    /// Handles a message; a choice is a command.
    pub fn update(&mut self, message: Message) -> Option<Command> {
        match message {
            Message::Take(conflict, theirs) => {
                let row = self.rows.iter().find(|r| r.conflict == *conflict)?;
                Some(Command::Settle {
                    conflict: row.conflict.clone(),
                    theirs,
                })
            }
            Message::CloseHint => {
                self.hint = None;
                None
            }
        }
    }

    /// Draws the list.
    pub fn view(&self) -> Element<'_, Message> {
        let mut list = Column::new()
            .spacing(6)
            .push(text(format!("合并冲突 {} 处：逐条选定一方的值", self.rows.len())).size(16));
        if let Some(hint) = &self.hint {
            list = list.push(fix_hint(hint, Message::CloseHint));
        }
        for r in &self.rows {
            let take = |theirs| Message::Take(Box::new(r.conflict.clone()), theirs);
            list = list.push(
                column![
                    text(r.title.as_str()).size(13),
                    text(r.values.as_str()).size(12),
                    row![
                        button(text(r.takes.0.as_str()).size(12))
                            .on_press(take(false))
                            .padding([1, 6]),
                        button(text(r.takes.1.as_str()).size(12))
                            .on_press(take(true))
                            .padding([1, 6]),
                    ]
                    .spacing(6),
                ]
                .spacing(2),
            );
        }
        container(list)
            .id(PANEL)
            .padding(6)
            .width(Length::Fill)
            .style(container::bordered_box)
            .into()
    }
}

fn row_of(document: &Document, c: &Conflict) -> Row {
    let (code, name) = code_and_name(document, c.id);
    let values = ConflictValues::of(c, Privacy::Masked);
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "（无）".into());
    if c.field == "removed" {
        let take = |side: &str, state: &Option<String>| match state.as_deref() {
            Some("removed") => format!("{side}：删除"),
            _ => format!("{side}：保留"),
        };
        return Row {
            conflict: c.clone(),
            title: format!("{}「{name}」{code}：一方删除、另一方修改", c.record.noun()),
            values: format!(
                "我方 {} · 对方 {}",
                shown(&values.ours),
                shown(&values.theirs)
            ),
            takes: (take(OURS, &c.ours), take(THEIRS, &c.theirs)),
        };
    }
    Row {
        conflict: c.clone(),
        title: format!(
            "{}「{name}」{code} 的 {}",
            c.record.noun(),
            conflict_field(document, c)
        ),
        values: format!(
            "原为 {} · 我方 {} · 对方 {}{}",
            shown(&values.base),
            shown(&values.ours),
            shown(&values.theirs),
            values.note()
        ),
        takes: (OURS.to_string(), THEIRS.to_string()),
    }
}
