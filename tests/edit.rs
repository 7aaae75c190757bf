//! Editing through commands and the undo/redo history.

use gridorg::edit::{preview_delete, Command, ErrorKind, GridDetails, History, MemberFate};
use gridorg::generate::sample;
use gridorg::model::{Document, Household, Id, Level, Member};
use proptest::prelude::*;

fn first_of_level(doc: &Document, level: Level) -> Id {
    doc.units.values().find(|u| u.level == level).unwrap().id
}

fn new_member(name: &str, unit: Id) -> Member {
    Member::new(Id(0), name, unit)
}

#[test]
fn adding_a_group_under_a_branch_then_undo_and_redo() {
    let mut doc = sample();
    let original = doc.clone();
    let mut history = History::new();
    let branch = first_of_level(&doc, Level::Branch);
    let applied = history
        .apply(
            &mut doc,
            &Command::AddUnit {
                parent: Some(branch),
                level: Level::Group,
                code: "NEW-G".into(),
                name: "新建党小组".into(),
            },
        )
        .unwrap();
    let id = applied.created.unwrap();
    assert_eq!(doc.units[&id].parent, Some(branch));
    assert!(history.is_modified());
    assert_eq!(
        history.undo(&mut doc).as_deref(),
        Some(applied.label.as_str())
    );
    assert_eq!(doc, original);
    assert!(!history.is_modified());
    history.redo(&mut doc).unwrap();
    assert_eq!(doc.units[&id].name, "新建党小组");
}

#[test]
fn a_household_moves_only_to_another_central_household() {
    let mut doc = sample();
    let mut history = History::new();
    let household = doc.households.values().next().unwrap().clone();
    let other = doc
        .units
        .values()
        .find(|u| u.level == Level::Household && u.id != household.linked_by)
        .unwrap()
        .id;
    for to in [household.linked_by, first_of_level(&doc, Level::Group)] {
        let refused = history.apply(
            &mut doc,
            &Command::MoveHousehold {
                household: household.id,
                to,
            },
        );
        assert!(refused.is_err(), "its own 中心户 or another level");
    }
    let moved = Command::MoveHousehold {
        household: household.id,
        to: other,
    };
    history.apply(&mut doc, &moved).unwrap();
    assert_eq!(doc.households[&household.id].linked_by, other);
    history.undo(&mut doc).unwrap();
    assert_eq!(doc.households[&household.id], household, "one step back");
}

#[test]
fn a_co_building_unit_is_updated_but_keeps_whom_it_joins() {
    let mut doc = sample();
    let mut history = History::new();
    let old = doc.co_builders.values().next().unwrap().clone();
    let mut new = old.clone();
    new.name = "改名的共建单位".into();
    new.joins = first_of_level(&doc, Level::Group);
    history
        .apply(&mut doc, &Command::UpdateCoBuilder(new))
        .unwrap();
    assert_eq!(doc.co_builders[&old.id].name, "改名的共建单位");
    assert_eq!(doc.co_builders[&old.id].joins, old.joins);
    let mut empty = old.clone();
    empty.name = " ".into();
    assert!(history
        .apply(&mut doc, &Command::UpdateCoBuilder(empty))
        .is_err());
}

#[test]
fn a_unit_of_the_wrong_level_is_refused_with_the_reason() {
    let mut doc = sample();
    let before = doc.clone();
    let mut history = History::new();
    let street = first_of_level(&doc, Level::Street);
    let err = history
        .apply(
            &mut doc,
            &Command::AddUnit {
                parent: Some(street),
                level: Level::Group,
                code: "X".into(),
                name: "错层党小组".into(),
            },
        )
        .unwrap_err();
    assert!(
        err.message.contains("level mismatch") && err.message.contains("社区"),
        "{err}"
    );
    assert_eq!(doc, before);
    assert!(history.undo_label().is_none());
}

#[test]
fn a_group_may_sit_directly_under_a_community_organized_as_one_branch() {
    let mut doc = sample();
    let mut history = History::new();
    let small = doc
        .units
        .values()
        .find(|u| u.level == Level::Community && u.is_branch_like())
        .expect("the sample has a community organized as one 党支部")
        .id;
    let big = doc
        .units
        .values()
        .find(|u| u.level == Level::Community && !u.is_branch_like())
        .unwrap()
        .id;
    let group = |parent| Command::AddUnit {
        parent: Some(parent),
        level: Level::Group,
        code: format!("G-{parent}"),
        name: "直属党小组".into(),
    };
    history.apply(&mut doc, &group(small)).unwrap();
    assert!(history.apply(&mut doc, &group(big)).is_err());
}

#[test]
fn moving_a_unit_into_its_own_subtree_is_refused() {
    let mut doc = sample();
    let mut history = History::new();
    let group = first_of_level(&doc, Level::Group);
    let branch = doc.units[&group].parent.unwrap();
    let community = doc.units[&branch].parent.unwrap();
    let err = history
        .apply(
            &mut doc,
            &Command::MoveUnit {
                unit: community,
                new_parent: group,
            },
        )
        .unwrap_err();
    assert!(err.message.contains("cycle"), "{err}");
}

#[test]
fn moving_a_branch_to_another_community_keeps_its_subtree() {
    let mut doc = sample();
    let mut history = History::new();
    let branch = first_of_level(&doc, Level::Branch);
    let from = doc.units[&branch].parent.unwrap();
    let to = doc
        .units
        .values()
        .find(|u| u.level == Level::Community && u.id != from && !u.is_branch_like())
        .unwrap()
        .id;
    let below: Vec<Id> = doc
        .units
        .values()
        .filter(|u| u.parent == Some(branch))
        .map(|u| u.id)
        .collect();
    history
        .apply(
            &mut doc,
            &Command::MoveUnit {
                unit: branch,
                new_parent: to,
            },
        )
        .unwrap();
    assert_eq!(doc.units[&branch].parent, Some(to));
    for id in below {
        assert_eq!(doc.units[&id].parent, Some(branch));
    }
}

#[test]
fn deleting_a_branch_says_what_goes_and_can_keep_its_members() {
    let mut doc = sample();
    let mut history = History::new();
    let branch = first_of_level(&doc, Level::Branch);
    let community = doc.units[&branch].parent.unwrap();
    let graph = gridorg::graph::Graph::build(&doc);
    let in_subtree = graph.members_of_subtree(branch);
    let units = graph.subtree(branch).len();
    let preview = preview_delete(&doc, branch);
    assert_eq!(preview.units, units);
    assert_eq!(preview.members, in_subtree.len());
    let text = preview.describe(MemberFate::ToParent);
    assert!(text.contains(&format!("{} 个组织", units)), "{text}");
    assert!(text.contains("转到上级"), "{text}");
    history
        .apply(
            &mut doc,
            &Command::DeleteUnit {
                unit: branch,
                members: MemberFate::ToParent,
            },
        )
        .unwrap();
    assert!(!doc.units.contains_key(&branch));
    for m in &in_subtree {
        assert_eq!(doc.members[m].unit, community);
    }
    assert!(doc.grids.values().all(|g| !g.covered_by.contains(&branch)));
    gridorg::document::validate(&doc).unwrap();
}

#[test]
fn covering_a_grid_of_another_community_is_refused() {
    let mut doc = sample();
    let mut history = History::new();
    let branch = first_of_level(&doc, Level::Branch);
    let community = doc.units[&branch].parent.unwrap();
    let foreign = doc
        .grids
        .values()
        .find(|g| g.community != community)
        .unwrap()
        .id;
    let err = history
        .apply(
            &mut doc,
            &Command::Cover {
                branch,
                grid: foreign,
            },
        )
        .unwrap_err();
    assert!(err.message.contains("wrong community"), "{err}");
}

#[test]
fn a_duplicate_code_is_refused_on_rename() {
    let mut doc = sample();
    let mut history = History::new();
    let mut units = doc.units.values();
    let a = units.next().unwrap().clone();
    let b = units.next().unwrap().clone();
    let mut edited = b.clone();
    edited.code = a.code.clone();
    let err = history
        .apply(&mut doc, &Command::UpdateUnit(edited))
        .unwrap_err();
    assert!(err.message.contains("duplicate code"), "{err}");
    assert_eq!(err.kind, ErrorKind::Code, "a form shows it beside the code");
    assert_eq!(doc.unit_by_code(&b.code).unwrap().id, b.id);
}

/// An edit named by positions into the document's current records, so that
/// random sequences keep hitting records that exist.
#[derive(Debug, Clone)]
enum Op {
    AddUnit(usize, String),
    Rename(usize, String),
    Move(usize, usize),
    Delete(usize, bool),
    AddGrid(usize, String),
    Cover(usize, usize),
    Uncover(usize, usize),
    DeleteGrid(usize),
    AddMember(usize, String),
    Assign(usize, usize),
    DeleteMember(usize),
    Link(usize, String),
    Unlink(usize),
    Title(String),
}

fn nth<T>(map: &std::collections::BTreeMap<Id, T>, i: usize) -> Option<Id> {
    (!map.is_empty()).then(|| *map.keys().nth(i % map.len()).unwrap())
}

fn command(doc: &Document, op: &Op) -> Option<Command> {
    Some(match op {
        Op::AddUnit(p, name) => {
            let parent = nth(&doc.units, *p)?;
            Command::AddUnit {
                parent: Some(parent),
                level: doc.units[&parent].level.child()?,
                code: format!("P{}-{}", doc.next_id, name.len()),
                name: name.clone(),
            }
        }
        Op::Rename(u, name) => {
            let mut unit = doc.units[&nth(&doc.units, *u)?].clone();
            unit.name = name.clone();
            Command::UpdateUnit(unit)
        }
        Op::Move(u, p) => Command::MoveUnit {
            unit: nth(&doc.units, *u)?,
            new_parent: nth(&doc.units, *p)?,
        },
        Op::Delete(u, keep) => Command::DeleteUnit {
            unit: nth(&doc.units, *u)?,
            members: if *keep {
                MemberFate::ToParent
            } else {
                MemberFate::Delete
            },
        },
        Op::AddGrid(c, name) => Command::AddGrid {
            community: nth(&doc.units, *c)?,
            code: format!("W{}", doc.next_id),
            name: name.clone(),
            details: GridDetails::default(),
        },
        Op::Cover(b, g) => Command::Cover {
            branch: nth(&doc.units, *b)?,
            grid: nth(&doc.grids, *g)?,
        },
        Op::Uncover(b, g) => Command::Uncover {
            branch: nth(&doc.units, *b)?,
            grid: nth(&doc.grids, *g)?,
        },
        Op::DeleteGrid(g) => Command::DeleteGrid(nth(&doc.grids, *g)?),
        Op::AddMember(u, name) => Command::AddMember(new_member(name, nth(&doc.units, *u)?)),
        Op::Assign(m, u) => Command::AssignMember {
            member: nth(&doc.members, *m)?,
            unit: nth(&doc.units, *u)?,
        },
        Op::DeleteMember(m) => Command::DeleteMember(nth(&doc.members, *m)?),
        Op::Link(u, head) => Command::LinkHousehold(Household {
            id: Id(0),
            linked_by: nth(&doc.units, *u)?,
            head: head.clone(),
            address: Some("1号楼1单元101".into()),
            people: Some(3),
            phone: None,
        }),
        Op::Unlink(h) => Command::UnlinkHousehold(nth(&doc.households, *h)?),
        Op::Title(t) => Command::SetTitle(t.clone()),
    })
}

fn op() -> impl Strategy<Value = Op> {
    let name = "[甲乙丙丁一二三 ]{0,4}";
    let i = 0usize..10_000;
    prop_oneof![
        (i.clone(), name).prop_map(|(a, n)| Op::AddUnit(a, n)),
        (i.clone(), name).prop_map(|(a, n)| Op::Rename(a, n)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Move(a, b)),
        (i.clone(), any::<bool>()).prop_map(|(a, k)| Op::Delete(a, k)),
        (i.clone(), name).prop_map(|(a, n)| Op::AddGrid(a, n)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Cover(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Uncover(a, b)),
        i.clone().prop_map(Op::DeleteGrid),
        (i.clone(), name).prop_map(|(a, n)| Op::AddMember(a, n)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Assign(a, b)),
        i.clone().prop_map(Op::DeleteMember),
        (i.clone(), name).prop_map(|(a, n)| Op::Link(a, n)),
        i.clone().prop_map(Op::Unlink),
        name.prop_map(Op::Title),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any sequence of commands, undone completely, gives back the original
    /// document; redone, gives the final one. Refused commands change nothing,
    /// and every state stays structurally valid.
    #[test]
    fn undo_all_restores_the_original_and_redo_all_the_final(ops in prop::collection::vec(op(), 1..40)) {
        let original = sample();
        let mut doc = original.clone();
        let mut history = History::new();
        let mut applied = 0;
        for op in &ops {
            let Some(cmd) = command(&doc, op) else { continue };
            let before = doc.clone();
            match history.apply(&mut doc, &cmd) {
                Ok(_) => {
                    applied += 1;
                    prop_assert!(gridorg::document::validate(&doc).is_ok(), "{:?} broke the document", cmd);
                }
                Err(_) => prop_assert_eq!(&doc, &before),
            }
        }
        let last = doc.clone();
        let mut undone = 0;
        while history.undo(&mut doc).is_some() {
            undone += 1;
        }
        prop_assert_eq!(undone, applied);
        prop_assert_eq!(&doc, &original);
        prop_assert!(!history.is_modified());
        while history.redo(&mut doc).is_some() {}
        prop_assert_eq!(&doc, &last);
    }
}

#[test]
fn what_cannot_be_true_is_refused_naming_the_field_and_what_may_stand_is_kept() {
    use gridorg::edit::rules::Field;
    let mut doc = sample();
    let mut history = History::new();
    let group = first_of_level(&doc, Level::Group);
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let refused = |doc: &mut Document, history: &mut History, member: Member| {
        let before = doc.clone();
        let err = history
            .apply(doc, &Command::AddMember(member))
            .expect_err("refused");
        assert_eq!(*doc, before, "a refused command changes nothing");
        err
    };
    let mut early = new_member("早于出生", group);
    (early.birth, early.joined) = (date(1990, 1, 1), date(1980, 1, 1));
    let err = refused(&mut doc, &mut history, early);
    assert_eq!(err.kind, ErrorKind::Member(Field::Joined), "{err}");
    assert!(err.message.contains("before birth"), "{err}");

    let mut full = new_member("转正早于入党", group);
    (full.joined, full.full_since) = (date(2010, 1, 1), date(2009, 1, 1));
    assert_eq!(
        refused(&mut doc, &mut history, full).kind,
        ErrorKind::Member(Field::FullSince)
    );

    let mut phone = new_member("坏电话", group);
    phone.phone = Some("12ab".into());
    assert_eq!(
        refused(&mut doc, &mut history, phone).kind,
        ErrorKind::Member(Field::Phone)
    );

    // A wrong check character and a birth date that differs from the number are
    // real records' faults: kept, and reported by the checks.
    let mut wrong = new_member("校验位错", group);
    wrong.id_number = Some("150621198001010020".into());
    wrong.birth = date(1981, 1, 1);
    history
        .apply(&mut doc, &Command::AddMember(wrong))
        .expect("kept as typed");
    let today = date(2026, 12, 1).unwrap();
    let report = gridorg::check::check(&doc, &Default::default(), today);
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == gridorg::check::Rule::IdNumberInvalid && f.name == "校验位错"));
}

/// The forms (`edit::fields`) and the workbook import read dates with the same
/// reader: every written form one accepts the other accepts as the same day,
/// and what one refuses the other refuses with the same words.
#[test]
fn forms_and_the_workbook_read_the_same_dates() {
    use gridorg::edit::fields;
    use gridorg::workbook::{self, WorkbookError};
    let accepted = [
        "2024-05-01",
        "2024/5/1",
        "2024.5.1",
        "2024年5月1日",
        "2024年5月1号",
        "２０２４年５月１日",
        "2024－05－01",
        "20240501",
        "2024-05-01 08:30:00",
        "2024-05",
        "2024.05",
        "2024年5月",
        "202405",
    ];
    let refused = [
        "2024-13-01",
        "2024-02-30",
        "1850-01-01",
        "2024",
        "24-5-1",
        "五月一日",
    ];
    let import = |dates: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("导入");
        std::fs::create_dir(&folder).unwrap();
        let write = |name: &str, text: String| std::fs::write(folder.join(name), text).unwrap();
        write(
            "组织.csv",
            "编码,名称,层级,上级编码\nJD,西园街道党工委,街道党工委,\n".into(),
        );
        write("网格.csv", "网格编码,网格名称,所属社区编码\n".into());
        let rows: String = dates
            .iter()
            .enumerate()
            .map(|(i, date)| format!("党员{i},{date},正式党员,JD\n"))
            .collect();
        write(
            "党员.csv",
            format!("姓名,出生日期,人员类别,所在组织编码\n{rows}"),
        );
        workbook::import(&folder)
    };

    let doc = import(&accepted).unwrap_or_else(|e| panic!("{e}")).document;
    for (i, text) in accepted.iter().enumerate() {
        let form = fields::date(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(form, chrono::NaiveDate::from_ymd_opt(2024, 5, 1), "{text}");
        let name = format!("党员{i}");
        let member = doc.members.values().find(|m| m.name == name).unwrap();
        assert_eq!(member.birth, form, "{text}");
    }

    let Err(WorkbookError::Invalid { problems, .. }) = import(&refused) else {
        panic!("the workbook accepted one of {refused:?}");
    };
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), refused.len(), "{lines:#?}");
    for (i, text) in refused.iter().enumerate() {
        let why = fields::date(text).expect_err(text);
        let row = format!("第{}行", i + 2);
        assert!(
            lines.iter().any(|l| l.contains(&row) && l.contains(&why)),
            "{text}: the form says {why}, the workbook {lines:#?}"
        );
    }
}
