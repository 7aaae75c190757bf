//! Tab and Shift+Tab: the cursor moves to the next (or previous) field of
//! the form it is in and wraps from the last field to the first, so no
//! keystroke typed after Tab is lost; outside a form it moves among every
//! field of the window, wrapping too. (iced's own `focus_next` leaves no
//! field focused past the last one.)

use super::widget::field::FORM;
use iced::advanced::widget::operation::{Focusable, Operation, Outcome};
use iced::advanced::widget::Id;
use iced::{Rectangle, Task};

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
}

impl Survey {
    fn new(forward: bool) -> Survey {
        Survey {
            forward,
            form: Id::new(FORM),
            forms: Vec::new(),
            fields: Vec::new(),
        }
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

    fn finish(&self) -> Outcome<()> {
        match self.target() {
            Some(target) => Outcome::Chain(Box::new(FocusOn { target, seen: 0 })),
            None => Outcome::None,
        }
    }
}

/// Gives the cursor to the field at `target` in the window's order.
struct FocusOn {
    target: usize,
    seen: usize,
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
}
