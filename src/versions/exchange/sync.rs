//! 同步: the exchange with a shared repository — fetch, merge as a receive
//! does, push when clean.

use super::error::ExchangeError;
use super::incoming::{current_branch, look, open, Incoming};
use super::receive::{merge_in, Outcome, Received};
use super::run::Git;
use super::send::{commit_saved, prepare};
use std::path::Path;

/// Where the shared repository is remembered: the repository's own config.
const KEY: &str = "gridorg.remote";

/// What [`sync`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Synced {
    /// The shared repository.
    pub remote: String,
    /// What came in and how it was merged.
    pub received: Received,
    /// Whether the document's history was pushed.
    pub pushed: bool,
}

/// The shared repository remembered for `doc`, if one was used.
pub fn remote(doc: &Path) -> Option<String> {
    let repository = crate::versions::git::locate(doc).ok()?;
    let value = Git::at(&repository.top)
        .ok(&["config", "--get", KEY])
        .ok()?;
    Some(value).filter(|v| !v.is_empty())
}

/// What git is given for `remote`: a git remote's name as it is, a folder
/// that exists as an absolute path, else the text (a URL).
fn resolve(git: &Git, remote: &str) -> Result<String, ExchangeError> {
    let remote = remote.trim();
    if remote.is_empty()
        || remote.starts_with('-')
        || remote.chars().any(crate::controls::is_control)
    {
        return Err(ExchangeError::NoRemote);
    }
    let remotes = git.ok(&["remote"])?;
    if remotes.lines().any(|r| r == remote) {
        return Ok(remote.to_string());
    }
    let path = Path::new(remote);
    if path.is_dir() {
        let absolute = std::fs::canonicalize(path).map_err(|e| ExchangeError::Io {
            path: remote.to_string(),
            reason: e.to_string(),
        })?;
        return Ok(absolute.display().to_string());
    }
    if remote.contains("://") || remote.contains(':') {
        return Ok(remote.to_string());
    }
    Err(ExchangeError::Offline {
        remote: remote.to_string(),
        reason: "没有这个文件夹，也不是网址 (no such folder or URL)".into(),
    })
}

/// Syncs `doc` with `remote` (a git remote's name, a folder or a URL;
/// remembered) or the one remembered, committing by `office`.
pub fn sync(doc: &Path, remote: Option<&str>, office: &str) -> Result<Synced, ExchangeError> {
    let (git, path) = open(doc)?;
    let git = git.as_office(office);
    let remote = match remote {
        Some(given) => resolve(&git, given)?,
        None => self::remote(doc).ok_or(ExchangeError::NoRemote)?,
    };
    let branch = current_branch(&git)?;
    let full = format!("refs/heads/{branch}");
    let listed = git.output(&["ls-remote", "--", &remote, &full])?;
    if !listed.status.success() {
        return Err(ExchangeError::Offline {
            remote,
            reason: String::from_utf8_lossy(&listed.stderr).trim().to_string(),
        });
    }
    git.ok(&["config", KEY, &remote])?;
    prepare(&git)?;
    commit_saved(&git, &path, "保存（同步前）(saved before syncing)")?;
    let listed = String::from_utf8_lossy(&listed.stdout).to_string();
    let tip = listed.split_whitespace().next().map(str::to_string);
    let nothing = || Received {
        incoming: Incoming::default(),
        outcome: Outcome::Already,
        conflicts: Vec::new(),
    };
    let received = match tip {
        None => nothing(),
        Some(tip) if git.succeeds(&["merge-base", "--is-ancestor", &tip, "HEAD"])? => nothing(),
        Some(tip) => {
            let held = super::quarantine::fetch(&git, &remote, &branch, &tip)?;
            let incoming = look(&held, &path, &remote)?;
            merge_in(doc, &git, &path, held, incoming)?
        }
    };
    let pushed = if received.outcome == Outcome::Conflicts {
        false
    } else {
        push(&git, &remote, &full)?
    };
    Ok(Synced {
        remote,
        received,
        pushed,
    })
}

/// Pushes the branch when the shared repository lacks some of it; whether
/// anything was pushed.
fn push(git: &Git, remote: &str, full: &str) -> Result<bool, ExchangeError> {
    let listed = git.ok(&["ls-remote", "--", remote, full])?;
    let head = git.ok(&["rev-parse", "HEAD"])?;
    if listed.split_whitespace().next() == Some(head.as_str()) {
        return Ok(false);
    }
    let spec = format!("HEAD:{full}");
    let out = git.output(&["push", "--quiet", "--", remote, &spec])?;
    if out.status.success() {
        return Ok(true);
    }
    let said = String::from_utf8_lossy(&out.stderr);
    if said.contains("rejected")
        || said.contains("non-fast-forward")
        || said.contains("fetch first")
    {
        return Err(ExchangeError::PushRejected);
    }
    Err(ExchangeError::Offline {
        remote: remote.to_string(),
        reason: said.trim().to_string(),
    })
}
