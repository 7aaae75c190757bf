//! The line between two panels, dragged sideways to move it. It is drawn as
//! a thin rule in the middle of a wider strip, so the pointer finds it
//! easily; over the strip the pointer becomes the resizing arrows. While it
//! is held, every move of the pointer (anywhere in the window) reports where
//! the pointer is, and letting go reports that the drag ended.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Renderer as _};
use iced::advanced::widget::{tree, Tree, Widget};
use iced::advanced::{mouse, Clipboard, Shell};
use iced::{Border, Element, Event, Length, Rectangle, Renderer, Size, Theme};

/// The strip's width: the room between two panels.
pub const WIDTH: f32 = 21.0;

/// A divider that sends `moved(x)` (the pointer's x in the window) while it
/// is dragged and `dropped` when it is let go.
pub fn divider<'a, Message: Clone + 'a>(
    moved: impl Fn(f32) -> Message + 'a,
    dropped: Message,
) -> Element<'a, Message> {
    Element::new(Divider {
        moved: Box::new(moved),
        dropped,
    })
}

struct Divider<'a, Message> {
    moved: Box<dyn Fn(f32) -> Message + 'a>,
    dropped: Message,
}

/// Whether the divider is held, and whether the pointer is over it.
#[derive(Default)]
struct State {
    held: bool,
    hovered: bool,
}

impl<Message: Clone> Widget<Message, Theme, Renderer> for Divider<'_, Message> {
    fn size(&self) -> Size<Length> {
        Size::new(Length::Fixed(WIDTH), Length::Fill)
    }

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn layout(
        &mut self,
        _tree: &mut Tree,
        _renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        layout::Node::new(limits.resolve(Length::Fixed(WIDTH), Length::Fill, Size::ZERO))
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        _style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_ref::<State>();
        let bounds = layout.bounds();
        let palette = theme.extended_palette();
        let (width, color) = if state.held || state.hovered {
            (3.0, palette.primary.base.color)
        } else {
            (1.0, palette.background.strong.color)
        };
        renderer.fill_quad(
            renderer::Quad {
                bounds: Rectangle {
                    x: (bounds.center_x() - width / 2.0).round(),
                    y: bounds.y,
                    width,
                    height: bounds.height,
                },
                border: Border::default(),
                ..renderer::Quad::default()
            },
            color,
        );
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _renderer: &Renderer,
        _clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        _viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_mut::<State>();
        let over = cursor.is_over(layout.bounds());
        match event {
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) if over => {
                state.held = true;
                shell.capture_event();
                shell.request_redraw();
            }
            Event::Mouse(mouse::Event::CursorMoved { position }) => {
                if state.held {
                    shell.publish((self.moved)(position.x));
                    shell.capture_event();
                }
                if over != state.hovered {
                    state.hovered = over;
                    shell.request_redraw();
                }
            }
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)) if state.held => {
                state.held = false;
                shell.publish(self.dropped.clone());
                shell.capture_event();
                shell.request_redraw();
            }
            Event::Mouse(mouse::Event::CursorLeft) if state.hovered && !state.held => {
                state.hovered = false;
                shell.request_redraw();
            }
            _ => {}
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _viewport: &Rectangle,
        _renderer: &Renderer,
    ) -> mouse::Interaction {
        let state = tree.state.downcast_ref::<State>();
        if state.held || cursor.is_over(layout.bounds()) {
            mouse::Interaction::ResizingHorizontally
        } else {
            mouse::Interaction::default()
        }
    }
}
