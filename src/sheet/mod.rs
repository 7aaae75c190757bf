//! The members sheet: a unit's members (or a community's, all below it) one
//! row each in the columns of the template's 党员 sheet, sorted and filtered
//! by column (`table`), each cell shown and read by the template's cell rules
//! (`column`); a block pasted from Excel or WPS (`tsv`) or typed in place is
//! put over the rows as one edit, what cannot be read or be true said with
//! its row (`paste`). No window here: the window's sheet draws this.

pub mod column;
pub mod paste;
pub mod table;
pub mod tsv;

pub use column::Column;
pub use paste::{paste, Pasted, Refused};
pub use table::Table;
