//! `gridorg chart`, `roster` and `poster`: printouts as PDF.

use super::args::parse_date;
use crate::output::Kind;
use crate::pdf::chart::{chart_into, Chart, ChartOptions};
use crate::pdf::poster::{posters_to, PosterOptions};
use crate::pdf::roster::{roster_to, RosterKind, RosterOptions};
use crate::pdf::{self, FontSource, Paper, PdfError, Watch};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `chart`.
#[derive(clap::Args)]
pub struct ChartArgs {
    /// 文档 (.ron 或 .xlsx)
    file: PathBuf,
    /// 输出 PDF
    #[arg(short, long)]
    output: PathBuf,
    /// 从此编码的组织画起 (chart the subtree under this unit code)
    #[arg(long)]
    root: Option<String>,
    /// 画出的层数，起点组织为第 1 层 (levels to draw)
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..))]
    depth: Option<u8>,
    /// 纸张 (paper size)
    #[arg(long, value_enum, ignore_case = true, default_value_t = PaperArg::A3)]
    paper: PaperArg,
    /// 横向 (landscape)
    #[arg(long)]
    landscape: bool,
    /// 制图日期，也用于标出有错误的组织 (date printed and used by the checks)
    #[arg(long, value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// 改用此字体文件 (.ttf/.otf/.ttc，例如仿宋)；默认使用内置的思源黑体 (font file)
    #[arg(long)]
    font: Option<PathBuf>,
    /// 即使输出文件的扩展名不是 .pdf 也写入 (write even if the output's suffix is not .pdf)
    #[arg(long)]
    force: bool,
}

/// `--paper`: the A series.
#[derive(Clone, Copy, clap::ValueEnum)]
#[value(rename_all = "UPPER")]
enum PaperArg {
    A4,
    A3,
    A2,
    A1,
    A0,
}

impl From<PaperArg> for Paper {
    fn from(paper: PaperArg) -> Paper {
        match paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::A3 => Paper::A3,
            PaperArg::A2 => Paper::A2,
            PaperArg::A1 => Paper::A1,
            PaperArg::A0 => Paper::A0,
        }
    }
}

/// `--kind`: which roster.
#[derive(Clone, Copy, clap::ValueEnum)]
enum KindArg {
    /// 党员花名册
    Members,
    /// 联系户名册
    Households,
}

impl From<KindArg> for RosterKind {
    fn from(kind: KindArg) -> RosterKind {
        match kind {
            KindArg::Members => RosterKind::Members,
            KindArg::Households => RosterKind::Households,
        }
    }
}

fn font(path: Option<&Path>) -> Result<FontSource, String> {
    path.map_or_else(|| Ok(FontSource::default()), FontSource::from_file)
        .map_err(|e| e.to_string())
}

/// A printout's refusal, with the command's own option that chooses the unit
/// printed where that is the way out (an unknown code, too many pages).
fn naming_option(error: PdfError, option: &str) -> String {
    match error {
        PdfError::UnknownCode(_) => format!("{error}：请检查 {option}"),
        PdfError::TooManyPages(_) => {
            format!("{error}，用 {option} 编码 每次打印一个组织及其下级")
        }
        other => other.to_string(),
    }
}

/// `gridorg chart`.
pub fn chart_command(args: &ChartArgs) -> Result<ExitCode, String> {
    super::guard::guard_output(&args.output, Kind::Pdf, &[&args.file], args.force)?;
    let document = super::read::read_document(&args.file)?;
    let options = ChartOptions {
        root: args.root.clone(),
        depth: args.depth,
        paper: args.paper.into(),
        landscape: args.landscape,
        today: args
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        font: font(args.font.as_deref())?,
    };
    let made = pdf::save_streamed(&args.output, |out| {
        chart_into(&document, &options, out, Watch::none()).map(Chart::without_output)
    })
    .map_err(|e| naming_option(e, "--root"))?;
    if let Some(hint) = &made.hint {
        super::emit::notice(hint);
    }
    super::emit::emit(&format!(
        "已绘制 {} 个组织，{} 页（{} 列 × {} 行），最小字号 {:.1} pt → {}\n",
        made.boxes,
        made.sheets.0 * made.sheets.1,
        made.sheets.0,
        made.sheets.1,
        made.smallest_text,
        args.output.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `roster`.
#[derive(clap::Args)]
pub struct RosterArgs {
    /// 文档 (.ron 或 .xlsx)
    file: PathBuf,
    /// 输出 PDF
    #[arg(short, long)]
    output: PathBuf,
    /// 只打印此编码的组织及其下级 (only this unit's subtree)
    #[arg(long)]
    unit: Option<String>,
    /// 党员花名册 (members) 或联系户名册 (households)
    #[arg(long, value_enum, default_value_t = KindArg::Members)]
    kind: KindArg,
    /// 打印完整的身份证号、出生日期和电话（默认身份证号只显示地区码和出生年月，出生日期只显示年月，电话遮盖中间位）(print ID numbers, birth dates and phones whole)
    #[arg(long)]
    unmasked: bool,
    /// 打印日期 (print date)
    #[arg(long, value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// 改用此字体文件 (.ttf/.otf/.ttc)；默认使用内置的思源黑体 (font file)
    #[arg(long)]
    font: Option<PathBuf>,
    /// 即使输出文件的扩展名不是 .pdf 也写入 (write even if the output's suffix is not .pdf)
    #[arg(long)]
    force: bool,
}

/// `gridorg roster`.
pub fn roster_command(args: &RosterArgs) -> Result<ExitCode, String> {
    super::guard::guard_output(&args.output, Kind::Pdf, &[&args.file], args.force)?;
    let document = super::read::read_document(&args.file)?;
    let options = RosterOptions {
        unit: args.unit.clone(),
        kind: args.kind.into(),
        unmasked: args.unmasked,
        today: args
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        font: font(args.font.as_deref())?,
    };
    let made = pdf::save_streamed(&args.output, |out| {
        roster_to(&document, &options, Watch::none(), out).map(|(_, counts)| counts)
    })
    .map_err(|e| naming_option(e, "--unit"))?;
    super::emit::emit(&format!(
        "已打印 {} 行，{} 页 → {}\n",
        made.rows,
        made.pages,
        args.output.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `poster`.
#[derive(clap::Args)]
pub struct PosterArgs {
    /// 文档 (.ron 或 .xlsx)
    file: PathBuf,
    /// 输出 PDF
    #[arg(short, long)]
    output: PathBuf,
    /// 只打印此编码的组织所辖的网格 (only the grids of this unit)
    #[arg(long)]
    unit: Option<String>,
    /// 打印日期 (print date)
    #[arg(long, value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// 改用此字体文件 (.ttf/.otf/.ttc)；默认使用内置的思源黑体 (font file)
    #[arg(long)]
    font: Option<PathBuf>,
    /// 即使输出文件的扩展名不是 .pdf 也写入 (write even if the output's suffix is not .pdf)
    #[arg(long)]
    force: bool,
}

/// `gridorg poster`.
pub fn poster_command(args: &PosterArgs) -> Result<ExitCode, String> {
    super::guard::guard_output(&args.output, Kind::Pdf, &[&args.file], args.force)?;
    let document = super::read::read_document(&args.file)?;
    let options = PosterOptions {
        unit: args.unit.clone(),
        today: args
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        font: font(args.font.as_deref())?,
    };
    let pages = pdf::save_streamed(&args.output, |out| {
        posters_to(&document, &options, Watch::none(), out).map(|(_, pages)| pages)
    })
    .map_err(|e| naming_option(e, "--unit"))?;
    super::emit::emit(&format!(
        "已打印 {} 个网格的公示牌 → {}\n",
        pages,
        args.output.display()
    ));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_pages_names_the_cap_and_the_option_that_prints_a_part() {
        let said = naming_option(PdfError::TooManyPages(100_001), "--unit");
        assert!(said.contains("too many pages"), "{said}");
        assert!(said.contains("100000") && said.contains("100001"), "{said}");
        assert!(said.contains("--unit"), "{said}");
    }
}
