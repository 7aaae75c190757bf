//! Tab and Shift+Tab: the cursor moves to the next (or previous) field of
//! the form it is in and wraps from the last field to the first, so no
//! keystroke typed after Tab is lost; outside a form it moves among every
//! field of the window, wrapping too. (iced's own `focus_next` leaves no
//! field focused past the last one.) A field scrolled out of sight is
//! scrolled back into it, as the cursor goes there.

use super::widget::field::FORM;
use iced::advanced::widget::operation::scrollable::AbsoluteOffset;
use iced::advanced::widget::operation::{Focusable, Operation, Outcome, Scrollable};
use iced::advanced::widget::Id;
use iced::{Rectangle, Task, Vector};

/// Room left above a field scrolled to, so its label shows too.
const ABOVE: f32 = 40.0;

/// Moves the cursor to the next field, wrapping.
pub fn next<T: Send + 'static>() -> Task<T> {
    iced::advanced::widget::operate(Survey::new(true)).discard()
}

/// Moves the cursor to the previous field, wrapping.
pub fn previous<T: Send + 'static>() -> Task<T> {
    iced::advanced::widget::operate(Survey::new(false)).discard()
}

/// Where the fields and the forms' frames are, and which field has the
/// cursor; then focuses the one to go to.
struct Survey {
    forward: bool,
    form: Id,
    forms: Vec<Rectangle>,
    /// Every field in the window's order, and whether it has the cursor.
    fields: Vec<(Rectangle, bool)>,
    /// Every scrolling frame in the window's order: its bounds, its
    /// content's, and how far it is scrolled.
    scrollables: Vec<(Rectangle, Rectangle, Vector)>,
}

impl Survey {
    fn new(forward: bool) -> Survey {
        Survey {
            forward,
            form: Id::new(FORM),
            forms: Vec::new(),
            fields: Vec::new(),
            scrollables: Vec::new(),
        }
    }

    /// The scrolling frame `field` lies in (the innermost) and where to
    /// scroll it, when the field is out of its sight.
    fn scroll(&self, field: Rectangle) -> Option<(usize, f32)> {
        let (frame, (view, content, scrolled)) = self
            .scrollables
            .iter()
            .enumerate()
            .filter(|(_, (_, content, _))| content.contains(field.center()))
            .min_by(|(_, a), (_, b)| a.1.area().total_cmp(&b.1.area()))?;
        // Layout bounds are those of the content unscrolled.
        let top = field.y - content.y;
        let shown = top >= scrolled.y && top + field.height <= scrolled.y + view.height;
        (!shown).then_some((frame, (top - ABOVE).max(0.0)))
    }

    /// The field to go to: the next of those in the focused field's form
    /// (the smallest frame around it), or of all when it is in none.
    fn target(&self) -> Option<usize> {
        let count = self.fields.len();
        let Some(at) = self.fields.iter().position(|(_, focused)| *focused) else {
            return (count > 0).then(|| if self.forward { 0 } else { count - 1 });
        };
        let centre = self.fields[at].0.center();
        let form = self
            .forms
            .iter()
            .filter(|f| f.contains(centre))
            .min_by(|a, b| a.area().total_cmp(&b.area()));
        let group: Vec<usize> = (0..count)
            .filter(|&i| form.is_none_or(|f| f.contains(self.fields[i].0.center())))
            .collect();
        let place = group.iter().position(|&i| i == at)?;
        let step = if self.forward { 1 } else { group.len() - 1 };
        Some(group[(place + step) % group.len()])
    }
}

impl Operation for Survey {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn container(&mut self, id: Option<&Id>, bounds: Rectangle) {
        if id == Some(&self.form) {
            self.forms.push(bounds);
        }
    }

    fn focusable(&mut self, _id: Option<&Id>, bounds: Rectangle, state: &mut dyn Focusable) {
        self.fields.push((bounds, state.is_focused()));
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        self.scrollables.push((bounds, content_bounds, translation));
    }

    fn finish(&self) -> Outcome<()> {
        match self.target() {
            Some(target) => Outcome::Chain(Box::new(FocusOn {
                target,
                seen: 0,
                scroll: self.scroll(self.fields[target].0),
                frames: 0,
            })),
            None => Outcome::None,
        }
    }
}

/// Gives the cursor to the field at `target` in the window's order, and
/// scrolls the frame at `scroll`'s place in that order to its offset.
struct FocusOn {
    target: usize,
    seen: usize,
    scroll: Option<(usize, f32)>,
    frames: usize,
}

impl Operation for FocusOn {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if self.seen == self.target {
            state.focus();
        } else {
            state.unfocus();
        }
        self.seen += 1;
    }
    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        _bounds: Rectangle,
        _content_bounds: Rectangle,
        _translation: Vector,
        state: &mut dyn Scrollable,
    ) {
        if let Some((_, y)) = self.scroll.filter(|(frame, _)| *frame == self.frames) {
            state.scroll_to(AbsoluteOffset {
                x: None,
                y: Some(y),
            });
        }
        self.frames += 1;
    }
}
