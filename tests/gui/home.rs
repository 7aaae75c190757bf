//! The home view shown while nothing is selected: each community's coverage,
//! the open findings by rule, the terms ending soon.

use crate::common::{interact, sample_app, screen, unit};
use gridorg::gui::{home, inspector, App, Message};

/// Whether the view shows the text `figure` in the table's row for the text
/// `name`: on the line under the name, where its figures are.
fn in_the_row_of(ui: &mut iced_test::Simulator<'_, Message>, name: &str, figure: &str) -> bool {
    use iced_test::selector::Candidate;
    let Ok(found) = ui.find(name) else {
        return false;
    };
    let y = found.bounds().center_y();
    let figure = figure.to_string();
    ui.find(move |candidate: Candidate<'_>| match candidate {
        Candidate::Text {
            content, bounds, ..
        } if content == figure && (8.0..30.0).contains(&(bounds.center_y() - y)) => Some(bounds),
        _ => None,
    })
    .is_ok()
}

#[test]
fn with_nothing_selected_the_home_view_shows_each_community_s_coverage() {
    let app = sample_app();
    assert_eq!(app.selected(), None);
    let stats = gridorg::stats::stats(app.document());
    assert!(stats.communities.len() >= 4, "the sample's communities");
    let mut ui = screen(app.view());
    for scope in stats.streets.iter().chain(&stats.communities) {
        let c = &scope.counts;
        let grids = home::coverage(c.grids_covered, c.grids, c.grid_coverage_percent());
        let buildings = home::coverage(
            c.buildings_covered,
            c.buildings,
            c.building_coverage_percent(),
        );
        assert!(
            in_the_row_of(&mut ui, &scope.name, &grids),
            "{}: grids {grids}",
            scope.name
        );
        assert!(
            in_the_row_of(&mut ui, &scope.name, &buildings),
            "{}: buildings {buildings}",
            scope.name
        );
    }
    assert!(
        ui.find(inspector::ADD_STREET).is_ok(),
        "a street can be added"
    );
}

#[test]
fn the_home_view_counts_the_open_findings_by_rule() {
    let app = sample_app();
    let mut counts = std::collections::BTreeMap::new();
    for f in app.report().findings.iter().filter(|f| !f.acknowledged) {
        *counts.entry((f.severity, f.rule)).or_insert(0) += 1;
    }
    assert!(counts.len() >= 2, "the sample breaks several rules");
    let mut ui = screen(app.view());
    for ((severity, rule), n) in counts {
        let line = home::rule_label(severity, rule, n);
        assert!(ui.find(line.as_str()).is_ok(), "{line}");
    }
}

#[test]
fn the_home_view_lists_the_terms_ending_within_ninety_days() {
    let mut document = gridorg::gui::bundled_sample().unwrap();
    let today = chrono::Local::now().date_naive();
    let five_years_before = |days: u64| (today + chrono::Days::new(days)) - chrono::Months::new(60);
    for (code, days) in [("XY01", 30), ("XY02", 200)] {
        let id = document.unit_by_code(code).unwrap().id;
        let unit = document.units.get_mut(&id).unwrap();
        unit.elected = Some(five_years_before(days));
        unit.term_years = Some(5);
    }
    let app = App::new(document, None);
    let label = |code: &str| {
        let unit = app.document().unit_by_code(code).unwrap();
        home::term_label(unit, unit.term_end().unwrap(), today)
    };
    let expired = app
        .report()
        .findings
        .iter()
        .filter(|f| f.rule.id() == "term-expired")
        .count();
    assert!(expired > 0, "the sample has an expired term");
    let mut ui = screen(app.view());
    assert!(ui.find(label("XY01").as_str()).is_ok(), "ends in 30 days");
    assert!(ui.find(label("XY02").as_str()).is_err(), "ends in 200 days");
    let counted = format!("已届满未换届 {expired} 个");
    assert!(ui.find(counted.as_str()).is_ok(), "{counted}");
}

#[test]
fn clicking_a_community_in_the_home_view_selects_it() {
    let mut app = sample_app();
    let xy02 = unit(&app, "XY02");
    let name = app.document().units[&xy02].name.clone();
    interact(&mut app, |ui| {
        ui.click(name.as_str()).expect("the community's row");
    });
    assert_eq!(app.selected(), Some(xy02));
}
