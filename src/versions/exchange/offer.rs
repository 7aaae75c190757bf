//! A 数据包 looked at and held, between the preview and 合并: what it brings
//! is said ([`Offer::incoming`]) and nothing has changed; its merge is
//! worked out meanwhile, so [`Offer::accept`] only writes and commits it
//! (merging again if the document was saved since). Dropping the offer
//! leaves no trace.

use super::error::ExchangeError;
use super::incoming::{current_branch, look, open, summarize, Incoming};
use super::merging::merge_in;
use super::outcome::Received;
use super::premerge::{self, Premerged};
use super::quarantine::{self, Quarantine};
use super::run::Git;
use std::path::{Path, PathBuf};

/// A 数据包 unpacked beside a document's repository and looked at.
#[derive(Debug)]
pub struct Offer {
    /// What it brings.
    pub incoming: Incoming,
    doc: PathBuf,
    git: Git,
    path: String,
    held: Quarantine,
    premerged: Option<Premerged>,
}

/// Unpacks and looks at the 数据包 at `bundle` for the document at `doc`;
/// refused, with nothing changed, when it is not a bundle, is damaged,
/// holds another structure or no history in common, or a merge waits.
pub fn offer(doc: &Path, bundle: &Path) -> Result<Offer, ExchangeError> {
    let (git, path) = open(doc)?;
    let branch = current_branch(&git)?;
    let mut held = quarantine::unbundle(&git, bundle, &branch)?;
    let shown = bundle.display().to_string();
    let (incoming, premerged) = study(&git, &mut held, doc, &path, &shown)?;
    Ok(Offer {
        incoming,
        doc: doc.to_path_buf(),
        git,
        path,
        held,
        premerged,
    })
}

/// What the commits in `held` bring to the document at `doc` (`path` in
/// its repository), and their merge worked out where the sender changed
/// the document alone and the document's side has something to merge.
pub fn study(
    git: &Git,
    held: &mut Quarantine,
    doc: &Path,
    path: &str,
    shown: &str,
) -> Result<(Incoming, Option<Premerged>), ExchangeError> {
    let mut incoming = look(held, path, shown)?;
    if incoming.already() {
        return Ok((incoming, None));
    }
    let seen = held.git();
    let forward = seen.succeeds(&["merge-base", "--is-ancestor", "HEAD", &held.tip])?
        && seen.succeeds(&["diff", "--quiet", "--no-ext-diff", "HEAD", "--", path])?;
    let worth = !forward && premerge::only_document(held, path)?;
    let held = &*held;
    let (summary, premerged) = std::thread::scope(|scope| {
        let premerged =
            worth.then(|| scope.spawn(|| premerge::merge(held, doc, Some((git, path)))));
        let summary = summarize(held, &mut incoming, shown);
        (summary, premerged.and_then(|h| h.join().ok()))
    });
    summary?;
    Ok((incoming, premerged))
}

impl Offer {
    /// The document it is for.
    pub fn document(&self) -> &Path {
        &self.doc
    }

    /// Merges it into the document as [`super::receive`] does, committing by
    /// `office`; refused if the document's repository moved on meanwhile (a
    /// merge started, the branch changed: look again).
    pub fn accept(self, office: &str) -> Result<Received, ExchangeError> {
        let (git, path) = open(&self.doc)?;
        if git.top != self.git.top || path != self.path {
            return Err(ExchangeError::NotVersioned(self.doc.display().to_string()));
        }
        merge_in(
            &self.doc,
            &git.as_office(office),
            &path,
            self.held,
            self.incoming,
            self.premerged,
        )
    }
}
