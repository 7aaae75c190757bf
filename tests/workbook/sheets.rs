//! Each sheet: a filled-in workbook read sheet by sheet, optional sheets left
//! out, the template's own explanations and example rows.

use crate::book::{s, Book};
use crate::reading::{cells_of, column_of, date, imported, member, notices, sheet_rows, unit_code};
use calamine::Data;
use gridorg::model::{Category, Gender, Level, OrgType};
use gridorg::workbook;

#[test]
fn every_sheet_of_a_filled_in_workbook_is_read() {
    let result = imported(&Book::base());
    assert!(result.notices.is_empty(), "{:?}", notices(&result));
    let doc = &result.document;
    assert_eq!(doc.title, "西园街道");

    // 组织
    assert_eq!(doc.units.len(), 6);
    let street = doc.unit_by_code("XY").unwrap();
    assert_eq!((street.level, street.parent), (Level::Street, None));
    assert_eq!(street.elected, Some(date(2022, 9, 16)));
    assert_eq!(street.term_years, Some(5));
    assert_eq!(street.leader_phone.as_deref(), Some("13800000001"));
    let community = doc.unit_by_code("XY01").unwrap();
    assert_eq!(community.org_type, OrgType::GeneralBranch);
    assert_eq!(community.kind_label, None);
    assert_eq!(community.parent, Some(street.id));
    let branch = doc.unit_by_code("XY01-B1").unwrap();
    assert_eq!(branch.kind_label.as_deref(), Some("网格党支部"));
    assert_eq!(branch.leader.as_deref(), Some("陈丽"));
    let group = doc.unit_by_code("XY01-B1-G1").unwrap();
    assert_eq!((group.level, group.parent), (Level::Group, Some(branch.id)));
    let household = doc.unit_by_code("XY01-B1-G1-H1").unwrap();
    assert_eq!(household.level, Level::Household);
    assert_eq!(household.leader, Some("王建军".into()));
    assert_eq!(doc.unit_by_code("XY02").unwrap().org_type, OrgType::Branch);

    // 网格
    let w1 = doc.grid_by_code("XY01-W01").unwrap();
    assert_eq!(w1.community, community.id);
    assert_eq!((w1.households, w1.population), (Some(388), Some(962)));
    assert_eq!(w1.worker.as_deref(), Some("李慧敏"));
    assert_eq!(w1.worker_phone.as_deref(), Some("13947754321"));
    assert_eq!(w1.covered_by, vec![branch.id]);
    assert!(doc.grid_by_code("XY01-W02").unwrap().covered_by.is_empty());
    let beida = doc.unit_by_code("XY02").unwrap().id;
    assert_eq!(
        doc.grid_by_code("XY02-W01").unwrap().covered_by,
        vec![beida]
    );

    // 党员
    let wang = member(doc, "王建军");
    assert_eq!(wang.gender, Some(Gender::Male));
    assert_eq!(wang.ethnicity.as_deref(), Some("汉族"));
    assert_eq!(wang.birth, Some(date(1980, 3, 12)));
    assert_eq!(wang.id_number.as_deref(), Some("150621198003120010"));
    assert_eq!(wang.education.as_deref(), Some("大学本科"));
    assert_eq!(wang.joined, Some(date(2005, 7, 1)));
    assert_eq!(wang.full_since, Some(date(2006, 7, 1)));
    assert_eq!(wang.category, Category::Full);
    assert_eq!(unit_code(doc, wang.unit), "XY01-B1-G1");
    assert_eq!(wang.positions, ["组长", "中心户户主"]);
    assert_eq!(wang.phone.as_deref(), Some("13604778899"));
    assert_eq!(wang.workplace.as_deref(), Some("达拉特旗第二中学"));
    assert!(wang.in_service && !wang.mobile);
    let li = member(doc, "李芳");
    assert_eq!(li.category, Category::Probationary);
    assert!(!li.in_service && li.mobile);
    assert_eq!(li.full_since, None);
    let names: Vec<&str> = doc.members.values().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["王建军", "李芳", "周敏"],
        "members keep their row order"
    );

    // 联系户
    let h = doc.households.values().next().unwrap();
    assert_eq!(h.linked_by, household.id);
    assert_eq!(h.head, "赵桂兰");
    assert_eq!(h.address.as_deref(), Some("3号楼2单元301"));
    assert_eq!(
        (h.people, h.phone.as_deref()),
        (Some(3), Some("13514776655"))
    );

    // 楼栋
    let b = doc.buildings.values().next().unwrap();
    assert_eq!(
        (b.code.as_str(), b.name.as_str()),
        ("XY01-W01-L03", "3号楼")
    );
    assert_eq!(
        (b.grid, b.households, b.covered_by),
        (w1.id, Some(48), Some(group.id))
    );

    // 共建单位
    let c = doc.co_builders.values().next().unwrap();
    assert_eq!(
        (c.name.as_str(), c.kind.as_deref(), c.joins),
        ("达拉特旗人民医院", Some("事业单位"), street.id)
    );
}

#[test]
fn optional_sheets_may_be_left_out() {
    let book = Book::base()
        .without("联系户")
        .without("楼栋")
        .without("共建单位");
    let doc = imported(&book).document;
    assert_eq!(doc.members.len(), 3);
    assert!(doc.households.is_empty() && doc.buildings.is_empty() && doc.co_builders.is_empty());
}

#[test]
fn the_template_explains_every_column_and_imports_as_an_empty_document() {
    let bytes = workbook::template().unwrap();
    let cells = cells_of(&bytes);
    let names: Vec<&str> = cells.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["组织", "网格", "党员", "联系户", "楼栋", "共建单位", "说明"]
    );
    for (name, rows) in &cells[..6] {
        assert_eq!(rows.len(), 2, "{name}: a header and one example row");
        assert!(
            rows[1].iter().any(|c| c != &Data::Empty),
            "{name} example row"
        );
    }
    let units = sheet_rows(&cells, "组织");
    let headers: Vec<String> = units[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        headers,
        [
            "编码*",
            "名称*",
            "层级*",
            "组织类型",
            "上级编码",
            "负责人",
            "联系电话",
            "换届日期",
            "任期"
        ]
    );
    let members = sheet_rows(&cells, "党员");
    let id = column_of(members, "身份证号");
    assert_eq!(members[1][id], Data::String("150621198003120010".into()));
    let guide = sheet_rows(&cells, "说明");
    let text: String = guide
        .iter()
        .flatten()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("|");
    for sheet in ["组织", "网格", "党员", "联系户", "楼栋", "共建单位"] {
        assert!(text.contains(sheet));
    }
    for column in [
        "所在组织编码",
        "覆盖支部编码",
        "中心户编码",
        "党小组编码",
        "换届日期",
        "在职报到",
    ] {
        assert!(text.contains(column), "说明 lacks {column}");
    }
    assert!(text.contains("下拉选择：正式党员 / 预备党员"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("模板.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let result = workbook::import(&path).unwrap();
    assert!(result.document.units.is_empty() && result.document.members.is_empty());
    let skipped = notices(&result)
        .iter()
        .filter(|n| n.contains("第2行") && n.contains("example row skipped"))
        .count();
    assert_eq!(skipped, 6);
}

#[test]
fn only_an_unchanged_example_row_is_skipped() {
    let example = vec![s("达拉特旗人民医院（示例）"), s("事业单位"), s("XY")];
    let mut book = Book::base();
    book.sheet("共建单位").push(example.clone());
    let result = imported(&book);
    assert_eq!(result.document.co_builders.len(), 1);
    assert!(notices(&result)
        .iter()
        .any(|n| n.starts_with("共建单位 第3行") && n.contains("example row skipped")));

    let mut changed = example;
    changed[1] = s("企业");
    let mut book = Book::base();
    book.sheet("共建单位").push(changed);
    let result = imported(&book);
    assert_eq!(result.document.co_builders.len(), 2);
    assert!(result.notices.is_empty());
}
