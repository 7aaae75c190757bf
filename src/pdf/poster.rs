//! 网格公示牌: one A4 page per grid for a building's notice board — the grid,
//! its worker, the branch and secretary, the groups with their leaders and the
//! central households with the households they look after, in large type.
//! Phone numbers are printed whole: residents must be able to call them.

use super::sheet::{Page, Rgb};
use super::text::{FontSource, TextFont};
use super::write::Writer;
use super::{Paper, PdfError, Watch, PT_PER_MM};
use crate::graph::Graph;
use crate::model::{Document, Grid, Id, Level, Unit};
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use std::io::Write;

/// What to print.
#[derive(Debug, Clone)]
pub struct PosterOptions {
    /// Code of a unit: only the grids of its community, or those it covers.
    pub unit: Option<String>,
    /// The print date.
    pub today: NaiveDate,
    /// The font.
    pub font: FontSource,
}

/// Notice boards, ready to save.
#[derive(Debug, Clone)]
pub struct Posters {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// Pages: one a grid.
    pub pages: usize,
}

const MARGIN: f32 = 16.0 * PT_PER_MM;
const BAND: Rgb = Rgb(180, 30, 30);
/// Text is made smaller, down to this factor, before lists are cut short.
const MIN_SHRINK: f32 = 0.6;

/// Prints a notice board for each grid of `document` (or of the unit asked for).
pub fn posters(document: &Document, options: &PosterOptions) -> Result<Posters, PdfError> {
    let (bytes, pages) = posters_to(document, options, Watch::none(), Vec::new())?;
    Ok(Posters { bytes, pages })
}

/// [`posters`] written to `out`, each grid's page as it is made; gives `out`
/// back with the number of pages.
pub fn posters_to<W: Write>(
    document: &Document,
    options: &PosterOptions,
    watch: Watch<'_>,
    out: W,
) -> Result<(W, usize), PdfError> {
    let graph = Graph::units(document);
    let scope: Option<FxHashSet<Id>> = match &options.unit {
        Some(code) => {
            let unit = document
                .unit_by_code(code.trim())
                .ok_or_else(|| PdfError::UnknownCode(code.clone()))?;
            Some(graph.tree().subtree(unit.id).into_iter().collect())
        }
        None => None,
    };
    let mut grids: Vec<&Grid> = document
        .grids
        .values()
        .filter(|g| {
            scope.as_ref().is_none_or(|s| {
                s.contains(&g.community) || g.covered_by.iter().any(|b| s.contains(b))
            })
        })
        .collect();
    grids.sort_by(|a, b| crate::order::by_code_then_name((&a.code, &a.name), (&b.code, &b.name)));
    if grids.is_empty() {
        return Err(PdfError::Empty("所选范围内没有网格".into()));
    }
    let font = options.font.measure()?;
    let places = Places::of(document, graph);
    let title = format!("{} 网格公示牌", document.title);
    let mut writer = Writer::new(out, &title, &options.font, grids.len(), watch)?;
    for grid in &grids {
        writer.page(poster(document, &places, grid, options.today, &font))?;
    }
    Ok((writer.finish()?, grids.len()))
}

/// Who answers for what, looked up once for all grids.
struct Places<'d> {
    document: &'d Document,
    graph: Graph,
    /// Groups covering a building of each grid.
    building_groups: FxHashMap<Id, Vec<Id>>,
    /// Households linked by each central household: (head, address).
    households: FxHashMap<Id, Vec<String>>,
}

impl<'d> Places<'d> {
    fn of(document: &'d Document, graph: Graph) -> Places<'d> {
        let mut building_groups: FxHashMap<Id, Vec<Id>> = FxHashMap::default();
        for b in document.buildings.values() {
            if let Some(group) = b.covered_by {
                let list = building_groups.entry(b.grid).or_default();
                if !list.contains(&group) {
                    list.push(group);
                }
            }
        }
        let mut households: FxHashMap<Id, Vec<String>> = FxHashMap::default();
        for h in document.households.values() {
            let address = h.address.as_deref().map(str::trim).unwrap_or_default();
            households
                .entry(h.linked_by)
                .or_default()
                .push(if address.is_empty() {
                    h.head.trim().to_string()
                } else {
                    address.to_string()
                });
        }
        Places {
            document,
            graph,
            building_groups,
            households,
        }
    }

    /// The children of `id` at `level`, in natural code order.
    fn children(&self, id: Id, level: Level) -> impl Iterator<Item = &'d Unit> + '_ {
        let units = &self.document.units;
        self.graph
            .tree()
            .children(Some(id))
            .iter()
            .filter_map(|c| units.get(c))
            .filter(move |u| u.level == level)
    }
}

/// A line of the poster before it is set: its size at full scale and its text.
struct Para {
    size: f32,
    text: String,
    indent: f32,
    color: Rgb,
    /// Space above, at full scale.
    gap: f32,
}

fn para(size: f32, text: impl Into<String>, indent: f32, gap: f32) -> Para {
    Para {
        size,
        text: text.into(),
        indent,
        color: Rgb::BLACK,
        gap,
    }
}

fn heading(text: &str) -> Para {
    Para {
        size: 17.0,
        text: format!("■ {text}"),
        indent: 0.0,
        color: BAND,
        gap: 14.0,
    }
}

fn phone(p: &Option<String>) -> String {
    p.as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("　电话 {p}"))
        .unwrap_or_default()
}

fn person(title: &str, name: &Option<String>, phone_number: &Option<String>) -> String {
    match name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("{title}：{n}{}", phone(phone_number)),
        None => format!("{title}：（空缺）"),
    }
}

/// A group or central household: its name, its leader and the leader's phone.
fn unit_line(unit: &Unit, gap: f32) -> Para {
    let leader = person(unit.level.leader_title(), &unit.leader, &unit.leader_phone);
    para(14.0, format!("{}　{leader}", unit.name.trim()), 12.0, gap)
}

fn poster(
    document: &Document,
    places: &Places,
    grid: &Grid,
    today: NaiveDate,
    font: &TextFont,
) -> Page {
    let (w, h) = Paper::A4.size();
    let mut page = Page::new(w, h);
    // The red band with the title and the grid.
    page.rect(0.0, 0.0, w, 120.0, Some(BAND), None);
    let title = "网格公示牌";
    page.text(
        (w - font.width(title, 34.0)) / 2.0,
        58.0,
        34.0,
        title,
        Rgb::WHITE,
    );
    let name = font.fit(
        &format!("{}（{}）", grid.name.trim(), grid.code),
        20.0,
        w - 2.0 * MARGIN,
    );
    page.text(
        (w - font.width(&name, 20.0)) / 2.0,
        96.0,
        20.0,
        name,
        Rgb::WHITE,
    );

    let mut paras = vec![
        heading("网格员"),
        para(
            16.0,
            person("网格员", &grid.worker, &grid.worker_phone),
            12.0,
            6.0,
        ),
    ];
    let mut figures = Vec::new();
    if let Some(n) = grid.households {
        figures.push(format!("住户 {n} 户"));
    }
    if let Some(n) = grid.population {
        figures.push(format!("人口 {n} 人"));
    }
    if !grid.compounds.is_empty() {
        figures.push(format!("包含 {}", grid.compounds.join("、")));
    }
    if !figures.is_empty() {
        paras.push(para(12.0, figures.join("　"), 12.0, 4.0));
    }
    let branches: Vec<&Unit> = grid
        .covered_by
        .iter()
        .filter_map(|b| document.units.get(b))
        .collect();
    paras.push(heading("网格党支部"));
    if branches.is_empty() {
        paras.push(para(14.0, "本网格尚未建立党支部", 12.0, 6.0));
    }
    for b in &branches {
        paras.push(para(15.0, b.name.trim(), 12.0, 6.0));
        paras.push(para(
            14.0,
            person("书记", &b.leader, &b.leader_phone),
            24.0,
            3.0,
        ));
    }
    // The groups of this grid's buildings where there are some; otherwise
    // every group of the covering branches.
    let groups: Vec<&Unit> = match places.building_groups.get(&grid.id) {
        Some(ids) => ids.iter().filter_map(|g| document.units.get(g)).collect(),
        None => branches
            .iter()
            .flat_map(|b| places.children(b.id, Level::Group))
            .collect(),
    };
    if !groups.is_empty() {
        paras.push(heading("党小组"));
    }
    for g in &groups {
        paras.push(unit_line(g, 5.0));
    }
    let centrals: Vec<&Unit> = groups
        .iter()
        .flat_map(|g| places.children(g.id, Level::Household))
        .collect();
    if !centrals.is_empty() {
        paras.push(heading("党员中心户及联系户"));
    }
    for c in &centrals {
        paras.push(unit_line(c, 6.0));
        let linked = places.households.get(&c.id).map_or(&[][..], Vec::as_slice);
        if !linked.is_empty() {
            paras.push(Para {
                color: Rgb(70, 70, 70),
                ..para(
                    11.0,
                    format!("联系 {} 户：{}", linked.len(), linked.join("、")),
                    24.0,
                    2.0,
                )
            });
        }
    }
    set(
        &mut page,
        font,
        &paras,
        (MARGIN, 138.0),
        (w - 2.0 * MARGIN, h - 138.0 - MARGIN - 30.0),
    );
    let footer = format!("{} · 打印日期 {today} · 有事请找网格员", document.title);
    let footer = font.fit(&footer, 9.0, w - 2.0 * MARGIN);
    page.line(
        vec![(MARGIN, h - MARGIN - 16.0), (w - MARGIN, h - MARGIN - 16.0)],
        Rgb::GREY,
        0.5,
    );
    page.text(MARGIN, h - MARGIN, 9.0, footer, Rgb::GREY);
    page
}

/// Sets the paragraphs in the box at `origin` of `room`, shrinking the type
/// (to [`MIN_SHRINK`]) until they fit, then cutting the last lines short.
fn set(page: &mut Page, font: &TextFont, paras: &[Para], origin: (f32, f32), room: (f32, f32)) {
    let lines_at = |scale: f32| -> Vec<(f32, f32, f32, String, Rgb)> {
        let mut y = origin.1;
        let mut out = Vec::new();
        for p in paras {
            let size = p.size * scale;
            y += p.gap * scale;
            for line in font.wrap(&p.text, size, room.0 - p.indent) {
                y += size * 1.3;
                out.push((origin.0 + p.indent, y, size, line, p.color));
            }
        }
        out
    };
    let bottom = origin.1 + room.1;
    let mut scale = 1.0;
    let mut lines = lines_at(scale);
    while lines.last().is_some_and(|l| l.1 > bottom) && scale > MIN_SHRINK {
        scale *= 0.92;
        lines = lines_at(scale);
    }
    let fitting = lines.iter().take_while(|l| l.1 <= bottom).count();
    let cut = fitting < lines.len();
    for (i, (x, y, size, text, color)) in lines.into_iter().take(fitting).enumerate() {
        let text = if cut && i + 1 == fitting {
            font.fit(&format!("{text}……（更多见联系户名册）"), size, room.0)
        } else {
            text
        };
        page.text(x, y, size, text, color);
    }
}
