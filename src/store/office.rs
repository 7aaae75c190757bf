//! 本单位: the office this installation works for, named once and kept in
//! the data folder (file `本单位`). It is the author and committer of every
//! commit gridorg makes and part of a 数据包's file name.

use std::path::Path;

/// The file in the data folder that holds the office's name.
const FILE: &str = "本单位";

/// The longest name accepted, in characters.
pub const MAX_CHARS: usize = 40;

/// Why a name cannot be the office's.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OfficeError {
    /// Nothing but blanks.
    #[error("本单位名称为空 (empty office name)：请填写本单位的名称，如「迎宾馆社区」")]
    Empty,
    /// Too long.
    #[error("本单位名称过长 (office name too long)：最多 {MAX_CHARS} 个字，现有 {0} 个")]
    TooLong(usize),
    /// A character a name, a commit author and a file name cannot hold.
    #[error("本单位名称含有不能使用的字符 (invalid character) {0:?}：不能有控制字符及 / \\ < > : * ? \" |")]
    Character(char),
    /// No data folder to keep it in.
    #[error("找不到数据文件夹 (no data folder)：请设置 GRIDORG_DATA_DIR 或 HOME")]
    NoFolder,
    /// It could not be written.
    #[error("无法保存本单位名称 (write failed): {0}")]
    Write(String),
}

/// The office's name as kept, or None when it was never set (or the data
/// folder holds something that is not a name).
pub fn office() -> Option<String> {
    let folder = super::data_folder()?;
    read(&folder.join(FILE))
}

fn read(path: &Path) -> Option<String> {
    let bytes = crate::input::read_limited(path, 4096).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    clean(&text).ok()
}

/// The name `text` stands for: trimmed, and refused when empty, too long or
/// holding a character it cannot.
pub fn clean(text: &str) -> Result<String, OfficeError> {
    let name = text.trim();
    if name.is_empty() {
        return Err(OfficeError::Empty);
    }
    let chars = name.chars().count();
    if chars > MAX_CHARS {
        return Err(OfficeError::TooLong(chars));
    }
    if let Some(c) = name
        .chars()
        .find(|c| crate::controls::is_control(*c) || "/\\<>:*?\"|".contains(*c))
    {
        return Err(OfficeError::Character(c));
    }
    Ok(name.to_string())
}

/// Keeps `text` as the office's name (cleaned as [`clean`] does), owner-only
/// and atomically; the name kept.
pub fn set_office(text: &str) -> Result<String, OfficeError> {
    let name = clean(text)?;
    let folder = super::data_folder().ok_or(OfficeError::NoFolder)?;
    crate::output::create_private_folder(&folder).map_err(|e| OfficeError::Write(e.to_string()))?;
    crate::document::write_atomic(&folder.join(FILE), format!("{name}\n").as_bytes())
        .map_err(|e| OfficeError::Write(e.to_string()))?;
    Ok(name)
}
