//! Reading an input file whole, safely: only a regular file is read (a
//! device, a pipe or a folder is refused before a byte is read, so `/dev/zero`
//! or a FIFO never fills memory or hangs), and none larger than its cap
//! ([`LIMIT`] for documents, workbooks and CSV files; smaller or larger ones
//! for rules files and fonts), checked before allocating. `/dev/null` reads
//! as empty, as scripts and git use it for "no file".

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The largest document, workbook or CSV file read: 256 MiB. A city, the
/// largest structure there is (docs/cli.md, "generate"), is a 98 MB document; `merge`
/// holds three inputs, their text and what they read into at once, and must
/// do so within 4 GB of address space (a cap of 1 GiB did not).
pub const LIMIT: u64 = 256 << 20;

/// Reads the regular file at `path` whole, up to [`LIMIT`].
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    read_limited(path, LIMIT)
}

/// Reads the regular file at `path` whole, refusing one over `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    if path == Path::new("/dev/null") {
        return Ok(Vec::new());
    }
    regular(&std::fs::metadata(path)?)?;
    let mut file = File::open(path)?;
    let metadata = file.metadata()?;
    regular(&metadata)?;
    if metadata.len() > limit {
        return Err(too_large(limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    (&mut file).take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn regular(metadata: &std::fs::Metadata) -> io::Result<()> {
    if metadata.is_file() {
        Ok(())
    } else if metadata.is_dir() {
        Err(io::Error::other("是文件夹，不是文件 (is a directory)"))
    } else {
        Err(io::Error::other(
            "不是普通文件（设备、管道等）(not a regular file)",
        ))
    }
}

fn too_large(limit: u64) -> io::Error {
    io::Error::other(format!(
        "文件过大 (file too large)：超过 {} MB",
        limit >> 20
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_larger_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_limited(&path, 10).unwrap(), b"0123456789");
        let err = read_limited(&path, 9).unwrap_err().to_string();
        assert!(err.contains("file too large"), "{err}");
    }

    #[test]
    fn devices_and_folders_are_refused_and_dev_null_is_empty() {
        let err = read(Path::new("/dev/zero")).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path()).unwrap_err().to_string();
        assert!(err.contains("is a directory"), "{err}");
        assert!(read(Path::new("/dev/null")).unwrap().is_empty());
    }
}
