//! Rules about members: where they sit, their ID numbers, probation and posts.

use super::context::Context;
use super::finding::Findings;
use super::rule::Rule;
use crate::graph::is_committee_position;
use crate::id_number::{birth_and_gender, check_id_number};
use crate::model::{Category, Level, Member};
use crate::text::trim;
use chrono::Months;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

pub(super) fn check(cx: &Context, out: &mut Findings) {
    let mut numbers = IdNumbers::with_capacity(cx.document.members.len());
    for member in cx.document.members.values() {
        let unit = cx.index.unit(member.unit);
        let code = unit.map_or("", |u| u.code.as_str());
        if let Some(normal) = id_number(member) {
            if let Err(why) = check_id_number(&normal, cx.today) {
                out.push(
                    Rule::IdNumberInvalid,
                    member.id,
                    code,
                    &member.name,
                    format!(
                        "党员{}的身份证号无效（{}）：请核对后更正",
                        member.name,
                        why.shown(cx.privacy)
                    ),
                );
            }
            mismatch(cx, member, &normal, code, out);
            numbers.note(normal, member);
        }
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
        dates(cx, member, code, out);
    }
    for (member, first) in numbers.duplicates() {
        out.push(
            Rule::MemberDuplicate,
            member.id,
            cx.index.unit(member.unit).map_or("", |u| u.code.as_str()),
            &member.name,
            format!(
                "党员{}与{}的身份证号相同：同一人只能登记一次，请核对后删除重复记录",
                member.name, first.name
            ),
        );
    }
}

/// A recorded birth date or gender that differs from what a valid ID number
/// says: one finding naming every difference. Birth dates show as
/// `cx.privacy` says; two of one month masked say only that the day differs.
fn mismatch(cx: &Context, member: &Member, number: &str, code: &str, out: &mut Findings) {
    let Some((birth, gender)) = birth_and_gender(number, cx.today) else {
        return;
    };
    let mut differences = Vec::new();
    if let Some(recorded) = member.birth.filter(|&b| b != birth) {
        let [recorded, birth] = [recorded, birth].map(|d| cx.privacy.birth(Some(d)));
        differences.push(if recorded == birth {
            "出生日期与身份证号的出生日不同".to_string()
        } else {
            format!("出生日期登记为 {recorded}，身份证号为 {birth}")
        });
    }
    if let Some(recorded) = member.gender.filter(|&g| g != gender) {
        differences.push(format!(
            "性别登记为{}，身份证号为{}",
            recorded.label(),
            gender.label()
        ));
    }
    if !differences.is_empty() {
        out.push(
            Rule::IdNumberMismatch,
            member.id,
            code,
            &member.name,
            format!(
                "党员{}的{}：请核对身份证号或更正登记",
                member.name,
                differences.join("；")
            ),
        );
    }
}

/// A member's ID number, trimmed and upper-case; `None` when blank.
fn id_number(member: &Member) -> Option<Cow<'_, str>> {
    let number = trim(member.id_number.as_deref()?);
    if number.is_empty() {
        None
    } else if number.bytes().any(|b| b.is_ascii_lowercase()) {
        Some(Cow::Owned(number.to_ascii_uppercase()))
    } else {
        Some(Cow::Borrowed(number))
    }
}

/// The ID numbers seen, to find members that share one. Well-formed numbers
/// (17 digits and a check digit or X) are packed into a `u64` and found by
/// sorting, which beats a hash table of this size; anything else is compared
/// as text.
struct IdNumbers<'d> {
    packed: Vec<(u64, &'d Member)>,
    other: FxHashMap<Cow<'d, str>, &'d Member>,
    duplicates: Vec<(&'d Member, &'d Member)>,
}

impl<'d> IdNumbers<'d> {
    fn with_capacity(members: usize) -> Self {
        IdNumbers {
            packed: Vec::with_capacity(members),
            other: FxHashMap::default(),
            duplicates: Vec::new(),
        }
    }

    /// Notes a member's normalized ID number; members come in id order.
    fn note(&mut self, number: Cow<'d, str>, member: &'d Member) {
        match pack(&number) {
            Some(key) => self.packed.push((key, member)),
            None => {
                let first = *self.other.entry(number).or_insert(member);
                if !std::ptr::eq(first, member) {
                    self.duplicates.push((member, first));
                }
            }
        }
    }

    /// Each member whose number an earlier member has, with that first member.
    fn duplicates(mut self) -> Vec<(&'d Member, &'d Member)> {
        // Stable: within a run, members stay in id order.
        self.packed.sort_by_key(|&(key, _)| key);
        for run in self.packed.chunk_by(|a, b| a.0 == b.0) {
            let first = run[0].1;
            self.duplicates
                .extend(run[1..].iter().map(|&(_, member)| (member, first)));
        }
        self.duplicates
    }
}

/// An upper-case ID number of 17 digits and a check digit or X, as one number.
fn pack(number: &str) -> Option<u64> {
    let bytes = number.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let check = match bytes[17] {
        b'X' => 10,
        d @ b'0'..=b'9' => u64::from(d - b'0'),
        _ => return None,
    };
    let digits = bytes[..17]
        .iter()
        .fold(0u64, |v, d| v * 10 + u64::from(d - b'0'));
    Some(digits * 11 + check)
}

/// A member sitting directly in a branch that has groups, unless they sit on
/// its committee (书记, 委员 …), which is where committee members belong.
fn unassigned(cx: &Context, member: &Member, unit: &crate::model::Unit, out: &mut Findings) {
    if !unit.is_branch_like() || member.positions.iter().any(|p| is_committee_position(p)) {
        return;
    }
    let has_groups = cx
        .index
        .position(unit.id)
        .is_some_and(|p| cx.index.has_child(p as usize, Level::Group));
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
    let committee = || {
        member
            .positions
            .iter()
            .map(String::as_str)
            .filter(|p| is_committee_position(p))
    };
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
            if committee().next().is_some() {
                out.push(
                    Rule::CommitteeProbationary,
                    member.id,
                    code,
                    &member.name,
                    format!(
                        "预备党员{}担任{}：预备党员没有选举权和被选举权，请调整职务",
                        member.name,
                        committee().collect::<Vec<_>>().join("、")
                    ),
                );
            }
        }
        Category::Full => {
            let secretary = member.positions.iter().any(|p| trim(p) == "书记");
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
