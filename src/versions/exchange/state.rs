//! What a receive keeps while its merge waits to be settled: who sent it,
//! and the repository and document as they were before (the branch's
//! commit, the index, the branch's logs, the document's bytes), so that
//! 放弃 puts them back exactly. Kept in the git folder (`gridorg-receive/`),
//! so it outlives the window.

use super::error::ExchangeError;
use super::run::Git;
use std::path::{Path, PathBuf};

/// The folder in the git folder that holds it.
const FOLDER: &str = "gridorg-receive";

/// The files of the git folder kept as they were (index, logs, ORIG_HEAD).
const KEPT: [&str; 3] = ["index", "logs/HEAD", "ORIG_HEAD"];

/// A receive's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Before {
    /// The sender.
    pub from: String,
    /// The branch, in full (`refs/heads/main`).
    pub branch: String,
    /// Its commit before the receive.
    pub commit: String,
    /// The name the received commits were fetched under.
    pub fetched: String,
    /// The pack files the receive brought in.
    pub packs: Vec<String>,
}

/// The record's folder.
fn folder(git: &Git) -> Result<PathBuf, ExchangeError> {
    git.git_path(FOLDER)
}

/// Writes the record and copies what a receive may change, before it does.
pub fn save(git: &Git, before: &Before, document: &Path) -> Result<(), ExchangeError> {
    let folder = folder(git)?;
    let _ = std::fs::remove_dir_all(&folder);
    crate::output::create_private_folder(&folder).map_err(|e| ExchangeError::io(&folder, e))?;
    let logs = format!("logs/{}", before.branch);
    for (i, name) in KEPT.iter().copied().chain([logs.as_str()]).enumerate() {
        let from = git.git_path(name)?;
        if from.is_file() {
            let copy = folder.join(format!("kept-{i}"));
            std::fs::copy(&from, &copy).map_err(|e| ExchangeError::io(&copy, e))?;
        }
    }
    // A link to the document as it is: every write replaces the file whole,
    // so the bytes linked here stay as they were.
    let copy = folder.join("document");
    std::fs::hard_link(document, &copy)
        .or_else(|_| std::fs::copy(document, &copy).map(drop))
        .map_err(|e| ExchangeError::io(&copy, e))?;
    write_record(&folder, before)
}

fn write_record(folder: &Path, before: &Before) -> Result<(), ExchangeError> {
    let text = format!(
        "{}\n{}\n{}\n{}\n{}\n",
        before.from,
        before.branch,
        before.commit,
        before.fetched,
        before.packs.join(" ")
    );
    let path = folder.join("record");
    crate::document::write_atomic(&path, text.as_bytes())?;
    Ok(())
}

/// Adds the pack files a receive brought in to its record.
pub fn note_packs(git: &Git, packs: Vec<String>) -> Result<(), ExchangeError> {
    let folder = folder(git)?;
    let mut before =
        read(git)?.ok_or_else(|| ExchangeError::NothingPending(git.top.display().to_string()))?;
    before.packs = packs;
    write_record(&folder, &before)
}

/// The record of the receive waiting to be settled, if any.
pub fn read(git: &Git) -> Result<Option<Before>, ExchangeError> {
    let path = folder(git)?.join("record");
    let Ok(bytes) = crate::input::read_limited(&path, 1 << 16) else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.lines();
    let mut next = || lines.next().unwrap_or_default().to_string();
    let (from, branch, commit, fetched, packs) = (next(), next(), next(), next(), next());
    if branch.is_empty() || commit.is_empty() {
        return Ok(None);
    }
    Ok(Some(Before {
        from,
        branch,
        commit,
        fetched,
        packs: packs.split_whitespace().map(str::to_string).collect(),
    }))
}

/// Puts back what [`save`] kept: the branch, the index and logs, the
/// document's bytes; removes the fetched name and the packs brought in.
pub fn restore(git: &Git, before: &Before, document: &Path) -> Result<(), ExchangeError> {
    let folder = folder(git)?;
    git.ok(&["update-ref", "--no-deref", &before.branch, &before.commit])?;
    let logs = format!("logs/{}", before.branch);
    for (i, name) in KEPT.iter().copied().chain([logs.as_str()]).enumerate() {
        let target = git.git_path(name)?;
        let copy = folder.join(format!("kept-{i}"));
        if copy.is_file() {
            std::fs::copy(&copy, &target).map_err(|e| ExchangeError::io(&target, e))?;
        } else {
            let _ = std::fs::remove_file(&target);
        }
    }
    let bytes =
        std::fs::read(folder.join("document")).map_err(|e| ExchangeError::io(&folder, e))?;
    crate::document::write_atomic(document, &bytes)?;
    forget(git, before)?;
    let pack = git.git_path("objects/pack")?;
    for name in &before.packs {
        let _ = std::fs::remove_file(pack.join(name));
    }
    Ok(())
}

/// Removes the record and the name the commits were fetched under.
pub fn forget(git: &Git, before: &Before) -> Result<(), ExchangeError> {
    if !before.fetched.is_empty() {
        let _ = git.output(&["update-ref", "-d", &before.fetched]);
    }
    let folder = folder(git)?;
    std::fs::remove_dir_all(&folder).map_err(|e| ExchangeError::io(&folder, e))?;
    Ok(())
}
