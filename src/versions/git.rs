//! A document's git history, through the git command line: whether a file
//! lives in a work tree ([`locate`]), the commits that touched it ([`log`]),
//! its bytes at one of them ([`read_at`]), and committing it once saved
//! ([`commit`]), which an unfinished merge ([`merging`]) would refuse. git
//! runs as a program with its arguments handed over one by one — never
//! through a shell, so no text of the user's is ever interpreted.

use crate::document;
use crate::model::Document;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The largest version [`document_at`] reads: what a document may be on
/// disk ([`crate::input::LIMIT`]; a city's document is ~100 MB).
pub const MAX_VERSION_BYTES: u64 = crate::input::LIMIT;

/// Why git could not do what was asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GitError {
    /// The `git` program could not be run.
    #[error(
        "无法运行 git (git not found): {0}；请先安装 git（Debian/Ubuntu: apt-get install git）"
    )]
    Missing(String),
    /// The file is not inside a git work tree.
    #[error("{0}: 不在 git 仓库中 (not a git repository)")]
    NotARepository(String),
    /// git does not know who commits.
    #[error("没有设置提交者身份 (no git identity)：请先运行 git config --global user.name \"姓名\" 与 git config --global user.email \"邮箱\"")]
    NoIdentity,
    /// The file is as it was last committed.
    #[error("{0}: 与上次提交相比没有改动，无需提交 (nothing to commit)")]
    NothingToCommit(String),
    /// An empty commit message.
    #[error("提交说明为空 (empty commit message)：请写明这次修改了什么")]
    EmptyMessage,
    /// The version is larger than the limit.
    #[error("{path} 在 {revision} 的版本有 {bytes} 字节，超过上限 {limit} 字节 (file too large)")]
    TooLarge {
        /// The file, as in the repository.
        path: String,
        /// The commit.
        revision: String,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// git ran and failed.
    #[error("git {command} 失败 (git failed): {reason}")]
    Failed {
        /// The git command, as `log`, `commit` …
        command: String,
        /// What git said.
        reason: String,
    },
    /// A version git gave back is not a document this program reads.
    #[error(transparent)]
    Version(#[from] document::DocumentError),
}

/// Where a document lives in a git work tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    /// The work tree's top folder.
    pub top: PathBuf,
    /// The document's path in the repository, `/`-separated.
    pub path: String,
}

/// One commit that touched the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full hash.
    pub hash: String,
    /// The abbreviated hash git shows.
    pub short: String,
    /// When it was authored: `YYYY-MM-DD HH:MM`, in the author's time zone.
    pub date: String,
    /// The author's name.
    pub author: String,
    /// The first line of the message.
    pub message: String,
    /// The office a received 数据包 came from, for the merge commit of a
    /// receive (its `Gridorg-From:` trailer, [`FROM_TRAILER`]; read on
    /// merges only).
    pub from: Option<String>,
    /// The document's path in the repository at that commit (it may have
    /// been renamed since).
    pub path: String,
}

/// Runs git in `dir` with `args`; the output, or why it could not run.
fn run(dir: &Path, args: &[&str]) -> Result<Output, GitError> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .map_err(|e| GitError::Missing(e.to_string()))
}

/// Runs git and wants it to succeed: its standard output.
fn run_ok(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = run(dir, args)?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(failed(args, &out))
    }
}

fn failed(args: &[&str], out: &Output) -> GitError {
    let reason = String::from_utf8_lossy(&out.stderr).trim().to_string();
    GitError::Failed {
        command: args.first().copied().unwrap_or_default().to_string(),
        reason: crate::controls::escape_lines(&reason).into_owned(),
    }
}

/// Whether the document at `file` lives in a git work tree, and where.
pub fn locate(file: &Path) -> Result<Repository, GitError> {
    let shown = || file.display().to_string();
    let absolute = std::path::absolute(file).map_err(|_| GitError::NotARepository(shown()))?;
    let (Some(folder), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return Err(GitError::NotARepository(shown()));
    };
    // The folder as git sees it: links resolved, as in `--show-toplevel`.
    let folder = std::fs::canonicalize(folder).map_err(|_| GitError::NotARepository(shown()))?;
    let out = run(&folder, &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return Err(GitError::NotARepository(shown()));
    }
    let top = String::from_utf8_lossy(&out.stdout).trim_end().to_string();
    let top = PathBuf::from(top);
    let inside = folder
        .join(name)
        .strip_prefix(&top)
        .map_err(|_| GitError::NotARepository(shown()))?
        .to_path_buf();
    let path: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if path.is_empty() || path.iter().any(|p| p == ".git") {
        return Err(GitError::NotARepository(shown()));
    }
    Ok(Repository {
        top,
        path: path.join("/"),
    })
}

/// The trailer a receive's merge commit names the sender's office with.
pub const FROM_TRAILER: &str = "Gridorg-From";

/// The separator of the fields of one commit in [`log`]'s format.
const FIELD: char = '\u{1f}';

/// The commits that touched the document, newest first, following renames
/// along the first parent: the office's own commits and each merge of what it
/// received (whose changes are what came in), not the sender's commits behind it.
/// A file never committed has none.
pub fn log(repository: &Repository) -> Result<Vec<Commit>, GitError> {
    let format =
        format!("--format=%H%x1f%h%x1f%ad%x1f%an%x1f%P%x1f%(trailers:key={FROM_TRAILER},valueonly,separator=%x2C)%x1f%s");
    let out = run(
        &repository.top,
        &[
            "log",
            "--follow",
            "--first-parent",
            "-z",
            "--name-only",
            "--date=format:%Y-%m-%d %H:%M",
            &format,
            "--",
            &repository.path,
        ],
    )?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        // A repository with no commit yet: nothing committed, no history.
        if said.contains("does not have any commits") || said.contains("bad default revision") {
            return Ok(Vec::new());
        }
        return Err(failed(&["log"], &out));
    }
    Ok(parse_log(
        &String::from_utf8_lossy(&out.stdout),
        &repository.path,
    ))
}

/// Reads `git log -z --name-only` output: each commit's fields, then (on a
/// line of its own) the file's name at that commit — absent for a merge.
fn parse_log(text: &str, current: &str) -> Vec<Commit> {
    let mut commits: Vec<Commit> = Vec::new();
    for token in text.split('\0').filter(|t| !t.trim().is_empty()) {
        if let Some(name) = token.strip_prefix('\n') {
            if let Some(last) = commits.last_mut() {
                last.path = name.to_string();
            }
            continue;
        }
        let fields: Vec<&str> = token.splitn(7, FIELD).collect();
        let [hash, short, date, author, parents, from, message] = fields[..] else {
            continue;
        };
        // Until git names it, the file had the name of the newer commit.
        let path = commits
            .last()
            .map_or(current, |c| c.path.as_str())
            .to_string();
        commits.push(Commit {
            hash: hash.to_string(),
            short: short.to_string(),
            date: date.to_string(),
            author: author.to_string(),
            message: message.to_string(),
            // Only a merge names a sender: a plain commit saying so is not
            // what it claims.
            from: Some(from.trim())
                .filter(|f| !f.is_empty() && parents.split_whitespace().count() > 1)
                .map(str::to_string),
            path,
        });
    }
    commits
}

/// The bytes of the document as it was at `commit`; refused above `limit`
/// bytes before anything is read.
pub fn read_at(repository: &Repository, commit: &Commit, limit: u64) -> Result<Vec<u8>, GitError> {
    let object = format!("{}:{}", commit.hash, commit.path);
    let size = run_ok(&repository.top, &["cat-file", "-s", &object])?;
    let size = String::from_utf8_lossy(&size);
    let bytes: u64 = size.trim().parse().map_err(|_| GitError::Failed {
        command: "cat-file".into(),
        reason: format!("读不懂的大小 (unexpected size) {}", size.trim()),
    })?;
    if bytes > limit {
        return Err(GitError::TooLarge {
            path: commit.path.clone(),
            revision: commit.short.clone(),
            bytes,
            limit,
        });
    }
    run_ok(&repository.top, &["cat-file", "blob", &object])
}

/// Commits the document at `file` — that file alone, whatever else is staged
/// — with `message`; the new commit's abbreviated hash.
pub fn commit(file: &Path, message: &str) -> Result<String, GitError> {
    let message = message.trim();
    if message.is_empty() || message.contains('\0') {
        return Err(GitError::EmptyMessage);
    }
    let repository = locate(file)?;
    let (top, path) = (&repository.top, repository.path.as_str());
    run_ok(top, &["add", "--", path])?;
    let staged = run(top, &["diff", "--cached", "--quiet", "--", path])?;
    if staged.status.success() {
        return Err(GitError::NothingToCommit(file.display().to_string()));
    }
    let out = run(top, &["commit", "--quiet", "-m", message, "--", path])?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        if said.contains("Please tell me who you are")
            || said.contains("Author identity unknown")
            || said.contains("empty ident name")
        {
            return Err(GitError::NoIdentity);
        }
        return Err(failed(&["commit"], &out));
    }
    let short = run_ok(top, &["rev-parse", "--short", "HEAD"])?;
    Ok(String::from_utf8_lossy(&short).trim().to_string())
}

/// Whether the repository holding `file` is in the middle of a `git merge`
/// (its MERGE_HEAD is there): committing one file then fails, so the window
/// asks before it saves. False outside a work tree.
pub fn merging(file: &Path) -> Result<bool, GitError> {
    let repository = match locate(file) {
        Ok(repository) => repository,
        Err(GitError::NotARepository(_)) => return Ok(false),
        Err(e) => return Err(e),
    };
    let out = run(
        &repository.top,
        &["rev-parse", "--quiet", "--verify", "MERGE_HEAD"],
    )?;
    Ok(out.status.success())
}

/// The document as it was at `commit`, read (up to [`MAX_VERSION_BYTES`])
/// and parsed.
pub fn document_at(repository: &Repository, commit: &Commit) -> Result<Document, GitError> {
    let bytes = read_at(repository, commit, MAX_VERSION_BYTES)?;
    let origin = format!("{}@{}", commit.path, commit.short);
    Ok(document::from_bytes(&bytes, &origin)?)
}

/// How many changes ([`super::diff::changes`]) each of `commits` (newest
/// first, as [`log`] gives them) made to the document: from the version
/// before it — the next older commit's, or an empty structure for the
/// oldest — to its own. Each version is read once; each count (or why it
/// could not be worked out) goes to `each` with the commit's index as soon
/// as it is known, newest first, until `each` returns false.
pub fn count_changes(
    repository: &Repository,
    commits: &[Commit],
    mut each: impl FnMut(usize, Result<usize, GitError>) -> bool,
) {
    let mut newer = commits.first().map(|c| document_at(repository, c));
    for index in 0..commits.len() {
        let older = match commits.get(index + 1) {
            Some(c) => document_at(repository, c),
            None => Ok(Document::default()),
        };
        let count = match (&newer, &older) {
            (Some(Ok(new)), Ok(old)) => Ok(super::diff::changes(old, new).list.len()),
            (Some(Err(e)), _) | (_, Err(e)) => Err(e.clone()),
            (None, _) => return,
        };
        if !each(index, count) {
            return;
        }
        newer = Some(older);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_log;

    #[test]
    fn a_log_names_each_commit_and_the_file_as_it_was_then() {
        let text = "h3\u{1f}s3\u{1f}2026-12-01 12:00\u{1f}社区\u{1f}h2\u{1f}区委\u{1f}改名\0\nnew.ron\0\
                    h2\u{1f}s2\u{1f}2026-11-30 09:00\u{1f}街道\u{1f}h1 h0\u{1f}迎宾馆社区\n\u{1f}合并\0\
                    h1\u{1f}s1\u{1f}2026-11-29 08:00\u{1f}社区\u{1f}\u{1f}\u{1f}底稿 a\u{1f}b\0\nold.ron\0";
        let commits = parse_log(text, "new.ron");
        let seen: Vec<_> = commits
            .iter()
            .map(|c| (c.short.as_str(), c.message.as_str(), c.path.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                ("s3", "改名", "new.ron"),
                ("s2", "合并", "new.ron"),
                ("s1", "底稿 a\u{1f}b", "old.ron")
            ]
        );
        assert_eq!(commits[1].author, "街道");
        let from: Vec<_> = commits.iter().map(|c| c.from.as_deref()).collect();
        assert_eq!(from, [None, Some("迎宾馆社区"), None]);
    }
}
