//! The Excel workbook (模板): staff fill it in Excel or WPS, with everything real
//! spreadsheets contain, and import it; a document exports to the same template
//! and comes back unchanged. Every workbook here is written by the test itself
//! with rust_xlsxwriter, odd cells and all.

use calamine::{Data, Reader, Xlsx};
use gridorg::document;
use gridorg::generate::sample;
use gridorg::model::{Category, Document, Gender, Id, Level, OrgType};
use gridorg::workbook::{self, Imported, WorkbookError};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// ---------------------------------------------------------------------------
// Writing test workbooks
// ---------------------------------------------------------------------------

/// A cell as a user might have typed it.
#[derive(Debug, Clone)]
enum C {
    /// A text cell.
    S(String),
    /// A number cell.
    N(f64),
    /// A date cell (formatted as a date in Excel).
    D(u16, u8, u8),
    /// Nothing.
    E,
}

fn s(text: &str) -> C {
    C::S(text.to_string())
}

impl C {
    /// The cell as a CSV field.
    fn csv(&self) -> String {
        match self {
            C::S(t) => t.clone(),
            C::N(v) => format!("{v}"),
            C::D(y, m, d) => format!("{y}-{m:02}-{d:02}"),
            C::E => String::new(),
        }
    }
}

#[derive(Debug, Clone)]
struct SheetSpec {
    name: String,
    /// Title rows above the header, each merged across the table.
    titles: Vec<String>,
    /// The column the table starts in (0 = A).
    first_col: u16,
    header: Vec<String>,
    /// Header cells merged with the one right of them, by column index: the
    /// header that column had is then not written.
    merged_headers: Vec<usize>,
    rows: Vec<Vec<C>>,
}

impl SheetSpec {
    fn new(name: &str, header: &[&str], rows: Vec<Vec<C>>) -> SheetSpec {
        SheetSpec {
            name: name.into(),
            titles: Vec::new(),
            first_col: 0,
            header: header.iter().map(|h| h.to_string()).collect(),
            merged_headers: Vec::new(),
            rows,
        }
    }

    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h.trim().trim_end_matches('*') == name)
            .unwrap_or_else(|| panic!("{} has no column {name}", self.name))
    }

    /// Sets a cell of a data row (0 = the first row under the header).
    fn set(&mut self, row: usize, column: &str, value: C) -> &mut Self {
        let c = self.col(column);
        self.rows[row][c] = value;
        self
    }

    fn push(&mut self, row: Vec<C>) -> &mut Self {
        self.rows.push(row);
        self
    }

    /// Moves a column to the end (column order is free).
    fn move_to_end(&mut self, column: &str) -> &mut Self {
        let c = self.col(column);
        let h = self.header.remove(c);
        self.header.push(h);
        for row in &mut self.rows {
            let v = row.remove(c);
            row.push(v);
        }
        self
    }

    /// Adds a column with the same value in every row.
    fn add_column(&mut self, header: &str, value: C) -> &mut Self {
        self.header.push(header.into());
        for row in &mut self.rows {
            row.push(value.clone());
        }
        self
    }

    fn drop_column(&mut self, column: &str) -> &mut Self {
        let c = self.col(column);
        self.header.remove(c);
        for row in &mut self.rows {
            row.remove(c);
        }
        self
    }
}

#[derive(Debug, Clone)]
struct Book {
    sheets: Vec<SheetSpec>,
}

impl Book {
    /// A small, valid street: two communities (one organized as a single 党支部
    /// covering its own grid), a branch, a group, a central household, three
    /// members, a linked household, a building and a co-building unit.
    fn base() -> Book {
        let units = SheetSpec::new(
            "组织",
            &[
                "编码*",
                "名称*",
                "层级*",
                "组织类型",
                "上级编码",
                "负责人",
                "联系电话",
                "换届日期",
                "任期",
            ],
            vec![
                row(
                    &[
                        "XY",
                        "西园街道党工委",
                        "街道",
                        "",
                        "",
                        "刘志强",
                        "13800000001",
                    ],
                    &[C::D(2022, 9, 16), C::N(5.0)],
                ),
                row(
                    &[
                        "XY01",
                        "迎宾馆社区党总支",
                        "社区",
                        "党总支",
                        "XY",
                        "张建国",
                        "13847712345",
                    ],
                    &[C::D(2021, 6, 15), C::N(5.0)],
                ),
                row(
                    &[
                        "XY01-B1",
                        "迎宾馆社区第一网格党支部",
                        "支部",
                        "网格党支部",
                        "XY01",
                        "陈丽",
                        "",
                    ],
                    &[C::E, C::N(3.0)],
                ),
                row(
                    &[
                        "XY01-B1-G1",
                        "第一党小组",
                        "党小组",
                        "楼栋党小组",
                        "XY01-B1",
                        "王建军",
                        "",
                    ],
                    &[C::E, C::E],
                ),
                row(
                    &[
                        "XY01-B1-G1-H1",
                        "王建军中心户",
                        "中心户",
                        "",
                        "XY01-B1-G1",
                        "王建军",
                        "",
                    ],
                    &[C::E, C::E],
                ),
                row(
                    &["XY02", "北大社区党支部", "社区", "党支部", "XY", "周敏", ""],
                    &[C::E, C::E],
                ),
            ],
        );
        let grids = SheetSpec::new(
            "网格",
            &[
                "网格编码*",
                "网格名称*",
                "所属社区编码*",
                "户数",
                "人口",
                "网格员",
                "网格员电话",
                "覆盖支部编码",
            ],
            vec![
                vec![
                    s("XY01-W01"),
                    s("迎宾馆第一网格"),
                    s("XY01"),
                    C::N(388.0),
                    C::N(962.0),
                    s("李慧敏"),
                    s("13947754321"),
                    s("XY01-B1"),
                ],
                vec![
                    s("XY01-W02"),
                    s("迎宾馆第二网格"),
                    s("XY01"),
                    C::N(402.0),
                    C::N(1001.0),
                    C::E,
                    C::E,
                    C::E,
                ],
                vec![
                    s("XY02-W01"),
                    s("北大第一网格"),
                    s("XY02"),
                    C::N(512.0),
                    C::N(1300.0),
                    s("赵强"),
                    s("13947700000"),
                    s("XY02"),
                ],
            ],
        );
        let members = SheetSpec::new(
            "党员",
            &[
                "姓名*",
                "性别",
                "民族",
                "出生日期",
                "身份证号",
                "学历",
                "入党日期",
                "转正日期",
                "人员类别*",
                "所在组织编码*",
                "职务",
                "联系电话",
                "工作单位",
                "在职报到",
                "流动党员",
            ],
            vec![
                vec![
                    s("王建军"),
                    s("男"),
                    s("汉族"),
                    C::D(1980, 3, 12),
                    s("150621198003120010"),
                    s("大学本科"),
                    C::D(2005, 7, 1),
                    C::D(2006, 7, 1),
                    s("正式党员"),
                    s("XY01-B1-G1"),
                    s("组长、中心户户主"),
                    s("13604778899"),
                    s("达拉特旗第二中学"),
                    s("是"),
                    s("否"),
                ],
                vec![
                    s("李芳"),
                    s("女"),
                    s("蒙古族"),
                    C::D(1985, 5, 20),
                    s("150621198505200029"),
                    s("大专"),
                    C::D(2025, 3, 1),
                    C::E,
                    s("预备党员"),
                    s("XY01-B1-G1"),
                    C::E,
                    s("13604770000"),
                    C::E,
                    s("否"),
                    s("是"),
                ],
                vec![
                    s("周敏"),
                    s("女"),
                    s("汉族"),
                    C::D(1975, 1, 8),
                    C::E,
                    s("高中"),
                    C::D(2000, 7, 1),
                    C::D(2001, 7, 1),
                    s("正式党员"),
                    s("XY02"),
                    s("书记"),
                    C::E,
                    s("退休"),
                    C::E,
                    C::E,
                ],
            ],
        );
        let households = SheetSpec::new(
            "联系户",
            &["中心户编码*", "户主姓名*", "住址", "人口", "联系电话"],
            vec![vec![
                s("XY01-B1-G1-H1"),
                s("赵桂兰"),
                s("3号楼2单元301"),
                C::N(3.0),
                s("13514776655"),
            ]],
        );
        let buildings = SheetSpec::new(
            "楼栋",
            &[
                "楼栋编码*",
                "楼栋名称*",
                "所属网格编码*",
                "户数",
                "党小组编码",
            ],
            vec![vec![
                s("XY01-W01-L03"),
                s("3号楼"),
                s("XY01-W01"),
                C::N(48.0),
                s("XY01-B1-G1"),
            ]],
        );
        let co_builders = SheetSpec::new(
            "共建单位",
            &["名称*", "类型", "共建组织编码*"],
            vec![vec![s("达拉特旗人民医院"), s("事业单位"), s("XY")]],
        );
        Book {
            sheets: vec![units, grids, members, households, buildings, co_builders],
        }
    }

    fn sheet(&mut self, name: &str) -> &mut SheetSpec {
        self.sheets
            .iter_mut()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no sheet {name}"))
    }

    fn without(mut self, name: &str) -> Book {
        self.sheets.retain(|s| s.name != name);
        self
    }

    fn write(&self, path: &Path) {
        let mut workbook = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for spec in &self.sheets {
            let ws = workbook.add_worksheet();
            ws.set_name(&spec.name).unwrap();
            let c0 = spec.first_col;
            let last = c0 + spec.header.len() as u16 - 1;
            let mut r = 0u32;
            for title in &spec.titles {
                ws.merge_range(r, c0, r, last, title, &Format::new())
                    .unwrap();
                r += 1;
            }
            for (c, h) in spec.header.iter().enumerate() {
                let col = c0 + c as u16;
                if spec.merged_headers.contains(&c) {
                    ws.merge_range(r, col, r, col + 1, h, &Format::new())
                        .unwrap();
                } else if !c
                    .checked_sub(1)
                    .is_some_and(|l| spec.merged_headers.contains(&l))
                {
                    ws.write_string(r, col, h).unwrap();
                }
            }
            for row in &spec.rows {
                r += 1;
                for (c, cell) in row.iter().enumerate() {
                    let c = c0 + c as u16;
                    match cell {
                        C::S(t) => {
                            ws.write_string(r, c, t).unwrap();
                        }
                        C::N(v) => {
                            ws.write_number(r, c, *v).unwrap();
                        }
                        C::D(y, m, d) => {
                            let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                            ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
                        }
                        C::E => {}
                    }
                }
            }
        }
        workbook.save(path).unwrap();
    }

    /// Writes the sheets as CSV files in `dir`, each encoded by `encode`.
    fn write_csv(&self, dir: &Path, encode: impl Fn(&str) -> Vec<u8>) {
        std::fs::create_dir_all(dir).unwrap();
        for spec in &self.sheets {
            let mut out = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new());
            for title in &spec.titles {
                out.write_record([title.as_str()]).unwrap();
            }
            out.write_record(&spec.header).unwrap();
            for row in &spec.rows {
                out.write_record(row.iter().map(C::csv)).unwrap();
            }
            let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
            std::fs::write(dir.join(format!("{}.csv", spec.name)), encode(&text)).unwrap();
        }
    }
}

/// A row of text cells followed by other cells.
fn row(texts: &[&str], rest: &[C]) -> Vec<C> {
    texts
        .iter()
        .map(|t| if t.is_empty() { C::E } else { s(t) })
        .chain(rest.iter().cloned())
        .collect()
}

// ---------------------------------------------------------------------------
// Importing and looking at the result
// ---------------------------------------------------------------------------

fn import_book(book: &Book) -> Result<Imported, WorkbookError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("西园街道.xlsx");
    book.write(&path);
    workbook::import(&path)
}

fn imported(book: &Book) -> Imported {
    import_book(book).unwrap_or_else(|e| panic!("import failed:\n{e}"))
}

/// The problems of a failed import, one line each.
fn problems(book: &Book) -> Vec<String> {
    match import_book(book) {
        Ok(_) => panic!("import succeeded but should have failed"),
        Err(WorkbookError::Invalid { problems, .. }) => {
            problems.iter().map(|p| p.to_string()).collect()
        }
        Err(other) => panic!("expected bad cells, got: {other}"),
    }
}

/// Asserts that one problem line starts with `place` and contains every one of `words`.
fn assert_problem(lines: &[String], place: &str, words: &[&str]) {
    let found = lines
        .iter()
        .any(|l| l.starts_with(place) && words.iter().all(|w| l.contains(w)));
    assert!(
        found,
        "no problem at {place} with {words:?}; problems were:\n{}",
        lines.join("\n")
    );
}

fn notices(imported: &Imported) -> Vec<String> {
    imported.notices.iter().map(|n| n.to_string()).collect()
}

fn unit_code(doc: &Document, id: Id) -> String {
    doc.units[&id].code.clone()
}

fn member<'d>(doc: &'d Document, name: &str) -> &'d gridorg::model::Member {
    doc.members
        .values()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no member {name}"))
}

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every record of a document with ids replaced by codes (members and households
/// in order, since they have no code): two documents with the same shape are
/// equal up to ids.
fn shape(doc: &Document) -> Vec<String> {
    let unit = |id: Id| {
        doc.units
            .get(&id)
            .map_or(format!("?{id}"), |u| u.code.clone())
    };
    let grid = |id: Id| {
        doc.grids
            .get(&id)
            .map_or(format!("?{id}"), |g| g.code.clone())
    };
    let mut units: Vec<String> = doc
        .units
        .values()
        .map(|u| {
            format!(
                "unit {} {} {:?} {:?} {:?} parent={:?} {:?} {:?} {:?} {:?}",
                u.code,
                u.name,
                u.level,
                u.org_type,
                u.kind_label,
                u.parent.map(unit),
                u.leader,
                u.leader_phone,
                u.elected,
                u.term_years
            )
        })
        .collect();
    units.sort();
    let mut out = vec![format!("title {}", doc.title)];
    out.extend(units);
    out.extend(doc.grids.values().map(|g| {
        format!(
            "grid {} {} {} {:?} {:?} {:?} {:?} {:?} {:?}",
            g.code,
            g.name,
            unit(g.community),
            g.households,
            g.population,
            g.compounds,
            g.worker,
            g.worker_phone,
            g.covered_by.iter().map(|&b| unit(b)).collect::<Vec<_>>()
        )
    }));
    out.extend(doc.buildings.values().map(|b| {
        format!(
            "building {} {} {} {:?} {:?}",
            b.code,
            b.name,
            grid(b.grid),
            b.households,
            b.covered_by.map(unit)
        )
    }));
    out.extend(doc.members.values().map(|m| {
        format!(
            "member {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {:?} {:?} {:?} {} {}",
            m.name,
            m.gender,
            m.ethnicity,
            m.birth,
            m.id_number,
            m.education,
            m.joined,
            m.full_since,
            m.category,
            unit(m.unit),
            m.positions,
            m.phone,
            m.workplace,
            m.in_service,
            m.mobile
        )
    }));
    out.extend(doc.households.values().map(|h| {
        format!(
            "household {} {} {:?} {:?} {:?}",
            unit(h.linked_by),
            h.head,
            h.address,
            h.people,
            h.phone
        )
    }));
    out.extend(
        doc.co_builders
            .values()
            .map(|c| format!("co-builder {} {:?} {}", c.name, c.kind, unit(c.joins))),
    );
    out
}

/// Every sheet of an `.xlsx` file, cell by cell.
fn cells_of(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut xlsx = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    xlsx.sheet_names()
        .into_iter()
        .map(|name| {
            let range = xlsx.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

fn sheet_rows<'a>(cells: &'a [(String, Vec<Vec<Data>>)], name: &str) -> &'a [Vec<Data>] {
    &cells
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

fn column_of(rows: &[Vec<Data>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h.to_string().trim_end_matches('*') == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

// ---------------------------------------------------------------------------
// Round trip
// ---------------------------------------------------------------------------

#[test]
fn sample_exports_and_imports_back_to_the_same_document_and_workbook() {
    let original = sample();
    let first = workbook::export(&original).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xlsx");
    std::fs::write(&path, &first).unwrap();
    let back = workbook::import(&path).unwrap();
    assert!(back.notices.is_empty(), "{:?}", notices(&back));
    let doc = back.document;
    assert_eq!(doc.units.len(), original.units.len());
    assert_eq!(doc.grids.len(), original.grids.len());
    assert_eq!(doc.buildings.len(), original.buildings.len());
    assert_eq!(doc.members.len(), original.members.len());
    assert_eq!(doc.households.len(), original.households.len());
    assert_eq!(doc.co_builders.len(), original.co_builders.len());
    assert!(!original.buildings.is_empty() && !original.households.is_empty());
    let (a, b) = (shape(&original), shape(&doc));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert_eq!(a, b);
    document::validate(&doc).unwrap();

    let second = workbook::export(&doc).unwrap();
    assert_eq!(cells_of(&first), cells_of(&second));
}

#[test]
fn export_keeps_phones_and_id_numbers_as_text_and_dates_as_dates() {
    let cells = cells_of(&workbook::export(&sample()).unwrap());
    let names: Vec<&str> = cells.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["组织", "网格", "党员", "联系户", "楼栋", "共建单位", "说明"]
    );
    let members = sheet_rows(&cells, "党员");
    let (id, phone, born) = (
        column_of(members, "身份证号"),
        column_of(members, "联系电话"),
        column_of(members, "出生日期"),
    );
    assert_eq!(members[0][id], Data::String("身份证号".into()));
    for row in &members[1..] {
        assert!(
            matches!(&row[id], Data::String(t) if t.len() == 18),
            "{:?}",
            row[id]
        );
        assert!(
            matches!(&row[phone], Data::String(t) if t.len() == 11),
            "{:?}",
            row[phone]
        );
        assert!(matches!(&row[born], Data::DateTime(_)), "{:?}", row[born]);
    }
    let units = sheet_rows(&cells, "组织");
    assert_eq!(units[0][0], Data::String("编码*".into()));
    assert_eq!(
        units[1][column_of(units, "层级")],
        Data::String("街道".into())
    );
}

#[test]
fn export_keeps_the_document_title() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("whatever.xlsx");
    std::fs::write(&path, workbook::export(&sample()).unwrap()).unwrap();
    let doc = workbook::import(&path).unwrap().document;
    assert_eq!(doc.title, sample().title);
}

// ---------------------------------------------------------------------------
// Each sheet
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Tolerance
// ---------------------------------------------------------------------------

#[test]
fn spaces_full_width_digits_and_punctuation_are_read() {
    let mut book = Book::base();
    book.sheet("组织")
        .set(1, "编码", s("　ＸＹ０１ "))
        .set(1, "上级编码", s(" XY\u{200B}"))
        .set(1, "联系电话", s("１３８４７７１２３４５"))
        .set(1, "层级", s(" 社区党委 "))
        .set(1, "名称", s("  迎宾馆社区党总支  "));
    book.sheet("网格")
        .set(0, "所属社区编码", s("ＸＹ０１"))
        .set(0, "户数", s("３８８"))
        .set(0, "覆盖支部编码", s("XY01-B1， "));
    book.sheet("党员")
        .set(0, "身份证号", s(" １５０６２１１９８００３１２００１０ "))
        .set(0, "出生日期", s("１９８０年３月１２日"))
        .set(0, "职务", s("组长；中心户户主"))
        .set(0, "性别", s(" 男 "));
    let doc = imported(&book).document;
    let community = doc.unit_by_code("XY01").unwrap();
    assert_eq!(community.name, "迎宾馆社区党总支");
    assert_eq!(community.leader_phone.as_deref(), Some("13847712345"));
    assert_eq!(community.level, Level::Community);
    let grid = doc.grid_by_code("XY01-W01").unwrap();
    assert_eq!((grid.community, grid.households), (community.id, Some(388)));
    assert_eq!(grid.covered_by.len(), 1);
    let wang = member(&doc, "王建军");
    assert_eq!(wang.id_number.as_deref(), Some("150621198003120010"));
    assert_eq!(wang.birth, Some(date(1980, 3, 12)));
    assert_eq!(wang.positions, ["组长", "中心户户主"]);
}

#[test]
fn numbers_stored_as_text_and_text_stored_as_numbers() {
    let mut book = Book::base();
    book.sheet("组织")
        .set(0, "任期", s("5年"))
        .set(0, "联系电话", C::N(13800000001.0))
        .push(row(
            &["", "第二党小组", "党小组", "", "XY01-B1"],
            &[C::E, C::E, C::E, C::E],
        ));
    book.sheet("组织").set(6, "编码", C::N(1001.0));
    book.sheet("网格")
        .set(0, "户数", s("388"))
        .set(0, "人口", s("1,962人"))
        .set(0, "网格员电话", C::N(4775123456.0));
    book.sheet("党员")
        .set(0, "联系电话", C::N(13604778899.0))
        .set(1, "所在组织编码", s("1001"));
    book.sheet("联系户").set(0, "人口", s("3"));
    let result = imported(&book);
    let doc = &result.document;
    let street = doc.unit_by_code("XY").unwrap();
    assert_eq!(street.term_years, Some(5));
    assert_eq!(street.leader_phone.as_deref(), Some("13800000001"));
    let grid = doc.grid_by_code("XY01-W01").unwrap();
    assert_eq!((grid.households, grid.population), (Some(388), Some(1962)));
    assert_eq!(grid.worker_phone.as_deref(), Some("04775123456"));
    assert!(
        notices(&result)
            .iter()
            .any(|n| n.starts_with("网格 第2行 网格员电话(G列)")
                && n.contains("leading zero restored")),
        "{:?}",
        notices(&result)
    );
    assert_eq!(member(doc, "王建军").phone.as_deref(), Some("13604778899"));
    assert_eq!(unit_code(doc, member(doc, "李芳").unit), "1001");
    assert_eq!(doc.households.values().next().unwrap().people, Some(3));
}

#[test]
fn excel_dates_serials_and_written_dates_are_read() {
    let mut book = Book::base();
    book.sheet("党员")
        .set(0, "入党日期", C::N(38534.0)) // a serial in a cell not formatted as a date
        .set(0, "转正日期", s("2006/7/1"))
        .set(0, "出生日期", s("1980.03.12"))
        .set(1, "入党日期", C::N(2025.03)) // 2025.03 typed into a number cell
        .set(1, "出生日期", s("19850520"))
        .set(2, "入党日期", s("2000年7月"))
        .set(2, "转正日期", s("2001-07-01 00:00:00"));
    let doc = imported(&book).document;
    let wang = member(&doc, "王建军");
    assert_eq!(wang.joined, Some(date(2005, 7, 1)));
    assert_eq!(wang.full_since, Some(date(2006, 7, 1)));
    assert_eq!(wang.birth, Some(date(1980, 3, 12)));
    let li = member(&doc, "李芳");
    assert_eq!(li.joined, Some(date(2025, 3, 1)));
    assert_eq!(li.birth, Some(date(1985, 5, 20)));
    let zhou = member(&doc, "周敏");
    assert_eq!(zhou.joined, Some(date(2000, 7, 1)));
    assert_eq!(zhou.full_since, Some(date(2001, 7, 1)));
    assert_eq!(
        doc.unit_by_code("XY").unwrap().elected,
        Some(date(2022, 9, 16))
    );
}

#[test]
fn merged_title_rows_above_the_header_are_skipped_and_rows_numbered_as_excel_shows() {
    let mut book = Book::base();
    book.sheet("党员").titles = vec![
        "西园街道党员花名册".into(),
        "填报单位：西园街道党工委".into(),
    ];
    book.sheet("组织").titles = vec!["组织设置".into()];
    let doc = imported(&book).document;
    assert_eq!(doc.members.len(), 3);
    assert_eq!(doc.units.len(), 6);

    // The header is on row 3, so the second member is on row 5.
    book.sheet("党员").set(1, "出生日期", s("1985-02-30"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第5行 出生日期(D列)",
        &["1985-02-30", "invalid date"],
    );
}

#[test]
fn a_table_that_does_not_start_in_column_a_reports_the_right_letters() {
    let mut book = Book::base();
    book.sheet("党员").first_col = 2;
    book.sheet("党员").set(0, "出生日期", s("昨天"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第2行 出生日期(F列)",
        &["「昨天」", "invalid date"],
    );
}

#[test]
fn empty_rows_are_skipped() {
    let mut book = Book::base();
    let blank = vec![C::E; 15];
    let spaces = vec![s("  "); 15];
    let members = book.sheet("党员");
    members.rows.insert(1, blank.clone());
    members.rows.insert(2, spaces);
    members.rows.push(blank);
    let doc = imported(&book).document;
    assert_eq!(doc.members.len(), 3);
}

#[test]
fn columns_in_any_order_with_or_without_star_and_extra_columns_ignored_with_a_notice() {
    let mut book = Book::base();
    book.sheet("党员")
        .move_to_end("姓名")
        .move_to_end("身份证号")
        .add_column("备注", s("无"));
    book.sheet("党员").header.insert(0, "序号".into());
    for (i, row) in book.sheet("党员").rows.iter_mut().enumerate() {
        row.insert(0, C::N(i as f64 + 1.0));
    }
    let units = book.sheet("组织");
    units.header[0] = "编码".into(); // without the star
    units.header[1] = " 名称 * ".into();
    units.header[7] = "换届日期（年-月-日）".into();
    let result = imported(&book);
    assert_eq!(
        member(&result.document, "王建军").id_number.as_deref(),
        Some("150621198003120010")
    );
    assert_eq!(
        result.document.unit_by_code("XY").unwrap().elected,
        Some(date(2022, 9, 16))
    );
    let lines = notices(&result);
    assert!(
        lines.iter().any(|n| n.starts_with("党员 第1行")
            && n.contains("「备注」")
            && n.contains("ignored column")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|n| n.contains("「序号」(A列)")),
        "{lines:?}"
    );
}

#[test]
fn an_unknown_sheet_is_ignored_with_a_notice() {
    let mut book = Book::base();
    book.sheets
        .push(SheetSpec::new("统计", &["合计"], vec![vec![C::N(3.0)]]));
    let result = imported(&book);
    assert!(notices(&result)
        .iter()
        .any(|n| n.starts_with("统计") && n.contains("ignored sheet")));
}

#[test]
fn an_id_number_excel_stored_as_a_number_is_refused_not_rounded() {
    let mut book = Book::base();
    book.sheet("党员")
        .set(0, "身份证号", C::N(150621198003120010.0))
        .set(1, "身份证号", s("1.50621E+17"))
        .set(2, "身份证号", C::N(150621197501080000.0));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第2行 身份证号(E列)",
        &[
            "「150621198003120000」",
            "precision lost",
            "应为 文本格式的 18 位身份证号",
        ],
    );
    assert_problem(
        &lines,
        "党员 第3行 身份证号(E列)",
        &["1.50621E+17", "scientific notation"],
    );
    // Ending in 000 with a wrong check character: what Excel rounded.
    assert_problem(
        &lines,
        "党员 第4行 身份证号(E列)",
        &["「150621197501080000」", "precision lost"],
    );
}

#[test]
fn an_id_number_stored_as_text_keeps_every_digit_even_ending_in_000() {
    // Its check character is wrong (2 is right): a finding for `check`, not a
    // number Excel rounded, since a text cell keeps every digit.
    let mut book = Book::base();
    book.sheet("党员")
        .set(0, "身份证号", s("150621198003120000"));
    let doc = imported(&book).document;
    assert_eq!(
        member(&doc, "王建军").id_number.as_deref(),
        Some("150621198003120000")
    );
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("csv");
    book.write_csv(&folder, |t| t.as_bytes().to_vec());
    let doc = workbook::import(&folder).unwrap().document;
    assert_eq!(
        member(&doc, "王建军").id_number.as_deref(),
        Some("150621198003120000")
    );
}

#[test]
fn a_long_value_is_quoted_only_in_part() {
    let long = "长".repeat(5_000);
    let mut book = Book::base();
    book.sheet("党员").set(0, "出生日期", s(&long)).set(
        1,
        "所在组织编码",
        s(&format!("XY{}", "9".repeat(3_000))),
    );
    let lines = problems(&book);
    let start = format!("「{}…」", "长".repeat(40));
    assert_problem(
        &lines,
        "党员 第2行 出生日期(D列)",
        &[&start, "共 5000 个字符", "invalid date"],
    );
    let code_start = format!("「XY{}…」", "9".repeat(38));
    assert_problem(
        &lines,
        "党员 第3行 所在组织编码(J列)",
        &[&code_start, "共 3002 个字符", "unknown code"],
    );
    for line in &lines {
        assert!(line.chars().count() < 200, "quoted whole: {line}");
    }
}

#[test]
fn data_under_a_header_merged_across_two_columns_is_a_notice_not_silence() {
    let mut book = Book::base();
    // 联系电话 (L) merged with 工作单位 (M): M has data and no header.
    let members = book.sheet("党员");
    let phone = members.col("联系电话");
    members.merged_headers.push(phone);
    let result = imported(&book);
    let notices = notices(&result);
    assert!(
        notices.iter().any(|n| n.starts_with("党员 第1行")
            && n.contains("M列")
            && n.contains("column without header")
            && n.contains("第2行起")),
        "{notices:?}"
    );
    assert_eq!(member(&result.document, "王建军").workplace, None);
}

#[test]
fn a_gbk_csv_folder_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("西园街道");
    Book::base().write_csv(&folder, |text| {
        let (bytes, _, failed) = encoding_rs::GBK.encode(text);
        assert!(!failed);
        bytes.into_owned()
    });
    assert!(std::str::from_utf8(&std::fs::read(folder.join("党员.csv")).unwrap()).is_err());
    let result = workbook::import(&folder).unwrap();
    assert_eq!(
        shape(&result.document),
        shape(&imported(&Book::base()).document)
    );
}

#[test]
fn utf8_csv_with_and_without_bom_are_imported() {
    for bom in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("西园街道");
        Book::base().write_csv(&folder, |text| {
            let mut bytes = if bom {
                vec![0xEF, 0xBB, 0xBF]
            } else {
                Vec::new()
            };
            bytes.extend_from_slice(text.as_bytes());
            bytes
        });
        let doc = workbook::import(&folder).unwrap().document;
        assert_eq!(
            member(&doc, "王建军").id_number.as_deref(),
            Some("150621198003120010")
        );
        assert_eq!(doc.unit_by_code("XY").unwrap().name, "西园街道党工委");
    }
}

#[test]
fn csv_errors_name_the_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("西园街道");
    let mut book = Book::base();
    book.sheet("党员").titles = vec!["党员名册".into()];
    book.sheet("党员").set(0, "人员类别", s("积极分子"));
    book.write_csv(&folder, |t| t.as_bytes().to_vec());
    std::fs::remove_file(folder.join("网格.csv")).unwrap();
    let Err(WorkbookError::Invalid { problems, .. }) = workbook::import(&folder) else {
        panic!("expected problems");
    };
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_problem(&lines, "网格.csv", &["missing sheet", "网格.csv"]);
    // Problems with the sheets come first; bad cells are found once every sheet is there.
    std::fs::write(
        folder.join("网格.csv"),
        "网格编码*,网格名称*,所属社区编码*\nXY01-W01,第一网格,XY01\n",
    )
    .unwrap();
    let Err(WorkbookError::Invalid { problems, .. }) = workbook::import(&folder) else {
        panic!("expected problems");
    };
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_problem(
        &lines,
        "党员.csv 第3行 人员类别(I列)",
        &["「积极分子」", "invalid category", "正式党员 或 预备党员"],
    );
}

#[test]
fn a_single_csv_file_or_an_undecodable_one_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("党员.csv");
    std::fs::write(&file, "姓名\n张三\n").unwrap();
    let err = workbook::import(&file).unwrap_err().to_string();
    assert!(
        err.contains("党员.csv") && err.contains("single csv file"),
        "{err}"
    );

    let folder = dir.path().join("坏文件");
    Book::base().write_csv(&folder, |t| t.as_bytes().to_vec());
    std::fs::write(folder.join("党员.csv"), [0xFF, 0xFE, 0x00, 0xD8, 0x41]).unwrap();
    let err = workbook::import(&folder).unwrap_err().to_string();
    assert!(
        err.contains("党员.csv") && err.contains("unknown encoding"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

#[test]
fn every_bad_cell_is_reported_in_one_run_with_sheet_row_column_and_what_was_expected() {
    let mut book = Book::base();
    book.sheet("党员")
        .set(1, "出生日期", s("1990-13-01"))
        .set(1, "性别", s("男女"))
        .set(0, "人员类别", C::E)
        .set(2, "在职报到", s("也许"))
        .set(2, "联系电话", s("打电话"));
    book.sheet("网格")
        .set(1, "户数", s("很多"))
        .set(2, "人口", C::N(-3.0));
    book.sheet("组织")
        .set(2, "任期", C::N(0.0))
        .set(3, "层级", s("居委会"));
    book.sheet("联系户").set(0, "户主姓名", C::E);
    book.sheet("楼栋").set(0, "户数", C::N(4.5));
    let lines = problems(&book);
    assert_eq!(
        lines.iter().find(|l| l.starts_with("党员 第3行 出生日期")).map(String::as_str),
        Some("党员 第3行 出生日期(D列): 「1990-13-01」不是有效日期 (invalid date)，应为 2020-05-01、2020/5/1、2020年5月1日、2020.05 或 Excel 日期")
    );
    assert_problem(
        &lines,
        "党员 第3行 性别(B列)",
        &["「男女」", "invalid gender", "应为 男 或 女"],
    );
    assert_problem(&lines, "党员 第2行 人员类别(I列)", &["missing value"]);
    assert_problem(
        &lines,
        "党员 第4行 在职报到(N列)",
        &["「也许」", "应为 是 或 否"],
    );
    assert_problem(
        &lines,
        "党员 第4行 联系电话(L列)",
        &["「打电话」", "invalid phone"],
    );
    assert_problem(
        &lines,
        "网格 第3行 户数(D列)",
        &["「很多」", "not a number"],
    );
    assert_problem(&lines, "网格 第4行 人口(E列)", &["negative"]);
    assert_problem(&lines, "组织 第4行 任期(I列)", &["out of range"]);
    assert_problem(
        &lines,
        "组织 第5行 层级(C列)",
        &["「居委会」", "invalid level"],
    );
    assert_problem(&lines, "联系户 第2行 户主姓名(B列)", &["missing value"]);
    assert_problem(&lines, "楼栋 第2行 户数(D列)", &["not an integer"]);
    assert_eq!(lines.len(), 11, "{}", lines.join("\n"));
    // In workbook order: 组织 before 网格 before 党员 …
    let first_sheet: Vec<&str> = lines.iter().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(first_sheet.first(), Some(&"组织"));
    assert_eq!(first_sheet.last(), Some(&"楼栋"));
}

#[test]
fn unknown_codes_are_reported_where_they_are_written() {
    let mut book = Book::base();
    book.sheet("党员").set(0, "所在组织编码", s("XY09-G1"));
    book.sheet("组织").set(3, "上级编码", s("XY01-B9"));
    book.sheet("网格").set(1, "所属社区编码", s("XY03")).set(
        0,
        "覆盖支部编码",
        s("XY01-B1、XY01-B7"),
    );
    book.sheet("楼栋").set(0, "所属网格编码", s("XY01-W09"));
    book.sheet("联系户")
        .set(0, "中心户编码", s("XY01-B1-G1-H9"));
    book.sheet("共建单位").set(0, "共建组织编码", s("ZZ"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第2行 所在组织编码(J列)",
        &["「XY09-G1」", "unknown code", "组织表"],
    );
    assert_problem(
        &lines,
        "组织 第5行 上级编码(E列)",
        &["「XY01-B9」", "unknown code"],
    );
    assert_problem(
        &lines,
        "网格 第3行 所属社区编码(C列)",
        &["「XY03」", "unknown code"],
    );
    assert_problem(
        &lines,
        "网格 第2行 覆盖支部编码(H列)",
        &["「XY01-B7」", "unknown code"],
    );
    assert_problem(
        &lines,
        "楼栋 第2行 所属网格编码(C列)",
        &["「XY01-W09」", "unknown code", "网格表"],
    );
    assert_problem(
        &lines,
        "联系户 第2行 中心户编码(A列)",
        &["「XY01-B1-G1-H9」", "unknown code"],
    );
    assert_problem(
        &lines,
        "共建单位 第2行 共建组织编码(C列)",
        &["「ZZ」", "unknown code"],
    );
}

#[test]
fn duplicate_codes_name_the_first_row() {
    let mut book = Book::base();
    book.sheet("组织").set(5, "编码", s("XY01"));
    book.sheet("网格").set(2, "网格编码", s("XY01-W01"));
    let mut building = book.sheet("楼栋").rows[0].clone();
    building[1] = s("另一栋");
    book.sheet("楼栋").push(building);
    let lines = problems(&book);
    assert_problem(
        &lines,
        "组织 第7行 编码(A列)",
        &["「XY01」与第3行重复", "duplicate code"],
    );
    assert_problem(
        &lines,
        "网格 第4行 网格编码(A列)",
        &["与第2行重复", "duplicate code"],
    );
    assert_problem(
        &lines,
        "楼栋 第3行 楼栋编码(A列)",
        &["与第2行重复", "duplicate code"],
    );
}

#[test]
fn a_cycle_of_parents_and_a_missing_parent_are_refused() {
    let mut book = Book::base();
    book.sheet("组织")
        .set(1, "上级编码", s("XY01-B1-G1"))
        .set(5, "上级编码", C::E);
    let lines = problems(&book);
    assert_problem(
        &lines,
        "组织 第3行 上级编码(E列)",
        &["cycle", "XY01 → XY01-B1-G1 → XY01-B1 → XY01"],
    );
    assert_problem(&lines, "组织 第4行 上级编码(E列)", &["cycle"]);
    assert_problem(&lines, "组织 第5行 上级编码(E列)", &["cycle"]);
    assert_problem(&lines, "组织 第7行 上级编码(E列)", &["missing parent"]);
}

#[test]
fn a_unit_that_is_its_own_parent_is_a_cycle() {
    let mut book = Book::base();
    book.sheet("组织").set(2, "上级编码", s("XY01-B1"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "组织 第4行 上级编码(E列)",
        &["cycle", "XY01-B1 → XY01-B1"],
    );
}

#[test]
fn codes_naming_the_wrong_kind_of_unit_are_refused() {
    let mut book = Book::base();
    book.sheet("网格")
        .set(0, "覆盖支部编码", s("XY01-B1-G1"))
        .set(1, "所属社区编码", s("XY01-B1"))
        .set(2, "覆盖支部编码", s("XY01-B1"));
    book.sheet("组织").set(1, "组织类型", s("党委"));
    book.sheet("网格").set(1, "覆盖支部编码", s("XY01"));
    book.sheet("联系户").set(0, "中心户编码", s("XY01-B1-G1"));
    book.sheet("楼栋").set(0, "党小组编码", s("XY01-B1"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "网格 第2行 覆盖支部编码(H列)",
        &["「XY01-B1-G1」是党小组", "level mismatch"],
    );
    assert_problem(
        &lines,
        "网格 第3行 所属社区编码(C列)",
        &["是支部", "not a community"],
    );
    assert_problem(
        &lines,
        "网格 第3行 覆盖支部编码(H列)",
        &["组织类型不是「党支部」", "level mismatch"],
    );
    assert_problem(&lines, "网格 第4行 覆盖支部编码(H列)", &["wrong community"]);
    assert_problem(
        &lines,
        "联系户 第2行 中心户编码(A列)",
        &["是党小组", "level mismatch"],
    );
    assert_problem(
        &lines,
        "楼栋 第2行 党小组编码(E列)",
        &["是支部", "level mismatch"],
    );
}

#[test]
fn a_missing_sheet_a_missing_column_and_a_missing_header_are_named() {
    let mut book = Book::base().without("党员");
    book.sheet("组织").drop_column("层级");
    book.sheet("网格").header = vec![
        "甲".into(),
        "乙".into(),
        "丙".into(),
        "丁".into(),
        "戊".into(),
        "己".into(),
        "庚".into(),
        "辛".into(),
    ];
    let lines = problems(&book);
    assert_problem(&lines, "党员", &["missing sheet", "「党员」"]);
    assert_problem(
        &lines,
        "组织 第1行",
        &["缺少必填列「层级」", "missing column"],
    );
    assert_problem(&lines, "网格", &["header not found", "「网格编码」"]);
}

#[test]
fn a_column_given_twice_is_refused() {
    let mut book = Book::base();
    book.sheet("党员").add_column("姓名", s("重名"));
    let lines = problems(&book);
    assert_problem(
        &lines,
        "党员 第1行 姓名(P列)",
        &["duplicate column", "A 列"],
    );
}

#[test]
fn a_file_that_is_no_workbook_is_named_and_nothing_panics() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("名册.xlsx");
    std::fs::write(&text, "姓名,性别\n张三,男\n").unwrap();
    let err = workbook::import(&text).unwrap_err();
    assert!(matches!(err, WorkbookError::NotWorkbook { .. }));
    assert!(err.to_string().contains("名册.xlsx") && err.to_string().contains("invalid xlsx"));

    let missing = dir.path().join("没有这个文件.xlsx");
    let err = workbook::import(&missing).unwrap_err().to_string();
    assert!(
        err.contains("没有这个文件.xlsx") && err.contains("io error"),
        "{err}"
    );

    // A real workbook cut short anywhere, or with bytes flipped, is an error, never a panic.
    let good = workbook::export(&sample()).unwrap();
    let broken = dir.path().join("broken.xlsx");
    for cut in (0..good.len()).step_by(good.len() / 40 + 1) {
        std::fs::write(&broken, &good[..cut]).unwrap();
        assert!(workbook::import(&broken).is_err(), "cut at {cut}");
    }
    for at in (100..good.len()).step_by(good.len() / 40 + 1) {
        let mut bad = good.clone();
        bad[at] ^= 0x5A;
        std::fs::write(&broken, &bad).unwrap();
        let _ = workbook::import(&broken);
    }
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

fn gridorg(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(args)
        .output()
        .unwrap()
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn cli_import_writes_the_document_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("西园街道.xlsx");
    let output = dir.path().join("西园街道.ron");
    Book::base().write(&input);
    let out = gridorg(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = document::load(&output).unwrap();
    assert_eq!(shape(&saved), shape(&imported(&Book::base()).document));
}

#[test]
fn cli_import_of_a_bad_workbook_exits_2_names_every_cell_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("名册.xlsx");
    let output = dir.path().join("名册.ron");
    let mut book = Book::base();
    book.sheet("党员")
        .set(1, "出生日期", s("1990-13-01"))
        .set(2, "所在组织编码", s("XY09"));
    book.write(&input);
    let before = files_in(dir.path());
    let out = gridorg(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "名册.xlsx: 党员 第3行 出生日期(D列): 「1990-13-01」不是有效日期 (invalid date)"
        ),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("党员 第4行 所在组织编码(J列): 「XY09」在「组织」表中不存在 (unknown code)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("共 2 处错误") && stderr.contains("nothing written"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert!(!output.exists());
    assert_eq!(
        files_in(dir.path()),
        before,
        "no file, not even a temporary one"
    );
}

#[test]
fn cli_export_import_export_round_trips_and_files_are_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("sample.ron");
    document::save(&sample(), &ron).unwrap();
    let first = dir.path().join("first.xlsx");
    let back = dir.path().join("back.ron");
    let second = dir.path().join("second.xlsx");
    let out = gridorg(&[
        "export".as_ref(),
        ron.as_os_str(),
        "-o".as_ref(),
        first.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gridorg(&[
        "import".as_ref(),
        first.as_os_str(),
        "-o".as_ref(),
        back.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every FILE argument accepts a workbook: export straight from the xlsx.
    let out = gridorg(&[
        "export".as_ref(),
        first.as_os_str(),
        "-o".as_ref(),
        second.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(shape(&document::load(&back).unwrap()), shape(&sample()));
    assert_eq!(
        cells_of(&std::fs::read(&first).unwrap()),
        cells_of(&std::fs::read(&second).unwrap())
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in [&first, &second, &back] {
            let mode = std::fs::metadata(file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", file.display());
        }
    }
}

/// Runs gridorg and wants exit 0 and nothing on standard error (no notice,
/// no refusal).
fn gridorg_quietly(args: &[&std::ffi::OsStr]) {
    let out = gridorg(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "{args:?}:\n{stderr}"
    );
}

/// Generates a preset, exports it and imports the export, all through the
/// command line: the import says nothing and gives back the same document.
fn assert_generated_round_trips(preset: &str, seed: u32) {
    let dir = tempfile::tempdir().unwrap();
    let (ron, xlsx, back) = (
        dir.path().join("generated.ron"),
        dir.path().join("export.xlsx"),
        dir.path().join("back.ron"),
    );
    let seed = seed.to_string();
    let os = |s: &str| std::ffi::OsString::from(s);
    gridorg_quietly(&[
        &os("generate"),
        &os("--preset"),
        &os(preset),
        &os("--seed"),
        &os(&seed),
        &os("-o"),
        ron.as_os_str(),
    ]);
    gridorg_quietly(&[&os("export"), ron.as_os_str(), &os("-o"), xlsx.as_os_str()]);
    gridorg_quietly(&[&os("import"), xlsx.as_os_str(), &os("-o"), back.as_os_str()]);
    let (generated, imported) = (
        document::load(&ron).unwrap(),
        document::load(&back).unwrap(),
    );
    let (a, b) = (shape(&generated), shape(&imported));
    assert_eq!(a.len(), b.len(), "{preset} seed {seed}");
    if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| x != y) {
        panic!("{preset} seed {seed}: generated\n  {x}\nimported\n  {y}");
    }
}

#[test]
fn the_street_and_district_presets_read_back_after_their_own_export() {
    for seed in 1..=4 {
        assert_generated_round_trips("street", seed);
    }
    for seed in 1..=2 {
        assert_generated_round_trips("district", seed);
    }
}

/// The city of seed 2 holds two ID numbers ending in 000 whose check
/// character is wrong: stored as text, they are read as written, not taken for
/// numbers Excel rounded. One seed: the city takes a while in a debug build.
#[test]
fn the_city_preset_reads_back_after_its_own_export() {
    assert_generated_round_trips("city", 2);
}

#[test]
fn cli_export_accepts_a_csv_folder_and_refuses_a_bad_file_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("西园街道");
    Book::base().write_csv(&folder, |t| t.as_bytes().to_vec());
    let out_file = dir.path().join("out.xlsx");
    let out = gridorg(&[
        "export".as_ref(),
        folder.as_os_str(),
        "-o".as_ref(),
        out_file.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_file.exists());

    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, "not a workbook").unwrap();
    let target = dir.path().join("never.xlsx");
    let out = gridorg(&[
        "export".as_ref(),
        bad.as_os_str(),
        "-o".as_ref(),
        target.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.xlsx"));
    assert!(!target.exists());
}

#[test]
fn cli_template_writes_a_workbook_that_imports_with_notices() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("模板.xlsx");
    let out = gridorg(&["template".as_ref(), "-o".as_ref(), template.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    let output = dir.path().join("empty.ron");
    let out = gridorg(&[
        "import".as_ref(),
        template.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("提示 (notice): 党员 第2行") && stderr.contains("example row skipped"),
        "{stderr}"
    );
    assert!(document::load(&output).unwrap().units.is_empty());
}

#[test]
fn cli_notices_are_capped_like_errors() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xlsx");
    let output = dir.path().join("out.ron");
    let mut book = Book::base();
    for i in 0..10_000 {
        book.sheet("党员").add_column(&format!("备注{i}"), C::E);
    }
    book.write(&input);
    let out = gridorg(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let listed = stderr
        .lines()
        .filter(|l| l.contains("ignored column"))
        .count();
    assert_eq!(listed, 1_000);
    assert!(
        stderr.contains("另有 9000 条提示未列出 (9000 more notices not listed)"),
        "{}",
        stderr.lines().last().unwrap_or_default()
    );
    assert!(output.exists());
}

#[test]
fn cli_notices_go_to_stderr_and_do_not_fail_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xlsx");
    let output = dir.path().join("out.ron");
    let mut book = Book::base();
    book.sheet("党员").add_column("备注", s("新党员"));
    book.write(&input);
    let out = gridorg(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("忽略未知列「备注」(P列) (ignored column)"),
        "{stderr}"
    );
    assert!(output.exists());
}
