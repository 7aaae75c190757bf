//! Long lists drawn a screenful at a time: every row has one fixed height, so
//! the rows in view follow from the scroll offset, and spacers above and below
//! give the scroll bar the whole list's length. A city's outline has tens of
//! thousands of rows; only the few dozen in view are built.

use iced::widget::scrollable::Viewport;
use iced::widget::{scrollable, space, Column};
use iced::{Element, Length};

/// Rows built beyond each edge of the view, so a fast scroll shows no gap.
const OVERSCAN: usize = 8;

/// What part of a list is in view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    offset: f32,
    height: f32,
}

impl Default for Window {
    /// The top of the list, on a tall screen (until the list reports its size).
    fn default() -> Window {
        Window {
            offset: 0.0,
            height: 1600.0,
        }
    }
}

impl Window {
    /// Follows the list's scrolling.
    pub fn scrolled(&mut self, viewport: Viewport) {
        self.offset = viewport.absolute_offset().y;
        self.height = viewport.bounds().height;
    }

    /// The offset to scroll to so that row `index` shows, or `None` when it
    /// is in view already: the row is then brought to the middle.
    pub fn offset_showing(&self, index: usize, row_height: f32) -> Option<f32> {
        let top = index as f32 * row_height;
        let shown = top >= self.offset && top + row_height <= self.offset + self.height;
        (!shown).then(|| (top - (self.height - row_height) / 2.0).max(0.0))
    }

    /// Back to the top, for a new list.
    pub fn reset(&mut self) {
        self.offset = 0.0;
    }

    /// The rows to build for a list of `total` rows `row_height` high.
    pub fn range(&self, total: usize, row_height: f32) -> std::ops::Range<usize> {
        let first = (self.offset / row_height).floor().max(0.0) as usize;
        let shown = (self.height / row_height).ceil() as usize + 1;
        let start = first.saturating_sub(OVERSCAN).min(total);
        let end = (first + shown + OVERSCAN).min(total);
        start..end
    }

    /// The list in a scrollable: `row(i)` builds row `i`, which must be
    /// `row_height` high.
    pub fn view<'a, M: 'a>(
        &self,
        id: &'static str,
        total: usize,
        row_height: f32,
        row: impl Fn(usize) -> Element<'a, M>,
        on_scroll: impl Fn(Viewport) -> M + 'a,
    ) -> Element<'a, M> {
        let range = self.range(total, row_height);
        let above = range.start as f32 * row_height;
        let below = (total - range.end) as f32 * row_height;
        let mut column = Column::new().push(space().height(Length::Fixed(above)));
        for i in range {
            column = column.push(row(i));
        }
        column = column.push(space().height(Length::Fixed(below)));
        // The bar beside the rows, not over their ends (a count, a button).
        scrollable(column.width(Length::Fill))
            .spacing(2)
            .id(id)
            .on_scroll(on_scroll)
            .height(Length::Fill)
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::Window;

    #[test]
    fn only_the_rows_in_view_and_a_margin_are_built() {
        let window = Window {
            offset: 2200.0,
            height: 440.0,
        };
        let range = window.range(100_000, 22.0);
        assert_eq!(range, 92..129);
        assert_eq!(Window::default().range(3, 22.0), 0..3);
    }
}
