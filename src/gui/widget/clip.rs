//! A widget drawn strictly inside its own bounds. iced's canvas draws its
//! geometry without a layer of its own, and a container's `clip` only narrows
//! what its content is told is visible: text and boxes near the canvas' edge
//! were painted over the property panel beside it. Drawing inside a layer of
//! the widget's bounds cuts them off at the edge.

use super::wrap::{wrap, Content, Drawing, Kind};
use iced::advanced::renderer::Renderer as _;
use iced::Element;

/// `content`, drawn inside its bounds only.
pub fn clip<'a, Message: 'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    wrap(Clipped, content)
}

/// Drawn in a layer of its bounds; otherwise its content as it is.
struct Clipped;

impl Kind for Clipped {
    fn draw(&self, at: Drawing<'_>, content: &mut Content<'_>) {
        let Some(visible) = at.bounds.intersection(at.viewport) else {
            return;
        };
        at.renderer
            .with_layer(visible, |renderer| content(renderer, at.cursor, &visible));
    }
}
