//! Control characters in user text. A unit name holding `ESC[2J` clears the
//! terminal that prints it, a newline forges a line of `check` output, a
//! bidirectional override (U+202E) reorders what the reader sees. They are kept
//! out on the way in — the workbook import turns line breaks and tabs into
//! spaces and refuses the rest, the editor's commands refuse them all — and
//! escaped on the way out, since a document written by another program may
//! still hold them: every text the command line prints goes through [`escape`]
//! or [`escape_lines`], and JSON through [`escape_json`].

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must never reach a terminal or a reader raw: the C0 and C1
/// controls, DEL, the line and paragraph separators, and the invisible marks
/// that change the direction of the text around them.
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `c` breaks a line or is a tab: what Alt+Enter puts in a cell, which
/// reads as a space.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `c` as it is shown in place of itself: `\u{1b}`.
fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// A refusal naming the character: 含有控制字符 U+001B (control character).
pub fn refusal(c: char) -> String {
    format!(
        "含有控制字符 U+{:04X} (control character)，请删去",
        c as u32
    )
}

/// Text on one line: each run of line breaks and tabs becomes one space; any
/// other control character is refused (the first one found is given). Borrows
/// when there is nothing to change, which is almost always.
pub fn one_line(text: &str) -> Result<Cow<'_, str>, char> {
    if !text.contains(is_control) {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut in_break = false;
    for c in text.chars() {
        if is_break(c) {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else if is_control(c) {
            return Err(c);
        } else {
            out.push(c);
            in_break = false;
        }
    }
    Ok(Cow::Owned(out))
}

/// The first control character in `text`, line breaks and tabs included.
pub fn find(text: &str) -> Option<char> {
    text.chars().find(|&c| is_control(c))
}

fn escape_where(text: &str, hide: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.contains(&hide) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hide(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One value (a name, a code, a cell) for a line of text output: every control
/// character, newlines and tabs included, shown as `\u{1b}`, so the value can
/// neither drive the terminal nor start a line or column of its own.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, is_control)
}

/// A whole text about to be printed, whose own newlines and tabs are its layout:
/// those are kept, every other control character is shown as `\u{1b}`.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| is_control(c) && c != '\n' && c != '\t')
}

/// Serialized JSON about to be printed: the control characters a JSON writer
/// leaves raw (DEL, C1, bidirectional marks) become `\u009b` escapes. They can
/// only stand inside strings, so the JSON means the same.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    let hide = |c: char| is_control(c) && !matches!(c, '\n' | '\t' | '\r');
    if !json.contains(hide) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if hide(c) {
            // Every such character is in the Basic Multilingual Plane.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_spaces_and_other_controls_are_refused() {
        assert_eq!(
            one_line("幸福路\r\n3号楼\t2单元").unwrap(),
            "幸福路 3号楼 2单元"
        );
        assert!(matches!(one_line("幸福社区"), Ok(Cow::Borrowed(_))));
        assert_eq!(one_line("a\u{1b}[2J"), Err('\u{1b}'));
        assert_eq!(one_line("a\u{202e}b"), Err('\u{202e}'));
        assert_eq!(one_line("a\u{9b}b"), Err('\u{9b}'));
        assert!(refusal('\u{1b}').contains("U+001B"));
    }

    #[test]
    fn escaping_leaves_no_control_character() {
        let name = "x\u{1b}]0;pwned\u{7}\ny\u{202e}";
        assert_eq!(escape(name), "x\\u{1b}]0;pwned\\u{7}\\u{a}y\\u{202e}");
        assert_eq!(escape_lines("a\tb\n\u{0}"), "a\tb\n\\u{0}");
        let json = serde_json::json!({ "name": name }).to_string() + "\n";
        let safe = escape_json(&json);
        assert!(!safe.trim_end().contains(is_control));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], name);
    }
}
