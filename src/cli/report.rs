//! `gridorg report FILE [--unit CODE] [--today YYYY-MM-DD] [--format text|json|xlsx|pdf] [-o OUT]`:
//! the statistics tables (党内统计) of [`crate::report`].

use super::args::parse_date;
use crate::output::Kind;
use crate::report::{self, Report};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `report`.
#[derive(clap::Args)]
pub struct Args {
    /// 文档 (.ron) 或工作簿 (.xlsx)
    file: PathBuf,
    /// 只统计此编码的组织及其下级 (only this unit's subtree)
    #[arg(long)]
    unit: Option<String>,
    /// 统计日期，年龄按此日计算 (report date; ages are counted on it)
    #[arg(long, value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// 输出格式；省略时按 -o 的扩展名，否则为文本 (output format; from the -o suffix when omitted)
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// 输出文件；省略时文本和 JSON 打印到标准输出 (output file)
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// 即使输出文件的扩展名与格式不符也写入 (write even if the output's suffix does not fit the format)
    #[arg(long)]
    force: bool,
}

/// `--format` of `report`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// 文本 (text for people)
    Text,
    /// JSON (for scripts)
    Json,
    /// Excel 工作簿，每个表一张工作表 (one sheet per table)
    Xlsx,
    /// PDF，A4 横向，每个表附条形图 (A4, a bar chart beside each table)
    Pdf,
}

impl ReportFormat {
    /// The format an output's suffix names.
    fn of(path: &Path) -> ReportFormat {
        match path
            .extension()
            .and_then(|s| s.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("xlsx") => ReportFormat::Xlsx,
            Some("pdf") => ReportFormat::Pdf,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Text,
        }
    }

    fn kind(self) -> Kind {
        match self {
            ReportFormat::Text => Kind::Text,
            ReportFormat::Json => Kind::Json,
            ReportFormat::Xlsx => Kind::Workbook,
            ReportFormat::Pdf => Kind::Pdf,
        }
    }
}

/// Prints or writes the tables.
pub fn run(args: &Args) -> Result<ExitCode, String> {
    let format = args
        .format
        .or_else(|| args.output.as_deref().map(ReportFormat::of))
        .unwrap_or(ReportFormat::Text);
    if let Some(output) = &args.output {
        // A text may carry any suffix; a workbook or PDF the one it is.
        let text = matches!(format.kind(), Kind::Text | Kind::Json);
        super::guard::guard_output(output, format.kind(), &[&args.file], args.force || text)?;
    } else if matches!(format, ReportFormat::Xlsx | ReportFormat::Pdf) {
        return Err(
            "xlsx 和 pdf 格式需要用 -o 指定输出文件 (output required for a binary format)".into(),
        );
    }
    let document = super::read::read_document(&args.file)?;
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let made = report::report(&document, args.unit.as_deref(), today).map_err(|e| e.to_string())?;
    drop(document);
    let bytes = match format {
        ReportFormat::Text => report::text::to_text(&made).into_bytes(),
        ReportFormat::Json => format!("{}\n", made.to_json()).into_bytes(),
        ReportFormat::Xlsx => report::workbook::to_xlsx(&made).map_err(|e| e.to_string())?,
        ReportFormat::Pdf => pdf(&made)?,
    };
    match &args.output {
        Some(output) => {
            crate::document::write_atomic(output, &bytes).map_err(|e| e.to_string())?;
            super::emit::emit(&format!(
                "已统计 {} 行、{} 名党员 → {}\n",
                made.rows.len(),
                made.total.counts.members,
                output.display()
            ));
        }
        None if format == ReportFormat::Json => {
            super::emit::emit_json(&String::from_utf8_lossy(&bytes));
        }
        None => super::emit::emit(&String::from_utf8_lossy(&bytes)),
    }
    Ok(ExitCode::SUCCESS)
}

fn pdf(made: &Report) -> Result<Vec<u8>, String> {
    let font = crate::pdf::FontSource::default();
    crate::pdf::report::print(made, &font)
        .map(|p| p.bytes)
        .map_err(|e| e.to_string())
}
