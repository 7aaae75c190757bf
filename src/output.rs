//! Where an output may be written (docs/cli.md, "Outputs").
//!
//! Every file the program writes — by a command's `-o` or from the editor — is
//! checked here first. An output is refused when it is the same file as one of
//! the inputs, when it is an existing gridorg document and the output is not a
//! document, when it is not a regular file (a device, a FIFO, a folder) or a
//! symbolic link, and, unless forced, when its suffix does not fit what is
//! written. A file's kind is read from its content, never its suffix.
//!
//! The writer itself ([`crate::document::write_atomic`]) refuses a link or a
//! non-regular file again just before it replaces the path, so a file swapped in
//! after this check is not written through either.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// What an output file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A gridorg document (`.ron`).
    Document,
    /// An Excel workbook (`.xlsx`).
    Workbook,
    /// A PDF printout (`.pdf`).
    Pdf,
    /// A text report (`.txt`).
    Text,
    /// A JSON report (`.json`).
    Json,
    /// A 数据包 (`.bundle`, a git bundle).
    Bundle,
}

impl Kind {
    /// The suffix a file of this kind carries.
    pub fn suffix(self) -> &'static str {
        match self {
            Kind::Document => "ron",
            Kind::Workbook => "xlsx",
            Kind::Pdf => "pdf",
            Kind::Text => "txt",
            Kind::Json => "json",
            Kind::Bundle => "bundle",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Document => "gridorg 文档 (document)",
            Kind::Workbook => "Excel 工作簿 (workbook)",
            Kind::Pdf => "PDF",
            Kind::Text => "文本 (text)",
            Kind::Json => "JSON",
            Kind::Bundle => "数据包 (bundle)",
        }
    }
}

/// Why an output was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The output is one of the inputs.
    #[error("{path}: 输出与输入是同一个文件 (output is the same file as input {input})：请另选输出文件，未写入任何内容")]
    SameAsInput {
        /// The output.
        path: String,
        /// The input it is.
        input: String,
    },
    /// The output would replace a gridorg document with something else.
    #[error("{path}: 该文件是 gridorg 文档 (existing document)，不能用{kind}覆盖：请另选输出文件，未写入任何内容")]
    OverDocument {
        /// The output.
        path: String,
        /// What would have been written.
        kind: &'static str,
    },
    /// The output is a device, FIFO, socket or folder.
    #[error(
        "{path}: 不是普通文件 (not a regular file: {what})，gridorg 只写入普通文件，未写入任何内容"
    )]
    NotRegular {
        /// The output.
        path: String,
        /// What it is.
        what: &'static str,
    },
    /// The output is a symbolic link.
    #[error(
        "{path}: 是符号链接 (symlink)，gridorg 不经链接写入：请直接指定目标文件，未写入任何内容"
    )]
    Link {
        /// The output.
        path: String,
    },
    /// The output's suffix does not fit what is written.
    #[error("{path}: 扩展名与内容不符 (suffix mismatch)：写入的是{kind}，文件名应以 .{suffix} 结尾；确需如此请加 --force")]
    Suffix {
        /// The output.
        path: String,
        /// What would have been written.
        kind: &'static str,
        /// The suffix expected.
        suffix: &'static str,
    },
}

/// Checks that a file of `kind` may be written at `path`, given the files the
/// output is made from. `force` lifts only the suffix rule.
pub fn check(path: &Path, kind: Kind, inputs: &[&Path], force: bool) -> Result<(), Refusal> {
    let shown = path.display().to_string();
    // A document written over another keeps it as `NAME.bak`: that file is
    // replaced too, and must not be an input either.
    let backup = (kind == Kind::Document).then(|| backup_path(path));
    for written in std::iter::once(path).chain(backup.as_deref()) {
        let Ok(output) = fs::metadata(written) else {
            continue;
        };
        for input in inputs {
            if fs::metadata(input).is_ok_and(|i| same_file(&i, &output)) {
                return Err(Refusal::SameAsInput {
                    path: written.display().to_string(),
                    input: input.display().to_string(),
                });
            }
        }
    }
    if let Some(refusal) = what_is_there(path, &shown)? {
        return Err(refusal);
    }
    if kind != Kind::Document && holds_document(path) {
        return Err(Refusal::OverDocument {
            path: shown,
            kind: kind.name(),
        });
    }
    let fits = path
        .extension()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case(kind.suffix()));
    if !fits && !force {
        return Err(Refusal::Suffix {
            path: shown,
            kind: kind.name(),
            suffix: kind.suffix(),
        });
    }
    Ok(())
}

/// Where the previous version of a saved document is kept: `NAME.bak` beside it
/// (`街道.ron` → `街道.ron.bak`).
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Refuses a path that is a link or not a regular file; nothing there, or a
/// regular file, passes. Used again by the writer right before it replaces the path.
pub fn refuse_special(path: &Path) -> Result<(), Refusal> {
    match what_is_there(path, &path.display().to_string()) {
        Ok(None) => Ok(()),
        Ok(Some(refusal)) | Err(refusal) => Err(refusal),
    }
}

/// Creates a fresh owner-only (0600) file at `path` for writing, replacing
/// whatever entry was there — a planted link is removed, never followed — and
/// refusing a folder. Its folder is made owner-only (0700) if it is new.
pub fn create_private(path: &Path) -> io::Result<fs::File> {
    create_private_folder(folder_of(path))?;
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(io::ErrorKind::IsADirectory.into()),
        Ok(_) => fs::remove_file(path)?,
        Err(_) => {}
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// Opens an existing regular file for reading or writing without following a
/// link and without blocking on a FIFO; anything but a regular file is refused.
pub fn open_regular(path: &Path, write: bool) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(write);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "不是普通文件 (not a regular file)",
        ));
    }
    Ok(file)
}

/// Creates a folder and its missing parents, the new ones owner-only (0700).
pub fn create_private_folder(folder: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)
}

/// The folder that holds the file at `path`: its parent, or the working
/// folder (`.`) for a bare file name (`a.ron`), whose parent is the empty
/// path — which no call can open, create or sync.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// Syncs a folder, so that a name just created or renamed in it survives a
/// power cut (nothing to do where folders cannot be synced).
#[cfg(unix)]
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

/// Syncs a folder, so that a name just created or renamed in it survives a
/// power cut (nothing to do where folders cannot be synced).
#[cfg(not(unix))]
pub fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

fn what_is_there(path: &Path, shown: &str) -> Result<Option<Refusal>, Refusal> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(None);
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Ok(Some(Refusal::Link {
            path: shown.to_string(),
        }));
    }
    if kind.is_file() {
        return Ok(None);
    }
    Err(Refusal::NotRegular {
        path: shown.to_string(),
        what: describe(&kind),
    })
}

#[cfg(unix)]
fn describe(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "文件夹 (directory)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "设备 (device)"
    } else if kind.is_fifo() {
        "管道 (fifo)"
    } else if kind.is_socket() {
        "套接字 (socket)"
    } else {
        "特殊文件 (special file)"
    }
}

#[cfg(not(unix))]
fn describe(kind: &fs::FileType) -> &'static str {
    if kind.is_dir() {
        "文件夹 (directory)"
    } else {
        "特殊文件 (special file)"
    }
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_a: &fs::Metadata, _b: &fs::Metadata) -> bool {
    false
}

/// Whether the regular file at `path` is a gridorg document (or its backup),
/// read from its first bytes.
fn holds_document(path: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let read = open_regular(path, false).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let text = match std::str::from_utf8(&head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    crate::format::looks_like_document(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suffix_of_another_case_fits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("图.PDF");
        assert_eq!(check(&path, Kind::Pdf, &[], false), Ok(()));
        let wrong = dir.path().join("图.ron");
        assert!(matches!(
            check(&wrong, Kind::Pdf, &[], false),
            Err(Refusal::Suffix { .. })
        ));
        assert_eq!(check(&wrong, Kind::Pdf, &[], true), Ok(()));
    }
}
