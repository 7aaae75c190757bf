//! Content shown but not worked: a version from the history is read-only,
//! and every control of a panel wrapped here is visibly disabled at once —
//! drawn under a veil, with no hover, the pointer saying 不可用 — and no click,
//! key or menu reaches it, nor the cursor (Tab passes it by). Only the wheel
//! does, so a long panel still scrolls. One wrapper around a panel, so that
//! no control of it can be missed (one added later is frozen with the rest).

use super::wrap::{wrap, Content, Drawing, Kind, Operating};
use iced::advanced::renderer::{self, Renderer as _};
use iced::advanced::widget::operation::{Focusable, Scrollable, TextInput};
use iced::advanced::{mouse, widget};
use iced::{Color, Element, Event, Rectangle, Vector};

/// How much of the background the veil lays over frozen content.
const VEIL: f32 = 0.45;

/// `content`, frozen when `frozen`; as it is otherwise.
pub fn frozen<'a, Message: 'a>(
    frozen: bool,
    content: impl Into<Element<'a, Message>>,
) -> Element<'a, Message> {
    if frozen {
        wrap(Frozen, content)
    } else {
        content.into()
    }
}

struct Frozen;

impl Kind for Frozen {
    fn draw(&self, at: Drawing<'_>, content: &mut Content<'_>) {
        // Drawn as if the pointer were elsewhere: no control lights up.
        content(at.renderer, mouse::Cursor::Unavailable, at.viewport);
        let Some(visible) = at.bounds.intersection(at.viewport) else {
            return;
        };
        let veil = Color {
            a: VEIL,
            ..at.theme.palette().background
        };
        // A layer of its own, so that the veil lies over the content's text.
        at.renderer.with_layer(visible, |renderer| {
            renderer.fill_quad(
                renderer::Quad {
                    bounds: visible,
                    ..renderer::Quad::default()
                },
                veil,
            );
        });
    }

    fn hand_on(&self, event: &Event, cursor: mouse::Cursor) -> Option<mouse::Cursor> {
        // The wheel scrolls; every other press, key or touch stops here.
        // The window's own events (a redraw) pass with the pointer away.
        match event {
            Event::Mouse(mouse::Event::WheelScrolled { .. }) => Some(cursor),
            Event::Mouse(_) | Event::Keyboard(_) | Event::Touch(_) | Event::InputMethod(_) => None,
            _ => Some(mouse::Cursor::Unavailable),
        }
    }

    fn interaction(&self, over: bool, _asked: mouse::Interaction) -> mouse::Interaction {
        match over {
            true => mouse::Interaction::NotAllowed,
            false => mouse::Interaction::None,
        }
    }

    fn overlays(&self) -> bool {
        // A pick list's options never open.
        false
    }

    fn operate(&self, operation: &mut dyn widget::Operation, content: &mut Operating<'_>) {
        content(&mut Unfocusable(operation));
    }
}

/// An operation handed on to frozen content without its fields and buttons
/// to focus: scrolling to a control, or finding a text, still reach it.
struct Unfocusable<'a>(&'a mut dyn widget::Operation);

impl widget::Operation for Unfocusable<'_> {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn widget::Operation)) {
        self.0
            .traverse(&mut |operation| operate(&mut Unfocusable(operation)));
    }

    fn container(&mut self, id: Option<&widget::Id>, bounds: Rectangle) {
        self.0.container(id, bounds);
    }

    fn scrollable(
        &mut self,
        id: Option<&widget::Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        state: &mut dyn Scrollable,
    ) {
        self.0
            .scrollable(id, bounds, content_bounds, translation, state);
    }

    fn focusable(&mut self, _id: Option<&widget::Id>, _bounds: Rectangle, _: &mut dyn Focusable) {}

    fn text_input(&mut self, _id: Option<&widget::Id>, _bounds: Rectangle, _: &mut dyn TextInput) {}

    fn text(&mut self, id: Option<&widget::Id>, bounds: Rectangle, text: &str) {
        self.0.text(id, bounds, text);
    }

    fn custom(
        &mut self,
        id: Option<&widget::Id>,
        bounds: Rectangle,
        state: &mut dyn std::any::Any,
    ) {
        self.0.custom(id, bounds, state);
    }
}
