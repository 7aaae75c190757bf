//! 同步: the exchange with a shared repository — fetch, merge as a receive
//! does, push when clean.

use super::commit::commit_saved;
use super::create::{create, Source};
use super::error::ExchangeError;
use super::incoming::{current_branch, open, Incoming};
use super::merging::merge_in;
use super::offer::study;
use super::outcome::{Outcome, Received};
use super::run::Git;
use super::send::prepare;
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

/// What git is given for `remote`: a git remote's name as it is, else as
/// [`resolve_outside`] says.
fn resolve(git: &Git, remote: &str) -> Result<String, ExchangeError> {
    let remotes = git.ok(&["remote"])?;
    if remotes.lines().any(|r| r == remote.trim()) {
        return Ok(remote.trim().to_string());
    }
    resolve_outside(remote)
}

/// What git is given for a folder or URL: a folder that exists as an
/// absolute path, else the text (a URL); anything git would take for an
/// option or that holds a control character is refused.
fn resolve_outside(remote: &str) -> Result<String, ExchangeError> {
    let remote = remote.trim();
    if remote.is_empty()
        || remote.starts_with('-')
        || remote.chars().any(crate::controls::is_control)
    {
        return Err(ExchangeError::NoRemote);
    }
    let path = Path::new(remote);
    if path.is_dir() {
        let absolute = std::fs::canonicalize(path).map_err(|e| ExchangeError::io(path, e))?;
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
/// remembered once a sync did not fail) or the one remembered, committing
/// by `office`. A document that does not exist yet is made from the shared
/// repository.
pub fn sync(doc: &Path, remote: Option<&str>, office: &str) -> Result<Synced, ExchangeError> {
    if std::fs::symlink_metadata(doc).is_err() {
        return first_copy(doc, remote, office);
    }
    let (git, path) = open(doc)?;
    let git = git.as_office(office);
    let remote = match remote {
        Some(given) => resolve(&git, given)?,
        None => self::remote(doc).ok_or(ExchangeError::NoRemote)?,
    };
    let branch = current_branch(&git)?;
    let full = format!("refs/heads/{branch}");
    let tip = tip_of(&git, &remote, &full)?;
    let nothing = || Received {
        incoming: Incoming::default(),
        outcome: Outcome::Already,
        conflicts: Vec::new(),
        document: None,
    };
    let received = match tip {
        Some(tip) if !git.succeeds(&["merge-base", "--is-ancestor", &tip, "HEAD"])? => {
            let mut held = super::quarantine::fetch(&git, &remote, &branch, &tip)?;
            let (incoming, premerged) = study(&git, &mut held, doc, &path, &remote)?;
            merge_in(doc, &git, &path, held, incoming, premerged)?
        }
        _ => {
            prepare(&git)?;
            commit_saved(&git, &path, "保存（同步前）(saved before syncing)")?;
            nothing()
        }
    };
    git.ok(&["config", KEY, &remote])?;
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

/// The tip of `full` in the shared repository (None when it has none yet),
/// or why it cannot be reached.
fn tip_of(git: &Git, remote: &str, full: &str) -> Result<Option<String>, ExchangeError> {
    let listed = git.output(&["ls-remote", "--", remote, full])?;
    if !listed.status.success() {
        return Err(ExchangeError::Offline {
            remote: remote.to_string(),
            reason: String::from_utf8_lossy(&listed.stderr).trim().to_string(),
        });
    }
    let listed = String::from_utf8_lossy(&listed.stdout).to_string();
    Ok(listed.split_whitespace().next().map(str::to_string))
}

/// A document this office does not have yet, made from the shared
/// repository's `main` (else its first branch), which is remembered.
fn first_copy(doc: &Path, remote: Option<&str>, office: &str) -> Result<Synced, ExchangeError> {
    let remote = remote.ok_or(ExchangeError::NoRemote)?;
    // git runs in the nearest folder there is: the document's may not be yet.
    let absolute = std::path::absolute(doc).map_err(|e| ExchangeError::io(doc, e))?;
    let there = absolute
        .ancestors()
        .skip(1)
        .find(|folder| folder.is_dir())
        .unwrap_or(Path::new("/"));
    let here = Git::at(there);
    let remote = resolve_outside(remote)?;
    let heads = here.output(&["ls-remote", "--heads", "--", &remote])?;
    if !heads.status.success() {
        return Err(ExchangeError::Offline {
            remote,
            reason: String::from_utf8_lossy(&heads.stderr).trim().to_string(),
        });
    }
    let heads = String::from_utf8_lossy(&heads.stdout).to_string();
    let branches: Vec<&str> = heads
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1)?.strip_prefix("refs/heads/"))
        .collect();
    let branch = branches
        .iter()
        .find(|b| **b == "main")
        .or(branches.first())
        .ok_or_else(|| ExchangeError::Offline {
            remote: remote.clone(),
            reason: "共享仓库还是空的 (empty)：请先由已有文档的单位同步一次".into(),
        })?;
    let received = create(doc, Source::Remote(&remote, branch), office)?;
    let (git, _) = open(doc)?;
    git.ok(&["config", KEY, &remote])?;
    Ok(Synced {
        remote,
        received,
        pushed: false,
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
    // A shared folder's own hooks never run here: its receive-pack is told
    // to use none (a server's hooks run on the server, as they should).
    let local = local_folder(git, remote);
    let receive_pack = "--receive-pack=git -c core.hooksPath=/dev/null receive-pack";
    let mut args = vec!["push", "--quiet"];
    if local {
        args.push(receive_pack);
    }
    args.extend(["--", remote, &spec]);
    let out = git.output(&args)?;
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

/// Whether `remote` (a name, a folder or a URL) is a folder on this machine.
fn local_folder(git: &Git, remote: &str) -> bool {
    let url = git
        .ok(&["remote", "get-url", "--", remote])
        .unwrap_or_else(|_| remote.to_string());
    let path = url.strip_prefix("file://").unwrap_or(&url);
    Path::new(path).is_dir()
}
