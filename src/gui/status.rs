//! The status bar: the document's counts and coverage, the last thing the
//! window said (blue when done, red when refused), and a printout's progress.
//! It keeps to one line, so the panels above never move when a message
//! appears; a long message is cut, and shown whole on hover.

use crate::stats::Stats;
use iced::widget::{container, row, text, tooltip};
use iced::{Color, Element, Length};

/// Something the window says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The words.
    pub text: String,
    /// Whether it says something was not done.
    pub refused: bool,
}

impl Notice {
    /// Something done, or under way.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            refused: false,
        }
    }

    /// Something not done, and why.
    pub fn refused(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            refused: true,
        }
    }
}

/// What shows where findings and figures will be while a document is checked.
pub const CHECKING: &str = "正在检查…";

/// The height of the status bar: one line.
const HEIGHT: f32 = 22.0;

/// The status bar's state: the last notice.
#[derive(Default)]
pub struct Status {
    notice: Option<Notice>,
}

impl Status {
    /// Says something.
    pub fn say(&mut self, notice: Notice) {
        self.notice = Some(notice);
    }

    /// Says nothing.
    pub fn clear(&mut self) {
        self.notice = None;
    }

    /// The last notice.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The bar: a printout's `progress` when given, then `units` and `stats`
    /// for the counts (`stats` none while a file is read, or the document
    /// checked), then the notice.
    pub fn view<'a, M: 'a>(
        &'a self,
        units: usize,
        stats: Option<&Stats>,
        progress: Option<Element<'a, M>>,
    ) -> Element<'a, M> {
        let counts = match stats.map(|s| &s.total) {
            None if units == 0 => String::new(),
            None => format!("{units} 个组织"),
            Some(t) => format!(
            "{} 个组织 · 党员 {} 名 · 网格 {} 个，已覆盖 {} 个 · 楼栋 {} 个，已覆盖 {} 个 · 联系户 {} 户",
            units,
            t.members,
            t.grids,
            t.grids_covered,
            t.buildings,
            t.buildings_covered,
            t.linked_households,
        ),
        };
        let counts = text(counts).size(13).wrapping(text::Wrapping::None);
        // A printout's progress comes first, where its 取消打印 never moves.
        let mut bar = row![].spacing(24).align_y(iced::Alignment::Center);
        if let Some(progress) = progress {
            bar = bar.push(progress);
        }
        bar = bar.push(counts);
        if stats.is_none() && units > 0 {
            bar = bar.push(text(CHECKING).size(13));
        }
        if let Some(notice) = &self.notice {
            let colour = if notice.refused {
                Color::from_rgb(0.8, 0.1, 0.1)
            } else {
                Color::from_rgb(0.1, 0.35, 0.7)
            };
            let line = text(notice.text.as_str())
                .size(13)
                .color(colour)
                .wrapping(text::Wrapping::None);
            let whole = container(text(notice.text.as_str()).size(13))
                .padding(6)
                .style(container::bordered_box)
                .max_width(640.0);
            bar = bar.push(tooltip(
                container(line).width(Length::Fill).clip(true),
                whole,
                tooltip::Position::Top,
            ));
        }
        container(bar)
            .height(Length::Fixed(HEIGHT))
            .clip(true)
            .into()
    }
}
