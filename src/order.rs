//! Natural order: the order in which people list codes and names. Runs of
//! digits compare as numbers, so `J0101-B2` comes before `J0101-B10`; the rest
//! compares character by character. Siblings are ordered by code, then by name,
//! the same in the outline, the canvas, charts, rosters, posters and exports.

use std::cmp::Ordering;

/// Compares two texts in natural order. Texts that differ only in leading
/// zeros (`B02`, `B2`) are told apart by plain order, so the order is total.
pub fn natural(a: &str, b: &str) -> Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i].is_ascii_digit() && y[j].is_ascii_digit() {
            let (end_i, end_j) = (digits_end(x, i), digits_end(y, j));
            let order = compare_numbers(&x[i..end_i], &y[j..end_j]);
            if order != Ordering::Equal {
                return order;
            }
            (i, j) = (end_i, end_j);
        } else {
            match x[i].cmp(&y[j]) {
                Ordering::Equal => (i, j) = (i + 1, j + 1),
                order => return order,
            }
        }
    }
    (x.len() - i).cmp(&(y.len() - j)).then_with(|| a.cmp(b))
}

/// Orders records by code, then by name, both in natural order.
pub fn by_code_then_name(a: (&str, &str), b: (&str, &str)) -> Ordering {
    natural(a.0, b.0).then_with(|| natural(a.1, b.1))
}

fn digits_end(text: &[u8], from: usize) -> usize {
    text[from..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(text.len(), |n| from + n)
}

/// Compares two runs of ASCII digits by value, however long they are.
fn compare_numbers(a: &[u8], b: &[u8]) -> Ordering {
    let (a, b) = (significant(a), significant(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// A run of digits without its leading zeros.
fn significant(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&c| c == b'0').count();
    &digits[zeros..]
}

#[cfg(test)]
mod tests {
    use super::natural;
    use std::cmp::Ordering;

    #[test]
    fn digit_runs_compare_as_numbers() {
        let mut codes = vec!["J0101-B10", "J0101-B2", "J0101-B1", "J0101", "J0101-A3"];
        codes.sort_by(|a, b| natural(a, b));
        assert_eq!(
            codes,
            ["J0101", "J0101-A3", "J0101-B1", "J0101-B2", "J0101-B10"]
        );
        assert_eq!(natural("第2网格", "第10网格"), Ordering::Less);
        assert_eq!(natural("B02", "B2"), "B02".cmp("B2"));
        assert_eq!(
            natural("x99999999999999999999999", "x100000000000000000000000"),
            Ordering::Less
        );
    }
}
