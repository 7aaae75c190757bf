//! GB 11643-1999 citizen ID numbers: 17 digits, a check character, and a birth
//! date — the one implementation, used by the checks, the import, the forms
//! and the generator.

use crate::mask::Privacy;
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

/// What is wrong with an ID number. Shown whole ([`std::fmt::Display`]) where
/// the number itself is in view (a form), or as [`IdNumberError::shown`] in
/// reports. Neither states the check character the number should have: with
/// the area code, birth month and gender a masked roster prints, that would
/// narrow a person's number tenfold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    /// Not 18 characters.
    #[error("应为 18 位，实际 {0} 位")]
    Length(usize),
    /// Something other than digits in the first 17 places.
    #[error("前 17 位应全为数字")]
    NotDigits,
    /// The check character does not follow from the rest.
    #[error("校验位不符")]
    CheckCharacter,
    /// Digits 7–14 are no date.
    #[error("出生日期 {0} 不是有效日期")]
    BirthInvalid(String),
    /// The birth date it says is after today.
    #[error("出生日期 {0} 晚于今天")]
    BirthFuture(NaiveDate),
}

impl IdNumberError {
    /// The reason as `privacy` shows it: masked, no birth date more precise
    /// than its year and month, and none of the number's hidden digits.
    pub fn shown(&self, privacy: Privacy) -> String {
        match (privacy, self) {
            (Privacy::Masked, IdNumberError::BirthInvalid(_)) => {
                "第 7–14 位不是有效的出生日期".to_string()
            }
            (Privacy::Masked, IdNumberError::BirthFuture(date)) => {
                format!("出生日期 {} 晚于今天", crate::mask::birth(*date))
            }
            _ => self.to_string(),
        }
    }
}

/// Checks an ID number; the error says what is wrong.
pub fn check_id_number(number: &str, today: NaiveDate) -> Result<(), IdNumberError> {
    let n = number.trim().as_bytes();
    if n.len() != 18 {
        return Err(IdNumberError::Length(number.trim().chars().count()));
    }
    if !n[..17].iter().all(u8::is_ascii_digit) {
        return Err(IdNumberError::NotDigits);
    }
    if char::from(n[17].to_ascii_uppercase()) != check_character(&number.trim()[..17]) {
        return Err(IdNumberError::CheckCharacter);
    }
    let value = |digits: &[u8]| digits.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0'));
    let birth = NaiveDate::from_ymd_opt(
        value(&n[6..10]) as i32,
        value(&n[10..12]),
        value(&n[12..14]),
    )
    .ok_or_else(|| IdNumberError::BirthInvalid(String::from_utf8_lossy(&n[6..14]).into_owned()))?;
    if birth > today {
        return Err(IdNumberError::BirthFuture(birth));
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
        let wrong = check_id_number("110105194912310021", today).unwrap_err();
        assert_eq!(wrong, IdNumberError::CheckCharacter);
        assert!(!wrong.to_string().contains('X'), "{wrong}");
        let late = check_id_number("110105202701010016", today).unwrap_err();
        assert_eq!(late.shown(Privacy::Masked), "出生日期 2027-01 晚于今天");
        assert_eq!(
            birth_and_gender("11010519491231002X", today),
            Some((
                NaiveDate::from_ymd_opt(1949, 12, 31).unwrap(),
                Gender::Female
            ))
        );
    }
}
