//! The chart or roster as a PDF, made the same way whether it goes to a file
//! or to a printer: what is printed, of which unit, masked or not.

use crate::model::Document;
use crate::pdf::chart::{chart_into, ChartOptions};
use crate::pdf::roster::{roster_to, RosterKind, RosterOptions};
use crate::pdf::{FontSource, Paper, PdfError, Watch};
use chrono::NaiveDate;
use std::io::Write;

/// What is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// The organization chart (组织图).
    Chart,
    /// The members' roster (花名册).
    Roster,
}

impl Content {
    /// Its name: 组织图 or 花名册.
    pub fn name(self) -> &'static str {
        match self {
            Content::Chart => "组织图",
            Content::Roster => "花名册",
        }
    }
}

/// A printout to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printout {
    /// Chart or roster.
    pub content: Content,
    /// The code of the unit whose subtree is printed (everything when `None`).
    pub unit: Option<String>,
    /// The chart's paper (a roster is always A4 landscape).
    pub paper: Paper,
    /// ID numbers, birth dates and phones printed whole.
    pub unmasked: bool,
    /// The print date.
    pub today: NaiveDate,
}

/// A printout made.
#[derive(Debug, Clone)]
pub struct Made {
    /// The PDF's bytes.
    pub bytes: Vec<u8>,
    /// Its pages (sheets, for a chart).
    pub pages: usize,
    /// What it is, for the status bar: 「花名册 3 页」, with a split chart's hint.
    pub summary: String,
}

/// What a printout written to an output was.
#[derive(Debug, Clone)]
pub struct Written {
    /// Its pages (sheets, for a chart).
    pub pages: usize,
    /// What it is, for the status bar: 「花名册 3 页」, with a split chart's hint.
    pub summary: String,
}

/// Makes the printout of `document`, telling `watch` of each page.
pub fn make(document: &Document, printout: &Printout, watch: Watch<'_>) -> Result<Made, PdfError> {
    let (bytes, written) = make_to(document, printout, watch, Vec::new())?;
    Ok(Made {
        bytes,
        pages: written.pages,
        summary: written.summary,
    })
}

/// [`make`] written to `out`: a roster a page at a time as it is made.
pub fn make_to<W: Write>(
    document: &Document,
    printout: &Printout,
    watch: Watch<'_>,
    out: W,
) -> Result<(W, Written), PdfError> {
    let font = FontSource::default();
    let made = match printout.content {
        Content::Chart => {
            let options = ChartOptions {
                root: printout.unit.clone(),
                depth: None,
                paper: printout.paper,
                landscape: true,
                today: printout.today,
                font,
            };
            let made = chart_into(document, &options, out, watch)?;
            let pages = made.sheets.0 * made.sheets.1;
            let mut summary = format!("组织图 {pages} 页");
            if let Some(hint) = &made.hint {
                summary = format!("{summary}（{hint}）");
            }
            (made.bytes, Written { pages, summary })
        }
        Content::Roster => {
            let options = RosterOptions {
                unit: printout.unit.clone(),
                kind: RosterKind::Members,
                unmasked: printout.unmasked,
                today: printout.today,
                font,
            };
            let (out, counts) = roster_to(document, &options, watch, out)?;
            let written = Written {
                pages: counts.pages,
                summary: format!("花名册 {} 页", counts.pages),
            };
            (out, written)
        }
    };
    watch.go_on()?;
    Ok(made)
}

/// The job's title in the printer's queue: the document's title, the unit
/// printed (when not everything) and what is printed — 「西园街道党建网格
/// 迎宾馆社区党委 花名册」.
pub fn title(document: &Document, printout: &Printout) -> String {
    let unit = printout
        .unit
        .as_deref()
        .and_then(|code| document.unit_by_code(code))
        .map(|u| format!(" {}", u.name))
        .unwrap_or_default();
    format!("{}{unit} {}", document.title, printout.content.name())
}

/// The chart's paper for a printer's paper: the A size of that name, else A4.
pub fn paper_named(label: &str) -> Paper {
    match label {
        "A3" => Paper::A3,
        "A2" => Paper::A2,
        "A1" => Paper::A1,
        "A0" => Paper::A0,
        _ => Paper::A4,
    }
}
