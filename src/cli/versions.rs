//! `gridorg merge BASE OURS THEIRS -o OUT [--format text|json]`,
//! `gridorg merge-driver BASE OURS THEIRS [PATH]` and `gridorg git-setup [DIR]`
//! (docs/cli.md, "merge", "git-setup" and "merge-driver").

use super::args::Format;
use crate::document;
use crate::field_name::conflict_field;
use crate::label::{code_and_name, ConflictValues};
use crate::mask::Privacy;
use crate::model::{Conflict, Document};
use crate::versions::merge_read::{self, MergeError, MergedFiles};
use crate::versions::Merged;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `merge`.
#[derive(clap::Args)]
pub struct MergeArgs {
    /// 共同的祖先版本 (the common base)
    base: PathBuf,
    /// 我方版本 (ours)
    ours: PathBuf,
    /// 对方版本 (theirs)
    theirs: PathBuf,
    /// 合并结果 (.ron)，不能是三个输入之一 (the merged document; not one of the inputs)
    #[arg(short, long)]
    output: PathBuf,
    /// 输出格式 (output format of the report)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// 报告中完整显示身份证号、出生日期和电话 (show ID numbers, birth dates and phones whole in the report)
    #[arg(long)]
    unmasked: bool,
    /// 输出文件名不以 .ron 结尾时仍写入 (write even if OUT does not end in .ron)
    #[arg(long)]
    force: bool,
}

/// Arguments of `merge-driver` (what git runs: `%O %A %B %P`).
#[derive(clap::Args)]
pub struct DriverArgs {
    /// 共同祖先的临时文件 (%O)
    base: PathBuf,
    /// 我方的临时文件，合并结果写回此处 (%A; the result is written here)
    ours: PathBuf,
    /// 对方的临时文件 (%B)
    theirs: PathBuf,
    /// 文档在仓库中的路径，仅用于提示 (%P; the document's path, for messages)
    path: Option<String>,
}

/// Arguments of `git-setup`.
#[derive(clap::Args)]
pub struct SetupArgs {
    /// git 仓库文件夹（默认为当前文件夹）(the repository; default: the current folder)
    dir: Option<PathBuf>,
}

/// Reads the three sides and merges them; refuses documents of different
/// structures, and a merge that would not load.
fn merge_files(base: &Path, ours: &Path, theirs: &Path) -> Result<MergedFiles, MergeError> {
    merge_read::merge_files([base, ours, theirs], false)
}

/// Runs `merge`: exit 0 clean, 1 with conflicts (OUT written whole either
/// way, the document it replaces kept as `OUT.bak`); a merge that would not
/// load writes nothing.
pub fn run_merge(args: &MergeArgs) -> Result<ExitCode, String> {
    super::guard::guard_output(
        &args.output,
        crate::output::Kind::Document,
        &[&args.base, &args.ours, &args.theirs],
        args.force,
    )?;
    let merged = merge_files(&args.base, &args.ours, &args.theirs).map_err(|e| match e {
        MergeError::Input(message) => message,
        MergeError::Invalid(_) => format!(
            "{}: {e}；未写入任何文件 (nothing written)",
            args.output.display()
        ),
    })?;
    if let Some(notice) = crate::store::ids::notice() {
        super::emit::notice(&notice);
    }
    document::write_with_backup(&args.output, merged.text.as_bytes()).map_err(|e| e.to_string())?;
    let merged = &merged.merged;
    match args.format {
        Format::Json => super::emit::emit_json(&format!("{}\n", to_json(merged, args.unmasked))),
        Format::Text => super::emit::emit(&to_text(merged, args.unmasked)),
    }
    Ok(exit(merged))
}

/// Runs `merge-driver`: the result goes into OURS in place, atomically.
pub fn run_driver(args: &DriverArgs) -> Result<ExitCode, String> {
    let shown = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    let merged = merge_files(&args.base, &args.ours, &args.theirs).map_err(|e| {
        format!("{shown}: 无法合并 (merge failed)，文件未改动 (left as it was): {e}")
    })?;
    document::write_atomic(&args.ours, merged.text.as_bytes())
        .map_err(|e| format!("{shown}: {e}"))?;
    let merged = &merged.merged;
    if !merged.conflicts.is_empty() {
        eprintln!(
            "gridorg: {}: {} 处合并冲突 (merge conflicts)，已记入文档；用 gridorg check 查看，在编辑器中解决后提交",
            crate::controls::escape_lines(&shown),
            merged.conflicts.len()
        );
    }
    Ok(exit(merged))
}

fn exit(merged: &Merged) -> ExitCode {
    if merged.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// A conflict's values as a report shows them.
fn values(c: &Conflict, unmasked: bool) -> ConflictValues {
    ConflictValues::of(c, Privacy::unless(unmasked))
}

/// A value as written in the file, as JSON: strings, numbers, booleans and
/// lists of strings as themselves, anything else (a date, an enum) as text.
fn json_value(value: Option<String>) -> Value {
    match value {
        None => Value::Null,
        Some(text) => serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

/// The conflicts of `document` as `merge --format json` lists them.
pub(super) fn conflicts_json(
    document: &Document,
    conflicts: &[Conflict],
    unmasked: bool,
) -> Vec<Value> {
    conflicts
        .iter()
        .map(|c| {
            let (code, name) = code_and_name(document, c.id);
            let shown = values(c, unmasked);
            let mut entry = json!({
                "record": c.record.key(), "id": c.id.0, "code": code, "name": name,
                "field": c.field, "base": json_value(shown.base), "ours": json_value(shown.ours),
                "theirs": json_value(shown.theirs),
            });
            if let Some(differs) = shown.differs {
                entry["differs"] = Value::String(differs);
            }
            entry
        })
        .collect()
}

fn to_json(merged: &Merged, unmasked: bool) -> Value {
    let conflicts = conflicts_json(&merged.document, &merged.conflicts, unmasked);
    let renumbered: Vec<Value> = merged
        .renumbered
        .iter()
        .map(|(from, to)| json!({"from": from.0, "to": to.0}))
        .collect();
    json!({"conflicts": conflicts, "applied": merged.applied, "renumbered": renumbered})
}

fn to_text(merged: &Merged, unmasked: bool) -> String {
    let mut out = format!(
        "合并完成 (merged)：采用我方修改 {} 处 (ours)，对方修改 {} 处 (theirs)，冲突 {} 处 (conflicts)\n",
        merged.applied.ours,
        merged.applied.theirs,
        merged.conflicts.len()
    );
    if !merged.renumbered.is_empty() {
        out.push_str(&format!(
            "两方以同一编号新增了不同记录 (same id added on both sides)：对方的 {} 条改用新编号，均已保留\n",
            merged.renumbered.len()
        ));
    }
    for c in &merged.conflicts {
        let (code, name) = code_and_name(&merged.document, c.id);
        let shown = values(c, unmasked);
        let note = shown.note();
        let [base, ours, theirs] =
            [shown.base, shown.ours, shown.theirs].map(|v| v.unwrap_or_else(|| "（无）".into()));
        out.push_str(&format!(
            "  冲突 (conflict) {} {code} {name} [{}]：原 {base}，我方 {ours}，对方 {theirs}{note}\n",
            c.record.noun(),
            conflict_field(&merged.document, c)
        ));
    }
    if !merged.conflicts.is_empty() {
        out.push_str("文档中暂用我方的值并记下了每处冲突；gridorg check 会逐条列出 (merge-conflict)，请在编辑器中解决\n");
    }
    out
}

/// Runs `git-setup`: `.gitattributes`, `.gitignore` and the repository's
/// config ([`crate::versions::setup`]).
pub fn run_setup(args: &SetupArgs) -> Result<ExitCode, String> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let exe = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| format!("找不到本程序的路径 (current exe): {e}"))?;
    let top = crate::versions::setup::setup(&dir, &exe)?;
    super::emit::emit(&format!(
        "已在 {} 登记 gridorg (git-setup done)：*.ron 由 {} 合并 (merge-driver) 与比较 (diff-driver)；.gitignore 不收 .bak、恢复日志与数据包；请提交 .gitattributes 与 .gitignore\n",
        top.display(),
        exe.display()
    ));
    Ok(ExitCode::SUCCESS)
}
