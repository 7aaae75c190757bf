//! Writing test workbooks: a [`Book`] of sheets as a user might have typed
//! them, the cells [`C`], written as .xlsx or as a folder of CSV files.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

/// A cell as a user might have typed it.
#[derive(Debug, Clone)]
pub enum C {
    /// A text cell.
    S(String),
    /// A number cell.
    N(f64),
    /// A date cell (formatted as a date in Excel).
    D(u16, u8, u8),
    /// Nothing.
    E,
}

/// A text cell of `text`.
pub fn s(text: &str) -> C {
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

/// One sheet: its name, the rows above and in the table, where it starts.
#[derive(Debug, Clone)]
pub struct SheetSpec {
    name: String,
    /// Title rows above the header, each merged across the table.
    pub titles: Vec<String>,
    /// The column the table starts in (0 = A).
    pub first_col: u16,
    /// The header cells, left to right.
    pub header: Vec<String>,
    /// Header cells merged with the one right of them, by column index: the
    /// header that column had is then not written.
    pub merged_headers: Vec<usize>,
    /// The data rows under the header.
    pub rows: Vec<Vec<C>>,
}

impl SheetSpec {
    /// A sheet `name` with `header` and `rows`, the table at A1 under no title.
    pub fn new(name: &str, header: &[&str], rows: Vec<Vec<C>>) -> SheetSpec {
        SheetSpec {
            name: name.into(),
            titles: Vec::new(),
            first_col: 0,
            header: header.iter().map(|h| h.to_string()).collect(),
            merged_headers: Vec::new(),
            rows,
        }
    }

    /// The index of the column headed `name`.
    pub fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h.trim().trim_end_matches('*') == name)
            .unwrap_or_else(|| panic!("{} has no column {name}", self.name))
    }

    /// Sets a cell of a data row (0 = the first row under the header).
    pub fn set(&mut self, row: usize, column: &str, value: C) -> &mut Self {
        let c = self.col(column);
        self.rows[row][c] = value;
        self
    }

    /// Adds `row` at the end.
    pub fn push(&mut self, row: Vec<C>) -> &mut Self {
        self.rows.push(row);
        self
    }

    /// Moves a column to the end (column order is free).
    pub fn move_to_end(&mut self, column: &str) -> &mut Self {
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
    pub fn add_column(&mut self, header: &str, value: C) -> &mut Self {
        self.header.push(header.into());
        for row in &mut self.rows {
            row.push(value.clone());
        }
        self
    }

    /// Takes the column headed `column` out of the header and every row.
    pub fn drop_column(&mut self, column: &str) -> &mut Self {
        let c = self.col(column);
        self.header.remove(c);
        for row in &mut self.rows {
            row.remove(c);
        }
        self
    }
}

/// A workbook: its sheets in order.
#[derive(Debug, Clone)]
pub struct Book {
    /// The sheets, in the order they are written.
    pub sheets: Vec<SheetSpec>,
}

impl Book {
    /// A small, valid street: two communities (one organized as a single 党支部
    /// covering its own grid), a branch, a group, a central household, three
    /// members, a linked household, a building and a co-building unit.
    pub fn base() -> Book {
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

    /// The sheet `name`, to change.
    pub fn sheet(&mut self, name: &str) -> &mut SheetSpec {
        self.sheets
            .iter_mut()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no sheet {name}"))
    }

    /// The book with the sheet `name` left out.
    pub fn without(mut self, name: &str) -> Book {
        self.sheets.retain(|s| s.name != name);
        self
    }

    /// Writes the book as an .xlsx file at `path`.
    pub fn write(&self, path: &Path) {
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
    pub fn write_csv(&self, dir: &Path, encode: impl Fn(&str) -> Vec<u8>) {
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
pub fn row(texts: &[&str], rest: &[C]) -> Vec<C> {
    texts
        .iter()
        .map(|t| if t.is_empty() { C::E } else { s(t) })
        .chain(rest.iter().cloned())
        .collect()
}
