//! `gridorg check FILE [--rules R.ron] [--today YYYY-MM-DD] [--format text|json] [--unmasked]`

use super::args::{parse_date, Format};
use super::read::read_document;
use crate::check::{check_with_privacy, Finding, Report, Rules, Severity, DEFAULT_RULES};
use crate::controls::escape;
use crate::mask::Privacy;
use crate::model::{Document, RecordKind};
use crate::stats::stats;
use chrono::NaiveDate;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `check`.
#[derive(clap::Args)]
pub struct Args {
    /// 文档 (.ron) 或工作簿 (.xlsx)
    file: PathBuf,
    /// 规则文件 (rules file); 默认使用内置规则 assets/rules/default.ron
    #[arg(long)]
    rules: Option<PathBuf>,
    /// 以此日期为“今天”计算日期类规则 (date rules measure from this day)
    #[arg(long, value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// 输出格式 (output format)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// 消息中完整显示出生日期、身份证号和电话 (show birth dates, ID numbers and phones whole in the messages)
    #[arg(long)]
    unmasked: bool,
}

/// Runs the check; exit 1 if an unacknowledged error-severity finding remains.
pub fn run(args: &Args) -> Result<ExitCode, String> {
    let rules = match &args.rules {
        Some(path) => Rules::load(path)?,
        None => Rules::parse(DEFAULT_RULES, "assets/rules/default.ron")?,
    };
    let document = read_document(&args.file)?;
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let report = check_with_privacy(&document, &rules, today, Privacy::unless(args.unmasked));
    match args.format {
        Format::Json => {
            let mut value = serde_json::to_value(&report).map_err(|e| e.to_string())?;
            value["stats"] = super::stats::to_json(&stats(&document));
            super::emit::emit_json(&format!("{value}\n"));
        }
        Format::Text => {
            super::emit::emit(&format!(
                "{}\n{}",
                to_text(&report, &document),
                super::stats::to_text(&document.title, &stats(&document))
            ));
        }
    }
    Ok(if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Findings grouped by severity, then by the record they are about: a heading
/// each time the record changes. The code alone does not name a record: a
/// unit's members carry the unit's code.
fn to_text(report: &Report, document: &Document) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let _ = writeln!(
        out,
        "检查结果 (check): {} 个错误 (errors), {} 个警告 (warnings), {} 个提示 (infos), {} 个已确认 (acknowledged)",
        s.errors, s.warnings, s.infos, s.acknowledged
    );
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let mut findings = report
            .findings
            .iter()
            .filter(|f| f.severity == severity && !f.acknowledged)
            .peekable();
        if findings.peek().is_none() {
            continue;
        }
        let _ = writeln!(out, "\n== {} ({}) ==", severity.label(), severity.keyword());
        let mut current = None;
        for f in findings {
            // Names, codes and messages come from the document: escaped, so
            // none can drive the terminal or start a line of its own.
            if current != Some(f.subject) {
                let _ = writeln!(out, "{}", heading(f, document));
                current = Some(f.subject);
            }
            let _ = writeln!(out, "  [{}] {}", f.rule.id(), escape(&f.message));
        }
    }
    let acknowledged: Vec<_> = report.findings.iter().filter(|f| f.acknowledged).collect();
    if !acknowledged.is_empty() {
        let _ = writeln!(out, "\n== 已确认 (acknowledged) ==");
        for f in acknowledged {
            let _ = writeln!(
                out,
                "{}  [{}] {}",
                heading(f, document),
                f.rule.id(),
                escape(&f.message)
            );
        }
    }
    out
}

/// The line naming what a finding is about: its code and name, and for a
/// record another's code stands for (a member, a linked household, a
/// co-building unit) what it is: `XY02-G2 党员 彭斌辉`.
fn heading(f: &Finding, document: &Document) -> String {
    let noun = match document.kind_of(f.subject) {
        Some(kind @ (RecordKind::Member | RecordKind::Household | RecordKind::CoBuilder)) => {
            format!("{} ", kind.noun())
        }
        _ => String::new(),
    };
    format!("{} {noun}{}", escape(&f.code), escape(&f.name))
}
