//! Org-chart layout: where each box of a tree goes on the sheet, and the
//! orthogonal connectors between them, in points with the origin at the top left.
//!
//! The engine is shared by the PDF chart and the editor's canvas and knows
//! nothing about either: it takes a [`LayoutTree`] of box sizes and returns a
//! [`Layout`]. Upper levels are placed as a tidy tree (Buchheim–Walker, linear
//! time: `tidy`); the lower levels of wide trees hang below their parent as
//! indented lists wrapped into columns (`stack`), and `place` joins the two.
//! [`layout`] measures a few dozen such [`Plan`]s and draws the one that prints
//! largest on a sheet of the requested aspect ratio.

pub mod coverage;
mod place;
mod stack;
mod tidy;
mod tree;

pub use tree::{LayoutNode, LayoutTree, TreeError};

use place::Prepared;

/// Spacing and paper shape for a layout, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Horizontal gap between neighbouring boxes (and between stacked columns).
    pub sibling_gap: f32,
    /// Vertical gap between tree levels; the connectors' buses run in its middle.
    pub level_gap: f32,
    /// Vertical gap between the boxes of a stacked list.
    pub stack_gap: f32,
    /// How far a stacked list is indented from its parent's left edge.
    pub indent: f32,
    /// Target width / height of the whole chart (the printable area's).
    pub aspect: f32,
}

impl Default for Options {
    /// Gaps for boxes of roughly 100 × 40 pt, on A-series landscape paper.
    fn default() -> Options {
        Options {
            sibling_gap: 12.0,
            level_gap: 32.0,
            stack_gap: 6.0,
            indent: 16.0,
            aspect: std::f32::consts::SQRT_2,
        }
    }
}

/// Which subtrees are stacked, and how tall their columns may grow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    /// Subtrees at most this many levels deep (below their root) are stacked;
    /// 0 stacks nothing.
    pub stack_levels: usize,
    /// A stacked parent wraps its list into columns no taller than this (points;
    /// a single item taller than it still gets its own column).
    pub column_height: f32,
}

impl Plan {
    /// A plain tidy tree: every parent centred over its children.
    pub const UNSTACKED: Plan = Plan {
        stack_levels: 0,
        column_height: f32::INFINITY,
    };
}

/// A box on the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedBox {
    /// The record the box shows.
    pub id: crate::model::Id,
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
    /// Distance from its root (0 for a root).
    pub depth: usize,
    /// Whether the box hangs in a stacked list below its parent rather than
    /// centred in the row of the next level.
    pub stacked: bool,
}

/// An orthogonal line from a parent's box to a child's box.
#[derive(Debug, Clone, PartialEq)]
pub struct Connector {
    /// Index of the parent box in [`Layout::boxes`].
    pub parent: usize,
    /// Index of the child box in [`Layout::boxes`].
    pub child: usize,
    /// The polyline: starts on the parent's bottom edge, ends on the child's top
    /// (tidy levels) or left edge (stacked lists); each segment horizontal or
    /// vertical. Siblings' connectors share their bus segments.
    pub points: Vec<(f32, f32)>,
}

/// Where everything goes: all boxes and connectors lie in `[0, width] × [0, height]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One box per tree node, in the tree's node order.
    pub boxes: Vec<PlacedBox>,
    /// One connector per parent–child pair.
    pub connectors: Vec<Connector>,
    /// Width of the bounding box.
    pub width: f32,
    /// Height of the bounding box.
    pub height: f32,
    /// The plan this layout follows.
    pub plan: Plan,
}

impl Layout {
    /// The factor the layout must be scaled by to fit a `width` × `height` area.
    pub fn fit_scale(&self, width: f32, height: f32) -> f32 {
        (width / self.width.max(f32::MIN_POSITIVE)).min(height / self.height.max(f32::MIN_POSITIVE))
    }
}

/// Lays out `tree`, choosing the plan that prints largest on a sheet of
/// `options.aspect`: no stacking, or stacking the bottom 1, 2, … levels with
/// columns of a range of heights. Each plan tried costs a tidy pass over the
/// unstacked levels and a pass over the stacked parents' children; only the
/// chosen one is drawn.
pub fn layout(tree: &LayoutTree, options: &Options) -> Layout {
    let prepared = Prepared::new(tree, options);
    let aspect = if options.aspect.is_finite() && options.aspect > 0.0 {
        options.aspect
    } else {
        1.0
    };
    // The longer side after stretching the chart to the sheet's shape: smaller
    // means a larger print on that sheet.
    let cost = |(w, h): (f32, f32)| w.max(h * aspect);
    let unstacked = prepared.arrange(Plan::UNSTACKED);
    let mut best = (cost(unstacked.size), unstacked);
    // Plans come simplest first; a later one must win clearly to be chosen.
    let mut consider = |plan: Plan| {
        let candidate = prepared.arrange(plan);
        let c = cost(candidate.size);
        if c < best.0 * 0.98 {
            best = (c, candidate);
        }
        c
    };
    for stack_levels in 1..=prepared.stackable_levels() {
        let plan = |column_height| Plan {
            stack_levels,
            column_height,
        };
        // A coarse scan of column heights, then a finer one around its best.
        let (coarse, ratio) = prepared.column_heights(stack_levels);
        let mut level_best = (f32::INFINITY, f32::INFINITY);
        for h in coarse {
            let c = consider(plan(h));
            if c < level_best.0 {
                level_best = (c, h);
            }
        }
        if level_best.1.is_finite() {
            let step = ratio.powf(1.0 / FINE_STEPS as f32);
            for i in (1..2 * FINE_STEPS).filter(|&i| i != FINE_STEPS) {
                consider(plan(level_best.1 / ratio * step.powi(i as i32)));
            }
        }
    }
    best.1.layout()
}

/// Column heights tried between neighbours of the coarse scan's best.
const FINE_STEPS: usize = 4;

/// Lays out `tree` following `plan` exactly.
pub fn layout_with_plan(tree: &LayoutTree, options: &Options, plan: Plan) -> Layout {
    Prepared::new(tree, options).arrange(plan).layout()
}
