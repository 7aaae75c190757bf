//! What a meeting's change report (xlsx or PDF) holds: the changes grouped by
//! community and topic, and the counts per community ([`super::balance`]).

use super::balance::Balance;
use super::text::{self, PlaceLines};
use super::Changes;
use crate::mask::Privacy;
use chrono::NaiveDate;

/// A change report for a meeting.
pub struct Report<'a> {
    /// The document's title (NEW's).
    pub title: &'a str,
    /// How OLD is named (its file).
    pub old: &'a str,
    /// How NEW is named.
    pub new: &'a str,
    /// The changes.
    pub changes: &'a Changes,
    /// The counts per community.
    pub balance: &'a Balance,
    /// Masked unless asked.
    pub privacy: Privacy,
    /// The report's date.
    pub today: NaiveDate,
}

impl Report<'_> {
    /// The report's lines, grouped by place then topic, masked as asked.
    pub fn places(&self) -> Vec<PlaceLines> {
        text::grouped(text::lines(self.changes, self.privacy))
    }

    /// The summary sentence printed under the title.
    pub fn summary(&self) -> String {
        let s = self.changes.summary();
        format!(
            "新增 {} 条，删除 {} 条，调整隶属 {} 条，修改 {} 处",
            s.added, s.removed, s.moved, s.changed
        )
    }
}
