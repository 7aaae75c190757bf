//! How a change or conflict names its record (docs/cli.md, `diff --format
//! json`): a unit's, grid's or building's own code; for a member its unit's
//! code, for a household its 中心户's code, for a co-building unit the code of
//! the unit it joins; and the record's name (a household's head). Also how a
//! conflict's values are shown. Both `check` (the `merge-conflict` findings) and
//! `versions` (change and merge reports) read it, so it sits below both.

use crate::mask::{Personal, Privacy};
use crate::model::{Conflict, Document, Id};

/// The code and name a report gives the record `id` of `document`; empty
/// strings for what the document does not hold.
pub fn code_and_name(document: &Document, id: Id) -> (String, String) {
    let unit_code = |unit: Id| {
        document
            .units
            .get(&unit)
            .map(|u| u.code.clone())
            .unwrap_or_default()
    };
    if let Some(u) = document.units.get(&id) {
        (u.code.clone(), u.name.clone())
    } else if let Some(g) = document.grids.get(&id) {
        (g.code.clone(), g.name.clone())
    } else if let Some(b) = document.buildings.get(&id) {
        (b.code.clone(), b.name.clone())
    } else if let Some(m) = document.members.get(&id) {
        (unit_code(m.unit), m.name.clone())
    } else if let Some(h) = document.households.get(&id) {
        (unit_code(h.linked_by), h.head.clone())
    } else if let Some(c) = document.co_builders.get(&id) {
        (unit_code(c.joins), c.name.clone())
    } else {
        (String::new(), String::new())
    }
}

/// A value of a change or conflict as a report shows it, as written in the
/// file (strings quoted): ID numbers, phones and birth dates masked
/// (docs/cli.md, "Privacy") as `privacy` says.
pub fn shown_value(field: &str, value: &str, privacy: Privacy) -> String {
    let inner = unquoted(value);
    match Personal::of(field) {
        Some(kind) if privacy == Privacy::Masked => format!("\"{}\"", kind.show(privacy, inner)),
        _ => value.to_string(),
    }
}

fn unquoted(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}

/// A conflict's values as a report shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictValues {
    /// The base's value ([`shown_value`]); `None` where it had none.
    pub base: Option<String>,
    /// Ours'.
    pub ours: Option<String>,
    /// Theirs'.
    pub theirs: Option<String>,
    /// Where masking shows two or three of them alike, which sides differ in
    /// which hidden part: `原、我方、对方日不同`.
    pub differs: Option<String>,
}

impl ConflictValues {
    /// The three values of `conflict` as `privacy` shows them.
    pub fn of(conflict: &Conflict, privacy: Privacy) -> ConflictValues {
        let sides = [
            ("原", &conflict.base),
            ("我方", &conflict.ours),
            ("对方", &conflict.theirs),
        ];
        let [base, ours, theirs] = sides.map(|(_, v)| {
            v.as_deref()
                .map(|v| shown_value(&conflict.field, v, privacy))
        });
        let differs = Personal::of(&conflict.field)
            .filter(|_| privacy == Privacy::Masked)
            .and_then(|kind| {
                let present: Vec<(&str, &str, String)> = sides
                    .iter()
                    .filter_map(|(side, v)| {
                        let v = unquoted(v.as_deref()?);
                        Some((*side, v, kind.show(privacy, v)))
                    })
                    .collect();
                // At most one group of sides shown alike among three.
                present.iter().find_map(|(_, _, shown)| {
                    let alike: Vec<&(&str, &str, String)> =
                        present.iter().filter(|p| &p.2 == shown).collect();
                    let values: Vec<&str> = alike.iter().map(|p| p.1).collect();
                    let part = kind.hidden_difference(&values)?;
                    let sides: Vec<&str> = alike.iter().map(|p| p.0).collect();
                    Some(format!("{}{part}不同", sides.join("、")))
                })
            });
        ConflictValues {
            base,
            ours,
            theirs,
            differs,
        }
    }

    /// `（原、我方、对方日不同）` where masking shows values alike; empty
    /// otherwise. Reports put it after the values.
    pub fn note(&self) -> String {
        self.differs
            .as_ref()
            .map(|d| format!("（{d}）"))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordKind;

    fn birth(base: Option<&str>, ours: &str, theirs: &str) -> Conflict {
        let quoted = |v: &str| format!("\"{v}\"");
        Conflict {
            record: RecordKind::Member,
            id: Id(7),
            field: "birth".into(),
            base: base.map(quoted),
            ours: Some(quoted(ours)),
            theirs: Some(quoted(theirs)),
        }
    }

    #[test]
    fn conflicting_birth_dates_show_their_month_and_which_sides_differ_in_the_day() {
        let c = birth(Some("1946-06-30"), "1946-07-19", "1946-07-20");
        let shown = ConflictValues::of(&c, Privacy::Masked);
        assert_eq!(shown.base.as_deref(), Some("\"1946-06\""));
        assert_eq!(shown.ours.as_deref(), Some("\"1946-07\""));
        assert_eq!(shown.note(), "（我方、对方日不同）");
        let c = birth(None, "1946-07-19", "1946-08-19");
        assert_eq!(ConflictValues::of(&c, Privacy::Masked).differs, None);
        let whole = ConflictValues::of(&c, Privacy::Whole);
        assert_eq!(whole.ours.as_deref(), Some("\"1946-07-19\""));
        assert_eq!(whole.note(), "");
    }
}
