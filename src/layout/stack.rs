//! Stacked subtrees: a parent with its descendants hung below it as an indented
//! list joined by a vertical bus at the left (as Visio and OrgChart programs draw
//! long sibling lists), the parent's own children wrapped into several columns
//! when one would be too tall.

use super::placed::{Connector, PlacedBox};
use super::plan::Options;
use super::tree::LayoutTree;

/// The size of every node's subtree drawn as a one-column indented list.
pub(super) struct Outlines {
    /// Width of the list hung from each node, the node's own box included.
    pub width: Vec<f32>,
    /// Height of the list hung from each node, the node's own box included.
    pub height: Vec<f32>,
}

impl Outlines {
    /// Measures every node's list, visiting `preorder` backwards so children come first.
    pub fn measure(tree: &LayoutTree, preorder: &[usize], options: &Options) -> Outlines {
        let nodes = tree.nodes();
        let mut width = vec![0.0; nodes.len()];
        let mut height = vec![0.0; nodes.len()];
        for &v in preorder.iter().rev() {
            let (w, h) = nodes[v].size;
            let indent = indent(options, w);
            let (mut wide, mut tall) = (w, h);
            for &c in &nodes[v].children {
                wide = f32::max(wide, indent + width[c]);
                tall += options.stack_gap + height[c];
            }
            width[v] = wide;
            height[v] = tall;
        }
        Outlines { width, height }
    }
}

/// How far a node's children are indented: the bus runs halfway, inside the box.
fn indent(options: &Options, box_width: f32) -> f32 {
    options.indent.min(box_width)
}

/// A stack root's children split into columns, measured relative to the root
/// box's top-left corner.
pub(super) struct Stack {
    /// Each column's left edge and the index (in the root's children) of its first item.
    columns: Vec<(f32, usize)>,
    /// Leftmost extent (≤ 0).
    pub left: f32,
    /// Rightmost extent (≥ the root box's width).
    pub right: f32,
    /// Bottom of the lowest item.
    pub bottom: f32,
}

impl Stack {
    /// Splits the children of `v` into as few columns as keep each under
    /// `column_height` (one item always fits), balanced by height, in order.
    pub fn new(
        tree: &LayoutTree,
        outlines: &Outlines,
        v: usize,
        options: &Options,
        column_height: f32,
    ) -> Stack {
        let node = &tree.nodes()[v];
        let (w, h) = node.size;
        let gap = options.stack_gap;
        let heights = node.children.iter().map(|&c| outlines.height[c]);
        let mut count = 1;
        let mut used = 0.0;
        for item in heights.clone() {
            if used > 0.0 && used + gap + item > column_height {
                count += 1;
                used = item;
            } else {
                used += if used > 0.0 { gap } else { 0.0 } + item;
            }
        }
        // Re-split evenly: an item goes to the column where its middle falls.
        let total: f32 = heights.clone().sum::<f32>() + gap * (node.children.len() - 1) as f32;
        let share = total / count as f32;
        let mut starts: Vec<usize> = Vec::with_capacity(count);
        let mut column_heights: Vec<f32> = Vec::with_capacity(count);
        let mut column_widths: Vec<f32> = Vec::with_capacity(count);
        let mut before = 0.0;
        let mut current = usize::MAX;
        let indent = indent(options, w);
        for (i, (item, &c)) in heights.zip(&node.children).enumerate() {
            let column = (((before + item / 2.0) / share) as usize).min(count - 1);
            if column != current {
                current = column;
                starts.push(i);
                column_heights.push(item);
                column_widths.push(indent + outlines.width[c]);
            } else {
                let last = column_heights.len() - 1;
                column_heights[last] += gap + item;
                column_widths[last] = column_widths[last].max(indent + outlines.width[c]);
            }
            before += item + gap;
        }
        let total_width =
            column_widths.iter().sum::<f32>() + options.sibling_gap * (starts.len() - 1) as f32;
        // One column hangs from the box's left edge; several are centred under it,
        // from the first bus to the last column's right edge.
        let mut x = if starts.len() == 1 {
            0.0
        } else {
            (w - total_width - indent / 2.0) / 2.0
        };
        let left = (x + indent / 2.0).min(0.0);
        let right = (x + total_width).max(w);
        let mut columns = Vec::with_capacity(starts.len());
        for (&start, width) in starts.iter().zip(column_widths) {
            columns.push((x, start));
            x += width + options.sibling_gap;
        }
        let tallest = column_heights.iter().copied().fold(0.0, f32::max);
        Stack {
            columns,
            left,
            right,
            bottom: h + gap + tallest,
        }
    }

    /// Places the stack with the root box's top-left corner at (`x`, `y`).
    pub fn emit(
        &self,
        tree: &LayoutTree,
        v: usize,
        (x, y): (f32, f32),
        options: &Options,
        out: &mut Emitter<'_>,
    ) {
        let node = &tree.nodes()[v];
        let (w, h) = node.size;
        let depth = out.boxes[v].depth;
        let indent = indent(options, w);
        let top = y + h + options.stack_gap;
        let bus_y = y + h + options.stack_gap / 2.0;
        for (k, &(column_x, start)) in self.columns.iter().enumerate() {
            let end = self
                .columns
                .get(k + 1)
                .map_or(node.children.len(), |&(_, s)| s);
            let bus_x = x + column_x + indent / 2.0;
            let mut item_y = top;
            for &c in &node.children[start..end] {
                let item_x = x + column_x + indent;
                let mid = item_y + tree.nodes()[c].size.1 / 2.0;
                let mut points = Vec::with_capacity(5);
                if self.columns.len() > 1 {
                    points.extend([(x + w / 2.0, y + h), (x + w / 2.0, bus_y), (bus_x, bus_y)]);
                } else {
                    points.push((bus_x, y + h));
                }
                points.extend([(bus_x, mid), (item_x, mid)]);
                out.connect(v, c, points);
                item_y +=
                    out.outline(tree, c, (item_x, item_y), depth + 1, options) + options.stack_gap;
            }
        }
    }
}

/// Writes placed boxes and connectors into a layout under construction.
pub(super) struct Emitter<'a> {
    /// Every node's box, by node index.
    pub boxes: &'a mut [PlacedBox],
    /// The connectors so far.
    pub connectors: &'a mut Vec<Connector>,
}

impl Emitter<'_> {
    /// Records the connector from `parent` to `child`, dropping repeated points.
    pub fn connect(&mut self, parent: usize, child: usize, mut points: Vec<(f32, f32)>) {
        points.dedup();
        self.connectors.push(Connector {
            parent,
            child,
            points,
        });
    }

    /// Places `u` at (`x`, `y`) and its descendants as an indented list below it,
    /// returning the list's height.
    fn outline(
        &mut self,
        tree: &LayoutTree,
        u: usize,
        (x, y): (f32, f32),
        depth: usize,
        options: &Options,
    ) -> f32 {
        let node = &tree.nodes()[u];
        let (w, h) = node.size;
        self.boxes[u] = PlacedBox {
            x,
            y,
            depth,
            stacked: true,
            ..self.boxes[u]
        };
        let indent = indent(options, w);
        let bus_x = x + indent / 2.0;
        let mut bottom = y + h;
        for &c in &node.children {
            let top = bottom + options.stack_gap;
            let mid = top + tree.nodes()[c].size.1 / 2.0;
            self.connect(u, c, vec![(bus_x, y + h), (bus_x, mid), (x + indent, mid)]);
            bottom = top + self.outline(tree, c, (x + indent, top), depth + 1, options);
        }
        bottom - y
    }
}
