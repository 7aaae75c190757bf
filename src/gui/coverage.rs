//! One community's coverage as a graph — the picture the office draws by hand
//! (支部建在网格上): its branches in a column, its grids beside them (in one
//! column, or in two flanking the branches when there are many), a line from
//! each branch to each grid it covers. Grids no branch covers are red, grids
//! covered by more than one orange. Dragging a branch onto a grid asks to
//! cover it; dragging a line away asks to uncover it; clicking a branch
//! selects it. Hovering a grid shows its figures and covering branches.
//!
//! The picture is laid out in [`Coverage::refresh`] — when the view is shown,
//! the selection moves or the document changes — from the community's own
//! grids and branches, never while drawing. One cache holds the drawn boxes
//! and lines until the layout or the view changes; the drag and the hover
//! note are drawn on top each frame.

use super::viewport::{fit_text, text_width, Pan, View, DRAG_START};
use crate::edit::Command;
use crate::graph::Graph;
use crate::layout::coverage::{self as geometry, BRANCH_BOX, GRID_BOX, MARGIN};
use crate::model::{Document, Grid, Id};
use iced::mouse;
use iced::widget::canvas::{self, Cache, Frame, Geometry, Path, Stroke, Text};
use iced::widget::{button, column, container, row, text};
use iced::{Color, Element, Length, Pixels, Point, Rectangle, Renderer, Size, Theme};
use std::cell::Cell;

/// The canvas bar's button that shows the coverage graph.
pub const SHOW: &str = "覆盖图";
/// The coverage bar's button that goes back to the structure.
pub const BACK: &str = "返回结构图";
/// The id of the coverage graph's frame.
pub const COVERAGE: &str = "coverage-canvas";

/// The fitted scale never goes below this, so that labels stay readable:
/// a tall picture scrolls instead.
const READABLE: f32 = 0.8;
/// The zoom range.
const SCALES: (f32, f32) = (0.3, 2.5);
/// Name and detail font sizes, in canvas units.
const NAME_SIZE: f32 = 13.0;
const DETAIL_SIZE: f32 = 11.0;
/// The hover note's font size, in pixels.
const NOTE_SIZE: f32 = 12.0;
/// How near a press must come to a line to take it, in pixels.
const NEAR_LINE: f32 = 6.0;
/// One wheel step scrolls this many pixels.
const WHEEL_STEP: f32 = 48.0;

/// How a grid is covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    /// By no branch (drawn red).
    Uncovered,
    /// By one branch.
    Covered,
    /// By two or more (drawn orange).
    Shared,
}

impl Shade {
    fn of(branches: usize) -> Shade {
        match branches {
            0 => Shade::Uncovered,
            1 => Shade::Covered,
            _ => Shade::Shared,
        }
    }

    /// Fill and border.
    fn colours(self) -> (Color, Color) {
        match self {
            Shade::Uncovered => (Color::from_rgb(1.0, 0.84, 0.84), RED),
            Shade::Covered => (
                Color::from_rgb(0.94, 0.97, 0.94),
                Color::from_rgb(0.55, 0.6, 0.55),
            ),
            Shade::Shared => (Color::from_rgb(1.0, 0.9, 0.74), ORANGE),
        }
    }
}

const RED: Color = Color::from_rgb(0.85, 0.1, 0.1);
const ORANGE: Color = Color::from_rgb(0.93, 0.5, 0.0);
const BLUE: Color = Color::from_rgb(0.1, 0.4, 0.9);
const GREEN: Color = Color::from_rgb(0.1, 0.65, 0.2);
const INK: Color = Color::from_rgb(0.15, 0.1, 0.1);

/// A grid as drawn.
#[derive(Debug, Clone)]
struct GridBox {
    id: Id,
    rect: Rectangle,
    name: String,
    detail: String,
    shade: Shade,
    /// The hover note's lines.
    note: Vec<String>,
}

/// A branch as drawn.
#[derive(Debug, Clone)]
struct BranchBox {
    id: Id,
    rect: Rectangle,
    name: String,
    detail: String,
}

/// A line from a branch to a grid it covers.
#[derive(Debug, Clone, Copy)]
struct Line {
    branch: Id,
    grid: Id,
    from: Point,
    to: Point,
    shared: bool,
}

/// The coverage graph's state, kept by the editor.
#[derive(Default)]
pub struct Coverage {
    shown: bool,
    community: Option<Id>,
    /// What the bar says: the community's figures, or why nothing is drawn.
    said: String,
    grids: Vec<GridBox>,
    branches: Vec<BranchBox>,
    lines: Vec<Line>,
    size: Size,
    /// `None` fits the picture's width (see [`Coverage::fit`]).
    view: Option<View>,
    selected: Option<Id>,
    /// The grid under the mouse, whose note shows.
    hovered: Option<Id>,
    drawn: Cache,
    /// The frame's size at the last draw, for the zoom buttons.
    last_size: Cell<Size>,
}

/// What the coverage graph reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// Show the graph instead of the structure, or go back.
    Toggle,
    /// A branch was clicked.
    Select(Id),
    /// A branch was dropped on a grid.
    Cover {
        /// The branch.
        branch: Id,
        /// The grid.
        grid: Id,
    },
    /// A line was dragged away from its grid.
    Uncover {
        /// The branch.
        branch: Id,
        /// The grid.
        grid: Id,
    },
    /// The view was scrolled, panned or zoomed.
    Viewed(View),
    /// The mouse came over a grid, or left it.
    Hovered(Option<Id>),
    /// Back to the fitted view.
    Fit,
    /// Zoom in (factor > 1) or out around the middle.
    Zoom(f32),
}

/// What the coverage graph asks of the editor.
#[derive(Debug, Clone)]
pub enum Event {
    /// The graph was just shown: lay it out.
    Shown,
    /// The user picked a branch.
    Selected(Id),
    /// The user asked for an edit.
    Edit(Command),
}

/// What the mouse is doing on the graph.
#[derive(Debug, Clone, Copy, Default)]
enum Interaction {
    /// Nothing.
    #[default]
    Idle,
    /// Dragging empty space.
    Panning(Pan),
    /// Pressed on a branch; a click unless the mouse moves away.
    Pressing {
        /// The branch.
        branch: Id,
        /// Where (frame point).
        from: Point,
    },
    /// Dragging a branch towards a grid.
    Dragging {
        /// The branch.
        branch: Id,
        /// Where the mouse is (frame point).
        at: Point,
    },
    /// Pressed on a line; dragging it away uncovers.
    Holding {
        /// The line's branch.
        branch: Id,
        /// The line's grid.
        grid: Id,
        /// Where (frame point).
        from: Point,
    },
    /// Dragging a line away.
    Pulling {
        /// The line's branch.
        branch: Id,
        /// The line's grid.
        grid: Id,
        /// Where the mouse is (frame point).
        at: Point,
    },
}

/// The graph's state as iced's canvas keeps it: the mouse, and the grid
/// under it (for the hover note).
#[derive(Debug, Clone, Copy, Default)]
struct Pointer {
    interaction: Interaction,
    hovered: Option<Id>,
}

impl Coverage {
    /// Whether the graph is shown instead of the structure.
    pub fn shown(&self) -> bool {
        self.shown
    }

    /// The community drawn, if the selection lies in one.
    pub fn community(&self) -> Option<Id> {
        self.community
    }

    /// What the bar says: the community's figures, or why nothing is drawn.
    pub fn said(&self) -> &str {
        &self.said
    }

    /// How a grid of the community drawn is covered (as drawn).
    pub fn shade(&self, grid: Id) -> Option<Shade> {
        self.grids.iter().find(|g| g.id == grid).map(|g| g.shade)
    }

    /// Whether a line joins `branch` to `grid`.
    pub fn joins(&self, branch: Id, grid: Id) -> bool {
        self.lines
            .iter()
            .any(|l| l.branch == branch && l.grid == grid)
    }

    /// The number of grids and branches drawn.
    pub fn counts(&self) -> (usize, usize) {
        (self.grids.len(), self.branches.len())
    }

    /// Where the middle of a grid's box shows in a frame of `size`.
    pub fn grid_center(&self, grid: Id, size: Size) -> Option<Point> {
        let g = self.grids.iter().find(|g| g.id == grid)?;
        Some(self.current(size).to_screen(g.rect.center(), size))
    }

    /// Where the middle of a branch's box shows in a frame of `size`.
    pub fn branch_center(&self, branch: Id, size: Size) -> Option<Point> {
        let b = self.branches.iter().find(|b| b.id == branch)?;
        Some(self.current(size).to_screen(b.rect.center(), size))
    }

    /// A point on the line from `branch` to `grid`, a third of the way from
    /// the grid, in a frame of `size`.
    pub fn line_point(&self, branch: Id, grid: Id, size: Size) -> Option<Point> {
        let l = self
            .lines
            .iter()
            .find(|l| l.branch == branch && l.grid == grid)?;
        let p = Point::new(
            l.to.x + (l.from.x - l.to.x) / 3.0,
            l.to.y + (l.from.y - l.to.y) / 3.0,
        );
        Some(self.current(size).to_screen(p, size))
    }

    /// The view in a frame of `size`: the one scrolled to, or the fit.
    pub fn current(&self, size: Size) -> View {
        self.view.unwrap_or_else(|| self.fit(size))
    }

    /// The whole picture fitted to the frame, but never below a readable
    /// scale: a picture too tall for that shows its top and scrolls.
    fn fit(&self, size: Size) -> View {
        let wide = (size.width - 2.0 * MARGIN) / self.size.width.max(1.0);
        let high = (size.height - 2.0 * MARGIN) / self.size.height.max(1.0);
        let scale = wide.min(high).clamp(READABLE, 1.25);
        let tall = self.size.height * scale > size.height;
        let y = if tall {
            size.height / 2.0 / scale
        } else {
            self.size.height / 2.0
        };
        View {
            center: Point::new(self.size.width / 2.0, y),
            scale,
        }
    }

    /// Lays the graph out again for the selection's community (after the
    /// graph was shown, the selection moved or the document changed);
    /// nothing while the graph is hidden.
    pub fn refresh(&mut self, document: &Document, graph: &Graph, selected: Option<Id>) {
        if !self.shown {
            return;
        }
        let community = selected.and_then(|id| geometry::community_of(document, graph.tree(), id));
        if community != self.community {
            self.view = None;
        }
        self.community = community;
        self.selected = selected;
        self.grids.clear();
        self.branches.clear();
        self.lines.clear();
        self.size = Size::ZERO;
        self.said = match (selected, community) {
            (None, _) => "未选择组织：请在左侧选择一个社区（或其下的支部、党小组、党员中心户），即显示该社区的网格覆盖图".into(),
            (Some(id), None) => format!(
                "「{}」不属于任何社区：请选择一个社区（或其下的支部、党小组、党员中心户）",
                document.units.get(&id).map_or("", |u| u.name.as_str())
            ),
            (_, Some(community)) => self.lay_out(document, graph, community),
        };
        self.drawn.clear();
    }

    /// Lays out the community's grids and branches (see
    /// [`crate::layout::coverage`]) and labels them; says what it drew.
    fn lay_out(&mut self, document: &Document, graph: &Graph, community: Id) -> String {
        let name = document
            .units
            .get(&community)
            .map_or("", |u| u.name.as_str());
        let picture = geometry::lay_out(document, graph, community);
        if picture.grids.is_empty() {
            return format!("「{name}」还没有网格：先在社区的网格列表中添加网格");
        }
        for g in &picture.grids {
            let rect = rectangle(g.rect);
            let grid = &document.grids[&g.id];
            self.grids.push(grid_box(document, grid, &g.covering, rect));
        }
        for b in &picture.branches {
            let Some(unit) = document.units.get(&b.id) else {
                continue;
            };
            let detail = if b.own {
                format!("{} · 覆盖 {} 个网格", unit.code, b.covers)
            } else {
                format!("{} · 其他社区", unit.code)
            };
            self.branches.push(BranchBox {
                id: b.id,
                rect: rectangle(b.rect),
                name: fit_text(&unit.name, BRANCH_BOX.0 - 12.0, NAME_SIZE),
                detail: fit_text(&detail, BRANCH_BOX.0 - 12.0, DETAIL_SIZE),
            });
        }
        for l in &picture.links {
            let shared = self
                .grids
                .iter()
                .find(|g| g.id == l.grid)
                .is_some_and(|g| g.shade == Shade::Shared);
            self.lines.push(Line {
                branch: l.branch,
                grid: l.grid,
                from: Point::new(l.from.0, l.from.1),
                to: Point::new(l.to.0, l.to.1),
                shared,
            });
        }
        self.size = Size::new(picture.size.0, picture.size.1);

        let uncovered = self
            .grids
            .iter()
            .filter(|g| g.shade == Shade::Uncovered)
            .count();
        let shared = self
            .grids
            .iter()
            .filter(|g| g.shade == Shade::Shared)
            .count();
        let mut said = format!(
            "「{name}」{} 个网格 · {} 个支部 · 未覆盖 {uncovered} · 多支部覆盖 {shared}",
            self.grids.len(),
            self.branches.len()
        );
        if self.branches.is_empty() {
            said.push_str("。社区下没有网格党支部：先添加支部");
        }
        said
    }

    /// Handles a message: the view changes here; picks and edits go to the
    /// editor.
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Toggle => {
                self.shown = !self.shown;
                self.view = None;
                return self.shown.then_some(Event::Shown);
            }
            Message::Select(id) => return Some(Event::Selected(id)),
            Message::Cover { branch, grid } => {
                return Some(Event::Edit(Command::Cover { branch, grid }))
            }
            Message::Uncover { branch, grid } => {
                return Some(Event::Edit(Command::Uncover { branch, grid }))
            }
            Message::Hovered(grid) => {
                self.hovered = grid;
                return None;
            }
            Message::Viewed(view) => self.view = Some(view),
            Message::Fit => self.view = None,
            Message::Zoom(factor) => {
                let size = self.last_size.get();
                let middle = Point::new(size.width / 2.0, size.height / 2.0);
                self.view = Some(self.current(size).zoomed(factor, SCALES, middle, size));
            }
        }
        self.drawn.clear();
        None
    }

    /// The bar (back, fit, zoom, what is drawn) over the graph, or over what
    /// stands in its place.
    pub fn view(&self) -> Element<'_, Message> {
        // One row: the buttons keep their words on one line (返回结构图
        // wrapped in a narrow column), the hint is cut where the row ends.
        let tool = |label, message| {
            button(text(label).size(13).wrapping(text::Wrapping::None))
                .padding([3, 8])
                .on_press(message)
        };
        let hint = text("拖支部到网格即覆盖，拖走连线即取消")
            .size(12)
            .wrapping(text::Wrapping::None);
        let bar = row![
            tool(BACK, Message::Toggle),
            tool("适应窗口", Message::Fit),
            tool("放大", Message::Zoom(1.25)),
            tool("缩小", Message::Zoom(0.8)),
            container(hint).width(Length::Fill).clip(true),
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        let said = row![
            text(self.said.as_str())
                .size(13)
                .wrapping(text::Wrapping::None),
            text("红 未覆盖")
                .size(13)
                .color(RED)
                .wrapping(text::Wrapping::None),
            text("橙 重复覆盖")
                .size(13)
                .color(ORANGE)
                .wrapping(text::Wrapping::None),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center);
        let body: Element<'_, Message> = if self.grids.is_empty() && self.branches.is_empty() {
            container(text(self.said.as_str()).size(15))
                .center(Length::Fill)
                .into()
        } else {
            let drawn = super::widget::clip::clip(
                iced::widget::canvas(Drawn { coverage: self })
                    .width(Length::Fill)
                    .height(Length::Fill),
            );
            // One shape with or without a note: the canvas keeps its state.
            let note = self
                .note()
                .unwrap_or_else(|| iced::widget::Space::new().into());
            iced::widget::stack![drawn, note].into()
        };
        column![
            container(bar).clip(true),
            container(said).clip(true),
            container(body)
                .id(COVERAGE)
                .width(Length::Fill)
                .height(Length::Fill)
                .clip(true)
                .style(container::bordered_box),
        ]
        .spacing(6)
        .into()
    }

    /// The hovered grid's note beside its box, on a layer over the graph
    /// (text drawn on the canvas would show through it).
    fn note(&self) -> Option<Element<'_, Message>> {
        let g = self.grids.iter().find(|g| Some(g.id) == self.hovered)?;
        let size = self.last_size.get();
        let rect = self.current(size).rect_to_screen(g.rect, size);
        let width = g
            .note
            .iter()
            .map(|l| text_width(l, NOTE_SIZE))
            .fold(0.0, f32::max)
            + 20.0;
        let height = g.note.len() as f32 * (NOTE_SIZE * 1.4) + 14.0;
        let mut left = rect.x + rect.width + 8.0;
        if left + width > size.width {
            left = rect.x - width - 8.0;
        }
        let top = rect.y.min(size.height - height);
        let lines = column(
            g.note
                .iter()
                .map(|l| text(l.as_str()).size(NOTE_SIZE).into()),
        );
        let note = container(lines)
            .padding(6)
            .style(|theme: &Theme| container::bordered_box(theme).background(Color::WHITE));
        Some(
            container(note)
                .padding(iced::Padding {
                    top: top.max(0.0),
                    left: left.max(0.0),
                    ..iced::Padding::ZERO
                })
                .width(Length::Fill)
                .height(Length::Fill)
                .into(),
        )
    }

    fn grid_at(&self, world: Point) -> Option<&GridBox> {
        self.grids.iter().find(|g| g.rect.contains(world))
    }

    fn branch_at(&self, world: Point) -> Option<&BranchBox> {
        self.branches.iter().find(|b| b.rect.contains(world))
    }

    /// The line nearest a canvas point, within `reach` canvas units.
    fn line_at(&self, world: Point, reach: f32) -> Option<&Line> {
        self.lines
            .iter()
            .map(|l| (l, distance_to_segment(world, l.from, l.to)))
            .filter(|(_, d)| *d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(l, _)| l)
    }

    fn draw_picture(&self, frame: &mut Frame, view: View) {
        let size = frame.size();
        let s = view.scale;
        for l in &self.lines {
            let colour = if l.shared {
                ORANGE
            } else {
                Color::from_rgb(0.45, 0.45, 0.5)
            };
            let path = Path::line(view.to_screen(l.from, size), view.to_screen(l.to, size));
            frame.stroke(&path, Stroke::default().with_width(1.5).with_color(colour));
        }
        for b in &self.branches {
            let rect = view.rect_to_screen(b.rect, size);
            frame.fill_rectangle(
                rect.position(),
                rect.size(),
                Color::from_rgb(1.0, 0.90, 0.82),
            );
            let border = if self.selected == Some(b.id) {
                Stroke::default().with_width(3.0).with_color(BLUE)
            } else {
                Stroke::default()
                    .with_width(1.0)
                    .with_color(Color::from_rgb(0.6, 0.5, 0.5))
            };
            frame.stroke_rectangle(rect.position(), rect.size(), border);
            label(
                frame,
                rect,
                s,
                [(&b.name, 6.0, INK), (&b.detail, 27.0, INK)],
            );
        }
        for g in &self.grids {
            let rect = view.rect_to_screen(g.rect, size);
            let (fill, border) = g.shade.colours();
            frame.fill_rectangle(rect.position(), rect.size(), fill);
            let width = if g.shade == Shade::Covered { 1.0 } else { 2.0 };
            frame.stroke_rectangle(
                rect.position(),
                rect.size(),
                Stroke::default().with_width(width).with_color(border),
            );
            let ink = if g.shade == Shade::Uncovered {
                Color::from_rgb(0.6, 0.05, 0.05)
            } else {
                INK
            };
            label(
                frame,
                rect,
                s,
                [(&g.name, 4.0, ink), (&g.detail, 22.0, ink)],
            );
        }
    }

    /// The drag's line and its target.
    fn draw_pointer(&self, frame: &mut Frame, view: View, pointer: &Pointer) {
        let size = frame.size();
        match pointer.interaction {
            Interaction::Dragging { branch, at } => {
                let target = self.grid_at(view.to_world(at, size));
                let colour = if target.is_some() { GREEN } else { BLUE };
                if let Some(b) = self.branches.iter().find(|b| b.id == branch) {
                    let from = view.to_screen(b.rect.center(), size);
                    frame.stroke(
                        &Path::line(from, at),
                        Stroke::default().with_width(2.5).with_color(colour),
                    );
                }
                if let Some(g) = target {
                    let rect = view.rect_to_screen(g.rect, size);
                    frame.stroke_rectangle(
                        rect.position(),
                        rect.size(),
                        Stroke::default().with_width(3.0).with_color(GREEN),
                    );
                }
            }
            Interaction::Pulling { branch, grid, at } => {
                if let Some(l) = self
                    .lines
                    .iter()
                    .find(|l| l.branch == branch && l.grid == grid)
                {
                    let from = view.to_screen(l.from, size);
                    frame.stroke(
                        &Path::line(from, at),
                        Stroke::default().with_width(2.5).with_color(RED),
                    );
                }
            }
            _ => {}
        }
    }
}

/// A grid's box: its name, code and households, and the hover note.
fn grid_box(document: &Document, grid: &Grid, covering: &[Id], rect: Rectangle) -> GridBox {
    let households = grid
        .households
        .map(|h| format!(" · {h} 户"))
        .unwrap_or_default();
    let names: Vec<&str> = covering
        .iter()
        .filter_map(|b| document.units.get(b))
        .map(|u| u.name.as_str())
        .collect();
    let figure = |n: Option<u32>| n.map_or_else(|| "未填".to_string(), |n| n.to_string());
    let mut note = vec![
        format!("{}（{}）", grid.name, grid.code),
        format!(
            "户数 {} · 人口 {}",
            figure(grid.households),
            figure(grid.population)
        ),
        format!(
            "网格员 {}",
            grid.worker
                .as_deref()
                .filter(|w| !w.trim().is_empty())
                .unwrap_or("未填")
        ),
    ];
    if !grid.compounds.is_empty() {
        note.push(format!("小区 {}", grid.compounds.join("、")));
    }
    note.push(if names.is_empty() {
        "未被任何支部覆盖".to_string()
    } else {
        format!("覆盖支部 {}", names.join("、"))
    });
    GridBox {
        id: grid.id,
        rect,
        name: fit_text(&grid.name, GRID_BOX.0 - 12.0, NAME_SIZE),
        detail: fit_text(
            &format!("{}{households}", grid.code),
            GRID_BOX.0 - 12.0,
            DETAIL_SIZE,
        ),
        shade: Shade::of(covering.len()),
        note,
    }
}

/// A box's two lines of text, each at its offset from the box's top.
fn label(frame: &mut Frame, rect: Rectangle, s: f32, lines: [(&String, f32, Color); 2]) {
    for (i, (content, top, color)) in lines.into_iter().enumerate() {
        let size = if i == 0 { NAME_SIZE } else { DETAIL_SIZE };
        frame.fill_text(Text {
            content: content.clone(),
            position: Point::new(rect.x + 6.0 * s, rect.y + top * s),
            color,
            size: Pixels(size * s),
            font: super::font::CJK,
            ..Text::default()
        });
    }
}

/// A box of the laid-out picture, as iced draws it.
fn rectangle(r: geometry::Rect) -> Rectangle {
    Rectangle::new(Point::new(r.x, r.y), Size::new(r.width, r.height))
}

fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let ab = b - a;
    let length = ab.x * ab.x + ab.y * ab.y;
    if length == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / length).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// The graph as iced's canvas widget draws it.
struct Drawn<'a> {
    coverage: &'a Coverage,
}

impl canvas::Program<Message> for Drawn<'_> {
    type State = Pointer;

    fn update(
        &self,
        pointer: &mut Pointer,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let coverage = self.coverage;
        let size = bounds.size();
        let view = coverage.current(size);
        let local = cursor
            .position()
            .map(|p| Point::new(p.x - bounds.x, p.y - bounds.y));
        let canvas::Event::Mouse(event) = event else {
            return None;
        };
        let state = &mut pointer.interaction;
        match event {
            mouse::Event::ButtonPressed(mouse::Button::Left) => {
                let at = cursor.position_in(bounds)?;
                let world = view.to_world(at, size);
                *state = if let Some(b) = coverage.branch_at(world) {
                    Interaction::Pressing {
                        branch: b.id,
                        from: at,
                    }
                } else if coverage.grid_at(world).is_some() {
                    Interaction::Idle
                } else if let Some(l) = coverage.line_at(world, NEAR_LINE / view.scale) {
                    Interaction::Holding {
                        branch: l.branch,
                        grid: l.grid,
                        from: at,
                    }
                } else {
                    Interaction::Panning(Pan { from: at, view })
                };
                // The note gives way to what the press begins.
                if pointer.hovered.take().is_some() {
                    return Some(canvas::Action::publish(Message::Hovered(None)).and_capture());
                }
                Some(canvas::Action::capture())
            }
            mouse::Event::CursorMoved { .. } => {
                let at = local?;
                match *state {
                    Interaction::Panning(pan) => {
                        Some(canvas::Action::publish(Message::Viewed(pan.to(at))))
                    }
                    Interaction::Pressing { branch, from } if at.distance(from) > DRAG_START => {
                        *state = Interaction::Dragging { branch, at };
                        Some(canvas::Action::request_redraw())
                    }
                    Interaction::Dragging { branch, .. } => {
                        *state = Interaction::Dragging { branch, at };
                        Some(canvas::Action::request_redraw())
                    }
                    Interaction::Holding { branch, grid, from }
                        if at.distance(from) > DRAG_START =>
                    {
                        *state = Interaction::Pulling { branch, grid, at };
                        Some(canvas::Action::request_redraw())
                    }
                    Interaction::Pulling { branch, grid, .. } => {
                        *state = Interaction::Pulling { branch, grid, at };
                        Some(canvas::Action::request_redraw())
                    }
                    Interaction::Idle => {
                        let hovered = cursor
                            .position_in(bounds)
                            .and_then(|at| coverage.grid_at(view.to_world(at, size)))
                            .map(|g| g.id);
                        (hovered != pointer.hovered).then(|| {
                            pointer.hovered = hovered;
                            canvas::Action::publish(Message::Hovered(hovered))
                        })
                    }
                    _ => None,
                }
            }
            mouse::Event::ButtonReleased(mouse::Button::Left) => {
                let dropped = |at: Point| view.to_world(at, size);
                match std::mem::take(state) {
                    Interaction::Pressing { branch, .. } => {
                        Some(canvas::Action::publish(Message::Select(branch)))
                    }
                    Interaction::Dragging { branch, at } => {
                        let grid = coverage.grid_at(dropped(at))?.id;
                        Some(canvas::Action::publish(Message::Cover { branch, grid }))
                    }
                    Interaction::Pulling { branch, grid, at } => {
                        let world = dropped(at);
                        let home = coverage.grid_at(world).is_some_and(|g| g.id == grid)
                            || coverage.branch_at(world).is_some_and(|b| b.id == branch);
                        if home {
                            Some(canvas::Action::request_redraw())
                        } else {
                            Some(canvas::Action::publish(Message::Uncover { branch, grid }))
                        }
                    }
                    _ => Some(canvas::Action::request_redraw()),
                }
            }
            mouse::Event::WheelScrolled { delta } => {
                cursor.position_in(bounds)?;
                let pixels = match delta {
                    mouse::ScrollDelta::Lines { y, .. } => y * WHEEL_STEP,
                    mouse::ScrollDelta::Pixels { y, .. } => *y,
                };
                let y = (view.center.y - pixels / view.scale).clamp(0.0, coverage.size.height);
                let scrolled = View {
                    center: Point::new(view.center.x, y),
                    ..view
                };
                Some(canvas::Action::publish(Message::Viewed(scrolled)).and_capture())
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        pointer: &Pointer,
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let coverage = self.coverage;
        let size = bounds.size();
        coverage.last_size.set(size);
        let view = coverage.current(size);
        // Clipped to the frame, as the structure canvas is.
        let picture = coverage.drawn.draw(renderer, size, |frame| {
            frame.with_clip(Rectangle::with_size(size), |frame| {
                coverage.draw_picture(frame, view);
            });
        });
        let mut top = Frame::new(renderer, size);
        top.with_clip(Rectangle::with_size(size), |frame| {
            coverage.draw_pointer(frame, view, pointer);
        });
        vec![picture, top.into_geometry()]
    }

    fn mouse_interaction(
        &self,
        pointer: &Pointer,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        match pointer.interaction {
            Interaction::Panning(_) => mouse::Interaction::Grabbing,
            Interaction::Dragging { .. } | Interaction::Pulling { .. } => mouse::Interaction::Move,
            _ => {
                let size = bounds.size();
                let view = self.coverage.current(size);
                let over = cursor.position_in(bounds).map(|at| view.to_world(at, size));
                match over {
                    Some(w) if self.coverage.branch_at(w).is_some() => mouse::Interaction::Grab,
                    Some(w) if self.coverage.line_at(w, NEAR_LINE / view.scale).is_some() => {
                        mouse::Interaction::Pointer
                    }
                    _ => mouse::Interaction::default(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::coverage::tests::crowded;
    use crate::model::Level;

    #[test]
    fn grids_are_shaded_by_their_covers_and_lines_to_shared_grids_marked() {
        let (document, graph, community) = crowded(30);
        let mut coverage = Coverage::default();
        coverage.update(Message::Toggle);
        coverage.refresh(&document, &graph, Some(community));
        assert_eq!(coverage.counts(), (42, 5));
        // A line to a grid more than one branch covers is drawn orange.
        for l in &coverage.lines {
            let grid = coverage.grids.iter().find(|g| g.id == l.grid).unwrap();
            assert_eq!(l.shared, grid.shade == Shade::Shared, "{l:?}");
        }
        let shaded = |shade: Shade| coverage.grids.iter().filter(|g| g.shade == shade).count();
        assert_eq!(shaded(Shade::Shared), 11, "W06 and every third added");
        assert_eq!(shaded(Shade::Uncovered), 10);
        // At the fitted scale in a frame of the window's size the text stays
        // readable: the picture scrolls rather than shrinks.
        let view = coverage.current(Size::new(560.0, 450.0));
        assert!(view.scale >= READABLE, "{}", view.scale);
    }

    #[test]
    fn a_unit_outside_any_community_is_said_so_and_nothing_is_drawn() {
        let (document, graph, _) = crowded(0);
        let street = document
            .units
            .values()
            .find(|u| u.level == Level::Street)
            .unwrap()
            .id;
        let mut coverage = Coverage::default();
        coverage.update(Message::Toggle);
        coverage.refresh(&document, &graph, Some(street));
        assert_eq!(coverage.community(), None);
        assert_eq!(coverage.counts(), (0, 0));
        assert!(
            coverage.said().contains("不属于任何社区"),
            "{}",
            coverage.said()
        );
    }

    #[test]
    fn a_press_near_a_line_finds_it() {
        let (document, graph, community) = crowded(0);
        let mut coverage = Coverage::default();
        coverage.update(Message::Toggle);
        coverage.refresh(&document, &graph, Some(community));
        let l = coverage.lines[3];
        let mid = Point::new((l.from.x + l.to.x) / 2.0, (l.from.y + l.to.y) / 2.0 + 2.0);
        let found = coverage.line_at(mid, NEAR_LINE).unwrap();
        assert_eq!((found.branch, found.grid), (l.branch, l.grid));
        assert!(coverage
            .line_at(Point::new(-50.0, -50.0), NEAR_LINE)
            .is_none());
    }
}
