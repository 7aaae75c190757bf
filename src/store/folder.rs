//! Where the data folder is.

use std::path::PathBuf;

/// The user's data folder for gridorg (the id counter, the journal of an
/// unsaved document, the editor's recent-files list): `$GRIDORG_DATA_DIR`, else
/// `$XDG_DATA_HOME/gridorg`, else `~/.local/share/gridorg` (`%APPDATA%\gridorg`
/// on Windows).
pub fn data_folder() -> Option<PathBuf> {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("GRIDORG_DATA_DIR")
        .or_else(|| var("XDG_DATA_HOME").map(|d| d.join("gridorg")))
        .or_else(|| var("HOME").map(|d| d.join(".local/share/gridorg")))
        .or_else(|| var("APPDATA").map(|d| d.join("gridorg")))
}
