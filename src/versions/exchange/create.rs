//! A first copy: a document that does not exist yet made from a 数据包 or a
//! shared repository (a clone), its folder (absent or empty) the new
//! repository.

use super::error::ExchangeError;
use super::incoming::Incoming;
use super::outcome::{Outcome, Received};
use super::run::Git;
use super::send::prepare;
use crate::versions::diff::Summary;
use std::ffi::OsStr;
use std::path::Path;
use std::sync::Arc;

/// Where a first copy comes from.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// A 数据包 file.
    Bundle(&'a Path),
    /// A shared repository (a folder or URL, as git takes it), and the
    /// branch to take from it.
    Remote(&'a str, &'a str),
}

/// Makes the document at `doc` from `source`: a clone in the document's
/// folder, which must be absent or empty. The clone is checked (the
/// document a regular file, the whole within bounds) before anything is
/// checked out, and put in place only once it is whole.
pub fn create(doc: &Path, source: Source, office: &str) -> Result<Received, ExchangeError> {
    let absolute = std::path::absolute(doc).map_err(|e| ExchangeError::io(doc, e))?;
    let (Some(folder), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return Err(ExchangeError::io(doc, "不是文件路径 (not a file path)"));
    };
    let empty = match std::fs::read_dir(folder) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(ExchangeError::io(folder, e)),
    };
    if !empty {
        return Err(ExchangeError::io(
            folder,
            "文件夹不是空的 (folder not empty)：第一次接收时，文档所在的文件夹须不存在或为空；已有文档时请指定那个文档",
        ));
    }
    let parent = folder.parent().unwrap_or(Path::new("/"));
    crate::output::create_private_folder(parent).map_err(|e| ExchangeError::io(parent, e))?;
    let work = tempfile::Builder::new()
        .prefix(".gridorg-receiving-")
        .tempdir_in(parent)
        .map_err(|e| ExchangeError::io(parent, e))?;
    let clone = work.path().join("clone");
    let git = Git::at(work.path()).as_office(office);
    let (from_arg, branch, shown) = match source {
        Source::Bundle(given) => {
            let bundle = std::path::absolute(given).map_err(|e| ExchangeError::io(given, e))?;
            let branch = super::quarantine::branch_of(&git, &bundle)?;
            (bundle.into_os_string(), branch, given.display().to_string())
        }
        Source::Remote(remote, branch) => (remote.into(), branch.to_string(), remote.to_string()),
    };
    let out = git.output(&[
        OsStr::new("clone"),
        "--quiet".as_ref(),
        "--no-checkout".as_ref(),
        "--no-hardlinks".as_ref(),
        "--branch".as_ref(),
        branch.as_ref(),
        "--".as_ref(),
        &from_arg,
        clone.as_os_str(),
    ])?;
    if !out.status.success() {
        let reason = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(match source {
            Source::Bundle(_) => ExchangeError::Damaged {
                path: shown,
                reason,
            },
            Source::Remote(..) => ExchangeError::Offline {
                remote: shown,
                reason,
            },
        });
    }
    let inside = Git::at(&clone).as_office(office);
    inside.ok(&["remote", "remove", "origin"])?;
    let path = name.to_string_lossy().into_owned();
    super::tree::check(&inside, "HEAD", &path, &shown)?;
    prepare(&inside)?;
    inside.ok(&["reset", "--hard", "--quiet"])?;
    let document = crate::document::load(&clone.join(name))?;
    let said = inside.ok(&[
        "log",
        "-1",
        "--date=format:%Y-%m-%d %H:%M",
        "--format=%an%x1f%ad",
    ])?;
    let (from, when) = said.split_once('\u{1f}').unwrap_or((said.as_str(), ""));
    let commits = inside
        .ok(&["rev-list", "--count", "HEAD"])?
        .parse()
        .unwrap_or(0);
    let incoming = Incoming {
        from: crate::controls::escape(from).into_owned(),
        when: when.to_string(),
        commits,
        summary: Summary {
            added: document.record_count(),
            ..Summary::default()
        },
        communities: Vec::new(),
    };
    if folder.exists() {
        std::fs::remove_dir(folder).map_err(|e| ExchangeError::io(folder, e))?;
    }
    std::fs::rename(&clone, folder).map_err(|e| ExchangeError::io(folder, e))?;
    Ok(Received {
        incoming,
        outcome: Outcome::Created,
        conflicts: Vec::new(),
        document: Some(Arc::new(document)),
    })
}
