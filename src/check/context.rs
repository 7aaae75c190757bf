//! What every rule is handed: the document, the thresholds, today, how messages
//! show personal values, and the index derived from the document.

use super::config::Thresholds;
use super::index;
use crate::mask::Privacy;
use crate::model::Document;
use chrono::NaiveDate;

/// What every rule needs: the document, the rules, today, and derived data.
pub(crate) struct Context<'d> {
    pub document: &'d Document,
    pub thresholds: &'d Thresholds,
    pub today: NaiveDate,
    /// How messages show birth dates and what an ID number hides.
    pub privacy: Privacy,
    pub index: index::Index<'d>,
}
