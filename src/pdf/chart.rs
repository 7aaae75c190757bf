//! The org chart: one box per unit with its type, name, leader and figures,
//! coloured by level, marked where a check found an error; laid out by
//! [`crate::layout`] to suit the paper, and split across sheets with overlap
//! marks when it cannot be printed on one at a readable size.

use super::sheet::{Item, Page, Rgb};
use super::text::{FontSource, TextFont};
use super::tiles::{self, Tiling};
use super::write::Writer;
use super::{Paper, PdfError, Watch, PT_PER_MM};
use crate::check::{self, Rules, Severity};
use crate::graph::Graph;
use crate::layout::{self, Layout, LayoutTree, Options};
use crate::mask::Privacy;
use crate::model::{Document, Id, Level, Unit};
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use std::io::Write;

/// What to chart, and on what.
#[derive(Debug, Clone)]
pub struct ChartOptions {
    /// Code of the unit at the top (every top-level unit when `None`).
    pub root: Option<String>,
    /// Levels to draw, the root's counting as 1.
    pub depth: Option<u8>,
    /// Paper size.
    pub paper: Paper,
    /// Landscape instead of portrait.
    pub landscape: bool,
    /// The date printed on the chart and used by the checks that mark boxes.
    pub today: NaiveDate,
    /// The font.
    pub font: FontSource,
}

/// A chart, ready to save: its PDF in `P`, the bytes themselves from
/// [`chart`] and the output they went into from [`chart_into`].
#[derive(Debug, Clone)]
pub struct Chart<P = Vec<u8>> {
    /// The PDF file's bytes, or the output they were written into.
    pub bytes: P,
    /// Boxes drawn.
    pub boxes: usize,
    /// Sheets across and down (1 × 1 when it fits one sheet).
    pub sheets: (usize, usize),
    /// The smallest text as printed, in points.
    pub smallest_text: f32,
    /// When the chart needs several sheets: which `--depth`, `--root` or paper
    /// would fit one.
    pub hint: Option<String>,
    /// Each box as placed on the first sheet (the whole chart, in points from the
    /// sheet's top-left corner; on a split chart it runs on past the sheet).
    pub frames: Vec<Frame>,
    /// The part of each sheet that the chart may use (inside the margins, below
    /// the title and above the legend).
    pub area: Frame,
}

impl<P> Chart<P> {
    /// The chart without the output it was written into: for a caller that
    /// lent [`chart_into`] a file it must still close.
    pub fn without_output(self) -> Chart<()> {
        Chart {
            bytes: (),
            boxes: self.boxes,
            sheets: self.sheets,
            smallest_text: self.smallest_text,
            hint: self.hint,
            frames: self.frames,
            area: self.area,
        }
    }
}

/// A rectangle on a sheet, in points from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The unit drawn (the sheet's own id, 0, for [`Chart::area`]).
    pub id: Id,
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// Smallest text in a box at scale 1; printed text never goes below [`READABLE`].
const SMALL: f32 = 7.0;
/// The smallest printed text size, in points.
pub const READABLE: f32 = 6.0;
/// Charts are not enlarged beyond this, however few the boxes.
const MAX_SCALE: f32 = 1.6;
const BOX_WIDTH: f32 = 124.0;
const HEADER: f32 = 15.0;
/// Side of the error badge in a box's header.
const BADGE: f32 = 12.0;
const NAME_SIZE: f32 = 9.5;
const LINE_SIZE: f32 = 7.5;
const PAD: f32 = 5.0;
const MARGIN: f32 = 10.0 * PT_PER_MM;
const TITLE_BAND: f32 = 30.0;
const FOOTER_BAND: f32 = 24.0;
/// How much neighbouring sheets of a split chart share, in points on paper.
const OVERLAP: f32 = 12.0 * PT_PER_MM;

/// Draws the chart of `document`.
pub fn chart(document: &Document, options: &ChartOptions) -> Result<Chart, PdfError> {
    chart_watched(document, options, Watch::none())
}

/// [`chart`], telling `watch` of each page and stopping when it asks.
pub fn chart_watched(
    document: &Document,
    options: &ChartOptions,
    watch: Watch<'_>,
) -> Result<Chart, PdfError> {
    chart_into(document, options, Vec::new(), watch)
}

/// [`chart_watched`], writing the PDF into `out`, which comes back as
/// [`Chart::bytes`]. Each sheet is made from the items that fall on it alone.
pub fn chart_into<W: Write>(
    document: &Document,
    options: &ChartOptions,
    out: W,
    watch: Watch<'_>,
) -> Result<Chart<W>, PdfError> {
    let root = match &options.root {
        Some(code) => Some(
            document
                .unit_by_code(code.trim())
                .ok_or_else(|| PdfError::UnknownCode(code.clone()))?,
        ),
        None => None,
    };
    let font = options.font.measure()?;
    let graph = Graph::units(document);
    let units = graph.tree();
    let figures = Figures::of(document, &graph);
    let marked = error_units(document, &graph, options.today);
    let content = |u: &Unit| BoxContent::new(u, &figures, &font);
    let laid = LayoutTree::from_document(document, units, root.map(|u| u.id), options.depth, |u| {
        content(u).size()
    })
    .map_err(|e| PdfError::Empty(e.to_string()))?;
    if laid.is_empty() {
        return Err(PdfError::Empty("文档中没有组织".into()));
    }
    let sheet = options.paper.oriented(options.landscape);
    let area = (
        sheet.0 - 2.0 * MARGIN,
        sheet.1 - 2.0 * MARGIN - TITLE_BAND - FOOTER_BAND,
    );
    let layout_options = Options {
        aspect: area.0 / area.1,
        ..Options::default()
    };
    let layout = layout::layout(&laid, &layout_options);
    let fit = layout.fit_scale(area.0, area.1).min(MAX_SCALE);
    let min_scale = READABLE / SMALL;
    let scale = fit.max(min_scale);
    let span = (layout.width * scale, layout.height * scale);
    let count = |length: f32, room: f32| {
        if length <= room + 0.5 {
            1
        } else {
            ((length - OVERLAP) / (room - OVERLAP)).ceil() as usize
        }
    };
    let sheets = (count(span.0, area.0), count(span.1, area.1));
    let hint = (sheets != (1, 1)).then(|| hint(options, &layout_options, area, &laid));

    let title = match root {
        Some(u) => format!("{} · {} 组织架构图", document.title, u.name),
        None => format!("{} 组织架构图", document.title),
    };
    let mut drawing = Page::new(span.0, span.1);
    draw_chart(&mut drawing, &layout, &laid, scale, |id| {
        document
            .units
            .get(&id)
            .map(|u| (content(u), u.level, marked.contains(&id)))
    });
    let origin = (MARGIN, MARGIN + TITLE_BAND);
    let centre = (
        if sheets.0 == 1 {
            (area.0 - span.0) / 2.0
        } else {
            0.0
        },
        if sheets.1 == 1 {
            (area.1 - span.1) / 2.0
        } else {
            0.0
        },
    );
    let frames = layout
        .boxes
        .iter()
        .map(|b| Frame {
            id: b.id,
            x: origin.0 + centre.0 + b.x * scale,
            y: origin.1 + centre.1 + b.y * scale,
            w: b.w * scale,
            h: b.h * scale,
        })
        .collect();
    let boxes = laid.len();
    drop((layout, laid));
    let tiling = Tiling {
        sheets,
        area,
        overlap: OVERLAP,
    };
    let total = sheets.0 * sheets.1;
    let mut writer = Writer::new(out, &title, &options.font, total, watch)?;
    make_sheets(
        drawing.items,
        &tiling,
        sheet,
        (origin, centre),
        |page, place, number| {
            frame(page, &font, &title, options, (number, total), place, sheets);
        },
        |page| writer.page(page),
    )?;
    let out = writer.finish()?;
    Ok(Chart {
        bytes: out,
        boxes,
        sheets,
        smallest_text: SMALL * scale,
        hint,
        frames,
        area: Frame {
            id: Id(0),
            x: origin.0,
            y: origin.1,
            w: area.0,
            h: area.1,
        },
    })
}

/// The largest depth, a unit one level down, or a larger paper that would fit one sheet.
fn hint(
    options: &ChartOptions,
    layout_options: &Options,
    area: (f32, f32),
    full: &LayoutTree,
) -> String {
    let fits = |t: &LayoutTree, room: (f32, f32), o: &Options| {
        // Boxes do not overlap, so no plan lays them out in less room than
        // theirs put together (with a per cent for rounding): a tree that
        // cannot fit by that count need not be laid out to know it.
        let least = f64::from(READABLE / SMALL);
        t.box_area() * least * least <= f64::from(room.0 * room.1) * 1.01
            && layout::layout(t, o).fit_scale(room.0, room.1) * SMALL >= READABLE
    };
    let deepest = tree_depth(full);
    let depth = (1..deepest)
        .rev()
        .find(|&d| fits(&full.to_depth(d), area, layout_options));
    let larger = [Paper::A3, Paper::A2, Paper::A1, Paper::A0]
        .into_iter()
        .filter(|p| p.size().0 > options.paper.size().0)
        .find(|p| {
            let (w, h) = p.oriented(options.landscape);
            let room = (
                w - 2.0 * MARGIN,
                h - 2.0 * MARGIN - TITLE_BAND - FOOTER_BAND,
            );
            let o = Options {
                aspect: room.0 / room.1,
                ..*layout_options
            };
            fits(full, room, &o)
        });
    let mut ways = Vec::new();
    if let Some(d) = depth {
        ways.push(format!("--depth {d}"));
    }
    ways.push("--root 选一个下级组织".to_string());
    if let Some(p) = larger {
        ways.push(format!("--paper {}", p.name()));
    }
    format!(
        "图表在一张 {} 纸上放不下可读字号（≥{READABLE} pt），已分成多页拼接打印；若要单页打印，可用 {}",
        options.paper.name(),
        ways.join("、")
    )
}

fn tree_depth(tree: &LayoutTree) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(usize, usize)> = tree.roots().iter().map(|&r| (r, 1)).collect();
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(tree.nodes()[node].children.iter().map(|&c| (c, depth + 1)));
    }
    deepest
}

/// Makes the sheets one at a time, rows first, and hands each to `sheet` as
/// it is made: its part of `drawing` (the items of its bucket, moved into
/// place, in drawing order, and clipped to the chart's area at `origin`), then its `frame`, told
/// the sheet's column and row and its number from 1.
fn make_sheets(
    mut drawing: Vec<Item>,
    tiling: &Tiling,
    paper: (f32, f32),
    (origin, centre): ((f32, f32), (f32, f32)),
    frame: impl Fn(&mut Page, (usize, usize), usize),
    mut sheet: impl FnMut(Page) -> Result<(), PdfError>,
) -> Result<(), PdfError> {
    let buckets = tiling.buckets(&drawing);
    // How many sheets still to come show each item: on its last one it is
    // moved there rather than copied, and its text freed with that sheet.
    let mut showings = vec![0u32; drawing.len()];
    for &index in buckets.iter().flatten() {
        showings[index as usize] += 1;
    }
    let (cols, rows) = tiling.sheets;
    let mut buckets = buckets.into_iter();
    for row in 0..rows {
        for col in 0..cols {
            let number = row * cols + col + 1;
            let bucket = buckets.next().unwrap_or_default();
            let mut page = Page::new(paper.0, paper.1);
            page.items.push(Item::Clip {
                x: origin.0,
                y: origin.1,
                w: tiling.area.0,
                h: tiling.area.1,
            });
            let offset = tiling.offset((col, row));
            let (dx, dy) = (
                origin.0 + centre.0 - offset.0,
                origin.1 + centre.1 - offset.1,
            );
            for index in bucket {
                let index = index as usize;
                showings[index] -= 1;
                let item = if showings[index] == 0 {
                    std::mem::replace(&mut drawing[index], Item::Unclip)
                } else {
                    drawing[index].clone()
                };
                page.items.push(tiles::moved(item, dx, dy));
            }
            page.items.push(Item::Unclip);
            frame(&mut page, (col, row), number);
            sheet(page)?;
        }
    }
    Ok(())
}

/// The title, date, legend, page number and, on split charts, where the sheet goes.
fn frame(
    page: &mut Page,
    font: &TextFont,
    title: &str,
    options: &ChartOptions,
    (number, total): (usize, usize),
    (col, row): (usize, usize),
    sheets: (usize, usize),
) {
    let (w, h) = (page.width, page.height);
    let date = format!("制图日期 {}", options.today);
    let date_width = font.width(&date, 9.0);
    let title = font.fit(title, 16.0, w - 2.0 * MARGIN - date_width - 20.0);
    page.text(MARGIN, MARGIN + 18.0, 16.0, title, Rgb::BLACK);
    page.text(w - MARGIN - date_width, MARGIN + 18.0, 9.0, date, Rgb::GREY);
    page.line(
        vec![(MARGIN, MARGIN + 24.0), (w - MARGIN, MARGIN + 24.0)],
        Rgb::GREY,
        0.5,
    );
    // Legend, bottom left.
    let base = h - MARGIN - 6.0;
    let mut x = MARGIN;
    for level in Level::ALL {
        page.rect(x, base - 8.0, 10.0, 10.0, Some(colour(level)), None);
        page.text(x + 13.0, base, 8.0, level.full_name(), Rgb::BLACK);
        x += 13.0 + font.width(level.full_name(), 8.0) + 12.0;
    }
    badge(page, x, base - 9.0, 11.0);
    page.text(
        x + 14.0,
        base,
        8.0,
        "有错误级问题（见 gridorg check）",
        Rgb::BLACK,
    );
    let numbering = format!("第 {number} 页 共 {total} 页");
    let numbering_width = font.width(&numbering, 8.0);
    page.text(
        w - MARGIN - numbering_width,
        base,
        8.0,
        numbering,
        Rgb::BLACK,
    );
    if sheets != (1, 1) {
        let label = format!(
            "拼接：第 {} 行第 {} 列（共 {} 行 {} 列），虚线外为与相邻页重叠的部分",
            row + 1,
            col + 1,
            sheets.1,
            sheets.0
        );
        let label_width = font.width(&label, 8.0);
        page.text(
            w - MARGIN - numbering_width - 16.0 - label_width,
            base,
            8.0,
            label,
            Rgb::GREY,
        );
        overlap_marks(page, (col, row), sheets);
    }
}

/// Dashed lines where the neighbouring sheets' parts begin.
fn overlap_marks(page: &mut Page, (col, row): (usize, usize), sheets: (usize, usize)) {
    let (w, h) = (page.width, page.height);
    let (top, bottom) = (MARGIN + TITLE_BAND, h - MARGIN - FOOTER_BAND);
    let (left, right) = (MARGIN, w - MARGIN);
    let grey = Rgb(150, 150, 150);
    if col + 1 < sheets.0 {
        page.dashed(
            vec![(right - OVERLAP, top), (right - OVERLAP, bottom)],
            grey,
            0.6,
        );
    }
    if col > 0 {
        page.dashed(
            vec![(left + OVERLAP, top), (left + OVERLAP, bottom)],
            grey,
            0.6,
        );
    }
    if row + 1 < sheets.1 {
        page.dashed(
            vec![(left, bottom - OVERLAP), (right, bottom - OVERLAP)],
            grey,
            0.6,
        );
    }
    if row > 0 {
        page.dashed(
            vec![(left, top + OVERLAP), (right, top + OVERLAP)],
            grey,
            0.6,
        );
    }
}

/// The red mark of a unit with error findings.
fn badge(page: &mut Page, x: f32, y: f32, size: f32) {
    page.rect(x, y, size, size, Some(Rgb::RED), Some((Rgb::WHITE, 0.8)));
    page.text(
        x + size * 0.36,
        y + size * 0.82,
        size * 0.8,
        "!",
        Rgb::WHITE,
    );
}

/// The header colour of each level.
fn colour(level: Level) -> Rgb {
    match level {
        Level::Street => Rgb(55, 71, 79),
        Level::Community => Rgb(230, 81, 0),
        Level::Branch => Rgb(21, 101, 192),
        Level::Group => Rgb(46, 125, 50),
        Level::Household => Rgb(106, 27, 154),
    }
}

/// A light tint of a colour, for box bodies.
fn tint(c: Rgb) -> Rgb {
    let mix = |v: u8| (f32::from(v) * 0.08 + 255.0 * 0.92) as u8;
    Rgb(mix(c.0), mix(c.1), mix(c.2))
}

/// Draws boxes and connectors at `scale` into `page`, whose origin is the layout's.
fn draw_chart(
    page: &mut Page,
    layout: &Layout,
    tree: &LayoutTree,
    scale: f32,
    unit: impl Fn(Id) -> Option<(BoxContent, Level, bool)>,
) {
    for connector in &layout.connectors {
        let points = connector
            .points
            .iter()
            .map(|&(x, y)| (x * scale, y * scale))
            .collect();
        page.line(points, Rgb(120, 120, 120), 0.7 * scale);
    }
    for (b, node) in layout.boxes.iter().zip(tree.nodes()) {
        let Some((content, level, marked)) = unit(node.id) else {
            continue;
        };
        content.draw(page, (b.x * scale, b.y * scale), scale, level, marked);
    }
}

/// Member and place figures of every unit.
struct Figures {
    /// Full and probationary members over each unit's subtree.
    members: FxHashMap<Id, (u32, u32)>,
    /// Grids of each community.
    grids: FxHashMap<Id, u32>,
    /// Grids each branch covers.
    covered: FxHashMap<Id, u32>,
    /// Households each central household looks after.
    households: FxHashMap<Id, u32>,
}

impl Figures {
    fn of(document: &Document, graph: &Graph) -> Figures {
        let members = crate::stats::members_by_subtree_with(graph);
        let mut grids = FxHashMap::default();
        let mut covered = FxHashMap::default();
        for g in document.grids.values() {
            *grids.entry(g.community).or_default() += 1;
            for b in g.covered_by.iter().collect::<FxHashSet<_>>() {
                *covered.entry(*b).or_default() += 1;
            }
        }
        let mut households = FxHashMap::default();
        for h in document.households.values() {
            *households.entry(h.linked_by).or_default() += 1;
        }
        Figures {
            members,
            grids,
            covered,
            households,
        }
    }
}

/// Units with unacknowledged error findings: their own, their members', and
/// those of the grids, buildings and households they answer for.
fn error_units(document: &Document, graph: &Graph, today: NaiveDate) -> FxHashSet<Id> {
    let report =
        check::check_with_graph(document, graph, &Rules::default(), today, Privacy::Masked);
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !f.acknowledged)
        .filter_map(|f| check::unit_of(document, f.subject))
        .collect()
}

/// The text of one box, wrapped to its width.
struct BoxContent {
    kind: String,
    code: String,
    code_width: f32,
    name: Vec<String>,
    lines: Vec<String>,
}

impl BoxContent {
    fn new(unit: &Unit, figures: &Figures, font: &TextFont) -> BoxContent {
        let inner = BOX_WIDTH - 2.0 * PAD;
        let kind = unit.kind_name();
        let mut name = font.wrap(unit.name.trim(), NAME_SIZE, inner);
        if name.len() > 2 {
            let rest = name[1..].concat();
            name.truncate(1);
            name.push(font.fit(&rest, NAME_SIZE, inner));
        }
        let title = unit.level.leader_title();
        let leader = match unit.leader.as_deref().map(str::trim) {
            Some(l) if !l.is_empty() => format!("{title}：{l}"),
            _ => format!("{title}：（空缺）"),
        };
        let (full, probationary) = figures.members.get(&unit.id).copied().unwrap_or_default();
        let members = format!("党员 {}（预备 {probationary}）", full + probationary);
        let count = |map: &FxHashMap<Id, u32>| map.get(&unit.id).copied().unwrap_or(0);
        let lines = match unit.level {
            Level::Household => vec![format!(
                "{leader} · 联系户 {} 户",
                count(&figures.households)
            )],
            Level::Community => vec![
                leader,
                format!("{members} · 网格 {}", count(&figures.grids)),
            ],
            Level::Branch => vec![
                leader,
                format!("{members} · 覆盖网格 {}", count(&figures.covered)),
            ],
            Level::Street | Level::Group => vec![leader, members],
        };
        let lines = lines
            .into_iter()
            .map(|l| font.fit(&l, LINE_SIZE, inner))
            .collect();
        let kind = font.fit(&kind, LINE_SIZE, inner * 0.55);
        // Room is left on the right of the header for the error badge.
        let code = font.fit(
            &unit.code,
            SMALL,
            inner - font.width(&kind, LINE_SIZE) - BADGE - 6.0,
        );
        BoxContent {
            kind,
            code_width: font.width(&code, SMALL),
            code,
            name,
            lines,
        }
    }

    fn size(&self) -> (f32, f32) {
        let body =
            self.name.len() as f32 * NAME_SIZE * 1.3 + self.lines.len() as f32 * LINE_SIZE * 1.4;
        (BOX_WIDTH, HEADER + PAD + body + PAD * 0.6)
    }

    fn draw(&self, page: &mut Page, (x, y): (f32, f32), s: f32, level: Level, marked: bool) {
        let (w, h) = self.size();
        let c = colour(level);
        let border = if marked {
            (Rgb::RED, 1.8 * s)
        } else {
            (c, 0.8 * s)
        };
        page.rect(x, y, w * s, h * s, Some(tint(c)), Some(border));
        page.rect(x, y, w * s, HEADER * s, Some(c), None);
        page.text(
            x + PAD * s,
            y + 11.0 * s,
            LINE_SIZE * s,
            &*self.kind,
            Rgb::WHITE,
        );
        let code_right = if marked { w - BADGE - 3.0 } else { w - PAD };
        page.text(
            x + (code_right - self.code_width) * s,
            y + 10.8 * s,
            SMALL * s,
            &*self.code,
            Rgb::WHITE,
        );
        if marked {
            badge(page, x + (w - BADGE - 1.5) * s, y + 1.5 * s, BADGE * s);
        }
        let mut baseline = y + (HEADER + PAD + NAME_SIZE) * s;
        for line in &self.name {
            page.text(x + PAD * s, baseline, NAME_SIZE * s, &**line, Rgb::BLACK);
            baseline += NAME_SIZE * 1.3 * s;
        }
        baseline += (LINE_SIZE * 1.4 - NAME_SIZE * 1.3) * s;
        for line in &self.lines {
            page.text(
                x + PAD * s,
                baseline,
                LINE_SIZE * s,
                &**line,
                Rgb(60, 60, 60),
            );
            baseline += LINE_SIZE * 1.4 * s;
        }
    }
}
