//! Masking of ID numbers, phones and birth dates in printed and exported output
//! (domain.md, Privacy): the hidden characters never reach the file.
//!
//! The masking has to hold against a reader who combines columns. An ID number
//! is its area code (6 digits a local reader knows), the birth date (8), three
//! sequence digits (the last one's parity is the gender) and a check character
//! computed from the rest. Printing 前6后4 beside a full birth date gave every
//! number back. So masked output shows at most the birth year and month — in
//! the ID number (`150602199504******`) and in the birth column (`1995-04`,
//! text, never a date) — and never a sequence digit: what stays unknown is the
//! day (28–31) and the sequence digits (500 with the gender known), at least
//! 14,000 numbers for every person.

use chrono::NaiveDate;

/// Whether output shows personal numbers whole or masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privacy {
    /// ID numbers, phones and birth dates masked: the default for anything
    /// printed or exported.
    Masked,
    /// Everything whole, as the user asked (`--unmasked`).
    Whole,
}

impl Privacy {
    /// Masked unless `unmasked`.
    pub fn unless(unmasked: bool) -> Privacy {
        if unmasked {
            Privacy::Whole
        } else {
            Privacy::Masked
        }
    }

    /// An ID number as this output shows it; empty when there is none.
    pub fn id_number(self, number: Option<&str>) -> String {
        match (self, number) {
            (_, None) => String::new(),
            (Privacy::Whole, Some(n)) => n.trim().to_string(),
            (Privacy::Masked, Some(n)) => id_number(n),
        }
    }

    /// A phone as this output shows it; empty when there is none.
    pub fn phone(self, phone_number: Option<&str>) -> String {
        match (self, phone_number) {
            (_, None) => String::new(),
            (Privacy::Whole, Some(p)) => p.trim().to_string(),
            (Privacy::Masked, Some(p)) => phone(p),
        }
    }

    /// A birth date as this output shows it: `1995-04-27`, or `1995-04` masked.
    pub fn birth(self, date: Option<NaiveDate>) -> String {
        match (self, date) {
            (_, None) => String::new(),
            (Privacy::Whole, Some(d)) => d.to_string(),
            (Privacy::Masked, Some(d)) => birth(d),
        }
    }
}

/// The 18 places of an ID number with only the area code and the birth year and
/// month shown: `150602199504******`. Anything that is not shaped like an ID
/// number (wrong length, no year and month where they belong — an old 15-digit
/// number would show its whole birth date there) is starred whole, still in 18
/// places, so a malformed number never shows more than a valid one.
pub fn id_number(text: &str) -> String {
    const SHOWN: usize = 12;
    let chars: Vec<char> = text.trim().chars().collect();
    let shaped = chars.len() == 18
        && chars[..SHOWN].iter().all(char::is_ascii_digit)
        && year_month(&chars[6..SHOWN]);
    if shaped {
        chars[..SHOWN]
            .iter()
            .chain(std::iter::repeat_n(&'*', 18 - SHOWN))
            .collect()
    } else {
        "*".repeat(18)
    }
}

/// Whether six digits read as a year from 1800 to 2199 and a month 01–12.
fn year_month(digits: &[char]) -> bool {
    let number: String = digits.iter().collect();
    let (year, month) = number.split_at(4);
    matches!(year.parse::<u32>(), Ok(1800..=2199)) && matches!(month.parse::<u32>(), Ok(1..=12))
}

/// A birth date as masked output shows it: year and month, `1995-04`.
pub fn birth(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}

/// A phone number with its first 3 and last 4 characters kept.
pub fn phone(text: &str) -> String {
    keep(text, 3, 4)
}

/// Keeps `head` and `tail` characters and stars the rest. Text too short to
/// hide anything that way is starred whole.
fn keep(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let n = chars.len();
    if n <= head + tail {
        return "*".repeat(n);
    }
    chars[..head]
        .iter()
        .chain(std::iter::repeat_n(&'*', n - head - tail))
        .chain(&chars[n - tail..])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_number_shows_its_area_and_birth_month_only() {
        assert_eq!(id_number("150621198503124517"), "150621198503******");
        assert_eq!(id_number(" 11010519491231002X "), "110105194912******");
        // Malformed: 15-digit (whole birth date at 6..12), short, shifted, text.
        for bad in [
            "150621850312451",
            "15062119850312451",
            "1506211985031245170",
            "x50621198503124517",
            "150621950312451700",
            "张三",
            "",
        ] {
            assert_eq!(id_number(bad), "*".repeat(18), "{bad}");
        }
    }

    #[test]
    fn phones_keep_at_most_3_and_4_and_births_their_month() {
        assert_eq!(phone(" 13812345678 "), "138****5678");
        assert_eq!(phone("5678123"), "*******");
        assert_eq!(phone(""), "");
        let d = NaiveDate::from_ymd_opt(1995, 4, 27);
        assert_eq!(Privacy::Masked.birth(d), "1995-04");
        assert_eq!(Privacy::Whole.birth(d), "1995-04-27");
        assert_eq!(Privacy::Masked.id_number(None), "");
    }
}
