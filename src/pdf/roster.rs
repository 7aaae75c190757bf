//! Rosters: the 党员花名册 (members by unit, A4 landscape, the 党员 columns of
//! the workbook template) and the 联系户名册 (each 党员中心户 with the
//! households it looks after). ID and phone numbers and birth dates are masked
//! unless asked ([`crate::mask`]).

use super::table::{self, Column, Group, Groups, Section};
use super::text::FontSource;
use super::write::Writer;
use super::{Paper, PdfError, Watch};
use crate::graph::Graph;
use crate::mask::Privacy;
use crate::model::{Document, Household, Id, Level, Member, Unit};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::io::Write;

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

/// The member columns and their widths in points, in the template's order after 序号.
pub const MEMBER_COLUMNS: [(&str, f32); 16] = [
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

/// Pages and rows of a roster written to an output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Pages.
    pub pages: usize,
    /// Rows printed (members or households).
    pub rows: usize,
}

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
    let (bytes, counts) = roster_to(document, options, watch, Vec::new())?;
    Ok(Roster {
        bytes,
        pages: counts.pages,
        rows: counts.rows,
    })
}

/// [`roster_watched`] written to `out` a page at a time, each page written as
/// it is laid out (the writer adds 共 M 页 at the end). Each unit's rows are
/// made while it is laid out.
pub fn roster_to<W: Write>(
    document: &Document,
    options: &RosterOptions,
    watch: Watch<'_>,
    out: W,
) -> Result<(W, Counts), PdfError> {
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
    let (kind, columns, paper) = match options.kind {
        RosterKind::Members => ("党员花名册", &MEMBER_COLUMNS[..], Paper::A4.oriented(true)),
        RosterKind::Households => (
            "联系户名册",
            &HOUSEHOLD_COLUMNS[..],
            Paper::A4.oriented(false),
        ),
    };
    let groups: Box<dyn RosterGroups + Sync + '_> = match options.kind {
        RosterKind::Members => Box::new(MemberGroups::of(document, units, privacy)),
        RosterKind::Households => Box::new(HouseholdGroups::of(document, units, privacy)),
    };
    let rows = groups.rows();
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
    let numbers = (1..=groups.largest_number()).map(|n| n.to_string());
    table::fit_column(&mut columns, 0, numbers, &font);
    let groups = groups.as_groups();
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
    let sections = [Section {
        columns: &columns,
        groups,
    }];
    let title = format!("{} {kind}", document.title);
    let mut writer = Writer::new(out, &title, &options.font, fewest, watch)?;
    let maker = writer.maker();
    let pages = table::draw(
        &frame,
        &sections,
        &options.font,
        paper,
        &|page, font| maker.make(page, font),
        &mut |made, expected| {
            writer.expect(expected);
            writer.put(made)
        },
    )?;
    Ok((writer.finish()?, Counts { pages, rows }))
}

/// A roster's groups, how many rows they hold and how they are numbered.
trait RosterGroups: Groups {
    /// The largest 序号 (column 0): rows are numbered from 1.
    fn largest_number(&self) -> usize;
    /// The groups, for the table.
    fn as_groups(&self) -> &(dyn Groups + Sync);
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

fn date(d: Option<NaiveDate>) -> Cow<'static, str> {
    d.map_or(Cow::Borrowed(""), |d| d.to_string().into())
}

fn yes(b: bool) -> Cow<'static, str> {
    Cow::Borrowed(if b { "是" } else { "否" })
}

/// An optional field as printed: empty when missing.
fn text(field: &Option<String>) -> Cow<'_, str> {
    Cow::Borrowed(field.as_deref().unwrap_or_default())
}

/// The members by unit, each unit's rows made when it is laid out.
struct MemberGroups<'d> {
    /// The units with members, in outline order, with their members.
    units: Vec<(&'d Unit, Vec<&'d Member>)>,
    privacy: Privacy,
}

impl<'d> MemberGroups<'d> {
    fn of(document: &'d Document, units: Vec<&'d Unit>, privacy: Privacy) -> MemberGroups<'d> {
        let mut by_unit: FxHashMap<Id, Vec<&Member>> = FxHashMap::default();
        for m in document.members.values() {
            by_unit.entry(m.unit).or_default().push(m);
        }
        MemberGroups {
            units: units
                .into_iter()
                .filter_map(|u| Some((u, by_unit.remove(&u.id)?)))
                .collect(),
            privacy,
        }
    }
}

impl Groups for MemberGroups<'_> {
    fn rows(&self) -> usize {
        self.units.iter().map(|(_, m)| m.len()).sum()
    }

    fn each(
        &self,
        visit: &mut dyn FnMut(Group<'_>) -> Result<(), PdfError>,
    ) -> Result<(), PdfError> {
        let privacy = self.privacy;
        let mut number = 0;
        for (unit, members) in &self.units {
            let full = members.iter().filter(|m| m.category.is_full()).count();
            let rows = members
                .iter()
                .map(|m| {
                    number += 1;
                    vec![
                        number.to_string().into(),
                        m.name.as_str().into(),
                        m.gender.map_or("", |g| g.label()).into(),
                        text(&m.ethnicity),
                        privacy.birth(m.birth).into(),
                        privacy.id_number(m.id_number.as_deref()).into(),
                        text(&m.education),
                        date(m.joined),
                        date(m.full_since),
                        m.category.label().into(),
                        unit.code.as_str().into(),
                        m.positions.join("、").into(),
                        privacy.phone(m.phone.as_deref()).into(),
                        text(&m.workplace),
                        yes(m.in_service),
                        yes(m.mobile),
                    ]
                })
                .collect();
            visit(Group {
                heading: format!("{}（{}）", unit.name, unit.code),
                subtotal: format!(
                    "正式党员 {full} 名　预备党员 {} 名　合计 {} 名",
                    members.len() - full,
                    members.len()
                ),
                rows,
            })?;
        }
        Ok(())
    }
}

impl RosterGroups for MemberGroups<'_> {
    /// Numbered through.
    fn largest_number(&self) -> usize {
        self.rows()
    }

    fn as_groups(&self) -> &(dyn Groups + Sync) {
        self
    }
}

/// Each central household with the households it looks after.
struct HouseholdGroups<'d> {
    /// The central households with households, in outline order.
    units: Vec<(&'d Unit, Vec<&'d Household>)>,
    privacy: Privacy,
}

impl<'d> HouseholdGroups<'d> {
    fn of(document: &'d Document, units: Vec<&'d Unit>, privacy: Privacy) -> HouseholdGroups<'d> {
        let mut by_unit: FxHashMap<Id, Vec<&Household>> = FxHashMap::default();
        for h in document.households.values() {
            by_unit.entry(h.linked_by).or_default().push(h);
        }
        HouseholdGroups {
            units: units
                .into_iter()
                .filter(|u| u.level == Level::Household)
                .filter_map(|u| Some((u, by_unit.remove(&u.id)?)))
                .collect(),
            privacy,
        }
    }
}

impl Groups for HouseholdGroups<'_> {
    fn rows(&self) -> usize {
        self.units.iter().map(|(_, h)| h.len()).sum()
    }

    fn each(
        &self,
        visit: &mut dyn FnMut(Group<'_>) -> Result<(), PdfError>,
    ) -> Result<(), PdfError> {
        for (unit, households) in &self.units {
            let people: u32 = households.iter().filter_map(|h| h.people).sum();
            let rows = households
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    vec![
                        (i + 1).to_string().into(),
                        h.head.as_str().into(),
                        text(&h.address),
                        h.people.map(|p| p.to_string()).unwrap_or_default().into(),
                        self.privacy.phone(h.phone.as_deref()).into(),
                    ]
                })
                .collect();
            let head = unit.leader.as_deref().unwrap_or("（空缺）");
            visit(Group {
                heading: format!("{}（{}）户主：{head}", unit.name, unit.code),
                subtotal: format!("联系 {} 户　{people} 人", households.len()),
                rows,
            })?;
        }
        Ok(())
    }
}

impl RosterGroups for HouseholdGroups<'_> {
    /// Numbered within each central household.
    fn largest_number(&self) -> usize {
        self.units.iter().map(|(_, h)| h.len()).max().unwrap_or(0)
    }

    fn as_groups(&self) -> &(dyn Groups + Sync) {
        self
    }
}
