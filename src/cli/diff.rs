//! `gridorg diff OLD NEW [--format text|json|xlsx|pdf] [-o OUT] [--unmasked]`
//! and `gridorg diff-driver`, what git runs for `git diff` (docs/cli.md,
//! "diff" and "diff-driver").

use super::args::parse_date;
use crate::document;
use crate::graph::Graph;
use crate::mask::Privacy;
use crate::model::Document;
use crate::output::Kind;
use crate::versions::diff::{self, balance, json, read, text, Changes};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `diff`.
#[derive(clap::Args)]
pub struct Args {
    /// 旧版本 (OLD .ron)
    old: PathBuf,
    /// 新版本 (NEW .ron)
    new: PathBuf,
    /// 输出格式 (output format)；默认按 -o 的扩展名，否则为 text
    #[arg(long, value_enum)]
    format: Option<DiffFormat>,
    /// 输出文件 (output file)；xlsx 和 pdf 必须指定
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// 完整显示身份证号、出生日期和电话（默认遮盖）(show ID numbers, birth dates and phones whole)
    #[arg(long)]
    unmasked: bool,
    /// 报告日期 (date printed on the xlsx/pdf report)
    #[arg(long, value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// 即使输出文件的扩展名与格式不符也写入 (write even if the output's suffix does not fit)
    #[arg(long)]
    force: bool,
}

/// `--format` of `diff`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// 文本 (text for people)
    Text,
    /// JSON (for scripts)
    Json,
    /// Excel 工作簿 (change report for a meeting)
    Xlsx,
    /// PDF (change report for a meeting)
    Pdf,
}

impl DiffFormat {
    fn kind(self) -> Kind {
        match self {
            DiffFormat::Text => Kind::Text,
            DiffFormat::Json => Kind::Json,
            DiffFormat::Xlsx => Kind::Workbook,
            DiffFormat::Pdf => Kind::Pdf,
        }
    }

    /// The format an output's suffix names; text for any other.
    fn of(path: &Path) -> DiffFormat {
        let suffix = path
            .extension()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match suffix.as_str() {
            "json" => DiffFormat::Json,
            "xlsx" => DiffFormat::Xlsx,
            "pdf" => DiffFormat::Pdf,
            _ => DiffFormat::Text,
        }
    }
}

/// Arguments of `diff-driver`: git's seven for an external diff.
#[derive(clap::Args)]
pub struct DriverArgs {
    /// 文档在仓库中的路径 (path in the repository)
    path: String,
    /// 旧版本的文件（新增时为 /dev/null）(old file)
    old_file: PathBuf,
    /// 旧版本的对象哈希 (old blob)
    old_hex: String,
    /// 旧版本的文件模式 (old mode)
    old_mode: String,
    /// 新版本的文件（删除时为 /dev/null）(new file)
    new_file: PathBuf,
    /// 新版本的对象哈希 (new blob)
    new_hex: String,
    /// 新版本的文件模式 (new mode)
    new_mode: String,
}

/// Refuses a workbook: it has no ids, so nothing can be matched.
fn refuse_workbook(path: &Path) -> Result<(), String> {
    if crate::workbook::is_workbook(path) {
        return Err(format!(
            "{}: 这是工作簿或 CSV 文件夹 (workbook)，没有内部编号，无法按记录比较：\
             diff 只比较同一结构的两个 gridorg 文档 (.ron)",
            path.display()
        ));
    }
    Ok(())
}

/// Reads two versions and makes sure they are versions of one structure. A
/// quick read holds every unit and grid but only the records that differ, so
/// it can only make the share of records the two have in common look smaller
/// (files without a structure identity): a refusal is confirmed on the whole files.
fn related_pair(old: &Path, new: &Path, whole: bool) -> Result<read::Pair, String> {
    let pair = read::read_pair(old, new, whole).map_err(|e| e.to_string())?;
    let pair = match crate::versions::related(&pair.old, &pair.new) {
        Ok(()) => return Ok(pair),
        Err(_) if pair.partial => read::read_pair(old, new, true).map_err(|e| e.to_string())?,
        Err(why) => return Err(unrelated(old, new, &why)),
    };
    crate::versions::related(&pair.old, &pair.new)
        .map(|()| pair)
        .map_err(|why| unrelated(old, new, &why))
}

fn unrelated(old: &Path, new: &Path, why: &crate::versions::Unrelated) -> String {
    format!(
        "{} 与 {}: {why}；未写入任何内容 (nothing written)",
        old.display(),
        new.display()
    )
}

/// `gridorg diff`: exit 0 no change, 1 changes, 2 bad input or usage.
pub fn run(args: &Args) -> Result<ExitCode, String> {
    let format = args
        .format
        .or(args.output.as_deref().map(DiffFormat::of))
        .unwrap_or(DiffFormat::Text);
    if args.output.is_none() && matches!(format, DiffFormat::Xlsx | DiffFormat::Pdf) {
        return Err("xlsx 和 pdf 格式需要用 -o 指定输出文件 (binary format needs -o)".into());
    }
    refuse_workbook(&args.old)?;
    refuse_workbook(&args.new)?;
    if let Some(output) = &args.output {
        super::guard::guard_output(output, format.kind(), &[&args.old, &args.new], args.force)?;
    }
    let whole = matches!(format, DiffFormat::Xlsx | DiffFormat::Pdf);
    let pair = related_pair(&args.old, &args.new, whole)?;
    let units = (diff::unit_graph(&pair.old), diff::unit_graph(&pair.new));
    let changes = diff::changes_with(&pair.old, &pair.new, &units.0, &units.1);
    let privacy = Privacy::unless(args.unmasked);
    let (old_name, new_name) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let bytes = match format {
        DiffFormat::Text => text::to_text(&changes, privacy, &old_name, &new_name).into_bytes(),
        DiffFormat::Json => format!("{}\n", json::to_json(&changes, privacy)).into_bytes(),
        DiffFormat::Xlsx | DiffFormat::Pdf => {
            let report = Report {
                changes: &changes,
                old: &pair.old,
                new: &pair.new,
                units: &units,
                names: (&old_name, &new_name),
                privacy,
                today: args
                    .today
                    .unwrap_or_else(|| chrono::Local::now().date_naive()),
            };
            report.bytes(format)?
        }
    };
    match &args.output {
        Some(output) => document::write_atomic(output, &bytes).map_err(|e| e.to_string())?,
        None if format == DiffFormat::Json => {
            super::emit::emit_json(&String::from_utf8_lossy(&bytes));
        }
        None => super::emit::emit(&String::from_utf8_lossy(&bytes)),
    }
    Ok(if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What a meeting's report (xlsx or PDF) is made from.
struct Report<'a> {
    changes: &'a Changes,
    old: &'a Document,
    new: &'a Document,
    /// The graphs of OLD's and NEW's units.
    units: &'a (Graph, Graph),
    names: (&'a str, &'a str),
    privacy: Privacy,
    today: NaiveDate,
}

impl Report<'_> {
    fn bytes(&self, format: DiffFormat) -> Result<Vec<u8>, String> {
        let balance = balance::balance(self.old, self.new, &self.units.0, &self.units.1);
        let report = diff::report::Report {
            title: &self.new.title,
            old: self.names.0,
            new: self.names.1,
            changes: self.changes,
            balance: &balance,
            privacy: self.privacy,
            today: self.today,
        };
        match format {
            DiffFormat::Pdf => {
                crate::pdf::changes::pdf(&report, &crate::pdf::FontSource::default())
                    .map_err(|e| e.to_string())
            }
            _ => diff::workbook::workbook(&report).map_err(|e| e.to_string()),
        }
    }
}

/// `gridorg diff-driver`: prints the change report of one file for `git
/// diff`; `/dev/null` is an empty structure. Whatever it cannot compare it
/// says in the report and exits 0, so git goes on to the next file.
pub fn driver(args: &DriverArgs) -> Result<ExitCode, String> {
    let shown = |hex: &str| hex.chars().take(7).collect::<String>();
    let mut out = format!(
        "gridorg diff {} ({} → {})\n",
        crate::controls::escape(&args.path),
        shown(&args.old_hex),
        shown(&args.new_hex)
    );
    match driver_changes(args) {
        Ok(changes) => {
            let report = text::to_text(&changes, Privacy::Masked, "a/", "b/");
            // The report's own first line names the two files; git's names are
            // the header above.
            let body = report.split_once('\n').map_or("", |(_, rest)| rest);
            out.push_str(body);
        }
        Err(message) => out.push_str(&format!("无法比较 (cannot compare): {message}\n")),
    }
    super::emit::emit(&out);
    Ok(ExitCode::SUCCESS)
}

fn driver_changes(args: &DriverArgs) -> Result<Changes, String> {
    let absent = |path: &Path| path == Path::new("/dev/null");
    let load = |path: &Path| -> Result<Document, String> {
        if absent(path) {
            Ok(Document::default())
        } else {
            document::load(path).map_err(|e| e.to_string())
        }
    };
    if absent(&args.old_file) || absent(&args.new_file) {
        return Ok(diff::changes(
            &load(&args.old_file)?,
            &load(&args.new_file)?,
        ));
    }
    let pair = related_pair(&args.old_file, &args.new_file, false)?;
    Ok(diff::changes(&pair.old, &pair.new))
}
