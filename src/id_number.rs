//! GB 11643-1999 citizen ID numbers: 17 digits, a check character, and a birth
//! date — the one implementation, used by the checks, the import, the forms
//! and the generator.

use crate::model::Gender;
use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The check character of an ID number's first 17 digits.
pub fn check_character(first17: &str) -> char {
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(d, w)| char::from(d).to_digit(10).unwrap_or(0) * w)
        .sum();
    char::from(CHECK[(sum % 11) as usize])
}

/// The birth date and gender a valid ID number says: digits 7–14 are the
/// birth date, the 17th is odd for men and even for women. `None` for a
/// number that fails [`check_id_number`].
pub fn birth_and_gender(number: &str, today: NaiveDate) -> Option<(NaiveDate, Gender)> {
    check_id_number(number, today).ok()?;
    let n = number.trim().as_bytes();
    let text = std::str::from_utf8(&n[6..14]).ok()?;
    let birth = NaiveDate::parse_from_str(text, "%Y%m%d").ok()?;
    let gender = if (n[16] - b'0') % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    Some((birth, gender))
}

/// Checks an ID number; the error says what is wrong, in Chinese.
pub fn check_id_number(number: &str, today: NaiveDate) -> Result<(), String> {
    let n = number.trim().as_bytes();
    if n.len() != 18 {
        return Err(format!(
            "应为 18 位，实际 {} 位",
            number.trim().chars().count()
        ));
    }
    if !n[..17].iter().all(u8::is_ascii_digit) {
        return Err("前 17 位应全为数字".into());
    }
    let expected = check_character(&number.trim()[..17]);
    if char::from(n[17].to_ascii_uppercase()) != expected {
        return Err(format!("校验位应为 {expected}"));
    }
    let value = |digits: &[u8]| digits.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0'));
    let birth = NaiveDate::from_ymd_opt(
        value(&n[6..10]) as i32,
        value(&n[10..12]),
        value(&n[12..14]),
    )
    .ok_or_else(|| {
        format!(
            "出生日期 {} 不是有效日期",
            String::from_utf8_lossy(&n[6..14])
        )
    })?;
    if birth > today {
        return Err(format!("出生日期 {birth} 晚于今天"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_character_matches_the_standard_example() {
        // The worked example of GB 11643-1999: 11010519491231002X.
        assert_eq!(check_character("11010519491231002"), 'X');
        assert_eq!(check_character("44052418800101001"), '4');
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(check_id_number("11010519491231002X", today), Ok(()));
        assert_eq!(
            birth_and_gender("11010519491231002X", today),
            Some((
                NaiveDate::from_ymd_opt(1949, 12, 31).unwrap(),
                Gender::Female
            ))
        );
    }
}
