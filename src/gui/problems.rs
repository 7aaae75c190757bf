//! The problems panel: the check findings, errors first; clicking one selects
//! the unit that answers for it. Only the rows in view are built, so a city's
//! thousands of findings scroll as lightly as a street's few.

use super::rows;
use crate::check::{Finding, Report, Severity};
use crate::model::Id;
use iced::widget::scrollable::Viewport;
use iced::widget::{button, column, text};
use iced::{Element, Length};

/// The height of a finding's row.
const ROW: f32 = 22.0;
/// The id of the problems' scrolling list.
pub const LIST: &str = "problems-list";

/// What the panel reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A finding about this record was clicked.
    Pick(Id),
    /// The list was scrolled.
    Scrolled(Viewport),
}

/// The text of a finding's row: "[错误] 编码 名称：说明".
pub fn label(f: &Finding) -> String {
    let mark = match f.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        _ => "提示",
    };
    format!("[{mark}] {} {}：{}", f.code, f.name, f.message)
}

/// The panel's state: which findings are listed, and the part in view.
#[derive(Debug, Default)]
pub struct Problems {
    /// Indices of the findings not acknowledged, in the report's order.
    rows: Vec<usize>,
    window: rows::Window,
}

impl Problems {
    /// Lists a new report's open findings.
    pub fn refresh(&mut self, report: &Report) {
        self.rows = (0..report.findings.len())
            .filter(|&i| !report.findings[i].acknowledged)
            .collect();
    }

    /// Handles a message: the record of a clicked finding.
    pub fn update(&mut self, message: Message) -> Option<Id> {
        match message {
            Message::Pick(subject) => Some(subject),
            Message::Scrolled(viewport) => {
                self.window.scrolled(viewport);
                None
            }
        }
    }

    /// Draws the findings of `report` (the one last refreshed from).
    pub fn view<'a>(&'a self, report: &'a Report) -> Element<'a, Message> {
        let title = text(format!(
            "问题 {} 个错误 · {} 个警告 · {} 个提示",
            report.summary.errors, report.summary.warnings, report.summary.infos
        ))
        .size(15);
        let list = self.window.view(
            LIST,
            self.rows.len(),
            ROW,
            |i| {
                let f = &report.findings[self.rows[i]];
                button(text(label(f)).size(13).wrapping(text::Wrapping::None))
                    .on_press(Message::Pick(f.subject))
                    .style(button::text)
                    .padding([1, 4])
                    .height(Length::Fixed(ROW))
                    .into()
            },
            Message::Scrolled,
        );
        column![title, list].spacing(6).into()
    }
}
