//! Committing the document alone, with git's plumbing: the document is
//! staged (hashed once), its tree is built in an index of its own from the
//! first parent's, and the branch moves to the new commit — whatever else is
//! staged stays staged, and nothing is hashed twice.

use super::error::ExchangeError;
use super::run::Git;

/// Commits the document at `path` of the repository as it is on disk, over
/// `parents` (the first one's tree with the document replaced), moving the
/// branch from the first parent; the new commit's hash.
pub fn commit_document(
    git: &Git,
    path: &str,
    parents: &[&str],
    message: &str,
) -> Result<String, ExchangeError> {
    git.ok(&["add", "--", path])?;
    let blob = git.ok(&["rev-parse", &format!(":{path}")])?;
    commit_object(git, path, &blob, parents, message)
}

/// Commits `blob` (a git object already stored) as the document at `path`
/// over `parents`, as [`commit_document`] does, and stages it.
pub fn commit_object(
    git: &Git,
    path: &str,
    blob: &str,
    parents: &[&str],
    message: &str,
) -> Result<String, ExchangeError> {
    let Some(first) = parents.first() else {
        return Err(ExchangeError::NothingPending(path.to_string()));
    };
    let entry = format!("100644,{blob},{path}");
    git.ok(&["update-index", "--add", "--cacheinfo", &entry])?;
    let scratch = git.git_path(&format!("gridorg-index-{}", std::process::id()))?;
    let _ = std::fs::remove_file(&scratch);
    let index = git.with_env("GIT_INDEX_FILE", &scratch);
    let tree = index
        .ok(&["read-tree", first])
        .and_then(|_| index.ok(&["update-index", "--add", "--cacheinfo", &entry]))
        .and_then(|_| index.ok(&["write-tree"]));
    let _ = std::fs::remove_file(&scratch);
    let tree = tree?;
    let mut args = vec!["commit-tree", tree.as_str()];
    for parent in parents {
        args.extend(["-p", parent]);
    }
    args.extend(["-m", message]);
    let commit = git.ok(&args)?;
    let subject = message.lines().next().unwrap_or_default();
    git.ok(&["update-ref", "-m", subject, "HEAD", &commit, first])?;
    Ok(commit)
}

/// Commits the saved document at `path` of the repository if it differs
/// from the last commit; the commit made, abbreviated.
pub fn commit_saved(git: &Git, path: &str, message: &str) -> Result<Option<String>, ExchangeError> {
    git.ok(&["add", "--", path])?;
    let blob = git.ok(&["rev-parse", &format!(":{path}")])?;
    commit_saved_object(git, path, &blob, message)
}

/// Commits `blob`, the saved document at `path` already stored, if it
/// differs from the last commit's; the commit made, abbreviated.
pub fn commit_saved_object(
    git: &Git,
    path: &str,
    blob: &str,
    message: &str,
) -> Result<Option<String>, ExchangeError> {
    let head = git.ok(&["rev-parse", "HEAD"])?;
    let committed = git.output(&["rev-parse", "--verify", "--quiet", &format!("HEAD:{path}")])?;
    if String::from_utf8_lossy(&committed.stdout).trim() == blob {
        return Ok(None);
    }
    let commit = commit_object(git, path, blob, &[&head], message)?;
    Ok(Some(git.ok(&["rev-parse", "--short", &commit])?))
}
