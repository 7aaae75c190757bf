//! A finished layout: where each box goes and the connectors between them.

use super::plan::Plan;

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
