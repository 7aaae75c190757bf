//! The statistics tables of the year's report (党内统计, docs/cli.md,
//! "report"): members by category, gender, 民族, age band, education and the
//! period they joined, 在职报到 and 流动党员, and the organizations by type —
//! a row per community (and per street for what sits directly in it), then 合计.
//!
//! Counted in one pass over the members and one over the units and grids.
//! A member whose unit is missing counts in 合计 only; a missing birth date,
//! education or join date counts as 未填, never dropped. The faces — text, JSON,
//! workbook ([`workbook`]) and PDF ([`crate::pdf::report`]) — all read the
//! [`TABLES`] defined here, so they show the same columns.

mod count;
pub mod table;
pub mod text;
pub mod workbook;

use count::count;
pub use count::{
    age_band, education_class, period, Counts, Row, AGE_BANDS, EDUCATION, PERIODS, TOTAL,
};
pub use table::{Column, Percent, Table, TABLES};

use crate::graph::Graph;
use crate::model::Document;
use chrono::NaiveDate;

/// The tables of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The report date ages are counted on.
    pub today: NaiveDate,
    /// The document's title.
    pub title: String,
    /// What the report covers: the whole document (`None`), or a unit's
    /// subtree (its code and name).
    pub scope: Option<(String, String)>,
    /// A row per community and per street, in natural order.
    pub rows: Vec<Row>,
    /// 合计.
    pub total: Row,
}

/// Why a report could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// `--unit` names no unit.
    #[error("找不到编码为 {0} 的组织 (unknown unit)：请检查 --unit")]
    UnknownUnit(String),
}

/// Makes the report of `document` on `today`, for the subtree of the unit
/// with code `unit` or for everything.
pub fn report(
    document: &Document,
    unit: Option<&str>,
    today: NaiveDate,
) -> Result<Report, ReportError> {
    report_with(document, &Graph::units(document), unit, today)
}

/// [`report`] from the graph of `document` already built (its unit tree is
/// all it reads, so [`Graph::units`] will do).
pub fn report_with(
    document: &Document,
    graph: &Graph,
    unit: Option<&str>,
    today: NaiveDate,
) -> Result<Report, ReportError> {
    let root = match unit {
        Some(code) => Some(
            document
                .unit_by_code(code.trim())
                .ok_or_else(|| ReportError::UnknownUnit(code.to_string()))?,
        ),
        None => None,
    };
    let (rows, total) = count(document, graph, root.map(|u| u.id), today);
    Ok(Report {
        today,
        title: document.title.clone(),
        scope: root.map(|u| (u.code.clone(), u.name.clone())),
        rows,
        total,
    })
}

impl Report {
    /// The rows, then 合计.
    pub fn all_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().chain(std::iter::once(&self.total))
    }

    /// What the report covers, as the titles say it: 全部 or 名称（编码）.
    pub fn scope_label(&self) -> String {
        self.scope
            .as_ref()
            .map_or_else(|| "全部".to_string(), |(c, n)| format!("{n}（{c}）"))
    }

    /// The JSON of docs/cli.md, "report": `{"today", "rows": [...]}`, each row with
    /// `code`, `name`, every count as an integer, and the percentages as
    /// extra keys (a number to one decimal, `null` for a row without members).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{json, Map, Value};
        let rows: Vec<Value> = self
            .all_rows()
            .map(|row| {
                let mut map = Map::new();
                map.insert("code".into(), json!(row.code));
                map.insert("name".into(), json!(row.name));
                for (key, value) in row.counts.fields() {
                    map.insert(key.into(), json!(value));
                }
                for percent in table::PERCENTS {
                    let value = percent
                        .tenths(&row.counts)
                        .map_or(Value::Null, |t| json!(f64::from(t) / 10.0));
                    map.insert(percent.key.into(), value);
                }
                Value::Object(map)
            })
            .collect();
        json!({ "today": self.today.to_string(), "rows": rows })
    }
}
