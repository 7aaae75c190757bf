//! The home view, shown when nothing is selected: counts and coverage per
//! street and community with small bars, the open findings counted by rule,
//! and the terms that end within 90 days. Everything it shows is worked out
//! in [`Home::refresh`] when new figures and findings arrive, so drawing it
//! costs the same for a city as for a street.

use super::status::CHECKING;
use super::widget::cut::cut;
use super::widget::rows;
use crate::check::{Report, Rule, Severity};
use crate::graph::Tree;
use crate::model::{Document, Id, Level, Unit};
use crate::stats::{Counts, Scope, Stats};
use chrono::NaiveDate;
use iced::widget::scrollable::Viewport;
use iced::widget::{button, column, container, progress_bar, row, scrollable, space, text, Column};
use iced::{Alignment, Element, Length};
use rustc_hash::FxHashMap;

/// The id of the street and community table's scrolling list.
pub const TABLE: &str = "home-table";
/// How far ahead expiring terms are listed, in days.
pub const TERM_DAYS: i64 = 90;
/// The height of a table row: the name, then the coverage figures.
const ROW: f32 = 40.0;
/// Expiring terms listed at most (the rest are counted).
const TERMS_SHOWN: usize = 50;
/// The width of a coverage bar.
const BAR: f32 = 32.0;
/// The width of a coverage figure ("1234/2345 52%" of a city's street).
const FIGURE: f32 = 84.0;
/// The width of the member count.
const MEMBERS: f32 = 32.0;
/// The space between the table's cells.
const GAP: f32 = 4.0;

/// What the view reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A street, community or unit with an expiring term was clicked.
    Pick(Id),
    /// The table was scrolled.
    Scrolled(Viewport),
    /// The add-street button was pressed.
    AddStreet,
}

/// What the editor acts on.
pub enum Event {
    /// Select this unit.
    Select(Id),
    /// Add a street.
    AddStreet,
}

/// The text of a coverage figure: "5/6 83%" (the percent rounded down, so
/// only full coverage reads 100%).
pub fn coverage(covered: usize, whole: usize, percent: f64) -> String {
    format!("{covered}/{whole} {}%", percent.floor())
}

/// The text of a rule's line: "[错误] 网格未被支部覆盖 3 条".
pub fn rule_label(severity: Severity, rule: Rule, count: usize) -> String {
    format!("[{}] {} {count} 条", severity.label(), rule.title())
}

/// The text of an expiring term's line: "2027-01-05 届满（还有 35 天） XY01 名称".
pub fn term_label(unit: &Unit, end: NaiveDate, today: NaiveDate) -> String {
    format!(
        "{end} 届满（还有 {} 天） {} {}",
        (end - today).num_days(),
        unit.code,
        unit.name
    )
}

/// One row of the table.
#[derive(Debug)]
struct Line {
    unit: Option<Id>,
    street: bool,
    name: String,
    members: String,
    grids: String,
    grid_percent: f32,
    buildings: String,
    building_percent: f32,
}

impl Line {
    fn new(unit: Option<Id>, street: bool, scope: &Scope) -> Line {
        let c = &scope.counts;
        Line {
            unit,
            street,
            name: scope.name.clone(),
            members: c.members.to_string(),
            grids: coverage(c.grids_covered, c.grids, c.grid_coverage_percent()),
            grid_percent: c.grid_coverage_percent() as f32,
            buildings: coverage(
                c.buildings_covered,
                c.buildings,
                c.building_coverage_percent(),
            ),
            building_percent: c.building_coverage_percent() as f32,
        }
    }
}

/// The view's state: its lines, made ready when the figures change.
#[derive(Debug, Default)]
pub struct Home {
    total: String,
    lines: Vec<Line>,
    /// Open findings by rule, errors first, then the most frequent.
    rules: Vec<String>,
    acknowledged: usize,
    expired: usize,
    /// The first expiring terms, soonest first: unit and text.
    terms: Vec<(Id, String)>,
    more_terms: usize,
    window: rows::Window,
    /// Whether figures were taken in: until then the document is being checked.
    checked: bool,
}

impl Home {
    /// Takes in new figures and findings for `document`, as of today.
    pub fn refresh(&mut self, stats: &Stats, report: &Report, document: &Document, tree: &Tree) {
        let today = chrono::Local::now().date_naive();
        self.refresh_on(stats, report, document, tree, today);
    }

    fn refresh_on(
        &mut self,
        stats: &Stats,
        report: &Report,
        document: &Document,
        tree: &Tree,
        today: NaiveDate,
    ) {
        self.checked = true;
        self.total = total(&stats.total);
        self.lines = lines(stats, document, tree);
        self.rules = by_rule(report);
        self.acknowledged = report.summary.acknowledged;
        self.expired = report
            .findings
            .iter()
            .filter(|f| f.rule == Rule::TermExpired)
            .count();
        let mut terms = expiring(document, today);
        self.more_terms = terms.len().saturating_sub(TERMS_SHOWN);
        terms.truncate(TERMS_SHOWN);
        self.terms = terms
            .into_iter()
            .map(|(end, unit)| (unit.id, term_label(unit, end, today)))
            .collect();
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Pick(id) => Some(Event::Select(id)),
            Message::AddStreet => Some(Event::AddStreet),
            Message::Scrolled(viewport) => {
                self.window.scrolled(viewport);
                None
            }
        }
    }

    /// Draws the view.
    pub fn view(&self) -> Element<'_, Message> {
        let top = row![
            text("概况").size(18).width(Length::Fill),
            button(text(super::inspector::ADD_STREET).size(14)).on_press(Message::AddStreet),
        ]
        .align_y(Alignment::Center);
        if !self.checked {
            return column![top, text(CHECKING).size(13)].spacing(6).into();
        }
        // Two lines, as each row has: the name has the width of the panel,
        // not what the figures leave of it.
        let heading = column![
            row![
                text("街道 / 社区").size(12).width(Length::Fill),
                text("党员").size(12).width(Length::Fixed(MEMBERS)),
            ]
            .spacing(GAP),
            row![
                space::horizontal(),
                text("网格覆盖")
                    .size(12)
                    .width(Length::Fixed(BAR + GAP + FIGURE)),
                text("楼栋覆盖")
                    .size(12)
                    .width(Length::Fixed(BAR + GAP + FIGURE)),
            ]
            .spacing(GAP),
        ]
        .padding([0, 4]);
        let table = self.window.view(
            TABLE,
            self.lines.len(),
            ROW,
            |i| self.line(&self.lines[i]),
            Message::Scrolled,
        );
        let mut rules = Column::new().spacing(2);
        if self.rules.is_empty() {
            rules = rules.push(text("没有未处理的问题").size(13));
        }
        for label in &self.rules {
            rules = rules.push(text(label.as_str()).size(13));
        }
        let mut terms = Column::new()
            .spacing(2)
            .push(text(format!("已届满未换届 {} 个", self.expired)).size(13));
        for (unit, label) in &self.terms {
            terms = terms.push(
                button(cut(label.as_str()).size(13))
                    .on_press(Message::Pick(*unit))
                    .style(button::text)
                    .padding([1, 4]),
            );
        }
        if self.more_terms > 0 {
            terms = terms.push(text(format!("另有 {} 个", self.more_terms)).size(13));
        }
        let rules_title = if self.acknowledged > 0 {
            format!("问题按规则（另有 {} 条已确认）", self.acknowledged)
        } else {
            "问题按规则".to_string()
        };
        column![
            top,
            text(self.total.as_str()).size(13),
            heading,
            container(table).height(Length::FillPortion(3)),
            text(rules_title).size(15),
            container(scrollable(rules.width(Length::Fill))).height(Length::FillPortion(3)),
            text(format!("{TERM_DAYS} 天内任期届满")).size(15),
            container(scrollable(terms.width(Length::Fill))).height(Length::FillPortion(2)),
        ]
        .spacing(6)
        .into()
    }

    /// One row of the table: a street in bold type, its communities indented.
    fn line<'a>(&'a self, line: &'a Line) -> Element<'a, Message> {
        let mut name = cut(line.name.as_str()).size(13);
        if line.street {
            name = name.font(iced::Font {
                weight: iced::font::Weight::Bold,
                ..super::font::CJK
            });
        }
        let indent = if line.street { 0.0 } else { 12.0 };
        let bar = |percent: f32| {
            let style = if percent >= 100.0 {
                progress_bar::success
            } else {
                progress_bar::warning
            };
            progress_bar(0.0..=100.0, percent)
                .length(Length::Fixed(BAR))
                .girth(Length::Fixed(8.0))
                .style(style)
        };
        let figure = |s: &'a str| text(s).size(11).width(Length::Fixed(FIGURE));
        let cells = column![
            row![
                container(name)
                    .padding(iced::Padding::ZERO.left(indent))
                    .width(Length::Fill),
                text(line.members.as_str())
                    .size(12)
                    .width(Length::Fixed(MEMBERS)),
            ]
            .spacing(GAP)
            .align_y(Alignment::Center),
            row![
                space::horizontal(),
                bar(line.grid_percent),
                figure(&line.grids),
                bar(line.building_percent),
                figure(&line.buildings),
            ]
            .spacing(GAP)
            .align_y(Alignment::Center),
        ];
        button(cells)
            .on_press_maybe(line.unit.map(Message::Pick))
            .style(button::text)
            .padding([1, 4])
            .width(Length::Fill)
            .height(Length::Fixed(ROW))
            .into()
    }
}

/// The totals line.
fn total(c: &Counts) -> String {
    format!(
        "共 {} 个街道 · {} 个社区 · 党员 {} 名 · 网格覆盖 {} · 楼栋覆盖 {}",
        c.streets,
        c.communities,
        c.members,
        coverage(c.grids_covered, c.grids, c.grid_coverage_percent()),
        coverage(
            c.buildings_covered,
            c.buildings,
            c.building_coverage_percent()
        ),
    )
}

/// Each street followed by its communities (its children in `tree`), in the
/// figures' code order; communities outside any street last.
fn lines(stats: &Stats, document: &Document, tree: &Tree) -> Vec<Line> {
    let units: FxHashMap<&str, &Unit> = document
        .units
        .values()
        .filter(|u| matches!(u.level, Level::Street | Level::Community))
        .map(|u| (u.code.as_str(), u))
        .collect();
    let unit = |scope: &Scope| units.get(scope.code.as_str()).copied();
    // The figures' communities by the unit each stands for.
    let mut community: FxHashMap<Id, Vec<usize>> = FxHashMap::default();
    for (i, scope) in stats.communities.iter().enumerate() {
        if let Some(u) = unit(scope) {
            community.entry(u.id).or_default().push(i);
        }
    }
    let mut placed = vec![false; stats.communities.len()];
    let mut lines = Vec::with_capacity(stats.streets.len() + stats.communities.len());
    for street in &stats.streets {
        let id = unit(street).map(|u| u.id);
        lines.push(Line::new(id, true, street));
        if let Some(id) = id {
            let mut under: Vec<usize> = tree
                .children(Some(id))
                .iter()
                .filter_map(|child| community.get(child))
                .flatten()
                .copied()
                .filter(|&i| !placed[i])
                .collect();
            under.sort_unstable();
            for i in under {
                placed[i] = true;
                let scope = &stats.communities[i];
                lines.push(Line::new(unit(scope).map(|u| u.id), false, scope));
            }
        }
    }
    let mut rest: Vec<&Scope> = stats
        .communities
        .iter()
        .zip(&placed)
        .filter(|(_, &placed)| !placed)
        .map(|(scope, _)| scope)
        .collect();
    rest.sort_by(|a, b| crate::order::by_code_then_name((&a.code, &a.name), (&b.code, &b.name)));
    lines.extend(
        rest.into_iter()
            .map(|scope| Line::new(unit(scope).map(|u| u.id), false, scope)),
    );
    lines
}

/// The open findings counted by rule: errors first, then the most frequent.
fn by_rule(report: &Report) -> Vec<String> {
    let mut counts: FxHashMap<(Severity, Rule), usize> = FxHashMap::default();
    for f in report.findings.iter().filter(|f| !f.acknowledged) {
        *counts.entry((f.severity, f.rule)).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|((s1, r1), n1), ((s2, r2), n2)| s1.cmp(s2).then(n2.cmp(n1)).then(r1.cmp(r2)));
    counts
        .into_iter()
        .map(|((severity, rule), n)| rule_label(severity, rule, n))
        .collect()
}

/// The terms of elected committees (communities and branches, as the check
/// has it) that end after today and within [`TERM_DAYS`], soonest first.
fn expiring(document: &Document, today: NaiveDate) -> Vec<(NaiveDate, &Unit)> {
    let last = today + chrono::Days::new(TERM_DAYS as u64);
    let mut terms: Vec<(NaiveDate, &Unit)> = document
        .units
        .values()
        .filter(|u| matches!(u.level, Level::Community | Level::Branch))
        .filter_map(|u| u.term_end().map(|end| (end, u)))
        .filter(|&(end, _)| end > today && end <= last)
        .collect();
    terms.sort_by(|(e1, u1), (e2, u2)| e1.cmp(e2).then_with(|| u1.code.cmp(&u2.code)));
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_listed_within_ninety_days_soonest_first() {
        let mut document = crate::gui::bundled_sample().unwrap();
        let today = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        let codes = ["XY01", "XY02", "XY03"];
        let elected = [(2025, 3, 1), (2025, 2, 1), (2025, 9, 1)];
        for (code, (y, m, d)) in codes.iter().zip(elected) {
            let id = document.unit_by_code(code).unwrap().id;
            let unit = document.units.get_mut(&id).unwrap();
            unit.elected = NaiveDate::from_ymd_opt(y, m, d);
            unit.term_years = Some(5);
        }
        let listed: Vec<&str> = expiring(&document, today)
            .into_iter()
            .map(|(_, u)| u.code.as_str())
            .collect();
        assert_eq!(listed, ["XY02", "XY01"], "XY03's term ends in 243 days");
    }
}
