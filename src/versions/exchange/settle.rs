//! A received merge waiting to be settled: committed once its conflicts are
//! resolved ([`finish`]), or undone ([`abandon`]).

use super::error::ExchangeError;
use super::outcome::message;
use super::run::Git;
use super::state;
use crate::versions::git as history;
use std::path::Path;

/// A received merge waiting to be settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The office it came from.
    pub from: String,
}

/// The repository of `doc` and the document's path there, while a merge
/// waits in it.
fn merging(doc: &Path) -> Result<(Git, String), ExchangeError> {
    let repository = history::locate(doc)?;
    let git = Git::at(&repository.top);
    if git.succeeds(&["rev-parse", "--quiet", "--verify", "MERGE_HEAD"])? {
        Ok((git, repository.path))
    } else {
        Err(ExchangeError::NothingPending(doc.display().to_string()))
    }
}

/// The received merge of `doc` waiting to be settled, if any (a merge
/// started with git itself counts, from 「git merge」).
pub fn pending(doc: &Path) -> Option<Pending> {
    let (git, _) = merging(doc).ok()?;
    let from = state::read(&git)
        .ok()
        .flatten()
        .map_or_else(|| "git merge".to_string(), |b| b.from);
    Some(Pending { from })
}

/// Commits the settled merge of `doc` (as saved) by `office`; refused while
/// the document still holds conflicts. The commit, abbreviated.
pub fn finish(doc: &Path, office: &str) -> Result<String, ExchangeError> {
    let (git, path) = merging(doc)?;
    let git = git.as_office(office);
    let document = crate::document::load(doc)?;
    if document.has_conflicts() {
        return Err(ExchangeError::Unresolved {
            document: doc.display().to_string(),
            count: document.conflicts.len(),
        });
    }
    git.ok(&["add", "--", &path])?;
    let before = state::read(&git)?;
    let from = before.as_ref().map_or("git merge", |b| b.from.as_str());
    git.ok(&["commit", "--quiet", "--no-edit", "-m", &message(from)])?;
    if let Some(before) = before {
        state::forget(&git, &before)?;
    }
    git.ok(&["rev-parse", "--short", "HEAD"])
}

/// Puts the document and its repository back exactly as they were before
/// the receive that is waiting to be settled.
pub fn abandon(doc: &Path) -> Result<(), ExchangeError> {
    let (git, _) = merging(doc)?;
    let before = state::read(&git)?;
    git.ok(&["merge", "--abort"])?;
    let _ = git.output(&["update-ref", "-d", "AUTO_MERGE"]);
    if let Some(before) = before {
        state::restore(&git, &before, doc)?;
    }
    Ok(())
}
