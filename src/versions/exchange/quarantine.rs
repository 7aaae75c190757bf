//! Another office's commits, held apart: a 数据包 unpacked (or a shared
//! repository fetched) into an object folder of its own inside the git
//! folder, which git reads beside the repository's own objects. Nothing of
//! the repository changes until [`Quarantine::keep`] moves the packs in; a
//! quarantine dropped unkept is removed whole.

use super::error::ExchangeError;
use super::run::{failed, Git};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest 数据包 read: a city's history, with room.
pub const MAX_BUNDLE_BYTES: u64 = 8 * crate::input::LIMIT;

/// The commits of a 数据包 or a shared repository, held apart.
#[derive(Debug)]
pub struct Quarantine {
    /// Its object folder.
    objects: PathBuf,
    /// The git that sees the repository's objects and these.
    git: Git,
    /// The commit at the branch's tip.
    pub tip: String,
    /// The newest commit both sides share, once looked up.
    pub base: Option<String>,
}

impl Quarantine {
    /// git over the repository and the quarantine's objects.
    pub fn git(&self) -> &Git {
        &self.git
    }

    /// A file of the quarantine's own folder, for versions read out of it.
    pub fn scratch(&self, name: &str) -> PathBuf {
        self.objects.join(name)
    }

    /// Moves the objects into the repository; the pack files moved, by name.
    pub fn keep(self, git: &Git) -> Result<Vec<String>, ExchangeError> {
        let pack = git.git_path("objects/pack")?;
        let mut moved = Vec::new();
        let entries = std::fs::read_dir(self.objects.join("pack"))
            .map_err(|e| ExchangeError::io(&pack, e))?;
        let mut names: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("pack-"))
            .collect();
        // The index and its companions go in last: git trusts a pack once
        // its index is there.
        names.sort_by_key(|n| (n.ends_with(".idx"), n.clone()));
        for name in names {
            let target = pack.join(&name);
            if target.exists() {
                continue;
            }
            std::fs::rename(self.objects.join("pack").join(&name), &target)
                .map_err(|e| ExchangeError::io(&target, e))?;
            moved.push(name);
        }
        Ok(moved)
    }
}

impl Drop for Quarantine {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.objects);
    }
}

/// An empty quarantine in the repository's git folder, and the git that
/// writes into it.
fn make(git: &Git) -> Result<(PathBuf, Git), ExchangeError> {
    let objects = git.git_path("objects")?;
    let base = git.git_path("gridorg-quarantine")?;
    crate::output::create_private_folder(&base).map_err(|e| ExchangeError::io(&base, e))?;
    clear_abandoned(&base);
    let folder = tempfile::Builder::new()
        .prefix("q-")
        .tempdir_in(&base)
        .map_err(|e| ExchangeError::io(&base, e))?
        .keep();
    for sub in ["pack", "info"] {
        std::fs::create_dir_all(folder.join(sub)).map_err(|e| ExchangeError::io(&folder, e))?;
    }
    let inside = git
        .with_env("GIT_OBJECT_DIRECTORY", &folder)
        .with_env("GIT_ALTERNATE_OBJECT_DIRECTORIES", &objects);
    Ok((folder, inside))
}

/// How old a quarantine must be to count as left by a process that was
/// killed: none lives longer than a receive, the preview included.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// Removes the quarantines under `base` that a killed process left behind.
fn clear_abandoned(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > ABANDONED_AFTER);
        if old && entry.file_name().to_string_lossy().starts_with("q-") {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The first line every git bundle starts with, by version.
const HEADS: [&[u8]; 2] = [b"# v2 git bundle\n", b"# v3 git bundle\n"];

/// Checks that the file at `bundle` is a 数据包 and names the branch it
/// brings: `preferred` if it holds that, else the first; its tip and name.
fn heads(git: &Git, bundle: &Path, preferred: &str) -> Result<(String, String), ExchangeError> {
    let shown = bundle.display().to_string();
    let not_a_bundle = |reason: String| ExchangeError::NotABundle {
        path: shown.clone(),
        reason,
    };
    let meta =
        std::fs::metadata(bundle).map_err(|e| not_a_bundle(format!("无法读取 (io error): {e}")))?;
    if !meta.is_file() {
        return Err(not_a_bundle("不是普通文件 (not a regular file)".into()));
    }
    if meta.len() > MAX_BUNDLE_BYTES {
        return Err(not_a_bundle(format!(
            "有 {} 字节，超过上限 {MAX_BUNDLE_BYTES} 字节 (file too large)",
            meta.len()
        )));
    }
    let mut start = [0u8; 16];
    let read = std::fs::File::open(bundle)
        .and_then(|mut f| f.read(&mut start))
        .map_err(|e| not_a_bundle(format!("无法读取 (io error): {e}")))?;
    if !HEADS.iter().any(|h| start[..read] == h[..]) {
        return Err(not_a_bundle(
            "开头不是 git 数据包的标记 (no bundle header)；请选「发送数据包」写出的 .bundle 文件"
                .into(),
        ));
    }
    let heads = git.output(&[
        std::ffi::OsStr::new("bundle"),
        "list-heads".as_ref(),
        bundle.as_os_str(),
    ])?;
    if !heads.status.success() {
        return Err(ExchangeError::Damaged {
            path: shown,
            reason: String::from_utf8_lossy(&heads.stderr).trim().to_string(),
        });
    }
    choose_branch(&String::from_utf8_lossy(&heads.stdout), preferred)
        .ok_or_else(|| not_a_bundle("其中没有分支 (no branch)".into()))
}

/// The branch a 数据包 brings (`main` if it has one), checked as
/// [`unbundle`] checks it, for a clone.
pub fn branch_of(git: &Git, bundle: &Path) -> Result<String, ExchangeError> {
    Ok(heads(git, bundle, "main")?.1)
}

/// Unpacks the 数据包 at `bundle` beside the repository of `git`, wanting the
/// branch `preferred` (else the first branch it holds).
pub fn unbundle(git: &Git, bundle: &Path, preferred: &str) -> Result<Quarantine, ExchangeError> {
    let shown = bundle.display().to_string();
    let absolute = std::path::absolute(bundle).map_err(|e| ExchangeError::NotABundle {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    let (tip, _) = heads(git, &absolute, preferred)?;
    let (objects, inside) = make(git)?;
    let quarantine = Quarantine {
        objects,
        git: inside,
        tip,
        base: None,
    };
    let out = quarantine.git.output(&[
        std::ffi::OsStr::new("bundle"),
        "unbundle".as_ref(),
        absolute.as_os_str(),
    ])?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
        if said.contains("prerequisite") {
            return Err(ExchangeError::NoCommonHistory { path: shown });
        }
        return Err(ExchangeError::Damaged {
            path: shown,
            reason: crate::controls::escape_lines(&said).into_owned(),
        });
    }
    quarantine.check_tip(&shown)?;
    Ok(quarantine)
}

/// Fetches `branch` of the shared repository `remote` (whose tip is `tip`)
/// beside the repository of `git`.
pub fn fetch(
    git: &Git,
    remote: &str,
    branch: &str,
    tip: &str,
) -> Result<Quarantine, ExchangeError> {
    let (objects, inside) = make(git)?;
    let quarantine = Quarantine {
        objects,
        git: inside,
        tip: tip.to_string(),
        base: None,
    };
    let refspec = format!("refs/heads/{branch}");
    let args = [
        "-c",
        "fetch.unpackLimit=1",
        "-c",
        "transfer.unpackLimit=1",
        "fetch",
        "--quiet",
        "--no-tags",
        "--no-write-fetch-head",
        "--no-auto-gc",
        "--no-recurse-submodules",
        "--",
        remote,
        &refspec,
    ];
    let out = quarantine.git.output(&args)?;
    if !out.status.success() {
        return Err(ExchangeError::Offline {
            remote: remote.to_string(),
            reason: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    quarantine.check_tip(remote)?;
    Ok(quarantine)
}

impl Quarantine {
    /// The tip is a commit the quarantine holds whole.
    fn check_tip(&self, shown: &str) -> Result<(), ExchangeError> {
        let commit = format!("{}^{{commit}}", self.tip);
        let ok = self.git.succeeds(&["cat-file", "-e", &commit])?
            && self
                .git
                .succeeds(&["rev-list", "--objects", "--quiet", &self.tip])?;
        if ok {
            Ok(())
        } else {
            let out = self
                .git
                .output(&["rev-list", "--objects", "--quiet", &self.tip])?;
            Err(ExchangeError::Damaged {
                path: shown.to_string(),
                reason: match failed(&["rev-list"], &out) {
                    ExchangeError::Git(e) => e.to_string(),
                    other => other.to_string(),
                },
            })
        }
    }
}

/// The branch a bundle's `list-heads` output offers: `preferred` if there,
/// else the first `refs/heads/…`; its tip and short name.
fn choose_branch(heads: &str, preferred: &str) -> Option<(String, String)> {
    let branches: Vec<(String, String)> = heads
        .lines()
        .filter_map(|line| line.split_once(' '))
        .filter_map(|(hash, name)| {
            let short = name.trim().strip_prefix("refs/heads/")?;
            let hex = hash.len() >= 40 && hash.bytes().all(|b| b.is_ascii_hexdigit());
            hex.then(|| (hash.to_string(), short.to_string()))
        })
        .collect();
    branches
        .iter()
        .find(|(_, name)| name == preferred)
        .or_else(|| branches.first())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::choose_branch;

    #[test]
    fn the_branch_of_the_document_is_taken_else_the_first() {
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let heads = format!("{a} refs/heads/main\n{b} refs/heads/street\n{a} HEAD\n");
        assert_eq!(
            choose_branch(&heads, "street"),
            Some((b.clone(), "street".into()))
        );
        assert_eq!(choose_branch(&heads, "x"), Some((a, "main".into())));
        assert_eq!(choose_branch("zz refs/heads/main\n", "main"), None);
        assert_eq!(choose_branch(&format!("{b} refs/tags/v1\n"), "main"), None);
    }
}
