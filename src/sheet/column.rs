//! The sheet's columns: the template's 党员 sheet ([`crate::workbook`]), in its
//! order, each shown from a member and read into one by the workbook's cell
//! rules — a pasted cell is read as the same text in an imported file would be.

use crate::controls::escape;
use crate::edit::rules::Field;
use crate::mask::Privacy;
use crate::model::{Gender, Member};
use crate::workbook::cells::{self, Bad};
use crate::workbook::columns::MEMBERS;
use calamine::Data;

/// A column of the sheet, in the template's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 姓名
    Name,
    /// 性别
    Gender,
    /// 民族
    Ethnicity,
    /// 出生日期
    Birth,
    /// 身份证号
    IdNumber,
    /// 学历
    Education,
    /// 入党日期
    Joined,
    /// 转正日期
    FullSince,
    /// 人员类别
    Category,
    /// 所在组织编码: shown, not changed here (a member changes unit by
    /// 编入所选组织, which checks the unit).
    Unit,
    /// 职务
    Positions,
    /// 联系电话
    Phone,
    /// 工作单位
    Workplace,
    /// 在职报到
    InService,
    /// 流动党员
    Mobile,
}

impl Column {
    /// Every column, left to right.
    pub const ALL: [Column; 15] = [
        Column::Name,
        Column::Gender,
        Column::Ethnicity,
        Column::Birth,
        Column::IdNumber,
        Column::Education,
        Column::Joined,
        Column::FullSince,
        Column::Category,
        Column::Unit,
        Column::Positions,
        Column::Phone,
        Column::Workplace,
        Column::InService,
        Column::Mobile,
    ];

    /// The column at `index` from the left.
    pub fn at(index: usize) -> Option<Column> {
        Column::ALL.get(index).copied()
    }

    /// Its place from the left.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The header, as in the template.
    pub fn name(self) -> &'static str {
        MEMBERS.columns[self.index()].name
    }

    /// Whether it shows a personal number, masked unless asked.
    pub fn personal(self) -> bool {
        matches!(self, Column::Birth | Column::IdNumber | Column::Phone)
    }

    /// Where the sheet shows what the member rules say of a field.
    pub fn of(field: Field) -> Column {
        match field {
            Field::Name => Column::Name,
            Field::Gender => Column::Gender,
            Field::Birth => Column::Birth,
            Field::IdNumber => Column::IdNumber,
            Field::Joined => Column::Joined,
            Field::FullSince => Column::FullSince,
            Field::Phone => Column::Phone,
        }
    }

    /// Whether the sheet only shows it.
    pub fn read_only(self) -> bool {
        self == Column::Unit
    }

    /// The cell of `member` as shown: personal numbers as `privacy` says,
    /// dates as 2020-05-01, 职务 joined by 、; `unit` is the code of the
    /// member's unit.
    pub fn shown(self, member: &Member, privacy: Privacy, unit: &str) -> String {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
        match self {
            Column::Name => member.name.clone(),
            Column::Gender => member.gender.map_or("", Gender::label).to_string(),
            Column::Ethnicity => text(&member.ethnicity),
            Column::Birth => privacy.birth(member.birth),
            Column::IdNumber => privacy.id_number(member.id_number.as_deref()),
            Column::Education => text(&member.education),
            Column::Joined => date(member.joined),
            Column::FullSince => date(member.full_since),
            Column::Category => member.category.label().to_string(),
            Column::Unit => unit.to_string(),
            Column::Positions => member.positions.join("、"),
            Column::Phone => privacy.phone(member.phone.as_deref()),
            Column::Workplace => text(&member.workplace),
            Column::InService => yes_no(member.in_service),
            Column::Mobile => yes_no(member.mobile),
        }
    }

    /// Reads `text` into this column's field of `member` by the template's
    /// cell rules, or says why it cannot be read: 「2020-13-01」不是有效日期
    /// (invalid date)，应为 …. `unit` is the code of the member's unit.
    pub fn read(self, text: &str, member: &mut Member, unit: &str) -> Result<(), String> {
        let cell = Data::String(text.to_string());
        let why = |bad: Bad| {
            let expected = MEMBERS.columns[self.index()].kind.expected();
            match bad.got {
                Some(got) => format!("「{}」{}，应为 {expected}", escape(&got), bad.why),
                None => format!("{}，应为 {expected}", bad.why),
            }
        };
        match self {
            Column::Name => member.name = cells::text(&cell).map_err(why)?.unwrap_or_default(),
            Column::Gender => member.gender = cells::gender(&cell).map_err(why)?,
            Column::Ethnicity => member.ethnicity = cells::text(&cell).map_err(why)?,
            Column::Birth => member.birth = cells::date(&cell, false).map_err(why)?,
            Column::IdNumber => member.id_number = cells::id_number(&cell).map_err(why)?,
            Column::Education => member.education = cells::text(&cell).map_err(why)?,
            Column::Joined => member.joined = cells::date(&cell, false).map_err(why)?,
            Column::FullSince => member.full_since = cells::date(&cell, false).map_err(why)?,
            Column::Category => {
                member.category = cells::category(&cell)
                    .map_err(why)?
                    .ok_or("人员类别不能为空 (required)，应为 正式党员 或 预备党员")?
            }
            Column::Unit => {
                let code = cells::code(&cell).map_err(why)?.unwrap_or_default();
                if code != unit {
                    return Err(
                        "不能在表格中修改 (read-only)：调到其他组织请在党员表单中用「编入所选组织」"
                            .into(),
                    );
                }
            }
            Column::Positions => member.positions = cells::list(&cell).map_err(why)?,
            Column::Phone => {
                member.phone = cells::phone(&cell).map_err(why)?.map(|p| p.number);
            }
            Column::Workplace => member.workplace = cells::text(&cell).map_err(why)?,
            Column::InService => {
                member.in_service = cells::yes_no(&cell).map_err(why)?.unwrap_or(false);
            }
            Column::Mobile => member.mobile = cells::yes_no(&cell).map_err(why)?.unwrap_or(false),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Column, MEMBERS};
    use crate::mask::Privacy;
    use crate::model::{Id, Member};

    #[test]
    fn each_column_reads_and_shows_the_templates_example_in_its_place() {
        assert_eq!(Column::ALL.len(), MEMBERS.columns.len());
        let unit = "XY01-B1-G1";
        for (i, (c, template)) in Column::ALL.iter().zip(MEMBERS.columns).enumerate() {
            assert_eq!(c.index(), i);
            let mut member = Member::new(Id(1), "", Id(2));
            c.read(template.example, &mut member, unit)
                .unwrap_or_else(|why| panic!("{}: {why}", template.name));
            assert_eq!(c.shown(&member, Privacy::Whole, unit), template.example);
        }
    }
}
