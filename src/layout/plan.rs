//! How to lay a tree out: spacing and paper shape, and which subtrees are stacked.

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
