//! A community's first copy: a document that does not exist yet made from a
//! 数据包, its folder (absent or empty) the new repository.

use super::error::ExchangeError;
use super::incoming::Incoming;
use super::receive::{Outcome, Received};
use super::run::Git;
use super::send::prepare;
use crate::versions::diff;
use std::path::Path;

fn io(path: &Path, reason: impl std::fmt::Display) -> ExchangeError {
    ExchangeError::Io {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// Makes the document at `doc` from the 数据包 at `bundle`: a clone of it in
/// the document's folder, which must be absent or empty.
pub fn create(doc: &Path, bundle: &Path, office: &str) -> Result<Received, ExchangeError> {
    let absolute = std::path::absolute(doc).map_err(|e| io(doc, e))?;
    let (Some(folder), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return Err(io(doc, "不是文件路径 (not a file path)"));
    };
    let empty = match std::fs::read_dir(folder) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(io(folder, e)),
    };
    if !empty {
        return Err(io(
            folder,
            "文件夹不是空的 (folder not empty)：接收第一份数据包时，文档所在的文件夹须不存在或为空；已有文档时请指定那个文档",
        ));
    }
    let parent = folder.parent().unwrap_or(Path::new("/"));
    crate::output::create_private_folder(parent).map_err(|e| io(parent, e))?;
    let shown = bundle.display().to_string();
    let work = tempfile::Builder::new()
        .prefix(".gridorg-receiving-")
        .tempdir_in(parent)
        .map_err(|e| io(parent, e))?;
    let clone = work.path().join("clone");
    let bundle_path = std::path::absolute(bundle).map_err(|e| io(bundle, e))?;
    let git = Git::at(work.path()).as_office(office);
    let heads = super::quarantine::branch_of(&git, &bundle_path)?;
    let out = git.output(&[
        std::ffi::OsStr::new("clone"),
        "--quiet".as_ref(),
        "--no-checkout".as_ref(),
        "--no-hardlinks".as_ref(),
        "--branch".as_ref(),
        heads.as_ref(),
        bundle_path.as_os_str(),
        clone.as_os_str(),
    ])?;
    if !out.status.success() {
        return Err(ExchangeError::Damaged {
            path: shown,
            reason: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    let inside = Git::at(&clone).as_office(office);
    inside.ok(&["remote", "remove", "origin"])?;
    let path = name.to_string_lossy().into_owned();
    super::tree::check(&inside, "HEAD", &path, &shown)?;
    inside.ok(&["reset", "--hard", "--quiet"])?;
    let document = crate::document::load(&clone.join(name))?;
    prepare(&inside)?;
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
    let changes = diff::changes(&crate::model::Document::default(), &document);
    let mut communities: Vec<(String, String)> = document
        .units
        .values()
        .filter(|u| u.level == crate::model::Level::Community)
        .map(|u| {
            (
                u.code.clone(),
                crate::controls::escape(&u.name).into_owned(),
            )
        })
        .collect();
    communities.sort_by(|a, b| crate::order::natural(&a.0, &b.0));
    if folder.exists() {
        std::fs::remove_dir(folder).map_err(|e| io(folder, e))?;
    }
    std::fs::rename(&clone, folder).map_err(|e| io(folder, e))?;
    Ok(Received {
        incoming: Incoming {
            from: crate::controls::escape(from).into_owned(),
            when: when.to_string(),
            commits,
            summary: changes.summary(),
            communities: communities.into_iter().map(|(_, n)| n).collect(),
        },
        outcome: Outcome::Created,
        conflicts: Vec::new(),
    })
}
