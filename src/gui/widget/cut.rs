//! One line of text cut with … where it has no room, the whole of it shown
//! in a box under the pointer while the pointer is over it. A narrow panel
//! keeps each control in its place: a long name gives up its end instead of
//! running under the buttons beside it, and nothing of it is lost.
//!
//! Where the line is cut is worked out in `layout` (by [`fit`], measuring
//! with the renderer's own text) and kept until the text or the room
//! changes. Give it a width that yields (`Fill`, `FillPortion`, `Fixed`) in a
//! row, so the row's other cells keep their room.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Renderer as _};
use iced::advanced::text::{self, Paragraph as _, Renderer as _};
use iced::advanced::widget::{self, tree, Tree, Widget};
use iced::advanced::{mouse, overlay, Clipboard, Shell};
use iced::{
    alignment, Border, Color, Element, Event, Font, Length, Pixels, Point, Rectangle, Renderer,
    Size, Theme, Vector,
};

/// The mark that ends a cut line.
pub const ELLIPSIS: char = '…';
/// The widest the box with the whole text grows before it wraps.
const TIP_WIDTH: f32 = 420.0;
/// The room around the text in that box.
const TIP_PADDING: f32 = 6.0;
/// The box's distance from the line it shows.
const TIP_GAP: f32 = 4.0;

/// `content` on one line, cut with … to its room (by default all the width
/// it is given).
pub fn cut(content: impl Into<String>) -> Cut {
    Cut {
        content: content.into(),
        size: 13.0,
        width: Length::Fill,
        font: None,
        color: None,
    }
}

/// The prefix of `full` that fits in `room` with … after it, and whether it
/// was cut: `full` itself when it fits, a lone … when not even one character
/// does. `width` measures a line of text.
pub fn fit(full: &str, room: f32, width: impl Fn(&str) -> f32) -> (String, bool) {
    if width(full) <= room {
        return (full.to_string(), false);
    }
    let ends: Vec<usize> = full.char_indices().map(|(at, _)| at).collect();
    // The most characters that fit with the mark: found by halving, since
    // a longer prefix is never narrower.
    let (mut fits, mut over) = (0, ends.len());
    while over - fits > 1 {
        let middle = (fits + over) / 2;
        if width(&marked(&full[..ends[middle]])) <= room {
            fits = middle;
        } else {
            over = middle;
        }
    }
    (marked(&full[..ends[fits]]), true)
}

fn marked(prefix: &str) -> String {
    let mut shown = prefix.trim_end().to_string();
    shown.push(ELLIPSIS);
    shown
}

/// A line of text cut to its room; see [`cut`].
pub struct Cut {
    content: String,
    size: f32,
    width: Length,
    font: Option<Font>,
    color: Option<Color>,
}

impl Cut {
    /// The text size in pixels (13 unless told).
    pub fn size(mut self, size: impl Into<Pixels>) -> Cut {
        self.size = size.into().0;
        self
    }

    /// The room it takes in its row.
    pub fn width(mut self, width: impl Into<Length>) -> Cut {
        self.width = width.into();
        self
    }

    /// The font (the window's unless told).
    pub fn font(mut self, font: Font) -> Cut {
        self.font = Some(font);
        self
    }

    /// The text's colour (the theme's unless told).
    pub fn color(mut self, color: Color) -> Cut {
        self.color = Some(color);
        self
    }

    fn text<'t>(&self, content: &'t str, renderer: &Renderer, bounds: Size) -> text::Text<&'t str> {
        text::Text {
            content,
            bounds,
            size: Pixels(self.size),
            line_height: text::LineHeight::default(),
            font: self.font.unwrap_or_else(|| renderer.default_font()),
            align_x: text::Alignment::Default,
            align_y: alignment::Vertical::Top,
            shaping: text::Shaping::Advanced,
            wrapping: text::Wrapping::None,
        }
    }

    fn line_height(&self) -> f32 {
        text::LineHeight::default().to_absolute(Pixels(self.size)).0
    }
}

type Paragraph = <Renderer as text::Renderer>::Paragraph;

/// What was worked out for the text and room last laid out.
#[derive(Default)]
struct State {
    /// The text, the room, the size and the font it was cut for.
    made_for: Option<(String, f32, f32, Option<Font>)>,
    shown: Option<Paragraph>,
    shown_text: String,
    cut: bool,
    hovered: bool,
    /// The whole text as the box under the pointer shows it: laid out with
    /// the box and kept here, since the box is made anew to be drawn.
    whole: Option<Paragraph>,
}

impl<Message> Widget<Message, Theme, Renderer> for Cut {
    fn size(&self) -> Size<Length> {
        Size::new(self.width, Length::Shrink)
    }

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        let limits = limits.width(self.width).height(Length::Shrink);
        let room = limits.max().width;
        let state = tree.state.downcast_mut::<State>();
        let made = state
            .made_for
            .as_ref()
            .is_some_and(|(content, r, size, font)| {
                *content == self.content && *r == room && *size == self.size && *font == self.font
            });
        if !made {
            let measure = |line: &str| {
                Paragraph::with_text(self.text(line, renderer, Size::INFINITE)).min_width()
            };
            let (shown, cut) = fit(&self.content, room, measure);
            state.shown = Some(Paragraph::with_text(self.text(
                &shown,
                renderer,
                Size::INFINITE,
            )));
            state.shown_text = shown;
            state.cut = cut;
            state.made_for = Some((self.content.clone(), room, self.size, self.font));
        }
        let natural = state.shown.as_ref().map_or(0.0, |p| p.min_width());
        layout::Node::new(limits.resolve(
            self.width,
            Length::Shrink,
            Size::new(natural, self.line_height()),
        ))
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        _theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_ref::<State>();
        if let Some(shown) = &state.shown {
            let bounds = layout.bounds();
            renderer.fill_paragraph(
                shown,
                bounds.position(),
                self.color.unwrap_or(style.text_color),
                bounds.intersection(viewport).unwrap_or(bounds),
            );
        }
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        _renderer: &Renderer,
        operation: &mut dyn widget::Operation,
    ) {
        // What the line shows, as a plain text widget would report it.
        let state = tree.state.downcast_ref::<State>();
        operation.text(None, layout.bounds(), &state.shown_text);
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
        if let Event::Mouse(mouse::Event::CursorMoved { .. } | mouse::Event::CursorLeft) = event {
            let state = tree.state.downcast_mut::<State>();
            let hovered = state.cut && cursor.is_over(layout.bounds());
            if hovered != state.hovered {
                state.hovered = hovered;
                // The box is an overlay: laid out anew to come or go.
                shell.invalidate_layout();
                shell.request_redraw();
            }
        }
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        _renderer: &Renderer,
        _viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        let state = tree.state.downcast_mut::<State>();
        (state.cut && state.hovered).then(|| {
            overlay::Element::new(Box::new(Whole {
                cut: self,
                under: layout.bounds() + translation,
                paragraph: &mut state.whole,
            }))
        })
    }
}

impl<'a, Message: 'a> From<Cut> for Element<'a, Message> {
    fn from(cut: Cut) -> Element<'a, Message> {
        Element::new(cut)
    }
}

/// The whole text in a box under the cut line, kept inside the window.
struct Whole<'b> {
    cut: &'b Cut,
    /// The cut line's bounds in the window.
    under: Rectangle,
    paragraph: &'b mut Option<Paragraph>,
}

impl<Message> overlay::Overlay<Message, Theme, Renderer> for Whole<'_> {
    fn layout(&mut self, renderer: &Renderer, bounds: Size) -> layout::Node {
        let widest = TIP_WIDTH.min(bounds.width - 2.0 * TIP_PADDING).max(0.0);
        let mut line = self.cut.text(
            &self.cut.content,
            renderer,
            Size::new(widest, f32::INFINITY),
        );
        line.wrapping = text::Wrapping::WordOrGlyph;
        let paragraph = Paragraph::with_text(line);
        let inner = paragraph.min_bounds();
        *self.paragraph = Some(paragraph);
        let size = Size::new(
            inner.width + 2.0 * TIP_PADDING,
            inner.height + 2.0 * TIP_PADDING,
        );
        let below = self.under.y + self.under.height + TIP_GAP;
        let y = if below + size.height <= bounds.height {
            below
        } else {
            (self.under.y - TIP_GAP - size.height).max(0.0)
        };
        let x = self.under.x.min(bounds.width - size.width).max(0.0);
        layout::Node::new(size).move_to(Point::new(x, y))
    }

    fn draw(
        &self,
        renderer: &mut Renderer,
        theme: &Theme,
        _style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
    ) {
        let Some(paragraph) = self.paragraph.as_ref() else {
            return;
        };
        let bounds = layout.bounds();
        let palette = theme.extended_palette();
        renderer.fill_quad(
            renderer::Quad {
                bounds,
                border: Border {
                    color: palette.background.strong.color,
                    width: 1.0,
                    radius: 3.0.into(),
                },
                ..renderer::Quad::default()
            },
            palette.background.base.color,
        );
        renderer.fill_paragraph(
            paragraph,
            bounds.position() + Vector::new(TIP_PADDING, TIP_PADDING),
            palette.background.base.text,
            bounds,
        );
    }

    fn operate(
        &mut self,
        layout: Layout<'_>,
        _renderer: &Renderer,
        operation: &mut dyn widget::Operation,
    ) {
        operation.text(None, layout.bounds(), &self.cut.content);
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    /// Ten pixels a character.
    fn width(line: &str) -> f32 {
        line.chars().count() as f32 * 10.0
    }

    #[test]
    fn a_line_that_fits_is_whole_and_one_that_does_not_ends_in_the_mark() {
        assert_eq!(fit("城东街道", 40.0, width), ("城东街道".into(), false));
        assert_eq!(fit("城东街道党工委", 40.0, width), ("城东街…".into(), true));
        assert_eq!(fit("城东街道党工委", 5.0, width), ("…".into(), true));
        assert_eq!(fit("", 0.0, width), (String::new(), false));
    }

    #[test]
    fn the_cut_line_is_never_wider_than_its_room() {
        let full = "王秀英 · 和平路 12 号 3 单元 · 4 人 · 138****5678";
        for room in 0..400 {
            let (shown, cut) = fit(full, room as f32, width);
            assert_eq!(cut, width(full) > room as f32);
            assert!(width(&shown) <= (room as f32).max(10.0), "{room}: {shown}");
        }
    }
}
