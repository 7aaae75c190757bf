//! The problems list: a finding opens its unit, filters by severity and
//! rule, the whole message on hover; acknowledging a finding with a note and
//! withdrawing it.

use crate::common::{interact, sample_app, screen, settle, unit};
use gridorg::gui::{inspector, outline, problems, App, Message, UNDO};
use iced::widget;

#[test]
fn clicking_a_finding_selects_its_unit() {
    let mut app = sample_app();
    let finding = app
        .report()
        .findings
        .iter()
        .find(|f| f.code == "XY04-B3")
        .expect("the sample's expired term")
        .clone();
    interact(&mut app, |ui| {
        ui.click(problems::label(&finding).as_str())
            .expect("the finding's row");
    });
    assert_eq!(app.selected(), Some(unit(&app, "XY04-B3")));
}

/// The open findings, in the report's order (the list's first order, top
/// first).
pub fn open_findings(app: &App) -> Vec<gridorg::check::Finding> {
    app.report()
        .findings
        .iter()
        .filter(|f| !f.acknowledged)
        .cloned()
        .collect()
}

/// Opens the problems' rule list and clicks its `index`th choice, where the
/// menu draws it: below the list when there is more room there, else above.
fn choose_rule(app: &mut App, index: usize, choices: usize) {
    interact(app, |ui| {
        let list = ui
            .click(widget::Id::new(problems::RULES))
            .expect("the rule list")
            .visible_bounds()
            .unwrap();
        // The menu's rows: text 12 high with a 1.3 line height, padded 2 above and below.
        let height = 12.0 * 1.3 + 4.0;
        let below = 1100.0 - (list.y + list.height) > list.y;
        let y = if below {
            list.y + list.height + height * (index as f32 + 0.5)
        } else {
            list.y - height * ((choices - index) as f32 - 0.5)
        };
        let position = iced::Point::new(list.x + 20.0, y);
        ui.point_at(position);
        let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::CursorMoved {
            position,
        })]);
        let _ = ui.simulate(iced_test::simulator::click());
    });
}

#[test]
fn the_problems_list_filters_by_severity_and_rule_and_sorts_by_unit() {
    use gridorg::check::Severity;
    let mut app = sample_app();
    let open = open_findings(&app);
    let error = open.iter().find(|f| f.severity == Severity::Error).unwrap();
    let warning = open
        .iter()
        .find(|f| f.severity == Severity::Warning)
        .unwrap();
    let header = "问题 6 个错误 · 4 个警告 · 3 个提示";

    interact(&mut app, |ui| {
        ui.click(Severity::Warning.label())
            .expect("the 警告 filter");
    });
    let mut ui = screen(app.view());
    assert!(
        ui.find(problems::label(warning).as_str()).is_ok(),
        "a warning stays"
    );
    assert!(
        ui.find(problems::label(error).as_str()).is_err(),
        "an error goes"
    );
    assert!(ui.find(header).is_ok(), "the counts stay");
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(problems::ALL).unwrap();
    });
    assert!(screen(app.view())
        .find(problems::label(error).as_str())
        .is_ok());

    // The rule list offers 全部规则, then each rule found, in table order.
    let rules: std::collections::BTreeSet<_> = open.iter().map(|f| f.rule).collect();
    assert!(rules.len() > 1, "the sample breaks several rules");
    let rule = *rules.iter().nth(1).unwrap();
    choose_rule(&mut app, 2, rules.len() + 1);
    let mut ui = screen(app.view());
    for f in &open {
        assert_eq!(
            ui.find(problems::label(f).as_str()).is_ok(),
            f.rule == rule,
            "only {} is listed: {}",
            rule.title(),
            problems::label(f)
        );
    }
    drop(ui);
    choose_rule(&mut app, 0, rules.len() + 1);

    // By unit: in the tree's order, each unit's findings errors first.
    let order = gridorg::graph::Graph::build(app.document())
        .tree()
        .in_order();
    let rank = |f: &gridorg::check::Finding| {
        gridorg::check::unit_of(app.document(), f.subject)
            .and_then(|u| order.iter().position(|&o| o == u))
            .unwrap_or(usize::MAX)
    };
    let mut by_unit = open.clone();
    by_unit.sort_by_key(|f| rank(f));
    assert_ne!(by_unit, open, "the two orders differ in the sample");
    interact(&mut app, |ui| {
        ui.click(problems::BY_UNIT).unwrap();
    });
    let mut ui = screen(app.view());
    let tops: Vec<f32> = by_unit
        .iter()
        .map(|f| {
            ui.find(problems::label(f).as_str())
                .expect("every finding listed")
                .bounds()
                .y
        })
        .collect();
    assert!(
        tops.windows(2).all(|w| w[0] < w[1]),
        "listed in the tree's order: {tops:?}"
    );
}

#[test]
fn hovering_a_finding_shows_its_whole_message() {
    let mut app = sample_app();
    let finding = open_findings(&app)
        .into_iter()
        .max_by_key(|f| f.message.chars().count())
        .unwrap();
    assert!(screen(app.view()).find(finding.message.as_str()).is_err());
    interact(&mut app, |ui| {
        let row = ui
            .find(problems::label(&finding).as_str())
            .unwrap()
            .visible_bounds()
            .unwrap();
        let position = row.center();
        ui.point_at(position);
        let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::CursorMoved {
            position,
        })]);
    });
    let mut ui = screen(app.view());
    let whole = ui
        .find(finding.message.as_str())
        .expect("the whole message shows")
        .bounds();
    assert!(
        whole.x + whole.width < 1280.0,
        "within the window: {whole:?}"
    );
}

/// Acknowledges the first finding listed with `note`, through its row's
/// button, the note's field and the confirm button; the finding it was.
fn acknowledge_the_first(app: &mut App, note: &str) -> gridorg::check::Finding {
    let finding = open_findings(app)[0].clone();
    interact(app, |ui| {
        ui.click(problems::ACKNOWLEDGE)
            .expect("the first row's button");
    });
    interact(app, |ui| {
        ui.find(finding.message.as_str())
            .expect("the finding shows whole beside its note");
        ui.click(widget::Id::new(problems::NOTE))
            .expect("the note's field");
        ui.typewrite(note);
    });
    interact(app, |ui| {
        ui.click(problems::CONFIRM).unwrap();
    });
    finding
}

/// The sample's finding of that rule about that record, from the report.
fn finding_of(app: &App, f: &gridorg::check::Finding) -> Option<gridorg::check::Finding> {
    app.report()
        .findings
        .iter()
        .find(|g| (g.rule, g.subject) == (f.rule, f.subject))
        .cloned()
}

#[test]
fn a_finding_acknowledged_with_a_note_leaves_the_list_and_is_counted_apart() {
    let mut app = sample_app();
    assert!(app.document().acknowledgements.is_empty());
    let header = "问题 6 个错误 · 4 个警告 · 3 个提示";
    let finding = acknowledge_the_first(&mut app, "已安排下月换届");
    assert_eq!(
        app.document().acknowledgements,
        vec![gridorg::model::Acknowledgement {
            rule: finding.rule.id().to_string(),
            subject: finding.subject,
            note: "已安排下月换届".to_string(),
        }]
    );
    let kept = finding_of(&app, &finding).expect("acknowledging is not fixing");
    assert!(kept.acknowledged, "the report marks it acknowledged");
    assert_eq!(app.report().summary.acknowledged, 1);
    let mut ui = screen(app.view());
    assert!(
        ui.find(problems::label(&finding).as_str()).is_err(),
        "its row is gone"
    );
    assert!(ui.find(header).is_err(), "no longer counted as open");
    assert!(ui.find("已确认 1 条").is_ok(), "counted apart");
    assert!(
        ui.find(widget::Id::new(problems::NOTE)).is_err(),
        "the note's field closed"
    );
}

#[test]
fn a_note_dropped_or_left_empty_acknowledges_nothing() {
    let mut app = sample_app();
    let finding = open_findings(&app)[0].clone();
    interact(&mut app, |ui| {
        ui.click(problems::ACKNOWLEDGE).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(problems::CONFIRM).unwrap();
    });
    assert!(
        app.document().acknowledgements.is_empty(),
        "not without a note"
    );
    interact(&mut app, |ui| {
        ui.click(widget::Id::new(problems::NOTE)).unwrap();
        ui.typewrite("不必了");
    });
    interact(&mut app, |ui| {
        ui.click(problems::CANCEL).unwrap();
    });
    assert!(app.document().acknowledgements.is_empty());
    let mut ui = screen(app.view());
    assert!(ui.find(widget::Id::new(problems::NOTE)).is_err());
    assert!(ui.find(problems::label(&finding).as_str()).is_ok());
}

#[test]
fn shown_acknowledged_findings_can_be_withdrawn_and_the_withdrawal_undone() {
    let mut app = sample_app();
    let finding = acknowledge_the_first(&mut app, "党员已外出务工");
    let marked = problems::acknowledged_label(&finding, "党员已外出务工");
    assert!(screen(app.view()).find(marked.as_str()).is_err());
    interact(&mut app, |ui| {
        ui.click(problems::SHOW_ACKNOWLEDGED).unwrap();
    });
    assert!(
        screen(app.view()).find(marked.as_str()).is_ok(),
        "listed with its note"
    );
    interact(&mut app, |ui| {
        ui.click(problems::WITHDRAW).expect("its withdraw button");
    });
    assert!(app.document().acknowledgements.is_empty());
    assert!(!finding_of(&app, &finding).unwrap().acknowledged);
    let mut ui = screen(app.view());
    assert!(ui.find(marked.as_str()).is_err());
    assert!(
        ui.find(problems::label(&finding).as_str()).is_ok(),
        "listed as open again"
    );
    drop(ui);
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_eq!(app.document().acknowledgements.len(), 1);
    assert_eq!(app.document().acknowledgements[0].note, "党员已外出务工");
    assert!(finding_of(&app, &finding).unwrap().acknowledged);
    assert!(screen(app.view()).find(marked.as_str()).is_ok());
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert!(
        app.document().acknowledgements.is_empty(),
        "and the acknowledgement itself is undone"
    );
}

#[test]
fn a_refused_note_stays_in_its_field_to_be_mended() {
    let mut app = sample_app();
    interact(&mut app, |ui| {
        ui.click(problems::ACKNOWLEDGE).unwrap();
    });
    // A control character pasted in: no edit lets one into the document.
    let pasted = "已安排\u{1b}换届";
    let task = app.update(Message::Problem(problems::Message::Note(pasted.into())));
    settle(&mut app, task);
    interact(&mut app, |ui| {
        ui.click(problems::CONFIRM).unwrap();
    });
    assert!(app.document().acknowledgements.is_empty(), "refused");
    assert!(
        screen(app.view()).find(pasted).is_ok(),
        "the note is still in its field"
    );
}

/// The messages a click on `target` produces, not yet handled.
fn clicked_unhandled(app: &App, target: &str) -> Vec<Message> {
    let mut ui = screen(app.view());
    ui.click(target).expect(target);
    ui.into_messages().collect()
}

#[test]
fn a_finding_clicked_as_a_check_replaces_the_list_is_the_one_fixed() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY01-W09").unwrap().clone();
    let before = app.report().findings.clone();
    let at = before
        .iter()
        .position(|f| f.subject == grid.id && f.rule.id() == "grid-uncovered")
        .expect("the sample leaves XY01-W09 uncovered");
    // Covering the grid takes its finding out: the one two places below it
    // moves up one.
    let branch = unit(&app, "XY01-B1");
    let label = outline::label(app.document(), branch);
    interact(&mut app, |ui| {
        ui.click(label.as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(inspector::grid_label(&grid).as_str()).unwrap();
    });
    let clicked = before[at + 2].clone();
    assert_eq!(app.report().findings[at + 1].key(), clicked.key());
    let click = clicked_unhandled(&app, problems::label(&clicked).as_str());
    // The undo's check ends before the click is handled: the list is the
    // one before, where that place holds another finding.
    interact(&mut app, |ui| {
        ui.click(UNDO).unwrap();
    });
    assert_ne!(app.report().findings[at + 1].key(), clicked.key());
    for message in click {
        let task = app.update(message);
        settle(&mut app, task);
    }
    let unit_of = gridorg::check::unit_of(app.document(), clicked.subject);
    assert_eq!(app.selected(), unit_of, "the clicked finding's unit");
    let hint = gridorg::gui::inspector::fixes::lead(app.document(), &clicked)
        .unwrap()
        .hint;
    assert!(
        screen(app.view())
            .find(format!("修复：{hint}").as_str())
            .is_ok(),
        "how to fix the clicked finding"
    );
}
