//! The window as iced's runtime keeps it from one frame to the next, where a
//! Simulator starts afresh each time: the widgets' state (which field has
//! the cursor, how far a panel is scrolled) carried over as the view is
//! built again after each update, the keys no widget took turned into the
//! application's messages (as its keyboard subscription does), and the
//! widget operations that tasks ask for (scroll to, focus, Tab) run on it.

use gridorg::gui::{keys, App, Message};
use iced_test::core::renderer::Headless;
use iced_test::core::widget::operation::{self, Operation, Outcome};
use iced_test::core::{clipboard, event, keyboard, mouse, widget, Event, Font, Point, Size};
use iced_test::futures::futures::{executor::block_on, StreamExt};
use iced_test::renderer::Renderer;
use iced_test::runtime::user_interface::{Cache, UserInterface};
use iced_test::runtime::{task, Action};
use iced_test::selector::{Bounded, Selector};

/// A window of a given size over one application.
pub struct Window {
    size: Size,
    renderer: Renderer,
    cache: Option<Cache>,
    cursor: mouse::Cursor,
}

impl Window {
    /// A window `width` by `height`, the cursor outside it.
    pub fn new(width: f32, height: f32) -> Window {
        let backend = std::env::var("ICED_TEST_BACKEND").ok();
        let renderer = block_on(Renderer::new(
            Font::with_name("Fira Sans"),
            iced::Settings::default().default_text_size,
            backend.as_deref(),
        ))
        .expect("a headless renderer");
        Window {
            size: Size::new(width, height),
            renderer,
            cache: Some(Cache::default()),
            cursor: mouse::Cursor::Unavailable,
        }
    }

    /// Builds `app`'s view on the widgets' state kept so far, lets `act`
    /// use it, and keeps the state it leaves.
    fn frame<R>(
        &mut self,
        app: &App,
        act: impl FnOnce(&mut UserInterface<'_, Message, iced::Theme, Renderer>, &mut Renderer) -> R,
    ) -> R {
        let cache = self.cache.take().unwrap_or_default();
        let mut ui = UserInterface::build(app.view(), self.size, cache, &mut self.renderer);
        let out = act(&mut ui, &mut self.renderer);
        self.cache = Some(ui.into_cache());
        out
    }

    /// Sends `events` to the window, then feeds the messages they give back
    /// to `app` (a key no widget took as the keyboard subscription turns it
    /// into one) and runs their tasks; the messages, in order.
    pub fn events(&mut self, app: &mut App, events: Vec<Event>) -> Vec<Message> {
        let cursor = self.cursor;
        let messages = self.frame(app, |ui, renderer| {
            let mut messages = Vec::new();
            let (_, statuses) = ui.update(
                &events,
                cursor,
                renderer,
                &mut clipboard::Null,
                &mut messages,
            );
            for (event, status) in events.iter().zip(statuses) {
                if let (Event::Keyboard(key), event::Status::Ignored) = (event, status) {
                    messages.extend(keys::message(key.clone()));
                }
            }
            messages
        });
        for message in &messages {
            let task = app.update(message.clone());
            self.run(app, task);
        }
        messages
    }

    /// Runs a task to its end as the runtime does: each message it gives
    /// fed back, each widget operation run on the window.
    pub fn run(&mut self, app: &mut App, task: iced::Task<Message>) {
        let Some(mut stream) = task::into_stream(task) else {
            return;
        };
        while let Some(action) = block_on(stream.next()) {
            match action {
                Action::Output(message) => {
                    let next = app.update(message);
                    self.run(app, next);
                }
                Action::Widget(operation) => self.operate(app, operation),
                _ => {}
            }
        }
    }

    /// Runs a widget operation, and those it chains, on the window.
    fn operate(&mut self, app: &App, mut operation: Box<dyn Operation>) {
        self.frame(app, |ui, renderer| loop {
            ui.operate(renderer, operation.as_mut());
            match operation.finish() {
                Outcome::Chain(next) => operation = next,
                _ => break,
            }
        });
    }

    /// The first widget `selector` finds.
    pub fn find<S>(&mut self, app: &App, selector: S) -> Option<S::Output>
    where
        S: Selector + Send,
        S::Output: Clone + Send,
    {
        self.frame(app, |ui, renderer| {
            let mut find = selector.find();
            ui.operate(renderer, &mut operation::black_box(&mut find));
            match find.finish() {
                Outcome::Some(found) => found,
                _ => None,
            }
        })
    }

    /// The id of the field that has the cursor, if any.
    pub fn focused(&mut self, app: &App) -> Option<widget::Id> {
        self.frame(app, |ui, renderer| {
            let mut find = operation::focusable::find_focused();
            ui.operate(renderer, &mut operation::black_box(&mut find));
            match find.finish() {
                Outcome::Some(id) => Some(id),
                _ => None,
            }
        })
    }

    /// Clicks the middle of what `selector` finds, which must show.
    pub fn click<S>(&mut self, app: &mut App, selector: S) -> Vec<Message>
    where
        S: Selector + Send,
        S::Output: Bounded + Clone + Send,
    {
        let description = selector.description();
        let target = self
            .find(app, selector)
            .unwrap_or_else(|| panic!("{description} is in the window"));
        let shown = target
            .visible_bounds()
            .unwrap_or_else(|| panic!("{description} shows"));
        self.cursor = mouse::Cursor::Available(shown.center());
        self.events(app, iced_test::simulator::click().collect())
    }

    /// Turns the mouse wheel `lines` notches down (up when negative) with
    /// the cursor at `at`.
    pub fn wheel(&mut self, app: &mut App, at: Point, lines: f32) -> Vec<Message> {
        self.cursor = mouse::Cursor::Available(at);
        let delta = mouse::ScrollDelta::Lines { x: 0.0, y: -lines };
        self.events(
            app,
            vec![Event::Mouse(mouse::Event::WheelScrolled { delta })],
        )
    }

    /// Presses and releases `key`.
    pub fn tap_key(&mut self, app: &mut App, key: impl Into<keyboard::Key>) -> Vec<Message> {
        self.events(app, iced_test::simulator::tap_key(key, None).collect())
    }

    /// Types `text`.
    pub fn typewrite(&mut self, app: &mut App, text: &str) -> Vec<Message> {
        self.events(app, iced_test::simulator::typewrite(text).collect())
    }
}
