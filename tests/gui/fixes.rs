//! Every finding leads to its fix: one test per rule the checks know, each
//! planting the finding in the sample, going to it from the problems list and
//! making the fix the panel offers there.

use crate::common::{fixed, go_fix, interact_tall, open_finding, planted, sample_app, unit};
use gridorg::check::Rule;
use gridorg::gui::inspector::{self, members, places, stray};
use gridorg::gui::{App, Message};
use gridorg::model::{Category, Document, Id, Member};
use iced::widget;

/// The subject of the first open finding of `rule`.
fn first_subject(app: &App, rule: Rule) -> Id {
    app.report()
        .findings
        .iter()
        .find(|f| f.rule == rule && !f.acknowledged)
        .unwrap_or_else(|| panic!("a finding of {rule} is planted"))
        .subject
}

/// Clicks the text input `field`, takes `erase` characters off its end and
/// types `typed`, then presses Enter.
fn retype_field(app: &mut App, field: &'static str, erase: usize, typed: &str) {
    interact_tall(app, |ui| {
        ui.click(widget::Id::new(field)).expect(field);
        ui.tap_key(iced::keyboard::key::Named::End);
        for _ in 0..erase {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite(typed);
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
}

/// Clicks the button `button` in the row of the text `row`.
fn click_in_row(app: &mut App, row: &str, button: &'static str) {
    interact_tall(app, |ui| {
        let y = ui.find(row).expect(row).bounds().center_y();
        let target = ui
            .find(move |c: iced_test::selector::Candidate<'_>| match c {
                iced_test::selector::Candidate::Text {
                    content, bounds, ..
                } if content == button && bounds.y <= y && y <= bounds.y + bounds.height => {
                    Some(bounds)
                }
                _ => None,
            })
            .expect(button);
        press_at(ui, target.center());
    });
}

/// A click at a point (a selector by point clicks the middle of what it finds).
fn press_at(ui: &mut iced_test::Simulator<'_, Message>, at: iced::Point) {
    ui.point_at(at);
    let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::CursorMoved {
        position: at,
    })]);
    let _ = ui.simulate(iced_test::simulator::click());
}

/// Chooses the option at `index` of the pick list framed by `list` (a pick
/// list draws its text itself, out of the Simulator's reach by text): clicks
/// it open, moves onto the option and clicks it. `option` is the height of
/// one of its options: the text's line height and the list's padding.
fn choose(app: &mut App, list: impl Into<widget::Id>, index: usize, option: f32) {
    let list = list.into();
    interact_tall(app, |ui| {
        let bounds = ui.find(list).expect("the list").bounds();
        press_at(ui, iced::Point::new(bounds.x + 20.0, bounds.center_y()));
        let onto = iced::Point::new(
            bounds.x + 20.0,
            bounds.y + bounds.height + (index as f32 + 0.5) * option,
        );
        press_at(ui, onto);
    });
}

/// One option's height in a list of 12-point text with the default padding.
const OPTION_12: f32 = 12.0 * 1.3 + 10.0;

/// One option's height in a list of 13-point text with the default padding.
const OPTION_13: f32 = 13.0 * 1.3 + 10.0;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Adds `n` full members named 补充党员01… to `unit`.
fn add_members(document: &mut Document, unit: Id, n: usize) -> Vec<Id> {
    (1..=n)
        .map(|i| {
            let id = document.allocate_id();
            document
                .members
                .insert(id, Member::new(id, format!("补充党员{i:02}"), unit));
            id
        })
        .collect()
}

/// A copy of the unit `code` under a new id and code, under `parent`.
fn copy_unit(document: &mut Document, code: &str, new_code: &str, parent: Id) -> Id {
    let mut unit = document.unit_by_code(code).unwrap().clone();
    unit.id = document.allocate_id();
    unit.code = new_code.to_string();
    unit.name = format!("{}（新）", unit.name);
    unit.parent = Some(parent);
    let id = unit.id;
    document.units.insert(id, unit);
    id
}

#[test]
fn fixes_grid_uncovered() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY01-W09").unwrap().id;
    let branch = app.document().unit_by_code("XY01-B1").unwrap().clone();
    go_fix(
        &mut app,
        Rule::GridUncovered,
        grid,
        widget::Id::new(places::COVER),
    );
    interact_tall(&mut app, |ui| {
        ui.click(places::cover_label(&branch).as_str())
            .expect("the branch's box");
    });
    assert_eq!(app.document().grids[&grid].covered_by, vec![branch.id]);
    fixed(&app, Rule::GridUncovered, grid);
}

#[test]
fn fixes_grid_multi_covered() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY04-W06").unwrap().id;
    let extra = app.document().unit_by_code("XY04-B5").unwrap().clone();
    let kept = unit(&app, "XY04-B2");
    go_fix(
        &mut app,
        Rule::GridMultiCovered,
        grid,
        widget::Id::new(places::COVER),
    );
    interact_tall(&mut app, |ui| {
        ui.click(places::cover_label(&extra).as_str())
            .expect("the second branch's box");
    });
    assert_eq!(app.document().grids[&grid].covered_by, vec![kept]);
    fixed(&app, Rule::GridMultiCovered, grid);
}

#[test]
fn fixes_branch_too_few_members() {
    let mut app = sample_app();
    let branch = unit(&app, "XY04-B5");
    go_fix(
        &mut app,
        Rule::BranchTooFewMembers,
        branch,
        widget::Id::new(members::NAME),
    );
    retype_field(&mut app, members::NAME, 0, "韩立新");
    let added = app.document().members.values().find(|m| m.name == "韩立新");
    assert_eq!(
        added.map(|m| (m.unit, m.category)),
        Some((branch, Category::Full))
    );
    fixed(&app, Rule::BranchTooFewMembers, branch);
}

#[test]
fn fixes_branch_too_many_members() {
    let mut branch = Id(0);
    let mut app = planted(|d| {
        branch = d.unit_by_code("XY04-B5").unwrap().id;
        add_members(d, branch, 47);
    });
    go_fix(
        &mut app,
        Rule::BranchTooManyMembers,
        branch,
        widget::Id::new(members::TABLE),
    );
    click_in_row(&mut app, "补充党员47", "移除");
    interact_tall(&mut app, |ui| {
        ui.click(members::CONFIRM_REMOVE)
            .expect("the question under the row");
    });
    assert!(!app
        .document()
        .members
        .values()
        .any(|m| m.name == "补充党员47"));
    fixed(&app, Rule::BranchTooManyMembers, branch);
}

#[test]
fn fixes_branch_needs_committee() {
    let mut branch = Id(0);
    let mut app = planted(|d| {
        branch = d.unit_by_code("XY04-B5").unwrap().id;
        add_members(d, branch, 5);
    });
    go_fix(
        &mut app,
        Rule::BranchNeedsCommittee,
        branch,
        widget::Id::new(members::TABLE),
    );
    for i in 1..=3 {
        if open_finding(&app, Rule::BranchNeedsCommittee, branch).is_none() {
            break;
        }
        click_in_row(&mut app, &format!("补充党员{i:02}"), "编辑");
        retype_field(&mut app, members::Field::Positions.id(), 0, "委员");
    }
    let named = app
        .document()
        .members
        .values()
        .filter(|m| m.unit == branch && m.positions == ["委员"])
        .count();
    assert!(named >= 1, "members were made 委员 through the form");
    fixed(&app, Rule::BranchNeedsCommittee, branch);
}

#[test]
fn fixes_community_type_mismatch() {
    let mut community = Id(0);
    let mut app = planted(|d| {
        let unit = d.units.values_mut().find(|u| u.code == "XY02").unwrap();
        unit.org_type = gridorg::model::OrgType::Committee;
        community = unit.id;
    });
    go_fix(
        &mut app,
        Rule::CommunityTypeMismatch,
        community,
        widget::Id::new(inspector::ORG_TYPE),
    );
    // The list: （按人数定）, 党委, 党总支, 党支部.
    choose(&mut app, inspector::ORG_TYPE, 3, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(inspector::APPLY).unwrap();
    });
    assert_eq!(
        app.document().units[&community].org_type,
        gridorg::model::OrgType::Branch
    );
    fixed(&app, Rule::CommunityTypeMismatch, community);
}

#[test]
fn fixes_leader_vacant() {
    let mut app = sample_app();
    let group = unit(&app, "XY04-B4-G2");
    go_fix(
        &mut app,
        Rule::LeaderVacant,
        group,
        widget::Id::new(inspector::LEADER),
    );
    retype_field(&mut app, inspector::LEADER, 0, "王建华");
    assert_eq!(
        app.document().units[&group].leader.as_deref(),
        Some("王建华")
    );
    fixed(&app, Rule::LeaderVacant, group);
}

/// Plants a copy of the unit `code` under the unit `parent`, with nothing
/// below it, fixes its `rule` by the add button that leads there and sees
/// the new child.
fn fixes_by_adding_a_child(rule: Rule, code: &str, parent: &str, add: &str) {
    let mut copy = Id(0);
    let mut app = planted(|d| {
        let parent = d.unit_by_code(parent).unwrap().id;
        copy = copy_unit(d, code, &format!("{code}-9"), parent);
    });
    go_fix(&mut app, rule, copy, widget::Id::new(inspector::ACTIONS));
    interact_tall(&mut app, |ui| {
        ui.click(add).expect("the add button");
    });
    assert!(app
        .document()
        .units
        .values()
        .any(|u| u.parent == Some(copy)));
    fixed(&app, rule, copy);
}

#[test]
fn fixes_group_without_households() {
    fixes_by_adding_a_child(
        Rule::GroupWithoutHouseholds,
        "XY04-B5-G1",
        "XY04-B5",
        "添加党员中心户",
    );
}

#[test]
fn fixes_household_no_links() {
    let mut app = sample_app();
    let central = unit(&app, "XY03-G2-H2");
    let head = gridorg::gui::inspector::links::Field::Head.id();
    go_fix(
        &mut app,
        Rule::HouseholdNoLinks,
        central,
        widget::Id::new(head),
    );
    retype_field(&mut app, head, 0, "赵桂兰");
    let linked = app
        .document()
        .households
        .values()
        .find(|h| h.head == "赵桂兰");
    assert_eq!(linked.map(|h| h.linked_by), Some(central));
    fixed(&app, Rule::HouseholdNoLinks, central);
}

/// Links `n` households named 住户01… to the 党员中心户 `central`.
fn link_households(document: &mut Document, central: Id, n: usize) {
    for i in 1..=n {
        let id = document.allocate_id();
        document.households.insert(
            id,
            gridorg::model::Household {
                id,
                linked_by: central,
                head: format!("住户{i:02}"),
                address: Some(format!("{i}号楼")),
                people: None,
                phone: None,
            },
        );
    }
}

#[test]
fn fixes_household_too_many_links() {
    let mut central = Id(0);
    let mut app = planted(|d| {
        central = d.unit_by_code("XY03-G2-H2").unwrap().id;
        link_households(d, central, 16);
    });
    go_fix(
        &mut app,
        Rule::HouseholdTooManyLinks,
        central,
        widget::Id::new(gridorg::gui::inspector::links::LIST),
    );
    click_in_row(&mut app, "住户16", "移除");
    interact_tall(&mut app, |ui| {
        ui.click(gridorg::gui::inspector::links::CONFIRM_REMOVE)
            .expect("the question under the row");
    });
    assert!(!app
        .document()
        .households
        .values()
        .any(|h| h.head == "住户16"));
    fixed(&app, Rule::HouseholdTooManyLinks, central);
}

#[test]
fn fixes_household_multi_linked() {
    let mut app = planted(|d| {
        let central = d.unit_by_code("XY03-G2-H2").unwrap().id;
        let mut again = d.households.values().next().unwrap().clone();
        again.id = d.allocate_id();
        again.linked_by = central;
        d.households.insert(again.id, again);
    });
    let subject = first_subject(&app, Rule::HouseholdMultiLinked);
    let household = app.document().households[&subject].clone();
    go_fix(
        &mut app,
        Rule::HouseholdMultiLinked,
        subject,
        gridorg::gui::inspector::links::row_id(subject),
    );
    click_in_row(&mut app, &household.head, "移除");
    interact_tall(&mut app, |ui| {
        ui.click(gridorg::gui::inspector::links::CONFIRM_REMOVE)
            .expect("the question under the row");
    });
    assert!(!app.document().households.contains_key(&subject));
    fixed(&app, Rule::HouseholdMultiLinked, subject);
}

#[test]
fn fixes_member_unassigned() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let branch = d.unit_by_code("XY04-B5").unwrap().id;
        member = d.allocate_id();
        d.members
            .insert(member, Member::new(member, "冯晓东", branch));
    });
    go_fix(
        &mut app,
        Rule::MemberUnassigned,
        member,
        widget::Id::new(members::ASSIGNING),
    );
    // The list holds the community's units in the tree's order; the first
    // group of the branch is the chosen one.
    let targets = members::targets(
        app.document(),
        gridorg::graph::Graph::build(app.document()).tree(),
        unit(&app, "XY04-B5"),
    );
    let group = unit(&app, "XY04-B5-G1");
    let index = targets.iter().position(|t| t.id == group).unwrap();
    choose(&mut app, members::ASSIGNING, index, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(members::ASSIGN).expect("the assign button");
    });
    assert_eq!(app.document().members[&member].unit, group);
    fixed(&app, Rule::MemberUnassigned, member);
}

#[test]
fn fixes_member_dangling() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let gone = d.allocate_id();
        member = d.allocate_id();
        d.members
            .insert(member, Member::new(member, "郑无组", gone));
    });
    go_fix(
        &mut app,
        Rule::MemberDangling,
        member,
        widget::Id::new(stray::UNITS),
    );
    interact_tall(&mut app, |ui| {
        ui.find("所在组织不存在的党员")
            .expect("the member shown alone");
    });
    // Every unit in the tree's order: the first is the street.
    choose(&mut app, stray::UNITS, 0, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(stray::ASSIGN).expect("the assign button");
    });
    assert_eq!(app.document().members[&member].unit, unit(&app, "XY"));
    fixed(&app, Rule::MemberDangling, member);
}

/// Two members' ID numbers: a valid one, copied over the other's.
fn duplicated(d: &mut Document) -> (Id, String) {
    let today = chrono::Local::now().date_naive();
    let valid: Vec<Id> = d
        .members
        .values()
        .filter(|m| {
            m.id_number
                .as_deref()
                .is_some_and(|n| gridorg::id_number::check_id_number(n, today).is_ok())
        })
        .map(|m| m.id)
        .take(2)
        .collect();
    let number = d.members[&valid[0]].id_number.clone().unwrap();
    let own = d
        .members
        .get_mut(&valid[1])
        .unwrap()
        .id_number
        .replace(number)
        .unwrap();
    (valid[1], own)
}

#[test]
fn fixes_member_duplicate() {
    let mut own = String::new();
    let mut app = planted(|d| own = duplicated(d).1);
    let subject = first_subject(&app, Rule::MemberDuplicate);
    go_fix(
        &mut app,
        Rule::MemberDuplicate,
        subject,
        widget::Id::new(members::ID_NUMBER),
    );
    let other = app
        .document()
        .members
        .values()
        .find(|m| m.id != subject && m.id_number == app.document().members[&subject].id_number)
        .map(|m| m.id)
        .unwrap();
    // The record corrected is the one the finding names: it takes back its
    // own number when it is the copy, or the other's is named.
    if app.document().members[&subject].id_number.as_deref() != Some(own.as_str()) {
        retype_field(&mut app, members::ID_NUMBER, 18, &own);
    }
    fixed(&app, Rule::MemberDuplicate, subject);
    fixed(&app, Rule::MemberDuplicate, other);
}

#[test]
fn fixes_id_number_invalid() {
    let mut app = sample_app();
    let member = first_subject(&app, Rule::IdNumberInvalid);
    go_fix(
        &mut app,
        Rule::IdNumberInvalid,
        member,
        widget::Id::new(members::ID_NUMBER),
    );
    // The sample's number ends in the wrong check character: 3 is right.
    retype_field(&mut app, members::ID_NUMBER, 1, "3");
    fixed(&app, Rule::IdNumberInvalid, member);
}

#[test]
fn fixes_id_number_mismatch() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let today = chrono::Local::now().date_naive();
        let m = d
            .members
            .values_mut()
            .find(|m| {
                m.id_number.as_deref().is_some_and(|n| {
                    gridorg::id_number::birth_and_gender(n, today).is_some()
                        && gridorg::id_number::check_id_number(n, today).is_ok()
                })
            })
            .unwrap();
        let (_, gender) =
            gridorg::id_number::birth_and_gender(m.id_number.as_deref().unwrap(), today).unwrap();
        m.gender = Some(match gender {
            gridorg::model::Gender::Male => gridorg::model::Gender::Female,
            gridorg::model::Gender::Female => gridorg::model::Gender::Male,
        });
        m.birth = None;
        member = m.id;
    });
    let right = gridorg::id_number::birth_and_gender(
        app.document().members[&member]
            .id_number
            .as_deref()
            .unwrap(),
        today(),
    )
    .unwrap()
    .1;
    go_fix(
        &mut app,
        Rule::IdNumberMismatch,
        member,
        widget::Id::new(members::BIRTH),
    );
    // 性别: 男, 女.
    let index = usize::from(right == gridorg::model::Gender::Female);
    choose(&mut app, members::GENDER, index, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(members::SAVE).expect("the save button");
    });
    assert_eq!(app.document().members[&member].gender, Some(right));
    fixed(&app, Rule::IdNumberMismatch, member);
}

#[test]
fn fixes_probation_overdue() {
    let mut app = sample_app();
    let member = first_subject(&app, Rule::ProbationOverdue);
    let since = members::Field::FullSince.id();
    go_fix(
        &mut app,
        Rule::ProbationOverdue,
        member,
        widget::Id::new(since),
    );
    interact_tall(&mut app, |ui| {
        ui.click("预备党员").expect("the probationary box");
    });
    let date = today().format("%Y-%m-%d").to_string();
    retype_field(&mut app, since, 0, &date);
    let m = &app.document().members[&member];
    assert_eq!((m.category, m.full_since), (Category::Full, Some(today())));
    fixed(&app, Rule::ProbationOverdue, member);
}

#[test]
fn fixes_committee_probationary() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let m = d
            .members
            .values_mut()
            .find(|m| m.category == Category::Probationary && m.positions.is_empty())
            .unwrap();
        m.positions = vec!["委员".into()];
        member = m.id;
    });
    let positions = members::Field::Positions.id();
    go_fix(
        &mut app,
        Rule::CommitteeProbationary,
        member,
        widget::Id::new(positions),
    );
    retype_field(&mut app, positions, 2, "");
    assert!(app.document().members[&member].positions.is_empty());
    fixed(&app, Rule::CommitteeProbationary, member);
}

#[test]
fn fixes_secretary_standing() {
    let mut member = Id(0);
    let mut app = planted(|d| {
        let branch = d.unit_by_code("XY04-B5").unwrap().id;
        member = d.allocate_id();
        let mut m = Member::new(member, "钱新任", branch);
        m.positions = vec!["书记".into()];
        m.full_since = Some(chrono::Local::now().date_naive() - chrono::Days::new(90));
        d.members.insert(member, m);
    });
    let positions = members::Field::Positions.id();
    go_fix(
        &mut app,
        Rule::SecretaryStanding,
        member,
        widget::Id::new(positions),
    );
    retype_field(&mut app, positions, 2, "委员");
    assert_eq!(app.document().members[&member].positions, ["委员"]);
    fixed(&app, Rule::SecretaryStanding, member);
}

#[test]
fn fixes_term_expiring() {
    let mut community = Id(0);
    let mut app = planted(|d| {
        let u = d.units.values_mut().find(|u| u.code == "XY03").unwrap();
        let elected =
            chrono::Local::now().date_naive() - chrono::Months::new(60) + chrono::Days::new(30);
        u.elected = Some(elected);
        u.term_years = Some(5);
        community = u.id;
    });
    go_fix(
        &mut app,
        Rule::TermExpiring,
        community,
        widget::Id::new(inspector::ELECTED),
    );
    retype_field(
        &mut app,
        inspector::ELECTED,
        10,
        &today().format("%Y-%m-%d").to_string(),
    );
    assert_eq!(app.document().units[&community].elected, Some(today()));
    fixed(&app, Rule::TermExpiring, community);
}

#[test]
fn fixes_term_expired() {
    let mut app = sample_app();
    let branch = unit(&app, "XY04-B3");
    go_fix(
        &mut app,
        Rule::TermExpired,
        branch,
        widget::Id::new(inspector::ELECTED),
    );
    retype_field(
        &mut app,
        inspector::ELECTED,
        10,
        &today().format("%Y-%m-%d").to_string(),
    );
    assert_eq!(app.document().units[&branch].elected, Some(today()));
    fixed(&app, Rule::TermExpired, branch);
}

#[test]
fn fixes_grid_size() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY02-W03").unwrap().id;
    let households = places::GridField::Households.id();
    go_fix(&mut app, Rule::GridSize, grid, widget::Id::new(households));
    retype_field(&mut app, households, 3, "450");
    assert_eq!(app.document().grids[&grid].households, Some(450));
    fixed(&app, Rule::GridSize, grid);
}

#[test]
fn fixes_grid_no_worker() {
    let mut app = sample_app();
    let grid = app.document().grid_by_code("XY04-W10").unwrap().id;
    let worker = places::GridField::Worker.id();
    go_fix(&mut app, Rule::GridNoWorker, grid, widget::Id::new(worker));
    retype_field(&mut app, worker, 0, "李秀英");
    assert_eq!(
        app.document().grids[&grid].worker.as_deref(),
        Some("李秀英")
    );
    fixed(&app, Rule::GridNoWorker, grid);
}

#[test]
fn fixes_building_uncovered() {
    let mut building = Id(0);
    let mut app = planted(|d| {
        let b = d
            .buildings
            .values_mut()
            .find(|b| b.covered_by.is_some())
            .expect("a community with building groups");
        b.covered_by = None;
        building = b.id;
    });
    go_fix(
        &mut app,
        Rule::BuildingUncovered,
        building,
        places::building_row(building),
    );
    // The list: （无党小组覆盖）, then the community's groups.
    choose(&mut app, places::building_group(building), 1, OPTION_12);
    let group = app.document().buildings[&building].covered_by;
    assert!(group.is_some_and(|g| app.document().units[&g].level == gridorg::model::Level::Group));
    fixed(&app, Rule::BuildingUncovered, building);
}

#[test]
fn fixes_level_mismatch() {
    let mut group = Id(0);
    let mut app = planted(|d| {
        let community = d.unit_by_code("XY04").unwrap().id;
        let g = d
            .units
            .values_mut()
            .find(|u| u.code == "XY04-B5-G1")
            .unwrap();
        g.parent = Some(community);
        group = g.id;
    });
    go_fix(
        &mut app,
        Rule::LevelMismatch,
        group,
        widget::Id::new(inspector::MOVING),
    );
    let targets = inspector::parents(
        app.document(),
        gridorg::graph::Graph::build(app.document()).tree(),
        &app.document().units[&group],
    );
    let branch = unit(&app, "XY04-B5");
    let index = targets.iter().position(|t| t.id == branch).unwrap();
    choose(&mut app, inspector::MOVING, index, OPTION_13);
    interact_tall(&mut app, |ui| {
        ui.click(inspector::MOVE).expect("the move button");
    });
    assert_eq!(app.document().units[&group].parent, Some(branch));
    fixed(&app, Rule::LevelMismatch, group);
}

#[test]
fn fixes_empty_unit() {
    fixes_by_adding_a_child(Rule::EmptyUnit, "XY01-B1", "XY01", "添加网格党小组");
}
