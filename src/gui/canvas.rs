//! The structure drawn as a graph: the layout engine's boxes and connectors on
//! a canvas that pans (drag empty space), zooms (wheel, around the cursor) and
//! fits the window. Boxes show the gap marks of the checks; the square in a
//! box's corner folds or unfolds its subtree; dragging a box onto another asks
//! to move it there. While the document is compared with another version
//! (与…比较), added boxes are green, removed ones ghosts (faded, dashed), moved
//! and changed ones outlined and badged in their colours.
//!
//! The layout is worked out when the document or the folding changes, never
//! while drawing. Two caches hold what was drawn: the boxes and lines until
//! the layout or the view changes, the selection and the gap marks until they
//! or the view change. Only the boxes inside the window are drawn, and the box
//! under the mouse is found through a grid of buckets, not by a scan.

use super::focus::Focus;
use super::holds::{holds, link_counts};
use super::viewport::{fit_text, text_width, Pan, View, DRAG_START};
use crate::check::{Report, Severity};
use crate::graph::Tree;
use crate::layout::{self, LayoutTree};
use crate::model::{Document, Id, Level, OrgType};
use crate::versions::compare::{Comparison, Mark as Change};
use iced::mouse;
use iced::widget::canvas::{self, Cache, Frame, Geometry, LineDash, Path, Stroke, Text};
use iced::{alignment, Color, Pixels, Point, Rectangle, Renderer, Size, Theme, Vector};
use rustc_hash::FxHashMap;
use std::cell::Cell;
use std::sync::Arc;

/// A box's size on the canvas, in canvas units (1 unit = 1 pixel at 100%).
const BOX: (f32, f32) = (156.0, 46.0);
/// The fold square in a box's bottom-right corner.
const TOGGLE: f32 = 14.0;
/// The zoom range.
const SCALES: (f32, f32) = (0.02, 4.0);
/// Below this scale boxes are drawn without their text.
const TEXT_SCALE: f32 = 0.35;
/// Name and detail font sizes, in canvas units.
const NAME_SIZE: f32 = 13.0;
const DETAIL_SIZE: f32 = 11.0;

/// A unit's findings, for its gap mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    /// Errors about the unit itself (or its members and places).
    pub errors: usize,
    /// Warnings about it.
    pub warnings: usize,
    /// Errors and warnings about units below it.
    pub below: usize,
}

/// Whether a box's subtree is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    Leaf,
    Open,
    Closed,
}

/// A box as drawn: where, and the text it carries.
#[derive(Debug, Clone)]
struct Placed {
    id: Id,
    rect: Rectangle,
    level: Level,
    org_type: OrgType,
    name: String,
    detail: String,
    vacant: bool,
    fold: Fold,
}

impl Placed {
    fn toggle(&self) -> Rectangle {
        Rectangle::new(
            Point::new(
                self.rect.x + self.rect.width - TOGGLE - 3.0,
                self.rect.y + self.rect.height - TOGGLE - 3.0,
            ),
            Size::new(TOGGLE, TOGGLE),
        )
    }
}

/// The side of a hit-test bucket, in canvas units.
const BUCKET: f32 = 256.0;

/// The canvas' state, kept by the editor. The fold state and the selection
/// are the editor's ([`Focus`]), passed in.
pub struct Canvas {
    boxes: Vec<Placed>,
    index: FxHashMap<Id, usize>,
    /// The boxes touching each bucket of the canvas, for hit tests.
    buckets: FxHashMap<(i32, i32), Vec<u32>>,
    lines: Vec<(Rectangle, Vec<Point>)>,
    size: Size,
    /// `None` fits the whole structure in the window.
    view: Option<View>,
    marks: FxHashMap<Id, Mark>,
    /// The comparison whose changes are marked, while comparing.
    compared: Option<Arc<Comparison>>,
    /// Boxes, lines and their text.
    structure: Cache,
    /// The selection's border and the gap marks.
    overlay: Cache,
    /// The selection the overlay was drawn for.
    drawn_selection: Cell<Option<Id>>,
    /// The window size at the last draw, for the zoom buttons.
    last_size: Cell<Size>,
}

/// What the canvas reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A box was clicked.
    Select(Id),
    /// A fold square was clicked.
    Toggle(Id),
    /// The view was panned or zoomed.
    Viewed(View),
    /// Fit everything in the window.
    Fit,
    /// Zoom in (factor > 1) or out around the middle.
    Zoom(f32),
    /// A box was dropped on another.
    Dropped {
        /// The box dragged.
        unit: Id,
        /// The box it was dropped on.
        onto: Id,
    },
}

/// What the canvas asks of the window.
#[derive(Debug, Clone)]
pub enum Event {
    /// The user picked a unit.
    Selected(Id),
    /// The user folded or unfolded a box.
    Toggled(Id),
    /// The user asked to move `unit` under `onto`.
    Move {
        /// The unit.
        unit: Id,
        /// Its new parent.
        onto: Id,
    },
}

/// What the mouse is doing on the canvas.
#[derive(Debug, Clone, Copy, Default)]
pub enum Interaction {
    /// Nothing.
    #[default]
    Idle,
    /// Dragging empty space.
    Panning(Pan),
    /// Pressed on a box; a click unless the mouse moves away.
    Pressing {
        /// The box.
        unit: Id,
        /// Where (window point).
        from: Point,
    },
    /// Dragging a box.
    Dragging {
        /// The box.
        unit: Id,
        /// Where the mouse is (window point).
        at: Point,
    },
}

impl Canvas {
    /// The structure of `document` as `focus` unfolds it.
    pub fn new(
        document: &Document,
        tree: &Tree,
        focus: &Focus,
        members: &FxHashMap<Id, (u32, u32)>,
    ) -> Canvas {
        let mut canvas = Canvas {
            boxes: Vec::new(),
            index: FxHashMap::default(),
            buckets: FxHashMap::default(),
            lines: Vec::new(),
            size: Size::ZERO,
            view: None,
            marks: FxHashMap::default(),
            compared: None,
            structure: Cache::new(),
            overlay: Cache::new(),
            drawn_selection: Cell::new(None),
            last_size: Cell::new(Size::new(800.0, 600.0)),
        };
        canvas.rebuild(document, tree, focus, members);
        canvas
    }

    /// Lays the shown units out again, after an edit or a fold. While
    /// comparing, `tree` also holds the comparison's ghosts.
    pub fn rebuild(
        &mut self,
        document: &Document,
        tree: &Tree,
        focus: &Focus,
        members: &FxHashMap<Id, (u32, u32)>,
    ) {
        let compared = self.compared.as_deref();
        let unit = |id: Id| match compared {
            Some(c) => c.unit(document, id),
            None => document.units.get(&id),
        };
        let laid = LayoutTree::from_units(
            unit,
            tree.tops(),
            None,
            |id| focus.shown_children(tree, id).to_vec(),
            |_| BOX,
        );
        let options = layout::Options {
            sibling_gap: 16.0,
            level_gap: 40.0,
            stack_gap: 8.0,
            indent: 20.0,
            aspect: 1.6,
        };
        let placed = match laid {
            Ok(laid) => layout::layout(&laid, &options),
            Err(_) => layout::layout(&LayoutTree::default(), &options),
        };
        let links = link_counts(document, placed.boxes.iter().map(|b| b.id));
        self.boxes = placed
            .boxes
            .iter()
            .filter_map(|b| {
                let unit = unit(b.id)?;
                let fold = match (tree.has_children(b.id), focus.is_expanded(b.id)) {
                    (false, _) => Fold::Leaf,
                    (true, true) => Fold::Open,
                    (true, false) => Fold::Closed,
                };
                let (detail, vacant) = match self.change_of(b.id) {
                    Some(Change::Removed) => (GHOST.to_string(), false),
                    _ => detail(unit, members, &links),
                };
                Some(Placed {
                    id: b.id,
                    rect: Rectangle::new(Point::new(b.x, b.y), Size::new(b.w, b.h)),
                    level: unit.level,
                    org_type: unit.org_type,
                    name: fit_text(&unit.name, BOX.0 - 12.0 - TOGGLE, NAME_SIZE),
                    detail,
                    vacant,
                    fold,
                })
            })
            .collect();
        self.index = self
            .boxes
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id, i))
            .collect();
        self.buckets = buckets(&self.boxes);
        self.lines = placed
            .connectors
            .iter()
            .map(|c| {
                let points: Vec<Point> = c.points.iter().map(|&(x, y)| Point::new(x, y)).collect();
                (bounding(&points), points)
            })
            .collect();
        self.size = Size::new(placed.width, placed.height);
        self.redraw();
    }

    /// Rewrites the boxes' leader and member lines (after the members were
    /// counted again), without laying anything out.
    pub fn recount(&mut self, document: &Document, members: &FxHashMap<Id, (u32, u32)>) {
        let links = link_counts(document, self.boxes.iter().map(|b| b.id));
        for b in &mut self.boxes {
            // A ghost is in no document: its line stays.
            if let Some(unit) = document.units.get(&b.id) {
                (b.detail, b.vacant) = detail(unit, members, &links);
            }
        }
        self.structure.clear();
    }

    /// Counts each unit's findings for its gap mark: its own, and those below
    /// it for the units above.
    pub fn mark(&mut self, document: &Document, tree: &Tree, report: &Report) {
        let mut marks: FxHashMap<Id, Mark> = FxHashMap::default();
        for f in report.findings.iter().filter(|f| !f.acknowledged) {
            let serious = matches!(f.severity, Severity::Error | Severity::Warning);
            let Some(unit) = serious
                .then(|| crate::check::unit_of(document, f.subject))
                .flatten()
            else {
                continue;
            };
            let mark = marks.entry(unit).or_default();
            if f.severity == Severity::Error {
                mark.errors += 1;
            } else {
                mark.warnings += 1;
            }
            for above in tree.ancestors(unit) {
                marks.entry(above).or_default().below += 1;
            }
        }
        self.marks = marks;
        self.overlay.clear();
    }

    /// A unit's gap mark.
    pub fn mark_of(&self, id: Id) -> Mark {
        self.marks.get(&id).copied().unwrap_or_default()
    }

    /// Marks the changes of a comparison (None: no longer comparing). The
    /// editor lays the canvas out again after, with the ghosts or without.
    pub fn compare(&mut self, comparison: Option<Arc<Comparison>>) {
        self.compared = comparison;
        self.redraw();
    }

    /// How a unit's box is marked by the comparison, if it is.
    pub fn change_of(&self, id: Id) -> Option<Change> {
        self.compared.as_ref()?.mark_of(id)
    }

    /// Brings `id`'s box to the middle (the editor unfolded the units above
    /// it and laid the canvas out again first).
    pub fn center_on(&mut self, id: Id) {
        if let Some(b) = self.index.get(&id).map(|&i| &self.boxes[i]) {
            let scale = self.current(self.last_size.get()).scale.max(0.8);
            self.view = Some(View {
                center: b.rect.center(),
                scale,
            });
            self.redraw();
        }
    }

    /// The canvas with the selection to draw, as iced's canvas widget takes it.
    pub fn program(&self, selected: Option<Id>) -> Shown<'_> {
        Shown {
            canvas: self,
            selected,
        }
    }

    /// Both caches: after a new layout or view.
    fn redraw(&self) {
        self.structure.clear();
        self.overlay.clear();
    }

    /// Whether `id`'s box is drawn (its ancestors unfolded).
    pub fn shows(&self, id: Id) -> bool {
        self.index.contains_key(&id)
    }

    /// What `id`'s box says, its two lines as drawn (name; leader and what
    /// it holds), if it is drawn.
    pub fn says(&self, id: Id) -> Option<(&str, &str)> {
        let b = &self.boxes[*self.index.get(&id)?];
        Some((b.name.as_str(), b.detail.as_str()))
    }

    /// The number of boxes drawn when unobstructed.
    pub fn len(&self) -> usize {
        self.boxes.len()
    }

    /// Whether nothing is drawn.
    pub fn is_empty(&self) -> bool {
        self.boxes.is_empty()
    }

    /// The view in a window of `size`: the one panned to, or the fit.
    pub fn current(&self, size: Size) -> View {
        self.view.unwrap_or_else(|| self.fit(size))
    }

    /// Where the middle of `id`'s box shows in a canvas of `size`.
    pub fn box_center(&self, id: Id, size: Size) -> Option<Point> {
        let b = &self.boxes[*self.index.get(&id)?];
        Some(self.current(size).to_screen(b.rect.center(), size))
    }

    /// Where the middle of `id`'s fold square shows in a canvas of `size`.
    pub fn toggle_center(&self, id: Id, size: Size) -> Option<Point> {
        let b = &self.boxes[*self.index.get(&id)?];
        Some(self.current(size).to_screen(b.toggle().center(), size))
    }

    fn fit(&self, size: Size) -> View {
        let margin = 24.0;
        let scale = ((size.width - 2.0 * margin) / self.size.width.max(1.0))
            .min((size.height - 2.0 * margin) / self.size.height.max(1.0))
            .clamp(SCALES.0, 1.2);
        View {
            center: Point::new(self.size.width / 2.0, self.size.height / 2.0),
            scale,
        }
    }

    /// Handles a message: the view changes here; picks, folds and drops go
    /// to the editor.
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Select(id) => return Some(Event::Selected(id)),
            Message::Toggle(id) => return Some(Event::Toggled(id)),
            Message::Viewed(view) => self.view = Some(view),
            Message::Fit => self.view = None,
            Message::Zoom(factor) => {
                let size = self.last_size.get();
                let middle = Point::new(size.width / 2.0, size.height / 2.0);
                self.view = Some(self.current(size).zoomed(factor, SCALES, middle, size));
            }
            Message::Dropped { unit, onto } => return Some(Event::Move { unit, onto }),
        }
        self.redraw();
        None
    }

    /// The box under a canvas point, found in its bucket.
    fn box_at(&self, world: Point) -> Option<&Placed> {
        self.buckets
            .get(&bucket_of(world))?
            .iter()
            .map(|&i| &self.boxes[i as usize])
            .find(|b| b.rect.contains(world))
    }

    fn draw_structure(&self, frame: &mut Frame, view: View) {
        let size = frame.size();
        let seen = view.seen(size);
        let lines = Path::new(|path| {
            for (_, points) in self.lines.iter().filter(|(b, _)| b.intersects(&seen)) {
                let mut points = points.iter().map(|&p| view.to_screen(p, size));
                if let Some(first) = points.next() {
                    path.move_to(first);
                    points.for_each(|p| path.line_to(p));
                }
            }
        });
        frame.stroke(
            &lines,
            Stroke::default()
                .with_width(1.0)
                .with_color(Color::from_rgb(0.55, 0.55, 0.6)),
        );
        let text = view.scale >= TEXT_SCALE;
        for b in self.boxes.iter().filter(|b| b.rect.intersects(&seen)) {
            self.draw_box(frame, view, b, text);
        }
    }

    fn draw_box(&self, frame: &mut Frame, view: View, b: &Placed, with_text: bool) {
        let size = frame.size();
        let top_left = view.to_screen(b.rect.position(), size);
        let rect = Rectangle::new(top_left, b.rect.size() * view.scale);
        let (fill, ink) = colours(b.level);
        let change = self.change_of(b.id);
        let (fill, ink, border) = match change {
            Some(Change::Added) => (ADDED_FILL, DARK, Stroke::default().with_width(2.0)),
            Some(Change::Removed) => (
                Color { a: 0.3, ..fill },
                Color { a: 0.55, ..ink },
                Stroke {
                    line_dash: LineDash {
                        segments: &[6.0, 4.0],
                        offset: 0,
                    },
                    ..Stroke::default().with_width(1.5)
                },
            ),
            _ => (fill, ink, Stroke::default().with_width(1.0)),
        };
        let border_colour = change
            .filter(|c| matches!(c, Change::Added | Change::Removed))
            .map_or(Color::from_rgb(0.6, 0.5, 0.5), super::compare::colour);
        frame.fill_rectangle(rect.position(), rect.size(), fill);
        frame.stroke_rectangle(
            rect.position(),
            rect.size(),
            border.with_color(border_colour),
        );
        let s = view.scale;
        if with_text {
            let detail_ink = if b.vacant {
                Color::from_rgb(0.85, 0.1, 0.1)
            } else {
                ink
            };
            let lines = [
                (&b.name, 5.0, ink, NAME_SIZE),
                (&b.detail, 26.0, detail_ink, DETAIL_SIZE),
            ];
            for (content, top, color, size) in lines {
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
        if b.fold != Fold::Leaf {
            let toggle = b.toggle();
            let at = view.to_screen(toggle.position(), size);
            frame.fill_rectangle(at, toggle.size() * s, Color::WHITE);
            frame.stroke_rectangle(
                at,
                toggle.size() * s,
                Stroke::default()
                    .with_width(1.0)
                    .with_color(Color::from_rgb(0.4, 0.4, 0.4)),
            );
            if with_text {
                frame.fill_text(Text {
                    content: if b.fold == Fold::Closed { "+" } else { "−" }.into(),
                    position: view.to_screen(toggle.center(), size),
                    color: Color::BLACK,
                    size: Pixels(12.0 * s),
                    align_x: alignment::Horizontal::Center.into(),
                    align_y: alignment::Vertical::Center,
                    ..Text::default()
                });
            }
        }
    }

    /// The selection's border and every shown box's gap mark.
    fn draw_overlay(&self, frame: &mut Frame, view: View, selected: Option<Id>) {
        let size = frame.size();
        let seen = view.seen(size);
        let text = view.scale >= TEXT_SCALE;
        for b in self.boxes.iter().filter(|b| b.rect.intersects(&seen)) {
            self.draw_mark(frame, view, b, text);
            if let Some(change) = self.change_of(b.id) {
                draw_change(frame, view, b.rect, change, text);
            }
        }
        if let Some(b) = selected
            .and_then(|id| self.index.get(&id))
            .map(|&i| &self.boxes[i])
        {
            frame_outline(frame, view, b.rect, Color::from_rgb(0.1, 0.4, 0.9));
        }
    }

    /// A red (errors) or orange (warnings) badge with the count at the top
    /// right; a folded box with findings below it gets a small dot.
    fn draw_mark(&self, frame: &mut Frame, view: View, b: &Placed, with_text: bool) {
        let mark = self.mark_of(b.id);
        let size = frame.size();
        let s = view.scale;
        let corner = Point::new(b.rect.x + b.rect.width, b.rect.y);
        let count = mark.errors + mark.warnings;
        if count > 0 {
            let colour = if mark.errors > 0 {
                Color::from_rgb(0.85, 0.1, 0.1)
            } else {
                Color::from_rgb(0.95, 0.55, 0.05)
            };
            let at = view.to_screen(Point::new(corner.x - 4.0, corner.y + 4.0), size);
            frame.fill(&Path::circle(at, 9.0 * s), colour);
            if with_text {
                frame.fill_text(Text {
                    content: count.to_string(),
                    position: at,
                    color: Color::WHITE,
                    size: Pixels(10.0 * s),
                    align_x: alignment::Horizontal::Center.into(),
                    align_y: alignment::Vertical::Center,
                    ..Text::default()
                });
            }
        }
        if mark.below > 0 && b.fold == Fold::Closed {
            let at = view.to_screen(
                Point::new(corner.x - TOGGLE - 12.0, b.rect.y + b.rect.height - 10.0),
                size,
            );
            frame.fill(
                &Path::circle(at, 4.0 * s),
                Color::from_rgb(0.95, 0.55, 0.05),
            );
        }
    }
}

/// The canvas and the selection it marks: what iced's canvas widget draws.
pub struct Shown<'a> {
    canvas: &'a Canvas,
    selected: Option<Id>,
}

impl canvas::Program<Message> for Shown<'_> {
    type State = Interaction;

    fn update(
        &self,
        state: &mut Interaction,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let size = bounds.size();
        let view = self.canvas.current(size);
        let local = cursor
            .position()
            .map(|p| Point::new(p.x - bounds.x, p.y - bounds.y));
        let canvas::Event::Mouse(event) = event else {
            return None;
        };
        match event {
            mouse::Event::ButtonPressed(mouse::Button::Left) => {
                let at = cursor.position_in(bounds)?;
                let world = view.to_world(at, size);
                let pressed = self.canvas.box_at(world);
                if let Some(b) = pressed.filter(|b| b.fold != Fold::Leaf) {
                    if b.toggle().contains(world) {
                        return Some(canvas::Action::publish(Message::Toggle(b.id)).and_capture());
                    }
                }
                *state = match pressed {
                    Some(b) => Interaction::Pressing {
                        unit: b.id,
                        from: at,
                    },
                    None => Interaction::Panning(Pan { from: at, view }),
                };
                Some(canvas::Action::capture())
            }
            mouse::Event::CursorMoved { .. } => {
                let at = local?;
                match *state {
                    Interaction::Panning(pan) => {
                        Some(canvas::Action::publish(Message::Viewed(pan.to(at))))
                    }
                    Interaction::Pressing { unit, from } if at.distance(from) > DRAG_START => {
                        *state = Interaction::Dragging { unit, at };
                        Some(canvas::Action::request_redraw())
                    }
                    Interaction::Dragging { unit, .. } => {
                        *state = Interaction::Dragging { unit, at };
                        Some(canvas::Action::request_redraw())
                    }
                    _ => None,
                }
            }
            mouse::Event::ButtonReleased(mouse::Button::Left) => match std::mem::take(state) {
                Interaction::Pressing { unit, .. } => {
                    Some(canvas::Action::publish(Message::Select(unit)))
                }
                Interaction::Dragging { unit, at } => {
                    let onto = self.canvas.box_at(view.to_world(at, size))?.id;
                    (onto != unit).then(|| canvas::Action::publish(Message::Dropped { unit, onto }))
                }
                _ => Some(canvas::Action::request_redraw()),
            },
            mouse::Event::WheelScrolled { delta } => {
                let at = cursor.position_in(bounds)?;
                let steps = match delta {
                    mouse::ScrollDelta::Lines { y, .. } => *y,
                    mouse::ScrollDelta::Pixels { y, .. } => y / 60.0,
                };
                let zoomed = view.zoomed(1.15f32.powf(steps), SCALES, at, size);
                Some(canvas::Action::publish(Message::Viewed(zoomed)).and_capture())
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        state: &Interaction,
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let size = bounds.size();
        self.canvas.last_size.set(size);
        let view = self.canvas.current(size);
        // Clipped to the canvas: the widget itself draws unclipped, and a box
        // or line past its edge would paint over the panels around it.
        let canvas = self.canvas;
        if canvas.drawn_selection.replace(self.selected) != self.selected {
            canvas.overlay.clear();
        }
        let structure = canvas.structure.draw(renderer, size, |frame| {
            frame.with_clip(Rectangle::with_size(size), |frame| {
                canvas.draw_structure(frame, view);
            });
        });
        let marks = canvas.overlay.draw(renderer, size, |frame| {
            frame.with_clip(Rectangle::with_size(size), |frame| {
                canvas.draw_overlay(frame, view, self.selected);
            });
        });
        let Interaction::Dragging { unit, at } = *state else {
            return vec![structure, marks];
        };
        let mut overlay = Frame::new(renderer, size);
        if let Some(target) = self
            .canvas
            .box_at(view.to_world(at, size))
            .filter(|t| t.id != unit)
        {
            let dragged = self
                .canvas
                .index
                .get(&unit)
                .map(|&i| self.canvas.boxes[i].level);
            let fits = dragged.is_some_and(|l| target.level.accepts(l, target.org_type));
            let colour = if fits {
                Color::from_rgb(0.1, 0.65, 0.2)
            } else {
                Color::from_rgb(0.85, 0.1, 0.1)
            };
            frame_outline(&mut overlay, view, target.rect, colour);
        }
        if let Some(b) = self.canvas.index.get(&unit).map(|&i| &self.canvas.boxes[i]) {
            let ghost = b.rect.size() * view.scale;
            let corner = at - Vector::new(ghost.width / 2.0, ghost.height / 2.0);
            overlay.fill_rectangle(corner, ghost, Color::from_rgba(0.1, 0.4, 0.9, 0.35));
        }
        vec![structure, marks, overlay.into_geometry()]
    }

    fn mouse_interaction(
        &self,
        state: &Interaction,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        match state {
            Interaction::Panning(_) => mouse::Interaction::Grabbing,
            Interaction::Dragging { .. } => mouse::Interaction::Move,
            _ => {
                let over = cursor.position_in(bounds).and_then(|at| {
                    self.canvas.box_at(
                        self.canvas
                            .current(bounds.size())
                            .to_world(at, bounds.size()),
                    )
                });
                if over.is_some() {
                    mouse::Interaction::Pointer
                } else {
                    mouse::Interaction::Grab
                }
            }
        }
    }
}

/// What a ghost's box says under its name.
const GHOST: &str = "已撤销（比较）";
/// An added box's fill.
const ADDED_FILL: Color = Color::from_rgb(0.78, 0.93, 0.76);
const DARK: Color = Color::from_rgb(0.15, 0.1, 0.1);

/// A comparison's badge at a box's top left (新, 撤, 移, 改) in the change's
/// colour; moved and changed boxes are also outlined in it.
fn draw_change(frame: &mut Frame, view: View, rect: Rectangle, change: Change, with_text: bool) {
    let colour = super::compare::colour(change);
    let (badge, outline) = match change {
        Change::Added => ("新", false),
        Change::Removed => ("撤", false),
        Change::Moved => ("移", true),
        Change::Changed => ("改", true),
    };
    if outline {
        frame_outline(frame, view, rect, colour);
    }
    let s = view.scale;
    let at = view.to_screen(Point::new(rect.x + 2.0, rect.y - 7.0), frame.size());
    frame.fill_rectangle(at, Size::new(16.0 * s, 14.0 * s), colour);
    if with_text {
        frame.fill_text(Text {
            content: badge.into(),
            position: Point::new(at.x + 8.0 * s, at.y + 7.0 * s),
            color: Color::WHITE,
            size: Pixels(11.0 * s),
            font: super::font::CJK,
            align_x: alignment::Horizontal::Center.into(),
            align_y: alignment::Vertical::Center,
            ..Text::default()
        });
    }
}

fn frame_outline(frame: &mut Frame, view: View, rect: Rectangle, colour: Color) {
    let size = frame.size();
    let at = view.to_screen(rect.position(), size);
    frame.stroke_rectangle(
        at,
        rect.size() * view.scale,
        Stroke::default().with_width(3.0).with_color(colour),
    );
}

/// A box's second line — leader (or 空缺) and what the unit holds: the
/// members below it, or for a 党员中心户 the households it links (its
/// members sit in the 党小组 above) — fitted to the box, and whether the
/// leader is vacant. `links` counts the linked households of the shown 中心户.
fn detail(
    unit: &crate::model::Unit,
    members: &FxHashMap<Id, (u32, u32)>,
    links: &FxHashMap<Id, u32>,
) -> (String, bool) {
    let leader = unit.leader.as_deref().filter(|l| !l.trim().is_empty());
    let (full, probationary) = members.get(&unit.id).copied().unwrap_or_default();
    let who = format!("{} {}", unit.level.leader_title(), leader.unwrap_or("空缺"));
    let what = format!(" · {}", holds(unit, (full + probationary) as usize, links));
    // What the unit holds stays whole: the leader's title gives way first
    // (the box's name says the level), then the name is cut.
    let room = BOX.0 - 12.0 - TOGGLE;
    let text = if text_width(&format!("{who}{what}"), DETAIL_SIZE) <= room {
        format!("{who}{what}")
    } else {
        let short = room - text_width(&what, DETAIL_SIZE);
        format!(
            "{}{what}",
            fit_text(leader.unwrap_or(&who), short, DETAIL_SIZE)
        )
    };
    (text, leader.is_none())
}

/// The fill and text colours of a level's boxes.
fn colours(level: Level) -> (Color, Color) {
    let dark = DARK;
    match level {
        Level::Street => (Color::from_rgb(0.70, 0.11, 0.11), Color::WHITE),
        Level::Community => (Color::from_rgb(0.96, 0.80, 0.74), dark),
        Level::Branch => (Color::from_rgb(1.0, 0.90, 0.82), dark),
        Level::Group => (Color::from_rgb(1.0, 0.96, 0.88), dark),
        Level::Household => (Color::from_rgb(1.0, 1.0, 0.98), dark),
    }
}

/// The bucket holding a canvas point.
fn bucket_of(p: Point) -> (i32, i32) {
    ((p.x / BUCKET).floor() as i32, (p.y / BUCKET).floor() as i32)
}

/// Each bucket's boxes: a box goes in every bucket it touches.
fn buckets(boxes: &[Placed]) -> FxHashMap<(i32, i32), Vec<u32>> {
    let mut buckets: FxHashMap<(i32, i32), Vec<u32>> = FxHashMap::default();
    for (i, b) in boxes.iter().enumerate() {
        let (x0, y0) = bucket_of(b.rect.position());
        let (x1, y1) = bucket_of(Point::new(
            b.rect.x + b.rect.width,
            b.rect.y + b.rect.height,
        ));
        for x in x0..=x1 {
            for y in y0..=y1 {
                buckets.entry((x, y)).or_default().push(i as u32);
            }
        }
    }
    buckets
}

fn bounding(points: &[Point]) -> Rectangle {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in points {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    if x0 > x1 {
        return Rectangle::default();
    }
    Rectangle::new(Point::new(x0, y0), Size::new(x1 - x0, y1 - y0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_under_a_point_is_found_through_its_buckets_as_by_a_scan() {
        let document = crate::generate::generate(crate::generate::Preset::Street, 3);
        let graph = crate::graph::Graph::build(&document);
        let tree = graph.tree();
        let mut focus = Focus::new(&document);
        for id in tree.in_order() {
            if !focus.is_expanded(id) {
                focus.toggle(id);
            }
        }
        let members = crate::stats::members_by_subtree_with(&graph);
        let canvas = Canvas::new(&document, tree, &focus, &members);
        assert!(canvas.len() > 500, "{}", canvas.len());
        let scan = |p: Point| {
            canvas
                .boxes
                .iter()
                .find(|b| b.rect.contains(p))
                .map(|b| b.id)
        };
        let mut hits = 0;
        for i in 0..4000 {
            let p = Point::new(
                (i * 7919 % 10007) as f32 / 10007.0 * canvas.size.width,
                (i * 104729 % 10009) as f32 / 10009.0 * canvas.size.height,
            );
            assert_eq!(canvas.box_at(p).map(|b| b.id), scan(p), "at {p:?}");
            hits += usize::from(scan(p).is_some());
        }
        for b in &canvas.boxes {
            assert_eq!(canvas.box_at(b.rect.center()).map(|f| f.id), Some(b.id));
        }
        assert!(hits > 0);
    }
}
