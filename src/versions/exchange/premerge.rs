//! The merge of a received document worked out ahead: while the preview is
//! shown the three versions are merged here, the merged document read, and
//! the saved and the merged document stored as git objects (objects only:
//! nothing names them, no branch, index or file changes), so that 合并 only
//! writes the file and makes the commits — unless the document was saved
//! again meanwhile.

use super::error::ExchangeError;
use super::quarantine::Quarantine;
use super::run::Git;
use crate::model::Document;
use crate::versions::merge_read::{self, MergeError, MergedFiles};
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

/// A merge worked out for the document as it was on disk then.
#[derive(Debug)]
pub struct Premerged {
    /// The merge, or why it could not be made.
    pub merged: Result<MergedFiles, MergeError>,
    /// What was made ready beside it, when asked and the merge was made.
    pub ahead: Option<Ahead>,
    /// The document's size and modification time when it was read.
    stamp: Option<(u64, SystemTime)>,
}

/// A merge made ready to be committed.
#[derive(Debug)]
pub struct Ahead {
    /// The git object of the document as saved (ours).
    pub saved: String,
    /// The git object of the merged document.
    pub merged: String,
    /// The merged document, read.
    pub document: Option<Arc<Document>>,
}

impl Premerged {
    /// Whether the document at `doc` is still what was merged.
    pub fn fresh(&self, doc: &Path) -> bool {
        self.stamp.is_some() && stamp(doc) == self.stamp
    }
}

fn stamp(doc: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(doc).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Whether the sender changed nothing but the document at `path` since the
/// version both sides share: then the merge is the document's alone.
pub fn only_document(held: &Quarantine, path: &str) -> Result<bool, ExchangeError> {
    let Some(base) = &held.base else {
        return Ok(false);
    };
    held.git().succeeds(&[
        "diff",
        "--quiet",
        "--no-ext-diff",
        base,
        &held.tip,
        "--",
        ".",
        &format!(":(exclude,literal){path}"),
    ])
}

/// Merges the shared version, the document at `doc` and the sender's, read
/// out beside `held`; with `ready` (the repository's git), also makes it
/// ready to be committed ([`Ahead`]) — what a failure there leaves undone
/// is done on 合并 instead.
pub fn merge(held: &Quarantine, doc: &Path, ready: Option<(&Git, &str)>) -> Premerged {
    let stamp = stamp(doc);
    let (base, theirs) = (held.scratch("base.ron"), held.scratch("theirs.ron"));
    let merged = merge_read::merge_files([&base, doc, &theirs], false);
    let ahead = match (&merged, ready) {
        (Ok(files), Some((git, path))) => ahead(git, doc, path, &files.text).ok(),
        _ => None,
    };
    Premerged {
        merged,
        ahead,
        stamp,
    }
}

/// Stores the saved and the merged document as objects and reads the
/// merged one, at once.
fn ahead(git: &Git, doc: &Path, path: &str, text: &str) -> Result<Ahead, ExchangeError> {
    let file = std::path::absolute(doc).map_err(|e| ExchangeError::io(doc, e))?;
    let file = file.to_string_lossy();
    let path_arg = format!("--path={path}");
    std::thread::scope(|scope| {
        let saved = scope.spawn(|| git.ok(&["hash-object", "-w", &path_arg, "--", &file]));
        let merged = scope.spawn(|| {
            git.ok_with_input(
                &["hash-object", "-w", "--stdin", &path_arg],
                text.as_bytes(),
            )
        });
        let document = crate::document::from_str(text, &doc.display().to_string())
            .ok()
            .map(Arc::new);
        let failed = || ExchangeError::thread(doc);
        Ok(Ahead {
            saved: saved.join().map_err(|_| failed())??,
            merged: merged.join().map_err(|_| failed())??,
            document,
        })
    })
}
