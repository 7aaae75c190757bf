//! The bundled sample: 西园街道 with four communities whose figures come from the
//! seed report on 达拉特旗's urban party building (seed 000), and a few realistic
//! gaps for the check to find.
//!
//! Figures from the seed: 迎宾馆社区党总支 — 10 grids, 2 网格党支部, 3 党小组, 60
//! members, 14 compounds, 3,837 households, 9,481 people; 北大社区党支部 — 5 grids,
//! 49 members, 2,765 households, 6,581 people; 锦园社区党支部 — 28 members, 9
//! compounds, 3,115 households, 8,754 people. 白塔社区党委 (112 members, 12 grids)
//! and the grid counts not given in the seed are made up to fit.

use super::build::build;
use super::plan::{
    Body, BranchPlan, CoBuilderPlan, CommunityPlan, GridPlan, GroupPlan, Layout, StreetPlan, Term,
};
use super::today::TODAY;
use super::{people, shares};
use crate::model::{Category, Document, Id, OrgType};
use chrono::NaiveDate;

/// The findings the sample is built to produce, checked on [`TODAY`] (2026-11-23)
/// with the default rules: `(rule id, code)`, where the code is that of the unit or
/// grid the finding is about, or of the unit a member sits in. Every other rule of
/// docs/rules.md finds nothing.
///
/// - `grid-uncovered` XY01-W09, XY01-W10: 迎宾馆's two branches cover only eight of
///   its ten grids (the worked case of docs/rules.md, `grid-uncovered`).
/// - `grid-size` (info) XY02-W03 (562 households), XY02-W04 (604), XY02-W05 (634):
///   北大's 2,765 households cannot fit five grids of at most 500.
/// - `id-number-invalid` XY02-G2: the last full member without a post in 北大's
///   second group has a wrong check character.
/// - `probation-overdue` XY03-G1: the probationary member of 锦园's first group
///   joined on 2025-03-15 and is still probationary.
/// - `household-no-links` XY03-G2-H2: a central household linking no household.
/// - `grid-multi-covered` XY04-W06: the 北国商圈 grid, covered by 白塔's second
///   branch and by its 联合党支部 XY04-B5.
/// - `term-expired` XY04-B3: elected 2020-06-01 for five years.
/// - `leader-vacant` XY04-B4-G2: a group without a 组长.
/// - `grid-no-worker` XY04-W10: no grid worker.
/// - `branch-too-few-members` XY04-B5: two full and two probationary members.
///
/// Two readings are assumed where docs/rules.md leaves room: a community organized as
/// one 党支部 (北大, 锦园) with groups is not an `empty-unit`; and only 锦园 and
/// 白塔 use building groups (a community "uses building groups" when a group covers
/// one of its buildings), where every building is covered, so `building-uncovered`
/// finds nothing.
pub const SAMPLE_FINDINGS: &[(&str, &str)] = &[
    ("grid-uncovered", "XY01-W09"),
    ("grid-uncovered", "XY01-W10"),
    ("grid-size", "XY02-W03"),
    ("grid-size", "XY02-W04"),
    ("grid-size", "XY02-W05"),
    ("id-number-invalid", "XY02-G2"),
    ("probation-overdue", "XY03-G1"),
    ("household-no-links", "XY03-G2-H2"),
    ("grid-multi-covered", "XY04-W06"),
    ("term-expired", "XY04-B3"),
    ("leader-vacant", "XY04-B4-G2"),
    ("grid-no-worker", "XY04-W10"),
    ("branch-too-few-members", "XY04-B5"),
];

/// The seed of the sample's random details (names, birth dates, phones …).
const SAMPLE_SEED: u64 = 2019;

/// The date the overdue probationary member joined.
const OVERDUE_JOINED: NaiveDate = date(2025, 3, 15);

/// The bundled sample document (see [`SAMPLE_FINDINGS`] for its gaps).
pub(super) fn sample() -> Document {
    let mut doc = build(
        "达拉特旗西园街道党建网格（示例）",
        &[xiyuan()],
        TODAY,
        SAMPLE_SEED,
    );
    spoil_id_number(&mut doc, "XY02-G2");
    make_probation_overdue(&mut doc, "XY03-G1");
    doc
}

fn xiyuan() -> StreetPlan {
    StreetPlan {
        code: "XY".into(),
        place: "西园".into(),
        staff: 6,
        term: term(date(2022, 9, 16), 5),
        co_builders: co_builders(&[
            ("达拉特旗人民医院", "事业单位"),
            ("国网达拉特旗供电公司", "企业"),
            ("达拉特旗公安局西园派出所", "机关"),
            ("达拉特旗第二中学", "事业单位"),
            ("达拉特旗住房和城乡建设局", "机关"),
        ]),
        communities: vec![yingbinguan(), beida(), jinyuan(), baita()],
    }
}

/// 迎宾馆社区党总支: 60 members, two branches covering eight of the ten grids.
fn yingbinguan() -> CommunityPlan {
    CommunityPlan {
        place: "迎宾馆".into(),
        org_type: OrgType::GeneralBranch,
        secretary: true,
        term: term(date(2026, 6, 12), 5),
        grids: grids(
            &[388, 402, 356, 421, 367, 395, 374, 410, 343, 381],
            9481,
            &[
                &["迎宾小区", "馨园小区"],
                &["金泰花园"],
                &["华府名苑", "怡和苑"],
                &["滨河湾"],
                &["银河湾", "翠微园"],
                &["康和家园"],
                &["东达锦苑", "福泽园"],
                &["瑞景花园"],
                &["阳光新城"],
                &["龙城小区"],
            ],
            &[],
        ),
        building_groups: false,
        layout: Layout::Branches {
            staff: 6,
            branches: vec![
                grid_branch(
                    "迎宾馆社区第一网格党支部",
                    &[0, 1, 2, 3],
                    term(date(2023, 6, 15), 5),
                    vec![group(14, 0, &[12, 10]), group(13, 1, &[9, 13])],
                ),
                grid_branch(
                    "迎宾馆社区第二网格党支部",
                    &[4, 5, 6, 7],
                    term(date(2023, 6, 15), 5),
                    vec![group(25, 1, &[11, 8, 14, 10])],
                ),
            ],
        },
        co_builders: co_builders(&[
            ("西园社会工作服务中心", "社会组织"),
            ("迎宾馆社区志愿者协会", "社会组织"),
            ("达拉特旗迎宾馆", "企业"),
        ]),
    }
}

/// 北大社区党支部: 49 members, organized as one 党支部 with its groups under it.
fn beida() -> CommunityPlan {
    CommunityPlan {
        place: "北大".into(),
        org_type: OrgType::Branch,
        secretary: true,
        term: term(date(2026, 5, 28), 5),
        grids: grids(
            &[468, 497, 562, 604, 634],
            6581,
            &[
                &["新华小区"],
                &["长征小区", "市府家园"],
                &["团结小区"],
                &["北苑小区"],
                &["明珠花园", "民族小区"],
            ],
            &[],
        ),
        building_groups: false,
        layout: Layout::OwnBranch(covering_all(
            5,
            vec![
                group(17, 0, &[10, 12, 9]),
                group(15, 1, &[11, 13, 8]),
                group(16, 0, &[12, 10, 14]),
            ],
        )),
        co_builders: co_builders(&[("达拉特旗民族宗教事务局", "机关")]),
    }
}

/// 锦园社区党支部: 28 members, one 党支部 with building groups.
fn jinyuan() -> CommunityPlan {
    CommunityPlan {
        place: "锦园".into(),
        org_type: OrgType::Branch,
        secretary: true,
        term: term(date(2026, 6, 20), 5),
        grids: grids(
            &[452, 438, 471, 426, 449, 417, 462],
            8754,
            &[
                &["锦园小区"],
                &["金鹏花园"],
                &["响沙小区", "凤林园"],
                &["平原新村"],
                &["锦绣华庭"],
                &["金地苑", "东风小区"],
                &["铁路小区"],
            ],
            &[],
        ),
        building_groups: true,
        layout: Layout::OwnBranch(covering_all(
            7,
            vec![group(13, 1, &[10, 12, 9]), group(14, 0, &[11, 0, 13])],
        )),
        co_builders: co_builders(&[("锦园物业服务中心", "企业")]),
    }
}

/// 白塔社区党委: 112 members in four grid branches and a 联合党支部 for the
/// 北国购物 commercial district.
fn baita() -> CommunityPlan {
    let mut vacant_leader = group(11, 1, &[10, 11]);
    vacant_leader.leader = false;
    CommunityPlan {
        place: "白塔".into(),
        org_type: OrgType::Committee,
        secretary: true,
        term: term(date(2026, 6, 5), 5),
        grids: grids(
            &[412, 386, 447, 398, 365, 421, 433, 379, 402, 356, 468, 391],
            12150,
            &[
                &["白塔小区"],
                &["塔园小区"],
                &["西苑小区"],
                &["和平花园"],
                &["友谊小区"],
                &["北国商业街"],
                &["文化家园"],
                &["育才小区"],
                &["富民小区"],
                &["阳光花园"],
                &["兴华苑"],
                &["长青小区"],
            ],
            &[9],
        ),
        building_groups: true,
        layout: Layout::Branches {
            staff: 7,
            branches: vec![
                grid_branch(
                    "白塔社区第一网格党支部",
                    &[0, 1, 2],
                    term(date(2023, 7, 1), 5),
                    vec![group(14, 0, &[10, 12]), group(12, 1, &[9, 11])],
                ),
                grid_branch(
                    "白塔社区第二网格党支部",
                    &[3, 4, 5],
                    term(date(2023, 7, 1), 5),
                    vec![group(13, 0, &[13, 9]), group(13, 0, &[10, 12])],
                ),
                grid_branch(
                    "白塔社区第三网格党支部",
                    &[6, 7, 8],
                    term(date(2020, 6, 1), 5),
                    vec![group(12, 0, &[11, 10]), group(12, 0, &[8, 12])],
                ),
                grid_branch(
                    "白塔社区第四网格党支部",
                    &[9, 10, 11],
                    term(date(2023, 7, 1), 5),
                    vec![group(12, 0, &[12, 9]), vacant_leader],
                ),
                BranchPlan {
                    kind_label: "联合党支部",
                    ..grid_branch(
                        "白塔社区北国商圈联合党支部",
                        &[5],
                        term(date(2025, 4, 20), 3),
                        vec![group(2, 2, &[9])],
                    )
                },
            ],
        },
        co_builders: co_builders(&[
            ("北国购物中心", "企业"),
            ("达拉特旗市场监督管理局白塔市场监管所", "机关"),
        ]),
    }
}

/// Grids with these households, the population shared in proportion, the given
/// compounds, and no grid worker in the grids whose indices are in `no_worker`.
fn grids(
    households: &[u32],
    population: u32,
    compounds: &[&[&str]],
    no_worker: &[usize],
) -> Vec<GridPlan> {
    let weights: Vec<f64> = households.iter().map(|&h| f64::from(h)).collect();
    let people = shares::split(population as usize, &weights, 0);
    households
        .iter()
        .zip(people)
        .zip(compounds)
        .enumerate()
        .map(|(i, ((&households, population), compounds))| GridPlan {
            households,
            population: population as u32,
            compounds: compounds.iter().map(|c| c.to_string()).collect(),
            worker: !no_worker.contains(&i),
        })
        .collect()
}

fn grid_branch(name: &str, covers: &[usize], term: Term, groups: Vec<GroupPlan>) -> BranchPlan {
    BranchPlan {
        name: name.into(),
        kind_label: "网格党支部",
        secretary: true,
        term,
        body: Body {
            covers: covers.to_vec(),
            groups,
        },
    }
}

/// The body of a community organized as one 党支部: it covers all its grids.
fn covering_all(grids: usize, groups: Vec<GroupPlan>) -> Body {
    Body {
        covers: (0..grids).collect(),
        groups,
    }
}

fn group(full: usize, probationary: usize, links: &[u32]) -> GroupPlan {
    GroupPlan {
        full,
        probationary,
        leader: true,
        links: links.to_vec(),
    }
}

fn co_builders(list: &[(&str, &'static str)]) -> Vec<CoBuilderPlan> {
    list.iter()
        .map(|&(name, kind)| CoBuilderPlan {
            name: name.into(),
            kind,
        })
        .collect()
}

fn term(elected: NaiveDate, years: u8) -> Term {
    Term { elected, years }
}

const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("the sample's dates are valid"),
    }
}

/// The members sitting in the unit with this code, in id order.
fn members_of(doc: &Document, code: &str) -> Vec<Id> {
    let unit = doc.unit_by_code(code).map(|u| u.id);
    doc.members
        .values()
        .filter(|m| Some(m.unit) == unit)
        .map(|m| m.id)
        .collect()
}

/// Gives the last full member without a post in the unit a wrong check character.
fn spoil_id_number(doc: &mut Document, code: &str) {
    let target = members_of(doc, code).into_iter().rev().find(|id| {
        let m = &doc.members[id];
        m.category == Category::Full && m.positions.is_empty()
    });
    if let Some(member) = target.and_then(|id| doc.members.get_mut(&id)) {
        people::spoil_id_number(member);
    }
}

/// Moves the joining date of the unit's probationary member back beyond a year.
fn make_probation_overdue(doc: &mut Document, code: &str) {
    let target = members_of(doc, code)
        .into_iter()
        .find(|id| doc.members[id].category == Category::Probationary);
    if let Some(member) = target.and_then(|id| doc.members.get_mut(&id)) {
        member.joined = Some(OVERDUE_JOINED);
    }
}
