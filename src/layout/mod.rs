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
mod placed;
mod plan;
mod stack;
mod tidy;
mod tree;

pub use placed::{Connector, Layout, PlacedBox};
pub use plan::{Options, Plan};
pub use tree::{LayoutNode, LayoutTree, TreeError};

use place::Prepared;

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
