//! A drawing too large for one sheet, cut into overlapping sheets: which
//! sheets each item falls on, worked out once per item from its extent, so
//! that each sheet is then made from its own items alone.

use super::sheet::Item;

/// How a drawing is cut: `sheets` across and down, each showing an `area`
/// of the drawing, neighbours sharing `overlap`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tiling {
    /// Sheets across and down.
    pub sheets: (usize, usize),
    /// The part of the drawing one sheet shows, width and height.
    pub area: (f32, f32),
    /// How much neighbouring sheets share.
    pub overlap: f32,
}

impl Tiling {
    /// Where the sheet of column `col` and row `row` begins in the drawing.
    pub fn offset(&self, (col, row): (usize, usize)) -> (f32, f32) {
        (
            col as f32 * (self.area.0 - self.overlap),
            row as f32 * (self.area.1 - self.overlap),
        )
    }

    /// The indices of `items` on each sheet, rows first, in drawing order: an
    /// item is on every sheet whose window its [`extent`] touches.
    pub fn buckets(&self, items: &[Item]) -> Vec<Vec<u32>> {
        let (cols, rows) = self.sheets;
        let mut buckets = vec![Vec::new(); cols * rows];
        for (index, item) in items.iter().enumerate() {
            let index = u32::try_from(index).expect("fewer than 2³² items in a drawing");
            let Some((x0, y0, x1, y1)) = extent(item) else {
                buckets.iter_mut().for_each(|b| b.push(index));
                continue;
            };
            let columns = self.touched(cols, x0, x1, |c| self.offset((c, 0)).0, self.area.0);
            let rows_touched = self.touched(rows, y0, y1, |r| self.offset((0, r)).1, self.area.1);
            for row in rows_touched {
                for col in columns.clone() {
                    buckets[row * cols + col].push(index);
                }
            }
        }
        buckets
    }

    /// The sheets along one direction (`count` of them, the `n`th beginning
    /// at `start(n)` and `room` long) that the span `low..=high` touches.
    fn touched(
        &self,
        count: usize,
        low: f32,
        high: f32,
        start: impl Fn(usize) -> f32,
        room: f32,
    ) -> std::ops::Range<usize> {
        let step = room - self.overlap;
        let on = |n: usize| high >= start(n) && low <= start(n) + room;
        // A first guess from the span, then settled by the exact test: the
        // sheets touched are consecutive, and a guess may be off by one.
        let guess = |v: f32| ((v / step).floor().max(0.0) as usize).min(count - 1);
        let mut first = guess(low - room).saturating_sub(1);
        while first < count && !on(first) {
            first += 1;
        }
        let mut end = (guess(high) + 2).min(count);
        while end > first && !on(end - 1) {
            end -= 1;
        }
        first..end.max(first)
    }
}

/// The part of the drawing an item may cover, as (left, top, right, bottom):
/// text is taken a full em a character wide, so it is never cut short. `None`
/// for clipping, which belongs on every sheet.
pub(super) fn extent(item: &Item) -> Option<(f32, f32, f32, f32)> {
    Some(match item {
        Item::Text {
            x, y, size, text, ..
        } => (
            *x,
            y - size,
            x + size * text.chars().count() as f32,
            y + size * 0.3,
        ),
        Item::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
        Item::Line { points, .. } => points.iter().fold(
            (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
            |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
        ),
        Item::Row { y, size, cells, .. } => {
            let x0 = cells.first().map_or(0.0, |c| c.0);
            let x1 = cells
                .last()
                .map_or(0.0, |(x, t)| x + size * t.chars().count() as f32);
            (x0, y - size, x1, y + size * 0.3)
        }
        Item::Clip { .. } | Item::Unclip => return None,
    })
}

/// `item` moved by (`dx`, `dy`).
pub(super) fn moved(mut item: Item, dx: f32, dy: f32) -> Item {
    match &mut item {
        Item::Text { x, y, .. } | Item::Rect { x, y, .. } | Item::Clip { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Item::Line { points, .. } => {
            for p in points {
                p.0 += dx;
                p.1 += dy;
            }
        }
        Item::Row { y, cells, .. } => {
            *y += dy;
            for cell in cells {
                cell.0 += dx;
            }
        }
        Item::Unclip => {}
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::sheet::Rgb;
    use proptest::prelude::*;

    /// How sheets were made before buckets: every item of the drawing
    /// tested against every sheet's window.
    fn every_item_against_every_sheet(tiling: &Tiling, items: &[Item]) -> Vec<Vec<u32>> {
        let (cols, rows) = tiling.sheets;
        let mut sheets = Vec::new();
        for row in 0..rows {
            for col in 0..cols {
                let offset = tiling.offset((col, row));
                let on = |item: &Item| {
                    extent(item).is_none_or(|(x0, y0, x1, y1)| {
                        x1 >= offset.0
                            && x0 <= offset.0 + tiling.area.0
                            && y1 >= offset.1
                            && y0 <= offset.1 + tiling.area.1
                    })
                };
                sheets.push(
                    (0..items.len() as u32)
                        .filter(|&i| on(&items[i as usize]))
                        .collect(),
                );
            }
        }
        sheets
    }

    const A4: Tiling = Tiling {
        sheets: (3, 4),
        area: (538.6, 708.7),
        overlap: 34.0,
    };

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Item {
        Item::Rect {
            x,
            y,
            w,
            h,
            fill: None,
            stroke: None,
        }
    }

    #[test]
    fn items_on_the_edge_of_a_window_or_in_an_overlap_are_on_each_sheet_they_touch() {
        let step = A4.area.0 - A4.overlap;
        let items = vec![
            // Ends exactly where the second column's window begins.
            rect(step - 10.0, 0.0, 10.0, 10.0),
            // Begins exactly where the first column's window ends.
            rect(A4.area.0, 0.0, 10.0, 10.0),
            // In the overlap of all four sheets at the first corner.
            rect(step + 1.0, A4.area.1 - A4.overlap + 1.0, 5.0, 5.0),
            // Past every sheet, and a line with no points: on none.
            rect(5000.0, 5000.0, 1.0, 1.0),
            Item::Line {
                points: Vec::new(),
                color: Rgb::BLACK,
                width: 1.0,
                dash: false,
            },
            // Across the whole drawing, and text counted a full em a character.
            rect(-5.0, -5.0, 3000.0, 3000.0),
            Item::Text {
                x: step - 40.0,
                y: 20.0,
                size: 10.0,
                text: "四个汉字".into(),
                color: Rgb::BLACK,
            },
            Item::Clip {
                x: 0.0,
                y: 0.0,
                w: 1.0,
                h: 1.0,
            },
        ];
        let buckets = A4.buckets(&items);
        assert_eq!(buckets, every_item_against_every_sheet(&A4, &items));
        let sheets_of = |i: u32| -> Vec<usize> {
            (0..buckets.len())
                .filter(|&s| buckets[s].contains(&i))
                .collect()
        };
        assert_eq!(sheets_of(0), vec![0, 1]);
        assert_eq!(sheets_of(1), vec![0, 1]);
        assert_eq!(sheets_of(2), vec![0, 1, 3, 4]);
        assert!(sheets_of(3).is_empty() && sheets_of(4).is_empty());
        assert_eq!(sheets_of(5).len(), 12);
        assert_eq!(sheets_of(6), vec![0, 1]);
        assert_eq!(sheets_of(7).len(), 12);
    }

    fn item() -> impl Strategy<Value = Item> {
        let at = -200.0f32..2400.0;
        prop_oneof![
            (at.clone(), at.clone(), 0.0f32..800.0, 0.0f32..800.0)
                .prop_map(|(x, y, w, h)| rect(x, y, w, h)),
            (at.clone(), at.clone(), 1.0f32..20.0, "[a-z党员]{0,12}").prop_map(
                |(x, y, size, text)| Item::Text {
                    x,
                    y,
                    size,
                    text,
                    color: Rgb::BLACK,
                }
            ),
            prop::collection::vec((at.clone(), at), 0..5).prop_map(|points| Item::Line {
                points,
                color: Rgb::BLACK,
                width: 1.0,
                dash: false,
            }),
        ]
    }

    proptest! {
        #[test]
        fn each_sheet_gets_the_items_the_whole_drawing_filter_gave_it_in_order(
            items in prop::collection::vec(item(), 0..60),
            cols in 1usize..6,
            rows in 1usize..6,
            // Whole sheets (A4 and A0) as well as an area in odd fractions.
            area in prop_oneof![Just((538.6f32, 708.7f32)), Just((2327.0, 3222.0)), (100.0f32..900.0, 100.0f32..900.0)],
        ) {
            let tiling = Tiling { sheets: (cols, rows), area, overlap: 34.0 };
            prop_assert_eq!(tiling.buckets(&items), every_item_against_every_sheet(&tiling, &items));
        }
    }
}
