//! A form's field as every form draws it: the label, the input, and under
//! the input that field's own reasons (see [`reasons`]); and the frame a
//! form's fields sit in, so Tab keeps to them (see `gui::tabbing`).

use super::reason::reasons;
use iced::widget::{column, container, row, space, text};
use iced::{Element, Length};

/// The width of a field's label; its reasons start where its input does.
pub const LABEL_WIDTH: f32 = 72.0;

/// The id every form's frame carries.
pub const FORM: &str = "form";

/// A field: `label`, `input` beside it, and under the input why the field
/// can't be read (`errors`) and what looks wrong in it (`warnings`).
pub fn field<'a, M: 'a>(
    label: &'a str,
    input: impl Into<Element<'a, M>>,
    errors: &[&str],
    warnings: &[&str],
) -> Element<'a, M> {
    column![
        row![
            text(label).size(13).width(Length::Fixed(LABEL_WIDTH)),
            input.into(),
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center),
        row![
            space().width(Length::Fixed(LABEL_WIDTH)),
            reasons(errors, warnings),
        ]
        .spacing(6),
    ]
    .spacing(2)
    .into()
}

/// A form's fields in their frame: Tab moves among these and wraps.
pub fn form<'a, M: 'a>(fields: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(fields).id(FORM).into()
}
