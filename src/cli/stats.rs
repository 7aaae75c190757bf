//! `gridorg stats FILE [--format text|json]`

use super::args::Format;
use super::read::read_document;
use crate::controls::escape;
use crate::stats::{stats, Counts, Scope};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `stats`.
#[derive(clap::Args)]
pub struct Args {
    /// 文档 (.ron) 或工作簿 (.xlsx)
    file: PathBuf,
    /// 输出格式 (output format)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Prints the counts and coverage table.
pub fn run(args: &Args) -> Result<ExitCode, String> {
    let document = read_document(&args.file)?;
    let table = stats(&document);
    match args.format {
        Format::Json => super::emit::emit_json(&format!("{}\n", to_json(&table))),
        Format::Text => super::emit::emit(&to_text(&document.title, &table)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The JSON of docs/cli.md, "stats": the document's counts at the top level, a
/// `communities` array with the same counts per community (its length is the
/// number of communities), `streets_list` per street, and `total` with every count.
pub fn to_json(table: &crate::stats::Stats) -> Value {
    let scope = |s: &Scope| {
        let mut v = counts_json(&s.counts);
        v["code"] = json!(s.code);
        v["name"] = json!(s.name);
        v
    };
    let mut top = counts_json(&table.total);
    top["total"] = counts_json(&table.total);
    top["communities"] = Value::Array(table.communities.iter().map(scope).collect());
    top["streets_list"] = Value::Array(table.streets.iter().map(scope).collect());
    top
}

fn counts_json(c: &Counts) -> Value {
    let mut v = serde_json::to_value(c).unwrap_or_default();
    v["grid_coverage_percent"] = json!(round1(c.grid_coverage_percent()));
    v["building_coverage_percent"] = json!(round1(c.building_coverage_percent()));
    v
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The text table: one line per scope.
pub fn to_text(title: &str, table: &crate::stats::Stats) -> String {
    // The title, codes and names come from the document: escaped, so none can
    // drive the terminal or start a line or column of its own.
    let mut out = format!("{} — 统计 (stats)\n\n", escape(title));
    out.push_str(
        "范围\t社区\t支部\t党小组\t中心户\t联系户\t网格\t已覆盖网格\t网格户数\t楼栋覆盖\t党员\t正式\t预备\n",
    );
    let line = |label: &str, c: &Counts| {
        format!(
            "{label}\t{}\t{}\t{}\t{}\t{}\t{}\t{} ({:.1}%)\t{}\t{}/{} ({:.1}%)\t{}\t{}\t{}\n",
            c.communities,
            c.branches,
            c.groups,
            c.central_households,
            c.linked_households,
            c.grids,
            c.grids_covered,
            c.grid_coverage_percent(),
            c.grid_households,
            c.buildings_covered,
            c.buildings,
            c.building_coverage_percent(),
            c.members,
            c.members_full,
            c.members_probationary
        )
    };
    for s in &table.streets {
        out.push_str(&line(
            &format!("{} {}", escape(&s.code), escape(&s.name)),
            &s.counts,
        ));
    }
    for s in &table.communities {
        out.push_str(&line(
            &format!("  {} {}", escape(&s.code), escape(&s.name)),
            &s.counts,
        ));
    }
    out.push_str(&line(
        &format!("合计 (total, {} 个街道)", table.total.streets),
        &table.total,
    ));
    out
}
