//! Which members a sheet lists, and in what order: every member organized in
//! a unit or below it, grouped by unit as the outline lists them, then sorted
//! and filtered by column as the user asks.

use super::column::Column;
use crate::graph::Tree;
use crate::mask::Privacy;
use crate::model::{Document, Id, Member};
use crate::order::natural;
use rustc_hash::FxHashMap;

/// The code of a member's unit, as the 所在组织编码 column shows it.
pub fn unit_code<'d>(document: &'d Document, member: &Member) -> &'d str {
    document
        .units
        .get(&member.unit)
        .map_or("", |u| u.code.as_str())
}

/// A sheet's rows: the members under one unit, sorted and filtered.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The unit the sheet is of.
    scope: Option<Id>,
    /// Every member under it, grouped by unit in outline order, by name within.
    all: Vec<Id>,
    /// The rows shown: `all` filtered, then sorted.
    rows: Vec<Id>,
    /// The column sorted by, and whether from the last down.
    sort: Option<(Column, bool)>,
    /// Text a column's cell must hold for its row to show, per column.
    filters: Vec<(Column, String)>,
}

impl Table {
    /// The members organized in `scope` or in any unit below it.
    pub fn of(document: &Document, tree: &Tree, scope: Id) -> Table {
        let mut table = Table {
            scope: Some(scope),
            ..Table::default()
        };
        table.refresh(document, tree, Privacy::Masked);
        table
    }

    /// The unit the sheet is of.
    pub fn scope(&self) -> Option<Id> {
        self.scope
    }

    /// Reads the members again after the document changed, keeping the sort
    /// and the filters (cells are compared as `privacy` shows them).
    pub fn refresh(&mut self, document: &Document, tree: &Tree, privacy: Privacy) {
        let Some(scope) = self.scope else {
            return;
        };
        let units: FxHashMap<Id, usize> = tree
            .subtree(scope)
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i))
            .collect();
        let mut all: Vec<(usize, &Member)> = document
            .members
            .values()
            .filter_map(|m| units.get(&m.unit).map(|&at| (at, m)))
            .collect();
        all.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| natural(&x.name, &y.name)));
        self.all = all.into_iter().map(|(_, m)| m.id).collect();
        self.arrange(document, privacy);
    }

    /// Sorts by `column` (by what it shows, in natural order): from the first
    /// up, or, sorted by it already, the other way round.
    pub fn sort(&mut self, document: &Document, column: Column, privacy: Privacy) {
        self.sort = match self.sort {
            Some((c, descending)) if c == column => Some((c, !descending)),
            _ => Some((column, false)),
        };
        self.arrange(document, privacy);
    }

    /// The column sorted by, and whether from the last down.
    pub fn sorted(&self) -> Option<(Column, bool)> {
        self.sort
    }

    /// Shows only rows whose `column` holds `text` (all rows for empty text).
    pub fn filter(&mut self, document: &Document, column: Column, text: &str, privacy: Privacy) {
        self.filters.retain(|(c, _)| *c != column);
        if !text.trim().is_empty() {
            self.filters.push((column, text.trim().to_string()));
        }
        self.arrange(document, privacy);
    }

    /// The text a column is filtered by (empty for none).
    pub fn filtered(&self, column: Column) -> &str {
        self.filters
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, t)| t.as_str())
    }

    /// The rows shown, top down.
    pub fn rows(&self) -> &[Id] {
        &self.rows
    }

    /// How many members the sheet holds before filtering.
    pub fn total(&self) -> usize {
        self.all.len()
    }

    fn arrange(&mut self, document: &Document, privacy: Privacy) {
        let cell = |m: &Member, c: Column, privacy| c.shown(m, privacy, unit_code(document, m));
        let mut rows: Vec<(Id, String)> = self
            .all
            .iter()
            .filter_map(|id| document.members.get(id))
            .filter(|m| {
                self.filters
                    .iter()
                    .all(|(c, text)| cell(m, *c, privacy).contains(text.as_str()))
            })
            // Filtered and sorted by what is shown, so that neither a filter
            // nor the order of the rows tells the masked digits.
            .map(|m| {
                let key = self.sort.map(|(c, _)| cell(m, c, privacy));
                (m.id, key.unwrap_or_default())
            })
            .collect();
        if let Some((_, descending)) = self.sort {
            // Stable: rows that hold the same keep the outline's order.
            rows.sort_by(|(_, a), (_, b)| {
                let order = natural(a, b);
                if descending {
                    order.reverse()
                } else {
                    order
                }
            });
        }
        self.rows = rows.into_iter().map(|(id, _)| id).collect();
    }
}
