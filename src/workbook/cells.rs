//! Reading one cell as what its column holds, tolerant of what real spreadsheets
//! contain: spaces around the value, full-width digits and punctuation, numbers
//! stored as text and text stored as numbers, Excel date serials, placeholders
//! like 无 in optional cells.
//!
//! Phone and ID numbers never go through `f64` rounding: a number cell is turned
//! into its digits only when all of them survived (Excel keeps 15 significant
//! digits); an ID number typed as a number has lost its last digits and is
//! refused rather than silently corrupted.

use super::columns::SEPARATORS;
use crate::model::{Category, Gender, Level};
use crate::parse::{self, fold, Refusal, YEARS};
use calamine::Data;
use chrono::{Days, NaiveDate};
use std::borrow::Cow;

/// Why a cell was refused: shown as 「got」why，应为 … (the column's
/// expectation), `got` quoted by [`super::error::quote`]: escaped, and a long
/// one only in part.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bad {
    /// The cell as the user sees it; None when the cell is empty.
    pub got: Option<String>,
    /// What is wrong, with an English keyword in parentheses.
    pub why: String,
}

impl Bad {
    fn new(got: impl Into<String>, why: impl Into<String>) -> Bad {
        Bad {
            got: Some(got.into()),
            why: why.into(),
        }
    }
}

type Parsed<T> = Result<Option<T>, Bad>;

/// Excel keeps 15 significant digits; numbers from here up have lost some.
const EXACT_LIMIT: f64 = 1e15;

/// Trimmed, zero-width characters removed; otherwise as written. Borrows when
/// there is nothing to remove inside, which is almost always.
fn clean(text: &str) -> Cow<'_, str> {
    let trimmed = trimmed(text);
    if trimmed.contains(is_zero_width) {
        Cow::Owned(trimmed.chars().filter(|&c| !is_zero_width(c)).collect())
    } else {
        Cow::Borrowed(trimmed)
    }
}

fn trimmed(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || is_zero_width(c))
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Whether the cell holds nothing (empty, or only spaces).
pub(crate) fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => trimmed(s).is_empty(),
        _ => false,
    }
}

/// Whether the cell shows exactly `text` (see [`shown`]), without allocating for
/// the usual text cell.
pub(crate) fn shows(cell: &Data, text: &str) -> bool {
    match cell {
        Data::Empty => text.is_empty(),
        Data::String(s) => clean(s) == text,
        other => shown(other) == text,
    }
}

/// The cell as the user sees it, for messages and for comparing with the
/// template's example row.
pub(crate) fn shown(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => clean(s).into_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(v) => shown_number(*v),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => excel_date(dt)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| shown_number(dt.as_f64())),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as Excel shows it in the formula bar: at most 15 significant digits.
fn shown_number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < EXACT_LIMIT {
        format!("{}", v as i64)
    } else if v.is_finite() && v.abs() >= EXACT_LIMIT {
        let scientific = format!("{:.14e}", v.abs());
        let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let width = exponent.parse::<usize>().unwrap_or(0) + 1;
        let sign = if v < 0.0 { "-" } else { "" };
        format!("{sign}{digits:0<width$}")
    } else {
        format!("{v}")
    }
}

/// The cell as text: strings as written (trimmed, line breaks and tabs as
/// spaces), numbers by their digits, dates as 2020-05-01. An error cell (#N/A …),
/// a number past Excel's precision or text holding any other control character
/// (ESC, NUL, a bidirectional override …, see [`crate::controls`]) is refused.
fn raw_text(cell: &Data) -> Parsed<Cow<'_, str>> {
    let text = match cell {
        Data::Empty => return Ok(None),
        Data::Error(e) => {
            return Err(Bad::new(
                e.to_string(),
                "是错误值 (cell error)，可能是公式出错",
            ))
        }
        Data::Float(v) if v.abs() >= EXACT_LIMIT => {
            return Err(Bad::new(
                shown_number(*v),
                "是超过 15 位的数字，Excel 已丢掉第 15 位之后的数字 (precision lost)",
            ))
        }
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => one_line(s)?,
        other => Cow::Owned(shown(other)),
    };
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// A text cell on one line ([`crate::controls::one_line`]), then cleaned. Text
/// longer than an Excel cell holds (only a CSV file or a crafted workbook has
/// it) is refused: it could not be exported again.
fn one_line(text: &str) -> Result<Cow<'_, str>, Bad> {
    let limit = super::write::CELL_CHARS;
    if text.len() > limit && text.chars().count() > limit {
        return Err(Bad::new(
            text,
            format!("超过单元格上限 {limit} 个字符 (text too long)"),
        ));
    }
    match crate::controls::one_line(text) {
        Ok(Cow::Borrowed(text)) => Ok(clean(text)),
        Ok(Cow::Owned(text)) => Ok(Cow::Owned(clean(&text).into_owned())),
        Err(c) => Err(Bad::new(clean(text), crate::controls::refusal(c))),
    }
}

/// Free text, kept as written (trimmed).
pub(crate) fn text(cell: &Data) -> Parsed<String> {
    Ok(raw_text(cell)?.map(Cow::into_owned))
}

/// One code; full-width letters and digits read as ASCII.
pub(crate) fn code(cell: &Data) -> Parsed<String> {
    let Some(raw) = raw_text(cell)? else {
        return Ok(None);
    };
    let code = fold(&raw);
    if code.contains(SEPARATORS) {
        return Err(Bad::new(
            raw,
            "含有分隔符 (separator in code)，一格只能写一个编码",
        ));
    }
    Ok(Some(code).filter(|c| !c.is_empty()))
}

/// Several codes in one cell.
pub(crate) fn codes(cell: &Data) -> Result<Vec<String>, Bad> {
    Ok(raw_text(cell)?
        .map(|raw| split(&fold(&raw)).map(fold).collect())
        .unwrap_or_default())
}

/// Several free-text items in one cell (职务, 小区).
pub(crate) fn list(cell: &Data) -> Result<Vec<String>, Bad> {
    Ok(raw_text(cell)?
        .map(|raw| split(&raw).map(|item| clean(item).into_owned()).collect())
        .unwrap_or_default())
}

fn split(text: &str) -> impl Iterator<Item = &str> {
    text.split(SEPARATORS).filter(|s| !clean(s).is_empty())
}

/// A typed cell read as text by `read` (see [`crate::parse`]); a refusal
/// quotes the cell as written.
fn typed<T>(cell: &Data, read: impl Fn(&str) -> Result<Option<T>, Refusal>) -> Parsed<T> {
    let Some(raw) = raw_text(cell)? else {
        return Ok(None);
    };
    read(&raw).map_err(|why| Bad::new(raw.into_owned(), why.to_string()))
}

/// A whole number from a number cell; `None` for a cell to read as text.
fn whole_number(cell: &Data) -> Option<Result<u64, Bad>> {
    let negative = || Refusal::Negative.to_string();
    Some(match cell {
        Data::Int(i) => u64::try_from(*i).map_err(|_| Bad::new(i.to_string(), negative())),
        Data::Float(v) if v.fract() == 0.0 && *v >= 0.0 && *v < EXACT_LIMIT => Ok(*v as u64),
        Data::Float(v) if *v < 0.0 => Err(Bad::new(shown_number(*v), negative())),
        Data::Float(v) => Err(Bad::new(shown_number(*v), "不是整数 (not an integer)")),
        Data::DateTime(_) => Err(Bad::new(shown(cell), "是日期，不是整数 (not a number)")),
        _ => return None,
    })
}

/// A count (户数, 人口).
pub(crate) fn count(cell: &Data) -> Parsed<u32> {
    match whole_number(cell) {
        Some(n) => parse::count_from(n?)
            .map(Some)
            .map_err(|why| Bad::new(shown(cell), why.to_string())),
        None => typed(cell, parse::count),
    }
}

/// A term of office in years, 1 to 99.
pub(crate) fn term(cell: &Data) -> Parsed<u8> {
    match whole_number(cell) {
        Some(n) => parse::term_from(n?)
            .map(Some)
            .map_err(|why| Bad::new(shown(cell), why.to_string())),
        None => typed(cell, parse::term),
    }
}

/// A date: an Excel date, a number (an Excel serial, 20200501, or 2020.05 that
/// Excel took for a number), a serial written as text (a date column saved as
/// CSV), or any form [`parse::date`] reads.
pub(crate) fn date(cell: &Data, date1904: bool) -> Parsed<NaiveDate> {
    let read = match cell {
        Data::Empty => return Ok(None),
        Data::DateTime(dt) if dt.is_datetime() => checked(excel_date(dt)),
        Data::DateTime(_) => Err(Refusal::InvalidDate.to_string()),
        Data::Int(i) => number_date(*i as f64, date1904),
        Data::Float(v) => number_date(*v, date1904),
        Data::DateTimeIso(s) => text_date(s, date1904),
        _ => match raw_text(cell)? {
            None => return Ok(None),
            Some(raw) => text_date(&raw, date1904),
        },
    };
    read.map_err(|why| Bad::new(shown(cell), why))
}

/// A date found in a cell, refused as a typed one would be.
fn checked(found: Option<NaiveDate>) -> Result<Option<NaiveDate>, String> {
    found
        .ok_or(Refusal::InvalidDate)
        .and_then(parse::in_years)
        .map(Some)
        .map_err(|why| why.to_string())
}

/// The date of an Excel date cell (either epoch).
fn excel_date(dt: &calamine::ExcelDateTime) -> Option<NaiveDate> {
    if dt.as_f64() < 1.0 {
        return None;
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
}

/// A date typed as a number: 2020.05 (read by Excel as a number), 20200501, or
/// an Excel serial.
fn number_date(v: f64, date1904: bool) -> Result<Option<NaiveDate>, String> {
    if !v.is_finite() {
        return checked(None);
    }
    let written = |text: &str| parse::date(text).map_err(|why| why.to_string());
    if v.fract() != 0.0 && YEARS.contains(&(v.trunc() as i32)) {
        let text = format!("{v}");
        if text.split_once('.').is_some_and(|(_, m)| m == "1") {
            return Err(
                "不能确定是 1 月还是 10 月 (ambiguous date)：Excel 把 2020.10 存成了数字 2020.1"
                    .into(),
            );
        }
        return written(&text);
    }
    if YEARS.contains(&(v as i32)) && v.fract() == 0.0 {
        return Err("只有年份 (incomplete date)".into());
    }
    if (19_000_101.0..=21_001_231.0).contains(&v) {
        return written(&format!("{}", v as u64));
    }
    checked(serial_date(v.floor(), date1904))
}

/// A date written as text: an Excel serial of five digits (what a date cell
/// becomes in a CSV file saved without its format), or any form
/// [`parse::date`] reads.
fn text_date(text: &str, date1904: bool) -> Result<Option<NaiveDate>, String> {
    let folded = fold(text);
    if folded.len() == 5 && folded.chars().all(|c| c.is_ascii_digit()) {
        return checked(folded.parse().ok().and_then(|v| serial_date(v, date1904)));
    }
    parse::date(&folded).map_err(|why| why.to_string())
}

/// The date of an Excel serial number.
fn serial_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial as u64;
    if date1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?.checked_add_days(Days::new(days))
    } else if days == 60 {
        None // 1900-02-29, which Excel counts but which never was.
    } else if days < 60 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?.checked_add_days(Days::new(days))
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(days))
    }
}

/// A phone number read from a cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phone {
    /// The number as text.
    pub number: String,
    /// Whether a leading 0 lost by storing the number as a number was put back.
    pub restored_zero: bool,
}

/// A phone number. A number cell's digits are taken as they are; a landline whose
/// leading 0 Excel dropped (9–11 digits, not a mobile number) gets it back.
pub(crate) fn phone(cell: &Data) -> Parsed<Phone> {
    match cell {
        Data::Int(i) => number_phone(*i as f64),
        Data::Float(v) => number_phone(*v),
        Data::DateTime(_) | Data::Bool(_) => {
            Err(Bad::new(shown(cell), Refusal::InvalidPhone.to_string()))
        }
        _ => Ok(typed(cell, parse::phone)?.map(|number| Phone {
            number,
            restored_zero: false,
        })),
    }
}

/// A phone number stored as a number cell.
fn number_phone(v: f64) -> Parsed<Phone> {
    if v < 0.0 || v.fract() != 0.0 || v >= EXACT_LIMIT {
        return Err(Bad::new(shown_number(v), Refusal::InvalidPhone.to_string()));
    }
    let digits = format!("{}", v as u64);
    let mobile = digits.len() == 11 && digits.starts_with('1');
    let lost_zero = (9..=11).contains(&digits.len()) && !mobile;
    Ok(Some(Phone {
        number: if lost_zero {
            format!("0{digits}")
        } else {
            digits
        },
        restored_zero: lost_zero,
    }))
}

/// An 18-character ID number ([`parse::id_number`]). A number cell of 16 or
/// more digits has lost its last ones to Excel's precision and is refused
/// (150621198003120019 typed as a number is kept as 150621198003120000). A
/// text cell keeps every digit and is read as written, even ending in 000.
pub(crate) fn id_number(cell: &Data) -> Parsed<String> {
    match cell {
        Data::Float(v) if v.abs() >= EXACT_LIMIT => Err(Bad::new(
            shown(cell),
            "是数字，Excel 只保留 15 位有效数字，后几位已丢失 (precision lost)",
        )),
        Data::DateTime(_) | Data::Bool(_) => {
            Err(Bad::new(shown(cell), "不是身份证号 (invalid id number)"))
        }
        _ => typed(cell, parse::id_number),
    }
}

/// 是 / 否 (also Y/N, yes/no, true/false, 1/0, √/×, and Excel's TRUE/FALSE).
pub(crate) fn yes_no(cell: &Data) -> Parsed<bool> {
    match cell {
        Data::Empty => Ok(None),
        Data::Bool(b) => Ok(Some(*b)),
        _ => {
            let Some(raw) = raw_text(cell)? else {
                return Ok(None);
            };
            match fold(&raw).to_ascii_uppercase().as_str() {
                "是" | "Y" | "YES" | "TRUE" | "1" | "√" | "✓" | "✔" => Ok(Some(true)),
                "否" | "N" | "NO" | "FALSE" | "0" | "×" | "✗" | "✘" => Ok(Some(false)),
                _ => Err(Bad::new(raw, "不是 是/否 (invalid yes/no)")),
            }
        }
    }
}

/// 男 / 女 (also 男性, 女性, M/F and the 1/2 of GB/T 2261.1).
pub(crate) fn gender(cell: &Data) -> Parsed<Gender> {
    let Some(raw) = raw_text(cell)? else {
        return Ok(None);
    };
    match fold(&raw).to_ascii_uppercase().as_str() {
        "男" | "男性" | "M" | "MALE" | "1" => Ok(Some(Gender::Male)),
        "女" | "女性" | "F" | "FEMALE" | "2" => Ok(Some(Gender::Female)),
        _ => Err(Bad::new(raw, "不是性别 (invalid gender)")),
    }
}

/// 正式党员 / 预备党员 (also 正式, 预备).
pub(crate) fn category(cell: &Data) -> Parsed<Category> {
    let Some(raw) = raw_text(cell)? else {
        return Ok(None);
    };
    match fold(&raw).as_str() {
        "正式党员" | "正式" => Ok(Some(Category::Full)),
        "预备党员" | "预备" => Ok(Some(Category::Probationary)),
        _ => Err(Bad::new(raw, "不是人员类别 (invalid category)")),
    }
}

/// A level: 街道 / 社区 / 支部 / 党小组 / 中心户 or a full name.
pub(crate) fn level(cell: &Data) -> Parsed<Level> {
    let Some(raw) = raw_text(cell)? else {
        return Ok(None);
    };
    Level::parse(&fold(&raw))
        .map(Some)
        .ok_or_else(|| Bad::new(raw, "不是层级 (invalid level)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Data {
        Data::String(text.into())
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn full_width_codes_fold_to_ascii() {
        assert_eq!(
            code(&s(" ＸＹ０１\u{200B}")).unwrap().as_deref(),
            Some("XY01")
        );
    }

    #[test]
    fn dates_in_every_written_form() {
        // The written forms are `parse`'s; a cell adds the serial as text.
        for text in ["2020-05-01", "43952"] {
            assert_eq!(date(&s(text), false).unwrap(), d(2020, 5, 1), "{text}");
        }
        assert_eq!(date(&Data::Float(43952.0), false).unwrap(), d(2020, 5, 1));
        assert_eq!(date(&Data::Float(2020.05), false).unwrap(), d(2020, 5, 1));
        assert_eq!(date(&Data::Float(2020.12), false).unwrap(), d(2020, 12, 1));
        assert_eq!(
            date(&Data::Float(20200501.0), false).unwrap(),
            d(2020, 5, 1)
        );
        assert_eq!(date(&Data::Float(42486.0), true).unwrap(), d(2020, 4, 27));
        assert!(date(&Data::Float(2020.1), false).is_err());
        assert!(date(&s("1990-13-01"), false).is_err());
        assert!(date(&s("1990-02-30"), false).is_err());
        assert!(date(&s("1850-01-01"), false).is_err());
        assert!(date(&Data::Float(60.0), false).is_err());
        assert_eq!(date(&s("无"), false).unwrap(), None);
    }

    #[test]
    fn text_cells_are_read_by_parse_and_refusals_quote_the_cell() {
        assert_eq!(date(&s("42486"), true).unwrap(), d(2020, 4, 27));
        assert_eq!(
            date(&s(" 2020-13-01 "), false),
            Err(Bad {
                got: Some("2020-13-01".into()),
                why: "不是有效日期 (invalid date)".into(),
            })
        );
        assert_eq!(
            date(&Data::Float(80000.0), false).unwrap_err().why,
            "年份 2119 超出范围 (year out of range)"
        );
        assert_eq!(
            count(&s("-3户")).unwrap_err(),
            Bad {
                got: Some("-3户".into()),
                why: "是负数 (negative)".into(),
            }
        );
        assert_eq!(
            term(&Data::Float(120.0)).unwrap_err().why,
            "超出范围 (out of range)"
        );
    }

    #[test]
    fn serials_around_the_leap_year_bug() {
        assert_eq!(serial_date(1.0, false), d(1900, 1, 1));
        assert_eq!(serial_date(59.0, false), d(1900, 2, 28));
        assert_eq!(serial_date(61.0, false), d(1900, 3, 1));
    }

    #[test]
    fn phones_as_numbers_and_text() {
        let number = |v: f64| phone(&Data::Float(v)).unwrap().unwrap().number;
        assert_eq!(number(13812345678.0), "13812345678");
        assert_eq!(number(4775123456.0), "04775123456");
        assert_eq!(number(1062345678.0), "01062345678");
        assert_eq!(number(8123456.0), "8123456");
        let text = |t: &str| phone(&s(t)).unwrap().unwrap().number;
        assert_eq!(text("１３８１２３４５６７８"), "13812345678");
        assert_eq!(text("0477-5123456"), "0477-5123456");
        assert_eq!(text("13812345678.0"), "13812345678");
        assert!(phone(&s("1.38123E+10")).is_err());
        assert!(phone(&s("张三")).is_err());
        assert_eq!(phone(&s("暂无")).unwrap(), None);
    }

    #[test]
    fn id_numbers_keep_every_digit_or_are_refused() {
        assert_eq!(
            id_number(&s(" １５０６２１１９８００３１２００１０ "))
                .unwrap()
                .as_deref(),
            Some("150621198003120010")
        );
        assert_eq!(
            id_number(&s("11010519491231002x")).unwrap().as_deref(),
            Some("11010519491231002X")
        );
        assert!(id_number(&Data::Float(150621198003120010.0)).is_err());
        assert!(id_number(&s("1.50621E+17")).is_err());
        // Text keeps every digit, even after a wrong check character's 000.
        assert_eq!(
            id_number(&s("150621198003120000")).unwrap().as_deref(),
            Some("150621198003120000")
        );
        assert!(id_number(&s("15062119800312001")).is_err());
    }

    #[test]
    fn shown_numbers_keep_what_excel_keeps() {
        assert_eq!(shown_number(150621198003120019.0), "150621198003120000");
        assert_eq!(shown_number(388.0), "388");
        assert_eq!(shown_number(2.5), "2.5");
    }

    #[test]
    fn counts_tolerate_units_and_separators() {
        assert_eq!(count(&s("1,234户")).unwrap(), Some(1234));
        assert_eq!(count(&s("３８８")).unwrap(), Some(388));
        assert_eq!(count(&Data::Float(388.0)).unwrap(), Some(388));
        assert!(count(&Data::Float(3.5)).is_err());
        assert!(count(&s("-3")).is_err());
        assert!(count(&s("很多")).is_err());
        assert_eq!(term(&s("5年")).unwrap(), Some(5));
        assert!(term(&s("0")).is_err());
    }

    #[test]
    fn choices_in_their_usual_spellings() {
        assert_eq!(yes_no(&s(" 是 ")).unwrap(), Some(true));
        assert_eq!(yes_no(&Data::Bool(false)).unwrap(), Some(false));
        assert!(yes_no(&s("也许")).is_err());
        assert_eq!(gender(&s("女性")).unwrap(), Some(Gender::Female));
        assert_eq!(category(&s("预备")).unwrap(), Some(Category::Probationary));
        assert_eq!(level(&s("网格党支部")).unwrap(), Some(Level::Branch));
        assert!(level(&s("居委会")).is_err());
    }
}
