//! What the commands' arguments share: the text-or-JSON output format of
//! `check`, `stats` and `merge`, and the parser of a date given on the line.

use chrono::NaiveDate;

/// Output format of `check`, `stats` and `merge`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(super) enum Format {
    /// 文本 (text for people)
    Text,
    /// JSON (for scripts)
    Json,
}

/// Parses a date given as `YYYY-MM-DD`, saying in Chinese what is expected.
pub(super) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("「{text}」不是日期 (invalid date)，应为 YYYY-MM-DD，例如 2026-11-23"))
}
