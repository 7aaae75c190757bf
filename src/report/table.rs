//! The breakdowns as printed: each table's title, its columns (a label and
//! how to read the count), which columns its bar chart shows, and the
//! percentages beside the counts.

use super::count::{Counts, AGE_BANDS, EDUCATION, PERIODS};

/// A column of counts.
#[derive(Clone, Copy)]
pub struct Column {
    /// The heading.
    pub label: &'static str,
    /// Reads the count from a row.
    pub read: fn(&Counts) -> u32,
    /// Whether the table's bar chart shows this column (the categories of the
    /// breakdown; not 党员, which they add up to).
    pub charted: bool,
}

/// A percentage of the row's members.
#[derive(Clone, Copy)]
pub struct Percent {
    /// Its JSON key.
    pub key: &'static str,
    /// The heading.
    pub label: &'static str,
    /// Reads the part from a row.
    pub part: fn(&Counts) -> u32,
}

impl Percent {
    /// The percentage in tenths, rounded half up; `None` for a row without
    /// members.
    pub fn tenths(&self, counts: &Counts) -> Option<u32> {
        let whole = u64::from(counts.members);
        (whole > 0).then(|| {
            let part = u64::from((self.part)(counts));
            // part / whole × 1000, rounded half up, in integers.
            ((part * 2000 + whole) / (2 * whole)) as u32
        })
    }

    /// The percentage as the tables print it: `33.3`, or `—` for a row
    /// without members.
    pub fn shown(&self, counts: &Counts) -> String {
        self.tenths(counts)
            .map_or_else(|| "—".to_string(), |t| format!("{}.{}", t / 10, t % 10))
    }
}

/// One breakdown: a table of counts per row, with percentages after them.
pub struct Table {
    /// The title (also the workbook sheet's name).
    pub title: &'static str,
    /// The counts.
    pub columns: &'static [Column],
    /// The percentages.
    pub percents: &'static [Percent],
}

const fn shown(label: &'static str, read: fn(&Counts) -> u32) -> Column {
    Column {
        label,
        read,
        charted: true,
    }
}

const MEMBERS: Column = Column {
    label: "党员",
    read: |c| c.members,
    charted: false,
};

/// 女性 %.
pub const FEMALE: Percent = Percent {
    key: "female_percent",
    label: "女性 %",
    part: |c| c.female,
};
/// 少数民族 %.
pub const MINORITY: Percent = Percent {
    key: "minority_percent",
    label: "少数民族 %",
    part: |c| c.minority,
};
/// 大专及以上 %.
pub const COLLEGE_OR_ABOVE: Percent = Percent {
    key: "college_or_above_percent",
    label: "大专及以上 %",
    part: |c| c.education[0] + c.education[1] + c.education[2],
};
/// 35 岁及以下 %.
pub const AGE_35_UNDER: Percent = Percent {
    key: "age_35_under_percent",
    label: "35岁及以下 %",
    part: |c| c.age[0] + c.age[1],
};

/// Every percentage, in the order the JSON lists them.
pub const PERCENTS: [Percent; 4] = [FEMALE, MINORITY, COLLEGE_OR_ABOVE, AGE_35_UNDER];

/// The breakdowns, in the order they are printed.
pub const TABLES: [Table; 7] = [
    Table {
        title: "党员类别与性别",
        columns: &[
            MEMBERS,
            shown("正式党员", |c| c.members_full),
            shown("预备党员", |c| c.members_probationary),
            shown("男", |c| c.male),
            shown("女", |c| c.female),
            shown("性别未填", |c| c.gender_unknown),
        ],
        percents: &[FEMALE],
    },
    Table {
        title: "民族",
        columns: &[
            MEMBERS,
            shown("汉族", |c| c.han),
            shown("少数民族", |c| c.minority),
            shown("未填", |c| c.ethnicity_unknown),
        ],
        percents: &[MINORITY],
    },
    Table {
        title: "年龄",
        columns: &[
            MEMBERS,
            shown(AGE_BANDS[0].1, |c| c.age[0]),
            shown(AGE_BANDS[1].1, |c| c.age[1]),
            shown(AGE_BANDS[2].1, |c| c.age[2]),
            shown(AGE_BANDS[3].1, |c| c.age[3]),
            shown(AGE_BANDS[4].1, |c| c.age[4]),
            shown(AGE_BANDS[5].1, |c| c.age[5]),
            shown(AGE_BANDS[6].1, |c| c.age[6]),
            shown(AGE_BANDS[7].1, |c| c.age[7]),
            shown("未填", |c| c.age[8]),
        ],
        percents: &[AGE_35_UNDER],
    },
    Table {
        title: "学历",
        columns: &[
            MEMBERS,
            shown(EDUCATION[0].1, |c| c.education[0]),
            shown(EDUCATION[1].1, |c| c.education[1]),
            shown(EDUCATION[2].1, |c| c.education[2]),
            shown(EDUCATION[3].1, |c| c.education[3]),
            shown(EDUCATION[4].1, |c| c.education[4]),
            shown(EDUCATION[5].1, |c| c.education[5]),
            shown("未填", |c| c.education[6]),
        ],
        percents: &[COLLEGE_OR_ABOVE],
    },
    Table {
        title: "入党时间",
        columns: &[
            MEMBERS,
            shown(PERIODS[0].1, |c| c.joined[0]),
            shown(PERIODS[1].1, |c| c.joined[1]),
            shown(PERIODS[2].1, |c| c.joined[2]),
            shown(PERIODS[3].1, |c| c.joined[3]),
            shown("未填", |c| c.joined[4]),
        ],
        percents: &[],
    },
    Table {
        title: "在职报到与流动党员",
        columns: &[
            MEMBERS,
            shown("在职党员报到", |c| c.in_service),
            shown("流动党员", |c| c.mobile),
        ],
        percents: &[],
    },
    Table {
        title: "党组织",
        columns: &[
            shown("社区党委", |c| c.committees),
            shown("社区党总支", |c| c.general_branches),
            shown("社区党支部", |c| c.branch_communities),
            shown("网格党支部", |c| c.grid_branches),
            shown("党小组", |c| c.groups),
            shown("党员中心户", |c| c.central_households),
            shown("网格", |c| c.grids),
            shown("已覆盖网格", |c| c.grids_covered),
        ],
        percents: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_to_one_decimal() {
        let mut c = Counts {
            members: 8,
            female: 1,
            ..Counts::default()
        };
        // 1/8 = 12.5 %: exact. 1/3 = 33.33…, 2/3 = 66.66…, 1/16 = 6.25 → 6.3.
        assert_eq!(FEMALE.shown(&c), "12.5");
        c.members = 3;
        assert_eq!(FEMALE.shown(&c), "33.3");
        c.female = 2;
        assert_eq!(FEMALE.shown(&c), "66.7");
        c.members = 16;
        c.female = 1;
        assert_eq!(FEMALE.shown(&c), "6.3");
        c.members = 0;
        c.female = 0;
        assert_eq!(FEMALE.shown(&c), "—");
    }
}
