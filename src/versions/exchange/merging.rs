//! A received 数据包 merged into the document. Where the sender changed
//! nothing but the document (as offices do), the three versions are merged
//! here (or were, while the preview was shown: [`super::premerge`]), while
//! the saved document is committed beside it, and the merge commit is made
//! with git's plumbing; otherwise `git merge` runs with gridorg as the merge
//! driver of `*.ron`. Either way a conflict leaves the merge waiting as `git
//! merge` would (MERGE_HEAD), and anything that fails on the way puts
//! everything back.

use super::commit::{commit_document, commit_object, commit_saved, commit_saved_object};
use super::error::ExchangeError;
use super::incoming::Incoming;
use super::outcome::{message, Outcome, Received};
use super::premerge::{self, Premerged};
use super::quarantine::Quarantine;
use super::run::Git;
use super::send::prepare;
use super::state::{self, Before};
use crate::model::{Conflict, Document};
use crate::versions::merge_read::MergeError;
use std::path::Path;
use std::sync::Arc;

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
            document: None,
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
        Ok(done) => Ok(Received {
            incoming,
            outcome: done.outcome,
            conflicts: done.conflicts,
            document: done.document,
        }),
        Err(e) => Err(merging.undo(e)),
    }
}

/// How a merge ended, and the merged document when it was read.
struct Done {
    outcome: Outcome,
    conflicts: Vec<Conflict>,
    document: Option<Arc<Document>>,
}

impl Done {
    /// An end with no conflicts and the document not read.
    fn plain(outcome: Outcome) -> Done {
        Done {
            outcome,
            conflicts: Vec::new(),
            document: None,
        }
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
        let _ = self.git.output(&["update-ref", "-d", "AUTO_MERGE"]);
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
    ) -> Result<Done, ExchangeError> {
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
            return Ok(Done::plain(Outcome::FastForward));
        }
        let mut premerged = premerged.filter(|p| p.fresh(self.doc));
        let ahead = premerged.as_mut().and_then(|p| p.ahead.take());
        let quick = if premerged.is_some() || premerge::only_document(&held, self.path)? {
            let (saved, merged) = std::thread::scope(|scope| {
                let saved = scope.spawn(|| match &ahead {
                    Some(ready) => self.commit_saved_object(&ready.saved),
                    None => self.commit_saved(),
                });
                let merged = premerged.unwrap_or_else(|| premerge::merge(&held, self.doc, None));
                let saved = saved
                    .join()
                    .unwrap_or_else(|_| Err(ExchangeError::thread(self.doc)));
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
        let settle = |object: Option<&str>| {
            if !conflicts.is_empty() {
                return self.wait(&tip, &message).map(|()| Outcome::Conflicts);
            }
            let commit = match object {
                Some(blob) => commit_object(git, self.path, blob, &[&head, &tip], &message)?,
                None => commit_document(git, self.path, &[&head, &tip], &message)?,
            };
            Ok(Outcome::Merged(git.ok(&[
                "rev-parse",
                "--short",
                &commit,
            ])?))
        };
        let (outcome, document) = match ahead {
            Some(ready) => (settle(Some(&ready.merged)), ready.document),
            // The merged document is read for the window while git commits it.
            None => std::thread::scope(|scope| {
                let origin = self.doc.display().to_string();
                let text = &merged.text;
                let read = scope.spawn(move || crate::document::from_str(text, &origin).ok());
                (settle(None), read.join().ok().flatten().map(Arc::new))
            }),
        };
        let outcome = outcome?;
        if outcome != Outcome::Conflicts {
            state::forget(git, &self.before)?;
        }
        Ok(Done {
            outcome,
            conflicts,
            document,
        })
    }

    /// Moves the held commits into the repository, under a name of their own.
    fn keep(&mut self, held: Quarantine) -> Result<(), ExchangeError> {
        let tip = held.tip.clone();
        self.before.packs = held.keep(self.git)?;
        state::note_packs(self.git, self.before.packs.clone())?;
        self.git.ok(&["update-ref", &self.before.fetched, &tip])?;
        Ok(())
    }

    /// Commits `blob`, the saved document already stored, if it differs from
    /// the last commit.
    fn commit_saved_object(&self, blob: &str) -> Result<Option<String>, ExchangeError> {
        commit_saved_object(
            self.git,
            self.path,
            blob,
            "保存（接收数据包前）(saved before receiving)",
        )
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
        let (path, reason) = (self.doc.display().to_string(), e.to_string());
        if reason.contains("(unrelated documents)") {
            ExchangeError::OtherStructure { path, reason }
        } else {
            ExchangeError::Unmergeable { path, reason }
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

    /// `git merge` with gridorg as the driver, for a sender who changed more
    /// than the document.
    fn git_merge(&self, tip: &str, message: &str) -> Result<Done, ExchangeError> {
        let git = self.git;
        let out = git.output(&["merge", "--quiet", "--no-edit", "-m", message, tip])?;
        let said = String::from_utf8_lossy(&out.stderr).to_string();
        let pending = git.succeeds(&["rev-parse", "--quiet", "--verify", "MERGE_HEAD"])?;
        if out.status.success() && !pending {
            let commit = git.ok(&["rev-parse", "--short", "HEAD"])?;
            state::forget(git, &self.before)?;
            return Ok(Done::plain(Outcome::Merged(commit)));
        }
        // The merge driver refuses what it cannot merge (another structure,
        // a result that would not load) and leaves the document as it was.
        if !pending || said.contains("merge failed") || said.contains("无法合并") {
            let reason = crate::controls::escape_lines(said.trim()).into_owned();
            return Err(self.refused(MergeError::Input(reason)));
        }
        let document = crate::document::load(self.doc)?;
        Ok(Done {
            outcome: Outcome::Conflicts,
            conflicts: document.conflicts.clone(),
            document: Some(Arc::new(document)),
        })
    }
}
