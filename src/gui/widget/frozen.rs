//! Content shown but not worked: a version from the history is read-only,
//! and every control of a panel wrapped here is visibly disabled at once —
//! drawn under a veil, with no hover, the pointer saying 不可用 — and no click,
//! key or menu reaches it. Only the wheel does, so a long panel still
//! scrolls. One wrapper around a panel, so that no button of it can be
//! missed (a button added later is frozen with the rest).

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Renderer as _};
use iced::advanced::widget::{self, Tree, Widget};
use iced::advanced::{mouse, overlay, Clipboard, Shell};
use iced::{Color, Element, Event, Length, Rectangle, Renderer, Size, Theme, Vector};

/// How much of the background the veil lays over frozen content.
const VEIL: f32 = 0.45;

/// `content`, frozen when `frozen`; as it is otherwise.
pub fn frozen<'a, Message: 'a>(
    frozen: bool,
    content: impl Into<Element<'a, Message>>,
) -> Element<'a, Message> {
    let content = content.into();
    if frozen {
        Element::new(Frozen { content })
    } else {
        content
    }
}

struct Frozen<'a, Message> {
    content: Element<'a, Message>,
}

impl<Message> Widget<Message, Theme, Renderer> for Frozen<'_, Message> {
    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        // Drawn as if the pointer were elsewhere: no control lights up.
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            mouse::Cursor::Unavailable,
            viewport,
        );
        let Some(visible) = layout.bounds().intersection(viewport) else {
            return;
        };
        let veil = Color {
            a: VEIL,
            ..theme.palette().background
        };
        // A layer of its own, so that the veil lies over the content's text.
        renderer.with_layer(visible, |renderer| {
            renderer.fill_quad(
                renderer::Quad {
                    bounds: visible,
                    ..renderer::Quad::default()
                },
                veil,
            );
        });
    }

    fn tag(&self) -> widget::tree::Tag {
        widget::tree::Tag::stateless()
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn widget::Operation,
    ) {
        // Scrolling to a control still works; the control stays frozen.
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        // The wheel scrolls; every other press, key or touch stops here.
        // The window's own events (a redraw) pass with the pointer away.
        let cursor = match event {
            Event::Mouse(mouse::Event::WheelScrolled { .. }) => cursor,
            Event::Mouse(_) | Event::Keyboard(_) | Event::Touch(_) | Event::InputMethod(_) => {
                return
            }
            _ => mouse::Cursor::Unavailable,
        };
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        _tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _viewport: &Rectangle,
        _renderer: &Renderer,
    ) -> mouse::Interaction {
        if cursor.is_over(layout.bounds()) {
            mouse::Interaction::NotAllowed
        } else {
            mouse::Interaction::None
        }
    }

    fn overlay<'b>(
        &'b mut self,
        _tree: &'b mut Tree,
        _layout: Layout<'b>,
        _renderer: &Renderer,
        _viewport: &Rectangle,
        _translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        // A pick list's options never open.
        None
    }
}
