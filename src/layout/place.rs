//! Putting one [`Plan`] into practice: the tidy upper levels, the stacked lower
//! ones, and the connectors between them.

use super::placed::{Connector, Layout, PlacedBox};
use super::plan::{Options, Plan};
use super::stack::{Emitter, Outlines, Stack};
use super::tidy::{self, TidyTree, NONE};
use super::tree::LayoutTree;

/// The most levels a plan stacks: deeper stacked lists would be unreadably long.
const MAX_STACK_LEVELS: usize = 4;

/// The most column heights tried for each number of stacked levels.
const COLUMN_STEPS: usize = 10;

/// What the tree looks like independently of the plan, measured once.
pub(super) struct Prepared<'a> {
    tree: &'a LayoutTree,
    options: Options,
    /// Nodes in pre-order, roots in order.
    preorder: Vec<usize>,
    /// Parent of each node, `usize::MAX` for roots.
    parent: Vec<usize>,
    /// Distance from the root.
    depth: Vec<usize>,
    /// Levels below each node (0 for a leaf).
    height: Vec<usize>,
    /// Each subtree's size as a one-column list.
    outlines: Outlines,
    /// The tallest box.
    tallest: f32,
}

/// How a node is drawn under a plan.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// In the tidy tree, centred over its children.
    Tidy,
    /// In the tidy tree, with its subtree stacked below it.
    StackRoot,
    /// Inside a stacked list.
    Stacked,
}

/// What a node of the tidy tree stands for.
#[derive(Clone, Copy)]
enum Source {
    /// The invisible root over the forest's roots.
    Virtual,
    /// A box of the input tree.
    Node(usize),
    /// A place holder keeping a stack's extent in the contour at a lower level.
    Dummy { stack: usize, level: usize },
}

impl<'a> Prepared<'a> {
    /// Measures `tree` for layouts with `options`.
    pub fn new(tree: &'a LayoutTree, options: &Options) -> Prepared<'a> {
        let nodes = tree.nodes();
        let n = nodes.len();
        let mut preorder = Vec::with_capacity(n);
        let mut parent = vec![usize::MAX; n];
        let mut depth = vec![0; n];
        let mut stack: Vec<usize> = tree.roots().iter().rev().copied().collect();
        while let Some(v) = stack.pop() {
            preorder.push(v);
            for &c in nodes[v].children.iter().rev() {
                parent[c] = v;
                depth[c] = depth[v] + 1;
                stack.push(c);
            }
        }
        let mut height = vec![0; n];
        for &v in preorder.iter().rev() {
            if parent[v] != usize::MAX {
                height[parent[v]] = height[parent[v]].max(height[v] + 1);
            }
        }
        let outlines = Outlines::measure(tree, &preorder, options);
        let tallest = nodes.iter().map(|n| n.size.1).fold(0.0, f32::max);
        Prepared {
            tree,
            options: *options,
            preorder,
            parent,
            depth,
            height,
            outlines,
            tallest,
        }
    }

    /// The most levels worth stacking in this tree.
    pub fn stackable_levels(&self) -> usize {
        self.height
            .iter()
            .copied()
            .max()
            .unwrap_or(0)
            .min(MAX_STACK_LEVELS)
    }

    /// Column heights worth trying when stacking `levels` levels, tallest first
    /// (no wrapping), and the ratio between neighbours: a geometric series from the
    /// longest stacked list down to one box.
    pub fn column_heights(&self, levels: usize) -> (Vec<f32>, f32) {
        let longest = (0..self.height.len())
            .filter(|&v| self.height[v] > 0 && self.height[v] <= levels)
            .map(|v| self.outlines.height[v])
            .fold(0.0, f32::max);
        let shortest = self.tallest.max(1.0);
        let mut heights = vec![f32::INFINITY];
        let mut ratio = 2.0;
        if longest > shortest {
            ratio = (longest / shortest)
                .powf(1.0 / COLUMN_STEPS as f32)
                .max(1.25);
            let mut column_height = longest / ratio;
            while column_height >= shortest {
                heights.push(column_height);
                column_height /= ratio;
            }
        }
        (heights, ratio)
    }

    fn kinds(&self, plan: Plan) -> Vec<Kind> {
        let mut kind = vec![Kind::Tidy; self.preorder.len()];
        for &v in &self.preorder {
            let p = self.parent[v];
            kind[v] = if p != usize::MAX && kind[p] != Kind::Tidy {
                Kind::Stacked
            } else if self.height[v] > 0 && self.height[v] <= plan.stack_levels {
                Kind::StackRoot
            } else {
                Kind::Tidy
            };
        }
        kind
    }

    /// Places the tidy levels and measures the stacks following `plan`: enough
    /// to know the chart's size without placing every stacked box.
    pub fn arrange(&self, plan: Plan) -> Arrangement<'_> {
        let nodes = self.tree.nodes();
        let options = &self.options;
        let kind = self.kinds(plan);
        // Tidy level 0 is the invisible root; the tree's roots are level 1.
        let mut level_height = vec![0.0f32];
        for &v in &self.preorder {
            if kind[v] != Kind::Stacked {
                let level = self.depth[v] + 1;
                if level_height.len() <= level {
                    level_height.resize(level + 1, 0.0);
                }
                level_height[level] = level_height[level].max(nodes[v].size.1);
            }
        }
        let mut levels = Levels::new(&level_height, self.tallest, options.level_gap);

        let mut tidy = TidyTree::default();
        let mut sources = vec![Source::Virtual];
        let mut stacks: Vec<(usize, Stack)> = Vec::new();
        let mut stack_of = vec![usize::MAX; nodes.len()];
        tidy.push(NONE, 0.0, 0.0);
        let mut t = 0;
        while t < sources.len() {
            let mut children: &[usize] = &[];
            let mut dummy = None;
            match sources[t] {
                Source::Virtual => children = self.tree.roots(),
                Source::Node(v) if kind[v] == Kind::Tidy => children = &nodes[v].children,
                Source::Node(v) => dummy = Some((stack_of[v], self.depth[v] + 2)),
                Source::Dummy { stack, level } => dummy = Some((stack, level + 1)),
            }
            for &c in children {
                let (w, _) = nodes[c].size;
                let (left, right) = if kind[c] == Kind::StackRoot {
                    let stack =
                        Stack::new(self.tree, &self.outlines, c, options, plan.column_height);
                    let extent = (w / 2.0 - stack.left, stack.right - w / 2.0);
                    stack_of[c] = stacks.len();
                    stacks.push((c, stack));
                    extent
                } else {
                    (w / 2.0, w / 2.0)
                };
                tidy.push(t as u32, left, right);
                sources.push(Source::Node(c));
            }
            if let Some((s, level)) = dummy {
                let (root, ref stack) = stacks[s];
                let bottom = levels.top(self.depth[root] + 1) + stack.bottom;
                if levels.top(level) - options.level_gap < bottom {
                    let (l, r) = (tidy.left[t], tidy.right[t]);
                    tidy.push(t as u32, l, r);
                    sources.push(Source::Dummy { stack: s, level });
                }
            }
            t += 1;
        }
        let xs = tidy::place(&tidy, options.sibling_gap);

        let (mut min_x, mut max_x) = (f32::INFINITY, f32::NEG_INFINITY);
        let mut bottom = f32::NEG_INFINITY;
        for (t, source) in sources.iter().enumerate().skip(1) {
            min_x = min_x.min(xs[t] - tidy.left[t]);
            max_x = max_x.max(xs[t] + tidy.right[t]);
            if let Source::Node(v) = *source {
                let below = match kind[v] {
                    Kind::StackRoot => stacks[stack_of[v]].1.bottom,
                    _ => nodes[v].size.1,
                };
                bottom = bottom.max(levels.top(self.depth[v] + 1) + below);
            }
        }
        let size = if sources.len() > 1 {
            (max_x - min_x, bottom - levels.top(1))
        } else {
            (0.0, 0.0)
        };
        Arrangement {
            prepared: self,
            plan,
            kind,
            levels,
            sources,
            stacks,
            stack_of,
            xs,
            size,
        }
    }
}

/// A plan put into practice as far as the chart's size.
pub(super) struct Arrangement<'a> {
    prepared: &'a Prepared<'a>,
    plan: Plan,
    kind: Vec<Kind>,
    levels: Levels,
    sources: Vec<Source>,
    stacks: Vec<(usize, Stack)>,
    stack_of: Vec<usize>,
    xs: Vec<f32>,
    /// Width and height of the finished layout.
    pub size: (f32, f32),
}

impl Arrangement<'_> {
    /// Places every box and connector.
    pub fn layout(mut self) -> Layout {
        let prepared = self.prepared;
        let nodes = prepared.tree.nodes();
        let options = &prepared.options;
        let mut boxes: Vec<PlacedBox> = nodes
            .iter()
            .map(|n| PlacedBox {
                id: n.id,
                x: 0.0,
                y: 0.0,
                w: n.size.0,
                h: n.size.1,
                depth: 0,
                stacked: false,
            })
            .collect();
        let mut connectors = Vec::with_capacity(nodes.len());
        let mut out = Emitter {
            boxes: &mut boxes,
            connectors: &mut connectors,
        };
        for (t, source) in self.sources.iter().enumerate() {
            if let Source::Node(v) = *source {
                let b = &mut out.boxes[v];
                b.x = self.xs[t] - b.w / 2.0;
                b.y = self.levels.top(prepared.depth[v] + 1);
                b.depth = prepared.depth[v];
                if self.kind[v] == Kind::StackRoot {
                    let (x, y) = (b.x, b.y);
                    let stack = &self.stacks[self.stack_of[v]].1;
                    stack.emit(prepared.tree, v, (x, y), options, &mut out);
                }
            }
        }
        for &v in &prepared.preorder {
            if self.kind[v] != Kind::Tidy || nodes[v].children.is_empty() {
                continue;
            }
            let p = out.boxes[v];
            let bus = self.levels.top(prepared.depth[v] + 2) - options.level_gap / 2.0;
            let px = p.x + p.w / 2.0;
            for &c in &nodes[v].children {
                let b = out.boxes[c];
                let cx = b.x + b.w / 2.0;
                out.connect(v, c, vec![(px, p.y + p.h), (px, bus), (cx, bus), (cx, b.y)]);
            }
        }
        let layout = normalise(boxes, connectors, self.plan);
        debug_assert!(
            (layout.width - self.size.0).abs() < 0.1 && (layout.height - self.size.1).abs() < 0.1,
            "measured {:?}, drawn {} × {}",
            self.size,
            layout.width,
            layout.height
        );
        layout
    }
}

/// The top of each tidy level; levels below the deepest box continue at the
/// pitch of the tallest box so stacks reaching down there keep their place.
struct Levels {
    top: Vec<f32>,
    pitch: f32,
}

impl Levels {
    fn new(heights: &[f32], tallest: f32, gap: f32) -> Levels {
        let mut top = Vec::with_capacity(heights.len() + 1);
        let mut y = 0.0;
        for h in heights {
            top.push(y);
            y += h + gap;
        }
        top.push(y);
        Levels {
            top,
            pitch: tallest + gap,
        }
    }

    fn top(&mut self, level: usize) -> f32 {
        while self.top.len() <= level {
            let last = self.top[self.top.len() - 1];
            self.top.push(last + self.pitch);
        }
        self.top[level]
    }
}

/// Moves everything so the top-left corner of what is drawn is at the origin, and
/// measures it (a stacked column's bus may run left of every box).
fn normalise(mut boxes: Vec<PlacedBox>, mut connectors: Vec<Connector>, plan: Plan) -> Layout {
    let corners = boxes
        .iter()
        .flat_map(|b| [(b.x, b.y), (b.x + b.w, b.y + b.h)])
        .chain(connectors.iter().flat_map(|c| c.points.iter().copied()));
    let (mut min_x, mut min_y) = (f32::INFINITY, f32::INFINITY);
    let (mut max_x, mut max_y) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    for (x, y) in corners {
        min_x = min_x.min(x);
        min_y = min_y.min(y);
        max_x = max_x.max(x);
        max_y = max_y.max(y);
    }
    if boxes.is_empty() {
        (min_x, min_y, max_x, max_y) = (0.0, 0.0, 0.0, 0.0);
    }
    for b in &mut boxes {
        b.x -= min_x;
        b.y -= min_y;
    }
    for c in &mut connectors {
        for p in &mut c.points {
            p.0 -= min_x;
            p.1 -= min_y;
        }
    }
    Layout {
        boxes,
        connectors,
        width: max_x - min_x,
        height: max_y - min_y,
        plan,
    }
}
