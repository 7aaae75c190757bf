//! Masking of ID numbers, phones and birth dates in printed and exported output
//! (docs/cli.md, "Privacy"): the hidden characters never reach the file.
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

/// A field that holds a personal number, by its name in the document file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    /// `id_number`.
    IdNumber,
    /// `phone`, `leader_phone`, `worker_phone`.
    Phone,
    /// `birth`.
    Birth,
}

impl Personal {
    /// What a field named as in the file holds; `None` for anything that is
    /// not a personal number.
    pub fn of(field: &str) -> Option<Personal> {
        match field {
            "id_number" => Some(Personal::IdNumber),
            "birth" => Some(Personal::Birth),
            "phone" => Some(Personal::Phone),
            f if f.ends_with("_phone") => Some(Personal::Phone),
            _ => None,
        }
    }

    /// A value of the field as `privacy` shows it. A birth that is no date
    /// is starred whole when masked.
    pub fn show(self, privacy: Privacy, text: &str) -> String {
        match self {
            Personal::IdNumber => privacy.id_number(Some(text)),
            Personal::Phone => privacy.phone(Some(text)),
            Personal::Birth => match (privacy, birth_date(text)) {
                (Privacy::Whole, _) => text.trim().to_string(),
                (Privacy::Masked, Some(date)) => birth(date),
                (Privacy::Masked, None) => "*".repeat(text.trim().chars().count()),
            },
        }
    }

    /// Which hidden part tells `values` apart where masked output shows them
    /// all alike — `日` for two birth dates of one month, `出生日、顺序码` for
    /// two ID numbers — so that a report can say that they differ without
    /// saying how. `None` where they are the same, or where what masked
    /// output shows already tells them apart.
    pub fn hidden_difference(self, values: &[&str]) -> Option<String> {
        let (first, rest) = values.split_first()?;
        let shown = self.show(Privacy::Masked, first);
        if rest.iter().any(|v| self.show(Privacy::Masked, v) != shown) {
            return None;
        }
        let chars = |text: &str| -> Vec<char> {
            text.trim()
                .chars()
                .map(|c| c.to_ascii_uppercase())
                .collect()
        };
        let first = chars(first);
        let rest: Vec<Vec<char>> = rest.iter().map(|v| chars(v)).collect();
        if rest.iter().all(|v| *v == first) {
            return None;
        }
        let starred_whole = !shown.starts_with(|c| c != '*');
        let part = match self {
            _ if starred_whole => "遮盖的部分",
            Personal::Birth => "日",
            Personal::Phone => "中间几位",
            Personal::IdNumber => {
                let parts: Vec<&str> = [(12..14, "出生日"), (14..17, "顺序码"), (17..18, "校验位")]
                    .into_iter()
                    .filter(|(at, _)| rest.iter().any(|v| v[at.clone()] != first[at.clone()]))
                    .map(|(_, name)| name)
                    .collect();
                return Some(parts.join("、"));
            }
        };
        Some(part.to_string())
    }
}

/// A birth date as the file writes it (`1995-04-27`), if it is one.
fn birth_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
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

    #[test]
    fn values_shown_alike_say_which_hidden_part_differs() {
        let birth = Personal::of("birth").unwrap();
        assert_eq!(birth.show(Privacy::Masked, "1946-07-19"), "1946-07");
        assert_eq!(birth.show(Privacy::Masked, "昨天"), "**");
        assert_eq!(
            birth
                .hidden_difference(&["1946-07-19", "1946-07-20"])
                .as_deref(),
            Some("日")
        );
        assert_eq!(birth.hidden_difference(&["1946-07-19", "1946-08-19"]), None);
        assert_eq!(birth.hidden_difference(&["1946-07-19", "1946-07-19"]), None);
        let id = Personal::of("id_number").unwrap();
        assert_eq!(
            id.hidden_difference(&["150602194607191234", "150602194607201245"])
                .as_deref(),
            Some("出生日、顺序码、校验位")
        );
        assert_eq!(
            id.hidden_difference(&["15060219460719123x", "15060219460719123X"]),
            None
        );
        assert_eq!(
            id.hidden_difference(&["150602194607一九一二三四", "150602194607一九一二四四"])
                .as_deref(),
            Some("顺序码")
        );
        assert_eq!(
            id.hidden_difference(&["1506021946", "1506021947"])
                .as_deref(),
            Some("遮盖的部分")
        );
        let phone = Personal::of("leader_phone").unwrap();
        assert_eq!(
            phone
                .hidden_difference(&["13912345678", "13987655678"])
                .as_deref(),
            Some("中间几位")
        );
        assert_eq!(Personal::of("name"), None);
    }
}
