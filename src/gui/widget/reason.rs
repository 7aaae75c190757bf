//! Why something was refused and how to put it right: the red line under a
//! field, and the line saying how to fix the finding the user came from.

use iced::widget::{button, row, text};
use iced::{Color, Element, Length};

/// The red of a reason or a warning.
pub const RED: Color = Color::from_rgb(0.8, 0.1, 0.1);

/// The height of the line under a field that says why it can't be read.
pub const REASON_HEIGHT: f32 = 16.0;

/// The button that closes the line saying how to fix a finding.
const CLOSE_HINT: &str = "知道了";

/// The line under a field: the reason in red, or empty. It always takes its
/// height, so the fields below don't jump while the user types (a click aimed
/// at the next field landed in the wrong one when a reason appeared).
pub fn reason_line<'a, M: 'a>(why: String) -> Element<'a, M> {
    text(why)
        .size(12)
        .height(Length::Fixed(REASON_HEIGHT))
        .color(RED)
        .into()
}

/// How to fix the finding the user came from (修复：…), with the button that
/// closes the line (`close`).
pub fn fix_hint<'a, M: Clone + 'a>(hint: &str, close: M) -> Element<'a, M> {
    row![
        text(format!("修复：{hint}")).size(13).width(Length::Fill),
        button(text(CLOSE_HINT).size(12))
            .on_press(close)
            .style(button::secondary)
            .padding([1, 6]),
    ]
    .spacing(6)
    .align_y(iced::Alignment::Center)
    .into()
}
