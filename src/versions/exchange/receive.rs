//! Receiving: a 数据包 merged into the document through the merge driver.

use super::error::ExchangeError;
use super::incoming::{current_branch, look, open, Incoming};
use super::quarantine::{self, Quarantine};
use super::run::Git;
use super::send::{commit_saved, prepare};
use super::state::{self, Before};
use crate::model::Conflict;
use crate::versions::git::FROM_TRAILER;
use std::path::Path;

/// How a receive ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Everything it holds was there already (已接收过): nothing changed.
    Already,
    /// The document did not exist: it was made from the 数据包.
    Created,
    /// The document had nothing the sender lacked: it now is the sender's.
    FastForward,
    /// Merged cleanly and committed (abbreviated hash).
    Merged(String),
    /// Merged with conflicts: they are in the document and the merge waits
    /// to be settled ([`super::finish`] or [`super::abandon`]).
    Conflicts,
}

/// What [`receive`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// What the 数据包 brought.
    pub incoming: Incoming,
    /// How it ended.
    pub outcome: Outcome,
    /// The conflicts the merge left in the document (empty unless
    /// [`Outcome::Conflicts`]).
    pub conflicts: Vec<Conflict>,
}

/// Receives the 数据包 at `bundle` into the document at `doc` (made from it
/// when absent), committing by `office`.
pub fn receive(doc: &Path, bundle: &Path, office: &str) -> Result<Received, ExchangeError> {
    if std::fs::symlink_metadata(doc).is_err() {
        return super::create::create(doc, bundle, office);
    }
    let (git, path) = open(doc)?;
    let git = git.as_office(office);
    let branch = current_branch(&git)?;
    let held = quarantine::unbundle(&git, bundle, &branch)?;
    let incoming = look(&held, &path, &bundle.display().to_string())?;
    merge_in(doc, &git, &path, held, incoming)
}

/// The message of a receive's merge commit, naming the sender.
pub fn message(from: &str) -> String {
    format!("接收 {from} 的数据包 (received)\n\n{FROM_TRAILER}: {from}\n")
}

/// Merges the commits held in `held`, which bring `incoming`, into the
/// document at `path` of the repository (`doc` on disk): the saved document
/// committed first, the commits kept under a name of their own, merged
/// through the merge driver. Anything that fails on the way puts
/// everything back.
pub fn merge_in(
    doc: &Path,
    git: &Git,
    path: &str,
    held: Quarantine,
    incoming: Incoming,
) -> Result<Received, ExchangeError> {
    if incoming.already() {
        return Ok(Received {
            incoming,
            outcome: Outcome::Already,
            conflicts: Vec::new(),
        });
    }
    prepare(git)?;
    let branch = git.ok(&["symbolic-ref", "--quiet", "HEAD"])?;
    let commit = git.ok(&["rev-parse", "HEAD"])?;
    let fetched = format!("refs/gridorg/received/{}", held.tip);
    let tip = held.tip.clone();
    let mut before = Before {
        from: incoming.from.clone(),
        branch,
        commit,
        fetched: fetched.clone(),
        packs: Vec::new(),
    };
    state::save(git, &before, doc)?;
    let undo = |before: &Before, e: ExchangeError| {
        let _ = git.output(&["merge", "--abort"]);
        match state::restore(git, before, doc) {
            Ok(()) => e,
            Err(also) => ExchangeError::Io {
                path: doc.display().to_string(),
                reason: format!("{e}；恢复原状时又出错 (restore failed): {also}"),
            },
        }
    };
    let prepared = commit_saved(git, path, "保存（接收数据包前）(saved before receiving)")
        .and_then(|_| held.keep(git));
    match prepared {
        Ok(packs) => before.packs = packs,
        Err(e) => return Err(undo(&before, e)),
    }
    if let Err(e) = state::note_packs(git, before.packs.clone())
        .and_then(|()| git.ok(&["update-ref", &fetched, &tip]).map(drop))
    {
        return Err(undo(&before, e));
    }
    let out = match git.output(&[
        "merge",
        "--quiet",
        "--no-edit",
        "-m",
        &message(&incoming.from),
        &tip,
    ]) {
        Ok(out) => out,
        Err(e) => return Err(undo(&before, e)),
    };
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    let pending = git.succeeds(&["rev-parse", "--quiet", "--verify", "MERGE_HEAD"])?;
    if out.status.success() && !pending {
        let head = git.ok(&["rev-parse", "HEAD"])?;
        let outcome = if head == tip {
            Outcome::FastForward
        } else {
            Outcome::Merged(git.ok(&["rev-parse", "--short", "HEAD"])?)
        };
        state::forget(git, &before)?;
        return Ok(Received {
            incoming,
            outcome,
            conflicts: Vec::new(),
        });
    }
    // The merge driver refuses what it cannot merge (another structure, a
    // result that would not load) and leaves the document as it was.
    if !pending || said.contains("merge failed") || said.contains("无法合并") {
        let reason = crate::controls::escape_lines(said.trim()).into_owned();
        return Err(undo(
            &before,
            ExchangeError::OtherStructure {
                path: doc.display().to_string(),
                reason,
            },
        ));
    }
    let conflicts = match crate::document::load(doc) {
        Ok(document) => document.conflicts,
        Err(e) => return Err(undo(&before, e.into())),
    };
    Ok(Received {
        incoming,
        outcome: Outcome::Conflicts,
        conflicts,
    })
}
