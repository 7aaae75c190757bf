//! Masking of ID and phone numbers on printouts (domain.md, Privacy): the
//! masked characters never reach the PDF.

/// An ID number with its first 6 and last 4 characters kept.
pub fn id_number(text: &str) -> String {
    keep(text, 6, 4)
}

/// A phone number with its first 3 and last 4 characters kept.
pub fn phone(text: &str) -> String {
    keep(text, 3, 4)
}

/// Masks every ID and phone number of a document (members, households,
/// leaders and grid workers), for a copy that is to be shared.
pub fn document(document: &mut crate::model::Document) {
    let masked = |p: &mut Option<String>| {
        if let Some(v) = p.as_mut() {
            *v = phone(v);
        }
    };
    for m in document.members.values_mut() {
        if let Some(n) = m.id_number.as_mut() {
            *n = id_number(n);
        }
        masked(&mut m.phone);
    }
    for h in document.households.values_mut() {
        masked(&mut h.phone);
    }
    for u in document.units.values_mut() {
        masked(&mut u.leader_phone);
    }
    for g in document.grids.values_mut() {
        masked(&mut g.worker_phone);
    }
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
    #[test]
    fn masks_keep_the_ends_and_hide_short_numbers_whole() {
        assert_eq!(super::id_number("150621198503124517"), "150621********4517");
        assert_eq!(super::phone(" 13812345678 "), "138****5678");
        assert_eq!(super::phone("5678123"), "*******");
        assert_eq!(super::phone(""), "");
    }
}
