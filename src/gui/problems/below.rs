//! The detail area below the problems list: a finding's whole message (and
//! the note it was acknowledged with), the note asked for to acknowledge it,
//! or, with neither, how to use the list. The panel gives the area one
//! height whatever it shows; each box here fits it.

use super::message::Message;
use super::names::{CANCEL, CONFIRM, NOTE};
use crate::check::Finding;
use iced::widget::{button, column, container, row, text, text_input, Column};
use iced::{Element, Length};

/// A box around the lines of the detail area.
fn boxed(content: Column<'_, Message>) -> Element<'_, Message> {
    container(content.spacing(2))
        .padding([3, 6])
        .width(Length::Fill)
        .height(Length::Fill)
        .style(container::bordered_box)
        .into()
}

/// The first words of a finding's box: severity, code and name.
fn heading(f: &Finding) -> iced::widget::Text<'_> {
    text(format!("{} {} {}", f.severity.label(), f.code, f.name))
        .size(12)
        .wrapping(text::Wrapping::None)
}

/// A line of the box's smaller, quieter words.
fn aside<'a>(words: impl text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(words)
        .size(12)
        .wrapping(text::Wrapping::None)
        .style(text::secondary)
}

/// The whole message of a finding, below a line with its heading and the
/// note it was acknowledged with (or what a click on its row does).
pub(super) fn whole<'a>(f: &'a Finding, note: Option<&str>) -> Element<'a, Message> {
    let next = match note {
        Some(note) => format!("已确认：{note}"),
        None => "点击该行或按 Enter，转到修改之处".to_string(),
    };
    boxed(column![
        row![heading(f), aside(next)].spacing(12),
        text(f.message.as_str()).size(13),
    ])
}

/// The note asked for to acknowledge a finding, below its heading and
/// message (cut to one line: the field must show).
pub(super) fn note<'a>(f: &'a Finding, note: &'a str) -> Element<'a, Message> {
    let written = !note.trim().is_empty();
    let field = text_input("确认说明，如：已安排换届", note)
        .id(NOTE)
        .on_input(Message::Note)
        .on_submit(Message::Confirm)
        .size(13)
        .padding(3);
    let buttons = row![
        field,
        button(text(CONFIRM).size(12))
            .padding([3, 8])
            .on_press_maybe(written.then_some(Message::Confirm)),
        button(text(CANCEL).size(12))
            .padding([3, 8])
            .on_press(Message::Cancel)
            .style(button::secondary),
    ]
    .spacing(6)
    .align_y(iced::Alignment::Center);
    let message = text(f.message.as_str())
        .size(13)
        .wrapping(text::Wrapping::None);
    boxed(column![
        row![heading(f), container(message).clip(true)].spacing(12),
        buttons
    ])
}

/// What the area says while no finding is pointed at or highlighted.
pub(super) fn hint<'a>(keyboard: bool) -> Element<'a, Message> {
    let keys = if keyboard {
        "↑ ↓ 选行，Enter 转到修改之处，Esc 离开列表"
    } else {
        "点击一行即转到修改之处，之后可用 ↑ ↓ 选行、Enter 转到"
    };
    boxed(column![aside("指向一行，这里显示它的全文"), aside(keys)])
}
