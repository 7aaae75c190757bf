//! What a 数据包 brings, looked at without changing anything.

use super::error::ExchangeError;
use super::quarantine::Quarantine;
use super::run::Git;
use crate::versions::diff::{self, Summary};
use crate::versions::git::{self as history, MAX_VERSION_BYTES};
use std::path::Path;

/// What a 数据包 (or a shared repository) brings to a document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Incoming {
    /// The sender's office: the author of its newest commit.
    pub from: String,
    /// When that commit was made (`YYYY-MM-DD HH:MM`).
    pub when: String,
    /// How many commits it brings that the document's repository lacks; 0
    /// when it was received already.
    pub commits: usize,
    /// The changes it brings, by kind: from the version both sides share to
    /// the sender's (for a first copy: every record, as added).
    pub summary: Summary,
    /// The communities those changes touch (names, in the natural order of
    /// their codes; a street's own name for what sits directly in it). Empty
    /// for a first copy, which brings everything.
    pub communities: Vec<String>,
}

impl Incoming {
    /// Whether everything it holds is there already (已接收过).
    pub fn already(&self) -> bool {
        self.commits == 0
    }
}

/// The repository of the document at `doc` and its path there; refused when
/// it has none or a merge waits to be settled.
pub fn open(doc: &Path) -> Result<(Git, String), ExchangeError> {
    let repository = match history::locate(doc) {
        Ok(r) => r,
        Err(history::GitError::NotARepository(_)) => {
            return Err(ExchangeError::NotVersioned(doc.display().to_string()))
        }
        Err(e) => return Err(e.into()),
    };
    let git = Git::at(&repository.top);
    if git.succeeds(&["rev-parse", "--quiet", "--verify", "MERGE_HEAD"])? {
        return Err(ExchangeError::MergePending(doc.display().to_string()));
    }
    Ok((git, repository.path))
}

/// The branch the work tree is on (short name).
pub fn current_branch(git: &Git) -> Result<String, ExchangeError> {
    let out = git.output(&["symbolic-ref", "--quiet", "--short", "HEAD"])?;
    let name = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !name.is_empty() {
        Ok(name)
    } else {
        Err(history::GitError::Failed {
            command: "symbolic-ref".into(),
            reason: "仓库不在任何分支上 (detached HEAD)：请先切回分支".into(),
        }
        .into())
    }
}

/// Who sent the commits held in `held` and how many the repository lacks,
/// or why they are refused (`shown` names where they came from); the
/// shared version and the sender's are read out beside them for
/// [`summarize`] and the merge.
pub fn look(held: &mut Quarantine, path: &str, shown: &str) -> Result<Incoming, ExchangeError> {
    let git = held.git().clone();
    let git = &git;
    let tip = held.tip.clone();
    let tip = tip.as_str();
    let said = git.ok(&[
        "log",
        "-1",
        "--date=format:%Y-%m-%d %H:%M",
        "--format=%an%x1f%ad",
        tip,
    ])?;
    let (from, when) = said.split_once('\u{1f}').unwrap_or((said.as_str(), ""));
    let mut incoming = Incoming {
        from: crate::controls::escape(from).into_owned(),
        when: when.to_string(),
        ..Incoming::default()
    };
    let has_head = git.succeeds(&["rev-parse", "--quiet", "--verify", "HEAD^{commit}"])?;
    let base = if has_head {
        git.output(&["merge-base", "HEAD", tip])?
    } else {
        return Err(ExchangeError::NoCommonHistory { path: shown.into() });
    };
    let base = String::from_utf8_lossy(&base.stdout).trim().to_string();
    if base.is_empty() {
        return Err(ExchangeError::NoCommonHistory { path: shown.into() });
    }
    let theirs_object = format!("{tip}:{path}");
    super::tree::check(git, tip, path, shown)?;
    if git.succeeds(&["merge-base", "--is-ancestor", tip, "HEAD"])? {
        return Ok(incoming);
    }
    held.base = Some(base.clone());
    let count = git.ok(&["rev-list", "--count", tip, "^HEAD"])?;
    incoming.commits = count.parse().unwrap_or(0);
    let base_file = held.scratch("base.ron");
    let theirs_file = held.scratch("theirs.ron");
    let base_object = format!("{base}:{path}");
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| write_version(git, &base_object, &base_file));
        let b = write_version(git, &theirs_object, &theirs_file);
        (a.join(), b)
    });
    a.unwrap_or_else(|_| Err(ExchangeError::thread(&base_file)))?;
    b?;
    Ok(incoming)
}

/// Fills in what the versions [`look`] read out bring: the changes from the
/// shared version to the sender's, by kind, and the communities they touch.
pub fn summarize(
    held: &Quarantine,
    incoming: &mut Incoming,
    shown: &str,
) -> Result<(), ExchangeError> {
    if incoming.already() {
        return Ok(());
    }
    let base_file = held.scratch("base.ron");
    let theirs_file = held.scratch("theirs.ron");
    let unreadable = |e: crate::document::DocumentError| ExchangeError::OtherStructure {
        path: shown.into(),
        reason: e.to_string(),
    };
    let (old, new) = if std::fs::metadata(&base_file).is_ok_and(|m| m.len() == 0) {
        let new = crate::document::load(&theirs_file).map_err(unreadable)?;
        (crate::model::Document::default(), new)
    } else {
        let pair = diff::read::read_pair(&base_file, &theirs_file, false).map_err(unreadable)?;
        crate::versions::related(&pair.old, &pair.new).map_err(|why| {
            ExchangeError::OtherStructure {
                path: shown.into(),
                reason: why.to_string(),
            }
        })?;
        (pair.old, pair.new)
    };
    let changes = diff::changes(&old, &new);
    incoming.summary = changes.summary();
    let mut places: Vec<(String, String)> = changes
        .list
        .iter()
        .filter_map(|c| c.place())
        .map(|p| {
            (
                p.code.clone(),
                crate::controls::escape(&p.name).into_owned(),
            )
        })
        .collect();
    places.sort_by(|a, b| crate::order::natural(&a.0, &b.0));
    places.dedup();
    incoming.communities = places.into_iter().map(|(_, name)| name).collect();
    Ok(())
}

/// Writes the document version `object` (`COMMIT:PATH`) to `file`; an
/// object that is not there (the document was added later) is an empty
/// structure, as git's merge takes it.
fn write_version(git: &Git, object: &str, file: &Path) -> Result<(), ExchangeError> {
    let bytes = if git.succeeds(&["cat-file", "-e", object])? {
        let size = git.ok(&["cat-file", "-s", object])?;
        let size: u64 = size.parse().unwrap_or(u64::MAX);
        if size > MAX_VERSION_BYTES {
            return Err(history::GitError::TooLarge {
                path: object.to_string(),
                revision: String::new(),
                bytes: size,
                limit: MAX_VERSION_BYTES,
            }
            .into());
        }
        let out = git.output(&["cat-file", "blob", object])?;
        out.stdout
    } else {
        Vec::new()
    };
    std::fs::write(file, bytes).map_err(|e| ExchangeError::io(file, e))
}
