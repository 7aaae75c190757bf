//! `gridorg send`, `receive` and `sync` (docs/cli.md, "Exchange between
//! offices"): 数据包 between offices, over [`crate::versions::exchange`].

use super::args::Format;
use crate::store::office;
use crate::versions::exchange::{self, ExchangeError, Incoming, Outcome, Received};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `send`.
#[derive(clap::Args)]
pub struct SendArgs {
    /// 要发送的文档 (.ron)
    doc: PathBuf,
    /// 写出的数据包 (.bundle)
    #[arg(short, long)]
    output: PathBuf,
    /// 本单位名称，记在数据文件夹中供以后使用 (this office's name; kept)
    #[arg(long)]
    office: Option<String>,
}

/// Arguments of `receive`.
#[derive(clap::Args)]
pub struct ReceiveArgs {
    /// 接收到的文档 (.ron)；尚不存在时由数据包生成 (made from the bundle if absent)
    doc: PathBuf,
    /// 收到的数据包 (.bundle)
    bundle: PathBuf,
    /// 输出格式 (output format of the report)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// 本单位名称，记在数据文件夹中供以后使用 (this office's name; kept)
    #[arg(long)]
    office: Option<String>,
}

/// Arguments of `sync`.
#[derive(clap::Args)]
pub struct SyncArgs {
    /// 要同步的文档 (.ron)
    doc: PathBuf,
    /// 共享仓库：git 远程名、文件夹或网址；记住后可省略 (shared repository; remembered)
    #[arg(long)]
    remote: Option<String>,
    /// 本单位名称，记在数据文件夹中供以后使用 (this office's name; kept)
    #[arg(long)]
    office: Option<String>,
}

/// The office: the one given (and kept from now on) or the one kept.
fn office_of(given: Option<&str>) -> Result<String, String> {
    match given {
        Some(name) => office::set_office(name).map_err(|e| e.to_string()),
        None => office::office().ok_or_else(|| ExchangeError::NoOffice.to_string()),
    }
}

/// Runs `send`: exit 0, or 2 with nothing written.
pub fn send(args: &SendArgs) -> Result<ExitCode, String> {
    let office = office_of(args.office.as_deref())?;
    let sent = exchange::send(&args.doc, &args.output, &office).map_err(|e| e.to_string())?;
    let mut text = String::new();
    if sent.started {
        text.push_str(&format!(
            "{} 此前未记录版本：其文件夹已成为版本库 (git repository)，文档已提交为第一个版本 (version control started)\n",
            args.doc.display()
        ));
    }
    if let Some(commit) = &sent.committed {
        text.push_str(&format!("已先提交保存的文档 (committed) {commit}\n"));
    }
    text.push_str(&format!(
        "已写出数据包 (bundle written) {}：{} 个版本，最新 {}，{} 字节，发送单位 {office}\n",
        args.output.display(),
        sent.commits,
        sent.latest,
        sent.bytes
    ));
    super::emit::emit(&text);
    Ok(ExitCode::SUCCESS)
}

/// Runs `receive`: exit 0 merged (or nothing new), 1 conflicts, 2 refused.
pub fn receive(args: &ReceiveArgs) -> Result<ExitCode, String> {
    let office = office_of(args.office.as_deref())?;
    let received =
        exchange::receive(&args.doc, &args.bundle, &office).map_err(|e| e.to_string())?;
    report(&args.doc, &received, args.format)?;
    Ok(exit(&received))
}

/// Runs `sync`: exit 0, 1 conflicts, 2 refused or offline.
pub fn sync(args: &SyncArgs) -> Result<ExitCode, String> {
    let office = office_of(args.office.as_deref())?;
    let synced =
        exchange::sync(&args.doc, args.remote.as_deref(), &office).map_err(|e| e.to_string())?;
    if synced.received.outcome == Outcome::Already {
        super::emit::emit(&format!(
            "共享仓库 {} 没有本单位尚未有的版本 (nothing new)\n",
            synced.remote
        ));
    } else {
        report(&args.doc, &synced.received, Format::Text)?;
    }
    super::emit::emit(&if synced.pushed {
        format!("已推送到共享仓库 (pushed) {}\n", synced.remote)
    } else if synced.received.outcome == Outcome::Conflicts {
        format!(
            "解决冲突并完成合并后再同步一次，才会推送到 {} (not pushed)\n",
            synced.remote
        )
    } else {
        format!("共享仓库 {} 已是最新 (up to date)\n", synced.remote)
    });
    Ok(exit(&synced.received))
}

fn exit(received: &Received) -> ExitCode {
    if received.outcome == Outcome::Conflicts {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Says what came in and how it ended, as text or JSON; conflicts masked.
fn report(doc: &std::path::Path, received: &Received, format: Format) -> Result<(), String> {
    let conflicts = if received.conflicts.is_empty() {
        Vec::new()
    } else {
        let document = crate::document::load(doc).map_err(|e| e.to_string())?;
        super::versions::conflicts_json(&document, &received.conflicts, false)
    };
    let incoming = &received.incoming;
    match format {
        Format::Json => {
            let value = json!({
                "from": incoming.from, "when": incoming.when, "commits": incoming.commits,
                "outcome": outcome_key(&received.outcome), "summary": incoming.summary,
                "communities": incoming.communities, "conflicts": conflicts,
            });
            super::emit::emit_json(&format!("{value}\n"));
        }
        Format::Text => super::emit::emit(&text(doc, incoming, &received.outcome, conflicts.len())),
    }
    Ok(())
}

/// The outcome as the JSON report names it.
fn outcome_key(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Already => "already",
        Outcome::Created => "created",
        Outcome::FastForward => "fast-forward",
        Outcome::Merged(_) => "merged",
        Outcome::Conflicts => "conflicts",
    }
}

fn text(doc: &std::path::Path, incoming: &Incoming, outcome: &Outcome, conflicts: usize) -> String {
    if *outcome == Outcome::Already {
        return format!(
            "已接收过 (already received)：来自 {} 的版本都已在 {} 中，未做任何改动\n",
            incoming.from,
            doc.display()
        );
    }
    if *outcome == Outcome::Created {
        return format!(
            "已由 {} 的数据包生成第一份副本 (created) {}：{} 个版本，最新 {}，共 {} 条记录\n",
            incoming.from,
            doc.display(),
            incoming.commits,
            incoming.when,
            incoming.summary.added
        );
    }
    let s = incoming.summary;
    let mut out = format!(
        "来自 {}（{}）：{} 个新版本 (commits)；新增 {}、删除 {}、移动 {}、修改 {} 处 (added, removed, moved, changed)\n",
        incoming.from, incoming.when, incoming.commits, s.added, s.removed, s.moved, s.changed
    );
    if !incoming.communities.is_empty() {
        out.push_str(&format!(
            "涉及 (touched)：{}\n",
            incoming.communities.join("、")
        ));
    }
    out.push_str(&match outcome {
        Outcome::Already | Outcome::Created => String::new(),
        Outcome::FastForward => format!("已更新为对方的版本 (fast-forward)：{}\n", doc.display()),
        Outcome::Merged(commit) => format!(
            "已合并并提交 (merged) {commit}，提交说明写明来自 {}\n",
            incoming.from
        ),
        Outcome::Conflicts => format!(
            "合并有 {conflicts} 处冲突 (conflicts)，已记入文档：请在编辑器中解决后「完成」，或「放弃」恢复原状\n"
        ),
    });
    out
}
