//! Why something was refused and how to put it right: a field's reasons
//! (red where it can't be read, orange where it reads but looks wrong), and
//! the line saying how to fix the finding the user came from.

use iced::widget::text::{LineHeight, Wrapping};
use iced::widget::{button, row, space, text, Column};
use iced::{Color, Element, Length};

/// The red of a reason or a warning.
pub const RED: Color = Color::from_rgb(0.8, 0.1, 0.1);

/// The orange of what may be saved but should be checked.
pub const ORANGE: Color = Color::from_rgb(0.75, 0.45, 0.0);

/// The height of one line of reasons: the room kept under a field that has
/// none, so the fields below don't jump while the user types (a click aimed
/// at the next field landed in the wrong one when a reason appeared).
pub const REASON_HEIGHT: f32 = 16.0;

/// The button that closes the line saying how to fix a finding.
const CLOSE_HINT: &str = "知道了";

/// The reasons a form's list holds about `field`, in order.
pub fn about<F: PartialEq>(reasons: &[(F, String)], field: F) -> Vec<&str> {
    reasons
        .iter()
        .filter(|(f, _)| *f == field)
        .map(|(_, why)| why.as_str())
        .collect()
}

/// A field's reasons, one under the other: each error in red, then each
/// warning in orange after ⚠, both at once. Each wraps and takes the height
/// it needs, so nothing is drawn over the field below; with none, the one
/// line's room is kept.
pub fn reasons<'a, M: 'a>(errors: &[&str], warnings: &[&str]) -> Element<'a, M> {
    if errors.is_empty() && warnings.is_empty() {
        return space().height(Length::Fixed(REASON_HEIGHT)).into();
    }
    let line = |why: String, color: Color| {
        text(why)
            .size(12)
            .line_height(LineHeight::Absolute(REASON_HEIGHT.into()))
            .wrapping(Wrapping::WordOrGlyph)
            .width(Length::Fill)
            .color(color)
    };
    let red = errors.iter().map(|why| line(why.to_string(), RED).into());
    let orange = warnings
        .iter()
        .map(|why| line(format!("⚠ {why}"), ORANGE).into());
    Column::with_children(red.chain(orange))
        .width(Length::Fill)
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
