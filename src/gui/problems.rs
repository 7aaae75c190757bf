//! The problems panel: the check findings, errors first or in the tree's
//! order, narrowed to a severity or a rule; clicking one goes to where it is
//! fixed (its unit selected, the control to use in view, how to fix it said
//! at the top of the property panel), hovering one shows its whole message
//! in the detail area below the list (a row keeps to one line: rows share
//! one height). That area keeps one height whatever it shows, so the rows
//! never move between a press and its release. Only the rows in view are
//! built, so a city's thousands of findings scroll as lightly as a street's
//! few.
//!
//! A clicked row gives the list the keyboard: ↑ ↓ move the highlighted row,
//! Enter goes to its fix, Escape (or a click on the outline or the canvas)
//! lets go.
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
/// The rows the list shows at once: its height is theirs at any window
/// size, so an office desk's 700 pixels show as many as a tall screen's.
const SHOWN: f32 = 5.0;
/// The height of the detail area below the list: a heading line and two
/// lines of message, or a heading line and the note's field. Constant, so
/// that what it shows never moves the rows.
const DETAIL: f32 = 58.0;
/// What the editor acts on.
#[derive(Debug, Clone)]
pub enum Event {
    /// The finding was clicked (or Enter pressed on it): go to its fix.
    Fix(FindingKey),
    /// The highlighted row moved: bring it into view.
    Highlighted,
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
    /// Whether the list has the keyboard (a row was clicked): ↑ ↓ move the
    /// highlight, Enter goes to its fix.
    keyboard: bool,
    /// The highlighted finding: the last clicked or stepped to.
    highlighted: Option<FindingKey>,
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

    /// Where the finding with this key is listed, if it is.
    fn row_of(&self, key: FindingKey) -> Option<usize> {
        let index = *self.positions.get(&key)?;
        self.rows.iter().position(|&i| i == index)
    }

    /// Whether the list has the keyboard (↑ ↓ and Enter are its).
    pub fn has_keyboard(&self) -> bool {
        self.keyboard
    }

    /// The list lets go of the keyboard (Escape, or the user turned to the
    /// outline or the canvas); whether it had it.
    pub fn let_go(&mut self) -> bool {
        std::mem::take(&mut self.keyboard)
    }

    /// Scrolls the list to the highlighted row, where it is out of view.
    pub fn show_highlighted<M: Send + 'static>(&self) -> iced::Task<M> {
        let offset = self
            .highlighted
            .and_then(|key| self.row_of(key))
            .and_then(|row| self.window.offset_showing(row, ROW));
        offset.map_or_else(iced::Task::none, |y| {
            iced::widget::operation::scroll_to(
                LIST,
                iced::widget::operation::AbsoluteOffset { x: 0.0, y },
            )
        })
    }

    /// Handles a message: what the editor is to do about it.
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Pick(key) => {
                self.keyboard = true;
                self.highlighted = Some(key);
                return Some(Event::Fix(key));
            }
            Message::Previous | Message::Next if self.keyboard && !self.rows.is_empty() => {
                let last = self.rows.len() - 1;
                let row = match self.highlighted.and_then(|key| self.row_of(key)) {
                    Some(row) if matches!(message, Message::Previous) => row.saturating_sub(1),
                    Some(row) => (row + 1).min(last),
                    // A highlight filtered out starts again at the top.
                    None => 0,
                };
                self.highlighted = Some(self.entries[self.rows[row]].key);
                // The area below shows the row stepped to, not the one the
                // pointer last rested on.
                self.hovered = None;
                return Some(Event::Highlighted);
            }
            Message::Previous | Message::Next => return None,
            Message::Open => {
                let key = self.highlighted.filter(|_| self.keyboard)?;
                self.row_of(key)?;
                return Some(Event::Fix(key));
            }
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
                let entry = &self.entries[index];
                let lit = self.keyboard && self.highlighted == Some(entry.key);
                finding_row(&report.findings[index], entry.note.as_deref(), lit)
            },
            Message::Scrolled,
        );
        let detail = container(self.detail(report))
            .height(Length::Fixed(DETAIL))
            .width(Length::Fill)
            .clip(true);
        let list = container(list).height(Length::Fixed(SHOWN * ROW));
        column![self.header(report), self.filters(), list, detail]
            .spacing(6)
            .into()
    }

    /// What the detail area shows: the note being written (its finding
    /// stays in view), else the finding under the pointer, else the one
    /// highlighted while the list has the keyboard, else how to use the list.
    fn detail<'a>(&'a self, report: &'a Report) -> Element<'a, Message> {
        let found = |key| {
            let i = *self.positions.get(&key)?;
            Some((report.findings.get(i)?, self.entries[i].note.as_deref()))
        };
        if let Some(draft) = &self.draft {
            if let Some((f, _)) = found(draft.key) {
                return below::note(f, &draft.note);
            }
        }
        let highlighted = self.highlighted.filter(|_| self.keyboard);
        match self.hovered.or(highlighted).and_then(found) {
            Some((f, note)) => below::whole(f, note),
            None => below::hint(self.keyboard),
        }
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
/// below the list. The highlighted row (`lit`) is drawn on a tint.
fn finding_row<'a>(f: &'a Finding, note: Option<&str>, lit: bool) -> Element<'a, Message> {
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
    .style(move |theme: &iced::Theme, status| {
        let style = button::text(theme, status);
        if !lit {
            return style;
        }
        let tint = theme.extended_palette().primary.weak;
        button::Style {
            background: Some(tint.color.into()),
            text_color: tint.text,
            ..style
        }
    })
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
