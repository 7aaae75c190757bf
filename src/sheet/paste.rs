//! A block of cells put over the sheet at a chosen cell, as a paste from
//! Excel or an edit in place: each cell read by its column's rules, each
//! member then checked by the rules every edit of a member passes
//! ([`crate::edit::rules::refusals`]). What cannot be read or cannot be true
//! is not applied and is said with its row and column; the rest becomes one
//! command, one step of the history.

use super::column::Column;
use super::table::unit_code;
use crate::edit::{rules, Command};
use crate::mask::Privacy;
use crate::model::{Document, Id, Member};

/// A cell, or a member's row, that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The row as the sheet numbers it, from 1.
    pub row: usize,
    /// The member of that row.
    pub member: Id,
    /// The column the reason is about.
    pub column: Column,
    /// Why, in Chinese with the English keyword.
    pub why: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第 {} 行 {}：{}", self.row, self.column.name(), self.why)
    }
}

/// What a block put over the sheet comes to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pasted {
    /// The members the block changes, as they become.
    pub members: Vec<Member>,
    /// What was not applied, row by row.
    pub refused: Vec<Refused>,
    /// Cells of the block past the sheet's last row or column, put nowhere.
    pub outside: usize,
}

impl Pasted {
    /// The one command that applies it, unless it changes nothing.
    pub fn command(&self) -> Option<Command> {
        (!self.members.is_empty()).then(|| Command::UpdateMembers(self.members.clone()))
    }
}

/// Puts `block` over the sheet whose rows are `rows`, its first cell at row
/// `row` (from 0) of `column`. A cell that reads as the sheet shows it under
/// `privacy` is left as it is, so that a copied block with masked numbers
/// pastes back without touching them.
pub fn paste(
    document: &Document,
    rows: &[Id],
    row: usize,
    column: Column,
    block: &[Vec<String>],
    privacy: Privacy,
) -> Pasted {
    let mut pasted = Pasted::default();
    for (i, cells) in block.iter().enumerate() {
        let at = row + i;
        let Some(old) = rows.get(at).and_then(|id| document.members.get(id)) else {
            pasted.outside += cells.len();
            continue;
        };
        let unit = unit_code(document, old);
        let mut member = old.clone();
        let mut refused = Vec::new();
        for (j, text) in cells.iter().enumerate() {
            let Some(c) = Column::at(column.index() + j) else {
                pasted.outside += 1;
                continue;
            };
            if *text == c.shown(old, privacy, unit) {
                continue;
            }
            if let Err(why) = c.read(text, &mut member, unit) {
                refused.push((c, why));
            }
        }
        let untrue = rules::refusals(&member);
        let said = |(column, why): (Column, String)| Refused {
            row: at + 1,
            member: old.id,
            column,
            why,
        };
        pasted.refused.extend(refused.into_iter().map(said));
        if untrue.is_empty() {
            if member != *old {
                pasted.members.push(member);
            }
        } else {
            // Nothing of a member that cannot be true is applied.
            let untrue = untrue
                .into_iter()
                .map(|(field, why)| (Column::of(field), format!("{why}，本行未修改")));
            pasted.refused.extend(untrue.map(said));
        }
    }
    pasted
}
