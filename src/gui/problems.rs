//! The problems panel: the check findings, errors first or in the tree's
//! order, narrowed to a severity or a rule; clicking one selects the unit
//! that answers for it, hovering one shows its whole message below the list
//! (a row keeps to one line: rows share one height). Only the rows
//! in view are built, so a city's thousands of findings scroll as lightly as
//! a street's few.

use super::rows;
use crate::check::{self, Finding, Report, Rule, Severity};
use crate::model::{Document, Id};
use crate::tree::Tree;
use iced::widget::scrollable::Viewport;
use iced::widget::{button, column, container, mouse_area, pick_list, row, text};
use iced::{Element, Length};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::fmt;

/// The height of a finding's row.
const ROW: f32 = 22.0;
/// The id of the problems' scrolling list.
pub const LIST: &str = "problems-list";
/// The id of the frame around the rule filter.
pub const RULES: &str = "problems-rules";
/// The severity filter's button that lets every severity through.
pub const ALL: &str = "全部";
/// The order button for errors first.
pub const BY_SEVERITY: &str = "按严重程度";
/// The order button for the tree's order of the units found at fault.
pub const BY_UNIT: &str = "按组织";
/// The rule filter's choice that lets every rule through.
pub const ALL_RULES: &str = "全部规则";

/// What the panel reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A finding about this record was clicked.
    Pick(Id),
    /// The list was scrolled.
    Scrolled(Viewport),
    /// Only findings of this severity (or all) are to be listed.
    Severity(Option<Severity>),
    /// Only findings of this rule (or all) are to be listed.
    Rule(RuleChoice),
    /// The list is to be ordered so.
    Order(Order),
    /// The pointer came onto the row of the finding at this index.
    Hovered(usize),
    /// The pointer left the row of the finding at this index.
    Left(usize),
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Errors first, then warnings, then notes (the report's order).
    #[default]
    Severity,
    /// By the unit each finding is about, in the tree's order.
    Unit,
}

/// A choice of the rule filter: one rule and its open findings, or all.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleChoice {
    /// The rule, or `None` for every rule.
    pub rule: Option<Rule>,
    /// Its open findings.
    pub count: usize,
}

impl fmt::Display for RuleChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.rule {
            Some(rule) => write!(f, "{}（{}）", rule.title(), self.count),
            None => write!(f, "{ALL_RULES}（{}）", self.count),
        }
    }
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

/// An open finding, with what the filters and the orders look at.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// Its index in the report.
    index: usize,
    severity: Severity,
    rule: Rule,
    /// Its unit's place in the tree's order (unknown units last).
    rank: usize,
}

/// The panel's state: the open findings, the filters, and the part in view.
#[derive(Debug, Default)]
pub struct Problems {
    /// The findings not acknowledged, in the report's order.
    open: Vec<Open>,
    /// The rule filter's choices: all, then each rule found, in table order.
    choices: Vec<RuleChoice>,
    severity: Option<Severity>,
    rule: Option<Rule>,
    order: Order,
    /// Indices of the findings listed, filtered and ordered.
    rows: Vec<usize>,
    /// The index of the finding under the pointer, whose message is shown whole.
    hovered: Option<usize>,
    window: rows::Window,
}

impl Problems {
    /// Lists a new report's open findings; `document` and `tree` place each
    /// one's unit for the order by unit.
    pub fn refresh(&mut self, report: &Report, document: &Document, tree: &Tree) {
        let rank: FxHashMap<Id, usize> = tree
            .in_order()
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i))
            .collect();
        self.open = report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.acknowledged)
            .map(|(index, f)| Open {
                index,
                severity: f.severity,
                rule: f.rule,
                rank: check::unit_of(document, f.subject)
                    .and_then(|unit| rank.get(&unit).copied())
                    .unwrap_or(usize::MAX),
            })
            .collect();
        // A rule chosen stays a choice when its findings are all fixed: the
        // user then sees it at nought rather than the filter jumping to all.
        let mut counts: BTreeMap<Rule, usize> = self.rule.map(|r| (r, 0)).into_iter().collect();
        for open in &self.open {
            *counts.entry(open.rule).or_default() += 1;
        }
        self.choices = std::iter::once(RuleChoice {
            rule: None,
            count: self.open.len(),
        })
        .chain(counts.into_iter().map(|(rule, count)| RuleChoice {
            rule: Some(rule),
            count,
        }))
        .collect();
        self.list();
    }

    /// Lists the open findings the filters let through, in the chosen order.
    fn list(&mut self) {
        let mut shown: Vec<Open> = self
            .open
            .iter()
            .filter(|o| self.severity.is_none_or(|s| o.severity == s))
            .filter(|o| self.rule.is_none_or(|r| o.rule == r))
            .copied()
            .collect();
        if self.order == Order::Unit {
            // Stable: a unit's findings keep the report's order, errors first.
            shown.sort_by_key(|o| o.rank);
        }
        self.rows = shown.into_iter().map(|o| o.index).collect();
    }

    /// Handles a message: the record of a clicked finding.
    pub fn update(&mut self, message: Message) -> Option<Id> {
        match message {
            Message::Pick(subject) => return Some(subject),
            Message::Scrolled(viewport) => {
                self.window.scrolled(viewport);
                return None;
            }
            Message::Hovered(index) => {
                self.hovered = Some(index);
                return None;
            }
            Message::Left(index) => {
                // Moving onto the row above enters it before leaving this one.
                if self.hovered == Some(index) {
                    self.hovered = None;
                }
                return None;
            }
            Message::Severity(severity) => self.severity = severity,
            Message::Rule(choice) => self.rule = choice.rule,
            Message::Order(order) => self.order = order,
        }
        self.window.reset();
        self.list();
        None
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
            |i| finding_row(self.rows[i], &report.findings[self.rows[i]]),
            Message::Scrolled,
        );
        let whole = self.hovered.and_then(|i| report.findings.get(i)).map(|f| {
            container(
                column![
                    text(format!("{} {} {}", f.severity.label(), f.code, f.name)).size(12),
                    text(f.message.as_str()).size(13),
                ]
                .spacing(2),
            )
            .padding(6)
            .width(Length::Fill)
            .style(container::bordered_box)
        });
        column![title, self.filters(), list]
            .push(whole)
            .spacing(6)
            .into()
    }

    /// The severity buttons, the rule list, the order buttons and how many
    /// findings are listed.
    fn filters(&self) -> Element<'_, Message> {
        let toggle = |label: &'static str, on: bool, message: Message| {
            button(text(label).size(12))
                .on_press(message)
                .padding([2, 6])
                .style(if on {
                    button::primary
                } else {
                    button::secondary
                })
        };
        let mut bar = row![].spacing(4).align_y(iced::Alignment::Center);
        for severity in [
            None,
            Some(Severity::Error),
            Some(Severity::Warning),
            Some(Severity::Info),
        ] {
            let label = severity.map_or(ALL, Severity::label);
            bar = bar.push(toggle(
                label,
                self.severity == severity,
                Message::Severity(severity),
            ));
        }
        let chosen = self.choices.iter().find(|c| c.rule == self.rule);
        let rules = pick_list(self.choices.as_slice(), chosen, Message::Rule)
            .text_size(12)
            .padding([2, 6]);
        bar.push(container(rules).id(RULES))
            .push(toggle(
                BY_SEVERITY,
                self.order == Order::Severity,
                Message::Order(Order::Severity),
            ))
            .push(toggle(
                BY_UNIT,
                self.order == Order::Unit,
                Message::Order(Order::Unit),
            ))
            .push(text(format!("列出 {} 条", self.rows.len())).size(12))
            .wrap()
            .into()
    }
}

/// The row of the finding at `index`, cut to one line; hovering it shows
/// the whole message below the list.
fn finding_row(index: usize, f: &Finding) -> Element<'_, Message> {
    let row = button(text(label(f)).size(13).wrapping(text::Wrapping::None))
        .on_press(Message::Pick(f.subject))
        .style(button::text)
        .padding([1, 4])
        .height(Length::Fixed(ROW))
        .width(Length::Fill);
    mouse_area(row)
        .on_enter(Message::Hovered(index))
        .on_exit(Message::Left(index))
        .into()
}
