//! The 数据包 work, each piece on a thread of its own so the window never
//! waits on git or a disk: 本单位 read and kept, the removable disks looked
//! for, a 数据包 written, looked at, merged; a pending merge settled; the
//! document read again after git changed it.

use crate::document;
use crate::gui::io::{apart, Once};
use crate::model::Document;
use crate::store::office::{self, OfficeError};
use crate::versions::exchange::{self, ExchangeError, Offer, Pending, Received, Sent, Started};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a merge (a receive or a sync) did, with the document before it and
/// as it is now on disk.
#[derive(Debug, Clone)]
pub struct Merged {
    /// What came in and how it was merged.
    pub received: Received,
    /// The shared repository, for a sync; whether the result was pushed.
    pub synced: Option<(String, bool)>,
    /// The document as it was before (None when nothing changed).
    pub before: Option<Document>,
    /// The document as it is now (None when nothing changed).
    pub after: Option<Document>,
}

/// A finished piece of work's result: a thread that was lost is an error
/// about the document.
pub type Done<T> = Result<T, ExchangeError>;

/// Why a result never came.
fn lost(doc: &Path) -> ExchangeError {
    ExchangeError::Io {
        path: doc.display().to_string(),
        reason: "后台任务中断 (worker lost)".into(),
    }
}

/// Runs `work` about `doc` apart.
async fn about<T: Send + 'static>(
    doc: PathBuf,
    work: impl FnOnce(&Path) -> Done<T> + Send + 'static,
) -> Done<T> {
    let shown = doc.clone();
    apart(move || work(&doc))
        .await
        .unwrap_or_else(|| Err(lost(&shown)))
}

/// 本单位 as kept in the data folder.
pub async fn office_kept() -> Option<String> {
    apart(office::office).await.flatten()
}

/// Keeps `text` as 本单位.
pub async fn keep_office(text: String) -> Result<String, OfficeError> {
    apart(move || office::set_office(&text))
        .await
        .unwrap_or_else(|| Err(OfficeError::Write("后台任务中断 (worker lost)".into())))
}

/// The removable disks mounted for this user: the folders under
/// `/media/$USER` and `/run/media/$USER`, by name.
pub async fn disks() -> Vec<PathBuf> {
    apart(|| match std::env::var_os("USER") {
        Some(user) => mounted(&[Path::new("/media"), Path::new("/run/media")], &user),
        None => Vec::new(),
    })
    .await
    .unwrap_or_default()
}

/// The folders under `<base>/<user>` for each of `bases`, in order of path.
fn mounted(bases: &[&Path], user: &std::ffi::OsStr) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = bases
        .iter()
        .filter_map(|base| std::fs::read_dir(base.join(user)).ok())
        .flat_map(|entries| entries.flatten().map(|e| e.path()))
        .filter(|path| path.is_dir())
        .collect();
    found.sort();
    found
}

/// The received merge of `doc` waiting to be settled, if any.
pub async fn pending(doc: PathBuf) -> Option<Pending> {
    apart(move || exchange::pending(&doc)).await.flatten()
}

/// The shared repository remembered for `doc`.
pub async fn remote(doc: PathBuf) -> Option<String> {
    apart(move || exchange::remote(&doc)).await.flatten()
}

/// Writes a 数据包 of `doc` at `out`.
pub async fn send(doc: PathBuf, out: PathBuf, office: String) -> Done<Sent> {
    about(doc, move |doc| exchange::send(doc, &out, &office)).await
}

/// Puts `doc` under version control.
pub async fn start(doc: PathBuf, office: String) -> Done<Started> {
    about(doc, move |doc| exchange::start_versions(doc, &office)).await
}

/// The 数据包 at `bundle` looked at for `doc` and held, its merge worked
/// out meanwhile, until 合并 or 取消.
pub async fn offer(doc: PathBuf, bundle: PathBuf) -> Done<Once<Offer>> {
    about(doc, move |doc| exchange::offer(doc, &bundle).map(Once::new)).await
}

/// Lets go of an offer apart: its unpacked 数据包 is removed from the disk.
pub fn discard(offer: Offer) {
    std::thread::spawn(move || drop(offer));
}

/// Merges the 数据包 at `bundle` into `doc`, shown as `shown` (saved): the
/// `offer` held for it accepted, or the 数据包 read again without one.
pub async fn receive(
    doc: PathBuf,
    shown: Arc<Document>,
    bundle: PathBuf,
    offer: Option<Offer>,
    office: String,
) -> Done<Merged> {
    about(doc, move |doc| {
        merged(doc, shown, |doc| {
            let received = match offer {
                Some(offer) => offer.accept(&office),
                None => exchange::receive(doc, &bundle, &office),
            };
            received.map(|received| (received, None))
        })
    })
    .await
}

/// Syncs `doc`, shown as `shown` (saved), with `remote` (or the one
/// remembered).
pub async fn sync(
    doc: PathBuf,
    shown: Arc<Document>,
    remote: Option<String>,
    office: String,
) -> Done<Merged> {
    about(doc, move |doc| {
        merged(doc, shown, |doc| {
            exchange::sync(doc, remote.as_deref(), &office)
                .map(|synced| (synced.received, Some((synced.remote, synced.pushed))))
        })
    })
    .await
}

/// Runs a merge of `doc`, shown in the window as `shown` (as saved: the
/// version before), and the document it leaves (as the merge read it, or
/// read from the file).
fn merged(
    doc: &Path,
    shown: Arc<Document>,
    merge: impl FnOnce(&Path) -> Result<(Received, Option<(String, bool)>), ExchangeError>,
) -> Done<Merged> {
    let (mut received, synced) = merge(doc)?;
    if received.outcome == exchange::Outcome::Already {
        return Ok(Merged {
            received,
            synced,
            before: None,
            after: None,
        });
    }
    // The merged document as the merge read it, else from its file.
    let after = match received.document.take() {
        Some(read) => Arc::unwrap_or_clone(read),
        None => document::load(doc)?,
    };
    Ok(Merged {
        received,
        synced,
        before: Some(Arc::unwrap_or_clone(shown)),
        after: Some(after),
    })
}

/// Commits the settled merge of `doc`.
pub async fn finish(doc: PathBuf, office: String) -> Done<String> {
    about(doc, move |doc| exchange::finish(doc, &office)).await
}

/// Puts `doc` back as it was before the pending merge, and reads it again.
pub async fn abandon(doc: PathBuf) -> Done<Document> {
    about(doc, |doc| {
        exchange::abandon(doc)?;
        Ok(document::load(doc)?)
    })
    .await
}

/// Asks the desktop for a 数据包 to receive.
pub async fn pick_bundle(folder: Option<PathBuf>) -> Option<PathBuf> {
    let mut dialog = rfd::AsyncFileDialog::new().add_filter("数据包", &["bundle"]);
    if let Some(folder) = folder.filter(|f| f.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    dialog.pick_file().await.map(|h| h.path().to_path_buf())
}

/// Asks the desktop where a 数据包 called `name` goes.
pub async fn pick_target(folder: Option<PathBuf>, name: String) -> Option<PathBuf> {
    let mut dialog = rfd::AsyncFileDialog::new()
        .add_filter("数据包", &["bundle"])
        .set_file_name(name);
    if let Some(folder) = folder.filter(|f| f.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    dialog.save_file().await.map(|h| h.path().to_path_buf())
}

/// Asks the desktop for a shared repository's folder.
pub async fn pick_folder() -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .pick_folder()
        .await
        .map(|h| h.path().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::mounted;
    use std::ffi::OsStr;

    #[test]
    fn the_disks_are_the_folders_mounted_for_the_user_under_either_base() {
        let root = tempfile::tempdir().unwrap();
        let (media, run) = (root.path().join("media"), root.path().join("run"));
        for folder in [
            "media/办公室/U盘",
            "media/别人/移动硬盘",
            "run/办公室/备份盘",
        ] {
            std::fs::create_dir_all(root.path().join(folder)).unwrap();
        }
        std::fs::write(media.join("办公室/说明.txt"), "").unwrap();
        let absent = root.path().join("absent");
        let found = mounted(&[&media, &run, &absent], OsStr::new("办公室"));
        assert_eq!(
            found,
            [media.join("办公室/U盘"), run.join("办公室/备份盘")],
            "folders only, this user's only"
        );
    }
}
