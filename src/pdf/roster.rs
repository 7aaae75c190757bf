//! Rosters: the 党员花名册 (members by unit, A4 landscape, the 党员 columns of
//! the workbook template) and the 联系户名册 (each 党员中心户 with the
//! households it looks after). ID and phone numbers and birth dates are masked
//! unless asked ([`crate::mask`]).

use super::table::{self, Column, Group};
use super::text::FontSource;
use super::{Paper, PdfError, Watch};
use crate::graph::Graph;
use crate::mask::Privacy;
use crate::model::{Document, Id, Level, Unit};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// Which roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterKind {
    /// 党员花名册.
    Members,
    /// 联系户名册.
    Households,
}

/// What to print.
#[derive(Debug, Clone)]
pub struct RosterOptions {
    /// Code of the unit whose subtree is printed (everything when `None`).
    pub unit: Option<String>,
    /// Which roster.
    pub kind: RosterKind,
    /// Print ID and phone numbers and birth dates whole.
    pub unmasked: bool,
    /// The print date.
    pub today: NaiveDate,
    /// The font.
    pub font: FontSource,
}

/// A roster, ready to save.
#[derive(Debug, Clone)]
pub struct Roster {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// Pages.
    pub pages: usize,
    /// Rows printed (members or households).
    pub rows: usize,
}

/// The member columns, in the template's order after 序号.
const MEMBER_COLUMNS: [(&str, f32); 16] = [
    ("序号", 28.0),
    ("姓名", 44.0),
    ("性别", 22.0),
    ("民族", 32.0),
    ("出生日期", 50.0),
    ("身份证号", 88.0),
    ("学历", 38.0),
    ("入党日期", 50.0),
    ("转正日期", 50.0),
    ("人员类别", 40.0),
    ("所在组织编码", 60.0),
    ("职务", 56.0),
    ("联系电话", 56.0),
    ("工作单位", 108.0),
    ("在职报到", 26.0),
    ("流动党员", 26.0),
];

const HOUSEHOLD_COLUMNS: [(&str, f32); 5] = [
    ("序号", 34.0),
    ("户主姓名", 90.0),
    ("住址", 200.0),
    ("人口", 40.0),
    ("联系电话", 110.0),
];

/// Prints a roster of `document`.
pub fn roster(document: &Document, options: &RosterOptions) -> Result<Roster, PdfError> {
    roster_watched(document, options, Watch::none())
}

/// [`roster`], telling `watch` of each page and stopping when it asks.
pub fn roster_watched(
    document: &Document,
    options: &RosterOptions,
    watch: Watch<'_>,
) -> Result<Roster, PdfError> {
    let root = match &options.unit {
        Some(code) => Some(
            document
                .unit_by_code(code.trim())
                .ok_or_else(|| PdfError::UnknownCode(code.clone()))?,
        ),
        None => None,
    };
    let units = units_in_order(document, root.map(|u| u.id));
    let privacy = Privacy::unless(options.unmasked);
    let (kind, columns, groups, paper) = match options.kind {
        RosterKind::Members => {
            let groups = member_groups(document, &units, privacy);
            (
                "党员花名册",
                &MEMBER_COLUMNS[..],
                groups,
                Paper::A4.oriented(true),
            )
        }
        RosterKind::Households => {
            let groups = household_groups(document, &units, privacy);
            (
                "联系户名册",
                &HOUSEHOLD_COLUMNS[..],
                groups,
                Paper::A4.oriented(false),
            )
        }
    };
    let rows = groups.iter().map(|g| g.rows.len()).sum();
    if rows == 0 {
        return Err(PdfError::Empty(match options.kind {
            RosterKind::Members => "所选范围内没有党员".into(),
            RosterKind::Households => "所选范围内没有联系户".into(),
        }));
    }
    let fewest = table::fewest_pages(rows, paper);
    if fewest > super::MAX_PAGES {
        return Err(PdfError::TooManyPages(fewest));
    }
    let font = options.font.measure()?;
    let mut columns: Vec<Column> = columns
        .iter()
        .map(|&(title, width)| Column { title, width })
        .collect();
    table::fit_column(&mut columns, 0, &groups, &font);
    let subject = root.map_or_else(
        || "全部".to_string(),
        |u| format!("{}（{}）", u.name, u.code),
    );
    let frame = table::Frame {
        document: &document.title,
        kind,
        subject: &subject,
        printed: options.today,
    };
    let pages = table::pages(&frame, &columns, &groups, &font, paper);
    // The rows are in the pages now; a city's are a few hundred MB.
    drop(groups);
    let count = pages.len();
    let title = format!("{} {kind}", document.title);
    let bytes = super::write::pdf(&title, pages, &options.font, watch)?;
    Ok(Roster {
        bytes,
        pages: count,
        rows,
    })
}

/// The units under `root` (all under a top when `None`) in outline order:
/// each unit, then its children in natural code order.
pub(super) fn units_in_order(document: &Document, root: Option<Id>) -> Vec<&Unit> {
    let graph = Graph::units(document);
    let tree = graph.tree();
    let ids = match root.filter(|r| document.units.contains_key(r)) {
        Some(r) => tree.subtree(r),
        None => tree.in_order(),
    };
    ids.iter().filter_map(|id| document.units.get(id)).collect()
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn yes(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

fn member_groups(document: &Document, units: &[&Unit], privacy: Privacy) -> Vec<Group> {
    let mut by_unit: FxHashMap<Id, Vec<&crate::model::Member>> = FxHashMap::default();
    for m in document.members.values() {
        by_unit.entry(m.unit).or_default().push(m);
    }
    let mut number = 0;
    units
        .iter()
        .filter_map(|unit| {
            let members = by_unit.get(&unit.id)?;
            let full = members.iter().filter(|m| m.category.is_full()).count();
            let rows = members
                .iter()
                .map(|m| {
                    number += 1;
                    vec![
                        number.to_string(),
                        m.name.clone(),
                        m.gender.map(|g| g.label().to_string()).unwrap_or_default(),
                        m.ethnicity.clone().unwrap_or_default(),
                        privacy.birth(m.birth),
                        privacy.id_number(m.id_number.as_deref()),
                        m.education.clone().unwrap_or_default(),
                        date(m.joined),
                        date(m.full_since),
                        m.category.label().to_string(),
                        unit.code.clone(),
                        m.positions.join("、"),
                        privacy.phone(m.phone.as_deref()),
                        m.workplace.clone().unwrap_or_default(),
                        yes(m.in_service),
                        yes(m.mobile),
                    ]
                })
                .collect();
            Some(Group {
                heading: format!("{}（{}）", unit.name, unit.code),
                subtotal: format!(
                    "正式党员 {full} 名　预备党员 {} 名　合计 {} 名",
                    members.len() - full,
                    members.len()
                ),
                rows,
            })
        })
        .collect()
}

fn household_groups(document: &Document, units: &[&Unit], privacy: Privacy) -> Vec<Group> {
    let mut by_unit: FxHashMap<Id, Vec<&crate::model::Household>> = FxHashMap::default();
    for h in document.households.values() {
        by_unit.entry(h.linked_by).or_default().push(h);
    }
    units
        .iter()
        .filter(|u| u.level == Level::Household)
        .filter_map(|unit| {
            let households = by_unit.get(&unit.id)?;
            let people: u32 = households.iter().filter_map(|h| h.people).sum();
            let rows = households
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    vec![
                        (i + 1).to_string(),
                        h.head.clone(),
                        h.address.clone().unwrap_or_default(),
                        h.people.map(|p| p.to_string()).unwrap_or_default(),
                        privacy.phone(h.phone.as_deref()),
                    ]
                })
                .collect();
            let head = unit.leader.as_deref().unwrap_or("（空缺）");
            Some(Group {
                heading: format!("{}（{}）户主：{head}", unit.name, unit.code),
                subtotal: format!("联系 {} 户　{people} 人", households.len()),
                rows,
            })
        })
        .collect()
}
