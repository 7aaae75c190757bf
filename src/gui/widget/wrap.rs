//! A widget around one other that hands it everything — size, layout,
//! drawing, events, operations, overlays — except what its [`Kind`] changes:
//! the one copy of that handing-on, for [`super::clip`] and
//! [`super::frozen`].

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer;
use iced::advanced::widget::{self, Tree, Widget};
use iced::advanced::{mouse, overlay, Clipboard, Shell};
use iced::{Element, Event, Length, Rectangle, Renderer, Size, Theme, Vector};

/// Where the wrapper is drawn: as iced hands it to a widget's `draw`.
pub struct Drawing<'a> {
    /// What draws.
    pub renderer: &'a mut Renderer,
    /// The window's theme.
    pub theme: &'a Theme,
    /// The wrapper's bounds.
    pub bounds: Rectangle,
    /// What of the window is seen.
    pub viewport: &'a Rectangle,
    /// The pointer.
    pub cursor: mouse::Cursor,
}

/// Draws the content with the renderer, cursor and viewport given.
pub type Content<'a> = dyn FnMut(&mut Renderer, mouse::Cursor, &Rectangle) + 'a;

/// Runs an operation on the content.
pub type Operating<'a> = dyn FnMut(&mut dyn widget::Operation) + 'a;

/// What a wrapper changes of its content; what it leaves alone is handed on
/// as it is.
pub trait Kind {
    /// Draws the content (`content` draws it) at `at`.
    fn draw(&self, at: Drawing<'_>, content: &mut Content<'_>);

    /// The cursor to hand `event` on with, or `None` to keep it from the
    /// content.
    fn hand_on(&self, _event: &Event, cursor: mouse::Cursor) -> Option<mouse::Cursor> {
        Some(cursor)
    }

    /// The pointer's look, the content asking for `asked`; `over`, whether
    /// the pointer is over the wrapper.
    fn interaction(&self, _over: bool, asked: mouse::Interaction) -> mouse::Interaction {
        asked
    }

    /// Whether the content's overlays (a pick list's options) open.
    fn overlays(&self) -> bool {
        true
    }

    /// Hands `operation` to the content, which `content` runs it on.
    fn operate(&self, operation: &mut dyn widget::Operation, content: &mut Operating<'_>) {
        content(operation);
    }
}

/// `content` wrapped by a wrapper of `kind`.
pub fn wrap<'a, Message: 'a, K: Kind + 'a>(
    kind: K,
    content: impl Into<Element<'a, Message>>,
) -> Element<'a, Message> {
    Element::new(Wrapped {
        kind,
        content: content.into(),
    })
}

struct Wrapped<'a, Message, K> {
    kind: K,
    content: Element<'a, Message>,
}

impl<Message, K: Kind> Widget<Message, Theme, Renderer> for Wrapped<'_, Message, K> {
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
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        let content = self.content.as_widget();
        let at = Drawing {
            renderer,
            theme,
            bounds: layout.bounds(),
            viewport,
            cursor,
        };
        self.kind.draw(at, &mut |renderer, cursor, viewport| {
            let state = &tree.children[0];
            content.draw(state, renderer, theme, style, layout, cursor, viewport);
        });
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
        let content = self.content.as_widget_mut();
        self.kind.operate(operation, &mut |operation| {
            content.operate(&mut tree.children[0], layout, renderer, operation);
        });
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
        let Some(cursor) = self.kind.hand_on(event, cursor) else {
            return;
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
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        let content = self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        );
        self.kind
            .interaction(cursor.is_over(layout.bounds()), content)
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        let content = self.content.as_widget_mut();
        let state = &mut tree.children[0];
        match self.kind.overlays() {
            true => content.overlay(state, layout, renderer, viewport, translation),
            false => None,
        }
    }
}
