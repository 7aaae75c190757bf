//! The problems panel: the check findings, errors first; clicking one selects
//! the unit that answers for it.

use crate::check::{Finding, Report, Severity};
use crate::model::Id;
use iced::widget::{button, scrollable, text, Column};
use iced::{Element, Length};

/// What the panel reacts to: a finding about this record was clicked.
#[derive(Debug, Clone)]
pub struct Message(pub Id);

/// The text of a finding's row: "[错误] 编码 名称：说明".
pub fn label(f: &Finding) -> String {
    let mark = match f.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        _ => "提示",
    };
    format!("[{mark}] {} {}：{}", f.code, f.name, f.message)
}

/// Draws the findings.
pub fn view(report: &Report) -> Element<'_, Message> {
    let rows: Vec<Element<'_, Message>> = report
        .findings
        .iter()
        .filter(|f| !f.acknowledged)
        .take(1000)
        .map(|f| {
            button(text(label(f)).size(13))
                .on_press(Message(f.subject))
                .style(button::text)
                .padding([1, 4])
                .into()
        })
        .collect();
    let title = text(format!(
        "问题 {} 个错误 · {} 个警告 · {} 个提示",
        report.summary.errors, report.summary.warnings, report.summary.infos
    ))
    .size(15);
    Column::new()
        .push(title)
        .push(scrollable(Column::with_children(rows).spacing(1)).height(Length::Fill))
        .spacing(6)
        .into()
}
