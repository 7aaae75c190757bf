//! The sheets and columns of the import workbook (docs/cli.md, "The
//! workbook (模板)"), shared by the reader, the writer and the 说明 sheet.
//!
//! Names are the contract: other people's spreadsheets are written against them.
//! 网格's 小区 column and the 共建单位 sheet extend the contract.

/// What a column holds; decides how a cell is read and how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Free text, kept as written (trimmed).
    Text,
    /// One code: full-width letters and digits are read as ASCII.
    Code,
    /// Several codes separated by 、 , ， ; or ；.
    Codes,
    /// Several free-text items separated like codes (职务, 小区).
    List,
    /// A count (户数, 人口).
    Count,
    /// A term of office in years.
    Term,
    /// A date.
    Date,
    /// A phone number, kept as text.
    Phone,
    /// An 18-character ID number, kept as text.
    IdNumber,
    /// 是 / 否.
    YesNo,
    /// 男 / 女.
    Gender,
    /// 正式党员 / 预备党员.
    Category,
    /// 街道 / 社区 / 支部 / 党小组 / 中心户.
    Level,
}

impl Kind {
    /// The values offered in the cell's drop-down list, where Excel can offer one.
    pub(crate) fn choices(self) -> Option<&'static [&'static str]> {
        match self {
            Kind::Level => Some(&["街道", "社区", "支部", "党小组", "中心户"]),
            Kind::Category => Some(&["正式党员", "预备党员"]),
            Kind::Gender => Some(&["男", "女"]),
            Kind::YesNo => Some(&["是", "否"]),
            _ => None,
        }
    }

    /// What a cell of this kind should look like, for error messages.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            Kind::Text => "文字",
            Kind::Code => "编码，如 XY01",
            Kind::Codes => "一个或多个编码，用 、 , ， 或 ; 分隔",
            Kind::List => "一项或多项，用 、 , ， 或 ; 分隔",
            Kind::Count => "不小于 0 的整数，如 388",
            Kind::Term => "1 到 99 之间的整数（年），如 5",
            Kind::Date => "2020-05-01、2020/5/1、2020年5月1日、2020.05 或 Excel 日期",
            Kind::Phone => "手机号或带区号的固话，如 13847712345、0477-5123456（单元格设为文本）",
            Kind::IdNumber => "文本格式的 18 位身份证号，如 150621198003120010（单元格设为文本）",
            Kind::YesNo => "是 或 否",
            Kind::Gender => "男 或 女",
            Kind::Category => "正式党员 或 预备党员",
            Kind::Level => {
                "街道、社区、支部、党小组 或 中心户（或全称 街道党工委、社区党委、网格党支部、网格党小组、党员中心户）"
            }
        }
    }
}

/// One column of a sheet.
#[derive(Debug)]
pub(crate) struct Column {
    /// Header text without the `*` (e.g. 编码).
    pub name: &'static str,
    /// Whether every row must fill it (written as `名称*`).
    pub required: bool,
    /// What the cells hold.
    pub kind: Kind,
    /// The explanation shown on the 说明 sheet.
    pub about: &'static str,
    /// The template's example value. Names carry （示例）, so that an unchanged
    /// example row, which the importer skips, can never be real data.
    pub example: &'static str,
}

impl Column {
    /// The header as written: the name, with `*` if required.
    pub(crate) fn header(&self) -> String {
        if self.required {
            format!("{}*", self.name)
        } else {
            self.name.to_string()
        }
    }
}

/// One sheet of the workbook.
#[derive(Debug)]
pub(crate) struct Sheet {
    /// Sheet name (and CSV file stem).
    pub name: &'static str,
    /// Whether a workbook must have it.
    pub required: bool,
    /// What a row is, for the 说明 sheet.
    pub about: &'static str,
    /// The columns, in the order the writer puts them.
    pub columns: &'static [Column],
}

impl Sheet {
    /// The position of the column with this name.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

const fn col(
    name: &'static str,
    required: bool,
    kind: Kind,
    about: &'static str,
    example: &'static str,
) -> Column {
    Column {
        name,
        required,
        kind,
        about,
        example,
    }
}

/// 组织: one row per unit of the five levels.
pub(crate) const UNITS: Sheet = Sheet {
    name: "组织",
    required: true,
    about: "每行一个组织：街道党工委、社区党委（党总支、党支部）、网格党支部、党小组、党员中心户",
    columns: &[
        col("编码", true, Kind::Code, "组织的编码，文档内唯一；其他表用它引用这个组织", "XY01"),
        col("名称", true, Kind::Text, "组织全称", "迎宾馆社区党总支（示例）"),
        col(
            "层级",
            true,
            Kind::Level,
            "街道 / 社区 / 支部 / 党小组 / 中心户，也可写全称（街道党工委、社区党委、网格党支部、网格党小组、党员中心户）",
            "社区",
        ),
        col(
            "组织类型",
            false,
            Kind::Text,
            "如 党委、党总支、党支部、网格党支部、楼栋党小组；社区写「党支部」表示整个社区设一个党支部（党小组直接隶属社区，由社区自己覆盖网格）",
            "党总支",
        ),
        col("上级编码", false, Kind::Code, "上级组织的编码；只有街道可以为空", "XY"),
        col("负责人", false, Kind::Text, "书记 / 组长 / 户主姓名；空表示空缺", "张建国"),
        col("联系电话", false, Kind::Phone, "负责人的电话", "13847712345"),
        col("换届日期", false, Kind::Date, "最近一次换届选举的日期", "2021-06-15"),
        col("任期", false, Kind::Term, "任期年数；空表示 5 年", "5"),
    ],
};

/// 网格: one row per grid.
pub(crate) const GRIDS: Sheet = Sheet {
    name: "网格",
    required: true,
    about: "每行一个网格",
    columns: &[
        col("网格编码", true, Kind::Code, "网格的编码，网格之间唯一", "XY01-W01"),
        col("网格名称", true, Kind::Text, "网格名称", "迎宾馆社区第一网格（示例）"),
        col("所属社区编码", true, Kind::Code, "网格所在社区的编码（组织表中层级为社区）", "XY01"),
        col("户数", false, Kind::Count, "网格内的户数", "388"),
        col("人口", false, Kind::Count, "网格内的人口", "962"),
        col("网格员", false, Kind::Text, "网格员姓名；空表示没有网格员", "李慧敏"),
        col("网格员电话", false, Kind::Phone, "网格员的电话", "13947754321"),
        col(
            "覆盖支部编码",
            false,
            Kind::Codes,
            "覆盖这个网格的网格党支部编码，多个用「、」分隔；空表示未覆盖；整个社区设一个党支部时可写社区自己的编码",
            "XY01-B1",
        ),
        col("小区", false, Kind::List, "网格内的小区，多个用「、」分隔（扩展列）", "迎宾小区、馨园小区"),
    ],
};

/// 党员: one row per member.
pub(crate) const MEMBERS: Sheet = Sheet {
    name: "党员",
    required: true,
    about: "每行一名党员（党员没有编码，按行区分）",
    columns: &[
        col("姓名", true, Kind::Text, "党员姓名", "王建军（示例）"),
        col("性别", false, Kind::Gender, "男 / 女", "男"),
        col("民族", false, Kind::Text, "如 汉族、蒙古族", "汉族"),
        col("出生日期", false, Kind::Date, "出生日期", "1980-03-12"),
        col(
            "身份证号",
            false,
            Kind::IdNumber,
            "18 位身份证号；请把单元格设为文本，否则 Excel 会丢掉第 15 位以后的数字",
            "150621198003120010",
        ),
        col("学历", false, Kind::Text, "如 大学本科、高中", "大学本科"),
        col("入党日期", false, Kind::Date, "入党日期", "2005-07-01"),
        col("转正日期", false, Kind::Date, "转为正式党员的日期；预备党员为空", "2006-07-01"),
        col("人员类别", true, Kind::Category, "正式党员 / 预备党员", "正式党员"),
        col(
            "所在组织编码",
            true,
            Kind::Code,
            "党员所在组织（通常是党小组）的编码",
            "XY01-B1-G1",
        ),
        col(
            "职务",
            false,
            Kind::List,
            "书记、副书记、委员、组织委员、宣传委员、纪检委员、组长、网格员、楼栋长、中心户户主 等，多个用「、」分隔",
            "组长",
        ),
        col("联系电话", false, Kind::Phone, "党员的电话", "13604778899"),
        col("工作单位", false, Kind::Text, "工作单位；退休、无业等照实填写", "达拉特旗第二中学"),
        col("在职报到", false, Kind::YesNo, "是否为到社区报到的在职党员：是 / 否", "是"),
        col("流动党员", false, Kind::YesNo, "是否为流动党员：是 / 否", "否"),
    ],
};

/// 联系户 (optional): households linked to a 党员中心户.
pub(crate) const HOUSEHOLDS: Sheet = Sheet {
    name: "联系户",
    required: false,
    about: "每行一户党员中心户联系的群众户（可选）",
    columns: &[
        col(
            "中心户编码",
            true,
            Kind::Code,
            "联系这一户的党员中心户的编码（组织表中层级为中心户）",
            "XY01-B1-G1-H1",
        ),
        col("户主姓名", true, Kind::Text, "户主姓名", "赵桂兰（示例）"),
        col("住址", false, Kind::Text, "楼栋-单元-房号", "3号楼2单元301"),
        col("人口", false, Kind::Count, "这一户的人口", "3"),
        col(
            "联系电话",
            false,
            Kind::Phone,
            "这一户的电话",
            "13514776655",
        ),
    ],
};

/// 楼栋 (optional).
pub(crate) const BUILDINGS: Sheet = Sheet {
    name: "楼栋",
    required: false,
    about: "每行一个楼栋（可选）",
    columns: &[
        col(
            "楼栋编码",
            true,
            Kind::Code,
            "楼栋的编码，楼栋之间唯一",
            "XY01-W01-L03",
        ),
        col("楼栋名称", true, Kind::Text, "楼栋名称", "3号楼（示例）"),
        col(
            "所属网格编码",
            true,
            Kind::Code,
            "楼栋所在网格的编码",
            "XY01-W01",
        ),
        col("户数", false, Kind::Count, "楼栋内的户数", "48"),
        col(
            "党小组编码",
            false,
            Kind::Code,
            "覆盖这个楼栋的党小组的编码（楼栋党小组）",
            "XY01-B1-G1",
        ),
    ],
};

/// 共建单位 (optional, an extension): units joining a 大工委 or 大党委.
pub(crate) const CO_BUILDERS: Sheet = Sheet {
    name: "共建单位",
    required: false,
    about: "每行一个加入街道大工委或社区大党委的共建单位（可选，扩展表）",
    columns: &[
        col(
            "名称",
            true,
            Kind::Text,
            "共建单位名称",
            "达拉特旗人民医院（示例）",
        ),
        col(
            "类型",
            false,
            Kind::Text,
            "如 机关、企业、事业单位、社会组织",
            "事业单位",
        ),
        col(
            "共建组织编码",
            true,
            Kind::Code,
            "所共建的街道或社区的编码",
            "XY",
        ),
    ],
};

/// Every data sheet, in workbook order.
pub(crate) const SHEETS: [&Sheet; 6] = [
    &UNITS,
    &GRIDS,
    &MEMBERS,
    &HOUSEHOLDS,
    &BUILDINGS,
    &CO_BUILDERS,
];

/// The sheet explaining the others; the reader skips it.
pub(crate) const GUIDE: &str = "说明";

/// Separators between several codes or items in one cell.
pub(crate) const SEPARATORS: &[char] = &['、', ',', '，', ';', '；', '\n', '\r'];

/// The column letter of a 0-based column index (0 → A, 26 → AA).
pub(crate) fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_excel() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }
}
