//! A bar across the window saying that something waits on the user — a
//! version shown read-only, a received merge to settle: amber, the whole
//! width, under the toolbar.

use iced::widget::{container, Container};
use iced::{Color, Element, Length};

/// `content` as a banner.
pub fn banner<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Container<'a, M> {
    container(content)
        .padding(6)
        .width(Length::Fill)
        .style(|_| container::Style {
            background: Some(Color::from_rgb(1.0, 0.93, 0.7).into()),
            text_color: Some(Color::from_rgb(0.35, 0.25, 0.0)),
            ..container::Style::default()
        })
}
