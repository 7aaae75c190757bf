//! What the problems panel reacts to, and the choices of its filters and orders.

use super::names::ALL_RULES;
use crate::check::{FindingKey, Rule, Severity};
use iced::widget::scrollable::Viewport;
use std::fmt;

/// What the panel reacts to. A finding is named by its key, not by its place
/// in the list: a check that ends between a click and its message replaces
/// the list, and the message then acts on the same finding (or on nothing,
/// if it is gone).
#[derive(Debug, Clone)]
pub enum Message {
    /// The finding was clicked: it is highlighted, the list takes the
    /// keyboard, and the window goes to its fix.
    Pick(FindingKey),
    /// ↑ while the list has the keyboard: the row above is highlighted.
    Previous,
    /// ↓ while the list has the keyboard: the row below is highlighted.
    Next,
    /// Enter: go to the highlighted finding's fix, while the list has the
    /// keyboard.
    Open,
    /// The list was scrolled.
    Scrolled(Viewport),
    /// Only findings of this severity (or all) are to be listed.
    Severity(Option<Severity>),
    /// Only findings of this rule (or all) are to be listed.
    Rule(RuleChoice),
    /// The list is to be ordered so.
    Order(Order),
    /// The pointer came onto the finding's row.
    Hovered(FindingKey),
    /// The pointer left the finding's row.
    Left(FindingKey),
    /// The finding is to be acknowledged: its note is asked for.
    Acknowledge(FindingKey),
    /// The note was edited.
    Note(String),
    /// The note is written: acknowledge the finding with it.
    Confirm,
    /// The note is dropped.
    Cancel,
    /// The finding's acknowledgement is withdrawn.
    Withdraw(FindingKey),
    /// Acknowledged findings are to be listed too (or not).
    ShowAcknowledged(bool),
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

/// A choice of the rule filter: one rule and its findings that can be
/// listed (the open ones, and those acknowledged while they are shown), or all.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleChoice {
    /// The rule, or `None` for every rule.
    pub rule: Option<Rule>,
    /// Its findings that can be listed.
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
