//! What a received tree may hold before it is checked out: the document a
//! regular file, and the whole no larger than a few documents — a small
//! 数据包 may not unpack into gigabytes on disk.

use super::error::ExchangeError;
use super::run::Git;

/// The most a received tree's files may add up to.
pub const MAX_TREE_BYTES: u64 = 4 * crate::input::LIMIT;

/// Checks the tree of `commit`: the document at `path` is a regular file
/// (not a link, a folder or a submodule) and every file together is within
/// [`MAX_TREE_BYTES`]. `shown` names where it came from.
pub fn check(git: &Git, commit: &str, path: &str, shown: &str) -> Result<(), ExchangeError> {
    let listed = git.output(&["ls-tree", "-r", "-l", "-z", "--full-tree", commit])?;
    if !listed.status.success() {
        return Err(ExchangeError::Damaged {
            path: shown.into(),
            reason: String::from_utf8_lossy(&listed.stderr).trim().to_string(),
        });
    }
    let mut total: u64 = 0;
    let mut found = false;
    for entry in listed.stdout.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let text = String::from_utf8_lossy(entry);
        let Some((meta, name)) = text.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split_whitespace().collect();
        let (mode, size) = (fields.first().copied(), fields.get(3).copied());
        total = total.saturating_add(size.and_then(|s| s.parse().ok()).unwrap_or(0));
        if name == path {
            found = true;
            if !matches!(mode, Some("100644") | Some("100755")) {
                return Err(ExchangeError::Damaged {
                    path: shown.into(),
                    reason: format!("其中的 {path} 不是普通文件 (not a regular file)"),
                });
            }
        }
    }
    if !found {
        return Err(ExchangeError::Missing {
            path: shown.into(),
            document: path.into(),
        });
    }
    if total > MAX_TREE_BYTES {
        return Err(ExchangeError::Damaged {
            path: shown.into(),
            reason: format!(
                "展开后有 {total} 字节，超过上限 {MAX_TREE_BYTES} 字节 (file too large)"
            ),
        });
    }
    Ok(())
}
