//! The command line (docs/cli.md): a thin face over the library. Errors go to
//! standard error in Chinese with English keywords; exit status 2 means bad input
//! or bad usage.

mod args;
mod check;
mod diff;
mod emit;
mod exchange;
mod generate;
mod guard;
mod print;
mod read;
mod report;
mod signals;
mod stats;
mod versions;
mod workbook;

pub use read::read_document;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// gridorg — 党建网格（街道党工委—社区党委—网格党支部—党小组—党员中心户）编辑与检查工具
#[derive(Parser)]
#[command(
    name = "gridorg",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// 要打开的文档 (.ron)；省略时打开内置示例 (document to open; the bundled sample if omitted)
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// 运行全部检查规则，列出问题与覆盖率 (run every rule; exit 1 if any error-severity finding)
    Check(check::Args),
    /// 按街道、社区和合计统计数量与覆盖率 (counts and coverage)
    Stats(stats::Args),
    /// 把 Excel 工作簿导入为文档 (workbook → document)
    Import(workbook::ImportArgs),
    /// 把文档导出为同一模板的 Excel 工作簿 (document → workbook)
    Export(workbook::ExportArgs),
    /// 生成空白导入模板 (empty import template with examples and a 说明 sheet)
    Template(workbook::TemplateArgs),
    /// 绘制组织架构图 PDF (org chart PDF)
    Chart(print::ChartArgs),
    /// 打印党员花名册或联系户名册 PDF（默认遮盖身份证号、出生日期和电话）(roster PDF, masked by default)
    Roster(print::RosterArgs),
    /// 打印网格公示牌 PDF，每个网格一页（电话完整打印，便于居民联系）(one notice-board page per grid; phones printed whole so residents can call)
    Poster(print::PosterArgs),
    /// 党内统计表：按社区统计党员类别、性别、民族、年龄、学历、入党时间和党组织 (statistics tables: text, JSON, xlsx or PDF)
    Report(report::Args),
    /// 生成指定规模的合成文档，用于基准测试 (synthetic document for benchmarks)
    Generate(generate::Args),
    /// 比较同一结构的两个版本，列出变动（默认遮盖身份证号和电话）(change report; exit 0 no change, 1 changes)
    Diff(diff::Args),
    /// git 比较文档时调用 (what git runs for `git diff`: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE)
    #[command(name = "diff-driver")]
    DiffDriver(diff::DriverArgs),
    /// 三方合并同一结构的两个版本，冲突记入结果 (three-way merge; exit 1 if conflicts)
    Merge(versions::MergeArgs),
    /// 在 git 仓库中登记 gridorg 为 *.ron 的合并与比较工具 (register gridorg with git)
    GitSetup(versions::SetupArgs),
    /// git 调用的合并程序：结果写回 OURS (what git runs to merge a document)
    MergeDriver(versions::DriverArgs),
    /// 发送数据包：把文档及其历史写成一个 .bundle 文件 (write a 数据包 of DOC)
    Send(exchange::SendArgs),
    /// 接收数据包：合并另一单位发来的 .bundle；exit 1 有冲突 (merge a 数据包; exit 1 if conflicts)
    Receive(exchange::ReceiveArgs),
    /// 与共享仓库同步：取回、合并、无冲突时推送 (fetch, merge, push when clean)
    Sync(exchange::SyncArgs),
}

/// Runs the program with the process's arguments.
pub fn main() -> ExitCode {
    crate::caught::install_hook();
    signals::watch();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let usage_error = e.use_stderr();
            let _ = e.print();
            return if usage_error {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let outcome = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Stats(args)) => stats::run(&args),
        Some(Command::Import(args)) => workbook::import(&args),
        Some(Command::Export(args)) => workbook::export(&args),
        Some(Command::Template(args)) => workbook::template(&args),
        Some(Command::Chart(args)) => print::chart_command(&args),
        Some(Command::Roster(args)) => print::roster_command(&args),
        Some(Command::Poster(args)) => print::poster_command(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Generate(args)) => generate::run(&args),
        Some(Command::Diff(args)) => diff::run(&args),
        Some(Command::DiffDriver(args)) => diff::driver(&args),
        Some(Command::Merge(args)) => versions::run_merge(&args),
        Some(Command::GitSetup(args)) => versions::run_setup(&args),
        Some(Command::MergeDriver(args)) => versions::run_driver(&args),
        Some(Command::Send(args)) => exchange::send(&args),
        Some(Command::Receive(args)) => exchange::receive(&args),
        Some(Command::Sync(args)) => exchange::sync(&args),
        None => open_window(cli.file),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("gridorg: {}", crate::controls::escape_lines(&message));
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(file: Option<PathBuf>) -> Result<ExitCode, String> {
    use crate::gui;
    let shown = match file {
        // The window opens at once and reads the file in the background; a
        // file that isn't there is refused here, with exit status 2 — unless
        // the desktop started gridorg from its entry (a file manager, a
        // shortcut to a file since moved), where nobody reads standard error:
        // then the window comes up and says so, as for any file it cannot read.
        Some(path) if !path.exists() => {
            let missing = format!("{}: 文件不存在 (not found)", path.display());
            if !launched_from_the_desktop_entry() {
                return Err(missing);
            }
            eprintln!("gridorg: {missing}");
            gui::run_file(path)
        }
        Some(path) => gui::run_file(path),
        None => gui::run(gui::bundled_sample().map_err(|e| e.to_string())?, None),
    };
    shown.map_err(|e| format!("无法打开窗口 (window error): {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// Whether this very process was started from a desktop entry by GLib
/// (Nautilus and other GTK file managers, GNOME's launcher, `gio launch`,
/// `gtk-launch`): GLib names the process's own id in
/// `GIO_LAUNCHED_DESKTOP_FILE_PID`. A value inherited from a terminal
/// started that way names the terminal, so a command typed there, or a
/// script, is still refused at once.
#[cfg(feature = "gui")]
fn launched_from_the_desktop_entry() -> bool {
    std::env::var("GIO_LAUNCHED_DESKTOP_FILE_PID")
        .is_ok_and(|pid| pid == std::process::id().to_string())
}

/// Built without the editor (`--no-default-features`): say so rather than do nothing.
#[cfg(not(feature = "gui"))]
fn open_window(_file: Option<PathBuf>) -> Result<ExitCode, String> {
    Err(
        "本程序编译时未包含编辑器窗口 (built without the gui feature)：\
         请用 gridorg check/stats/import/export/chart/roster/poster 等命令，\
         或以默认功能重新编译 (cargo build --features gui)"
            .into(),
    )
}
