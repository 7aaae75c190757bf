//! Choosing from a list: what a pick list offers, and the list with the
//! button that acts on the choice.

use crate::model::Id;
use iced::widget::{button, pick_list, row, text};
use iced::{Element, Length};

/// Something a pick list offers: what it stands for (a unit, mostly) and
/// how the list shows it ("名称  编码").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<K = Id> {
    /// What is chosen.
    pub id: K,
    /// The line the list shows.
    pub label: String,
}

impl<K> std::fmt::Display for Choice<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// A list to choose a unit from and a button that acts on the choice
/// (enabled once something is chosen).
pub fn chooser<'a, T, M>(
    options: &'a [T],
    chosen: Option<T>,
    on_choose: impl Fn(T) -> M + 'a,
    placeholder: &'a str,
    action: &'a str,
    act: M,
) -> Element<'a, M>
where
    T: std::fmt::Display + Clone + PartialEq + 'a,
    M: Clone + 'a,
{
    let ready = chosen.is_some();
    row![
        pick_list(options, chosen, on_choose)
            .placeholder(placeholder)
            .text_size(13)
            .width(Length::Fill),
        button(text(action).size(13)).on_press_maybe(ready.then_some(act)),
    ]
    .spacing(6)
    .into()
}
