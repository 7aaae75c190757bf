//! The RON syntax every version of the file shares: the options it is read
//! with, the comment line written at its top, syntax errors explained in Chinese,
//! and the line a record starts on (for messages that point into the file).

use super::error::DocumentError;

/// The 1-based line on which the record with this id starts (`(id: N, …`,
/// wherever on its line the record stands), or 0 if not found.
pub(super) fn line_of_record(text: &str, id: u64) -> usize {
    let number = id.to_string();
    let starts = text.match_indices("id").filter_map(|(at, _)| {
        let before = text[..at].trim_end();
        let after = text[at + 2..].trim_start().strip_prefix(':')?.trim_start();
        let rest = after.strip_prefix(number.as_str())?;
        let whole = !rest.starts_with(|c: char| c.is_ascii_digit());
        (before.ends_with('(') && whole).then_some(at)
    });
    starts.min().map_or(0, |at| {
        text.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    })
}

/// Turns a RON error into a [`DocumentError::Syntax`] with a Chinese explanation.
pub(super) fn syntax_error(error: ron::error::SpannedError, origin: &str) -> DocumentError {
    let hint = match &error.code {
        ron::Error::Eof => "文件意外结束，可能被截断 (unexpected end of file)",
        ron::Error::NoSuchEnumVariant { .. } => "取值不在允许的范围内 (unknown variant)",
        ron::Error::MissingStructField { .. } => "缺少必填字段 (missing field)",
        ron::Error::NoSuchStructField { .. } => "未知字段 (unknown field)",
        ron::Error::DuplicateStructField { .. } => "字段重复 (duplicate field)",
        ron::Error::ExceededRecursionLimit => "嵌套过深 (recursion limit exceeded)",
        _ => "不符合文档格式 (unexpected input)",
    };
    DocumentError::Syntax {
        path: origin.to_string(),
        line: error.position.line,
        column: error.position.col,
        message: format!("{hint}: {}", error.code),
    }
}

/// The comment line written under the extensions line of every file.
pub(super) const HEADER: &str =
    "// gridorg 党建网格文档 (document); 格式说明见 README.md「文档格式」";

/// RON options shared by every version: optional fields may be written without
/// `Some(…)` (as the writer does), and a recursion limit guards against hostile nesting.
pub(super) fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}
