//! Counting: which row each unit, member and grid falls in, and the bands,
//! mappings and periods of docs/cli.md, "report".

use crate::graph::{Graph, Tree};
use crate::model::{Category, Document, Gender, Id, Level, Member, OrgType, Unit};
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

/// One row of the tables: a community, a street (what sits directly in it),
/// or 合计 (code empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The unit's code; empty for 合计.
    pub code: String,
    /// The unit's name, or 合计.
    pub name: String,
    /// The counts.
    pub counts: Counts,
}

/// The name of the last row.
pub const TOTAL: &str = "合计";

/// The counts of one row, named as the JSON keys of docs/cli.md, "report".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Members.
    pub members: u32,
    /// 正式党员.
    pub members_full: u32,
    /// 预备党员.
    pub members_probationary: u32,
    /// 男.
    pub male: u32,
    /// 女.
    pub female: u32,
    /// Gender not recorded.
    pub gender_unknown: u32,
    /// 汉族.
    pub han: u32,
    /// Any other 民族.
    pub minority: u32,
    /// 民族 not recorded.
    pub ethnicity_unknown: u32,
    /// By age band ([`AGE_BANDS`]), the last one 未填.
    pub age: [u32; 9],
    /// By education ([`EDUCATION`]), the last one 未填.
    pub education: [u32; 7],
    /// By the period joined ([`PERIODS`]), the last one 未填.
    pub joined: [u32; 5],
    /// 在职党员报到.
    pub in_service: u32,
    /// 流动党员.
    pub mobile: u32,
    /// Communities organized as 党委.
    pub committees: u32,
    /// Communities organized as 党总支.
    pub general_branches: u32,
    /// Communities organized as 党支部.
    pub branch_communities: u32,
    /// Level-3 units (网格党支部).
    pub grid_branches: u32,
    /// 党小组.
    pub groups: u32,
    /// 党员中心户.
    pub central_households: u32,
    /// Grids.
    pub grids: u32,
    /// Grids covered by a branch.
    pub grids_covered: u32,
}

/// The age bands: their JSON key, label, and the oldest age in the band
/// (`None` for the last, open one). Ages are completed years on the report date.
pub const AGE_BANDS: [(&str, &str, Option<i32>); 8] = [
    ("age_30_under", "30岁及以下", Some(30)),
    ("age_31_35", "31—35岁", Some(35)),
    ("age_36_40", "36—40岁", Some(40)),
    ("age_41_45", "41—45岁", Some(45)),
    ("age_46_50", "46—50岁", Some(50)),
    ("age_51_55", "51—55岁", Some(55)),
    ("age_56_60", "56—60岁", Some(60)),
    ("age_61_over", "61岁及以上", None),
];

/// The education classes: JSON key, label, and the words that put a recorded
/// 学历 in the class — the first class with a word the text contains wins.
pub const EDUCATION: [(&str, &str, &[&str]); 6] = [
    ("edu_graduate", "研究生", &["研究生", "博士", "硕士"]),
    ("edu_bachelor", "大学本科", &["大学本科", "本科"]),
    ("edu_college", "大学专科", &["大学专科", "大专", "专科"]),
    ("edu_secondary_vocational", "中专", &["中专"]),
    (
        "edu_high_school",
        "高中/中技",
        &["高中", "中技", "技校", "职高"],
    ),
    (
        "edu_middle_or_below",
        "初中及以下",
        &["初中", "小学", "文盲"],
    ),
];

/// A day as year, month and day.
type Day = (i32, u32, u32);

/// The 入党时间 periods: JSON key, label, and the first day of the next one.
pub const PERIODS: [(&str, &str, Option<Day>); 4] = [
    ("joined_before_1949_10", "新中国成立前", Some((1949, 10, 1))),
    (
        "joined_1949_10_to_1978",
        "新中国成立至十一届三中全会",
        Some((1979, 1, 1)),
    ),
    (
        "joined_1979_to_2012_11",
        "十一届三中全会至党的十八大",
        Some((2012, 11, 8)),
    ),
    ("joined_since_2012_11", "党的十八大以来", None),
];

impl Counts {
    /// Every count with its JSON key, in the order of docs/cli.md, "report".
    pub fn fields(&self) -> Vec<(&'static str, u32)> {
        let mut fields = vec![
            ("members", self.members),
            ("members_full", self.members_full),
            ("members_probationary", self.members_probationary),
            ("male", self.male),
            ("female", self.female),
            ("gender_unknown", self.gender_unknown),
            ("han", self.han),
            ("minority", self.minority),
            ("ethnicity_unknown", self.ethnicity_unknown),
        ];
        fields.extend(AGE_BANDS.iter().map(|b| b.0).zip(self.age));
        fields.push(("age_unknown", self.age[8]));
        fields.extend(EDUCATION.iter().map(|e| e.0).zip(self.education));
        fields.push(("edu_unknown", self.education[6]));
        fields.extend(PERIODS.iter().map(|p| p.0).zip(self.joined));
        fields.push(("joined_unknown", self.joined[4]));
        fields.extend([
            ("in_service", self.in_service),
            ("mobile", self.mobile),
            ("committees", self.committees),
            ("general_branches", self.general_branches),
            ("branch_communities", self.branch_communities),
            ("grid_branches", self.grid_branches),
            ("groups", self.groups),
            ("central_households", self.central_households),
            ("grids", self.grids),
            ("grids_covered", self.grids_covered),
        ]);
        fields
    }

    fn add_member<'a>(&mut self, m: &'a Member, classes: &mut Classes<'a>) {
        self.members += 1;
        match m.category {
            Category::Full => self.members_full += 1,
            Category::Probationary => self.members_probationary += 1,
        }
        match m.gender {
            Some(Gender::Male) => self.male += 1,
            Some(Gender::Female) => self.female += 1,
            None => self.gender_unknown += 1,
        }
        match m.ethnicity.as_deref().map(str::trim) {
            None | Some("") => self.ethnicity_unknown += 1,
            Some("汉族" | "汉") => self.han += 1,
            Some(_) => self.minority += 1,
        }
        self.age[classes.age(m.birth)] += 1;
        self.education[classes.education(m.education.as_deref())] += 1;
        self.joined[period(m.joined)] += 1;
        self.in_service += u32::from(m.in_service);
        self.mobile += u32::from(m.mobile);
    }

    fn add_unit(&mut self, unit: &Unit) {
        match (unit.level, unit.org_type) {
            (Level::Community, OrgType::Committee) => self.committees += 1,
            (Level::Community, OrgType::GeneralBranch) => self.general_branches += 1,
            (Level::Community, OrgType::Branch) => self.branch_communities += 1,
            (Level::Branch, _) => self.grid_branches += 1,
            (Level::Group, _) => self.groups += 1,
            (Level::Household, _) => self.central_households += 1,
            _ => {}
        }
    }

    fn add(&mut self, other: &Counts) {
        let Counts {
            members,
            members_full,
            members_probationary,
            male,
            female,
            gender_unknown,
            han,
            minority,
            ethnicity_unknown,
            age,
            education,
            joined,
            in_service,
            mobile,
            committees,
            general_branches,
            branch_communities,
            grid_branches,
            groups,
            central_households,
            grids,
            grids_covered,
        } = other;
        self.members += members;
        self.members_full += members_full;
        self.members_probationary += members_probationary;
        self.male += male;
        self.female += female;
        self.gender_unknown += gender_unknown;
        self.han += han;
        self.minority += minority;
        self.ethnicity_unknown += ethnicity_unknown;
        for (a, b) in self.age.iter_mut().zip(age) {
            *a += b;
        }
        for (a, b) in self.education.iter_mut().zip(education) {
            *a += b;
        }
        for (a, b) in self.joined.iter_mut().zip(joined) {
            *a += b;
        }
        self.in_service += in_service;
        self.mobile += mobile;
        self.committees += committees;
        self.general_branches += general_branches;
        self.branch_communities += branch_communities;
        self.grid_branches += grid_branches;
        self.groups += groups;
        self.central_households += central_households;
        self.grids += grids;
        self.grids_covered += grids_covered;
    }
}

/// The age band of a birth date on `today` (index into [`Counts::age`]); a
/// missing birth date, or one after the report date, is 未填.
pub fn age_band(birth: Option<NaiveDate>, today: NaiveDate) -> usize {
    let Some(birth) = birth.filter(|b| *b <= today) else {
        return 8;
    };
    let before_birthday = (today.month(), today.day()) < (birth.month(), birth.day());
    let age = today.year() - birth.year() - i32::from(before_birthday);
    AGE_BANDS
        .iter()
        .position(|b| b.2.is_none_or(|oldest| age <= oldest))
        .unwrap_or(7)
}

/// The education class of a recorded 学历 (index into [`Counts::education`]).
pub fn education_class(text: Option<&str>) -> usize {
    let text = text.unwrap_or("");
    EDUCATION
        .iter()
        .position(|e| e.2.iter().any(|w| text.contains(w)))
        .unwrap_or(6)
}

/// The 入党时间 period of a join date (index into [`Counts::joined`]).
pub fn period(joined: Option<NaiveDate>) -> usize {
    let Some(joined) = joined else {
        return 4;
    };
    PERIODS
        .iter()
        .position(|p| {
            p.2.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
                .is_none_or(|next| joined < next)
        })
        .unwrap_or(3)
}

/// Counts the rows and 合计 of `document`, or of the subtree under `root`.
///
/// Each unit's row is its nearest community (itself included), else its
/// nearest street, else the top of its chain (a unit whose parent is
/// missing, or a unit of a cycle): so every unit is in exactly one row, and
/// the rows add up to 合计 but for members whose unit is missing.
///
/// One pass down the tree: a unit's row follows from its parent's, so no
/// unit walks up to its ancestors (but those of a cycle, which a sound
/// document does not have).
pub(super) fn count(
    document: &Document,
    graph: &Graph,
    root: Option<Id>,
    today: NaiveDate,
) -> (Vec<Row>, Row) {
    let whole = graph.tree();
    let subset;
    let (tree, order): (&Tree, Vec<Id>) = match root {
        // Within a subtree the root is the only top: its parent is outside.
        Some(root) if !whole.is_stray(root) => (whole, whole.subtree(root)),
        Some(root) => {
            let units = whole
                .subtree(root)
                .into_iter()
                .filter_map(|id| document.units.get(&id));
            subset = Graph::of_units(units);
            (subset.tree(), subset.tree().in_order())
        }
        None => (whole, whole.in_order()),
    };
    // A subtree's units are all under its root, but a root caught in a cycle.
    let strays = match root {
        Some(root) if !whole.is_stray(root) => &[][..],
        _ => tree.strays(),
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut row_of: FxHashMap<Id, usize> = FxHashMap::default();
    row_of.reserve(order.len() + strays.len());
    // Each unit's row holder, known before its children's (pre-order).
    let mut owner_of: FxHashMap<Id, Id> = FxHashMap::default();
    owner_of.reserve(order.len());
    for &id in &order {
        let unit = &document.units[&id];
        let parent = tree.parent(id).filter(|_| Some(id) != root);
        let owner = match (unit.level, parent.and_then(|p| owner_of.get(&p))) {
            (Level::Community, _) => id,
            (_, Some(&above)) if document.units[&above].level == Level::Community => above,
            (Level::Street, _) => id,
            (_, Some(&above)) => above,
            (_, None) => id,
        };
        owner_of.insert(id, owner);
        place(document, &mut rows, &mut row_of, id, owner);
    }
    for &id in strays {
        place(
            document,
            &mut rows,
            &mut row_of,
            id,
            owner(document, tree, id),
        );
    }
    let mut total = Row {
        code: String::new(),
        name: TOTAL.to_string(),
        counts: Counts::default(),
    };
    for grid in document.grids.values() {
        let unit = Some(grid.community)
            .filter(|c| row_of.contains_key(c))
            .or_else(|| {
                grid.covered_by
                    .iter()
                    .copied()
                    .find(|b| row_of.contains_key(b))
            });
        if let Some(&index) = unit.and_then(|u| row_of.get(&u)) {
            let counts = &mut rows[index].counts;
            counts.grids += 1;
            counts.grids_covered += u32::from(!grid.covered_by.is_empty());
        }
    }
    let mut classes = Classes::new(today);
    for member in document.members.values() {
        match row_of.get(&member.unit) {
            Some(&index) => rows[index].counts.add_member(member, &mut classes),
            // A member whose unit is missing counts in the whole document's 合计.
            None if root.is_none() && !document.units.contains_key(&member.unit) => {
                total.counts.add_member(member, &mut classes);
            }
            None => {}
        }
    }
    for row in &rows {
        total.counts.add(&row.counts);
    }
    (rows, total)
}

/// Puts unit `id` in the row of `owner`, opening that row when it is new.
fn place(
    document: &Document,
    rows: &mut Vec<Row>,
    row_of: &mut FxHashMap<Id, usize>,
    id: Id,
    owner: Id,
) {
    let next = rows.len();
    let index = *row_of.entry(owner).or_insert(next);
    if index == next {
        let unit = &document.units[&owner];
        rows.push(Row {
            code: unit.code.clone(),
            name: unit.name.clone(),
            counts: Counts::default(),
        });
    }
    if owner != id {
        row_of.insert(id, index);
    }
    rows[index].counts.add_unit(&document.units[&id]);
}

/// The unit whose row `id` counts in, found by walking up (see [`count`]).
fn owner(document: &Document, tree: &Tree, id: Id) -> Id {
    let mut street = None;
    let mut top = id;
    for at in std::iter::once(id).chain(tree.ancestors(id)) {
        match document.units.get(&at).map(|u| u.level) {
            Some(Level::Community) => return at,
            Some(Level::Street) => street = street.or(Some(at)),
            _ => {}
        }
        top = at;
    }
    street.unwrap_or(top)
}

/// The classes of the texts and dates members share, each worked out once:
/// a city has 120,000 members but a few dozen 学历 texts and birth days by
/// the thousand.
struct Classes<'a> {
    today: NaiveDate,
    education: FxHashMap<&'a str, usize>,
    age: FxHashMap<NaiveDate, usize>,
}

impl<'a> Classes<'a> {
    fn new(today: NaiveDate) -> Self {
        Classes {
            today,
            education: FxHashMap::default(),
            age: FxHashMap::default(),
        }
    }

    fn education(&mut self, text: Option<&'a str>) -> usize {
        match text {
            None => education_class(None),
            Some(text) => *self
                .education
                .entry(text)
                .or_insert_with(|| education_class(Some(text))),
        }
    }

    fn age(&mut self, birth: Option<NaiveDate>) -> usize {
        match birth {
            None => age_band(None, self.today),
            Some(birth) => {
                let today = self.today;
                *self
                    .age
                    .entry(birth)
                    .or_insert_with(|| age_band(Some(birth), today))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Each unit's row, as [`owner`] finds it by walking up, against the
    /// one pass of [`count`]: every row holds the units whose walk ends there.
    #[test]
    fn the_one_pass_puts_each_unit_where_the_walk_up_does() {
        let mut doc = crate::generate::sample();
        let units: Vec<Id> = doc.units.keys().copied().collect();
        let street = *doc.roots().next().map(|u| &u.id).unwrap();
        let of = |doc: &Document, level| {
            units
                .iter()
                .copied()
                .filter(|id| doc.units[id].level == level)
                .collect::<Vec<_>>()
        };
        // A branch straight under the street, a group whose parent is missing,
        // a second street under a community.
        let branch = of(&doc, Level::Branch)[0];
        doc.units.get_mut(&branch).unwrap().parent = Some(street);
        let group = of(&doc, Level::Group)[2];
        doc.units.get_mut(&group).unwrap().parent = Some(Id(999_999));
        let community = of(&doc, Level::Community)[1];
        let household = of(&doc, Level::Household)[0];
        let unit = doc.units.get_mut(&household).unwrap();
        unit.level = Level::Street;
        unit.parent = Some(community);
        let today = date(2026, 12, 1);
        for root in [None, Some(street), Some(community), Some(branch)] {
            let whole = Graph::build(&doc);
            let whole = whole.tree();
            let (rows, _) = count(&doc, &Graph::units(&doc), root, today);
            let within: Vec<Id> = match root {
                Some(root) => whole.subtree(root),
                None => units.clone(),
            };
            let subset = Graph::of_units(within.iter().map(|id| &doc.units[id]));
            let tree = if root.is_some() { subset.tree() } else { whole };
            for row in &rows {
                let held = within
                    .iter()
                    .filter(|&&id| doc.units[&owner(&doc, tree, id)].code == row.code)
                    .count();
                let mut counts = Counts::default();
                for id in &within {
                    if doc.units[&owner(&doc, tree, *id)].code == row.code {
                        counts.add_unit(&doc.units[id]);
                    }
                }
                assert!(held > 0, "{root:?}: row {} holds none", row.code);
                assert_eq!(row.counts.groups, counts.groups, "{root:?} {}", row.code);
                assert_eq!(row.counts.grid_branches, counts.grid_branches);
                assert_eq!(row.counts.central_households, counts.central_households);
            }
            let owners: std::collections::BTreeSet<String> = within
                .iter()
                .map(|id| doc.units[&owner(&doc, tree, *id)].code.clone())
                .collect();
            assert_eq!(owners.len(), rows.len(), "{root:?}: one row per owner");
        }
    }

    #[test]
    fn an_age_turns_on_the_birthday() {
        let today = date(2026, 12, 1);
        assert_eq!(age_band(Some(date(1996, 12, 1)), today), 0);
        assert_eq!(age_band(Some(date(1995, 12, 2)), today), 0);
        assert_eq!(age_band(Some(date(1995, 12, 1)), today), 1);
        assert_eq!(age_band(Some(date(1965, 12, 1)), today), 7);
        assert_eq!(age_band(Some(date(1965, 12, 2)), today), 6);
        assert_eq!(age_band(None, today), 8);
        assert_eq!(age_band(Some(date(2027, 1, 1)), today), 8);
    }

    #[test]
    fn periods_begin_on_their_first_day() {
        assert_eq!(period(Some(date(1949, 9, 30))), 0);
        assert_eq!(period(Some(date(1949, 10, 1))), 1);
        assert_eq!(period(Some(date(1978, 12, 31))), 1);
        assert_eq!(period(Some(date(1979, 1, 1))), 2);
        assert_eq!(period(Some(date(2012, 11, 7))), 2);
        assert_eq!(period(Some(date(2012, 11, 8))), 3);
        assert_eq!(period(None), 4);
    }

    #[test]
    fn education_takes_the_first_class_whose_word_it_holds() {
        assert_eq!(education_class(Some("硕士研究生")), 0);
        assert_eq!(education_class(Some("大学本科")), 1);
        assert_eq!(education_class(Some("大专")), 2);
        assert_eq!(education_class(Some("中专")), 3);
        assert_eq!(education_class(Some("技校")), 4);
        assert_eq!(education_class(Some("小学")), 5);
        assert_eq!(education_class(Some("其他")), 6);
        assert_eq!(education_class(None), 6);
    }
}
