//! The box below the problems list: a finding's whole message (and the note
//! it was acknowledged with), or the note asked for to acknowledge it.

use super::message::Message;
use super::names::{CANCEL, CONFIRM, NOTE};
use crate::check::Finding;
use iced::widget::{button, column, container, row, text, text_input, Column};
use iced::{Element, Length};

/// A box around the lines below the list.
fn boxed(content: Column<'_, Message>) -> Element<'_, Message> {
    container(content.spacing(2))
        .padding(6)
        .width(Length::Fill)
        .style(container::bordered_box)
        .into()
}

/// The first line of the box below the list: severity, code and name.
fn heading(f: &Finding) -> Element<'_, Message> {
    text(format!("{} {} {}", f.severity.label(), f.code, f.name))
        .size(12)
        .into()
}

/// The whole message of a finding, and the note it was acknowledged with.
pub(super) fn whole<'a>(f: &'a Finding, note: Option<&str>) -> Element<'a, Message> {
    let next = match note {
        Some(note) => format!("已确认：{note}"),
        None => "点击该行，转到修改之处".to_string(),
    };
    boxed(column![
        heading(f),
        text(f.message.as_str()).size(13),
        text(next).size(12)
    ])
}

/// The note asked for to acknowledge a finding, with its whole message.
pub(super) fn note<'a>(f: &'a Finding, note: &'a str) -> Element<'a, Message> {
    let written = !note.trim().is_empty();
    let field = text_input("确认说明，如：已安排换届", note)
        .id(NOTE)
        .on_input(Message::Note)
        .on_submit(Message::Confirm)
        .size(13)
        .padding(4);
    let buttons = row![
        field,
        button(text(CONFIRM).size(12)).on_press_maybe(written.then_some(Message::Confirm)),
        button(text(CANCEL).size(12))
            .on_press(Message::Cancel)
            .style(button::secondary),
    ]
    .spacing(6)
    .align_y(iced::Alignment::Center);
    boxed(column![
        heading(f),
        text(f.message.as_str()).size(13),
        buttons
    ])
}
