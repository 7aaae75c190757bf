//! The merge of a received document worked out ahead: while the preview is
//! shown the three versions are merged here, so that 合并 only writes and
//! commits what was merged — unless the document was saved again meanwhile.

use super::error::ExchangeError;
use super::quarantine::Quarantine;
use crate::versions::merge_read::{self, MergeError, MergedFiles};
use std::path::Path;
use std::time::SystemTime;

/// A merge worked out for the document as it was on disk then.
#[derive(Debug)]
pub struct Premerged {
    /// The merge, or why it could not be made.
    pub merged: Result<MergedFiles, MergeError>,
    /// The document's size and modification time when it was read.
    stamp: Option<(u64, SystemTime)>,
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
/// out beside `held`.
pub fn merge(held: &Quarantine, doc: &Path) -> Premerged {
    let stamp = stamp(doc);
    let (base, theirs) = (held.scratch("base.ron"), held.scratch("theirs.ron"));
    Premerged {
        merged: merge_read::merge_files([&base, doc, &theirs], false),
        stamp,
    }
}
