//! A received 数据包 merged into the document. Where the sender changed
//! nothing but the document (as offices do), the three versions are merged
//! here (or were, while the preview was shown: [`super::premerge`]), while
//! the saved document is committed beside it, and the merge commit is made
//! with git's plumbing; otherwise `git merge` runs with gridorg as the merge
//! driver of `*.ron`. Either way a conflict leaves the merge waiting as `git
//! merge` would (MERGE_HEAD), and anything that fails on the way puts
//! everything back.

use super::error::ExchangeError;
use super::incoming::Incoming;
use super::outcome::{message, Outcome, Received};
use super::premerge::{self, Premerged};
use super::quarantine::Quarantine;
use super::run::Git;
use super::send::{commit_saved, prepare};
use super::state::{self, Before};
use crate::model::Conflict;
use crate::versions::merge_read::MergeError;
use std::path::Path;

/// Merges the commits held in `held`, which bring `incoming`, into the
/// document at `path` of the repository (`doc` on disk): the saved document
/// committed first, the commits kept under a name of their own.
pub fn merge_in(
    doc: &Path,
    git: &Git,
    path: &str,
    held: Quarantine,
    incoming: Incoming,
    premerged: Option<Premerged>,
) -> Result<Received, ExchangeError> {
    if incoming.already() {
        return Ok(Received {
            incoming,
            outcome: Outcome::Already,
            conflicts: Vec::new(),
        });
    }
    prepare(git)?;
    let before = Before {
        from: incoming.from.clone(),
        branch: git.ok(&["symbolic-ref", "--quiet", "HEAD"])?,
        commit: git.ok(&["rev-parse", "HEAD"])?,
        fetched: format!("refs/gridorg/received/{}", held.tip),
        packs: Vec::new(),
    };
    state::save(git, &before, doc)?;
    let mut merging = Merging {
        doc,
        git,
        path,
        before,
    };
    match merging.run(held, &incoming, premerged) {
        Ok((outcome, conflicts)) => Ok(Received {
            incoming,
            outcome,
            conflicts,
        }),
        Err(e) => Err(merging.undo(e)),
    }
}

/// A receive under way, and what puts it back.
struct Merging<'a> {
    doc: &'a Path,
    git: &'a Git,
    path: &'a str,
    before: Before,
}

impl Merging<'_> {
    /// Puts everything back as it was; the error that made it so (and the
    /// one that stopped that, if any).
    fn undo(&self, e: ExchangeError) -> ExchangeError {
        let _ = self.git.output(&["merge", "--abort"]);
        match state::restore(self.git, &self.before, self.doc) {
            Ok(()) => e,
            Err(also) => ExchangeError::Io {
                path: self.doc.display().to_string(),
                reason: format!("{e}；恢复原状时又出错 (restore failed): {also}"),
            },
        }
    }

    fn run(
        &mut self,
        held: Quarantine,
        incoming: &Incoming,
        premerged: Option<Premerged>,
    ) -> Result<(Outcome, Vec<Conflict>), ExchangeError> {
        let git = self.git;
        let tip = held.tip.clone();
        // Nothing here the sender lacks: the document becomes the sender's.
        let seen = held.git().clone();
        if seen.succeeds(&["merge-base", "--is-ancestor", "HEAD", &tip])?
            && self.commit_saved()?.is_none()
        {
            self.keep(held)?;
            git.ok(&["merge", "--quiet", "--ff-only", &tip])?;
            state::forget(git, &self.before)?;
            return Ok((Outcome::FastForward, Vec::new()));
        }
        let premerged = premerged.filter(|p| p.fresh(self.doc));
        let quick = if premerged.is_some() || premerge::only_document(&held, self.path)? {
            let (saved, merged) = std::thread::scope(|scope| {
                let saved = scope.spawn(|| self.commit_saved());
                let merged = premerged.unwrap_or_else(|| premerge::merge(&held, self.doc));
                let saved = saved.join().unwrap_or_else(|_| {
                    Err(ExchangeError::Io {
                        path: self.doc.display().to_string(),
                        reason: "thread".into(),
                    })
                });
                (saved, merged.merged)
            });
            saved?;
            Some(merged.map_err(|e| self.refused(e))?)
        } else {
            self.commit_saved()?;
            None
        };
        self.keep(held)?;
        let head = git.ok(&["rev-parse", "HEAD"])?;
        let message = message(&incoming.from);
        let Some(merged) = quick else {
            return self.git_merge(&tip, &message);
        };
        crate::document::write_atomic(self.doc, merged.text.as_bytes())?;
        let conflicts = merged.merged.conflicts;
        if !conflicts.is_empty() {
            self.wait(&tip, &message)?;
            return Ok((Outcome::Conflicts, conflicts));
        }
        let commit = self.commit_merge(&head, &tip, &message)?;
        state::forget(git, &self.before)?;
        Ok((Outcome::Merged(commit), Vec::new()))
    }

    /// Moves the held commits into the repository, under a name of their own.
    fn keep(&mut self, held: Quarantine) -> Result<(), ExchangeError> {
        let tip = held.tip.clone();
        self.before.packs = held.keep(self.git)?;
        state::note_packs(self.git, self.before.packs.clone())?;
        self.git.ok(&["update-ref", &self.before.fetched, &tip])?;
        Ok(())
    }

    /// Commits the saved document if it differs from the last commit.
    fn commit_saved(&self) -> Result<Option<String>, ExchangeError> {
        commit_saved(
            self.git,
            self.path,
            "保存（接收数据包前）(saved before receiving)",
        )
    }

    /// Why the three versions were not merged, as a refusal.
    fn refused(&self, e: MergeError) -> ExchangeError {
        ExchangeError::OtherStructure {
            path: self.doc.display().to_string(),
            reason: e.to_string(),
        }
    }

    /// Leaves the merge waiting, as `git merge` leaves one with conflicts.
    fn wait(&self, tip: &str, message: &str) -> Result<(), ExchangeError> {
        for (name, text) in [
            ("MERGE_HEAD", format!("{tip}\n")),
            ("MERGE_MSG", message.to_string()),
            ("MERGE_MODE", String::new()),
        ] {
            let file = self.git.git_path(name)?;
            crate::document::write_atomic(&file, text.as_bytes())?;
        }
        Ok(())
    }

    /// Commits the merged document, its parents `head` and `tip`, and moves
    /// the branch to it; the commit, abbreviated.
    fn commit_merge(&self, head: &str, tip: &str, message: &str) -> Result<String, ExchangeError> {
        let git = self.git;
        git.ok(&["add", "--", self.path])?;
        let blob = git.ok(&["rev-parse", &format!(":{}", self.path)])?;
        let scratch = state::scratch_index(git)?;
        let index = git.with_env("GIT_INDEX_FILE", &scratch);
        index.ok(&["read-tree", head])?;
        let entry = format!("100644,{blob},{}", self.path);
        index.ok(&["update-index", "--add", "--cacheinfo", &entry])?;
        let tree = index.ok(&["write-tree"])?;
        let commit = git.ok(&["commit-tree", &tree, "-p", head, "-p", tip, "-m", message])?;
        git.ok(&[
            "update-ref",
            "-m",
            "gridorg receive",
            &self.before.branch,
            &commit,
            head,
        ])?;
        git.ok(&["rev-parse", "--short", &commit])
    }

    /// `git merge` with gridorg as the driver, for a sender who changed more
    /// than the document.
    fn git_merge(
        &self,
        tip: &str,
        message: &str,
    ) -> Result<(Outcome, Vec<Conflict>), ExchangeError> {
        let git = self.git;
        let out = git.output(&["merge", "--quiet", "--no-edit", "-m", message, tip])?;
        let said = String::from_utf8_lossy(&out.stderr).to_string();
        let pending = git.succeeds(&["rev-parse", "--quiet", "--verify", "MERGE_HEAD"])?;
        if out.status.success() && !pending {
            let commit = git.ok(&["rev-parse", "--short", "HEAD"])?;
            state::forget(git, &self.before)?;
            return Ok((Outcome::Merged(commit), Vec::new()));
        }
        // The merge driver refuses what it cannot merge (another structure,
        // a result that would not load) and leaves the document as it was.
        if !pending || said.contains("merge failed") || said.contains("无法合并") {
            return Err(ExchangeError::OtherStructure {
                path: self.doc.display().to_string(),
                reason: crate::controls::escape_lines(said.trim()).into_owned(),
            });
        }
        let conflicts = crate::document::load(self.doc)?.conflicts;
        Ok((Outcome::Conflicts, conflicts))
    }
}
