//! `git-setup`: a git repository made ready for documents — `.gitattributes`
//! names gridorg the merge and diff driver of `*.ron`, the repository's config
//! says where gridorg is, and `.gitignore` keeps the backups (`*.bak`), the
//! recovery journals, temporary files and 数据包 out of it. What the files held
//! is kept; everything is checked before anything is written.

use crate::document;
use std::fs::Permissions;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The line `.gitattributes` needs.
pub const ATTRIBUTES: &str = "*.ron merge=gridorg diff=gridorg";

/// The lines `.gitignore` needs: backups, journals, temporary files, 数据包.
pub const IGNORED: [&str; 4] = ["*.bak", ".*.journal", ".gridorg-*.tmp", "*.bundle"];

/// The most `.gitattributes` or `.gitignore` may hold: far more than any
/// repository's.
const MAX_BYTES: u64 = 1 << 20;

/// Registers `exe` in the repository holding `dir`: the two files, then the
/// config. The repository's top folder, or what stopped it (in Chinese).
pub fn setup(dir: &Path, exe: &Path) -> Result<PathBuf, String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim());
    let attributes = top.join(".gitattributes");
    let ignore = top.join(".gitignore");
    let attribute_text = with_lines(&attributes, &[ATTRIBUTES])?;
    let ignore_text = with_lines(&ignore, &IGNORED)?;
    // The files first: should their folder refuse the write, the config is
    // left as it was; a `.gitattributes` naming drivers git does not know yet
    // only leaves git's own merge and diff in use until setup runs again.
    for (path, text) in [(&attributes, attribute_text), (&ignore, ignore_text)] {
        if let Some((text, mode)) = text {
            write_keeping_mode(path, &text, mode)?;
        }
    }
    let quoted = shell_quote(&exe.display().to_string());
    for (key, value) in [
        (
            "merge.gridorg.name",
            "gridorg 文档三方合并 (gridorg merge)".to_string(),
        ),
        (
            "merge.gridorg.driver",
            format!("{quoted} merge-driver %O %A %B %P"),
        ),
        ("diff.gridorg.command", format!("{quoted} diff-driver")),
    ] {
        git(&top, &["config", key, &value])?;
    }
    Ok(top)
}

/// What the file at `path` must become to hold every one of `lines`, and the
/// mode of the file there (None when there is none); None when it holds them
/// already. A link or anything but a regular file is refused.
fn with_lines(
    path: &Path,
    lines: &[&str],
) -> Result<Option<(String, Option<Permissions>)>, String> {
    crate::output::refuse_special(path).map_err(|e| e.to_string())?;
    let unreadable = |e: std::io::Error| format!("{}: 无法读取 (io error): {e}", path.display());
    let (mut text, mode) = match std::fs::symlink_metadata(path) {
        Ok(meta) => {
            let bytes = crate::input::read_limited(path, MAX_BYTES).map_err(unreadable)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("{}: 不是 UTF-8 文本 (invalid utf-8)", path.display()))?;
            (text, Some(meta.permissions()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (String::new(), None),
        Err(e) => return Err(unreadable(e)),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !text.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    Ok(Some((text, mode)))
}

/// Writes the file atomically; a file that was there keeps its mode (it is
/// the repository's, to be committed), a new one is owner-only.
fn write_keeping_mode(path: &Path, text: &str, mode: Option<Permissions>) -> Result<(), String> {
    document::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())?;
    let Some(mode) = mode else {
        return Ok(());
    };
    crate::output::open_regular(path, false)
        .and_then(|file| file.set_permissions(mode))
        .map_err(|e| {
            format!(
                "{}: 已写入，但无法恢复原来的权限 (chmod failed): {e}",
                path.display()
            )
        })
}

/// Runs git in `dir`; its standard output, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("无法运行 git (git not found): {e}；请先安装 git"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{}: git {} 失败 (not a git repository?): {}",
            dir.display(),
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Quotes a path for the shell git runs drivers with.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}
