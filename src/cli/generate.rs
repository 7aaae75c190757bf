//! `gridorg generate --preset street|district|city [--seed N] -o OUT.ron`

use crate::document;
use crate::generate::{generate, Preset};
use crate::output::Kind;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `generate`.
#[derive(clap::Args)]
pub struct Args {
    /// 规模 (scale): street 一个街道, district 一个区, city 一个市
    #[arg(long, value_enum)]
    preset: PresetArg,
    /// 随机种子 (seed); 同一种子生成同一文档
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// 输出文件 (output .ron)
    #[arg(short, long)]
    output: PathBuf,
    /// 即使输出文件的扩展名不是 .ron 也写入 (write even if the output's suffix is not .ron)
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum PresetArg {
    Street,
    District,
    City,
}

/// Generates and saves the document.
pub fn run(args: &Args) -> Result<ExitCode, String> {
    let preset = match args.preset {
        PresetArg::Street => Preset::Street,
        PresetArg::District => Preset::District,
        PresetArg::City => Preset::City,
    };
    super::guard::guard_output(&args.output, Kind::Document, &[], args.force)?;
    let document = generate(preset, args.seed);
    document::save(&document, &args.output).map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}
