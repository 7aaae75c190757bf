//! Scrolling a panel so that one of its controls shows: a finding's fix and
//! a question asked take the user to the control they are to use, even when
//! it lies below the part of the panel in view.

use iced::advanced::widget::operation::scrollable::AbsoluteOffset;
use iced::advanced::widget::operation::{self, Operation, Outcome};
use iced::advanced::widget::Id;
use iced::{Rectangle, Task, Vector};

/// Room left above the control, so its label shows too.
const ABOVE: f32 = 40.0;

/// Scrolls the scrollable `panel` so that the widget `target` (a container,
/// a field or any widget with that id inside it) shows; nothing when it
/// already does or is not there.
pub fn reveal<T: Send + 'static>(panel: impl Into<Id>, target: impl Into<Id>) -> Task<T> {
    iced::advanced::widget::operate(Find {
        panel: panel.into(),
        target: target.into(),
        area: None,
        found: None,
    })
    .discard()
}

/// Scrolls the scrollable `panel` so that the field `field` shows, and gives
/// it the keyboard.
pub fn focus<T: Send + 'static>(panel: impl Into<Id>, field: &'static str) -> Task<T> {
    reveal(panel, field).chain(iced::widget::operation::focus(field))
}

/// Looks for the panel and the target's place in it, then scrolls.
struct Find {
    panel: Id,
    target: Id,
    /// The panel's bounds, its content's bounds and how far it is scrolled.
    area: Option<(Rectangle, Rectangle, Vector)>,
    found: Option<Rectangle>,
}

impl Find {
    fn saw(&mut self, id: Option<&Id>, bounds: Rectangle) {
        if self.area.is_some() && self.found.is_none() && id == Some(&self.target) {
            self.found = Some(bounds);
        }
    }
}

impl Operation for Find {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn container(&mut self, id: Option<&Id>, bounds: Rectangle) {
        self.saw(id, bounds);
    }

    fn scrollable(
        &mut self,
        id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn operation::Scrollable,
    ) {
        if id == Some(&self.panel) {
            self.area = Some((bounds, content_bounds, translation));
        }
    }

    fn focusable(
        &mut self,
        id: Option<&Id>,
        bounds: Rectangle,
        _state: &mut dyn operation::Focusable,
    ) {
        self.saw(id, bounds);
    }

    fn text_input(
        &mut self,
        id: Option<&Id>,
        bounds: Rectangle,
        _state: &mut dyn operation::TextInput,
    ) {
        self.saw(id, bounds);
    }

    fn finish(&self) -> Outcome<()> {
        let (Some((view, content, scrolled)), Some(target)) = (self.area, self.found) else {
            return Outcome::None;
        };
        // Layout bounds are those of the content unscrolled.
        let top = target.y - content.y;
        let bottom = top + target.height;
        if top >= scrolled.y && bottom <= scrolled.y + view.height {
            return Outcome::None;
        }
        let offset = AbsoluteOffset {
            x: None,
            y: Some((top - ABOVE).max(0.0)),
        };
        Outcome::Chain(Box::new(operation::scrollable::scroll_to(
            self.panel.clone(),
            offset,
        )))
    }
}
