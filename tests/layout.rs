//! The chart layout: boxes never overlap, parents sit centred over their children
//! (or head a stacked list below them), every box is linked to its parent by an
//! orthogonal connector, and a wide street is folded to fit the paper.

use gridorg::generate::{generate, Preset};
use gridorg::graph::Graph;
use gridorg::layout::{
    layout, layout_with_plan, Layout, LayoutNode, LayoutTree, Options, Plan, TreeError,
};
use gridorg::model::{Document, Id, Level, Unit};
use proptest::prelude::*;

const EPS: f32 = 0.01;

/// Boxes about as wide as the unit's name in 9 pt type, as the PDF chart will draw.
fn box_size(unit: &Unit) -> (f32, f32) {
    let chars = unit.name.chars().count() as f32;
    ((chars * 9.0 + 16.0).max(72.0), 44.0)
}

fn street() -> (Document, LayoutTree) {
    let doc = generate(Preset::Street, 7);
    let tree =
        LayoutTree::from_document(&doc, Graph::build(&doc).tree(), None, None, box_size).unwrap();
    (doc, tree)
}

/// A tree from (parent, width, height) rows; parent `None` makes a root.
fn tree_of(rows: &[(Option<usize>, f32, f32)]) -> LayoutTree {
    let mut nodes: Vec<LayoutNode> = rows
        .iter()
        .enumerate()
        .map(|(i, &(_, w, h))| LayoutNode {
            id: Id(i as u64),
            size: (w, h),
            children: Vec::new(),
        })
        .collect();
    let mut roots = Vec::new();
    for (i, &(parent, _, _)) in rows.iter().enumerate() {
        match parent {
            Some(p) => nodes[p].children.push(i),
            None => roots.push(i),
        }
    }
    LayoutTree::new(nodes, roots).unwrap()
}

fn parents(tree: &LayoutTree) -> Vec<Option<usize>> {
    let mut parent = vec![None; tree.len()];
    for (p, node) in tree.nodes().iter().enumerate() {
        for &c in &node.children {
            parent[c] = Some(p);
        }
    }
    parent
}

fn inside(x: f32, lo: f32, hi: f32) -> bool {
    x >= lo - EPS && x <= hi + EPS
}

/// Every invariant the PDF chart and the canvas rely on.
fn assert_sound(tree: &LayoutTree, l: &Layout) {
    assert_eq!(l.boxes.len(), tree.len());
    for (b, node) in l.boxes.iter().zip(tree.nodes()) {
        assert_eq!((b.id, b.w, b.h), (node.id, node.size.0, node.size.1));
        assert!(
            b.x >= -EPS && b.y >= -EPS,
            "box {:?} off the top left",
            b.id
        );
        assert!(b.x + b.w <= l.width + EPS && b.y + b.h <= l.height + EPS);
    }
    assert_no_overlap(l);

    // Exactly one connector per parent–child pair, starting on the parent's bottom
    // edge and ending on the child's edge, made of horizontal and vertical runs.
    let parent = parents(tree);
    let mut linked = vec![0; tree.len()];
    for c in &l.connectors {
        assert_eq!(parent[c.child], Some(c.parent));
        linked[c.child] += 1;
        let (p, b) = (l.boxes[c.parent], l.boxes[c.child]);
        let (sx, sy) = c.points[0];
        assert!(
            (sy - (p.y + p.h)).abs() < EPS && inside(sx, p.x, p.x + p.w),
            "starts off parent"
        );
        let (ex, ey) = *c.points.last().unwrap();
        let on_top = (ey - b.y).abs() < EPS && inside(ex, b.x, b.x + b.w);
        let on_left = (ex - b.x).abs() < EPS && inside(ey, b.y, b.y + b.h);
        // Rows are fed from above, stacked lists from their bus at the left.
        assert!(
            if b.stacked { on_left } else { on_top },
            "ends off child {:?}",
            b.id
        );
        for w in c.points.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            assert!(
                (x0 - x1).abs() < EPS || (y0 - y1).abs() < EPS,
                "slanted segment"
            );
            assert!(
                inside(x0, 0.0, l.width) && inside(y0, 0.0, l.height),
                "{:?} outside {} × {}",
                w[0],
                l.width,
                l.height
            );
        }
    }
    for (i, p) in parent.iter().enumerate() {
        assert_eq!(
            linked[i],
            usize::from(p.is_some()),
            "box {i} linked {} times",
            linked[i]
        );
    }

    // Parents in the tidy rows are centred over their children; stacked children
    // hang below their parent.
    for (v, node) in tree.nodes().iter().enumerate() {
        let Some((&first, &last)) = node.children.first().zip(node.children.last()) else {
            continue;
        };
        let p = l.boxes[v];
        let stacked = node
            .children
            .iter()
            .filter(|&&c| l.boxes[c].stacked)
            .count();
        assert!(
            stacked == 0 || stacked == node.children.len(),
            "mixed children"
        );
        for &c in &node.children {
            assert!(l.boxes[c].y > p.y + p.h, "child not below parent");
        }
        if stacked == 0 {
            let centre = |i: usize| l.boxes[i].x + l.boxes[i].w / 2.0;
            let mid = (centre(first) + centre(last)) / 2.0;
            assert!(
                (centre(v) - mid).abs() < 0.5,
                "parent {v} off centre by {}",
                centre(v) - mid
            );
            let row = l.boxes[first].y;
            assert!(node
                .children
                .iter()
                .all(|&c| (l.boxes[c].y - row).abs() < EPS));
        }
    }
}

/// No two boxes share any area: a sweep over the boxes sorted by left edge.
fn assert_no_overlap(l: &Layout) {
    let mut order: Vec<usize> = (0..l.boxes.len()).collect();
    order.sort_by(|&a, &b| l.boxes[a].x.total_cmp(&l.boxes[b].x));
    for (k, &i) in order.iter().enumerate() {
        let a = l.boxes[i];
        for &j in &order[k + 1..] {
            let b = l.boxes[j];
            if b.x >= a.x + a.w - EPS {
                break;
            }
            let apart = b.y >= a.y + a.h - EPS || a.y >= b.y + b.h - EPS;
            assert!(apart, "boxes {:?} and {:?} overlap", a.id, b.id);
        }
    }
}

/// No connector runs through a box other than its own two ends.
fn assert_connectors_clear(l: &Layout) {
    for c in &l.connectors {
        for w in c.points.windows(2) {
            let (x0, x1) = (w[0].0.min(w[1].0), w[0].0.max(w[1].0));
            let (y0, y1) = (w[0].1.min(w[1].1), w[0].1.max(w[1].1));
            for (i, b) in l.boxes.iter().enumerate() {
                if i == c.parent || i == c.child {
                    continue;
                }
                let crosses = x0 < b.x + b.w - EPS
                    && x1 > b.x + EPS
                    && y0 < b.y + b.h - EPS
                    && y1 > b.y + EPS;
                assert!(
                    !crosses,
                    "connector {:?}→{:?} crosses {:?}",
                    c.parent, c.child, b.id
                );
            }
        }
    }
}

fn aspect(l: &Layout) -> f32 {
    l.width / l.height
}

#[test]
fn a_whole_street_is_laid_out_soundly_and_folded_to_the_paper() {
    let (doc, tree) = street();
    assert!(tree.len() > 1000, "street preset has {} units", tree.len());
    assert_eq!(tree.len(), doc.units.len());
    let options = Options::default();
    let flat = layout_with_plan(&tree, &options, Plan::UNSTACKED);
    assert_sound(&tree, &flat);
    assert!(flat.boxes.iter().all(|b| !b.stacked));

    let chosen = layout(&tree, &options);
    assert_sound(&tree, &chosen);
    assert_connectors_clear(&chosen);
    assert!(chosen.plan.stack_levels > 0);
    let target = options.aspect.ln();
    assert!(
        (aspect(&chosen).ln() - target).abs() < (aspect(&flat).ln() - target).abs(),
        "chosen {} × {}, unstacked {} × {}",
        chosen.width,
        chosen.height,
        flat.width,
        flat.height
    );
    // It prints several times larger on the same sheet.
    assert!(chosen.fit_scale(1190.0, 842.0) > 4.0 * flat.fit_scale(1190.0, 842.0));
    // And close to the sheet's shape: within a factor of two.
    assert!(
        (aspect(&chosen).ln() - target).abs() < 2f32.ln(),
        "aspect {}",
        aspect(&chosen)
    );
}

#[test]
fn portrait_and_landscape_sheets_get_different_shapes() {
    let (_, tree) = street();
    let wide = layout(&tree, &Options::default());
    let tall = layout(
        &tree,
        &Options {
            aspect: 1.0 / std::f32::consts::SQRT_2,
            ..Options::default()
        },
    );
    assert_sound(&tree, &tall);
    assert!(aspect(&tall) < aspect(&wide));
}

#[test]
fn every_plan_tried_on_a_street_is_sound() {
    let (_, tree) = street();
    let options = Options::default();
    for stack_levels in 1..=4 {
        for column_height in [50.0, 400.0, 2000.0, f32::INFINITY] {
            let plan = Plan {
                stack_levels,
                column_height,
            };
            let l = layout_with_plan(&tree, &options, plan);
            assert_eq!(l.plan, plan);
            assert_sound(&tree, &l);
        }
    }
}

#[test]
fn layout_is_deterministic() {
    let (_, a) = street();
    let (_, b) = street();
    let options = Options::default();
    assert_eq!(layout(&a, &options), layout(&b, &options));
}

#[test]
fn three_children_sit_in_a_row_with_their_parent_centred_above() {
    let tree = tree_of(&[
        (None, 100.0, 40.0),
        (Some(0), 80.0, 40.0),
        (Some(0), 60.0, 30.0),
        (Some(0), 80.0, 40.0),
    ]);
    let options = Options::default();
    let l = layout_with_plan(&tree, &options, Plan::UNSTACKED);
    assert_sound(&tree, &l);
    let xs: Vec<f32> = l.boxes.iter().map(|b| b.x).collect();
    assert_eq!(xs, [72.0, 0.0, 92.0, 164.0]);
    assert_eq!(l.boxes[1].y, 40.0 + options.level_gap);
    assert_eq!((l.width, l.height), (244.0, 112.0));
    // Bus halfway down the level gap.
    assert_eq!(
        l.connectors[0].points,
        [(122.0, 40.0), (122.0, 56.0), (40.0, 56.0), (40.0, 72.0)]
    );
}

#[test]
fn a_small_subtree_between_big_ones_is_spaced_evenly() {
    // Walker's case: the middle leaf must not bunch up against one neighbour.
    let mut rows = vec![(None, 50.0, 20.0), (Some(0), 50.0, 20.0)];
    rows.extend((0..4).map(|_| (Some(1), 50.0, 20.0)));
    rows.push((Some(0), 50.0, 20.0));
    rows.push((Some(0), 50.0, 20.0));
    rows.extend((0..4).map(|_| (Some(7), 50.0, 20.0)));
    let tree = tree_of(&rows);
    let l = layout_with_plan(&tree, &Options::default(), Plan::UNSTACKED);
    assert_sound(&tree, &l);
    let centre = |i: usize| l.boxes[i].x + 25.0;
    let (a, b, c) = (centre(1), centre(6), centre(7));
    assert!((b - a - (c - b)).abs() < 0.01, "{a} {b} {c}");
}

#[test]
fn a_stacked_group_lists_its_households_below_it() {
    let mut rows = vec![(None, 100.0, 40.0)];
    rows.extend((0..5).map(|_| (Some(0), 90.0, 30.0)));
    let tree = tree_of(&rows);
    let options = Options::default();
    let l = layout_with_plan(
        &tree,
        &options,
        Plan {
            stack_levels: 1,
            column_height: f32::INFINITY,
        },
    );
    assert_sound(&tree, &l);
    let mut y = 40.0 + options.stack_gap;
    for b in &l.boxes[1..] {
        assert!(b.stacked);
        assert_eq!((b.x, b.y), (options.indent, y));
        y += 30.0 + options.stack_gap;
    }
    assert_eq!(
        (l.width, l.height),
        (options.indent + 90.0, y - options.stack_gap)
    );

    // Columns no taller than two households: three columns, centred under it.
    let l = layout_with_plan(
        &tree,
        &options,
        Plan {
            stack_levels: 1,
            column_height: 70.0,
        },
    );
    assert_sound(&tree, &l);
    let mut lefts: Vec<f32> = l.boxes[1..].iter().map(|b| b.x).collect();
    lefts.dedup();
    assert_eq!(lefts.len(), 3);
    let root = l.boxes[0];
    assert!((root.x + root.w / 2.0 - l.width / 2.0).abs() < 0.5);
}

#[test]
fn a_forest_is_laid_out_side_by_side() {
    let tree = tree_of(&[
        (None, 60.0, 20.0),
        (Some(0), 60.0, 20.0),
        (None, 60.0, 20.0),
        (Some(2), 60.0, 20.0),
    ]);
    let l = layout_with_plan(&tree, &Options::default(), Plan::UNSTACKED);
    assert_sound(&tree, &l);
    assert_eq!(l.boxes[0].y, 0.0);
    assert_eq!(l.boxes[2].y, 0.0);
    assert!(l.boxes[2].x >= 60.0 + Options::default().sibling_gap - EPS);
    assert_eq!(l.connectors.len(), 2);
}

#[test]
fn an_empty_tree_gives_an_empty_chart() {
    let tree = LayoutTree::new(Vec::new(), Vec::new()).unwrap();
    let l = layout(&tree, &Options::default());
    assert!(l.boxes.is_empty() && l.connectors.is_empty());
    assert_eq!((l.width, l.height), (0.0, 0.0));
}

#[test]
fn node_lists_that_are_not_trees_are_refused() {
    let node = |children: Vec<usize>| LayoutNode {
        id: Id(0),
        size: (10.0, 10.0),
        children,
    };
    let shared = vec![node(vec![2]), node(vec![2]), node(vec![])];
    assert_eq!(
        LayoutTree::new(shared, vec![0, 1]),
        Err(TreeError::Shared(2))
    );
    let cycle = vec![node(vec![1]), node(vec![0])];
    assert_eq!(LayoutTree::new(cycle, vec![0]), Err(TreeError::Shared(0)));
    let stray = vec![node(vec![]), node(vec![])];
    assert_eq!(
        LayoutTree::new(stray, vec![0]),
        Err(TreeError::Unreached(1))
    );
    let dangling = vec![node(vec![5])];
    assert_eq!(
        LayoutTree::new(dangling, vec![0]),
        Err(TreeError::OutOfRange(5))
    );
    let mut bad = node(vec![]);
    bad.size.0 = f32::NAN;
    assert_eq!(
        LayoutTree::new(vec![bad], vec![0]),
        Err(TreeError::BadSize(0))
    );
}

#[test]
fn a_community_chart_down_to_branches_holds_just_those_units() {
    let doc = generate(Preset::Street, 7);
    let graph = Graph::build(&doc);
    let community = doc
        .units
        .values()
        .find(|u| u.level == Level::Community && graph.children(u.id).len() > 3)
        .unwrap();
    let tree = LayoutTree::from_document(&doc, graph.tree(), Some(community.id), Some(2), box_size)
        .unwrap();
    assert_eq!(tree.roots(), &[0]);
    assert_eq!(tree.nodes()[0].id, community.id);
    let children: Vec<Id> = tree.nodes()[0]
        .children
        .iter()
        .map(|&i| tree.nodes()[i].id)
        .collect();
    assert_eq!(children, graph.children(community.id));
    assert_eq!(tree.len(), 1 + children.len());
    assert_sound(&tree, &layout(&tree, &Options::default()));

    let missing = Id(u64::MAX);
    assert_eq!(
        LayoutTree::from_document(&doc, graph.tree(), Some(missing), None, box_size),
        Err(TreeError::UnknownRoot(missing))
    );
}

/// Random forests: `(parent pick, width, height, new root?)` rows; `deep` makes each
/// node pick a parent among the last few nodes, giving long chains.
#[test]
fn a_tree_cut_to_a_depth_is_the_tree_built_to_that_depth_and_no_layout_is_smaller_than_its_boxes() {
    let (doc, full) = street();
    let graph = Graph::build(&doc);
    for depth in 1..=5u8 {
        let built =
            LayoutTree::from_document(&doc, graph.tree(), None, Some(depth), box_size).unwrap();
        let cut = full.to_depth(usize::from(depth));
        assert_eq!(cut, built, "depth {depth}");
        let l = layout(&cut, &Options::default());
        assert!(
            f64::from(l.width) * f64::from(l.height) >= cut.box_area(),
            "depth {depth}: {} × {} holds less than the boxes' {}",
            l.width,
            l.height,
            cut.box_area()
        );
    }
    assert_eq!(full.to_depth(9), full);
    assert!(full.to_depth(0).is_empty());
}

fn random_tree() -> impl Strategy<Value = LayoutTree> {
    let row = (
        any::<prop::sample::Index>(),
        1f32..150.0,
        1f32..60.0,
        prop::bool::weighted(0.05),
    );
    (prop::collection::vec(row, 1..120), any::<bool>()).prop_map(|(rows, deep)| {
        let rows: Vec<(Option<usize>, f32, f32)> = rows
            .iter()
            .enumerate()
            .map(|(i, &(pick, w, h, root))| {
                let parent = if i == 0 || root {
                    None
                } else if deep {
                    Some(i - 1 - pick.index(i.min(3)))
                } else {
                    Some(pick.index(i))
                };
                (parent, w, h)
            })
            .collect();
        tree_of(&rows)
    })
}

proptest! {
    #[test]
    fn random_trees_are_laid_out_soundly(
        tree in random_tree(),
        stack_levels in 0usize..4,
        column_height in 20f32..800.0,
        aspect in 0.3f32..3.0,
    ) {
        let options = Options { aspect, ..Options::default() };
        let l = layout_with_plan(&tree, &options, Plan { stack_levels, column_height });
        assert_sound(&tree, &l);
        assert_connectors_clear(&l);
        let chosen = layout(&tree, &options);
        assert_sound(&tree, &chosen);
        assert_connectors_clear(&chosen);
    }
}
