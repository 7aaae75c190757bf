//! The problems panel: the check findings, errors first or in the tree's
//! order, narrowed to a severity or a rule; clicking one goes to where it is
//! fixed (its unit selected, the control to use in view, how to fix it said
//! at the top of the property panel), hovering one shows its whole message
//! below the list
//! (a row keeps to one line: rows share one height). Only the rows
//! in view are built, so a city's thousands of findings scroll as lightly as
//! a street's few.
//!
//! A finding can be acknowledged with a note (kept in the document, as
//! `gridorg check` reads it): it then leaves the list and is counted apart,
//! until 显示已确认 lists it again with its note and a button to withdraw it.

mod below;
mod message;
mod names;

pub use message::{Message, Order, RuleChoice};
pub use names::{
    ACKNOWLEDGE, ALL, ALL_RULES, BY_SEVERITY, BY_UNIT, CANCEL, CONFIRM, LIST, NOTE, RULES,
    SHOW_ACKNOWLEDGED, WITHDRAW,
};

use super::status::CHECKING;
use super::widget::rows;
use crate::check::{self, Finding, FindingKey, Report, Rule, Severity};
use crate::edit::Command;
use crate::graph::Tree;
use crate::model::{Acknowledgement, Document, Id};
use iced::widget::{button, column, container, mouse_area, pick_list, row, text};
use iced::{Element, Length};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// The height of a finding's row.
const ROW: f32 = 22.0;
/// What the editor acts on.
#[derive(Debug, Clone)]
pub enum Event {
    /// The finding was clicked: go to its fix.
    Fix(FindingKey),
    /// The note's field opened: give it the keyboard.
    Noting,
    /// Apply this command through the history.
    Edit(Command),
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

/// The text of an acknowledged finding's row: its note first, where the cut
/// to one line leaves it whole.
pub fn acknowledged_label(f: &Finding, note: &str) -> String {
    format!("〔已确认：{note}〕{}", label(f))
}

/// A finding of the report, with what the filters and the orders look at.
#[derive(Debug, Clone)]
struct Entry {
    severity: Severity,
    key: FindingKey,
    /// Its unit's place in the tree's order (unknown units last).
    rank: usize,
    /// The note it was acknowledged with, or `None` while it is open.
    note: Option<String>,
}

/// A note being written for a finding.
#[derive(Debug, Clone)]
struct Draft {
    key: FindingKey,
    note: String,
}

/// The panel's state: the findings, the filters, and the part in view.
#[derive(Debug, Default)]
pub struct Problems {
    /// Every finding, in the report's order.
    entries: Vec<Entry>,
    /// Where each finding sits in the report (and in `entries`).
    positions: FxHashMap<FindingKey, usize>,
    /// The rule filter's choices: all, then each rule found, in table order.
    choices: Vec<RuleChoice>,
    severity: Option<Severity>,
    rule: Option<Rule>,
    order: Order,
    /// Whether acknowledged findings are listed too.
    show_acknowledged: bool,
    /// Indices of the findings listed, filtered and ordered.
    rows: Vec<usize>,
    /// The finding under the pointer, whose message is shown whole.
    hovered: Option<FindingKey>,
    /// The note being written, shown below the list instead of the message.
    draft: Option<Draft>,
    /// Whether a report was listed: until then the document is being checked.
    checked: bool,
    window: rows::Window,
}

impl Problems {
    /// Lists a new report's findings; `document` gives the notes of the
    /// acknowledged ones and, with `tree`, places each one's unit for the
    /// order by unit.
    pub fn refresh(&mut self, report: &Report, document: &Document, tree: &Tree) {
        let rank: FxHashMap<Id, usize> = tree
            .in_order()
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i))
            .collect();
        let notes: FxHashMap<(&str, Id), &str> = document
            .acknowledgements
            .iter()
            .map(|a| ((a.rule.as_str(), a.subject), a.note.as_str()))
            .collect();
        self.entries = report
            .findings
            .iter()
            .map(|f| Entry {
                severity: f.severity,
                key: f.key(),
                rank: check::unit_of(document, f.subject)
                    .and_then(|unit| rank.get(&unit).copied())
                    .unwrap_or(usize::MAX),
                note: f.acknowledged.then(|| {
                    notes
                        .get(&(f.rule.id(), f.subject))
                        .map_or_else(String::new, |note| note.to_string())
                }),
            })
            .collect();
        self.checked = true;
        self.positions = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key, i))
            .collect();
        // Another finding may now sit under the pointer.
        self.hovered = None;
        // A finding fixed (or acknowledged elsewhere) takes its note along.
        self.draft = self
            .draft
            .take()
            .filter(|draft| self.entry(draft.key).is_some_and(|e| e.note.is_none()));
        self.list();
    }

    /// Lists the findings the filters let through, in the chosen order, and
    /// counts those of each rule for the rule filter.
    fn list(&mut self) {
        let listable = || {
            self.entries
                .iter()
                .enumerate()
                .filter(|(_, e)| self.show_acknowledged || e.note.is_none())
        };
        // A rule chosen stays a choice when its findings are all fixed: the
        // user then sees it at nought rather than the filter jumping to all.
        let mut counts: BTreeMap<Rule, usize> = self.rule.map(|r| (r, 0)).into_iter().collect();
        for (_, entry) in listable() {
            *counts.entry(entry.key.rule).or_default() += 1;
        }
        self.choices = std::iter::once(RuleChoice {
            rule: None,
            count: listable().count(),
        })
        .chain(counts.into_iter().map(|(rule, count)| RuleChoice {
            rule: Some(rule),
            count,
        }))
        .collect();
        let mut shown: Vec<(usize, &Entry)> = listable()
            .filter(|(_, e)| self.severity.is_none_or(|s| e.severity == s))
            .filter(|(_, e)| self.rule.is_none_or(|r| e.key.rule == r))
            .collect();
        if self.order == Order::Unit {
            // Stable: a unit's findings keep the report's order, errors first.
            shown.sort_by_key(|(_, e)| e.rank);
        }
        self.rows = shown.into_iter().map(|(index, _)| index).collect();
    }

    /// The finding with this key in the last report, if it is there.
    fn entry(&self, key: FindingKey) -> Option<&Entry> {
        self.positions.get(&key).map(|&i| &self.entries[i])
    }

    /// Handles a message: what the editor is to do about it.
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Pick(key) => return Some(Event::Fix(key)),
            Message::Scrolled(viewport) => {
                self.window.scrolled(viewport);
                return None;
            }
            Message::Hovered(key) => {
                self.hovered = Some(key);
                return None;
            }
            Message::Left(key) => {
                // Moving onto the row above enters it before leaving this one.
                if self.hovered == Some(key) {
                    self.hovered = None;
                }
                return None;
            }
            Message::Acknowledge(key) => {
                self.entry(key).filter(|e| e.note.is_none())?;
                self.draft = Some(Draft {
                    key,
                    note: String::new(),
                });
                return Some(Event::Noting);
            }
            Message::Note(note) => {
                if let Some(draft) = &mut self.draft {
                    draft.note = note;
                }
                return None;
            }
            Message::Confirm => {
                // The field's Enter confirms too: an empty note is not taken.
                // The field stays open until the edit is made: a refused note
                // can be mended.
                let draft = self.draft.as_ref().filter(|d| !d.note.trim().is_empty())?;
                return Some(Event::Edit(Command::Acknowledge(Acknowledgement {
                    rule: draft.key.rule.id().to_string(),
                    subject: draft.key.subject,
                    note: draft.note.trim().to_string(),
                })));
            }
            Message::Cancel => {
                self.draft = None;
                return None;
            }
            Message::Withdraw(key) => {
                self.entry(key).filter(|e| e.note.is_some())?;
                return Some(Event::Edit(Command::Unacknowledge {
                    rule: key.rule.id().to_string(),
                    subject: key.subject,
                }));
            }
            Message::ShowAcknowledged(show) => self.show_acknowledged = show,
            Message::Severity(severity) => self.severity = severity,
            Message::Rule(choice) => self.rule = choice.rule,
            Message::Order(order) => self.order = order,
        }
        self.window.reset();
        self.list();
        None
    }

    /// The acknowledgement asked for was made: its note's field closes.
    pub fn noted(&mut self) {
        self.draft = None;
    }

    /// Draws the findings of `report` (the one last refreshed from).
    pub fn view<'a>(&'a self, report: &'a Report) -> Element<'a, Message> {
        let list = self.window.view(
            LIST,
            self.rows.len(),
            ROW,
            |i| {
                let index = self.rows[i];
                finding_row(&report.findings[index], self.entries[index].note.as_deref())
            },
            Message::Scrolled,
        );
        // While a note is written the finding it is for stays in view.
        let found = |key| {
            let i = *self.positions.get(&key)?;
            Some((report.findings.get(i)?, self.entries[i].note.as_deref()))
        };
        let below = match &self.draft {
            Some(draft) => found(draft.key).map(|(f, _)| below::note(f, &draft.note)),
            None => self
                .hovered
                .and_then(found)
                .map(|(f, note)| below::whole(f, note)),
        };
        column![self.header(report), self.filters(), list]
            .push(below)
            .spacing(6)
            .into()
    }

    /// The counts of open findings by severity, then those acknowledged, with
    /// the toggle that lists them.
    fn header<'a>(&self, report: &'a Report) -> Element<'a, Message> {
        let s = &report.summary;
        if !self.checked {
            return row![text("问题").size(15), text(CHECKING).size(15)]
                .spacing(8)
                .into();
        }
        let title = text(format!(
            "问题 {} 个错误 · {} 个警告 · {} 个提示",
            s.errors, s.warnings, s.infos
        ))
        .size(15);
        let mut header = row![title].spacing(8).align_y(iced::Alignment::Center);
        // Kept while on, so it can be switched off when the last is withdrawn.
        if s.acknowledged > 0 || self.show_acknowledged {
            header = header
                .push(text(format!("已确认 {} 条", s.acknowledged)).size(12))
                .push(
                    button(text(SHOW_ACKNOWLEDGED).size(12))
                        .on_press(Message::ShowAcknowledged(!self.show_acknowledged))
                        .padding([2, 6])
                        .style(if self.show_acknowledged {
                            button::primary
                        } else {
                            button::secondary
                        }),
                );
        }
        header.into()
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
        bar = bar
            .push(container(rules).id(RULES))
            .push(toggle(
                BY_SEVERITY,
                self.order == Order::Severity,
                Message::Order(Order::Severity),
            ))
            .push(toggle(
                BY_UNIT,
                self.order == Order::Unit,
                Message::Order(Order::Unit),
            ));
        // Until the first check has ended there is no count to give: the
        // header says 正在检查….
        if self.checked {
            bar = bar.push(text(format!("列出 {} 条", self.rows.len())).size(12));
        }
        bar.wrap().into()
    }
}

/// A finding's row, cut to one line, with its button to acknowledge it or,
/// if it is (`note`), to withdraw that; hovering it shows the whole message
/// below the list.
fn finding_row<'a>(f: &'a Finding, note: Option<&str>) -> Element<'a, Message> {
    let key = f.key();
    let (line, action, act) = match note {
        None => (label(f), ACKNOWLEDGE, Message::Acknowledge(key)),
        Some(note) => (
            acknowledged_label(f, note),
            WITHDRAW,
            Message::Withdraw(key),
        ),
    };
    // Clipped to its share of the row: a long message would otherwise run
    // on under the button beside it.
    let pick = button(
        iced::widget::container(text(line).size(13).wrapping(text::Wrapping::None))
            .width(Length::Fill)
            .clip(true),
    )
    .on_press(Message::Pick(key))
    .style(button::text)
    .padding([1, 4])
    .width(Length::Fill);
    let act = button(text(action).size(12))
        .on_press(act)
        .style(button::secondary)
        .padding([1, 6]);
    let row = row![pick, act]
        .spacing(4)
        .height(Length::Fixed(ROW))
        .align_y(iced::Alignment::Center);
    mouse_area(row)
        .on_enter(Message::Hovered(key))
        .on_exit(Message::Left(key))
        .into()
}
