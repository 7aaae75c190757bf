//! The widths of the window's side panels, moved by dragging the lines
//! between them, and the window's size: both kept between runs in the
//! desktop's settings folder ([`crate::store::window`]). Kept when a line is
//! let go and when the window closes (with whether it was maximized).

use super::status::Notice;
use super::widget::divider::{self, divider};
use crate::store::window::{WindowSettings, PANEL_WIDTHS};
use iced::widget::row;
use iced::{Element, Length, Size, Task};
use std::path::PathBuf;

/// The room left and right of the panels (the page's padding).
pub const MARGIN: f32 = 12.0;
/// The narrowest the structure between the panels is made by a drag or a
/// small window.
pub const MIN_MIDDLE: f32 = 320.0;

/// The panel widths, the window's size, and where they are kept.
#[derive(Debug, Clone)]
pub struct Panels {
    /// As read at start (or the defaults), then as moved.
    settings: WindowSettings,
    /// The window's size now.
    window: Size,
    /// Where the settings are kept; None keeps nothing (tests, benchmarks).
    file: Option<PathBuf>,
}

impl Default for Panels {
    fn default() -> Self {
        Panels::new(WindowSettings::default(), None)
    }
}

/// A line dragged, let go, or the window resized.
#[derive(Debug, Clone)]
pub enum Message {
    /// The line right of the outline is at this x.
    Outline(f32),
    /// The line left of the side panel is at this x.
    Side(f32),
    /// A line was let go: the widths are kept.
    Dropped,
    /// The window's size changed.
    Resized(Size),
    /// The settings were kept, or why not.
    Kept(Result<(), String>),
}

impl Panels {
    /// Panels as `settings` has them, kept in `file` when there is one.
    pub fn new(settings: WindowSettings, file: Option<PathBuf>) -> Panels {
        Panels {
            window: Size::new(settings.size.0, settings.size.1),
            settings,
            file,
        }
    }

    /// The settings as they stand (the size when not maximized).
    pub fn settings(&self) -> WindowSettings {
        self.settings
    }

    /// Handles a message; a failed keep is said.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Notice>) {
        let (least, most) = PANEL_WIDTHS;
        let room = self.room();
        match message {
            Message::Outline(x) => {
                let width = x - MARGIN - divider::WIDTH / 2.0;
                let side = self.widths().1;
                self.settings.outline =
                    width.clamp(least, (room - side - MIN_MIDDLE).clamp(least, most));
            }
            Message::Side(x) => {
                let width = self.window.width - MARGIN - divider::WIDTH / 2.0 - x;
                let outline = self.widths().0;
                self.settings.side =
                    width.clamp(least, (room - outline - MIN_MIDDLE).clamp(least, most));
            }
            Message::Dropped => return (self.keep(None), None),
            Message::Resized(size) => self.window = size,
            Message::Kept(Ok(())) => {}
            Message::Kept(Err(e)) => {
                return (
                    Task::none(),
                    Some(Notice::refused(format!(
                        "无法保存窗口设置 (settings not saved)：{e}"
                    ))),
                )
            }
        }
        (Task::none(), None)
    }

    /// Keeps the settings, with the window's size unless it is maximized
    /// (then the size it had before is kept for the next time it is not).
    pub fn keep(&self, maximized: Option<bool>) -> Task<Message> {
        let Some(file) = self.file.clone() else {
            return Task::none();
        };
        let mut settings = self.settings;
        if let Some(maximized) = maximized {
            settings.maximized = maximized;
            if !maximized {
                settings.size = (self.window.width, self.window.height);
            }
        }
        Task::perform(
            async move { settings.write(&file).map_err(|e| e.to_string()) },
            Message::Kept,
        )
    }

    /// The outline's and the side panel's widths as drawn: as set, made
    /// narrower together when the window leaves the structure between them
    /// less than [`MIN_MIDDLE`].
    pub fn widths(&self) -> (f32, f32) {
        let (outline, side) = (self.settings.outline, self.settings.side);
        let over = outline + side + MIN_MIDDLE - self.room();
        if over <= 0.0 {
            return (outline, side);
        }
        let least = PANEL_WIDTHS.0;
        let shrink = ((outline + side - over) / (outline + side)).max(0.0);
        ((outline * shrink).max(least), (side * shrink).max(least))
    }

    /// The width the two panels and the structure share.
    fn room(&self) -> f32 {
        self.window.width - 2.0 * MARGIN - 2.0 * divider::WIDTH
    }

    /// The outline, a line, the structure, a line, the side panel.
    pub fn three<'a, M: Clone + 'a>(
        &self,
        outline: Element<'a, M>,
        middle: Element<'a, M>,
        side: Element<'a, M>,
        to: impl Fn(Message) -> M + Clone + 'a,
    ) -> Element<'a, M> {
        let (left, right) = self.widths();
        let to_side = to.clone();
        row![
            iced::widget::container(outline).width(Length::Fixed(left)),
            divider(
                {
                    let to = to.clone();
                    move |x| to(Message::Outline(x))
                },
                to(Message::Dropped)
            ),
            iced::widget::container(middle).width(Length::Fill),
            divider(move |x| to_side(Message::Side(x)), to(Message::Dropped)),
            iced::widget::container(side).width(Length::Fixed(right)),
        ]
        .height(Length::Fill)
        .into()
    }

    /// The outline, a line, and another view taking the rest (the members
    /// sheet, the statistics).
    pub fn two<'a, M: Clone + 'a>(
        &self,
        outline: Element<'a, M>,
        rest: Element<'a, M>,
        to: impl Fn(Message) -> M + 'a,
    ) -> Element<'a, M> {
        let dropped = to(Message::Dropped);
        row![
            iced::widget::container(outline).width(Length::Fixed(self.widths().0)),
            divider(move |x| to(Message::Outline(x)), dropped),
            iced::widget::container(rest).width(Length::Fill),
        ]
        .height(Length::Fill)
        .into()
    }
}
