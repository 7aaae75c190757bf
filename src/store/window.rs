//! What the window keeps between runs: its size, whether it was maximized,
//! and the widths of the outline and the side panel. Kept in the desktop's
//! settings folder (`$XDG_CONFIG_HOME/gridorg/window.ron`), apart from the
//! data folder, which holds the id counter and the journal.
//!
//! A file that is missing, unreadable or not such a record gives the
//! defaults; every value read is brought into a sane range, so a hand-edited
//! or damaged file never opens a window too small to use or larger than any
//! screen.

use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

/// The file in the settings folder.
const FILE: &str = "window.ron";
/// The most read of it: a record is under a hundred bytes.
const MOST: u64 = 64 * 1024;

/// The smallest window kept, in logical pixels: an office's 1024×700 screen
/// less the desktop's own bars still fits it.
pub const MIN_SIZE: (f32, f32) = (800.0, 560.0);
/// The largest window kept.
const MAX_SIDE: f32 = 16_384.0;
/// The narrowest and widest panels, in logical pixels.
pub const PANEL_WIDTHS: (f32, f32) = (160.0, 1_200.0);

/// The window's size and panel widths, in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowSettings {
    /// The window's width and height when not maximized.
    pub size: (f32, f32),
    /// Whether the window was maximized when it closed.
    pub maximized: bool,
    /// The outline's width (left).
    pub outline: f32,
    /// The side panel's width (right: a unit's properties, or the figures).
    pub side: f32,
}

impl Default for WindowSettings {
    fn default() -> Self {
        WindowSettings {
            size: (1280.0, 800.0),
            maximized: false,
            outline: 285.0,
            side: 380.0,
        }
    }
}

impl WindowSettings {
    /// The settings kept in `file`, or the defaults when there are none
    /// (or they cannot be read); each value within its range.
    pub fn read(file: &Path) -> WindowSettings {
        crate::input::read_limited(file, MOST)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| ron::from_str::<WindowSettings>(&text).ok())
            .unwrap_or_default()
            .sane()
    }

    /// Keeps these settings in `file`, atomically and owner-only, making
    /// its folder (owner-only) when it is missing.
    pub fn write(&self, file: &Path) -> io::Result<()> {
        crate::output::create_private_folder(crate::output::folder_of(file))?;
        let text = ron::to_string(&self.sane()).map_err(io::Error::other)?;
        crate::document::write_atomic(file, format!("{text}\n").as_bytes())
            .map_err(io::Error::other)
    }

    /// Each value brought into its range; one that is not a number at all
    /// takes the default.
    pub fn sane(self) -> WindowSettings {
        let default = WindowSettings::default();
        let within = |value: f32, least: f32, most: f32, otherwise: f32| {
            if value.is_finite() {
                value.clamp(least, most)
            } else {
                otherwise
            }
        };
        let (least, most) = PANEL_WIDTHS;
        WindowSettings {
            size: (
                within(self.size.0, MIN_SIZE.0, MAX_SIDE, default.size.0),
                within(self.size.1, MIN_SIZE.1, MAX_SIDE, default.size.1),
            ),
            maximized: self.maximized,
            outline: within(self.outline, least, most, default.outline),
            side: within(self.side, least, most, default.side),
        }
    }
}

/// The file the window's settings are kept in: `window.ron` in
/// [`settings_folder`], or None when there is no such folder.
pub fn settings_file() -> Option<PathBuf> {
    settings_folder().map(|folder| folder.join(FILE))
}

/// The desktop's settings folder for gridorg: `$XDG_CONFIG_HOME/gridorg`,
/// else `~/.config/gridorg` (`%APPDATA%\gridorg` on Windows). A relative
/// `XDG_CONFIG_HOME` is ignored, as the XDG specification says.
pub fn settings_folder() -> Option<PathBuf> {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("XDG_CONFIG_HOME")
        .filter(|d| d.is_absolute())
        .map(|d| d.join("gridorg"))
        .or_else(|| var("HOME").map(|d| d.join(".config/gridorg")))
        .or_else(|| var("APPDATA").map(|d| d.join("gridorg")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn kept_and_read_back_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config/gridorg/window.ron");
        let kept = WindowSettings {
            size: (1024.0, 700.0),
            maximized: true,
            outline: 200.0,
            side: 450.0,
        };
        kept.write(&file).unwrap();
        assert_eq!(WindowSettings::read(&file), kept);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(file.parent().unwrap()), 0o700);
    }

    #[test]
    fn missing_damaged_or_wild_values_give_a_usable_window() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("window.ron");
        assert_eq!(WindowSettings::read(&file), WindowSettings::default());
        std::fs::write(&file, "(size: (1e9, 3), outline: -5, side: NaN)").unwrap();
        let read = WindowSettings::read(&file);
        assert_eq!(read.size, (MAX_SIDE, MIN_SIZE.1));
        assert_eq!(read.outline, PANEL_WIDTHS.0);
        assert_eq!(read.side, WindowSettings::default().side);
        std::fs::write(&file, "not a record").unwrap();
        assert_eq!(WindowSettings::read(&file), WindowSettings::default());
        std::fs::write(&file, vec![b' '; 2 * MOST as usize]).unwrap();
        assert_eq!(WindowSettings::read(&file), WindowSettings::default());
    }
}
