//! `gridorg import`, `export` and `template` (a workbook or CSV folder given
//! wherever a FILE is expected is read in [`super::read`]).

use super::read::read_workbook;
use crate::document;
use crate::output::Kind;
use crate::workbook;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// 输入工作簿 (.xlsx) 或 CSV 文件夹
    input: PathBuf,
    /// 输出文档 (.ron)
    #[arg(short, long)]
    output: PathBuf,
    /// 即使输出文件的扩展名不是 .ron 也写入 (write even if the output's suffix is not .ron)
    #[arg(long)]
    force: bool,
}

/// Arguments of `export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// 文档 (.ron 或 .xlsx)
    file: PathBuf,
    /// 输出工作簿 (.xlsx)
    #[arg(short, long)]
    output: PathBuf,
    /// 遮盖身份证号（只保留前 12 位，即地区码和出生年月，如 150602199504******）、出生日期（只写年月）和电话（保留前 3 后 4 位），用于对外分发；这样的工作簿不能再导入 (mask ID numbers, birth dates and phones for sharing; not re-importable)
    #[arg(long)]
    masked: bool,
    /// 即使输出文件的扩展名不是 .xlsx 也写入 (write even if the output's suffix is not .xlsx)
    #[arg(long)]
    force: bool,
}

/// Arguments of `template`.
#[derive(clap::Args)]
pub struct TemplateArgs {
    /// 输出工作簿 (.xlsx)
    #[arg(short, long)]
    output: PathBuf,
    /// 即使输出文件的扩展名不是 .xlsx 也写入 (write even if the output's suffix is not .xlsx)
    #[arg(long)]
    force: bool,
}

/// `gridorg import`: nothing is written unless the whole workbook is good.
pub fn import(args: &ImportArgs) -> Result<ExitCode, String> {
    super::guard::guard_output(&args.output, Kind::Document, &[&args.input], args.force)?;
    let document = read_workbook(&args.input)
        .map_err(|e| format!("{e}\n未写入 {} (nothing written)", args.output.display()))?;
    document::save(&document, &args.output).map_err(|e| e.to_string())?;
    super::emit::emit(&format!(
        "已导入 {} 个组织、{} 个网格、{} 名党员、{} 户联系户、{} 个楼栋、{} 个共建单位 → {}\n",
        document.units.len(),
        document.grids.len(),
        document.members.len(),
        document.households.len(),
        document.buildings.len(),
        document.co_builders.len(),
        args.output.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// `gridorg export`.
pub fn export(args: &ExportArgs) -> Result<ExitCode, String> {
    super::guard::guard_output(&args.output, Kind::Workbook, &[&args.file], args.force)?;
    let document = super::read::read_document(&args.file)?;
    if !document.acknowledgements.is_empty() {
        eprintln!(
            "gridorg: 提示 (notice): 文档中的 {} 条已确认问题不写入工作簿 (acknowledgements not exported)",
            document.acknowledgements.len()
        );
    }
    let mut file = document::AtomicFile::create(&args.output).map_err(|e| e.to_string())?;
    workbook::export_to(&document, args.masked, &mut file).map_err(|e| e.to_string())?;
    file.commit().map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

/// `gridorg template`.
pub fn template(args: &TemplateArgs) -> Result<ExitCode, String> {
    super::guard::guard_output(&args.output, Kind::Workbook, &[], args.force)?;
    let bytes = workbook::template().map_err(|e| e.to_string())?;
    document::write_atomic(&args.output, &bytes).map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}
