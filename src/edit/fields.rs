//! Reading what is typed into an editor's fields with the readers the workbook
//! import uses for text cells ([`crate::parse`]): 2020年5月1日 is a date,
//! full-width digits are digits, 无 means empty. Each reader gives the value,
//! `None` for an empty field, or why the text is refused, as a message.

use crate::controls;
use crate::parse::{self, Refusal};
use chrono::NaiveDate;

/// Reads a field by `parse`. Line breaks and tabs read as spaces; any other
/// control character is refused, as in a workbook cell. A refusal quotes the
/// field as typed: 「2020-13-01」不是有效日期 (invalid date).
fn read<T>(
    text: &str,
    parse: impl Fn(&str) -> Result<Option<T>, Refusal>,
) -> Result<Option<T>, String> {
    let quoted =
        |why: &dyn std::fmt::Display| format!("「{}」{why}", controls::escape(text.trim()));
    let text = controls::one_line(text).map_err(|c| quoted(&controls::refusal(c)))?;
    parse(&text).map_err(|why| quoted(&why))
}

/// A date: 2020-05-01, 2020/5/1, 2020年5月1日, 20200501 … ([`parse::date`]).
pub fn date(text: &str) -> Result<Option<NaiveDate>, String> {
    read(text, parse::date)
}

/// A phone number (mobile or landline, with extension).
pub fn phone(text: &str) -> Result<Option<String>, String> {
    read(text, parse::phone)
}

/// An 18-character ID number (its check character is a check rule, not a
/// typing error).
pub fn id_number(text: &str) -> Result<Option<String>, String> {
    read(text, parse::id_number)
}

/// A count (户数, 人口): 1,234户 or 388人 read as a whole number.
pub fn count(text: &str) -> Result<Option<u32>, String> {
    read(text, parse::count)
}

/// A term of office in years, 1–99.
pub fn term(text: &str) -> Result<Option<u8>, String> {
    read(text, parse::term)
}

/// A field that must not be empty: the trimmed text, line breaks and tabs as
/// spaces; any other control character (ESC, a bidirectional override …) is
/// refused.
pub fn required(text: &str, what: &str) -> Result<String, String> {
    let text = crate::controls::one_line(text).map_err(crate::controls::refusal)?;
    optional(&text).ok_or_else(|| format!("{what}不能为空 (required)"))
}

/// An optional free-text field: the trimmed text with line breaks and tabs as
/// spaces, `None` when empty. Any other control character is kept for the
/// command to refuse, naming the field.
pub fn optional(text: &str) -> Option<String> {
    let text = match crate::controls::one_line(text) {
        Ok(text) => text,
        Err(_) => text.into(),
    };
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// The reasons a form's fields were refused, collected while reading them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reasons<F>(pub Vec<(F, String)>);

impl<F> Default for Reasons<F> {
    fn default() -> Self {
        Reasons(Vec::new())
    }
}

impl<F> Reasons<F> {
    /// The value of a field that was read, or `None` with its reason kept.
    pub fn take<T>(&mut self, field: F, read: Result<Option<T>, String>) -> Option<T> {
        read.unwrap_or_else(|why| {
            self.0.push((field, why));
            None
        })
    }

    /// A reason found by comparing fields.
    pub fn push(&mut self, field: F, why: impl Into<String>) {
        self.0.push((field, why.into()));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_read_like_cells() {
        let may_first = chrono::NaiveDate::from_ymd_opt(2020, 5, 1);
        assert_eq!(super::date("2020年5月1日"), Ok(may_first));
        assert_eq!(super::date(""), Ok(None));
        assert!(super::date("2020-13-01")
            .unwrap_err()
            .contains("invalid date"));
        assert!(super::phone("12ab").unwrap_err().contains("invalid phone"));
        assert!(super::phone("138 0000 1111").unwrap().is_some());
        assert!(super::term("200").is_err());
        assert_eq!(super::count("1,234户"), Ok(Some(1234)));
        assert!(super::count("abc").is_err());
        assert!(super::required("  ", "名称")
            .unwrap_err()
            .contains("required"));
    }
}
