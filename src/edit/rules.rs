//! The field rules of a member, one set for the edit commands and the forms.
//!
//! Two kinds (docs/rules.md, "Findings"): what cannot be true — joining before birth, full
//! membership before joining, a phone or ID number that is not one — is refused
//! by the command, naming the field; what is wrong but carried by real records
//! until corrected — an ID number whose check character fails, a birth date or
//! gender that disagrees with it — is a warning beside the field as it is typed,
//! and a finding of the checks once saved. Import, loading and journal replay
//! take data as it is; only edits are refused.

use super::fields;
use crate::check::{birth_and_gender, check_id_number};
use crate::field_name::field_word;
use crate::model::{Category, Member, RecordKind};
use chrono::NaiveDate;

/// A field of a member, as named beside a refusal or a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 姓名
    Name,
    /// 性别
    Gender,
    /// 出生日期
    Birth,
    /// 身份证号
    IdNumber,
    /// 入党日期
    Joined,
    /// 转正日期
    FullSince,
    /// 联系电话
    Phone,
}

impl Field {
    /// The field as the `.ron` file names it.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Gender => "gender",
            Field::Birth => "birth",
            Field::IdNumber => "id_number",
            Field::Joined => "joined",
            Field::FullSince => "full_since",
            Field::Phone => "phone",
        }
    }

    /// The field's Chinese label, from the one table of field names.
    pub fn label(self) -> &'static str {
        field_word(RecordKind::Member, self.key()).unwrap_or(self.key())
    }
}

/// What cannot be true of a member, field by field; empty when nothing.
pub fn refusals(member: &Member) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    if member.name.trim().is_empty() {
        out.push((Field::Name, "姓名不能为空 (required)".to_string()));
    }
    if let (Some(b), Some(j)) = (member.birth, member.joined) {
        if j <= b {
            out.push((
                Field::Joined,
                "入党日期应晚于出生日期 (before birth)".into(),
            ));
        }
    }
    if let (Some(j), Some(f)) = (member.joined, member.full_since) {
        if f < j {
            out.push((
                Field::FullSince,
                "转正日期应晚于入党日期 (before joined)".into(),
            ));
        }
    }
    if member.category == Category::Probationary && member.full_since.is_some() {
        out.push((
            Field::FullSince,
            "预备党员还没有转正日期 (probationary)".into(),
        ));
    }
    if let Some(Err(why)) = member.phone.as_deref().map(fields::phone) {
        out.push((Field::Phone, why));
    }
    if let Some(Err(why)) = member.id_number.as_deref().map(fields::id_number) {
        out.push((Field::IdNumber, why));
    }
    out
}

/// What is wrong but may stand until corrected: the ID number's check, and a
/// birth date or gender that differs from a valid ID number. Each message
/// reads after the field's label (「身份证号」+「无效（…）」).
pub fn warnings(member: &Member, today: NaiveDate) -> Vec<(Field, String)> {
    let Some(number) = member.id_number.as_deref().filter(|n| !n.trim().is_empty()) else {
        return Vec::new();
    };
    let number = number.trim().to_ascii_uppercase();
    if let Err(why) = check_id_number(&number, today) {
        return vec![(Field::IdNumber, format!("无效（{why}）：请核对"))];
    }
    let mut out = Vec::new();
    if let Some((birth, gender)) = birth_and_gender(&number, today) {
        if member.birth.is_some_and(|b| b != birth) {
            out.push((
                Field::Birth,
                format!("与身份证号不符：身份证号的出生日期是 {birth}"),
            ));
        }
        if member.gender.is_some_and(|g| g != gender) {
            out.push((
                Field::Gender,
                format!("与身份证号不符：身份证号是{}性", gender.label()),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Gender, Id};

    fn member() -> Member {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        Member {
            id: Id(1),
            name: "张三".into(),
            gender: Some(Gender::Female),
            ethnicity: None,
            birth: date(1980, 1, 1),
            id_number: Some("150621198001010029".into()),
            education: None,
            joined: date(2005, 1, 1),
            full_since: date(2006, 1, 1),
            category: Category::Full,
            unit: Id(2),
            positions: Vec::new(),
            phone: Some("13800001111".into()),
            workplace: None,
            in_service: false,
            mobile: false,
        }
    }

    #[test]
    fn a_consistent_member_has_neither_refusals_nor_warnings() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(refusals(&member()), []);
        assert_eq!(warnings(&member(), today), []);
        let mut m = member();
        m.gender = Some(Gender::Male);
        assert_eq!(warnings(&m, today)[0].0, Field::Gender);
        m.joined = NaiveDate::from_ymd_opt(1979, 1, 1);
        assert_eq!(refusals(&m)[0].0, Field::Joined);
    }
}
