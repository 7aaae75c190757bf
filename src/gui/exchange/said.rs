//! What a step of the 数据包 menu did, in the words the window says it.

use super::labels::FINISH;
use super::work::Merged;
use crate::versions::exchange::{Outcome, Sent};
use std::path::Path;

/// What a receive or a sync did, in words.
pub fn merged(merged: &Merged) -> String {
    let incoming = &merged.received.incoming;
    let from = incoming.from.as_str();
    let commits = incoming.commits;
    let conflicts = merged.received.conflicts.len();
    let mut said = match &merged.received.outcome {
        Outcome::Already if merged.synced.is_some() => {
            "已是最新：共享仓库中没有本文档缺少的版本".to_string()
        }
        Outcome::Already => format!(
            "已接收过：来自 {from} 的数据包中的版本都已在本文档中，什么也没有改动"
        ),
        Outcome::Created => format!("已从 {from} 的数据包建立文档"),
        Outcome::FastForward => format!(
            "已接收来自 {from} 的 {commits} 次提交（本文档没有对方缺少的修改，直接更新）"
        ),
        Outcome::Merged(commit) => {
            format!("已合并来自 {from} 的 {commits} 次提交，并提交 {commit}")
        }
        Outcome::Conflicts => format!(
            "已合并来自 {from} 的 {commits} 次提交：还有 {conflicts} 处冲突待解决，逐条选定后按「{FINISH}」"
        ),
    };
    if let Some((remote, pushed)) = &merged.synced {
        said.push_str(&match pushed {
            true => format!("；已推送到共享仓库 {remote}"),
            false if conflicts > 0 => "；冲突解决并完成后，再同步一次即推送".to_string(),
            false => String::new(),
        });
    }
    said
}

/// What a 数据包 written holds, in words.
pub fn sent(out: &Path, sent: &Sent) -> String {
    let mut said = format!(
        "已写入数据包 {}：{} 次提交，{}，最新版本 {}",
        out.display(),
        sent.commits,
        size(sent.bytes),
        sent.latest
    );
    if let Some(commit) = &sent.committed {
        said.push_str(&format!("；保存的文档先提交为 {commit}"));
    }
    if sent.started {
        said.push_str("；本文档原先没有记录版本，已开始记录（文档所在文件夹成为版本库）");
    }
    said
}

/// A size in bytes as people read it.
fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} 字节")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn a_size_reads_in_bytes_kilobytes_or_megabytes() {
        assert_eq!(size(512), "512 字节");
        assert_eq!(size(29_815), "29.1 KB");
        assert_eq!(size(3 * 1024 * 1024), "3.0 MB");
    }
}
