//! The change report for a meeting (`gridorg diff --format pdf`): A4, the
//! changes grouped by community and topic, then per community the units and
//! members before and after — 上期 + 增加 − 减少 = 本期 — with 合计.

use super::table::{self, Column, Group, Section};
use super::text::FontSource;
use super::write::Writer;
use super::{Paper, PdfError};
use crate::controls::escape;
use crate::versions::diff::balance::Row;
use crate::versions::diff::report::Report;
use std::borrow::Cow;

const CHANGE_COLUMNS: [(&str, f32); 3] = [("序号", 30.0), ("类别", 78.0), ("变动内容", 419.0)];

const BALANCE_COLUMNS: [(&str, f32); 10] = [
    ("编码", 62.0),
    ("名称", 145.0),
    ("组织上期", 40.0),
    ("组织增加", 40.0),
    ("组织减少", 40.0),
    ("组织本期", 40.0),
    ("党员上期", 40.0),
    ("党员增加", 40.0),
    ("党员减少", 40.0),
    ("党员本期", 40.0),
];

fn columns(spec: &[(&'static str, f32)]) -> Vec<Column> {
    spec.iter()
        .map(|&(title, width)| Column { title, width })
        .collect()
}

/// The report's PDF bytes.
pub fn pdf(report: &Report, font: &FontSource) -> Result<Vec<u8>, PdfError> {
    let mut number = 0;
    let mut changes: Vec<Group> = report
        .places()
        .into_iter()
        .map(|(place, topics)| {
            let count: usize = topics.iter().map(|(_, lines)| lines.len()).sum();
            let rows = topics
                .into_iter()
                .flat_map(|(topic, lines)| {
                    lines
                        .into_iter()
                        .map(move |line| (topic.label(), line.text))
                })
                .map(|(topic, text)| {
                    number += 1;
                    vec![number.to_string().into(), topic.into(), text.into()]
                })
                .collect();
            Group {
                heading: crate::versions::diff::text::place_heading(place.as_ref()),
                subtotal: format!("{count} 项"),
                rows,
            }
        })
        .collect();
    let summary = if changes.is_empty() {
        "没有变动".to_string()
    } else {
        report.summary()
    };
    changes.insert(
        0,
        Group {
            heading: summary,
            subtotal: String::new(),
            rows: vec![],
        },
    );
    let balance = report.balance;
    let rows = balance
        .rows
        .iter()
        .map(|row| balance_row(row, false))
        .chain([balance_row(&balance.total, true)])
        .map(|cells| cells.into_iter().map(Cow::Owned).collect())
        .collect();
    let counts = vec![Group {
        heading: "各社区组织和党员数量：上期 + 增加 − 减少 = 本期".into(),
        subtotal: String::new(),
        rows,
    }];
    let paper = Paper::A4.oriented(false);
    let lines = number + counts[0].rows.len();
    let fewest = table::fewest_pages(lines, paper);
    if fewest > super::MAX_PAGES {
        return Err(PdfError::TooManyPages(fewest));
    }
    let (change_columns, balance_columns) = (columns(&CHANGE_COLUMNS), columns(&BALANCE_COLUMNS));
    let subject = format!("{} → {}", report.old, report.new);
    let frame = table::Frame {
        document: report.title,
        kind: "变动报告",
        subject: &subject,
        printed: report.today,
    };
    let sections = [
        Section {
            columns: &change_columns,
            groups: &changes,
        },
        Section {
            columns: &balance_columns,
            groups: &counts,
        },
    ];
    let title = format!("{} 变动报告", report.title);
    let mut writer = Writer::new(Vec::new(), &title, font, fewest, super::Watch::none())?;
    let maker = writer.maker();
    table::draw(
        &frame,
        &sections,
        font,
        paper,
        &|page, font| maker.make(page, font),
        &mut |made, _| writer.put(made),
    )?;
    writer.finish()
}

fn balance_row(row: &Row, total: bool) -> Vec<String> {
    let (code, name) = match &row.place {
        _ if total => (String::new(), "合计".to_string()),
        Some(p) if p.street => (
            escape(&p.code).into_owned(),
            format!("{}（街道本级）", escape(&p.name)),
        ),
        Some(p) => (escape(&p.code).into_owned(), escape(&p.name).into_owned()),
        None => (String::new(), "未归属".to_string()),
    };
    let mut cells = vec![code, name];
    for n in [
        row.units.before,
        row.units.added,
        row.units.removed,
        row.units.after,
        row.members.before,
        row.members.added,
        row.members.removed,
        row.members.after,
    ] {
        cells.push(n.to_string());
    }
    cells
}
