//! The coverage picture's geometry: where a community's grids (网格) and the
//! branches (支部) covering them go, and the lines between them, in picture
//! units (1 unit = 1 pixel at 100%) with the origin at the top left. The
//! window's coverage view draws what this computes.
//!
//! The branches stand in a column; the grids in one column right of them, or
//! in two flanking them when there are many. Each branch stands near the
//! middle of the grids it covers; with more branches than rows of grids the
//! grids spread out to stand level with their branches instead.

use crate::graph::{Graph, Tree};
use crate::model::{Document, Id, Level, RecordKind};
use crate::order;

/// A grid's box size.
pub const GRID_BOX: (f32, f32) = (136.0, 40.0);
/// A branch's box size.
pub const BRANCH_BOX: (f32, f32) = (164.0, 46.0);
/// The gap between boxes one above the other.
const ROW_GAP: f32 = 8.0;
/// The room between a column of branches and a column of grids, for lines.
const LANE: f32 = 84.0;
/// The empty edge around the picture.
pub const MARGIN: f32 = 12.0;
/// Up to this many grids stand in one column; more in two.
const ONE_COLUMN: usize = 10;

/// A box: its top-left corner and size.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    fn new(x: f32, y: f32, (width, height): (f32, f32)) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// The height of its middle.
    pub fn center_y(&self) -> f32 {
        self.y + self.height / 2.0
    }

    /// Its right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
}

/// A grid placed: the branches covering it (each once, only units that
/// exist), and its box.
#[derive(Debug, Clone, PartialEq)]
pub struct GridSpot {
    /// The grid.
    pub id: Id,
    /// Its box.
    pub rect: Rect,
    /// The branches covering it.
    pub covering: Vec<Id>,
}

/// A branch placed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BranchSpot {
    /// The branch (or the community organized as one 党支部).
    pub id: Id,
    /// Its box.
    pub rect: Rect,
    /// How many of the picture's grids it covers.
    pub covers: usize,
    /// Whether it is the community or a unit directly in it (else it lies
    /// in another community).
    pub own: bool,
}

/// A line from a branch to a grid it covers, from the branch's side facing
/// the grid to the grid's side facing the branch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// The branch.
    pub branch: Id,
    /// The grid.
    pub grid: Id,
    /// Where it leaves the branch's box.
    pub from: (f32, f32),
    /// Where it meets the grid's box.
    pub to: (f32, f32),
}

/// The whole picture of one community.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Picture {
    /// The grids, in natural order (by code, then name).
    pub grids: Vec<GridSpot>,
    /// The units that may cover them: the community if organized as one
    /// 党支部, then its branches in natural order, then any other unit its
    /// grids name as covering them.
    pub branches: Vec<BranchSpot>,
    /// One line per cover.
    pub links: Vec<Link>,
    /// The picture's size.
    pub size: (f32, f32),
}

/// The community a unit lies in: itself, or the nearest community above it.
pub fn community_of(document: &Document, tree: &Tree, id: Id) -> Option<Id> {
    std::iter::once(id).chain(tree.ancestors(id)).find(|u| {
        document
            .units
            .get(u)
            .is_some_and(|u| u.level == Level::Community)
    })
}

/// Lays out `community`'s grids and branches, read from the document's
/// `graph` (a [`Graph::build`]: the units' graph has no grids); an empty
/// picture when it has no grids.
pub fn lay_out(document: &Document, graph: &Graph, community: Id) -> Picture {
    let tree = graph.tree();
    let mut grids: Vec<_> = graph
        .contained_places(community)
        .into_iter()
        .filter_map(|id| document.grids.get(&id))
        .collect();
    if grids.is_empty() {
        return Picture::default();
    }
    grids.sort_by(|a, b| order::by_code_then_name((&a.code, &a.name), (&b.code, &b.name)));
    let covering: Vec<Vec<Id>> = grids
        .iter()
        .map(|g| {
            let mut seen = Vec::new();
            for b in graph.covering(g.id) {
                if !seen.contains(&b) && graph.kind(b) == Some(RecordKind::Unit) {
                    seen.push(b);
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
    let mut placed_grids: Vec<GridSpot> = Vec::with_capacity(grids.len());
    for (i, (g, covering)) in grids.iter().zip(covering).enumerate() {
        let (x, row) = if i < left {
            (MARGIN, i)
        } else {
            (right_x, i - left)
        };
        let rect = Rect::new(x, MARGIN + row as f32 * (GRID_BOX.1 + ROW_GAP), GRID_BOX);
        bottom = bottom.max(rect.y + rect.height);
        placed_grids.push(GridSpot {
            id: g.id,
            rect,
            covering,
        });
    }

    let grid_bottom = bottom;
    // Branches: each near the middle of its grids, none overlapping.
    let middle = |ys: Vec<f32>| (!ys.is_empty()).then(|| ys.iter().sum::<f32>() / ys.len() as f32);
    let wanted: Vec<Option<f32>> = branches
        .iter()
        .map(|b| {
            middle(
                placed_grids
                    .iter()
                    .filter(|g| g.covering.contains(b))
                    .map(|g| g.rect.center_y())
                    .collect(),
            )
        })
        .collect();
    let mut placing: Vec<usize> = (0..branches.len()).collect();
    placing.sort_by(|&a, &b| {
        let key = |i: usize| wanted[i].unwrap_or(f32::MAX);
        key(a).total_cmp(&key(b)).then(a.cmp(&b))
    });
    let mut next = MARGIN;
    let mut placed = vec![Rect::default(); branches.len()];
    for i in placing {
        let y = wanted[i].map_or(next, |c| (c - BRANCH_BOX.1 / 2.0).max(next));
        placed[i] = Rect::new(branch_x, y, BRANCH_BOX);
        next = y + BRANCH_BOX.1 + ROW_GAP;
        bottom = bottom.max(y + BRANCH_BOX.1);
    }
    // More branches than rows of grids: the grids spread out to stand
    // level with their branches, in their order, none overlapping.
    if next - ROW_GAP > grid_bottom {
        let mut next = [MARGIN, MARGIN];
        for g in &mut placed_grids {
            let side = usize::from(g.rect.x > branch_x);
            let wanted = middle(
                branches
                    .iter()
                    .zip(&placed)
                    .filter(|(b, _)| g.covering.contains(b))
                    .map(|(_, r)| r.center_y())
                    .collect(),
            )
            .map(|y| y - GRID_BOX.1 / 2.0);
            g.rect.y = wanted.map_or(next[side], |y| y.max(next[side]));
            next[side] = g.rect.y + GRID_BOX.1 + ROW_GAP;
            bottom = bottom.max(g.rect.y + GRID_BOX.1);
        }
    }
    let branches: Vec<BranchSpot> = branches
        .into_iter()
        .zip(placed)
        .map(|(id, rect)| BranchSpot {
            id,
            rect,
            covers: placed_grids
                .iter()
                .filter(|g| g.covering.contains(&id))
                .count(),
            own: id == community || tree.parent(id) == Some(community),
        })
        .collect();

    let mut links = Vec::new();
    for g in &placed_grids {
        for b in &g.covering {
            let Some(branch) = branches.iter().find(|x| x.id == *b) else {
                continue;
            };
            let (from, to) = if g.rect.x > branch.rect.x {
                (
                    (branch.rect.right(), branch.rect.center_y()),
                    (g.rect.x, g.rect.center_y()),
                )
            } else {
                (
                    (branch.rect.x, branch.rect.center_y()),
                    (g.rect.right(), g.rect.center_y()),
                )
            };
            links.push(Link {
                branch: *b,
                grid: g.id,
                from,
                to,
            });
        }
    }
    Picture {
        grids: placed_grids,
        branches,
        links,
        size: (right_x + GRID_BOX.0 + MARGIN, bottom + MARGIN),
    }
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Grid;

    /// The sample with `extra` more grids in 白塔 (XY04), every third of
    /// them covered by two of its branches.
    pub(crate) fn crowded(extra: usize) -> (Document, Graph, Id) {
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
        let graph = Graph::build(&document);
        (document, graph, community)
    }

    fn overlap(a: &Rect, b: &Rect) -> bool {
        a.x < b.right() && b.x < a.right() && a.y < b.y + b.height && b.y < a.y + a.height
    }

    /// Every box, grids then branches.
    fn boxes(picture: &Picture) -> Vec<Rect> {
        let grids = picture.grids.iter().map(|g| g.rect);
        grids
            .chain(picture.branches.iter().map(|b| b.rect))
            .collect()
    }

    fn assert_apart_and_inside(picture: &Picture) {
        let boxes = boxes(picture);
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.x >= MARGIN && a.y >= MARGIN, "{a:?} in the margin");
            assert!(
                a.right() + MARGIN <= picture.size.0 + 1e-3,
                "{a:?} past the right"
            );
            assert!(
                a.y + a.height + MARGIN <= picture.size.1 + 1e-3,
                "{a:?} past the bottom"
            );
            for b in &boxes[i + 1..] {
                assert!(!overlap(a, b), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn the_grids_stand_in_natural_order_in_two_columns_flanking_the_branches() {
        let (document, graph, community) = crowded(0);
        let picture = lay_out(&document, &graph, community);
        assert_eq!((picture.grids.len(), picture.branches.len()), (12, 5));
        assert_apart_and_inside(&picture);
        // Twelve grids are more than one column takes: two columns, the
        // first half left of the branches in natural order, then the rest.
        let codes: Vec<&str> = picture
            .grids
            .iter()
            .map(|g| document.grids[&g.id].code.as_str())
            .collect();
        let mut sorted = codes.clone();
        sorted.sort_by(|a, b| order::by_code_then_name((a, a), (b, b)));
        assert_eq!(codes, sorted, "grids in natural order");
        let branch_x = picture.branches[0].rect.x;
        assert!(picture.branches.iter().all(|b| b.rect.x == branch_x));
        let (left, right): (Vec<_>, Vec<_>) =
            picture.grids.iter().partition(|g| g.rect.x < branch_x);
        assert_eq!((left.len(), right.len()), (6, 6));
        for column in [&left, &right] {
            assert!(column.windows(2).all(|w| w[0].rect.y < w[1].rect.y));
        }
        for g in &picture.grids {
            assert_eq!((g.rect.width, g.rect.height), GRID_BOX);
        }
        for b in &picture.branches {
            assert_eq!((b.rect.width, b.rect.height), BRANCH_BOX);
        }
    }

    #[test]
    fn up_to_ten_grids_stand_in_one_column() {
        let (mut document, _, community) = crowded(0);
        let mut codes: Vec<(String, Id)> = document
            .grids
            .values()
            .filter(|g| g.community == community)
            .map(|g| (g.code.clone(), g.id))
            .collect();
        codes.sort();
        for (_, id) in codes.iter().skip(8) {
            document.grids.remove(id);
        }
        let graph = Graph::build(&document);
        let picture = lay_out(&document, &graph, community);
        assert_eq!(picture.grids.len(), 8);
        assert_apart_and_inside(&picture);
        let right_of_branches = picture.branches[0].rect.right();
        assert!(picture.grids.iter().all(|g| g.rect.x > right_of_branches));
        // One column, in natural order from the top.
        assert!(picture.grids.windows(2).all(|w| w[0].rect.x == w[1].rect.x));
        assert!(picture.grids.windows(2).all(|w| w[0].rect.y < w[1].rect.y));
        let codes: Vec<&String> = picture
            .grids
            .iter()
            .map(|g| &document.grids[&g.id].code)
            .collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
    }

    #[test]
    fn many_grids_lay_out_without_overlapping_and_every_cover_has_its_line() {
        let (document, graph, community) = crowded(30);
        let picture = lay_out(&document, &graph, community);
        assert_eq!((picture.grids.len(), picture.branches.len()), (42, 5));
        assert_apart_and_inside(&picture);
        let covers: usize = document
            .grids
            .values()
            .filter(|g| g.community == community)
            .map(|g| g.covered_by.len())
            .sum();
        assert_eq!(picture.links.len(), covers);
        for l in &picture.links {
            let b = picture.branches.iter().find(|b| b.id == l.branch).unwrap();
            let g = picture.grids.iter().find(|g| g.id == l.grid).unwrap();
            // A line runs between its two boxes and through no other.
            let mid = ((l.from.0 + l.to.0) / 2.0, (l.from.1 + l.to.1) / 2.0);
            for other in picture.grids.iter().filter(|o| o.id != g.id) {
                let r = other.rect;
                let inside =
                    (r.x..=r.right()).contains(&mid.0) && (r.y..=r.y + r.height).contains(&mid.1);
                assert!(!inside, "{l:?} through {r:?}");
            }
            assert!(l.from.0 == b.rect.x || l.from.0 == b.rect.right());
            assert!(l.to.0 == g.rect.x || l.to.0 == g.rect.right());
        }
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
        let graph = Graph::build(&document);
        let picture = lay_out(&document, &graph, community);
        assert_eq!((picture.grids.len(), picture.branches.len()), (12, 17));
        assert_apart_and_inside(&picture);
        assert_eq!(picture.links.len(), 12);
        for l in &picture.links {
            assert!((l.from.1 - l.to.1).abs() < 1.0, "{l:?} runs level");
        }
    }

    #[test]
    fn a_community_without_grids_has_an_empty_picture() {
        let (mut document, _, community) = crowded(0);
        document.grids.retain(|_, g| g.community != community);
        let graph = Graph::build(&document);
        let tree = graph.tree();
        assert_eq!(lay_out(&document, &graph, community), Picture::default());
        let street = document.units[&community].parent.unwrap();
        assert_eq!(community_of(&document, tree, street), None);
        let branch = document.unit_by_code("XY04-B1").unwrap().id;
        assert_eq!(community_of(&document, tree, branch), Some(community));
    }
}
