//! A small form for the property panel's records (grids, buildings, linked
//! households, co-building units): the fields as typed, why any can't be read
//! (read again after each change, not per frame), each field drawn as every
//! form's are (its reasons under it), Enter in any field saving, and save
//! and cancel.

use crate::gui::widget::field::{field, form as frame};
use crate::gui::widget::reason::about;
use iced::widget::{button, column, row, text, text_input, Column};
use iced::Element;

/// A form's texts as typed and why any can't be read.
#[derive(Debug, Clone)]
pub(crate) struct Form<F> {
    texts: Vec<(F, String)>,
    pub(crate) reasons: Vec<(F, String)>,
}

impl<F: Copy + PartialEq> Form<F> {
    /// A form holding `texts`, read by the caller before it is shown.
    pub(crate) fn new(texts: Vec<(F, String)>) -> Self {
        Form {
            texts,
            reasons: Vec::new(),
        }
    }

    pub(crate) fn text(&self, field: F) -> &str {
        self.texts
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, t)| t.as_str())
    }

    pub(crate) fn set(&mut self, field: F, value: String) {
        if let Some((_, text)) = self.texts.iter_mut().find(|(f, _)| *f == field) {
            *text = value;
        }
    }
}

/// What a form reads: the value, or each field's reason.
pub(crate) type Read<T, F> = Result<T, Vec<(F, String)>>;

/// What draws a form: its labels, each field's widget id and message, and
/// the save and cancel messages.
pub(crate) struct Layout<F: 'static, M> {
    pub(crate) labels: &'static [(F, &'static str)],
    pub(crate) id: fn(F) -> &'static str,
    pub(crate) typed: fn(F, String) -> M,
    pub(crate) save: (&'static str, M),
    pub(crate) cancel: M,
}

/// The form's fields, each with its reasons under it; save is enabled only
/// while every field reads.
pub(crate) fn view<'a, F: Copy + PartialEq + 'static, M: Clone + 'a>(
    title: &'a str,
    form: &'a Form<F>,
    layout: Layout<F, M>,
) -> Element<'a, M> {
    let typed = layout.typed;
    let (label, save) = layout.save;
    let mut list = Column::new().spacing(4).push(text(title).size(14));
    for &(f, label) in layout.labels {
        let input = text_input(label, form.text(f))
            .id((layout.id)(f))
            .on_input(move |v| typed(f, v))
            .on_submit(save.clone())
            .padding(4)
            .size(13);
        list = list.push(field(label, input, &about(&form.reasons, f), &[]));
    }
    list = list.push(
        row![
            button(text(label).size(13)).on_press_maybe(form.reasons.is_empty().then_some(save)),
            button(text("取消").size(13)).on_press(layout.cancel),
        ]
        .spacing(8),
    );
    frame(column![list].padding(6))
}

/// A question before removing something, with its confirm and cancel buttons.
pub(crate) fn question<'a, M: Clone + 'a>(
    question: &'a str,
    confirm: (&'static str, M),
    cancel: M,
) -> Element<'a, M> {
    let (label, confirm) = confirm;
    row![
        text(question).size(13),
        button(text(label).size(12))
            .on_press(confirm)
            .style(button::danger),
        button(text("取消").size(12)).on_press(cancel),
    ]
    .spacing(6)
    .align_y(iced::Alignment::Center)
    .into()
}
