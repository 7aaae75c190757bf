//! The PDF handed to `lp`: a private file (0600) in a private folder (0700)
//! of the temporary directory, gone with the [`Spool`] — once CUPS has its
//! own copy, or on any failure. Nothing is written next to the document.

use super::error::PrinterError;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// A PDF waiting to be handed to CUPS.
pub struct Spool {
    /// Removed, with the file in it, on drop.
    _folder: tempfile::TempDir,
    path: PathBuf,
    file: std::fs::File,
}

fn failed(e: std::io::Error) -> PrinterError {
    PrinterError::Spool(format!("临时文件：{e}"))
}

/// The printout is written straight into the spool file.
impl Write for Spool {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.file.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Spool {
    /// A new private file, empty, to write a PDF into as its pages are made.
    pub fn create() -> Result<Spool, PrinterError> {
        let folder = tempfile::Builder::new()
            .prefix("gridorg-print-")
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir()
            .map_err(failed)?;
        let path = folder.path().join("printout.pdf");
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(failed)?;
        Ok(Spool {
            _folder: folder,
            path,
            file,
        })
    }

    /// Writes `pdf` to a new private file.
    pub fn write(pdf: &[u8]) -> Result<Spool, PrinterError> {
        let mut spool = Spool::create()?;
        spool.file.write_all(pdf).map_err(failed)?;
        spool.finish()?;
        Ok(spool)
    }

    /// Makes sure what was written is on disk before CUPS reads it.
    pub fn finish(&mut self) -> Result<(), PrinterError> {
        self.file
            .flush()
            .and_then(|()| self.file.sync_all())
            .map_err(failed)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spool_file_is_private_and_gone_when_dropped() {
        let spool = Spool::write(b"%PDF-1.4").unwrap();
        let file = spool.path().to_path_buf();
        let folder = file.parent().unwrap().to_path_buf();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&folder), 0o700);
        drop(spool);
        assert!(!folder.exists());
    }

    #[test]
    fn a_printout_streamed_into_the_spool_is_there_whole_and_gone_when_dropped_unsent() {
        let mut spool = Spool::create().unwrap();
        for part in [&b"%PDF-1.7\n"[..], b"1 0 obj\n", b"%%EOF\n"] {
            spool.write_all(part).unwrap();
        }
        spool.finish().unwrap();
        let file = spool.path().to_path_buf();
        assert_eq!(std::fs::read(&file).unwrap(), b"%PDF-1.7\n1 0 obj\n%%EOF\n");
        drop(spool);
        assert!(!file.parent().unwrap().exists());
    }
}
