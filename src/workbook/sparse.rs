//! A sheet's cells as read: only the cells that hold something, by row.
//!
//! calamine's `Range` is a dense grid from the first cell to the last, so one
//! cell at XFD1048576 costs 16,384 × 1,048,576 cells (512 GB). Here memory
//! follows the cells present, whatever their place.

use calamine::Data;

/// The cells of a sheet that hold something (or a formula), in row then column
/// order; rows and columns are 0-based and absolute (row 0 is Excel's row 1).
#[derive(Debug, Default)]
pub(crate) struct SparseCells {
    /// Each row that has cells: its number, and where its cells start in `cells`.
    rows: Vec<(u32, u32)>,
    /// (row, column, value), sorted by row and column.
    cells: Vec<(u32, u32, Data)>,
}

impl SparseCells {
    /// The cells given in any order; of two at the same place the later wins.
    pub(crate) fn from_cells(mut cells: Vec<(u32, u32, Data)>) -> SparseCells {
        let key = |c: &(u32, u32, Data)| (c.0, c.1);
        if !cells.windows(2).all(|w| key(&w[0]) < key(&w[1])) {
            // Stable, so that of equal places the later cell comes last.
            cells.sort_by_key(key);
            cells.dedup_by(|later, earlier| {
                let same = key(later) == key(earlier);
                if same {
                    std::mem::swap(later, earlier);
                }
                same
            });
        }
        let mut rows: Vec<(u32, u32)> = Vec::new();
        for (i, &(row, _, _)) in cells.iter().enumerate() {
            if rows.last().is_none_or(|&(last, _)| last != row) {
                // At most u32::MAX cells: the reader's budget stops far below.
                rows.push((row, i as u32));
            }
        }
        SparseCells { rows, cells }
    }

    /// How many rows have cells; rows are then reached by their slot `0..len`.
    pub(crate) fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The 0-based row number of the row at `slot`.
    pub(crate) fn row_number(&self, slot: usize) -> u32 {
        self.rows[slot].0
    }

    /// The cells of the row at `slot`: (row, column, value) in column order.
    pub(crate) fn row(&self, slot: usize) -> &[(u32, u32, Data)] {
        let start = self.rows[slot].1 as usize;
        let end = self
            .rows
            .get(slot + 1)
            .map_or(self.cells.len(), |&(_, next)| next as usize);
        &self.cells[start..end]
    }

    /// The cell of the row at `slot` in column `col`, if it holds something.
    pub(crate) fn get(&self, slot: usize, col: u32) -> Option<&Data> {
        let row = self.row(slot);
        row.binary_search_by_key(&col, |c| c.1)
            .ok()
            .map(|i| &row[i].2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_found_by_row_and_column_and_the_later_of_two_wins() {
        let text = |s: &str| Data::String(s.into());
        let cells = SparseCells::from_cells(vec![
            (1_048_575, 16_383, text("far")),
            (0, 2, text("c")),
            (0, 0, text("a")),
            (0, 2, text("c2")),
        ]);
        assert_eq!(cells.row_count(), 2);
        assert_eq!(cells.row_number(1), 1_048_575);
        assert_eq!(cells.get(0, 0), Some(&text("a")));
        assert_eq!(cells.get(0, 1), None);
        assert_eq!(cells.get(0, 2), Some(&text("c2")));
        assert_eq!(cells.get(1, 16_383), Some(&text("far")));
        assert_eq!(cells.row(0).len(), 2);
    }
}
