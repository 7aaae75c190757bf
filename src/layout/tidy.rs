//! Buchheim–Walker tidy tree placement in linear time, for boxes of any width.
//!
//! The tree comes in breadth-first order (root 0, each node's children a
//! contiguous, increasing index range), which gives sibling numbers and a
//! children-before-parents order for free and keeps the walk iterative, so deep
//! trees cannot overflow the stack.

/// "No node" in index fields.
pub(super) const NONE: u32 = u32::MAX;

/// A tree to place: nodes in breadth-first order, root at index 0.
#[derive(Debug, Default)]
pub(super) struct TidyTree {
    /// Parent of each node (`NONE` for the root).
    pub parent: Vec<u32>,
    /// First child index of each node.
    pub first: Vec<u32>,
    /// One past the last child index of each node (`first == end`: a leaf).
    pub end: Vec<u32>,
    /// How far each node reaches left of its anchor x.
    pub left: Vec<f32>,
    /// How far each node reaches right of its anchor x.
    pub right: Vec<f32>,
}

impl TidyTree {
    /// Adds a node and returns its index; children must be added in breadth-first order.
    pub fn push(&mut self, parent: u32, left: f32, right: f32) -> u32 {
        let index = self.parent.len() as u32;
        if parent != NONE {
            let p = parent as usize;
            if self.first[p] == self.end[p] {
                self.first[p] = index;
            } else {
                debug_assert_eq!(self.end[p], index, "children must be contiguous");
            }
            self.end[p] = index + 1;
        }
        self.parent.push(parent);
        self.first.push(index + 1);
        self.end.push(index + 1);
        self.left.push(left);
        self.right.push(right);
        index
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// Whether `v` has no children.
    fn is_leaf(&self, v: usize) -> bool {
        self.first[v] >= self.end[v]
    }
}

/// The anchor x of every node such that siblings keep `gap` between their
/// contours at every depth and each parent sits midway between its first and last
/// child. The leftmost anchor is not normalised.
pub(super) fn place(tree: &TidyTree, gap: f32) -> Vec<f32> {
    let n = tree.len();
    if n == 0 {
        return Vec::new();
    }
    let mut walk = Walk {
        tree,
        gap,
        prelim: vec![0.0; n],
        modifier: vec![0.0; n],
        shift: vec![0.0; n],
        change: vec![0.0; n],
        mid: vec![0.0; n],
        thread: vec![NONE; n],
        ancestor: (0..n as u32).collect(),
    };
    // Reverse breadth-first order visits every node after all its descendants.
    for v in (0..n).rev() {
        if tree.is_leaf(v) {
            continue;
        }
        let (first, end) = (tree.first[v], tree.end[v]);
        let mut default_ancestor = first;
        for w in first..end {
            walk.set_prelim(w);
            default_ancestor = walk.apportion(w, default_ancestor);
        }
        walk.execute_shifts(v);
        walk.mid[v] = (walk.prelim[first as usize] + walk.prelim[end as usize - 1]) / 2.0;
    }
    walk.set_prelim(0);
    let mut x = vec![0.0; n];
    let mut sum = vec![0.0f32; n];
    for v in 0..n {
        let p = tree.parent[v];
        if p != NONE {
            sum[v] = sum[p as usize] + walk.modifier[p as usize];
        }
        x[v] = walk.prelim[v] + sum[v];
    }
    x
}

/// The working state of the walk (names follow Buchheim, Jünger and Leipert, 2002).
struct Walk<'a> {
    tree: &'a TidyTree,
    gap: f32,
    prelim: Vec<f32>,
    modifier: Vec<f32>,
    shift: Vec<f32>,
    change: Vec<f32>,
    /// Midpoint of the node's first and last child, once its subtree is done.
    mid: Vec<f32>,
    thread: Vec<u32>,
    ancestor: Vec<u32>,
}

impl Walk<'_> {
    fn left_sibling(&self, v: u32) -> u32 {
        let p = self.tree.parent[v as usize];
        if p != NONE && v > self.tree.first[p as usize] {
            v - 1
        } else {
            NONE
        }
    }

    fn next_left(&self, v: u32) -> u32 {
        let v = v as usize;
        if self.tree.is_leaf(v) {
            self.thread[v]
        } else {
            self.tree.first[v]
        }
    }

    fn next_right(&self, v: u32) -> u32 {
        let v = v as usize;
        if self.tree.is_leaf(v) {
            self.thread[v]
        } else {
            self.tree.end[v] - 1
        }
    }

    /// Smallest anchor distance between `a` and `b` when `a` is left of `b`.
    fn distance(&self, a: u32, b: u32) -> f32 {
        self.tree.right[a as usize] + self.gap + self.tree.left[b as usize]
    }

    /// Places `v` right of its left sibling (or at its children's midpoint).
    fn set_prelim(&mut self, v: u32) {
        let w = self.left_sibling(v);
        let i = v as usize;
        let after_sibling = (w != NONE).then(|| self.prelim[w as usize] + self.distance(w, v));
        if self.tree.is_leaf(i) {
            self.prelim[i] = after_sibling.unwrap_or(0.0);
        } else if let Some(p) = after_sibling {
            self.prelim[i] = p;
            self.modifier[i] = p - self.mid[i];
        } else {
            self.prelim[i] = self.mid[i];
        }
    }

    /// Pushes the subtree of `v` right until it clears its left siblings' subtrees
    /// at every depth, threading the contours for later comparisons.
    fn apportion(&mut self, v: u32, default_ancestor: u32) -> u32 {
        let w = self.left_sibling(v);
        if w == NONE {
            return default_ancestor;
        }
        let mut default_ancestor = default_ancestor;
        let (mut vip, mut vop, mut vim) = (v, v, w);
        let mut vom = self.tree.first[self.tree.parent[v as usize] as usize];
        let mut sip = self.modifier[vip as usize];
        let mut sop = self.modifier[vop as usize];
        let mut sim = self.modifier[vim as usize];
        let mut som = self.modifier[vom as usize];
        while self.next_right(vim) != NONE && self.next_left(vip) != NONE {
            vim = self.next_right(vim);
            vip = self.next_left(vip);
            vom = self.next_left(vom);
            vop = self.next_right(vop);
            self.ancestor[vop as usize] = v;
            let shift = (self.prelim[vim as usize] + sim) - (self.prelim[vip as usize] + sip)
                + self.distance(vim, vip);
            if shift > 0.0 {
                let a = self.greatest_distinct_ancestor(vim, v, default_ancestor);
                self.move_subtree(a, v, shift);
                sip += shift;
                sop += shift;
            }
            sim += self.modifier[vim as usize];
            sip += self.modifier[vip as usize];
            som += self.modifier[vom as usize];
            sop += self.modifier[vop as usize];
        }
        if self.next_right(vim) != NONE && self.next_right(vop) == NONE {
            self.thread[vop as usize] = self.next_right(vim);
            self.modifier[vop as usize] += sim - sop;
        }
        if self.next_left(vip) != NONE && self.next_left(vom) == NONE {
            self.thread[vom as usize] = self.next_left(vip);
            self.modifier[vom as usize] += sip - som;
            default_ancestor = v;
        }
        default_ancestor
    }

    fn greatest_distinct_ancestor(&self, vim: u32, v: u32, default_ancestor: u32) -> u32 {
        let a = self.ancestor[vim as usize];
        if self.tree.parent[a as usize] == self.tree.parent[v as usize] {
            a
        } else {
            default_ancestor
        }
    }

    /// Moves the subtree of `wr` right by `shift`, spreading the move over the
    /// siblings between `wl` and `wr` (applied later by `execute_shifts`).
    fn move_subtree(&mut self, wl: u32, wr: u32, shift: f32) {
        let subtrees = (wr - wl) as f32;
        let (l, r) = (wl as usize, wr as usize);
        self.change[r] -= shift / subtrees;
        self.shift[r] += shift;
        self.change[l] += shift / subtrees;
        self.prelim[r] += shift;
        self.modifier[r] += shift;
    }

    fn execute_shifts(&mut self, v: usize) {
        let (mut shift, mut change) = (0.0, 0.0);
        for w in (self.tree.first[v]..self.tree.end[v]).rev() {
            let w = w as usize;
            self.prelim[w] += shift;
            self.modifier[w] += shift;
            change += self.change[w];
            shift += self.shift[w] + change;
        }
    }
}
