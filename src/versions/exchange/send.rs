//! Sending: a 数据包 of the document's branch, the saved document committed
//! first; a document not yet under version control gets it here.

use super::commit::commit_saved;
use super::error::ExchangeError;
use super::incoming::current_branch;
use super::run::{driver_program, Git};
use crate::versions::git as history;
use std::path::{Path, PathBuf};

/// What [`start_versions`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    /// The repository's folder (the document's).
    pub top: PathBuf,
    /// The first commit, abbreviated.
    pub commit: String,
}

/// What [`send`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Version control was started for the document by this send.
    pub started: bool,
    /// The commit made of the saved document first, if it differed.
    pub committed: Option<String>,
    /// How many commits the 数据包 holds.
    pub commits: usize,
    /// Its size in bytes.
    pub bytes: u64,
    /// When the newest of them was made (`YYYY-MM-DD HH:MM`).
    pub latest: String,
}

/// Whether the document at `doc` lives in a git work tree.
fn is_versioned(doc: &Path) -> bool {
    history::locate(doc).is_ok()
}

/// The document at `doc` must be a regular file that is there.
fn existing(doc: &Path) -> Result<(), ExchangeError> {
    match std::fs::metadata(doc) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(_) => Err(ExchangeError::io(doc, "不是普通文件 (not a regular file)")),
        Err(e) => Err(ExchangeError::io(doc, format!("无法读取 (io error): {e}"))),
    }
}

/// 开始记录版本: the document's folder becomes a git repository, `git-setup`
/// is done there, and the document is committed as its first version, by
/// `office`.
pub fn start_versions(doc: &Path, office: &str) -> Result<Started, ExchangeError> {
    existing(doc)?;
    if is_versioned(doc) {
        let top = history::locate(doc)?.top;
        return Err(ExchangeError::io(
            &top,
            "已经在记录版本 (already a git repository)",
        ));
    }
    let absolute = std::path::absolute(doc).map_err(|e| ExchangeError::io(doc, e))?;
    let folder = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
    let git = Git::at(&folder).as_office(office);
    git.ok(&["init", "--quiet", "--initial-branch=main"])?;
    restrict(doc).map_err(|e| ExchangeError::io(doc, e))?;
    prepare(&git)?;
    let repository = history::locate(doc)?;
    let git = Git::at(&repository.top).as_office(office);
    git.ok(&[
        "add",
        "--",
        ".gitattributes",
        ".gitignore",
        &repository.path,
    ])?;
    git.ok(&["commit", "--quiet", "-m", "开始记录版本 (first version)"])?;
    let commit = git.ok(&["rev-parse", "--short", "HEAD"])?;
    Ok(Started {
        top: repository.top,
        commit,
    })
}

/// Makes the repository ready for exchanges: `git-setup` (attributes,
/// ignore list, drivers), the attributes also in the git folder's own list
/// (which a received `.gitattributes` cannot override), files owner-only.
pub fn prepare(git: &Git) -> Result<(), ExchangeError> {
    crate::versions::setup::setup(&git.top, &driver_program()).map_err(|reason| {
        ExchangeError::Io {
            path: git.top.display().to_string(),
            reason,
        }
    })?;
    git.ok(&["config", "core.sharedRepository", "0600"])?;
    let info = git.git_path("info")?;
    crate::output::create_private_folder(&info).map_err(|e| ExchangeError::io(&info, e))?;
    let attributes = info.join("attributes");
    let text = crate::input::read_limited(&attributes, 1 << 20)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let lines = [NEUTRAL, crate::versions::setup::ATTRIBUTES];
    let mut kept: Vec<&str> = text
        .lines()
        .filter(|l| !lines.contains(&l.trim()))
        .collect();
    kept.extend(lines);
    let wanted = kept.join("\n") + "\n";
    if wanted != text {
        crate::document::write_atomic(&attributes, wanted.as_bytes())?;
    }
    Ok(())
}

/// The attributes a received `.gitattributes` may not set for any path:
/// filters, conversions and drivers would run programs of this
/// installation's config on the sender's say (git's own `info/attributes`
/// outranks every `.gitattributes`). Documents then get gridorg's drivers.
const NEUTRAL: &str = "* !filter !text !eol !ident !working-tree-encoding !merge !diff";

/// The name a 数据包 of `doc` is given: `<文档>-<本单位>-<日期>.bundle`, the
/// date today's (`YYYYMMDD`).
pub fn bundle_name(doc: &Path, office: &str) -> String {
    let stem = doc
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "文档".into());
    let today = chrono::Local::now().date_naive().format("%Y%m%d");
    format!("{stem}-{office}-{today}.bundle")
}

/// Writes a 数据包 of `doc` to `out` (owner-only, atomically), committing the
/// saved document first by `office` if it differs from the last commit, and
/// starting version control first if there is none.
pub fn send(doc: &Path, out: &Path, office: &str) -> Result<Sent, ExchangeError> {
    existing(doc)?;
    crate::output::check(out, crate::output::Kind::Bundle, &[doc], false)?;
    let started = !is_versioned(doc);
    if started {
        start_versions(doc, office)?;
    }
    let (git, path) = super::incoming::open(doc)?;
    let git = git.as_office(office);
    prepare(&git)?;
    let branch = current_branch(&git)?;
    let committed = if started {
        None
    } else {
        commit_saved(&git, &path, "保存（发送数据包前）(saved before sending)")?
    };
    let folder = crate::output::folder_of(out);
    let temp = tempfile::Builder::new()
        .prefix(".gridorg-")
        .suffix(".bundle.tmp")
        .tempfile_in(folder)
        .map_err(|e| ExchangeError::io(out, e))?
        .into_temp_path();
    let full = format!("refs/heads/{branch}");
    // HEAD too, so that any git can clone it as it is.
    git.ok(&[
        std::ffi::OsStr::new("bundle"),
        "create".as_ref(),
        "--quiet".as_ref(),
        std::path::absolute(&temp)
            .map_err(|e| ExchangeError::io(out, e))?
            .as_os_str(),
        full.as_ref(),
        "HEAD".as_ref(),
    ])?;
    restrict(&temp).map_err(|e| ExchangeError::io(out, e))?;
    std::fs::File::open(&temp)
        .and_then(|f| f.sync_all())
        .map_err(|e| ExchangeError::io(out, e))?;
    crate::output::refuse_special(out)?;
    temp.persist(out)
        .map_err(|e| ExchangeError::io(out, e.error))?;
    let _ = crate::output::sync_folder(folder);
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    let commits = git
        .ok(&["rev-list", "--count", &full])?
        .parse()
        .unwrap_or(0);
    let latest = git.ok(&[
        "log",
        "-1",
        "--date=format:%Y-%m-%d %H:%M",
        "--format=%ad",
        &full,
    ])?;
    Ok(Sent {
        started,
        committed,
        commits,
        bytes,
        latest,
    })
}

/// Makes the file owner-only.
fn restrict(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
