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

use super::canvas::View;
use crate::edit::Command;
use crate::graph::Tree;
use crate::model::{Document, Grid, Id, Level};
use crate::order;
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

/// A grid's box, in canvas units.
const GRID_BOX: (f32, f32) = (136.0, 40.0);
/// A branch's box.
const BRANCH_BOX: (f32, f32) = (164.0, 46.0);
/// The space between boxes of a column.
const ROW_GAP: f32 = 8.0;
/// The space between the branches and a column of grids, where lines run.
const LANE: f32 = 84.0;
/// The space around the picture.
const MARGIN: f32 = 12.0;
/// Up to this many grids stand in one column; more flank the branches.
const ONE_COLUMN: usize = 10;
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
/// How far the mouse moves before a press becomes a drag, in pixels.
const DRAG_START: f32 = 6.0;
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
    /// Dragging empty space from `from`, starting at `view`.
    Panning {
        /// Where the drag began (frame point).
        from: Point,
        /// The view then.
        view: View,
    },
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
    pub fn refresh(&mut self, document: &Document, tree: &Tree, selected: Option<Id>) {
        if !self.shown {
            return;
        }
        let community = selected.and_then(|id| community_of(document, tree, id));
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
            (_, Some(community)) => self.lay_out(document, tree, community),
        };
        self.drawn.clear();
    }

    /// Lays out the community's grids and branches; says what it drew.
    fn lay_out(&mut self, document: &Document, tree: &Tree, community: Id) -> String {
        let name = document
            .units
            .get(&community)
            .map_or("", |u| u.name.as_str());
        let mut grids: Vec<&Grid> = document
            .grids
            .values()
            .filter(|g| g.community == community)
            .collect();
        grids.sort_by(|a, b| order::by_code_then_name((&a.code, &a.name), (&b.code, &b.name)));
        if grids.is_empty() {
            return format!("「{name}」还没有网格：先在社区的网格列表中添加网格");
        }
        let covering: Vec<Vec<Id>> = grids
            .iter()
            .map(|g| {
                let mut seen = Vec::new();
                for b in &g.covered_by {
                    if !seen.contains(b) && document.units.contains_key(b) {
                        seen.push(*b);
                    }
                }
                seen
            })
            .collect();
        let branches = branches_of(document, tree, community, &covering);

        // Grids: one column right of the branches, or two flanking them.
        let two = grids.len() > ONE_COLUMN;
        let left = if two { grids.len().div_ceil(2) } else { 0 };
        let branch_x = if two {
            MARGIN + GRID_BOX.0 + LANE
        } else {
            MARGIN
        };
        let right_x = branch_x + BRANCH_BOX.0 + LANE;
        let mut bottom: f32 = MARGIN;
        for (i, (g, covering)) in grids.iter().zip(&covering).enumerate() {
            let (x, row) = if i < left {
                (MARGIN, i)
            } else {
                (right_x, i - left)
            };
            let rect = Rectangle::new(
                Point::new(x, MARGIN + row as f32 * (GRID_BOX.1 + ROW_GAP)),
                Size::new(GRID_BOX.0, GRID_BOX.1),
            );
            bottom = bottom.max(rect.y + rect.height);
            self.grids.push(grid_box(document, g, covering, rect));
        }

        let grid_bottom = bottom;
        // Branches: each near the middle of its grids, none overlapping.
        let wanted: Vec<Option<f32>> = branches
            .iter()
            .map(|b| {
                let ys: Vec<f32> = self
                    .grids
                    .iter()
                    .zip(&covering)
                    .filter(|(_, c)| c.contains(b))
                    .map(|(g, _)| g.rect.center_y())
                    .collect();
                (!ys.is_empty()).then(|| ys.iter().sum::<f32>() / ys.len() as f32)
            })
            .collect();
        let mut placing: Vec<usize> = (0..branches.len()).collect();
        placing.sort_by(|&a, &b| {
            let key = |i: usize| wanted[i].unwrap_or(f32::MAX);
            key(a).total_cmp(&key(b)).then(a.cmp(&b))
        });
        let mut next = MARGIN;
        let mut placed = vec![Rectangle::default(); branches.len()];
        for i in placing {
            let y = wanted[i].map_or(next, |c| (c - BRANCH_BOX.1 / 2.0).max(next));
            placed[i] = Rectangle::new(
                Point::new(branch_x, y),
                Size::new(BRANCH_BOX.0, BRANCH_BOX.1),
            );
            next = y + BRANCH_BOX.1 + ROW_GAP;
            bottom = bottom.max(y + BRANCH_BOX.1);
        }
        // More branches than rows of grids: the grids spread out to stand
        // level with their branches, in their order, none overlapping.
        if next - ROW_GAP > grid_bottom {
            let mut next = [MARGIN, MARGIN];
            for (g, covering) in self.grids.iter_mut().zip(&covering) {
                let side = usize::from(g.rect.x > branch_x);
                let ys: Vec<f32> = branches
                    .iter()
                    .zip(&placed)
                    .filter(|(b, _)| covering.contains(b))
                    .map(|(_, r)| r.center_y())
                    .collect();
                let wanted = (!ys.is_empty())
                    .then(|| ys.iter().sum::<f32>() / ys.len() as f32 - GRID_BOX.1 / 2.0);
                g.rect.y = wanted.map_or(next[side], |y| y.max(next[side]));
                next[side] = g.rect.y + GRID_BOX.1 + ROW_GAP;
                bottom = bottom.max(g.rect.y + GRID_BOX.1);
            }
        }
        for (&id, rect) in branches.iter().zip(placed) {
            let Some(unit) = document.units.get(&id) else {
                continue;
            };
            let count = covering.iter().filter(|c| c.contains(&id)).count();
            let own = id == community || unit.parent == Some(community);
            let detail = if own {
                format!("{} · 覆盖 {count} 个网格", unit.code)
            } else {
                format!("{} · 其他社区", unit.code)
            };
            self.branches.push(BranchBox {
                id,
                rect,
                name: fit_text(&unit.name, BRANCH_BOX.0 - 12.0, NAME_SIZE),
                detail: fit_text(&detail, BRANCH_BOX.0 - 12.0, DETAIL_SIZE),
            });
        }

        for (g, covering) in self.grids.iter().zip(&covering) {
            for b in covering {
                let Some(branch) = self.branches.iter().find(|x| x.id == *b) else {
                    continue;
                };
                let (from, to) = if g.rect.x > branch.rect.x {
                    (
                        Point::new(branch.rect.x + branch.rect.width, branch.rect.center_y()),
                        Point::new(g.rect.x, g.rect.center_y()),
                    )
                } else {
                    (
                        Point::new(branch.rect.x, branch.rect.center_y()),
                        Point::new(g.rect.x + g.rect.width, g.rect.center_y()),
                    )
                };
                self.lines.push(Line {
                    branch: *b,
                    grid: g.id,
                    from,
                    to,
                    shared: g.shade == Shade::Shared,
                });
            }
        }
        self.size = Size::new(right_x + GRID_BOX.0 + MARGIN, bottom + MARGIN);

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
                let view = self.current(self.last_size.get());
                self.view = Some(View {
                    scale: (view.scale * factor).clamp(SCALES.0, SCALES.1),
                    ..view
                });
            }
        }
        self.drawn.clear();
        None
    }

    /// The bar (back, fit, zoom, what is drawn) over the graph, or over what
    /// stands in its place.
    pub fn view(&self) -> Element<'_, Message> {
        let bar = row![
            button(text(BACK).size(13)).on_press(Message::Toggle),
            button(text("适应窗口").size(13)).on_press(Message::Fit),
            button(text("放大").size(13)).on_press(Message::Zoom(1.25)),
            button(text("缩小").size(13)).on_press(Message::Zoom(0.8)),
            text("拖支部到网格即覆盖，拖走连线即取消")
                .size(12)
                .wrapping(text::Wrapping::None),
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
            let drawn = super::clip::clip(
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
        let rect = on_screen(self.current(size), g.rect, size);
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
            let rect = on_screen(view, b.rect, size);
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
            let rect = on_screen(view, g.rect, size);
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
                    let rect = on_screen(view, g.rect, size);
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

/// The community a unit lies in: itself, or the nearest community above it.
fn community_of(document: &Document, tree: &Tree, id: Id) -> Option<Id> {
    std::iter::once(id).chain(tree.ancestors(id)).find(|u| {
        document
            .units
            .get(u)
            .is_some_and(|u| u.level == Level::Community)
    })
}

/// The units that may cover the community's grids — the community itself if
/// organized as one 党支部, then its branches in natural order — and any
/// other unit its grids name as covering them.
fn branches_of(document: &Document, tree: &Tree, community: Id, covering: &[Vec<Id>]) -> Vec<Id> {
    let mut branches: Vec<Id> = std::iter::once(community)
        .chain(tree.children(Some(community)).iter().copied())
        .filter(|id| document.units.get(id).is_some_and(|u| u.is_branch_like()))
        .collect();
    for b in covering.iter().flatten() {
        if !branches.contains(b) {
            branches.push(*b);
        }
    }
    branches
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
            font: super::CJK,
            ..Text::default()
        });
    }
}

fn on_screen(view: View, rect: Rectangle, size: Size) -> Rectangle {
    Rectangle::new(
        view.to_screen(rect.position(), size),
        rect.size() * view.scale,
    )
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

/// About how wide `text` is at `size` (CJK characters one em, others half).
fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// `text` cut to about `width` canvas units at `size`, with … where cut.
fn fit_text(text: &str, width: f32, size: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, size) + text_width(&c.to_string(), size) + size > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
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
                    Interaction::Panning { from: at, view }
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
                    Interaction::Panning { from, view } => {
                        let center = view.center - (at - from) * (1.0 / view.scale);
                        Some(canvas::Action::publish(Message::Viewed(View {
                            center,
                            ..view
                        })))
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
            Interaction::Panning { .. } => mouse::Interaction::Grabbing,
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

    /// The sample with `extra` more grids in 白塔 (XY04), every third of
    /// them covered by two of its branches.
    fn crowded(extra: usize) -> (Document, crate::graph::Graph, Id) {
        let mut document = crate::document::from_str(crate::SAMPLE, "xiyuan.ron").unwrap();
        let community = document.unit_by_code("XY04").unwrap().id;
        let branches: Vec<Id> = document
            .units
            .values()
            .filter(|u| u.parent == Some(community))
            .map(|u| u.id)
            .collect();
        for i in 0..extra {
            let id = document.allocate_id();
            let covered_by = match i % 3 {
                0 => vec![
                    branches[i % branches.len()],
                    branches[(i + 1) % branches.len()],
                ],
                1 => vec![branches[i % branches.len()]],
                _ => Vec::new(),
            };
            document.grids.insert(
                id,
                Grid {
                    id,
                    code: format!("XY04-W{}", 20 + i),
                    name: format!("白塔社区加密第{i}网格"),
                    community,
                    households: Some(300),
                    population: None,
                    compounds: Vec::new(),
                    worker: None,
                    worker_phone: None,
                    covered_by,
                },
            );
        }
        let tree = crate::graph::Graph::build(&document);
        (document, tree, community)
    }

    #[test]
    fn many_grids_lay_out_without_overlapping_and_every_cover_has_its_line() {
        let (document, tree, community) = crowded(30);
        let mut coverage = Coverage::default();
        coverage.update(Message::Toggle);
        coverage.refresh(&document, tree.tree(), Some(community));
        assert_eq!(coverage.counts(), (42, 5));
        let boxes: Vec<Rectangle> = coverage
            .grids
            .iter()
            .map(|g| g.rect)
            .chain(coverage.branches.iter().map(|b| b.rect))
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(a.intersection(b).is_none(), "{a:?} overlaps {b:?}");
            }
        }
        let covers: usize = document
            .grids
            .values()
            .filter(|g| g.community == community)
            .map(|g| g.covered_by.len())
            .sum();
        assert_eq!(coverage.lines.len(), covers);
        for l in &coverage.lines {
            let (b, g) = (
                coverage.branches.iter().find(|b| b.id == l.branch).unwrap(),
                coverage.grids.iter().find(|g| g.id == l.grid).unwrap(),
            );
            // A line runs between its two boxes and through no other.
            for other in coverage.grids.iter().filter(|o| o.id != g.id) {
                let mid = Point::new((l.from.x + l.to.x) / 2.0, (l.from.y + l.to.y) / 2.0);
                assert!(!other.rect.contains(mid));
            }
            assert!(l.from.x == b.rect.x || l.from.x == b.rect.x + b.rect.width);
            assert!(l.to.x == g.rect.x || l.to.x == g.rect.x + g.rect.width);
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
    fn with_more_branches_than_rows_each_grid_stands_level_with_its_branch() {
        let (mut document, _, community) = crowded(0);
        let model = document.unit_by_code("XY04-B1").unwrap().clone();
        let grids: Vec<Id> = document
            .grids
            .values()
            .filter(|g| g.community == community)
            .map(|g| g.id)
            .collect();
        // One branch more for each grid, covering it alone.
        for (i, grid) in grids.iter().enumerate() {
            let id = document.allocate_id();
            let mut unit = model.clone();
            (unit.id, unit.code) = (id, format!("XY04-B{}", 10 + i));
            document.units.insert(id, unit);
            document.grids.get_mut(grid).unwrap().covered_by = vec![id];
        }
        let tree = crate::graph::Graph::build(&document);
        let mut coverage = Coverage::default();
        coverage.update(Message::Toggle);
        coverage.refresh(&document, tree.tree(), Some(community));
        assert_eq!(coverage.counts(), (12, 17));
        let boxes: Vec<Rectangle> = coverage
            .grids
            .iter()
            .map(|g| g.rect)
            .chain(coverage.branches.iter().map(|b| b.rect))
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(a.intersection(b).is_none(), "{a:?} overlaps {b:?}");
            }
        }
        assert_eq!(coverage.lines.len(), 12);
        for l in &coverage.lines {
            assert!((l.from.y - l.to.y).abs() < 1.0, "{l:?} runs level");
        }
    }

    #[test]
    fn a_unit_outside_any_community_is_said_so_and_nothing_is_drawn() {
        let (document, tree, _) = crowded(0);
        let street = document
            .units
            .values()
            .find(|u| u.level == Level::Street)
            .unwrap()
            .id;
        let mut coverage = Coverage::default();
        coverage.update(Message::Toggle);
        coverage.refresh(&document, tree.tree(), Some(street));
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
        let (document, tree, community) = crowded(0);
        let mut coverage = Coverage::default();
        coverage.update(Message::Toggle);
        coverage.refresh(&document, tree.tree(), Some(community));
        let l = coverage.lines[3];
        let mid = Point::new((l.from.x + l.to.x) / 2.0, (l.from.y + l.to.y) / 2.0 + 2.0);
        let found = coverage.line_at(mid, NEAR_LINE).unwrap();
        assert_eq!((found.branch, found.grid), (l.branch, l.grid));
        assert!(coverage
            .line_at(Point::new(-50.0, -50.0), NEAR_LINE)
            .is_none());
    }
}
