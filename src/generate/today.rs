//! The date generated documents are made as of.

use chrono::NaiveDate;

/// The date generated documents are made as of: members' ages, joining dates and
/// elections are reckoned from it, and [`super::SAMPLE_FINDINGS`] hold on it.
pub const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 23) {
    Some(date) => date,
    None => panic!("2026-11-23 is a valid date"),
};
