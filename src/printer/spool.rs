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
    file: PathBuf,
}

impl Spool {
    /// Writes `pdf` to a new private file.
    pub fn write(pdf: &[u8]) -> Result<Spool, PrinterError> {
        let failed = |e: std::io::Error| PrinterError::Spool(format!("临时文件：{e}"));
        let folder = tempfile::Builder::new()
            .prefix("gridorg-print-")
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir()
            .map_err(failed)?;
        let file = folder.path().join("printout.pdf");
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&file)
            .map_err(failed)?;
        out.write_all(pdf).map_err(failed)?;
        out.sync_all().map_err(failed)?;
        Ok(Spool {
            _folder: folder,
            file,
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.file
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
}
