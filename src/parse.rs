//! Reading typed values from text as people write them: dates, phone numbers,
//! ID numbers, counts and terms of office. The one set of readers behind the
//! workbook import's text cells and the editor's forms, so that what one
//! accepts the other accepts too.
//!
//! Each reader gives the value, `None` for an empty text or a placeholder
//! (无, -, /), or a [`Refusal`]. Spaces around the value, full-width digits and
//! punctuation ([`fold`]) and the usual Chinese spellings (2020年5月1日, 388户)
//! are tolerated. What a spreadsheet stores other than text — Excel date
//! serials, numbers that lost digits — is read by the workbook reader.

use chrono::{Datelike, NaiveDate};
use std::ops::RangeInclusive;

/// Why a text was refused: what it is instead of what was expected, in
/// Chinese with the English keyword in parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Not a date in any accepted form, or no such day.
    #[error("不是有效日期 (invalid date)")]
    InvalidDate,
    /// A date whose year is outside [`YEARS`].
    #[error("年份 {0} 超出范围 (year out of range)")]
    YearOutOfRange(i32),
    /// A number below zero where a count is expected.
    #[error("是负数 (negative)")]
    Negative,
    /// Not a whole number.
    #[error("不是整数 (not a number)")]
    NotANumber,
    /// A count too large to be one.
    #[error("数字太大 (out of range)")]
    TooLarge,
    /// A term of office outside 1–99 years.
    #[error("超出范围 (out of range)")]
    TermOutOfRange,
    /// Not a phone number: other characters, or fewer than 7 digits.
    #[error("不是有效的电话号码 (invalid phone)")]
    InvalidPhone,
    /// A phone number in scientific notation: digits may be lost.
    #[error("是科学计数法 (scientific notation)：Excel 把电话当成了数字，数字可能已丢失")]
    ScientificPhone,
    /// Not 17 digits and a digit or X; holds the number of characters.
    #[error("不是 18 位身份证号 (invalid id number)：有 {0} 个字符")]
    IdNumberLength(usize),
    /// An ID number in scientific notation: its last digits are lost.
    #[error("是科学计数法 (scientific notation)：Excel 把身份证号当成了数字，后几位已丢失 (precision lost)")]
    ScientificIdNumber,
}

/// Texts that mean "nothing here" in an optional field.
const PLACEHOLDERS: &[&str] = &["无", "暂无", "-", "--", "/", "—", "N/A", "NA"];

/// Years of a date that is not a typing mistake.
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// Full-width forms to ASCII (ＸＹ０１ → XY01, （ → (, ： → :), dashes to `-`,
/// zero-width characters removed, and trimmed.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.trim().to_string();
    }
    text.chars()
        .filter_map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            '\u{3000}' => Some(' '),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
            '。' => Some('.'),
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The text folded; `None` when it is empty or a placeholder.
fn value(text: &str) -> Option<String> {
    Some(fold(text)).filter(|v| !v.is_empty() && !PLACEHOLDERS.contains(&v.as_str()))
}

/// A date: 2020-05-01, 2020/5/1, 2020.5.1, 2020年5月1日 (or 号), 20200501,
/// with or without a time after it; 2020-05, 2020.05, 2020年5月 and 202005
/// are the 1st of the month.
pub fn date(text: &str) -> Result<Option<NaiveDate>, Refusal> {
    let Some(text) = value(text) else {
        return Ok(None);
    };
    let day = written_date(&text).ok_or(Refusal::InvalidDate)?;
    in_years(day).map(Some)
}

/// A date read some other way (an Excel date cell), refused like a typed one
/// when its year is outside [`YEARS`].
pub fn in_years(date: NaiveDate) -> Result<NaiveDate, Refusal> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(Refusal::YearOutOfRange(date.year()))
    }
}

/// The date a folded text writes, if any.
fn written_date(text: &str) -> Option<NaiveDate> {
    let day_part = match text.split_once([' ', 'T']) {
        Some((day, time)) if time.contains(':') => day,
        _ => text,
    };
    let unified: String = day_part
        .trim()
        .trim_end_matches(['日', '号'])
        .chars()
        .map(|c| if matches!(c, '年' | '月') { '-' } else { c })
        .collect();
    let unified = unified.trim_end_matches('-');
    if unified.chars().all(|c| c.is_ascii_digit()) {
        return match unified.len() {
            8 => ymd(&unified[..4], &unified[4..6], &unified[6..]),
            6 => ymd(&unified[..4], &unified[4..], "1"),
            _ => None,
        };
    }
    let parts: Vec<&str> = unified.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m] => ymd(y, m, "1"),
        [y, m, d] => ymd(y, m, d),
        _ => None,
    }
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let digits = |s: &str, max: usize| {
        (!s.is_empty() && s.len() <= max && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(y, 4)? as i32, digits(m, 2)?, digits(d, 2)?)
}

/// A phone number, mobile or landline, with separators and an extension
/// (0477-5123456 转 8001): at least 7 digits. A leading `'` (Excel's "store as
/// text") and a trailing `.0` (a number saved as text) are dropped.
pub fn phone(text: &str) -> Result<Option<String>, Refusal> {
    let Some(folded) = value(text) else {
        return Ok(None);
    };
    let body = folded.trim_start_matches('\'').trim();
    if is_scientific(body) {
        return Err(Refusal::ScientificPhone);
    }
    let body = match body.strip_suffix(".0") {
        Some(digits) if digits.chars().all(|c| c.is_ascii_digit()) => digits,
        _ => body,
    };
    let allowed = |c: char| c.is_ascii_digit() || " -+()/,;、#转".contains(c);
    let digit_count = body.chars().filter(char::is_ascii_digit).count();
    if !body.chars().all(allowed) || digit_count < 7 {
        return Err(Refusal::InvalidPhone);
    }
    Ok(Some(body.to_string()))
}

/// 1.10101E+17 and the like: what a long number looks like once Excel has
/// turned it into a number and saved it as CSV.
fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.trim_start_matches('+');
    !mantissa.is_empty()
        && !exponent.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && exponent.chars().all(|c| c.is_ascii_digit())
}

/// An 18-character ID number (17 digits and a digit or X), spaces removed and
/// x upper-cased. Whether its check character is right is a check rule
/// ([`crate::id_number`]), not a reading error: text keeps every digit, so
/// even a number ending in 000 is taken as written. What Excel rounds is a
/// number cell, which the workbook reader refuses.
pub fn id_number(text: &str) -> Result<Option<String>, Refusal> {
    let Some(folded) = value(text) else {
        return Ok(None);
    };
    let number: String = folded
        .trim_start_matches('\'')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if is_scientific(&number) {
        return Err(Refusal::ScientificIdNumber);
    }
    let length = number.chars().count();
    let shaped = length == 18
        && number.is_ascii()
        && number[..17].chars().all(|c| c.is_ascii_digit())
        && number[17..].chars().all(|c| c.is_ascii_digit() || c == 'X');
    if !shaped {
        return Err(Refusal::IdNumberLength(length));
    }
    Ok(Some(number))
}

/// A count (户数, 人口): a whole number, with thousands separators and a unit
/// allowed (1,234户, 388人).
pub fn count(text: &str) -> Result<Option<u32>, Refusal> {
    whole(text, &['户', '人', '口'])?
        .map(count_from)
        .transpose()
}

/// A count from a whole number read some other way (a number cell).
pub fn count_from(n: u64) -> Result<u32, Refusal> {
    u32::try_from(n).map_err(|_| Refusal::TooLarge)
}

/// A term of office in years, 1 to 99 (5 or 5年).
pub fn term(text: &str) -> Result<Option<u8>, Refusal> {
    whole(text, &['年'])?.map(term_from).transpose()
}

/// A term from a whole number read some other way (a number cell).
pub fn term_from(n: u64) -> Result<u8, Refusal> {
    match n {
        1..=99 => Ok(n as u8),
        _ => Err(Refusal::TermOutOfRange),
    }
}

/// A whole number, thousands separators and a trailing unit allowed.
fn whole(text: &str, units: &[char]) -> Result<Option<u64>, Refusal> {
    let Some(folded) = value(text) else {
        return Ok(None);
    };
    let digits: String = folded
        .trim_end_matches(units)
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' '))
        .collect();
    let digits = digits.strip_suffix(".0").unwrap_or(&digits);
    if digits.starts_with('-') {
        return Err(Refusal::Negative);
    }
    digits.parse().map(Some).map_err(|_| Refusal::NotANumber)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn full_width_folds_to_ascii() {
        assert_eq!(fold("　ＸＹ０１－Ｂ１ "), "XY01-B1");
        assert_eq!(fold("２０２０。５\u{200B}"), "2020.5");
    }

    #[test]
    fn dates_in_every_written_form() {
        for text in [
            "2020-05-01",
            "2020/5/1",
            "2020.5.1",
            "2020年5月1日",
            "2020年5月1号",
            "２０２０年５月１日",
            " 2020－05－01 ",
            "20200501",
            "2020-05-01 00:00:00",
            "2020-05-01T08:30",
            "2020.05",
            "2020-5",
            "2020年5月",
            "202005",
        ] {
            assert_eq!(date(text), Ok(d(2020, 5, 1)), "{text}");
        }
        for empty in ["", "  ", "无", "-", "/"] {
            assert_eq!(date(empty), Ok(None), "{empty:?}");
        }
    }

    #[test]
    fn dates_refused_say_why() {
        for text in [
            "1990-13-01",
            "1990-02-30",
            "2020",
            "20-5-1",
            "43952",
            "五月一日",
            "2020-05-01-02",
        ] {
            assert_eq!(date(text), Err(Refusal::InvalidDate), "{text}");
        }
        assert_eq!(date("1850-01-01"), Err(Refusal::YearOutOfRange(1850)));
        assert_eq!(
            Refusal::YearOutOfRange(1850).to_string(),
            "年份 1850 超出范围 (year out of range)"
        );
        assert_eq!(
            Refusal::InvalidDate.to_string(),
            "不是有效日期 (invalid date)"
        );
        assert_eq!(
            in_years(d(2101, 1, 1).unwrap()),
            Err(Refusal::YearOutOfRange(2101))
        );
    }

    #[test]
    fn phones_mobile_and_landline() {
        for (text, number) in [
            ("13812345678", "13812345678"),
            ("１３８１２３４５６７８", "13812345678"),
            ("138 1234 5678", "138 1234 5678"),
            ("0477-5123456", "0477-5123456"),
            ("(0477)5123456", "(0477)5123456"),
            ("0477-5123456 转 8001", "0477-5123456 转 8001"),
            ("+86 13812345678", "+86 13812345678"),
            ("'13812345678", "13812345678"),
            ("13812345678.0", "13812345678"),
            ("8123456", "8123456"),
        ] {
            assert_eq!(phone(text), Ok(Some(number.to_string())), "{text}");
        }
        assert_eq!(phone("暂无"), Ok(None));
        for text in ["张三", "12ab", "123456", "138-1234-567x"] {
            assert_eq!(phone(text), Err(Refusal::InvalidPhone), "{text}");
        }
        assert_eq!(phone("1.38123E+10"), Err(Refusal::ScientificPhone));
        assert!(Refusal::InvalidPhone
            .to_string()
            .ends_with("(invalid phone)"));
    }

    #[test]
    fn id_numbers_keep_every_digit_or_are_refused() {
        assert_eq!(
            id_number(" １５０６２１１９８００３１２００１０ "),
            Ok(Some("150621198003120010".into()))
        );
        assert_eq!(
            id_number("11010519491231002x"),
            Ok(Some("11010519491231002X".into()))
        );
        assert_eq!(
            id_number("110105 19491231 002X"),
            Ok(Some("11010519491231002X".into()))
        );
        assert_eq!(id_number("无"), Ok(None));
        assert_eq!(id_number("1.50621E+17"), Err(Refusal::ScientificIdNumber));
        // Text keeps every digit: a wrong check character is a finding, not
        // a reading error.
        assert_eq!(
            id_number("150621197501080000"),
            Ok(Some("150621197501080000".into()))
        );
        assert_eq!(
            id_number("15062119800312001"),
            Err(Refusal::IdNumberLength(17))
        );
        assert_eq!(
            id_number("1506211980031200X1"),
            Err(Refusal::IdNumberLength(18))
        );
        assert_eq!(
            Refusal::IdNumberLength(17).to_string(),
            "不是 18 位身份证号 (invalid id number)：有 17 个字符"
        );
    }

    #[test]
    fn counts_tolerate_units_and_separators() {
        assert_eq!(count("1,234户"), Ok(Some(1234)));
        assert_eq!(count("３８８"), Ok(Some(388)));
        assert_eq!(count("388 人"), Ok(Some(388)));
        assert_eq!(count("12口"), Ok(Some(12)));
        assert_eq!(count("388.0"), Ok(Some(388)));
        assert_eq!(count("0"), Ok(Some(0)));
        assert_eq!(count("无"), Ok(None));
        assert_eq!(count("-3"), Err(Refusal::Negative));
        assert_eq!(count("3.5"), Err(Refusal::NotANumber));
        assert_eq!(count("很多"), Err(Refusal::NotANumber));
        assert_eq!(count("5000000000"), Err(Refusal::TooLarge));
        assert_eq!(Refusal::Negative.to_string(), "是负数 (negative)");
        assert_eq!(Refusal::NotANumber.to_string(), "不是整数 (not a number)");
        assert_eq!(count_from(388), Ok(388));
    }

    #[test]
    fn terms_are_one_to_ninety_nine_years() {
        assert_eq!(term("5年"), Ok(Some(5)));
        assert_eq!(term("99"), Ok(Some(99)));
        assert_eq!(term(""), Ok(None));
        assert_eq!(term("0"), Err(Refusal::TermOutOfRange));
        assert_eq!(term("100"), Err(Refusal::TermOutOfRange));
        assert_eq!(term("五年"), Err(Refusal::NotANumber));
        assert_eq!(term_from(3), Ok(3));
        assert_eq!(
            Refusal::TermOutOfRange.to_string(),
            "超出范围 (out of range)"
        );
    }
}
