//! Rules about the units of the tree: levels, leaders, terms, branch size and
//! committees, community types, groups and central households.

use super::context::Context;
use super::finding::Findings;
use super::rule::Rule;
use crate::model::{Level, OrgType, Unit};
use crate::text::is_blank;
use chrono::Months;

pub(super) fn check(cx: &Context, out: &mut Findings) {
    let links = links_per_central_household(cx);
    for (pos, unit) in cx.index.units.iter().enumerate() {
        level_mismatch(cx, unit, out);
        leader_vacant(unit, out);
        term(cx, unit, out);
        if unit.is_branch_like() {
            branch(cx, pos, unit, out);
        }
        match unit.level {
            Level::Community => community(cx, pos, unit, out),
            Level::Branch if !cx.index.has_child(pos, Level::Group) => out.push(
                Rule::EmptyUnit,
                unit.id,
                &unit.code,
                &unit.name,
                format!(
                    "支部「{}」下没有党小组：请按网格或楼栋划分党小组",
                    unit.name
                ),
            ),
            Level::Group if !cx.index.has_child(pos, Level::Household) => out.push(
                Rule::GroupWithoutHouseholds,
                unit.id,
                &unit.code,
                &unit.name,
                format!(
                    "党小组「{}」没有党员中心户：请确定党员中心户并联系周边住户",
                    unit.name
                ),
            ),
            Level::Household => {
                let n = links[pos];
                let max = cx.thresholds.household_max_links;
                if n == 0 {
                    out.push(
                        Rule::HouseholdNoLinks,
                        unit.id,
                        &unit.code,
                        &unit.name,
                        format!("党员中心户「{}」没有联系户：请登记其联系的住户", unit.name),
                    );
                } else if n > max {
                    out.push(
                        Rule::HouseholdTooManyLinks,
                        unit.id,
                        &unit.code,
                        &unit.name,
                        format!(
                            "党员中心户「{}」联系 {n} 户，超过 {max} 户：请分给相邻中心户",
                            unit.name
                        ),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Linked households per unit, by position: read from the graph where it
/// holds the households (the window's), else counted here.
fn links_per_central_household(cx: &Context) -> Vec<u32> {
    if let Some(graph) = cx.index.full_graph() {
        let linked = |u: &Unit| graph.linked_households(u.id).len() as u32;
        return cx
            .index
            .units
            .iter()
            .map(|u| {
                if u.level == Level::Household {
                    linked(u)
                } else {
                    0
                }
            })
            .collect();
    }
    let mut links = vec![0; cx.index.units.len()];
    for h in cx.document.households.values() {
        if let Some(p) = cx.index.position(h.linked_by) {
            links[p as usize] += 1;
        }
    }
    links
}

fn level_mismatch(cx: &Context, unit: &Unit, out: &mut Findings) {
    let Some(parent) = unit.parent.and_then(|p| cx.index.unit(p)) else {
        return;
    };
    if !parent.level.accepts(unit.level, parent.org_type) {
        let expected = unit
            .level
            .depth()
            .checked_sub(2)
            .map(|i| Level::ALL[i as usize].label())
            .unwrap_or("无");
        out.push(
            Rule::LevelMismatch,
            unit.id,
            &unit.code,
            &unit.name,
            format!(
                "{}「{}」的上级「{}」是{}，应为{expected}：请把它移到正确层级的上级之下",
                unit.level, unit.name, parent.name, parent.level
            ),
        );
    }
}

fn leader_vacant(unit: &Unit, out: &mut Findings) {
    if unit.leader.as_deref().is_none_or(is_blank) {
        let title = unit.level.leader_title();
        out.push(
            Rule::LeaderVacant,
            unit.id,
            &unit.code,
            &unit.name,
            format!("「{}」{title}空缺：请选配{title}并登记", unit.name),
        );
    }
}

/// Terms apply to elected committees: communities and branches.
fn term(cx: &Context, unit: &Unit, out: &mut Findings) {
    if !matches!(unit.level, Level::Community | Level::Branch) {
        return;
    }
    let Some(elected) = unit.elected else {
        return;
    };
    let years = unit.term_years.unwrap_or(cx.thresholds.default_term_years);
    let Some(end) = elected.checked_add_months(Months::new(12 * u32::from(years))) else {
        return;
    };
    if end <= cx.today {
        out.push(
            Rule::TermExpired,
            unit.id,
            &unit.code,
            &unit.name,
            format!(
                "「{}」{elected} 换届，{years} 年任期已于 {end} 届满，未见新的换届记录：请按期换届选举并登记换届日期",
                unit.name
            ),
        );
    } else if (end - cx.today).num_days() <= i64::from(cx.thresholds.term_warning_days) {
        out.push(
            Rule::TermExpiring,
            unit.id,
            &unit.code,
            &unit.name,
            format!(
                "「{}」任期将于 {end} 届满（还有 {} 天）：请提前做好换届准备",
                unit.name,
                (end - cx.today).num_days()
            ),
        );
    }
}

fn branch(cx: &Context, pos: usize, unit: &Unit, out: &mut Findings) {
    let counts = cx.index.subtree(pos);
    let t = cx.thresholds;
    if counts.full < t.branch_min_full_members {
        out.push(
            Rule::BranchTooFewMembers,
            unit.id,
            &unit.code,
            &unit.name,
            format!(
                "「{}」只有 {} 名正式党员（预备党员 {} 名），少于 {} 名：请与相邻支部合并或成立联合党支部",
                unit.name, counts.full, counts.probationary, t.branch_min_full_members
            ),
        );
    }
    if counts.total() > t.branch_max_members {
        out.push(
            Rule::BranchTooManyMembers,
            unit.id,
            &unit.code,
            &unit.name,
            format!(
                "「{}」有 {} 名党员，超过 {} 名：请考虑分设支部或成立党总支",
                unit.name,
                counts.total(),
                t.branch_max_members
            ),
        );
    }
    if counts.full >= t.committee_from_full_members && counts.committee < t.committee_min_size {
        out.push(
            Rule::BranchNeedsCommittee,
            unit.id,
            &unit.code,
            &unit.name,
            format!(
                "「{}」有 {} 名正式党员，但支委只有 {} 人：正式党员 {} 人以上的支部应设支部委员会（至少 {} 人）",
                unit.name, counts.full, counts.committee, t.committee_from_full_members, t.committee_min_size
            ),
        );
    }
}

fn community(cx: &Context, pos: usize, unit: &Unit, out: &mut Findings) {
    let t = cx.thresholds;
    let total = cx.index.subtree(pos).total();
    let fitting = if total >= t.community_committee_from {
        OrgType::Committee
    } else if total >= t.community_general_branch_from {
        OrgType::GeneralBranch
    } else {
        OrgType::Branch
    };
    if unit.org_type != OrgType::Default && unit.org_type != fitting {
        out.push(
            Rule::CommunityTypeMismatch,
            unit.id,
            &unit.code,
            &unit.name,
            format!(
                "「{}」有 {total} 名党员，按规定宜设{}，目前为{}：请按党员人数调整组织设置",
                unit.name,
                fitting.label().unwrap_or_default(),
                unit.org_type.label().unwrap_or_default()
            ),
        );
    }
    if !unit.is_branch_like() && !cx.index.has_child(pos, Level::Branch) {
        out.push(
            Rule::EmptyUnit,
            unit.id,
            &unit.code,
            &unit.name,
            format!("社区「{}」下没有党支部：请把支部建在网格上", unit.name),
        );
    }
    if unit.is_branch_like() && !cx.index.has_child(pos, Level::Group) {
        out.push(
            Rule::EmptyUnit,
            unit.id,
            &unit.code,
            &unit.name,
            format!("「{}」下没有党小组：请按网格或楼栋划分党小组", unit.name),
        );
    }
}
