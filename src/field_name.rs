//! A record's field as the user reads it: the one table from the field's key in
//! the `.ron` file (`leader`, `covered_by` …) to its Chinese word (书记,
//! 覆盖支部 …), the workbook's column name where there is one. A merge conflict's
//! title, its finding, its undo label, the change reports and the merge report
//! all read it, so no English key reaches the user.

use crate::model::{Conflict, Document, Level, RecordKind};

/// The Chinese word for `field` of a `record`, as the `.ron` file names the
/// field. A unit's leader is named for its `level` (书记, 组长, 户主 …; a
/// community's when the level is not known). A key no record has is given back
/// as it is.
pub fn field_name(record: RecordKind, field: &str, level: Option<Level>) -> String {
    let leader = level.unwrap_or(Level::Community).leader_title();
    match (record, field) {
        (RecordKind::Unit, "leader") => leader.to_string(),
        (RecordKind::Unit, "leader_phone") => format!("{leader}电话"),
        _ => field_word(record, field).unwrap_or(field).to_string(),
    }
}

/// The word for `field` of a `record` where it does not hang on a unit's
/// level (all but a unit's `leader` and `leader_phone`); `None` for a key no
/// record has.
pub fn field_word(record: RecordKind, field: &str) -> Option<&'static str> {
    Some(match (record, field) {
        (RecordKind::Member, "name") => "姓名",
        (RecordKind::Household, "phone") => "联系电话",
        (RecordKind::Unit, "parent") => "上级组织",
        (RecordKind::Member, "unit") => "所在组织",
        (RecordKind::Grid, "households") | (RecordKind::Building, "households") => "户数",
        (RecordKind::Building, "covered_by") => "覆盖党小组",
        (RecordKind::Grid, "covered_by") => "覆盖支部",
        (_, field) => match field {
            "id" => "编号",
            "code" => "编码",
            "name" => "名称",
            "level" => "层级",
            "org_type" => "组织类型",
            "kind_label" => "类型名称",
            "elected" => "换届日期",
            "term_years" => "任期",
            "community" => "所属社区",
            "grid" => "所在网格",
            "population" => "人口",
            "compounds" => "小区",
            "worker" => "网格员",
            "worker_phone" => "网格员电话",
            "gender" => "性别",
            "ethnicity" => "民族",
            "birth" => "出生日期",
            "id_number" => "身份证号",
            "education" => "学历",
            "joined" => "入党日期",
            "full_since" => "转正日期",
            "category" => "人员类别",
            "positions" => "职务",
            "phone" => "联系电话",
            "workplace" => "工作单位",
            "in_service" => "在职报到",
            "mobile" => "流动党员",
            "linked_by" => "党员中心户",
            "head" => "户主姓名",
            "address" => "住址",
            "people" => "人口",
            "kind" => "类型",
            "joins" => "共建组织",
            _ => return None,
        },
    })
}

/// The Chinese word for the field a merge `conflict` in `document` is about;
/// 删除或保留 where one side removed the record and the other kept it.
pub fn conflict_field(document: &Document, conflict: &Conflict) -> String {
    if conflict.field == "removed" {
        return "删除或保留".into();
    }
    let level = document.units.get(&conflict.id).map(|u| u.level);
    field_name(conflict.record, &conflict.field, level)
}
