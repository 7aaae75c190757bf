//! Rules about members: where they sit, their ID numbers, probation and posts.

use super::index::is_committee_position;
use super::{check_id_number, Context, Findings, Rule};
use crate::model::{Category, Level, Member};
use chrono::Months;
use rustc_hash::FxHashMap;

pub(super) fn check(cx: &Context, out: &mut Findings) {
    let mut seen_id_numbers: FxHashMap<String, &Member> = FxHashMap::default();
    for member in cx.document.members.values() {
        let unit = cx.index.unit(member.unit);
        let code = unit.map_or("", |u| u.code.as_str());
        let Some(unit) = unit else {
            out.push(
                Rule::MemberDangling,
                member.id,
                code,
                &member.name,
                format!(
                    "党员{}所在组织 {} 不存在：请把该党员编入现有组织",
                    member.name, member.unit
                ),
            );
            continue;
        };
        unassigned(cx, member, unit, out);
        if let Some(number) = member.id_number.as_deref().filter(|n| !n.trim().is_empty()) {
            let normal = number.trim().to_ascii_uppercase();
            if let Err(why) = check_id_number(&normal, cx.today) {
                out.push(
                    Rule::IdNumberInvalid,
                    member.id,
                    code,
                    &member.name,
                    format!("党员{}的身份证号无效（{why}）：请核对后更正", member.name),
                );
            }
            if let Some(other) = seen_id_numbers.get(&normal) {
                out.push(
                    Rule::MemberDuplicate,
                    member.id,
                    code,
                    &member.name,
                    format!(
                        "党员{}与{}的身份证号相同：同一人只能登记一次，请核对后删除重复记录",
                        member.name, other.name
                    ),
                );
            } else {
                seen_id_numbers.insert(normal, member);
            }
        }
        dates(cx, member, code, out);
    }
}

/// A member sitting directly in a branch that has groups, unless they sit on
/// its committee (书记, 委员 …), which is where committee members belong.
fn unassigned(cx: &Context, member: &Member, unit: &crate::model::Unit, out: &mut Findings) {
    if !unit.is_branch_like() || member.positions.iter().any(|p| is_committee_position(p)) {
        return;
    }
    let has_groups = cx.index.position(unit.id).is_some_and(|p| {
        cx.index.children[p as usize]
            .iter()
            .any(|&c| cx.index.units[c as usize].level == Level::Group)
    });
    if has_groups {
        out.push(
            Rule::MemberUnassigned,
            member.id,
            &unit.code,
            &member.name,
            format!(
                "党员{}直接编在「{}」，而该支部设有党小组：请把他编入一个党小组",
                member.name, unit.name
            ),
        );
    }
}

fn dates(cx: &Context, member: &Member, code: &str, out: &mut Findings) {
    let t = cx.thresholds;
    let committee: Vec<&str> = member
        .positions
        .iter()
        .map(String::as_str)
        .filter(|p| is_committee_position(p))
        .collect();
    match member.category {
        Category::Probationary => {
            if let Some(joined) = member.joined {
                let due = joined.checked_add_months(Months::new(t.probation_months));
                if due.is_some_and(|d| d < cx.today) {
                    out.push(
                        Rule::ProbationOverdue,
                        member.id,
                        code,
                        &member.name,
                        format!(
                            "预备党员{}于 {joined} 入党，预备期已超过 {} 个月：请按期讨论转正并登记转正日期",
                            member.name, t.probation_months
                        ),
                    );
                }
            }
            if !committee.is_empty() {
                out.push(
                    Rule::CommitteeProbationary,
                    member.id,
                    code,
                    &member.name,
                    format!(
                        "预备党员{}担任{}：预备党员没有选举权和被选举权，请调整职务",
                        member.name,
                        committee.join("、")
                    ),
                );
            }
        }
        Category::Full => {
            let secretary = member.positions.iter().any(|p| p.trim() == "书记");
            if let (true, Some(full)) = (secretary, member.full_since) {
                let standing = full.checked_add_months(Months::new(t.secretary_min_full_months));
                if standing.is_some_and(|d| d > cx.today) {
                    out.push(
                        Rule::SecretaryStanding,
                        member.id,
                        code,
                        &member.name,
                        format!(
                            "书记{}于 {full} 转正，党龄不满 {} 个月：书记一般应有一年以上党龄，请复核人选",
                            member.name, t.secretary_min_full_months
                        ),
                    );
                }
            }
        }
    }
}
